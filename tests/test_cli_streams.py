"""The command line as a process: closed or failing streams, odd encodings and Ctrl-C.

Each condition runs ``callcenter-certs`` as a real subprocess: what matters is what a
shell sees (the exit code, and at most one line on standard error, never a traceback).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

COMMAND = [sys.executable, "-m", "callcenter_certs"]
DEMO = ["demo"]


def _run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*COMMAND, *args], capture_output=True, check=False, **kwargs)


def _no_traceback(stderr: bytes) -> None:
    assert b"Traceback" not in stderr
    assert len(stderr.decode(errors="replace").splitlines()) <= 3  # notes, warning, error


def test_closed_stdout_is_one_line_and_exit_2() -> None:
    done = subprocess.run(
        [*COMMAND, *DEMO], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    assert done.returncode == 0  # a null device is an open stream
    closed = subprocess.run(
        [*COMMAND, *DEMO],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert closed.returncode == 2
    assert closed.stderr.decode().strip() == (
        "error: standard output is closed; redirect it to a file or to /dev/null"
    )


@pytest.mark.parametrize(("args", "code"), [(DEMO, 0), (["rank", "/nonexistent.csv"], 2)])
def test_closed_stderr_keeps_the_exit_code(args: list[str], code: int) -> None:
    done = subprocess.run(
        [*COMMAND, *args],
        stdout=subprocess.PIPE,
        check=False,
        preexec_fn=lambda: os.close(2),
    )
    assert done.returncode == code


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"PYTHONIOENCODING": "cp1252"}, "?\xf3d? Kontakt".encode("cp1252")),
        (
            {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
            b"?\xc3\xb3d? Kontakt"[:0] + b"??d? Kontakt",
        ),
    ],
)
def test_a_name_the_output_cannot_encode_is_replaced(
    tmp_path: Path, environment: dict[str, str], expected: bytes
) -> None:
    """A Windows redirect (cp1252) or an ASCII terminal: what cannot be written is replaced."""
    vendors = tmp_path / "vendors.csv"
    vendors.write_text(
        "vendor,certification,valid_from\n\u0141\xf3d\u017a Kontakt,nf-345,2025-01-01\n",
        encoding="utf-8",
    )
    env = {**os.environ, **environment}
    done = _run(["rank", str(vendors), "--on", "2026-01-01"], env=env)
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout
    _no_traceback(done.stderr)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_one_line_and_exit_2() -> None:
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run([*COMMAND, *DEMO], stdout=full, stderr=subprocess.PIPE, check=False)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == ("error: cannot write: No space left on device")
    _no_traceback(done.stderr)


def test_a_reader_that_goes_away_is_no_error() -> None:
    child = subprocess.Popen([*COMMAND, *DEMO], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()  # as `| head` does once it has read enough
    with child.stderr:
        stderr = child.stderr.read()
    assert child.wait() == 141
    assert stderr == b""


def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path) -> None:
    fifo = tmp_path / "vendors.csv"
    os.mkfifo(fifo)  # rank waits for a writer that never comes
    child = subprocess.Popen(
        [*COMMAND, "rank", str(fifo)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    # Opening the pipe's other end waits for the command to open it: it is reading.
    with fifo.open("wb"):
        time.sleep(0.2)
        child.send_signal(signal.SIGINT)
        with child:
            _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130
    assert stderr.decode().strip() == "interrupted"
