"""Which sheet of a workbook holds the vendors: named, found by its header, or asked for."""

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from callcenter_certs import InputError, load_vendors  # noqa: E402
from callcenter_certs.cli import run  # noqa: E402

FRENCH = Path(__file__).parent / "data" / "french"
TENDER_FR = Path(__file__).parent.parent / "docs" / "examples" / "tender-fr.csv"
"""The French tender of the docs' examples: French headers, words and numbers."""
INSTRUCTIONS = [
    ["Instructions pour répondre à l'appel d'offres"],
    ["Une ligne par certificat ; le nom du fournisseur sur chaque ligne."],
]
VENDORS = [
    ["fournisseur", "certification", "date de début", "statut", "implantations"],
    ["Océane Contact", "NF 345", "01/03/2025", "Actif", "France:120;La Réunion:40"],
    ["Rivage Services", "LRS", "01/01/2024", "suspendu", "Maroc:300"],
]


def _workbook(path: Path, sheets: Mapping[str, Sequence[Sequence[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _names(path: Path, sheet: str | None = None) -> list[str]:
    return [vendor.name for vendor in load_vendors(path, sheet=sheet)]


def test_a_first_sheet_of_instructions_is_passed_over(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "t.xlsx", {"Instructions": INSTRUCTIONS, "Réponses": VENDORS})
    assert _names(path) == ["Océane Contact", "Rivage Services"]


def test_the_workbook_loads_like_the_csv_twin(tmp_path: Path) -> None:
    rows = [line.split(";") for line in TENDER_FR.read_text("utf-8-sig").splitlines()]
    fixed: list[list[object]] = []
    for row in rows:  # the CSV quotes its sites cells: rejoin them
        cells = [*row[:8], ";".join(row[8:])] if len(row) > 9 else row
        fixed.append([cell.strip('"') for cell in cells])
    path = _workbook(tmp_path / "t.xlsx", {"Lisez-moi": INSTRUCTIONS, "Offres": fixed})
    assert load_vendors(path) == load_vendors(FRENCH / "tender-canonical.csv")


@pytest.mark.parametrize("title", ["vendors", "Fournisseurs", " FOURNISSEURS "])
def test_a_sheet_named_vendors_or_fournisseurs_comes_first(tmp_path: Path, title: str) -> None:
    other = [VENDORS[0], ["Autre", "nf-345", "01/01/2025", "", ""]]
    path = _workbook(tmp_path / "t.xlsx", {"Autre": other, title: VENDORS})
    assert _names(path) == ["Océane Contact", "Rivage Services"]


def test_a_sheet_asked_for_is_read(tmp_path: Path) -> None:
    other = [VENDORS[0], ["Autre", "nf-345", "01/01/2025", "", ""]]
    path = _workbook(tmp_path / "t.xlsx", {"vendors": VENDORS, "Lot 2": other})
    assert _names(path, sheet="Lot 2") == ["Autre"]
    assert _names(path, sheet="lot 2") == ["Autre"]


def test_a_missing_sheet_lists_the_sheets_and_their_first_rows(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "t.xlsx", {"Instructions": INSTRUCTIONS, "Offres": VENDORS})
    with pytest.raises(InputError) as caught:
        load_vendors(path, sheet="Lot 3")
    assert str(caught.value) == (
        f"{path}: no sheet named 'Lot 3'; its sheets: 'Instructions' (\"Instructions pour "
        "répondre à l'appel d'offres\"); 'Offres' ('fournisseur', 'certification', 'date de "
        "début', 'statut', 'implantations')"
    )


def test_with_no_usable_sheet_the_error_lists_them_and_the_fix(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "t.xlsx", {"Instructions": INSTRUCTIONS, "Notes": [], "Offres": [["nom"]]}
    )
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    assert str(caught.value) == (
        f"{path}: no sheet holds vendors: none is named 'vendors' or 'fournisseurs', and none "
        "starts with a header row naming a 'vendor' column and known columns; its sheets: "
        "'Instructions' (\"Instructions pour répondre à l'appel d'offres\"); 'Notes' (empty); "
        "'Offres' ('nom'); name the sheet to read (sheet=..., --sheet NAME)"
    )


def test_every_note_names_the_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "t.xlsx", {"Instructions": INSTRUCTIONS, "Offres": VENDORS})
    out, err = io.StringIO(), io.StringIO()
    assert run(["validate", str(path)], stdout=out, stderr=err) == 0
    assert out.getvalue().splitlines()[:2] == [
        f"{path}: note: sheet 'Offres', row 2, column certification: 'NF 345' is read as the "
        "certification id 'nf-345'",
        f"{path}: note: sheet 'Offres', row 2, column sites: 'France' is read as the country 'FR'",
    ]


def test_every_error_names_the_sheet(tmp_path: Path) -> None:
    rows = [VENDORS[0], ["Océane Contact", "ISO 9002", "31/02/2025", "", ""]]
    path = _workbook(tmp_path / "t.xlsx", {"Instructions": INSTRUCTIONS, "Fournisseurs": rows})
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    assert str(caught.value).splitlines() == [
        f"{path}: sheet 'Fournisseurs', row 2, column certification: 'ISO 9002' is not a known "
        "certification id; did you mean 'iso-9001'?",
        f"{path}: sheet 'Fournisseurs', row 2, column valid_from: '31/02/2025' is not a date "
        "(expected YYYY-MM-DD or DD/MM/YYYY)",
    ]
    assert caught.value.problems[0].path == ("sheet 'Fournisseurs'", "row 2", "certification")


def test_a_file_without_sheets_refuses_a_sheet(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("vendor\nA\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_vendors(path, sheet="vendors")
    assert str(caught.value) == (
        f"{path}: sheet 'vendors': a .csv file has no sheets; only a workbook (.xlsx) has"
    )


def test_a_record_remembers_the_sheet_for_replay(tmp_path: Path) -> None:
    other = [VENDORS[0], ["Autre", "nf-345", "01/01/2025", "", ""]]
    path = _workbook(tmp_path / "t.xlsx", {"vendors": VENDORS, "Lot 2": other})
    record = tmp_path / "record.json"
    out, err = io.StringIO(), io.StringIO()
    argv = ["rank", str(path), "--sheet", "Lot 2", "--on", "30/06/2026", "--record", str(record)]
    assert run(argv, stdout=out, stderr=err) == 0
    assert '"vendors_sheet": "Lot 2"' in record.read_text("utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run(["replay", str(record), "--inputs", str(path)], stdout=out, stderr=err) == 0, (
        out.getvalue()
    )


def test_the_command_line_takes_sheet(tmp_path: Path) -> None:
    other = [VENDORS[0], ["Autre", "nf-345", "01/01/2025", "", ""]]
    path = _workbook(tmp_path / "t.xlsx", {"vendors": VENDORS, "Lot 2": other})
    out, err = io.StringIO(), io.StringIO()
    assert run(["validate", str(path), "--sheet", "Lot 2"], stdout=out, stderr=err) == 0
    assert out.getvalue().splitlines()[-1] == f"{path}: 1 vendor, no problem found"
    out = io.StringIO()
    assert run(["rank", str(path), "--sheet", "Lot 2"], stdout=out, stderr=err) == 0
    assert "Autre" in out.getvalue()
    assert "Océane" not in out.getvalue()
