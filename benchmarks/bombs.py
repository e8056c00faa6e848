# ruff: noqa: E501 - the XML of a workbook, as Excel writes it, on one line each
"""The bombs of issue 16, and the worst inputs within the default limits, measured.

Each case builds one file, then loads it in a fresh process (``load_vendors``,
``load_criteria`` or ``load_catalog``, as the case says) and reports what the load
did (loaded N, or refused, and where), the process's peak RSS (``os.wait4``'s
``ru_maxrss`` of that child alone) and the wall time. A child is stopped past 4 GiB
of address space or 300 seconds, so that a bomb that still works cannot take the
machine: the table then says so.

Usage::

    .venv/bin/python benchmarks/bombs.py                 # every case (a few minutes)
    .venv/bin/python benchmarks/bombs.py --list          # the cases
    .venv/bin/python benchmarks/bombs.py xlsx-sites csv-names   # some of them

It prints a Markdown table, the machine and the load average before and after each
case; `docs/files.md` ("Worst cases within the default limits") shows a run. Not part
of the test suite: each case is CPU-heavy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from callcenter_certs._sheet import COLUMNS

MIB = 2**20
MEMORY_CAP = 4 * 2**30
"""The address space a child may take: a bomb that still works fails here, not the machine."""
TIMEOUT = 300


# Files ------------------------------------------------------------------------------------


def _fill(prefix: bytes, item: bytes, suffix: bytes, size: int) -> bytes:
    """``prefix``, then ``item`` (``b",``-free) as often as fits in ``size`` bytes, then ``suffix``."""
    count = max(1, (size - len(prefix) - len(suffix)) // len(item))
    return prefix + item * count + suffix


_CONTENT_TYPES = b"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_RELS = b"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = b"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="vendors" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = b"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
_MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER = (*COLUMNS, "figure:price")
"""The spreadsheet layout's columns, and a price."""


def _text_cell(text: str) -> bytes:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def _workbook(path: Path, rows: Iterable[bytes], strings: bytes = b"", styles: bytes = b"") -> Path:
    """A workbook of one sheet, ``vendors``, of ``rows`` (``<row>`` elements), by hand.

    Hand-written XML, as a forger would write it: openpyxl takes minutes to write a
    million cells. ``strings``: the ``<si>`` entries of the shared strings table.
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", b"<sst " + _MAIN + b">" + strings + b"</sst>")
        if styles:
            archive.writestr("xl/styles.xml", styles)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b"<worksheet " + _MAIN + b"><sheetData>")
            for row in rows:
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return path


def _row(cells: Iterable[str]) -> bytes:
    return b"<row>" + b"".join(map(_text_cell, cells)) + b"</row>"


def _vendor_rows(count: int) -> Iterator[list[str]]:
    """``count`` valid vendors, one certificate row each, every column filled (10 cells)."""
    for i in range(count):
        yield [
            f"Vendor {i}",
            "iso-9001",
            "2024-01-01",
            "2027-01-01",
            f"N{i}",
            "Body",
            "yes",
            "active",
            "FR:10",
            str(1000 + i),
        ]


def _csv(path: Path, rows: Iterable[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(",".join(row) + "\n" for row in rows)
    return path


# The cases -------------------------------------------------------------------------------


@attrs.frozen
class Case:
    name: str
    what: str
    kind: str  # vendors, criteria or catalog
    suffix: str
    build: Callable[[Path], Path]


def _xlsx_sites(sites: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        header = _row(("vendor", "sites"))
        cell = "FR:1;" * sites
        return _workbook(path, [header, _row(("A", cell))])

    return build


def _xlsx_strings(count: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        return _workbook(path, [_row(("vendor",))], b"<si/>" * count)

    return build


def _csv_names(size: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        names = (f"{i:x}\n" for i in range(size))
        with path.open("w", encoding="utf-8") as out:
            out.write("vendor\n")
            written = 7
            for name in names:
                out.write(name)
                written += len(name)
                if written >= size:
                    break
        return path

    return build


def _csv_stray(rows: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        return _csv(path, [["vendor"], *([f"V{i}", "", "stray"] for i in range(rows))])

    return build


def _csv_header(columns: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_text(",".join(["vendor"] * columns) + "\n", "utf-8")
        return path

    return build


def _csv_vendors(count: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        return _csv(path, [list(HEADER), *_vendor_rows(count)])

    return build


def _csv_bad_dates(rows: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        return _csv(
            path,
            [["vendor", "certification", "valid_from"]]
            + [[f"V{i}", "iso-9001", "2024-13-01"] for i in range(rows)],
        )

    return build


def _xlsx_shared(count: int) -> Callable[[Path], Path]:
    """Vendors as Excel writes them: each text once in the shared strings, cells by index."""

    def build(path: Path) -> Path:
        common = [*HEADER, "iso-9001", "2024-01-01", "2027-01-01", "Body", "yes", "active"]
        common.append("FR:10")
        strings = b"".join(f"<si><t>{text}</t></si>".encode() for text in common)
        strings += b"".join(f"<si><t>Vendor {i}</t></si>".encode() for i in range(count))

        def cell(index: int) -> bytes:
            return b'<c t="s"><v>%d</v></c>' % index

        def number(value: int) -> bytes:
            return b"<c><v>%d</v></c>" % value

        def rows() -> Iterator[bytes]:
            yield b"<row>" + b"".join(cell(i) for i in range(len(HEADER))) + b"</row>"
            for i in range(count):
                cells = [cell(len(common) + i), *(cell(n) for n in range(10, 13))]
                cells += [number(i), *(cell(n) for n in range(13, 17)), number(1000 + i)]
                yield b"<row>" + b"".join(cells) + b"</row>"

        return _workbook(path, rows(), strings)

    return build


def _xlsx_styles(size: int) -> Callable[[Path], Path]:
    """A style sheet of empty cell formats, which openpyxl reads whole when it opens the file."""

    def build(path: Path) -> Path:
        styles = _fill(
            b"<styleSheet " + _MAIN + b"><cellXfs>", b"<xf/>", b"</cellXfs></styleSheet>", size
        )
        return _workbook(path, [_row(("vendor",)), _row(("A",))], styles=styles)

    return build


def _xlsx_cells(cells: int) -> Callable[[Path], Path]:
    """Rows of empty cells, 100 a row, as a sheet formatted far to the right holds them."""

    def build(path: Path) -> Path:
        empty = b"<row>" + b"<c/>" * 100 + b"</row>"
        return _workbook(path, [_row(("vendor",)), *[empty] * (cells // 100)])

    return build


def _json(
    size: int,
    item: bytes,
    prefix: bytes = b'{"vendors":[',
    suffix: bytes = b"]}",
    count: int | None = None,
) -> Callable[[Path], Path]:
    """``item`` repeated to fill ``size`` bytes (or ``count`` times) in a JSON list."""

    def build(path: Path) -> Path:
        if count is not None:
            path.write_bytes(prefix + b",".join([item] * count) + suffix)
            return path
        body = _fill(prefix, item + b",", b"", size - len(item) - len(suffix))
        path.write_bytes(body + item + suffix)
        return path

    return build


def _bad_certificates(size: int) -> Callable[[Path], Path]:
    """Vendors of 1,000 certificates, each with an unknown key: the converter's slow path."""

    def build(path: Path) -> Path:
        certificate = b'{"certification":"iso-9001","valid_from":"2024-01-01","x":1}'
        vendor = b'{"name":"V%d","certificates":[' + b",".join([certificate] * 1000) + b"]}"
        body = b",".join(vendor % i for i in range(size // len(vendor)))
        path.write_bytes(b'{"vendors":[' + body + b"]}")
        return path

    return build


def _json_vendors(count: int, certificates: int = 1) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        certificate = {"certification": "iso-9001", "valid_from": "2024-01-01"}
        vendors = [
            {
                "name": f"Vendor {i}",
                "certificates": [certificate] * certificates,
                "sites": [{"country": "FR", "agents": 10}],
            }
            for i in range(count)
        ]
        path.write_text(json.dumps({"vendors": vendors}, separators=(",", ":")), "utf-8")
        return path

    return build


def _toml_tables(size: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_bytes(_fill(b'version = "x"\n', b"[[certifications]]\n", b"", size))
        return path

    return build


def _toml_list(size: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_bytes(_fill(b"required = [", b"1,", b"]\n", size))
        return path

    return build


LIMIT = 16 * MIB
"""The default max_file_bytes, for the cases built just under it."""
SMALL = 2**20
"""The default max_criteria_bytes."""

_V, _C, _K = "vendors", "criteria", "catalog"
CASES = [
    Case(*fields)
    for fields in (
        # The bombs of the review, as they were built.
        ("xlsx-sites", "(a) one sites cell of 10,000,000 `FR:1;`", _V, ".xlsx",
         _xlsx_sites(10_000_000)),
        ("csv-names", "(b) 50 MB of short unique names", _V, ".csv", _csv_names(50 * 10**6)),
        ("csv-stray", "(c) a million rows with a stray cell", _V, ".csv", _csv_stray(1_000_000)),
        ("xlsx-strings", "(d) 31,000,000 shared strings", _V, ".xlsx",
         _xlsx_strings(31_000_000)),
        # The same bombs, built within the default size limit.
        ("xlsx-sites-16m", "(a) a sites cell of 3,300,000 `FR:1;`, 16 MiB unzipped", _V,
         ".xlsx", _xlsx_sites(3_300_000)),
        ("csv-names-16m", "(b) 16 MiB of short unique names", _V, ".csv",
         _csv_names(LIMIT - 64)),
        ("csv-stray-330k", "(c) 330,000 rows with a stray cell (990,001 cells)", _V, ".csv",
         _csv_stray(330_000)),
        ("xlsx-strings-16m", "(d) 3,300,000 shared strings, 16 MiB unzipped", _V, ".xlsx",
         _xlsx_strings(3_300_000)),
        # The worst within the default limits, by format.
        ("csv-100k", "100,000 vendors x 10 cells: at the vendor and cell limits", _V, ".csv",
         _csv_vendors(99_999)),
        ("csv-header", "a header of 999,999 repeated `vendor` columns", _V, ".csv",
         _csv_header(999_999)),
        ("csv-bad-330k", "330,000 rows, each with a bad date (990,003 cells)", _V, ".csv",
         _csv_bad_dates(330_000)),
        ("xlsx-shared", "65,000 vendors x 10 cells, shared strings, 16 MiB unzipped", _V,
         ".xlsx", _xlsx_shared(65_000)),
        ("xlsx-styles", "3,300,000 cell formats in the style sheet, 16 MiB unzipped", _V,
         ".xlsx", _xlsx_styles(LIMIT - 4096)),
        ("xlsx-styles-200k", "199,990 cell formats in the style sheet", _V, ".xlsx",
         _xlsx_styles(199_990 * 5 + 80)),
        ("xlsx-cells", "999,900 empty cells", _V, ".xlsx", _xlsx_cells(999_900)),
        ("xlsx-strings-1m", "1,000,000 shared strings", _V, ".xlsx", _xlsx_strings(1_000_000)),
        ("json-100k", "100,000 vendors, one certificate and one site each", _V, ".json",
         _json_vendors(100_000)),
        ("json-certs", "15 MiB of certificates, 1,000 a vendor", _V, ".json",
         _json_vendors(int(LIMIT * 0.95 / 57 / 1000), 1000)),
        ("json-bad-certs", "15 MiB of certificates, each with an unknown key", _V, ".json",
         _bad_certificates(int(LIMIT * 0.95))),
        ("json-lists", "16 MiB of empty lists", _V, ".json", _json(LIMIT, b"[]", b'{"x":[')),
        ("json-bad-100k", "100,000 vendors, each refused (a name that is a number)", _V,
         ".json", _json(LIMIT, b'{"name":1}', count=100_000)),
        ("json-criteria", "criteria: `required` of 520,000 numbers (1 MiB)", _C, ".json",
         _json(SMALL, b"1", b'{"required":[')),
        ("toml-criteria", "criteria: `required` of 520,000 numbers (1 MiB)", _C, ".toml",
         _toml_list(SMALL)),
        ("json-catalog", "catalogue: 350,000 empty certifications (1 MiB)", _K, ".json",
         _json(SMALL, b"{}", b'{"version":"x","certifications":[')),
        ("toml-catalog", "catalogue: 55,000 empty `[[certifications]]` (1 MiB)", _K, ".toml",
         _toml_tables(SMALL)),
    )
]  # fmt: skip


# Running ---------------------------------------------------------------------------------


def _child(kind: str, path: str) -> None:
    """Load ``path`` and print what happened, on one line."""
    from callcenter_certs import InputError, load_catalog  # noqa: PLC0415
    from callcenter_certs.loaders import load_criteria, load_vendors  # noqa: PLC0415

    loaders = {"vendors": load_vendors, "criteria": load_criteria, "catalog": load_catalog}
    try:
        loaded = loaders[kind](path)
    except InputError as error:
        shown = str(error.problems[0])
        more = f" (+{len(error.problems) - 1:,} lines)" if len(error.problems) > 1 else ""
        print(f"refused: {shown[:110]}{more}")
        return
    count = len(loaded) if isinstance(loaded, list) else 1
    print(f"loaded {count:,}")


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _measure(case: Case, path: Path) -> tuple[str, float, float, float]:
    """What the load said, its peak RSS in MiB, its wall time and its CPU time in seconds."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", case.kind, str(path)],
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_cap,  # noqa: PLW1509 - no threads yet
        )
        timer = threading.Timer(TIMEOUT, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest
        seconds = time.perf_counter() - start
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = out.read().decode(errors="replace").strip().splitlines() or ["(nothing)"]
    said = lines[-1] if child.returncode == 0 else f"failed ({child.returncode}): {lines[-1]}"
    cpu = usage.ru_utime + usage.ru_stime
    return said[:160], usage.ru_maxrss / 1024, seconds, cpu


def _unzipped(path: Path) -> str:
    if path.suffix != ".xlsx":
        return ""
    with zipfile.ZipFile(path) as archive:
        return f"{sum(i.file_size for i in archive.infolist()) / MIB:,.1f} MiB"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="names of cases (default: all)")
    parser.add_argument("--list", action="store_true", help="list the cases")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return
    if args.list:
        for case in CASES:
            print(f"{case.name:18} {case.what}")
        return
    chosen = [c for c in CASES if not args.cases or c.name in args.cases]
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print()
    print(
        "| case | file | unzipped | what the load did | peak RSS MiB | wall s | CPU s | load avg |"
    )
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="bombs-") as work:
        for case in chosen:
            path = case.build(Path(work) / f"{case.name}{case.suffix}")
            load = os.getloadavg()[0]
            said, rss, seconds, cpu = _measure(case, path)
            size = path.stat().st_size
            print(
                f"| `{case.name}`: {case.what} | {size / MIB:,.2f} MiB | {_unzipped(path)} "
                f"| {said.replace('|', '/')} | {rss:,.0f} | {seconds:,.1f} | {cpu:,.1f} "
                f"| {load:.2f} |",
                flush=True,
            )
            path.unlink()
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
