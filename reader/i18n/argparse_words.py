"""argparse's own words (``usage:``, ``options``, its error messages) in the interface's
language.

argparse translates them with :mod:`gettext` through the name ``_`` it imports into its
module, so pointing that name (and ``ngettext``) at the reader's catalogue is enough; the
strings are marked here so that extraction puts them in the catalogue.
"""

from __future__ import annotations

import argparse

from reader import i18n
from reader.i18n import N_

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


def install() -> None:
    """Make argparse speak the interface's language (looked up at each use)."""
    # argparse looks these module globals up at each message; its stub does not declare them.
    argparse._ = i18n.gettext  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
