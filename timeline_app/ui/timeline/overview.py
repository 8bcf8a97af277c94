"""OverviewStrip: the whole case in a thin strip, with the timeline's window marked."""

from __future__ import annotations

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
            painter.setPen(ink)
            for item in self._view.items:
                x = left + whole.x(item.first)
                painter.drawLine(int(x), 6, int(x), self.height() - 6)
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
