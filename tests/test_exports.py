"""The public surface: what ``import briefing`` offers, and what importing costs."""

from __future__ import annotations

import briefing
from conftest import run_python


def test_all_is_sorted_and_complete() -> None:
    assert briefing.__all__ == sorted(briefing.__all__)
    for name in briefing.__all__:
        assert hasattr(briefing, name), name


def test_public_names_are_exactly_these() -> None:
    import types

    # Subpackages appear as attributes once imported: reachable, not exported. A
    # function that shares its package's name (``briefing.summarize``) is exported.
    public = {
        name
        for name in dir(briefing)
        if not name.startswith("_") and not isinstance(getattr(briefing, name), types.ModuleType)
    }
    assert public == set(briefing.__all__) - {"__version__"}


def test_import_loads_no_heavy_library() -> None:
    code = (
        "import sys, briefing; "
        "heavy = [m for m in ('torch', 'transformers', 'trafilatura', 'datasets', 'nltk') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = run_python(code)
    assert out.strip() == ""


def test_errors_share_one_base() -> None:
    for name in ("ConfigError", "DataError", "InputError", "ModelError", "ModelNotAvailableError"):
        assert issubclass(getattr(briefing, name), briefing.BriefingError)
    assert issubclass(briefing.ModelNotAvailableError, briefing.ModelError)


def test_sentence_splitting_does_not_drag_in_scipy() -> None:
    # nltk's __init__ imports scipy.stats when scipy is installed (1-2 s of start-up
    # that Punkt never uses); briefing hides it while importing Punkt, and only then.
    code = (
        "import sys, briefing; briefing.split_sentences('Dr. Lee spoke. Mr. Ode left.'); "
        "print('scipy' in sys.modules); import scipy.stats; print('ok')"
    )
    out = run_python(code)
    assert out.split() == ["False", "ok"]
