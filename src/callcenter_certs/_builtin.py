"""The built-in catalogue, written in ``data/certifications.toml``, read from its JSON twin.

The TOML file is the one people edit (comments, one table per entry). The package
reads ``data/certifications.json``, generated from it (``python -m
callcenter_certs._builtin`` rewrites it; ``tests/test_builtin.py`` fails when it is
stale), because `json` parses it in C where `tomllib` takes 30 times longer in
Python; and it structures the entries with a plain `cattrs.BaseConverter`, without
generating code for `Certification`. Both files are ours: the test suite reads the
TOML with the loaders' strict converter and compares. See ``docs/performance.md``.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import cattrs

from .catalogue import Catalog
from .certifications import Certification

__all__: list[str] = []

_HERE = Path(__file__).parent / "data"
"""Next to this module, as installed (a path, not importlib.resources: quicker to start)."""
_SOURCE = _HERE / "certifications.toml"
_DATA = _HERE / "certifications.json"


def read_builtin_catalog() -> Catalog:
    """The built-in catalogue: its entries checked by their own validators, as any."""
    data = json.loads(_DATA.read_bytes())
    attrs.resolve_types(Certification)
    converter = cattrs.BaseConverter()
    entries = tuple(converter.structure(entry, Certification) for entry in data["certifications"])
    return Catalog(entries, data["version"])


def _json_of(toml_text: str) -> str:
    """The JSON twin of the catalogue's TOML text: same data, one entry a line."""
    import tomllib  # noqa: PLC0415 - only to regenerate the twin

    data = tomllib.loads(toml_text)
    entries = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in data["certifications"])
    return f'{{"version": {json.dumps(data["version"])},\n"certifications": [\n{entries}\n]}}\n'


if __name__ == "__main__":
    _DATA.write_text(_json_of(_SOURCE.read_text("utf-8")), "utf-8", newline="\n")
