"""The file formats: one registry, from a file's suffix to the module that reads and writes it.

Every format is one module of this package, self-contained: it reads its files
into the library's records and writes them back, with the help of the shared
checks. The loaders ([`load_vendors`][callcenter_certs.load_vendors],
[`load_criteria`][callcenter_certs.load_criteria], [`load_catalog`][callcenter_certs.load_catalog],
the
``dump_*`` functions), the command line's ``validate`` and help, and the formats table
of the user guide all read this registry; a format's module is imported only when a
file of that format is read or written.

**Adding a format** is one module and one registration: write
``formats/NAME.py`` with the functions of its kinds (see
[`Format`][callcenter_certs.formats.Format]), and add
its [`Format`][callcenter_certs.formats.Format] to [`FORMATS`][callcenter_certs.formats.FORMATS]
below (or call [`register`][callcenter_certs.formats.register] from your own
code). ``tests/test_formats.py`` checks that every registered module has the
functions its registration promises.

A module's functions, by kind:

- ``vendors`` read: ``read_vendors(path, checks, limits) -> list[Vendor]``;
  write: ``write_vendors(vendors) -> bytes``.
- ``criteria`` and ``catalog`` read: ``read_data(path, limits) -> Any``, the plain
  data the converter then structures; ``criteria`` write:
  ``write_criteria(criteria) -> bytes``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Literal

import attrs

from callcenter_certs.errors import InputError

__all__ = ["FORMATS", "Format", "Kind", "register"]


def __dir__() -> list[str]:
    return __all__


Kind = Literal["vendors", "criteria", "catalog"]
"""What a file holds."""

_ACTIONS = {"read": "reads", "write": "writes"}


@attrs.frozen
class Format:
    """A file format: its suffix, the module that handles it, and what it reads and writes."""

    suffix: str
    """Lower case, without the dot: ``"csv"``."""
    module: str
    """The module, imported on first use: ``"callcenter_certs.formats.csv"``."""
    description: str
    """One line for the help and the user guide."""
    reads: tuple[Kind, ...] = ()
    writes: tuple[Kind, ...] = ()
    extra: str | None = None
    """The optional dependency (``pip install 'callcenter-certs[EXTRA]'``) it needs."""

    def load(self) -> ModuleType:
        """The format's module."""
        return importlib.import_module(self.module)


FORMATS: dict[str, Format] = {}
"""The registered formats, by suffix, in the order the help lists them."""


def register(fmt: Format) -> None:
    """Add a format, or replace the one of its suffix."""
    FORMATS[fmt.suffix] = fmt


for _format in (
    Format(
        "toml",
        "callcenter_certs.formats.toml",
        "TOML: criteria or a catalogue",
        reads=("criteria", "catalog"),
        writes=("criteria",),
    ),
    Format(
        "json",
        "callcenter_certs.formats.json",
        "JSON: vendors, criteria or a catalogue, as the converter writes them",
        reads=("vendors", "criteria", "catalog"),
        writes=("vendors", "criteria"),
    ),
    Format(
        "csv",
        "callcenter_certs.formats.csv",
        "CSV, comma or semicolon: one row per certificate",
        reads=("vendors",),
        writes=("vendors",),
    ),
    Format(
        "xlsx",
        "callcenter_certs.formats.xlsx",
        "Excel workbook: the CSV layout on a sheet",
        reads=("vendors",),
        writes=("vendors",),
        extra="excel",
    ),
):
    register(_format)


def _formats_for(kind: Kind, action: Literal["read", "write"] = "read") -> tuple[Format, ...]:
    """The formats that read (or write) ``kind``, in registry order."""
    attribute = _ACTIONS[action]
    return tuple(f for f in FORMATS.values() if kind in getattr(f, attribute))


def _suffixes(kind: Kind, action: Literal["read", "write"] = "read") -> str:
    """``".json, .csv or .xlsx"``: the suffixes of `_formats_for`, for a sentence."""
    listed = [f".{f.suffix}" for f in _formats_for(kind, action)]
    return listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} or {listed[-1]}"


def _module_for(path: Path, kind: Kind, action: Literal["read", "write"] = "read") -> ModuleType:
    """The module that reads (or writes) ``kind`` in a file of this suffix.

    Raises:
        InputError: no registered format does, naming the suffixes that would.
    """
    fmt = FORMATS.get(path.suffix.lower().lstrip("."))
    if fmt is None or kind not in getattr(fmt, _ACTIONS[action]):
        expected = ", ".join(f".{f.suffix}" for f in _formats_for(kind, action))
        found = path.suffix or "(none)"
        raise InputError(f"unsupported file type {found!r}; expected {expected}")
    return fmt.load()


def _format_table() -> str:
    """The registered formats as a Markdown table, for the user guide."""
    lines = [
        "| suffix | format | reads | writes | needs |",
        "| --- | --- | --- | --- | --- |",
    ]
    for fmt in FORMATS.values():
        extra = f"`pip install 'callcenter-certs[{fmt.extra}]'`" if fmt.extra else "—"
        lines.append(
            f"| `.{fmt.suffix}` | {fmt.description} | {', '.join(fmt.reads) or '—'} "
            f"| {', '.join(fmt.writes) or '—'} | {extra} |"
        )
    return "\n".join(lines)
