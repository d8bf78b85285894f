"""Growth exponent of every public function on its worst input shapes.

Each function runs on hostile shapes of text (distinct words, one huge paragraph, one
sentence without a full stop, many short sentences, unclosed quotes, many quotation
marks, one sentence repeated, HTML of empty divs or many attributes, ...) at 10 kB,
100 kB and 1 MB; the table gives the seconds at each size and the log-log slope of
time against size (1 is linear, 2 quadratic). A shape is not taken to the next size
once one call passes ``--cap`` seconds; its slope then comes from the sizes it ran.
Last, a 5 MB article of distinct words is summarized (the bar is under 10 s).

    python benchmarks/scaling.py                 # every function, 10 kB to 1 MB
    python benchmarks/scaling.py --only check    # functions whose name contains "check"
    python benchmarks/scaling.py --sizes 1e4,1e5 # smaller sizes, a quicker look

Bars (issue 14): exponent <= 1.2 for summarize(model="extractive"), check and
extract_claims on every shape. Times are the fastest of ``--repeat`` runs (1 by
default above 100 kB), on one core.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import string
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from briefing import (
    Article,
    SummarizeOptions,
    check,
    extract_claims,
    parse_article,
    score_claims,
    split_sentences,
    summarize,
)
from briefing.errors import BriefingError

ROOT = Path(__file__).resolve().parents[1]
BARS = {"summarize(extractive)": 1.2, "check": 1.2, "extract_claims": 1.2}


def _distinct_words() -> Iterator[str]:
    for length in itertools.count(2):
        for letters in itertools.product(string.ascii_lowercase, repeat=length):
            yield "".join(letters)


def _fill(size: int, piece: Callable[[int], str], sep: str = " ") -> str:
    parts: list[str] = []
    total = 0
    for i in itertools.count():
        part = piece(i)
        parts.append(part)
        total += len(part) + len(sep)
        if total >= size:
            return sep.join(parts)
    raise AssertionError("unreachable")


def _prose_sentences() -> list[str]:
    # The shipped stories: real news prose that every checkout has.
    texts = []
    for path in sorted((ROOT / "eval" / "stories").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return [s.text for text in texts for s in split_sentences(text)]


def shapes() -> dict[str, Callable[[int], str]]:
    """Text generators by shape name; each returns about ``size`` characters."""
    prose = _prose_sentences()

    def distinct(size: int) -> str:
        words = _distinct_words()
        return _fill(size, lambda i: " ".join(next(words) for _ in range(12)).capitalize() + ".")

    def prose_text(size: int) -> str:
        # Suffix each sentence with its copy number so repeats are not restatements.
        return _fill(size, lambda i: prose[i % len(prose)], sep="\n")

    def one_paragraph(size: int) -> str:
        return prose_text(size).replace("\n", " ")

    def no_full_stop(size: int) -> str:
        words = _distinct_words()
        return _fill(size, lambda i: next(words))

    def short_sentences(size: int) -> str:
        return _fill(
            size, lambda i: ["He said no.", "It rained.", "Yes.", "Prices rose 5%."][i % 4]
        )

    def repeated(size: int) -> str:
        return _fill(size, lambda i: "The minister said the river rose four metres on Monday.")

    def unclosed_quotes(size: int) -> str:
        return _fill(size, lambda i: "“He said ‘we will ``win the vote now", sep=" ")

    def many_quotes(size: int) -> str:
        return _fill(
            size, lambda i: f'"We will win {i}," said Ana Silva. “It is over,” he said.', sep=" "
        )

    def speech(size: int) -> str:
        return _fill(
            size,
            lambda i: (
                f'"The plan number {i} will fail," the senator said, '
                f"according to aides who said he had warned of delays."
            ),
        )

    return {
        "distinct words": distinct,
        "prose": prose_text,
        "one paragraph": one_paragraph,
        "no full stop": no_full_stop,
        "short sentences": short_sentences,
        "one sentence repeated": repeated,
        "unclosed quotes": unclosed_quotes,
        "many quotes": many_quotes,
        "speech": speech,
    }


def html_shapes(text_shapes: dict[str, Callable[[int], str]]) -> dict[str, Callable[[int], str]]:
    def paragraphs(size: int) -> str:
        body = "".join(f"<p>{line}</p>\n" for line in text_shapes["prose"](size).splitlines())
        return f"<!doctype html><html><head><title>T</title></head><body>{body}</body></html>"

    def empty_divs(size: int) -> str:
        return "<!doctype html><html><body>" + "<div></div>" * (size // 11) + "</body></html>"

    def attributes(size: int) -> str:
        attrs = " ".join(f"a{i}=x" for i in range(size // 8))
        return f"<!doctype html><html><body><p {attrs}>Officials said it rained.</p></body></html>"

    return {
        "html paragraphs": paragraphs,
        "html empty divs": empty_divs,
        "html attributes": attributes,
    }


def _claims_pair(text: str) -> tuple[list[object], list[object]]:
    claims = extract_claims(text)
    return [c.to_dict() for c in claims], [c.to_dict() for c in claims[::-1]]


def functions() -> dict[str, tuple[Callable[[str], object], tuple[str, ...]]]:
    """Each public function, how to call it on a text, and the shapes it gets."""
    text = tuple(shapes())
    html = tuple(html_shapes({}))

    def read(content: str) -> object:
        return parse_article(content.encode("utf-8"))

    def summary_of(content: str) -> str:
        # A summary as long as the article: the support loops see both sides grow.
        return " ".join(content.split()[::-1]) if "\n" not in content else content

    def score(content: str) -> object:
        predicted, gold = _claims_pair(content)
        started = time.perf_counter()
        score_claims(predicted, gold)  # type: ignore[arg-type]
        return time.perf_counter() - started  # only the scoring is timed

    return {
        "read_article(text)": (read, text),
        "read_article(html)": (read, html),
        "split_sentences": (split_sentences, text),
        "extract_claims": (extract_claims, text),
        "summarize(extractive)": (lambda t: summarize(t, model="extractive"), text),
        "summarize(extractive, 100000)": (
            lambda t: summarize(t, model="extractive", options=SummarizeOptions(sentences=100000)),
            text,
        ),
        "summarize(lead-3)": (lambda t: summarize(t, model="lead-3"), text),
        "check(article, article)": (lambda t: check(t, t), text),
        "check(reordered, article)": (lambda t: check(summary_of(t), t), text),
        "score_claims": (score, ("speech", "many quotes", "prose")),
    }


def _time(function: Callable[[str], object], content: str, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            result = function(content)
        except BriefingError:
            result = None  # a refusal is an answer; it is timed like one
        elapsed = time.perf_counter() - started
        best = min(best, result if isinstance(result, float) else elapsed)
    return best


def slope(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) on log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e4,1e5,1e6", help="sizes in characters")
    parser.add_argument("--only", default="", help="run functions whose name contains this")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds before a shape stops")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size up to 100 kB")
    parser.add_argument("--no-5mb", action="store_true", help="skip the 5 MB summarize")
    args = parser.parse_args()
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    generators = shapes()
    generators.update(html_shapes(generators))
    failed: list[str] = []
    print(f"{'function':32} {'shape':22} " + " ".join(f"{s:>9,}" for s in sizes) + "  slope")
    for name, (function, shape_names) in functions().items():
        if args.only not in name:
            continue
        worst = 0.0
        for shape in shape_names:
            measured: list[float] = []
            for size in sizes:
                if measured and measured[-1] > args.cap:
                    break
                repeat = args.repeat if size <= 100_000 else 1
                measured.append(_time(function, generators[shape](size), repeat))
            fit = slope(sizes[: len(measured)], measured) if len(measured) > 1 else math.nan
            worst = max(worst, fit) if not math.isnan(fit) else worst
            cells = [f"{t:9.3f}" for t in measured] + ["        -"] * (len(sizes) - len(measured))
            print(f"{name:32} {shape:22} " + " ".join(cells) + f"  {fit:5.2f}", flush=True)
        bar = BARS.get("check" if name.startswith("check") else name)
        if bar is not None and worst > bar:
            failed.append(f"{name}: exponent {worst:.2f} > {bar}")
    if not args.no_5mb and (not args.only or "extractive" in args.only):
        content = generators["distinct words"](5_000_000)
        started = time.perf_counter()
        summarize(Article(content), model="extractive")
        elapsed = time.perf_counter() - started
        print(f"\nsummarize(extractive) on 5 MB of distinct words: {elapsed:.1f} s (bar: 10 s)")
        if elapsed >= 10:
            failed.append(f"5 MB distinct words: {elapsed:.1f} s >= 10 s")
    for line in failed:
        print(f"BAR MISSED: {line}")
    return int(bool(failed))


if __name__ == "__main__":
    sys.exit(main())
