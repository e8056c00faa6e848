"""The committee's workbook in French: sheet names, headers and every sentence."""

from __future__ import annotations

import datetime as dt
import importlib
import io
from pathlib import Path
from typing import Any

from callcenter_certs import rank_vendors
from callcenter_certs.formats.xlsx import write_ranking
from callcenter_certs.loaders import load_criteria, load_vendors
from test_french_output import assert_french

openpyxl: Any = importlib.import_module("openpyxl")  # in the test extra: never skipped

DEMO = Path(__file__).parent.parent / "src" / "callcenter_certs" / "data" / "demo"


def test_the_french_workbook_has_no_english_sentence() -> None:
    vendors = load_vendors(DEMO / "vendors.json")
    ranking = rank_vendors(vendors, load_criteria(DEMO / "criteria.toml"), on=dt.date(2026, 11, 27))
    book = openpyxl.load_workbook(io.BytesIO(write_ranking(ranking, lang="fr")))
    assert book.sheetnames == ["classement", "détail des notes", "avertissements", "critères"]
    texts = [
        value
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    # Vendors' names and criteria's names are the buyer's words, not ours.
    ours = [t for t in texts if t not in {v.name for v in vendors} and " " in t]
    assert ours, "the workbook holds sentences"
    assert_french("\n".join(ours))
    findings = [f for entry in ranking for f in (*entry.score.knockouts, *entry.score.warnings)]
    assert findings
    assert all(f.text("fr", catalog=ranking.catalog) in texts for f in findings)
