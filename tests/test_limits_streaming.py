"""Every limit bounds the work it protects, while reading (issue 16).

A file over a limit is refused after reading about the limit's worth of it: the tests
feed rows from generators and check that the rest was not read, count the objects
built, or the bytes a parser took. Problems past `MAX_PROBLEMS` are counted, not
kept, in every format. Within the limits, every vendor that goes in comes out.
"""

import io
import itertools
import json
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from callcenter_certs import InputError, Limits, Site, load_catalog
from callcenter_certs import _sheet as sheet
from callcenter_certs.errors import MAX_PROBLEMS
from callcenter_certs.files import _to_accept
from callcenter_certs.loaders import load_criteria, load_vendors
from conftest import call, loader_problems, write

_NOT_LISTED = "and {:,} more problems, not listed: the first 1,000 are; fix them and check again"


def _problems(loader: Callable[..., object], path: Path, **options: object) -> list[str]:
    """The lines of the InputError that loading ``path`` raises, without the file's name."""
    lines = loader_problems(loader, path, **options)
    assert all(line.startswith(f"{path}: ") for line in lines)
    return [line.removeprefix(f"{path}: ") for line in lines]


class _Rows:
    """Numbered rows from a generator, remembering how many were taken."""

    def __init__(self, rows: Iterator[Sequence[object]]) -> None:
        self.rows = rows
        self.taken = 0

    def __iter__(self) -> Iterator[tuple[int, Sequence[object]]]:
        for row in self.rows:
            self.taken += 1
            yield self.taken, row


def _endless_vendors() -> Iterator[Sequence[object]]:
    yield ["vendor", "certification", "valid_from"]
    for number in itertools.count():
        yield [f"Vendor {number}", "iso-9001", "2024-01-01"]


# Spreadsheets: counted while the rows are read ----------------------------------------------


def test_vendors_are_counted_while_reading() -> None:
    """The vendor past the limit stops the reading at its row: the rows after it are not read."""
    rows = _Rows(_endless_vendors())
    with pytest.raises(InputError) as info:
        sheet.assemble(rows, empty="empty", limits=Limits(max_vendors=3))
    assert [str(p) for p in info.value.problems] == [
        "row 5, column vendor: vendor 4 is over the limit of 3 vendors "
        f"({_to_accept('max_vendors')})"
    ]
    assert rows.taken == 5  # the header and four vendors, of an endless file


def test_cells_are_counted_while_reading() -> None:
    """A row counts its cells, an empty row one; the row past the limit stops the reading."""

    def endless() -> Iterator[Sequence[object]]:
        yield ["vendor"]
        yield ["A", None, None]
        while True:
            yield []

    rows = _Rows(endless())
    with pytest.raises(InputError) as info:
        sheet.assemble(rows, empty="empty", limits=Limits(max_cells=10))
    assert [str(p) for p in info.value.problems] == [
        # 1 + 3 cells, then an empty row counting one: the 11th cell is on row 9.
        f"row 9: cell 11 is over the limit of 10 cells ({_to_accept('max_cells')})"
    ]
    assert rows.taken == 9


def test_cells_before_the_header_count_too() -> None:
    rows = _Rows(iter([[]] * 100))
    with pytest.raises(InputError, match=r"^row 4: cell 4 is over the limit of 3 cells"):
        sheet.assemble(rows, empty="empty", limits=Limits(max_cells=3))
    assert rows.taken == 4


def test_a_limit_keeps_the_problems_met_before_it() -> None:
    rows = _Rows(iter([["vendor", "valid_from"], ["A", "x"], ["", "y"], ["B"], ["C"]]))
    with pytest.raises(InputError) as info:
        sheet.assemble(rows, empty="empty", limits=Limits(max_vendors=1))
    assert [p.path for p in info.value.problems] == [
        ("row 2", "certification"),
        ("row 3", "vendor"),
        ("row 4", "vendor"),
    ]
    assert rows.taken == 4


class _CountedSite(Site):
    built = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        type(self).built += 1
        super().__init__(*args, **kwargs)


def test_a_sites_cell_is_split_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cell of 200,000 sites is refused at site 6 of 5, having built 5 sites."""
    monkeypatch.setattr(sheet, "Site", _CountedSite)
    cell = "FR:1;" * 200_000
    with pytest.raises(sheet._CellError) as info:
        sheet._sites(cell, 5)
    assert str(info.value) == (
        "site 6 in this cell is over the limit of 5 per vendor "
        f"({_to_accept('max_sites_per_vendor')})"
    )
    assert _CountedSite.built == 5
    monkeypatch.undo()
    assert sheet._sites("FR:1;;RE:2 ; ", 2) == (Site("FR", 1), Site("RE", 2))


def test_sites_over_the_limit_in_a_file(tmp_path: Path) -> None:
    limits = Limits(max_sites_per_vendor=2)
    path = write(
        tmp_path,
        "v.csv",
        "vendor,certification,valid_from,sites,sites_covered\n"
        'A,iso-9001,2024-01-01,"FR:1:a;FR:2:b;FR:3:c",\n'
        'B,iso-9001,2024-01-01,"FR:1:a;FR:2:b","a;b;a"\n',
    )
    over = f"over the limit of 2 per vendor ({_to_accept('max_sites_per_vendor')})"
    assert _problems(load_vendors, path, limits=limits) == [
        f"row 2, column sites: site 3 in this cell is {over}",
        f"row 3, column sites_covered: site name 3 in this cell is {over}",
    ]


def test_certificates_past_the_limit_are_not_kept(tmp_path: Path) -> None:
    """One problem per vendor, at its first certificate past the limit; the rest dropped."""
    rows = "".join(f"A,iso-9001,2024-01-{day:02}\n" for day in range(1, 29))
    path = write(tmp_path, "v.csv", "vendor,certification,valid_from\n" + rows + "B,nf-345,\n")
    assert _problems(load_vendors, path, limits=Limits(max_certificates_per_vendor=2)) == [
        "row 4, column certification: certificate 3 of 'A' is over the limit of 2 per vendor "
        f"({_to_accept('max_certificates_per_vendor')})",
        "row 30, column valid_from: empty; a certificate needs its date (YYYY-MM-DD or DD/MM/YYYY)",
    ]


def test_exactly_at_the_limits_everything_loads(tmp_path: Path) -> None:
    """Every vendor that goes in comes out, at each limit exactly."""
    rows = "".join(f"V{i},iso-9001,2024-01-01,FR:1;RE:2\n" for i in range(5))
    rows += "V0,nf-345,2024-01-01,FR:1;RE:2\n"
    path = write(tmp_path, "v.csv", "vendor,certification,valid_from,sites\n" + rows)
    limits = Limits(
        max_vendors=5, max_cells=28, max_sites_per_vendor=2, max_certificates_per_vendor=2
    )
    loaded = load_vendors(path, limits=limits)
    assert [v.name for v in loaded] == [f"V{i}" for i in range(5)]
    assert len(loaded[0].certificates) == 2
    assert loaded[0].sites == (Site("FR", 1), Site("RE", 2))
    with pytest.raises(InputError, match="cell 28 is over the limit of 27 cells"):
        load_vendors(path, limits=Limits(max_cells=27))


# Workbooks ------------------------------------------------------------------------------


_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f"<workbook {_MAIN} "
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="vendors" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def _workbook(
    tmp_path: Path, strings: Sequence[str], rows: Sequence[Sequence[str]], styles: str = ""
) -> Path:
    """A workbook written by hand: ``rows`` of cells pointing to the shared ``strings``."""
    table = "".join(f"<si><t>{text}</t></si>" if text else "<si/>" for text in strings)
    data = "".join(
        "<row>" + "".join(f'<c t="s"><v>{cell}</v></c>' for cell in row) + "</row>" for row in rows
    )
    path = tmp_path / "v.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/sharedStrings.xml", f"<sst {_MAIN}>{table}</sst>")
        if styles:
            archive.writestr("xl/styles.xml", styles)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {_MAIN}><sheetData>{data}</sheetData></worksheet>",
        )
    return path


def test_shared_strings_are_counted(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = _workbook(tmp_path, ["vendor", "A", "B", *[""] * 20], [["0"], ["1"], ["2"]])
    assert [v.name for v in load_vendors(path, limits=Limits(max_shared_strings=23))] == ["A", "B"]
    assert _problems(load_vendors, path, limits=Limits(max_shared_strings=22)) == [
        "xl/sharedStrings.xml: shared string 23 is over the limit of 22 shared strings "
        f"({_to_accept('max_shared_strings')})"
    ]


class _Counted(io.BytesIO):
    """Bytes whose reads are counted."""

    taken = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.taken += len(data)
        return data


def test_the_string_table_is_read_no_further_than_the_limit() -> None:
    """A table of 2,000,000 strings (10 MB) is refused after reading some kilobytes of it."""
    pytest.importorskip("openpyxl")
    from callcenter_certs.formats import xlsx  # noqa: PLC0415 - needs openpyxl

    table = _Counted(f"<sst {_MAIN}>".encode() + b"<si/>" * 2_000_000 + b"</sst>")
    with pytest.raises(xlsx._TooManyStringsError):
        xlsx._string_table(table, "xl/sharedStrings.xml", 1_000)
    assert table.taken < 200_000
    rich = f"<sst {_MAIN}><si><r><t>a</t></r><r><t>b</t></r></si><si><t>c</t></si></sst>"
    assert xlsx._string_table(io.BytesIO(rich.encode()), "x", 2) == ["ab", "c"]


def test_a_part_read_whole_is_held_to_what_excel_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A style sheet of 3 million formats took 2 GB and 48 s of openpyxl's time."""
    pytest.importorskip("openpyxl")
    from callcenter_certs.formats import xlsx  # noqa: PLC0415 - needs openpyxl

    def styles(count: int) -> str:
        return f"<styleSheet {_MAIN}><cellXfs>{'<xf/>' * count}</cellXfs></styleSheet>"

    most = 50  # 200,000 in truth: a quick test
    monkeypatch.setattr(xlsx, "_MAX_ELEMENTS", most)
    path = _workbook(tmp_path, ["vendor", "A"], [["0"], ["1"]], styles(most - 2))
    assert [v.name for v in load_vendors(path)] == ["A"]
    path = _workbook(tmp_path, ["vendor", "A"], [["0"], ["1"]], styles(most - 1))
    assert _problems(load_vendors, path) == [
        f"xl/styles.xml: holds more than {most:,} XML elements, far more than Excel writes "
        "there: a damaged or forged workbook"
    ]


def test_workbook_cells_are_counted(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = _workbook(tmp_path, ["vendor", "A"], [["0"], *[["1"]] * 5])
    assert _problems(load_vendors, path, limits=Limits(max_cells=3)) == [
        f"sheet 'vendors', row 4: cell 4 is over the limit of 3 cells ({_to_accept('max_cells')})"
    ]
    assert len(load_vendors(path, limits=Limits(max_cells=6))) == 1


# JSON and TOML: problems capped, counts checked before anything is built ----------------


def test_json_vendor_problems_are_capped(tmp_path: Path) -> None:
    vendors = [{"name": index} for index in range(MAX_PROBLEMS + 500)]
    path = write(tmp_path, "v.json", json.dumps({"vendors": vendors}))
    lines = _problems(load_vendors, path)
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0] == "vendors[0].name: 0 is not a string (got int)"
    assert lines[-1] == _NOT_LISTED.format(500)


def test_json_lists_over_their_limits_are_not_built(tmp_path: Path) -> None:
    """10,000 bad certificates over a limit of 2: one problem, not 10,000."""
    vendor = {"name": "A", "certificates": [{}] * 10_000, "sites": [{}] * 3}
    path = write(tmp_path, "v.json", json.dumps({"vendors": [vendor, {"name": "B"}]}))
    limits = Limits(max_certificates_per_vendor=2, max_sites_per_vendor=2)
    assert _problems(load_vendors, path, limits=limits) == [
        "vendors[0].certificates: 10,000 certificates, over the limit of 2 "
        f"({_to_accept('max_certificates_per_vendor')})",
        f"vendors[0].sites: 3 sites, over the limit of 2 ({_to_accept('max_sites_per_vendor')})",
    ]


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_criteria_problems_are_capped(tmp_path: Path, suffix: str) -> None:
    """A list of 3,000 bad ids gives 1,000 problems and a count of the rest."""
    bad = [1] * (MAX_PROBLEMS + 2_000)
    text = json.dumps({"required": bad}) if suffix == ".json" else f"required = {bad}\n"
    lines = _problems(load_criteria, write(tmp_path, f"c{suffix}", text))
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0] == "required[0]: 1 is not a string (got int)"
    assert lines[-1] == _NOT_LISTED.format(2_000)


def test_criteria_tables_are_capped(tmp_path: Path) -> None:
    weights = {f"w{i}": "heavy" for i in range(MAX_PROBLEMS + 10)}
    lines = _problems(load_criteria, write(tmp_path, "c.json", json.dumps({"weights": weights})))
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1] == _NOT_LISTED.format(10)


def test_catalogue_problems_are_capped(tmp_path: Path) -> None:
    document = {"version": "x", "certifications": [{}] * (MAX_PROBLEMS + 7)}
    lines = _problems(load_catalog, write(tmp_path, "c.json", json.dumps(document)))
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1].startswith("and ")
    assert lines[-1].endswith(
        " more problems, not listed: the first 1,000 are; fix them and check again"
    )


# The command line ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        ("max_cells=4", "row 3: cell 5 is over the limit of 4 cells"),
        ("max_vendors=1", "row 3, column vendor: vendor 2 is over the limit of 1 vendors"),
    ],
)
def test_the_new_limits_on_the_command_line(tmp_path: Path, limit: str, expected: str) -> None:
    path = write(tmp_path, "v.csv", "vendor,sites\nA,FR:1\nB,FR:2\n")
    code, out, err = call("rank", path, "--on", "2025-01-01", "--limit", limit)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {path}: {expected} (raise it with Limits(")
    assert call("rank", path, "--on", "2025-01-01", "--limit", "max_shared_strings=0")[0] == 0


def test_criteria_and_catalogues_have_their_own_size_limit(tmp_path: Path) -> None:
    """max_criteria_bytes for criteria and catalogues; max_file_bytes when it is smaller."""
    criteria = write(tmp_path, "c.toml", 'required = ["iso-9001"]\n')
    size = criteria.stat().st_size
    assert load_criteria(criteria, limits=Limits(max_criteria_bytes=size)).required
    assert _problems(load_criteria, criteria, limits=Limits(max_criteria_bytes=size - 1)) == [
        f"the file is {size:,} bytes, over the limit of {size - 1:,} "
        f"({_to_accept('max_criteria_bytes')})"
    ]
    smaller = Limits(max_criteria_bytes=size - 1, max_file_bytes=size - 2)
    assert _problems(load_criteria, criteria, limits=smaller)[0].endswith(
        f"over the limit of {size - 2:,} ({_to_accept('max_file_bytes')})"
    )
    catalogue = write(tmp_path, "k.json", json.dumps({"version": "x", "certifications": []}))
    with pytest.raises(InputError, match="max_criteria_bytes"):
        load_catalog(catalogue, limits=Limits(max_criteria_bytes=10))
    vendors = write(tmp_path, "v.csv", "vendor\nA\n")  # a vendor file is not held to it
    assert len(load_vendors(vendors, limits=Limits(max_criteria_bytes=1))) == 1
    code, out, err = call(
        "rank", vendors, "--criteria", criteria, "--limit", "max_criteria_bytes=3"
    )
    assert (code, out) == (2, "")
    assert err == (
        f"error: {criteria}: the file is {size:,} bytes, over the limit of 3 "
        f"({_to_accept('max_criteria_bytes')})\n"
    )
