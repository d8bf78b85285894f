"""The attribution patterns: where a claim's speaker, cue and content are in a unit.

A *unit* is one sentence, or several when a quotation runs across sentence ends.
Quotations are masked (replaced by a placeholder of the same length) before the
patterns run, so a reporting verb inside a quotation never frames the sentence
around it. The patterns, in the order they are tried for each reporting verb:

* inverted, after the content: ``"...," said Omar Haddad, a lawyer.`` /
  ``..., said the ministry.``
* after the content: ``"...," she said[, "..."].`` / ``..., hospital officials said.``
* before the content: ``Customs officers said [on Tuesday] [that] ...`` /
  ``She told investors at a briefing that ...`` / ``He said: "..."``
* statements: ``the ministers issued a joint statement: "..."``
* ``according to X, ...`` and ``..., according to X.``
* hedges with no source: ``reportedly``, ``it is understood that``, ``is said to``.

Each pattern returns a :class:`Frame` (offsets only); ``_extract`` turns frames into
claims and resolves the speakers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Set
from typing import Final

from briefing.claims._lexicon import (
    ADVERBS,
    BOUNDARY_WORDS,
    CLAUSE_MARKERS,
    CUE_FORMS,
    DETERMINERS,
    HEDGE_ADVERBS,
    INSTITUTION_NOUNS,
    PASSIVE_HEDGE_VERBS,
    RECIPIENT_VERBS,
    SAY_LIKE,
    THAT_ONLY,
    TITLES,
    words,
)

__all__ = [
    "MASK",
    "Frame",
    "find_frames",
    "find_hedge",
    "find_statement_issuer",
]

#: Placeholder for quoted text in masked units (a private-use character).
MASK: Final = "\ue000"

_TOKEN: Final = re.compile(r"\ue000+|(?:[A-Z]\.){2,}|\d[\d,.]*\d|[^\W_][\w'’\-&\u0300-\u036f]*|\S")
_DAYS: Final = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|"
    "week|month|year|morning|afternoon|evening|night|weekend|day|spring|summer|autumn|"
    "fall|winter|January|February|March|April|May|June|July|August|September|October|"
    "November|December"
)
_DOCS: Final = (
    "statement|interview|conference|briefing|hearing|speech|address|report|letter|email|"
    "e-mail|post|filing|memo|note|message|video|release|tweet|broadcast|meeting|session|"
    "summit|rally|event|call|appearance|podcast|op-ed|column|document|affidavit|"
    "complaint|ruling|submission|testimony|debate|remarks|comments|episode|newsletter|"
    "blog|update|notice|announcement|sermon|lecture|panel|forum|audit|study|review"
)
_ADVERBIAL: Final = re.compile(
    rf"""[ \t]*,?[ \t]*(?:
      (?:on|last|this|late|early|earlier|later|next|that|on\ the|in\ the|by)[ \t]+
        (?:[A-Z]\w+[ \t]+)?(?:{_DAYS})(?:[ \t]+(?:morning|afternoon|evening|night))?\b
    | (?:{_DAYS}|recently|previously|earlier|later|also|again|repeatedly|publicly|
        privately|separately|then|too|afterwards|afterward|shortly\ afterwards|
        at\ the\ time|on\ (?:Twitter|X|Facebook|Instagram|Telegram|social\ media|
        television|TV|radio|air)|in\ (?:court|parliament|Parliament|Congress|person|
        writing|public|private|response|reply|return|part)|by\ (?:phone|telephone|
        email|e-mail|video\ link)|in\ a\ nutshell|once\ again|this\ time|however|
        though|nevertheless|nonetheless|meanwhile|instead|for\ (?:her|his|its|their)\ part)\b
    | (?:in|at|during|via|through|after|before|from|with|on)[ \t]+
        (?:a|an|the|his|her|its|their|our|this|that|[A-Z][\w.'’]*)[ \t]+
        (?:[\w'’\-]+[ \t]+){{0,4}}?(?:{_DOCS})s?(?:[ \t]+(?:{_DOCS})s?)*\b
        (?:[ \t]+(?:on|to|with|from|at|in|for|of|by|before|after)[ \t]+
          (?:[\w'’.\-]+[ \t]*){{1,5}}?(?=[,.:;]|[ \t]+that\b|[ \t]+\ue000|$))?
    | (?:to|at|before|with)[ \t]+(?:reporters|journalists|lawmakers|investors|
        supporters|students|the\ press|the\ media|parliament|Parliament|Congress|
        the\ court|the\ committee|the\ [A-Z][\w'’]*(?:[ \t][A-Z][\w'’]*)*|
        [A-Z][\w'’]*(?:[ \t][A-Z][\w'’]*)*)\b
    )""",
    re.VERBOSE,
)
_RECIPIENT: Final = re.compile(
    r"""[ \t]+(?:
    (?:[a-z][\w'’\-]*[ \t]+){0,2}[a-z][\w'’\-]*s(?=[ \t]+(?:that|at|on|in|during|before|
      after|outside|inside|he|she|they|it|we|the|a|an)\b|[ \t]*[,.:;]|[ \t]+[A-Z])|
    him|her|them|us|me|you|it|reporters|journalists|lawmakers|investors|
    shareholders|supporters|staff|employees|workers|residents|parents|students|
    delegates|members|colleagues|officials|police|investigators|jurors|the\ jury|
    (?:the|a|an|his|her|its|their|our)(?:[ \t]+(?!(?:that|at|on|in|of|for|during|before|
      after|outside|inside|with|to|by|from|he|she|they|it|we|was|were|had|would|will|
      the|a|an|his|her|its|their)\b)
      [\w'’\-]+){1,3}|
    [A-Z][\w'’.\-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'’.\-]*){0,4})\b""",
    re.VERBOSE,
)
_THAT: Final = re.compile(r"[ \t]*[,:]?[ \t]*that\b[ \t]*")
_LEAD_PUNCT: Final = re.compile(r"[ \t]*[,:—–-]*[ \t]*")
_DATELINE: Final = re.compile(
    r"[A-Z][A-Z .,'’\-]{2,}(?:,[^—–\n]{0,40}?)?(?:\([^)]{0,30}\))?[ \t]*(?:—|–|--|-)[ \t]*"
)
_STATEMENT: Final = re.compile(
    r"\b(?:issued|released|put[ \t]+out|published|sent|made|gave)[ \t]+(?:a|an)[ \t]+"
    r"(?:[\w\-]+[ \t]+){0,2}?(statement|communiqué|communique|declaration)\b"
)
# Words _STATEMENT must end in (lower-case, as it matches): a unit with none of them
# skips the search, which tries each verb at every position.
_STATEMENT_NOUNS: Final = ("statement", "communiqu", "declaration")


def _search_statement(masked: str) -> re.Match[str] | None:
    if not any(noun in masked for noun in _STATEMENT_NOUNS):
        return None
    return _STATEMENT.search(masked)


_ACCORDING: Final = re.compile(r"\b[Aa]ccording[ \t]+to\b")
_HEDGE_IT: Final = re.compile(
    r"\b[Ii]t[ \t]+(?:is|was|has[ \t]+been|had[ \t]+been)[ \t]+(?:widely[ \t]+)?"
    r"(understood|believed|thought|reported|said|rumou?red|alleged)(?:[ \t]+that)?\b[ \t]*"
)
_HEDGE_PASSIVE: Final = re.compile(
    r"\b(?:is|are|was|were)[ \t]+(?:widely[ \t]+)?"
    r"(said|understood|believed|thought|reported|rumou?red|alleged)[ \t]+to\b"
)
# _HEDGE_IT and _HEDGE_PASSIVE need one of these verbs; a unit with none skips both.
_HEDGE_VERB_STEMS: Final = (
    "said",
    "understood",
    "believed",
    "thought",
    "reported",
    "rumo",
    "alleged",
)
_HEDGE_ADVERB: Final = re.compile(r"\b(" + "|".join(sorted(HEDGE_ADVERBS)) + r")\b")
# The ending every hedge adverb shares ("edly"): a unit without it skips the search
# above, which tries each alternative at every position.


def _shared_ending(words: frozenset[str]) -> str:
    ending = min(words, key=len)
    while not all(w.endswith(ending) for w in words):
        ending = ending[1:]
    return ending


_HEDGE_ADVERB_ENDING: Final = _shared_ending(HEDGE_ADVERBS)
_TRAILING_MARKS: Final = frozenset(".,;:—–-")


def _trailing_start(text: str, lo: int, hi: int) -> int:
    """Where the run of spaces and punctuation that ends ``text[lo:hi]`` starts (``hi``
    when there is none): the end of a claim's words. A loop from the end touches a
    character or two; a regex anchored at the end is tried at every position."""
    while hi > lo and (text[hi - 1] in _TRAILING_MARKS or text[hi - 1].isspace()):
        hi -= 1
    return hi


# Patterns used inside the rules, compiled once (re's own cache costs a lookup a call).
_WORD: Final = re.compile(r"[\w'’\-]+")
_WORD_OR_QUOTE: Final = re.compile(r"[\w'’\-]+|\ue000+")
_W_RUN: Final = re.compile(r"\w+")
_WORD_CHAR: Final = re.compile(r"[\w]")
_WORD_CHAR_OR_QUOTE: Final = re.compile(r"\w|\ue000")
_PARENTHETICAL: Final = re.compile(r"[ \t]*,[^,]{1,120},")
_SPACES: Final = re.compile(r"\s+")
_PASSIVE_AUX: Final = words("is are was were be been being")
_NEGATION: Final = words("not never n't")
_PREPOSITIONS: Final = words(
    """of for at from with in on to by about into onto over under after before during
    against among between through without within upon via"""
)
_NP_LINKS: Final = words("of for at from with in close")
# Forms that are just as often nouns ("the report", "police reports"): they frame a
# claim only before "that" or after the content.
_NOUNY: Final = words(
    """report reports claim claims state states note notes estimate estimates forecast
    forecasts promise promises counter counters signal signals show shows find finds
    stress pledge pledges vow vows tweet tweets remark remarks hint hints mention
    mentions caution cautions warning comment comments finding findings"""
)
_TOKENS_AFTER_LAST_CUE: Final = 160
_OBJECTS: Final = words("me him them us you")
_NOT_SUBJECTS: Final = words(
    """now once then having being here there this that also still yet so thus
    however meanwhile instead later earlier today yesterday tomorrow again even"""
)
_LEADING_ADVERBS: Final = ADVERBS | words("even only just now meanwhile however instead still yet")
_NOUNY_OR_STATEMENT: Final = _NOUNY | {"statement", "communiqu"}
_BAD_CONTENT_START: Final = (
    _PREPOSITIONS
    | CLAUSE_MARKERS
    | words("so yes nothing something anything goodbye hello thanks sorry")
)
_PERSON_PRONOUNS: Final = words("he she they it we i")
# Participles that only follow "has/had": "a written statement" is not a cue.
_NEEDS_AUX: Final = words("written shown")
# Words ending in -ed/-ing that are not participles in a subject phrase.
_NOT_PARTICIPLE: Final = words(
    """red bed need seed speed feed united ed reed shed hundred wed led bred
    spring king thing ring string wing building meeting ceiling evening morning
    nothing something anything everything being during sibling darling wedding
    funding housing training spending ruling hearing briefing landing standing
    during painting setting"""
)
# Plural nouns for people who speak as one: "The officials rejected it, saying ...".
_SPEAKING_GROUPS: Final = words(
    """officials ministers lawmakers researchers scientists doctors experts analysts
    residents workers protesters activists investigators prosecutors lawyers judges
    police officers authorities organisers organizers campaigners critics leaders"""
)
# "..., the new rules could add ...": a possibility, never a postposed attribution.
_MODALS: Final = words("could might may can should")
_POSSESSIVES: Final = words("his her their its")
_SUBORDINATORS: Final = words(
    """as while when after before during outside inside at in on to from with
    who which whose where adding noting citing his her their its despite amid
    following of about"""
)


class Frame:
    """Where one claim's parts are in the text (absolute offsets).

    ``content`` holds one span, or several for a split quotation; ``direct`` marks
    content that is entirely quoted (spans then exclude the quotation marks).

    Frames are never changed once built. A plain class, not a dataclass: the compiled
    build makes this ``__init__`` native code, where a dataclass's generated one
    stays interpreted (several times the cost, for an object made per claim).
    """

    __slots__ = ("content", "cue", "cue_start", "kind", "statement", "subject")

    def __init__(
        self,
        cue: str,
        cue_start: int,
        subject: tuple[int, int] | None,
        content: tuple[tuple[int, int], ...],
        kind: str,
        statement: bool = False,
    ) -> None:
        self.cue = cue
        self.cue_start = cue_start
        self.subject = subject
        self.content = content
        self.kind = kind
        self.statement = statement


class _Tok:
    """A token of a masked unit, with the properties the patterns ask about
    precomputed (they are asked many times)."""

    __slots__ = ("end", "is_cap", "is_quote", "is_word", "low", "start", "text")

    def __init__(
        self, text: str, start: int, end: int, low: str, is_quote: bool, is_word: bool, is_cap: bool
    ) -> None:
        self.text = text
        self.start = start  # offset in the masked unit
        self.end = end
        self.low = low
        self.is_quote = is_quote
        self.is_word = is_word
        self.is_cap = is_cap


_LOWER_WORD: Final = re.compile(r"[a-z]+")
# Cue forms that can frame a claim here (-ing forms only of say-like verbs: ", saying").
_TRIGGER_WORDS: Final = frozenset(
    [w for w, verb in CUE_FORMS.items() if not w.endswith("ing") or verb in SAY_LIKE]
    + ["according", "pointed", "points", "point", "statement", "communiqu"]
)


# Tokens the cue loop in _frames_for_cues acts on; every other token only moves it on.
_LOOP_WORDS: Final = frozenset([*CUE_FORMS, "point", "points", "pointed", "according", "saying"])


# A token of a whitespace-free chunk: (text, offset in the chunk, length, then the
# properties _Tok precomputes).
_Piece = tuple[str, int, int, str, bool, bool, bool]
#: Chunks tokenised so far. News repeats its words ("said,", "Tuesday."), so most
#: chunks are found here; emptied when full, which bounds its memory.
_PIECES: Final[dict[str, list[_Piece]]] = {}
_PIECES_MAX: Final = 20_000


def _pieces(chunk: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    for m in _TOKEN.finditer(chunk):
        text = m.group()
        first = text[0]
        pieces.append(
            (
                text,
                m.start(),
                len(text),
                text.lower(),
                first == MASK,
                first.isalnum(),
                first.isupper(),
            )
        )
    return pieces


def _tokens(masked: str) -> list[_Tok]:
    """The tokens of ``masked``, as ``_TOKEN`` finds them.

    No token holds whitespace and the pattern looks neither behind nor ahead, so
    the text's whitespace-separated chunks are tokenised on their own, and each
    distinct chunk once: half the cost of matching the whole unit when compiled.
    """
    toks: list[_Tok] = []
    at = 0
    cache = _PIECES
    for chunk in masked.split():
        at = masked.find(chunk, at)
        pieces = cache.get(chunk)
        if pieces is None:
            pieces = _pieces(chunk)
            if MASK not in chunk:  # masked quotations have every length: not worth keeping
                if len(cache) >= _PIECES_MAX:
                    cache.clear()
                cache[chunk] = pieces
        for text, offset, size, low, is_quote, is_word, is_cap in pieces:
            start = at + offset
            toks.append(_Tok(text, start, start + size, low, is_quote, is_word, is_cap))
        at += len(chunk)
    return toks


def _np_left(toks: list[_Tok], j: int) -> int | None:
    """Start index of the noun phrase ending at token ``j`` (the subject of a cue)."""
    if j < 0 or not toks[j].is_word:
        return None
    if toks[j].low in _PERSON_PRONOUNS:
        return j
    if toks[j].low in BOUNDARY_WORDS or toks[j].low in _PREPOSITIONS:
        return None
    k = j
    while k - 1 >= 0 and j - (k - 1) < 12:
        t = toks[k - 1]
        low = t.low
        if t.text == "." and k - 2 >= 0 and _abbreviated_name_part(toks[k - 2]):
            k -= 1
            continue
        if t.text in ("&", "-"):
            k -= 1
            continue
        if not t.is_word:
            break
        if low in DETERMINERS:
            k -= 1
            if k - 1 >= 0 and toks[k - 1].low in DETERMINERS and not toks[k - 1].is_quote:
                continue  # "the two ministers", "all three judges"
            # A determiner starts the phrase unless a linking preposition precedes
            # it: "officials at the port", "a spokesperson for the ministry",
            # "a source close to the talks".
            if (
                k - 3 >= 0
                and toks[k - 1].low == "to"
                and toks[k - 2].low in ("close", "familiar", "loyal", "near", "next")
            ):
                k -= 2
                continue
            if (
                k - 2 >= 0
                and toks[k - 1].low in _NP_LINKS
                and toks[k - 2].is_word
                and toks[k - 2].low not in BOUNDARY_WORDS
            ):
                k -= 1
                continue
            break
        if low in _NP_LINKS:
            if k - 1 >= 0 and toks[k - 1].is_word and toks[k - 1].low not in BOUNDARY_WORDS:
                k -= 1
                continue
            break
        if low == "on" and toks[k].is_cap and k - 2 >= 0 and toks[k - 2].is_cap:
            k -= 1  # a name with "on" inside: "the Commission on Presidential Debates"
            continue
        if low == "and" and toks[k].is_cap and k - 2 >= 0 and toks[k - 2].is_cap:
            k -= 1
            continue
        if low in BOUNDARY_WORDS or low in _PREPOSITIONS or low in _PERSON_PRONOUNS:
            break
        if low in CUE_FORMS and not t.is_cap and not low.endswith("ed"):
            break
        k -= 1
    # Trim a leading capitalised sentence adverb or preposition ("Later officials").
    while k < j and (toks[k].low in _PREPOSITIONS or toks[k].low in _LEADING_ADVERBS):
        k += 1
    return k


def _np_right(toks: list[_Tok], i: int) -> int | None:
    """End index (exclusive) of the noun phrase starting at token ``i`` (inverted
    order: ``said Omar Haddad``)."""
    if i >= len(toks) or not toks[i].is_word:
        return None
    if toks[i].low in _PERSON_PRONOUNS:
        return i + 1
    if toks[i].low in BOUNDARY_WORDS or toks[i].low in _PREPOSITIONS or toks[i].low in _OBJECTS:
        return None
    k = i
    while k < len(toks) and k - i < 10:
        t = toks[k]
        if t.text == "." and k > i and _abbreviated_name_part(toks[k - 1]) and k + 1 < len(toks):
            k += 1
            continue
        if t.text in ("&", "-", "’s", "'s"):
            k += 1
            continue
        if not t.is_word:
            break
        if k > i and ((t.low in BOUNDARY_WORDS and t.low != "and") or t.low in CLAUSE_MARKERS):
            break
        if k > i and t.low in _PREPOSITIONS and t.low not in _NP_LINKS:
            break
        if t.low == "and" and not (k + 1 < len(toks) and toks[k + 1].is_cap):
            break
        if k > i + 1 and not t.is_cap and t.low.endswith("ed"):
            break  # "a survey published on Tuesday by ..."
        k += 1
    while k > i and (toks[k - 1].low in _NP_LINKS or toks[k - 1].low == "and"):
        k -= 1
    return k if k > i else None


def _only_punct(s: str) -> bool:
    return not any(ch.isalnum() or ch == MASK for ch in s)


def _skip_adverbials(masked: str, pos: int) -> int:
    while True:
        m = _ADVERBIAL.match(masked, pos)
        if not m or m.end() == pos:
            return pos
        pos = m.end()


def _content_ok(masked: str, start: int, end: int, verb: str, had_that: bool) -> bool:
    # The tests below read at most three words, but for the last, which reads them
    # all: the rest are found only if it is reached (content runs to the unit's end).
    found = _WORD_OR_QUOTE.finditer(masked, start, end)
    words = [m.group() for m in itertools.islice(found, 3)]
    if not words:
        return False
    if words[0][0] == MASK:
        # '"...," she said' is content; "had shown “a cavalier disregard” for the
        # river" quotes a noun phrase that is the object of a that-only verb.
        return had_that or verb not in THAT_ONLY or len(words) == 1
    first = words[0].lower()
    if had_that:
        return len(words) >= 2
    if first in ("about", "over", "under", "around", "nearly", "almost") and len(words) > 1:
        first = words[1].lower()  # "said about 700 jobs would go"
    if verb in THAT_ONLY or first in _BAD_CONTENT_START or len(words) < 2:
        return False
    if len(words) == 2 and not (words[1].endswith("ed") or words[1].lower() in CLAUSE_MARKERS):
        return False  # "said goodbye", but "said cases rose" is a claim
    if verb not in SAY_LIKE:
        return False
    if verb == "say" or first in ("he", "she", "they", "we", "i", "it", "there"):
        return True  # a pronoun subject starts a clause: "told colleagues he heard"
    # Other verbs with a bare complement must introduce a clause, not a noun
    # phrase ("warned the plan would fail", not "warned the public").
    rest = (m.group() for m in found)
    return any(
        w.lower() in CLAUSE_MARKERS or (i > 0 and w.endswith("ed"))
        for i, w in enumerate(itertools.chain(words, rest))
    )


def _quote_spans(
    quotes: list[tuple[int, int, bool]], base: int, lo: int, hi: int
) -> list[tuple[int, int, bool]]:
    """Quotations (in masked-unit offsets) that lie in [lo, hi)."""
    return [(s - base, e - base, c) for s, e, c in quotes if s - base >= lo and e - base <= hi]


def _content_frame(
    masked: str,
    base: int,
    lo: int,
    hi: int,
    quotes: list[tuple[int, int, bool]],
    extra: list[tuple[int, int, bool]] | None = None,
) -> tuple[tuple[tuple[int, int], ...], str] | None:
    """Content spans and kind for masked text [lo, hi), plus split-quote pieces."""
    lead = _LEAD_PUNCT.match(masked, lo)
    lo = lead.end() if lead else lo
    hi = _trailing_start(masked, lo, hi)
    if hi <= lo:
        return None
    inside = _quote_spans(quotes, base, lo, hi + 2)
    if (
        inside
        and _only_punct(masked[lo : inside[0][0]])
        and _only_punct(masked[inside[-1][1] : hi])
        and len(inside) == 1
    ):
        pieces = [inside[0]] + (extra or [])
        spans = []
        for s, e, closed in pieces:
            inner_s, inner_e = s + 1, (e - 1 if closed else e)
            spans.append((inner_s + base, inner_e + base))
        return tuple(spans), "direct"
    return ((lo + base, hi + base),), ("mixed" if inside or MASK in masked[lo:hi] else "indirect")


def find_frames(
    text: str,
    start: int,
    end: int,
    masked: str,
    quotes: list[tuple[int, int, bool]],
    words: Set[str] | None = None,
) -> list[Frame]:
    """Attribution frames in one unit ``text[start:end]``.

    Args:
        text: the article text.
        start, end: the unit's bounds.
        masked: ``text[start:end]`` with quotations replaced by :data:`MASK`.
        quotes: (start, end, closed) of the quotations in the unit, absolute.
        words: the lower-cased words of ``masked`` that may be cues, when the caller
            already knows them (it must include every word of :data:`_TRIGGER_WORDS`
            that is a whole run of a-z letters in ``masked.lower()``); else found here.

    Returns:
        Frames in text order; empty when the unit attributes nothing.
    """
    frames = _frames_for_cues(text, start, masked, quotes, words)
    # _NAMING needs a quotation and one of its literal verbs; most units have neither.
    naming = (
        _NAMING.search(masked)
        if MASK in masked and ("call" in masked or "describ" in masked)
        else None
    )
    named = _naming_frame(start, masked, naming) if naming is not None else None
    if named is not None and all(f.cue_start != named.cue_start for f in frames):
        frames = sorted([*frames, named], key=lambda f: f.cue_start)
    return frames


def _frames_for_cues(
    text: str,
    start: int,
    masked: str,
    quotes: list[tuple[int, int, bool]],
    words: Set[str] | None,
) -> list[Frame]:
    lowered = masked.lower()
    found = _TRIGGER_WORDS.intersection(_LOWER_WORD.findall(lowered) if words is None else words)
    if not found:
        # Nothing outside the quotations can frame a claim, except a colon
        # before a closing quotation: 'Marsh put it bluntly: "..."'.
        colon = _COLON_QUOTE.match(masked) if ":" in masked else None
        frame = _colon_frame(start, masked, quotes, colon) if colon else None
        return [frame] if frame is not None else []
    if found <= _NOUNY_OR_STATEMENT and "that" not in masked and "statement" not in found:
        # "the state", "police reports": nouns unless "that" follows, or unless the
        # word ends the sentence after the content ("..., official figures show.").
        # A base form needs a plural subject: "figures show", not "investigative report".
        ending = _LOWER_WORD.findall(lowered[-60:])
        if not (
            len(ending) >= 2
            and ending[-1] in found
            and (ending[-1].endswith("s") or ending[-2].endswith("s") or ending[-2] == "data")
        ):
            return []
    # Tokens are only read up to a little past the last cue (speakers after a verb
    # are short; content is read from the masked text), so the rest is not split.
    last_cue = max(lowered.rfind(word) + len(word) for word in found)
    toks = _tokens(masked[: last_cue + _TOKENS_AFTER_LAST_CUE])
    frames: list[Frame] = []
    dateline = _DATELINE.match(masked)
    content_floor = dateline.end() if dateline else 0
    used_until = content_floor
    n = len(toks)
    # Only cue words (and "point", "according", "saying") can start a frame; the
    # rest of the tokens are context, so the loop visits just these.
    for i in [k for k, t in enumerate(toks) if t.low in _LOOP_WORDS]:
        tok = toks[i]
        low = tok.low
        verb = CUE_FORMS.get(low)
        if low == "point" or low == "points" or low == "pointed":
            verb = "point out" if i + 1 < n and toks[i + 1].low == "out" else None
        if verb is not None and low.endswith("ing") and i > 0 and toks[i - 1].text == ",":
            # "..., saying the treasury could not absorb the cost": the speaker is
            # the nearest name before, or the sentence's subject.
            frame = _participle_frame(
                text, start, masked, toks, i, verb, quotes, frames[-1].subject if frames else None
            )
            if frame is not None:
                frames.append(frame)
                used_until = max(used_until, frame.content[-1][1] - start)
            continue
        if low == "saying" and i >= 3 and toks[i - 1].low == "as" and toks[i - 2].low == "quoted":
            # "Lima was quoted as saying ...": the subject of "was quoted" speaks.
            frame = _quoted_as_frame(text, start, masked, toks, i, quotes)
            if frame is not None:
                frames.append(frame)
                used_until = max(used_until, frame.content[-1][1] - start)
            continue
        if verb is None or low.endswith("ing") or (tok.is_cap and low != "says"):
            if low == "according" and i + 1 < n and toks[i + 1].low == "to":
                frame = _according(text, start, masked, toks, i, quotes, used_until)
                if frame is not None:
                    frames.append(frame)
                    used_until = max(used_until, frame.content[-1][1] - start)
            continue
        previous = frames[-1].subject if frames else None
        frame = _frame_for_cue(text, start, masked, toks, i, verb, quotes, used_until, previous)
        if frame is not None:
            if frames and frame.subject == previous and i > 0 and toks[i - 1].low in ("and", "but"):
                # The earlier claim ends where the second verb's conjunction starts.
                last = frames[-1]
                cut = start + toks[i - 1].start
                if last.content[-1][0] < cut <= last.content[-1][1]:
                    spans = (*last.content[:-1], (last.content[-1][0], cut))
                    frames[-1] = Frame(
                        last.cue, last.cue_start, last.subject, spans, last.kind, last.statement
                    )
            frames.append(frame)
            used_until = max(used_until, frame.content[-1][1] - start, tok.end)
    if not frames:
        statement = _search_statement(masked)
        if statement is not None:
            frame = _statement_frame(start, masked, toks, statement, quotes)
            if frame is not None:
                frames.append(frame)
    return frames


# Naming something in quotation marks: 'Kiprono calls the cooperative "a good
# neighbour"', 'the minister described the report as "misleading"'.
_NAMING: Final = re.compile(
    r"(?<![\w\ue000])(?P<cue>calls|called|describes|described)[ \t]+"
    r"(?P<obj>(?:(?!for\b|on\b|off\b|in\b|up\b|to\b|out\b)[\w’'\-]+[ \t]+){1,6}?)"
    r"(?:as[ \t]+)?\ue000+"
)


def _naming_frame(base: int, masked: str, naming: re.Match[str]) -> Frame | None:
    """The speaker before "calls"/"described" and the object with its quoted label."""
    obj = naming.group("obj").lower().split()
    if any(w in BOUNDARY_WORDS or w in CUE_FORMS for w in obj):
        return None  # "called the police and said ..."
    toks = _tokens(masked[: naming.start("cue")])
    j = len(toks) - 1
    while j >= 0 and not toks[j].is_cap and (toks[j].low in ADVERBS or _is_ly_adverb(toks[j].low)):
        j -= 1
    if j >= 0 and toks[j].low in _PASSIVE_AUX | {"to"}:
        return None  # "is called", "was described as", "want to call"
    got = _subject_left(toks, j)
    if got is None or not _plausible_subject(toks, *got, toks[j]):
        return None
    k, last = got
    if k > 0 and toks[k - 1].low in ("what", "which", "that"):
        return None  # "what she calls a “war of words”": the reporter's phrase
    lo = naming.start("obj")
    hi = _trailing_start(masked, naming.end(), len(masked))
    if _WORD_CHAR.search(masked[naming.end() : hi]):
        return None  # the label is not the end of the sentence
    subject = (base + toks[k].start, base + toks[last].end)
    cue = naming.group("cue")
    return Frame(cue, base + naming.start("cue"), subject, ((base + lo, base + hi),), "mixed")


# A speaker, a short verb phrase, a colon and a quotation that ends the sentence.
_COLON_QUOTE: Final = re.compile(r"(?P<pre>[^:;\ue000]{3,240}?)[ \t]*:[ \t]*\ue000+[.!?]?[ \t]*$")
_COLON_SUBJECT_PRONOUNS: Final = words("he she they we")


def _quoted_as_frame(
    text: str,
    base: int,
    masked: str,
    toks: list[_Tok],
    i: int,
    quotes: list[tuple[int, int, bool]],
) -> Frame | None:
    j = i - 3
    while j >= 0 and (toks[j].low in ADVERBS or toks[j].low in _PASSIVE_AUX):
        j -= 1
    if j == i - 3:
        return None  # no "was"/"is" before "quoted"
    got = _subject_left(toks, j)
    if got is None or not _plausible_subject(toks, *got, toks[i]):
        return None
    k, last = got
    rest = _skip_adverbials(masked, toks[i].end)
    that = _THAT.match(masked, rest)
    content_lo = that.end() if that else rest
    if not _content_ok(masked, content_lo, len(masked), "say", that is not None):
        return None
    content = _content_frame(masked, base, content_lo, len(masked), quotes)
    if content is None:
        return None
    cue = text[base + toks[i - 2].start : base + toks[i].end]
    subject = (base + toks[k].start, base + toks[last].end)
    return Frame(cue, base + toks[i - 2].start, subject, content[0], content[1])


def _speaking_noun(word: str) -> bool:
    return word in TITLES or word in INSTITUTION_NOUNS or word in _SPEAKING_GROUPS


def _colon_frame(
    base: int,
    masked: str,
    quotes: list[tuple[int, int, bool]],
    colon: re.Match[str],
) -> Frame | None:
    """'Councilor David Marsh, who voted against it, put it bluntly: "..."': the
    sentence's subject speaks, the words before the colon are the cue."""
    pre = colon.group("pre")
    toks = _tokens(pre)
    k = 0
    while k < len(toks) and (toks[k].low in _LEADING_ADVERBS or toks[k].low in ("but", "and")):
        k += 1
    if k >= len(toks):
        return None
    first = toks[k]
    end: int | None
    if first.low in _COLON_SUBJECT_PRONOUNS:
        end = k + 1
    elif first.is_cap and first.low not in DETERMINERS and first.low not in _PREPOSITIONS:
        end = _np_right(toks, k)
    elif first.low == "the" and k + 1 < len(toks) and _speaking_noun(toks[k + 1].low):
        end = k + 2  # "The mayor was blunt:"
    else:
        return None  # "the sign read:", "the plan has two parts:"
    if end is None:
        return None
    rest = toks[end - 1].end
    if pre[rest:].lstrip().startswith(","):
        m = _PARENTHETICAL.match(pre[rest:])
        if m is None:
            return None
        rest += m.end()  # "Marsh, who voted against it, put it bluntly:"
    verb_words = _WORD.findall(pre[rest:])
    if not 1 <= len(verb_words) <= 5 or not verb_words[0].islower():
        return None
    if verb_words[0] in DETERMINERS or verb_words[0] in _PREPOSITIONS:
        return None
    got = _content_frame(masked, base, colon.end("pre") + 1, len(masked), quotes)
    if got is None or got[1] != "direct":
        return None
    cue_lo = rest + len(pre[rest:]) - len(pre[rest:].lstrip())
    subject = (base + first.start, base + toks[end - 1].end)
    return Frame(pre[cue_lo:].rstrip(), base + cue_lo, subject, got[0], "direct")


# Verbs whose passive names the speaker after "by": "was told by X that ...".
_PASSIVE_BY_VERBS: Final = frozenset(["tell", "warn", "assure", "inform"])


def _passive_by_frame(
    text: str,
    base: int,
    masked: str,
    toks: list[_Tok],
    i: int,
    quotes: list[tuple[int, int, bool]],
) -> Frame | None:
    """'X was told by engineers that ...': the agent after "by" speaks; only a
    that-clause is a claim ("was told by police to leave" is an order)."""
    np_end = _np_right(toks, i + 2)
    if np_end is None:
        return None
    rest = _skip_adverbials(masked, toks[np_end - 1].end)
    that = _THAT.match(masked, rest)
    subject = (base + toks[i + 2].start, base + toks[np_end - 1].end)
    aside = _PARENTHETICAL.match(masked, rest) if that is None else None
    if aside is not None:
        # "by the chief executive, Ana Lima, that ...": a name in the aside speaks.
        that = _THAT.match(masked, aside.end())
        name = masked[aside.start() : aside.end()].strip(" \t,")
        if 1 <= len(name.split()) <= 4 and all(w[0].isupper() for w in name.split()):
            lo = masked.index(name, aside.start())
            subject = (base + lo, base + lo + len(name))
    if that is None or not _content_ok(masked, that.end(), len(masked), "say", True):
        return None
    content = _content_frame(masked, base, that.end(), len(masked), quotes)
    if content is None:
        return None
    cue = text[base + toks[i].start : base + toks[i + 1].end]
    return Frame(cue, base + toks[i].start, subject, content[0], content[1])


def _frame_for_cue(
    text: str,
    base: int,
    masked: str,
    toks: list[_Tok],
    i: int,
    verb: str,
    quotes: list[tuple[int, int, bool]],
    floor: int,
    previous_subject: tuple[int, int] | None = None,
) -> Frame | None:
    tok = toks[i]
    cue_end_tok = i + 1 if verb != "point out" else i + 2
    cue_text = text[base + tok.start : base + toks[cue_end_tok - 1].end]
    cue_stop = toks[cue_end_tok - 1].end
    nouny = tok.low in _NOUNY
    # Walk left over auxiliaries and adverbs: "has also said".
    j = i - 1
    aux = False
    modal = False
    while (
        j >= 0
        and not toks[j].is_cap
        and (toks[j].low in ADVERBS or toks[j].low in _NEGATION or _is_ly_adverb(toks[j].low))
    ):
        if toks[j].low in _NEGATION:
            return None
        if toks[j].low in _PASSIVE_AUX and tok.low != "says":
            if verb in _PASSIVE_BY_VERBS and i + 1 < len(toks) and toks[i + 1].low == "by":
                # "The mayor had been told by engineers that the bridge was unsafe."
                return _passive_by_frame(text, base, masked, toks, i, quotes)
            return None  # passive: "is said to", "was told"; hedges handle these
        aux = aux or toks[j].low in ("has", "have", "had")
        modal = modal or toks[j].low in _MODALS
        j -= 1
    if tok.low in _NEEDS_AUX and not aux:
        return None  # "a written statement", "the data shown"
    if (
        j >= 3
        and toks[j].low == "to"
        and toks[j - 1].low == "on"
        and toks[j - 2].low in ("went", "goes", "go", "going")
    ):
        j -= 3  # "He went on to say that ..."
    if j >= 0 and toks[j].low in ("to", "the", "a", "an", "n't"):
        return None  # "declined to say", "the said property"

    # Inverted, after the content: '"...," said Omar Haddad, a lawyer.'
    if (
        j >= 0
        and (toks[j].text in (",", "—", "–") or toks[j].is_quote)
        and not nouny
        and verb in SAY_LIKE
    ):
        np_end = _np_right(toks, cue_end_tok)
        if np_end is not None:
            rest = _skip_adverbials(masked, toks[np_end - 1].end)
            rest = _skip_appositive(masked, rest)
            tail = masked[rest:]
            if _after_frame_ok(tail) or (
                _trailing_ok(tail, verbs=False) and not tail.lstrip().startswith("to ")
            ):
                hi = toks[j].end if toks[j].is_quote else toks[j].start
                got = _postposed_content(masked, base, floor, hi, quotes, rest)
                if got is not None:
                    spans, kind = got
                    who = (base + toks[cue_end_tok].start, base + toks[np_end - 1].end)
                    return Frame(cue_text, base + tok.start, who, spans, kind)
    if (
        previous_subject is None
        and j >= 1
        and (toks[j].low in ("and", "but") or (toks[j].text == "," and toks[i - 1].low == "then"))
    ):
        # "Petra Novak won the final, then said ...": the sentence's subject speaks.
        previous_subject = _sentence_subject(toks, base, j)
    if j >= 0 and toks[j].low in ("and", "but", ",") and previous_subject is not None:
        # A second verb of the same speaker: "X confirmed ... but said it would not pay".
        subject = previous_subject
        pre = -1
    else:
        got_subject = _subject_left(toks, j)
        if got_subject is None or not _plausible_subject(toks, *got_subject, tok):
            return None
        k, last = got_subject
        subject = (base + toks[k].start, base + toks[last].end)
        pre = k - 1
    rest = _skip_recipient_and_adverbials(masked, cue_stop, verb)
    tail = masked[rest:]
    postposed = (
        not modal
        and pre >= 0
        and (toks[pre].text in (",", "—", "–", ":") or toks[pre].is_quote)
        and (_after_frame_ok(tail) or _trailing_ok(tail))
    )
    if postposed and not toks[pre].is_quote and MASK in tail:
        # "Asked about the plan, Alvarez said, "..."": the quotation is the content.
        postposed = False
    if postposed:
        hi = toks[pre].end if toks[pre].is_quote else toks[pre].start
        continued = _continued_content(masked, base, rest)
        got = _postposed_content(
            masked, base, floor, hi, quotes, rest, lenient=continued is not None
        )
        if got is not None:
            spans, kind = got
            if continued is not None and kind != "direct":
                # "Even if the venture fails, Morgan said, it will have mattered."
                spans = (spans[0], continued)
            return Frame(cue_text, base + tok.start, subject, spans, kind)
        # Not content after all ("At Monday's debate, Clinton said ..."): read on.
    # Before the content.
    that = _THAT.match(masked, rest) or _that_after_phrase(masked, rest)
    had_that = that is not None
    content_lo = that.end() if that else rest
    if that is not None and _starts_with_verb(masked, content_lo):
        # "said that was not her view": "that" is the subject, not a conjunction.
        content_lo = masked.rfind("that", rest, that.end())
        had_that = False
    if nouny and not had_that:
        return None
    if not _content_ok(masked, content_lo, len(masked), verb, had_that):
        return None
    got2 = _content_frame(masked, base, content_lo, len(masked), quotes)
    if got2 is None:
        return None
    spans, kind = got2
    if kind != "direct" and masked[: spans[-1][1] - base + 1].rstrip().endswith("?"):
        return None  # a question is not a claim
    statement = "statement" in masked[:content_lo]
    return Frame(cue_text, base + tok.start, subject, spans, kind, statement)


_PHRASE_THAT: Final = re.compile(
    r"[ \t]*,?[ \t]*(?:at|in|on|outside|inside|during|after|before|from|with|to|by|near|"
    r"via|through|over|across|following|earlier|late|last|this|released|issued|published|"
    r"posted|sent|filed)\b([^,\ue000.;:!?]{0,120}?)"
    r"[ \t]*,?[ \t]*that\b[ \t]*"
)


def _that_after_phrase(masked: str, pos: int) -> re.Match[str] | None:
    """A phrase saying where or when, then "that": "told reporters at a picket line
    outside the terminals that ..."."""
    m = _PHRASE_THAT.match(masked, pos)
    if m is None:
        return None
    if any(w.lower() in CLAUSE_MARKERS for w in m.group(1).split()):
        return None
    return m


_LY_NOUNS: Final = words(
    "family ally rally assembly supply reply belly bully jelly tally folly italy july"
)


def _is_ly_adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and word not in _LY_NOUNS


def _abbreviated_name_part(tok: _Tok) -> bool:
    """A title or an initial before a period: "Dr." or the "J." of "Donald J. Trump"."""
    return tok.low in TITLES or (len(tok.text) == 1 and tok.is_cap)


def _starts_with_verb(masked: str, pos: int) -> bool:
    m = re.compile(r"[ \t]*([\w'’]+)").match(masked, pos)
    return m is not None and m.group(1).lower() in CLAUSE_MARKERS


def _plausible_subject(toks: list[_Tok], k: int, last: int, cue: _Tok) -> bool:
    """Reject phrases that cannot be speakers: a number ("18 states"), "you", a lone
    verb form ("requiring state"), or a determiner and adjective before a noun that
    looks like a verb ("a strong signal that")."""
    words = toks[k : last + 1]
    if all(t.text[0].isdigit() for t in words) or words[-1].low == "you":
        return False
    if len(words) == 1 and (words[0].low in _NOT_SUBJECTS or words[0].low in CLAUSE_MARKERS):
        return False  # "Now tell ...", "Once said ...", "must continue ..."
    if any(t.low.endswith("n't") for t in words):
        return False  # "his aides haven't said much"
    if len(words) == 1 and not words[0].is_cap and words[0].low.endswith(("ing", "ed")):
        return False
    return not (
        cue.low in _NOUNY
        and not cue.low.endswith(("s", "ed"))
        and words[0].low in ("a", "an", "the")
        and len(words) <= 2
    )


def _sentence_subject(toks: list[_Tok], base: int, before: int) -> tuple[int, int] | None:
    """The capitalised name that opens the sentence ("Petra Novak ended ..."), after
    a dateline; None when the sentence does not open with one."""
    k = 0
    for m in range(min(before, 12)):
        if toks[m].text in ("—", "–", "-"):
            k = m + 1  # after a dateline
    if k < before and toks[k].low in ("he", "she", "they") and toks[k].is_cap:
        return base + toks[k].start, base + toks[k].end  # "She criticised X, saying"
    if k < before and toks[k].low == "the":
        # "The minister criticised the plan, saying ...": a role or an institution.
        for end in range(k + 2, min(k + 4, before + 1)):
            head = toks[end - 1].low
            if not toks[end - 1].is_word or toks[end - 1].is_cap:
                break
            if _speaking_noun(head):
                return base + toks[k].start, base + toks[end - 1].end
        k += 1
    end = k
    while end < before and (toks[end].is_cap or toks[end].text in (".", "&", "-")):
        end += 1
    if end - k < 1 or not toks[k].is_cap or toks[k].low in _PERSON_PRONOUNS:
        return None
    start = k - 1 if k > 0 and toks[k - 1].low == "the" else k
    return base + toks[start].start, base + toks[end - 1].end


def _participle_frame(
    text: str,
    base: int,
    masked: str,
    toks: list[_Tok],
    i: int,
    verb: str,
    quotes: list[tuple[int, int, bool]],
    speaker: tuple[int, int] | None = None,
) -> Frame | None:
    if verb not in SAY_LIKE or toks[i].low in _NOT_PARTICIPLE:
        return None
    subject = speaker  # '"We need change," he said, arguing that ...': the same speaker
    m = i - 2 if subject is None else -1
    while m >= 0 and not toks[m].is_quote:
        if toks[m].is_cap and m > 0 and toks[m - 1].is_cap and toks[m].low not in ADVERBS:
            last = m
            while m > 0 and (toks[m - 1].is_cap or toks[m - 1].text == "."):
                m -= 1
            if toks[m].low not in DETERMINERS:
                subject = (base + toks[m].start, base + toks[last].end)
                break
        m -= 1
    if subject is None:
        subject = _sentence_subject(toks, base, i - 1)
    if subject is None:
        return None
    rest = _skip_recipient_and_adverbials(masked, toks[i].end, verb)
    that = _THAT.match(masked, rest) or _that_after_phrase(masked, rest)
    content_lo = that.end() if that else rest
    if not _content_ok(masked, content_lo, len(masked), verb, that is not None):
        return None
    got = _content_frame(masked, base, content_lo, len(masked), quotes)
    if got is None:
        return None
    spans, kind = got
    cue = text[base + toks[i].start : base + toks[i].end]
    return Frame(cue, base + toks[i].start, subject, spans, kind)


def _subject_left(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """(first, last) token indices of the speaker ending at token ``j``, looking past
    an appositive or relative clause: "Omar Haddad, a lawyer for the families, said",
    "Its chief executive, Iain Ross, warned" (then the name is the speaker)."""
    if j < 0:
        return None
    for _ in range(3):  # appositives may follow one another: "Schiff, 56, who ..., told"
        if toks[j].text == ")":
            # A party label or aside: "Rep. Trey Gowdy (R-S.C.) said".
            opening = next(
                (m for m in range(j - 1, max(-1, j - 10), -1) if toks[m].text == "("), None
            )
            if opening is None or opening == 0:
                return None
            j = opening - 1
            continue
        if toks[j].text != ",":
            break
        comma = _matching_comma(toks, j)
        if comma is None or comma == 0:
            return None
        inner = toks[comma + 1 : j]
        if inner and all(t.is_cap or t.text in (".", "-") for t in inner) and len(inner) <= 5:
            before = _np_left(toks, comma - 1)
            if (before is not None and not toks[comma - 1].is_cap) or (
                before is not None and toks[before].low in DETERMINERS
            ):
                return comma + 1, j - 1
        if not _looks_appositive(toks, comma + 1, j):
            return None
        j = comma - 1
        if j >= 2 and toks[j].text[0].isdigit() and toks[j - 1].text == ",":
            j -= 2  # an age before it: "Schiff, 56, who has served ..., told"
    k = _np_left(toks, j)
    if k is None:
        return None
    # A restrictive relative clause: "the parties that backed Villalba said",
    # "residents who live near the plant said": the noun before it speaks.
    rel = k
    while rel > 0 and k - rel < 8 and toks[rel].low not in ("that", "who"):
        if not toks[rel - 1].is_word or toks[rel - 1].low in CUE_FORMS:
            break
        rel -= 1
    if (
        0 < rel < j
        and toks[rel].low in ("that", "who")
        and toks[rel - 1].is_word
        and toks[rel - 1].low not in BOUNDARY_WORDS
        and toks[rel - 1].low not in CUE_FORMS
    ):
        head = _np_left(toks, rel - 1)
        if head is not None:
            return head, rel - 1
    # A reduced relative clause: "A developer accused of defrauding buyers told".
    for m in range(k, j + 1):
        t = toks[m]
        if (
            m > k
            and not t.is_cap
            and t.low not in _NOT_PARTICIPLE
            and (t.low.endswith("ed") or t.low.endswith("ing"))
            and not _is_ly_adverb(toks[m - 1].low)  # "newly released data" is one phrase
        ):
            head = _np_left(toks, m - 1)
            if head is not None and m - 1 >= 0 and toks[m - 1].is_word:
                return head, m - 1
    return k, j


def _skip_recipient_and_adverbials(masked: str, pos: int, verb: str) -> int:
    pos = _skip_adverbials(masked, pos)
    if verb in RECIPIENT_VERBS:
        m = _RECIPIENT.match(masked, pos)
        if m and not masked[pos : m.end()].strip().lower().startswith("that"):
            pos = _skip_adverbials(masked, m.end())
    return pos


_APPOSITIVE_TAIL: Final = re.compile(
    r"[ \t]*,[ \t]+(?:who|which|whose|a|an|the|its|his|her|their|one|[0-9]+)\b"
    r"[^\ue000;]*?(?=[.!?]?[\"'”’)]*[ \t]*$|,[ \t]*\ue000)"
)


def _skip_appositive(masked: str, pos: int) -> int:
    m = _APPOSITIVE_TAIL.match(masked, pos)
    return m.end() if m else pos


def _trailing_ok(tail: str, *, verbs: bool = True) -> bool:
    """Whether words after a frame only qualify it ("after the vote", "his voice
    breaking", "as she read out the verdict") rather than start the content."""
    if MASK in tail:
        return False
    words = _WORD.findall(tail)
    if not words:
        return True
    first = words[0].lower()
    if first == "that" or len(words) > 25:
        return False
    if tail.lstrip().startswith(","):
        return True
    if len(words) > 14:
        return False
    if first in _POSSESSIVES and any(
        w.lower() in CLAUSE_MARKERS or (w.lower() in CUE_FORMS and not w.endswith("ing"))
        for w in words[1:]
    ):
        return False  # a clause ("her client would appeal"), not "his voice breaking"
    return first in _SUBORDINATORS or (
        verbs and first not in _NOT_PARTICIPLE and first.endswith(("ed", "ing"))
    )


def _after_frame_ok(tail: str) -> bool:
    """Whether what follows a frame ends it: the sentence end, or a split quote."""
    stripped = tail.strip()
    if _only_punct(stripped):
        return True
    if stripped[0] in ",—–" and stripped[1:].lstrip()[:1] == MASK:
        return True
    return stripped.startswith(("and ", ", and ", ", adding", ", but ", "; "))


_SUBORDINATE_STARTS: Final = words(
    "if when while although though because as since unless even whether once until"
)
_CONTINUATION: Final = re.compile(
    r"[ \t]*,[ \t]*(?!(?:who|which|whose|adding|noting|citing|a|an)\b)"
)


def _continued_content(masked: str, base: int, rest: int) -> tuple[int, int] | None:
    """The rest of a sentence whose attribution sits in the middle of it."""
    m = _CONTINUATION.match(masked, rest)
    if m is None or MASK in masked[rest:]:
        return None
    words = _WORD.findall(masked[m.end() :])
    if len(words) < 2 or not any(w.lower() in CLAUSE_MARKERS for w in words):
        return None
    hi = _trailing_start(masked, m.end(), len(masked))
    return base + m.end(), base + hi


def _postposed_content(
    masked: str,
    base: int,
    floor: int,
    hi: int,
    quotes: list[tuple[int, int, bool]],
    rest: int,
    lenient: bool = False,
) -> tuple[tuple[tuple[int, int], ...], str] | None:
    # Split quotation: '"We will fight," she said, "and we will win."'
    extra = [q for q in _quote_spans(quotes, base, rest, len(masked))]
    tail = masked[rest:].strip()
    if extra and not (tail[:1] in ",;:—–" and tail[1:].lstrip()[:1] == MASK):
        extra = []
    got = _content_frame(masked, base, floor, hi, quotes, extra[:1])
    if got is None:
        return None
    spans, kind = got
    if kind != "direct" and not lenient:
        words = _W_RUN.findall(masked[spans[0][0] - base : hi])
        if len(words) < 3 or words[0].lower() in _SUBORDINATE_STARTS:
            return None  # a subordinate clause, not a statement
        if words[0].lower() in _PREPOSITIONS and not any(
            w.lower() in CLAUSE_MARKERS or w.endswith("ed") for w in words[1:]
        ):
            return None  # a phrase: "At Monday's debate, Clinton said ..."
        if len(words) < 4 and not any(
            w.lower() in CLAUSE_MARKERS or w.endswith(("ed", "s")) for w in words[1:]
        ):
            return None  # "Back in Virginia, Clarke said ..."
    return spans, kind


def _matching_comma(toks: list[_Tok], pre: int) -> int | None:
    for k in range(pre - 1, max(-1, pre - 45), -1):
        if toks[k].text == ",":
            return k
        if toks[k].text == "." and k > 0 and toks[k - 1].low in TITLES:
            continue
        if toks[k].is_quote or toks[k].text in (".", ";", ":"):
            return None
    return None


def _looks_appositive(toks: list[_Tok], lo: int, hi: int) -> bool:
    if hi <= lo:
        return False
    first = toks[lo].low
    if first in ("who", "which", "whose", "a", "an", "the", "its", "his", "her", "their"):
        return True
    if first.endswith("ing") and not toks[lo].is_cap:
        return True  # "Persaud, speaking to reporters outside the building, said"
    if toks[lo].text[0].isdigit() and hi - lo <= 2:
        return True  # age: "Moreau, 54, said"
    # A noun phrase with no verb: "Norvik Foods, Scandinavia's largest food maker, said".
    return hi - lo <= 20 and not any(
        t.is_quote or t.low in CLAUSE_MARKERS or (t.low in CUE_FORMS and not t.is_cap)
        for t in toks[lo:hi]
    )


def _according(
    text: str,
    base: int,
    masked: str,
    toks: list[_Tok],
    i: int,
    quotes: list[tuple[int, int, bool]],
    floor: int,
) -> Frame | None:
    np_end = _np_right(toks, i + 2)
    if np_end is None:
        return None
    cue_text = text[base + toks[i].start : base + toks[i + 1].end]
    subject = (base + toks[i + 2].start, base + toks[np_end - 1].end)
    before = masked[floor : toks[i].start]
    after_pos = toks[np_end - 1].end
    if _WORD_CHAR_OR_QUOTE.search(before) and len(_W_RUN.findall(before)) >= 3:
        hi = toks[i].start
        got = _content_frame(masked, base, floor, hi, quotes)
    else:
        got = _content_frame(masked, base, after_pos, len(masked), quotes)
    if got is None:
        return None
    spans, kind = got
    if kind != "direct" and len(_W_RUN.findall(text[spans[0][0] : spans[-1][1]])) < 3:
        return None  # "according to MSNBC, basically"
    return Frame(cue_text, base + toks[i].start, subject, spans, kind)


def _statement_frame(
    base: int,
    masked: str,
    toks: list[_Tok],
    statement: re.Match[str],
    quotes: list[tuple[int, int, bool]],
) -> Frame | None:
    j = next((k for k, t in enumerate(toks) if t.start >= statement.start()), None)
    if j is None or j == 0:
        return None
    k = _np_left(toks, j - 1)
    if k is None:
        return None
    rest = _skip_adverbials(masked, statement.end())
    m = re.compile(r"[ \t]*[:,][ \t]*(?=\ue000)").match(masked, rest)
    if m is None:
        return None
    got = _content_frame(masked, base, m.end(), len(masked), quotes)
    if got is None:
        return None
    spans, kind = got
    subject = (base + toks[k].start, base + toks[j - 1].end)
    return Frame(statement.group(1), base + statement.start(1), subject, spans, kind, True)


def find_statement_issuer(masked: str, base: int) -> tuple[int, int] | None:
    """Who issued a statement in a unit that quotes none ("X issued a statement late
    on Thursday"), so a following "It said" or "the statement said" finds them."""
    m = _search_statement(masked)
    if m is None:
        return None
    toks = _tokens(masked[: m.start()])
    got = _subject_left(toks, len(toks) - 1)
    if got is None:
        return None
    return base + toks[got[0]].start, base + toks[got[1]].end


def find_hedge(masked: str, base: int) -> Frame | None:
    """An unattributed hedged claim in a unit: "X is reportedly ...", "It is understood
    that ...", "The deal is said to be worth ..."."""
    verb = any(word in masked for word in _HEDGE_VERB_STEMS)
    m = _HEDGE_IT.search(masked) if verb else None
    if m is not None:
        lo, hi = m.end(), len(masked)
        hi = _trailing_start(masked, lo, hi)
        if len(_W_RUN.findall(masked[lo:hi])) >= 3:
            cue = _SPACES.sub(" ", m.group().strip())
            cue = cue.removesuffix(" that")
            return Frame(cue, base + m.start(), None, ((base + lo, base + hi),), "unattributed")
    m = (_HEDGE_PASSIVE.search(masked) if verb else None) or (
        _HEDGE_ADVERB.search(masked) if _HEDGE_ADVERB_ENDING in masked else None
    )
    if m is not None and m.group(1) in PASSIVE_HEDGE_VERBS | HEDGE_ADVERBS:
        dateline = _DATELINE.match(masked)
        lo = dateline.end() if dateline else 0
        lead = _LEAD_PUNCT.match(masked, lo)
        lo = lead.end() if lead else lo
        hi = len(masked)
        hi = _trailing_start(masked, lo, hi)
        if len(_W_RUN.findall(masked[lo:hi])) >= 4:
            cue = _SPACES.sub(" ", m.group())
            return Frame(cue, base + m.start(), None, ((base + lo, base + hi),), "unattributed")
    return None
