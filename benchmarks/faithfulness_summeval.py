"""How well ``briefing.check`` ranks SummEval summaries by expert consistency.

Reads ``../shared/data/summeval-cnndm/summeval.jsonl`` (100 CNN/DM articles, 16
systems each, 1,600 summaries with expert consistency scores), scores every summary
with :func:`briefing.check`, and prints the pooled Spearman correlation with the
expert scores over all 1,600 summaries, and separately over the articles with even
and with odd index. Any penalty or threshold is tuned on the even articles only; the
odd ones are the held-out figure. Rows: the full check, the check without its splice
penalty, without its dangling-pronoun penalty, without any penalty (word support
alone), and the plain share of summary words found in the article.
Prints one JSON object.

Usage::

    python benchmarks/faithfulness_summeval.py [--data PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from briefing import check  # noqa: E402
from briefing.evaluation import load_data, spearman, word_share  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "summeval-cnndm" / "summeval.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    data = load_data(args.data, format="summeval")
    variants = {
        "check": lambda s, a: check(s, a).score,
        "check_no_splice_penalty": lambda s, a: check(s, a, splice_penalty=1.0).score,
        "check_no_pronoun_penalty": lambda s, a: check(s, a, pronoun_penalty=1.0).score,
        "check_support_only": lambda s, a: check(s, a).support,
        "word_share": word_share,
    }
    scores: dict[str, list[float]] = {name: [] for name in variants}
    human: list[float] = []
    parity: list[int] = []
    for index, record in enumerate(data.records):
        for system, summary in record.outputs.items():
            for name, score in variants.items():
                scores[name].append(score(summary, record.text))
            human.append(record.human[system]["consistency"])
            parity.append(index % 2)

    def rho(values: list[float], part: int | None) -> float:
        keep = [i for i in range(len(human)) if part is None or parity[i] == part]
        return round(spearman([values[i] for i in keep], [human[i] for i in keep]), 4)

    report = {
        "summaries": len(human),
        "spearman_consistency": {
            name: {"all": rho(v, None), "even": rho(v, 0), "odd": rho(v, 1)}
            for name, v in scores.items()
        },
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
