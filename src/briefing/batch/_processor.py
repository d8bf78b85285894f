"""What a batch job does to each record: parse, extract claims, summarize, serialise.

The parts are parameters of :class:`Processor` so tests (and users) can swap them;
by default they are briefing's own reader, claim extractor and summarizers.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, Protocol, cast

import orjson

from briefing.article import ReadOptions, parse_article
from briefing.batch._sources import RawRecord
from briefing.claims import extract_claims
from briefing.errors import BriefingError
from briefing.summarize import SummarizeOptions, load_summarizer
from briefing.summarize._options import Device
from briefing.types import Article, Claim, Summary

__all__ = [
    "WORKER_SUMMARIZERS",
    "ChunkResult",
    "Processor",
    "Summarizer",
    "error_row",
    "process_chunk",
    "summarize_pending",
]

#: Summarizers cheap enough to run inside every worker process; any other model is
#: loaded once, in the main process (or a Ray actor), and fed in batches.
WORKER_SUMMARIZERS = frozenset({"extractive", "lead-3"})


class Summarizer(Protocol):
    """What a batch job needs from a summarizer (``briefing.load_summarizer``)."""

    @property
    def name(self) -> str: ...

    def summarize_many(self, articles: Iterable[Article]) -> Iterator[Summary]: ...


ParseFunction = Callable[[str | bytes, str, bool, int], Article]
ClaimsFunction = Callable[[Article], Sequence[Claim]]
LoadSummarizerFunction = Callable[[str, str | None], Summarizer]


@lru_cache(maxsize=4)
def _read_options(max_bytes: int) -> ReadOptions:
    return ReadOptions(max_bytes=max_bytes)


def parse_with_briefing(content: str | bytes, origin: str, html: bool, max_bytes: int) -> Article:
    """``briefing.parse_article`` with the batch job's size limit."""
    return parse_article(content, origin=origin, html=html, options=_read_options(max_bytes))


def claims_with_briefing(article: Article) -> Sequence[Claim]:
    """``briefing.extract_claims``."""
    return extract_claims(article)


def load_summarizer_with_briefing(model: str, device: str | None) -> Summarizer:
    """``briefing.load_summarizer``, on ``device`` when one is given, without a bar."""
    options = SummarizeOptions(progress=False)
    if device:
        # SummarizeOptions checks the value and names the allowed ones if it is wrong.
        options = dataclasses.replace(options, device=cast(Device, device))
    return load_summarizer(model, options=options)


@dataclass(frozen=True)
class Processor:
    """The swappable parts of a batch job.

    Attributes:
        parse: ``(content, origin, html, max_bytes) -> Article``; raises
            :class:`~briefing.InputError` for empty, undecodable or too large input.
        claims: ``(article) -> claims``.
        load_summarizer: ``(model, device) -> Summarizer``.

    Parts must be picklable (module-level functions) when worker processes are
    started with ``spawn`` or run under Ray.
    """

    parse: ParseFunction = parse_with_briefing
    claims: ClaimsFunction = claims_with_briefing
    load_summarizer: LoadSummarizerFunction = load_summarizer_with_briefing


class Pending(NamedTuple):
    """A record parsed and mined for claims, waiting for a main-process summarizer."""

    record: int
    id: str
    article: Article
    claims: list[dict[str, Any]]


class ChunkResult(NamedTuple):
    """What processing one chunk of records produced.

    Attributes:
        output: output rows (JSON Lines, UTF-8), in input order.
        errors: error rows.
        done, failed: how many rows each holds.
        pending: records still to summarize in the main process (else empty).
    """

    output: bytes
    errors: bytes
    done: int
    failed: int
    pending: list[Pending]


def process_chunk(
    processor: Processor,
    records: Sequence[RawRecord],
    *,
    summarizer: Summarizer | None,
    summarize_later: bool,
    max_bytes: int,
) -> ChunkResult:
    """Parse, mine and (with ``summarizer``) summarize one chunk of records.

    A record that fails at any step becomes an error row; the others go on.

    Args:
        processor: the parts to use.
        records: records that have an id and content.
        summarizer: summarizer to run here, or ``None``.
        summarize_later: leave the summaries to the caller (``pending`` rows).
        max_bytes: the article size limit.
    """
    errors: list[bytes] = []
    parsed: list[Pending] = []
    for item in records:
        assert item.id is not None and item.content is not None
        try:
            article = processor.parse(item.content, item.id, item.html, max_bytes)
        except Exception as error:
            errors.append(error_row(item.id, item.record, "parse", error))
            continue
        try:
            claims = [claim.to_dict() for claim in processor.claims(article)]
        except Exception as error:
            errors.append(error_row(item.id, item.record, "claims", error))
            continue
        parsed.append(Pending(item.record, item.id, article, claims))
    if summarize_later:
        return ChunkResult(b"", b"".join(errors), 0, len(errors), parsed)
    if summarizer is None:
        rows = [_row(item.id, item.article, item.claims, None) for item in parsed]
        return ChunkResult(b"".join(rows), b"".join(errors), len(rows), len(errors), [])
    output, summary_errors = summarize_pending(summarizer, parsed)
    errors.extend(summary_errors)
    return ChunkResult(b"".join(output), b"".join(errors), len(output), len(errors), [])


def summarize_pending(
    summarizer: Summarizer, pending: Sequence[Pending]
) -> tuple[list[bytes], list[bytes]]:
    """Summarize parsed records in one batch; return (output rows, error rows).

    When the batch fails, each record is retried alone so that only the records
    that make the model fail become error rows.
    """
    if not pending:
        return [], []
    try:
        summaries: list[Summary | BaseException] = list(
            summarizer.summarize_many(item.article for item in pending)
        )
        if len(summaries) != len(pending):
            raise BriefingError(
                f"summarizer {summarizer.name} returned {len(summaries)} summaries "
                f"for {len(pending)} articles"
            )
    except Exception:
        summaries = [_summarize_one(summarizer, item.article) for item in pending]
    output: list[bytes] = []
    errors: list[bytes] = []
    for item, summary in zip(pending, summaries, strict=True):
        if isinstance(summary, BaseException):
            errors.append(error_row(item.id, item.record, "summary", summary))
        else:
            output.append(_row(item.id, item.article, item.claims, summary))
    return output, errors


def _summarize_one(summarizer: Summarizer, article: Article) -> Summary | BaseException:
    try:
        return next(iter(summarizer.summarize_many([article])))
    except Exception as error:
        return error


def _row(
    record_id: str, article: Article, claims: list[dict[str, Any]], summary: Summary | None
) -> bytes:
    # "id" first: resuming reads only the id of each row (see _output).
    row = {
        "id": record_id,
        "title": article.title,
        "summary": None if summary is None else summary.text,
        "claims": claims,
        "model": None if summary is None else summary.model,
    }
    return _dump(row)


def error_row(record_id: str | None, record: int, stage: str, reason: object) -> bytes:
    """One line of the errors file.

    Args:
        record_id: the record's id, ``None`` when it has none.
        record: the record's number in the input.
        stage: ``read``, ``duplicate``, ``parse``, ``claims`` or ``summary``.
        reason: an exception or a message.
    """
    if isinstance(reason, BriefingError):
        message = str(reason)
    elif isinstance(reason, BaseException):
        message = f"{type(reason).__name__}: {reason}"
    else:
        message = str(reason)
    message = " ".join(message.split())[:1000]
    return _dump({"id": record_id, "record": record, "stage": stage, "reason": message})


def _dump(row: dict[str, Any]) -> bytes:
    # orjson writes the same bytes as json.dumps(ensure_ascii=False) with compact
    # separators (tests/test_batch.py checks every code point), about 15x faster: for
    # a claims-only job, the standard library's encoder cost 4% of the CPU time.
    try:
        return orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        # Lone surrogates (from \ud800-style escapes in the input) cannot be UTF-8;
        # ASCII escapes keep the row valid JSON.
        return json.dumps(row, separators=(",", ":")).encode("ascii") + b"\n"
