"""The text helpers of `callcenter_certs._text`, on their own.

`iso_date` and `ISO_DATE` (a date written ``YYYY-MM-DD``, and nothing else),
`describe` (a bad value shown short and safe), `text_problem` and `line_problem`
(why a string cannot be shown, or is not one line), `close_matches` and `name_key`
(what two spellings of one name share).
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import _text
from callcenter_certs._text import (
    ISO_DATE,
    close_matches,
    describe,
    iso_date,
    line_problem,
    name_key,
    text_problem,
)

BOUND = 60
"""The longest `describe` ever answers."""

CONTROL = frozenset(
    chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\t\n\r"
)
"""The control characters a string from a file may not hold (tab and line breaks may)."""

SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)


BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
"""A tab and the line breaks of ``str.splitlines``, for strategies to draw often."""
NAMES = st.text() | st.text(alphabet=st.sampled_from("aAé e\u0301\u00a0\u00ad\u200b\u202e\t"))
"""Any text, and text rich in accents, odd spaces and invisible characters."""
LINES = st.text() | st.text(alphabet=st.sampled_from("ab \x1f\u200b" + BREAKS))
"""Any text, and text rich in line breaks."""
BMP = [chr(code) for code in range(0x10000)]
"""Every character of the Basic Multilingual Plane, surrogates included."""


def _breaks_a_line(char: str) -> bool:
    """Whether ``str.splitlines`` breaks a line at ``char``."""
    return len(f"a{char}b".splitlines()) == 2


# Values as a file yields them: scalars, and lists and mappings of them, nested.
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | st.dates()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        | st.frozensets(st.integers() | st.text(max_size=8), max_size=4)
        | st.sets(st.integers(), max_size=4)
    ),
    max_leaves=30,
)


# iso_date and ISO_DATE ---------------------------------------------------------------------


@given(st.dates())
def test_an_iso_date_reads_back_as_the_date(day: dt.date) -> None:
    assert iso_date(day.isoformat()) == day


@given(st.text(alphabet="0123456789-", max_size=12) | st.text(max_size=12))
def test_a_text_read_as_a_date_is_that_date_written_iso(text: str) -> None:
    day = iso_date(text)
    if day is not None:
        assert day.isoformat() == text
        assert ISO_DATE.fullmatch(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",  # no such day
        "2025-02-29",  # not a leap year
        "2026-13-01",  # no such month
        "0000-01-01",  # no year 0
        "2026-6-1",  # digits left out
        "20260601",  # no hyphens: Python reads it, the format does not
        "2026-06-01T00:00",  # a time
        " 2026-06-01",  # a space
        "2026-06-01\n",  # a line break after it
        "\uff12\uff10\uff12\uff16-\uff10\uff16-\uff10\uff11",  # full-width digits
        "\u0662\u0660\u0662\u0666-\u0660\u0666-\u0660\u0661",  # Arabic-Indic digits
        "",
    ],
)
def test_a_text_that_is_not_an_iso_date_is_none(text: str) -> None:
    assert iso_date(text) is None


def test_a_leap_day_is_a_date_in_a_leap_year() -> None:
    assert iso_date("2024-02-29") == dt.date(2024, 2, 29)
    assert iso_date("0001-01-01") == dt.date.min
    assert iso_date("9999-12-31") == dt.date.max


def test_the_iso_date_pattern_takes_four_two_and_two_ascii_digits() -> None:
    found = ISO_DATE.fullmatch("2026-06-30")
    assert found is not None
    assert found.groups() == ("2026", "06", "30")
    assert ISO_DATE.fullmatch("2026-6-30") is None
    assert ISO_DATE.fullmatch("2026-06-3\u0660") is None  # an Arabic-Indic zero


# describe --------------------------------------------------------------------------------


@given(VALUES)
def test_a_description_is_never_longer_than_its_bound(value: object) -> None:
    assert len(describe(value)) <= BOUND


@given(VALUES)
def test_a_description_holds_no_control_character_nor_line_break(value: object) -> None:
    text = describe(value)
    assert text.isprintable(), text


@given(VALUES)
def test_a_short_value_is_described_by_its_repr(value: object) -> None:
    shown = repr(value)
    if len(shown) <= BOUND:
        assert describe(value) == shown


@given(st.text(alphabet="abc xyz012", min_size=BOUND))
def test_a_long_string_is_cut_to_its_first_characters_and_an_ellipsis(text: str) -> None:
    assert describe(text) == repr(text)[: BOUND - 3] + "..."


@given(st.lists(st.integers(0, 10**6), min_size=21))
def test_a_long_list_is_cut_to_the_start_of_its_repr(numbers: list[int]) -> None:
    assert describe(numbers) == repr(numbers)[: BOUND - 3] + "..."


def test_a_value_of_exactly_the_bound_is_shown_whole() -> None:
    exact = "x" * (BOUND - 2)  # with its quotes, 60 characters
    assert describe(exact) == repr(exact)
    longer = exact + "x"
    assert describe(longer) == repr(longer)[: BOUND - 3] + "..."
    assert len(describe(longer)) == BOUND


def test_control_characters_and_surrogates_are_shown_escaped() -> None:
    assert describe("a\nb\x1b[31m") == r"'a\nb\x1b[31m'"
    assert describe("\ud800") == r"'\ud800'"


def test_collections_are_described_as_python_writes_them() -> None:
    assert describe(()) == "()"
    assert describe((1,)) == "(1,)"
    assert describe(set()) == "set()"
    assert describe(frozenset()) == "frozenset()"
    assert describe(frozenset({1})) == "frozenset({1})"
    assert describe({}) == "{}"
    assert describe({"a": (1,)}) == "{'a': (1,)}"


def test_a_huge_mapping_is_described_without_reading_it_all() -> None:
    huge = dict.fromkeys(range(10**6), "v")
    assert describe(huge) == repr(dict.fromkeys(range(20), "v"))[: BOUND - 3] + "..."


def test_a_mapping_nested_deeper_than_the_recursion_limit_is_described() -> None:
    deep: dict[str, object] = {}
    for _ in range(sys.getrecursionlimit() * 2):
        deep = {"k": deep}
    text = describe(deep)
    assert text.startswith("{'k': {'k': ")
    assert len(text) == BOUND


def test_a_value_whose_repr_fails_is_named_by_its_type() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError

    assert describe(Broken()) == "<Broken>"
    assert describe([Broken()]) == "[<Broken>]"


# text_problem ----------------------------------------------------------------------------


@given(st.text())
def test_only_a_control_character_or_a_surrogate_is_a_text_problem(text: str) -> None:
    bad = any(char in CONTROL or "\ud800" <= char <= "\udfff" for char in text)
    assert (text_problem(text) is not None) == bad


@given(
    st.text(max_size=20),
    st.sampled_from(sorted(CONTROL)) | SURROGATES,
    st.text(max_size=20),
)
def test_a_text_problem_names_the_value_safely(before: str, bad: str, after: str) -> None:
    problem = text_problem(before + bad + after)
    assert problem is not None
    assert problem.startswith(describe(before + bad + after))
    assert problem.isprintable()


def test_each_character_of_the_bmp_is_text_unless_a_control_or_a_surrogate() -> None:
    refused = [char for char in BMP if text_problem(f"a{char}b") is not None]
    expected = sorted(CONTROL) + [chr(code) for code in range(0xD800, 0xE000)]
    assert refused == sorted(expected)


@pytest.mark.parametrize("text", ["", "Océane", "a\tb", "line\nbreak\r\n", "\u2028", "\u200b"])
def test_tabs_line_breaks_and_invisible_characters_are_text(text: str) -> None:
    assert text_problem(text) is None


def test_a_control_character_is_named() -> None:
    assert text_problem("a\x1b[2Jb") == r"'a\x1b[2Jb' contains the control character '\x1b'"
    assert text_problem("\x7f") == r"'\x7f' contains the control character '\x7f'"
    assert text_problem("a\x85") == r"'a\x85' contains the control character '\x85'"


@pytest.mark.parametrize("code", [0xD800, 0xDBFF, 0xDC80, 0xDFFF])
def test_a_lone_surrogate_is_named_half_of_a_pair(code: int) -> None:
    char = chr(code)
    escaped = ascii(char)
    assert text_problem(f"x{char}") == (
        f"'x{escaped[1:-1]}' contains {escaped}, half of a surrogate pair, which is not a character"
    )


def test_the_first_bad_character_is_the_one_named() -> None:
    problem = text_problem("a\x01b\x02")
    assert problem is not None
    assert problem.endswith(r"control character '\x01'")


# line_problem ----------------------------------------------------------------------------


@given(LINES)
def test_a_name_is_one_line_exactly_when_it_holds_no_tab_and_no_break(text: str) -> None:
    bad = [char for char in text if char == "\t" or _breaks_a_line(char)]
    problem = line_problem(text)
    if not bad:
        assert problem is None
    else:
        assert problem == (
            f"{describe(text)} contains {bad[0]!r}: a name is one line, without tabs"
        )


def test_each_character_of_the_bmp_is_a_line_problem_iff_a_tab_or_a_break() -> None:
    refused = [char for char in BMP if line_problem(f"a{char}b") is not None]
    assert refused == [char for char in BMP if char == "\t" or _breaks_a_line(char)]


@pytest.mark.parametrize(
    "char", ["\t", "\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
def test_each_line_break_and_a_tab_are_line_problems(char: str) -> None:
    assert line_problem(f"Atlantique{char}Contact") is not None


@pytest.mark.parametrize("text", ["Atlantique Contact", "A\u00a0B", "A\x1fB", "", "A\u200bB"])
def test_spaces_and_other_characters_are_one_line(text: str) -> None:
    assert line_problem(text) is None


def test_a_line_problem_names_the_first_break() -> None:
    assert line_problem("a\tb\nc") == r"'a\tb\nc' contains '\t': a name is one line, without tabs"


# close_matches ---------------------------------------------------------------------------


def test_close_matches_suggest_a_mistyped_id() -> None:
    known = ["iso-9001", "iso-18295-1", "iso-18295-2", "nf-345", "lrs"]
    assert close_matches("nf-354", known) == ["nf-345"]
    assert close_matches("iso-9010", known) == ["iso-9001"]
    assert sorted(close_matches("iso-18295", known)) == ["iso-18295-1", "iso-18295-2"]
    assert close_matches("zzzz", known) == []


def test_close_matches_keep_the_n_best_above_the_cutoff() -> None:
    known = ["qqqq", "abzz", "abcd"]  # 0, 0.5 and 0.75 alike "abcx"
    assert close_matches("abcx", known) == ["abcd"]
    assert close_matches("abcx", known, cutoff=0.5) == ["abcd", "abzz"]
    assert close_matches("abcx", known, n=1, cutoff=0.5) == ["abcd"]
    assert close_matches("abcx", known, cutoff=0.8) == []
    assert len(close_matches("x", ["x"] * 10)) == 3


def test_close_matches_read_any_iterable_once() -> None:
    assert close_matches("nf-345", iter(["nf-345", "nf345"])) == ["nf-345", "nf345"]


# name_key --------------------------------------------------------------------------------


@given(NAMES)
def test_a_name_key_is_its_own_key(name: str) -> None:
    key = name_key(name)
    assert name_key(key) == key


@given(NAMES, st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
def test_every_normalisation_form_of_a_name_has_one_key(name: str, form: str) -> None:
    normalized = unicodedata.normalize(form, name)  # type: ignore[arg-type]
    assert name_key(normalized) == name_key(name)


@given(NAMES)
def test_a_name_key_has_single_spaces_and_no_invisible_character(name: str) -> None:
    key = name_key(name)
    assert key == " ".join(key.split())
    assert not any(unicodedata.category(char) == "Cf" for char in key)
    assert not any(unicodedata.combining(char) for char in key)


@given(st.text(alphabet=st.characters(codec="latin-1", categories=["L", "Zs"])))
def test_case_does_not_change_a_name_key(name: str) -> None:
    assert name_key(name.upper()) == name_key(name) == name_key(name.lower())


@given(st.text(alphabet=st.characters(codec="ascii")))
def test_an_ascii_name_key_matches_the_key_of_the_same_name_with_an_accent(name: str) -> None:
    # an accent sends the name through the Unicode path: both paths give one key
    assert name_key(name + "\u0301") == name_key(name)
    assert name_key("\u00e9" + name) == name_key("e" + name)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Océane  Contact", "oceane contact"),
        ("  Rivage\tServices \n", "rivage services"),
        ("Atlan\u00adtique\u200b\u00a0Contact", "atlantique contact"),
        ("Straße", "strasse"),
        ("ＡＢＣ", "abc"),  # full-width letters  # noqa: RUF001
        ("ﬁnance", "finance"),  # a ligature
        ("", ""),
    ],
)
def test_a_name_key_ignores_case_accents_invisible_characters_and_spaces(
    name: str, key: str
) -> None:
    assert name_key(name) == key


def test_every_format_character_is_left_out_of_a_name_key() -> None:
    invisible = [chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Cf"]
    assert len(invisible) > 100
    assert [char for char in invisible if name_key(f"a{char}b") != "ab"] == []


def test_names_that_differ_visibly_keep_different_keys() -> None:
    assert name_key("Contact A") != name_key("Contact B")
    assert name_key("Contact") != name_key("Con tact")
    assert name_key("Ørsted") != name_key("Orsted")  # a letter of its own, not an accent


def test_the_module_lists_only_its_public_helpers() -> None:
    assert sorted(dir(_text)) == sorted(_text.__all__)
    assert all(not name.startswith("_") and hasattr(_text, name) for name in _text.__all__)


@pytest.mark.parametrize(
    ("one", "other", "said"),
    [
        ("Océane", "Oce\u0301ane", True),  # NFC and NFD: printed alike
        ("Océane", "Océane", False),  # the same name: nothing to tell apart
        ("Océane", "Oceane", False),  # an accent missing: it shows
        ("Océane", "OCÉANE", False),  # case shows
    ],
)
def test_same_looking_speaks_only_of_names_printed_alike(one: str, other: str, said: bool) -> None:
    assert bool(_text.same_looking(one, other)) is said
    assert _text.same_looking(one, other) == _text.same_looking(other, one)


@given(st.dates())
def test_a_date_reads_back_written_either_way(day: dt.date) -> None:
    assert _text.parse_date(day.isoformat()) == day
    assert _text.parse_date(f"{day.day:02}/{day.month:02}/{day.year:04}") == day
    assert _text.parse_date(f"{day.day}/{day.month}/{day.year:04}") == day


@pytest.mark.parametrize("text", ["31/02/2026", "2026-02-30", "06/2026", "1/1/26", " 1/1/2026"])
def test_what_is_not_a_date_is_none(text: str) -> None:
    assert _text.parse_date(text) is None


@given(st.text())
def test_without_accents_leaves_no_combining_mark_and_is_idempotent(text: str) -> None:
    plain = _text.without_accents(text)
    assert not any(unicodedata.combining(char) for char in plain)
    assert _text.without_accents(plain) == plain


def test_without_accents_keeps_the_letters() -> None:
    assert _text.without_accents("Côte d'Ivoire, Réunion, ﬁn, Straße") == (
        "Cote d'Ivoire, Reunion, fin, Straße"
    )
