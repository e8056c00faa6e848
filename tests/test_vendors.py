"""vendors (and the records built with them): bad values are InputErrors naming the field.

The bad values of BuyerCriteria stay in the table below, beside those of the vendor records,
so that every record's messages are read together; criteria's own logic is in test_criteria.
"""

import datetime as dt
import math
from collections.abc import Callable

import pytest

from callcenter_certs import (
    BuyerCriteria,
    CertificateStatus,
    HeldCertificate,
    InputError,
    Site,
    Vendor,
)

D = dt.date(2025, 1, 1)


# Many calls below pass a wrong type on purpose: each `type: ignore` marks the error checked.
@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Site("fr", 3),
            "country: 'fr' is not an ISO 3166-1 alpha-2 country code; did you mean 'FR'?",
        ),
        (lambda: Site("XX", 3), "country: 'XX' is not an ISO 3166-1 alpha-2 country code"),
        (lambda: Site("FR", -1), "agents: -1 is not a number of agents in 0..1,000,000"),
        (lambda: Site("FR", True), "agents: True is not a whole number"),
        (lambda: Site("FR", 2.5), "agents: 2.5 is not a whole number"),  # type: ignore[arg-type]
        (
            lambda: HeldCertificate("iso-9001", D, dt.date(2024, 1, 1)),
            "valid_until: '2024-01-01' is before valid_from '2025-01-01'",
        ),
        (
            lambda: HeldCertificate("iso-9001", "2025-01-01"),  # type: ignore[arg-type]
            "valid_from: '2025-01-01' is not a date",
        ),
        (
            lambda: HeldCertificate("iso-9001", dt.datetime(2025, 1, 1)),
            "valid_from: datetime.datetime(2025, 1, 1, 0, 0) is not a date",
        ),
        (lambda: HeldCertificate("", D), "certification: '' is not a non-empty text"),
        (
            lambda: HeldCertificate("iso-9001", D, status="active"),  # type: ignore[arg-type]
            "status: 'active' is not a CertificateStatus (one of 'active', 'inactive',",
        ),
        (lambda: Vendor(" "), "name: ' ' is not a non-empty text"),
        (lambda: Vendor("A", ["iso-9001"]), "certificates[0]: 'iso-9001' is not a HeldCertificate"),  # type: ignore[list-item]
        (
            lambda: Vendor("A", "iso-9001"),  # type: ignore[arg-type]
            "certificates: 'iso-9001' is not a list of HeldCertificate",
        ),
        (lambda: Vendor("A", sites=[]), "sites: an empty list of sites; leave sites out (None)"),
        (
            lambda: BuyerCriteria(required="iso-9001"),
            "'iso-9001' is not a list of certification ids",
        ),
        (lambda: BuyerCriteria(required=["a", "a"]), "required[1]: 'a' is listed twice"),
        (lambda: BuyerCriteria(csr="prefer"), "csr: 'prefer' is not a Need"),  # type: ignore[arg-type]
        (lambda: BuyerCriteria(weights={"csr": -1}), "weights.csr: -1 is not a finite number >= 0"),
        (
            lambda: BuyerCriteria(weights={"csr": math.nan}),
            "weights.csr: nan is not a finite number >= 0",
        ),
        (
            lambda: BuyerCriteria(weights={"csr": math.inf}),
            "weights.csr: inf is not a finite number >= 0",
        ),
        (lambda: BuyerCriteria(weights={"csr": "2"}), "weights.csr: '2' is not a number"),  # type: ignore[dict-item]
        (
            lambda: BuyerCriteria(weights={"crs": 2}),
            "weights.crs: unknown criterion 'crs'; allowed:",
        ),
        (lambda: BuyerCriteria(accept_equivalents=1), "accept_equivalents: 1 is not true or false"),  # type: ignore[arg-type]
        (
            lambda: BuyerCriteria(valid_through="2030-01-01"),  # type: ignore[arg-type]
            "valid_through: '2030-01-01' is not a date",
        ),
    ],
)
def test_bad_values_raise_input_error(build: Callable[[], object], message: str) -> None:
    """Each bad value raises an InputError whose message names the field and the value."""
    with pytest.raises(InputError) as info:
        build()
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith(message) or message in str(info.value)


def test_records_are_frozen_and_hashable() -> None:
    """Inputs are immutable values: equal inputs compare and hash equal."""
    a = Vendor("A", [HeldCertificate("nf-345", D)], [Site("FR", 1)])
    b = Vendor("A", (HeldCertificate("nf-345", D),), (Site("FR", 1),))
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.name = "B"  # type: ignore[misc]
    assert hash(BuyerCriteria(weights={"csr": 2})) == hash(BuyerCriteria(weights={"csr": 2.0}))


def test_status_defaults_to_active() -> None:
    """A certificate is active unless said otherwise."""
    assert HeldCertificate("nf-345", D).status is CertificateStatus.ACTIVE


@pytest.mark.parametrize("name", ["Nantes\nRennes", "Nantes\tNord", "Lille\u2028Sud"])
def test_a_site_name_is_one_line(name: str) -> None:
    """A site's name is written in sentences and table rows: a line break would forge one."""
    with pytest.raises(InputError) as info:
        Site("FR", 10, name)
    assert str(info.value).startswith(f"name: {name!r} contains ")
