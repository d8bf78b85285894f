"""Finding checkpoints in the local Hugging Face cache, and fetching them safely.

Loading a summarizer never touches the network: a hub id must already be in the
local cache (``briefing download MODEL`` puts it there), so ``briefing summarize``
answers in seconds on a machine without a network instead of waiting ~50 s for the
hub client's retries. Only :func:`download_model` goes online, with short timeouts.

Many summarization checkpoints (the default ``sshleifer/distilbart-cnn-12-6``,
``google/pegasus-xsum``, ``allenai/led-base-16384``) publish only pickle weights
(``pytorch_model.bin``) on their main branch. :func:`download_model` fetches the
pickle and converts it into ``model.safetensors`` in the cached snapshot, reading it
with torch's restricted unpickler (``weights_only=True``), which builds tensors and
plain containers only and refuses anything that could run code. The pickle is then
deleted, so later loads see safetensors only. The hub's converter bot often has a
safetensors copy in an open pull-request ref (``refs/pr/N``), but a pull request is
anyone's unmerged upload: its weights are not the owner's, and checking who opened
it needs the discussions API. Converting main's own weights locally gives exactly
the tensors the owner published and needs nothing but the files themselves.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
#: Pickle weights, fetched only to be converted (or kept, with ``allow_pickle``).
PICKLE_PATTERNS = ("pytorch_model*.bin", "pytorch_model.bin.index.json")
#: Never fetched: trainer checkpoints (``checkpoint-500/``) and other subfolders, which
#: can double a download, and weights for other frameworks.
IGNORE_PATTERNS = ("*/*", "*.h5", "*.msgpack", "*.ot", "*.onnx", "*.tflite")
#: Seconds to wait for the hub before a download is declared impossible.
DOWNLOAD_TIMEOUT_S = 10.0

Weights = Literal["safetensors", "converted", "pickle"]


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
    """The Hugging Face hub cache, resolved from the environment at call time.

    The same rules as ``huggingface_hub.constants`` (``HF_HUB_CACHE``, then the
    legacy ``HUGGINGFACE_HUB_CACHE``, then ``HF_HOME/hub``, then
    ``XDG_CACHE_HOME/huggingface/hub``, with ``~`` and ``$VARS`` expanded), but read
    on every call: the hub library reads them once, at import, and a caller (or a
    test) may point them elsewhere later.
    """

    def expand(value: str) -> str:
        return os.path.expandvars(os.path.expanduser(value))

    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    home = expand(os.environ.get("HF_HOME") or os.path.join(xdg, "huggingface"))
    legacy = os.environ.get("HUGGINGFACE_HUB_CACHE") or os.path.join(home, "hub")
    return Path(expand(os.environ.get("HF_HUB_CACHE") or legacy))


def _looks_like_hub_id(name: str) -> bool:
    parts = name.split("/")
    return 1 <= len(parts) <= 2 and all(part and not part.startswith(".") for part in parts)


def _snapshot_dir(repo_id: str, cache_dir: Path) -> Path | None:
    """The cached snapshot of ``repo_id`` at ``main``, found without any network call."""
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(repo_id, CONFIG_FILE, cache_dir=str(cache_dir))
    if isinstance(found, str):
        return Path(found).parent
    snapshots = cache_dir / ("models--" + repo_id.replace("/", "--")) / "snapshots"
    if snapshots.is_dir():
        # No ref for main (e.g. a snapshot fetched by commit): take the newest one.
        ordered = sorted(snapshots.iterdir(), key=lambda path: path.stat().st_mtime, reverse=True)
        for candidate in ordered:
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


def convert_pickle_checkpoint(directory: Path, name: str, *, progress: bool = False) -> None:
    """Replace a directory's pickle weights by safetensors, unpickling under ``weights_only``.

    The weights are read by transformers with ``weights_only=True`` (torch's
    restricted unpickler: tensors and plain containers only) and written back with
    ``save_pretrained``, which also resolves tied weights. Only the weight files are
    replaced; the config, tokenizer and generation config stay as published. The
    pickle files (and, in a hub cache, the blobs they link to) are removed.

    Raises:
        ModelError: the pickle holds more than tensors, or the weights do not load.
    """
    from transformers import AutoModelForSeq2SeqLM
    from transformers.utils import logging as transformers_logging

    bar_was_on = transformers_logging.is_progress_bar_enabled()
    if not progress:
        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        model = AutoModelForSeq2SeqLM.from_pretrained(
            str(directory),
            local_files_only=True,
            trust_remote_code=False,
            use_safetensors=False,
            weights_only=True,
            dtype="auto",
        )
    except pickle.UnpicklingError as exc:
        raise ModelError(
            f"model {name}: its pytorch_model.bin holds more than tensors, so it was not "
            "converted (briefing unpickles weights only with torch's weights_only guard)"
        ) from exc
    except (OSError, ValueError, KeyError, RuntimeError, TypeError) as exc:
        raise ModelError(
            f"model {name}: cannot convert its pickle weights to safetensors ({_first_line(exc)})"
        ) from exc
    finally:
        if bar_was_on and not progress:
            transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]
    with tempfile.TemporaryDirectory(dir=directory.parent, prefix=".briefing-convert-") as tmp:
        model.save_pretrained(tmp)
        for written in Path(tmp).iterdir():
            if written.name.endswith((".safetensors", ".safetensors.index.json")):
                shutil.move(str(written), str(directory / written.name))
    for pickled in [*directory.glob("pytorch_model*.bin"), *directory.glob("pytorch_model*.json")]:
        target = pickled.resolve() if pickled.is_symlink() else None
        pickled.unlink()
        if target is not None and target.is_file() and target.parent.name == "blobs":
            target.unlink()


def _progress_bars(enabled: bool) -> Callable[[], None]:
    """Turn the hub client's progress bars off if asked; returns the undo step.

    ``disable_progress_bars`` is a plain function on huggingface_hub 1.x and a
    context manager too on later versions; calling it and undoing by hand works on both.
    """
    from huggingface_hub.utils.tqdm import (
        are_progress_bars_disabled,
        disable_progress_bars,
        enable_progress_bars,
    )

    if enabled or are_progress_bars_disabled():
        return lambda: None
    disable_progress_bars()
    return enable_progress_bars


def download_model(
    repo_id: str,
    *,
    allow_pickle: bool = False,
    progress: bool = True,
    cache_dir: Path | None = None,
    timeout_s: float = DOWNLOAD_TIMEOUT_S,
    notice: Callable[[str], None] | None = None,
) -> Path:
    """Fetch a checkpoint into the local cache for later offline use.

    Only the weights, config, generation config and tokenizer files at the top of
    the repository are fetched (no trainer ``checkpoint-*/`` folders). A checkpoint
    with only pickle weights is converted to safetensors in the cache under
    ``weights_only`` (see the module docstring), unless ``allow_pickle`` keeps the
    pickle as it is.

    Args:
        repo_id: a hub id such as ``"sshleifer/distilbart-cnn-12-6"``.
        allow_pickle: keep pickle-only weights as ``pytorch_model.bin`` instead of
            converting them (loading them then needs ``allow_pickle`` too).
        progress: show the hub client's progress bars.
        cache_dir: the hub cache (default: :func:`hub_cache_dir`).
        timeout_s: seconds to wait for the hub before giving up.
        notice: called with a one-line note when the weights were converted or kept
            as pickle.

    Returns:
        The local snapshot directory.

    Raises:
        ConfigError: ``repo_id`` is not a hub id.
        ModelNotAvailableError: the hub cannot be reached or has no such model.
        ModelError: the checkpoint has no usable weights, or they cannot be converted.
    """
    if not _looks_like_hub_id(repo_id) or Path(repo_id).expanduser().is_dir():
        raise ConfigError(f"model {repo_id!r}: not a Hugging Face hub id (expected owner/name)")
    import huggingface_hub
    from huggingface_hub import constants as hub_constants
    from huggingface_hub import errors as hub_errors

    if hub_constants.HF_HUB_OFFLINE:
        raise ModelNotAvailableError(
            f"model {repo_id}: cannot download while HF_HUB_OFFLINE is set; unset it "
            "(or copy the model into the cache) and try again"
        )
    target = cache_dir or hub_cache_dir()
    undo = _progress_bars(progress)
    try:
        # One cheap metadata call first: with no network it fails at once instead
        # of each file download retrying on its own.
        info = huggingface_hub.model_info(repo_id, timeout=timeout_s, files_metadata=False)
        names = {sibling.rfilename for sibling in info.siblings or []}
        safe = bool(names & set(SAFE_WEIGHT_FILES))
        pickled = bool(names & set(PICKLE_WEIGHT_FILES))
        if not safe and not pickled:
            raise ModelError(
                f"model {repo_id}: no model.safetensors or pytorch_model.bin at the top of "
                "the repository; briefing needs a transformers seq2seq checkpoint"
            )
        patterns = list(DOWNLOAD_PATTERNS) + ([] if safe else list(PICKLE_PATTERNS))
        path = Path(
            huggingface_hub.snapshot_download(
                repo_id,
                allow_patterns=patterns,
                ignore_patterns=list(IGNORE_PATTERNS),
                cache_dir=str(target),
                etag_timeout=timeout_s,
            )
        )
    except ModelError:
        raise
    except hub_errors.GatedRepoError as exc:
        raise ModelNotAvailableError(
            f"model {repo_id}: gated on the Hugging Face hub; accept its terms on the "
            "hub and log in (`hf auth login`) first"
        ) from exc
    except (hub_errors.RepositoryNotFoundError, hub_errors.RevisionNotFoundError) as exc:
        raise ModelNotAvailableError(f"model {repo_id}: not found on the Hugging Face hub") from exc
    except hub_errors.OfflineModeIsEnabled as exc:
        raise ModelNotAvailableError(
            f"model {repo_id}: cannot download while HF_HUB_OFFLINE is set; unset it"
        ) from exc
    except OSError as exc:
        reason = _first_line(exc)
        hint = "free some disk space" if "space" in reason.lower() else "check the network"
        raise ModelNotAvailableError(
            f"model {repo_id}: cannot download from the Hugging Face hub "
            f"({type(exc).__name__}: {reason[:160]}); {hint} and try again"
        ) from exc
    except Exception as exc:  # network errors come from several libraries (httpx, hub)
        raise ModelNotAvailableError(
            f"model {repo_id}: cannot download from the Hugging Face hub "
            f"({type(exc).__name__}: {_first_line(exc)[:160]}); check the network and try again"
        ) from exc
    finally:
        undo()
    if not safe:
        if allow_pickle:
            if notice is not None:
                notice(f"model {repo_id}: kept its pickle weights (pytorch_model.bin) as asked")
        else:
            convert_pickle_checkpoint(path, repo_id, progress=progress)
            if notice is not None:
                notice(
                    f"model {repo_id}: had only pickle weights; converted them to "
                    "model.safetensors in the cache (read with weights_only=True)"
                )
    return path


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]
