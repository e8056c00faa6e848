"""The scoring invariants, checked on generated vendors and criteria.

Each test states its invariant; inputs come from ``callcenter_certs.strategies``.
"""

import datetime as dt
import random
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from callcenter_certs import (
    CRITERIA,
    BuyerCriteria,
    CertificateStatus,
    Vendor,
    rank_vendors,
    score_vendor,
)
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.scoring import TOTAL_DECIMALS, VendorScore
from callcenter_certs.strategies import (
    buyer_criteria,
    counting_certificates,
    dates,
    held_certificates,
    vendors,
)

ON = dt.date(2026, 6, 1)


def _outcome(score: VendorScore) -> Any:
    return (score.total, score.eligible, score.knockouts, score.breakdown)


@given(vendors(), buyer_criteria(), dates())
def test_total_is_bounded_and_eligible_iff_no_knockouts(
    vendor: Vendor, criteria: BuyerCriteria, on: dt.date
) -> None:
    """0 <= total <= 100, and eligible exactly when there is no knock-out."""
    score = score_vendor(vendor, criteria, on=on)
    assert 0 <= score.total <= 100
    assert score.eligible == (not score.knockouts)
    for row in score.breakdown:
        assert 0 <= row.value <= 1


@given(vendors(), buyer_criteria(), st.data())
def test_adding_a_counting_certificate_never_hurts(
    vendor: Vendor, criteria: BuyerCriteria, data: st.DataObject
) -> None:
    """A counting certificate never lowers the total nor makes an eligible vendor ineligible."""
    extra = data.draw(counting_certificates(ON, criteria))
    before = score_vendor(vendor, criteria, on=ON)
    after = score_vendor(
        attrs.evolve(vendor, certificates=(*vendor.certificates, extra)), criteria, on=ON
    )
    assert after.total >= before.total
    assert after.eligible or not before.eligible
    assert not after.not_counted[len(before.not_counted) :]


@given(vendors(), buyer_criteria(), st.data())
def test_a_certificate_that_does_not_count_changes_nothing(
    vendor: Vendor, criteria: BuyerCriteria, data: st.DataObject
) -> None:
    """A certificate expired, not yet valid or inactive on the date leaves the score as it was."""
    kind = data.draw(st.sampled_from(["expired", "future", "inactive"]))
    certificate = data.draw(held_certificates())
    if kind == "expired":
        start = data.draw(dates(max_value=ON - dt.timedelta(days=2)))
        certificate = attrs.evolve(
            certificate,
            valid_from=start,
            valid_until=data.draw(dates(min_value=start, max_value=ON - dt.timedelta(days=1))),
        )
    elif kind == "future":
        start = data.draw(dates(min_value=ON + dt.timedelta(days=1)))
        certificate = attrs.evolve(certificate, valid_from=start, valid_until=None)
    else:
        status = data.draw(st.sampled_from([s for s in CertificateStatus if s.value != "active"]))
        certificate = attrs.evolve(certificate, status=status)
    before = score_vendor(vendor, criteria, on=ON)
    after = score_vendor(
        attrs.evolve(vendor, certificates=(*vendor.certificates, certificate)), criteria, on=ON
    )
    assert _outcome(after) == _outcome(before)
    assert after.warnings == before.warnings
    assert len(after.not_counted) == len(before.not_counted) + 1


def _decimal_scaled(weight: float, k: int) -> float:
    return float(Decimal(repr(weight)) * k)


@given(vendors(), buyer_criteria(), st.sampled_from([2, 3, 10, 1000]))
def test_scaling_every_weight_changes_nothing(
    vendor: Vendor, criteria: BuyerCriteria, k: int
) -> None:
    """Multiplying every weight by k > 0 leaves totals, eligibility and knock-outs unchanged.

    Weights are read as the decimals they print as (``repr``), so the scaled weights
    are the decimals multiplied by k. Where a float has 17 significant digits its
    k-fold decimal may not be a float's shortest form; the test skips those, and the
    next test bounds what happens to them.
    """
    weights = {c: _decimal_scaled(criteria.weight(c), k) for c in CRITERIA}
    assume(
        all(Fraction(repr(weights[c])) == Fraction(repr(criteria.weight(c))) * k for c in CRITERIA)
    )
    scaled = attrs.evolve(criteria, weights=weights)
    assert (
        _outcome(score_vendor(vendor, scaled, on=ON))[:3]
        == _outcome(score_vendor(vendor, criteria, on=ON))[:3]
    )


@given(vendors(), buyer_criteria(), st.floats(min_value=1e-3, max_value=1e3))
def test_scaling_by_any_float_moves_totals_by_rounding_only(
    vendor: Vendor, criteria: BuyerCriteria, k: float
) -> None:
    """For any float k, totals move by one rounding step at most; eligibility does not move.

    k * w carries a binary error, so the exact total may move by about 1e-16 and, rarely,
    cross a rounding boundary of the documented precision. That error is relative only
    for normal floats: below ``sys.float_info.min`` (about 2e-308) a product keeps few
    digits or becomes 0, which changes the weights' proportions, not just their scale.
    """
    weights = {c: criteria.weight(c) * k for c in CRITERIA}
    assume(all(w == 0 or w >= sys.float_info.min for w in weights.values()))
    assume(
        all(criteria.weight(c) == 0 or criteria.weight(c) >= sys.float_info.min for c in CRITERIA)
    )
    scaled = attrs.evolve(criteria, weights=weights)
    before = score_vendor(vendor, criteria, on=ON)
    after = score_vendor(vendor, scaled, on=ON)
    assert after.total == pytest.approx(before.total, rel=0, abs=1.1 * 10**-TOTAL_DECIMALS)
    assert (after.eligible, after.knockouts) == (before.eligible, before.knockouts)


@given(
    st.lists(vendors(), max_size=8, unique_by=lambda v: _name_key(v.name)),
    buyer_criteria(),
    st.randoms(use_true_random=False),
)
def test_ranking_keeps_everyone_and_ignores_input_order(
    vendor_list: list[Vendor], criteria: BuyerCriteria, rnd: random.Random
) -> None:
    """Every vendor comes out exactly once, in an order independent of the input order."""
    ranking = rank_vendors(vendor_list, criteria, on=ON)
    shuffled = list(vendor_list)
    rnd.shuffle(shuffled)
    assert rank_vendors(shuffled, criteria, on=ON) == ranking
    assert sorted(e.vendor.name for e in ranking) == sorted(v.name for v in vendor_list)
    ranks = [e.rank for e in ranking]
    eligible = [e for e in ranking if e.rank is not None]
    assert ranks == [e.rank for e in eligible] + [None] * (len(ranking) - len(eligible))
    for position, entry in enumerate(eligible, start=1):
        previous = eligible[position - 2] if position > 1 else None
        if previous is not None and previous.score.total == entry.score.total:
            assert entry.rank == previous.rank
        else:
            assert entry.rank == position
        if previous is not None:
            assert previous.score.total >= entry.score.total
