"""Cold start: ``import callcenter_certs`` and ``callcenter-certs rank`` as whole processes.

Issue 11's targets: ``python -c "import callcenter_certs"`` at most 2x ``python -c
"import cattrs"``; ``callcenter-certs rank`` on a 10-vendor CSV at most 2x that import.
The ranking is timed twice: as the issue states it (the vendor file alone), and with
the demo's award grid as ``--criteria`` (a TOML file, read with ``tomllib`` and
structured by the loaders' converter, which imports ``cattrs``), reported beside it.
Each command runs as a fresh process, ``--runs`` times after one warm-up (compiled
bytecode already on disk), in turn (A B C A B C ...), so that a drift of the machine's
speed hits them alike; the medians of the wall and CPU times are printed, then the
ratios of the medians, then the slowest imports of one run of each (``-X importtime``).

Usage::

    .venv/bin/python benchmarks/startup.py            # 21 runs each
    .venv/bin/python benchmarks/startup.py --runs 51
    .venv/bin/python benchmarks/startup.py --instructions   # valgrind: same count each run

``--instructions`` counts the instructions each command executes under valgrind's
callgrind (``PYTHONHASHSEED=0``): unlike times, the count does not depend on what
else the machine is doing, so two versions compare on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
PYTHON = sys.executable
SCRIPT = Path(PYTHON).parent / "callcenter-certs"
COMMANDS = {
    "import cattrs": [PYTHON, "-c", "import cattrs"],
    "import callcenter_certs": [PYTHON, "-c", "import callcenter_certs"],
    "rank 10 vendors": [str(SCRIPT), "rank", str(HERE / "ten-vendors.csv"), "--on", "2026-11-27"],
    "rank, with criteria": [
        str(SCRIPT),
        "rank",
        str(HERE / "ten-vendors.csv"),
        "--criteria",
        str(ROOT / "src" / "callcenter_certs" / "data" / "demo" / "criteria.toml"),
        "--on",
        "2026-11-27",
    ],
}


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""As a user runs it: compiled bytecode written once (the warm-up) and read after."""


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``command`` as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def slowest_imports(command: list[str], count: int = 8) -> list[str]:
    """The ``count`` imports with the largest cumulative time in one run."""
    argv = [PYTHON, "-X", "importtime", *command[1:]] if command[0] == PYTHON else command
    env = {**ENV, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    rows: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
            if cumulative.isdigit():
                rows.append((int(cumulative), name))
    return [f"{us / 1000:7.1f} ms  {name}" for us, name in sorted(rows, reverse=True)[:count]]


def instructions(command: list[str]) -> int:
    """The instructions one run of ``command`` executes, counted by valgrind's callgrind."""
    env = {**ENV, "PYTHONHASHSEED": "0"}
    subprocess.run(command, check=True, capture_output=True, env=env)  # bytecode on disk
    argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command]
    done = subprocess.run(argv, check=True, capture_output=True, text=True, env=env)
    found = re.search(r"Collected : ([0-9]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no count in valgrind's output:\n{done.stderr}")
    return int(found.group(1))


def count_instructions() -> None:
    """Print each command's instruction count and the ratios of the targets."""
    counts = {name: instructions(command) for name, command in COMMANDS.items()}
    for name, count in counts.items():
        print(f"{name:<24} {count / 1e6:8.1f} million instructions")
    base, package, rank, graded = counts.values()
    print(f"import callcenter_certs / import cattrs: {package / base:.2f}x (target <= 2)")
    print(f"rank / import callcenter_certs:         {rank / package:.2f}x (target <= 2)")
    print(f"rank with criteria / import:            {graded / package:.2f}x")


def main() -> None:
    """Run the commands, print medians, ratios and the slowest imports."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions with valgrind instead"
    )
    args = parser.parse_args()
    if args.instructions:
        count_instructions()
        return
    print(
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.2f}, {args.runs} runs each"
    )
    for command in COMMANDS.values():  # warm-up: compiled bytecode on disk
        timed(command)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, command in COMMANDS.items():
            results[name].append(timed(command))
    medians = {}
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        medians[name] = (wall, cpu)
        print(f"{name:<24} wall {wall * 1000:6.1f} ms   cpu {cpu * 1000:6.1f} ms")
    base, package, rank, graded = (medians[name] for name in COMMANDS)
    print(
        f"import callcenter_certs / import cattrs: wall {package[0] / base[0]:.2f}x, "
        f"cpu {package[1] / base[1]:.2f}x (target <= 2)"
    )
    print(
        f"rank / import callcenter_certs:         wall {rank[0] / package[0]:.2f}x, "
        f"cpu {rank[1] / package[1]:.2f}x (target <= 2)"
    )
    print(
        f"rank with criteria / import:            wall {graded[0] / package[0]:.2f}x, "
        f"cpu {graded[1] / package[1]:.2f}x"
    )
    for name, command in COMMANDS.items():
        print(f"\nslowest imports, {name}:")
        print("\n".join(slowest_imports(command)))


if __name__ == "__main__":
    main()
