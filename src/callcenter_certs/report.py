"""The committee's report: one self-contained HTML file for an award committee.

[`render_report`][callcenter_certs.render_report] turns a ranking into a page that opens
with no network (charts inline as SVG data URIs, styles inline, no script) and prints
to PDF from a browser: the tender and its criteria, the ranking, each vendor's points
per criterion, a timeline of its certificates, the stability of the winner, every
knock-out and warning, and the decision record to replay it.

The charts need the optional extra ``report`` (matplotlib and Jinja2), imported only
when a report is made: ``pip install 'callcenter-certs[report]'``.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import math
import shlex
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from ._converter import CONVERTER
from ._i18n import N_, check_lang, format_date, format_number, ntr, tr
from .catalogue import Catalog
from .certifications import Certification
from .criteria import CRITERIA, BuyerCriteria, Need
from .decisions import DecisionRecord, make_record
from .errors import InputError, _expect_instance
from .explain import _format_weight
from .findings import Finding
from .ranking import RankedVendor, Ranking
from .scoring import ScoringPlan
from .sensitivity import Acceptability, Sensitivity, _carried, acceptability, sensitivity
from .validity import _effective_end
from .vendors import HeldCertificate

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["render_report"]


def __dir__() -> list[str]:
    return __all__


INSTALL_HINT = "pip install 'callcenter-certs[report]'"
"""The command that installs what the report needs."""

_SALT = "callcenter-certs report"
"""matplotlib's ``svg.hashsalt``: the same ids in every SVG of the same chart."""

_VENDORS_PER_CHART = 30
"""Bars of one chart at most: a longer list is cut into charts that each fit a page."""
_ROWS_PER_TIMELINE = 36
"""Rows (vendors and their certificates) of one timeline chart at most."""
_RANKS_SHOWN = 5
"""Ranks the acceptability chart shows one by one; the later ones are summed."""
_NAME_CHARS = 34
"""A vendor's name on a chart is cut to this many characters (tables show it whole)."""


def _require_extra() -> None:
    """Import what the charts and the page need, or say how to install it.

    Raises:
        ModuleNotFoundError: matplotlib or Jinja2 is missing; the message gives
            the pip command.
    """
    try:
        import jinja2  # noqa: F401, PLC0415 - the optional extra, only for a report
        import matplotlib as mpl  # noqa: F401, PLC0415
    except ImportError as error:
        missing = getattr(error, "name", None) or "a dependency"
        msg = f"the report needs the optional extra 'report' ({missing} is missing): {INSTALL_HINT}"
        raise ModuleNotFoundError(msg, name=missing) from error


# -- the language ---------------------------------------------------------------------


_PAGE_WORDS = (
    N_("Report to the award committee"),
    N_("Certificates checked on"),
    N_("Contract end"),
    N_("not stated in the criteria"),
    N_("Offers"),
    N_("Recommended vendor"),
    N_("none: no offer is eligible"),
    N_("The tender and its criteria"),
    N_("Knock-out conditions"),
    N_("Required certification:"),
    N_("Required:"),
    N_("Minimum:"),
    N_("Weighted criteria"),
    N_(
        "Nominal weight: the weight as a share of all weights. Effective weight: the spread "
        "of the criterion's points among the ranked offers as a share of all spreads, i.e. "
        "what it really weighed in separating them."
    ),
    N_("Criterion"),
    N_("Weight"),
    N_("Nominal weight"),
    N_("Effective weight"),
    N_("No effective weights: fewer than two ranked offers, or all equal."),
    N_("No criterion is weighted: every eligible offer scores 100."),
    N_("Ranking"),
    N_(
        "Points out of 100 per weighted criterion. Knocked-out offers are not ranked; their "
        "points are shown for information."
    ),
    N_("Rank"),
    N_("Vendor"),
    N_("Total"),
    N_("Status"),
    N_("ranked"),
    N_("knocked out"),
    N_("Points per criterion"),
    N_("Ranked offers: each bar is the offer's total, split by criterion."),
    N_("No offer is ranked."),
    N_("Knocked-out offers (not ranked)"),
    N_("Shown apart and lighter: these offers failed a knock-out condition (see section 6)."),
    N_("Certificates over time"),
    N_(
        "Each bar runs from a certificate's start to its end (the end stated, or the start "
        "plus the scheme's validity). The solid line is the scoring date; the dashed line, "
        "the contract end."
    ),
    N_(
        "Each state has its own fill, told apart without colour: solid for a certificate that"
        " counts through the contract end; diagonal hatching for one that counts now but "
        "lapses before the contract end; grey cross-hatching for one that lapsed before the "
        "scoring date; white with dots for one that does not count for another reason (see "
        "section 6)."
    ),
    N_("The certifications on the timeline"),
    N_("Short name"),
    N_("Certification"),
    N_("Identifier"),
    N_("Stability of the winner"),
    N_("No offer is ranked: there is no winner whose stability to test."),
    N_("Weight ranges"),
    N_(
        "Each weight moved alone, the others unchanged: strictly between the low and high "
        "bounds, the winner stays the same."
    ),
    N_("Low"),
    N_("High"),
    N_("Tipping points"),
    N_(
        "For each other ranked offer: the one weight that, moved the least, would make it "
        "first or co-first (— : no single weight can)."
    ),
    N_("Weight that tips"),
    N_("Without a criterion"),
    N_("The winner if one criterion's weight were set to 0."),
    N_("Without"),
    N_("Winner"),
    N_("Without a certificate"),
    N_("The winner if one certificate of the winner were rejected."),
    N_("Certificate"),
    N_("Winner without it"),
    N_("No single certificate of the winner changes the winner."),
    N_("Rank acceptability"),
    N_(
        "How often each ranked offer takes each rank over {samples} weightings drawn at "
        "random (seed {seed}); ties count at the shared rank. The figure at the end of each "
        "bar is its share of first places."
    ),
    N_("Knock-outs and warnings"),
    N_("None."),
    N_("About the criteria"),
    N_("Warning:"),
    N_("Knock-outs"),
    N_("No offer is knocked out."),
    N_("Knock-out:"),
    N_("Warnings, and certificates that do not count"),
    N_("Does not count:"),
    N_("No warning about the offers."),
    N_("Decision record"),
    N_(
        "The ranking, its inputs and the stability of its winner are kept in a decision "
        "record. Its digest (SHA-256 of its content) identifies it: an edited record no "
        "longer matches."
    ),
    N_("Record digest"),
    N_("Record made"),
    N_("Catalogue"),
    N_("Library"),
    N_("How to replay it"),
    N_("Save the decision record"),
    N_(
        "Save the record embedded in this report, then recompute the ranking with the same "
        "files; the command says whether it still matches, and if not, why:"
    ),
    N_("Or in Python:"),
    N_("Made with callcenter-certs {version}."),
)
"""The sentences of the page template (``t("...")`` in ``data/report.html.j2``), marked
here for the catalogue: the template is not Python, the extraction reads only Python."""


_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


@attrs.frozen
class _Words:
    """The language of one report: its words, numbers and dates."""

    lang: str
    t: Callable[[str], str]

    def number(self, value: float, decimals: int = 2) -> str:
        """``1,240,000.50``; in French ``1 240 000,50``, as every other output writes it."""
        return format_number(f"{value:,.{decimals}f}", self.lang)

    def percent(self, share: float, decimals: int = 1) -> str:
        """``share`` of 100 as ``40.0 %`` (``40,0 %`` in French)."""
        return f"{self.number(share, decimals)}\u00a0%"

    def weight(self, weight: float) -> str:
        return _format_weight(weight, self.lang)

    def date(self, day: dt.date) -> str:
        """``27 November 2026``; in French ``27 novembre 2026``, ``1er juin 2026``."""
        month = self.t(_MONTHS[day.month - 1])
        number = "1er" if self.lang == "fr" and day.day == 1 else str(day.day)
        return f"{number} {month} {day.year}"

    def short_date(self, day: dt.date) -> str:
        return format_date(day, self.lang)


# -- what the report says -----------------------------------------------------------

_CRITERION_LABELS = {
    "required": N_("Required certifications"),
    "results_obligation": N_("Obligation of results"),
    "means_obligation": N_("Obligation of means"),
    "france_only": N_("Staff in France"),
    "csr": N_("Social responsibility (CSR)"),
    "preferred_certifications": N_("Preferred certifications"),
}


def _label(name: str, words: _Words) -> str:
    """A criterion for a reader: the built-in ones named in words, a figure by its name."""
    label = _CRITERION_LABELS.get(name)
    return words.t(label) if label is not None else name


def _cert_name(entry: Certification, words: _Words) -> str:
    return entry.name_fr if words.lang == "fr" and entry.name_fr else entry.name


def _cert_short(entry: Certification, words: _Words) -> str:
    """The short name; in French, the French name when the short one is not part of it.

    ``ISO 18295-1`` reads the same in French; ``EcoVadis medal`` does not, and the
    catalogue keeps no French short name: its French name is shown instead.
    """
    if words.lang == "fr" and entry.name_fr and entry.short_name not in entry.name_fr:
        return entry.name_fr
    return entry.short_name


def _finding_text(finding: Finding, words: _Words, catalog: Catalog) -> str:
    """A knock-out or warning of the engine, in the report's language."""
    return finding.text(words.lang, catalog=catalog)


def _short(name: str, chars: int = _NAME_CHARS) -> str:
    return name if len(name) <= chars else name[: chars - 1] + "…"


_LAPSED, _COUNTING, _LAPSING, _NOT_COUNTING = "lapsed", "counting", "lapsing", "not-counting"
_STATE_LABELS = {
    _COUNTING: N_("Counts through the contract end"),
    _LAPSING: N_("Counts now, lapses before the contract end"),
    _LAPSED: N_("Lapsed before the scoring date"),
    _NOT_COUNTING: N_("Does not count (other reason)"),
}
_STATE_STYLE: dict[str, dict[str, Any]] = {
    _COUNTING: {"facecolor": "#1a7a43", "edgecolor": "#0d4d29", "hatch": ""},
    _LAPSING: {"facecolor": "#f2a541", "edgecolor": "#8a5a00", "hatch": "////"},
    _LAPSED: {"facecolor": "#d9d9d9", "edgecolor": "#6b6b6b", "hatch": "xxx"},
    _NOT_COUNTING: {"facecolor": "#ffffff", "edgecolor": "#6b6b6b", "hatch": "..."},
}


@attrs.frozen
class _Held:
    """One certificate on the timeline: its dates and what it does for the tender."""

    certificate: HeldCertificate
    entry: Certification
    end: dt.date | None
    state: str


def _timeline(ranking: Ranking, criteria: BuyerCriteria) -> list[tuple[RankedVendor, list[_Held]]]:
    """Each vendor's certificates with their state, in ranking order."""
    plan = ScoringPlan(criteria, on=ranking.on, catalog=ranking.catalog)
    through = criteria.valid_through
    rows = []
    for entry in ranking:
        evidence, _ = plan.evidence(entry.vendor)
        counting = {id(counted.certificate) for counted in evidence.counted}
        held = []
        for certificate in entry.vendor.certificates:
            catalogued = plan.catalog[certificate.certification]
            end = _effective_end(certificate, catalogued)
            if id(certificate) in counting:
                lapsing = through is not None and end is not None and end < through
                state = _LAPSING if lapsing else _COUNTING
            elif end is not None and end < ranking.on:
                state = _LAPSED
            else:
                state = _NOT_COUNTING
            held.append(_Held(certificate, catalogued, end, state))
        rows.append((entry, held))
    return rows


# -- the charts -----------------------------------------------------------------------

_PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")
"""Okabe and Ito's colours, told apart with colour-blindness; hatches after the eighth."""
_HATCHES = ("", "//", "..", "xx", "\\\\", "oo")
_RANK_COLOURS = ("#08306b", "#2b7bba", "#74b3d8", "#b9d7ea", "#e3eef7")
"""Rank 1 darkest (and hatched), then lighter: a sequence that prints in grey too."""


def _rc() -> Any:
    return {
        "svg.hashsalt": _SALT,
        "svg.fonttype": "path",
        "text.parse_math": False,
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "legend.frameon": False,
        "hatch.linewidth": 0.6,
    }


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure  # noqa: PLC0415 - the optional extra

    return Figure(figsize=(width, height), layout="constrained")


def _svg_data_uri(figure: Figure) -> str:
    """The figure as an SVG data URI: same figure, same bytes (no date, fixed ids)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@attrs.frozen
class _Chart:
    """A chart in the page: its image, its size in inches, and its words for a screen reader."""

    uri: str
    alt: str
    width: float
    height: float


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    count = max(1, math.ceil(len(items) / size))
    per = math.ceil(len(items) / count) if items else size
    for start in range(0, len(items), per):
        yield items[start : start + per]


def _points_charts(
    entries: Sequence[RankedVendor], names: Sequence[str], words: _Words, *, knocked_out: bool
) -> list[_Chart]:
    """Stacked bars: each vendor's points per weighted criterion, its total at the end."""
    from matplotlib.patches import Patch  # noqa: PLC0415 - the optional extra

    _ = words.t
    charts = []
    for part in _chunks(entries, _VENDORS_PER_CHART):
        height = 1.1 + 0.3 * len(part)
        figure = _figure(7.5, height)
        axes = figure.add_subplot()
        rows = range(len(part))
        left = [0.0] * len(part)
        handles = []
        for k, name in enumerate(names):
            points = []
            for entry in part:
                found = next((r for r in entry.score.breakdown if r.criterion == name), None)
                points.append(found.contribution if found is not None else 0.0)
            style: dict[str, Any] = {
                "facecolor": _PALETTE[k % len(_PALETTE)],
                "hatch": _HATCHES[(k // len(_PALETTE)) % len(_HATCHES)],
                "edgecolor": "white",
                "linewidth": 0.6,
            }
            if knocked_out:
                style["alpha"] = 0.55
            axes.barh(list(rows), points, left=left, height=0.68, **style)
            handles.append(Patch(label=_label(name, words), **style))
            left = [a + b for a, b in zip(left, points, strict=True)]
        for row, entry in enumerate(part):
            axes.text(
                entry.score.total + 1,
                row,
                words.number(entry.score.total),
                va="center",
                fontsize=8,
                fontweight="bold",
            )
        labels = [
            _short(e.vendor.name) if e.rank is None else f"{e.rank}. {_short(e.vendor.name)}"
            for e in part
        ]
        axes.set_yticks(list(rows), labels)
        axes.invert_yaxis()
        axes.set_xlim(0, 108)
        axes.set_xticks(range(0, 101, 10))
        axes.set_xlabel(_("Points out of 100"))
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        if names:
            figure.legend(
                handles=handles,
                loc="outside upper center",
                ncols=min(len(handles), 3),
                fontsize=8,
            )
        what = _("Knocked-out vendors") if knocked_out else _("Ranked vendors")
        alt = f"{what}: " + "; ".join(
            f"{e.vendor.name} {words.number(e.score.total)}" for e in part
        )
        charts.append(_Chart(_svg_data_uri(figure), alt, 7.5, height))
    return charts


def _timeline_span(
    rows: Sequence[tuple[RankedVendor, list[_Held]]], on: dt.date, through: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The years the timeline shows: the certificates' dates, at most 8 years back, 3 on."""
    starts = [h.certificate.valid_from for _, held in rows for h in held]
    ends = [h.end for _, held in rows for h in held if h.end is not None]
    anchor = max(on, through or on)
    low = max(min([*starts, on]), dt.date(on.year - 8, 1, 1))
    high = min(max([*ends, anchor]), dt.date(anchor.year + 3, 12, 31))
    return dt.date(low.year, 1, 1), dt.date(high.year + 1, 1, 1)


def _timeline_groups(
    rows: Sequence[tuple[RankedVendor, list[_Held]]],
) -> list[list[tuple[RankedVendor, list[_Held]]]]:
    """The vendors cut into charts of at most `_ROWS_PER_TIMELINE` rows, a vendor never split."""
    groups: list[list[tuple[RankedVendor, list[_Held]]]] = [[]]
    size = 0
    for vendor_row in rows:
        need = 1 + max(1, len(vendor_row[1]))
        if groups[-1] and size + need > _ROWS_PER_TIMELINE:
            groups.append([])
            size = 0
        groups[-1].append(vendor_row)
        size += need
    return groups


def _timeline_labels(
    group: Sequence[tuple[RankedVendor, list[_Held]]], words: _Words
) -> tuple[list[str], list[bool], list[tuple[int, _Held]]]:
    """The rows of one timeline: a bold line per vendor, then one per certificate."""
    _ = words.t
    labels: list[str] = []
    bold: list[bool] = []
    bars: list[tuple[int, _Held]] = []
    for entry, held in group:
        rank = "" if entry.rank is None else f"{entry.rank}. "
        out = "" if entry.rank is not None else f" ({_('knocked out')})"
        room = max(_NAME_CHARS - len(rank) - len(out), 12)
        labels.append(f"{rank}{_short(entry.vendor.name, room)}{out}")
        bold.append(True)
        if not held:
            labels.append("    " + _("no certificate"))
            bold.append(False)
        for item in held:
            bars.append((len(labels), item))
            labels.append("    " + _cert_short(item.entry, words))
            bold.append(False)
    return labels, bold, bars


def _timeline_legend(
    on: dt.date, through: dt.date | None, words: _Words, *, open_ended: bool
) -> list[Any]:
    """The states by pattern and words, the two dates by line style and words."""
    from matplotlib.lines import Line2D  # noqa: PLC0415 - the optional extra
    from matplotlib.patches import Patch  # noqa: PLC0415

    _ = words.t
    handles: list[Any] = [
        Patch(label=_(_STATE_LABELS[state]), **_STATE_STYLE[state]) for state in _STATE_LABELS
    ]
    line: dict[str, Any] = {"color": "#111111", "linewidth": 1.6}
    handles.append(Line2D([], [], label=f"{_('Scoring date')} ({words.short_date(on)})", **line))
    if through is not None:
        label = f"{_('Contract end')} ({words.short_date(through)})"
        handles.append(Line2D([], [], linestyle="--", label=label, **line))
    if open_ended:
        label = _("Ends later, or no end date known")
        handles.append(Line2D([], [], color="#333333", marker=">", linestyle="none", label=label))
    return handles


def _timeline_charts(
    rows: Sequence[tuple[RankedVendor, list[_Held]]],
    on: dt.date,
    through: dt.date | None,
    words: _Words,
) -> list[_Chart]:
    """Each vendor's certificates as bars in time, the scoring date and contract end as lines."""
    from matplotlib import dates  # noqa: PLC0415 - the optional extra

    mdates: Any = dates  # partly untyped

    _ = words.t
    if not rows:
        return []
    low, high = _timeline_span(rows, on, through)
    x_low, x_high = mdates.date2num(low), mdates.date2num(high)
    charts = []
    for group in _timeline_groups(rows):
        labels, bold, bars = _timeline_labels(group, words)
        height = 1.3 + 0.24 * len(labels)
        figure = _figure(7.5, height)
        axes = figure.add_subplot()
        open_ended = False
        for row, item in bars:
            start = max(mdates.date2num(item.certificate.valid_from), x_low)
            end = x_high if item.end is None else min(mdates.date2num(item.end), x_high)
            style = _STATE_STYLE[item.state]
            axes.barh(row, max(end - start, 1.0), left=start, height=0.62, **style)
            if item.end is None or item.end > high:
                open_ended = True
                axes.plot([x_high], [row], marker=">", color="#333333", markersize=5, clip_on=False)
        for row in range(1, len(labels)):
            if bold[row]:
                axes.axhline(row - 0.5, color="#cccccc", linewidth=0.6)
        axes.axvline(mdates.date2num(on), color="#111111", linewidth=1.6)
        if through is not None:
            axes.axvline(mdates.date2num(through), color="#111111", linewidth=1.6, linestyle="--")
        axes.set_yticks(range(len(labels)), labels)
        for tick, is_bold in zip(axes.get_yticklabels(), bold, strict=True):
            tick.set_fontweight("bold" if is_bold else "normal")
            tick.set_horizontalalignment("left")
        axes.tick_params(axis="y", length=0, pad=200)
        axes.set_ylim(len(labels) - 0.5, -0.5)
        axes.set_xlim(x_low, x_high)
        axes.xaxis.set_major_locator(mdates.YearLocator())
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        axes.grid(axis="x", color="#e3e3e3", linewidth=0.6)
        axes.set_axisbelow(True)
        handles = _timeline_legend(on, through, words, open_ended=open_ended)
        figure.legend(handles=handles, loc="outside upper center", ncols=2, fontsize=8)
        alt = "; ".join(
            f"{entry.vendor.name}: "
            + (
                ", ".join(
                    f"{_cert_short(h.entry, words)} {_(_STATE_LABELS[h.state])}" for h in held
                )
                or _("no certificate")
            )
            for entry, held in group
        )
        charts.append(_Chart(_svg_data_uri(figure), alt, 7.5, height))
    return charts


def _acceptability_charts(result: Acceptability, words: _Words) -> list[_Chart]:
    """Stacked bars: each eligible vendor's share of random weightings at rank 1, 2..."""
    from matplotlib.patches import Patch  # noqa: PLC0415 - the optional extra

    _ = words.t
    names = list(result.shares)
    if not names:
        return []
    ranks = len(result.shares[names[0]])
    shown = min(ranks, _RANKS_SHOWN)
    colours = _RANK_COLOURS[:shown]
    charts = []
    for part in _chunks(names, _VENDORS_PER_CHART):
        height = 1.1 + 0.3 * len(part)
        figure = _figure(7.5, height)
        axes = figure.add_subplot()
        rows = list(range(len(part)))
        left = [0.0] * len(part)
        handles = []
        columns = [[result.shares[n][k] * 100 for n in part] for k in range(shown)]
        if ranks > shown:
            columns.append([sum(result.shares[n][shown:]) * 100 for n in part])
        for k, column in enumerate(columns):
            later = k == shown
            style: dict[str, Any] = {
                "facecolor": "#bdbdbd" if later else colours[k],
                "edgecolor": "white",
                "linewidth": 0.6,
                "hatch": "//" if k == 0 else "",
            }
            axes.barh(rows, column, left=left, height=0.68, **style)
            label = _("later ranks") if later else _("rank {rank}").format(rank=k + 1)
            handles.append(Patch(label=label, **style))
            left = [a + b for a, b in zip(left, column, strict=True)]
        for row, name in enumerate(part):
            axes.text(
                101,
                row,
                words.percent(result.shares[name][0] * 100, 0),
                va="center",
                fontsize=8,
                fontweight="bold",
            )
        axes.set_yticks(rows, [_short(n) for n in part])
        axes.invert_yaxis()
        axes.set_xlim(0, 110)
        axes.set_xticks(range(0, 101, 20), [words.percent(x, 0) for x in range(0, 101, 20)])
        axes.set_xlabel(_("Share of the random weightings"))
        figure.legend(
            handles=handles, loc="outside upper center", ncols=min(len(handles), 6), fontsize=8
        )
        alt = "; ".join(
            f"{n}: {_('rank {rank}').format(rank=1)} {words.percent(result.shares[n][0] * 100)}"
            for n in part
        )
        charts.append(_Chart(_svg_data_uri(figure), alt, 7.5, height))
    return charts


# -- the record -----------------------------------------------------------------------


def _report_record(ranking: Ranking, criteria: BuyerCriteria) -> DecisionRecord:
    """The record of this ranking, made now (or at ``SOURCE_DATE_EPOCH``, see `make_record`).

    The vendors are in ranking order (the ranking does not keep the files' order).
    """
    return make_record(
        [entry.vendor for entry in ranking], criteria, ranking, catalog=ranking.catalog
    )


def _record_uri(record: DecisionRecord) -> str:
    text = json.dumps(CONVERTER.unstructure(record), ensure_ascii=False, indent=2) + "\n"
    return "data:application/json;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


# -- the page -------------------------------------------------------------------------


def _template() -> Any:
    import jinja2  # noqa: PLC0415 - the optional extra

    source = resources.files(__package__).joinpath("data", "report.html.j2")
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.from_string(source.read_text(encoding="utf-8"))


def render_report(
    ranking: Ranking,
    *,
    lang: str = "en",
    title: str | None = None,
    record: DecisionRecord | None = None,
    samples: int = 10_000,
    seed: int = 0,
) -> str:
    """The committee's report of a ranking: one self-contained HTML page.

    In order: the tender (title, scoring date, contract end) and its criteria with
    their nominal and effective weights; the ranking; each vendor's points per
    criterion (knocked-out vendors apart); a timeline of each vendor's certificates
    against the scoring date and the contract end; the stability of the winner (weight
    ranges, tipping points, rank acceptability over ``samples`` random weightings
    drawn with ``seed``); every knock-out and warning; the decision record's digest and
    how to replay it. The page loads nothing from the network, and prints to PDF from
    a browser with no chart cut across pages.

    The decision record is embedded in the page (a link saves it). Without ``record``
    it is made from the ranking, with its vendors in ranking order, and dated when it
    is made (at ``SOURCE_DATE_EPOCH`` when that is set: then one ranking gives the same
    page, byte for byte); pass the record written with the ranking (``make_record`` or
    ``rank --record``) to embed that one.

    Args:
        ranking: a ranking from [`rank_vendors`][callcenter_certs.rank_vendors] (it
            carries its criteria and catalogue).
        lang: ``"en"`` or ``"fr"``: the language of the whole report.
        title: the tender's title (default: "Award report").
        record: the decision record of this ranking, to embed.
        samples: random weightings of the rank acceptability.
        seed: their seed.

    Raises:
        InputError: not a ranking, a ranking without its criteria (read back from a
            record), a record of another ranking, or an unknown language.
        ModuleNotFoundError: the ``report`` extra is not installed (the message says
            ``pip install 'callcenter-certs[report]'``).
    """
    _expect_instance(ranking, Ranking, "ranking")
    lang = check_lang(lang)
    if title is not None and not isinstance(title, str):
        raise InputError.at(("title",), f"{type(title).__name__} is not a text")
    criteria, _ = _carried(ranking)
    if record is not None:
        _expect_instance(record, DecisionRecord, "record")
        if record.ranking != ranking or record.on != ranking.on:
            raise InputError.at(("record",), "the record is not the record of this ranking")
    _require_extra()
    import matplotlib as mpl  # noqa: PLC0415 - the optional extra

    words = _Words(lang, tr(lang))
    record = record if record is not None else _report_record(ranking, criteria)
    stable: Sensitivity = record.sensitivity or sensitivity(ranking)
    sampled = acceptability(ranking, samples=samples, seed=seed)
    names = list(ranking.weights)
    held = _timeline(ranking, criteria)
    with mpl.rc_context(_rc()):
        charts = {
            "points": _points_charts(ranking.eligible, names, words, knocked_out=False),
            "points_out": _points_charts(ranking.knocked_out, names, words, knocked_out=True),
            "timeline": _timeline_charts(held, ranking.on, criteria.valid_through, words),
            "acceptability": _acceptability_charts(sampled, words),
        }
    page = _template().render(
        **_context(
            ranking=ranking,
            criteria=criteria,
            words=words,
            title=title,
            record=record,
            stable=stable,
            sampled=sampled,
            held=held,
        ),
        charts=charts,
    )
    return str(page)


def _context(
    *,
    ranking: Ranking,
    criteria: BuyerCriteria,
    words: _Words,
    title: str | None,
    record: DecisionRecord,
    stable: Sensitivity,
    sampled: Acceptability,
    held: Sequence[tuple[RankedVendor, list[_Held]]],
) -> dict[str, Any]:
    """What the template shows, every text in the report's language (escaped by the template)."""
    from ._version import __version__  # noqa: PLC0415 - importlib.metadata is slow

    _ = words.t
    catalog = ranking.catalog
    assert catalog is not None  # noqa: S101 - checked by render_report
    effective = ranking.effective_weights
    criteria_rows = [
        {
            "label": _label(name, words),
            "name": name,
            "weight": words.weight(ranking.weights[name]),
            "nominal": words.percent(share),
            "effective": words.percent(effective[name]) if effective else "—",
        }
        for name, share in ranking.nominal_weights.items()
    ]
    required = [
        {
            "id": cid,
            "short": _cert_short(catalog[cid], words),
            "name": _cert_name(catalog[cid], words),
        }
        for cid in criteria.required
    ]
    knockouts = [
        name
        for name in CRITERIA
        if name != "preferred_certifications" and criteria.need(name) is Need.REQUIRE
    ]
    minimums = [f for f in criteria.figures if f.minimum is not None]
    totals = {entry.vendor.name: entry.score.total for entry in ranking}
    ranking_rows = []
    for entry in ranking:
        points = {r.criterion: r.contribution for r in entry.score.breakdown}
        ranking_rows.append(
            {
                "rank": "—" if entry.rank is None else str(entry.rank),
                "name": entry.vendor.name,
                "points": [words.number(points.get(name, 0.0)) for name in ranking.weights],
                "total": words.number(entry.score.total),
                "eligible": entry.rank is not None,
                "warnings": len(entry.score.warnings),
            }
        )
    certificates = sorted(
        {h.entry.id: h.entry for _, items in held for h in items}.values(),
        key=lambda e: e.short_name,
    )
    findings: list[dict[str, Any]] = [
        {
            "name": entry.vendor.name,
            "rank": entry.rank,
            "knockouts": [_finding_text(f, words, catalog) for f in entry.score.knockouts],
            "warnings": [_finding_text(f, words, catalog) for f in entry.score.warnings],
            "not_counted": [_finding_text(f, words, catalog) for f in entry.score.not_counted],
        }
        for entry in ranking
    ]
    bound = words.weight

    def shown_bound(value: float | None) -> str:
        return _("no limit") if value is None else bound(round(value, 2))

    record_name = "decision-record.json"
    inputs = record.inputs
    return {
        "lang": words.lang,
        "t": _,
        "title": title or _("Award report"),
        "on": words.date(ranking.on),
        "through": words.date(criteria.valid_through) if criteria.valid_through else None,
        "vendor_count": len(ranking),
        "knocked_out_count": len(ranking.knocked_out),
        "offers_summary": ", ".join(
            (
                ntr(words.lang)("{n} ranked", "{n} ranked", len(ranking.eligible)).format(
                    n=len(ranking.eligible)
                ),
                ntr(words.lang)(
                    "{n} knocked out", "{n} knocked out", len(ranking.knocked_out)
                ).format(n=len(ranking.knocked_out)),
            )
        ),
        "criteria_rows": criteria_rows,
        "has_effective": bool(effective),
        "required": required,
        "required_criteria": [_label(name, words) for name in knockouts],
        "minimums": [{"name": f.name, "minimum": words.weight(f.minimum or 0)} for f in minimums],
        "criteria_warnings": [_finding_text(w, words, catalog) for w in ranking.warnings],
        "criterion_headers": [_label(name, words) for name in ranking.weights],
        "ranking_rows": ranking_rows,
        "certificates": [
            {"short": _cert_short(e, words), "name": _cert_name(e, words), "id": e.id}
            for e in certificates
        ],
        "winners": [{"name": name, "total": words.number(totals[name])} for name in stable.winners],
        "ranges": [
            {
                "label": _label(w.criterion, words),
                "weight": words.weight(w.weight),
                "low": shown_bound(w.low),
                "high": shown_bound(w.high),
            }
            for w in stable.weights
        ],
        "tipping": [
            {
                "name": tip.vendor,
                "total": words.number(totals[tip.vendor]),
                "criterion": _label(tip.criterion, words) if tip.criterion else "—",
                "weight": "—" if tip.weight is None else bound(round(tip.weight, 2)),
            }
            for tip in stable.tipping
        ],
        "without_criterion": [
            {"label": _label(name, words), "winners": ", ".join(winners) or "—"}
            for name, winners in stable.without_criterion.items()
        ],
        "without_certificate": [
            {
                "name": d.vendor,
                "certificate": _("{certification} no. {number}").format(
                    certification=_cert_short(catalog[d.certification], words),
                    number=d.certificate_number,
                )
                if d.certificate_number
                else _cert_short(catalog[d.certification], words),
                "winners": ", ".join(d.winners) or "—",
            }
            for d in stable.without_certificate
        ],
        "samples": words.number(sampled.samples, 0),
        "seed": sampled.seed,
        "findings": findings,
        "finding_count": sum(
            len(f["knockouts"]) + len(f["warnings"]) + len(f["not_counted"]) for f in findings
        )
        + len(ranking.warnings),
        "digest": record.digest or "—",
        "record_created": record.created,
        "catalogue_version": record.catalogue_version,
        "catalogue_digest": record.catalogue_digest,
        "library_version": record.library_version,
        "record_uri": _record_uri(record),
        "record_name": record_name,
        # With the files it was made from (the command line's record), the replay checks
        # them too; a record made from a ranking alone lists the vendors in ranking
        # order, not the file's, and replays on its own.
        "replay_command": shlex.join(
            ["callcenter-certs", "replay", record_name]
            + (
                [
                    "--inputs",
                    inputs["vendors"],
                    *([inputs["criteria"]] if "criteria" in inputs else []),
                ]
                if "vendors" in inputs
                else []
            )
        ),
        "input_digests": [
            (inputs[role], inputs[f"{role}_sha256"])
            for role in ("vendors", "criteria")
            if role in inputs and f"{role}_sha256" in inputs
        ],
        "version": __version__,
    }
