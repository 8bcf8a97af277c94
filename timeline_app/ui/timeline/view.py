"""TimelineView: the case on a zoomable time axis, in lanes, with every label readable.

One painting routine (:meth:`TimelineView.render_into`) draws into any QPainter: the screen,
PNG, SVG, PDF and the printer. For each lane it asks the lane's index
(:class:`~timeline_app.core.timeline.LaneIndex`) what the view holds, and decides there, for
this view alone:

- few enough events to draw one by one: each gets a marker, and its label goes where
  :func:`~timeline_app.core.layout.place` puts it (beside the marker, or on a row below with a
  leader, elided only when there is no room; key events, then the selected, then the longest
  spans first). Labels on screen are pinned, so panning never moves them;
- too many: a density strip (a histogram in the axis's own units; hover for the counts, click
  to zoom in) with the most important events still labelled above it.

Lane names sit in a gutter of their own, and nothing is drawn over them; drag a name (or use
Ctrl+Shift+Up/Down on the selected event) to reorder the lanes. Lanes take the rows they need,
within limits, and the view asks for the height (a scroll area shows the rest). Empty lanes
are left out unless asked for. The undated events are listed in a strip after the lanes,
which folds away (click its heading, or press U).

Signals:
    event_selected(int): an event was clicked, or reached with the keys.
    edit_requested(int): an event was double-clicked, or Enter pressed on it.
    redate_requested(int, float): an event was dragged by so many days (to be snapped to its
        precision by whoever re-dates it).
    view_changed(): the visible window moved or zoomed (the overview follows it).
    lane_order_changed(list): the lanes were put in a new order (their labels, top first).
    loaded(): a load in the background (:meth:`TimelineView.load_in_background`) is shown.
    load_failed(object): the UserError that stopped a load in the background.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from timeline_app.core.dates import DateError
from timeline_app.core.errors import UserError
from timeline_app.core.layout import MIN_LABEL, Mark, Placed, depth, place
from timeline_app.core.store import CaseStore
from timeline_app.core.timeline import (
    EVERYTHING,
    Arrangement,
    Lane,
    LaneIndex,
    Refading,
    TimelineFilter,
    TimelineItem,
    UndatedItem,
    arrangement,
    refaded,
    span_length,
    timeline_items,
    undated_items,
)
from timeline_app.core.timescale import MINUTE, Axis, TimeScale, axis, period_name, to_days
from timeline_app.ui.timeline.loading import LoadedTimeline, TimelineLoader

AXIS_HEIGHT = 30
GUTTER = 150
"""The lane names' own column: nothing else is drawn in it."""
LANE_LABEL_WIDTH = GUTTER
ROW_HEIGHT = 18
LANE_PAD = 3
MIN_ROWS = 2
"""On screen a lane keeps two rows: its name, and how many events it holds."""
MAX_ROWS = 12
"""A lane grows to this many rows at most; beyond, it shows a density strip."""
DENSE_AT = 150
"""More events than this in view in one lane: a density strip, not one marker each."""
DENSE_ROWS = 3
"""Rows above a density strip for its most important events."""
HISTOGRAM = 34
MARKER = 8
WINDOW = 300
"""Pixels beyond each side of the view that are laid out too, so what pans in is ready."""
SPANNING_SHOWN = 3
"""In a density strip, how many of the events passing through the whole view are drawn."""
UNDATED_ROWS = 3
LABEL_ROOM = 250
"""Pixels left after the last event when all are fitted, for its label (a quarter at most)."""
_LANE_KINDS = ("category", "party", "status")


@dataclass(slots=True)
class _Drawn:
    """One event drawn on its own: its marker's extent (world pixels) and its placement."""

    item: TimelineItem
    x0: float
    x1: float
    spot: Placed
    bold: bool


@dataclass(slots=True)
class _LaneFrame:
    """One lane as this frame draws it."""

    lane: Lane
    index: LaneIndex
    height: float = 0.0
    rows: int = 1
    dense: bool = False
    drawn: list[_Drawn] = field(default_factory=list)
    bins: list[tuple[float, float, int, int]] = field(default_factory=list)
    """(first day, last day, events starting in it, search hits among them)."""
    bins_unit: str = ""
    spanning_more: int = 0


@dataclass(slots=True)
class _Chip:
    """An undated event's place in the strip (relative to the strip's top left)."""

    item: UndatedItem
    rect: QRectF
    text: str


@dataclass(slots=True)
class _Frame:
    """Everything a paint needs, computed once per view (zoom, pan, size, data)."""

    key: tuple[object, ...]
    origin: float
    lanes: list[_LaneFrame]
    row_height: float
    chips: list[_Chip]
    undated_height: float
    hidden_lanes: int = 0
    more_undated: int = 0

    @property
    def lanes_height(self) -> float:
        return sum(lane.height for lane in self.lanes)


class TimelineView(QWidget):
    """Zoom with the wheel (about the pointer), pan by dragging or with the arrow keys."""

    event_selected = Signal(int)
    edit_requested = Signal(int)
    redate_requested = Signal(int, float)
    view_changed = Signal()
    lane_order_changed = Signal(list)
    loaded = Signal()
    load_failed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self._all_items: list[TimelineItem] = []
        self._all_lanes: list[Lane] = []
        self._all_undated: list[UndatedItem] = []
        self._shown = EVERYTHING
        self._lanes: list[Lane] = []
        self._indexes: list[LaneIndex] = []
        self._items: list[TimelineItem] = []
        self._in_time: list[int] = []
        self._by_id: dict[int, TimelineItem] = {}
        self._undated: list[UndatedItem] = []
        self._extent: tuple[float, float] | None = None
        self._arranged: Arrangement | None = None
        self._scale = TimeScale(738000.0, 1.0, 800)
        self._fitted = False
        self.selected: int | None = None
        self.lane_order: list[str] = []
        """The lanes' labels in the order the user put them (the rest follow)."""
        self._generation = 0
        self._frame: _Frame | None = None
        self._pins: dict[str, dict[int, Placed]] = {}
        self._pins_key: tuple[object, ...] = ()
        self._rows_seen: dict[str, int] = {}
        # Label widths and cut titles, by title (an event renamed is measured again).
        self._widths: dict[tuple[str, str, bool], float] = {}
        self._elided: dict[tuple[str, bool, str, int], str] = {}
        self._looks: dict[tuple[str, bool, bool, bool, bool], tuple[QPen, QBrush]] = {}
        self._font_key = ""
        self._axis_cache: tuple[tuple[TimeScale, float], Axis] | None = None
        self._hits: list[tuple[QRectF, int]] = []
        self._bins: list[tuple[QRectF, float, float, int, int, str]] = []
        self._chips: list[tuple[QRectF, int]] = []
        self._gutters: list[tuple[QRectF, int]] = []
        self._undated_heading = QRectF()
        self._axis_bottom = float(AXIS_HEIGHT)
        self._wanted_height = AXIS_HEIGHT + 60
        self._loader = TimelineLoader(self)
        self._loader.loaded.connect(self._on_loader_loaded)
        self._loading: int | None = None  # how many events a load in the background reads
        self._load_fits = False
        self._geometry_timer = QTimer(self, singleShot=True, interval=0)
        self._geometry_timer.timeout.connect(self.updateGeometry)
        self.describe: Callable[[int], str] | None = None
        """Extra lines for an event's tooltip (its references), if the window provides them."""
        self._drag_from: float | None = None
        self._dragged: int | None = None  # the event being dragged to a new date
        self._drag_start = 0.0
        self._drag_dx = 0.0
        self._lane_drag: int | None = None  # the lane whose name is being dragged
        self._lane_drop: int | None = None

    def sizeHint(self) -> QSize:
        return QSize(900, 320)

    def minimumSizeHint(self) -> QSize:
        """Room for every lane at the rows it needs (a scroll area shows the rest)."""
        return QSize(GUTTER + 100, max(120, math.ceil(self._wanted_height)))

    @property
    def scale(self) -> TimeScale:
        """The visible window; setting it repaints and tells the overview and scrollbar."""
        return self._scale

    @scale.setter
    def scale(self, scale: TimeScale) -> None:
        self._scale = scale
        self._fitted = False  # the user's view now, until the next fit
        self.update()
        self.view_changed.emit()

    @property
    def items(self) -> list[TimelineItem]:
        """The items shown on the timeline (the filters' choice), earliest first."""
        return self._items

    @property
    def undated(self) -> list[UndatedItem]:
        """The undated events shown in the strip after the lanes."""
        return self._undated

    @property
    def extent(self) -> tuple[float, float] | None:
        """The first and last day of the events shown (None: there are none)."""
        return self._extent

    @property
    def generation(self) -> int:
        """A number that changes whenever what the view shows (not where) changes."""
        return self._generation

    @property
    def lane_labels(self) -> list[str]:
        """The labels of the lanes shown, top first."""
        return [lane.label for lane in self._lanes]

    # ------------------------------------------------------------------ data

    lanes = "category"
    """What the lanes are: "category", "party" or "status"."""
    empty_lanes = False
    """Whether lanes with no event shown take a band (off: they say nothing, and cost room)."""
    undated_open = True
    """Whether the strip of undated events shows them, or only its heading."""

    def set_store(self, store: CaseStore | None, shown: TimelineFilter | None = None) -> None:
        """Show this case (None: nothing), fitted to its events.

        :param shown: the table's filters, to follow (by default, those followed so far).
        """
        if shown is not None:
            self._shown = shown
        self._stop_loading()
        self._read(store)
        self.fit_all()

    def reload(self, store: CaseStore, shown: TimelineFilter | None = None) -> None:
        """Read the case again, keeping the view where it is unless it then shows nothing.

        :param shown: the table's filters as they are now (an event just added is in them).
        """
        if shown is not None:
            self._shown = shown
        self._stop_loading()
        if self._fitted:  # still the whole case: the whole case again, with what was added
            self._read(store)
            self.fit_all()
            return
        scale = self.scale
        self._read(store)
        self.scale = scale
        self._fit_if_empty()

    def load_in_background(
        self, path: Path, events: int, shown: TimelineFilter | None = None, *, fit: bool
    ) -> None:
        """Read a case file's timeline on a thread of its own; meanwhile the view says so.

        What was shown stays until the new reading replaces it; ``loaded`` is emitted then
        (``load_failed`` with the error, if the file cannot be read).

        :param events: how many events the case has, for the message.
        :param fit: fit the view to the events read (a case just opened); otherwise it stays
            where it is, as :meth:`reload` keeps it.
        """
        if shown is not None:
            self._shown = shown
        self._loading, self._load_fits = events, fit
        self._loader.start(path, self.lanes, self._shown, self.empty_lanes, self.lane_order)
        self.update()

    @property
    def loading(self) -> bool:
        """Whether a load in the background is under way."""
        return self._loading is not None

    def _stop_loading(self) -> None:
        if self._loading is not None:
            self._loader.cancel()
            self._loading = None

    @Slot(int, object)
    def _on_loader_loaded(self, _number: int, result: LoadedTimeline | UserError) -> None:
        self._loading = None
        if isinstance(result, UserError):
            self.update()
            self.load_failed.emit(result)
            return
        fit = self._load_fits or self._fitted
        scale = self.scale
        self._all_items, self._all_lanes, self._all_undated = (
            result.items,
            result.lanes,
            result.undated,
        )
        if result.arranged_for == (self._shown, self.empty_lanes, tuple(self.lane_order)):
            self._apply(result.arranged)
        else:  # changed while it was read
            self._arrange()
        if fit:
            self.fit_all()
        else:
            self.scale = scale
            self._fit_if_empty()
        self.loaded.emit()

    def set_filter(self, shown: TimelineFilter, prepared: Refading | None = None) -> None:
        """Show only what the table's filters let through, with the search's hits picked out.

        If the view showed the whole case, it shows the whole of what is shown now; if it then
        holds none of the events shown, it fits them.

        :param prepared: the search's :func:`refading` of :attr:`arrangement`, worked out
            beside the window (used if still the arrangement shown).
        """
        if shown == self._shown:
            return
        same_events = shown.members == self._shown.members
        self._shown = shown
        if same_events and self._arranged is not None:  # a search typed: fades change only
            refaded(self._arranged, shown, prepared)
            self._apply(self._arranged)
        else:
            self._arrange()
        if self._fitted:
            self.fit_all()
        else:
            self._fit_if_empty()

    @property
    def arrangement(self) -> Arrangement | None:
        """What the timeline draws now (None: nothing read yet)."""
        return self._arranged

    @property
    def shown_filter(self) -> TimelineFilter:
        """The filter the timeline follows (everything when it follows none)."""
        return self._shown

    def set_lane_order(self, labels: Sequence[str]) -> None:
        """Put the lanes in this order (their labels, top first; others follow)."""
        self.lane_order = list(labels)
        self._arrange()

    def set_empty_lanes(self, shown: bool) -> None:
        """Show lanes that no event shown is in, or leave them out."""
        self.empty_lanes = shown
        self._arrange()

    def set_undated_open(self, shown: bool) -> None:
        """Unfold or fold the strip of undated events."""
        self.undated_open = shown
        self._changed()

    def set_items(
        self,
        items: list[TimelineItem],
        lanes: list[Lane],
        undated: list[UndatedItem] | None = None,
    ) -> None:
        """Show these items (earliest first) in these lanes, fitted.

        For tests and benchmarks that build a case in memory rather than in a file.
        """
        self._all_items, self._all_lanes, self._all_undated = items, lanes, undated or []
        self._arrange()
        self.fit_all()

    def _read(self, store: CaseStore | None) -> None:
        if store is None:
            self._all_items, self._all_lanes, self._all_undated = [], [], []
        else:
            self._all_items, self._all_lanes = timeline_items(store, self.lanes, empty_lanes=True)
            self._all_undated = undated_items(store)
        self._arrange()

    def _arrange(self) -> None:
        """Lanes, indexes and the undated strip from the items, the filter and the order."""
        self._apply(
            arrangement(
                self._all_items,
                self._all_lanes,
                self._all_undated,
                shown=self._shown,
                empty_lanes=self.empty_lanes,
                order=self.lane_order,
            )
        )

    def _apply(self, arranged: Arrangement) -> None:
        self._arranged = arranged
        self._lanes, self._items, self._by_id = arranged.lanes, arranged.items, arranged.by_id
        self._indexes, self._in_time = arranged.indexes, arranged.in_time
        self._undated, self._extent = arranged.undated, arranged.extent
        self._changed()

    def fades(self, item_id: int) -> bool:
        """Whether the item is drawn faintly: a search is on and did not find it."""
        return self._arranged is not None and self._arranged.fades(item_id)

    def _changed(self) -> None:
        """The data or how it is arranged changed: lay out afresh."""
        self._generation += 1
        self._frame = None
        self._pins = {}
        self._rows_seen = {}
        self.update()

    # ------------------------------------------------------------------ the view

    def _plot_width(self) -> int:
        return max(1, self.width() - GUTTER)

    def fit_all(self) -> None:
        """Show every event shown, with room at the right for the last one's label.

        With none, this year: not whatever the case shown before had.
        """
        width = self._plot_width()
        if self._extent is not None:
            fitted = TimeScale.fit(*self._extent, width)
            self.scale = self._room_for_last_labels(fitted)
        else:
            year = dt.date.today().year
            self.scale = TimeScale.fit(
                to_days(dt.date(year, 1, 1)), to_days(dt.date(year, 12, 31)), width
            )
        self._fitted = True

    def _room_for_last_labels(self, scale: TimeScale) -> TimeScale:
        """``scale`` zoomed out (keeping its start) so that the last events' labels fit.

        Each label fits whole beside its event, if half the width allows it.
        """
        # The case keeps 60% of the width at least (fitted, it has 1/1.1 of it): any less and
        # it would shrink to a corner.
        most = scale.days_per_pixel / (1.1 * 0.6)
        if not self._items or len(self._items) > 2_000:
            return scale  # mostly density strips at this zoom: no last titles to make room for
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        metrics = QFontMetricsF(self.font())
        bold = QFontMetricsF(bold_font)  # a key event's label is bold, so wider
        per_pixel = scale.days_per_pixel
        for item in heapq.nlargest(40, self._items, key=lambda i: i.last):
            advance = (bold if item.key else metrics).horizontalAdvance(item.title)
            label = min(advance * 1.1 + 16, scale.width / 2)
            end = max(item.last, item.first + MARKER * per_pixel)
            per_pixel = max(per_pixel, (end - scale.start) / max(1.0, scale.width - label))
        return TimeScale(scale.start, min(per_pixel, most), scale.width)

    def holds_any(self, scale: TimeScale | None = None) -> bool:
        """Whether the view (or ``scale``) shows at least one of the events shown."""
        scale = scale or self.scale
        return any(index.any_overlapping(scale.start, scale.end) for index in self._indexes)

    def _fit_if_empty(self) -> None:
        if self._extent is not None and not self.holds_any():
            self.fit_all()

    def select(self, event_id: int | None) -> None:
        """Mark an event as selected and bring it into view (if it is dated)."""
        before, self.selected = self.selected, event_id
        item = self._item(event_id)
        if before != event_id and self._frame is not None and event_id is not None:
            # Its label wins its place now, if it had to give way before.
            drawn = [d for lane in self._frame.lanes for d in lane.drawn if d.item.id == event_id]
            if not drawn or any(not d.spot.labelled or d.spot.elided for d in drawn):
                self._pins = {}
        self._frame = None
        if item is not None and not (
            self.scale.start <= item.first <= self.scale.end
            or item.first <= self.scale.start <= item.last
        ):
            middle = (item.first + min(item.last, item.first + 365)) / 2
            self.scale = self.scale.panned(self.scale.x(middle) - self._plot_width() / 2)
        else:
            self.update()

    def _item(self, event_id: int | None) -> TimelineItem | None:
        return None if event_id is None else self._by_id.get(event_id)

    def zoom(self, factor: float, at_x: float | None = None) -> None:
        """Zoom in (factor > 1) or out about a plot x (default: the middle)."""
        anchor = self._plot_width() / 2 if at_x is None else at_x
        self.scale = self.scale.zoomed(factor, anchor)

    def zoom_to(self, first: float, last: float) -> None:
        """Show ``first`` to ``last`` (days), with a margin; never zooms out."""
        width = self._plot_width()
        per_pixel = min((last - first) * 1.2 / width, self.scale.days_per_pixel / 2)
        self.scale = TimeScale((first + last) / 2 - per_pixel * width / 2, per_pixel, width)

    def density(self, edges: Sequence[float]) -> list[int]:
        """How many events shown start between consecutive ``edges`` (for the overview)."""
        totals = [0] * max(0, len(edges) - 1)
        for index in self._indexes:
            for position, count in enumerate(index.starts(edges)):
                totals[position] += count
        return totals

    # ------------------------------------------------------------------ laying out a frame

    def _frame_for(
        self, painter: QPainter, scale: TimeScale, *, picture: bool, room: float
    ) -> _Frame:
        """The frame for this view, laid out afresh only when something changed."""
        font = painter.font()
        key = (
            scale.start,
            scale.days_per_pixel,
            scale.width,
            self._generation,
            self.selected,
            picture,
            room if picture else 0,
            font.toString(),
            painter.device().logicalDpiY(),
            self.undated_open,
        )
        if self._frame is not None and self._frame.key == key:
            return self._frame
        frame = self._layout(painter, scale, key, picture=picture, room=room)
        if not picture:
            self._frame = frame
        return frame

    def _layout(
        self,
        painter: QPainter,
        scale: TimeScale,
        key: tuple[object, ...],
        *,
        picture: bool,
        room: float,
    ) -> _Frame:
        metrics = QFontMetricsF(painter.font(), painter.device())
        bold_font = QFont(painter.font())
        bold_font.setBold(True)
        bold = QFontMetricsF(bold_font, painter.device())
        self._font_key = f"{painter.font().toString()}@{painter.device().logicalDpiY()}"
        row_height = max(float(ROW_HEIGHT), math.ceil(metrics.height()) + 4)
        dpp = scale.days_per_pixel
        pins_key = (dpp, self._generation)
        pins = {} if picture or pins_key != self._pins_key else self._pins
        if not picture and pins_key != self._pins_key:
            self._rows_seen = {}
        origin = scale.start / dpp
        chips, undated_height, more = self._undated_chips(
            metrics, bold, scale.width + GUTTER, row_height, picture=picture
        )
        found: list[tuple[list[float], str]] = []

        def periods() -> tuple[list[float], str]:
            if not found:
                found.append(self._periods(scale, metrics))
            return found[0]

        cap = MAX_ROWS
        while True:
            lanes = [
                self._lane_frame(
                    lane,
                    index,
                    scale,
                    (metrics, bold),
                    periods=periods,
                    rows=cap,
                    pins=pins.get(lane.label, {}),
                    picture=picture,
                    row_height=row_height,
                )
                for lane, index in zip(self._lanes, self._indexes, strict=True)
            ]
            frame = _Frame(key, origin, lanes, row_height, chips, undated_height, 0, more)
            fits = AXIS_HEIGHT + frame.lanes_height + undated_height <= room
            if not picture or fits or cap <= 1 or not lanes:
                break
            cap = max(1, min(cap - 1, max(lane.rows for lane in lanes) - 1))
        if picture:
            # Lanes that still do not fit are left out, and the picture says how many.
            while frame.lanes and AXIS_HEIGHT + frame.lanes_height + undated_height > room:
                frame.lanes.pop()
                frame.hidden_lanes += 1
        else:
            self._pins_key = pins_key
            right = origin + scale.width
            self._pins = {
                lane.lane.label: {
                    d.item.id: d.spot
                    for d in lane.drawn
                    if (d.x1 >= origin and d.x0 <= right)
                    or (d.spot.labelled and d.spot.label_x1 >= origin and d.spot.label_x0 <= right)
                }
                for lane in lanes
            }
            total = AXIS_HEIGHT + frame.lanes_height + undated_height
            if abs(total - self._wanted_height) > 0.5:
                self._wanted_height = total
                self._geometry_timer.start()  # not from inside a paint
        return frame

    def _lane_frame(
        self,
        lane: Lane,
        index: LaneIndex,
        scale: TimeScale,
        fonts: tuple[QFontMetricsF, QFontMetricsF],
        *,
        periods: Callable[[], tuple[list[float], str]],
        rows: int,
        pins: dict[int, Placed],
        picture: bool,
        row_height: float,
    ) -> _LaneFrame:
        frame = _LaneFrame(lane, index)
        dpp = scale.days_per_pixel
        margin = 0 if picture else WINDOW * dpp
        first, last = scale.start - margin, scale.end + margin
        within: list[TimelineItem] | None = None
        across: list[TimelineItem] = []
        if index.most(first, last) <= 4 * DENSE_AT:
            candidates = index.overlapping(first, last)
            within = [c for c in candidates if not (c.first < first and c.last > last)]
            across = [c for c in candidates if c.first < first and c.last > last]
            across.sort(key=lambda c: (c.last - c.first, not c.key, c.id))
            total_across = len(across)
        elif index.edges_between(first, last) <= 2 * DENSE_AT:
            # Many under way, few beginning or ending here: an hour in a busy year.
            within = index.with_edge_in(first, last)
            across, total_across = index.across(first, last, rows)
        if within is not None and (
            sum(1 for c in within if c.last >= scale.start and c.first <= scale.end) <= DENSE_AT
        ):
            marks = self._marks(within, scale, fonts, picture=picture, measure=False)
            if depth(marks) <= rows:  # their markers fit on the rows: measure the labels
                marks = self._marks(within, scale, fonts, picture=picture)
                # What lasts across the whole view is context: the shortest (the most
                # particular to this view) first, as many as rows are left; the rest counted.
                shown = across[:rows]
                frame.spanning_more = total_across - len(shown)
                later = {c.id: 4e9 + 1e6 * n for n, c in enumerate(shown)}
                marks += self._marks(shown, scale, fonts, picture=picture, later=later)
                if self._place(frame, marks, within + shown, scale, rows=rows, pins=pins,
                               picture=picture, optional=later):  # fmt: skip
                    frame.rows = max(frame.rows, min(rows, MIN_ROWS))
                    if not picture:
                        seen = self._rows_seen.get(lane.label, 0)
                        frame.rows = max(frame.rows, min(seen, rows))
                        self._rows_seen[lane.label] = frame.rows
                    frame.height = 2 * LANE_PAD + frame.rows * row_height
                    return frame
        # Too many to draw one by one: a density strip, the most important labelled above.
        frame.dense = True
        frame.spanning_more = 0
        wanted = max(8, int(DENSE_ROWS * scale.width / 110))
        # What starts in view first (zoomed in, the handful of the hour), then the most
        # important of those passing through, which give way to them.
        chosen = index.top(first, last, wanted, starting=True)
        ids = {c.id for c in chosen}
        passing = [c for c in index.top(first, last, SPANNING_SHOWN) if c.id not in ids]
        chosen += passing
        ids |= {c.id for c in passing}
        for wanted_id in {*pins, self.selected}:  # what is on screen stays; the selected too
            known = self._by_id.get(wanted_id) if wanted_id is not None else None
            own = index.find(known.id, known.first) if known is not None else None
            if own is not None and own.id not in ids and own.last >= first and own.first <= last:
                chosen.append(own)
                ids.add(own.id)
        later = {c.id: 1e10 for c in passing}
        marks = self._marks(chosen, scale, fonts, picture=picture, later=later)
        # A highlight is there to be read: one whose label would not fit whole gives its place
        # to the others (key events, the selected and those on screen stay even so).
        whole = {c.id for c in chosen if not c.key and c.id != self.selected and c.id not in pins}
        self._place(frame, marks, chosen, scale, rows=min(rows, DENSE_ROWS), pins=pins,
                    picture=picture, optional={m.key for m in marks}, whole=whole)  # fmt: skip
        frame.rows = max(1, frame.rows)
        frame.bins, frame.bins_unit = self._histogram(index, scale, *periods())
        frame.height = 2 * LANE_PAD + frame.rows * row_height + HISTOGRAM
        return frame

    def _marks(
        self,
        chosen: list[TimelineItem],
        scale: TimeScale,
        fonts: tuple[QFontMetricsF, QFontMetricsF],
        *,
        picture: bool,
        later: dict[int, float] | None = None,
        measure: bool = True,
    ) -> list[Mark]:
        """The chosen items as marks for the placer: extents in pixels, labels' widths, ranks.

        Key events rank first, then the selected, then the longest spans; faded ones last.
        :param later: added to these items' ranks, so that they give way to the others.
        :param measure: measure the labels (not needed to see whether the markers fit).
        """
        later = later or {}
        fades = self.fades
        dpp = scale.days_per_pixel
        origin = scale.start / dpp
        low = origin if picture else origin - WINDOW
        high = origin + scale.width if picture else origin + scale.width + WINDOW
        metrics, bold = fonts
        font_key = self._font_key
        widths = self._widths
        marks: list[Mark] = []
        for item in chosen:
            x0 = item.first / dpp
            x1 = max(item.last / dpp, x0 + MARKER)
            x0, x1 = max(x0, low), min(x1, high)
            if x1 - x0 < MARKER:
                if x0 <= low:
                    x1 = x0 + MARKER
                else:
                    x0 = x1 - MARKER
            label = 0.0
            if measure and not fades(item.id):
                width_key = (font_key, item.title, item.key)
                label = widths.get(width_key, -1.0)
                if label < 0:
                    label = (bold if item.key else metrics).horizontalAdvance(item.title) + 2
                    widths[width_key] = label
            if item.key:
                rank = 0.0
            elif item.id == self.selected:
                rank = 1e9
            else:
                rank = 2e9 + (3e9 if fades(item.id) else 0.0)
            rank += later.get(item.id, 0.0) - span_length(item) / MINUTE
            marks.append(Mark(item.id, x0, x1, label, rank))
        return marks

    def _place(
        self,
        frame: _LaneFrame,
        marks: list[Mark],
        chosen: list[TimelineItem],
        scale: TimeScale,
        *,
        rows: int,
        pins: dict[int, Placed],
        picture: bool,
        optional: Collection[int] = (),
        whole: Collection[int] = (),
    ) -> bool:
        """Place the marks; False if one not optional found no row (the lane is too dense).

        Optional marks without a row are counted in ``spanning_more`` (outside a density strip,
        the optional ones are those lasting across the view).
        """
        origin = scale.start / scale.days_per_pixel
        placement = place(
            marks,
            rows,
            right=origin + scale.width if picture else math.inf,
            left=origin,  # a title before its marker never starts off the view
            pinned=pins,
            optional=optional,
            whole=whole,
        )
        if not frame.dense and any(key not in optional for key in placement.dropped):
            return False
        if not frame.dense:
            frame.spanning_more += len(placement.dropped)
        by_id = {item.id: item for item in chosen}
        frame.rows = placement.rows
        frame.drawn = [
            _Drawn(by_id[m.key], m.x0, m.x1, placement.placed[m.key], by_id[m.key].key)
            for m in marks
            if m.key in placement.placed
        ]
        return True

    def _axis(self, scale: TimeScale, metrics: QFontMetricsF) -> Axis:
        """The axis's ticks for this view (worked out once per view, not once per paint)."""
        key = (scale, metrics.averageCharWidth())
        if self._axis_cache is None or self._axis_cache[0] != key:
            self._axis_cache = (key, axis(scale, char_px=metrics.averageCharWidth() + 1))
        return self._axis_cache[1]

    def _periods(self, scale: TimeScale, metrics: QFontMetricsF) -> tuple[list[float], str]:
        """The edges of the density strips' periods, in the axis's units, and the unit.

        The minor unit if its periods are wide enough to see, else the major one.
        """
        ticks = self._axis(scale, metrics)
        unit, days = ticks.minor_unit, [t.days for t in ticks.minor]
        if not days or (len(days) > 1 and (days[1] - days[0]) / scale.days_per_pixel < 5):
            unit, days = ticks.unit, [t.days for t in ticks.major]
        edges = sorted({*days})
        if not edges or edges[0] > scale.start:
            edges.insert(0, scale.start)
        if edges[-1] < scale.end:
            edges.append(scale.end + scale.days_per_pixel)  # the last period reaches past it
        return edges, unit

    def _histogram(
        self, index: LaneIndex, scale: TimeScale, edges: list[float], unit: str
    ) -> tuple[list[tuple[float, float, int, int]], str]:
        """How many of the lane's events start in each period in view (and how many hits)."""
        counts = index.starts(edges)
        hits = index.starts(edges, hits=True) if self._shown.hits is not None else counts
        bins = [
            (a, b, n, h)
            for a, b, n, h in zip(edges, edges[1:], counts, hits, strict=False)
            if n and b > scale.start and a < scale.end
        ]
        return bins, unit

    def _undated_chips(
        self,
        metrics: QFontMetricsF,
        bold: QFontMetricsF,
        width: float,
        row_height: float,
        *,
        picture: bool,
    ) -> tuple[list[_Chip], float, int]:
        """The undated strip's chips (flowed in rows), its height, and how many did not fit."""
        if not self._undated:
            return [], 0.0, 0
        if not self.undated_open:
            return [], row_height + 2 * LANE_PAD, 0
        chips: list[_Chip] = []
        x, row, left = 8.0, 0, 8.0
        limit = width - 8
        for position, item in enumerate(self._undated):
            fm = bold if item.key else metrics
            text = fm.elidedText(item.title, Qt.TextElideMode.ElideRight, 320)
            chip_width = fm.horizontalAdvance(text) + 16
            if x + chip_width > limit and x > left:
                row, x = row + 1, left
            if row >= UNDATED_ROWS:
                more = len(self._undated) - position
                # Room for the "and N more" note: the chips before it give way.
                while chips and (
                    chips[-1].rect.right() + 10 + metrics.horizontalAdvance(more_note(more + 1))
                    > limit
                ):
                    chips.pop()
                    more += 1
                return chips, (UNDATED_ROWS + 1) * row_height + 2 * LANE_PAD, more
            rect = QRectF(x, (row + 1) * row_height + LANE_PAD, chip_width, row_height - 3)
            chips.append(_Chip(item, rect, text))
            x += chip_width + 6
        return chips, (row + 2) * row_height + 2 * LANE_PAD, 0

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # In a scroll area the axis stays at the top of what is shown.
        self.render_into(
            painter, QRectF(self.rect()), axis_top=self.visibleRegion().boundingRect().top()
        )
        painter.end()

    def render_into(
        self,
        painter: QPainter,
        area: QRectF,
        axis_top: float | None = None,
        *,
        picture: bool = False,
    ) -> None:
        """The one painting routine: screen, image, SVG, PDF and printer all come here.

        ``axis_top`` pins the time axis there (the top of what a scroll area shows).
        :param picture: a picture of fixed size (a file, a printer): the lanes are fitted
            into ``area``'s height, and labels end at its right edge.
        """
        palette = self.palette()
        painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
        width = max(1, int(area.width() - GUTTER))
        scale = self.scale if math.isclose(self.scale.width, width) else self.scale.resized(width)
        frame = self._frame_for(painter, scale, picture=picture, room=area.height())
        metrics = QFontMetricsF(painter.font(), painter.device())
        self._hits, self._bins, self._gutters = [], [], []
        plot_left = area.left() + GUTTER
        top = area.top() + AXIS_HEIGHT
        lanes_top = top
        for number, lane in enumerate(frame.lanes):
            if number % 2:
                painter.fillRect(
                    QRectF(area.left(), top, area.width(), lane.height),
                    palette.color(QPalette.ColorRole.AlternateBase),
                )
            top += lane.height
        # The grid under the events, and over the lanes only (not the undated strip).
        self._paint_grid(
            painter, scale, metrics, QRectF(plot_left, lanes_top, width, top - lanes_top)
        )
        top = lanes_top
        for number, lane in enumerate(frame.lanes):
            painter.save()
            painter.setClipRect(QRectF(plot_left, top, width, lane.height))
            at = QPointF(plot_left, top)
            if lane.dense:
                self._paint_histogram(painter, lane, scale=scale, at=at)
            self._paint_events(painter, frame, lane, scale=scale, at=at, metrics=metrics)
            painter.restore()
            self._paint_gutter(painter, lane, QRectF(area.left(), top, GUTTER, lane.height), frame)
            self._gutters.append((QRectF(area.left(), top, GUTTER, lane.height), number))
            top += lane.height
        mid = QColor(palette.color(QPalette.ColorRole.Mid))
        painter.setPen(mid)
        painter.drawLine(QPointF(plot_left - 0.5, area.top()), QPointF(plot_left - 0.5, top))
        if frame.hidden_lanes:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(
                QRectF(plot_left + 4, top, width - 8, frame.row_height),
                Qt.AlignmentFlag.AlignVCenter,
                f"{frame.hidden_lanes} more lane{'s' * (frame.hidden_lanes != 1)} do not fit "
                "in this picture: make it taller.",
            )
            top += frame.row_height
        self._paint_undated(painter, frame, QRectF(area.left(), top, area.width(), 0), metrics)
        if not frame.lanes and not frame.hidden_lanes:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(plot_left, top + frame.undated_height, width, 3 * frame.row_height),
                Qt.AlignmentFlag.AlignCenter,
                self._nothing_to_show(),
            )
        if self._lane_drag is not None and self._lane_drop is not None:
            self._paint_drop_line(painter, frame, area)
        axis_at = area.top() if axis_top is None else axis_top
        self._paint_axis(painter, scale, area, metrics, axis_at)
        self._axis_bottom = axis_at + AXIS_HEIGHT  # events scrolled under the axis are hidden

    def _nothing_to_show(self) -> str:
        """What an empty timeline says, so that empty is never mistaken for broken."""
        if self._loading is not None:
            return f"Reading the timeline of {self._loading:,} events…"
        if self._all_items or self._all_undated:
            if not self._items and self._undated:
                return "None of the events shown has a date yet."
            return "No event with a date matches the filters."
        return "This case has no events yet."

    def _paint_events(
        self,
        painter: QPainter,
        frame: _Frame,
        lane: _LaneFrame,
        *,
        scale: TimeScale,
        at: QPointF,
        metrics: QFontMetricsF,
    ) -> None:
        """The lane's events drawn one by one: markers, leaders and labels.

        Pens and brushes are made once per look (colour, key, disputed, faded), and elided
        labels once per width: a frame's cost is the drawing, not the making of objects.
        """
        plot_left, top = at.x(), at.y()
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        lane_colour = lane.lane.colour or highlight.name()
        shift = plot_left - scale.start / scale.days_per_pixel
        row_h = frame.row_height
        plain_font = painter.font()
        bold_font = QFont(plain_font)
        bold_font.setBold(True)
        bold_metrics = QFontMetricsF(bold_font, painter.device())
        found = QColor(255, 213, 79, 170)  # a marker pen's yellow, behind a search's hits
        searching = self._shown.hits is not None
        fades = self.fades
        view_left, view_right = plot_left, plot_left + scale.width
        looks = self._looks
        selected_pen = QPen(highlight, 3)
        leaders: list[tuple[QPen, QLineF]] = []
        labels: list[tuple[bool, QRectF, str]] = []
        hits = self._hits
        for drawn in lane.drawn:
            item, spot = drawn.item, drawn.spot
            y = top + LANE_PAD + spot.row * row_h
            if spot.inside:  # the whole row's height, and paler, for the words inside it
                box = QRectF(drawn.x0 + shift, y + 1, drawn.x1 - drawn.x0, row_h - 2)
            else:
                box = QRectF(drawn.x0 + shift, y + 3, drawn.x1 - drawn.x0, row_h - 6)
            if item.id == self._dragged:
                box.translate(self._drag_dx, 0)
            look_key = (
                item.colour or lane_colour,
                item.key,
                item.disputed,
                item.uncertain or spot.inside,
                fades(item.id),
            )
            look = looks.get(look_key)
            if look is None:
                look = looks[look_key] = _look(look_key, text)
            pen, brush = look
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawRect(box)
            if spot.inside and not fades(item.id):  # pale for its words, its colour underneath
                painter.fillRect(
                    QRectF(box.left(), box.bottom() - 3, box.width(), 3),
                    QColor(item.colour or lane_colour),
                )
            if item.id == self.selected:
                painter.setPen(selected_pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box.adjusted(-2, -2, 2, 2))
            hits.append((box, item.id))
            if not spot.labelled:
                continue
            fm = bold_metrics if drawn.bold else metrics
            if spot.inside:
                # Written inside its bar, from the bar's visible start.
                x0 = max(box.left(), view_left) + 3
                room = min(box.right(), view_right) - 3 - x0
                if room < MIN_LABEL:
                    continue
                label_rect = QRectF(x0, y, room, row_h)
                words = self._elide(fm, drawn.bold, item, room)
            else:
                label_y = top + LANE_PAD + spot.label_row * row_h
                # A label laid out past either edge of the view is written from the view's
                # left edge and to its right edge, with "…": never a word's tail or head.
                x0 = max(spot.label_x0 + shift, view_left)
                room = min(spot.label_x1 + shift, view_right) - x0
                cut = room < spot.label_x1 - spot.label_x0 - 0.5
                if room < MIN_LABEL:
                    continue
                label_rect = QRectF(x0, label_y, room + 2, row_h)
                words = (
                    self._elide(fm, drawn.bold, item, room) if spot.elided or cut else item.title
                )
                if spot.leader:
                    lx = spot.leader_x + shift
                    middle = label_y + row_h / 2
                    leaders.append((pen, QLineF(lx, box.bottom(), lx, middle)))
                    leaders.append((pen, QLineF(lx, middle, x0 - 1, middle)))
            if not words:
                continue
            width = self._width_of(fm, drawn.bold, item, words)
            if searching and not fades(item.id):
                painter.fillRect(QRectF(x0 - 1, label_rect.top() + 2, width + 2, row_h - 4), found)
            labels.append((drawn.bold, label_rect, words))
            hits.append((QRectF(x0, label_rect.top() + 2, width, row_h - 4), item.id))
        for pen, line in leaders:
            painter.setPen(pen)
            painter.drawLine(line)
        painter.setPen(text)
        for bold, font in ((False, plain_font), (True, bold_font)):
            painter.setFont(font)
            for is_bold, rect, words in labels:
                if is_bold == bold:
                    painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, words)
        painter.setFont(plain_font)

    def _elide(self, metrics: QFontMetricsF, bold: bool, item: TimelineItem, room: float) -> str:
        """The item's title cut to ``room`` pixels with an ellipsis (kept for the next frame)."""
        key = (self._font_key, bold, item.title, int(room))
        words = self._elided.get(key)
        if words is None:
            if len(self._elided) > 20_000:
                self._elided.clear()
            words = self._elided[key] = metrics.elidedText(
                item.title, Qt.TextElideMode.ElideRight, int(room)
            )
        return words

    def _width_of(
        self, metrics: QFontMetricsF, bold: bool, item: TimelineItem, words: str
    ) -> float:
        if words == item.title:
            width = self._widths.get((self._font_key, item.title, bold))
            if width is not None:
                return width - 2
        return metrics.horizontalAdvance(words)

    def _paint_histogram(
        self, painter: QPainter, lane: _LaneFrame, *, scale: TimeScale, at: QPointF
    ) -> None:
        """The density strip at the bottom of a dense lane: a bar per period of the axis."""
        plot_left, top = at.x(), at.y()
        palette = self.palette()
        colour = (
            QColor(lane.lane.colour)
            if lane.lane.colour
            else palette.color(QPalette.ColorRole.Highlight)
        )
        base = top + lane.height - LANE_PAD
        peak = max((n for _, _, n, _ in lane.bins), default=1) or 1
        tall = HISTOGRAM - 6
        # Solid, not see-through: mixed with the paper by hand (blending costs more).
        paper = palette.color(QPalette.ColorRole.Base)
        share = 30 if self._shown.hits is not None else 60
        pale = QColor(
            (colour.red() * share + paper.red() * (100 - share)) // 100,
            (colour.green() * share + paper.green() * (100 - share)) // 100,
            (colour.blue() * share + paper.blue() * (100 - share)) // 100,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        rects, strong = [], []
        for first, last, count, hits in lane.bins:
            x0 = plot_left + scale.x(first)
            x1 = plot_left + scale.x(last)
            left, right = max(x0, plot_left), min(x1, plot_left + scale.width)
            gap = 1.0 if x1 - x0 > 4 else 0.0
            height = max(2.0, tall * count / peak)
            rect = QRectF(left, base - height, max(1.0, right - left - gap), height)
            rects.append(rect)
            if self._shown.hits is not None and hits:
                found = max(2.0, tall * hits / peak)
                strong.append(QRectF(left, base - found, max(1.0, right - left - gap), found))
            self._bins.append(
                (
                    QRectF(left, base - tall, max(1.0, right - left), tall),
                    first,
                    last,
                    count,
                    hits,
                    lane.bins_unit,
                )
            )
        painter.setBrush(pale)
        painter.drawRects(rects)
        if strong:
            painter.setBrush(colour)
            painter.drawRects(strong)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(
            QPointF(plot_left, base + 0.5), QPointF(plot_left + scale.width, base + 0.5)
        )

    def _paint_gutter(
        self, painter: QPainter, lane: _LaneFrame, rect: QRectF, frame: _Frame
    ) -> None:
        """The lane's name, and under it how many events it holds."""
        palette = self.palette()
        font = painter.font()
        name_font = QFont(font)
        name_font.setBold(True)
        painter.setFont(name_font)
        metrics = QFontMetricsF(name_font, painter.device())
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        row = QRectF(rect.left() + 6, rect.top() + LANE_PAD, GUTTER - 12, frame.row_height)
        # In the middle: "Managing d…Interserve" and "…Sopra Steria" stay apart.
        painter.drawText(
            row,
            Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(lane.lane.label, Qt.TextElideMode.ElideMiddle, row.width()),
        )
        painter.setFont(font)
        if rect.height() >= 2 * frame.row_height + LANE_PAD:
            count = len(lane.index)
            note = f"{count:,} event{'s' * (count != 1)}"
            if lane.spanning_more:
                note += f", {lane.spanning_more:,} across"
            small = QFontMetricsF(font, painter.device())
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                row.translated(0, frame.row_height),
                Qt.AlignmentFlag.AlignVCenter,
                small.elidedText(note, Qt.TextElideMode.ElideRight, row.width()),
            )
        colour = lane.lane.colour
        if colour:
            painter.fillRect(
                QRectF(rect.left(), rect.top() + 2, 3, rect.height() - 4), QColor(colour)
            )

    def _paint_undated(
        self, painter: QPainter, frame: _Frame, strip: QRectF, metrics: QFontMetricsF
    ) -> None:
        """The strip of undated events: a heading that folds it, and a chip per event."""
        self._chips = []
        self._undated_heading = QRectF()
        if not self._undated:
            return
        palette = self.palette()
        top = strip.top()
        painter.fillRect(
            QRectF(strip.left(), top, strip.width(), frame.undated_height),
            palette.color(QPalette.ColorRole.Window),
        )
        heading = QRectF(strip.left() + 6, top + LANE_PAD, strip.width() - 12, frame.row_height)
        font = painter.font()
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        count = len(self._undated)
        arrow = "▾" if self.undated_open else "▸"
        words = f"{arrow} Undated events ({count:,})"
        if not self.undated_open:
            words += " — click or press U to list them"
        painter.drawText(heading, Qt.AlignmentFlag.AlignVCenter, words)
        self._undated_heading = QRectF(
            heading.left(),
            heading.top(),
            QFontMetricsF(bold, painter.device()).horizontalAdvance(words) + 8,
            heading.height(),
        )
        highlight = palette.color(QPalette.ColorRole.Highlight)
        for chip in frame.chips:
            rect = chip.rect.translated(strip.left(), top)
            item = chip.item
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(rect, 4, 4)
            if item.colour:
                painter.fillRect(
                    QRectF(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2),
                    QColor(item.colour),
                )
            if item.id == self.selected:
                painter.setPen(QPen(highlight, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 4, 4)
            ink = QColor(palette.color(QPalette.ColorRole.Text))
            if item.faded:
                ink.setAlpha(90)
            elif self._shown.hits is not None:
                painter.fillRect(rect.adjusted(5, 2, -2, -2), QColor(255, 213, 79, 170))
            painter.setFont(bold if item.key else font)
            painter.setPen(ink)
            painter.drawText(rect.adjusted(10, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, chip.text)
            self._chips.append((rect, item.id))
        painter.setFont(font)
        if frame.more_undated:
            last = frame.chips[-1].rect.translated(strip.left(), top) if frame.chips else heading
            note = QRectF(
                last.right() + 10 if frame.chips else strip.left() + 8,
                last.top() if frame.chips else top + frame.row_height + LANE_PAD,
                170,
                frame.row_height - 3,
            )
            words = more_note(frame.more_undated)
            note.setWidth(metrics.horizontalAdvance(words) + 4)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(note, Qt.AlignmentFlag.AlignVCenter, words)

    def _paint_drop_line(self, painter: QPainter, frame: _Frame, area: QRectF) -> None:
        """Where a dragged lane would go."""
        top = area.top() + AXIS_HEIGHT
        tops = [top]
        for lane in frame.lanes:
            top += lane.height
            tops.append(top)
        at = tops[min(max(self._lane_drop or 0, 0), len(tops) - 1)]
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
        painter.drawLine(QPointF(area.left(), at), QPointF(area.right(), at))

    def _paint_grid(
        self, painter: QPainter, scale: TimeScale, metrics: QFontMetricsF, lanes: QRectF
    ) -> None:
        """A line down the lanes at each labelled tick of the axis."""
        palette = self.palette()
        # A solid colour between the lines' and the paper's: blending a line as tall as the
        # view costs more than all the events drawn on it.
        mid, base = palette.color(QPalette.ColorRole.Mid), palette.color(QPalette.ColorRole.Base)
        painter.setPen(
            QColor(
                (mid.red() * 35 + base.red() * 65) // 100,
                (mid.green() * 35 + base.green() * 65) // 100,
                (mid.blue() * 35 + base.blue() * 65) // 100,
            )
        )
        xs = [lanes.left() + scale.x(tick.days) for tick in self._axis(scale, metrics).major]
        painter.drawLines(
            [QLineF(x, lanes.top(), x, lanes.bottom()) for x in xs if x >= lanes.left()]
        )

    def _paint_axis(
        self, painter: QPainter, scale: TimeScale, area: QRectF, metrics: QFontMetricsF, top: float
    ) -> None:
        palette = self.palette()
        left = area.left() + GUTTER
        painter.fillRect(
            QRectF(area.left(), top, area.width(), AXIS_HEIGHT),
            palette.color(QPalette.ColorRole.Window),
        )
        ticks = self._axis(scale, metrics)
        bottom = top + AXIS_HEIGHT
        minor = [
            QLineF(x, bottom - 5, x, bottom)
            for tick in ticks.minor
            if (x := left + scale.x(tick.days)) >= left
        ]
        majors = [(left + scale.x(tick.days), tick.label) for tick in ticks.major]
        majors = [(x, label) for x, label in majors if x >= left]
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLines(minor)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawLines([QLineF(x, bottom - 10, x, bottom) for x, _ in majors])
        right = area.left() + area.width()
        for x, label in majors:
            if x + 3 + metrics.horizontalAdvance(label) <= right:  # never cut at the edge
                painter.drawText(QPointF(x + 3, bottom - 12), label)
        painter.drawText(
            QRectF(area.left() + 6, top, GUTTER - 12, AXIS_HEIGHT),
            Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(ticks.context, Qt.TextElideMode.ElideRight, GUTTER - 12),
        )

    # ------------------------------------------------------------------ interaction

    def _hit(self, point: QPointF) -> int | None:
        if point.y() < self._axis_bottom:
            return None
        for box, event_id in reversed(self._hits):
            if point.x() >= GUTTER and box.adjusted(-2, -2, 2, 2).contains(point):
                return event_id
        for box, event_id in self._chips:
            if box.contains(point):
                return event_id
        return None

    def _bin_at(self, point: QPointF) -> tuple[QRectF, float, float, int, int, str] | None:
        if point.y() < self._axis_bottom or point.x() < GUTTER:
            return None
        return next((b for b in self._bins if b[0].contains(point)), None)

    def _lane_at(self, point: QPointF) -> int | None:
        if point.y() < self._axis_bottom:
            return None
        return next((n for rect, n in self._gutters if rect.contains(point)), None)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.NativeGesture
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            # Two fingers on a touchpad: value() is how much bigger since the last step.
            self.zoom(max(0.1, 1 + event.value()), event.position().x() - GUTTER)
            return True
        if (
            event.type() == QEvent.Type.Gesture
            and (pinch := event.gesture(Qt.GestureType.PinchGesture)) is not None
        ):
            # Two fingers on a touchscreen: scaleFactor() is the change since the last step.
            centre = self.mapFromGlobal(pinch.centerPoint())
            self.zoom(max(0.1, pinch.scaleFactor()), centre.x() - GUTTER)
            event.accept(pinch)
            return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.25**steps, event.position().x() - GUTTER)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._end_drags()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = event.position()
        if self._undated_heading.contains(point):
            self.set_undated_open(not self.undated_open)
            return
        lane = self._lane_at(point)
        if lane is not None:
            self._lane_drag, self._lane_drop = lane, lane
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        hit = self._hit(point)
        if hit is not None:
            self.select(hit)
            self.event_selected.emit(hit)
            # Selecting may have asked a question (an unsaved edit): then the press is over.
            if QApplication.mouseButtons() & Qt.MouseButton.LeftButton and any(
                i.id == hit for i in self._items
            ):
                self._dragged, self._drag_start = hit, point.x()
            return
        dense = self._bin_at(point)
        if dense is not None:  # a dense stretch: zoom in on it
            _, first, last, *_ = dense
            self.zoom_to(first, last)
            return
        self._drag_from = point.x()

    def _end_drags(self) -> None:
        """Forget any drag under way (nothing is re-dated, no lane moved)."""
        self._dragged, self._drag_dx, self._drag_from = None, 0.0, None
        self._lane_drag = self._lane_drop = None
        self.unsetCursor()
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._end_drags()
        super().focusOutEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        held = event.buttons() & Qt.MouseButton.LeftButton
        if self._lane_drag is not None and held:
            self._lane_drop = self._drop_index(point.y())
            self.update()
            return
        if self._dragged is not None and held:
            self._drag_dx = point.x() - self._drag_start
            item = self._item(self._dragged)
            if item is not None and abs(self._drag_dx) > 3:
                try:
                    tip = f"Re-date to {item.moved_by(self._days_dragged())}"
                except DateError as error:
                    tip = str(error)
                QToolTip.showText(event.globalPosition().toPoint(), tip, self)
            self.update()
            return
        if self._drag_from is not None and held:
            dx = self._drag_from - point.x()
            self._drag_from = point.x()
            self.scale = self.scale.panned(dx)
            return
        QToolTip.showText(event.globalPosition().toPoint(), self._tip(point), self)

    def _tip(self, point: QPointF) -> str:
        """What the pointer is over, in words (empty: nothing)."""
        hit = self._hit(point)
        if hit is not None:
            item = self._item(hit)
            extra = self.describe(hit) if self.describe else ""
            if item is not None:
                head = f"{item.display} — {item.title}"
            else:
                head = next((f"Undated — {u.title}" for u in self._undated if u.id == hit), "")
            return head + (f"\n{extra}" if extra else "")
        dense = self._bin_at(point)
        if dense is not None:
            _, first, _, count, hits, unit = dense
            found = f" ({hits:,} found)" if self._shown.hits is not None else ""
            return (
                f"{period_name(unit, first)}: {count:,} event{'s' * (count != 1)}{found}. "
                "Click to zoom in."
            )
        lane = self._lane_at(point)
        if lane is not None and lane < len(self._lanes):
            return f"{self._lanes[lane].label}\nDrag to move this lane (Ctrl+Shift+↑/↓)"
        if self._undated_heading.contains(point):
            return "Show or hide the undated events (U)"
        return ""

    def _drop_index(self, y: float) -> int:
        """The lane position a dragged name would take at height ``y``."""
        rects = [rect for rect, _ in self._gutters]
        for position, rect in enumerate(rects):
            if y < rect.center().y():
                return position
        return len(rects)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self._lane_drag is not None:
            lane, drop = self._lane_drag, self._lane_drop
            self._end_drags()
            if drop is not None:
                self.move_lane(lane, drop if drop <= lane else drop - 1)
            return
        dragged, days, moved = self._dragged, self._days_dragged(), abs(self._drag_dx) > 3
        self._end_drags()
        if dragged is not None and moved:
            self.redate_requested.emit(dragged, days)

    def move_lane(self, position: int, to: int) -> None:
        """Move the lane at ``position`` to ``to`` (a view setting: remembered, not undone)."""
        labels = self.lane_labels
        if not (0 <= position < len(labels)) or position == to:
            return
        to = min(max(to, 0), len(labels) - 1)
        label = labels.pop(position)
        labels.insert(to, label)
        # Lanes hidden now (empty, or filtered out) keep their place after the shown ones.
        self.set_lane_order(labels + [o for o in self.lane_order if o not in labels])
        self.lane_order_changed.emit(list(self.lane_order))

    def reset_lane_order(self) -> None:
        """Put the lanes back in their own order."""
        self.set_lane_order([])
        self.lane_order_changed.emit([])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        lane = self._lane_at(QPointF(event.pos()))
        if lane is None:
            return
        menu = QMenu(self)
        menu.addAction("Move lane up", lambda: self.move_lane(lane, lane - 1)).setEnabled(lane > 0)
        menu.addAction("Move lane down", lambda: self.move_lane(lane, lane + 1)).setEnabled(
            lane < len(self._lanes) - 1
        )
        menu.addAction("Reset the lanes' order", self.reset_lane_order).setEnabled(
            bool(self.lane_order)
        )
        menu.exec(event.globalPos())

    def _days_dragged(self) -> float:
        return self._drag_dx * self.scale.days_per_pixel

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position())
        if hit is not None:
            self.edit_requested.emit(hit)

    def focusNextPrevChild(self, next_child: bool) -> bool:
        """Tab and Shift+Tab move between events; past the last (or first), out of the view."""
        ids = self._in_time
        at_the_end = self.selected in ids and ids.index(self.selected) == (
            len(ids) - 1 if next_child else 0
        )
        if not ids or at_the_end:  # nothing to move to: Tab goes on, as anywhere else
            return super().focusNextPrevChild(next_child)
        self.step(1 if next_child else -1)
        return True

    def step(self, by: int) -> None:
        """Select the event ``by`` places later (or earlier) in time, and show it."""
        ids = self._in_time
        if not ids:
            return
        if self.selected in ids:
            self.go_to(ids.index(self.selected) + by)
        else:
            self.go_to(0 if by > 0 else len(ids) - 1)

    def go_to(self, position: int) -> None:
        """Select the event at ``position`` in time order (clamped; -1 is the last)."""
        ids = self._in_time
        if ids:
            chosen = ids[min(max(position, 0), len(ids) - 1) if position >= 0 else -1]
            self.select(chosen)
            self.event_selected.emit(chosen)

    def zoom_to_selection(self) -> None:
        """Fit the view to the selected event (with room around it)."""
        item = self._item(self.selected)
        if item is not None:
            span = max(item.last - item.first, 1.0)
            self.scale = TimeScale.fit(item.first - span, item.last + span, self._plot_width())

    def _move_selected_lane(self, by: int) -> None:
        """Ctrl+Shift+Up/Down: move the lane of the selected event up or down."""
        for position, index in enumerate(self._indexes):
            if any(i.id == self.selected for i in index.items):
                self.move_lane(position, position + by)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        control = modifiers & Qt.KeyboardModifier.ControlModifier
        shift = modifiers & Qt.KeyboardModifier.ShiftModifier
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and control and shift:
            self._move_selected_lane(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.5)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / 1.5)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and control:
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
        elif key == Qt.Key.Key_U:
            self.set_undated_open(not self.undated_open)
        elif key == Qt.Key.Key_Escape and (
            self._dragged is not None or self._lane_drag is not None
        ):
            self._end_drags()  # put the dragged event (or lane) back
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: object) -> None:
        if self._fitted:
            self.fit_all()  # the whole case, over the new width
        else:
            self.scale = self.scale.resized(self._plot_width())


def _look(look: tuple[str, bool, bool, bool, bool], text: QColor) -> tuple[QPen, QBrush]:
    """The pen and brush of a marker of this look: (colour, key, disputed, uncertain, faded).

    Faint if uncertain (known only to the month or year) or if a search passed it over;
    outlined in the text's colour, and thicker, if key; dashed if disputed.
    """
    colour, key, disputed, uncertain, faded = look
    fill = QColor(colour)
    edge = QColor(text) if key else fill.darker(140)
    if faded:
        fill.setAlpha(45)
        edge.setAlpha(70)
    elif uncertain:
        fill.setAlpha(90)
    pen = QPen(edge, 2 if key else 1, Qt.PenStyle.DashLine if disputed else Qt.PenStyle.SolidLine)
    return pen, QBrush(fill)


def more_note(count: int) -> str:
    """What the undated strip says of the events it has no room for."""
    return f"and {count:,} more (see the table)"
