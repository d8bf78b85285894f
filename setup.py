"""Optional compiled build of the claim engine.

``pip install .`` installs pure Python. With ``BRIEFING_COMPILE=1`` the modules
below are compiled to C extensions with mypyc (part of mypy), which runs them
faster with the same results; the package's ``.py`` files stay the reference:

    pip install mypy setuptools
    BRIEFING_COMPILE=1 pip install --no-build-isolation .
    BRIEFING_COMPILE=1 python setup.py build_ext --inplace   # in a checkout

Everything else about the package is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import os

from setuptools import setup

#: The per-article hot path: decoding checks and furniture stripping, sentence
#: splitting, and claim extraction (word lists, quotations, attribution rules,
#: speaker resolution). The same list as ``briefing.claims.COMPILED_MODULES``; a
#: test keeps the two in step.
COMPILED = [
    "src/briefing/_decode.py",
    "src/briefing/_furniture.py",
    "src/briefing/sentences.py",
    "src/briefing/claims/_lexicon.py",
    "src/briefing/claims/_quotes.py",
    "src/briefing/claims/_rules.py",
    "src/briefing/claims/_speakers.py",
    "src/briefing/claims/_extract.py",
]

if os.environ.get("BRIEFING_COMPILE") == "1":
    from mypyc.build import mypycify

    # The shared library goes inside the package (briefing/_native__mypyc...), so
    # whatever ships the package ships it too (Ray's py_modules, wheels).
    setup(
        ext_modules=mypycify(
            ["--config-file", "pyproject.toml", *COMPILED], group_name="briefing._native"
        )
    )
else:
    setup()
