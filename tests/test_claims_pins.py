"""Quality gate: claim extraction on the dev stories must not fall below the pins.

``eval/claims_pins.json`` holds the dev-set figures and a sha256 of the dev story
files they came from. The test fails when F1 or precision drop more than
``margin`` below the pin, and when the story files change without the pin being
updated (then re-pin deliberately, never silently lower a figure)::

    python tests/test_claims_pins.py --show [--stories DIR]     # print the figures
    python tests/test_claims_pins.py --update [--stories DIR]   # after checking them

Held-out stories are never read here: only ``dev-*.jsonl``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PINS = ROOT / "eval" / "claims_pins.json"
STORIES = ROOT / "eval" / "stories"


def story_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("dev-*.jsonl"))


def data_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def measure(files: list[Path]) -> dict:
    from briefing import extract_claims, score_claims
    from briefing.types import Article

    total = None
    stories = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            story = json.loads(line)
            scores = score_claims(extract_claims(Article(story["text"])), story["claims"])
            total = scores if total is None else total + scores
            stories += 1
    assert total is not None
    figures = total.to_dict()
    figures["stories"] = stories
    return figures


def test_claims_do_not_fall_below_pins():
    files = story_files(STORIES)
    if not files:
        pytest.skip(f"no dev stories in {STORIES}")
    pins = json.loads(PINS.read_text(encoding="utf-8"))
    assert data_hash(files) == pins["data_sha256"], (
        "the dev stories changed since the pins were taken: check the figures and re-pin "
        "with `python tests/test_claims_pins.py --update`"
    )
    figures = measure(files)
    margin = pins["margin"]
    assert figures["f1"] >= pins["f1"] - margin, figures
    assert figures["precision"] >= pins["precision"] - margin, figures


def test_pins_file_is_well_formed():
    pins = json.loads(PINS.read_text(encoding="utf-8"))
    for key in ("precision", "recall", "f1", "source_accuracy", "margin"):
        assert 0.0 <= pins[key] <= 1.0, key
    assert len(pins["data_sha256"]) == 64
    assert pins["files"] == sorted(pins["files"])


def _update(folder: Path) -> None:
    files = story_files(folder)
    if not files:
        raise SystemExit(f"no dev-*.jsonl in {folder}")
    figures = measure(files)
    pins = {
        "files": [p.name for p in files],
        "data_sha256": data_hash(files),
        "margin": 0.02,
        "stories": figures["stories"],
        "precision": figures["precision"],
        "recall": figures["recall"],
        "f1": figures["f1"],
        "source_accuracy": figures["source_accuracy"],
        "by_kind": figures["by_kind"],
        "command": "python tests/test_claims_pins.py --update",
    }
    PINS.parent.mkdir(parents=True, exist_ok=True)
    PINS.write_text(json.dumps(pins, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(pins, indent=2))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    args = sys.argv[1:]
    folder = Path(args[args.index("--stories") + 1]) if "--stories" in args else STORIES
    if "--show" in args:
        print(json.dumps(measure(story_files(folder))))
    elif "--update" in args:
        _update(folder)
    else:
        raise SystemExit(__doc__)
