"""Search's modes and errors, shared by the search index (:mod:`reader.text.search`) and the
word index of the Arabic modes (:mod:`reader.text.word_index`)."""

from __future__ import annotations

from reader.errors import ReaderError

MODES = ("fold", "exact")
WORD_MODES = ("forms", "root")
ALL_MODES = MODES + WORD_MODES


class SearchError(ReaderError, ValueError):
    """A query that cannot be searched for (an invalid regular expression): ``message`` is
    one line for the user."""


class SearchTimeout(SearchError):
    """A regular expression that ran longer than its time limit and was stopped."""
