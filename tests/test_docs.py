"""The README and docs/ say what the app and the command line do.

Keys are checked against the bindings of the running app, where the focus is (so the check
holds wherever a binding lives: the App, a screen or a widget), and options against the
parsers the command line really builds. Each key table is marked with the place it documents
(``<!-- keys: reading -->``); its rows name keys in backticks in the first cell, and what they
do in the second."""

from __future__ import annotations

import argparse
import asyncio
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from reader import cli
from reader.commands import COMMANDS
from reader.state.positions import PositionStore
from reader.ui.app import create_app
from reader.ui.widgets.look_up_popup import LookUpPopup
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DESIGN = ROOT / "docs" / "DESIGN.md"
DOCUMENTATION = [README, *sorted((ROOT / "docs").glob("*.md"))]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# -- links and references -----------------------------------------------------------------


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", _text(path), flags=re.S)
    return {_slug(heading) for heading in re.findall(r"^#+ (.+)$", text, re.M)}


def test_every_link_in_the_documentation_leads_somewhere() -> None:
    checked = 0
    for path in DOCUMENTATION:
        text = re.sub(r"```.*?```", "", _text(path), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            linked = (path.parent / file).resolve() if file else path
            assert linked.exists(), f"{path.name}: {target} does not exist"
            if anchor:
                assert anchor in _anchors(linked), f"{path.name}: no heading for {target}"
            checked += 1
    assert checked >= 30


def test_every_documentation_file_the_code_names_exists() -> None:
    named = set()
    scripts = [path for path in ROOT.glob("scripts/*") if path.is_file()]
    for path in [*ROOT.glob("reader/**/*.py"), *scripts, ROOT / "pyproject.toml"]:
        named |= set(re.findall(r"docs/[\w-]+\.md", _text(path)))
    assert "docs/terminals.md" in named
    missing = {name for name in named if not (ROOT / name).exists()}
    assert not missing


def test_every_design_reference_names_a_section_that_exists() -> None:
    sections = set(re.findall(r"^## (\d+)\. ", _text(DESIGN), re.M))
    cited = []
    for path in [*DOCUMENTATION, *ROOT.glob("reader/**/*.py"), *ROOT.glob("tests/*.py")]:
        for match in re.finditer(r"(\S*)DESIGN\.md[^§\n]{0,40}§(\d+)", _text(path)):
            if path.parent != DESIGN.parent:
                assert match[1].endswith("docs/") or "docs/DESIGN.md" in match[0], \
                    (path, match[0])
            cited.append((path.name, match[2]))
    assert len(cited) >= 7
    assert {section for _, section in cited} <= sections, cited


def test_the_readme_keeps_the_two_set_up_commands_and_ci_runs_the_second() -> None:
    setup = _text(README).split("## Set up (fresh machine)", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert commands == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/reader",
        "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest",
    ]
    assert commands[1] in _text(ROOT / ".ci" / "run").splitlines()


def test_the_readme_stays_short() -> None:
    assert len(_text(README).splitlines()) <= 250


# -- tables -------------------------------------------------------------------------------


def _cells(line: str) -> list[str]:
    return [cell.strip().replace("\\|", "|")
            for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def _marked_tables(kind: str) -> Iterator[tuple[Path, str, list[list[str]]]]:
    """(file, what the mark says after ``kind:``, the rows) for each table marked
    ``<!-- kind: ... -->`` (or ``<!-- kind -->``)."""
    for path in DOCUMENTATION:
        lines = _text(path).splitlines()
        for index, line in enumerate(lines):
            mark = re.fullmatch(rf"<!-- {kind}(?:: (.+?))? -->", line.strip())
            if not mark:
                continue
            rows = []
            for row in lines[index + 3:]:  # after the header and its rule
                if not row.startswith("|"):
                    break
                rows.append(_cells(row))
            assert rows, f"{path.name}: nothing under {line}"
            yield path, mark[1] or "", rows


# -- keys ---------------------------------------------------------------------------------

NAMED_KEYS = {
    "↑": "up", "↓": "down", "←": "left", "→": "right", "space": "space",
    "PgDn": "pagedown", "PgUp": "pageup", "Home": "home", "End": "end", "Enter": "enter",
    "Esc": "escape", "Backspace": "backspace", "Tab": "tab", "F1": "f1",
}
# Textual names a key by its character's Unicode name, with these shorter ones.
_SHORTER = {"solidus": "slash", "reverse_solidus": "backslash", "hyphen_minus": "minus",
            "plus_sign": "plus", "low_line": "underscore", "commercial_at": "at"}


def _key_name(written: str) -> str:
    """The Textual key for a key as the documentation writes it: ``PgDn``, ``Alt+←``, ``#``."""
    if written in NAMED_KEYS:
        return NAMED_KEYS[written]
    if "+" in written and len(written) > 1:
        *modifiers, key = written.split("+")
        return "+".join([*(m.lower() for m in modifiers),
                         _key_name(key.lower() if len(key) == 1 else key)])
    assert len(written) == 1, f"cannot read the key {written!r}"
    if written.isalnum():
        return written
    name = unicodedata.name(written).lower().replace("-", "_").replace(" ", "_")
    return _SHORTER.get(name, name)


def _documented_keys(cell: str) -> list[str]:
    """The keys a table's first cell names: each in backticks; ``1``–``9`` a range; ``''``
    the same key twice."""
    keys = []
    for first, last in re.findall(r"`(\d)`–`(\d)`", cell):
        keys += [str(n) for n in range(int(first), int(last) + 1)]
    cell = re.sub(r"`\d`–`\d`", "", cell)
    for written in re.findall(r"`([^`]+)`", cell):
        if written not in NAMED_KEYS and "+" not in written and len(written) > 1:
            keys += [_key_name(ch) for ch in written]  # '' : a key typed twice
        else:
            keys.append(_key_name(written))
    return keys


# What a binding's action does, as the words a description of its key must use.
ACTION_WORDS = {
    "quit": "quit", "copy_or_quit": "quit", "copy": "copy", "copy_text": "cop", "help": "help",
    "next_span": "claim", "previous_span": "claim", "next_link": "link",
    "previous_link": "link", "follow": "follow", "back": "back", "forward": "forward",
    "toggle_panel": "panel", "move_panel": "other side", "toggle_controls": "controls",
    "toggle_theme": "theme", "say_again": "again", "scroll_lines": "line", "scroll_pages": "screen",
    "search": "search", "search_step": "hit", "clear_search": "clear the search",
    "go_start": "start", "go_end": "end", "annotate": "annotate", "edit_entry": "edit",
    "remove_entry": "remove", "undo_annotation": "undo", "chapter": "chapter",
    "go_to_prompt": "go to", "set_mark": "set a mark", "jump_mark": "go back|last jump",
    "measure": "narrower|wider", "measure('default')": "default",
    "measure('whole')": "whole width", "cycle_harakat": "harakat",
    "toggle_numbers": "paragraph numbers", "switch_extract": "whole page",
    "command_palette": "palette", "argument_map": "argument map",
    # the argument map
    "sideways": "parent", "page": "screen", "close": "close",
    "look_up": "look", "word_step": "word", "copy_word": "copy",
    "focus_next": "move between", "focus_previous": "move between",
    # the search bar
    "submit": "keep the hits", "history": "queries", "toggle_exact": "exact",
    "toggle_regex": "regular expression", "cycle_mode": "mode",
    # the side panel's tabs and lists
    "towards": "tab", "move": "move the highlight", "move_to": "first / last",
    "select": "jump",
    # dialogs
    "cancel": "cancel|clear|close", "dismiss": "close",
    "choose('chapter')": "chapter", "choose('claim')": "claim",
    "choose('rebuttal')": "rebuttal", "choose('entity')": "entity", "choose('')": "cancel",
    "accept": "save", "step": "next / previous field", "answer(True)": "remove",
    "answer(False)": "keep",
}


def _words(action: str) -> str | None:
    action = action.rpartition(".")[2] if "(" not in action else action
    name = action.split("(")[0].rpartition(".")[2]
    return ACTION_WORDS.get(action) or ACTION_WORDS.get(name)


def _says(description: str, action: str) -> bool:
    """Whether ``description`` says what ``action`` does (False for an action without words:
    Textual's own, such as a scroll view's ``scroll_right``, say nothing)."""
    words = _words(action)
    return words is not None and re.search(rf"\b(?:{words})\b", description, re.I) is not None


Bound = tuple[str, str]  # (key, action)


def _textual_bindings(node: DOMNode) -> set[Bound]:
    """What Textual itself binds on ``node`` (its classes' BINDINGS, the palette's key)."""
    bound = {(b.key, b.action) for cls in type(node).__mro__
             if cls.__module__.startswith("textual.")
             for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))}
    if isinstance(node, App):
        bound.add((node.COMMAND_PALETTE_BINDING, "command_palette"))
    return bound


def _chain(app: App) -> list[DOMNode]:
    """The nodes whose bindings a key reaches where the focus is now, as Textual walks them:
    the focused widget and its ancestors, up to a modal screen (it hides what is below)."""
    screen = app.screen
    focused = screen.focused
    nodes = list(focused.ancestors_with_self) if focused is not None else [screen, app]
    for index, node in enumerate(nodes):
        if getattr(node, "is_modal", False):
            return nodes[:index + 1]
    return nodes


class Place:
    """The bindings at one place of the app: all that a key reaches there, and the reader's
    own among them (Textual's are not ours to document, but may be documented)."""

    def __init__(self) -> None:
        self.reached: set[Bound] = set()
        self.own: set[Bound] = set()

    def add(self, app: App, skip: set[int]) -> None:
        for node in _chain(app):
            # Textual's BindingsMap, iterated: (key, binding); Textual keeps no public list
            bound = {(b.key, b.action) for _key, b in node._bindings}
            self.reached |= bound
            if id(node) not in skip:
                self.own |= bound - _textual_bindings(node)


async def _places(app: App) -> dict[str, Place]:
    """The app driven by its keys to every place that has keys of its own."""
    places: dict[str, Place] = {}

    def record(name: str, skip: set[int]) -> None:
        places.setdefault(name, Place()).add(app, skip)

    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.screen.focused is not None, what="the focus")
        article = app.screen.focused
        main = app.screen
        record("reading", set())
        # what is reached from the article is documented there, not again elsewhere
        reading = {id(node) for node in _chain(app)}

        async def open_with(key: str, what: str) -> None:
            before = app.screen
            await pilot.press(key)
            await wait_until(pilot, lambda: app.screen is not before
                             and app.screen.is_modal, what=what)
            await pilot.pause()

        async def close(key: str = "escape") -> None:
            await pilot.press(key)
            await wait_until(pilot, lambda: app.screen is main and
                             app.screen.focused is article, what="back to the article")

        # the side panel: every stop of Tab until the article has the focus again (the
        # panel's lists are mounted after the first frame: until then Tab stays put)
        for _ in range(100):
            await pilot.press("tab")
            await pilot.pause()
            if app.screen.focused is not article:
                break
        for _ in range(6):
            if app.screen.focused is article:
                break
            record("panel", reading)
            await pilot.press("tab")
            await pilot.pause()
        assert "panel" in places and app.screen.focused is article

        await pilot.press("slash")
        await wait_until(pilot, lambda: app.screen.focused is not article, what="search bar")
        record("search bar", reading)
        await close()

        for key, name in (("question_mark", "help"), ("colon", "go-to prompt")):
            await open_with(key, name)
            record(name, reading)
            await close()

        # a claim in focus: annotate it (its kind, then its fields), and ask to remove it
        await pilot.press("right_square_bracket")
        await open_with("a", "annotate kind")
        record("annotate kind", reading)
        await open_with("c", "annotate fields")
        record("annotate fields", reading)
        await close()
        await open_with("x", "confirm removal")
        record("confirm removal", reading)
        await close()

        # the word look-up (Arabic): the lexicon is read in slices first
        await pilot.press("g")
        await pilot.press("l")
        await wait_until(pilot, lambda: app.query_one(LookUpPopup).is_open
                         and app.screen.focused is not article, what="the look-up")
        await pilot.pause()
        record("look-up", reading)
        await close()

        # the chooser: follow spans until one has several counterparts
        await pilot.press("g")
        for _ in range(40):
            await pilot.press("right_square_bracket", "enter")
            await pilot.pause()
            if app.screen.is_modal:
                break
            await pilot.press("backspace")
        assert app.screen.is_modal, "no span with several counterparts"
        record("chooser", reading)
        await close()

        # the argument map, full screen (not a modal: the app's keys are reached there)
        await pilot.press("M")
        await wait_until(pilot, lambda: app.screen is not main and app.screen.focused
                         is not None, what="the map")
        record("map", reading)
        await close()
    return places


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Place]:
    state = tmp_path_factory.mktemp("state")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("READER_STATE_DIR", str(state))
        app = create_app(positions=PositionStore(state))
        return asyncio.run(_places(app))


def test_every_documented_key_is_bound_to_what_it_says_and_every_binding_is_documented(
        places: dict[str, Place]) -> None:
    problems = []
    documented: dict[str, list[tuple[str, str]]] = {}  # place -> (key, description)
    for path, mark, rows in _marked_tables("keys"):
        name, _, only = mark.partition(" (")
        assert name in places, f"{path.name}: no place {name!r} in the app"
        place = places[name]
        for row in rows:
            for key in _documented_keys(row[0]):
                actions = [action for bound, action in place.reached if bound == key]
                if not actions:
                    problems.append(f"{path.name}, {name}: {key} is not bound ({row[0]})")
                elif not only and not any(_says(row[1], action) for action in actions):
                    problems.append(f"{path.name}, {name}: {key} does {actions}, "
                                    f"not what '{row[1]}' says")
                if not only:
                    documented.setdefault(name, []).append((key, row[1]))
    for name, place in places.items():
        for key, action in sorted(place.own):
            if _words(action) is None:
                problems.append(f"{name}: no words for {action!r}: add them to ACTION_WORDS")
            rows = [what for documented_key, what in documented.get(name, [])
                    if documented_key == key]
            if not rows:
                problems.append(f"{name}: {key} ({action}) is not documented")
            elif not any(_says(what, action) for what in rows):
                problems.append(f"{name}: {key} ({action}) is documented as {rows}")
    assert not problems, "\n".join(problems)


def test_the_key_tables_are_read_as_the_app_names_keys() -> None:
    assert _documented_keys("`j` / `↓`, `PgDn`") == ["j", "down", "pagedown"]
    assert _documented_keys("`Alt+←`, `Ctrl+P`, `Shift+Tab`") == [
        "alt+left", "ctrl+p", "shift+tab"]
    assert _documented_keys("`]` / `[`, `\\`, `/`, `#`, `-`") == [
        "right_square_bracket", "left_square_bracket", "backslash", "slash", "number_sign",
        "minus"]
    assert _documented_keys("`1`–`3`, `'` *letter*, `''`") == [
        "1", "2", "3", "apostrophe", "apostrophe", "apostrophe"]
    assert _says("one line down / up", "scroll_lines(1)")
    assert not _says("one screen down / up", "scroll_lines(1)")


# -- command-line options -----------------------------------------------------------------


class _Parsed(Exception):
    """Raised in place of parsing: the parser the command line built is all we want."""


def _parser(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> argparse.ArgumentParser:
    """The parser ``reader ARGV`` builds, caught as it starts parsing."""
    built = []

    def caught(self: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        built.append(self)
        raise _Parsed

    with monkeypatch.context() as patch:
        patch.setattr(argparse.ArgumentParser, "parse_args", caught)
        with pytest.raises(_Parsed):
            cli.main(argv)
    return built[0]


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {option: action for action in parser._actions for option in action.option_strings}


@pytest.fixture
def parsers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
            ) -> dict[str, dict[str, argparse.Action]]:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path))
    found = {"reader": _options(_parser([], monkeypatch))}
    for command in COMMANDS:
        found[command] = _options(_parser([command], monkeypatch))
    return found


def _written_options(text: str) -> Iterator[tuple[str, list[str] | None]]:
    """(option, its choices as written, or None) for each ``--option a|b`` in ``text``."""
    for option, choices in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)(?: ([a-z]+(?:\|[a-z]+)+))?",
                                      text):
        yield option, choices.split("|") if choices else None


def test_every_documented_option_exists_and_every_option_is_documented(
        parsers: dict[str, dict[str, argparse.Action]]) -> None:
    tables = list(_marked_tables("options"))
    assert len(tables) == 1
    documented = set()
    for row in tables[0][2]:
        commands = [command.strip() for command in row[1].split(",")]
        for option, choices in _written_options(" ".join(re.findall(r"`([^`]+)`", row[0]))):
            for command in commands:
                documented.add((command, option))
                action = parsers[command].get(option)
                assert action is not None, f"reader {command} has no {option}"
                if choices is not None:
                    assert choices == list(action.choices or ()), (command, option)
    real = {(command, option) for command, options in parsers.items() for option in options}
    assert documented == real, (sorted(real - documented), sorted(documented - real))


def test_the_command_lines_show_every_option_and_which_are_optional(
        parsers: dict[str, dict[str, argparse.Action]]) -> None:
    tables = list(_marked_tables("commands"))
    assert len(tables) == 1
    shown = set()
    for row in tables[0][2]:
        line = re.fullmatch(r"`(.+)`", row[0])
        assert line, row[0]
        words = line[1].split()
        command = words[1] if len(words) > 1 and words[1] in COMMANDS else "reader"
        shown.add(command)
        options = parsers[command]
        optional = {option for group in re.findall(r"\[([^\[\]]*)\]", line[1])
                    for option, _choices in _written_options(group)}
        written = dict(_written_options(line[1]))
        # every option but those every parser has (in the table) and short aliases of long ones
        expected = {option for option in options
                    if option not in ("-h", "--help", "--lang", "--version")
                    and (option.startswith("--") or not any(
                        name.startswith("--") for name in options[option].option_strings))}
        assert set(written) == expected, (command, sorted(set(written) ^ expected))
        for option, choices in written.items():
            action = options[option]
            assert (option in optional) == (not action.required), (command, option)
            if choices is not None:
                assert choices == list(action.choices or ()), (command, option)
    assert shown == {"reader", *COMMANDS}


# -- examples -----------------------------------------------------------------------------


def test_the_search_example_prints_what_the_docs_say(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path))
    example = re.search(r"\$ reader search (\S+) \| tail -3\n(.*?)\n```",
                        _text(ROOT / "docs" / "search.md"), re.S)
    assert example
    assert cli.main(["search", example[1]]) == 0
    assert capsys.readouterr().out.splitlines()[-3:] == example[2].splitlines()


def test_the_colours_are_the_themes_colours() -> None:
    from reader.ui.themes import DARK, LIGHT, THEMES, variable_defaults

    text = _text(ROOT / "docs" / "reading.md")
    rows = {row[0]: row[1:] for row in map(_cells, re.findall(r"^\|.*\|$", text, re.M))}
    themes = {theme.name: theme.variables for theme in THEMES}
    for column, name in enumerate((DARK, LIGHT)):
        speakers = re.findall(r"#[0-9a-f]{6}", rows["speaker 1 – 6"][column])
        assert speakers == [themes[name][f"speaker-{n}"] for n in range(6)]
        hits = re.findall(r"#[0-9a-f]{6}", rows["hit / current hit"][column])
        assert hits == [themes[name]["hit-background"], themes[name]["hit-current-background"]]
    # with 16 colours, the speakers named in words, on a dark and on a light background
    for light, said in ((False, r"On\s+a dark one: speakers in (.+?), hits"),
                        (True, r"On a light one\s+\(xterm's default white\): speakers in "
                               r"(.+?) \(")):
        named = re.search(said, text, re.S)
        assert named
        colours = re.split(r", | and ", " ".join(named[1].split()))
        expected = [variable_defaults(ansi=True, light=light)[f"speaker-{n}"]
                    for n in range(6)]
        assert ["ansi_" + ("bright_black" if colour == "grey" else colour.replace(" ", "_"))
                for colour in colours] == expected


def _figures() -> list[tuple[str, str, object]]:
    """(file in docs/, what it says with the figure as a group, the figure in the code)."""
    from reader.content import fetch
    from reader.content.annotations import ids as entry_ids
    from reader.content.formats import plain
    from reader.state import positions, preferences
    from reader.text import chunks, heights, search

    return [
        ("reading.md", r"the last (\d+) search\s+queries", preferences.HISTORY_LIMIT),
        ("safety.md", r"at most the (\d+) most\s+recent documents", positions.MAX_DOCUMENTS),
        ("search.md", r"takes more than (\d+) s over", search.REGEX_TIMEOUT),
        ("search.md", r"stopped after (\d+) s", search.REGEX_TIMEOUT),
        ("documents.md", r"a timeout of (\d+) s", fetch.TIMEOUT),
        ("documents.md", r"at most (\d+) redirects", fetch.MAX_REDIRECTS),
        ("documents.md", r"at most (\d+) MB", fetch.MAX_BYTES >> 20),
        ("documents.md", r"user agent that names the reader \(`([^`]+)`\)", fetch.USER_AGENT),
        ("documents.md", r"A plain-text file over\s+(\d+) MB", plain.BIG_FILE >> 20),
        ("performance.md", r"A plain-text file over\s+(\d+) MB", plain.BIG_FILE >> 20),
        ("performance.md", r"opens on its first (\d+) KB", plain.HEAD_BYTES >> 10),
        ("performance.md", r"per block of (\d+) paragraphs", heights.BLOCK),
        ("performance.md", r"per (\d+)K piece", round(chunks.PIECE / 1024)),
        ("annotations.md", r"\(`حكاية في ثلاثة فصول` → `([\w-]+)`\)",
         entry_ids.slug("حكاية في ثلاثة فصول")),
    ]


def test_the_figures_the_docs_give_are_the_codes() -> None:
    for name, said, figure in _figures():
        found = re.search(said, _text(ROOT / "docs" / name))
        assert found, (name, said)
        written = " ".join(found[1].split())
        assert written == str(figure) or float(written) == figure, (name, said, figure)

