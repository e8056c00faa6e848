"""Properties of sensitivity() and acceptability() on whole awards (figures, knock-outs, ties).

The ranking compares totals rounded to 9 decimals; the bounds are exact crossing
points. Where a re-ranking disagrees with the exact prediction, the vendors concerned
must then be within the rounding of each other (ROUNDING): that is the documented limit.
"""

import math
import random
from typing import Any

import attrs
from hypothesis import assume, event, given
from hypothesis import strategies as st

from callcenter_certs import (
    BuyerCriteria,
    Figure,
    Need,
    Vendor,
    acceptability,
    rank_vendors,
    sensitivity,
)
from callcenter_certs.criteria import Better, Scoring
from callcenter_certs.ranking import Ranking
from callcenter_certs.strategies import awards, dates, figure_values
from conftest import Award

ROUNDING = 2e-9
"""Two quanta of the totals' rounding (a billionth of a point)."""


@st.composite
def eligible_awards(draw: st.DrawFn) -> Award:
    """Awards with most offers eligible: required and minimum knock-outs turned off.

    Required criteria become preferred, figures lose their minimum and maximum, and a
    missing figure is filled in; the certificates still decide the built-in criteria.
    """
    vendors, criteria, on = draw(awards())
    figures = [attrs.evolve(f, minimum=None, maximum=None) for f in criteria.figures]
    needs: dict[str, Any] = {
        name: Need.PREFER
        for name in ("results_obligation", "means_obligation", "france_only", "csr")
        if getattr(criteria, name) is Need.REQUIRE
    }
    criteria = attrs.evolve(criteria, required=(), figures=figures, **needs)
    # A required criterion's weight had no effect; preferred, 0 everywhere is refused.
    preferred = [n for n in criteria.names if criteria.need(n) is Need.PREFER]
    assume(not preferred or any(criteria.weight(n) for n in preferred))
    complete = []
    for vendor in vendors:
        values = dict(vendor.figures)
        for figure in figures:
            if figure.name not in values:
                values[figure.name] = draw(figure_values(figure))
        complete.append(attrs.evolve(vendor, figures=values))
    return complete, criteria, on


def _rerank(ranking: Ranking, name: str, weight: float) -> Ranking:
    assert ranking.criteria is not None
    criteria = attrs.evolve(ranking.criteria, weights={**ranking.criteria.weights, name: weight})
    return rank_vendors(
        [e.vendor for e in ranking], criteria, on=ranking.on, catalog=ranking.catalog
    )


def _winners(ranking: Ranking) -> set[str]:
    return {e.vendor.name for e in ranking if e.rank == 1}


def _top_gap(ranking: Ranking) -> float:
    """The best total minus the best total of the eligible vendors not ranked 1."""
    eligible = ranking.eligible
    below = [e.score.total for e in eligible if e.rank != 1]
    return eligible[0].score.total - max(below) if below else math.inf


def _inside(low: float, high: float | None, weight: float, t: float) -> float:
    span = (high - low) if high is not None else 2 * max(weight - low, 1.0)
    return low + t * span


@given(eligible_awards(), st.floats(0.001, 0.999))
def test_a_weight_strictly_inside_its_range_keeps_the_winners(award: Award, t: float) -> None:
    vendors, criteria, on = award
    ranking = rank_vendors(vendors, criteria, on=on)
    result = sensitivity(ranking)
    expected = set(result.winners)
    event(f"{len(ranking.eligible)} eligible, {len(result.weights)} weighted")
    for bounds in result.weights:
        if bounds.high is not None and not bounds.low < bounds.high:
            event("a range of one point (a tie the criterion separates)")
            continue
        weight = _inside(bounds.low, bounds.high, bounds.weight, t)
        if not bounds.low < weight and (bounds.high is None or weight < bounds.high):
            continue
        again = _rerank(ranking, bounds.criterion, weight)
        if _winners(again) != expected:  # only within the rounding of totals
            event("inside: a difference within the rounding")
            assert _top_gap(ranking) <= ROUNDING or _top_gap(again) <= ROUNDING


@given(eligible_awards(), st.floats(0.0, 0.9), st.floats(0.1, 10.0))
def test_a_weight_beyond_a_bound_other_than_0_changes_the_winners(
    award: Award, below: float, above: float
) -> None:
    vendors, criteria, on = award
    ranking = rank_vendors(vendors, criteria, on=on)
    result = sensitivity(ranking)
    expected = set(result.winners)
    for bounds in result.weights:
        beyond = []
        if bounds.low > 0:
            beyond.append(bounds.low * below)
        if bounds.high is not None and bounds.high > 0:
            beyond.append(bounds.high * (1 + above))
        for weight in beyond:
            if weight == 0 and not any(
                w for n, w in criteria.weights.items() if n != bounds.criterion
            ):
                continue  # every weight 0: refused by the engine
            event("beyond a bound")
            again = _rerank(ranking, bounds.criterion, weight)
            if _winners(again) == expected:  # only within the rounding of totals
                event("beyond: same winners within the rounding")
                assert len(expected) > 1 or _top_gap(again) <= ROUNDING


@given(eligible_awards())
def test_a_tipping_weight_makes_its_vendor_first_or_co_first(award: Award) -> None:
    vendors, criteria, on = award
    ranking = rank_vendors(vendors, criteria, on=on)
    result = sensitivity(ranking)
    winners = set(result.winners)
    assert [t.vendor for t in result.tipping] == [
        e.vendor.name for e in ranking.eligible if e.vendor.name not in winners
    ]
    for tip in result.tipping:
        if tip.criterion is None:
            event("tipping: no single weight")
            continue
        event("tipping: a weight")
        assert tip.weight is not None
        again = {e.vendor.name: e for e in _rerank(ranking, tip.criterion, tip.weight)}
        best = max(e.score.total for e in again.values() if e.rank is not None)
        assert again[tip.vendor].score.total >= best - ROUNDING


def _values(
    ranking: Ranking,
) -> dict[str, tuple[float, ...]]:
    return {
        e.vendor.name: tuple(r.value for r in e.score.breakdown if r.need is Need.PREFER)
        for e in ranking.eligible
    }


@given(eligible_awards(), st.integers(0, 2**32))
def test_shares_sum_to_one_per_vendor_and_per_rank_without_ties(award: Award, seed: int) -> None:
    vendors, criteria, on = award
    ranking = rank_vendors(vendors, criteria, on=on)
    result = acceptability(ranking, samples=50, seed=seed)
    eligible = [e.vendor.name for e in ranking.eligible]
    assert list(result.shares) == eligible
    for shares in result.shares.values():
        assert len(shares) == len(eligible)
        assert math.isclose(sum(shares), 1.0)
    values = _values(ranking)
    if len(set(values.values())) == len(values) and ranking.weights:  # no tie in any draw
        event("acceptability: distinct value vectors")
        for rank in range(len(eligible)):
            assert math.isclose(sum(s[rank] for s in result.shares.values()), 1.0)
    for name, central in result.central_weights.items():
        assert result.shares[name][0] > 0
        assert list(central) == list(ranking.weights)
        assert not central or math.isclose(math.fsum(central.values()), 1.0)


@st.composite
def dominated_awards(draw: st.DrawFn) -> Award:
    """Figure-only awards where "Best" beats every other offer on every criterion."""
    count = draw(st.integers(1, 4))
    figures = [Figure(f"mark{i}", out_of=20) for i in range(count)]
    if draw(st.booleans()):
        figures.append(Figure("price", Better.LOWER, draw(st.sampled_from(list(Scoring)[1:]))))
    weights = {f.name: draw(st.integers(1, 100)) for f in figures}
    names = draw(st.lists(st.text("abcdefgh", min_size=1, max_size=4), max_size=5, unique=True))
    offers = []
    for name in names:
        values = {f.name: draw(st.integers(0, 1999)) / 100 for f in figures[:count]}
        if len(figures) > count:
            values["price"] = draw(st.integers(1001, 5000)) / 10
        offers.append(Vendor(name, figures=values))
    best = {f.name: 20.0 for f in figures[:count]} | (
        {"price": 100.0} if len(figures) > count else {}
    )
    offers.append(Vendor("Best", figures=best))
    return offers, BuyerCriteria(figures=figures, weights=weights), draw(dates())


@given(dominated_awards(), st.integers(0, 2**32))
def test_a_vendor_that_beats_every_other_everywhere_is_first_in_every_draw(
    award: Award, seed: int
) -> None:
    vendors, criteria, on = award
    ranking = rank_vendors(vendors, criteria, on=on)
    result = acceptability(ranking, samples=50, seed=seed)
    assert result.shares["Best"][0] == 1.0
    assert sensitivity(ranking).winners == ("Best",)


@given(st.one_of(awards(), eligible_awards()), st.randoms(use_true_random=False))
def test_the_order_of_the_vendors_does_not_matter(award: Award, rnd: random.Random) -> None:
    vendors, criteria, on = award
    shuffled = list(vendors)
    rnd.shuffle(shuffled)
    first, second = rank_vendors(vendors, criteria, on=on), rank_vendors(shuffled, criteria, on=on)
    assert sensitivity(first) == sensitivity(second)
    assert acceptability(first, samples=20) == acceptability(second, samples=20)
