"""``briefing download [MODEL]``: fetch a checkpoint for later offline use."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from briefing.summarize import DEFAULT_ABSTRACTIVE_MODEL, download_model
from briefing.summarize._hub import DOWNLOAD_TIMEOUT_S

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``download`` subcommand to ``subparsers`` (from ``add_subparsers``)."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "download",
        help="fetch a summarization model into the local cache for offline use",
        description=(
            "Fetch a seq2seq checkpoint from the Hugging Face hub into the local cache "
            "(weights, config and tokenizer files only), so that "
            "`briefing summarize --model MODEL` works offline afterwards. A checkpoint "
            "published only as pickle (pytorch_model.bin) is converted to safetensors "
            "in the cache, read with torch's weights_only guard. Prints the local path."
        ),
    )
    parser.add_argument(
        "model",
        nargs="?",
        default=DEFAULT_ABSTRACTIVE_MODEL,
        help=f"hub id (default: {DEFAULT_ABSTRACTIVE_MODEL})",
    )
    parser.add_argument(
        "--allow-pickle",
        action="store_true",
        help="keep pickle-only weights (pytorch_model.bin) as they are instead of "
        "converting them to safetensors (loading them then needs --allow-pickle too)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DOWNLOAD_TIMEOUT_S,
        metavar="SECONDS",
        help=f"give up when the hub does not answer in time (default: {DOWNLOAD_TIMEOUT_S:g})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Download ``args.model``; errors are raised as BriefingError for ``main`` to print.

    Raises:
        ModelNotAvailableError: no network, or no such model on the hub.
        ModelError: the model has no usable weights, or its pickle cannot be converted.
        ConfigError: the name is not a hub id.
    """
    path = download_model(
        args.model,
        allow_pickle=args.allow_pickle,
        progress=not args.quiet,
        timeout_s=args.timeout,
        notice=None if args.quiet else _notice,
    )
    print(path)
    return 0


def _notice(message: str) -> None:
    print(f"briefing: {message}", file=sys.stderr)
