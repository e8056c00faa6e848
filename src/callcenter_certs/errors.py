"""The one error hierarchy: every bad input becomes an [`InputError`][callcenter_certs.InputError].

A procurement file is fixed by a person, so an error must say *where* (the field
path, the file) and *what* (the bad value and what was expected), and it must list
every problem found, not only the first.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import TypeVar

import attrs

from ._text import same_looking

__all__ = ["CallcenterCertsError", "InputError", "Problem", "UnknownCertificationError"]


def __dir__() -> list[str]:
    return __all__


_PathPart = str | int
_T = TypeVar("_T")
_ROW = re.compile(r"row [0-9]+")


def _did_you_mean(suggestions: Sequence[str]) -> str:
    """``"; did you mean 'a', 'b' or 'c'?"``, or nothing without suggestions."""
    quoted = [repr(s) for s in suggestions]
    if not quoted:
        return ""
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"; did you mean {listed}?"


_KNOWN_SHOWN = 12


def _unknown_id_message(
    certification: str,
    suggestions: Sequence[str],
    known: Collection[str] = (),
    alias_of: str | None = None,
) -> str:
    """An unknown id, with the closest known ids, or the known ids when none is close.

    ``alias_of``: the id ``certification`` is a name of (an alias, or the id written
    another way), which the message names.
    """
    message = f"{certification!r} is not a known certification id"
    if alias_of is not None and alias_of != certification:
        return (
            f"{message}; did you mean {alias_of!r}? {certification!r} is a name of "
            f"{alias_of!r}, which a spreadsheet may hold; here the id is needed"
        )
    if suggestions or not known:
        return message + _did_you_mean(suggestions)
    ids = sorted(known)
    listed = ", ".join(ids[:_KNOWN_SHOWN])
    if len(ids) > _KNOWN_SHOWN:
        listed += f" and {len(ids) - _KNOWN_SHOWN:,} more (callcenter-certs catalog lists them)"
    return f"{message}; none is close; known ids: {listed}"


def _expect_instance(value: object, cls: type[_T], name: str) -> _T:
    """``value`` if it is a ``cls``; else an InputError at ``name``, naming its type."""
    if not isinstance(value, cls):
        raise InputError.at((name,), f"{type(value).__name__} is not a {cls.__name__}")
    return value


def _one_line(text: str) -> str:
    r"""``text`` with each character that does not print escaped as ``repr`` escapes it.

    For text from outside shown in a message (a file name, a key, a command-line
    argument): a line break in it would split the message, a lone surrogate would fail
    to print.

    >>> print(_one_line("vendors\nold.csv"))
    vendors\nold.csv
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


def _render_path(path: Sequence[_PathPart]) -> str:
    """Render ``("vendors", 3, "valid_from")`` as ``vendors[3].valid_from``.

    A path into a table (CSV, spreadsheet) starts with its row, and reads as a
    spreadsheet user says it: ``("row 5", "valid_from")`` is ``row 5, column valid_from``.
    """
    if len(path) > 1 and isinstance(path[0], str) and _ROW.fullmatch(path[0]):
        return f"{path[0]}, column {_render_path(path[1:])}"
    if len(path) > 1 and isinstance(path[0], str) and path[0].startswith("sheet "):
        return f"{path[0]}, {_render_path(path[1:])}"  # a workbook's sheet, then its row
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(part)
    return "".join(out)


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is."""

    path: tuple[_PathPart, ...]
    """Where the bad value sits, e.g. ``("vendors", 3, "certificates", 0, "valid_from")``."""
    message: str
    """What is wrong, naming the bad value and what was expected."""

    def __str__(self) -> str:
        where = _render_path(self.path)
        return _one_line(f"{where}: {self.message}" if where else self.message)

    def prefixed(self, prefix: Sequence[_PathPart]) -> Problem:
        """The same problem seen from an enclosing record."""
        return Problem((*prefix, *self.path), self.message)


class CallcenterCertsError(Exception):
    """Base class of every error this library raises on purpose."""


class InputError(CallcenterCertsError, ValueError):
    """Bad input: a record, a criteria, a file or a command-line argument.

    ``problems`` lists every problem found; ``source`` names the file when there is
    one. ``str()`` gives one problem per line, each with its field path.
    """

    def __init__(self, problems: Iterable[Problem] | str, *, source: str | None = None) -> None:
        if isinstance(problems, str):
            problems = (Problem((), problems),)
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(str(self))

    @classmethod
    def at(cls, path: Sequence[_PathPart], message: str) -> InputError:
        """An error with a single problem at ``path``."""
        return cls((Problem(tuple(path), message),))

    def __str__(self) -> str:
        lead = f"{_one_line(self.source)}: " if self.source else ""
        return "\n".join(f"{lead}{problem}" for problem in self.problems)

    def prefixed(self, prefix: Sequence[_PathPart]) -> InputError:
        """The same error with every path under ``prefix`` (keeps the subclass)."""
        error = type(self).__new__(type(self))
        InputError.__init__(error, (p.prefixed(prefix) for p in self.problems), source=self.source)
        error.__dict__.update(
            {k: v for k, v in self.__dict__.items() if k not in {"problems", "source"}}
        )
        return error

    def in_file(self, source: str) -> InputError:
        """The same error attributed to the file ``source``."""
        error = self.prefixed(())
        error.source = source
        error.args = (str(error),)
        return error

    @property
    def count(self) -> int:
        """How many problems were found: those listed and those only counted.

        Past a thousand, a file's problems are counted, not listed: the last of
        ``problems`` then says how many more there were.
        """
        return sum(getattr(problem, "more", 1) for problem in self.problems)

    @property
    def first_line(self) -> str:
        """One line for a terminal: the first problem and how many others."""
        lines = str(self).splitlines() or [""]
        more = self.count - 1
        return lines[0] + (f" (and {more} more problem{'s' * (more > 1)})" if more > 0 else "")


class UnknownCertificationError(InputError, KeyError):
    """A certification id that the catalogue does not know.

    Still an [`InputError`][callcenter_certs.InputError], so callers catch one type; also a
    ``KeyError``
    because it is a failed look-up.
    """

    def __init__(
        self,
        certification: str,
        suggestions: Sequence[str] = (),
        *,
        path: Sequence[_PathPart] = (),
        known: Collection[str] = (),
        alias_of: str | None = None,
    ) -> None:
        self.certification = certification
        self.suggestions = tuple(suggestions)
        message = _unknown_id_message(certification, suggestions, known, alias_of)
        super().__init__((Problem(tuple(path), message),))

    def __str__(self) -> str:  # KeyError would quote the message otherwise
        return InputError.__str__(self)


def _same_name(name: str, index: int, other: int, other_name: str | None = None) -> Problem:
    """Two vendors of one name, or of one name key (see `_text.name_key`), at ``vendors[i]``.

    ``other_name``: the other vendor's name when it is written differently.
    """
    if other_name is None or other_name == name:
        message = f"{name!r} is also the name of vendors[{other}]; vendor names must be unique"
    else:
        message = (
            f"{name!r} and vendors[{other}]'s {other_name!r} differ only in case, accents, "
            f"spaces or invisible characters{same_looking(name, other_name)}: one vendor "
            "typed two ways? Vendor names must be unique"
        )
    return Problem(("vendors", index, "name"), message)


MAX_PROBLEMS = 1_000
"""Problems kept from one file; past it they are only counted, and the error says how
many more there were: a file of a million bad values costs a counter, not a million
messages. The same number for every format (spreadsheets, JSON, TOML)."""


class _Capped(list[Problem]):
    """A list of problems that keeps the first `MAX_PROBLEMS` and counts the rest.

    ``len()`` is the number met, so that a check comparing lengths still sees a new
    problem; ``more`` is the number met and not kept.
    """

    def __init__(self, more: int = 0) -> None:
        super().__init__()
        self.more = more

    def append(self, problem: Problem) -> None:
        if isinstance(problem, _NotListed):  # another capped list's count: added, not kept
            self.more += problem.more
        elif list.__len__(self) < MAX_PROBLEMS:
            super().append(problem)
        else:
            self.more += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __len__(self) -> int:
        return list.__len__(self) + self.more

    @property
    def full(self) -> bool:
        """No more problems are kept: the next ones are only counted."""
        return list.__len__(self) >= MAX_PROBLEMS

    def listed(self) -> list[Problem]:
        """The problems kept, then one saying how many more there were, if any."""
        kept = self[:]  # not list(self): its length hint counts the problems not kept
        return [*kept, _not_listed(self.more)] if self.more else kept


@attrs.frozen
class _NotListed(Problem):
    """The last line of a capped list: how many more problems there were.

    It stays the last line, without a place, when the list is seen from an enclosing
    record (a catalogue's entries from the catalogue).
    """

    more: int = 0
    """How many problems it stands for."""

    def prefixed(self, prefix: Sequence[_PathPart]) -> Problem:  # noqa: ARG002 - no place
        return self


def _not_listed(more: int) -> _NotListed:
    return _NotListed(
        (),
        f"and {more:,} more problem{'' if more == 1 else 's'}, not listed: the first "
        f"{MAX_PROBLEMS:,} are; "
        "fix them and check again",
        more,
    )
