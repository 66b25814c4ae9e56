"""Which language the interface speaks at start: ``--lang``, else the one chosen in the app
last time, else the locale."""

from __future__ import annotations

from collections.abc import Sequence

from reader.errors import ReaderError
from reader.i18n import (
    N_,
    UnknownLanguage,
    _,
    describe_available,
    from_environment,
    normalize,
    set_language,
)

LANG_HELP = N_("the interface's language: ar, en, fa, he (default: the one chosen in the "
               "app, else the locale's: LANGUAGE, LC_ALL, LC_MESSAGES, LANG)")


def language_flag(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` (the last one wins, as argparse has it), read
    before the parser is built so that its help and errors are in that language."""
    found = None
    args = list(argv)
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def remembered() -> str | None:
    from reader.state.language import LanguageStore

    code = LanguageStore().load()
    return normalize(code) if code else None


def choose_language(flag: str | None) -> str:
    """Set the interface's language and return its code. An unknown ``--lang`` is a
    :class:`ReaderError`; an unknown remembered or locale language falls back to English."""
    if flag is not None:
        from reader.text.chrome import isolate_ltr  # cli has it imported already

        try:
            return set_language(flag)
        except UnknownLanguage:
            raise ReaderError(_("unknown language '{code}' for --lang; the reader speaks: "
                                "{languages}").format(code=isolate_ltr(flag),
                                                      languages=describe_available())) from None
    return set_language(remembered() or from_environment())
