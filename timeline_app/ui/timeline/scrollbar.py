"""TimelineScrollBar: pan the timeline over the whole case with an ordinary scrollbar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QScrollBar, QWidget

from timeline_app.core.timescale import TimeScale
from timeline_app.ui.timeline.view import TimelineView

_MOST_STEPS = 1_000_000_000
"""A scrollbar counts in ints: past this many pixels, one step is several pixels."""


class TimelineScrollBar(QScrollBar):
    """Spans the case's first to last event (and the view, if it lies beyond them).

    The handle is as wide as the visible window; moving it pans the view, keeping the zoom.
    """

    def __init__(self, view: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._view = view
        self._origin = 0.0  # the day at value 0
        self._pixels_per_step = 1.0
        self._syncing = False  # moving the handle to follow the view
        self._scrolling = False  # moving the view to follow the handle
        view.view_changed.connect(self._follow_view)
        self.valueChanged.connect(self._on_value_changed)
        self._follow_view()

    @Slot()
    def _follow_view(self) -> None:
        if self._scrolling:  # keep the origin still while the handle moves the view
            return
        scale = self._view.scale
        first, last = self._view.extent or (scale.start, scale.end)
        first, last = min(first, scale.start), max(last, scale.end)
        pixels = (last - first) / scale.days_per_pixel
        self._origin = first
        self._pixels_per_step = max(1.0, pixels / _MOST_STEPS)
        page = round(scale.width / self._pixels_per_step)
        self._syncing = True
        try:
            self.setRange(0, max(0, round(pixels / self._pixels_per_step) - page))
            self.setPageStep(page)
            self.setSingleStep(max(1, page // 10))
            self.setValue(
                round((scale.start - first) / scale.days_per_pixel / self._pixels_per_step)
            )
        finally:
            self._syncing = False

    @Slot(int)
    def _on_value_changed(self, value: int) -> None:
        if self._syncing:
            return
        scale = self._view.scale
        start = self._origin + value * self._pixels_per_step * scale.days_per_pixel
        self._scrolling = True
        try:
            self._view.scale = TimeScale(start, scale.days_per_pixel, scale.width)
        finally:
            self._scrolling = False
