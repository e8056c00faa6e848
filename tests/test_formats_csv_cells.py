"""A CSV cell longer than the csv module reads is refused with its row and the way out."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from callcenter_certs import InputError, load_vendors


def test_a_cell_over_the_csv_readers_limit_is_refused_with_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    cell = ";".join(f"FR:1:Site{i:05d}" for i in range(csv.field_size_limit() // 10))
    path.write_text(f'vendor,sites\nA,"{cell}"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: row 2: a cell of more than ")
    assert "JSON" in message
