"""The certificate as registers record it (issue 12): sites, accreditation, audits, levels.

Read from every vendor format and written back by ``dump_vendors``; a certificate
naming an undeclared site, or a level its catalogue entry does not know, is an
InputError naming it.
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from callcenter_certs import (
    BuyerCriteria,
    HeldCertificate,
    InputError,
    Need,
    ScoringPlan,
    Site,
    Vendor,
    converter,
    dump_vendors,
    load_vendors,
    rank_vendors,
)

ON = dt.date(2026, 6, 1)

RECORDED = Vendor(
    "Atlantique Contact",
    [
        HeldCertificate(
            "iso-9001",
            dt.date(2025, 3, 1),
            certificate_number="FR-1",
            sites=("Nantes", "Rabat"),
            accreditation_body="COFRAC",
            last_audit=dt.date(2026, 2, 10),
        ),
        HeldCertificate(
            "ecovadis", dt.date(2025, 9, 1), level="gold", score=71.5, accreditation_body="-"
        ),
    ],
    [Site("FR", 120, "Nantes"), Site("MA", 40, "Rabat"), Site("RE", 5)],
)
PLAIN = Vendor("Plain", [HeldCertificate("nf-345", dt.date(2025, 1, 1))], [Site("FR", 3)])


def _problems(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return str(error.value).splitlines()


# -- the record ---------------------------------------------------------------------


def test_the_new_fields_are_optional_and_none_by_default() -> None:
    certificate = HeldCertificate("iso-9001", dt.date(2025, 1, 1))
    assert certificate.sites is None
    assert certificate.accreditation_body is None
    assert certificate.last_audit is None
    assert certificate.level is None
    assert certificate.score is None
    assert Site("FR", 3).name is None


def test_a_score_is_a_float_and_a_bool_is_refused() -> None:
    assert HeldCertificate("ecovadis", dt.date(2025, 1, 1), score=70).score == 70.0
    with pytest.raises(InputError, match="score: True is not a finite number"):
        HeldCertificate("ecovadis", dt.date(2025, 1, 1), score=True)


def test_an_audit_before_the_certificate_is_refused() -> None:
    with pytest.raises(InputError, match="last_audit: '2024-12-31' is before valid_from"):
        HeldCertificate("iso-9001", dt.date(2025, 1, 1), last_audit=dt.date(2024, 12, 31))


@pytest.mark.parametrize("sites", [(), ("Nantes", "Nantes"), "Nantes"])
def test_bad_lists_of_sites_are_refused(sites: object) -> None:
    with pytest.raises(InputError, match="sites"):
        HeldCertificate("iso-9001", dt.date(2025, 1, 1), sites=sites)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["", " Nantes", "Nantes;Rabat", "FR:3"])
def test_a_site_name_fits_the_spreadsheet_cell(name: str) -> None:
    with pytest.raises(InputError, match="name"):
        Site("FR", 3, name)


def test_a_certificate_naming_an_undeclared_site_is_an_input_error_naming_it() -> None:
    certificate = HeldCertificate("iso-9001", dt.date(2025, 1, 1), sites=("Lyon",))
    with pytest.raises(InputError) as info:
        Vendor("A", [certificate], [Site("FR", 3, "Nantes")])
    assert [str(problem) for problem in info.value.problems] == [
        "certificates[0].sites[0]: the certificate names the site 'Lyon', which the vendor "
        "does not declare (its named sites: 'Nantes')"
    ]
    with pytest.raises(InputError, match="'Lyon'.*its named sites: none"):
        Vendor("A", [certificate])


def test_two_sites_of_one_name_are_refused() -> None:
    with pytest.raises(InputError, match=r"sites\[1\].name: two sites are named 'Nantes'"):
        Vendor("A", sites=[Site("FR", 3, "Nantes"), Site("FR", 4, "Nantes")])


# -- files --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_dump_vendors_round_trips_the_record(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"vendors{suffix}"
    dump_vendors([RECORDED, PLAIN], path)
    assert load_vendors(path) == [RECORDED, PLAIN]


def test_json_keys_of_the_record(tmp_path: Path) -> None:
    path = tmp_path / "vendors.json"
    dump_vendors([RECORDED], path)
    data = json.loads(path.read_text(encoding="utf-8"))
    first, second = data["vendors"][0]["certificates"]
    assert first["sites"] == ["Nantes", "Rabat"]
    assert first["accreditation_body"] == "COFRAC"
    assert first["last_audit"] == "2026-02-10"
    assert (second["level"], second["score"]) == ("gold", 71.5)
    assert "level" not in first
    assert data["vendors"][0]["sites"][0] == {"country": "FR", "agents": 120, "name": "Nantes"}
    assert data["vendors"][0]["sites"][2] == {"country": "RE", "agents": 5}


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_files_without_the_new_fields_are_written_as_before(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"vendors{suffix}"
    dump_vendors([PLAIN], path)
    text = path.read_text(encoding="utf-8-sig")
    for key in ("sites_covered", "accreditation_body", "last_audit", "level", "score"):
        assert key not in text
    if suffix == ".json":
        vendor = json.loads(text)["vendors"][0]
        assert set(vendor["certificates"][0]) == {
            "certification",
            "valid_from",
            "valid_until",
            "certificate_number",
            "certifying_body",
            "accredited",
            "status",
        }
        assert vendor["sites"] == [{"country": "FR", "agents": 3}]
    else:
        assert text.splitlines()[1] == "Plain,nf-345,2025-01-01,,,,,active,FR:3"


def test_csv_columns_of_the_record(tmp_path: Path) -> None:
    path = tmp_path / "vendors.csv"
    dump_vendors([RECORDED], path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == (
        "vendor,certification,valid_from,valid_until,certificate_number,certifying_body,"
        "accredited,status,sites,sites_covered,accreditation_body,last_audit,level,score"
    )
    assert lines[1].endswith(",FR:120:Nantes;MA:40:Rabat;RE:5,Nantes;Rabat,COFRAC,2026-02-10,,")
    assert lines[2].endswith(",gold,71.5")


def test_a_spreadsheet_is_read_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "vendor;certification;valid_from;sites;sites_covered;accreditation_body;last_audit;"
        "level;score\n"
        'A;iso-9001;01/03/2025;"FR:120:Nantes; MA:40 : Rabat ";"Nantes ; Rabat";COFRAC;'
        "10/02/2026;;\n"
        'A;ecovadis;01/09/2025;;;;;Gold;"71,5"\n',
        encoding="utf-8",
    )
    (vendor,) = load_vendors(path)
    assert vendor.sites == (Site("FR", 120, "Nantes"), Site("MA", 40, "Rabat"))
    iso, medal = vendor.certificates
    assert iso.sites == ("Nantes", "Rabat")
    assert (iso.accreditation_body, iso.last_audit) == ("COFRAC", dt.date(2026, 2, 10))
    assert (medal.level, medal.score) == ("Gold", 71.5)


def test_an_excel_workbook_reads_the_same_columns(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["vendor", "certification", "valid_from", "sites", "sites_covered", "level"])
    sheet.append(["A", "engage-rse", dt.datetime(2025, 3, 1), "FR:12:Lille", "Lille", "Confirmé"])
    path = tmp_path / "v.xlsx"
    workbook.save(path)
    (vendor,) = load_vendors(path)
    assert vendor.certificates[0].sites == ("Lille",)
    assert vendor.certificates[0].level == "Confirmé"


def test_a_spreadsheet_naming_an_undeclared_site_names_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "vendor,certification,valid_from,sites,sites_covered\n"
        "A,iso-9001,2025-03-01,FR:120:Nantes,Nantes;Lyon\n"
        "A,nf-345,2025-03-01,FR:120:Nantes,Nantes\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_vendors(path)
    assert _problems(info) == [
        f"{path}: row 2, column sites_covered: names 'Lyon', not a site the vendor declares "
        "in its sites cell (COUNTRY:AGENTS:NAME; its named sites: 'Nantes')"
    ]


def test_a_spreadsheet_with_two_sites_of_one_name(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("vendor,sites\nA,FR:1:X;FR:2:X\n", encoding="utf-8")
    with pytest.raises(InputError, match="column sites: in 'FR:1:X;FR:2:X', two sites are"):
        load_vendors(path)


def test_json_naming_an_undeclared_site(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    certificate = {"certification": "iso-9001", "valid_from": "2025-01-01", "sites": ["Lyon"]}
    vendor = {"name": "A", "certificates": [certificate], "sites": [{"country": "FR", "agents": 1}]}
    path.write_text(json.dumps({"vendors": [vendor]}), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_vendors(path)
    assert _problems(info) == [
        f"{path}: vendors[0].certificates[0].sites[0]: the certificate names the site 'Lyon', "
        "which the vendor does not declare (its named sites: none)"
    ]


# -- levels, where the catalogue is known ------------------------------------------


_UNKNOWN_LEVEL = (
    "'diamond' is not a level of ecovadis; its levels, lowest first: 'bronze', 'silver', "
    "'gold', 'platinum'"
)


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_the_loaders_refuse_a_level_the_entry_does_not_know(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"v{suffix}"
    medal = HeldCertificate("ecovadis", dt.date(2025, 1, 1), level="diamond")
    dump_vendors([Vendor("A", [medal])], path)
    with pytest.raises(InputError) as info:
        load_vendors(path)
    where = "vendors[0].certificates[0].level" if suffix == ".json" else "row 2, column level"
    assert _problems(info) == [f"{path}: {where}: {_UNKNOWN_LEVEL}"]


def test_a_level_of_an_entry_without_levels() -> None:
    certificate = HeldCertificate("iso-9001", dt.date(2025, 1, 1), level="gold")
    plan = ScoringPlan(BuyerCriteria(means_obligation=Need.PREFER), on=ON)
    with pytest.raises(InputError) as info:
        plan.score(Vendor("A", [certificate]))
    assert _problems(info) == [
        "vendor.certificates[0].level: 'gold' is not a level of iso-9001, which has no levels "
        "in the catalogue"
    ]


def test_the_plan_refuses_a_level_the_entry_does_not_know() -> None:
    medal = HeldCertificate("ecovadis", dt.date(2025, 1, 1), level="diamond")
    criteria = BuyerCriteria(csr=Need.PREFER, accept_ratings=True)
    with pytest.raises(InputError) as info:
        rank_vendors([Vendor("A", [medal])], criteria, on=ON)
    assert _problems(info) == [f"vendors[0].certificates[0].level: {_UNKNOWN_LEVEL}"]
    with pytest.raises(InputError) as info:
        ScoringPlan(criteria, on=ON).score(Vendor("A", [medal]))
    assert _problems(info) == [f"vendor.certificates[0].level: {_UNKNOWN_LEVEL}"]


def test_a_level_is_matched_whatever_its_case() -> None:
    medal = HeldCertificate("ecovadis", dt.date(2025, 9, 1), level="Gold")
    criteria = BuyerCriteria(csr=Need.PREFER, accept_ratings=True)
    assert ScoringPlan(criteria, on=ON).score(Vendor("A", [medal])).total == 100.0


def test_the_converter_round_trips_a_named_site() -> None:
    data = converter.unstructure(RECORDED)
    assert converter.structure(data, Vendor) == RECORDED
