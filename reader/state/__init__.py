"""What the reader remembers, with no Textual in it: the places it was left in (on disk),
the back/forward history of jumps, and the search session (query, mode, hits)."""
