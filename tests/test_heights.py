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
