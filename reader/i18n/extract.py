"""Babel extraction for the reader's sources (used by ``pybabel extract``, see babel.cfg).

Babel's own Python extractor finds ``_()``, ``N_()``, ``ngettext()`` and ``pgettext()``
calls. Three kinds of user-facing strings are translated where they are shown rather than
where they are written, so that the code keeps its ordinary shape; this extractor finds them
too:

* argparse text: ``help=``, ``description=`` and ``epilog=`` keywords (the reader's parser
  translates them as they are added);
* key bindings: ``Binding(key, action, description)`` (the key bar and the palette translate
  the description);
* tables named in ``tables`` (babel.cfg), such as the help screen's ``KEYS``: every string
  in an assignment to one of those names.

Only literal strings are extracted (implicit concatenation included); an f-string cannot be
translated and is a bug to fix where it is written.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

_KEYWORDS = ("help", "description", "epilog")


def _strings(node: ast.AST) -> Iterator[tuple[int, str]]:
    """The line and text of every non-empty string constant in ``node``."""
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str) and child.value:
            yield child.lineno, child.value


def extract_reader(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                   options: dict[str, Any]) -> Iterator[tuple[int, str, str, list[str]]]:
    from babel.messages.extract import extract_python

    data = fileobj.read()
    fileobj.seek(0)
    # Babel's annotations are not what its extractors do: they yield (line, function, message,
    # comments), as this one does, not (line, message, comments, context); and ``options``
    # holds this extractor's own ``tables`` beside the Python extractor's options.
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[misc,arg-type]
    tree = ast.parse(data)
    tables = set(options.get("tables", "KEYS").split())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else \
                getattr(node.func, "id", "")
            if name == "Binding" and len(node.args) >= 3:
                arg = node.args[2]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                    yield arg.lineno, "", arg.value, []
            for keyword in node.keywords:
                wanted = _KEYWORDS + (("description",) if name == "Binding" else ())
                if keyword.arg in wanted and isinstance(keyword.value, ast.Constant) and \
                        isinstance(keyword.value.value, str) and keyword.value.value:
                    yield keyword.value.lineno, "", keyword.value.value, []
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in tables for t in targets) and node.value:
                for line, text in _strings(node.value):
                    yield line, "", text, []
