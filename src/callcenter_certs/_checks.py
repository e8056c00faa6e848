"""The checks every vendor format shares: known ids in the catalogue, and the limits.

The records check themselves; what they cannot know (the catalogue chosen for this
load, the limits) is checked here, with the place of each problem as the format
says it (``vendors[3].name``, ``row 5, column certification``).
"""

from __future__ import annotations

from typing import Protocol

from .catalogue import Catalog
from .errors import Problem, _PathPart, _same_name
from .files import Limits, _to_accept
from .vendors import Vendor

__all__ = ["Checks", "Where", "beyond", "over", "same_name"]


def __dir__() -> list[str]:
    return __all__


class Where(Protocol):
    """Where, in a given file format, a problem found on structured vendors is."""

    def vendors_over(self, limit: int) -> tuple[_PathPart, ...]: ...
    def certification(self, vendor: int, index: int) -> tuple[_PathPart, ...]: ...
    def certificates_over(self, vendor: int, limit: int) -> tuple[_PathPart, ...]: ...
    def sites(self, vendor: int) -> tuple[_PathPart, ...]: ...


same_name = _same_name
"""Worded as ``rank_vendors`` words it: the same mistake reads the same everywhere."""


def over(count: int, what: str, limit: int, field: str) -> str:
    return f"{count:,} {what}, over the limit of {limit:,} ({_to_accept(field)})"


def beyond(subject: str, limit: int, unit: str, field: str) -> str:
    """A count refused while reading, at the first item past ``limit``.

    ``beyond("vendor 3", 2, "vendors", "max_vendors")``: *vendor 3 is over the limit of
    2 vendors (raise it...)*. The file is not read further, so the whole count is not
    known.
    """
    return f"{subject} is over the limit of {limit:,} {unit} ({_to_accept(field)})"


class Checks:
    """What the records cannot check alone: known ids (in this catalogue) and limits."""

    def __init__(self, catalog: Catalog, limits: Limits) -> None:
        self.catalog = catalog
        self.known = frozenset(catalog)
        self.limits = limits
        self.unknown_ids: dict[str, str] = {}

    def vendors(self, count: int, where: Where) -> list[Problem]:
        limit = self.limits.max_vendors
        if count <= limit:
            return []
        return [Problem(where.vendors_over(limit), over(count, "vendors", limit, "max_vendors"))]

    def vendor(self, index: int, vendor: Vendor, where: Where) -> list[Problem]:
        problems: list[Problem] = []
        certificates = vendor.certificates
        limit = self.limits.max_certificates_per_vendor
        if len(certificates) > limit:
            field = "max_certificates_per_vendor"
            message = over(len(certificates), "certificates", limit, field)
            problems.append(Problem(where.certificates_over(index, limit), message))
        sites = vendor.sites or ()
        if len(sites) > self.limits.max_sites_per_vendor:
            message = over(
                len(sites), "sites", self.limits.max_sites_per_vendor, "max_sites_per_vendor"
            )
            problems.append(Problem(where.sites(index), message))
        for number, certificate in enumerate(certificates):
            if certificate.certification not in self.known:
                path = where.certification(index, number)
                problems.extend(self.unknown(certificate.certification, path))
            elif certificate.level is not None and (
                unknown := self.catalog[certificate.certification].level_problem(certificate.level)
            ):
                path = (*where.certification(index, number)[:-1], "level")
                problems.append(Problem(path, unknown))
        return problems

    def unknown(self, cid: str, path: tuple[_PathPart, ...]) -> tuple[Problem, ...]:
        """The problem of an id not in the catalogue, with the closest known ids."""
        if cid not in self.unknown_ids:  # an id repeated 10,000 times: one difflib run
            self.unknown_ids[cid] = self.catalog.unknown(cid).problems[0].message
        return (Problem(path, self.unknown_ids[cid]),)

    def raw_ids(self, index: int, item: object) -> list[Problem]:
        """Unknown ids in a vendor the converter refused, reported along with its problems."""
        certificates = item.get("certificates") if isinstance(item, dict) else None
        problems: list[Problem] = []
        for number, certificate in enumerate(
            certificates if isinstance(certificates, list) else ()
        ):
            cid = certificate.get("certification") if isinstance(certificate, dict) else None
            if isinstance(cid, str) and cid.strip() and cid not in self.known:
                path = ("vendors", index, "certificates", number, "certification")
                problems.extend(self.unknown(cid, path))
        return problems
