#!/usr/bin/env python3
"""Screenshots of the installed ``reader`` in real terminal emulators, under Xvfb.

For each terminal, mode and size it starts a private X server, opens the terminal running
``reader --bidi MODE`` on the bundled article, optionally sends keys (xdotool), waits for the
screen to settle and saves ``OUT/<terminal>-<mode>-<cols>x<rows>[-<name>].png``. Look at them:
they are how the reader really looks, which no test can tell.

Needs (Debian): xvfb xterm mlterm konsole kitty python3-gi gir1.2-vte-2.91 gir1.2-gtk-3.0
imagemagick x11-utils xdotool fonts-dejavu libgl1-mesa-dri.

    python scripts/terminal_shots.py --out shots                  # the article, 120x36 and 80x24
    python scripts/terminal_shots.py --scenarios all --sizes 120x36  # every scenario below
    python scripts/terminal_shots.py --terminals kitty,konsole --modes auto --sizes 80x24 \\
        --keys "bracketright Return" --name chooser

Scenarios (``--scenarios NAME,...`` or ``all``; each adds ``-NAME`` to the file names):

- ``chooser``: ``]`` then Enter on the first claim, which has several rebuttals;
- ``help``: ``?``;
- ``16-xterm``, ``16-xterm-help``, ``16-linux``: the chooser or the help with ``TERM=xterm``
  or ``TERM=linux`` (16 colours; the backdrops' colours);
- ``harakat``: ``H`` twice (highlight);
- ``goto``: the ``:`` prompt;
- ``select``: a mouse drag across two lines of the article (xdotool);
- ``light``: ``t`` (light theme);
- ``ar``, ``ar-palette``, ``ar-help``: the Arabic interface (``--lang ar``), alone, with the
  command palette (Ctrl+P) or with the help;
- ``html``: ``tests/data/formats/news.ar.html`` (its table).
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

TERMINALS = ("xterm", "vte", "mlterm", "konsole", "kitty")
FONT, FONT_SIZE = "DejaVu Sans Mono", 12

VTE_WINDOW = """
import os, sys, gi
gi.require_version("Gtk", "3.0"); gi.require_version("Vte", "2.91")
from gi.repository import Gtk, Vte, GLib, Pango
cols, rows = int(sys.argv[1]), int(sys.argv[2])
win = Gtk.Window(title="vte")
term = Vte.Terminal()
term.set_font(Pango.FontDescription("FONT"))
term.set_size(cols, rows)
term.set_enable_bidi(True)
term.set_enable_shaping(True)
term.spawn_async(Vte.PtyFlags.DEFAULT, os.getcwd(), sys.argv[3:], None,
                 GLib.SpawnFlags.DEFAULT, None, None, -1, None, None, None)
term.connect("child-exited", lambda *a: Gtk.main_quit())
win.add(term); win.connect("destroy", Gtk.main_quit); win.move(0, 0); win.show_all()
Gtk.main()
""".replace("FONT", f"{FONT} {FONT_SIZE}")


def _home(terminal: str, home: Path, cols: int, rows: int) -> None:
    """A fresh HOME holding the terminal's configuration: font and size only, everything
    else at its defaults (Konsole's bidi rendering on, kitty without force_ltr)."""
    if terminal == "kitty":
        conf = home / ".config" / "kitty"
        conf.mkdir(parents=True)
        (conf / "kitty.conf").write_text(
            f"font_family {FONT}\nfont_size {FONT_SIZE}\nremember_window_size no\n"
            f"initial_window_width {cols}c\ninitial_window_height {rows}c\n")
    elif terminal == "konsole":
        profiles = home / ".local" / "share" / "konsole"
        profiles.mkdir(parents=True)
        (profiles / "Shots.profile").write_text(
            f"[Appearance]\nColorScheme=DarkPastels\nFont={FONT},{FONT_SIZE},-1,5,50,0,0,0,0,0\n\n"
            f"[General]\nName=Shots\nParent=FALLBACK/\nTerminalColumns={cols}\n"
            f"TerminalRows={rows}\n\n[Scrolling]\nScrollBarPosition=2\n")
        config = home / ".config"
        config.mkdir(parents=True)
        (config / "konsolerc").write_text(
            "[Desktop Entry]\nDefaultProfile=Shots.profile\n\n"
            "[KonsoleWindow]\nShowMenuBarByDefault=false\n")
    elif terminal == "mlterm":
        conf = home / ".mlterm"
        conf.mkdir(parents=True)
        (conf / "aafont").write_text(
            f"DEFAULT = {FONT}\nISO10646_UCS4_1 = {FONT}\nISO10646_UCS4_1_BIWIDTH = {FONT}\n")


def _command(terminal: str, cols: int, rows: int, inner: list[str], work: Path) -> list[str]:
    if terminal == "xterm":
        return ["xterm", "-geometry", f"{cols}x{rows}+0+0", "-fa", FONT, "-fs", str(FONT_SIZE),
                "-tn", "xterm-256color", "-e", *inner]
    if terminal == "vte":
        script = work / "vte_window.py"
        script.write_text(VTE_WINDOW)
        return ["/usr/bin/python3", str(script), str(cols), str(rows), *inner]
    if terminal == "mlterm":
        return ["mlterm", "-g", f"{cols}x{rows}+0+0", "-w", "16", "-e", *inner]
    if terminal == "konsole":
        return ["konsole", "--profile", "Shots", "--hide-menubar", "--hide-tabbar",
                "-e", *inner]
    if terminal == "kitty":
        return ["kitty", "-o", "linux_display_server=x11", *inner]
    raise ValueError(terminal)


# name: (keys, extra reader arguments, TERM, drag as fractions of the window x0,y0,x1,y1)
SCENARIOS: dict[str, tuple[list[str], list[str], str, tuple[float, ...]]] = {
    "chooser": (["bracketright", "Return"], [], "", ()),
    "help": (["question"], [], "", ()),
    "16-xterm": (["bracketright", "Return"], [], "xterm", ()),
    "16-xterm-help": (["question"], [], "xterm", ()),
    "16-linux": (["bracketright", "Return"], [], "linux", ()),
    "harakat": (["H", "H"], [], "", ()),
    "goto": (["colon"], [], "", ()),
    "select": ([], [], "", (0.30, 0.30, 0.55, 0.36)),
    "light": (["t"], [], "", ()),
    "ar": ([], ["--lang", "ar"], "", ()),
    "ar-palette": (["ctrl+p"], ["--lang", "ar"], "", ()),
    "ar-help": (["question"], ["--lang", "ar"], "", ()),
    "html": ([], [str(Path(__file__).resolve().parent.parent / "tests" / "data" / "formats"
                         / "news.ar.html")], "", ()),
}


def _drag(env: dict[str, str], window: str, drag: tuple[float, ...]) -> None:
    """Press the left button at one point of the window and release it at another."""
    geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window], env=env,
                              capture_output=True, text=True).stdout
    size = dict(line.split("=", 1) for line in geometry.split() if "=" in line)
    width, height = int(size.get("WIDTH", "800")), int(size.get("HEIGHT", "600"))
    x0, y0, x1, y1 = drag
    steps = 6
    subprocess.run(["xdotool", "mousemove", "--window", window, str(int(x0 * width)),
                    str(int(y0 * height)), "mousedown", "1"], env=env, check=False)
    for step in range(1, steps + 1):
        x = x0 + (x1 - x0) * step / steps
        y = y0 + (y1 - y0) * step / steps
        subprocess.run(["xdotool", "mousemove", "--window", window, str(int(x * width)),
                        str(int(y * height))], env=env, check=False)
        time.sleep(0.15)
    subprocess.run(["xdotool", "mouseup", "1"], env=env, check=False)


def _wait_for_window(env: dict[str, str], timeout: float = 20.0) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."],
                               env=env, capture_output=True, text=True).stdout.split()
        if found:
            return found[-1]
        time.sleep(0.3)
    return None


def shoot(terminal: str, mode: str, cols: int, rows: int, out: Path, reader: str,
          display: int, keys: list[str], name: str, settle: float,
          term_name: str = "", extra: list[str] | None = None,
          drag: tuple[float, ...] = ()) -> Path | None:
    work = Path(tempfile.mkdtemp(prefix=f"shots-{terminal}-"))
    home = work / "home"
    home.mkdir()
    _home(terminal, home, cols, rows)
    state = work / "state"
    # 16 colours: VTE and kitty declare COLORTERM=truecolor to their children
    term = f"unset COLORTERM; TERM={shlex.quote(term_name)} " if term_name else ""
    inner = ["bash", "-c", f"{term}READER_STATE_DIR={shlex.quote(str(state))} "
             f"{shlex.quote(reader)} --bidi {mode} {shlex.join(extra or [])}; sleep 60"]
    env = {**os.environ, "DISPLAY": f":{display}", "HOME": str(home), "LANG": "C.UTF-8",
           "LC_ALL": "C.UTF-8", "LIBGL_ALWAYS_SOFTWARE": "1", "QT_QPA_PLATFORM": "xcb",
           "XDG_RUNTIME_DIR": str(work)}
    for variable in ("KITTY_WINDOW_ID", "KONSOLE_VERSION", "VTE_VERSION", "MLTERM",
                     "TERM_PROGRAM", "TMUX", "COLORTERM"):
        env.pop(variable, None)
    xvfb = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1600x1000x24", "-nolisten",
                             "tcp", "+extension", "GLX"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    app = None
    try:
        time.sleep(1.0)
        app = subprocess.Popen(_command(terminal, cols, rows, inner, work), env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
        window = _wait_for_window(env)
        if window is None:  # the terminal did not start (a busy machine): the caller retries
            return None
        time.sleep(settle)
        if keys:
            for key in keys:
                subprocess.run(["xdotool", "key", *key.split()], env=env, check=False)
                time.sleep(0.8)
            time.sleep(1.5)
        if drag and window:
            _drag(env, window, drag)
            time.sleep(1.5)
        suffix = f"-{name}" if name else ""
        target = out / f"{terminal}-{mode}-{cols}x{rows}{suffix}.png"
        subprocess.run(["import", "-window", window, str(target)], env=env,
                       check=True, capture_output=True)
        return target
    finally:
        if app is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(app.pid, signal.SIGTERM)
            app.wait(timeout=10)
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="shots", help="folder for the PNGs (default: shots)")
    parser.add_argument("--terminals", default=",".join(TERMINALS))
    parser.add_argument("--modes", default="auto", help="--bidi modes, comma-separated")
    parser.add_argument("--sizes", default="120x36,80x24")
    parser.add_argument("--keys", action="append", default=[],
                        help="xdotool keys to send before the shot (repeatable)")
    parser.add_argument("--term", default="",
                        help="TERM for reader (e.g. xterm: 16 colours); default: the terminal's")
    parser.add_argument("--name", default="", help="suffix for the file names")
    parser.add_argument("--scenarios", default="",
                        help="named scenarios, comma-separated, or 'all' (see above)")
    parser.add_argument("--settle", type=float, default=6.0, help="seconds before the shot")
    parser.add_argument("--reader", default=shutil.which("reader") or
                        str(Path(sys.executable).with_name("reader")))
    parser.add_argument("--display", type=int, default=91)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    runs = [(args.keys, [], args.term, (), args.name)]
    if args.scenarios:
        names = list(SCENARIOS) if args.scenarios == "all" else args.scenarios.split(",")
        runs = [(*SCENARIOS[name], name) for name in names]
    for terminal in args.terminals.split(","):
        if terminal != "vte" and shutil.which(terminal) is None:
            print(f"{terminal}: not installed, skipped", file=sys.stderr)
            continue
        for mode in args.modes.split(","):
            for size in args.sizes.split(","):
                cols, rows = (int(n) for n in size.split("x"))
                for keys, extra, term_name, drag, name in runs:
                    for _attempt in range(3):
                        path = shoot(terminal, mode, cols, rows, out, args.reader,
                                     args.display, keys, name, args.settle, term_name, extra,
                                     drag)
                        if path is not None:
                            break
                    print(path, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
