"""CSV vendor files (``.csv``): one row per certificate, comma or semicolon separated.

The layout itself, and the reading of rows into vendors, is the spreadsheet
layout's (``_sheet``): a workbook shares it. Written with a byte-order mark, so that
Excel reads accents right, and cells escaped so that a spreadsheet does not run them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from callcenter_certs._checks import Checks
from callcenter_certs._sheet import (
    COLUMNS,
    EMPTY,
    FIGURE,
    RECORD_COLUMNS,
    assemble,
    number_text,
    sheet_vendors,
)
from callcenter_certs._text import describe
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.errors import InputError, Problem, _PathPart
from callcenter_certs.files import Limits, _read_text
from callcenter_certs.tables import _CsvWriter, _spreadsheet_safe
from callcenter_certs.vendors import HeldCertificate, Site, Vendor

__all__ = ["read_vendors", "write_vendors"]


def __dir__() -> list[str]:
    return __all__


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Numbered rows of a CSV text whose delimiter, ``,`` or ``;``, the header line shows.

    French Excel writes ``;``: its decimal separator is the comma.

    Raises:
        InputError: the file is empty, or is not valid CSV.
    """
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        raise InputError(f"empty file: {EMPTY}")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    # strict: a quote left open would otherwise take every following row into one cell,
    # and those vendors would be lost without a word.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield number, row
    except csv.Error as exc:
        raise InputError.at((f"row {number + 1}",), f"invalid CSV ({exc})") from None


def _cell(text: str, path: tuple[_PathPart, ...], problems: list[Problem]) -> str:
    """``text`` safe to open in a spreadsheet, as ``_table`` reads it back."""
    escaped = "'" + text if text.startswith("'") else _spreadsheet_safe(text)
    if escaped.strip() != escaped:
        message = (
            f"{describe(text)} starts or ends with a space or line break, which a CSV "
            "file does not keep; remove it, or write JSON"
        )
        problems.append(Problem(path, message))
    return escaped


def _figure(value: float | None) -> str:
    return "" if value is None else _spreadsheet_safe(number_text(value))  # '-5: not a formula


_RECORD_FIELDS = ("sites", "accreditation_body", "last_audit", "level", "score")
"""The certificate's field in each of `RECORD_COLUMNS`."""


def _site(site: Site) -> str:
    cell = f"{site.country}:{site.agents}"
    return cell if site.name is None else f"{cell}:{site.name}"


def _record(
    certificate: HeldCertificate,
    column: str,
    where: tuple[_PathPart, ...],
    problems: list[Problem],
) -> str:
    """The cell of one of `RECORD_COLUMNS` for ``certificate``."""
    value = getattr(certificate, _RECORD_FIELDS[RECORD_COLUMNS.index(column)])
    if value is None:
        return ""
    if isinstance(value, tuple):
        return _cell(";".join(value), (*where, "sites"), problems)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return _figure(value)
    return _cell(value, (*where, column), problems)


def _write_csv(vendors: Sequence[Vendor]) -> str:
    """The CSV text of ``vendors``: one row per certificate, sites on each row.

    A column ``figure:NAME`` per figure any vendor has, by name; the value on the
    vendor's first row only.

    Raises:
        InputError: text that the CSV layout would not read back the same (a space at
            either end, names equal but for case): the CSV file would be wrong.
    """
    out = io.StringIO()
    writer = _CsvWriter(out)
    figures = sorted({name for vendor in vendors for name in vendor.figures})
    records = [
        column
        for column, field in zip(RECORD_COLUMNS, _RECORD_FIELDS, strict=True)
        if any(getattr(c, field) is not None for v in vendors for c in v.certificates)
    ]
    writer.writerow([*COLUMNS, *records, *(FIGURE + name for name in figures)])
    problems: list[Problem] = []
    folded: dict[str, int] = {}
    for index, vendor in enumerate(vendors):
        path: tuple[_PathPart, ...] = ("vendors", index)
        other = folded.setdefault(_name_key(vendor.name), index)
        if other != index and vendors[other].name != vendor.name:  # equal: the caller's job
            message = (
                f"{vendor.name!r} and vendors[{other}]'s name differ only in case, accents, "
                "spaces or invisible characters, which the CSV layout reads as a typing mistake"
            )
            problems.append(Problem((*path, "name"), message))
        name = _cell(vendor.name, (*path, "name"), problems)
        sites = ";".join(_site(site) for site in vendor.sites or ())
        values = [_figure(vendor.figures.get(name)) for name in figures]
        if not vendor.certificates:
            writer.writerow(
                [name, "", "", "", "", "", "", "", sites, *[""] * len(records), *values]
            )
        for number, certificate in enumerate(vendor.certificates):
            where: tuple[_PathPart, ...] = (*path, "certificates", number)
            accredited = certificate.accredited
            writer.writerow(
                [
                    name,
                    _cell(certificate.certification, (*where, "certification"), problems),
                    certificate.valid_from.isoformat(),
                    certificate.valid_until.isoformat() if certificate.valid_until else "",
                    _cell(
                        certificate.certificate_number or "",
                        (*where, "certificate_number"),
                        problems,
                    ),
                    _cell(certificate.certifying_body or "", (*where, "certifying_body"), problems),
                    "" if accredited is None else str(accredited).lower(),
                    certificate.status.value,
                    sites,
                    *(_record(certificate, column, where, problems) for column in records),
                    *(values if number == 0 else [""] * len(values)),
                ]
            )
    if problems:
        raise InputError(problems)
    return out.getvalue()


def read_vendors(path: Path, checks: Checks, limits: Limits) -> list[Vendor]:
    """The vendors of a CSV file (see [`load_vendors`][callcenter_certs.load_vendors])."""
    rows = _csv_rows(_read_text(path, limits=limits))
    return sheet_vendors(assemble(rows, empty="empty file", limits=limits), checks)


def write_vendors(vendors: Sequence[Vendor]) -> bytes:
    """The file's bytes: UTF-8 with a byte-order mark, as Excel opens it."""
    return _write_csv(vendors).encode("utf-8-sig")
