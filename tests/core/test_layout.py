"""Rows and clusters within a lane: nothing drawn on top of anything else, nothing lost."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.layout import Extent, layout_lane, stack


def extents(spans: list[tuple[float, float]]) -> list[Extent]:
    return sorted((Extent(i, a, a + w) for i, (a, w) in enumerate(spans)), key=lambda e: e.x0)


def test_stacking_puts_overlaps_in_new_rows_and_reuses_free_ones() -> None:
    rows, count = stack(extents([(0, 50), (10, 50), (100, 10), (20, 5)]), gap=4)
    assert count == 3
    assert rows[0] == 0 and rows[1] == 1 and rows[3] == 2
    assert rows[2] == 0  # the first row is free again at x=100


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 2000), st.floats(1, 300)), max_size=80), st.integers(1, 6))
def test_no_two_drawn_events_overlap_and_every_event_is_somewhere(
    spans: list[tuple[float, float]], max_rows: int
) -> None:
    items = extents(spans)
    placed = layout_lane(items, max_rows, gap=4)
    by_key = {e.key: e for e in items}
    clustered = [k for c in placed.clusters for k in c.keys]
    assert sorted(list(placed.rows) + clustered) == sorted(by_key)
    assert all(row < max_rows for row in placed.rows.values())
    for row in range(max_rows):
        in_row = sorted((by_key[k] for k, r in placed.rows.items() if r == row), key=lambda e: e.x0)
        for a, b in itertools.pairwise(in_row):
            assert a.x1 + 4 <= b.x0
    for cluster in placed.clusters:
        assert cluster.count >= 2
        assert all(by_key[k].x0 >= cluster.x0 and by_key[k].x1 <= cluster.x1 for k in cluster.keys)


def test_a_dense_stretch_becomes_one_badge_with_its_count() -> None:
    items = extents([(i * 0.5, 6) for i in range(1000)])  # 1,000 events within 500 pixels
    placed = layout_lane(items, max_rows=4)
    assert placed.row_count == 4
    assert sum(c.count for c in placed.clusters) + len(placed.rows) == 1000
    assert len(placed.clusters) == 1


class CountedFloat(float):
    """A pixel position that counts how often it is compared: a layout's work, measured exactly."""

    comparisons = 0

    def __add__(self, other: float) -> CountedFloat:
        return CountedFloat(float(self) + other)

    __radd__ = __add__
    __hash__ = float.__hash__


def _counting(name: str):
    compare = getattr(float, name)

    def counted(self: float, other: object) -> bool:
        CountedFloat.comparisons += 1
        return compare(self, other)

    return counted


for _name in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__"):
    setattr(CountedFloat, _name, _counting(_name))


def dense_stretch(n: int) -> list[Extent]:
    """Point events packed 50 to a pixel (hundreds of rows needed): one long badge."""
    return extents([((i * 7919) % n * 0.02, 6) for i in range(n)])


def groups_and_loners(n: int) -> list[Extent]:
    """Alternately three events on top of each other (a badge of two beyond the first row) and
    two (the one beyond is alone, so it is drawn after all)."""
    spans = []
    for group in range(n // 5):
        x = group * 60.0
        spans += [(x + dx, 8) for dx in (0, 1, 2, 30, 31)]
    return extents(spans)


def comparisons(items: list[Extent], max_rows: int) -> tuple[int, int]:
    """Comparisons of positions the layout makes, and how many events it accounted for."""
    counted = [Extent(e.key, CountedFloat(e.x0), CountedFloat(e.x1)) for e in items]
    CountedFloat.comparisons = 0
    placed = layout_lane(counted, max_rows)
    accounted = len(placed.rows) + sum(c.count for c in placed.clusters)
    return CountedFloat.comparisons, accounted


@pytest.mark.parametrize(
    ("shape", "max_rows"), [(dense_stretch, 8), (groups_and_loners, 2)], ids=["dense", "loners"]
)
def test_layout_work_per_event_barely_grows_with_the_lane(shape, max_rows: int) -> None:
    # The speed of a 100,000-event lane rests on the work being O(n log n): four times the
    # events may cost a little more than four times the comparisons, never sixteen times.
    # (benchmarks/bench_timeline.py measures the time of whole frames.)
    small, small_accounted = comparisons(shape(2_000), max_rows)
    large, large_accounted = comparisons(shape(8_000), max_rows)
    assert (small_accounted, large_accounted) == (2_000, 8_000)
    assert large / 8_000 <= 1.5 * small / 2_000, (small, large)


def test_a_hundred_thousand_events_are_all_placed_or_counted() -> None:
    placed = layout_lane(dense_stretch(100_000), max_rows=8)
    assert placed.row_count == 8
    assert len(placed.rows) + sum(c.count for c in placed.clusters) == 100_000
