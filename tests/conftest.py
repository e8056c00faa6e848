"""Shared test helpers.

Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (more examples, no deadline);
the vendor files the loader and format tests write, and the command line run in-process.
"""

import datetime as dt
import io
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from callcenter_certs import (
    BuyerCriteria,
    CertificateStatus,
    HeldCertificate,
    InputError,
    Site,
    Vendor,
    load_vendors,
)
from callcenter_certs.cli import run

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fuzz", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


Award = tuple[list[Vendor], BuyerCriteria, dt.date]
"""What ``callcenter_certs.strategies.awards()`` draws: offers, criteria, the date."""


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for every example of a property test (hypothesis reruns the body)."""
    return tmp_path_factory.mktemp("work")


def held_data(**fields: object) -> dict[str, object]:
    """A held certificate as a vendor file holds it, with ``fields`` changed or added."""
    return {"certification": "iso-9001", "valid_from": "2024-01-01", **fields}


# Vendor files -------------------------------------------------------------------------

DATA = Path(__file__).parent / "data"
HEADER = (
    "vendor,certification,valid_from,valid_until,certificate_number,certifying_body,"
    "accredited,status,sites\n"
)

EXPECTED = [
    Vendor(
        "Atlantique Contact",
        [
            HeldCertificate(
                "nf-345",
                dt.date(2025, 3, 1),
                certificate_number="NF345-0412",
                certifying_body="Organisme Démo A",
                accredited=True,
            ),
            HeldCertificate(
                "iso-18295-1", dt.date(2024, 9, 15), dt.date(2027, 9, 14), accredited=True
            ),
        ],
        [Site("FR", 120), Site("RE", 40)],
    ),
    Vendor(
        "Rivage Services",
        [
            HeldCertificate(
                "iso-9001",
                dt.date(2024, 9, 1),
                accredited=False,
                status=CertificateStatus.SUSPENDED,
            )
        ],
        [Site("MA", 300)],
    ),
    Vendor("Bocage Appels"),
]


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    """``data`` written to ``tmp_path / name``: text in UTF-8 as it is (no newline
    translation), bytes as they are."""
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def problems(path: Path, **options: Any) -> list[str]:
    """The lines of the InputError that loading ``path`` as vendors raises."""
    return loader_problems(load_vendors, path, **options)


def loader_problems(loader: Callable[..., object], path: Path, **options: Any) -> list[str]:
    """The lines of the InputError that ``loader(path, **options)`` raises, naming the file."""
    with pytest.raises(InputError) as info:
        loader(path, **options)
    assert info.value.source == str(path)
    return str(info.value).splitlines()


def json_file(
    tmp_path: Path,
    vendors_data: list[dict[str, Any]],
    name: str = "vendors.json",
) -> Path:
    """A JSON vendor file holding ``vendors_data``."""
    return write(tmp_path, name, json.dumps({"vendors": vendors_data}))


def workbook(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    title: str = "Sheet",
    first: str | None = None,
) -> Path:
    """A workbook of ``rows`` (after a sheet of notes when ``first`` names one)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    if first is not None:
        sheet.title = first
        sheet.append(["notes, not vendors"])
        sheet = book.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def call(*argv: str | Path) -> tuple[int, str, str]:
    """Run the command line in-process: its exit code, its stdout and its stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()
