#!/usr/bin/env python3
"""Copy in a real xterm, under Xvfb: ``]`` then ``y`` on the bundled article, then what the
X clipboard holds (``xclip -o -selection clipboard``).

Debian's stock xterm refuses OSC 52 (``disallowedWindowOps`` includes SetSelection), so the
copy reaches the X clipboard only through a clipboard command (reader/state/clipboard.py).
The script runs the reader twice: with xclip reachable (the clipboard must hold the claim's
text), and with a PATH without xclip or xsel (the clipboard must stay empty: the note then
says the text was only sent to the terminal). No test can do this (issue 25, point 1): run it
by hand after changing how copying works. Needs (Debian): xvfb xterm xclip xdotool, and
imagemagick for --shots.

    .venv/bin/python scripts/xterm_copy_check.py [--reader PATH] [--display N] [--shots DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _expected() -> str:
    """The text of the claim ``]`` focuses first on the bundled article."""
    sys.path.insert(0, str(ROOT))
    from reader.content.loading import open_for_reading

    document, _pending, found = open_for_reading(None)
    annotations = found.annotations
    first = min([*annotations.claims.values(), *annotations.rebuttals.values()],
                key=lambda entry: entry.span)
    span = first.span
    return document.paragraphs[span.paragraph][span.start:span.end]


def _clipboard(env: dict[str, str]) -> str:
    done = subprocess.run(["xclip", "-o", "-selection", "clipboard"], env=env,
                          capture_output=True, timeout=10)
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def _wait(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def run_once(reader: str, display: int, with_xclip: bool, shot: Path | None = None) -> str:
    """What the clipboard holds after ``]`` ``y`` in xterm."""
    work = Path(tempfile.mkdtemp(prefix="xterm-copy-"))
    path = os.environ.get("PATH", "/usr/bin:/bin")
    if not with_xclip:  # a PATH with everything but the clipboard commands
        bin_dir = work / "bin"
        bin_dir.mkdir()
        for folder in path.split(os.pathsep):
            for entry in Path(folder).glob("*") if Path(folder).is_dir() else ():
                if entry.name not in ("xclip", "xsel", "wl-copy") and \
                        not (bin_dir / entry.name).exists():
                    with contextlib.suppress(OSError):
                        (bin_dir / entry.name).symlink_to(entry)
        path = str(bin_dir)
    env = {**os.environ, "DISPLAY": f":{display}", "HOME": str(work), "LANG": "C.UTF-8",
           "LC_ALL": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    env.pop("WAYLAND_DISPLAY", None)
    inner = (f"PATH={shlex.quote(path)} READER_STATE_DIR={shlex.quote(str(work / 'state'))} "
             f"{shlex.quote(reader)}; sleep 60")
    xvfb = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    term = None
    try:
        _wait(lambda: subprocess.run(["xdotool", "getmouselocation"], env=env,
                                     capture_output=True).returncode == 0)
        term = subprocess.Popen(["xterm", "-geometry", "100x30+0+0", "-fa", "DejaVu Sans Mono",
                                 "-fs", "11", "-e", "sh", "-c", inner],
                                env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        window: list[str] = []

        def found() -> bool:
            window[:] = subprocess.run(["xdotool", "search", "--onlyvisible", "--class",
                                        "xterm"], env=env, capture_output=True,
                                       text=True).stdout.split()
            return bool(window)

        if not _wait(found):
            raise SystemExit("xterm did not start")
        subprocess.run(["xdotool", "windowfocus", "--sync", window[-1]], env=env, check=False)
        time.sleep(3)  # the reader's first frame (no way to see it from here)
        for key in ("bracketright", "y"):
            subprocess.run(["xdotool", "key", key], env=env, check=False)
            time.sleep(1)
        if shot is not None:  # the status line's note, to see by eye
            name = "with-xclip" if with_xclip else "osc52-only"
            subprocess.run(["import", "-window", window[-1], str(shot / f"copy-{name}.png")],
                           env=env, check=False, capture_output=True)
        _wait(lambda: bool(_clipboard(env)), timeout=3 if not with_xclip else 10)
        return _clipboard(env)
    finally:
        if term is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(term.pid, signal.SIGTERM)
            term.wait(timeout=10)
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reader", default=str(Path(sys.executable).parent / "reader"))
    parser.add_argument("--display", type=int, default=73)
    parser.add_argument("--shots", type=Path, help="save a screenshot of each run here")
    args = parser.parse_args()
    expected = _expected()
    ok = True
    for with_xclip in (True, False):
        got = run_once(args.reader, args.display, with_xclip, args.shots)
        want = expected if with_xclip else ""
        label = "xclip reachable" if with_xclip else "no clipboard command (OSC 52 only)"
        verdict = "ok" if got == want else "WRONG"
        ok = ok and got == want
        print(f"{label}: clipboard holds {got!r} ({verdict}; expected {want!r})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
