"""The award grid: figures (price, marks) as criteria beside the certification ones.

Cross-cutting: the grid across criteria, rules, scoring and ranking, not one module's tests.
"""

import copy
import datetime as dt
import pickle
import threading
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from callcenter_certs import (
    Better,
    BuyerCriteria,
    Figure,
    HeldCertificate,
    InputError,
    Need,
    RankedVendor,
    Ranking,
    Scoring,
    ScoringPlan,
    Site,
    Vendor,
    rank_vendors,
    score_vendor,
)
from callcenter_certs.criteria import CRITERIA
from callcenter_certs.rules import built_in
from callcenter_certs.scoring import CriterionScore, VendorScore

ON = dt.date(2026, 6, 1)
PRICE = Figure("price", Better.LOWER, Scoring.PROPORTIONAL)
MARK = Figure("technical", out_of=20, minimum=10)


def offer(
    name: str,
    price: int | None = None,
    mark: float | None = None,
    *certificates: HeldCertificate,
    sites: list[Site] | None = None,
) -> Vendor:
    figures: dict[str, float] = {}
    if price is not None:
        figures["price"] = price
    if mark is not None:
        figures["technical"] = mark
    return Vendor(name, certificates, sites, figures)


def grid(*figures: Figure, **options: Any) -> BuyerCriteria:
    weights = options.pop("weights", {f.name: 1 for f in figures})
    return BuyerCriteria(figures=figures, weights=weights, **options)


def ranked(
    vendors: list[Vendor],
    criteria: BuyerCriteria,
) -> dict[str, RankedVendor]:
    return {e.vendor.name: e for e in rank_vendors(vendors, criteria, on=ON)}


def row(score: VendorScore, criterion: str) -> CriterionScore:
    return next(r for r in score.breakdown if r.criterion == criterion)


# -- records ------------------------------------------------------------------------


def test_vendor_figures_are_read_only_and_compared_by_value() -> None:
    vendor = Vendor("A", figures={"technical": 15, "price": 1_180_000.5})
    assert list(vendor.figures) == ["price", "technical"]
    assert vendor.figures["technical"] == 15.0
    assert isinstance(vendor.figures["technical"], float)
    assert vendor == Vendor("A", figures={"price": 1_180_000.5, "technical": 15.0})
    assert vendor != Vendor("A", figures={"price": 1_180_000.5})
    with pytest.raises(TypeError):
        vendor.figures["price"] = 1  # type: ignore[index]  # read-only: the point


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"price": True}, "figures.price: True is not a finite number"),
        ({"price": float("nan")}, "figures.price: nan is not a finite number"),
        ({"price": "12"}, "figures.price: '12' is not a finite number"),
        ({"Price": 1}, "'Price' is not a figure name"),
        ({"1st": 1}, "'1st' is not a figure name"),
        ([("price", 1)], "figures: [('price', 1)] is not a table of name: number"),
    ],
)
def test_bad_vendor_figures(
    figures: dict[str, float]
    | list[tuple[str, int]]
    | dict[str, str]
    | dict[str, bool]
    | dict[str, int],
    message: str,
) -> None:
    with pytest.raises(InputError, match=None) as caught:
        Vendor("A", figures=figures)  # type: ignore[arg-type]  # wrong on purpose
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "csr", "out_of": 1}, "name: 'csr' is the name of a built-in criterion"),
        ({"name": "required", "out_of": 1}, "'required' is the name of a built-in criterion"),
        ({"name": "Price", "out_of": 1}, "name: 'Price' is not a figure name"),
        ({"name": "price"}, "out_of: scoring 'scale' needs out_of"),
        ({"name": "price", "out_of": 0}, "out_of: 0.0 is not a number > 0"),
        (
            {"name": "price", "better": Better.LOWER, "out_of": 20},
            "scoring: scoring 'scale' is for figures where higher is better",
        ),
        (
            {"name": "price", "scoring": Scoring.LINEAR, "out_of": 20},
            "out_of: out_of applies only to scoring 'scale', not 'linear'",
        ),
        (
            {"name": "m", "out_of": 20, "minimum": 12, "maximum": 10},
            "minimum: minimum 12 is above maximum 10",
        ),
        (
            {"name": "m", "out_of": 20, "abnormally_low": 0.8},
            "abnormally_low: abnormally_low applies only to figures where lower is better",
        ),
        (
            {
                "name": "price",
                "better": Better.LOWER,
                "scoring": Scoring.PROPORTIONAL,
                "abnormally_low": 1.0,
            },
            "abnormally_low: 1.0 is not a ratio strictly between 0 and 1",
        ),
        ({"name": "m", "out_of": True}, "out_of: True is not a finite number"),
        ({"name": "m", "scoring": "scale", "out_of": 20}, "scoring: 'scale' is not a Scoring"),
    ],
)
def test_bad_figures(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError) as caught:
        Figure(**kwargs)
    assert message in str(caught.value)


def test_one_weight_table_for_criteria_and_figures() -> None:
    criteria = grid(PRICE, MARK, weights={"price": 40, "technical": 45, "csr": 5})
    assert criteria.weight("price") == 40.0
    assert criteria.weight("results_obligation") == 1.0
    assert criteria.names == (*CRITERIA, "price", "technical")
    assert criteria.need("price") is Need.PREFER


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"figures": [PRICE, PRICE]}, "figures[1].name: two figures are named 'price'"),
        ({"figures": [PRICE], "weights": {"prize": 1}}, "weights.prize: unknown criterion 'prize'"),
        ({"weights": {"price": 1}}, "weights.price: unknown criterion 'price'"),
        ({"figures": [PRICE], "weights": {"price": -1}}, "weights.price: -1 is not a finite"),
        ({"figures": "price"}, "figures: 'price' is not a list of Figure"),
        ({"figures": [{"name": "price"}]}, "figures[0]: {'name': 'price'} is not a Figure"),
    ],
)
def test_bad_grids(
    kwargs: dict[str, Any],
    message: str,
) -> None:
    with pytest.raises(InputError) as caught:
        BuyerCriteria(**kwargs)
    assert message in str(caught.value)


def test_every_built_in_criterion_has_one_definition() -> None:
    """The rules module's promise: a criterion is its field plus its definition."""
    definitions = built_in(
        examples=lambda _: "",
        required=(),
        preferred=(),
        accepted=frozenset,
        on=ON,
    )
    assert tuple(definitions) == ("required", *CRITERIA)
    assert all(definitions[name].name == name for name in definitions)


# -- scoring ------------------------------------------------------------------------


def test_proportional_price_gives_the_lowest_price_the_full_points() -> None:
    result = ranked([offer("A", 100), offer("B", 125), offer("C", 200)], grid(PRICE))
    assert [result[n].score.total for n in "ABC"] == [100.0, 80.0, 50.0]
    assert row(result["B"].score, "price").detail.startswith("100 / 125 (best eligible offer 100)")


def test_proportional_higher_is_value_over_best() -> None:
    mark = Figure("technical", Better.HIGHER, Scoring.PROPORTIONAL)
    result = ranked([offer("A", mark=16), offer("B", mark=12)], grid(mark))
    assert (result["A"].score.total, result["B"].score.total) == (100.0, 75.0)


def test_linear_from_worst_to_best() -> None:
    linear = Figure("price", Better.LOWER, Scoring.LINEAR)
    result = ranked([offer("A", 100), offer("B", 150), offer("C", 200)], grid(linear))
    assert [result[n].score.total for n in "ABC"] == [100.0, 50.0, 0.0]


def test_linear_with_every_value_equal_gives_full_points() -> None:
    linear = Figure("price", Better.LOWER, Scoring.LINEAR)
    result = ranked([offer("A", 100), offer("B", 100)], grid(linear))
    assert result["A"].score.total == result["B"].score.total == 100.0


def test_scale_is_value_over_out_of() -> None:
    result = ranked([offer("A", mark=15.5)], grid(MARK))
    assert result["A"].score.total == 77.5
    assert row(result["A"].score, "technical").figure == 15.5


def test_a_missing_figure_knocks_out() -> None:
    result = ranked([offer("A", 100), offer("B")], grid(PRICE))
    assert result["B"].rank is None
    assert [str(k) for k in result["B"].score.knockouts] == [
        "no price given: an incomplete offer is irregular"
    ]


def test_minimum_and_maximum_knock_out_with_the_value_and_threshold() -> None:
    price = Figure("price", Better.LOWER, Scoring.PROPORTIONAL, maximum=150)
    result = ranked([offer("A", 100, 9), offer("B", 160, 12)], grid(price, MARK))
    assert [str(k) for k in result["A"].score.knockouts] == ["technical 9 is below the minimum 10"]
    assert [str(k) for k in result["B"].score.knockouts] == ["price 160 is above the maximum 150"]
    assert result["A"].score.knockouts[0].criterion == "technical"


def test_relative_scores_compare_with_eligible_offers_only() -> None:
    """A knocked-out offer's lower price sets no reference; its own value is clamped."""
    result = ranked(
        [offer("A", 100, 12), offer("B", 80, 12), offer("K", 50, 5)],
        grid(PRICE, MARK, weights={"price": 1, "technical": 0}),
    )
    assert result["B"].score.total == 100.0  # best eligible price
    assert result["A"].score.total == 80.0
    assert result["K"].score.total == 100.0  # 80 / 50 clamped to 1
    assert "(clamped to 0..1)" in row(result["K"].score, "price").detail


def test_with_no_eligible_offer_relative_scores_compare_with_all() -> None:
    result = ranked([offer("A", 100, 5), offer("B", 50, 5)], grid(PRICE, MARK))
    assert all(e.rank is None for e in result.values())
    assert row(result["B"].score, "price").value == 1.0
    assert row(result["A"].score, "price").value == 0.5


def test_certification_knock_outs_also_leave_the_reference() -> None:
    criteria = grid(PRICE, required=["iso-9001"])
    iso = HeldCertificate("iso-9001", dt.date(2025, 1, 1))
    result = ranked([offer("A", 100, None, iso), offer("B", 50)], criteria)
    assert result["A"].score.total == 100.0
    assert result["B"].rank is None


@pytest.mark.parametrize(
    ("figure", "value", "message"),
    [
        (MARK, 21, "vendors[0].figures.technical: 21 is outside the scale 0..20"),
        (MARK, -1, "vendors[0].figures.technical: -1 is outside the scale 0..20"),
        (PRICE, 0, "vendors[0].figures.price: 0 is not > 0"),
        (PRICE, -5, "vendors[0].figures.price: -5 is not > 0"),
    ],
)
def test_values_no_scoring_can_take_are_input_errors(
    figure: Figure, value: int, message: str
) -> None:
    vendor = Vendor("A", figures={figure.name: value})
    with pytest.raises(InputError) as caught:
        rank_vendors([vendor, offer("B", 10, 10)], grid(figure), on=ON)
    assert message in str(caught.value)


def test_abnormally_low_warns_and_changes_nothing() -> None:
    price = Figure("price", Better.LOWER, Scoring.PROPORTIONAL, abnormally_low=0.8)
    vendors = [offer("A", 100), offer("B", 110), offer("C", 70)]
    warned = ranked(vendors, grid(price))
    plain = ranked(vendors, grid(PRICE))
    assert {n: (e.rank, e.score.total) for n, e in warned.items()} == {
        n: (e.rank, e.score.total) for n, e in plain.items()
    }
    warnings = [w for w in warned["C"].score.warnings if w.criterion == "price"]
    assert len(warnings) == 1
    assert "70 is below 0.8 x the mean of the other eligible offers (105)" in str(warnings[0])
    assert "L2152-5" in str(warnings[0])
    assert warned["C"].score.eligible
    assert not [w for w in warned["A"].score.warnings if w.criterion == "price"]


def test_abnormally_low_needs_another_eligible_offer_and_is_for_eligible_ones() -> None:
    price = Figure("price", Better.LOWER, Scoring.PROPORTIONAL, abnormally_low=0.8)
    alone = ranked([offer("A", 10)], grid(price))
    assert not alone["A"].score.warnings
    knocked = ranked([offer("A", 100, 12), offer("B", 10, 5)], grid(price, MARK))
    assert not [w for w in knocked["B"].score.warnings if w.criterion == "price"]


def test_a_minimum_price_is_warned_about() -> None:
    price = Figure("price", Better.LOWER, Scoring.PROPORTIONAL, minimum=50)
    ranking = rank_vendors([offer("A", 100)], grid(price), on=ON)
    assert any("R2152-3" in str(w) for w in ranking.warnings)


# -- score_vendor(among=) -------------------------------------------------------------


def test_score_vendor_among_offers_is_the_ranking_score() -> None:
    vendors = [offer("A", 100, 12), offer("B", 80, 15), offer("K", 50, 5)]
    criteria = grid(PRICE, MARK)
    ranking = ranked(vendors, criteria)
    for vendor in vendors:
        alone = score_vendor(vendor, criteria, on=ON, among=vendors)
        assert alone == ranking[vendor.name].score


def test_score_vendor_not_among_the_offers_is_scored_with_them() -> None:
    others = [offer("A", 100, 12), offer("B", 80, 15)]
    newcomer = offer("N", 90, 14)
    criteria = grid(PRICE, MARK)
    alone = score_vendor(newcomer, criteria, on=ON, among=others)
    assert alone == ranked([*others, newcomer], criteria)["N"].score


def test_score_vendor_needs_among_for_relative_figures() -> None:
    with pytest.raises(InputError, match="among: the figure 'price' is scored relative"):
        score_vendor(offer("A", 100), grid(PRICE), on=ON)
    assert score_vendor(offer("A", mark=10), grid(MARK), on=ON).total == 50.0
    assert score_vendor(offer("A", mark=10), grid(MARK), on=ON, among=[]).total == 50.0


def test_score_vendor_refuses_a_different_offer_of_the_same_name() -> None:
    with pytest.raises(InputError, match=r"among\[0\]: 'A' is a different vendor"):
        score_vendor(offer("A", 100), grid(PRICE), on=ON, among=[offer("A", 90)])


def test_score_vendor_among_reports_bad_offers_with_their_place() -> None:
    with pytest.raises(InputError, match=r"among\[1\]\.figures\.price: 0 is not > 0"):
        score_vendor(offer("A", 100), grid(PRICE), on=ON, among=[offer("A", 100), offer("B", 0)])


# -- effective weights ----------------------------------------------------------------


def test_effective_weights_are_the_spread_of_points() -> None:
    """A nominal 50/50 grid where prices are close and marks far apart."""
    vendors = [offer("A", 100, 20), offer("B", 110, 10)]
    ranking = rank_vendors(vendors, grid(PRICE, MARK), on=ON)
    # price: 50 and 45.4545...; technical: 50 and 25.
    effective = ranking.effective_weights
    spread_price = 50 - 50 * 100 / 110
    assert effective["price"] == pytest.approx(100 * spread_price / (spread_price + 25))
    assert sum(effective.values()) == pytest.approx(100)
    assert ranking.nominal_weights == {"price": 50.0, "technical": 50.0}
    assert "effective" in ranking.explain()


def test_effective_weights_are_empty_when_nothing_separates() -> None:
    assert rank_vendors([offer("A", 100)], grid(PRICE), on=ON).effective_weights == {}
    same = [offer("A", 100, 10), offer("B", 100, 10)]
    assert rank_vendors(same, grid(PRICE, MARK), on=ON).effective_weights == {}
    assert rank_vendors([], grid(PRICE), on=ON).effective_weights == {}


def test_effective_weights_count_only_eligible_vendors() -> None:
    vendors = [offer("A", 100, 12), offer("B", 100, 16), offer("K", 50, 5)]
    effective = rank_vendors(vendors, grid(PRICE, MARK), on=ON).effective_weights
    assert effective == {"price": 0.0, "technical": 100.0}


def test_certification_criteria_and_figures_in_one_grid() -> None:
    criteria = grid(
        PRICE,
        MARK,
        results_obligation=Need.PREFER,
        weights={"price": 40, "technical": 40, "results_obligation": 20},
    )
    nf = HeldCertificate("nf-345", dt.date(2025, 1, 1))
    vendors = [offer("A", 100, 15, nf, sites=[Site("FR", 10)]), offer("B", 80, 12)]
    result = ranked(vendors, criteria)
    assert result["A"].score.total == 20 + 40 * 80 / 100 + 40 * 15 / 20
    assert result["B"].score.total == 40 + 40 * 12 / 20
    assert [r.criterion for r in result["A"].score.breakdown] == [
        "results_obligation",
        "price",
        "technical",
    ]


# -- the ranking's lazy scores ----------------------------------------------------------


def _demo_ranking() -> tuple[Ranking, list[Vendor]]:
    vendors = [offer("A", 100, 12), offer("B", 80, 15), offer("K", 50, 5)]
    return rank_vendors(vendors, grid(PRICE, MARK), on=ON), vendors


def test_a_ranked_score_is_computed_once_and_kept() -> None:
    ranking, _ = _demo_ranking()
    entry = ranking[0]
    assert entry.score is entry.score
    assert RankedVendor(rank=entry.rank, vendor=entry.vendor, score=entry.score) == entry


def test_rankings_records_and_criteria_pickle_and_copy() -> None:
    ranking, vendors = _demo_ranking()
    for value in (ranking, vendors[0], grid(PRICE, MARK, weights={"price": 2})):
        assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 - our own bytes
        assert copy.deepcopy(value) == value
    again = pickle.loads(pickle.dumps(vendors[0]))  # noqa: S301 - our own bytes
    with pytest.raises(TypeError):
        again.figures["price"] = 1


def test_threads_reading_scores_at_once_see_equal_scores() -> None:
    ranking, _ = _demo_ranking()
    seen = []
    barrier = threading.Barrier(4)

    def read() -> None:
        barrier.wait()
        seen.append(tuple(entry.score for entry in ranking))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 4
    assert all(scores == seen[0] for scores in seen)


def test_plan_is_frozen() -> None:
    plan = ScoringPlan(grid(MARK), on=ON)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        plan.on = dt.date(2020, 1, 1)  # type: ignore[misc]  # frozen: the error is the point
    assert plan.score(offer("A", mark=10)).total == 50.0
    with pytest.raises(InputError, match="among"):
        ScoringPlan(grid(PRICE), on=ON).score(offer("A", 10))


def test_a_ranked_total_is_known_without_the_explanation(monkeypatch: pytest.MonkeyPatch) -> None:
    ranking, _ = _demo_ranking()

    def refuse(*_: object) -> None:
        raise AssertionError("the explanation was computed")

    monkeypatch.setattr(ScoringPlan, "explain", refuse)
    totals = [entry.total for entry in ranking]
    monkeypatch.undo()
    assert totals == [entry.score.total for entry in ranking]


def test_clamped_is_said_only_of_a_value_outside_the_range() -> None:
    """The worst eligible offer is at 0, not clamped; a knocked-out one beyond it is."""
    cost = Figure("cost", Better.LOWER, Scoring.LINEAR, maximum=200)
    vendors = [
        Vendor(name, figures={"cost": value})
        for name, value in (("A", 100), ("B", 150), ("C", 300), ("D", 50))
    ]
    result = ranked(vendors, grid(cost))
    assert "clamped" not in row(result["B"].score, "cost").detail
    assert row(result["C"].score, "cost").detail.endswith("= 0 (clamped to 0..1)")


def test_with_no_eligible_offer_the_words_say_so() -> None:
    price = Figure("price", Better.LOWER, Scoring.PROPORTIONAL, maximum=1)
    result = ranked([offer("X", 3), offer("Y", 6)], grid(price))
    assert row(result["Y"].score, "price").detail == (
        "3 / 6 (best offer (none is eligible) 3) = 0.5"
    )


def test_figures_take_any_real_number_and_refuse_nan() -> None:
    exact: Any = {"p": Decimal("1.5"), "q": Fraction(1, 4)}  # real numbers beyond float
    assert Vendor("A", figures=exact).figures == {
        "p": 1.5,
        "q": 0.25,
    }
    with pytest.raises(InputError, match="out_of: nan is not a finite number"):
        Figure("m", out_of=float("nan"))
    with pytest.raises(InputError, match="score: nan is not a finite number"):
        HeldCertificate("ecovadis", dt.date(2026, 1, 1), score=float("nan"))
