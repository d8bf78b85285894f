"""Claim extraction speed on one CPU core, sentence splitting included.

Input: the SummEval (CNN/DailyMail) and PolNeAR dev articles from ../shared/data,
each repeated or cut to ~800 words (a typical news article), fed to
``extract_claims`` as plain strings (so Punkt-compatible splitting is timed too).
The process is pinned to one core where the OS allows; CPU time is measured
(best of several rounds) because the machine is shared; the first round, when the
tokeniser's and name caches are still cold, is reported too. ``compiled`` in the output
says whether the claim engine ran as the mypyc build (see setup.py). Prints one JSON
line.

    python benchmarks/bench_claims.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

WORDS = 800


def _scaled(text: str) -> str:
    out = text
    while len(out.split()) < WORDS:
        out = out + "\n" + text
    return " ".join(out.split(" ")[:WORDS])


def load_texts() -> list[str]:
    texts: list[str] = []
    with (DATA / "summeval-cnndm" / "summeval.jsonl").open(encoding="utf-8") as f:
        texts += [json.loads(line)["src"] for line in f if line.strip()]
    for path in sorted(glob.glob(str(DATA / "polnear" / "dev" / "text" / "*.txt"))):
        texts.append(Path(path).read_text(encoding="utf-8"))
    return [_scaled(t) for t in texts if t.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from briefing import extract_claims
    from briefing.claims import compiled
    from briefing.sentences import split_sentences, split_sentences_punkt

    texts = load_texts()
    extract_claims(texts[0])  # warm up: build Punkt, compile patterns

    def rounds(fn) -> list[float]:
        times = []
        for _ in range(args.rounds):
            start = time.process_time()
            for text in texts:
                fn(text)
            times.append(time.process_time() - start)
        return times

    claims_times = rounds(extract_claims)
    # The first round meets most words for the first time (the tokeniser and name
    # caches are cold): the figure for a stream of new articles lies between the two.
    first_s, claims_s = claims_times[0], min(claims_times)
    split_s = min(rounds(split_sentences))
    punkt_s = min(rounds(split_sentences_punkt))
    n = len(texts)
    print(
        json.dumps(
            {
                "benchmark": "extract_claims",
                "input": f"{n} articles (SummEval CNN/DM + PolNeAR dev) scaled to {WORDS} words",
                "cores": 1,
                "compiled": compiled(),
                "articles_per_second": round(n / claims_s, 1),
                "ms_per_article": round(claims_s / n * 1000, 3),
                "first_round_articles_per_second": round(n / first_s, 1),
                "split_ms_per_article": round(split_s / n * 1000, 3),
                "punkt_ms_per_article": round(punkt_s / n * 1000, 3),
                "claims": sum(len(extract_claims(t)) for t in texts),
            }
        )
    )


if __name__ == "__main__":
    main()
