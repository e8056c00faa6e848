"""tables: a Table rendered in each format, and cells a spreadsheet would run escaped."""

import csv
import io
import json

import pytest

from callcenter_certs.tables import Table, _CsvWriter, _spreadsheet_safe

TABLE = Table(("name", "note"), (("Atlantique", "=1+1"), ("Rivage | Nord", "plain")))


def test_render_table_aligns_columns() -> None:
    assert TABLE.render() == TABLE.render("table")
    assert TABLE.render().splitlines() == [
        "name           note",
        "-------------  -----",
        "Atlantique     =1+1",
        "Rivage | Nord  plain",
    ]


def test_render_markdown_escapes_pipes() -> None:
    assert TABLE.render("markdown").splitlines() == [
        "| name | note |",
        "| --- | --- |",
        "| Atlantique | =1+1 |",
        "| Rivage \\| Nord | plain |",
    ]


def test_render_csv_escapes_formulas_but_not_the_header() -> None:
    rows = list(csv.reader(io.StringIO(TABLE.render("csv"))))
    assert rows == [["name", "note"], ["Atlantique", "'=1+1"], ["Rivage | Nord", "plain"]]


def test_render_json_keys_rows_by_column() -> None:
    assert json.loads(TABLE.render("json")) == [
        {"name": "Atlantique", "note": "=1+1"},
        {"name": "Rivage | Nord", "note": "plain"},
    ]


def test_render_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'html'"):
        TABLE.render("html")


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"])
def test_formula_like_cells_are_escaped(cell: str) -> None:
    assert _spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "plain", "1-2", " =x", "'=x"])
def test_other_cells_are_left_alone(cell: str) -> None:
    assert _spreadsheet_safe(cell) == cell


def test_csv_writer_quotes_a_row_with_a_carriage_return() -> None:
    out = io.StringIO()
    writer = _CsvWriter(out)
    writer.writerow(["a", "b"])
    writer.writerow(["c\rd", "e"])
    assert out.getvalue() == 'a,b\n"c\rd","e"\n'
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [["a", "b"], ["c\rd", "e"]]
