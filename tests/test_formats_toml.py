"""The TOML format (``formats/toml.py``): criteria written by hand, read by ``tomllib``.

The standard library reads TOML and does not write it; the module writes what the
criteria hold (strings, numbers, booleans, dates, arrays, tables of tables) and
every criteria record reads back equal.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    Better,
    BuyerCriteria,
    Figure,
    InputError,
    Limits,
    Need,
    Scoring,
    load_criteria,
)
from callcenter_certs.formats.toml import _key, _string, read_data, write_criteria
from callcenter_certs.strategies import award_figures, buyer_criteria


@given(st.text(st.characters(exclude_categories=["Cs"])))  # a lone surrogate is no UTF-8
def test_any_string_is_written_as_toml_reads_it(text: str) -> None:
    assert tomllib.loads(f"key = {_string(text)}")["key"] == text


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("price", "price"),
        ("délai", '"délai"'),
        ("two words", '"two words"'),
        ("iso-18295-1", "iso-18295-1"),
        ("", '""'),
    ],
)
def test_a_key_is_bare_only_when_toml_allows_it(key: str, written: str) -> None:
    assert _key(key) == written
    assert tomllib.loads(f"{written} = 1") == {key: 1}


def test_the_criteria_are_written_with_their_tables_last() -> None:
    criteria = BuyerCriteria(
        required=("iso-18295-1",),
        france_only=Need.PREFER,
        valid_through=dt.date(2030, 12, 31),
        weights={"france_only": 6, "price": 40},
        figures=(Figure("price", better=Better.LOWER, scoring=Scoring.PROPORTIONAL),),
    )
    text = write_criteria(criteria).decode("utf-8")
    assert 'required = ["iso-18295-1"]' in text
    assert "valid_through = 2030-12-31" in text  # a TOML date, not a string
    assert text.index("[weights]") < text.index("[figures.price]")
    assert all(line.startswith("[") for line in text.splitlines() if "=" not in line and line)


@given(buyer_criteria(figures=award_figures()))
def test_every_criteria_record_reads_back_equal(criteria: BuyerCriteria) -> None:
    data = tomllib.loads(write_criteria(criteria).decode("utf-8"))
    from callcenter_certs._converter import CONVERTER  # noqa: PLC0415 - as the loader does

    assert CONVERTER.structure(data, BuyerCriteria) == criteria


def test_reading_a_file_names_the_decimal_comma(tmp_path: Path) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text("[figures.price]\nabnormally_low = 0,8\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_criteria(path)
    assert str(info.value).endswith(
        "; a number is written with a decimal point in TOML: 0.5, not 0,5"
    )


def test_reading_stays_within_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text("csr = 'prefer'\n" + "# padding\n" * 100, encoding="utf-8")
    assert read_data(path, Limits()) == {"csr": "prefer"}
    with pytest.raises(InputError, match="over the limit"):
        read_data(path, Limits(max_criteria_bytes=100))
