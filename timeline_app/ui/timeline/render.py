"""The timeline as a PNG, SVG or PDF file, through the same painting code as the screen."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from timeline_app.core.errors import UserError
from timeline_app.core.exporting import write_atomically
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.core.timeline import TimelineFilter, timeline_filter
from timeline_app.core.timescale import TimeScale, to_days
from timeline_app.ui.timeline.view import LANE_LABEL_WIDTH, TimelineView

FORMATS = (".png", ".svg", ".pdf")


def render_case(
    store: CaseStore,
    out: str | os.PathLike[str],
    *,
    width: int = 1600,
    height: int = 900,
    lanes: str = "category",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    pixel_ratio: int = 1,
    empty_lanes: bool = False,
    key_only: bool = False,
    shown: TimelineFilter | None = None,
    lane_order: Sequence[str] = (),
) -> None:
    """Draw the case's timeline into ``out`` (.png, .svg or .pdf), the whole case or a window.

    :param pixel_ratio: a PNG's pixels per unit of ``width`` and ``height``: 2 draws the same
        picture twice as sharp (for print).
    :param empty_lanes: also the lanes that no dated event is in (left out by default).
    :param key_only: only the key events.
    :param shown: what the window's timeline shows (its filters and search), for a picture
        of it as shown; ``lane_order``: its lanes' order.

    :raises UserError: an unknown file type, a size out of range, or an unwritable folder.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(f"The timeline can be saved as PNG, SVG or PDF, not “{out.suffix}”.")
    if not (200 <= width <= 20000 and 100 <= height <= 20000):
        raise UserError("The picture must be 200 to 20,000 pixels wide and 100 to 20,000 high.")
    QApplication.instance() or QApplication([])
    view = TimelineView()
    view.lanes, view.empty_lanes, view.undated_open = lanes, empty_lanes, True
    view.resize(width, height)
    view.lane_order = list(lane_order)
    view.set_store(store, shown)
    if key_only:
        view.set_filter(timeline_filter(store, EventFilter(key_only=True)))
        view.fit_all()
    if date_from is not None or date_to is not None:
        first = to_days(date_from) if date_from else view.scale.start
        last = to_days(date_to) + 1 if date_to else view.scale.end
        if last <= first:
            raise UserError("The end of the date window is before its start.")
        view.scale = TimeScale.fit(first, last, width - LANE_LABEL_WIDTH, margin=0)
    area = QRectF(0, 0, width, height)

    def write(temporary: Path) -> None:
        if suffix == ".png":
            image = QImage(
                width * pixel_ratio, height * pixel_ratio, QImage.Format.Format_ARGB32_Premultiplied
            )
            image.setDevicePixelRatio(pixel_ratio)
            painter = QPainter(image)
            view.render_into(painter, area, picture=True)
            painter.end()
            if not image.save(str(temporary), "PNG"):
                raise OSError(5, "the picture could not be written")
        elif suffix == ".svg":
            generator = QSvgGenerator()
            generator.setFileName(str(temporary))
            generator.setSize(QSize(width, height))
            generator.setViewBox(area)
            generator.setTitle(store.case_info().title)
            painter = QPainter(generator)
            view.render_into(painter, area, picture=True)
            painter.end()
        else:
            writer = QPdfWriter(str(temporary))
            writer.setResolution(96)
            writer.setPageLayout(
                QPageLayout(
                    QPageSize(QSizeF(width * 0.75, height * 0.75), QPageSize.Unit.Point),
                    QPageLayout.Orientation.Portrait,
                    QMarginsF(0, 0, 0, 0),
                )
            )
            writer.setTitle(store.case_info().title)
            painter = QPainter(writer)
            view.render_into(painter, area, picture=True)
            painter.end()

    write_atomically(out, write, "The timeline picture")


def timeline_painter(
    store: CaseStore,
    style: str = "lanes",
    *,
    where: EventFilter | None = None,
    lanes: str = "category",
    ways: dict[str, str] | None = None,
) -> Callable[..., None]:
    """What the Word export calls to draw its picture page (see ``export_chronology``).

    :param style: "lanes", the timeline as the window shows it; or "exhibit", the courtroom
        exhibit of the chronology's events (``where``), chosen now so that a page too full
        is refused before the document is begun.
    :param ways: how to choose fewer events, for the refusal's advice.
    :raises UserError: an exhibit with no events, or more than a page holds.
    """
    if style == "exhibit":
        from timeline_app.core.services.exhibit import exhibit  # noqa: PLC0415
        from timeline_app.ui.timeline.exhibit import render_exhibit  # noqa: PLC0415

        chosen = exhibit(store, where, ways=ways)
        return lambda out, **size: render_exhibit(chosen, out, **size)
    if style != "lanes":
        raise ValueError(f"unknown timeline picture style {style!r}")
    return lambda out, **size: render_case(store, out, lanes=lanes, **size)
