"""The system clipboard, reached through the desktop's own copy command when there is one.

The app sends every copy to the terminal as OSC 52 (``ESC ] 52 ; c ; base64 BEL``), which
works over ssh and inside tmux, but a terminal may refuse it without saying so: Debian's
stock xterm does (its ``disallowedWindowOps`` include SetSelection), and so do terminals
where it is a setting left off. So the app also hands the text to the desktop's clipboard
command when one is reachable from here, and says "copied" only when one of them took it;
otherwise the note says the text was sent to the terminal, which may or may not keep it
(docs/copy.md says which terminals need which setting).

The commands, in the order tried: ``wl-copy`` under Wayland (``WAYLAND_DISPLAY``), ``xclip``
then ``xsel`` under X (``DISPLAY``), ``pbcopy`` on macOS. A command counts only when it
exits with status 0 within :data:`TIMEOUT` seconds; one that hangs is not tried again in
this process. Its output goes nowhere (an error message would land on the app's screen), and
it runs in a session of its own: ``xclip``, ``xsel`` and ``wl-copy`` stay behind to serve
the selection, and must not be hung up with the reader's terminal.

Why not pyperclip (BSD): it picks one mechanism on first use and keeps it for the process,
lets the command write on the terminal the app draws on, ignores the command's exit status
(so "copied" could not be told from "failed"), has no time limit, and without xclip or xsel
it imports Qt. What the reader needs is the few lines here. No Textual import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping

TIMEOUT = 2.0  # seconds a clipboard command may take

# (command, its arguments to take the clipboard's text from standard input)
WAYLAND = (("wl-copy", ("--type", "text/plain;charset=utf-8")),)
X11 = (("xclip", ("-selection", "clipboard", "-in")),
       ("xsel", ("--clipboard", "--input")))
MACOS = (("pbcopy", ()),)

_stuck: set[str] = set()  # commands that timed out: not tried again


def commands(environ: Mapping[str, str] | None = None,
             platform: str = sys.platform) -> list[list[str]]:
    """The clipboard commands reachable in ``environ`` (default: this process's), in the
    order they are tried, each as an argument list with its full path."""
    env = os.environ if environ is None else environ
    wanted: list[tuple[str, tuple[str, ...]]] = []
    if env.get("WAYLAND_DISPLAY"):
        wanted += WAYLAND
    if env.get("DISPLAY"):
        wanted += X11
    if platform == "darwin":
        wanted += MACOS
    found = []
    for name, arguments in wanted:
        path = shutil.which(name, path=env.get("PATH", os.defpath))
        if path is not None and path not in _stuck:
            found.append([path, *arguments])
    return found


def copy(text: str, environ: Mapping[str, str] | None = None,
         platform: str = sys.platform) -> str | None:
    """Put ``text`` on the system clipboard; the name of the command that took it, or None
    when no clipboard command is reachable or none of them took it."""
    env = dict(os.environ if environ is None else environ)
    data = text.encode("utf-8", errors="replace")
    for argv in commands(env, platform):
        name = os.path.basename(argv[0])
        # pbcopy reads its input in the locale's encoding: UTF-8 whatever the locale
        run_env = {**env, "LC_CTYPE": "UTF-8"} if name == "pbcopy" else env
        try:
            done = subprocess.run(argv, input=data, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, env=run_env, timeout=TIMEOUT,
                                  start_new_session=True, check=False)
        except subprocess.TimeoutExpired:
            _stuck.add(argv[0])
            continue
        except OSError:
            continue
        if done.returncode == 0:
            return name
    return None
