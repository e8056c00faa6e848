"""When a held certificate counts: dates, status, and the catalogue's validity."""

from __future__ import annotations

import datetime as dt

from .certifications import Certification
from .vendors import CertificateStatus, HeldCertificate

__all__ = ["add_years", "effective_end", "not_counting_reason"]


def __dir__() -> list[str]:
    return __all__


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
    except OverflowError:  # pragma: no cover - year 9999 plus a cycle
        return dt.date.max


def effective_end(certificate: HeldCertificate, entry: Certification) -> dt.date | None:
    """The last day a certificate is valid (inclusive); ``None``: no known end.

    ``valid_until`` when given; otherwise ``valid_from`` plus the catalogue's
    ``validity_years``; otherwise no end, since the catalogue does not know one.
    """
    if certificate.valid_until is not None:
        return certificate.valid_until
    if entry.validity_years is None:
        return None
    try:
        return add_years(certificate.valid_from, entry.validity_years)
    except (ValueError, OverflowError):
        return dt.date.max


def not_counting_reason(
    certificate: HeldCertificate, end: dt.date | None, on: dt.date
) -> str | None:
    """Why a certificate does not count on ``on`` by its own dates and status, or None."""
    if certificate.status is not CertificateStatus.ACTIVE:
        return f"its status is {certificate.status.value}"
    if on < certificate.valid_from:
        return f"it is valid only from {certificate.valid_from.isoformat()}"
    if end is not None and on > end:
        return f"it expired on {end.isoformat()}"
    return None
