"""Search on a 10 MB document (prints figures; nothing here is a test).

    python benchmarks/bench_search.py [--no-app]

Two documents of about 10 MB of UTF-8: the bundled article repeated, and a generated mix
(article words shuffled into unique paragraphs of varied length, with harakat, tatweel,
Arabic-Indic and Persian digits, presentation forms and accented Latin words mixed in).

For each: the time to build the search index (once per document, when ``/`` is first
pressed); then queries typed letter by letter, timing what one keystroke costs the app:
the search, the count, the first hit at or after the place the search began, its number
(``3/12``) and the hits on one screen. Then ``n`` and ``N`` (step, number, screen hits),
and regex and exact searches. Last, unless ``--no-app``, the same keystrokes through the
real app (Textual pilot, headless) on the repeated article: the time of the handler that
searches, moves the view and hands it the hits.

Target: under 100 ms per keystroke on the project's 2-core machine.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.annotations.file import load_annotations_for
from reader.content.document import Document
from reader.content.formats import load_document
from reader.state.search import SearchSession

SIZE = 10_000_000  # bytes of UTF-8
QUERIES = ["ماسك", "Musk", "سام ألتمان", "2018", "التي", "ا"]
SCREEN_PARAGRAPHS = 6


def article_10mb() -> list[str]:
    paragraphs = load_document().paragraphs
    size = sum(len(p.encode()) + 1 for p in paragraphs)
    return paragraphs * (SIZE // size + 1)


def generated_10mb(seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    words = " ".join(load_document().paragraphs).split()
    harakat = "\u064e\u064f\u0650\u0651\u0652\u064b\u064c\u064d"
    extra = ["٢٠١٨", "۲۰۱۸", "2018", "Café", "ÉLAN", "ﻻ", "ﺑﺴﻢ", "كـتـاب", "OpenAI", "Tesla",
             "می\u200cخواهم", "مُدَرِّسٌ", "«نص»", "٪٥٠"]
    out: list[str] = []
    total = 0
    while total < SIZE:
        n = rng.choice((5, 20, 60, 150, 400, 2000))
        chosen = []
        for _ in range(n):
            word = rng.choice(words) if rng.random() < 0.92 else rng.choice(extra)
            if rng.random() < 0.1:  # harakat on some letters
                word = "".join(ch + rng.choice(harakat) if rng.random() < 0.5 else ch
                               for ch in word)
            chosen.append(word)
        paragraph = " ".join(chosen)
        out.append(paragraph)
        total += len(paragraph.encode()) + 1
    return out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def keystroke(session: SearchSession, query: str, origin: tuple[int, int]) -> tuple[float, str]:
    began = time.perf_counter()
    session.run(query, origin)
    count = session.count_text()
    session.visible(origin, (origin[0] + SCREEN_PARAGRAPHS, 0))
    return time.perf_counter() - began, count


def bench_document(name: str, paragraphs: list[str], aliases: dict) -> None:
    size = sum(len(p.encode()) + 1 for p in paragraphs)
    chars = sum(len(p) + 1 for p in paragraphs)
    print(f"\n== {name}: {size / 1e6:.1f} MB, {chars:,} characters, "
          f"{len(paragraphs):,} paragraphs")
    session = SearchSession(paragraphs, aliases)
    began = time.perf_counter()
    session.index  # noqa: B018
    print(f"index build (fold every paragraph once): {ms(time.perf_counter() - began)}")
    origin = (len(paragraphs) // 2, 0)
    worst = 0.0
    for query in QUERIES:
        times = []
        counts = []
        for length in range(1, len(query) + 1):
            elapsed, count = keystroke(session, query[:length], origin)
            times.append(elapsed)
            counts.append(count)
        worst = max(worst, *times)
        print(f"typing {query!r:14} per key: " + " ".join(f"{t * 1000:.1f}" for t in times)
              + f" ms  (max {max(times) * 1000:.1f});  last: {counts[-1]}"
              + ("  [names]" if session.names else ""))
    print(f"worst keystroke: {ms(worst)}  (target < 100 ms)")

    for query in ("ماسك", "ا"):
        session.run(query, origin)
        for direction, key in ((1, "n"), (-1, "N")):
            times = []
            place = origin
            for _ in range(500):
                began = time.perf_counter()
                step = session.step(direction, place)
                session.count_text()
                if step.hit is not None:
                    span = step.hit.span
                    session.visible((span.paragraph, 0), (span.paragraph + SCREEN_PARAGRAPHS, 0))
                times.append(time.perf_counter() - began)
            print(f"{key} on {query!r:8} ({session.total:,} hits): "
                  f"median {statistics.median(times) * 1e6:.0f} µs, max {ms(max(times))}")

    for label, query, kwargs in (("regex", r"\d{4}", {"regex": True}),
                                 ("regex", r"ماس?ك|التمان", {"regex": True}),
                                 ("exact", "ماسك", {"exact": True}),
                                 ("exact regex", r"[\u064b-\u0652]", {"exact": True,
                                                                     "regex": True})):
        began = time.perf_counter()
        session.run(query, origin, **{"exact": False, "regex": False, **kwargs})
        print(f"{label:11} {query!r:18} {ms(time.perf_counter() - began)}  "
              f"{session.total:,} hits")
    session.exact = session.regex = False


async def bench_app(paragraphs: list[str]) -> None:
    from textual.keys import _character_to_key

    from reader.ui.app import ReaderApp

    document = Document.from_text("\n".join(paragraphs))
    loaded = load_document()
    annotations = load_annotations_for(loaded, None).annotations
    app = ReaderApp(document, annotations)
    timings: list[float] = []
    original = app.searching.run_now

    def timed() -> None:
        began = time.perf_counter()
        original()
        timings.append(time.perf_counter() - began)

    app.searching.run_now = timed  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.article.go_to_place((len(paragraphs) // 2, 0))
        await pilot.pause()
        began = time.perf_counter()
        await pilot.press("slash")
        print(f"\n== app (pilot, headless, 100×30) on the repeated article\n"
              f"'/' (builds the index): {ms(time.perf_counter() - began)}")
        for query in ("ماسك", "Musk", "2018"):
            timings.clear()
            for ch in query:
                await pilot.press(_character_to_key(ch))
                await pilot.pause(0.1)  # past the debounce
            status = app.query_one("#search-count").render()
            print(f"typing {query!r:8} handler per key: "
                  + " ".join(f"{t * 1000:.1f}" for t in timings) + f" ms;  shows {status}")
            await pilot.press("ctrl+u")
            await pilot.pause(0.1)
        await pilot.press(*(_character_to_key(ch) for ch in "ماسك"))
        await pilot.pause(0.1)
        await pilot.press("enter")
        steps: list[float] = []
        step = app.action_search_step

        def timed_step(direction: int) -> None:
            began = time.perf_counter()
            step(direction)
            steps.append(time.perf_counter() - began)

        app.action_search_step = timed_step  # type: ignore[method-assign]
        for key in "n" * 20 + "N" * 20:
            await pilot.press(key)
        print(f"n / N handler (step, move the view, hits on screen, status): median "
              f"{ms(statistics.median(steps))}, max {ms(max(steps))}")


def main() -> None:
    document = load_document()
    annotations = load_annotations_for(document, None).annotations
    aliases = annotations.alias_lists() if annotations else {}
    repeated = article_10mb()
    bench_document("article repeated", repeated, aliases)
    bench_document("generated mix", generated_10mb(), aliases)
    if "--no-app" not in sys.argv:
        asyncio.run(bench_app(repeated))


if __name__ == "__main__":
    main()
