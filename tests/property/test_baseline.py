"""The library ranks as the benchmark's plain baseline does, on random awards.

``benchmarks/bench.py`` holds ``baseline_rank``: the rules written again by hand over
plain tuples and dicts, from the issue's words, without the engine. Run exactly
(``exact=True``), it must give the same ranks, names, totals, eligibility and
abnormally-low warnings as :func:`~callcenter_certs.rank_vendors`, for any criteria,
any date and any vendors the strategies draw, and on three examples of rules that
few drawn inputs reach (rounding half to even, 29 February, an abnormally low
offer). The events (``pytest --hypothesis-show-statistics``) show which rules the
drawn inputs reached.
"""

import datetime as dt
import importlib.util
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs
from hypothesis import event, example, given
from hypothesis import strategies as st

from callcenter_certs import (
    CATALOG,
    CRITERIA,
    Better,
    BuyerCriteria,
    Figure,
    HeldCertificate,
    Need,
    Scoring,
    Site,
    Vendor,
    converter,
    rank_vendors,
)
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.ranking import Ranking
from callcenter_certs.scoring import VendorScore
from callcenter_certs.strategies import (
    awards,
    buyer_criteria,
    counting_certificates,
    dates,
    sites,
    vendors,
)
from conftest import Award

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"
_SPEC = importlib.util.spec_from_file_location("callcenter_certs_bench", _PATH)
assert _SPEC is not None
assert _SPEC.loader is not None
bench = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = bench  # registered, as an import would
_SPEC.loader.exec_module(bench)

CATALOGUE = bench.plain_catalogue()


def plain(vendor: Vendor) -> Any:
    """A Vendor as the benchmark's plain tuple."""
    return (
        vendor.name,
        tuple(
            (
                c.certification,
                c.valid_from,
                c.valid_until,
                c.status.value,
                c.certificate_number,
                c.certifying_body,
                c.accredited,
                {"level": c.level, "sites": c.sites},
            )
            for c in vendor.certificates
        ),
        None
        if vendor.sites is None
        else tuple((s.country, s.agents, s.name) for s in vendor.sites),
        dict(vendor.figures),
    )


def _events(ranking: Ranking, criteria: BuyerCriteria) -> None:
    """Name the rules these inputs reached, from the library's own explanations."""
    eligible = ranking.eligible
    share = "none" if not eligible else "all" if len(eligible) == len(ranking) else "some"
    event(f"eligible: {share} of {min(len(ranking), 3)}{'+' if len(ranking) >= 3 else ''}")
    ranks = [e.rank for e in eligible]
    if len(set(ranks)) < len(ranks):
        event("a shared rank")
    for name in CRITERIA:
        event(f"{name}: {criteria.need(name).value}")
    if criteria.required:
        event(f"required ids, accept_equivalents={criteria.accept_equivalents}")
    for entry in ranking:
        _words(entry.score)
    for figure in criteria.figures:
        event(f"figure: {figure.scoring.value} {figure.better.value}")
        if figure.name not in criteria.weights:
            event("figure: weight not given (1)")
        if figure.scoring is not Scoring.SCALE:
            _relative(ranking, figure)


def _words(score: VendorScore) -> None:
    for knockout in score.knockouts:
        for what in ("no ", "below the minimum", "above the maximum", "is required"):
            if what in knockout.message:
                event(f"knock-out: {what.strip()}")
    for warning in score.warnings:
        if "abnormally low" in warning.message:
            event("abnormally low warning")
    for row in score.breakdown:
        if "clamped" in row.detail:
            event("relative figure clamped")
        if "met by the equivalent" in row.detail:
            event("an id met by an equivalent")
        if "accepted by the buyer" in row.detail:
            event("an id met by the buyer's equivalent")
    _record_rules(score)


def _record_rules(score: VendorScore) -> None:
    """The certificate record's rules (#12) these inputs reached."""
    for finding in score.not_counted:
        for rule in ("minimum_levels", "require_site_coverage"):
            if f"({rule})" in finding.message:
                event(f"not counted: {rule}")


def _relative(ranking: Ranking, figure: Figure) -> None:
    eligible = ranking.eligible
    offered = {
        e.vendor.figures[figure.name]
        for e in eligible or ranking
        if figure.name in e.vendor.figures
    }
    if offered and not eligible:
        event("relative figure: no eligible offer, compared with all")
    if eligible and any(figure.name in e.vendor.figures for e in ranking.knocked_out):
        event("relative figure: knocked-out offers beside eligible ones")
    if figure.scoring is Scoring.LINEAR and len(offered) == 1:
        event("linear: every reference value equal")


def _accepted(cid: str, criteria: BuyerCriteria) -> list[str]:
    return sorted(CATALOG.accepted_for(cid)) if criteria.accept_equivalents else [cid]


def _counting(
    draw: st.DrawFn,
    vendor: Vendor,
    criteria: BuyerCriteria,
    on: date,
) -> Vendor:
    """The vendor with certificates valid on ``on`` (one per required id, up to three more),
    and half the time staff in France only or undeclared."""
    days = st.integers(min_value=0, max_value=400).map(lambda n: dt.timedelta(days=n))
    extra = [
        HeldCertificate(
            draw(st.sampled_from(_accepted(cid, criteria))), on - draw(days), on + draw(days)
        )
        for cid in criteria.required
    ]
    extra += draw(st.lists(counting_certificates(on, criteria), max_size=3))
    named = sorted(s.name for s in vendor.sites or () if s.name is not None)
    if named:  # the sites each one covers, or not said
        covered = st.none() | st.lists(st.sampled_from(named), min_size=1, unique=True)
        extra = [attrs.evolve(c, sites=draw(covered)) for c in extra]
    declared: Sequence[Site] | None = vendor.sites
    certificates = (*vendor.certificates, *extra)
    if draw(st.booleans()):
        declared = draw(st.none() | st.lists(sites(in_france=True), min_size=1, max_size=2))
        # The new sites have no names: no certificate can name the ones it covers.
        certificates = tuple(attrs.evolve(c, sites=None) for c in certificates)
    return attrs.evolve(vendor, certificates=certificates, sites=declared)


@st.composite
def contests(draw: st.DrawFn) -> Award:
    """An award with figures, or criteria without; certificates that count; twins.

    The strategies' certificates rarely count on the date drawn: three vendors in four
    get certificates that count (see ``_counting``), so that eligible and knocked-out
    offers meet. Half the time a vendor has a twin under a name that differs, often
    only in case: the same offer, so that totals tie, or one 60 % cheaper on the
    figures where lower is better, so that offers are abnormally low.
    """
    if draw(st.booleans()):
        offers, criteria, on = draw(awards())
        if not offers:
            offers = [draw(vendors(name=st.just("Solo"), figures=criteria.figures))]
    else:  # now and then the certificate record's rules (#12)
        rules = draw(st.booleans())
        criteria, on = draw(buyer_criteria(rules=rules)), draw(dates())
        offers = draw(
            st.lists(
                vendors(records=rules),
                min_size=1,
                max_size=6,
                unique_by=lambda v: _name_key(v.name),
            )
        )
    boosted = [
        _counting(draw, vendor, criteria, on) if draw(st.integers(0, 3)) else vendor
        for vendor in offers
    ]
    if len(boosted) > 0 and draw(st.booleans()):
        twin = draw(st.sampled_from(boosted))
        # Another name key (names one key apart are refused as one vendor typed twice).
        keys = {_name_key(v.name) for v in boosted}
        name = twin.name + "~"
        while _name_key(name) in keys:
            name += "~"
        cut = draw(st.sampled_from((1, 0.4)))  # or far cheaper: abnormally low
        lower = {f.name for f in criteria.figures if f.better is Better.LOWER}
        figures = {
            key: max(round(value * cut, 2), 0.01) if key in lower else value
            for key, value in twin.figures.items()
        }
        boosted.append(attrs.evolve(twin, name=name, figures=figures))
    return boosted, criteria, on


_HALF_WAY = (  # 100 / 4096 = 0.0244140625: half to even gives ...062, half up ...063
    [Vendor("Half", [HeldCertificate("nf-345", dt.date(2026, 1, 1))])],
    BuyerCriteria(results_obligation=Need.PREFER, csr=Need.PREFER, weights={"csr": 4095}),
    dt.date(2026, 6, 1),
)
_LEAP_DAY = (  # a three-year certificate from 29 February 2024 ends on 28 February 2027
    [Vendor("Leap", [HeldCertificate("iso-9001", dt.date(2024, 2, 29))])],
    BuyerCriteria(means_obligation=Need.PREFER),
    dt.date(2027, 3, 1),
)
_CHEAP = (  # 45 < 0.5 x 100, the others' mean; not < 0.5 x 81.67, the mean of all three
    [Vendor(name, figures={"price": price}) for name, price in (("A", 100), ("B", 100), ("C", 45))],
    BuyerCriteria(
        figures=[Figure("price", Better.LOWER, Scoring.PROPORTIONAL, abnormally_low=0.5)]
    ),
    dt.date(2026, 6, 1),
)


@example(_HALF_WAY)
@example(_LEAP_DAY)
@example(_CHEAP)
@given(contests())
def test_the_library_ranks_as_the_baseline(contest: Award) -> None:
    """Same ranks, names, totals, eligibility and abnormally-low warnings as the baseline."""
    offers, criteria, on = contest
    ranking = rank_vendors(offers, criteria, on=on)
    flagged: list[tuple[str, str]] = []
    expected = bench.baseline_rank(
        [plain(v) for v in offers],
        converter.unstructure(criteria),
        CATALOGUE,
        on=on,
        exact=True,
        abnormally_low=flagged,
    )
    assert [(e.rank, e.vendor.name, e.total) for e in ranking] == expected
    assert [e.score.eligible for e in ranking] == [rank is not None for rank, _, _ in expected]
    warned = sorted(
        (e.vendor.name, w.criterion)
        for e in ranking
        for w in e.score.warnings
        if "abnormally low" in w.message
    )
    assert warned == sorted(flagged)
    _events(ranking, criteria)
