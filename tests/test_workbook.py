"""Workbooks written: dump_vendors to .xlsx, and rank --format xlsx's four sheets (#15)."""

import datetime as dt
import importlib
import io
import math
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    BuyerCriteria,
    HeldCertificate,
    InputError,
    Need,
    Ranking,
    Site,
    Vendor,
    rank_vendors,
)
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.formats.xlsx import write_ranking
from callcenter_certs.loaders import dump_vendors, load_criteria, load_vendors
from callcenter_certs.strategies import award_figures, vendors
from conftest import call

openpyxl: Any = importlib.import_module("openpyxl")  # in the test extra: never skipped

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
DEMO = Path(__file__).parent.parent / "src" / "callcenter_certs" / "data" / "demo"
ON = dt.date(2026, 11, 27)


def _demo_ranking() -> Ranking:
    offers = load_vendors(DEMO / "vendors.json")
    return rank_vendors(offers, load_criteria(DEMO / "criteria.toml"), on=ON)


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def _values(sheet: Any) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


# dump_vendors to .xlsx ----------------------------------------------------------------


def _stripped(text: str | None) -> str | None:
    return None if text is None else text.strip() or None


def _sheet_safe(vendor: Vendor) -> Vendor:
    """The vendor with text a spreadsheet keeps: no space at either end."""
    certificates = [
        attrs.evolve(
            c,
            certificate_number=_stripped(c.certificate_number),
            certifying_body=_stripped(c.certifying_body),
        )
        for c in vendor.certificates
    ]
    return attrs.evolve(vendor, name=vendor.name.strip(), certificates=certificates)


@st.composite
def _offers(draw: st.DrawFn) -> list[Vendor]:
    figures = draw(award_figures())
    drawn = st.lists(
        vendors(figures=figures, records=True).map(_sheet_safe),
        max_size=4,
        unique_by=lambda v: _name_key(v.name),
    )
    return draw(drawn)


@given(_offers())
def test_dump_vendors_xlsx_reads_back_equal(workdir: Path, drawn: list[Vendor]) -> None:
    """Every field, figures and register columns included, comes back from the workbook."""
    path = workdir / "round-trip.xlsx"
    dump_vendors(drawn, path)
    assert load_vendors(path) == drawn


RECORDED = Vendor(
    '=HYPERLINK("http://x")',
    [
        HeldCertificate(
            "nf-345",
            dt.date(2025, 3, 1),
            dt.date(2028, 2, 28),
            certificate_number="0412",
            certifying_body="'Organisme",
            accredited=True,
            level=None,
            score=71.5,
        ),
        HeldCertificate("iso-9001", dt.date(1890, 1, 2), certificate_number="\tTAB"),
    ],
    [Site("FR", 120, "Nantes")],
    {"price": 1180000.5, "technical": 15.0},
)


def test_dump_vendors_xlsx_cells_are_typed(tmp_path: Path) -> None:
    """Dates are dates, figures numbers, accredited a boolean, a number-like text stays text."""
    path = tmp_path / "vendors.xlsx"
    dump_vendors([RECORDED, Vendor("Bocage Appels")], path)
    assert load_vendors(path) == [RECORDED, Vendor("Bocage Appels")]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["vendors"]
    sheet = book["vendors"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, (cell for cell in sheet[2]), strict=True))
    assert row["valid_from"].value == dt.datetime(2025, 3, 1)
    assert row["valid_from"].is_date
    assert row["accredited"].value is True
    assert row["certificate_number"].value == "0412"
    assert row["certificate_number"].data_type == "s"
    assert row["figure:price"].value == 1180000.5
    assert row["score"].value == 71.5
    assert row["certifying_body"].value == "''Organisme"  # the CSV layout's escape
    # Text a spreadsheet would run is escaped as in CSV, and is never a formula.
    assert row["vendor"].value == '\'=HYPERLINK("http://x")'
    assert row["vendor"].data_type == "s"
    second = dict(zip(header, (cell.value for cell in sheet[3]), strict=True))
    assert second["valid_from"] == "1890-01-02"  # before Excel's calendar: ISO text
    assert second["certificate_number"] == "'\tTAB"


def test_dump_vendors_xlsx_refuses_what_would_not_read_back(tmp_path: Path) -> None:
    path = tmp_path / "v.xlsx"
    with pytest.raises(InputError) as info:
        dump_vendors([Vendor("A "), Vendor("a")], path)
    assert str(info.value).splitlines() == [
        "vendors[0].name: 'A ' starts or ends with a space or line break, which a workbook "
        "does not keep; remove it, or write JSON",
        "vendors[1].name: 'a' and vendors[0]'s name differ only in case, accents, spaces or "
        "invisible characters, which the workbook layout reads as a typing mistake",
    ]
    assert not path.exists()


def _without_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl raises ImportError


def test_dump_vendors_xlsx_without_openpyxl_gives_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_openpyxl(monkeypatch)
    with pytest.raises(InputError) as info:
        dump_vendors([Vendor("A")], tmp_path / "v.xlsx")
    assert str(info.value) == (
        "writing .xlsx files needs openpyxl: install the excel extra: "
        "pip install 'callcenter-certs[excel]'"
    )


# The ranking's workbook ---------------------------------------------------------------


def test_the_workbook_has_four_sheets_with_a_frozen_header() -> None:
    book = _book(write_ranking(_demo_ranking()))
    assert book.sheetnames == ["ranking", "breakdown", "warnings", "criteria"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.auto_filter.ref is not None


def test_the_ranking_sheet_holds_to_rows_as_numbers() -> None:
    ranking = _demo_ranking()
    sheet = _book(write_ranking(ranking))["ranking"]
    rows = _values(sheet)
    expected = ranking.to_rows()
    assert list(rows[0]) == list(expected[0])
    assert len(rows) == len(ranking) + 1
    for got, want in zip(rows[1:], expected, strict=True):
        cells = dict(zip(rows[0], got, strict=True))
        assert cells["rank"] == want["rank"]
        assert cells["vendor"] == want["vendor"]
        assert isinstance(cells["total"], int | float)
        assert math.isclose(float(cells["total"]), float(str(want["total"])))
        assert cells["eligible"] is want["eligible"]
        assert cells["warnings"] == want["warnings"]
        assert (cells["knockouts"] or "") == want["knockouts"]
        assert isinstance(cells["points:price"], int | float)
    assert sheet["C2"].number_format == "0.00"


def test_the_breakdown_sheet_has_a_row_per_vendor_and_criterion() -> None:
    ranking = _demo_ranking()
    rows = _values(_book(write_ranking(ranking))["breakdown"])
    assert rows[0] == (
        "rank",
        "vendor",
        "criterion",
        "need",
        "met",
        "value",
        "weight",
        "points",
        "figure",
        "certificates",
        "detail",
    )
    assert len(rows) - 1 == sum(len(entry.score.breakdown) for entry in ranking)
    price = next(r for r in rows[1:] if r[1] == "Atlantide Contact" and r[2] == "price")
    assert price[3] == "prefer"
    assert price[8] == 1240000  # the price itself, a number
    required = next(r for r in rows[1:] if r[1] == "Atlantide Contact" and r[2] == "required")
    assert required[3:5] == ("require", True)
    assert required[9] == "iso-18295-1"


def test_the_warnings_sheet_has_a_row_per_knock_out_and_warning() -> None:
    ranking = _demo_ranking()
    rows = _values(_book(write_ranking(ranking))["warnings"])
    assert rows[0] == (
        "rank",
        "vendor",
        "kind",
        "criterion",
        "message",
        "certifications",
        "countries",
    )
    expected = len(ranking.warnings) + sum(
        len(e.score.knockouts) + len(e.score.warnings) for e in ranking
    )
    assert len(rows) - 1 == expected
    kinds = [row[2] for row in rows[1:]]
    assert kinds.count("knock-out") == sum(len(e.score.knockouts) for e in ranking)
    assert kinds.count("criteria warning") == len(ranking.warnings)
    knocked = [row for row in rows[1:] if row[2] == "knock-out"]
    assert {row[1] for row in knocked} == {e.vendor.name for e in ranking.knocked_out}
    assert all(row[0] is None for row in knocked)


def test_the_criteria_sheet_holds_needs_weights_and_figure_settings() -> None:
    ranking = _demo_ranking()
    rows = _values(_book(write_ranking(ranking))["criteria"])
    header = rows[0]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:] if row[0]}
    assert by_name["required"]["need"] == "require"
    assert by_name["required"]["certifications"] == "iso-18295-1"
    price = by_name["price"]
    assert (price["need"], price["weight"], price["nominal %"]) == ("prefer", 40, 40)
    assert math.isclose(float(str(price["effective %"])), ranking.effective_weights["price"])
    assert (price["better"], price["scoring"], price["abnormally low"]) == (
        "lower",
        "proportional",
        0.8,
    )
    technical = by_name["technical"]
    assert (technical["out of"], technical["minimum"]) == (20, 10)
    assert by_name["checked on"]["need"] == dt.datetime(2026, 11, 27)  # a date cell
    assert by_name["valid through"]["need"] == dt.datetime(2030, 12, 31)


def test_widths_fit_the_text() -> None:
    sheet = _book(write_ranking(_demo_ranking()))["warnings"]
    assert sheet.column_dimensions["B"].width >= len("Jura Contact Partenaires")
    assert sheet.column_dimensions["E"].width <= 60  # a long message does not widen it past


def test_text_in_the_workbook_is_never_a_formula() -> None:
    vendor = Vendor('=HYPERLINK("http://evil","x")', sites=[Site("FR", 1)])
    ranking = rank_vendors([vendor], BuyerCriteria(france_only=Need.PREFER), on=ON)
    cell = _book(write_ranking(ranking))["ranking"]["B2"]
    assert cell.value == vendor.name
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_an_empty_ranking_has_its_headers() -> None:
    book = _book(write_ranking(rank_vendors([], BuyerCriteria(), on=ON)))
    assert _values(book["ranking"]) == [
        ("rank", "vendor", "total", "eligible", "knockouts", "warnings")
    ]
    assert len(_values(book["breakdown"])) == 1


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(InputError, match="'xx' is not a language of the output"):
        write_ranking(_demo_ranking(), lang="xx")


# The command line ---------------------------------------------------------------------


def test_rank_format_xlsx_writes_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "ranking.xlsx"
    code, stdout, stderr = call(
        "rank",
        EXAMPLES / "award-vendors.csv",
        "--criteria",
        EXAMPLES / "award-criteria.toml",
        "--on",
        "2026-11-27",
        "--format",
        "xlsx",
        "-o",
        out,
    )
    assert (code, stdout) == (0, "")
    assert stderr.endswith(f"ranking written to {out}\n")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["ranking", "breakdown", "warnings", "criteria"]
    assert [row[1] for row in _values(book["ranking"])[1:]] == [
        "Bocage Appels",
        "Atlantique Contact",
        "Rivage Services",
    ]


def test_rank_format_xlsx_needs_an_output_file() -> None:
    code, stdout, stderr = call("rank", EXAMPLES / "vendors.csv", "--format", "xlsx")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "error: --format xlsx writes a workbook, not text: give its file with -o, "
        "e.g. -o ranking.xlsx\n"
    )


def test_rank_format_xlsx_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without_openpyxl(monkeypatch)
    out = tmp_path / "ranking.xlsx"
    code, stdout, stderr = call(
        "rank", EXAMPLES / "vendors.csv", "--format", "xlsx", "-o", out, "--record", tmp_path / "r"
    )
    assert (code, stdout) == (2, "")
    assert stderr == (
        "error: writing .xlsx files needs openpyxl: install the excel extra: "
        "pip install 'callcenter-certs[excel]'\n"
    )
    assert not out.exists()
    assert not (tmp_path / "r").exists()  # nothing written when the workbook cannot be


def test_rank_output_writes_text_formats_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "ranking.md"
    code, stdout, _ = call("rank", EXAMPLES / "vendors.csv", "--format", "markdown", "-o", out)
    assert (code, stdout) == (0, "")
    _, shown, _ = call("rank", EXAMPLES / "vendors.csv", "--format", "markdown")
    assert out.read_text(encoding="utf-8") == shown


def test_rank_output_onto_an_input_is_refused(tmp_path: Path) -> None:
    vendors_file = tmp_path / "vendors.csv"
    vendors_file.write_bytes((EXAMPLES / "vendors.csv").read_bytes())
    code, _, stderr = call("rank", vendors_file, "--format", "xlsx", "-o", vendors_file)
    assert code == 2
    assert stderr == (
        f"error: --output {vendors_file} is the vendor file; write the ranking to another file\n"
    )
    assert vendors_file.read_bytes() == (EXAMPLES / "vendors.csv").read_bytes()


def test_a_sheet_over_excels_limits_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel opens at most 1,048,576 rows and 32,767 characters a cell: refused, not broken."""
    long_number = "N" * 32_768
    with pytest.raises(InputError) as info:
        dump_vendors(
            [Vendor("A", [HeldCertificate("nf-345", ON, certificate_number=long_number)])],
            tmp_path / "v.xlsx",
        )
    assert str(info.value) == (
        "vendors[0].certificates[0].certificate_number: 32,768 characters, over the limit of "
        "32,767 for a cell of a workbook; write CSV or JSON instead"
    )
    long = Vendor("B" * 40_000)
    with pytest.raises(InputError, match=r"^sheet 'ranking', row 2, column 'vendor': 40,000 char"):
        write_ranking(rank_vendors([long], BuyerCriteria(), on=ON))
    monkeypatch.setattr("callcenter_certs._workbook.MAX_ROWS", 3)
    with pytest.raises(InputError, match=r"the sheet 'vendors' would have 4 rows, over Excel"):
        dump_vendors([Vendor("A"), Vendor("B"), Vendor("C")], tmp_path / "v.xlsx")
    code, _, stderr = call(
        "rank", EXAMPLES / "vendors.csv", "--format", "xlsx", "-o", tmp_path / "r.xlsx"
    )
    assert code == 2
    assert stderr.startswith("error: the sheet 'ranking' would have 4 rows, over Excel's limit")
    assert not (tmp_path / "r.xlsx").exists()


def test_a_ranking_read_back_from_a_record_has_its_workbook(tmp_path: Path) -> None:
    """A record keeps no criteria apart from the ranking: the breakdown names them."""
    from callcenter_certs import dump_record, load_record, make_record  # noqa: PLC0415

    offers = load_vendors(DEMO / "vendors.json")
    criteria = load_criteria(DEMO / "criteria.toml")
    ranking = rank_vendors(offers, criteria, on=ON)
    dump_record(make_record(offers, criteria, ranking), tmp_path / "record.json")
    read = load_record(tmp_path / "record.json").ranking
    assert read.criteria is None
    fresh = _values(_book(write_ranking(ranking))["criteria"])
    again = _values(_book(write_ranking(read))["criteria"])
    assert [row[:5] for row in again[:7]] == [row[:5] for row in fresh[:7]]
    assert _values(_book(write_ranking(read))["ranking"]) == _values(
        _book(write_ranking(ranking))["ranking"]
    )


def test_text_wider_than_its_column_wraps() -> None:
    book = _book(write_ranking(_demo_ranking()))
    sheet = book["warnings"]
    long_cells = [
        cell
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str) and len(cell.value) > 60
    ]
    assert long_cells
    assert all(cell.alignment.wrap_text for cell in long_cells)
