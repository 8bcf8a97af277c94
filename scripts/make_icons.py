"""The icon's PNG sizes, drawn from its SVGs (the small one is drawn for 16 pixels).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py

writes resources/icons/evidence-timeline-SIZE.png for each size the window, the bundle and
the desktop entry use.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from timeline_app.resources import resource_path
from timeline_app.ui.application import ICON_SIZES


def main() -> None:
    """Write every size."""
    _app = QGuiApplication([])  # QPainter needs one
    folder = resource_path("icons")
    for size in ICON_SIZES:
        drawing = "evidence-timeline-small.svg" if size <= 16 else "evidence-timeline.svg"
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        QSvgRenderer(str(folder / drawing)).render(painter)
        painter.end()
        image.save(str(folder / f"evidence-timeline-{size}.png"))


if __name__ == "__main__":
    main()
