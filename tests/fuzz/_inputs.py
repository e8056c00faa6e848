"""Input files for fuzzing: valid documents, their mutations, and writers for each format.

The strategies start from valid records (``callcenter_certs.strategies``), write them in
one of the file formats, and may break them: a wrong type at a field, a huge number,
NaN, a date out of range, an unknown key, a key given twice, deep nesting, a BOM,
bytes that are not UTF-8. ``fuzz/`` and ``tests/fuzz/`` share them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import string
from collections.abc import Callable
from typing import Any, Literal

import attrs
from hypothesis import strategies as st

from callcenter_certs import (
    CATALOG,
    Better,
    BuyerCriteria,
    Catalog,
    Figure,
    HeldCertificate,
    Scoring,
    Vendor,
    converter,
)
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.formats.csv import _write_csv
from callcenter_certs.strategies import buyer_criteria, certifications, vendors

# Raw tokens and documents ---------------------------------------------------------------


class Raw(str):
    """Text written as it is into a JSON or TOML document: a token no value gives."""

    __slots__ = ()


class Pairs(list[tuple[str, Any]]):
    """An object written from pairs, so that a key may come twice."""


def deep(levels: int, kind: str = "[") -> Raw:
    """``levels`` nested lists (``[``) or objects (``{``)."""
    if kind == "[":
        return Raw("[" * levels + "]" * levels)
    return Raw('{"a":' * levels + "1" + "}" * levels)


HUGE_INTEGERS = (
    Raw("1" + "0" * 400),  # parses: a 401-digit int, too large for a float
    Raw("-" + "9" * 4300),  # the most digits int() reads
    Raw("1" + "0" * 4300),  # one more: int() refuses it
    Raw("1e400"),  # a float: inf
    Raw("-1e400"),
    Raw("1" + "0" * 20),
)

DATE_TEXTS = (
    "0000-01-01",
    "0001-01-01",
    "0001-01-02",
    "9999-12-31",
    "9999-12-30",
    "9998-02-28",
    "10000-01-01",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-1-1",
    "31/12/9999",
    "1/1/1",
    "01/01/0001",
    "29/02/2023",
    "2024-01-01T10:00:00",
    "2024-01-01 ",
    "2024-01-01\n",
    "\uff12\uff10\uff12\uff14-01-01",  # full-width digits
)

CELL_TEXTS = (
    *DATE_TEXTS,
    "",
    " ",
    "\t",
    "FR:1",
    "FR:120;RE:40",
    "FR:1;;",
    ";",
    ":",
    "FR:",
    ":12",
    "FR:12.0",
    "FR:-1",
    "FR:1e3",
    "FR:1000000",
    "FR:1000001",
    "FR:99999999999999999999",
    "\u00df:12",  # 'ß'.upper() == 'SS', South Sudan
    "f\u0131:3",  # a dotless i, which upper-cases to an ASCII I: 'FI'
    "fr:1",
    "XX:1",
    "FR:1;FR:1",
    "=1+1",
    "+33 1 23",
    "-1",
    "@SUM(A1)",
    "'=x",
    "''",
    "'",
    "\t=x",
    "\r=x",
    "=cmd|' /C calc'!A0",
    "true",
    "FALSE",
    "Oui",
    "non",
    "2",
    "Suspended",
    "actif",
    "\u017fuspended",  # long s: casefolds to 's'
    "nf-345",
    "NF-345",
    "1 180 000,50",
    "1\u00a0180\u00a0000",
    "15,5",
    "1,180,000",
    "1e400",
    "12 \u20ac",
    "iso-9001 ",
    "iso-18259-1",
    "A\x00",
    "\x1b[31mred",
    "\u2028",
    "\ufeffvendor",
    "\u00e9",
    "x" * 1_000,
    '"',
    '","',
    "a;b",
    "a,b",
    "a\nb",
    "a\rb",
    "vendor",
    "sites",
)

CELLS = st.one_of(
    st.sampled_from(CELL_TEXTS),
    st.text(max_size=30),
    st.text(string.ascii_letters + "-", min_size=1, max_size=12),
)
"""Text a UTF-8 file can hold."""
TEXTS = CELLS | st.just("\ud800")  # a lone surrogate: JSON's \ud800 escape gives one

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 1_000_000, 1_000_001, 2**63, -(2**63), 10**15]),
    st.floats(),
    st.sampled_from([12.0, 0.5, 1e300, -0.0, math.inf, -math.inf, math.nan]),
    st.sampled_from(HUGE_INTEGERS),
    TEXTS,
    st.dates(min_value=dt.date.min, max_value=dt.date.max).map(dt.date.isoformat),
)

NASTY = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(TEXTS, SCALARS, max_size=3),
    st.sampled_from([1, 2, 4, 5, 6, 63, 64, 65, 200, 2_000, 100_000]).flatmap(
        lambda n: st.sampled_from([deep(n), deep(n, "{")])
    ),
)
"""A value of any type or form, for any field."""


# Mutations ------------------------------------------------------------------------------

Path = tuple[str | int, ...]


def _places(doc: Any, path: Path = ()) -> list[Path]:
    """Every key or index path in ``doc`` below the root, parents first."""
    places: list[Path] = []
    if isinstance(doc, dict):
        items: Any = doc.items()
    elif isinstance(doc, list) and not isinstance(doc, Pairs):
        items = enumerate(doc)
    else:
        return places
    for key, child in items:
        places.append((*path, key))
        places.extend(_places(child, (*path, key)))
    return places


def _containers(doc: Any, path: Path = ()) -> list[Path]:
    found = [path] if isinstance(doc, dict) else []
    if isinstance(doc, dict):
        for key, child in doc.items():
            found.extend(_containers(child, (*path, key)))
    elif isinstance(doc, list) and not isinstance(doc, Pairs):
        for index, child in enumerate(doc):
            found.extend(_containers(child, (*path, index)))
    return found


def _get(doc: Any, path: Path) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _constant(new: object) -> Callable[[Any], object]:
    """A replacement that ignores the value it replaces."""
    return lambda _: new


def _replace(doc: Any, path: Path, make: Callable[[Any], Any]) -> Any:
    """``doc`` with the value at ``path`` replaced by ``make(value)``, copied on the way."""
    if not path:
        return make(doc)
    head, rest = path[0], path[1:]
    if isinstance(doc, dict):
        copy: Any = dict(doc)
    else:
        copy = list(doc)
    copy[head] = _replace(doc[head], rest, make)
    return copy


_DELETED = object()


def _without(doc: Any, path: Path) -> Any:
    parent = _get(doc, path[:-1])
    if isinstance(parent, dict):
        smaller: Any = {k: v for k, v in parent.items() if k != path[-1]}
    else:
        smaller = [v for i, v in enumerate(parent) if i != path[-1]]
    return _replace(doc, path[:-1], lambda _: smaller)


@st.composite
def mutations(draw: st.DrawFn, doc: Any, *, max_mutations: int = 3) -> tuple[Any, list[Path]]:
    """``doc`` broken in up to ``max_mutations`` places, and where.

    No place means the document is still the valid one.
    """
    places: list[Path] = []
    for _ in range(draw(st.integers(0, max_mutations))):
        kind = draw(st.sampled_from(["value", "value", "delete", "unknown", "twice", "wrap"]))
        if kind in {"unknown", "twice"}:
            containers = _containers(doc)
            if not containers:
                continue
            where = draw(st.sampled_from(containers))
            key = draw(st.sampled_from(sorted(_get(doc, where)) or ["x"]) | TEXTS)
            value = draw(NASTY)

            def extend(table: Any, key: str = key, value: Any = value, kind: str = kind) -> Any:
                pairs = Pairs(table.items())
                if kind == "twice" or key not in table:
                    pairs.append((key, value))
                return pairs

            doc = _replace(doc, where, extend)
            places.append((*where, key))
            continue
        candidates = _places(doc)
        if not candidates:
            continue
        where = draw(st.sampled_from(candidates))
        if kind == "delete":
            doc = _without(doc, where)
        elif kind == "wrap":
            doc = _replace(doc, where, lambda value: [value])
        else:
            new = draw(NASTY)
            doc = _replace(doc, where, _constant(new))
        places.append(where)
    return doc, places


# Writers --------------------------------------------------------------------------------


def json_text(value: Any, *, ascii_only: bool = False) -> str:  # noqa: PLR0911 - one per type
    """JSON of ``value``, with raw tokens, duplicate keys, NaN and Infinity as they are."""
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value)  # NaN, Infinity: the parser must refuse them
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=ascii_only)
    if isinstance(value, dt.date | dt.time):
        return json.dumps(value.isoformat())
    if isinstance(value, dict | Pairs):
        pairs = value.items() if isinstance(value, dict) else value
        inner = ",".join(
            f"{json_text(str(k), ascii_only=ascii_only)}:{json_text(v, ascii_only=ascii_only)}"
            for k, v in pairs
        )
        return "{" + inner + "}"
    return "[" + ",".join(json_text(item, ascii_only=ascii_only) for item in value) + "]"


def _toml_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def toml_value(value: Any) -> str | None:  # noqa: C901, PLR0911 - one branch per type
    """A TOML value (``None``: TOML has no null, the key is left out)."""
    if isinstance(value, Raw):
        text = str(value)
        return text.replace('{"a":', "{a = ") if text.startswith("{") else text
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict | Pairs):
        pairs = value.items() if isinstance(value, dict) else value
        entries = [(k, toml_value(v)) for k, v in pairs]
        return "{" + ", ".join(f"{_toml_key(str(k))} = {v}" for k, v in entries if v) + "}"
    items = [toml_value(item) for item in value]
    return "[" + ", ".join(item for item in items if item is not None) + "]"


def toml_text(doc: Any) -> str:
    """A TOML document of a table (or of something else, which TOML cannot hold)."""
    if not isinstance(doc, dict | Pairs):
        return f"value = {toml_value(doc)}\n"
    pairs = doc.items() if isinstance(doc, dict) else doc
    lines = []
    for key, value in pairs:
        text = toml_value(value)
        if text is not None:
            lines.append(f"{_toml_key(str(key))} = {text}")
    return "\n".join(lines) + "\n"


TOML_EXTRAS = st.sampled_from(
    [
        "",
        "x.y.z = 1",
        "weights.csr = 1",
        "[weights]\ncsr = 2",
        "valid_through = 0000-01-01",
        "valid_through = 9999-12-31",
        "valid_through = 1979-05-27T07:32:00Z",
        "valid_through = 1979-05-27T07:32:00",
        "valid_through = 07:32:00",
        "weights.csr = 1" + "0" * 5_000,
        "weights.csr = 0x" + "f" * 5_000,
        "weights.csr = nan",
        "weights.csr = -inf",
        "required = " + "[" * 100 + "]" * 100,
        "required = " + "[" * 5_000,
        ".".join(["a"] * 100) + " = 1",
        "weights." + ".".join(["a"] * 3_000) + " = 1",
        "[" + ".".join(["t"] * 70) + "]",
        'required = ["\\ud800"]',
        "csr = 'prefer'\ncsr = 'require'",
        '[figures.price]\nscoring = "propotional"',
        "[figures.csr]\nout_of = 20",
        "figures = []",
        "[figures.Prix]\nout_of = 20",
    ]
)
"""Lines only TOML can hold: dotted keys, tables, dates and times, hex integers."""


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """``text`` as bytes: UTF-8, with or without a BOM, sometimes broken."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the file is not UTF-8
        data = text.encode("utf-8", "surrogatepass")
    how = draw(st.sampled_from(["plain", "plain", "plain", "bom", "bom2", "latin", "flip"]))
    if how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "bom2":
        data = b"\xef\xbb\xbf\xef\xbb\xbf" + data
    elif how == "latin":
        data = text.encode("latin-1", "replace")
    elif how == "flip" and data:
        index = draw(st.integers(0, len(data) - 1))
        byte = draw(st.integers(0, 255))
        data = data[:index] + bytes([byte]) + data[index + 1 :]
    return data


# Documents ------------------------------------------------------------------------------

_NAMES = st.text(
    string.ascii_letters + string.digits + " -'\u00e9\u00e8=+@", min_size=1, max_size=15
).filter(lambda name: name.strip() == name)


def _stripped(certificate: HeldCertificate) -> HeldCertificate:
    """The certificate as a CSV file can hold it: no space at either end of a text."""
    return attrs.evolve(
        certificate,
        certificate_number=(certificate.certificate_number or "").strip() or None,
        certifying_body=(certificate.certifying_body or "").strip() or None,
    )


FIGURES = st.dictionaries(
    st.sampled_from(["price", "technical"]),
    st.floats(-1e15, 1e15, allow_nan=False) | st.sampled_from([0, 15.5, 1_180_000.5, 1e300]),
    max_size=2,
)
"""A vendor's figures: a price and a mark, or some of them, or none."""


@st.composite
def vendor_lists(draw: st.DrawFn, *, max_size: int = 4) -> list[Vendor]:
    """Valid vendors that every format can hold, with unique names (in any case)."""
    names = draw(st.lists(_NAMES, max_size=max_size, unique_by=_name_key))
    listed = [draw(vendors(name=st.just(name), max_certificates=3)) for name in names]
    return [
        attrs.evolve(
            vendor,
            certificates=tuple(map(_stripped, vendor.certificates)),
            figures=draw(FIGURES),
        )
        for vendor in listed
    ]


_AWARD_FIGURES = (
    Figure("price", Better.LOWER, Scoring.PROPORTIONAL, abnormally_low=0.8),
    Figure("technical", out_of=20, minimum=10),
    Figure("delay", Better.LOWER, Scoring.LINEAR, maximum=30),
)


@st.composite
def award_criteria(draw: st.DrawFn) -> BuyerCriteria:
    """Valid criteria, now and then with figures (a [figures.NAME] table each) and weights."""
    criteria = draw(buyer_criteria())
    found = draw(st.lists(st.sampled_from(_AWARD_FIGURES), max_size=3, unique_by=lambda f: f.name))
    weights = {f.name: draw(st.floats(0, 100)) for f in found if draw(st.booleans())}
    return attrs.evolve(criteria, figures=found, weights={**criteria.weights, **weights})


def vendors_document(listed: list[Vendor]) -> dict[str, Any]:
    return {"vendors": [converter.unstructure(vendor, Vendor) for vendor in listed]}


def csv_rows(listed: list[Vendor]) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_write_csv(listed), newline="")))


@st.composite
def csv_texts(draw: st.DrawFn, rows: list[list[str]]) -> str:
    """Rows as CSV text, with either delimiter and either line ending."""
    out = io.StringIO()
    delimiter = draw(st.sampled_from([",", ";"]))
    terminator = draw(st.sampled_from(["\n", "\r\n"]))
    quoting: Literal[0, 1] = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    writer = csv.writer(out, delimiter=delimiter, lineterminator=terminator, quoting=quoting)
    writer.writerows(rows)
    return out.getvalue()


@st.composite
def mutated_rows(  # noqa: C901 - one branch per kind of mutation
    draw: st.DrawFn, rows: list[list[str]]
) -> tuple[list[list[str]], int]:
    """Rows with up to three cells, rows or columns broken; and how many."""
    rows = [list(row) for row in rows]
    count = draw(st.integers(0, 3))
    for _ in range(count):
        if not rows or not rows[0]:
            break
        kind = draw(st.sampled_from(["cell", "cell", "cell", "header", "row", "column"]))
        number = draw(st.integers(0, len(rows) - 1))
        if kind == "cell" and rows[number]:
            column = draw(st.integers(0, len(rows[number]) - 1))
            rows[number][column] = draw(CELLS)
        elif kind == "header":
            rows[0][draw(st.integers(0, len(rows[0]) - 1))] = draw(
                st.sampled_from(
                    [
                        "",
                        "Vendor ",
                        "VALID_FROM",
                        "valid_unitl",
                        "sites",
                        "x",
                        "Figure:Price",
                        "figure:Prix",
                    ]
                )
            )
        elif kind == "row":
            action = draw(st.sampled_from(["drop", "repeat", "blank", "short", "long"]))
            if action == "drop" and number:
                del rows[number]
            elif action == "repeat":
                rows.insert(number, list(rows[number]))
            elif action == "blank":
                rows.insert(number, [])
            elif action == "short":
                rows[number] = rows[number][: draw(st.integers(0, len(rows[number])))]
            else:
                rows[number] = [*rows[number], draw(st.sampled_from(["", "x", " "]))]
        elif kind == "column":
            column = draw(st.integers(0, len(rows[0]) - 1))
            rows = [[c for i, c in enumerate(row) if i != column] for row in rows]
    return rows, count


def criteria_document(criteria: BuyerCriteria) -> dict[str, Any]:
    data: dict[str, Any] = converter.unstructure(criteria, BuyerCriteria)
    return {key: value for key, value in data.items() if value is not None}


def catalogue_document(catalog: Catalog) -> dict[str, Any]:
    document: dict[str, Any] = converter.unstructure(catalog, Catalog)
    return document


@st.composite
def small_catalogs(draw: st.DrawFn) -> Catalog:
    """A valid catalogue of one to three entries of unique ids, none of the built-in ones."""
    entries = draw(st.lists(certifications(), min_size=1, max_size=3, unique_by=lambda c: c.id))
    entries = [e for e in entries if e.id not in CATALOG] or [
        attrs.evolve(entries[0], id="fuzz-label")
    ]
    return Catalog(entries, "fuzz")


__all__ = [
    "CELLS",
    "CELL_TEXTS",
    "DATE_TEXTS",
    "FIGURES",
    "HUGE_INTEGERS",
    "NASTY",
    "TEXTS",
    "TOML_EXTRAS",
    "Pairs",
    "Raw",
    "award_criteria",
    "buyer_criteria",
    "catalogue_document",
    "criteria_document",
    "csv_rows",
    "csv_texts",
    "deep",
    "encoded",
    "json_text",
    "mutated_rows",
    "mutations",
    "small_catalogs",
    "toml_text",
    "toml_value",
    "vendor_lists",
    "vendors_document",
]
