"""Repository-wide pytest hooks (tests/conftest.py holds the fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # --doctest-modules imports each module under src/ by its .py path. A compiled
    # build (setup.py, BRIEFING_COMPILE=1) shadows some modules with C extensions,
    # which pytest refuses to pair with the .py; their doctests run in pure builds.
    if collection_path.suffix == ".py" and any(
        collection_path.parent.glob(f"{collection_path.stem}.*.so")
    ):
        return True
    return None
