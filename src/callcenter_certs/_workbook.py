"""Workbooks for people: typed cells, a frozen header row, widths that fit the text.

`save` writes sheets with the openpyxl it is handed (the caller imports it, and says
how when it is missing); `ranking_sheets` lays a ranking out on the four sheets of
the committee's workbook: *ranking*, *breakdown*, *warnings* and *criteria*.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._i18n import N_, check_lang, tr
from ._rows import BREAKDOWN_COLUMNS, POINTS, breakdown_rows, ranking_columns, ranking_rows
from .criteria import Need
from .errors import InputError
from .tables import _FORMULA_START

if TYPE_CHECKING:
    from .findings import Finding
    from .ranking import Ranking

__all__: list[str] = []

_MIN_WIDTH, _MAX_WIDTH = 6, 60
"""Column widths, in characters: a long message wraps past the maximum."""

_POINTS_FORMAT = "0.00"
_SHARE_FORMAT = "0%"
_PERCENT_FORMAT = "0.0"
_DATE_FORMAT = "yyyy-mm-dd"


@attrs.frozen
class Sheet:
    """A sheet: its name, header, rows and each column's number format (or none)."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    formats: Sequence[str | None] = ()


def _shown_length(value: object, number_format: str | None) -> int:
    """About how many characters a cell shows, for its column's width."""
    if value is None:
        return 0
    if isinstance(value, bool | dt.date):
        return 5 if isinstance(value, bool) else 10
    if isinstance(value, float):
        if number_format == _SHARE_FORMAT:
            return len(f"{value:.0%}")
        if number_format == _POINTS_FORMAT:
            return len(f"{value:.2f}")
        return len(repr(value))
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _widths(sheet: Sheet) -> list[int]:
    widths = []
    for column, title in enumerate(sheet.header):
        number_format = sheet.formats[column] if column < len(sheet.formats) else None
        longest = max(
            [len(title), *(_shown_length(row[column], number_format) for row in sheet.rows)]
        )
        widths.append(min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH))
    return widths


def _cell(openpyxl: Any, sheet: Any, value: object, number_format: str | None) -> Any:
    """A write-only cell: text always text (never a formula), dates and numbers formatted."""
    cell = openpyxl.cell.WriteOnlyCell(sheet, value=None if value == "" else value)
    if isinstance(value, str) and value:
        # A vendor's name such as "=HYPERLINK(...)" stays text: typed as a string, and
        # shown as typed (quotePrefix), so that editing the cell does not run it either.
        cell.data_type = "s"
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
        if len(value) > _MAX_WIDTH:  # wider than its column: wrapped, read whole
            cell.alignment = openpyxl.styles.Alignment(wrap_text=True, vertical="top")
    elif isinstance(value, dt.date) and not isinstance(value, bool):
        cell.number_format = _DATE_FORMAT
    elif number_format is not None and isinstance(value, float | int):
        cell.number_format = number_format
    return cell


MAX_ROWS = 1_048_576
"""Excel's rows per sheet, the header included: a longer sheet would not open."""
MAX_CELL = 32_767
"""Excel's characters per cell: longer text would make Excel repair the workbook."""


def _check_size(sheet: Sheet) -> None:
    """Refuse a sheet Excel cannot open whole: too many rows, or a text too long."""
    if len(sheet.rows) + 1 > MAX_ROWS:
        message = (
            f"the sheet {sheet.name!r} would have {len(sheet.rows) + 1:,} rows, over Excel's "
            f"limit of {MAX_ROWS:,}; write CSV or JSON instead"
        )
        raise InputError(message)
    for number, row in enumerate(sheet.rows, start=2):
        for column, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL:
                message = (
                    f"sheet {sheet.name!r}, row {number}, column {sheet.header[column]!r}: "
                    f"{len(value):,} characters, over Excel's limit of {MAX_CELL:,} for a cell; "
                    "write CSV or JSON instead"
                )
                raise InputError(message)


def save(openpyxl: Any, sheets: Sequence[Sheet]) -> bytes:
    """The workbook's bytes: each sheet with a bold, frozen, filtered header row.

    Raises:
        InputError: a sheet over Excel's limits (`MAX_ROWS`, `MAX_CELL`).
    """
    for sheet in sheets:
        _check_size(sheet)
    book = openpyxl.Workbook(write_only=True)
    bold = openpyxl.styles.Font(bold=True)
    for sheet in sheets:
        out = book.create_sheet(sheet.name)
        for column, width in enumerate(_widths(sheet), start=1):
            out.column_dimensions[openpyxl.utils.get_column_letter(column)].width = width
        out.freeze_panes = "A2"
        last = openpyxl.utils.get_column_letter(max(len(sheet.header), 1))
        out.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
        header = []
        for title in sheet.header:
            cell = _cell(openpyxl, out, title, None)
            cell.font = bold
            header.append(cell)
        out.append(header)
        for row in sheet.rows:
            out.append(
                [
                    _cell(
                        openpyxl,
                        out,
                        value,
                        sheet.formats[column] if column < len(sheet.formats) else None,
                    )
                    for column, value in enumerate(row)
                ]
            )
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


# The committee's workbook -------------------------------------------------------------

SHEETS = (N_("ranking"), N_("breakdown"), N_("warnings"), N_("criteria"))
"""The sheets of a ranking's workbook, in order (names translated with the output)."""

_TITLES = {
    "rank": N_("rank"),
    "vendor": N_("vendor"),
    "total": N_("total"),
    "eligible": N_("eligible"),
    "knockouts": N_("knockouts"),
    "warnings": N_("warnings"),
    "criterion": N_("criterion"),
    "need": N_("need"),
    "met": N_("met"),
    "value": N_("value"),
    "weight": N_("weight"),
    "points": N_("points"),
    "figure": N_("figure"),
    "certificates": N_("certificates"),
    "detail": N_("detail"),
}
_POINTS_TITLE = N_("points:{criterion}")
_NEEDS = {Need.REQUIRE.value: N_("require"), Need.PREFER.value: N_("prefer")}


def _title(name: str, lang: str) -> str:
    if name.startswith(POINTS):
        return tr(lang)(_POINTS_TITLE).format(criterion=name.removeprefix(POINTS))
    return tr(lang)(_TITLES[name])


def _ranking_sheet(ranking: Ranking, lang: str) -> Sheet:
    names = [name for name, _ in ranking_columns(ranking)]
    formats = [
        _POINTS_FORMAT if name == "total" or name.startswith(POINTS) else None for name in names
    ]
    rows = [[row[name] for name in names] for row in ranking_rows(ranking, lang=lang)]
    return Sheet(tr(lang)(SHEETS[0]), [_title(n, lang) for n in names], rows, formats)


_BREAKDOWN_FORMATS = {"value": _SHARE_FORMAT, "points": _POINTS_FORMAT}


def _breakdown_sheet(ranking: Ranking, lang: str) -> Sheet:
    names = [name for name, _ in BREAKDOWN_COLUMNS]
    translate = tr(lang)
    rows = []
    for row in breakdown_rows(ranking, lang=lang):
        cells = [row[name] for name in names]
        need = names.index("need")
        cells[need] = translate(_NEEDS.get(str(cells[need]), str(cells[need])))
        rows.append(cells)
    formats = [_BREAKDOWN_FORMATS.get(name) for name in names]
    return Sheet(translate(SHEETS[1]), [_title(n, lang) for n in names], rows, formats)


_FINDING_COLUMNS = (
    N_("rank"),
    N_("vendor"),
    N_("kind"),
    N_("criterion"),
    N_("message"),
    N_("certifications"),
    N_("countries"),
)
_KNOCK_OUT, _WARNING, _CRITERIA_WARNING = N_("knock-out"), N_("warning"), N_("criteria warning")


def _finding_row(
    rank: int | None, vendor: str | None, kind: str, f: Finding, *, ranking: Ranking, lang: str
) -> list[object]:
    certifications, countries = ", ".join(f.certifications), ", ".join(f.countries)
    message = f.text(lang, catalog=ranking.catalog)
    return [rank, vendor, kind, f.criterion, message, certifications, countries]


def _warnings_sheet(ranking: Ranking, lang: str) -> Sheet:
    """A row per finding: the criteria's warnings first, then each vendor's, in rank order."""
    translate = tr(lang)
    rows: list[list[object]] = [
        _finding_row(None, None, translate(_CRITERIA_WARNING), f, ranking=ranking, lang=lang)
        for f in ranking.warnings
    ]
    for entry in ranking:
        score = entry.score
        for kind, findings in ((_KNOCK_OUT, score.knockouts), (_WARNING, score.warnings)):
            rows.extend(
                _finding_row(
                    entry.rank, entry.vendor.name, translate(kind), f, ranking=ranking, lang=lang
                )
                for f in findings
            )
    header = [translate(title) for title in _FINDING_COLUMNS]
    return Sheet(translate(SHEETS[2]), header, rows)


_CRITERIA_COLUMNS = (
    N_("criterion"),
    N_("need"),
    N_("weight"),
    N_("nominal %"),
    N_("effective %"),
    N_("certifications"),
    N_("better"),
    N_("scoring"),
    N_("out of"),
    N_("minimum"),
    N_("maximum"),
    N_("abnormally low"),
)
_CRITERIA_FORMATS = (None, None, None, _PERCENT_FORMAT, _PERCENT_FORMAT)


def _criteria_rows(ranking: Ranking, lang: str) -> list[list[object]]:
    """A row per active criterion: required first, then the weighted ones in breakdown order."""
    translate = tr(lang)
    nominal, effective = ranking.nominal_weights, ranking.effective_weights
    criteria = ranking.criteria
    active: list[tuple[str, Need, float]]
    if criteria is not None:
        active = [("required", Need.REQUIRE, 0.0)] if criteria.required else []
        for name in criteria.names:
            need = criteria.need(name)
            if need is not Need.IGNORE:
                weight = criteria.weight(name) if need is Need.PREFER else 0.0
                active.append((name, need, weight))
    else:  # read back from a record: the breakdown knows the criteria
        breakdown = ranking[0].score.breakdown if len(ranking) else ()
        active = [(row.criterion, row.need, row.weight) for row in breakdown]
    figures = {f.name: f for f in criteria.figures} if criteria is not None else {}
    listed = {
        "required": criteria.required if criteria is not None else (),
        "preferred_certifications": (
            criteria.preferred_certifications if criteria is not None else ()
        ),
    }
    rows: list[list[object]] = []
    for name, need, weight in active:
        figure = figures.get(name)
        settings: list[object] = (
            [
                figure.better.value,
                figure.scoring.value,
                figure.out_of,
                figure.minimum,
                figure.maximum,
                figure.abnormally_low,
            ]
            if figure is not None
            else [None] * 6
        )
        rows.append(
            [
                name,
                translate(_NEEDS[need.value]),
                weight if need is Need.PREFER else None,
                nominal.get(name),
                effective.get(name) if effective else None,
                ", ".join(listed.get(name, ())),
                *settings,
            ]
        )
    return rows


def _criteria_sheet(ranking: Ranking, lang: str) -> Sheet:
    """The criteria, then, under a blank row, the date checked on and the contract's end."""
    translate = tr(lang)
    rows = _criteria_rows(ranking, lang)
    width = len(_CRITERIA_COLUMNS)
    settings: list[list[object]] = [[translate(N_("checked on")), ranking.on]]
    if ranking.criteria is not None and ranking.criteria.valid_through is not None:
        settings.append([translate(N_("valid through")), ranking.criteria.valid_through])
    if ranking.catalog is not None:
        settings.append([translate(N_("catalogue")), ranking.catalog.version])
    rows.append([None] * width)
    rows.extend([*row, *[None] * (width - len(row))] for row in settings)
    header = [translate(title) for title in _CRITERIA_COLUMNS]
    return Sheet(translate(SHEETS[3]), header, rows, _CRITERIA_FORMATS)


def ranking_sheets(ranking: Ranking, *, lang: str = "en") -> list[Sheet]:
    """The four sheets of a ranking's workbook, in `SHEETS` order."""
    lang = check_lang(lang)
    return [
        _ranking_sheet(ranking, lang),
        _breakdown_sheet(ranking, lang),
        _warnings_sheet(ranking, lang),
        _criteria_sheet(ranking, lang),
    ]
