"""The award grid's criteria: one definition each, for the number and for the words.

A criterion is one object with two methods.
[`Criterion.measure`][callcenter_certs.rules.Criterion.measure] reads a
vendor (its *evidence*: the bits its counting certificates give, its sites, its
figures) and returns a [`Measure`][callcenter_certs.rules.Measure]: the value in [0, 1] as an exact
fraction and
whether the criterion is met. The engine (`callcenter_certs.scoring`) ranks on
measures alone. [`Criterion.explain`][callcenter_certs.rules.Criterion.explain] calls the same
``measure`` and puts it
into words (certificates, detail, knock-outs, warnings): the words never decide
anything the measure did not.

**Adding a built-in criterion** is three things: its definition here (a
[`Criterion`][callcenter_certs.rules.Criterion] in [`built_in`][callcenter_certs.rules.built_in]),
its field on
[`BuyerCriteria`][callcenter_certs.BuyerCriteria] (a [`Need`][callcenter_certs.Need], with
``metadata={"criterion": True}``, which puts its name in ``CRITERIA`` and the weight
table), and its paragraph in ``docs/scoring.md``. A test checks that every name in
``CRITERIA`` has a definition. A tender's figures (price, marks) are criteria of
the same kind, one [`FigureCriterion`][callcenter_certs.rules.FigureCriterion] per
[`Figure`][callcenter_certs.Figure].
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from ._i18n import N_, SEMICOLON, Message, cert, certs, concat, msg
from ._i18n import Number as _Number
from .certifications import Certification, Domain, Obligation
from .countries import _FRANCE, _outside_france
from .criteria import CRITERIA, Better, Figure, Scoring
from .findings import Finding, _finding
from .vendors import HeldCertificate, Site, Vendor

__all__ = [
    "BadFigureError",
    "Counted",
    "Criterion",
    "Evidence",
    "FigureCriterion",
    "FigureReference",
    "Measure",
    "Outcome",
    "References",
    "built_in",
]


def __dir__() -> list[str]:
    return __all__


_RESULTS, _MEANS, _CSR, _FRANCE_ONLY = 1, 2, 4, 8
"""The lowest bits of a vendor's evidence: what its counting certificates establish."""
_REQUIRED_SHIFT = 4
"""From this bit on, one bit per required id, then one per preferred id."""


def _flags_of(entry: Certification) -> int:
    """What a counting certificate of ``entry`` establishes, as bits."""
    flags = 0
    if entry.obligation is Obligation.RESULTS:
        flags |= _RESULTS
    if entry.obligation is Obligation.MEANS:
        flags |= _MEANS
    if Domain.SOCIAL_RESPONSIBILITY in entry.domains:
        flags |= _CSR
    if entry.france_only_staffing:
        flags |= _FRANCE_ONLY
    return flags


Measure = tuple[int, int, bool]
"""``(numerator, denominator, met)``: the value ``numerator / denominator`` in [0, 1]
(denominator > 0), and whether the criterion is met (for a knock-out criterion: not
met knocks the vendor out)."""

_ONE: Measure = (1, 1, True)
_ZERO: Measure = (0, 1, False)


def _ratio(value: float) -> tuple[int, int]:
    """The decimal a person wrote, exactly, as ``(numerator, denominator)``.

    ``0.1`` is ``(1, 10)``, not the binary float; whole numbers (most prices) at once.
    """
    if isinstance(value, int):  # an int where a float is expected: exact already
        return value, 1
    if value.is_integer():
        return int(value), 1
    return Decimal(repr(value)).as_integer_ratio()


def _exact(value: float) -> Fraction:
    """The decimal a person wrote, exactly: ``0.1`` is 1/10, not the binary float."""
    return Fraction(*_ratio(value))


@attrs.frozen
class Counted:
    """A certificate that counts on the scoring date."""

    certificate: HeldCertificate
    entry: Certification
    bits: int
    """What it gives: its flags and the required and preferred ids it satisfies."""
    end: dt.date | None
    """Its last valid day, ``None`` when unknown."""


@attrs.frozen
class Evidence:
    """What one vendor establishes on the scoring date, for the words.

    ``bits`` is the same integer the engine measures on; ``counted`` lists the
    certificates that gave it.
    """

    vendor: Vendor
    bits: int
    counted: tuple[Counted, ...]

    def holders(self, mask: int) -> tuple[str, ...]:
        """Ids of the counting certificates that give any bit of ``mask``, in the vendor's order."""
        return tuple(
            dict.fromkeys(c.certificate.certification for c in self.counted if c.bits & mask)
        )


@attrs.frozen
class Outcome:
    """A criterion's measure, in words."""

    value: Fraction
    met: bool
    certificates: tuple[str, ...] = ()
    detail: str = ""
    """The measure in words, in English."""
    failures: tuple[Finding, ...] = ()
    """The knock-outs when the criterion knocks out and is not met."""
    warnings: tuple[Finding, ...] = ()
    figure: float | None = None
    """The vendor's figure, for a figure criterion."""
    detail_words: Message | None = attrs.field(default=None, eq=False, kw_only=True)
    """The detail's template and values, to say it in another language; not part of
    equality."""


def _said(words: str | Message) -> dict[str, Any]:
    """The ``detail`` and ``detail_words`` of an `Outcome` said with ``words``."""
    if isinstance(words, str):
        return {"detail": words}
    return {"detail": words.text(), "detail_words": words}


@attrs.frozen(kw_only=True)
class FigureReference:
    """What a relative figure compares an offer with: the eligible offers' values.

    ``best`` and ``worst`` are exact; ``values`` are the eligible offers' values
    (for the abnormally-low test, which compares with their mean).
    """

    best: Fraction
    worst: Fraction
    values: tuple[float, ...]
    eligible: bool = True
    """Whether these are the eligible offers' values; ``False``: no offer is eligible,
    and every offer is the reference."""
    total: Fraction = attrs.field(init=False, eq=False, repr=False)
    """The exact sum of ``values``, made once: each offer's abnormally-low test takes
    its own value out of it, instead of adding up every other offer again."""

    @total.default
    def _total(self) -> Fraction:
        return sum(map(_exact, self.values), Fraction(0))


References = Mapping[str, FigureReference]


class Criterion:
    """One criterion of the award grid: how it measures a vendor, and how it says so."""

    name: str = ""
    knocks_out: bool = False
    """Whether a vendor that does not meet it is knocked out whatever the need
    (figures: a missing value, or one outside the announced thresholds)."""

    def measure(self, bits: int, vendor: Vendor, references: References) -> Measure:
        """The value and met-ness, from the vendor's evidence bits, sites and figures."""
        raise NotImplementedError

    def explain(self, evidence: Evidence, references: References) -> Outcome:
        """The measure of ``evidence`` in words."""
        raise NotImplementedError


class _Words(Criterion):
    """A built-in criterion: its name, its phrase, and examples of what meets it."""

    def __init__(self, name: str, phrase: str, examples: str | Message) -> None:
        self.name = name
        self.phrase = phrase
        self.examples = examples

    def knock_out(
        self, detail: str | Message, countries: tuple[str, ...] = ()
    ) -> tuple[Finding, ...]:
        words = msg("{phrase} is required: {detail}", phrase=msg(self.phrase), detail=detail)
        return (_finding(self.name, words, countries=countries),)


class _FlagCriterion(_Words):
    """Met iff a counting certificate carries ``flag`` (an obligation of results...)."""

    def __init__(self, name: str, phrase: str, examples: str | Message, flag: int) -> None:
        super().__init__(name, phrase, examples)
        self.flag = flag

    def measure(self, bits: int, vendor: Vendor, references: References) -> Measure:
        return _ONE if bits & self.flag else _ZERO

    def explain(self, evidence: Evidence, references: References) -> Outcome:
        numerator, denominator, met = self.measure(evidence.bits, evidence.vendor, references)
        value = Fraction(numerator, denominator)
        if met:
            return Outcome(value, met, certificates=evidence.holders(self.flag))
        detail = msg("no counting certificate{examples}", examples=self.examples)
        return Outcome(value, met, **_said(detail), failures=self.knock_out(detail))


def _staffing(sites: Sequence[Site]) -> tuple[int, int, int]:
    """``(agents, agents in France, sites in France)`` of declared sites."""
    staff = in_france = sites_in_france = 0
    for site in sites:
        agents = site.agents
        staff += agents
        if site.country in _FRANCE:
            in_france += agents
            sites_in_france += 1
    return staff, in_france, sites_in_france


class _FranceOnly(_Words):
    """All staff in France: the declared sites decide; with none, a France-only label.

    The value is the share of agents in France (of sites, when no agents are
    declared); the criterion is met only when no declared site is abroad. A label
    never overrides a declared site abroad.
    """

    def measure(self, bits: int, vendor: Vendor, references: References) -> Measure:
        sites = vendor.sites
        if sites is None:
            return _ONE if bits & _FRANCE_ONLY else _ZERO
        staff, in_france, sites_in_france = _staffing(sites)
        met = sites_in_france == len(sites)
        if not staff:  # no agents declared: the share of sites
            return sites_in_france, len(sites), met
        return in_france, staff, met

    def explain(self, evidence: Evidence, references: References) -> Outcome:
        numerator, denominator, met = self.measure(evidence.bits, evidence.vendor, references)
        value = Fraction(numerator, denominator)
        sites = evidence.vendor.sites
        if sites is None:
            if met:
                words = msg("staffing not declared; attested by a France-only label")
                return Outcome(value, met, evidence.holders(_FRANCE_ONLY), **_said(words))
            words = msg(
                "staffing not declared and no counting certificate attests France-only "
                "staffing{examples}",
                examples=self.examples,
            )
            return Outcome(value, met, **_said(words), failures=self.knock_out(words))
        staff = sum(site.agents for site in sites)
        parts: list[Message] = [
            msg("{count} of {total} agents in France", count=numerator, total=denominator)
            if staff
            else msg("{count} of {total} sites in France", count=numerator, total=denominator)
        ]
        if not staff:
            parts.append(msg(" (no agents declared)"))
        if met:
            return Outcome(value, met, **_said(concat(*parts)))
        abroad = _outside_france(site.country for site in sites)
        places = ", ".join(abroad)
        parts.append(msg("; sites abroad: {places}", places=places))
        if numerator == denominator:
            parts.append(msg(" (with no agents, but declared: not France-only)"))
        failure = _finding(
            self.name,
            msg(
                "France-only staffing is required, but the vendor has staff in {places}",
                places=places,
            ),
            countries=abroad,
        )
        return Outcome(value, met, **_said(concat(*parts)), failures=(failure,))


class _IdsCriterion(Criterion):
    """The share of a list of certification ids held (itself or an accepted equivalent).

    ``required``: each id must be held, or the vendor is knocked out (one knock-out
    per missing id); ``preferred_certifications``: the share held is a weighted value.
    """

    def __init__(
        self,
        name: str,
        ids: tuple[str, ...],
        shift: int,
        accepted: Sequence[frozenset[str]],
        on: dt.date,
        *,
        by_buyer: Sequence[frozenset[str]] = (),
    ) -> None:
        self.name = name
        self.ids = ids
        self.shift = shift
        self.mask = ((1 << len(ids)) - 1) << shift
        self.accepted = accepted
        self.on = on
        self.by_buyer = tuple(by_buyer) or (frozenset(),) * len(ids)
        """Per id, the accepted ids that only the buyer's ``equivalents`` accept."""

    def measure(self, bits: int, vendor: Vendor, references: References) -> Measure:
        held = (bits & self.mask).bit_count()
        count = len(self.ids)
        return held, count, held == count

    def explain(self, evidence: Evidence, references: References) -> Outcome:
        numerator, denominator, met = self.measure(evidence.bits, evidence.vendor, references)
        held: list[str] = []
        notes: list[Message] = []
        missing: list[Finding] = []
        buyer_notes: list[Message] = []
        for index, cid in enumerate(self.ids):
            by = sorted(
                {
                    c.certificate.certification
                    for c in evidence.counted
                    if c.bits & (1 << (self.shift + index))
                }
            )
            if by:
                held.extend(by)
                buyer = [other for other in by if other in self.by_buyer[index]]
                if cid not in by:
                    if catalogue := [other for other in by if other not in buyer]:
                        notes.append(
                            msg(
                                "{cid} met by the equivalent {others}",
                                cid=cert(cid),
                                others=certs(catalogue),
                            )
                        )
                    if buyer:
                        note = msg(
                            "{cid} met by the equivalent {others}, accepted by the buyer",
                            cid=cert(cid),
                            others=certs(buyer),
                        )
                        notes.append(note)
                        buyer_notes.append(note)
                continue
            equivalents = sorted(self.accepted[index] - {cid})
            alt = msg(" (or an equivalent: {ids})", ids=certs(equivalents)) if equivalents else ""
            missing.append(
                _finding(
                    self.name,
                    msg(
                        "required certification {cid}{alt} is not held with a certificate "
                        "valid on {on}",
                        cid=cert(cid),
                        alt=alt,
                        on=self.on,
                    ),
                    certifications=(cid, *equivalents),
                )
            )
            notes.append(msg("{cid} missing", cid=cert(cid)))
        if self.name != "required":  # a weighted share: no knock-outs
            share = msg("{count} of {total} held", count=numerator, total=denominator)
            if missing:
                absent = certs(f.certifications[0] for f in missing)
                share = concat(share, msg("; missing: {ids}", ids=absent))
            notes = [share, *buyer_notes]
            missing = []
        return Outcome(
            Fraction(numerator, denominator),
            met,
            certificates=tuple(dict.fromkeys(held)),
            **_said(concat(*notes, separator=msg(SEMICOLON))),
            failures=tuple(missing),
        )


class BadFigureError(ValueError):
    """A figure value that no scoring can take (outside its scale, or <= 0 where a ratio)."""

    def __init__(self, figure: str, message: str) -> None:
        super().__init__(message)
        self.figure = figure


_HUGE = Decimal(10) ** 15


def _number_text(value: float | Fraction) -> str:
    """A number for a sentence: thousands separated, no exponent: ``1,180,000.5``.

    An exact decimal shows all its digits (``15.5``); another fraction, six
    significant digits (``0.636364``).
    """
    if isinstance(value, Fraction):
        denominator = value.denominator
        for prime in (2, 5):
            while denominator % prime == 0:
                denominator //= prime
        if denominator != 1:  # not a finite decimal
            return format(Decimal(float(value)).normalize(), ",.6g")
        if value.denominator == 1:
            return f"{value.numerator:,}"
        decimal = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        decimal = Decimal(repr(float(value) + 0.0))
    if abs(decimal) >= _HUGE:  # no one writes a price of 10**15: show it short
        return repr(float(decimal))
    if decimal == decimal.to_integral_value():
        return f"{int(decimal):,}"
    return format(decimal.normalize(), ",f")


class FigureCriterion(Criterion):
    """A tender's figure, a [`Figure`][callcenter_certs.Figure]: price, the committee's mark...

    Knocks out a vendor without the figure, or with a value outside ``minimum`` ..
    ``maximum``. SCALE: ``value / out_of``. PROPORTIONAL: ``best / value`` (LOWER) or
    ``value / best`` (HIGHER). LINEAR: ``(value - worst) / (best - worst)``, 1 when
    every eligible value is equal. ``best`` and ``worst`` are those of the eligible
    offers ([`FigureReference`][callcenter_certs.rules.FigureReference]); a value outside them is
    clamped to [0, 1].
    """

    knocks_out = True

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.name = figure.name
        self.lower = figure.better is Better.LOWER
        self.relative = figure.scoring is not Scoring.SCALE
        self.proportional = figure.scoring is Scoring.PROPORTIONAL
        self.top = figure.out_of
        self.out_of = None if figure.out_of is None else _ratio(figure.out_of)
        self.minimum = -math.inf if figure.minimum is None else figure.minimum
        self.maximum = math.inf if figure.maximum is None else figure.maximum

    def check(self, value: float) -> None:
        """Raise `BadFigureError` for a value no scoring of this figure can take."""
        if self.top is not None and not 0 <= value <= self.top:
            msg = f"{_number_text(value)} is outside the scale 0..{_number_text(self.top)}"
            raise BadFigureError(self.name, msg)
        if self.proportional and value <= 0:
            msg = f"{_number_text(value)} is not > 0, which a proportional scoring divides by"
            raise BadFigureError(self.name, msg)

    def measure(self, bits: int, vendor: Vendor, references: References) -> Measure:
        """The share of the points, and whether the value is given and within thresholds."""
        value = vendor.figures.get(self.name)
        if value is None:
            return 0, 1, False
        self.check(value)
        met = self.minimum <= value <= self.maximum
        if self.out_of is not None:  # SCALE: value / out_of
            numerator, denominator = _ratio(value)
            top, bottom = self.out_of
            return numerator * bottom, denominator * top, met
        reference = references.get(self.name)
        if reference is None:  # eligibility first: the relative value comes after
            return 0, 1, met
        return (*self.share(_ratio(value), reference), met)

    def share(self, value: tuple[int, int], reference: FigureReference) -> tuple[int, int]:
        """The relative value of ``value`` against the reference, clamped to [0, 1].

        ``value`` and the result are exact ratios ``(numerator, denominator)``; the
        arithmetic is on integers only.
        """
        vn, vd = value
        bn, bd = reference.best.numerator, reference.best.denominator
        if self.proportional:  # LOWER: best / value; HIGHER: value / best
            top, bottom = (bn * vd, bd * vn) if self.lower else (vn * bd, vd * bn)
            return (1, 1) if top >= bottom else (top, bottom)
        wn, wd = reference.worst.numerator, reference.worst.denominator
        span = bn * wd - wn * bd  # (best - worst) x bd x wd
        if not span:  # every eligible value equal: each gets the full points
            at_least = vn * bd <= bn * vd if self.lower else vn * bd >= bn * vd
            return (1, 1) if at_least else (0, 1)
        top, bottom = (vn * wd - wn * vd) * bd, span * vd  # (value - worst) / (best - worst)
        if bottom < 0:
            top, bottom = -top, -bottom
        if top <= 0:
            return 0, 1
        return (1, 1) if top >= bottom else (top, bottom)

    def reference(self, values: Sequence[float], *, eligible: bool = True) -> FigureReference:
        """The reference of a set of offers' values (not empty).

        ``eligible``: whether they are the eligible offers' values (else every
        offer's, none being eligible).
        """
        low, high = min(values), max(values)
        best, worst = (low, high) if self.lower else (high, low)
        return FigureReference(
            best=_exact(best), worst=_exact(worst), values=tuple(values), eligible=eligible
        )

    def explain(self, evidence: Evidence, references: References) -> Outcome:
        """The value, its formula, and the knock-out when it is missing or out of bounds."""
        figure, name = self.figure, self.name
        value = evidence.vendor.figures.get(name)
        numerator, denominator, met = self.measure(evidence.bits, evidence.vendor, references)
        share = Fraction(numerator, denominator)
        if value is None:
            message = msg("no {name} given: an incomplete offer is irregular", name=name)
            return Outcome(
                share,
                met,
                **_said(msg("no {name} given", name=name)),
                failures=(self._finding(message),),
            )
        shown = _number(value)
        detail = self._formula(_exact(value), share, references.get(name))
        failures: tuple[Finding, ...] = ()
        if figure.minimum is not None and value < figure.minimum:
            failures = (
                self._finding(
                    msg(
                        "{name} {value} is below the minimum {minimum}",
                        name=name,
                        value=shown,
                        minimum=_number(figure.minimum),
                    )
                ),
            )
        elif figure.maximum is not None and value > figure.maximum:
            failures = (
                self._finding(
                    msg(
                        "{name} {value} is above the maximum {maximum}",
                        name=name,
                        value=shown,
                        maximum=_number(figure.maximum),
                    )
                ),
            )
        return Outcome(share, met, **_said(detail), failures=failures, figure=value)

    def abnormally_low(self, value: float, reference: FigureReference) -> Finding | None:
        """The warning for an eligible offer below ``abnormally_low`` x the others' mean.

        ``reference.values`` holds the eligible offers' values, this one among them.
        """
        factor = self.figure.abnormally_low
        if factor is None:
            return None
        others = len(reference.values) - 1  # this offer is among the values
        if others < 1:
            return None
        mean = (reference.total - _exact(value)) / others
        threshold = _exact(factor) * mean
        if _exact(value) >= threshold:
            return None
        return self._finding(
            msg(
                "{name} {value} is below {factor} x the mean of the other eligible offers "
                "({mean}): the offer may be abnormally low; ask the vendor to justify it "
                "before deciding (Code de la commande publique L2152-5 and R2152-3); it may "
                "not be rejected without that",
                name=self.name,
                value=_number(value),
                factor=_number(factor),
                mean=_number(mean),
            )
        )

    def _formula(
        self, value: Fraction, share: Fraction, reference: FigureReference | None
    ) -> Message:
        figure, shown = self.figure, _number(value)
        result = _Number(f"{float(share):.4g}")
        if not self.relative:
            return concat(shown, " / ", _number(figure.out_of or 0), " = ", result)
        if reference is None:
            return concat(shown)
        best, worst = _number(reference.best), _number(reference.worst)
        if figure.scoring is Scoring.PROPORTIONAL:
            formula = concat(best, " / ", shown) if self.lower else concat(shown, " / ", best)
            text = (
                msg("{formula} (best eligible offer {best})", formula=formula, best=best)
                if reference.eligible
                else msg(
                    "{formula} (best offer (none is eligible) {best})", formula=formula, best=best
                )
            )
            raw = reference.best / value if self.lower else value / reference.best
        else:
            formula = concat("(", shown, " - ", worst, ") / (", best, " - ", worst, ")")
            text = (
                msg(
                    "{formula} (best eligible offer {best}, worst {worst})",
                    formula=formula,
                    best=best,
                    worst=worst,
                )
                if reference.eligible
                else msg(
                    "{formula} (best offer (none is eligible) {best}, worst {worst})",
                    formula=formula,
                    best=best,
                    worst=worst,
                )
            )
            span = reference.best - reference.worst
            raw = (value - reference.worst) / span if span else share
        clamped = msg(" (clamped to 0..1)") if not 0 <= raw <= 1 else ""
        return concat(text, " = ", result, clamped)

    def _finding(self, message: Message) -> Finding:
        return _finding(self.name, message)


def _number(value: float | Fraction) -> _Number:
    """A number for a message: `_number_text` in English, a decimal comma in French."""
    return _Number(_number_text(value))


_PHRASES = {
    "results_obligation": N_("a certificate with an obligation of results"),
    "means_obligation": N_("a certificate with an obligation of means"),
    "csr": N_("a certificate covering social responsibility (CSR)"),
    "france_only": N_("France-only staffing"),
}
_FLAGS: Mapping[str, int] = MappingProxyType(
    {"results_obligation": _RESULTS, "means_obligation": _MEANS, "csr": _CSR}
)
"""The criteria met by a flag of a counting certificate, and their flags."""


def built_in(
    *,
    examples: Callable[[int], str | Message],
    required: tuple[str, ...],
    preferred: tuple[str, ...],
    accepted: Callable[[str], frozenset[str]],
    on: dt.date,
    by_buyer: Callable[[str], frozenset[str]] = lambda _: frozenset(),
) -> dict[str, Criterion]:
    """The built-in criteria by name: ``required``, then those of ``CRITERIA``, in its order.

    See [`CRITERIA`][callcenter_certs.CRITERIA].

    ``examples(flag)`` is a hint naming catalogue entries that give ``flag``;
    ``accepted(id)`` the ids whose certificates satisfy ``id``; ``by_buyer(id)``
    those of them that only the buyer's ``equivalents`` accept, which the words
    say ("met by the equivalent X, accepted by the buyer").
    """
    definitions: dict[str, Criterion] = {
        "required": _IdsCriterion(
            "required",
            required,
            _REQUIRED_SHIFT,
            [accepted(c) for c in required],
            on,
            by_buyer=[by_buyer(c) for c in required],
        ),
        "france_only": _FranceOnly("france_only", _PHRASES["france_only"], examples(_FRANCE_ONLY)),
        "preferred_certifications": _IdsCriterion(
            "preferred_certifications",
            preferred,
            _REQUIRED_SHIFT + len(required),
            [accepted(c) for c in preferred],
            on,
            by_buyer=[by_buyer(c) for c in preferred],
        ),
    }
    for name, flag in _FLAGS.items():
        definitions[name] = _FlagCriterion(name, _PHRASES[name], examples(flag), flag)
    return {name: definitions[name] for name in ("required", *CRITERIA)}


def _figure_criteria(figures: Iterable[Figure]) -> dict[str, FigureCriterion]:
    """One criterion per figure, in the criteria's order."""
    return {figure.name: FigureCriterion(figure) for figure in figures}
