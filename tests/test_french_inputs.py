"""Vendors' answers as French buyers receive them: French headers, statuses, needs, files."""

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from callcenter_certs import (
    BuyerCriteria,
    CertificateStatus,
    InputError,
    Need,
    Vendor,
    dump_vendors,
    load_criteria,
    load_vendors,
    rank_vendors,
)
from callcenter_certs.cli import run
from callcenter_certs.schema import criteria_schema
from callcenter_certs.strategies import status_words

FRENCH = Path(__file__).parent / "data" / "french"
TENDER_FR = Path(__file__).parent.parent / "docs" / "examples" / "tender-fr.csv"
"""The French tender of the docs' examples: French headers, words and numbers."""


def test_the_french_tender_loads_to_the_same_vendors_as_its_canonical_twin() -> None:
    french = load_vendors(TENDER_FR)
    assert french == load_vendors(FRENCH / "tender-canonical.csv")
    assert [vendor.name for vendor in french] == [
        "Océane Contact",
        "Rivage Services",
        "Bocage Appels",
    ]


def test_the_french_tender_file_is_what_a_french_buyer_receives() -> None:
    data = TENDER_FR.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.count(";") == 8  # semicolons
    assert "N° de certificat" in header
    for written in ("LRS", "ISO 9001:2015", "Relation Client France", "La Réunion", "Maroc"):
        assert written in text
    for status in ("Suspendu", "expiré", "retirée", "annulé"):
        assert status in text


def _csv(tmp_path: Path, text: str, name: str = "v.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, **kwargs: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_vendors(path, **kwargs)
    return str(caught.value).splitlines()


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("fournisseur", "vendor"),
        ("Prestataire", "vendor"),
        ("Date de début", "valid_from"),
        ("DATE DE DEBUT", "valid_from"),
        ("début de validité", "valid_from"),
        ("date de fin", "valid_until"),
        ("Fin de validité", "valid_until"),
        ("expiration", "valid_until"),
        ("n° de certificat", "certificate_number"),
        ("Nº de certificat", "certificate_number"),
        ("numéro de certificat", "certificate_number"),
        ("Organisme certificateur", "certifying_body"),
        ("accrédité", "accredited"),
        ("Statut", "status"),
        ("implantations", "sites"),
    ],
)
def test_french_headers_are_matched_like_the_english_ones(
    tmp_path: Path, header: str, column: str
) -> None:
    english = {
        "vendor": "A",
        "valid_from": "2025-01-01",
        "valid_until": "2027-01-01",
        "certificate_number": "N-1",
        "certifying_body": "AFNOR Certification",
        "accredited": "oui",
        "status": "suspendu",
        "sites": "FR:10",
    }
    columns = ["vendor", "certification", "valid_from", column]
    cells = ["A", "nf-345", "2025-01-01", english[column]]
    if column in {"vendor", "valid_from"}:
        columns, cells = columns[:3], cells[:3]
    headers = [header if c == column else c for c in columns]
    path = _csv(tmp_path, ",".join(headers) + "\n" + ",".join(cells) + "\n")
    canonical = _csv(tmp_path, ",".join(columns) + "\n" + ",".join(cells) + "\n", "c.csv")
    assert load_vendors(path) == load_vendors(canonical)


def test_unknown_headers_are_suggested_from_both_languages(tmp_path: Path) -> None:
    path = _csv(tmp_path, "vendor,certification,numero certificat,validfrom\n")
    problems = _problems(path)
    assert problems[0].endswith(
        "unknown column 'numero certificat'; allowed columns: vendor, certification, "
        "valid_from, valid_until, certificate_number, certifying_body, accredited, status, "
        "sites, sites_covered, accreditation_body, last_audit, level, score, figure:NAME (one "
        "per figure, e.g. figure:price), or their French headers (fournisseur, date de "
        "début...); did you mean 'numéro de certificat' or 'n° de certificat'?"
    )
    assert problems[1].endswith("did you mean 'valid_from'?")
    assert "did you mean 'certification'" not in "\n".join(problems)


def test_no_vendor_column_lists_the_columns_the_file_has(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Nom;Certification;Date de début\nA;nf-345;01/01/2025\n")
    assert _problems(path) == [
        f"{path}: row 1: unknown column 'nom'; allowed columns: vendor, certification, "
        "valid_from, valid_until, certificate_number, certifying_body, accredited, status, "
        "sites, sites_covered, accreditation_body, last_audit, level, score, figure:NAME (one "
        "per figure, e.g. figure:price), or their French headers (fournisseur, date de "
        "début...)",
        f"{path}: row 1: no 'vendor' column in the header (its columns: 'Nom', "
        "'Certification', 'Date de début'); name the column of the vendors' names 'vendor' "
        "or 'fournisseur'",
    ]


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("actif", CertificateStatus.ACTIVE),
        ("Actif", CertificateStatus.ACTIVE),
        ("inactif", CertificateStatus.INACTIVE),
        ("Suspendu", CertificateStatus.SUSPENDED),
        ("suspendue", CertificateStatus.SUSPENDED),
        ("retiré", CertificateStatus.WITHDRAWN),
        ("RETIREE", CertificateStatus.WITHDRAWN),
        ("expiré", CertificateStatus.EXPIRED),
        ("expire", CertificateStatus.EXPIRED),
        ("annulé", CertificateStatus.CANCELLED),
        ("Annulée", CertificateStatus.CANCELLED),
        ("brouillon", CertificateStatus.DRAFT),
        ("Expired", CertificateStatus.EXPIRED),
    ],
)
def test_french_statuses(tmp_path: Path, written: str, status: CertificateStatus) -> None:
    path = _csv(
        tmp_path, f"vendor,certification,valid_from,status\nA,nf-345,2025-01-01,{written}\n"
    )
    (vendor,) = load_vendors(path)
    assert vendor.certificates[0].status is status


@given(status_words())
def test_every_drawn_status_word_is_read(drawn: tuple[str, CertificateStatus]) -> None:
    from callcenter_certs._sheet import _status  # noqa: PLC0415

    written, status = drawn
    assert _status(written) is status


def test_an_unknown_status_lists_both_languages(tmp_path: Path) -> None:
    path = _csv(tmp_path, "vendor,certification,valid_from,statut\nA,nf-345,2025-01-01,valide\n")
    assert _problems(path) == [
        f"{path}: row 2, column status: 'valide' is not one of 'active', 'inactive', "
        "'suspended', 'cancelled', 'draft', 'withdrawn', 'expired', or in French 'actif', "
        "'inactif', 'suspendu', 'annulé', 'brouillon', 'retiré', 'expiré' (empty means 'active')"
    ]


def test_a_semicolon_file_hints_at_quoting_the_sites_cell(tmp_path: Path) -> None:
    path = _csv(
        tmp_path, "vendor;certification;valid_from;sites\nA;nf-345;2025-01-01;FR:120;MA:80\n"
    )
    assert _problems(path) == [
        f"{path}: row 2: 'MA:80' is in a column that the header does not name; in a file "
        "separated by ';', a sites cell holding several sites is quoted: \"FR:120;MA:80\""
    ]


def test_a_comma_file_gives_no_quoting_hint(tmp_path: Path) -> None:
    path = _csv(tmp_path, "vendor,sites\nA,FR:1,stray\n")
    assert _problems(path) == [
        f"{path}: row 2: 'stray' is in a column that the header does not name"
    ]


def test_a_toml_decimal_comma_hints_at_the_decimal_point(tmp_path: Path) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text('csr = "prefer"\n[weights]\ncsr = 0,5\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_criteria(path)
    assert str(caught.value) == (
        f"{path}: invalid TOML: Expected newline or end of document after a statement (at line "
        "3, column 8); a number is written with a decimal point in TOML: 0.5, not 0,5"
    )


def test_other_toml_errors_give_no_decimal_hint(tmp_path: Path) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text('csr = "prefer\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_criteria(path)
    assert "decimal point" not in str(caught.value)


@pytest.mark.parametrize(
    ("written", "need"),
    [
        ("ignorer", Need.IGNORE),
        ("préférer", Need.PREFER),
        ("Préférer", Need.PREFER),
        ("preferer", Need.PREFER),
        ("exiger", Need.REQUIRE),
        ("EXIGER", Need.REQUIRE),
        ("require", Need.REQUIRE),
    ],
)
def test_french_needs_in_a_criteria_file(tmp_path: Path, written: str, need: Need) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text(f'france_only = "{written}"\n', encoding="utf-8")
    assert load_criteria(path).france_only is need


def test_an_unknown_need_lists_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text('csr = "exigé"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_criteria(path)
    assert str(caught.value) == (
        f"{path}: csr: 'exigé' is not one of 'ignore', 'prefer', 'require', or in French "
        "'ignorer', 'préférer', 'exiger'"
    )


def test_the_criteria_schema_lists_the_french_needs() -> None:
    assert criteria_schema()["properties"]["csr"]["enum"] == [
        "ignore",
        "prefer",
        "require",
        "ignorer",
        "préférer",
        "exiger",
    ]


# One vendor, one name ------------------------------------------------------------------


def test_oceane_and_oceane_without_its_accent_are_refused_naming_both_rows(
    tmp_path: Path,
) -> None:
    path = _csv(
        tmp_path,
        "fournisseur;certification;date de début\nOcéane Contact;nf-345;01/01/2025\n"
        "Oceane Contact;LRS;01/01/2025\n",
    )
    assert _problems(path) == [
        f"{path}: row 3, column vendor: 'Oceane Contact' differs from 'Océane Contact' on row 2 "
        "only in case, accents, spaces or invisible characters; write a vendor's name the same "
        "way on each of its rows"
    ]


def test_json_python_and_dump_refuse_colliding_keys(tmp_path: Path) -> None:
    vendors = [Vendor("Océane Contact"), Vendor("Oceane Contact")]
    message = re.escape("'Oceane Contact' and vendors[0]'s 'Océane Contact' differ only in case")
    with pytest.raises(InputError, match=message):
        rank_vendors(vendors, BuyerCriteria(), on=dt.date(2026, 1, 1))
    with pytest.raises(InputError, match=message):
        dump_vendors(vendors, tmp_path / "v.json")
    assert not (tmp_path / "v.json").exists()


def test_the_decision_keeps_each_name_as_written() -> None:
    ranking = rank_vendors(
        [Vendor("Océane\u00a0Contact"), Vendor("Rivage")], BuyerCriteria(), on=dt.date(2026, 1, 1)
    )
    assert [entry.vendor.name for entry in ranking] == ["Océane\u00a0Contact", "Rivage"]


# Command line --------------------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", ["rank", "explain", "sensitivity"])
def test_every_on_accepts_day_first_dates(tmp_path: Path, command: str) -> None:
    criteria = tmp_path / "c.toml"
    criteria.write_text('csr = "prefer"\n', encoding="utf-8")
    vendors = str(TENDER_FR)
    extra = {"explain": ["Rivage Services"], "sensitivity": ["--samples", "0"]}.get(command, [])
    iso = _run(command, vendors, *extra, "--criteria", str(criteria), "--on", "2026-06-30")
    day_first = _run(command, vendors, *extra, "--criteria", str(criteria), "--on", "30/06/2026")
    assert day_first[0] == 0
    assert day_first == iso


def test_demo_on_accepts_day_first_dates() -> None:
    assert _run("demo", "--on", "27/11/2026") == _run("demo", "--on", "2026-11-27")


def test_a_bad_day_first_date_is_refused() -> None:
    code, _, err = _run("demo", "--on", "31/02/2026")
    assert code == 2
    assert "'31/02/2026' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)" in err


def test_validate_criteria_prints_the_warnings_and_exits_0(tmp_path: Path) -> None:
    criteria = tmp_path / "c.toml"
    criteria.write_text('csr = "ignore"\n[weights]\ncsr = 3\n', encoding="utf-8")
    vendors = str(FRENCH / "tender-canonical.csv")
    code, out, _ = _run("validate", vendors, "--criteria", str(criteria))
    assert code == 0
    assert out.splitlines()[-2:] == [
        f"{criteria}: warning: the weight of csr has no effect: the criterion is ignore",
        f"{criteria}: criteria valid, 1 warning",
    ]


def test_validate_criteria_exits_1_for_a_problem(tmp_path: Path) -> None:
    criteria = tmp_path / "c.toml"
    criteria.write_text('required = ["iso-9010"]\n', encoding="utf-8")
    code, out, _ = _run(
        "validate", str(FRENCH / "tender-canonical.csv"), "--criteria", str(criteria)
    )
    assert code == 1
    assert out.splitlines()[-1] == "1 problem found"
