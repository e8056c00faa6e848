"""Properties of the certificate record's rules (issue 12).

A certificate below the buyer's minimum level changes nothing; covering fewer sites
never adds points; the buyer's equivalents only ever help.
"""

import datetime as dt

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    HeldCertificate,
    ScoringPlan,
    Vendor,
    VendorScore,
)
from callcenter_certs.strategies import buyer_criteria, dates, held_certificates, vendors

_LEVELED = sorted(cid for cid, entry in CATALOG.items() if len(entry.levels) > 1)


def _numbers(score: VendorScore) -> tuple[float, bool, tuple[tuple[str, float, bool], ...]]:
    """What a score decides: the total, eligibility, each criterion's value and met."""
    return (
        score.total,
        score.eligible,
        tuple((row.criterion, row.value, row.met) for row in score.breakdown),
    )


def _score(vendor: Vendor, criteria: BuyerCriteria, on: dt.date) -> VendorScore:
    return ScoringPlan(criteria, on=on).score(vendor)


@st.composite
def _below_minimum(draw: st.DrawFn) -> tuple[Vendor, BuyerCriteria, HeldCertificate, dt.date]:
    """A vendor, criteria with a minimum level for an id, and a certificate below it."""
    criteria = draw(buyer_criteria(rules=True))
    cid = draw(st.sampled_from(_LEVELED))
    levels = CATALOG[cid].levels
    minimum = draw(st.integers(min_value=1, max_value=len(levels) - 1))
    criteria = attrs.evolve(
        criteria, minimum_levels={**criteria.minimum_levels, cid: levels[minimum]}
    )
    below = draw(
        st.sampled_from(levels[:minimum]).map(lambda level: level.upper())
        | st.sampled_from(levels[:minimum])
    )
    start = draw(dates())
    certificate = HeldCertificate(cid, start, draw(st.none() | dates(min_value=start)), level=below)
    return draw(vendors(records=True)), criteria, certificate, draw(dates())


@given(_below_minimum())
def test_a_certificate_below_the_minimum_level_changes_nothing(
    case: tuple[Vendor, BuyerCriteria, HeldCertificate, dt.date],
) -> None:
    vendor, criteria, certificate, on = case
    with_it = attrs.evolve(vendor, certificates=(*vendor.certificates, certificate))
    plan = ScoringPlan(criteria, on=on)
    assert _numbers(plan.score(with_it)) == _numbers(plan.score(vendor))
    assert plan.measure(with_it) == plan.measure(vendor)


@given(vendors(records=True), buyer_criteria(rules=True), dates(), st.data())
def test_covering_fewer_sites_never_adds_points(
    vendor: Vendor, criteria: BuyerCriteria, on: dt.date, data: st.DataObject
) -> None:
    named = [site.name for site in vendor.sites or () if site.name is not None]
    assume(named and vendor.certificates)
    index = data.draw(st.integers(0, len(vendor.certificates) - 1))
    wide = data.draw(st.lists(st.sampled_from(named), min_size=1, unique=True))
    narrow = data.draw(st.lists(st.sampled_from(wide), min_size=1, max_size=len(wide), unique=True))

    def covering(names: list[str]) -> Vendor:
        certificates = list(vendor.certificates)
        certificates[index] = attrs.evolve(certificates[index], sites=tuple(names))
        return attrs.evolve(vendor, certificates=certificates)

    for rules in (criteria, attrs.evolve(criteria, require_site_coverage=True)):
        more = _score(covering(wide), rules, on)
        fewer = _score(covering(narrow), rules, on)
        assert fewer.total <= more.total
        assert more.eligible or not fewer.eligible
        for row_more, row_fewer in zip(more.breakdown, fewer.breakdown, strict=True):
            assert row_fewer.value <= row_more.value


@given(
    st.lists(held_certificates(records=True), max_size=5),
    buyer_criteria(rules=True),
    dates(),
)
def test_the_buyers_equivalents_only_ever_help(
    certificates: list[HeldCertificate], criteria: BuyerCriteria, on: dt.date
) -> None:
    vendor = Vendor("A", certificates)
    without = attrs.evolve(criteria, equivalents={})
    helped, plain = _score(vendor, criteria, on), _score(vendor, without, on)
    assert helped.total >= plain.total
    assert helped.eligible or not plain.eligible
    for row_helped, row_plain in zip(helped.breakdown, plain.breakdown, strict=True):
        assert row_helped.value >= row_plain.value


@given(vendors(records=True), buyer_criteria(rules=True), dates())
def test_the_numbers_and_the_words_agree_under_the_new_rules(
    vendor: Vendor, criteria: BuyerCriteria, on: dt.date
) -> None:
    plan = ScoringPlan(criteria, on=on)
    verdict = plan.measure(vendor)
    assert verdict is not None
    eligible, numerator, denominator = verdict
    score = plan.score(vendor)
    assert score.eligible == eligible
    assert score.total == plan.total(numerator, denominator)
