"""``extract_claims``: attributed claims from an article, with speakers resolved.

The flow, paragraph by paragraph (one line of the text is one paragraph):

1. skip lines that are not body text (no final punctuation: headlines, menus,
   "Related stories" lists);
2. find quotations (``_quotes``) and group sentences into units, so a quotation
   running over several sentences stays in one unit;
3. skip units with no reporting verb, "according to", hedge or quotation (most of
   them: this keeps extraction cheap);
4. run the attribution patterns (``_rules``) on the unit with quotations masked;
5. a unit that is only a quotation continues the claim just before it;
6. resolve each speaker against the article's names and the earlier speakers
   (``_speakers``), in text order;
7. look inside reported speech for nested attributions.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from typing import Final

from briefing.claims._lexicon import CUE_FORMS, DOCUMENT_NOUNS, HEDGE_ADVERBS
from briefing.claims._quotes import quote_bounds
from briefing.claims._rules import (
    MASK,
    Frame,
    find_frames,
    find_hedge,
    find_statement_issuer,
)
from briefing.claims._speakers import MentionTable, Speaker, resolve_speaker
from briefing.errors import ConfigError
from briefing.types import Article, Claim, ClaimKind, Sentence

__all__ = ["DEFAULT_MAX_CLAIMS", "ClaimOptions", "extract_claims"]

#: Claims kept per article at most (a safety valve for pathological input).
DEFAULT_MAX_CLAIMS: Final = 10_000
#: Longest unit (sentence, or sentences joined by a quotation) the patterns read;
#: real sentences are far shorter, and the patterns' cost grows with length.
MAX_UNIT_CHARS: Final = 3_000

_PARAGRAPH: Final = re.compile(r"[^\n]+")
# Body text ends a sentence; headlines, menus and link lists do not. A paragraph is
# body text when, less trailing spaces and then closing quotes and brackets, it ends
# in one of these (a regex anchored at the end would be tried at every position).
_BODY_END_MARKS: Final = frozenset(".!?…:;")
_BODY_END_CLOSERS: Final = "\"'”’)]"
# Words that may start a claim: testing a unit's words against this set is far
# cheaper than running a regex alternation of them over every sentence.
_TRIGGER_WORDS: Final = frozenset(
    [*CUE_FORMS, *HEDGE_ADVERBS, "according", "pointed", "points", "point", "statement"]
) | {"communiqué", "understood", "believed", "thought", "rumoured", "rumored"}
_LOWER_WORD: Final = re.compile(r"[a-zé]+")
_QUOTE_MARK: Final = re.compile(r"[\"“”„«»]")
_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyzé")
# The runs of letters long enough to be a trigger word; skipping the shorter ones
# ("a", "of", "he") saves building a quarter of the strings. A run too short here
# fails at its first letter and at every later one, so no run is cut in two.
_LONG_LOWER_WORD: Final = re.compile(f"[a-zé]{{{min(map(len, _TRIGGER_WORDS))},}}")
_ASCII_TRIGGER_WORDS: Final = frozenset(
    word.encode("ascii") for word in _TRIGGER_WORDS if word.isascii()
)
_ONLY_ASCII_LETTERS: Final = bytes(byte if 0x61 <= byte <= 0x7A else 0x20 for byte in range(256))
#: What may open or close a quotation: _has_quote looks for it without a regex.
_QUOTE_CHARS: Final = re.compile(r"[\"“”„«»‘`]|''|(?:^|\s)'")
_QUOTE_MARKS: Final = '"“”„«»‘`'


def _is_body(paragraph: str) -> bool:
    return paragraph.rstrip().rstrip(_BODY_END_CLOSERS)[-1:] in _BODY_END_MARKS


def _has_quote(text: str, start: int, end: int) -> bool:
    """Whether ``_QUOTE_CHARS`` matches in ``text[start:end]``.

    Found with ``str.find``, which skips through the paragraph at C speed, where
    the pattern's search tests every character against a set.
    """
    for mark in _QUOTE_MARKS:
        if text.find(mark, start, end) >= 0:
            return True
    if text.find("''", start, end) >= 0:
        return True
    # An apostrophe after whitespace in the range, or opening the whole text.
    i = text.find("'", start, end)
    while i >= 0:
        if i == 0 or (i > start and text[i - 1].isspace()):
            return True
        i = text.find("'", i + 1, end)
    return False


@dataclass(frozen=True)
class ClaimOptions:
    """Settings for :func:`extract_claims`.

    Attributes:
        unattributed: also report hedged claims with no source ("reportedly").
        nested: also report attributions inside reported speech ("the embassy said
            the reporter told officials he had not been mistreated").
        continuations: a paragraph that is only a quotation continues the previous
            speaker's claim.
        max_claims: stop after this many claims.
    """

    unattributed: bool = True
    nested: bool = True
    continuations: bool = True
    max_claims: int = DEFAULT_MAX_CLAIMS

    def __post_init__(self) -> None:
        if self.max_claims < 0:
            raise ConfigError(f"max_claims must be >= 0, got {self.max_claims}")


class _Unit:
    """A sentence, or sentences joined by a quotation, with the quotations in it.

    A plain class, not a dataclass, for the reason given at ``_rules.Frame``.
    """

    __slots__ = ("end", "paragraph", "quotes", "sentence", "start")

    def __init__(
        self,
        start: int,
        end: int,
        sentence: int,
        paragraph: int,
        quotes: list[tuple[int, int, bool]],
    ) -> None:
        self.start = start
        self.end = end
        self.sentence = sentence
        self.paragraph = paragraph
        self.quotes = quotes


def _units(
    text: str, sentences: Sequence[Sentence]
) -> tuple[list[_Unit], list[tuple[int, int]], list[tuple[int, int]]]:
    """Group sentences into units and collect all quotation spans."""
    units: list[_Unit] = []
    all_quotes: list[tuple[int, int]] = []
    body: list[tuple[int, int]] = []
    starts = [s.start for s in sentences]
    bisect_left = bisect.bisect_left
    for p_index, para in enumerate(_PARAGRAPH.finditer(text)):
        p_start, p_end = para.span()
        if not _is_body(para.group()):
            continue
        body.append((p_start, p_end))
        lo = bisect_left(starts, p_start)
        hi = bisect_left(starts, p_end, lo)
        quotes = quote_bounds(text, p_start, p_end) if _has_quote(text, p_start, p_end) else None
        if not quotes:
            # Nothing to join sentences: each is its own unit (most paragraphs).
            for s in sentences[lo:hi]:
                units.append(_Unit(s.start, min(s.end, p_end), s.index, p_index, []))
            continue
        all_quotes += [(s, e) for s, e, _ in quotes]
        current: _Unit | None = None
        for sentence in sentences[lo:hi]:
            s_start, s_end = sentence.start, min(sentence.end, p_end)
            if (
                current is not None
                and s_end - current.start <= MAX_UNIT_CHARS
                and any(
                    qs < current.end and qe > s_start and qs < s_start
                    for qs, qe, _ in current.quotes
                )
            ):
                current.end = s_end
                current.quotes = [q for q in quotes if q[0] < s_end and q[1] > current.start]
                continue
            if current is not None:
                units.append(current)
            current = _Unit(
                s_start,
                s_end,
                sentence.index,
                p_index,
                [q for q in quotes if q[0] < s_end and q[1] > s_start],
            )
        if current is not None:
            units.append(current)
    return units, all_quotes, body


def _trigger_words_in(lowered: str) -> Set[str]:
    """The trigger words that are whole runs of letters in ``lowered``."""
    if "é" in lowered:
        return _TRIGGER_WORDS.intersection(_LONG_LOWER_WORD.findall(lowered))
    # Without "é" the letters are a-z, one byte each in UTF-8, and every other
    # character's bytes are 0x80 or more: with all bytes but a-z made spaces, the
    # words of the bytes are exactly the runs of letters. This is about twice as
    # fast as the findall, which builds a str per word.
    words = lowered.encode("utf-8", "surrogatepass").translate(_ONLY_ASCII_LETTERS).split()
    return {word.decode("ascii") for word in _ASCII_TRIGGER_WORDS.intersection(words)}


def _has_trigger(piece: str) -> bool:
    return not _TRIGGER_WORDS.isdisjoint(_LOWER_WORD.findall(piece.lower()))


class _Triggers:
    """Where the article's trigger words are, found once, so that asking whether a
    unit holds one is a binary search instead of a scan of the unit."""

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        # Lower-casing can change the length ("İ"); offsets then do not line up.
        self.aligned = len(lowered) == len(text)
        self.lowered = lowered
        # The words present are found at C speed; their few places are then found
        # with str.find, kept where they are whole runs of letters.
        spans = []
        size = len(lowered)
        for word in _trigger_words_in(lowered):
            i = lowered.find(word)
            while i >= 0:
                j = i + len(word)
                if (i == 0 or lowered[i - 1] not in _LETTERS) and (
                    j == size or lowered[j] not in _LETTERS
                ):
                    spans.append((i, j))
                i = lowered.find(word, j)
        spans.sort()
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def between(self, lo: int, hi: int) -> bool:
        """Whether ``_has_trigger(text[lo:hi])``."""
        lowered = self.lowered
        if (
            not self.aligned
            or (0 < lo < len(lowered) and lowered[lo] in _LETTERS and lowered[lo - 1] in _LETTERS)
            or (0 < hi < len(lowered) and lowered[hi] in _LETTERS and lowered[hi - 1] in _LETTERS)
        ):
            return _has_trigger(self.text[lo:hi])  # a word cut in two by the bounds
        i = bisect.bisect_left(self.starts, lo)
        # Spans do not overlap, so the first one starting in range ends first.
        return i < len(self.spans) and self.spans[i][1] <= hi

    def words_in(self, lo: int, hi: int, quotes: list[tuple[int, int, bool]]) -> set[str] | None:
        """The trigger words in ``text[lo:hi]`` outside ``quotes``, read from the
        spans found once: the rules then need not scan the unit again. None when the
        spans cannot tell: offsets that do not line up, a word cut by the bounds, or
        an "é", which the rules do not count as a letter."""
        lowered = self.lowered
        if (
            not self.aligned
            or lowered.find("é", lo, hi) >= 0
            or (0 < lo < len(lowered) and lowered[lo] in _LETTERS and lowered[lo - 1] in _LETTERS)
            or (0 < hi < len(lowered) and lowered[hi] in _LETTERS and lowered[hi - 1] in _LETTERS)
        ):
            return None
        spans = self.spans
        found: set[str] = set()
        for k in range(bisect.bisect_left(self.starts, lo), len(spans)):
            start, end = spans[k]
            if end > hi:
                break
            if not any(qs < end and qe > start for qs, qe, _ in quotes):
                found.add(lowered[start:end])
        return found


def _mask(text: str, unit: _Unit) -> str:
    start, end = unit.start, unit.end
    if not unit.quotes:
        return text[start:end]
    # Joined from slices of the text: a list of the unit's characters would cost a
    # few microseconds per hundred characters, and quoted units are long.
    parts: list[str] = []
    done = start
    for qs, qe, _ in sorted(unit.quotes):
        lo, hi = max(qs, done), min(qe, end)
        if hi > lo:
            parts += (text[done:lo], MASK * (hi - lo))
            done = hi
    parts.append(text[done:end])
    return "".join(parts)


def _clean_piece(text: str, lo: int, hi: int, last: bool = True) -> tuple[int, int]:
    """Trim spaces, and the closing comma or period of a quotation's last piece (the
    comma of an earlier piece stays: "We will fight, and we will win")."""
    while lo < hi and (text[lo].isspace() or (text[lo] in "'`" and text[lo - 1] in "'`")):
        lo += 1
    while hi > lo and (
        text[hi - 1].isspace()
        or (last and text[hi - 1] in ",.;:—–-")
        or (text[hi - 1] in "'`" and hi < len(text) and text[hi] in "'`")
    ):
        hi -= 1
    return lo, hi


def _only_quotes(masked: str) -> bool:
    return MASK in masked and not any(ch.isalnum() for ch in masked.replace(MASK, ""))


class _Resolver:
    """Keeps the article's mention table and the speakers so far."""

    def __init__(
        self, text: str, quotes: list[tuple[int, int]], body: list[tuple[int, int]]
    ) -> None:
        self.text = text
        self.table = MentionTable(text, sorted(quotes), body)
        self.speakers: list[Speaker] = []
        self.statement_source: str | None = None
        self.statement_at = -1

    def resolve(self, written: str, position: int, statement: bool) -> tuple[str, bool]:
        words = written.lower().split()
        head = words[-1] if words else ""
        if (
            head in DOCUMENT_NOUNS
            and words[0] in ("the", "this", "that", "its", "their")
            and self.statement_source
        ):
            source, resolved = self.statement_source, True
            kind, gender = "org", ""
        elif (
            head == "it"
            and self.statement_source
            and self.statement_at >= position - 400
            and not self._other_org_since(self.statement_at, self.statement_source)
        ):
            # "X issued a statement. It said ..." (the statement, or its issuer).
            source, resolved = self.statement_source, True
            kind, gender = "org", ""
        else:
            source, resolved, kind, gender = resolve_speaker(
                written, position, self.table, self.speakers
            )
        if resolved:
            self.speakers.append(Speaker(position, source, kind, gender))
        if statement or head in DOCUMENT_NOUNS:
            self.statement_source = source
            self.statement_at = position
        return source, resolved

    def _other_org_since(self, position: int, source: str) -> bool:
        """Whether another institution spoke after ``position``: then "It said" is
        that one ("X issued a statement. The ministry said ... It said ...")."""
        for speaker in reversed(self.speakers):
            if speaker.start <= position:
                return False
            if speaker.kind == "org" and speaker.name != source:
                return True
        return False

    def note_statement(self, written: str, position: int) -> None:
        """Remember who issued a statement even when the sentence quotes nothing."""
        source, resolved, kind, gender = resolve_speaker(
            written, position, self.table, self.speakers
        )
        if resolved:
            self.statement_source = source
            self.statement_at = position
            self.speakers.append(Speaker(position, source, kind, gender))


def extract_claims(
    article: Article | str,
    *,
    options: ClaimOptions | None = None,
    splitter: Callable[[str], Sequence[Sentence]] | None = None,
) -> list[Claim]:
    """Find every attributed claim in a news article.

    Args:
        article: an :class:`~briefing.Article` or the article text.
        options: what to report; defaults to :class:`ClaimOptions`.
        splitter: the sentence splitter; defaults to the article's own sentences
            (:func:`briefing.split_sentences`).

    Returns:
        Claims in text order. ``content`` is copied from the text (split quotations
        are joined by one space) and ``start``/``end`` locate it in ``article.text``
        (for a split quotation, from its first to its last piece).

    Raises:
        ConfigError: if ``options`` has an impossible value.

    Example:
        >>> claims = extract_claims('"We will appeal," said Omar Haddad, a lawyer.')
        >>> claims[0].source, claims[0].content, claims[0].kind
        ('Omar Haddad', 'We will appeal', 'direct')
    """
    opts = options or ClaimOptions()
    if isinstance(article, str):
        article = Article(article)
    text = article.text
    triggers = _Triggers(text)
    if not triggers:
        return []
    sentences = splitter(text) if splitter is not None else article.sentences
    units, quotes, body = _units(text, sentences)
    resolver: _Resolver | None = None
    claims: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    last_claim_unit = -2
    for u_index, unit in enumerate(units):
        if len(claims) >= opts.max_claims:
            break
        if unit.end - unit.start > MAX_UNIT_CHARS:
            continue  # not a sentence: a run-on block of text or data
        if not unit.quotes and not triggers.between(unit.start, unit.end):
            continue  # most units: no reporting verb, hedge or quotation
        masked = _mask(text, unit)
        words = triggers.words_in(unit.start, unit.end, unit.quotes)
        frames = find_frames(text, unit.start, unit.end, masked, unit.quotes, words)
        if resolver is None:
            resolver = _Resolver(text, quotes, body)
        if not frames and opts.continuations and claims and _only_quotes(masked):
            if last_claim_unit == u_index - 1 and claims[-1].kind != "unattributed":
                claim = _continuation(text, unit, claims[-1])
                if claim is not None:
                    previous = claims[-1]
                    if previous.kind == "direct" and units[u_index - 1].paragraph == unit.paragraph:
                        # '"A," she said. "B."': one quotation, interrupted by its frame.
                        claim = dataclasses.replace(
                            previous, content=f"{previous.content} {claim.content}", end=claim.end
                        )
                        claims[-1] = claim
                    else:
                        claims.append(claim)
                    last_claim_unit = u_index
            continue
        if not frames:
            issuer = find_statement_issuer(masked, unit.start)
            if issuer is not None:
                resolver.note_statement(text[issuer[0] : issuer[1]], issuer[0])
        if not frames and opts.unattributed:
            hedge = find_hedge(masked, unit.start)
            if hedge is not None:
                frames = [hedge]
        for frame in frames:
            claim = _to_claim(text, unit, frame, resolver)
            if claim is None or (claim.start, claim.end) in seen:
                continue
            seen.add((claim.start, claim.end))
            claims.append(claim)
            last_claim_unit = u_index
            if opts.nested and claim.kind in ("indirect", "mixed"):
                for inner in _nested(text, unit, claim, resolver, triggers):
                    if (inner.start, inner.end) not in seen:
                        seen.add((inner.start, inner.end))
                        claims.append(inner)
    return claims[: opts.max_claims]


def _content_of(text: str, frame: Frame) -> tuple[str, int, int] | None:
    if frame.kind == "direct":
        last = len(frame.content) - 1
        pieces = [_clean_piece(text, lo, hi, i == last) for i, (lo, hi) in enumerate(frame.content)]
        pieces = [(lo, hi) for lo, hi in pieces if hi > lo]
        if not pieces:
            return None
        content = " ".join(text[lo:hi] for lo, hi in pieces)
        return content, pieces[0][0], pieces[-1][1]
    pieces = []
    for lo, hi in frame.content:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            pieces.append((lo, hi))
    if not pieces:
        return None
    return " ".join(text[lo:hi] for lo, hi in pieces), pieces[0][0], pieces[-1][1]


def _to_claim(text: str, unit: _Unit, frame: Frame, resolver: _Resolver) -> Claim | None:
    got = _content_of(text, frame)
    if got is None:
        return None
    content, lo, hi = got
    if frame.subject is None:
        source = source_text = None
        resolved = True
    else:
        source_text = text[frame.subject[0] : frame.subject[1]]
        source, resolved = resolver.resolve(source_text, frame.subject[0], frame.statement)
    kind: ClaimKind = frame.kind  # type: ignore[assignment]
    return Claim(source, source_text, frame.cue, content, kind, unit.sentence, lo, hi, resolved)


def _continuation(text: str, unit: _Unit, previous: Claim) -> Claim | None:
    pieces = [_clean_piece(text, s + 1, e - 1 if closed else e) for s, e, closed in unit.quotes]
    pieces = [(lo, hi) for lo, hi in pieces if hi > lo and lo >= unit.start]
    if not pieces:
        return None
    content = " ".join(text[lo:hi] for lo, hi in pieces)
    return Claim(
        previous.source,
        previous.source_text,
        previous.cue,
        content,
        "direct",
        unit.sentence,
        pieces[0][0],
        pieces[-1][1],
        previous.resolved,
    )


def _nested(
    text: str, unit: _Unit, outer: Claim, resolver: _Resolver, triggers: _Triggers
) -> list[Claim]:
    """Attributions inside reported speech (quotation marks there are read through)."""
    lo, hi = outer.start, outer.end
    if not triggers.between(lo, hi):
        return []
    inner_text = text[lo:hi]
    masked = _QUOTE_MARK.sub(" ", inner_text)
    # Blanking quotation marks changes no run of letters: the index still applies.
    frames = find_frames(text, lo, hi, masked, [], triggers.words_in(lo, hi, []))
    claims = []
    for frame in frames:
        if frame.subject is None:
            continue
        claim = _to_claim(text, unit, frame, resolver)
        if claim is not None and claim.content != outer.content:
            claims.append(claim)
    return claims
