"""Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (more examples, no deadline)."""

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from callcenter_certs import BuyerCriteria, Vendor

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fuzz", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


Award = tuple[list[Vendor], BuyerCriteria, dt.date]
"""What ``callcenter_certs.strategies.awards()`` draws: offers, criteria, the date."""


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for every example of a property test (hypothesis reruns the body)."""
    return tmp_path_factory.mktemp("work")


def held_data(**fields: object) -> dict[str, object]:
    """A held certificate as a vendor file holds it, with ``fields`` changed or added."""
    return {"certification": "iso-9001", "valid_from": "2024-01-01", **fields}
