"""The whole job for one or many articles: a summary and the attributed claims."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator

from briefing.claims import extract_claims
from briefing.summarize import SummarizeOptions, Summarizer, load_summarizer
from briefing.types import Article, Briefing, Claim

__all__ = ["brief", "brief_many"]

ClaimExtractor = Callable[[Article], list[Claim]]


def _as_article(item: Article | str) -> Article:
    return item if isinstance(item, Article) else Article(item)


def brief_many(
    articles: Iterable[Article | str],
    *,
    summarizer: Summarizer,
    claims: ClaimExtractor = extract_claims,
) -> Iterator[Briefing]:
    """Summarise articles and extract their claims, lazily and in input order.

    Args:
        articles: articles (or article texts); consumed as the summarizer asks
            for them, so a long stream is never held in memory.
        summarizer: from :func:`briefing.load_summarizer`; loaded once, reused.
        claims: the claim extractor (a parameter so tests can swap it).
    """
    stream = (_as_article(item) for item in articles)
    # The summarizer reads ahead to build batches; tee keeps the articles it has
    # read until the matching summary comes back.
    for_summaries, for_claims = itertools.tee(stream)
    for article, summary in zip(for_claims, summarizer.summarize_many(for_summaries), strict=True):
        yield Briefing(
            title=article.title,
            summary=summary,
            claims=tuple(claims(article)),
            chars=len(article.text),
            sentences=len(article.sentences),
            origin=article.origin,
        )


def brief(
    article: Article | str,
    *,
    model: str = "auto",
    options: SummarizeOptions | None = None,
) -> Briefing:
    """Summarise one article and extract its claims.

    Args:
        article: an :class:`Article` or the article's text.
        model: ``"auto"``, ``"extractive"``, ``"lead-3"``, or a checkpoint id/path.
        options: summarizer options; defaults suit news.

    Raises:
        ModelError: the model could not be loaded or run.

    Example:
        >>> result = brief("Officials said the bridge would reopen on Monday.", model="lead-3")
        >>> result.claims[0].source
        'Officials'
    """
    summarizer = load_summarizer(model, options)
    return next(brief_many([article], summarizer=summarizer))
