"""The seq2seq backend on tiny local checkpoints (BART, T5, PEGASUS families)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing import (
    ConfigError,
    ModelError,
    ModelNotAvailableError,
    SummarizeOptions,
    load_summarizer,
)

# Short outputs and greedy search keep these tests fast; presets are tested separately.
FAST = SummarizeOptions(num_beams=1, min_new_tokens=0, max_new_tokens=6, progress=False)


def _article(n_sentences: int, seed: int = 0) -> str:
    subjects = ["Police", "The minister", "Officials", "The club", "Researchers"]
    return " ".join(
        f"{subjects[(i + seed) % len(subjects)]} said that the storm damaged {i + seed} homes ."
        for i in range(n_sentences)
    )


@pytest.mark.parametrize("family", ["bart", "t5", "pegasus"])
def test_each_family_loads_and_summarizes(
    family: str, tiny_checkpoint: Callable[..., Path]
) -> None:
    summarizer = load_summarizer(str(tiny_checkpoint(family)), FAST)
    assert summarizer.name == str(tiny_checkpoint(family))
    summary = summarizer.summarize(_article(3))
    assert summary.model == summarizer.name
    assert summary.chunks == 1
    assert summary.input_tokens > 0
    assert summary.tokens_dropped == 0
    assert summary.source_sentences == ()
    assert summary.text == " ".join(summary.sentences)


def test_t5_gets_its_task_prefix_and_bart_none(tiny_checkpoint: Callable[..., Path]) -> None:
    t5 = load_summarizer(str(tiny_checkpoint("t5")), FAST)
    bart = load_summarizer(str(tiny_checkpoint("bart")), FAST)
    assert t5._backend.preset.prefix == "summarize: "  # type: ignore[attr-defined]
    assert bart._backend.preset.prefix == ""  # type: ignore[attr-defined]


def _capture_generate(summarizer: Any) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    model = summarizer._backend.model
    original = model.generate

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append({k: v for k, v in kwargs.items() if k not in ("input_ids", "attention_mask")})
        calls[-1]["batch"] = kwargs["input_ids"].shape[0]
        return original(*args, **kwargs)

    model.generate = spy
    return calls


def test_presets_are_applied_and_overridable(tiny_checkpoint: Callable[..., Path]) -> None:
    path = str(tiny_checkpoint("pegasus"))
    default = load_summarizer(path, SummarizeOptions(max_new_tokens=4, progress=False))
    calls = _capture_generate(default)
    default.summarize(_article(2))
    # PEGASUS preset: 8 beams, length penalty 0.8; min follows a lowered max down.
    assert calls[0]["num_beams"] == 8
    assert calls[0]["length_penalty"] == 0.8
    assert calls[0]["no_repeat_ngram_size"] == 3
    assert calls[0]["max_new_tokens"] == 4
    assert calls[0]["min_new_tokens"] == 4

    custom = load_summarizer(
        path,
        SummarizeOptions(
            num_beams=2,
            length_penalty=1.5,
            no_repeat_ngram_size=0,
            min_new_tokens=1,
            max_new_tokens=5,
            progress=False,
        ),
    )
    calls = _capture_generate(custom)
    custom.summarize(_article(2))
    assert calls[0]["num_beams"] == 2
    assert calls[0]["length_penalty"] == 1.5
    assert calls[0]["no_repeat_ngram_size"] == 0
    assert (calls[0]["min_new_tokens"], calls[0]["max_new_tokens"]) == (1, 5)


def test_min_above_preset_max_is_a_config_error(tiny_checkpoint: Callable[..., Path]) -> None:
    with pytest.raises(ConfigError, match="min_new_tokens"):
        load_summarizer(str(tiny_checkpoint("bart")), SummarizeOptions(min_new_tokens=500))


def test_batching_keeps_input_order(tiny_checkpoint: Callable[..., Path]) -> None:
    path = str(tiny_checkpoint("bart"))
    # Different lengths so that length sorting really reorders them, and a tight
    # token budget so that they are split over several batches.
    articles = [_article(n, seed=n) for n in (1, 7, 3, 12, 2, 9, 5)]
    options = SummarizeOptions(
        num_beams=1, min_new_tokens=0, max_new_tokens=6, batch_tokens=200, progress=False
    )
    summarizer = load_summarizer(path, options)
    calls = _capture_generate(summarizer)
    batched = list(summarizer.summarize_many(iter(articles)))
    assert len(calls) > 1
    assert max(call["batch"] for call in calls) > 1
    single = [summarizer.summarize(article) for article in articles]
    assert [s.input_tokens for s in batched] == [s.input_tokens for s in single]
    assert [s.text for s in batched] == [s.text for s in single]
    assert len({s.input_tokens for s in batched}) == len(articles)


def test_window_smaller_than_input(tiny_checkpoint: Callable[..., Path]) -> None:
    path = str(tiny_checkpoint("t5"))
    articles = [_article(n) for n in range(1, 8)]
    options = SummarizeOptions(num_beams=1, min_new_tokens=0, max_new_tokens=4, window=3)
    summaries = list(load_summarizer(path, options).summarize_many(articles))
    tokens = [s.input_tokens for s in summaries]
    assert tokens == sorted(tokens)
    assert len(summaries) == 7


def test_a_20000_word_article_is_chunked_not_truncated(
    tiny_checkpoint: Callable[..., Path],
) -> None:
    words = 0
    sentences = []
    while words < 20_000:
        sentence = f"Officials said that the storm damaged {len(sentences)} homes in the city ."
        sentences.append(sentence)
        words += len(sentence.split())
    article = " ".join(sentences)
    options = SummarizeOptions(
        num_beams=1, min_new_tokens=4, max_new_tokens=8, batch_tokens=8192, progress=False
    )
    summary = load_summarizer(str(tiny_checkpoint("bart")), options).summarize(article)
    assert summary.chunks > 1
    assert summary.tokens_dropped == 0
    assert summary.input_tokens > 20_000
    assert summary.text


def test_one_giant_word_is_recorded_as_dropped(tiny_checkpoint: Callable[..., Path]) -> None:
    # A single token-dense "word" longer than the whole input limit cannot be cut at a
    # word boundary; what the model could not see is reported, not hidden.
    summary = load_summarizer(str(tiny_checkpoint("bart")), FAST).summarize("ab" * 3000)
    assert summary.tokens_dropped > 0


@pytest.mark.parametrize("text", ["", "   ", "\x00\x00", "?!"])
def test_empty_and_hostile_input(text: str, tiny_checkpoint: Callable[..., Path]) -> None:
    summary = load_summarizer(str(tiny_checkpoint("bart")), FAST).summarize(text)
    assert summary.tokens_dropped == 0
    if not text.strip():
        assert summary.text == ""
        assert summary.chunks == 0


def test_pickle_checkpoint_is_refused_unless_allowed(
    tiny_checkpoint: Callable[..., Path],
) -> None:
    path = str(tiny_checkpoint("bart", pickle=True))
    assert (Path(path) / "pytorch_model.bin").exists()
    assert not (Path(path) / "model.safetensors").exists()
    with pytest.raises(ModelError, match=r"only pickle weights.*allow-pickle"):
        load_summarizer(path, FAST)
    allowed = SummarizeOptions(
        allow_pickle=True, num_beams=1, min_new_tokens=0, max_new_tokens=4, progress=False
    )
    summary = load_summarizer(path, allowed).summarize(_article(3))
    assert summary.input_tokens > 0


def test_device_selection(tiny_checkpoint: Callable[..., Path]) -> None:
    import torch

    summarizer = load_summarizer(str(tiny_checkpoint("bart")), FAST)
    if not torch.cuda.is_available():
        assert summarizer._backend.device == "cpu"  # type: ignore[attr-defined]
        assert summarizer._backend.dtype == torch.float32  # type: ignore[attr-defined]
        with pytest.raises(ConfigError, match="device cuda: CUDA is not available"):
            load_summarizer(str(tiny_checkpoint("bart")), SummarizeOptions(device="cuda"))
    if not torch.backends.mps.is_available():
        with pytest.raises(ConfigError, match="device mps"):
            load_summarizer(str(tiny_checkpoint("bart")), SummarizeOptions(device="mps"))


def test_uncached_hub_id_fails_fast_with_download_hint(empty_hf_cache: Path) -> None:
    with pytest.raises(ModelNotAvailableError, match="briefing download facebook/bart-large-cnn"):
        load_summarizer("facebook/bart-large-cnn")


def test_directory_without_config_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"no config\.json"):
        load_summarizer(str(tmp_path))


def test_directory_without_weights_is_a_model_error(
    tiny_checkpoint: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "no-weights"
    shutil.copytree(tiny_checkpoint("bart"), target)
    (target / "model.safetensors").unlink()
    with pytest.raises(ModelError, match=r"no model\.safetensors"):
        load_summarizer(str(target))


def test_decoder_only_checkpoint_is_a_model_error(tmp_path: Path) -> None:
    from transformers import GPT2Config, GPT2LMHeadModel

    model = GPT2LMHeadModel(GPT2Config(n_layer=1, n_embd=16, n_head=2, vocab_size=50))
    model.save_pretrained(tmp_path / "gpt2")
    with pytest.raises(ModelError):
        load_summarizer(str(tmp_path / "gpt2"))


def test_new_tokens_are_capped_to_the_decoder_positions(
    tiny_checkpoint: Callable[..., Path],
) -> None:
    # The tiny BART has 128 positions; its preset asks for more new tokens than
    # that, which used to end in an IndexError inside generate.
    path = str(tiny_checkpoint("bart"))
    summarizer = load_summarizer(
        path, SummarizeOptions(num_beams=1, min_new_tokens=0, max_new_tokens=500, progress=False)
    )
    calls = _capture_generate(summarizer)
    summary = summarizer.summarize(_article(3))
    assert calls[0]["max_new_tokens"] == 126
    assert summary.input_tokens > 0


def test_a_pickle_holding_more_than_tensors_is_a_model_error(
    tiny_checkpoint: Callable[..., Path], tmp_path: Path
) -> None:
    import pickle
    import shutil

    source = Path(tiny_checkpoint("bart", pickle=True))
    target = tmp_path / "malicious"
    shutil.copytree(source, target)

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (print, ("this must never run",))

    (target / "pytorch_model.bin").write_bytes(pickle.dumps({"weight": Payload()}))
    options = SummarizeOptions(allow_pickle=True, num_beams=1, max_new_tokens=4, progress=False)
    with pytest.raises(ModelError, match="cannot load"):
        load_summarizer(str(target), options)
