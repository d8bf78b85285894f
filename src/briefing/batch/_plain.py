"""The plain engine: a pool of worker processes on this machine.

Workers parse, extract claims and run the extractive summarizers on chunks of
records; a seq2seq summarizer runs once, in the main process, on each chunk as a
batch. At most ``3 x workers`` chunks are in flight, and results are written in
input order, so memory stays flat however long the input is.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from briefing.batch._processor import ChunkResult, Processor, Summarizer, process_chunk
from briefing.batch._run import Job
from briefing.batch._sources import RawRecord
from briefing.errors import BriefingError

__all__ = ["run_plain"]

_IN_FLIGHT_PER_WORKER = 3


def run_plain(job: Job) -> None:
    """Process every chunk of ``job`` with ``job.options.workers`` processes."""
    workers = job.options.workers
    if workers is None:
        # The cores this process may use (a container or taskset can allow fewer).
        usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        workers = max(1, len(usable) if usable else os.cpu_count() or 1)
    if workers == 0:
        _run_here(job)
        return
    settings = _WorkerSettings(
        job.processor,
        job.worker_summarizer,
        job.options.device,
        job.options.max_bytes,
        job.summarize_in_main,
    )
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(settings, os.getpid())
    )
    in_flight: deque[Future[ChunkResult]] = deque()
    try:
        if job.summarize_in_main:
            # Start every worker before the model loads: the pool forks on demand,
            # and a fork after torch has started its threads is asking for trouble.
            for started in [pool.submit(os.getpid) for _ in range(workers)]:
                started.result()
            job.load_main_summarizer()
        for chunk in job.chunks():
            in_flight.append(pool.submit(_work, chunk))
            while len(in_flight) >= workers * _IN_FLIGHT_PER_WORKER:
                job.write(in_flight.popleft().result())
        while in_flight:
            job.write(in_flight.popleft().result())
    except BrokenProcessPool as error:
        raise BriefingError(
            "a batch worker process died (out of memory?); rerun the same command to resume"
        ) from error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_here(job: Job) -> None:
    job.load_main_summarizer()
    summarizer: Summarizer | None = None
    if job.worker_summarizer is not None:
        summarizer = job.processor.load_summarizer(job.worker_summarizer, job.options.device)
    for chunk in job.chunks():
        job.write(
            process_chunk(
                job.processor,
                chunk,
                summarizer=summarizer,
                summarize_later=job.summarize_in_main,
                max_bytes=job.options.max_bytes,
            )
        )


class _WorkerSettings:
    def __init__(
        self,
        processor: Processor,
        summarizer: str | None,
        device: str | None,
        max_bytes: int,
        summarize_later: bool,
    ) -> None:
        self.processor = processor
        self.summarizer_model = summarizer
        self.device = device
        self.max_bytes = max_bytes
        self.summarize_later = summarize_later
        self.summarizer: Summarizer | None = None


_settings: _WorkerSettings | None = None


def _start_worker(settings: _WorkerSettings, parent: int) -> None:
    global _settings
    _settings = settings
    # Ctrl-C goes to the whole process group; only the main process handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    # A SIGKILLed main process cannot stop its workers; they notice and leave.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(chunk: list[RawRecord]) -> ChunkResult:
    settings = _settings
    assert settings is not None, "worker not initialised"
    if settings.summarizer_model is not None and settings.summarizer is None:
        settings.summarizer = settings.processor.load_summarizer(
            settings.summarizer_model, settings.device
        )
    return process_chunk(
        settings.processor,
        chunk,
        summarizer=settings.summarizer,
        summarize_later=settings.summarize_later,
        max_bytes=settings.max_bytes,
    )
