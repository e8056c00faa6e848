"""The docs cannot rot: generated sections match the data, and examples run.

Run with ``UPDATE_DOCS=1`` to rewrite the generated sections from the data.
Cross-cutting: the pages of docs/, not one module's tests.
"""

import io
import os
import pkgutil
import re
import shlex
import shutil
from pathlib import Path

import pytest

import callcenter_certs
from callcenter_certs.cli import run
from callcenter_certs.formats import _format_table
from callcenter_certs.tables import _entry_details, distinctions_table

DOCS = Path(__file__).parent.parent / "docs"


def _sections() -> dict[str, tuple[str, str]]:
    return {
        "table": ("certifications.md", distinctions_table().to_markdown()),
        "details": ("certifications.md", _entry_details()),
        "formats": ("files.md", _format_table()),
    }


@pytest.mark.parametrize("name", ["table", "details", "formats"])
def test_generated_sections_match_their_data(name: str) -> None:
    """The generated sections of the docs are what the data says (catalogue, formats)."""
    page_name, expected = _sections()[name]
    page = DOCS / page_name
    text = page.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name}:start -->\n)(.*?)(<!-- {name}:end -->)", re.DOTALL)
    expected += "\n"
    if os.environ.get("UPDATE_DOCS"):
        text = pattern.sub(lambda m: m.group(1) + expected + m.group(3), text)
        page.write_text(text, encoding="utf-8")
    match = pattern.search(text)
    assert match is not None
    assert match.group(2) == expected, "run UPDATE_DOCS=1 pytest tests/test_docs.py"


_BLOCK = re.compile(r"```python\n(.*?)```(?:\n\nIt prints:\n\n```text\n(.*?)```)?", re.DOTALL)


def _python_blocks(page: Path) -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(page.read_text(encoding="utf-8"))]


_PAGES = {f"docs/{p.name}": p for p in DOCS.glob("*.md")} | {"README.md": DOCS.parent / "README.md"}


@pytest.mark.parametrize("page", sorted(n for n, p in _PAGES.items() if _python_blocks(p)), ids=str)
def test_python_examples_run(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every ```python block runs, in order; an "It prints:" block is its exact output.

    Blocks run in a temporary directory holding a copy of ``docs/examples``.
    """
    shutil.copytree(DOCS / "examples", tmp_path / "docs" / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block, expected in _python_blocks(_PAGES[page]):
        capsys.readouterr()
        exec(compile(block, page, "exec"), namespace)  # noqa: S102 - our own docs
        printed = capsys.readouterr().out
        if expected is not None:
            assert printed == expected


_CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)
ROOT = DOCS.parent


def _console_examples() -> list[tuple[str, str, str]]:
    examples = []
    for page in sorted(DOCS.glob("*.md")):
        for block in _CONSOLE.findall(page.read_text(encoding="utf-8")):
            for chunk in block.split("$ ")[1:]:
                command, _, output = chunk.partition("\n")
                examples.append((page.name, command, output))
    return examples


@pytest.mark.parametrize(("page", "command", "output"), _console_examples())
def test_console_examples_print_what_the_page_shows(
    page: str, command: str, output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ``$ callcenter-certs ...`` line of a console block prints exactly what follows it."""
    assert page
    argv = shlex.split(command)
    assert argv[0] == "callcenter-certs"
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    run(argv[1:], stdout=out, stderr=io.StringIO())
    if os.environ.get("UPDATE_DOCS") and out.getvalue() != output:
        path = DOCS / page
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace(f"$ {command}\n{output}", f"$ {command}\n{out.getvalue()}"),
            encoding="utf-8",
        )
    assert out.getvalue() == output


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")), ids=str)
def test_pages_have_a_title_and_closed_fences(page: str) -> None:
    """A page opens with its title (or includes one), and every code fence is closed.

    An example whose opening fence is lost is no longer checked by the tests above.
    """
    text = (DOCS / page).read_text(encoding="utf-8")
    assert text.startswith(("# ", '--8<-- "'))
    fences = [line for line in text.splitlines() if line.startswith("```")]
    assert len(fences) % 2 == 0
    assert all(line != "```" for line in fences[::2]), "an opening fence names its language"


def test_dir_lists_what_the_api_page_documents() -> None:
    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    targets = re.findall(r"^::: callcenter_certs\.([\w.]+)$", page, re.MULTILINE)
    listed = set(dir(callcenter_certs))
    for target in targets:
        assert target.split(".")[0] in listed, target
        assert pkgutil.resolve_name(f"callcenter_certs.{target}") is not None
    documented = {target.split(".")[0] for target in targets}
    assert set(callcenter_certs.__all__) - {"__version__"} <= documented
    for name in listed:
        assert getattr(callcenter_certs, name) is not None, name
    assert callcenter_certs.rules.built_in is not None


_SPHINX_ROLE = re.compile(r":(?:class|func|data|attr|meth|mod|exc|obj|const|ref):`")


def test_docstrings_use_markdown_cross_references_not_sphinx_roles() -> None:
    # mkdocstrings renders a Sphinx role as literal text; write [`Name`][callcenter_certs.Name].
    package = DOCS.parent / "src" / "callcenter_certs"
    found = [
        f"{path.relative_to(package)}:{number}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _SPHINX_ROLE.search(line)
    ]
    assert found == []
