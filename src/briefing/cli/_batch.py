"""``briefing batch``: summaries and claims for a whole file, folder or data set."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from briefing.batch import BatchOptions, Processor, run_batch
from briefing.batch._options import DEFAULT_CHUNK_SIZE, DEFAULT_MODEL

__all__ = ["register", "run"]

_DESCRIPTION = """\
Summarize and extract the claims of every record of INPUT into OUTPUT, one row per
record (id, title, summary, claims, model). INPUT is a .jsonl, .csv or .parquet file,
a folder of .txt/.html files, a .json/.arrow file or saved folder read with datasets,
or a Hugging Face hub data set name (name or name:split). OUTPUT ends in .jsonl or
.parquet. Records that cannot be used go to OUTPUT.errors.jsonl with the reason.
A killed job rerun with the same command continues where it stopped, and every input
record ends up exactly once in OUTPUT or in the errors file."""


def register(subparsers: Any) -> None:
    """Add the ``batch`` subcommand to the ``briefing`` parser."""
    parser = subparsers.add_parser(
        "batch",
        help="summaries and claims for a whole file, folder or data set (resumable)",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", metavar="INPUT", help="file, folder or hub data set name")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUTPUT", help="a .jsonl or .parquet file"
    )
    parser.add_argument(
        "--claims-only", action="store_true", help="extract claims only, no summaries"
    )
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help=f"summarizer: extractive, lead-3, auto, a hub id or a local path "
        f"(default {DEFAULT_MODEL})",
    )
    parser.add_argument("--device", help="device for a seq2seq model: auto, cpu, cuda")
    parser.add_argument(
        "--workers",
        type=_count,
        metavar="N",
        help="worker processes (default: every core; 0 runs in this process)",
    )
    parser.add_argument(
        "--engine",
        choices=("plain", "ray"),
        default="plain",
        help="plain: processes on this machine (default); "
        "ray: Ray Data (pip install briefing[ray])",
    )
    parser.add_argument(
        "--address", help="Ray cluster to join (ray://host:10001 or auto); implies --engine ray"
    )
    parser.add_argument(
        "--fail-on-error",
        action="store_true",
        help="exit with status 1 if any record is in the errors file",
    )
    parser.add_argument("--id-field", default="id", metavar="F", help="id field (default id)")
    parser.add_argument(
        "--text-field", default="text", metavar="F", help="article text field (default text)"
    )
    parser.add_argument(
        "--html-field",
        default="html",
        metavar="F",
        help="article HTML field, used when the text field is absent (default html)",
    )
    parser.add_argument(
        "--chunk-size",
        type=_count,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"records per worker task (default {DEFAULT_CHUNK_SIZE})",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``briefing batch``; return the exit status (1: errors and --fail-on-error)."""
    return _run(args, Processor())


def _run(args: argparse.Namespace, processor: Processor) -> int:
    # Separate from run() so tests can pass stand-in parts through the real CLI path.
    options = BatchOptions(
        claims_only=args.claims_only,
        model=args.model,
        device=args.device,
        workers=args.workers,
        engine="ray" if args.address else args.engine,
        address=args.address,
        id_field=args.id_field,
        text_field=args.text_field,
        html_field=args.html_field,
        chunk_size=args.chunk_size or DEFAULT_CHUNK_SIZE,
        progress=not args.quiet,
    )
    try:
        report = run_batch(args.input, args.output, options, processor=processor)
    except KeyboardInterrupt:
        print("briefing: batch interrupted; rerun the same command to resume", file=sys.stderr)
        return 130
    if not args.quiet:
        print(f"briefing: batch: {report.summary_line()}", file=sys.stderr)
    if args.fail_on_error and (report.failed or report.failed_before):
        return 1
    return 0


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text}")
    return value
