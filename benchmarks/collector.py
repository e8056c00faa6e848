"""Does pausing the garbage collector during ``load_vendors`` still pay? (issue 16)

``load_vendors`` used to call ``gc.disable()`` while it read, which stops collection
for every thread of the process. This times ``load_vendors`` on N vendors (JSON and
CSV files written by ``bench.py``'s generator), alternately as it runs now (the
collector on) and inside ``gc.disable()`` / ``gc.enable()`` (the old pause), and
prints the median and the spread of each.

Usage::

    .venv/bin/python benchmarks/collector.py              # N = 100,000, 7 runs each
    .venv/bin/python benchmarks/collector.py --vendors 10000 --runs 5
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import generate, machine, write_csv, write_json

from callcenter_certs import Limits, load_vendors


def _paused(call: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        gc.disable()
        try:
            return call()
        finally:
            gc.enable()

    return run


def _seconds(call: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def main(argv: Sequence[str] | None = None) -> None:
    """Time the loads and print one line per format and variant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendors", type=int, default=100_000, help="vendors per file")
    parser.add_argument("--runs", type=int, default=7, help="runs of each variant")
    args = parser.parse_args(argv)
    plain = generate(args.vendors)
    # Files of 100,000 vendors pass the default size and cell limits (16 MiB, 1M cells).
    limits = Limits(
        max_vendors=max(args.vendors, Limits().max_vendors),
        max_file_bytes=2**31,
        max_cells=2**31,
    )
    print(machine())
    with tempfile.TemporaryDirectory() as directory:
        paths = {"json": Path(directory) / "v.json", "csv": Path(directory) / "v.csv"}
        write_json(paths["json"], plain)
        write_csv(paths["csv"], plain)
        del plain
        for fmt, path in paths.items():

            def load(path: Path = path) -> object:
                return load_vendors(path, limits=limits)

            times: dict[str, list[float]] = {"collector on": [], "collector paused": []}
            for _ in range(args.runs):  # alternated, so that a noisy neighbour hits both
                times["collector on"].append(_seconds(load))
                times["collector paused"].append(_seconds(_paused(load)))
            for variant, seconds in times.items():
                print(
                    f"load {fmt} {args.vendors:,} vendors, {variant}: median "
                    f"{statistics.median(seconds):.2f} s (min {min(seconds):.2f}, "
                    f"max {max(seconds):.2f}, {args.runs} runs)"
                )


if __name__ == "__main__":
    main()
