"""Attributed claims: who said what in a news article, resolved and located.

:func:`extract_claims` is a rule engine in pure Python, with no parser model: word
lists (``_lexicon``), quotation spans (``_quotes``), attribution patterns
(``_rules``), speaker resolution (``_speakers``) and the pipeline that joins them
(``_extract``). :func:`score_claims` (``_metric``) measures it against gold claims.
"""

from briefing.claims._extract import ClaimOptions, extract_claims
from briefing.claims._metric import PRF, ClaimScores, same_speaker, score_claims
from briefing.claims._speakers import resolve_speaker

__all__ = [
    "PRF",
    "ClaimOptions",
    "ClaimScores",
    "extract_claims",
    "resolve_speaker",
    "same_speaker",
    "score_claims",
]
