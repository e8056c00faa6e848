"""The Certification record (``certifications.py``): its validators, its methods, its enums.

Each validator is tested on its own rule and its own message, with the field path
the InputError names; ``_alias_key`` (how an alias is matched) on examples and as a
property; ``level_rank``, ``level_problem`` and ``sources_for`` on small entries built
here, so that a change in the built-in catalogue does not hide a broken rule.
"""

import enum
import string
import unicodedata
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import InputError
from callcenter_certs.catalogue import CATALOG
from callcenter_certs.certifications import (
    FACT_FIELDS,
    Certification,
    Domain,
    Kind,
    Obligation,
    Party,
    SchemeStatus,
    _alias_key,
)

MEDAL_LEVELS = ("bronze", "silver", "gold", "platinum")


def entry(**changes: object) -> Certification:
    """A minimal valid entry, with ``changes`` made."""
    fields: dict[str, object] = {
        "id": "demo-label",
        "short_name": "Demo",
        "name": "Demo label",
        "issuer": "Demo issuer",
        "kind": Kind.LABEL,
        "sources": ("Demo source [issuer]",),
        **changes,
    }
    return Certification(**fields)  # type: ignore[arg-type]


def refusal(**changes: object) -> str:
    """The one problem, rendered with its path, of building ``entry(**changes)``."""
    with pytest.raises(InputError) as info:
        entry(**changes)
    [problem] = info.value.problems
    return str(problem)


# The record and its defaults -----------------------------------------------------------


def test_a_minimal_entry_takes_the_documented_defaults() -> None:
    """Unknown facts are None or empty; an entry is held by providers and current."""
    made = entry()
    assert made.obligation is None
    assert made.name_fr is None
    assert made.aliases == ()
    assert made.levels == ()
    assert made.domains == frozenset()
    assert made.applies_to == frozenset({Party.PROVIDER})
    assert made.status is SchemeStatus.CURRENT
    assert (made.mixed_obligation, made.contact_centre_specific) == (False, False)
    assert made.france_only_staffing is False


def test_the_record_is_frozen_and_hashable() -> None:
    """A catalogue entry cannot change once built, and can key a dict."""
    made = entry(aliases=("Demo", "Demo 2020"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.id = "other"  # type: ignore[misc]
    assert {made: 1}[entry(aliases=["Demo", "Demo 2020"])] == 1


def test_the_constructor_takes_keywords_only() -> None:
    """Twenty-odd fields: no positional call can put a fact in the wrong one."""
    build: Callable[..., Certification] = Certification
    with pytest.raises(TypeError, match="positional"):
        build("demo", "Demo", "Demo", "issuer", Kind.LABEL, ("s",))


def test_fact_fields_are_fields_of_the_record() -> None:
    """Each fact that must name its source is a field, and a source can name it."""
    names = attrs.fields_dict(Certification)
    assert set(FACT_FIELDS) <= set(names)
    assert len(set(FACT_FIELDS)) == len(FACT_FIELDS)
    assert {"id", "name", "sources", "notes"}.isdisjoint(FACT_FIELDS)


# id ---------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["nf-345", "iso-9001", "a", "x1-2b-c3", "9001"])
def test_a_slug_of_lowercase_letters_digits_and_single_hyphens_is_an_id(slug: str) -> None:
    assert entry(id=slug).id == slug


@pytest.mark.parametrize(
    "bad",
    ["NF-345", "nf--345", "-nf", "nf-", "nf 345", "nf_345", "", "é-label", "nf.345"],
)
def test_a_bad_id_is_refused_naming_the_rule(bad: str) -> None:
    assert refusal(id=bad) == (
        f"id: {bad!r} is not a valid id (lower-case letters, digits and single hyphens)"
    )


def test_an_id_that_is_not_text_is_refused() -> None:
    assert refusal(id=345) == (
        "id: 345 is not a valid id (lower-case letters, digits and single hyphens)"
    )


@given(st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}", fullmatch=True))
def test_every_slug_is_accepted_and_its_upper_case_refused(slug: str) -> None:
    assert entry(id=slug).id == slug
    if slug.upper() != slug:
        with pytest.raises(InputError, match="is not a valid id"):
            entry(id=slug.upper())


# aliases ----------------------------------------------------------------------------


def test_aliases_given_as_a_list_are_kept_as_a_tuple_in_order() -> None:
    made = entry(aliases=["NF 345", "NF Service 345", "Norme NF 345"])
    assert made.aliases == ("NF 345", "NF Service 345", "Norme NF 345")


def test_aliases_must_be_a_list_of_names_not_one_string() -> None:
    assert refusal(aliases="NF 345") == "aliases: 'NF 345' is not a list of names"


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        (
            ("NF 345", " NF345"),
            "aliases[1]: ' NF345' is not a name (text without spaces at either end)",
        ),
        (("NF 345 ",), "aliases[0]: 'NF 345 ' is not a name (text without spaces at either end)"),
        (("",), "aliases[0]: '' is not a name (text without spaces at either end)"),
        (("NF", 345), "aliases[1]: 345 is not a name (text without spaces at either end)"),
    ],
)
def test_an_alias_is_text_without_spaces_at_either_end(
    aliases: tuple[object, ...], message: str
) -> None:
    assert refusal(aliases=aliases) == message


@pytest.mark.parametrize("blank", ["-", "--", "·", "…", "()", "'"])
def test_an_alias_with_no_letter_or_digit_is_refused(blank: str) -> None:
    """It would match nothing: its key is empty."""
    assert refusal(aliases=("Demo", blank)) == (
        f"aliases[1]: {blank!r} has no letter or digit: it would match nothing"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ISO 18295-1", "iso 182951"),
        ("ISO 18295-1", "ISO/18295.1"),
        ("Élu Service Client", "elu service client"),
        ("Relation Client France", "RELATION-CLIENT-FRANCE"),
        ("Engagé RSE", "engage rse"),
    ],
)
def test_one_name_written_two_ways_is_listed_twice(first: str, second: str) -> None:
    """The second spelling is refused, naming the first one it repeats."""
    assert refusal(aliases=(first, "Other", second)) == (
        f"aliases[2]: {second!r} is {first!r} written another way: listed twice"
    )


def test_names_that_differ_by_a_letter_or_digit_stay_apart() -> None:
    """ISO 18295-1 and ISO 18295-2 are two names, not one written two ways."""
    made = entry(aliases=("ISO 18295-1", "ISO 18295-2", "ISO 18295-1:2017"))
    assert len(made.aliases) == 3


def test_alias_key_keeps_letters_and_digits_only_folded() -> None:
    assert _alias_key("ISO 18295-1") == "iso182951"
    assert _alias_key("NF EN ISO 18295-1:2017") == "nfeniso1829512017"
    assert _alias_key("Élu Service Client de l'Année") == "eluserviceclientdelannee"
    assert _alias_key("Straße") == "strasse"  # casefold, not lower
    assert _alias_key("ﬁ") == "fi"  # a compatibility ligature is its letters
    assert _alias_key(" -/.: ") == ""


_WORD = st.text(string.ascii_letters + string.digits + "éèêàçôÉÈÀÇÔ", min_size=1, max_size=12)
_SEPARATOR = st.sampled_from(["", " ", "-", "_", ".", ":", "/", " - ", "'"])


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@given(st.lists(_WORD, min_size=1, max_size=4), st.data())
def test_alias_key_ignores_case_accents_and_separators(
    words: list[str], data: st.DataObject
) -> None:
    joined = " ".join(words)
    key = _alias_key(joined)
    respaced = "".join(word + data.draw(_SEPARATOR) for word in words)
    assert _alias_key(respaced) == key
    assert _alias_key(joined.swapcase()) == key
    assert _alias_key(_strip_accents(joined)) == key
    assert _alias_key(unicodedata.normalize("NFD", joined)) == key
    assert _alias_key(key) == key  # a key is its own key
    assert key.isalnum()
    assert key.isascii()


@given(_WORD, st.sampled_from(string.ascii_lowercase + string.digits))
def test_alias_key_keeps_every_letter_and_digit(word: str, extra: str) -> None:
    """One more letter or digit is another name."""
    assert _alias_key(word + extra) != _alias_key(word)
    assert _alias_key(word + "-" + extra) == _alias_key(word + extra)


# levels -----------------------------------------------------------------------------


def test_levels_are_kept_lowest_first() -> None:
    assert entry(levels=MEDAL_LEVELS).levels == MEDAL_LEVELS


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        (
            ("bronze", " silver"),
            "levels[1]: ' silver' is not a level name (text without spaces at either end)",
        ),
        (("",), "levels[0]: '' is not a level name (text without spaces at either end)"),
        (("gold", 3), "levels[1]: 3 is not a level name (text without spaces at either end)"),
        (("gold", "silver", "Gold"), "levels[2]: 'Gold' is listed twice"),
        (("Confirmé", "CONFIRMÉ"), "levels[1]: 'CONFIRMÉ' is listed twice"),
    ],
)
def test_bad_levels_are_refused_at_their_index(levels: tuple[object, ...], message: str) -> None:
    assert refusal(levels=levels) == message


# percent, years, positive numbers -----------------------------------------------------


@pytest.mark.parametrize("percent", [None, 1, 50, 100])
def test_a_percentage_is_1_to_100(percent: int | None) -> None:
    assert entry(staff_in_france_min_percent=percent).staff_in_france_min_percent == percent


@pytest.mark.parametrize("percent", [0, -5, 101, 1000])
def test_a_percentage_outside_1_to_100_is_refused(percent: int) -> None:
    assert refusal(staff_in_france_min_percent=percent) == (
        f"staff_in_france_min_percent: {percent} is not a percentage in 1..100"
    )


@pytest.mark.parametrize("field", ["first_published", "withdrawn"])
@pytest.mark.parametrize("year", [None, 1900, 1987, 2100])
def test_a_plausible_year_is_1900_to_2100(field: str, year: int | None) -> None:
    assert getattr(entry(**{field: year}), field) == year


@pytest.mark.parametrize("field", ["first_published", "withdrawn"])
@pytest.mark.parametrize("year", [1899, 2101, 0, 20_015])
def test_an_implausible_year_is_refused_naming_its_field(field: str, year: int) -> None:
    assert refusal(**{field: year}) == f"{field}: {year} is not a plausible year"


@pytest.mark.parametrize("field", ["validity_years", "surveillance_interval_months"])
def test_a_cycle_is_a_positive_number(field: str) -> None:
    assert getattr(entry(**{field: 1}), field) == 1
    assert getattr(entry(**{field: None}), field) is None
    for bad in (0, -3):
        assert refusal(**{field: bad}) == f"{field}: {bad} must be a positive number"


# is_certification --------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(Kind))
def test_only_ratings_and_awards_are_not_certifications(kind: Kind) -> None:
    assert entry(kind=kind).is_certification is (kind not in {Kind.RATING, Kind.AWARD})


# level_rank and level_problem ------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "rank"),
    [("bronze", 0), ("silver", 1), ("gold", 2), ("platinum", 3), ("Gold", 2), ("PLATINUM", 3)],
)
def test_level_rank_is_the_position_lowest_first_whatever_the_case(level: str, rank: int) -> None:
    assert entry(id="medal", levels=MEDAL_LEVELS).level_rank(level) == rank


def test_level_rank_folds_accented_and_special_case() -> None:
    labelled = entry(levels=("Initial", "Progression", "Confirmé", "Exemplaire"))
    assert labelled.level_rank("CONFIRMÉ") == 2
    assert labelled.level_rank("confirme") is None  # case is ignored, accents are not
    assert entry(levels=("Straße",)).level_rank("STRASSE") == 0


@pytest.mark.parametrize("level", ["diamond", "gold ", "", "golden"])
def test_level_rank_of_an_unknown_level_is_none(level: str) -> None:
    assert entry(levels=MEDAL_LEVELS).level_rank(level) is None


def test_an_entry_without_levels_ranks_none() -> None:
    assert entry().level_rank("gold") is None


@given(st.permutations(MEDAL_LEVELS), st.data())
def test_level_rank_follows_the_order_of_levels(levels: list[str], data: st.DataObject) -> None:
    made = entry(levels=tuple(levels))
    index = data.draw(st.integers(0, len(levels) - 1))
    written = data.draw(st.sampled_from([str.upper, str.title, str.lower]))(levels[index])
    assert made.level_rank(written) == index
    assert made.level_problem(written) is None


def test_level_problem_names_the_known_levels_lowest_first() -> None:
    medal = entry(id="medal", levels=MEDAL_LEVELS)
    assert medal.level_problem("GOLD") is None
    assert medal.level_problem("diamond") == (
        "'diamond' is not a level of medal; its levels, lowest first: "
        "'bronze', 'silver', 'gold', 'platinum'"
    )


def test_level_problem_of_an_entry_without_levels_says_it_has_none() -> None:
    assert entry(id="nf-345").level_problem("gold") == (
        "'gold' is not a level of nf-345, which has no levels in the catalogue"
    )


def test_the_builtin_medal_ranks_its_levels() -> None:
    """The catalogue's EcoVadis levels are read lowest first, as the rules assume."""
    ecovadis = CATALOG["ecovadis"]
    assert ecovadis.level_rank("Bronze") == 0
    assert ecovadis.level_rank("Platinum") == len(ecovadis.levels) - 1
    assert not ecovadis.is_certification


# sources_for -----------------------------------------------------------------------------

SOURCES = (
    "Article A [first_published, withdrawn]",
    "https://b.example/page [issuer]",
    "Report C, page 3 [first_published]  ",
    "Memo D [status] and some words after",
    "Book E, see [12]",
    "Note F [withdrawn,status]",
    "Note G without fields",
    "Site H [issuer_name]",
)


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("first_published", (SOURCES[0], SOURCES[2])),
        ("withdrawn", (SOURCES[0], SOURCES[5])),
        ("status", (SOURCES[5],)),
        ("issuer", (SOURCES[1],)),
        ("levels", ()),
        ("issuer_name", (SOURCES[7],)),
    ],
)
def test_sources_for_reads_the_bracketed_fields_at_the_end(
    field: str, expected: tuple[str, ...]
) -> None:
    """Only a bracket ending the source counts; fields are whole names, in source order."""
    assert entry(sources=SOURCES).sources_for(field) == expected


def test_sources_for_does_not_match_part_of_a_field_name() -> None:
    made = entry(sources=("S [issuer_name]", "T [first_published_year]"))
    assert made.sources_for("issuer") == ()
    assert made.sources_for("first_published") == ()


def test_every_builtin_source_of_first_published_names_it() -> None:
    iso = CATALOG["iso-9001"]
    found = iso.sources_for("first_published")
    assert found
    assert all("first_published" in source.rsplit("[", 1)[1] for source in found)
    assert set(found) < set(iso.sources)


# The enums -------------------------------------------------------------------------------


def test_the_enum_values_are_those_the_catalogue_files_write() -> None:
    """A catalogue file (TOML, JSON) holds these values: renaming one breaks every file."""
    assert {o.value for o in Obligation} == {"means", "results"}
    assert {p.value for p in Party} == {"provider", "client"}
    assert {s.value for s in SchemeStatus} == {"current", "withdrawn", "unconfirmed"}
    assert {k.value for k in Kind} == {
        "international standard",
        "European standard",
        "French standard",
        "certification scheme",
        "label",
        "rating",
        "award",
    }
    assert Domain("interaction-quality") is Domain.INTERACTION_QUALITY
    assert Domain("customer-satisfaction") is Domain.CUSTOMER_SATISFACTION


def test_domain_values_are_slugs_named_after_their_member() -> None:
    for domain in Domain:
        assert domain.value == domain.name.lower().replace("_", "-")


@pytest.mark.parametrize("enum", [Obligation, Domain, Kind, Party, SchemeStatus])
def test_no_enum_member_is_an_alias_of_another(enum: type[enum.Enum]) -> None:
    """Two members of one value would make the second an alias, lost when read back."""
    assert len(enum.__members__) == len(list(enum))


# -- found while writing these tests, fixed -----------------------------------------


def test_an_id_with_a_line_break_at_its_end_is_refused() -> None:
    with pytest.raises(InputError, match=r"^id: 'nf-345\\n' is not a valid id"):
        entry(id="nf-345\n")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_published", "2020"),
        ("withdrawn", 2020.0),
        ("staff_in_france_min_percent", True),
        ("validity_years", 0.5),
        ("surveillance_interval_months", "12"),
    ],
)
def test_a_number_field_refuses_what_is_not_a_whole_number(field: str, value: object) -> None:
    with pytest.raises(InputError) as info:
        entry(**{field: value})
    assert str(info.value) == f"{field}: {value!r} is not a whole number"


def test_levels_given_as_a_list_are_checked_and_kept_as_a_tuple() -> None:
    assert entry(levels=["bronze", "gold"]).levels == ("bronze", "gold")
    with pytest.raises(InputError, match=r"^levels\[1\]: 'gold' is listed twice"):
        entry(levels=["gold", "gold"])
    with pytest.raises(InputError, match=r"^levels: 'gold' is not a list of level names"):
        entry(levels="gold")
