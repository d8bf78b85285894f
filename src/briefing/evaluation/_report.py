"""Presenting an evaluation: terminal table, Markdown report, chart, comparisons.

All functions here work on the JSON form of a report (``EvalReport.to_dict()``), so
a saved ``results.json`` can be re-rendered or compared without rerunning anything.
"""

from __future__ import annotations

import json
import math
import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from briefing.errors import DataError

__all__ = [
    "compare_reports",
    "format_comparison",
    "format_table",
    "load_report",
    "to_markdown",
    "write_chart",
    "write_outputs",
]

_MEASURES = (("rouge1", "R-1"), ("rouge2", "R-2"), ("rougeLsum", "R-Lsum"))


def _cell(interval: Mapping[str, Any] | None, ci: bool) -> str:
    if not interval:
        return "-"
    mean = 100 * float(interval["mean"])
    if not ci:
        return f"{mean:.2f}"
    return f"{mean:.2f} [{100 * float(interval['low']):.2f}, {100 * float(interval['high']):.2f}]"


def _rows(report: Mapping[str, Any], ci: bool) -> tuple[list[str], list[list[str]]]:
    header = ["system", "kind", "n", *(label for _, label in _MEASURES), "check"]
    humans = sorted({k for s in report["systems"] for k in s.get("human", {})})
    header += [f"human {h}" for h in humans]
    header += ["art/s", "peak MB"]
    rows: list[list[str]] = []
    for s in report["systems"]:
        row = [s["name"], s["kind"], str(s["articles"])]
        row += [_cell(s["rouge"].get(m), ci) for m, _ in _MEASURES]
        faith = s.get("faithfulness")
        row.append(f"{float(faith['mean']):.3f}" if faith else "-")
        row += [f"{s['human'][h]:.3f}" if h in s.get("human", {}) else "-" for h in humans]
        cost = s.get("cost")
        row += (
            [f"{cost['articles_per_second']:.1f}", f"{cost['peak_rss_mb']:.0f}"]
            if cost
            else ["-", "-"]
        )
        rows.append(row)
    return header, rows


def _claims_lines(claims: Mapping[str, Any]) -> list[str]:
    ci = claims["f1_interval"]
    lines = [
        f"claims ({claims['articles']} articles, {claims['gold']} gold, "
        f"{claims['predicted']} predicted): "
        f"P {claims['precision']:.3f}  R {claims['recall']:.3f}  F1 {claims['f1']:.3f} "
        f"[{ci['low']:.3f}, {ci['high']:.3f}]  source accuracy {claims['source_accuracy']:.3f}  "
        f"({claims['cost']['articles_per_second']:.1f} articles/s)"
    ]
    for kind, prf in claims.get("by_kind", {}).items():
        lines.append(
            f"  {kind:<13} P {prf['precision']:.3f}  R {prf['recall']:.3f}  F1 {prf['f1']:.3f}"
            f"  (gold {prf['gold']}, predicted {prf['predicted']})"
        )
    return lines


def format_table(report: Mapping[str, Any], *, ci: bool = True) -> str:
    """The results as a plain-text table for the terminal.

    ROUGE figures are F-measures x 100 with their bootstrap interval in brackets.
    """
    header, rows = _rows(report, ci)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        f"data: {report['data']['name']} ({report['data']['records']} articles)",
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    if report.get("claims"):
        lines += ["", *_claims_lines(report["claims"])]
    corr = report.get("faithfulness_correlation")
    if corr:
        lines += [
            "",
            f"faithfulness vs human {corr['measure']} ({corr['pairs']} summaries, Spearman): "
            f"check {corr['spearman_check']:.3f}, word share {corr['spearman_word_share']:.3f}",
        ]
    problems = report["data"].get("problems", [])
    for note in [*report.get("notes", []), *problems]:
        lines.append(f"note: {note}")
    for s in report["systems"]:
        lines += [f"failed: {f}" for f in s.get("failures", [])]
    return "\n".join(lines)


def to_markdown(report: Mapping[str, Any], *, title: str = "Evaluation report") -> str:
    """The results as a Markdown document (tables, claims, configuration)."""
    header, rows = _rows(report, ci=True)
    config = report["config"]
    data = report["data"]
    command = config.get("command")
    out = [f"# {title}", ""]
    if command:
        out += ["Produced by:", "", "```", shlex.join(command), "```", ""]
    out += [
        f"Data: `{data['source']}` ({data['format']}, {data['records']} articles, "
        f"sha256 `{data['sha256']}`).",
        "",
        "ROUGE: F-measure x 100 (rouge-score, stemmed; ROUGE-Lsum with one sentence per line), "
        f"{config.get('rouge', {}).get('multiple_references', 'best over references')}, "
        "mean over articles, "
        f"{int(100 * config['options']['confidence'])}% bootstrap interval over articles "
        f"({config['options']['resamples']} resamples, seed {config['options']['seed']}). "
        "`check`: mean faithfulness score of `briefing.check` (0-1).",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    if report.get("claims"):
        out += ["", "## Claims", "", "```", *_claims_lines(report["claims"]), "```"]
    corr = report.get("faithfulness_correlation")
    if corr:
        out += [
            "",
            "## Faithfulness check against human judgements",
            "",
            f"Spearman correlation with the human `{corr['measure']}` scores over "
            f"{corr['pairs']} system summaries: `briefing.check` **{corr['spearman_check']:.3f}**; "
            f"share of summary words found in the article {corr['spearman_word_share']:.3f}.",
        ]
    notes = [*report.get("notes", []), *data.get("problems", [])]
    failures = [f for s in report["systems"] for f in s.get("failures", [])]
    if notes or failures:
        out += ["", "## Notes", ""] + [f"- {n}" for n in notes + failures]
    out += [
        "",
        "## Configuration",
        "",
        "```json",
        json.dumps({k: v for k, v in config.items() if k != "command"}, indent=2, sort_keys=True),
        "```",
        "",
    ]
    return "\n".join(out)


def write_chart(report: Mapping[str, Any], path: Path) -> None:
    """Save a bar chart of ROUGE (with intervals) for every system as a PNG."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed; safe in CI and over SSH
    import matplotlib.pyplot as plt

    systems = [s for s in report["systems"] if s["rouge"]]
    fig, ax = plt.subplots(figsize=(max(6.0, 0.6 * len(systems) + 2), 4.5))
    width = 0.8 / len(_MEASURES)
    for k, (measure, label) in enumerate(_MEASURES):
        xs: list[float] = []
        means: list[float] = []
        errs: list[list[float]] = [[], []]
        for i, s in enumerate(systems):
            interval = s["rouge"].get(measure)
            if not interval:
                continue
            xs.append(i + (k - 1) * width)
            means.append(100 * interval["mean"])
            errs[0].append(100 * (interval["mean"] - interval["low"]))
            errs[1].append(100 * (interval["high"] - interval["mean"]))
        ax.bar(xs, means, width, yerr=errs, capsize=2, label=label)
    ax.set_xticks(range(len(systems)))
    ax.set_xticklabels(
        [s["name"] + (" *" if s["kind"] != "data" else "") for s in systems],
        rotation=45,
        ha="right",
    )
    ax.set_ylabel("ROUGE F x 100")
    ax.set_title(f"{report['data']['name']}  (* run by briefing; bars: 95% bootstrap CI)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_outputs(
    report: Mapping[str, Any], folder: Path, *, title: str = "Evaluation report"
) -> list[Path]:
    """Write ``results.json``, ``report.md`` and ``chart.png`` into ``folder``.

    Raises:
        DataError: the folder cannot be created or written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        paths = [folder / "results.json", folder / "report.md", folder / "chart.png"]
        paths[0].write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        paths[1].write_text(to_markdown(report, title=title), encoding="utf-8")
        write_chart(report, paths[2])
    except OSError as exc:
        raise DataError(f"{folder}: cannot write the report ({exc.strerror or exc})") from exc
    return paths


def load_report(path: str | Path) -> dict[str, Any]:
    """Read a ``results.json`` written by ``briefing eval --output``.

    Raises:
        DataError: the file is missing, not JSON, or not an evaluation report.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a JSON evaluation report") from exc
    if not isinstance(data, dict) or "systems" not in data or "data" not in data:
        raise DataError(f"{path}: not an evaluation report (no 'systems' and 'data')")
    return data


def _flat(report: Mapping[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for s in report["systems"]:
        for measure, interval in s["rouge"].items():
            out[f"{s['name']}/{measure}"] = float(interval["mean"])
        if s.get("faithfulness"):
            out[f"{s['name']}/check"] = float(s["faithfulness"]["mean"])
        if s.get("cost"):
            out[f"{s['name']}/articles_per_second"] = float(s["cost"]["articles_per_second"])
    claims = report.get("claims")
    if claims:
        for key in ("precision", "recall", "f1", "source_accuracy"):
            out[f"claims/{key}"] = float(claims[key])
        for kind, prf in claims.get("by_kind", {}).items():
            out[f"claims/{kind}/f1"] = float(prf["f1"])
    corr = report.get("faithfulness_correlation")
    if corr:
        out["faithfulness/spearman"] = float(corr["spearman_check"])
    return out


def compare_reports(
    old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[tuple[str, float | None, float | None]]:
    """Figures of two reports side by side: (key, old, new) for every key in either."""
    a, b = _flat(old), _flat(new)
    return [(k, a.get(k), b.get(k)) for k in sorted(set(a) | set(b))]


def format_comparison(
    rows: Sequence[tuple[str, float | None, float | None]], *, only_moved: bool = True
) -> str:
    """A table of what moved between two reports (ROUGE and F1 shown x 100)."""
    lines = [f"{'figure':<40} {'old':>10} {'new':>10} {'change':>10}"]
    for key, old, new in rows:
        if (
            only_moved
            and old is not None
            and new is not None
            and math.isclose(old, new, abs_tol=1e-9)
        ):
            continue
        scale = 1.0 if key.endswith("articles_per_second") else 100.0
        fmt = "{:>10.2f}"
        o = fmt.format(scale * old) if old is not None else f"{'-':>10}"
        n = fmt.format(scale * new) if new is not None else f"{'-':>10}"
        d = fmt.format(scale * (new - old)) if old is not None and new is not None else f"{'-':>10}"
        lines.append(f"{key:<40} {o} {n} {d}")
    if len(lines) == 1:
        lines.append("(nothing moved)")
    return "\n".join(lines)
