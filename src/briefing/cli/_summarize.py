"""``briefing summarize``: a summary and the attributed claims of each article."""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Iterator

from briefing._brief import brief_many
from briefing.article import ReadOptions
from briefing.cli._claims import format_claims_text
from briefing.cli._common import InputTally, add_input_arguments, iter_articles
from briefing.summarize import SummarizeOptions, load_summarizer
from briefing.types import Article, Briefing

__all__ = ["register", "run"]

_HELP = "summarize articles and list their attributed claims"
_EPILOG = """\
models (--model):
  auto        the default abstractive model (sshleifer/distilbart-cnn-12-6) when it
              is in the local Hugging Face cache, else the extractive summarizer
              (a one-line notice says so; fetch the model with `briefing download`)
  extractive  offline extractive news summarizer (no download needed)
  lead-3      the first sentences of the story (a baseline)
  ID or PATH  any seq2seq checkpoint: a hub id or a local directory

examples:
  briefing summarize eval/samples/harbour-strike.txt
  briefing summarize page.html --format json --model extractive
  briefing summarize *.txt --model facebook/bart-large-cnn --device cuda
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "summarize",
        help=_HELP,
        description=_HELP.capitalize() + ".",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text for people (default), json for programs (JSON Lines for several "
        "paths), markdown for reports",
    )
    parser.add_argument(
        "--model",
        default="auto",
        metavar="ID|PATH",
        help="auto (default), extractive, lead-3, a hub id or a local checkpoint",
    )
    parser.add_argument(
        "--sentences",
        type=int,
        metavar="N",
        help="length of extractive and lead summaries in sentences (default: 3)",
    )
    parser.add_argument(
        "--words",
        type=int,
        metavar="N",
        help="word budget for extractive summaries (whole sentences, up to N words)",
    )
    parser.add_argument(
        "--device",
        choices=("auto", "cpu", "cuda", "mps"),
        default="auto",
        help="where a seq2seq model runs (default: auto, a GPU when there is one)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar and no notices on stderr"
    )
    parser.add_argument(
        "--allow-pickle",
        action="store_true",
        help="allow checkpoints saved as pickle (.bin); they can run code when loaded, "
        "so only use this for checkpoints you trust",
    )
    generation = parser.add_argument_group(
        "generation (seq2seq models; default: the model's preset)"
    )
    generation.add_argument("--num-beams", type=int, metavar="N")
    generation.add_argument("--length-penalty", type=float, metavar="X")
    generation.add_argument("--no-repeat-ngram-size", type=int, metavar="N")
    generation.add_argument("--min-new-tokens", type=int, metavar="N")
    generation.add_argument("--max-new-tokens", type=int, metavar="N")
    generation.add_argument(
        "--batch-tokens",
        type=int,
        metavar="N",
        help="padded input tokens per batch when summarizing many articles",
    )
    parser.set_defaults(func=run)


def _options(args: argparse.Namespace) -> SummarizeOptions:
    overrides = {
        "sentences": args.sentences,
        "max_words": args.words,
        "batch_tokens": args.batch_tokens,
        "device": args.device,
        "progress": not args.quiet,
        "allow_pickle": args.allow_pickle,
        "num_beams": args.num_beams,
        "length_penalty": args.length_penalty,
        "no_repeat_ngram_size": args.no_repeat_ngram_size,
        "min_new_tokens": args.min_new_tokens,
        "max_new_tokens": args.max_new_tokens,
    }
    return dataclasses.replace(
        SummarizeOptions(), **{k: v for k, v in overrides.items() if v is not None}
    )


def _render(result: Briefing, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False)
    if fmt == "markdown":
        lines = [f"# {result.title or result.origin}", ""]
        lines += [f"**Summary** ({result.summary.model})", "", result.summary.text, ""]
        lines += ["## Claims", ""]
        for claim in result.claims:
            speaker = claim.source or "_no source_"
            cue = f" ({claim.cue})" if claim.cue else ""
            lines.append(f"- **{speaker}**{cue} [{claim.kind}]: {claim.content}")
        if not result.claims:
            lines.append("No attributed claims found.")
        return "\n".join(lines) + "\n"
    lines = []
    if result.title:
        lines.append(result.title)
        lines.append("")
    lines.append(f"Summary ({result.summary.model}):")
    lines.append(result.summary.text or "(the article has no sentences to summarize)")
    lines.append("")
    lines.append(f"Claims ({len(result.claims)}):")
    lines.append(format_claims_text(result.claims))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    summarizer = load_summarizer(args.model, _options(args))
    tally = InputTally()
    several = len(args.paths) > 1
    articles = iter_articles(args.paths, ReadOptions(max_bytes=args.max_bytes), tally)
    paths: list[str] = []

    def article_stream() -> Iterator[Article]:
        for path, article in articles:
            paths.append(path)
            yield article

    for number, result in enumerate(brief_many(article_stream(), summarizer=summarizer)):
        if several and args.format == "text":
            print(f"== {paths[number]} ==")
        print(_render(result, args.format), flush=True)
        if several and args.format == "text":
            print()
        tally.ok += 1
    return tally.exit_code
