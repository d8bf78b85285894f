"""The Ray engine: the same job, computed with Ray Data on a cluster.

The driver (this process) still reads the input and writes the files, exactly as
the plain engine does, so the exactly-once rules and the file format are the same
(see :mod:`briefing.batch._run`). It hands Ray Data a window of chunks at a time
(``BatchOptions.ray_window`` records, which bounds memory); Ray runs parsing,
claims and the extractive summarizers with ``map_batches`` as CPU tasks, and a
seq2seq summarizer in an actor (``num_gpus=1`` when a CUDA device is asked for).
Results come back to the driver, which appends them in input order. The actor is
started once per window, so with a seq2seq model keep the window large enough that
loading the model is a small part of summarizing it.

Ray is optional (``pip install briefing[ray]``) and imported only here.
"""

from __future__ import annotations

import importlib
import pickle
from pathlib import Path
from typing import Any

from briefing.batch._processor import (
    ChunkResult,
    Pending,
    Processor,
    Summarizer,
    process_chunk,
    summarize_pending,
)
from briefing.batch._run import Job
from briefing.batch._sources import RawRecord
from briefing.errors import BriefingError, ConfigError

__all__ = ["run_ray"]


def _import_ray() -> tuple[Any, Any]:
    try:
        ray = importlib.import_module("ray")
        data = importlib.import_module("ray.data")
    except ImportError:
        raise ConfigError(
            "--engine ray needs Ray Data, which is not installed; "
            "run `pip install briefing[ray]` (or `pip install 'ray[data]'`)"
        ) from None
    return ray, data


def run_ray(job: Job) -> None:
    """Process every chunk of ``job`` with Ray Data, writing results in input order.

    Raises:
        ConfigError: Ray is not installed.
        BriefingError: the cluster cannot be reached, or a Ray task failed.
    """
    ray, data = _import_ray()
    options = job.options
    started_here = not ray.is_initialized()
    if started_here:
        package = str(Path(__file__).resolve().parents[1])
        try:
            ray.init(
                address=options.address,
                # Ship this briefing to the workers, so the cluster runs the same code.
                runtime_env={"py_modules": [package]},
                include_dashboard=False,
                log_to_driver=False,
            )
        except Exception as error:  # ray raises ConnectionError, RuntimeError, ...
            raise BriefingError(
                f"cannot start or join Ray at {options.address or 'a new local instance'}: "
                f"{' '.join(str(error).split())[:300]}"
            ) from error
    try:
        _run_windows(job, data)
    finally:
        if started_here:
            ray.shutdown()


def _run_windows(job: Job, data: Any) -> None:
    options = job.options
    context = data.DataContext.get_current()
    # The driver shows its own progress bar; Ray Data's would interleave with it.
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    gpu = bool(options.device and options.device.startswith("cuda"))
    window: list[list[RawRecord]] = []
    size = 0
    for chunk in job.chunks():
        window.append(chunk)
        size += len(chunk)
        if size >= options.ray_window:
            _run_window(job, data, window, gpu)
            window, size = [], 0
    if window:
        _run_window(job, data, window, gpu)


def _run_window(job: Job, data: Any, window: list[list[RawRecord]], gpu: bool) -> None:
    options = job.options
    items = [{"first": chunk[0].record, "records": pickle.dumps(chunk)} for chunk in window]
    dataset = data.from_items(items, override_num_blocks=len(items))
    dataset = dataset.map_batches(
        _claims_stage,
        fn_kwargs={
            "processor": job.processor,
            "model": job.worker_summarizer,
            "device": options.device,
            "summarize_later": job.summarize_in_main,
            "max_bytes": options.max_bytes,
        },
        batch_size=1,
        batch_format="pandas",
        compute=data.TaskPoolStrategy(size=options.workers) if options.workers else None,
        num_cpus=1,
    )
    if job.summarize_in_main:
        dataset = dataset.map_batches(
            _SummarizerStage,
            fn_constructor_kwargs={
                "processor": job.processor,
                "model": options.model,
                "device": options.device,
            },
            batch_size=1,
            batch_format="pandas",
            # One model per GPU in the cluster (one on CPU: it uses every core).
            compute=data.ActorPoolStrategy(size=_gpus() if gpu else 1),
            num_gpus=1 if gpu else 0,
        )
    try:
        rows = sorted(dataset.iter_rows(), key=lambda row: int(row["first"]))
    except Exception as error:  # a failed Ray task surfaces as RayTaskError and kin
        raise BriefingError(
            f"a Ray task failed: {' '.join(str(error).split())[:300]}; "
            "rerun the same command to resume"
        ) from error
    for row in rows:
        job.write(
            ChunkResult(
                bytes(row["output"]), bytes(row["errors"]), int(row["done"]), int(row["failed"]), []
            )
        )


# Per worker process: the extractive summarizer each task would otherwise reload.
_summarizers: dict[tuple[str, str | None], Summarizer] = {}


def _claims_stage(
    batch: Any,
    *,
    processor: Processor,
    model: str | None,
    device: str | None,
    summarize_later: bool,
    max_bytes: int,
) -> dict[str, list[Any]]:
    """Ray task: parse, claims and (extractive) summaries for one chunk per row."""
    summarizer = None
    if model is not None:
        summarizer = _summarizers.get((model, device))
        if summarizer is None:
            summarizer = _summarizers[model, device] = processor.load_summarizer(model, device)
    out: dict[str, list[Any]] = {
        "first": [],
        "output": [],
        "errors": [],
        "done": [],
        "failed": [],
        "pending": [],
    }
    for first, blob in zip(batch["first"], batch["records"], strict=True):
        records: list[RawRecord] = pickle.loads(blob)
        result = process_chunk(
            processor,
            records,
            summarizer=summarizer,
            summarize_later=summarize_later,
            max_bytes=max_bytes,
        )
        out["first"].append(int(first))
        out["output"].append(result.output)
        out["errors"].append(result.errors)
        out["done"].append(result.done)
        out["failed"].append(result.failed)
        out["pending"].append(pickle.dumps(result.pending))
    return out


def _gpus() -> int:
    ray = importlib.import_module("ray")
    return max(1, int(ray.cluster_resources().get("GPU", 0)))


class _SummarizerStage:
    """Ray actor holding a seq2seq summarizer; summarizes one chunk per call."""

    def __init__(self, processor: Processor, model: str, device: str | None) -> None:
        self.summarizer = processor.load_summarizer(model, device)

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {
            "first": [],
            "output": [],
            "errors": [],
            "done": [],
            "failed": [],
        }
        for index, blob in enumerate(batch["pending"]):
            pending: list[Pending] = pickle.loads(blob)
            rows, errors = summarize_pending(self.summarizer, pending)
            out["first"].append(int(batch["first"][index]))
            out["output"].append(bytes(batch["output"][index]) + b"".join(rows))
            out["errors"].append(bytes(batch["errors"][index]) + b"".join(errors))
            out["done"].append(int(batch["done"][index]) + len(rows))
            out["failed"].append(int(batch["failed"][index]) + len(errors))
        return out
