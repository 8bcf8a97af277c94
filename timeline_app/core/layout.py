"""Where the timeline's markers and labels go, and where an exhibit's callouts go.

Pure maths over extents in pixels (or points): the widgets measure text and draw what these
functions return. Two problems, one habit: the most important things are placed first, and
nothing placed is ever overlapped by anything placed after it.

- :func:`place` puts each event of a lane on a row (its *marker*: a bar or a box), and its
  label on the marker's row just after it, or on the nearest free row below with a leader
  line down from the marker. A label is elided only when no place holds it whole. Markers
  already on screen can be *pinned*, so panning never moves them or their labels.
- :func:`place_callouts` puts an exhibit's callouts above and below one axis, each joined to
  its date by a straight leader that crosses no other callout.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# ------------------------------------------------------------------------ lanes: markers, labels


@dataclass(frozen=True, slots=True)
class Mark:
    """One event to place: its marker's extent, its label's whole width, and its rank.

    Attributes:
        key: the event's id (anything hashable and unique in the lane would do).
        x0: where the marker starts (pixels; any origin, as long as it is the same for all).
        x1: where it ends (``x1 > x0``; a point event is given a minimum width by the caller).
        label: the width of the whole label in pixels; 0 for an event that wants none.
        rank: lower is more important: placed first, so it wins the places it wants.

    """

    key: int
    x0: float
    x1: float
    label: float = 0.0
    rank: float = 0


@dataclass(frozen=True, slots=True)
class Placed:
    """Where one event went.

    Attributes:
        key: the event's id.
        row: its marker's row (0 is the top row of the lane).
        label_row: its label's row, or -1 when there was no room for even an elided label.
        label_x0: where the label's text starts.
        label_x1: where it ends; less than ``label_x0 + mark.label`` when elided.
        elided: whether the label is shorter than the whole label.
        leader_x: where the leader line drops from the marker (when ``label_row > row``).
        inside: the label is written inside its marker (a bar longer than the label).
        left: the label is on the marker's row before it (no room after it, as at the
            right edge of a picture).

    """

    key: int
    row: int
    label_row: int = -1
    label_x0: float = 0.0
    label_x1: float = 0.0
    elided: bool = False
    leader_x: float = 0.0
    inside: bool = False
    left: bool = False

    @property
    def labelled(self) -> bool:
        """Whether the label is drawn at all."""
        return self.label_row >= 0

    @property
    def leader(self) -> bool:
        """Whether the label moved below its marker (and a leader line joins them)."""
        return self.label_row > self.row


@dataclass(slots=True)
class Placement:
    """What :func:`place` decided for a lane.

    Attributes:
        placed: where each placed event went, by key.
        rows: how many rows the markers, labels and leaders use.
        dropped: keys whose marker found no row within the limit (the caller shows the
            stretch as a density strip instead, or leaves them out of a highlight).
        markers_first: the markers were placed before any label, because placing each
            marker with its label left some markers without a row.

    """

    placed: dict[int, Placed] = field(default_factory=dict)
    rows: int = 0
    dropped: list[int] = field(default_factory=list)
    markers_first: bool = False


GAP = 4.0
"""The least space between two things on a row."""
PAD = 3.0
"""Between a marker and its label on the same row."""
INDENT = 5.0
"""Between a leader line and the label it leads to."""
MIN_LABEL = 36.0
"""A label is not drawn narrower than this (a few letters and an ellipsis)."""
ELIDED_SLACK = 24.0
"""An elided label stays on a nearer row unless one further down gives it this much more."""


class _Row:
    """The occupied stretches of one row: disjoint, sorted, kept as two parallel lists."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []

    def free(self, a: float, b: float) -> bool:
        """Whether nothing occupies any of the open stretch (a, b)."""
        index = bisect.bisect_right(self.ends, a)
        return index == len(self.starts) or self.starts[index] >= b

    def room(self, a: float, before: float, after: float, limit: float) -> float:
        """How wide a thing starting at ``a`` may be, up to ``limit``; <= 0 if ``a`` is taken.

        ``before`` is kept clear after what ends before ``a``, ``after`` before what follows.
        """
        index = bisect.bisect_right(self.ends, a - before)
        if index < len(self.starts):
            if self.starts[index] <= a:
                return 0.0
            limit = min(limit, self.starts[index] - after)
        return limit - a

    def take(self, a: float, b: float) -> None:
        """Occupy [a, b] (the caller has checked it is free)."""
        index = bisect.bisect_right(self.ends, a)
        self.starts.insert(index, a)
        self.ends.insert(index, b)


class _Lane:
    """The rows of a lane while it is being placed."""

    def __init__(self, rows: int, gap: float, right: float, left: float = -math.inf) -> None:
        self.rows = [_Row() for _ in range(rows)]
        self.gap = gap
        self.right = right
        self.left = left
        self.used = 0

    def marker_free(self, row: int, mark: Mark) -> bool:
        return self.rows[row].free(mark.x0 - self.gap, mark.x1 + self.gap)

    def same_row_label(self, row: int, mark: Mark) -> tuple[float, float]:
        """(start, room) of a label on the marker's own row, just after the marker."""
        start = mark.x1 + PAD
        # The own marker ends PAD before: only others (GAP from their markers) can be in the way.
        room = self.rows[row].room(start, PAD / 2, self.gap, self.right)
        return start, room

    def left_label(self, row: int, mark: Mark) -> float | None:
        """Where a whole label starts on the marker's row before the marker, or None."""
        start = mark.x0 - PAD - mark.label
        if start < self.left or not self.rows[row].free(start - self.gap, mark.x0 - PAD / 2):
            return None
        return start

    def leader_x(self, mark: Mark) -> float:
        return mark.x0 + min(2.0, (mark.x1 - mark.x0) / 2)

    def below_label(self, row: int, below: int, mark: Mark) -> tuple[float, float]:
        """(start, room) of a label on row ``below`` (> row), reached by a leader.

        The room is 0 when the leader's way down is blocked.
        """
        x = self.leader_x(mark)
        for between in range(row + 1, below):
            if not self.rows[between].free(x - 2, x + 2):
                return 0.0, 0.0
        start = x + INDENT
        if not self.rows[below].free(x - self.gap / 2, start):
            return start, 0.0
        return start, self.rows[below].room(start, self.gap, self.gap, self.right)

    def take_marker(self, row: int, mark: Mark) -> None:
        self.rows[row].take(mark.x0, mark.x1)
        self.used = max(self.used, row + 1)

    def take_label(self, row: int, label_row: int, mark: Mark, x0: float, x1: float) -> float:
        """Occupy the label (and its leader); returns the leader's x."""
        x = self.leader_x(mark)
        if label_row == row:
            self.rows[row].take(x0, x1)
        else:
            for between in range(row + 1, label_row):
                self.rows[between].take(x - 1, x + 1)
            self.rows[label_row].take(x - 1, x1)
        self.used = max(self.used, label_row + 1)
        return x

    def best_label(self, row: int, mark: Mark, *, whole_only: bool) -> Placed | None:
        """The label's place, or None.

        On the marker's row if it fits whole there, else on the nearest row below where it
        does; failing both (and not ``whole_only``), the widest room of them all, elided, if
        at least :data:`MIN_LABEL` wide.
        """
        rooms: list[tuple[float, int, float]] = []  # (room, row, start), nearest row first
        for candidate in range(row, len(self.rows)):
            if candidate == row:
                start, room = self.same_row_label(row, mark)
                before = self.left_label(row, mark) if room < mark.label else None
                if before is not None:  # no room after the marker, but before it
                    return Placed(
                        mark.key, row, row, before, before + mark.label, False, mark.x0, left=True
                    )
            else:
                start, room = self.below_label(row, candidate, mark)
            if room >= mark.label:
                return self._label(row, candidate, mark, start, start + mark.label)
            rooms.append((room, candidate, start))
        widest = max((room for room, _, _ in rooms), default=0.0)
        if whole_only or widest < MIN_LABEL:
            return None
        # The nearest row whose room is about the widest (a leader for a few pixels more
        # would only add a line).
        enough = max(widest - ELIDED_SLACK, MIN_LABEL)
        room, candidate, start = next(r for r in rooms if r[0] >= enough)
        return self._label(row, candidate, mark, start, start + room, elided=True)

    def _label(
        self, row: int, label_row: int, mark: Mark, x0: float, x1: float, *, elided: bool = False
    ) -> Placed:
        return Placed(mark.key, row, label_row, x0, x1, elided, self.leader_x(mark))

    def keep(self, mark: Mark, old: Placed) -> Placed | None:
        """A pinned placement again, if all of it is still free (else None).

        A bar cut at the edge of the window may have changed its length: its label stays
        inside it if it still fits there.
        """
        if old.row >= len(self.rows) or not self.marker_free(old.row, mark):
            return None
        self.take_marker(old.row, mark)
        if old.inside and fits_inside(mark):
            return inside(mark, old.row)
        if not old.labelled or old.inside or old.label_row >= len(self.rows) or mark.label <= 0:
            return Placed(mark.key, old.row)
        if old.left:
            before = self.left_label(old.row, mark)
            if before is None or abs(before - old.label_x0) > 1e-6:
                return Placed(mark.key, old.row)
            self.take_label(old.row, old.row, mark, old.label_x0, old.label_x1)
            return old
        if old.label_row == old.row:
            start, room = self.same_row_label(old.row, mark)
        else:
            start, room = self.below_label(old.row, old.label_row, mark)
        width = old.label_x1 - old.label_x0
        if abs(start - old.label_x0) > 1e-6 or room < width - 1e-6:
            return Placed(mark.key, old.row)
        self.take_label(old.row, old.label_row, mark, old.label_x0, old.label_x1)
        return old


def fits_inside(mark: Mark) -> bool:
    """Whether the mark is a bar long enough to hold its whole label inside it."""
    return mark.label > 0 and mark.x1 - mark.x0 >= mark.label + 2 * PAD


def inside(mark: Mark, row: int) -> Placed:
    """The placement of a mark whose label is written inside its bar."""
    start = mark.x0 + PAD
    return Placed(mark.key, row, row, start, start + mark.label, False, mark.x0, True)


def _order(marks: Iterable[Mark]) -> list[Mark]:
    return sorted(marks, key=lambda m: (m.rank, m.x0, m.key))


def place(
    marks: Sequence[Mark],
    rows: int,
    *,
    gap: float = GAP,
    right: float = math.inf,
    left: float = -math.inf,
    pinned: Mapping[int, Placed] | None = None,
    optional: Collection[int] = (),
    whole: Collection[int] = (),
) -> Placement:
    """Place a lane's markers on at most ``rows`` rows, and their labels.

    In rank order, each event takes the top row where its marker and its whole label fit
    side by side; failing that, the top row for its marker with the whole label on the nearest
    row below (a leader line joins them); failing that, the top row for its marker, with the
    label elided into the widest room on its row or below, or left out. So a more important
    label is never elided to make room for a less important one, and nothing overlaps.

    When that leaves markers without a row, the markers are placed first (all of them, in rank
    order, as compactly as they go) and the labels after, in rank order, into what is left;
    markers that still find no row are listed in ``dropped``.

    :param right: no label runs past this x (a picture's edge); the screen has no such edge.
    :param left: no label starts before this x (a picture's other edge).
    :param pinned: placements to keep exactly (those on screen in the last frame at this zoom):
        they are placed first, each as it was if all of it is still free.
    :param optional: keys that may go without a row (drawn if there is room) without the
        markers being placed first for their sake.
    :param whole: keys placed only with their whole label (else dropped, marker and all): the
        highlights of a density strip, there to be read.
    """
    pinned = pinned or {}
    ordered = _order(marks)
    edges = (left, right)
    placement = _place(ordered, rows, gap, edges, pinned, markers_first=False, whole=whole)
    if any(key not in optional for key in placement.dropped):
        placement = _place(ordered, rows, gap, edges, pinned, markers_first=True, whole=whole)
    return placement


def depth(marks: Sequence[Mark], gap: float = GAP) -> int:
    """The most markers that overlap at any one point (with ``gap`` between neighbours).

    No placement puts them on fewer rows: more than the rows at hand means a density strip.
    """
    edges = sorted(
        [(m.x0 - gap / 2, 1) for m in marks] + [(m.x1 + gap / 2, -1) for m in marks],
        key=lambda edge: (edge[0], edge[1]),
    )
    most = level = 0
    for _, step in edges:
        level += step
        most = max(most, level)
    return most


def _place(
    ordered: list[Mark],
    rows: int,
    gap: float,
    edges: tuple[float, float],
    pinned: Mapping[int, Placed],
    *,
    markers_first: bool,
    whole: Collection[int] = (),
) -> Placement:
    lane = _Lane(max(0, rows), gap, edges[1], edges[0])
    placed: dict[int, Placed] = {}
    rest: list[Mark] = []
    for mark in ordered:
        old = pinned.get(mark.key)
        kept = lane.keep(mark, old) if old is not None else None
        if kept is None:
            rest.append(mark)
        else:
            placed[mark.key] = kept
    dropped: list[int] = []
    if markers_first:
        for mark in rest:
            row = next((r for r in range(len(lane.rows)) if lane.marker_free(r, mark)), None)
            if row is None:
                dropped.append(mark.key)
                continue
            lane.take_marker(row, mark)
            placed[mark.key] = Placed(mark.key, row)
    else:
        for mark in rest:
            spot = _spot(lane, mark, whole=mark.key in whole)
            if spot is None:
                dropped.append(mark.key)
            else:
                placed[mark.key] = spot
    # Pinned events whose label no longer fits as it was, and (markers first) every label.
    for mark in ordered:
        done = placed.get(mark.key)
        if done is None or done.labelled or mark.label <= 0:
            continue
        if fits_inside(mark):
            placed[mark.key] = inside(mark, done.row)
            continue
        label = lane.best_label(done.row, mark, whole_only=False)
        if label is not None:
            lane.take_label(done.row, label.label_row, mark, label.label_x0, label.label_x1)
            placed[mark.key] = label
    return Placement(placed, lane.used, dropped, markers_first)


def _spot(lane: _Lane, mark: Mark, *, whole: bool = False) -> Placed | None:
    """The marker's row and its label's place, or None when no row holds the marker.

    With ``whole``, also None when no row holds it with its whole label.
    """
    free = [r for r in range(len(lane.rows)) if lane.marker_free(r, mark)]
    if not free:
        return None
    if fits_inside(mark):
        lane.take_marker(free[0], mark)
        return inside(mark, free[0])
    if mark.label > 0:
        for row in free:  # the marker and its whole label side by side
            start, room = lane.same_row_label(row, mark)
            if room >= mark.label:
                lane.take_marker(row, mark)
                x = lane.take_label(row, row, mark, start, start + mark.label)
                return Placed(mark.key, row, row, start, start + mark.label, False, x)
        for row in free:  # no room after it anywhere: before it
            before = lane.left_label(row, mark)
            if before is not None:
                lane.take_marker(row, mark)
                lane.take_label(row, row, mark, before, before + mark.label)
                return Placed(
                    mark.key, row, row, before, before + mark.label, False, mark.x0, left=True
                )
        for row in free:  # the whole label on a row below, with a leader
            lane.take_marker(row, mark)
            label = lane.best_label(row, mark, whole_only=True)
            if label is not None:
                lane.take_label(row, label.label_row, mark, label.label_x0, label.label_x1)
                return label
            _untake_marker(lane, row, mark)
    if whole and mark.label > 0:
        return None
    lane.take_marker(free[0], mark)
    if mark.label <= 0:
        return Placed(mark.key, free[0])
    # Nowhere whole: the widest room left, now, before any less important label takes it.
    label = lane.best_label(free[0], mark, whole_only=False)
    if label is None:
        return Placed(mark.key, free[0])
    lane.take_label(free[0], label.label_row, mark, label.label_x0, label.label_x1)
    return label


def _untake_marker(lane: _Lane, row: int, mark: Mark) -> None:
    stretch = lane.rows[row]
    index = bisect.bisect_left(stretch.starts, mark.x0)
    while stretch.starts[index] != mark.x0 or stretch.ends[index] != mark.x1:
        index += 1
    del stretch.starts[index], stretch.ends[index]
    lane.used = 1 + max((r for r, stretch in enumerate(lane.rows) if stretch.starts), default=-1)


# ------------------------------------------------------------------------ exhibits: callouts


FLAG_SLACK = 0.15
"""How far (a share of its width) a flag may move left of its date to find room."""


@dataclass(frozen=True, slots=True)
class Callout:
    """One event's callout on an exhibit: where its date meets the axis, and its box's size."""

    key: int
    x: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class PlacedCallout:
    """Where a callout went.

    ``side`` is -1 above the axis or 1 below, ``level`` 0 nearest it; ``left`` is its box's
    left edge (its top or bottom edge follows from the level).
    """

    key: int
    side: int
    level: int
    left: float


def place_callouts(
    callouts: Sequence[Callout],
    *,
    left: float,
    right: float,
    levels_above: int,
    levels_below: int,
    gap: float = 8.0,
    margin: float = 6.0,
    flags: bool = False,
) -> tuple[list[PlacedCallout], list[int]]:
    """Callouts above and below an axis, on levels: none overlaps another or a leader.

    Each box holds its date's x (at least ``margin`` inside it), so its leader is a vertical
    line from the axis to the box. A callout takes the lowest level free on either side (on a
    tie, the side the previous one did not take), as near to centred on its date as the boxes
    and leaders already there allow.

    With ``flags``, the latest is placed first and each box hangs to the right of its date
    like a flag on its pole, so that a cluster of dates climbs away from the axis in a
    staircase: every leader passes to the left of the boxes nearer the axis. It holds more
    callouts where dates crowd together; centred boxes read better where they do not.

    :returns: the placed callouts, and the keys of those with no room (the page is too full).
    """
    boxes: dict[tuple[int, int], list[tuple[float, float]]] = {}  # (side, level): extents
    leaders: dict[tuple[int, int], list[float]] = {}  # (side, level): x of leaders crossing it
    placed: list[PlacedCallout] = []
    missing: list[int] = []
    last_side = 1
    for callout in sorted(callouts, key=lambda c: (c.x, c.key), reverse=flags):
        best: tuple[int, int, float] | None = None  # (level, side, left)
        for level in range(max(levels_above, levels_below)):
            for side in (-last_side, last_side):
                if level >= (levels_above if side < 0 else levels_below):
                    continue
                spot = _callout_left(
                    callout,
                    (side, level),
                    boxes,
                    leaders,
                    bounds=(left, right),
                    gap=gap,
                    margin=margin,
                    flag=flags,
                )
                if spot is not None:
                    best = (level, side, spot)
                    break
            if best is not None:
                break
        if best is None:
            missing.append(callout.key)
            continue
        level, side, box_left = best
        boxes.setdefault((side, level), []).append((box_left, box_left + callout.width))
        for under in range(level):
            leaders.setdefault((side, under), []).append(callout.x)
        placed.append(PlacedCallout(callout.key, side, level, box_left))
        last_side = side
    return placed, missing


def _callout_left(
    callout: Callout,
    where: tuple[int, int],
    boxes: Mapping[tuple[int, int], list[tuple[float, float]]],
    leaders: Mapping[tuple[int, int], list[float]],
    *,
    bounds: tuple[float, float],
    gap: float,
    margin: float,
    flag: bool,
) -> float | None:
    """The best left edge for the callout at ``where`` (side, level), or None if none."""
    side, level = where
    left, right = bounds
    width, x = callout.width, callout.x
    # Its leader crosses the levels nearer the axis: no box there may hold its x.
    for under in range(level):
        for a, b in boxes.get((side, under), ()):
            if a - gap / 2 <= x <= b + gap / 2:
                return None
    low = max(left, x + margin - width)
    high = min(right - width, x - margin)
    if high < low:
        low = high = min(max(left, x - width / 2), right - width)  # a box wider than its room
        if not (low <= x <= low + width):
            return None
    forbidden = [(a - width - gap, b + gap) for a, b in boxes.get((side, level), ())]
    forbidden += [(lx - width - gap / 2, lx + gap / 2) for lx in leaders.get((side, level), ())]
    if flag:  # a flag keeps to the right of its pole: shifted left, it would block leaders
        low = max(low, high - FLAG_SLACK * width)
    wanted = min(max(x - margin if flag else x - width / 2, low), high)
    return _nearest_allowed(wanted, low, high, forbidden)


def _nearest_allowed(
    wanted: float, low: float, high: float, forbidden: list[tuple[float, float]]
) -> float | None:
    """The value in [low, high] nearest ``wanted`` that lies in no open forbidden interval."""
    stretches = [(low, high)]
    for a, b in forbidden:
        cut = []
        for s, e in stretches:
            if b <= s or a >= e:
                cut.append((s, e))
                continue
            if a > s:
                cut.append((s, a))
            if b < e:
                cut.append((b, e))
        stretches = cut
        if not stretches:
            return None
    return min(
        (min(max(wanted, s), e) for s, e in stretches), key=lambda value: abs(value - wanted)
    )


# ------------------------------------------------------------------------ text in a box


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (as ``measure`` says), at spaces.

    A word wider than ``width`` on its own is broken between characters: nothing is ever cut
    off or elided.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        rest = word
        while len(rest) > 1 and measure(rest) > width:
            cut = 1
            while cut < len(rest) - 1 and measure(rest[: cut + 1]) <= width:
                cut += 1
            lines.append(rest[:cut])
            rest = rest[cut:]
        line = rest
    if line:
        lines.append(line)
    return lines or [""]
