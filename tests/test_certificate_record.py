"""The certificate as registers record it (issue 12): sites, accreditation, audits, levels.

Read from every vendor format and written back by ``dump_vendors``; a certificate
naming an undeclared site, or a level its catalogue entry does not know, is an
InputError naming it.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    HeldCertificate,
    InputError,
    Need,
    ScoringPlan,
    Site,
    Vendor,
    converter,
    dump_criteria,
    dump_vendors,
    load_catalog,
    load_criteria,
    load_vendors,
    rank_vendors,
)
from callcenter_certs.schema import criteria_schema, vendors_schema

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
    with pytest.raises(InputError, match=r"'Lyon'.*its named sites: none"):
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


# -- rules: minimum levels -----------------------------------------------------------


def _score(vendor: Vendor, criteria: BuyerCriteria, on: dt.date = ON) -> list[str]:
    """The vendor's explanation, line by line."""
    return ScoringPlan(criteria, on=on).score(vendor).explain().splitlines()


MEDAL_CRITERIA = BuyerCriteria(
    csr=Need.REQUIRE, accept_ratings=True, minimum_levels={"ecovadis": "silver"}
)


def _medal(level: str | None) -> Vendor:
    return Vendor("A", [HeldCertificate("ecovadis", dt.date(2025, 9, 1), level=level)])


def test_a_certificate_below_the_minimum_level_does_not_count_with_the_reason() -> None:
    score = ScoringPlan(MEDAL_CRITERIA, on=ON).score(_medal("bronze"))
    assert not score.eligible
    assert [f.message for f in score.not_counted] == [
        "the ecovadis certificate does not count: its level bronze is below the buyer's "
        "minimum level silver for ecovadis (minimum_levels)"
    ]


@pytest.mark.parametrize("level", ["silver", "Gold", "platinum"])
def test_a_certificate_at_or_above_the_minimum_counts(level: str) -> None:
    score = ScoringPlan(MEDAL_CRITERIA, on=ON).score(_medal(level))
    assert score.eligible
    assert score.not_counted == ()


def test_a_certificate_stating_no_level_does_not_meet_a_minimum() -> None:
    score = ScoringPlan(MEDAL_CRITERIA, on=ON).score(_medal(None))
    assert [f.message for f in score.not_counted] == [
        "the ecovadis certificate does not count: it states no level, and the buyer's "
        "minimum level for ecovadis is silver (minimum_levels)"
    ]
    assert (
        ScoringPlan(BuyerCriteria(csr=Need.REQUIRE, accept_ratings=True), on=ON)
        .score(_medal(None))
        .eligible
    )


def test_the_numbers_and_the_words_agree_on_levels() -> None:
    plan = ScoringPlan(MEDAL_CRITERIA, on=ON)
    for level in (None, "bronze", "silver"):
        vendor = _medal(level)
        verdict = plan.measure(vendor)
        assert verdict is not None
        assert verdict[0] == plan.score(vendor).eligible


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        (
            {"ecovadis": "diamond"},
            "criteria.minimum_levels.ecovadis: 'diamond' is not a level of ecovadis; its "
            "levels, lowest first: 'bronze', 'silver', 'gold', 'platinum'",
        ),
        (
            {"iso-9001": "gold"},
            "criteria.minimum_levels.iso-9001: 'gold' is not a level of iso-9001, which has "
            "no levels in the catalogue",
        ),
        (
            {"ecovadys": "gold"},
            "criteria.minimum_levels.ecovadys: 'ecovadys' is not a known certification id; "
            "did you mean 'ecovadis'?",
        ),
    ],
)
def test_a_minimum_level_is_checked_against_the_catalogue(
    levels: dict[str, str], message: str
) -> None:
    with pytest.raises(InputError) as info:
        ScoringPlan(BuyerCriteria(minimum_levels=levels), on=ON)
    assert str(info.value).startswith(message)


def test_minimum_levels_must_be_a_table_of_texts() -> None:
    with pytest.raises(InputError, match=r"minimum_levels.ecovadis: 3 is not a level name"):
        BuyerCriteria(minimum_levels={"ecovadis": 3})  # type: ignore[dict-item]


# -- rules: site coverage ------------------------------------------------------------

SITES = [Site("FR", 120, "Nantes"), Site("MA", 40, "Rabat")]


def _iso(sites: tuple[str, ...] | None) -> Vendor:
    certificate = HeldCertificate(
        "iso-9001", dt.date(2025, 9, 1), sites=sites, last_audit=dt.date(2026, 3, 1)
    )
    return Vendor("A", [certificate], SITES)


COVERAGE = BuyerCriteria(means_obligation=Need.PREFER, require_site_coverage=True)
NO_COVERAGE = BuyerCriteria(means_obligation=Need.PREFER)


def test_required_coverage_a_certificate_leaving_a_site_out_does_not_count() -> None:
    score = ScoringPlan(COVERAGE, on=ON).score(_iso(("Nantes",)))
    assert score.total == 0.0
    assert [f.message for f in score.not_counted] == [
        "the iso-9001 certificate does not count: it does not cover the vendor's declared "
        "sites Rabat, and the buyer requires every declared site covered "
        "(require_site_coverage)"
    ]


def test_required_coverage_every_site_covered_counts_without_a_warning() -> None:
    score = ScoringPlan(COVERAGE, on=ON).score(_iso(("Rabat", "Nantes")))
    assert score.total == 100.0
    assert score.warnings == ()


def test_required_coverage_a_certificate_naming_no_site_counts_with_a_warning() -> None:
    score = ScoringPlan(COVERAGE, on=ON).score(_iso(None))
    assert score.total == 100.0
    assert [f.message for f in score.warnings] == [
        "the iso-9001 certificate does not state the sites it covers: its scope is not "
        "stated, so it counts for every declared site; ask the vendor for the certificate's "
        "scope (require_site_coverage)"
    ]


def test_an_unnamed_site_is_never_covered_by_name() -> None:
    certificate = HeldCertificate("iso-9001", dt.date(2025, 9, 1), sites=("Nantes",))
    vendor = Vendor("A", [certificate], [Site("FR", 120, "Nantes"), Site("RE", 4)])
    score = ScoringPlan(COVERAGE, on=ON).score(vendor)
    assert "the unnamed site in RE (4 agents)" in score.not_counted[0].message


def test_without_required_coverage_uncovered_sites_are_a_warning_naming_them() -> None:
    score = ScoringPlan(NO_COVERAGE, on=ON).score(_iso(("Nantes",)))
    assert score.total == 100.0
    (warning,) = score.warnings
    assert warning.message == "the iso-9001 certificate does not cover the declared sites Rabat"
    assert warning.countries == ("MA",)
    assert ScoringPlan(NO_COVERAGE, on=ON).score(_iso(None)).warnings == ()


# -- rules: surveillance audits --------------------------------------------------------


def _audited(start: dt.date, audit: dt.date | None, on: dt.date) -> list[str]:
    certificate = HeldCertificate("iso-9001", start, last_audit=audit)
    score = ScoringPlan(NO_COVERAGE, on=on).score(Vendor("A", [certificate]))
    assert score.total == 100.0  # overdue or not, it counts: the register decides
    return [f.message for f in score.warnings]


def test_an_overdue_surveillance_audit_is_a_warning_and_the_certificate_counts() -> None:
    assert _audited(dt.date(2025, 1, 10), dt.date(2025, 2, 1), ON) == [
        "the iso-9001 certificate: its last audit was on 2025-02-01, and iso-9001 is audited "
        "every 12 months: a surveillance audit was due by 2026-05-01 (the interval plus 3 "
        "months, ISO/IEC 17021-1 9.1.3); it still counts, but check its status in the register"
    ]


def test_without_an_audit_the_start_is_the_last_audit() -> None:
    (warning,) = _audited(dt.date(2025, 1, 31), None, ON)
    assert "no audit is recorded since its start on 2025-01-31" in warning
    assert "due by 2026-04-30" in warning  # 31 January + 15 months: the month's last day


def test_an_audit_within_the_interval_plus_three_months_is_no_warning() -> None:
    assert _audited(dt.date(2025, 1, 10), dt.date(2025, 3, 1), dt.date(2026, 6, 1)) == []
    assert _audited(dt.date(2025, 3, 1), None, dt.date(2026, 6, 1)) == []  # the last day
    assert len(_audited(dt.date(2025, 3, 1), None, dt.date(2026, 6, 2))) == 1


def test_a_scheme_without_an_audit_interval_gives_no_surveillance_warning() -> None:
    certificate = HeldCertificate("nf-345", dt.date(2024, 1, 1), dt.date(2027, 1, 1))
    plan = ScoringPlan(BuyerCriteria(results_obligation=Need.PREFER), on=ON)
    assert not any(
        "surveillance" in f.message for f in plan.score(Vendor("A", [certificate])).warnings
    )


# -- rules: the buyer's equivalents --------------------------------------------------


def test_a_buyer_equivalent_meets_a_required_id_and_says_so() -> None:
    criteria = BuyerCriteria(required=["engage-rse"], equivalents={"engage-rse": ["lrs"]})
    vendor = Vendor("A", [HeldCertificate("lrs", dt.date(2025, 1, 1))])
    score = ScoringPlan(criteria, on=ON).score(vendor)
    assert score.eligible
    (required,) = score.breakdown
    assert required.detail == "engage-rse met by the equivalent lrs, accepted by the buyer"
    assert not ScoringPlan(BuyerCriteria(required=["engage-rse"]), on=ON).score(vendor).eligible


def test_a_buyer_equivalent_of_a_preferred_id_says_so_too() -> None:
    criteria = BuyerCriteria(
        preferred_certifications=["engage-rse", "nf-345"], equivalents={"engage-rse": {"lrs"}}
    )
    vendor = Vendor("A", [HeldCertificate("lrs", dt.date(2025, 1, 1))])
    (preferred,) = ScoringPlan(criteria, on=ON).score(vendor).breakdown
    assert preferred.value == 0.5
    assert preferred.detail == (
        "1 of 2 held; missing: nf-345; engage-rse met by the equivalent lrs, accepted by the buyer"
    )


def test_buyer_equivalents_apply_without_the_catalogues() -> None:
    criteria = BuyerCriteria(
        required=["engage-rse"], equivalents={"engage-rse": ["lrs"]}, accept_equivalents=False
    )
    vendor = Vendor("A", [HeldCertificate("lrs", dt.date(2025, 1, 1))])
    assert ScoringPlan(criteria, on=ON).score(vendor).eligible


def test_equivalents_are_checked_against_the_catalogue() -> None:
    with pytest.raises(InputError) as info:
        ScoringPlan(BuyerCriteria(required=["lrs"], equivalents={"lrs": ["escda", "lsr"]}), on=ON)
    lines = str(info.value).splitlines()
    assert lines[0] == (
        "criteria.equivalents.lrs[0]: 'escda' can never count: it is an award, not a "
        "certification, and the criteria do not accept awards (accept_awards)"
    )
    assert lines[1] == (
        "criteria.equivalents.lrs[1]: 'lsr' is not a known certification id; did you mean 'lrs'?"
    )


def test_equivalents_of_an_id_neither_required_nor_preferred_are_a_warning() -> None:
    plan = ScoringPlan(BuyerCriteria(equivalents={"lrs": ["engage-rse"]}), on=ON)
    assert [f.message for f in plan.warnings] == [
        "the equivalents of lrs have no effect: lrs is neither required nor preferred"
    ]


@pytest.mark.parametrize(
    ("equivalents", "message"),
    [
        ({"lrs": "engage-rse"}, "equivalents.lrs: 'engage-rse' is not a list"),
        ({"lrs": ["lrs"]}, "equivalents.lrs: 'lrs' is listed as its own equivalent"),
        ({"lrs": ["a", "a"]}, r"equivalents.lrs\[1\]: 'a' is listed twice"),
    ],
)
def test_bad_equivalents_are_refused(equivalents: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        BuyerCriteria(equivalents=equivalents)  # type: ignore[arg-type]


# -- criteria files --------------------------------------------------------------------

RULES = BuyerCriteria(
    required=["engage-rse"],
    csr=Need.PREFER,
    minimum_levels={"ecovadis": "silver"},
    require_site_coverage=True,
    equivalents={"engage-rse": ["lrs", "ecovadis"]},
    accept_ratings=True,
)


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_dump_criteria_round_trips_the_new_rules(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"criteria{suffix}"
    dump_criteria(RULES, path)
    assert load_criteria(path) == RULES
    text = path.read_text(encoding="utf-8")
    assert "minimum_levels" in text
    assert "require_site_coverage" in text


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_criteria_without_the_new_rules_are_written_as_before(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"criteria{suffix}"
    dump_criteria(BuyerCriteria(csr=Need.PREFER), path)
    text = path.read_text(encoding="utf-8")
    for key in ("minimum_levels", "require_site_coverage", "[equivalents]", '"equivalents"'):
        assert key not in text


def test_a_criteria_file_with_the_new_rules(tmp_path: Path) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text(
        'required = ["engage-rse"]\nrequire_site_coverage = true\n\n'
        '[minimum_levels]\necovadis = "silver"\n\n[equivalents]\nengage-rse = ["lrs"]\n',
        encoding="utf-8",
    )
    criteria = load_criteria(path)
    assert dict(criteria.minimum_levels) == {"ecovadis": "silver"}
    assert dict(criteria.equivalents) == {"engage-rse": ("lrs",)}
    assert criteria.require_site_coverage


def test_the_criteria_schema_has_the_new_rules() -> None:
    properties = criteria_schema()["properties"]
    assert properties["minimum_levels"]["type"] == "object"
    assert properties["require_site_coverage"]["type"] == "boolean"
    assert properties["equivalents"]["additionalProperties"]["type"] == "array"


# -- the catalogue file ----------------------------------------------------------------


def _label(**fields: object) -> dict[str, object]:
    return {
        "id": "my-label",
        "short_name": "My label",
        "name": "My label",
        "issuer": "Me",
        "kind": "label",
        "sources": ["my notes [issuer]"],
        **fields,
    }


@pytest.mark.parametrize(
    "fields",
    [{"equivalents": ["engage-rse"]}, {"superseded_by": "iso-18295-1", "status": "withdrawn"}],
)
def test_a_catalogue_extending_the_built_in_one_may_name_its_ids(
    tmp_path: Path, fields: dict[str, object]
) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps({"version": "mine", "certifications": [_label(**fields)]}))
    catalog = load_catalog(path, extends=CATALOG)
    assert catalog.version == f"{CATALOG.version}+mine"
    assert "my-label" in catalog
    with pytest.raises(InputError, match="is not a known certification id"):
        load_catalog(path)  # standing alone, a built-in id is unknown


def test_an_extending_catalogue_still_refuses_unknown_ids_and_cycles(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps({"certifications": [_label(equivalents=["nowhere"])]}))
    with pytest.raises(InputError, match=r"certifications\[0\].equivalents: 'nowhere'"):
        load_catalog(path, extends=CATALOG)
    looped = [
        _label(superseded_by="my-other"),
        _label(id="my-other", superseded_by="my-label"),
    ]
    path.write_text(json.dumps({"certifications": looped}))
    with pytest.raises(InputError, match="supersession cycle"):
        load_catalog(path, extends=CATALOG)


def test_the_documented_example_catalogue_adds_a_label() -> None:
    catalog = load_catalog(Path("docs/examples/catalogue.toml"), extends=CATALOG)
    assert len(catalog) == len(CATALOG) + 1
    entry = catalog["example-csr-label"]
    assert entry.equivalents == frozenset({"engage-rse"})
    criteria = BuyerCriteria(
        required=["example-csr-label"], equivalents={"example-csr-label": ["lrs"]}
    )
    lrs = Vendor("A", [HeldCertificate("lrs", dt.date(2025, 1, 1))])
    score = ScoringPlan(criteria, on=ON, catalog=catalog).score(lrs)
    assert score.eligible
    assert score.breakdown[0].detail == (
        "example-csr-label met by the equivalent lrs, accepted by the buyer"
    )


def test_the_vendors_schema_describes_the_record() -> None:
    defs = vendors_schema()["$defs"]
    certificate = defs["HeldCertificate"]["properties"]
    assert certificate["sites"]["minItems"] == 1
    assert certificate["last_audit"]["format"] == "date"
    assert certificate["score"]["type"] == ["number", "null"]
    pattern = re.compile(defs["Site"]["properties"]["name"]["pattern"])
    assert pattern.search("Nantes")
    assert pattern.search("Saint Malo")
    for bad in ("Nantes;Rabat", "FR:3", " Nantes", ""):
        assert not pattern.search(bad)
