"""Turn Textual SVG screenshots into PNG for looking at them (needs rsvg-convert).

    python scripts/snapshots_to_png.py OUT_DIR [SVG ...]   (default: every snapshot)

Textual writes each styled run of a line as its own SVG <text>; an SVG renderer then runs
its own bidi algorithm inside each run and shows our already-reordered Arabic reversed
again, and moves leading padding to the far side of a right-to-left run. Forcing
``unicode-bidi: bidi-override`` and an LTR base direction draws the cells as placed, which
is what a terminal in explicit mode does.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OVERRIDE = ("<style>text { unicode-bidi: bidi-override; direction: ltr; white-space: pre; }"
            "</style>")


def convert(svg: Path, out_dir: Path) -> Path:
    text = svg.read_text(encoding="utf-8")
    head, sep, rest = text.partition(">")  # after the opening <svg ...> tag
    # An LRM first in every run makes its base direction LTR, so leading padding stays on
    # the left as in the terminal.
    rest = re.sub(r"(<text\b[^>]*>)", "\\1&#8206;", rest)
    fixed = head + sep + OVERRIDE + rest
    target = out_dir / (svg.stem + ".png")
    with tempfile.NamedTemporaryFile("w", suffix=".svg", encoding="utf-8") as handle:
        handle.write(fixed)
        handle.flush()
        subprocess.run(["rsvg-convert", handle.name, "-o", str(target)], check=True)
    return target


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("snapshots-png")
    out_dir.mkdir(parents=True, exist_ok=True)
    svgs = [Path(p) for p in sys.argv[2:]] or sorted(ROOT.glob("tests/__snapshots__/**/*.svg"))
    for svg in svgs:
        print(convert(svg, out_dir))


if __name__ == "__main__":
    main()
