"""Running a batch job: the bookkeeping shared by both engines.

The main process reads the input, decides for each record whether it is already
done (skipped), unusable (an error row at once) or to be processed, hands the
records to process to an engine in chunks, and appends what comes back. Only the
main process writes files, so exactly-once rests on one writer and on
:mod:`briefing.batch._output`.

Which record counts as done:

* a record whose id is in the output, or in the errors file, is skipped;
* a record without a usable id is named by its record number (line number for JSON
  Lines) in the errors file;
* a second record with an id already seen in the input is a ``duplicate`` error
  (named by its record number); the first one is processed.

So after a complete run, every input record is in exactly one of the two files.
Rerunning with the same input is a no-op; to retry failed records, delete their
lines from the errors file and rerun.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol, TextIO

from briefing.batch._options import BatchOptions, BatchReport
from briefing.batch._output import ResultLog, compact_parquet, read_parquet_ids
from briefing.batch._processor import (
    WORKER_SUMMARIZERS,
    ChunkResult,
    Processor,
    Summarizer,
    error_row,
    summarize_pending,
)
from briefing.batch._sources import RawRecord, open_source
from briefing.errors import ConfigError


class _Bar(Protocol):
    def update(self, n: int) -> object: ...


__all__ = ["Job", "errors_path_for", "run_batch"]

_JSONL_OUTPUT = (".jsonl", ".ndjson")


def errors_path_for(output: str | Path) -> Path:
    """The errors file of ``output``: ``OUTPUT.errors.jsonl``."""
    output = Path(output)
    return output.with_name(output.name + ".errors.jsonl")


def run_batch(
    input: str | Path,
    output: str | Path,
    options: BatchOptions | None = None,
    *,
    processor: Processor | None = None,
    progress_file: TextIO | None = None,
) -> BatchReport:
    """Summarize and mine every record of ``input`` into ``output``, resumably.

    Args:
        input: a ``.jsonl``, ``.csv`` or ``.parquet`` file, a folder of ``.txt`` and
            ``.html`` files, a ``datasets`` file or folder, or a hub data set name.
        output: a ``.jsonl`` or ``.parquet`` file; rows: ``id``, ``title``,
            ``summary``, ``claims``, ``model``. Bad records go to
            ``OUTPUT.errors.jsonl`` with ``id``, ``record``, ``stage``, ``reason``.
        options: see :class:`BatchOptions`.
        processor: the parse/claims/summarizer parts (default: briefing's own).
        progress_file: where the progress bar goes (default standard error); the bar
            is shown only when it is a terminal and ``options.progress`` is set.

    Returns:
        A :class:`BatchReport`.

    Raises:
        DataError: the input cannot be read, or the output holds foreign rows.
        ConfigError: the output type is unknown, or the options cannot work.
        ModelError: the summarizer cannot be loaded.

    Example::

        report = run_batch("news.jsonl", "out.jsonl", BatchOptions(claims_only=True))
        print(report.summary_line())
    """
    started = time.perf_counter()
    options = options or BatchOptions()
    processor = processor or Processor()
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in (*_JSONL_OUTPUT, ".parquet"):
        raise ConfigError(f"{output}: the output must end in .jsonl or .parquet")
    if Path(input).exists() and Path(input).resolve() == output.resolve():
        raise ConfigError(f"{output}: the output would overwrite the input")
    progress_file = progress_file or sys.stderr
    show_bar = options.progress and progress_file.isatty()
    source = open_source(
        str(input),
        id_field=options.id_field,
        text_field=options.text_field,
        html_field=options.html_field,
        max_bytes=options.max_bytes,
        count=show_bar,
    )
    parquet = suffix == ".parquet"
    journal = output.with_name(output.name + ".partial.jsonl") if parquet else output
    done_ids: set[str] = set()
    done_records: set[int] = set()
    if parquet and output.exists():
        read_parquet_ids(output, done_ids)
    output_log = ResultLog.open(journal, done_ids)
    try:
        errors_log = ResultLog.open(errors_path_for(output), done_ids, done_records)
    except BaseException:
        output_log.close()
        raise
    job = Job(options, processor, source.records, output_log, errors_log, done_ids, done_records)
    try:
        with _progress_bar(show_bar, source.total, progress_file) as bar:
            job.bar = bar
            if options.engine == "ray":
                from briefing.batch._ray import run_ray

                run_ray(job)
            else:
                from briefing.batch._plain import run_plain

                run_plain(job)
    finally:
        output_log.close()
        errors_log.close()
    if parquet:
        compact_parquet(output, journal)
    return BatchReport(
        done=job.done,
        skipped=job.skipped,
        failed=job.failed,
        failed_before=errors_log.rows,
        seconds=time.perf_counter() - started,
        output=str(output),
        errors=str(errors_log.path),
    )


class Job:
    """A running batch job: its parts, its files and its counters.

    Engines pull chunks of records to process from :meth:`chunks` and hand back
    results to :meth:`write`.
    """

    def __init__(
        self,
        options: BatchOptions,
        processor: Processor,
        records: Iterator[RawRecord],
        output: ResultLog,
        errors: ResultLog,
        done_ids: set[str],
        done_records: set[int],
    ) -> None:
        self.options = options
        self.processor = processor
        self.done = 0
        self.skipped = 0
        self.failed = 0
        self.bar: _Bar | None = None
        self._records = records
        self._output = output
        self._errors = errors
        self._done_ids = done_ids
        self._done_records = done_records
        self._seen: set[str] = set()
        self._last_sync = time.monotonic()
        self.main_summarizer: Summarizer | None = None

    @property
    def worker_summarizer(self) -> str | None:
        """The model each worker should load, or ``None`` (claims only, or main-side)."""
        if self.options.claims_only or self.options.model not in WORKER_SUMMARIZERS:
            return None
        return self.options.model

    @property
    def summarize_in_main(self) -> bool:
        return not self.options.claims_only and self.options.model not in WORKER_SUMMARIZERS

    def load_main_summarizer(self) -> None:
        """Load the (seq2seq) summarizer that runs in this process, if any.

        Engines call this after starting their workers, so workers never inherit a
        loaded model.
        """
        if self.summarize_in_main:
            self.main_summarizer = self.processor.load_summarizer(
                self.options.model, self.options.device
            )

    def chunks(self) -> Iterator[list[RawRecord]]:
        """Records to process, in chunks of ``options.chunk_size``.

        Skips done records and writes error rows for unusable ones on the way.
        """
        size = self.options.chunk_size
        chunk: list[RawRecord] = []
        for item in self._records:
            if self._admit(item):
                chunk.append(item)
                if len(chunk) >= size:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    def _admit(self, item: RawRecord) -> bool:
        record_id = item.id
        if record_id is None or record_id in self._seen:
            if item.record in self._done_records:
                self._count(skipped=1)
            elif record_id is None:
                self._fail(error_row(None, item.record, "read", item.problem or "no id"))
            else:
                reason = f"duplicate id {record_id!r}: an earlier record has it"
                self._fail(error_row(record_id, item.record, "duplicate", reason))
            return False
        self._seen.add(record_id)
        if record_id in self._done_ids:
            # Each id is looked up once (duplicates stop above), so drop it and
            # keep one set's worth of ids in memory.
            self._done_ids.discard(record_id)
            self._count(skipped=1)
            return False
        if item.problem is not None or item.content is None:
            self._fail(error_row(record_id, item.record, "read", item.problem or "no text"))
            return False
        return True

    def _fail(self, row: bytes) -> None:
        self._errors.append(row)
        self._count(failed=1)

    def write(self, result: ChunkResult) -> None:
        """Append a chunk's rows (summarizing pending ones here first)."""
        output, errors, done, failed = result.output, result.errors, result.done, result.failed
        if result.pending:
            assert self.main_summarizer is not None
            rows, error_rows = summarize_pending(self.main_summarizer, result.pending)
            output += b"".join(rows)
            errors += b"".join(error_rows)
            done += len(rows)
            failed += len(error_rows)
        self._output.append(output)
        self._errors.append(errors)
        self._count(done=done, failed=failed)
        now = time.monotonic()
        if now - self._last_sync >= self.options.checkpoint_seconds:
            self._output.sync()
            self._errors.sync()
            self._last_sync = now

    def _count(self, *, done: int = 0, skipped: int = 0, failed: int = 0) -> None:
        self.done += done
        self.skipped += skipped
        self.failed += failed
        if self.bar is not None:
            self.bar.update(done + skipped + failed)


class _NoBar:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress_bar(show: bool, total: int | None, file: TextIO) -> Any:
    if not show:
        return _NoBar()
    # Through importlib: tqdm ships no type information.
    tqdm = importlib.import_module("tqdm").tqdm
    return tqdm(total=total, unit="rec", file=file, dynamic_ncols=True, smoothing=0.1)
