"""Throughput of the text core (prints figures; nothing here is a test).

    python benchmarks/bench_layout.py

* full pipeline (levels, shaping, clusters, breaking, reordering) on the bundled article
  repeated to 1 MB, cold (caches cleared) and warm;
* full pipeline on 1 MB of generated text where no paragraph repeats;
* width-only line counting on the same texts.

Targets on the project's 2-core machine: full pipeline >= 1,000,000 characters/s, line
counting >= 10,000,000 characters/s.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.formats import load_document
from reader.text import count_lines, layout_paragraph
from reader.text.clusters import clear_caches

SIZE = 1_000_000
WIDTH = 80


def article_mb() -> list[str]:
    paragraphs = load_document().paragraphs
    out: list[str] = []
    total = 0
    while total < SIZE:
        for paragraph in paragraphs:
            out.append(paragraph)
            total += len(paragraph) + 1
    return out


def generated_mb(seed: int = 7) -> list[str]:
    """Unique paragraphs: article words shuffled, with numbers and Latin words mixed in."""
    rng = random.Random(seed)
    words = " ".join(load_document().paragraphs).split()
    extra = ["OpenAI", "Tesla", "2024", "50%", "(مرحبا)", "«نص»", "١٢٣", "https://x.org/a"]
    out: list[str] = []
    total = 0
    while total < SIZE:
        n = rng.choice((8, 30, 60, 200, 600))
        paragraph = " ".join(rng.choice(words if rng.random() < 0.9 else extra) for _ in range(n))
        out.append(paragraph)
        total += len(paragraph) + 1
    return out


def rate(paragraphs: list[str], action) -> float:
    chars = sum(len(p) + 1 for p in paragraphs)
    start = time.perf_counter()
    for paragraph in paragraphs:
        action(paragraph)
    return chars / (time.perf_counter() - start)


def main() -> None:
    print(f"python {sys.version.split()[0]}, width {WIDTH}")
    for name, paragraphs in (("article x 1 MB", article_mb()), ("generated 1 MB", generated_mb())):
        clear_caches()
        cold = rate(paragraphs, lambda p: layout_paragraph(p, WIDTH))
        warm = rate(paragraphs, lambda p: layout_paragraph(p, WIDTH))
        clear_caches()
        count_cold = rate(paragraphs, lambda p: count_lines(p, WIDTH))
        count_warm = rate(paragraphs, lambda p: count_lines(p, WIDTH))
        print(f"{name}: full pipeline {cold:,.0f} chars/s cold, {warm:,.0f} warm; "
              f"line count {count_cold:,.0f} cold, {count_warm:,.0f} warm")


if __name__ == "__main__":
    main()
