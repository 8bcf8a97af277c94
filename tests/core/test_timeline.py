"""The timeline's data: lanes in the user's order, the table's filters, undated events, and a
lane's index answering what a view holds exactly as a scan of every item would."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.demo import write_demo
from timeline_app.core.model import Category, Event, FuzzyDate
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.core.timeline import (
    EVERYTHING,
    Lane,
    LaneIndex,
    TimelineFilter,
    TimelineItem,
    arrange,
    arrangement,
    span_length,
    timeline_filter,
    timeline_items,
    undated_items,
)


def item(
    key: int, first: float, length: float, *, lane: int = 0, important: bool = False, span=True
):
    return TimelineItem(
        key,
        first,
        first + length,
        lane,
        False,
        False,
        important,
        f"event {key}",
        ("", "", "", ""),
        span=span,
    )


items_strategy = st.lists(
    st.tuples(
        st.floats(0, 10_000),
        st.one_of(st.just(1 / 1440), st.floats(0.01, 2), st.floats(2, 800)),
        st.booleans(),
    ),
    max_size=300,
)


def indexed(specs: list[tuple[float, float, bool]]) -> LaneIndex:
    items = [item(k, first, length, important=key) for k, (first, length, key) in enumerate(specs)]
    items.sort(key=lambda i: (i.first, i.id))
    return LaneIndex(items)


def importance_in(lane: LaneIndex) -> Callable[[TimelineItem], tuple[bool, float, int]]:
    """Most important first: key events, then the longest spans, then the lane's order."""
    place = {id(i): n for n, i in enumerate(lane.items)}
    return lambda i: (not i.key, -span_length(i), place[id(i)])


@settings(max_examples=150, deadline=None)
@given(items_strategy, st.floats(-100, 10_000), st.floats(0.001, 3000), st.integers(1, 40))
def test_a_lane_index_answers_as_a_scan_of_every_item_would(
    specs: list[tuple[float, float, bool]], start: float, span: float, count: int
) -> None:
    lane = indexed(specs)
    end = start + span
    scanned = [i for i in lane.items if i.last >= start and i.first <= end]
    assert [i.id for i in lane.overlapping(start, end)] == [
        i.id for i in sorted(scanned, key=lambda i: (i.first, i.id))
    ]
    assert len(scanned) <= lane.most(start, end)
    assert [i.id for i in lane.top(start, end, count)] == [
        i.id for i in sorted(scanned, key=importance_in(lane))[:count]
    ]
    edges = [start + span * k / 7 for k in range(8)]
    assert lane.starts(edges) == [
        sum(1 for i in lane.items if a <= i.first < b) for a, b in itertools.pairwise(edges)
    ]


@settings(max_examples=150, deadline=None)
@given(
    items_strategy,
    st.floats(-100, 10_000),
    st.floats(0.001, 3000),
    st.integers(1, 40),
    st.sets(st.integers(0, 299)),
    st.booleans(),
    st.booleans(),
)
def test_a_searchs_top_items_are_its_hits_as_a_scan_would_pick_them(
    specs: list[tuple[float, float, bool]],
    start: float,
    span: float,
    count: int,
    hits: set[int],
    starting: bool,
    merged: bool,
) -> None:
    lane = indexed(specs)
    lane.fade(frozenset(hits))
    few = frozenset(sorted(hits)[:3])  # found by their starts, for lanes of 192 or more
    by_id = {i.id: i for i in lane.items}
    assert lane.hit_places(few, by_id) == lane.hit_places(few)
    if merged:  # the path for many hits in the window, whatever their number
        lane.FEW = -1
    end = start + span
    scanned = [
        i
        for i in lane.items
        if i.id in hits
        and i.last >= start
        and i.first <= end
        and (i.first >= start or not starting)
    ]
    assert [i.id for i in lane.top(start, end, count, starting=starting)] == [
        i.id for i in sorted(scanned, key=importance_in(lane))[:count]
    ]


def test_a_few_hits_are_found_by_their_starts_as_by_reading_the_whole_lane() -> None:
    items = [item(k, k // 7, 1 + k % 3) for k in range(2000)]  # seven events a day
    lane = LaneIndex(items)
    hits = frozenset({3, 700, 701, 1999, 5000})  # 5000: not in the lane
    found = lane.hit_places(hits, {i.id: i for i in items})
    assert found == lane.hit_places(hits) and list(found.places) == [3, 700, 701, 1999]


def test_key_events_rank_first_then_the_longest_spans() -> None:
    lane = LaneIndex(
        [
            item(1, 0, 1),
            item(2, 5, 300),
            item(3, 9, 1, important=True),
            item(4, 10, 20),
            item(5, 11, 365, span=False),  # "2011": once in that year, not a span
        ]
    )
    assert [i.id for i in lane.top(0, 100, 5)] == [3, 2, 4, 1, 5]
    assert lane.key_count == 1
    assert lane.find(3, 9).id == 3 and lane.find(3, 10) is None and lane.find(7, 9) is None


def test_faded_events_are_counted_but_never_picked_out() -> None:
    items = [item(k, k, 1) for k in range(10)]
    lane = LaneIndex(items, frozenset(range(1, 10, 2)))
    assert lane.fades(items[0]) and not lane.fades(items[1])
    assert lane.starts([0, 10]) == [10]
    assert lane.starts([0, 10], hits=True) == [5]
    assert [i.id for i in lane.top(0, 10, 10)] == [1, 3, 5, 7, 9]
    lane.fade(None)
    assert len(lane.top(0, 10, 10)) == 10 and lane.starts([0, 10], hits=True) == [10]


def test_a_million_items_are_indexed_and_looked_up() -> None:
    # Not a speed test: a check that nothing in the index is quadratic.
    items = [item(k, k * 0.01, 0.5 if k % 3 else 40) for k in range(200_000)]
    lane = LaneIndex(items)
    assert len(lane.top(500, 501, 5)) == 5
    assert sum(lane.starts([0, 1000, 2000])) == 200_000


def test_lanes_follow_the_users_order_and_empty_ones_are_left_out() -> None:
    lanes = [Lane("Contract", ""), Lane("Security", ""), Lane("Staffing", ""), Lane("(none)", "")]
    items = [item(1, 0, 1, lane=0), item(2, 1, 1, lane=3), item(3, 2, 1, lane=1)]
    shown, grouped = arrange(items, lanes, order=["(none)", "Contract"])
    assert [lane.label for lane in shown] == ["(none)", "Contract", "Security"]
    assert [[i.id for i in g] for g in grouped] == [[2], [1], [3]]
    shown, _ = arrange(items, lanes, empty_lanes=True)
    assert [lane.label for lane in shown] == ["Contract", "Security", "Staffing", "(none)"]
    # Filtered out: its lane empties and goes; a search fades what it did not find.
    shown, grouped = arrange(items, lanes, shown=TimelineFilter(frozenset({1, 3}), frozenset({3})))
    assert [lane.label for lane in shown] == ["Contract", "Security"]
    assert [[i.id for i in g] for g in grouped] == [[1], [3]]
    arranged = arrangement(items, lanes, [], shown=TimelineFilter(None, frozenset({3})))
    assert [(i.id, arranged.fades(i.id)) for i in arranged.items] == [
        (1, True),
        (2, True),
        (3, False),
    ]
    assert not any(map(arrangement(items, lanes, []).fades, [1, 2, 3]))


@pytest.fixture
def demo(tmp_path: Path) -> CaseStore:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        yield store


def test_the_timeline_follows_the_tables_filters_and_search(demo: CaseStore) -> None:
    assert timeline_filter(demo, None) == EVERYTHING
    assert timeline_filter(demo, EventFilter()) == EVERYTHING
    key_only = timeline_filter(demo, EventFilter(key_only=True))
    assert key_only.hits is None
    assert key_only.members == frozenset(e.id for e in demo.events() if e.key)
    search = timeline_filter(demo, EventFilter(text="SharePoint"))
    assert search.members is None  # a search alone hides nothing: it picks out
    assert search.hits == frozenset(demo.event_ids(EventFilter(text="SharePoint")))
    assert 0 < len(search.hits) < demo.count_events()
    window = EventFilter(text="claim", date_from=dt.date(2019, 1, 1))
    both = timeline_filter(demo, window)
    assert both.members == frozenset(demo.event_ids(EventFilter(date_from=dt.date(2019, 1, 1))))
    assert both.hits == frozenset(demo.event_ids(window))


def test_undated_events_are_listed_key_ones_first(demo: CaseStore) -> None:
    undated = undated_items(demo)
    titles = [u.title for u in undated]
    assert len(undated) == 10
    assert "IT Health Check failed" in titles
    assert [u.key for u in undated] == sorted((u.key for u in undated), reverse=True)
    dated, _ = timeline_items(demo)
    assert not {u.id for u in undated} & {i.id for i in dated}


def test_spans_are_told_from_uncertain_dates(tmp_path: Path) -> None:
    with CaseStore.create(tmp_path / "spans.case") as store:
        store.add_category(Category("Outage", "#00a651"))
        day = dt.date(2018, 3, 1)
        store.add_events(
            [
                Event("a month", date=FuzzyDate(day, dt.date(2018, 3, 31), "month")),
                Event(
                    "a span",
                    date=FuzzyDate(day, day, "day"),
                    end=FuzzyDate(dt.date(2018, 5, 1), dt.date(2018, 5, 1), "day"),
                ),
            ]
        )
        items, _ = timeline_items(store)
    assert {i.title: i.span for i in items} == {"a month": False, "a span": True}
