"""Whether the side panel fits beside the text (no Textual import).

Below a certain width the panel would leave the article too few columns to read: it then
hides itself, and ``p`` shows it over the text instead of beside it.
"""

from __future__ import annotations

# The article should keep at least this many columns of text beside the panel.
MIN_ARTICLE_COLUMNS = 40
# As in styles/reader.tcss: #panel { width: 38; max-width: 45%; }, the article's padding
# (one cell each side) and its scrollbar (one cell).
PANEL_WIDTH, PANEL_MAX_SHARE = 38, 0.45
ARTICLE_CHROME = 3


def panel_width(screen_width: int) -> int:
    return min(PANEL_WIDTH, int(screen_width * PANEL_MAX_SHARE))


def panel_fits(screen_width: int) -> bool:
    """The article keeps :data:`MIN_ARTICLE_COLUMNS` columns beside the panel."""
    return screen_width - panel_width(screen_width) - ARTICLE_CHROME >= MIN_ARTICLE_COLUMNS
