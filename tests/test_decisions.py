"""decisions: a decision record bundles a ranking with its inputs, and replay checks it.

The command line's record and replay stay in test_cli.py; these are the module's own tests.
"""

import datetime as dt
from pathlib import Path

import attrs
import pytest

from callcenter_certs import BuyerCriteria, HeldCertificate, InputError, Site, Vendor, rank_vendors
from callcenter_certs.decisions import (
    RECORD_FORMAT,
    dump_record,
    load_record,
    make_record,
    replay,
)

ON = dt.date(2026, 6, 1)
VENDORS = [
    Vendor("A", [HeldCertificate("iso-9001", dt.date(2025, 1, 1))], [Site("FR", 3)]),
    Vendor("B", [HeldCertificate("nf-345", dt.date(2025, 1, 1))], [Site("MA", 3)]),
]
CRITERIA = BuyerCriteria(preferred_certifications=["iso-9001"])


def _record(tmp_path: Path) -> Path:
    record = make_record(VENDORS, CRITERIA, rank_vendors(VENDORS, CRITERIA, on=ON))
    path = tmp_path / "record.json"
    dump_record(record, path)
    return path


def test_a_record_round_trips_and_replays_to_a_match(tmp_path: Path) -> None:
    record = load_record(_record(tmp_path))
    assert record.format == RECORD_FORMAT
    assert record.on == ON
    assert record.vendors == tuple(VENDORS)
    assert record.sensitivity is not None
    result = replay(record)
    assert result.matches
    assert result.differences == ()


def test_an_edited_date_is_a_difference(tmp_path: Path) -> None:
    record = attrs.evolve(load_record(_record(tmp_path)), on=dt.date(2026, 6, 2))
    result = replay(record)
    assert not result.matches
    assert any("the record was edited" in line for line in result.differences)


def test_a_record_without_sensitivity_replays_with_a_note(tmp_path: Path) -> None:
    # An older record: neither a sensitivity summary nor a digest of its own.
    record = attrs.evolve(load_record(_record(tmp_path)), sensitivity=None, digest=None)
    result = replay(record)
    assert result.matches
    assert any("no sensitivity summary" in note for note in result.notes)


def test_load_record_refuses_a_file_that_is_not_a_record(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"vendors": []}', encoding="utf-8")
    with pytest.raises(InputError):
        load_record(path)
