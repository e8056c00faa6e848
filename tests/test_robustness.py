"""Robustness (issue 6): the limits hold in every format, and each bug fuzzing found stays fixed.

Cross-cutting (files, formats, loaders, the command line): not one module's tests.
"""

import contextlib
import datetime as dt
import importlib
import json
import os
import sys
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from callcenter_certs import BuyerCriteria, InputError, Limits, Site, converter, load_catalog
from callcenter_certs._text import describe
from callcenter_certs.files import _parse_json, _parse_toml, _to_accept
from callcenter_certs.loaders import dump_vendors, load_criteria, load_vendors
from callcenter_certs.tables import Table
from conftest import call, loader_problems, write

HEADER = ["vendor", "certification", "valid_from", "sites"]


def _workbook(tmp_path: Path, rows: Sequence[Sequence[object]], name: str = "v.xlsx") -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


# Limits ---------------------------------------------------------------------------------


def test_xlsx_limits(tmp_path: Path) -> None:
    """A workbook is held to the same limits as a CSV file, at the same rows and columns."""
    limits = Limits(max_vendors=1, max_certificates_per_vendor=1, max_sites_per_vendor=1)
    path = _workbook(
        tmp_path,
        [
            HEADER,
            ["A", "iso-9001", dt.date(2024, 1, 1), "FR:1;RE:2"],
            ["A", "nf-345", dt.date(2024, 1, 1), None],
            ["B", None, None, None],
        ],
    )
    assert loader_problems(load_vendors, path, limits=limits) == [
        f"{path}: sheet 'Sheet', row 2, column sites: site 2 in this cell is over the limit "
        f"of 1 per vendor ({_to_accept('max_sites_per_vendor')})",
        f"{path}: sheet 'Sheet', row 3, column certification: certificate 2 of 'A' is over "
        "the limit of 1 per vendor "
        f"({_to_accept('max_certificates_per_vendor')})",
        f"{path}: sheet 'Sheet', row 4, column vendor: vendor 2 is over the limit of 1 vendors "
        f"({_to_accept('max_vendors')})",
    ]
    size = path.stat().st_size
    assert loader_problems(load_vendors, path, limits=Limits(max_file_bytes=size - 1)) == [
        f"{path}: the file is {size:,} bytes, over the limit of {size - 1:,} "
        f"({_to_accept('max_file_bytes')})"
    ]


def test_xlsx_unzipped_size_is_limited(tmp_path: Path) -> None:
    """A workbook that unzips past max_file_bytes is refused before openpyxl reads it."""
    path = _workbook(tmp_path, [HEADER, ["A", None, None, "FR:1"]])
    with zipfile.ZipFile(path) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    limit = path.stat().st_size + 1  # the file itself is under the limit
    assert unzipped > limit
    assert loader_problems(load_vendors, path, limits=Limits(max_file_bytes=limit)) == [
        f"{path}: the workbook unzips to {unzipped:,} bytes, over the limit of {limit:,} "
        f"({_to_accept('max_file_bytes')})"
    ]


def _forged_sheet(tmp_path: Path, rows_xml: str) -> Path:
    """A workbook whose first sheet's rows are ``rows_xml``, as no spreadsheet writes them."""
    path = _workbook(tmp_path, [HEADER])
    forged = tmp_path / "forged.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(forged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                head, _, rest = text.partition("<sheetData>")
                _, _, tail = rest.partition("</sheetData>")
                data = f"{head}<sheetData>{rows_xml}</sheetData>{tail}".encode()
            target.writestr(info, data)
    return forged


def test_xlsx_row_past_excel_limit(tmp_path: Path) -> None:
    """A row numbered past Excel's 1,048,576 is refused, not padded with a billion rows."""
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>vendor</t></is></c></row>'
        '<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>A</t></is></c></row>'
    )
    path = _forged_sheet(tmp_path, rows)
    assert loader_problems(load_vendors, path) == [
        f"{path}: sheet 'Sheet', row 99999999999: a row numbered past 1,048,576, which Excel "
        "does not write: a damaged workbook"
    ]


def _cell(row: int, value: str, column: str = "A") -> str:
    return f'<c r="{column}{row}" t="inlineStr"><is><t>{value}</t></is></c>'


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            f'<row r="2">{_cell(2, "A")}</row><row r="2">{_cell(2, "B")}</row>',
            "row 2: numbered 2 after row 2",
        ),
        (
            f'<row r="3">{_cell(3, "A")}</row><row r="2">{_cell(2, "B")}</row>',
            "row 2: numbered 2 after row 3",
        ),
        (f'<row r="0">{_cell(0, "A")}</row>', "row 0: numbered 0 after row 1"),
        (f'<row r="2">{_cell(2, "A")}{_cell(2, "B")}</row>', "row 2: a cell out of place"),
        (f'<row r="2">{_cell(5, "A")}</row>', "row 2: a cell out of place"),
    ],
)
def test_xlsx_rows_openpyxl_would_drop(tmp_path: Path, rows: str, message: str) -> None:
    """A row numbered again or backwards, a cell given twice: refused, where openpyxl drops one."""
    path = _forged_sheet(tmp_path, f'<row r="1">{_cell(1, "vendor")}</row>{rows}')
    problems = loader_problems(load_vendors, path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: sheet 'Sheet', {message}")
    assert problems[0].endswith(", which Excel does not write: a damaged workbook")


def test_xlsx_rows_without_numbers(tmp_path: Path) -> None:
    """Rows and cells without numbers follow each other, as openpyxl reads them."""
    rows = '<row r="1">' + _cell(1, "vendor") + '</row><row><c t="inlineStr"><is><t>A</t>'
    rows += '</is></c></row><row><c t="inlineStr"><is><t>B</t></is></c></row>'
    path = _forged_sheet(tmp_path, rows)
    assert [vendor.name for vendor in load_vendors(path)] == ["A", "B"]


def test_xlsx_wide_empty_rows_are_read(tmp_path: Path) -> None:
    """A row formatted out to column ZZZ (18,278 cells, all empty past the header) reads fine."""
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>vendor</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="XFD2"/></row>'
    )
    path = _forged_sheet(tmp_path, rows)
    assert [vendor.name for vendor in load_vendors(path)] == ["A"]
    too_wide = rows.replace('<c r="XFD2"/>', '<c r="ZZZ2"/>')
    path = _forged_sheet(tmp_path, too_wide)
    assert loader_problems(load_vendors, path) == [
        f"{path}: sheet 'Sheet', row 2: a cell past column 16,384, which Excel does not "
        "write: a damaged workbook"
    ]


def test_xlsx_without_openpyxl_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where openpyxl's parser is not where it was, rows are read as openpyxl gives them."""
    import_module = importlib.import_module

    def without_parser(name: str, *args: str | None) -> ModuleType:
        if name == "openpyxl.worksheet._reader":
            raise ImportError(name)
        return import_module(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_parser)
    path = _workbook(tmp_path, [HEADER, ["A", "iso-9001", dt.date(2024, 1, 1), "FR:1"]])
    assert [vendor.name for vendor in load_vendors(path)] == ["A"]
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>vendor</t></is></c></row><row r="2">'
    path = _forged_sheet(tmp_path, rows + '<c r="ZZZ2" t="inlineStr"><is><t>x</t></is></c></row>')
    assert loader_problems(load_vendors, path) == [
        f"{path}: sheet 'Sheet', row 2: a cell past column 16,384, which Excel does not "
        "write: a damaged workbook"
    ]


def test_criteria_and_catalogue_limits(tmp_path: Path) -> None:
    """Criteria and catalogue files are held to the file size and nesting limits too."""
    criteria = write(tmp_path, "c.toml", 'csr = "prefer"\n')
    assert loader_problems(load_criteria, criteria, limits=Limits(max_file_bytes=4)) == [
        f"{criteria}: the file is 15 bytes, over the limit of 4 ({_to_accept('max_file_bytes')})"
    ]
    catalogue = write(tmp_path, "k.json", '{"certifications": []}')
    assert loader_problems(load_catalog, catalogue, limits=Limits(max_file_bytes=4)) == [
        f"{catalogue}: the file is 22 bytes, over the limit of 4 ({_to_accept('max_file_bytes')})"
    ]
    assert loader_problems(load_catalog, catalogue, limits=Limits(max_depth=1)) == [
        f"{catalogue}: certifications: nested more than 1 levels deep ({_to_accept('max_depth')})"
    ]


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("c.json", '{"weights": {"csr": ' + "[" * 70 + "]" * 70 + "}}", "weights.csr.0"),
        ("c.toml", "weights.csr." + ".".join(["a"] * 70) + " = 1", "weights.csr.a"),
        ("c.toml", "[" + ".".join(["t"] * 70) + "]", "t.t.t"),
    ],
)
def test_nesting_is_limited(tmp_path: Path, name: str, text: str, where: str) -> None:
    """Lists and tables nested past Limits.max_depth are refused at the key that holds them."""
    path = write(tmp_path, name, text)
    assert loader_problems(load_criteria, path) == [
        f"{path}: {where.replace('.0', '[0]')}: nested more than 64 levels deep "
        f"({_to_accept('max_depth')})"
    ]


def test_vendor_json_nesting(tmp_path: Path) -> None:
    """In a vendor file, the vendor holding the nesting is named; a valid file needs five levels."""
    vendors = [{"name": "A"}, {"name": [[[[[["B"]]]]]]}]
    path = write(tmp_path, "v.json", json.dumps({"vendors": vendors}))
    assert loader_problems(load_vendors, path, limits=Limits(max_depth=6)) == [
        f"{path}: vendors[1].name[0][0]: nested more than 6 levels deep ({_to_accept('max_depth')})"
    ]
    good = write(
        tmp_path,
        "good.json",
        '{"vendors": [{"name": "A", "sites": [{"country": "FR", "agents": 1}]}]}',
    )
    assert len(load_vendors(good, limits=Limits(max_depth=5))) == 1
    assert loader_problems(load_vendors, good, limits=Limits(max_depth=4)) == [
        f"{good}: vendors[0].sites: nested more than 4 levels deep ({_to_accept('max_depth')})"
    ]
    bomb = write(tmp_path, "bomb.json", '{"vendors": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert loader_problems(load_vendors, bomb) == [
        f"{bomb}: invalid JSON: nested too deeply for Python's parser"
    ]


def test_limits_are_checked() -> None:
    """A limit must be a whole number >= 0."""
    with pytest.raises(InputError, match=r"max_vendors: -1 is not a whole number >= 0"):
        Limits(max_vendors=-1)
    with pytest.raises(InputError, match=r"max_depth: True is not a whole number >= 0"):
        Limits(max_depth=True)


def test_command_line_limits(tmp_path: Path) -> None:
    """Through the command line, the default limits end in exit 2 and one line."""
    many = "vendor,certification,valid_from\n" + "A,iso-9001,2024-01-01\n" * 1_001
    path = write(tmp_path, "many.csv", many)
    code, out, err = call("rank", path, "--on", "2025-01-01")
    assert (code, out) == (2, "")
    assert err == (
        f"error: {path}: row 1002, column certification: certificate 1,001 of 'A' is over "
        "the limit of 1,000 per vendor (raise it with Limits(max_certificates_per_vendor=N) "
        "in Python, "
        "--limit max_certificates_per_vendor=N on the command line)\n"
    )
    code, out, err = call(
        "rank", path, "--on", "2025-01-01", "--limit", "max_certificates_per_vendor=1001"
    )
    assert (code, err.count("error")) == (0, 0)
    assert out.splitlines()[2].split()[:3] == ["1", "A", "100.00"]
    sites = ";".join(["FR:1"] * 10_001)
    path = write(tmp_path, "sites.csv", f"vendor,sites\nA,{sites}\n")
    code, out, err = call("rank", path, "--on", "2025-01-01")
    assert (code, out) == (2, "")
    assert err.endswith(
        "site 10,001 in this cell is over the limit of 10,000 per vendor (raise it with "
        "Limits(max_sites_per_vendor=N) in Python, --limit max_sites_per_vendor=N on the "
        "command line)\n"
    )
    criteria = write(tmp_path, "deep.json", '{"required": ' + "[" * 100 + "]" * 100 + "}")
    code, out, err = call("rank", path, "--criteria", criteria)
    assert (code, out, err.count("\n")) == (2, "", 1)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["validate", "{vendors}", "--limit", "max_file_bytes=10"],
            "{vendors}: the file is 40 bytes, over the limit of 10",
        ),
        (
            ["rank", "{vendors}", "--criteria", "{criteria}", "--limit", "max_depth=1"],
            "error: {criteria}: required: nested more than 1 levels deep",
        ),
        (
            ["replay", "{vendors}", "--limit", "max_file_bytes=1"],
            "error: {vendors}: the file is 40 bytes, over the limit of 1",
        ),
        (
            ["catalog", "--catalog", "{criteria}", "--limit", "max_file_bytes=2"],
            "error: {criteria}: the file is 18 bytes, over the limit of 2",
        ),
        (
            ["rank", "{vendors}", "--limit", "max_vendor=1"],
            "callcenter-certs rank: argument --limit: 'max_vendor=1' is not NAME=N with NAME "
            "one of max_file_bytes, max_vendors, max_certificates_per_vendor, "
            "max_sites_per_vendor, max_depth",
        ),
        (
            ["rank", "{vendors}", "--limit", "max_vendors"],
            "callcenter-certs rank: argument --limit: 'max_vendors' is not NAME=N",
        ),
        (
            ["explain", "{vendors}", "A", "--limit", "max_vendors=-1"],
            "callcenter-certs explain: argument --limit: max_vendors: '-1' is not a whole "
            "number >= 0",
        ),
        (
            ["rank", "{vendors}", "--limit", "max_vendors=lots"],
            "callcenter-certs rank: argument --limit: max_vendors: 'lots' is not a whole",
        ),
    ],
)
def test_command_line_limit_option(tmp_path: Path, argv: list[str], message: str) -> None:
    """--limit NAME=N reaches every file a command reads; a bad one is a usage error."""
    vendors = write(tmp_path, "v.csv", "vendor,certification,valid_from\nA,,\nB,,\n")
    criteria = write(tmp_path, "c.json", '{"required": [[]]}')
    files = {"vendors": vendors, "criteria": criteria}
    code, out, err = call(*(arg.format(**files) for arg in argv))
    where = err if argv[0] != "validate" else out
    assert code == (1 if argv[0] == "validate" else 2)
    assert where.startswith(message.format(**files))
    assert err.count("\n") == (0 if argv[0] == "validate" else 1)


# What the fuzzing found -----------------------------------------------------------------


def test_describe_never_fails() -> None:
    """A bad value is described in 60 characters, however deep, long or large it is."""
    deep: list[object] = []
    for _ in range(10_000):
        deep = [deep]
    assert describe(deep) == "[" * 31 + "..." + "]" * 23 + "..."
    assert describe(10**5000) == "<a whole number of about 5,000 digits>"
    assert describe("x" * 10**6) == "'" + "x" * 56 + "..."
    assert describe({"a": [1, (2,), {3}, frozenset()]}) == "{'a': [1, (2,), {3}, frozenset()]}"


def test_huge_integers(tmp_path: Path) -> None:
    """Integers past 4,300 digits are refused where they are, in TOML, JSON and records."""
    path = write(tmp_path, "c.toml", "[weights]\ncsr = 1" + "0" * 5_000)
    assert loader_problems(load_criteria, path) == [
        f"{path}: invalid TOML: a whole number of more than 4,300 digits, which Python does not "
        "read"
    ]
    path = write(tmp_path, "c.json", '{"weights": {\n"csr": 1' + "0" * 5_000 + "}}")
    assert loader_problems(load_criteria, path) == [
        f"{path}: line 2, column 8: invalid JSON (a whole number of more than 4,300 digits, "
        "which Python does not read)"
    ]
    with pytest.raises(InputError, match=r"weights\.csr: 1000.* is too large"):
        BuyerCriteria(weights={"csr": 10**400})
    with pytest.raises(InputError, match=r"agents: <a whole number of about 5,000 digits>"):
        Site("FR", 10**5000)


def test_json_errors_say_where() -> None:
    """NaN, Infinity and a key given twice are refused with their line and column."""
    assert _json_error('{"a": 1,\n "b": -Infinity}') == (
        "line 2, column 7: invalid JSON (-Infinity is not a valid JSON number)"
    )
    assert _json_error('["NaN", NaN]') == (
        "line 1, column 9: invalid JSON (NaN is not a valid JSON number)"
    )
    assert _json_error('{"vendors": [\n  {"name": "A", "name": "B"}]}') == (
        "line 2, column 3: invalid JSON (the object starting here has the key 'name' twice)"
    )


def _json_error(text: str) -> str:
    with pytest.raises(InputError) as info:
        _parse_json(text)
    return str(info.value)


def test_text_that_cannot_be_shown_is_refused(tmp_path: Path) -> None:
    """A lone surrogate or a control character in a name is refused, in every format."""
    path = write(tmp_path, "v.json", '{"vendors": [{"name": "A\\ud800"}, {"name": "\\u001b[2J"}]}')
    assert loader_problems(load_vendors, path) == [
        f"{path}: vendors[0].name: 'A\\ud800' contains '\\ud800', half of a surrogate pair, "
        "which is not a character",
        f"{path}: vendors[1].name: '\\x1b[2J' contains the control character '\\x1b'",
    ]
    path = write(
        tmp_path,
        "v.csv",
        "vendor,certification,valid_from,certifying_body\nA\x00,,,\nB,iso-9001,2024-01-01,X\x07\n",
    )
    assert loader_problems(load_vendors, path) == [
        f"{path}: row 2, column vendor: 'A\\x00' contains the control character '\\x00'",
        f"{path}: row 3, column certifying_body: 'X\\x07' contains the control character '\\x07'",
    ]
    path = write(tmp_path, "k.toml", 'certifications = []\nversion = "v\\u0000"\n')
    assert loader_problems(load_catalog, path) == [
        f"{path}: version: 'v\\x00' contains the control character '\\x00'"
    ]


def test_sites_country_is_upper_cased_in_ascii_only(tmp_path: Path) -> None:
    """'ß'.upper() is 'SS' (South Sudan): a non-ASCII country is refused, not converted."""
    path = write(tmp_path, "v.csv", "vendor,sites\nA,\u00df:12\nB,f\u0131:3\nC,fr:1\n")
    assert loader_problems(load_vendors, path) == [
        f"{path}: row 2, column sites: in '\u00df:12', '\u00df' is not a country (an ISO "
        "3166-1 code such as FR or FRA, or its name in English or French)",
        f"{path}: row 3, column sites: in 'f\u0131:3', 'f\u0131' is not a country (an ISO "
        "3166-1 code such as FR or FRA, or its name in English or French)",
    ]


def test_csv_quote_left_open(tmp_path: Path) -> None:
    """A quote left open would swallow the rows after it: the file is refused instead."""
    path = write(tmp_path, "v.csv", 'vendor,certification\n"A,nf-345\nB,iso-9001\n')
    assert loader_problems(load_vendors, path) == [
        f"{path}: row 2: invalid CSV (unexpected end of data)"
    ]


def test_carriage_return_in_csv_output(tmp_path: Path) -> None:
    """A cell holding a carriage return is quoted, so that its row stays one row."""
    # A name is one line (refused with a break); another text keeps its carriage return.
    certificate = '{"certification": "nf-345", "valid_from": "2025-01-01", '
    certificate += '"certifying_body": "A\\rB"}'
    vendors = load_vendors(
        write(
            tmp_path,
            "v.json",
            '{"vendors": [{"name": "A", "certificates": [' + certificate + ']}, {"name": "C"}]}',
        )
    )
    path = tmp_path / "out.csv"
    dump_vendors(vendors, path)
    assert load_vendors(path) == vendors
    table = Table(("a", "b"), (("x\ry", "=1"), ("p", "q")))
    assert table.to_csv() == 'a,b\n"x\ry","\'=1"\np,q'


def test_criteria_dates_and_times(tmp_path: Path) -> None:
    """A TOML date-time or time where a date is expected is refused; the extreme dates load."""
    for value, message in [
        ("2029-12-31T10:00:00", "datetime.datetime(2029, 12, 31, 10, 0) is a date and time"),
        ("10:00:00", "datetime.time(10, 0) is not a date"),
    ]:
        path = write(tmp_path, "c.toml", f"valid_through = {value}\n")
        assert loader_problems(load_criteria, path)[0].startswith(
            f"{path}: valid_through: {message}"
        )
    for value in ("0001-01-01", "9999-12-31"):
        path = write(tmp_path, "c.toml", f"valid_through = {value}\n")
        assert load_criteria(path).valid_through == dt.date.fromisoformat(value)


def test_certificates_at_the_ends_of_the_calendar(tmp_path: Path) -> None:
    """Certificates from 0001-01-01 or to 9999-12-31 rank on any date, the extremes included."""
    vendors = {
        "vendors": [
            {
                "name": "A",
                "certificates": [{"certification": "iso-9001", "valid_from": "9999-12-31"}],
            },
            {
                "name": "B",
                "certificates": [{"certification": "nf-345", "valid_from": "0001-01-01"}],
            },
            {
                "name": "C",
                "certificates": [{"certification": "iso-18295-1", "valid_from": "9998-02-28"}],
            },
        ]
    }
    path = write(tmp_path, "v.json", json.dumps(vendors))
    criteria = write(tmp_path, "c.toml", 'required = ["iso-9001"]\nvalid_through = 9999-12-31\n')
    for on in ("0001-01-01", "9999-12-31", "9999-12-30", "2026-01-01"):
        code, out, err = call("rank", path, "--criteria", criteria, "--on", on, "--format", "json")
        assert code == 0, err
        assert len(json.loads(out)["entries"]) == 3


# The command line -----------------------------------------------------------------------


def test_a_record_that_cannot_be_written_prints_no_ranking(tmp_path: Path) -> None:
    """rank --record to a directory: exit 2, the error alone, nothing on stdout."""
    path = write(tmp_path, "v.json", '{"vendors": [{"name": "A"}]}')
    code, out, err = call("rank", path, "--on", "2025-01-01", "--record", tmp_path)
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path}: Is a directory\n"


def test_explain_an_unknown_vendor_is_one_line(tmp_path: Path) -> None:
    """Without --criteria the note waits: an unknown name is the only line on stderr."""
    path = write(tmp_path, "v.json", '{"vendors": [{"name": "A"}]}')
    code, out, err = call("explain", path, "Nobody", "--on", "2025-01-01")
    assert (code, out) == (2, "")
    assert err == f"error: no vendor named 'Nobody' in {path}; vendors: 'A'\n"


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    """A file name from the command line is escaped in messages, so they keep to one line."""
    code, out, err = call("rank", tmp_path / "new\nline.json", "--on", "2025-01-01")
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path}/new\\nline.json: no such file\n"
    code, out, err = call("rank", "a.json", "extra\nargument")
    assert err == "callcenter-certs: unrecognized arguments: extra\\nargument\n"


def test_a_record_round_trip_with_limits(tmp_path: Path) -> None:
    """A decision record is a JSON file like the others: its nesting is limited too."""
    path = write(tmp_path, "v.json", '{"vendors": [{"name": "A"}]}')
    record = tmp_path / "record.json"
    assert call("rank", path, "--on", "2025-01-01", "--record", record)[0] == 0
    assert call("replay", record)[0] == 0
    data = json.loads(record.read_text(encoding="utf-8"))
    nested: list[object] = []
    for _ in range(70):
        nested = [nested]
    data["inputs"]["vendors"] = nested
    record.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = call("replay", record)
    assert (code, out) == (2, "")
    assert "nested more than 64 levels deep" in err


def test_int_max_str_digits_is_read_at_run_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digit limit named in messages is Python's own setting."""
    monkeypatch.setattr(sys, "get_int_max_str_digits", lambda: 640)
    path = write(tmp_path, "c.toml", "[weights]\ncsr = 1" + "0" * 5_000)
    assert "more than 640 digits" in loader_problems(load_criteria, path)[0]
    assert converter.structure("x", str) == "x"
    assert _parse_toml('a = "b"') == {"a": "b"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize(("limit", "expected"), [(10**14, 0), (100, 1)])
def test_a_pipe_is_read_in_chunks_up_to_the_limit(
    tmp_path: Path, limit: int, expected: int
) -> None:
    """A file stat cannot size is read up to the limit, without reserving the limit at once."""
    pipe = tmp_path / "v.json"
    os.mkfifo(pipe)
    data = (Path(__file__).parent.parent / "docs" / "examples" / "vendors.json").read_bytes()

    def write() -> None:
        with contextlib.suppress(BrokenPipeError), pipe.open("wb") as handle:
            handle.write(data)  # the reader may close early, refusing the file

    writer = threading.Thread(target=write)
    writer.start()
    code, out, err = call("validate", pipe, "--limit", f"max_file_bytes={limit}")
    writer.join(timeout=10)
    assert (code, err) == (expected, "")
    assert out.splitlines()[0] == (
        f"{pipe}: 3 vendors, no problem found"
        if expected == 0
        else f"{pipe}: the file is over the limit of 100 bytes ({_to_accept('max_file_bytes')})"
    )
