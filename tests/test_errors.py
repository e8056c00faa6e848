"""The error hierarchy of `callcenter_certs.errors`, on its own.

`Problem` (a message at a field path, rendered on one line), `InputError` (every
problem of an input, its file, its count and its first line), `UnknownCertificationError`,
and the cap: `_Capped` keeps the first `MAX_PROBLEMS` problems and counts the rest,
which `_not_listed` says in one last line.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs.errors import (
    MAX_PROBLEMS,
    CallcenterCertsError,
    InputError,
    Problem,
    UnknownCertificationError,
    _Capped,
    _not_listed,
    _NotListed,
    _one_line,
    _render_path,
)

PATH_PARTS = st.integers(0, 99) | st.text(alphabet="abc_xyz", min_size=1, max_size=6)
PATHS = st.lists(PATH_PARTS, max_size=5).map(tuple)
MESSAGES = st.text(min_size=1, max_size=30)
PROBLEMS = st.builds(Problem, PATHS, MESSAGES)


def _problems(count: int) -> list[Problem]:
    return [Problem(("vendors", index, "name"), f"bad {index}") for index in range(count)]


# _render_path ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "rendered"),
    [
        ((), ""),
        (("vendors",), "vendors"),
        (("vendors", 3, "valid_from"), "vendors[3].valid_from"),
        (("vendors", 3, "certificates", 0, "valid_from"), "vendors[3].certificates[0].valid_from"),
        ((2,), "[2]"),
        ((2, "name"), "[2].name"),
        (("weights", "csr"), "weights.csr"),
        (("row 5", "valid_from"), "row 5, column valid_from"),
        (("row 5", "sites", 1), "row 5, column sites[1]"),
        (("row 5",), "row 5"),
        (("sheet Offers", "row 12", "vendor"), "sheet Offers, row 12, column vendor"),
        (("sheet Offers", "header"), "sheet Offers, header"),
        (("rows 5", "x"), "rows 5.x"),  # not a row: a key like any other
        (("row five", "x"), "row five.x"),
    ],
)
def test_a_path_renders_as_a_reader_says_it(path: tuple[str | int, ...], rendered: str) -> None:
    assert _render_path(path) == rendered


@given(st.lists(st.integers(0, 10**6), max_size=5))
def test_a_path_of_indexes_renders_each_in_brackets(indexes: list[int]) -> None:
    assert _render_path(indexes) == "".join(f"[{index}]" for index in indexes)


# _one_line -------------------------------------------------------------------------------


@given(st.text())
def test_one_line_text_always_prints(text: str) -> None:
    line = _one_line(text)
    assert line.isprintable()
    assert len(line.splitlines()) <= 1


@given(st.text().filter(str.isprintable))
def test_printable_text_is_kept_as_it_is(text: str) -> None:
    assert _one_line(text) == text


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("vendors\nold.csv", r"vendors\nold.csv"),
        ("a\tb\r", r"a\tb\r"),
        ("x\u2028y", r"x\u2028y"),
        ("bad\ud800", r"bad\ud800"),
        ("é\x00", r"é\x00"),  # a printable accent is kept, the NUL escaped
        ("\U000e0001", r"\U000e0001"),
    ],
)
def test_characters_that_do_not_print_are_escaped(text: str, line: str) -> None:
    assert _one_line(text) == line


# Problem ---------------------------------------------------------------------------------


def test_a_problem_says_where_then_what() -> None:
    problem = Problem(("vendors", 0, "name"), "'' is empty")
    assert str(problem) == "vendors[0].name: '' is empty"


def test_a_problem_without_a_place_is_its_message() -> None:
    assert str(Problem((), "the file is empty")) == "the file is empty"


def test_a_problem_is_one_line_whatever_its_message_or_path() -> None:
    problem = Problem(("sheet A\nB", "row 2", "k\x1b"), "bad\nvalue")
    assert str(problem) == r"sheet A\nB, row 2, column k\x1b: bad\nvalue"


@given(PROBLEMS)
def test_a_problem_always_renders_on_one_printable_line(problem: Problem) -> None:
    assert str(problem).isprintable()


@given(PROBLEMS, PATHS)
def test_a_prefixed_problem_is_the_same_problem_further_down(
    problem: Problem, prefix: tuple[str | int, ...]
) -> None:
    moved = problem.prefixed(prefix)
    assert moved.path == (*prefix, *problem.path)
    assert moved.message == problem.message
    assert problem.prefixed(()) == problem


def test_problems_are_equal_by_path_and_message() -> None:
    assert Problem(("a", 1), "x") == Problem(("a", 1), "x")
    assert Problem(("a", 1), "x") != Problem(("a", 2), "x")
    assert len({Problem(("a",), "x"), Problem(("a",), "x")}) == 1


# InputError ------------------------------------------------------------------------------


def test_an_input_error_is_a_value_error_of_the_library() -> None:
    error = InputError("bad")
    assert isinstance(error, CallcenterCertsError)
    assert isinstance(error, ValueError)


def test_a_message_alone_is_one_problem_without_a_place() -> None:
    error = InputError("no vendors")
    assert error.problems == (Problem((), "no vendors"),)
    assert error.source is None
    assert str(error) == "no vendors"
    assert error.args == ("no vendors",)


def test_at_makes_an_error_of_one_problem_at_a_path() -> None:
    error = InputError.at(["weights", "csr"], "-1 is negative")
    assert error.problems == (Problem(("weights", "csr"), "-1 is negative"),)
    assert str(error) == "weights.csr: -1 is negative"
    assert type(InputError.at((), "x")) is InputError


def test_an_error_lists_one_problem_a_line_each_after_its_file() -> None:
    error = InputError(
        [Problem(("row 2", "vendor"), "empty"), Problem(("row 3",), "short")], source="v.csv"
    )
    assert str(error).splitlines() == ["v.csv: row 2, column vendor: empty", "v.csv: row 3: short"]
    assert error.args == (str(error),)


def test_a_file_name_with_a_line_break_stays_on_its_line() -> None:
    error = InputError([Problem(("a",), "x"), Problem(("b",), "y")], source="old\nv.csv")
    assert str(error).splitlines() == [r"old\nv.csv: a: x", r"old\nv.csv: b: y"]


def test_problems_may_come_from_any_iterable_read_once() -> None:
    error = InputError(iter(_problems(3)))
    assert error.problems == tuple(_problems(3))


@given(st.lists(PROBLEMS, max_size=8), PATHS)
def test_a_prefixed_error_moves_every_problem_under_the_prefix(
    problems: list[Problem], prefix: tuple[str | int, ...]
) -> None:
    error = InputError(problems, source="f.json")
    moved = error.prefixed(prefix)
    assert moved.problems == tuple(p.prefixed(prefix) for p in problems)
    assert moved.source == "f.json"
    assert moved.args == (str(moved),)
    assert error.problems == tuple(problems)  # the original is left as it was


def test_in_file_names_the_file_and_leaves_the_original_as_it_was() -> None:
    error = InputError.at(("vendors", 0), "bad")
    located = error.in_file("v.json")
    assert located is not error
    assert located.source == "v.json"
    assert str(located) == "v.json: vendors[0]: bad"
    assert located.args == ("v.json: vendors[0]: bad",)
    assert located.problems == error.problems
    assert error.source is None
    assert str(error) == "vendors[0]: bad"


def test_in_file_replaces_an_earlier_file() -> None:
    error = InputError("bad", source="a.csv").in_file("b.csv")
    assert str(error) == "b.csv: bad"


@given(st.lists(PROBLEMS, max_size=8))
def test_an_error_counts_each_listed_problem_once(problems: list[Problem]) -> None:
    assert InputError(problems).count == len(problems)


def test_the_first_line_says_how_many_other_problems_there_are() -> None:
    assert InputError(_problems(1)).first_line == "vendors[0].name: bad 0"
    assert InputError(_problems(2)).first_line == "vendors[0].name: bad 0 (and 1 more problem)"
    assert InputError(_problems(3), source="f").first_line == (
        "f: vendors[0].name: bad 0 (and 2 more problems)"
    )


def test_an_error_without_problems_has_an_empty_first_line() -> None:
    error = InputError([])
    assert error.count == 0
    assert error.first_line == ""
    assert str(error) == ""


@given(st.lists(PROBLEMS, min_size=1, max_size=8))
def test_the_first_line_is_one_line_starting_with_the_first_problem(
    problems: list[Problem],
) -> None:
    line = InputError(problems, source="f\n.csv").first_line
    assert line.startswith(f"f\\n.csv: {problems[0]}")
    assert len(line.splitlines()) == 1


# UnknownCertificationError ---------------------------------------------------------------


def test_an_unknown_id_is_an_input_error_and_a_key_error_shown_unquoted() -> None:
    error = UnknownCertificationError("iso-9002", ["iso-9001"], path=("required", 0))
    assert isinstance(error, InputError)
    assert isinstance(error, KeyError)
    assert str(error) == (
        "required[0]: 'iso-9002' is not a known certification id; did you mean 'iso-9001'?"
    )
    assert error.certification == "iso-9002"
    assert error.suggestions == ("iso-9001",)


@pytest.mark.parametrize(
    ("suggestions", "ending"),
    [
        ((), ""),
        (("a",), "; did you mean 'a'?"),
        (("a", "b"), "; did you mean 'a' or 'b'?"),
        (("a", "b", "c"), "; did you mean 'a', 'b' or 'c'?"),
    ],
)
def test_an_unknown_id_lists_its_suggestions(suggestions: tuple[str, ...], ending: str) -> None:
    error = UnknownCertificationError("x", suggestions)
    assert str(error) == f"'x' is not a known certification id{ending}"
    if suggestions:  # suggestions, not the known ids
        listed = UnknownCertificationError("x", suggestions, known=["a", "b", "c", "d"])
        assert str(listed) == str(error)


def test_an_unknown_id_with_nothing_close_lists_the_known_ids() -> None:
    error = UnknownCertificationError("x", known=["b", "a"])
    assert str(error) == "'x' is not a known certification id; none is close; known ids: a, b"


def test_an_unknown_id_lists_at_most_twelve_known_ids_and_counts_the_rest() -> None:
    known = [f"id-{index:02}" for index in range(15)]
    message = str(UnknownCertificationError("x", known=known))
    assert message.endswith(
        "known ids: id-00, id-01, id-02, id-03, id-04, id-05, id-06, id-07, id-08, id-09, "
        "id-10, id-11 and 3 more (callcenter-certs catalog lists them)"
    )
    assert "and" not in str(UnknownCertificationError("x", known=known[:12]))


def test_an_unknown_id_that_is_a_name_points_to_its_id() -> None:
    error = UnknownCertificationError("ISO 9001", ["iso-9001"], alias_of="iso-9001")
    assert str(error) == (
        "'ISO 9001' is not a known certification id; did you mean 'iso-9001'? 'ISO 9001' is "
        "a name of 'iso-9001', which a spreadsheet may hold; here the id is needed"
    )
    itself = UnknownCertificationError("x", alias_of="x")
    assert str(itself) == "'x' is not a known certification id"


def test_a_prefixed_unknown_id_keeps_its_type_and_its_fields() -> None:
    error = UnknownCertificationError("iso-9002", ["iso-9001"], path=("required", 0))
    moved = error.prefixed(("criteria",))
    assert type(moved) is UnknownCertificationError
    assert moved.certification == "iso-9002"
    assert moved.suggestions == ("iso-9001",)
    assert str(moved).startswith("criteria.required[0]: 'iso-9002' is not")
    located = error.in_file("c.toml")
    assert type(located) is UnknownCertificationError
    assert str(located).startswith("c.toml: required[0]: ")
    assert located.certification == "iso-9002"


# The cap: _Capped and _not_listed --------------------------------------------------------


@given(st.integers(0, MAX_PROBLEMS + 40))
def test_the_cap_keeps_exactly_the_first_problems_and_counts_all(count: int) -> None:
    problems = _problems(count)
    capped = _Capped()
    capped.extend(problems)
    kept = min(count, MAX_PROBLEMS)
    assert capped[:] == problems[:kept]
    assert len(capped) == count
    assert capped.more == count - kept
    assert capped.full == (count >= MAX_PROBLEMS)


@given(st.integers(0, MAX_PROBLEMS + 40))
def test_a_capped_list_reads_as_an_error_of_the_right_count(count: int) -> None:
    capped = _Capped()
    for problem in _problems(count):
        capped.append(problem)
    listed = capped.listed()
    error = InputError(listed)
    assert error.count == count
    if count <= MAX_PROBLEMS:
        assert listed == _problems(count)
    else:
        assert len(listed) == MAX_PROBLEMS + 1
        assert listed[-1] == _not_listed(count - MAX_PROBLEMS)
        assert str(error).splitlines()[-1] == str(_not_listed(count - MAX_PROBLEMS))


def test_the_cap_is_a_thousand_problems() -> None:
    assert MAX_PROBLEMS == 1_000


def test_the_last_line_says_how_many_more_and_how_many_are_listed() -> None:
    line = _not_listed(1_234_567)
    assert line.path == ()
    assert line.more == 1_234_567
    assert str(line) == (
        "and 1,234,567 more problems, not listed: the first 1,000 are; fix them and check again"
    )


def test_the_first_line_counts_the_problems_not_listed() -> None:
    capped = _Capped()
    capped.extend(_problems(MAX_PROBLEMS + 5))
    error = InputError(capped.listed(), source="v.csv")
    assert error.first_line == (
        f"v.csv: vendors[0].name: bad 0 (and {MAX_PROBLEMS + 4} more problems)"
    )


def test_a_capped_list_starts_with_a_count() -> None:
    capped = _Capped(more=3)
    assert len(capped) == 3
    assert capped.listed() == [_not_listed(3)]
    assert not capped.full


@given(st.integers(0, MAX_PROBLEMS + 10), st.integers(0, 50), st.integers(1, 10**6))
def test_a_count_from_another_capped_list_is_added_not_kept(
    before: int, after: int, more: int
) -> None:
    capped = _Capped()
    capped.extend(_problems(before))
    capped.append(_not_listed(more))
    capped.extend(_problems(after))
    assert len(capped) == before + more + after
    assert not any(isinstance(problem, _NotListed) for problem in capped[:])
    assert InputError(capped.listed()).count == before + more + after


def test_the_count_line_stays_last_and_unplaced_when_prefixed() -> None:
    capped = _Capped()
    capped.extend(_problems(MAX_PROBLEMS + 2))
    error = InputError(capped.listed()).prefixed(("catalogue",))
    assert error.problems[0].path == ("catalogue", "vendors", 0, "name")
    assert error.problems[-1] == _not_listed(2)
    assert error.problems[-1].path == ()
    assert error.count == MAX_PROBLEMS + 2


def test_the_cap_is_read_when_problems_are_added(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("callcenter_certs.errors.MAX_PROBLEMS", 2)
    capped = _Capped()
    capped.extend(_problems(5))
    assert capped[:] == _problems(2)
    assert capped.more == 3
    assert capped.full
    assert str(capped.listed()[-1]).startswith("and 3 more problems, not listed: the first 2 are")


def test_one_problem_past_the_cap_is_one_problem() -> None:
    assert str(_not_listed(1)).startswith("and 1 more problem, not listed")
    assert str(_not_listed(2)).startswith("and 2 more problems, not listed")
