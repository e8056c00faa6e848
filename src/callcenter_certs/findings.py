"""A finding: one knock-out, warning or uncounted certificate, in words and as data."""

from __future__ import annotations

import attrs

__all__ = ["Finding"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(kw_only=True)
class Finding:
    """A knock-out, a warning or a certificate that does not count, in words.

    ``str()`` is the sentence; the fields name what it is about, so a script can
    filter findings without parsing text.
    """

    criterion: str
    """The criterion or topic: ``"required"``, ``"france_only"``, ``"valid_through"``..."""
    message: str
    certifications: tuple[str, ...] = ()
    """Certification ids involved."""
    countries: tuple[str, ...] = ()
    """Country codes involved."""

    def __str__(self) -> str:
        return self.message
