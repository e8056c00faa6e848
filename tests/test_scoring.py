"""The scoring rules, one by one, with the sentences a buyer reads."""

import datetime as dt
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    Catalog,
    CertificateStatus,
    HeldCertificate,
    InputError,
    Need,
    Site,
    Vendor,
    check_criteria,
    score_vendor,
)
from callcenter_certs.scoring import VendorScore, _add_months

ON = dt.date(2026, 6, 1)


def cert(
    cid: str, start: date = dt.date(2025, 1, 1), end: date | None = None, **extra: Any
) -> HeldCertificate:
    return HeldCertificate(cid, start, end, **extra)


def score(vendor: Vendor, **criteria: Any) -> VendorScore:
    return score_vendor(vendor, BuyerCriteria(**criteria), on=ON)


def test_nothing_preferred_scores_100() -> None:
    """With no preferred criterion every vendor totals 100 (documented)."""
    result = score(Vendor("A"))
    assert (result.total, result.eligible, result.breakdown) == (100.0, True, ())


@pytest.mark.parametrize(
    ("start", "end", "status", "counts"),
    [
        (dt.date(2025, 1, 1), None, CertificateStatus.ACTIVE, True),
        (ON, ON, CertificateStatus.ACTIVE, True),  # both ends inclusive
        (dt.date(2026, 6, 2), None, CertificateStatus.ACTIVE, False),  # not yet valid
        (dt.date(2020, 1, 1), dt.date(2026, 5, 31), CertificateStatus.ACTIVE, False),  # expired
        (dt.date(2025, 1, 1), None, CertificateStatus.SUSPENDED, False),
        (dt.date(2023, 6, 1), None, CertificateStatus.ACTIVE, True),  # +3 y = 2026-06-01, inclusive
        (dt.date(2023, 5, 31), None, CertificateStatus.ACTIVE, False),  # +3 y = 2026-05-31
    ],
)
def test_when_a_certificate_counts(
    start: date, end: date | None, status: CertificateStatus, counts: bool
) -> None:
    """valid_from <= on <= valid_until (inclusive; default end from validity_years), active."""
    vendor = Vendor("A", [cert("nf-345", start, end, status=status)])
    result = score(vendor, results_obligation=Need.PREFER)
    assert (result.total == 100.0) is counts
    assert bool(result.not_counted) is not counts


def test_not_counted_says_why() -> None:
    """An expired certificate is listed with its end date."""
    vendor = Vendor("A", [cert("iso-9001", dt.date(2020, 1, 1), certificate_number="FR-1")])
    result = score(vendor)
    assert [str(f) for f in result.not_counted] == [
        "the iso-9001 certificate no. FR-1 does not count: it expired on 2023-01-01"
    ]


def test_required_knockout_names_the_id_and_equivalents() -> None:
    """A missing requirement knocks out and names the id and its accepted equivalents."""
    result = score(Vendor("A", [cert("iso-9001")]), required=["nf-en-15838"])
    assert not result.eligible
    assert [str(k) for k in result.knockouts] == [
        "required certification nf-en-15838 (or an equivalent: iso-18295-1) is not held with a "
        "certificate valid on 2026-06-01"
    ]
    assert result.knockouts[0].certifications == ("nf-en-15838", "iso-18295-1")


def test_equivalent_satisfies_a_requirement_unless_refused() -> None:
    """ISO 18295-1 satisfies a requirement for its predecessor EN 15838, if equivalents count."""
    vendor = Vendor("A", [cert("iso-18295-1")])
    accepted = score(vendor, required=["nf-en-15838"])
    assert accepted.eligible
    assert accepted.breakdown[0].detail == "nf-en-15838 met by the equivalent iso-18295-1"
    refused = score(vendor, required=["nf-en-15838"], accept_equivalents=False)
    assert not refused.eligible


def test_obligation_rules() -> None:
    """Results from NF 345, means from ISO 9001; neither from Relation Client France."""
    criteria = {"results_obligation": Need.PREFER, "means_obligation": Need.PREFER}
    assert score(Vendor("A", [cert("nf-345")]), **criteria).total == 50.0
    assert score(Vendor("A", [cert("nf-345"), cert("iso-9001")]), **criteria).total == 100.0
    assert score(Vendor("A", [cert("relation-client-france")]), **criteria).total == 0.0
    row = score(Vendor("A", [cert("nf-345")]), **criteria).breakdown[0]
    assert (row.criterion, row.certificates, row.contribution) == (
        "results_obligation",
        ("nf-345",),
        50.0,
    )


def test_required_obligation_knockout_suggests_entries() -> None:
    """A required axis not met is a knock-out that names certifications that would meet it."""
    result = score(Vendor("A", [cert("iso-9001")]), results_obligation=Need.REQUIRE)
    assert [str(k) for k in result.knockouts] == [
        "a certificate with an obligation of results is required: no counting certificate "
        "(such as nf-345)"
    ]


def test_csr_rule() -> None:
    """CSR is met by a counting certificate covering social responsibility."""
    assert score(Vendor("A", [cert("lrs")]), csr=Need.REQUIRE).eligible
    assert not score(Vendor("A", [cert("iso-9001")]), csr=Need.REQUIRE).eligible


def test_ratings_count_only_when_accepted() -> None:
    """An EcoVadis medal is not a certification unless the buyer accepts ratings."""
    vendor = Vendor("A", [cert("ecovadis", dt.date(2026, 1, 1))])  # a scorecard lasts 12 months
    assert not score(vendor, csr=Need.REQUIRE).eligible
    assert "is a rating, not a certification" in str(score(vendor).not_counted[0])
    assert score(vendor, csr=Need.REQUIRE, accept_ratings=True).eligible


def test_buyer_side_standard_never_counts_for_a_vendor() -> None:
    """ISO 18295-2 binds the buyer: listed as not counted, and refused in criteria."""
    result = score(Vendor("A", [cert("iso-18295-2")]), means_obligation=Need.PREFER)
    assert result.total == 0.0
    assert "applies to clients of contact centres" in str(result.not_counted[0])
    with pytest.raises(InputError, match=r"criteria\.required\[0\]: 'iso-18295-2' can never count"):
        score(Vendor("A"), required=["iso-18295-2"])


@pytest.mark.parametrize(
    ("sites", "certificates", "value", "met"),
    [
        ([Site("FR", 100), Site("RE", 20)], [], 1.0, True),  # overseas departments are France
        ([Site("FR", 120), Site("MA", 40)], [], 0.75, False),
        ([Site("FR", 0), Site("MA", 0)], [], 0.5, False),  # no agents: share of sites
        ([Site("FR", 10), Site("MA", 0)], [], 1.0, False),  # a site abroad, even empty
        ([Site("PF", 10)], [], 0.0, False),  # French Polynesia is not an overseas department
        (None, ["relation-client-france"], 1.0, True),
        (None, ["service-france-garanti"], 0.0, False),  # 90 % is not France-only
        (None, [], 0.0, False),
    ],
)
def test_france_only(
    sites: list[Site] | None,
    certificates: list[Any | str],
    value: float,
    met: bool,
) -> None:
    """Declared sites decide; without them, a France-only label does."""
    vendor = Vendor("A", [cert(c) for c in certificates], sites)
    row = score(vendor, france_only=Need.PREFER).breakdown[0]
    assert (row.value, row.met) == (value, met)
    assert score(vendor, france_only=Need.REQUIRE).eligible is met


def test_label_never_overrides_a_declared_site_abroad() -> None:
    """A France-only label with a site abroad: knock-out, and a warning on the contradiction."""
    vendor = Vendor("A", [cert("relation-client-france")], [Site("FR", 10), Site("TN", 5)])
    result = score(vendor, france_only=Need.REQUIRE)
    assert [str(k) for k in result.knockouts] == [
        "France-only staffing is required, but the vendor has staff in TN"
    ]
    assert result.knockouts[0].countries == ("TN",)
    assert any(
        w.countries == ("TN",) and "relation-client-france" in str(w) for w in result.warnings
    )


def test_label_contradiction_is_a_warning_whatever_the_criteria() -> None:
    """Staff location not asked for: the contradiction is still flagged, and only once."""
    vendor = Vendor("A", [cert("relation-client-france")], [Site("FR", 10), Site("TN", 5)])
    for need in Need:
        warnings = [w for w in score(vendor, france_only=need).warnings if w.countries]
        assert [str(w) for w in warnings] == [
            "relation-client-france attests France-only staffing, yet the vendor declares "
            "sites in TN: the declared sites prevail"
        ], need
    in_france = Vendor("B", [cert("relation-client-france")], [Site("RE", 1)])
    assert not [w for w in score(in_france).warnings if w.criterion == "france_only"]


def test_a_criterion_the_catalogue_cannot_meet_is_flagged() -> None:
    """No CSR entry in the catalogue: requiring CSR is warned of; the knock-out says why."""
    catalog = Catalog([CATALOG["iso-9001"]])
    criteria = BuyerCriteria(csr=Need.REQUIRE, results_obligation=Need.PREFER)
    assert [str(w) for w in check_criteria(criteria, catalog)] == [
        "no certification of the catalogue that can count meets results_obligation: the "
        "criterion is 0 for every vendor",
        "no certification of the catalogue that can count meets csr: the criterion knocks "
        "every vendor out",
    ]
    result = score_vendor(Vendor("A", [cert("iso-9001")]), criteria, on=ON, catalog=catalog)
    assert [str(k) for k in result.knockouts] == [
        "a certificate covering social responsibility (CSR) is required: no counting "
        "certificate (and no certification of the catalogue can count for it under these "
        "criteria)"
    ]
    assert check_criteria(BuyerCriteria(csr=Need.REQUIRE)) == ()


def test_preferred_certifications_share() -> None:
    """The preferred criterion's value is the share of preferred ids held."""
    vendor = Vendor("A", [cert("iso-9001")])
    row = score(vendor, preferred_certifications=["iso-9001", "nf-345", "lrs"]).breakdown[0]
    assert row.value == pytest.approx(1 / 3)
    assert row.detail == "1 of 3 held; missing: nf-345, lrs"


def test_weights_and_exact_total() -> None:
    """total = 100 * sum(w * value) / sum(w); decimal weights add up exactly."""
    vendor = Vendor("A", [cert("nf-345")])
    result = score(
        vendor,
        results_obligation=Need.PREFER,
        csr=Need.PREFER,
        weights={"results_obligation": 0.1, "csr": 0.2},
    )
    assert result.total == 33.333333333  # exact, rounded to TOTAL_DECIMALS
    other = score(
        vendor,
        results_obligation=Need.PREFER,
        csr=Need.PREFER,
        weights={"results_obligation": 1, "csr": 2},
    )
    assert other.total == result.total


def test_zero_weights_are_refused() -> None:
    """All preferred weights 0 leaves the total undefined: an InputError."""
    with pytest.raises(InputError, match=r"criteria\.weights: the weights of the preferred"):
        score(Vendor("A"), csr=Need.PREFER, weights={"csr": 0})


def test_contract_end_warning() -> None:
    """A counting certificate that lapses before valid_through is a warning with its date."""
    audited = dt.date(2026, 1, 15)  # no surveillance audit overdue: only the contract end
    vendor = Vendor("A", [cert("iso-9001", dt.date(2025, 1, 1), last_audit=audited)])
    result = score(vendor, valid_through=dt.date(2028, 12, 31))
    assert [str(w) for w in result.warnings] == [
        "the iso-9001 certificate ends on 2028-01-01, before the contract end 2028-12-31"
    ]


def test_unknown_id_in_vendor_names_path_and_suggestions() -> None:
    """An unknown id is an InputError with the path and the closest ids, never a zero."""
    vendor = Vendor("A", [cert("iso-9001"), cert("nf345")])
    with pytest.raises(InputError) as info:
        score(vendor)
    assert str(info.value) == (
        "vendor.certificates[1].certification: 'nf345' is not a known certification id; "
        "did you mean 'nf-345'?"
    )


def test_unknown_id_with_nothing_close_lists_the_known_ids() -> None:
    """An id like no known one still gets help: the known ids, a dozen at most."""
    with pytest.raises(InputError) as info:
        score(Vendor("A"), required=["zzzz"])
    assert str(info.value) == (
        "criteria.required[0]: 'zzzz' is not a known certification id; none is close; known "
        "ids: ecovadis, engage-rse, escda, excellence-de-service, iso-18295-1, iso-18295-2, "
        "iso-9001, lrs, nf-345, nf-en-15838, relation-client-france, service-france-garanti"
    )
    big = Catalog(
        [
            *CATALOG.values(),
            *(attrs.evolve(CATALOG["lrs"], id=f"x-{i}", aliases=()) for i in range(3)),
        ]
    )
    with pytest.raises(InputError, match=r"service-france-garanti and 3 more \(callcenter-certs "):
        score_vendor(Vendor("A"), BuyerCriteria(["zzzz"]), on=ON, catalog=big)


def test_criteria_arguments_by_position_and_sets_in_order() -> None:
    """The specification's arguments may be positional; a set of ids is stored sorted."""
    criteria = BuyerCriteria({"nf-345", "iso-9001", "lrs"}, Need.PREFER)
    assert criteria.required == ("iso-9001", "lrs", "nf-345")
    assert criteria.results_obligation is Need.PREFER
    assert criteria == BuyerCriteria(["iso-9001", "lrs", "nf-345"], results_obligation=Need.PREFER)
    assert BuyerCriteria(["nf-345", "lrs"]).required == ("nf-345", "lrs")  # a list keeps its order


def test_unknown_id_in_criteria() -> None:
    """Criteria ids are checked against the catalogue too."""
    with pytest.raises(InputError, match=r"criteria\.preferred_certifications\[0\]: 'iso-18259-1'"):
        score(Vendor("A"), preferred_certifications=["iso-18259-1"])


def test_criteria_warnings() -> None:
    """Withdrawn ids, France-only rules and useless weights are flagged once, on the plan."""
    warnings = check_criteria(
        BuyerCriteria(required=["nf-en-15838"], france_only=Need.REQUIRE, weights={"csr": 2})
    )
    assert [w.criterion for w in warnings] == ["required", "france_only", "csr"]
    assert str(warnings[0]) == "nf-en-15838 was withdrawn in 2017; its successor is iso-18295-1"


@given(st.dates(), st.integers(min_value=0, max_value=48))
def test_months_are_added_as_the_calendar_counts_them(day: date, months: int) -> None:
    """An audit's due date: the same day ``months`` later, or the month's last day."""
    import calendar  # noqa: PLC0415 - the reference; the library does without it

    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year > dt.MAXYEAR:
        assert _add_months(day, months) is None
        return
    last = calendar.monthrange(year, month + 1)[1]
    assert _add_months(day, months) == dt.date(year, month + 1, min(day.day, last))
