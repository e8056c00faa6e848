"""--dialect excel-fr: CSV as French Excel opens it; the default CSV unchanged (#15)."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import Table
from conftest import call

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
AWARD = (
    EXAMPLES / "award-vendors.csv",
    "--criteria",
    EXAMPLES / "award-criteria.toml",
    "--on",
    "2026-11-27",
)


def _rank(*options: str) -> tuple[int, str, str]:
    return call("rank", *AWARD, "--format", "csv", *options)


def test_excel_fr_is_semicolons_bom_decimal_comma_and_crlf() -> None:
    code, out, _ = _rank("--dialect", "excel-fr")
    assert code == 0
    assert out.startswith("\ufeffrank;vendor;total;eligible;main reasons\r\n")
    assert out.endswith("\r\n")
    lines = out.removeprefix("\ufeff").split("\r\n")[:-1]
    assert "\n" not in "".join(lines)
    rows = list(csv.reader(lines, delimiter=";"))
    assert [row[:3] for row in rows[1:]] == [
        ["1", "Bocage Appels", "91,58"],
        ["2", "Atlantique Contact", "91,00"],
        ["—", "Rivage Services", "74,00"],
    ]


def test_the_default_csv_is_unchanged() -> None:
    code, out, _ = _rank()
    assert code == 0
    assert out.startswith("rank,vendor,total,eligible,main reasons\n1,Bocage Appels,91.58,")
    assert "\r" not in out
    assert not out.startswith("\ufeff")
    assert _rank("--dialect", "excel") == (code, out, _rank()[2])


def test_excel_fr_on_a_real_standard_output_is_utf8_whatever_its_encoding() -> None:
    """The bytes are UTF-8 with a BOM even when the terminal's encoding is another."""
    argv = [str(a) for a in ("rank", *AWARD, "--format", "csv", "--dialect", "excel-fr")]
    done = subprocess.run(
        [sys.executable, "-m", "callcenter_certs", *argv],
        capture_output=True,
        check=True,
        env={"PYTHONIOENCODING": "cp1252", "PATH": ""},
    )
    assert done.stdout.startswith(b"\xef\xbb\xbfrank;vendor;total")
    assert b"91,58" in done.stdout
    assert b"\r\n" in done.stdout
    assert b"\r\r\n" not in done.stdout


def test_excel_fr_is_for_csv_only() -> None:
    code, out, err = call("rank", *AWARD, "--dialect", "excel-fr")
    assert (code, out) == (2, "")
    assert err == "error: --dialect excel-fr is for --format csv, not --format table\n"


def test_catalog_in_excel_fr() -> None:
    code, out, _ = call(
        "compare", "nf-345", "iso-18295-1", "--format", "csv", "--dialect", "excel-fr"
    )
    assert code == 0
    assert out.startswith("\ufeffid;certification;issuer;")
    assert out.count("\r\n") == 3


def test_excel_fr_is_still_safe_against_formula_injection(tmp_path: Path) -> None:
    vendors = tmp_path / "v.csv"
    vendors.write_text(
        "vendor,certification,valid_from\n'=HYPERLINK(\"x\");A,nf-345,2025-03-01\n'@SUM(1),,\n",
        encoding="utf-8",
    )
    code, out, _ = call("rank", vendors, "--format", "csv", "--dialect", "excel-fr")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline=""), delimiter=";"))
    names = [row[1] for row in rows[1:]]
    assert sorted(names) == ['\'=HYPERLINK("x");A', "'@SUM(1)"]


_CELL = st.text(st.sampled_from(["a", ";", ",", '"', "\n", "\r", "=", "-", " ", "é"]), max_size=6)


@given(st.lists(st.tuples(_CELL, _CELL), max_size=5))
def test_excel_fr_reads_back_as_written(rows: list[tuple[str, str]]) -> None:
    """Any text, line breaks and separators included, reads back cell for cell."""
    text = Table(("a", "b"), tuple(rows)).to_csv(dialect="excel-fr")
    assert text.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    unescaped = [
        tuple(c[1:] if c[:1] == "'" and c[1:2] in "=+-@\t\r" else c for c in row) for row in read
    ]
    assert unescaped == [("a", "b"), *rows]


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown CSV dialect 'excel-de'"):
        Table(("a",), ()).to_csv(dialect="excel-de")
    with pytest.raises(ValueError, match="the dialect 'excel-fr' is for csv, not 'json'"):
        Table(("a",), ()).render("json", dialect="excel-fr")


def test_excel_fr_to_a_file_is_the_same_bytes(tmp_path: Path) -> None:
    out = tmp_path / "ranking.csv"
    code, stdout, stderr = _rank("--dialect", "excel-fr", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert stderr.endswith(f"ranking written to {out}\n")
    assert out.read_bytes() == _rank("--dialect", "excel-fr")[1].encode("utf-8")
    assert out.read_bytes().startswith(b"\xef\xbb\xbfrank;vendor;total;eligible;main reasons\r\n")
