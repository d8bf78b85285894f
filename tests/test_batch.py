"""Tests of briefing.batch: inputs, outputs, errors, exactly-once and resume (in-process).

Kill-and-resume with real processes is in test_batch_resume.py; Ray in test_batch_ray.py.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import briefing
import test_batch_parts
from briefing import BriefingError, ConfigError, DataError
from briefing.batch import BatchOptions, BatchReport, _processor, errors_path_for, run_batch
from briefing.batch._output import ResultLog
from briefing.batch._processor import Processor
from briefing.batch._sources import open_source
from briefing.cli import _batch
from test_batch_parts import PROCESSOR, stories, story, write_jsonl


def cli(argv: list[str], processor: Processor = PROCESSOR) -> int:
    """``briefing batch ARGV`` through the subcommand's own parser, with stand-in parts."""
    parser = argparse.ArgumentParser(prog="briefing")
    _batch.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["batch", *argv])
    assert args.func is _batch.run
    try:
        return _batch._run(args, processor)
    except BriefingError as error:  # what briefing.cli.main does
        print(f"briefing: {error}")
        return 1


def rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def batch(
    source: Path | str, output: Path, processor: Processor = PROCESSOR, **options: Any
) -> BatchReport:
    options.setdefault("workers", 0)
    options.setdefault("claims_only", True)
    return run_batch(source, output, BatchOptions(**options), processor=processor)


# -- output rows --------------------------------------------------------------------


@pytest.mark.parametrize("workers", [0, 2])
def test_claims_only_jsonl_rows_in_input_order(tmp_path: Path, workers: int) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", stories(300))
    report = batch(source, tmp_path / "out.jsonl", workers=workers, chunk_size=7)
    assert (report.done, report.skipped, report.failed) == (300, 0, 0)
    out = rows(tmp_path / "out.jsonl")
    assert [row["id"] for row in out] == [f"s{n}" for n in range(300)]
    first = out[1]
    assert list(first) == ["id", "title", "summary", "claims", "model"]
    assert first["title"] == "Council vote number 1"
    assert first["summary"] is None and first["model"] is None
    assert first["claims"][0]["source"] == "Tom Baker"
    assert first["claims"][0]["content"] == "We will not raise taxes this year"
    assert not errors_path_for(tmp_path / "out.jsonl").read_text()


@pytest.mark.parametrize(("workers", "model"), [(0, "extractive"), (2, "lead-3"), (2, "seq2seq")])
def test_summaries_in_workers_or_main(tmp_path: Path, workers: int, model: str) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", stories(50))
    report = batch(
        source,
        tmp_path / "out.jsonl",
        workers=workers,
        claims_only=False,
        model=model,
        chunk_size=8,
    )
    assert report.done == 50
    out = rows(tmp_path / "out.jsonl")
    assert out[3]["summary"] == "The council met on Tuesday to discuss budget item 3."
    assert out[3]["model"] == f"{model}@default"
    assert out[3]["claims"]


def test_model_failure_only_fails_its_record(tmp_path: Path) -> None:
    records = stories(20)
    records[5]["text"] = story(5) + "\nEXPLODE-SUMMARY"
    records[9]["text"] = story(9) + "\nEXPLODE-CLAIMS"
    source = write_jsonl(tmp_path / "in.jsonl", records)
    report = batch(source, tmp_path / "out.jsonl", claims_only=False, model="seq2seq", chunk_size=8)
    assert (report.done, report.failed) == (18, 2)
    errors = {row["id"]: row for row in rows(errors_path_for(tmp_path / "out.jsonl"))}
    assert errors["s5"]["stage"] == "summary" and "model failed" in errors["s5"]["reason"]
    assert errors["s9"]["stage"] == "claims" and "blew up" in errors["s9"]["reason"]
    assert len(rows(tmp_path / "out.jsonl")) == 18


def test_bad_records_go_to_errors_file(tmp_path: Path) -> None:
    lines: list[dict[str, object] | str] = [
        {"id": "ok1", "text": story(1)},
        {"id": "empty", "text": "   "},
        {"text": story(2)},  # no id
        {"id": "", "text": story(3)},  # empty id
        {"id": ["a"], "text": story(4)},  # id of the wrong type
        "{not json",
        "[1, 2]",
        {"id": "big", "text": "x" * 2000},
        {"id": "notext"},
        {"id": "number", "text": 42},
        {"id": 7, "text": story(7)},  # an integer id is kept, as a string
        {"id": "ok1", "text": story(8)},  # duplicate id
        {"id": "html", "html": "<h1>Headline</h1><p>Body text.</p>"},
    ]
    source = write_jsonl(tmp_path / "in.jsonl", lines)
    with source.open("ab") as handle:
        handle.write(b'{"id": "badbytes", "text": "caf\xe9"}\n\n')
    report = batch(source, tmp_path / "out.jsonl", max_bytes=1000)
    out = rows(tmp_path / "out.jsonl")
    assert [row["id"] for row in out] == ["ok1", "7", "html"]
    assert out[2]["title"] == "Headline"
    errors = rows(errors_path_for(tmp_path / "out.jsonl"))
    by_record = {row["record"]: row for row in errors}
    assert set(by_record) == {2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14}
    assert by_record[2] == {
        "id": "empty",
        "record": 2,
        "stage": "parse",
        "reason": "empty: the article is empty",
    }
    assert by_record[3]["id"] is None and "missing" in by_record[3]["reason"]
    assert by_record[4]["id"] is None
    assert by_record[5]["id"] is None and "not a string" in by_record[5]["reason"]
    assert "not valid JSON" in by_record[6]["reason"]
    assert "not a JSON object" in by_record[7]["reason"]
    assert by_record[8]["id"] == "big" and "size limit" in by_record[8]["reason"]
    assert by_record[9]["id"] == "notext" and "'text' or 'html'" in by_record[9]["reason"]
    assert by_record[10]["id"] == "number" and "not text" in by_record[10]["reason"]
    assert by_record[12]["stage"] == "duplicate" and by_record[12]["id"] == "ok1"
    assert by_record[14]["id"] == "badbytes" and "UTF-8" in by_record[14]["reason"]
    assert (report.done, report.failed) == (3, 11)


def test_over_long_jsonl_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": story(1)},
            {"id": "huge", "text": "y" * 200_000},
            {"id": "b", "text": story(2)},
        ],
    )
    report = batch(source, tmp_path / "out.jsonl", max_bytes=1000)
    assert [row["id"] for row in rows(tmp_path / "out.jsonl")] == ["a", "b"]
    (error,) = rows(errors_path_for(tmp_path / "out.jsonl"))
    assert error["record"] == 2 and "size limit" in error["reason"]
    assert report.failed == 1


# -- resume and exactly-once --------------------------------------------------------


def test_rerun_skips_everything_and_appends_nothing(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [*stories(40), {"id": "s3", "text": "dup"}, "bad"])
    first = batch(source, tmp_path / "out.jsonl", workers=2, chunk_size=4)
    before = (
        (tmp_path / "out.jsonl").read_bytes(),
        errors_path_for(tmp_path / "out.jsonl").read_bytes(),
    )
    second = batch(source, tmp_path / "out.jsonl", workers=2, chunk_size=4)
    after = (
        (tmp_path / "out.jsonl").read_bytes(),
        errors_path_for(tmp_path / "out.jsonl").read_bytes(),
    )
    assert (first.done, first.failed) == (40, 2)
    assert (second.done, second.skipped, second.failed, second.failed_before) == (0, 42, 0, 2)
    assert before == after


def test_resume_after_torn_line_and_partial_run(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [*stories(30), {"id": "s2", "text": "again"}])
    output = tmp_path / "out.jsonl"
    batch(write_jsonl(tmp_path / "part.jsonl", stories(10)), output)
    full = output.read_bytes()
    # A kill in the middle of a write leaves a torn last line.
    output.write_bytes(full + b'{"id":"s10","title":"Coun')
    errors_path_for(output).write_bytes(b'{"id":null,"rec')
    report = batch(source, output)
    assert (report.done, report.skipped, report.failed) == (20, 10, 1)
    out = rows(output)
    assert [row["id"] for row in out] == [f"s{n}" for n in range(30)]
    (duplicate,) = rows(errors_path_for(output))
    assert duplicate["record"] == 31 and duplicate["stage"] == "duplicate"


def test_duplicate_whose_first_occurrence_was_lost_is_not_doubled(tmp_path: Path) -> None:
    # A kill after the duplicate's error row was written but before the first
    # occurrence's output row: the rerun writes the first occurrence only.
    source = write_jsonl(tmp_path / "in.jsonl", [*stories(3), {"id": "s1", "text": "dup"}])
    output = tmp_path / "out.jsonl"
    errors_path_for(output).write_text(
        '{"id":"s1","record":4,"stage":"duplicate","reason":"duplicate id"}\n'
    )
    report = batch(source, output)
    assert (report.done, report.skipped, report.failed) == (3, 1, 0)
    assert len(rows(errors_path_for(output))) == 1


def test_foreign_output_file_is_refused(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", stories(3))
    output = tmp_path / "out.jsonl"
    output.write_text('{"name": "not ours"}\n')
    with pytest.raises(DataError, match="line 1 is not a batch output row"):
        batch(source, output)
    output.write_text("")
    errors_path_for(output).write_text("hello\n")
    with pytest.raises(DataError, match="not a batch error row"):
        batch(source, output)


def test_result_log_truncates_only_the_torn_tail(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(b'{"id":"a"}\n{"id":"b"}\n{"id":"c"')
    done: set[str] = set()
    log = ResultLog.open(path, done)
    log.append(b'{"id":"d"}\n')
    log.close()
    assert done == {"a", "b"} and log.rows == 2
    assert path.read_bytes() == b'{"id":"a"}\n{"id":"b"}\n{"id":"d"}\n'


# -- other inputs -------------------------------------------------------------------


def test_csv_input_with_embedded_newlines_and_bad_bytes(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc", "body"])
        writer.writerow(["a", story(1)])
        writer.writerow(["b", ""])
        writer.writerow(["", story(2)])
    with source.open("ab") as handle:
        handle.write(b'c,"caf\xe9 bad"\r\n')
    report = batch(source, tmp_path / "out.jsonl", id_field="doc", text_field="body")
    assert [row["id"] for row in rows(tmp_path / "out.jsonl")] == ["a"]
    errors = {row["record"]: row for row in rows(errors_path_for(tmp_path / "out.jsonl"))}
    assert errors[2]["id"] == "b" and errors[3]["id"] is None
    assert errors[4]["id"] == "c" and "UTF-8" in errors[4]["reason"]
    assert (report.done, report.failed) == (1, 3)
    with pytest.raises(DataError, match="no 'text' or 'html' column"):
        batch(source, tmp_path / "out2.jsonl")


def test_parquet_input_and_output(tmp_path: Path) -> None:
    records = stories(2500)
    source = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(records), source, row_group_size=700)
    output = tmp_path / "out.parquet"
    report = batch(source, output, workers=2)
    table = pq.read_table(output)
    assert report.done == 2500 and table.num_rows == 2500
    assert table.column_names == ["id", "title", "summary", "claims", "model"]
    assert table.column("id").to_pylist() == [f"s{n}" for n in range(2500)]
    assert table.column("claims")[1].as_py()[0]["source"] == "Tom Baker"
    assert not (tmp_path / "out.parquet.partial.jsonl").exists()
    # More input later: the earlier rows are kept, the new ones added once.
    pq.write_table(pa.Table.from_pylist(stories(2600)), source)
    again = batch(source, output)
    assert (again.done, again.skipped) == (100, 2500)
    ids = pq.read_table(output).column("id").to_pylist()
    assert len(ids) == len(set(ids)) == 2600


def test_parquet_compaction_interrupted_after_rename_does_not_double(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", stories(20))
    output = tmp_path / "out.parquet"
    batch(source, output)
    # As if killed between replacing OUTPUT and removing the journal.
    journal = tmp_path / "out.parquet.partial.jsonl"
    batch(write_jsonl(tmp_path / "p.jsonl", stories(20)), tmp_path / "j.jsonl")
    journal.write_bytes((tmp_path / "j.jsonl").read_bytes())
    report = batch(source, output)
    assert report.skipped == 20
    ids = pq.read_table(output).column("id").to_pylist()
    assert sorted(ids) == sorted(f"s{n}" for n in range(20))


def test_folder_input(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "b.txt").write_text(story(2), encoding="utf-8")
    (folder / "a.html").write_text("<h1>Title A</h1><p>Body of A.</p>", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\xff\xfe\x00bad")
    (folder / "d.txt").write_text("")
    (folder / "notes.md").write_text("ignored")
    report = batch(folder, tmp_path / "out.jsonl")
    out = rows(tmp_path / "out.jsonl")
    assert [row["id"] for row in out] == ["a.html", "b.txt"]
    assert out[0]["title"] == "Title A"
    errors = {row["id"] for row in rows(errors_path_for(tmp_path / "out.jsonl"))}
    assert errors == {"c.txt", "d.txt"}
    assert (report.done, report.failed) == (2, 2)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataError, match=r"no \.txt or \.html files"):
        batch(empty, tmp_path / "out2.jsonl")


def test_datasets_inputs(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    saved = tmp_path / "saved"
    datasets.Dataset.from_list(stories(30)).save_to_disk(str(saved))
    report = batch(saved, tmp_path / "out.jsonl")
    assert report.done == 30
    assert rows(tmp_path / "out.jsonl")[29]["id"] == "s29"
    array = tmp_path / "in.json"
    array.write_text(json.dumps(stories(5)))
    assert batch(array, tmp_path / "out2.jsonl").done == 5


def test_hub_name_without_network_fails_fast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    started = time.monotonic()
    with pytest.raises(
        DataError, match=r"cnn_dailymail:test: no such file or folder.*cannot be reached"
    ):
        batch("cnn_dailymail:test", tmp_path / "out.jsonl")
    assert time.monotonic() - started < 30  # no minute of hub retries
    with pytest.raises(DataError, match="no such file or folder"):
        batch(str(tmp_path / "missing" / "file.jsonl"), tmp_path / "out.jsonl")


def test_jsonl_with_byte_order_mark_and_blank_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(row) for row in stories(2)]
    source.write_bytes(b"\xef\xbb\xbf" + "\n\n".join(lines).encode() + b"\n\n")
    report = batch(source, tmp_path / "out.jsonl")
    assert (report.done, report.failed) == (2, 0)


def test_empty_input_file_gives_empty_output(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("")
    report = batch(source, tmp_path / "out.jsonl")
    assert (report.done, report.skipped, report.failed) == (0, 0, 0)
    assert (tmp_path / "out.jsonl").read_text() == ""


def test_unknown_types_and_bad_options(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", stories(2))
    with pytest.raises(ConfigError, match=r"must end in \.jsonl or \.parquet"):
        batch(source, tmp_path / "out.txt")
    with pytest.raises(ConfigError, match="overwrite the input"):
        batch(source, source)
    (tmp_path / "in.xlsx").write_text("x")
    with pytest.raises(DataError, match="unknown input type"):
        batch(tmp_path / "in.xlsx", tmp_path / "out.jsonl")
    for bad in ({"workers": -1}, {"chunk_size": 0}, {"engine": "spark"}, {"address": "auto"}):
        with pytest.raises(ConfigError):
            BatchOptions(**bad)  # type: ignore[arg-type]


def test_open_source_counts_for_the_progress_bar(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", stories(12))
    assert open_source(str(source), count=True).total == 12
    assert open_source(str(source)).total is None


# -- CLI ----------------------------------------------------------------------------


def test_cli_summary_line_and_fail_on_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [*stories(10), {"id": "x", "text": ""}])
    output = tmp_path / "out.jsonl"
    args = [str(source), "-o", str(output), "--claims-only", "--workers", "0"]
    assert cli(args) == 0
    err = capsys.readouterr().err
    assert err.startswith("briefing: batch: 10 done, 0 skipped as already done, 1 failed, ")
    assert "articles/s" in err and err.count("\n") == 1
    assert cli([*args, "--fail-on-error"]) == 1
    assert "0 done, 11 skipped as already done, 0 failed" in capsys.readouterr().err
    assert cli([*args, "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_cli_reports_unusable_input_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("a,b\n1,2\n")
    assert cli([str(source), "-o", str(tmp_path / "o.jsonl"), "--claims-only"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("briefing: ") and "no 'text' or 'html' column" in out
    assert out.count("\n") == 1


def test_cli_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli(["in.jsonl"])  # no -o
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        cli(["in.jsonl", "-o", "o.jsonl", "--workers", "-2"])
    with pytest.raises(SystemExit):
        cli(["in.jsonl", "-o", "o.jsonl", "--engine", "spark"])


def test_ray_missing_gives_install_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_ray(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "ray" or name.startswith("ray."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    source = write_jsonl(tmp_path / "in.jsonl", stories(2))
    with pytest.raises(ConfigError, match=r"pip install briefing\[ray\]"):
        batch(source, tmp_path / "out.jsonl", engine="ray")


def test_public_names() -> None:
    assert briefing.run_batch is run_batch
    assert briefing.BatchOptions is BatchOptions
    assert os.path.basename(briefing.batch.__file__ or "") == "__init__.py"


def test_claims_are_serialised_like_claim_to_dict(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", stories(3))
    batch(source, tmp_path / "out.jsonl")
    article = test_batch_parts.parse(story(2), "s2", False, 10_000)
    expected = [claim.to_dict() for claim in test_batch_parts.claims(article)]
    assert rows(tmp_path / "out.jsonl")[2]["claims"] == expected


def test_rows_are_the_standard_librarys_json_byte_for_byte() -> None:
    # Rows are written with orjson; they must be what json.dumps(ensure_ascii=False)
    # with compact separators writes, for every character a text can hold.
    characters = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    texts = ["".join(characters[i : i + 64]) for i in range(0, len(characters), 64)]
    for text in texts:
        row = {"id": text, "claims": [{"content": text, "start": -3, "resolved": True}], "x": None}
        expected = json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"
        assert _processor._dump(row) == expected.encode("utf-8")
    # A lone surrogate (a "\ud800" escape in the input) cannot be UTF-8: escaped.
    line = _processor._dump({"id": "a\ud800b"})
    assert line == b'{"id":"a\\ud800b"}\n'
    assert json.loads(line) == {"id": "a\ud800b"}


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    source = write_jsonl(tmp_path / "in.jsonl", stories(20))
    shown = Terminal()
    options = BatchOptions(claims_only=True, workers=0)
    run_batch(source, tmp_path / "a.jsonl", options, processor=PROCESSOR, progress_file=shown)
    assert "20/20" in shown.getvalue() and "rec/s" in shown.getvalue()
    hidden = io.StringIO()
    run_batch(source, tmp_path / "b.jsonl", options, processor=PROCESSOR, progress_file=hidden)
    assert hidden.getvalue() == ""
    quiet = Terminal()
    options = BatchOptions(claims_only=True, workers=0, progress=False)
    run_batch(source, tmp_path / "c.jsonl", options, processor=PROCESSOR, progress_file=quiet)
    assert quiet.getvalue() == ""


def test_with_briefings_own_parts(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "a.txt").write_text(story(1), encoding="utf-8")
    (folder / "b.html").write_text(
        "<html><body><article><h1>Port deal</h1><p>"
        + story(2).replace("\n", "</p><p>")
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "c.txt").write_text("")
    report = run_batch(folder, tmp_path / "out.jsonl", BatchOptions(workers=2, progress=False))
    out = {row["id"]: row for row in rows(tmp_path / "out.jsonl")}
    assert (report.done, report.failed) == (2, 1)
    assert out["a.txt"]["model"] == "extractive" and out["a.txt"]["summary"]
    assert any(claim["source"] == "Tom Baker" for claim in out["a.txt"]["claims"])
    assert rows(errors_path_for(tmp_path / "out.jsonl"))[0]["id"] == "c.txt"


def test_default_workers_use_every_core(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", stories(40))
    report = batch(source, tmp_path / "out.jsonl", workers=None, chunk_size=3)
    assert report.done == 40
    assert [row["id"] for row in rows(tmp_path / "out.jsonl")] == [f"s{n}" for n in range(40)]
