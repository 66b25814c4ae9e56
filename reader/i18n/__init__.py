"""The interface's language: gettext catalogues, plural forms, digits and direction.

English is the source language (the msgids). Other languages have a catalogue in
``reader/locale/<lang>/LC_MESSAGES/reader.po``, compiled to the ``reader.mo`` beside it by
``scripts/update_catalogues.sh`` (Babel); the ``.mo`` files are committed and shipped in the
wheel, and a test checks that each one says what its ``.po`` says. At run time only the
standard library's :mod:`gettext` reads them.

One language is current for the whole process (the reader is one interface): it is chosen
once at start (``--lang``, else the remembered choice, else the locale as gettext reads it:
``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) and may be changed from the app's
palette. Strings are looked up when they are shown, never at import, so a change of language
reaches everything drawn after it.

Strings that must be marked where they cannot be translated yet (class attributes such as key
bindings, tables built at import) are wrapped in :func:`N_`, which only marks them for
extraction; the code that shows them passes them through :func:`_`.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DOMAIN = "reader"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as a chooser shows it
    direction: str  # "rtl" or "ltr": the interface's direction
    # The digits it writes counts with (0-9 in the order of the digits), or "" for 0-9.
    digits: str = ""
    percent: str = "%"


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "ltr"),
    "ar": Language("ar", "العربية", "rtl", "٠١٢٣٤٥٦٧٨٩", "٪"),
    "fa": Language("fa", "فارسی", "rtl", "۰۱۲۳۴۵۶۷۸۹", "٪"),
    "he": Language("he", "עברית", "rtl"),
}

_current: Language = LANGUAGES[SOURCE_LANGUAGE]
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


class UnknownLanguage(ValueError):
    """A language code the reader has no catalogue for."""


def available() -> list[str]:
    """Codes of the languages the reader can speak: English and each compiled catalogue."""
    return [code for code in LANGUAGES
            if code == SOURCE_LANGUAGE or _catalogue(code).is_file()]


def _catalogue(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def normalize(value: str) -> str | None:
    """The reader's code for a locale name (``ar_EG.UTF-8`` → ``ar``, ``C`` → ``en``), or
    None when it has no catalogue for it."""
    value = value.strip()
    if value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
        return SOURCE_LANGUAGE
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in available() else None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for, read as gettext reads it: the first of
    ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (``LANGUAGE`` may list
    several, ``ar:fr``), its first language with a catalogue; else English."""
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            for item in value.split(":"):
                code = normalize(item) if item else None
                if code is not None:
                    return code
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def set_language(code: str) -> str:
    """Make ``code`` (``ar``, ``ar_EG.UTF-8``...) the interface's language; returns the
    reader's code for it. :class:`UnknownLanguage` when there is no catalogue for it."""
    global _current, _translations
    normalized = normalize(code)
    if normalized is None:
        raise UnknownLanguage(code)
    if normalized == SOURCE_LANGUAGE:
        translations: _gettext.NullTranslations = _gettext.NullTranslations()
    else:
        with _catalogue(normalized).open("rb") as handle:
            translations = _gettext.GNUTranslations(handle)
    _current, _translations = LANGUAGES[normalized], translations
    return normalized


def language() -> Language:
    """The interface's current language."""
    return _current


def is_rtl() -> bool:
    """The interface reads right to left (its chrome is mirrored)."""
    return _current.direction == "rtl"


def gettext(message: str) -> str:
    """``message`` in the interface's language (itself when it has no translation)."""
    return _translations.gettext(message) if message else message


_ = gettext


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` things, by the language's plural rule (Arabic
    has six forms: 0, 1, 2, 3-10, 11-99, 100...). The caller formats ``{count}`` in it,
    usually with :func:`number`."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in ``context`` (the same English word meaning two things)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


def number(value: int | str) -> str:
    """``value`` written with the interface language's digits (٣ for Arabic)."""
    text = str(value)
    digits = _current.digits
    if not digits:
        return text
    return text.translate(str.maketrans("0123456789", digits))


def percent(value: int) -> str:
    """``42%`` in the interface's way of writing it (``٤٢٪`` in Arabic)."""
    return number(value) + _current.percent


def describe_available() -> str:
    """``en, ar, fa, he``: for an error message."""
    return ", ".join(available())
