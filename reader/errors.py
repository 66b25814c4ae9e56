"""The one exception type that reaches the user as a message instead of a traceback."""

from __future__ import annotations


class ReaderError(Exception):
    """A problem the user can act on: the message is shown on one line, then reader exits."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
