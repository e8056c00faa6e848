"""Ranking.to_rows, breakdown_rows, to_pandas, to_polars and the notebooks' HTML (#15)."""

import datetime as dt
import html
import importlib
import math
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from callcenter_certs import (
    BuyerCriteria,
    HeldCertificate,
    Need,
    Ranking,
    Site,
    Vendor,
    rank_vendors,
)
from callcenter_certs.loaders import load_criteria, load_vendors
from callcenter_certs.strategies import rankings

pd: Any = importlib.import_module("pandas")  # in the test extra: never skipped
pl: Any = importlib.import_module("polars")

DEMO = Path(__file__).parent.parent / "src" / "callcenter_certs" / "data" / "demo"
ON = dt.date(2026, 11, 27)
PLAIN = (int, float, str, bool, dt.date, type(None))


def _demo_ranking() -> Ranking:
    offers = load_vendors(DEMO / "vendors.json")
    return rank_vendors(offers, load_criteria(DEMO / "criteria.toml"), on=ON)


# to_rows --------------------------------------------------------------------------------


@given(rankings())
def test_to_rows_has_one_row_per_vendor_in_rank_order(ranking: Ranking) -> None:
    rows = ranking.to_rows()
    assert len(rows) == len(ranking)
    weighted = [f"points:{name}" for name in ranking.weights]
    for row, entry in zip(rows, ranking, strict=True):
        assert list(row) == [
            "rank",
            "vendor",
            "total",
            "eligible",
            *weighted,
            "knockouts",
            "warnings",
        ]
        assert all(type(value) in PLAIN for value in row.values())
        assert (row["rank"], row["vendor"]) == (entry.rank, entry.vendor.name)
        assert row["total"] == entry.total
        assert row["eligible"] is entry.score.eligible
        assert row["warnings"] == len(entry.score.warnings)
        assert row["knockouts"] == "; ".join(map(str, entry.score.knockouts))
        points = [float(str(row[name])) for name in weighted]
        if weighted and math.fsum(ranking.weights.values()):
            assert math.isclose(math.fsum(points), entry.total, abs_tol=1e-6)


@given(rankings())
def test_breakdown_rows_are_the_breakdowns_in_rank_order(ranking: Ranking) -> None:
    rows = ranking.breakdown_rows()
    expected = [(e.vendor.name, b.criterion) for e in ranking for b in e.score.breakdown]
    assert [(row["vendor"], row["criterion"]) for row in rows] == expected
    for row in rows:
        assert all(type(value) in PLAIN for value in row.values())
        assert row["need"] in {"require", "prefer"}


def test_to_rows_of_the_demo() -> None:
    rows = _demo_ranking().to_rows()
    assert rows[0] == {
        "rank": 1,
        "vendor": "Atlantide Contact",
        "total": 75.258064516,
        "eligible": True,
        "points:results_obligation": 10.0,
        "points:france_only": 6.0,
        "points:csr": 4.0,
        "points:price": 22.258064516,
        "points:technical": 33.0,
        "knockouts": "",
        "warnings": 5,
    }
    last = rows[-1]
    assert (last["rank"], last["vendor"], last["eligible"]) == (None, "Bocage Appels", False)
    assert last["knockouts"] == "technical 9 is below the minimum 10"


def test_breakdown_rows_of_the_demo() -> None:
    rows = _demo_ranking().breakdown_rows()
    assert list(rows[0]) == [
        "rank",
        "vendor",
        "criterion",
        "need",
        "met",
        "value",
        "weight",
        "points",
        "figure",
        "certificates",
        "detail",
    ]
    price = next(
        r for r in rows if r["vendor"] == "Atlantide Contact" and r["criterion"] == "price"
    )
    assert price["figure"] == 1240000.0
    assert price["weight"] == 40.0
    assert price["points"] == 22.258064516


# DataFrames ---------------------------------------------------------------------------


def test_to_pandas_is_to_rows_typed() -> None:
    ranking = _demo_ranking()
    frame = ranking.to_pandas()
    assert list(frame.columns) == list(ranking.to_rows()[0])
    assert len(frame) == len(ranking)
    assert str(frame["rank"].dtype) == "Int64"
    assert frame["rank"].isna().sum() == len(ranking.knocked_out)
    assert str(frame["eligible"].dtype) == "bool"
    assert str(frame["warnings"].dtype) == "int64"
    assert frame["total"].tolist() == [row["total"] for row in ranking.to_rows()]
    breakdown = ranking.to_pandas(breakdown=True)
    assert len(breakdown) == len(ranking.breakdown_rows())
    assert breakdown["figure"].isna().sum() == sum(
        row["figure"] is None for row in ranking.breakdown_rows()
    )


def test_to_polars_is_to_rows_typed() -> None:
    ranking = _demo_ranking()
    frame = ranking.to_polars()
    assert frame.columns == list(ranking.to_rows()[0])
    assert frame.to_dicts() == ranking.to_rows()
    assert frame.schema["rank"] == pl.Int64
    breakdown = ranking.to_polars(breakdown=True)
    assert breakdown.to_dicts() == ranking.breakdown_rows()


def test_empty_frames_keep_their_columns() -> None:
    ranking = rank_vendors([], BuyerCriteria(), on=ON)
    assert ranking.to_rows() == []
    assert list(ranking.to_pandas().columns) == [
        "rank",
        "vendor",
        "total",
        "eligible",
        "knockouts",
        "warnings",
    ]
    assert ranking.to_polars(breakdown=True).columns[:3] == ["rank", "vendor", "criterion"]


@pytest.mark.parametrize(("method", "library"), [("to_pandas", "pandas"), ("to_polars", "polars")])
def test_a_missing_library_says_how_to_install_it(
    method: str, library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, library, None)  # import raises ImportError
    ranking = rank_vendors([Vendor("A")], BuyerCriteria(), on=ON)
    with pytest.raises(ImportError) as info:
        getattr(ranking, method)()
    assert isinstance(info.value, ModuleNotFoundError)
    assert info.value.name == library
    assert str(info.value) == (
        f"{method}() needs {library}: pip install 'callcenter-certs[{library}]' "
        f"(or pip install {library})"
    )


def test_importing_the_package_imports_no_dataframe_library() -> None:
    import subprocess  # noqa: PLC0415

    code = (
        "import sys, callcenter_certs as c, datetime as d; "
        "r = c.rank_vendors([c.Vendor('A')], c.BuyerCriteria(), on=d.date(2026, 1, 1)); "
        "r.to_rows(); r.breakdown_rows(); r._repr_html_(); "
        "print(sorted({'pandas', 'polars', 'openpyxl'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


# HTML in notebooks ---------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script> & Co'


def _hostile_ranking() -> Ranking:
    certificate = HeldCertificate("iso-9001", dt.date(2024, 1, 1), certificate_number="<b>N°1</b>")
    vendors = [
        Vendor(HOSTILE, [certificate], [Site("FR", 10)]),
        Vendor("Bravo <i>", [], [Site("MA", 10)]),
    ]
    criteria = BuyerCriteria(required=("iso-9001",), france_only=Need.PREFER)
    return rank_vendors(vendors, criteria, on=ON)


def _text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_ranking_html_escapes_every_text() -> None:
    ranking = _hostile_ranking()
    markup = ranking._repr_html_()
    assert markup.startswith("<div><table>")
    assert "<script>" not in markup
    assert "<i>" not in markup
    assert html.escape(HOSTILE) in markup
    assert HOSTILE in _text_of(markup)
    assert "Bravo <i>" in _text_of(markup)
    assert markup.count("<tr>") == len(ranking) + 1
    for warning in ranking.warnings:
        assert str(warning) in _text_of(markup)


def test_score_html_escapes_every_text() -> None:
    ranking = _hostile_ranking()
    for entry in ranking:
        markup = entry.score._repr_html_()
        assert "<script>" not in markup
        assert "<b>" not in markup
        assert "<i>" not in markup
        text = _text_of(markup)
        assert entry.vendor.name in text
        assert markup.count("<tr>") == len(entry.score.breakdown) + 1
        for finding in (*entry.score.knockouts, *entry.score.warnings):
            assert str(finding) in text
