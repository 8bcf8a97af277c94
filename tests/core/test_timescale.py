"""The timeline's maths: time to pixels, zoom about the cursor, pan, limits, the tick ladder."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.timescale import (
    MAX_SPAN_DAYS,
    MIN_DAYS_PER_PIXEL,
    TimeScale,
    axis,
    from_days,
    to_days,
)

NOV_8 = to_days(dt.date(2018, 11, 8))


def test_days_round_trip_to_the_minute() -> None:
    moment = dt.datetime(2018, 11, 8, 14, 32)
    assert from_days(to_days(moment)) == moment
    assert to_days(dt.date(2018, 11, 8)) == dt.date(2018, 11, 8).toordinal()


def test_time_and_pixels_map_both_ways() -> None:
    scale = TimeScale(NOV_8, 0.5, 1000)
    assert scale.x(NOV_8) == 0
    assert scale.x(NOV_8 + 10) == 20
    assert scale.days(20) == NOV_8 + 10
    assert scale.end == NOV_8 + 500


@settings(max_examples=200, deadline=None)
@given(factor=st.floats(0.05, 20), anchor=st.floats(0, 1000), per_pixel=st.floats(0.01, 100))
def test_zoom_keeps_the_moment_under_the_cursor(
    factor: float, anchor: float, per_pixel: float
) -> None:
    scale = TimeScale(NOV_8, per_pixel, 1000)
    zoomed = scale.zoomed(factor, anchor)
    if MIN_DAYS_PER_PIXEL < zoomed.days_per_pixel < MAX_SPAN_DAYS / 1000:
        assert zoomed.days(anchor) == pytest.approx(scale.days(anchor), abs=1e-6)


def test_zoom_and_pan_limits() -> None:
    scale = TimeScale(NOV_8, 1, 1000)
    deep = scale.zoomed(1e9, 500)
    assert deep.days_per_pixel == MIN_DAYS_PER_PIXEL  # an hour spans 120 pixels at most
    wide = scale.zoomed(1e-9, 500)
    assert wide.end - wide.start == pytest.approx(MAX_SPAN_DAYS)
    assert scale.panned(-1e9).start == dt.date(1, 1, 1).toordinal()
    assert from_days(scale.panned(1e9).end) <= dt.datetime(9999, 12, 31, 23, 59)
    with pytest.raises(ValueError, match="positive width"):
        TimeScale(NOV_8, 1, 0)


def test_fit_shows_everything_with_a_margin() -> None:
    first, last = to_days(dt.date(2016, 1, 1)), to_days(dt.date(2019, 10, 31))
    scale = TimeScale.fit(first, last, 1200)
    assert scale.start < first and scale.end > last
    assert scale.x(first) > 0 and scale.x(last) < 1200


@pytest.mark.parametrize(
    ("span_days", "unit"),
    [
        (0.5, "hour"),
        (3, "6 hours"),
        (12, "day"),
        (60, "week"),
        (200, "month"),
        (1200, "quarter"),
        (6000, "year"),
        (20000, "5 years"),
        (70000, "decade"),
        (200000, "50 years"),
    ],
)
def test_the_ladder_adapts_to_the_zoom(span_days: float, unit: str) -> None:
    scale = TimeScale(NOV_8, span_days / 1200, 1200)
    assert axis(scale).unit == unit


@settings(max_examples=150, deadline=None)
@given(span=st.floats(0.05, 200000), start=st.floats(700000, 740000))
def test_labels_never_overlap(span: float, start: float) -> None:
    scale = TimeScale(start, span / 1200, 1200)
    ticks = axis(scale, char_px=7)
    xs = [scale.x(t.days) for t in ticks.major]
    widths = [len(t.label) * 7 for t in ticks.major]
    for (x, width), next_x in zip(zip(xs, widths, strict=True), xs[1:], strict=False):
        assert next_x - x >= width  # each label ends before the next begins
    assert ticks.major and ticks.major[0].days <= scale.start + 1e-9
    assert all(t.days <= scale.end for t in ticks.major)


def test_the_leftmost_unit_always_has_a_name() -> None:
    days = TimeScale(to_days(dt.datetime(2018, 11, 20, 6, 0)), 12 / 1200, 1200)
    assert axis(days).unit == "day" and axis(days).context == "Nov 2018"
    hours = TimeScale(to_days(dt.datetime(2018, 11, 8, 9, 0)), 0.3 / 1200, 1200)
    assert axis(hours).context == "8 Nov 2018"
    years = TimeScale(to_days(dt.date(2016, 5, 1)), 7000 / 1200, 1200)
    assert axis(years).context == "2016"


def test_month_ticks_fall_on_the_first_of_each_month() -> None:
    scale = TimeScale(to_days(dt.date(2018, 1, 15)), 200 / 1200, 1200)
    ticks = axis(scale)
    assert ticks.unit == "month"
    assert [from_days(t.days).day for t in ticks.major] == [1] * len(ticks.major)
    assert [t.label for t in ticks.major[:3]] == ["Jan 2018", "Feb", "Mar"]
