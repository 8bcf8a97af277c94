"""Rows and clusters within a lane: nothing drawn on top of anything else, nothing lost."""

import itertools

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


def test_a_hundred_thousand_events_are_laid_out_quickly() -> None:
    import time

    items = extents([((i * 7919) % 100000 * 0.02, 6) for i in range(100_000)])
    started = time.perf_counter()
    layout_lane(items, max_rows=8)
    assert time.perf_counter() - started < 2.0  # a generous bound; benchmarks measure it
