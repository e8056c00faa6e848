"""Excel workbooks (``.xlsx``): the rows of one sheet, read with the optional openpyxl.

openpyxl is imported only here, when a workbook is read, so that the library runs
without it and ``import callcenter_certs`` stays fast.
"""

from __future__ import annotations

import importlib
import io
import warnings
from pathlib import Path
from typing import Any

from .errors import InputError
from .files import DEFAULT_LIMITS, Limits, read_bytes

__all__ = ["SHEET", "workbook_rows"]


def __dir__() -> list[str]:
    return __all__


SHEET = "vendors"
"""The sheet read when the workbook has one of that name (any case); else the first."""

_MAX_REASON = 200
_INSTALL = (
    "reading .xlsx files needs openpyxl: install the excel extra: "
    "pip install 'callcenter-certs[excel]'"
)


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise InputError(_INSTALL) from None


def workbook_rows(
    path: Path, *, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, list[tuple[int, tuple[object, ...]]]]:
    """The name of the sheet read and its rows, numbered as the spreadsheet shows them.

    Cells are as openpyxl gives them: text, numbers, bools, datetimes (for dates),
    or ``None``; formulas give their last computed value.

    Raises:
        InputError: openpyxl is not installed, the file cannot be read, or it is not a
            workbook (a corrupt file fails in many ways inside openpyxl: every one of
            them ends here).
    """
    openpyxl = _openpyxl()
    data = read_bytes(path, limits=limits)
    try:
        # openpyxl warns about styles and extensions it ignores; they do not matter here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = list(workbook.worksheets)
                if not sheets:
                    raise InputError("the workbook has no worksheet")
                named = [s for s in sheets if str(s.title).strip().casefold() == SHEET]
                sheet = (named or sheets)[0]
                # A writer may record wrong dimensions; without them openpyxl reads every row.
                sheet.reset_dimensions()
                rows = [
                    (number, tuple(cells))
                    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
                ]
                return str(sheet.title), rows
            finally:
                workbook.close()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile, XML and openpyxl errors alike mean "corrupt"
        reason = f"{type(exc).__name__}: {exc}"[:_MAX_REASON]
        message = f"cannot be read as an .xlsx workbook ({reason})"
        raise InputError(message) from None
