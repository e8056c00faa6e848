"""JSON Schemas of the vendor and criteria files, built from the records themselves.

An editor given a schema (VS Code, JetBrains) completes keys and flags a typo as it is
typed, before [`load_vendors`][callcenter_certs.load_vendors] does. The schemas are
derived from the attrs records' fields, types and defaults, the enums and the
constants, so they cannot drift from what the loaders accept. They say less than the
loaders check: a certification id must also be in the catalogue, ``valid_until`` must
not be before ``valid_from``, names must be unique, a weight's name must be a built-in
criterion or a figure of the same file, a figure cannot take a built-in criterion's
name, a figure scored on a scale needs ``out_of``.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from ._converter import CONVERTER
from ._text import _BREAKS
from ._validators import KEYED_BY, NOT_WRITTEN
from .countries import _COUNTRY_CODES
from .criteria import _FIGURE_NAME, _NEED_WORDS, CRITERIA, BuyerCriteria, Figure, Need
from .vendors import _MAX_AGENTS_PER_SITE, HeldCertificate, Site, Vendor

__all__ = ["Schema", "criteria_schema", "vendors_schema"]


def __dir__() -> list[str]:
    return __all__


_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema version both schemas use."""

Schema = dict[str, Any]

_NOT_BLANK = r"\S"
_BREAK = "".join(f"\\u{ord(char):04x}" for char in sorted(_BREAKS))
"""A tab and the line breaks, as a character class's body: a name is one line."""
_ONE_LINE = f"^[^{_BREAK}]*\\S[^{_BREAK}]*$"
_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_TEXT: Schema = {"type": "string", "pattern": _NOT_BLANK}
_NAME_PATTERN = f"^{_FIGURE_NAME.pattern}$"
_WEIGHT: Schema = {"type": "number", "minimum": 0}

_REFINED: Mapping[tuple[type, str], Schema] = {
    # What the fields' validators add to their types.
    (Vendor, "name"): {
        "type": "string",
        "pattern": _ONE_LINE,
        "description": "Unique within the file; one line.",
    },
    (Vendor, "sites"): {
        "minItems": 1,
        "description": "Where the agents work; null or absent: staffing not declared.",
    },
    (HeldCertificate, "certification"): {**_TEXT, "description": "A catalogue id."},
    (HeldCertificate, "certificate_number"): _TEXT,
    (HeldCertificate, "certifying_body"): _TEXT,
    (HeldCertificate, "valid_until"): {"description": "Last day of validity (inclusive)."},
    (Site, "country"): {
        "enum": sorted(_COUNTRY_CODES),
        "description": "ISO 3166-1 alpha-2 code, upper case.",
    },
    (Site, "agents"): {"minimum": 0, "maximum": _MAX_AGENTS_PER_SITE},
    (Site, "name"): {
        "pattern": f"^[^;:\\s]([^;:{_BREAK}]*[^;:\\s])?$",
        "description": (
            "What the vendor calls the site, unique among its sites; one line, no ';' or ':'."
        ),
    },
    (HeldCertificate, "sites"): {
        "minItems": 1,
        "uniqueItems": True,
        "description": "The names of the vendor's sites it covers; null or absent: not stated.",
    },
    (HeldCertificate, "accreditation_body"): _TEXT,
    (HeldCertificate, "level"): {
        **_TEXT,
        "description": "One of the catalogue entry's levels (EcoVadis: bronze ... platinum).",
    },
    (BuyerCriteria, "minimum_levels"): {
        "description": "The least level a certificate of an id must state to count, by id.",
    },
    (BuyerCriteria, "equivalents"): {
        "description": "Ids the buyer also accepts for a required or preferred id, by id.",
    },
    (BuyerCriteria, "required"): {"uniqueItems": True},
    (BuyerCriteria, "preferred_certifications"): {"uniqueItems": True},
    (Vendor, "figures"): {
        "patternProperties": {_NAME_PATTERN: {"type": "number"}},
        "additionalProperties": False,
        "description": "The buyer's numbers for this offer, by figure name: price, marks.",
    },
    (BuyerCriteria, "weights"): {
        "properties": dict.fromkeys(CRITERIA, _WEIGHT),
        "patternProperties": {_NAME_PATTERN: _WEIGHT},
        "additionalProperties": False,
        "description": (
            "Weight of each criterion (1 when left out): the built-in ones and the figures' names."
        ),
    },
    (Figure, "out_of"): {
        "description": "The top of the scale: required with scoring 'scale', refused otherwise."
    },
    (Figure, "minimum"): {"description": "A value below it is knocked out."},
    (Figure, "maximum"): {"description": "A value above it is knocked out."},
    (Figure, "abnormally_low"): {
        "description": "Better 'lower' only: a ratio strictly between 0 and 1 of the mean of "
        "the other offers, below which an offer is flagged as abnormally low."
    },
    (BuyerCriteria, "figures"): {
        "description": "The tender's figures (price, marks), by name, in order: weighted "
        "criteria like the others.",
    },
}


def _nullable(schema: Schema) -> Schema:
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


_NEED: Schema = {
    "enum": [*(member.value for member in Need), *_NEED_WORDS],
    "description": "ignore, prefer or require; in French ignorer, préférer or exiger "
    "(any case, with or without accents).",
}
"""A need as the loaders read it: the French words too."""


def _type_schema(tp: Any, defs: dict[str, Schema]) -> Schema:
    """The schema of a Python type as the converter writes it (dates ISO, enums values)."""
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin in {types.UnionType, typing.Union} and type(None) in args:
        (other,) = (a for a in args if a is not type(None))
        return _nullable(_type_schema(other, defs))
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin in {Mapping, dict}:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # placeholder: a record that contains itself stops here
            defs[tp.__name__] = _record_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return dict(_NEED) if tp is Need else {"enum": [member.value for member in tp]}
    simple: dict[Any, Schema] = {
        bool: {"type": "boolean"},
        int: {"type": "integer"},
        float: {"type": "number"},
        str: {"type": "string"},
        dt.date: {"type": "string", "format": "date", "pattern": _DATE_PATTERN},
    }
    return dict(simple[tp])


def _default(field: attrs.Attribute[Any], tp: Any) -> Any:
    default: Any = field.default
    value = default.factory() if isinstance(default, attrs.Factory) else default  # type: ignore[arg-type]  # a class at run time
    return CONVERTER.unstructure(value, tp)


def _keyed_schema(tp: Any, key: str, defs: dict[str, Schema]) -> Schema:
    """A tuple of records as files write it: a table by ``key``, entries without it."""
    (cls,) = typing.get_args(tp)[:1]
    if cls.__name__ not in defs:
        record = _record_schema(cls, defs, without=key)
        defs[cls.__name__] = record
    return {
        "type": "object",
        "patternProperties": {_NAME_PATTERN: {"$ref": f"#/$defs/{cls.__name__}"}},
        "additionalProperties": False,
        "default": {},
    }


def _record_schema(cls: type, defs: dict[str, Schema], *, without: str | None = None) -> Schema:
    """An object with one property per attrs field; required: fields without a default."""
    hints = typing.get_type_hints(cls)
    properties: dict[str, Schema] = {}
    required = []
    for field in attrs.fields(cls):
        if not field.init or field.name == without or NOT_WRITTEN in field.metadata:
            continue
        tp = hints[field.name]
        if KEYED_BY in field.metadata:
            keyed = _keyed_schema(tp, field.metadata[KEYED_BY], defs)
            properties[field.name] = {**keyed, **_REFINED.get((cls, field.name), {})}
            continue
        args = typing.get_args(tp)
        nullable = type(None) in args and typing.get_origin(tp) in {types.UnionType, typing.Union}
        base = next(a for a in args if a is not type(None)) if nullable else tp
        schema = {**_type_schema(base, defs), **_REFINED.get((cls, field.name), {})}
        if nullable:
            schema = _nullable(schema)
        if field.default is attrs.NOTHING:
            required.append(field.name)
        else:
            schema["default"] = _default(field, tp)
        properties[field.name] = schema
    out: Schema = {"type": "object", "properties": properties}
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def vendors_schema() -> Schema:
    """The JSON Schema (draft 2020-12) of a JSON vendor file, ``{"vendors": [...]}``.

    Examples:
        >>> sorted(vendors_schema()["$defs"])
        ['HeldCertificate', 'Site', 'Vendor']
        >>> vendors_schema()["$defs"]["Vendor"]["properties"]["figures"]["patternProperties"]
        {'^[a-z][a-z0-9_]*$': {'type': 'number'}}

    Added in 26.1.
    """
    defs: dict[str, Schema] = {}
    vendor = _type_schema(Vendor, defs)
    return {
        "$schema": _DIALECT,
        "title": "callcenter_certs vendor file",
        "description": "Vendors answering a tender, the certificates they hold, their sites.",
        "type": "object",
        "properties": {"vendors": {"type": "array", "items": vendor}},
        "required": ["vendors"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def criteria_schema() -> Schema:
    """The JSON Schema (draft 2020-12) of a JSON criteria file; every key is optional.

    Examples:
        >>> criteria_schema()["properties"]["csr"]["enum"]
        ['ignore', 'prefer', 'require', 'ignorer', 'préférer', 'exiger']
        >>> list(criteria_schema()["$defs"]["Figure"]["properties"])
        ['better', 'scoring', 'out_of', 'minimum', 'maximum', 'abnormally_low']

    Added in 26.1.
    """
    defs: dict[str, Schema] = {}
    record = _record_schema(BuyerCriteria, defs)
    schema: Schema = {
        "$schema": _DIALECT,
        "title": "callcenter_certs buyer criteria",
        "description": "What the buyer requires and prefers, the tender's figures, the weights.",
        **record,
    }
    if defs:
        schema["$defs"] = defs
    return schema
