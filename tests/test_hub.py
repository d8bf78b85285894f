"""Downloading from a hub-shaped server on 127.0.0.1 (never the real hub)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.summarize import DEFAULT_ABSTRACTIVE_MODEL, find_checkpoint
from briefing.summarize._hub import hub_cache_dir
from fake_hub import FakeHub, FakeRepo, files_of

REPO = Path(__file__).resolve().parents[1]


def _briefing(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_pickle_only_default_model_downloads_as_safetensors(
    tiny_checkpoint: Callable[..., Path], tmp_path: Path
) -> None:
    pickled = files_of(tiny_checkpoint("bart", pickle=True))
    safe = files_of(tiny_checkpoint("bart"))
    repo = FakeRepo()
    # Like distilbart's main branch: pickle only, plus a trainer checkpoint folder;
    # the converter bot's safetensors copy sits in a pull-request ref.
    repo.add("main", {**pickled, "checkpoint-500/pytorch_model.bin": b"x" * 64})
    repo.add("refs/pr/1", {**pickled, "model.safetensors": safe["model.safetensors"]})
    hub = FakeHub({DEFAULT_ABSTRACTIVE_MODEL: repo})
    cache = tmp_path / "cache"
    env = dict(
        os.environ,
        HF_ENDPOINT=hub.endpoint,
        HF_HUB_CACHE=str(cache),
        PYTHONPATH=str(REPO / "src"),
    )
    # The test session runs offline; this one download goes to the local server only.
    env.pop("HF_HUB_OFFLINE", None)
    env.pop("TRANSFORMERS_OFFLINE", None)
    try:
        done = _briefing(env, "download", "--quiet")
    finally:
        hub.close()
    assert done.returncode == 0, done.stderr
    snapshot = Path(done.stdout.strip())
    assert (snapshot / "model.safetensors").is_file()
    assert not list(snapshot.glob("pytorch_model*"))
    assert not (snapshot / "checkpoint-500").exists()
    assert not any("checkpoint-500" in line for line in hub.requests)
    found = find_checkpoint(DEFAULT_ABSTRACTIVE_MODEL, cache_dir=cache)
    assert found is not None and found.safetensors and not found.pickle


def test_cache_dir_follows_the_hub_rules(monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    for name in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HOME", "~/hf-home")
    assert hub_cache_dir() == Path.home() / "hf-home" / "hub"
    monkeypatch.setenv("HUGGINGFACE_HUB_CACHE", "/tmp/legacy-cache")
    assert hub_cache_dir() == Path("/tmp/legacy-cache")
    monkeypatch.setenv("HF_HUB_CACHE", "~/new-cache")
    assert hub_cache_dir() == Path.home() / "new-cache"


def test_a_pickle_holding_more_than_tensors_is_never_converted(
    tiny_checkpoint: Callable[..., Path], tmp_path: Path
) -> None:
    import pickle
    import shutil

    from briefing.errors import ModelError
    from briefing.summarize._hub import convert_pickle_checkpoint

    target = tmp_path / "malicious"
    shutil.copytree(tiny_checkpoint("bart", pickle=True), target)

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (print, ("this must never run",))

    (target / "pytorch_model.bin").write_bytes(pickle.dumps({"weight": Payload()}))
    with pytest.raises(ModelError, match=r"holds more than tensors|cannot convert"):
        convert_pickle_checkpoint(target, "owner/malicious")
    assert not (target / "model.safetensors").exists()
    assert (target / "pytorch_model.bin").exists()
