"""validity: whole years on the calendar, a certificate's end, and when it stops counting."""

import datetime as dt

import pytest
from hypothesis import given

from callcenter_certs import CertificateStatus, HeldCertificate
from callcenter_certs.catalogue import _builtin_catalog
from callcenter_certs.strategies import dates
from callcenter_certs.validity import (
    _add_years,
    _earliest_counting_start,
    _effective_end,
    _not_counting_reason,
)


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (dt.date(2024, 2, 29), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 29)),
        (dt.date(2024, 2, 29), -1, dt.date(2023, 2, 28)),
        (dt.date(2023, 3, 1), 1, dt.date(2024, 3, 1)),
        (dt.date(9999, 6, 1), 3, dt.date.max),
        (dt.date(9997, 1, 1), 2, dt.date(9999, 1, 1)),
        (dt.date(2, 6, 1), -3, dt.date.min),
        (dt.date(1, 1, 1), 0, dt.date(1, 1, 1)),
    ],
)
def test_add_years_on_29_february_and_at_the_calendars_ends(
    day: dt.date, years: int, expected: dt.date
) -> None:
    assert _add_years(day, years) == expected


@given(dates(), dates())
def test_add_years_never_decreases_when_the_day_increases(first: dt.date, second: dt.date) -> None:
    low, high = sorted([first, second])
    assert _add_years(low, 3) <= _add_years(high, 3)


@pytest.mark.parametrize("years", [1, 3])
@given(on=dates(min_value=dt.date(2, 1, 1)))
def test_earliest_counting_start_is_the_first_day_whose_end_reaches_on(
    years: int, on: dt.date
) -> None:
    start = _earliest_counting_start(years, on)
    assert _add_years(start, years) >= on
    assert start == dt.date.min or _add_years(start - dt.timedelta(days=1), years) < on


def test_earliest_counting_start_before_year_one() -> None:
    assert _earliest_counting_start(3, dt.date(2, 6, 1)) == dt.date.min


def test_effective_end_from_valid_until_then_the_catalogue_then_none() -> None:
    catalog = _builtin_catalog()
    iso = catalog["iso-9001"]
    start = dt.date(2024, 2, 29)
    assert _effective_end(HeldCertificate("iso-9001", start, dt.date(2025, 1, 1)), iso) == (
        dt.date(2025, 1, 1)
    )
    expected = None if iso.validity_years is None else _add_years(start, iso.validity_years)
    assert _effective_end(HeldCertificate("iso-9001", start), iso) == expected
    unknown = next(entry for entry in catalog.values() if entry.validity_years is None)
    assert _effective_end(HeldCertificate(unknown.id, start), unknown) is None


@pytest.mark.parametrize(
    ("status", "on", "reason"),
    [
        (CertificateStatus.ACTIVE, dt.date(2025, 6, 1), None),
        (CertificateStatus.ACTIVE, dt.date(2026, 1, 1), None),
        (CertificateStatus.SUSPENDED, dt.date(2025, 6, 1), "its status is suspended"),
        (CertificateStatus.ACTIVE, dt.date(2024, 12, 31), "it is valid only from 2025-01-01"),
        (CertificateStatus.ACTIVE, dt.date(2026, 1, 2), "it expired on 2026-01-01"),
    ],
)
def test_not_counting_reason(status: CertificateStatus, on: dt.date, reason: str | None) -> None:
    certificate = HeldCertificate("iso-9001", dt.date(2025, 1, 1), status=status)
    assert _not_counting_reason(certificate, dt.date(2026, 1, 1), on) == reason
