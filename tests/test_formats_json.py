"""The JSON vendor format: its layout, every problem with its path, its fast path."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import HeldCertificate, InputError, Limits, Vendor, converter
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.files import _to_accept
from callcenter_certs.formats.json import _simple_vendor
from callcenter_certs.loaders import dump_vendors, load_vendors
from callcenter_certs.strategies import vendors
from callcenter_certs.vendors import _MAX_AGENTS_PER_SITE
from conftest import held_data, json_file, problems, write


def test_a_json_file_may_leave_out_defaults_and_start_with_a_bom(tmp_path: Path) -> None:
    """Only the required keys are needed; a byte-order mark is dropped."""
    text = '\ufeff{"vendors": [{"name": "A", "certificates": [' + json.dumps(held_data()) + "]}]}"
    path = write(tmp_path, "v.json", text)
    assert load_vendors(path) == [Vendor("A", [HeldCertificate("iso-9001", dt.date(2024, 1, 1))])]


# JSON errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"vendors": [}', "line 1, column 14: invalid JSON (Expecting value)"),
        (
            '{"vendors": [], "vendors": []}',
            "line 1, column 1: invalid JSON (the object starting here has the key 'vendors' twice)",
        ),
        ("[]", '[] is not a table of keys and values (got list); expected {"vendors": [...]}'),
        ("{}", "vendors: required field missing"),
        ('{"vendors": {}}', "vendors: {} is not a list (got dict)"),
        ('{"vendor": []}', "vendor: unknown key 'vendor'; allowed keys: 'vendors'"),
    ],
)
def test_json_file_layout(tmp_path: Path, text: str, message: str) -> None:
    """The file must be strict JSON shaped as {"vendors": [...]}."""
    path = write(tmp_path, "v.json", text)
    assert problems(path)[0] == f"{path}: {message}"


def test_json_reports_every_problem_with_its_path(tmp_path: Path) -> None:
    """Wrong type, unknown key, bad date, unknown id and duplicate name, all in one error."""
    path = json_file(
        tmp_path,
        [
            {"name": "A", "sites": [{"country": "FR", "agents": "12"}]},
            {"name": "B", "certificates": [held_data(valid_unitl="2025-01-01")]},
            {"name": "C", "certificates": [held_data(valid_from="31/12/2024")]},
            {"name": "D", "certificates": [held_data(certification="iso-9010")]},
            {"name": "A"},
            {
                "name": "E",
                "certificates": [
                    held_data(status="actif"),
                    held_data(certification="nf345"),
                ],
            },
        ],
    )
    assert problems(path) == [
        f"{path}: vendors[0].sites[0].agents: '12' is not a whole number (got str)",
        f"{path}: vendors[1].certificates[0].valid_unitl: unknown key 'valid_unitl'; allowed keys: "
        "'certification', 'valid_from', 'valid_until', 'certificate_number', 'certifying_body', "
        "'accredited', 'status', 'sites', 'accreditation_body', 'last_audit', 'level', 'score'",
        f"{path}: vendors[2].certificates[0].valid_from: '31/12/2024' is not a date "
        "(expected YYYY-MM-DD)",
        f"{path}: vendors[3].certificates[0].certification: 'iso-9010' is not a known "
        "certification id; did you mean 'iso-9001', 'iso-18295-2' or 'iso-18295-1'?",
        f"{path}: vendors[4].name: 'A' is also the name of vendors[0]; vendor names must be unique",
        f"{path}: vendors[5].certificates[0].status: 'actif' is not one of 'active', 'inactive', "
        "'suspended', 'cancelled', 'draft', 'withdrawn', 'expired'",
        f"{path}: vendors[5].certificates[1].certification: 'nf345' is not a known certification "
        "id; did you mean 'nf-345'?",
    ]


def test_json_record_checks(tmp_path: Path) -> None:
    """The records' own checks (dates in order, country codes, agents) keep their paths.

    A record stops at its first failing check: the name of vendors[0] is reported once
    its certificate is fixed.
    """
    path = json_file(
        tmp_path,
        [
            {"name": " ", "certificates": [held_data(valid_until="2023-01-01")]},
            {"name": " "},
            {"name": "B", "sites": [{"country": "fr", "agents": 1}]},
            {"name": "C", "sites": [{"country": "FR", "agents": _MAX_AGENTS_PER_SITE + 1}]},
            {"name": "D", "sites": []},
        ],
    )
    assert problems(path) == [
        f"{path}: vendors[0].certificates[0].valid_until: '2023-01-01' is before valid_from "
        "'2024-01-01'",
        f"{path}: vendors[1].name: ' ' is not a non-empty text",
        f"{path}: vendors[2].sites[0].country: 'fr' is not an ISO 3166-1 alpha-2 country code; "
        "did you mean 'FR'?",
        f"{path}: vendors[3].sites[0].agents: 1000001 is not a number of agents in 0..1,000,000",
        f"{path}: vendors[4].sites: an empty list of sites; leave sites out (None) when staffing "
        "is not declared",
    ]


def test_json_limits(tmp_path: Path) -> None:
    """Limits are refused with the number found, the limit and the setting to raise."""
    limits = Limits(max_vendors=2, max_certificates_per_vendor=1, max_sites_per_vendor=1)
    path = json_file(tmp_path, [{"name": "A"}, {"name": "B"}, {"name": "C"}])
    assert problems(path, limits=limits) == [
        f"{path}: vendors: 3 vendors, over the limit of 2 ({_to_accept('max_vendors')})"
    ]
    sites = [{"country": "FR", "agents": 1}, {"country": "RE", "agents": 1}]
    path = json_file(tmp_path, [{"name": "A", "certificates": [held_data()] * 2, "sites": sites}])
    assert problems(path, limits=limits) == [
        f"{path}: vendors[0].certificates: 2 certificates, over the limit of 1 "
        f"({_to_accept('max_certificates_per_vendor')})",
        f"{path}: vendors[0].sites: 2 sites, over the limit of 1 "
        f"({_to_accept('max_sites_per_vendor')})",
    ]


@given(st.lists(vendors(), max_size=4, unique_by=lambda v: _name_key(v.name)))
def test_json_round_trip(workdir: Path, drawn: list[Vendor]) -> None:
    """dump -> load gives equal vendors, and dumping again gives the same file."""
    path = workdir / "round-trip.json"
    dump_vendors(drawn, path)
    loaded = load_vendors(path)
    assert loaded == drawn
    text = path.read_text(encoding="utf-8")
    dump_vendors(loaded, path)
    assert path.read_text(encoding="utf-8") == text


# The fast path of JSON loading --------------------------------------------------------------


def _structured(item: dict[str, Any]) -> Vendor | None:
    try:
        return converter.structure(item, Vendor)
    except InputError:
        return None


_JSON_VALUES: st.SearchStrategy[object] = st.sampled_from(
    [None, True, 0, -1, 1.5, "", " ", "x", "FR", "active", "2024-01-01", "2024-13-01",
     "2024-01-01\n", "\u0662\u0660\u0662\u0664-\u0660\u0661-\u0660\u0661", [], {}, [{}], {"a": 1}]
)  # fmt: skip


@st.composite
def _broken_vendor_data(draw: st.DrawFn) -> dict[str, Any]:
    """Unstructured vendors with one value replaced, one key added or one removed."""
    data: dict[str, Any] = converter.unstructure(draw(vendors()))
    containers = [data]
    containers += data["certificates"]
    containers += data["sites"] or []
    target = draw(st.sampled_from(containers))
    action = draw(st.sampled_from(["replace", "add", "remove"]))
    key = draw(st.sampled_from(sorted(target)))
    if action == "replace":
        target[key] = draw(_JSON_VALUES)
    elif action == "add":
        target[draw(st.sampled_from(["valid_unitl", "extra", key]))] = draw(_JSON_VALUES)
    else:
        del target[key]
    return data


@given(vendors())
def test_fast_path_takes_every_valid_vendor(vendor: Vendor) -> None:
    """Valid vendors take the fast path, and come out equal."""
    assert _simple_vendor(converter.unstructure(vendor)) == vendor


@given(_broken_vendor_data())
def test_fast_path_accepts_only_what_the_converter_accepts(data: dict[str, Any]) -> None:
    """On broken data the fast path gives None (the converter then reports) or its vendor."""
    fast = _simple_vendor(data)
    structured = _structured(data)
    assert fast is None or (structured is not None and fast == structured)
