"""Reading a document's bytes into text, with a clear message for every way that fails."""

from __future__ import annotations

import errno
from dataclasses import dataclass
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


def read_bytes(path: Path, binary: bool = False, wide: bool = False) -> bytes:
    """The bytes of ``path``, refused when it cannot be read or looks binary (unless
    ``binary``: an EPUB is a zip file; or ``wide`` and it starts with a UTF-16 or UTF-32
    byte order mark: its NUL bytes are text)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _read_error(path, error) from None
    if not binary:
        _refuse_binary(path, data, wide)
    return data


def peek(path: Path, size: int = 1024) -> bytes:
    """The first ``size`` bytes of ``path`` (to tell its format), or none when it cannot
    be read: reading it for real then says what is wrong."""
    try:
        with path.open("rb") as file:
            return file.read(size)
    except OSError:
        return b""


def read_head(path: Path, size: int, wide: bool = False) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``path`` and the file, open just after them (for
    :func:`read_rest`). Refused like :func:`read_bytes`."""
    try:
        file = path.open("rb")
    except OSError as error:
        raise _read_error(path, error) from None
    try:
        head = file.read(size)
        _refuse_binary(path, head, wide)
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


def _refuse_binary(path: Path, data: bytes, wide: bool = False) -> None:
    if b"\x00" in data[:_SNIFF] and not (wide and _wide_bom(data)):
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


def _wide_bom(data: bytes) -> bool:
    """UTF-16 or UTF-32 text, marked so: its NUL bytes do not make it binary."""
    from reader.content.encodings import bom_encoding

    return (bom_encoding(data[:4]) or "").startswith(("utf-16", "utf-32"))


def decode_bytes(path: Path, data: bytes, errors: str = "strict", start: int = 0,
                 end: int | None = None, base: int = 0, encoding: str = "utf-8",
                 hint: str = "") -> str:
    """``data[start:end]`` in ``encoding`` (UTF-8 unless said). A bad byte is reported by
    its offset in the file, where ``data`` begins at byte ``base``; ``hint`` follows."""
    part = data[start:end] if start or end is not None else data
    try:
        return part.decode(encoding, errors="strict")
    except UnicodeDecodeError as error:
        if errors == "replace":
            return part.decode(encoding, errors="replace")
        from reader.content.encodings import display_name

        raise ReaderError(
            _("{path}: not valid {encoding} (byte offset {offset}: 0x{byte:02x})").format(
                path=isolate(path), encoding=_upper_utf(display_name(encoding)),
                offset=base + start + error.start, byte=part[error.start])
            + (hint or replace_hint())
        ) from None


def _upper_utf(name: str) -> str:
    return name.upper() if name.startswith("utf") else name


@dataclass(frozen=True)
class Decoded:
    """A text file's text, the encoding it was read in (a display name), whether that was
    a guess, and a line saying so when the guess is unsure (else "")."""

    text: str
    encoding: str
    guessed: bool = False
    doubt: str = ""


def decode_text(path: Path, data: bytes, errors: str = "strict",
                encoding: str = "") -> Decoded:
    """A whole text file's bytes as text (a byte order mark dropped): in ``encoding`` when
    given (``--encoding``), else UTF-8, a byte order mark's, or a guess
    (:mod:`reader.content.encodings`). A guess that is unsure says so in ``doubt``; bytes no
    encoding reads are a one-line error (or U+FFFD with ``errors="replace"``)."""
    from reader.content.encodings import bom_encoding, check_name, display_name, guess

    if encoding:
        codec = check_name(encoding)
        text = decode_bytes(path, data, errors, encoding=codec)
        return Decoded(text.removeprefix("\ufeff"), display_name(codec))
    if bom_encoding(data) is None:
        try:  # the common case, decoded once
            return Decoded(data.decode("utf-8").removeprefix("\ufeff"), "utf-8")
        except UnicodeDecodeError:
            pass
    found = guess(data)
    if not found.encoding:
        if errors == "replace":
            return Decoded(data.decode("utf-8", errors="replace").removeprefix("\ufeff"),
                           "utf-8", doubt=_("{path}: not valid UTF-8, nor in an encoding "
                                            "reader can tell; bad bytes shown as U+FFFD").format(
                               path=isolate(path)))
        text = decode_bytes(path, data, errors, hint=_(
            "; nor in an encoding reader can tell: name it with --encoding NAME, or use "
            "--errors replace"))
        return Decoded(text.removeprefix("\ufeff"), "utf-8")  # valid after all
    hint = _("; the encoding was guessed: name it with --encoding NAME") \
        if found.guessed else ""
    text = decode_bytes(path, data, errors, encoding=found.encoding, hint=hint)
    doubt = ""
    if found.unsure is not None:
        doubt = (_("{path}: encoding guessed as {encoding}, unsure (it could be {other}); "
                   "if the text looks wrong, use --encoding NAME") if found.unsure else
                 _("{path}: encoding guessed as {encoding}, unsure; if the text looks "
                   "wrong, use --encoding NAME")).format(
            path=isolate(path), encoding=found.encoding, other=found.unsure)
    return Decoded(text.removeprefix("\ufeff"), found.encoding, found.guessed, doubt)


def replace_hint() -> str:
    """How to open a file with a bad byte anyway (an annotation file says otherwise)."""
    return _("; use --errors replace to open it anyway")
