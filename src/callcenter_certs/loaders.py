"""Vendor, criteria and catalogue files in, records out, or one error listing every problem.

The file's suffix chooses its format in the registry
([`callcenter_certs.formats`][callcenter_certs.formats]): vendors as JSON, CSV or Excel (``.xlsx``,
with the
``excel`` extra); criteria and catalogues as TOML or JSON. Whatever is wrong with a file ends as one
[`InputError`][callcenter_certs.InputError] naming the file and, for each problem, where it
is (``vendors[3].certificates[0].valid_from`` or ``row 5, column valid_from``), the bad
value and what was expected. A file with a problem gives nothing back: a ranking on
part of the vendors would look complete and be wrong.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

from ._checks import Checks, same_name
from ._text import describe
from .catalogue import Catalog, _checked_catalog
from .criteria import BuyerCriteria
from .errors import InputError, Problem, _expect_instance
from .files import (
    _DEFAULT_LIMITS,
    Limits,
    _checked_limits,
    _file_path,
    _read_bytes,
    _write_atomically,
)
from .formats import Kind, _module_for
from .vendors import Vendor, _vendor_list

__all__ = ["dump_criteria", "dump_vendors", "load_catalog", "load_criteria", "load_vendors"]


def __dir__() -> list[str]:
    return __all__


def load_vendors(
    path: str | os.PathLike[str],
    *,
    catalog: Catalog | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    sheet: str | None = None,
) -> list[Vendor]:
    """Read vendors from a JSON, CSV or Excel file, chosen by the file's suffix.

    A stream without a suffix (``/dev/stdin``, a pipe) is read once and its first
    bytes choose: a zip is a workbook, ``{`` or ``[`` JSON, anything else CSV.

    The layouts are in the user guide (*Vendor and criteria files*): JSON is
    ``{"vendors": [...]}``, each vendor as the converter writes it; CSV and ``.xlsx``
    have one row per certificate.

    Args:
        path: a ``.json``, ``.csv`` or ``.xlsx`` file (``.xlsx`` needs the ``excel``
            extra).
        catalog: the catalogue certification ids must be known to; defaults to
            [`CATALOG`][callcenter_certs.CATALOG].
        limits: sizes refused before they exhaust memory.
        sheet: the workbook's sheet to read (``.xlsx`` only). Without it, the sheet
            named ``vendors`` or ``fournisseurs`` (any case), else the first sheet whose
            first non-empty row is a header.

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
    file = _file_path(path)
    limits = _checked_limits(limits)
    catalog = _checked_catalog(catalog)
    source = str(path)
    try:
        with _named(file, "vendors", limits) as file:
            module = _module_for(file, "vendors")
            checks = Checks(catalog, limits)
            if sheet is None:
                vendors: list[Vendor] = module.read_vendors(file, checks, limits)
            else:
                _check_sheet(sheet, module, file)
                vendors = module.read_vendors(file, checks, limits, sheet=sheet)
    except InputError as error:
        raise error.in_file(source) from error
    return vendors


_WORKBOOK = b"PK\x03\x04"
"""A workbook is a zip file: its first bytes."""


@contextlib.contextmanager
def _named(file: Path, kind: Kind, limits: Limits) -> Iterator[Path]:
    """``file``, or for a stream with no suffix (standard input, a pipe), a named copy.

    The suffix chooses the format; ``/dev/stdin`` has none, so what it holds is read
    once (its digest noted, as for any file read) and its first bytes choose: a zip
    is a workbook, ``{`` or ``[`` JSON, anything else CSV (vendors) or TOML (criteria
    and catalogues). A regular file keeps its own suffix, or the lack of one.
    """
    if file.suffix or not file.exists() or file.is_file():
        yield file
        return
    data = _read_bytes(file, limits=limits)
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if data.startswith(_WORKBOOK) and kind == "vendors":
        suffix = ".xlsx"
    elif start in {b"{", b"["}:
        suffix = ".json"
    else:
        suffix = ".csv" if kind == "vendors" else ".toml"
    import tempfile  # noqa: PLC0415 - 11 M instructions of start-up; only for a stream

    with tempfile.TemporaryDirectory(prefix="callcenter-certs-") as folder:
        copy = Path(folder) / f"{file.name or 'stdin'}{suffix}"
        copy.write_bytes(data)
        yield copy


def _check_sheet(sheet: object, module: ModuleType, file: Path) -> None:
    """A sheet's name, asked of a format that has sheets (a workbook), or an InputError."""
    if not isinstance(sheet, str):
        raise InputError.at(("sheet",), f"{describe(sheet)} is not a sheet name")
    if not getattr(module, "READS_SHEETS", False):
        suffix = file.suffix or "(none)"
        message = f"sheet {sheet!r}: a {suffix} file has no sheets; only a workbook (.xlsx) has"
        raise InputError(message)


def load_criteria(
    path: str | os.PathLike[str], *, limits: Limits = _DEFAULT_LIMITS
) -> BuyerCriteria:
    """Read a buyer's criteria from a TOML or JSON file.

    The file holds the fields of [`BuyerCriteria`][callcenter_certs.BuyerCriteria]; a field left
    out takes its default. Certification ids are checked against the catalogue when
    scoring (or by [`check_criteria`][callcenter_certs.check_criteria]), since the catalogue is
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
    file = _file_path(path)
    limits = _checked_limits(limits)
    source = str(path)
    try:
        with _named(file, "criteria", limits) as file:
            data = _module_for(file, "criteria").read_data(file, limits)
        from ._converter import CONVERTER  # noqa: PLC0415 - cattrs: only for a file to structure

        criteria: BuyerCriteria = CONVERTER.structure(data, BuyerCriteria)
    except InputError as error:
        raise error.in_file(source) from error
    return criteria


def load_catalog(
    path: str | Path, *, extends: Catalog | None = None, limits: Limits = _DEFAULT_LIMITS
) -> Catalog:
    """Load a catalogue from a TOML or JSON file laid out like the built-in one.

    Args:
        path: ``.toml`` or ``.json`` file with ``version`` and a list of
            ``certifications``.
        extends: a catalogue whose entries come first, e.g. [`CATALOG`][callcenter_certs.CATALOG]
            to add
            a label to the built-in ones. An id present in both is a duplicate.
        limits: the file's size and nesting refused before they exhaust memory.

    Raises:
        InputError: unreadable file, bad field, duplicate id, unknown reference or
            supersession cycle; the message names the file and the field path.
    """
    file = _file_path(path)
    limits = _checked_limits(limits)
    if extends is not None:
        extends = _checked_catalog(extends, "extends")
    source = str(path)
    try:
        data = _module_for(file, "catalog").read_data(file, limits)
        from ._converter import CONVERTER  # noqa: PLC0415 - idem

        own = CONVERTER.structure_catalog(data, extends)
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
            problems.append(same_name(vendor.name, index, other))
    return problems


def dump_vendors(vendors: Iterable[Vendor], path: str | os.PathLike[str]) -> None:
    """Write vendors to a JSON, CSV or Excel file that `load_vendors` reads back equal.

    See [`load_vendors`][callcenter_certs.load_vendors].

    JSON is UTF-8, indented; CSV has one row per certificate, a byte-order mark so
    that Excel reads accents right, and cells escaped so that a spreadsheet does not
    run them as formulas. An ``.xlsx`` workbook (the ``excel`` extra) has the CSV
    layout on a sheet ``vendors``, with dates as dates, figures as numbers and a
    frozen header row. The file is written whole or not at all: a temporary file
    in the same directory, renamed over ``path`` once complete.

    Raises:
        InputError: an unsupported suffix, two vendors with the same name, openpyxl
            missing for ``.xlsx``, or (CSV, ``.xlsx``) text that the layout would not
            read back the same.
        OSError: the file cannot be written.

    Added in 26.1.
    """
    file = _file_path(path)
    module = _module_for(file, "vendors", "write")
    listed = _vendor_list(vendors)
    if problems := _name_problems(listed):
        raise InputError(problems)
    _write_atomically(file, module.write_vendors(listed))


def dump_criteria(criteria: BuyerCriteria, path: str | os.PathLike[str]) -> None:
    """Write criteria to a TOML or JSON file that `load_criteria` reads back equal.

    See [`load_criteria`][callcenter_certs.load_criteria].

    Written whole or not at all, like [`dump_vendors`][callcenter_certs.dump_vendors].

    Raises:
        InputError: an unsupported suffix.
        OSError: the file cannot be written.

    Added in 26.1.
    """
    file = _file_path(path)
    _expect_instance(criteria, BuyerCriteria, "criteria")
    _write_atomically(file, _module_for(file, "criteria", "write").write_criteria(criteria))
