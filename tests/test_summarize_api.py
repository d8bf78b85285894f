"""The public summarizer API: options, model choice, auto fallback, streaming, download."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import briefing
from briefing import (
    Article,
    ConfigError,
    ModelNotAvailableError,
    SummarizeOptions,
    Summarizer,
    load_summarizer,
    summarize,
)
from briefing.summarize import DEFAULT_ABSTRACTIVE_MODEL, download_model, find_checkpoint
from briefing.summarize._chunking import chunk_by_tokens
from briefing.summarize._clean import balance_quotes, clean_summary_text, summary_sentences
from conftest import run_python

REPO_ROOT = Path(__file__).resolve().parents[1]
SRC = str(REPO_ROOT / "src")


def test_public_names_are_exported() -> None:
    for name in ("summarize", "load_summarizer", "SummarizeOptions", "Summarizer"):
        assert name in briefing.__all__
    assert briefing.__all__ == sorted(briefing.__all__)


def test_importing_briefing_does_not_import_torch_or_transformers() -> None:
    code = (
        "import sys, briefing, briefing.summarize; "
        "s = briefing.summarize('One. Two. Three. Four.', model='extractive'); "
        "print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    assert run_python(code).split() == ["False", "False"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sentences", 0),
        ("max_words", -1),
        ("num_beams", 0),
        ("batch_tokens", 0),
        ("window", 0),
        ("max_new_tokens", 0),
        ("min_new_tokens", -1),
        ("no_repeat_ngram_size", -2),
        ("device", "tpu"),
        ("dtype", "int8"),
        ("sentences", True),
    ],
)
def test_bad_options_are_config_errors(field: str, value: object) -> None:
    with pytest.raises(ConfigError, match=f"SummarizeOptions.{field}"):
        SummarizeOptions(**{field: value})  # type: ignore[arg-type]


def test_min_above_max_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="min_new_tokens"):
        SummarizeOptions(min_new_tokens=10, max_new_tokens=5)


def test_options_report_only_explicit_generation_overrides() -> None:
    assert SummarizeOptions().generation_overrides() == {}
    options = SummarizeOptions(num_beams=2, length_penalty=0.5)
    assert options.generation_overrides() == {"num_beams": 2, "length_penalty": 0.5}
    assert options.to_dict()["num_beams"] == 2


@pytest.mark.parametrize("model", ["", "   ", "lead-0"])
def test_bad_model_names(model: str) -> None:
    with pytest.raises(ConfigError):
        load_summarizer(model)


def test_unknown_name_is_not_available(empty_hf_cache: Path) -> None:
    with pytest.raises(ModelNotAvailableError, match="briefing download"):
        load_summarizer("no-such-model")


def test_auto_falls_back_to_extractive_fast_with_one_line_notice(
    empty_hf_cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    started = time.monotonic()
    summarizer = load_summarizer("auto")
    summary = summarizer.summarize("Flood waters forced 2,000 residents to leave on Monday.")
    assert time.monotonic() - started < 10
    assert summarizer.name == "extractive"
    assert summary.model == "extractive"
    assert summarizer.notice is not None
    assert "\n" not in summarizer.notice
    assert f"briefing download {DEFAULT_ABSTRACTIVE_MODEL}" in summarizer.notice
    assert any("briefing download" in record.getMessage() for record in caplog.records)


def _fake_cached_hub_model(cache: Path, repo_id: str, checkpoint: Path) -> Path:
    """Lay a local checkpoint out the way huggingface_hub caches a download."""
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    commit = "0" * 40
    snapshot = repo / "snapshots" / commit
    shutil.copytree(checkpoint, snapshot)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    return snapshot


def test_auto_uses_the_default_model_when_cached(
    empty_hf_cache: Path, tiny_checkpoint: Callable[..., Path]
) -> None:
    snapshot = _fake_cached_hub_model(
        empty_hf_cache, DEFAULT_ABSTRACTIVE_MODEL, tiny_checkpoint("bart")
    )
    found = find_checkpoint(DEFAULT_ABSTRACTIVE_MODEL)
    assert found is not None and found.source == str(snapshot) and found.safetensors
    options = SummarizeOptions(num_beams=1, min_new_tokens=0, max_new_tokens=4)
    summarizer = load_summarizer("auto", options)
    assert summarizer.name == DEFAULT_ABSTRACTIVE_MODEL
    assert summarizer.notice is None
    assert summarize("Police said the storm damaged homes .", options=options).model == (
        DEFAULT_ABSTRACTIVE_MODEL
    )
    # A hub id is loaded from the cache by name too.
    assert load_summarizer(DEFAULT_ABSTRACTIVE_MODEL, options).name == DEFAULT_ABSTRACTIVE_MODEL


def test_summarize_many_is_lazy_and_keeps_order() -> None:
    consumed = 0

    def articles() -> Iterator[str]:
        nonlocal consumed
        for index in range(10_000):
            consumed += 1
            yield f"Story number {index} is here. It has a second sentence. And a third one."

    summarizer = load_summarizer("lead-3", SummarizeOptions(window=50))
    stream = summarizer.summarize_many(articles())
    first = next(stream)
    assert consumed == 50
    assert first.sentences[0] == "Story number 0 is here."
    rest = list(stream)
    assert consumed == 10_000
    assert [s.sentences[0] for s in rest[:3]] == [f"Story number {i} is here." for i in (1, 2, 3)]
    assert rest[-1].sentences[0] == "Story number 9999 is here."


def test_summarize_many_accepts_articles_and_empty_input() -> None:
    summarizer = load_summarizer("extractive")
    assert isinstance(summarizer, Summarizer)
    assert list(summarizer.summarize_many([])) == []
    out = list(summarizer.summarize_many([Article("A first sentence that is long enough."), ""]))
    assert out[1].text == ""
    assert repr(summarizer) == "Summarizer(name='extractive')"


# --- cleaning and chunking ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("the team 's coach said it was n't over .", "the team's coach said it wasn't over."),
        ("First point .<n>Second point , too .", "First point. Second point, too."),
        ("spaces  and   more ( like this ) !", "spaces and more (like this)!"),
        ("<pad> text </s>", "text"),
        ("", ""),
    ],
)
def test_clean_summary_text(raw: str, clean: str) -> None:
    assert clean_summary_text(raw) == clean


def test_summary_sentences_drop_a_cut_off_tail_only_after_a_whole_sentence() -> None:
    assert summary_sentences("The storm hit. Crews were sent to the") == ("The storm hit.",)
    assert summary_sentences("Crews were sent to the") == ("Crews were sent to the",)
    assert summary_sentences("One. Two. Three.", max_sentences=2) == ("One.", "Two.")
    assert summary_sentences("") == ()


@pytest.mark.parametrize(
    ("sentence", "balanced"),
    [
        ("“Nobody voted for this lightly.", "“Nobody voted for this lightly.”"),
        ("Our members have families,” she said.", "“Our members have families,” she said."),
        ('"We will fight.', '"We will fight."'),
        ('We will win," he said.', '"We will win," he said.'),
        ('He said it was "fine" and left.', 'He said it was "fine" and left.'),
        ("No quotes here.", "No quotes here."),
        ("", ""),
    ],
)
def test_balance_quotes(sentence: str, balanced: str) -> None:
    assert balance_quotes(sentence) == balanced


def test_extractive_summary_never_leaves_a_quotation_open() -> None:
    text = (
        "Dockworkers began a strike on Monday over plans to automate the port.\n"
        "“Nobody voted for this strike lightly. Our members have families,” "
        "said the union leader, Sanne de Wit.\n"
        "The employers said the machines would replace 1,100 jobs by 2030."
    )
    for model in ("extractive", "lead-3"):
        for sentence in briefing.summarize(text, model=model).sentences:
            assert sentence.count("“") == sentence.count("”"), sentence


def _count_words(texts: object) -> list[int]:
    return [len(str(text).split()) for text in texts]  # type: ignore[attr-defined]


def test_chunk_by_tokens_keeps_every_word_and_the_limit() -> None:
    sentences = [f"sentence {i} has " + "word " * (i % 7) for i in range(60)]
    sentences.append("giant " * 95)
    chunks = chunk_by_tokens(sentences, _count_words, 40)
    assert " ".join(chunks).split() == " ".join(sentences).split()
    assert all(len(chunk.split()) <= 40 for chunk in chunks)
    assert len(chunks) > 3
    assert chunk_by_tokens([], _count_words, 40) == []
    with pytest.raises(ValueError):
        chunk_by_tokens(["x"], _count_words, 0)


# --- download -----------------------------------------------------------------


def _offline_env(cache: Path) -> dict[str, str]:
    # A closed local port: connections are refused at once, as with no network.
    return {
        **os.environ,
        "PYTHONPATH": SRC,
        "HF_ENDPOINT": "http://127.0.0.1:9",
        "HF_HUB_CACHE": str(cache),
    }


def test_download_without_network_fails_fast_with_one_line(tmp_path: Path) -> None:
    code = (
        "import argparse, sys\n"
        "from briefing import BriefingError\n"
        "from briefing.cli import _download\n"
        "parser = argparse.ArgumentParser(prog='briefing')\n"
        "_download.register(parser.add_subparsers())\n"
        "args = parser.parse_args(['download', '--quiet'])\n"
        "try:\n"
        "    args.func(args)\n"
        "except BriefingError as exc:\n"
        "    print(type(exc).__name__ + ': ' + str(exc))\n"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_offline_env(tmp_path),
        timeout=60,
    )
    assert time.monotonic() - started < 20
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout + result.stderr
    assert lines[0].startswith("ModelNotAvailableError: model sshleifer/distilbart-cnn-12-6")
    assert "cannot download" in lines[0]


def test_download_rejects_non_hub_ids(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        download_model(str(tmp_path))
    with pytest.raises(ConfigError):
        download_model("a/b/c")


def test_download_subcommand_registers_its_options() -> None:
    from briefing.cli import _download

    parser = argparse.ArgumentParser(prog="briefing")
    _download.register(parser.add_subparsers())
    args = parser.parse_args(["download", "google/pegasus-xsum", "--allow-pickle"])
    assert args.model == "google/pegasus-xsum"
    assert args.allow_pickle is True
    assert args.func is _download.run
    assert parser.parse_args(["download"]).model == DEFAULT_ABSTRACTIVE_MODEL
