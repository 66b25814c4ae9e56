"""argparse's own words (``usage:``, ``options``, its error messages) in the interface's
language.

argparse translates them with :mod:`gettext` through the name ``_`` it imports into its
module, so pointing that name (and ``ngettext``) at the reader's catalogue is enough; the
strings are marked here so that extraction puts them in the catalogue.

In a right-to-left interface, what argparse puts into them (option names, the values and
arguments typed, the choices) is a left-to-right isolate: ``--width`` inside an Arabic
sentence would otherwise have its dashes taken into the Arabic around it (shown
«width--»). A pipe gets the isolates taken out (:func:`reader.terminal.messages.plain`).
"""

from __future__ import annotations

import argparse
import re

from reader import i18n
from reader.i18n import N_

LRI, PDI = "\u2066", "\u2069"

# A %-placeholder argparse fills with a name, a value or arguments: all but ``message`` (a
# sentence of its own, in the interface's language) and ``type`` (a word such as ``int``).
_TYPED = re.compile(r"%(?:\((?!message\)|type\))\w+\))?[sr]")

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
)


def gettext(message: str) -> str:
    """argparse's ``_``: ``message`` translated, its placeholders for what the user typed
    isolated left to right in a right-to-left interface."""
    translated = i18n.gettext(message)
    if message not in _WORDS or not i18n.is_rtl():
        return translated
    return _TYPED.sub(lambda match: LRI + match.group(0) + PDI, translated)


_WORDS = frozenset(WORDS)


def install() -> None:
    """Make argparse speak the interface's language (looked up at each use)."""
    # argparse looks these module globals up at each message; its stub does not declare them.
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
