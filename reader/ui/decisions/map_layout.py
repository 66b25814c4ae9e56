"""The argument map drawn as lines (no Textual): each node of
:mod:`reader.content.annotations.argument_map` with its tree lines, its speaker and its
label, laid out
by the core at a width, in the document's direction.

A left-to-right map draws its tree lines on the left (``├─``, ``└─``, ``│``); a
right-to-left one mirrors them onto the right (``─┤``, ``─┘``) and lays out every label right
to left, so that the tree reads from the same side as the text. A node is
``MARK SPEAKER: LABEL``: the speaker's name laid out on its own (the view colours it as its
spans are coloured in the text), the label wrapped beside it, its later lines under the
label's start.

With ``--screen-reader`` (:attr:`reader.text.chrome.ChromeStyle.LOGICAL`) no tree lines are
drawn and the marks are words: each node starts with its role and its level in the tree ("rebuttal,
level 2, Musk: …"), read from the left in logical order like all chrome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len

from reader.content.annotations.argument_map import MapRow, debate_rows, map_rows
from reader.content.annotations.model import Annotations
from reader.errors import ReaderError
from reader.i18n import N_, _
from reader.text.chrome import ChromeStyle, chrome_line, chrome_lines, fill, ui_line
from reader.text.safe import visible

if TYPE_CHECKING:
    from reader.content.annotations.debate import Debate

# The marks before a node's speaker: a claim and a rebuttal as the panel shows them.
MARKS = {"document": "▤", "chapter": "§", "claim": "◆", "rebuttal": "↩"}
REPEATED_MARK = "↻"  # a rebuttal already shown in full under another entry it answers
_LTR_UNITS = {"branch": "├─ ", "last": "└─ ", "through": "│  ", "blank": "   "}
_RTL_UNITS = {"branch": " ─┤", "last": " ─┘", "through": "  │", "blank": "   "}
UNIT = 3  # cells of one level of tree lines
# --screen-reader: the role each node says instead of its mark, and its level in the tree
ROLES = {"document": N_("document,"), "chapter": N_("chapter,"), "claim": N_("claim,"),
         "rebuttal": N_("rebuttal,")}
REPEATED_ROLE = N_("rebuttal again,")
LEVEL = N_("level {level},")


@dataclass(frozen=True, slots=True)
class MapNode:
    """A row of the map with what drawing it needs: the speaker's shown ``name`` and
    ``colour`` (an index into the speakers' colours, None: uncoloured), and ``here``:
    whether the entry is in the document being read (Enter jumps in it) or another one
    of its debate."""

    row: MapRow
    name: str
    colour: int | None
    here: bool = True

    @property
    def key(self) -> str:
        return self.row.key


class MapLine:
    """One line on screen: ``node`` (its index), the visual ``tree`` lines, the speaker's
    visual ``name`` (blank on a node's later lines), the ``label``'s visual text, and the
    ``cells`` they fill together; ``rtl``: drawn from the right edge (tree, mark, name,
    label, right to left).

    A label that fits on its line (its cells, counted before shaping, which only joins
    letters, are no more than the room) is laid out when the line is first drawn: the map
    of thousands of nodes opens at the cost of counting cells, and of laying out only the
    labels that wrap."""

    __slots__ = ("_label", "_pending", "head", "mark", "name", "node", "rtl", "tree")

    def __init__(self, node: int, tree: str, mark: str, name: str, label: str | None,
                 head: int, rtl: bool,
                 pending: tuple[str, int, str, ChromeStyle] | None = None) -> None:
        self.node = node
        self.tree = tree
        self.mark = mark
        self.name = name
        self._label = label
        self._pending = pending  # (logical label, room, direction, style) until first drawn
        self.head = head
        self.rtl = rtl

    @property
    def label(self) -> str:
        if self._label is None:
            assert self._pending is not None
            text, room, direction, style = self._pending
            self._label = chrome_lines(text, room, direction, style=style)[0][0]
            self._pending = None
        return self._label

    @property
    def cells(self) -> int:
        return self.head + cell_len(self.label)

    def parts(self) -> list[tuple[str, str]]:
        """(visual text, what it is: ``tree``, ``mark``, ``name``, ``label`` or ``gap``)
        left to right."""
        parts = [(self.tree, "tree"), (self.mark, "mark"), (" ", "gap")]
        if self.name:
            parts += [(self.name, "name"), (" ", "gap")]
        parts.append((self.label, "label"))
        return [part for part in (reversed(parts) if self.rtl else parts) if part[0]]


def map_nodes(annotations: Annotations, colours: dict[str | None, int]) -> list[MapNode]:
    """The nodes of the map of ``annotations`` (``colours``: entity id → colour index, as
    the text colours its spans). In a debate (the file names one, and the debate names
    this document), the whole debate's, each other document's annotations read once; a
    debate that cannot be read leaves the map of this document."""
    if annotations.debate_path is not None or annotations.debate_cache is not None:
        nodes = _debate_nodes(annotations, colours)
        if nodes is not None:
            return nodes
    return [MapNode(row, _name(annotations, row.speaker), colours.get(row.speaker))
            for row in map_rows(annotations)]


def _name(annotations: Annotations, speaker: str | None) -> str:
    """The speaker's name ("" for an entry that names none: the node shows its label)."""
    return annotations.name_of(speaker) or ""


def debate_member(annotations: Annotations) -> tuple[Debate, str] | None:
    """The debate ``annotations`` belong to and their document's short name in it, or
    None (no debate, one that cannot be read, or one that does not name this file)."""
    from reader.content.annotations.debate import debate_of

    try:
        debate = debate_of(annotations)
    except ReaderError:
        return None
    if debate is None or annotations.path is None:
        return None
    member = debate.member_for(annotations.path)
    return None if member is None else (debate, member)


def _debate_nodes(annotations: Annotations, colours: dict[str | None, int]) -> list[MapNode] | None:
    from reader.content.annotations.debate import LinkError

    found = debate_member(annotations)
    if found is None:
        return None
    debate, member = found
    documents: list[tuple[str, Annotations]] = []
    for name in debate.members:
        if name == member:
            documents.append((name, annotations))
            continue
        try:
            documents.append((name, debate.annotations(name)))
        except LinkError:
            continue  # `reader check` says why; the map shows the others
    by_name = dict(documents)
    titles = {name: m.title for name, m in debate.members.items() if m.title}
    shown = dict(colours)
    nodes: list[MapNode] = []
    for row in debate_rows(documents, titles):
        notes = by_name[row.document]
        if row.kind == "document":
            nodes.append(MapNode(row, "", None, row.document == member))
            continue
        # Speakers of other documents continue the colours after this document's.
        speaker = row.speaker if row.document == member else f"{row.document}#{row.speaker}"
        colour = shown.setdefault(speaker, len(shown)) if row.speaker else None
        nodes.append(MapNode(row, _name(notes, row.speaker), colour, row.document == member))
    return nodes


def _connectors(rows: list[MapRow]) -> list[list[str]]:
    """Each row's tree units, from the root outwards: ``through`` or ``blank`` for each
    ancestor level below the top, then ``branch`` or ``last`` for the row itself."""
    units: list[list[str]] = []
    open_levels: list[bool] = []  # per depth: another sibling follows at that depth
    later: list[bool] = [False] * len(rows)
    # A row has a later sibling when a row of the same depth follows before a shallower one.
    next_at: dict[int, bool] = {}
    for index in range(len(rows) - 1, -1, -1):
        depth = rows[index].depth
        later[index] = next_at.get(depth, False)
        next_at = {d: v for d, v in next_at.items() if d < depth}
        next_at[depth] = True
    for index, row in enumerate(rows):
        depth = row.depth
        del open_levels[depth:]
        while len(open_levels) < depth:
            open_levels.append(False)
        mine = ["through" if open_levels[level] else "blank" for level in range(1, depth)]
        if depth:
            mine.append("branch" if later[index] else "last")
        units.append(mine)
        open_levels.append(later[index])
    return units


def role_words(node: MapNode) -> str:
    """What a node is, in words (``--screen-reader``): "rebuttal, level 2,"."""
    role = _(REPEATED_ROLE) if node.row.repeated else _(ROLES.get(node.row.kind, ""))
    if node.row.depth:
        role = f"{role} {fill(_(LEVEL), level=str(node.row.depth + 1))}"
    return role


def lay_out_map(nodes: list[MapNode], width: int, direction: str, *,
                style: ChromeStyle) -> tuple[list[MapLine], list[int]]:
    """The lines of the map at ``width`` cells, and the first line of each node. A
    right-to-left ``direction`` mirrors the tree and lays labels out right to left; a
    label too long for what is left of the line wraps under its start (nothing is cut).
    ``style``: the chrome's (logical: no tree lines, roles in words)."""
    logical = style.logical
    rtl = direction == "rtl" and not logical
    table = _RTL_UNITS if rtl else _LTR_UNITS
    lines: list[MapLine] = []
    firsts: list[int] = []
    for index, (node, units) in enumerate(zip(nodes, _connectors([n.row for n in nodes]),
                                              strict=True)):
        firsts.append(len(lines))
        drawn = [table[unit] for unit in units]
        tree = "".join(reversed(drawn) if rtl else drawn)
        below = [table["through" if unit in ("through", "branch") else "blank"]
                 for unit in units]
        tree_below = "".join(reversed(below) if rtl else below)
        mark = MARKS.get(node.row.kind, "")
        if node.row.repeated:
            mark = REPEATED_MARK
        if logical:  # --screen-reader: the role and the level in words, no tree lines
            tree = tree_below = ""
            mark = ui_line(role_words(node), style=style)  # (no isolates in logical order)
        name = (chrome_line(fill("{name}:", name=node.name), direction, style=style)
                if node.name else "")
        head = cell_len(tree) + cell_len(mark) + 1 + (cell_len(name) + 1 if name else 0)
        room = max(8, width - head)
        text = fill("{label}", label=node.row.label)
        shown = visible(text, keep_isolates=True)
        if "\n" not in shown and cell_len(shown) <= room:
            lines.append(MapLine(index, tree, mark, name, None, head, rtl,
                                 (text, room, direction, style)))
            continue
        label_lines = chrome_lines(text, room, direction, style=style)
        for number, (visual, _cells, _line_rtl) in enumerate(label_lines or [("", 0, rtl)]):
            if number == 0:
                lines.append(MapLine(index, tree, mark, name, visual, head, rtl))
            else:
                indent = " " * cell_len(name)
                lines.append(MapLine(index, tree_below, " " * cell_len(mark), indent, visual,
                                     head, rtl))
    return lines, firsts
