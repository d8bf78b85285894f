"""Append-only result files that survive a kill, and what they already hold.

A batch job writes two JSON Lines files, the output and the errors file, and only
ever appends whole lines to them, a chunk of lines per ``write()`` followed by a
flush, so a line that reached the file is never rewritten. A kill (even SIGKILL)
can leave at most a torn last line; :meth:`ResultLog.open` cuts it off before
anything is appended and reads back which records are done. The files are fsynced
every few seconds and at the end, which only matters if the machine itself fails.

Parquet output is built from a JSON Lines journal (``OUTPUT.partial.jsonl``) with
the same guarantees; when the job finishes, the journal (plus any rows of an earlier
complete ``OUTPUT``) is written to a temporary file that is renamed over ``OUTPUT``,
then the journal is removed. A kill during that step leaves either the old or the
new ``OUTPUT`` and the journal, and the next run simply repeats the step; rows are
deduplicated by id while compacting, so none is written twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from briefing.errors import DataError

__all__ = ["ResultLog", "compact_parquet", "output_schema", "read_parquet_ids"]

_ROW_PREFIX = '{"id":'
_DECODER = json.JSONDecoder()
_SCAN_BLOCK = 1 << 20


class ResultLog:
    """An append-only JSON Lines file of result or error rows.

    Attributes:
        path: the file.
        rows: complete rows it held when opened.
    """

    def __init__(self, path: Path, handle: BinaryIO, rows: int) -> None:
        self.path = path
        self.rows = rows
        self._handle = handle
        self._dirty = False

    @classmethod
    def open(
        cls,
        path: Path,
        done_ids: set[str],
        done_records: set[int] | None = None,
    ) -> ResultLog:
        """Open ``path`` for appending, after reading back the rows it holds.

        A torn last line (no final newline: the writer was killed mid-write) is cut
        off. The id of every row is added to ``done_ids``; for an errors file
        (``done_records`` given), rows without an id or marked as duplicates add
        their record number to ``done_records`` instead.

        Raises:
            DataError: a complete line is not a row this module wrote.
        """
        rows = 0
        try:
            handle = path.open("r+b") if path.exists() else path.open("w+b")
        except OSError as error:
            raise DataError(f"{path}: cannot open for writing: {error.strerror}") from error
        try:
            end = 0
            for offset, line in _complete_lines(handle):
                end = offset
                rows += 1
                if done_records is None:
                    done_ids.add(_row_id(path, rows, line))
                else:
                    _note_error_row(path, rows, line, done_ids, done_records)
            handle.seek(0, os.SEEK_END)
            if handle.tell() != end:
                handle.truncate(end)
                handle.flush()
                os.fsync(handle.fileno())
            handle.seek(end)
        except BaseException:
            handle.close()
            raise
        return cls(path, handle, rows)

    def append(self, data: bytes) -> None:
        """Append whole lines (``data`` ends with a newline) and flush them."""
        if data:
            self._handle.write(data)
            self._handle.flush()
            self._dirty = True

    def sync(self) -> None:
        """fsync what was appended since the last sync."""
        if self._dirty:
            os.fsync(self._handle.fileno())
            self._dirty = False

    def close(self) -> None:
        """Sync and close the file."""
        if not self._handle.closed:
            self.sync()
            self._handle.close()


def _complete_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Yield (offset just past the line, line) for each newline-terminated line."""
    handle.seek(0)
    offset = 0
    pending = b""
    while block := handle.read(_SCAN_BLOCK):
        pending += block
        start = 0
        while (newline := pending.find(b"\n", start)) != -1:
            offset += newline + 1 - start
            yield offset, pending[start:newline]
            start = newline + 1
        pending = pending[start:]


def _row_id(path: Path, number: int, line: bytes) -> str:
    text = line.decode("utf-8", "replace")
    try:
        if text.startswith(_ROW_PREFIX) and text.endswith("}"):
            value, _ = _DECODER.raw_decode(text, len(_ROW_PREFIX))
        else:
            value = json.loads(text).get("id")
    except (ValueError, AttributeError):
        value = None
    if not isinstance(value, str):
        raise DataError(f"{path}: line {number} is not a batch output row; use a new output file")
    return value


def _note_error_row(
    path: Path, number: int, line: bytes, done_ids: set[str], done_records: set[int]
) -> None:
    try:
        row = json.loads(line)
        record_id, record, stage = row["id"], row["record"], row["stage"]
    except (ValueError, KeyError, TypeError):
        raise DataError(
            f"{path}: line {number} is not a batch error row; use a new output file"
        ) from None
    if record_id is None or stage == "duplicate":
        done_records.add(int(record))
    else:
        done_ids.add(str(record_id))


def output_schema() -> Any:
    """The Arrow schema of Parquet output (one row per article)."""
    import pyarrow as pa

    claim = pa.struct(
        [
            ("source", pa.string()),
            ("source_text", pa.string()),
            ("cue", pa.string()),
            ("content", pa.string()),
            ("kind", pa.string()),
            ("sentence", pa.int64()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("resolved", pa.bool_()),
        ]
    )
    return pa.schema(
        [
            ("id", pa.string()),
            ("title", pa.string()),
            ("summary", pa.string()),
            ("claims", pa.list_(claim)),
            ("model", pa.string()),
        ]
    )


def read_parquet_ids(path: Path, done_ids: set[str]) -> int:
    """Add the ids of a Parquet output file to ``done_ids``; return its row count.

    Raises:
        DataError: the file is not a Parquet file with an ``id`` column.
    """
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        rows = 0
        for batch in parquet.iter_batches(batch_size=65536, columns=["id"]):
            done_ids.update(batch.column(0).to_pylist())
            rows += batch.num_rows
    except Exception as error:  # pyarrow raises several unrelated types
        raise DataError(f"{path}: cannot read the existing output: {error}") from error
    return rows


def compact_parquet(output: Path, journal: Path, rows_per_group: int = 8192) -> None:
    """Write an earlier ``output`` plus the ``journal`` rows to ``output``, atomically.

    Rows are streamed (one row group at a time) and deduplicated by id; the journal
    is removed only after the new file has replaced the old one.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = output_schema()
    temporary = output.with_name(output.name + ".tmp")
    seen: set[str] = set()
    with pq.ParquetWriter(temporary, schema) as writer:

        def flush(rows: list[dict[str, Any]]) -> None:
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows.clear()

        if output.exists():
            for batch in pq.ParquetFile(output).iter_batches(batch_size=rows_per_group):
                kept = [row for row in batch.to_pylist() if row["id"] not in seen]
                seen.update(row["id"] for row in kept)
                flush(kept)
        buffer: list[dict[str, Any]] = []
        with journal.open("rb") as handle:
            for _, line in _complete_lines(handle):
                row = json.loads(line)
                if row["id"] in seen:
                    continue
                seen.add(row["id"])
                buffer.append(row)
                if len(buffer) >= rows_per_group:
                    flush(buffer)
        flush(buffer)
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, output)
    _fsync_folder(output.parent)
    journal.unlink()


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
