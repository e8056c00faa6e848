"""Countries as written: ISO codes and names in English and French, read with ISO data."""

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given

from callcenter_certs import InputError, Site, load_vendors
from callcenter_certs._sheet import noting
from callcenter_certs.countries import _country_code, _country_suggestions
from callcenter_certs.strategies import country_names


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("FR", "FR"),
        ("fr", "FR"),
        ("FRA", "FR"),
        ("France", "FR"),
        ("france", "FR"),
        ("Maroc", "MA"),
        ("Morocco", "MA"),
        ("MAR", "MA"),
        ("Tunisie", "TN"),
        ("Sénégal", "SN"),
        ("Senegal", "SN"),
        ("Allemagne", "DE"),
        ("Royaume-Uni", "GB"),
        ("Côte d'Ivoire", "CI"),
        ("cote d ivoire", "CI"),
        ("Belgique", "BE"),
    ],
)
def test_codes_and_names_in_english_and_french(written: str, code: str) -> None:
    assert _country_code(written) == code


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("La Réunion", "RE"),
        ("la reunion", "RE"),
        ("Réunion", "RE"),
        ("Île de la Réunion", "RE"),
        ("Guadeloupe", "GP"),
        ("Martinique", "MQ"),
        ("Guyane française", "GF"),
        ("Guyane", "GF"),  # the department's own name (INSEE), not ISO's
        ("French Guiana", "GF"),
        ("Mayotte", "YT"),
    ],
)
def test_the_overseas_departments_have_their_own_iso_codes(written: str, code: str) -> None:
    assert _country_code(written) == code


def test_an_unknown_country_suggests_the_closest_codes() -> None:
    assert _country_suggestions("Francee")[0] == "FR"
    assert _country_suggestions("Marocco")[0] == "MA"
    assert _country_suggestions("Guyanne")[0] == "GF"  # the French department, first
    assert _country_code("Korea") is None  # two countries: not guessed
    assert set(_country_suggestions("Korea")) >= {"KP", "KR"}


def test_ss_is_not_made_of_a_sharp_s() -> None:
    """'ß'.upper() is 'SS', South Sudan's code: a name is not case-folded into a code."""
    assert _country_code("\u00df") is None


def test_the_sites_cell_reads_names_and_notes_them(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        'vendor,sites\nA,"France:120;Maroc:80;La Réunion:40;fr:1:Paris"\n', encoding="utf-8"
    )
    with noting() as notes:
        (vendor,) = load_vendors(path)
    assert [(s.country, s.agents) for s in vendor.sites or ()] == [
        ("FR", 120),
        ("MA", 80),
        ("RE", 40),
        ("FR", 1),
    ]
    assert [str(note) for note in notes] == [
        "row 2, column sites: 'France' is read as the country 'FR'",
        "row 2, column sites: 'Maroc' is read as the country 'MA'",
        "row 2, column sites: 'La Réunion' is read as the country 'RE'",
    ]


def test_an_unknown_country_is_refused_with_the_closest_codes(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("vendor,sites\nA,Francee:120\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_vendors(path)
    assert str(caught.value) == (
        f"{path}: row 2, column sites: in 'Francee:120', 'Francee' is not a country (an ISO "
        "3166-1 code such as FR or FRA, or its name in English or French); did you mean 'FR'?"
    )


def test_a_site_record_takes_codes_only_and_names_the_code() -> None:
    with pytest.raises(InputError, match="did you mean 'MA'"):
        Site("Maroc", 80)


@given(country_names())
def test_every_drawn_country_reads_as_its_code(drawn: tuple[str, str]) -> None:
    written, code = drawn
    assert _country_code(written) == code


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_pycountry_is_imported_only_for_a_country_written_as_a_name(tmp_path: Path) -> None:
    """Start-up: the ISO data is read only when a file names a country in words."""
    codes = tmp_path / "codes.csv"
    codes.write_text("vendor,sites\nA,FR:1;re:2\n", encoding="utf-8")
    names = tmp_path / "names.csv"
    names.write_text("vendor,sites\nA,France:1\n", encoding="utf-8")
    load = "from callcenter_certs import load_vendors; load_vendors({!r})"
    assert "pycountry" not in _modules_after("import callcenter_certs")
    assert "pycountry" not in _modules_after(load.format(str(codes)))
    assert "pycountry" in _modules_after(load.format(str(names)))
