"""Finding checkpoints in the local Hugging Face cache, and fetching them.

Loading a summarizer never touches the network: a hub id must already be in the
local cache (``briefing download MODEL`` puts it there), so ``briefing summarize``
answers in seconds on a machine without a network instead of waiting ~50 s for the
hub client's retries. Only :func:`download_model` goes online, with short timeouts.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ConfigError, ModelError, ModelNotAvailableError

__all__ = [
    "CONFIG_FILE",
    "SAFE_WEIGHT_FILES",
    "CheckpointFiles",
    "download_model",
    "find_checkpoint",
    "hub_cache_dir",
]

CONFIG_FILE = "config.json"
SAFE_WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json")
PICKLE_WEIGHT_FILES = ("pytorch_model.bin", "pytorch_model.bin.index.json")
#: Files a summarizer needs: weights as safetensors, config, tokenizer, generation config.
DOWNLOAD_PATTERNS = (
    "*.safetensors",
    "*.safetensors.index.json",
    "*.json",
    "*.model",
    "*.txt",
    "tokenizer*",
)
#: Seconds to wait for the hub before a download is declared impossible.
DOWNLOAD_TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class CheckpointFiles:
    """Where a checkpoint lives and which weight format it has.

    Attributes:
        source: the path to pass to ``from_pretrained`` (a local directory).
        safetensors: safetensors weights are present.
        pickle: only pickle weights (``pytorch_model.bin``) are present.
    """

    source: str
    safetensors: bool
    pickle: bool


def hub_cache_dir() -> Path:
    """The Hugging Face hub cache, read from the environment at call time.

    ``huggingface_hub`` reads ``HF_HUB_CACHE`` once, when it is imported; briefing
    reads it on every call so a caller (or a test) can point it elsewhere.
    """
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]) / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "huggingface" / "hub"


def _looks_like_hub_id(name: str) -> bool:
    parts = name.split("/")
    return 1 <= len(parts) <= 2 and all(part and not part.startswith(".") for part in parts)


def _snapshot_dir(repo_id: str, cache_dir: Path) -> Path | None:
    """The cached snapshot of ``repo_id`` at ``main``, found without any network call."""
    repo = cache_dir / ("models--" + repo_id.replace("/", "--"))
    ref = repo / "refs" / "main"
    snapshots = repo / "snapshots"
    if ref.is_file():
        candidate = snapshots / ref.read_text("utf-8").strip()
        if candidate.is_dir():
            return candidate
    if snapshots.is_dir():
        # No ref (e.g. a snapshot fetched by commit): take the newest one.
        found = sorted(snapshots.iterdir(), key=lambda path: path.stat().st_mtime, reverse=True)
        for candidate in found:
            if (candidate / CONFIG_FILE).is_file():
                return candidate
    return None


def _inspect(directory: Path) -> CheckpointFiles | None:
    if not (directory / CONFIG_FILE).is_file():
        return None
    safe = any((directory / name).is_file() for name in SAFE_WEIGHT_FILES)
    pickled = any((directory / name).is_file() for name in PICKLE_WEIGHT_FILES)
    return CheckpointFiles(str(directory), safetensors=safe, pickle=pickled and not safe)


def find_checkpoint(name: str, *, cache_dir: Path | None = None) -> CheckpointFiles | None:
    """Locate a checkpoint offline: a local directory, or a hub id in the cache.

    Args:
        name: a directory holding ``config.json`` and weights, or a hub id such as
            ``"sshleifer/distilbart-cnn-12-6"``.
        cache_dir: the hub cache (default: :func:`hub_cache_dir`).

    Returns:
        The checkpoint's files, or ``None`` when it is neither a local checkpoint
        directory nor cached. Never contacts the network.

    Raises:
        ModelError: ``name`` is a directory without a ``config.json``.
    """
    path = Path(name).expanduser()
    if path.is_dir():
        found = _inspect(path)
        if found is None:
            raise ModelError(f"model directory {name}: no config.json, not a saved checkpoint")
        return found
    if not _looks_like_hub_id(name):
        return None
    snapshot = _snapshot_dir(name, cache_dir or hub_cache_dir())
    return None if snapshot is None else _inspect(snapshot)


def download_model(
    repo_id: str,
    *,
    allow_pickle: bool = False,
    progress: bool = True,
    cache_dir: Path | None = None,
    timeout_s: float = DOWNLOAD_TIMEOUT_S,
) -> Path:
    """Fetch a checkpoint into the local cache for later offline use.

    Only safetensors weights, the config, generation config and tokenizer files are
    fetched (pickle weights too when ``allow_pickle``).

    Args:
        repo_id: a hub id such as ``"sshleifer/distilbart-cnn-12-6"``.
        allow_pickle: also fetch ``pytorch_model.bin`` (for checkpoints without
            safetensors weights).
        progress: show the hub client's progress bars.
        cache_dir: the hub cache (default: :func:`hub_cache_dir`).
        timeout_s: seconds to wait for the hub before giving up.

    Returns:
        The local snapshot directory.

    Raises:
        ConfigError: ``repo_id`` is not a hub id.
        ModelNotAvailableError: the hub cannot be reached or has no such model.
        ModelError: the checkpoint has no safetensors weights and pickle is not allowed.
    """
    if not _looks_like_hub_id(repo_id) or Path(repo_id).expanduser().is_dir():
        raise ConfigError(f"model {repo_id!r}: not a Hugging Face hub id (expected owner/name)")
    import huggingface_hub
    from huggingface_hub import errors as hub_errors

    target = cache_dir or hub_cache_dir()
    patterns = list(DOWNLOAD_PATTERNS) + (["pytorch_model*.bin*"] if allow_pickle else [])
    try:
        # One cheap metadata call first: with no network it fails at once instead
        # of each file download retrying on its own.
        info = huggingface_hub.model_info(repo_id, timeout=timeout_s, files_metadata=False)
        names = {sibling.rfilename for sibling in info.siblings or []}
        if not names & set(SAFE_WEIGHT_FILES) and not allow_pickle:
            raise ModelError(
                f"model {repo_id}: has no safetensors weights, only pickle files that can run "
                "code when loaded; pass --allow-pickle (allow_pickle=True) if you trust it"
            )
        from huggingface_hub.utils.tqdm import disable_progress_bars

        quiet = disable_progress_bars() if not progress else contextlib.nullcontext()
        with quiet:
            path = huggingface_hub.snapshot_download(
                repo_id, allow_patterns=patterns, cache_dir=str(target), etag_timeout=timeout_s
            )
    except ModelError:
        raise
    except (hub_errors.RepositoryNotFoundError, hub_errors.RevisionNotFoundError) as exc:
        raise ModelNotAvailableError(f"model {repo_id}: not found on the Hugging Face hub") from exc
    except Exception as exc:  # network errors come from several libraries (httpx, OSError)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelNotAvailableError(
            f"model {repo_id}: cannot download from the Hugging Face hub "
            f"({type(exc).__name__}: {reason[:160]}); check the network and try again"
        ) from exc
    return Path(path)
