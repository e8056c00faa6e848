"""A finding: one knock-out, warning or uncounted certificate, in words and as data."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._i18n import Message, check_lang, text_of
from ._validators import NOT_WRITTEN

if TYPE_CHECKING:
    from .catalogue import Catalog

__all__ = ["Finding"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(kw_only=True)
class Finding:
    """A knock-out, a warning or a certificate that does not count, in words.

    ``str()`` is the English sentence, `text` the sentence in another language; the
    fields name what it is about, so a script can filter findings without parsing text.
    """

    criterion: str
    """The criterion or topic: ``"required"``, ``"france_only"``, ``"valid_through"``..."""
    message: str
    """The sentence, in English."""
    certifications: tuple[str, ...] = ()
    """Certification ids involved."""
    countries: tuple[str, ...] = ()
    """Country codes involved."""
    words: Message | None = attrs.field(
        default=None, eq=False, repr=False, metadata={NOT_WRITTEN: True}
    )
    """The sentence's template and values, to say it in another language (`text`);
    ``None`` for a finding read back from a file, or made with a message only. Not part
    of equality, and never written."""

    def __str__(self) -> str:
        return self.message

    def text(self, lang: str = "en", *, catalog: Catalog | None = None) -> str:
        """The sentence in ``lang`` (``"en"`` or ``"fr"``).

        Certifications are named in French by their French name, read from ``catalog``
        (default: the built-in catalogue). A finding without its template (read back from
        a decision record) is translated as one whole sentence if the catalogue has it,
        and is otherwise given in English.
        """
        check_lang(lang)
        if lang == "en":
            return self.message
        if self.words is not None:
            return self.words.text(lang, catalog)
        return text_of(self.message, lang, catalog)


def _finding(
    criterion: str,
    words: Message,
    *,
    certifications: tuple[str, ...] = (),
    countries: tuple[str, ...] = (),
) -> Finding:
    """A finding made of a message: its English sentence, and the message to translate it."""
    return Finding(
        criterion=criterion,
        message=words.text("en"),
        certifications=certifications,
        countries=countries,
        words=words,
    )
