"""The command line, end to end and in-process: exit codes, stdout, stderr."""

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from callcenter_certs import CATALOG, HeldCertificate, Ranking, Site, Vendor, converter
from conftest import call


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    vendors = [
        Vendor(
            "Alpha",
            [
                HeldCertificate("nf-345", dt.date(2025, 1, 1)),
                HeldCertificate("iso-9001", dt.date(2025, 1, 1)),
            ],
            [Site("FR", 10)],
        ),
        Vendor("=cmd|' /C calc'!A0", [HeldCertificate("iso-9001", dt.date(2025, 1, 1))]),
        Vendor("Gamma", [HeldCertificate("iso-9001", dt.date(2020, 1, 1))], [Site("MA", 5)]),
    ]
    vendor_file = tmp_path / "vendors.json"
    vendor_file.write_text(
        json.dumps({"vendors": [converter.unstructure(v) for v in vendors]}), encoding="utf-8"
    )
    criteria_file = tmp_path / "criteria.toml"
    criteria_file.write_text(
        'required = ["iso-9001"]\nresults_obligation = "prefer"\nfrance_only = "prefer"\n',
        encoding="utf-8",
    )
    return vendor_file, criteria_file


def test_catalog_formats() -> None:
    """catalog prints the distinctions table in every format."""
    code, out, err = call("catalog")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("id ")
    assert len(out.splitlines()) == len(CATALOG) + 2
    code, out, _ = call("catalog", "--format", "json")
    assert [row["id"] for row in json.loads(out)] == list(CATALOG)
    code, out, _ = call("catalog", "--format", "csv")
    assert next(csv.reader(io.StringIO(out)))[0] == "id"
    code, out, _ = call("catalog", "--format", "markdown")
    assert out.startswith("| id |")


def test_compare() -> None:
    """compare prints chosen rows; an unknown id is one line on stderr and exit 2."""
    code, out, _ = call("compare", "nf-345", "iso-9001", "--format", "csv")
    assert code == 0
    assert [row[0] for row in csv.reader(io.StringIO(out))] == ["id", "nf-345", "iso-9001"]
    code, out, err = call("compare", "nf345")
    assert (code, out) == (2, "")
    assert err == "error: 'nf345' is not a known certification id; did you mean 'nf-345'?\n"


def test_demo_ranks_bundled_vendors() -> None:
    """demo ranks the bundled fictional market with its reference date."""
    code, out, err = call("demo")
    assert code == 0
    ranking, weights = out.split("\n\n")
    lines = ranking.splitlines()
    assert lines[0].split()[:3] == ["rank", "vendor", "total"]
    assert len(lines) == 2 + 10
    assert "2026-11-27" in err
    assert any(line.startswith("—") and "iso-18295-1" in line for line in lines[2:])
    # The whole award: prices, marks and certifications, one mark below the minimum.
    assert any(
        line.startswith("—") and "technical 9 is below the minimum 10" in line for line in lines
    )
    assert weights.splitlines()[0].split() == ["criterion", "weight", "nominal", "effective"]
    assert {line.split()[0] for line in weights.splitlines()[2:]} == {
        "results_obligation",
        "france_only",
        "csr",
        "price",
        "technical",
    }
    code, out, err = call("demo", "--format", "json")
    assert len(json.loads(out)["entries"]) == 10
    assert "weights: results_obligation 10 (10.0 %, effective" in err


def test_demo_flags_the_abnormally_low_offer() -> None:
    """The demo's cheapest offer is far below the others: a warning, not a knock-out."""
    code, out, _ = call("explain", "--help")
    assert code == 0
    from callcenter_certs.cli import _demo_file  # noqa: PLC0415

    code, out, _ = call(
        "explain",
        str(_demo_file("vendors.json")),
        "Isthme Offshore Services",
        "--criteria",
        str(_demo_file("criteria.toml")),
        "--on",
        "2026-11-27",
    )
    assert code == 0
    assert "KNOCKED OUT" not in out
    assert "may be abnormally low" in out
    assert "R2152-3" in out


def test_rank_table_and_knockouts(files: tuple[Path, Path]) -> None:
    """rank lists eligible vendors first, knocked-out ones last with their reasons."""
    vendor_file, criteria_file = files
    code, out, err = call("rank", vendor_file, "--criteria", criteria_file, "--on", "2026-06-01")
    assert code == 0
    rows = out.split("\n\n")[0].splitlines()[2:]
    assert rows[0].split()[:3] == ["1", "Alpha", "100.00"]
    assert rows[-1].startswith("—")
    assert "Gamma" in rows[-1]
    assert "required certification iso-9001" in rows[-1]
    assert "France-only staffing is the buyer's own rule" in err


def test_rank_csv_is_spreadsheet_safe(files: tuple[Path, Path]) -> None:
    """A vendor name that looks like a formula is escaped in CSV output."""
    vendor_file, criteria_file = files
    code, out, _ = call(
        "rank", vendor_file, "--criteria", criteria_file, "--on", "2026-06-01", "--format", "csv"
    )
    assert code == 0
    names = [row[1] for row in csv.reader(io.StringIO(out))][1:]
    assert "'=cmd|' /C calc'!A0" in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


def test_rank_json_round_trips(files: tuple[Path, Path]) -> None:
    """rank --format json is the converter's ranking."""
    vendor_file, criteria_file = files
    code, out, _ = call(
        "rank", vendor_file, "--criteria", criteria_file, "--on", "2026-06-01", "--format", "json"
    )
    assert code == 0
    ranking = converter.structure(json.loads(out), Ranking)
    assert ranking[0].vendor.name == "Alpha"


def test_explain(files: tuple[Path, Path]) -> None:
    """explain prints one vendor's breakdown; an unknown name lists the vendors."""
    vendor_file, criteria_file = files
    code, out, _ = call(
        "explain", vendor_file, "Gamma", "--criteria", criteria_file, "--on", "2026-06-01"
    )
    assert code == 0
    assert out.startswith("Gamma: ")
    assert "KNOCKED OUT" in out
    assert "it expired on 2023-01-01" in out
    code, out, err = call("explain", vendor_file, "Omega", "--criteria", criteria_file)
    assert code == 2
    assert err.startswith("error: no vendor named 'Omega'")


def test_record_and_replay(files: tuple[Path, Path], tmp_path: Path) -> None:
    """rank --record writes a record; replay says it matches, or lists what changed."""
    vendor_file, criteria_file = files
    record = tmp_path / "decision.json"
    code, _, err = call(
        "rank", vendor_file, "--criteria", criteria_file, "--on", "2026-06-01", "--record", record
    )
    assert code == 0
    assert "decision record written" in err
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["catalogue_digest"] == CATALOG.digest
    assert data["inputs"]["vendors"] == str(vendor_file)
    code, out, _ = call("replay", record)
    assert code == 0
    assert "still matches" in out
    data["ranking"]["entries"][0]["score"]["total"] = 12.5
    record.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = call("replay", record)
    assert code == 1
    assert "Alpha: rank 1 -> 1, total 12.50 -> 100.00" in out


def test_replay_refuses_other_files(files: tuple[Path, Path]) -> None:
    """A file that is not a decision record is an input error."""
    vendor_file, _ = files
    code, _, err = call("replay", vendor_file)
    assert code == 2
    assert "not a decision record" in err


def test_schema() -> None:
    """schema prints JSON Schemas."""
    for kind in ("vendors", "criteria"):
        code, out, _ = call("schema", kind)
        assert code == 0
        assert json.loads(out)["type"] == "object"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rank", "missing.json"], "missing.json: no such file"),
        (
            ["rank", "x.json", "--on", "2026-13-01"],
            "'2026-13-01' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)",
        ),
        (["catalog", "--format", "yaml"], "invalid choice: 'yaml'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required: command"),
    ],
)
def test_errors_are_one_line_exit_2(
    argv: list[Any | str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Usage and input errors: exit 2, one line on stderr, nothing on stdout."""
    monkeypatch.chdir(tmp_path)
    code, out, err = call(*argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_validate_reports_every_problem(tmp_path: Path) -> None:
    """validate lists every problem of a bad file and exits 1; a good file exits 0."""
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "vendors": [
                    {
                        "name": "A",
                        "certificates": [{"certification": "iso9001", "valid_from": "2025-01-01"}],
                    },
                    {
                        "name": "B",
                        "certificates": [{"certification": "nf-345", "valid_from": "2025-13-01"}],
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    code, out, _ = call("validate", bad)
    assert code == 1
    assert "vendors[0].certificates[0].certification: 'iso9001'" in out
    assert "vendors[1].certificates[0].valid_from: '2025-13-01' is not a date" in out
    assert out.rstrip().endswith("2 problems found")


def test_module_entry_point() -> None:
    """python -m callcenter_certs runs the same command."""
    done = subprocess.run(
        [sys.executable, "-m", "callcenter_certs", "compare", "lrs"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "lrs" in done.stdout


def test_replay_needs_the_recorded_catalogue(tmp_path: Path) -> None:
    """A record made with a user's catalogue names the file and asks for --catalog."""
    catalogue = tmp_path / "mine.toml"
    catalogue.write_text(
        '[[certifications]]\nid = "my-label"\nshort_name = "Mine"\nname = "Mine"\n'
        'issuer = "Me"\nkind = "label"\nsources = ["me [issuer]"]\n',
        encoding="utf-8",
    )
    vendors = tmp_path / "vendors.csv"
    vendors.write_text("vendor,certification,valid_from\nA,my-label,2025-01-01\n", encoding="utf-8")
    record = tmp_path / "record.json"
    code, _, _ = call(
        "rank", vendors, "--catalog", catalogue, "--record", record, "--on", "2026-01-01"
    )
    assert code == 0
    assert call("replay", record, "--catalog", catalogue)[0] == 0
    code, out, err = call("replay", record)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {record}: the record was made with catalogue ")
    assert "pass the same catalogue file (--catalog)" in err


def test_replay_reports_an_edited_date(files: tuple[Path, Path], tmp_path: Path) -> None:
    """A record whose date was edited is reported as such, not as changed explanations."""
    vendor_file, criteria_file = files
    record = tmp_path / "decision.json"
    call("rank", vendor_file, "--criteria", criteria_file, "--on", "2026-06-01", "--record", record)
    data = json.loads(record.read_text(encoding="utf-8"))
    data["on"] = "2030-06-01"
    record.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = call("replay", record)
    assert code == 1
    assert "the record's date 2030-06-01 differs from its ranking's date 2026-06-01" in out


def test_a_met_criterion_with_a_tiny_weight_stays_among_the_reasons(tmp_path: Path) -> None:
    """Points that round to 0.00 do not hide a criterion the vendor met."""
    vendors = tmp_path / "v.csv"
    vendors.write_text("vendor,certification,valid_from\nA,engage-rse,2025-01-01\nB,,\n")
    criteria = tmp_path / "c.toml"
    criteria.write_text('results_obligation = "prefer"\ncsr = "prefer"\n[weights]\ncsr = 1e-12\n')
    code, out, _ = call("rank", vendors, "--criteria", criteria, "--on", "2026-01-01")
    assert code == 0
    assert "csr (engage-rse)" in out.splitlines()[2]


def test_validate_lists_a_bad_catalogue_as_a_problem() -> None:
    """A --catalog over a limit is a problem validate lists (exit 1), like the files'."""
    catalogue = Path(__file__).parent / "data" / "valid" / "catalog.json"
    code, out, err = call(
        "validate",
        "docs/examples/vendors.csv",
        "--catalog",
        catalogue,
        "--limit",
        "max_file_bytes=10",
    )
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{catalogue}: the file is {catalogue.stat().st_size:,} bytes, over the limit of 10 "
        "(raise it with Limits(max_file_bytes=N) in Python, --limit max_file_bytes=N on the "
        "command line)",
        "1 problem found",
    ]


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("ranking.xlsx", b"PK\x03\x04"),  # a workbook is a zip file
        ("ranking.csv", b"rank,vendor,total,eligible,main reasons"),
        ("ranking.json", b'{\n  "entries"'),
        ("ranking.md", b"| rank | vendor"),
        ("ranking.txt", b"rank  vendor"),
    ],
)
def test_rank_writes_the_format_its_output_file_is_named_for(
    files: tuple[Path, Path], tmp_path: Path, name: str, starts: bytes
) -> None:
    vendors, criteria = files
    target = tmp_path / name
    code, out, _ = call("rank", str(vendors), "--criteria", str(criteria), "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_bytes().startswith(starts)


def test_rank_refuses_text_under_a_workbooks_name(files: tuple[Path, Path], tmp_path: Path) -> None:
    vendors, criteria = files
    target = tmp_path / "ranking.xlsx"
    code, out, err = call(
        "rank", str(vendors), "--criteria", str(criteria), "--format", "csv", "-o", str(target)
    )
    assert (code, out) == (2, "")
    assert err == (
        f"error: --format csv writes text, not a workbook, and {target} is named as one: "
        "give --format xlsx, or a file name for text\n"
    )
    assert not target.exists()


def test_rank_output_dash_is_standard_output(files: tuple[Path, Path]) -> None:
    vendors, criteria = files
    code, out, _ = call("rank", str(vendors), "--criteria", str(criteria), "-o", "-")
    assert code == 0
    assert out == call("rank", str(vendors), "--criteria", str(criteria))[1]
    assert not Path("-").exists()
    code, out, err = call(
        "rank", str(vendors), "--criteria", str(criteria), "--format", "xlsx", "-o", "-"
    )
    assert (code, out) == (2, "")
    assert "give its file with -o" in err


def test_explain_finds_a_vendor_written_another_way(files: tuple[Path, Path]) -> None:
    """Case, accents and spaces do not matter, as in the files: the file's name is shown."""
    vendor_file, criteria_file = files
    exact = call("explain", vendor_file, "Gamma", "--criteria", criteria_file, "--on", "2026-06-01")
    loose = call(
        "explain", vendor_file, " GAMMA", "--criteria", criteria_file, "--on", "2026-06-01"
    )
    assert loose == exact
    code, _, err = call("explain", vendor_file, "Gama", "--criteria", criteria_file)
    assert code == 2
    assert err.startswith("error: no vendor named 'Gama'")


def test_rank_record_needs_a_file(files: tuple[Path, Path]) -> None:
    vendors, criteria = files
    code, out, err = call("rank", vendors, "--criteria", criteria, "--record", "-")
    assert (code, out) == (2, "")
    assert err == (
        "error: --record writes a file, not to standard output: name it, e.g. "
        "--record decision.json\n"
    )
    assert not Path("-").exists()


def test_report_record_needs_a_file_too(files: tuple[Path, Path], tmp_path: Path) -> None:
    vendors, criteria = files
    page = tmp_path / "report.html"
    code, _, err = call("report", vendors, "--criteria", criteria, "-o", page, "--record", "-")
    assert code == 2
    assert err.startswith("error: --record writes a file, not to standard output")
    assert not Path("-").exists()
    assert not page.exists()
