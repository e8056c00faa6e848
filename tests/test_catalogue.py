"""The built-in catalogue: the facts it must hold, its integrity, and load_catalog."""

import json
from pathlib import Path

import attrs
import pytest

from callcenter_certs import (
    CATALOG,
    Catalog,
    Certification,
    Domain,
    InputError,
    Kind,
    Obligation,
    Party,
    SchemeStatus,
    UnknownCertificationError,
    converter,
    load_catalog,
)
from callcenter_certs.certifications import FACT_FIELDS

REQUIRED_IDS = {
    "iso-9001",
    "iso-18295-1",
    "iso-18295-2",
    "nf-en-15838",
    "nf-345",
    "relation-client-france",
    "excellence-de-service",
    "lrs",
    "service-france-garanti",
    "engage-rse",
    "ecovadis",
    "escda",
}


def test_every_expected_id_is_present() -> None:
    """The ids the catalogue issue names are all there."""
    assert set(CATALOG) >= REQUIRED_IDS


def test_iso_9001_facts() -> None:
    """ISO 9001: 1987, means, seven principles, three years with yearly surveillance."""
    iso = CATALOG["iso-9001"]
    assert iso.first_published == 1987
    assert iso.obligation is Obligation.MEANS
    assert len(iso.principles) == 7
    assert iso.validity_years == 3
    assert iso.surveillance_interval_months == 12
    assert not iso.contact_centre_specific
    assert any("surveillance" in note for note in iso.notes)


def test_en_15838_is_withdrawn_and_superseded_by_iso_18295_1() -> None:
    """EN 15838: 2009, obligation unknown (article error 5), CSR, withdrawn 2017, superseded."""
    en = CATALOG["nf-en-15838"]
    assert en.superseded_by == "iso-18295-1"
    assert (en.first_published, en.withdrawn) == (2009, 2017)
    assert en.status is SchemeStatus.WITHDRAWN
    assert en.obligation is None
    assert Domain.SOCIAL_RESPONSIBILITY in en.domains
    assert en.contact_centre_specific
    assert any("NF 345" in note for note in en.notes)


def test_nf_345_is_a_running_results_scheme_not_replaced() -> None:
    """NF 345: AFNOR Certification's results scheme from 2004, not superseded."""
    nf = CATALOG["nf-345"]
    assert nf.obligation is Obligation.RESULTS
    assert nf.first_published == 2004
    assert nf.superseded_by is None
    assert nf.kind is Kind.CERTIFICATION_SCHEME
    assert nf.issuer == "AFNOR Certification"


def test_relation_client_france_dates_from_2021_and_is_france_only() -> None:
    """Relation Client France: 2021 (not 2009), France-only staffing, 100 %."""
    rcf = CATALOG["relation-client-france"]
    assert rcf.first_published == 2021
    assert rcf.france_only_staffing
    assert rcf.staff_in_france_min_percent == 100
    assert any("2009" in note for note in rcf.notes)
    assert rcf.validity_years is None  # single source only: left unknown


def test_iso_18295_part_2_binds_the_buyer() -> None:
    """Part 2 applies to clients of contact centres, part 1 to providers."""
    assert CATALOG["iso-18295-2"].applies_to == frozenset({Party.CLIENT})
    assert CATALOG["iso-18295-1"].applies_to == frozenset({Party.PROVIDER})
    assert CATALOG["iso-18295-1"].contact_centre_specific


def test_ratings_and_awards_are_not_certifications() -> None:
    """EcoVadis is a rating and ESCDA an award: neither is a certification."""
    assert CATALOG["ecovadis"].kind is Kind.RATING
    assert CATALOG["escda"].kind is Kind.AWARD
    assert not CATALOG["ecovadis"].is_certification
    assert CATALOG["nf-345"].is_certification


def test_excellence_de_service_is_separate_from_relation_client_france() -> None:
    """The part-4 label is its own entry, by AFNOR Certification and ESF."""
    label = CATALOG["excellence-de-service"]
    assert "Esprit de Service France" in label.issuer
    assert not label.france_only_staffing
    assert label.first_published is None


@pytest.mark.parametrize("entry", CATALOG.values(), ids=lambda e: e.id)
def test_every_set_fact_names_its_source(entry: Certification) -> None:
    """Each fact field that is set is supported by a source naming it."""
    assert entry.sources
    defaults = {f.name: f.default for f in attrs.fields(Certification)}
    for field in FACT_FIELDS:
        value = getattr(entry, field)
        if value is None or value in ((), frozenset()):
            continue
        if field != "status" and value == defaults[field]:
            continue  # the default (False, a provider's certificate) claims nothing
        assert entry.sources_for(field), f"{entry.id}.{field} = {value!r} has no source"


@pytest.mark.parametrize("entry", CATALOG.values(), ids=lambda e: e.id)
def test_years_are_plausible_and_ordered(entry: Certification) -> None:
    """Years fall between 1980 and the catalogue's date; withdrawal follows publication."""
    for year in (entry.first_published, entry.withdrawn):
        assert year is None or 1980 <= year <= 2026
    if entry.withdrawn is not None and entry.first_published is not None:
        assert entry.withdrawn >= entry.first_published
    assert (entry.status is SchemeStatus.WITHDRAWN) == (entry.withdrawn is not None)


def test_every_reference_resolves_and_no_chain_loops() -> None:
    """Supersession chains end, and every equivalent is a known id."""
    for cid, entry in CATALOG.items():
        chain = CATALOG.supersession_chain(cid)
        assert len(chain) == len(set(chain))
        assert entry.equivalents <= set(CATALOG)


def test_lookups() -> None:
    """By obligation, by domain, supersession chain and accepted ids."""
    results = {c.id for c in CATALOG.by_obligation(Obligation.RESULTS)}
    assert "nf-345" in results
    assert "iso-9001" not in results
    csr = {c.id for c in CATALOG.by_domain(Domain.SOCIAL_RESPONSIBILITY)}
    assert {"lrs", "engage-rse", "nf-en-15838"} <= csr
    assert CATALOG.supersession_chain("nf-en-15838") == ("nf-en-15838", "iso-18295-1")
    assert CATALOG.accepted_for("nf-en-15838") == {"nf-en-15838", "iso-18295-1"}


def test_unknown_id_suggests_the_closest() -> None:
    """A typo is an InputError and a KeyError naming the closest ids."""
    with pytest.raises(UnknownCertificationError) as info:
        CATALOG["iso-9010"]
    assert isinstance(info.value, InputError)
    assert isinstance(info.value, KeyError)
    assert "'iso-9001'" in str(info.value)


def test_catalogue_round_trips_through_converter() -> None:
    """The catalogue unstructures to JSON and back to an equal catalogue."""
    data = json.loads(json.dumps(converter.unstructure(CATALOG)))
    assert converter.structure(data, Catalog) == CATALOG
    assert len(CATALOG.digest) == 64


def _entry(cid: str, **extra: object) -> dict[str, object]:
    return {
        "id": cid,
        "short_name": cid.upper(),
        "name": f"The {cid} label",
        "issuer": "Someone",
        "kind": "label",
        "sources": ["example.org [issuer]"],
        **extra,
    }


def _write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_catalog_json_and_extends(tmp_path: Path) -> None:
    """A user's file adds a label to the built-in catalogue."""
    path = _write(tmp_path, "mine.json", {"version": "v1", "certifications": [_entry("my-label")]})
    own = load_catalog(path)
    assert list(own) == ["my-label"]
    merged = load_catalog(path, extends=CATALOG)
    assert "my-label" in merged
    assert "iso-9001" in merged
    assert merged.version == f"{CATALOG.version}+v1"


def test_load_catalog_toml(tmp_path: Path) -> None:
    """TOML works like JSON."""
    path = tmp_path / "mine.toml"
    path.write_text(
        'version = "v2"\n[[certifications]]\nid = "x-label"\nshort_name = "X"\nname = "X"\n'
        'issuer = "Y"\nkind = "label"\nsources = ["z [issuer]"]\n',
        encoding="utf-8",
    )
    assert load_catalog(path)["x-label"].kind is Kind.LABEL


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            [_entry("a-label"), _entry("a-label")],
            "mine.json: certifications[1].id: duplicate id 'a-label'",
        ),
        (
            [_entry("a-label", superseded_by="b-lable"), _entry("b-label")],
            "mine.json: certifications[0].superseded_by: 'b-lable' is not a known certification "
            "id; did you mean 'b-label'",
        ),
        (
            [
                _entry("a-label", superseded_by="b-label"),
                _entry("b-label", superseded_by="a-label"),
            ],
            "mine.json: certifications[0].superseded_by: supersession cycle: "
            "a-label -> b-label -> a-label",
        ),
        (
            [_entry("a-label", equivalents=["zzz"])],
            "mine.json: certifications[0].equivalents: 'zzz' is not a known certification id",
        ),
        (
            [_entry("a-label", kind="norm")],
            "mine.json: certifications[0].kind: 'norm' is not one of 'international standard', "
            "'European standard', 'French standard', 'certification scheme', 'label', 'rating', "
            "'award'",
        ),
        (
            [_entry("a-label", first_publshed=2001)],
            "mine.json: certifications[0].first_publshed: unknown key 'first_publshed'",
        ),
        (
            [_entry("A Label")],
            "mine.json: certifications[0].id: 'A Label' is not a valid id",
        ),
    ],
)
def test_load_catalog_refuses_bad_entries(
    tmp_path: Path, entries: list[object], message: str
) -> None:
    """Duplicates, unknown references, cycles and bad fields name the file and path."""
    path = _write(tmp_path, "mine.json", {"certifications": entries})
    with pytest.raises(InputError) as info:
        load_catalog(path)
    assert str(info.value).splitlines()[0].startswith(str(tmp_path / message))


def test_load_catalog_duplicate_of_builtin_points_into_the_file(tmp_path: Path) -> None:
    """Extending with an id the base already has is a duplicate at the file's index."""
    path = _write(tmp_path, "mine.json", {"certifications": [_entry("nf-345")]})
    with pytest.raises(InputError, match=r"certifications\[0\]\.id: duplicate id 'nf-345'"):
        load_catalog(path, extends=CATALOG)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.json", None, "no such file"),
        ("bad.json", "{", "line 1, column 2: invalid JSON"),
        ("bad.toml", "x = ", "invalid TOML"),
        ("bad.yaml", "x: 1", "unsupported file type '.yaml'"),
        ("empty.json", "", "invalid JSON"),
        ("list.json", "[]", "list is not a catalogue table"),
    ],
)
def test_load_catalog_refuses_bad_files(
    tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    """Unreadable files are InputErrors naming the file."""
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_catalog(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
