"""``briefing check``: is a summary supported by its article?"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing.errors import InputError

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` subcommand."""
    parser = subparsers.add_parser(
        "check",
        help="check a summary against its article (unsupported numbers, names, quotes)",
        description="Score how well ARTICLE supports a summary and list the numbers, dates, "
        "names and quotations in the summary that the article does not contain.",
    )
    parser.add_argument("article", metavar="ARTICLE", help="article file, or - for standard input")
    parser.add_argument(
        "--summary",
        "-s",
        required=True,
        metavar="S",
        help="the summary text, or @FILE to read it from a file",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="X",
        help="exit with status 1 when the score is below X (for scripts)",
    )
    parser.set_defaults(func=run)


def _read_text(spec: str, what: str) -> str:
    if spec == "-":
        return sys.stdin.read()
    path = Path(spec)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{spec}: no such {what} file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{spec}: is a directory, not a {what} file") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{spec}: the {what} is not UTF-8 text") from exc
    except OSError as exc:
        raise InputError(f"{spec}: cannot read the {what} ({exc.strerror or exc})") from exc


def _read_article(spec: str) -> str:
    import briefing

    reader = getattr(briefing, "read_article", None)
    if reader is not None:
        return str(reader(spec).text)
    return _read_text(spec, "article")


def run(args: argparse.Namespace) -> int:
    """Run ``briefing check``; 0 when done (1 with --min-score and a lower score)."""
    from briefing.evaluation import check

    summary = (
        _read_text(args.summary[1:], "summary") if args.summary.startswith("@") else args.summary
    )
    if not summary.strip():
        raise InputError("--summary: the summary is empty")
    article = _read_article(args.article)
    result = check(summary, article)
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(
            f"score {result.score:.3f}  (word support {result.word_support:.3f}, "
            f"order support {result.order_support:.3f}, "
            f"weakest sentence {result.sentence_support:.3f}; "
            f"splices {result.splices}, dangling pronouns {result.dangling_pronouns})"
        )
        if not result.unsupported:
            print("no unsupported numbers, dates, names or quotations")
        for item in result.unsupported:
            print(f"unsupported {item.kind}: {item.text} (summary sentence {item.sentence + 1})")
    if args.min_score is not None and result.score < args.min_score:
        return 1
    return 0
