"""The app's Textual side of the terminal: the last changes to each widget line
(``cell_filters.py``), kitty's reversed runs made on what the compositor writes
(``kitty_output.py``) and the 16-colour theme (``colours.py``). What is known of terminals
without Textual (which one, its sequences, what each is given for a row) is in
:mod:`reader.terminal`."""
