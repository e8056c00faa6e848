"""What a start imports: the cold start of issue 11 kept by module, not by stopwatch.

Times belong to ``benchmarks/startup.py``; these tests check the reasons the times are
what they are: each module below costs start-up (``docs/performance.md``, "Cold
start") and is imported only by what needs it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
VENDORS = ROOT / "benchmarks" / "ten-vendors.csv"
CRITERIA = ROOT / "src" / "callcenter_certs" / "data" / "demo" / "criteria.toml"

_HEAVY = (
    "cattrs",
    "callcenter_certs._converter",
    "tomllib",
    "tempfile",
    "calendar",
    "importlib.metadata",
    "difflib",
)
"""Modules a plain ranking does without (each a millisecond or more of start-up)."""

_RANKING = ("datetime", "argparse", "pathlib", "fractions", "csv", "callcenter_certs.scoring")
"""Modules a ranking needs that the package's import does without."""


def _imported(code: str, names: tuple[str, ...] = _HEAVY) -> set[str]:
    """The modules among ``names`` that ``code``, run in a fresh interpreter, imports."""
    listed = f"print(json.dumps([m for m in {names!r} if m in sys.modules]))"
    shown = f"{code}\nimport json, sys\n{listed}"
    done = subprocess.run(
        [sys.executable, "-c", shown], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _ranked(*arguments: str) -> str:
    """Code that runs ``callcenter-certs rank ARGUMENTS`` as the command does."""
    argv = ["callcenter-certs", "rank", *arguments]
    return (
        "import contextlib, io, sys\n"
        f"sys.argv = {argv!r}\n"
        "from callcenter_certs.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), "
        "contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as stop:\n"
        "        assert stop.code == 0, stop.code\n"
    )


def test_importing_the_package_imports_none_of_them_nor_what_a_ranking_needs() -> None:
    assert _imported("import callcenter_certs", _HEAVY + _RANKING) == set()
    # ... and the check sees those when they are there:
    assert _imported(_ranked(str(VENDORS)), _RANKING) == set(_RANKING)


def test_ranking_a_vendor_file_without_criteria_imports_none_of_them() -> None:
    assert _imported(_ranked(str(VENDORS), "--on", "2026-11-27")) == set()


def test_a_criteria_file_brings_its_reader_and_cattrs() -> None:
    # The check sees the modules when they are there: a TOML criteria file is read
    # with tomllib and structured by the loaders' converter.
    found = _imported(_ranked(str(VENDORS), "--criteria", str(CRITERIA), "--on", "2026-11-27"))
    assert found == {"cattrs", "callcenter_certs._converter", "tomllib"}
