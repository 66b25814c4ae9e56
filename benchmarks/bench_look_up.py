"""The app's part of issue 26 (prints figures; nothing here is a test). Needs the optional
lexicon: pip install 'reader[arabic]'.

    python benchmarks/bench_look_up.py

1. The look-up popup on the bundled article, the lexicon read: for 30 words in a row (the
   word cursor, ``w``), the time from ``l`` to the popup filled and shown (the look-up, its
   lines laid out by the core), and to the refresh after it (the popup drawn),
   measured in the app's own loop from the moment it takes the key; the help's, for
   comparison (Textual's cost of a modal screen). Target: 50 ms.
2. The background analysis in the app on a 1 MB document (bench_morphology's generated
   one), in a new process (the lexicon read by the slices, as in a new session): every
   slice the timer runs, timed (a key waits at most one slice): the longest, the 99th
   percentile and the median, wall clock and processor time. Target: none over 16 ms.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_morphology import generated_document  # noqa: E402

from reader.state.positions import PositionStore  # noqa: E402
from reader.ui.app import create_app  # noqa: E402
from reader.ui.controllers.search_control import ANALYSIS_INTERVAL, ANALYSIS_SLICE  # noqa: E402
from reader.ui.widgets.look_up_popup import LookUpPopup  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


async def _until(pilot, predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("gave up waiting")
        await pilot.pause(0.005)


async def popup(state: Path) -> None:
    app = create_app(positions=PositionStore(state))
    built: list[float] = []
    drawn: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.searching.start_analysis()
        await _until(pilot, lambda: app.search.words_ready)
        shown_at: list[float] = []
        drawn_at: list[float] = []
        popup = app.query_one(LookUpPopup)
        original = popup.show

        def show(*args, **kwargs) -> None:
            original(*args, **kwargs)
            shown_at.append(time.perf_counter())
            popup.call_after_refresh(lambda: drawn_at.append(time.perf_counter()))

        popup.show = show  # type: ignore[method-assign]
        keyed: list[float] = []  # when the app took the key
        look_up = app.looking.look_up

        def timed_look_up(span=None) -> None:
            keyed.append(time.perf_counter())
            look_up(span)

        app.looking.look_up = timed_look_up  # type: ignore[method-assign]
        for _ in range(30):
            await pilot.press("w")
            await pilot.press("l")
            await _until(pilot, lambda: popup.is_open and drawn_at)
            start = keyed.pop()
            drawn.append(drawn_at.pop() - start)
            built.append(shown_at.pop() - start)
            await pilot.press("escape")
            await _until(pilot, lambda: not popup.is_open)
        popup.show = original  # type: ignore[method-assign]
        # the same for the help (?), a modal screen already there: the baseline
        from reader.ui.screens.help import HelpScreen

        help_drawn: list[float] = []
        action_help = app.action_help
        marks: list[float] = []

        def timed_help() -> None:
            marks.append(time.perf_counter())
            action_help()
            app.screen.call_after_refresh(lambda: marks.append(time.perf_counter()))

        app.action_help = timed_help  # type: ignore[method-assign]
        for _ in range(10):
            marks.clear()
            await pilot.press("question_mark")
            await _until(pilot, lambda: len(marks) == 2)
            help_drawn.append(marks[1] - marks[0])
            await pilot.press("escape")
            await _until(pilot, lambda: not isinstance(app.screen, HelpScreen))
    print("1. look-up popup, bundled article, 30 words (target 50 ms)")
    print(f"   l to the popup filled and shown: median {ms(statistics.median(built))}, "
          f"max {ms(max(built))}")
    print(f"   l to the refresh after it (drawn): median "
          f"{ms(statistics.median(drawn))}, max {ms(max(drawn))}")
    print(f"   the help (?) in the same run, key to the refresh after it: median "
          f"{ms(statistics.median(help_drawn))} (ratio "
          f"{statistics.median(drawn) / statistics.median(help_drawn):.2f})")


async def background(path: Path, state: Path) -> None:
    """Run in a process of its own (see :func:`main`): the lexicon is read by the app's
    slices as in a new session, not already in memory from the popup's part."""
    app = create_app(path, positions=PositionStore(state))
    wall: list[float] = []
    cpu: list[float] = []
    session = app.search
    original = session.analyse_some

    def timed(budget: float) -> bool:
        start, start_cpu = time.perf_counter(), time.thread_time()
        try:
            return original(budget)
        finally:
            wall.append(time.perf_counter() - start)
            cpu.append(time.thread_time() - start_cpu)

    session.analyse_some = timed  # type: ignore[method-assign]
    # the cyclic collector's passes: wall clock, processor time, generation
    collections: list[tuple[float, float, int]] = []
    began = [0.0, 0.0]

    def collector(phase: str, info: dict) -> None:
        if phase == "start":
            began[:] = time.perf_counter(), time.thread_time()
        else:
            collections.append((time.perf_counter() - began[0], time.thread_time() - began[1],
                                info["generation"]))

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        gc.callbacks.append(collector)
        await pilot.press("slash")  # the bar opened: the analysis starts
        await _until(pilot, lambda: session.words_ready, timeout=600)
        total = time.perf_counter() - started
        gc.callbacks.remove(collector)
    size = path.stat().st_size

    def figures(times: list[float]) -> str:
        ordered = sorted(times)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return (f"max {ms(ordered[-1])}, p99 {ms(p99)}, median {ms(statistics.median(ordered))}"
                f", over 16 ms: {sum(t > 0.016 for t in ordered)}")

    print(f"2. background analysis in the app, {size / 1e6:.2f} MB, the lexicon read anew "
          f"(target: no slice over 16 ms)")
    print(f"   {len(wall)} slices of {ANALYSIS_SLICE * 1000:.0f} ms every "
          f"{ANALYSIS_INTERVAL * 1000:.0f} ms, done in {total:.1f} s")
    print(f"   wall clock: {figures(wall)}")
    print(f"   processor time: {figures(cpu)}")
    long = [c for c in collections if c[0] > 0.002]
    print(f"   the cyclic collector meanwhile (in slices or between): {len(collections)} "
          f"passes, {len(long)} over 2 ms (wall / processor)" + (": " + ", ".join(
              f"{ms(w)} / {ms(c)} (gen. {g})" for w, c, g in long) if long else ""))
    worst = sorted(range(len(wall)), key=wall.__getitem__)[-5:]
    print("   the five longest (slice: wall / processor): " + ", ".join(
        f"{k}: {ms(wall[k])} / {ms(cpu[k])}" for k in sorted(worst)))


def main() -> None:
    state = Path(tempfile.mkdtemp())
    if len(sys.argv) == 3 and sys.argv[1] == "--background":
        asyncio.run(background(Path(sys.argv[2]), state))
        return
    asyncio.run(popup(state))
    sys.stdout.flush()
    path = Path(tempfile.mkdtemp()) / "generated.ar.txt"
    path.write_text("\n".join(generated_document()) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, __file__, "--background", str(path)], check=True)


if __name__ == "__main__":
    main()
