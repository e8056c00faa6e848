"""Render scores and rankings as text a buyer can paste into an award report.

Formatting only: every decision was taken in `callcenter_certs.scoring`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ._i18n import (
    N_,
    certs,
    check_lang,
    format_date,
    format_number,
    semicolon,
    tr,
)
from .criteria import CRITERIA

if TYPE_CHECKING:
    from .catalogue import Catalog
    from .findings import Finding
    from .ranking import Ranking
    from .scoring import CriterionScore, VendorScore

__all__ = ["render_weights"]


def __dir__() -> list[str]:
    return __all__


def _format_total(total: float, lang: str = "en") -> str:
    """A total for display: two decimals (ranking compares the exact value)."""
    return format_number(f"{total:.2f}", lang)


def _format_weight(weight: float, lang: str = "en") -> str:
    """A weight as the buyer wrote it: ``3``, ``0.5``, ``1234567``, ``0.00001``.

    No exponent and no ``-0``: the shortest decimal that reads back as the weight
    (French: a decimal comma, ``0,5``).
    """
    value = float(weight) + 0.0
    if value.is_integer():
        return str(int(value))
    return format_number(format(Decimal(repr(value)), "f"), lang)


_BUILT_IN = frozenset(CRITERIA)


def _format_share(share: float, lang: str = "en") -> str:
    """A share of 100 for display: ``46.2 %`` (French: ``46,2 %``)."""
    return format_number(f"{share:.1f} %", lang)


def _criterion_line(row: CriterionScore, lang: str = "en", catalog: Catalog | None = None) -> str:
    _ = tr(lang)
    status = _("met") if row.met else _("not met")
    values = {
        "criterion": row.criterion,
        "status": status,
        "value": format_number(f"{row.value:.2f}", lang),
        "weight": _format_weight(row.weight, lang),
        "points": format_number(f"{row.contribution:.2f}", lang),
    }
    if row.criterion == "required":
        head = _("  required certifications: {status}").format_map(values)
    elif row.need.value == "require":
        head = _("  {criterion} (required): {status}").format_map(values)
    else:
        if row.figure is not None or row.criterion not in _BUILT_IN:
            values["status"] = _("acceptable") if row.met else _("not acceptable")
        head = _("  {criterion}: value {value} x weight {weight} -> {points} points ({status})")
        head = head.format_map(values)
    tail = []
    if row.certificates:
        tail.append(_("by {ids}").format(ids=certs(row.certificates).text(lang, catalog)))
    if row.detail:
        tail.append(row.detail_text(lang, catalog=catalog))
    return head + (f" [{semicolon(lang).join(tail)}]" if tail else "")


def _finding_lines(findings: Sequence[Finding], lang: str, catalog: Catalog | None) -> list[str]:
    return [f"  - {finding.text(lang, catalog=catalog)}" for finding in findings]


def _render_score(score: VendorScore, lang: str = "en", catalog: Catalog | None = None) -> str:
    """One vendor: total, each criterion, each knock-out, warning and uncounted certificate."""
    _ = tr(lang)
    state = _("eligible") if score.eligible else _("KNOCKED OUT")
    head = _("{vendor}: {total} / 100, {state} (certificates checked on {on})").format(
        vendor=score.vendor,
        total=_format_total(score.total, lang),
        state=state,
        on=format_date(score.on, lang),
    )
    lines = [head]
    if score.breakdown:
        lines.append(_("Criteria:"))
        lines.extend(_criterion_line(row, lang, catalog) for row in score.breakdown)
    else:
        lines.append(_("Criteria: none preferred or required (every vendor scores 100)"))
    for title, findings in (
        (N_("Knock-outs:"), score.knockouts),
        (N_("Warnings:"), score.warnings),
        (N_("Not counted:"), score.not_counted),
    ):
        if findings:
            lines.append(_(title))
            lines.extend(_finding_lines(findings, lang, catalog))
    return "\n".join(lines)


def render_weights(ranking: Ranking, *, lang: str = "en") -> str:
    """The grid's weights: as written, as a share of the total, and as they acted.

    The effective weight of a criterion is the spread of its points among the eligible
    vendors as a share of all the spreads: what it really weighed in separating them.
    ``lang``: ``"en"`` (the default) or ``"fr"``.
    """
    _ = tr(check_lang(lang))
    nominal = ranking.nominal_weights
    if not nominal:
        return ""
    effective = ranking.effective_weights
    weights = ranking.weights
    lines = [_("Weights (as written, share of the total, effective among the eligible offers):")]
    for name, share in nominal.items():
        acted = _format_share(effective[name], lang) if effective else "—"
        line = _("  {criterion}: {weight} ({share}), effective {effective}").format(
            criterion=name,
            weight=_format_weight(weights[name], lang),
            share=_format_share(share, lang),
            effective=acted,
        )
        lines.append(line)
    if not effective:
        lines.append(_("  (no effective weights: fewer than two eligible offers, or all equal)"))
    return "\n".join(lines)


def _render_ranking(ranking: Ranking, lang: str = "en") -> str:
    """Every vendor's explanation, in ranking order, after the criteria warnings and weights."""
    _ = tr(lang)
    catalog = ranking.catalog
    parts = []
    if ranking.warnings:
        parts.append(
            "\n".join([_("About the criteria:"), *_finding_lines(ranking.warnings, lang, catalog)])
        )
    if weights := render_weights(ranking, lang=lang):
        parts.append(weights)
    for entry in ranking:
        place = f"#{entry.rank}" if entry.rank is not None else "—"
        parts.append(f"{place} {_render_score(entry.score, lang, catalog)}")
    return "\n\n".join(parts)
