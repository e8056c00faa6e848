"""Coverage-guided fuzzing of the loaders and the command line, with atheris (libFuzzer).

Usage (see ``fuzz/README.md``)::

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/atheris_targets.py TARGET -runs=100000

``TARGET`` is one of the names in ``TARGETS``. The corpus directory
``fuzz/corpus/TARGET`` is seeded from the example files of the docs and the tests the
first time; other libFuzzer options (``-max_total_time=600``, ``-jobs=2``...) pass
through. Each input is written to a file of the target's suffix and loaded: the
loader must return records or raise ``InputError`` naming the file on each line, one
line per problem; what loads is ranked and must keep the scoring invariants. Any
other exception is a crash, and libFuzzer saves the input as ``crash-*``.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from callcenter_certs import (
        BuyerCriteria,
        InputError,
        Limits,
        Need,
        load_catalog,
        rank_vendors,
    )
    from callcenter_certs.cli import run
    from callcenter_certs.loaders import load_criteria, load_vendors

ROOT = Path(__file__).resolve().parents[1]
WORKDIR = Path(tempfile.mkdtemp(prefix="callcenter-certs-fuzz-"))
CRITERIA = BuyerCriteria(
    required=("iso-9001",),
    results_obligation=Need.PREFER,
    france_only=Need.PREFER,
    csr=Need.PREFER,
    valid_through=dt.date.max,
)
DATES = (dt.date.min, dt.date(2026, 6, 1), dt.date.max)
SMALL = Limits(
    max_vendors=3,
    max_certificates_per_vendor=2,
    max_sites_per_vendor=3,
    max_cells=60,
    max_shared_strings=20,
)
"""Limits small enough that byte-level inputs land on both sides of each (issue 16)."""
MAX_LINES = 1_001
"""Problems listed at most, and the line saying how many more there were."""


def _refused(error: InputError, path: Path) -> None:
    lines = str(error).splitlines()
    if error.source != str(path) or len(lines) != len(error.problems) or not lines:
        msg = f"badly formed error: {error!r}"
        raise AssertionError(msg)
    if not all(line.startswith(f"{path}: ") for line in lines):
        msg = f"a line does not name the file: {lines!r}"
        raise AssertionError(msg)
    if len(lines) > MAX_LINES:
        msg = f"{len(lines)} lines: the problems past the first 1,000 are not capped"
        raise AssertionError(msg)


def _ranked(vendors: list) -> None:
    for on in DATES:
        ranking = rank_vendors(vendors, CRITERIA, on=on)
        if sorted(e.vendor.name for e in ranking) != sorted(v.name for v in vendors):
            msg = "a vendor was lost or doubled"
            raise AssertionError(msg)
        for entry in ranking:
            if not 0 <= entry.score.total <= 100:  # noqa: PLR2004 - a percentage
                msg = f"total out of range: {entry.score.total}"
                raise AssertionError(msg)
            if entry.score.eligible != (not entry.score.knockouts):
                msg = "eligible although knocked out"
                raise AssertionError(msg)


def _loader(suffix: str, load: Callable[[Path], object], check: bool) -> Callable[[bytes], None]:
    path = WORKDIR / f"input{suffix}"

    def target(data: bytes) -> None:
        path.write_bytes(data)
        try:
            loaded = load(path)
        except InputError as error:
            _refused(error, path)
            return
        if check and isinstance(loaded, list):
            _ranked(loaded)

    return target


def _command_line(suffix: str) -> Callable[[bytes], None]:
    path = WORKDIR / f"cli{suffix}"

    def target(data: bytes) -> None:
        path.write_bytes(data)
        for on in ("0001-01-01", "9999-12-31"):
            out, err = io.StringIO(), io.StringIO()
            code = run(["rank", str(path), "--on", on, "--format", "json"], stdout=out, stderr=err)
            if code == 2:  # noqa: PLR2004 - the exit code of an input error
                if out.getvalue() or err.getvalue().count("\n") != 1:
                    msg = f"exit 2 with {out.getvalue()!r} and {err.getvalue()!r}"
                    raise AssertionError(msg)
            elif code != 0 or not out.getvalue():
                msg = f"exit {code} with {err.getvalue()!r}"
                raise AssertionError(msg)

    return target


def _small_limits(path: Path) -> object:
    """``load_vendors`` under `SMALL` limits: the counting while reading, fuzzed."""
    return load_vendors(path, limits=SMALL)


TARGETS: dict[str, tuple[Callable[[bytes], None], tuple[str, ...]]] = {
    "vendors-json": (_loader(".json", load_vendors, check=True), ("*vendors*.json",)),
    "vendors-csv": (_loader(".csv", load_vendors, check=True), ("*vendors*.csv",)),
    "vendors-xlsx": (_loader(".xlsx", load_vendors, check=True), ("*.xlsx",)),
    "criteria-toml": (_loader(".toml", load_criteria, check=False), ("criteria*.toml",)),
    "criteria-json": (_loader(".json", load_criteria, check=False), ("criteria*.json",)),
    "catalog-toml": (_loader(".toml", load_catalog, check=False), ("certifications.toml",)),
    "small-csv": (_loader(".csv", _small_limits, check=True), ("*vendors*.csv",)),
    "small-xlsx": (_loader(".xlsx", _small_limits, check=True), ("*.xlsx",)),
    "small-json": (_loader(".json", _small_limits, check=True), ("*vendors*.json",)),
    "cli-json": (_command_line(".json"), ("*vendors*.json",)),
    "cli-csv": (_command_line(".csv"), ("*vendors*.csv",)),
}
"""Name: (what runs on each input, file patterns that seed its corpus)."""


def _seed(name: str, patterns: tuple[str, ...]) -> Path:
    corpus = ROOT / "fuzz" / "corpus" / name
    if not corpus.exists():
        corpus.mkdir(parents=True)
        for folder in (ROOT / "docs" / "examples", ROOT / "tests" / "data", ROOT / "src"):
            for pattern in patterns:
                for file in folder.rglob(pattern):
                    shutil.copy(file, corpus / file.name)
    if name.endswith("-xlsx") and not (corpus / "vendors.xlsx").exists():
        _workbook(ROOT / "docs" / "examples" / "vendors.csv", corpus / "vendors.xlsx")
    return corpus


def _workbook(source: Path, target: Path) -> None:
    """The rows of a CSV example as a workbook: no workbook is committed to seed from."""
    openpyxl = importlib.import_module("openpyxl")
    workbook = openpyxl.Workbook()
    with source.open(encoding="utf-8-sig", newline="") as rows:
        for row in csv.reader(rows):
            workbook.active.append(row)
    workbook.save(target)


def main() -> None:
    """``atheris_targets.py TARGET [libFuzzer options] [corpus directories]``."""
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:  # noqa: PLR2004 - program and target
        print(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options]")
        sys.exit(2)
    name = sys.argv.pop(1)
    target, patterns = TARGETS[name]
    corpus = _seed(name, patterns)
    if not any(not arg.startswith("-") for arg in sys.argv[1:]):
        sys.argv.append(str(corpus))
    if not any(arg.startswith("-artifact_prefix=") for arg in sys.argv):
        sys.argv.append(f"-artifact_prefix={corpus.parent}/crashes-{name}-")
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
