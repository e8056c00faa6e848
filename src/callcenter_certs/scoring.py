"""Score vendors against a buyer's criteria, explaining every point.

The criteria are validated and compiled once into a [`ScoringPlan`][callcenter_certs.ScoringPlan]
(catalogue
look-ups resolved, weights made exact, one [`Criterion`][callcenter_certs.rules.Criterion]
per active criterion); the plan then scores any number of vendors. Every number comes
from the criteria's ``measure``; every word from their ``explain``, which reads the
same measure.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import MappingProxyType

import attrs

from ._i18n import N_, Joined, Message, cert, certs, check_lang, joined, msg, text_of
from ._text import describe
from ._text import name_key as _name_key
from ._validators import NOT_WRITTEN
from .catalogue import Catalog, _checked_catalog
from .certifications import Certification, Kind, Party, SchemeStatus
from .countries import _outside_france
from .criteria import Better, BuyerCriteria, Need
from .errors import InputError, Problem, _expect_instance, _PathPart, _same_name
from .findings import Finding, _finding
from .rules import (
    _FLAGS,
    _FRANCE_ONLY,
    _REQUIRED_SHIFT,
    BadFigureError,
    Counted,
    Criterion,
    Evidence,
    FigureCriterion,
    Measure,
    References,
    _exact,
    _figure_criteria,
    _flags_of,
    built_in,
)
from .validity import _earliest_counting_start, _effective_end
from .vendors import CertificateStatus, HeldCertificate, Site, Vendor, _vendor_list

__all__ = [
    "TOTAL_DECIMALS",
    "CriterionScore",
    "ScoringPlan",
    "VendorScore",
    "check_criteria",
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
    """Fully met; for a figure: given and within its thresholds."""
    value: float
    """In [0, 1]: 1 when fully met."""
    weight: float
    """Weight in the total; 0 for a knock-out criterion."""
    contribution: float
    """Points this criterion adds to the total (out of 100)."""
    certificates: tuple[str, ...] = ()
    """Ids of the counting certificates that earned it."""
    detail: str = ""
    """The measure in words, in English."""
    figure: float | None = None
    """The vendor's value of a figure criterion (its price, its mark); ``None`` otherwise."""
    detail_words: Message | None = attrs.field(
        default=None, eq=False, repr=False, metadata={NOT_WRITTEN: True}
    )
    """The detail's template and values, to say it in another language
    (`detail_text`); ``None`` when read back from a file. Not part of equality, and
    never written."""

    def detail_text(self, lang: str = "en", *, catalog: Catalog | None = None) -> str:
        """The detail in ``lang`` (``"en"`` or ``"fr"``); see `Finding.text`."""
        check_lang(lang)
        if lang == "en":
            return self.detail
        if self.detail_words is not None:
            return self.detail_words.text(lang, catalog)
        return text_of(self.detail, lang, catalog)


@attrs.frozen(kw_only=True)
class VendorScore:
    """A vendor's score: total, eligibility and the reasons for both."""

    vendor: str
    """The vendor's name."""
    on: dt.date
    """The date the certificates were checked on."""
    total: float
    """0..100: the weighted share of preferred criteria met, computed exactly and
    rounded once to `TOTAL_DECIMALS` decimals (100 when nothing is preferred)."""
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

    def explain(self, *, lang: str = "en") -> str:
        """A short text: each criterion, each knock-out, each warning.

        ``lang``: ``"en"`` (the default) or ``"fr"``, in which every sentence is French,
        numbers have a decimal comma, dates read ``30/06/2026`` and certifications go by
        their French names.
        """
        from .explain import _render_score  # noqa: PLC0415 - explain formats this class

        return _render_score(self, lang=check_lang(lang))

    def _repr_html_(self) -> str:
        """The score as an HTML table, for Jupyter (every text escaped)."""
        from ._rows import score_html  # noqa: PLC0415 - for notebooks only

        return score_html(self)


def _examples(entries: Iterable[Certification]) -> str | Message:
    listed = list(entries)
    if not listed:
        return msg(" (and no certification of the catalogue can count for it under these criteria)")
    ids = [e.id for e in listed if e.status is not SchemeStatus.WITHDRAWN][:3]
    return msg(" (such as {ids})", ids=certs(ids)) if ids else ""


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


def _refusal(entry: Certification, criteria: BuyerCriteria) -> str | None:
    """Why a certificate of ``entry`` can never count under ``criteria``, or None."""
    if Party.PROVIDER not in entry.applies_to:
        return N_("it applies to clients of contact centres, not to the contact centre")
    if entry.kind is Kind.RATING and not criteria.accept_ratings:
        return N_(
            "it is a rating, not a certification, and the criteria do not accept ratings "
            "(accept_ratings)"
        )
    if entry.kind is Kind.AWARD and not criteria.accept_awards:
        return N_(
            "it is an award, not a certification, and the criteria do not accept awards "
            "(accept_awards)"
        )
    return None


def _id_problems(criteria: BuyerCriteria, catalog: Catalog) -> Iterator[Problem]:
    for name in ("required", "preferred_certifications"):
        for index, cid in enumerate(getattr(criteria, name)):
            path: tuple[_PathPart, ...] = ("criteria", name, index)
            if cid not in catalog:
                yield from catalog.unknown(cid, path=path).problems
            elif (why := _refusal(catalog[cid], criteria)) is not None:
                yield Problem(path, f"{cid!r} can never count: {why}")
    yield from _rule_id_problems(criteria, catalog)


def _rule_id_problems(criteria: BuyerCriteria, catalog: Catalog) -> Iterator[Problem]:
    """Ids and levels of ``minimum_levels`` and ``equivalents`` the catalogue does not know."""
    for cid, level in criteria.minimum_levels.items():
        path = ("criteria", "minimum_levels", cid)
        if cid not in catalog:
            yield from catalog.unknown(cid, path=path).problems
        elif (message := catalog[cid].level_problem(level)) is not None:
            yield Problem(path, message)
    for cid, ids in criteria.equivalents.items():
        path = ("criteria", "equivalents", cid)
        if cid not in catalog:
            yield from catalog.unknown(cid, path=path).problems
        for index, other in enumerate(ids):
            where: tuple[_PathPart, ...] = (*path, index)
            if other not in catalog:
                yield from catalog.unknown(other, path=where).problems
            elif (why := _refusal(catalog[other], criteria)) is not None:
                yield Problem(where, f"{other!r} can never count: {why}")


def _criteria_warnings(criteria: BuyerCriteria, catalog: Catalog) -> Iterator[Finding]:
    yield from _id_warnings(criteria, catalog)
    yield from _rule_warnings(criteria, catalog)
    for figure in criteria.figures:
        if figure.better is Better.LOWER and figure.minimum is not None:
            yield _finding(
                figure.name,
                msg(
                    "the minimum of {name} knocks out the lowest offers: a public buyer may "
                    "not reject an offer as abnormally low without asking the vendor to "
                    "justify it (Code de la commande publique L2152-5, R2152-3); use "
                    "abnormally_low instead",
                    name=figure.name,
                ),
            )
    listed = {*criteria.required, *criteria.preferred_certifications}
    for cid in criteria.equivalents:
        if cid not in listed:
            yield _finding(
                "equivalents",
                msg(
                    "the equivalents of {cid} have no effect: {cid} is neither required "
                    "nor preferred",
                    cid=cert(cid),
                ),
                certifications=(cid,),
            )
    for key in sorted(criteria.weights):
        if (need := criteria.need(key)) is not Need.PREFER:
            yield _finding(
                key,
                msg(
                    "the weight of {key} has no effect: the criterion is {need}",
                    key=key,
                    need=msg(_NEEDS[need]),
                ),
            )


_NEEDS = {Need.IGNORE: N_("ignore"), Need.PREFER: N_("prefer"), Need.REQUIRE: N_("require")}
"""A need as the criteria file writes it, marked for translation."""
_STATUSES = {
    CertificateStatus.ACTIVE: N_("active"),
    CertificateStatus.INACTIVE: N_("inactive"),
    CertificateStatus.SUSPENDED: N_("suspended"),
    CertificateStatus.CANCELLED: N_("cancelled"),
    CertificateStatus.DRAFT: N_("draft"),
    CertificateStatus.WITHDRAWN: N_("withdrawn"),
    CertificateStatus.EXPIRED: N_("expired"),
}
"""A certificate's status as the register writes it, marked for translation."""


def _id_warnings(criteria: BuyerCriteria, catalog: Catalog) -> Iterator[Finding]:
    for name in ("required", "preferred_certifications"):
        for cid in getattr(criteria, name):
            entry = catalog[cid]
            if entry.status is SchemeStatus.WITHDRAWN:
                successor = _successor(entry)
                year = entry.withdrawn or msg("an unknown year")
                yield _finding(
                    name,
                    msg(
                        "{cid} was withdrawn in {year}{successor}",
                        cid=cert(cid),
                        year=year,
                        successor=successor,
                    ),
                    certifications=(cid,),
                )
            if name == "required" and entry.france_only_staffing:
                yield _finding(
                    name,
                    msg(
                        "requiring {cid}, a label tied to staff location, may conflict with "
                        "Directive 2014/24/EU art. 43 for a public buyer; accept equivalent proof",
                        cid=cert(cid),
                    ),
                    certifications=(cid,),
                )


def _successor(entry: Certification) -> str | Message:
    """``; its successor is X`` for a superseded entry, else nothing."""
    if not entry.superseded_by:
        return ""
    return msg("; its successor is {cid}", cid=cert(entry.superseded_by))


def _rule_warnings(criteria: BuyerCriteria, catalog: Catalog) -> Iterator[Finding]:
    countable = [e for e in catalog.values() if _refusal(e, criteria) is None]
    for criterion, flag in _FLAGS.items():
        need = criteria.need(criterion)
        if need is not Need.IGNORE and not any(_flags_of(e) & flag for e in countable):
            words = (
                msg(
                    "no certification of the catalogue that can count meets {criterion}: "
                    "the criterion knocks every vendor out",
                    criterion=criterion,
                )
                if need is Need.REQUIRE
                else msg(
                    "no certification of the catalogue that can count meets {criterion}: "
                    "the criterion is 0 for every vendor",
                    criterion=criterion,
                )
            )
            yield _finding(criterion, words)
    if criteria.france_only is not Need.IGNORE:
        yield _finding(
            "france_only",
            msg(
                "France-only staffing is the buyer's own rule; a public buyer must check it "
                "against the non-discrimination principle of Directive 2014/24/EU"
            ),
            countries=("FR",),
        )


def check_criteria(criteria: BuyerCriteria, catalog: Catalog | None = None) -> tuple[Finding, ...]:
    """Validate criteria against a catalogue; return the warnings about them.

    Raises:
        InputError: an unknown id (with the closest known ids), or an id no vendor
            could ever count (a buyer-side standard, or a rating when ratings are
            not accepted).
    """
    _expect_instance(criteria, BuyerCriteria, "criteria")
    catalog = _checked_catalog(catalog)
    problems = list(_id_problems(criteria, catalog))
    if problems:
        raise InputError(problems)
    return tuple(_criteria_warnings(criteria, catalog))


_ACTIVE = CertificateStatus.ACTIVE
_NO_REFERENCES: References = MappingProxyType({})


def _not_counting(
    certificate: HeldCertificate,
    on: dt.date,
    cutoff: dt.date | None,
    entry: Certification,
    *,
    minimum: int | None = None,
    sites: tuple[Site, ...] | None = None,
) -> str | None:
    """Why a certificate does not count on ``on``; None: it counts.

    The one counting rule, for the numbers and the words alike. ``cutoff`` is
    `_earliest_counting_start` of the catalogue's
    validity: a certificate without an end date counts while its start is on or
    after it. A certificate dated before its scheme's first year never counts (a
    typing mistake), nor one dated after the year its scheme was withdrawn; one of a
    withdrawn scheme issued before counts until its own end. ``minimum`` is the
    position of the buyer's minimum level in the entry's levels: a certificate below
    it, or stating no level, does not count. ``sites`` are the vendor's declared
    sites when the buyer requires site coverage: a certificate naming its sites counts
    only if it names every one.
    """
    if certificate.status is not _ACTIVE:
        return "status"
    start = certificate.valid_from
    if on < start:
        return "not yet valid"
    if (outside := _outside_scheme(start.year, entry)) is not None:
        return outside
    until = certificate.valid_until
    if until is None:
        if cutoff is not None and start < cutoff:
            return "expired"
    elif on > until:
        return "expired"
    # Most criteria have neither rule: no call.
    no_rule = minimum is None and sites is None
    return None if no_rule else _below_buyer_rules(certificate, entry, minimum, sites)


def _below_buyer_rules(
    certificate: HeldCertificate,
    entry: Certification,
    minimum: int | None,
    sites: tuple[Site, ...] | None,
) -> str | None:
    """The part of `_not_counting` from the buyer's own rules: level and coverage."""
    if minimum is not None:
        level = certificate.level
        if level is None:
            return "level not stated"
        rank = entry.level_rank(level)
        if rank is not None and rank < minimum:
            return "below the minimum level"
    if sites is not None and certificate.sites is not None and _uncovered(certificate, sites):
        return "sites not covered"
    return None


def _uncovered(certificate: HeldCertificate, sites: Iterable[Site]) -> tuple[Site, ...]:
    """The declared sites a certificate naming its sites leaves out."""
    covered = certificate.sites or ()
    return tuple(site for site in sites if site.name is None or site.name not in covered)


def _outside_scheme(year: int, entry: Certification) -> str | None:
    """Why a certificate dated ``year`` is outside its scheme's life, or None."""
    if entry.first_published is not None and year < entry.first_published:
        return "before the scheme"
    if entry.withdrawn is not None and year > entry.withdrawn:
        return "after the withdrawal"
    return None


_Give = tuple[int, dt.date | None, Certification, str | None, int | None]
"""Per catalogue id: the bits a counting certificate gives, the validity cutoff, the
entry, why it can never count (or None), and the position of the buyer's minimum level
(or None)."""


class _Row:
    """An active criterion of a plan: its definition, need, exact weight and knock-out.

    ``weight`` is the integer weight when weighted (exact, on the plan's common
    scale), else None. A plain class, as `_Offers`: an attrs class costs about 3 M
    instructions of start-up (see the cold start in docs/performance.md).
    """

    __slots__ = ("definition", "knocks_out", "need", "weight")

    def __init__(
        self, *, definition: Criterion, need: Need, weight: int | None, knocks_out: bool
    ) -> None:
        self.definition = definition
        self.need = need
        self.weight = weight
        self.knocks_out = knocks_out


@attrs.frozen(init=False)
class ScoringPlan:
    """Criteria validated against a catalogue and compiled for a date; immutable.

    Build one per ranking; it then scores any number of vendors with no further
    validation and one dictionary look-up per certificate.
    """

    criteria: BuyerCriteria
    on: dt.date
    catalog: Catalog
    warnings: tuple[Finding, ...]
    """Warnings about the criteria themselves (see
    [`check_criteria`][callcenter_certs.check_criteria])."""
    rows: tuple[_Row, ...] = attrs.field(repr=False, eq=False)
    """The active criteria, in breakdown order."""
    weight_sum: int = attrs.field(repr=False, eq=False)
    _gives: MappingProxyType[str, _Give] = attrs.field(repr=False, eq=False)
    _steps: tuple[tuple[Callable[[int, Vendor, References], Measure], int | None, bool], ...] = (
        attrs.field(repr=False, eq=False)
    )
    """Per active criterion, what `measure` runs: its measure, weight, knock-out."""
    _relative_steps: tuple[tuple[Callable[[int, Vendor, References], Measure], int], ...] = (
        attrs.field(repr=False, eq=False)
    )
    """The weighted relative figures' measures and weights, for `add_relative`."""

    def __init__(
        self,
        criteria: BuyerCriteria,
        *,
        on: dt.date | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        _expect_instance(criteria, BuyerCriteria, "criteria")
        if on is None:
            on = dt.date.today()  # noqa: DTZ011 - a calendar date, local by design
        elif isinstance(on, dt.datetime) or not isinstance(on, dt.date):
            raise InputError.at(("on",), f"{on!r} is not a date")
        catalog = _checked_catalog(catalog)
        warnings = check_criteria(criteria, catalog)
        set_field = object.__setattr__
        set_field(self, "criteria", criteria)
        set_field(self, "on", on)
        set_field(self, "catalog", catalog)
        accepted = self._accepted

        countable = [e for e in catalog.values() if _refusal(e, criteria) is None]
        definitions: dict[str, Criterion] = {
            **built_in(
                examples=lambda flag: _examples(e for e in countable if _flags_of(e) & flag),
                required=criteria.required,
                preferred=criteria.preferred_certifications,
                accepted=accepted,
                on=on,
                by_buyer=self._by_buyer,
            ),
            **_figure_criteria(criteria.figures),
        }
        needs = {"required": Need.REQUIRE if criteria.required else Need.IGNORE}
        needs.update((name, criteria.need(name)) for name in criteria.names)
        weighted = [name for name in definitions if needs[name] is Need.PREFER]
        exact_weights = [_exact(criteria.weight(name)) for name in weighted]
        scale = math.lcm(*(w.denominator for w in exact_weights)) if exact_weights else 1
        weights = {name: int(w * scale) for name, w in zip(weighted, exact_weights, strict=True)}
        weight_sum = sum(weights.values())
        if weighted and weight_sum == 0:
            raise InputError.at(
                ("criteria", "weights"),
                "the weights of the preferred criteria "
                f"({', '.join(weighted)}) are all 0; give at least one a positive weight",
            )
        rows = tuple(
            _Row(
                definition=definition,
                need=needs[name],
                weight=weights.get(name),
                knocks_out=needs[name] is Need.REQUIRE or definition.knocks_out,
            )
            for name, definition in definitions.items()
            if needs[name] is not Need.IGNORE
        )
        set_field(self, "warnings", warnings)
        set_field(self, "rows", rows)
        set_field(self, "weight_sum", weight_sum)
        set_field(self, "_gives", MappingProxyType(self._compile_gives()))
        steps = tuple((row.definition.measure, row.weight, row.knocks_out) for row in rows)
        set_field(self, "_steps", steps)
        relative = tuple(
            (row.definition.measure, row.weight)
            for row in rows
            if row.weight
            and isinstance(row.definition, FigureCriterion)
            and row.definition.relative
        )
        set_field(self, "_relative_steps", relative)

    def _compile_gives(self) -> dict[str, _Give]:
        """What a counting certificate of each catalogue id gives, as bits.

        Its rule flags, then one bit per required id it satisfies (from
        ``REQUIRED_SHIFT``), then one per preferred id; nothing when it never counts.
        """
        criteria = self.criteria
        required = [self._accepted(cid) for cid in criteria.required]
        preferred = [self._accepted(cid) for cid in criteria.preferred_certifications]
        shift = _REQUIRED_SHIFT + len(required)
        cutoffs: dict[int, dt.date] = {}
        gives = {}
        for cid, entry in self.catalog.items():
            why = _refusal(entry, criteria)
            bits = 0
            if why is None:
                bits = _flags_of(entry)
                for index, ids in enumerate(required):
                    if cid in ids:
                        bits |= 1 << (_REQUIRED_SHIFT + index)
                for index, ids in enumerate(preferred):
                    if cid in ids:
                        bits |= 1 << (shift + index)
            years = entry.validity_years
            cutoff = None
            if years is not None:
                if years not in cutoffs:
                    cutoffs[years] = _earliest_counting_start(years, self.on)
                cutoff = cutoffs[years]
            minimum = criteria.minimum_levels.get(cid)
            rank = None if minimum is None else entry.level_rank(minimum)
            gives[cid] = (bits, cutoff, entry, why, rank)
        return gives

    def _accepted(self, certification: str) -> frozenset[str]:
        """The ids whose certificates satisfy ``certification``.

        The catalogue's equivalents when accepted, and the buyer's own.
        """
        buyer = self.criteria.equivalents.get(certification, ())
        if self.criteria.accept_equivalents:
            return self.catalog.accepted_for(certification) | frozenset(buyer)
        return frozenset({certification, *buyer})

    def _by_buyer(self, certification: str) -> frozenset[str]:
        """The ids only the buyer's ``equivalents`` accept for ``certification``."""
        buyer = frozenset(self.criteria.equivalents.get(certification, ()))
        if self.criteria.accept_equivalents:
            return buyer - self.catalog.accepted_for(certification)
        return buyer - {certification}

    @property
    def relative(self) -> tuple[FigureCriterion, ...]:
        """The figures whose points depend on the other offers (PROPORTIONAL, LINEAR)."""
        return tuple(
            row.definition
            for row in self.rows
            if isinstance(row.definition, FigureCriterion) and row.definition.relative
        )

    # -- the numbers ----------------------------------------------------------------

    def bits(self, vendor: Vendor) -> int | None:
        """What the vendor's counting certificates establish; ``None``: an unknown id or level."""
        on = self.on
        gives = self._gives
        sites = vendor.sites if self.criteria.require_site_coverage else None
        bits = 0
        for certificate in vendor.certificates:
            give = gives.get(certificate.certification)
            if give is None:
                return None
            adds, cutoff, entry, _, minimum = give
            if certificate.level is not None and entry.level_rank(certificate.level) is None:
                return None
            if (
                adds
                and _not_counting(certificate, on, cutoff, entry, minimum=minimum, sites=sites)
                is None
            ):
                bits |= adds
        return bits

    def measure(
        self, vendor: Vendor, references: References = _NO_REFERENCES
    ) -> tuple[bool, int, int] | None:
        """``(eligible, numerator, denominator)`` of the weighted sum; ``None``: unknown id.

        The weighted sum is ``sum(weight * value)`` over the weighted criteria, exactly;
        without ``references``, relative figures count 0 (eligibility never depends on
        them). Raises [`BadFigureError`][callcenter_certs.rules.BadFigureError] for a figure value
        no scoring can take.
        """
        bits = self.bits(vendor)
        if bits is None:
            return None
        eligible = True
        numerator, denominator = 0, 1
        for measure, weight, knocks_out in self._steps:
            top, bottom, met = measure(bits, vendor, references)
            if knocks_out and not met:
                eligible = False
            if weight:
                if bottom == 1:  # most criteria: 0 or 1, or a share already summed in
                    numerator += weight * top * denominator
                else:
                    numerator = numerator * bottom + weight * top * denominator
                    denominator *= bottom
        return eligible, numerator, denominator

    def add_relative(
        self, vendor: Vendor, numerator: int, denominator: int, references: References
    ) -> tuple[int, int]:
        """The weighted sum with the relative figures' points added."""
        for measure, weight in self._relative_steps:
            top, bottom, _ = measure(0, vendor, references)
            numerator = numerator * bottom + weight * top * denominator
            denominator *= bottom
        return numerator, denominator

    def total(self, numerator: int, denominator: int) -> float:
        """The total of a weighted sum: out of 100, rounded once."""
        if not self.weight_sum:
            return 100.0
        return _points(numerator, denominator * self.weight_sum)

    def references(self, vendors: Sequence[Vendor], eligible: Sequence[bool]) -> References:
        """What each relative figure compares with: the eligible offers, or all if none is."""
        relative = self.relative
        if not relative:
            return _NO_REFERENCES
        pool = [v for v, ok in zip(vendors, eligible, strict=True) if ok]
        from_eligible = bool(pool)
        pool = pool or list(vendors)
        references = {}
        for definition in relative:
            values = [v.figures[definition.name] for v in pool if definition.name in v.figures]
            if values:
                references[definition.name] = definition.reference(values, eligible=from_eligible)
        return MappingProxyType(references)

    # -- the words ------------------------------------------------------------------

    def evidence(
        self, vendor: Vendor, *, path: tuple[_PathPart, ...] = ("vendor",)
    ) -> tuple[Evidence, tuple[Finding, ...]]:
        """What the vendor's certificates establish on the date, and those that do not count."""
        counted: list[Counted] = []
        not_counted: list[Finding] = []
        problems: list[Problem] = []
        bits = 0
        sites = vendor.sites if self.criteria.require_site_coverage else None
        for index, certificate in enumerate(vendor.certificates):
            give = self._gives.get(certificate.certification)
            if give is None:
                cid = certificate.certification
                where = (*path, "certificates", index, "certification")
                problems.extend(self.catalog.unknown(cid, path=where).problems)
                continue
            adds, cutoff, entry, never, minimum = give
            if certificate.level is not None and (
                message := entry.level_problem(certificate.level)
            ):
                problems.append(Problem((*path, "certificates", index, "level"), message))
                continue
            end = _effective_end(certificate, entry)
            why = never or _not_counting(
                certificate, self.on, cutoff, entry, minimum=minimum, sites=sites
            )
            if why is None:
                counted.append(Counted(certificate, entry, adds, end))
                bits |= adds
            else:
                not_counted.append(
                    _finding(
                        "certificates",
                        msg(
                            "{certificate} does not count: {reason}",
                            certificate=_label(certificate),
                            reason=self._reason(why, certificate, end, entry, vendor),
                        ),
                        certifications=(certificate.certification,),
                    )
                )
        if problems:
            raise InputError(problems)
        return Evidence(vendor, bits, tuple(counted)), tuple(not_counted)

    def explain(
        self,
        vendor: Vendor,
        references: References = _NO_REFERENCES,
        *,
        path: tuple[_PathPart, ...] = ("vendor",),
    ) -> VendorScore:
        """The vendor's whole score: the same numbers as `measure`, in words.

        See [`measure`][callcenter_certs.ScoringPlan.measure].
        """
        evidence, not_counted = self.evidence(vendor, path=path)
        knockouts: list[Finding] = []
        warnings = list(self._certificate_warnings(evidence))
        breakdown: list[CriterionScore] = []
        numerator, denominator = 0, 1
        figures: list[tuple[FigureCriterion, float]] = []
        for row in self.rows:
            definition = row.definition
            try:
                outcome = definition.explain(evidence, references)
            except BadFigureError as error:
                raise InputError.at((*path, "figures", error.figure), str(error)) from None
            warnings.extend(outcome.warnings)
            if row.knocks_out and not outcome.met:
                knockouts.extend(outcome.failures)
            weight, value = row.weight, outcome.value
            points = 0.0
            if weight is not None:
                numerator = numerator * value.denominator + weight * value.numerator * denominator
                denominator *= value.denominator
                points = _points(weight * value.numerator, value.denominator * self.weight_sum)
            if isinstance(definition, FigureCriterion) and outcome.figure is not None:
                figures.append((definition, outcome.figure))
            breakdown.append(
                CriterionScore(
                    criterion=definition.name,
                    need=row.need,
                    met=outcome.met,
                    value=float(value),
                    weight=0.0 if weight is None else self.criteria.weight(definition.name),
                    contribution=points,
                    certificates=outcome.certificates,
                    detail=outcome.detail,
                    figure=outcome.figure,
                    detail_words=outcome.detail_words,
                )
            )
        warnings.extend(self._unconfirmed_warnings(breakdown))
        if not knockouts:  # an eligible offer far below the others: ask, never exclude
            for definition, figure in figures:
                if (reference := references.get(definition.name)) is not None and (
                    warning := definition.abnormally_low(figure, reference)
                ) is not None:
                    warnings.append(warning)
        return VendorScore(
            vendor=vendor.name,
            on=self.on,
            total=self.total(numerator, denominator),
            eligible=not knockouts,
            knockouts=tuple(knockouts),
            warnings=tuple(warnings),
            breakdown=tuple(breakdown),
            not_counted=not_counted,
        )

    def score(self, vendor: Vendor, *, path: tuple[_PathPart, ...] = ("vendor",)) -> VendorScore:
        """Score one vendor on its own.

        Criteria with a relative figure need the other offers:
        [`score_vendor`][callcenter_certs.score_vendor]
        with ``among=``, or [`rank_vendors`][callcenter_certs.rank_vendors].
        """
        if not isinstance(vendor, Vendor):
            raise InputError.at(path, f"{type(vendor).__name__} is not a Vendor")
        if relative := self.relative:
            names = ", ".join(repr(d.name) for d in relative)
            which = f"the figures {names} are" if len(relative) > 1 else f"the figure {names} is"
            msg = f"{which} scored relative to the other offers: pass them with among=..."
            raise InputError.at(("among",), msg)
        return self.explain(vendor, path=path)

    def _reason(
        self,
        why: str,
        certificate: HeldCertificate,
        end: dt.date | None,
        entry: Certification,
        vendor: Vendor,
    ) -> Message:
        """The words for a reason `_not_counting` gives, with the buyer's rule it comes from."""
        minimum = self.criteria.minimum_levels.get(entry.id)
        if why == "level not stated":
            return msg(
                "it states no level, and the buyer's minimum level for {cid} is "
                "{minimum} (minimum_levels)",
                cid=cert(entry.id),
                minimum=minimum,
            )
        if why == "below the minimum level":
            return msg(
                "its level {level} is below the buyer's minimum level {minimum} "
                "for {cid} (minimum_levels)",
                level=certificate.level,
                minimum=minimum,
                cid=cert(entry.id),
            )
        if why == "sites not covered":
            names = _sites(_uncovered(certificate, vendor.sites or ()))
            return msg(
                "it does not cover the vendor's declared sites {sites}, and the buyer "
                "requires every declared site covered (require_site_coverage)",
                sites=names,
            )
        return _reason(why, certificate, end, entry)

    def _coverage_warnings(self, certificate: HeldCertificate, vendor: Vendor) -> Iterator[Finding]:
        """What a counting certificate says, or does not say, of the sites it covers."""
        declared = vendor.sites
        if not declared:
            return
        if certificate.sites is None:
            if self.criteria.require_site_coverage:
                yield _finding(
                    "certificates",
                    msg(
                        "{certificate} does not state the sites it covers: its scope is not "
                        "stated, so it counts for every declared site; ask the vendor for the "
                        "certificate's scope (require_site_coverage)",
                        certificate=_label(certificate),
                    ),
                    certifications=(certificate.certification,),
                )
            return
        uncovered = _uncovered(certificate, declared)
        if uncovered:  # with require_site_coverage, such a certificate does not count
            yield _finding(
                "certificates",
                msg(
                    "{certificate} does not cover the declared sites {sites}",
                    certificate=_label(certificate),
                    sites=_sites(uncovered),
                ),
                certifications=(certificate.certification,),
                countries=tuple(dict.fromkeys(site.country for site in uncovered)),
            )

    def _unconfirmed_warnings(self, breakdown: Iterable[CriterionScore]) -> Iterator[Finding]:
        """A scheme no recent source confirms, whose certificate decides a criterion."""
        decided: dict[str, list[str]] = {}
        for line in breakdown:
            for cid in line.certificates:
                if self.catalog[cid].status is SchemeStatus.UNCONFIRMED:
                    decided.setdefault(cid, []).append(line.criterion)
        for cid, criteria in decided.items():
            yield _finding(
                "certificates",
                msg(
                    "{cid} decides {criteria}, but no recent source confirms that the scheme "
                    "still runs: check the certificate with its issuer",
                    cid=cert(cid),
                    criteria=joined(criteria),
                ),
                certifications=(cid,),
            )

    def _certificate_warnings(self, evidence: Evidence) -> Iterator[Finding]:
        until = self.criteria.valid_through
        for counted in evidence.counted:
            certificate, end = counted.certificate, counted.end
            yield from self._coverage_warnings(certificate, evidence.vendor)
            if (overdue := _surveillance_warning(certificate, counted.entry, self.on)) is not None:
                yield overdue
            if end is None:
                yield _finding(
                    "certificates",
                    msg(
                        "{certificate} has no end date and the catalogue gives no validity: "
                        "treated as valid; ask the vendor for the expiry date",
                        certificate=_label(certificate),
                    ),
                    certifications=(certificate.certification,),
                )
            elif until is not None and end < until:
                yield _finding(
                    "valid_through",
                    msg(
                        "{certificate} ends on {end}, before the contract end {until}",
                        certificate=_label(certificate),
                        end=end,
                        until=until,
                    ),
                    certifications=(certificate.certification,),
                )
        # Whatever the criteria: a label that the vendor's own declaration contradicts
        # is worth a buyer's question, even when staff location is not a criterion.
        labels = evidence.holders(_FRANCE_ONLY)
        sites = evidence.vendor.sites or ()
        if labels and (abroad := _outside_france(site.country for site in sites)):
            yield _finding(
                "france_only",
                msg(
                    "{labels} attests France-only staffing, yet the vendor declares sites in "
                    "{countries}: the declared sites prevail",
                    labels=certs(labels),
                    countries=", ".join(abroad),
                ),
                certifications=labels,
                countries=abroad,
            )


def _sites(sites: Iterable[Site]) -> Joined:
    """Sites in words, comma-separated: a name, or the country and agents of an unnamed one."""
    return joined(
        site.name
        if site.name is not None
        else msg(
            "the unnamed site in {country} ({agents} agents)",
            country=site.country,
            agents=site.agents,
        )
        for site in sites
    )


def _surveillance_warning(
    certificate: HeldCertificate, entry: Certification, on: dt.date
) -> Finding | None:
    """A counting certificate whose surveillance audit is overdue, or None.

    Overdue: the last audit (or, without one, the start) older on ``on`` than the
    catalogue's audit interval plus three months (ISO/IEC 17021-1 9.1.3). It still
    counts: the register's status decides.
    """
    interval = entry.surveillance_interval_months
    if interval is None:
        return None
    audit = certificate.last_audit
    since = audit or certificate.valid_from
    due = _add_months(since, interval + _AUDIT_GRACE_MONTHS)
    if due is None or on <= due:  # None: after year 9999, never overdue
        return None
    last = (
        msg("its last audit was on {day}", day=audit)
        if audit is not None
        else msg("no audit is recorded since its start on {day}", day=since)
    )
    return _finding(
        "certificates",
        msg(
            "{certificate}: {last}, and {cid} is audited every {interval} months: a "
            "surveillance audit was due by {due} (the interval plus {grace} months, ISO/IEC "
            "17021-1 9.1.3); it still counts, but check its status in the register",
            certificate=_label(certificate),
            last=last,
            cid=cert(entry.id),
            interval=interval,
            due=due,
            grace=_AUDIT_GRACE_MONTHS,
        ),
        certifications=(certificate.certification,),
    )


_AUDIT_GRACE_MONTHS = 3
"""Months past the audit interval before a surveillance audit is called overdue."""


_DECEMBER = 11
"""December's number, counting the months from 0."""


def _add_months(day: dt.date, months: int) -> dt.date | None:
    """``day`` plus ``months`` calendar months, on the month's last day when it is shorter.

    ``None`` past the calendar's last year (9999).
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year > dt.MAXYEAR:
        return None
    # The month's length from the next month's first day (December's is 31):
    # `calendar` would cost 2 ms of start-up to every ranking that checks an audit.
    following = dt.date(year, month + 2, 1) if month < _DECEMBER else None
    last = 31 if following is None else (following - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(day.day, last))


def _reason(
    why: str, certificate: HeldCertificate, end: dt.date | None, entry: Certification
) -> Message:
    """The words for a reason `_not_counting` gives, or a catalogue refusal."""
    if why in {"before the scheme", "after the withdrawal"}:
        return _scheme_reason(why, certificate, entry)
    if why == "status":
        return msg("its status is {status}", status=msg(_STATUSES[certificate.status]))
    if why == "not yet valid":
        return msg("it is valid only from {day}", day=certificate.valid_from)
    if why == "expired" and end is not None:
        if entry.withdrawn is not None:
            return msg(
                "it expired on {day}; {cid} was withdrawn in {year}, so it is not renewed",
                day=end,
                cid=cert(entry.id),
                year=entry.withdrawn,
            )
        return msg("it expired on {day}", day=end)
    return msg(why)  # the catalogue's refusals (`_refusal`), marked there


def _scheme_reason(why: str, certificate: HeldCertificate, entry: Certification) -> Message:
    """Why a certificate dated outside its scheme's life does not count."""
    start = certificate.valid_from
    if why == "before the scheme":
        return msg(
            "it is dated {start}, before {cid} existed (first published in {year}): a typing "
            "mistake? check the date",
            start=start,
            cid=cert(entry.id),
            year=entry.first_published,
        )
    return msg(
        "it is dated {start}, after {cid} was withdrawn in {year}: no certificate is issued "
        "to a withdrawn scheme{successor}",
        start=start,
        cid=cert(entry.id),
        year=entry.withdrawn,
        successor=_successor(entry),
    )


def _label(certificate: HeldCertificate) -> Message:
    if certificate.certificate_number:
        return msg(
            "the {cid} certificate no. {number}",
            cid=cert(certificate.certification),
            number=certificate.certificate_number,
        )
    return msg("the {cid} certificate", cid=cert(certificate.certification))


class _Offers:
    """The offers of one award, measured: who is eligible, and the relative references.

    ``sums``: per vendor, the exact weighted sum (numerator, denominator), relative
    figures included.
    """

    __slots__ = ("eligible", "plan", "references", "sums", "vendors")

    def __init__(
        self,
        *,
        plan: ScoringPlan,
        vendors: tuple[Vendor, ...],
        eligible: tuple[bool, ...],
        sums: tuple[tuple[int, int], ...],
        references: References,
    ) -> None:
        self.plan = plan
        self.vendors = vendors
        self.eligible = eligible
        self.sums = sums
        self.references = references

    @classmethod
    def measure(cls, plan: ScoringPlan, vendors: Iterable[object]) -> _Offers:
        """Measure every vendor; one InputError lists every problem, with its path."""
        listed = _vendor_list(vendors)
        problems: list[Problem] = []
        seen: dict[str, tuple[int, str]] = {}  # by name key: one vendor typed two ways
        kept: list[Vendor] = []
        eligible: list[bool] = []
        sums: list[tuple[int, int]] = []
        measure = plan.measure
        for index, vendor in enumerate(listed):
            if not isinstance(vendor, Vendor):
                problems.append(
                    Problem(("vendors", index), f"{type(vendor).__name__} is not a Vendor")
                )
                continue
            name = vendor.name
            other, other_name = seen.setdefault(_name_key(name), (index, name))
            if other != index:
                problems.append(_same_name(name, index, other, other_name))
                continue
            try:
                verdict = measure(vendor)
            except BadFigureError as error:
                problems.append(Problem(("vendors", index, "figures", error.figure), str(error)))
                continue
            if verdict is None:
                problems.extend(_unknown_ids(plan, vendor, ("vendors", index)))
                continue
            ok, numerator, denominator = verdict
            kept.append(vendor)
            eligible.append(ok)
            sums.append((numerator, denominator))
        if problems:
            raise InputError(problems)
        references = plan.references(kept, eligible)
        if references:
            add = plan.add_relative
            sums = [add(v, n, d, references) for v, (n, d) in zip(kept, sums, strict=True)]
        return cls(
            plan=plan,
            vendors=tuple(kept),
            eligible=tuple(eligible),
            sums=tuple(sums),
            references=references,
        )

    def score(self, vendor: Vendor) -> VendorScore:
        """One vendor's whole score among these offers."""
        return self.plan.explain(vendor, self.references)


def _unknown_ids(plan: ScoringPlan, vendor: Vendor, path: tuple[_PathPart, ...]) -> list[Problem]:
    problems: list[Problem] = []
    for index, certificate in enumerate(vendor.certificates):
        cid = certificate.certification
        if cid not in plan.catalog:
            where = (*path, "certificates", index, "certification")
            problems.extend(plan.catalog.unknown(cid, path=where).problems)
        elif certificate.level is not None and (
            message := plan.catalog[cid].level_problem(certificate.level)
        ):
            problems.append(Problem((*path, "certificates", index, "level"), message))
    return problems


def score_vendor(
    vendor: Vendor,
    criteria: BuyerCriteria,
    *,
    on: dt.date | None = None,
    catalog: Catalog | None = None,
    among: Iterable[Vendor] | None = None,
) -> VendorScore:
    """Score one vendor against the buyer's criteria.

    Args:
        vendor: the vendor, its certificates, sites and figures.
        criteria: what the buyer requires and prefers.
        on: the date certificates must be valid on (default: today).
        catalog: the catalogue to read certifications from (default:
            [`CATALOG`][callcenter_certs.CATALOG]).
        among: the competing offers, for figures scored relative to the others
            (PROPORTIONAL, LINEAR). The vendor may be among them or not (a vendor of
            the same name stands for it); the score is the one
            [`rank_vendors`][callcenter_certs.rank_vendors] gives it among those offers.
            Criteria without a relative figure ignore it.

    Returns:
        The total (0..100), eligibility, knock-outs, warnings and the breakdown.
        Warnings about the criteria themselves (a withdrawn id, a France-only rule)
        are not repeated on each vendor: [`check_criteria`][callcenter_certs.check_criteria]
        returns them, and
        [`rank_vendors`][callcenter_certs.rank_vendors] puts them on ``Ranking.warnings``.

    Raises:
        InputError: an unknown certification id (with the closest known ids),
            criteria that no vendor could meet, a relative figure without ``among``,
            or an offer among them of the same name that is a different vendor.

    Examples:
        >>> from datetime import date
        >>> vendor = Vendor("Acme", [HeldCertificate("nf-345", date(2025, 1, 1))])
        >>> score = score_vendor(vendor, BuyerCriteria(results_obligation=Need.PREFER),
        ...                      on=date(2026, 6, 1))
        >>> score.total, score.eligible
        (100.0, True)
    """
    plan = ScoringPlan(criteria, on=on, catalog=catalog)
    if among is None or not plan.relative:
        return plan.score(vendor)
    if not isinstance(vendor, Vendor):
        raise InputError.at(("vendor",), f"{type(vendor).__name__} is not a Vendor")
    offers = _vendor_list(among)
    for index, other in enumerate(offers):
        if isinstance(other, Vendor) and other.name == vendor.name:
            if other != vendor:
                msg = f"{vendor.name!r} is a different vendor of the same name as the one scored"
                raise InputError.at(("among", index), msg)
            break
    else:
        offers.append(vendor)
    try:
        measured = _Offers.measure(plan, offers)
    except InputError as error:
        raise InputError(
            [Problem(("among", *p.path[1:]), p.message) for p in error.problems]
        ) from None
    return measured.score(vendor)
