"""Shared test set-up: no network, paths to test data and to ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"

# No test may reach the Hugging Face hub: with these set, a slip fails at once
# instead of spending ~50 s on retries. Tests of the no-network path set their own.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def subprocess_env() -> dict[str, str]:
    """The environment for running ``python -m briefing`` from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return env


def data_path(name: str) -> Path:
    """A file under tests/data."""
    return REPO / "tests" / "data" / name


def shared_data(relative: str) -> Path:
    """A file under ../shared/data, or skip the test when it is not there."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path
