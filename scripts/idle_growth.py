"""What accumulates while the app is idle (issue 27; prints figures, nothing here is a test).

    python scripts/idle_growth.py [--big] [--trace] [seconds per case, default 20] [case ...]

Cases: ``closed`` (the search bar closed, idle), ``open`` (the bar open, empty, idle),
``hit`` (the bar open with a query, a hit highlighted, idle). Run only when named:
``early`` (the bar opened at once, as in bench_look_up.py, its analysis and the counting
waited for, then idle) and ``resize`` (closed, idle, then the panel shown and 16 resizes
between four widths, each waited for its background counting and the freeze after it: the
objects tracked, frozen ones included, must not grow with every resize; the freeze's own
time, a full collection, is printed too).

Each runs the app with the pilot on the bundled article (``--big``: bench_morphology's
generated 1 MB Arabic document) in a fresh app, lets it settle (the start-up freeze),
then samples every second the objects the collector walks (``len(gc.get_objects())``) and
the full (generation 2) collections' durations (``gc.callbacks``); at the end, a full
collection timed, the types that grew (a Counter of type names) and, with ``--trace``,
tracemalloc's top allocation sites with the lines that made them (it slows the
collections it times). Flat after warm-up is the target: a person may leave the reader
open for hours.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.state.positions import PositionStore  # noqa: E402
from reader.ui.app import STARTUP_SETTLED, create_app  # noqa: E402


def type_counts() -> Counter[str]:
    return Counter(type(o).__qualname__ for o in gc.get_objects())


async def _until(pilot, predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("gave up waiting")
        await pilot.pause(0.01)


async def case(name: str, seconds: float, state: Path, path: Path | None,
               trace: bool) -> None:
    start = time.monotonic()
    app = create_app(path, positions=PositionStore(state))
    full: list[float] = []
    when: list[float] = []  # seconds into the sampling
    began = [0.0]

    def collector(phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            full.append(time.perf_counter() - began[0])
            when.append(time.monotonic() - start)

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        if name == "early":  # as bench_look_up's background part: the bar opened at once
            await pilot.press("slash")
            gc.callbacks.append(collector)
            await _until(pilot, lambda: app.search.words_ready
                         and not app.article.counting.running, timeout=600)
            gc.callbacks.remove(collector)
            print(f"   early: full collections while the analysis and the counting ran, "
                  f"{time.monotonic() - start:.1f} s: "
                  + ", ".join(f"{w:.1f} s {t * 1000:.0f} ms" for w, t in zip(when, full)))
            full.clear()
            when.clear()
        await pilot.pause(STARTUP_SETTLED + 0.5)  # the start-up freeze has run
        if name in ("open", "hit"):
            await pilot.press("slash")
            await pilot.pause(0.5)
        if name == "hit":
            await pilot.press(*"the")
            await _until(pilot, lambda: app.search.matches if hasattr(app.search, "matches")
                         else True)
            await pilot.pause(1.0)
        await pilot.pause(1.0)  # warm-up
        gc.collect()
        if trace:
            tracemalloc.start(12)
        before_types = type_counts()
        first = tracemalloc.take_snapshot() if trace else None
        counts: list[int] = []
        start = time.monotonic()
        gc.callbacks.append(collector)
        while time.monotonic() - start < seconds:
            await pilot.pause(1.0)
            counts.append(len(gc.get_objects()))
        gc.callbacks.remove(collector)
        forced = []  # what the app's next full collection costs: timed, three times
        for _ in range(3):
            began_full = time.perf_counter()
            gc.collect()
            forced.append(time.perf_counter() - began_full)
        resized: list[tuple[int, int]] = []  # (frozen, walked) after each width's counting
        settling: list[float] = []  # each freeze after a counting (Loading.freeze_settled)
        if name == "resize":
            freeze_settled = app.loading.freeze_settled

            def timed(*, thaw: bool) -> None:
                began_settle = time.perf_counter()
                freeze_settled(thaw=thaw)
                settling.append(time.perf_counter() - began_settle)

            app.loading.freeze_settled = timed  # type: ignore[method-assign]
            await pilot.press("p")  # the panel's lines are drawn again at every width
            for width in (100, 140, 90, 120) * 4:
                done = len(settling)
                await pilot.resize_terminal(width, 36)
                await _until(pilot, lambda done=done: len(settling) > done)
                gc.collect()
                resized.append((gc.get_freeze_count(), len(gc.get_objects())))
        last = tracemalloc.take_snapshot() if trace else None
        after_types = type_counts()
        tracemalloc.stop()
    grew = after_types - before_types
    print(f"== {name}: {seconds:.0f} s idle")
    print(f"   tracked objects each second: {counts[0]} -> {counts[-1]} "
          f"(+{(counts[-1] - counts[0]) / max(1, len(counts) - 1):.0f}/s); "
          f"samples {counts[:3]} ... {counts[-3:]}")
    if full:
        print(f"   full collections: {len(full)}, first {full[0] * 1000:.1f} ms, "
              f"last {full[-1] * 1000:.1f} ms, median {statistics.median(full) * 1000:.1f} ms; "
              "at (s): " + ", ".join(f"{t:.1f}" for t in when))
    else:
        print("   full collections: none")
    print("   a full collection at the end (gc.collect, three times): "
          + ", ".join(f"{t * 1000:.1f} ms" for t in forced))
    if resized:
        print("   after each of 16 resizes, its counting done and frozen, a full collection "
              "(frozen + walked = tracked): "
              + ", ".join(f"{f}+{w}={f + w}" for f, w in resized))
        print("   the freeze after each counting (a full collection): "
              + ", ".join(f"{t * 1000:.0f}" for t in settling) + " ms")
    print("   types that grew: " + ", ".join(f"{t} +{n}" for t, n in grew.most_common(8)))
    print("   the most numerous at the end: " + ", ".join(
        f"{t} {n}" for t, n in after_types.most_common(6)))
    if last is None or first is None:
        return
    print("   top allocation sites (size grown, count grown), innermost frames:")
    stats = last.compare_to(first, "traceback")
    for stat in stats[:4]:
        print(f"     +{stat.size_diff / 1024:.1f} KiB, +{stat.count_diff} blocks")
        for frame in list(stat.traceback)[-6:]:
            print(f"        {frame.filename.split('site-packages/')[-1]}:{frame.lineno}")


def main() -> None:
    args = sys.argv[1:]
    trace = "--trace" in args  # tracemalloc's sites (it slows the collections it times)
    args = [a for a in args if a != "--trace"]
    path = None
    if args and args[0] == "--big":
        args = args[1:]
        path = Path(tempfile.mkdtemp()) / "generated.ar.txt"
        # made in another process: the lexicon it needs is read there, not here
        subprocess.run([sys.executable, "-c", (
            "import sys; from pathlib import Path; sys.path[:0] = sys.argv[2:]\n"
            "from bench_morphology import generated_document as g, morphology as m\n"
            "lexicon = m.lexicon()\n"
            "while not lexicon.load_some(1.0): pass\n"
            "Path(sys.argv[1]).write_text('\\n'.join(g()) + '\\n', encoding='utf-8')"),
            str(path), str(ROOT), str(ROOT / "benchmarks")], check=True)
    seconds = float(args[0]) if args else 20.0
    names = args[1:] or ["closed", "open", "hit"]
    state = Path(tempfile.mkdtemp())
    for name in names:
        asyncio.run(case(name, seconds, state, path, trace))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
