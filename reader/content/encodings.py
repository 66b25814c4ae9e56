"""Which encoding a plain text is in: UTF-8 first, a byte order mark, else a guess.

UTF-8 (ASCII included) is read as it is: a legacy encoding almost never gives valid UTF-8
by chance; UTF-8 with a few bad bytes stays UTF-8 (the bad bytes are reported, or shown as
U+FFFD with ``--errors replace``). A byte order mark names UTF-8, UTF-16 or UTF-32.
Anything else is guessed by charset-normalizer (MIT, maintained, pure Python wheels
with an optional compiled speed-up) among the encodings such texts are still found in:
windows-1256 and ISO-8859-6 (Arabic, Persian), windows-1255 and ISO-8859-8 (Hebrew), windows-1252
(Western European). Restricting the choice to these keeps a guess from wandering to an
encoding that merely decodes the bytes (Persian in windows-1256 read as Cyrillic
windows-1251); two readings no real text looks like are put last (:func:`_implausible`).
scripts/encoding_accuracy.py measures the guesses on real texts.

A guess is never silent: the document says it was guessed (shown in the app's status line
and by ``render --format json``), and when the guess is unsure (another candidate reads the
bytes as other letters about as well, or the detector finds the reading messy)
:attr:`Guess.unsure` says so, and the document gets a problem line naming ``--encoding``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from reader.errors import ReaderError
from reader.i18n import _

BOMS = (  # longest first: a UTF-32 little-endian mark begins like a UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The legacy encodings a guess chooses among, by their WHATWG names (the ones shown).
CANDIDATES = ("windows-1256", "iso-8859-6", "windows-1255", "iso-8859-8", "windows-1252")
SAMPLE = 64 << 10  # what the detector reads (from the first non-ASCII byte); then all
CLOSE = 0.1  # another reading this close in the detector's scores makes a guess unsure
CHAOTIC = 0.5  # a reading the detector finds this messy is unsure on its own
_PYTHON = {"windows-1256": "cp1256", "iso-8859-6": "iso8859_6", "windows-1255": "cp1255",
           "iso-8859-8": "iso8859_8", "windows-1252": "cp1252"}
_DISPLAY = {"utf_8": "utf-8", "utf_8_sig": "utf-8", "utf_16": "utf-16", "utf_32": "utf-32",
            "cp1256": "windows-1256", "iso8859_6": "iso-8859-6", "cp1255": "windows-1255",
            "iso8859_8": "iso-8859-8", "cp1252": "windows-1252", "latin_1": "iso-8859-1"}


@dataclass(frozen=True)
class Guess:
    """What the bytes were taken to be: ``encoding`` (a display name), whether it was
    ``guessed`` (not UTF-8, a byte order mark or ``--encoding``), and, when the guess is
    unsure, ``unsure``: the other reading that fits as well (or "" for a short text)."""

    encoding: str
    guessed: bool = False
    unsure: str | None = None


def display_name(encoding: str) -> str:
    """The name people know an encoding by (``windows-1256``, not Python's ``cp1256``)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return _DISPLAY.get(name.replace("-", "_"), name)


def check_name(encoding: str) -> str:
    """``--encoding NAME`` as a Python codec; an unknown name is a one-line error."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ReaderError(_("unknown encoding: {name} (e.g. utf-8, windows-1256, "
                            "iso-8859-6, windows-1255, utf-16)").format(name=repr(encoding))
                          ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise ReaderError(_("not a text encoding: {name}").format(name=repr(encoding)))
    return info.name


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark at the start of ``data`` names, if any."""
    return next((name for bom, name in BOMS if data.startswith(bom)), None)


def guess(data: bytes) -> Guess:
    """The encoding of ``data``: the byte order mark's, UTF-8 when its non-ASCII bytes are
    (mostly) well-formed UTF-8, else charset-normalizer's pick among :data:`CANDIDATES`.
    Only :data:`SAMPLE` bytes from the first non-ASCII one are looked at."""
    marked = bom_encoding(data)
    if marked is not None:
        return Guess(display_name(marked))
    first = _NON_ASCII.search(data)
    if first is None:
        return Guess("utf-8")
    sample = data[max(0, first.start() - 1024):first.start() + SAMPLE]
    if _utf8_or_broken_utf8(sample):
        return Guess("utf-8")  # bad bytes, if any, are reported as such (or replaced)
    return _detect(sample)


_NON_ASCII = re.compile(rb"[\x80-\xff]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = bytes(range(0x80, 0x100))


def _utf8_or_broken_utf8(sample: bytes) -> bool:
    """UTF-8, or UTF-8 text with a few bad bytes in it (a cut download, a stray byte), not
    a legacy encoding: at least as many well-formed multi-byte sequences as bad bytes.
    Arabic or Hebrew in a one-byte encoding almost never makes a well-formed sequence."""
    sequences = _UTF8_SEQUENCE.findall(sample)
    high = len(sample) - len(sample.translate(None, _HIGH))
    bad = high - sum(map(len, sequences))
    return len(sequences) >= bad


def _detect(sample: bytes) -> Guess:
    from charset_normalizer import from_bytes  # only for a text that is not UTF-8

    # threshold=1: every candidate that decodes the bytes is ranked, however "chaotic" the
    # detector finds it (it takes Persian's zero-width non-joiner for noise).
    results = from_bytes(sample, cp_isolation=[_PYTHON[c] for c in CANDIDATES],
                         threshold=1.0, explain=False)
    ranked = sorted(results, key=lambda m: _implausible(m.encoding, str(m)))
    if not ranked:
        return _first_that_decodes(sample)
    best = ranked[0]  # sorted() keeps the detector's order otherwise
    chosen = display_name(best.encoding)
    text = str(best)
    unsure = None
    for other in ranked[1:]:
        if display_name(other.encoding) == chosen or str(other) == text:
            continue  # the same letters either way: not a doubt
        if other.chaos <= best.chaos + CLOSE and other.coherence >= best.coherence - CLOSE:
            unsure = display_name(other.encoding)
            break
    if unsure is None and best.chaos > CHAOTIC:
        unsure = ""
    return Guess(chosen, guessed=True, unsure=unsure)


def _first_that_decodes(sample: bytes) -> Guess:
    """When the detector ranks nothing (a few non-ASCII bytes in much ASCII): the first
    candidate that decodes the bytes, unsure when another one reads them otherwise."""
    readings: dict[str, str] = {}
    for name in CANDIDATES:
        try:
            readings[name] = sample.decode(_PYTHON[name])
        except UnicodeDecodeError:
            continue
    order = sorted(readings, key=lambda name: _implausible(name, readings[name]))
    if not order:
        return Guess("", guessed=True, unsure="")
    other = next((n for n in order[1:] if readings[n] != readings[order[0]]), "")
    return Guess(order[0], guessed=True, unsure=other)


_LATIN_WORD = re.compile(r"[^\W\d_]{2,}")


def _implausible(encoding: str, text: str) -> bool:
    """A reading no real text looks like, put last whatever the detector's scores:

    - Hebrew or Arabic bytes read as windows-1252 make words wholly of accented letters
      ("àìéôù"), where real Western text has its accents inside words of plain letters
      ("café"); the detector's language model can take the first for a Latin language
      when there is English in the text besides;
    - Arabic bytes read as windows-1255 give Hebrew vowel points after punctuation
      ("־׳ֳ"): a point belongs on a letter.
    """
    if display_name(encoding) == "windows-1252":
        accented = [w for w in _LATIN_WORD.findall(text) if not w.isascii()]
        whole = sum(1 for w in accented if not any(c.isascii() for c in w))
        if accented and whole > len(accented) / 2:
            return True
    stray = sum(1 for before, mark in pairwise(text)
                if unicodedata.category(mark) == "Mn"
                and unicodedata.category(before)[0] not in "LM")
    return stray > 2
