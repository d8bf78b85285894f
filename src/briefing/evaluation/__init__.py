"""Evaluation: ROUGE with confidence intervals, claim scores, faithfulness, cost.

The pieces are usable one by one (:func:`check`, :func:`load_data`,
:func:`rouge_per_article`, :func:`bootstrap_interval`) or together through
:func:`evaluate` and ``briefing eval``.
"""

from briefing.evaluation._check import CheckResult, UnsupportedItem, check
from briefing.evaluation._data import EvalData, EvalRecord, detokenize, load_data, load_hub
from briefing.evaluation._harness import (
    ClaimResult,
    CorrelationResult,
    Cost,
    EvalOptions,
    EvalReport,
    System,
    SystemResult,
    combine_data,
    default_systems,
    evaluate,
    spearman,
    word_share,
)
from briefing.evaluation._pins import check_pins, pinned_figures, read_pins, write_pins
from briefing.evaluation._report import (
    compare_reports,
    format_comparison,
    format_table,
    load_report,
    to_markdown,
    write_chart,
    write_outputs,
)
from briefing.evaluation._rouge import Interval, bootstrap_interval, rouge_per_article

__all__ = [
    "CheckResult",
    "ClaimResult",
    "CorrelationResult",
    "Cost",
    "EvalData",
    "EvalOptions",
    "EvalRecord",
    "EvalReport",
    "Interval",
    "System",
    "SystemResult",
    "UnsupportedItem",
    "bootstrap_interval",
    "check",
    "check_pins",
    "combine_data",
    "compare_reports",
    "default_systems",
    "detokenize",
    "evaluate",
    "format_comparison",
    "format_table",
    "load_data",
    "load_hub",
    "load_report",
    "pinned_figures",
    "read_pins",
    "rouge_per_article",
    "spearman",
    "to_markdown",
    "word_share",
    "write_chart",
    "write_outputs",
    "write_pins",
]
