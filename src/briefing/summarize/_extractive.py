"""Offline extractive summaries: Lead-N and a news-aware sentence picker.

Neither needs a model or a download. Both run on the sentences of a parsed
:class:`~briefing.types.Article` and return whole article sentences, so every word in
the summary is in the story.

The picker scores each candidate sentence by

* **position**: news is written top-down, so the lead carries the story;
* **centrality**: TF-IDF cosine similarity to the rest of the article (a sentence
  that shares the article's important words is about the story);
then picks greedily with maximal marginal relevance (MMR), so a sentence that repeats
one already picked loses its place. Sentences that look like page furniture, photo
captions, questions, datelines or pull quotes are never candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.summarize._clean import balance_quotes
from briefing.types import Article, Sentence, Summary

__all__ = [
    "ExtractiveWeights",
    "extractive_summary",
    "lead_summary",
    "looks_like_furniture",
]

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
# Tokenized text puts a space before closing quotes: "Bel-Air . '" still ends a sentence.
_END_PUNCT = re.compile(r"""[.!?…](?:\s*['"’”)\]`])*$""")
# Page furniture a scraper can leave in the story body, and caption credits.
_FURNITURE = re.compile(
    r"(?i)\b(click here|scroll down|read more|sign up|subscribe|follow us|share this"
    r"|newsletter|all rights reserved|copyright|advertisement|getty images|\bAP photo"
    r"|reuters/|photo:|image:|pictured:|video:|watch:|related:|cookies?)\b"
)
_URL = re.compile(r"(?i)(https?://|www\.|@\w)")
# A plain word list reads better than 150 quoted items.
_STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own said same says she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up us very was we were what when where which while who whom why will with
    would you your yours yourself 's n't 'm 're 've 'll 'd
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class ExtractiveWeights:
    """Weights of the extractive scorer (tuned on CNN/DailyMail, see the benchmark).

    Attributes:
        position: weight of the lead prior ``1 / (1 + index) ** position_decay``.
        position_decay: how fast the lead prior falls with the sentence index.
        centrality: weight of the TF-IDF cosine to the rest of the article.
        redundancy: MMR penalty on similarity to a sentence already picked.
        duplicate: a sentence this similar (cosine) to one already picked is a
            restatement (news repeats the lead in captions and recaps): never picked.
        max_words: longer "sentences" are usually run-together captions; skipped.
        min_words: shorter ones are fragments or furniture; skipped.
    """

    position: float = 1.0
    position_decay: float = 1.0
    centrality: float = 0.6
    redundancy: float = 0.3
    duplicate: float = 0.7
    max_words: int = 100
    min_words: int = 6


DEFAULT_WEIGHTS = ExtractiveWeights()


def _words(text: str) -> list[str]:
    return [match.group().lower() for match in _WORD.finditer(text)]


def _terms(text: str) -> list[str]:
    # Crude suffix folding so "talks"/"talk" and "killed"/"killing" meet; a real
    # stemmer would need NLTK data briefing does not ship.
    terms = []
    for word in _words(text):
        if word in _STOPWORDS or len(word) < 2:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        terms.append(word)
    return terms


def looks_like_furniture(text: str, *, min_words: int = 4, max_words: int = 80) -> bool:
    """Whether a sentence looks like page furniture rather than story text.

    Furniture here means navigation and sharing prompts, credits, URLs, questions
    (headlines and teasers), lines without sentence punctuation (captions,
    headings), shouting capitals, and lines too short or too long to be one
    sentence.

    Args:
        text: one sentence.
        min_words, max_words: word-count bounds of a plausible sentence.

    Returns:
        True if the sentence should never be picked for a summary.
    """
    stripped = text.strip()
    words = _words(stripped)
    if len(words) < min_words or len(words) > max_words:
        return True
    if stripped.rstrip("'\"’”`) ").endswith("?"):
        return True
    if not _END_PUNCT.search(stripped):
        return True
    if _FURNITURE.search(stripped) or _URL.search(stripped):
        return True
    letters = [ch for ch in stripped if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def _make_summary(article: Article, picked: Sequence[Sentence], model: str) -> Summary:
    ordered = sorted(picked, key=lambda sentence: sentence.index)
    texts = tuple(balance_quotes(sentence.text) for sentence in ordered)
    return Summary(
        text=" ".join(texts),
        sentences=texts,
        model=model,
        chunks=1,
        input_tokens=0,
        tokens_dropped=0,
        source_sentences=tuple(sentence.index for sentence in ordered),
    )


def lead_summary(article: Article, sentences: int = 3) -> Summary:
    """The first ``sentences`` sentences of the article (the Lead-N baseline).

    Args:
        article: the story.
        sentences: how many sentences to keep (N of Lead-N).

    Returns:
        A :class:`Summary` named ``lead-N``; empty text for an empty article.
    """
    return _make_summary(article, article.sentences[:sentences], f"lead-{sentences}")


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b.get(term, 0.0) for term, weight in a.items())
    if dot == 0.0:
        return 0.0
    norm_a = math.sqrt(sum(weight * weight for weight in a.values()))
    norm_b = math.sqrt(sum(weight * weight for weight in b.values()))
    return dot / (norm_a * norm_b)


def extractive_summary(
    article: Article,
    sentences: int = 3,
    *,
    max_words: int | None = None,
    weights: ExtractiveWeights = DEFAULT_WEIGHTS,
) -> Summary:
    """Pick the most informative sentences of a news article.

    Args:
        article: the story (its ``text`` may be tokenized, e.g. ``"team 's draw"``).
        sentences: most sentences in the summary.
        max_words: optional word budget; sentences are added while the total stays
            within it, and the first pick is always kept.
        weights: scorer weights; the defaults suit news.

    Returns:
        A :class:`Summary` named ``extractive`` whose sentences appear in article
        order, with ``source_sentences`` giving their indices. An article with no
        sentences gives an empty summary; if every sentence looks like furniture,
        the lead sentences are used.
    """
    all_sentences = article.sentences
    candidates = [
        sentence
        for sentence in all_sentences
        if not looks_like_furniture(
            sentence.text, min_words=weights.min_words, max_words=weights.max_words
        )
    ]
    if not candidates:
        return _make_summary(article, all_sentences[:sentences], "extractive")

    # Sentence-level TF-IDF over the whole article (not just candidates) so that
    # centrality reflects the story, including quotes and captions.
    term_lists = [_terms(sentence.text) for sentence in all_sentences]
    document_frequency: Counter[str] = Counter()
    for terms in term_lists:
        document_frequency.update(set(terms))
    total = len(all_sentences)
    idf = {
        term: math.log((1 + total) / (1 + count)) + 1.0
        for term, count in document_frequency.items()
    }
    vectors = [
        {term: count * idf[term] for term, count in Counter(terms).items()} for terms in term_lists
    ]
    centroid: Counter[str] = Counter()
    for vector in vectors:
        centroid.update(vector)

    # Rank of each candidate among candidates, so skipped furniture does not push
    # the real lead sentence down the position prior.
    relevance: dict[int, float] = {}
    for rank, sentence in enumerate(candidates):
        vector = vectors[sentence.index]
        rest = {term: weight - vector.get(term, 0.0) for term, weight in centroid.items()}
        centrality = _cosine(vector, rest) if vector else 0.0
        relevance[sentence.index] = (
            weights.position / (1.0 + rank) ** weights.position_decay
            + weights.centrality * centrality
        )

    picked: list[Sentence] = []
    used_words = 0
    remaining = list(candidates)
    while remaining and len(picked) < sentences:
        best: Sentence | None = None
        best_score = -math.inf
        for sentence in remaining:
            overlap = max(
                (_cosine(vectors[sentence.index], vectors[chosen.index]) for chosen in picked),
                default=0.0,
            )
            if overlap >= weights.duplicate:
                continue
            score = relevance[sentence.index] - weights.redundancy * overlap
            if score > best_score:
                best, best_score = sentence, score
        if best is None:
            break
        remaining.remove(best)
        n_words = len(_words(best.text))
        if max_words is not None and picked and used_words + n_words > max_words:
            continue
        picked.append(best)
        used_words += n_words
    return _make_summary(article, picked, "extractive")
