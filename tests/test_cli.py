"""The command line end to end: output shapes, help, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import build_parser, main
from conftest import REPO, subprocess_env

SAMPLE = REPO / "eval" / "samples" / "harbour-strike.txt"

STORY = (
    "Harbour pilots vote to end strike\n\n"
    "PORT ELLEN, March 3 — Harbour pilots voted on Tuesday to end a nine-day strike "
    "that had stranded 40 cargo ships, union leaders said.\n"
    '"We have won the guarantees we asked for," said Marta Quiroga, who chairs the '
    "pilots' union.\n"
    "The port authority said in a statement that traffic would resume on Wednesday.\n"
    "Quiroga told reporters the deal included new rest rules.\n"
)


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_summarize_json_has_the_documented_shape(
    capsys: pytest.CaptureFixture[str], story: Path
) -> None:
    code, out, err = run(capsys, "summarize", str(story), "--format", "json", "--model", "lead-3")
    assert code == 0, err
    record = json.loads(out)
    assert {"title", "summary", "claims", "model", "input"} <= set(record)
    assert record["model"] == "lead-3"
    assert record["title"] == "Harbour pilots vote to end strike"
    assert record["input"]["chars"] > 0 and record["input"]["sentences"] >= 4
    assert record["summary"].startswith("PORT ELLEN")
    speakers = {claim["source"] for claim in record["claims"]}
    assert "Marta Quiroga" in speakers


def test_claims_json_fields_and_offsets(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    code, out, _ = run(capsys, "claims", str(story), "--format", "json")
    assert code == 0
    claims = json.loads(out)["claims"]
    assert claims
    fields = {"source", "source_text", "cue", "content", "kind", "sentence", "start", "end"}
    from briefing import read_article

    text = read_article(str(story)).text
    for claim in claims:
        assert fields <= set(claim)
        assert claim["kind"] in {"direct", "indirect", "mixed", "unattributed"}
        span = text[claim["start"] : claim["end"]]
        words = claim["content"].split()
        # A split quote's content joins its pieces; its offsets span from the first
        # piece to the last, the attribution between them included.
        assert span == claim["content"] or (
            claim["kind"] == "direct" and span.startswith(words[0]) and span.endswith(words[-1])
        )
    quiroga = [c for c in claims if c["source_text"] == "Quiroga"]
    assert quiroga and quiroga[0]["source"] == "Marta Quiroga"


def test_text_and_markdown_formats(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    code, out, _ = run(capsys, "summarize", str(story), "--model", "lead-3")
    assert code == 0 and "Summary (lead-3):" in out and "Marta Quiroga" in out
    code, out, _ = run(capsys, "summarize", str(story), "--model", "lead-3", "--format", "markdown")
    assert code == 0 and out.startswith("# Harbour pilots") and "## Claims" in out


def test_sentences_option_sets_lead_length(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    code, out, _ = run(
        capsys, "summarize", str(story), "--model", "lead-3", "--sentences", "1", "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["summary"].count(". ") == 0


def test_several_paths_give_json_lines_and_survive_a_bad_one(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "claims", str(story), str(missing), str(story), "--format", "json")
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["claims"] for line in lines)
    assert err.count("\n") == 1 and "missing.txt" in err


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\t \n", "whitespace"),
        ("binary.bin", bytes(range(256)) * 8, "binary"),
        ("huge.txt", b"The council said the road would close. " * 200_000, "limit"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for argv in (["claims", str(path)], ["summarize", str(path), "--model", "lead-3"]):
        code, out, err = run(capsys, *argv)
        assert code == 1
        assert out == ""
        assert err.count("\n") == 1 and name in err and problem in err.lower()
        assert "Traceback" not in err


def test_directory_and_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "claims", str(tmp_path))
    assert code == 1 and "directory" in err and err.count("\n") == 1
    code, _, err = run(capsys, "claims", str(tmp_path / "nope.txt"))
    assert code == 1 and "nope.txt" in err and err.count("\n") == 1


def test_max_bytes_is_configurable(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    code, _, err = run(capsys, "claims", str(story), "--max-bytes", "100")
    assert code == 1 and "limit" in err
    with pytest.raises(SystemExit):
        build_parser().parse_args(["claims", str(story), "--max-bytes", "lots"])


def test_every_command_has_complete_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    top = capsys.readouterr().out
    subparsers = build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    subcommands = subparsers.choices
    for name in subcommands:
        assert name in top
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        text = capsys.readouterr().out
        assert f"usage: briefing {name}" in text and len(text) > 200


def test_standard_input_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "claims", "-", "--format", "json"],
        input=STORY,
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["claims"]


def test_readme_sample_story_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "summarize", str(SAMPLE), "--model", "extractive")
    assert code == 0, err
    assert "Summary (extractive):" in out and "Claims (" in out
