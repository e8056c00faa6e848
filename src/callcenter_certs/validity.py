"""When a held certificate counts: dates, status, and the catalogue's validity."""

from __future__ import annotations

import datetime as dt

from .certifications import Certification
from .vendors import CertificateStatus, HeldCertificate

__all__ = []


def __dir__() -> list[str]:
    return __all__


def _add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus whole years; 29 February becomes 28 February in a common year.

    Past the calendar's ends the result is clamped to ``date.max`` or ``date.min``:
    a certificate from 9998 with a three-year cycle simply has no end in range.

    >>> _add_years(dt.date(2024, 2, 29), 1), _add_years(dt.date(9999, 6, 1), 3)
    (datetime.date(2025, 2, 28), datetime.date(9999, 12, 31))
    """
    year = day.year + years
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


def _effective_end(certificate: HeldCertificate, entry: Certification) -> dt.date | None:
    """The last day a certificate is valid (inclusive); ``None``: no known end.

    ``valid_until`` when given; otherwise ``valid_from`` plus the catalogue's
    ``validity_years``; otherwise no end, since the catalogue does not know one.
    """
    if certificate.valid_until is not None:
        return certificate.valid_until
    if entry.validity_years is None:
        return None
    return _add_years(certificate.valid_from, entry.validity_years)


def _earliest_counting_start(years: int, on: dt.date) -> dt.date:
    """The earliest ``valid_from`` whose end, ``valid_from`` plus ``years``, is on or after ``on``.

    A certificate without ``valid_until`` whose catalogue entry has ``validity_years``
    has not expired on ``on`` exactly when its ``valid_from`` is on or after this day:
    `_add_years` never decreases when its date increases, so one comparison per
    certificate replaces a date computation.

    >>> _earliest_counting_start(3, dt.date(2026, 6, 1))
    datetime.date(2023, 6, 1)
    >>> _earliest_counting_start(1, dt.date(2025, 2, 28))  # 2024-02-29 also ends on 02-28
    datetime.date(2024, 2, 28)
    """
    try:  # a few days before the answer, which the loop then reaches
        day = on.replace(year=on.year - years, day=min(on.day, 28)) - dt.timedelta(days=3)
    except (ValueError, OverflowError):  # before year 1
        day = dt.date.min
    while _add_years(day, years) < on:
        day += dt.timedelta(days=1)
    return day


def _not_counting_reason(
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
