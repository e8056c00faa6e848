"""The Hypothesis strategies keep the promises their docstrings make to users.

Each strategy is drawn from and its values checked against what it says it draws:
ids known to the catalogue given (one of a user's own included), certificates that
count, figures' values in range, spellings that read back as what they spell.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import find, given
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    Catalog,
    CertificateStatus,
    Certification,
    Figure,
    Kind,
    Ranking,
    Site,
    Vendor,
    score_vendor,
)
from callcenter_certs._sheet import _status
from callcenter_certs._text import name_key
from callcenter_certs.countries import _FRANCE, _country_code
from callcenter_certs.criteria import Scoring
from callcenter_certs.strategies import (
    award_figures,
    buyer_criteria,
    certification_ids,
    certification_names,
    certifications,
    counting_certificates,
    country_names,
    dates,
    figure_values,
    figures,
    name_spellings,
    rankings,
    sites,
    status_words,
    vendors,
)

OWN = Certification(
    id="label-maison",
    short_name="Label maison",
    name="A buyer's own label",
    aliases=("Label Maison Qualité",),
    issuer="the buyer",
    kind=Kind.LABEL,
    sources=("the tender's rules [first_published]",),
)
"""A label of the buyer's own, in a catalogue beside the built-in entries."""
MINE = Catalog((*CATALOG.certifications, OWN), "with a label of my own")


@given(dates(dt.date(2020, 1, 1), dt.date(2020, 12, 31)))
def test_dates_stay_in_their_range(day: dt.date) -> None:
    assert dt.date(2020, 1, 1) <= day <= dt.date(2020, 12, 31)


@given(certification_ids(MINE))
def test_ids_are_known_to_the_catalogue_given(cid: str) -> None:
    assert cid in MINE


def test_ids_of_a_catalogue_include_its_own_entries() -> None:
    assert find(certification_ids(MINE), lambda cid: cid == OWN.id) == OWN.id


@given(sites(in_france=True), sites(in_france=False))
def test_sites_in_france_or_abroad_are_where_asked(home: Site, abroad: Site) -> None:
    assert home.country in _FRANCE
    assert abroad.country not in _FRANCE


@given(st.data(), dates(), buyer_criteria(MINE))
def test_a_counting_certificate_counts_on_its_date(
    data: st.DataObject, on: dt.date, criteria: BuyerCriteria
) -> None:
    held = data.draw(counting_certificates(on, criteria, MINE))
    score = score_vendor(Vendor("V", (held,)), criteria, on=on, catalog=MINE)
    assert held.certification in MINE
    assert not [f for f in score.not_counted if held.certification in f.certifications]


@given(vendors(MINE), buyer_criteria(MINE), dates())
def test_drawn_records_score_without_an_input_error(
    vendor: Vendor, criteria: BuyerCriteria, on: dt.date
) -> None:
    assert all(c.certification in MINE for c in vendor.certificates)
    score = score_vendor(vendor, criteria, on=on, catalog=MINE)
    assert 0 <= score.total <= 100


@given(st.data(), figures())
def test_figure_values_are_in_the_figures_range(data: st.DataObject, figure: Figure) -> None:
    value = data.draw(figure_values(figure))
    if figure.scoring is Scoring.SCALE:
        assert figure.out_of is not None
        assert 0 <= value <= figure.out_of
    elif figure.scoring is Scoring.PROPORTIONAL:
        assert value > 0
    else:
        assert value >= 0
    assert round(value, 2) == value


def test_a_marks_values_reach_its_top_and_never_pass_it() -> None:
    mark = Figure("technical", out_of=20)
    assert find(figure_values(mark), lambda value: value >= 20) == 20
    with pytest.raises(NoSuchExample):
        find(figure_values(mark), lambda value: value > 20)


@given(award_figures())
def test_an_awards_figures_have_distinct_names(drawn: list[Figure]) -> None:
    names = [figure.name for figure in drawn]
    assert len(names) <= 3
    assert len(set(names)) == len(names)


@given(rankings(MINE, max_vendors=4))
def test_a_ranking_holds_each_vendor_once_under_a_distinct_name_key(ranking: Ranking) -> None:
    keys = [name_key(entry.vendor.name) for entry in ranking]
    assert len(keys) == len(set(keys)) <= 4


@given(certification_names(MINE))
def test_a_certification_name_reads_back_as_its_id(pair: tuple[str, str]) -> None:
    written, cid = pair
    assert MINE.resolve(written) == cid


@given(country_names())
def test_a_country_name_reads_back_as_its_code(pair: tuple[str, str]) -> None:
    written, code = pair
    assert _country_code(written) == code


@given(status_words())
def test_a_status_word_reads_back_as_its_status(pair: tuple[str, CertificateStatus]) -> None:
    written, status = pair
    assert _status(written) is status


@given(st.data(), st.text(min_size=1, max_size=20).filter(str.strip))
def test_a_name_spelling_has_the_names_key(data: st.DataObject, name: str) -> None:
    name = name.strip()
    spelling = data.draw(name_spellings(name))
    assert name_key(spelling) == name_key(name)


@given(certifications(known_ids=("iso-9001",)))
def test_drawn_entries_refer_only_to_the_ids_given(entry: Certification) -> None:
    refers = {*entry.equivalents, *([entry.superseded_by] if entry.superseded_by else [])}
    assert refers <= {"iso-9001"}
