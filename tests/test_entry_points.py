"""Every public entry point refuses a wrong argument with InputError, naming it.

A procurement script passes whatever its spreadsheet gave it: None, a number where
a path belongs, a dict where a record belongs. The answer must be the library's one
error, never a TypeError or AttributeError from deep inside.

Cross-cutting: every public entry point, whatever its module.
"""

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    HeldCertificate,
    InputError,
    Limits,
    Site,
    Vendor,
    VendorScore,
    check_criteria,
    distinctions_table,
    dump_criteria,
    dump_vendors,
    load_catalog,
    load_criteria,
    load_vendors,
    rank_vendors,
    score_vendor,
)
from callcenter_certs.decisions import dump_record, load_record, make_record, replay

ON = dt.date(2026, 6, 1)
EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
OWN_CATALOG = Path(__file__).parent / "data" / "valid" / "catalog.json"
VENDOR = Vendor("A", [HeldCertificate("iso-9001", dt.date(2025, 1, 1))], [Site("FR", 3)])

BAD_VALUES = st.sampled_from(
    [None, 0, 1.5, float("nan"), True, "", "x", b"x", [], [None], {}, {"a": 1}, object()]
)

# name -> (call, the good arguments by keyword): each test replaces one of them.
ENTRY_POINTS: dict[str, tuple[Callable[..., object], dict[str, Any]]] = {
    "load_vendors": (
        load_vendors,
        {"path": EXAMPLES / "vendors.csv", "catalog": CATALOG, "limits": Limits()},
    ),
    "load_criteria": (load_criteria, {"path": EXAMPLES / "criteria.toml", "limits": Limits()}),
    "load_catalog": (
        load_catalog,
        {"path": OWN_CATALOG, "extends": CATALOG, "limits": Limits()},
    ),
    "score_vendor": (
        score_vendor,
        {"vendor": VENDOR, "criteria": BuyerCriteria(), "on": ON, "catalog": CATALOG},
    ),
    "rank_vendors": (
        rank_vendors,
        {"vendors": [VENDOR], "criteria": BuyerCriteria(), "on": ON, "catalog": CATALOG},
    ),
    "check_criteria": (check_criteria, {"criteria": BuyerCriteria(), "catalog": CATALOG}),
    "distinctions_table": (distinctions_table, {"catalog": CATALOG, "ids": ["iso-9001"]}),
}


def _call(function: Callable[..., object], arguments: dict[str, Any]) -> object:
    positional = [arguments[name] for name in ("path", "vendor", "vendors") if name in arguments]
    if "criteria" in arguments and function is not check_criteria:
        positional.append(arguments["criteria"])
    keywords = {k: v for k, v in arguments.items() if k not in ("path", "vendor", "vendors")}
    if function is not check_criteria:
        keywords.pop("criteria", None)
    else:
        positional, keywords = [arguments["criteria"]], {"catalog": arguments["catalog"]}
    return function(*positional, **keywords)


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_good_arguments_work(name: str) -> None:
    """The baseline of the test below: with every argument good, the call succeeds."""
    function, arguments = ENTRY_POINTS[name]
    _call(function, arguments)


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
@given(data=st.data(), bad=BAD_VALUES)
def test_a_bad_argument_is_an_input_error(name: str, data: st.DataObject, bad: object) -> None:
    """Any one argument replaced by a wrong value: InputError (or a valid call), never else."""
    function, arguments = ENTRY_POINTS[name]
    argument = data.draw(st.sampled_from(sorted(arguments)))
    try:
        with contextlib.suppress(InputError):
            _call(function, {**arguments, argument: bad})
    except Exception as error:  # noqa: BLE001 - the point of the test
        pytest.fail(f"{name}({argument}={bad!r}) raised {type(error).__name__}: {error}")


# Each call passes a wrong type on purpose: each `type: ignore` marks the error checked.
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: load_vendors(None), "path: None is not a file path (a str or a pathlib.Path)"),  # type: ignore[arg-type]
        (lambda: load_criteria(12), "path: 12 is not a file path"),  # type: ignore[arg-type]
        (lambda: load_catalog(b"k.toml"), "path: b'k.toml' is not a file path"),  # type: ignore[arg-type]
        (lambda: load_record([]), "path: [] is not a file path"),  # type: ignore[arg-type]
        (lambda: load_vendors(EXAMPLES / "vendors.csv", limits=None), "limits: None is not a"),  # type: ignore[arg-type]
        (lambda: load_vendors(EXAMPLES / "vendors.csv", catalog={}), "catalog: dict is not a"),  # type: ignore[arg-type]
        (
            lambda: load_catalog(OWN_CATALOG, extends="x"),  # type: ignore[arg-type]
            "extends: str is not a Catalog",
        ),
        (lambda: check_criteria(None), "criteria: NoneType is not a BuyerCriteria"),  # type: ignore[arg-type]
        (lambda: dump_vendors(None, "v.json"), "vendors: NoneType is not a list of vendors"),  # type: ignore[arg-type]
        (lambda: dump_criteria({}, "c.toml"), "criteria: dict is not a BuyerCriteria"),  # type: ignore[arg-type]
        (lambda: dump_record(None, "r.json"), "record: NoneType is not a DecisionRecord"),  # type: ignore[arg-type]
        (lambda: replay("x"), "record: str is not a DecisionRecord"),  # type: ignore[arg-type]
        (
            lambda: make_record([VENDOR], BuyerCriteria(), None),  # type: ignore[arg-type]
            "ranking: NoneType is not a Ranking",
        ),
        (
            lambda: make_record([], BuyerCriteria(), rank_vendors([], BuyerCriteria()), catalog={}),  # type: ignore[arg-type]
            "catalog: dict is not a Catalog",
        ),
        (
            lambda: VendorScore(vendor="A", on=ON, total="50", eligible=True),  # type: ignore[arg-type]
            "total: '50' is not a number",
        ),
        (
            lambda: VendorScore(vendor="A", on=ON, total=50, eligible="no"),  # type: ignore[arg-type]
            "eligible: 'no' is not true or false",
        ),
    ],
)
def test_messages_name_the_argument(
    call: Callable[[], object], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The message starts with the argument's name and shows the bad value."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as info:
        call()
    assert str(info.value).startswith(message)
    assert not list(tmp_path.iterdir())  # nothing written
