"""Unusable paths and edited decision records (issue 16).

- A path holding a NUL, anywhere, is one ``InputError`` from every loader and writer,
  and exit 2 with one line from the command line.
- A decision record edited in any of the ways the review tried (a vendor removed,
  renamed or moved, a certificate's body or accreditation changed, in the vendors and
  the ranking alike, or an input hash edited) is reported by ``replay``: by the
  record's own digest, and, when the editor computed the digest again, by the input
  files.
"""

import itertools
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest
from _inputs import vendor_lists
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from callcenter_certs import (
    BuyerCriteria,
    InputError,
    Vendor,
    dump_criteria,
    dump_vendors,
    load_catalog,
    load_criteria,
    load_record,
    load_vendors,
)
from callcenter_certs.decisions import _content_digest
from conftest import call

SLOW = settings(
    max_examples=max(10, settings().max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_names = itertools.count()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("records")


# Paths with a NUL -----------------------------------------------------------------------

NUL_PATHS = st.builds(
    lambda before, after, suffix: f"{before}\0{after}{suffix}",
    st.text(max_size=10),
    st.text(max_size=10),
    st.sampled_from(["", ".csv", ".json", ".toml", ".xlsx"]),
)

WRITERS = (
    lambda path: dump_vendors([Vendor("A")], path),
    lambda path: dump_criteria(BuyerCriteria(), path),
)


@given(NUL_PATHS, st.sampled_from([load_vendors, load_criteria, load_catalog, load_record]))
def test_a_path_with_a_nul_is_refused_by_every_loader(
    path: str, loader: Callable[[str], object]
) -> None:
    with pytest.raises(InputError, match="NUL character"):
        loader(path)


@given(NUL_PATHS, st.sampled_from(WRITERS))
def test_a_path_with_a_nul_is_refused_by_every_writer(
    path: str, writer: Callable[[str], None]
) -> None:
    with pytest.raises(InputError, match="NUL character"):
        writer(path)


@given(
    NUL_PATHS,
    st.sampled_from(
        [
            ["rank", "{}"],
            ["explain", "{}", "A"],
            ["sensitivity", "{}", "--criteria", "c.toml"],
            ["replay", "{}"],
            ["catalog", "--catalog", "{}"],
        ]
    ),
)
def test_a_path_with_a_nul_on_the_command_line(path: str, argv: list[str]) -> None:
    # A leading "-" reads as an option on any command line: written ./-x, as a user would.
    path = f"./{path}" if path.startswith("-") else path
    code, out, err = call(*(path if part == "{}" else part for part in argv))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "NUL character" in err


# Edited records -------------------------------------------------------------------------

T = TypeVar("T")


class Draw(Protocol):
    """``st.DataObject.draw``: a value from a strategy (``st.DrawFn`` wants a function)."""

    def __call__(self, strategy: st.SearchStrategy[T], /) -> T: ...


Edit = Callable[[dict[str, Any], Draw], None]
"""An edit of a record's JSON, drawing its choices."""


def _vendors_in(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [*data["vendors"], *(entry["vendor"] for entry in data["ranking"]["entries"])]


def _remove(data: dict[str, Any], draw: Draw) -> None:
    name = draw(st.sampled_from([v["name"] for v in data["vendors"]]))
    data["vendors"] = [v for v in data["vendors"] if v["name"] != name]
    data["ranking"]["entries"] = [
        e for e in data["ranking"]["entries"] if e["vendor"]["name"] != name
    ]


def _rename(data: dict[str, Any], draw: Draw) -> None:
    name = draw(st.sampled_from([v["name"] for v in data["vendors"]]))
    for vendor in _vendors_in(data):
        if vendor["name"] == name:
            vendor["name"] = name + " Bis"


def _certificate_field(field: str, values: Sequence[object]) -> Edit:
    def edit(data: dict[str, Any], draw: Draw) -> None:
        held = [v for v in data["vendors"] if v.get("certificates")]
        assume(held)
        vendor = draw(st.sampled_from(held))
        index = draw(st.integers(0, len(vendor["certificates"]) - 1))
        old = vendor["certificates"][index].get(field)
        new = draw(st.sampled_from([v for v in values if v != old]))
        for other in _vendors_in(data):
            if other["name"] == vendor["name"]:
                other["certificates"][index][field] = new

    return edit


def _hashes(data: dict[str, Any], draw: Draw) -> None:
    key = draw(st.sampled_from(["vendors_sha256", "criteria_sha256"]))
    data["inputs"][key] = draw(st.sampled_from(["0" * 64, "f" * 64]))


def _reorder(data: dict[str, Any], draw: Draw) -> None:
    names = [v["name"] for v in data["vendors"]]
    order = draw(st.permutations(range(len(names))))
    assume([names[i] for i in order] != names)
    data["vendors"] = [data["vendors"][i] for i in order]


EDITS: dict[str, Edit] = {
    "remove": _remove,
    "rename": _rename,
    "body": _certificate_field("certifying_body", ["Bureau Veritas", "SGS", None]),
    "accreditation": _certificate_field("accredited", [True, False, None]),
    "hashes": _hashes,
    "reorder": _reorder,
}


@SLOW
@given(vendor_lists(max_size=3), st.sampled_from(sorted(EDITS)), st.booleans(), st.data())
def test_an_edited_record_is_caught(
    workdir: Path, listed: list[Vendor], edit: str, digest_again: bool, data: st.DataObject
) -> None:
    assume(listed)
    vendors = workdir / f"vendors{next(_names)}.json"
    criteria = workdir / f"criteria{next(_names)}.json"
    record = workdir / f"record{next(_names)}.json"
    dump_vendors(listed, vendors)
    dump_criteria(BuyerCriteria(required=("iso-9001",)), criteria)
    code, _, err = call(
        "rank", vendors, "--criteria", criteria, "--on", "2026-06-01", "--record", record
    )
    assert code == 0, err
    assert call("replay", record, "--inputs", vendors, criteria)[0] == 0
    document = json.loads(record.read_text(encoding="utf-8"))
    EDITS[edit](document, data.draw)
    Path(record).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    if digest_again:
        document["digest"] = _content_digest(load_record(record))
        Path(record).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    else:
        code, out, _ = call("replay", record)
        assert code == 1
        assert "does not match its digest" in out
    code, out, err = call("replay", record, "--inputs", vendors, criteria)
    assert code == 1, (out, err)
