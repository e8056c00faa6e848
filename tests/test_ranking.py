"""rank_vendors: order, shared ranks, knocked-out vendors kept, nothing lost."""

import datetime as dt
from fractions import Fraction

import pytest

from callcenter_certs import (
    BuyerCriteria,
    HeldCertificate,
    InputError,
    Need,
    Site,
    Vendor,
    rank_vendors,
)

ON = dt.date(2026, 6, 1)
START = dt.date(2025, 1, 1)


def vendor(name: str, *ids: str, sites: list[Site] | None = None) -> Vendor:
    return Vendor(name, [HeldCertificate(i, START) for i in ids], sites)


def test_order_ties_and_knockouts() -> None:
    """Eligible by total (ties share a rank, listed by name), then knocked-out with rank None."""
    criteria = BuyerCriteria(required=["iso-9001"], results_obligation=Need.PREFER, csr=Need.PREFER)
    ranking = rank_vendors(
        [
            vendor("delta", "iso-9001"),
            vendor("Charlie", "iso-9001", "lrs"),
            vendor("bravo", "iso-9001", "nf-345"),
            vendor("alpha", "iso-9001", "nf-345", "lrs"),
            vendor("echo", "nf-345", "lrs"),
        ],
        criteria,
        on=ON,
    )
    assert [(e.rank, e.vendor.name, e.score.total) for e in ranking] == [
        (1, "alpha", 100.0),
        (2, "bravo", 50.0),
        (2, "Charlie", 50.0),
        (4, "delta", 0.0),
        (None, "echo", 100.0),
    ]
    assert [e.vendor.name for e in ranking.knocked_out] == ["echo"]
    assert len(ranking.eligible) == 4


def test_thirds_tie_exactly() -> None:
    """1/3 + 1/3 and 2/3 are the same total, so the two vendors share rank 1."""
    criteria = BuyerCriteria(
        results_obligation=Need.PREFER,
        means_obligation=Need.PREFER,
        csr=Need.PREFER,
        preferred_certifications=["iso-9001", "nf-345", "lrs"],
        weights={"results_obligation": 0, "means_obligation": 0, "csr": 0},
    )
    # a: two of three preferred held (value 2/3); b: the same by another pair.
    ranking = rank_vendors(
        [vendor("a", "iso-9001", "nf-345"), vendor("b", "nf-345", "lrs")], criteria, on=ON
    )
    assert [e.rank for e in ranking] == [1, 1]
    assert ranking[0].score.total == ranking[1].score.total == 66.666666667


def test_decimal_weights_tie_exactly() -> None:
    """Weights 0.1 + 0.2 against 0.3 tie (in binary floats they would not)."""
    assert 0.1 + 0.2 != 0.3  # the trap
    criteria = BuyerCriteria(
        results_obligation=Need.PREFER,
        means_obligation=Need.PREFER,
        csr=Need.PREFER,
        weights={"results_obligation": 0.1, "means_obligation": 0.2, "csr": 0.3},
    )
    ranking = rank_vendors([vendor("a", "nf-345", "iso-9001"), vendor("b", "lrs")], criteria, on=ON)
    assert [(e.rank, e.score.total) for e in ranking] == [(1, 50.0), (1, 50.0)]


@pytest.mark.parametrize(
    "weights",
    [
        (1 / 6, 2 / 6, 3 / 6),  # weights a program normalised
        (0.03631604832667812, 0.0896193188307074, 0.1259353671573855),  # found by review
    ],
)
def test_computed_weights_tie_to_the_documented_precision(
    weights: tuple[float, float, float],
) -> None:
    """Weights w1 + w2 == w3 in floats, but not as the decimals they print as: still a tie."""
    w1, w2, w3 = weights
    assert w1 + w2 == w3
    assert Fraction(repr(w1)) + Fraction(repr(w2)) != Fraction(repr(w3))  # the trap
    criteria = BuyerCriteria(
        results_obligation=Need.PREFER,
        means_obligation=Need.PREFER,
        csr=Need.PREFER,
        weights={"results_obligation": w1, "means_obligation": w2, "csr": w3},
    )
    ranking = rank_vendors([vendor("a", "nf-345", "iso-9001"), vendor("b", "lrs")], criteria, on=ON)
    assert [(e.rank, e.score.total) for e in ranking] == [(1, 50.0), (1, 50.0)]


def test_duplicate_names_are_refused() -> None:
    """Two vendors with one name cannot be told apart in a ranking: InputError."""
    with pytest.raises(
        InputError, match=r"vendors\[1\]\.name: 'A' is also the name of vendors\[0\]"
    ):
        rank_vendors([vendor("A"), vendor("A")], BuyerCriteria(), on=ON)


def test_every_bad_vendor_is_reported() -> None:
    """All unknown ids across vendors are reported in one error."""
    with pytest.raises(InputError) as info:
        rank_vendors([vendor("A", "iso9001"), vendor("B", "nf-354")], BuyerCriteria(), on=ON)
    assert [str(p).split(":")[0] for p in info.value.problems] == [
        "vendors[0].certificates[0].certification",
        "vendors[1].certificates[0].certification",
    ]


def test_not_a_vendor() -> None:
    """A stray object in the list is named by its index."""
    with pytest.raises(InputError, match=r"vendors\[1\]: dict is not a Vendor"):
        rank_vendors([vendor("A"), {"name": "B"}], BuyerCriteria(), on=ON)  # type: ignore[list-item]  # on purpose
    with pytest.raises(InputError, match="str is not a list of vendors"):
        rank_vendors("AB", BuyerCriteria(), on=ON)  # type: ignore[arg-type]  # on purpose


def test_ranking_explain_and_warnings() -> None:
    """The ranking carries the criteria warnings once and explains each vendor."""
    ranking = rank_vendors(
        [vendor("A", "nf-345", sites=[Site("FR", 1)])],
        BuyerCriteria(france_only=Need.PREFER),
        on=ON,
    )
    assert ranking.on == ON
    assert [w.criterion for w in ranking.warnings] == ["france_only"]
    text = ranking.explain()
    assert text.startswith("About the criteria:")
    assert "#1 A: 100.00 / 100, eligible" in text
