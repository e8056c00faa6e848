"""The layers hold: edges -> engine -> records, no cycle, as docs/architecture.md says.

Cross-cutting: the whole package's imports, not one module's tests.
"""

import ast
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "callcenter_certs"
LEVEL = {"records": 0, "engine": 1, "edges": 2}


def _layers() -> dict[str, str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- layers:start -->\n(.*?)<!-- layers:end -->", text, re.DOTALL)
    assert table is not None
    rows = re.findall(r"^\| `([\w.]+)` \| (\w+) \|$", table.group(1), re.MULTILINE)
    return dict(rows)


def _modules() -> dict[str, Path]:
    """Every module of the package, by dotted name relative to the package."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _from_import(node: ast.ImportFrom, package: list[str | Any]) -> set[str]:
    """What ``from X import a, b`` names in the package, ``X`` made absolute."""
    if node.level:
        base = package[: len(package) - (node.level - 1)]
        module = ".".join([*base, *(node.module.split(".") if node.module else [])])
    elif node.module and node.module.startswith("callcenter_certs"):
        module = node.module.removeprefix("callcenter_certs").lstrip(".")
    else:
        return set()
    found = {module} if module else set()  # ``from . import x`` imports x, not the package
    found.update(f"{module}.{a.name}" if module else a.name for a in node.names)
    return found


def _other_import(node: ast.AST) -> set[str]:
    """What ``import callcenter_certs.x`` or ``import_module("callcenter_certs.x")`` names."""
    if isinstance(node, ast.Import):
        return {
            a.name.removeprefix("callcenter_certs.")
            for a in node.names
            if a.name.startswith("callcenter_certs.")
        }
    if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("import_module"):
        return {
            arg.value.removeprefix("callcenter_certs").lstrip(".")
            for arg in node.args
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        }
    return set()


def _imports(path: Path, name: str) -> set[str]:
    """The package's modules that ``name`` imports at run time (any depth of the tree)."""
    parts = [] if name == "__init__" else name.split(".")
    package = parts if path.name == "__init__.py" else parts[:-1]
    targets: set[str] = set()
    pending: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while pending:
        for child in ast.iter_child_nodes(pending.pop()):
            if _is_type_checking(child):  # for type checkers only: no import at run time
                continue
            if isinstance(child, ast.ImportFrom):
                targets |= _from_import(child, package)
            else:
                targets |= _other_import(child)
            pending.append(child)
    return targets


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: {t for t in _imports(path, name) if t in modules and t != name}
        for name, path in modules.items()
    }


def _layer(name: str, layers: dict[str, str]) -> str:
    while name not in layers and "." in name:
        name = name.rsplit(".", 1)[0]
    return layers[name]


def test_every_module_has_a_layer() -> None:
    layers = _layers()
    missing = [m for m in _modules() if m not in layers and m.split(".")[0] not in layers]
    assert missing == [], "give each module a row in docs/architecture.md"
    assert set(layers.values()) <= set(LEVEL)


def test_no_import_runs_against_the_layers() -> None:
    layers = _layers()
    wrong = [
        f"{name} ({_layer(name, layers)}) imports {target} ({_layer(target, layers)})"
        for name, targets in _graph().items()
        for target in sorted(targets)
        if LEVEL[_layer(target, layers)] > LEVEL[_layer(name, layers)]
    ]
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = _graph()
    state: dict[str, str] = {}
    cycles: list[str] = []

    def walk(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph[node]):
            if target == "__init__" or node == "__init__":
                continue  # the package imports everything; submodules import its name only
            if state.get(target) == "open":
                cycles.append(" -> ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                walk(target, [*stack, target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    assert cycles == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .scoring import x\n", {"scoring", "scoring.x"}),
        ("def f():\n    from . import loaders\n", {"loaders"}),
        ("if TYPE_CHECKING:\n    from .ranking import Ranking\n", set()),
        ("import importlib\nimportlib.import_module('callcenter_certs.cli')\n", {"cli"}),
    ],
)
def test_the_walk_sees_every_kind_of_import(
    tmp_path: Path, source: str, expected: set[str]
) -> None:
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    assert _imports(path, "module") == expected


_NO_LOGIC = {
    "__init__": "the package's table of names: every test goes through it",
    "__main__": "python -m callcenter_certs: one call to the command line",
    "_version": "the version string",
}


def test_every_module_with_logic_has_its_test_file() -> None:
    """``tests/test_NAME.py`` per module (``_text`` -> ``test_text``, ``formats.csv`` ->
    ``test_formats_csv``): tests mirror the modules; features across them have their own."""
    missing = []
    for name in sorted(_modules()):
        test = ROOT / "tests" / f"test_{name.replace('.', '_').lstrip('_')}.py"
        if name not in _NO_LOGIC and not test.exists():
            missing.append(f"{name}: {test.name}")
    assert missing == []
