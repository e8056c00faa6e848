"""A ranking of no offer still knows its criteria's weights (a report, a workbook, a frame)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from callcenter_certs import load_criteria, load_vendors, rank_vendors

DEMO = Path(__file__).parent.parent / "src" / "callcenter_certs" / "data" / "demo"
ON = dt.date(2026, 11, 27)


def test_no_offer_keeps_the_weights_and_their_order() -> None:
    criteria = load_criteria(DEMO / "criteria.toml")
    empty = rank_vendors([], criteria, on=ON)
    full = rank_vendors(load_vendors(DEMO / "vendors.json"), criteria, on=ON)
    assert list(empty.weights.items()) == list(full.weights.items())
    assert empty.nominal_weights == full.nominal_weights
    assert empty.effective_weights == {}  # no offer separated by anything
    frame = empty.to_pandas()
    assert [c for c in frame.columns if c.startswith("points:")] == [
        f"points:{name}" for name in full.weights
    ]
