"""JSON files (``.json``): vendors as ``{"vendors": [...]}``, criteria and catalogues.

Each record as the converter writes it. Structuring through the converter is most
of the time of a large vendor load: `_simple_vendor` builds a well-formed
vendor about twice as fast, and hands anything else to the converter, which then
reports every problem.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from callcenter_certs._checks import Checks, over, same_name
from callcenter_certs._converter import CONVERTER
from callcenter_certs._text import ISO_DATE, describe
from callcenter_certs._text import name_key as _name_key
from callcenter_certs._validators import OMIT_EMPTY
from callcenter_certs.criteria import BuyerCriteria
from callcenter_certs.errors import InputError, Problem, _Capped, _PathPart
from callcenter_certs.files import Limits, _check_depth, _parse_json, _read_text
from callcenter_certs.vendors import _STATUSES, HeldCertificate, Site, Vendor

__all__ = ["read_data", "read_vendors", "write_criteria", "write_vendors"]


def __dir__() -> list[str]:
    return __all__


class _InJson:
    """Paths into the JSON layout ``{"vendors": [...]}``."""

    def vendors_over(self, _: int) -> tuple[_PathPart, ...]:
        return ("vendors",)

    def certification(self, vendor: int, index: int) -> tuple[_PathPart, ...]:
        return ("vendors", vendor, "certificates", index, "certification")

    def certificates_over(self, vendor: int, _: int) -> tuple[_PathPart, ...]:
        return ("vendors", vendor, "certificates")

    def sites(self, vendor: int) -> tuple[_PathPart, ...]:
        return ("vendors", vendor, "sites")


_VENDOR_KEYS = frozenset(field.name for field in attrs.fields(Vendor))
_CERTIFICATE_KEYS = frozenset(
    field.name for field in attrs.fields(HeldCertificate) if OMIT_EMPTY not in field.metadata
)
"""The keys the fast path builds; the register's optional fields (sites, level...) are
left to the converter."""
_SITE_KEYS = frozenset(
    field.name for field in attrs.fields(Site) if OMIT_EMPTY not in field.metadata
)
_NO_CERTIFICATES: list[Any] = []
_NO_FIGURES: dict[str, Any] = {}


class _NotSimpleError(Exception):
    """The vendor is not in the simple, well-formed shape: leave it to the converter."""


@functools.lru_cache(maxsize=4_096)  # certificates share dates: each is parsed once
def _date(value: object) -> dt.date:
    if type(value) is str and ISO_DATE.fullmatch(value):
        return dt.date.fromisoformat(value)
    raise _NotSimpleError


def _certificate(item: object) -> HeldCertificate:
    if type(item) is not dict or not item.keys() <= _CERTIFICATE_KEYS:
        raise _NotSimpleError
    valid_until = item.get("valid_until")
    return HeldCertificate(
        item["certification"],
        _date(item["valid_from"]),
        None if valid_until is None else _date(valid_until),
        certificate_number=item.get("certificate_number"),
        certifying_body=item.get("certifying_body"),
        accredited=item.get("accredited"),
        status=_STATUSES[item.get("status", "active")],
    )


def _site(item: object) -> Site:
    if type(item) is not dict or not item.keys() <= _SITE_KEYS:
        raise _NotSimpleError
    return Site(item["country"], item["agents"])


def _simple_vendor(item: object) -> Vendor | None:
    """A well-formed vendor built twice as fast as the converter does, or ``None``.

    ``None`` hands the item to the converter, which accepts it too or reports every
    problem, so this only has to be right about what it accepts: exactly what the
    converter would, built the same way. It converts what JSON cannot hold (dates,
    the status) and leaves the rest, types included, to the records' own validators,
    which the converter runs too. A test holds it to the converter on drawn and
    broken vendors.
    """
    try:
        if type(item) is not dict or not item.keys() <= _VENDOR_KEYS:
            return None
        certificates = item.get("certificates", _NO_CERTIFICATES)
        sites = item.get("sites")
        figures = item.get("figures", _NO_FIGURES)
        if type(certificates) is not list or (sites is not None and type(sites) is not list):
            return None  # Vendor() would take any iterable: a string, a table
        if type(figures) is not dict:
            return None  # null, a list: the converter refuses them
        return Vendor(
            item["name"],
            tuple([_certificate(c) for c in certificates]),
            None if sites is None else tuple([_site(s) for s in sites]),
            figures,
        )
    except (_NotSimpleError, KeyError, TypeError, ValueError):  # InputError is a ValueError
        return None


def _vendor_items(data: Any) -> list[Any]:
    """The list under ``"vendors"``, or an error saying how the file differs."""
    if not isinstance(data, dict):
        message = (
            f"{describe(data)} is not a table of keys and values (got {type(data).__name__}); "
            'expected {"vendors": [...]}'
        )
        raise InputError(message)
    problems = [
        Problem((key,), f"unknown key {key!r}; allowed keys: 'vendors'")
        for key in data
        if key != "vendors"
    ]
    items = data.get("vendors")
    if "vendors" not in data:
        problems.append(Problem(("vendors",), "required field missing"))
    elif not isinstance(items, list):
        message = f"{describe(items)} is not a list (got {type(items).__name__})"
        problems.append(Problem(("vendors",), message))
    if problems:
        raise InputError(problems)
    return items  # type: ignore[return-value]  # a list: checked above


_ITEM_LEVEL = 3
"""How deep a vendor sits in a JSON vendor file: the file, its list, the vendor."""
_VENDOR_DEPTH = 5
"""How deep the fast path builds: a vendor's certificate or site."""


def read_vendors(path: Path, checks: Checks, limits: Limits) -> list[Vendor]:
    """The vendors of a JSON file (see [`load_vendors`][callcenter_certs.load_vendors])."""
    # Nesting is checked where the converter reads a vendor, not by a walk of the whole
    # file first: the fast path reads only the layout's five levels.
    text = _read_text(path, limits=limits)
    items = _vendor_items(_parse_json(text, limits=limits, check_nesting=False))
    where = _InJson()
    if refused := checks.vendors(len(items), where):  # refused before any work
        raise InputError(refused)
    problems = _Capped()
    if limits.max_depth < _VENDOR_DEPTH:
        _check_depth({"vendors": items}, limits=limits)
    vendors: list[Vendor] = []
    seen: dict[str, tuple[int, str]] = {}  # by name key: one vendor typed two ways is caught
    for index, item in enumerate(items):
        if too_many := _too_many(index, item, limits):  # before building a list of them
            problems.extend(too_many)
            continue
        vendor = _simple_vendor(item)
        if vendor is None and (vendor := _converted(index, item, checks, problems)) is None:
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str):  # so that a later vendor of that name is caught
                seen.setdefault(_name_key(name), (index, name))
            continue
        other, other_name = seen.setdefault(_name_key(vendor.name), (index, vendor.name))
        if other != index:
            problems.append(same_name(vendor.name, index, other, other_name))
        problems.extend(checks.vendor(index, vendor, where))
        vendors.append(vendor)
    if problems:
        raise InputError(problems.listed())
    return vendors


def _converted(index: int, item: object, checks: Checks, problems: _Capped) -> Vendor | None:
    """A vendor the fast path leaves to the converter, or ``None`` after noting its problems.

    Once the problems listed are full, those of a vendor are counted without being
    built: 270 vendors of 1,000 bad certificates take half the time.
    """
    try:
        _check_depth(item, limits=checks.limits, level=_ITEM_LEVEL)
        if not problems.full:
            return CONVERTER.structure(item, Vendor)  # type: ignore[no-any-return]
        vendor, count = CONVERTER.counted(item, Vendor)
        if vendor is not None:
            return vendor  # type: ignore[no-any-return]
        problems.more += count
    except InputError as error:
        problems.extend(p.prefixed(("vendors", index)) for p in error.problems)
    problems.extend(checks.raw_ids(index, item))
    return None


def _too_many(index: int, item: object, limits: Limits) -> list[Problem]:
    """A vendor's certificates or sites over their limits, counted before they are built."""
    if type(item) is not dict:
        return []
    problems = []
    for key, limit, field in (
        ("certificates", limits.max_certificates_per_vendor, "max_certificates_per_vendor"),
        ("sites", limits.max_sites_per_vendor, "max_sites_per_vendor"),
    ):
        listed = item.get(key)
        if type(listed) is list and len(listed) > limit:
            message = over(len(listed), key, limit, field)
            problems.append(Problem(("vendors", index, key), message))
    return problems


def write_vendors(vendors: Sequence[Vendor]) -> bytes:
    """``{"vendors": [...]}`` as indented UTF-8 JSON.

    Raises:
        InputError: two vendors whose names share a name key, which `read_vendors`
            refuses as one vendor typed two ways.
    """
    seen: dict[str, tuple[int, str]] = {}
    problems = []
    for index, vendor in enumerate(vendors):
        other, other_name = seen.setdefault(_name_key(vendor.name), (index, vendor.name))
        if other != index:
            problems.append(same_name(vendor.name, index, other, other_name))
    if problems:
        raise InputError(problems)
    data = {"vendors": [CONVERTER.unstructure(vendor, Vendor) for vendor in vendors]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_data(path: Path, limits: Limits) -> Any:
    """The plain data of a JSON file, its size and nesting within ``limits``."""
    return _parse_json(_read_text(path, limits=limits, field="max_criteria_bytes"), limits=limits)


def write_criteria(criteria: BuyerCriteria) -> bytes:
    """The criteria as indented UTF-8 JSON."""
    data = CONVERTER.unstructure(criteria, BuyerCriteria)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
