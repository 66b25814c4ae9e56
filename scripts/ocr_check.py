#!/usr/bin/env python3
"""Is ``--screen-reader`` as readable on screen as the default mode? OCR says (issue 28).

In ``--screen-reader`` mode the reader writes each row's source text, in logical order and
unshaped, and leaves the bidi and the shaping to the terminal; in the default mode it shapes
and reorders itself and switches the terminal's bidi off. This script runs the installed
``reader`` on a document in VTE (GNOME Terminal's widget, bidi and shaping on) in both modes,
and in xterm (no bidi of its own) in the default mode, under an X server of its own (Xvfb);
takes a screenshot of each once the screen is drawn and still, crops the article's cells,
reads them back with Tesseract (``-l ara+eng``) and compares what it read with the source
text of the lines on screen (known from the reader's own layout at the same size). OCR
returns logical text, so both sides are compared after NFKC (presentation forms to letters)
and without harakat and tatweel (Tesseract drops them):

- *word recall*: the share of the source's words (two letters or more) that OCR read;
- *similarity*: ``difflib``'s ratio of the two texts' words in reading order.

    python scripts/ocr_check.py                      # the bundled article, 100x30
    python scripts/ocr_check.py --keep shots/ocr     # keep the PNGs and the OCR text
    python scripts/ocr_check.py --file doc.md --size 120x36 --runs vte-sr,vte-default

Needs (Debian): xvfb xterm python3-gi gir1.2-vte-2.91 gir1.2-gtk-3.0 imagemagick xdotool
tesseract-ocr tesseract-ocr-ara fonts-dejavu. ``tests/test_ocr.py`` runs one screen of it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import difflib
import hashlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

FONT = "DejaVu Sans Mono 12"
SYSTEM_PYTHON = "/usr/bin/python3"  # the one with python3-gi (VTE)
RUNS = ("vte-sr", "vte-default", "xterm-default")

VTE_WINDOW = """
import os, sys, gi
gi.require_version("Gtk", "3.0"); gi.require_version("Vte", "2.91")
from gi.repository import Gtk, Vte, GLib, Pango
cols, rows, x, y = (int(n) for n in sys.argv[1:5])
win = Gtk.Window(title="vte")
term = Vte.Terminal()
term.set_font(Pango.FontDescription(os.environ["OCR_FONT"]))
term.set_size(cols, rows)
term.set_enable_bidi(True)
term.set_enable_shaping(True)
term.set_cursor_blink_mode(Vte.CursorBlinkMode.OFF)  # a still screen for the shot
term.connect("child-exited", lambda *a: Gtk.main_quit())
win.add(term); win.connect("destroy", Gtk.main_quit); win.move(x, y); win.show_all()
def spawn():
    # only once the window has its size: a program started in a smaller pty that misses
    # the resize (a loaded machine) draws a screen of the wrong size
    if (term.get_column_count(), term.get_row_count()) != (cols, rows):
        return True
    term.spawn_async(Vte.PtyFlags.DEFAULT, os.getcwd(), sys.argv[5:], None,
                     GLib.SpawnFlags.DEFAULT, None, None, -1, None, None, None)
    return False
GLib.timeout_add(50, spawn)
Gtk.main()
"""


def missing() -> list[str]:
    """What this check needs and this machine lacks (empty: it can run)."""
    lacking = [tool for tool in ("Xvfb", "xterm", "import", "convert", "xdotool", "tesseract")
               if shutil.which(tool) is None]
    if shutil.which("tesseract") is not None:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True,
                               text=True).stdout.split()
        lacking += [f"tesseract-ocr-{lang}" for lang in ("ara", "eng") if lang not in langs]
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Vte', '2.91')"
                            "; from gi.repository import Vte"], capture_output=True) \
        if Path(SYSTEM_PYTHON).exists() else None
    if probe is None or probe.returncode != 0:
        lacking.append("python3-gi with gir1.2-vte-2.91")
    return lacking


# -- what is on screen, from the reader's own layout -----------------------------------------


@dataclass(frozen=True)
class Expected:
    """The source text of the article's lines on screen, and where the article's rows are."""

    lines: list[str]
    left: int  # the article's first column
    top: int  # first row of the article
    width: int  # its columns
    height: int  # its rows


def expected(path: Path | None, cols: int, rows: int, logical: bool) -> Expected:
    """Run the reader's app headless at ``cols`` x ``rows`` and collect the source slice of
    each line of the article on screen (the layout differs a little between the modes: the
    default mode measures shaped text)."""
    from reader.terminal.plan import LOGICAL
    from reader.ui.app import create_app

    async def collect() -> Expected:
        app = create_app(path, bidi_mode=LOGICAL if logical else "explicit")
        async with app.run_test(size=(cols, rows)) as pilot:
            await pilot.pause()
            view = app.article
            flow = view._ensure_flow()
            lines = []
            for y in range(view.content_region.height):
                paragraph, line = flow.line_at(view.top + y)
                if line is None:
                    continue
                lines.append(app.document.paragraphs[paragraph][line.start:line.end])
            region = view.content_region
            return Expected(lines, region.x, region.y, region.width, region.height)

    with tempfile.TemporaryDirectory() as state:
        previous = os.environ.get("READER_STATE_DIR")
        os.environ["READER_STATE_DIR"] = state
        try:
            return asyncio.run(collect())
        finally:
            if previous is None:
                os.environ.pop("READER_STATE_DIR", None)
            else:
                os.environ["READER_STATE_DIR"] = previous


# -- scoring ----------------------------------------------------------------------------------

_WORD = re.compile(r"\w\w+")


def words(text: str) -> list[str]:
    """``text``'s words as OCR can give them back: NFKC (presentation forms to letters),
    without harakat and tatweel, lower case; words of two letters or more."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if not (unicodedata.category(ch) == "Mn" or ch == "\u0640"))
    return [word.lower() for word in _WORD.findall(text)]


@dataclass(frozen=True)
class Score:
    recall: float
    similarity: float
    source_words: int


def score(source: list[str], ocr: str) -> Score:
    wanted, read = words("\n".join(source)), words(ocr)
    found = Counter(read)
    hits = 0
    for word in wanted:
        if found[word] > 0:
            found[word] -= 1
            hits += 1
    ratio = difflib.SequenceMatcher(None, " ".join(wanted), " ".join(read),
                                    autojunk=False).ratio()
    return Score(hits / max(1, len(wanted)), ratio, len(wanted))


# -- the terminals ------------------------------------------------------------------------------


@contextlib.contextmanager
def x_server(display: int) -> Iterator[dict[str, str]]:
    """An Xvfb of our own on ``:display``; the environment to reach it. Killed after."""
    socket = Path(f"/tmp/.X11-unix/X{display}")
    if socket.exists():
        raise SystemExit(f"display :{display} is taken: pick another with --display")
    server = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "3400x1200x24",
                               "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        _until(lambda: socket.exists(), 10, "Xvfb did not start")
        yield {"DISPLAY": f":{display}"}
    finally:
        server.terminate()
        server.wait(timeout=10)


def _until(condition, timeout: float, message: str, pause: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(pause)
    raise TimeoutError(message)


def _terminal(run: str, cols: int, rows: int, inner: list[str], work: Path,
              place: tuple[int, int]) -> list[str]:
    if run.startswith("vte"):
        script = work / "vte_window.py"
        script.write_text(VTE_WINDOW)
        return [SYSTEM_PYTHON, str(script), str(cols), str(rows), *map(str, place), *inner]
    family, size = FONT.rsplit(" ", 1)
    return ["xterm", "-geometry", f"{cols}x{rows}+{place[0]}+{place[1]}", "-fa", family,
            "-fs", size, "-tn", "xterm-256color", "+bc", "-e", *inner]


class Shot:
    """One run: ``reader`` (in the run's mode) in the run's terminal, its window at
    ``place`` on the X server; :meth:`still` shoots it (:func:`read_all` waits until it is
    drawn). Several runs wait side by side; :meth:`close` ends the terminal and what runs
    in it."""

    def __init__(self, run: str, cols: int, rows: int, reader: str, document: Path | None,
                 x_env: dict[str, str], place: tuple[int, int] = (0, 0)) -> None:
        self.run = run
        self.work = Path(tempfile.mkdtemp(prefix="ocr-check-"))
        arguments = ["--screen-reader"] if run.endswith("-sr") else []
        if document is not None:
            arguments.append(str(document))
        inner = ["bash", "-c", f"READER_STATE_DIR={shlex.quote(str(self.work / 'state'))} "
                 f"{shlex.quote(reader)} {shlex.join(arguments)}; sleep 60"]
        env = {**os.environ, **x_env, "HOME": str(self.work), "LANG": "C.UTF-8",
               "LC_ALL": "C.UTF-8", "XDG_RUNTIME_DIR": str(self.work), "OCR_FONT": FONT,
               "NO_AT_BRIDGE": "1"}
        for variable in ("KITTY_WINDOW_ID", "KONSOLE_VERSION", "VTE_VERSION", "MLTERM",
                         "TERM_PROGRAM", "TMUX", "COLORTERM", "XTERM_VERSION",
                         "READER_STATE_DIR", "COLUMNS", "LINES"):  # (a fixed size: pytest-xdist)
            env.pop(variable, None)
        self.env = env
        self.terminal = subprocess.Popen(_terminal(run, cols, rows, inner, self.work, place),
                                         env=env, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL, start_new_session=True)
        self.window = ""
        self.last = ""

    def _window(self) -> str:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                                str(self.terminal.pid)], env=self.env,
                               capture_output=True, text=True).stdout.split()
        return found[-1] if found else ""

    def still(self, target: Path) -> bool:
        """Shoot the window into ``target``: true when it is the same as the last shot
        and not of one colour (the reader has drawn)."""
        self.window = self.window or self._window()
        if not self.window:
            return False
        subprocess.run(["import", "-window", self.window, str(target)], env=self.env,
                       check=True, capture_output=True)
        pixels = subprocess.run(["convert", str(target), "-format", "%k\n", "-write", "info:-",
                                 "rgb:-"], capture_output=True, check=True).stdout
        colours, _newline, raw = pixels.partition(b"\n")
        digest = hashlib.sha256(raw).hexdigest()
        same, self.last = digest == self.last, digest
        return same and int(colours or b"1") > 8

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.terminal.pid, signal.SIGTERM)
        self.terminal.wait(timeout=10)
        shutil.rmtree(self.work, ignore_errors=True)


# Words of the source OCR must find in a still screen before it counts as drawn: a still
# screen may be the first frame, the chrome drawn and the document still loading.
DRAWN_WORDS = 3


def read_all(shots: dict[Path, Shot], wanted: dict[str, Expected], cols: int, rows: int,
             keep: Path | None = None, timeout: float = 90.0) -> dict[str, str]:
    """Poll every window until its article is drawn: a still screen (:meth:`Shot.still`)
    in which OCR finds :data:`DRAWN_WORDS` of the source's words, and which is still the
    same after that OCR (a loaded machine can stall a frame half written for longer than
    two shots); each run's OCR text."""
    waiting = dict(shots)
    texts: dict[str, str] = {}
    read: dict[str, str] = {}  # run -> the digest of the shot last read
    drawn: dict[str, tuple[str, str]] = {}  # run -> (digest, OCR text) of a drawn screen
    last: dict[str, str] = {}  # run -> what OCR read last (for the error)

    def done() -> bool:
        ready = []
        for target, shot in list(waiting.items()):
            if not shot.still(target):
                continue
            if drawn.get(shot.run, ("", ""))[0] == shot.last:  # unchanged since read
                texts[shot.run] = drawn[shot.run][1]
                del waiting[target]
            elif read.get(shot.run) != shot.last:
                read[shot.run] = shot.last
                ready.append((target, shot))
        with ThreadPoolExecutor() as pool:  # Tesseract on each still screen at once
            found = list(pool.map(lambda item: read_back(item[0], cols, rows,
                                                         wanted[item[1].run], keep), ready))
        for (_target, shot), text in zip(ready, found, strict=True):
            last[shot.run] = text
            source = set(words("\n".join(wanted[shot.run].lines)))
            if len(set(words(text)) & source) >= DRAWN_WORDS:
                drawn[shot.run] = (read[shot.run], text)
        return not waiting

    try:
        _until(done, timeout, "", pause=0.3)
    except TimeoutError:
        raise TimeoutError("the screen was never drawn: " + "; ".join(
            f"{shot.run} (window {shot.window or None}, OCR: {last.get(shot.run, '')[:300]!r})"
            for shot in waiting.values())) from None
    return texts


def read_back(shot: Path, cols: int, rows: int, area: Expected,
              keep: Path | None = None) -> str:
    """OCR of the article's cells of ``shot`` (a window of ``cols`` x ``rows`` cells):
    in grey, enlarged three times (Tesseract reads 12-point screen text badly at its size),
    then black on white (coloured spans, light on dark, read badly otherwise)."""
    size = subprocess.run(["identify", "-format", "%w %h", str(shot)], capture_output=True,
                          text=True, check=True).stdout.split()
    across, down = int(size[0]) / cols, int(size[1]) / rows
    crop = shot.with_name(shot.stem + "-text.png")
    subprocess.run(["convert", str(shot), "-crop",
                    f"{int(across * area.width)}x{int(down * area.height)}"
                    f"+{int(across * area.left)}+{int(down * area.top)}", "+repage",
                    "-colorspace", "Gray", "-resize", "300%", "-negate", "-threshold", "70%",
                    str(crop)], check=True)
    text = subprocess.run(["tesseract", str(crop), "stdout", "-l", "ara+eng", "--psm", "6"],
                          capture_output=True, text=True, check=True).stdout
    if keep is not None:
        crop.with_suffix(".txt").write_text(text, encoding="utf-8")
    else:
        crop.unlink()
    return text


def check(runs: list[str], cols: int, rows: int, reader: str, document: Path | None,
          display: int, keep: Path | None = None) -> dict[str, Score]:
    """Each run's score (see the module's doc). The runs' terminals start side by side on
    one X server."""
    out = keep or Path(tempfile.mkdtemp(prefix="ocr-shots-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        with x_server(display) as x_env:
            shots: dict[Path, Shot] = {}
            try:
                for index, run in enumerate(runs):
                    place = ((index % 3) * 1130, (index // 3) * 600)
                    shots[out / f"{run}-{cols}x{rows}.png"] = Shot(
                        run, cols, rows, reader, document, x_env, place)
                # while the terminals start: what each should show
                wanted = {run: expected(document, cols, rows, logical=run.endswith("-sr"))
                          for run in runs}
                texts = read_all(shots, wanted, cols, rows, keep)
            finally:
                for shot in shots.values():
                    shot.close()
            return {run: score(wanted[run].lines, texts[run]) for run in runs}
    finally:
        if keep is None:
            shutil.rmtree(out, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=None,
                        help="the document (default: the bundled article)")
    parser.add_argument("--size", default="100x30", help="columns x rows (default 100x30)")
    parser.add_argument("--runs", default=",".join(RUNS),
                        help=f"terminal-mode runs, comma-separated (default {','.join(RUNS)}; "
                             "also xterm-sr)")
    parser.add_argument("--display", type=int, default=83)
    parser.add_argument("--keep", type=Path, default=None,
                        help="folder to keep the screenshots and the OCR text in")
    parser.add_argument("--reader", default=str(Path(sys.executable).with_name("reader")))
    args = parser.parse_args()
    lacking = missing()
    if lacking:
        print("ocr_check: missing " + ", ".join(lacking), file=sys.stderr)
        return 2
    cols, rows = (int(n) for n in args.size.split("x"))
    scores = check(args.runs.split(","), cols, rows, args.reader, args.file, args.display,
                   args.keep)
    print(f"{'run':<16}{'word recall':>12}{'similarity':>12}{'words':>8}")
    for run, found in scores.items():
        print(f"{run:<16}{found.recall:>12.3f}{found.similarity:>12.3f}{found.source_words:>8}")
    if "vte-sr" in scores and "vte-default" in scores:
        print(f"screen-reader / default (VTE): recall "
              f"{scores['vte-sr'].recall / max(1e-9, scores['vte-default'].recall):.3f}, "
              f"similarity "
              f"{scores['vte-sr'].similarity / max(1e-9, scores['vte-default'].similarity):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
