"""The timeline widget: zoom about the pointer, selection both ways, a big paint."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication

from timeline_app.core.demo import write_demo
from timeline_app.core.model import Category, Event, FuzzyDate
from timeline_app.core.store import CaseStore
from timeline_app.core.timescale import TimeScale, period_name, to_days
from timeline_app.ui.timeline.view import AXIS_HEIGHT, LANE_LABEL_WIDTH, TimelineView


def shown(qtbot, store: CaseStore) -> TimelineView:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.show()
    view.set_store(store)
    return view


def test_the_wheel_zooms_about_the_pointer(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        x = 300.0
        before = view.scale.days(x - LANE_LABEL_WIDTH)
        span = view.scale.end - view.scale.start
        wheel = QWheelEvent(
            QPointF(x, 200),
            QPointF(x, 200),
            QPoint(0, 0),
            QPoint(0, 240),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view, wheel)
        assert view.scale.end - view.scale.start < span / 1.5
        assert abs(view.scale.days(x - LANE_LABEL_WIDTH) - before) < 1e-6


def test_clicking_an_event_selects_it(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        view.grab()  # paint once, so the events have their places
        box, event_id = view._hits[0]
        with qtbot.waitSignal(view.event_selected) as signal:
            qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=box.center().toPoint())
        assert signal.args == [event_id] and view.selected == event_id


OUTAGE_GREEN = "#00a651"  # a colour neither the palette nor anti-aliased text produces


def pixels_in_lanes(image: QImage, colour: str) -> int:
    """How many pixels of the lanes (right of the labels, below the axis) are ``colour``."""
    lanes = image.copy(
        LANE_LABEL_WIDTH,
        AXIS_HEIGHT,
        image.width() - LANE_LABEL_WIDTH,
        image.height() - AXIS_HEIGHT,
    ).convertToFormat(QImage.Format.Format_RGB32)
    wanted = QColor(colour).rgb()  # 0xffRRGGBB, as RGB32 keeps each pixel
    return memoryview(lanes.constBits()).cast("I").tolist().count(wanted)


def outages(store: CaseStore, count: int) -> None:
    """``count`` events in a green "Outage" category over eight years, most of them spans of
    up to 39 days."""
    outage = store.add_category(Category("Outage", OUTAGE_GREEN))
    start = dt.date(2010, 1, 1)
    store.add_events(
        [
            Event(
                f"event {i}",
                date=FuzzyDate(
                    start + dt.timedelta(days=i % 3000),
                    start + dt.timedelta(days=i % 3000 + i % 40),
                    "day",
                    "from-to" if i % 40 else "on",
                ),
                category_id=outage.id,
            )
            for i in range(count)
        ]
    )


def test_twenty_thousand_events_are_drawn_in_their_lane_at_every_zoom(
    qtbot, tmp_path: Path
) -> None:
    with CaseStore.create(tmp_path / "big.case") as store:
        outages(store, 20_000)
        view = shown(qtbot, store)
        qtbot.waitExposed(view)
        # All of it, then some 1,650 events: a density strip, with events drawn on their own
        # above it. Then half a day: some 130 events are under way across all of it, drawn
        # as bars (the shortest first) as rows allow and the rest counted, and every event
        # that starts in view drawn on its own.
        for zoom in (1, 20, 400):
            view.zoom(zoom)
            on_screen = view.grab().toImage()  # painted by paintEvent, as the screen is
            assert pixels_in_lanes(on_screen, OUTAGE_GREEN) > 100, zoom
            lane = view._frame.lanes[0]
            assert view._hits  # the most important, on their own, labelled
            scale = view.scale
            starting = {i.id for i in view.items if scale.start <= i.first <= scale.end}
            drawn = {event_id for _, event_id in view._hits}
            if zoom == 400:
                assert not lane.dense and lane.spanning_more > 100
                assert starting <= drawn
            else:
                assert lane.dense and view._bins
            exported = QImage(1600, 500, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(exported)
            view.render_into(painter, QRectF(0, 0, 1600, 500), picture=True)  # as a PNG does
            painter.end()
            assert pixels_in_lanes(exported, OUTAGE_GREEN) > 100, zoom


def test_a_lane_without_events_is_left_out_unless_asked_for(qtbot, tmp_path: Path) -> None:
    with CaseStore.create(tmp_path / "empty-lane.case") as store:
        store.add_category(Category("Outage", OUTAGE_GREEN))
        store.add_events(
            [
                Event("Undated, not drawn"),
                Event(
                    "Uncategorised",
                    date=FuzzyDate(dt.date(2018, 1, 1), dt.date(2018, 1, 1), "day"),
                ),
            ]
        )
        view = shown(qtbot, store)
        qtbot.waitExposed(view)
        image = view.grab().toImage()
        assert view.lane_labels == ["(no category)"]
        assert [u.title for u in view.undated] == ["Undated, not drawn"]  # in its own strip
        assert {event_id for _, event_id in view._hits} == {i.id for i in view.items}
        assert {event_id for _, event_id in view._chips} == {u.id for u in view.undated}
        # The uncategorised event is drawn, in the palette's colour; nothing in the green.
        highlight = view.palette().color(QPalette.ColorRole.Highlight).name()
        assert pixels_in_lanes(image, highlight) > 20
        assert pixels_in_lanes(image, OUTAGE_GREEN) == 0
        view.set_empty_lanes(True)
        assert view.lane_labels == ["Outage", "(no category)"]


def test_keys_move_between_events_in_time_order(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        in_time = [i.id for i in sorted(view.items, key=lambda i: i.first)]  # ties: court order
        with qtbot.waitSignal(view.event_selected) as first:
            qtbot.keyClick(view, Qt.Key.Key_Home)
        assert first.args == [in_time[0]]
        qtbot.keyClick(view, Qt.Key.Key_Right)
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert view.selected == in_time[2]
        qtbot.keyClick(view, Qt.Key.Key_End)
        assert view.selected == in_time[-1]
        with qtbot.waitSignal(view.edit_requested) as edit:
            qtbot.keyClick(view, Qt.Key.Key_Return)
        assert edit.args == [in_time[-1]]
        span = view.scale.end - view.scale.start
        qtbot.keyClick(view, Qt.Key.Key_Z)  # zoom to the selected event
        assert view.scale.end - view.scale.start < span


def test_the_overview_moves_the_timeline(qtbot, tmp_path: Path) -> None:
    from timeline_app.ui.timeline.overview import OverviewStrip

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        strip = OverviewStrip(view)
        qtbot.addWidget(strip)
        strip.resize(1000, 34)
        strip.show()
        view.zoom(8)
        before, zoom = view.scale.start, view.scale.days_per_pixel
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(990, 17))
        assert view.scale.start > before  # moved towards the end of the case
        assert view.scale.days_per_pixel == pytest.approx(zoom)
        strip.grab()


def test_the_scrollbar_pans_and_follows_the_view(qtbot, tmp_path: Path) -> None:
    from timeline_app.ui.timeline.scrollbar import TimelineScrollBar

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        bar = TimelineScrollBar(view)
        qtbot.addWidget(bar)
        assert bar.maximum() == 0  # everything in view: nothing to scroll
        view.zoom(10, 0)
        assert bar.maximum() > 0 and bar.pageStep() == view.scale.width
        zoom, start = view.scale.days_per_pixel, view.scale.start
        bar.setValue(bar.maximum())
        assert view.scale.start > start and view.scale.days_per_pixel == pytest.approx(zoom)
        assert view.scale.end >= view.extent[1]  # the end of the case is in view
        qtbot.keyClick(view, Qt.Key.Key_Home)  # the view moves: the handle follows
        assert bar.value() < bar.maximum()
        bar.setValue(0)
        assert view.scale.start <= view.extent[0]


def test_the_scrollbar_copes_with_centuries_at_the_closest_zoom(qtbot, tmp_path: Path) -> None:
    from timeline_app.ui.timeline.scrollbar import TimelineScrollBar

    with CaseStore.create(tmp_path / "long.case") as store:
        store.add_events(
            [
                Event(str(year), date=FuzzyDate(dt.date(year, 1, 1), dt.date(year, 1, 1), "day"))
                for year in (1, 9999)
            ]
        )
        view = shown(qtbot, store)
        bar = TimelineScrollBar(view)
        view.zoom(1e9)  # as close as the limits allow: some ten billion pixels wide
        assert 0 < bar.maximum() <= 2**31 - 1
        bar.setValue(bar.maximum() // 2)
        assert 4000 * 365 < view.scale.start < 6000 * 365


def test_a_touchpad_pinch_zooms_about_the_fingers(qtbot, tmp_path: Path) -> None:
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        x = 400.0
        before, span = view.scale.days(x - LANE_LABEL_WIDTH), view.scale.end - view.scale.start
        pinch = QNativeGestureEvent(
            Qt.NativeGestureType.ZoomNativeGesture,
            QPointingDevice.primaryPointingDevice(),
            2,
            QPointF(x, 100),
            QPointF(x, 100),
            QPointF(x, 100),
            1.0,
            QPointF(0, 0),
        )
        QApplication.sendEvent(view, pinch)
        assert view.scale.end - view.scale.start == pytest.approx(span / 2)
        assert view.scale.days(x - LANE_LABEL_WIDTH) == pytest.approx(before)


def test_ctrl_plus_and_minus_zoom(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        span = view.scale.end - view.scale.start
        qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        assert view.scale.end - view.scale.start < span
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        assert view.scale.end - view.scale.start == pytest.approx(span)


def test_the_view_asks_for_room_for_every_lane(qtbot, tmp_path: Path) -> None:
    from timeline_app.ui.timeline.view import AXIS_HEIGHT

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        view.lanes = "party"
        view.set_empty_lanes(True)
        view.set_store(store)
        view.grab()
        qtbot.waitUntil(lambda: view.minimumSizeHint().height() > 200)
        lanes = view._frame.lanes
        assert len(lanes) > 6
        wanted = AXIS_HEIGHT + sum(lane.height for lane in lanes) + view._frame.undated_height
        assert view.minimumSizeHint().height() == math.ceil(wanted)


def test_a_touchscreen_pinch_zooms_about_the_fingers(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QGestureEvent, QPinchGesture

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        x = 500.0
        before, span = view.scale.days(x - LANE_LABEL_WIDTH), view.scale.end - view.scale.start
        pinch = QPinchGesture()
        pinch.setScaleFactor(4.0)
        pinch.setCenterPoint(QPointF(view.mapToGlobal(QPoint(int(x), 100))))
        QApplication.sendEvent(view, QGestureEvent([pinch]))
        assert view.scale.end - view.scale.start == pytest.approx(span / 4)
        assert view.scale.days(x - LANE_LABEL_WIDTH) == pytest.approx(before)


def test_the_scrollbar_handle_moves_the_view_steadily(qtbot, tmp_path: Path) -> None:
    from timeline_app.ui.timeline.scrollbar import TimelineScrollBar

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        bar = TimelineScrollBar(view)
        view.zoom(4, 0)  # the view still starts before the first event
        start = view.scale.start
        for _ in range(3):
            bar.setValue(10)  # the same handle position: the same place
        assert view.scale.start == pytest.approx(
            start + 10 * view.scale.days_per_pixel, abs=view.scale.days_per_pixel
        )


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_only_a_left_drag_re_dates_and_escape_cancels_it(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        view.grab()
        box, event_id = view._hits[0]
        centre = box.center().toPoint()
        with qtbot.assertNotEmitted(view.redate_requested):
            qtbot.mousePress(view, Qt.MouseButton.RightButton, pos=centre)
            qtbot.mouseMove(view, centre + QPoint(60, 0))
            qtbot.mouseRelease(view, Qt.MouseButton.RightButton, pos=centre + QPoint(60, 0))
            qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=centre)
            qtbot.mouseMove(view, centre + QPoint(60, 0))
            qtbot.keyClick(view, Qt.Key.Key_Escape)
            qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=centre + QPoint(60, 0))
        # The same left drag, not cancelled, does re-date: the silence above was the refusal.
        with qtbot.waitSignal(view.redate_requested, timeout=1000) as dragged:
            qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=centre)
            qtbot.mouseMove(view, centre + QPoint(30, 0))
            qtbot.mouseMove(view, centre + QPoint(60, 0))
            qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=centre + QPoint(60, 0))
        assert dragged.args[0] == event_id
        assert dragged.args[1] == pytest.approx(60 * view.scale.days_per_pixel)


def test_clicking_a_dense_stretch_zooms_in_on_it(qtbot, tmp_path: Path) -> None:
    with CaseStore.create(tmp_path / "minutes.case") as store:
        store.add_events(
            [
                Event(
                    f"call {i}",
                    date=FuzzyDate(
                        dt.datetime(2018, 3, 1, 9, i % 60),
                        dt.datetime(2018, 3, 1, 9, i % 60),
                        "minute",
                    ),
                )
                for i in range(400)
            ]
        )
        view = shown(qtbot, store)
        view.grab()
        assert view._bins  # 400 calls in an hour: a density strip
        rect, first, last, count, _, _ = max(view._bins, key=lambda b: b[3])
        assert count > 1
        per_pixel = view.scale.days_per_pixel
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
        assert view.scale.days_per_pixel < per_pixel
        assert view.scale.start <= first and last <= view.scale.end


def test_the_axis_stays_in_view_when_the_lanes_scroll(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QScrollArea

    from timeline_app.ui.timeline.view import AXIS_HEIGHT

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = TimelineView()
        view.lanes = "party"
        area = QScrollArea(widgetResizable=True)
        area.setWidget(view)
        qtbot.addWidget(area)
        area.resize(900, 200)
        area.show()
        view.set_store(store)
        area.verticalScrollBar().valueChanged.connect(view.update)
        qtbot.waitExposed(area)
        qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > AXIS_HEIGHT)

        def axis_strip() -> QImage:
            view.repaint()
            return area.viewport().grab().toImage().copy(0, 0, 900, AXIS_HEIGHT)

        before = axis_strip()
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
        assert area.verticalScrollBar().value() > AXIS_HEIGHT
        assert axis_strip() == before


def test_fit_all_leaves_room_for_the_last_labels(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        view.resize(1500, 400)
        view.fit_all()
        first = min(i.first for i in view.items)
        assert view.scale.x(first) >= 0
        view.grab()
        labels = [d.spot for lane in view._frame.lanes for d in lane.drawn]
        assert labels and all(spot.labelled and not spot.elided for spot in labels)
        origin = view.scale.start / view.scale.days_per_pixel
        assert max(spot.label_x1 for spot in labels) - origin <= view.scale.width
        # The last event is key, so bold: its label, as wide as it is drawn, fits too.
        from PySide6.QtGui import QFont, QFontMetricsF

        last = max(view.items, key=lambda i: i.last)
        bold = QFont(view.font())
        bold.setBold(True)
        drawn = QFontMetricsF(bold).horizontalAdvance(last.title)
        assert last.key and view.scale.x(last.last) + drawn <= view.scale.width


def test_a_case_without_dated_events_shows_this_year(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as demo:
        view = shown(qtbot, demo)
    with CaseStore.create(tmp_path / "empty.case") as empty:
        view.set_store(empty)
    today = to_days(dt.date.today())
    assert view.scale.start < today < view.scale.end
    assert view.scale.end - view.scale.start < 1.2 * 365  # a year and its margins


@pytest.mark.qt_log_ignore("propagateSizeHints")  # a window shown on the offscreen platform
def test_tab_leaves_a_timeline_with_nothing_to_step_to(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    view, after = TimelineView(), QLineEdit()
    layout = QVBoxLayout(box)
    layout.addWidget(view)
    layout.addWidget(after)
    with qtbot.waitActive(box):
        box.show()
        box.activateWindow()
    with CaseStore.create(tmp_path / "empty.case") as empty:
        view.set_store(empty)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after


def one_lane(count: int) -> tuple[list, list]:
    """``count`` day events in one lane over ten years, and four calls within one hour."""
    from timeline_app.core.timeline import Lane, TimelineItem

    start = to_days(dt.date(2010, 1, 1))
    items = [
        TimelineItem(
            i,
            start + (i * 37) % 3650,
            start + (i * 37) % 3650 + 1,
            0,
            False,
            False,
            False,
            f"day event {i}",
            ("", "", "day", "on"),
        )
        for i in range(count)
    ]
    hour = start + 1000 + 9 / 24
    for n, title in enumerate(("Call", "Outage reported", "Escalation", "Board told")):
        at = hour + n * 12 / 1440
        items.append(
            TimelineItem(
                count + n,
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
    items.sort(key=lambda i: i.first)
    return items, [Lane("Everything", "#1f6fb2")]


def test_density_is_decided_for_the_view_not_the_lane(qtbot) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1400, 500)
    items, lanes = one_lane(20_000)
    view.set_items(items, lanes)
    view.grab()
    assert view._frame.lanes[0].dense  # twenty thousand events over ten years
    hour = next(i for i in items if i.title == "Call").first
    view.scale = TimeScale(hour - 5 / 1440, (1 / 24) / view.scale.width, view.scale.width)
    view.grab()
    lane = view._frame.lanes[0]
    assert not lane.dense  # an hour holds four calls (and the day they are in)
    labelled = {d.item.title for d in lane.drawn if d.spot.labelled and not d.spot.elided}
    assert {"Call", "Outage reported", "Escalation", "Board told"} <= labelled


def test_panning_keeps_every_label_on_its_row(qtbot, tmp_path: Path) -> None:
    with CaseStore.create(tmp_path / "busy.case") as store:
        outages(store, 600)
        view = shown(qtbot, store)
        view.resize(1400, 600)
        view.zoom(12)
        view.grab()
        before = {
            d.item.id: (d.spot.row, d.spot.label_row)
            for lane in view._frame.lanes
            for d in lane.drawn
            if d.spot.labelled
        }
        assert len(before) >= 5
        for step in (35, 35, 35, -50, -50, 120):
            view.scale = view.scale.panned(step)
            view.grab()
            now = {
                d.item.id: (d.spot.row, d.spot.label_row)
                for lane in view._frame.lanes
                for d in lane.drawn
                if d.spot.labelled
            }
            moved = {k for k in before.keys() & now.keys() if before[k] != now[k]}
            assert not moved
            before = now


def test_nothing_is_drawn_over_the_lane_names(qtbot, tmp_path: Path) -> None:
    with CaseStore.create(tmp_path / "early.case") as store:
        outages(store, 300)
        view = shown(qtbot, store)
        view.zoom(6)
        view.scale = view.scale.panned(300)  # bars begin left of the view
        image = view.grab().toImage()
        # Past the lane's own colour mark at its left edge.
        gutter = image.copy(6, AXIS_HEIGHT, LANE_LABEL_WIDTH - 10, image.height() - AXIS_HEIGHT)
        pixels = memoryview(gutter.convertToFormat(QImage.Format.Format_RGB32).constBits())
        assert QColor(OUTAGE_GREEN).rgb() not in set(pixels.cast("I").tolist())


def test_a_lane_is_moved_by_dragging_its_name(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        view.grab()
        labels = view.lane_labels
        moved = []
        view.lane_order_changed.connect(moved.append)
        first, last = view._gutters[0][0], view._gutters[-1][0]
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=first.center().toPoint())
        qtbot.mouseMove(view, QPoint(int(last.center().x()), int(last.bottom()) - 2))
        qtbot.mouseRelease(
            view,
            Qt.MouseButton.LeftButton,
            pos=QPoint(int(last.center().x()), int(last.bottom()) - 2),
        )
        assert view.lane_labels == [*labels[1:], labels[0]]
        assert moved and moved[-1][: len(labels)] == view.lane_labels


def test_a_dense_stretch_tells_its_count_and_the_undated_strip_folds(qtbot) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1200, 500)
    items, lanes = one_lane(20_000)
    from timeline_app.core.timeline import UndatedItem

    view.set_items(items, lanes, [UndatedItem(99_999, "Meeting, date unknown", False, "")])
    view.grab()
    rect, first, _, count, _, unit = view._bins[0]
    tip = view._tip(rect.center())
    assert f"{count:,} event" in tip and "Click to zoom in" in tip
    assert period_name(unit, first) in tip
    assert [event_id for _, event_id in view._chips] == [99_999]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view._undated_heading.center().toPoint())
    assert not view.undated_open
    view.grab()
    assert view._chips == []


def test_an_event_renamed_longer_is_labelled_with_its_new_title(qtbot) -> None:
    from PySide6.QtGui import QFontMetricsF

    from timeline_app.core.timeline import Lane, TimelineItem

    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1400, 300)
    day = to_days(dt.date(2019, 3, 4))

    def labelled(title: str) -> tuple[float, bool]:
        item = TimelineItem(7, day, day + 1, 0, False, False, False, title, ("", "", "day", "on"))
        view.set_items([item], [Lane("Events", 1)])
        view.grab()
        [drawn] = view._frame.lanes[0].drawn
        return drawn.spot.label_x1 - drawn.spot.label_x0, drawn.spot.elided

    labelled("Contract signed")
    new = "Contract signed by both managing directors at the Leeds office"
    width, elided = labelled(new)
    assert not elided
    assert width >= QFontMetricsF(view.font()).horizontalAdvance(new)  # not the old width


def test_a_label_laid_out_past_the_right_edge_ends_there_with_an_ellipsis(
    qtbot, tmp_path: Path
) -> None:
    from timeline_app.ui.timeline.view import GUTTER

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        view = shown(qtbot, store)
        view.resize(800, 400)  # too narrow for the last title beside its event
        view.fit_all()
        view.grab()
        right = GUTTER + view.scale.width
        assert view._hits and all(rect.right() <= right + 1 for rect, _ in view._hits)
        first = min(view.items, key=lambda i: i.first)  # its bar's end, then its label
        view.scale = view.scale.panned(view.scale.x(first.last) + 20)  # past its label's start
        view.grab()
        hits = view._hits  # each event's bar, then its label's words
        labels = [rect for (_, before), (rect, now) in itertools.pairwise(hits) if before == now]
        assert labels and all(rect.left() >= GUTTER for rect in labels)
