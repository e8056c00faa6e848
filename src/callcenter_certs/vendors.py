"""A vendor's answer: its sites and the certificates it holds."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from . import _validators
from ._text import describe
from ._validators import OMIT_EMPTY
from .countries import _COUNTRY_CODES, _country_code
from .criteria import _FIGURE_NAME, _number
from .errors import InputError, Problem

__all__ = ["CertificateStatus", "HeldCertificate", "Site", "Vendor"]


def __dir__() -> list[str]:
    return __all__


T = TypeVar("T")

_MAX_AGENTS_PER_SITE = 1_000_000
"""Sanity limit: no contact-centre site employs a million agents; more is a typo."""


class CertificateStatus(enum.Enum):
    """A certificate's status, as IAF CertSearch records it (domain facts 8.4)."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"
    DRAFT = "draft"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


_STATUSES: dict[str, CertificateStatus] = {status.value: status for status in CertificateStatus}
"""Status by its value in files, e.g. ``"suspended"``."""


def _check_country(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if isinstance(value, str) and value in _COUNTRY_CODES:
        return
    hint = ""
    if isinstance(value, str) and value.isascii() and value.upper() in _COUNTRY_CODES:
        hint = f"; did you mean {value.upper()!r}?"
    elif isinstance(value, str) and (code := _country_code(value)) is not None:
        hint = f"; did you mean {code!r}? (a spreadsheet's sites cell may name the country)"
    msg = f"{describe(value)} is not an ISO 3166-1 alpha-2 country code{hint}"
    raise InputError.at((attribute.name,), msg)


def _check_agents(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError.at((attribute.name,), f"{describe(value)} is not a whole number")
    if not 0 <= value <= _MAX_AGENTS_PER_SITE:
        msg = f"{describe(value)} is not a number of agents in 0..{_MAX_AGENTS_PER_SITE:,}"
        raise InputError.at((attribute.name,), msg)


_SITE_NAME_FORBIDDEN = frozenset(";:")
"""Characters a site's name cannot hold: the spreadsheet's ``sites`` cell separates
sites with ``;`` and a site's parts with ``:``."""


def _check_site_name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    _validators.line(instance, attribute, value)  # a name in sentences and table rows
    assert isinstance(value, str)  # noqa: S101 - checked by text
    if value != value.strip():
        msg = f"{describe(value)} has spaces at either end"
        raise InputError.at((attribute.name,), msg)
    if _SITE_NAME_FORBIDDEN & set(value):
        msg = f"{describe(value)} holds ';' or ':', which separate sites in a spreadsheet"
        raise InputError.at((attribute.name,), msg)


def _site_names(value: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InputError.at(("sites",), f"{describe(value)} is not a list of site names")
    return tuple(value)


def _check_site_names(
    _: object, attribute: attrs.Attribute[tuple[str, ...] | None], value: object
) -> None:
    if value is None:
        return
    assert isinstance(value, tuple)  # noqa: S101 - from _site_names
    if not value:
        msg = "an empty list of sites; leave sites out (None) when the certificate does not say"
        raise InputError.at((attribute.name,), msg)
    seen: set[str] = set()
    for index, name in enumerate(value):
        if not isinstance(name, str) or not name.strip():
            msg = f"{describe(name)} is not a site name"
            raise InputError.at((attribute.name, index), msg)
        if name in seen:
            raise InputError.at((attribute.name, index), f"{name!r} is listed twice")
        seen.add(name)


def _check_score(_: object, attribute: attrs.Attribute[float | None], value: object) -> None:
    if value is not None and not (isinstance(value, float) and math.isfinite(value)):
        raise InputError.at((attribute.name,), f"{describe(value)} is not a finite number")


def _optional_number(value: object) -> object:
    if value is None:
        return None
    converted = _number(value)
    return value if converted is None else converted


@attrs.frozen
class Site:
    """Where a vendor's agents work."""

    country: str = attrs.field(validator=_check_country)
    """ISO 3166-1 alpha-2 code, upper case (``"FR"``, ``"RE"``, ``"MA"``)."""
    agents: int = attrs.field(validator=_check_agents)
    """Number of agents (head count or full-time equivalents, as the buyer asks), >= 0."""
    name: str | None = attrs.field(
        default=None,
        validator=_validators.optional(_check_site_name),
        metadata={OMIT_EMPTY: True},
    )
    """What the vendor calls the site (``"Nantes"``), for certificates to name the sites
    they cover; ``None``: not named."""

    def describe(self) -> str:
        """The site in words: its name, or its country and agents when it has none."""
        if self.name is not None:
            return self.name
        return f"the unnamed site in {self.country} ({self.agents} agents)"


@attrs.frozen
class HeldCertificate:
    """A certificate a vendor holds: which certification, and from when to when."""

    certification: str = attrs.field(validator=_validators.text)
    """Catalogue id, e.g. ``"iso-18295-1"``."""
    valid_from: dt.date = attrs.field(validator=_validators.date)
    valid_until: dt.date | None = attrs.field(
        default=None, validator=_validators.optional(_validators.date)
    )
    """Last day of validity (inclusive). ``None``: ``valid_from`` plus the catalogue's
    ``validity_years``, or no end where the catalogue does not know the validity."""
    certificate_number: str | None = attrs.field(
        default=None, kw_only=True, validator=_validators.optional(_validators.text)
    )
    certifying_body: str | None = attrs.field(
        default=None, kw_only=True, validator=_validators.optional(_validators.text)
    )
    accredited: bool | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_validators.optional(_validators.boolean),
    )
    """Whether the certifying body is accredited for it (COFRAC or an EA/IAF peer)."""
    status: CertificateStatus = attrs.field(
        default=CertificateStatus.ACTIVE,
        kw_only=True,
        validator=_validators.enum_member(CertificateStatus),
    )
    """Only an active certificate counts."""
    sites: tuple[str, ...] | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_site_names,
        validator=_check_site_names,
        metadata={OMIT_EMPTY: True},
    )
    """The names of the vendor's sites the certificate covers (`Site.name`); ``None``:
    the certificate does not say."""
    accreditation_body: str | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_validators.optional(_validators.text),
        metadata={OMIT_EMPTY: True},
    )
    """Who accredited the certifying body: COFRAC, UKAS, DAkkS..."""
    last_audit: dt.date | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_validators.optional(_validators.date),
        metadata={OMIT_EMPTY: True},
    )
    """The day of the last surveillance or recertification audit."""
    level: str | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_validators.optional(_validators.text),
        metadata={OMIT_EMPTY: True},
    )
    """The level the certificate states, one of its catalogue entry's ``levels``
    (EcoVadis: ``"gold"``); checked against the catalogue where it is known."""
    score: float | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_optional_number,
        validator=_check_score,
        metadata={OMIT_EMPTY: True},
    )
    """The score the certificate states (an EcoVadis score out of 100, an Engagé RSE
    score out of 1000), as a record; the rules read the level."""

    def __attrs_post_init__(self) -> None:
        if self.last_audit is not None and self.last_audit < self.valid_from:
            msg = (
                f"{self.last_audit.isoformat()!r} is before valid_from "
                f"{self.valid_from.isoformat()!r}"
            )
            raise InputError.at(("last_audit",), msg)
        if self.valid_until is not None and self.valid_until < self.valid_from:
            msg = (
                f"{self.valid_until.isoformat()!r} is before valid_from "
                f"{self.valid_from.isoformat()!r}"
            )
            raise InputError.at(("valid_until",), msg)


def _certificates(value: Iterable[HeldCertificate]) -> tuple[HeldCertificate, ...]:
    return _tuple_of(value, HeldCertificate, "certificates")


def _sites(value: Iterable[Site] | None) -> tuple[Site, ...] | None:
    if value is None:
        return None
    sites = _tuple_of(value, Site, "sites")
    if not sites:
        msg = "an empty list of sites; leave sites out (None) when staffing is not declared"
        raise InputError.at(("sites",), msg)
    return sites


def _tuple_of(value: Iterable[T], cls: type[T], name: str) -> tuple[T, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InputError.at((name,), f"{describe(value)} is not a list of {cls.__name__}")
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, cls):
            raise InputError.at((name, index), f"{describe(item)} is not a {cls.__name__}")
    return items


def _figures(value: Mapping[str, float]) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        raise InputError.at(("figures",), f"{describe(value)} is not a table of name: number")
    problems = []
    figures: dict[str, float] = {}
    items: Iterable[tuple[object, object]] = value.items()  # from Python: keys of any type
    for key, item in items:
        if not isinstance(key, str) or not _FIGURE_NAME.fullmatch(key):
            msg = f"{describe(key)} is not a figure name (a lowercase letter, then a-z, 0-9 or _)"
            problems.append(Problem(("figures", describe(key)), msg))
        elif (converted := _number(item)) is None:
            problems.append(Problem(("figures", key), f"{describe(item)} is not a finite number"))
        else:
            figures[key] = converted
    if problems:
        raise InputError(problems)
    return MappingProxyType(dict(sorted(figures.items())))


@attrs.frozen
class Vendor:
    """A call-centre vendor answering the tender."""

    name: str = attrs.field(validator=_validators.line)
    """Unique within a ranking."""
    certificates: tuple[HeldCertificate, ...] = attrs.field(default=(), converter=_certificates)
    sites: tuple[Site, ...] | None = attrs.field(default=None, converter=_sites)
    """Where the agents work; ``None`` means staffing was not declared."""
    figures: Mapping[str, float] = attrs.field(
        factory=lambda: MappingProxyType({}),
        converter=_figures,
        hash=False,
        metadata={OMIT_EMPTY: True},
    )
    """The buyer's numbers for this offer: its price, the committee's marks, any figure
    the tender scores (see [`Figure`][callcenter_certs.Figure]). Read-only, by name."""

    __getstate__ = _validators.read_only_getstate
    __setstate__ = _validators.read_only_setstate

    def __attrs_post_init__(self) -> None:
        for certificate in self.certificates:
            if certificate.sites is not None:
                break
        else:
            for site in self.sites or ():
                if site.name is not None:
                    break
            else:
                return  # no name anywhere, nothing to check: most vendors, at once
        problems = list(_site_problems(self.certificates, self.sites))
        if problems:
            raise InputError(problems)


def _site_problems(
    certificates: tuple[HeldCertificate, ...], sites: tuple[Site, ...] | None
) -> Iterable[Problem]:
    """A certificate naming a site the vendor does not declare; two sites of one name."""
    names: set[str] = set()
    for index, site in enumerate(sites or ()):
        if site.name is not None:
            if site.name in names:
                yield Problem(("sites", index, "name"), f"two sites are named {site.name!r}")
            names.add(site.name)
    for index, certificate in enumerate(certificates):
        for number, name in enumerate(certificate.sites or ()):
            if name not in names:
                declared = ", ".join(map(repr, sorted(names))) or "none"
                msg = (
                    f"the certificate names the site {name!r}, which the vendor does not "
                    f"declare (its named sites: {declared})"
                )
                yield Problem(("certificates", index, "sites", number), msg)


def _vendor_list(vendors: object) -> list[Any]:
    """``vendors`` as a list; a string, or anything not iterable, is an InputError.

    The items are left to the caller, which says where a non-vendor stands.
    """
    if isinstance(vendors, str | bytes) or not isinstance(vendors, Iterable):
        raise InputError.at(("vendors",), f"{type(vendors).__name__} is not a list of vendors")
    return list(vendors)
