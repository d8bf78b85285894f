"""Isolate the story in scraped plain text: drop site furniture, keep the metadata.

Text copied out of a news page carries the site around the story: menus, "Sign
in", breadcrumbs, share buttons, advertisements, "Related stories" lists, cookie
notices, copyright footers. None of it may reach :attr:`Article.text`, where it
would turn up in summaries and claims. The mechanism has two parts, both
explainable line by line:

1. **Line classes.** Every line is classified by its own shape and wording:

   - ``prose``: a paragraph (8+ words ending in sentence punctuation, or 16+ words);
   - ``inline`` furniture that also appears *inside* stories ("Advertisement",
     "Read more: ...", "Image caption ...", "Photo: ..." credits, share buttons);
   - ``boundary`` furniture that frames a story (sign-in and menu lines,
     breadcrumbs, comment counts, copyright, newsletter and cookie notices,
     "Follow us on ...", tag lists);
   - ``list`` headers ("Related stories", "Most read", "More from ...") whose
     following short headline lines are the list and go with them;
   - ``byline`` ("By Jane Doe, Staff Reporter") and ``date`` lines
     ("Published 4 September 2026"), kept as metadata;
   - ``sentence``: a short line that ends like a sentence ("She added:",
     "Only the mayor stayed home.");
   - ``short``: anything else (headlines, subheadings, list items, site names).

2. **The shape of the story.** The body is the run of prose paragraphs with the
   most text. Runs are split where non-prose lines pile up: each line adds to a
   gap weight (``sentence`` and ``inline`` 0.5, ``short`` and list items 1,
   ``boundary`` and ``list`` headers 4), and a run ends when the weight reaches
   :data:`GAP_LIMIT` (8). A ``sentence`` line right next to a run joins it.
   So a stats box of five short lines or a three-headline "Related" box inside
   a story stays (the box itself is removed), while a comment count plus a
   "Most read" list ends the story.

   Lines before and after the body are furniture, except the metadata found
   there: the title (the first headline-shaped line in the block just above the
   byline, or above the body), the byline and the date. Inside the body,
   furniture lines and list blocks are removed; other short lines (subheadings,
   "She added:", the "6:05 p.m." of a live blog) stay.

A clean story has no furniture lines and one run of prose, so it comes back
unchanged; if its first line is a headline (no final punctuation), that line
becomes the title and the text starts after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["GAP_LIMIT", "Isolated", "classify_line", "find_dateline", "isolate_story"]

# Gap weight at which a run of prose paragraphs ends (see the module docstring).
GAP_LIMIT: Final = 8.0
_GAP_WEIGHT: Final = {
    "sentence": 0.5,
    "short": 1.0,
    "inline": 0.5,
    "byline": 1.0,
    "date": 1.0,
    "boundary": 4.0,
    "list": 4.0,
    "item": 1.0,
}
# A short sentence-like line joins a run of prose only this close to it (gap weight).
_SENTENCE_REACH: Final = 2.0
# A line with at least this many words is prose whatever its last character.
_LONG_LINE_WORDS: Final = 16
_PROSE_MIN_WORDS: Final = 8
# The furniture patterns are only tried on lines up to this many words: furniture
# is short, and matching every paragraph would cost most of the reading time.
# Longer lines are only checked for the phrases of long furniture below.
_FURNITURE_MAX_WORDS: Final = 15
# Phrases that make a line furniture wherever they occur in it: photo agency
# credits (short lines only) and legal footers and cookie notices (any length).
_CREDIT_PHRASES: Final = (
    "getty images", "ap photo", "afp photo", "reuters/", "shutterstock", "alamy", "epa-efe",
)  # fmt: skip
_LEGAL_PHRASES: Final = ("all rights reserved",)
# Cookie notices and legal footers run to a few sentences, not to a paragraph.
_NOTICE_MAX_WORDS: Final = 60
_TITLE_MAX_WORDS: Final = 25

_TERMINAL: Final = frozenset(".!?…:;")
_CLOSERS: Final = "\"'”’)]»"
_QUOTES: Final = "\"'“”‘’()[]"

_INLINE: Final = r"""
    advert(isement)?s?|ad|ads|sponsored(\s+content)?|paid\s+(content|post|partnership)
  | promoted(\s+(content|stories))?
  | (story|article)\s+continues\s+(below|after)(\s+(the|this))?\s+(advertisement|ad)
  | continue\s+reading(\s+(below|the\s+main\s+story|the\s+story|here))?.{0,40}
  | read\s+more(\s*[:»›>…-].*|\s+(here|about|at|on|from|stories|news)\b.*)?
  | read\s+(the\s+rest|the\s+full\s+(story|article|report|statement)|full\s+(story|article))
        (\s+(here|at|on|of)\b.*)?
  | (click|tap)\s+here\b.*
  | (image|photo|picture|video|media|graphic)\s*(caption|source|credit|copyright)\b.*
  | (image|photo|picture|photograph|illustration|credit|video|watch)\s*:.*
  | (photo(graph)?s?|images?|pictures?|illustration)\s+(by|credit|courtesy)\b.*
  | media\s+playback\s+is\s+(not\s+supported|unsupported)\s+on\s+(this|your)\s+device\.?
  | listen\s+to\s+(this|the)\s+(article|story).*
  | (\d+\s+)?min(ute)?s?\s+read|reading\s+time\s*:?.{0,30}
  | loading(\.{3}|…)?|play\s+video|watch\s+(the\s+)?video
  | share(\s+(this|the))?(\s+(article|story|page|post|video))?(\s+(on|via|to|with|by)\s+.{1,40})?
  | (print|email|save)(\s+this)?(\s+(article|story|page))?
"""
_BOUNDARY: Final = r"""
    skip\s+to\s+(main\s+)?(content|navigation|the\s+main\s+content)|jump\s+to\s+content
  | (back|return)\s+to\s+(top|home(page)?)
  | (log|sign)\s*(in|up|out)(\s*(\||/|or|and)\s*(register|(log|sign)\s*(in|up)))?
        (\s+(to|with|for)\s+.{0,60})?
  | (already\s+a\s+subscriber|not\s+a\s+subscriber|subscribers?\s+only)\b.*
  | subscribe(\s+(now|today|here))?(\s+(to|for|from)\s+.{0,60})?
  | (sign\s+up|register)\s+(for|to)\s+.{0,60}newsletters?\b.*
  | (get|receive)\s+(our|the)\s+.{0,40}newsletters?\b.*|newsletters?(\s+sign-?up)?
  | (get|receive|have)\b.{0,80}\b(in|to|into)\s+your\s+inbox\b.*
  | (show|view|hide|load|read|see|open)(\s+all)?(\s+\d+)?\s+comments?(\s*\(\d+\))?
  | comments?(\s*\(\d+\)|\s+\d+)?|\d+\s+comments?
  | (leave|post|add)\s+(a|your)\s+(comment|reply)|join\s+the\s+(conversation|discussion|debate)
  | (©|\(c\)|copyright\s*(©|\(c\)|\d{4})).*
  | follow\s+(us|me|@\w+|[\w .'’-]{1,40}?)\s+on\s+(twitter|x|facebook|instagram|tiktok|linkedin
        |youtube|threads|bluesky|mastodon|telegram|whatsapp)\b.*
  | follow\s+us\b.*|like\s+us\s+on\s+facebook\b.*
  | (tags?|topics?|filed\s+under|categories|category|keywords|more\s+on)\s*:.*
  | (advertise\s+with\s+us|contact\s+us|about\s+us|privacy(\s+policy|\s+notice)?
        |terms(\s+of\s+(use|service))?|terms\s+and\s+conditions|cookie\s+(policy|settings)
        |accessibility|site\s*map|careers)
"""
_LIST: Final = r"""
    (trending(\s+(now|news|stories|today))?
  | most\s+(read|popular|viewed|shared|watched|commented|recent)
  | related(\s+(stories|articles|content|news|links|coverage|topics|reading|posts))?
  | more\s+(from|on|in|about)\s+.{1,40}|more\s+(stories|news|articles|headlines)
  | you\s+(may|might)\s+(also\s+)?(like|enjoy)|recommended(\s+(for\s+you|stories|reading))?
  | (what\s+to\s+)?read\s+next|top\s+(stories|news)|latest(\s+(news|stories|headlines))?
  | editor['’]?s\s+picks|don['’]?t\s+miss|popular(\s+(now|stories|today))?|also\s+read
  | see\s+also|in\s+other\s+news|(from\s+)?around\s+the\s+web|elsewhere\s+on\s+.{1,30})
    \s*:?
"""
_FURNITURE: Final = re.compile(
    rf"(?P<list>{_LIST})|(?P<inline>{_INLINE})|(?P<boundary>{_BOUNDARY})",
    re.IGNORECASE | re.VERBOSE,
)
_COOKIE: Final = re.compile(
    r"\b(we|this\s+(site|website)|our\s+(site|website|partners))\s+uses?\s+cookies\b"
    r"|\b(accept|reject|manage)(\s+all)?\s+cookies\b|\bcookie\s+(policy|settings|consent)\b",
    re.IGNORECASE,
)
# Words of navigation bars and share bars: a short line made only of them is furniture.
_NAV_WORDS: Final = frozenset(
    {
        "account", "back", "close", "comment", "comments", "copy", "e-mail", "email",
        "facebook", "flipboard", "follow", "home", "in", "instagram", "link", "linkedin",
        "log", "login", "logout", "menu", "messenger", "my", "navigation", "newsletter",
        "newsletters", "next", "out", "pinterest", "prev", "previous", "print", "profile",
        "reddit", "register", "save", "search", "share", "sign", "skip", "subscribe",
        "telegram", "tiktok", "toggle", "top", "tweet", "twitter", "up", "us", "whatsapp", "x",
        "youtube",
    }
)  # fmt: skip
_SHARE_WORDS: Final = frozenset(
    {
        "share", "tweet", "email", "e-mail", "print", "facebook", "twitter", "x", "whatsapp",
        "linkedin", "reddit", "pinterest", "telegram", "messenger", "flipboard", "copy",
        "link", "save",
    }
)  # fmt: skip
_WORD: Final = re.compile(r"[\w’'@.-]+")
_SEPARATOR_MARKS: Final = "|•·>›»/"
_NAV_SEPARATOR: Final = re.compile(r"\s*[|•·]\s*")
_BREADCRUMB_SEPARATOR: Final = re.compile(r"\s+[>›»/]\s+|\s*[>›»]\s*")

_BYLINE: Final = re.compile(
    r"(?i:(?:written\s+|words\s+|story\s+|reporting\s+)?by)\s*:?\s+"
    r"(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|da|van|von|der|al|bin|and|&|la|le))*"
    r"(?:\s*,\s*[\w’' .&-]{1,60})?)"
    r"(?:\s*[|•·—–-]\s*(?P<rest>.{0,60}))?\.?",
)
# A byline never names a weekday, a month or a time ("By Tuesday, ...").
_NOT_A_NAME: Final = re.compile(
    r"(?:(mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|june|july"
    r"|august|september|october|november|december|noon|midnight|then|now|far|the|a|an"
    r"|this|that|law|contrast|comparison|design|default|mistake|accident|chance)\b",
    re.IGNORECASE,
)
_MONTH: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME: Final = r"(?:\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*[A-Z]{2,4})?)"
_DATE: Final = re.compile(
    r"(?P<label>(?:first\s+)?published|(?:last\s+)?updated|posted|date|(?:last\s+)?modified)?"
    r"(?:\s+(?:on|at))?\s*:?\s*"
    r"(?P<value>(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}"
    rf"|{_TIME})"
    rf"(?:\s*(?:,|at|\||•|·|-|–|—)?\s*(?:(?:last\s+)?updated\s+(?:at\s+)?)?{_TIME})?)\.?",
    re.IGNORECASE,
)
# "LISBON, Sept. 4 —", "NAIROBI, Kenya (Reuters) -", "WASHINGTON (AP) —", "(CNN) --".
_DATELINE: Final = re.compile(
    r"(?P<dateline>(?:[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}"
    r"(?:\s*,\s*[A-Z][\w’'.]*(?:\s+[\w’'.]+){0,3})?(?:\s*\([^()\n]{1,30}\))?"
    r"|\((?:CNN|AP|AFP|Reuters|UPI|Bloomberg)\)))"
    r"\s*(?:—|–|--|-|:)\s*",
)


@dataclass(frozen=True, slots=True)
class Isolated:
    """The story body found in a scraped text, with the metadata around it.

    Attributes:
        text: the body, furniture removed.
        title, byline, dateline, published: metadata, ``None`` when absent.
        dropped: the lines removed as furniture, in order (for reporting and tests;
            title, byline and date lines are metadata, not counted here).
        has_prose: whether a paragraph of prose was found; without one, ``text``
            is every line of the input that is not furniture.
    """

    text: str
    title: str | None
    byline: str | None
    dateline: str | None
    published: str | None
    dropped: tuple[str, ...]
    has_prose: bool


def _ends_like_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def classify_line(line: str) -> str:
    """Classify one stripped, non-empty line (see the module docstring).

    Returns:
        One of ``"prose"``, ``"sentence"`` (a short line ending like a sentence),
        ``"inline"``, ``"boundary"``, ``"list"``, ``"byline"``, ``"date"`` or ``"short"``.
    """
    words = line.count(" ") + 1
    lowered = line.lower()
    if words <= _NOTICE_MAX_WORDS and (
        any(phrase in lowered for phrase in _LEGAL_PHRASES)
        or ("cookie" in lowered and _COOKIE.search(line))
    ):
        return "boundary"
    if words <= _FURNITURE_MAX_WORDS:
        match = _FURNITURE.fullmatch(line)
        if match is None and line[0] in _QUOTES:
            # Quoted or bracketed furniture ("(Photo: ...)", '"Follow X on Twitter."').
            bare = line.strip(_QUOTES)
            match = _FURNITURE.fullmatch(bare) if bare else None
        if match is not None:
            kind = match.lastgroup
            assert kind is not None
            # A list header is a heading, not a sentence.
            if kind != "list" or (words <= 8 and not line.endswith(".")):
                return kind
        if any(phrase in lowered for phrase in _CREDIT_PHRASES):
            return "inline"
        # "Copyright The Herald Group" (a story's "Copyright law ..." is a sentence).
        if lowered.startswith("copyright") and not _ends_like_sentence(line):
            return "boundary"
    if words <= 12:
        if _is_byline(line):
            return "byline"
        if _DATE.fullmatch(line):
            return "date"
    ends_like_sentence = _ends_like_sentence(line)
    if words >= _LONG_LINE_WORDS or (words >= _PROSE_MIN_WORDS and ends_like_sentence):
        return "prose"
    if words <= 8:
        navigation = _navigation(line)
        if navigation is not None:
            return navigation
    return "sentence" if ends_like_sentence else "short"


def _is_byline(line: str) -> bool:
    match = _BYLINE.fullmatch(line)
    return match is not None and _NOT_A_NAME.match(match.group("name")) is None


def _navigation(line: str) -> str | None:
    """``"inline"`` for a share bar, ``"boundary"`` for a menu or breadcrumb, else ``None``."""
    tokens = _WORD.findall(line.lower())
    if tokens and all(token in _NAV_WORDS for token in tokens):
        # Share bars also sit between the lede and the rest of a story.
        return "inline" if all(token in _SHARE_WORDS for token in tokens) else "boundary"
    if not any(mark in line for mark in _SEPARATOR_MARKS):
        return None
    for separator in (_NAV_SEPARATOR, _BREADCRUMB_SEPARATOR):
        parts = [part for part in separator.split(line) if part]
        if len(parts) >= 2 and all(
            part.count(" ") < 4 and not _ends_like_sentence(part) for part in parts
        ):
            return "boundary"
    return None


def find_dateline(paragraph: str) -> str | None:
    """The dateline opening a paragraph ("NAIROBI, Kenya (Reuters)"), or ``None``."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    dateline = match.group("dateline")
    first = dateline.split(",")[0].split("(")[0].strip()
    # A place name in capitals, not an all-capitals sentence opening.
    if dateline.startswith("(") or (
        len(first) >= 2 and first.replace(" ", "").replace(".", "").isalpha()
    ):
        return dateline.strip()
    return None


def _byline_name(line: str) -> tuple[str, str | None]:
    match = _BYLINE.fullmatch(line)
    assert match is not None
    rest = match.group("rest")
    date = rest.strip() if rest and _DATE.fullmatch(rest.strip()) else None
    return match.group("name").strip(), date


def _date_value(line: str) -> str:
    match = _DATE.fullmatch(line)
    assert match is not None
    return match.group("value").strip()


def isolate_story(text: str) -> Isolated:
    """Find the story body in ``text`` and its title, byline, dateline and date.

    Args:
        text: normalised text (``\\n`` line endings), one paragraph or title per line.

    Returns:
        The body and metadata; ``text`` is empty when no line of the input is story
        text (for example a page of menus only).
    """
    lines = text.split("\n")
    kinds: list[str | None] = []
    for line in lines:
        stripped = line.strip()
        kinds.append(classify_line(stripped) if stripped else None)

    _mark_list_items(kinds)

    start, end = _best_run(kinds, lines)
    title = byline = published = None
    dropped: list[int] = []
    has_prose = start >= 0
    if not has_prose:
        # No prose at all (a brief, a list): keep every line that is not furniture.
        start, end = 0, len(lines) - 1
    else:
        title, byline, published = _header(lines, kinds, start, dropped)
        dropped.extend(
            index
            for index in range(end + 1, len(lines))
            if kinds[index] is not None and kinds[index] not in ("byline", "date")
        )

    kept: list[str] = []
    for index in range(start, end + 1):
        kind = kinds[index]
        if kind in ("inline", "boundary", "list", "item"):
            dropped.append(index)
            # Removing a line between blank lines would leave a double gap.
            while (
                kept and not kept[-1].strip() and index + 1 <= end and not lines[index + 1].strip()
            ):
                kept.pop()
            continue
        # A time or name line inside the body ("6:05 p.m." in a live blog) is text.
        kept.append(lines[index])
    body = "\n".join(kept).strip()
    first_line = body.lstrip().split("\n", 1)[0]
    return Isolated(
        text=body,
        title=title,
        byline=byline,
        dateline=find_dateline(first_line.lstrip()) if first_line else None,
        published=published,
        dropped=tuple(lines[index].strip() for index in sorted(dropped)),
        has_prose=has_prose,
    )


def _mark_list_items(kinds: list[str | None]) -> None:
    """Turn the short lines after a list header ("Most read") into ``item`` lines.

    The list runs until a line that is neither ``short`` nor ``sentence`` (prose,
    furniture, a byline). A list ended by a byline or date line gives back its last
    line: a headline right above a byline is the story's title, not a list item.
    """
    last_item = -1
    in_list = False
    for index, kind in enumerate(kinds):
        if kind is None:
            continue
        if kind == "list":
            in_list = True
        elif in_list and kind in ("short", "sentence"):
            kinds[index] = "item"
            last_item = index
        elif in_list:
            in_list = False
            if kind in ("byline", "date") and last_item >= 0:
                kinds[last_item] = "short"


def _best_run(kinds: list[str | None], lines: list[str]) -> tuple[int, int]:
    """First and last line of the run with the most prose characters (-1, -1 if none).

    Short lines that end like sentences ("Only the mayor stayed home.", "Source:
    NATO.", a headline with a full stop) join a run when they sit right next to
    it, above or below, so a clean story keeps its first and last lines.
    """
    best = (-1, -1)
    best_size = 0
    run_start = run_end = pending = -1
    size = 0
    gap = 0.0
    for index, kind in enumerate(kinds):
        if kind is None:
            continue
        if kind == "prose":
            if run_start < 0:
                run_start = pending if pending >= 0 else index
            run_end = index
            size += len(lines[index])
            gap = 0.0
            continue
        if run_start < 0:
            if kind != "sentence":
                pending = -1
            elif pending < 0:
                pending = index
            continue
        if kind == "sentence" and gap < _SENTENCE_REACH:
            run_end = index
        gap += _GAP_WEIGHT[kind]
        if gap >= GAP_LIMIT:
            if size > best_size:
                best, best_size = (run_start, run_end), size
            run_start = run_end = pending = -1
            size = 0
            gap = 0.0
    if run_start >= 0 and size > best_size:
        best = (run_start, run_end)
    return best


def _is_title_shaped(line: str) -> bool:
    words = line.count(" ") + 1
    return 2 <= words <= _TITLE_MAX_WORDS and not line.rstrip(_CLOSERS).endswith(
        (".", ",", ";", ":")
    )


def _header(
    lines: list[str], kinds: list[str | None], start: int, dropped: list[int]
) -> tuple[str | None, str | None, str | None]:
    """Title, byline and date from the lines above the body; the rest goes to ``dropped``.

    The title is looked for in the block of lines just above the byline (or the
    body, when there is no byline), back to the nearest menu, list or paragraph:
    the first headline-shaped line there with three or more words, else the
    nearest one with two. Site names above the menus are never considered.
    """
    byline = published = None
    byline_at = -1
    for index in range(start):
        line = lines[index].strip()
        if kinds[index] == "byline" and byline is None:
            byline, date = _byline_name(line)
            published = published or date
            byline_at = index
        elif kinds[index] == "date" and published is None:
            published = _date_value(line)

    title_at = _find_title(lines, kinds, byline_at if byline_at >= 0 else start)
    if title_at < 0 and byline_at >= 0:
        title_at = _find_title(lines, kinds, start, stop=byline_at)
    for index in range(start):
        if (
            kinds[index] is not None
            and index != title_at
            and kinds[index] not in ("byline", "date")
        ):
            dropped.append(index)
    return (lines[title_at].strip() if title_at >= 0 else None), byline, published


def _find_title(lines: list[str], kinds: list[str | None], below: int, stop: int = -1) -> int:
    block: list[int] = []
    for index in range(below - 1, stop, -1):
        kind = kinds[index]
        # Menus and lists end the header block; share buttons, advertisements and
        # captions often sit between a headline and its story, so they do not.
        if kind in ("boundary", "list", "item", "prose"):
            break
        if kind == "short" and _is_title_shaped(lines[index].strip()):
            block.append(index)
    block.reverse()
    for index in block:
        if lines[index].count(" ") >= 2:
            return index
    return block[-1] if block else -1
