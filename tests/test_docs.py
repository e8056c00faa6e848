"""The docs cannot rot: generated sections match the data, and examples run.

Run with ``UPDATE_DOCS=1`` to rewrite the generated sections from the data.
"""

import os
import re
from pathlib import Path

import pytest

from callcenter_certs.tables import distinctions_table, entry_details

DOCS = Path(__file__).parent.parent / "docs"


def _sections():
    return {
        "table": distinctions_table().to_markdown(),
        "details": entry_details(),
    }


@pytest.mark.parametrize("name", ["table", "details"])
def test_certifications_page_matches_catalogue(name):
    """The table and the details in certifications.md are what the catalogue says."""
    page = DOCS / "certifications.md"
    text = page.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name}:start -->\n)(.*?)(<!-- {name}:end -->)", re.DOTALL)
    expected = _sections()[name] + "\n"
    if os.environ.get("UPDATE_DOCS"):
        text = pattern.sub(lambda m: m.group(1) + expected + m.group(3), text)
        page.write_text(text, encoding="utf-8")
    match = pattern.search(text)
    assert match is not None
    assert match.group(2) == expected, "run UPDATE_DOCS=1 pytest tests/test_docs.py"


def _python_blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize(
    "page", sorted(p.name for p in DOCS.glob("*.md") if _python_blocks(p)), ids=str
)
def test_python_examples_run(page, tmp_path, monkeypatch, capsys):
    """Every ```python block of a page runs, in order, in one namespace."""
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in _python_blocks(DOCS / page):
        exec(compile(block, f"docs/{page}", "exec"), namespace)  # noqa: S102 - our own docs
    capsys.readouterr()
