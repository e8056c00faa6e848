"""The languages a user reads: English, and French through the standard gettext machinery.

Every sentence a user sees is written in English in the code, marked for
translation, and looked up in the French catalogue shipped in the package
(``locale/fr/LC_MESSAGES/callcenter_certs.po``) when ``lang="fr"``.

How to mark a sentence:

- ``tr(lang)("...")`` where the language is known at the call; a sentence with
  values is a ``str.format`` template translated first, then filled:
  ``tr(lang)("{vendor} is knocked out").format(vendor=name)``;
- ``N_("...")`` where the sentence is defined before the language is known (a
  table of headers, say): it only marks the text for extraction, and the caller
  translates it later with ``tr(lang)(text)``;
- ``msg("...", name=value)`` (``nmsg(singular, plural, n, ...)`` for a count) where
  a sentence is made before anyone knows the language it will be read in: a
  [`Finding`][callcenter_certs.Finding] made while scoring, say. The `Message` keeps
  the template and its values; ``Message.text(lang)`` translates the template and
  fills it, each value in the reader's language: a nested message translated, a date
  as ``30/06/2026`` and a number with a decimal comma in French, a certification
  (`cert`) by its French name.

The catalogue is the ``.po`` file itself: it is compiled in memory, into the bytes of
a ``.mo`` file that `gettext.GNUTranslations` reads, the first time French is asked
for. Nothing is generated at build time, so an editable install, a wheel and a
source tree all read the same file, and English output never loads it (nor imports
`gettext`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import struct
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    import gettext
    from importlib.resources.abc import Traversable

    from .catalogue import Catalog

__all__: list[str] = []

LANGUAGES = ("en", "fr")
"""The languages of the output, English first (the default)."""

DOMAIN = "callcenter_certs"
"""The gettext domain: the catalogue's file name."""


def N_(message: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Mark ``message`` for translation without translating it now."""
    return message


def check_lang(lang: object, *, where: str = "lang") -> str:
    """``lang`` if it is a language of the output, else an InputError naming the choices."""
    if lang not in LANGUAGES:
        choices = " or ".join(repr(code) for code in LANGUAGES)
        raise InputError.at((where,), f"{lang!r} is not a language of the output: use {choices}")
    return str(lang)


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The translations into ``lang`` (none for English), loaded once."""
    import gettext  # noqa: PLC0415 - only when a language is asked for

    check_lang(lang)
    if lang == "en":
        return gettext.NullTranslations()
    return _load_catalogue(lang)


def catalogue_path(lang: str) -> Traversable:
    """The ``.po`` file of ``lang`` shipped in the package."""
    from importlib import resources  # noqa: PLC0415 - slow to import; French output only

    package = __package__ or "callcenter_certs"
    return resources.files(package).joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")


def _load_catalogue(lang: str) -> gettext.GNUTranslations:
    """The catalogue of ``lang`` shipped in the package, compiled in memory."""
    import gettext  # noqa: PLC0415 - only when French is asked for
    import io  # noqa: PLC0415 - idem

    text = catalogue_path(lang).read_text(encoding="utf-8")
    return gettext.GNUTranslations(io.BytesIO(compile_po(text)))


# -- the .po file ----------------------------------------------------------------------


class _Value:
    """A small record, equal by its fields and shown with them; never changed once made.

    Cheaper to define and to make than an attrs class: every finding makes a few.
    """

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        values = ", ".join(
            f"{n}={v!r}" for n, v in zip(self.__slots__, self._fields(), strict=True)
        )
        return f"{type(self).__name__}({values})"

    def __getstate__(self) -> tuple[object, ...]:
        return self._fields()

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            setattr(self, name, value)


class PoEntry(_Value):
    """One entry of a ``.po`` file: its source text (and plural), its translations."""

    __slots__ = ("fuzzy", "msgid", "msgid_plural", "msgstr", "obsolete")
    msgid: str
    msgstr: tuple[str, ...]
    """One translation, or one per plural form."""
    msgid_plural: str | None
    fuzzy: bool
    obsolete: bool

    def __init__(
        self,
        msgid: str,
        msgstr: tuple[str, ...],
        msgid_plural: str | None = None,
        *,
        fuzzy: bool = False,
        obsolete: bool = False,
    ) -> None:
        self.msgid, self.msgstr, self.msgid_plural = msgid, msgstr, msgid_plural
        self.fuzzy, self.obsolete = fuzzy, obsolete


def parse_po(text: str) -> list[PoEntry]:
    """The entries of a ``.po`` file, its header (``msgid ""``) first.

    The subset of the format that gettext's own tools write: comments, entries without
    ``msgctxt``, ``msgid_plural`` and ``msgstr[n]``, strings continued over several quoted
    lines, the ``#, fuzzy`` flag and obsolete ``#~`` entries. A malformed line raises
    ValueError with its line number.
    """
    reader = _PoReader()
    for number, raw in enumerate(text.splitlines(), start=1):
        reader.feed(raw.strip(), number)
    reader.flush()
    return reader.entries


# A pattern's text: `re` compiles it when first used, not at every start-up.
_KEYWORDS = r"msgid|msgid_plural|msgstr|msgstr\[\d+\]"


class _PoReader:
    """Reads a ``.po`` file line by line into `PoEntry` records."""

    def __init__(self) -> None:
        self.entries: list[PoEntry] = []
        self.fields: dict[str, list[str]] = {}
        self.current: list[str] | None = None
        self.fuzzy = self.obsolete = False

    def feed(self, line: str, number: int) -> None:
        """Take one stripped line."""
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#"):
            if self._translated():  # a comment after an entry starts the next one
                self.flush()
            self.fuzzy = self.fuzzy or (line.startswith("#,") and "fuzzy" in line)
            return
        if not line:
            return
        if line.startswith('"'):
            if self.current is None:
                msg = f"line {number}: a continued string outside an entry"
                raise ValueError(msg)
            self.current.append(_unquote(line, number))
            return
        keyword, _, rest = line.partition(" ")
        if not re.fullmatch(_KEYWORDS, keyword):
            msg = f"line {number}: unknown keyword {keyword!r}"
            raise ValueError(msg)
        if keyword == "msgid" and self._translated():
            self.flush()
        self.obsolete = self.obsolete or obsolete
        self.current = self.fields.setdefault(keyword, [])
        self.current.append(_unquote(rest.strip(), number))

    def _translated(self) -> bool:
        return any(key.startswith("msgstr") for key in self.fields)

    def flush(self) -> None:
        """End the entry being read, if any."""
        fields = self.fields
        if "msgid" in fields:
            plural = fields.get("msgid_plural")
            forms = sorted(key for key in fields if key.startswith("msgstr"))
            self.entries.append(
                PoEntry(
                    msgid="".join(fields["msgid"]),
                    msgstr=tuple("".join(fields[key]) for key in forms),
                    msgid_plural=None if plural is None else "".join(plural),
                    fuzzy=self.fuzzy,
                    obsolete=self.obsolete,
                )
            )
        self.fields, self.current = {}, None
        self.fuzzy = self.obsolete = False


def _unquote(quoted: str, number: int) -> str:
    """The text of one quoted C string of a ``.po`` file."""
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':  # noqa: PLR2004
        msg = f"line {number}: {quoted!r} is not a quoted string"
        raise ValueError(msg)
    import ast  # noqa: PLC0415 - slow to import; French output only

    value = ast.literal_eval(quoted)
    if not isinstance(value, str):  # pragma: no cover - a quoted literal is a string
        msg = f"line {number}: {quoted!r} is not a string"
        raise ValueError(msg)  # noqa: TRY004 - a malformed file, not a wrong type
    return value


_UTF8 = "Content-Type: text/plain; charset=UTF-8\n"


def compile_po(text: str) -> bytes:
    """The bytes of the ``.mo`` file of a ``.po`` file's text, as ``msgfmt`` writes them.

    Fuzzy, obsolete and untranslated entries are left out (gettext then shows the
    English text); the header is kept, for its ``Plural-Forms``. The text is encoded
    in UTF-8, whatever the header says (a header without a charset is given one).
    """
    messages: dict[bytes, bytes] = {}
    for entry in parse_po(text):
        if entry.obsolete or (entry.fuzzy and entry.msgid) or not all(entry.msgstr):
            continue
        source, forms = entry.msgid, entry.msgstr
        if not source and "charset=" not in forms[0]:  # the bytes are UTF-8: say so
            forms = (forms[0] + _UTF8,)
        if entry.msgid_plural is not None:
            source += "\0" + entry.msgid_plural
        messages[source.encode()] = "\0".join(forms).encode()
    keys = sorted(messages)
    ids = strs = b""
    offsets: list[tuple[int, int, int, int]] = []
    for key in keys:
        value = messages[key]
        offsets.append((len(ids), len(key), len(strs), len(value)))
        ids += key + b"\0"
        strs += value + b"\0"
    count = len(keys)
    header_size = 7 * 4
    key_start = header_size + count * 8 * 2
    value_start = key_start + len(ids)
    key_table: list[int] = []
    value_table: list[int] = []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_table += [id_length, key_start + id_offset]
        value_table += [str_length, value_start + str_offset]
    header = struct.pack(
        "Iiiiiii",
        0x950412DE,  # the magic number
        0,  # the version
        count,
        header_size,  # where the table of keys starts
        header_size + count * 8,  # where the table of values starts
        0,  # no hash table
        0,
    )
    tables = struct.pack(f"{len(key_table)}i", *key_table) + struct.pack(
        f"{len(value_table)}i", *value_table
    )
    return header + tables + ids + strs


# -- translating -----------------------------------------------------------------------


def _same(message: str) -> str:
    return message


def _same_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def tr(lang: str) -> Callable[[str], str]:
    """The function that translates a marked English sentence into ``lang``."""
    if lang == "en":  # English needs no catalogue, nor gettext
        return _same
    return translations(lang).gettext


def ntr(lang: str) -> Callable[[str, str, int], str]:
    """The plural form of `tr`: ``ntr(lang)(singular, plural, n)``."""
    if lang == "en":
        return _same_plural
    return translations(lang).ngettext


# -- values in the reader's language ---------------------------------------------------

_NBSP = "\u00a0"
"""The French thousands separator: a no-break space (one every terminal and Windows
code page can show)."""


def format_number(text: str, lang: str) -> str:
    """A number written the English way (``1,180,000.5``, ``12.50``) in ``lang``.

    French: ``1 180 000,5`` (a no-break space between thousands), ``12,50``.
    """
    if lang != "fr":
        return text
    return text.replace(",", _NBSP).replace(".", ",")


def format_date(day: dt.date, lang: str) -> str:
    """A date in ``lang``: ``2026-06-30`` in English, ``30/06/2026`` in French."""
    if lang == "fr":
        return f"{day.day:02}/{day.month:02}/{day.year:04}"
    return day.isoformat()


def certification_name(cid: str, lang: str, catalog: Catalog | None = None) -> str:
    """How the output names certification ``cid``: its id in English, its French name in French.

    The French name (``name_fr``) is read from ``catalog`` (default: the built-in
    catalogue); an id it does not know, or an entry without a French name, is shown
    as its id.
    """
    if lang != "fr":
        return cid
    if catalog is None:
        from .catalogue import _builtin_catalog  # noqa: PLC0415 - French output only

        catalog = _builtin_catalog()
    entry = catalog.get(cid)
    if entry is None or not entry.name_fr:
        return cid
    return entry.name_fr


class Number(_Value):
    """A number in a message, written the English way; French swaps the separators."""

    __slots__ = ("english",)
    english: str

    def __init__(self, english: str) -> None:
        self.english = english

    def text(self, lang: str, catalog: Catalog | None = None) -> str:  # noqa: ARG002
        """The number in ``lang``."""
        return format_number(self.english, lang)


class Cert(_Value):
    """A certification in a message: its id in English, its French name in French."""

    __slots__ = ("id",)
    id: str

    def __init__(self, cid: str) -> None:
        self.id = cid

    def text(self, lang: str, catalog: Catalog | None = None) -> str:
        """The certification's name in ``lang``."""
        return certification_name(self.id, lang, catalog)


def num(value: object, spec: str = "") -> Number:
    """A number for a message, formatted with ``spec`` (``",.2f"``...) the English way."""
    return Number(format(value, spec))


def cert(cid: str) -> Cert:
    """A certification for a message, named in the reader's language."""
    return Cert(cid)


class Joined(_Value):
    """A list of values in a message, joined with ``separator``."""

    __slots__ = ("items", "separator")
    items: tuple[object, ...]
    separator: str

    def __init__(self, items: tuple[object, ...], separator: str = ", ") -> None:
        self.items, self.separator = items, separator

    def text(self, lang: str, catalog: Catalog | None = None) -> str:
        """The items in ``lang``, joined."""
        return self.separator.join(_value(item, lang, catalog) for item in self.items)


def joined(items: Iterable[object], separator: str = ", ") -> Joined:
    """A list of values for a message: ``joined(ids)`` is ``"a, b, c"``."""
    return Joined(tuple(items), separator)


def certs(ids: Iterable[str]) -> Joined:
    """Certifications for a message, each named in the reader's language, comma-separated."""
    return Joined(tuple(Cert(cid) for cid in ids))


class Message(_Value):
    """A sentence made now, read later in any language: its template and its values.

    ``text(lang)`` translates the template (a ``str.format`` template marked with
    `msg` or `nmsg`) and fills it with the values, each in ``lang``.
    """

    __slots__ = ("msgid", "n", "params", "plural", "translated")
    msgid: str
    params: tuple[tuple[str, object], ...]
    plural: str | None
    n: int
    translated: bool
    """False for a template that is no sentence (`concat`'s): only its values are translated."""

    def __init__(
        self,
        msgid: str,
        params: tuple[tuple[str, object], ...] = (),
        plural: str | None = None,
        n: int = 0,
        *,
        translated: bool = True,
    ) -> None:
        self.msgid, self.params, self.plural = msgid, params, plural
        self.n, self.translated = n, translated

    def text(self, lang: str = "en", catalog: Catalog | None = None) -> str:
        """The sentence in ``lang``; certifications named from ``catalog`` (default: built-in)."""
        if not self.translated or not self.msgid:  # "" is the catalogue's header in gettext
            template = self.msgid
        elif self.plural is None:
            template = tr(lang)(self.msgid)
        else:
            template = ntr(lang)(self.msgid, self.plural, self.n)
        if not self.params:
            return template
        values = {name: _value(value, lang, catalog) for name, value in self.params}
        return template.format_map(values)

    def __str__(self) -> str:
        return self.text()


def msg(msgid: str, /, **params: object) -> Message:
    """A sentence to translate when read: ``msg("{vendor} is first", vendor=name)``."""
    return Message(msgid, tuple(params.items()))


def nmsg(singular: str, plural: str, n: int, /, **params: object) -> Message:
    """A sentence with a count, in its singular or plural form: ``n`` is also ``{n}``."""
    return Message(singular, (("n", n), *params.items()), plural, n)


def concat(*parts: object, separator: str | Message = "") -> Message:
    """Parts said one after the other (messages, numbers, symbols such as ``" / "``).

    Each part is translated on its own; plain strings are kept as they are; a
    separator that is a message (``msg(SEMICOLON)``) is translated too.
    """
    if isinstance(separator, Message):
        spaced: list[object] = []
        for part in parts:
            spaced += [separator, part] if spaced else [part]
        parts, separator = tuple(spaced), ""
    template, names = _concat_template(len(parts), separator)
    return Message(template, tuple(zip(names, parts, strict=True)), translated=False)


@functools.cache
def _concat_template(count: int, separator: str) -> tuple[str, tuple[str, ...]]:
    """The template of `concat` for ``count`` parts, and the names of its values."""
    names = tuple(f"p{index}" for index in range(count))
    escaped = separator.replace("{", "{{").replace("}", "}}")
    return escaped.join(f"{{{name}}}" for name in names), names


SEMICOLON = N_("; ")
"""The separator of a list of clauses: ``"; "``, in French ``" ; "`` (a space before)."""


def semicolon(lang: str) -> str:
    """`SEMICOLON` in ``lang``."""
    return tr(lang)(SEMICOLON)


def _value(value: object, lang: str, catalog: Catalog | None) -> str:
    """A value of a message in ``lang``."""
    if isinstance(value, str):
        return value
    if isinstance(value, Message | Number | Cert | Joined):
        return value.text(lang, catalog)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return str(value)


def text_of(value: str | Message, lang: str = "en", catalog: Catalog | None = None) -> str:
    """A message, or a plain string (translated as one whole sentence), in ``lang``."""
    if isinstance(value, Message):
        return value.text(lang, catalog)
    return tr(lang)(value) if value else value
