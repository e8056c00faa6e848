"""Properties of the award grid: figures scored against the eligible offers."""

import random
from decimal import Decimal

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from callcenter_certs import Better, Scoring, Vendor, rank_vendors, score_vendor
from callcenter_certs.ranking import RankedVendor, Ranking
from callcenter_certs.strategies import awards, figures, vendors
from conftest import Award

SOME_FIGURES = st.lists(figures(), min_size=1, max_size=3, unique_by=lambda f: f.name)
A_PRICE = st.tuples(
    figures("price").map(
        lambda f: attrs.evolve(
            f,
            better=Better.LOWER,
            scoring=Scoring.PROPORTIONAL if f.scoring is Scoring.SCALE else f.scoring,
            out_of=None,
            minimum=None,
            abnormally_low=f.abnormally_low or 0.8,
        )
    ),
    st.lists(figures("technical"), max_size=1),
).map(lambda drawn: [drawn[0], *drawn[1]])

RELATIVE = (Scoring.PROPORTIONAL, Scoring.LINEAR)


def _by_name(ranking: Ranking) -> dict[str, RankedVendor]:
    return {e.vendor.name: e for e in ranking}


@given(awards())
def test_totals_are_in_range_and_every_vendor_comes_out_once(award: Award) -> None:
    vendors, criteria, on = award
    ranking = rank_vendors(vendors, criteria, on=on)
    assert sorted(e.vendor.name for e in ranking) == sorted(v.name for v in vendors)
    for entry in ranking:
        assert 0 <= entry.score.total <= 100
        assert entry.score.eligible == (entry.rank is not None)


@given(awards())
def test_the_best_eligible_value_gets_the_full_points(award: Award) -> None:
    vendors, criteria, on = award
    ranking = rank_vendors(vendors, criteria, on=on)
    eligible = ranking.eligible
    for figure in criteria.figures:
        if figure.scoring not in RELATIVE or not eligible:
            continue
        values = [e.vendor.figures[figure.name] for e in eligible]
        best = min(values) if figure.better is Better.LOWER else max(values)
        for entry in eligible:
            if entry.vendor.figures[figure.name] == best:
                row = next(r for r in entry.score.breakdown if r.criterion == figure.name)
                assert row.value == 1.0


def _cents(value: float) -> int:
    return round(value * 100)


@given(awards(figures=SOME_FIGURES), st.data())
def test_improving_a_figure_never_lowers_the_total(award: Award, data: st.DataObject) -> None:
    vendors, criteria, on = award
    figure = data.draw(st.sampled_from(criteria.figures))
    holders = [i for i, v in enumerate(vendors) if figure.name in v.figures]
    assume(holders)
    index = data.draw(st.sampled_from(holders))
    vendor = vendors[index]
    old = _cents(vendor.figures[figure.name])
    if figure.better is Better.LOWER:
        low = 1 if figure.scoring is Scoring.PROPORTIONAL else 0
        assume(old > low)
        better = data.draw(st.integers(low, old - 1))
    else:
        top = _cents(figure.out_of) if figure.out_of is not None else 120_000
        assume(old < top)
        better = data.draw(st.integers(old + 1, top))
    improved = Vendor(
        vendor.name,
        vendor.certificates,
        vendor.sites,
        {**vendor.figures, figure.name: better / 100},
    )
    before = _by_name(rank_vendors(vendors, criteria, on=on))[vendor.name]
    changed = [*vendors[:index], improved, *vendors[index + 1 :]]
    after = _by_name(rank_vendors(changed, criteria, on=on))[vendor.name]
    assert after.score.total >= before.score.total


@given(awards(), vendors(name=st.just("\u2205 knocked out")))
def test_adding_a_knocked_out_vendor_changes_no_eligible_total(award: Award, drawn: Vendor) -> None:
    vendors, criteria, on = award
    assume(drawn.name not in {v.name for v in vendors})
    if criteria.figures:  # without its figures, an offer is knocked out whatever it holds
        drawn = Vendor(drawn.name, drawn.certificates, drawn.sites)
    ranking = rank_vendors(vendors, criteria, on=on)
    more = _by_name(rank_vendors([*vendors, drawn], criteria, on=on))
    assume(more[drawn.name].rank is None)
    for entry in ranking.eligible:
        assert more[entry.vendor.name].score.total == entry.score.total
        assert more[entry.vendor.name].rank == entry.rank


def _scaled(value: float, k: Decimal) -> float:
    return float(Decimal(repr(value)) * k)


@given(
    awards(figures=SOME_FIGURES),
    st.sampled_from([Decimal("0.5"), Decimal(10), Decimal("2.5"), Decimal(1000)]),
)
def test_scaling_a_relative_figure_changes_nothing(award: Award, k: Decimal) -> None:
    """Exact decimals times an exact decimal: the ratios, so the totals, are the same."""
    vendors, criteria, on = award
    relative = [f for f in criteria.figures if f.scoring in RELATIVE]
    assume(relative)
    names = {f.name for f in relative}
    scaled_vendors = [
        Vendor(
            v.name,
            v.certificates,
            v.sites,
            {n: _scaled(x, k) if n in names else x for n, x in v.figures.items()},
        )
        for v in vendors
    ]
    figures = [
        attrs.evolve(
            f,
            minimum=None if f.minimum is None else _scaled(f.minimum, k),
            maximum=None if f.maximum is None else _scaled(f.maximum, k),
        )
        if f.name in names
        else f
        for f in criteria.figures
    ]
    scaled_criteria = attrs.evolve(criteria, figures=figures)
    before = rank_vendors(vendors, criteria, on=on)
    after = rank_vendors(scaled_vendors, scaled_criteria, on=on)
    assert [(e.rank, e.vendor.name, e.score.total) for e in before] == [
        (e.rank, e.vendor.name, e.score.total) for e in after
    ]


@given(awards(figures=A_PRICE))
def test_an_abnormally_low_warning_never_changes_a_rank(award: Award) -> None:
    vendors, criteria, on = award
    without = attrs.evolve(
        criteria, figures=[attrs.evolve(f, abnormally_low=None) for f in criteria.figures]
    )
    warned = rank_vendors(vendors, criteria, on=on)
    plain = rank_vendors(vendors, without, on=on)
    assert [(e.rank, e.vendor.name, e.score.total) for e in warned] == [
        (e.rank, e.vendor.name, e.score.total) for e in plain
    ]
    for entry, other in zip(warned, plain, strict=True):
        assert entry.score.knockouts == other.score.knockouts


@given(awards())
def test_score_vendor_among_the_offers_is_the_ranking_score(award: Award) -> None:
    vendors, criteria, on = award
    ranking = _by_name(rank_vendors(vendors, criteria, on=on))
    for vendor in vendors:
        assert score_vendor(vendor, criteria, on=on, among=vendors) == ranking[vendor.name].score


@given(awards(), st.randoms(use_true_random=False))
def test_the_order_of_the_offers_does_not_matter(award: Award, rnd: random.Random) -> None:
    vendors, criteria, on = award
    shuffled = list(vendors)
    rnd.shuffle(shuffled)
    first = rank_vendors(vendors, criteria, on=on)
    second = rank_vendors(shuffled, criteria, on=on)
    assert list(first) == list(second)
    assert first.effective_weights == second.effective_weights
