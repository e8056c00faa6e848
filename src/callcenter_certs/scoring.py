"""Score one vendor against a buyer's criteria, explaining every point.

The criteria are validated and compiled once into a :class:`ScoringPlan` (catalogue
look-ups resolved, weights made exact); the plan then scores any number of vendors.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Iterable, Iterator
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from . import rules
from ._converter import describe
from .catalogue import Catalog, checked_catalog
from .certifications import Certification, Party, SchemeStatus
from .countries import FRANCE, outside_france
from .criteria import CRITERIA, BuyerCriteria, Need
from .errors import InputError, PathPart, Problem, expect_instance
from .findings import Finding
from .rules import (
    CSR,
    FRANCE_ONLY,
    MEANS,
    RESULTS,
    RULES,
    Context,
    Counted,
    Evidence,
    Grant,
    Outcome,
    flags_of,
)
from .validity import earliest_counting_start, effective_end, not_counting_reason
from .vendors import CertificateStatus, HeldCertificate, Site, Vendor

__all__ = [
    "TOTAL_DECIMALS",
    "CriterionScore",
    "ScoringPlan",
    "VendorScore",
    "check_criteria",
    "refusal",
    "score_vendor",
]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(kw_only=True)
class CriterionScore:
    """One line of a vendor's breakdown."""

    criterion: str
    need: Need
    met: bool
    value: float
    """In [0, 1]: 1 when fully met."""
    weight: float
    """Weight in the total; 0 for a knock-out criterion."""
    contribution: float
    """Points this criterion adds to the total (out of 100)."""
    certificates: tuple[str, ...] = ()
    """Ids of the counting certificates that earned it."""
    detail: str = ""


@attrs.frozen(kw_only=True)
class VendorScore:
    """A vendor's score: total, eligibility and the reasons for both.

    A score from the engine computes its explanation (``knockouts``, ``warnings``,
    ``breakdown``, ``not_counted``) when one of them is first read: ranking a
    million vendors builds no explanation nobody reads. Reading, comparing,
    hashing or converting a score behaves as if every field had been set at once.
    """

    vendor: str
    """The vendor's name."""
    on: dt.date
    """The date the certificates were checked on."""
    total: float
    """0..100: the weighted share of preferred criteria met, computed exactly and
    rounded once to :data:`TOTAL_DECIMALS` decimals (100 when nothing is preferred)."""
    eligible: bool
    knockouts: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()
    breakdown: tuple[CriterionScore, ...] = ()
    not_counted: tuple[Finding, ...] = ()
    """Certificates listed by the vendor that do not count, and why."""

    def __attrs_post_init__(self) -> None:
        if type(self.eligible) is not bool:
            raise InputError.at(("eligible",), f"{self.eligible!r} is not true or false")
        if isinstance(self.total, bool) or not isinstance(self.total, int | float):
            raise InputError.at(("total",), f"{describe(self.total)} is not a number")
        if self.eligible == bool(self.knockouts):
            msg = "eligible must be true exactly when there are no knock-outs"
            raise InputError.at(("eligible",), msg)
        if not 0 <= self.total <= 100:  # noqa: PLR2004 - the scale of a total
            raise InputError.at(("total",), f"{self.total!r} is not in 0..100")

    def explain(self) -> str:
        """A short text: each criterion, each knock-out, each warning."""
        from .explain import render_score  # noqa: PLC0415 - explain formats this class

        return render_score(self)


# A score computed by a ScoringPlan carries its total and eligibility at once, and its
# explanation (knockouts, warnings, breakdown, not_counted) only when first read: ranking
# a million vendors should not build a million explanations nobody reads. Until then the
# knockouts slot holds the plan and the warnings slot the vendor; reading any of the four
# fields (directly, or through ==, hash, repr, pickle or the converter) computes all four
# from them and stores them in the slots, so a score is observably a plain VendorScore.
# No extra object per score: each one the garbage collector tracks slows a big ranking.

_EXPLANATION = ("knockouts", "warnings", "breakdown", "not_counted")
_SLOTS: tuple[Any, ...] = tuple(vars(VendorScore)[name] for name in _EXPLANATION)
_KNOCKOUTS, _WARNINGS, _BREAKDOWN, _NOT_COUNTED = _SLOTS
_RESOLVING = threading.RLock()


def _resolve(score: VendorScore) -> None:
    """Compute a pending score's explanation and store it (once, whatever the threads)."""
    with _RESOLVING:
        plan = _KNOCKOUTS.__get__(score)
        if not isinstance(plan, ScoringPlan):  # another thread got here first
            return
        full = plan._explained(_WARNINGS.__get__(score))  # noqa: SLF001 - the engine's own
        _WARNINGS.__set__(score, full.warnings)
        _BREAKDOWN.__set__(score, full.breakdown)
        _NOT_COUNTED.__set__(score, full.not_counted)
        _KNOCKOUTS.__set__(score, full.knockouts)  # last: the score is no longer pending


class _Explained:
    """Descriptor of one explanation field: the slot's value, computed on first read."""

    __slots__ = ("slot",)

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self.slot
        if isinstance(_KNOCKOUTS.__get__(instance), ScoringPlan):
            _resolve(instance)  # type: ignore[arg-type]
        return self.slot.__get__(instance, owner)

    def __set__(self, instance: object, value: Any) -> None:
        self.slot.__set__(instance, value)


for _name, _slot in zip(_EXPLANATION, _SLOTS, strict=True):
    setattr(VendorScore, _name, _Explained(_slot))

_new_object = object.__new__
_set_vendor, _set_on, _set_total, _set_eligible = (
    vars(VendorScore)[name].__set__ for name in ("vendor", "on", "total", "eligible")
)
_set_plan, _set_pending_vendor = _KNOCKOUTS.__set__, _WARNINGS.__set__


def _examples(entries: Iterable[Certification]) -> str:
    listed = list(entries)
    if not listed:
        return " (and no certification of the catalogue can count for it under these criteria)"
    ids = [e.id for e in listed if e.status is not SchemeStatus.WITHDRAWN][:3]
    return f" (such as {', '.join(ids)})" if ids else ""


def _exact(weight: float) -> Fraction:
    # The decimal the user wrote, not the binary float: 0.1 + 0.2 weighs as 0.3.
    return Fraction(repr(weight))


TOTAL_DECIMALS = 9
"""Totals and points are exact rationals rounded to this many decimals (a billionth of
a point): weights a program computed (1/6, 1/3 and 1/2 as floats) carry binary
errors of about 1e-16, so mathematically equal totals could otherwise differ in the
last bit and not tie."""
_QUANTUM: int = 10**TOTAL_DECIMALS


def _points(numerator: int, denominator: int) -> float:
    """``100 * numerator / denominator``, rounded half to even to TOTAL_DECIMALS decimals.

    Integer arithmetic, then one correctly rounded division: equal decimals give equal
    floats.
    """
    quotient, remainder = divmod(100 * _QUANTUM * numerator, denominator)
    twice = 2 * remainder
    if twice > denominator or (twice == denominator and quotient & 1):
        quotient += 1
    return quotient / _QUANTUM


def refusal(entry: Certification, criteria: BuyerCriteria) -> str | None:
    """Why a certificate of ``entry`` can never count under ``criteria``, or None."""
    if Party.PROVIDER not in entry.applies_to:
        return "it applies to clients of contact centres, not to the contact centre"
    if not entry.is_certification and not criteria.accept_ratings_and_awards:
        return (
            f"it is a {entry.kind.value}, not a certification, and the criteria "
            "do not accept ratings and awards (accept_ratings_and_awards)"
        )
    return None


def _id_problems(criteria: BuyerCriteria, catalog: Catalog) -> Iterator[Problem]:
    for name in ("required", "preferred_certifications"):
        for index, cid in enumerate(getattr(criteria, name)):
            path: tuple[PathPart, ...] = ("criteria", name, index)
            if cid not in catalog:
                yield from catalog.unknown(cid, path=path).problems
            elif (why := refusal(catalog[cid], criteria)) is not None:
                yield Problem(path, f"{cid!r} can never count: {why}")


def _criteria_warnings(criteria: BuyerCriteria, catalog: Catalog) -> Iterator[Finding]:
    for name in ("required", "preferred_certifications"):
        for cid in getattr(criteria, name):
            entry = catalog[cid]
            if entry.status is SchemeStatus.WITHDRAWN:
                successor = (
                    f"; its successor is {entry.superseded_by}" if entry.superseded_by else ""
                )
                year = entry.withdrawn or "an unknown year"
                yield Finding(
                    criterion=name,
                    message=f"{cid} was withdrawn in {year}{successor}",
                    certifications=(cid,),
                )
            if name == "required" and entry.france_only_staffing:
                yield Finding(
                    criterion=name,
                    message=f"requiring {cid}, a label tied to staff location, may conflict with "
                    "Directive 2014/24/EU art. 43 for a public buyer; accept equivalent proof",
                    certifications=(cid,),
                )
    countable = [e for e in catalog.values() if refusal(e, criteria) is None]
    for criterion, flag in _FLAG_RULES.items():
        need = criteria.need(criterion)
        if need is not Need.IGNORE and not any(flags_of(e) & flag for e in countable):
            outcome = "knocks every vendor out" if need is Need.REQUIRE else "is 0 for every vendor"
            yield Finding(
                criterion=criterion,
                message=f"no certification of the catalogue that can count meets {criterion}: "
                f"the criterion {outcome}",
            )
    if criteria.france_only is not Need.IGNORE:
        yield Finding(
            criterion="france_only",
            message="France-only staffing is the buyer's own rule; a public buyer must check it "
            "against the non-discrimination principle of Directive 2014/24/EU",
            countries=("FR",),
        )
    for key in sorted(criteria.weights):
        if (need := criteria.need(key)) is not Need.PREFER:
            yield Finding(
                criterion=key,
                message=f"the weight of {key} has no effect: the criterion is {need.value}",
            )


def check_criteria(criteria: BuyerCriteria, catalog: Catalog | None = None) -> tuple[Finding, ...]:
    """Validate criteria against a catalogue; return the warnings about them.

    Raises:
        InputError: an unknown id (with the closest known ids), or an id no vendor
            could ever count (a buyer-side standard, or a rating when ratings are
            not accepted).
    """
    expect_instance(criteria, BuyerCriteria, "criteria")
    catalog = checked_catalog(catalog)
    problems = list(_id_problems(criteria, catalog))
    if problems:
        raise InputError(problems)
    return tuple(_criteria_warnings(criteria, catalog))


class ScoringPlan:
    """Criteria validated against a catalogue and compiled for a date.

    Build one per ranking; :meth:`score` then does no validation and one
    dictionary look-up per certificate.
    """

    def __init__(
        self,
        criteria: BuyerCriteria,
        *,
        on: dt.date | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        expect_instance(criteria, BuyerCriteria, "criteria")
        if on is None:
            on = dt.date.today()  # noqa: DTZ011 - a calendar date, local by design
        elif isinstance(on, dt.datetime) or not isinstance(on, dt.date):
            raise InputError.at(("on",), f"{on!r} is not a date")
        catalog = checked_catalog(catalog)
        self.criteria = criteria
        self.on = on
        self.catalog = catalog
        self.warnings = check_criteria(criteria, catalog)
        self._weighted = tuple(c for c in CRITERIA if criteria.need(c) is Need.PREFER)
        self._required_rules = tuple(c for c in CRITERIA if criteria.need(c) is Need.REQUIRE)
        exact = [_exact(criteria.weight(c)) for c in self._weighted]
        scale = math.lcm(*(w.denominator for w in exact)) if exact else 1
        self._int_weights = {c: int(w * scale) for c, w in zip(self._weighted, exact, strict=True)}
        self._weight_sum = sum(self._int_weights.values())
        if self._weighted and self._weight_sum == 0:
            raise InputError.at(
                ("criteria", "weights"),
                "the weights of the preferred criteria "
                f"({', '.join(self._weighted)}) are all 0; give at least one a positive weight",
            )
        accepted = tuple(self._accepted(cid) for cid in criteria.required)
        self._grants = {cid: self._grant(entry) for cid, entry in catalog.items()}
        self._compile_verdict()
        countable = [e for e in catalog.values() if refusal(e, criteria) is None]
        self.context = Context(
            criteria=criteria,
            on=on,
            accepted=accepted,
            examples=MappingProxyType(
                {
                    criterion: _examples(e for e in countable if flags_of(e) & flag)
                    for criterion, flag in {**_FLAG_RULES, "france_only": FRANCE_ONLY}.items()
                }
            ),
        )

    def _compile_verdict(self) -> None:
        """The tables :meth:`_verdict` reads: everything it can know before any vendor.

        A counting certificate's contribution is one int of bits: the rule flags, then
        one bit per required id (from ``_REQUIRED_SHIFT``), then one bit per preferred
        id (from ``_preferred_shift``). A vendor's bits are the union over its counting
        certificates.
        """
        criteria = self.criteria
        self._preferred_shift = _REQUIRED_SHIFT + len(criteria.required)
        cutoffs: dict[int, dt.date] = {}
        self._gives: dict[str, tuple[int, dt.date | None]] = {}
        for cid, grant in self._grants.items():
            bits = 0
            if grant.refusal is None:
                bits = grant.flags
                for index in grant.required:
                    bits |= 1 << (_REQUIRED_SHIFT + index)
                for index in grant.preferred:
                    bits |= 1 << (self._preferred_shift + index)
            years = grant.entry.validity_years
            cutoff = None
            if years is not None:
                if years not in cutoffs:
                    cutoffs[years] = earliest_counting_start(years, self.on)
                cutoff = cutoffs[years]
            self._gives[cid] = (bits, cutoff)
        self._must = sum(1 << (_REQUIRED_SHIFT + i) for i in range(len(criteria.required)))
        for criterion, flag in _FLAG_RULES.items():
            if criterion in self._required_rules:
                self._must |= flag
        # Points of the 0/1 criteria, by the flags present (bits & 7).
        self._flag_points = tuple(
            sum(
                self._int_weights.get(criterion, 0)
                for criterion, flag in _FLAG_RULES.items()
                if present & flag
            )
            for present in range(8)
        )
        self._france_needed = criteria.france_only is not Need.IGNORE
        self._france_required = criteria.france_only is Need.REQUIRE
        self._france_weight = self._int_weights.get("france_only", 0)
        self._preferred_weight = self._int_weights.get("preferred_certifications", 0)
        self._preferred_count = len(criteria.preferred_certifications) or 1

    def _verdict(self, vendor: Vendor) -> tuple[bool, float] | None:
        """Eligibility and total, exactly as the rules give them; ``None``: an unknown id.

        The same rules as :meth:`_explained`, on bits and integers: no evidence,
        outcome or finding is built. The total is the same exact rational, as one
        integer division rounded once, so the same float.
        """
        on = self.on
        gives = self._gives
        bits = 0
        for certificate in vendor.certificates:
            grant = gives.get(certificate.certification)
            if grant is None:
                return None
            adds, cutoff = grant
            if (
                not adds  # never counts, or counts for nothing
                or certificate.status is not _ACTIVE
                or on < (start := certificate.valid_from)
            ):
                continue
            until = certificate.valid_until
            if until is None:
                if cutoff is not None and start < cutoff:
                    continue  # the catalogue's validity ended before ``on``
            elif on > until:
                continue
            bits |= adds
        eligible = bits & self._must == self._must
        staff, in_france = 1, 0
        if self._france_needed:
            staff, in_france, met = _france_share(vendor.sites, bits & FRANCE_ONLY)
            if self._france_required and not met:
                eligible = False
        if not self._weighted:
            return eligible, 100.0
        held = (bits >> self._preferred_shift).bit_count()
        count = self._preferred_count
        numerator = (
            self._flag_points[bits & 7] * staff + self._france_weight * in_france
        ) * count + self._preferred_weight * held * staff
        return eligible, _points(numerator, staff * count * self._weight_sum)

    def _accepted(self, certification: str) -> frozenset[str]:
        if self.criteria.accept_equivalents:
            return self.catalog.accepted_for(certification)
        return frozenset({certification})

    def _grant(self, entry: Certification) -> Grant:
        criteria = self.criteria
        return Grant(
            entry=entry,
            flags=flags_of(entry),
            required=tuple(
                i for i, cid in enumerate(criteria.required) if entry.id in self._accepted(cid)
            ),
            preferred=tuple(
                i
                for i, cid in enumerate(criteria.preferred_certifications)
                if entry.id in self._accepted(cid)
            ),
            refusal=refusal(entry, criteria),
        )

    def evidence(
        self, vendor: Vendor, *, path: tuple[PathPart, ...] = ("vendor",)
    ) -> tuple[Evidence, tuple[Finding, ...]]:
        """What the vendor's certificates establish on the date, and those that do not count."""
        counted: list[Counted] = []
        not_counted: list[Finding] = []
        problems: list[Problem] = []
        flags = 0
        for index, certificate in enumerate(vendor.certificates):
            grant = self._grants.get(certificate.certification)
            if grant is None:
                cid = certificate.certification
                where = (*path, "certificates", index, "certification")
                problems.extend(self.catalog.unknown(cid, path=where).problems)
                continue
            end = effective_end(certificate, grant.entry)
            reason = grant.refusal or not_counting_reason(certificate, end, self.on)
            if reason is None:
                counted.append(Counted(certificate, grant, end))
                flags |= grant.flags
            else:
                not_counted.append(
                    Finding(
                        criterion="certificates",
                        message=f"{_label(certificate)} does not count: {reason}",
                        certifications=(certificate.certification,),
                    )
                )
        if problems:
            raise InputError(problems)
        return Evidence(vendor, tuple(counted), flags), tuple(not_counted)

    def score(self, vendor: Vendor, *, path: tuple[PathPart, ...] = ("vendor",)) -> VendorScore:
        """Score one vendor; ``path`` prefixes the field path of any error.

        The total and eligibility are computed now; the explanation (knock-outs,
        warnings, breakdown, certificates not counted) when first read.
        """
        if not isinstance(vendor, Vendor):
            raise InputError.at(path, f"{type(vendor).__name__} is not a Vendor")
        verdict = self._verdict(vendor)
        if verdict is None:
            raise self._unknown_ids(vendor, path)
        eligible, total = verdict
        # A VendorScore built slot by slot, its explanation pending (see _resolve); not
        # validated: these are the engine's own values.
        score: VendorScore = _new_object(VendorScore)
        _set_vendor(score, vendor.name)
        _set_on(score, self.on)
        _set_total(score, total)
        _set_eligible(score, eligible)
        _set_plan(score, self)
        _set_pending_vendor(score, vendor)
        return score

    def _unknown_ids(self, vendor: Vendor, path: tuple[PathPart, ...]) -> InputError:
        problems: list[Problem] = []
        for index, certificate in enumerate(vendor.certificates):
            cid = certificate.certification
            if cid not in self._grants:
                where = (*path, "certificates", index, "certification")
                problems.extend(self.catalog.unknown(cid, path=where).problems)
        return InputError(problems)

    def _explained(self, vendor: Vendor) -> VendorScore:
        """Score one vendor with its whole explanation computed now, from the rules.

        :meth:`score` gives the same score; it computes the explanation only when
        it is read.
        """
        evidence, not_counted = self.evidence(vendor)
        context = self.context
        knockouts: list[Finding] = []
        warnings = list(self._certificate_warnings(evidence))
        breakdown: list[CriterionScore] = []
        if self.criteria.required:
            outcome, missing = rules.required(evidence, context)
            knockouts.extend(missing)
            breakdown.append(_row("required", Need.REQUIRE, outcome))
        for criterion in self._required_rules:
            outcome = RULES[criterion](evidence, context)
            warnings.extend(outcome.warnings)
            if not outcome.met:
                knockouts.append(
                    Finding(
                        criterion=criterion, message=outcome.failure, countries=outcome.countries
                    )
                )
            breakdown.append(_row(criterion, Need.REQUIRE, outcome))
        numerator, denominator = 0, 1
        for criterion in self._weighted:
            outcome = RULES[criterion](evidence, context)
            warnings.extend(outcome.warnings)
            weight, value = self._int_weights[criterion], outcome.value
            numerator = numerator * value.denominator + weight * value.numerator * denominator
            denominator *= value.denominator
            points = _points(weight * value.numerator, value.denominator * self._weight_sum)
            breakdown.append(
                _row(criterion, Need.PREFER, outcome, self.criteria.weight(criterion), points)
            )
        # Exact rational total, rounded once: equal totals are equal floats.
        total = _points(numerator, denominator * self._weight_sum) if self._weighted else 100.0
        breakdown.sort(key=lambda row: _BREAKDOWN_ORDER.index(row.criterion))
        return VendorScore(
            vendor=vendor.name,
            on=self.on,
            total=total,
            eligible=not knockouts,
            knockouts=tuple(knockouts),
            warnings=tuple(warnings),
            breakdown=tuple(breakdown),
            not_counted=not_counted,
        )

    def _certificate_warnings(self, evidence: Evidence) -> Iterator[Finding]:
        until = self.criteria.valid_through
        for counted in evidence.counted:
            certificate, end = counted.certificate, counted.end
            withdrawn = counted.grant.entry.withdrawn
            if withdrawn is not None and certificate.valid_from.year > withdrawn:
                yield Finding(
                    criterion="certificates",
                    message=f"{_label(certificate)} is dated {certificate.valid_from.isoformat()}, "
                    f"after {certificate.certification} was withdrawn in {withdrawn}: "
                    "check it with the certifying body",
                    certifications=(certificate.certification,),
                )
            if end is None:
                yield Finding(
                    criterion="certificates",
                    message=f"{_label(certificate)} has no end date and the catalogue gives no "
                    "validity: treated as valid; ask the vendor for the expiry date",
                    certifications=(certificate.certification,),
                )
            elif until is not None and end < until:
                yield Finding(
                    criterion="valid_through",
                    message=f"{_label(certificate)} ends on {end.isoformat()}, before the "
                    f"contract end {until.isoformat()}",
                    certifications=(certificate.certification,),
                )
        # Whatever the criteria: a label that the vendor's own declaration contradicts
        # is worth a buyer's question, even when staff location is not a criterion.
        labels = evidence.holders(FRANCE_ONLY)
        sites = evidence.vendor.sites or ()
        if labels and (abroad := outside_france(site.country for site in sites)):
            yield Finding(
                criterion="france_only",
                message=f"{', '.join(labels)} attests France-only staffing, yet the vendor "
                f"declares sites in {', '.join(abroad)}: the declared sites prevail",
                certifications=labels,
                countries=abroad,
            )


_BREAKDOWN_ORDER = ("required", *CRITERIA)
_ACTIVE = CertificateStatus.ACTIVE
_REQUIRED_SHIFT = 4
"""The rule flags (RESULTS, MEANS, CSR, FRANCE_ONLY) take the four lowest bits."""
_FLAG_RULES = {"results_obligation": RESULTS, "means_obligation": MEANS, "csr": CSR}


def _row(
    criterion: str, need: Need, outcome: Outcome, weight: float = 0.0, points: float = 0.0
) -> CriterionScore:
    return CriterionScore(
        criterion=criterion,
        need=need,
        met=outcome.met,
        value=float(outcome.value),
        weight=weight,
        contribution=points,
        certificates=outcome.certificates,
        detail=outcome.detail,
    )


def _france_share(sites: tuple[Site, ...] | None, label: int) -> tuple[int, int, bool]:
    """``france_only`` as :func:`rules.france_only` decides it: (staff, in France, met).

    The value is in France / staff: agents, or sites when no agents are declared, or
    the France-only label (1 of 1, or 0 of 1) when no site is declared.
    """
    if sites is None:
        return (1, 1, True) if label else (1, 0, False)
    staff = in_france = sites_in_france = 0
    for site in sites:
        agents = site.agents
        staff += agents
        if site.country in FRANCE:
            in_france += agents
            sites_in_france += 1
    met = sites_in_france == len(sites)
    if not staff:  # no agents declared: the share of sites
        return len(sites), sites_in_france, met
    return staff, in_france, met


def _label(certificate: HeldCertificate) -> str:
    number = f" no. {certificate.certificate_number}" if certificate.certificate_number else ""
    return f"the {certificate.certification} certificate{number}"


def score_vendor(
    vendor: Vendor,
    criteria: BuyerCriteria,
    *,
    on: dt.date | None = None,
    catalog: Catalog | None = None,
) -> VendorScore:
    """Score one vendor against the buyer's criteria.

    Args:
        vendor: the vendor and its certificates and sites.
        criteria: what the buyer requires and prefers.
        on: the date certificates must be valid on (default: today).
        catalog: the catalogue to read certifications from (default: :data:`CATALOG`).

    Returns:
        The total (0..100), eligibility, knock-outs, warnings and the breakdown.
        Warnings about the criteria themselves (a withdrawn id, a France-only rule)
        are not repeated on each vendor: :func:`check_criteria` returns them, and
        :func:`~callcenter_certs.rank_vendors` puts them on ``Ranking.warnings``.

    Raises:
        InputError: an unknown certification id (with the closest known ids), or
            criteria that no vendor could meet.

    Examples:
        >>> from datetime import date
        >>> vendor = Vendor("Acme", [HeldCertificate("nf-345", date(2025, 1, 1))])
        >>> score = score_vendor(vendor, BuyerCriteria(results_obligation=Need.PREFER),
        ...                      on=date(2026, 6, 1))
        >>> score.total, score.eligible
        (100.0, True)
    """
    return ScoringPlan(criteria, on=on, catalog=catalog).score(vendor)
