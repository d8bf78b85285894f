"""Reading evaluation data: local files, named research formats, hub datasets.

Every loader returns an :class:`EvalData`: the usable records plus one-line
problems for the records that could not be used (``data.jsonl record 7 (id=abc):
missing field 'text'``), so one bad record never stops a run.

Formats (``format=``):

* ``auto`` — ``summeval`` or ``realsumm`` when the first record looks like one, a
  folder is ``polnear``, anything else ``table``.
* ``table`` — any JSON, JSON Lines, CSV or Parquet file read with ``datasets``; the
  text and reference fields are named by the caller or guessed from common names
  (``text``/``article``/``document``, ``reference``/``references``/``summary``/
  ``highlights``). The shipped stories (``eval/stories/*.jsonl``) are read this way,
  with their gold ``claims``.
* ``summeval`` — SummEval as converted in ``shared/data/summeval-cnndm``: 11
  references, 16 systems' outputs with expert scores.
* ``realsumm`` — REALSumm: one reference, 24 systems with LitePyramid recall.
* ``polnear`` — a PolNeAR folder (``dev/text``, ``dev/attributions``): texts and gold
  claims, no references.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import socket
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefing.errors import ConfigError, DataError

__all__ = [
    "FORMATS",
    "EvalData",
    "EvalRecord",
    "detokenize",
    "load_data",
    "load_hub",
]

FORMATS = ("auto", "table", "summeval", "realsumm", "polnear")
TEXT_FIELDS = ("text", "article", "document", "src", "body", "story")
REFERENCE_FIELDS = ("references", "reference", "summary", "highlights", "ref_summs", "ref_summ")
ID_FIELDS = ("id", "doc_id", "article_id", "guid")
#: Seconds to wait for the hub to answer a connection before giving up.
HUB_PROBE_TIMEOUT = 3.0
# Well-known hub datasets and their fields, so users need not look them up.
_HUB_FIELDS = {
    "cnn_dailymail": ("article", "highlights"),
    "abisee/cnn_dailymail": ("article", "highlights"),
    "xsum": ("document", "summary"),
    "EdinburghNLP/xsum": ("document", "summary"),
}


@dataclass(frozen=True, slots=True)
class EvalRecord:
    """One article to evaluate on.

    Attributes:
        id: the record's id (or its 1-based number in the file).
        text: the article as stored; tokenized for the CNN/DM research sets.
        references: reference summaries (may be empty, e.g. PolNeAR).
        claims: gold claims (dicts in the :class:`~briefing.Claim` shape), or
            ``None`` when the data has none.
        outputs: other systems' summaries of this article, by system name.
        human: human scores of those summaries, by system, then by measure.
    """

    id: str
    text: str
    references: tuple[str, ...] = ()
    claims: tuple[Mapping[str, Any], ...] | None = None
    outputs: Mapping[str, str] = field(default_factory=dict)
    human: Mapping[str, Mapping[str, float]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EvalData:
    """Records read from one source, with what went wrong on the way.

    Attributes:
        name: what to call the data in reports (file name or hub id).
        source: the path or hub spec it came from.
        format: the format it was read as.
        records: the usable records, in file order.
        problems: one line per record that was skipped.
        sha256: hash of the file bytes (of every file, for a folder); ``None`` for hub data.
        tokenized: the text is research-tokenized ("team 's draw"); summarizers get
            :func:`detokenize`\\ d text, scores compare word tokens so both agree.
    """

    name: str
    source: str
    format: str
    records: tuple[EvalRecord, ...]
    problems: tuple[str, ...] = ()
    sha256: str | None = None
    tokenized: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "source": self.source,
            "format": self.format,
            "records": len(self.records),
            "problems": list(self.problems),
            "sha256": self.sha256,
            "tokenized": self.tokenized,
        }


_DETOKENIZE = [
    (re.compile(r" (['’](?:s|m|d|ll|re|ve)|n['’]t)\b", re.IGNORECASE), r"\1"),
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r"\s+([.,;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$£€])\s+"), r"\1"),
    (re.compile(r"(\d) ([.,]) (\d)"), r"\1\2\3"),
    (re.compile(r" - "), "-"),
]


def detokenize(text: str) -> str:
    """Undo research tokenization lightly: ``"team 's draw ."`` -> ``"team's draw."``.

    Meant for display and for feeding summarizers natural text; scores compare word
    tokens, which are the same before and after.
    """
    for pattern, replacement in _DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _first_json_record(path: Path) -> Mapping[str, Any] | None:
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    value = json.loads(line)
                    return value if isinstance(value, dict) else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return None


def _guess_format(path: Path) -> str:
    if path.is_dir():
        return "polnear"
    if path.suffix.lower() in (".jsonl", ".json"):
        first = _first_json_record(path)
        if first is not None and "sys_summs" in first and "src" in first:
            return "summeval" if "ref_summs" in first else "realsumm"
    return "table"


def _label(name: str, number: int, record: Mapping[str, Any] | None) -> str:
    rid = None
    if record is not None:
        rid = next((record[f] for f in ID_FIELDS if record.get(f) not in (None, "")), None)
    return f"{name} record {number}" + (f" (id={rid})" if rid is not None else "")


def _as_references(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value if isinstance(v, str) and v.strip())
    return (str(value),)


def _pick(fields: Sequence[str], available: Sequence[str]) -> str | None:
    return next((f for f in fields if f in available), None)


def _json_rows(path: Path) -> Iterator[tuple[int, Mapping[str, Any] | None, str | None]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    if path.suffix.lower() == ".json":
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None  # JSON Lines saved as .json (the XSum sample is one)
        if isinstance(whole, dict):
            # {"data": [...]} style: the first list of records in the document.
            whole = next((v for v in whole.values() if isinstance(v, list)), [whole])
        if isinstance(whole, list):
            for number, row in enumerate(whole, start=1):
                if isinstance(row, dict):
                    yield number, row, None
                else:
                    yield number, None, f"expected a JSON object, got {type(row).__name__}"
            return
    # JSON Lines is read line by line so one broken line costs one record.
    number = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        number += 1
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"not valid JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(row, dict):
            yield number, None, f"expected a JSON object, got {type(row).__name__}"
            continue
        yield number, row, None


def _table_rows(path: Path) -> Iterator[tuple[int, Mapping[str, Any] | None, str | None]]:
    """(number, row, error) for each row; ``error`` set when the row itself is unreadable.

    JSON is parsed here, so that a broken line is reported and skipped; CSV and
    Parquet are read with ``datasets``.
    """
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json"):
        yield from _json_rows(path)
        return
    builder = {".csv": "csv", ".tsv": "csv", ".parquet": "parquet"}.get(suffix)
    if builder is None:
        raise DataError(
            f"{path}: unknown file type {suffix or '(none)'}; use .jsonl, .json, .csv or .parquet"
        )
    import datasets

    kwargs: dict[str, Any] = {"delimiter": "\t"} if suffix == ".tsv" else {}
    try:
        table = datasets.load_dataset(
            builder, data_files=str(path), split="train", keep_in_memory=True, **kwargs
        )
    except Exception as exc:  # datasets raises many unrelated types for bad files
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(f"{path}: cannot be read as {builder} ({first})") from exc
    for number, row in enumerate(table, start=1):
        yield number, row, None


def _read_table(
    path: Path,
    name: str,
    text_field: str | None,
    reference_field: str | None,
    claims_field: str,
) -> tuple[list[EvalRecord], list[str]]:
    records: list[EvalRecord] = []
    problems: list[str] = []
    seen_ids: set[str] = set()
    fields: tuple[str, str | None] | None = None
    for number, row, error in _table_rows(path):
        label = _label(name, number, row)
        if row is None:
            problems.append(f"{label}: {error}")
            continue
        if fields is None:
            # Fields are guessed once, from the first record, so that every record
            # is read the same way and a record lacking the field is reported.
            keys = list(row)
            fields = (
                text_field or _pick(TEXT_FIELDS, keys) or "text",
                reference_field or _pick(REFERENCE_FIELDS, keys),
            )
        tf, rf = fields
        text = row.get(tf)
        if tf not in row:
            problems.append(f"{label}: missing field '{tf}'")
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{label}: empty text in field '{tf}'")
            continue
        if reference_field is not None and reference_field not in row:
            problems.append(f"{label}: missing field '{reference_field}'")
            continue
        references = _as_references(row.get(rf)) if rf else ()
        raw_claims = row.get(claims_field)
        claims: tuple[Mapping[str, Any], ...] | None = None
        if raw_claims is not None:
            if not isinstance(raw_claims, list) or not all(
                isinstance(c, dict) and isinstance(c.get("content"), str) for c in raw_claims
            ):
                problems.append(
                    f"{label}: field '{claims_field}' must be a list of claims with 'content'"
                )
                continue
            claims = tuple(raw_claims)
        rid = next((str(row[f]) for f in ID_FIELDS if row.get(f) not in (None, "")), str(number))
        if rid in seen_ids:
            rid = f"{rid}#{number}"
        seen_ids.add(rid)
        records.append(EvalRecord(id=rid, text=text, references=references, claims=claims))
    return records, problems


def _read_research_jsonl(path: Path, name: str, kind: str) -> tuple[list[EvalRecord], list[str]]:
    records: list[EvalRecord] = []
    problems: list[str] = []
    for number, row, error in _table_rows(path):
        label = _label(name, number, row)
        if row is None:
            problems.append(f"{label}: {error}")
            continue
        missing = [f for f in ("src", "sys_summs") if f not in row]
        if missing:
            problems.append(f"{label}: missing field '{missing[0]}'")
            continue
        text = row["src"]
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{label}: empty text in field 'src'")
            continue
        refs = _as_references(row.get("ref_summs") if kind == "summeval" else row.get("ref_summ"))
        outputs: dict[str, str] = {}
        human: dict[str, dict[str, float]] = {}
        systems = row["sys_summs"] if isinstance(row["sys_summs"], dict) else {}
        for system, entry in systems.items():
            if isinstance(entry, dict) and isinstance(entry.get("sys_summ"), str):
                outputs[str(system)] = entry["sys_summ"]
                scores = entry.get("scores") or {}
                human[str(system)] = {
                    str(k): float(v) for k, v in scores.items() if isinstance(v, (int, float))
                }
        rid = str(row.get("doc_id", number))
        records.append(EvalRecord(id=rid, text=text, references=refs, outputs=outputs, human=human))
    return records, problems


def _read_polnear(path: Path) -> tuple[list[EvalRecord], list[str]]:
    try:
        module = importlib.import_module("briefing.evaluation.polnear")
    except ImportError as exc:
        raise DataError(
            f"{path}: the PolNeAR reader (briefing.evaluation.polnear) is not installed"
        ) from exc
    articles = module.load_polnear(path)
    records: list[EvalRecord] = []
    for number, item in enumerate(articles, start=1):
        rid = str(getattr(item, "id", None) or getattr(item, "name", None) or number)
        claims = tuple(c.to_dict() if hasattr(c, "to_dict") else dict(c) for c in item.claims)
        records.append(EvalRecord(id=rid, text=item.text, claims=claims))
    return records, []


def load_data(
    path: str | os.PathLike[str],
    *,
    format: str = "auto",
    text_field: str | None = None,
    reference_field: str | None = None,
    claims_field: str = "claims",
) -> EvalData:
    """Read an evaluation data set from a local file or folder.

    Args:
        path: a ``.jsonl``, ``.json``, ``.csv``, ``.tsv`` or ``.parquet`` file, or a
            PolNeAR folder.
        format: one of :data:`FORMATS`.
        text_field: field holding the article (guessed when ``None``).
        reference_field: field holding the reference summary or a list of them
            (guessed when ``None``; when named, records without it are skipped).
        claims_field: field holding gold claims, if any.

    Returns:
        :class:`EvalData` with the usable records and a problem line per skipped one.

    Raises:
        DataError: the file is missing, unreadable, of an unknown type, or has no
            usable record.
        ConfigError: ``format`` is not one of :data:`FORMATS`.
    """
    source = Path(path)
    if format not in FORMATS:
        raise ConfigError(f"unknown data format {format!r}; choose from {', '.join(FORMATS)}")
    if not source.exists():
        raise DataError(f"{source}: no such file or folder")
    try:
        chosen = _guess_format(source) if format == "auto" else format
        name = source.name
        if chosen == "polnear":
            records, problems = _read_polnear(source)
        elif source.is_dir():
            raise DataError(f"{source}: is a folder; only the polnear format reads folders")
        elif chosen in ("summeval", "realsumm"):
            records, problems = _read_research_jsonl(source, name, chosen)
        else:
            records, problems = _read_table(source, name, text_field, reference_field, claims_field)
        digest = _sha256(source)
    except PermissionError as exc:
        raise DataError(f"{source}: cannot be read ({exc.strerror})") from exc
    except OSError as exc:
        raise DataError(f"{source}: cannot be read ({exc.strerror or exc})") from exc
    if not records:
        detail = f"; first problem: {problems[0]}" if problems else ""
        raise DataError(f"{source}: no usable record{detail}")
    return EvalData(
        name=name,
        source=str(source),
        format=chosen,
        records=tuple(records),
        problems=tuple(problems),
        sha256=digest,
        tokenized=chosen in ("summeval", "realsumm"),
    )


def _offline() -> bool:
    return any(
        os.environ.get(var, "").strip().lower() in ("1", "true", "yes", "on")
        for var in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")
    )


def _probe_hub(timeout: float) -> None:
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    parts = urlsplit(endpoint)
    host = parts.hostname or endpoint
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return
    except OSError as exc:
        raise DataError(
            f"cannot reach the Hugging Face hub at {endpoint} ({exc.strerror or exc}); "
            "download the data set where there is network and pass it with --data FILE, "
            "or set HF_DATASETS_OFFLINE=1 to use a cached copy"
        ) from exc


def load_hub(
    name: str,
    *,
    config: str | None = None,
    split: str = "test",
    text_field: str | None = None,
    reference_field: str | None = None,
    probe_timeout: float = HUB_PROBE_TIMEOUT,
) -> EvalData:
    """Read a data set from the Hugging Face hub (or its local cache when offline).

    The hub is probed with one short connection first, so without network this
    fails in seconds instead of retrying for a minute. ``HF_HUB_OFFLINE=1`` or
    ``HF_DATASETS_OFFLINE=1`` skip the probe and read the local cache only.

    Args:
        name: hub id, e.g. ``cnn_dailymail`` or ``xsum``.
        config: configuration, e.g. ``3.0.0`` for cnn_dailymail.
        split: split with optional slice, e.g. ``test[:500]``.
        text_field, reference_field: fields to read; known data sets need neither.
        probe_timeout: seconds to wait for the hub to accept a connection.

    Returns:
        :class:`EvalData` (``sha256`` is ``None``; the split's fingerprint is in ``source``).

    Raises:
        DataError: the hub cannot be reached, the data set is not cached while
            offline, or it lacks the named fields.
    """
    known = _HUB_FIELDS.get(name, (None, None))
    tf = text_field or known[0]
    rf = reference_field or known[1]
    if not _offline():
        _probe_hub(probe_timeout)
    import datasets

    try:
        table = datasets.load_dataset(name, config, split=split)
    except Exception as exc:  # datasets raises many types (ConnectionError, FileNotFoundError, ...)
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        where = "in the local cache (offline mode)" if _offline() else "on the hub"
        raise DataError(
            f"hub data set {name!r} ({config}, {split}) is not available {where}: {first}"
        ) from exc
    label = f"{name}/{config}/{split}" if config else f"{name}/{split}"
    columns = list(table.column_names)
    tf = tf or _pick(TEXT_FIELDS, columns)
    rf = rf or _pick(REFERENCE_FIELDS, columns)
    if tf is None or tf not in columns:
        raise DataError(
            f"hub data set {label}: no text field (columns: {', '.join(columns)}); "
            "pass --text-field"
        )
    records: list[EvalRecord] = []
    problems: list[str] = []
    for number, row in enumerate(table, start=1):
        text = row.get(tf)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{_label(label, number, row)}: empty text in field '{tf}'")
            continue
        rid = next((str(row[f]) for f in ID_FIELDS if row.get(f) not in (None, "")), str(number))
        records.append(
            EvalRecord(id=rid, text=text, references=_as_references(row.get(rf)) if rf else ())
        )
    if not records:
        raise DataError(f"hub data set {label}: no usable record")
    fingerprint = getattr(table, "_fingerprint", None)
    return EvalData(
        name=label,
        source=f"hub:{label}" + (f"@{fingerprint}" if fingerprint else ""),
        format="hub",
        records=tuple(records),
        problems=tuple(problems),
        sha256=None,
    )
