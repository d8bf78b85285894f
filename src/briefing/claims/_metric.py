"""Scoring predicted claims against gold claims.

A predicted claim matches a gold claim when its content covers most of the gold
content's words (``min_coverage``, default 0.6) and both name the same speaker.
Matching is greedy and one-to-one: candidate pairs are taken in order of coverage,
best first, and each claim is used at most once. Precision, recall and F1 are
reported overall and by kind (precision by predicted kind, recall by gold kind).

Source accuracy is measured separately: pairs are matched on content alone, and the
share of those pairs whose speakers agree is the source-resolution accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from briefing.types import CLAIM_KINDS, Claim

__all__ = ["PRF", "ClaimScores", "same_speaker", "score_claims"]

DEFAULT_MIN_COVERAGE = 0.6

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Words that do not identify a speaker: determiners, titles and roles are kept in
# ``source_text`` but two references to one person may differ in them.
_SPEAKER_NOISE = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "president",
        "minister",
        "sir",
        "dame",
        "lord",
        "lady",
        "jr",
        "sr",
    ]
)


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts they came from.

    ``matched_predicted`` and ``matched_gold`` are equal overall; by kind they can
    differ, because a match counts for the predicted claim's kind in precision and
    for the gold claim's kind in recall.
    """

    matched_predicted: int
    predicted: int
    matched_gold: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.matched_predicted + other.matched_predicted,
            self.predicted + other.predicted,
            self.matched_gold + other.matched_gold,
            self.gold + other.gold,
        )

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": self.matched_gold,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class ClaimScores:
    """Claim-extraction scores for one article or, added up, for a corpus."""

    overall: PRF
    by_kind: Mapping[str, PRF]
    source_pairs: int = 0
    source_correct: int = 0
    matches: tuple[tuple[int, int], ...] = field(default=())

    @property
    def source_accuracy(self) -> float:
        """Share of content-matched pairs whose speakers agree (1.0 when none)."""
        return self.source_correct / self.source_pairs if self.source_pairs else 1.0

    def __add__(self, other: ClaimScores) -> ClaimScores:
        kinds = set(self.by_kind) | set(other.by_kind)
        empty = PRF(0, 0, 0, 0)
        return ClaimScores(
            overall=self.overall + other.overall,
            by_kind={k: self.by_kind.get(k, empty) + other.by_kind.get(k, empty) for k in kinds},
            source_pairs=self.source_pairs + other.source_pairs,
            source_correct=self.source_correct + other.source_correct,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.overall.to_dict(),
            "source_accuracy": round(self.source_accuracy, 4),
            "by_kind": {k: self.by_kind[k].to_dict() for k in CLAIM_KINDS if k in self.by_kind},
        }


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _speaker_words(name: str | None) -> frozenset[str]:
    if not name:
        return frozenset()
    return frozenset(w.removesuffix("'s") for w in _words(name)) - _SPEAKER_NOISE


def same_speaker(a: str | None, b: str | None) -> bool:
    """Whether two speaker names refer to the same source.

    ``None`` (no source) only matches ``None``. Otherwise titles and determiners are
    ignored and one name's words must contain the other's, so "Ines Moreau" matches
    "Senator Ines Moreau" and "Moreau", and "State Department" matches
    "the US State Department".
    """
    if not a or not b:
        return not a and not b
    wa, wb = _speaker_words(a), _speaker_words(b)
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    return wa <= wb or wb <= wa


def _coverage(predicted: str, gold: str) -> float:
    gold_words = _words(gold)
    if not gold_words:
        return 0.0
    available: dict[str, int] = {}
    for w in _words(predicted):
        available[w] = available.get(w, 0) + 1
    covered = 0
    for w in gold_words:
        if available.get(w, 0) > 0:
            available[w] -= 1
            covered += 1
    return covered / len(gold_words)


def _as_claim(item: Claim | Mapping[str, Any]) -> Claim:
    return item if isinstance(item, Claim) else Claim.from_dict(item)


def _greedy(
    predicted: Sequence[Claim],
    gold: Sequence[Claim],
    min_coverage: float,
    need_speaker: bool,
) -> list[tuple[int, int]]:
    candidates: list[tuple[float, int, int]] = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            cover = _coverage(p.content, g.content)
            if cover >= min_coverage and (not need_speaker or same_speaker(p.source, g.source)):
                candidates.append((cover, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def score_claims(
    predicted: Iterable[Claim | Mapping[str, Any]],
    gold: Iterable[Claim | Mapping[str, Any]],
    *,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> ClaimScores:
    """Score one article's predicted claims against its gold claims.

    Args:
        predicted: claims from :func:`briefing.extract_claims` (or their dicts).
        gold: gold claims; each needs ``content``, ``source`` (``None`` for
            unattributed) and ``kind``.
        min_coverage: share of the gold content's words the predicted content must
            contain for the two to match.

    Returns:
        :class:`ClaimScores`; add the scores of many articles with ``+``.

    Example:
        >>> gold = [{"source": "Ines Moreau", "content": "the budget is late", "kind": "indirect"}]
        >>> pred = [{"source": "Senator Ines Moreau", "content": "the budget is late"}]
        >>> score_claims(pred, gold).overall.f1
        1.0
    """
    preds = [_as_claim(p) for p in predicted]
    golds = [_as_claim(g) for g in gold]
    pairs = _greedy(preds, golds, min_coverage, need_speaker=True)
    content_pairs = _greedy(preds, golds, min_coverage, need_speaker=False)
    source_correct = sum(same_speaker(preds[i].source, golds[j].source) for i, j in content_pairs)

    by_kind: dict[str, PRF] = {}
    for kind in CLAIM_KINDS:
        n_pred = sum(p.kind == kind for p in preds)
        n_gold = sum(g.kind == kind for g in golds)
        # A match counts for the predicted kind's precision and the gold kind's recall.
        matched_pred = sum(preds[i].kind == kind for i, _ in pairs)
        matched_gold = sum(golds[j].kind == kind for _, j in pairs)
        if n_pred or n_gold:
            by_kind[kind] = PRF(matched_pred, n_pred, matched_gold, n_gold)
    return ClaimScores(
        overall=PRF(len(pairs), len(preds), len(pairs), len(golds)),
        by_kind=by_kind,
        source_pairs=len(content_pairs),
        source_correct=source_correct,
        matches=tuple(pairs),
    )
