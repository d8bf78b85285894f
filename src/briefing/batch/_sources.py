"""Reading batch inputs one record at a time.

Every reader streams: JSON Lines line by line (a line longer than the size limit is
skipped without being held in memory), CSV through the :mod:`csv` module, Parquet a
batch of rows at a time, a folder one file at a time, a ``datasets`` data set in
streaming mode. Records are numbered from 1 in input order (for JSON Lines, the
number is the line number); the number names a record that has no usable id.
"""

from __future__ import annotations

import csv
import json
import os
import socket
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple
from urllib.parse import urlsplit

from briefing.errors import DataError

__all__ = ["RawRecord", "Source", "open_source"]

_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_FOLDER_SUFFIXES = {".txt": False, ".html": True, ".htm": True}
_DATASETS_SUFFIXES = (".json", ".arrow")
_KNOWN_SUFFIXES = {*_JSONL_SUFFIXES, *_FOLDER_SUFFIXES, *_DATASETS_SUFFIXES, ".csv", ".parquet"}
_PARQUET_BATCH_ROWS = 1024
_READ_STEP = 1 << 16
_HUB_PROBE_SECONDS = 3.0


class RawRecord(NamedTuple):
    """One input record before it is parsed.

    Attributes:
        record: 1-based position in the input (the line number for JSON Lines).
        id: the record's id, or ``None`` when it has none.
        content: the article text or HTML (``bytes`` when undecoded), or ``None``.
        html: whether ``content`` is HTML.
        problem: why the record cannot be processed (set by the reader), or ``None``.
    """

    record: int
    id: str | None
    content: str | bytes | None
    html: bool
    problem: str | None = None


class Source(NamedTuple):
    """An opened input: its records (a one-shot iterator) and, if cheap, how many."""

    records: Iterator[RawRecord]
    total: int | None
    name: str


def open_source(
    spec: str,
    *,
    id_field: str = "id",
    text_field: str = "text",
    html_field: str = "html",
    max_bytes: int = 5_000_000,
    count: bool = False,
) -> Source:
    """Open a batch input for streaming.

    Args:
        spec: a ``.jsonl``/``.ndjson``, ``.csv`` or ``.parquet`` file, a folder of
            ``.txt``/``.html`` files, a folder written by ``Dataset.save_to_disk``, a
            ``.json``/``.arrow`` file read through ``datasets``, or a Hugging Face hub
            data set name (``name`` or ``name:split``, ``hf://`` prefix optional).
        id_field, text_field, html_field: the record fields to read.
        max_bytes: longer records are reported (``problem``) without being decoded.
        count: count the records up front when that is cheap (for a progress bar).

    Returns:
        A :class:`Source`.

    Raises:
        DataError: the input does not exist, has an unknown type, lacks the text
            column, or is a hub name while the hub cannot be reached.
    """
    fields = _Fields(id_field, text_field, html_field, max_bytes)
    path = Path(spec)
    if spec.startswith("hf://"):
        return _hub_source(spec.removeprefix("hf://"), fields)
    if not path.exists():
        if path.suffix.lower() in _KNOWN_SUFFIXES or path.is_absolute() or spec.startswith("."):
            raise DataError(f"{spec}: no such file or folder")
        return _hub_source(spec, fields)
    if path.is_dir():
        if (path / "dataset_info.json").exists() or (path / "state.json").exists():
            return _datasets_source(spec, fields, from_disk=True)
        return _folder_source(path, fields)
    suffix = path.suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        total = _count_lines(path) if count else None
        return Source(_jsonl_records(path, fields), total, str(path))
    if suffix == ".csv":
        return Source(_csv_records(path, fields), None, str(path))
    if suffix == ".parquet":
        return _parquet_source(path, fields)
    if suffix in _DATASETS_SUFFIXES:
        return _datasets_source(spec, fields, from_disk=False)
    raise DataError(
        f"{spec}: unknown input type {suffix or '(no suffix)'!r}; expected .jsonl, .csv, "
        ".parquet, .json, .arrow, a folder of .txt/.html files or a hub data set name"
    )


class _Fields(NamedTuple):
    id: str
    text: str
    html: str
    max_bytes: int


def _record_from_mapping(number: int, row: Mapping[str, Any], fields: _Fields) -> RawRecord:
    """Turn one mapping (JSON object, CSV row, Parquet row) into a record."""
    raw_id = row.get(fields.id)
    record_id: str | None
    if isinstance(raw_id, str):
        record_id = raw_id if raw_id.strip() else None
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        record_id = str(raw_id)
    else:
        record_id = None
    if record_id is None:
        what = "missing" if raw_id is None or raw_id == "" else f"not a string: {raw_id!r:.40}"
        return RawRecord(number, None, None, False, f"id field {fields.id!r} is {what}")
    content = row.get(fields.text)
    html = False
    if content is None:
        content = row.get(fields.html)
        html = True
    if content is None:
        return RawRecord(
            number, record_id, None, False, f"no {fields.text!r} or {fields.html!r} field"
        )
    if not isinstance(content, str | bytes):
        return RawRecord(
            number, record_id, None, html, f"article field is not text: {type(content).__name__}"
        )
    return RawRecord(number, record_id, content, html)


def _count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return lines


def _jsonl_records(path: Path, fields: _Fields) -> Iterator[RawRecord]:
    # A JSON string can be up to 6 bytes per character of text (\uXXXX escapes);
    # allow that plus room for the other fields before calling a line too long.
    line_limit = fields.max_bytes * 6 + 65536
    try:
        handle = path.open("rb")
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror}") from error
    with handle:
        number = 0
        while True:
            line, complete = _read_line(handle, line_limit)
            if not line:
                return
            number += 1
            if not complete:
                # Skip the rest of the line without holding it.
                while (rest := handle.readline(_READ_STEP)) and not rest.endswith(b"\n"):
                    pass
                yield RawRecord(number, None, None, False, "line is over the size limit")
                continue
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]  # a UTF-8 byte order mark, as some Windows tools write
            if not line.strip():
                continue
            yield _jsonl_record(number, line, fields)


def _read_line(handle: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Read one line of at most ``limit`` bytes; return it and whether it is whole."""
    # readline(size) allocates ``size`` bytes up front, so read in modest steps.
    line = handle.readline(_READ_STEP)
    if line.endswith(b"\n") or len(line) < _READ_STEP:
        return line, True
    parts = [line]
    size = len(line)
    while size < limit:
        more = handle.readline(_READ_STEP)
        parts.append(more)
        size += len(more)
        if more.endswith(b"\n") or len(more) < _READ_STEP:
            return b"".join(parts), True
    return b"".join(parts), False


def _jsonl_record(number: int, line: bytes, fields: _Fields) -> RawRecord:
    try:
        row = json.loads(line)
    except UnicodeDecodeError:
        # Bad bytes inside the line: read what we can so the error names the id.
        try:
            row = json.loads(line.decode("utf-8", "replace"))
        except ValueError:
            return RawRecord(number, None, None, False, "line is not valid JSON")
        if not isinstance(row, dict):
            return RawRecord(number, None, None, False, "line is not a JSON object")
        record = _record_from_mapping(number, row, fields)
        return record._replace(content=None, problem=record.problem or "text is not valid UTF-8")
    except ValueError as error:
        return RawRecord(number, None, None, False, f"line is not valid JSON: {error}")
    if not isinstance(row, dict):
        return RawRecord(number, None, None, False, "line is not a JSON object")
    return _record_from_mapping(number, row, fields)


def _csv_records(path: Path, fields: _Fields) -> Iterator[RawRecord]:
    # The default field limit (128 KiB) is below the article size limit.
    csv.field_size_limit(min(sys.maxsize, fields.max_bytes * 4 + 65536))
    try:
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror}") from error
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        if fields.text not in header and fields.html not in header:
            raise DataError(
                f"{path}: no {fields.text!r} or {fields.html!r} column "
                f"(columns: {', '.join(header) or 'none'}); pass --text-field"
            )
        number = 0
        try:
            for row in reader:
                number += 1
                record = _record_from_mapping(number, row, fields)
                if isinstance(record.content, str) and _has_bad_bytes(record.content):
                    record = record._replace(content=None, problem="text is not valid UTF-8")
                elif record.id is not None and _has_bad_bytes(record.id):
                    record = record._replace(id=None, content=None, problem="id is not valid UTF-8")
                yield record
        except csv.Error as error:
            raise DataError(f"{path}: CSV error after record {number}: {error}") from error


def _has_bad_bytes(text: str) -> bool:
    # surrogateescape maps undecodable bytes to U+DC80..U+DCFF.
    return any("\udc80" <= char <= "\udcff" for char in text) if not text.isascii() else False


def _parquet_source(path: Path, fields: _Fields) -> Source:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several unrelated types
        raise DataError(f"{path}: not a readable Parquet file: {error}") from error
    names = parquet.schema_arrow.names
    if fields.text not in names and fields.html not in names:
        raise DataError(
            f"{path}: no {fields.text!r} or {fields.html!r} column "
            f"(columns: {', '.join(names)}); pass --text-field"
        )
    columns = [name for name in (fields.id, fields.text, fields.html) if name in names]
    return Source(_parquet_records(parquet, columns, fields), parquet.metadata.num_rows, str(path))


def _parquet_records(parquet: Any, columns: list[str], fields: _Fields) -> Iterator[RawRecord]:
    number = 0
    for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=columns):
        for row in batch.to_pylist():
            number += 1
            yield _record_from_mapping(number, row, fields)


def _folder_source(path: Path, fields: _Fields) -> Source:
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(path)
            if entry.is_file() and Path(entry.name).suffix.lower() in _FOLDER_SUFFIXES
        )
    except OSError as error:
        raise DataError(f"{path}: cannot list the folder: {error.strerror}") from error
    if not names:
        raise DataError(f"{path}: the folder has no .txt or .html files")
    return Source(_folder_records(path, names, fields), len(names), str(path))


def _folder_records(path: Path, names: list[str], fields: _Fields) -> Iterator[RawRecord]:
    for number, name in enumerate(names, start=1):
        html = _FOLDER_SUFFIXES[Path(name).suffix.lower()]
        file = path / name
        try:
            if file.stat().st_size > fields.max_bytes:
                yield RawRecord(number, name, None, html, "file is over the size limit")
                continue
            content = file.read_bytes()
        except OSError as error:
            yield RawRecord(number, name, None, html, f"cannot read: {error.strerror}")
            continue
        yield RawRecord(number, name, content, html)


def _datasets_source(spec: str, fields: _Fields, *, from_disk: bool) -> Source:
    try:
        import datasets
    except ImportError as error:  # pragma: no cover - datasets is a dependency
        raise DataError(f"{spec}: reading it needs the 'datasets' package") from error
    try:
        if from_disk:
            loaded = datasets.load_from_disk(spec)
            if isinstance(loaded, datasets.DatasetDict):
                loaded = loaded[next(iter(loaded))]
            total = len(loaded)
            rows = loaded.to_iterable_dataset()
        else:
            builder = "arrow" if spec.lower().endswith(".arrow") else "json"
            rows = datasets.load_dataset(builder, data_files=spec, split="train", streaming=True)
            total = None
    except Exception as error:  # datasets raises many unrelated types
        raise DataError(f"{spec}: cannot load it with datasets: {error}") from error
    return Source(_mapping_records(rows, fields), total, spec)


def _hub_source(name: str, fields: _Fields) -> Source:
    dataset, _, split = name.partition(":")
    if (
        not dataset
        or any(part in ("", ".", "..") for part in dataset.split("/"))
        or (dataset.count("/") > 1)
    ):
        raise DataError(f"{name}: no such file or folder")
    if not _hub_offline():
        _probe_hub(name)
    try:
        import datasets

        rows = datasets.load_dataset(dataset, split=split or "train", streaming=True)
    except Exception as error:  # datasets raises many unrelated types
        raise DataError(
            f"{name}: no such file or folder, and not loadable from the hub: {error}"
        ) from error
    return Source(_mapping_records(rows, fields), None, name)


def _hub_offline() -> bool:
    return any(
        os.environ.get(variable, "").lower() in ("1", "true", "yes", "on")
        for variable in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")
    )


def _probe_hub(name: str) -> None:
    """Fail in seconds, not after a minute of retries, when the hub is unreachable."""
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    parts = urlsplit(endpoint)
    host = parts.hostname or "huggingface.co"
    port = parts.port or (80 if parts.scheme == "http" else 443)
    try:
        with socket.create_connection((host, port), timeout=_HUB_PROBE_SECONDS):
            pass
    except OSError as error:
        raise DataError(
            f"{name}: no such file or folder, and the Hugging Face hub ({host}) cannot be "
            f"reached ({error.strerror or error}); pass a local file, or set HF_HUB_OFFLINE=1 "
            "to use a cached copy"
        ) from None


def _mapping_records(rows: Any, fields: _Fields) -> Iterator[RawRecord]:
    for number, row in enumerate(rows, start=1):
        yield _record_from_mapping(number, row, fields)
