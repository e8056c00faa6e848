"""The award grid's figures in files: vendors' numbers and the criteria's figure tables.

Cross-cutting: figures through every file format, the loaders and decision records.
"""

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    Better,
    BuyerCriteria,
    Figure,
    HeldCertificate,
    InputError,
    Scoring,
    Vendor,
    converter,
)
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.cli import run
from callcenter_certs.decisions import dump_record, load_record, make_record
from callcenter_certs.formats.json import _simple_vendor
from callcenter_certs.loaders import dump_criteria, dump_vendors, load_criteria, load_vendors
from callcenter_certs.ranking import rank_vendors
from callcenter_certs.strategies import vendors

PRICE = Figure("price", Better.LOWER, Scoring.PROPORTIONAL, abnormally_low=0.8)
TECHNICAL = Figure("technical", out_of=20, minimum=10)
AWARD = BuyerCriteria(figures=(PRICE, TECHNICAL), weights={"price": 60, "technical": 40})

OFFERS = [
    Vendor(
        "Atlantique Contact",
        [HeldCertificate("nf-345", dt.date(2025, 3, 1))],
        figures={"price": 1_180_000.5, "technical": 15.5},
    ),
    Vendor("Rivage Services", figures={"price": 990_000, "technical": 12}),
    Vendor("Bocage Appels"),
]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Criteria ---------------------------------------------------------------------------------


def test_criteria_toml_with_figures_reads_in_the_files_order(tmp_path: Path) -> None:
    """Each [figures.NAME] table is a Figure, in the file's order, weighted by name."""
    path = _write(
        tmp_path,
        "c.toml",
        "[weights]\ntechnical = 40\nprice = 60\n\n"
        "[figures.technical]\nout_of = 20\nminimum = 10\n\n"
        '[figures.price]\nbetter = "lower"\nscoring = "proportional"\nabnormally_low = 0.8\n',
    )
    criteria = load_criteria(path)
    assert criteria.figures == (TECHNICAL, PRICE)
    assert criteria.weights == {"price": 60.0, "technical": 40.0}
    assert criteria.names[-2:] == ("technical", "price")


def test_criteria_dump_toml_with_figures(tmp_path: Path) -> None:
    """One [figures.NAME] table per figure, its None fields left out; reads back equal."""
    path = tmp_path / "c.toml"
    dump_criteria(AWARD, path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith(
        "accept_ratings = false\n"
        "accept_awards = false\n"
        "\n"
        "[weights]\n"
        "price = 60.0\n"
        "technical = 40.0\n"
        "\n"
        "[figures.price]\n"
        'better = "lower"\n'
        'scoring = "proportional"\n'
        "abnormally_low = 0.8\n"
        "\n"
        "[figures.technical]\n"
        'better = "higher"\n'
        'scoring = "scale"\n'
        "out_of = 20.0\n"
        "minimum = 10.0\n"
    )
    assert load_criteria(path) == AWARD


def test_criteria_dump_json_with_figures(tmp_path: Path) -> None:
    """In JSON, figures is an object by name, in order; no figures: no key at all."""
    path = tmp_path / "c.json"
    reordered = attrs.evolve(AWARD, figures=(TECHNICAL, PRICE))
    dump_criteria(reordered, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data["figures"]) == ["technical", "price"]
    assert data["figures"]["price"] == {
        "better": "lower",
        "scoring": "proportional",
        "abnormally_low": 0.8,
    }
    assert load_criteria(path) == reordered
    dump_criteria(BuyerCriteria(), path)
    assert "figures" not in json.loads(path.read_text(encoding="utf-8"))
    dump_criteria(BuyerCriteria(), tmp_path / "c.toml")
    assert "figures" not in (tmp_path / "c.toml").read_text(encoding="utf-8")


_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda n: n not in {"csr", "required", "certificates", "valid_through"}
)
_NUMBERS = st.floats(-1e9, 1e9, allow_nan=False) | st.integers(-(10**9), 10**9)


@st.composite
def figures(draw: st.DrawFn) -> Figure:
    name = draw(_NAMES)
    kind = draw(st.sampled_from(["scale", "lower", "higher"]))
    low = draw(st.none() | _NUMBERS)
    high = draw(st.none() | _NUMBERS)
    if low is not None and high is not None and low > high:
        low, high = high, low
    if kind == "scale":
        return Figure(name, out_of=draw(st.floats(0.5, 1000)), minimum=low, maximum=high)
    scoring = draw(st.sampled_from([Scoring.PROPORTIONAL, Scoring.LINEAR]))
    if kind == "higher":
        return Figure(name, Better.HIGHER, scoring, minimum=low, maximum=high)
    ratio = draw(st.none() | st.floats(0.01, 0.99))
    return Figure(name, Better.LOWER, scoring, minimum=low, maximum=high, abnormally_low=ratio)


award_criteria = st.builds(
    lambda found, weights: BuyerCriteria(
        figures=found, weights={f.name: w for f, w in zip(found, weights, strict=False)}
    ),
    st.lists(figures(), max_size=4, unique_by=lambda f: f.name).map(tuple),
    st.lists(st.floats(0, 100), max_size=4),
)


@given(award_criteria, st.sampled_from(["c.toml", "c.json"]))
def test_criteria_with_figures_round_trip(
    tmp_path_factory: pytest.TempPathFactory, criteria: BuyerCriteria, name: str
) -> None:
    """dump_criteria, then load_criteria: equal, figures in the same order; and the converter."""
    path = tmp_path_factory.mktemp("figures") / name
    dump_criteria(criteria, path)
    assert load_criteria(path) == criteria
    assert converter.structure(converter.unstructure(criteria), BuyerCriteria) == criteria


@pytest.mark.parametrize(
    ("name", "text", "messages"),
    [
        (
            "c.toml",
            '[figures.price]\nbetter = "lower"\nscoring = "propotional"\n',
            [
                "figures.price.scoring: 'propotional' is not one of 'scale', 'proportional', "
                "'linear'"
            ],
        ),
        (
            "c.toml",
            "[figures.technical]\nminimum = 10\n",
            ["figures.technical.out_of: scoring 'scale' needs out_of (the top of the scale)"],
        ),
        (
            "c.toml",
            '[figures.price]\nbetter = "lower"\nscoring = "linear"\nabnormally_low = 1.5\n',
            ["figures.price.abnormally_low: 1.5 is not a ratio strictly between 0 and 1"],
        ),
        (
            "c.json",
            '{"figures": {"technical": {"out_of": 20, "outof": 20, "name": "t"}}}',
            [
                "figures.technical.outof: unknown key 'outof'; allowed keys: 'better', "
                "'scoring', 'out_of', 'minimum', 'maximum', 'abnormally_low'",
                "figures.technical.name: unknown key 'name'; allowed keys: 'better', "
                "'scoring', 'out_of', 'minimum', 'maximum', 'abnormally_low'",
            ],
        ),
        (
            "c.json",
            '{"figures": {"Prix": {"out_of": 20}, "csr": {"out_of": 20}}}',
            [
                "figures.Prix: 'Prix' is not a figure name (a lowercase letter, then a-z, "
                "0-9 or _)",
                "figures.csr: 'csr' is the name of a built-in criterion; give the figure another "
                "name",
            ],
        ),
        (
            "c.json",
            '{"figures": [{"name": "price"}]}',
            ["figures: [{'name': 'price'}] is not a table of figures by name (got list)"],
        ),
        (
            "c.json",
            '{"figures": {"price": 3, "technical": {"out_of": "20", "minimum": true}}}',
            [
                "figures.price: 3 is not a table of keys and values (got int)",
                "figures.technical.out_of: '20' is not a number (got str)",
                "figures.technical.minimum: True is not a number (got bool)",
            ],
        ),
        (
            "c.toml",
            "[weights]\nprice = 2\n\n[figures.prix]\nout_of = 20\n",
            [
                "weights.price: unknown criterion 'price'; allowed: 'results_obligation', "
                "'means_obligation', 'france_only', 'csr', 'preferred_certifications', 'prix'"
            ],
        ),
    ],
)
def test_bad_figure_tables_name_their_place(
    tmp_path: Path, name: str, text: str, messages: list[str]
) -> None:
    """A problem in a figure table has the path figures.NAME.KEY, the file and the value."""
    path = _write(tmp_path, name, text)
    with pytest.raises(InputError) as info:
        load_criteria(path)
    assert str(info.value).splitlines() == [f"{path}: {m}" for m in messages]


def test_decision_records_carry_figures(tmp_path: Path) -> None:
    """Records store criteria and vendors through the converter: figures included."""
    ranking = rank_vendors(OFFERS, AWARD, on=dt.date(2026, 6, 1))
    path = tmp_path / "record.json"
    dump_record(make_record(OFFERS, AWARD, ranking), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data["criteria"]["figures"]) == ["price", "technical"]
    assert data["vendors"][0]["figures"] == {"price": 1_180_000.5, "technical": 15.5}
    assert "figures" not in data["vendors"][2]
    record = load_record(path)
    assert record.criteria == AWARD
    assert list(record.vendors) == OFFERS


# JSON vendors ----------------------------------------------------------------------------


def test_json_vendors_with_figures_round_trip(tmp_path: Path) -> None:
    """ "figures": {"price": ...}; written only for vendors that have some; read back equal."""
    path = tmp_path / "v.json"
    dump_vendors(OFFERS, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["vendors"][0]["figures"] == {"price": 1_180_000.5, "technical": 15.5}
    assert "figures" not in data["vendors"][2]
    assert load_vendors(path) == OFFERS


def test_json_figures_are_checked(tmp_path: Path) -> None:
    """A figure must be a finite number under a figure name; null is not a table."""
    path = _write(
        tmp_path,
        "v.json",
        json.dumps(
            {
                "vendors": [
                    {"name": "A", "figures": {"price": "1 180 000", "Note": 1, "ok": True}},
                    {"name": "B", "figures": None},
                ]
            }
        ),
    )
    with pytest.raises(InputError) as info:
        load_vendors(path)
    assert [str(p) for p in info.value.problems] == [
        "vendors[0].figures.price: '1 180 000' is not a number (got str)",
        "vendors[0].figures.ok: True is not a number (got bool)",
        "vendors[1].figures: None is not a table of keys and values (got NoneType)",
    ]


@given(vendors(), st.dictionaries(_NAMES, _NUMBERS, max_size=3))
def test_fast_path_reads_figures_as_the_converter_does(
    vendor: Vendor, found: dict[str, float]
) -> None:
    """A vendor with figures takes the fast path and comes out equal."""
    vendor = attrs.evolve(vendor, figures=found)
    data = converter.unstructure(vendor)
    assert _simple_vendor(data) == vendor == converter.structure(data, Vendor)


@pytest.mark.parametrize(
    "figures_value",
    [None, [], "price", {"price": None}, {"price": "1"}, {"Price": 1}, {"p": 1e400}],
)
def test_fast_path_leaves_bad_figures_to_the_converter(figures_value: Any) -> None:
    """Whatever the converter refuses in figures, the fast path does not build."""
    data = {"name": "A", "figures": figures_value}
    assert _simple_vendor(data) is None
    with pytest.raises(InputError):
        converter.structure(data, Vendor)


# CSV and workbooks -----------------------------------------------------------------------


def _load_error(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_vendors(path)
    return str(info.value).splitlines()


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_round_trip_with_figures(tmp_path: Path, delimiter: str) -> None:
    """dump_vendors writes a figure:NAME column per figure; read back equal, either delimiter."""
    path = tmp_path / "v.csv"
    dump_vendors(OFFERS, path)
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines() == [
        "vendor,certification,valid_from,valid_until,certificate_number,certifying_body,"
        "accredited,status,sites,figure:price,figure:technical",
        "Atlantique Contact,nf-345,2025-03-01,,,,,active,,1180000.5,15.5",
        "Rivage Services,,,,,,,,,990000,12",
        "Bocage Appels,,,,,,,,,,",
    ]
    assert load_vendors(path) == OFFERS
    if delimiter == ";":
        path.write_text(text.replace(",", ";"), encoding="utf-8")
        assert load_vendors(path) == OFFERS


def test_csv_figures_on_the_first_row_only_and_without_figures_no_column(tmp_path: Path) -> None:
    """A vendor's figure goes on its first row; vendors without figures: the old layout."""
    path = tmp_path / "v.csv"
    two = Vendor(
        "A",
        [HeldCertificate("nf-345", dt.date(2025, 1, 1)), HeldCertificate("iso-9001", D2)],
        figures={"price": -5},
    )
    dump_vendors([two], path)
    rows = path.read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].endswith(",'-5")  # escaped: a cell starting with - could be a formula
    assert rows[2].endswith(",active,,")
    assert load_vendors(path) == [two]
    dump_vendors([Vendor("B")], path)
    assert "figure" not in path.read_text(encoding="utf-8-sig")


D2 = dt.date(2024, 9, 1)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ('"1 180 000,50"', 1_180_000.5),
        ('"1\u00a0180\u00a0000,50"', 1_180_000.5),
        ('"1\u202f180\u202f000"', 1_180_000.0),
        ('"15,5"', 15.5),
        ("1180000.50", 1_180_000.5),
        (" 12 ", 12.0),
        ("-0", 0.0),
        ('"\'-2,5"', -2.5),
        ("1e3", 1000.0),
    ],
)
def test_csv_numbers_as_people_type_them(tmp_path: Path, cell: str, value: float) -> None:
    """Decimal comma, spaces and no-break spaces between thousands, a plain point."""
    path = _write(tmp_path, "v.csv", f"vendor,figure:price\nA,{cell}\n")
    assert load_vendors(path) == [Vendor("A", figures={"price": value})]


@pytest.mark.parametrize(
    "cell",
    ["abc", '"1,180,000"', "1.180.000", '"1 18 000"', "12 €", "12%", "1e400", "nan", "'=1+1"],
)
def test_csv_cells_that_are_not_numbers(tmp_path: Path, cell: str) -> None:
    """Ambiguous or foreign forms are refused with row and column, never guessed."""
    path = _write(tmp_path, "v.csv", f"vendor,certification,Figure:Price\nA,,1\nB,,{cell}\n")
    [message] = _load_error(path)
    assert message.startswith(f"{path}: row 3, column figure:price: ")
    assert message.endswith(("is not a number", "is not a finite number", "without its unit"))


def test_csv_figure_problems_name_rows_and_columns(tmp_path: Path) -> None:
    """Two values for one vendor name both rows; the same value twice is accepted."""
    path = _write(
        tmp_path,
        "v.csv",
        "vendor;certification;valid_from;figure:price;figure:technical\n"
        'A;nf-345;01/03/2025;"1 180 000";15,5\n'
        "A;iso-9001;01/09/2024;1180000;15.5\n"
        "B;;;990000;abc\n"
        "B;;;990001;\n",
    )
    assert _load_error(path) == [
        f"{path}: row 4, column figure:technical: 'abc' is not a number",
        f"{path}: row 5, column figure:price: '990001' differs from '990000' on row 4 for 'B'; "
        "give a vendor's price on one row, or the same on each",
    ]
    path = _write(tmp_path, "v.csv", "vendor,figure:price\nA,12\nA,12\nA,\nA,12.0\n")
    assert load_vendors(path) == [Vendor("A", figures={"price": 12})]


def test_csv_bad_figure_headers(tmp_path: Path) -> None:
    """A figure column's name must be a figure name, and come once (in any case)."""
    path = _write(
        tmp_path, "v.csv", "vendor,figure:Prix €,figure:,FIGURE:Price,figure: price\nA,1,2,3,4\n"
    )
    hint = "(a lowercase letter, then a-z, 0-9 or _); write figure:NAME, e.g. figure:price"
    assert _load_error(path) == [
        f"{path}: row 1, column figure:prix €: 'prix €' is not a figure name {hint}",
        f"{path}: row 1, column figure:: '' is not a figure name {hint}",
        f"{path}: row 1: column 'figure:price' appears twice in the header",
    ]
    path = _write(tmp_path, "v.csv", "vendor,price\nA,1\n")
    assert "allowed columns: vendor, " in _load_error(path)[0]
    assert _load_error(path)[0].endswith(
        ", figure:NAME (one per figure, e.g. figure:price), or their French headers "
        "(fournisseur, date de début...); if it holds a figure (a price, a mark), head it "
        "figure:price"
    )


_FIGURES = st.dictionaries(
    st.sampled_from(["price", "technical", "delay_days"]),
    st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False) | st.integers(-100, 10**9),
    max_size=3,
)


@given(
    st.lists(vendors(max_certificates=2), max_size=3, unique_by=lambda v: _name_key(v.name)),
    st.lists(_FIGURES, min_size=3, max_size=3),
)
def test_csv_round_trip_of_drawn_figures(
    tmp_path_factory: pytest.TempPathFactory, drawn: list[Vendor], found: list[dict[str, float]]
) -> None:
    """Any finite figures go through a CSV file exactly."""
    drawn = [attrs.evolve(v, figures=f) for v, f in zip(drawn, found, strict=False)]
    path = tmp_path_factory.mktemp("csv") / "v.csv"
    try:
        dump_vendors(drawn, path)
    except InputError:  # text the CSV layout cannot carry (a space at either end)
        return
    assert load_vendors(path) == drawn


def test_xlsx_figures(tmp_path: Path) -> None:
    """In a workbook, number cells are numbers already; text cells are read like CSV."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Vendor", "Certification", "Valid_from", "Figure:Price", "figure:technical"])
    sheet.append(["Atlantique Contact", "nf-345", dt.datetime(2025, 3, 1), 1_180_000.5, "15,5"])
    sheet.append(["Rivage Services", None, None, "990 000", 12])
    sheet.append(["Bocage Appels"])
    path = tmp_path / "v.xlsx"
    workbook.save(path)
    assert load_vendors(path) == OFFERS
    sheet.append(["Bocage Appels", None, None, True, dt.datetime(2025, 1, 1)])
    sheet.append(["Rivage Services", None, None, 990_001])
    workbook.save(path)
    assert _load_error(path) == [
        f"{path}: sheet 'Sheet', row 5, column figure:price: True is not a number",
        f"{path}: sheet 'Sheet', row 5, column figure:technical: datetime.datetime(2025, 1, 1, 0, "
        "0) is not a number",
        f"{path}: sheet 'Sheet', row 6, column figure:price: 990001 differs from '990 000' on "
        "row 3 for 'Rivage Services'; give a vendor's price on one row, or the same on each",
    ]


def test_award_examples_are_valid() -> None:
    """The docs' award grid examples load, and validate accepts them (exit 0)."""
    docs = Path(__file__).parent.parent / "docs" / "examples"
    offers = load_vendors(docs / "award-vendors.csv")
    award = load_criteria(docs / "award-criteria.toml")
    assert [f.name for f in award.figures] == ["price", "technical"]
    assert all(set(v.figures) == {"price", "technical"} for v in offers)
    out = io.StringIO()
    argv = ["validate", str(docs / "award-vendors.csv"), "--criteria"]
    assert run([*argv, str(docs / "award-criteria.toml")], stdout=out, stderr=io.StringIO()) == 0
    assert "3 vendors, no problem found" in out.getvalue()
