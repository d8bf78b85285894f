"""ROUGE of briefing's extractive summarizer next to Lead-3 on CNN/DailyMail samples.

Reads the 100-article SummEval and REALSumm CNN/DM test samples from
``../shared/data`` (relative to the repository root), summarizes each article with
``lead-3`` and ``extractive`` and scores both against the original highlights with
``rouge-score`` (ROUGE-1, ROUGE-2, ROUGE-Lsum, use_stemmer=True; sentences separated
by newlines for ROUGE-Lsum). Prints one JSON object.

Usage::

    python benchmarks/rouge_extractive.py [--data DIR] [--sentences 3]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from rouge_score import rouge_scorer  # noqa: E402

from briefing import Article  # noqa: E402
from briefing.summarize._extractive import extractive_summary, lead_summary  # noqa: E402

DATASETS = {
    "summeval-cnndm": "summeval-cnndm/summeval.jsonl",
    "realsumm-cnndm": "realsumm-cnndm/realsumm.jsonl",
}
_REF_SPLIT = re.compile(r"(?<=[.!?])\s+(?=\S)")


def reference_lines(text: str) -> str:
    """The highlights with one sentence per line (what ROUGE-Lsum expects)."""
    return "\n".join(part.strip() for part in _REF_SPLIT.split(text.strip()) if part.strip())


def evaluate(path: Path, sentences: int) -> dict[str, Any]:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    totals: dict[str, dict[str, float]] = {}
    words: dict[str, float] = {}
    for record in records:
        article = Article(record["src"])
        reference = reference_lines(record["ref_summ"])
        for name, summary in (
            ("lead-3", lead_summary(article, sentences)),
            ("extractive", extractive_summary(article, sentences)),
        ):
            scores = scorer.score(reference, "\n".join(summary.sentences))
            bucket = totals.setdefault(name, {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0})
            for key in bucket:
                bucket[key] += scores[key].fmeasure
            words[name] = words.get(name, 0.0) + len(summary.text.split())
    n = len(records)
    return {
        "articles": n,
        **{
            name: {
                **{key: round(100 * value / n, 2) for key, value in bucket.items()},
                "words": round(words[name] / n, 1),
            }
            for name, bucket in totals.items()
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--sentences", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, Any] = {}
    for name, relative in DATASETS.items():
        path = args.data / relative
        if not path.exists():
            results[name] = {"skipped": f"{path} not found"}
            continue
        results[name] = evaluate(path, args.sentences)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
