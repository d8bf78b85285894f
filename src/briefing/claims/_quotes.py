"""Quotation spans in a paragraph, tolerant of unbalanced marks.

News text quotes with curly (“ ”) or straight (") double quotes, British copy with
single ones (‘ ’). A quotation may run over several sentences; by convention one that
runs over several paragraphs leaves the closing mark off until its last paragraph.
So a quotation still open at the end of a paragraph ends there: an unbalanced mark
never reaches past its paragraph. Nor, in a paragraph far longer than any real one
(text that lost its line breaks, or research data stored one article a line), past
the sentence it opens in: otherwise one stray mark would hide every later
attribution in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["QuoteSpan", "find_quotes", "quote_bounds"]

# Doubled apostrophes and backticks ('' ``) are double quotes in some wire and NYT text.
# Each pattern starts with the set of its first characters (conditions on the
# character before are checked after it), so that re skips to candidates at C speed
# instead of trying the whole pattern at every position.
_DOUBLE: Final = re.compile(r"[\"“”„«»'`](?:(?<=')'|(?<=`)`|(?<=[\"“”„«»]))")
# Single quotes only count when they look like quotation marks, not apostrophes:
# an opening mark after a space or line start, a closing one before a space or
# punctuation and not inside a word.
_SINGLE_OPEN: Final = re.compile(r"[‘'](?:(?<=^[‘'])|(?<=[\s(\[—–-][‘']))(?=\w)")
_SINGLE_CLOSE: Final = re.compile(r"[’'](?<=[\w.,!?;:][’'])(?=[\s.,;:!?)\]—–-]|$)")
#: A quotation left open in a paragraph longer than this ends with its sentence.
OPEN_QUOTE_MAX_CHARS: Final = 1_500
# The end of a sentence inside a quotation: a final mark, maybe a closing quote, space
# and a capital letter or an opening quote.
_SENTENCE_END: Final = re.compile(r"[.!?][\"'”’]?[ \t]+(?=[A-Z“\"‘'`])")
_OPENERS: Final = frozenset("“„«")
_CLOSERS: Final = frozenset("”»")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: ``start`` is the opening mark, ``end`` is just past the closing
    mark (or the end of the paragraph when ``closed`` is False)."""

    start: int
    end: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted words, without the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def _straight_is_opening(text: str, i: int, j: int) -> bool | None:
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if (before.isspace() or before in "([{—–-:") and not after.isspace():
        return True
    if (after.isspace() or after in ".,;:!?)]}—–-") and not before.isspace():
        return False
    return None


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Quotation spans in ``text[start:end]`` (one paragraph), in order.

    Args:
        text: the article text.
        start, end: the paragraph's bounds in ``text``.

    Returns:
        Non-overlapping spans with offsets into ``text``. Marks inside a quotation
        (nested quotes) belong to it. A quotation left open ends at ``end``.
    """
    return [QuoteSpan(*bounds) for bounds in quote_bounds(text, start, end)]


def quote_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, bool]]:
    """:func:`find_quotes` as ``(start, end, closed)`` tuples, which extraction
    uses: building them is several times cheaper than building QuoteSpans."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int, bool]] = []
    open_at = -1
    for match in _DOUBLE.finditer(text, start, stop):
        i, j = match.start(), match.end()
        mark = match.group()
        if mark in ('"', "''"):
            opening = _straight_is_opening(text, i, j)
            if opening is None:
                opening = open_at < 0
        else:
            opening = mark in _OPENERS or mark == "``"
        if open_at < 0:
            if opening:
                open_at = i
            # A stray closing mark with nothing open is ignored.
        elif not opening:
            spans.append((open_at, j, True))
            open_at = -1
        elif mark == '"' and text[open_at] == '"':
            # Two straight "openings" in a row: the first was a closing mark that
            # looked like an opening one ("word"word).
            spans.append((open_at, j, True))
            open_at = -1
        # An opening mark inside an open quotation is nested or a typo: ignored.
    if open_at >= 0:
        spans.append((open_at, _open_end(text, open_at, stop), False))
    if spans or (text.find("‘", start, stop) < 0 and text.find("'", start, stop) < 0):
        return spans
    return _single_quotes(text, start, stop)


def _single_quotes(text: str, start: int, stop: int) -> list[tuple[int, int, bool]]:
    spans: list[tuple[int, int, bool]] = []
    pos = start
    while True:
        opening = _SINGLE_OPEN.search(text, pos, stop)
        if opening is None:
            return spans
        closing = _SINGLE_CLOSE.search(text, opening.end(), stop)
        if closing is None:
            spans.append((opening.start(), _open_end(text, opening.start(), stop), False))
            return spans
        spans.append((opening.start(), closing.end(), True))
        pos = closing.end()


def _open_end(text: str, open_at: int, stop: int) -> int:
    """Where a quotation that is never closed ends: the paragraph's end, or in an
    overlong paragraph the end of the sentence it opens in."""
    if stop - open_at <= OPEN_QUOTE_MAX_CHARS:
        return stop
    end = _SENTENCE_END.search(text, open_at + 1, stop)
    return end.start() + 1 if end is not None else stop
