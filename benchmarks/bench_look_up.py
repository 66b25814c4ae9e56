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
3. Keys while that document is analysed (issue 26: "without a key ever taking more than
   16 ms"), in a new process again: ``j``, ``j``, ``k``, space, ``n`` (a search made first)
   sent every 40 ms as a terminal would, each timed in the app's loop from the moment
   the app takes it (its bindings checked) to the refresh after it, and from the moment
   it was sent (so a key waiting behind a slice or a collection counts); a loop-lag probe
   (a 1 ms sleep's lateness: the longest time the loop is blocked); the cyclic
   collector's passes, and which keys one fell in. Then the same keys, as many, once the
   analysis is done: the ratio, in the same run.
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
from textual import events  # noqa: E402

from reader.state.positions import PositionStore  # noqa: E402
from reader.ui.app import create_app  # noqa: E402
from reader.ui.decisions.input_first import INTERVAL, SLICE  # noqa: E402
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
    print(f"   {len(wall)} slices of {SLICE * 1000:.0f} ms every "
          f"{INTERVAL * 1000:.0f} ms, done in {total:.1f} s")
    print(f"   wall clock: {figures(wall)}")
    print(f"   processor time: {figures(cpu)}")
    long = [c for c in collections if c[0] > 0.002]
    print(f"   the cyclic collector meanwhile (in slices or between): {len(collections)} "
          f"passes, {len(long)} over 2 ms (wall / processor)" + (": " + ", ".join(
              f"{ms(w)} / {ms(c)} (gen. {g})" for w, c, g in long) if long else ""))
    worst = sorted(range(len(wall)), key=wall.__getitem__)[-5:]
    print("   the five longest (slice: wall / processor): " + ", ".join(
        f"{k}: {ms(wall[k])} / {ms(cpu[k])}" for k in sorted(worst)))


async def keys(path: Path, state: Path) -> None:
    """Run in a process of its own, as :func:`background`."""
    app = create_app(path, positions=PositionStore(state))
    session = app.search
    sent: list[float] = []  # when each key was sent
    taken: list[float] = []  # when the app took it
    drawn: list[float] = []  # the refresh after it
    handled: list[float] = []  # its handler done
    check = app._check_bindings
    slices: list[float] = []
    read_at: list[float] = []  # when the lexicon was read
    analyse = session.analyse_some

    def timed_slice(budget: float) -> bool:
        start = time.perf_counter()
        try:
            return analyse(budget)
        finally:
            slices.append(time.perf_counter() - start)
            if not read_at and session.look_up_ready:
                read_at.append(time.perf_counter())

    session.analyse_some = timed_slice  # type: ignore[method-assign]
    settling: list[float] = []
    freeze_settled = app.loading.freeze_settled

    def timed_settled(*, thaw: bool) -> None:
        start = time.perf_counter()
        freeze_settled(thaw=thaw)
        settling.append(time.perf_counter() - start)

    app.loading.freeze_settled = timed_settled  # type: ignore[method-assign]

    async def timed_check(key: str, priority: bool = False) -> bool:
        if priority:  # (checked twice: the priority bindings first)
            taken.append(time.perf_counter())
        try:
            return await check(key, priority)
        finally:
            if not priority:
                handled.append(time.perf_counter())
                app.screen.call_after_refresh(lambda: drawn.append(time.perf_counter()))

    collections: list[tuple[float, float, int]] = []  # start, end, generation
    began = [0.0]

    def collector(phase: str, info: dict) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            collections.append((began[0], time.perf_counter(), info["generation"]))

    lags: list[float] = []
    probing = [True]

    async def probe() -> None:
        while probing[0]:
            start = time.perf_counter()
            await asyncio.sleep(0.001)
            lags.append(time.perf_counter() - start - 0.001)

    sequence = ["j", "j", "k", "space", "n"]
    slowest: list[str] = []  # the slowest keys, during and after
    keys_began: list[float] = []

    async def press_while(pilot, going, limit: int) -> tuple[list[float], list[float], int]:
        sent.clear(), taken.clear(), drawn.clear(), lags.clear(), handled.clear()
        first = len(collections)
        probing[0] = True
        prober = asyncio.get_running_loop().create_task(probe())
        count = 0
        while going() and count < limit:
            key = sequence[count % len(sequence)]
            event = events.Key(key, " " if key == "space" else key)
            event.set_sender(app)
            sent.append(time.perf_counter())
            app._driver.send_message(event)
            count += 1
            await asyncio.sleep(0.04)
        # (a key whose refresh never came, if any, is left out: n is the shortest list)
        deadline = time.monotonic() + 5
        while len(drawn) < count and time.monotonic() < deadline:
            await pilot.pause(0.005)
        probing[0] = False
        await prober
        n = min(len(sent), len(taken), len(drawn))
        from_taken = [drawn[k] - taken[k] for k in range(n)]
        from_sent = [drawn[k] - sent[k] for k in range(n)]
        # the keys a collection over 2 ms fell in (between sent and drawn)
        hit = sum(any(start < drawn[k] and end > sent[k] and end - start > 0.002
                      for start, end, _g in collections[first:]) for k in range(n))
        worst = sorted(range(n), key=from_taken.__getitem__)[-4:]
        slowest.append(", ".join(
            f"{sequence[k % len(sequence)]} {ms(from_taken[k])} (its handler "
            f"{ms(handled[k] - taken[k])}) at {sent[k] - sent[0]:.1f} s"
            for k in reversed(worst)))
        return from_taken, from_sent, hit

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        word = next(w for w in path.read_text(encoding="utf-8").split() if len(w) > 3)
        # a search, so that n steps; the bar opened, the analysis starts (the keys sent
        # as a terminal would: pilot.press waits for the app to be idle, the analysis' end)
        for key, char in [("slash", "/"), *((c, c) for c in word), ("enter", "\r")]:
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)
            await asyncio.sleep(0.02)
        await _until(pilot, lambda: session.current is not None)
        # The first key 40 ms after Enter, as the others follow each other: sent at once, it
        # came within a frame of Enter's, and a frame waits for Textual's next beat (1/60 s).
        await asyncio.sleep(0.04)
        assert not session.words_ready, "the analysis was over before the keys"
        app._check_bindings = timed_check  # type: ignore[method-assign]
        gc.callbacks.append(collector)
        first = len(collections)
        keys_began.append(time.perf_counter())
        # 200 keys (8 s): the analysis gives way to keys (reader.ui.decisions.input_first), so
        # it would outlast keys sent until its end
        during_taken, during_sent, during_hit = await press_while(
            pilot, lambda: not session.words_ready, 200)
        during_lag = max(lags)
        during_collections = collections[first:]
        await _until(pilot, lambda: session.words_ready, timeout=600)
        first = len(collections)
        after_taken, after_sent, after_hit = await press_while(
            pilot, lambda: True, len(during_taken))
        after_lag = max(lags)
        after_collections = collections[first:]
        gc.callbacks.remove(collector)

    def figures(times: list[float]) -> str:
        ordered = sorted(times)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return (f"max {ms(ordered[-1])}, p99 {ms(p99)}, median {ms(statistics.median(ordered))}"
                f", over 16 ms: {sum(t > 0.016 for t in ordered)}")

    def passes(found: list[tuple[float, float, int]]) -> str:
        long = sorted((c for c in found if c[1] - c[0] > 0.002), key=lambda c: c[0] - c[1])
        return (f"{len(found)} passes, {len(long)} over 2 ms" + (
            ": " + ", ".join(f"{ms(e - s)} (gen. {g})" for s, e, g in long[:6]) if long else ""))

    print(f"3. keys (j j k space n, one every 40 ms) while {path.stat().st_size / 1e6:.2f} MB "
          f"is analysed, then as many once it is done (target: none over 16 ms)")
    print(f"   during, {len(during_taken)} keys, taken to drawn: {figures(during_taken)}")
    print(f"   during, sent to drawn: {figures(during_sent)}")
    print(f"   during, the loop blocked at most {ms(during_lag)}; the collector: "
          f"{passes(during_collections)}; keys one over 2 ms fell in: {during_hit}")
    print(f"   during, the slowest keys: {slowest[0]} (the lexicon read at "
          f"{read_at[0] - keys_began[0]:.1f} s)")
    print(f"   the slices meanwhile: {len(slices)}, the longest {ms(max(slices))}; the "
          f"freezes when settled (counting, analysis): {', '.join(ms(t) for t in settling)}")
    print(f"   after, {len(after_taken)} keys, taken to drawn: {figures(after_taken)}")
    print(f"   after, sent to drawn: {figures(after_sent)}")
    print(f"   after, the loop blocked at most {ms(after_lag)}; the collector: "
          f"{passes(after_collections)}; keys one over 2 ms fell in: {after_hit}")
    print(f"   after, the slowest keys: {slowest[1]}")
    print(f"   ratio during / after (taken to drawn): median "
          f"{statistics.median(during_taken) / statistics.median(after_taken):.2f}, max "
          f"{max(during_taken) / max(after_taken):.2f}")


def main() -> None:
    state = Path(tempfile.mkdtemp())
    if len(sys.argv) == 3 and sys.argv[1] == "--background":
        asyncio.run(background(Path(sys.argv[2]), state))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--keys":
        asyncio.run(keys(Path(sys.argv[2]), state))
        return
    if len(sys.argv) == 2 and sys.argv[1] == "--keys-only":
        from reader.text import morphology

        morphology.lexicon().load_some(float("inf"))
        path = Path(tempfile.mkdtemp()) / "generated.ar.txt"
        path.write_text("\n".join(generated_document()) + "\n", encoding="utf-8")
        subprocess.run([sys.executable, __file__, "--keys", str(path)], check=True)
        return
    asyncio.run(popup(state))
    sys.stdout.flush()
    path = Path(tempfile.mkdtemp()) / "generated.ar.txt"
    path.write_text("\n".join(generated_document()) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, __file__, "--background", str(path)], check=True)
    subprocess.run([sys.executable, __file__, "--keys", str(path)], check=True)


if __name__ == "__main__":
    main()
