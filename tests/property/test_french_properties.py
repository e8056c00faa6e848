"""Properties of the French output (#15): every sentence of any ranking says itself in French."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import Ranking, rank_vendors
from callcenter_certs.strategies import award_figures, buyer_criteria, dates, rankings, vendors


@st.composite
def _record_rankings(draw: st.DrawFn) -> Ranking:
    """Rankings with the certificate record's rules: levels, sites covered, audits."""
    criteria = draw(buyer_criteria(figures=award_figures(), rules=True))
    count = draw(st.integers(min_value=0, max_value=4))
    drawn = [
        draw(vendors(name=st.just(f"V{index}"), figures=criteria.figures, records=True))
        for index in range(count)
    ]
    on: dt.date = draw(dates())
    return rank_vendors(drawn, criteria, on=on)


def _check(ranking: Ranking) -> None:
    """Every finding and detail keeps its words, says itself in French, and English is unchanged."""
    for warning in ranking.warnings:
        assert warning.words is not None, warning
        assert warning.text("fr")
    for entry in ranking:
        score = entry.score
        for finding in (*score.knockouts, *score.warnings, *score.not_counted):
            assert finding.words is not None, finding
            assert finding.text() == str(finding) == finding.words.text("en")
            assert finding.text("fr") != finding.message
        for row in score.breakdown:
            if row.detail:
                assert row.detail_words is not None, row
                assert row.detail_words.text("en") == row.detail
                assert row.detail_text("fr")
    assert ranking.explain(lang="en") == ranking.explain()
    assert bool(ranking.explain(lang="fr")) == bool(ranking.explain())


@given(rankings())
def test_every_sentence_of_a_ranking_says_itself_in_french(ranking: Ranking) -> None:
    _check(ranking)


@given(_record_rankings())
def test_every_sentence_of_the_certificate_record_says_itself_in_french(ranking: Ranking) -> None:
    _check(ranking)
