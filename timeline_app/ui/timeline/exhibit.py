"""The courtroom exhibit drawn: one axis, a callout per event, for PDF, SVG, PNG and Word.

What goes on it, and the refusals in words, are the use case's
(:mod:`timeline_app.core.services.exhibit`); where each callout goes is
:func:`~timeline_app.core.layout.place_callouts`'s. This module measures the text, draws, and
writes the file. Every device is set to 72 dots per inch, so one unit is one point on paper.

The page, top to bottom: the court and claim number, the title and the case; the callouts
above the axis; the axis (a band carrying the years or months); the spans as bars under it;
the callouts below; the undated events, listed whole; the legend and who prepared it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from timeline_app.core.errors import UserError
from timeline_app.core.exporting import write_atomically
from timeline_app.core.layout import Callout, Mark, place, place_callouts, wrap
from timeline_app.core.services.exhibit import (
    PAPERS_MM,
    Exhibit,
    ExhibitEvent,
    ExhibitTooFullError,
)
from timeline_app.core.timescale import TimeScale, axis

FORMATS = (".png", ".svg", ".pdf")
POINTS_PER_MM = 72 / 25.4
MARGIN = 30.0
INK = QColor("#1a1a1a")
GREY = QColor("#5f6368")
RULE = QColor("#9aa0a6")
BAND = QColor("#e6e8eb")
NEUTRAL = QColor("#546e7a")
"""The colour of an event with no category."""
PAD = 4.0
GAP = 7.0
LINES = 3
"""A title wraps over up to this many lines before its callout widens."""


@dataclass(slots=True)
class _Fonts:
    """The exhibit's fonts and their metrics on the device drawn on."""

    court: QFont
    title: QFont
    case: QFont
    date: QFont
    text: QFont
    small: QFont
    axis: QFont
    number: QFont
    listed: QFont
    metrics: dict[int, QFontMetricsF] = field(default_factory=dict)

    def m(self, font: QFont) -> QFontMetricsF:
        return self.metrics[id(font)]


def _fonts(painter: QPainter, paper: str, grow: float) -> _Fonts:
    family = QApplication.font().family()
    grow *= 1.25 if paper == "a3" else 1.0

    def font(size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        made = QFont(family)
        made.setPointSizeF(size * grow)
        made.setBold(bold)
        made.setItalic(italic)
        return made

    fonts = _Fonts(
        court=font(8),
        title=font(19, bold=True),
        case=font(10.5),
        date=font(8, bold=True),
        text=font(8.5),
        small=font(7),
        axis=font(8, bold=True),
        number=font(7),
        listed=font(8.5),
    )
    for made in (
        fonts.court,
        fonts.title,
        fonts.case,
        fonts.date,
        fonts.text,
        fonts.small,
        fonts.axis,
        fonts.number,
        fonts.listed,
    ):
        fonts.metrics[id(made)] = QFontMetricsF(made, painter.device())
    return fonts


@dataclass(slots=True)
class _Box:
    """A callout: the events it stands for (one date), its lines and its size."""

    events: list[ExhibitEvent]
    x: float
    date: str
    number: str
    titles: list[list[str]]
    width: float = 0.0
    height: float = 0.0

    @property
    def colour(self) -> QColor:
        colour = self.events[0].colour
        return QColor(colour) if colour else QColor(NEUTRAL)


def page_size(paper: str) -> QSizeF:
    """The page in points, landscape."""
    width, height = PAPERS_MM[paper]
    return QSizeF(width * POINTS_PER_MM, height * POINTS_PER_MM)


GROWTH = (1.6, 1.4, 1.2, 1.0)
"""The callouts' text is drawn as large as the page allows, up to 1.6 times the least size."""


def draw_exhibit(painter: QPainter, exhibit: Exhibit, grow: float | None = None) -> float:
    """Lay out and draw ``exhibit`` on a page of its paper, in points from (0, 0).

    :param grow: how much larger than the least size to draw the callouts; by default the
        largest of :data:`GROWTH` at which they all fit (a few events read from the back of
        a courtroom; many still fit).
    :returns: the growth drawn at.
    :raises ExhibitTooFullError: the callouts (or the undated events) do not all fit even at
        the least size.
    """
    if grow is None:
        grow = _largest_fit(exhibit)
    size = page_size(exhibit.paper)
    page = QRectF(0, 0, size.width(), size.height())
    fonts = _fonts(painter, exhibit.paper, 1.0)
    callouts = _fonts(painter, exhibit.paper, grow)
    fonts.date, fonts.text, fonts.number = callouts.date, callouts.text, callouts.number
    fonts.axis = callouts.axis
    fonts.metrics.update(callouts.metrics)
    painter.fillRect(page, QColor("white"))
    inner = page.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    top = _heading(painter, exhibit, inner, fonts, draw=True)
    footer = _footer(painter, exhibit, inner, fonts, draw=False)
    undated_top = inner.bottom() - footer
    undated = _undated(painter, exhibit, inner, undated_top, fonts, draw=False)
    plot = QRectF(inner.left(), top + 6, inner.width(), undated_top - undated - top - 12)
    _timeline(painter, exhibit, plot, fonts, grow)
    _undated(painter, exhibit, inner, undated_top, fonts, draw=True)
    _footer(painter, exhibit, inner, fonts, draw=True)
    return grow


def _largest_fit(exhibit: Exhibit) -> float:
    """The largest growth at which every callout fits (the least one raises if none does)."""
    probe = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    _at_72_dpi(probe)
    for grow in GROWTH:
        painter = QPainter(probe)
        painter.setClipRect(QRectF(0, 0, 0.1, 0.1))  # laid out, hardly drawn
        try:
            draw_exhibit(painter, exhibit, grow)
        except ExhibitTooFullError:
            if grow == GROWTH[-1]:
                raise
            continue
        finally:
            painter.end()
        return grow
    return GROWTH[-1]


def _heading(
    painter: QPainter, exhibit: Exhibit, inner: QRectF, fonts: _Fonts, *, draw: bool
) -> float:
    """The court and claim number, the title, the case; returns the bottom of the heading."""
    y = inner.top()
    court_m = fonts.m(fonts.court)
    claim = f"Claim No. {exhibit.claim_number}" if exhibit.claim_number else ""
    court = exhibit.court.upper()
    line = court_m.height()
    if court or claim:
        court_width = court_m.horizontalAdvance(court)
        claim_width = court_m.horizontalAdvance(claim)
        if draw:
            painter.setFont(fonts.court)
            painter.setPen(GREY)
            if court:
                painter.drawText(QRectF(inner.left(), y, court_width + 2, line), 0, court)
        if claim and court_width + claim_width + 24 > inner.width():
            y += line  # no room beside the court: under it
        if draw and claim:
            painter.drawText(
                QRectF(inner.right() - claim_width - 2, y, claim_width + 2, line), 0, claim
            )
        y += line + 4
    title_m = fonts.m(fonts.title)
    lines = wrap(exhibit.title, inner.width(), title_m.horizontalAdvance)
    if draw:
        painter.setFont(fonts.title)
        painter.setPen(INK)
    for text in lines:
        if draw:
            painter.drawText(QRectF(inner.left(), y, inner.width(), title_m.height()), 0, text)
        y += title_m.height()
    case_m = fonts.m(fonts.case)
    if exhibit.case_title:
        for text in wrap(exhibit.case_title, inner.width(), case_m.horizontalAdvance):
            if draw:
                painter.setFont(fonts.case)
                painter.setPen(INK)
                painter.drawText(QRectF(inner.left(), y, inner.width(), case_m.height()), 0, text)
            y += case_m.height()
    y += 4
    if draw:
        painter.setPen(QPen(RULE, 0.8))
        painter.drawLine(QPointF(inner.left(), y), QPointF(inner.right(), y))
    return y


def _legend_items(exhibit: Exhibit) -> list[tuple[str, str]]:
    """(kind, words) of the legend: a swatch per category, then what the marks mean."""
    items = [("swatch:" + (colour or NEUTRAL.name()), name) for name, colour in exhibit.categories]
    if any(not e.category for e in [*exhibit.events, *exhibit.undated]):
        items.append(("swatch:" + NEUTRAL.name(), "No category"))
    if any(e.status for e in exhibit.events):
        items.append(("dashed", "Disputed or contested (the callout says by whom)"))
    if any(e.key for e in exhibit.events):
        items.append(("bold", "Key event"))
    if any(e.span for e in exhibit.events):
        items.append(("bar", "Lasts from its date to its end"))
    if any(not e.span and e.last - e.first > 1 for e in exhibit.events):
        items.append(("bracket", "Date known only to the month or year"))
    return items


def _footer(
    painter: QPainter, exhibit: Exhibit, inner: QRectF, fonts: _Fonts, *, draw: bool
) -> float:
    """The legend, then who prepared it and what the numbers are; returns its height."""
    small = fonts.m(fonts.small)
    line = small.height() + 2
    # The legend, flowed in lines across the page.
    rows: list[list[tuple[str, str, float]]] = [[]]
    x = 0.0
    for kind, words in _legend_items(exhibit):
        width = 18 + small.horizontalAdvance(words) + 14
        if x + width > inner.width() and rows[-1]:
            rows.append([])
            x = 0.0
        rows[-1].append((kind, words, x))
        x += width
    notes = [
        "A demonstrative aid drawn from the chronology: the numbers are the events' numbers "
        "in it, and the dates are as it gives them."
    ]
    if exhibit.prepared_by:
        notes.insert(0, f"Prepared by: {exhibit.prepared_by}")
    note_lines = [
        text for note in notes for text in wrap(note, inner.width(), small.horizontalAdvance)
    ]
    height = len(rows) * line + len(note_lines) * line + 6
    if not draw:
        return height
    y = inner.bottom() - height + 4
    painter.setFont(fonts.small)
    for row in rows:
        for kind, words, x0 in row:
            left = inner.left() + x0
            middle = y + line / 2
            _legend_mark(painter, kind, QRectF(left, middle - 4, 14, 8))
            painter.setPen(INK)
            painter.drawText(
                QRectF(left + 18, y, small.horizontalAdvance(words) + 2, line),
                Qt.AlignmentFlag.AlignVCenter,
                words,
            )
        y += line
    painter.setPen(GREY)
    for text in note_lines:
        painter.drawText(
            QRectF(inner.left(), y, small.horizontalAdvance(text) + 2, line),
            Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        y += line
    return height


def _legend_mark(painter: QPainter, kind: str, rect: QRectF) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if kind.startswith("swatch:"):
        painter.fillRect(rect, QColor(kind.split(":", 1)[1]))
    elif kind == "dashed":
        painter.setPen(QPen(INK, 0.8, Qt.PenStyle.DashLine))
        painter.drawRect(rect)
    elif kind == "bold":
        painter.setPen(QPen(INK, 1.8))
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
    elif kind == "bar":
        painter.fillRect(QRectF(rect.left(), rect.center().y() - 2, rect.width(), 4), GREY)
    elif kind == "bracket":
        painter.setPen(QPen(GREY, 2))
        y = rect.center().y()
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        painter.drawLine(QPointF(rect.left(), y - 3), QPointF(rect.left(), y + 3))
        painter.drawLine(QPointF(rect.right(), y - 3), QPointF(rect.right(), y + 3))


def _undated(
    painter: QPainter,
    exhibit: Exhibit,
    inner: QRectF,
    bottom: float,
    fonts: _Fonts,
    *,
    draw: bool,
) -> float:
    """The undated events, each title whole; returns the height they take above ``bottom``."""
    if not exhibit.undated:
        return 0.0
    text_m = fonts.m(fonts.listed)
    head = "Not dated in the chronology: "
    entries = [f"No. {e.number} {e.title}" for e in exhibit.undated]
    lines = wrap(head + "  ·  ".join(entries), inner.width(), text_m.horizontalAdvance)
    if len(lines) > 6:
        raise exhibit.too_full(len(exhibit.events))
    line = text_m.height() + 1
    height = len(lines) * line + 8
    if draw:
        y = bottom - height
        painter.setPen(QPen(RULE, 0.6))
        painter.drawLine(QPointF(inner.left(), y), QPointF(inner.right(), y))
        painter.setFont(fonts.listed)
        painter.setPen(INK)
        for text in lines:
            painter.drawText(
                QRectF(inner.left(), y + 4, text_m.horizontalAdvance(text) + 2, line),
                Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            y += line
    return height


def _boxes(exhibit: Exhibit, fonts: _Fonts, scale: TimeScale, widest: float) -> list[_Box]:
    """A callout per date: the events on one date share one, each title whole."""
    groups: dict[tuple[str, float], list[ExhibitEvent]] = {}
    for event in exhibit.events:
        groups.setdefault((event.when, event.first), []).append(event)
    text_m, date_m, small_m = fonts.m(fonts.text), fonts.m(fonts.date), fonts.m(fonts.number)
    boxes = []
    for (when, _), events in groups.items():
        first = events[0]
        # A span is joined at its start; a date known only to the month or year, mid-way.
        days = first.first if first.span else (first.first + first.last) / 2
        statuses = sorted({e.status for e in events if e.status})
        date = when + (f" — {', '.join(statuses)}" if statuses else "")
        numbers = [e.number for e in events if e.number]
        number = (
            ("No. " if len(numbers) == 1 else "Nos. ") + ", ".join(map(str, numbers))
            if numbers
            else ""
        )
        box = _Box(events, scale.x(days), date, number, [])
        width = widest
        while True:
            prefix = "• " if len(events) > 1 else ""
            box.titles = [wrap(prefix + e.title, width, text_m.horizontalAdvance) for e in events]
            if all(len(t) <= LINES for t in box.titles) or width >= 2.2 * widest:
                break
            width += widest / 5
        head = date_m.horizontalAdvance(date) + (
            small_m.horizontalAdvance(number) + 10 if number else 0
        )
        if head > width:  # the date line sets the width: the titles may use all of it
            box.titles = [wrap(prefix + e.title, head, text_m.horizontalAdvance) for e in events]
        content = max([head, *(text_m.horizontalAdvance(line) for t in box.titles for line in t)])
        box.width = content + 2 * PAD + 5
        lines = sum(len(t) for t in box.titles)
        box.height = 2 * PAD + date_m.height() + 1 + lines * text_m.height()
        boxes.append(box)
    return boxes


def _timeline(
    painter: QPainter, exhibit: Exhibit, plot: QRectF, fonts: _Fonts, grow: float
) -> None:
    """The axis, the spans under it and the callouts above and below it."""
    events = exhibit.events
    if exhibit.window is not None:
        first, last = exhibit.window
    elif events:
        first, last = min(e.first for e in events), max(e.last for e in events)
    else:
        first, last = 0.0, 1.0
    span = max(last - first, 30.0)
    first, last = first - span * 0.04, last + span * 0.04
    left, right = plot.left() + 8, plot.right() - 8
    scale = TimeScale(first, (last - first) / (right - left), max(1, int(right - left)))
    widest = (plot.width() - 5 * GAP) / 5.2
    boxes = _boxes(exhibit, fonts, scale, min(widest * grow, 150.0 * grow * plot.width() / 782))
    for box in boxes:
        box.x += left
    axis_m = fonts.m(fonts.axis)
    band = axis_m.height() + 6
    # Spans as bars under the axis: a row each where they overlap.
    spans = [e for e in events if e.span]
    marks = [
        Mark(e.id, left + scale.x(e.first), left + max(scale.x(e.last), scale.x(e.first) + 3))
        for e in spans
    ]
    bars = place(marks, 12, gap=2).placed if marks else {}
    bar_rows = max((p.row + 1 for p in bars.values()), default=0)
    bar_height = 5.0
    under = bar_rows * (bar_height + 2) + (4 if bar_rows else 0)
    pitch = max((b.height for b in boxes), default=20.0) + GAP
    room = plot.height() - band - under
    above = max(0, int((room / 2 - 4) // pitch))
    below = max(0, int((room - above * pitch - 8) // pitch))
    for flags in (False, True):  # centred on their dates if they all fit so, else as flags
        placed, missing = place_callouts(
            [Callout(n, b.x, b.width, b.height) for n, b in enumerate(boxes)],
            left=plot.left(),
            right=plot.right(),
            levels_above=above,
            levels_below=below,
            gap=GAP,
            margin=6,
            flags=flags,
        )
        if not missing:
            break
    if missing:
        fitted = sum(len(boxes[p.key].events) for p in placed)
        raise exhibit.too_full(fitted)
    used_above = max((p.level + 1 for p in placed if p.side < 0), default=0)
    used_below = max((p.level + 1 for p in placed if p.side > 0), default=0)
    # The axis sits where the callouts above leave it, with what is spare shared out.
    spare = room - (used_above + used_below) * pitch
    axis_top = plot.top() + used_above * pitch + max(0.0, spare / 2) * (1 if used_above else 0.3)
    axis_top = min(axis_top, plot.bottom() - band - under - used_below * pitch)
    _paint_axis(painter, scale, QPointF(left, axis_top), band, fonts)
    bars_top = axis_top + band + 3
    for event in spans:
        spot = bars.get(event.id)
        if spot is None:
            continue
        x0 = left + scale.x(event.first)
        x1 = max(left + scale.x(event.last), x0 + 3)
        colour = QColor(event.colour) if event.colour else QColor(NEUTRAL)
        painter.fillRect(
            QRectF(x0, bars_top + spot.row * (bar_height + 2), x1 - x0, bar_height), colour
        )
    below_top = axis_top + band + under
    for spot in placed:
        box = boxes[spot.key]
        if spot.side < 0:
            y = axis_top - GAP - spot.level * pitch - box.height
            edge, end = axis_top, y + box.height
        else:
            y = below_top + GAP + spot.level * pitch
            edge, end = axis_top + band, y
        _paint_box(painter, box, QRectF(spot.left, y, box.width, box.height), fonts)
        _paint_leader(painter, box, scale, left, (edge, end))


def _paint_axis(
    painter: QPainter, scale: TimeScale, at: QPointF, band: float, fonts: _Fonts
) -> None:
    """The axis: a band with the years (or months) written in it, ticks between them."""
    left, top = at.x(), at.y()
    axis_m = fonts.m(fonts.axis)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BAND)
    painter.drawRoundedRect(QRectF(left - 6, top, scale.width + 12, band), 3, 3)
    ticks = axis(scale, char_px=axis_m.averageCharWidth() * 1.15, min_gap_px=16)
    painter.setFont(fonts.axis)
    right = left + scale.width
    for tick in ticks.major:
        x = left + scale.x(tick.days)
        if x < left - 0.5 or x > right + 0.5:
            continue
        painter.setPen(QPen(QColor("white"), 1.2))
        painter.drawLine(QPointF(x, top), QPointF(x, top + band))
        width = axis_m.horizontalAdvance(tick.label)
        if x + 3 + width <= right + 6:
            painter.setPen(INK)
            painter.drawText(
                QRectF(x + 3, top, width + 2, band), Qt.AlignmentFlag.AlignVCenter, tick.label
            )


def _paint_box(painter: QPainter, box: _Box, rect: QRectF, fonts: _Fonts) -> None:
    """A callout: its date (and any dispute), its number, and each title whole."""
    colour = box.colour
    disputed = any(e.status for e in box.events)
    key = any(e.key for e in box.events)
    painter.setBrush(QColor("white"))
    painter.setPen(
        QPen(
            INK if key else colour.darker(115),
            1.6 if key else 0.8,
            Qt.PenStyle.DashLine if disputed else Qt.PenStyle.SolidLine,
        )
    )
    painter.drawRect(rect)
    painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), colour)
    date_m, text_m, small_m = fonts.m(fonts.date), fonts.m(fonts.text), fonts.m(fonts.number)
    x = rect.left() + PAD + 3
    y = rect.top() + PAD
    painter.setFont(fonts.date)
    painter.setPen(INK)
    painter.drawText(
        QRectF(x, y, date_m.horizontalAdvance(box.date) + 2, date_m.height()),
        Qt.AlignmentFlag.AlignVCenter,
        box.date,
    )
    if box.number:
        width = small_m.horizontalAdvance(box.number)
        painter.setFont(fonts.number)
        painter.setPen(GREY)
        painter.drawText(
            QRectF(rect.right() - PAD - width - 1, y, width + 2, date_m.height()),
            Qt.AlignmentFlag.AlignVCenter,
            box.number,
        )
    y += date_m.height() + 1
    painter.setFont(fonts.text)
    painter.setPen(INK)
    for title in box.titles:
        for line in title:
            painter.drawText(
                QRectF(x, y, text_m.horizontalAdvance(line) + 2, text_m.height()),
                Qt.AlignmentFlag.AlignVCenter,
                line,
            )
            y += text_m.height()


def _paint_leader(
    painter: QPainter, box: _Box, scale: TimeScale, left: float, ends: tuple[float, float]
) -> None:
    """The line from the axis to the callout, with the date's mark on the axis."""
    edge, end = ends
    colour = box.colour
    painter.setPen(QPen(GREY, 0.8))
    painter.drawLine(QPointF(box.x, edge), QPointF(box.x, end))
    first = box.events[0]
    if not first.span and scale.x(first.last) - scale.x(first.first) > 4:
        # Known only to the month or year: a bracket along the axis over the whole of it.
        x0, x1 = left + scale.x(first.first), left + scale.x(first.last)
        painter.setPen(QPen(colour, 2.2))
        painter.drawLine(QPointF(x0, edge), QPointF(x1, edge))
        painter.drawLine(QPointF(x0, edge - 3), QPointF(x0, edge + 3))
        painter.drawLine(QPointF(x1, edge - 3), QPointF(x1, edge + 3))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QPointF(box.x, edge), 2.6, 2.6)


# ---------------------------------------------------------------------------- files


def render_exhibit(
    exhibit: Exhibit,
    out: str | os.PathLike[str],
    *,
    width: int | None = None,
    pixel_ratio: int = 1,
    **_ignored: object,
) -> None:
    """Draw ``exhibit`` into ``out`` (.pdf, .svg or .png), a page of its paper.

    :param width: a PNG's width in pixels before ``pixel_ratio`` (default: one pixel a
        point at 2x, sharp enough for a screen or a Word page); height follows the page.
    :param _ignored: the lanes picture's options (``height``, ``empty_lanes``), accepted so
        that either drawing can be handed to the Word export.
    :raises UserError: an unknown file type, an unwritable folder, or too full a page.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(f"The exhibit can be saved as PDF, SVG or PNG, not “{out.suffix}”.")
    QApplication.instance() or QApplication([])
    size = page_size(exhibit.paper)
    # Laid out first, so that a page too full is refused before any file is made.
    grow = _largest_fit(exhibit)

    def write(temporary: Path) -> None:
        if suffix == ".pdf":
            writer = QPdfWriter(str(temporary))
            writer.setResolution(72)
            writer.setPageLayout(
                QPageLayout(
                    QPageSize(size, QPageSize.Unit.Point),
                    QPageLayout.Orientation.Portrait,
                    QMarginsF(0, 0, 0, 0),
                )
            )
            writer.setTitle(exhibit.title)
            target = QPainter(writer)
        elif suffix == ".svg":
            generator = QSvgGenerator()
            generator.setFileName(str(temporary))
            generator.setResolution(72)
            generator.setSize(QSize(math.ceil(size.width()), math.ceil(size.height())))
            generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
            generator.setTitle(exhibit.title)
            target = QPainter(generator)
        else:
            scale = (width or size.width() * 2) / size.width() * pixel_ratio
            image = QImage(
                math.ceil(size.width() * scale),
                math.ceil(size.height() * scale),
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            _at_72_dpi(image, scale)
            image.fill(QColor("white"))
            target = QPainter(image)
            target.setRenderHint(QPainter.RenderHint.Antialiasing)
            target.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            draw_exhibit(target, exhibit, grow)
        finally:
            target.end()
        if suffix == ".png" and not image.save(str(temporary), "PNG"):
            raise OSError(5, "the picture could not be written")

    write_atomically(out, write, "The exhibit")


def _at_72_dpi(image: QImage, scale: float = 1.0) -> None:
    """Make ``image`` one logical pixel a point: fonts in points then size as on paper."""
    image.setDevicePixelRatio(scale)  # the logical dpi stays 72: Qt scales the rest
    dots = round(72 / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
