"""The scoring rules: one small function per criterion, reading a vendor's evidence.

:class:`Evidence` is what one vendor's counting certificates and declared sites
establish on the scoring date, computed once per vendor; each rule only reads it
and returns an :class:`Outcome`. The engine in :mod:`callcenter_certs.scoring`
runs the table :data:`RULES` to explain a score.

Adding a criterion means a function here, its name in :data:`criteria.CRITERIA`, a
:class:`BuyerCriteria` field, and its arithmetic in ``ScoringPlan._verdict``, the
fast path that computes totals without building explanations;
``tests/property/test_lazy_scores.py`` checks that both agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from fractions import Fraction
from types import MappingProxyType

import attrs

from .certifications import Certification, Domain, Obligation
from .countries import FRANCE, outside_france
from .criteria import BuyerCriteria
from .findings import Finding
from .vendors import HeldCertificate, Vendor

__all__ = ["RULES", "Context", "Counted", "Evidence", "Grant", "Outcome", "Rule", "flags_of"]


def __dir__() -> list[str]:
    return __all__


RESULTS, MEANS, CSR, FRANCE_ONLY = 1, 2, 4, 8
"""Bits of :attr:`Grant.flags`: what a counting certificate establishes."""


def flags_of(entry: Certification) -> int:
    """What a counting certificate of ``entry`` establishes, as bits."""
    flags = 0
    if entry.obligation is Obligation.RESULTS:
        flags |= RESULTS
    if entry.obligation is Obligation.MEANS:
        flags |= MEANS
    if Domain.SOCIAL_RESPONSIBILITY in entry.domains:
        flags |= CSR
    if entry.france_only_staffing:
        flags |= FRANCE_ONLY
    return flags


@attrs.frozen
class Grant:
    """What a certificate of one catalogue entry gives under given criteria."""

    entry: Certification
    flags: int
    required: tuple[int, ...]
    """Indices in ``criteria.required`` it satisfies (itself or an accepted equivalent)."""
    preferred: tuple[int, ...]
    """Indices in ``criteria.preferred_certifications`` it satisfies."""
    refusal: str | None
    """Why such a certificate never counts under these criteria, or None."""


@attrs.frozen
class Counted:
    """A certificate that counts on the scoring date."""

    certificate: HeldCertificate
    grant: Grant
    end: dt.date | None
    """Its last valid day, ``None`` when unknown."""


@attrs.frozen
class Evidence:
    """What one vendor establishes on the scoring date."""

    vendor: Vendor
    counted: tuple[Counted, ...]
    flags: int
    """Union of the counting certificates' flags."""

    def holders(self, flag: int) -> tuple[str, ...]:
        """Ids of the counting certificates that carry ``flag``, in the vendor's order."""
        return tuple(
            dict.fromkeys(c.certificate.certification for c in self.counted if c.grant.flags & flag)
        )


@attrs.frozen
class Context:
    """What the rules need from the compiled criteria."""

    criteria: BuyerCriteria
    on: dt.date
    examples: Mapping[str, str]
    """Per criterion, a hint naming catalogue entries that would satisfy it."""
    accepted: tuple[frozenset[str], ...]
    """Per required id, the ids whose certificates satisfy it."""


@attrs.frozen
class Outcome:
    """A rule's verdict on one vendor."""

    value: Fraction
    """In [0, 1]."""
    met: bool
    certificates: tuple[str, ...] = ()
    detail: str = ""
    failure: str = ""
    """The knock-out sentence when the criterion is required and not met."""
    countries: tuple[str, ...] = ()
    warnings: tuple[Finding, ...] = ()


Rule = Callable[[Evidence, Context], Outcome]

_NAMES = {
    "results_obligation": "a certificate with an obligation of results",
    "means_obligation": "a certificate with an obligation of means",
    "csr": "a certificate covering social responsibility (CSR)",
}


def _flag_rule(criterion: str, flag: int) -> Rule:
    def rule(evidence: Evidence, context: Context) -> Outcome:
        if evidence.flags & flag:
            return Outcome(Fraction(1), met=True, certificates=evidence.holders(flag))
        detail = f"no counting certificate{context.examples[criterion]}"
        return Outcome(
            Fraction(0),
            met=False,
            detail=detail,
            failure=f"{_NAMES[criterion]} is required: {detail}",
        )

    rule.__name__ = criterion
    rule.__doc__ = f"Met iff a counting certificate has {_NAMES[criterion]}."
    return rule


results_obligation = _flag_rule("results_obligation", RESULTS)
means_obligation = _flag_rule("means_obligation", MEANS)
csr = _flag_rule("csr", CSR)


def france_only(evidence: Evidence, context: Context) -> Outcome:
    """All staff in France: the declared sites decide; with none, a France-only label.

    The value is the share of agents in France (of sites, when no agents are
    declared); the criterion is met only when no declared site is abroad. A label
    never overrides a declared site abroad; the score warns of the contradiction
    whatever the criteria.
    """
    labels = evidence.holders(FRANCE_ONLY)
    sites = evidence.vendor.sites
    if sites is None:
        if labels:
            detail = "staffing not declared; attested by a France-only label"
            return Outcome(Fraction(1), met=True, certificates=labels, detail=detail)
        detail = (
            "staffing not declared and no counting certificate attests France-only staffing"
            f"{context.examples['france_only']}"
        )
        return Outcome(
            Fraction(0),
            met=False,
            detail=detail,
            failure=f"France-only staffing is required: {detail}",
        )
    everyone = sum(s.agents for s in sites)
    in_france = sum(s.agents for s in sites if s.country in FRANCE)
    abroad = outside_france(s.country for s in sites)
    if everyone:
        value = Fraction(in_france, everyone)
        detail = f"{in_france} of {everyone} agents in France"
    else:  # sites declared without agents: count the sites instead
        sites_in_france = sum(1 for s in sites if s.country in FRANCE)
        value = Fraction(sites_in_france, len(sites))
        detail = f"{sites_in_france} of {len(sites)} sites in France (no agents declared)"
    if not abroad:
        return Outcome(value, met=True, detail=detail)
    places = ", ".join(abroad)
    return Outcome(
        value,
        met=False,
        detail=f"{detail}; sites abroad: {places}"
        + (" (with no agents, but declared: not France-only)" if value == 1 else ""),
        failure=f"France-only staffing is required, but the vendor has staff in {places}",
        countries=abroad,
    )


def preferred_certifications(evidence: Evidence, context: Context) -> Outcome:
    """The share of the buyer's preferred certifications held (equivalents accepted)."""
    wanted = context.criteria.preferred_certifications
    met = {i for c in evidence.counted for i in c.grant.preferred}
    holders = tuple(
        dict.fromkeys(c.certificate.certification for c in evidence.counted if c.grant.preferred)
    )
    missing = [cid for i, cid in enumerate(wanted) if i not in met]
    detail = f"{len(met)} of {len(wanted)} held"
    if missing:
        detail += f"; missing: {', '.join(missing)}"
    return Outcome(
        Fraction(len(met), len(wanted)), met=not missing, certificates=holders, detail=detail
    )


def required(evidence: Evidence, context: Context) -> tuple[Outcome, tuple[Finding, ...]]:
    """Each required id must be held and counting, itself or an accepted equivalent."""
    held: list[str] = []
    notes: list[str] = []
    knockouts: list[Finding] = []
    wanted = context.criteria.required
    for index, cid in enumerate(wanted):
        by = sorted(
            {c.certificate.certification for c in evidence.counted if index in c.grant.required}
        )
        if by:
            held.extend(by)
            if cid not in by:
                notes.append(f"{cid} met by the equivalent {', '.join(by)}")
            continue
        equivalents = sorted(context.accepted[index] - {cid})
        alt = f" (or an equivalent: {', '.join(equivalents)})" if equivalents else ""
        knockouts.append(
            Finding(
                criterion="required",
                message=f"required certification {cid}{alt} is not held with a certificate "
                f"valid on {context.on.isoformat()}",
                certifications=(cid, *equivalents),
            )
        )
        notes.append(f"{cid} missing")
    outcome = Outcome(
        Fraction(len(wanted) - len(knockouts), len(wanted)),
        met=not knockouts,
        certificates=tuple(dict.fromkeys(held)),
        detail="; ".join(notes),
    )
    return outcome, tuple(knockouts)


RULES: Mapping[str, Rule] = MappingProxyType(
    {
        "results_obligation": results_obligation,
        "means_obligation": means_obligation,
        "france_only": france_only,
        "csr": csr,
        "preferred_certifications": preferred_certifications,
    }
)
"""The weighted criteria and the rule that evaluates each, in breakdown order."""
