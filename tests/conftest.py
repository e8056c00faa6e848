"""Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (more examples, no deadline)."""

import datetime as dt
import os

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
