"""Offline sentence splitting with NLTK Punkt.

Punkt normally loads a model downloaded with ``nltk.download("punkt_tab")``; briefing
never downloads anything at run time, so it builds Punkt from parameters shipped in
the package (``_data/abbreviations.txt``: titles such as Mr., Dr., Gen., Adm.,
months such as Sept. and Jan., U.S., No., St. and more). Line breaks are treated as
hard boundaries because news text puts each paragraph on its own line.

Every sentence keeps its character offsets, so claims and extractive summaries can
point back into the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from briefing.types import Sentence

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = ["load_abbreviations", "split_sentences"]

_PARAGRAPH = re.compile(r"[^\n]+")


def load_abbreviations() -> frozenset[str]:
    """The abbreviations shipped with briefing (lower case, without the final period)."""
    text = resources.files("briefing").joinpath("_data/abbreviations.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    parameters = PunktParameters()
    parameters.abbrev_types = set(load_abbreviations())
    return PunktSentenceTokenizer(parameters)


def _spans(text: str) -> Iterator[tuple[int, int]]:
    tokenizer = _tokenizer()
    for paragraph in _PARAGRAPH.finditer(text):
        base = paragraph.start()
        for start, end in tokenizer.span_tokenize(paragraph.group()):
            yield base + start, base + end


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets into ``text``.

    Args:
        text: any text; empty or whitespace-only text gives no sentences.

    Returns:
        Sentences in order, numbered from 0, each with ``text == text[start:end]``
        and no leading or trailing whitespace.

    Example:
        >>> [s.text for s in split_sentences("Gen. Ada Ruiz arrived. She spoke.")]
        ['Gen. Ada Ruiz arrived.', 'She spoke.']
    """
    sentences: list[Sentence] = []
    for start, end in _spans(text):
        piece = text[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        start += len(piece) - len(piece.lstrip())
        end = start + len(stripped)
        sentences.append(Sentence(len(sentences), start, end, stripped))
    return sentences
