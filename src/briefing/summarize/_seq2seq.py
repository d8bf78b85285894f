"""Abstractive summaries with any encoder-decoder checkpoint (BART, PEGASUS, T5, LED).

This is the only module that imports torch and transformers, and it does so when a
:class:`Seq2SeqBackend` is built. It replaces the summarization pipeline that
transformers 5 no longer has, and fixes what that pipeline did badly:

* long articles are cut into sentence-aligned chunks that fit the model's real input
  limit, and the chunk summaries are fused, instead of crashing past 1,024 tokens;
* articles are sorted by length and batched under a padded-token budget, so short
  articles are not padded to the longest one;
* generation settings come from a per-family preset;
* only safetensors weights are loaded unless pickle is explicitly allowed, and remote
  code is never run.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.errors import ConfigError, ModelError, ModelNotAvailableError
from briefing.summarize._chunking import chunk_by_tokens
from briefing.summarize._clean import summary_sentences
from briefing.summarize._hub import find_checkpoint, hub_cache_dir
from briefing.summarize._options import (
    DEFAULT_BATCH_TOKENS,
    DEFAULT_MAX_BATCH_SIZE,
    SummarizeOptions,
)
from briefing.summarize._presets import GenerationPreset, preset_for
from briefing.types import Article, Summary

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

__all__ = ["Seq2SeqBackend", "resolve_device", "resolve_dtype"]

# Used when neither the config nor the tokenizer states a usable input limit
# (T5 uses relative positions and has no hard one; 512 is what it was trained on).
_FALLBACK_INPUT_LIMIT = 512
# Tokenizers without a limit report a huge sentinel (int(1e30)).
_NO_LIMIT = 1_000_000
# Summaries of summaries: each round shrinks a long article's text by about
# input_limit / max_new_tokens, so a few rounds cover any article.
_MAX_FUSION_ROUNDS = 4
# On a GPU, batch size is what buys speed: beam search is bound by per-step overhead,
# not arithmetic, so a step over 1,024 articles costs little more than over 64.
_CUDA_MAX_BATCH_SIZE = 1024


def resolve_device(requested: str) -> str:
    """Turn ``auto|cpu|cuda|mps`` into a device torch can use here.

    Raises:
        ConfigError: ``cuda`` or ``mps`` was asked for but is not available.
    """
    import torch

    if requested == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise ConfigError(
            f"device cuda: CUDA is not available to this torch ({torch.__version__}); "
            "use --device cpu or --device auto"
        )
    if requested == "mps" and not torch.backends.mps.is_available():
        raise ConfigError("device mps: Apple MPS is not available here; use --device cpu or auto")
    if requested not in ("cpu", "cuda", "mps"):
        raise ConfigError(f"device {requested!r}: expected auto, cpu, cuda or mps")
    return requested


def resolve_dtype(requested: str, device: str) -> torch.dtype:
    """bfloat16 (or float16) on accelerators, float32 on CPU, unless asked otherwise."""
    import torch

    if requested != "auto":
        return {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[
            requested
        ]
    if device == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device == "mps":
        return torch.float16
    return torch.float32


@dataclass(slots=True)
class _Job:
    """One text to summarize: a chunk of an article or a fusion of chunk summaries."""

    article: int
    text: str
    ids: list[int]
    dropped: int
    output: str = ""


class Seq2SeqBackend:
    """A loaded encoder-decoder checkpoint that summarizes batches of articles.

    Args:
        name: a local checkpoint directory or a hub id already in the local cache.
        options: loading and generation options.

    Raises:
        ModelNotAvailableError: the checkpoint is not cached (run ``briefing download``).
        ModelError: it has only pickle weights and ``allow_pickle`` is off, it is not
            an encoder-decoder, or it cannot be loaded.
        ConfigError: the requested device is not available.
    """

    def __init__(self, name: str, options: SummarizeOptions) -> None:
        files = find_checkpoint(name)
        if files is None:
            raise ModelNotAvailableError(
                f"model {name}: not in the local Hugging Face cache ({hub_cache_dir()}) "
                f"and not a checkpoint directory; run `briefing download {name}` first"
            )
        if files.pickle and not options.allow_pickle:
            raise ModelError(
                f"model {name}: only pickle weights (pytorch_model.bin), which can run code "
                "when loaded; pass --allow-pickle (allow_pickle=True) only if you trust it"
            )
        if not files.safetensors and not files.pickle:
            raise ModelError(f"model {name}: no model.safetensors or pytorch_model.bin weights")

        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.name = name
        self.options = options
        self.device = resolve_device(options.device)
        self.dtype = resolve_dtype(options.dtype, self.device)
        self._torch = torch
        try:
            self.tokenizer: PreTrainedTokenizerBase = AutoTokenizer.from_pretrained(
                files.source, local_files_only=True, trust_remote_code=False
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(
                f"model {name}: cannot load its tokenizer ({_first_line(exc)})"
            ) from exc
        from transformers.utils import logging as transformers_logging

        # transformers draws a "Loading weights" bar on stderr; show it only where
        # briefing would show its own progress bar.
        bar_was_on = transformers_logging.is_progress_bar_enabled()
        if not (options.progress and sys.stderr.isatty()):
            transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        try:
            self.model: PreTrainedModel = self._load_model(
                AutoModelForSeq2SeqLM, files.source, use_safetensors=not files.pickle
            )
        finally:
            if bar_was_on:
                transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]
        self.model.eval()  # type: ignore[no-untyped-call]
        self.model.to(self.device)  # type: ignore[arg-type]
        self.preset: GenerationPreset = preset_for(
            getattr(self.model.config, "model_type", None)
        ).with_overrides(options.generation_overrides())
        self.input_limit = self._input_limit()
        prefix_tokens = len(self._encode([self.preset.prefix])[0]) if self.preset.prefix else 0
        self.chunk_tokens = max(
            8, self.input_limit - self.tokenizer.num_special_tokens_to_add() - prefix_tokens
        )
        self.batch_tokens, self.max_batch_size = self._batch_limits()

    def _batch_limits(self) -> tuple[int, int]:
        """Padded tokens and articles per batch: the options, or sized for the device."""
        tokens, articles = self.options.batch_tokens, self.options.max_batch_size
        if self.device != "cuda":
            return tokens or DEFAULT_BATCH_TOKENS, articles or DEFAULT_MAX_BATCH_SIZE
        if tokens is None:
            # What one input token costs during beam search: the cross-attention keys
            # and values every beam keeps for every decoder layer, plus encoder
            # activations. Half the free memory is left for logits and the allocator.
            config = self.model.config
            d_model = int(getattr(config, "d_model", 0) or getattr(config, "hidden_size", 1024))
            layers = int(
                getattr(config, "decoder_layers", 0)
                or getattr(config, "num_decoder_layers", 0)
                or getattr(config, "num_layers", 12)
            )
            ffn = int(
                getattr(config, "encoder_ffn_dim", 0) or getattr(config, "d_ff", 0) or 4 * d_model
            )
            width = self._torch.finfo(self.dtype).bits // 8
            per_token = width * (self.preset.num_beams * layers * 2 * d_model + 4 * d_model + ffn)
            free, _total = self._torch.cuda.mem_get_info()
            tokens = max(self.input_limit, int(free * 0.5 / per_token))
        return tokens, articles or _CUDA_MAX_BATCH_SIZE

    def _load_model(self, auto: Any, source: str, *, use_safetensors: bool) -> PreTrainedModel:
        kwargs: dict[str, Any] = {
            "local_files_only": True,
            "trust_remote_code": False,
            "use_safetensors": use_safetensors,
            "dtype": self.dtype,
        }
        try:
            try:
                model: PreTrainedModel = auto.from_pretrained(
                    source, attn_implementation="sdpa", **kwargs
                )
            except ValueError as exc:
                # Families without an SDPA kernel say so with a ValueError; anything
                # else (not an encoder-decoder, broken config) fails again below.
                if "sdpa" not in str(exc).lower() and "attention" not in str(exc).lower():
                    raise
                model = auto.from_pretrained(source, attn_implementation="eager", **kwargs)
        except ValueError as exc:
            raise ModelError(
                f"model {self.name}: not an encoder-decoder checkpoint ({_first_line(exc)})"
            ) from exc
        except (OSError, KeyError, RuntimeError, TypeError, pickle.UnpicklingError) as exc:
            # UnpicklingError: a pickle checkpoint (--allow-pickle) holding more than
            # tensors, refused by torch's restricted loader.
            raise ModelError(f"model {self.name}: cannot load ({_first_line(exc)})") from exc
        return model

    def _decoder_limit(self) -> int | None:
        """How many positions the decoder's learned position table has, if any
        (T5-style relative positions have no such limit)."""
        config = self.model.config
        for attribute in ("max_decoder_position_embeddings", "max_position_embeddings"):
            value = getattr(config, attribute, None)
            if isinstance(value, int) and value > 0:
                return value
        return None

    def _generate_settings(self) -> dict[str, Any]:
        """The preset's settings, with the new tokens capped to what the decoder's
        position table holds (less the start and end tokens): a small checkpoint
        would otherwise fail inside ``generate`` with an IndexError."""
        settings = self.preset.generate_kwargs()
        limit = self._decoder_limit()
        if limit is not None and isinstance(settings.get("max_new_tokens"), int):
            room = max(1, limit - 2)
            if settings["max_new_tokens"] > room:
                settings["max_new_tokens"] = room
                if isinstance(settings.get("min_new_tokens"), int):
                    settings["min_new_tokens"] = min(settings["min_new_tokens"], room)
        return settings

    def _input_limit(self) -> int:
        config = self.model.config
        limits: list[int] = []
        for attribute in ("max_encoder_position_embeddings", "max_position_embeddings"):
            value = getattr(config, attribute, None)
            if isinstance(value, int) and value > 0:
                limits.append(value)
                break
        tokenizer_limit = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < _NO_LIMIT:
            limits.append(tokenizer_limit)
        limit = min(limits) if limits else _FALLBACK_INPUT_LIMIT
        if self.options.max_input_tokens is not None:
            limit = min(limit, self.options.max_input_tokens)
        return limit

    def _encode(self, texts: Sequence[str], *, special: bool = False) -> list[list[int]]:
        if not texts:
            return []
        encoded = self.tokenizer(list(texts), add_special_tokens=special, verbose=False)
        return [list(ids) for ids in encoded["input_ids"]]

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens in each text as this model's tokenizer counts them (no special tokens)."""
        return [len(ids) for ids in self._encode(texts)]

    def _job(self, article: int, text: str) -> _Job:
        ids = self._encode([self.preset.prefix + text], special=True)[0]
        dropped = 0
        if len(ids) > self.input_limit:
            # Only reachable for a single "word" longer than the whole input limit
            # (chunking keeps everything else under it); what is cut is recorded.
            dropped = len(ids) - self.input_limit
            ids = ids[: self.input_limit - 1] + ids[-1:]
        return _Job(article, text, ids, dropped)

    def summarize_batch(
        self, articles: Sequence[Article], on_progress: Callable[[int], None] | None = None
    ) -> list[Summary]:
        """Summarize articles together, in batches, returning summaries in input order.

        Args:
            articles: the articles (a window of the caller's input).
            on_progress: called with the number of articles finished after each batch.

        Returns:
            One :class:`Summary` per article, in order.
        """
        input_tokens = [0] * len(articles)
        chunk_counts = [0] * len(articles)
        jobs: list[_Job] = []
        for index, article in enumerate(articles):
            sentences = [sentence.text for sentence in article.sentences]
            if not sentences:
                continue
            input_tokens[index] = sum(self.count_tokens(sentences))
            chunks = chunk_by_tokens(sentences, self.count_tokens, self.chunk_tokens)
            chunk_counts[index] = len(chunks)
            jobs.extend(self._job(index, chunk) for chunk in chunks)

        pending = [0] * len(articles)
        for job in jobs:
            pending[job.article] += 1
        empty = sum(1 for count in pending if count == 0)
        if on_progress is not None and empty:
            on_progress(empty)

        def finished(batch: Sequence[_Job]) -> None:
            done = 0
            for job in batch:
                pending[job.article] -= 1
                done += pending[job.article] == 0
            if on_progress is not None and done:
                on_progress(done)

        self._generate(jobs, finished)
        outputs: dict[int, list[str]] = {}
        dropped = [0] * len(articles)
        for job in jobs:
            outputs.setdefault(job.article, []).append(job.output)
            dropped[job.article] += job.dropped

        # Fuse the summaries of long articles: while the joined chunk summaries are
        # longer than one summary should be, summarize them again (in batches too).
        for fusion_round in range(_MAX_FUSION_ROUNDS + 1):
            fuse_jobs: list[_Job] = []
            for index, parts in outputs.items():
                if len(parts) < 2:
                    continue
                joined = [sentence for part in parts for sentence in summary_sentences(part)]
                short = sum(self.count_tokens(joined)) <= self.preset.max_new_tokens
                # A model whose input limit is barely above its output length cannot
                # shrink the text much; after a few rounds the parts are joined.
                if short or fusion_round == _MAX_FUSION_ROUNDS:
                    outputs[index] = [" ".join(joined)]
                    continue
                chunks = chunk_by_tokens(joined, self.count_tokens, self.chunk_tokens)
                fuse_jobs.extend(self._job(index, chunk) for chunk in chunks)
            if not fuse_jobs:
                break
            self._generate(fuse_jobs, None)
            fused: dict[int, list[str]] = {}
            for job in fuse_jobs:
                fused.setdefault(job.article, []).append(job.output)
                dropped[job.article] += job.dropped
            outputs.update(fused)

        summaries: list[Summary] = []
        for index in range(len(articles)):
            text = " ".join(outputs.get(index, []))
            kept = summary_sentences(text, self.options.sentences)
            summaries.append(
                Summary(
                    text=" ".join(kept),
                    sentences=kept,
                    model=self.name,
                    chunks=chunk_counts[index],
                    input_tokens=input_tokens[index],
                    tokens_dropped=dropped[index],
                )
            )
        return summaries

    def _batches(self, jobs: list[_Job]) -> list[list[_Job]]:
        """Length-sorted batches under the padded-token budget, longest first."""
        ordered = sorted(jobs, key=lambda job: len(job.ids), reverse=True)
        batches: list[list[_Job]] = []
        current: list[_Job] = []
        for job in ordered:
            longest = len(current[0].ids) if current else len(job.ids)
            fits = (len(current) + 1) * longest <= self.batch_tokens
            if current and (not fits or len(current) >= self.max_batch_size):
                batches.append(current)
                current = []
            current.append(job)
        if current:
            batches.append(current)
        return batches

    def _generate(
        self, jobs: list[_Job], on_batch: Callable[[Sequence[_Job]], None] | None
    ) -> None:
        torch = self._torch
        pad_id = self.tokenizer.pad_token_id
        if pad_id is None:
            pad_id = self.tokenizer.eos_token_id or 0
        settings = self._generate_settings()
        is_led = getattr(self.model.config, "model_type", "") == "led"
        for batch in self._batches(jobs):
            longest = max(len(job.ids) for job in batch)
            input_ids = torch.full((len(batch), longest), int(pad_id), dtype=torch.long)
            attention = torch.zeros((len(batch), longest), dtype=torch.long)
            for row, job in enumerate(batch):
                input_ids[row, : len(job.ids)] = torch.tensor(job.ids, dtype=torch.long)
                attention[row, : len(job.ids)] = 1
            extra: dict[str, Any] = {}
            if is_led:
                # LED attends locally except where told; the first token sees everything.
                global_attention = torch.zeros_like(attention)
                global_attention[:, 0] = 1
                extra["global_attention_mask"] = global_attention.to(self.device)
            if self.device == "cuda":
                # Pinned host memory lets the copy overlap with the previous batch's work.
                input_ids, attention = input_ids.pin_memory(), attention.pin_memory()
            try:
                with torch.inference_mode():
                    generated = self.model.generate(  # type: ignore[operator]
                        input_ids=input_ids.to(self.device, non_blocking=True),
                        attention_mask=attention.to(self.device, non_blocking=True),
                        **settings,
                        **extra,
                    )
            except (RuntimeError, IndexError) as exc:
                raise ModelError(
                    f"model {self.name}: generation failed on a batch of {len(batch)} "
                    f"x {longest} tokens ({_first_line(exc)}); try a smaller --batch-tokens"
                ) from exc
            texts = self.tokenizer.batch_decode(
                generated, skip_special_tokens=True, clean_up_tokenization_spaces=False
            )
            for job, text in zip(batch, texts, strict=True):
                job.output = str(text)
            if on_batch is not None:
                on_batch(batch)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]
