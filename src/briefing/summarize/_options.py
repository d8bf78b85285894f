"""Options for every summarizer, in one frozen object with named defaults."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from briefing.errors import ConfigError

__all__ = [
    "DEFAULT_ABSTRACTIVE_MODEL",
    "DEFAULT_BATCH_TOKENS",
    "DEFAULT_MAX_BATCH_SIZE",
    "DEFAULT_SENTENCES",
    "DEFAULT_WINDOW",
    "Device",
    "SummarizeOptions",
]

Device = Literal["auto", "cpu", "cuda", "mps"]
DEVICES: tuple[str, ...] = ("auto", "cpu", "cuda", "mps")

#: The abstractive checkpoint ``model="auto"`` uses when it is already cached.
DEFAULT_ABSTRACTIVE_MODEL = "sshleifer/distilbart-cnn-12-6"
#: Sentences in an extractive summary (``lead-3`` is named after this default).
DEFAULT_SENTENCES = 3
#: Padded input tokens per batch on CPU (batch size x longest input in it). Small
#: enough that length-sorted batches carry little padding, which a CPU pays for in
#: full (measured with benchmarks/bench_summarize_cpu.py: 4,096 beat 2,048 and 16,384).
#: On CUDA the budget is sized from free GPU memory instead (see ``batch_tokens``).
DEFAULT_BATCH_TOKENS = 4_096
#: Most articles per batch on CPU, whatever the token budget allows; on CUDA, 1,024.
DEFAULT_MAX_BATCH_SIZE = 64
#: Articles read ahead from the input iterable, sorted by length and batched together;
#: only this many articles (and their summaries) are held in memory at a time.
DEFAULT_WINDOW = 256


@dataclass(frozen=True, slots=True)
class SummarizeOptions:
    """How to summarize; every field has a working default.

    Attributes:
        sentences: sentences in an extractive summary (``lead-3``, ``extractive``);
            for abstractive models, ``None`` keeps what the model writes and a number
            keeps at most that many sentences of it. CLI ``--sentences N``.
        max_words: optional word budget for the extractive summarizer; sentences
            are added while the summary stays within it (at least one is kept).
        device: ``"auto"`` (CUDA, then MPS, then CPU), ``"cpu"``, ``"cuda"`` or
            ``"mps"``. CLI ``--device``.
        dtype: ``"auto"`` (bfloat16 on CUDA when supported, else float16 on
            CUDA/MPS, float32 on CPU), ``"float32"``, ``"bfloat16"``, ``"float16"``.
        progress: show a tqdm progress bar on stderr while summarizing many articles
            (shown only when stderr is a terminal). CLI ``--quiet`` sets it False.
        allow_pickle: allow loading a checkpoint stored only as pickle
            (``pytorch_model.bin``), which can run arbitrary code when loaded. Off by
            default: only safetensors weights are loaded. CLI ``--allow-pickle``.
        local_files_only: never contact the Hugging Face hub while loading; the
            checkpoint must already be in the local cache or be a local directory.
        num_beams, length_penalty, no_repeat_ngram_size, min_new_tokens,
            max_new_tokens: generation settings; ``None`` takes the model family's
            preset (see ``briefing/_data/summarize_presets.json``). CLI
            ``--num-beams``, ``--length-penalty``, ``--no-repeat-ngram-size``,
            ``--min-new-tokens``, ``--max-new-tokens``.
        batch_tokens: padded input tokens per batch; bigger is faster until memory
            runs out. ``None`` (default): 4,096 on CPU and MPS; on CUDA, what fits in
            half the free GPU memory given the model's size and beam count (large
            batches are what make a GPU fast here). CLI ``--batch-tokens``.
        max_batch_size: most articles in one batch; ``None``: 64 on CPU/MPS, 1,024 on
            CUDA.
        window: articles read ahead from the input and batched together; bounds
            memory when summarizing a stream of articles.
        max_input_tokens: cap on tokens per chunk; ``None`` uses the model's real
            input limit. Longer articles are cut into sentence-aligned chunks, never
            truncated.
    """

    sentences: int | None = None
    max_words: int | None = None
    device: Device = "auto"
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    progress: bool = True
    allow_pickle: bool = False
    local_files_only: bool = False
    num_beams: int | None = None
    length_penalty: float | None = None
    no_repeat_ngram_size: int | None = None
    min_new_tokens: int | None = None
    max_new_tokens: int | None = None
    batch_tokens: int | None = None
    max_batch_size: int | None = None
    window: int = DEFAULT_WINDOW
    max_input_tokens: int | None = None

    def __post_init__(self) -> None:
        positive = {
            "sentences": self.sentences,
            "max_words": self.max_words,
            "num_beams": self.num_beams,
            "max_new_tokens": self.max_new_tokens,
            "batch_tokens": self.batch_tokens,
            "max_batch_size": self.max_batch_size,
            "window": self.window,
            "max_input_tokens": self.max_input_tokens,
        }
        for name, value in positive.items():
            if value is not None and (isinstance(value, bool) or value < 1):
                raise ConfigError(
                    f"SummarizeOptions.{name} must be a positive integer, got {value!r}"
                )
        for name, value in (
            ("no_repeat_ngram_size", self.no_repeat_ngram_size),
            ("min_new_tokens", self.min_new_tokens),
        ):
            if value is not None and value < 0:
                raise ConfigError(f"SummarizeOptions.{name} must be >= 0, got {value!r}")
        if (
            self.min_new_tokens is not None
            and self.max_new_tokens is not None
            and self.min_new_tokens > self.max_new_tokens
        ):
            raise ConfigError(
                f"SummarizeOptions.min_new_tokens ({self.min_new_tokens}) is larger than "
                f"max_new_tokens ({self.max_new_tokens})"
            )
        if self.device not in DEVICES:
            raise ConfigError(
                f"SummarizeOptions.device must be one of {', '.join(DEVICES)}, got {self.device!r}"
            )
        if self.dtype not in ("auto", "float32", "bfloat16", "float16"):
            raise ConfigError(
                "SummarizeOptions.dtype must be auto, float32, bfloat16 or float16, "
                f"got {self.dtype!r}"
            )

    def generation_overrides(self) -> dict[str, Any]:
        """The generation settings given explicitly (those not ``None``)."""
        fields = (
            "num_beams",
            "length_penalty",
            "no_repeat_ngram_size",
            "min_new_tokens",
            "max_new_tokens",
        )
        return {name: getattr(self, name) for name in fields if getattr(self, name) is not None}

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
