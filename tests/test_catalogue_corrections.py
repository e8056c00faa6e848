"""Issue 12: the catalogue's corrections, and the two switches for ratings and awards."""

import datetime as dt

import pytest

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    HeldCertificate,
    InputError,
    Need,
    Obligation,
    Vendor,
    distinctions_table,
    load_criteria,
    score_vendor,
)
from callcenter_certs.certifications import Party
from callcenter_certs.tables import entry_details

ON = dt.date(2026, 6, 1)


def test_escda_is_an_award_of_one_year_with_no_obligation():
    """Élu Service Client de l'Année: an award, no obligation of results, one year."""
    escda = CATALOG["escda"]
    assert escda.obligation is None
    assert escda.validity_years == 1
    assert escda.sources_for("validity_years")[0].startswith(
        "https://contactdistance.fr/2018/10/19/quand-les-services-clients-fetent-leurs-elus/"
    )


def test_en_15838_obligation_is_unknown_and_its_cycle_is_afnor_s():
    """NF EN 15838: the article's 'results' is marked wrong; three years from its start."""
    entry = CATALOG["nf-en-15838"]
    assert entry.obligation is None
    assert any("article error 5" in note for note in entry.notes)
    assert any(note.startswith("CSR:") for note in entry.notes)
    assert entry.validity_years == 3
    assert "CGV-CERTIF-0496-EN" in entry.sources_for("validity_years")[0]


def test_ecovadis_scorecards_last_twelve_months_with_medals_as_levels():
    """EcoVadis: valid 12 months (support article 219836967); four medals, lowest first."""
    entry = CATALOG["ecovadis"]
    assert entry.validity_years == 1
    assert "219836967" in entry.sources_for("validity_years")[0]
    assert entry.levels == ("bronze", "silver", "gold", "platinum")
    assert entry.sources_for("levels")


def test_engage_rse_levels():
    """Engagé RSE: Initial, Progression, Confirmé, Exemplaire."""
    assert CATALOG["engage-rse"].levels == ("Initial", "Progression", "Confirmé", "Exemplaire")


def test_relation_client_france_is_held_by_clients_and_owned_by_the_afrc():
    """Brands hold it for their customer service; its owners are the AFRC and Pro France."""
    entry = CATALOG["relation-client-france"]
    assert entry.applies_to == {Party.PROVIDER, Party.CLIENT}
    assert "France Garantie" in entry.issuer
    assert "SP2C" not in entry.issuer
    assert any("lagazettefrance.fr" in s for s in entry.sources_for("applies_to"))


def test_lrs_sets_no_staffing_share():
    """LRS: the 60 % was dropped for outsourcers after 2008; dated in the notes, not used."""
    entry = CATALOG["lrs"]
    assert entry.staff_in_france_min_percent is None
    assert any("2007" in note and "after 2008" in note for note in entry.notes)
    assert any("miroirsocial.com/node/48874" in s for s in entry.sources)


def test_iso_18295_1_is_mixed_scored_as_means():
    """ISO 18295-1: MEANS in the data, 'mixed, scored as means' in the table."""
    entry = CATALOG["iso-18295-1"]
    assert entry.obligation is Obligation.MEANS
    assert entry.mixed_obligation
    row = next(r for r in distinctions_table().rows if r[0] == "iso-18295-1")
    assert "mixed, scored as means" in row


def test_no_source_cites_the_unshipped_facts_or_an_elided_address():
    """Sources and notes cite no 'facts N.N' and no '...' in place of an address."""
    text = entry_details()
    assert "facts " not in text
    assert "..." not in text
    assert "…" not in text


def test_the_old_switch_is_refused_in_python():
    """accept_ratings_and_awards is an InputError naming the two new switches."""
    with pytest.raises(InputError) as error:
        BuyerCriteria(accept_ratings_and_awards=True)  # type: ignore[arg-type]
    problem = error.value.problems[0]
    assert problem.path == ("accept_ratings_and_awards",)
    assert "accept_ratings" in problem.message
    assert "accept_awards" in problem.message


def test_the_old_switch_is_refused_in_a_criteria_file(tmp_path):
    """A criteria file with the old key: the same message, at that key."""
    path = tmp_path / "criteria.toml"
    path.write_text("csr = 'require'\naccept_ratings_and_awards = true\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_criteria(path)
    (problem,) = error.value.problems
    assert problem.path == ("accept_ratings_and_awards",)
    assert "replaced by two switches: accept_ratings" in problem.message
    assert "accept_awards" in problem.message


def test_accepting_ratings_never_accepts_an_award():
    """An EcoVadis medal counts with accept_ratings; an ESCDA prize still does not."""
    vendor = Vendor(
        "A",
        [
            HeldCertificate("ecovadis", dt.date(2026, 1, 1)),
            HeldCertificate("escda", dt.date(2026, 1, 1)),
        ],
    )
    score = score_vendor(
        vendor,
        BuyerCriteria(csr=Need.REQUIRE, accept_ratings=True),
        on=ON,
    )
    assert score.eligible
    (refused,) = score.not_counted
    assert refused.certifications == ("escda",)
    assert "do not accept awards (accept_awards)" in refused.message
    awards = score_vendor(vendor, BuyerCriteria(accept_awards=True), on=ON)
    assert [f.certifications for f in awards.not_counted] == [("ecovadis",)]
