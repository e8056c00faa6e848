"""Excel workbooks (``.xlsx``), with the optional openpyxl: vendors in and out, rankings out.

openpyxl is imported only here, when a workbook is read or written, so that the
library runs without it and ``import callcenter_certs`` stays fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callcenter_certs._checks import Checks, beyond
from callcenter_certs._sheet import (
    CellError,
    Cells,
    _blank,
    _text,
    assemble,
    is_header,
    sheet_vendors,
    vendor_rows,
)
from callcenter_certs._text import describe
from callcenter_certs._workbook import MAX_CELL, MAX_ROWS  # Excel's limits, once
from callcenter_certs.errors import InputError
from callcenter_certs.files import _DEFAULT_LIMITS, Limits, _read_bytes, _to_accept
from callcenter_certs.vendors import Vendor

if TYPE_CHECKING:
    from callcenter_certs.ranking import Ranking

__all__ = ["READS_SHEETS", "read_vendors", "write_ranking", "write_vendors"]


def __dir__() -> list[str]:
    return __all__


READS_SHEETS = True
"""``read_vendors`` takes ``sheet=``: the loaders pass it only to a format that says so."""

_SHEETS = ("vendors", "fournisseurs")
"""The sheet read when the workbook has one of these names (any case); else the first
sheet whose first row is a header."""
_FIRST_CELLS = 6
"""Cells of a sheet's first row shown when no sheet can be read."""

_MAX_REASON = 200
_INSTALL = (
    "{action} .xlsx files needs openpyxl: install the excel extra: "
    "pip install 'callcenter-certs[excel]'"
)


def _openpyxl(action: str = "reading") -> Any:
    """openpyxl; missing, an `InputError` giving the pip command."""
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise InputError(_INSTALL.format(action=action)) from None


_MAX_COLUMNS = 16_384
"""Excel's own limit on columns (A to XFD)."""

_Rows = Iterator[tuple[int, tuple[object, ...]]]


def _unreadable(exc: Exception, *, after: int = 0) -> InputError:
    reason = f"{type(exc).__name__}: {exc}"[:_MAX_REASON]
    reason = " ".join(reason.split())  # one line, whatever the XML parser said
    path = (f"after row {after}",) if after else ()
    return InputError.at(path, f"cannot be read as an .xlsx workbook ({reason})")


_MAX_ELEMENTS = 200_000
"""XML elements in a part of a workbook that openpyxl reads whole when it opens the file
(the styles, the workbook's own part, the document's properties): Excel writes a few
thousand; each costs openpyxl about 15 µs and 600 bytes."""


def _check_unzipped(data: bytes, limits: Limits) -> None:
    """Refuse a workbook whose content unzips past ``limits.max_file_bytes``.

    A workbook is a zip of XML, which compresses a thousandfold: the size of the
    file alone would let a few megabytes fill the memory. A part that openpyxl reads
    whole, all but the sheets (read one row at a time) and the shared strings
    (counted as they are read), is refused past `_MAX_ELEMENTS` elements.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            unzipped = sum(info.file_size for info in infos)
            overfull = unzipped <= limits.max_file_bytes and next(
                (
                    info.filename
                    for info in infos
                    if _read_whole(info.filename) and _elements(archive, info) > _MAX_ELEMENTS
                ),
                None,
            )
    except Exception as exc:  # noqa: BLE001 - a corrupt zip fails in many ways
        raise _unreadable(exc) from None
    if unzipped > limits.max_file_bytes:
        message = (
            f"the workbook unzips to {unzipped:,} bytes, over the limit of "
            f"{limits.max_file_bytes:,} ({_to_accept('max_file_bytes')})"
        )
        raise InputError(message)
    if overfull:
        message = (
            f"holds more than {_MAX_ELEMENTS:,} XML elements, far more than Excel writes "
            "there: a damaged or forged workbook"
        )
        raise InputError.at((overfull,), message)


def _read_whole(name: str) -> bool:
    """Whether openpyxl reads this part of a workbook whole when it opens it."""
    folded = name.casefold()
    return not (folded.startswith("xl/worksheets/") or folded.endswith("sharedstrings.xml"))


def _elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """About how many XML elements a part holds, at most: its ``<`` less its ``</``."""
    opened = closed = 0
    with archive.open(info) as part:
        while chunk := part.read(2**20):
            opened += chunk.count(b"<")
            closed += chunk.count(b"</")
    return opened - closed


class _TooManyStringsError(Exception):
    """The table of shared strings passed its limit (not a ValueError: openpyxl rewraps those)."""

    def __init__(self, part: str, limit: int) -> None:
        super().__init__(part)
        self.error = InputError.at(
            (part,),
            beyond(f"shared string {limit + 1:,}", limit, "shared strings", "max_shared_strings"),
        )


def _string_table(source: Any, part: str, limit: int) -> list[Any]:
    """The shared strings of a workbook, read as openpyxl reads them, counted on the way.

    openpyxl reads the whole table when it opens a workbook, before any cell: a 1 MB
    file can hold 30 million empty strings. Each entry is counted as it is parsed, and
    the table is refused at the first one past ``limit``. An element of the table
    that is not a string is counted too, and dropped once read, so that neither
    strings nor anything else piles up.
    """
    text = importlib.import_module("openpyxl.cell.text").Text
    iterparse = importlib.import_module("openpyxl.xml.functions").iterparse
    main = importlib.import_module("openpyxl.xml.constants").SHEET_MAIN_NS
    tag, plain = f"{{{main}}}si", f"{{{main}}}t"
    strings: list[Any] = []
    depth, count, root = 0, 0, None
    for event, node in iterparse(source, events=("start", "end")):
        if event == "start":
            depth += 1
            root = node if root is None else root
            continue
        depth -= 1
        if depth != 1:
            continue
        count += 1
        if count > limit:
            raise _TooManyStringsError(part, limit)
        if node.tag == tag:
            strings.append(_content(node, plain, text).replace("x005F_", ""))
        if root is not None:
            root.clear()  # the entries read so far: what openpyxl's own reader keeps
    return strings


def _content(node: Any, plain: str, text: Any) -> str:
    """The text of a shared string, as openpyxl's ``Text.from_tree(node).content``.

    Most entries are empty or one plain ``<t>``: read directly, five times as fast;
    rich text (runs of formatted text) goes through openpyxl.
    """
    if len(node) == 0:
        return ""
    if len(node) == 1 and node[0].tag == plain:
        return node[0].text or ""
    return str(text.from_tree(node).content)


def _read_strings(reader: Any, limit: int) -> None:
    """`ExcelReader.read_strings`, counting the strings (see `_string_table`)."""
    kind = importlib.import_module("openpyxl.xml.constants").SHARED_STRINGS
    found = reader.package.find(kind)
    if found is not None:
        part = found.PartName[1:]
        with reader.archive.open(part) as source:
            reader.shared_strings = _string_table(source, part, limit)


def _open_workbook(openpyxl: Any, data: bytes, limits: Limits) -> Any:
    """The workbook, read-only, its shared strings counted as they are read.

    Through openpyxl's reader, whose ``read_strings`` is replaced for this one
    workbook; where this openpyxl has no such reader, its ``load_workbook``, after
    the strings are counted in a pass of their own.
    """
    try:
        reader = importlib.import_module("openpyxl.reader.excel").ExcelReader(
            io.BytesIO(data), read_only=True, data_only=True
        )
        reader.read_strings  # noqa: B018 - present in this openpyxl?
    except (ImportError, AttributeError, TypeError):
        _count_strings(data, limits.max_shared_strings)
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    reader.read_strings = functools.partial(_read_strings, reader, limits.max_shared_strings)
    reader.read()
    return reader.wb


def _count_strings(data: bytes, limit: int) -> None:
    """Count the shared strings of every part named like a table of them."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.casefold().endswith("sharedstrings.xml"):
                with archive.open(name) as source:
                    _string_table(source, name, limit)


def _damaged(row: int, what: str) -> InputError:
    return InputError.at((f"row {row}",), f"{what}, which Excel does not write: a damaged workbook")


def _parsed(workbook: Any, sheet: Any) -> Iterator[tuple[int, list[dict[str, Any]]]] | None:
    """The rows of the sheet's XML as openpyxl's parser reads them, with their numbers.

    openpyxl's own rows skip a row whose number comes again or goes back, and keep the
    last of two cells at one place: a forged or broken workbook would lose them without
    a word. Its parser tells where each row and cell says it is, so that they can be
    checked. The parser is not public: ``None`` where this openpyxl differs, and the
    rows are then read as openpyxl gives them.
    """
    try:
        reader = importlib.import_module("openpyxl.worksheet._reader")
        source = sheet._get_source()  # noqa: SLF001 - see above
    except (ImportError, AttributeError):
        return None
    try:
        parser = reader.WorkSheetParser(
            source,
            sheet._shared_strings,  # noqa: SLF001 - as ReadOnlyWorksheet passes them
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,  # noqa: SLF001
            timedelta_formats=workbook._timedelta_formats,  # noqa: SLF001
        )
    except (AttributeError, TypeError):
        source.close()
        return None

    def rows() -> Iterator[tuple[int, list[dict[str, Any]]]]:
        try:
            yield from parser.parse()
        finally:
            source.close()

    return rows()


def _checked(parsed: Iterator[tuple[int, list[dict[str, Any]]]]) -> _Rows:
    """Rows numbered as the XML numbers them, refusing what openpyxl would drop."""
    previous = 0
    for number, cells in parsed:
        if number <= previous:
            raise _damaged(number, f"numbered {number} after row {previous}")
        if number > MAX_ROWS:
            raise _damaged(number, f"a row numbered past {MAX_ROWS:,}")
        for empty in range(previous + 1, number):
            yield empty, ()
        previous = number
        row: list[object] = []
        for cell in cells:
            column = cell["column"]
            if cell["row"] != number or column <= len(row):
                raise _damaged(number, "a cell out of place or given twice")
            if column > _MAX_COLUMNS:
                raise _damaged(number, f"a cell past column {_MAX_COLUMNS:,}")
            row.extend([None] * (column - len(row) - 1))
            if cell.get("data_type") == "e":  # #N/A, #REF!...: a formula that failed
                row.append(CellError(str(cell["value"])))
            else:
                row.append(cell["value"])
        yield number, tuple(row)


_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
    | {"#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)
"""Excel's error values, for the rows openpyxl gives without their cells' types."""


def _plain(sheet: Any) -> _Rows:
    """Rows as openpyxl gives them, when its parser is not there to check them."""
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise _damaged(number, f"a row numbered past {MAX_ROWS:,}")
        if len(cells) > _MAX_COLUMNS:
            raise _damaged(number, f"a cell past column {_MAX_COLUMNS:,}")
        yield (
            number,
            tuple(CellError(c) if isinstance(c, str) and c in _ERRORS else c for c in cells),
        )


def _rows(workbook: Any, sheet: Any) -> _Rows:
    """The sheet's rows, numbered; a read failure midway is an `InputError`."""
    try:
        parsed = _parsed(workbook, sheet)
    except Exception as exc:  # noqa: BLE001 - a sheet missing from the zip, and the like
        raise _unreadable(exc) from None
    rows = _plain(sheet) if parsed is None else _checked(parsed)
    number = 0
    while True:
        try:
            row = next(rows, None)
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - XML and openpyxl errors alike mean "corrupt"
            raise _unreadable(exc, after=number) from None
        if row is None:
            return
        number = row[0]
        yield row


@contextlib.contextmanager
def _workbook_rows(
    path: Path, *, limits: Limits = _DEFAULT_LIMITS, sheet: str | None = None
) -> Iterator[tuple[str, _Rows]]:
    """The name of the sheet read and its rows, numbered as the spreadsheet shows them.

    Rows are read one at a time while the workbook is open, so that a sheet of a
    million rows is never held whole. Cells are as openpyxl gives them: text,
    numbers, bools, datetimes (for dates), or ``None``; formulas give their last
    computed value.

    Raises:
        InputError: openpyxl is not installed, the file cannot be read, it is not a
            workbook (a corrupt file fails in many ways inside openpyxl: every one of
            them ends here), or it is over the limits.
    """
    openpyxl = _openpyxl()
    data = _read_bytes(path, limits=limits)
    _check_unzipped(data, limits)
    # openpyxl warns about styles, extensions and out-of-range dates (which it reads as
    # errors); none of them matters here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = _open_workbook(openpyxl, data, limits)
        except _TooManyStringsError as exc:
            raise exc.error from None
        except Exception as exc:  # noqa: BLE001 - zipfile, XML and openpyxl errors alike
            raise _unreadable(exc) from None
        try:
            sheet_ = _chosen_sheet(workbook, sheet)
            yield str(sheet_.title), _rows(workbook, sheet_)
        finally:
            workbook.close()


def _first_row(workbook: Any, sheet: Any) -> tuple[object, ...] | None:
    """The first non-empty row of a sheet, or ``None`` when it has none (or is damaged)."""
    try:
        for _, cells in _rows(workbook, sheet):
            if not all(map(_blank, cells)):
                return cells
    except InputError:  # its rows are read, and reported, only if it is the one chosen
        return None
    return None


def _sheet_list(workbook: Any, sheets: list[Any]) -> str:
    """Each sheet's name and first row, for a message."""
    listed = []
    for sheet in sheets:
        first = _first_row(workbook, sheet)
        cells = [_text(cell) for cell in first or ()][:_FIRST_CELLS]
        row = ", ".join(describe(cell) for cell in cells if cell) or "empty"
        if first is not None and len(first) > _FIRST_CELLS:
            row += ", ..."
        listed.append(f"{str(sheet.title)!r} ({row})")
    return "; ".join(listed)


def _named_sheet(workbook: Any, sheets: list[Any], name: str) -> Any:
    """The sheet of that name (exactly, else ignoring case and spaces at either end)."""
    titles = {str(sheet.title): sheet for sheet in sheets}
    folded = name.strip().casefold()
    found = titles.get(name) or next(
        (sheet for title, sheet in titles.items() if title.strip().casefold() == folded), None
    )
    if found is None:
        message = f"no sheet named {name!r}; its sheets: {_sheet_list(workbook, sheets)}"
        raise InputError(message)
    return found


def _chosen_sheet(workbook: Any, name: str | None) -> Any:
    """The sheet to read: ``name``, or the one `_SHEETS` and the headers point at.

    Raises:
        InputError: no such sheet, or none usable, listing the sheets and their first rows.
    """
    try:
        sheets = list(workbook.worksheets)
        for sheet in sheets:
            # A writer may record wrong dimensions; without them openpyxl reads every row.
            sheet.reset_dimensions()
    except Exception as exc:  # noqa: BLE001 - a corrupt workbook fails in many ways
        raise _unreadable(exc) from None
    if not sheets:
        raise InputError("the workbook has no worksheet")
    if name is not None:
        return _named_sheet(workbook, sheets, name)
    for sheet in sheets:
        if str(sheet.title).strip().casefold() in _SHEETS:
            return sheet
    for sheet in sheets:
        first = _first_row(workbook, sheet)
        if first is not None and is_header(first):
            return sheet
    if len(sheets) == 1:
        return sheets[0]  # its own problems say what is wrong with its header
    message = (
        "no sheet holds vendors: none is named 'vendors' or 'fournisseurs', and none starts "
        "with a header row naming a 'vendor' column and known columns; its sheets: "
        f"{_sheet_list(workbook, sheets)}; name the sheet to read (sheet=..., --sheet NAME)"
    )
    raise InputError(message)


def read_vendors(
    path: Path, checks: Checks, limits: Limits, *, sheet: str | None = None
) -> list[Vendor]:
    """The vendors of a workbook's sheet (see [`load_vendors`][callcenter_certs.load_vendors]).

    Every problem names the sheet: ``sheet 'vendors', row 5, column valid_from``.
    """
    with _workbook_rows(path, limits=limits, sheet=sheet) as (title, rows):
        try:
            assembled = assemble(rows, empty="empty", resolve=checks.catalog.resolve, limits=limits)
            return sheet_vendors(assembled, checks, (f"sheet {title!r}",))
        except InputError as error:
            raise error.prefixed((f"sheet {title!r}",)) from error


# Writing ------------------------------------------------------------------------------

_FIRST_DAY = dt.date(1900, 3, 1)
"""Excel's calendar is right from this day on (it counts a 29 February 1900): an earlier
date is written as ISO text, which the readers take as well."""


def _day(day: dt.date) -> object:
    return day if day >= _FIRST_DAY else day.isoformat()


_WORKBOOK_CELLS = Cells(
    text=lambda text: text,
    date=_day,
    number=float,
    flag=bool,
    empty=None,
    file="a workbook",
    layout="the workbook layout",
    max_text=MAX_CELL,
)
"""A workbook's cells are typed: dates, numbers and booleans as such; text escaped as in CSV."""


def write_vendors(vendors: Sequence[Vendor]) -> bytes:
    """The workbook of ``vendors``: the CSV layout on a sheet ``vendors``, cells typed.

    Dates are date cells, figures and scores numbers, ``accredited`` a boolean; text
    is escaped as in CSV, so that `read_vendors` reads it back equal.

    Raises:
        InputError: openpyxl is not installed, or text the layout would not read back
            the same (a space at either end, names equal but for case).
    """
    from callcenter_certs._workbook import Sheet, save  # noqa: PLC0415 - with openpyxl

    rows = vendor_rows(vendors, _WORKBOOK_CELLS)
    openpyxl = _openpyxl("writing")
    header = [str(title) for title in rows[0]]
    return save(openpyxl, [Sheet("vendors", header, rows[1:])])


def write_ranking(ranking: Ranking, *, lang: str = "en") -> bytes:
    """The workbook of a ranking: sheets *ranking*, *breakdown*, *warnings* and *criteria*.

    See *For the committee* in the user guide for the columns.

    Raises:
        InputError: openpyxl is not installed, or ``lang`` is not a language of the output.
    """
    from callcenter_certs._workbook import ranking_sheets, save  # noqa: PLC0415 - with openpyxl

    sheets = ranking_sheets(ranking, lang=lang)
    openpyxl = _openpyxl("writing")
    return save(openpyxl, sheets)
