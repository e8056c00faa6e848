"""Reading files safely: size limits, encodings, JSON and TOML, precise errors.

Vendor files come from outside. Whatever is wrong with one (missing, too big, not
UTF-8, invalid JSON, NaN, nesting bombs) ends as an [`InputError`][callcenter_certs.InputError]
naming the
file and, where it can, the line and column.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import json.scanner
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from ._text import describe
from .errors import InputError, _PathPart

__all__ = ["Limits"]


def __dir__() -> list[str]:
    return __all__


def _count(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError.at((attribute.name,), f"{value!r} is not a whole number >= 0")


@attrs.frozen(kw_only=True)
class Limits:
    """What a loader accepts before refusing a file, so one file cannot exhaust memory.

    Raise them for national registers; lower them for a web service.
    """

    max_file_bytes: int = attrs.field(default=16 * 2**20, validator=_count)
    """Largest file read, in bytes (default 16 MiB: about 40,000 vendors in JSON,
    150,000 certificate rows in CSV); for a workbook, also the most its content may
    take once unzipped."""
    max_vendors: int = attrs.field(default=100_000, validator=_count)
    """Most vendors in one file."""
    max_certificates_per_vendor: int = attrs.field(default=1_000, validator=_count)
    """Most certificates one vendor may list."""
    max_sites_per_vendor: int = attrs.field(default=10_000, validator=_count)
    """Most sites one vendor may declare (and name in a certificate's ``sites_covered``)."""
    max_depth: int = attrs.field(default=64, validator=_count)
    """Deepest nesting of lists and tables in a JSON or TOML file, the file itself being
    level 1 (a vendor file needs 5, a decision record 9)."""
    max_criteria_bytes: int = attrs.field(default=2**20, validator=_count)
    """Largest criteria or catalogue file, in bytes (default 1 MiB: the built-in
    catalogue takes 27 KB). Such a file is written by hand; TOML's parser reads about a
    megabyte a second. ``max_file_bytes`` applies too, when it is smaller."""
    max_cells: int = attrs.field(default=1_000_000, validator=_count)
    """Most cells in a spreadsheet (CSV, or the sheet read of a workbook), counted as
    the rows are read; an empty row counts as one."""
    max_shared_strings: int = attrs.field(default=1_000_000, validator=_count)
    """Most entries in a workbook's table of shared strings (the texts its cells point
    to), counted as the table is read."""


_DEFAULT_LIMITS = Limits()


def _file_path(path: object) -> Path:
    """``path`` (a ``str`` or ``os.PathLike``) as a `Path`.

    Public loaders check it first, so that ``None`` or a number is an InputError,
    not a TypeError from deep inside ``pathlib``.
    """
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(name, str):
        msg = f"{describe(path)} is not a file path (a str or a pathlib.Path)"
        raise InputError.at(("path",), msg)
    if not name:
        raise InputError.at(("path",), "'' is not a file path (it is empty)")
    if "\0" in name:  # the system cannot take it: os.stat and open raise ValueError
        msg = f"{describe(name)} is not a usable file path (it holds a NUL character)"
        raise InputError.at(("path",), msg)
    return Path(name)


def _checked_limits(limits: object) -> Limits:
    """``limits`` if it is a `Limits`, else an InputError naming the argument."""
    if not isinstance(limits, Limits):
        raise InputError.at(("limits",), f"{describe(limits)} is not a Limits")
    return limits


def _to_accept(name: str) -> str:
    """How to raise the limit ``name``, from Python or from the command line."""
    return f"raise it with Limits({name}=N) in Python, --limit {name}=N on the command line"


_CHUNK = 2**20


# What was read: the digests of a decision record ---------------------------------------


class _ReadDigests:
    """The SHA-256 of each file read while this recorder is active (`_recording_reads`).

    A decision record states the digest of the bytes that were ranked. Reading a file
    a second time to hash it would hang on a named pipe, find nothing left on piped
    standard input, and hash new content if the file changed in between; so the
    reading functions of this module hash the very bytes they hand to a parser, in
    the read that loads them (`_read_bytes`, which `_read_text` uses). A function
    added here that reads a file must call `_note_read` the same way.
    """

    def __init__(self) -> None:
        self._digests: dict[str, str] = {}

    def note(self, path: Path, data: bytes) -> None:
        """``data`` was read from ``path`` (the last read of a path counts)."""
        self._digests[os.fspath(path)] = hashlib.sha256(data).hexdigest()

    def sha256(self, path: str | os.PathLike[str]) -> str | None:
        """The hex SHA-256 of what was read from ``path``, or ``None`` if it was not read."""
        return self._digests.get(os.fspath(Path(path)))


_READS: contextvars.ContextVar[_ReadDigests | None] = contextvars.ContextVar(
    "callcenter_certs_reads", default=None
)
"""The active recorder, per thread and task: a load elsewhere is never noted in it."""


@contextlib.contextmanager
def _recording_reads() -> Iterator[_ReadDigests]:
    """Note the digest of every file read by the loaders inside the ``with`` block.

    >>> from callcenter_certs import load_vendors
    >>> with _recording_reads() as reads:
    ...     _ = load_vendors("docs/examples/vendors.csv")
    >>> len(reads.sha256("docs/examples/vendors.csv"))
    64
    """
    reads = _ReadDigests()
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def _note_read(path: Path, data: bytes) -> None:
    """Tell the active recorder, if any, that ``data`` is what was read from ``path``."""
    reads = _READS.get()
    if reads is not None:
        reads.note(path, data)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a failure leaves the previous file intact.

    The bytes go to a new temporary file in the same directory, are flushed to the
    disk, and the temporary file then replaces ``path`` in one rename: a reader sees
    the old file or the new one, never a part. A symbolic link is followed (the file
    it points to is replaced); the permissions of a replaced file are kept. A file
    that is not a regular one (a device such as ``/dev/stdout``, a named pipe) is
    written into, as it is: renaming over it would replace the device.

    Raises:
        OSError: the file cannot be written, with ``filename`` set to ``path`` (never
            the temporary file's name).
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None
    target = path
    try:
        if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            _write_special(path, data)  # a device or a pipe: never replaced by a file
            return
        target = Path(os.path.realpath(path))
        temporary, handle = _new_temporary(target)
    except OSError as error:
        raise _naming(error, path) from None
    try:
        try:
            if hasattr(os, "fchmod"):
                with contextlib.suppress(OSError):
                    os.fchmod(handle, stat.S_IMODE(target.stat().st_mode))
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view[:_CHUNK]) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        temporary.replace(target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise _naming(error, path) from None
        raise


def _write_special(target: Path, data: bytes) -> None:
    """Write ``data`` into a file that is not a regular one (``/dev/stdout``, a pipe)."""
    handle = os.open(target, os.O_WRONLY)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view[:_CHUNK]) :]
    finally:
        os.close(handle)


def _new_temporary(target: Path) -> tuple[Path, int]:
    """A new file beside ``target``, open for writing (a name already taken: another)."""
    while True:
        candidate = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
        with contextlib.suppress(FileExistsError):
            return candidate, os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)


def _naming(error: OSError, path: Path) -> OSError:
    """``error`` again, naming ``path`` (not a temporary file) as its file."""
    return type(error)(error.errno, error.strerror or str(error), os.fspath(path))


def _read_rest(handle: BinaryIO, start: bytes, most: int) -> bytes:
    """``start`` and what follows in ``handle``, up to ``most`` bytes in all.

    In chunks: one ``read(most)`` would reserve ``most`` bytes at once, whatever
    the file holds, and a limit raised for a big register could exhaust memory.
    """
    chunks, total = [start], len(start)
    while total < most and (chunk := handle.read(min(_CHUNK, most - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _size_limit(limits: Limits, field: str) -> tuple[int, str]:
    """The most bytes a read takes, and the name of the limit that says so.

    ``field``'s limit, or ``max_file_bytes`` when that one is smaller.
    """
    most: int = getattr(limits, field)
    if field == "max_file_bytes" or limits.max_file_bytes <= most:
        return limits.max_file_bytes, "max_file_bytes"
    return most, field


def _read_bytes(
    path: Path, *, limits: Limits = _DEFAULT_LIMITS, field: str = "max_file_bytes"
) -> bytes:
    """Read a whole file, refusing one over ``limits.max_file_bytes`` (e.g. a workbook).

    ``field``: another size limit that applies too (``max_criteria_bytes``).
    """
    if "\0" in os.fspath(path):  # os.stat and open would raise a bare ValueError
        raise InputError("is not a usable file path (it holds a NUL character)")
    most, field = _size_limit(limits, field)
    try:
        size = path.stat().st_size
        if size > most:
            msg = f"the file is {size:,} bytes, over the limit of {most:,} ({_to_accept(field)})"
            raise InputError(msg)
        with path.open("rb") as handle:
            # Ask for the size stat gave, not the limit: read(n) reserves n bytes.
            data = handle.read(size + 1)
            if len(data) > size:  # grew since stat, or a pipe that stat cannot size
                data = _read_rest(handle, data, most + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > most:
        msg = f"the file is over the limit of {most:,} bytes ({_to_accept(field)})"
        raise InputError(msg)
    _note_read(path, data)
    return data


def _read_text(
    path: Path, *, limits: Limits = _DEFAULT_LIMITS, field: str = "max_file_bytes"
) -> str:
    """Read a UTF-8 text file (a byte-order mark is allowed and dropped)."""
    data = _read_bytes(path, limits=limits, field=field)
    text = data.removeprefix(b"\xef\xbb\xbf")  # the places below count from after it
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as exc:
        sheet = Path(path).suffix.lower() == ".csv"
        raise InputError(_not_utf8(text, exc.start, sheet=sheet)) from None


def _not_utf8(data: bytes, at: int, *, sheet: bool = False) -> str:
    """Where the first byte that is not UTF-8 is, what it likely was, and what to do.

    The usual cause is Excel's plain *CSV* choice (``sheet``), which writes
    Windows-1252: its ``0xE9`` is an ``é``, so the message shows the text before it
    (from the start of its line or of a word) and that letter.
    """
    excel = " (in Excel: CSV UTF-8, not plain CSV, which writes Windows-1252)" if sheet else ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return f"the file is UTF-16, not UTF-8; save it as UTF-8{excel}"
    line = data[:at].count(b"\n") + 1
    line_start = data.rfind(b"\n", 0, at) + 1
    before = data[max(line_start, at - 30) : at].decode("utf-8", "replace")
    if at - 30 > line_start:  # cut inside the line: from the next word on
        before = re.split(r"[;,\t ]", before, maxsplit=1)[-1]
    place = f"line {line}, after {before!r}" if before.strip() else f"line {line}"
    byte = data[at]
    guess = bytes([byte]).decode("cp1252", "replace")
    known = guess != "\ufffd" and guess.isprintable() and byte >= 0x80  # noqa: PLR2004
    seen = f" ({guess!r} in Windows-1252)" if known else ""
    return f"{place}: byte 0x{byte:02X}{seen} is not UTF-8; save the file as UTF-8{excel}"


class _ConstantError(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's JSON parser accepts them, JSON does not."""


def _refuse_constant(name: str) -> Any:
    msg = f"{name} is not a valid JSON number"
    raise _ConstantError(msg)


_STRING = r'"(?:[^"\\]|\\.)*"'
# A pattern's text: `re` compiles it when first used, not at every start-up.
_STRING_OR_CONSTANT = rf"{_STRING}|(-?Infinity|NaN)"


def _long_integer() -> re.Pattern[str]:
    """A JSON integer too long for ``int()`` (a fraction or exponent makes it a float)."""
    return re.compile(
        rf"{_STRING}|(?<![0-9.eE+-])(-?[0-9]{{{sys.get_int_max_str_digits() + 1},}})(?![.eE0-9])"
    )


def _place(text: str, offset: int) -> str:
    """``"line L, column C: "`` of a character of ``text``."""
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - text.rfind(chr(10), 0, offset)}: "


def _first_place(pattern: re.Pattern[str], text: str) -> str:
    """``"line L, column C: "`` of the first match of group 1 outside a string, or ``""``."""
    for match in pattern.finditer(text):
        if match.group(1):
            return _place(text, match.start())
    return ""


def _too_many_digits() -> str:
    return (
        f"a whole number of more than {sys.get_int_max_str_digits():,} digits, "
        "which Python does not read"
    )


class _DuplicateKeyError(ValueError):
    """A JSON object that gives a key twice; the JSON parser only says that it failed."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"duplicate key {key!r}")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # dict() in C, then compare sizes: a loop in Python here took a third of the parse.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _duplicate_key_place(text: str) -> str:
    """``"line L, column C: "`` of the object giving a key twice, or ``""``.

    Found by parsing again with the standard library's Python scanner, whose object
    parser can be wrapped to learn where each object starts: slow, so only once the
    fast parse has failed.
    """
    # parse_object and scan_once are attributes the standard library documents in its
    # code only: typeshed does not list them.
    decoder: Any = json.JSONDecoder(
        parse_constant=_refuse_constant, object_pairs_hook=_no_duplicate_keys
    )
    parse_object = decoder.parse_object
    starts: list[int] = []

    def tracked(state: tuple[str, int], *args: Any) -> Any:
        try:
            return parse_object(state, *args)
        except _DuplicateKeyError:
            starts.append(state[1] - 1)  # the innermost object fails first
            raise

    decoder.parse_object = tracked
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    with contextlib.suppress(ValueError, RecursionError):
        decoder.decode(text)
    return _place(text, starts[0]) if starts else ""


def _parse_json(text: str, *, limits: Limits = _DEFAULT_LIMITS, check_nesting: bool = True) -> Any:
    """Parse strict JSON, nested at most ``limits.max_depth`` levels.

    Strict: no NaN or Infinity, no key twice in an object, no integer of more than
    4,300 digits (Python's limit). ``check_nesting=False`` leaves the nesting to the
    caller, which then checks the parts it does not read itself with
    `_check_depth` (a walk over a whole vendor file would add a third to its
    load time).
    """
    try:
        data = json.loads(
            text, parse_constant=_refuse_constant, object_pairs_hook=_no_duplicate_keys
        )
    except json.JSONDecodeError as exc:
        msg = f"line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"
        raise InputError(msg) from None
    except RecursionError:
        raise InputError(f"invalid JSON: {_TOO_DEEP_TO_PARSE}") from None
    except _DuplicateKeyError as exc:
        place = _duplicate_key_place(text)
        what = f"the object starting here has the key {exc.key!r} twice" if place else str(exc)
        raise InputError(f"{place}invalid JSON ({what})") from None
    except _ConstantError as exc:
        place = _first_place(re.compile(_STRING_OR_CONSTANT), text)
        raise InputError(f"{place}invalid JSON ({exc})") from None
    except ValueError:  # the only other: an integer of more than 4,300 digits
        place = _first_place(_long_integer(), text)
        raise InputError(f"{place}invalid JSON ({_too_many_digits()})") from None
    if check_nesting:
        _check_depth(data, limits=limits)
    return data


# A pattern's text: `re` compiles it when first used, not at every start-up.
_TOML_PLACE = r"\(at line ([0-9]+), column ([0-9]+)\)"


def _decimal_comma_hint(message: str, text: str) -> str:
    """A hint when TOML stopped at a comma between digits: ``0,5`` is written ``0.5``."""
    place = re.search(_TOML_PLACE, message)
    if place is None:
        return ""
    number, column = int(place.group(1)), int(place.group(2))
    lines = text.splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    at_comma = re.search(r"[0-9],[0-9]", line[max(column - 3, 0) : column + 2])
    # In an inline table, ``{ abnormally_low = 0,8 }`` reads ``0``, then ``8`` as the
    # next key, and stops after it: the comma is behind the place TOML names.
    after_comma = "after a key" in message and re.search(
        r"[0-9],[0-9]+\s*$", line[: max(column - 1, 0)]
    )
    if at_comma or after_comma:
        return "; a number is written with a decimal point in TOML: 0.5, not 0,5"
    return ""


def _parse_toml(text: str, *, limits: Limits = _DEFAULT_LIMITS) -> Any:
    """Parse TOML, nested at most ``limits.max_depth`` levels."""
    import tomllib  # noqa: PLC0415 - 16 M instructions of start-up: only for a TOML file

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}{_decimal_comma_hint(str(exc), text)}") from None
    except RecursionError:
        raise InputError(f"invalid TOML: {_TOO_DEEP_TO_PARSE}") from None
    except ValueError:  # the only other: an integer of more than 4,300 digits
        raise InputError(f"invalid TOML: {_too_many_digits()}") from None
    _check_depth(data, limits=limits)  # dotted keys nest tables without any bracket
    return data


_TOO_DEEP_TO_PARSE = "nested too deeply for Python's parser"
_SHOWN_PARTS = 3


def _check_depth(data: Any, *, limits: Limits = _DEFAULT_LIMITS, level: int = 1) -> None:
    """Refuse lists and tables nested more than ``limits.max_depth`` levels deep.

    ``data`` is at ``level`` (1: a whole file). Deeper than the layouts go, such
    nesting is a mistake or an attack, and the code that reports a bad value should
    not meet it: the walk is a loop, where a recursive one could exhaust the stack.

    Raises:
        InputError: at the first key or index (three at most) on the way down.
    """
    limit = limits.max_depth
    stack: list[tuple[Any, int, tuple[_PathPart, ...]]] = [(data, level, ())]
    while stack:
        value, depth, path = stack.pop()
        if type(value) is dict:
            children: Any = value.items()
        elif type(value) is list:
            children = enumerate(value)
        else:
            continue
        if depth > limit:
            msg = f"nested more than {limit:,} levels deep ({_to_accept('max_depth')})"
            raise InputError.at(path, msg)
        short = len(path) < _SHOWN_PARTS
        stack.extend(
            (child, depth + 1, (*path, key) if short else path)
            for key, child in children
            if type(child) is dict or type(child) is list
        )
