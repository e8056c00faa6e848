"""Doubling: reading steps that must stay linear (issue 16, item 3).

Each case is timed at N, 2N and 4N; a linear step doubles its time when N doubles
(ratio about 2), a quadratic one quadruples it (about 4).

- ``csv header``: a one-line CSV header of N empty cells, then ``vendor`` N + 1 times
  (the repeated-column check once searched the header read so far for each cell);
- ``catalogue chain``: a user catalogue whose N entries form one supersession chain
  (the cycle check once walked each entry's chain with a list search: cubic).

Usage::

    .venv/bin/python benchmarks/doubling.py
    .venv/bin/python benchmarks/doubling.py --sizes 5000 10000 20000 40000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from callcenter_certs import InputError, load_catalog, load_vendors


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
        for label, build in (("csv header", header_bomb), ("catalogue chain", chain)):
            previous = None
            for n in args.sizes:
                seconds = best_of(build(directory, n))
                ratio = f"  x{seconds / previous:.2f}" if previous else ""
                print(f"{label:<16} N = {n:>7,}  {seconds:8.4f} s{ratio}")
                previous = seconds


if __name__ == "__main__":
    main()
