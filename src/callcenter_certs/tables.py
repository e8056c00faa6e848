"""Tables for people: the distinctions table, rendered as text, Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Protocol, TextIO

import attrs

from ._text import describe
from .catalogue import Catalog, _checked_catalog
from .certifications import Certification, Domain, Party, SchemeStatus
from .errors import InputError

__all__ = ["Table", "distinctions_table"]


def __dir__() -> list[str]:
    return __all__


_FORMATS = ("table", "markdown", "csv", "json")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet run a cell as a formula."""


def _spreadsheet_safe(cell: str) -> str:
    """Escape a cell a spreadsheet would run as a formula (CSV injection).

    A leading ``'`` makes Excel and LibreOffice show the text as typed.
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


class _Writer(Protocol):
    def writerow(self, row: Iterable[str], /) -> object: ...


class _CsvWriter:
    r"""A ``csv.writer`` that also quotes a cell holding a line break its line end lacks.

    Python's writer quotes only the characters of its line end: with ``\n`` line
    ends a lone carriage return would go out bare, and a reader would break the row
    in two there.
    """

    def __init__(self, out: TextIO, *, delimiter: str = ",", lineterminator: str = "\n") -> None:
        self._minimal: _Writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
        self._quoted: _Writer = csv.writer(
            out, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_ALL
        )
        self._unquoted = "".join(c for c in "\r\n" if c not in lineterminator)

    def writerow(self, row: Sequence[str]) -> None:
        """Write one row: quoted throughout when a cell holds a line break of another kind."""
        other = self._unquoted
        bare = bool(other) and any(c in cell for cell in row for c in other)
        (self._quoted if bare else self._minimal).writerow(row)


_DIALECTS = ("excel", "excel-fr")
"""The CSV dialects: ``excel`` (``,``, line feeds, no byte-order mark, decimal point) and
``excel-fr``, as French Excel opens a file with a double-click: ``;``, CRLF, UTF-8 with
a byte-order mark, and a decimal comma (which the caller writes in its numbers)."""

_BOM = "\ufeff"


@attrs.frozen
class Table:
    """Rows of text under named columns."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def render(self, fmt: str = "table", *, dialect: str = "excel") -> str:
        """Render as ``table`` (aligned text), ``markdown``, ``csv`` or ``json``.

        ``dialect`` is the CSV's (see `to_csv`); other formats have none.
        """
        if dialect != "excel" and fmt != "csv":
            msg = f"the dialect {dialect!r} is for csv, not {fmt!r}"
            raise ValueError(msg)
        if fmt == "table":
            return self.to_text()
        if fmt == "markdown":
            return self.to_markdown()
        if fmt == "csv":
            return self.to_csv(dialect=dialect)
        if fmt == "json":
            return self.to_json()
        msg = f"unknown format {fmt!r}; expected one of {', '.join(_FORMATS)}"
        raise ValueError(msg)

    def to_text(self) -> str:
        """Columns aligned with spaces, for a terminal."""
        widths = [
            max(len(cell) for cell in column)
            for column in zip(self.columns, *self.rows, strict=True)
        ]
        lines = [self.columns, tuple("-" * w for w in widths), *self.rows]
        return "\n".join(
            "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
            for line in lines
        )

    def to_markdown(self) -> str:
        """A GitHub-flavoured Markdown table."""

        def line(cells: Iterable[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

        return "\n".join(
            [line(self.columns), line("---" for _ in self.columns), *map(line, self.rows)]
        )

    def to_csv(self, *, dialect: str = "excel") -> str:
        """CSV safe to open in a spreadsheet (formula-like cells are escaped).

        ``excel`` (the default): ``,`` between cells, a line feed between lines, no
        line end after the last. ``excel-fr``: ``;`` between cells, every line ended by
        CRLF, and a byte-order mark first (encode the text as UTF-8); the cells are
        written as they are, so numbers meant for French Excel carry a decimal comma.
        """
        if dialect not in _DIALECTS:
            msg = f"unknown CSV dialect {dialect!r}; expected one of {', '.join(_DIALECTS)}"
            raise ValueError(msg)
        french = dialect == "excel-fr"
        out = io.StringIO()
        writer = (
            _CsvWriter(out, delimiter=";", lineterminator="\r\n") if french else _CsvWriter(out)
        )
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([_spreadsheet_safe(c) for c in row])
        if french:
            return _BOM + out.getvalue()
        return out.getvalue().rstrip("\n")

    def to_json(self) -> str:
        """A JSON list of objects keyed by column."""
        records = [dict(zip(self.columns, row, strict=True)) for row in self.rows]
        return json.dumps(records, ensure_ascii=False, indent=2)


_DISTINCTIONS_COLUMNS = (
    "id",
    "certification",
    "issuer",
    "kind",
    "scope",
    "obligation",
    "CSR",
    "France-only staffing",
    "validity",
    "status",
    "first published",
)


def _short_issuer(issuer: str) -> str:
    return re.split(r" \(|;|,", issuer, maxsplit=1)[0].strip()


def _scope(entry: Certification) -> str:
    if Party.PROVIDER not in entry.applies_to:
        return "buyers of contact centres"
    return "contact centres" if entry.contact_centre_specific else "any organisation"


def _staffing(entry: Certification) -> str:
    if entry.france_only_staffing:
        return "yes"
    if entry.staff_in_france_min_percent is not None:
        return f"no (>= {entry.staff_in_france_min_percent} % in France)"
    return "no"


def _validity(entry: Certification) -> str:
    if entry.validity_years is None:
        return "unknown"
    text = f"{entry.validity_years} y"
    if entry.surveillance_interval_months is not None:
        text += f", audit every {entry.surveillance_interval_months} months"
    return text


def _status(entry: Certification) -> str:
    if entry.status is SchemeStatus.WITHDRAWN:
        year = f" {entry.withdrawn}" if entry.withdrawn else ""
        successor = f", superseded by {entry.superseded_by}" if entry.superseded_by else ""
        return f"withdrawn{year}{successor}"
    return str(entry.status.value)


def _obligation(entry: Certification) -> str:
    if entry.obligation is None:
        return "—"
    if entry.mixed_obligation:
        return f"mixed, scored as {entry.obligation.value}"
    return str(entry.obligation.value)


def _distinction_row(entry: Certification) -> tuple[str, ...]:
    """One certification's row of the distinctions table."""
    return (
        entry.id,
        entry.short_name,
        _short_issuer(entry.issuer),
        entry.kind.value,
        _scope(entry),
        _obligation(entry),
        "yes" if Domain.SOCIAL_RESPONSIBILITY in entry.domains else "no",
        _staffing(entry),
        _validity(entry),
        _status(entry),
        str(entry.first_published) if entry.first_published else "unknown",
    )


def distinctions_table(catalog: Catalog | None = None, ids: Sequence[str] | None = None) -> Table:
    """How the certifications differ: a row per certification, in catalogue order.

    Args:
        catalog: defaults to the built-in [`CATALOG`][callcenter_certs.CATALOG].
        ids: only these certifications, in this order (each must be known).

    Raises:
        UnknownCertificationError: an id in ``ids`` is not in the catalogue.

    An obligation of ``—`` means neither means nor results, or unknown: the
    entry's notes say which.
    """
    catalog = _checked_catalog(catalog)
    given: object = ids
    if given is not None and (isinstance(given, str | bytes) or not isinstance(given, Iterable)):
        raise InputError.at(("ids",), f"{describe(given)} is not a list of certification ids")
    entries = catalog.certifications if ids is None else [catalog[i] for i in ids]
    return Table(_DISTINCTIONS_COLUMNS, tuple(_distinction_row(e) for e in entries))


def _entry_details(catalog: Catalog | None = None) -> str:
    """Markdown: for each entry its names, issuer, facts, notes and sources.

    The docs page ``certifications.md`` embeds this text; a test keeps them equal.
    """
    catalog = _checked_catalog(catalog)
    parts = []
    for entry in catalog.values():
        lines = [f"### {entry.short_name} (`{entry.id}`)", ""]
        lines.append(f"- **Official name:** {entry.name}")
        if entry.name_fr:
            lines.append(f"- **French name:** {entry.name_fr}")
        lines.append(f"- **Issuer:** {entry.issuer}")
        domains = ", ".join(sorted(d.value for d in entry.domains)) or "unknown"
        lines.append(f"- **Covers:** {domains}")
        parties = " and ".join(sorted(p.value for p in entry.applies_to))
        lines.append(f"- **Held by:** {parties}")
        if entry.principles:
            lines.append(f"- **Principles:** {', '.join(entry.principles)}")
        if entry.levels:
            lines.append(f"- **Levels, lowest first:** {', '.join(entry.levels)}")
        if entry.equivalents:
            lines.append(f"- **Accepted equivalents:** {', '.join(sorted(entry.equivalents))}")
        lines.extend(["", "Notes:", ""])
        lines.extend(f"- {note}" for note in entry.notes)
        lines.extend(["", "Sources:", ""])
        lines.extend(f"- {source}" for source in entry.sources)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
