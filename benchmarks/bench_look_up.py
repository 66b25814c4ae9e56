"""The app's part of issue 26 (prints figures; nothing here is a test). Needs the optional
lexicon: pip install 'reader[arabic]'.

    python benchmarks/bench_look_up.py

1. The look-up popup on the bundled article, the lexicon read: for 30 words in a row (the
   word cursor, ``w``), the time from ``l`` to the popup built and mounted (the look-up, the
   screen and its lines laid out by the core), and to the refresh after it (the popup drawn),
   measured in the app's own loop from the moment it takes the key; the help's, for
   comparison (Textual's cost of a modal screen). Target: 50 ms.
2. The background analysis in the app on a 1 MB document (bench_morphology's generated
   one): every slice the timer runs, timed (a key waits at most one slice). Target: none
   over 16 ms.
"""

from __future__ import annotations

import asyncio
import statistics
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
from reader.ui.screens.look_up import LookUpScreen  # noqa: E402


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
        mounted_at: list[float] = []
        drawn_at: list[float] = []
        original = LookUpScreen.on_mount

        def on_mount(screen: LookUpScreen) -> None:
            original(screen)
            mounted_at.append(time.perf_counter())
            screen.call_after_refresh(lambda: drawn_at.append(time.perf_counter()))

        LookUpScreen.on_mount = on_mount  # type: ignore[method-assign]
        keyed: list[float] = []  # when the app took the key
        look_up = app.looking.look_up

        def timed_look_up(span=None) -> None:
            keyed.append(time.perf_counter())
            look_up(span)

        app.looking.look_up = timed_look_up  # type: ignore[method-assign]
        for _ in range(30):
            await pilot.press("w")
            await pilot.press("l")
            await _until(pilot, lambda: isinstance(app.screen, LookUpScreen) and drawn_at)
            start = keyed.pop()
            drawn.append(drawn_at.pop() - start)
            built.append(mounted_at.pop() - start)
            await pilot.press("escape")
            await _until(pilot, lambda: not isinstance(app.screen, LookUpScreen))
        LookUpScreen.on_mount = original  # type: ignore[method-assign]
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
    print(f"   l to popup mounted: median {ms(statistics.median(built))}, "
          f"max {ms(max(built))}")
    print(f"   l to the refresh after it (drawn): median "
          f"{ms(statistics.median(drawn))}, max {ms(max(drawn))}")
    print(f"   the help (?) in the same run, key to the refresh after it: median "
          f"{ms(statistics.median(help_drawn))} (ratio "
          f"{statistics.median(drawn) / statistics.median(help_drawn):.2f})")


async def background(state: Path) -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "generated.ar.txt"
    path.write_text("\n".join(generated_document()) + "\n", encoding="utf-8")
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
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("slash")  # the bar opened: the analysis starts
        await _until(pilot, lambda: session.words_ready, timeout=600)
        total = time.perf_counter() - started
    size = path.stat().st_size
    print(f"2. background analysis in the app, {size / 1e6:.2f} MB, slices of 5 ms every 20 ms")
    print(f"   {len(wall)} slices in {total:.1f} s; longest slice {ms(max(wall))} wall clock, "
          f"{ms(max(cpu))} processor time; over 16 ms (wall): "
          f"{sum(w > 0.016 for w in wall)}, processor time: {sum(c > 0.016 for c in cpu)}")
    worst = sorted(range(len(cpu)), key=cpu.__getitem__)[-5:]
    print("   the five longest in processor time (slice: wall / processor): " + ", ".join(
        f"{k}: {ms(wall[k])} / {ms(cpu[k])}" for k in sorted(worst)))


def main() -> None:
    state = Path(tempfile.mkdtemp())
    asyncio.run(popup(state))
    asyncio.run(background(state))


if __name__ == "__main__":
    main()
