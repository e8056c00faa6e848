"""Every bad input is refused clearly, and nothing is lost (issue 6).

Each test draws files, valid or broken (``_inputs``), and holds the loaders and the
command line to one contract: a load returns every vendor of the file, or raises one
:class:`InputError` naming the file and, on one line per problem, where the problem
is; nothing else escapes. The command line then exits 2 with one line on stderr and
nothing on stdout. What loads is ranked, and the ranking keeps the scoring
invariants: every vendor once, totals in [0, 100], eligible exactly when not knocked
out.

The default suite runs each test with the profile's examples (``ci``: 200); the long
run is in ``fuzz/README.md``.
"""

import contextlib
import csv
import datetime as dt
import io
import itertools
import json
import re
import string
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import attrs
import pytest
from _inputs import (
    HUGE_INTEGERS,
    TOML_EXTRAS,
    Pairs,
    award_criteria,
    catalogue_document,
    criteria_document,
    csv_rows,
    csv_texts,
    deep,
    encoded,
    json_text,
    mutated_rows,
    mutations,
    small_catalogs,
    toml_text,
    vendor_lists,
    vendors_document,
)
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from hypothesis.strategies._internal.core import DataObject

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    Catalog,
    HeldCertificate,
    InputError,
    Limits,
    Need,
    Site,
    Vendor,
    load_catalog,
    rank_vendors,
)
from callcenter_certs._sheet import COLUMNS
from callcenter_certs._text import line_problem as _line_problem
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.files import _DEFAULT_LIMITS
from callcenter_certs.loaders import dump_vendors, load_criteria, load_vendors
from callcenter_certs.ranking import Ranking
from callcenter_certs.strategies import buyer_criteria, vendors
from conftest import call

PROFILE_EXAMPLES = settings().max_examples
SLOW = settings(
    max_examples=max(10, PROFILE_EXAMPLES // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""For the tests that write workbooks or run the whole command line: a quarter."""
LARGE = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HALF = settings(LARGE, max_examples=max(10, PROFILE_EXAMPLES // 2))
"""For the catalogue, whose entries take long to draw: half."""

EXTREME_DATES = st.sampled_from(
    [dt.date.min, dt.date(1, 1, 2), dt.date(2026, 6, 1), dt.date(9999, 12, 30), dt.date.max]
)
ON = st.one_of(EXTREME_DATES, st.dates())
CRITERIA = BuyerCriteria(
    required=("iso-9001",),
    results_obligation=Need.PREFER,
    france_only=Need.PREFER,
    csr=Need.PREFER,
    valid_through=dt.date.max,
)
_names = itertools.count()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _file(workdir: Path, suffix: str, data: bytes) -> Path:
    path = workdir / f"input{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


T = TypeVar("T")


def _refused(error: InputError, path: Path) -> None:
    """The error names the file on each line, one line per problem, each with its place."""
    assert error.source == str(path)
    lines = str(error).splitlines()
    assert len(lines) == len(error.problems) >= 1
    assert all(line.startswith(f"{path}: ") for line in lines)
    assert "\n" not in error.first_line


def _load(loader: Callable[..., T], path: Path, **options: object) -> T | None:
    """What the loader returns, or ``None`` after checking its refusal."""
    try:
        loaded = loader(path, **options)
    except InputError as error:
        _refused(error, path)
        event("refused")
        return None
    event("loaded")
    return loaded


def _check_ranking(
    listed: list[Vendor | Any],
    criteria: BuyerCriteria = CRITERIA,
    on: date = dt.date(2026, 6, 1),
    catalog: Catalog | None = None,
) -> Ranking:
    """Every vendor once, totals in [0, 100], eligible exactly when not knocked out."""
    ranking = rank_vendors(listed, criteria, on=on, catalog=catalog)
    assert sorted(entry.vendor.name for entry in ranking) == sorted(v.name for v in listed)
    for entry in ranking:
        assert 0 <= entry.score.total <= 100
        assert entry.score.eligible == (not entry.score.knockouts)
    return ranking


def _json_places(error: InputError) -> set[str]:
    """Where the problems are: the top-level key, or 'text' for a problem of the file."""
    return {str(p.path[0]) if p.path else "text" for p in error.problems}


def _top_keys(document: dict[str, Any] | Pairs) -> set[str]:
    pairs = document if isinstance(document, Pairs) else document.items()
    return {str(key) for key, _ in pairs}


# Arbitrary bytes ------------------------------------------------------------------------

PREFIXES = st.sampled_from(
    [
        b"",
        b"\xef\xbb\xbf",
        b'{"vendors": [',
        b'{"vendors": [{"name": "A", "certificates": [',
        b"vendor,certification,valid_from,sites\n",
        b"vendor;certification;valid_from;sites\nA;nf-345;",
        b"PK\x03\x04",
        b'required = ["',
        b"[weights]\n",
        b'certifications = [{id = "x"',
    ]
)


@LARGE
@given(
    PREFIXES,
    st.binary(max_size=400),
    st.sampled_from([".json", ".csv", ".xlsx", ".toml", ".JSON", ".txt", ""]),
)
def test_arbitrary_bytes(workdir: Path, prefix: bytes, data: bytes, suffix: str) -> None:
    """Any bytes, under any suffix: records for every vendor, or an InputError; nothing else."""
    path = _file(workdir, suffix, prefix + data)
    for loader in (load_vendors, load_criteria, load_catalog):
        _load(loader, path)


# Vendor files ---------------------------------------------------------------------------


@LARGE
@given(vendor_lists(), st.data())
def test_vendor_json(workdir: Path, listed: list[Vendor], data: st.DataObject) -> None:
    """A JSON vendor file loads whole and equal, or every problem is named with its path."""
    document, places = data.draw(mutations(vendors_document(listed)))
    text = json_text(document, ascii_only=data.draw(st.booleans()))
    raw = data.draw(encoded(text)) if places else text.encode()
    path = _file(workdir, ".json", raw)
    loaded = _load(load_vendors, path)
    if not places:
        assert loaded == listed
    if loaded is not None:
        _check_ranking(loaded, on=data.draw(ON))
    elif raw.removeprefix(b"\xef\xbb\xbf") == text.encode("utf-8", "surrogatepass"):
        with pytest.raises(InputError) as caught:
            load_vendors(path)
        assert _json_places(caught.value) <= {"text", "vendors", *_top_keys(document)}


@LARGE
@given(vendor_lists(), st.data())
def test_vendor_csv(workdir: Path, listed: list[Vendor], data: st.DataObject) -> None:
    """A CSV vendor file loads whole and equal, or every problem is named with its row."""
    assume(listed)
    rows, count = data.draw(mutated_rows(csv_rows(listed)))
    text = data.draw(csv_texts(rows))
    raw = data.draw(encoded(text)) if count else text.encode()
    path = _file(workdir, ".csv", raw)
    try:
        loaded = load_vendors(path)
    except InputError as error:
        _refused(error, path)
        event("refused")
        assert count, "a valid file was refused"
        for problem in error.problems:  # a row of the file, or the file itself
            first = problem.path[0] if problem.path else None
            if first is not None:
                assert re.fullmatch(r"row [0-9]+", str(first))
                assert 1 <= int(str(first)[4:]) <= len(rows) + 1
        return
    event("loaded")
    if not count:
        assert loaded == listed
    _check_ranking(loaded, on=data.draw(ON))


_CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.sampled_from([12.0, 120.0, 0.5, 1e300, -0.0, 45292.0]),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.times(),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=9_000)),
    st.sampled_from(["=1+1", "=A1", "=SUM(A1:A3)", "#N/A", "#DIV/0!", "#VALUE!", "#REF!"]),
    st.text(max_size=20),
)


def _excel_text(text: str) -> str:
    """What openpyxl can store: no control character but tab and line breaks."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


@SLOW
@given(vendor_lists(max_size=3), st.data())
def test_vendor_xlsx(workdir: Path, listed: list[Vendor], data: st.DataObject) -> None:
    """A workbook with cells of any type loads whole and equal, or names each bad row."""
    openpyxl = pytest.importorskip("openpyxl")
    assume(listed)
    rows = csv_rows(listed)
    changed = data.draw(st.integers(0, 3))
    cells: list[list[object]] = [list(row) for row in rows]
    for _ in range(changed):
        number = data.draw(st.integers(1, len(cells) - 1))
        column = data.draw(st.integers(0, len(cells[number])))
        value = data.draw(_CELLS)
        if column == len(cells[number]):
            cells[number].append(value)
        else:
            cells[number][column] = value
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if data.draw(st.booleans()):
        sheet.title = "Notes"
        sheet = workbook.create_sheet(data.draw(st.sampled_from(["Vendors", " VENDORS ", "x"])))
    for row in cells:
        sheet.append([_excel_text(c) if isinstance(c, str) else c for c in row])
    out = io.BytesIO()
    workbook.save(out)
    raw = out.getvalue()
    if data.draw(st.integers(0, 9)) == 0:  # now and then, a damaged file
        # Drawn apart from the length: openpyxl writes the time of saving, so the
        # length of the bytes may change from one run of an example to the next.
        index = data.draw(st.integers(0, 2**20)) % len(raw)
        raw = raw[:index] + bytes([data.draw(st.integers(0, 255))]) + raw[index + 1 :]
        changed += 1
    path = _file(workdir, ".xlsx", raw)
    try:
        loaded = load_vendors(path)
    except InputError as error:
        _refused(error, path)
        event("refused")
        assert changed or sheet.title == "x", "a valid workbook was refused"
        return
    event("loaded")
    if not changed and sheet.title != "x":
        assert loaded == listed
    _check_ranking(loaded)


_XML_VALUES = st.one_of(
    st.sampled_from(
        ["0", "1", "2", "-1", "12.0", "1e400", "nan", "inf", "45292", "2024-01-01", "x", ""]
    ),
    st.sampled_from(["2024-01-01T10:00:00", "99999999999", "1" + "0" * 5_000, "#N/A"]),
    st.text(string.ascii_letters + string.digits + ":;-=", max_size=10),
)
_XML_CELL = st.tuples(
    st.one_of(st.none(), st.sampled_from(["A", "B", "C", "D", "I", "J", "XFD", "ZZZ"])),
    st.one_of(st.none(), st.none(), st.none(), st.integers(0, 6)),  # None: the row's own
    st.sampled_from(["inlineStr"] * 6 + ["str", "n", "b", "e", "s", "d", None]),
    _XML_VALUES,
)
_XML_ROW = st.tuples(
    st.sampled_from([None, None, None, 0, 1, 2, 3, 4, 5, 6, 2_000_000]),
    st.lists(_XML_CELL, max_size=4),
)


def _xml_cell(column: str | None, row: int, kind: str | None, value: str) -> str:
    where = f' r="{column}{row}"' if column else ""
    kind_attribute = f' t="{kind}"' if kind else ""
    if kind == "inlineStr":
        return f"<c{where}{kind_attribute}><is><t>{value}</t></is></c>"
    return f"<c{where}{kind_attribute}><v>{value}</v></c>"


def _xml_rows(rows: list[Any]) -> str:
    out = ['<row r="1"><c r="A1" t="inlineStr"><is><t>vendor</t></is></c>']
    out.append('<c r="B1" t="inlineStr"><is><t>valid_from</t></is></c>')
    out.append('<c r="C1" t="inlineStr"><is><t>certification</t></is></c></row>')
    counter = 1
    for number, cells in rows:
        counter = counter + 1 if number is None else number
        where = f' r="{number}"' if number is not None else ""
        inner = "".join(
            _xml_cell(column, counter if row is None else row, kind, value)
            for column, row, kind, value in cells
        )
        out.append(f"<row{where}>{inner}</row>")
    return "".join(out)


@pytest.fixture(scope="module")
def plain_workbook(workdir: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.append(["vendor"])
    path = workdir / "plain.xlsx"
    workbook.save(path)
    return path


@SLOW
@given(st.lists(_XML_ROW, max_size=5))
def test_vendor_xlsx_xml(workdir: Path, plain_workbook: Path, rows: list[str]) -> None:
    """A sheet's XML as no spreadsheet writes it: rows again or backwards, cells twice,
    any type with any value. Records for every row, or an InputError naming the row."""
    path = workdir / f"forged{next(_names)}.xlsx"
    with zipfile.ZipFile(plain_workbook) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, rest = data.decode().partition("<sheetData>")
                tail = rest.partition("</sheetData>")[2]
                data = f"{head}<sheetData>{_xml_rows(rows)}</sheetData>{tail}".encode()
            target.writestr(info, data)
    loaded = _load(load_vendors, path)
    if loaded is not None:
        _check_ranking(loaded)


BAD_AGENTS: st.SearchStrategy[object] = st.sampled_from(
    ["120", 12.0, None, True, -1, 1_000_001, [], {}, HUGE_INTEGERS[0], deep(100), HUGE_INTEGERS[3]]
)


BAD_CELLS = st.sampled_from(
    [
        (2, "2024-02-30"),
        (2, dt.datetime(2024, 1, 1, 9, 30)),
        (1, "iso-9010"),
        (6, "peut-\u00eatre"),
        (7, "actif"),
        (8, "FR:x"),
        (8, "\u00df:3"),
        (3, "2023-12-31"),
    ]
)


def _one_bad_vendor(workdir: Path, count: int, fmt: str, data: DataObject) -> None:
    """One bad vendor among ``count`` refuses the whole file, naming that vendor alone."""
    bad = data.draw(st.integers(0, count - 1))
    listed = [
        Vendor(f"Vendor {i}", [HeldCertificate("iso-9001", dt.date(2024, 1, 1))], [Site("FR", 10)])
        for i in range(count)
    ]
    if fmt == "json":
        document = vendors_document(listed)
        vendor = document["vendors"][bad]
        field = data.draw(st.sampled_from(["agents", "valid_from", "certification"]))
        if field == "agents":
            vendor["sites"][0]["agents"] = data.draw(BAD_AGENTS)
            where: tuple[str | int, ...] = ("vendors", bad, "sites", 0, "agents")
        else:
            vendor["certificates"][0][field] = {"valid_from": "2024-02-30"}.get(field, "iso-9010")
            where = ("vendors", bad, "certificates", 0, field)
        path = _file(workdir, ".json", json_text(document).encode())
    else:
        rows: list[list[Any]] = [list(row) for row in csv_rows(listed)]
        column, cell = data.draw(BAD_CELLS)
        if fmt == "csv" and isinstance(cell, dt.datetime):
            cell = cell.isoformat(" ")
        rows[bad + 1][column] = cell
        where = (f"row {bad + 2}", COLUMNS[column])
        if fmt == "csv":
            path = _file(workdir, ".csv", data.draw(csv_texts(rows)).encode())
        else:
            path = _file(workdir, ".xlsx", _workbook_bytes(rows))
            where = ("sheet 'vendors'", *where)  # a workbook's problems name its sheet
    with pytest.raises(InputError) as caught:  # 100,000 vendors pass the default sizes
        load_vendors(path, limits=Limits(max_file_bytes=2**30, max_cells=10**7))
    _refused(caught.value, path)
    assert [p.path for p in caught.value.problems] == [where]


def _workbook_bytes(rows: list[list[str]]) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("vendors")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
@settings(max_examples=max(1, PROFILE_EXAMPLES // 200), deadline=None)
@given(data=st.data())
def test_ten_thousand_vendors_and_one_bad_row(workdir: Path, fmt: str, data: st.DataObject) -> None:
    """One bad vendor among 10,000, in JSON, CSV or a workbook: refused, and named alone."""
    _one_bad_vendor(workdir, 10_000, fmt, data)


@pytest.mark.fuzz
@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
@settings(max_examples=max(2, PROFILE_EXAMPLES // 4_000), deadline=None)
@given(data=st.data())
def test_hundred_thousand_vendors_and_one_bad_row(
    workdir: Path, fmt: str, data: st.DataObject
) -> None:
    """The same among 100,000 vendors (long runs only: seconds per file)."""
    _one_bad_vendor(workdir, 100_000, fmt, data)


# Criteria and catalogue files ----------------------------------------------------------


@LARGE
@given(award_criteria(), st.data())
def test_criteria_files(workdir: Path, criteria: BuyerCriteria, data: st.DataObject) -> None:
    """A criteria file loads equal, or every problem is named; what loads can be used."""
    document, places = data.draw(mutations(criteria_document(criteria)))
    suffix = data.draw(st.sampled_from([".toml", ".json"]))
    if suffix == ".toml":
        extra = data.draw(TOML_EXTRAS) if places else ""
        text = toml_text(document) + extra
    else:
        text = json_text(document)
    raw = data.draw(encoded(text)) if places else text.encode()
    path = _file(workdir, suffix, raw)
    loaded = _load(load_criteria, path)
    if not places:
        assert loaded == criteria
    if loaded is not None:
        listed = data.draw(vendor_lists(max_size=3))
        with contextlib.suppress(InputError):  # ids the catalogue does not know: refused
            _check_ranking(listed, criteria=loaded, on=data.draw(ON))


@HALF
@given(small_catalogs(), st.data())
def test_catalogue_files(workdir: Path, catalog: Catalog, data: st.DataObject) -> None:
    """A catalogue file loads equal, or every problem is named; what loads can be used."""
    document, places = data.draw(mutations(catalogue_document(catalog)))
    suffix = data.draw(st.sampled_from([".toml", ".json"]))
    text = toml_text(document) if suffix == ".toml" else json_text(document)
    raw = data.draw(encoded(text)) if places else text.encode()
    path = _file(workdir, suffix, raw)
    extends = data.draw(st.sampled_from([None, CATALOG]))
    loaded = _load(load_catalog, path, extends=extends)
    if not places:
        assert loaded == (catalog if extends is None else _extended(catalog))
    if loaded:
        listed = data.draw(st.lists(vendors(loaded, max_certificates=3), max_size=3))
        unique = list({vendor.name: vendor for vendor in listed}.values())
        _check_ranking(unique, criteria=BuyerCriteria(), on=data.draw(ON), catalog=loaded)


def _extended(catalog: Catalog) -> Catalog:
    return Catalog(
        (*CATALOG.certifications, *catalog.certifications), f"{CATALOG.version}+{catalog.version}"
    )


# The command line -----------------------------------------------------------------------


def _check_exit(code: int, out: str, err: str) -> None:
    """Exit 2 is one line on stderr and nothing on stdout; exit 0 prints a result."""
    if code == 2:
        assert out == ""
        assert err.endswith("\n")
        assert len(err.splitlines()) == 1
        assert err.count("\n") == 1
    else:
        assert code == 0
        assert out


def _vendor_file(
    workdir: Path,
    listed: list[Vendor | Any],
    data: DataObject,
    max_mutations: int = 3,
) -> Path:
    """A JSON or CSV vendor file, valid or broken."""
    if data.draw(st.booleans()) or not listed:
        document, places = data.draw(
            mutations(vendors_document(listed), max_mutations=max_mutations)
        )
        raw = data.draw(encoded(json_text(document))) if places else json_text(document).encode()
        return _file(workdir, ".json", raw)
    rows, _ = data.draw(mutated_rows(csv_rows(listed)))
    return _file(workdir, ".csv", data.draw(csv_texts(rows)).encode())


def _outcome(
    path: Path, catalog: Path | None = None, limits: Limits = _DEFAULT_LIMITS
) -> tuple[None, InputError] | tuple[list[Vendor], None] | tuple[list[Any], None]:
    """The vendors the command line should rank, or the error it should print."""
    try:
        known = CATALOG if catalog is None else load_catalog(catalog, extends=CATALOG)
        return load_vendors(path, catalog=known, limits=limits), None
    except InputError as error:
        return None, error


BAD_ON = ("0000-01-01", "2024-02-30", "10000-01-01", "", "today")
ON_ARGUMENTS = st.one_of(
    EXTREME_DATES.map(dt.date.isoformat),
    EXTREME_DATES.map(dt.date.isoformat),
    EXTREME_DATES.map(dt.date.isoformat),
    st.sampled_from(BAD_ON),
)


@SLOW
@given(vendor_lists(), st.data())
def test_command_line(workdir: Path, listed: list[Vendor], data: st.DataObject) -> None:
    """rank and explain: a result for the whole file, or exit 2 and one line."""
    # One file broken at most, most of the time, so that half the runs go to the end.
    path = _vendor_file(workdir, listed, data, max_mutations=data.draw(st.sampled_from([0, 1])))
    options: list[object] = ["--on", data.draw(ON_ARGUMENTS)]
    catalog = None
    if data.draw(st.integers(0, 3)) == 0:  # now and then, a catalogue of one's own
        document, _ = data.draw(
            mutations(catalogue_document(data.draw(small_catalogs())), max_mutations=1)
        )
        catalog = _file(workdir, ".toml", toml_text(document).encode("utf-8", "surrogatepass"))
        options += ["--catalog", catalog]
    expected, refusal = _outcome(path, catalog)
    if data.draw(st.booleans()):
        criteria = criteria_document(data.draw(buyer_criteria()))
        document, _ = data.draw(mutations(criteria, max_mutations=1))
        text = toml_text(document).encode("utf-8", "surrogatepass")
        options += ["--criteria", _file(workdir, ".toml", text)]
    output = data.draw(st.sampled_from(["table", "json", "csv", "markdown"]))
    if data.draw(st.booleans()):
        names = [vendor.name for vendor in expected or []] + ["Nobody"]
        argv = ["explain", path, data.draw(st.sampled_from(names)), *options]
    else:
        argv = ["rank", path, "--format", output, *options]
        if data.draw(st.booleans()):
            places = [workdir / "record.json", workdir, "/nonexistent/r"]
            argv += ["--record", data.draw(st.sampled_from(places))]
    code, out, err = call(*argv)
    _check_exit(code, out, err)
    event(f"exit {code}")
    if options[1] in BAD_ON:
        assert err.startswith(f"callcenter-certs {argv[0]}: argument --on: ")
    elif refusal is not None:
        assert err == f"error: {refusal.first_line}\n"
    if code == 0 and argv[0] == "rank" and output == "json":
        names = [entry["vendor"]["name"] for entry in json.loads(out)["entries"]]
        assert sorted(names) == sorted(vendor.name for vendor in expected or [])
    if code == 0 and "--record" in argv:
        same: list[str | Path] = ["--catalog", catalog] if catalog else []
        assert call("replay", workdir / "record.json", *same)[0] == 0


@SLOW
@given(vendor_lists(), st.data())
def test_validate_command(workdir: Path, listed: list[Vendor], data: st.DataObject) -> None:
    """validate: exit 0 for a file that loads, else exit 1 and every problem on stdout.

    Now and then with a --limit, low enough to refuse some files.
    """
    path = _vendor_file(workdir, listed, data)
    limits, options = _DEFAULT_LIMITS, []
    if data.draw(st.booleans()):
        name = data.draw(st.sampled_from([field.name for field in attrs.fields(Limits)]))
        value = data.draw(st.integers(0, 8))
        limits, options = attrs.evolve(limits, **{name: value}), ["--limit", f"{name}={value}"]
    expected, refusal = _outcome(path, limits=limits)
    code, out, err = call("validate", path, *options)
    assert err == ""
    if refusal is None:
        assert code == 0
        assert out.startswith(f"{path}: {len(expected or [])} vendor")
    else:
        assert code == 1
        assert out.splitlines()[:-1] == str(refusal).splitlines()


@given(st.one_of(EXTREME_DATES.map(dt.date.isoformat), st.text(max_size=12)))
def test_on_any_date(on: str) -> None:
    """--on takes any date from 0001-01-01 to 9999-12-31, and refuses the rest in one line."""
    code, out, err = call("demo", "--on", on)
    _check_exit(code, out, err)


# Spreadsheet safety ---------------------------------------------------------------------

FORMULA_NAMES = st.tuples(
    st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "'="]),
    st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12),
).map("".join)


def _cells_are_safe(text: str) -> None:
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@LARGE
@given(
    st.lists(
        # A name is one line (a tab or a line break in it is refused): other cells keep them.
        FORMULA_NAMES.filter(str.strip).filter(lambda name: _line_problem(name) is None),
        min_size=1,
        max_size=4,
        unique_by=_name_key,
    ),
    st.data(),
)
def test_csv_output_is_spreadsheet_safe(
    workdir: Path, names: list[str], data: st.DataObject
) -> None:
    """dump_vendors and rank --format csv never write a cell a spreadsheet would run."""
    assume(all(name.strip() == name or name[0] in "\t\r" for name in names))
    listed = [
        Vendor(
            name,
            [
                HeldCertificate(
                    "iso-9001",
                    dt.date(2024, 1, 1),
                    certificate_number=data.draw(FORMULA_NAMES.filter(str.strip)),
                    certifying_body=data.draw(FORMULA_NAMES.filter(str.strip)),
                )
            ],
        )
        for name in names
    ]
    path = workdir / f"dump{next(_names)}.csv"
    try:
        dump_vendors(listed, path)
    except InputError:  # text the CSV layout would not read back the same
        assume(False)
    _cells_are_safe(path.read_text(encoding="utf-8-sig"))
    assert load_vendors(path) == listed
    code, out, _ = call("rank", path, "--format", "csv", "--on", "2025-01-01")
    assert code == 0
    _cells_are_safe(out)


# No code from data ----------------------------------------------------------------------


def test_no_code_runs_from_data() -> None:
    """No eval, exec, pickle, marshal or unsafe YAML anywhere in the library."""
    source = Path(__file__).parents[2] / "src" / "callcenter_certs"
    forbidden = re.compile(
        r"\b(eval|exec|__import__)\(|\b(import|from) (pickle|marshal|shelve|yaml|dill)\b"
        r"|\b(pickle|marshal|shelve|dill)\.|yaml\.(unsafe_)?load\b"
    )
    caught = ["eval(text)", "import pickle", "from marshal import loads", "yaml.load(f)", "exec(c)"]
    assert all(forbidden.search(line) for line in caught)
    assert not forbidden.search("# hash, repr, pickle or the converter; evaluate(x)")
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(source.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line)
    ]
    assert found == []
