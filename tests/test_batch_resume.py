"""Kill a running ``briefing batch`` with SIGKILL at random moments, resume, check.

The job runs in a real subprocess (this file, run as a script, is the CLI with
stand-in parts slowed down a little so that a kill lands mid-job). After several
kills, a last run completes the job; the output must then equal the output of an
uninterrupted run byte for byte, the errors file must hold the same rows, every line
must be valid JSON, and every input record must be in exactly one of the two files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from briefing import Article
from briefing.batch import BatchOptions, Processor, errors_path_for, run_batch
from test_batch_parts import PROCESSOR, parse, stories, write_jsonl

ROOT = Path(__file__).resolve().parents[1]
RECORDS = 3000


def slow_parse(content: str | bytes, origin: str, html: bool, max_bytes: int) -> Article:
    time.sleep(0.0006)
    return parse(content, origin, html, max_bytes)


SLOW = Processor(parse=slow_parse, claims=PROCESSOR.claims)


def make_input(folder: Path) -> Path:
    records: list[dict[str, object] | str] = list(stories(RECORDS))
    # Bad records and duplicates spread through the input.
    for position in range(100, RECORDS, 250):
        records.insert(position, {"id": f"s{position // 3}", "text": "duplicate"})
        records.insert(position + 1, {"id": f"empty{position}", "text": " "})
        records.insert(position + 2, "{torn json")
    return write_jsonl(folder / "in.jsonl", records)


def command(source: Path, output: Path) -> list[str]:
    return [
        sys.executable,
        str(Path(__file__)),
        str(source),
        "-o",
        str(output),
        "--claims-only",
        "--workers",
        "2",
        "--chunk-size",
        "16",
        "--quiet",
    ]


def kill_and_resume(source: Path, output: Path, kills: int, rng: random.Random) -> int:
    """Start the job ``kills`` times, SIGKILL it at a random moment; then finish it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")])}
    killed = 0
    for _ in range(kills):
        process = subprocess.Popen(command(source, output), env=env, start_new_session=True)
        try:
            process.wait(timeout=rng.uniform(0.2, 1.5))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            killed += 1
            _assert_workers_exit(process.pid)
    finished = subprocess.run(command(source, output), env=env, timeout=300, check=False)
    assert finished.returncode == 0
    return killed


def _assert_workers_exit(group: int) -> None:
    # Workers notice that their parent died and leave on their own.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(group, signal.SIGKILL)
    pytest.fail("worker processes outlived the killed job")


def read_lines(path: Path) -> list[str]:
    data = path.read_text(encoding="utf-8")
    assert data == "" or data.endswith("\n"), f"{path} ends with a torn line"
    lines = data.splitlines()
    for line in lines:
        json.loads(line)  # every line is valid JSON
    return lines


def check_exactly_once(source: Path, output: Path, reference: Path) -> None:
    errors = errors_path_for(output)
    if output.suffix == ".parquet":
        got = pq.read_table(output).to_pylist()
        want = pq.read_table(reference).to_pylist()
        assert got == want
        ids = [row["id"] for row in got]
    else:
        lines = read_lines(output)
        assert lines == read_lines(reference)  # same rows, same order
        ids = [json.loads(line)["id"] for line in lines]
    error_rows = [json.loads(line) for line in read_lines(errors)]
    assert sorted(read_lines(errors)) == sorted(read_lines(errors_path_for(reference)))
    assert len(ids) == len(set(ids))
    records = [row["record"] for row in error_rows]
    assert len(records) == len(set(records))
    input_records = sum(1 for line in source.read_text().splitlines() if line.strip())
    assert len(ids) + len(error_rows) == input_records
    assert not set(ids) & {row["id"] for row in error_rows if row["stage"] != "duplicate"}


def reference_run(source: Path, output: Path) -> None:
    run_batch(
        source,
        output,
        BatchOptions(claims_only=True, workers=0, progress=False),
        processor=PROCESSOR,
    )


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_sigkill_three_times_then_resume(tmp_path: Path, suffix: str) -> None:
    source = make_input(tmp_path)
    reference = tmp_path / f"reference{suffix}"
    reference_run(source, reference)
    output = tmp_path / f"out{suffix}"
    killed = kill_and_resume(source, output, kills=3, rng=random.Random(1234))
    assert killed >= 1, "the job ended before any kill; the test proved nothing"
    check_exactly_once(source, output, reference)


@pytest.mark.slow
def test_sigkill_and_resume_twenty_times_in_a_row(tmp_path: Path) -> None:
    source = make_input(tmp_path)
    reference = tmp_path / "reference.jsonl"
    reference_run(source, reference)
    rng = random.Random(20)
    killed = 0
    for round_number in range(20):
        output = tmp_path / f"out{round_number}.jsonl"
        killed += kill_and_resume(source, output, kills=rng.randint(2, 5), rng=rng)
        check_exactly_once(source, output, reference)
    assert killed >= 20


def _main(argv: list[str]) -> int:
    """The job the tests kill: ``briefing batch ARGV`` with the slowed stand-in parts."""
    from briefing.cli import _batch

    parser = argparse.ArgumentParser(prog="briefing")
    _batch.register(parser.add_subparsers(dest="command", required=True))
    return _batch._run(parser.parse_args(["batch", *argv]), SLOW)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
