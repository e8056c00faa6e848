"""What the records cannot check alone (``_checks.py``): known ids and the limits.

Every vendor format reads its vendors, then asks `Checks` about each: ids not in the
catalogue (with the closest known ones), levels the entry does not have, and the
limits on vendors, certificates and sites. The places come from the format (a row
and column, a JSON path), through the `Where` it passes.
"""

from __future__ import annotations

import datetime as dt

from callcenter_certs import CATALOG, HeldCertificate, Limits, Site, Vendor
from callcenter_certs._checks import Checks, beyond, over
from callcenter_certs.errors import _PathPart

DAY = dt.date(2025, 1, 1)


class Rows:
    """A `Where` that names places as a sheet does: a row per vendor's item."""

    def vendors_over(self, limit: int) -> tuple[_PathPart, ...]:
        return (f"row {limit + 2}", "vendor")

    def certification(self, vendor: int, index: int) -> tuple[_PathPart, ...]:
        return (f"row {vendor * 10 + index + 2}", "certification")

    def certificates_over(self, vendor: int, limit: int) -> tuple[_PathPart, ...]:
        return self.certification(vendor, limit)

    def sites(self, vendor: int) -> tuple[_PathPart, ...]:
        return (f"row {vendor * 10 + 2}", "sites")


def test_the_limit_messages_say_how_to_raise_them() -> None:
    assert over(12, "vendors", 10, "max_vendors") == (
        "12 vendors, over the limit of 10 (raise it with Limits(max_vendors=N) in Python, "
        "--limit max_vendors=N on the command line)"
    )
    assert beyond("vendor 3", 2, "vendors", "max_vendors") == (
        "vendor 3 is over the limit of 2 vendors (raise it with Limits(max_vendors=N) in "
        "Python, --limit max_vendors=N on the command line)"
    )


def test_vendors_within_the_limit_give_no_problem_and_over_it_one_at_the_first_past() -> None:
    checks = Checks(CATALOG, Limits(max_vendors=3))
    assert checks.vendors(3, Rows()) == []
    (problem,) = checks.vendors(4, Rows())
    assert problem.path == ("row 5", "vendor")
    assert problem.message.startswith("4 vendors, over the limit of 3")


def test_a_vendor_over_its_certificate_and_site_limits_gets_both_problems() -> None:
    checks = Checks(CATALOG, Limits(max_certificates_per_vendor=1, max_sites_per_vendor=1))
    vendor = Vendor(
        "Atlantique",
        (HeldCertificate("nf-345", DAY), HeldCertificate("iso-9001", DAY)),
        sites=(Site("FR", 10, "Nantes"), Site("FR", 5, "Brest")),
    )
    problems = checks.vendor(1, vendor, Rows())
    assert [(p.path, p.message.split(" (")[0]) for p in problems] == [
        (("row 13", "certification"), "2 certificates, over the limit of 1"),
        (("row 12", "sites"), "2 sites, over the limit of 1"),
    ]


def test_an_unknown_id_is_named_at_its_place_with_the_closest_known_ones() -> None:
    checks = Checks(CATALOG, Limits())
    vendor = Vendor("Atlantique", (HeldCertificate("nf-354", DAY),))
    (problem,) = checks.vendor(0, vendor, Rows())
    assert problem.path == ("row 2", "certification")
    assert problem.message.startswith("'nf-354' is not a known certification id; did you mean")
    assert "'nf-345'" in problem.message


def test_an_unknown_id_repeated_is_looked_up_once() -> None:
    checks = Checks(CATALOG, Limits())
    first = checks.unknown("nf-354", ("a",))
    again = checks.unknown("nf-354", ("b",))
    assert first[0].message == again[0].message
    assert again[0].path == ("b",)
    assert list(checks.unknown_ids) == ["nf-354"]


def test_a_level_the_entry_does_not_have_is_named_at_the_certificates_level() -> None:
    checks = Checks(CATALOG, Limits())
    vendor = Vendor("Atlantique", (HeldCertificate("ecovadis", DAY, level="diamond"),))
    (problem,) = checks.vendor(0, vendor, Rows())
    assert problem.path == ("row 2", "level")
    assert problem.message.startswith("'diamond' is not a level of ecovadis; its levels")


def test_ids_of_a_vendor_the_converter_refused_are_still_checked() -> None:
    checks = Checks(CATALOG, Limits())
    item = {
        "name": 12,  # refused by the converter: the ids are checked all the same
        "certificates": [
            {"certification": "nf-345"},
            {"certification": "nf-354"},
            {"certification": "  "},
            "not a table",
        ],
    }
    (problem,) = checks.raw_ids(4, item)
    assert problem.path == ("vendors", 4, "certificates", 1, "certification")
    assert checks.raw_ids(0, ["not", "a", "table"]) == []
