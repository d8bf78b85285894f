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

import heapq
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
    # The words are ASCII (and ’), so lowering them joined is lowering each one.
    found = _WORD.findall(text)
    return " ".join(found).lower().split(" ") if found else []


def _terms(words: list[str]) -> list[str]:
    # Crude suffix folding so "talks"/"talk" and "killed"/"killing" meet; a real
    # stemmer would need NLTK data briefing does not ship.
    terms = []
    for word in words:
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
    return _furniture(text.strip(), _words(text), min_words, max_words)


def _furniture(stripped: str, words: list[str], min_words: int, max_words: int) -> bool:
    if len(words) < min_words or len(words) > max_words:
        return True
    if stripped.rstrip("'\"’”`) ").endswith("?"):
        return True
    if not _END_PUNCT.search(stripped):
        return True
    if _FURNITURE.search(stripped) or _URL.search(stripped):
        return True
    letters = list(filter(str.isalpha, stripped))
    return bool(letters) and sum(map(str.isupper, letters)) > 0.6 * len(letters)


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


def _centrality(
    vector: dict[str, float], centroid: dict[str, float], centroid_square: float
) -> float:
    """Cosine of ``vector`` to the rest of the article (``centroid`` minus ``vector``).

    Only the sentence's own terms differ between the centroid and the rest, so the
    rest's norm is the centroid's less those terms' share: a sentence costs its own
    length, not the article's vocabulary (which made long articles quadratic).
    """
    dot = sum(weight * (centroid[term] - weight) for term, weight in vector.items())
    if dot == 0.0:
        return 0.0
    norm_vector = math.sqrt(sum(weight * weight for weight in vector.values()))
    rest_square = centroid_square
    for term, weight in vector.items():
        total = centroid[term]
        rest_square += (total - weight) * (total - weight) - total * total
    if rest_square <= 0.0:
        return 0.0
    return dot / (norm_vector * math.sqrt(rest_square))


def _select(
    candidates: Sequence[Sentence],
    vectors: Sequence[dict[str, float]],
    word_lists: Sequence[list[str]],
    relevance: dict[int, float],
    sentences: int,
    max_words: int | None,
    weights: ExtractiveWeights,
) -> list[Sentence]:
    """Greedy maximal marginal relevance over ``candidates``.

    Each round picks the candidate with the best ``relevance - redundancy * overlap``
    (ties to the earlier candidate), where ``overlap`` is its highest cosine to a
    sentence already picked; a candidate at least ``duplicate`` similar to a pick is
    never picked. The same choice as rescoring every candidate against every pick,
    but a score only falls when a pick shares a term with it, so scores live in a
    heap and a pick updates only the candidates that share one of its terms: one
    round costs those neighbours, not every candidate times every pick (which made
    ``--sentences 100000`` cubic).
    """
    overlap = [0.0] * len(candidates)
    version = [0] * len(candidates)
    alive = [True] * len(candidates)
    postings: dict[str, list[int]] = {}
    for position, sentence in enumerate(candidates):
        for term in vectors[sentence.index]:
            postings.setdefault(term, []).append(position)
    heap = [
        (-relevance[sentence.index], position, 0) for position, sentence in enumerate(candidates)
    ]
    heapq.heapify(heap)
    picked: list[Sentence] = []
    used_words = 0
    while heap and len(picked) < sentences:
        _, position, seen_version = heapq.heappop(heap)
        if not alive[position] or seen_version != version[position]:
            continue  # picked, a restatement, or rescored since this entry was pushed
        alive[position] = False
        best = candidates[position]
        n_words = len(word_lists[best.index])
        if max_words is not None and picked and used_words + n_words > max_words:
            continue
        picked.append(best)
        used_words += n_words
        best_vector = vectors[best.index]
        touched: set[int] = set()
        for term in best_vector:
            holders = [other for other in postings[term] if alive[other]]
            postings[term] = holders  # drop the dead once, so later rounds skip them
            for other in holders:
                if other in touched:
                    continue
                touched.add(other)
                similarity = _cosine(vectors[candidates[other].index], best_vector)
                if similarity <= overlap[other]:
                    continue
                overlap[other] = similarity
                if similarity >= weights.duplicate:
                    alive[other] = False
                    continue
                version[other] += 1
                score = relevance[candidates[other].index] - weights.redundancy * similarity
                heapq.heappush(heap, (-score, other, version[other]))
    return picked


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
    # Each sentence's words, read once: the furniture test, the terms and the word
    # budget all need them.
    word_lists = [_words(sentence.text) for sentence in all_sentences]
    candidates = [
        sentence
        for sentence, words in zip(all_sentences, word_lists, strict=True)
        if not _furniture(sentence.text.strip(), words, weights.min_words, weights.max_words)
    ]
    if not candidates:
        return _make_summary(article, all_sentences[:sentences], "extractive")

    # Sentence-level TF-IDF over the whole article (not just candidates) so that
    # centrality reflects the story, including quotes and captions.
    term_lists = [_terms(words) for words in word_lists]
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
    centroid: dict[str, float] = {}
    for vector in vectors:
        for term, weight in vector.items():
            centroid[term] = weight + centroid.get(term, 0.0)

    # Rank of each candidate among candidates, so skipped furniture does not push
    # the real lead sentence down the position prior.
    centroid_square = sum(weight * weight for weight in centroid.values())
    relevance: dict[int, float] = {}
    for rank, sentence in enumerate(candidates):
        vector = vectors[sentence.index]
        centrality = _centrality(vector, centroid, centroid_square) if vector else 0.0
        relevance[sentence.index] = (
            weights.position / (1.0 + rank) ** weights.position_decay
            + weights.centrality * centrality
        )
    picked = _select(candidates, vectors, word_lists, relevance, sentences, max_words, weights)
    return _make_summary(article, picked, "extractive")
