"""The layers import one way (text → state → content → terminal → commands and ui → cli), with no
circle, not even one for typing only: every import counts, at the top of a module, inside a
function or under ``if TYPE_CHECKING``."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What each layer may not import (a lower layer never imports a higher one).
FORBIDDEN = {
    "reader.text": ("reader.state", "reader.content", "reader.terminal", "reader.commands",
                    "reader.ui", "reader.cli"),
    "reader.state": ("reader.content", "reader.terminal", "reader.commands", "reader.ui",
                     "reader.cli"),
    "reader.content": ("reader.terminal", "reader.commands", "reader.ui", "reader.cli"),
    # what is known of terminals, shared by the command line and the app: no Textual
    "reader.terminal": ("reader.commands", "reader.ui", "reader.cli", "textual"),
    "reader.commands": ("reader.ui", "reader.cli"),
    "reader.ui": ("reader.cli",),
    # inside the app: the Textual-free decisions and the widgets know no feature
    "reader.ui.decisions": ("reader.ui.widgets", "reader.ui.screens", "reader.ui.controllers",
                            "reader.ui.app", "textual"),
    "reader.ui.widgets": ("reader.ui.screens", "reader.ui.controllers", "reader.ui.app"),
    "reader.ui.screens": ("reader.ui.controllers", "reader.ui.app"),
    "reader.ui.controllers": ("reader.ui.app",),
}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in (ROOT / "reader").rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    return modules


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module ``path`` imports (of reader's own, and the top package of others)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_layer_imports_a_higher_one() -> None:
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        for layer, forbidden in FORBIDDEN.items():
            if name == layer or name.startswith(layer + "."):
                wrong += [(name, target) for target in _imports(path, modules)
                          if any(target == f or target.startswith(f + ".") for f in forbidden)]
    assert not wrong


def test_no_import_circle() -> None:
    modules = _modules()
    graph = {name: {t for t in _imports(path, modules) if t in modules and t != name}
             for name, path in modules.items()}
    # Depth-first search: a module met again while still on the path closes a circle.
    state: dict[str, int] = {}  # 1: on the path, 2: done
    circles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not circles
