"""What the app knows of the terminal it draws on: which one it is, what it does to
right-to-left text, its colours and background, and the last changes to what is written to it."""
