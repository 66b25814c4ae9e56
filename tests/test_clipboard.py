"""The system clipboard (reader/state/clipboard.py), with fake clipboard commands on PATH:
each writes what it was given, and what it was told, to a file the test reads."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from reader.state import clipboard

TEXT = "قالَ ألتمان: «لا شيء» — naïve 👍🏽"


def _fake(bin_dir: Path, name: str, status: int = 0, hang: bool = False) -> Path:
    """A command ``name`` that saves its arguments, LC_CTYPE and standard input beside it."""
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / name
    body = f"exec {shutil.which('sleep')} 30\n" if hang else (
        f'printf "%s\\n" "$*" > "{bin_dir}/{name}.args"\n'
        f'printf "%s" "$LC_CTYPE" > "{bin_dir}/{name}.lc"\n'
        f'{shutil.which("cat")} > "{bin_dir}/{name}.in"\nexit {status}\n')
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def _taken(bin_dir: Path, name: str) -> str | None:
    path = bin_dir / f"{name}.in"
    return path.read_text("utf-8") if path.exists() else None


@pytest.fixture(autouse=True)
def _nothing_stuck(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "_stuck", set())


def test_x_gets_the_text_through_xclip(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    for name in ("xclip", "xsel", "wl-copy"):
        _fake(bin_dir, name)
    env = {"PATH": str(bin_dir), "DISPLAY": ":5"}
    assert clipboard.copy(TEXT, env, platform="linux") == "xclip"
    assert _taken(bin_dir, "xclip") == TEXT  # the source text, UTF-8, as it is
    assert (bin_dir / "xclip.args").read_text() == "-selection clipboard -in\n"
    assert _taken(bin_dir, "xsel") is None and _taken(bin_dir, "wl-copy") is None


def test_wayland_first_then_x_then_nothing(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    for name in ("xclip", "wl-copy"):
        _fake(bin_dir, name)
    both = {"PATH": str(bin_dir), "DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert clipboard.copy("abc", both, platform="linux") == "wl-copy"
    assert _taken(bin_dir, "wl-copy") == "abc"
    # no display: the commands are there, but no clipboard to reach (ssh, a console)
    assert clipboard.commands({"PATH": str(bin_dir)}, platform="linux") == []
    assert clipboard.copy("abc", {"PATH": str(bin_dir)}, platform="linux") is None
    # a display but no command
    assert clipboard.copy("abc", {"PATH": str(tmp_path), "DISPLAY": ":0"},
                          platform="linux") is None


def test_a_failing_command_is_not_a_copy(tmp_path: Path) -> None:
    """xclip exits 1 («Can't open display»): xsel is tried; when it fails too, None."""
    bin_dir = tmp_path / "bin"
    _fake(bin_dir, "xclip", status=1)
    _fake(bin_dir, "xsel")
    env = {"PATH": str(bin_dir), "DISPLAY": ":0"}
    assert clipboard.copy(TEXT, env, platform="linux") == "xsel"
    assert _taken(bin_dir, "xsel") == TEXT
    assert (bin_dir / "xsel.args").read_text() == "--clipboard --input\n"
    _fake(bin_dir, "xsel", status=1)
    assert clipboard.copy(TEXT, env, platform="linux") is None


def test_a_hanging_command_is_given_up_and_not_tried_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "TIMEOUT", 0.2)
    bin_dir = tmp_path / "bin"
    _fake(bin_dir, "xclip", hang=True)
    _fake(bin_dir, "xsel")
    env = {"PATH": str(bin_dir), "DISPLAY": ":0"}
    assert clipboard.copy("x", env, platform="linux") == "xsel"
    assert [argv[0] for argv in clipboard.commands(env, platform="linux")] == [
        str(bin_dir / "xsel")]


def test_macos_pbcopy_reads_utf8(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    _fake(bin_dir, "pbcopy")
    env = {"PATH": str(bin_dir), "LC_CTYPE": "C"}
    assert clipboard.copy(TEXT, env, platform="darwin") == "pbcopy"
    assert _taken(bin_dir, "pbcopy") == TEXT
    assert (bin_dir / "pbcopy.lc").read_text() == "UTF-8"
    assert clipboard.copy(TEXT, env, platform="linux") is None  # pbcopy is macOS's only
