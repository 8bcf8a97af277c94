"""Label placement and exhibit callouts: nothing overlaps, the important win, panning is calm.

Every check here rebuilds what was drawn from the placement alone (marker boxes, label boxes
and leader lines, row by row) and tests it with plain interval arithmetic, not with the code
under test.
"""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.layout import (
    GAP,
    INDENT,
    MIN_LABEL,
    PAD,
    Callout,
    Mark,
    Placed,
    place,
    place_callouts,
)

ROWS = 6


def drawn(
    marks: list[Mark], placed: dict[int, Placed]
) -> dict[int, list[tuple[float, float, str]]]:
    """Every row's occupied stretches: (start, end, what) for markers, labels and leaders."""
    by_key = {m.key: m for m in marks}
    rows: dict[int, list[tuple[float, float, str]]] = {}
    for key, spot in placed.items():
        mark = by_key[key]
        rows.setdefault(spot.row, []).append((mark.x0, mark.x1, f"marker {key}"))
        if spot.labelled and not spot.inside:
            if spot.leader:
                for row in range(spot.row + 1, spot.label_row):
                    rows.setdefault(row, []).append(
                        (spot.leader_x - 1, spot.leader_x + 1, f"leader {key}")
                    )
                rows.setdefault(spot.label_row, []).append(
                    (spot.leader_x - 1, spot.label_x1, f"label {key}")
                )
            else:
                rows.setdefault(spot.row, []).append((spot.label_x0, spot.label_x1, f"label {key}"))
    return rows


def overlaps(rows: dict[int, list[tuple[float, float, str]]]) -> list[tuple[str, str]]:
    """Pairs of things on one row closer than a hair (a marker and its own label touch)."""
    found = []
    for stretches in rows.values():
        for (a0, a1, a), (b0, b1, b) in itertools.combinations(stretches, 2):
            if a0 < b1 - 1e-6 and b0 < a1 - 1e-6:
                found.append((a, b))
    return found


marks_strategy = st.lists(
    st.tuples(
        st.floats(0, 1500),  # start
        st.floats(8, 400),  # marker length
        st.floats(0, 260),  # label width (0: none)
        st.integers(0, 3),  # importance class
    ),
    max_size=60,
)


def as_marks(specs: list[tuple[float, float, float, int]]) -> list[Mark]:
    return [
        Mark(key, x0, x0 + length, label, rank * 1000 + key)
        for key, (x0, length, label, rank) in enumerate(specs)
    ]


def test_a_label_sits_beside_its_marker_when_there_is_room() -> None:
    placement = place([Mark(1, 100, 108, 120)], ROWS)
    spot = placement.placed[1]
    assert (spot.row, spot.label_row, spot.leader, spot.elided) == (0, 0, False, False)
    assert spot.label_x0 == 108 + PAD and spot.label_x1 == 108 + PAD + 120
    assert placement.rows == 1


def test_a_marker_moves_down_to_keep_its_label_beside_it() -> None:
    # Event 2 is already on the top row just after event 1: 1 goes to the next row whole.
    marks = [Mark(1, 100, 108, 150, rank=0), Mark(2, 130, 138, 0, rank=1)]
    one = place(marks, ROWS, pinned={2: Placed(2, 0)}).placed[1]
    assert (one.row, one.label_row, one.leader, one.elided) == (1, 1, False, False)


def test_a_blocked_label_goes_to_the_nearest_free_row_below_with_a_leader() -> None:
    # Row 0: event 2 right after event 1, so 1's label cannot follow its marker there.
    # Row 1: event 3 ends just where 1's marker would go, but leaves room for a label.
    marks = [
        Mark(1, 100, 108, 150, rank=0),
        Mark(2, 130, 138, 0, rank=1),
        Mark(3, 60, 99, 0, rank=2),
    ]
    pinned = {2: Placed(2, 0), 3: Placed(3, 1)}
    placement = place(marks, 2, pinned=pinned, left=0)  # and no room before it
    one = placement.placed[1]
    assert (one.row, one.label_row, one.leader, one.elided) == (0, 1, True, False)
    assert one.label_x0 == one.leader_x + INDENT
    assert not overlaps(drawn(marks, placement.placed))


def test_a_label_is_elided_only_when_no_row_holds_it_whole() -> None:
    marks = [Mark(1, 0, 8, 300, rank=0), Mark(2, 100, 108, 0, rank=1)]
    pinned = {2: Placed(2, 0)}
    # One row: no room below, so the label is cut before event 2.
    squeezed = place(marks, 1, pinned=pinned, left=0).placed[1]
    assert squeezed.elided and squeezed.label_x1 <= 100 - GAP
    # Two rows: the whole label fits below, so it is not elided.
    whole = place(marks, 2, pinned=pinned, left=0).placed[1]
    assert not whole.elided and whole.label_row == 1


def test_key_events_win_the_places_then_the_selected_then_the_longest() -> None:
    # Three events at the same moment, one row: only the first placed keeps a label.
    def winner(ranks: dict[int, int]) -> int:
        marks = [Mark(key, 50, 58, 200, rank) for key, rank in ranks.items()]
        placement = place(marks, 1)
        labelled = [k for k, p in placement.placed.items() if p.labelled]
        return labelled[0] if len(labelled) == 1 else -1

    assert winner({1: 2, 2: 0, 3: 1}) == 2
    assert winner({1: 0, 2: 1, 3: 2}) == 1


def test_a_bar_long_enough_holds_its_label_inside() -> None:
    spot = place([Mark(1, 0, 500, 120)], ROWS).placed[1]
    assert spot.inside and spot.row == spot.label_row == 0
    assert spot.label_x0 > 0 and spot.label_x1 <= 500


def test_markers_that_do_not_fit_are_dropped_and_the_rest_placed_compactly() -> None:
    marks = [Mark(key, 10, 18, 100, key) for key in range(5)]
    placement = place(marks, 3)
    assert sorted(placement.dropped) == [3, 4]  # the least important
    assert sorted(p.row for p in placement.placed.values()) == [0, 1, 2]


def test_optional_markers_give_way_without_upsetting_the_others() -> None:
    marks = [Mark(1, 10, 18, 100, 0), Mark(2, 10, 18, 100, 1), Mark(3, 0, 900, 50, 2)]
    placement = place(marks, 2, optional={3})
    assert placement.dropped == [3] and not placement.markers_first
    assert all(placement.placed[k].labelled for k in (1, 2))


def test_at_a_pictures_edge_a_label_goes_before_its_marker_or_is_cut_there() -> None:
    spot = place([Mark(1, 900, 908, 300)], ROWS, right=1000).placed[1]
    assert spot.left and not spot.elided and spot.label_x1 <= 900
    cut = place([Mark(1, 900, 908, 300)], ROWS, right=1000, left=700).placed[1]
    assert cut.elided and not cut.left and cut.label_x1 <= 1000


@settings(max_examples=300, deadline=None)
@given(marks_strategy, st.integers(1, 8))
def test_nothing_overlaps_and_every_event_is_placed_or_said_to_be_dropped(
    specs: list[tuple[float, float, float, int]], rows: int
) -> None:
    marks = as_marks(specs)
    placement = place(marks, rows, right=1800, left=-50)
    assert sorted([*placement.placed, *placement.dropped]) == sorted(m.key for m in marks)
    assert not overlaps(drawn(marks, placement.placed))
    for mark in marks:
        spot = placement.placed.get(mark.key)
        if spot is None:
            continue
        assert 0 <= spot.row < rows and spot.label_row < rows
        if spot.labelled:
            assert spot.label_row >= spot.row  # on its row or below, never above
            assert spot.label_x1 - spot.label_x0 <= mark.label + 1e-6
            assert spot.label_x1 - spot.label_x0 >= min(mark.label, MIN_LABEL) - 1e-6
            assert spot.elided == (spot.label_x1 - spot.label_x0 < mark.label - 1e-6)
            assert spot.label_x1 <= 1800 + 1e-6 and spot.label_x0 >= -50 - 1e-6
    # Markers keep a gap between them.
    markers = {}
    for key, spot in placement.placed.items():
        markers.setdefault(spot.row, []).append(next(m for m in marks if m.key == key))
    for row_marks in markers.values():
        row_marks.sort(key=lambda m: m.x0)
        for a, b in itertools.pairwise(row_marks):
            assert a.x1 + GAP <= b.x0 + 1e-6


def whole_place_existed(
    mark: Mark, before: list[Mark], placed: dict[int, Placed], rows: int
) -> bool:
    """Whether, with only the more important events drawn, the mark's marker and its whole
    label had a place (beside it, or below it with a free way down for the leader)."""
    occupied = drawn(before, {m.key: placed[m.key] for m in before if m.key in placed})

    def free(row: int, a: float, b: float) -> bool:
        return all(b <= s or a >= e for s, e, _ in occupied.get(row, []))

    for row in range(rows):
        if not free(row, mark.x0 - GAP, mark.x1 + GAP):
            continue
        start = mark.x1 + PAD
        if free(row, start - PAD / 2, start + mark.label + GAP):
            return True
        before = mark.x0 - PAD - mark.label
        if free(row, before - GAP, mark.x0 - PAD / 2):
            return True
        x = mark.x0 + min(2.0, (mark.x1 - mark.x0) / 2)
        for below in range(row + 1, rows):
            way = all(free(r, x - 2, x + 2) for r in range(row + 1, below))
            if way and free(below, x - GAP / 2, x + INDENT + mark.label + GAP):
                return True
    return False


@settings(max_examples=200, deadline=None)
@given(marks_strategy, st.integers(1, 6))
def test_a_label_is_elided_or_left_out_only_if_the_more_important_left_it_no_whole_place(
    specs: list[tuple[float, float, float, int]], rows: int
) -> None:
    marks = as_marks(specs)
    placement = place(marks, rows)
    if placement.markers_first:
        return  # every marker was placed before any label: their rows are not labels' to win
    ordered = sorted(marks, key=lambda m: (m.rank, m.x0, m.key))
    for position, mark in enumerate(ordered):
        spot = placement.placed[mark.key]
        if mark.label > 0 and (not spot.labelled or spot.elided):
            assert not whole_place_existed(mark, ordered[:position], placement.placed, rows)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 6000), st.floats(8, 300), st.floats(0, 220)), max_size=120),
    st.floats(0, 3000),
    st.floats(-400, 400),
)
def test_panning_never_moves_a_label_that_was_on_screen(
    specs: list[tuple[float, float, float]], view_start: float, pan: float
) -> None:
    everything = [
        Mark(key, x0, x0 + length, label, (key * 7919) % 97)
        for key, (x0, length, label) in enumerate(specs)
    ]
    width, margin = 1200.0, 300.0

    def frame(start: float, pinned: dict[int, Placed]) -> dict[int, Placed]:
        window = [
            m for m in everything if m.x1 >= start - margin and m.x0 <= start + width + margin
        ]
        return place(window, 8, pinned=pinned).placed

    first = frame(view_start, {})
    on_screen = {
        key: spot
        for key, spot in first.items()
        if max(spot.label_x1, next(m.x1 for m in everything if m.key == key)) >= view_start
        and next(m.x0 for m in everything if m.key == key) <= view_start + width
    }
    second = frame(view_start + pan, on_screen)
    for key, spot in on_screen.items():
        if key in second:
            assert second[key] == spot


def test_the_same_events_are_placed_the_same_way_every_time() -> None:
    marks = as_marks([(i * 37 % 900, 8 + i % 50, 60 + i * 13 % 150, i % 3) for i in range(80)])
    assert place(marks, 5) == place(list(reversed(marks)), 5)


# ---------------------------------------------------------------------------- callouts


callout_strategy = st.lists(
    st.tuples(st.floats(0, 1000), st.floats(40, 220), st.floats(20, 60)), max_size=30
)


@settings(max_examples=300, deadline=None)
@given(callout_strategy, st.integers(1, 4), st.integers(1, 4))
def test_callouts_never_overlap_and_no_leader_crosses_a_callout(
    specs: list[tuple[float, float, float]], above: int, below: int
) -> None:
    callouts = [Callout(k, x, w, h) for k, (x, w, h) in enumerate(specs)]
    placed, missing = place_callouts(
        callouts, left=0, right=1000, levels_above=above, levels_below=below, gap=8, margin=6
    )
    assert sorted([p.key for p in placed] + missing) == list(range(len(callouts)))
    by_key = {c.key: c for c in callouts}
    for spot in placed:
        callout = by_key[spot.key]
        assert spot.level < (above if spot.side < 0 else below)
        assert spot.left >= -1e-6 and spot.left + callout.width <= 1000 + 1e-6
        assert spot.left - 1e-6 <= callout.x <= spot.left + callout.width + 1e-6
    for a, b in itertools.combinations(placed, 2):
        if (a.side, a.level) == (b.side, b.level):
            a1, b1 = a.left + by_key[a.key].width, b.left + by_key[b.key].width
            assert a1 + 8 <= b.left + 1e-6 or b1 + 8 <= a.left + 1e-6
        # A leader runs from the axis to its box through the levels nearer the axis.
        for near, far in ((a, b), (b, a)):
            if near.side == far.side and near.level < far.level:
                x = by_key[far.key].x
                assert not (near.left < x < near.left + by_key[near.key].width)


def test_callouts_alternate_sides_and_say_which_found_no_room() -> None:
    spread = [Callout(k, 100 + 200 * k, 150, 40) for k in range(5)]
    placed, missing = place_callouts(spread, left=0, right=1000, levels_above=2, levels_below=2)
    assert [(p.side, p.level) for p in placed] == [(-1, 0), (1, 0), (-1, 0), (1, 0), (-1, 0)]
    assert missing == [] and math.isclose(placed[2].left, 425)  # centred on its date
    # On one date, a leader would cross the callout nearer the axis: one a side, no more.
    same = [Callout(k, 500, 200, 40) for k in range(3)]
    placed, missing = place_callouts(same, left=0, right=1000, levels_above=2, levels_below=2)
    assert [(p.side, p.level) for p in placed] == [(-1, 0), (1, 0)] and missing == [2]
