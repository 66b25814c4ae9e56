"""Folding a long document for anchors and search (prints figures; nothing here is a test).

    python benchmarks/bench_fold.py

The bundled article repeated to 1 MB and to 10 MB of UTF-8: the time to fold it
(:class:`reader.text.fold.FoldedText`) and to find every copy of a two-word name in it.
Target: 1 MB well under a second, 10 MB a few seconds, on the project's 2-core machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.resources import bundled_article
from reader.text.fold import FoldedText


def main() -> None:
    article = bundled_article().read_text(encoding="utf-8")
    FoldedText(article)  # warm the tables
    for megabytes in (1, 10):
        text = article * (megabytes * 1_000_000 // len(article.encode()) + 1)
        began = time.perf_counter()
        folded = FoldedText(text)
        made = time.perf_counter() - began
        spans = folded.find_all("سام ألتمان")
        found = time.perf_counter() - began - made
        print(f"{megabytes:>3} MB: fold {made * 1000:7.1f} ms, find {len(spans)} hits "
              f"{found * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
