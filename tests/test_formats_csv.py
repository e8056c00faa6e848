"""The CSV vendor format: its columns, every problem with its row and column."""

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import HeldCertificate, InputError, Limits, Site, Vendor
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.files import _to_accept
from callcenter_certs.loaders import dump_vendors, load_vendors
from callcenter_certs.strategies import vendors
from conftest import HEADER, problems, write


def test_header_only_csv_has_no_vendor(tmp_path: Path) -> None:
    """A header without rows is a file of zero vendors, not an error."""
    assert load_vendors(write(tmp_path, "v.csv", HEADER)) == []


def test_csv_with_only_the_vendor_column(tmp_path: Path) -> None:
    """Only ``vendor`` is a required column; blank rows are skipped."""
    path = write(tmp_path, "v.csv", "Vendor\nA\n\n  \nB\nA\n")
    assert load_vendors(path) == [Vendor("A"), Vendor("B")]


def test_csv_undoes_the_formula_escape(tmp_path: Path) -> None:
    """A cell escaped with a leading quote loads as the text it escaped."""
    path = write(tmp_path, "v.csv", "vendor,certification,valid_from\n'=Acme,iso-9001,2024-01-01\n")
    assert load_vendors(path)[0].name == "=Acme"


def test_sites_in_the_same_multiset_agree(tmp_path: Path) -> None:
    """Sites given on two rows in another order, or in lower case, are the same sites."""
    rows = "vendor,sites\nA,FR:1;ma:2\nA,MA:2 ; FR:1;\n"
    assert load_vendors(write(tmp_path, "v.csv", rows)) == [
        Vendor("A", (), [Site("FR", 1), Site("MA", 2)])
    ]


# CSV errors -----------------------------------------------------------------------------


def test_empty_csv(tmp_path: Path) -> None:
    """A file without even a header row is an error that says what was expected."""
    path = write(tmp_path, "v.csv", "\n  \n")
    assert problems(path) == [
        f"{path}: empty file: expected a header row naming the columns, e.g. "
        "vendor,certification,valid_from,valid_until,certificate_number,certifying_body,"
        "accredited,status,sites"
    ]


def test_csv_header_problems(tmp_path: Path) -> None:
    """Unknown columns (with the closest), repeated ones and a missing vendor column."""
    path = write(tmp_path, "v.csv", "Valid_Unitl,certification,Certification\nx,y,z\n")
    allowed = (
        "vendor, certification, valid_from, valid_until, certificate_number, certifying_body, "
        "accredited, status, sites, sites_covered, accreditation_body, last_audit, level, score"
    )
    assert problems(path) == [
        f"{path}: row 1: unknown column 'valid_unitl'; allowed columns: {allowed}, "
        "figure:NAME (one per figure, e.g. figure:price), or their French headers "
        "(fournisseur, date de début...); did you mean 'valid_until'?",
        f"{path}: row 1: column 'certification' appears twice in the header",
        f"{path}: row 1: no 'vendor' column in the header (its columns: 'Valid_Unitl', "
        "'certification', 'Certification'); name the column of the vendors' names "
        "'vendor' or 'fournisseur'",
    ]


def test_csv_reports_every_problem_with_row_and_column(tmp_path: Path) -> None:
    """Every bad cell of every row, in row then column order, in one error."""
    path = write(
        tmp_path,
        "v.csv",
        HEADER
        + "A,iso-9001,2024-13-45,,,,maybe,activ,FR:120;RE:40\n"
        + "A,iso-18259-1,2024-01-01,2023-01-01,,,,,FR:100\n"
        + ",iso-9001,2024-01-01,,,,,,\n"
        + "B,,2024-01-01,,,,,active,FR=3\n"
        + "B,iso-9001,,,,,,,XX:1;FR:2\n"
        + "a,nf-345,2024-01-01,,,,,,FR:1.5\n"
        + "C,iso-9001,2024-01-01,,,,,,,stray\n",
    )
    assert problems(path) == [
        f"{path}: row 2, column valid_from: '2024-13-45' is not a date (expected YYYY-MM-DD or "
        "DD/MM/YYYY)",
        f"{path}: row 2, column accredited: 'maybe' is not yes or no (expected true/false, "
        "yes/no, oui/non, 1/0 or empty)",
        f"{path}: row 2, column status: 'activ' is not one of 'active', 'inactive', "
        "'suspended', 'cancelled', 'draft', 'withdrawn', 'expired', or in French 'actif', "
        "'inactif', 'suspendu', 'annulé', 'brouillon', 'retiré', 'expiré' (empty means 'active')",
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
        f"{path}: row 6, column sites: in 'XX:1;FR:2', 'XX' is not a country (an ISO 3166-1 "
        "code such as FR or FRA, or its name in English or French)",
        f"{path}: row 7, column vendor: 'a' differs from 'A' on row 2 only in case, accents, "
        "spaces or invisible characters; write a vendor's name the same way on each of its rows",
        f"{path}: row 8: 'stray' is in a column that the header does not name",
    ]


def test_csv_agents_must_be_whole_numbers(tmp_path: Path) -> None:
    """Agents are counted in whole numbers, within the sanity limit."""
    path = write(tmp_path, "v.csv", "vendor,sites\nA,FR:1.5\nB,FR:2000000\n")
    assert problems(path) == [
        f"{path}: row 2, column sites: in 'FR:1.5', '1.5' is not a whole number of agents",
        f"{path}: row 3, column sites: in 'FR:2000000', 2000000 is not a number of agents in "
        "0..1,000,000",
    ]


def test_semicolon_csv_reports_like_a_comma_csv(tmp_path: Path) -> None:
    """A ';'-delimited file is read as such, problems and all."""
    path = write(tmp_path, "v.csv", "vendor;certification;valid_from\nA;iso-9001;31/02/2024\n")
    assert problems(path) == [
        f"{path}: row 2, column valid_from: '31/02/2024' is not a date (expected YYYY-MM-DD or "
        "DD/MM/YYYY)"
    ]


def test_csv_limits(tmp_path: Path) -> None:
    """Limits point at the row that goes over them."""
    limits = Limits(max_vendors=1, max_certificates_per_vendor=1, max_sites_per_vendor=1)
    path = write(
        tmp_path,
        "v.csv",
        "vendor,certification,valid_from,sites\n"
        "A,iso-9001,2024-01-01,FR:1;RE:2\nA,nf-345,2024-01-01,\nB,,,\n",
    )
    assert problems(path, limits=limits) == [
        f"{path}: row 2, column sites: site 2 in this cell is over the limit of 1 per "
        f"vendor ({_to_accept('max_sites_per_vendor')})",
        f"{path}: row 3, column certification: certificate 2 of 'A' is over the limit of 1 "
        "per vendor "
        f"({_to_accept('max_certificates_per_vendor')})",
        f"{path}: row 4, column vendor: vendor 2 is over the limit of 1 vendors "
        f"({_to_accept('max_vendors')})",
    ]


def test_invalid_csv(tmp_path: Path) -> None:
    """What the csv module cannot read is named with its row."""
    path = write(tmp_path, "v.csv", 'vendor\n"A' + "x" * 200_000 + "\n")
    assert problems(path) == [
        f"{path}: row 2: a cell of more than 131,072 characters, the most the CSV reader takes "
        "(Python's csv module): a quote left open, or a cell to split (or this vendor to "
        "write in a JSON file)"
    ]


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


@given(st.lists(vendors().map(_csv_safe), max_size=4, unique_by=lambda v: _name_key(v.name)))
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


def test_problems_past_the_cap_are_counted_not_kept(tmp_path: Path) -> None:
    """A file of thousands of bad cells keeps the first problems and counts the rest."""
    from callcenter_certs._sheet import MAX_PROBLEMS  # noqa: PLC0415

    rows = "".join(f"V{i},,stray\n" for i in range(MAX_PROBLEMS + 250))
    path = write(tmp_path, "v.csv", "vendor,certification\n" + rows)
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    listed = caught.value.problems
    assert len(listed) == MAX_PROBLEMS + 1
    assert str(listed[0]) == "row 2: 'stray' is in a column that the header does not name"
    assert str(listed[-1]) == (
        f"and 250 more problems, not listed: the first {MAX_PROBLEMS:,} are; "
        "fix them and check again"
    )
