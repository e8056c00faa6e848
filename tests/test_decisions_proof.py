"""What a decision record proves (issue 16): digests of what was read, atomic writes, replay.

- ``rank --record`` hashes the bytes it ranked, in the read that loads them: a named
  pipe and piped standard input work, and a file changed after the read is recorded
  as it was read.
- A record is written whole or not at all, and never onto an input file.
- ``replay`` detects each edit of a record: by the record's digest of its own content
  while the editor did not compute it again, and by the input files (``--inputs``)
  when they did.
"""

import errno
import hashlib
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from callcenter_certs import InputError, Vendor, load_record, load_vendors, replay
from callcenter_certs.cli import run
from callcenter_certs.decisions import _content_digest

VENDORS = (
    "vendor,certification,valid_from,certifying_body,accredited,sites\n"
    "Atlantique Contact,iso-18295-1,2025-01-01,AFNOR Certification,true,FR:120\n"
    "Atlantique Contact,nf-345,2025-03-01,AFNOR Certification,true,FR:120\n"
    "Bocage Appels,iso-18295-1,2025-06-01,Bureau Veritas,true,FR:45\n"
    "Rivage Services,iso-9001,2024-01-01,SGS,false,FR:30\n"
)
"""Three vendors; Rivage Services holds no ISO 18295-1 and is knocked out."""
CRITERIA = 'required = ["iso-18295-1"]\nresults_obligation = "prefer"\n'
ON = "2026-06-01"


def call(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    vendors, criteria = tmp_path / "vendors.csv", tmp_path / "criteria.toml"
    vendors.write_text(VENDORS, encoding="utf-8")
    criteria.write_text(CRITERIA, encoding="utf-8")
    return vendors, criteria


@pytest.fixture
def record(inputs: tuple[Path, Path], tmp_path: Path) -> Path:
    vendors, criteria = inputs
    path = tmp_path / "decision.json"
    code, _, err = call("rank", vendors, "--criteria", criteria, "--on", ON, "--record", path)
    assert code == 0, err
    return path


# The digests are of what was read ------------------------------------------------------


def _cli(*argv: str | Path, **options: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "callcenter_certs", *map(str, argv)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        **options,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_once_and_hashed(tmp_path: Path) -> None:
    """A vendor file that is a named pipe: ranked, and its bytes hashed, in one read."""
    fifo = tmp_path / "vendors.csv"
    os.mkfifo(fifo)

    def writer() -> None:
        with fifo.open("w", encoding="utf-8") as handle:
            handle.write(VENDORS)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    done = _cli("rank", fifo, "--on", ON, "--record", tmp_path / "r.json")
    thread.join(timeout=5)
    assert done.returncode == 0, done.stderr
    recorded = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert recorded["inputs"]["vendors_sha256"] == sha256(VENDORS)


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="needs /dev/stdin")
def test_piped_standard_input_is_hashed(tmp_path: Path) -> None:
    """``rank vendors.csv`` where vendors.csv is standard input: the piped bytes' hash."""
    (tmp_path / "vendors.csv").symlink_to("/dev/stdin")
    done = _cli(
        "rank", "vendors.csv", "--on", ON, "--record", "r.json", cwd=tmp_path, input=VENDORS
    )
    assert done.returncode == 0, done.stderr
    recorded = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert recorded["inputs"]["vendors_sha256"] == sha256(VENDORS)
    assert recorded["inputs"]["vendors_sha256"] != sha256("")


def test_a_file_changed_after_the_read_is_recorded_as_read(
    inputs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record hashes the bytes ranked, not what the file holds when it is written."""
    vendors, criteria = inputs

    def load_then_change(path: str | os.PathLike[str], **options: Any) -> list[Vendor]:
        loaded = load_vendors(path, **options)
        Path(path).write_text(VENDORS.replace("FR:45", "FR:46"), encoding="utf-8")
        return loaded

    monkeypatch.setattr("callcenter_certs.cli.load_vendors", load_then_change)
    path = tmp_path / "r.json"
    assert call("rank", vendors, "--criteria", criteria, "--record", path)[0] == 0
    recorded = json.loads(path.read_text(encoding="utf-8"))["inputs"]
    assert recorded["vendors_sha256"] == sha256(VENDORS)
    assert recorded["criteria_sha256"] == sha256(CRITERIA)


# Written atomically, never onto an input ------------------------------------------------


def test_a_failed_write_leaves_the_previous_record(
    inputs: tuple[Path, Path], record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk in the middle of the write: the previous record is intact, no debris."""
    vendors, criteria = inputs
    before = record.read_bytes()
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        if fd <= 2:  # the test's own streams
            return real_write(fd, data)
        real_write(fd, bytes(data[:100]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full_disk)
    code, out, err = call("rank", vendors, "--criteria", criteria, "--record", record)
    monkeypatch.undo()
    assert (code, out) == (2, "")
    assert err == f"error: {record}: No space left on device\n"
    assert record.read_bytes() == before
    assert sorted(p.name for p in record.parent.iterdir()) == [
        "criteria.toml",
        "decision.json",
        "vendors.csv",
    ]


def test_a_write_error_names_its_file(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    """Never ``error: : ...``: the record's name, and the system's reason."""
    vendors, _ = inputs
    code, _, err = call("rank", vendors, "--record", tmp_path / "missing" / "r.json")
    assert code == 2
    assert err == f"error: {tmp_path / 'missing' / 'r.json'}: No such file or directory\n"
    if Path("/dev/full").exists():
        code, _, err = call("rank", vendors, "--record", "/dev/full")
        assert (code, err) == (2, "error: /dev/full: No space left on device\n")
        assert not Path("/dev/full").is_file()  # still the device, not replaced


@pytest.mark.parametrize("which", ["vendors", "vendors-other-spelling", "criteria", "catalog"])
def test_the_record_is_never_written_onto_an_input(
    inputs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    """``--record`` naming an input file, however spelt: exit 2, one line, input intact."""
    vendors, criteria = inputs
    catalogue = tmp_path / "mine.json"
    catalogue.write_text('{"version": "x", "certifications": []}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    target = {
        "vendors": vendors,
        "vendors-other-spelling": Path("sub/../vendors.csv"),
        "criteria": criteria,
        "catalog": catalogue,
    }[which]
    (tmp_path / "sub").mkdir()
    before = {p: p.read_bytes() for p in (vendors, criteria, catalogue)}
    argv: list[str | Path] = [
        "rank",
        vendors,
        "--criteria",
        criteria,
        "--catalog",
        catalogue,
        "--record",
        target,
    ]
    code, out, err = call(*argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "write the record to another file" in err
    assert {p: p.read_bytes() for p in before} == before


def test_a_symbolic_link_to_an_input_is_refused(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    vendors, _ = inputs
    (tmp_path / "link.json").symlink_to(vendors)
    code, _, err = call("rank", vendors, "--record", tmp_path / "link.json")
    assert code == 2
    assert "is the vendor file" in err
    assert vendors.read_text(encoding="utf-8") == VENDORS


# Replay: the record's own digest, and the input files -----------------------------------


def _entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = data["ranking"]["entries"]
    return entries


def remove_knocked_out(data: dict[str, Any]) -> None:
    data["vendors"] = [v for v in data["vendors"] if v["name"] != "Rivage Services"]
    data["ranking"]["entries"] = [
        e for e in _entries(data) if e["vendor"]["name"] != "Rivage Services"
    ]


def rename(data: dict[str, Any]) -> None:
    for vendor in [*data["vendors"], *(e["vendor"] for e in _entries(data))]:
        if vendor["name"] == "Bocage Appels":
            vendor["name"] = "Bocage Appel"


def _certificates(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for vendor in [*data["vendors"], *(e["vendor"] for e in _entries(data))]:
        if vendor["name"] == "Rivage Services":
            yield from vendor["certificates"]


def change_body(data: dict[str, Any]) -> None:
    for certificate in _certificates(data):
        certificate["certifying_body"] = "Bureau Veritas"


def change_accreditation(data: dict[str, Any]) -> None:
    for certificate in _certificates(data):
        certificate["accredited"] = True


def edit_input_hashes(data: dict[str, Any]) -> None:
    data["inputs"]["vendors_sha256"] = sha256("something else")
    data["inputs"]["criteria_sha256"] = sha256("something else again")


def reorder(data: dict[str, Any]) -> None:
    data["vendors"].reverse()


Edit = Callable[[dict[str, Any]], None]
"""An edit of a record's JSON, in place."""

EDITS: dict[str, tuple[Edit, str]] = {
    "remove a knocked-out vendor": (remove_knocked_out, "Rivage Services is in "),
    "rename a vendor": (rename, "Bocage Appels is in "),
    "change a certificate's body": (change_body, "certificates[0].certifying_body"),
    "change a certificate's accreditation": (change_accreditation, "certificates[0].accredited"),
    "edit the input hashes": (edit_input_hashes, "not the file the record was made from"),
    "reorder the vendors": (reorder, "the record lists the vendors in another order"),
}


def _edit(path: Path, edit: Edit, *, digest_again: bool) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    if digest_again:  # what an author hiding the edit would do
        data["digest"] = _content_digest(load_record(path))
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def test_an_untouched_record_matches_with_and_without_its_inputs(
    inputs: tuple[Path, Path], record: Path
) -> None:
    vendors, criteria = inputs
    code, out, err = call("replay", record, "--inputs", vendors, criteria)
    assert (code, err) == (0, "")
    assert "still matches" in out
    code, _, err = call("replay", record)
    assert code == 0
    assert err == (
        "note: the input files were not given: the recorded vendors and criteria are not "
        "checked against them\n"
    )


@pytest.mark.parametrize("edit", EDITS.values(), ids=list(EDITS))
def test_an_edit_is_caught_by_the_records_digest(record: Path, edit: tuple[Edit, str]) -> None:
    """Edited but not digested again: replay without the inputs sees it."""
    _edit(record, edit[0], digest_again=False)
    code, out, _ = call("replay", record)
    assert code == 1
    assert "the record's content does not match its digest" in out


@pytest.mark.parametrize("edit", EDITS.values(), ids=list(EDITS))
def test_an_edit_digested_again_is_caught_by_the_inputs(
    inputs: tuple[Path, Path], record: Path, edit: tuple[Edit, str]
) -> None:
    """Edited and digested again: the input files still show it."""
    vendors, criteria = inputs
    change, expected = edit
    _edit(record, change, digest_again=True)
    code, out, _ = call("replay", record, "--inputs", vendors, criteria)
    assert code == 1, out
    assert "does not match its digest" not in out
    assert expected in out


def test_a_digest_is_not_a_signature(record: Path) -> None:
    """What the docs state: an edit digested again, and consistent, replays as matching."""
    _edit(record, remove_knocked_out, digest_again=True)
    code, out, _ = call("replay", record)
    assert code == 0
    assert "still matches" in out


def test_the_inputs_are_checked_in_python(inputs: tuple[Path, Path], record: Path) -> None:
    vendors, criteria = inputs
    outcome = replay(load_record(record), inputs=[vendors, criteria])
    assert (outcome.matches, outcome.differences, outcome.notes) == (True, (), ())
    outcome = replay(load_record(record), inputs=[vendors])
    assert outcome.matches
    assert outcome.notes == (
        "the criteria file was not given: the recorded criteria are not checked",
    )


def test_other_criteria_are_detected(
    inputs: tuple[Path, Path], record: Path, tmp_path: Path
) -> None:
    vendors, _ = inputs
    other = tmp_path / "other.toml"
    other.write_text('required = ["iso-18295-1"]\ncsr = "prefer"\n', encoding="utf-8")
    code, out, _ = call("replay", record, "--inputs", vendors, other)
    assert code == 1
    assert "not the file the record was made from" in out
    assert "the recorded criteria differ from" in out
    assert "csr" in out


def test_too_many_inputs_or_a_bad_one_is_an_input_error(
    inputs: tuple[Path, Path], record: Path
) -> None:
    vendors, criteria = inputs
    code, out, err = call("replay", record, "--inputs", vendors, criteria, vendors)
    assert (code, out) == (2, "")
    assert err.startswith("error: --inputs: 3 files given; give the vendor file, then the criteria")
    code, _, err = call("replay", record, "--inputs", criteria)
    assert code == 2
    assert err.startswith(f"error: {criteria}: unsupported file type '.toml'")
    with pytest.raises(InputError, match="is not a list of file paths"):
        # A str is a Sequence[str] to mypy, so no ignore: replay refuses it at run time.
        replay(load_record(record), inputs=str(vendors))


def test_an_older_record_without_its_digest_still_replays(record: Path) -> None:
    """A record written before the digest: read, replayed, and noted as unchecked."""
    data = json.loads(record.read_text(encoding="utf-8"))
    del data["digest"]
    record.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = call("replay", record)
    assert code == 0
    assert "still matches" in out
    assert "the record holds no digest of its own content (an older record)" in err


def test_the_digest_ignores_the_layout_of_the_file(record: Path) -> None:
    """Indentation and key order are not content: the digest is of canonical JSON."""
    data = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps(dict(reversed(data.items()))), encoding="utf-8")
    assert call("replay", record)[0] == 0
