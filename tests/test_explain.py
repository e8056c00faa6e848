"""The explanations' text: totals, weights, shares, one vendor's score, the weights' table."""

import datetime as dt
from typing import Any

import pytest

from callcenter_certs import (
    BuyerCriteria,
    HeldCertificate,
    Need,
    Site,
    Vendor,
    rank_vendors,
    score_vendor,
)
from callcenter_certs.explain import (
    _criterion_line,
    _format_share,
    _format_total,
    _format_weight,
    _render_score,
    render_weights,
)
from callcenter_certs.findings import Finding
from callcenter_certs.scoring import CriterionScore, VendorScore

ON = dt.date(2026, 6, 1)


def cert(cid: str, start: dt.date = dt.date(2025, 1, 1)) -> HeldCertificate:
    return HeldCertificate(cid, start)


def score(vendor: Vendor, **criteria: Any) -> VendorScore:
    return score_vendor(vendor, BuyerCriteria(**criteria), on=ON)


def row(**fields: Any) -> CriterionScore:
    """A breakdown line of a preferred criterion, with ``fields`` changed."""
    values: dict[str, Any] = {
        "criterion": "csr",
        "need": Need.PREFER,
        "met": True,
        "value": 1.0,
        "weight": 2.0,
        "contribution": 50.0,
    }
    return CriterionScore(**{**values, **fields})


# Numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "shown"), [(100, "100.00"), (0, "0.00"), (66.666, "66.67"), (12.5, "12.50")]
)
def test_a_total_has_two_decimals(total: float, shown: str) -> None:
    assert _format_total(total) == shown


@pytest.mark.parametrize(
    ("share", "shown"), [(46.15, "46.1 %"), (100, "100.0 %"), (0, "0.0 %"), (33.36, "33.4 %")]
)
def test_a_share_has_one_decimal_and_a_percent_sign(share: float, shown: str) -> None:
    assert _format_share(share) == shown


@pytest.mark.parametrize(
    ("weight", "shown"),
    [(3, "3"), (3.0, "3"), (0.5, "0.5"), (-0.0, "0"), (1e-05, "0.00001"), (1e16, "1" + "0" * 16)],
)
def test_a_weight_reads_as_written(weight: float, shown: str) -> None:
    assert _format_weight(weight) == shown


# One vendor ------------------------------------------------------------------------------


def test_explain_lists_every_part() -> None:
    """explain() shows criteria with points, knock-outs, warnings and uncounted certificates."""
    vendor = Vendor(
        "Acme",
        [cert("nf-345"), cert("iso-9001", dt.date(2019, 1, 1))],
        [Site("FR", 10), Site("MA", 10)],
    )
    text = score(
        vendor,
        results_obligation=Need.PREFER,
        france_only=Need.REQUIRE,
        valid_through=dt.date(2029, 1, 1),
    ).explain()
    assert text.splitlines() == [
        "Acme: 100.00 / 100, KNOCKED OUT (certificates checked on 2026-06-01)",
        "Criteria:",
        "  results_obligation: value 1.00 x weight 1 -> 100.00 points (met) [by nf-345]",
        "  france_only (required): not met [10 of 20 agents in France; sites abroad: MA]",
        "Knock-outs:",
        "  - France-only staffing is required, but the vendor has staff in MA",
        "Warnings:",
        "  - the nf-345 certificate ends on 2028-01-01, before the contract end 2029-01-01",
        "  - nf-345 decides results_obligation, but no recent source confirms that the scheme "
        "still runs: check the certificate with its issuer",
        "Not counted:",
        "  - the iso-9001 certificate does not count: it expired on 2022-01-01",
    ]


@pytest.mark.parametrize(
    ("weight", "shown"),
    [
        (2, "2"),
        (0.5, "0.5"),
        (1234567, "1234567"),
        (1 / 3, "0.3333333333333333"),
        (-0.0, "0"),
        (1e16, "10000000000000000"),
        (1e-05, "0.00001"),
    ],
)
def test_explain_shows_weights_as_written(weight: float, shown: str) -> None:
    """No exponent, no rounding, no negative zero in the weight column."""
    criteria = {"csr": Need.PREFER, "results_obligation": Need.PREFER, "weights": {"csr": weight}}
    text = score(Vendor("A", [cert("lrs")]), **criteria).explain()
    assert f"  csr: value 1.00 x weight {shown} -> " in text
    assert _format_weight(int(weight)) == str(int(weight))  # an int from a hand-built score


def test_criterion_lines() -> None:
    """Required ids, a required criterion, a figure and a preferred one each read their way."""
    assert _criterion_line(row(criterion="required", need=Need.REQUIRE, met=False)) == (
        "  required certifications: not met"
    )
    assert _criterion_line(row(need=Need.REQUIRE, detail="d")) == "  csr (required): met [d]"
    assert _criterion_line(row(criterion="price", met=False, value=0.25, figure=12.0)) == (
        "  price: value 0.25 x weight 2 -> 50.00 points (not acceptable)"
    )
    assert _criterion_line(row(certificates=("lrs", "iso-26000"), detail="d")) == (
        "  csr: value 1.00 x weight 2 -> 50.00 points (met) [by lrs, iso-26000; d]"
    )


def test_a_score_without_criteria_says_every_vendor_scores_100() -> None:
    knockout = Finding(criterion="required", message="no luck")
    vendor_score = VendorScore(vendor="A", on=ON, total=100, eligible=False, knockouts=(knockout,))
    assert _render_score(vendor_score).splitlines() == [
        "A: 100.00 / 100, KNOCKED OUT (certificates checked on 2026-06-01)",
        "Criteria: none preferred or required (every vendor scores 100)",
        "Knock-outs:",
        "  - no luck",
    ]
    assert _render_score(VendorScore(vendor="B", on=ON, total=0, eligible=True)).startswith(
        "B: 0.00 / 100, eligible (certificates checked on 2026-06-01)\n"
    )


# The weights ------------------------------------------------------------------------------


def test_render_weights_nominal_and_effective() -> None:
    """Weights as written, their share, and their share of the spread among eligible offers."""
    criteria = BuyerCriteria(
        csr=Need.PREFER, results_obligation=Need.PREFER, weights={"csr": 1, "results_obligation": 3}
    )
    ranking = rank_vendors([Vendor("A", [cert("lrs")]), Vendor("B")], criteria, on=ON)
    assert render_weights(ranking).splitlines() == [
        "Weights (as written, share of the total, effective among the eligible offers):",
        "  results_obligation: 3 (75.0 %), effective 0.0 %",
        "  csr: 1 (25.0 %), effective 100.0 %",
    ]


def test_render_weights_without_effective_weights() -> None:
    """One eligible offer separates nothing: the effective weights are a dash."""
    criteria = BuyerCriteria(csr=Need.PREFER, weights={"csr": 0.5})
    ranking = rank_vendors([Vendor("A")], criteria, on=ON)
    assert render_weights(ranking).splitlines() == [
        "Weights (as written, share of the total, effective among the eligible offers):",
        "  csr: 0.5 (100.0 %), effective —",
        "  (no effective weights: fewer than two eligible offers, or all equal)",
    ]


def test_render_weights_without_weighted_criteria_is_empty() -> None:
    assert render_weights(rank_vendors([Vendor("A")], BuyerCriteria(), on=ON)) == ""
