"""The converter: exact round-trips of every public record, strict structuring."""

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    Catalog,
    Certification,
    HeldCertificate,
    InputError,
    Ranking,
    Site,
    Vendor,
    VendorScore,
    converter,
)
from callcenter_certs.strategies import (
    buyer_criteria,
    certifications,
    held_certificates,
    rankings,
    sites,
    vendor_scores,
    vendors,
)


def _json_round_trip(value: Any, cls: Any) -> Any:
    data = json.loads(json.dumps(converter.unstructure(value)))
    return converter.structure(data, cls)


@given(sites())
def test_site_round_trip(site: Site) -> None:
    """Site survives unstructure -> JSON -> structure."""
    assert _json_round_trip(site, Site) == site


@given(held_certificates())
def test_certificate_round_trip(certificate: HeldCertificate) -> None:
    """HeldCertificate survives the JSON round trip, dates and status included."""
    assert _json_round_trip(certificate, HeldCertificate) == certificate


@given(vendors())
def test_vendor_round_trip(vendor: Vendor) -> None:
    """Vendor survives the JSON round trip, sites None included."""
    assert _json_round_trip(vendor, Vendor) == vendor


@given(buyer_criteria())
def test_criteria_round_trip(criteria: BuyerCriteria) -> None:
    """BuyerCriteria survives the JSON round trip, weights and dates included."""
    assert _json_round_trip(criteria, BuyerCriteria) == criteria


@given(vendor_scores())
def test_score_round_trip(score: VendorScore) -> None:
    """VendorScore, with findings and breakdown, survives the JSON round trip."""
    assert _json_round_trip(score, VendorScore) == score


@given(rankings())
def test_ranking_round_trip(ranking: Ranking) -> None:
    """Ranking survives the JSON round trip."""
    assert _json_round_trip(ranking, Ranking) == ranking


@given(certifications(known_ids=tuple(CATALOG)))
def test_certification_round_trip(entry: Certification) -> None:
    """Certification survives the JSON round trip; sets become sorted lists."""
    data = converter.unstructure(entry)
    assert data["domains"] == sorted(data["domains"])
    assert _json_round_trip(entry, Certification) == entry


@given(st.lists(certifications(), max_size=4, unique_by=lambda c: c.id))
def test_catalog_round_trip(entries: list[Certification]) -> None:
    """A catalogue of arbitrary entries without references round-trips."""
    catalog = Catalog(entries, "v")
    assert _json_round_trip(catalog, Catalog) == catalog


def test_unstructure_is_json_compatible() -> None:
    """Dates become ISO strings, enums their values, sets sorted lists."""
    vendor = Vendor("A", [HeldCertificate("nf-345", dt.date(2025, 1, 2))], [Site("FR", 3)])
    assert converter.unstructure(vendor) == {
        "name": "A",
        "certificates": [
            {
                "certification": "nf-345",
                "valid_from": "2025-01-02",
                "valid_until": None,
                "certificate_number": None,
                "certifying_body": None,
                "accredited": None,
                "status": "active",
            }
        ],
        "sites": [{"country": "FR", "agents": 3}],
    }


def test_empty_figures_are_left_out_so_older_files_and_records_stay_the_same() -> None:
    """A vendor's figures are written only when there are some, sorted, as floats."""
    assert "figures" not in converter.unstructure(Vendor("A"))
    vendor = Vendor("A", figures={"technical": 15.5, "price": 1_180_000})
    data = converter.unstructure(vendor)
    assert data["figures"] == {"price": 1_180_000.0, "technical": 15.5}
    assert list(data["figures"]) == ["price", "technical"]
    assert converter.structure(data, Vendor) == vendor
    assert converter.structure({"name": "A"}, Vendor) == Vendor("A")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"country": "FR", "agents": "12"}, "agents: '12' is not a whole number (got str)"),
        ({"country": "FR", "agents": 1.5}, "agents: 1.5 is not a whole number (got float)"),
        ({"country": "FR", "agents": True}, "agents: True is not a whole number (got bool)"),
        ({"country": 33, "agents": 1}, "country: 33 is not a string (got int)"),
        ({"country": "FR"}, "agents: required field missing"),
        (
            {"country": "FR", "agents": 1, "agent": 2},
            "agent: unknown key 'agent'; allowed keys: 'country', 'agents', 'name'",
        ),
        ("FR:12", "'FR:12' is not a table of keys and values (got str)"),
    ],
)
def test_structure_is_strict_about_sites(data: Any, message: str) -> None:
    """No silent coercion: wrong types are InputErrors naming the field and value."""
    with pytest.raises(InputError) as info:
        converter.structure(data, Site)
    assert message in str(info.value).splitlines()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-13-45", "'2024-13-45' is not a date (expected YYYY-MM-DD)"),
        ("31/12/2026", "'31/12/2026' is not a date (expected YYYY-MM-DD)"),
        ("20241231", "'20241231' is not a date (expected YYYY-MM-DD)"),
        (20241231, "20241231 is not a date (expected YYYY-MM-DD)"),
    ],
)
def test_dates_must_be_iso(value: int | str, message: str) -> None:
    """Dates are YYYY-MM-DD only."""
    with pytest.raises(InputError) as info:
        converter.structure({"certification": "x", "valid_from": value}, HeldCertificate)
    assert str(info.value) == f"valid_from: {message}"


def test_every_problem_is_reported_with_its_path() -> None:
    """All problems of a nested record come out, each with its full path."""
    data = {
        "name": "A",
        "certificates": [
            {"certification": "iso-9001", "valid_from": "2024-01-01"},
            {"certification": "iso-9001", "valid_from": "2024-13-45", "valid_unitl": "x"},
        ],
        "sites": [{"country": "FR", "agents": -3}],
    }
    with pytest.raises(InputError) as info:
        converter.structure(data, Vendor)
    assert [str(p) for p in info.value.problems] == [
        "certificates[1].valid_from: '2024-13-45' is not a date (expected YYYY-MM-DD)",
        "certificates[1].valid_unitl: unknown key 'valid_unitl'; allowed keys: 'certification', "
        "'valid_from', 'valid_until', 'certificate_number', 'certifying_body', 'accredited', "
        "'status', 'sites', 'accreditation_body', 'last_audit', 'level', 'score'",
        "sites[0].agents: -3 is not a number of agents in 0..1,000,000",
    ]


def test_criteria_from_partial_data_uses_defaults() -> None:
    """Criteria files may leave out what they do not use (TOML cannot say None)."""
    criteria = converter.structure({"csr": "require", "weights": {"csr": 2}}, BuyerCriteria)
    assert criteria == BuyerCriteria(csr=BuyerCriteria().csr.REQUIRE, weights={"csr": 2.0})
