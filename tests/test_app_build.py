"""One way to build the app: the command line and the tests both go through create_app."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from reader.state.positions import PositionStore
from reader.ui import launch as launch_module
from reader.ui.app import ReaderApp, create_app


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
async def test_direction_sets_every_paragraph(tmp_path: Path, direction: str) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text("مرحبا بالعالم\n\nHello world\n", encoding="utf-8")
    app = create_app(path, direction=direction, positions=PositionStore(tmp_path / "state"))
    assert app.document.directions == [direction] * len(app.document.paragraphs)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        flow = app.article.flow
        assert flow is not None
        assert {flow.layout(i).rtl for i in range(len(app.document.paragraphs))} == {
            direction == "rtl"}


def test_the_command_line_builds_through_create_app(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    built: list[ReaderApp] = []

    def build(*args: object, **kwargs: object) -> ReaderApp:
        app = create_app(*args, **kwargs)  # type: ignore[arg-type]
        built.append(app)
        monkeypatch.setattr(app, "run", lambda: None)
        return app

    monkeypatch.setattr("reader.ui.app.create_app", build)
    monkeypatch.setattr(launch_module.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(launch_module.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))
    args = argparse.Namespace(file=None, annotations=None, errors="strict", direction="rtl",
                              bidi="terminal", theme=None, measure=None, harakat=None,
                              numbers=None, screen_reader=None, encoding="", kind="",
                              extract="article")
    assert launch_module.launch(args) == 0
    assert [app.document.directions[:2] for app in built] == [["rtl", "rtl"]]


def test_x_opens_the_page_again_with_the_other_extraction(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    """X ends the app with the extraction asked for; launch opens the page again with it."""
    built: list[ReaderApp] = []

    def build(*args: object, **kwargs: object) -> ReaderApp:
        app = create_app(*args, **kwargs)  # type: ignore[arg-type]
        built.append(app)

        def run() -> None:
            if len(built) == 1:
                app.loading.switch_to = "page"  # what X does before the app ends

        monkeypatch.setattr(app, "run", run)
        return app

    monkeypatch.setattr("reader.ui.app.create_app", build)
    monkeypatch.setattr(launch_module.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(launch_module.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))
    page = Path(__file__).parent / "data" / "real" / "wordpress" / "news.en.html"
    args = argparse.Namespace(file=str(page), annotations=None, errors="strict",
                              direction="auto", bidi="terminal", theme=None, measure=None,
                              harakat=None, numbers=None, screen_reader=None, encoding="",
                              kind="", extract="article")
    assert launch_module.launch(args) == 0
    assert [app.document.extraction for app in built] == ["article", "page"]
