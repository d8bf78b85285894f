"""The optional compiled claim engine (mypyc, ``BRIEFING_COMPILE=1``; see setup.py).

The rest of the suite runs against whichever kind is importable; ``.ci/run`` runs the
claim and sentence tests a second time against a fresh compiled build. These tests
keep the build's module list in step with the package and catch a stale build.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from briefing.claims import COMPILED_MODULES, compiled

REPO = Path(__file__).resolve().parents[1]


def _setup_modules() -> list[str]:
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "COMPILED" for t in targets):
                assert node.value is not None
                return [ast.literal_eval(item) for item in node.value.elts]  # type: ignore[attr-defined]
    raise AssertionError("setup.py has no COMPILED list")


def test_setup_compiles_exactly_the_listed_modules() -> None:
    paths = _setup_modules()
    as_modules = [p.removeprefix("src/").removesuffix(".py").replace("/", ".") for p in paths]
    assert as_modules == list(COMPILED_MODULES)
    assert all((REPO / p).is_file() for p in paths)


def test_compiled_build_is_not_stale() -> None:
    """A compiled module shadows its .py: after editing the .py, rebuild or delete."""
    if not compiled():
        pytest.skip("pure-Python run: no compiled build to check")
    # Each module's .so is a small shim, left alone by a rebuild when unchanged; the
    # code of all of them is in the group library setup.py names, rebuilt every time.
    library = sorted((REPO / "src" / "briefing").glob("_native__mypyc.*.so"))
    assert library, "no briefing/_native__mypyc library: rebuild"
    for name in COMPILED_MODULES:
        source = REPO / "src" / (name.replace(".", "/") + ".py")
        built = sorted(source.parent.glob(f"{source.stem}.*.so"))
        assert built, f"no compiled build of {source.name} beside it"
        assert library[0].stat().st_mtime >= source.stat().st_mtime, (
            f"{library[0].name} is older than {source.name}: rebuild with "
            "BRIEFING_COMPILE=1 python setup.py build_ext --inplace, or delete the .so files"
        )


def test_pure_python_reports_not_compiled() -> None:
    if compiled():
        pytest.skip("compiled run")
    module = importlib.import_module("briefing.claims._rules")
    assert str(module.__file__).endswith(".py")
