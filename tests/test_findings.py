"""`callcenter_certs.findings`: a finding in words, in English and French, and as data.

`Finding`: ``str()`` is the English sentence; `Finding.text` says it in ``"en"`` or
``"fr"`` (from its template when it has one, else as one whole sentence); equality,
hashing and ``repr`` ignore the template (``words``), which is never written.
`_finding` makes a finding of a message.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcenter_certs import CATALOG, Catalog, InputError
from callcenter_certs._converter import CONVERTER
from callcenter_certs._i18n import Message, cert, msg
from callcenter_certs.findings import Finding, _finding

MISSING = "required certification {cid}{alt} is not held with a certificate valid on {on}"
"""A template of the French catalogue, with a certification and a date."""


def _missing(cid: str = "iso-9001") -> Message:
    return msg(MISSING, cid=cert(cid), alt="", on=dt.date(2026, 6, 30))


def _findings() -> st.SearchStrategy[Finding]:
    words = st.text(max_size=10)
    return st.builds(
        Finding,
        criterion=words,
        message=words,
        certifications=st.lists(words, max_size=3).map(tuple),
        countries=st.lists(words, max_size=3).map(tuple),
        words=st.none() | words.map(msg),
    )


# str and text in English -----------------------------------------------------------------


@given(_findings())
def test_a_finding_reads_as_its_english_sentence(finding: Finding) -> None:
    assert str(finding) == finding.message
    assert finding.text() == finding.message
    assert finding.text("en") == finding.message


def test_english_is_the_message_even_when_the_template_says_otherwise() -> None:
    finding = Finding(criterion="x", message="as written", words=msg("another sentence"))
    assert finding.text("en") == "as written"
    assert str(finding) == "as written"


# text in French --------------------------------------------------------------------------


def test_a_finding_with_its_template_is_said_in_french_value_by_value() -> None:
    finding = _finding("required", _missing(), certifications=("iso-9001",))
    french_name = CATALOG["iso-9001"].name_fr
    assert french_name is not None
    assert finding.text("fr") == (
        f"la certification exigée {french_name} n'est pas détenue avec un certificat "
        "valide au 30/06/2026"
    )


def test_french_names_a_certification_from_the_catalogue_given() -> None:
    entry = attrs.evolve(
        CATALOG["iso-9001"],
        name_fr="Qualité maison",
        equivalents=frozenset(),
        superseded_by=None,
        withdrawn=None,
    )
    mine = Catalog([entry], "mine")
    finding = _finding("required", _missing())
    assert finding.text("fr", catalog=mine) == (
        "la certification exigée Qualité maison n'est pas détenue avec un certificat "
        "valide au 30/06/2026"
    )
    assert "Qualité maison" not in finding.text("fr")


def test_a_finding_without_its_template_is_translated_as_a_whole_sentence() -> None:
    assert Finding(criterion="x", message="an unknown year").text("fr") == "une année inconnue"


def test_a_sentence_the_catalogue_does_not_have_stays_in_english() -> None:
    finding = Finding(criterion="x", message="the buyer's own words")
    assert finding.text("fr") == "the buyer's own words"
    assert Finding(criterion="x", message="").text("fr") == ""


def test_french_follows_the_template_not_the_message() -> None:
    finding = Finding(criterion="x", message="an unknown year", words=msg("the buyer's words"))
    assert finding.text("fr") == "the buyer's words"


@pytest.mark.parametrize("lang", ["de", "EN", "", "french"])
@pytest.mark.parametrize(
    "finding",
    [
        Finding(criterion="x", message="m"),
        Finding(criterion="x", message=""),  # nothing to translate: refused all the same
        Finding(criterion="x", message="m", words=msg("m")),
    ],
)
def test_a_language_other_than_english_or_french_is_refused(lang: str, finding: Finding) -> None:
    with pytest.raises(InputError) as info:
        finding.text(lang)
    assert str(info.value) == f"lang: {lang!r} is not a language of the output: use 'en' or 'fr'"


# equality, hashing, repr, writing ------------------------------------------------------------


@given(_findings(), st.none() | st.text(max_size=10).map(msg))
def test_findings_that_differ_only_in_their_template_are_equal(
    finding: Finding, words: Message | None
) -> None:
    other = attrs.evolve(finding, words=words)
    assert other == finding
    assert hash(other) == hash(finding)
    assert repr(other) == repr(finding)


BASE = Finding(criterion="required", message="m", certifications=(), countries=())


@pytest.mark.parametrize(
    "other",
    [
        attrs.evolve(BASE, criterion="other"),
        attrs.evolve(BASE, message="other"),
        attrs.evolve(BASE, certifications=("nf-345",)),
        attrs.evolve(BASE, countries=("FR",)),
    ],
)
def test_findings_that_differ_in_a_field_are_not_equal(other: Finding) -> None:
    assert other != BASE
    assert other != attrs.evolve(BASE, words=msg(other.message))


def test_a_finding_read_back_equals_the_finding_written() -> None:
    finding = _finding("required", _missing(), certifications=("iso-9001",), countries=("FR",))
    data = CONVERTER.unstructure(finding)
    assert data == {
        "criterion": "required",
        "message": finding.message,
        "certifications": ["iso-9001"],
        "countries": ["FR"],
    }
    back = CONVERTER.structure(data, Finding)
    assert back.words is None
    assert back == finding


def test_a_finding_is_made_with_keywords_and_never_changed() -> None:
    finding = Finding(criterion="x", message="m")
    assert finding.certifications == ()
    assert finding.countries == ()
    assert finding.words is None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.message = "n"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Finding("x", "m")  # type: ignore[call-arg]


# _finding --------------------------------------------------------------------------------


def test_a_finding_made_of_a_message_keeps_its_english_text_and_its_template() -> None:
    words = _missing("nf-345")
    finding = _finding("required", words, certifications=("nf-345",), countries=("MA",))
    assert finding == Finding(
        criterion="required",
        message="required certification nf-345 is not held with a certificate valid on 2026-06-30",
        certifications=("nf-345",),
        countries=("MA",),
    )
    assert finding.words is words


@given(st.text(alphabet="abc xyz", min_size=1, max_size=20))
def test_a_finding_made_of_a_sentence_says_it_in_english(sentence: str) -> None:
    finding = _finding("topic", msg(sentence))
    assert finding.message == sentence
    assert finding.criterion == "topic"
    assert finding.certifications == finding.countries == ()
    assert finding.text("fr") == sentence  # not in the French catalogue: English
