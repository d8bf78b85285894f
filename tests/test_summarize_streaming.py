"""summarize_many streams: memory stays bounded however many articles come in."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator

import pytest

from briefing import SummarizeOptions, load_summarizer


def _articles(count: int) -> Iterator[str]:
    paragraph = " ".join(
        f"Sentence {i} of the story reports what the officials said on Monday." for i in range(40)
    )
    for index in range(count):
        yield f"Story {index} begins here. {paragraph}"


def _peak_bytes(count: int) -> int:
    summarizer = load_summarizer("lead-3", SummarizeOptions(window=64))
    tracemalloc.start()
    try:
        seen = 0
        for summary in summarizer.summarize_many(_articles(count)):
            seen += len(summary.sentences) > 0  # consume and drop each summary
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == count
    return peak


@pytest.mark.slow
def test_peak_memory_does_not_grow_with_the_number_of_articles() -> None:
    small = _peak_bytes(1_000)
    large = _peak_bytes(10_000)
    # Holding all articles would need ~10x more for the large run (each is ~2.8 KB).
    assert large < 1.5 * small, (small, large)
    assert large < 10_000 * 2_800 / 4
