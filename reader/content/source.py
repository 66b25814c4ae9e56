"""Reading a document's bytes into text, with a clear message for every way that fails."""

from __future__ import annotations

import errno
from pathlib import Path

from reader.errors import ReaderError

_SNIFF = 8192
ERROR_MODES = ("strict", "replace")


def read_text(path: Path, errors: str = "strict") -> str:
    """Decode ``path`` as UTF-8. ``errors="replace"`` shows bad bytes as U+FFFD instead of
    refusing the file. A NUL byte near the start marks a binary file, refused either way."""
    return decode_bytes(path, read_bytes(path), errors)


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, refused when it cannot be read or looks binary."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReaderError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise ReaderError(f"{path}: permission denied") from None
    except OSError as error:
        if error.errno == errno.EISDIR:
            raise ReaderError(f"{path}: is a directory, not a file") from None
        raise ReaderError(f"{path}: cannot read: {error.strerror or error}") from None
    if b"\x00" in data[:_SNIFF]:
        raise ReaderError(f"{path}: looks like a binary file (it contains NUL bytes)")
    return data


def decode_bytes(path: Path, data: bytes, errors: str = "strict", start: int = 0,
                 end: int | None = None) -> str:
    """``data[start:end]`` as UTF-8; a bad byte is reported by its offset in ``data``."""
    part = data[start:end] if start or end is not None else data
    try:
        return part.decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        if errors == "replace":
            return part.decode("utf-8", errors="replace")
        offset = start + error.start
        raise ReaderError(
            f"{path}: not valid UTF-8 (byte offset {offset}: "
            f"0x{data[offset]:02x}); use --errors replace to open it anyway"
        ) from None
