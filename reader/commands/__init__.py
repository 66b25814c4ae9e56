"""Sub-commands of the ``reader`` command line: one module each, loaded on demand.

Each module has ``add_arguments(parser)`` and ``run(args) -> int``.
"""

COMMANDS = {
    "render": "lay out a document and print its visual lines (text or JSON Lines)",
    "check": "check an annotation file against its document",
    "search": "search a document, folding Arabic spelling variants",
}
