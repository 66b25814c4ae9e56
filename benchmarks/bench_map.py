"""Building the argument map's rows (prints figures; nothing here is a test).

    python benchmarks/bench_map.py [ENTRIES]

Generates an annotation file of ENTRIES entries (default 500; see
``tests.text_helpers.generated_annotations``: chapters, then claims and rebuttals, some
rebuttals answering two claims), loads it, and times :func:`map_rows` (chapters → claims →
rebuttals, a rebuttal under each claim it answers), best of many runs. The figure is also
given as a ratio to the time it takes to load the same file, measured in the same run, so
that it reads the same on a fast machine and a slow one.

Target: the map of 500 entries is built in under 50 ms (the map view lays out only the rows
it shows, so this is what opening the map costs before any drawing).

Then the map view's own work (reader/ui/widgets/argument_map.py): laying every node out at a
width, right to left (the core's bidi layout of each label and speaker: what opening the map,
or a resize, costs; target under 50 ms with the rows), and a key in the view (Down, Page
Down: the highlight moved, the view scrolled, every line on screen drawn again; target under
16 ms, a frame), in a headless app, median and worst of many keys.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.annotations.argument_map import map_rows
from reader.content.annotations.file import load_annotations
from reader.content.formats import load_document
from reader.text.chrome import ChromeStyle
from reader.ui.decisions.map_layout import lay_out_map, map_nodes
from reader.ui.decisions.speakers import speaker_indexes
from tests.text_helpers import generated_annotations

TARGET = 0.050
KEY_TARGET = 0.016
VISUAL = ChromeStyle.VISUAL  # the map as drawn by default


def _best(action, runs: int) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    paragraphs, toml = generated_annotations(entries)
    with tempfile.TemporaryDirectory() as folder:
        document_path = Path(folder) / "generated.txt"
        document_path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        toml_path = Path(folder) / "generated.toml"
        toml_path.write_text(toml, encoding="utf-8")
        document = load_document(document_path)
        load, annotations = _best(lambda: load_annotations(toml_path, document), 3)
    assert len(annotations) == entries and not annotations.problems
    seconds, rows = _best(lambda: map_rows(annotations), 20)
    repeated = sum(1 for row in rows if row.repeated)
    verdict = "ok" if seconds < TARGET else f"over the {TARGET * 1000:.0f} ms target"
    print(f"{entries:,} entries: {len(rows):,} rows ({repeated:,} repeated), "
          f"built in {seconds * 1000:.2f} ms ({verdict}); "
          f"{seconds / load:.3f}× the time to load the file ({load * 1000:.1f} ms)")
    nodes = map_nodes(annotations, speaker_indexes(annotations, 6))
    laid, (lines, _firsts) = _best(lambda: lay_out_map(nodes, 96, "rtl", style=VISUAL), 5)
    total = seconds + laid
    verdict = "ok" if total < TARGET else f"over the {TARGET * 1000:.0f} ms target"
    print(f"laid out right to left at 96 cells: {len(lines):,} lines in {laid * 1000:.1f} ms; "
          f"rows and layout {total * 1000:.1f} ms ({verdict}); {laid / load:.2f}× the load")
    for key, figures in asyncio.run(_keys(nodes)).items():
        median, worst = statistics.median(figures), max(figures)
        verdict = "ok" if worst < KEY_TARGET else f"over the {KEY_TARGET * 1000:.0f} ms target"
        print(f"{key}: median {median * 1000:.2f} ms, worst {worst * 1000:.2f} ms per key "
              f"({len(figures)} keys, each the best of 3 fresh runs; the screen's lines "
              f"drawn, labels laid out as they first show) ({verdict})")
    return 0


async def _keys(nodes) -> dict[str, list[float]]:
    """Each key's work in the view: the highlight moved and scrolled to, then every line
    on screen drawn (what the next frame asks of the widget)."""
    from textual.app import App, ComposeResult

    from reader.ui.themes import variable_defaults
    from reader.ui.widgets.argument_map import MapTree

    class Bench(App[None]):
        def get_theme_variable_defaults(self) -> dict[str, str]:
            return variable_defaults(False, False)  # the speakers' colours, as the reader's

        def compose(self) -> ComposeResult:
            yield MapTree(nodes, direction="rtl")

    app = Bench()
    figures: dict[str, list[float]] = {"Down": [], "Page Down": []}
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        tree = app.query_one(MapTree)
        height = tree.scrollable_content_region.height
        for key, action in (("Down", lambda: tree.action_move(1)),
                            ("Page Down", lambda: tree.action_page(1))):
            runs: list[list[float]] = []
            for _run in range(3):  # each key's best of three fresh runs: the machine's noise
                tree.set_nodes(nodes)  # lines laid out afresh (labels when first drawn)
                tree.highlight(0)
                times = []
                for _ in range(60):
                    start = time.perf_counter()
                    action()
                    for y in range(height):
                        tree.render_line(y)
                    times.append(time.perf_counter() - start)
                runs.append(times)
            figures[key] = [min(column) for column in zip(*runs, strict=True)]
    return figures


if __name__ == "__main__":
    raise SystemExit(main())
