"""Problems past the cap are counted, not listed, and every count says how many there were."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from callcenter_certs import InputError, load_vendors
from callcenter_certs.cli import run
from callcenter_certs.errors import MAX_PROBLEMS, Problem, _Capped, _not_listed


def _bad_rows(path: Path, count: int) -> Path:
    lines = ["vendor,certification,valid_from", *(f"V{i},nf-345,notadate" for i in range(count))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_error_counts_the_problems_it_does_not_list(tmp_path: Path) -> None:
    path = _bad_rows(tmp_path / "bad.csv", MAX_PROBLEMS + 500)
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    assert len(caught.value.problems) == MAX_PROBLEMS + 1  # the last says how many more
    assert caught.value.count == MAX_PROBLEMS + 500
    assert caught.value.first_line.endswith(f"(and {MAX_PROBLEMS + 499} more problems)")


def test_validate_says_how_many_problems_there_were(tmp_path: Path) -> None:
    path = _bad_rows(tmp_path / "bad.csv", MAX_PROBLEMS + 500)
    out = io.StringIO()
    assert run(["validate", str(path)], stdout=out, stderr=io.StringIO()) == 1
    assert out.getvalue().splitlines()[-1] == "1,500 problems found"


def test_two_capped_lists_add_their_counts() -> None:
    first = _Capped()
    first.extend(Problem(("a", i), "bad") for i in range(MAX_PROBLEMS + 7))
    merged = _Capped()
    merged.extend(first.listed())  # a first pass, then a second one
    merged.append(Problem(("b",), "bad"))
    assert merged.more == 8
    assert len(merged) == MAX_PROBLEMS + 8
    assert InputError(merged.listed()).count == MAX_PROBLEMS + 8
    assert _not_listed(3).more == 3


def test_validate_checks_the_criteria_when_the_vendors_have_problems(tmp_path: Path) -> None:
    vendors = tmp_path / "mix.csv"
    vendors.write_text("vendor,certification,valid_from\nA,nf-345,bad\n", encoding="utf-8")
    criteria = tmp_path / "criteria.toml"
    criteria.write_text(
        'results_obligation = "prefer"\n[weights]\nresults_obligation = -3\n', encoding="utf-8"
    )
    out = io.StringIO()
    code = run(["validate", str(vendors), "--criteria", str(criteria)], stdout=out)
    lines = out.getvalue().splitlines()
    assert code == 1
    assert any(line.startswith(f"{vendors}: row 2") for line in lines)
    assert any(line.startswith(f"{criteria}: weights.results_obligation") for line in lines)
    assert lines[-1] == "2 problems found"
