"""The loaders as an API: what load_vendors, load_criteria and dump_* promise for any format."""

import datetime as dt
import gc
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from callcenter_certs import CATALOG, BuyerCriteria, Catalog, InputError, Limits, Need, Vendor
from callcenter_certs.errors import Problem
from callcenter_certs.files import _to_accept
from callcenter_certs.loaders import dump_criteria, dump_vendors, load_criteria, load_vendors
from callcenter_certs.strategies import buyer_criteria
from conftest import DATA, EXPECTED, HEADER, held_data, json_file, problems, write

# Good files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["vendors.json", "vendors.csv", "vendors-excel-fr.csv"])
def test_good_files_load_to_the_expected_vendors(name: str) -> None:
    """JSON, CSV and a French Excel CSV export (BOM, ';', DD/MM/YYYY, Oui) load alike."""
    assert load_vendors(DATA / "valid" / name) == EXPECTED


def test_docs_examples_agree() -> None:
    """The CSV and JSON examples of the docs describe the same vendors."""
    examples = Path(__file__).parent.parent / "docs" / "examples"
    assert load_vendors(examples / "vendors.json") == load_vendors(examples / "vendors.csv")


# Errors any file can have ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    """A missing file is named."""
    assert problems(tmp_path / "nope.csv") == [f"{tmp_path / 'nope.csv'}: no such file"]


def test_unsupported_suffix(tmp_path: Path) -> None:
    """Formats are chosen by suffix; others are refused with the supported ones."""
    path = write(tmp_path, "vendors.xls", "")
    assert problems(path) == [f"{path}: unsupported file type '.xls'; expected .json, .csv, .xlsx"]


def test_not_utf8(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 (a Windows-1252 export) are named with their line."""
    path = tmp_path / "v.csv"
    path.write_bytes(b"vendor\nCaf\xe9 Contact\n")
    assert problems(path) == [
        f"{path}: line 2, after 'Caf': byte 0xE9 ('é' in Windows-1252) is not UTF-8; save "
        "the file as UTF-8 (in Excel: CSV UTF-8, not plain CSV, which writes Windows-1252)"
    ]


def test_not_utf8_after_a_byte_order_mark_and_in_a_long_line(tmp_path: Path) -> None:
    """The place counts from after the mark; a long line is shown from a word on."""
    path = tmp_path / "v.csv"
    path.write_bytes(b"\xef\xbb\xbfvendor;certification\nAcme Soci\xe9t\xe9;nf-345\n")
    assert problems(path)[0].startswith(f"{path}: line 2, after 'Acme Soci': byte 0xE9 ('é'")
    path.write_bytes(b"fournisseur;certification;date de d\xe9but\n")
    assert problems(path)[0].startswith(f"{path}: line 1, after 'certification;date de d':")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    """A file over Limits.max_file_bytes is refused before it is read."""
    path = write(tmp_path, "v.csv", HEADER)
    assert problems(path, limits=Limits(max_file_bytes=10)) == [
        f"{path}: the file is 103 bytes, over the limit of 10 ({_to_accept('max_file_bytes')})"
    ]


def test_collector_is_restored(tmp_path: Path) -> None:
    """A load leaves the garbage collector as it found it: on if on, off if off."""
    path = write(tmp_path, "v.csv", HEADER)
    load_vendors(path)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(InputError):
            load_vendors(tmp_path / "missing.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_custom_catalog(tmp_path: Path) -> None:
    """Ids are checked against the catalogue given, not the built-in one."""
    catalog = Catalog([CATALOG["nf-345"]], "mine")
    path = json_file(tmp_path, [{"name": "A", "certificates": [held_data()]}])
    assert problems(path, catalog=catalog) == [
        f"{path}: vendors[0].certificates[0].certification: 'iso-9001' is not a known "
        "certification id; none is close; known ids: nf-345"
    ]


# Criteria -------------------------------------------------------------------------------


def test_criteria_files_load() -> None:
    """The TOML example (a TOML date, weights as a table) and its JSON twin load equal."""
    criteria = load_criteria(DATA / "valid" / "criteria.toml")
    assert criteria == BuyerCriteria(
        required=("iso-18295-1",),
        results_obligation=Need.PREFER,
        france_only=Need.PREFER,
        valid_through=dt.date(2029, 12, 31),
        weights={"results_obligation": 3, "france_only": 2},
    )
    examples = Path(__file__).parent.parent / "docs" / "examples"
    assert load_criteria(examples / "criteria.json") == criteria


@pytest.mark.parametrize(
    ("name", "text", "messages"),
    [
        (
            "c.toml",
            "csr = prefer\n",
            ["invalid TOML: Invalid value (at line 1, column 7)"],
        ),
        (
            "c.toml",
            'csr = "prefered"\n',
            [
                "csr: 'prefered' is not one of 'ignore', 'prefer', 'require', or in French "
                "'ignorer', 'préférer', 'exiger'",
            ],
        ),
        (
            "c.json",
            '{"csr": "prefer", "weights": {"crs": 2, "csr": -1}, "requred": []}',
            [
                "requred: unknown key 'requred'; allowed keys: 'required', 'results_obligation', "
                "'means_obligation', 'france_only', 'csr', 'weights', 'accept_equivalents', "
                "'valid_through', 'preferred_certifications', 'accept_ratings', "
                "'accept_awards', 'figures', 'minimum_levels', 'require_site_coverage', "
                "'equivalents'",
            ],
        ),
        (
            "c.json",
            '{"weights": {"crs": 2, "csr": -1}}',
            [
                "weights.crs: unknown criterion 'crs'; allowed: 'results_obligation', "
                "'means_obligation', 'france_only', 'csr', 'preferred_certifications'",
                "weights.csr: -1.0 is not a finite number >= 0",
            ],
        ),
        ("c.yaml", "", ["unsupported file type '.yaml'; expected .toml, .json"]),
    ],
)
def test_bad_criteria_files(tmp_path: Path, name: str, text: str, messages: list[str]) -> None:
    """Criteria problems name the file, the key and the bad value."""
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as info:
        load_criteria(path)
    assert str(info.value).splitlines() == [f"{path}: {m}" for m in messages]


# Writing -------------------------------------------------------------------------------


def test_dump_refuses_what_would_not_load_back(tmp_path: Path) -> None:
    """Duplicate names, and text a CSV would change, are refused before writing."""
    with pytest.raises(InputError) as info:
        dump_vendors([Vendor("A"), Vendor("A")], tmp_path / "v.json")
    assert (
        str(info.value)
        == "vendors[1].name: 'A' is also the name of vendors[0]; vendor names must be unique"
    )
    with pytest.raises(InputError) as info:
        dump_vendors([Vendor("A "), Vendor("a ")], tmp_path / "v.csv")
    assert str(info.value).splitlines() == [
        "vendors[0].name: 'A ' starts or ends with a space or line break, which a CSV file does "
        "not keep; remove it, or write JSON",
        "vendors[1].name: 'a ' and vendors[0]'s name differ only in case, accents, spaces or "
        "invisible characters, which the CSV layout reads as a typing mistake",
        "vendors[1].name: 'a ' starts or ends with a space or line break, which a CSV file does "
        "not keep; remove it, or write JSON",
    ]
    with pytest.raises(InputError) as info:  # names of one key: refused as load_vendors would
        dump_vendors([Vendor("A"), Vendor("a")], tmp_path / "v.json")
    assert str(info.value) == (
        "vendors[1].name: 'a' and vendors[0]'s 'A' differ only in case, accents, spaces or "
        "invisible characters: one vendor typed two ways? Vendor names must be unique"
    )
    assert not (tmp_path / "v.csv").exists()
    with pytest.raises(InputError) as info:
        dump_vendors([Vendor("A")], tmp_path / "v.toml")
    assert str(info.value) == "unsupported file type '.toml'; expected .json, .csv, .xlsx"


@given(buyer_criteria())
@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_criteria_round_trip(workdir: Path, suffix: str, criteria: BuyerCriteria) -> None:
    """dump_criteria -> load_criteria gives equal criteria, in TOML and JSON."""
    path = workdir / f"criteria{suffix}"
    dump_criteria(criteria, path)
    assert load_criteria(path) == criteria


def test_criteria_toml_is_readable(tmp_path: Path) -> None:
    """The TOML written leaves None out, uses a TOML date and escapes strings."""
    criteria = BuyerCriteria(required=('a"b\\c\x7f',), csr=Need.REQUIRE, weights={"csr": 0.5})
    path = tmp_path / "c.toml"
    dump_criteria(criteria, path)
    assert path.read_text(encoding="utf-8") == (
        'required = ["a\\"b\\\\c\\u007f"]\n'
        'results_obligation = "ignore"\n'
        'means_obligation = "ignore"\n'
        'france_only = "ignore"\n'
        'csr = "require"\n'
        "accept_equivalents = true\n"
        "preferred_certifications = []\n"
        "accept_ratings = false\n"
        "accept_awards = false\n"
        "\n"
        "[weights]\n"
        "csr = 0.5\n"
    )
    dump_criteria(attrs.evolve(criteria, valid_through=dt.date(2030, 1, 2)), path)
    assert "valid_through = 2030-01-02\n" in path.read_text(encoding="utf-8")


def test_row_paths_render_as_a_spreadsheet_user_says_them() -> None:
    """A path starting with a row names the column next; JSON paths are unchanged."""
    assert str(Problem(("row 5", "valid_from"), "m")) == "row 5, column valid_from: m"
    assert str(Problem(("row 5",), "m")) == "row 5: m"
    assert str(Problem(("vendors", 3, "name"), "m")) == "vendors[3].name: m"
    assert str(Problem(("rows", "x"), "m")) == "rows.x: m"


def test_a_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes("vendor\nCafé Contact\n".encode("utf-16"))
    assert problems(path) == [
        f"{path}: the file is UTF-16, not UTF-8; save it as UTF-8 (in Excel: CSV UTF-8, not "
        "plain CSV, which writes Windows-1252)"
    ]
