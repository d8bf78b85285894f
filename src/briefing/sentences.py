"""Offline sentence splitting that agrees with NLTK Punkt, fast.

Punkt normally loads a model downloaded with ``nltk.download("punkt_tab")``; briefing
never downloads anything at run time, so it builds Punkt from parameters shipped in
the package (``_data/abbreviations.txt``: titles such as Mr., Dr., Gen., Adm.,
months such as Sept. and Jan., U.S., No., St. and more). Line breaks are treated as
hard boundaries because news text puts each paragraph on its own line.

Speed: Punkt decides every candidate boundary ('.', '?' or '!' before a space or
punctuation) by tokenizing a small context and annotating token objects, which costs
about 1.4 ms per 800-word article. Almost every candidate in news text has the same
shape: a word of letters (or letters joined by periods, "U.S"), then the mark, then
a token without another mark. For that shape Punkt's decision with these parameters
(no learned orthographic context, no collocations, no sentence starters) is known in
advance: a break unless the word is a shipped abbreviation, or an initial followed by
a word. :func:`split_sentences` takes that shortcut and hands every other candidate
(numbers, ellipses, words glued to punctuation) to Punkt itself, so the result is
Punkt's; ``tests/test_sentences.py`` checks the agreement on real news text.

Every sentence keeps its character offsets, so claims and extractive summaries can
point back into the text.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from types import ModuleType
from typing import TYPE_CHECKING, Final

from briefing.types import Sentence

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = ["load_abbreviations", "split_sentences", "split_sentences_punkt"]

_PARAGRAPH: Final = re.compile(r"[^\n]+")
_OTHER_SPACE: Final = re.compile(r"[\r\x0b\x0c]")
# Letters, or groups of letters joined by periods ("U.S", "D.C"): one Punkt token.
_DOTTED_WORD: Final = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*")
# What may follow such a word and leave Punkt's decision to the word: spaces, then
# one more word whose final mark, if any, ends the context.
_LAST_WORD: Final = re.compile(r"\s+[^\W\d_]+(?:\.[^\W\d_]+)*[.?!]")
# Spaces to ``re`` (so they end Punkt's candidate pattern here) but not to the
# ``regex`` module NLTK tokenizes words with: a mark glued to one is left to Punkt.
_SPACE_ONLY_TO_RE: Final = frozenset("\x1c\x1d\x1e\x1f")
_HAS_END_MARK: Final = re.compile(r"[.?!]")


def load_abbreviations() -> frozenset[str]:
    """The abbreviations shipped with briefing (lower case, without the final period)."""
    text = resources.files("briefing").joinpath("_data/abbreviations.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _import_punkt() -> ModuleType:
    """Import ``nltk.tokenize.punkt`` without the second nltk spends on scipy.

    ``import nltk`` runs nltk's ``__init__``, which imports ``nltk.metrics`` and, when
    scipy is installed, ``scipy.stats`` (1-2 s here; Punkt never uses it). Hiding
    scipy while nltk imports keeps ``briefing claims`` quick to start. nltk treats
    scipy as optional, so the one effect is that nltk's own Fisher-exact
    association measure, if someone calls it in this process, reports it needs scipy.
    A process that has already imported scipy is left alone.
    """
    if "scipy" in sys.modules or "nltk" in sys.modules:
        return importlib.import_module("nltk.tokenize.punkt")
    sys.modules["scipy"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        del sys.modules["scipy"]


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    punkt = _import_punkt()
    parameters = punkt.PunktParameters()
    parameters.abbrev_types = set(load_abbreviations())
    tokenizer: PunktSentenceTokenizer = punkt.PunktSentenceTokenizer(parameters)
    return tokenizer


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return load_abbreviations()


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], str]:
    # Punkt's own candidate and realignment patterns, taken from the installed NLTK so
    # the fast path finds exactly the candidates Punkt finds (versions differ, e.g. in
    # whether curly quotes count as punctuation after a period).
    # NLTK wraps its patterns in a timed third-party engine; both patterns are linear,
    # so they are recompiled with the standard library, which is several times faster.
    # The third item is the sentence-end marks that start a candidate.
    lang_vars = _tokenizer()._lang_vars
    return (
        re.compile(lang_vars.period_context_re().pattern, re.UNICODE | re.VERBOSE),
        re.compile(lang_vars.re_boundary_realignment.pattern, re.MULTILINE),
        "".join(lang_vars.sent_end_chars),
    )


def _candidates(piece: str) -> list[re.Match[str]]:
    """The matches of Punkt's period context pattern in ``piece``.

    The pattern is one end mark followed by a lookahead, so its matches are the end
    marks where the lookahead holds: those are found with ``str.find`` and tested
    one by one, instead of a search that tests every character against the marks.
    """
    pattern, _, marks = _patterns()
    places: list[int] = []
    for mark in marks:
        i = piece.find(mark)
        while i >= 0:
            places.append(i)
            i = piece.find(mark, i + 1)
    if not places:
        return []
    places.sort()
    match = pattern.match
    found: list[re.Match[str]] = []
    for i in places:
        m = match(piece, i)
        if m is not None:
            found.append(m)
    return found


def _last_whitespace(text: str, lo: int, hi: int) -> int:
    """Index of the last whitespace in ``text[lo:hi]``, relative to ``lo``; 0 if none.

    Punkt's ``_get_last_whitespace_index``, including its quirk that whitespace at
    relative index 0 reads as "none".
    """
    found = max(text.rfind(" ", lo + 1, hi), text.rfind("\t", lo + 1, hi))
    if _OTHER_SPACE.search(text, lo + 1, hi):
        # Rare whitespace (\r, \v, \f): fall back to a scan.
        found = max(i for i in range(lo + 1, hi) if text[i].isspace())
    return found - lo if found > lo else 0


def _slices(text: str, candidates: list[re.Match[str]]) -> Iterator[tuple[int, int]]:
    """Punkt's ``_slices_from_text`` with ``_match_potential_end_contexts`` folded
    in: the context of a candidate is the word before it, the mark, and what
    follows; of overlapping candidates ("!!!") only the last is decided.
    ``candidates`` are the matches of Punkt's period context pattern in ``text``."""
    last_break = 0
    prev_start, prev_stop = 0, 0
    previous: re.Match[str] | None = None
    abbreviations = _abbreviations()
    dotted_word = _DOTTED_WORD.fullmatch
    has_end_mark = _HAS_END_MARK.search
    last_word = _LAST_WORD.fullmatch
    rfind = text.rfind
    # Spaces and tabs are found with rfind; rarer whitespace needs the full scan.
    rare_space = "\r" in text or "\x0b" in text or "\x0c" in text  # three memchr scans
    tab = "\t" in text
    matches: list[re.Match[str] | None] = [*candidates, None]
    word_start = 0
    for match in matches:
        if match is not None:
            m_start = match.start()
            if rare_space:
                offset = _last_whitespace(text, prev_stop, m_start)
            else:
                found = rfind(" ", prev_stop + 1, m_start)
                if tab:
                    found = max(found, rfind("\t", prev_stop + 1, m_start))
                offset = found - prev_stop if found > prev_stop else 0
            word_start = prev_stop + offset + 1 if offset else prev_start
            if previous is None or prev_stop > word_start:
                previous = match
                prev_start, prev_stop = word_start, m_start
                continue
        if previous is None:
            break
        word = text[prev_start:prev_stop]
        after = previous.group("after_tok")
        if not word:
            # A mark standing alone (tokenized text: "Sunday . The") is its own
            # token and always breaks when a token follows, which one always does.
            is_break = True
        else:
            is_break = None
            if (
                after[0] not in _SPACE_ONLY_TO_RE
                and (word.isalpha() or dotted_word(word))
                and (not has_end_mark(after) or last_word(after))
            ):
                # A word, or letters joined by periods ("U.S"), and after it a token
                # with no mark, or a last word whose own mark cannot count (Punkt
                # ignores a break with no token after it): '?' and '!' always
                # break; '.' breaks unless the word is a known abbreviation (with no
                # orthographic context learned, Punkt's second pass never turns an
                # abbreviation into a break) or an initial that Punkt keeps.
                if text[prev_stop] != ".":
                    is_break = True
                elif word.lower() in abbreviations:
                    is_break = False
                elif len(word) > 1:
                    is_break = True
                else:
                    # An initial ("J. Bach"): Punkt's orthographic heuristic keeps
                    # it when the next token starts with a letter (an upper-case one
                    # counts because no lower-case use of it was learned) or is one
                    # of ; : , (rarer spaces before that token are left to Punkt).
                    following = after.lstrip(" \t")[:1]
                    if following and not following.isspace():
                        is_break = not (
                            following.isupper() or following.islower() or following in ";:,"
                        )
            if is_break is None:
                mark = previous.group()
                is_break = bool(_tokenizer().text_contains_sentbreak(word + mark + after))
        if is_break:
            yield last_break, previous.end()
            next_start = previous.start("next_tok")
            last_break = next_start if next_start >= 0 else previous.end()
        if match is None:
            break
        previous = match
        prev_start, prev_stop = word_start, match.start()
    yield last_break, len(text.rstrip())


def _realigned(text: str, slices: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    # Mirrors PunktSentenceTokenizer._realign_boundaries: closing quotes and brackets
    # after a break belong to the sentence before it.
    realignment = _patterns()[1]
    pending: tuple[int, int] | None = None
    realign = 0
    for start, stop in slices:
        if pending is not None:
            p_start, p_stop = pending
            p_start += realign
            m = realignment.match(text, start, stop)
            if m:
                yield p_start, start + len(m.group().rstrip())
                realign = m.end() - start
            else:
                realign = 0
                if p_stop > p_start:
                    yield p_start, p_stop
        pending = (start, stop)
    if pending is not None:
        p_start, p_stop = pending[0] + realign, pending[1]
        if p_stop > p_start:
            yield p_start, p_stop


def _spans(text: str, fast: bool) -> Iterator[tuple[int, int]]:
    for paragraph in _PARAGRAPH.finditer(text):
        base = paragraph.start()
        piece = paragraph.group()
        if not fast:
            spans: Iterable[tuple[int, int]] = _tokenizer().span_tokenize(piece)
        else:
            found = _candidates(piece)
            if not found:
                # No candidate boundary (a headline, or one sentence whose final mark
                # ends the paragraph): Punkt keeps the paragraph whole.
                yield base, base + len(piece.rstrip())
                continue
            spans = _realigned(piece, _slices(piece, found))
        for start, end in spans:
            yield base + start, base + end


# Sentence is a frozen dataclass, whose generated __init__ sets each field through
# object.__setattr__; setting the slots directly gives the same value in half the
# time, which counts at ~35 sentences per article.
_new_sentence: Final = Sentence.__new__
_set_index: Final = Sentence.__dict__["index"].__set__
_set_start: Final = Sentence.__dict__["start"].__set__
_set_end: Final = Sentence.__dict__["end"].__set__
_set_text: Final = Sentence.__dict__["text"].__set__


def _split(text: str, fast: bool) -> list[Sentence]:
    sentences: list[Sentence] = []
    append = sentences.append
    for start, end in _spans(text, fast):
        piece = text[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        if len(stripped) != len(piece):
            start += len(piece) - len(piece.lstrip())
            end = start + len(stripped)
        sentence = _new_sentence(Sentence)
        _set_index(sentence, len(sentences))
        _set_start(sentence, start)
        _set_end(sentence, end)
        _set_text(sentence, stripped)
        append(sentence)
    return sentences


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
    return _split(text, fast=True)


def split_sentences_punkt(text: str) -> list[Sentence]:
    """Like :func:`split_sentences` but every decision made by NLTK Punkt itself.

    The reference the fast splitter is tested against; about ten times slower.
    """
    return _split(text, fast=False)
