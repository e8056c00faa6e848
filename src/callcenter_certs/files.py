"""Reading files safely: size limits, encodings, JSON and TOML, precise errors.

Vendor files come from outside. Whatever is wrong with one (missing, too big, not
UTF-8, invalid JSON, NaN, nesting bombs) ends as an :class:`InputError` naming the
file and, where it can, the line and column.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .errors import InputError

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "parse_json",
    "parse_toml",
    "read_bytes",
    "read_structured",
    "read_text",
]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(kw_only=True)
class Limits:
    """What a loader accepts before refusing a file, so one file cannot exhaust memory.

    Raise them for national registers; lower them for a web service.
    """

    max_file_bytes: int = 512 * 2**20
    """Largest file read, in bytes (default 512 MiB: about 2 million vendors in JSON)."""
    max_vendors: int = 2_000_000
    """Most vendors in one file."""
    max_certificates_per_vendor: int = 1_000
    """Most certificates one vendor may list."""
    max_sites_per_vendor: int = 10_000
    """Most sites one vendor may declare."""


DEFAULT_LIMITS = Limits()


def read_bytes(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read a whole file, refusing one over ``limits.max_file_bytes`` (e.g. a workbook)."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            msg = (
                f"the file is {size:,} bytes, over the limit of {limits.max_file_bytes:,} "
                "(raise Limits.max_file_bytes to accept it)"
            )
            raise InputError(msg)
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limits.max_file_bytes:
        raise InputError(f"the file is over the limit of {limits.max_file_bytes:,} bytes")
    return data


def read_text(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> str:
    """Read a UTF-8 text file (a byte-order mark is allowed and dropped)."""
    data = read_bytes(path, limits=limits)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        msg = (
            f"line {line}: byte {data[exc.start : exc.start + 1]!r} at offset {exc.start} "
            "is not UTF-8 (save the file as UTF-8)"
        )
        raise InputError(msg) from None


def _refuse_constant(name: str) -> Any:
    msg = f"{name} is not a valid JSON number"
    raise ValueError(msg)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # dict() in C, then compare sizes: a loop in Python here took a third of the parse.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                msg = f"duplicate key {key!r}"
                raise ValueError(msg)
            seen.add(key)
    return result


def parse_json(text: str) -> Any:
    """Parse strict JSON: no NaN or Infinity, no duplicate keys."""
    try:
        return json.loads(
            text, parse_constant=_refuse_constant, object_pairs_hook=_no_duplicate_keys
        )
    except json.JSONDecodeError as exc:
        msg = f"line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"
        raise InputError(msg) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # refused constants, duplicate keys, huge integers
        raise InputError(f"invalid JSON: {exc}") from None


def parse_toml(text: str) -> Any:
    """Parse TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}") from None
    except RecursionError:
        raise InputError("invalid TOML: nested too deeply") from None


_PARSERS = {"json": parse_json, "toml": parse_toml}


def read_structured(path: Path, *, formats: Sequence[str], limits: Limits = DEFAULT_LIMITS) -> Any:
    """Read a JSON or TOML file, choosing the parser by the file's suffix."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in formats:
        expected = ", ".join(f".{f}" for f in formats)
        raise InputError(f"unsupported file type {path.suffix or '(none)'!r}; expected {expected}")
    return _PARSERS[suffix](read_text(path, limits=limits))
