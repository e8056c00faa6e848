"""The Excel vendor format: cells with their types, problems with their row and column."""

import datetime as dt
import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from callcenter_certs import HeldCertificate, Vendor
from callcenter_certs.loaders import load_vendors
from conftest import EXPECTED, HEADER, problems, workbook


def test_xlsx_loads_with_real_dates_and_numbers(tmp_path: Path) -> None:
    """Date cells, number cells and bool cells of a workbook read as their values."""
    path = workbook(
        tmp_path / "v.xlsx",
        [
            [c.upper() for c in HEADER.strip().split(",")],
            ["Atlantique Contact", "nf-345", dt.datetime(2025, 3, 1), None, "NF345-0412",
             "Organisme Démo A", True, None, "FR:120;RE:40"],
            ["Rivage Services", "iso-9001", "01/09/2024", None, None, None, 0, "suspended",
             "MA:300"],
            [],
            ["Atlantique Contact", "iso-18295-1", dt.date(2024, 9, 15), "2027-09-14", None, None,
             "oui"],
            ["Bocage Appels"],
        ],
        title="Vendors",
        first="Read me",
    )  # fmt: skip
    assert load_vendors(path) == EXPECTED


def test_xlsx_number_cells_become_text(tmp_path: Path) -> None:
    """A certificate number typed as a number reads as its digits."""
    path = workbook(
        tmp_path / "v.xlsx",
        [
            ["vendor", "certification", "valid_from", "certificate_number"],
            [7, "iso-9001", "2024-01-01", 12345],
        ],
    )
    assert load_vendors(path) == [
        Vendor("7", [HeldCertificate("iso-9001", dt.date(2024, 1, 1), certificate_number="12345")])
    ]


def test_xlsx_problems_name_row_and_column(tmp_path: Path) -> None:
    """A time of day in a date cell, or a number of sites, is refused with its cell."""
    path = workbook(
        tmp_path / "v.xlsx",
        [
            ["vendor", "certification", "valid_from", "sites"],
            ["A", "iso-9001", dt.datetime(2024, 1, 1, 9, 30), 12],
        ],
    )
    assert problems(path) == [
        f"{path}: sheet 'Sheet', row 2, column valid_from: '2024-01-01 09:30:00' is a date "
        "and time, expected a date (YYYY-MM-DD or DD/MM/YYYY)",
        f"{path}: sheet 'Sheet', row 2, column sites: 12 is not a list of sites (expected "
        "COUNTRY:AGENTS or COUNTRY:AGENTS:NAME separated by ';', e.g. 'FR:120:Nantes;RE:40')",
    ]


def test_empty_workbook(tmp_path: Path) -> None:
    """A sheet without a header row is an error naming the sheet."""
    path = workbook(tmp_path / "v.xlsx", [])
    assert problems(path) == [
        f"{path}: sheet 'Sheet': empty: expected a header row naming the columns, e.g. "
        "vendor,certification,valid_from,valid_until,certificate_number,certifying_body,"
        "accredited,status,sites"
    ]


def test_corrupt_xlsx(tmp_path: Path) -> None:
    """A file that is not a workbook is an InputError, not a zipfile error."""
    path = tmp_path / "v.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    pytest.importorskip("openpyxl")
    assert problems(path) == [
        f"{path}: cannot be read as an .xlsx workbook (BadZipFile: File is not a zip file)"
    ]


def test_xlsx_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the excel extra, the error says how to install it."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    path = tmp_path / "v.xlsx"
    path.write_bytes(b"")
    assert problems(path) == [
        f"{path}: reading .xlsx files needs openpyxl: install the excel extra: "
        "pip install 'callcenter-certs[excel]'"
    ]


@pytest.mark.parametrize("error", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?"])
def test_an_error_cell_is_refused_with_its_row_and_column(tmp_path: Path, error: str) -> None:
    """A broken VLOOKUP's #N/A is not a vendor's name: rows of two vendors must not merge."""
    openpyxl: Any = importlib.import_module("openpyxl")  # the excel extra, untyped
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["vendor", "certification", "valid_from"])
    sheet.append(["Atlantique Contact", "nf-345", "2025-01-01"])
    sheet.append([None, "iso-9001", "2025-01-01"])
    sheet["A3"] = error
    sheet["A3"].data_type = "e"  # as Excel stores a formula's error
    path = tmp_path / "errors.xlsx"
    book.save(path)
    assert problems(path) == [
        f"{path}: sheet 'Sheet', row 3, column vendor: {error!r} is an Excel error, the result "
        "of a formula that failed (a broken lookup, say); fix the formula or type the value"
    ]


def test_every_error_cell_is_listed_with_the_sheets_other_problems(tmp_path: Path) -> None:
    openpyxl: Any = importlib.import_module("openpyxl")  # the excel extra, untyped
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "vendors"
    sheet.append(["vendor", "certification", "valid_from"])
    sheet.append(["A", "nf-345", "x"])
    sheet.append(["B", "nf-345", "x"])
    sheet.append(["C", "nf-345", "not a date"])
    sheet["C2"].data_type = "e"
    sheet["C2"] = "#N/A"
    sheet["C2"].data_type = "e"
    sheet["B3"] = "#REF!"
    sheet["B3"].data_type = "e"
    path = tmp_path / "errors.xlsx"
    book.save(path)
    assert [line.split(": ", 2)[1] for line in problems(path)] == [
        "sheet 'vendors', row 2, column valid_from",
        "sheet 'vendors', row 3, column certification",
        "sheet 'vendors', row 4, column valid_from",
    ]


def test_an_error_cell_past_the_header_is_shown_as_the_cell_it_is(tmp_path: Path) -> None:
    openpyxl: Any = importlib.import_module("openpyxl")  # the excel extra, untyped
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["vendor", "certification", "valid_from"])
    sheet.append(["Atlantique Contact", "nf-345", "2025-01-01", "#N/A"])
    sheet["D2"].data_type = "e"
    path = tmp_path / "errors.xlsx"
    book.save(path)
    assert problems(path) == [
        f"{path}: sheet 'Sheet', row 2: CellError(value='#N/A') is in a column that the "
        "header does not name"
    ]
