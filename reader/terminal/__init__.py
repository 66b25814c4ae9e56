"""All the reader knows of terminals, without Textual: which one it is and how it is given
visual lines (``detect.py``), the app's plan for it (``plan.py``), what each is given for a
row of right-to-left text (``rows.py``), the command line's messages laid out for it
(``messages.py``), and whether its background is light (``background.py``). The app's
Textual side of this (line filters, kitty's reversed runs, the 16-colour theme) is in
:mod:`reader.ui.terminal_output`; the command line uses this package alone."""
