"""Certification names as written: each catalogue entry's aliases, read as its id."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    Catalog,
    Certification,
    HeldCertificate,
    InputError,
    Kind,
    UnknownCertificationError,
    Vendor,
    load_catalog,
    load_vendors,
    rank_vendors,
)
from callcenter_certs._sheet import noting
from callcenter_certs.cli import run
from callcenter_certs.strategies import certification_names

ISSUE_NAMES = {
    "LRS": "lrs",
    "Label de Responsabilité Sociale": "lrs",
    "ISO 9001:2015": "iso-9001",
    "ISO 18295-1": "iso-18295-1",
    "ISO 18295-1:2017": "iso-18295-1",
    "NF EN ISO 18295-1": "iso-18295-1",
    "NF 345": "nf-345",
    "NF Service Relation client": "nf-345",
    "Relation Client France": "relation-client-france",
}
"""The names the issue cites, as vendors write them, and the id each is."""


@pytest.mark.parametrize(("written", "cid"), ISSUE_NAMES.items())
def test_the_names_vendors_write_are_aliases(written: str, cid: str) -> None:
    assert written in CATALOG[cid].aliases or CATALOG.resolve(written) == cid
    assert CATALOG.resolve(written) == cid


def test_every_entry_has_its_names_with_and_without_the_edition_year() -> None:
    assert {"ISO 9001", "ISO 9001:2015"} <= set(CATALOG["iso-9001"].aliases)
    for part in ("1", "2"):
        assert {f"ISO 18295-{part}", f"ISO 18295-{part}:2017", f"NF EN ISO 18295-{part}"} <= set(
            CATALOG[f"iso-18295-{part}"].aliases
        )
    assert all(entry.aliases for entry in CATALOG.values())


def test_aliases_are_sourced() -> None:
    """An alias is an official name: each entry's aliases are supported by a source."""
    for entry in CATALOG.values():
        assert entry.sources_for("aliases"), entry.id


@pytest.mark.parametrize(
    ("written", "cid"),
    [
        ("iso 18295-1", "iso-18295-1"),
        ("ISO18295-1", "iso-18295-1"),
        ("iso_18295_1", "iso-18295-1"),
        ("  NF-345 ", "nf-345"),
        ("Nf 345", "nf-345"),
        ("label de responsabilite sociale", "lrs"),
        ("LABEL DE RESPONSABILITÉ SOCIALE", "lrs"),
        ("Elu service client de l'annee", "escda"),
        ("engage rse", "engage-rse"),
        ("l.r.s.", "lrs"),
    ],
)
def test_ids_and_aliases_match_ignoring_case_accents_spaces_hyphens_punctuation(
    written: str, cid: str
) -> None:
    assert CATALOG.resolve(written) == cid


def test_parts_and_unknown_names_stay_apart() -> None:
    assert CATALOG.resolve("ISO 18295-2") == "iso-18295-2"
    assert CATALOG.resolve("ISO 9002") is None
    assert CATALOG.resolve("ISO 18295") is None  # which part? not guessed
    assert CATALOG.resolve("") is None


@given(certification_names())
def test_every_drawn_name_resolves_to_its_id(drawn: tuple[str, str]) -> None:
    written, cid = drawn
    assert CATALOG.resolve(written) == cid


def _entry(cid: str, aliases: tuple[str, ...]) -> Certification:
    return Certification(
        id=cid,
        short_name=cid,
        name=cid,
        issuer="test",
        kind=Kind.LABEL,
        aliases=aliases,
        sources=("test [aliases]",),
    )


def test_an_alias_claimed_by_two_entries_is_a_catalogue_error() -> None:
    with pytest.raises(InputError) as caught:
        Catalog([_entry("one", ("Label Un",)), _entry("two", ("label-un", "Deux"))])
    (problem,) = caught.value.problems
    assert problem.path == ("certifications", 1, "aliases", 0)
    assert problem.message == (
        "alias 'label-un' is also 'Label Un', a name of 'one': a name two entries claim would "
        "be read as either; keep it on one"
    )


def test_an_alias_that_is_another_entrys_id_is_a_catalogue_error() -> None:
    with pytest.raises(InputError, match="alias 'ONE' is the id 'one' written another way"):
        Catalog([_entry("one", ()), _entry("two", ("ONE",))])


def test_an_alias_of_the_entrys_own_id_is_fine() -> None:
    catalog = Catalog([_entry("nf-345", ("NF 345",))])
    assert catalog.resolve("nf 345") == "nf-345"


def test_one_entry_lists_a_name_once() -> None:
    with pytest.raises(InputError, match="'NF-345' is 'NF 345' written another way"):
        _entry("x", ("NF 345", "NF-345"))
    with pytest.raises(InputError, match="has no letter or digit"):
        _entry("x", ("--",))


def test_a_users_catalogue_cannot_claim_a_builtin_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'version = "1"\n[[certifications]]\nid = "my-label"\nshort_name = "Mine"\n'
        'name = "Mine"\nissuer = "me"\nkind = "label"\naliases = ["LRS"]\nsources = ["me"]\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_catalog(path, extends=CATALOG)
    assert str(caught.value) == (
        f"{path}: certifications[0].aliases[0]: alias 'LRS' is the id 'lrs' written another "
        "way: a name two entries claim would be read as either; keep it on one"
    )


def test_a_spreadsheet_holds_the_canonical_id_and_notes_each_normalisation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "vendor,certification,valid_from\nA,LRS,2025-01-01\nA,iso-9001,2025-01-01\n"
        "B,NF EN ISO 18295-1,2025-01-01\n",
        encoding="utf-8",
    )
    with noting() as notes:
        vendors = load_vendors(path)
    assert [c.certification for v in vendors for c in v.certificates] == [
        "lrs",
        "iso-9001",
        "iso-18295-1",
    ]
    assert [str(note) for note in notes] == [
        "row 2, column certification: 'LRS' is read as the certification id 'lrs'",
        "row 4, column certification: 'NF EN ISO 18295-1' is read as the certification id "
        "'iso-18295-1'",
    ]


def test_validate_lists_each_normalisation_as_a_note(tmp_path: Path) -> None:
    import io  # noqa: PLC0415

    path = tmp_path / "v.csv"
    path.write_text("vendor,certification,valid_from\nA,ISO 9001:2015,2025-01-01\n", "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run(["validate", str(path)], stdout=out, stderr=err) == 0
    assert out.getvalue().splitlines() == [
        f"{path}: note: row 2, column certification: 'ISO 9001:2015' is read as the "
        "certification id 'iso-9001'",
        f"{path}: 1 vendor, no problem found",
    ]


def test_an_unknown_name_suggests_ids(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("vendor,certification,valid_from\nA,ISO 9002,2025-01-01\n", "utf-8")
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    assert str(caught.value) == (
        f"{path}: row 2, column certification: 'ISO 9002' is not a known certification id; "
        "did you mean 'iso-9001'?"
    )


def test_python_constructors_stay_strict_and_name_the_id() -> None:
    vendor = Vendor("A", [HeldCertificate("LRS", dt.date(2025, 1, 1))])
    with pytest.raises(InputError) as caught:
        rank_vendors([vendor], BuyerCriteria(), on=dt.date(2025, 6, 1))
    assert caught.value.problems[0].message == (
        "'LRS' is not a known certification id; did you mean 'lrs'? 'LRS' is a name of 'lrs', "
        "which a spreadsheet may hold; here the id is needed"
    )
    with pytest.raises(InputError, match="did you mean 'iso-18295-1'"):
        rank_vendors([], BuyerCriteria(required=["ISO 18295-1"]), on=dt.date(2025, 6, 1))
    with pytest.raises(UnknownCertificationError) as unknown:
        CATALOG["NF 345"]
    assert unknown.value.suggestions == ("nf-345",)


def test_json_files_hold_ids_and_name_the_alias(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_text(
        '{"vendors": [{"name": "A", "certificates": '
        '[{"certification": "ISO 9001:2015", "valid_from": "2025-01-01"}]}]}',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    assert str(caught.value) == (
        f"{path}: vendors[0].certificates[0].certification: 'ISO 9001:2015' is not a known "
        "certification id; did you mean 'iso-9001'? 'ISO 9001:2015' is a name of 'iso-9001', "
        "which a spreadsheet may hold; here the id is needed"
    )


def test_the_id_itself_written_another_way_is_only_suggested() -> None:
    assert str(CATALOG.unknown("nf345")) == (
        "'nf345' is not a known certification id; did you mean 'nf-345'?"
    )


@given(st.sampled_from(sorted(CATALOG)))
def test_an_id_resolves_to_itself(cid: str) -> None:
    assert CATALOG.resolve(cid) == cid
    assert CATALOG.resolve(cid.upper().replace("-", " ")) == cid
