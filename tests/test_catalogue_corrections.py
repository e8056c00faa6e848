"""Issue 12: the catalogue's corrections, and the two switches for ratings and awards."""

import datetime as dt
import io
from pathlib import Path

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
from callcenter_certs.cli import run
from callcenter_certs.scoring import VendorScore
from callcenter_certs.tables import _entry_details as entry_details

ON = dt.date(2026, 6, 1)


def test_escda_is_an_award_of_one_year_with_no_obligation() -> None:
    """Élu Service Client de l'Année: an award, no obligation of results, one year."""
    escda = CATALOG["escda"]
    assert escda.obligation is None
    assert escda.validity_years == 1
    assert escda.sources_for("validity_years")[0].startswith(
        "https://contactdistance.fr/2018/10/19/quand-les-services-clients-fetent-leurs-elus/"
    )


def test_en_15838_obligation_is_unknown_and_its_cycle_is_afnor_s() -> None:
    """NF EN 15838: the article's 'results' is marked wrong; three years from its start."""
    entry = CATALOG["nf-en-15838"]
    assert entry.obligation is None
    assert any("article error 5" in note for note in entry.notes)
    assert any(note.startswith("CSR:") for note in entry.notes)
    assert entry.validity_years == 3
    assert "CGV-CERTIF-0496-EN" in entry.sources_for("validity_years")[0]


def test_ecovadis_scorecards_last_twelve_months_with_medals_as_levels() -> None:
    """EcoVadis: valid 12 months (support article 219836967); four medals, lowest first."""
    entry = CATALOG["ecovadis"]
    assert entry.validity_years == 1
    assert "219836967" in entry.sources_for("validity_years")[0]
    assert entry.levels == ("bronze", "silver", "gold", "platinum")
    assert entry.sources_for("levels")


def test_engage_rse_levels() -> None:
    """Engagé RSE: Initial, Progression, Confirmé, Exemplaire."""
    assert CATALOG["engage-rse"].levels == ("Initial", "Progression", "Confirmé", "Exemplaire")


def test_relation_client_france_is_held_by_clients_and_owned_by_the_afrc() -> None:
    """Brands hold it for their customer service; its owners are the AFRC and Pro France."""
    entry = CATALOG["relation-client-france"]
    assert entry.applies_to == {Party.PROVIDER, Party.CLIENT}
    assert "France Garantie" in entry.issuer
    assert "SP2C" not in entry.issuer
    assert any("lagazettefrance.fr" in s for s in entry.sources_for("applies_to"))


def test_lrs_sets_no_staffing_share() -> None:
    """LRS: the 60 % was dropped for outsourcers after 2008; dated in the notes, not used."""
    entry = CATALOG["lrs"]
    assert entry.staff_in_france_min_percent is None
    assert any("2007" in note and "after 2008" in note for note in entry.notes)
    assert any("miroirsocial.com/node/48874" in s for s in entry.sources)


def test_iso_18295_1_is_mixed_scored_as_means() -> None:
    """ISO 18295-1: MEANS in the data, 'mixed, scored as means' in the table."""
    entry = CATALOG["iso-18295-1"]
    assert entry.obligation is Obligation.MEANS
    assert entry.mixed_obligation
    row = next(r for r in distinctions_table().rows if r[0] == "iso-18295-1")
    assert "mixed, scored as means" in row


def test_no_source_cites_the_unshipped_facts_or_an_elided_address() -> None:
    """Sources and notes cite no 'facts N.N' and no '...' in place of an address."""
    text = entry_details()
    assert "facts " not in text
    assert "..." not in text
    assert "…" not in text


def test_the_old_switch_is_refused_in_python() -> None:
    """accept_ratings_and_awards is an InputError naming the two new switches."""
    with pytest.raises(InputError) as error:
        BuyerCriteria(accept_ratings_and_awards=True)  # type: ignore[arg-type]
    problem = error.value.problems[0]
    assert problem.path == ("accept_ratings_and_awards",)
    assert "accept_ratings" in problem.message
    assert "accept_awards" in problem.message


def test_the_old_switch_is_refused_in_a_criteria_file(tmp_path: Path) -> None:
    """A criteria file with the old key: the same message, at that key."""
    path = tmp_path / "criteria.toml"
    path.write_text("csr = 'require'\naccept_ratings_and_awards = true\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_criteria(path)
    (problem,) = error.value.problems
    assert problem.path == ("accept_ratings_and_awards",)
    assert "replaced by two switches: accept_ratings" in problem.message
    assert "accept_awards" in problem.message


def test_accepting_ratings_never_accepts_an_award() -> None:
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


def _one(
    certificate: HeldCertificate, criteria: BuyerCriteria | None = None, on: dt.date = ON
) -> VendorScore:
    return score_vendor(Vendor("A", [certificate]), criteria or BuyerCriteria(), on=on)


def test_a_withdrawn_scheme_s_certificate_counts_until_its_own_cycle_ends() -> None:
    """EN 15838 from 2016, no end date: AFNOR's three years, then not renewed."""
    old = HeldCertificate("nf-en-15838", dt.date(2016, 3, 1))
    score = _one(old, BuyerCriteria(csr=Need.PREFER), on=dt.date(2026, 6, 1))
    assert score.total == 0
    (why,) = score.not_counted
    assert why.message == (
        "the nf-en-15838 certificate does not count: it expired on 2019-03-01; "
        "nf-en-15838 was withdrawn in 2017, so it is not renewed"
    )
    assert _one(old, BuyerCriteria(csr=Need.PREFER), on=dt.date(2018, 6, 1)).total == 100


def test_a_certificate_issued_after_the_withdrawal_never_counts() -> None:
    """EN 15838 dated 2018, after its withdrawal in 2017: never counts, with the reason."""
    late = HeldCertificate("nf-en-15838", dt.date(2018, 1, 1), dt.date(2030, 1, 1))
    score = _one(late, BuyerCriteria(csr=Need.PREFER))
    assert score.total == 0
    assert score.not_counted[0].message == (
        "the nf-en-15838 certificate does not count: it is dated 2018-01-01, after "
        "nf-en-15838 was withdrawn in 2017: no certificate is issued to a withdrawn scheme; "
        "its successor is iso-18295-1"
    )


def test_a_certificate_dated_before_its_scheme_never_counts() -> None:
    """Relation Client France (2021) dated 1990: a typing mistake, never counts."""
    typo = HeldCertificate("relation-client-france", dt.date(1990, 1, 1), dt.date(2030, 1, 1))
    score = _one(typo, BuyerCriteria(france_only=Need.PREFER))
    assert score.total == 0
    assert score.not_counted[0].message == (
        "the relation-client-france certificate does not count: it is dated 1990-01-01, "
        "before relation-client-france existed (first published in 2021): a typing mistake? "
        "check the date"
    )


def test_validate_reports_a_certificate_dated_before_its_scheme(tmp_path: Path) -> None:
    """`validate` reports the 1990 Relation Client France certificate as a problem."""
    path = tmp_path / "vendors.csv"
    path.write_text(
        "vendor,certification,valid_from\nAcme,relation-client-france,1990-01-01\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert run(["validate", str(path)], stdout=out, stderr=io.StringIO()) != 0
    assert "before relation-client-france existed (first published in 2021)" in out.getvalue()
    assert "1 problem found" in out.getvalue()


def test_an_unconfirmed_scheme_that_decides_a_criterion_gives_a_warning() -> None:
    """NF 345's status is unconfirmed: deciding results_obligation, it is flagged."""
    score = _one(
        HeldCertificate("nf-345", dt.date(2025, 1, 1)),
        BuyerCriteria(results_obligation=Need.PREFER),
    )
    assert [w.message for w in score.warnings] == [
        "nf-345 decides results_obligation, but no recent source confirms that the scheme "
        "still runs: check the certificate with its issuer"
    ]
    quiet = _one(
        HeldCertificate("iso-9001", dt.date(2025, 1, 1), last_audit=dt.date(2026, 1, 15)),
        BuyerCriteria(means_obligation=Need.PREFER),
    )
    assert quiet.warnings == ()
