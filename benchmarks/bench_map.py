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
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.annotations.argument_map import map_rows
from reader.content.annotations.file import load_annotations
from reader.content.formats import load_document
from tests.text_helpers import generated_annotations

TARGET = 0.050


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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
