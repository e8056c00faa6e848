"""The spreadsheet layout shared by CSV and XLSX (``_sheet.py``): reading cells, writing rows.

How one cell is read, whatever the format that holds it: as a number (French and
English writing), a date (ISO and day-first), a flag, a sites cell, text (the formula
escape undone); the workbook's error cell ``CellError``; ``escaped_text``; and
``vendor_rows``, the rows a format writes, read back by ``assemble``. The private
readers are tested directly, with properties where one holds; what is the file's
behaviour goes through ``load_vendors`` on a CSV written in ``tmp_path``.
"""

import datetime as dt
import math
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import CertificateStatus, HeldCertificate, InputError, Site, Vendor
from callcenter_certs._sheet import (
    COLUMNS,
    RECORD_COLUMNS,
    CellError,
    Cells,
    _accredited,
    _CellError,
    _date,
    _number,
    _site_names,
    _sites,
    _text,
    assemble,
    escaped_text,
    noting,
    number_text,
    vendor_rows,
)
from callcenter_certs._text import name_key
from callcenter_certs.loaders import load_vendors
from callcenter_certs.strategies import vendors
from callcenter_certs.tables import _FORMULA_START
from conftest import write

D1 = dt.date(2024, 1, 1)
D2 = dt.date(2025, 3, 1)
DATES = "(expected YYYY-MM-DD or DD/MM/YYYY)"
SITES = (
    "(expected COUNTRY:AGENTS or COUNTRY:AGENTS:NAME separated by ';', e.g. 'FR:120:Nantes;RE:40')"
)
FLAGS = "(expected true/false, yes/no, oui/non, 1/0 or empty)"

TEXT_CELLS = Cells(
    text=lambda text: text,
    date=dt.date.isoformat,
    number=number_text,
    flag=lambda flag: str(flag).lower(),
    empty="",
)
"""Cells as a CSV file holds them: all text."""
TYPED_CELLS = Cells(
    text=lambda text: text,
    date=lambda day: day,
    number=float,
    flag=bool,
    empty=None,
    file="a workbook",
    layout="the workbook layout",
)
"""Cells as a workbook holds them: dates, numbers and booleans typed, empty None."""


def cell_error(read: Callable[[object], object], cell: object) -> str:
    """The message of the _CellError that reading ``cell`` raises."""
    with pytest.raises(_CellError) as info:
        read(cell)
    return str(info.value)


def read_back(rows: Sequence[Sequence[object]]) -> list[Vendor]:
    """The vendors ``assemble`` reads from ``rows``, which must hold no problem."""
    assembled = assemble(enumerate(rows, start=1), empty="rows")
    assert [str(problem) for problem in assembled.problems] == []
    return list(assembled.vendors)


def rows_refusal(vendors_written: Sequence[Vendor], cells: Cells = TEXT_CELLS) -> list[str]:
    with pytest.raises(InputError) as info:
        vendor_rows(vendors_written, cells)
    return [str(problem) for problem in info.value.problems]


# Numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1 180 000,50", 1_180_000.5),
        ("1\u00a0180\u00a0000,50", 1_180_000.5),
        ("1\u202f180\u202f000", 1_180_000.0),
        ("1 000 000.25", 1_000_000.25),
        ("15,5", 15.5),
        ("1180000.50", 1_180_000.5),
        ("-1 000,5", -1000.5),
        ("+3", 3.0),
        ("0012", 12.0),
        ("1,5e2", 150.0),
        ("2E-3", 0.002),
        ("  42  ", 42.0),
        ("'-5", -5.0),  # the formula escape of dump_vendors, undone
    ],
)
def test_a_number_is_read_as_people_write_it(cell: str, value: float) -> None:
    assert _number(cell) == value


@pytest.mark.parametrize(
    "cell",
    [
        "1_000",
        "1,180,000",
        "1.180.000",
        "1 18 000",
        "1 0000",
        "12 000 000,",
        "1.",
        ".5",
        ",5",
        "1\t000",
        "1  000",
        "\u0661\u0662",  # Arabic-Indic digits
        "inf",
        "nan",
        "0x10",
        "1,5,0",
        "'=1+1",
    ],
)
def test_forms_that_are_not_numbers_are_refused(cell: str) -> None:
    """Ambiguous or foreign forms are refused, never guessed."""
    assert cell_error(_number, cell) == f"{cell!r} is not a number"


@pytest.mark.parametrize("cell", ["12 €", "12%"])
def test_a_number_with_its_unit_is_refused_saying_so(cell: str) -> None:
    assert cell_error(_number, cell) == (
        f"{cell!r} is not a number: write the number alone, without its unit"
    )


@pytest.mark.parametrize("cell", ["1e400", "-1e400", math.inf, math.nan, 10**400])
def test_a_number_that_is_not_finite_is_refused(cell: object) -> None:
    assert cell_error(_number, cell).endswith(" is not a finite number")


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        (True, "True"),
        (D1, "datetime.date(2024, 1, 1)"),
        (dt.datetime(2024, 1, 1), "datetime.datetime(2024, 1, 1, 0, 0)"),
    ],
)
def test_a_flag_or_a_date_cell_is_not_a_number(cell: object, shown: str) -> None:
    assert cell_error(_number, cell) == f"{shown} is not a number"


@pytest.mark.parametrize(("cell", "value"), [(3, 3.0), (2.5, 2.5), (-0.0, 0.0), (10**15, 1e15)])
def test_a_workbook_number_is_read_as_a_float(cell: float, value: float) -> None:
    read = _number(cell)
    assert type(read) is float
    assert read == value
    assert math.copysign(1.0, read) == math.copysign(1.0, value)  # no -0.0


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_an_empty_cell_is_no_number(cell: object) -> None:
    assert _number(cell) is None


_SPACE = st.sampled_from([" ", "\u00a0", "\u202f"])


def _grouped(whole: int, space: str) -> str:
    """``whole`` with its thousands separated by ``space``: ``1 180 000``."""
    return f"{whole:,}".replace(",", space)


@given(
    st.integers(min_value=0, max_value=10**12),
    st.text("0123456789", max_size=6),
    st.sampled_from(["", "-", "+"]),
    _SPACE,
)
def test_a_number_written_the_french_or_english_way_reads_as_the_same_float(
    whole: int, decimals: str, sign: str, space: str
) -> None:
    expected = float(f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}")
    french = f"{sign}{_grouped(whole, space)}" + (f",{decimals}" if decimals else "")
    english = f"{sign}{whole}" + (f".{decimals}" if decimals else "")
    assert _number(french) == expected
    assert _number(english) == expected
    assert _number(f"{sign}{_grouped(whole, space)}" + (f".{decimals}" if decimals else "")) == (
        expected
    )


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_text_reads_back_exactly(value: float) -> None:
    assert _number(number_text(value)) == value
    assert _number(escaped_text(number_text(value))) == value  # as CSV writes it


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1_180_000.0, "1180000"),
        (15.5, "15.5"),
        (-5.0, "-5"),
        (0.0, "0"),
        (1e20, "1e+20"),
        (1e15, "1000000000000000.0"),
        (999_999_999_999_999.0, "999999999999999"),
        (1e-7, "1e-07"),
    ],
)
def test_number_text_writes_a_whole_figure_without_its_point(value: float, text: str) -> None:
    assert number_text(value) == text


# Dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2026-06-30", dt.date(2026, 6, 30)),
        ("30/06/2026", dt.date(2026, 6, 30)),
        ("1/6/2026", dt.date(2026, 6, 1)),
        ("01/06/2026", dt.date(2026, 6, 1)),
        (" 30/06/2026 ", dt.date(2026, 6, 30)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        (dt.date(2026, 6, 30), dt.date(2026, 6, 30)),
        (dt.datetime(2026, 6, 30), dt.date(2026, 6, 30)),  # a workbook's date at midnight
    ],
)
def test_a_date_is_iso_or_day_first(cell: object, day: dt.date) -> None:
    read = _date(cell)
    assert type(read) is dt.date
    assert read == day


@pytest.mark.parametrize(
    "cell",
    [
        "31/02/2026",
        "2026-02-29",
        "29/02/2025",
        "00/01/2026",
        "32/01/2026",
        "2026-13-01",
        "15/13/2026",
        "2026-00-10",
    ],
)
def test_an_impossible_date_is_refused(cell: str) -> None:
    assert cell_error(_date, cell) == f"{cell!r} is not a date {DATES}"


@pytest.mark.parametrize(
    "cell",
    ["2026-6-1", "30-06-2026", "30/06/26", "2026/06/30", "30.06.2026", "June 30, 2026", 45000],
)
def test_other_date_forms_are_refused(cell: object) -> None:
    """Month-first is never guessed; a workbook's day number is not a date cell."""
    assert cell_error(_date, cell) == f"{cell!r} is not a date {DATES}"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        (dt.datetime(2026, 6, 30, 12), "2026-06-30 12:00:00"),
        (dt.datetime(2026, 6, 30, tzinfo=dt.UTC), "2026-06-30 00:00:00+00:00"),
    ],
)
def test_a_date_and_time_is_refused(cell: dt.datetime, shown: str) -> None:
    assert cell_error(_date, cell) == (
        f"{shown!r} is a date and time, expected a date (YYYY-MM-DD or DD/MM/YYYY)"
    )


@pytest.mark.parametrize("cell", [None, "", "  "])
def test_an_empty_date_cell_is_none(cell: object) -> None:
    assert _date(cell) is None


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_date_reads_back_iso_or_day_first(day: dt.date) -> None:
    assert _date(day.isoformat()) == day
    assert _date(day.strftime("%d/%m/") + str(day.year)) == day
    assert _date(f"{day.day}/{day.month}/{day.year}") == day


# Flags -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell", ["true", "TRUE", "Yes", "yes", "oui", "OUI", " oui ", "1", True, 1, 1.0]
)
def test_a_true_flag(cell: object) -> None:
    assert _accredited(cell) is True


@pytest.mark.parametrize("cell", ["false", "False", "no", "NO", "non", "Non", "0", False, 0, 0.0])
def test_a_false_flag(cell: object) -> None:
    assert _accredited(cell) is False


@pytest.mark.parametrize("cell", [None, "", "  "])
def test_an_empty_flag_is_unknown(cell: object) -> None:
    assert _accredited(cell) is None


@pytest.mark.parametrize(
    ("cell", "shown"), [("vrai", "'vrai'"), ("y", "'y'"), ("2", "'2'"), (2, "2"), (0.5, "0.5")]
)
def test_other_flags_are_refused(cell: object, shown: str) -> None:
    assert cell_error(_accredited, cell) == f"{shown} is not yes or no {FLAGS}"


# Sites -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "sites"),
    [
        ("FR:220;RE:60", (Site("FR", 220), Site("RE", 60))),
        ("FR:120:Nantes;RE:40", (Site("FR", 120, "Nantes"), Site("RE", 40))),
        (" FR : 10 : Lyon ; ", (Site("FR", 10, "Lyon"),)),
        ("fr:0", (Site("FR", 0),)),
        ("fra:3", (Site("FR", 3),)),
        ("France:10;Maroc:5", (Site("FR", 10), Site("MA", 5))),
        ("FR:007", (Site("FR", 7),)),
    ],
)
def test_a_sites_cell_is_country_agents_and_name_separated_by_semicolons(
    cell: str, sites: tuple[Site, ...]
) -> None:
    assert _sites(cell) == sites


@pytest.mark.parametrize("cell", [None, "", " "])
def test_an_empty_sites_cell_declares_no_sites(cell: object) -> None:
    assert _sites(cell) is None


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("FR", f"'FR' is not a list of sites {SITES}"),
        ("FR:", f"'FR:' is not a list of sites {SITES}"),
        (":12", f"':12' is not a list of sites {SITES}"),
        ("FR:10:", f"'FR:10:' is not a list of sites {SITES}"),
        (";;", f"';;' is not a list of sites {SITES}"),
        ("FR=3", f"'FR=3' is not a list of sites {SITES}"),
        ("FR:-1", "in 'FR:-1', '-1' is not a whole number of agents"),
        ("FR:1.5", "in 'FR:1.5', '1.5' is not a whole number of agents"),
        ("FR:1 000", "in 'FR:1 000', '1 000' is not a whole number of agents"),
        ("FR:1:A;MA:2:A", "in 'FR:1:A;MA:2:A', two sites are named 'A'"),
        (
            "FR:1:a:b",
            "in 'FR:1:a:b', 'a:b' holds ';' or ':', which separate sites in a spreadsheet",
        ),
        (
            "XX:1",
            "in 'XX:1', 'XX' is not a country (an ISO 3166-1 code such as FR or FRA, or its "
            "name in English or French)",
        ),
    ],
)
def test_a_bad_sites_cell_is_refused_naming_the_part(cell: str, message: str) -> None:
    assert cell_error(_sites, cell) == message


def test_a_sites_cell_past_the_limit_is_refused_at_the_first_site_over() -> None:
    with pytest.raises(_CellError) as info:
        _sites("FR:1;MA:2;RE:3", most=2)
    assert str(info.value).startswith("site 3 in this cell is over the limit of 2 per vendor")
    assert "max_sites_per_vendor" in str(info.value)
    assert _sites("FR:1;MA:2", most=2) == (Site("FR", 1), Site("MA", 2))


def test_site_names_are_split_on_semicolons_and_stripped() -> None:
    assert _site_names("Nantes; Rabat ;;Lille") == ("Nantes", "Rabat", "Lille")
    assert _site_names(" ; ") is None
    assert _site_names(None) is None


def test_a_country_written_another_way_is_noted_not_a_code_in_lower_case(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "v.csv", "vendor,sites\nA,fr:1\nB,FRA:2\nC,RE:3\n")
    with noting() as notes:
        loaded = load_vendors(path)
    assert [vendor.sites for vendor in loaded] == [
        (Site("FR", 1),),
        (Site("FR", 2),),
        (Site("RE", 3),),
    ]
    assert [str(note) for note in notes] == [
        "row 3, column sites: 'FRA' is read as the country 'FR'"
    ]


# Text and escaped_text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
        ("-5", "'-5"),
        ("@handle", "'@handle"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'quoted", "''quoted"),
        ("'", "''"),
        ("''", "'''"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_escaped_text_doubles_a_leading_quote_and_escapes_formulas(text: str, cell: str) -> None:
    assert escaped_text(text) == cell
    assert _text(cell) == text


@given(st.text())
def test_escaped_text_reads_back_as_the_text_and_never_runs(text: str) -> None:
    cell = escaped_text(text)
    assert not cell.startswith(_FORMULA_START)
    if cell.strip() == cell:  # a cell's spaces at either end are not kept (vendor_rows refuses)
        assert _text(cell) == text


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (12345.0, "12345"),  # a workbook's whole number
        (1.5, "1.5"),
        (7, "7"),
        (D1, "2024-01-01"),
        ("  padded\n", "padded"),
        ("'x", "'x"),  # a quote before a plain character is the text's own
        ("'=x", "=x"),
        (" '=x ", "=x"),
    ],
)
def test_a_cell_is_read_as_text(cell: object, text: str) -> None:
    assert _text(cell) == text


# CellError -------------------------------------------------------------------------------


def test_a_cell_error_shows_as_its_value_and_its_repr_is_the_records() -> None:
    error = CellError("#N/A")
    assert str(error) == "#N/A"
    assert repr(error) == "CellError(value='#N/A')"
    assert error.value == "#N/A"


def test_cell_errors_are_equal_by_value_and_never_equal_their_text() -> None:
    assert CellError("#N/A") == CellError("#N/A")
    assert CellError("#N/A") != CellError("#REF!")
    assert CellError("#N/A") != "#N/A"
    assert len({CellError("#N/A"), CellError("#N/A"), CellError("#DIV/0!")}) == 2
    assert hash(CellError("#REF!")) == hash(CellError("#REF!"))


def test_a_cell_error_message_says_a_formula_failed() -> None:
    assert CellError("#REF!").message == (
        "'#REF!' is an Excel error, the result of a formula that failed (a broken lookup, "
        "say); fix the formula or type the value"
    )


def test_every_error_cell_of_a_row_is_reported_and_its_other_cells_wait() -> None:
    """The row's other cells (a bad date here) are read once its formulas are fixed."""
    assembled = assemble(
        enumerate(
            [
                ["vendor", "certification", "valid_from", "accredited"],
                ["A", CellError("#N/A"), "not a date", CellError("#REF!")],
                ["B", "iso-9001", "30/06/2026", "oui"],
            ],
            start=1,
        ),
        empty="rows",
    )
    assert [str(problem) for problem in assembled.problems] == [
        f"row 2, column certification: {CellError('#N/A').message}",
        f"row 2, column accredited: {CellError('#REF!').message}",
    ]
    assert assembled.vendors == (
        Vendor("B", [HeldCertificate("iso-9001", dt.date(2026, 6, 30), accredited=True)]),
    )


# vendor_rows -----------------------------------------------------------------------------

RECORDED = Vendor(
    "=Acme",
    [
        HeldCertificate(
            "ecovadis",
            D1,
            dt.date(2026, 12, 31),
            certificate_number="'-1",
            accredited=True,
            level="gold",
            score=71.5,
        ),
        HeldCertificate("nf-345", D2, status=CertificateStatus.SUSPENDED, accredited=False),
    ],
    [Site("FR", 3, "Nantes"), Site("RE", 4)],
    {"technical": 15, "price": 1_180_000.5},
)


def test_the_header_is_the_columns_then_the_records_used_then_the_figures() -> None:
    header = vendor_rows([RECORDED, Vendor("B")], TEXT_CELLS)[0]
    assert header == [*COLUMNS, "level", "score", "figure:price", "figure:technical"]
    assert vendor_rows([Vendor("B")], TEXT_CELLS) == [list(COLUMNS), ["B", *[""] * 8]]


def test_every_record_column_comes_in_the_layouts_order() -> None:
    held = HeldCertificate(
        "iso-9001",
        D1,
        sites=("Nantes",),
        accreditation_body="COFRAC",
        last_audit=D2,
        level="x",
        score=1.0,
    )
    vendor = Vendor("A", [held], [Site("FR", 3, "Nantes")])
    header, row = vendor_rows([vendor], TEXT_CELLS)
    assert header == [*COLUMNS, *RECORD_COLUMNS]
    assert row[len(COLUMNS) :] == ["Nantes", "COFRAC", "2025-03-01", "x", "1"]


def test_rows_as_text_cells() -> None:
    """One row per certificate; sites on each; figures on the first only; text escaped."""
    _, first, second = vendor_rows([RECORDED], TEXT_CELLS)
    assert first == [
        "'=Acme",
        "ecovadis",
        "2024-01-01",
        "2026-12-31",
        "''-1",
        "",
        "true",
        "active",
        "FR:3:Nantes;RE:4",
        "gold",
        "71.5",
        "1180000.5",
        "15",
    ]
    assert second == [
        "'=Acme",
        "nf-345",
        "2025-03-01",
        "",
        "",
        "",
        "false",
        "suspended",
        "FR:3:Nantes;RE:4",
        "",
        "",
        "",
        "",
    ]


def test_rows_as_typed_cells() -> None:
    _, first, second = vendor_rows([RECORDED], TYPED_CELLS)
    assert first[1:4] == ["ecovadis", D1, dt.date(2026, 12, 31)]
    assert first[6] is True
    assert first[-3:] == [71.5, 1_180_000.5, 15.0]
    assert second[3] is None
    assert second[6] is False
    assert second[-4:] == [None] * 4


def test_a_vendor_without_certificates_has_one_row_with_its_sites_and_figures() -> None:
    vendor = Vendor("Bocage", sites=[Site("MA", 300)], figures={"price": 9.0})
    _, row = vendor_rows([vendor], TEXT_CELLS)
    assert row == ["Bocage", *[""] * 7, "MA:300", "9"]


def test_text_a_layout_would_not_keep_is_refused_with_every_place() -> None:
    bad = Vendor(
        " Padded",
        [HeldCertificate("iso-9001", D1, certifying_body="Body\n")],
    )
    assert rows_refusal([Vendor("Fine"), bad]) == [
        "vendors[1].name: ' Padded' starts or ends with a space or line break, which a CSV "
        "file does not keep; remove it, or write JSON",
        "vendors[1].certificates[0].certifying_body: 'Body\\n' starts or ends with a space or "
        "line break, which a CSV file does not keep; remove it, or write JSON",
    ]


def test_names_equal_but_for_case_or_accents_are_refused_naming_the_layout() -> None:
    message = (
        "vendors[2].name: 'oceane' and vendors[0]'s name differ only in case, accents, "
        "spaces or invisible characters, which the workbook layout reads as a typing mistake"
    )
    assert rows_refusal([Vendor("Océane"), Vendor("B"), Vendor("oceane")], TYPED_CELLS) == [message]
    # Two vendors of one name are the caller's to refuse, not the layout's.
    assert len(vendor_rows([Vendor("A"), Vendor("A")], TEXT_CELLS)) == 3


def test_a_cell_over_the_text_limit_is_refused_counting_its_escape() -> None:
    limited = Cells(
        text=lambda text: text,
        date=lambda day: day,
        number=float,
        flag=bool,
        empty=None,
        file="a workbook",
        max_text=10,
    )
    assert len(vendor_rows([Vendor("ten chars!")], limited)) == 2
    assert rows_refusal([Vendor("=9 chars!!")], limited) == [
        "vendors[0].name: 11 characters, over the limit of 10 for a cell of a workbook; "
        "write CSV or JSON instead"
    ]


def test_the_rows_read_back_equal_as_text_and_as_typed_cells() -> None:
    for cells in (TEXT_CELLS, TYPED_CELLS):
        assert read_back(vendor_rows([RECORDED, Vendor("B")], cells)) == [RECORDED, Vendor("B")]


def _stripped(text: str | None) -> str | None:
    return None if text is None else text.strip() or None


def _layout_safe(vendor: Vendor) -> Vendor:
    """The vendor with text a spreadsheet cell keeps: no space at either end."""
    certificates = [
        attrs.evolve(
            held,
            certificate_number=_stripped(held.certificate_number),
            certifying_body=_stripped(held.certifying_body),
        )
        for held in vendor.certificates
    ]
    return attrs.evolve(vendor, certificates=certificates)


_NAMES = st.text("abcAB é'=+-@0", min_size=1, max_size=8).map(str.strip).filter(bool)
_FIGURES = st.dictionaries(
    st.sampled_from(["price", "technical", "delay"]),
    st.floats(allow_nan=False, allow_infinity=False),
    max_size=2,
)


@given(
    st.lists(
        st.tuples(vendors(name=_NAMES, records=True, max_certificates=2), _FIGURES),
        max_size=2,
        unique_by=lambda pair: name_key(pair[0].name),
    ),
    st.sampled_from([TEXT_CELLS, TYPED_CELLS]),
)
def test_any_vendors_written_as_rows_read_back_equal(
    drawn: list[tuple[Vendor, dict[str, float]]], cells: Cells
) -> None:
    written = [_layout_safe(attrs.evolve(vendor, figures=figures)) for vendor, figures in drawn]
    assert read_back(vendor_rows(written, cells)) == written


# Through a CSV file ----------------------------------------------------------------------


def test_a_french_csv_reads_dates_flags_numbers_and_sites(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "v.csv",
        "vendor;certification;valid_from;valid_until;accredited;sites;score;figure:price\n"
        'Atlantique;ecovadis;30/06/2025;1/7/2026;OUI;"FR:220;RE:60";"87,5";"1 180 000,50"\n'
        "Atlantique;iso-9001;2024-09-15;;non;;;\n",
    )
    [vendor] = load_vendors(path)
    assert vendor == Vendor(
        "Atlantique",
        [
            HeldCertificate(
                "ecovadis", dt.date(2025, 6, 30), dt.date(2026, 7, 1), accredited=True, score=87.5
            ),
            HeldCertificate("iso-9001", dt.date(2024, 9, 15), accredited=False),
        ],
        [Site("FR", 220), Site("RE", 60)],
        {"price": 1_180_000.5},
    )


def test_a_csv_names_the_row_and_column_of_each_bad_cell(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "v.csv",
        "vendor,certification,valid_from,accredited,score\n"
        "A,iso-9001,31/02/2026,vrai,12 %\n"
        "B,iso-9001,2026-06-30T00:00,1,'=1\n",
    )
    with pytest.raises(InputError) as info:
        load_vendors(path)
    assert str(info.value).splitlines() == [
        f"{path}: row 2, column valid_from: '31/02/2026' is not a date {DATES}",
        f"{path}: row 2, column accredited: 'vrai' is not yes or no {FLAGS}",
        f"{path}: row 2, column score: '12 %' is not a number: write the number alone, "
        "without its unit",
        f"{path}: row 3, column valid_from: '2026-06-30T00:00' is not a date {DATES}",
        f'{path}: row 3, column score: "\'=1" is not a number',
    ]


@pytest.mark.parametrize("cell", ["1 250 000 €", "€1250000", "15 %", "1250000 EUR"])
def test_a_figure_typed_with_its_unit_says_to_write_the_number_alone(cell: str) -> None:
    with pytest.raises(_CellError) as caught:
        _number(cell)
    said = "without its unit" in str(caught.value)
    assert said is (cell != "1250000 EUR")  # letters are not taken for a unit


def test_an_unknown_column_that_could_be_a_figure_suggests_its_prefix(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "vendor,certification,valid_from,Prix,valid_untill\nA,nf-345,2025-01-01,1,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    first, second = str(caught.value).splitlines()
    assert first.endswith("; if it holds a figure (a price, a mark), head it figure:prix")
    assert second.endswith("did you mean 'valid_until'?")  # a close header: no figure hint


def test_the_french_outputs_vendor_header_reads_back(tmp_path: Path) -> None:
    """The French workbook and CSV head the vendors' column *soumissionnaire*."""
    path = tmp_path / "v.csv"
    path.write_text(
        "Soumissionnaire;Certification;Date de début\nAcme;nf-345;01/01/2025\n", encoding="utf-8"
    )
    assert [vendor.name for vendor in load_vendors(path)] == ["Acme"]


def test_a_status_as_the_french_output_says_it_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "vendor,certification,valid_from,status\nA,nf-345,2025-01-01,à l'état de projet\n",
        encoding="utf-8",
    )
    assert load_vendors(path)[0].certificates[0].status is CertificateStatus.DRAFT
