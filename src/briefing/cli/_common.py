"""Pieces the subcommands share: reading many inputs, reporting errors, exit codes.

Exit codes: 0 when every input succeeded, 1 when an input failed or a
:class:`BriefingError` stopped the command, 2 for a usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from briefing.article import DEFAULT_MAX_BYTES, ReadOptions, read_article
from briefing.errors import InputError
from briefing.types import Article

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "InputTally",
    "add_input_arguments",
    "iter_articles",
    "report_error",
]

EXIT_OK = 0
EXIT_FAILED = 1


def report_error(message: str) -> None:
    """Print one line to stderr, prefixed with the program name."""
    print(f"briefing: {message}", file=sys.stderr, flush=True)


def _size(text: str) -> int:
    """Parse a size such as ``5MB``, ``500k`` or ``1000000`` into bytes."""
    units = {"": 1, "b": 1, "k": 1_000, "kb": 1_000, "m": 1_000_000, "mb": 1_000_000}
    cleaned = text.strip().lower()
    number = cleaned.rstrip("kmb")
    unit = cleaned[len(number) :]
    try:
        value = float(number) * units[unit]
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 5MB or 500kB") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than zero")
    return int(value)


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the positional article paths and the options that govern reading them."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article files (plain text or HTML), or - for standard input",
    )
    parser.add_argument(
        "--max-bytes",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="refuse inputs larger than this (default: 5MB; accepts kB/MB suffixes)",
    )


@dataclass
class InputTally:
    """Counts the inputs a command handled, to choose its exit code."""

    ok: int = 0
    failed: int = 0

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK


def iter_articles(
    paths: Sequence[str], options: ReadOptions, tally: InputTally
) -> Iterator[tuple[str, Article]]:
    """Read each path in turn, reporting unreadable ones on stderr and skipping them.

    One bad file never stops the others: its error is printed as one line and
    counted in ``tally``.
    """
    for path in paths:
        try:
            article = read_article(path, options=options)
        except InputError as error:
            tally.failed += 1
            report_error(str(error))
            continue
        yield path, article
