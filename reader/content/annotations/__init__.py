"""Annotations: the model, the TOML file that holds them, and what is made of them.

- ``model.py``: entities, chapters, claims and rebuttals anchored to a document; problems.
- Reading the file, in three steps: ``toml_lines.py`` (each header's and key's line:
  ``tomllib`` gives no positions), ``parse.py`` (raw entries with their lines), ``check.py``
  (the schema, and anchors resolved in the text by ``anchors.py``); ``file.py`` finds and
  loads it, ``home.py`` says where it is written and found.
- Writing: ``quotes.py`` (shortest unique quote selectors), ``ids.py`` (entry ids),
  ``editor.py`` (tomlkit, undo), ``session.py`` (the dialog's defaults).
- Beyond one file: ``debate.py`` (debate files, links across documents), ``interchange.py``
  (W3C, Hypothesis and Argdown, both ways), ``argument_map.py`` (the argument tree as rows).
"""
