"""Time plain-text ingestion: parse_article on ~800-word articles, bytes and str.

Runs the clean SummEval sources (re-wrapped one sentence per line, cut to 800
words) and the scraped test pages, side by side with the cost of decoding alone,
so the numbers can be compared as ratios on a noisy machine.

    python benchmarks/article_speed.py
"""

from __future__ import annotations

import itertools
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from briefing import parse_article, read_article
from briefing._decode import decode_bytes, normalise_text

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def per_call_us(function: Callable[[], object], repeat: int = 7, number: int = 200) -> float:
    """Fastest of ``repeat`` rounds, in mean microseconds per call (the least disturbed
    by other work on a shared machine)."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        rounds.append((time.perf_counter() - start) / number * 1e6)
    return min(rounds)


def main() -> int:
    with (DATA / "summeval-cnndm" / "summeval.jsonl").open(encoding="utf-8") as lines:
        sources = [json.loads(line)["src"] for line in lines]
    # Few sources reach 800 words: join each with the next one, then cut.
    joined = [f"{a} {b} {a}" for a, b in itertools.pairwise(sources)][:20]
    articles = [" ".join(s.split()[:800]).replace(" . ", " .\n") for s in joined]
    lines = statistics.mean(a.count("\n") + 1 for a in articles)
    print(f"{len(articles)} SummEval articles of 800 words, {lines:.0f} lines each on average")
    data = [a.encode("utf-8") for a in articles]
    decode = statistics.mean(
        per_call_us(lambda d=d: normalise_text(decode_bytes(d, "x"))) for d in data
    )
    from_bytes = statistics.mean(per_call_us(lambda d=d: parse_article(d)) for d in data)
    from_str = statistics.mean(per_call_us(lambda a=a: parse_article(a)) for a in articles)
    print(f"decode + normalise only : {decode:8.1f} us per article")
    print(f"parse_article(bytes)    : {from_bytes:8.1f} us per article")
    print(f"parse_article(str)      : {from_str:8.1f} us per article")
    pages = sorted((ROOT / "tests" / "data" / "articles").glob("scraped_*[!d].txt"))
    for page in pages:
        text = page.read_bytes()
        print(
            f"{page.name:24}: {per_call_us(lambda t=text: parse_article(t)):8.1f} us "
            f"({len(text.split())} words)"
        )
        print(f"  read_article (file)   : {per_call_us(lambda p=page: read_article(p)):8.1f} us")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
