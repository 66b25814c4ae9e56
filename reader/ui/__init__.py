"""The Textual app, kept thin over the text core and the content model.

- ``app.py``: the App; it builds the widgets and the controllers and routes keys
  (``keys.py``) and messages to them.
- ``widgets/``: each draws one part of the screen through the layout core.
- ``screens/``: the help, the chooser, the annotation dialogs, the prompts, the palette.
- ``controllers/``: each feature owning its state (navigation, search, copy and links,
  comfort, annotating, language, status...), seen through ``controllers.host.Reader``.
- ``decisions/``: what they decide, without Textual.
- ``terminal_output/``: which terminal, its colours and background, the last changes to
  what is written to it.
- ``textual_private.py``: every private Textual name the reader uses.
"""
