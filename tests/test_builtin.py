"""The built-in catalogue's quick reader gives what the strict loader gives."""

from __future__ import annotations

import tomllib

from callcenter_certs import CATALOG, Catalog
from callcenter_certs._builtin import _DATA, _SOURCE, _json_of, read_builtin_catalog
from callcenter_certs._converter import CONVERTER


def test_the_json_twin_is_generated_from_the_toml() -> None:
    assert _DATA.read_text("utf-8") == _json_of(_SOURCE.read_text("utf-8")), (
        "data/certifications.json is stale: run python -m callcenter_certs._builtin"
    )


def test_the_quick_reader_equals_the_strict_converter() -> None:
    # The strict converter refuses unknown keys and wrong types, which the quick
    # reader (records built field by field, without cattrs) would let through:
    # together they check the shipped file completely. A field the quick reader
    # leaves as JSON gives it (a list for a tuple, text for an enumeration) makes
    # them differ.
    strict = CONVERTER.structure(tomllib.loads(_SOURCE.read_text("utf-8")), Catalog)
    quick = read_builtin_catalog()
    assert quick == strict
    assert quick.version == strict.version
    assert [entry.id for entry in quick.certifications] == [
        entry.id for entry in strict.certifications
    ]


def test_the_package_catalogue_is_the_quick_readers() -> None:
    assert read_builtin_catalog() == CATALOG
