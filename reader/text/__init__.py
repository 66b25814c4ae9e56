"""The pure text core: bidi levels, Arabic shaping, clusters, line breaking, reordering.

Nothing here imports Textual, so the core can be tested and benchmarked on its own.
The public entry point is :func:`layout_paragraph`.
"""

from reader.text.layout import DIRECTIONS, ParagraphLayout, VisualLine, layout_paragraph
from reader.text.wrap import count_lines

__all__ = ["DIRECTIONS", "ParagraphLayout", "VisualLine", "count_lines", "layout_paragraph"]
