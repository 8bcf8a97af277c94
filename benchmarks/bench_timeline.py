"""Timeline frames: 10k, 100k and 1M events in ten lanes at five zooms, beside today's painter.

Both painters draw the same items into the same offscreen 1600x900 image in one run; the
baseline is the painter as it was before the label layout pass (frozen in
``benchmarks/baseline/timeline_v1.py``). Items are built in memory (a million through the
case file would measure SQLite, not painting). For each zoom, centred on the middle of the
case:

- layout: the layout pass for a new zoom (every lane: what the view holds, the label
  placement, the density strips), nothing pinned;
- zoom step: that layout and the paint, as the first frame after a wheel step;
- pan: a frame after panning 40 pixels (laid out again, what was on screen pinned);
- repaint: the paint alone (the layout kept, as when the window is exposed or scrolled);
- today: today's painter drawing the same view (it lays out every frame);

each the median of five. Then one lane of 100,000 events seen through a one-hour window.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_timeline [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from benchmarks.baseline import timeline_v1
from timeline_app.core.timeline import Lane, TimelineItem
from timeline_app.core.timescale import TimeScale
from timeline_app.ui.timeline.view import GUTTER, TimelineView

WIDTH, HEIGHT = 1600, 900
ZOOMS = {"everything": None, "one year": 365.0, "one month": 30.0, "one week": 7.0, "one day": 1.0}
COLOURS = [
    "#1f6fb2", "#00838f", "#546e7a", "#c62828", "#ef6c00",
    "#6a1b9a", "#2e7d32", "#8d6e63", "#ad1457", "#283593",
]  # fmt: skip
WORDS = [
    "invoice", "outage", "audit", "report", "meeting", "letter", "notice", "claim", "board",
    "firmware", "server", "contract", "variation", "penalty", "review", "security", "breach",
    "helpdesk", "downtime", "payment", "escalation", "minutes",
]  # fmt: skip
START = 733773.0  # 1 January 2010
YEARS = 10


def make_items(
    count: int, lanes: int = 10, seed: int = 1108
) -> tuple[list[TimelineItem], list[Lane]]:
    """``count`` items over ten years in ``lanes`` lanes.

    Most on a day, some to the month or the year, one in ten a span of up to 400 days, one in
    a hundred key.
    """
    rng = random.Random(seed)
    when = ("", "", "day", "on")
    items = []
    for i in range(count):
        first = START + rng.randrange(int(YEARS * 365.25))
        kind = rng.random()
        if kind < 0.65:
            last, uncertain, span = first + 1, False, False
        elif kind < 0.85:
            last, uncertain, span = first + 30, True, False
        elif kind < 0.9:
            last, uncertain, span = first + 365, True, False
        else:
            last, uncertain, span = first + rng.randrange(5, 400), False, True
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
        items.append(
            TimelineItem(
                id=i,
                first=float(first),
                last=float(last),
                lane=i % lanes,
                uncertain=uncertain,
                disputed=rng.random() < 0.2,
                key=rng.random() < 0.01,
                title=title,
                when=when,
                colour=COLOURS[i % lanes % len(COLOURS)],
                span=span,
            )
        )
    items.sort(key=lambda item: item.first)
    return items, [Lane(f"Category {n + 1}", COLOURS[n % len(COLOURS)]) for n in range(lanes)]


def median_ms(run: Callable[[], None], times: int = 5) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1e3


class Canvas:
    """An offscreen image and a painter on it, as a window's paint has."""

    def __init__(self) -> None:
        self.image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
        self.area = QRectF(0, 0, WIDTH, HEIGHT)

    def draw(self, view: object) -> None:
        painter = QPainter(self.image)
        view.render_into(painter, self.area)  # type: ignore[attr-defined]
        painter.end()


def views_at(whole: TimeScale, span: float | None) -> TimeScale:
    width = WIDTH - GUTTER
    if span is None:
        return whole
    middle = (whole.start + whole.end) / 2
    return TimeScale(middle - span / 2, span / width, width)


class Views:
    """Our view and today's, on the same items, drawing into one canvas."""

    def __init__(self, items: list[TimelineItem], lanes: list[Lane], canvas: Canvas) -> None:
        self.ours, self.today = TimelineView(), timeline_v1.TimelineView()
        for view in (self.ours, self.today):
            view.resize(WIDTH, HEIGHT)
        started = time.perf_counter()
        self.ours.set_items(items, lanes)
        self.indexed = time.perf_counter() - started
        self.today.set_items(items, lanes)
        self.canvas = canvas
        self.nudge = 0

    def new_zoom(self, scale: TimeScale) -> None:
        """A zoom a hair different each time: nothing pinned, nothing kept from before."""
        self.nudge += 1
        self.ours.scale = TimeScale(
            scale.start, scale.days_per_pixel * (1 + 1e-9 * self.nudge), scale.width
        )

    def layout_only(self, scale: TimeScale) -> None:
        self.new_zoom(scale)
        painter = QPainter(self.canvas.image)
        self.ours._frame_for(painter, self.ours.scale, picture=False, room=HEIGHT)
        painter.end()

    def zoom_step(self, scale: TimeScale) -> None:
        self.new_zoom(scale)
        self.canvas.draw(self.ours)

    def pan(self) -> None:
        self.ours.scale = self.ours.scale.panned(40)
        self.canvas.draw(self.ours)

    def measure(self, name: str, scale: TimeScale) -> None:
        ours, canvas = self.ours, self.canvas
        layout = median_ms(lambda: self.layout_only(scale))
        step = median_ms(lambda: self.zoom_step(scale))
        ours.scale = scale
        canvas.draw(ours)
        repaint = median_ms(lambda: canvas.draw(ours))
        ours.scale = scale
        canvas.draw(ours)
        panned = median_ms(self.pan)
        self.today.scale = scale
        baseline = median_ms(lambda: canvas.draw(self.today))
        frame = ours._frame
        dense = sum(lane.dense for lane in frame.lanes) if frame else 0
        drawn = sum(len(lane.drawn) for lane in frame.lanes) if frame else 0
        print(
            f"  {name:<11} layout {layout:5.1f} ms  zoom step {step:5.1f} ms  pan {panned:5.1f} ms"
            f"  repaint {repaint:4.1f} ms | today {baseline:6.1f} ms ({baseline / step:4.1f}x)"
            f"  [{dense} dense lanes, {drawn} events on their own]"
        )


def measure(count: int, canvas: Canvas) -> None:
    started = time.perf_counter()
    items, lanes = make_items(count)
    made = time.perf_counter() - started
    views = Views(items, lanes, canvas)
    whole = views.ours.scale
    print(
        f"{count:>9,} events in {len(lanes)} lanes (made in {made:.1f} s, indexed in "
        f"{views.indexed:.2f} s)"
    )
    for name, span in ZOOMS.items():
        views.measure(name, views_at(whole, span))
    gc.collect()


def one_lane_one_hour(canvas: Canvas) -> None:
    """The issue's case: 100,000 events in one lane, seen through a one-hour window."""
    items, _ = make_items(100_000, lanes=1)
    day = START + 1000
    timed = [
        (540, "Call with the supplier"),
        (555, "Outage reported"),
        (570, "Escalation email"),
        (590, "Board told"),
    ]
    for minute, title in timed:
        at = day + minute / 1440
        items.append(
            TimelineItem(
                len(items),
                at,
                at + 1 / 1440,
                0,
                False,
                False,
                False,
                title,
                ("", "", "minute", "on"),
            )
        )
    items.sort(key=lambda item: item.first)
    ours, today = TimelineView(), timeline_v1.TimelineView()
    for view in (ours, today):
        view.resize(WIDTH, HEIGHT)
    lanes = [Lane("One lane", "#1f6fb2")]
    ours.set_items(items, lanes)
    today.set_items(items, lanes)
    hour = TimeScale(day + 530 / 1440, (1 / 24) / (WIDTH - GUTTER), WIDTH - GUTTER)
    ours.scale = today.scale = hour
    step = median_ms(lambda: (setattr(ours, "_frame", None), canvas.draw(ours)))
    baseline = median_ms(lambda: canvas.draw(today))
    lane = ours._frame.lanes[0]
    drawn = [d.item.title for d in lane.drawn if d.item.when[2] == "minute"]
    print(
        f"100,000 events in one lane, a one-hour window: {step:.1f} ms (today {baseline:.1f} ms);"
        f" {'a density strip' if lane.dense else 'drawn one by one'}, the four timed events "
        f"{'all' if len(drawn) == 4 else len(drawn)} drawn and labelled, "
        f"{lane.spanning_more:,} longer ones under way across the hour counted"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    canvas = Canvas()
    for size in args.sizes:
        measure(size, canvas)
    one_lane_one_hour(canvas)
    print(
        "targets: frames under 16 ms median at 10,000 and 100,000 events in ten lanes, under "
        "50 ms at 1,000,000; a layout pass for a zoom step under 10 ms at 100,000"
    )
    app.quit()


if __name__ == "__main__":
    main()
