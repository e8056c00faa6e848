"""Benchmark ``sensitivity`` and ``acceptability`` (issue 14).

Generates seeded awards (vendors with certificates, sites and three figures; criteria
with up to 8 weighted criteria: the five built-in ones and price, technical mark and
delay) and times:

- ``sensitivity`` on 50 vendors and 8 weighted criteria (target: under 50 ms), then as
  the vendors (10 to 400) and the criteria (2 to 8) grow;
- ``acceptability`` with 10,000 samples on the same award (target: under 2 s), then as
  the samples, the vendors and the criteria grow.

Times are the best of 5 runs (3 for the largest cases). Usage::

    .venv/bin/python benchmarks/sensitivity.py
    .venv/bin/python benchmarks/sensitivity.py --quick   # the two targets only
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import time
from collections.abc import Callable

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    Figure,
    HeldCertificate,
    Need,
    Ranking,
    Site,
    Vendor,
    rank_vendors,
)
from callcenter_certs.criteria import Better, Scoring
from callcenter_certs.sensitivity import acceptability, sensitivity

ON = dt.date(2026, 11, 27)
IDS = sorted(CATALOG)
FIGURES = (
    Figure("price", Better.LOWER, Scoring.PROPORTIONAL),
    Figure("technical", out_of=20, minimum=8),
    Figure("delay", Better.LOWER, Scoring.LINEAR),
)
BUILT_IN = ("results_obligation", "means_obligation", "france_only", "csr")
PREFERRED = ("nf-345", "iso-18295-1", "relation-client-france")


def criteria(weighted: int) -> BuyerCriteria:
    """Criteria with ``weighted`` (2 to 8) weighted criteria: figures first, then built-in."""
    figures = FIGURES[: min(weighted, 3)]
    rest = weighted - len(figures)
    built_in = BUILT_IN[: min(rest, 4)]
    preferred = PREFERRED if rest > len(BUILT_IN) else ()
    weights = {"price": 40, "technical": 30, "delay": 5, "results_obligation": 8}
    weights |= {"means_obligation": 4, "france_only": 5, "csr": 4, "preferred_certifications": 4}
    names = [f.name for f in figures] + list(built_in)
    if preferred:
        names.append("preferred_certifications")
    return BuyerCriteria(
        weights={name: weights[name] for name in names},
        preferred_certifications=preferred,
        figures=figures,
        **dict.fromkeys(built_in, Need.PREFER),
    )


def vendors(count: int, seed: int = 14) -> list[Vendor]:
    """``count`` seeded vendors with 0 to 5 certificates, sites and the three figures."""
    rng = random.Random(seed)
    offers = []
    for index in range(count):
        certificates = [
            HeldCertificate(
                rng.choice(IDS),
                ON - dt.timedelta(days=rng.randint(30, 900)),
                ON + dt.timedelta(days=rng.randint(-60, 900)),
            )
            for _ in range(rng.randint(0, 5))
        ]
        sites = [Site(rng.choice(("FR", "FR", "MA", "PT")), rng.randint(1, 300))]
        figures = {
            "price": round(rng.uniform(800_000, 1_400_000), 2),
            "technical": round(rng.uniform(7, 20), 2),
            "delay": float(rng.randint(10, 90)),
        }
        offers.append(Vendor(f"Vendor {index:04d}", certificates, sites, figures))
    return offers


def award(count: int, weighted: int) -> Ranking:
    return rank_vendors(vendors(count), criteria(weighted), on=ON)


def best(call: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the two targets only")
    args = parser.parse_args()
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}"
    )
    ranking = award(50, 8)
    eligible = len(ranking.eligible)
    print(f"\n50 vendors ({eligible} eligible), 8 weighted criteria")
    print("| case | time | target |")
    print("| --- | ---: | ---: |")
    print(f"| sensitivity | {ms(best(lambda: sensitivity(ranking)))} | 50 ms |")
    timed = best(lambda: acceptability(ranking, samples=10_000), runs=3)
    print(f"| acceptability, 10,000 samples | {ms(timed)} | 2,000 ms |")
    if args.quick:
        return
    print("\nGrowth in vendors (8 weighted criteria; acceptability: 1,000 samples)")
    print("| vendors | eligible | sensitivity | acceptability |")
    print("| ---: | ---: | ---: | ---: |")
    for count in (10, 25, 50, 100, 200, 400):
        ranking = award(count, 8)
        runs = 3 if count > 100 else 5
        exact = best(lambda r=ranking: sensitivity(r), runs)
        sampled = best(lambda r=ranking: acceptability(r, samples=1_000), runs)
        print(f"| {count} | {len(ranking.eligible)} | {ms(exact)} | {ms(sampled)} |")
    print("\nGrowth in weighted criteria (50 vendors; acceptability: 1,000 samples)")
    print("| criteria | eligible | sensitivity | acceptability |")
    print("| ---: | ---: | ---: | ---: |")
    for weighted in (2, 4, 6, 8):
        ranking = award(50, weighted)
        exact = best(lambda r=ranking: sensitivity(r))
        sampled = best(lambda r=ranking: acceptability(r, samples=1_000))
        print(f"| {weighted} | {len(ranking.eligible)} | {ms(exact)} | {ms(sampled)} |")
    print("\nGrowth in samples (50 vendors, 8 weighted criteria)")
    print("| samples | acceptability |")
    print("| ---: | ---: |")
    ranking = award(50, 8)
    for samples in (1_000, 10_000, 100_000):
        runs = 1 if samples > 10_000 else 3
        timed = best(lambda s=samples: acceptability(ranking, samples=s), runs)
        print(f"| {samples:,} | {ms(timed)} |")
    print(f"\nload after the run: {os.getloadavg()[0]:.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
