"""Copy as the terminal sees it: OSC 52 bytes from the installed ``reader`` on a pty, with a
piped standard input (``cmd | reader``) and the keys and mouse from the terminal."""

from __future__ import annotations

import base64
import os
import re
import shlex
from pathlib import Path

from reader.content.loading import open_for_reading
from tests.pty_session import PtySession, pty_environment
from tests.tmux_session import installed_reader

TEXT = "قالَ ألتمان: لا شيء يوقف الذكاء."
OSC52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")


def _copied(session: PtySession) -> list[str]:
    return [base64.b64decode(m).decode("utf-8") for m in OSC52.findall(bytes(session.output))]


def test_piped_text_dragged_and_copied_through_osc52(tmp_path: Path) -> None:
    source = tmp_path / "quote.txt"
    source.write_text(TEXT + "\n", encoding="utf-8")
    command = f"cat {shlex.quote(str(source))} | {shlex.quote(str(installed_reader()))}"
    session = PtySession(["/bin/sh", "-c", command], pty_environment(tmp_path), width=80)
    try:
        assert session.wait_for("ﺀﺎﻛﺬﻟﺍ".encode()), session.output[-2000:]  # shaped, on screen
        # Drag along the first text row (row 2: the title is row 1) from the far left (the
        # end of an RTL line) to its right edge (its start); SGR mouse reports. The app takes
        # input in the order it comes: the drag is done before y.
        session.send(b"\x1b[<0;2;2M" + b"\x1b[<32;40;2M" + b"\x1b[<32;78;2M" + b"\x1b[<0;78;2m")
        assert session.wait_for_more()  # the selection drawn
        session.send(b"y")
        assert session.wait_until(OSC52.search), session.output[-2000:]
        assert _copied(session)[-1] == TEXT  # logical order, harakat, lam-alef as two letters
        session.send(b"q")
    finally:
        session.finish()
    assert os.WIFEXITED(session.status) and os.WEXITSTATUS(session.status) == 0


def test_y_on_a_claim_sends_its_source_text(tmp_path: Path) -> None:
    document, _pending, found = open_for_reading(None)
    annotations = found.annotations
    first = min([*annotations.claims.values(), *annotations.rebuttals.values()],
                key=lambda entry: entry.span)
    span = first.span
    expected = document.paragraphs[span.paragraph][span.start : span.end]
    session = PtySession([str(installed_reader())], pty_environment(tmp_path))
    try:
        assert session.wait_for("ﻥﻮﻠﻳﺇ".encode())
        session.send(b"]")
        assert session.wait_for_more()  # the claim focused (keys are taken in order)
        session.send(b"y")
        assert session.wait_until(OSC52.search)
        assert _copied(session)[-1] == expected
        session.send(b"q")
    finally:
        session.finish()
