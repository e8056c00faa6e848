"""Unusable paths (issue 16): an InputError from every loader and writer, exit 2 from the CLI.

A NUL character in a path makes ``os.stat`` and ``open`` raise a bare ``ValueError``;
an empty path, a too long one or a directory are as unusable. Each ends as one
``InputError`` (or, for a writer, an ``OSError`` naming the file), and the command
line prints one line and exits 2.
"""

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from callcenter_certs import (
    BuyerCriteria,
    DecisionRecord,
    InputError,
    Vendor,
    dump_criteria,
    dump_record,
    dump_vendors,
    load_catalog,
    load_criteria,
    load_record,
    load_vendors,
    make_record,
    rank_vendors,
    replay,
)
from callcenter_certs.cli import run

NUL_PATHS = ["vendors\0.csv", "a/\0/b.json", "\0"]


def _record() -> DecisionRecord:
    vendors = [Vendor("A")]
    criteria = BuyerCriteria()
    return make_record(vendors, criteria, rank_vendors(vendors, criteria))


CALLS: dict[str, Callable[[str | Path], object]] = {
    "load_vendors": load_vendors,
    "load_criteria": load_criteria,
    "load_catalog": load_catalog,
    "load_record": load_record,
    "dump_vendors": lambda path: dump_vendors([Vendor("A")], path),
    "dump_criteria": lambda path: dump_criteria(BuyerCriteria(), path),
    "dump_record": lambda path: dump_record(_record(), path),
    "replay inputs": lambda path: replay(_record(), inputs=[path]),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))
@pytest.mark.parametrize("path", NUL_PATHS)
def test_a_nul_in_a_path_is_an_input_error(call: Callable[[str | Path], object], path: str) -> None:
    with pytest.raises(InputError) as info:
        call(path)
    assert str(info.value).startswith("path: ")
    assert "is not a usable file path (it holds a NUL character)" in str(info.value)
    assert "\0" not in str(info.value)


@pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))
def test_an_empty_path_is_an_input_error(call: Callable[[str | Path], object]) -> None:
    with pytest.raises(InputError, match="is not a file path"):
        call("")


@pytest.mark.parametrize("name", ["load_vendors", "load_criteria", "load_catalog", "load_record"])
def test_other_unusable_paths_are_input_errors(name: str, tmp_path: Path) -> None:
    """A name too long for the system, a directory: the loader names the file."""
    suffix = ".csv" if name == "load_vendors" else ".json"
    for path in (tmp_path / ("x" * 5000 + suffix), tmp_path / f"dir{suffix}"):
        if path.name.startswith("dir"):
            path.mkdir()
        with pytest.raises(InputError) as info:
            CALLS[name](path)
        assert info.value.source == str(path)


@pytest.mark.parametrize(
    "argv",
    [
        ["rank", "vendors\0.csv"],
        ["rank", "v.csv", "--criteria", "c\0.toml"],
        ["rank", "v.csv", "--record", "r\0.json"],
        ["validate", "v\0.csv"],
        ["explain", "v\0.csv", "A"],
        ["replay", "r\0.json"],
        ["replay", "r.json", "--inputs", "v\0.csv"],
        ["catalog", "--catalog", "c\0.toml"],
    ],
)
def test_the_command_line_returns_2_with_one_line(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v.csv").write_text("vendor\nA\n", encoding="utf-8")
    assert run(["rank", "v.csv", "--record", "r.json"], stdout=io.StringIO()) == 0
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, stdout=out, stderr=err)
    assert code in {1, 2}
    if code == 1:  # validate lists the problem on stdout
        assert "NUL character" in out.getvalue()
        return
    assert (code, out.getvalue()) == (2, "")
    assert err.getvalue().count("\n") == 1
    assert "NUL character" in err.getvalue()
