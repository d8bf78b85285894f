"""Batch jobs: summaries and claims for a whole file, folder or data set, resumably.

``run_batch(INPUT, OUTPUT)`` streams the input, processes records in worker
processes (or on a Ray cluster) and appends one row per record to ``OUTPUT``, or
to ``OUTPUT.errors.jsonl`` when the record cannot be used. A killed job rerun with
the same arguments continues where it stopped; see :mod:`briefing.batch._run` for
the exactly-once rules and :mod:`briefing.batch._output` for how the files survive
a kill.
"""

from briefing.batch._options import BatchOptions, BatchReport
from briefing.batch._processor import Processor, Summarizer
from briefing.batch._run import errors_path_for, run_batch

__all__ = ["BatchOptions", "BatchReport", "Processor", "Summarizer", "errors_path_for", "run_batch"]
