"""The Qt we ship survives what the timeline will ask of it (DESIGN §6).

PySide6 6.12.0 on Python 3.11 aborts with "Fatal Python error: none_dealloc" after a few
thousand QPainter calls; pyproject.toml keeps 3.11 below 6.12. This test makes tens of
thousands of such calls in a child process, so a crash fails the test instead of the run.
"""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

PAINT = """
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen
app = QGuiApplication([])
image = QImage(1600, 900, QImage.Format.Format_ARGB32_Premultiplied)
image.fill(Qt.GlobalColor.white)
painter = QPainter(image)
for i in range(20_000):
    painter.setPen(QPen(QColor.fromHsv(i % 360, 200, 200)))
    painter.drawRect(QRectF(i % 1600, (i * 7) % 900, 6, 6))
    painter.drawLine(i % 1600, 0, i % 1600, 10)
    if i % 20 == 0:
        painter.drawText(QRectF(i % 1500, (i * 13) % 880, 100, 20), "8 November 2018")
painter.end()
print(image.pixelColor(0, 899).name())
"""


def test_many_thousands_of_paint_calls_do_not_crash() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PAINT],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().startswith("#")
    assert "Fatal Python error" not in result.stderr
