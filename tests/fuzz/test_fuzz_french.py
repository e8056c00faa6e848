"""Fuzz: a spreadsheet written as a French buyer receives it loads as its canonical twin.

Valid vendors are written in the spreadsheet layout, then each cell a person may write
another way is rewritten: French headers, certification names (aliases, case, accents,
spaces, punctuation), statuses in French, countries by name or alpha-3 code. The file
must load to the same vendors, with one note per rewritten cell. A second spelling of a
vendor's name (same name key) must be refused naming both, in CSV, JSON and Python.
"""

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from _inputs import csv_rows, vendor_lists
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from callcenter_certs import BuyerCriteria, CertificateStatus, InputError, Vendor, rank_vendors
from callcenter_certs._sheet import _FRENCH_COLUMNS, noting
from callcenter_certs._text import name_key as _name_key
from callcenter_certs.loaders import load_vendors
from callcenter_certs.strategies import (
    certification_names,
    country_names,
    name_spellings,
    status_words,
)

LARGE = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-french")


def _write(workdir: Path, name: str, text: str, *, bom: bool = False) -> Path:
    path = workdir / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _sites(data: st.DataObject, cell: str) -> tuple[str, int]:
    """The sites cell with its countries written another way, and how many notes that makes."""
    parts = []
    notes = 0
    for site in cell.split(";"):
        country, _, rest = site.partition(":")
        written, _ = data.draw(country_names(code=country))
        if written.strip().upper() != country:
            notes += 1
        parts.append(f"{written}:{rest}")
    return ";".join(parts), notes


def _status_words(status: CertificateStatus) -> st.SearchStrategy[tuple[str, CertificateStatus]]:
    return status_words().filter(lambda drawn: drawn[1] is status)


def _frenchified(data: st.DataObject, rows: list[list[str]]) -> tuple[list[list[str]], int]:
    """Rows written as a French buyer receives them, and the number of notes expected."""
    header = rows[0]
    french = [
        data.draw(st.sampled_from((column, *_FRENCH_COLUMNS.get(column, ())))) for column in header
    ]
    out = [french]
    notes = 0
    certification, status, sites = (header.index(c) for c in ("certification", "status", "sites"))
    seen_sites: dict[str, str] = {}
    for row in rows[1:]:
        row = list(row)  # noqa: PLW2901 - a copy, rewritten
        if row[certification]:
            written, _ = data.draw(certification_names(certification=row[certification]))
            notes += written.strip() != row[certification]
            row[certification] = written
        if row[status]:
            row[status], _ = data.draw(_status_words(CertificateStatus(row[status])))
        if row[sites]:  # the same text on each of a vendor's rows, as the layout asks
            if row[0] not in seen_sites:
                seen_sites[row[0]], count = _sites(data, row[sites])
                notes += count  # read once: the vendor's other rows repeat the same text
            row[sites] = seen_sites[row[0]]
        out.append(row)
    return out, notes


@LARGE
@given(vendor_lists(), st.data())
def test_a_french_spreadsheet_loads_as_its_canonical_twin(
    workdir: Path, listed: list[Vendor], data: st.DataObject
) -> None:
    assume(listed)
    rows, expected_notes = _frenchified(data, csv_rows(listed))
    delimiter = data.draw(st.sampled_from([",", ";"]))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = _write(workdir, "fr.csv", out.getvalue(), bom=data.draw(st.booleans()))
    with noting() as notes:
        loaded = load_vendors(path)
    assert loaded == listed
    assert len(notes) == expected_notes
    for note in notes:
        assert str(note.path[0]).startswith("row ")
        assert " is read as the " in note.message


@LARGE
@given(vendor_lists(), st.data())
def test_two_spellings_of_one_name_are_refused_everywhere(
    workdir: Path, listed: list[Vendor], data: st.DataObject
) -> None:
    assume(listed)
    first = data.draw(st.sampled_from(listed))
    spelled = data.draw(name_spellings(first.name))
    assume(spelled.strip() == spelled)
    twin = Vendor(spelled)
    assert _name_key(twin.name) == _name_key(first.name)

    rows = csv_rows(listed)
    rows.append([spelled, *[""] * (len(rows[0]) - 1)])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = _write(workdir, "twice.csv", out.getvalue())
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    message = str(caught.value)
    assert f"row {len(rows)}, column vendor: {spelled!r} differs from {first.name!r}" in message

    document = {"vendors": [*(json.loads(_json(v)) for v in listed), {"name": spelled}]}
    path = _write(workdir, "twice.json", json.dumps(document))
    with pytest.raises(InputError, match="differ only in case, accents, spaces"):
        load_vendors(path)

    with pytest.raises(InputError, match="one vendor typed two ways"):
        rank_vendors([*listed, twin], BuyerCriteria(), on=dt.date(2026, 6, 1))


def _json(vendor: Vendor) -> str:
    from callcenter_certs import converter  # noqa: PLC0415

    return json.dumps(converter.unstructure(vendor))
