"""The built-in catalogue, written in ``data/certifications.toml``, read from its JSON twin.

The TOML file is the one people edit (comments, one table per entry). The package
reads ``data/certifications.json``, generated from it (``python -m
callcenter_certs._builtin`` rewrites it; ``tests/test_builtin.py`` fails when it is
stale), because `json` parses it in C where `tomllib` takes 30 times longer in
Python; and it turns the entries into records itself, field by field, without
`cattrs`: a command that reads no criteria file (``callcenter-certs rank
vendors.csv``) then never imports it (44 M instructions of its 414 M). Both files are ours:
the test suite reads the TOML with the loaders' strict converter and compares. See
``docs/performance.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .catalogue import Catalog
from .certifications import Certification, Domain, Kind, Obligation, Party, SchemeStatus

__all__: list[str] = []

_HERE = Path(__file__).parent / "data"
"""Next to this module, as installed (a path, not importlib.resources: quicker to start)."""
_SOURCE = _HERE / "certifications.toml"
_DATA = _HERE / "certifications.json"


# A field of `Certification` that JSON writes otherwise than the record holds it (an
# enumeration, a set, a tuple) is named in one of these tables; a field missing from
# them makes tests/test_builtin.py fail (the record would hold the JSON list or text).
_ENUMS = {"kind": Kind, "obligation": Obligation, "status": SchemeStatus}
"""The fields JSON writes as an enumeration's value."""
_ENUM_SETS = {"domains": Domain, "applies_to": Party}
"""The fields JSON writes as a list of an enumeration's values."""
_SETS = ("equivalents",)
_TUPLES = ("aliases", "principles", "levels", "notes", "sources")


def _entry(data: dict[str, Any]) -> Certification:
    """One entry of the twin as a record; JSON lists become tuples and sets."""
    fields = dict(data)
    for name, enum in _ENUMS.items():
        if fields.get(name) is not None:
            fields[name] = enum(fields[name])
    for name, enum in _ENUM_SETS.items():
        if name in fields:
            fields[name] = frozenset(map(enum, fields[name]))
    for name in _SETS:
        if name in fields:
            fields[name] = frozenset(fields[name])
    for name in _TUPLES:
        if name in fields:
            fields[name] = tuple(fields[name])
    return Certification(**fields)


def read_builtin_catalog() -> Catalog:
    """The built-in catalogue: its entries checked by their own validators, as any."""
    data = json.loads(_DATA.read_bytes())
    return Catalog(tuple(map(_entry, data["certifications"])), data["version"])


def _json_of(toml_text: str) -> str:
    """The JSON twin of the catalogue's TOML text: same data, one entry a line."""
    import tomllib  # noqa: PLC0415 - only to regenerate the twin

    data = tomllib.loads(toml_text)
    entries = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in data["certifications"])
    return f'{{"version": {json.dumps(data["version"])},\n"certifications": [\n{entries}\n]}}\n'


if __name__ == "__main__":
    _DATA.write_text(_json_of(_SOURCE.read_text("utf-8")), "utf-8", newline="\n")
