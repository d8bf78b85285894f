"""Pinned quality figures: the CI gate that stops scores from sliding.

``eval/pins.json`` holds the minimum figures (extractive and Lead-3 ROUGE, claim F1)
measured on the shipped stories, with the sha256 of every data file they came from.
:func:`check_pins` fails when a figure drops more than ``margin`` below its pin, when
a pinned figure is missing, or when the data changed without the pins being
rewritten. Pins are only ever rewritten on purpose, with
``briefing eval ... --update-pins eval/pins.json``, which prints what moved.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from briefing.errors import DataError

__all__ = [
    "DEFAULT_MARGIN",
    "check_pins",
    "file_sha256",
    "pinned_figures",
    "read_pins",
    "write_pins",
]

#: How far below its pin a figure may fall before the gate fails (noise allowance).
DEFAULT_MARGIN = 0.02
_PINNED_MEASURES = ("rouge1", "rouge2", "rougeLsum")
_PINNED_CLAIMS = ("precision", "f1", "source_accuracy")


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pinned_figures(report: Mapping[str, Any]) -> dict[str, float]:
    """The figures to pin from a report's JSON: briefing's own systems' ROUGE, claim scores."""
    out: dict[str, float] = {}
    for system in report["systems"]:
        if system["kind"] == "data":
            continue
        for measure in _PINNED_MEASURES:
            if measure in system["rouge"]:
                out[f"{system['name']}/{measure}"] = round(
                    float(system["rouge"][measure]["mean"]), 4
                )
    claims = report.get("claims")
    if claims:
        for key in _PINNED_CLAIMS:
            out[f"claims/{key}"] = round(float(claims[key]), 4)
    return out


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_pins(path: Path) -> dict[str, Any]:
    """Read a pins file.

    Raises:
        DataError: missing, not JSON, or without ``figures`` and ``data``.
    """
    try:
        pins = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON ({exc.msg})") from exc
    if (
        not isinstance(pins, dict)
        or not isinstance(pins.get("figures"), dict)
        or "data" not in pins
    ):
        raise DataError(f"{path}: not a pins file (needs 'figures' and 'data')")
    return pins


def write_pins(
    path: Path,
    report: Mapping[str, Any],
    data_files: Sequence[Path],
    *,
    root: Path,
    command: str,
    margin: float = DEFAULT_MARGIN,
) -> list[str]:
    """Rewrite ``path`` with the figures of ``report``; return lines saying what moved."""
    old: dict[str, Any] = {}
    if path.exists():
        try:
            old = read_pins(path)["figures"]
        except DataError:
            old = {}
    figures = pinned_figures(report)
    pins = {
        "about": (
            "Minimum figures for tests/test_evaluation_gate.py; "
            "rewrite only with the command below."
        ),
        "command": command,
        "margin": margin,
        "data": {_relative(p, root): file_sha256(p) for p in data_files},
        "figures": figures,
    }
    path.write_text(json.dumps(pins, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    moved = []
    for key in sorted(set(old) | set(figures)):
        before, after = old.get(key), figures.get(key)
        if before != after:
            moved.append(f"pin {key}: {before} -> {after}")
    return moved


def check_pins(
    pins: Mapping[str, Any], report: Mapping[str, Any], data_files: Sequence[Path], *, root: Path
) -> list[str]:
    """Why the report fails the pins (empty when it passes)."""
    failures: list[str] = []
    command = pins.get("command", "briefing eval ... --update-pins eval/pins.json")
    current = {_relative(p, root): file_sha256(p) for p in data_files}
    if current != pins["data"]:
        failures.append(
            f"the pinned data changed (pinned {sorted(pins['data'])}, now {sorted(current)}, "
            f"or their sha256 differ); check the new figures and re-pin on purpose with: {command}"
        )
    margin = float(pins.get("margin", DEFAULT_MARGIN))
    figures = pinned_figures(report)
    for key, pinned in sorted(pins["figures"].items()):
        if key not in figures:
            failures.append(f"{key}: pinned at {pinned} but not measured in this run")
        elif figures[key] < float(pinned) - margin:
            failures.append(
                f"{key}: {figures[key]:.4f} is below the pin {pinned} by more than {margin}"
            )
    for key in sorted(set(figures) - set(pins["figures"])):
        # A new system or measure must be pinned on purpose, or it is never guarded.
        failures.append(
            f"{key}: measured ({figures[key]:.4f}) but not pinned; re-pin with: {command}"
        )
    return failures
