"""The issue 16 cases, drawn: bombs in small, floods of problems, names, headers, chains.

Each test holds the loaders to the contract of ``test_fuzz_inputs``: records for every
vendor, or one `InputError` naming the file on each of its lines. Besides: a file is
refused exactly when it passes a limit, and the refusal names a limit it passes; no
error lists more than `MAX_PROBLEMS` problems and a line saying how many more.
"""

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from _bombs import (
    controlled_names,
    json_document,
    look_alikes,
    over,
    shapes,
    small_limits,
    supersession_chains,
    write_workbook,
)
from _inputs import csv_texts, json_text, toml_text
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_fuzz_inputs import _check_ranking, _file, _refused

from callcenter_certs import InputError, Limits, load_catalog
from callcenter_certs.errors import MAX_PROBLEMS
from callcenter_certs.loaders import load_criteria, load_vendors

PROFILE_EXAMPLES = settings().max_examples
LARGE = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(LARGE, max_examples=max(10, PROFILE_EXAMPLES // 4))
_LIMIT_NAME = re.compile(r"Limits\((max_[a-z_]+)=N\)")


def _limits_named(error: InputError) -> set[str]:
    return set(_LIMIT_NAME.findall(str(error)))


def _capped(error: InputError) -> None:
    """At most MAX_PROBLEMS problems, and then one line saying how many more."""
    lines = str(error).splitlines()
    assert len(lines) <= MAX_PROBLEMS + 1
    if len(lines) == MAX_PROBLEMS + 1:
        assert "more problem" in lines[-1]
        assert "not listed" in lines[-1]


def _check_refusal(error: InputError, passed: set[str]) -> None:
    assert passed, f"refused within the limits: {error}"
    assert _limits_named(error) & passed, f"{sorted(passed)} not named in {error}"


# Bombs in small -------------------------------------------------------------------------------


@LARGE
@given(shapes(), small_limits(), st.sampled_from([".csv", ".xlsx", ".json"]), st.data())
def test_counts_around_the_limits(
    workdir: Path, shape: object, limits: Limits, suffix: str, data: st.DataObject
) -> None:
    """Refused exactly when a count passes its limit, naming one it passes; else every vendor."""
    from _bombs import Shape  # noqa: PLC0415 - the drawn type, for mypy

    assert isinstance(shape, Shape)
    if suffix == ".csv":
        path = _file(workdir, suffix, data.draw(csv_texts(shape.rows)).encode())
    elif suffix == ".xlsx":
        pytest.importorskip("openpyxl")
        path = write_workbook(_file(workdir, suffix, b""), shape.rows)
    else:
        document = json_document(shape)
        path = _file(workdir, suffix, json_text(document).encode())
    passed = over(shape, limits, workbook=suffix == ".xlsx")
    if suffix == ".json":
        passed -= {"max_cells", "max_shared_strings"}
    try:
        loaded = load_vendors(path, limits=limits)
    except InputError as error:
        _refused(error, path)
        event(f"refused: {', '.join(sorted(passed))}")
        _check_refusal(error, passed)
        return
    event("loaded")
    assert not passed, f"loaded over {sorted(passed)}"
    assert [vendor.name for vendor in loaded] == [f"Vendor {n}" for n in range(shape.vendors)]
    _check_ranking(loaded)


@SLOW
@given(
    st.integers(0, 3 * MAX_PROBLEMS),
    st.sampled_from(["csv-stray", "csv-dates", "json-vendors", "json-criteria", "toml-criteria"]),
)
def test_floods_of_problems(workdir: Path, count: int, kind: str) -> None:
    """``count`` problems: the first MAX_PROBLEMS listed, then how many more there were."""
    load: Callable[[Path], object]
    if kind == "csv-stray":
        rows = "".join(f"V{i},,stray\n" for i in range(count))
        path, load = _file(workdir, ".csv", f"vendor\n{rows}".encode()), load_vendors
    elif kind == "csv-dates":
        rows = "".join(f"V{i},iso-9001,2024-13-01\n" for i in range(count))
        text = f"vendor,certification,valid_from\n{rows}"
        path, load = _file(workdir, ".csv", text.encode()), load_vendors
    elif kind == "json-vendors":
        vendors = [{"name": number} for number in range(count)]
        path, load = (
            _file(workdir, ".json", json.dumps({"vendors": vendors}).encode()),
            load_vendors,
        )
    elif kind == "json-criteria":
        data = json.dumps({"required": [1] * count}).encode()
        path, load = _file(workdir, ".json", data), load_criteria
    else:
        path, load = (
            _file(workdir, ".toml", toml_text({"required": [1] * count}).encode()),
            load_criteria,
        )
    if not count:
        load(path)
        return
    with pytest.raises(InputError) as caught:
        load(path)
    _refused(caught.value, path)
    _capped(caught.value)
    lines = str(caught.value).splitlines()
    if count <= MAX_PROBLEMS:
        assert len(lines) == count
    else:
        assert lines[-1].endswith(
            f"and {count - MAX_PROBLEMS:,} more problem{'s' if count - MAX_PROBLEMS > 1 else ''}, "
            "not listed: the first 1,000 are; "
            "fix them and check again"
        )


@SLOW
@given(st.integers(1, 3_000), st.sampled_from(["vendor", "sites", "figure:price"]))
def test_repeated_header_columns(workdir: Path, repeats: int, column: str) -> None:
    """A header repeating a column thousands of times: refused, its problems capped."""
    header = ",".join(["vendor", column, *[column] * repeats])
    path = _file(workdir, ".csv", f"{header}\nA\n".encode())
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    _refused(caught.value, path)
    _capped(caught.value)
    assert "appears twice in the header" in str(caught.value)


# Names ------------------------------------------------------------------------------------------


@LARGE
@given(look_alikes(), st.sampled_from([".csv", ".json"]))
def test_names_that_look_alike(workdir: Path, names: tuple[str, str], suffix: str) -> None:
    """Two spellings of one name are refused, naming both, in a spreadsheet and in JSON."""
    first, second = names
    if suffix == ".csv":
        text = f'vendor\n"{first}"\n"{second}"\n'
        path = _file(workdir, suffix, text.encode())
    else:
        document = {"vendors": [{"name": first}, {"name": second}]}
        path = _file(workdir, suffix, json.dumps(document).encode())
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    _refused(caught.value, path)
    message = str(caught.value)
    assert "differ" in message or "also the name" in message or "space" in message


@LARGE
@given(controlled_names(), st.sampled_from([".csv", ".json"]))
def test_names_with_control_characters(workdir: Path, name: str, suffix: str) -> None:
    """A name holding a control character, a tab or a line break is refused, on one line."""
    if suffix == ".csv":
        path = _file(workdir, suffix, f'vendor\n"{name}"\n'.encode())
    else:
        path = _file(workdir, suffix, json.dumps({"vendors": [{"name": name}]}).encode())
    try:
        loaded = load_vendors(path)
    except InputError as error:
        _refused(error, path)
        return
    # A CSV reader takes a lone CR or NEL inside quotes as text: then the name must be
    # one line as the output shows it.
    assert all(vendor.name.isprintable() for vendor in loaded), loaded


# Supersession chains ------------------------------------------------------------------------------


def _check_cycle(error: InputError, cycle: bool) -> None:
    assert cycle, str(error)
    assert "cycle" in str(error)


@SLOW
@given(supersession_chains(), st.sampled_from([".json", ".toml"]))
def test_supersession_chains(
    workdir: Path, chain: tuple[dict[str, object], bool], suffix: str
) -> None:
    """A chain of up to 120 entries loads; closed into a cycle, it is refused as one."""
    document, cycle = chain
    text = json_text(document) if suffix == ".json" else toml_text(document)
    path = _file(workdir, suffix, text.encode())
    try:
        loaded = load_catalog(path)
    except InputError as error:
        _refused(error, path)
        _capped(error)
        _check_cycle(error, cycle)
        return
    assert not cycle
    assert len(loaded.certifications) == len(document["certifications"])  # type: ignore[arg-type]
