"""The spreadsheet layout of a vendor file: one row per certificate, in CSV or a workbook.

A buyer's analyst keeps vendors in a spreadsheet, so the layout is the one a person
types: a header row, then one row per certificate, the vendor's name repeated. The
CSV and ``.xlsx`` readers (``_csv``, ``_xlsx``) turn a file into numbered rows of
cells; `assemble` turns rows into vendors and names the row and column of every
problem, as the spreadsheet shows them (the header is row 1).

Besides the fixed `COLUMNS`, a column ``figure:NAME`` holds one figure of the
award grid (``figure:price``): one value per vendor, on any of its rows.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from ._checks import Checks, beyond
from ._text import close_matches as _close_matches
from ._text import (
    describe,
    line_problem,
    parse_date,
    same_looking,
    text_problem,
    without_accents,
)
from ._text import name_key as _name_key
from .countries import _country_code, _country_suggestions
from .criteria import _FIGURE_NAME
from .criteria import _number as finite
from .errors import (
    MAX_PROBLEMS,
    InputError,
    Problem,
    _Capped,
    _did_you_mean,
    _not_listed,
    _PathPart,
)
from .files import _DEFAULT_LIMITS, Limits
from .tables import _FORMULA_START, _spreadsheet_safe
from .vendors import _STATUSES, CertificateStatus, HeldCertificate, Site, Vendor

__all__ = [
    "COLUMNS",
    "EMPTY",
    "FIGURE",
    "MAX_PROBLEMS",
    "RECORD_COLUMNS",
    "Assembled",
    "Cells",
    "assemble",
    "by_row",
    "escaped_text",
    "is_header",
    "noting",
    "number_text",
    "sheet_vendors",
    "vendor_rows",
]


def __dir__() -> list[str]:
    return __all__


COLUMNS = (
    "vendor",
    "certification",
    "valid_from",
    "valid_until",
    "certificate_number",
    "certifying_body",
    "accredited",
    "status",
    "sites",
)
"""The columns, in the order ``dump_vendors`` writes them; only ``vendor`` is required."""

RECORD_COLUMNS = ("sites_covered", "accreditation_body", "last_audit", "level", "score")
"""The optional columns of what registers record besides the dates; ``dump_vendors``
writes each one only when a certificate has it, after `COLUMNS`."""

FIGURE = "figure:"
"""The prefix of a figure's column: ``figure:price`` holds the figure ``price``."""

T = TypeVar("T")
_KNOWN = (*COLUMNS, *RECORD_COLUMNS)
_CERTIFICATE_COLUMNS = (*COLUMNS[1:8], *RECORD_COLUMNS)
_ALLOWED = ", ".join(_KNOWN)
_ALLOWED_AND_FIGURES = f"{_ALLOWED}, {FIGURE}NAME (one per figure, e.g. {FIGURE}price)"
EMPTY = f"expected a header row naming the columns, e.g. {','.join(COLUMNS)}"
_DATES = "YYYY-MM-DD or DD/MM/YYYY"
_SITES = "COUNTRY:AGENTS or COUNTRY:AGENTS:NAME separated by ';', e.g. 'FR:120:Nantes;RE:40'"
_AGENTS = re.compile(r"[0-9]{1,15}")
_NUMBER = re.compile(
    r"[+-]?(?:[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)?"
)
"""A number as a person or a French spreadsheet types it: ``1 180 000,50``, ``15,5``,
``1180000.50``; thousands separated by a space, a no-break space (U+00A0) or a narrow
no-break space (U+202F), in groups of three; a decimal comma or point."""
_UNITS = " \u00a0\u202f€$£%"
"""What a person types around a figure (a currency, a percent sign) and the spaces."""
_SEPARATORS = str.maketrans({" ": None, "\u00a0": None, "\u202f": None, ",": "."})
_TRUE = frozenset({"true", "yes", "oui", "1"})
_FALSE = frozenset({"false", "no", "non", "0"})
_FRENCH_COLUMNS = {
    "vendor": ("fournisseur", "prestataire", "soumissionnaire"),
    "valid_from": ("date de début", "début de validité"),
    "valid_until": ("date de fin", "fin de validité", "expiration"),
    "certificate_number": ("n° de certificat", "numéro de certificat"),
    "certifying_body": ("organisme certificateur",),
    "accredited": ("accrédité",),
    "status": ("statut",),
    "sites": ("implantations",),
}
"""The French header of each column that has one; matched like the English ones."""
_FRENCH_STATUSES = {
    CertificateStatus.ACTIVE: ("actif",),
    CertificateStatus.INACTIVE: ("inactif",),
    CertificateStatus.SUSPENDED: ("suspendu",),
    CertificateStatus.CANCELLED: ("annulé",),
    CertificateStatus.DRAFT: ("brouillon", "à l'état de projet"),  # the second, as output says
    CertificateStatus.WITHDRAWN: ("retiré",),
    CertificateStatus.EXPIRED: ("expiré",),
}
"""The French word of each status; its feminine (``suspendue``: *la certification est
suspendue*) is read too."""
_ESCAPED = frozenset({*_FORMULA_START, "'"})
"""What follows the ``'`` that ``dump_vendors`` adds to keep a cell from being a formula."""


class _CellError(ValueError):
    """A cell that does not hold what its column needs; the message says what."""


def _word_key(text: str) -> str:
    """A header or a word as matched: case, accents, spaces and punctuation ignored.

    ``"N° de certificat"`` and ``"n de certificat"`` are ``"n de certificat"``;
    ``"valid_from"`` and ``"Valid from"`` are ``"valid from"``.
    """
    text = without_accents(text.replace("\u00ba", "\u00b0"))  # º, as in n°
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


_HEADERS: dict[str, str] = {
    **{_word_key(column): column for column in (*COLUMNS, *RECORD_COLUMNS)},
    **{_word_key(word): column for column, words in _FRENCH_COLUMNS.items() for word in words},
}
"""The column of each header's key, English and French."""
_HEADER_SPELLINGS: dict[str, str] = {
    **{_word_key(column): column for column in (*COLUMNS, *RECORD_COLUMNS)},
    **{_word_key(word): word for words in _FRENCH_COLUMNS.values() for word in words},
}
"""Each header as the suggestions write it."""
_STATUS_WORDS: dict[str, CertificateStatus] = {
    **{_word_key(status.value): status for status in CertificateStatus},
    **{_word_key(word): status for status, words in _FRENCH_STATUSES.items() for word in words},
    **{
        _word_key(word) + "e": status
        for status, words in _FRENCH_STATUSES.items()
        for word in words
        if word.endswith(("é", "u"))
    },
}
"""Each status by the key of its English or French word (and the French feminine)."""


class _OverLimitError(Exception):
    """A count passed its limit while reading: the file is refused without reading on."""

    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(message)
        self.column = column


_PART = re.compile(r"[^;]+")
"""A part of a cell of parts separated by ``;``, found one at a time: a cell of ten
million parts is refused at the first part past the limit, not split whole."""


# Reading cells ------------------------------------------------------------------------
# A CSV cell is a string; a workbook cell may also be a number, a bool, a date or a
# datetime. Each reader accepts both and raises _CellError naming the bad value.


def _text(cell: object) -> str:
    """A cell as text: stripped, with the formula escape of ``dump_vendors`` undone."""
    if isinstance(cell, str):  # nearly every cell: tested first
        text = cell.strip()
        return text[1:] if text[:1] == "'" and text[1:2] in _ESCAPED else text
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell).lower()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # a workbook stores 12345 as 12345.0
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()
    return str(cell)


# The classes of this module are plain classes with slots, not attrs classes: attrs
# generates and compiles each one's methods at import, about 3 M instructions apiece,
# which every command that reads a file would pay (the cold start, issue 11, in
# docs/performance.md). They are internal; `CellError`, whose repr a message may
# show, writes its own methods as attrs wrote them.


class CellError:
    """A workbook's error cell (``#N/A``, ``#REF!``): a formula that failed, not a value.

    Reported with its row and column like any bad cell, so that every problem of the
    sheet is listed at once.
    """

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CellError):
            return NotImplemented
        return other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"CellError(value={self.value!r})"

    def __str__(self) -> str:
        return self.value

    @property
    def message(self) -> str:
        return (
            f"{describe(self.value)} is an Excel error, the result of a formula that failed "
            "(a broken lookup, say); fix the formula or type the value"
        )


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _optional_text(cell: object) -> str | None:
    return _text(cell) or None


def _date(cell: object) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        if cell.time() != dt.time() or cell.tzinfo is not None:
            msg = f"{cell.isoformat(' ')!r} is a date and time, expected a date ({_DATES})"
            raise _CellError(msg)
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    if not text:
        return None
    date = parse_date(text)
    if date is None:
        msg = f"{describe(cell)} is not a date (expected {_DATES})"
        raise _CellError(msg)
    return date


@functools.lru_cache(maxsize=4_096)  # a vendor's rows repeat dates: each is parsed once
def _accredited(cell: object) -> bool | None:
    if isinstance(cell, bool):
        return cell
    text = _text(cell).casefold()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    msg = f"{describe(cell)} is not yes or no (expected true/false, yes/no, oui/non, 1/0 or empty)"
    raise _CellError(msg)


def _status(cell: object) -> CertificateStatus:
    text = _text(cell).casefold()
    if not text:
        return CertificateStatus.ACTIVE
    if (status := _STATUSES.get(text)) is not None:
        return status
    if (status := _STATUS_WORDS.get(_word_key(text))) is not None:
        return status
    allowed = ", ".join(map(repr, _STATUSES))
    french = ", ".join(repr(words[0]) for words in _FRENCH_STATUSES.values())
    msg = f"{describe(cell)} is not one of {allowed}, or in French {french} (empty means 'active')"
    raise _CellError(msg) from None


def _site_country(cell: object, country: str) -> str:
    """The code of a site's country as written: ``FR``, ``fra``, ``France``, ``La Réunion``."""
    code = _country_code(country)
    if code is None:
        close = _country_suggestions(country)
        msg = (
            f"in {describe(cell)}, {country!r} is not a country (an ISO 3166-1 code such "
            f"as FR or FRA, or its name in English or French){_did_you_mean(close)}"
        )
        raise _CellError(msg)
    if code not in {country, country.upper()}:
        _note_here(f"{country!r} is read as the country {code!r}")
    return code


def _sites(cell: object, most: int | None = None) -> tuple[Site, ...] | None:
    """The sites of a cell; past ``most`` sites, refused at the first one over."""
    text = _text(cell)
    if not text:
        return None
    sites: list[Site] = []
    names: set[str] = set()
    for part in filter(None, (p.group().strip() for p in _PART.finditer(text))):
        if most is not None and len(sites) >= most:
            subject = f"site {most + 1:,} in this cell"
            raise _CellError(beyond(subject, most, "per vendor", _SITES_LIMIT))
        country, colon, rest = (p.strip() for p in part.partition(":"))
        agents, named, name = (p.strip() for p in rest.partition(":"))
        if not colon or not country or not agents or (named and not name):
            msg = f"{describe(cell)} is not a list of sites (expected {_SITES})"
            raise _CellError(msg)
        if not _AGENTS.fullmatch(agents):
            msg = f"in {describe(cell)}, {agents!r} is not a whole number of agents"
            raise _CellError(msg)
        code = _site_country(cell, country)
        try:
            site = Site(code, int(agents), name or None)
        except InputError as error:
            raise _CellError(f"in {describe(cell)}, {error.problems[0].message}") from None
        if name in names:
            raise _CellError(f"in {describe(cell)}, two sites are named {name!r}")
        if name:
            names.add(name)
        sites.append(site)
    if not sites:
        msg = f"{describe(cell)} is not a list of sites (expected {_SITES})"
        raise _CellError(msg)
    return tuple(sites)


def _site_names(cell: object, most: int | None = None) -> tuple[str, ...] | None:
    """The ``sites_covered`` cell: site names separated by ``;``, or ``None`` when empty.

    Past ``most`` names (a certificate covers at most its vendor's sites), refused at
    the first one over.
    """
    text = _text(cell)
    if not text:
        return None
    names: list[str] = []
    for name in filter(None, (part.group().strip() for part in _PART.finditer(text))):
        if most is not None and len(names) >= most:
            subject = f"site name {most + 1:,} in this cell"
            raise _CellError(beyond(subject, most, "per vendor", _SITES_LIMIT))
        names.append(name)
    return tuple(names) or None


_SITES_LIMIT = "max_sites_per_vendor"


def _number(cell: object) -> float | None:
    """A figure's cell: a number, or ``None`` when empty."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):  # a workbook's number
        value = finite(cell)
        if value is None:
            raise _CellError(f"{describe(cell)} is not a finite number")
        return value
    if isinstance(cell, bool | dt.date | dt.datetime):
        raise _CellError(f"{describe(cell)} is not a number")
    text = _text(cell)
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        bare = text.strip(_UNITS).strip()
        if bare != text.strip() and _NUMBER.fullmatch(bare):  # "1 250 000 €", "15 %"
            msg = f"{describe(cell)} is not a number: write the number alone, without its unit"
            raise _CellError(msg)
        raise _CellError(f"{describe(cell)} is not a number")
    value = finite(float(text.translate(_SEPARATORS)))
    if value is None:  # 1e400
        raise _CellError(f"{describe(cell)} is not a finite number")
    return value


def number_text(value: float) -> str:
    """A figure as ``_number`` reads it back exactly: ``1180000``, ``15.5``, ``1e+20``."""
    if value.is_integer() and abs(value) < 1e15:  # noqa: PLR2004 - exact as an int below it
        return str(int(value))
    return repr(value)


# Vendors to rows ----------------------------------------------------------------------


class Cells:
    """How a format writes each kind of cell of `vendor_rows`.

    ``text`` receives the text already escaped as the readers undo it (see
    `escaped_text`); a format only says how a cell holds it. ``file`` names the file
    in the messages (``a CSV file``, ``a workbook``); ``max_text`` is the most
    characters a cell holds (Excel's 32,767), or ``None``: no limit.
    """

    __slots__ = ("date", "empty", "file", "flag", "layout", "max_text", "number", "text")

    def __init__(
        self,
        *,
        text: Callable[[str], object],
        date: Callable[[dt.date], object],
        number: Callable[[float], object],
        flag: Callable[[bool], object],
        empty: object,
        file: str = "a CSV file",
        layout: str = "the CSV layout",
        max_text: int | None = None,
    ) -> None:
        self.text = text
        self.date = date
        self.number = number
        self.flag = flag
        self.empty = empty
        self.file = file
        self.layout = layout
        self.max_text = max_text


def escaped_text(text: str) -> str:
    """``text`` as a cell that `_text` reads back the same and a spreadsheet does not run.

    A leading ``'`` is doubled; a cell a spreadsheet would run as a formula gets one.
    """
    return "'" + text if text.startswith("'") else _spreadsheet_safe(text)


_RECORD_FIELDS = ("sites", "accreditation_body", "last_audit", "level", "score")
"""The certificate's field in each of `RECORD_COLUMNS`."""


def _site_cell(site: Site) -> str:
    cell = f"{site.country}:{site.agents}"
    return cell if site.name is None else f"{cell}:{site.name}"


class _RowWriter:
    """The cells of `vendor_rows`, and the problems found while writing them."""

    __slots__ = ("cells", "problems")

    def __init__(self, cells: Cells) -> None:
        self.cells = cells
        self.problems: list[Problem] = []

    def text(self, value: str, path: tuple[_PathPart, ...]) -> object:
        escaped = escaped_text(value)
        if escaped.strip() != escaped:
            message = (
                f"{describe(value)} starts or ends with a space or line break, which "
                f"{self.cells.file} does not keep; remove it, or write JSON"
            )
            self.problems.append(Problem(path, message))
        limit = self.cells.max_text
        if limit is not None and len(escaped) > limit:
            message = (
                f"{len(escaped):,} characters, over the limit of {limit:,} for a cell of "
                f"{self.cells.file}; write CSV or JSON instead"
            )
            self.problems.append(Problem(path, message))
        return self.cells.text(escaped)

    def optional(self, value: str | None, path: tuple[_PathPart, ...]) -> object:
        return self.cells.empty if not value else self.text(value, path)

    def record(
        self, certificate: HeldCertificate, field: str, where: tuple[_PathPart, ...]
    ) -> object:
        value = getattr(certificate, field)
        if value is None:
            return self.cells.empty
        if isinstance(value, tuple):
            return self.text(";".join(value), (*where, "sites"))
        if isinstance(value, dt.date):
            return self.cells.date(value)
        if isinstance(value, float):
            return self.cells.number(value)
        return self.text(value, (*where, field))

    def certificate(
        self, certificate: HeldCertificate, where: tuple[_PathPart, ...]
    ) -> list[object]:
        """The cells of a certificate, from ``certification`` to ``status``."""
        cells, empty = self.cells, self.cells.empty
        accredited = certificate.accredited
        until = certificate.valid_until
        return [
            self.text(certificate.certification, (*where, "certification")),
            cells.date(certificate.valid_from),
            empty if until is None else cells.date(until),
            self.optional(certificate.certificate_number, (*where, "certificate_number")),
            self.optional(certificate.certifying_body, (*where, "certifying_body")),
            empty if accredited is None else cells.flag(accredited),
            cells.text(certificate.status.value),
        ]


def vendor_rows(vendors: Sequence[Vendor], cells: Cells) -> list[list[object]]:
    """The header, then one row per certificate (a vendor without any has one row).

    Sites are on each row of a vendor; a column ``figure:NAME`` per figure any
    vendor has, by name, its value on the vendor's first row only; each of
    `RECORD_COLUMNS` only when a certificate has it.

    Raises:
        InputError: text that the layout would not read back the same (a space at
            either end, names equal but for case): the file would be wrong.
    """
    writer = _RowWriter(cells)
    figures = sorted({name for vendor in vendors for name in vendor.figures})
    records = [
        (column, field)
        for column, field in zip(RECORD_COLUMNS, _RECORD_FIELDS, strict=True)
        if any(getattr(c, field) is not None for v in vendors for c in v.certificates)
    ]
    rows: list[list[object]] = [
        [*COLUMNS, *(column for column, _ in records), *(FIGURE + name for name in figures)]
    ]
    empty = cells.empty
    folded: dict[str, int] = {}
    for index, vendor in enumerate(vendors):
        path: tuple[_PathPart, ...] = ("vendors", index)
        other = folded.setdefault(_name_key(vendor.name), index)
        if other != index and vendors[other].name != vendor.name:  # equal: the caller's job
            message = (
                f"{vendor.name!r} and vendors[{other}]'s name differ only in case, accents, "
                f"spaces or invisible characters{same_looking(vendor.name, vendors[other].name)}"
                f", which {cells.layout} reads as a typing mistake"
            )
            writer.problems.append(Problem((*path, "name"), message))
        name = writer.text(vendor.name, (*path, "name"))
        sites = ";".join(_site_cell(site) for site in vendor.sites or ())
        site_cell = cells.text(sites) if sites else empty
        values = [
            empty if (figure := vendor.figures.get(n)) is None else cells.number(figure)
            for n in figures
        ]
        if not vendor.certificates:
            rows.append([name, *[empty] * 7, site_cell, *[empty] * len(records), *values])
        for number, certificate in enumerate(vendor.certificates):
            where: tuple[_PathPart, ...] = (*path, "certificates", number)
            rows.append(
                [
                    name,
                    *writer.certificate(certificate, where),
                    site_cell,
                    *(writer.record(certificate, field, where) for _, field in records),
                    *(values if number == 0 else [empty] * len(values)),
                ]
            )
    if writer.problems:
        raise InputError(writer.problems)
    return rows


def _site_key(site: Site) -> tuple[str, int, str]:
    return (site.country, site.agents, site.name or "")


# Notes: what was read as something else -------------------------------------------------

_NOTES: contextvars.ContextVar[list[Problem] | None] = contextvars.ContextVar(
    "callcenter_certs_sheet_notes", default=None
)
"""The notes of the spreadsheet being read (`_note_here` adds to them), per thread."""


def _note_here(message: str) -> None:
    """Note, for the row being read, that a cell was read as something else."""
    notes = _NOTES.get()
    if notes is not None:
        notes.append(Problem((), message))


_RECORDED: contextvars.ContextVar[list[Problem] | None] = contextvars.ContextVar(
    "callcenter_certs_recorded_notes", default=None
)


@contextlib.contextmanager
def noting() -> Iterator[list[Problem]]:
    """Collect the notes of the spreadsheets loaded in the ``with`` block.

    A note says where a cell was read as something other than what it holds: a
    certification's name read as its id (``'LRS'`` as ``'lrs'``), a country's name as
    its code. ``callcenter-certs validate`` lists them, so that nothing changes
    silently. Each note is a [`Problem`][callcenter_certs.Problem] for its place and text.
    """
    notes: list[Problem] = []
    token = _RECORDED.set(notes)
    try:
        yield notes
    finally:
        _RECORDED.reset(token)


# Rows to vendors ----------------------------------------------------------------------


class _Draft:
    """A vendor while its rows are read.

    ``figure_cells``: where each figure was given, its cell as typed and its row.
    """

    __slots__ = (
        "certificate_rows",
        "certificates",
        "figure_cells",
        "figures",
        "name",
        "row",
        "sites",
        "sites_cell",
        "sites_row",
    )

    def __init__(self, name: str, row: int) -> None:
        self.name = name
        self.row = row
        self.certificates: list[HeldCertificate] = []
        self.certificate_rows: list[int] = []
        self.sites: tuple[Site, ...] | None = None
        self.sites_cell: object = None
        self.sites_row = 0
        self.figures: dict[str, float] = {}
        self.figure_cells: dict[str, tuple[object, int]] = {}


class Assembled:
    """Vendors read from rows, the problems met, and where each vendor's cells are.

    ``unbuilt``: ``(row, certification id)`` of certificates left out for a problem,
    whose ids are still to check; ``more_problems``: problems met past
    `MAX_PROBLEMS`, counted, not kept; ``notes``: cells read as something else (a
    name as an id), with their places (see `noting`). The methods give the path of a
    problem the loader finds later (an unknown id, a limit), so that it points at a
    row and column like the others.
    """

    __slots__ = ("_drafts", "more_problems", "notes", "problems", "unbuilt", "vendors")

    def __init__(
        self,
        *,
        vendors: tuple[Vendor, ...],
        problems: tuple[Problem, ...],
        unbuilt: tuple[tuple[int, str], ...],
        drafts: tuple[_Draft, ...],
        more_problems: int = 0,
        notes: tuple[Problem, ...] = (),
    ) -> None:
        self.vendors = vendors
        self.problems = problems
        self.unbuilt = unbuilt
        self._drafts = drafts
        self.more_problems = more_problems
        self.notes = notes

    def vendors_over(self, limit: int) -> tuple[_PathPart, ...]:
        """Where the first vendor over ``limit`` vendors appears."""
        return (f"row {self._drafts[limit].row}", "vendor")

    def certification(self, vendor: int, index: int) -> tuple[_PathPart, ...]:
        """The certification cell of a vendor's certificate."""
        return (f"row {self._drafts[vendor].certificate_rows[index]}", "certification")

    def certificates_over(self, vendor: int, limit: int) -> tuple[_PathPart, ...]:
        """The row of a vendor's first certificate over ``limit``."""
        return self.certification(vendor, limit)

    def sites(self, vendor: int) -> tuple[_PathPart, ...]:
        """The sites cell that declared a vendor's sites."""
        return (f"row {self._drafts[vendor].sites_row}", "sites")


def by_row(problem: Problem) -> tuple[int, int]:
    """Sort key: the row a problem is on, then its column in the layout's order."""
    first = problem.path[0] if problem.path else ""
    if not (isinstance(first, str) and first.startswith("row ")):
        return (0, 0)
    column = problem.path[1] if len(problem.path) > 1 else None
    if isinstance(column, str) and column.startswith(FIGURE):
        return (int(first[4:]), len(_KNOWN))  # after the fixed columns, as written
    return (int(first[4:]), _KNOWN.index(column) if column in _KNOWN else -1)


_Fields = tuple[
    dt.date | None,
    dt.date | None,
    str | None,
    str | None,
    bool | None,
    CertificateStatus | None,
]
"""A certificate's cells, read: ``None`` where a cell is empty, or bad (when read one
by one to report each)."""

_RECORD_READERS: tuple[tuple[str, str, Callable[[object], object]], ...] = (
    ("sites_covered", "sites", _site_names),
    ("accreditation_body", "accreditation_body", _optional_text),
    ("last_audit", "last_audit", _date),
    ("level", "level", _optional_text),
    ("score", "score", _number),
)
"""Each of `RECORD_COLUMNS`: its column, the certificate's field, how its cell reads."""


def _certificate_fields(values: dict[str, object]) -> _Fields:
    """The certificate's cells, read at once; the first bad one raises."""
    get = values.get
    return (
        _date(get("valid_from")),
        _date(get("valid_until")),
        _optional_text(get("certificate_number")),
        _optional_text(get("certifying_body")),
        _accredited(get("accredited")),
        _status(get("status")),
    )


def _header_problems(number: int, cells: Sequence[object]) -> tuple[list[str | None], _Capped]:
    """The column of each cell position (``None``: a cell without a header), and the problems."""
    where: tuple[_PathPart, ...] = (f"row {number}",)
    columns: list[str | None] = []
    named: set[str] = set()  # a set: a header of 100,000 cells is checked in linear time
    problems = _Capped()  # a header of a million repeated columns: 1,000 problems kept
    written: list[str] = []
    # Without a vendor column, an unknown one is more likely it than a figure's.
    has_vendor = any(
        _HEADERS.get(_word_key(_text(c)), _text(c).casefold()) == "vendor" for c in cells
    )
    for cell in cells:
        name = _text(cell).casefold()
        if not name:
            columns.append(None)
            continue
        written.append(_text(cell))
        if name.startswith(FIGURE):
            figure = name.removeprefix(FIGURE).strip()
            if not _FIGURE_NAME.fullmatch(figure):
                message = (
                    f"{figure!r} is not a figure name (a lowercase letter, then a-z, 0-9 or _); "
                    f"write {FIGURE}NAME, e.g. {FIGURE}price"
                )
                problems.append(Problem((*where, name), message))
            name = FIGURE + figure
            if name in named:
                problems.append(Problem(where, f"column {name!r} appears twice in the header"))
        elif name not in _KNOWN and (name := _HEADERS.get(_word_key(name), name)) not in _KNOWN:
            close = _close_headers(_word_key(name))
            figure = name.strip().lower().replace(" ", "_")
            hint = (  # "prix": the tender's price, written without its prefix
                f"; if it holds a figure (a price, a mark), head it {FIGURE}{figure}"
                if not close and has_vendor and _FIGURE_NAME.fullmatch(figure)
                else _did_you_mean(close)
            )
            message = (
                f"unknown column {name!r}; allowed columns: {_ALLOWED_AND_FIGURES}, or their "
                f"French headers (fournisseur, date de début...){hint}"
            )
            problems.append(Problem(where, message))
        elif name in named:
            problems.append(Problem(where, f"column {name!r} appears twice in the header"))
        columns.append(name)
        named.add(name)
    if "vendor" not in named:
        found = ", ".join(map(repr, written[:_COLUMNS_SHOWN])) or "none"
        if len(written) > _COLUMNS_SHOWN:
            found += f" and {len(written) - _COLUMNS_SHOWN:,} more"
        message = (
            f"no 'vendor' column in the header (its columns: {found}); name the column of "
            "the vendors' names 'vendor' or 'fournisseur'"
        )
        problems.append(Problem(where, message))
    return columns, problems


_COLUMNS_SHOWN = 20


def _close_headers(key: str) -> list[str]:
    """The headers, English or French, closest to an unknown one's key; those it begins first."""
    starting = [spelling for known, spelling in _HEADER_SPELLINGS.items() if known.startswith(key)]
    close = [_HEADER_SPELLINGS[known] for known in _close_matches(key, _HEADER_SPELLINGS, n=2)]
    return list(dict.fromkeys([*starting, *close]))[:2] if key else []


def _header(number: int, cells: Sequence[object]) -> list[str | None]:
    """The column of each cell position (``None``: a cell without a header)."""
    columns, problems = _header_problems(number, cells)
    if problems:
        raise InputError(problems.listed())
    return columns


def is_header(cells: Sequence[object]) -> bool:
    """Whether ``cells`` are a header row that `assemble` takes, without a problem."""
    return not _header_problems(1, cells)[1]


class _Assembler:
    """Reads rows one at a time into vendor drafts, collecting every problem."""

    def __init__(
        self,
        columns: list[str | None],
        resolve: Callable[[str], str | None] | None = None,
        extra_hint: str = "",
        limits: Limits = _DEFAULT_LIMITS,
    ) -> None:
        self.columns = columns
        self.resolve = resolve
        """The id of a certification as written (`Catalog.resolve`); ``None``: ids as they are."""
        self.resolved: dict[str, str | None] = {}
        self.extra_hint = extra_hint
        self.notes: list[Problem] = []
        self.named = [c for c in columns if c is not None]
        self.all_named = len(self.named) == len(columns)
        self.figures = [c for c in self.named if c.startswith(FIGURE)]
        self.limits = limits
        self.records = [
            (column, field, functools.partial(_site_names, most=limits.max_sites_per_vendor))
            if read is _site_names
            else (column, field, read)
            for column, field, read in _RECORD_READERS
            if column in self.named
        ]
        """The register's columns of this header: read only then (most files have none)."""
        self.drafts: dict[str, _Draft] = {}
        self.folded: dict[str, str] = {}
        self.problems: _Capped = _Capped()
        self.unbuilt: list[tuple[int, str]] = []
        self.too_many: set[str] = set()
        """Vendors past the certificate limit: their next certificates are dropped."""

    def problem(self, number: int, column: str | None, message: str) -> None:
        path: tuple[_PathPart, ...] = (
            (f"row {number}",) if column is None else (f"row {number}", column)
        )
        self.problems.append(Problem(path, message))

    def _error_cells(self, number: int, values: dict[str, object]) -> bool:
        """Each error cell reported with its column, then read as empty; whether any was."""
        found = False
        for column, cell in values.items():
            if isinstance(cell, CellError):
                self.problem(number, column, cell.message)
                values[column] = None
                found = True
        return found

    def _values(self, number: int, cells: Sequence[object]) -> dict[str, object]:
        """The row's cells by column; a cell past the header's columns is a problem."""
        values: dict[str, object] = {}
        width = len(self.columns)
        extra = len(cells) - width
        if extra > 0 and cells[width:].count(None) == extra:
            # A workbook row may run to its last formatted cell, thousands of empty cells
            # past the header: dropped at C speed.
            cells = cells[:width]
        if len(cells) <= width and self.all_named:
            return dict(zip(self.named, cells, strict=False))  # short rows: empty cells
        for position, cell in enumerate(cells):
            column = self.columns[position] if position < len(self.columns) else None
            if column is not None:
                values[column] = cell
            elif not _blank(cell):
                message = (
                    f"{describe(cell)} is in a column that the header does not name"
                    f"{self.extra_hint}"
                )
                self.problem(number, None, message)
        return values

    def row(self, number: int, cells: Sequence[object]) -> None:
        values = self._values(number, cells)
        if self._error_cells(number, values):
            return  # the row's other cells are read once its formulas are fixed
        if all(_blank(cell) for cell in values.values()):
            return
        draft = self._draft(number, values.get("vendor"))
        if draft is None:
            return
        if len(self.drafts) > self.limits.max_vendors:  # this row's vendor is one too many
            limit = self.limits.max_vendors
            message = beyond(f"vendor {limit + 1:,}", limit, "vendors", "max_vendors")
            raise _OverLimitError("vendor", message)
        self._sites(number, draft, values.get("sites"))
        for column in self.figures:
            self._figure(number, draft, column, values.get(column))
        self._certificate(number, draft, values)

    def _draft(self, number: int, cell: object) -> _Draft | None:
        name = _text(cell)
        if (draft := self.drafts.get(name)) is not None:
            return draft
        if not name:
            self.problem(number, "vendor", "empty; every row needs the vendor's name")
            return None
        if (problem := text_problem(name) or line_problem(name)) is not None:
            self.problem(number, "vendor", problem)
            return None
        known = self.folded.setdefault(_name_key(name), name)
        if known != name:
            message = (
                f"{name!r} differs from {known!r} on row {self.drafts[known].row} only in "
                f"case, accents, spaces or invisible characters{same_looking(name, known)}; "
                "write a vendor's name the same way on each of its rows"
            )
            self.problem(number, "vendor", message)
            return None
        return self.drafts.setdefault(name, _Draft(name, number))

    def _sites(self, number: int, draft: _Draft, cell: object) -> None:
        if draft.sites is not None and cell == draft.sites_cell:
            return  # the same text as on the vendor's row that declared them
        try:
            sites = self._noted(
                number,
                "sites",
                functools.partial(_sites, most=self.limits.max_sites_per_vendor),
                cell,
            )
        except _CellError as error:
            self.problem(number, "sites", str(error))
            return
        if sites is None:
            return
        if draft.sites is None:
            draft.sites, draft.sites_cell, draft.sites_row = sites, cell, number
        elif sorted(sites, key=_site_key) != sorted(draft.sites, key=_site_key):
            message = (
                f"{describe(cell)} differs from {describe(draft.sites_cell)} on row "
                f"{draft.sites_row} for {draft.name!r}; give a vendor's sites on one row, "
                "or the same on each"
            )
            self.problem(number, "sites", message)

    def _noted(self, number: int, column: str, read: Callable[[object], T], cell: object) -> T:
        """``read(cell)``, its notes (`_note_here`) kept with their place."""
        notes: list[Problem] = []
        token = _NOTES.set(notes)
        try:
            return read(cell)
        finally:
            _NOTES.reset(token)
            self.notes.extend(note.prefixed((f"row {number}", column)) for note in notes)

    def _certification(self, number: int, written: str) -> str:
        """The id of the certification cell, noted when written another way."""
        if self.resolve is None:
            return written
        if written not in self.resolved:
            self.resolved[written] = self.resolve(written)
        resolved = self.resolved[written]
        if resolved is None or resolved == written:
            return written  # an unknown id is reported with the others, later
        message = f"{written!r} is read as the certification id {resolved!r}"
        self.notes.append(Problem((f"row {number}", "certification"), message))
        return resolved

    def _figure(self, number: int, draft: _Draft, column: str, cell: object) -> None:
        try:
            value = _number(cell)
        except _CellError as error:
            self.problem(number, column, str(error))
            return
        if value is None:
            return
        name = column.removeprefix(FIGURE)
        known = draft.figures.setdefault(name, value)
        if name not in draft.figure_cells:
            draft.figure_cells[name] = (cell, number)
        elif known != value:
            first, row = draft.figure_cells[name]
            message = (
                f"{describe(cell)} differs from {describe(first)} on row {row} for "
                f"{draft.name!r}; give a vendor's {name} on one row, or the same on each"
            )
            self.problem(number, column, message)

    def _certificate(self, number: int, draft: _Draft, values: dict[str, object]) -> None:
        certification = _text(values.get("certification"))
        if certification:
            certification = self._certification(number, certification)
        if not certification:
            filled = [c for c in _CERTIFICATE_COLUMNS if not _blank(values.get(c))]
            if filled:
                message = (
                    f"empty, but {', '.join(filled)} {'is' if len(filled) == 1 else 'are'} "
                    "filled in; give the certification id, or clear the certificate's cells"
                )
                self.problem(number, "certification", message)
            return
        before = len(self.problems)
        try:
            fields = _certificate_fields(values)
        except _CellError:  # read again, cell by cell, to report every bad one
            fields = self._certificate_fields(number, values)
        valid_from, valid_until, certificate_number, certifying_body, accredited, status = fields
        record = {
            field: self._read(number, values, column, read) for column, field, read in self.records
        }
        if valid_from is None and _blank(values.get("valid_from")):
            self.problem(number, "valid_from", f"empty; a certificate needs its date ({_DATES})")
        if valid_from is not None:
            # Built even when another cell is bad, so that its own checks (valid_until
            # after valid_from) are reported in the same run.
            try:
                certificate = HeldCertificate(
                    certification,
                    valid_from,
                    valid_until,
                    certificate_number=certificate_number,
                    certifying_body=certifying_body,
                    accredited=accredited,
                    status=status or CertificateStatus.ACTIVE,
                    **record,  # type: ignore[arg-type]  # each cell read as its field needs
                )
            except InputError as error:
                self.problems.extend(p.prefixed((f"row {number}",)) for p in error.problems)
        if len(self.problems) > before:
            self.unbuilt.append((number, certification))
            return
        if len(draft.certificates) >= self.limits.max_certificates_per_vendor:
            self._too_many(number, draft)
            return
        draft.certificates.append(certificate)
        draft.certificate_rows.append(number)

    def _too_many(self, number: int, draft: _Draft) -> None:
        """A certificate past the limit: one problem per vendor, the others dropped."""
        if draft.name not in self.too_many:
            self.too_many.add(draft.name)
            limit = self.limits.max_certificates_per_vendor
            subject = f"certificate {limit + 1:,} of {draft.name!r}"
            message = beyond(subject, limit, "per vendor", "max_certificates_per_vendor")
            self.problem(number, "certification", message)

    def refusal(self, number: int, error: _OverLimitError) -> InputError:
        """The file refused at row ``number`` for a limit, with the problems met before."""
        return _refusal(self.problems, number, error)

    def check_sites_covered(self, draft: _Draft) -> None:
        """Leave out, with a problem, a certificate naming a site its vendor does not declare."""
        names = {site.name for site in draft.sites or () if site.name is not None}
        declared = ", ".join(map(repr, sorted(names))) or "none"
        kept: list[tuple[HeldCertificate, int]] = []
        for certificate, number in zip(draft.certificates, draft.certificate_rows, strict=True):
            unknown = [name for name in certificate.sites or () if name not in names]
            if unknown:
                message = (
                    f"names {', '.join(map(repr, unknown))}, not a site the vendor declares in "
                    f"its sites cell (COUNTRY:AGENTS:NAME; its named sites: {declared})"
                )
                self.problem(number, "sites_covered", message)
                self.unbuilt.append((number, certificate.certification))
            else:
                kept.append((certificate, number))
        if len(kept) < len(draft.certificates):
            draft.certificates = [c for c, _ in kept]
            draft.certificate_rows = [n for _, n in kept]

    def _certificate_fields(self, number: int, values: dict[str, object]) -> _Fields:
        return (
            self._read(number, values, "valid_from", _date),
            self._read(number, values, "valid_until", _date),
            self._read(number, values, "certificate_number", _optional_text),
            self._read(number, values, "certifying_body", _optional_text),
            self._read(number, values, "accredited", _accredited),
            self._read(number, values, "status", _status),
        )

    def _read(
        self, number: int, values: dict[str, object], column: str, read: Callable[[object], T]
    ) -> T | None:
        """The cell read, or ``None`` after recording why it cannot be."""
        try:
            return read(values.get(column))
        except _CellError as error:
            self.problem(number, column, str(error))
            return None


def _refusal(problems: _Capped, number: int, error: _OverLimitError) -> InputError:
    """A limit passed on row ``number``: that problem, after those met before it."""
    path: tuple[_PathPart, ...] = (f"row {number}",)
    if error.column is not None:
        path = (*path, error.column)
    listed = sorted([*problems[:], Problem(path, str(error))], key=by_row)
    if problems.more:
        listed.append(_not_listed(problems.more))
    return InputError(listed)


def assemble(
    rows: Iterable[tuple[int, Sequence[object]]],
    *,
    empty: str,
    resolve: Callable[[str], str | None] | None = None,
    extra_hint: str = "",
    limits: Limits = _DEFAULT_LIMITS,
) -> Assembled:
    """Vendors from numbered rows, the first non-blank one being the header.

    The counts the limits bound are kept while reading: cells (an empty row counts
    as one), vendors, a vendor's certificates and the sites of a cell. The first one
    past its limit refuses the file there, without reading the rows after it.

    Args:
        rows: ``(row number, cells)`` pairs, in order.
        empty: what to call the input when it has no header, e.g. ``"empty file"``.
        resolve: the id of a certification as written (`Catalog.resolve`), for names
            and aliases; ``None``: the cells hold ids.
        extra_hint: added to the problem of a cell past the header's columns (a CSV
            file separated by ``;`` says to quote a ``sites`` cell).
        limits: the limits counted.

    Raises:
        InputError: no header row, a header naming an unknown or repeated column, or
            a limit passed; problems in the other rows are returned, for the loader
            to report with its own.
    """
    assembler: _Assembler | None = None
    cells_read, most = 0, limits.max_cells
    for number, cells in rows:
        cells_read += len(cells) or 1
        if cells_read > most:
            message = beyond(f"cell {most + 1:,}", most, "cells", "max_cells")
            refused = _OverLimitError(None, message)
            if assembler is None:
                raise _refusal(_Capped(), number, refused)
            raise assembler.refusal(number, refused)
        if assembler is not None:
            try:
                assembler.row(number, cells)
            except _OverLimitError as error:
                raise assembler.refusal(number, error) from None
        elif not all(map(_blank, cells)):
            assembler = _Assembler(_header(number, cells), resolve, extra_hint, limits)
    if assembler is None:
        raise InputError(f"{empty}: {EMPTY}")
    drafts = tuple(assembler.drafts.values())
    for draft in drafts:
        assembler.check_sites_covered(draft)
    vendors = tuple(Vendor(d.name, d.certificates, d.sites, d.figures) for d in drafts)
    return Assembled(
        vendors=vendors,
        problems=tuple(assembler.problems),
        unbuilt=tuple(assembler.unbuilt),
        drafts=drafts,
        more_problems=assembler.problems.more,
        notes=tuple(assembler.notes),
    )


def sheet_vendors(
    assembled: Assembled, checks: Checks, where: tuple[_PathPart, ...] = ()
) -> list[Vendor]:
    """The vendors of assembled rows, or one InputError listing every problem by row.

    ``where``: the place of the rows in the file (a workbook's sheet), before each
    note's row (see `noting`).
    """
    problems = _Capped(assembled.more_problems)
    problems.extend(assembled.problems)
    problems.extend(checks.vendors(len(assembled.vendors), assembled))
    for index, vendor in enumerate(assembled.vendors):
        problems.extend(checks.vendor(index, vendor, assembled))
    for row, cid in assembled.unbuilt:
        if cid not in checks.known:
            problems.extend(checks.unknown(cid, (f"row {row}", "certification")))
    if problems:
        listed = sorted(problems[:], key=by_row)
        if problems.more:
            listed.append(_not_listed(problems.more))
        raise InputError(listed)
    if assembled.notes and (recorded := _RECORDED.get()) is not None:
        recorded.extend(note.prefixed(where) for note in sorted(assembled.notes, key=by_row))
    return list(assembled.vendors)
