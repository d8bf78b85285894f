"""``briefing eval``: score summarizers and the claim extractor with confidence intervals."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from briefing.errors import ConfigError

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``eval`` subcommand."""
    parser = subparsers.add_parser(
        "eval",
        help="evaluate summarizers and claim extraction on your data or standard sets",
        description="Score briefing's summarizers (Lead-3, extractive, a model) side by side with "
        "ROUGE and bootstrap intervals, claim extraction against gold claims, faithfulness "
        "and cost. "
        "Examples: briefing eval --data eval/stories/dev-a.jsonl --output out/;  "
        "briefing eval --data ../shared/data/summeval-cnndm/summeval.jsonl --format summeval;  "
        'briefing eval --dataset cnn_dailymail --config 3.0.0 --split "test[:500]"',
    )
    src = parser.add_argument_group("data")
    src.add_argument(
        "--data", action="append", default=[], metavar="FILE", help="local data (repeatable)"
    )
    src.add_argument(
        "--format",
        default="auto",
        choices=("auto", "table", "summeval", "realsumm", "polnear"),
        help="how to read --data (default: guess)",
    )
    src.add_argument("--text-field", default=None, metavar="F", help="field holding the article")
    src.add_argument(
        "--reference-field", default=None, metavar="F", help="field holding the reference(s)"
    )
    src.add_argument(
        "--claims-field", default="claims", metavar="F", help="field holding gold claims"
    )
    src.add_argument(
        "--dataset", default=None, metavar="NAME", help="hub data set, e.g. cnn_dailymail"
    )
    src.add_argument("--config", default=None, metavar="C", help="hub data set configuration")
    src.add_argument("--split", default="test", metavar="S", help='hub split, e.g. "test[:500]"')
    src.add_argument(
        "--limit", type=int, default=None, metavar="N", help="use only the first N articles"
    )
    sysg = parser.add_argument_group("systems")
    sysg.add_argument(
        "--model", default=None, metavar="ID", help="seq2seq model id or path to evaluate too"
    )
    sysg.add_argument("--device", default="cpu", help="cpu or cuda (for --model)")
    sysg.add_argument(
        "--baselines",
        default="lead-3,extractive",
        metavar="LIST",
        help="comma-separated briefing summarizers to run (default lead-3,extractive; '' for none)",
    )
    sysg.add_argument(
        "--no-data-systems", action="store_true", help="ignore summaries shipped with the data"
    )
    sysg.add_argument("--no-claims", action="store_true", help="do not score claim extraction")
    sysg.add_argument(
        "--faithfulness-correlation",
        action="store_true",
        help="only correlate briefing.check with the data's human consistency scores (SummEval)",
    )
    stats = parser.add_argument_group("statistics")
    stats.add_argument(
        "--references",
        choices=("all", "first"),
        default="all",
        help="ROUGE against the best of all references (default) or the first only",
    )
    stats.add_argument(
        "--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)"
    )
    stats.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    stats.add_argument(
        "--confidence", type=float, default=0.95, help="interval width (default 0.95)"
    )
    out = parser.add_argument_group("output")
    out.add_argument(
        "--output", default=None, metavar="DIR", help="write results.json, report.md, chart.png"
    )
    out.add_argument("--title", default="Evaluation report", help="title of the Markdown report")
    out.add_argument(
        "--compare",
        nargs=2,
        metavar=("OLD", "NEW"),
        help="show what moved between two results.json",
    )
    out.add_argument(
        "--update-pins", default=None, metavar="PINS", help="rewrite the pins file from this run"
    )
    out.add_argument(
        "--check-pins", default=None, metavar="PINS", help="exit 1 if a pinned figure dropped"
    )
    out.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def _command_line(argv: list[str] | None) -> list[str]:
    return ["briefing", *(argv if argv is not None else sys.argv[1:])]


def run(args: argparse.Namespace) -> int:
    """Run ``briefing eval``; 0 when everything was scored, 1 when something failed."""
    from briefing.evaluation import (
        EvalOptions,
        check_pins,
        combine_data,
        compare_reports,
        evaluate,
        format_comparison,
        format_table,
        load_data,
        load_hub,
        load_report,
        read_pins,
        write_outputs,
        write_pins,
    )
    from briefing.evaluation._data import EvalData

    if args.compare:
        old, new = (load_report(p) for p in args.compare)
        print(format_comparison(compare_reports(old, new)))
        return 0
    if not args.data and not args.dataset:
        raise ConfigError("eval: give --data FILE or --dataset NAME (or --compare OLD NEW)")
    if args.resamples < 1:
        raise ConfigError(f"--resamples must be at least 1, got {args.resamples}")
    if args.limit is not None and args.limit < 1:
        raise ConfigError(f"--limit must be at least 1, got {args.limit}")
    parts = [
        load_data(
            path,
            format=args.format,
            text_field=args.text_field,
            reference_field=args.reference_field,
            claims_field=args.claims_field,
        )
        for path in args.data
    ]
    if args.dataset:
        parts.append(
            load_hub(
                args.dataset,
                config=args.config,
                split=args.split,
                text_field=args.text_field,
                reference_field=args.reference_field,
            )
        )
    data = combine_data(parts)
    if args.limit is not None:
        data = EvalData(
            data.name, data.source, data.format, data.records[: args.limit], data.problems,
            data.sha256, data.tokenized,
        )  # fmt: skip
    baselines = tuple(b.strip() for b in args.baselines.split(",") if b.strip())
    options = EvalOptions(
        resamples=args.resamples,
        seed=args.seed,
        confidence=args.confidence,
        baselines=() if args.faithfulness_correlation else baselines,
        model=None if args.faithfulness_correlation else args.model,
        device=args.device,
        data_systems=not args.no_data_systems,
        claims=not (args.no_claims or args.faithfulness_correlation),
        progress=not args.quiet,
        rouge=not args.faithfulness_correlation,
        references=args.references,
    )
    command = getattr(args, "command_line", None) or _command_line(None)
    report = evaluate(data, options=options, command=command).to_dict()
    print(format_table(report))
    if args.faithfulness_correlation and report["faithfulness_correlation"] is None:
        raise ConfigError(
            "--faithfulness-correlation: the data has no human consistency scores (use SummEval)"
        )
    if args.output:
        for path in write_outputs(report, Path(args.output), title=args.title):
            print(f"wrote {path}", file=sys.stderr)
    status = 0
    if report["data"]["problems"] or any(s["failures"] for s in report["systems"]):
        status = 1
    files = [Path(p) for p in args.data]
    if args.update_pins:
        moved = write_pins(
            Path(args.update_pins), report, files, root=Path.cwd(), command=shlex.join(command)
        )
        print("\n".join(moved) if moved else "pins unchanged", file=sys.stderr)
    if args.check_pins:
        failures = check_pins(read_pins(Path(args.check_pins)), report, files, root=Path.cwd())
        for failure in failures:
            print(f"briefing: pin failed: {failure}", file=sys.stderr)
        status = 1 if failures else status
    return status
