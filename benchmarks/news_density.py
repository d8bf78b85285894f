"""Sentence length and claim density of real news and of bench_batch's synthetic records.

The synthetic records that ``bench_batch.py`` times should cost what real news
costs; this prints, for the shared corpora in ../shared/data and for 500 synthetic
records, the words per sentence and the claims ``extract_claims`` finds per 1,000
words. One JSON line per corpus::

    python benchmarks/news_density.py
"""

from __future__ import annotations

import glob
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import make_article  # noqa: E402

from briefing import extract_claims, split_sentences  # noqa: E402


def density(texts: list[str]) -> dict[str, float]:
    words = sum(len(text.split()) for text in texts)
    sentences = sum(len(split_sentences(text)) for text in texts)
    claims = sum(len(extract_claims(text)) for text in texts)
    return {
        "articles": len(texts),
        "words_per_article": round(words / len(texts)),
        "words_per_sentence": round(words / sentences, 1),
        "claims_per_1000_words": round(claims / words * 1000, 1),
    }


def main() -> None:
    corpora: dict[str, list[str]] = {}
    corpora["polnear-dev"] = [
        Path(path).read_text(encoding="utf-8")
        for path in sorted(glob.glob(str(DATA / "polnear" / "dev" / "text" / "*.txt")))
    ]
    with (DATA / "xsum-hf-sample" / "sample.json").open(encoding="utf-8") as f:
        corpora["xsum-sample"] = [json.loads(line)["document"] for line in f if line.strip()]
    # SummEval's CNN/DM text is tokenized into one paragraph with detached quotation
    # marks (" ' I was ..."), where one unclosed mark hides the rest of the story's
    # attributions, so its density understates real CNN copy.
    with (DATA / "summeval-cnndm" / "summeval.jsonl").open(encoding="utf-8") as f:
        corpora["summeval-cnndm (tokenized)"] = [
            json.loads(line)["src"] for line in f if line.strip()
        ]
    rng = random.Random(7)
    corpora["bench_batch synthetic"] = [make_article(rng)[1] for _ in range(500)]
    for name, texts in corpora.items():
        print(json.dumps({"corpus": name, **density(texts)}))


if __name__ == "__main__":
    main()
