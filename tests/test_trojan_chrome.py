"""Trojan Source in the chrome: a value holding bidi controls (a link to
``http://x/\\u2069\\u202eevil``) is shown with its controls visible, on every surface that shows
values, and never reorders the line it is in (reader.text.chrome is the one module that lays
chrome out; reader.text.safe makes the controls visible).

Without it the status line showed the link as ``http://x/m13]␛live``: the PDI closed the
value's isolate, and the RLO reversed what followed."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.command import CommandList

from reader.cli import main
from reader.state.positions import PositionStore
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.annotate_dialog import ConfirmDialog
from reader.ui.screens.chooser import ChooseTarget
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.entry_list import EntryList
from tests.waiting import panel_built, wait_until

TROJAN = "http://x/\u2069\u202eevil"
SHOWN = "http://x/\u27e6PDI\u27e7\u27e6RLO\u27e7evil"  # in logical order, left to right
T = r"http://x/\u2069\u202eevil"  # as the TOML file spells it

DOCUMENT = ("The first claim is here in the text.\n"
            "The second claim is over there.\n"
            "And the answer to both of them.\n")
ANNOTATIONS = f'''document = "doc.txt"

[[entity]]
id = "a"
name = "Ann {T}"
kind = "person"

[[claim]]
id = "c1"
speaker = "a"
label = "see {T}"
anchor = "first claim"

[[claim]]
id = "c2"
speaker = "a"
label = "also {T}"
anchor = "second claim"

[[rebuttal]]
id = "r1"
speaker = "a"
label = "answer"
answers = ["c1", "c2"]
anchor = "the answer"
'''


def assert_safe(shown: str, value: str = SHOWN) -> None:
    """The value's controls are shown, in order, and none of them is left to act."""
    assert value in shown, shown
    assert "\u202e" not in shown and "live" not in shown, shown


def _files(tmp_path: Path, annotations: str = ANNOTATIONS) -> tuple[Path, Path]:
    (tmp_path / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "doc.toml").write_text(annotations, encoding="utf-8")
    return tmp_path / "doc.txt", tmp_path / "doc.toml"


def _app(tmp_path: Path, annotations: str = ANNOTATIONS) -> ReaderApp:
    document, toml = _files(tmp_path, annotations)
    return create_app(document, toml, positions=PositionStore(tmp_path / "state"))


def _bidi_lines(widget: BidiText) -> str:
    return "\n".join(visual for visual, *_ in widget._lines(widget.content_size.width or 80))


def _entry_rows(entries: EntryList) -> str:
    entries._ensure_rows()
    return "\n".join("".join(s.text for s in entries.render_line(y))
                     for y in range(len(entries._rows)))


async def test_status_line(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.query_one(ArticleView).post_message(ArticleView.LinkHovered(TROJAN))
        status = app.query_one("#status", BidiText)
        await wait_until(pilot, lambda: "x/" in _bidi_lines(status), what="the link's URL")
        assert_safe(_bidi_lines(status))


async def test_panel(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await panel_built(pilot)
        claims = app.query_one("#claim-list", EntryList)
        claims.display = True
        await pilot.pause()
        assert_safe(_entry_rows(claims))


async def test_chooser(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*["right_square_bracket"] * 3)
        assert app.navigation.focused_entry == "r1"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChooseTarget))
        assert_safe(_entry_rows(app.screen.query_one(EntryList)))


async def test_dialog(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.pause()
        assert_safe("\n".join(_bidi_lines(widget) for widget in app.screen.query(BidiText)))


async def test_palette(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"see")

        def prompts() -> str:
            lists = app.screen.query(CommandList)
            if not lists:
                return ""
            options = lists.first().options
            return "\n".join(str(Text.from_markup(o.prompt).plain) if isinstance(o.prompt, str)
                             else getattr(o.prompt, "plain", str(o.prompt)) for o in options)

        await wait_until(pilot, lambda: "x/" in prompts(), what="the claim in the palette")
        assert_safe(prompts())


async def test_notification(tmp_path: Path) -> None:
    """A problem quoted at start: the claim's anchor is not in the text."""
    broken = ANNOTATIONS.replace('anchor = "first claim"', f'anchor = "not here {T}"')
    app = _app(tmp_path, broken)
    assert app.found.problems
    async with app.run_test(size=(160, 30)) as pilot:
        await wait_until(pilot, lambda: app.notices.shown(), what="the notification")
        assert_safe("\n".join(app.notices.shown()))


async def test_help(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        assert_safe(_bidi_lines(app.screen.query_one("#help-legend", BidiText)))


@pytest.mark.parametrize("command", ["check", "render"])
def test_command_line_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               command: str) -> None:
    """``reader check``'s report of a problem quoting the value, and an error naming a
    file."""
    if command == "check":
        broken = ANNOTATIONS.replace('anchor = "first claim"', f'anchor = "not here {T}"')
        _document, toml = _files(tmp_path, broken)
        main(["check", str(toml)])
    else:
        assert main(["render", str(tmp_path / "x\u2069\u202eevil.txt")]) != 0
    captured = capsys.readouterr()
    assert_safe(captured.out + captured.err,
                SHOWN if command == "check" else "x\u27e6PDI\u27e7\u27e6RLO\u27e7evil")


def test_one_layout_shows_every_control_but_the_isolates_of_values() -> None:
    """Text that reaches the chrome's layout with a control outside a value (a problem's
    message, a heading) shows it too; the isolates ``fill`` put around values stay."""
    from reader.text.chrome import ChromeStyle, chrome_line, fill

    line = chrome_line(fill("link: {url}", url=TROJAN) + " \u202eend", "ltr",
                       style=ChromeStyle.VISUAL)
    assert line == f"link: {SHOWN} \u27e6RLO\u27e7end"
