"""Measure the encoding guess (reader/content/encodings.py) on real texts.

Real Arabic, Persian, Hebrew and English texts are encoded in the legacy encodings they are
still found in, cut to several lengths, and guessed back. A guess is *right* when the text
it decodes to is the original (windows-1255 and ISO-8859-8 read Hebrew letters alike, so
either is right for a text without vowel points). For each encoding and length the table
prints how often the guess was right, how often it was wrong but said it was unsure, and how
often it was silently wrong.

    .venv/bin/python scripts/encoding_accuracy.py

The texts: the translations of this machine's Debian packages (/usr/share/locale/LANG/
LC_MESSAGES/*.mo: sentences written by their translators, read at run time and never
copied into the repository), the bundled article, the book sources in scripts/real_books/
and README.md. A language without .mo files is measured on the project's texts alone.
"""

from __future__ import annotations

import gettext
import glob
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.content.encodings import guess  # noqa: E402

LENGTHS = (40, 100, 300, 1000, 5000)  # characters
PIECES = 100  # samples per encoding and length

# Persian in windows-1256 is written with the Arabic kaf and yeh (the code page has no
# Persian ones); ISO-8859-6 has neither Persian letters nor Persian digits.
PERSIAN_1256 = str.maketrans({"ی": "ي", "ک": "ك", "۰": "0", "۱": "1", "۲": "2", "۳": "3",
                              "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
                              "٫": ",", "ٔ": "ء"})


def translations(language: str) -> str:
    texts = []
    for path in sorted(glob.glob(f"/usr/share/locale/{language}/LC_MESSAGES/*.mo")):
        if "/iso_" in path:
            continue  # lists of country and language names, not sentences
        try:
            with open(path, "rb") as file:
                catalog = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        texts += [v for v in catalog.values() if isinstance(v, str) and len(v) > 20]
    return "\n".join(texts)


def corpus(language: str) -> str:
    own = {
        "ar": [ROOT / "content" / "article.ar.txt", ROOT / "scripts/real_books/book.ar.md"],
        "fa": [ROOT / "scripts/real_books/book.fa.md", ROOT / "tests/data/samples/persian.txt"],
        "he": [ROOT / "tests/data/samples/hebrew.txt"],
        "en": [ROOT / "README.md", ROOT / "scripts/real_books/book.en.md"],
    }[language]
    text = "\n".join(path.read_text(encoding="utf-8") for path in own)
    if language != "en":
        text += "\n" + translations(language)
    return text


CASES = (  # (language, encoding, what the text is made into first)
    ("ar", "windows-1256", None),
    ("fa", "windows-1256", PERSIAN_1256),
    ("ar", "iso-8859-6", None),
    ("he", "windows-1255", None),
    ("he", "iso-8859-8", None),
    ("en", "windows-1252", None),
)


def encodable(text: str, encoding: str) -> str:
    """The text without the characters the encoding cannot hold (a legacy file never
    had them)."""
    return text.encode(encoding, errors="ignore").decode(encoding)


def main() -> None:
    random.seed(23)
    rows = defaultdict(lambda: [0, 0, 0, 0])  # right, right but unsure, unsure, wrong
    for language, encoding, table in CASES:
        text = corpus(language)
        if table is not None:
            text = text.translate(table)
        text = encodable(text, encoding)
        if encoding == "windows-1252":  # English: its curly quotes and dashes, a café
            text = text.replace("'", "’").replace(" - ", " – ") + " café naïve"
        for length in LENGTHS:
            for _ in range(PIECES):
                start = random.randrange(max(1, len(text) - length))
                piece = text[start:start + length]
                data = piece.encode(encoding)
                found = guess(data)
                decoded = data.decode(found.encoding, errors="replace") \
                    if found.encoding else ""
                row = rows[(language, encoding, length)]
                right = decoded == piece
                row[(0 if right else 3) if found.unsure is None else (1 if right else 2)] += 1
    print(f"{'text':4} {'encoding':14}" + "".join(f"{n:>16}" for n in LENGTHS))
    print(f"{'':19}" + "".join(f"{'ok ok? no? NO':>16}" for _n in LENGTHS))
    for language, encoding, _table in CASES:
        cells = []
        for length in LENGTHS:
            cells.append(" ".join(f"{n:>3}" for n in rows[(language, encoding, length)]))
        print(f"{language:4} {encoding:14}" + "".join(f"{c:>16}" for c in cells))
    total = [sum(r[i] for r in rows.values()) for i in range(4)]
    print(f"ok: right; ok?: right, said unsure; no?: wrong, said unsure; NO: silently wrong."
          f"\nall: {total[0]} ok, {total[1]} ok?, {total[2]} no?, {total[3]} NO of "
          f"{sum(total)} samples ({PIECES} per cell; lengths in characters)")


if __name__ == "__main__":
    main()
