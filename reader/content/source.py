"""Reading a document's bytes into text, with a clear message for every way that fails."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import BinaryIO

from reader.errors import ReaderError
from reader.i18n import _
from reader.text.chrome import isolate  # the file name: one value whatever its script

_SNIFF = 8192
ERROR_MODES = ("strict", "replace")


def read_text(path: Path, errors: str = "strict") -> str:
    """Decode ``path`` as UTF-8. ``errors="replace"`` shows bad bytes as U+FFFD instead of
    refusing the file. A NUL byte near the start marks a binary file, refused either way."""
    return decode_bytes(path, read_bytes(path), errors)


def read_bytes(path: Path, binary: bool = False) -> bytes:
    """The bytes of ``path``, refused when it cannot be read or looks binary (unless
    ``binary``: an EPUB is a zip file)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _read_error(path, error) from None
    if not binary:
        _refuse_binary(path, data)
    return data


def peek(path: Path, size: int = 1024) -> bytes:
    """The first ``size`` bytes of ``path`` (to tell its format), or none when it cannot
    be read: reading it for real then says what is wrong."""
    try:
        with path.open("rb") as file:
            return file.read(size)
    except OSError:
        return b""


def read_head(path: Path, size: int) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``path`` and the file, open just after them (for
    :func:`read_rest`). Refused like :func:`read_bytes`."""
    try:
        file = path.open("rb")
    except OSError as error:
        raise _read_error(path, error) from None
    try:
        head = file.read(size)
        _refuse_binary(path, head)
    except OSError as error:
        file.close()
        raise _read_error(path, error) from None
    except ReaderError:
        file.close()
        raise
    return head, file


def read_rest(path: Path, file: BinaryIO) -> bytes:
    """What is left to read of a file opened by :func:`read_head`; the file is closed."""
    try:
        with file:
            return file.read()
    except OSError as error:
        raise _read_error(path, error) from None


def _refuse_binary(path: Path, data: bytes) -> None:
    if b"\x00" in data[:_SNIFF]:
        raise ReaderError(_("{path}: looks like a binary file (it contains NUL bytes)").format(
            path=isolate(path)))


def _read_error(path: Path, error: OSError) -> ReaderError:
    if isinstance(error, FileNotFoundError):
        return ReaderError(_("{path}: no such file").format(path=isolate(path)))
    if isinstance(error, IsADirectoryError) or error.errno == errno.EISDIR:
        return ReaderError(_("{path}: is a directory, not a file").format(path=isolate(path)))
    if isinstance(error, PermissionError):
        return ReaderError(_("{path}: permission denied").format(path=isolate(path)))
    return ReaderError(_("{path}: cannot read: {reason}").format(
        path=isolate(path), reason=error.strerror or error))


def decode_bytes(path: Path, data: bytes, errors: str = "strict", start: int = 0,
                 end: int | None = None, base: int = 0) -> str:
    """``data[start:end]`` as UTF-8. A bad byte is reported by its offset in the file, where
    ``data`` begins at byte ``base``."""
    part = data[start:end] if start or end is not None else data
    try:
        return part.decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        if errors == "replace":
            return part.decode("utf-8", errors="replace")
        raise ReaderError(
            _("{path}: not valid UTF-8 (byte offset {offset}: 0x{byte:02x})").format(
                path=isolate(path), offset=base + start + error.start, byte=part[error.start])
            + replace_hint()
        ) from None


def replace_hint() -> str:
    """How to open a file with a bad byte anyway (an annotation file says otherwise)."""
    return _("; use --errors replace to open it anyway")
