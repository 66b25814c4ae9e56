"""The blocked height index against a plain prefix sum, under random updates."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.heights import BLOCK, HeightIndex


def _naive_unit_at(heights: list[int], y: int) -> int:
    starts = [0, *accumulate(heights)]
    y = max(0, min(y, starts[-1] - 1))
    return bisect_right(starts, y) - 1


@settings(max_examples=200, deadline=None)
@given(
    heights=st.lists(st.integers(1, 9), min_size=1, max_size=3 * BLOCK + 5),
    updates=st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 9)), max_size=30),
    probes=st.lists(st.integers(-5, 30 * BLOCK), max_size=30),
)
def test_index_agrees_with_a_prefix_sum(heights, updates, probes) -> None:
    index = HeightIndex(list(heights))
    model = list(heights)

    def agree() -> None:
        starts = [0, *accumulate(model)]
        assert index.total == starts[-1]
        for probe in [*probes, starts[-1] - 1, starts[-1], 0]:
            assert index.unit_at(probe) == _naive_unit_at(model, probe)
        for unit in range(0, len(model) + 1, max(1, len(model) // 17)):
            assert index.line_of(unit) == starts[unit]

    agree()
    for position, height in updates:
        unit = position % len(model)
        assert index.set(unit, height) == (model[unit] != height)
        model[unit] = height
        agree()
    assert [index[u] for u in range(len(model))] == model


def test_empty_index() -> None:
    index = HeightIndex([])
    assert index.total == 0
    assert index.unit_at(5) == 0
    assert index.line_of(0) == 0


@settings(max_examples=200, deadline=None)
@given(
    estimates=st.lists(st.integers(1, 9), min_size=1, max_size=3 * BLOCK + 5),
    extras=st.lists(st.integers(0, 400), min_size=4, max_size=4),
    updates=st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 9)), max_size=20),
    probes=st.lists(st.integers(-5, 30 * BLOCK), max_size=30),
)
def test_estimated_blocks_are_made_where_looked_at_and_move_nothing(
    estimates, extras, updates, probes
) -> None:
    starts = range(0, len(estimates), BLOCK)
    totals = [sum(estimates[s : s + BLOCK]) + extras[i] for i, s in enumerate(starts)]
    made: list[int] = []

    def estimate(start: int, stop: int) -> list[int]:
        made.append(start)
        return estimates[start:stop]

    index = HeightIndex.estimated(len(estimates), totals, estimate)
    assert made == [] and index.total == sum(totals)
    answers = [index.unit_at(probe) for probe in probes]
    firsts = [index.line_of(s) for s in starts]
    assert len(made) <= len(starts)
    heights = [index[u] for u in range(len(estimates))]
    assert sorted(made) == list(starts)  # each block made once, when first used
    assert index.total == sum(totals)
    for i, s in enumerate(starts):
        assert sum(heights[s : s + BLOCK]) == totals[i]
    assert all(h >= e for h, e in zip(heights, estimates, strict=True))
    assert answers == [_naive_unit_at(heights, probe) for probe in probes]
    assert firsts == [sum(totals[:i]) for i in range(len(totals))]
    for position, height in updates:
        unit = position % len(heights)
        index.set(unit, height)
        heights[unit] = height
        assert index.total == sum(heights)
        for probe in probes:
            assert index.unit_at(probe) == _naive_unit_at(heights, probe)


def test_an_estimated_total_too_small_gives_way_to_the_estimates() -> None:
    index = HeightIndex.estimated(3, [2], lambda start, stop: [1, 2, 3][start:stop])
    assert index.total == 2
    assert index.line_of(2) == 3
    assert index.total == 6
