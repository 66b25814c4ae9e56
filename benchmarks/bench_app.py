"""The app at scale, headless (prints figures; nothing here is a test).

    python benchmarks/bench_app.py

For the bundled article (5 KB) and two 10 MB documents (the article repeated; a generated
mix of Arabic, Latin, numbers and long paragraphs), each in its own process:

* first frame: from loading the document to the end of the first frame that shows it ("in
  the app": composed and handed to the terminal), and from the process's launch
  (interpreter start and imports included: what a person waits for); the same for a
  minimal Textual app (one Static) as the baseline;
* app-side time of PgDn, End, a jump to a chapter (or to the middle of a document without
  chapters) and a search ``n`` (when search exists): CPU time of the key's handling and the
  frame it causes, less the CPU time of an unbound key (the pilot's own cost), median of
  repeats; and the first search typed (``/``, four letters, Enter), less the pilot's cost;
* when a book's exact line counts, then its search index, are ready in the background;
* a resize from 100x30 to 160x50: from Textual handing the screen its new size to the end
  of the first frame drawn at it, and the wall time from the terminal's event (which
  includes Textual's own 1/120 s wait, meant to fold a burst of resizes into one);
* peak resident memory of the process.

Targets on the project's 2-core machine: first frame on 10 MB within 1.5x of the article and
within 2x of the minimal app; each interaction <= 16 ms median; peak memory for 10 MB
<= 300 MB.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = 10_000_000
REPEATS = 15


def make_documents(folder: Path) -> dict[str, Path | None]:
    article = (ROOT / "content" / "article.ar.txt").read_text(encoding="utf-8")
    repeated = folder / "article-10MB.txt"
    repeated.write_text(article * (SIZE // len(article) + 1), encoding="utf-8")
    rng = random.Random(11)
    words = article.split()
    extra = ["OpenAI", "Tesla", "Roadster", "2024", "50%", "(مرحبا)", "«نص»", "١٢٣",
             "https://example.org/a", "reader", "bidi", "layout"]
    parts: list[str] = []
    total = 0
    while total < SIZE:
        n = rng.choice((5, 20, 60, 120, 400, 2000))
        paragraph = " ".join(rng.choice(words if rng.random() < 0.85 else extra)
                             for _ in range(n))
        parts.append(paragraph)
        total += len(paragraph) + 1
        if rng.random() < 0.2:
            parts.append("")
    mixed = folder / "mixed-10MB.txt"
    mixed.write_text("\n".join(parts), encoding="utf-8")
    return {"article (5 KB)": None, "article x 10 MB": repeated, "mixed 10 MB": mixed}


_DISPLAYED: list[float] = []  # perf_counter() at the end of each frame sent to the terminal


def _time_frames() -> None:
    """Note when each frame has been composed and handed to the terminal: a frame is over
    then, not when the first widget starts drawing."""
    from textual.app import App

    original = App._display

    def timed(app, *args, **kwargs):
        result = original(app, *args, **kwargs)
        _DISPLAYED.append(time.perf_counter())
        return result

    App._display = timed


async def _frame_after(began: float) -> float:
    """The end of the first frame that was still being drawn at ``began``."""
    while not any(end >= began for end in _DISPLAYED):
        await asyncio.sleep(0.001)
    return min(end for end in _DISPLAYED if end >= began)


def _epoch(perf: float) -> float:
    """A perf_counter() reading as wall-clock time, comparable across processes."""
    return time.time() - (time.perf_counter() - perf)


async def _minimal_first_frame() -> tuple[float, float]:
    from textual.app import App
    from textual.widgets import Static

    drawn: list[float] = []

    class Probe(Static):
        def render_lines(self, crop):
            if not drawn:
                drawn.append(time.perf_counter())
            return super().render_lines(crop)

    class Minimal(App):
        def compose(self):
            yield Probe("hello")

    _time_frames()
    start = time.perf_counter()
    app = Minimal()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        done = await _frame_after(drawn[0])
        return done - start, _epoch(done)


async def _measure(path: str | None) -> dict[str, float]:
    from reader.content.annotations.model import Span
    from reader.state.positions import PositionStore
    from reader.ui.app import SEARCH_AHEAD_CHARS, create_app

    results: dict[str, float] = {}
    _time_frames()
    with tempfile.TemporaryDirectory() as state:
        start = time.perf_counter()
        # The whole width (--measure 0): every line as long as it gets, and a resize that
        # always flows the text again, as before the measure existed.
        app = create_app(Path(path) if path else None, positions=PositionStore(Path(state)),
                         measure=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            while app.article.first_drawn_at is None:
                await pilot.pause(0.01)
            done = await _frame_after(app.article.first_drawn_at)
            results["first_frame_s"] = done - start
            results["first_frame_epoch"] = _epoch(done)
            results["layouts_before_first_frame"] = app.article.flow.layouts_made
            count_start = time.perf_counter()
            while not app.article.flow.complete:
                await pilot.pause(0.05)
            results["line_count_complete_s"] = time.perf_counter() - count_start
            # A book's search index is made in the background after the counts.
            index_start = time.perf_counter()
            if len(app.document.text) > SEARCH_AHEAD_CHARS:
                while app.search._index is None:
                    await pilot.pause(0.05)
                results["search_index_s"] = time.perf_counter() - index_start

            async def cpu_of(action) -> float:
                before = time.process_time()
                await action()
                await pilot.pause()
                return time.process_time() - before

            async def key(name: str):
                await pilot.press(name)

            baseline = statistics.median([await cpu_of(lambda: key("x")) for _ in range(REPEATS)])
            results["pilot_baseline_ms"] = baseline * 1000

            def net(samples: list[float]) -> float:
                return max(0.0, statistics.median(samples) - baseline) * 1000

            results["pgdn_ms"] = net([await cpu_of(lambda: key("pagedown"))
                                      for _ in range(REPEATS)])
            ends = []
            for _ in range(REPEATS):
                ends.append(await cpu_of(lambda: key("end")))
                await pilot.press("home")
                await pilot.pause()
            results["end_ms"] = net(ends)
            annotations = app.annotations
            jumps = []
            for index in range(REPEATS):
                if annotations is not None and annotations.chapters:
                    number = annotations.chapters[index % len(annotations.chapters)].number
                    jumps.append(await cpu_of(lambda number=number: key(str(number))))
                else:
                    middle = len(app.document.paragraphs) * (index + 1) // (REPEATS + 1)

                    async def jump(middle=middle):
                        app.navigation.jump_to_span(Span(middle, 0, 1))

                    jumps.append(await cpu_of(jump))
            results["chapter_jump_ms"] = net(jumps)
            if any(binding.key == "n" for binding in app.BINDINGS if hasattr(binding, "key")):
                searches = []
                keys = ["slash", *"ماسك", "enter"]
                typing = await cpu_of(lambda: pilot.press(*keys))
                results["first_search_ms"] = max(0.0, typing - len(keys) * baseline) * 1000
                results["first_search_keys"] = len(keys)
                for _ in range(REPEATS):
                    searches.append(await cpu_of(lambda: key("n")))
                results["search_n_ms"] = net(searches)
            # Resize. Textual waits 1/120 s after a terminal's resize before acting on it
            # (App._on_resize: a burst of resizes gives one relayout). Two figures: the
            # app's work, from Textual handing the screen its new size to the end of the
            # frame drawn at it; and the wall time from the event, that wait included.
            from textual.screen import Screen

            handled: list[tuple[float, float]] = []
            original = Screen._screen_resized

            def timed(screen, *args, **kwargs):
                begun = time.perf_counter()
                result = original(screen, *args, **kwargs)
                handled.append((begun, time.perf_counter()))
                return result

            Screen._screen_resized = timed
            works, walls = [], []
            for _ in range(7):
                narrow = app.article._ensure_flow().width  # the flow at the current size
                handled.clear()
                start = time.perf_counter()
                await pilot.resize_terminal(160, 50)
                deadline = start + 30
                while (app.article.last_drawn_at < start or app.article.flow.width == narrow) \
                        and time.perf_counter() < deadline:
                    await asyncio.sleep(0.001)
                first = min(at for at, width in app.article.recent_frames
                            if at >= start and width != narrow)
                begun, ended = next((b, e) for b, e in handled if b <= first <= e)
                works.append(ended - begun)
                walls.append(ended - start)
                await pilot.resize_terminal(100, 30)
                await pilot.pause()
            Screen._screen_resized = original
            results["resize_ms"] = statistics.median(works) * 1000
            results["resize_wall_ms"] = statistics.median(walls) * 1000
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def child(path: str | None) -> None:
    results = asyncio.run(_measure(path))
    print(json.dumps(results))


def child_minimal() -> None:
    first, epoch = asyncio.run(_minimal_first_frame())
    print(json.dumps({"first_frame_s": first, "first_frame_epoch": epoch,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_child(*args: str) -> dict[str, float]:
    """Run one measurement in a fresh interpreter; ``launch_s`` is from the process's start
    (interpreter, imports and all: what a person waits for) to its first frame."""
    launched = time.time()
    output = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                            check=True, timeout=600)
    results = json.loads(output.stdout.strip().splitlines()[-1])
    results["launch_s"] = results["first_frame_epoch"] - launched
    return results


def main() -> None:
    print(f"python {sys.version.split()[0]}; each document in its own process")
    minimal = run_child("--minimal")
    print(f"minimal Textual app: first frame {minimal['first_frame_s'] * 1000:.0f} ms "
          f"in the app, {minimal['launch_s'] * 1000:.0f} ms from launch; "
          f"peak {minimal['peak_rss_mb']:.0f} MB")
    with tempfile.TemporaryDirectory() as folder:
        documents = make_documents(Path(folder))
        first_article = launch_article = None
        for name, path in documents.items():
            r = run_child("--document", str(path) if path else "")
            first, launch = r["first_frame_s"], r["launch_s"]
            first_article = first_article or first
            launch_article = launch_article or launch
            line = (f"{name}: first frame {first * 1000:.0f} ms in the app "
                    f"({first / first_article:.2f}x article, "
                    f"{first / minimal['first_frame_s']:.2f}x minimal), "
                    f"{launch * 1000:.0f} ms from launch "
                    f"({launch / launch_article:.2f}x article, "
                    f"{launch / minimal['launch_s']:.2f}x minimal), "
                    f"{r['layouts_before_first_frame']:.0f} paragraphs laid out; "
                    f"exact line counts after {r['line_count_complete_s']:.2f} s; ")
            if "search_index_s" in r:
                line += f"search index ready {r['search_index_s']:.2f} s after that; "
            line += (f"PgDn {r['pgdn_ms']:.1f} ms, End {r['end_ms']:.1f} ms, "
                     f"jump {r['chapter_jump_ms']:.1f} ms, ")
            if "search_n_ms" in r:
                line += (f"first search {r['first_search_ms']:.1f} ms for its "
                         f"{r['first_search_keys']:.0f} keys, search n {r['search_n_ms']:.1f} ms, ")
            line += (f"resize {r['resize_ms']:.1f} ms ({r['resize_wall_ms']:.1f} ms with "
                     f"Textual's resize wait; pilot baseline {r['pilot_baseline_ms']:.1f} ms); "
                     f"peak {r['peak_rss_mb']:.0f} MB")
            print(line)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--document":
        child(sys.argv[2] or None)
    elif len(sys.argv) > 1 and sys.argv[1] == "--minimal":
        child_minimal()
    else:
        main()
