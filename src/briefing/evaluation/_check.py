"""Faithfulness check: does the article support what a summary says?

:func:`check` looks for four kinds of trouble, all with plain word matching so it
runs offline, in milliseconds, without a model:

* **Unsupported items** — numbers, dates, names and quotations in the summary that
  the article does not contain. Numbers are compared by value ("5,000" = "5000",
  "five" = "5", "$3.5 million" = "3.5m", "40 per cent" = "40%"), names by token
  containment (every word of "Ruth Okoye" must occur in the article; "Okoye" alone
  is fine), quotations by near-exact match against the article's word sequence.
* **Weak word support** — three shares, averaged: the summary's content words found
  in the article (stemmed); for each summary sentence, the share of its words that
  two adjacent article sentences contain in the same order (longest common
  subsequence), averaged over sentences; and, for the worst summary sentence, the
  share of its content words found within two adjacent article sentences. The last
  two catch summaries stitched from real words in a new, false order.
* **Splices** — seams inside a summary sentence where one run of copied article
  words ends and the next copied run starts elsewhere in the article. Extractive
  and half-extractive models make many of their errors at such seams (a subject
  from one sentence glued to the claim of another), so each one costs a little:
  the full penalty when a clause of four or more copied words follows the seam,
  a share of it before a shorter run, which is more often a paraphrase.
* **Dangling pronouns** — a summary sentence that opens with a pronoun ("He said
  ...") copied from a passage whose antecedent, the name in the article sentences
  just before, the summary never mentions: the pronoun now points at someone else.

On SummEval's 1,600 expert-judged CNN/DM summaries the score reaches Spearman 0.451
with expert consistency (0.349 for the plain share of summary words found in the
article); penalties were chosen on the even-numbered articles and the odd ones give
0.451 (``python benchmarks/faithfulness_summeval.py``).

Text that was tokenized for research data sets ("his team 's draw", lower-cased
names) scores the same as ordinary text: both sides are lower-cased and cut into
letter/digit runs before they are compared.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal

from briefing.errors import InputError
from briefing.sentences import split_sentences
from briefing.types import Article

if TYPE_CHECKING:
    from nltk.stem.porter import PorterStemmer

__all__ = [
    "DEFAULT_ITEM_PENALTY",
    "DEFAULT_PRONOUN_PENALTY",
    "DEFAULT_SPLICE_PENALTY",
    "CheckResult",
    "UnsupportedItem",
    "check",
]

ItemKind = Literal["number", "date", "name", "quote"]

#: Each unsupported item multiplies the word-support score by this factor: a wrong
#: number or name is a factual error even when every other word is copied.
DEFAULT_ITEM_PENALTY = 0.8
#: Each splice multiplies the score by this factor. A splice is a point inside a
#: summary sentence where one run of words copied from the article ends and the next
#: copied run starts somewhere else in the article: the seam where a model glued two
#: passages together, and where the subject of one meets the claim of another.
DEFAULT_SPLICE_PENALTY = 0.93
#: A splice costs its full penalty when the copied run after it is at least this many
#: words long, and a share of it below that: a seam before a whole clause lifted from
#: elsewhere grafts a claim, one before a word or two is usually paraphrase.
SPLICE_FULL_RUN = 4
#: Each dangling pronoun multiplies the score by this factor. A summary sentence that
#: opens with "he", "it", "they"... copied from a passage whose antecedent the summary
#: never names now points at whoever the summary mentioned last.
DEFAULT_PRONOUN_PENALTY = 0.85
#: A quotation matches when this share of its words appears as one run in the article.
QUOTE_MIN_MATCH = 0.9
#: Quotations shorter than this many words are too common to check ("no", "a lot").
QUOTE_MIN_WORDS = 3

_TOKEN = re.compile(r"[^\W_]+")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "without",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "if",
        "then",
        "than",
        "as",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "having",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "it",
        "its",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "they",
        "them",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "mine",
        "not",
        "no",
        "also",
        "just",
        "only",
        "s",
        "t",
        "said",
        "says",
        "say",
        "told",
    ]
)

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "first": 1, "second": 2, "third": 3, "fourth": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "half": 0.5,
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)

# A numeral with optional thousands separators and decimals, then an optional scale
# written together ("3.5m", "$2bn") or apart ("3.5 million"); ordinals ("83rd") too.
_NUMERAL = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.(\d+))?(?:st|nd|rd|th)?"
    r"(?:\s?(thousand|million|billion|trillion|bn|mn|mln|tn|k|m|b)\b)?",
    re.IGNORECASE,
)
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
    r"(?:[\s-]+(thousand|million|billion|trillion))?",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})\b"
    r"|\b(\d{1,2})\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(" + "|".join(sorted(_WEEKDAYS)) + r")\b", re.IGNORECASE)
# A name: capitalised words in a row, allowing "de", "van", "al-" style particles
# between them.
_NAME = re.compile(
    r"\b[A-Z][\w'’.-]*(?:\s+(?:(?:de|da|del|van|von|bin|al|la|le|of)\s+)?[A-Z][\w'’.-]*)*"
)
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|``(.+?)''|‘([^’]{12,})’")


@dataclass(frozen=True, slots=True)
class UnsupportedItem:
    """A number, date, name or quotation in the summary that the article lacks.

    Attributes:
        kind: ``number``, ``date``, ``name`` or ``quote``.
        text: the words as written in the summary.
        sentence: index of the summary sentence it is in.
    """

    kind: ItemKind
    text: str
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """How well an article supports a summary.

    Attributes:
        score: 0 (nothing supported) to 1 (every word and item found in the article);
            ``support`` times :data:`DEFAULT_ITEM_PENALTY` per unsupported item,
            :data:`DEFAULT_SPLICE_PENALTY` per splice (a share of it for a splice
            before a short copied run) and :data:`DEFAULT_PRONOUN_PENALTY` per
            dangling pronoun.
        support: mean of ``word_support``, ``order_support`` and ``sentence_support``.
        word_support: share of the summary's content words (stemmed) in the article.
        ngram_support: share of summary words inside a three-word run of the article
            (reported for diagnosis; ``order_support`` replaced it in the score).
        sentence_support: for the worst summary sentence, the share of its content
            words found within two adjacent article sentences.
        unsupported: the numbers, dates, names and quotations the article lacks.
        splices: points where a summary sentence jumps from one run of copied
            article words straight into a run copied from elsewhere.
        order_support: mean over summary sentences of the share of their words that
            two adjacent article sentences contain in the same order.
        dangling_pronouns: summary sentences that open with a pronoun whose
            antecedent in the article the summary never names.
    """

    score: float
    support: float
    word_support: float
    ngram_support: float
    sentence_support: float
    unsupported: tuple[UnsupportedItem, ...]
    splices: int = 0
    order_support: float = 1.0
    dangling_pronouns: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "support": round(self.support, 4),
            "word_support": round(self.word_support, 4),
            "ngram_support": round(self.ngram_support, 4),
            "sentence_support": round(self.sentence_support, 4),
            "order_support": round(self.order_support, 4),
            "unsupported": [item.to_dict() for item in self.unsupported],
            "splices": self.splices,
            "dangling_pronouns": self.dangling_pronouns,
        }


@lru_cache(maxsize=1)
def _stemmer() -> PorterStemmer:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer().stem(word))


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text.replace("’", "'"))]


def _content(tokens: Iterable[str]) -> list[str]:
    return [t for t in tokens if t not in _STOPWORDS]


def _numbers(text: str) -> list[tuple[str, float]]:
    """Every number in ``text`` as (written form, value); scales are applied."""
    found: list[tuple[str, float]] = []
    for m in _NUMERAL.finditer(text):
        whole = re.sub(r"[, ]", "", m.group(1))
        value = float(whole + ("." + m.group(2) if m.group(2) else ""))
        if m.group(3):
            value *= _SCALES[m.group(3).lower()]
        found.append((m.group(0).strip(), value))
    for m in _WORD_NUMBER.finditer(text):
        value = float(_NUMBER_WORDS[m.group(1).lower()])
        if m.group(2):
            value *= _SCALES[m.group(2).lower()]
        found.append((m.group(0), value))
    return found


def _bare(match: re.Match[str]) -> float:
    """The numeral of a :data:`_NUMERAL` match without its scale word."""
    whole = re.sub(r"[, ]", "", match.group(1))
    return float(whole + ("." + match.group(2) if match.group(2) else ""))


def _number_values(text: str) -> set[float]:
    # Scaled values let "3.5 million" meet "3,500,000"; bare numerals let a
    # headline-style "3.5" meet "3.5 million".
    values = {round(value, 6) for _, value in _numbers(text)}
    values.update(round(_bare(m), 6) for m in _NUMERAL.finditer(text))
    return values


def _dates(text: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for m in _DATE.finditer(text):
        if m.group(1):
            found.append((m.group(0), _MONTHS[m.group(1).lower()], int(m.group(2))))
        else:
            found.append((m.group(0), _MONTHS[m.group(4).lower()], int(m.group(3))))
    return found


def _names(sentence: str) -> list[str]:
    names: list[str] = []
    for m in _NAME.finditer(sentence):
        words = m.group(0).split()
        if m.start() == len(sentence) - len(sentence.lstrip()) and len(words) == 1:
            # One capitalised word opening a sentence is usually just the first word.
            continue
        if all(w.lower().strip(".'’") in _STOPWORDS for w in words):
            continue
        names.append(m.group(0).rstrip(".'’"))
    return names


def _quotes(sentence: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None) for m in _QUOTE.finditer(sentence)]


def _quote_supported(quote: list[str], article: list[str]) -> bool:
    matcher = SequenceMatcher(None, article, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(article), 0, len(quote))
    if match.size >= QUOTE_MIN_MATCH * len(quote):
        return True
    # Allow one changed word inside a short quote: the two halves around it match.
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    return sum(b.size for b in blocks) >= QUOTE_MIN_MATCH * len(quote) and len(blocks) <= 2


@dataclass(frozen=True, slots=True, eq=False)
class _ArticleView:
    """Everything :func:`check` derives from the article alone, built once per text.

    An evaluation checks many summaries of one article (SummEval has 16 per story);
    :func:`_article_view` caches this so the article is tokenized, stemmed and
    indexed once, not once per summary. Nothing here is mutated after it is built.
    """

    tokens: list[str]
    words: frozenset[str]
    stems: list[str]
    stem_set: frozenset[str]
    trigrams: frozenset[tuple[str, ...]]
    pair_starts: dict[tuple[str, str], list[int]]
    numbers: frozenset[float]
    dates: frozenset[tuple[int, int]]
    sentence_texts: list[str]
    sentences: list[list[str]]
    word_windows: list[frozenset[str]]
    order_windows: list[list[str]]
    order_holders: dict[str, list[tuple[int, int]]]
    names: list[set[str]]


# A few articles are enough: callers check the summaries of one story together, and
# the cache should not hold many long texts for the life of the process.
@lru_cache(maxsize=8)
def _article_view(text: str) -> _ArticleView:
    tokens = _tokens(text)
    stems = [_stem(w) for w in tokens]
    pair_starts: dict[tuple[str, str], list[int]] = {}
    for position, pair in enumerate(pairwise(stems)):
        pair_starts.setdefault(pair, []).append(position)
    # Sentences with no words (a lone dash, a photo credit's bullet) match nothing.
    pairs = [(s.text, _tokens(s.text)) for s in split_sentences(text)]
    sentence_texts = [sentence for sentence, words in pairs if words]
    sentences = [words for _, words in pairs if words]
    word_windows = [
        frozenset(sentences[i]) | frozenset(sentences[i + 1] if i + 1 < len(sentences) else [])
        for i in range(len(sentences))
    ]
    order_windows, order_holders = _order_index([[_stem(w) for w in s] for s in sentences])
    return _ArticleView(
        tokens=tokens,
        words=frozenset(tokens),
        stems=stems,
        stem_set=frozenset(stems),
        trigrams=frozenset(tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)),
        pair_starts=pair_starts,
        numbers=frozenset(_number_values(text)),
        dates=frozenset((month, day) for _, month, day in _dates(text)),
        sentence_texts=sentence_texts,
        sentences=sentences,
        word_windows=word_windows,
        order_windows=order_windows,
        order_holders=order_holders,
        names=_proper_words(sentence_texts),
    )


def _unsupported_items(sentences: Sequence[str], view: _ArticleView) -> list[UnsupportedItem]:
    article_words = view.words
    article_numbers = view.numbers
    article_dates = view.dates
    article_tokens = view.tokens
    items: list[UnsupportedItem] = []
    for index, sentence in enumerate(sentences):
        date_spans: list[tuple[int, int]] = []
        for m in _DATE.finditer(sentence):
            date_spans.append(m.span())
        for written, month, day in _dates(sentence):
            if (month, day) not in article_dates:
                items.append(UnsupportedItem("date", written, index))
        for m in _WEEKDAY.finditer(sentence):
            if m.group(1).lower() not in article_words:
                items.append(UnsupportedItem("date", m.group(0), index))
        for m in _NUMERAL.finditer(sentence):
            if any(a <= m.start() < b for a, b in date_spans):
                continue
            written, value = _numbers(m.group(0))[0]
            if round(value, 6) not in article_numbers and round(_bare(m), 6) not in article_numbers:
                items.append(UnsupportedItem("number", written, index))
        for m in _WORD_NUMBER.finditer(sentence):
            written, value = m.group(0), float(_NUMBER_WORDS[m.group(1).lower()])
            if m.group(2):
                value *= _SCALES[m.group(2).lower()]
            # Small number words double as ordinary words ("one of the", "second
            # time"); only flag them when neither the word nor its value occurs.
            if round(value, 6) not in article_numbers and m.group(1).lower() not in article_words:
                items.append(UnsupportedItem("number", written, index))
        for name in _names(sentence):
            words = _tokens(name)
            if words and not all(w in article_words for w in words):
                items.append(UnsupportedItem("name", name, index))
        for quote in _quotes(sentence):
            words = _tokens(quote)
            if len(words) >= QUOTE_MIN_WORDS and not _quote_supported(words, article_tokens):
                items.append(UnsupportedItem("quote", quote, index))
    return items


def _ngram_support(summary: list[str], view: _ArticleView, n: int = 3) -> float:
    if not summary:
        return 1.0
    if len(summary) < n:
        return sum(w in view.words for w in summary) / len(summary)
    grams = view.trigrams
    covered = [False] * len(summary)
    for i in range(len(summary) - n + 1):
        if tuple(summary[i : i + n]) in grams:
            for j in range(i, i + n):
                covered[j] = True
    return sum(covered) / len(summary)


def _sentence_support(summary_sentences: list[list[str]], view: _ArticleView) -> float:
    windows = view.word_windows or [frozenset()]
    worst = 1.0
    for sentence in summary_sentences:
        words = _content(sentence) or sentence
        if not words:
            continue
        best = max(sum(w in window for w in words) / len(words) for window in windows)
        worst = min(worst, best)
    return worst


#: A summary word pair is matched against at most this many of its places in the
#: article, so a hostile article of one repeated phrase cannot make a check slow.
_MAX_RUN_STARTS = 64


def _copied_runs(
    sentence: list[str],
    article: Sequence[str],
    article_words: frozenset[str],
    starts: dict[tuple[str, str], list[int]],
) -> list[int]:
    """Cut ``sentence`` into runs copied from ``article``, longest first from the left.

    Args:
        sentence: the summary sentence's (stemmed) words.
        article: the article's (stemmed) words.
        article_words: the same words as a set.
        starts: where each word pair of the article begins.

    Returns:
        The length of each piece in order; 0 marks a word the article lacks.
    """
    runs: list[int] = []
    i = 0
    while i < len(sentence):
        longest = int(sentence[i] in article_words)
        pair = (sentence[i], sentence[i + 1]) if i + 1 < len(sentence) else None
        for j in starts.get(pair, [])[:_MAX_RUN_STARTS] if pair else ():
            k = 2
            while (
                i + k < len(sentence) and j + k < len(article) and sentence[i + k] == article[j + k]
            ):
                k += 1
            longest = max(longest, k)
        runs.append(longest)
        i += longest or 1
    return runs


def _splices(summary_sentences: list[list[str]], view: _ArticleView) -> tuple[int, float]:
    """Count the seams between two copied runs inside the summary's sentences.

    Words are stemmed so "rise"/"rises" do not open a seam. Runs meeting across a
    novel word do not count: the novel word is already missing from word support.

    Returns:
        The number of seams, and their weight: each seam weighs the length of the
        copied run after it over :data:`SPLICE_FULL_RUN`, at most 1.
    """
    article, article_words, starts = view.stems, view.stem_set, view.pair_starts
    seams = 0
    weight = 0.0
    for sentence in summary_sentences:
        runs = _copied_runs([_stem(w) for w in sentence], article, article_words, starts)
        for a, b in pairwise(runs):
            if a and b:
                seams += 1
                weight += min(b, SPLICE_FULL_RUN) / SPLICE_FULL_RUN
    return seams, weight


def _lcs_length(short: Sequence[str], long: Sequence[str]) -> int:
    """Length of the longest common subsequence, bit-parallel over ``short``.

    One big-integer step per word of ``long`` (Hyyrö's bit-vector algorithm), so a
    sentence against a window of the article costs microseconds, not a DP table.
    """
    masks: dict[str, int] = {}
    for i, word in enumerate(short):
        masks[word] = masks.get(word, 0) | (1 << i)
    full = (1 << len(short)) - 1
    v = full
    for word in long:
        mask = masks.get(word)
        if mask is not None:
            u = v & mask
            v = ((v + u) | (v - u)) & full
    return len(short) - v.bit_count()


def _order_index(
    article_sentences: list[list[str]],
) -> tuple[list[list[str]], dict[str, list[tuple[int, int]]]]:
    """The windows of two adjacent (stemmed) article sentences, and for each word the
    windows that hold it and how often, so a summary sentence's bounds in
    :func:`_order_support` cost its words' postings, not one pass over every window.
    """
    windows = [
        article_sentences[i] + (article_sentences[i + 1] if i + 1 < len(article_sentences) else [])
        for i in range(len(article_sentences))
    ]
    holders: dict[str, list[tuple[int, int]]] = {}
    for i, window in enumerate(windows):
        for word, times in Counter(window).items():
            holders.setdefault(word, []).append((i, times))
    return windows, holders


def _order_support(summary_sentences: list[list[str]], view: _ArticleView) -> float:
    """Mean share of each summary sentence's words found in order in the article.

    Each sentence is matched against every window of two adjacent article sentences
    (stemmed); its share is the longest common subsequence over its length. Words
    reused in a new order, or a subject moved onto another sentence's claim, break
    the sequence even when every word is in the article.
    """
    windows, holders = view.order_windows, view.order_holders
    shares: list[float] = []
    for sentence in summary_sentences:
        if not sentence:
            continue
        # A word can match in order at most as often as both sides hold it: that
        # bounds a window's subsequence. Try the best bounds first and stop once no
        # window left can beat the best match.
        counts: Counter[int] = Counter()
        for word, wanted in Counter(sentence).items():
            for i, times in holders.get(word, ()):
                counts[i] += min(wanted, times)
        bounds = sorted(((bound, i) for i, bound in counts.items()), reverse=True)
        best = 0
        for bound, i in bounds:
            if bound <= best:
                break
            best = max(best, _lcs_length(sentence, windows[i]))
        shares.append(best / len(sentence))
    return sum(shares) / len(shares) if shares else 1.0


_PRONOUNS = frozenset(["he", "she", "it", "they", "his", "her", "its", "their", "him", "them"])


def _proper_words(sentences: Sequence[str]) -> list[set[str]]:
    """For each article sentence, its words that the article only ever capitalises.

    A word capitalised inside sentences and never written in lower case is a name
    ("Merson", "Tottenham"); sentence-initial words are skipped because every word
    is capitalised there.
    """
    tokens = [_TOKEN.findall(sentence.replace("’", "'")) for sentence in sentences]
    capitalised: set[str] = set()
    lower: set[str] = set()
    for words in tokens:
        for word in words[1:]:
            (capitalised if word[0].isupper() else lower).add(word.lower())
    names = capitalised - lower - _STOPWORDS
    return [{w.lower() for w in words} & names for words in tokens]


def _dangling_pronouns(
    summary_sentences: list[list[str]],
    article_sentences: list[list[str]],
    article_names: list[set[str]],
) -> int:
    """Count summary sentences whose opening pronoun lost its antecedent.

    For a summary sentence that starts with a pronoun, the article sentence sharing
    most of its content words is its source; the names in the nearest of the two
    article sentences before that source are the pronoun's likely antecedent. The
    pronoun dangles when the article has such names and the summary has not named
    any of them before this sentence.
    """
    article_sets = [set(sentence) for sentence in article_sentences]
    dangling = 0
    seen: set[str] = set()
    for sentence in summary_sentences:
        if sentence and sentence[0] in _PRONOUNS and article_sets:
            content = set(_content(sentence))
            source = max(range(len(article_sets)), key=lambda i: len(content & article_sets[i]))
            antecedent = next(
                (article_names[i] for i in (source - 1, source - 2) if i >= 0 and article_names[i]),
                set(),
            )
            if source > 0 and antecedent and not antecedent & seen:
                dangling += 1
        seen.update(sentence)
    return dangling


def check(
    summary: str,
    article: Article | str,
    *,
    item_penalty: float = DEFAULT_ITEM_PENALTY,
    splice_penalty: float = DEFAULT_SPLICE_PENALTY,
    pronoun_penalty: float = DEFAULT_PRONOUN_PENALTY,
) -> CheckResult:
    """Check how well ``article`` supports ``summary``.

    The score is the mean of three word-support shares (content words found, words
    found in order within two adjacent article sentences, the worst sentence's
    content words found within two adjacent article sentences), multiplied by a
    penalty for each unsupported item, splice and dangling pronoun.

    Args:
        summary: the summary to check, any length; tokenized text is fine.
        article: the source, an :class:`~briefing.Article` or its text.
        item_penalty: factor applied to the score for each unsupported number,
            date, name or quotation (0 < item_penalty <= 1).
        splice_penalty: factor applied to the score for each splice before a copied
            run of :data:`SPLICE_FULL_RUN` or more words, a share of it before a
            shorter run (0 < splice_penalty <= 1; 1 turns the splice check off).
        pronoun_penalty: factor applied to the score for each dangling pronoun
            (0 < pronoun_penalty <= 1; 1 turns the pronoun check off).

    Returns:
        A :class:`CheckResult`. An empty summary scores 1.0 (it claims nothing).

    Raises:
        InputError: the article is empty, or a penalty is out of range.

    Example:
        >>> result = check("Profits rose 5%.", "Profits rose 5% in March, the firm said.")
        >>> result.score, result.unsupported
        (1.0, ())
    """
    text = article.text if isinstance(article, Article) else article
    if not isinstance(text, str) or not text.strip():
        raise InputError("check: the article is empty; nothing can support the summary")
    for name, penalty in (
        ("item_penalty", item_penalty),
        ("splice_penalty", splice_penalty),
        ("pronoun_penalty", pronoun_penalty),
    ):
        if not 0 < penalty <= 1:
            raise InputError(f"check: {name} must be in (0, 1], got {penalty}")
    sentence_texts = [s.text for s in split_sentences(summary)]
    summary_tokens = _tokens(summary)
    if not summary_tokens:
        return CheckResult(1.0, 1.0, 1.0, 1.0, 1.0, ())
    view = _article_view(text)
    content = _content(summary_tokens) or summary_tokens
    word_support = sum(_stem(w) in view.stem_set for w in content) / len(content)
    ngram_support = _ngram_support(summary_tokens, view)
    summary_sentences = [_tokens(s) for s in sentence_texts]
    sentence_support = _sentence_support(summary_sentences, view)
    order_support = _order_support([[_stem(w) for w in s] for s in summary_sentences], view)
    support = (word_support + order_support + sentence_support) / 3
    items = _unsupported_items(sentence_texts, view)
    splices, splice_weight = _splices(summary_sentences, view)
    dangling = _dangling_pronouns(summary_sentences, view.sentences, view.names)
    score = (
        support
        * item_penalty ** len(items)
        * splice_penalty**splice_weight
        * pronoun_penalty**dangling
    )
    return CheckResult(
        score=score,
        support=support,
        word_support=word_support,
        ngram_support=ngram_support,
        sentence_support=sentence_support,
        unsupported=tuple(items),
        splices=splices,
        order_support=order_support,
        dangling_pronouns=dangling,
    )
