"""Timeline frame times: 1k, 10k and 100k events at five zoom levels, next to the simplest way.

The simplest way is one QGraphicsRectItem and one QGraphicsSimpleTextItem per event in a
QGraphicsScene, rendered for the same window in the same run. Frames are drawn offscreen into
a 1600x900 image; each figure is the median of five frames.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_timeline [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from benchmarks.bench_window import build_case
from timeline_app.core.store import CaseStore
from timeline_app.core.timescale import TimeScale
from timeline_app.ui.timeline.view import LANE_LABEL_WIDTH, TimelineView

WIDTH, HEIGHT = 1600, 900
ZOOMS = {"everything": None, "one year": 365.0, "one month": 30.0, "one week": 7.0, "one day": 1.0}


def frame(draw) -> float:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    times = []
    for _ in range(5):
        painter = QPainter(image)
        started = time.perf_counter()
        draw(painter)
        times.append(time.perf_counter() - started)
        painter.end()
    return statistics.median(times)


ALONE = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
from timeline_app.core.store import CaseStore
from timeline_app.ui.timeline.view import TimelineView
app = QApplication([])
with CaseStore.open(sys.argv[1], read_only=True) as store:
    view = TimelineView()
    view.resize(1600, 900)
    view.set_store(store)
image = QImage(1600, 900, QImage.Format.Format_ARGB32_Premultiplied)
painter = QPainter(image)
view.render_into(painter, QRectF(0, 0, 1600, 900))
painter.end()
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(peak.split()[1]) / 1024)
"""


def alone_memory(path: Path) -> float:
    """Peak memory (MB) of a process that only opens the case and draws its timeline.

    It reads VmHWM, which starts afresh with the new process; ru_maxrss would carry over
    the peak of this one (holding the baseline scene) across fork and exec.
    """
    result = subprocess.run(
        [sys.executable, "-c", ALONE, str(path)], check=True, capture_output=True, text=True
    )
    return float(result.stdout.strip())


def scene_of(view: TimelineView) -> QGraphicsScene:
    """The simplest way: an item and a text item per event, x in days, y by lane."""
    scene = QGraphicsScene()
    for item in view.items:
        y = item.lane * 40.0
        scene.addItem(QGraphicsRectItem(item.first, y, max(item.last - item.first, 0.1), 12))
        text = QGraphicsSimpleTextItem(item.title)
        text.setPos(item.last, y)
        scene.addItem(text)
    return scene


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-timeline-"))
    print(f"{'events':>8}  {'zoom':<11}{'ours':>10}{'item per event':>17}{'ratio':>8}")
    for size in args.sizes:
        path = folder / f"{size}.case"
        build_case(path, size)
        with CaseStore.open(path, read_only=True) as store:
            view = TimelineView()
            view.resize(WIDTH, HEIGHT)
            view.set_store(store)
        whole = view.scale
        middle = (whole.start + whole.end) / 2
        scene = scene_of(view)
        for name, span in ZOOMS.items():
            view.scale = (
                whole
                if span is None
                else TimeScale(
                    middle - span / 2, span / (WIDTH - LANE_LABEL_WIDTH), WIDTH - LANE_LABEL_WIDTH
                )
            )
            ours = frame(lambda p, v=view: v.render_into(p, QRectF(0, 0, WIDTH, HEIGHT)))
            source = QRectF(
                view.scale.start,
                0,
                view.scale.end - view.scale.start,
                40.0 * (max(i.lane for i in view.items) + 1),
            )
            theirs = frame(lambda p, s=source, g=scene: g.render(p, QRectF(0, 0, WIDTH, HEIGHT), s))
            print(
                f"{size:>8,}  {name:<11}{ours * 1e3:>8.1f}ms{theirs * 1e3:>15.1f}ms"
                f"{theirs / ours:>7.1f}x"
            )
        step_started = time.perf_counter()
        view.scale = whole
        for _ in range(5):
            view.zoom(1.25, (WIDTH - LANE_LABEL_WIDTH) / 2)
            image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(image)
            view.render_into(painter, QRectF(0, 0, WIDTH, HEIGHT))
            painter.end()
        step = (time.perf_counter() - step_started) / 5
        print(
            f"{size:>8,}  zoom step (zoom and redraw): {step * 1e3:.1f} ms; memory of the "
            f"window's timeline alone: {alone_memory(path):.0f} MB"
        )
    print(
        "targets: 100k events under 16 ms a frame at every zoom; a zoom or pan step under "
        "30 ms; memory for 100k under 300 MB"
    )
    app.quit()


if __name__ == "__main__":
    main()
