"""The Ray engine gives the same rows as the plain engine, record for record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import briefing
import test_batch_parts
from briefing.batch import BatchOptions, errors_path_for, run_batch
from test_batch_parts import PROCESSOR, stories, story, write_jsonl

pytestmark = [
    pytest.mark.ray,
    # Ray Data warns about its own deprecated settings while it starts; not ours to fix.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*"),
]

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    # The stand-in parts live in a test module the Ray workers cannot import.
    ray.cloudpickle.register_pickle_by_value(test_batch_parts)
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"py_modules": [str(Path(briefing.__file__).parent)]},
    )
    try:
        yield
    finally:
        ray.shutdown()


def make_input(tmp_path: Path) -> Path:
    records: list[dict[str, object] | str] = list(stories(700))
    records[10] = {"id": "s10", "text": story(10) + "\nEXPLODE-SUMMARY"}
    records[20] = {"id": "s20", "text": story(20) + "\nEXPLODE-CLAIMS"}
    records.insert(30, {"id": "s5", "text": "duplicate"})
    records.insert(40, {"id": "blank", "text": ""})
    records.insert(50, "{bad json")
    return write_jsonl(tmp_path / "in.jsonl", records)


def run(source: Path, output: Path, **options: Any) -> None:
    run_batch(source, output, BatchOptions(chunk_size=32, **options), processor=PROCESSOR)


def same_files(left: Path, right: Path) -> None:
    assert left.read_bytes() == right.read_bytes()
    left_errors = sorted(errors_path_for(left).read_text().splitlines())
    assert left_errors == sorted(errors_path_for(right).read_text().splitlines())
    assert left_errors, "the input has bad records; the errors file must list them"


@pytest.mark.parametrize(
    "options",
    [
        {"claims_only": True},
        {"model": "extractive"},  # summarizer inside the CPU workers
        {"model": "seq2seq"},  # summarizer in an actor pool
    ],
    ids=["claims-only", "extractive", "seq2seq"],
)
def test_ray_matches_plain_record_for_record(
    local_ray: None, tmp_path: Path, options: dict[str, Any]
) -> None:
    source = make_input(tmp_path)
    run(source, tmp_path / "plain.jsonl", workers=2, **options)
    run(source, tmp_path / "ray.jsonl", engine="ray", ray_window=400, **options)
    same_files(tmp_path / "plain.jsonl", tmp_path / "ray.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "ray.jsonl").read_text().splitlines()]
    # 700 stories: one fails in claims, one in summaries (when there are summaries).
    assert len(rows) == (699 if options.get("claims_only") else 698)


def test_ray_resumes_a_plain_run_exactly_once(local_ray: None, tmp_path: Path) -> None:
    source = make_input(tmp_path)
    run(source, tmp_path / "plain.jsonl", workers=0, claims_only=True)
    output = tmp_path / "ray.jsonl"
    half = (tmp_path / "plain.jsonl").read_bytes().splitlines(keepends=True)[:300]
    output.write_bytes(b"".join(half) + b'{"id":"torn')
    run(source, output, engine="ray", claims_only=True)
    assert output.read_bytes() == (tmp_path / "plain.jsonl").read_bytes()


def test_ray_parquet_output(local_ray: None, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    source = make_input(tmp_path)
    run(source, tmp_path / "plain.parquet", workers=2, claims_only=True)
    run(source, tmp_path / "ray.parquet", engine="ray", claims_only=True)
    plain = pq.read_table(tmp_path / "plain.parquet")
    assert plain.num_rows == 699
    assert plain.equals(pq.read_table(tmp_path / "ray.parquet"))
