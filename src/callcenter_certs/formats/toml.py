"""TOML files (``.toml``): criteria and catalogues.

Read with the standard library (``tomllib``); written by hand, since it does not
write TOML: enough TOML for a flat attrs record such as the buyer's criteria
(strings, numbers, booleans, dates, arrays of those, tables of them, and tables of
such tables, the criteria's ``[figures.price]``), with no new dependency.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from callcenter_certs._converter import CONVERTER
from callcenter_certs._text import describe
from callcenter_certs.criteria import BuyerCriteria
from callcenter_certs.files import Limits, _parse_toml, _read_text

__all__ = ["read_data", "write_criteria"]


def __dir__() -> list[str]:
    return __all__


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
# A pattern's text: `re` compiles it when first used, not at every start-up.
_BARE_KEY = r"[A-Za-z0-9_-]+"


def _string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char < " " or char == "\x7f":  # control characters must be escaped in TOML
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    return key if re.fullmatch(_BARE_KEY, key) else _string(key)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)  # finite, validated: repr is valid TOML and exact
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dt.date):
        return value.isoformat()  # a TOML local date
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(_value, value)) + "]"
    msg = f"{describe(value)} has no TOML form here"
    raise TypeError(msg)


def _dumps(record: Any) -> str:
    """A flat attrs record as TOML: fields in order, ``None`` left out, tables last.

    TOML has no null, so a ``None`` field is left out and takes its default (``None``)
    when read back; a date is a TOML local date, not a string. A table of tables is
    written as one ``[name.key]`` table per entry, in order.
    """
    cls = type(record)
    data = CONVERTER.unstructure(record, cls)
    lines: list[str] = []
    tables: list[tuple[str, Mapping[str, object]]] = []
    for field in attrs.fields(cls):
        value = data.get(field.name)  # a field left out when empty is missing
        if value is None:
            continue
        if isinstance(value, Mapping):  # after every plain key: a [table] takes the rest
            tables.append((field.name, value))
            continue
        native = getattr(record, field.name)
        if isinstance(native, dt.date):
            value = native
        lines.append(f"{_key(field.name)} = {_value(value)}")
    for name, table in tables:
        subtables = {k: v for k, v in table.items() if isinstance(v, Mapping)}
        if table and len(subtables) == len(table):
            for key, sub in subtables.items():
                lines.extend(["", f"[{_key(name)}.{_key(key)}]"])
                lines.extend(_pairs(sub))
        else:
            lines.extend(["", f"[{_key(name)}]"])
            lines.extend(_pairs(table))
    return "\n".join(lines) + "\n"


def _pairs(table: Mapping[str, object]) -> list[str]:
    return [f"{_key(key)} = {_value(item)}" for key, item in table.items() if item is not None]


def read_data(path: Path, limits: Limits) -> Any:
    """The plain data of a TOML file, its size and nesting within ``limits``."""
    return _parse_toml(_read_text(path, limits=limits, field="max_criteria_bytes"), limits=limits)


def write_criteria(criteria: BuyerCriteria) -> bytes:
    """The criteria as a TOML file's bytes (UTF-8)."""
    return _dumps(criteria).encode("utf-8")
