"""Render scores and rankings as text a buyer can paste into an award report.

Formatting only: every decision was taken in `callcenter_certs.scoring`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .criteria import CRITERIA

if TYPE_CHECKING:
    from .ranking import Ranking
    from .scoring import CriterionScore, VendorScore

__all__ = ["render_weights"]


def __dir__() -> list[str]:
    return __all__


def _format_total(total: float) -> str:
    """A total for display: two decimals (ranking compares the exact value)."""
    return f"{total:.2f}"


def _format_weight(weight: float) -> str:
    """A weight as the buyer wrote it: ``3``, ``0.5``, ``1234567``, ``0.00001``.

    No exponent and no ``-0``: the shortest decimal that reads back as the weight.
    """
    value = float(weight) + 0.0
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


_BUILT_IN = frozenset(CRITERIA)


def _format_share(share: float) -> str:
    """A share of 100 for display: ``46.2 %``."""
    return f"{share:.1f} %"


def _criterion_line(row: CriterionScore) -> str:
    status = "met" if row.met else "not met"
    if row.criterion == "required":
        head = f"  required certifications: {status}"
    elif row.need.value == "require":
        head = f"  {row.criterion} (required): {status}"
    elif row.figure is not None or row.criterion not in _BUILT_IN:
        head = (
            f"  {row.criterion}: value {row.value:.2f} x weight {_format_weight(row.weight)}"
            f" -> {row.contribution:.2f} points ({'acceptable' if row.met else 'not acceptable'})"
        )
    else:
        head = (
            f"  {row.criterion}: value {row.value:.2f} x weight {_format_weight(row.weight)}"
            f" -> {row.contribution:.2f} points ({status})"
        )
    tail = []
    if row.certificates:
        tail.append("by " + ", ".join(row.certificates))
    if row.detail:
        tail.append(row.detail)
    return head + (f" [{'; '.join(tail)}]" if tail else "")


def _render_score(score: VendorScore) -> str:
    """One vendor: total, each criterion, each knock-out, warning and uncounted certificate."""
    state = "eligible" if score.eligible else "KNOCKED OUT"
    head = (
        f"{score.vendor}: {_format_total(score.total)} / 100, {state} "
        f"(certificates checked on {score.on.isoformat()})"
    )
    lines = [head]
    if score.breakdown:
        lines.append("Criteria:")
        lines.extend(_criterion_line(row) for row in score.breakdown)
    else:
        lines.append("Criteria: none preferred or required (every vendor scores 100)")
    for title, findings in (
        ("Knock-outs", score.knockouts),
        ("Warnings", score.warnings),
        ("Not counted", score.not_counted),
    ):
        if findings:
            lines.append(f"{title}:")
            lines.extend(f"  - {finding}" for finding in findings)
    return "\n".join(lines)


def render_weights(ranking: Ranking) -> str:
    """The grid's weights: as written, as a share of the total, and as they acted.

    The effective weight of a criterion is the spread of its points among the eligible
    vendors as a share of all the spreads: what it really weighed in separating them.
    """
    nominal = ranking.nominal_weights
    if not nominal:
        return ""
    effective = ranking.effective_weights
    weights = ranking.weights
    lines = ["Weights (as written, share of the total, effective among the eligible offers):"]
    for name, share in nominal.items():
        acted = _format_share(effective[name]) if effective else "—"
        lines.append(
            f"  {name}: {_format_weight(weights[name])} ({_format_share(share)}), effective {acted}"
        )
    if not effective:
        lines.append("  (no effective weights: fewer than two eligible offers, or all equal)")
    return "\n".join(lines)


def _render_ranking(ranking: Ranking) -> str:
    """Every vendor's explanation, in ranking order, after the criteria warnings and weights."""
    parts = []
    if ranking.warnings:
        parts.append("\n".join(["About the criteria:", *(f"  - {w}" for w in ranking.warnings)]))
    if weights := render_weights(ranking):
        parts.append(weights)
    for entry in ranking:
        place = f"#{entry.rank}" if entry.rank is not None else "—"
        parts.append(f"{place} {entry.score.explain()}")
    return "\n\n".join(parts)
