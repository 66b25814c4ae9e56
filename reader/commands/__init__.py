"""Sub-commands of the ``reader`` command line: one module each, loaded on demand.

Each module has ``add_arguments(parser)`` and ``run(args) -> int``.
"""

from reader.i18n import N_

# Translated where they are shown (the parser).
COMMANDS = {
    "render": N_("lay out a document and print its visual lines (text or JSON Lines)"),
    "check": N_("check an annotation file against its document"),
    "search": N_("search a document, folding Arabic spelling variants"),
    "export": N_("write the annotations as W3C Web Annotation JSON-LD or Argdown"),
    "import": N_("make an annotation file from W3C Web Annotation or Hypothesis JSON"),
}
