#!/usr/bin/env python3
"""What does a screen reader receive from VTE in ``--screen-reader`` mode? AT-SPI says (issue 28).

Orca on GNOME Terminal does not read the terminal's pixels nor a capture of its cells: VTE
exposes its screen on the accessibility bus (AT-SPI) as the Text of an accessible of role
*terminal* (its text, one row a line; its caret offset, where the terminal's cursor is) and
sends ``object:text-changed:insert`` and ``object:text-caret-moved`` events when they change.
This script runs the installed ``reader`` in VTE (GTK 3, bidi and shaping on) under an X
server (Xvfb), a session bus and the AT-SPI registry of its own, and reads that Text from a
second process the way Orca does (``gi.repository.Atspi``):

- *lines*: how many of the article's lines on screen (their source text, known from the
  reader's own layout at the same size) are a row of the accessible text exactly; how many
  rows hold presentation forms, or bidi controls that are not in the source;
- *caret*: after ``]`` (the first claim) and ``n`` (the next hit of a search), whether the
  accessible caret offset is on the focused span's first letter;
- *notice*: after ``<`` (a status note, "Measure: 66", and the article reflowed) and after
  ``Ctrl+G`` (the same note again, nothing else changed), whether the caret is at the start of
  the notice's row, and which ``text-changed:insert`` events arrived: their number, their
  length, and whether the notice's text is among them (what Orca speaks of a terminal).

    python scripts/atspi_check.py                    # the bundled article, 100x30, both modes
    python scripts/atspi_check.py --size 80x20 --modes sr

Needs (Debian): xvfb python3-gi gir1.2-vte-2.91 gir1.2-gtk-3.0 gir1.2-atspi-2.0 at-spi2-core
dbus-daemon. ``tests/test_atspi.py`` runs it at 80x20.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"  # the one with python3-gi (VTE, Atspi)
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"  # started by the session bus on demand

# The terminal: a GTK 3 window with VTE (its accessible is what Orca reads). What the user
# types reaches the program through the pty, as from the keyboard: each line on stdin is
# hex of the bytes to feed the child.
VTE_WINDOW = """
import os, sys, gi
gi.require_version("Gtk", "3.0"); gi.require_version("Vte", "2.91")
from gi.repository import Gtk, Vte, GLib
GLib.set_prgname("atspi-check-vte")
cols, rows = int(sys.argv[1]), int(sys.argv[2])
win = Gtk.Window(title="vte")
term = Vte.Terminal()
term.set_size(cols, rows)
term.set_enable_bidi(True)
term.set_enable_shaping(True)
term.connect("child-exited", lambda *a: Gtk.main_quit())
win.add(term); win.connect("destroy", Gtk.main_quit); win.show_all()
def spawn():
    if (term.get_column_count(), term.get_row_count()) != (cols, rows):
        return True
    term.spawn_async(Vte.PtyFlags.DEFAULT, os.getcwd(), sys.argv[3:], None,
                     GLib.SpawnFlags.DEFAULT, None, None, -1, None, None, None)
    return False
def typed(source, condition):
    line = sys.stdin.readline()
    if not line:
        Gtk.main_quit()
        return False
    term.feed_child(bytes.fromhex(line.strip()))
    return True
GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, typed)
GLib.timeout_add(50, spawn)
Gtk.main()
"""

# The screen reader's side: finds the terminal's accessible, prints each text and caret
# event as a JSON line, and on each line of stdin the terminal's whole text and caret
# offset ("snapshot") or a marker ("mark NAME") between the events.
PROBE = """
import json, sys, gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib
def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\\n"); sys.stdout.flush()
found = []
def find(acc, depth=0):
    if acc is None or depth > 8:
        return None
    if not found:
        acc.clear_cache()  # a subtree read before the window was mapped may be cached empty
    if acc.get_role() == Atspi.Role.TERMINAL:
        return acc
    for i in range(acc.get_child_count()):
        hit = find(acc.get_child_at_index(i), depth + 1)
        if hit is not None:
            return hit
    return None
def terminal():
    if not found:
        desktop = Atspi.get_desktop(0)
        desktop.clear_cache()  # an application that came after the probe may be missing
        hit = find(desktop)
        if hit is not None and "Text" in hit.get_interfaces():
            found.append(hit)
    return found[0] if found else None
def on_event(event):
    try:
        if event.source.get_role() != Atspi.Role.TERMINAL:
            return
    except GLib.Error:
        return
    data = event.any_data if isinstance(event.any_data, str) else None
    emit({"event": event.type, "detail1": event.detail1, "detail2": event.detail2,
          "text": data})
listener = Atspi.EventListener.new(on_event)
for kind in ("object:text-changed:insert", "object:text-changed:delete",
             "object:text-caret-moved"):
    listener.register(kind)
def command(source, condition):
    line = sys.stdin.readline()
    if not line:
        Atspi.event_quit()
        return False
    if line.startswith("mark "):
        emit({"mark": line[5:].strip()})
        return True
    term = terminal()
    if term is None:
        emit({"snapshot": None})
    else:
        emit({"snapshot": Atspi.Text.get_text(term, 0, -1),
              "caret": Atspi.Text.get_caret_offset(term),
              "interfaces": list(term.get_interfaces())})
    return True
GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, command)
emit({"ready": True})
Atspi.event_main()
"""


def _ocr_check():
    """scripts/ocr_check.py, for its X server and the reader's own layout."""
    import importlib.util

    if "ocr_check" in sys.modules:
        return sys.modules["ocr_check"]
    spec = importlib.util.spec_from_file_location(
        "ocr_check", Path(__file__).resolve().parent / "ocr_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ocr_check"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def missing() -> list[str]:
    """What this check needs and this machine lacks (empty: it can run)."""
    lacking = [tool for tool in ("Xvfb", "dbus-daemon") if shutil.which(tool) is None]
    if not Path(BUS_LAUNCHER).exists():
        lacking.append("at-spi2-core")
    for module, package in (("Vte", "gir1.2-vte-2.91"), ("Atspi", "gir1.2-atspi-2.0")):
        version = "2.91" if module == "Vte" else "2.0"
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", f"import gi; gi.require_version('{module}', '{version}'); "
             f"from gi.repository import {module}"], capture_output=True) \
            if Path(SYSTEM_PYTHON).exists() else None
        if probe is None or probe.returncode != 0:
            lacking.append(f"python3-gi with {package}")
    return lacking


@contextlib.contextmanager
def session_bus(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """A D-Bus session bus of our own (the AT-SPI bus and registry are started on it on
    demand); the environment to reach it. It and what it started are ended after."""
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              env=env, start_new_session=True)
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        if not address:
            raise RuntimeError("dbus-daemon gave no address")
        yield {"DBUS_SESSION_BUS_ADDRESS": address}
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(daemon.pid, signal.SIGTERM)  # the bus, the launcher, the registry
        daemon.wait(timeout=10)


class Lines:
    """A process's stdout read as JSON lines by a thread, into a queue."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.queue: queue.Queue[dict] = queue.Queue()
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            with contextlib.suppress(ValueError):
                self.queue.put(json.loads(line))

    def get(self, timeout: float) -> dict:
        return self.queue.get(timeout=timeout)


@dataclass
class Snapshot:
    text: str
    caret: int

    @property
    def rows(self) -> list[str]:
        return self.text.split("\n")

    def from_caret(self) -> str:
        """The caret's row from the caret on."""
        return self.text[self.caret:].split("\n", 1)[0]


@dataclass
class Terminal:
    """``reader`` in a VTE window, and a screen reader's view of it over AT-SPI."""

    window: subprocess.Popen[str]
    probe: subprocess.Popen[str]
    lines: Lines
    events: list[dict] = field(default_factory=list)

    def type(self, keys: str) -> None:
        assert self.window.stdin is not None
        self.window.stdin.write(keys.encode().hex() + "\n")
        self.window.stdin.flush()

    def _ask(self, line: str, answer: str, timeout: float = 10.0) -> dict:
        assert self.probe.stdin is not None
        self.probe.stdin.write(line + "\n")
        self.probe.stdin.flush()
        deadline = time.monotonic() + timeout
        while True:
            item = self.lines.get(max(0.01, deadline - time.monotonic()))
            if answer in item:
                return item
            self.events.append(item)

    def mark(self, name: str) -> None:
        """Events from now on are the step ``name``'s (:meth:`events_since`)."""
        self.events.append(self._ask(f"mark {name}", "mark"))

    def events_since(self, name: str) -> list[dict]:
        index = max(i for i, item in enumerate(self.events) if item.get("mark") == name)
        return [item for item in self.events[index + 1:] if "event" in item]

    def snapshot(self) -> Snapshot | None:
        answer = self._ask("snapshot", "snapshot")
        if answer["snapshot"] is None:
            return None
        return Snapshot(answer["snapshot"], answer["caret"])

    def until(self, condition: Callable[[Snapshot], bool], timeout: float,
              what: str) -> Snapshot:
        """The accessible text once ``condition`` holds and two snapshots in a row are the
        same (VTE has caught up with the reader's frame)."""
        deadline = time.monotonic() + timeout
        last: Snapshot | None = None
        while time.monotonic() < deadline:
            shot = self.snapshot()
            if shot is not None and condition(shot) and shot == last:
                return shot
            last = shot
            time.sleep(0.05)  # (a poll's pace: the condition is what is waited for)
        raise TimeoutError(f"{what}: the accessible text never showed it; last: "
                           f"{last.text[-600:] if last else None!r}, caret "
                           f"{last.caret if last else None}")


@contextlib.contextmanager
def terminal(reader: str, arguments: list[str], cols: int, rows: int, env: dict[str, str],
             work: Path) -> Iterator[Terminal]:
    """``reader arguments`` in VTE, ``cols`` x ``rows``; a screen reader's view of it."""
    window_script, probe_script = work / "vte_window.py", work / "probe.py"
    window_script.write_text(VTE_WINDOW)
    probe_script.write_text(PROBE)
    inner = ["bash", "-c", f"READER_STATE_DIR={shlex.quote(str(work / 'state'))} "
             f"{shlex.quote(reader)} {shlex.join(arguments)}; sleep 60"]
    window = subprocess.Popen([SYSTEM_PYTHON, str(window_script), str(cols), str(rows), *inner],
                              env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    probe = subprocess.Popen([SYSTEM_PYTHON, str(probe_script)], env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        lines = Lines(probe)
        if "ready" not in lines.get(timeout=20):
            raise RuntimeError("the AT-SPI probe did not start")
        yield Terminal(window, probe, lines)
    finally:
        for process in (probe, window):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)


# -- what the screen reader gets ---------------------------------------------------------------

_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")


def presentation_forms(text: str) -> int:
    return sum("ARABIC" in unicodedata.name(ch, "") and "FORM" in unicodedata.name(ch, "")
               for ch in text)


@dataclass(frozen=True)
class LinesScore:
    source_lines: int  # the article's lines on screen with text
    exact: int  # of them, a row of the accessible text exactly (spaces at the ends aside)
    rows_with_forms: int  # rows holding presentation forms
    foreign_controls: int  # bidi controls in the rows that are in no source line
    in_order: bool  # the matched rows come in the source's order


def score_lines(snapshot: Snapshot, source: list[str]) -> LinesScore:
    rows = [row.strip() for row in snapshot.rows]
    wanted = [line.replace("\t", " ").strip() for line in source if line.strip()]
    positions = [rows.index(line) for line in wanted if line in rows]
    in_source = set("".join(source))
    foreign = sum(ch in _BIDI_CONTROLS and ch not in in_source for ch in snapshot.text)
    return LinesScore(len(wanted), len(positions),
                      sum(presentation_forms(row) > 0 for row in snapshot.rows), foreign,
                      positions == sorted(positions))


@dataclass(frozen=True)
class Notice:
    caret_on_notice: bool  # the caret at the start of the notice's row
    inserts: int  # text-changed:insert events between the key and the settled screen
    inserted: int  # characters they carried
    carrying: int  # how many of them hold the notice's whole text
    shortest: int  # characters of the shortest of those (0: none)
    before: int  # characters before the notice in that one (what is spoken first)
    spoken: str | None  # what Orca's terminal script would speak (:func:`orca_would_speak`)
    notice: str


@dataclass
class Report:
    mode: str
    interfaces: list[str]
    lines: LinesScore
    caret_on_claim: bool | None = None
    caret_on_hit: bool | None = None
    notice: Notice | None = None
    caret_back: bool | None = None
    again: Notice | None = None


def run_mode(mode: str, reader: str, cols: int, rows: int, env: dict[str, str],
             timeout: float = 60.0) -> Report:
    """One run of ``reader`` (``mode`` "sr": ``--screen-reader``, else the default) on the
    bundled article; what the accessible text gave."""
    from reader.content.annotations.file import load_annotations_for
    from reader.content.formats import load_document

    logical = mode == "sr"
    document = load_document()
    first = document.paragraphs[0]
    work = Path(tempfile.mkdtemp(prefix="atspi-check-"))
    try:
        with terminal(reader, ["--screen-reader"] if logical else [], cols, rows,
                      {**env, "HOME": str(work)}, work) as term:
            wanted = _ocr_check().expected(None, cols, rows, logical=logical)
            if logical:
                shot = term.until(lambda s: first[:20] in s.text, timeout, "the article")
            else:  # the rows are shaped and reversed: wait for the status line's key bar
                shot = term.until(lambda s: len(s.text.strip()) > cols * 5, timeout,
                                  "the article")
            interfaces = term._ask("snapshot", "snapshot")["interfaces"]
            report = Report(mode, interfaces, score_lines(shot, wanted.lines))
            if not logical:
                return report
            annotations = load_annotations_for(document, None).annotations
            assert annotations is not None
            span = min(annotations.claims.values(), key=lambda claim: claim.span).span
            claim = document.paragraphs[span.paragraph][span.start:span.end]
            term.type("]")
            report.caret_on_claim = _holds(term, lambda s: s.from_caret().startswith(
                claim[:15]), timeout)
            term.type("/")
            term.until(lambda s: any("[fold]" in row for row in s.rows[-4:]), timeout,
                       "the search bar")
            term.type("Roadster\r")
            term.until(lambda s: any("Roadster" in row for row in s.rows[-3:]), timeout,
                       "the search")
            term.type("n")

            def on_hit(s: Snapshot) -> bool:
                return s.from_caret().startswith("Roadster")

            report.caret_on_hit = _holds(term, on_hit, timeout)
            term.mark("notice")
            term.type("<")  # a narrower measure: a note, and the article reflowed
            report.notice = _notice(term, timeout, "notice")
            term.type("z")
            report.caret_back = _holds(term, on_hit, timeout)
            term.mark("again")
            term.type("\x07")  # Ctrl+G: the same notice again, the text unchanged
            report.again = _notice(term, timeout, "again", printable=False)
            return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _holds(term: Terminal, condition: Callable[[Snapshot], bool], timeout: float) -> bool:
    try:
        term.until(condition, timeout, "")
    except TimeoutError:
        return False
    return True


_MEASURE = re.compile(r"Measure: \d+")


def _notice(term: Terminal, timeout: float, step: str, printable: bool = True) -> Notice:
    """The notice of ``step``: the caret, the insertions, and what Orca would speak of them
    (``printable``: after a printable key; else Orca's default script handles them: None)."""
    try:
        shot = term.until(lambda s: _MEASURE.match(s.from_caret()) is not None, timeout, "")
        on_notice = True
    except TimeoutError:
        shot = term.until(lambda s: _MEASURE.search(s.text) is not None, timeout, "notice")
        on_notice = False
    found = _MEASURE.search(shot.text)
    assert found is not None
    row_start = shot.text.rfind("\n", 0, found.start()) + 1
    notice = shot.text[row_start:].split("\n", 1)[0].strip()
    inserts = [event for event in term.events_since(step)
               if event["event"].startswith("object:text-changed:insert")]
    carrying = sorted((event["text"] for event in inserts if notice in (event["text"] or "")),
                      key=len)
    return Notice(on_notice, len(inserts), sum(len(event["text"] or "") for event in inserts),
                  len(carrying), len(carrying[0]) if carrying else 0,
                  carrying[0].index(notice) if carrying else -1,
                  "\n".join(orca_would_speak(shot, event) for event in inserts)
                  if printable else None, notice)


def orca_would_speak(shot: Snapshot, event: dict) -> str:
    """What Orca's terminal script speaks of an insertion that follows a printable key
    (its ``insertedText``, Orca 43.1 as in Debian 12): an insertion within one row as it
    is; one over several rows widened to whole rows, from its first row's start to the end
    of the caret's row, or of its own last row when the caret's row is its first or last
    or none. ``shot``: the text and caret once the screen is still (the caret has moved by
    the time Orca asks for it)."""
    inserted = event["text"] or ""
    if len(inserted) <= 1:
        return inserted
    text = shot.text

    def row(offset: int) -> tuple[int, int]:  # (start, end without the newline)
        begin = text.rfind("\n", 0, offset) + 1
        stop = text.find("\n", offset)
        return begin, len(text) if stop < 0 else stop

    first, last = row(event["detail1"]), row(event["detail1"] + len(inserted) - 1)
    if first == last:
        return inserted
    current = row(shot.caret)
    if current not in (first, last):
        last = current
    return text[first[0]:last[1]] or inserted


def check(modes: list[str], cols: int, rows: int, reader: str, display: int,
          timeout: float = 60.0) -> list[Report]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_AT_BRIDGE", "COLUMNS", "LINES", "READER_STATE_DIR", "TMUX",
                          "VTE_VERSION", "KITTY_WINDOW_ID", "KONSOLE_VERSION", "MLTERM",
                          "TERM_PROGRAM", "COLORTERM", "XTERM_VERSION",
                          "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    with _ocr_check().x_server(display) as x_env:
        env.update(x_env)
        with session_bus(env) as bus_env:
            env.update(bus_env)
            return [run_mode(mode, reader, cols, rows, env, timeout) for mode in modes]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="100x30", help="columns x rows (default 100x30)")
    parser.add_argument("--modes", default="sr,default",
                        help="sr (--screen-reader), default; comma-separated")
    parser.add_argument("--display", type=int, default=85)
    parser.add_argument("--reader", default=str(Path(sys.executable).with_name("reader")))
    args = parser.parse_args()
    lacking = missing()
    if lacking:
        print("atspi_check: missing " + ", ".join(lacking), file=sys.stderr)
        return 2
    cols, rows = (int(n) for n in args.size.split("x"))
    for report in check(args.modes.split(","), cols, rows, args.reader, args.display):
        lines = report.lines
        print(f"{report.mode}: accessible interfaces {', '.join(report.interfaces)}")
        print(f"  lines: {lines.exact}/{lines.source_lines} source lines are a row exactly "
              f"({'in order' if lines.in_order else 'NOT in order'}); "
              f"{lines.rows_with_forms} rows with presentation forms; "
              f"{lines.foreign_controls} bidi controls not in the source")
        if report.caret_on_claim is not None:
            print(f"  caret: on the claim after ]: {report.caret_on_claim}; on the hit after "
                  f"n: {report.caret_on_hit}; back on the hit after the notice: "
                  f"{report.caret_back}")
        for name, notice in (("< (measure)", report.notice), ("Ctrl+G (again)", report.again)):
            if notice is None:
                continue
            print(f"  notice after {name} {notice.notice!r}: caret at its start: "
                  f"{notice.caret_on_notice}; {notice.inserts} text-changed:insert events "
                  f"({notice.inserted} characters), {notice.carrying} holding the notice "
                  f"(the shortest {notice.shortest} characters, {notice.before} before it)")
            if notice.spoken is not None:
                print(f"    Orca's terminal script would speak {len(notice.spoken)} characters "
                      f"(the changed rows to the caret's), the notice "
                      f"{'among them' if notice.notice in notice.spoken else 'NOT among them'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
