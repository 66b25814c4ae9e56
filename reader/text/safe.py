"""Plain strings made safe for a terminal: for messages that bypass the layout core.

Error messages, ``reader check`` reports and notifications may quote content (a file name,
an annotation's label). Control characters in them would be executed by the terminal and
bidi controls would reorder the line, so both are replaced by visible stand-ins.
"""

from __future__ import annotations

from reader.text.chars import BIDI_CONTROLS, CONTROL_NAMES, control_picture

_TABLE: dict[int, str] = {}
for _cp in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029):
    if _cp not in (0x09, 0x0A):
        _TABLE[_cp] = control_picture(chr(_cp)) or ""
for _ch in BIDI_CONTROLS:
    _TABLE[ord(_ch)] = "\u27e6" + CONTROL_NAMES[_ch] + "\u27e7"


def visible(text: str, keep_newlines: bool = True) -> str:
    """``text`` with controls shown as pictures (ESC as ␛) and bidi controls named."""
    safe = text.translate(_TABLE)
    if not keep_newlines:
        safe = safe.replace("\n", "\u2424").replace("\t", " ")
    return safe
