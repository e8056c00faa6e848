"""The one cattrs converter, strict in both directions.

Unstructuring gives JSON-compatible data (ISO dates, enum values, sorted lists for
sets, ``"n/d"`` strings for exact fractions); structuring refuses anything it would
otherwise coerce silently (``"12"`` for an int, ``1.5`` for an int, a string for a
list) and reports every problem as an [`InputError`][callcenter_certs.InputError] with its field
path.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from typing import Any, TypeVar, cast

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._text import describe, iso_date, text_problem
from ._validators import KEYED_BY, NOT_WRITTEN, OMIT_EMPTY, RENAMED
from .catalogue import Catalog
from .certifications import Certification
from .criteria import _NEED_WORDS, Need
from .criteria import _french_need as _need_of
from .errors import MAX_PROBLEMS, InputError, Problem, _Capped, _PathPart

__all__ = ["CONVERTER", "converter", "make_converter"]


def __dir__() -> list[str]:
    return __all__


T = TypeVar("T")
# A pattern's text: `re` compiles it when first used, not at every start-up.
_FRACTION = r"^-?\d+(?:/\d+)?$"


class _BadValueError(ValueError):
    """A leaf value of the wrong type or form; the message names it."""


class _NotKeptError(Exception):
    """Stands for the problems of a list or table past `MAX_PROBLEMS`: counted, not kept.

    A list of a million bad items would otherwise build a million exceptions, each
    with its note and traceback (2 KB apiece), before one line is printed.
    """

    def __init__(self, count: int) -> None:
        super().__init__(f"{count:,} more problems")
        self.count = count


def _gathered(errors: list[Exception], dropped: int) -> list[Exception]:
    """The errors kept, and one standing for those dropped past `MAX_PROBLEMS`."""
    return [*errors, _NotKeptError(dropped)] if dropped else errors


def _type_name(value: object) -> str:
    return type(value).__name__


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        msg = f"{describe(value)} is not a string (got {_type_name(value)})"
        raise _BadValueError(msg)
    if (problem := text_problem(value)) is not None:
        raise _BadValueError(problem)
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        msg = f"{describe(value)} is not true or false (got {_type_name(value)})"
        raise _BadValueError(msg)
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{describe(value)} is not a whole number (got {_type_name(value)})"
        raise _BadValueError(msg)
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"{describe(value)} is not a number (got {_type_name(value)})"
        raise _BadValueError(msg)
    try:
        number = float(value)
    except OverflowError:
        msg = f"{describe(value)} is too large"
        raise _BadValueError(msg) from None
    if not math.isfinite(number):
        msg = f"{describe(value)} is not a finite number"
        raise _BadValueError(msg)
    return number


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        msg = f"{describe(value)} is a date and time, expected a date (YYYY-MM-DD)"
        raise _BadValueError(msg)
    if isinstance(value, dt.date):
        return value
    day = iso_date(value) if isinstance(value, str) else None
    if day is not None:
        return day
    msg = f"{describe(value)} is not a date (expected YYYY-MM-DD)"
    raise _BadValueError(msg)


def _structure_fraction(value: object, _: type) -> Fraction:
    if isinstance(value, str) and re.match(_FRACTION, value):
        try:
            return Fraction(value)
        except ZeroDivisionError:
            pass
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    msg = f"{describe(value)} is not an exact fraction such as '2/3'"
    raise _BadValueError(msg)


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    allowed = ", ".join(repr(member.value) for member in cls)
    french = _need_of if cls is Need else None
    if french is not None:  # a buyer writes "exiger" in a criteria file
        allowed += ", or in French " + ", ".join(map(repr, _NEED_WORDS))

    def structure(value: object, _: type) -> enum.Enum:
        try:
            return cls(value)
        except (ValueError, TypeError):
            if french is not None and (member := french(value)) is not None:
                return member
            msg = f"{describe(value)} is not one of {allowed}"
            raise _BadValueError(msg) from None

    return structure


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _is_frozenset(tp: Any) -> bool:
    return typing.get_origin(tp) is frozenset


def _is_mapping(tp: Any) -> bool:
    return typing.get_origin(tp) in {Mapping, dict}


def _collection_hook(
    conv: cattrs.Converter, tp: Any, build: Callable[[list[Any]], Any]
) -> Callable[[object, type], Any]:
    args = typing.get_args(tp)
    item_type = args[0] if args else Any
    item_hook = conv.get_structure_hook(item_type)

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, list | tuple | frozenset | set):
            msg = f"{describe(value)} is not a list (got {_type_name(value)})"
            raise _BadValueError(msg)
        items: list[Any] = []
        errors: list[Exception] = []
        dropped = 0
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001 - gathered and reported with their paths
                if len(errors) >= MAX_PROBLEMS:
                    dropped += _count(exc)
                    continue
                exc.add_note(cattrs.errors.IterableValidationNote(f"@ [{index}]", index, item_type))
                errors.append(exc)
        if errors:
            msg = "invalid items"
            raise IterableValidationError(msg, _gathered(errors, dropped), tp)
        return build(items)

    return structure


def _mapping_hook(conv: cattrs.Converter, tp: Any) -> Callable[[object, type], Any]:
    key_type, value_type = typing.get_args(tp) or (Any, Any)
    key_hook = conv.get_structure_hook(key_type)
    value_hook = conv.get_structure_hook(value_type)

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            msg = f"{describe(value)} is not a table of keys and values (got {_type_name(value)})"
            raise _BadValueError(msg)
        out: dict[Any, Any] = {}
        errors: list[Exception] = []
        dropped = 0
        for key, item in value.items():
            try:
                out[key_hook(key, key_type)] = value_hook(item, value_type)
            except Exception as exc:  # noqa: BLE001 - gathered and reported with their paths
                if len(errors) >= MAX_PROBLEMS:
                    dropped += _count(exc)
                    continue
                exc.add_note(cattrs.errors.IterableValidationNote(f"@ [{key!r}]", key, value_type))
                errors.append(exc)
        if errors:
            msg = "invalid entries"
            raise IterableValidationError(msg, _gathered(errors, dropped), tp)
        return out

    return structure


def _keyed_hook(conv: cattrs.Converter, tp: Any, key: str) -> Callable[[object, type], Any]:
    """Structure a table ``{key: {other fields}}`` into a tuple of records, in order.

    Problems come with the entry's key in their path (``price.scoring``), the record's
    own checks included; a bad key is reported at the entry itself.
    """
    (cls,) = typing.get_args(tp)[:1]
    allowed = [f.name for f in attrs.fields(cls) if f.name != key]
    shown = ", ".join(map(repr, allowed))

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            msg = (
                f"{describe(value)} is not a table of {cls.__name__.lower()}s by {key} "
                f"(got {_type_name(value)})"
            )
            raise _BadValueError(msg)
        items: list[Any] = []
        problems = _Capped()
        for name, fields in value.items():
            where: tuple[_PathPart, ...] = (name if isinstance(name, str) else describe(name),)
            if not isinstance(fields, Mapping):
                kind = _type_name(fields)
                msg = f"{describe(fields)} is not a table of keys and values (got {kind})"
                problems.append(Problem(where, msg))
                continue
            unknown = [k for k in fields if k not in allowed]
            problems.extend(
                Problem((*where, str(k)), f"unknown key {k!r}; allowed keys: {shown}")
                for k in unknown
            )
            known = {k: v for k, v in fields.items() if k in allowed}
            try:
                items.append(conv.structure({key: name, **known}, cls))
            except InputError as error:
                problems.extend(
                    Problem(where, p.message) if p.path == (key,) else p.prefixed(where)
                    for p in error.problems
                )
        if problems:
            raise InputError(problems.listed())
        return tuple(items)

    return structure


def _keyed_unstructurer(conv: cattrs.Converter, tp: Any, key: str) -> Callable[[Any], Any]:
    (cls,) = typing.get_args(tp)[:1]
    item = conv.get_unstructure_hook(cls)

    def unstructure(value: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for record in value:
            fields = item(record)
            name = fields.pop(key)
            out[name] = {k: v for k, v in fields.items() if v is not None}
        return out

    return unstructure


def _has_metadata(cls: Any) -> bool:
    return attrs.has(cls) and any(
        KEYED_BY in f.metadata or OMIT_EMPTY in f.metadata or NOT_WRITTEN in f.metadata
        for f in attrs.fields(cls)
    )


def _attrs_unstructurer(conv: cattrs.Converter, cls: Any) -> Callable[[Any], Any]:
    """The record's fields, with the fields marked by metadata written as it says."""
    attrs.resolve_types(cls)
    overrides: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if NOT_WRITTEN in field.metadata:
            overrides[field.name] = override(omit=True)
            continue
        key = field.metadata.get(KEYED_BY)
        hook = None if key is None else _keyed_unstructurer(conv, field.type, key)
        if key is not None or OMIT_EMPTY in field.metadata:
            overrides[field.name] = override(
                omit_if_default=bool(field.metadata.get(OMIT_EMPTY)), unstruct_hook=hook
            )
    return make_dict_unstructure_fn(cls, conv, **overrides)


def _attrs_hook(conv: cattrs.Converter, cls: type) -> Callable[[object, type], Any]:
    attrs.resolve_types(cls)
    overrides: dict[str, Any] = {
        field.name: override(struct_hook=_keyed_hook(conv, field.type, field.metadata[KEYED_BY]))
        for field in attrs.fields(cls)
        if KEYED_BY in field.metadata
    }
    overrides.update(
        (field.name, override(omit=True))
        for field in attrs.fields(cls)
        if NOT_WRITTEN in field.metadata
    )
    generated: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True, **overrides
    )

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            msg = f"{describe(value)} is not a table of keys and values (got {_type_name(value)})"
            raise _BadValueError(msg)
        return generated(value, cls)

    return structure


class _StrictConverter(cattrs.Converter):
    """A converter whose ``structure`` raises an `InputError` with field paths."""

    def structure(self, obj: Any, cl: Any) -> Any:
        try:
            return super().structure(obj, cl)
        except InputError:
            raise
        except (cattrs.errors.CattrsError, ValueError, TypeError, KeyError) as exc:
            raise InputError(_listed(exc)) from exc

    def counted(self, obj: Any, cl: Any) -> tuple[Any, int]:
        """``(record, 0)``, or ``(None, how many problems)`` without building the problems.

        For a file whose problems are no longer listed, only counted.
        """
        try:
            return super().structure(obj, cl), 0
        except InputError as error:
            return None, len(error.problems)
        except (cattrs.errors.CattrsError, ValueError, TypeError, KeyError) as exc:
            return None, _count(exc)

    def structure_catalog(self, data: Any, extends: Catalog | None) -> Catalog:
        """A catalogue file's data; with ``extends``, its references may name that one's ids."""
        if extends is None:
            return self.structure(data, Catalog)  # type: ignore[no-any-return]
        try:
            return _structure_catalog(self, data, frozenset(extends))
        except InputError:
            raise
        except (cattrs.errors.CattrsError, ValueError, TypeError, KeyError) as exc:
            raise InputError(_listed(exc)) from exc


def _count(exc: BaseException) -> int:
    """How many problems an error stands for, without building them."""
    if isinstance(exc, _NotKeptError):
        return exc.count
    if isinstance(exc, InputError):
        return len(exc.problems)
    if isinstance(exc, ForbiddenExtraKeysError):
        return len(exc.extra_fields)
    if isinstance(exc, BaseValidationError):
        return sum(map(_count, exc.exceptions))
    return 1


def _listed(exc: BaseException) -> list[Problem]:
    """The problems of ``exc``: the first `MAX_PROBLEMS`, then how many more there were."""
    problems = _Capped()
    problems.extend(_problems(exc, ()))
    problems.more += sum(_not_kept(exc))
    return problems.listed()


def _not_kept(exc: BaseException) -> Iterator[int]:
    """The counts of the problems dropped inside ``exc`` (see `_NotKeptError`)."""
    if isinstance(exc, _NotKeptError):
        yield exc.count
    elif isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            yield from _not_kept(sub)


def _allowed_keys(cls: type) -> str:
    return ", ".join(repr(f.name) for f in attrs.fields(cls) if NOT_WRITTEN not in f.metadata)


def _extra_key(cls: type, key: str, allowed: str) -> str:
    """Why ``key`` is refused: a replaced name says by what; another lists the allowed keys."""
    for field in attrs.fields(cls):
        if field.name == key and RENAMED in field.metadata:
            return str(field.metadata[RENAMED])
    return f"unknown key {key!r}; allowed keys: {allowed}"


def _group_problems(exc: BaseValidationError, path: tuple[_PathPart, ...]) -> list[Problem]:
    out: list[Problem] = []
    if isinstance(exc, ClassValidationError):
        class_notes, without = exc.group_exceptions()
        for sub, class_note in class_notes:
            out.extend(_problems(sub, (*path, class_note.name)))
    elif isinstance(exc, IterableValidationError):
        item_notes, without = exc.group_exceptions()
        for sub, item_note in item_notes:
            out.extend(_problems(sub, (*path, item_note.index)))
    else:
        without = list(exc.exceptions)
    for sub in without:
        out.extend(_problems(sub, path))
    return out


def _problems(exc: BaseException, path: tuple[_PathPart, ...]) -> list[Problem]:
    """Flatten a cattrs exception tree into problems with their field paths."""
    if isinstance(exc, InputError):
        return [p.prefixed(path) for p in exc.problems]
    if isinstance(exc, _NotKeptError):
        return []  # counted by _listed
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = _allowed_keys(exc.cl)
        return [
            Problem((*path, key), _extra_key(exc.cl, key, allowed))
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, BaseValidationError):
        return _group_problems(exc, path)
    if isinstance(exc, KeyError):
        message = "required field missing"
    elif isinstance(exc, _BadValueError):
        message = str(exc)
    else:
        message = f"invalid value ({exc})"
    return [Problem(path, message)]


def _unstructure_fraction(value: Fraction) -> str:
    return str(value)


def _is_ranked_vendor(tp: Any) -> bool:
    from .ranking import RankedVendor  # noqa: PLC0415 - the engine imports this module

    return tp is RankedVendor


@functools.cache
def _entry_type() -> type:
    """A ranked vendor as data (what records store): rank, vendor, score.

    Made when a ranking is first written or read, not at import: an attrs class costs
    about 3 M instructions of start-up (see the cold start in docs/performance.md).
    """
    from .scoring import VendorScore  # noqa: PLC0415 - the engine imports this module
    from .vendors import Vendor  # noqa: PLC0415 - idem

    return attrs.make_class(
        "RankedVendorData",
        {
            "rank": attrs.field(type=cast("type", int | None)),
            "vendor": attrs.field(type=Vendor),
            "score": attrs.field(type=VendorScore),
        },
        frozen=True,
        kw_only=True,
    )


def _ranked_vendor_hooks(conv: cattrs.Converter) -> None:
    """A ranked vendor as its data (rank, vendor, score), its score computed if pending."""

    def unstructure(value: Any) -> Any:
        data = _entry_type()(rank=value.rank, vendor=value.vendor, score=value.score)
        return conv.unstructure(data)

    def structure(value: object, _: type) -> Any:
        from .ranking import RankedVendor  # noqa: PLC0415 - the engine imports this module

        data: Any = conv.structure(value, _entry_type())
        return RankedVendor(rank=data.rank, vendor=data.vendor, score=data.score)

    conv.register_unstructure_hook_factory(_is_ranked_vendor, lambda _: unstructure)
    conv.register_structure_hook_factory(_is_ranked_vendor, lambda _: structure)


def _catalog_hooks(conv: cattrs.Converter) -> None:
    """A catalogue as its file lays it out: ``version`` and a list of ``certifications``."""

    def structure(data: Any, _: type) -> Catalog:
        return _structure_catalog(conv, data)

    def unstructure(catalog: Catalog) -> dict[str, Any]:
        return {
            "version": catalog.version,
            "certifications": conv.unstructure(catalog.certifications, tuple[Certification, ...]),
        }

    conv.register_structure_hook(Catalog, structure)
    conv.register_unstructure_hook(Catalog, unstructure)


def _structure_catalog(
    conv: cattrs.Converter, data: Any, outside: frozenset[str] = frozenset()
) -> Catalog:
    """A catalogue file's data as a catalogue whose references may also name ``outside``."""
    if not isinstance(data, Mapping):
        raise InputError(f"{type(data).__name__} is not a catalogue table")
    unknown = sorted(set(data) - {"version", "certifications"})
    problems = [
        Problem((key,), f"unknown key {key!r}; allowed keys: 'version', 'certifications'")
        for key in unknown
    ]
    if "certifications" not in data:
        problems.append(Problem(("certifications",), "required field missing"))
    if problems:
        raise InputError(problems)
    try:
        version = conv.structure(data.get("version", "unversioned"), str)
    except InputError as error:
        raise error.prefixed(("version",)) from error
    try:
        entries = conv.structure(data["certifications"], tuple[Certification, ...])
    except InputError as error:
        raise error.prefixed(("certifications",)) from error
    return Catalog(entries, version, _outside=outside)


def make_converter() -> cattrs.Converter:
    """A new converter configured as the loaders' own: strict, with field paths in errors.

    The loaders keep theirs private, so that a hook registered on this one (a date
    format, a record of your own) changes only what you convert with it::

        conv = make_converter()
        conv.register_unstructure_hook(dt.date, lambda d: d.strftime("%d/%m/%Y"))

    ``conv.structure(conv.unstructure(x), type(x)) == x`` for every record of the
    package, as long as you leave its hooks as they are.
    """
    conv = _StrictConverter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(Fraction, _unstructure_fraction)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    conv.register_structure_hook_factory(_is_tuple, lambda t: _collection_hook(conv, t, tuple))
    conv.register_structure_hook_factory(
        _is_frozenset, lambda t: _collection_hook(conv, t, frozenset)
    )
    conv.register_structure_hook_factory(_is_mapping, lambda t: _mapping_hook(conv, t))
    conv.register_structure_hook_factory(attrs.has, lambda t: _attrs_hook(conv, t))
    conv.register_unstructure_hook_factory(_has_metadata, lambda t: _attrs_unstructurer(conv, t))
    _ranked_vendor_hooks(conv)  # after the attrs hooks, which it overrides
    _catalog_hooks(conv)

    conv.register_unstructure_hook_factory(
        _is_tuple,
        lambda t: _sequence_unstructurer(conv, t),
    )
    conv.register_unstructure_hook_factory(
        _is_frozenset,
        lambda t: _set_unstructurer(conv, t),
    )
    conv.register_unstructure_hook_factory(
        _is_mapping,
        lambda t: _mapping_unstructurer(conv, t),
    )
    return conv


def _item_unstructurer(conv: cattrs.Converter, tp: Any) -> Callable[[Any], Any]:
    args = typing.get_args(tp)
    item_type = args[0] if args else Any
    if item_type is Any:
        return conv.unstructure
    return conv.get_unstructure_hook(item_type)


def _sequence_unstructurer(conv: cattrs.Converter, tp: Any) -> Callable[[Any], list[Any]]:
    item = _item_unstructurer(conv, tp)
    return lambda value: [item(v) for v in value]


def _sort_key(value: Any) -> Any:
    return (str(type(value)), value)


def _set_unstructurer(conv: cattrs.Converter, tp: Any) -> Callable[[Any], list[Any]]:
    item = _item_unstructurer(conv, tp)
    return lambda value: sorted((item(v) for v in value), key=_sort_key)


def _mapping_unstructurer(conv: cattrs.Converter, tp: Any) -> Callable[[Any], dict[Any, Any]]:
    args = typing.get_args(tp)
    value_type = args[1] if len(args) == 2 else Any  # noqa: PLR2004 - key and value types
    item = conv.unstructure if value_type is Any else conv.get_unstructure_hook(value_type)
    return lambda value: {k: item(v) for k, v in sorted(value.items())}


CONVERTER: _StrictConverter = cast("_StrictConverter", make_converter())
"""The loaders' and decision records' converter; private: use
[`make_converter`][callcenter_certs.make_converter]."""

converter: cattrs.Converter
"""A converter configured like the loaders' one, for users: changing it changes nothing
in how files load (see [`make_converter`][callcenter_certs.make_converter]). Made when
first used: a command that does not use it does not pay for it."""


def __getattr__(name: str) -> object:
    if name == "converter":
        return globals().setdefault("converter", make_converter())
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
