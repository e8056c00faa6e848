"""The registry of file formats: every format a module, every promise kept."""

from pathlib import Path

import pytest

from callcenter_certs import InputError, Vendor, dump_vendors, load_vendors
from callcenter_certs.formats import (
    FORMATS,
    Format,
    _format_table,
    _formats_for,
    _module_for,
    register,
)

_FUNCTIONS = {
    ("read", "vendors"): "read_vendors",
    ("write", "vendors"): "write_vendors",
    ("read", "criteria"): "read_data",
    ("read", "catalog"): "read_data",
    ("write", "criteria"): "write_criteria",
}


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_every_registered_module_has_what_its_registration_promises(suffix: str) -> None:
    fmt = FORMATS[suffix]
    module = fmt.load()
    for action, kinds in (("read", fmt.reads), ("write", fmt.writes)):
        for kind in kinds:
            assert callable(getattr(module, _FUNCTIONS[action, kind]))


def test_suffixes_by_kind_in_registry_order() -> None:
    assert [f.suffix for f in _formats_for("vendors")] == ["json", "csv", "xlsx"]
    assert [f.suffix for f in _formats_for("criteria")] == ["toml", "json"]
    assert [f.suffix for f in _formats_for("vendors", "write")] == ["json", "csv", "xlsx"]


def test_an_unsupported_suffix_names_the_ones_that_work() -> None:
    with pytest.raises(InputError, match=r"unsupported file type '\.ods'; expected \.json, \.csv"):
        _module_for(Path("a.ods"), "vendors")
    with pytest.raises(InputError, match=r"expected \.json, \.csv, \.xlsx$"):
        _module_for(Path("a.ods"), "vendors", "write")
    assert _module_for(Path("A.CSV"), "vendors").__name__ == "callcenter_certs.formats.csv"


def test_a_registered_format_is_read_by_the_loaders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One module and one registration: load_vendors and dump_vendors find it."""
    module = tmp_path / "lines_format.py"
    module.write_text(
        "from callcenter_certs import Vendor\n"
        "def read_vendors(path, checks, limits):\n"
        "    names = path.read_text(encoding='utf-8').split()\n"
        "    return [Vendor(name) for name in names]\n"
        "def write_vendors(vendors):\n"
        "    return '\\n'.join(v.name for v in vendors).encode()\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr("callcenter_certs.formats.FORMATS", dict(FORMATS))
    register(Format("lines", "lines_format", "a name per line", ("vendors",), ("vendors",)))
    path = tmp_path / "vendors.lines"
    dump_vendors([Vendor("Alpha"), Vendor("Beta")], path)
    assert load_vendors(path) == [Vendor("Alpha"), Vendor("Beta")]
    assert "`.lines`" in _format_table()
