"""``briefing claims``: the attributed claims of one or more articles."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from briefing.article import ReadOptions
from briefing.claims import extract_claims
from briefing.cli._common import InputTally, add_input_arguments, iter_articles
from briefing.types import Claim

__all__ = ["format_claims_text", "register", "run"]

_HELP = "list the attributed claims (who said what) in articles"
_EPILOG = """\
Each claim has the resolved speaker (source), the words naming them as written
(source_text), the reporting cue, the content, its kind (direct, indirect, mixed or
unattributed), the sentence index and the character offsets of the content.
With several paths, --format json prints one JSON object per line.

examples:
  briefing claims story.txt
  briefing claims page.html --format json
  curl -s https://example.org/news | briefing claims -
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "claims",
        help=_HELP,
        description=_HELP.capitalize() + ".",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for programs",
    )
    parser.set_defaults(func=run)


def format_claims_text(claims: Sequence[Claim]) -> str:
    """Claims as numbered lines for a terminal."""
    if not claims:
        return "No attributed claims found."
    lines = []
    for number, claim in enumerate(claims, 1):
        speaker = claim.source or "(no source)"
        if not claim.resolved:
            speaker += " (unresolved)"
        cue = f", {claim.cue}" if claim.cue else ""
        lines.append(f"{number:>3}. {speaker} [{claim.kind}{cue}]: {claim.content}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    tally = InputTally()
    several = len(args.paths) > 1
    for path, article in iter_articles(args.paths, ReadOptions(max_bytes=args.max_bytes), tally):
        claims = extract_claims(article)
        if args.format == "json":
            record: dict[str, object] = {"claims": [claim.to_dict() for claim in claims]}
            if several:
                record = {"origin": article.origin, **record}
            print(json.dumps(record, ensure_ascii=False), flush=True)
        else:
            if several:
                print(f"== {path} ==")
            print(format_claims_text(claims), flush=True)
        tally.ok += 1
    return tally.exit_code
