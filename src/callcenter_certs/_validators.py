"""attrs validators that raise `InputError` naming the field and the bad value.

attrs' own validators raise ``TypeError`` with a message for programmers; a buyer
needs ``status: 'actif' is not one of 'active', 'inactive', ...``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import attrs

from ._text import describe, line_problem, text_problem
from .errors import InputError

__all__ = [
    "KEYED_BY",
    "NOT_WRITTEN",
    "OMIT_EMPTY",
    "RENAMED",
    "boolean",
    "date",
    "enum_member",
    "line",
    "optional",
    "read_only_getstate",
    "read_only_setstate",
    "renamed",
    "text",
]

KEYED_BY = "callcenter_certs.keyed_by"
"""attrs field metadata: a tuple of records that files write as a table keyed by the
field of that name, in order: ``BuyerCriteria.figures`` is ``{"price": {"better":
"lower"}, ...}``, each entry without its name, and without its ``None`` fields."""
NOT_WRITTEN = "callcenter_certs.not_written"
"""attrs field metadata: never written nor read (the field takes its default when read
back): what an object keeps for later work, such as the catalogue a ranking was made
with, and that records need not carry."""
RENAMED = "callcenter_certs.renamed"
"""attrs field metadata, with `NOT_WRITTEN`: a name that was replaced, and the
message that refuses it, in Python (the field's validator) and in files (the
converter): ``accept_ratings_and_awards``."""
OMIT_EMPTY = "callcenter_certs.omit_empty"
"""attrs field metadata: left out of the unstructured record when equal to its default
(empty), so that files and records written before the field existed stay the same."""


Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def __dir__() -> list[str]:
    return __all__


def _fail(attribute: attrs.Attribute[Any], message: str) -> None:
    raise InputError.at((attribute.name,), message)


def renamed(message: str) -> Validator:
    """A validator refusing any value but ``None``: the field's name was replaced."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            _fail(attribute, message)

    return check


def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-blank string of characters that can be shown (see ``text_problem``)."""
    if not isinstance(value, str) or not value.strip():
        _fail(attribute, f"{describe(value)} is not a non-empty text")
    elif (problem := text_problem(value)) is not None:
        _fail(attribute, problem)


def line(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Text on one line: a name shown in a table row or a sentence (a vendor's name).

    A line break (or a tab) in a name would forge a row of the ranking's table or of
    an explanation; it is refused, as a damaged cell is.
    """
    text(instance, attribute, value)
    if isinstance(value, str) and (problem := line_problem(value)) is not None:
        _fail(attribute, problem)


def boolean(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``True`` or ``False``, not 1 or ``"yes"``."""
    if not isinstance(value, bool):
        _fail(attribute, f"{describe(value)} is not true or false")


def date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar date, not a datetime or a string."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        _fail(attribute, f"{describe(value)} is not a date")


def enum_member(cls: type[enum.Enum]) -> Validator:
    """A member of ``cls``; the message lists the allowed values."""
    allowed = ", ".join(repr(member.value) for member in cls)

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            _fail(attribute, f"{describe(value)} is not a {cls.__name__} (one of {allowed})")

    return check


def optional(validator: Validator) -> Validator:
    """``None`` or what ``validator`` accepts."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


def read_only_getstate(self: Any) -> dict[str, Any]:
    """``__getstate__`` of a frozen record holding read-only mappings (which pickling refuses)."""
    return {
        field.name: dict(value) if isinstance(value, MappingProxyType) else value
        for field in attrs.fields(type(self))
        for value in (getattr(self, field.name),)
    }


def read_only_setstate(self: Any, state: dict[str, Any]) -> None:
    """``__setstate__`` matching `read_only_getstate`: mappings read-only again."""
    for name, value in state.items():
        object.__setattr__(
            self, name, MappingProxyType(value) if isinstance(value, dict) else value
        )
