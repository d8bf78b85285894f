"""Shared test set-up: no network, paths to test data and to ../shared/data."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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


def run_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter on this checkout; return its standard output."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=subprocess_env(),
        timeout=120,
    )
    return result.stdout


def data_path(name: str) -> Path:
    """A file under tests/data."""
    return REPO / "tests" / "data" / name


def shared_data(relative: str) -> Path:
    """A file under ../shared/data, or skip the test when it is not there."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


# ---------------------------------------------------------------------------
# Summarizer fixtures (owned by the summarize helper; keep this block together).
# Tiny random-weight checkpoints are built once per session with
# models/build_tiny.py and loaded through the same from_pretrained path users take.
# ---------------------------------------------------------------------------


def _load_tiny_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "briefing_build_tiny", REPO / "models" / "build_tiny.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """A function ``(family, pickle=False) -> Path`` of cached tiny checkpoints."""
    builder = _load_tiny_builder()
    root = tmp_path_factory.mktemp("tiny-checkpoints")
    built: dict[tuple[str, bool], Path] = {}

    def get(family: str, pickle: bool = False) -> Path:
        key = (family, pickle)
        if key not in built:
            name = f"{family}-pickle" if pickle else family
            built[key] = builder.build_checkpoint(family, root / name, pickle=pickle)
        return built[key]

    return get


@pytest.fixture
def empty_hf_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the Hugging Face hub cache at an empty directory for one test."""
    cache = tmp_path / "hf-cache"
    cache.mkdir()
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    return cache


@pytest.fixture(scope="session")
def summeval_path() -> Path:
    """The 100-article SummEval CNN/DM sample (the test is skipped without it)."""
    return shared_data("summeval-cnndm/summeval.jsonl")


@pytest.fixture(scope="session")
def realsumm_path() -> Path:
    """The 100-article REALSumm CNN/DM sample (the test is skipped without it)."""
    return shared_data("realsumm-cnndm/realsumm.jsonl")


# --- end of summarizer fixtures --------------------------------------------
