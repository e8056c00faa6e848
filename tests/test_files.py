"""files: Limits, the argument checks of the loaders, and reading a file within the limits."""

from pathlib import Path

import pytest

from callcenter_certs import InputError, Limits, load_criteria
from callcenter_certs.files import (
    _check_depth,
    _checked_limits,
    _file_path,
    _parse_json,
    _read_bytes,
    _to_accept,
)


@pytest.mark.parametrize("value", [-1, 1.5, True, "10", None])
def test_limits_refuse_what_is_not_a_whole_number_at_least_0(value: object) -> None:
    with pytest.raises(InputError, match=r"max_vendors: .* is not a whole number >= 0"):
        Limits(max_vendors=value)  # type: ignore[arg-type]  # the wrong type is the point


def test_limits_accept_0_and_are_keyword_only() -> None:
    assert Limits(max_vendors=0).max_vendors == 0
    with pytest.raises(TypeError):
        Limits(1)  # type: ignore[call-arg]


@pytest.mark.parametrize("path", ["a.csv", Path("a.csv")])
def test_file_path_takes_str_and_path_like(path: str | Path) -> None:
    assert _file_path(path) == Path("a.csv")


@pytest.mark.parametrize("path", [None, 12, b"a.csv", []])
def test_file_path_refuses_anything_else(path: object) -> None:
    with pytest.raises(InputError, match=r"^path: .* is not a file path"):
        _file_path(path)


def test_checked_limits() -> None:
    limits = Limits()
    assert _checked_limits(limits) is limits
    with pytest.raises(InputError, match=r"^limits: None is not a Limits"):
        _checked_limits(None)


def test_read_bytes_holds_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_bytes(b"x" * 10)
    assert _read_bytes(path, limits=Limits(max_file_bytes=10)) == b"x" * 10
    with pytest.raises(InputError) as info:
        _read_bytes(path, limits=Limits(max_file_bytes=9))
    assert _to_accept("max_file_bytes") in str(info.value)


def test_nesting_is_held_to_max_depth() -> None:
    _check_depth([[1]], limits=Limits(max_depth=2))
    with pytest.raises(InputError):
        _check_depth([[[1]]], limits=Limits(max_depth=2))
    with pytest.raises(InputError):
        _parse_json("[[[1]]]", limits=Limits(max_depth=2))


@pytest.mark.parametrize(
    "text",
    [
        "[figures.price]\nabnormally_low = 0,8\n",
        "figures = { price = { abnormally_low = 0,8 } }\n",  # inline: TOML stops past the 8
        "weights = { price = 40,5 }\n",
    ],
)
def test_a_decimal_comma_in_toml_is_named(tmp_path: Path, text: str) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_criteria(path)
    assert str(caught.value).endswith(
        "a number is written with a decimal point in TOML: 0.5, not 0,5"
    )


@pytest.mark.parametrize("text", ["x = [1,2]\ny = { a = 1 b = 2 }\n", "x = [1,2 3]\n"])
def test_other_toml_mistakes_get_no_decimal_comma_hint(tmp_path: Path, text: str) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_criteria(path)
    assert "decimal point" not in str(caught.value)
