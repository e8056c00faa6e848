"""Text for messages: a bad value shown short and safe, and whether a string is text.

The lowest helper of the records: no other module of the package is imported here.
"""

from __future__ import annotations

import itertools
import re
import typing
import unicodedata

if typing.TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "ISO_DATE",
    "close_matches",
    "describe",
    "iso_date",
    "line_problem",
    "name_key",
    "parse_date",
    "same_looking",
    "text_problem",
    "without_accents",
]


def __dir__() -> list[str]:
    return __all__


ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
"""``YYYY-MM-DD``, ASCII digits only; use with ``fullmatch``."""


# A pattern's text: `re` compiles it when first used, not at `import callcenter_certs`.
_DAY_FIRST = r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"


def parse_date(text: str) -> dt.date | None:
    """A date as the files and the command line take it, or ``None`` when it is not one.

    ``YYYY-MM-DD``, or day first as French spreadsheets write it (``30/06/2026``).
    """
    if match := re.fullmatch(_DAY_FIRST, text):
        import datetime as dt  # noqa: PLC0415 - `import callcenter_certs` does without it

        day, month, year = map(int, match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return iso_date(text)


def iso_date(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` as a date; ``None`` when it is not one (``2026-02-30``, ``2026-6-1``)."""
    import datetime as dt  # noqa: PLC0415 - `import callcenter_certs` does without it

    if ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


_MAX_SHOWN = 60


def describe(value: object) -> str:
    """``repr`` of a bad value, cut short so one huge value cannot flood a message.

    Built piece by piece, so that a value from a file cannot make it fail or take
    long: a list nested 5,000 deep (``repr`` would exceed the recursion limit), an
    integer of 5,000 digits (``repr`` refuses it), a string of a million characters.
    """
    text = _shown(value, _MAX_SHOWN + 1)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


_BRACKETS: dict[type, tuple[str, str]] = {
    list: ("[", "]"),
    tuple: ("(", ")"),
    set: ("{", "}"),
    frozenset: ("frozenset({", "})"),
}


def _shown(value: object, room: int) -> str:
    """``repr(value)``, exact up to ``room`` characters; past them, any text longer."""
    if room <= 0:
        return "..."
    if type(value) is str:
        return repr(value if len(value) <= room else value[:room])
    if type(value) is int:
        return _integer(value)
    if type(value) is dict:
        return "{" + _joined(value.items(), room - 2) + "}"
    if isinstance(value, list | tuple | set | frozenset) and type(value) in _BRACKETS:
        return _collection(value, room)
    return _plain(value)


def _plain(value: object) -> str:
    try:
        return repr(value)
    except Exception:  # noqa: BLE001 - any value must be describable, even a broken one
        return f"<{type(value).__name__}>"


def _integer(number: int) -> str:
    try:
        return repr(number)
    except ValueError:  # over sys.get_int_max_str_digits() digits
        return f"<a whole number of about {number.bit_length() * 0.30103:,.0f} digits>"


def _collection(
    value: list[object] | tuple[object, ...] | set[object] | frozenset[object], room: int
) -> str:
    kind = type(value)
    opening, closing = _BRACKETS[kind]
    items = list(itertools.islice(value, room + 1))
    if kind in {set, frozenset} and not items:
        return f"{kind.__name__}()"
    inner = _joined(((item, _NO_KEY) for item in items), room - len(opening) - len(closing))
    trailing = "," if kind is tuple and len(items) == 1 else ""
    return opening + inner + trailing + closing


_NO_KEY = object()


def _joined(pairs: typing.Iterable[tuple[object, object]], room: int) -> str:
    parts: list[str] = []
    used = 0
    for first, second in pairs:
        if used > room:
            parts.append("...")
            break
        if second is _NO_KEY:
            part = _shown(first, room - used)
        else:
            key = _shown(first, room - used)
            part = f"{key}: {_shown(second, room - used - len(key) - 2)}"
        parts.append(part)
        used += len(part) + 2
    return ", ".join(parts)


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters other than tab and line breaks, and lone surrogates."""


def text_problem(value: str) -> str | None:
    r"""Why a string from a file is not text that can be shown and written back, or ``None``.

    A control character (other than tab and line breaks) is a damaged file or an
    escape sequence that would play tricks on a terminal; a lone surrogate, which a
    JSON ``\ud800`` escape can produce, is not a character at all and cannot be
    written as UTF-8.
    """
    if value.isprintable():  # nearly every string: one quick test
        return None
    found = _NOT_TEXT.search(value)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        return (
            f"{describe(value)} contains {char!r}, half of a surrogate pair, which is not "
            "a character"
        )
    return f"{describe(value)} contains the control character {char!r}"


def close_matches(
    word: str, possibilities: typing.Iterable[str], *, n: int = 3, cutoff: float = 0.6
) -> list[str]:
    """`difflib.get_close_matches`, imported only when a suggestion is needed."""
    import difflib  # noqa: PLC0415 - a slow import, needed only on a mistake

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)


_BREAKS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029")
"""A tab, and every character ``str.splitlines`` breaks a line at."""


def line_problem(value: str) -> str | None:
    """Why a name is not one line (a line break or a tab in it), or ``None``."""
    if _BREAKS.isdisjoint(value):
        return None
    found = next(char for char in value if char in _BREAKS)
    return f"{describe(value)} contains {found!r}: a name is one line, without tabs"


def without_accents(text: str) -> str:
    """``text`` with its accents and other combining marks taken off.

    ``"Réunion"`` is ``"Reunion"``, ``"ﬁ"`` is ``"fi"`` (compatibility forms unfolded, NFKD).
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_key(name: str) -> str:
    """What two spellings of one vendor's name share: "Océane  Contact" is "oceane contact".

    Case, accents, the Unicode normalisation form, invisible characters (zero-width
    spaces and joiners, soft hyphens, direction marks: Unicode's format characters)
    and repeated or unusual spaces (a no-break space) are ignored. Two names with one
    key are one vendor typed two ways: the loaders refuse them, naming both.
    """
    if name.isascii():  # nearly every name: no accent, no invisible character
        return " ".join(name.split()).casefold()
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) and unicodedata.category(char) != "Cf"
    )
    return " ".join(kept.split()).casefold()


def same_looking(one: str, other: str) -> str:
    """What a message adds when ``one`` and ``other`` look alike on screen, else ``""``.

    Two names equal but for how their accents are encoded (``é`` as one character or as
    ``e`` and a combining accent: Unicode's NFC and NFD forms) print the same, so a
    message showing both must say where they differ.
    """
    if one == other or unicodedata.normalize("NFC", one) != unicodedata.normalize("NFC", other):
        return ""
    return (
        " (they look the same: one writes an accented letter as one character, the other "
        "as a letter followed by its accent)"
    )
