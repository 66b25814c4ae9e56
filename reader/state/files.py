"""Writing the reader's own files safely: atomically, and under a lock on their directory.

One way for every file the reader writes for the user (positions, preferences, annotation
files): a temporary file beside the target, then ``os.replace``, so a reader never finds a
torn file; the temporary file is removed when anything fails. The reader's own state
(positions, preferences: which files were read, and where) is private, mode 0600; a file
made for the user to read, edit and share (an annotation file) is made like any other file
the user makes, with their umask. :func:`locked` holds an
advisory lock on a directory so that two readers that read, merge and replace the same file
at once keep both their changes. No Textual import.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the in-process lock only
    fcntl = None  # type: ignore[assignment]  # no fcntl: None says so where it is used

# A writer waits this long for another one to finish, then writes anyway.
LOCK_WAIT = 2.0

_THREADS = threading.Lock()


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold the writers' lock on ``directory`` (best effort: never fails, never hangs)."""
    with _THREADS:
        handle = None
        if fcntl is not None:
            with contextlib.suppress(OSError):
                handle = os.open(directory, os.O_RDONLY)
        try:
            if handle is not None:
                deadline = time.monotonic() + LOCK_WAIT
                while True:
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            break
                        time.sleep(0.002)
                    except OSError:  # no locks on this file system
                        break
            yield
        finally:
            if handle is not None:
                os.close(handle)  # releases the lock


def _temporary(directory: Path, prefix: str, private: bool) -> tuple[int, str]:
    """A new file in ``directory``, open for writing: mode 0600 when ``private``, else
    0666 less the umask, applied by the kernel as for any file the user makes (reading the
    umask would mean setting it, for every thread of the process)."""
    if private:
        return tempfile.mkstemp(prefix=prefix, dir=directory)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = os.path.join(directory, prefix + secrets.token_hex(4))
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {directory}")  # pragma: no cover


def replace_text(path: Path, text: str, *, encoding: str = "utf-8", keep_mode: bool = False,
                 private: bool = True, prefix: str | None = None) -> None:
    """Replace ``path`` with ``text`` atomically (its folder must exist); ``keep_mode``
    keeps the permissions of the file replaced; a new file is private (0600) unless
    ``private`` is False (then it follows the umask); the temporary file's name starts with
    ``prefix`` (default ``.NAME-``). Raises OSError (or the encoding's error)."""
    mode = path.stat().st_mode & 0o777 if keep_mode and path.exists() else None
    fd, temp = _temporary(path.parent, prefix or f".{path.name}-", private)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def replace_json(path: Path, data: object) -> None:
    """Replace ``path`` with ``data`` as JSON, atomically. ASCII escapes keep any key (even
    a file name that is not UTF-8) writable; NaN and infinities are refused (ValueError)."""
    replace_text(path, json.dumps(data, ensure_ascii=True, allow_nan=False), encoding="ascii",
                 prefix=f".{path.stem}-")
