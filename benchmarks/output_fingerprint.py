"""Dump the extractive summaries and check results of the research data, to compare code.

Speed work must not change what briefing answers. This writes, for every article of
the shared data sets (SummEval, REALSumm, the XSum sample) and the shipped stories,
its extractive summaries at 3, 10 and 1,000 sentences (the last selects nearly every
sentence, the shape ``--sentences 100000`` takes) and ``check`` of the extractive
summary, the references and every system output against the article, one JSON line
each. Run it on two versions and compare the files::

    PYTHONPATH=/path/to/old/src python benchmarks/output_fingerprint.py old.jsonl
    PYTHONPATH=src python benchmarks/output_fingerprint.py new.jsonl
    cmp old.jsonl new.jsonl   # or: python benchmarks/output_fingerprint.py --diff old new

Data sets that are absent are skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing import Article, check
from briefing.evaluation import load_data
from briefing.summarize._extractive import extractive_summary

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DATA = [
    SHARED / "summeval-cnndm" / "summeval.jsonl",
    SHARED / "realsumm-cnndm" / "realsumm.jsonl",
    SHARED / "xsum-hf-sample" / "sample.json",
    *sorted((REPO / "eval" / "stories").glob("*.jsonl")),
]
SENTENCE_COUNTS = (3, 10, 1000)


def _dump(out: Path, limit: int | None) -> int:
    lines = 0
    with out.open("w", encoding="utf-8") as handle:
        for path in DATA:
            if not path.exists():
                print(f"skipped {path} (absent)", file=sys.stderr)
                continue
            data = load_data(path)
            for record in data.records[:limit]:
                article = Article(record.text)
                row: dict[str, object] = {"data": path.name, "id": record.id}
                for count in SENTENCE_COUNTS:
                    summary = extractive_summary(article, count)
                    row[f"extractive-{count}"] = list(summary.source_sentences)
                summary_text = extractive_summary(article, 3).text
                others = {"extractive": summary_text, **dict(record.outputs)}
                others.update({f"reference-{i}": r for i, r in enumerate(record.references)})
                row["check"] = {
                    name: check(text, record.text).to_dict() if text.strip() else None
                    for name, text in sorted(others.items())
                }
                handle.write(json.dumps(row, sort_keys=True) + "\n")
                lines += 1
    return lines


def _diff(old: Path, new: Path) -> int:
    a = old.read_text(encoding="utf-8").splitlines()
    b = new.read_text(encoding="utf-8").splitlines()
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    print(f"{len(a)} vs {len(b)} articles; {len(differ)} differ")
    for i in differ[:10]:
        x, y = json.loads(a[i]), json.loads(b[i])
        keys = sorted(k for k in x.keys() | y.keys() if x.get(k) != y.get(k))
        print(f"  {x['data']} {x['id']}: {', '.join(keys)}")
    return int(bool(differ) or len(a) != len(b))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", help="JSON lines to write")
    parser.add_argument("--limit", type=int, help="articles per data set")
    parser.add_argument("--diff", type=Path, nargs=2, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.diff:
        return _diff(*args.diff)
    if args.out is None:
        parser.error("give an output file or --diff OLD NEW")
    print(f"{_dump(args.out, args.limit)} articles written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
