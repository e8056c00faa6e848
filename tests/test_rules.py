"""The criteria's definitions, one by one, on small hand-built evidence: measure and words."""

import datetime as dt
from fractions import Fraction

import pytest

from callcenter_certs import CATALOG, Better, Figure, HeldCertificate, Scoring, Site, Vendor
from callcenter_certs.findings import Finding
from callcenter_certs.rules import (
    _CSR,
    _FRANCE_ONLY,
    _REQUIRED_SHIFT,
    BadFigureError,
    Counted,
    Evidence,
    FigureCriterion,
    Outcome,
    _FlagCriterion,
    _FranceOnly,
    _IdsCriterion,
)

ON = dt.date(2026, 6, 1)


def counted(cid: str, bits: int) -> Counted:
    """A counting certificate of ``cid`` giving ``bits``."""
    return Counted(HeldCertificate(cid, dt.date(2025, 1, 1)), CATALOG[cid], bits, None)


def evidence(vendor: Vendor, *certificates: Counted) -> Evidence:
    bits = 0
    for certificate in certificates:
        bits |= certificate.bits
    return Evidence(vendor, bits, certificates)


# A flag: an obligation of results, of means, CSR ------------------------------------------

CSR = _FlagCriterion(
    "csr", "a certificate covering social responsibility (CSR)", " (e.g. lrs)", _CSR
)


def test_a_flag_is_met_by_a_certificate_carrying_it() -> None:
    lrs = counted("lrs", _CSR)
    vendor = Vendor("A", [lrs.certificate])
    assert CSR.measure(_CSR, vendor, {}) == (1, 1, True)
    assert CSR.measure(_CSR | _FRANCE_ONLY, vendor, {}) == (1, 1, True)
    assert CSR.explain(evidence(vendor, lrs, counted("nf-345", _FRANCE_ONLY)), {}) == Outcome(
        Fraction(1), True, certificates=("lrs",)
    )


def test_a_missing_flag_knocks_out_with_examples() -> None:
    vendor = Vendor("A")
    assert CSR.measure(_FRANCE_ONLY, vendor, {}) == (0, 1, False)
    detail = "no counting certificate (e.g. lrs)"
    assert CSR.explain(evidence(vendor), {}) == Outcome(
        Fraction(0),
        False,
        detail=detail,
        failures=(
            Finding(
                criterion="csr",
                message=f"a certificate covering social responsibility (CSR) is required: {detail}",
            ),
        ),
    )


# France-only staffing --------------------------------------------------------------------

FRANCE_ONLY = _FranceOnly("france_only", "France-only staffing", " (e.g. nf-345)")


def test_france_only_with_agents_is_the_share_of_agents_in_france() -> None:
    vendor = Vendor("A", sites=[Site("FR", 30), Site("MA", 10)])
    assert FRANCE_ONLY.measure(0, vendor, {}) == (30, 40, False)
    outcome = FRANCE_ONLY.explain(evidence(vendor), {})
    assert (outcome.value, outcome.met) == (Fraction(3, 4), False)
    assert outcome.detail == "30 of 40 agents in France; sites abroad: MA"
    assert outcome.failures == (
        Finding(
            criterion="france_only",
            message="France-only staffing is required, but the vendor has staff in MA",
            countries=("MA",),
        ),
    )


def test_france_only_counts_the_overseas_departments_as_france() -> None:
    vendor = Vendor("A", sites=[Site("FR", 10), Site("RE", 5)])
    assert FRANCE_ONLY.measure(0, vendor, {}) == (15, 15, True)
    assert FRANCE_ONLY.explain(evidence(vendor), {}) == Outcome(
        Fraction(1), True, detail="15 of 15 agents in France"
    )


def test_france_only_without_agents_is_the_share_of_sites() -> None:
    vendor = Vendor("A", sites=[Site("FR", 0), Site("MA", 0)])
    assert FRANCE_ONLY.measure(0, vendor, {}) == (1, 2, False)
    outcome = FRANCE_ONLY.explain(evidence(vendor), {})
    assert outcome.detail == "1 of 2 sites in France (no agents declared); sites abroad: MA"
    assert not outcome.met


def test_a_declared_site_abroad_without_agents_is_not_france_only() -> None:
    vendor = Vendor("A", sites=[Site("FR", 5), Site("MA", 0)])
    assert FRANCE_ONLY.measure(0, vendor, {}) == (5, 5, False)
    assert FRANCE_ONLY.explain(evidence(vendor), {}).detail == (
        "5 of 5 agents in France; sites abroad: MA (with no agents, but declared: not France-only)"
    )


def test_france_only_with_a_label_and_no_sites() -> None:
    label = counted("nf-345", _FRANCE_ONLY)
    vendor = Vendor("A", [label.certificate])
    assert FRANCE_ONLY.measure(_FRANCE_ONLY, vendor, {}) == (1, 1, True)
    assert FRANCE_ONLY.explain(evidence(vendor, label), {}) == Outcome(
        Fraction(1),
        True,
        ("nf-345",),
        "staffing not declared; attested by a France-only label",
    )


def test_france_only_without_a_label_and_no_sites() -> None:
    assert FRANCE_ONLY.measure(0, Vendor("A"), {}) == (0, 1, False)
    outcome = FRANCE_ONLY.explain(evidence(Vendor("A")), {})
    detail = (
        "staffing not declared and no counting certificate attests France-only staffing "
        "(e.g. nf-345)"
    )
    assert outcome.detail == detail
    assert [str(f) for f in outcome.failures] == [f"France-only staffing is required: {detail}"]


def test_a_label_never_overrides_a_declared_site_abroad() -> None:
    vendor = Vendor("A", sites=[Site("MA", 10)])
    assert FRANCE_ONLY.measure(_FRANCE_ONLY, vendor, {}) == (0, 10, False)


# Lists of ids: required and preferred -------------------------------------------------------

IDS = ("iso-18295-1", "nf-345")
ACCEPTED = [frozenset({"iso-18295-1", "iso-18295-2"}), frozenset({"nf-345"})]


def _equivalent_held(shift: int) -> Evidence:
    """A vendor holding iso-18295-2, accepted for the first id, and not the second."""
    return evidence(Vendor("A"), counted("iso-18295-2", 1 << shift))


def test_required_ids_knock_out_each_missing_one() -> None:
    required = _IdsCriterion("required", IDS, _REQUIRED_SHIFT, ACCEPTED, ON)
    held = _equivalent_held(_REQUIRED_SHIFT)
    assert required.measure(held.bits, held.vendor, {}) == (1, 2, False)
    assert required.measure(0b11 << _REQUIRED_SHIFT, held.vendor, {}) == (2, 2, True)
    assert required.explain(held, {}) == Outcome(
        Fraction(1, 2),
        False,
        certificates=("iso-18295-2",),
        detail="iso-18295-1 met by the equivalent iso-18295-2; nf-345 missing",
        failures=(
            Finding(
                criterion="required",
                message="required certification nf-345 is not held with a certificate valid "
                "on 2026-06-01",
                certifications=("nf-345",),
            ),
        ),
    )


def test_a_missing_required_id_names_its_equivalents() -> None:
    required = _IdsCriterion("required", IDS, _REQUIRED_SHIFT, ACCEPTED, ON)
    outcome = required.explain(evidence(Vendor("A")), {})
    assert [f.certifications for f in outcome.failures] == [
        ("iso-18295-1", "iso-18295-2"),
        ("nf-345",),
    ]
    assert str(outcome.failures[0]) == (
        "required certification iso-18295-1 (or an equivalent: iso-18295-2) is not held with a "
        "certificate valid on 2026-06-01"
    )


def test_preferred_ids_are_a_share_without_knock_outs() -> None:
    shift = _REQUIRED_SHIFT + 1  # after one required id
    preferred = _IdsCriterion("preferred_certifications", IDS, shift, ACCEPTED, ON)
    held = _equivalent_held(shift)
    assert preferred.measure(held.bits, held.vendor, {}) == (1, 2, False)
    assert preferred.measure(1 << _REQUIRED_SHIFT, held.vendor, {}) == (0, 2, False)
    assert preferred.explain(held, {}) == Outcome(
        Fraction(1, 2),
        False,
        certificates=("iso-18295-2",),
        detail="1 of 2 held; missing: nf-345",
    )


# Figures ------------------------------------------------------------------------------------

MARK = FigureCriterion(Figure("technical", out_of=20, minimum=8))
PRICE = FigureCriterion(Figure("price", better=Better.LOWER, scoring=Scoring.PROPORTIONAL))
RATE = FigureCriterion(Figure("rate", scoring=Scoring.PROPORTIONAL))
DELAY = FigureCriterion(Figure("delay", better=Better.LOWER, scoring=Scoring.LINEAR))


def offer(name: str, value: float) -> Vendor:
    return Vendor("A", figures={name: value})


def test_a_missing_figure_knocks_out() -> None:
    assert MARK.measure(0, Vendor("A"), {}) == (0, 1, False)
    outcome = MARK.explain(evidence(Vendor("A")), {})
    assert outcome.detail == "no technical given"
    assert [str(f) for f in outcome.failures] == [
        "no technical given: an incomplete offer is irregular"
    ]


def test_scale_is_the_value_out_of_the_top_exactly() -> None:
    assert MARK.measure(0, offer("technical", 15.5), {}) == (31, 40, True)
    outcome = MARK.explain(evidence(offer("technical", 15.5)), {})
    assert (outcome.value, outcome.met, outcome.figure) == (Fraction(31, 40), True, 15.5)
    assert outcome.detail == "15.5 / 20 = 0.775"
    assert outcome.failures == ()


def test_a_figure_below_its_minimum_is_scored_and_knocked_out() -> None:
    assert MARK.measure(0, offer("technical", 5), {}) == (5, 20, False)
    outcome = MARK.explain(evidence(offer("technical", 5)), {})
    assert [str(f) for f in outcome.failures] == ["technical 5 is below the minimum 8"]


def test_proportional_lower_is_best_over_value_clamped() -> None:
    references = {"price": PRICE.reference([100.0, 125.0, 200.0])}
    assert references["price"].best == 100
    assert references["price"].worst == 200
    assert PRICE.measure(0, offer("price", 125), references) == (100, 125, True)
    assert PRICE.explain(evidence(offer("price", 125)), references).detail == (
        "100 / 125 (best eligible offer 100) = 0.8"
    )
    assert PRICE.measure(0, offer("price", 80), references) == (1, 1, True)  # an ineligible offer
    assert PRICE.explain(evidence(offer("price", 80)), references).detail == (
        "100 / 80 (best eligible offer 100) = 1 (clamped to 0..1)"
    )


def test_proportional_higher_is_value_over_best() -> None:
    references = {"rate": RATE.reference([0.5, 0.8])}
    assert RATE.measure(0, offer("rate", 0.5), references) == (5, 8, True)
    assert RATE.measure(0, offer("rate", 0.9), references) == (1, 1, True)


def test_linear_is_the_place_between_worst_and_best_clamped() -> None:
    references = {"delay": DELAY.reference([100.0, 200.0])}
    numerator, denominator, met = DELAY.measure(0, offer("delay", 150), references)
    assert (Fraction(numerator, denominator), met) == (Fraction(1, 2), True)
    assert DELAY.explain(evidence(offer("delay", 150)), references).detail == (
        "(150 - 200) / (100 - 200) (best eligible offer 100, worst 200) = 0.5"
    )
    assert DELAY.measure(0, offer("delay", 250), references) == (0, 1, True)
    assert DELAY.measure(0, offer("delay", 50), references) == (1, 1, True)
    assert DELAY.explain(evidence(offer("delay", 250)), references).detail.endswith(
        "= 0 (clamped to 0..1)"
    )


def test_linear_with_every_eligible_value_equal_gives_the_full_points() -> None:
    references = {"delay": DELAY.reference([100.0, 100.0])}
    assert DELAY.measure(0, offer("delay", 100), references) == (1, 1, True)
    assert DELAY.measure(0, offer("delay", 90), references) == (1, 1, True)
    assert DELAY.measure(0, offer("delay", 120), references) == (0, 1, True)


def test_a_relative_figure_without_reference_is_worth_nothing_yet() -> None:
    assert PRICE.measure(0, offer("price", 125), {}) == (0, 1, True)
    assert PRICE.explain(evidence(offer("price", 125)), {}).detail == "125"


@pytest.mark.parametrize(
    ("criterion", "value", "message"),
    [
        (MARK, 21, "21 is outside the scale 0..20"),
        (MARK, -1, "-1 is outside the scale 0..20"),
        (PRICE, 0, "0 is not > 0, which a proportional scoring divides by"),
        (RATE, -2.5, "-2.5 is not > 0, which a proportional scoring divides by"),
    ],
)
def test_bad_figures_are_refused(criterion: FigureCriterion, value: float, message: str) -> None:
    with pytest.raises(BadFigureError) as info:
        criterion.measure(0, offer(criterion.name, value), {})
    assert str(info.value) == message
    assert info.value.figure == criterion.name


def test_an_abnormally_low_price_is_a_warning() -> None:
    price = FigureCriterion(
        Figure("price", better=Better.LOWER, scoring=Scoring.PROPORTIONAL, abnormally_low=0.5)
    )
    reference = price.reference([40.0, 100.0, 100.0])
    finding = price.abnormally_low(40.0, reference)
    assert finding is not None
    assert str(finding).startswith(
        "price 40 is below 0.5 x the mean of the other eligible offers (100): the offer may be "
        "abnormally low"
    )
    assert price.abnormally_low(100.0, reference) is None
    assert PRICE.abnormally_low(40.0, reference) is None  # no threshold announced
