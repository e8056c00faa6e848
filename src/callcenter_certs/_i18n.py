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
  translates it later with ``tr(lang)(text)``.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable
from importlib import resources

from .errors import InputError

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
    check_lang(lang)
    if lang == "en":
        return gettext.NullTranslations()
    return _load_catalogue(lang)


def _load_catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` shipped in the package."""
    path = resources.files(__package__).joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def tr(lang: str) -> Callable[[str], str]:
    """The function that translates a marked English sentence into ``lang``."""
    return translations(lang).gettext


def ntr(lang: str) -> Callable[[str, str, int], str]:
    """The plural form of `tr`: ``ntr(lang)(singular, plural, n)``."""
    return translations(lang).ngettext
