"""Today's timeline painter (main at a364924), frozen as the benchmarks' baseline.

Not used by the app: ``benchmarks/bench_timeline.py`` draws the same frames with it and with
the current painter in one run, so that the ratios mean something on a busy machine. The
layout functions it used (``core/layout.py`` of the time) are inlined below; ``set_items``
is the only addition (the benchmark builds a million items without a case file).
"""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from timeline_app.core.dates import DateError
from timeline_app.core.store import CaseStore
from timeline_app.core.timeline import Lane, TimelineItem, timeline_items
from timeline_app.core.timescale import TimeScale, axis, to_days

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


AXIS_HEIGHT = 30
LANE_LABEL_WIDTH = 120
ROW_HEIGHT = 18
LANE_MIN_HEIGHT = ROW_HEIGHT * 2 + 4
"""A lane keeps two rows; the view asks for the height to show every lane (it scrolls)."""
MAX_ROWS = 5
LABEL_ROOM = 250
"""Pixels left after the last event when all are fitted, for its label (a quarter at most)."""
DENSE = 1500
MARKER = 8


class TimelineView(QWidget):
    """Zoom with the wheel (about the pointer), pan by dragging or with the arrow keys."""

    event_selected = Signal(int)
    edit_requested = Signal(int)
    redate_requested = Signal(int, float)
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self._items: list[TimelineItem] = []
        self._lanes: list[Lane] = []
        self._lane_items: list[list[TimelineItem]] = []
        self._lane_firsts: list[list[float]] = []
        self._longest = 0.0
        self._extent: tuple[float, float] | None = None
        self._scale = TimeScale(738000.0, 1.0, 800)
        self.selected: int | None = None
        self._hits: list[tuple[QRectF, int]] = []
        self._drag_from: float | None = None
        self._badges: list[tuple[QRectF, float, float]] = []  # (rect, first, last day)
        self._axis_bottom = float(AXIS_HEIGHT)
        self.describe: Callable[[int], str] | None = None
        """Extra lines for an event's tooltip (its references), if the window provides them."""
        self._dragged: int | None = None  # the event being dragged to a new date
        self._drag_start = 0.0
        self._drag_dx = 0.0

    def sizeHint(self) -> QSize:
        return QSize(900, 320)

    def minimumSizeHint(self) -> QSize:
        """Room for every lane at its least height (a scroll area shows the rest)."""
        return QSize(
            LANE_LABEL_WIDTH + 100, max(120, AXIS_HEIGHT + len(self._lanes) * LANE_MIN_HEIGHT)
        )

    @property
    def scale(self) -> TimeScale:
        """The visible window; setting it repaints and tells the overview and scrollbar."""
        return self._scale

    @scale.setter
    def scale(self, scale: TimeScale) -> None:
        self._scale = scale
        self.update()
        self.view_changed.emit()

    @property
    def items(self) -> list[TimelineItem]:
        """The items on the timeline, earliest first."""
        return self._items

    @property
    def extent(self) -> tuple[float, float] | None:
        """The first and last day of the case's dated events (None: there are none)."""
        return self._extent

    # ------------------------------------------------------------------ data

    lanes = "category"
    """What the lanes are: "category", "party" or "status"."""
    empty_lanes = True
    """Whether lanes with no dated event show (on screen they do; a printed picture drops them)."""

    def set_store(self, store: CaseStore | None) -> None:
        """Show this case (None: nothing), fitted to the window."""
        self.set_items(
            *(
                timeline_items(store, self.lanes, empty_lanes=self.empty_lanes)
                if store is not None
                else ([], [])
            )
        )

    def set_items(self, items: list[TimelineItem], lanes: list[Lane]) -> None:
        """Show these items in these lanes (added for the benchmark), fitted to the window."""
        self._items, self._lanes = items, lanes
        # Per lane, the items and their starts, sorted: a frame finds what it shows by
        # bisection, whatever the size of the case.
        self._lane_items = [[] for _ in self._lanes]
        for item in self._items:
            self._lane_items[item.lane].append(item)
        self._lane_firsts = [[i.first for i in items] for items in self._lane_items]
        self._longest = max((i.last - i.first for i in self._items), default=0.0)
        self._extent = (
            (self._items[0].first, max(i.last for i in self._items)) if self._items else None
        )
        self.updateGeometry()  # the room the lanes need has changed
        self.fit_all()

    def reload(self, store: CaseStore) -> None:
        """Read the case again, keeping the view where it is."""
        scale = self.scale
        self.set_store(store)
        self.scale = scale

    # ------------------------------------------------------------------ the view

    def _plot_width(self) -> int:
        return max(1, self.width() - LANE_LABEL_WIDTH)

    def fit_all(self) -> None:
        """Show every dated event, with room at the right for the last one's label.

        With none, this year: not whatever the case shown before had.
        """
        width = self._plot_width()
        if self._extent is not None:
            fitted = TimeScale.fit(*self._extent, max(1, width - min(LABEL_ROOM, width // 4)))
            self.scale = fitted.resized(width)
        else:
            year = dt.date.today().year
            self.scale = TimeScale.fit(
                to_days(dt.date(year, 1, 1)), to_days(dt.date(year, 12, 31)), width
            )

    def select(self, event_id: int | None) -> None:
        """Mark an event as selected and bring it into view (if it is dated)."""
        self.selected = event_id
        item = next((i for i in self._items if i.id == event_id), None)
        if item is not None and not (self.scale.start <= item.first <= self.scale.end):
            middle = (item.first + item.last) / 2
            self.scale = self.scale.panned(self.scale.x(middle) - self._plot_width() / 2)
        else:
            self.update()

    def zoom(self, factor: float, at_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out about a plot x (default: the middle)."""
        anchor = self._plot_width() / 2 if at_x is None else at_x
        self.scale = self.scale.zoomed(factor, anchor)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # In a scroll area the axis stays at the top of what is shown.
        self.render_into(
            painter, QRectF(self.rect()), axis_top=self.visibleRegion().boundingRect().top()
        )
        painter.end()

    def render_into(self, painter: QPainter, area: QRectF, axis_top: float | None = None) -> None:
        """The one painting routine: screen, image, SVG, PDF and printer all come here.

        ``axis_top`` pins the time axis there (the top of what a scroll area shows).
        """
        palette = self.palette()
        painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
        scale = (
            self.scale
            if math.isclose(self.scale.width, area.width() - LANE_LABEL_WIDTH)
            else self.scale.resized(max(1, int(area.width() - LANE_LABEL_WIDTH)))
        )
        self._hits = []
        self._badges = []
        lane_top = area.top() + AXIS_HEIGHT
        lane_height = max(LANE_MIN_HEIGHT, (area.height() - AXIS_HEIGHT) / max(1, len(self._lanes)))
        metrics = QFontMetrics(painter.font())
        for index, lane in enumerate(self._lanes):
            top = lane_top + index * lane_height
            if index % 2:
                painter.fillRect(
                    QRectF(area.left(), top, area.width(), lane_height),
                    palette.color(QPalette.ColorRole.AlternateBase),
                )
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(
                QRectF(area.left() + 4, top, LANE_LABEL_WIDTH - 8, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter,
                # in the middle: "Managing d…Interserve" and "…Sopra Steria"
                metrics.elidedText(lane.label, Qt.TextElideMode.ElideMiddle, LANE_LABEL_WIDTH - 8),
            )
            band = QRectF(area.left() + LANE_LABEL_WIDTH, top, scale.width, lane_height)
            self._paint_lane(painter, scale, index, band, metrics)
        top = area.top() if axis_top is None else axis_top
        self._paint_axis(painter, scale, area, metrics, top)
        self._axis_bottom = top + AXIS_HEIGHT  # events scrolled under the axis are hidden

    def _visible_range(self, scale: TimeScale, lane: int) -> tuple[int, int]:
        firsts = self._lane_firsts[lane]
        return (
            bisect.bisect_left(firsts, scale.start - self._longest),
            bisect.bisect_right(firsts, scale.end),
        )

    def _paint_lane(
        self, painter: QPainter, scale: TimeScale, index: int, band: QRectF, metrics: QFontMetrics
    ) -> None:
        lane = self._lanes[index]
        left, top, height = band.left(), band.top(), band.height()
        palette = self.palette()
        colour = QColor(lane.colour) if lane.colour else palette.color(QPalette.ColorRole.Highlight)
        low, high = self._visible_range(scale, index)
        if high - low > DENSE:
            self._paint_density(painter, scale, index, colour, band)
            return
        items = [i for i in self._lane_items[index][low:high] if i.last >= scale.start]
        extents = [
            Extent(i.id, scale.x(i.first), max(scale.x(i.last), scale.x(i.first) + MARKER))
            for i in items
        ]
        rows_fit = max(1, min(MAX_ROWS, int((height - 4) // ROW_HEIGHT)))
        laid = layout_lane(extents, rows_fit)
        by_id = {i.id: i for i in items}
        # Each label may run to where the next event in its row begins.
        next_start: dict[int, float] = {}
        in_rows: dict[int, list[Extent]] = {}
        for extent in extents:
            if extent.key in laid.rows:
                in_rows.setdefault(laid.rows[extent.key], []).append(extent)
        for row_extents in in_rows.values():
            row_extents.sort(key=lambda e: e.x0)
            for this, following in itertools.pairwise(row_extents):
                next_start[this.key] = following.x0
        text = palette.color(QPalette.ColorRole.Text)
        for extent in extents:
            row = laid.rows.get(extent.key)
            if row is None:
                continue
            item = by_id[extent.key]
            y = top + 2 + row * ROW_HEIGHT
            box = QRectF(
                left + extent.x0, y + 3, max(MARKER, extent.x1 - extent.x0), ROW_HEIGHT - 6
            )
            if item.id == self._dragged:
                box.translate(self._drag_dx, 0)
            fill = QColor(item.colour) if item.colour else QColor(colour)
            if item.uncertain:
                fill.setAlpha(90)
                if box.width() > MARKER + 2:  # whiskers out to the earliest and latest
                    painter.setPen(QPen(fill.darker(130), 1))
                    middle = box.center().y()
                    painter.drawLine(QPointF(box.left(), middle), QPointF(box.right(), middle))
                    painter.drawLine(
                        QPointF(box.left(), box.top()), QPointF(box.left(), box.bottom())
                    )
                    painter.drawLine(
                        QPointF(box.right(), box.top()), QPointF(box.right(), box.bottom())
                    )
            painter.setPen(
                QPen(
                    text if item.key else colour,
                    2 if item.key else 1,
                    Qt.PenStyle.DashLine if item.disputed else Qt.PenStyle.SolidLine,
                )
            )
            painter.setBrush(fill)
            painter.drawRect(box)
            if item.id == self.selected:
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box.adjusted(-2, -2, 2, 2))
            self._hits.append((box, item.id))
            room = min(
                next_start.get(extent.key, extent.x1 + 400) - extent.x1, band.right() - box.right()
            )  # elided at the edge, never cut
            if room > 30:
                painter.setPen(text)
                painter.drawText(
                    QRectF(box.right() + 3, y, room - 6, ROW_HEIGHT),
                    Qt.AlignmentFlag.AlignVCenter,
                    metrics.elidedText(item.title, Qt.TextElideMode.ElideRight, int(room - 6)),
                )
        for cluster in laid.clusters:
            y = top + 2 + (rows_fit - 1) * ROW_HEIGHT
            badge = QRectF(
                left + cluster.x0, y + 1, max(24.0, cluster.x1 - cluster.x0), ROW_HEIGHT - 2
            )
            painter.setPen(QPen(colour, 1))
            painter.setBrush(palette.color(QPalette.ColorRole.Button))
            painter.drawRoundedRect(badge, 6, 6)
            self._badges.append((badge, scale.days(cluster.x0), scale.days(cluster.x1)))
            painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"{cluster.count}")

    def _paint_density(
        self, painter: QPainter, scale: TimeScale, lane: int, colour: QColor, band: QRectF
    ) -> None:
        """Too many events to draw one by one: how many start in each pixel, and the total.

        Two bisections a pixel, so the cost follows the width, not the number of events.
        """
        left, top, height = band.left(), band.top(), band.height()
        firsts = self._lane_firsts[lane]
        edges = [bisect.bisect_left(firsts, scale.days(x)) for x in range(int(scale.width) + 2)]
        counts = [b - a for a, b in itertools.pairwise(edges)]
        shown = edges[-1] - edges[0]
        peak = max(counts, default=0) or 1
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        base = top + height - 4
        for x, count in enumerate(counts):
            if count:
                bar = (height - 20) * math.log1p(count) / math.log1p(peak)
                painter.drawRect(QRectF(left + x, base - bar, 1, bar))
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(
            QRectF(left + 4, top + 2, 200, ROW_HEIGHT),
            Qt.AlignmentFlag.AlignVCenter,
            f"{shown:,} events here",
        )

    def _paint_axis(
        self, painter: QPainter, scale: TimeScale, area: QRectF, metrics: QFontMetrics, top: float
    ) -> None:
        palette = self.palette()
        left = area.left() + LANE_LABEL_WIDTH
        painter.fillRect(
            QRectF(area.left(), top, area.width(), AXIS_HEIGHT),
            palette.color(QPalette.ColorRole.Window),
        )
        ticks = axis(scale, char_px=metrics.averageCharWidth() + 1)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        for tick in ticks.minor:
            x = left + scale.x(tick.days)
            painter.drawLine(QPointF(x, top + AXIS_HEIGHT - 5), QPointF(x, top + AXIS_HEIGHT))
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        grid.setAlpha(90)
        for tick in ticks.major:
            x = left + scale.x(tick.days)
            if x >= left:
                painter.setPen(grid)
                painter.drawLine(QPointF(x, top + AXIS_HEIGHT), QPointF(x, area.bottom()))
                painter.setPen(palette.color(QPalette.ColorRole.WindowText))
                painter.drawLine(QPointF(x, top + AXIS_HEIGHT - 10), QPointF(x, top + AXIS_HEIGHT))
                painter.drawText(QPointF(x + 3, top + AXIS_HEIGHT - 12), tick.label)
        painter.drawText(
            QRectF(area.left() + 4, top, LANE_LABEL_WIDTH - 8, AXIS_HEIGHT),
            Qt.AlignmentFlag.AlignVCenter,
            ticks.context,
        )

    # ------------------------------------------------------------------ interaction

    def _hit(self, point: QPointF) -> int | None:
        if point.y() < self._axis_bottom:
            return None
        return next(
            (
                event_id
                for box, event_id in reversed(self._hits)
                if box.adjusted(-2, -2, 2, 2).contains(point)
            ),
            None,
        )

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.NativeGesture
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            # Two fingers on a touchpad: value() is how much bigger since the last step.
            self.zoom(max(0.1, 1 + event.value()), event.position().x() - LANE_LABEL_WIDTH)
            return True
        if (
            event.type() == QEvent.Type.Gesture
            and (pinch := event.gesture(Qt.GestureType.PinchGesture)) is not None
        ):
            # Two fingers on a touchscreen: scaleFactor() is the change since the last step.
            centre = self.mapFromGlobal(pinch.centerPoint())
            self.zoom(max(0.1, pinch.scaleFactor()), centre.x() - LANE_LABEL_WIDTH)
            event.accept(pinch)
            return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.25**steps, event.position().x() - LANE_LABEL_WIDTH)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._end_drags()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        badge = next((b for b in self._badges if b[0].contains(event.position())), None)
        if badge is not None:  # a count of events too close to draw: zoom in on them
            _, first, last = badge
            width = self._plot_width()
            per_pixel = min(self.scale.days_per_pixel / 2, (last - first) * 1.4 / width)
            self.scale = TimeScale((first + last) / 2 - per_pixel * width / 2, per_pixel, width)
            return
        hit = self._hit(event.position())
        if hit is not None:
            self.selected = hit
            self.event_selected.emit(hit)
            self.update()
            # Selecting may have asked a question (an unsaved edit): then the press is over.
            if QApplication.mouseButtons() & Qt.MouseButton.LeftButton:
                self._dragged, self._drag_start = hit, event.position().x()
            return
        self._drag_from = event.position().x()

    def _end_drags(self) -> None:
        """Forget any drag under way (nothing is re-dated)."""
        self._dragged, self._drag_dx, self._drag_from = None, 0.0, None
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._end_drags()
        super().focusOutEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragged is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._drag_dx = event.position().x() - self._drag_start
            item = next((i for i in self._items if i.id == self._dragged), None)
            if item is not None and abs(self._drag_dx) > 3:
                try:
                    tip = f"Re-date to {item.moved_by(self._days_dragged())}"
                except DateError as error:
                    tip = str(error)
                QToolTip.showText(event.globalPosition().toPoint(), tip, self)
            self.update()
            return
        if self._drag_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            dx = self._drag_from - event.position().x()
            self._drag_from = event.position().x()
            self.scale = self.scale.panned(dx)
            return
        hit = self._hit(event.position())
        item = next((i for i in self._items if i.id == hit), None) if hit else None
        if item is not None:
            extra = self.describe(item.id) if self.describe else ""
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"{item.display} — {item.title}" + (f"\n{extra}" if extra else ""),
                self,
            )
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        dragged, days, moved = self._dragged, self._days_dragged(), abs(self._drag_dx) > 3
        self._end_drags()
        if dragged is not None and moved:
            self.redate_requested.emit(dragged, days)

    def _days_dragged(self) -> float:
        return self._drag_dx * self.scale.days_per_pixel

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position())
        if hit is not None:
            self.edit_requested.emit(hit)

    def focusNextPrevChild(self, next_child: bool) -> bool:
        """Tab and Shift+Tab move between events; past the last (or first), out of the view."""
        ids = self._in_time()
        at_the_end = self.selected in ids and ids.index(self.selected) == (
            len(ids) - 1 if next_child else 0
        )
        if not ids or at_the_end:  # nothing to move to: Tab goes on, as anywhere else
            return super().focusNextPrevChild(next_child)
        self.step(1 if next_child else -1)
        return True

    def step(self, by: int) -> None:
        """Select the event ``by`` places later (or earlier) in time, and show it."""
        ids = self._in_time()
        if not ids:
            return
        if self.selected in ids:
            self.go_to(ids.index(self.selected) + by)
        else:
            self.go_to(0 if by > 0 else len(ids) - 1)

    def go_to(self, position: int) -> None:
        """Select the event at ``position`` in time order (clamped; -1 is the last)."""
        ids = self._in_time()
        if ids:
            chosen = ids[min(max(position, 0), len(ids) - 1) if position >= 0 else -1]
            self.select(chosen)
            self.event_selected.emit(chosen)

    def _in_time(self) -> list[int]:
        return [event_id for _, event_id in sorted({(i.first, i.id) for i in self._items})]

    def zoom_to_selection(self) -> None:
        """Fit the view to the selected event (with room around it)."""
        item = next((i for i in self._items if i.id == self.selected), None)
        if item is not None:
            span = max(item.last - item.first, 1.0)
            self.scale = TimeScale.fit(item.first - span, item.last + span, self._plot_width())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        pan = modifiers & Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.5)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / 1.5)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and pan:
            direction = -1 if key == Qt.Key.Key_Left else 1
            self.scale = self.scale.panned(direction * self._plot_width() / 10)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step(-1 if key == Qt.Key.Key_Left else 1)
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.edit_requested.emit(self.selected)
        elif key == Qt.Key.Key_0:
            self.fit_all()
        elif key == Qt.Key.Key_Z:
            self.zoom_to_selection()
        elif key == Qt.Key.Key_Escape and self._dragged is not None:
            self._end_drags()  # put the dragged event back
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: object) -> None:
        self.scale = self.scale.resized(self._plot_width())
