"""Standard input as a vendor or criteria file: its format from its first bytes, hashed as read."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"

pytestmark = pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="no /dev/stdin")


def _run(args: list[str], data: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "callcenter_certs", *args]
    return subprocess.run(command, input=data, capture_output=True, cwd=cwd, check=False)


@pytest.mark.parametrize("name", ["vendors.csv", "vendors.json"])
def test_vendors_from_standard_input_are_ranked_and_hashed_as_read(
    tmp_path: Path, name: str
) -> None:
    data = (EXAMPLES / name).read_bytes()
    criteria = EXAMPLES / "criteria.toml"
    args = ["rank", "/dev/stdin", "--criteria", str(criteria), "--on", "2026-11-27"]
    done = _run([*args, "--record", "record.json"], data, tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert b"Atlantique Contact" in done.stdout
    record = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    assert record["inputs"]["vendors_sha256"] == hashlib.sha256(data).hexdigest()


def test_criteria_from_standard_input(tmp_path: Path) -> None:
    data = (EXAMPLES / "criteria.toml").read_bytes()
    args = ["rank", str(EXAMPLES / "vendors.csv"), "--criteria", "/dev/stdin"]
    done = _run([*args, "--on", "2026-11-27"], data, tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    with_file = _run(
        [*args[:-1], str(EXAMPLES / "criteria.toml"), "--on", "2026-11-27"], b"", tmp_path
    )
    assert done.stdout == with_file.stdout  # the same criteria as from the file


def test_a_problem_on_standard_input_names_it(tmp_path: Path) -> None:
    done = _run(["validate", "/dev/stdin"], b'vendor\n"A\n', tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode().startswith("/dev/stdin: row 2: invalid CSV")
