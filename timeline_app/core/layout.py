"""Placing events on the timeline: rows within a lane, and clusters where it is too dense.

Pure maths over pixel extents; the widget draws what this returns.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Extent:
    """One event's horizontal extent in pixels (a point event has a minimum width)."""

    key: int
    x0: float
    x1: float


@dataclass(slots=True)
class Cluster:
    """Events too dense to draw one by one: drawn as one badge with a count."""

    x0: float
    x1: float
    keys: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many events the badge stands for."""
        return len(self.keys)


@dataclass(frozen=True, slots=True)
class LaneLayout:
    """Where each event of a lane goes: its row, or the cluster that holds it."""

    rows: dict[int, int]
    clusters: list[Cluster]
    row_count: int


def stack(extents: Sequence[Extent], gap: float = 4.0) -> tuple[dict[int, int], int]:
    """Rows for overlapping extents: each goes in the lowest row free at its start.

    ``extents`` must be sorted by ``x0``. Returns the row of each key and how many rows.
    O(n log n): a heap of (end of the row's last extent, row).
    """
    rows: dict[int, int] = {}
    ends: list[tuple[float, int]] = []  # (x where the row is free again, row)
    free: list[int] = []  # rows whose last extent has ended, lowest first
    count = 0
    for extent in extents:
        while ends and ends[0][0] <= extent.x0:
            heapq.heappush(free, heapq.heappop(ends)[1])
        if free:
            row = heapq.heappop(free)
        else:
            row, count = count, count + 1
        rows[extent.key] = row
        heapq.heappush(ends, (extent.x1 + gap, row))
    return rows, count


def layout_lane(extents: Sequence[Extent], max_rows: int, gap: float = 4.0) -> LaneLayout:
    """Stack a lane's extents in at most ``max_rows`` rows; the rest go into clusters.

    An extent that would need a row beyond ``max_rows`` joins the cluster over its place
    (clusters that touch merge), so a dense stretch shows as one badge with a count and
    nothing is drawn on top of anything else.
    """
    rows, count = stack(extents, gap)
    if count <= max_rows:
        return LaneLayout(rows, [], count)
    placed: dict[int, int] = {}
    clusters: list[Cluster] = []
    for extent in extents:
        row = rows[extent.key]
        if row < max_rows - 1:
            placed[extent.key] = row
            continue
        # The last row is the badges' row: everything from it on is counted, not drawn.
        if clusters and extent.x0 <= clusters[-1].x1 + gap:
            clusters[-1].x1 = max(clusters[-1].x1, extent.x1)
            clusters[-1].keys.append(extent.key)
        else:
            clusters.append(Cluster(extent.x0, extent.x1, [extent.key]))
    badges = []
    for cluster in clusters:
        if cluster.count == 1:
            placed[cluster.keys[0]] = max_rows - 1  # alone in its stretch: draw it after all
        else:
            badges.append(cluster)
    return LaneLayout(placed, badges, max_rows)
