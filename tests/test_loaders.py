"""File loaders: every format loads to the same vendors, and every bad file says why."""

import datetime as dt
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    Catalog,
    CertificateStatus,
    HeldCertificate,
    InputError,
    Limits,
    Need,
    Site,
    Vendor,
    converter,
)
from callcenter_certs.errors import Problem
from callcenter_certs.files import _to_accept
from callcenter_certs.formats.json import _simple_vendor
from callcenter_certs.loaders import (
    dump_criteria,
    dump_vendors,
    load_criteria,
    load_vendors,
)
from callcenter_certs.strategies import buyer_criteria, vendors
from callcenter_certs.vendors import _MAX_AGENTS_PER_SITE
from conftest import held_data

DATA = Path(__file__).parent / "data"
HEADER = (
    "vendor,certification,valid_from,valid_until,certificate_number,certifying_body,"
    "accredited,status,sites\n"
)

EXPECTED = [
    Vendor(
        "Atlantique Contact",
        [
            HeldCertificate(
                "nf-345",
                dt.date(2025, 3, 1),
                certificate_number="NF345-0412",
                certifying_body="Organisme Démo A",
                accredited=True,
            ),
            HeldCertificate(
                "iso-18295-1", dt.date(2024, 9, 15), dt.date(2027, 9, 14), accredited=True
            ),
        ],
        [Site("FR", 120), Site("RE", 40)],
    ),
    Vendor(
        "Rivage Services",
        [
            HeldCertificate(
                "iso-9001",
                dt.date(2024, 9, 1),
                accredited=False,
                status=CertificateStatus.SUSPENDED,
            )
        ],
        [Site("MA", 300)],
    ),
    Vendor("Bocage Appels"),
]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, **options: Any) -> list[str]:
    """The lines of the InputError that loading ``path`` raises."""
    with pytest.raises(InputError) as info:
        load_vendors(path, **options)
    assert info.value.source == str(path)
    return str(info.value).splitlines()


def _json(
    tmp_path: Path,
    vendors_data: list[dict[str, Any]],
    name: str = "vendors.json",
) -> Path:
    return _write(tmp_path, name, json.dumps({"vendors": vendors_data}))


# Good files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["vendors.json", "vendors.csv", "vendors-excel-fr.csv"])
def test_good_files_load_to_the_expected_vendors(name: str) -> None:
    """JSON, CSV and a French Excel CSV export (BOM, ';', DD/MM/YYYY, Oui) load alike."""
    assert load_vendors(DATA / "valid" / name) == EXPECTED


def test_docs_examples_agree() -> None:
    """The CSV and JSON examples of the docs describe the same vendors."""
    examples = Path(__file__).parent.parent / "docs" / "examples"
    assert load_vendors(examples / "vendors.json") == load_vendors(examples / "vendors.csv")


def test_a_json_file_may_leave_out_defaults_and_start_with_a_bom(tmp_path: Path) -> None:
    """Only the required keys are needed; a byte-order mark is dropped."""
    text = '\ufeff{"vendors": [{"name": "A", "certificates": [' + json.dumps(held_data()) + "]}]}"
    path = _write(tmp_path, "v.json", text)
    assert load_vendors(path) == [Vendor("A", [HeldCertificate("iso-9001", dt.date(2024, 1, 1))])]


def test_header_only_csv_has_no_vendor(tmp_path: Path) -> None:
    """A header without rows is a file of zero vendors, not an error."""
    assert load_vendors(_write(tmp_path, "v.csv", HEADER)) == []


def test_csv_with_only_the_vendor_column(tmp_path: Path) -> None:
    """Only ``vendor`` is a required column; blank rows are skipped."""
    path = _write(tmp_path, "v.csv", "Vendor\nA\n\n  \nB\nA\n")
    assert load_vendors(path) == [Vendor("A"), Vendor("B")]


def test_csv_undoes_the_formula_escape(tmp_path: Path) -> None:
    """A cell escaped with a leading quote loads as the text it escaped."""
    path = _write(
        tmp_path, "v.csv", "vendor,certification,valid_from\n'=Acme,iso-9001,2024-01-01\n"
    )
    assert load_vendors(path)[0].name == "=Acme"


def test_sites_in_the_same_multiset_agree(tmp_path: Path) -> None:
    """Sites given on two rows in another order, or in lower case, are the same sites."""
    rows = "vendor,sites\nA,FR:1;ma:2\nA,MA:2 ; FR:1;\n"
    assert load_vendors(_write(tmp_path, "v.csv", rows)) == [
        Vendor("A", (), [Site("FR", 1), Site("MA", 2)])
    ]


# Excel --------------------------------------------------------------------------------


def _workbook(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    title: str = "Sheet",
    first: str | None = None,
) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if first is not None:
        sheet.title = first
        sheet.append(["notes, not vendors"])
        sheet = workbook.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_loads_with_real_dates_and_numbers(tmp_path: Path) -> None:
    """Date cells, number cells and bool cells of a workbook read as their values."""
    path = _workbook(
        tmp_path / "v.xlsx",
        [
            [c.upper() for c in HEADER.strip().split(",")],
            ["Atlantique Contact", "nf-345", dt.datetime(2025, 3, 1), None, "NF345-0412",
             "Organisme Démo A", True, None, "FR:120;RE:40"],
            ["Rivage Services", "iso-9001", "01/09/2024", None, None, None, 0, "suspended",
             "MA:300"],
            [],
            ["Atlantique Contact", "iso-18295-1", dt.date(2024, 9, 15), "2027-09-14", None, None,
             "oui"],
            ["Bocage Appels"],
        ],
        title="Vendors",
        first="Read me",
    )  # fmt: skip
    assert load_vendors(path) == EXPECTED


def test_xlsx_number_cells_become_text(tmp_path: Path) -> None:
    """A certificate number typed as a number reads as its digits."""
    path = _workbook(
        tmp_path / "v.xlsx",
        [
            ["vendor", "certification", "valid_from", "certificate_number"],
            [7, "iso-9001", "2024-01-01", 12345],
        ],
    )
    assert load_vendors(path) == [
        Vendor("7", [HeldCertificate("iso-9001", dt.date(2024, 1, 1), certificate_number="12345")])
    ]


def test_xlsx_problems_name_row_and_column(tmp_path: Path) -> None:
    """A time of day in a date cell, or a number of sites, is refused with its cell."""
    path = _workbook(
        tmp_path / "v.xlsx",
        [
            ["vendor", "certification", "valid_from", "sites"],
            ["A", "iso-9001", dt.datetime(2024, 1, 1, 9, 30), 12],
        ],
    )
    assert _problems(path) == [
        f"{path}: row 2, column valid_from: '2024-01-01 09:30:00' is a date and time, "
        "expected a date (YYYY-MM-DD or DD/MM/YYYY)",
        f"{path}: row 2, column sites: 12 is not a list of sites (expected COUNTRY:AGENTS "
        "or COUNTRY:AGENTS:NAME separated by ';', e.g. 'FR:120:Nantes;RE:40')",
    ]


def test_empty_workbook(tmp_path: Path) -> None:
    """A sheet without a header row is an error naming the sheet."""
    path = _workbook(tmp_path / "v.xlsx", [])
    assert _problems(path) == [
        f"{path}: empty sheet 'Sheet': expected a header row naming the columns, e.g. "
        "vendor,certification,valid_from,valid_until,certificate_number,certifying_body,"
        "accredited,status,sites"
    ]


def test_corrupt_xlsx(tmp_path: Path) -> None:
    """A file that is not a workbook is an InputError, not a zipfile error."""
    path = tmp_path / "v.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    pytest.importorskip("openpyxl")
    assert _problems(path) == [
        f"{path}: cannot be read as an .xlsx workbook (BadZipFile: File is not a zip file)"
    ]


def test_xlsx_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the excel extra, the error says how to install it."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    path = tmp_path / "v.xlsx"
    path.write_bytes(b"")
    assert _problems(path) == [
        f"{path}: reading .xlsx files needs openpyxl: install the excel extra: "
        "pip install 'callcenter-certs[excel]'"
    ]


# Errors any file can have ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    """A missing file is named."""
    assert _problems(tmp_path / "nope.csv") == [f"{tmp_path / 'nope.csv'}: no such file"]


def test_unsupported_suffix(tmp_path: Path) -> None:
    """Formats are chosen by suffix; others are refused with the supported ones."""
    path = _write(tmp_path, "vendors.xls", "")
    assert _problems(path) == [f"{path}: unsupported file type '.xls'; expected .json, .csv, .xlsx"]


def test_not_utf8(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 (a Windows-1252 export) are named with their line."""
    path = tmp_path / "v.csv"
    path.write_bytes(b"vendor\nCaf\xe9 Contact\n")
    assert _problems(path) == [
        f"{path}: line 2: byte b'\\xe9' at offset 10 is not UTF-8 (save the file as UTF-8)"
    ]


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    """A file over Limits.max_file_bytes is refused before it is read."""
    path = _write(tmp_path, "v.csv", HEADER)
    assert _problems(path, limits=Limits(max_file_bytes=10)) == [
        f"{path}: the file is 103 bytes, over the limit of 10 ({_to_accept('max_file_bytes')})"
    ]


def test_collector_is_restored(tmp_path: Path) -> None:
    """The garbage collector paused during a load is back after it, and stays off if off."""
    path = _write(tmp_path, "v.csv", HEADER)
    load_vendors(path)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(InputError):
            load_vendors(tmp_path / "missing.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()


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
    path = _write(tmp_path, "v.json", text)
    assert _problems(path)[0] == f"{path}: {message}"


def test_json_reports_every_problem_with_its_path(tmp_path: Path) -> None:
    """Wrong type, unknown key, bad date, unknown id and duplicate name, all in one error."""
    path = _json(
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
    assert _problems(path) == [
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
    path = _json(
        tmp_path,
        [
            {"name": " ", "certificates": [held_data(valid_until="2023-01-01")]},
            {"name": " "},
            {"name": "B", "sites": [{"country": "fr", "agents": 1}]},
            {"name": "C", "sites": [{"country": "FR", "agents": _MAX_AGENTS_PER_SITE + 1}]},
            {"name": "D", "sites": []},
        ],
    )
    assert _problems(path) == [
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
    path = _json(tmp_path, [{"name": "A"}, {"name": "B"}, {"name": "C"}])
    assert _problems(path, limits=limits) == [
        f"{path}: vendors: 3 vendors, over the limit of 2 ({_to_accept('max_vendors')})"
    ]
    sites = [{"country": "FR", "agents": 1}, {"country": "RE", "agents": 1}]
    path = _json(tmp_path, [{"name": "A", "certificates": [held_data()] * 2, "sites": sites}])
    assert _problems(path, limits=limits) == [
        f"{path}: vendors[0].certificates: 2 certificates, over the limit of 1 "
        f"({_to_accept('max_certificates_per_vendor')})",
        f"{path}: vendors[0].sites: 2 sites, over the limit of 1 "
        f"({_to_accept('max_sites_per_vendor')})",
    ]


def test_custom_catalog(tmp_path: Path) -> None:
    """Ids are checked against the catalogue given, not the built-in one."""
    catalog = Catalog([CATALOG["nf-345"]], "mine")
    path = _json(tmp_path, [{"name": "A", "certificates": [held_data()]}])
    assert _problems(path, catalog=catalog) == [
        f"{path}: vendors[0].certificates[0].certification: 'iso-9001' is not a known "
        "certification id; none is close; known ids: nf-345"
    ]


# CSV errors -----------------------------------------------------------------------------


def test_empty_csv(tmp_path: Path) -> None:
    """A file without even a header row is an error that says what was expected."""
    path = _write(tmp_path, "v.csv", "\n  \n")
    assert _problems(path) == [
        f"{path}: empty file: expected a header row naming the columns, e.g. "
        "vendor,certification,valid_from,valid_until,certificate_number,certifying_body,"
        "accredited,status,sites"
    ]


def test_csv_header_problems(tmp_path: Path) -> None:
    """Unknown columns (with the closest), repeated ones and a missing vendor column."""
    path = _write(tmp_path, "v.csv", "Valid_Unitl,certification,Certification\nx,y,z\n")
    allowed = (
        "vendor, certification, valid_from, valid_until, certificate_number, certifying_body, "
        "accredited, status, sites, sites_covered, accreditation_body, last_audit, level, score"
    )
    assert _problems(path) == [
        f"{path}: row 1: unknown column 'valid_unitl'; allowed columns: {allowed}, "
        "figure:NAME (one per figure, e.g. figure:price); did you mean 'valid_until'?",
        f"{path}: row 1: column 'certification' appears twice in the header",
        f"{path}: row 1: no 'vendor' column in the header; columns: {allowed}",
    ]


def test_csv_reports_every_problem_with_row_and_column(tmp_path: Path) -> None:
    """Every bad cell of every row, in row then column order, in one error."""
    path = _write(
        tmp_path,
        "v.csv",
        HEADER
        + "A,iso-9001,2024-13-45,,,,maybe,actif,FR:120;RE:40\n"
        + "A,iso-18259-1,2024-01-01,2023-01-01,,,,,FR:100\n"
        + ",iso-9001,2024-01-01,,,,,,\n"
        + "B,,2024-01-01,,,,,active,FR=3\n"
        + "B,iso-9001,,,,,,,XX:1;FR:2\n"
        + "a,nf-345,2024-01-01,,,,,,FR:1.5\n"
        + "C,iso-9001,2024-01-01,,,,,,,stray\n",
    )
    assert _problems(path) == [
        f"{path}: row 2, column valid_from: '2024-13-45' is not a date (expected YYYY-MM-DD or "
        "DD/MM/YYYY)",
        f"{path}: row 2, column accredited: 'maybe' is not yes or no (expected true/false, "
        "yes/no, oui/non, 1/0 or empty)",
        f"{path}: row 2, column status: 'actif' is not one of 'active', 'inactive', "
        "'suspended', 'cancelled', 'draft', 'withdrawn', 'expired' (empty means 'active')",
        f"{path}: row 3, column certification: 'iso-18259-1' is not a known certification id; "
        "did you mean 'iso-18295-1', 'iso-18295-2' or 'iso-9001'?",
        f"{path}: row 3, column valid_until: '2023-01-01' is before valid_from '2024-01-01'",
        f"{path}: row 3, column sites: 'FR:100' differs from 'FR:120;RE:40' on row 2 for 'A'; "
        "give a vendor's sites on one row, or the same on each",
        f"{path}: row 4, column vendor: empty; every row needs the vendor's name",
        f"{path}: row 5, column certification: empty, but valid_from, status are filled in; "
        "give the certification id, or clear the certificate's cells",
        f"{path}: row 5, column sites: 'FR=3' is not a list of sites (expected COUNTRY:AGENTS "
        "or COUNTRY:AGENTS:NAME separated by ';', e.g. 'FR:120:Nantes;RE:40')",
        f"{path}: row 6, column valid_from: empty; a certificate needs its date (YYYY-MM-DD or "
        "DD/MM/YYYY)",
        f"{path}: row 6, column sites: in 'XX:1;FR:2', 'XX' is not an ISO 3166-1 alpha-2 "
        "country code",
        f"{path}: row 7, column vendor: 'a' differs only in case from 'A' on row 2; write a "
        "vendor's name the same way on each of its rows",
        f"{path}: row 8: 'stray' is in a column that the header does not name",
    ]


def test_csv_agents_must_be_whole_numbers(tmp_path: Path) -> None:
    """Agents are counted in whole numbers, within the sanity limit."""
    path = _write(tmp_path, "v.csv", "vendor,sites\nA,FR:1.5\nB,FR:2000000\n")
    assert _problems(path) == [
        f"{path}: row 2, column sites: in 'FR:1.5', '1.5' is not a whole number of agents",
        f"{path}: row 3, column sites: in 'FR:2000000', 2000000 is not a number of agents in "
        "0..1,000,000",
    ]


def test_semicolon_csv_reports_like_a_comma_csv(tmp_path: Path) -> None:
    """A ';'-delimited file is read as such, problems and all."""
    path = _write(tmp_path, "v.csv", "vendor;certification;valid_from\nA;iso-9001;31/02/2024\n")
    assert _problems(path) == [
        f"{path}: row 2, column valid_from: '31/02/2024' is not a date (expected YYYY-MM-DD or "
        "DD/MM/YYYY)"
    ]


def test_csv_limits(tmp_path: Path) -> None:
    """Limits point at the row that goes over them."""
    limits = Limits(max_vendors=1, max_certificates_per_vendor=1, max_sites_per_vendor=1)
    path = _write(
        tmp_path,
        "v.csv",
        "vendor,certification,valid_from,sites\n"
        "A,iso-9001,2024-01-01,FR:1;RE:2\nA,nf-345,2024-01-01,\nB,,,\n",
    )
    assert _problems(path, limits=limits) == [
        f"{path}: row 2, column sites: 2 sites, over the limit of 1 "
        f"({_to_accept('max_sites_per_vendor')})",
        f"{path}: row 3, column certification: 2 certificates, over the limit of 1 "
        f"({_to_accept('max_certificates_per_vendor')})",
        f"{path}: row 4, column vendor: 2 vendors, over the limit of 1 "
        f"({_to_accept('max_vendors')})",
    ]


def test_invalid_csv(tmp_path: Path) -> None:
    """What the csv module cannot read is named with its row."""
    path = _write(tmp_path, "v.csv", 'vendor\n"A' + "x" * 200_000 + "\n")
    assert _problems(path) == [
        f"{path}: row 2: invalid CSV (field larger than field limit (131072))"
    ]


# Criteria -------------------------------------------------------------------------------


def test_criteria_files_load() -> None:
    """The TOML example (a TOML date, weights as a table) and its JSON twin load equal."""
    criteria = load_criteria(DATA / "valid" / "criteria.toml")
    assert criteria == BuyerCriteria(
        required=("iso-18295-1",),
        results_obligation=Need.PREFER,
        france_only=Need.PREFER,
        valid_through=dt.date(2029, 12, 31),
        weights={"results_obligation": 3, "france_only": 2},
    )
    examples = Path(__file__).parent.parent / "docs" / "examples"
    assert load_criteria(examples / "criteria.json") == criteria


@pytest.mark.parametrize(
    ("name", "text", "messages"),
    [
        (
            "c.toml",
            "csr = prefer\n",
            ["invalid TOML: Invalid value (at line 1, column 7)"],
        ),
        (
            "c.toml",
            'csr = "prefered"\n',
            [
                "csr: 'prefered' is not one of 'ignore', 'prefer', 'require'",
            ],
        ),
        (
            "c.json",
            '{"csr": "prefer", "weights": {"crs": 2, "csr": -1}, "requred": []}',
            [
                "requred: unknown key 'requred'; allowed keys: 'required', 'results_obligation', "
                "'means_obligation', 'france_only', 'csr', 'weights', 'accept_equivalents', "
                "'valid_through', 'preferred_certifications', 'accept_ratings', "
                "'accept_awards', 'figures', 'minimum_levels', 'require_site_coverage', "
                "'equivalents'",
            ],
        ),
        (
            "c.json",
            '{"weights": {"crs": 2, "csr": -1}}',
            [
                "weights.crs: unknown criterion 'crs'; allowed: 'results_obligation', "
                "'means_obligation', 'france_only', 'csr', 'preferred_certifications'",
                "weights.csr: -1.0 is not a finite number >= 0",
            ],
        ),
        ("c.yaml", "", ["unsupported file type '.yaml'; expected .toml, .json"]),
    ],
)
def test_bad_criteria_files(tmp_path: Path, name: str, text: str, messages: list[str]) -> None:
    """Criteria problems name the file, the key and the bad value."""
    path = _write(tmp_path, name, text)
    with pytest.raises(InputError) as info:
        load_criteria(path)
    assert str(info.value).splitlines() == [f"{path}: {m}" for m in messages]


# Writing and round trips ------------------------------------------------------------------


def _stripped(text: str | None) -> str | None:
    return text if text is None else text.strip()


def _csv_safe(vendor: Vendor) -> Vendor:
    """The vendor with text a CSV file keeps: no space at either end."""
    certificates = [
        attrs.evolve(
            c,
            certificate_number=_stripped(c.certificate_number),
            certifying_body=_stripped(c.certifying_body),
        )
        for c in vendor.certificates
    ]
    return attrs.evolve(vendor, name=vendor.name.strip(), certificates=certificates)


@given(st.lists(vendors(), max_size=4, unique_by=lambda v: v.name))
def test_json_round_trip(workdir: Path, drawn: list[Vendor]) -> None:
    """dump -> load gives equal vendors, and dumping again gives the same file."""
    path = workdir / "round-trip.json"
    dump_vendors(drawn, path)
    loaded = load_vendors(path)
    assert loaded == drawn
    text = path.read_text(encoding="utf-8")
    dump_vendors(loaded, path)
    assert path.read_text(encoding="utf-8") == text


@given(st.lists(vendors().map(_csv_safe), max_size=4, unique_by=lambda v: v.name.casefold()))
def test_csv_round_trip(workdir: Path, drawn: list[Vendor]) -> None:
    """CSV keeps every field: dates, status, accreditation, sites, vendors without any."""
    path = workdir / "round-trip.csv"
    dump_vendors(drawn, path)
    assert load_vendors(path) == drawn


def test_csv_dump_is_spreadsheet_safe(tmp_path: Path) -> None:
    """Formula-like text is escaped in the file and read back as it was."""
    vendor = Vendor(
        '=HYPERLINK("http://x")',
        [
            HeldCertificate(
                "iso-9001", dt.date(2024, 1, 1), certificate_number="'-1", certifying_body="@b"
            )
        ],
        [Site("FR", 3)],
    )
    path = tmp_path / "v.csv"
    dump_vendors([vendor], path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert path.read_text(encoding="utf-8-sig").splitlines()[1] == (
        '"\'=HYPERLINK(""http://x"")",iso-9001,2024-01-01,,\'\'-1,\'@b,,active,FR:3'
    )
    assert load_vendors(path) == [vendor]


def test_dump_refuses_what_would_not_load_back(tmp_path: Path) -> None:
    """Duplicate names, and text a CSV would change, are refused before writing."""
    with pytest.raises(InputError) as info:
        dump_vendors([Vendor("A"), Vendor("A")], tmp_path / "v.json")
    assert (
        str(info.value)
        == "vendors[1].name: 'A' is also the name of vendors[0]; vendor names must be unique"
    )
    with pytest.raises(InputError) as info:
        dump_vendors([Vendor("A "), Vendor("a ")], tmp_path / "v.csv")
    assert str(info.value).splitlines() == [
        "vendors[0].name: 'A ' starts or ends with a space or line break, which a CSV file does "
        "not keep; remove it, or write JSON",
        "vendors[1].name: 'a ' and vendors[0]'s name differ only in case, which the CSV layout "
        "reads as a typing mistake",
        "vendors[1].name: 'a ' starts or ends with a space or line break, which a CSV file does "
        "not keep; remove it, or write JSON",
    ]
    assert not (tmp_path / "v.csv").exists()
    with pytest.raises(InputError) as info:
        dump_vendors([Vendor("A")], tmp_path / "v.xlsx")
    assert str(info.value) == "unsupported file type '.xlsx'; expected .json, .csv"


@given(buyer_criteria())
@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_criteria_round_trip(workdir: Path, suffix: str, criteria: BuyerCriteria) -> None:
    """dump_criteria -> load_criteria gives equal criteria, in TOML and JSON."""
    path = workdir / f"criteria{suffix}"
    dump_criteria(criteria, path)
    assert load_criteria(path) == criteria


def test_criteria_toml_is_readable(tmp_path: Path) -> None:
    """The TOML written leaves None out, uses a TOML date and escapes strings."""
    criteria = BuyerCriteria(required=('a"b\\c\x7f',), csr=Need.REQUIRE, weights={"csr": 0.5})
    path = tmp_path / "c.toml"
    dump_criteria(criteria, path)
    assert path.read_text(encoding="utf-8") == (
        'required = ["a\\"b\\\\c\\u007f"]\n'
        'results_obligation = "ignore"\n'
        'means_obligation = "ignore"\n'
        'france_only = "ignore"\n'
        'csr = "require"\n'
        "accept_equivalents = true\n"
        "preferred_certifications = []\n"
        "accept_ratings = false\n"
        "accept_awards = false\n"
        "\n"
        "[weights]\n"
        "csr = 0.5\n"
    )
    dump_criteria(attrs.evolve(criteria, valid_through=dt.date(2030, 1, 2)), path)
    assert "valid_through = 2030-01-02\n" in path.read_text(encoding="utf-8")


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


def test_row_paths_render_as_a_spreadsheet_user_says_them() -> None:
    """A path starting with a row names the column next; JSON paths are unchanged."""
    assert str(Problem(("row 5", "valid_from"), "m")) == "row 5, column valid_from: m"
    assert str(Problem(("row 5",), "m")) == "row 5: m"
    assert str(Problem(("vendors", 3, "name"), "m")) == "vendors[3].name: m"
    assert str(Problem(("rows", "x"), "m")) == "rows.x: m"
