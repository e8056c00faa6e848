"""Every error line names its file (issue 16)."""

import io
from pathlib import Path
from typing import NoReturn

import pytest

from callcenter_certs.cli import run


def call(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", ["rank", "explain", "sensitivity"])
def test_criteria_problems_found_when_ranking_name_the_criteria_file(
    command: str, tmp_path: Path
) -> None:
    """An unknown id in ``required`` is found when ranking, and printed with its file."""
    vendors, criteria = tmp_path / "v.csv", tmp_path / "c.toml"
    vendors.write_text("vendor,certification,valid_from\nA,iso-9001,2025-01-01\n", "utf-8")
    criteria.write_text('required = ["iso9001"]\n', encoding="utf-8")
    argv: list[str | Path] = [
        command,
        vendors,
        "--criteria",
        criteria,
        *(["A"] if command == "explain" else []),
    ]
    code, out, err = call(*argv)
    assert (code, out) == (2, "")
    assert err == (
        f"error: {criteria}: required[0]: 'iso9001' is not a known certification id; "
        "did you mean 'iso-9001'?\n"
    )


def test_validate_names_the_criteria_file(tmp_path: Path) -> None:
    vendors, criteria = tmp_path / "v.csv", tmp_path / "c.toml"
    vendors.write_text("vendor\nA\n", encoding="utf-8")
    criteria.write_text('required = ["iso9001"]\n', encoding="utf-8")
    code, out, _ = call("validate", vendors, "--criteria", criteria)
    assert code == 1
    assert f"{criteria}: required[0]: 'iso9001' is not a known certification id" in out


def test_a_write_error_without_a_file_name_is_never_blank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OSError that names no file still reads ``error: cannot write: REASON``."""
    vendors = tmp_path / "v.csv"
    vendors.write_text("vendor\nA\n", encoding="utf-8")

    def fail(*_: object, **__: object) -> NoReturn:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("callcenter_certs.decisions.dump_record", fail)
    code, _, err = call("rank", vendors, "--record", tmp_path / "r.json")
    assert (code, err) == (2, "error: cannot write: No space left on device\n")
