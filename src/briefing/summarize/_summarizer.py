"""The public entry points: :func:`summarize`, :func:`load_summarizer`, :class:`Summarizer`."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Protocol

from briefing.errors import ConfigError, InputError, ModelError
from briefing.summarize._extractive import extractive_summary, lead_summary
from briefing.summarize._hub import find_checkpoint
from briefing.summarize._options import (
    DEFAULT_ABSTRACTIVE_MODEL,
    DEFAULT_SENTENCES,
    SummarizeOptions,
)
from briefing.types import Article, Summary

__all__ = ["Summarizer", "load_summarizer", "summarize"]

logger = logging.getLogger("briefing.summarize")

_LEAD = re.compile(r"lead-(\d+)")


class _Backend(Protocol):
    name: str

    def summarize_batch(
        self, articles: Sequence[Article], on_progress: Callable[[int], None] | None = None
    ) -> list[Summary]: ...


class _LeadBackend:
    def __init__(self, sentences: int) -> None:
        self.sentences = sentences
        self.name = f"lead-{sentences}"

    def summarize_batch(
        self, articles: Sequence[Article], on_progress: Callable[[int], None] | None = None
    ) -> list[Summary]:
        summaries = [lead_summary(article, self.sentences) for article in articles]
        if on_progress is not None:
            on_progress(len(articles))
        return summaries


class _ExtractiveBackend:
    name = "extractive"

    def __init__(self, sentences: int, max_words: int | None) -> None:
        self.sentences = sentences
        self.max_words = max_words

    def summarize_batch(
        self, articles: Sequence[Article], on_progress: Callable[[int], None] | None = None
    ) -> list[Summary]:
        summaries = [
            extractive_summary(article, self.sentences, max_words=self.max_words)
            for article in articles
        ]
        if on_progress is not None:
            on_progress(len(articles))
        return summaries


def _as_article(item: object) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(item)
    raise InputError(f"summarize: expected an Article or a str, got {type(item).__name__}")


class Summarizer:
    """A loaded summarizer; build one with :func:`load_summarizer` and reuse it.

    Attributes:
        name: what makes the summaries: ``"lead-3"``, ``"extractive"`` or the
            checkpoint id/path.
        options: the options it was loaded with.
        notice: a one-line message for the user when ``model="auto"`` fell back to
            the extractive summarizer (the CLI prints it on stderr), else ``None``.
    """

    def __init__(
        self, backend: _Backend, options: SummarizeOptions, notice: str | None = None
    ) -> None:
        self._backend = backend
        self.options = options
        self.notice = notice

    @property
    def name(self) -> str:
        return self._backend.name

    def __repr__(self) -> str:
        return f"Summarizer(name={self.name!r})"

    def summarize(self, article: Article | str) -> Summary:
        """Summarize one article (a string is wrapped in an :class:`Article`).

        Raises:
            InputError: ``article`` is neither an Article nor a str.
            ModelError: the model failed while generating.
        """
        return self._backend.summarize_batch([_as_article(article)])[0]

    def summarize_many(self, articles: Iterable[Article | str]) -> Iterator[Summary]:
        """Summarize many articles, yielding summaries in input order.

        The input is consumed lazily in windows of ``options.window`` articles; each
        window is length-sorted and batched, so memory stays bounded however many
        articles come in. A progress bar is shown on stderr when ``options.progress``
        is on and stderr is a terminal.

        Args:
            articles: any iterable of :class:`Article` or str (a generator is fine).

        Yields:
            One :class:`Summary` per article, in the order given.

        Raises:
            InputError: an item is neither an Article nor a str.
            ModelError: the model failed while generating.
        """
        from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs installed

        total = len(articles) if isinstance(articles, Sequence) else None
        bar = tqdm(
            total=total,
            unit="article",
            desc=self.name,
            file=sys.stderr,
            disable=not (self.options.progress and sys.stderr.isatty()),
            leave=False,
        )
        iterator = iter(articles)
        try:
            while window := [_as_article(item) for item in islice(iterator, self.options.window)]:
                yield from self._backend.summarize_batch(window, bar.update)
        finally:
            bar.close()


def _auto(options: SummarizeOptions) -> Summarizer:
    """The default abstractive model if it is cached, else the extractive summarizer."""
    reason = None
    try:
        files = find_checkpoint(DEFAULT_ABSTRACTIVE_MODEL)
    except ModelError as exc:
        files, reason = None, str(exc)
    if files is not None and files.pickle and not options.allow_pickle:
        reason = f"{DEFAULT_ABSTRACTIVE_MODEL} is cached with pickle weights only"
    elif files is not None:
        from briefing.summarize._seq2seq import Seq2SeqBackend

        try:
            return Summarizer(Seq2SeqBackend(DEFAULT_ABSTRACTIVE_MODEL, options), options)
        except ModelError as exc:
            reason = str(exc)
    if reason is None:
        reason = f"{DEFAULT_ABSTRACTIVE_MODEL} is not in the local Hugging Face cache"
    notice = (
        f"{reason}; using the offline extractive summarizer "
        f"(run `briefing download {DEFAULT_ABSTRACTIVE_MODEL}` for abstractive summaries)"
    )
    logger.warning(notice)
    return Summarizer(
        _ExtractiveBackend(options.sentences or DEFAULT_SENTENCES, options.max_words),
        options,
        notice=notice,
    )


def load_summarizer(model: str = "auto", options: SummarizeOptions | None = None) -> Summarizer:
    """Load a summarizer once, to summarize many articles with it.

    Args:
        model: ``"auto"`` (the default abstractive model
            ``sshleifer/distilbart-cnn-12-6`` if it is already cached, else
            ``"extractive"``, with a one-line :attr:`Summarizer.notice`),
            ``"extractive"`` (offline, picks informative sentences),
            ``"lead-3"`` / ``"lead-N"`` (first N sentences; ``options.sentences``
            overrides N), or an encoder-decoder checkpoint: a local directory or a
            hub id in the local cache. Nothing is downloaded; use
            ``briefing download MODEL`` for that.
        options: see :class:`SummarizeOptions`.

    Returns:
        A :class:`Summarizer`.

    Raises:
        ModelNotAvailableError: a hub id that is not in the local cache.
        ModelError: the checkpoint cannot be loaded, or has only pickle weights and
            ``options.allow_pickle`` is off.
        ConfigError: the model name is empty, or the device is not available.

    Example:
        >>> summarizer = load_summarizer("lead-3")
        >>> summarizer.summarize("One. Two. Three. Four.").text
        'One. Two. Three.'
    """
    options = options or SummarizeOptions()
    if not isinstance(model, str) or not model.strip():
        raise ConfigError(f"model {model!r}: expected auto, extractive, lead-N or a checkpoint")
    model = model.strip()
    if model == "auto":
        return _auto(options)
    if model == "extractive":
        return Summarizer(
            _ExtractiveBackend(options.sentences or DEFAULT_SENTENCES, options.max_words), options
        )
    lead = _LEAD.fullmatch(model)
    if lead:
        count = options.sentences or int(lead.group(1))
        if count < 1:
            raise ConfigError(f"model {model}: lead-N needs N >= 1")
        return Summarizer(_LeadBackend(count), options)
    from briefing.summarize._seq2seq import Seq2SeqBackend

    return Summarizer(Seq2SeqBackend(model, options), options)


def summarize(
    article: Article | str, *, model: str = "auto", options: SummarizeOptions | None = None
) -> Summary:
    """Summarize one article.

    Loads the model on every call; to summarize many articles, use
    :func:`load_summarizer` and :meth:`Summarizer.summarize_many`.

    Args:
        article: an :class:`Article` or the story text.
        model: see :func:`load_summarizer`.
        options: see :class:`SummarizeOptions`.

    Returns:
        The :class:`Summary`.

    Raises:
        InputError, ModelError, ModelNotAvailableError, ConfigError: see
        :func:`load_summarizer` and :meth:`Summarizer.summarize`.

    Example:
        >>> summarize("First. Second. Third. Fourth.", model="lead-3").text
        'First. Second. Third.'
    """
    return load_summarizer(model, options).summarize(article)
