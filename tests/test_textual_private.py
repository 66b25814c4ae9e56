"""Every private Textual name the reader uses (reader/ui/textual_private.py) is still there in
the installed Textual: a release that drops or renames one fails here, by name."""

from __future__ import annotations

import importlib
import inspect

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.timer import Timer
from textual.widgets import Input, OptionList

from reader.ui import textual_private
from reader.ui.textual_private import PRIVATE_NAMES

OWNERS: dict[str, object] = {"App": App, "Input": Input, "CommandPalette": CommandPalette,
                             "OptionList": OptionList, "Timer": Timer}
# The private methods the reader overrides or calls, with the parameters it passes.
SIGNATURES = {
    ("App", "_handle_exception"): ["self", "error"],
    ("App", "_display"): ["self", "screen", "renderable"],
    ("CommandPalette", "_start_no_matches_countdown"): ["self", "search_value"],
    ("CommandPalette", "_stop_no_matches_countdown"): ["self"],
    ("Input", "_cell_offset_to_index"): ["self", "offset"],
}


def _instance(owner: str) -> object:
    if owner == "App":
        return App()
    if owner == "Timer":
        return Timer(App(), 1.0)
    palette = CommandPalette()
    return palette


@pytest.mark.parametrize(("where", "name"), PRIVATE_NAMES,
                         ids=[f"{where}.{name}" for where, name in PRIVATE_NAMES])
def test_the_private_name_is_still_there(where: str, name: str) -> None:
    if where.startswith("textual."):
        holder: object = importlib.import_module(where)
    elif where.endswith(" instance"):
        holder = _instance(where.removesuffix(" instance"))
    else:
        holder = OWNERS[where]
    assert hasattr(holder, name), f"Textual no longer has {where}.{name} (see " \
        f"reader/ui/textual_private.py)"
    expected = SIGNATURES.get((where, name))
    if expected is not None:
        assert list(inspect.signature(getattr(holder, name)).parameters) == expected, \
            f"{where}.{name} takes other arguments now"


def test_no_private_name_is_used_outside_the_adapter() -> None:
    """In reader/, only textual_private.py imports from ``textual._...``, reads one of the
    listed names or defines a method of that name."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "reader"
    names = {name for _where, name in PRIVATE_NAMES if name.startswith("_")}
    for path in root.rglob("*.py"):
        if path.name == "textual_private.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("textual._"), (path, node.module)
            elif isinstance(node, ast.Attribute):
                assert node.attr not in names, (path, node.attr)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.name not in names, (path, node.name)


def test_the_timer_loop_replaced_is_the_one_read() -> None:
    """The loop put in place of Textual's ``Timer._run`` is Textual's, but for the count of
    missed ticks: a release that changes that loop is not patched (and fails here)."""
    import ast
    import textwrap

    assert textual_private.tick_on_time()
    original = textual_private.Timer._run  # (replaced now: read Textual's from its file)
    import textual.timer

    tree = ast.parse(inspect.getsource(textual.timer))
    theirs = next(node for node in ast.walk(tree)
                  if isinstance(node, ast.AsyncFunctionDef) and node.name == "_run")
    ours = ast.parse(textwrap.dedent(inspect.getsource(original))).body[0]
    assert isinstance(ours, ast.AsyncFunctionDef)
    for function in (theirs, ours):
        function.body = [statement for statement in function.body if not (
            isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))]
        function.name = "_run"
        function.args.args[0].annotation = None
        function.returns = None
    changed = [(a, b) for a, b in zip(ast.dump(theirs).split("Assign("),
                                      ast.dump(ours).split("Assign("), strict=True) if a != b]
    assert len(changed) == 1 and "ticks_missed" in changed[0][1], changed


def test_a_timer_that_missed_ticks_ticks_again_on_the_next_beat() -> None:
    """Paused for 10.3 beats, resumed: the next tick is at beat 11, not 12."""
    assert textual_private.ticks_missed(100.0, 1 / 60, 100.0 + 10.3 / 60) == 10
    missed = textual_private.ticks_missed(0.0, 2.0, 20.6)
    next_tick = 0.0 + (missed + 1) * 2.0
    assert 20.6 < next_tick <= 20.6 + 2.0
