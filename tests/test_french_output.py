"""French output (#15): every sentence a buyer reads is French, with French numbers and names.

The check against English: no piece of three words or more of an English message
(the catalogue's msgids, cut at their values and punctuation) appears in the French
output, nor any of a few common English words.
"""

from __future__ import annotations

import io
import re
import string
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import attrs
import pytest

from callcenter_certs import (
    CATALOG,
    BuyerCriteria,
    Catalog,
    Figure,
    Finding,
    HeldCertificate,
    Need,
    Ranking,
    Site,
    Vendor,
    check_criteria,
    rank_vendors,
    score_vendor,
)
from callcenter_certs._i18n import catalogue_path, parse_po
from callcenter_certs.cli import run
from callcenter_certs.criteria import Better, Scoring
from callcenter_certs.errors import InputError
from callcenter_certs.vendors import CertificateStatus

DEMO = Path(__file__).parent.parent / "src" / "callcenter_certs" / "data" / "demo"
ON = date(2026, 6, 1)
COMMON_ENGLISH = (" the ", " is ", " and ", " of ", " not ", " with ", " by ", " no ")


def _english_pieces() -> list[str]:
    """Pieces of three words or more of every English message, cut at values and punctuation."""
    pieces: set[str] = set()
    for entry in parse_po(catalogue_path("fr").read_text(encoding="utf-8")):
        for text in (entry.msgid, entry.msgid_plural or ""):
            for literal, *_ in string.Formatter().parse(text):
                for piece in re.split(r"[;:()?]", literal):
                    if len(piece.split()) >= 3:
                        pieces.add(piece.strip())
    return sorted(pieces, key=len, reverse=True)


ENGLISH = _english_pieces()


def assert_french(text: str) -> None:
    """No English sentence, nor common English word, in ``text``."""
    leaks = [piece for piece in ENGLISH if piece in text]
    assert not leaks, f"English in the French output: {leaks}\n{text}"
    padded = f" {' '.join(text.split())} "
    words = [word for word in COMMON_ENGLISH if word in padded]
    assert not words, f"English words {words} in the French output:\n{text}"


def test_the_checker_sees_english() -> None:
    assert len(ENGLISH) > 50
    with pytest.raises(AssertionError):
        assert_french("Atlantide: 12,50 / 100, eligible (certificates checked on 27/11/2026)")
    with pytest.raises(AssertionError):
        assert_french("the offer")


# -- a grid that says (almost) everything ------------------------------------------------


def _criteria() -> BuyerCriteria:
    return BuyerCriteria(
        required=("iso-18295-1",),
        preferred_certifications=("nf-en-15838", "engage-rse", "nf-345"),
        results_obligation=Need.PREFER,
        means_obligation=Need.REQUIRE,
        csr=Need.PREFER,
        france_only=Need.PREFER,
        weights={
            "price": 3,
            "technical": 2.5,
            "delay": 1,
            "results_obligation": 1,
            "csr": 1,
            "france_only": 1,
            "preferred_certifications": 1,
            "means_obligation": 1,
        },
        figures=(
            Figure("price", better=Better.LOWER, scoring=Scoring.PROPORTIONAL, abnormally_low=0.8),
            Figure("technical", out_of=20, minimum=10),
            Figure("delay", better=Better.LOWER, scoring=Scoring.LINEAR, minimum=1, maximum=30),
        ),
        equivalents={"nf-345": ("lrs",), "iso-9001": ("nf-345",)},
        minimum_levels={"engage-rse": "Confirmé"},
        require_site_coverage=True,
        valid_through=date(2030, 12, 31),
    )


def _vendors() -> list[Vendor]:
    paris, rabat = Site("FR", 100, name="Paris"), Site("MA", 50, name="Rabat")
    return [
        Vendor(
            "Alpha",
            [
                HeldCertificate("iso-18295-1", date(2025, 1, 1), certificate_number="A-1"),
                HeldCertificate("nf-345", date(2025, 1, 1), sites=("Paris",)),
                HeldCertificate("nf-345", date(2025, 3, 1)),
                HeldCertificate("engage-rse", date(2025, 1, 1), level="Initial"),
                HeldCertificate("ecovadis", date(2025, 1, 1), level="gold"),
                HeldCertificate("iso-9001", date(2024, 1, 1), last_audit=date(2024, 2, 1)),
            ],
            sites=[paris, rabat],
            figures={"price": 1_180_000.5, "technical": 15.5, "delay": 3},
        ),
        Vendor(
            "Beta",
            [
                HeldCertificate(
                    "iso-18295-1", date(2025, 1, 1), status=CertificateStatus.SUSPENDED
                ),
                HeldCertificate("nf-en-15838", date(2018, 1, 1)),
                HeldCertificate("engage-rse", date(2025, 1, 1)),
                HeldCertificate("relation-client-france", date(2025, 1, 1)),
            ],
            sites=[Site("FR", 10), Site("TN", 5)],
            figures={"price": 1_300_000},
        ),
        Vendor(
            "Gamma",
            [
                HeldCertificate("iso-18295-1", date(2027, 1, 1)),
                HeldCertificate("iso-18295-1", date(2020, 1, 1), valid_until=date(2023, 1, 1)),
                HeldCertificate("nf-en-15838", date(2010, 1, 1), valid_until=date(2013, 1, 1)),
                HeldCertificate("iso-9001", date(1980, 1, 1)),
            ],
            figures={"price": 900_000, "technical": 8, "delay": 0.5},
        ),
        Vendor(
            "Delta",
            [
                HeldCertificate("iso-18295-1", date(2025, 1, 1)),
                HeldCertificate("lrs", date(2025, 1, 1), sites=("Lyon",)),
                HeldCertificate("lrs", date(2025, 2, 1)),
                HeldCertificate("escda", date(2025, 1, 1)),
                HeldCertificate("iso-18295-2", date(2025, 1, 1)),
                HeldCertificate("service-france-garanti", date(2025, 1, 1)),
            ],
            sites=[Site("FR", 0, name="Lyon"), Site("FR", 0)],
            figures={"price": 800_000, "technical": 12, "delay": 5},
        ),
        Vendor(
            "Epsilon",
            [HeldCertificate("iso-18295-1", date(2025, 1, 1))],
            figures={"price": 1_000_000, "technical": 20, "delay": 2},
        ),
        Vendor(
            "Zeta",
            [
                HeldCertificate("iso-18295-1", date(2025, 1, 1)),
                HeldCertificate("relation-client-france", date(2025, 1, 1)),
            ],
            figures={"price": 1_100_000, "technical": 11, "delay": 31},
        ),
    ]


@pytest.fixture(scope="module")
def ranking() -> Ranking:
    return rank_vendors(_vendors(), _criteria(), on=ON)


def test_the_whole_grid_explained_in_french(ranking: Ranking) -> None:
    text = ranking.explain(lang="fr")
    assert_french(text)
    for expected in (
        "ÉCARTÉ",
        "admissible",
        "Motifs d'élimination :",
        "Avertissements :",
        "Certificats non pris en compte :",
        "Observations sur les critères :",
        "l'offre peut être anormalement basse",
        "L2152-5",
        "son statut est « suspendu »",
        "admis par l'acheteur",
        "est supérieur au maximum de 30",
        "certificats vérifiés au 01/06/2026",
        "1\u00a0180\u00a0000,5",
    ):
        assert expected in text, expected


def test_the_english_explanation_is_unchanged_by_the_french(ranking: Ranking) -> None:
    english = ranking.explain()
    assert english == ranking.explain(lang="en")
    assert "certificates checked on 2026-06-01" in english
    assert "1,180,000.5" in english


def test_each_vendor_and_finding_in_french(ranking: Ranking) -> None:
    for entry in ranking:
        score = entry.score
        assert_french(score.explain(lang="fr"))
        for finding in (*score.knockouts, *score.warnings, *score.not_counted):
            assert str(finding) == finding.message == finding.text()
            assert_french(finding.text("fr"))
        for row in score.breakdown:
            assert row.detail_text() == row.detail
            assert_french(row.detail_text("fr"))
    for warning in ranking.warnings:
        assert_french(warning.text("fr"))


def test_criteria_that_need_a_france_only_label_in_french() -> None:
    criteria = BuyerCriteria(required=("relation-client-france",), france_only=Need.REQUIRE)
    vendors = [
        Vendor("Sans sites", [HeldCertificate("relation-client-france", date(2025, 1, 1))]),
        Vendor("Sans label", [HeldCertificate("iso-9001", date(2025, 1, 1))]),
        Vendor("Étranger", sites=[Site("FR", 3), Site("SN", 0)]),
        Vendor("Vide", sites=[Site("SN", 0)]),
    ]
    ranking = rank_vendors(vendors, criteria, on=ON)
    text = ranking.explain(lang="fr")
    assert_french(text)
    assert "personnel exclusivement en France" in text
    assert "directive 2014/24/UE" in text


def test_equivalents_and_a_sites_warning_in_french() -> None:
    criteria = BuyerCriteria(required=("nf-en-15838",), equivalents={"nf-en-15838": ("nf-345",)})
    vendors = [
        Vendor("Catalogue", [HeldCertificate("iso-18295-1", date(2025, 1, 1))]),
        Vendor("Acheteur", [HeldCertificate("nf-345", date(2025, 1, 1), certificate_number="7")]),
        Vendor(
            "Sites",
            [HeldCertificate("iso-18295-1", date(2025, 1, 1), sites=("Nantes",))],
            sites=[Site("FR", 10, name="Nantes"), Site("BE", 4, name="Liège")],
        ),
    ]
    text = rank_vendors(vendors, criteria, on=ON).explain(lang="fr")
    assert_french(text)
    assert "exigence satisfaite par l'équivalent" in text
    assert "admis par l'acheteur" in text
    assert "ne couvre pas les sites déclarés Liège" in text


def test_criteria_no_certification_can_meet_in_french() -> None:
    withdrawn = attrs.evolve(
        CATALOG["nf-en-15838"], withdrawn=None, superseded_by=None, equivalents=frozenset()
    )
    catalog = Catalog([withdrawn], "mine")
    criteria = BuyerCriteria(
        preferred_certifications=("nf-en-15838",),
        means_obligation=Need.REQUIRE,
        results_obligation=Need.PREFER,
    )
    warnings = check_criteria(criteria, catalog)
    text = "\n".join(warning.text("fr", catalog=catalog) for warning in warnings)
    assert_french(text)
    assert "une année inconnue" in text
    assert "le critère élimine tous les soumissionnaires" in text
    assert "le critère vaut 0 pour tous les soumissionnaires" in text


def test_a_finding_read_back_is_said_as_a_whole_sentence() -> None:
    known = Finding(criterion="x", message="an unknown year")
    assert known.text("fr") == "une année inconnue"
    unknown = Finding(criterion="x", message="a sentence of the buyer's own")
    assert unknown.text("fr") == "a sentence of the buyer's own"


def test_a_grid_with_none_eligible_and_the_weights_in_french() -> None:
    criteria = BuyerCriteria(
        figures=(Figure("price", better=Better.LOWER, scoring=Scoring.LINEAR, minimum=10),),
        weights={"price": 0.5},
        required=("iso-18295-1",),
    )
    vendors = [
        Vendor("A", figures={"price": 5.25}),
        Vendor("B", figures={"price": 20}),
        Vendor("C"),
    ]
    text = rank_vendors(vendors, criteria, on=ON).explain(lang="fr")
    assert_french(text)
    assert "aucune n'étant admissible" in text
    assert "pas de pondération effective" in text
    assert "0,5" in text


def test_nothing_preferred_in_french() -> None:
    score = score_vendor(Vendor("Seul"), BuyerCriteria(), on=ON)
    text = score.explain(lang="fr")
    assert_french(text)
    assert text.startswith("Seul : 100,00 / 100, admissible (certificats vérifiés au 01/06/2026)")


def test_certifications_go_by_their_french_names(ranking: Ranking) -> None:
    text = ranking.explain(lang="fr")
    nf345 = CATALOG["nf-345"]
    assert nf345.name_fr is not None
    assert nf345.name_fr in text
    assert nf345.name not in text
    assert "nf-345" in ranking.explain()


def test_an_unknown_language_is_refused(ranking: Ranking) -> None:
    with pytest.raises(InputError, match="'de' is not a language of the output"):
        ranking.explain(lang="de")
    with pytest.raises(InputError, match="'de' is not a language"):
        ranking[0].score.explain(lang="de")
    with pytest.raises(InputError, match="'de' is not a language"):
        ranking[0].score.breakdown[0].detail_text("de")


# -- the command line -----------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _demo_files() -> list[str]:
    return [str(DEMO / "vendors.json"), "--criteria", str(DEMO / "criteria.toml")]


def _demo_names() -> Iterator[str]:
    import json  # noqa: PLC0415

    data = json.loads((DEMO / "vendors.json").read_text(encoding="utf-8"))
    for vendor in data["vendors"]:
        yield vendor["name"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_demo_in_french(fmt: str) -> None:
    code, out, err = _run("demo", "--lang", "fr", "--format", fmt)
    assert code == 0
    assert_french(out)
    assert_french(err)
    assert "soumissionnaire" in out
    assert "75,26" in out
    assert "27/11/2026" in err
    assert CATALOG["iso-18295-1"].name_fr in out  # type: ignore[operator]


def test_demo_in_english_is_unchanged() -> None:
    assert _run("demo") == _run("demo", "--lang", "en")


def test_rank_in_french() -> None:
    code, out, err = _run("rank", *_demo_files(), "--on", "2026-11-27", "--lang", "fr")
    assert code == 0
    assert_french(out + err)
    assert out.startswith("rang  soumissionnaire")
    code, out, err = _run("rank", *_demo_files(), "--lang", "fr", "--format", "csv")
    assert code == 0
    assert_french(out + err)
    assert "pondérations :" in err


def test_rank_without_criteria_in_french() -> None:
    code, out, err = _run("rank", str(DEMO / "vendors.json"), "--lang", "fr")
    assert code == 0
    assert_french(out + err)
    assert err.startswith("remarque :")


@pytest.mark.parametrize("name", list(_demo_names()))
def test_explain_in_french(name: str) -> None:
    code, out, err = _run("explain", *_demo_files(), "--on", "2026-11-27", name, "--lang", "fr")
    assert code == 0
    assert_french(out + err)
    assert re.search(r"\((rang \d+ sur 10|non classé)\)\n$", out)


def test_sensitivity_in_french() -> None:
    code, out, err = _run(
        "sensitivity", *_demo_files(), "--on", "2026-11-27", "--samples", "200", "--lang", "fr"
    )
    assert code == 0
    assert_french(out + err)
    assert out.startswith("premiers classés : Atlantide Contact (75,26)")
    assert "Acceptabilité des rangs sur 200 pondérations" in out
    assert "rang 1" in out


def test_sensitivity_with_many_ranks_in_french(tmp_path: Path) -> None:
    criteria = tmp_path / "criteria.toml"
    criteria.write_text(
        'required = ["iso-18295-1"]\n[weights]\nprice = 1\ntechnical = 1\n'
        '[figures.price]\nbetter = "lower"\nscoring = "proportional"\n'
        "[figures.technical]\nout_of = 20\n",
        encoding="utf-8",
    )
    code, out, err = _run(
        "sensitivity",
        str(DEMO / "vendors.json"),
        "--criteria",
        str(criteria),
        "--on",
        "2026-11-27",
        "--samples",
        "12000",
        "--lang",
        "fr",
    )
    assert code == 0
    assert_french(out + err)
    assert "au-delà" in out
    assert "12\u00a0000" in out


def test_the_language_must_be_known() -> None:
    code, _, err = _run("demo", "--lang", "de")
    assert code == 2
    assert "invalid choice: 'de'" in err


def test_a_decision_record_is_the_same_in_french(tmp_path: Path) -> None:
    import json  # noqa: PLC0415

    records = {}
    for lang in ("en", "fr"):
        path = tmp_path / f"{lang}.json"
        code, out, err = _run(
            "rank", *_demo_files(), "--on", "2026-11-27", "--record", str(path), "--lang", lang
        )
        assert code == 0
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("created", "digest"):
            data.pop(key)
        records[lang] = data
        if lang == "fr":
            assert_french(out + err)
            assert f"registre de décision écrit dans {path}" in err
    assert records["fr"] == records["en"]
