"""Run parse_article over the real news texts in ../shared/data and count what it drops.

Clean texts (SummEval/CNN-DM sources, XSum documents, PolNeAR texts) should lose
almost nothing: every dropped line is printed so a person can judge it.

    python benchmarks/article_corpora.py [--show]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from briefing._decode import normalise_text
from briefing._furniture import isolate_story
from briefing.article import parse_article

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def corpora() -> Iterator[tuple[str, str, str]]:
    for line in (DATA / "summeval-cnndm" / "summeval.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        yield "summeval", str(record["doc_id"]), record["src"]
    for line in (DATA / "realsumm-cnndm" / "realsumm.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        yield "realsumm", str(record["doc_id"]), record["src"]
    for number, line in enumerate((DATA / "xsum-hf-sample" / "sample.json").open(encoding="utf-8")):
        yield "xsum", str(number), json.loads(line)["document"]
    for path in sorted((DATA / "polnear" / "dev" / "text").glob("*.txt")):
        yield "polnear", path.name, path.read_text(encoding="utf-8")


def main() -> int:
    show = "--show" in sys.argv
    totals: dict[str, list[int]] = {}
    for corpus, name, text in corpora():
        article = parse_article(text.encode("utf-8"), origin=f"{corpus}:{name}")
        story = isolate_story(normalise_text(text))
        assert story.text == article.text
        lines = [line for line in normalise_text(text).split("\n") if line.strip()]
        entry = totals.setdefault(corpus, [0, 0, 0, 0, 0])
        entry[0] += 1
        entry[1] += len(lines)
        entry[2] += len(story.dropped)
        entry[3] += article.title is not None
        # Lines gone from the text for any reason: furniture, title, byline, date.
        entry[4] += len(lines) - sum(1 for line in article.text.split("\n") if line.strip())
        if show:
            for line in story.dropped:
                print(f"{corpus}:{name}: dropped {line[:100]!r}")
            if article.title is not None:
                print(f"{corpus}:{name}: title {article.title[:100]!r}")
    print(f"{'corpus':10} {'texts':>6} {'lines':>7} {'furniture':>9} {'titles':>7} {'removed':>8}")
    for corpus, (texts, lines, dropped, titles, removed) in totals.items():
        print(f"{corpus:10} {texts:6} {lines:7} {dropped:9} {titles:7} {removed:8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
