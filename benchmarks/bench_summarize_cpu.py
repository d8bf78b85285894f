"""CPU throughput: briefing's batched summarization vs a plain ``model.generate()`` loop.

Both run the same small random-weight BART checkpoint (built locally with
``models/build_tiny.py``, d_model 256, 3+3 layers), the same inputs (news articles
from the SummEval CNN/DM sample, cut at sentence boundaries to fit the model) and the
same generation settings (4 beams, length penalty 2.0, no-repeat 3-grams, a forced
output length so both produce the same number of tokens), side by side in one run.
Prints one JSON line with articles/s of each and their ratio.

Usage::

    python benchmarks/bench_summarize_cpu.py [--articles 24] [--new-tokens 32] [--rounds 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from briefing import Article, SummarizeOptions, load_summarizer  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "summeval-cnndm" / "summeval.jsonl"


def _builder() -> Any:
    spec = importlib.util.spec_from_file_location("build_tiny", REPO / "models" / "build_tiny.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _articles(tokenizer: Any, count: int, limit: int) -> list[str]:
    """News articles cut at sentence boundaries to at most ``limit`` tokens."""
    if DATA.exists():
        sources = [json.loads(line)["src"] for line in DATA.read_text("utf-8").splitlines()]
    else:  # the data set is optional; fall back to the builder's sentences
        sentences = _builder().sample_sentences(2000)
        sources = [" ".join(sentences[i * 20 : (i + 1) * 20]) for i in range(100)]
    articles = []
    for index, source in enumerate(sources[:count]):
        # Vary the length as news does: keep between 25% and 100% of the budget.
        budget = int(limit * (0.25 + 0.75 * ((index * 37) % 100) / 100))
        kept: list[str] = []
        for sentence in Article(source).sentences:
            candidate = " ".join([*kept, sentence.text])
            if len(tokenizer(candidate)["input_ids"]) > budget:
                break
            kept.append(sentence.text)
        articles.append(" ".join(kept) or Article(source).sentences[0].text[:200])
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--new-tokens", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=512)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as tmp:
        path = _builder().build_checkpoint(
            "bart", Path(tmp) / "small-bart", size="small", max_length=args.max_length
        )
        settings = {
            "num_beams": 4,
            "length_penalty": 2.0,
            "no_repeat_ngram_size": 3,
            "min_new_tokens": args.new_tokens,
            "max_new_tokens": args.new_tokens,
            "early_stopping": True,
        }
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModelForSeq2SeqLM.from_pretrained(path).eval()
        articles = _articles(tokenizer, args.articles, args.max_length - 2)
        lengths = [len(tokenizer(text)["input_ids"]) for text in articles]

        # Warm both paths once so that neither pays first-call costs in the timing.
        warm = tokenizer(articles[0], return_tensors="pt")
        with torch.inference_mode():
            model.generate(**warm, **settings)

        options = SummarizeOptions(
            device="cpu",
            progress=False,
            num_beams=4,
            length_penalty=2.0,
            no_repeat_ngram_size=3,
            min_new_tokens=args.new_tokens,
            max_new_tokens=args.new_tokens,
        )
        summarizer = load_summarizer(str(path), options)
        summarizer.summarize(articles[0])

        def run_loop() -> float:
            started = time.perf_counter()
            with torch.inference_mode():
                for text in articles:
                    inputs = tokenizer(
                        text, return_tensors="pt", truncation=True, max_length=args.max_length
                    )
                    output = model.generate(**inputs, **settings)
                    tokenizer.decode(output[0], skip_special_tokens=True)
            return time.perf_counter() - started

        def run_briefing() -> float:
            started = time.perf_counter()
            summaries.extend(summarizer.summarize_many(articles))
            return time.perf_counter() - started

        # The machine is shared: the two are alternated and each keeps its best round,
        # so a burst of load elsewhere does not decide the ratio.
        summaries: list[Any] = []
        loop_times, briefing_times = [], []
        for _ in range(args.rounds):
            loop_times.append(run_loop())
            briefing_times.append(run_briefing())
        loop_s, briefing_s = min(loop_times), min(briefing_times)

    result = {
        "benchmark": "summarize_cpu",
        "model": "random BART d_model=256 3+3 layers (models/build_tiny.py --size small)",
        "articles": len(articles),
        "input_tokens_mean": round(sum(lengths) / len(lengths), 1),
        "input_tokens_min_max": [min(lengths), max(lengths)],
        "new_tokens": args.new_tokens,
        "num_beams": 4,
        "torch_threads": torch.get_num_threads(),
        "loop_articles_per_s": round(len(articles) / loop_s, 2),
        "briefing_articles_per_s": round(len(articles) / briefing_s, 2),
        "speedup": round(loop_s / briefing_s, 2),
        "loop_s_rounds": [round(t, 2) for t in loop_times],
        "briefing_s_rounds": [round(t, 2) for t in briefing_times],
        "chunks_max": max(summary.chunks for summary in summaries),
        "tokens_dropped": sum(summary.tokens_dropped for summary in summaries),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
