"""The ``briefing`` command line.

This package only parses arguments and prints results; the work is done by the
library. Each subcommand lives in its own module (``_summarize.py``,
``_claims.py``, ...) with a ``register(subparsers)`` function that adds its parser
and sets ``func`` to the function that runs it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from briefing import __version__
from briefing.claims import compiled as claims_compiled
from briefing.cli import _batch, _check, _claims, _download, _eval, _summarize
from briefing.cli._common import EXIT_FAILED, report_error
from briefing.errors import BriefingError

__all__ = ["main"]

# The order in which ``briefing --help`` lists the subcommands.
_COMMANDS: tuple[ModuleType, ...] = (_summarize, _claims, _check, _eval, _batch, _download)

_DESCRIPTION = """\
Summaries and attributed claims (who said what) from news articles.

examples:
  briefing summarize story.txt                 summary and claims of one article
  briefing summarize page.html --format json   the same as one JSON object
  briefing claims *.txt --format json          claims of many articles, JSON Lines
  cat story.txt | briefing claims -            read standard input
"""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    engine = "compiled" if claims_compiled() else "pure Python"
    parser.add_argument(
        "--version", action="version", version=f"briefing {__version__} (claim engine: {engine})"
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.register(subparsers)
    return parser


class _StderrNotices(logging.Handler):
    """Shows the library's notices (model fallbacks and the like) as one line each."""

    def emit(self, record: logging.LogRecord) -> None:
        report_error(record.getMessage())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Args:
        argv: the arguments without the program name (default: ``sys.argv[1:]``).
    """
    args = build_parser().parse_args(argv)
    logger = logging.getLogger("briefing")
    handler = _StderrNotices(logging.ERROR if getattr(args, "quiet", False) else logging.INFO)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        code: int = args.func(args)
        return code
    except BriefingError as error:
        report_error(str(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        report_error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``briefing claims x | head``): not an error.
        sys.stderr.close()
        return EXIT_FAILED
    finally:
        logger.removeHandler(handler)


if __name__ == "__main__":
    sys.exit(main())
