"""Loading a large annotation file (prints figures; nothing here is a test).

    python benchmarks/bench_annotations.py [ENTRIES]

Generates a document and an annotation file of ENTRIES entries (default 10,000; see
``tests.text_helpers.generated_annotations``), writes both to a temporary folder and times
what the app does on start: read and parse the TOML, then check every entry and resolve
every anchor against the document. Best of three runs, with the parse and resolve parts.
Then the same file with one anchor in ten broken (a quote not in the text, each reported
with the closest passage), which costs more per entry.

Target on the project's 2-core machine: 10,000 entries load and resolve in under 1 s.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.annotations.file import (
    load_annotations,
    parse_annotations,
    read_annotations,
    resolve_annotations,
)
from reader.content.formats import load_document
from tests.text_helpers import generated_annotations

TARGET = 1.0


def _best(action, runs: int = 3) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def _break_one_in_ten(toml: str) -> str:
    """Every tenth plain-string anchor quotes words that are not in the text."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count % 10:
            return match.group(0)
        return f'anchor = "قال المتحدث رقم {match.group(1)} إن الأمر غامض"'

    return re.sub(r'anchor = "قال المتحدث رقم (\d+) إن"', replace, toml)


def main() -> int:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    paragraphs, toml = generated_annotations(entries)
    with tempfile.TemporaryDirectory() as folder:
        document_path = Path(folder) / "generated.txt"
        document_path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        toml_path = Path(folder) / "generated.toml"
        toml_path.write_text(toml, encoding="utf-8")
        document = load_document(document_path)
        size = len(document.text)
        print(f"{entries:,} entries ({len(toml.encode()):,} bytes of TOML) against "
              f"{len(paragraphs):,} paragraphs ({size:,} characters)")

        total, annotations = _best(lambda: load_annotations(toml_path, document))
        problems = annotations.problems
        assert len(annotations) == entries and not problems, problems[:3]
        parse, parsed = _best(lambda: read_annotations(toml_path))
        resolve, _ = _best(lambda: resolve_annotations(parsed, document.paragraphs))
        verdict = "ok" if total < TARGET else f"over the {TARGET:.0f} s target"
        print(f"  load + resolve: {total:.3f} s ({verdict}); "
              f"read + parse {parse:.3f} s, check + resolve {resolve:.3f} s")

        broken = parse_annotations(_break_one_in_ten(toml))
        seconds, result = _best(lambda: resolve_annotations(broken, document.paragraphs), 1)
        missing = sum(1 for p in result.problems if p.code == "quote-not-found")
        print(f"  with {missing:,} quotes not found (closest passage for each): "
              f"check + resolve {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
