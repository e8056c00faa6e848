"""The attrs validators of ``_validators.py``: the rule of each, and the message it gives.

Each validator raises an InputError whose one problem names the field (its path) and
the bad value, as a buyer reads it. They are exercised on a small attrs record
defined here, then through the package's records that use them (``HeldCertificate``,
``Vendor``, ``BuyerCriteria``), and ``read_only_getstate``/``read_only_setstate``
through pickling.
"""

import copy
import datetime as dt
import enum
import pickle
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    BuyerCriteria,
    CertificateStatus,
    HeldCertificate,
    InputError,
    Vendor,
)
from callcenter_certs import _validators as v

D = dt.date(2024, 1, 1)
Held: Any = HeldCertificate  # untyped: called with what a type checker refuses
Criteria: Any = BuyerCriteria
RENAMED_MESSAGE = "old_switch was replaced by new_switch; set new_switch"


class Colour(enum.Enum):
    RED = "red"
    GREEN = "green"


class Shade(enum.Enum):
    RED = "red"


def _read_only(value: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Record:
    """One field per validator, each valid by default but ``body``."""

    body: str = attrs.field(validator=v.text)
    title: str = attrs.field(default="Title", validator=v.line)
    flag: bool = attrs.field(default=False, validator=v.boolean)
    day: dt.date = attrs.field(default=D, validator=v.date)
    colour: Colour = attrs.field(default=Colour.RED, validator=v.enum_member(Colour))
    until: dt.date | None = attrs.field(default=None, validator=v.optional(v.date))
    note: str | None = attrs.field(default=None, validator=v.optional(v.line))
    old_switch: None = attrs.field(default=None, validator=v.renamed(RENAMED_MESSAGE))
    table: Mapping[str, int] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_read_only, hash=False
    )

    __getstate__ = v.read_only_getstate
    __setstate__ = v.read_only_setstate


def refusal(build: Callable[[], object]) -> str:
    """The one problem, rendered with its path, of the InputError ``build()`` raises."""
    with pytest.raises(InputError) as info:
        build()
    [problem] = info.value.problems
    return str(problem)


def record_refusal(**fields: Any) -> str:
    return refusal(lambda: Record(**{"body": "Body", **fields}))


def test_the_record_of_valid_values_is_built() -> None:
    made = Record(body="Body", flag=True, until=D, note="n", colour=Colour.GREEN)
    assert (made.body, made.flag, made.until, made.colour) == ("Body", True, D, Colour.GREEN)


def test_a_refusal_is_an_input_error_and_a_value_error_at_the_field() -> None:
    with pytest.raises(InputError) as info:
        Record(body="")
    assert isinstance(info.value, ValueError)
    assert [p.path for p in info.value.problems] == [("body",)]


# text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["x", " padded ", "two\nlines", "tab\there", "Océane", "€ 5"])
def test_text_takes_any_non_blank_printable_string(body: str) -> None:
    assert Record(body=body).body == body


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "body: '' is not a non-empty text"),
        ("  \n ", "body: '  \\n ' is not a non-empty text"),
        (None, "body: None is not a non-empty text"),
        (42, "body: 42 is not a non-empty text"),
        (b"bytes", "body: b'bytes' is not a non-empty text"),
    ],
)
def test_text_refuses_blank_and_non_strings(body: object, message: str) -> None:
    assert record_refusal(body=body) == message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("bell\x07", "body: 'bell\\x07' contains the control character '\\x07'"),
        ("esc\x1b[31m", "body: 'esc\\x1b[31m' contains the control character '\\x1b'"),
        ("del\x7f", "body: 'del\\x7f' contains the control character '\\x7f'"),
        (
            "half\ud800",
            "body: 'half\\ud800' contains '\\ud800', half of a surrogate pair, which is not "
            "a character",
        ),
    ],
)
def test_text_refuses_control_characters_and_lone_surrogates(body: str, message: str) -> None:
    assert record_refusal(body=body) == message


def test_a_huge_bad_value_is_shown_cut_short() -> None:
    """One huge value cannot flood the message: it is cut at 60 characters."""
    message = record_refusal(body=list(range(100_000)))
    assert message.startswith("body: [0, 1, 2, ")
    assert message.endswith("... is not a non-empty text")
    assert len(message) < 100


# line ------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\n", "\r", "\r\n", "\t", "\u2028", "\u2029"])
def test_line_refuses_line_breaks_and_tabs(char: str) -> None:
    assert record_refusal(title=f"A{char}B") == (
        f"title: {f'A{char}B'!r} contains {char[0]!r}: a name is one line, without tabs"
    )


@pytest.mark.parametrize("char", ["\v", "\f", "\x1c", "\x85"])
def test_a_break_that_is_a_control_character_is_refused_as_text(char: str) -> None:
    assert record_refusal(title=f"A{char}B") == (
        f"title: {f'A{char}B'!r} contains the control character {char!r}"
    )


def test_line_is_text_first() -> None:
    """A blank or control character is refused as text, with text's message."""
    assert record_refusal(title=" ") == "title: ' ' is not a non-empty text"
    assert record_refusal(title=7) == "title: 7 is not a non-empty text"
    assert record_refusal(title="a\x00") == "title: 'a\\x00' contains the control character '\\x00'"


@given(st.text(min_size=1).filter(lambda s: s.strip() and s.isprintable()))
def test_line_takes_every_printable_one_line_text(title: str) -> None:
    assert Record(body="b", title=title).title == title


# boolean, date, enum_member ------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "shown"), [(1, "1"), (0, "0"), ("yes", "'yes'"), (None, "None"), (1.0, "1.0")]
)
def test_boolean_takes_only_true_or_false(flag: object, shown: str) -> None:
    assert record_refusal(flag=flag) == f"flag: {shown} is not true or false"


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        ("2024-01-01", "'2024-01-01'"),
        (dt.datetime(2024, 1, 1), "datetime.datetime(2024, 1, 1, 0, 0)"),
        (20240101, "20240101"),
        (None, "None"),
    ],
)
def test_date_takes_a_calendar_date_not_a_datetime_or_a_string(day: object, shown: str) -> None:
    assert record_refusal(day=day) == f"day: {shown} is not a date"


def test_date_takes_a_date_subclass_that_is_not_a_datetime() -> None:
    class Day(dt.date):
        pass

    assert Record(body="b", day=Day(2024, 5, 1)).day == dt.date(2024, 5, 1)


@pytest.mark.parametrize(
    ("colour", "shown"), [("red", "'red'"), (Shade.RED, "<Shade.RED: 'red'>"), (None, "None")]
)
def test_enum_member_lists_the_allowed_values(colour: object, shown: str) -> None:
    """A value, or a member of another enum of the same value, is not a member."""
    assert record_refusal(colour=colour) == (
        f"colour: {shown} is not a Colour (one of 'red', 'green')"
    )


# optional and renamed --------------------------------------------------------------------


def test_optional_takes_none_or_what_its_validator_takes() -> None:
    assert Record(body="b", until=None, note=None).until is None
    assert Record(body="b", until=D).until == D
    assert record_refusal(until="2024-01-01") == "until: '2024-01-01' is not a date"
    assert (
        record_refusal(note="a\nb")
        == "note: 'a\\nb' contains '\\n': a name is one line, without tabs"
    )


def test_optional_does_not_take_what_is_only_falsy() -> None:
    """Only None is left out: an empty text is still checked."""
    assert record_refusal(note="") == "note: '' is not a non-empty text"


@pytest.mark.parametrize("value", [True, False, 0, "", "yes"])
def test_renamed_refuses_any_value_but_none_with_its_message(value: object) -> None:
    assert record_refusal(old_switch=value) == f"old_switch: {RENAMED_MESSAGE}"


def test_renamed_takes_none() -> None:
    assert Record(body="b", old_switch=None).old_switch is None


# read_only_getstate and read_only_setstate ------------------------------------------------


def test_a_read_only_mapping_alone_cannot_be_pickled() -> None:
    """Why the record needs its own state: pickling refuses a mappingproxy."""
    with pytest.raises(TypeError, match="mappingproxy"):
        pickle.dumps(MappingProxyType({"a": 1}))


def test_getstate_gives_every_field_with_mappings_as_plain_dicts() -> None:
    made = Record(body="b", table={"a": 1, "b": 2})
    state = v.read_only_getstate(made)
    assert list(state) == [field.name for field in attrs.fields(Record)]
    assert type(state["table"]) is dict
    assert state["table"] == {"a": 1, "b": 2}
    assert state["body"] == "b"


def test_setstate_makes_the_mappings_read_only_again() -> None:
    made = Record(body="b")
    v.read_only_setstate(made, {**v.read_only_getstate(made), "table": {"z": 9}, "body": "c"})
    assert made.body == "c"
    assert type(made.table) is MappingProxyType
    assert made.table == {"z": 9}
    with pytest.raises(TypeError):
        made.table["z"] = 1  # type: ignore[index]


@given(st.dictionaries(st.text(max_size=5), st.integers(), max_size=5), st.booleans())
def test_a_record_with_a_read_only_mapping_pickles_and_copies(
    table: dict[str, int], flag: bool
) -> None:
    made = Record(body="b", table=table, flag=flag)
    for again in (pickle.loads(pickle.dumps(made)), copy.deepcopy(made), copy.copy(made)):  # noqa: S301
        assert again == made
        assert type(again.table) is MappingProxyType


# Through the package's records -----------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Held("", D), "certification: '' is not a non-empty text"),
        (
            lambda: Held("iso-9001", "2024-01-01"),
            "valid_from: '2024-01-01' is not a date",
        ),
        (
            lambda: Held("iso-9001", dt.datetime(2024, 1, 1)),
            "valid_from: datetime.datetime(2024, 1, 1, 0, 0) is not a date",
        ),
        (lambda: Held("iso-9001", D, "2025"), "valid_until: '2025' is not a date"),
        (
            lambda: Held("iso-9001", D, accredited="yes"),
            "accredited: 'yes' is not true or false",
        ),
        (
            lambda: Held("iso-9001", D, certificate_number=" "),
            "certificate_number: ' ' is not a non-empty text",
        ),
        (
            lambda: Held("iso-9001", D, status="active"),
            "status: 'active' is not a CertificateStatus (one of 'active', 'inactive', "
            "'suspended', 'cancelled', 'draft', 'withdrawn', 'expired')",
        ),
        (lambda: Vendor("A\nB"), "name: 'A\\nB' contains '\\n': a name is one line, without tabs"),
        (lambda: Vendor(""), "name: '' is not a non-empty text"),
        (lambda: Criteria(accept_equivalents=1), "accept_equivalents: 1 is not true or false"),
        (
            lambda: Criteria(valid_through="2026-06-30"),
            "valid_through: '2026-06-30' is not a date",
        ),
    ],
)
def test_the_package_records_refuse_with_the_validators_messages(
    build: Callable[[], object], message: str
) -> None:
    assert refusal(build) == message


def test_the_optional_fields_of_a_certificate_take_none() -> None:
    held = HeldCertificate("iso-9001", D, None, certificate_number=None, accredited=None)
    assert held.status is CertificateStatus.ACTIVE


def test_the_renamed_switch_of_the_criteria_names_its_replacements() -> None:
    message = refusal(lambda: Criteria(accept_ratings_and_awards=False))
    assert message.startswith("accept_ratings_and_awards: accept_ratings_and_awards was replaced")
    assert "accept_ratings (" in message
    assert "accept_awards (" in message
    assert BuyerCriteria(accept_ratings_and_awards=None) == BuyerCriteria()


@pytest.mark.parametrize(
    "record",
    [
        Vendor("A", figures={"price": 1_180_000.5, "technical": 15}),
        BuyerCriteria(weights={"results_obligation": 2}),
    ],
)
def test_the_package_records_with_read_only_tables_pickle(record: object) -> None:
    again = pickle.loads(pickle.dumps(record))  # noqa: S301
    assert again == record
    tables = [getattr(again, f.name) for f in attrs.fields(type(again))]
    assert any(type(table) is MappingProxyType for table in tables)
    assert not any(type(table) is dict for table in tables)
