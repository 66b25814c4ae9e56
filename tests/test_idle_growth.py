"""An idle app does not keep growing the collector's work (issue 27): what the background
counting of a big document made is taken out of the full collections' scans once done.
Figures: ``python scripts/idle_growth.py --big``."""

from __future__ import annotations

import gc
import random
from pathlib import Path

from reader.state.positions import PositionStore
from reader.text import clusters
from reader.text.clusters import WordShape
from reader.text.flow import EAGER_COUNT_CHARS
from reader.ui.app import create_app
from tests.waiting import wait_until


def _shapes_of(words: set[str]) -> list[WordShape]:
    """The shapes of ``words`` in the core's cache of shaped words."""
    return [shape for cache in clusters._WORDS.values() for word, shape in cache.items()
            if word in words]


def _walked(objects: list[WordShape]) -> int:
    """How many of ``objects`` the cyclic collector still walks (frozen ones it does not)."""
    walked = {id(o) for o in gc.get_objects() if type(o) is WordShape}
    return sum(id(o) in walked for o in objects)


def _big_text(tmp_path: Path, rng: random.Random, words: list[str]) -> Path:
    """A text of ``words`` too big to be counted at once: its lines are counted in the
    background (after the first screen, and again after each resize)."""
    paragraphs = []
    total = 0
    while total < EAGER_COUNT_CHARS * 2:
        paragraph = " ".join(rng.choices(words, k=rng.choice((5, 30, 120))))
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
    path = tmp_path / "big.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


async def test_the_background_countings_words_leave_the_collectors_scans(
    tmp_path: Path,
) -> None:
    rng = random.Random(27)
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    words = sorted({"".join(rng.choices(letters, k=6)) for _ in range(6000)})
    path = _big_text(tmp_path, rng, words)
    app = create_app(path, positions=PositionStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.pending is None, what="the rest of the file")
        article = app.article
        # A big document's counting outlasts the start-up (its freeze of what was built):
        # held here until then, whatever the machine's speed.
        counting = article.counting.timer
        assert counting is not None
        counting.pause()
        await wait_until(pilot, lambda: app.loading._frozen, what="the start-up freeze")
        counting.resume()
        await wait_until(pilot, lambda: article.flow is not None and article.flow.complete
                         and not article.counting.running, what="the line counts")
        shapes = _shapes_of(set(words))
        assert len(shapes) > 5000  # the counting shaped the document's words, and keeps them
        # made after the start-up freeze, then out of the full collections' scans too
        await wait_until(pilot, lambda: _walked(shapes) == 0, timeout=5,
                         what="the counted words frozen")


async def test_resizing_a_big_document_leaves_no_garbage_frozen(tmp_path: Path) -> None:
    """Each resize of a big document counts its lines again in the background, and the app
    freezes what the counting made (:meth:`Loading.freeze_settled`). What was frozen at the
    last width and became cyclic garbage since (the panel's strips and their caches, widgets'
    render state) is out of every collection's reach: frozen again, it stayed for good,
    about 1,300 objects a resize with the panel shown, no plateau. Counted here after
    warm-up: the collector's tracked objects, frozen ones included, must not grow."""
    rng = random.Random(24)
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    words = ["".join(rng.choices(letters, k=rng.randint(2, 7))) for _ in range(3000)]
    path = _big_text(tmp_path, rng, words)
    app = create_app(path, positions=PositionStore(tmp_path))
    settled = [0]
    freeze_settled = app.loading.freeze_settled

    def counting_settled(*, thaw: bool) -> None:
        freeze_settled(thaw=thaw)
        settled[0] += 1

    app.loading.freeze_settled = counting_settled  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.pending is None, what="the rest of the file")
        await wait_until(pilot, lambda: app.loading._frozen, what="the start-up freeze")
        await pilot.press("p")  # the panel shown: its lines are drawn again at each width
        tracked: list[int] = []
        for step, width in enumerate((100, 140, 90, 120) * 3):
            done = settled[0]
            await pilot.resize_terminal(width, 36)
            await wait_until(pilot, lambda done=done: settled[0] > done, timeout=30,
                             what=f"the counting at width {width}, frozen")
            if step % 4 == 3:  # a whole round of widths
                gc.collect()
                tracked.append(gc.get_freeze_count() + len(gc.get_objects()))
    # The first round warms Textual's caches up; then one round's worth of noise at most.
    assert max(tracked[1:]) - tracked[1] < 1000, tracked
