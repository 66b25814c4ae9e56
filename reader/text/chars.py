"""Character facts the layout needs: what is drawn, what is folded, what breaks a line.

Everything here decides how one *source* character reaches the screen:

* C0/C1 controls and DEL are never sent raw. C0 and DEL become their Control Pictures
  (ESC shows as ``␛``, like ``less`` shows ``^[``); C1 controls show as ``<85>`` (as vim does).
* Invisible formatting characters (bidi embeddings, overrides, isolates, LRM/RLM/ALM,
  zero-width joiners and spaces, soft hyphen, BOM) are *folded*: they act on the layout but
  take no cell. A ZWJ inside an emoji sequence is kept so the terminal can join it.
* Break opportunities are after ASCII spaces and the other breaking white space.
"""

from __future__ import annotations

import unicodedata

# BidiBrackets.txt (Unicode 15.0): characters that rule N0 pairs. Kept individually when
# text is condensed for the bidi library.
BRACKETS = frozenset(
    "\u0028\u0029\u005b\u005d\u007b\u007d\u0f3a\u0f3b\u0f3c\u0f3d\u169b\u169c\u2045\u2046"
    "\u207d\u207e\u208d\u208e\u2308\u2309\u230a\u230b\u2329\u232a\u2768\u2769\u276a\u276b"
    "\u276c\u276d\u276e\u276f\u2770\u2771\u2772\u2773\u2774\u2775\u27c5\u27c6\u27e6\u27e7"
    "\u27e8\u27e9\u27ea\u27eb\u27ec\u27ed\u27ee\u27ef\u2983\u2984\u2985\u2986\u2987\u2988"
    "\u2989\u298a\u298b\u298c\u298d\u298e\u298f\u2990\u2991\u2992\u2993\u2994\u2995\u2996"
    "\u2997\u2998\u29d8\u29d9\u29da\u29db\u29fc\u29fd\u2e22\u2e23\u2e24\u2e25\u2e26\u2e27"
    "\u2e28\u2e29\u2e55\u2e56\u2e57\u2e58\u2e59\u2e5a\u2e5b\u2e5c\u3008\u3009\u300a\u300b"
    "\u300c\u300d\u300e\u300f\u3010\u3011\u3014\u3015\u3016\u3017\u3018\u3019\u301a\u301b"
    "\ufe59\ufe5a\ufe5b\ufe5c\ufe5d\ufe5e\uff08\uff09\uff3b\uff3d\uff5b\uff5d\uff5f\uff60"
    "\uff62\uff63"
)

# LRE RLE PDF LRO RLO and LRI RLI FSI PDI: rules X1-X10.
EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
ISOLATES = frozenset("\u2066\u2067\u2068\u2069")
EXPLICIT_FORMATTING = EMBEDDINGS | ISOLATES
# Implicit directional marks: strong for the algorithm, invisible on screen.
MARKS = frozenset("\u200e\u200f\u061c")
BIDI_CONTROLS = EXPLICIT_FORMATTING | MARKS

ZWJ = "\u200d"
ZWNJ = "\u200c"
TAB = "\t"
TAB_CELLS = 4

# White space after which a line may break. NO-BREAK SPACE, NARROW NO-BREAK SPACE and
# FIGURE SPACE are deliberately absent.
BREAK_SPACES = frozenset(" \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a"
                         "\u205f\u3000\t")

# Short names shown for invisible controls when the reader reveals them.
CONTROL_NAMES = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
    "\u200e": "LRM", "\u200f": "RLM", "\u061c": "ALM",
    "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u2060": "WJ", "\ufeff": "BOM",
    "\u00ad": "SHY",
}


def control_picture(ch: str) -> str | None:
    """The visible stand-in for a control character, or None if ``ch`` is not one."""
    cp = ord(ch)
    if cp < 0x20:
        return chr(0x2400 + cp)
    if cp == 0x7F:
        return "\u2421"
    if 0x80 <= cp < 0xA0:
        return f"<{cp:02X}>"
    if 0xD800 <= cp < 0xE000:  # a lone surrogate cannot be encoded for the terminal
        return "\ufffd"
    if cp in (0x2028, 0x2029):  # line/paragraph separators would move the cursor
        return "\u23ce"
    return None


# Invisible, but not removed by rule X9: they keep a level and split level runs in rule L2,
# so the layout reorders them as zero-width "ghosts" and only then leaves them out.
GHOSTS = ISOLATES | MARKS


def is_invisible(ch: str) -> bool:
    """True for characters that are folded away: bidi controls and other format (BN) ones."""
    if ch in BIDI_CONTROLS:
        return True
    return unicodedata.bidirectional(ch) == "BN" and control_picture(ch) is None


def is_emoji(ch: str) -> bool:
    """Rough Extended_Pictographic test, enough to keep ZWJ sequences together."""
    cp = ord(ch)
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or 0x2B00 <= cp <= 0x2BFF
        or cp in (0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D)
    )


def is_mark(ch: str) -> bool:
    """Combining marks (Mn, Mc, Me) attach to the character before them."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def first_strong(text: str) -> str | None:
    """``"rtl"`` or ``"ltr"`` after the first strong letter of ``text`` (rule P2, without
    skipping isolates), else None."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None
