"""GPU throughput: a plain fp32 ``model.generate()`` loop vs briefing's batched path.

The model is built from config with random weights (nothing is downloaded): a
distilbart-cnn-12-6-sized BART (d_model 1024, 12 encoder and 6 decoder layers, vocab
50,264). Inputs are news-length texts (~780 tokens on average); outputs are forced to
60 tokens (min_new_tokens = max_new_tokens = 60) with 4 beams, so both sides do the
same work. Both sides take text in and give text out through the same tokenizer
(trained locally by ``models/build_tiny.py``). Prints one JSON line.

* ``loop``: the usual hand-rolled code, fp32, one article per ``generate`` call
  (timed on ``--loop-articles`` articles; it is slow).
* ``briefing``: ``load_summarizer(path).summarize_many(texts)``: bfloat16, SDPA
  attention, length-sorted batches sized from free GPU memory, pinned transfers.
* ``briefing_static`` (``--static-cache``): the same plus a static KV cache and
  ``torch.compile`` of the model forward. transformers 5.24 only auto-compiles for
  greedy/sampling (beam search calls the model eagerly), so this compiles the forward
  itself; it is experimental and reported separately, with its error if it fails.

Usage::

    python benchmarks/bench_summarize_gpu.py                      # on a CUDA machine
    python benchmarks/bench_summarize_gpu.py --device cpu --small # end-to-end smoke test
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from briefing import SummarizeOptions, load_summarizer  # noqa: E402


def _builder() -> Any:
    spec = importlib.util.spec_from_file_location("build_tiny", REPO / "models" / "build_tiny.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_model_dir(out: Path, *, small: bool, max_positions: int) -> Path:
    """Save a random BART (distilbart-cnn-12-6 shape, or tiny with ``small``)."""
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    tokenizer = _builder()._tokenizer("bart", 2000, max_positions)
    if small:
        shape = {"d_model": 64, "encoder_layers": 2, "decoder_layers": 1, "heads": 4, "ffn": 128}
        vocab = 2000
    else:
        shape = {"d_model": 1024, "encoder_layers": 12, "decoder_layers": 6, "heads": 16}
        shape["ffn"] = 4096
        vocab = 50264
    config = BartConfig(
        vocab_size=max(vocab, len(tokenizer)),
        d_model=shape["d_model"],
        encoder_layers=shape["encoder_layers"],
        decoder_layers=shape["decoder_layers"],
        encoder_attention_heads=shape["heads"],
        decoder_attention_heads=shape["heads"],
        encoder_ffn_dim=shape["ffn"],
        decoder_ffn_dim=shape["ffn"],
        max_position_embeddings=max_positions,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=None,
    )
    torch.manual_seed(0)
    model = BartForConditionalGeneration(config)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def make_texts(tokenizer: Any, count: int, mean_tokens: int, seed: int = 0) -> list[str]:
    """News-like texts whose token counts spread around ``mean_tokens`` (+-25%)."""
    rng = random.Random(seed)
    sentences = _builder().sample_sentences(3000, seed=seed)
    per_sentence = sum(len(tokenizer(s)["input_ids"]) for s in sentences[:50]) / 50
    texts = []
    for _ in range(count):
        target = mean_tokens * rng.uniform(0.75, 1.25)
        n = max(1, int(target / per_sentence))
        start = rng.randrange(0, len(sentences) - n)
        texts.append(" ".join(sentences[start : start + n]))
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--small", action="store_true", help="tiny model: a CPU smoke test")
    parser.add_argument("--articles", type=int, default=None, help="default 1024 (small: 16)")
    parser.add_argument("--loop-articles", type=int, default=None, help="default 32 (small: 4)")
    parser.add_argument("--input-tokens", type=int, default=None, help="default 780 (small: 80)")
    parser.add_argument("--new-tokens", type=int, default=60)
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--batch-tokens", type=int, default=None)
    parser.add_argument("--max-batch-size", type=int, default=None)
    parser.add_argument("--static-cache", action="store_true")
    args = parser.parse_args()
    articles = args.articles or (16 if args.small else 1024)
    loop_articles = args.loop_articles or (4 if args.small else 32)
    input_tokens = args.input_tokens or (80 if args.small else 780)

    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    settings = {
        "num_beams": args.beams,
        "length_penalty": 2.0,
        "no_repeat_ngram_size": 3,
        "min_new_tokens": args.new_tokens,
        "max_new_tokens": args.new_tokens,
        "early_stopping": True,
    }
    result: dict[str, Any] = {
        "benchmark": "summarize_gpu",
        "device": args.device,
        "gpu": torch.cuda.get_device_name() if args.device == "cuda" else None,
        "small": args.small,
        "beams": args.beams,
        "new_tokens": args.new_tokens,
    }

    def sync() -> None:
        if args.device == "cuda":
            torch.cuda.synchronize()

    with tempfile.TemporaryDirectory() as tmp:
        path = build_model_dir(Path(tmp) / "bart", small=args.small, max_positions=1024)
        tokenizer = AutoTokenizer.from_pretrained(path)
        texts = make_texts(tokenizer, articles, input_tokens)
        lengths = [len(tokenizer(text)["input_ids"]) for text in texts]
        result["articles"] = articles
        result["input_tokens_mean"] = round(sum(lengths) / len(lengths), 1)
        result["input_tokens_max"] = max(lengths)

        # Plain fp32 loop, the baseline users write by hand.
        model = AutoModelForSeq2SeqLM.from_pretrained(path).to(args.device).eval()
        with torch.inference_mode():
            warm = tokenizer(texts[0], return_tensors="pt").to(args.device)
            model.generate(**warm, **settings)
            sync()
            started = time.perf_counter()
            for text in texts[:loop_articles]:
                inputs = tokenizer(text, return_tensors="pt").to(args.device)
                output = model.generate(**inputs, **settings)
                tokenizer.decode(output[0], skip_special_tokens=True)
            sync()
        loop_s = time.perf_counter() - started
        result["loop_fp32_articles_per_s"] = round(loop_articles / loop_s, 2)
        del model
        if args.device == "cuda":
            torch.cuda.empty_cache()

        options = SummarizeOptions(
            device=args.device,  # type: ignore[arg-type]
            progress=False,
            num_beams=args.beams,
            length_penalty=2.0,
            no_repeat_ngram_size=3,
            min_new_tokens=args.new_tokens,
            max_new_tokens=args.new_tokens,
            batch_tokens=args.batch_tokens,
            max_batch_size=args.max_batch_size,
            window=articles,
        )
        summarizer = load_summarizer(str(path), options)
        backend = summarizer._backend
        result["briefing_dtype"] = str(backend.dtype).replace("torch.", "")  # type: ignore[attr-defined]
        result["briefing_batch_tokens"] = backend.batch_tokens  # type: ignore[attr-defined]
        result["briefing_max_batch_size"] = backend.max_batch_size  # type: ignore[attr-defined]
        list(summarizer.summarize_many(texts[: min(8, articles)]))  # warm-up
        sync()
        started = time.perf_counter()
        summaries = list(summarizer.summarize_many(texts))
        sync()
        briefing_s = time.perf_counter() - started
        result["briefing_articles_per_s"] = round(articles / briefing_s, 2)
        result["speedup_vs_loop"] = round(
            result["briefing_articles_per_s"] / result["loop_fp32_articles_per_s"], 2
        )
        result["chunks_max"] = max(summary.chunks for summary in summaries)
        result["tokens_dropped"] = sum(summary.tokens_dropped for summary in summaries)
        if args.device == "cuda":
            result["peak_gpu_memory_gib"] = round(torch.cuda.max_memory_allocated() / 2**30, 1)

        if args.static_cache:
            try:
                model = backend.model  # type: ignore[attr-defined]
                model.generation_config.cache_implementation = "static"
                model.forward = torch.compile(model.forward, mode="reduce-overhead", dynamic=True)
                list(summarizer.summarize_many(texts[: min(8, articles)]))
                sync()
                started = time.perf_counter()
                list(summarizer.summarize_many(texts))
                sync()
                result["briefing_static_articles_per_s"] = round(
                    articles / (time.perf_counter() - started), 2
                )
            except Exception as exc:  # experimental path: report, do not hide the rest
                result["briefing_static_error"] = f"{type(exc).__name__}: {str(exc)[:300]}"

    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
