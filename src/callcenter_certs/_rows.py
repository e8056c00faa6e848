"""A ranking as flat rows of plain values: for DataFrames, spreadsheets and notebooks.

`ranking_rows` gives one row per vendor, `breakdown_rows` one per vendor and
criterion; their keys are stable column names (documented in *For the committee*),
their values plain Python ``int``, ``float``, ``str``, ``bool`` or ``None``. pandas
and polars are imported here, and only when a DataFrame is asked for. The HTML of
a ranking or a score in a notebook is built here too, every text escaped.
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from ._i18n import N_, tr
from .criteria import Need

if TYPE_CHECKING:
    from .findings import Finding
    from .ranking import Ranking
    from .scoring import VendorScore

__all__: list[str] = []

Row = dict[str, object]
"""One row: column name to a plain Python value."""

Kind = Literal["rank", "int", "float", "optional float", "bool", "str"]
"""What a column holds: ``rank`` is a whole number or ``None`` (knocked out)."""

POINTS = "points:"
"""The prefix of a criterion's points column: ``points:price``."""

KNOCKOUT_SEPARATOR = "; "
"""Between the knock-outs of a vendor in the ``knockouts`` text."""

RANKING_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("rank", "rank"),
    ("vendor", "str"),
    ("total", "float"),
    ("eligible", "bool"),
)
"""The first columns of `ranking_rows`; ``points:NAME`` columns, then `RANKING_TAIL`, follow."""

RANKING_TAIL: tuple[tuple[str, Kind], ...] = (("knockouts", "str"), ("warnings", "int"))

BREAKDOWN_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("rank", "rank"),
    ("vendor", "str"),
    ("criterion", "str"),
    ("need", "str"),
    ("met", "bool"),
    ("value", "float"),
    ("weight", "float"),
    ("points", "float"),
    ("figure", "optional float"),
    ("certificates", "str"),
    ("detail", "str"),
)
"""The columns of `breakdown_rows`, in order."""

CERTIFICATE_SEPARATOR = ", "
"""Between the certificate ids of a breakdown row."""


def ranking_columns(ranking: Ranking) -> tuple[tuple[str, Kind], ...]:
    """The columns of `ranking_rows` for this ranking, with what each holds."""
    points: tuple[tuple[str, Kind], ...] = tuple(
        (POINTS + name, "float") for name in ranking.weights
    )
    return (*RANKING_COLUMNS, *points, *RANKING_TAIL)


def ranking_rows(ranking: Ranking, *, lang: str = "en") -> list[Row]:
    """One row per vendor, in rank order (the knocked-out ones last).

    ``lang`` is the language of the knock-outs' text (the workbook's; data is English).
    """
    weighted = tuple(ranking.weights)
    rows: list[Row] = []
    for entry in ranking:
        score = entry.score
        points = {
            row.criterion: float(row.contribution)
            for row in score.breakdown
            if row.need is Need.PREFER
        }
        row: Row = {
            "rank": entry.rank,
            "vendor": entry.vendor.name,
            "total": float(score.total),
            "eligible": bool(score.eligible),
        }
        row.update((POINTS + name, points.get(name, 0.0)) for name in weighted)
        row["knockouts"] = KNOCKOUT_SEPARATOR.join(
            k.text(lang, catalog=ranking.catalog) for k in score.knockouts
        )
        row["warnings"] = len(score.warnings)
        rows.append(row)
    return rows


def breakdown_rows(ranking: Ranking, *, lang: str = "en") -> list[Row]:
    """One row per vendor and criterion: the vendors in rank order, criteria in breakdown order.

    ``lang`` is the language of the details (the workbook's; data is English).
    """
    return [
        {
            "rank": entry.rank,
            "vendor": entry.vendor.name,
            "criterion": row.criterion,
            "need": row.need.value,
            "met": bool(row.met),
            "value": float(row.value),
            "weight": float(row.weight),
            "points": float(row.contribution),
            "figure": None if row.figure is None else float(row.figure),
            "certificates": CERTIFICATE_SEPARATOR.join(row.certificates),
            "detail": row.detail_text(lang, catalog=ranking.catalog),
        }
        for entry in ranking
        for row in entry.score.breakdown
    ]


# DataFrames ---------------------------------------------------------------------------


def _library(name: str, method: str) -> Any:
    """The library ``name``, imported now; missing, a `ModuleNotFoundError` with the pip command."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        message = (
            f"{method}() needs {name}: pip install 'callcenter-certs[{name}]' "
            f"(or pip install {name})"
        )
        raise ModuleNotFoundError(message, name=name) from error


_PANDAS_TYPES: dict[Kind, str] = {
    "rank": "Int64",
    "int": "int64",
    "float": "float64",
    "optional float": "float64",
    "bool": "bool",
    "str": "",
}
"""The pandas type of each kind of column; text is left as pandas reads it (``str``)."""


def frame(ranking: Ranking, library: str, *, breakdown: bool) -> Any:
    """`ranking_rows` (or `breakdown_rows`) as a DataFrame of ``library``: pandas or polars."""
    build = pandas_frame if library == "pandas" else polars_frame
    if breakdown:
        return build(breakdown_rows(ranking), BREAKDOWN_COLUMNS, f"to_{library}")
    return build(ranking_rows(ranking), ranking_columns(ranking), f"to_{library}")


def pandas_frame(rows: Sequence[Row], columns: Sequence[tuple[str, Kind]], method: str) -> Any:
    """A pandas DataFrame of ``rows``, typed by ``columns`` (empty, it keeps them)."""
    pd = _library("pandas", method)
    names = [name for name, _ in columns]
    frame = pd.DataFrame([[row[name] for name in names] for row in rows], columns=names)
    return frame.astype({name: _PANDAS_TYPES[kind] for name, kind in columns if kind != "str"})


def polars_frame(rows: Sequence[Row], columns: Sequence[tuple[str, Kind]], method: str) -> Any:
    """A polars DataFrame of ``rows``, typed by ``columns`` (empty, it keeps them)."""
    pl = _library("polars", method)
    types = {
        "rank": pl.Int64,
        "int": pl.Int64,
        "float": pl.Float64,
        "optional float": pl.Float64,
        "bool": pl.Boolean,
        "str": pl.String,
    }
    schema = {name: types[kind] for name, kind in columns}
    data = {name: [row[name] for row in rows] for name, _ in columns}
    return pl.DataFrame(data, schema=schema)


# HTML for notebooks -------------------------------------------------------------------

_YES, _NO = N_("yes"), N_("no")


def _cell(value: object, translate: Callable[[str], str]) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate(_YES if value else _NO)
    if isinstance(value, float):
        return f"{value:.2f}"
    return html.escape(str(value), quote=True)


def _table(
    columns: Sequence[str], rows: Sequence[Sequence[object]], caption: str, lang: str
) -> str:
    translate = tr(lang)
    head = "".join(f"<th>{html.escape(translate(c), quote=True)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(value, translate)}</td>" for value in row) + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption, quote=True)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _findings(title: str, findings: Sequence[Finding], lang: str) -> str:
    if not findings:
        return ""
    items = "".join(f"<li>{html.escape(str(f), quote=True)}</li>" for f in findings)
    return f"<p>{html.escape(tr(lang)(title), quote=True)}</p><ul>{items}</ul>"


def ranking_html(ranking: Ranking, *, lang: str = "en") -> str:
    """The ranking as an HTML table (`ranking_rows`), then the criteria's warnings."""
    columns = [name for name, _ in ranking_columns(ranking)]
    rows = [[row[name] for name in columns] for row in ranking_rows(ranking)]
    caption = tr(lang)("Ranking of {count} vendors on {on}").format(
        count=len(ranking), on=ranking.on.isoformat()
    )
    return (
        "<div>"
        + _table(columns, rows, caption, lang)
        + _findings(N_("Warnings about the criteria:"), ranking.warnings, lang)
        + "</div>"
    )


_SCORE_COLUMNS = (
    N_("criterion"),
    N_("need"),
    N_("met"),
    N_("value"),
    N_("weight"),
    N_("points"),
    N_("figure"),
    N_("certificates"),
    N_("detail"),
)


def score_html(score: VendorScore, *, lang: str = "en") -> str:
    """A vendor's score as an HTML table of its breakdown, then knock-outs and warnings."""
    translate = tr(lang)
    rows = [
        (
            row.criterion,
            row.need.value,
            row.met,
            row.value,
            row.weight,
            row.contribution,
            row.figure,
            CERTIFICATE_SEPARATOR.join(row.certificates),
            row.detail,
        )
        for row in score.breakdown
    ]
    state = translate(N_("eligible") if score.eligible else N_("knocked out"))
    caption = translate("{vendor}: {total} / 100, {state} (checked on {on})").format(
        vendor=score.vendor, total=f"{score.total:.2f}", state=state, on=score.on.isoformat()
    )
    return (
        "<div>"
        + _table(_SCORE_COLUMNS, rows, caption, lang)
        + _findings(N_("Knock-outs:"), score.knockouts, lang)
        + _findings(N_("Warnings:"), score.warnings, lang)
        + _findings(N_("Not counted:"), score.not_counted, lang)
        + "</div>"
    )
