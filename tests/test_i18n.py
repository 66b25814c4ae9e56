"""The interface in Arabic (and the machinery under it): catalogues, choice of language,
plural forms and digits, the CLI's messages, and the app's screens mirrored and translated."""

from __future__ import annotations

import gettext
import io
import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from reader import i18n
from reader.cli import main
from reader.commands import COMMANDS
from reader.i18n.choice import language_flag
from reader.resources import bundled_article
from reader.state.language import LanguageStore
from reader.state.positions import PositionStore
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.chooser import ChooseTarget
from reader.ui.screens.help import KEYS, HelpScreen
from reader.ui.widgets.bidi_text import BidiText
from reader.ui.widgets.key_bar import KeyBar
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "reader" / "locale"
SIZE = (100, 30)

# Words in Latin letters that an Arabic screen may show: key names as printed on keys,
# and names that are not translated (the program's, a format's, a control's).
KEY_NAMES = {"Enter", "Esc", "esc", "Tab", "Ctrl", "Alt", "Home", "End", "PgUp", "PgDn",
             "Backspace", "space", "F1"}
BRAND_NAMES = {"reader", "RLO", "SVG", "UTF"}


def _po(lang: str):
    with (LOCALES / lang / "LC_MESSAGES" / "reader.po").open("rb") as handle:
        return read_po(handle, locale=lang)


# -- catalogues ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "fa", "he"])
def test_each_mo_says_what_its_po_says(lang: str) -> None:
    """The committed .mo is the compiled .po (scripts/update_catalogues.sh was run)."""
    buffer = io.BytesIO()
    write_mo(buffer, _po(lang))
    buffer.seek(0)
    fresh = gettext.GNUTranslations(buffer)
    with (LOCALES / lang / "LC_MESSAGES" / "reader.mo").open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    assert shipped._catalog == fresh._catalog  # type: ignore[attr-defined]


def test_the_arabic_catalogue_has_every_string_of_the_sources() -> None:
    """Every marked string (extracted as scripts/update_catalogues.sh does) has an Arabic
    translation: a new string without one fails here."""
    method_map = [("reader/**.py", "reader.i18n.extract:extract_reader")]
    options_map = {"reader/**.py": {"tables": "KEYS"}}
    extracted = {(context, message if isinstance(message, str) else message[0])
                 for _file, _line, message, _comments, context in
                 extract_from_dir(str(ROOT), method_map, options_map,
                                  keywords={"_": None, "N_": None, "gettext": None,
                                            "ngettext": (1, 2), "pgettext": ((1, "c"), 2)})}
    catalogue = _po("ar")
    missing = []
    for context, message in sorted(extracted, key=str):
        entry = catalogue.get(message, context=context)
        if entry is None and context is None:
            entry = next((m for m in catalogue if isinstance(m.id, tuple)
                          and m.id[0] == message), None)
        strings = entry.string if entry is not None else ""
        if not (all(strings) if isinstance(strings, tuple) else strings):
            missing.append(message)
    assert not missing, missing
    assert len(extracted) > 150


_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z]")


def _outside_isolates(text: str) -> str:
    """``text`` with whatever stands inside an isolate (LRI/RLI/FSI ... PDI) blanked."""
    out, depth = [], 0
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == "\u2069":
            depth = max(0, depth - 1)
        out.append(ch if depth == 0 else " ")
    return "".join(out)


@pytest.mark.parametrize("lang", ["ar", "fa", "he"])
def test_option_names_in_right_to_left_strings_are_isolated(lang: str) -> None:
    """An option named in a right-to-left sentence (``--errors replace``) is a left-to-right
    isolate with its value, else its dashes go to the Arabic around it and it reads
    «errors replace--» on a terminal (issue 25, point 5). Isolates take no cell, and a pipe
    gets them taken out."""
    bare = []
    for message in _po(lang):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text and re.search("[\u0590-\u08ff]", text) and \
                    _OPTION.search(_outside_isolates(text)):
                bare.append(text)
    assert not bare, bare


# -- plural forms and digits ----------------------------------------------------------------


def test_arabic_plural_forms_and_digits() -> None:
    i18n.set_language("ar")

    def matches(n: int) -> str:
        return i18n.ngettext("{count} match", "{count} matches", n).format(
            count=i18n.number(n))

    assert matches(0) == "لا نتائج"
    assert matches(1) == "نتيجة واحدة"
    assert matches(2) == "نتيجتان"
    assert matches(3) == "٣ نتائج"
    assert matches(11) == "١١ نتيجة"
    assert matches(100) == "١٠٠ نتيجة"
    assert matches(103) == "١٠٣ نتائج"
    assert i18n.percent(42) == "٤٢٪"
    i18n.set_language("en")
    assert matches(1) == "1 match" and matches(11) == "11 matches"
    assert i18n.percent(42) == "42%"


# -- which language -------------------------------------------------------------------------


def test_the_locale_chooses_as_gettext_does() -> None:
    env = i18n.from_environment
    assert env({"LANG": "ar_EG.UTF-8"}) == "ar"
    assert env({"LC_MESSAGES": "he_IL.UTF-8", "LANG": "ar_EG.UTF-8"}) == "he"
    assert env({"LC_ALL": "fa_IR", "LC_MESSAGES": "he_IL", "LANG": "ar_EG"}) == "fa"
    assert env({"LANGUAGE": "xx:ar", "LC_ALL": "en_US.UTF-8"}) == "ar"
    assert env({"LC_ALL": "C.UTF-8", "LANG": "ar_EG.UTF-8"}) == "en"  # the first one set
    assert env({"LANG": "de_DE.UTF-8"}) == "en"  # no catalogue: the source language
    assert env({}) == "en"
    assert language_flag(["--lang", "ar", "file.txt"]) == "ar"
    assert language_flag(["check", "--lang=he"]) == "he"
    assert language_flag(["--", "--lang", "ar"]) is None


def test_lang_overrides_the_remembered_language_which_overrides_the_locale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("LANGUAGE", "he")
    assert main(["check"]) == 0
    assert ": OK: " in capsys.readouterr().out  # Hebrew has no translation for it yet
    assert i18n.language().code == "he"
    LanguageStore(tmp_path).save("ar")
    assert main(["check"]) == 0
    assert "سليم" in capsys.readouterr().out
    assert main(["check", "--lang", "en"]) == 0
    assert ": OK: 9 entities, 4 chapters" in capsys.readouterr().out


def test_cli_messages_in_arabic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "ar", "search", "ماسك", str(bundled_article())]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "14 نتيجة"
    assert main(["render", "--lang", "ar", "--width", "x"]) == 2
    assert "يجب أن يكون العرض عددًا صحيحًا" in capsys.readouterr().err
    assert main(["--lang", "ar", "check", str(tmp_path / "none.toml")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "لا يوجد ملف بهذا الاسم" in error
    assert main(["--lang", "xx"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "xx" in error and "ar" in error


@pytest.mark.parametrize("command", [None, "check", "search", "render", "export", "import"])
def test_arabic_help_has_no_english_but_names(command: str | None,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Every sentence of ``--help`` is Arabic (argparse's own "show program's version number"
    was not); what stays Latin is what is typed: options, their choices, metavars."""
    import importlib

    from reader.cli import _app_parser, _Parser

    args = ["--lang", "ar", *([command] if command else []), "--help"]
    with pytest.raises(SystemExit):
        main(args)
    text = capsys.readouterr().out
    if command:
        parser = _Parser(prog=f"reader {command}")
        importlib.import_module(f"reader.commands.{command}").add_arguments(parser)
    else:
        parser = _app_parser()
    names = {"reader", "LC", "ALL", "MESSAGES", "LANG", "LANGUAGE", "UTF", "FFFD", "txt", "md",
             "html", "htm", "xhtml", "epub", "markdown", "http", "https", "json", "kitty",
             "konsole", "TOML", "ar", "fa", "he", "en", "URL", "regex", "PATTERN", "QUERY",
             "COMMAND", "Konsole", "JSON", "Lines", "LRI", "RLO", "ZWJ", "PARAGRAPH", "START",
             "END", "TAB", "TEXT", "document", "WIDTH", "stderr", "toml", "Web", "Annotation",
             "LD", "Hypothesis", "Argdown", "TextPositionSelector",
             "utf", "windows", "iso"}  # encodings' names (--encoding)
    typed = {word for action in parser._actions for item in (
        *action.option_strings, *(action.choices or ()), action.metavar or "", action.dest)
        for word in re.findall(r"[A-Za-z]+", str(item))}
    left = set(re.findall(r"[A-Za-z]{2,}", text)) - names - typed - COMMANDS.keys()
    assert not left, sorted(left)


# -- the app in Arabic ------------------------------------------------------------------------


def _ar_app(tmp_path: Path, path: Path | None = None) -> ReaderApp:
    i18n.set_language("ar")
    return create_app(path, positions=PositionStore(tmp_path / "state"))


def _screen_rows(app: ReaderApp) -> list[str]:
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return ["".join(strip.text for strip in row) for row in update.strips]


def _document_words(app: ReaderApp) -> set[str]:
    """Latin words of the document and its annotations: text shown as written."""
    text = app.document.text + (bundled_article().with_suffix(".toml").read_text("utf-8"))
    return set(re.findall(r"[A-Za-z]{2,}", text))


def _english_words(text: str, allowed: set[str]) -> list[str]:
    return [word for word in re.findall(r"[A-Za-z]{2,}", text)
            if word not in KEY_NAMES | BRAND_NAMES | allowed]


def _has_arabic(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) == "AL" for ch in text)


async def test_key_bar_is_translated_and_mirrored(tmp_path: Path) -> None:
    app = _ar_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.query_one(KeyBar)
        await wait_until(pilot, lambda: bool(bar._spans), what="the key bar drawn")
        items = bar.items
        for item in items:
            assert i18n.gettext(item.description) != item.description, item
        row = _screen_rows(app)[-1]
        assert _has_arabic(row) and not _english_words(row, set()), row
        # the first key at the right edge, the next to its left; the palette at the left
        spans = {item.key: x for x, _cells, item in bar._spans}
        shown = [item for item in items if item.key in spans]
        assert [spans[item.key] for item in shown[:-1]] == sorted(
            (spans[item.key] for item in shown[:-1]), reverse=True)
        assert spans[shown[-1].key] == 0  # the command palette's key
        assert row.rstrip().endswith(items[0].display)


async def test_status_fields_read_from_the_right(tmp_path: Path) -> None:
    app = _ar_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # chapter 2: the status line names it
        status_line = app.query_one("#status", BidiText)
        await wait_until(pilot, lambda: "٢" in status_line.paragraphs[0][0])
        await pilot.pause()
        status = _screen_rows(app)[-2]
        fields = [field.strip() for field in status.split("│")]
        # the first field (the place: a percentage in Arabic digits, or the start) at the
        # right, the chapter's to its left, then "back: 1"
        first = status_line.paragraphs[0][0].lstrip("\u2066\u2067\u2068")
        assert first.startswith((i18n.gettext("Top"), "٪")) or first[0] in "٠١٢٣٤٥٦٧٨٩"
        assert fields[-1] and "٢" not in fields[-1], status
        assert not re.search("[A-Za-z0-9]", fields[-1]), status  # Arabic words and digits
        assert "٢" in fields[-2] and _has_arabic(fields[-2]), status
        assert "١" in fields[-3] and _has_arabic(fields[-3]), status
        assert not _english_words(status, set())


async def test_help_is_arabic_with_its_columns_swapped(tmp_path: Path) -> None:
    app = _ar_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        for _key, what in KEYS:
            assert i18n.gettext(what) != what, what
        rows = _screen_rows(app)
        help_rows = [row for row in rows if "PgUp" in row or "Home" in row]
        assert len(help_rows) == 2
        for row in help_rows:  # the keys at the right of what they do
            key_at = row.index("space") if "PgUp" in row else row.index("g / Home")
            assert _has_arabic(row[:key_at]) and not _has_arabic(row[key_at:key_at + 8])
        box = "\n".join(row[10:90] for row in rows[2:-2])  # the box, not the article
        assert not _english_words(box, {"N"}), box


async def test_chooser_palette_search_and_messages_are_arabic(tmp_path: Path) -> None:
    app = _ar_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        allowed = _document_words(app)
        await pilot.press("right_square_bracket", "enter")  # the "Follow to…" chooser
        await wait_until(pilot, lambda: isinstance(app.screen, ChooseTarget))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChooseTarget) and _has_arabic(screen.title_text)
        chooser = "\n".join(_screen_rows(app))
        assert not _english_words(chooser, allowed)
        await pilot.press("escape", "y")  # copy the focused claim: a note in Arabic
        status = app.query_one("#status", BidiText)
        # no display in the tests: sent to the terminal only («أُرسل», not «نُسخ»)
        await wait_until(pilot, lambda: "أُرسل" in status.paragraphs[0][0])
        note = status.paragraphs[0][0]
        assert re.search("[٠-٩]", note) and not _english_words(note, allowed), note
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.id == "--command-palette")
        # the commands are listed by a worker of the palette: wait for them to be drawn
        from textual.command import CommandList

        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0, what="the commands")
        await pilot.pause()
        palette = "\n".join(_screen_rows(app))
        assert not _english_words(palette, allowed), palette
        await pilot.press("escape")
        await pilot.press("slash", "x")
        await pilot.pause()
        bar = "\n".join(_screen_rows(app)[-4:])
        assert not _english_words(bar.replace("x", " "), allowed), bar
        await pilot.press("escape", "v")
        await wait_until(pilot, lambda: bool(app.notices.shown()))
        message = app.notices.shown()[0]
        assert _has_arabic(message) and not _english_words(message, {"v"})


async def test_language_chosen_in_the_palette_is_applied_and_remembered(
        tmp_path: Path) -> None:
    i18n.set_language("en")
    app = create_app(positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Quit" in _screen_rows(app)[-1]
        app.language.choose()
        await wait_until(pilot, lambda: isinstance(app.screen, ChooseTarget)
                         and app.screen.query("#chooser-list"))
        chooser = app.screen
        assert isinstance(chooser, ChooseTarget)
        assert [code for code, _name in chooser.choices] == ["", "en", "ar", "fa", "he"]
        await pilot.press("down", "down", "enter")  # the locale's, English, then Arabic
        await wait_until(pilot, lambda: i18n.language().code == "ar")
        await pilot.pause()
        row = _screen_rows(app)[-1]
        assert _has_arabic(row) and "Quit" not in row
    assert LanguageStore(tmp_path / "state").load() == "ar"


def test_the_status_search_field_reads_as_the_search_bar() -> None:
    """"/query 3/12": left to right in an English interface (vim's habit), from the right
    in an Arabic one, where the search bar's "/" is at the right."""
    from reader.text.chrome import ChromeStyle, chrome_line
    from reader.ui.decisions.status_line import StatusInputs, View, status_text

    visual = ChromeStyle.VISUAL

    inputs = StatusInputs(View(0, 20, 100), query="ماسك", count="1/14")
    english = chrome_line(status_text(inputs, "rtl", visual), "rtl", style=visual)
    assert english.startswith("/ﻚﺳﺎﻣ 1/14")  # the field as typed, from the left
    i18n.set_language("ar")
    inputs.count = "١/١٤"
    arabic = chrome_line(status_text(inputs, "rtl", visual), "rtl", style=visual)
    assert arabic.startswith("١/١٤ ﻚﺳﺎﻣ/")  # "/" at the right of the query, as in the bar
