"""Scores explain themselves on first read: the same values as scoring everything at once.

``ScoringPlan.score`` computes the total and eligibility on bits and integers and the
explanation only when it is read; ``ScoringPlan._explained`` is the reference: every
rule run in full, the total summed from its outcomes.
"""

import copy
import datetime as dt
import pickle
import threading

from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    BuyerCriteria,
    HeldCertificate,
    Need,
    ScoringPlan,
    Site,
    Vendor,
    VendorScore,
    converter,
)
from callcenter_certs.strategies import buyer_criteria, counting_certificates, dates, vendors

ON = dt.date(2026, 6, 1)


@given(vendors(), buyer_criteria(), dates())
def test_total_and_eligibility_match_the_rules(vendor, criteria, on):
    """Before any explanation is computed, total and eligibility are the full rules' ones."""
    plan = ScoringPlan(criteria, on=on)
    lazy = plan.score(vendor)
    eager = plan._explained(vendor)
    assert (lazy.total, lazy.eligible) == (eager.total, eager.eligible)
    assert lazy == eager
    assert hash(lazy) == hash(eager)
    assert converter.unstructure(lazy) == converter.unstructure(eager)


@given(st.lists(vendors(), max_size=4), buyer_criteria(), st.data())
def test_counting_certificates_near_the_date(vendor_list, criteria, data):
    """Certificates that count on the date, or just stop counting, agree too."""
    for vendor in vendor_list:
        extra = data.draw(counting_certificates(ON, criteria))
        shifted = HeldCertificate(
            extra.certification,
            extra.valid_from + dt.timedelta(days=data.draw(st.integers(-2, 2))),
        )
        plan = ScoringPlan(criteria, on=ON)
        for candidate in (
            Vendor(vendor.name, (*vendor.certificates, extra), vendor.sites),
            Vendor(vendor.name, (*vendor.certificates, shifted), vendor.sites),
        ):
            assert plan.score(candidate) == plan._explained(candidate)


def test_end_of_february():
    """A certificate from 29 February ends on 28 February of a common year, counted."""
    criteria = BuyerCriteria(means_obligation=Need.PREFER)
    vendor = Vendor("A", [HeldCertificate("iso-9001", dt.date(2024, 2, 29))])
    for on, total in [
        (dt.date(2027, 2, 28), 100.0),
        (dt.date(2027, 3, 1), 0.0),
    ]:
        score = ScoringPlan(criteria, on=on).score(vendor)
        assert score.total == total
        assert score == ScoringPlan(criteria, on=on)._explained(vendor)


def _pending(vendor=None):
    vendor = vendor or Vendor(
        "Acme", [HeldCertificate("nf-345", dt.date(2025, 1, 1))], [Site("FR", 3), Site("MA", 1)]
    )
    criteria = BuyerCriteria(results_obligation=Need.PREFER, france_only=Need.REQUIRE)
    plan = ScoringPlan(criteria, on=ON)
    return plan.score(vendor), plan._explained(vendor)


def test_every_way_of_reading_gives_the_explanation():
    """Fields, repr, pickle, copy and the converter all see the computed explanation."""
    for read in (
        lambda s: (s.knockouts, s.warnings, s.breakdown, s.not_counted),
        repr,
        lambda s: pickle.loads(pickle.dumps(s)),  # noqa: S301 - our own bytes
        copy.deepcopy,
        converter.unstructure,
        lambda s: converter.structure(converter.unstructure(s), VendorScore),
        VendorScore.explain,
    ):
        lazy, eager = _pending()
        assert read(lazy) == read(eager)
    lazy, eager = _pending()
    assert not lazy.eligible
    assert [str(k) for k in lazy.knockouts] == [
        "France-only staffing is required, but the vendor has staff in MA"
    ]


def test_threads_reading_at_once_see_one_explanation():
    """Threads reading a pending score at the same time all see the same values."""
    lazy, eager = _pending()
    seen = []
    barrier = threading.Barrier(4)

    def read():
        barrier.wait()
        seen.append((lazy.breakdown, lazy.knockouts, lazy.not_counted, lazy.warnings))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = (eager.breakdown, eager.knockouts, eager.not_counted, eager.warnings)
    assert seen == [expected] * 4
