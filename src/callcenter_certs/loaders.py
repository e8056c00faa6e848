"""Vendor and criteria files in, records out, or one error listing every problem.

Vendor files come as JSON, CSV or Excel (``.xlsx``, with the ``excel`` extra);
criteria files as TOML or JSON. Whatever is wrong with a file ends as one
:class:`~callcenter_certs.InputError` naming the file and, for each problem, where it
is (``vendors[3].certificates[0].valid_from`` or ``row 5, column valid_from``), the bad
value and what was expected. A file with a problem gives nothing back: a ranking on
part of the vendors would look complete and be wrong.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Protocol

from . import _csv, _json, _table, _toml, _xlsx
from ._converter import CONVERTER
from ._text import describe
from .catalogue import Catalog, checked_catalog
from .criteria import BuyerCriteria
from .errors import InputError, PathPart, Problem, expect_instance
from .files import (
    DEFAULT_LIMITS,
    Limits,
    check_depth,
    checked_limits,
    file_path,
    parse_json,
    read_structured,
    read_text,
    to_accept,
)
from .vendors import Vendor, vendor_list

__all__ = [
    "dump_criteria",
    "dump_vendors",
    "load_catalog",
    "load_criteria",
    "load_vendors",
    "read_builtin_catalog",
]


def __dir__() -> list[str]:
    return __all__


VENDOR_FORMATS = ("json", "csv", "xlsx")
CRITERIA_FORMATS = ("toml", "json")


def _format(path: Path, formats: Sequence[str]) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in formats:
        expected = ", ".join(f".{f}" for f in formats)
        raise InputError(f"unsupported file type {path.suffix or '(none)'!r}; expected {expected}")
    return suffix


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file becomes records.

    A load allocates millions of small acyclic objects, and each burst starts a
    collection that walks the whole parsed file again: that doubled the time of a
    100,000-vendor load. The collector is back, as it was, on the way out.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Checks every format shares -----------------------------------------------------------


class _Where(Protocol):
    """Where, in a given file format, a problem found on structured vendors is."""

    def vendors_over(self, limit: int) -> tuple[PathPart, ...]: ...
    def certification(self, vendor: int, index: int) -> tuple[PathPart, ...]: ...
    def certificates_over(self, vendor: int, limit: int) -> tuple[PathPart, ...]: ...
    def sites(self, vendor: int) -> tuple[PathPart, ...]: ...


def _same_name(name: str, index: int, other: int) -> Problem:
    """Worded as ``rank_vendors`` words it: the same mistake reads the same everywhere."""
    message = f"{name!r} is also the name of vendors[{other}]; vendor names must be unique"
    return Problem(("vendors", index, "name"), message)


def _over(count: int, what: str, limit: int, field: str) -> str:
    return f"{count:,} {what}, over the limit of {limit:,} ({to_accept(field)})"


class _Checks:
    """What the records cannot check alone: known ids (in this catalogue) and limits."""

    def __init__(self, catalog: Catalog, limits: Limits) -> None:
        self.catalog = catalog
        self.known = frozenset(catalog)
        self.limits = limits
        self.unknown_ids: dict[str, str] = {}

    def vendors(self, count: int, where: _Where) -> list[Problem]:
        limit = self.limits.max_vendors
        if count <= limit:
            return []
        return [Problem(where.vendors_over(limit), _over(count, "vendors", limit, "max_vendors"))]

    def vendor(self, index: int, vendor: Vendor, where: _Where) -> list[Problem]:
        problems: list[Problem] = []
        certificates = vendor.certificates
        limit = self.limits.max_certificates_per_vendor
        if len(certificates) > limit:
            field = "max_certificates_per_vendor"
            message = _over(len(certificates), "certificates", limit, field)
            problems.append(Problem(where.certificates_over(index, limit), message))
        sites = vendor.sites or ()
        if len(sites) > self.limits.max_sites_per_vendor:
            message = _over(
                len(sites), "sites", self.limits.max_sites_per_vendor, "max_sites_per_vendor"
            )
            problems.append(Problem(where.sites(index), message))
        for number, certificate in enumerate(certificates):
            if certificate.certification not in self.known:
                path = where.certification(index, number)
                problems.extend(self.unknown(certificate.certification, path))
        return problems

    def unknown(self, cid: str, path: tuple[PathPart, ...]) -> tuple[Problem, ...]:
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


# JSON ---------------------------------------------------------------------------------


_ITEM_LEVEL = 3
"""How deep a vendor sits in a JSON vendor file: the file, its list, the vendor."""
_VENDOR_DEPTH = 5
"""How deep the fast path builds: a vendor's certificate or site."""


def _json_vendors(path: Path, checks: _Checks, limits: Limits) -> list[Vendor]:
    # Nesting is checked where the converter reads a vendor, not by a walk of the whole
    # file first: the fast path reads only the layout's five levels.
    text = read_text(path, limits=limits)
    items = _json.vendor_items(parse_json(text, limits=limits, check_nesting=False))
    where = _json.InJson()
    if problems := checks.vendors(len(items), where):  # refused before any work
        raise InputError(problems)
    if limits.max_depth < _VENDOR_DEPTH:
        check_depth({"vendors": items}, limits=limits)
    vendors: list[Vendor] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        vendor = _json.simple_vendor(item)
        if vendor is None:
            try:
                check_depth(item, limits=limits, level=_ITEM_LEVEL)
                vendor = CONVERTER.structure(item, Vendor)
            except InputError as error:
                problems.extend(p.prefixed(("vendors", index)) for p in error.problems)
                problems.extend(checks.raw_ids(index, item))
                name = item.get("name") if isinstance(item, dict) else None
                if isinstance(name, str):  # so that a later vendor of that name is caught
                    seen.setdefault(name, index)
                continue
        other = seen.setdefault(vendor.name, index)
        if other != index:
            problems.append(_same_name(vendor.name, index, other))
        if found := checks.vendor(index, vendor, where):
            problems.extend(found)
        vendors.append(vendor)
    if problems:
        raise InputError(problems)
    return vendors


# Spreadsheets -------------------------------------------------------------------------


def _table_vendors(assembled: _table.Assembled, checks: _Checks) -> list[Vendor]:
    problems = [*assembled.problems, *checks.vendors(len(assembled.vendors), assembled)]
    for index, vendor in enumerate(assembled.vendors):
        problems.extend(checks.vendor(index, vendor, assembled))
    for row, cid in assembled.unbuilt:
        if cid not in checks.known:
            problems.extend(checks.unknown(cid, (f"row {row}", "certification")))
    if problems:
        raise InputError(sorted(problems, key=_table.by_row))
    return list(assembled.vendors)


def _csv_vendors(path: Path, checks: _Checks, limits: Limits) -> list[Vendor]:
    rows = _csv.csv_rows(read_text(path, limits=limits))
    return _table_vendors(_table.assemble(rows, empty="empty file"), checks)


def _xlsx_vendors(path: Path, checks: _Checks, limits: Limits) -> list[Vendor]:
    with _xlsx.workbook_rows(path, limits=limits) as (sheet, rows):
        assembled = _table.assemble(rows, empty=f"empty sheet {sheet!r}")
    return _table_vendors(assembled, checks)


_VENDOR_READERS = {"json": _json_vendors, "csv": _csv_vendors, "xlsx": _xlsx_vendors}


def load_vendors(
    path: str | os.PathLike[str],
    *,
    catalog: Catalog | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Vendor]:
    """Read vendors from a JSON, CSV or Excel file, chosen by the file's suffix.

    The layouts are in the user guide (*Vendor and criteria files*): JSON is
    ``{"vendors": [...]}``, each vendor as the converter writes it; CSV and ``.xlsx``
    have one row per certificate.

    Args:
        path: a ``.json``, ``.csv`` or ``.xlsx`` file (``.xlsx`` needs the ``excel``
            extra).
        catalog: the catalogue certification ids must be known to; defaults to
            :data:`~callcenter_certs.CATALOG`.
        limits: sizes refused before they exhaust memory.

    Returns:
        The vendors in file order (for a spreadsheet, in order of first appearance).

    Raises:
        InputError: every problem in the file, each with its place: unreadable file,
            invalid JSON or CSV, wrong type, unknown key or column, bad date, unknown
            certification id (with the closest known ids), duplicate vendor name, or a
            limit exceeded.

    Examples:
        >>> [vendor.name for vendor in load_vendors("docs/examples/vendors.csv")]
        ['Atlantique Contact', 'Rivage Services', 'Bocage Appels']

    Added in 26.1.
    """
    file = file_path(path)
    limits = checked_limits(limits)
    catalog = checked_catalog(catalog)
    source = str(path)
    try:
        read = _VENDOR_READERS[_format(file, VENDOR_FORMATS)]
        with _collector_paused():
            return read(file, _Checks(catalog, limits), limits)
    except InputError as error:
        raise error.in_file(source) from error


def load_criteria(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS
) -> BuyerCriteria:
    """Read a buyer's criteria from a TOML or JSON file.

    The file holds the fields of :class:`~callcenter_certs.BuyerCriteria`; a field left
    out takes its default. Certification ids are checked against the catalogue when
    scoring (or by :func:`~callcenter_certs.check_criteria`), since the catalogue is
    chosen then.

    Args:
        path: a ``.toml`` or ``.json`` file.
        limits: the file's size and nesting refused before they exhaust memory.

    Raises:
        InputError: unreadable file, invalid TOML or JSON, unknown key, wrong type or
            value, a limit exceeded; every problem, each with its field path.

    Examples:
        >>> load_criteria("docs/examples/criteria.toml").required
        ('iso-18295-1',)

    Added in 26.1.
    """
    file = file_path(path)
    limits = checked_limits(limits)
    source = str(path)
    try:
        data = read_structured(file, formats=CRITERIA_FORMATS, limits=limits)
        criteria: BuyerCriteria = CONVERTER.structure(data, BuyerCriteria)
    except InputError as error:
        raise error.in_file(source) from error
    return criteria


def load_catalog(
    path: str | Path, *, extends: Catalog | None = None, limits: Limits = DEFAULT_LIMITS
) -> Catalog:
    """Load a catalogue from a TOML or JSON file laid out like the built-in one.

    Args:
        path: ``.toml`` or ``.json`` file with ``version`` and a list of
            ``certifications``.
        extends: a catalogue whose entries come first, e.g. :data:`CATALOG` to add
            a label to the built-in ones. An id present in both is a duplicate.
        limits: the file's size and nesting refused before they exhaust memory.

    Raises:
        InputError: unreadable file, bad field, duplicate id, unknown reference or
            supersession cycle; the message names the file and the field path.
    """
    file = file_path(path)
    limits = checked_limits(limits)
    if extends is not None:
        extends = checked_catalog(extends, "extends")
    source = str(path)
    try:
        data = read_structured(file, formats=("toml", "json"), limits=limits)
        own = CONVERTER.structure(data, Catalog)
        if extends is None:
            return own
        return _extend(extends, own)
    except InputError as error:
        raise error.in_file(source) from error


def _extend(base: Catalog, own: Catalog) -> Catalog:
    """``base`` followed by ``own``; problems point into ``own``'s file."""
    offset = len(base.certifications)
    try:
        return Catalog((*base.certifications, *own.certifications), f"{base.version}+{own.version}")
    except InputError as error:
        problems = []
        for problem in error.problems:
            path = problem.path
            if len(path) > 1 and isinstance(path[1], int) and path[1] >= offset:
                path = (path[0], path[1] - offset, *path[2:])
            problems.append(Problem(path, problem.message))
        raise InputError(problems) from error


def read_builtin_catalog() -> Catalog:
    """The built-in catalogue from the package's ``data/certifications.toml``."""
    text = resources.files(__package__).joinpath("data/certifications.toml").read_text("utf-8")
    catalog: Catalog = CONVERTER.structure(tomllib.loads(text), Catalog)
    return catalog


# Writing ------------------------------------------------------------------------------


def _name_problems(vendors: Sequence[object]) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for index, vendor in enumerate(vendors):
        if not isinstance(vendor, Vendor):
            problems.append(Problem(("vendors", index), f"{describe(vendor)} is not a Vendor"))
            continue
        other = seen.setdefault(vendor.name, index)
        if other != index:
            problems.append(_same_name(vendor.name, index, other))
    return problems


def dump_vendors(vendors: Iterable[Vendor], path: str | os.PathLike[str]) -> None:
    """Write vendors to a JSON or CSV file that :func:`load_vendors` reads back equal.

    JSON is UTF-8, indented; CSV has one row per certificate, a byte-order mark so
    that Excel reads accents right, and cells escaped so that a spreadsheet does not
    run them as formulas.

    Raises:
        InputError: an unsupported suffix, two vendors with the same name, or (CSV)
            text that the layout would not read back the same.
        OSError: the file cannot be written.

    Added in 26.1.
    """
    file = file_path(path)
    fmt = _format(file, ("json", "csv"))
    listed = vendor_list(vendors)
    if problems := _name_problems(listed):
        raise InputError(problems)
    if fmt == "csv":
        file.write_text(_csv.write_csv(listed), encoding="utf-8-sig", newline="")
        return
    data = {"vendors": [CONVERTER.unstructure(vendor, Vendor) for vendor in listed]}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    file.write_text(text, encoding="utf-8", newline="")


def dump_criteria(criteria: BuyerCriteria, path: str | os.PathLike[str]) -> None:
    """Write criteria to a TOML or JSON file that :func:`load_criteria` reads back equal.

    Raises:
        InputError: an unsupported suffix.
        OSError: the file cannot be written.

    Added in 26.1.
    """
    file = file_path(path)
    expect_instance(criteria, BuyerCriteria, "criteria")
    if _format(file, CRITERIA_FORMATS) == "toml":
        text = _toml.dumps(criteria)
    else:
        data = CONVERTER.unstructure(criteria, BuyerCriteria)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    file.write_text(text, encoding="utf-8", newline="")
