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
    EMPTY,
    Cells,
    assemble,
    number_text,
    sheet_vendors,
    vendor_rows,
)
from callcenter_certs.errors import InputError
from callcenter_certs.files import Limits, _read_text
from callcenter_certs.tables import _CsvWriter, _spreadsheet_safe
from callcenter_certs.vendors import Vendor

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
        if "field larger than field limit" in str(exc):
            limit = csv.field_size_limit()
            message = (
                f"a cell of more than {limit:,} characters, the most the CSV reader takes "
                "(Python's csv module): a quote left open, or a cell to split (or this "
                "vendor to write in a JSON file)"
            )
            raise InputError.at((f"row {number + 1}",), message) from None
        raise InputError.at((f"row {number + 1}",), f"invalid CSV ({exc})") from None


def _figure(value: float) -> str:
    return _spreadsheet_safe(number_text(value))  # '-5: not a formula


_CELLS = Cells(
    text=lambda text: text,
    date=dt.date.isoformat,
    number=_figure,
    flag=lambda flag: str(flag).lower(),
    empty="",
)
"""Every cell of a CSV file is text, escaped where a spreadsheet would run it."""


def _write_csv(vendors: Sequence[Vendor]) -> str:
    """The CSV text of ``vendors``: the rows of `vendor_rows`, one line each.

    Raises:
        InputError: text that the CSV layout would not read back the same (a space at
            either end, names equal but for case): the CSV file would be wrong.
    """
    out = io.StringIO()
    writer = _CsvWriter(out)
    for row in vendor_rows(vendors, _CELLS):
        writer.writerow([str(cell) for cell in row])
    return out.getvalue()


_QUOTE_SITES = (
    "; in a file separated by ';', a sites cell holding several sites is quoted: \"FR:120;MA:80\""
)


def read_vendors(path: Path, checks: Checks, limits: Limits) -> list[Vendor]:
    """The vendors of a CSV file (see [`load_vendors`][callcenter_certs.load_vendors])."""
    text = _read_text(path, limits=limits)
    rows = _csv_rows(text)
    first = next((line for line in text.splitlines() if line.strip()), "")
    hint = _QUOTE_SITES if first.count(";") > first.count(",") else ""
    assembled = assemble(
        rows, empty="empty file", resolve=checks.catalog.resolve, extra_hint=hint, limits=limits
    )
    return sheet_vendors(assembled, checks)


def write_vendors(vendors: Sequence[Vendor]) -> bytes:
    """The file's bytes: UTF-8 with a byte-order mark, as Excel opens it."""
    return _write_csv(vendors).encode("utf-8-sig")
