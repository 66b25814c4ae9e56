"""The note on stderr while a URL downloads: one row, rewritten in place, cleared at the end.

Like every message of the command line it is laid out by the core in a right-to-left
interface (:mod:`reader.terminal.messages`): one visual row, cut to the terminal's width
so that rewriting it with a carriage return stays on one row.
"""

from __future__ import annotations

import sys

from reader.content.fetch import Progress, size_text
from reader.i18n import _, is_rtl
from reader.terminal.messages import is_terminal, one_row, plain, row_end
from reader.text.chrome import fill, isolate
from reader.text.safe import visible

URL_CELLS = 60  # of the URL shown


def stderr_note(url: str) -> Progress:
    """A progress note on stderr while ``url`` downloads (only when stderr is a terminal),
    rewritten in place and cleared when the body is complete."""
    stream = sys.stderr
    if not is_terminal(stream):
        return lambda _received, _total: None
    shown = visible(url, keep_newlines=False)
    if len(shown) > URL_CELLS:
        shown = shown[:URL_CELLS - 1] + "…"

    def line(text: str) -> str:
        message = "reader: " + text
        return one_row(message, stream) if is_rtl() else plain(message)

    def note(received: int, total: int | None) -> None:
        # each size isolated: "4 KB من 4 KB" read as one left-to-right run put من between
        # the 4 and its KB
        done = size_text(received) if not total else fill(
            _("{received} of {total}"), received=size_text(received), total=size_text(total))
        end = "\r\x1b[K" + (row_end() if is_rtl() else "") \
            if total is not None and received >= total else ""
        text = _("fetching {url} … {done}").format(url=isolate(shown), done=done)
        stream.write("\r\x1b[K" + line(text) + end)
        stream.flush()

    stream.write(line(fill(_("fetching {url} …"), url=shown)) + "\r")
    stream.flush()
    return note
