"""schema: the JSON Schemas are built from the code and agree with the loaders and the converter."""

import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    CRITERIA,
    Better,
    BuyerCriteria,
    CertificateStatus,
    Figure,
    HeldCertificate,
    Scoring,
    Vendor,
    converter,
)
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.countries import _COUNTRY_CODES
from callcenter_certs.criteria import _FIGURE_NAME
from callcenter_certs.loaders import dump_vendors
from callcenter_certs.schema import _DIALECT, _ONE_LINE, criteria_schema, vendors_schema
from callcenter_certs.strategies import buyer_criteria, vendors
from callcenter_certs.vendors import _MAX_AGENTS_PER_SITE
from conftest import held_data

_KEYWORDS = {
    "$schema", "$ref", "$defs", "title", "description", "default", "format", "type", "enum",
    "pattern", "minimum", "maximum", "minItems", "uniqueItems", "items", "properties",
    "required", "additionalProperties", "anyOf", "patternProperties",
}  # fmt: skip
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


def _errors(  # noqa: C901, PLR0912 - one branch per keyword
    value: object, schema: dict[str, Any], root: dict[str, Any], where: str = "$"
) -> list[str]:
    """A tiny validator for the keywords our schemas use (jsonschema is not a dependency)."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].removeprefix("#/$defs/")]
    out = []
    types = schema.get("type")
    if types is not None and not any(
        _TYPES[t](value) for t in ([types] if isinstance(types, str) else types)
    ):
        return [f"{where}: {value!r} is not of type {types}"]
    if "enum" in schema and not any(type(value) is type(e) and value == e for e in schema["enum"]):
        out.append(f"{where}: {value!r} not in enum")
    if "anyOf" in schema and all(_errors(value, s, root, where) for s in schema["anyOf"]):
        out.append(f"{where}: {value!r} matches no anyOf")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        out.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if _TYPES["number"](value):
        if value < schema.get("minimum", value):
            out.append(f"{where}: {value!r} < minimum")
        if value > schema.get("maximum", value):
            out.append(f"{where}: {value!r} > maximum")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{where}: too few items")
        if schema.get("uniqueItems") and len({json.dumps(v) for v in value}) < len(value):
            out.append(f"{where}: items not unique")
        for index, item in enumerate(value):
            out.extend(_errors(item, schema.get("items", {}), root, f"{where}[{index}]"))
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        out.extend(
            f"{where}: {key!r} is required"
            for key in schema.get("required", ())
            if key not in value
        )
        patterns = schema.get("patternProperties", {})
        for key, item in value.items():
            matched = [p for p in patterns if re.search(p, key)]
            for pattern in matched:
                out.extend(_errors(item, patterns[pattern], root, f"{where}.{key}"))
            if key in properties:
                out.extend(_errors(item, properties[key], root, f"{where}.{key}"))
            elif matched:
                pass
            elif schema.get("additionalProperties") is False:
                out.append(f"{where}: additional property {key!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                out.extend(_errors(item, schema["additionalProperties"], root, f"{where}.{key}"))
    return out


def _keywords(schema: Any) -> set[str]:
    """Every keyword a schema uses (not the names under properties or $defs)."""
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for key, value in schema.items():
        if key in {"properties", "$defs", "patternProperties"}:
            for sub in value.values():
                found |= _keywords(sub)
        elif key in {"items", "additionalProperties"}:
            found |= _keywords(value)
        elif key == "anyOf":
            for sub in value:
                found |= _keywords(sub)
    return found


@pytest.mark.parametrize(
    "schema", [vendors_schema(), criteria_schema()], ids=["vendors", "criteria"]
)
def test_schemas_use_only_keywords_the_test_validator_knows(schema: dict[str, Any]) -> None:
    """So that the validator below cannot pass a file by ignoring a keyword."""
    assert schema["$schema"] == _DIALECT
    assert _keywords(schema) <= _KEYWORDS


@given(st.lists(vendors(), max_size=3, unique_by=lambda v: _name_key(v.name)))
def test_dumped_vendor_files_match_the_schema(workdir: Path, drawn: list[Vendor]) -> None:
    """What dump_vendors writes is valid under vendors_schema()."""
    path = workdir / "schema.json"
    dump_vendors(drawn, path)
    schema = vendors_schema()
    assert _errors(json.loads(path.read_text(encoding="utf-8")), schema, schema) == []


@given(buyer_criteria())
def test_criteria_match_the_schema(criteria: BuyerCriteria) -> None:
    """Unstructured criteria are valid under criteria_schema()."""
    schema = criteria_schema()
    assert _errors(converter.unstructure(criteria), schema, schema) == []


def test_schemas_refuse_what_the_loaders_refuse() -> None:
    """Typos, unknown enum values, bad dates and out-of-range agents fail the schema too."""
    schema = vendors_schema()
    bad = {
        "vendors": [
            {
                "name": "A",
                "certificates": [held_data(valid_unitl="2025-01-01", status="actif")],
                "sites": [{"country": "XX", "agents": _MAX_AGENTS_PER_SITE + 1}],
            },
            {"name": " ", "certificates": [held_data(valid_from="31/12/2024")], "sites": []},
        ]
    }
    assert _errors(bad, schema, schema) == [
        "$.vendors[0].certificates[0]: additional property 'valid_unitl'",
        "$.vendors[0].certificates[0].status: 'actif' not in enum",
        "$.vendors[0].sites[0].country: 'XX' not in enum",
        "$.vendors[0].sites[0].agents: 1000001 > maximum",
        f"$.vendors[1].name: ' ' does not match {_ONE_LINE}",
        "$.vendors[1].certificates[0].valid_from: '31/12/2024' does not match "
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "$.vendors[1].sites: too few items",
    ]
    criteria = criteria_schema()
    assert _errors(
        {"csr": "maybe", "weights": {"Crs": 1, "csr": -1, "price": -2}, "x": 1}, criteria, criteria
    ) == [
        "$.csr: 'maybe' not in enum",
        "$.weights: additional property 'Crs'",
        "$.weights.csr: -1 < minimum",
        "$.weights.csr: -1 < minimum",
        "$.weights.price: -2 < minimum",
        "$: additional property 'x'",
    ]
    bad_figures = {
        "figures": {
            "price": {"better": "lowest", "scoring": "propotional", "out_of": "20"},
            "technical": {"name": "technical"},
            "Prix": {},
        }
    }
    assert _errors(bad_figures, criteria, criteria) == [
        "$.figures.price.better: 'lowest' not in enum",
        "$.figures.price.scoring: 'propotional' not in enum",
        "$.figures.price.out_of: '20' is not of type ['number', 'null']",
        "$.figures.technical: additional property 'name'",
        "$.figures: additional property 'Prix'",
    ]
    assert _errors(
        {"vendors": [{"name": "A", "figures": {"price": "1 180 000", "Prix": 1}}]}, schema, schema
    ) == [
        "$.vendors[0].figures.price: '1 180 000' is not of type number",
        "$.vendors[0].figures: additional property 'Prix'",
    ]


def test_schemas_are_built_from_the_code() -> None:
    """Enums, countries, agent bounds, weight keys and required fields come from the code."""
    defs = vendors_schema()["$defs"]
    certificate = defs["HeldCertificate"]
    assert certificate["properties"]["status"]["enum"] == [s.value for s in CertificateStatus]
    assert certificate["required"] == ["certification", "valid_from"]
    assert set(certificate["properties"]) == {f.name for f in attrs.fields(HeldCertificate)}
    site = defs["Site"]["properties"]
    assert set(site["country"]["enum"]) == _COUNTRY_CODES
    assert site["agents"]["maximum"] == _MAX_AGENTS_PER_SITE
    assert defs["Vendor"]["required"] == ["name"]
    criteria = criteria_schema()
    assert list(criteria["properties"]["weights"]["properties"]) == list(CRITERIA)
    assert list(criteria["properties"]["weights"]["patternProperties"]) == [
        f"^{_FIGURE_NAME.pattern}$"
    ]
    assert "required" not in criteria
    # Empty fields are left out of what the converter writes (figures' default is {}).
    omitted = {"figures", "minimum_levels", "require_site_coverage", "equivalents"}
    assert set(criteria["properties"]) == {*converter.unstructure(BuyerCriteria()), *omitted}
    for name, value in converter.unstructure(BuyerCriteria()).items():
        assert criteria["properties"][name]["default"] == value
    assert criteria["properties"]["figures"]["default"] == {}
    figure = criteria["$defs"]["Figure"]
    assert set(figure["properties"]) == {f.name for f in attrs.fields(Figure)} - {"name"}
    assert figure["properties"]["scoring"]["enum"] == [s.value for s in Scoring]
    assert figure["properties"]["better"]["enum"] == [b.value for b in Better]
    assert "required" not in figure
    vendor = defs["Vendor"]["properties"]["figures"]
    assert vendor["patternProperties"] == {f"^{_FIGURE_NAME.pattern}$": {"type": "number"}}
    assert vendor["default"] == {}


def test_the_schema_refuses_names_on_two_lines_as_the_loaders_do() -> None:
    schema = vendors_schema()
    data = {
        "vendors": [
            {"name": "A\tB"},
            {"name": "C", "sites": [{"country": "FR", "agents": 1, "name": "Nantes\u2028Ouest"}]},
            {"name": "D", "sites": [{"country": "FR", "agents": 1, "name": "Nantes Ouest"}]},
        ]
    }
    assert [error.split(":")[0] for error in _errors(data, schema, schema)] == [
        "$.vendors[0].name",
        "$.vendors[1].sites[0].name",
    ]
