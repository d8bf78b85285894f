"""ROUGE with several references, and bootstrap confidence intervals.

ROUGE is computed by Google's ``rouge-score`` package with ``use_stemmer=True``.
ROUGE-Lsum needs one sentence per line, so both summary and references are split
with :func:`briefing.split_sentences` and joined with newlines first; without it
ROUGE-Lsum silently equals ROUGE-L over the whole text.

With several references an article's score is the best score over its references,
taken per measure (as ``rouge_score.RougeScorer.score_multi`` and most published
multi-reference results do): a summary is not punished for matching a different,
equally valid reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from briefing.errors import ConfigError
from briefing.sentences import split_sentences

if TYPE_CHECKING:
    import numpy as np
    from rouge_score.rouge_scorer import RougeScorer

__all__ = [
    "DEFAULT_CONFIDENCE",
    "DEFAULT_RESAMPLES",
    "ROUGE_MEASURES",
    "Interval",
    "bootstrap_indices",
    "bootstrap_interval",
    "rouge_per_article",
    "sentences_per_line",
]

ROUGE_MEASURES = ("rouge1", "rouge2", "rougeLsum")
DEFAULT_RESAMPLES = 1000
DEFAULT_CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class Interval:
    """A mean over articles with its bootstrap confidence interval."""

    mean: float
    low: float
    high: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "mean": round(self.mean, 4),
            "low": round(self.low, 4),
            "high": round(self.high, 4),
            "n": self.n,
        }


@lru_cache(maxsize=1)
def _scorer() -> RougeScorer:
    from rouge_score.rouge_scorer import RougeScorer

    return RougeScorer(list(ROUGE_MEASURES), use_stemmer=True)


@lru_cache(maxsize=4096)
def sentences_per_line(text: str) -> str:
    """``text`` with one sentence per line, as ROUGE-Lsum expects."""
    return "\n".join(s.text for s in split_sentences(text))


def rouge_per_article(summary: str, references: Sequence[str]) -> dict[str, float]:
    """ROUGE F-measures of one summary against its references (best per measure).

    Args:
        summary: the system summary.
        references: one or more reference summaries; empty ones are ignored.

    Returns:
        ``{"rouge1": f, "rouge2": f, "rougeLsum": f}``; zeros when there is no
        usable reference or the summary is empty.
    """
    refs = [sentences_per_line(r) for r in references if r and r.strip()]
    best = dict.fromkeys(ROUGE_MEASURES, 0.0)
    if not refs or not summary.strip():
        return best
    prediction = sentences_per_line(summary)
    for ref in refs:
        scores = _scorer().score(ref, prediction)
        for measure in ROUGE_MEASURES:
            best[measure] = max(best[measure], scores[measure].fmeasure)
    return best


def bootstrap_indices(n: int, resamples: int, seed: int) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Article indices for ``resamples`` bootstrap samples of ``n`` articles.

    Using the same indices for every system keeps their intervals comparable.
    """
    if resamples < 1:
        raise ConfigError(f"bootstrap resamples must be at least 1, got {resamples}")
    import numpy as np

    rng = np.random.default_rng(seed)
    return rng.integers(0, n, size=(resamples, n), dtype=np.int64)


def bootstrap_interval(
    values: Sequence[float],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
    indices: np.ndarray[Any, np.dtype[np.int64]] | None = None,
) -> Interval:
    """The mean of ``values`` and its percentile bootstrap interval.

    Articles are resampled with replacement; the interval holds the middle
    ``confidence`` share of the resampled means.

    Args:
        values: one figure per article.
        resamples: number of bootstrap samples.
        seed: random seed; the same seed gives the same interval.
        confidence: width of the interval, between 0 and 1.
        indices: precomputed resampling indices (see :func:`bootstrap_indices`).

    Returns:
        An :class:`Interval`; with no values, all zeros and ``n=0``.

    Raises:
        ConfigError: ``resamples`` < 1 or ``confidence`` outside (0, 1).
    """
    if not 0 < confidence < 1:
        raise ConfigError(f"bootstrap confidence must be between 0 and 1, got {confidence}")
    import numpy as np

    data = np.asarray(values, dtype=np.float64)
    if data.size == 0:
        return Interval(0.0, 0.0, 0.0, 0)
    if indices is None:
        indices = bootstrap_indices(data.size, resamples, seed)
    means = data[indices].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return Interval(float(data.mean()), float(low), float(high), int(data.size))
