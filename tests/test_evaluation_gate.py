"""CI gate: the shipped stories must not lose ROUGE or claim F1 against eval/pins.json.

The harness runs on the stories named in ``eval/pins.json`` (offline, CPU, well under
a minute) and fails when

* a pinned figure (Lead-3/extractive ROUGE, claim F1, source accuracy) falls more
  than the pinned margin (0.02) below its pin;
* a figure is measured but not pinned (a new summarizer must be pinned on purpose);
* the story files changed (their sha256 differ from the pins) without re-pinning.

Re-pin only on purpose, with the command stored in the pins file (see eval/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.evaluation import (
    EvalOptions,
    check_pins,
    combine_data,
    evaluate,
    load_data,
    read_pins,
)

ROOT = Path(__file__).resolve().parents[1]
PINS = ROOT / "eval" / "pins.json"


def test_shipped_stories_meet_the_pins() -> None:
    if not (ROOT / "eval" / "stories").is_dir():
        pytest.skip("eval/stories/ is not in this checkout (the stories land in another branch)")
    pins = read_pins(PINS)
    files = [ROOT / name for name in sorted(pins["data"])]
    missing = [str(f.relative_to(ROOT)) for f in files if not f.exists()]
    assert not missing, f"pinned data files are missing: {missing}; re-pin with: {pins['command']}"
    data = combine_data([load_data(f) for f in files])
    assert data.problems == (), f"the shipped stories have bad records: {data.problems}"
    # The gate checks means, which do not depend on the bootstrap; few resamples keep it quick.
    report = evaluate(data, options=EvalOptions(resamples=20)).to_dict()
    failures = check_pins(pins, report, files, root=ROOT)
    assert not failures, "\n".join(failures)


def test_the_pins_file_is_well_formed() -> None:
    if not PINS.exists():
        pytest.skip("eval/pins.json is not in this checkout")
    pins = read_pins(PINS)
    assert pins["margin"] == 0.02
    assert "--update-pins eval/pins.json" in pins["command"]
    assert all(len(digest) == 64 for digest in pins["data"].values())
    assert all(0.0 <= float(v) <= 1.0 for v in pins["figures"].values())
