"""The reader's two themes, dark and light, with every text colour chosen for contrast.

Textual's own themes give colours that fail WCAG AA for reading (inline code #8ad4a1 on a
light background is 1.7:1, a hit #e0e0e0 on #fea62b 1.5:1) and give two speakers the same
orange. Here every colour the reader draws text in is explicit and at least 4.5:1 against
the background it is drawn on (``tests/test_contrast.py`` measures the screen): the body,
each speaker, search hits (dark text on a fill no speaker uses), code, links, the status
line, the key bar and the panel. Speakers' colours are distinct from each other.
"""

from __future__ import annotations

from textual.theme import Theme

DARK, LIGHT = "reader-dark", "reader-light"
THEME_NAMES = {"dark": DARK, "light": LIGHT}
SPEAKER_COUNT = 6

_DARK_SPEAKERS = ("#7cc4ff", "#8fd68f", "#ffaf5f", "#d7a6ff", "#ff7fa8", "#4fe0c0")
_LIGHT_SPEAKERS = ("#005fa3", "#2e7d32", "#8a5a00", "#7b3fb5", "#c0182e", "#007a5e")


def _speakers(colours: tuple[str, ...]) -> dict[str, str]:
    return {f"speaker-{index}": colour for index, colour in enumerate(colours)}


READER_DARK = Theme(
    name=DARK,
    primary="#1f5f99",
    secondary="#7c9cc4",
    accent="#ffb454",
    warning="#ffb454",
    error="#ff7b7b",
    success="#8fd68f",
    foreground="#e6e6e6",
    background="#121212",
    surface="#1a1a1a",
    panel="#22272e",
    boost="#26262a",
    dark=True,
    variables={
        **_speakers(_DARK_SPEAKERS),
        "text-muted": "#b4b4b4",
        "text-primary": "#7cb8ff",
        "text-success": "#8fd6a0",
        "text-accent": "#ffc473",
        "hit-foreground": "#000000",
        "hit-background": "#f0f08a",
        "hit-current-foreground": "#000000",
        "hit-current-background": "#ffffff",
        "flash-background": "#2d4a66",
        "code-foreground": "#a8e0b4",
        "code-background": "#26262a",
        "link-foreground": "#ffc473",
        "status-foreground": "#d0d0d0",
        "status-background": "#26262a",
        "footer-foreground": "#e6e6e6",
        "footer-background": "#22272e",
        "footer-key-foreground": "#ffc473",
        "footer-key-background": "#22272e",
        "footer-description-foreground": "#e6e6e6",
        "footer-description-background": "#22272e",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-background": "#1f5f99",
        "block-cursor-blurred-foreground": "#e6e6e6",
        "block-cursor-blurred-background": "#34404d",
        "block-hover-background": "#34404d",
        "input-cursor-foreground": "#000000",
        "input-cursor-background": "#e6e6e6",
    },
)

READER_LIGHT = Theme(
    name=LIGHT,
    primary="#0b4f8a",
    secondary="#3c5a80",
    accent="#8a4b00",
    warning="#8a4b00",
    error="#b3261e",
    success="#1e6b34",
    foreground="#1a1a1a",
    background="#f4f4f4",
    surface="#ffffff",
    panel="#ececec",
    boost="#efefef",
    dark=False,
    variables={
        **_speakers(_LIGHT_SPEAKERS),
        "text-muted": "#4d4d4d",
        "text-primary": "#0b4f8a",
        "text-success": "#1e6b34",
        "text-accent": "#8a4b00",
        "hit-foreground": "#000000",
        "hit-background": "#ffc800",
        "hit-current-foreground": "#000000",
        "hit-current-background": "#ff8fd8",
        "flash-background": "#d6e6f5",
        "code-foreground": "#1e6b34",
        "code-background": "#efefef",
        "link-foreground": "#0b4f8a",
        "status-foreground": "#333333",
        "status-background": "#e6e6e6",
        "footer-foreground": "#1a1a1a",
        "footer-background": "#e0e0e0",
        "footer-key-foreground": "#0b4f8a",
        "footer-key-background": "#e0e0e0",
        "footer-description-foreground": "#1a1a1a",
        "footer-description-background": "#e0e0e0",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-background": "#0b4f8a",
        "block-cursor-blurred-foreground": "#1a1a1a",
        "block-cursor-blurred-background": "#cfe0f2",
        "block-hover-background": "#cfe0f2",
        "input-cursor-foreground": "#ffffff",
        "input-cursor-background": "#1a1a1a",
    },
)

THEMES = (READER_DARK, READER_LIGHT)


# With 16 colours (reader.ui.terminal_output.colours: Textual's ANSI themes) the reader's
# colours are the terminal's own, so that no two of them fall onto the same one of its
# sixteen, and they are
# drawn on the terminal's own background: one set for a dark one, one for a light one
# (reader.terminal.background asks which). On xterm's white, yellow is 1.7:1 and
# bright green
# 1.4:1; blue is 9.4:1, red 5.8:1, magenta 4.7:1. Only four colours read well on white in
# the usual palettes (xterm, Tango, Konsole), so the light set has two marginal ones.
_ANSI_VARIABLES = {
    **_speakers(("ansi_bright_blue", "ansi_bright_green", "ansi_yellow", "ansi_bright_magenta",
                 "ansi_bright_red", "ansi_bright_cyan")),
    "hit-foreground": "ansi_black",
    "hit-background": "ansi_bright_yellow",
    "hit-current-foreground": "ansi_black",
    "hit-current-background": "ansi_bright_white",
    "flash-background": "ansi_blue",
    "code-foreground": "ansi_green",
    "code-background": "ansi_default",
    "link-foreground": "ansi_bright_cyan",
    "status-foreground": "ansi_default",
    "status-background": "ansi_default",
}

_ANSI_LIGHT_VARIABLES = {
    **_ANSI_VARIABLES,
    **_speakers(("ansi_blue", "ansi_red", "ansi_magenta", "ansi_bright_black",
                 "ansi_bright_blue", "ansi_bright_red")),
    "hit-current-background": "ansi_bright_cyan",
    "flash-background": "ansi_cyan",
    "code-foreground": "ansi_black",
    "code-background": "ansi_white",
    "link-foreground": "ansi_blue",
}


def variable_defaults(ansi: bool = False, light: bool = False) -> dict[str, str]:
    """The reader's own variables, for a theme that does not set them (the CSS must
    parse whatever theme is current): the terminal's colours with 16 colours, for a light
    or a dark background."""
    if ansi:
        return dict(_ANSI_LIGHT_VARIABLES if light else _ANSI_VARIABLES)
    own = ("speaker-", "hit-", "flash-", "code-", "link-", "status-")
    return {name: value for name, value in READER_DARK.variables.items()
            if name.startswith(own)}


def theme_option(name: str | None) -> str | None:
    """``dark``/``light`` (the ``--theme`` option) or a remembered theme's name, as the
    name of one of the reader's themes; None for anything else."""
    if name is None:
        return None
    if name in THEME_NAMES:
        return THEME_NAMES[name]
    return name if name in (DARK, LIGHT) else None
