"""The committee's report: contents in order, self-contained, deterministic, French, the CLI."""

import base64
import datetime as dt
import html
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import callcenter_certs
from callcenter_certs import (
    Better,
    BuyerCriteria,
    CertificateStatus,
    Figure,
    HeldCertificate,
    InputError,
    Need,
    Ranking,
    Scoring,
    Site,
    Vendor,
    load_criteria,
    load_record,
    load_vendors,
    make_record,
    rank_vendors,
    render_report,
    replay,
)
from callcenter_certs import report as report_module
from callcenter_certs._i18n import parse_po, tr
from callcenter_certs.cli import _DEMO_DATE, _demo_file, run
from callcenter_certs.report import _PAGE_WORDS, _timeline

DEMO_VENDORS = _demo_file("vendors.json")
DEMO_CRITERIA = _demo_file("criteria.toml")
PACKAGE = Path(callcenter_certs.__file__).parent
CATALOGUE = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "callcenter_certs.po"
SECTIONS = ("tender", "ranking", "points", "certificates", "stability", "findings", "record")


def _demo_ranking() -> Ranking:
    vendors = load_vendors(DEMO_VENDORS)
    return rank_vendors(vendors, load_criteria(DEMO_CRITERIA), on=_DEMO_DATE)


@pytest.fixture(scope="module")
def demo() -> Ranking:
    return _demo_ranking()


@pytest.fixture(scope="module")
def page(demo: Ranking) -> str:
    return render_report(demo, samples=500)


@pytest.fixture(scope="module")
def page_fr(demo: Ranking) -> str:
    return render_report(demo, lang="fr", samples=500)


def _text(page: str) -> str:
    """The page's visible text, tags dropped and entities read, spaces made one."""
    body = re.sub(r"<style>.*?</style>", " ", page, flags=re.DOTALL)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _images(page: str) -> list[bytes]:
    return [
        base64.b64decode(data)
        for data in re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"', page)
    ]


# -- contents -------------------------------------------------------------------------


def test_the_sections_come_in_the_contract_order(page: str) -> None:
    places = [page.index(f'<section id="{name}">') for name in SECTIONS]
    assert places == sorted(places)


def test_the_tender_its_dates_and_its_criteria_with_both_weights(page: str) -> None:
    text = _text(page)
    assert "Award report" in text
    assert "27 November 2026" in text  # the scoring date
    assert "31 December 2030" in text  # the contract end (valid_through)
    tender = _text(page[page.index('id="tender"') : page.index('id="ranking"')])
    for share in ("10.0 %", "40.0 %", "19.7 %", "37.4 %", "23.7 %"):  # nominal and effective
        assert share in tender  # (the no-break space read as a space)
    assert "ISO 18295-1" in tender
    assert "technical ≥ 10" in tender


def test_the_ranking_table_lists_every_vendor_with_its_rank_and_total(
    demo: Ranking, page: str
) -> None:
    table = page[page.index('id="ranking"') : page.index('id="points"')]
    rows = re.findall(
        r"<tr class=\"[^\"]*\"><td class=\"n\">([^<]+)</td><td class=\"name\">([^<]+)", table
    )
    assert [(rank, html.unescape(name)) for rank, name in rows] == [
        ("—" if e.rank is None else str(e.rank), e.vendor.name) for e in demo
    ]
    assert "75.26" in table
    assert table.count("knocked out") == len(demo.knocked_out)


def test_charts_are_inline_svg_with_the_knocked_out_vendors_apart(page: str) -> None:
    points = page[page.index('id="points"') : page.index('id="certificates"')]
    apart = points.index("Knocked-out offers (not ranked)")
    assert len(_images(points[:apart])) == 1
    assert len(_images(points[apart:])) == 1
    for svg in _images(page):
        root = ET.fromstring(svg)  # noqa: S314 - our own output
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert b"<dc:date>" not in svg
    assert len(_images(page)) == 4  # points (2), timeline, acceptability


def test_the_timeline_has_a_legend_with_words_and_patterns(page: str) -> None:
    section = _text(page[page.index('id="certificates"') : page.index('id="stability"')])
    for words in ("solid", "diagonal hatching", "cross-hatching", "dots"):
        assert words in section
    assert len(_images(page[page.index('id="certificates"') : page.index('id="stability"')])) == 1
    assert "EcoVadis rating and medal" in section  # the certifications named in full


def _certificate(
    cid: str, start: dt.date, end: dt.date | None, **kwargs: object
) -> HeldCertificate:
    return HeldCertificate(cid, valid_from=start, valid_until=end, **kwargs)  # type: ignore[arg-type]


def _chart_words(svg: bytes) -> list[str]:
    """The texts of a chart: matplotlib writes each one as a comment beside its glyphs."""
    return re.findall(r"<!-- (.*?) -->", svg.decode("utf-8"))


def test_the_timeline_legend_names_every_state_and_both_dates(page: str, page_fr: str) -> None:
    [timeline] = _images(page[page.index('id="certificates"') : page.index('id="stability"')])
    words = _chart_words(timeline)
    for label in (
        "Counts through the contract end",
        "Counts now, lapses before the contract end",
        "Lapsed before the scoring date",
        "Does not count (other reason)",
        "Scoring date (2026-11-27)",
        "Contract end (2030-12-31)",
    ):
        assert label in words
    [timeline_fr] = _images(
        page_fr[page_fr.index('id="certificates"') : page_fr.index('id="stability"')]
    )
    words_fr = _chart_words(timeline_fr)
    assert "Date d'analyse (27/11/2026)" in words_fr
    assert "Fin du contrat (31/12/2030)" in words_fr


def test_a_certificate_with_no_known_end_runs_off_the_chart_and_says_so() -> None:
    vendor = Vendor(
        "Sans Fin",
        certificates=[_certificate("relation-client-france", dt.date(2025, 1, 1), None)],
    )
    ranking = rank_vendors([vendor], BuyerCriteria(france_only=Need.PREFER), on=dt.date(2026, 1, 1))
    page = render_report(ranking, samples=10)
    [timeline] = _images(page[page.index('id="certificates"') : page.index('id="stability"')])
    assert "Ends later, or no end date known" in _chart_words(timeline)
    assert "Contract end" not in " ".join(_chart_words(timeline))
    assert "not stated in the criteria" in _text(page)


def test_french_dates_say_1er() -> None:
    ranking = rank_vendors([], BuyerCriteria(), on=dt.date(2026, 6, 1))
    assert "1er juin 2026" in _text(render_report(ranking, lang="fr", samples=10))


def test_the_timeline_tells_lapsed_counting_lapsing_and_not_counting_apart() -> None:
    on = dt.date(2026, 6, 1)
    vendor = Vendor(
        "Quatre États",
        certificates=[
            _certificate("iso-18295-1", dt.date(2025, 1, 1), dt.date(2031, 1, 1)),
            _certificate("nf-345", dt.date(2025, 1, 1), dt.date(2027, 1, 1)),
            _certificate("iso-9001", dt.date(2020, 1, 1), dt.date(2023, 1, 1)),
            _certificate(
                "lrs", dt.date(2025, 1, 1), dt.date(2028, 1, 1), status=CertificateStatus.SUSPENDED
            ),
        ],
    )
    criteria = BuyerCriteria(results_obligation=Need.PREFER, valid_through=dt.date(2030, 12, 31))
    ranking = rank_vendors([vendor], criteria, on=on)
    [(_, held)] = _timeline(ranking, criteria)
    assert [h.state for h in held] == ["counting", "lapsing", "lapsed", "not-counting"]
    render_report(ranking, samples=10)


def test_stability_knockouts_warnings_and_the_record(demo: Ranking, page: str) -> None:
    stability = _text(page[page.index('id="stability"') : page.index('id="findings"')])
    for heading in ("Weight ranges", "Tipping points", "Rank acceptability"):
        assert heading in stability
    assert "33.63" in stability  # price's low bound and Hermine Écoute's tipping weight
    findings = _text(page[page.index('id="findings"') : page.index('id="record"')])
    for entry in demo:
        for finding in (*entry.score.knockouts, *entry.score.warnings, *entry.score.not_counted):
            assert re.sub(r"\s+", " ", str(finding)) in findings
    for warning in demo.warnings:
        assert str(warning) in findings
    record = page[page.index('id="record"') :]
    digest = re.search(r'class="digest">([0-9a-f]{64})<', record)
    assert digest is not None
    # Made from a ranking alone: the record replays on its own (the vendors are in
    # ranking order, not in a file's), and the page does not offer --inputs.
    assert "callcenter-certs replay decision-record.json<" in html.unescape(record)


def test_the_embedded_record_is_the_digest_shown_and_it_replays(page: str, tmp_path: Path) -> None:
    uri = re.search(
        r'href="data:application/json;base64,([^"]+)" download="decision-record.json"', page
    )
    assert uri is not None
    path = tmp_path / "decision-record.json"
    path.write_bytes(base64.b64decode(uri.group(1)))
    record = load_record(path)
    assert f'class="digest">{record.digest}<' in page
    assert replay(record).matches


def _record_json(page: str) -> dict[str, Any]:
    """The decision record a page embeds, as JSON."""
    uri = re.search(
        r'href="data:application/json;base64,([^"]+)" download="decision-record.json"', page
    )
    assert uri is not None
    document: dict[str, Any] = json.loads(base64.b64decode(uri.group(1)))
    return document


def test_a_record_given_is_the_one_embedded(demo: Ranking) -> None:
    vendors = load_vendors(DEMO_VENDORS)
    record = make_record(vendors, load_criteria(DEMO_CRITERIA), demo)
    assert record.digest is not None
    assert record.digest in render_report(demo, record=record, samples=10)
    other = rank_vendors(vendors[:3], load_criteria(DEMO_CRITERIA), on=_DEMO_DATE)
    with pytest.raises(InputError, match="not the record of this ranking"):
        render_report(other, record=record)


# -- a page that stands alone, and the same every time ----------------------------------


def test_the_page_loads_nothing_from_outside(page: str) -> None:
    assert "<script" not in page
    assert "<link" not in page
    assert "@import" not in page
    assert not re.search(r"""(?:src|href)=["'](?!data:|#)""", page)
    assert not re.search(r"url\(", page)
    assert "http://" not in _text(page)
    assert "https://" not in page


def test_the_page_prints_with_no_chart_cut_across_pages(page: str) -> None:
    style = page[page.index("<style>") : page.index("</style>")]
    assert "@media print" in style
    assert "@page" in style
    assert re.search(r"figure[^{]*\{[^}]*break-inside: avoid", style)


def test_one_ranking_gives_one_page_byte_for_byte(
    demo: Ranking, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The embedded record is dated when it is made: SOURCE_DATE_EPOCH fixes that moment.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    first = render_report(demo, samples=500)
    assert render_report(demo, samples=500) == first
    assert _record_json(first)["created"] == "2026-11-18T11:06:40+00:00"


def test_the_record_is_dated_when_it_is_made(demo: Ranking) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    created = dt.datetime.fromisoformat(_record_json(render_report(demo, samples=10))["created"])
    assert before <= created <= dt.datetime.now(dt.UTC)


def _price() -> Figure:
    return Figure("price", better=Better.LOWER, scoring=Scoring.PROPORTIONAL)


def test_user_text_is_escaped_everywhere() -> None:
    nasty = 'Évil <script>alert("x")</script> & $\\alpha$ Co'
    criteria = BuyerCriteria(
        figures=[Figure("price", better=Better.LOWER, scoring=Scoring.PROPORTIONAL)],
        weights={"price": 1},
    )
    vendors = [
        Vendor(nasty, figures={"price": 100}, sites=[Site("FR", 10)]),
        Vendor("Plain", figures={"price": 120}),
    ]
    page = render_report(rank_vendors(vendors, criteria, on=dt.date(2026, 1, 1)), title=nasty)
    assert "<script>" not in page
    assert nasty in _text(page)
    assert page.count("&lt;script&gt;") >= 3  # title, heading, tables
    for svg in _images(page):
        ET.fromstring(svg)  # noqa: S314 - every chart still parses


def test_one_vendor_and_sixty_vendors_both_read() -> None:
    criteria = BuyerCriteria(
        figures=[
            Figure("price", better=Better.LOWER, scoring=Scoring.PROPORTIONAL),
            Figure("technical", out_of=20),
        ],
        weights={"price": 60, "technical": 40},
        valid_through=dt.date(2030, 12, 31),
    )
    on = dt.date(2026, 6, 1)

    def vendor(i: int) -> Vendor:
        return Vendor(
            f"Vendor number {i:02d} with a rather long trading name SAS",
            figures={"price": 1000 + 37 * i, "technical": 8 + i % 12},
            certificates=[_certificate("iso-18295-1", dt.date(2024, 1, 1 + i % 28), None)],
        )

    one = render_report(rank_vendors([vendor(1)], criteria, on=on), samples=50)
    assert "No effective weights" in one
    many = render_report(rank_vendors([vendor(i) for i in range(60)], criteria, on=on), samples=50)
    points = many[many.index('id="points"') : many.index('id="certificates"')]
    assert len(_images(points)) >= 2  # cut into charts that each fit a page
    timeline = many[many.index('id="certificates"') : many.index('id="stability"')]
    assert len(_images(timeline)) >= 3
    heights = [int(h) for h in re.findall(r'<img [^>]*height="(\d+)"', many)]
    assert max(heights) < 1000  # px at 96 dpi: less than an A4 page's printable height


# -- French -----------------------------------------------------------------------------


def test_french_is_the_whole_report(page_fr: str) -> None:
    assert page_fr.startswith('<!DOCTYPE html>\n<html lang="fr">')
    text = _text(page_fr)
    for words in (
        "Rapport d'attribution",
        "27 novembre 2026",
        "31 décembre 2030",
        "Classement",
        "Stabilité du choix",
        "Dossier de décision",
        "75,26",
        "NF EN ISO 18295-1 Centres de contact clients",  # the catalogue's name_fr
    ):
        assert words in text
    for english in ("Award report", "Ranking", "Weight ranges", "Decision record", "November"):
        assert english not in text
    findings = text[text.index("Éliminations et avertissements") :]
    assert "n'est pas détenue avec un certificat valide au 27/11/2026" in findings  # the engine's
    assert "is not held" not in findings
    assert "before the contract end" not in findings


def test_every_string_the_report_asks_for_has_a_french_translation(
    demo: Ranking, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: set[str] = set()

    def recording(lang: str) -> Callable[[str], str]:
        translate = tr(lang)

        def wrapper(message: str) -> str:
            asked.add(message)
            return translate(message)

        return wrapper

    monkeypatch.setattr(report_module, "tr", recording)
    render_report(demo, lang="fr", samples=10)
    render_report(_empty_ranking(), lang="fr", samples=10)
    catalogue = {e.msgid for e in parse_po(CATALOGUE.read_text(encoding="utf-8")) if e.msgid}
    assert asked
    assert sorted(asked - catalogue) == []


def test_the_page_template_says_only_marked_sentences() -> None:
    template = (PACKAGE / "data" / "report.html.j2").read_text(encoding="utf-8")
    used = set(re.findall(r'\bt\("((?:[^"\\]|\\.)*)"\)', template))
    assert used == set(_PAGE_WORDS)  # marked in Python, where the catalogue's test reads


def _empty_ranking() -> Ranking:
    return rank_vendors([], BuyerCriteria(), on=dt.date(2026, 1, 1))


def test_an_empty_ranking_still_makes_a_report() -> None:
    text = _text(render_report(_empty_ranking(), samples=10))
    assert "No offer is ranked." in text
    assert "none: no offer is eligible" in text
    assert "there is no winner whose stability to test" in text


# -- errors -----------------------------------------------------------------------------


def test_bad_arguments_are_input_errors(demo: Ranking) -> None:
    with pytest.raises(InputError, match="not a language"):
        render_report(demo, lang="de")
    with pytest.raises(InputError, match="not a Ranking"):
        render_report("ranking")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="does not carry its criteria"):
        render_report(Ranking(entries=demo.entries, on=demo.on))


def test_without_the_extra_the_error_gives_the_pip_command(
    demo: Ranking, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'callcenter-certs\[report\]'"):
        render_report(demo)
    err = io.StringIO()
    code = run(
        ["report", str(DEMO_VENDORS), "--criteria", str(DEMO_CRITERIA), "-o", "x.html"],
        stdout=io.StringIO(),
        stderr=err,
    )
    assert code == 2
    assert "pip install 'callcenter-certs[report]'" in err.getvalue()
    assert err.getvalue().count("\n") == 1


# -- the command line -------------------------------------------------------------------


def test_the_command_writes_the_report_and_the_record_that_replays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # the record's date, fixed
    out, err = io.StringIO(), io.StringIO()
    target, record_path = tmp_path / "award.html", tmp_path / "record.json"
    argv = ["report", str(DEMO_VENDORS), "--criteria", str(DEMO_CRITERIA), "--on", "2026-11-27"]
    argv += ["--title", "Marché <n° 42>", "--samples", "200", "-o", str(target)]
    code = run([*argv, "--record", str(record_path)], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    assert out.getvalue() == ""
    assert "report written to" in err.getvalue()
    page = target.read_text(encoding="utf-8")
    assert "<title>Marché &lt;n° 42&gt;</title>" in page
    record = load_record(record_path)
    assert f'class="digest">{record.digest}<' in page
    assert replay(record, inputs=[DEMO_VENDORS, DEMO_CRITERIA]).matches
    again = tmp_path / "again.html"
    assert run([*argv[:-1], str(again)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert again.read_text(encoding="utf-8") == page  # the same files, the same report
    assert record.created == "2026-11-18T11:06:40+00:00"
    shown = html.unescape(page)  # the command the page gives replays with these files
    assert f"replay decision-record.json --inputs {DEMO_VENDORS} {DEMO_CRITERIA}" in shown


def test_the_command_in_french_to_stdout() -> None:
    out = io.StringIO()
    argv = ["report", str(DEMO_VENDORS), "--criteria", str(DEMO_CRITERIA), "--on", "2026-11-27"]
    code = run(
        [*argv, "--lang", "fr", "--samples", "50", "-o", "-"], stdout=out, stderr=io.StringIO()
    )
    assert code == 0
    assert '<html lang="fr">' in out.getvalue()
    assert "Rapport d'attribution" in html.unescape(out.getvalue())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--lang", "de"], "invalid choice: 'de'"),
        (["--samples", "0"], "--samples: 0 is not a whole number >= 1"),
        (["--on", "2026-13-45"], "--on"),
    ],
)
def test_the_command_refuses_bad_options(extra: list[str], message: str) -> None:
    err = io.StringIO()
    argv = ["report", str(DEMO_VENDORS), "--criteria", str(DEMO_CRITERIA), "-o", "-", *extra]
    assert run(argv, stdout=io.StringIO(), stderr=err) == 2
    assert message in err.getvalue()


def test_the_command_needs_the_criteria_and_an_output() -> None:
    for argv in (
        ["report", str(DEMO_VENDORS), "-o", "-"],
        ["report", str(DEMO_VENDORS), "--criteria", str(DEMO_CRITERIA)],
    ):
        err = io.StringIO()
        assert run(argv, stdout=io.StringIO(), stderr=err) == 2
        assert "required" in err.getvalue()


def test_the_report_never_overwrites_an_input(tmp_path: Path) -> None:
    vendors = tmp_path / "vendors.json"
    vendors.write_bytes(DEMO_VENDORS.read_bytes())
    err = io.StringIO()
    argv = ["report", str(vendors), "--criteria", str(DEMO_CRITERIA), "-o", str(vendors)]
    assert run(argv, stdout=io.StringIO(), stderr=err) == 2
    assert "is the vendor file" in err.getvalue()
    assert vendors.read_bytes() == DEMO_VENDORS.read_bytes()


def test_two_processes_write_the_same_report(tmp_path: Path) -> None:
    pages = []
    for seed in ("1", "2"):
        target = tmp_path / f"award-{seed}.html"
        argv = [sys.executable, "-m", "callcenter_certs", "report", str(DEMO_VENDORS)]
        argv += ["--criteria", str(DEMO_CRITERIA), "--on", "2026-11-27", "--samples", "100"]
        environment = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1795000000"}
        subprocess.run([*argv, "-o", str(target)], check=True, env=environment, capture_output=True)
        pages.append(target.read_bytes())
    assert pages[0] == pages[1]


def test_other_commands_and_the_package_import_no_chart_library() -> None:
    code = (
        "import sys, io, json, callcenter_certs, callcenter_certs.cli as c\n"
        "c.run(['demo'], stdout=io.StringIO(), stderr=io.StringIO())\n"
        "names = ('matplotlib', 'jinja2', 'callcenter_certs.report')\n"
        "print(json.dumps([m for m in names if m in sys.modules]))\n"
        "from callcenter_certs import render_report\n"
        "print(json.dumps([m for m in names if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    after_demo, after_name = map(json.loads, done.stdout.splitlines())
    assert after_demo == []
    assert after_name == ["callcenter_certs.report"]  # matplotlib only when a report is made


def test_the_report_reads_the_sheet_asked_for_and_its_record_replays(tmp_path: Path) -> None:
    openpyxl: Any = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.remove(book.active)
    header = ["vendor", "certification", "valid_from", "valid_until"]
    for title, name in (("brouillon", "Draft Co"), ("final", "Final Co")):
        sheet = book.create_sheet(title)
        sheet.append(header)
        sheet.append([name, "iso-18295-1", "2025-01-01", "2028-01-01"])
    path = tmp_path / "offers.xlsx"
    book.save(path)
    target, record = tmp_path / "award.html", tmp_path / "record.json"
    argv = ["report", str(path), "--sheet", "final", "--criteria", str(DEMO_CRITERIA)]
    argv += ["--on", "2026-11-27", "--samples", "20", "-o", str(target), "--record", str(record)]
    err = io.StringIO()
    assert run(argv, stdout=io.StringIO(), stderr=err) == 0, err.getvalue()
    text = _text(target.read_text(encoding="utf-8"))
    assert "Final Co" in text
    assert "Draft Co" not in text
    assert replay(load_record(record), inputs=[path, DEMO_CRITERIA]).matches


def test_french_names_certifications_in_french(page_fr: str) -> None:
    text = _text(page_fr)
    assert "EcoVadis medal" not in text  # an English short name
    assert "Notation et médaille EcoVadis" in text
    assert "EcoVadis medal" not in html.unescape(page_fr)  # nor in the charts' alt texts


def test_french_counts_offers_with_french_plurals(demo: Ranking) -> None:
    one = rank_vendors([demo[0].vendor], demo.criteria or BuyerCriteria(), on=demo.on)
    assert "1 classée, 0 éliminée" in _text(render_report(one, lang="fr", samples=10))
    assert "7 classées, 3 éliminées" in _text(render_report(demo, lang="fr", samples=10))
