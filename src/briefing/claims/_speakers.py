"""Who is speaking: a table of the people and institutions an article names, and
``resolve_speaker`` to tie "She", "Moreau" or "the ministry" to the full name.

There is no coreference model here, only rules a reader can check:

* a person is a run of capitalised words that is not an institution; titles before
  it ("Senator", "Foreign Minister", "Mr.") and roles around it ("Omar Haddad, a
  lawyer for the families", "spokeswoman Maria Lopez") are remembered;
* a bare surname or "Mr. Haddad" resolves to the last full name with that surname
  (a courtesy title breaks ties between namesakes of different gender);
* "he"/"she" resolve to the most recent person of that gender (from titles, role
  nouns and a first-name table) mentioned before the claim outside quotations;
* "it" resolves to the last institution that spoke, "they" to the last group;
* "the senator", "the ministry", "the ministers" resolve through the role table;
* anything else stays as written; a pronoun that finds no one is returned with
  ``resolved=False`` rather than guessed.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from briefing.claims._lexicon import (
    DETERMINERS,
    FEMALE_NAMES,
    FEMALE_TITLES,
    FEMALE_WORDS,
    INSTITUTION_NOUNS,
    MALE_NAMES,
    MALE_TITLES,
    MALE_WORDS,
    ORG_WORDS,
    PRONOUNS,
    SURNAME_PARTICLES,
    TITLES,
    alternation,
    words,
)

__all__ = ["LOOKBACK", "LOOKBACK_CHARS", "Mention", "MentionTable", "resolve_speaker"]

#: How many earlier mentions, speakers and characters a reference may reach back
#: over; bounds the work per claim on very long input.
LOOKBACK: Final = 400
LOOKBACK_CHARS: Final = 20_000

_PEOPLE: Final = (
    "ministers|leaders|officials|lawmakers|legislators|senators|researchers|scientists|"
    "doctors|experts|analysts|economists|residents|workers|employees|parents|teachers|"
    "students|protesters|demonstrators|activists|organisers|organizers|investigators|"
    "prosecutors|lawyers|judges|officers|firefighters|rescuers|survivors|witnesses|"
    "families|farmers|fishermen|miners|pilots|nurses|members|delegates|negotiators|"
    "diplomats|regulators|voters|shareholders|investors|executives|critics|supporters|"
    "opponents|campaigners|engineers|owners|governments|unions|companies|airlines|banks"
)
# A group named by a plural noun: "the foreign ministers of Chile and Peru".
_GROUP: Final = re.compile(
    rf"(?:\b[Tt]he[ \t]+(?:[a-z][\w’'\-]*[ \t]+){{0,3}}?|(?<![\w,][ \t])\b)"
    rf"(?i:{alternation(_PEOPLE.split('|'))})\b"
    rf"(?:[ \t]+(?:of|from|for|at|in)[ \t]+(?:the[ \t]+)?(?:[A-Z][\w’'\-]*"
    rf"(?:[ \t]+(?:and[ \t]+)?[A-Z][\w’'\-]*)*|[a-z]+\b))?"
)
# Characters no group name contains: a search for groups may stop at one of them.
_GROUP_STOP: Final = re.compile(r"[.\n]")
_PARTICLES: Final = r"(?:de|da|van|von|der|den|del|della|bin|ibn|al|el|la|le|di|du|dos|do|ter)"
_PARTICLE_WORDS: Final = words(_PARTICLES[3:-1].replace("|", " "))
_CAP: Final = r"[A-Z][\w'’.\-\u0300-\u036f]*"
_RUN: Final = re.compile(rf"{_CAP}(?:[ \t]+(?:(?:{_PARTICLES}|&)[ \t]+)?{_CAP})*")
_HEAD_WORD: Final = re.compile(r"[\w’'\-]+")
_APPOSITIVE: Final = re.compile(
    r",[ \t]+(?:who[ \t]+is[ \t]+)?(?:a|an|the|its|his|her|their)[ \t]+"
    r"((?:[\w’'\-]+[ \t]+){0,4}?[\w\-]+)(?=[ \t]+(?:of|for|at|with|in|from|on|to)\b|,|\.)"
)
_STOP_CAPS: Final = words(
    """the a an and but or in on at for of to from with by as if when while after before
    this that these those its his her their our my your it he she they we i you
    there here then so yet also however meanwhile still earlier later last next
    according under over during since despite although though because where what who
    which how why monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec speaking asked even only just"""
)
# Nouns that say what a public body does, not what it is called: "the regulator"
# may be a commission, an authority or an office, whereas "the company" is no union.
_GENERIC_BODIES: Final = words("regulator watchdog agency authority body")
_PUBLIC_BODIES: Final = words(
    """commission authority agency office board administration department ministry
    council committee bureau service tribunal inspectorate watchdog regulator"""
)
# Adjectives that pick one of two namesakes: "the younger Hadley".
_NAMESAKE_ADJECTIVES: Final = words("younger elder older senior junior")
_NOT_ROLE: Final = DETERMINERS | words(
    "and or but said says told with from by at in on of for to as is was"
)


class Mention:
    """One naming of a person or institution in the article.

    Never changed once built; a plain class for the reason given at ``Frame``.
    """

    __slots__ = ("gender", "kind", "name", "roles", "start")

    def __init__(
        self, start: int, name: str, kind: str, gender: str = "", roles: tuple[str, ...] = ()
    ) -> None:
        self.start = start
        self.name = name
        self.kind = kind  # "person", "org" or "group"
        self.gender = gender  # "m", "f" or "" when unknown
        self.roles = roles


def _gender_of(first: str, titles: Sequence[str], roles: tuple[str, ...]) -> str:
    for title in titles:
        t = title.lower()
        if t in MALE_TITLES:
            return "m"
        if t in FEMALE_TITLES:
            return "f"
    for role in roles:
        if role in MALE_WORDS:
            return "m"
        if role in FEMALE_WORDS:
            return "f"
    f = first.lower()
    if f in MALE_NAMES:
        return "m"
    if f in FEMALE_NAMES:
        return "f"
    return ""


def _is_title(word: str) -> bool:
    low = word.lower()
    return low in TITLES or low.rstrip(".") in TITLES


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title words, name words): "Foreign Minister Ana
    Lima" -> (["Foreign", "Minister"], ["Ana", "Lima"])."""
    last_title = -1
    for i, word in enumerate(words[:-1]):
        if _is_title(word) or (word.islower() and i > 0 and word not in _PARTICLE_WORDS):
            last_title = i
    return words[: last_title + 1], words[last_title + 1 :]


class MentionTable:
    """Names an article mentions, in order, for resolving later references.

    The scan runs on first use and only as far as the positions asked about, so an
    article whose speakers all name themselves in full never pays for it.

    Args:
        text: the article text.
        quoted: sorted (start, end) spans of quotations; names inside them are not
            candidates for pronouns (the speaker is talking about them).
        body: (start, end) spans of the body paragraphs; names elsewhere (a byline, a
            menu) are ignored. Default: the whole text.
    """

    def __init__(
        self,
        text: str = "",
        quoted: list[tuple[int, int]] | None = None,
        body: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self._quoted = quoted or []
        self._quote_starts = [s for s, _ in self._quoted]
        self._body = body
        self._mentions: list[Mention] | None = None
        self._groups: list[Mention] | None = None
        self._group_starts: list[int] = []
        self._starts: list[int] = []
        self._surnames: dict[str, Mention] = {}
        self._runs: Iterator[re.Match[str]] | None = None
        self._next_run: re.Match[str] | None = None
        self._scanned_all = False
        self._group_spans: list[tuple[int, int]] = []
        self._group_at = 0
        self._next_group: re.Match[str] | None = None

    @classmethod
    def build(
        cls,
        text: str,
        quoted: list[tuple[int, int]] | None = None,
        body: list[tuple[int, int]] | None = None,
    ) -> MentionTable:
        """A table for ``text`` (see the class arguments)."""
        return cls(text, quoted, body)

    @property
    def mentions(self) -> list[Mention]:
        """All mentions, in text order."""
        self._scan_to(None)
        assert self._mentions is not None
        return self._mentions

    def _all_runs(self) -> Iterator[re.Match[str]]:
        text = self.text
        spans = self._body if self._body is not None else [(0, len(text))]
        # chain() hands out the matches without a generator frame per run.
        return itertools.chain.from_iterable(_RUN.finditer(text, lo, hi) for lo, hi in spans)

    def _quoted_at(self, position: int) -> bool:
        k = bisect.bisect_right(self._quote_starts, position) - 1
        return k >= 0 and self._quoted[k][0] <= position < self._quoted[k][1]

    def _scan_to(self, position: int | None) -> None:
        """Scan the capitalised runs that start before ``position`` (all when None).

        The scan is incremental: most claims resolve early in an article or need no
        table at all, so the runs after the last position asked about are never
        classified. Runs are consumed in text order, so the table stays sorted.
        """
        if self._scanned_all:
            return
        if self._mentions is None:
            self._mentions = []
            self._runs = self._all_runs()
            self._next_run = next(self._runs, None)
        runs = self._runs
        assert runs is not None
        match = self._next_run
        text = self.text
        limit = len(text) + 1 if position is None else position
        quoted = bool(self._quoted)
        surnames = self._surnames
        mentions = self._mentions
        starts = self._starts
        while match is not None:
            start = match.start()
            if start >= limit:
                self._next_run = match
                return
            group = match.group()
            if " " not in group and "\t" not in group:
                # One word (most runs): a known surname, an institution, or nothing;
                # the quotation test only for the few that name someone.
                word = group.removesuffix("'s").removesuffix("’s").rstrip(".")
                known = surnames.get(word)
                if known is not None:
                    mention = Mention(start, known.name, "person", known.gender, known.roles)
                elif word.lower() in ORG_WORDS:
                    mention = Mention(start, word, "org")
                else:
                    match = next(runs, None)
                    continue
                if not (quoted and self._quoted_at(start)):
                    # No surname to remember: ``known`` already holds this person.
                    mentions.append(mention)
                    starts.append(start)
            elif not (quoted and self._quoted_at(start)):
                for mention in _classify(text, match):
                    if mention.kind == "surname":
                        known = surnames.get(mention.name)
                        if known is None:
                            continue
                        mention = Mention(start, known.name, "person", known.gender, known.roles)
                    elif mention.kind == "person" and " " in mention.name:
                        surnames[mention.name.split()[-1]] = mention
                    # The scan runs in text order, so appending keeps the table sorted.
                    mentions.append(mention)
                    starts.append(mention.start)
            match = next(runs, None)
        self._next_run = None
        self._scanned_all = True

    def groups_before(self, position: int) -> Iterator[Mention]:
        """Groups named by a plural noun before ``position``, most recent first.

        Scanned on first use only, and only as far as ``position``: few articles
        need them ("They said", "the ministers said"), and the pattern is slow.
        """
        if self._groups is None:
            self._groups = []
            self._group_spans = list(
                self._body if self._body is not None else [(0, len(self.text))]
            )
            self._group_at = self._group_spans[0][0] if self._group_spans else 0
        self._scan_groups_to(position)
        groups = self._groups
        k = bisect.bisect_left(self._group_starts, position)
        for i in range(k - 1, max(-1, k - 1 - LOOKBACK), -1):
            yield groups[i]

    def _scan_groups_to(self, position: int) -> None:
        """Find the groups that start before ``position``.

        Each search stops at the first full stop or line break after ``position``
        instead of running on to the next group, which may be pages away. A group
        never spans one of those (see :data:`_GROUP`), so the matches are the ones
        an unbounded search would find.
        """
        text = self.text
        spans = self._group_spans
        groups = self._groups
        assert groups is not None
        while True:
            match = self._next_group
            if match is not None:
                if match.start() >= position:
                    return
                groups.append(Mention(match.start(), match.group(), "group"))
                self._group_starts.append(match.start())
                self._group_at = match.end()
                self._next_group = None
            if not spans:
                return
            at, hi = self._group_at, spans[0][1]
            stop = _GROUP_STOP.search(text, max(at, position), hi) if at < hi else None
            bound = stop.start() if stop is not None else hi
            self._next_group = _GROUP.search(text, at, bound) if at < bound else None
            if self._next_group is None:
                if bound < hi:
                    self._group_at = bound
                    return  # nothing starts before the stop, so none before ``position``
                spans.pop(0)  # this paragraph is done: on to the next
                if spans:
                    self._group_at = spans[0][0]

    def add(self, mention: Mention) -> None:
        """Add a mention, keeping the table in text order."""
        mentions = self.mentions
        k = bisect.bisect_right(self._starts, mention.start)
        self._starts.insert(k, mention.start)
        mentions.insert(k, mention)

    def before(self, position: int) -> Iterator[Mention]:
        """Mentions that start before ``position``, most recent first (at most
        :data:`LOOKBACK` of them: references reach back pages, not books)."""
        self._scan_to(position)
        mentions = self._mentions
        assert mentions is not None
        k = bisect.bisect_left(self._starts, position)
        for i in range(k - 1, max(-1, k - 1 - LOOKBACK), -1):
            yield mentions[i]


def _classify(text: str, match: re.Match[str]) -> list[Mention]:
    """Mentions in one capitalised run; a possessive splits it ("Guyana's Sandra
    Persaud" names Guyana and Sandra Persaud)."""
    out: list[Mention] = []
    group = match.group()
    if " " not in group and "\t" not in group:
        # One word (most runs: sentence starts, surnames): the cheap path.
        low = group.lower()
        if low in _STOP_CAPS or low.rstrip(".") in _STOP_CAPS:
            return out
        word = group.removesuffix("'s").removesuffix("’s").rstrip(".")
        if word and not (word.isupper() and len(word) > 3):
            if word.lower() in ORG_WORDS:
                out.append(Mention(match.start(), word, "org"))
            else:
                out.append(Mention(match.start(), word, "surname"))
        return out
    start, end = match.span()
    for piece in _pieces(group):
        if piece.kind != "person":
            out.append(Mention(start + piece.offset, piece.name, piece.kind))
        else:
            out.append(_person(text, start + piece.offset, piece, end if piece.last else -1))
    return out


@dataclass(frozen=True, slots=True)
class _Piece:
    """One name in a capitalised run, as far as its words alone tell."""

    offset: int  # from the start of the run
    kind: str  # "org", "surname" or "person"
    name: str
    last: bool = False  # ends the run, so an appositive may follow it
    first: str = ""  # a person's first name
    titles: tuple[str, ...] = ()
    title_roles: tuple[str, ...] = ()


# A run's words decide most of what it names, and names recur ("Donald Trump" in
# article after article), so that part is kept; the bound keeps memory flat on a
# long stream. What the text around a run adds (roles, gender) is read every time.
@functools.lru_cache(maxsize=4096)
def _pieces(run: str) -> tuple[_Piece, ...]:
    """The names in a multi-word capitalised run, split at possessives and
    sentence ends."""
    words = run.split()
    pieces: list[tuple[int, list[str]]] = []
    current: list[str] = []
    current_start = 0
    pos = 0
    for word in words:
        pos = run.index(word, pos)
        if not current:
            current_start = pos
        current.append(word)
        pos += len(word)
        ends_sentence = word.endswith(".") and len(word) > 2 and not _is_title(word)
        if (word.endswith(("'s", "’s", "s'", "s’")) or ends_sentence) and word is not words[-1]:
            pieces.append((current_start, current))
            current = []
    if current:
        pieces.append((current_start, current))
    out: list[_Piece] = []
    for i, (start, piece) in enumerate(pieces):
        found = _piece(run, start, piece, i == len(pieces) - 1)
        if found is not None:
            out.append(found)
    return tuple(out)


def _piece(run: str, offset: int, words: list[str], last: bool) -> _Piece | None:
    # Drop capitalised function words at a sentence start ("But Moreau said").
    while words and words[0].lower().rstrip(".") in _STOP_CAPS:
        offset = run.index(words[1], offset + len(words[0])) if len(words) > 1 else offset
        words = words[1:]
    if not words:
        return None
    final = words[-1]
    if final.endswith(("'s", "’s")):
        final = final[:-2]
    elif final.endswith(("'", "’")):
        final = final[:-1]
    words = [*words[:-1], final.rstrip(".")]
    if not words[-1]:
        return None
    for w in words:
        if len(w) > 3 and w.isupper():
            return None  # datelines and acronym-only runs ("NAIROBI")
    if "&" in words or not ORG_WORDS.isdisjoint([w.lower() for w in words]):
        return _Piece(offset, "org", " ".join(words))
    titles, name = split_title(words)
    if not name:
        return None
    if len(name) == 1:
        return _Piece(offset, "surname", name[0])
    roles = [t.lower().rstrip(".") for t in titles if _is_title(t)]
    if titles:
        roles.append(" ".join(titles).lower())
    return _Piece(offset, "person", " ".join(name), last, name[0], tuple(titles), tuple(roles))


def _person(text: str, offset: int, piece: _Piece, run_end: int) -> Mention:
    """A person named at ``offset``, with the roles and gender its context gives."""
    roles = list(piece.title_roles)
    if run_end >= 0:
        # Bounded like a slice of the next 120 characters, without the copy.
        appositive = _APPOSITIVE.match(text, run_end, run_end + 120)
        if appositive:
            phrase = appositive.group(1).lower()
            roles += [phrase, phrase.split()[-1]]
    # Lower-case role words just before the name: "spokeswoman Maria Lopez".
    for word in text[max(0, offset - 40) : offset].split()[-2:]:
        if word.islower() and word.isalpha() and word not in _NOT_ROLE:
            roles.append(word)
    gender = _gender_of(piece.first, piece.titles, tuple(roles))
    if not gender and run_end >= 0 and _opens_clause(text, offset):
        gender = _gender_from_pronoun(text, run_end)
    return Mention(offset, piece.name, "person", gender, tuple(roles))


_NEXT_PRONOUN: Final = re.compile(r"[.!?\n]|\b(he|his|him|she|her|hers)\b|[A-Z][a-z]+[ \t]+[A-Z]")


def _opens_clause(text: str, offset: int) -> bool:
    """Whether a name is the subject of its sentence: at a line or sentence start."""
    before = text[max(0, offset - 3) : offset].rstrip(" \t")
    return not before or before[-1] in ".!?\n—–"


def _gender_from_pronoun(text: str, position: int) -> str:
    """Gender from the first personal pronoun after a name in its own sentence, if
    no other name comes first: "Kadri Lepp, who took over her ministry in May"."""
    m = _NEXT_PRONOUN.search(text, position, position + 160)
    if m is None or m.group(1) is None:
        return ""
    return "m" if m.group(1) in ("he", "his", "him") else "f"


def _head(phrase: str) -> str:
    words: list[str] = [w for w in _HEAD_WORD.findall(phrase.lower()) if w not in DETERMINERS]
    for i, w in enumerate(words):
        if w in ("of", "for", "at", "from", "with", "in", "close", "on") and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


class Speaker:
    """A resolved speaker as remembered for later pronouns.

    Never changed once built; a plain class for the reason given at ``Frame``.
    """

    __slots__ = ("gender", "kind", "name", "start")

    def __init__(self, start: int, name: str, kind: str, gender: str = "") -> None:
        self.start = start
        self.name = name
        self.kind = kind
        self.gender = gender


def resolve_speaker(
    source_text: str,
    position: int,
    table: MentionTable,
    speakers: list[Speaker],
) -> tuple[str, bool, str, str]:
    """Tie the words naming a speaker to the person or institution they refer to.

    Args:
        source_text: the speaker as written ("She", "Moreau", "Senator Ines Moreau",
            "the ministry").
        position: where those words start in the article text.
        table: the article's mentions.
        speakers: speakers of earlier claims, oldest first.

    Returns:
        (source, resolved, kind, gender): the full name (or the text as written when
        nothing fits, then ``resolved`` is False for pronouns), and what it is.
    """
    words = source_text.split()
    lowered = source_text.lower().strip()
    pronoun = PRONOUNS.get(lowered)
    if pronoun is not None:
        return _resolve_pronoun(source_text, pronoun, position, table, speakers)
    titled = split_title(words)
    if (
        words
        and titled[0]
        and len(titled[1]) >= 2
        and all(w[:1].isupper() for w in titled[1])
        and not any(w.lower() in ORG_WORDS for w in titled[1])
    ):
        # "Police Major Eduardo Ramos", "Rural Party leader Tarmo Kask": the name
        # after the last title is the person, whatever the title mentions.
        name = [n.removesuffix("’s").removesuffix("'s") for n in titled[1]]
        return " ".join(name), True, "person", _gender_of(name[0], titled[0], ())
    named_words = [
        w for w in words if w.lower() not in DETERMINERS and w not in _NAMESAKE_ADJECTIVES
    ]
    # "Lawyers for the families" is capitalised only because it opens a sentence.
    common_phrase = (
        len(named_words) > 1
        and all(w[:1].islower() for w in named_words[1:])
        and not _is_title(named_words[0])
    )
    if (
        named_words
        and named_words[0][:1].isupper()
        and not common_phrase
        and not any(w.lower() in ORG_WORDS for w in words)
    ):
        titles, name = split_title(named_words)
        name = [n.removesuffix("’s").removesuffix("'s") for n in name]
        if len(name) == 1:
            found = _by_surname(name[0], titles, position, table)
            if found is not None:
                return found.name, True, "person", found.gender
            if titles:
                return name[0], True, "person", _gender_of("", titles, ())
            # A single unknown capitalised word that speaks is an institution
            # ("Nordlink said"), or a group when plural ("Democrats").
            plural = name[0].endswith("s") and not name[0].endswith("ss")
            return name[0], True, "group" if plural else "org", ""
        if (
            name
            and not titles
            and name[-1].endswith("s")
            and name[0].lower() not in (MALE_NAMES | FEMALE_NAMES)
            and not _known_person(" ".join(name), position, table)
        ):
            return " ".join(name), True, "group", ""
        if len(name) >= 2 and name[0].lower() in SURNAME_PARTICLES:
            # "De Wit said" at a sentence start: the surname of "Sanne de Wit".
            found = _by_name_tail(name, position, table)
            if found is not None:
                return found.name, True, "person", found.gender
        if name and (titles or len(name) >= 2):
            gender = _gender_of(name[0], titles, ())
            if not gender:
                for m in table.before(position + 1):
                    if m.name == " ".join(name):
                        gender = m.gender
                        break
            return " ".join(name), True, "person", gender
    named = any(w[:1].isupper() for w in words[1:])
    if words and words[0].lower() in ("the", "its", "their", "his", "her") and not named:
        found_name = _by_role(source_text, position, table, speakers)
        if found_name is not None:
            return found_name
    kind = "org" if any(w.lower() in ORG_WORDS for w in words) else "group"
    if kind == "group" and words and not words[-1].lower().endswith("s"):
        kind = (
            "person"
            if _head(source_text) in TITLES or _head(source_text) in (MALE_WORDS | FEMALE_WORDS)
            else "org"
        )
    gender = _gender_of("", [], (_head(source_text),))
    return _strip_determiner(source_text), True, kind, gender


def _recent(speakers: list[Speaker]) -> Iterator[Speaker]:
    """Speakers so far, most recent first (at most :data:`LOOKBACK`)."""
    for i in range(len(speakers) - 1, max(-1, len(speakers) - 1 - LOOKBACK), -1):
        yield speakers[i]


def _known_person(name: str, position: int, table: MentionTable) -> bool:
    return any(m.kind == "person" and m.name == name for m in table.before(position + 1))


def _strip_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() == "the" and rest else text


def _by_name_tail(name: list[str], position: int, table: MentionTable) -> Mention | None:
    """The latest person whose full name ends with ``name``, ignoring case."""
    tail = [word.lower() for word in name]
    for m in table.before(position):
        parts = m.name.lower().split()
        if m.kind == "person" and len(parts) > len(tail) and parts[-len(tail) :] == tail:
            return m
    return None


def _by_surname(
    surname: str, titles: list[str], position: int, table: MentionTable
) -> Mention | None:
    want = _gender_of("", titles, ())
    fallback: Mention | None = None
    for m in table.before(position):
        if m.kind != "person" or " " not in m.name:
            continue
        if surname in m.name.split()[1:]:  # the last word or a middle one
            if not want or m.gender in ("", want):
                return m
            fallback = fallback or m
    return fallback


def _resolve_pronoun(
    written: str, pronoun: str, position: int, table: MentionTable, speakers: list[Speaker]
) -> tuple[str, bool, str, str]:
    if pronoun in ("m", "f"):
        candidates: list[tuple[int, str, str]] = []
        for m in table.before(position):
            if m.kind == "person" and m.gender == pronoun and " " in m.name:
                candidates.append((m.start, m.name, pronoun))
                break
        for s in _recent(speakers):
            if s.kind == "person" and s.gender == pronoun and s.start < position:
                candidates.append((s.start, s.name, pronoun))
                break
        # People whose gender is unknown (a first name missing from the table)
        # compete on recency: "Lepp cautioned that ... She said ...".
        for s in _recent(speakers):
            if s.kind == "person" and s.start < position:
                if not s.gender and " " in s.name:
                    candidates.append((s.start, s.name, ""))
                break
        if not candidates:
            for m in table.before(position):
                if m.kind == "person" and " " in m.name:
                    if not m.gender:
                        candidates.append((m.start, m.name, ""))
                    break
        if candidates:
            _, name, _ = max(candidates)
            return name, True, "person", pronoun
        return written, False, "person", pronoun
    if pronoun == "n":
        for s in _recent(speakers):
            if s.kind == "org" and s.start < position:
                return s.name, True, "org", ""
        for m in table.before(position):
            if m.kind == "org":
                return m.name, True, "org", ""
        return written, False, "org", ""
    if pronoun == "p":
        # The most recent group that spoke or was named ("the foreign ministers of
        # Chile and Peru"), else the last institution that spoke.
        groups = [
            (s.start, s.name) for s in _recent(speakers) if s.kind == "group" and s.start < position
        ][:1]
        named = next(table.groups_before(position), None)
        if named is not None:
            groups.append((named.start, named.name))
        if groups:
            return max(groups)[1], True, "group", ""
        for s in _recent(speakers):
            if s.kind == "org" and s.start < position:
                return s.name, True, "org", ""
        return written, False, "group", ""
    return written, False, "person", ""


def _by_role(
    written: str, position: int, table: MentionTable, speakers: list[Speaker]
) -> tuple[str, bool, str, str] | None:
    head = _head(written)
    if not head:
        return None
    phrase = " ".join(w for w in written.lower().split() if w not in DETERMINERS)
    if head == "statement":
        return None  # the caller knows who issued the last statement
    for m in table.before(position):
        if m.kind == "person" and (phrase in m.roles or head in m.roles):
            return m.name, True, "person", m.gender
        if m.kind == "org" and head in m.name.lower().split():
            return m.name, True, "org", ""

    for s in _recent(speakers):
        if s.start < position and head in s.name.lower().split() and s.name.lower() != phrase:
            return s.name, True, s.kind, s.gender
    if head.endswith("s"):
        for g in table.groups_before(position):
            if head in g.name.lower().split() and len(g.name) > len(written):
                return g.name, True, "group", ""
    if head in INSTITUTION_NOUNS and len(written.split()) <= 2 and table.text:
        # "the hospital" after "the Middelheim-Zuid hospital" or "the Havenbond union".
        found = list(
            re.finditer(
                rf"\b(?:([A-Z][\w’'\-]*(?:[ \t][A-Z][\w’'\-]*)*)|[Tt]he[ \t]+([a-z][\w\-]*))"
                rf"[ \t]+{re.escape(head)}\b",
                table.text[max(0, position - LOOKBACK_CHARS) : max(0, position)],
            )
        )
        named = found[-1] if found else None
        if named is not None:
            modifier = named.group(1) or named.group(2)
            if modifier.lower() not in _STOP_CAPS and modifier.lower() not in DETERMINERS:
                return f"{modifier} {head}", True, "org", ""
    if head in INSTITUTION_NOUNS and len(written.split()) <= 2:
        # "the company said": the last named institution that spoke or was named,
        # unless its name says it is another kind ("the British Retail Association").
        def fits(name: str) -> bool:
            names = name.lower().split()
            if not name[:1].isupper():
                return False
            if head in _GENERIC_BODIES and names[-1] in _PUBLIC_BODIES:
                return True  # "the regulator" after "the Charity Commission"
            return not any(w in INSTITUTION_NOUNS and w != head for w in names)

        for s in _recent(speakers):
            if s.kind == "org" and s.start < position and fits(s.name):
                return s.name, True, "org", ""
        for m in table.before(position):
            if m.kind == "org" and fits(m.name):
                return m.name, True, "org", ""
    return None
