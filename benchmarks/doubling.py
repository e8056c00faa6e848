"""Doubling: reading steps that must stay linear (issue 16, item 3).

Each case is timed at N, 2N and 4N; a linear step doubles its time when N doubles
(ratio about 2), a quadratic one quadruples it (about 4).

- ``csv header``: a one-line CSV header of N empty cells, then ``vendor`` N + 1 times
  (the repeated-column check once searched the header read so far for each cell);
- ``catalogue chain``: a user catalogue whose N entries form one supersession chain
  (the cycle check once walked each entry's chain with a list search: cubic);
- ``abnormally low``: N offers ranked and explained on a price with an abnormally-low
  threshold (each offer's test once added up every other offer's price again).

Usage::

    .venv/bin/python benchmarks/doubling.py
    .venv/bin/python benchmarks/doubling.py --sizes 5000 10000 20000 40000
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from callcenter_certs import (
    Better,
    BuyerCriteria,
    Figure,
    InputError,
    Scoring,
    Vendor,
    load_catalog,
    load_vendors,
    rank_vendors,
)


def header_bomb(directory: Path, n: int) -> Callable[[], object]:
    """The header case: N empty cells, then ``vendor`` N + 1 times."""
    path = directory / f"header-{n}.csv"
    path.write_text("," * n + ",".join(["vendor"] * (n + 1)) + "\n", encoding="utf-8")

    def run() -> object:
        try:
            return load_vendors(path)
        except InputError as error:  # the repeated columns are problems: refused
            return error

    return run


def chain(directory: Path, n: int) -> Callable[[], object]:
    """The catalogue case: entry i superseded by entry i + 1."""
    lines = ['version = "chain"']
    for i in range(n):
        lines += [
            "[[certifications]]",
            f'id = "c{i}"',
            'short_name = "C"',
            'name = "C"',
            'issuer = "I"',
            'kind = "label"',
            'sources = ["S"]',
        ]
        if i + 1 < n:
            lines.append(f'superseded_by = "c{i + 1}"')
    path = directory / f"chain-{n}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lambda: load_catalog(path)


def low_offers(_: Path, n: int) -> Callable[[], object]:
    """The explanation case: N offers, prices spread so that a share of them are low."""
    price = Figure("price", better=Better.LOWER, scoring=Scoring.PROPORTIONAL, abnormally_low=0.8)
    criteria = BuyerCriteria(figures=(price,), weights={"price": 1})
    vendors = [Vendor(f"V{i}", figures={"price": 500 + (i * 7919) % 1000}) for i in range(n)]

    def run() -> object:
        return [entry.score for entry in rank_vendors(vendors, criteria, on=dt.date(2026, 1, 1))]

    return run


def best_of(run: Callable[[], object], repeat: int = 3) -> float:
    """The best of ``repeat`` timings, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Time each case at each size and print the ratios of consecutive sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 4_000, 8_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        cases = (
            ("csv header", header_bomb),
            ("catalogue chain", chain),
            ("abnormally low", low_offers),
        )
        for label, build in cases:
            previous = None
            for n in args.sizes:
                seconds = best_of(build(directory, n))
                ratio = f"  x{seconds / previous:.2f}" if previous else ""
                print(f"{label:<16} N = {n:>7,}  {seconds:8.4f} s{ratio}")
                previous = seconds


if __name__ == "__main__":
    main()
