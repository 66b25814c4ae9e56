"""Plain strings made safe for a terminal: for messages that bypass the layout core.

Error messages, ``reader check`` reports and notifications may quote content (a file name,
an annotation's label). Control characters in them would be executed by the terminal and
bidi controls would reorder the line, so both are replaced by visible stand-ins.
"""

from __future__ import annotations

from reader.text.chars import BIDI_CONTROLS, CONTROL_NAMES, MARKS, control_picture

_TABLE: dict[int, str] = {}
for _cp in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029):
    if _cp not in (0x09, 0x0A):
        _TABLE[_cp] = control_picture(chr(_cp)) or ""
for _ch in BIDI_CONTROLS:
    _TABLE[ord(_ch)] = "\u27e6" + CONTROL_NAMES[_ch] + "\u27e7"


# The isolates a chrome template puts around its values (reader.text.chrome.fill): kept by
# ``visible(..., keep_isolates=True)``, for text whose values were made visible already.
_ISOLATES = ("\u2066", "\u2067", "\u2068", "\u2069")
_TABLE_KEEPING_ISOLATES = {code: shown for code, shown in _TABLE.items()
                           if chr(code) not in _ISOLATES}
# The implicit marks (LRM, RLM, ALM) act like a strong letter that takes no cell: they
# cannot reverse a letter, nor reach past the isolate a chrome value stands in, so the chrome
# honours them as the article does (real documents put RLM after a heading's "12.1.").
_TABLES = {
    (False, False): _TABLE,
    (True, False): _TABLE_KEEPING_ISOLATES,
    (False, True): {code: shown for code, shown in _TABLE.items() if chr(code) not in MARKS},
    (True, True): {code: shown for code, shown in _TABLE_KEEPING_ISOLATES.items()
                   if chr(code) not in MARKS},
}


def visible(text: str, keep_newlines: bool = True, *, keep_isolates: bool = False,
            keep_marks: bool = False) -> str:
    """``text`` with controls shown as pictures (ESC as ␛) and bidi controls named.

    ``keep_isolates``: for a whole line of chrome whose values were isolated (and made
    visible) by :func:`reader.text.chrome.fill`: those isolates stay, every other control in
    the line (one that came in some other way) is shown. ``keep_marks``: LRM, RLM and ALM
    stay (chrome, laid out by the core: see ``_TABLES``)."""
    safe = text.translate(_TABLES[keep_isolates, keep_marks])
    if not keep_newlines:
        safe = safe.replace("\n", "\u2424").replace("\t", " ")
    return safe


def control_pictures(text: str) -> str:
    """Content shown as it is (``reader search``'s hits), but for the characters a terminal
    would act on: control characters (C0 with tab and newline, C1, ESC, DEL), line
    separators and lone surrogates as pictures. Bidi controls stay: the layout reads them."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        picture = control_picture(ch)
        out.append(ch if picture is None else picture)
    return "".join(out)
