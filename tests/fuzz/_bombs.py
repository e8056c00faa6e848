"""Inputs for the issue 16 cases: bombs in small, floods of problems, look-alike names.

A bomb in small is a file whose counts (vendors, a vendor's certificates, a cell's
sites, cells, shared strings) sit around limits drawn small, so that each example
is quick and lands on either side of each limit. The shapes say what they hold, so
that a test knows which limits a file passes.
"""

from __future__ import annotations

import string
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

from callcenter_certs import CATALOG, Certification, Limits, converter


@attrs.frozen
class Shape:
    """A vendor file in the spreadsheet layout, and the counts the limits bound."""

    rows: list[list[str]]
    """The header first; every cell a string, as a CSV file or a workbook of text holds it."""
    vendors: int
    most_certificates: int
    """The most certificates of one vendor."""
    most_sites: int
    """The most sites of one cell (the ``sites`` or ``sites_covered`` column)."""
    cells: int
    """Cells as the loader counts them: a row its cells, an empty row one."""
    strings: int
    """Distinct texts: the shared strings of the workbook written from the rows."""


def _cells(rows: list[list[str]]) -> int:
    return sum(len(row) or 1 for row in rows)


@st.composite
def small_limits(draw: st.DrawFn) -> Limits:
    """Limits drawn from 0 to 6, the size and nesting left as they are."""
    small = st.integers(0, 6)
    return Limits(
        max_vendors=draw(small),
        max_certificates_per_vendor=draw(small),
        max_sites_per_vendor=draw(small),
        max_cells=draw(st.integers(0, 60)),
        max_shared_strings=draw(st.integers(0, 30)),
    )


@st.composite
def shapes(draw: st.DrawFn) -> Shape:
    """A valid spreadsheet of 0 to 5 vendors, each with 0 to 4 certificates and 0 to 6 sites,
    now and then an empty row or a sites cell repeated on each of a vendor's rows."""
    named = draw(st.booleans())
    header = ["vendor", "certification", "valid_from", "sites"]
    rows: list[list[str]] = [header]
    most_certificates = most_sites = 0
    count = draw(st.integers(0, 5))
    for number in range(count):
        name = f"Vendor {number}"
        sites = draw(st.integers(0, 6))
        most_sites = max(most_sites, sites)
        cell = ";".join(
            f"FR:{agents}:S{index}" if named else f"FR:{agents}"
            for index, agents in enumerate(range(1, sites + 1))
        )
        certificates = draw(st.integers(0, 4))
        most_certificates = max(most_certificates, certificates)
        repeat = draw(st.booleans())
        if not certificates:
            rows.append([name, "", "", cell])
        rows.extend(
            [name, "iso-9001", f"2024-01-{index + 1:02}", cell if repeat or not index else ""]
            for index in range(certificates)
        )
        if draw(st.integers(0, 4)) == 0:
            rows.append([])
    strings = len({cell for row in rows for cell in row if cell})
    return Shape(rows, count, most_certificates, most_sites, _cells(rows), strings)


def over(shape: Shape, limits: Limits, *, workbook: bool = False) -> set[str]:
    """The limits ``shape`` passes: the names of the ``Limits`` fields it goes over."""
    passed = {
        "max_vendors": shape.vendors > limits.max_vendors,
        "max_certificates_per_vendor": shape.most_certificates > limits.max_certificates_per_vendor,
        "max_sites_per_vendor": shape.most_sites > limits.max_sites_per_vendor,
        "max_cells": shape.cells > limits.max_cells,
        "max_shared_strings": workbook and shape.strings > limits.max_shared_strings,
    }
    return {name for name, is_over in passed.items() if is_over}


def json_document(shape: Shape) -> dict[str, Any]:
    """The vendors of ``shape`` in the JSON layout."""
    vendors: dict[str, dict[str, Any]] = {}
    for row in shape.rows[1:]:
        if not row:
            continue
        name, certification, valid_from, sites = row
        vendor = vendors.setdefault(name, {"name": name, "certificates": []})
        if sites:
            vendor["sites"] = [
                {"country": "FR", "agents": int(part.split(":")[1])} for part in sites.split(";")
            ]
        if certification:
            vendor["certificates"].append(
                {"certification": certification, "valid_from": valid_from}
            )
    return {"vendors": list(vendors.values())}


# Workbooks written by hand ----------------------------------------------------------------

_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_RELATIONSHIPS}"><Relationship Id="rId1" '
        f'Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook {_MAIN} xmlns:r="{_OFFICE}">'
        '<sheets><sheet name="vendors" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_RELATIONSHIPS}"><Relationship Id="rId1" '
        f'Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def write_workbook(path: Path, rows: list[list[str]]) -> Path:
    """``rows`` as a workbook whose texts are shared strings, as Excel writes them.

    By hand: openpyxl writes inline strings, and this is about the shared ones. An
    empty cell is left out, as Excel leaves it out.
    """
    strings: dict[str, int] = {}
    sheet = []
    for row in rows:
        cells = "".join(
            f'<c t="s"><v>{strings.setdefault(cell, len(strings))}</v></c>' if cell else "<c/>"
            for cell in row
        )
        sheet.append(f"<row>{cells}</row>")
    table = "".join(f"<si><t>{_escaped(text)}</t></si>" for text in strings)
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/sharedStrings.xml", f"<sst {_MAIN}>{table}</sst>")
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {_MAIN}><sheetData>{''.join(sheet)}</sheetData></worksheet>",
        )
    return path


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Look-alike names -------------------------------------------------------------------------

INVISIBLE = ("\u200b", "\u00ad", "\u200d", "\ufeff", "\u2060")
"""Zero-width space, soft hyphen, zero-width joiner, a BOM inside, word joiner."""
SPACES = ("\u00a0", "\u202f", "  ", "\u2009")
CONTROLS = ("\x00", "\x07", "\x1b", "\x7f", "\x85", "\n", "\t", "\r", "\u2028")


@st.composite
def look_alikes(draw: st.DrawFn) -> tuple[str, str]:
    """A name and another spelling of it, equal but for case, accents, spaces or invisibles."""
    base = draw(st.sampled_from(["Océane Contact", "Atlantique Appels", "Élan Services"]))
    how = draw(st.sampled_from(["case", "accents", "nfd", "invisible", "space"]))
    if how == "case":
        other = base.upper() if draw(st.booleans()) else base.swapcase()
    elif how == "accents":
        other = "".join(
            c for c in unicodedata.normalize("NFD", base) if not unicodedata.combining(c)
        )
    elif how == "nfd":
        other = unicodedata.normalize("NFD", base)
    elif how == "invisible":
        at = draw(st.integers(1, len(base) - 1))
        other = base[:at] + draw(st.sampled_from(INVISIBLE)) + base[at:]
    else:
        other = base.replace(" ", draw(st.sampled_from(SPACES)))
    return base, other if other != base else base.upper()  # no accent to take off


@st.composite
def controlled_names(draw: st.DrawFn) -> str:
    """A name holding a control character, a line break or a tab somewhere inside."""
    base = draw(st.text(string.ascii_letters, min_size=2, max_size=8))
    at = draw(st.integers(1, len(base) - 1))
    return base[:at] + draw(st.sampled_from(CONTROLS)) + base[at:]


# Supersession chains ------------------------------------------------------------------------


@st.composite
def supersession_chains(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """A catalogue whose entries supersede one another in a chain, maybe closed into a cycle.

    Returns the document and whether it has a cycle.
    """
    length = draw(st.integers(1, 120))
    cycle = length > 1 and draw(st.booleans())
    template = converter.unstructure(CATALOG["nf-en-15838"], Certification)
    entries = []
    for index in range(length):
        entry = {**template, "id": f"chain-{index}", "equivalents": [], "superseded_by": None}
        entry["aliases"] = []  # copies of one entry: their names would clash
        entry.update(notes=[], sources=[])
        if index + 1 < length:
            entry["superseded_by"] = f"chain-{index + 1}"
        elif cycle:
            entry["superseded_by"] = "chain-0"
        entries.append({k: v for k, v in entry.items() if v is not None})
    return {"version": "chain", "certifications": entries}, cycle
