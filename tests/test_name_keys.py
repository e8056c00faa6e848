"""One vendor, one name: spellings that differ only invisibly are one vendor typed twice."""

import re
from pathlib import Path

import pytest

from callcenter_certs import BuyerCriteria, InputError, Vendor, load_vendors, rank_vendors
from callcenter_certs._text import name_key

SAME = [
    ("Océane Contact", "Oceane Contact"),  # an accent
    ("Océane Contact", "Oce\u0301ane Contact"),  # NFC and NFD
    ("Atlantique Contact", "Atlantique\u200b Contact"),  # a zero-width space
    ("Atlantique Contact", "Atlan\u00adtique Contact"),  # a soft hyphen
    ("Atlantique Contact", "Atlantique\u00a0Contact"),  # a no-break space
    ("Atlantique Contact", "Atlantique   Contact"),  # repeated spaces
    ("Atlantique Contact", "\u202eAtlantique Contact"),  # a right-to-left override
    ("Atlantique Contact", "Atlantique\u200d Contact"),  # a zero-width joiner
    ("Atlantique Contact", "ATLANTIQUE CONTACT"),  # case
]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_invisible_differences_share_a_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


def test_different_names_keep_different_keys() -> None:
    assert name_key("Océane Contact") != name_key("Océane Contacts")
    assert name_key("Rivage") != name_key("Rivages")


@pytest.mark.parametrize(("first", "second"), SAME)
def test_a_spreadsheet_refuses_two_spellings_naming_both(
    tmp_path: Path, first: str, second: str
) -> None:
    path = tmp_path / "vendors.csv"
    path.write_text(
        f"vendor,certification,valid_from\n{first},nf-345,2025-01-01\n"
        f"{second},iso-9001,2025-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    message = str(caught.value)
    assert "row 3, column vendor" in message
    assert repr(first) in message
    assert "on row 2 only in case, accents, spaces or invisible characters" in message


def test_json_and_python_refuse_colliding_keys(tmp_path: Path) -> None:
    path = tmp_path / "vendors.json"
    path.write_text(
        '{"vendors": [{"name": "Oc\\u00e9ane Contact"}, {"name": "Oceane Contact"}]}',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"vendors\[1\]\.name: 'Oceane Contact' and vendors\[0\]"):
        load_vendors(path)
    with pytest.raises(InputError, match="one vendor typed two ways"):
        rank_vendors([Vendor("Océane Contact"), Vendor("Oceane Contact")], criteria=_none())


def test_the_decision_keeps_each_name_as_written() -> None:
    ranking = rank_vendors([Vendor("Océane  Contact")], criteria=_none())
    assert ranking[0].vendor.name == "Océane  Contact"


def _none() -> BuyerCriteria:
    return BuyerCriteria()


def test_names_that_look_the_same_are_told_apart_in_the_message(tmp_path: Path) -> None:
    """NFC against NFD: the two names print alike, so the message says how they differ."""
    composed, decomposed = "Océane Contact", "Oce\u0301ane Contact"
    path = tmp_path / "vendors.csv"
    path.write_text(
        f"vendor,certification,valid_from\n{composed},nf-345,2025-01-01\n"
        f"{decomposed},iso-9001,2025-01-01\n",
        encoding="utf-8",
    )
    hint = "(they look the same: one writes an accented letter as one character"
    with pytest.raises(InputError, match=re.escape(hint)):
        load_vendors(path)
    with pytest.raises(InputError, match=re.escape(hint)):
        rank_vendors([Vendor(composed), Vendor(decomposed)], criteria=_none())
    with pytest.raises(InputError) as caught:  # an accent, not its encoding: no hint
        rank_vendors([Vendor(composed), Vendor("Oceane Contact")], criteria=_none())
    assert hint not in str(caught.value)
