"""Attributed claims: who said what in a news article, resolved and located.

:func:`extract_claims` is a rule engine in pure Python, with no parser model: word
lists (``_lexicon``), quotation spans (``_quotes``), attribution patterns
(``_rules``), speaker resolution (``_speakers``) and the pipeline that joins them
(``_extract``). :func:`score_claims` (``_metric``) measures it against gold claims.

The same modules can be compiled to C extensions with mypyc for speed (see
``setup.py``); :func:`compiled` tells which kind this process runs.
"""

import importlib
import types

from briefing.claims._extract import ClaimOptions, extract_claims
from briefing.claims._metric import PRF, ClaimScores, same_speaker, score_claims
from briefing.claims._speakers import resolve_speaker

__all__ = [
    "COMPILED_MODULES",
    "PRF",
    "ClaimOptions",
    "ClaimScores",
    "compiled",
    "extract_claims",
    "resolve_speaker",
    "same_speaker",
    "score_claims",
]

#: The modules ``setup.py`` compiles when built with ``BRIEFING_COMPILE=1``.
COMPILED_MODULES = (
    "briefing._decode",
    "briefing._furniture",
    "briefing.sentences",
    "briefing.claims._lexicon",
    "briefing.claims._quotes",
    "briefing.claims._rules",
    "briefing.claims._speakers",
    "briefing.claims._extract",
)


def compiled() -> bool:
    """Whether the claim engine runs compiled: no module of :data:`COMPILED_MODULES`
    defines a plain Python function (mypyc turns each into a built-in)."""
    for name in COMPILED_MODULES:
        module = importlib.import_module(name)
        if any(
            isinstance(value, types.FunctionType) and value.__module__ == name
            for value in vars(module).values()
        ):
            return False
    return True
