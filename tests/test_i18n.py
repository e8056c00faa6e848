"""The French catalogue (#15): complete, not stale, placeholders kept, shipped and read.

Every sentence marked in the source (``tr(lang)("...")`` and its local alias
``_("...")``, ``ntr(lang)(s, p, n)``, ``N_("...")``, ``msg("...")``, ``nmsg(s, p, n)``)
must have a French translation in ``locale/fr/LC_MESSAGES/callcenter_certs.po``, and
every entry there must still be marked somewhere. A failure lists the entries to add
or remove, ready to paste. See docs/translating.md.
"""

from __future__ import annotations

import ast
import gettext
import io
import os
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from callcenter_certs import CATALOG
from callcenter_certs._i18n import (
    PoEntry,
    catalogue_path,
    certification_name,
    check_lang,
    compile_po,
    format_date,
    format_number,
    msg,
    nmsg,
    ntr,
    parse_po,
    text_of,
    tr,
    translations,
)
from callcenter_certs.errors import InputError

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "callcenter_certs"
PO = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "callcenter_certs.po"

_SINGULAR = {"N_", "msg", "_"}
_PLURAL = {"nmsg"}
_CALLED = {"tr": "_", "ntr": "nmsg"}
"""``tr(lang)("...")`` marks as ``_`` does, ``ntr(lang)(s, p, n)`` as ``nmsg``."""

Key = tuple[str, str | None]


def _marker(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Call) and isinstance(func.func, ast.Name):
        return _CALLED.get(func.func.id)
    return None


def _text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract(package: Path = PACKAGE) -> dict[Key, str]:
    """Every marked sentence of the package (and its plural), with where it is first marked."""
    found: dict[Key, str] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(package.parent.parent).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            marker = _marker(node)
            if marker in _SINGULAR and (text := _text(node.args[0])) is not None:
                found.setdefault((text, None), where)
            elif marker in _PLURAL and len(node.args) >= 2:
                singular, plural = _text(node.args[0]), _text(node.args[1])
                if singular is not None and plural is not None:
                    found.setdefault((singular, plural), where)
    return found


def _entries() -> list[PoEntry]:
    return parse_po(PO.read_text(encoding="utf-8"))


def _by_key() -> dict[Key, PoEntry]:
    return {(e.msgid, e.msgid_plural): e for e in _entries() if e.msgid}


def _po_text(key: Key, where: str) -> str:
    singular, plural = key
    lines = [f"#: {where}", f"msgid {_quoted(singular)}"]
    if plural is None:
        lines.append('msgstr ""')
    else:
        lines += [f"msgid_plural {_quoted(plural)}", 'msgstr[0] ""', 'msgstr[1] ""']
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def test_the_extraction_finds_the_marks() -> None:
    found = extract()
    assert len(found) > 100
    assert ("{n} warning", "{n} warnings") in found  # ntr(lang)(...)
    assert ("Knock-outs:", None) in found  # N_(...)
    assert ("the {cid} certificate", None) in found  # msg(...)
    assert ("rank {rank} of {count}", None) in found  # _ = tr(lang); _(...)


def test_every_marked_sentence_has_a_french_translation() -> None:
    entries = _by_key()
    missing = [
        _po_text(key, where)
        for key, where in extract().items()
        if key not in entries or not all(entries[key].msgstr) or entries[key].fuzzy
    ]
    assert not missing, "translate these in " + str(PO) + ":\n\n" + "\n\n".join(missing)


def test_no_entry_of_the_catalogue_is_obsolete() -> None:
    marked = extract()
    stale = [
        e.msgid
        for e in _entries()
        if e.msgid and (e.obsolete or (e.msgid, e.msgid_plural) not in marked)
    ]
    assert not stale, f"no longer marked in the source: remove them from {PO}: {stale}"


def test_the_catalogue_has_each_sentence_once() -> None:
    keys = [(e.msgid, e.msgid_plural) for e in _entries()]
    assert len(keys) == len(set(keys))


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_placeholders_in_each_translation_match_the_english() -> None:
    wrong = []
    for entry in _entries():
        if not entry.msgid:
            continue
        for english, french in zip(
            (entry.msgid, entry.msgid_plural or entry.msgid), entry.msgstr, strict=False
        ):
            if set(_fields(english)) != set(_fields(french)):
                wrong.append(f"{entry.msgid!r}: {_fields(english)} != {_fields(french)}")
        if entry.msgid_plural is not None:
            assert len(entry.msgstr) == 2, entry.msgid  # French: two forms
    assert not wrong, "\n".join(wrong)


def test_the_header_says_french_and_its_plural_forms() -> None:
    header = _entries()[0]
    assert header.msgid == ""
    assert "Language: fr\n" in header.msgstr[0]
    assert "Content-Type: text/plain; charset=UTF-8\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n > 1);\n" in header.msgstr[0]


def test_plural_forms_follow_french_rules() -> None:
    plural = ntr("fr")
    assert plural("{n} warning", "{n} warnings", 0) == "{n} avertissement"
    assert plural("{n} warning", "{n} warnings", 1) == "{n} avertissement"
    assert plural("{n} warning", "{n} warnings", 2) == "{n} avertissements"
    assert ntr("en")("{n} warning", "{n} warnings", 0) == "{n} warnings"


def test_the_compiled_catalogue_reads_as_babel_compiles_it() -> None:
    """Our in-memory ``.mo`` against Babel's (a test dependency, via mkdocs-material)."""
    mofile = pytest.importorskip("babel.messages.mofile")
    pofile = pytest.importorskip("babel.messages.pofile")
    text = PO.read_text(encoding="utf-8")
    ours = gettext.GNUTranslations(io.BytesIO(compile_po(text)))
    buffer = io.BytesIO()
    mofile.write_mo(buffer, pofile.read_po(io.StringIO(text)))
    buffer.seek(0)
    theirs = gettext.GNUTranslations(buffer)
    for entry in _entries()[1:]:
        if entry.msgid_plural is None:
            assert ours.gettext(entry.msgid) == theirs.gettext(entry.msgid) == entry.msgstr[0]
        else:
            for n in (1, 2):
                got = ours.ngettext(entry.msgid, entry.msgid_plural, n)
                assert got == theirs.ngettext(entry.msgid, entry.msgid_plural, n)
    assert ours.info()["plural-forms"] == theirs.info()["plural-forms"]


def test_the_po_reader_takes_what_gettext_tools_write() -> None:
    text = (
        '# a comment\nmsgid ""\nmsgstr "Language: fr\\n"\n\n'
        '#, fuzzy\nmsgid "draft"\nmsgstr "brouillon"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "un"\nmsgstr[1] "plusieurs"\n'
        '#: a.py\nmsgid "long "\n"line"\nmsgstr "longue "\n"ligne \\"citée\\""\n'
        'msgid "untranslated"\nmsgstr ""\n'
        '#~ msgid "old"\n#~ msgstr "vieux"\n'
    )
    entries = parse_po(text)
    assert [e.msgid for e in entries] == ["", "draft", "one", "long line", "untranslated", "old"]
    assert entries[1].fuzzy
    assert entries[2].msgstr == ("un", "plusieurs")
    assert entries[3].msgstr == ('longue ligne "citée"',)
    assert entries[5].obsolete
    compiled = gettext.GNUTranslations(io.BytesIO(compile_po(text)))
    assert compiled.gettext("draft") == "draft"  # fuzzy: left out
    assert compiled.gettext("long line") == 'longue ligne "citée"'
    assert compiled.gettext("untranslated") == "untranslated"
    assert compiled.gettext("old") == "old"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('"orphan"\n', "line 1: a continued string outside an entry"),
        ('msgctxt "x"\n', "line 1: unknown keyword 'msgctxt'"),
        ("msgid unquoted\n", "line 1: 'unquoted' is not a quoted string"),
    ],
)
def test_a_malformed_po_file_is_refused_with_its_line(text: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        parse_po(text)


def test_the_interface_of_the_languages() -> None:
    assert check_lang("fr") == "fr"
    with pytest.raises(InputError, match="'de' is not a language of the output: use 'en' or 'fr'"):
        check_lang("de")
    assert tr("en")("met") == "met"
    assert tr("fr")("met") == "satisfait"
    assert translations("fr") is translations("fr")  # loaded once
    assert translations("en").gettext("met") == "met"
    assert format_number("1,180,000.5", "fr") == "1\u00a0180\u00a0000,5"
    assert format_number("12.50", "fr") == "12,50"
    assert format_number("12.50", "en") == "12.50"
    assert format_date(__import__("datetime").date(2026, 6, 30), "fr") == "30/06/2026"
    assert certification_name("nf-345", "en") == "nf-345"
    assert certification_name("nf-345", "fr") == CATALOG["nf-345"].name_fr
    assert certification_name("not-in-the-catalogue", "fr") == "not-in-the-catalogue"


def test_a_message_says_its_values_in_the_language() -> None:
    message = msg("its status is {status}", status=msg("suspended"))
    assert str(message) == message.text() == "its status is suspended"
    assert message.text("fr") == "son statut est « suspendu »"
    counted = nmsg("{n} warning", "{n} warnings", 3)
    assert counted.text() == "3 warnings"
    assert counted.text("fr") == "3 avertissements"


def test_english_needs_no_gettext() -> None:
    """The package, a ranking and its English words: gettext is never imported."""
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from callcenter_certs import BuyerCriteria, HeldCertificate, Vendor, rank_vendors\n"
        "v = Vendor('A', [HeldCertificate('nf-345', date(2020, 1, 1))])\n"
        "r = rank_vendors([v], BuyerCriteria(required=['nf-345']), on=date(2026, 1, 1))\n"
        "r.explain()\n"
        "assert 'gettext' not in sys.modules, 'gettext imported'\n"
        "r.explain(lang='fr')\n"
        "assert 'gettext' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_built_wheel_ships_the_catalogue_and_speaks_french(tmp_path: Path) -> None:
    """``pip wheel . --no-deps``: the ``.po`` file is in the wheel, and French works from it."""
    wheels = tmp_path / "wheels"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
        check=True,
        timeout=600,
        env=env,
    )
    (wheel,) = wheels.glob("callcenter_certs-*.whl")
    name = "callcenter_certs/locale/fr/LC_MESSAGES/callcenter_certs.po"
    with zipfile.ZipFile(wheel) as archive:
        assert name in archive.namelist()
        assert archive.read(name) == PO.read_bytes()
        archive.extractall(tmp_path / "installed")
    code = (
        "import io, callcenter_certs\n"
        "from callcenter_certs.cli import run\n"
        f"assert callcenter_certs.__file__.startswith({str(tmp_path / 'installed')!r})\n"
        "out = io.StringIO()\n"
        "assert run(['demo', '--lang', 'fr'], stdout=out, stderr=io.StringIO()) == 0\n"
        "assert out.getvalue().startswith('rang  soumissionnaire'), out.getvalue()\n"
    )
    path = os.pathsep.join([str(tmp_path / "installed"), *sys.path])
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        timeout=120,
        env={**env, "PYTHONPATH": path},
        cwd=tmp_path,
    )


def test_the_catalogue_is_the_packaged_file() -> None:
    assert Path(str(catalogue_path("fr"))) == PO


def test_an_empty_template_is_empty_in_french_too() -> None:
    """gettext keeps its catalogue's header under the empty msgid: it is no sentence."""
    assert msg("").text("fr") == ""
    assert text_of("", "fr") == ""
