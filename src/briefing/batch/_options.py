"""Options and the report of a batch job."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from briefing.errors import ConfigError

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MODEL",
    "BatchOptions",
    "BatchReport",
    "Engine",
]

Engine = Literal["plain", "ray"]

#: Records sent to a worker in one task: big enough that dispatch and pickling cost
#: little per record, small enough that a kill loses little work.
DEFAULT_CHUNK_SIZE = 128
#: The largest article text accepted, in bytes (the same limit as ``ReadOptions``).
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MODEL = "extractive"
#: Seconds between fsyncs of the output files; a kill never loses a flushed row,
#: the fsync only matters if the machine itself goes down.
DEFAULT_CHECKPOINT_SECONDS = 5.0
#: Records per Ray Data window (the driver hands Ray this many at a time).
DEFAULT_RAY_WINDOW = 8192


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch job; every field has a working default.

    Attributes:
        claims_only: extract claims only, no summaries (``summary`` and ``model``
            are ``null`` in the output). CLI ``--claims-only``.
        model: the summarizer: ``"extractive"``, ``"lead-3"``, ``"auto"``, a hub id or
            a local checkpoint. The extractive ones run inside the worker processes;
            a seq2seq model is loaded once, in the main process, and fed in batches.
        device: device for a seq2seq model (``"auto"``, ``"cpu"``, ``"cuda"``);
            ``None`` keeps the summarizer's default.
        workers: worker processes for parsing, claims and extractive summaries;
            ``None`` uses every core. ``0`` runs everything in the main process.
        engine: ``"plain"`` (multiprocessing, the default) or ``"ray"`` (Ray Data).
        address: Ray cluster address (``"ray://host:10001"`` or ``"auto"``); ``None``
            starts a local Ray instance.
        id_field, text_field, html_field: record fields holding the id, the article
            text, and the article as HTML (used when the text field is absent or null).
        chunk_size: records per worker task.
        max_bytes: articles longer than this (in UTF-8 bytes) are reported as errors.
        checkpoint_seconds: how often the output files are fsynced.
        ray_window: records the driver hands Ray Data at a time (bounds memory).
        progress: show a tqdm bar on stderr (only when stderr is a terminal).
    """

    claims_only: bool = False
    model: str = DEFAULT_MODEL
    device: str | None = None
    workers: int | None = None
    engine: Engine = "plain"
    address: str | None = None
    id_field: str = "id"
    text_field: str = "text"
    html_field: str = "html"
    chunk_size: int = DEFAULT_CHUNK_SIZE
    max_bytes: int = DEFAULT_MAX_BYTES
    checkpoint_seconds: float = DEFAULT_CHECKPOINT_SECONDS
    ray_window: int = DEFAULT_RAY_WINDOW
    progress: bool = True

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 0:
            raise ConfigError(f"workers must be 0 or more, got {self.workers}")
        if self.chunk_size < 1:
            raise ConfigError(f"chunk_size must be at least 1, got {self.chunk_size}")
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be at least 1, got {self.max_bytes}")
        if self.ray_window < 1:
            raise ConfigError(f"ray_window must be at least 1, got {self.ray_window}")
        if self.engine not in ("plain", "ray"):
            raise ConfigError(f"engine must be 'plain' or 'ray', got {self.engine!r}")
        if self.address is not None and self.engine != "ray":
            raise ConfigError("address is only used with engine='ray'")
        for name in ("id_field", "text_field", "html_field"):
            if not getattr(self, name):
                raise ConfigError(f"{name} must not be empty")


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a batch job did.

    Attributes:
        done: records written to the output by this run.
        skipped: records skipped because an earlier run already wrote them
            (to the output or to the errors file).
        failed: records this run wrote to the errors file.
        failed_before: error rows an earlier run had already written.
        seconds: wall time of this run.
        output, errors: the two files written.
    """

    done: int
    skipped: int
    failed: int
    failed_before: int
    seconds: float
    output: str
    errors: str

    @property
    def rate(self) -> float:
        """Records handled (done or failed) per second by this run."""
        return (self.done + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["rate"] = round(self.rate, 1)
        return data

    def summary_line(self) -> str:
        """The one-line summary the CLI prints at the end."""
        return (
            f"{self.done} done, {self.skipped} skipped as already done, "
            f"{self.failed} failed, {self.rate:.1f} articles/s -> {self.output}"
            + (f" (errors: {self.errors})" if self.failed or self.failed_before else "")
        )
