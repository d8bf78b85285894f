"""The evaluation harness: data formats, bad records, scoring, reports, CLI."""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from briefing import Article, ConfigError, DataError, ModelError, ModelNotAvailableError
from briefing.cli import _eval as eval_cli
from briefing.evaluation import (
    EvalOptions,
    System,
    combine_data,
    compare_reports,
    detokenize,
    evaluate,
    format_comparison,
    format_table,
    load_data,
    load_hub,
    load_report,
    rouge_per_article,
    spearman,
    write_outputs,
)

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

ROWS = [
    {
        "id": "a1",
        "text": "The council approved the budget on Tuesday. Taxes will rise. Parks will close.\n"
        "Mayor Ines Moreau said the plan was fair.",
        "reference": "The council approved the budget; taxes rise.",
        "claims": [
            {"source": "Ines Moreau", "content": "the plan was fair", "kind": "indirect"},
        ],
    },
    {
        "id": "a2",
        "text": "Floods hit the valley. Hundreds were evacuated. Roads are closed.",
        "reference": "Floods forced hundreds from their homes.",
        "claims": [],
    },
    {
        "id": "a3",
        "text": "The team won the cup final 2-1. Fans celebrated. The coach resigned.",
        "reference": "The team won the final and the coach resigned.",
        "claims": [],
    },
]


def first_sentence(texts: Sequence[str]) -> list[str]:
    """A tiny stand-in summarizer: the first sentence of each article."""
    return [t.split(". ")[0] + "." for t in texts]


FIRST = System("first-sentence", first_sentence)
OPTIONS = EvalOptions(resamples=200, baselines=())


def write_jsonl(path: Path, rows: Sequence[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _flat_rows() -> list[dict[str, str]]:
    return [{"id": r["id"], "text": r["text"], "reference": r["reference"]} for r in ROWS]  # type: ignore[misc]


# ------------------------------------------------------------------ formats


def test_jsonl_with_claims(tmp_path: Path) -> None:
    data = load_data(write_jsonl(tmp_path / "data.jsonl", ROWS))
    assert [r.id for r in data.records] == ["a1", "a2", "a3"]
    assert data.records[0].references == ("The council approved the budget; taxes rise.",)
    assert (
        data.records[0].claims is not None and data.records[0].claims[0]["source"] == "Ines Moreau"
    )
    assert data.format == "table" and data.problems == () and len(data.sha256 or "") == 64


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(_flat_rows()), encoding="utf-8")
    data = load_data(path)
    assert len(data.records) == 3 and data.records[2].references[0].startswith("The team won")


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "story", "summary"])
        writer.writeheader()
        for r in _flat_rows():
            writer.writerow({"id": r["id"], "story": r["text"], "summary": r["reference"]})
    data = load_data(path, text_field="story", reference_field="summary")
    assert [r.id for r in data.records] == ["a1", "a2", "a3"]
    assert data.records[1].text.startswith("Floods")


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "data.parquet"
    rows = _flat_rows()
    pq.write_table(
        pa.table(
            {"document": [r["text"] for r in rows], "highlights": [r["reference"] for r in rows]}
        ),
        path,
    )
    data = load_data(path)
    assert len(data.records) == 3 and data.records[0].id == "1"
    assert data.records[0].references[0].startswith("The council")


def test_list_of_references(tmp_path: Path) -> None:
    row = {"id": "m", "text": "A story. More.", "references": ["one ref", "another ref", ""]}
    data = load_data(write_jsonl(tmp_path / "m.jsonl", [row]))
    assert data.records[0].references == ("one ref", "another ref")


# ------------------------------------------------------------------ bad inputs


def test_bad_records_are_named_and_the_rest_scored(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    lines = [
        json.dumps(ROWS[0]),
        json.dumps({"id": "abc", "body_text": "no text field"}),
        json.dumps({"id": "e", "text": "   ", "reference": "x"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "c", "text": "Claims wrong.", "claims": "oops"}),
        json.dumps(ROWS[1]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = load_data(path, text_field="text")
    assert [r.id for r in data.records] == ["a1", "a2"]
    assert data.problems == (
        "data.jsonl record 2 (id=abc): missing field 'text'",
        "data.jsonl record 3 (id=e): empty text in field 'text'",
        "data.jsonl record 4: not valid JSON "
        "(Expecting property name enclosed in double quotes at column 2)",
        "data.jsonl record 5: expected a JSON object, got list",
        "data.jsonl record 6 (id=c): field 'claims' must be a list of claims with 'content'",
    )
    report = evaluate(data, systems=[FIRST], options=OPTIONS, extract_claims=lambda t: [])
    assert report.systems[0].articles == 2
    assert all("\n" not in p for p in data.problems)


def test_fields_are_guessed_once_for_the_whole_file(tmp_path: Path) -> None:
    rows = [{"id": "1", "text": "A story.", "summary": "A."}, {"id": "2", "article": "B story."}]
    data = load_data(write_jsonl(tmp_path / "g.jsonl", rows))
    assert [r.id for r in data.records] == ["1"]
    assert data.problems == ("g.jsonl record 2 (id=2): missing field 'text'",)


def test_missing_reference_field_when_named(tmp_path: Path) -> None:
    rows = [{"id": "x", "text": "A story."}, {"id": "y", "text": "B story.", "ref": "B."}]
    data = load_data(write_jsonl(tmp_path / "r.jsonl", rows), reference_field="ref")
    assert [r.id for r in data.records] == ["y"]
    assert data.problems == ("r.jsonl record 1 (id=x): missing field 'ref'",)


@pytest.mark.parametrize("name", ["missing.jsonl", "folder"])
def test_unreadable_sources(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(DataError, match=name):
        load_data(tmp_path / name, format="table")


def test_binary_and_unknown_files(tmp_path: Path) -> None:
    binary = tmp_path / "data.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage\x81")
    with pytest.raises(DataError, match="not UTF-8"):
        load_data(binary)
    odd = tmp_path / "data.xlsx"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match="unknown file type"):
        load_data(odd)
    broken = tmp_path / "data.parquet"
    broken.write_text("not parquet", encoding="utf-8")
    with pytest.raises(DataError, match="cannot be read as parquet"):
        load_data(broken)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(DataError, match="no usable record"):
        load_data(empty)
    with pytest.raises(ConfigError, match="unknown data format"):
        load_data(empty, format="excel")


def test_hub_without_network_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("HF_HUB_ETAG_TIMEOUT", "1")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    with pytest.raises(DataError, match=r"cannot reach the Hugging Face hub at http://127.0.0.1:9"):
        load_hub("cnn_dailymail", config="3.0.0", split="test[:5]")


def test_hub_offline_mode_reads_only_the_cache(tmp_path: Path) -> None:
    # datasets reads HF_DATASETS_OFFLINE when it is imported, so the setting is
    # tested as users meet it: in a fresh process that starts with it.
    script = (
        "from briefing.evaluation import load_hub\n"
        "from briefing import DataError\n"
        "try:\n"
        "    load_hub('xsum', split='test[:5]')\n"
        "except DataError as exc:\n"
        "    print(exc)\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(tmp_path / "hf"),
        "HF_ENDPOINT": "http://127.0.0.1:9",
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "not available in the local cache (offline mode)" in done.stdout


# ------------------------------------------------------------------ research formats


def test_summeval_loader() -> None:
    path = SHARED_DATA / "summeval-cnndm" / "summeval.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    data = load_data(path)
    assert data.format == "summeval" and data.tokenized and len(data.records) == 100
    record = data.records[0]
    assert len(record.references) == 11 and len(record.outputs) == 16
    assert set(record.human["M11"]) == {"coherence", "consistency", "fluency", "relevance"}


def test_realsumm_loader() -> None:
    path = SHARED_DATA / "realsumm-cnndm" / "realsumm.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    data = load_data(path)
    assert data.format == "realsumm" and len(data.records) == 100
    assert len(data.records[0].outputs) == 24 and len(data.records[0].references) == 1
    assert "litepyramid_recall" in next(iter(data.records[0].human.values()))


def test_xsum_sample_reads_as_a_table() -> None:
    path = SHARED_DATA / "xsum-hf-sample" / "sample.json"
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    data = load_data(path)
    assert len(data.records) == 10 and data.records[0].references


def test_polnear_goes_through_the_claims_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import types
    from dataclasses import dataclass

    @dataclass
    class Fake:
        name: str
        text: str
        claims: tuple[dict[str, str], ...]

    seen: list[Path] = []

    def load_polnear(folder: Path) -> list[Fake]:
        seen.append(Path(folder))
        return [
            Fake(
                "nyt_1",
                "Officials said it rained.",
                ({"source": "Officials", "content": "it rained"},),
            )
        ]

    module = types.ModuleType("briefing.evaluation.polnear")
    module.load_polnear = load_polnear  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "briefing.evaluation.polnear", module)
    (tmp_path / "dev").mkdir()
    data = load_data(tmp_path)
    assert data.format == "polnear" and seen == [tmp_path]
    assert data.records[0].id == "nyt_1" and data.records[0].claims == (
        {"source": "Officials", "content": "it rained"},
    )
    assert data.records[0].references == ()


def test_detokenize() -> None:
    assert detokenize("his team 's 0-0 draw , he said . ( really ) `` yes '' he would n't") == (
        "his team's 0-0 draw, he said. (really) \"yes\" he wouldn't"
    )


# ------------------------------------------------------------------ scoring


def test_rouge_in_report_equals_direct_computation(tmp_path: Path) -> None:
    data = load_data(write_jsonl(tmp_path / "d.jsonl", ROWS))
    report = evaluate(data, systems=[FIRST], options=OPTIONS, extract_claims=lambda t: [])
    result = report.systems[0]
    summaries = first_sentence([r["text"] for r in ROWS])  # type: ignore[misc]
    for measure in ("rouge1", "rouge2", "rougeLsum"):
        direct = [
            rouge_per_article(s, [r["reference"]])[measure]
            for s, r in zip(summaries, ROWS, strict=True)
        ]  # type: ignore[list-item]
        assert result.rouge[measure].mean == pytest.approx(sum(direct) / len(direct))
        assert result.rouge[measure].low <= result.rouge[measure].mean <= result.rouge[measure].high
    assert result.cost is not None and result.cost.device == "cpu"
    assert report.to_dict()["config"]["data_sha256"] == data.sha256


def test_first_reference_only(tmp_path: Path) -> None:
    row = {
        "id": "m",
        "text": "The cat sat. It purred.",
        "references": ["A dog barked.", "The cat sat."],
    }
    data = load_data(write_jsonl(tmp_path / "m.jsonl", [row]))
    best = evaluate(data, systems=[FIRST], options=OPTIONS).systems[0].rouge["rouge1"].mean
    first_only = EvalOptions(resamples=20, baselines=(), references="first")
    first = evaluate(data, systems=[FIRST], options=first_only).systems[0].rouge["rouge1"].mean
    assert best == pytest.approx(1.0) and first == pytest.approx(0.0)
    with pytest.raises(ConfigError, match="references"):
        evaluate(data, systems=[FIRST], options=EvalOptions(references="some"))


def test_a_failing_system_costs_only_its_article(tmp_path: Path) -> None:
    def fragile(texts: Sequence[str]) -> list[str]:
        if any("Floods" in t for t in texts):
            if len(texts) == 1:
                raise RuntimeError("model exploded")
            raise RuntimeError("batch failed")
        return first_sentence(texts)

    data = load_data(write_jsonl(tmp_path / "d.jsonl", ROWS))
    result = evaluate(data, systems=[System("fragile", fragile)], options=OPTIONS).systems[0]
    assert result.articles == 2
    assert result.failures == ("fragile on article a2: model exploded",)


def test_claims_are_scored_with_the_given_extractor(tmp_path: Path) -> None:
    data = load_data(write_jsonl(tmp_path / "d.jsonl", ROWS))
    gold = {r["text"]: r["claims"] for r in ROWS}
    perfect = evaluate(data, systems=[], options=OPTIONS, extract_claims=lambda t: gold[t])
    assert perfect.claims is not None and perfect.claims.scores["f1"] == 1.0
    nothing = evaluate(data, systems=[], options=OPTIONS, extract_claims=lambda t: [])
    assert nothing.claims is not None and nothing.claims.scores["recall"] == 0.0
    assert nothing.claims.scores["by_kind"]["indirect"]["gold"] == 1


def test_data_systems_and_correlation() -> None:
    path = SHARED_DATA / "summeval-cnndm" / "summeval.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    data = load_data(path)
    # Ten articles keep the test quick; the full correlation is in test_check.py.
    small = combine_data([data, load_data(path)])
    small = type(small)(small.name, small.source, small.format, small.records[:10], tokenized=True)
    report = evaluate(
        small, systems=[], options=EvalOptions(resamples=50, baselines=(), claims=False)
    )
    names = [s.name for s in report.systems]
    assert names[:3] == ["M0", "M1", "M2"] and len(names) == 16
    assert all(s.kind == "data" and s.articles == 10 and s.human for s in report.systems)
    assert report.correlation is not None and report.correlation.pairs == 160
    assert -1 <= report.correlation.check <= 1


def test_spearman_matches_scipy() -> None:
    stats = pytest.importorskip("scipy.stats")
    x = [1.0, 2.0, 2.0, 3.0, 5.0, 4.0, 4.0, 0.5]
    y = [2.0, 1.0, 3.0, 3.0, 5.0, 5.0, 4.0, 1.0]
    assert spearman(x, y) == pytest.approx(stats.spearmanr(x, y).statistic)
    assert spearman([1.0, 1.0], [1.0, 2.0]) != spearman([1.0, 1.0], [1.0, 2.0])  # nan


def test_bad_options() -> None:
    data = combine_data([load_data_rows()])
    with pytest.raises(ConfigError, match="device"):
        evaluate(data, systems=[], options=EvalOptions(device="tpu"))
    with pytest.raises(DataError):
        combine_data([])


def load_data_rows() -> object:
    from briefing.evaluation import EvalData, EvalRecord

    return EvalData("x", "x", "table", (EvalRecord("1", "Text."),))


# ------------------------------------------------------------------ reports and CLI


def test_outputs_and_compare(tmp_path: Path) -> None:
    data = load_data(write_jsonl(tmp_path / "d.jsonl", ROWS))
    old = evaluate(data, systems=[FIRST], options=OPTIONS, extract_claims=lambda t: []).to_dict()
    paths = write_outputs(old, tmp_path / "out")
    assert [p.name for p in paths] == ["results.json", "report.md", "chart.png"]
    assert paths[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "| first-sentence | baseline | 3 |" in paths[1].read_text(encoding="utf-8")
    assert load_report(paths[0]) == json.loads(json.dumps(old))
    lead2 = System("first-sentence", lambda ts: [" ".join(t.split(". ")[:2]) for t in ts])
    new = evaluate(data, systems=[lead2], options=OPTIONS, extract_claims=lambda t: []).to_dict()
    table = format_comparison(compare_reports(old, new))
    assert "first-sentence/rouge1" in table and "claims/f1" not in table
    assert "first-sentence" in format_table(new)
    with pytest.raises(DataError, match="not an evaluation report"):
        bad = tmp_path / "bad.json"
        bad.write_text("{}", encoding="utf-8")
        load_report(bad)


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="briefing")
    eval_cli.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    args.command_line = ["briefing", *argv]
    return int(args.func(args))


def test_cli_end_to_end_with_pins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", ROWS)
    out = tmp_path / "out"
    pins = tmp_path / "pins.json"
    common = [
        "eval",
        "--data",
        str(path),
        "--baselines",
        "lead-3",
        "--no-claims",
        "--resamples",
        "50",
        "-q",
    ]
    assert run_cli([*common, "--output", str(out), "--update-pins", str(pins)]) == 0
    captured = capsys.readouterr()
    assert "lead-3" in captured.out and "pin lead-3/rouge1: None ->" in captured.err
    written = json.loads(pins.read_text(encoding="utf-8"))
    assert set(written["figures"]) == {"lead-3/rouge1", "lead-3/rouge2", "lead-3/rougeLsum"}
    assert run_cli([*common, "--check-pins", str(pins)]) == 0
    # Raising a pin above what the run reaches makes the gate fail...
    written["figures"]["lead-3/rouge1"] += 0.05
    pins.write_text(json.dumps(written), encoding="utf-8")
    assert run_cli([*common, "--check-pins", str(pins)]) == 1
    assert "below the pin" in capsys.readouterr().err
    # ...and so does changed data, even with good figures.
    write_jsonl(path, [*ROWS, {"id": "a4", "text": "New story. Here.", "reference": "New."}])
    assert run_cli([*common, "--check-pins", str(pins)]) == 1
    assert "pinned data changed" in capsys.readouterr().err
    assert run_cli(["eval", "--compare", str(out / "results.json"), str(out / "results.json")]) == 0
    assert "(nothing moved)" in capsys.readouterr().out


def test_cli_faithfulness_correlation(capsys: pytest.CaptureFixture[str]) -> None:
    path = SHARED_DATA / "summeval-cnndm" / "summeval.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    argv = ["eval", "--data", str(path), "--faithfulness-correlation", "--limit", "5", "-q"]
    assert run_cli(argv) == 0
    out = capsys.readouterr().out
    assert "faithfulness vs human consistency (80 summaries, Spearman)" in out
    assert "lead-3" not in out


def test_cli_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--data FILE or --dataset"):
        run_cli(["eval"])
    with pytest.raises(ConfigError, match="resamples"):
        run_cli(["eval", "--data", "x.jsonl", "--resamples", "0"])
    with pytest.raises(DataError, match="no such file"):
        run_cli(["eval", "--data", str(tmp_path / "none.jsonl")])


def test_cli_reports_bad_records_with_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n{broken\n", encoding="utf-8")
    assert run_cli(["eval", "--data", str(path), "--baselines", "lead-3", "--no-claims", "-q"]) == 1
    assert "note: d.jsonl record 2: not valid JSON" in capsys.readouterr().out


# ------------------------------------------------------------------ default systems


class _FakeSummary:
    def __init__(self, text: str) -> None:
        self.text = text


class _FakeOptions:
    def __init__(self, device: str = "auto", progress: bool = True) -> None:
        self.device, self.progress = device, progress

    def to_dict(self) -> dict[str, object]:
        return {"device": self.device, "progress": self.progress}


class _FakeSummarizer:
    def __init__(self, name: str, options: object) -> None:
        self.name, self.options, self.revision = name, options, "abc123"

    def summarize_many(self, articles: Iterable[Article]) -> list[_FakeSummary]:
        return [_FakeSummary(a.text.split(". ")[0] + ".") for a in articles]


def test_default_systems_use_load_summarizer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from briefing.evaluation import _harness, default_systems

    monkeypatch.setattr(_harness, "load_summarizer", _FakeSummarizer)
    systems, notes = default_systems(EvalOptions(model="org/model", device="cuda"))
    assert [s.name for s in systems] == ["lead-3", "extractive", "org/model"] and notes == []
    assert systems[2].kind == "model"
    assert systems[2].info["revision"] == "abc123"
    settings = systems[2].info["settings"]
    assert settings["device"] == "cuda" and settings["progress"] is False
    data = load_data(write_jsonl(tmp_path / "d.jsonl", ROWS))
    report = evaluate(data, systems=systems, options=OPTIONS, extract_claims=lambda t: [])
    assert report.config["systems"]["org/model"]["model"] == "org/model"
    assert report.systems[2].cost is not None and report.systems[2].cost.device == "cpu"


def test_a_failing_baseline_is_a_note_and_a_missing_model_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from briefing.evaluation import _harness, default_systems

    real = _harness.load_summarizer

    def load(name: str, options: object = None) -> object:
        if name == "extractive":
            raise ModelError("extractive: broken on purpose")
        return real(name, options)  # type: ignore[arg-type]

    monkeypatch.setattr(_harness, "load_summarizer", load)
    systems, notes = default_systems(EvalOptions())
    assert [s.name for s in systems] == ["lead-3"]
    assert notes == ["baseline extractive skipped: extractive: broken on purpose"]
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(ModelNotAvailableError, match="org/model"):
        default_systems(EvalOptions(model="org/model"))
