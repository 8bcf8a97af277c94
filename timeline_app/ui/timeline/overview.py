"""OverviewStrip: the whole case in a thin strip, with the timeline's window marked."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from timeline_app.core.timescale import TimeScale
from timeline_app.ui.timeline.view import LANE_LABEL_WIDTH, TimelineView


class OverviewStrip(QWidget):
    """Drag (or click) in the strip to move the timeline there, keeping its zoom."""

    def __init__(self, view: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._counted: tuple[tuple[object, ...], list[int]] = ((), [])
        self.setFixedHeight(34)
        self.setToolTip("The whole case; drag the marked window to move the timeline")
        view.view_changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(900, 34)

    def _whole(self) -> TimeScale | None:
        extent = self._view.extent
        if extent is None:
            return None
        return TimeScale.fit(*extent, max(1, self.width() - LANE_LABEL_WIDTH), margin=0.02)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        whole = self._whole()
        if whole is not None:
            left = LANE_LABEL_WIDTH
            ink = QColor(palette.color(QPalette.ColorRole.Text))
            ink.setAlpha(120)
            # How many events start under each pixel, from the lanes' indexes: the cost
            # follows the strip's width, not the size of the case.
            width = int(whole.width)
            key = (width, whole.start, whole.days_per_pixel, self._view.generation)
            if key != self._counted[0]:  # the view moves often; the case, rarely
                self._counted = (key, self._view.density([whole.days(x) for x in range(width + 1)]))
            counts = self._counted[1]
            peak = max(counts, default=0) or 1
            tall = self.height() - 12
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ink)
            painter.drawRects(
                [
                    QRectF(left + x, 6 + tall - h, 1, h)
                    for x, count in enumerate(counts)
                    if count and (h := max(3.0, tall * math.sqrt(count / peak)))
                ]
            )
            view = self._view.scale
            window = QRectF(
                left + whole.x(view.start),
                2,
                max(4.0, whole.x(view.end) - whole.x(view.start)),
                self.height() - 4,
            )
            highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(QPen(highlight, 2))
            highlight.setAlpha(50)
            painter.setBrush(highlight)
            painter.drawRect(window)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._centre_at(event.position().x())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_at(event.position().x())

    def _centre_at(self, x: float) -> None:
        whole = self._whole()
        if whole is None:
            return
        view = self._view.scale
        middle = whole.days(x - LANE_LABEL_WIDTH)
        self._view.scale = TimeScale(
            middle - (view.end - view.start) / 2, view.days_per_pixel, view.width
        )
