"""A vendor's name is one line: a line break or a tab would forge a row of the outputs."""

from pathlib import Path

import pytest

from callcenter_certs import InputError, Vendor, load_vendors

BREAKS = ["\n", "\r", "\r\n", "\t", "\v", "\f", "\x1c", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", BREAKS)
def test_a_name_with_a_line_break_or_a_tab_is_refused(char: str) -> None:
    with pytest.raises(InputError) as caught:
        Vendor(f"Atlantique{char}1  Forged Vendor  100.00")
    message = str(caught.value)
    assert message.startswith("name: ")
    # Breaks that are control characters were refused already, in other words.
    assert "a name is one line, without tabs" in message or "control character" in message


def test_the_spreadsheet_names_the_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "vendors.csv"
    path.write_text(
        'vendor,certification,valid_from\n"A\nB",nf-345,2025-01-01\nC\tD,nf-345,2025-01-01\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column vendor: 'A\\nB' contains '\\n': a name is one line, without tabs",
        "row 3, column vendor: 'C\\tD' contains '\\t': a name is one line, without tabs",
    ]


def test_json_names_the_vendor(tmp_path: Path) -> None:
    path = tmp_path / "vendors.json"
    path.write_text('{"vendors": [{"name": "X\\u2028Y"}]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"vendors\[0\]\.name: 'X\\u2028Y' contains"):
        load_vendors(path)


def test_spaces_and_accents_are_fine() -> None:
    assert Vendor("Hermine  Écoute - Rennes").name == "Hermine  Écoute - Rennes"
