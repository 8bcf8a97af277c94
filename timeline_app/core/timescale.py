"""Time against pixels for the timeline: the mapping, zoom and pan, and the axis's ticks.

Time is a float number of days: a date's proleptic ordinal (``date.toordinal()``), plus the
fraction of the day for a time. Pure maths; the widget that draws with it lives in ``ui``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from timeline_app.core.dates.words import MONTH_NAMES
from timeline_app.core.model import DateValue

MINUTE = 1 / (24 * 60)
MIN_DAYS_PER_PIXEL = MINUTE / 2
"""The deepest zoom: an hour spans 120 pixels."""
MAX_SPAN_DAYS = 365.25 * 600
"""The widest view: six centuries across the whole width."""
_FIRST_DAY, _LAST_DAY = dt.date(1, 1, 1).toordinal(), dt.date(9999, 12, 31).toordinal()


def to_days(value: DateValue) -> float:
    """A date (the start of its day) or a date with a time, as days."""
    if isinstance(value, dt.datetime):
        return value.toordinal() + (value.hour * 60 + value.minute) * MINUTE
    return float(value.toordinal())


def from_days(days: float) -> dt.datetime:
    """Days back to a moment, to the minute at or before it."""
    days = min(max(days, _FIRST_DAY), _LAST_DAY + 1 - MINUTE)
    whole = math.floor(days)
    minutes = math.floor((days - whole) / MINUTE + 1e-6)  # 1e-6: float error, not a minute
    return dt.datetime.fromordinal(whole) + dt.timedelta(minutes=minutes)


@dataclass(frozen=True, slots=True)
class TimeScale:
    """The visible window: ``start`` (days) at x = 0, ``days_per_pixel``, over ``width`` pixels.

    Zooming keeps the moment under the anchor pixel where it is; both zoom and pan stay
    within the limits (an hour to six centuries across, years 1 to 9999).
    """

    start: float
    days_per_pixel: float
    width: int

    def __post_init__(self) -> None:
        if self.width <= 0:
            raise ValueError("a time scale needs a positive width")
        most = MAX_SPAN_DAYS / self.width
        object.__setattr__(
            self, "days_per_pixel", min(max(self.days_per_pixel, MIN_DAYS_PER_PIXEL), most)
        )
        span = self.days_per_pixel * self.width
        object.__setattr__(self, "start", min(max(self.start, _FIRST_DAY), _LAST_DAY + 1 - span))

    @property
    def end(self) -> float:
        """The day at the right edge."""
        return self.start + self.days_per_pixel * self.width

    def x(self, days: float) -> float:
        """The pixel of a moment (may lie outside 0..width)."""
        return (days - self.start) / self.days_per_pixel

    def days(self, x: float) -> float:
        """The moment at a pixel."""
        return self.start + x * self.days_per_pixel

    def zoomed(self, factor: float, anchor_x: float) -> TimeScale:
        """Zoom in (factor > 1) or out, keeping the moment under ``anchor_x`` in place."""
        anchored = self.days(anchor_x)
        per_pixel = self.days_per_pixel / factor
        return TimeScale(anchored - anchor_x * per_pixel, per_pixel, self.width)

    def panned(self, dx: float) -> TimeScale:
        """Move the view by ``dx`` pixels (positive: later times come into view)."""
        return TimeScale(self.start + dx * self.days_per_pixel, self.days_per_pixel, self.width)

    def resized(self, width: int) -> TimeScale:
        """The same start and zoom over a new width."""
        return TimeScale(self.start, self.days_per_pixel, width)

    @classmethod
    def fit(cls, first: float, last: float, width: int, margin: float = 0.05) -> TimeScale:
        """A view showing ``first`` to ``last`` with a margin on each side."""
        span = max(last - first, 1.0)
        per_pixel = span * (1 + 2 * margin) / width
        return cls(first - span * margin, per_pixel, width)


# ---------------------------------------------------------------------------- the ticks


@dataclass(frozen=True, slots=True)
class Tick:
    """A mark on the axis: where (days), its label, and whether it starts a major unit."""

    days: float
    label: str
    major: bool


@dataclass(frozen=True, slots=True)
class _Unit:
    name: str
    typical_days: float
    floor: Callable[[dt.datetime], dt.datetime]
    step: Callable[[dt.datetime], dt.datetime]
    label: Callable[[dt.datetime], str]
    label_chars: int
    """The longest label, in characters, for spacing."""


def _month_floor(m: int) -> Callable[[dt.datetime], dt.datetime]:
    return lambda d: dt.datetime(d.year, (d.month - 1) // m * m + 1, 1)


def _add_months(d: dt.datetime, months: int) -> dt.datetime:
    index = d.year * 12 + d.month - 1 + months
    return dt.datetime(index // 12, index % 12 + 1, 1)


def _year_floor(n: int) -> Callable[[dt.datetime], dt.datetime]:
    return lambda d: dt.datetime(max(1, d.year // n * n), 1, 1)


def _year_step(n: int) -> Callable[[dt.datetime], dt.datetime]:
    return lambda d: (
        dt.datetime(d.year // n * n + n, 1, 1)
        if d.year // n * n + n <= 9999
        else dt.datetime(9999, 12, 31, 23, 59)
    )


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

LADDER: list[_Unit] = [
    _Unit(
        "hour",
        1 / 24,
        lambda d: d.replace(minute=0),
        lambda d: d + dt.timedelta(hours=1),
        lambda d: f"{d:%H}:00",
        5,
    ),
    _Unit(
        "6 hours",
        0.25,
        lambda d: d.replace(hour=d.hour // 6 * 6, minute=0),
        lambda d: d + dt.timedelta(hours=6),
        lambda d: f"{d:%H}:00",
        5,
    ),
    _Unit(
        "day",
        1,
        lambda d: d.replace(hour=0, minute=0),
        lambda d: d + dt.timedelta(days=1),
        lambda d: f"{d.day} {_MONTHS[d.month - 1]}",
        6,
    ),
    _Unit(
        "week",
        7,
        lambda d: (d - dt.timedelta(days=d.weekday())).replace(hour=0, minute=0),
        lambda d: d + dt.timedelta(days=7),
        lambda d: f"{d.day} {_MONTHS[d.month - 1]}",
        6,
    ),
    # A year's first month or quarter carries the year, so every year on show is named.
    _Unit(
        "month",
        30.44,
        _month_floor(1),
        lambda d: _add_months(d, 1),
        lambda d: f"Jan {d.year}" if d.month == 1 else _MONTHS[d.month - 1],
        8,
    ),
    _Unit(
        "quarter",
        91.31,
        _month_floor(3),
        lambda d: _add_months(d, 3),
        lambda d: f"Q1 {d.year}" if d.month == 1 else f"Q{(d.month - 1) // 3 + 1}",
        7,
    ),
    _Unit("year", 365.25, _year_floor(1), _year_step(1), lambda d: str(d.year), 4),
    _Unit("5 years", 5 * 365.25, _year_floor(5), _year_step(5), lambda d: str(d.year), 4),
    _Unit("decade", 3652.5, _year_floor(10), _year_step(10), lambda d: f"{d.year}s", 5),
    _Unit("50 years", 50 * 365.25, _year_floor(50), _year_step(50), lambda d: str(d.year), 4),
    _Unit("century", 36525, _year_floor(100), _year_step(100), lambda d: f"{d.year}s", 5),
]

# What names the period around a tick unit, for the label that stays at the left edge.
_CONTEXT: dict[str, Callable[[dt.datetime], str]] = {
    "hour": lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}",
    "6 hours": lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}",
    "day": lambda d: f"{_MONTHS[d.month - 1]} {d.year}",
    "week": lambda d: f"{_MONTHS[d.month - 1]} {d.year}",
    "month": lambda d: str(d.year),
    "quarter": lambda d: str(d.year),
}


@dataclass(frozen=True, slots=True)
class Axis:
    """The ticks for a view: labelled major ticks, unlabelled minor ones, and the context."""

    unit: str
    major: list[Tick]
    minor: list[Tick]
    context: str
    """The enclosing period at the left edge ("November 2018" when showing days), kept
    visible so that the leftmost major unit always has a name."""
    minor_unit: str = ""
    """The unit of the minor ticks ("" when there are none)."""


def axis(scale: TimeScale, char_px: float = 7.0, min_gap_px: float = 14.0) -> Axis:
    """Choose the finest unit whose labels fit without touching, and list its ticks.

    :param char_px: the width of one character of the label font, in pixels.
    :param min_gap_px: the least space between two labels.
    """
    major_unit = LADDER[-1]
    for unit in LADDER:
        spacing = unit.typical_days / scale.days_per_pixel
        if spacing >= unit.label_chars * char_px + min_gap_px:
            major_unit = unit
            break
    index = LADDER.index(major_unit)
    minor_unit = next(
        (u for u in reversed(LADDER[:index]) if u.typical_days / scale.days_per_pixel >= 8), None
    )
    major = [
        Tick(to_days(d), major_unit.label(d), True)
        for d in _walk(major_unit, scale.start, scale.end)
    ]
    minor = (
        []
        if minor_unit is None
        else [Tick(to_days(d), "", False) for d in _walk(minor_unit, scale.start, scale.end)]
    )
    at_left = from_days(scale.start)
    naming = _CONTEXT.get(major_unit.name)
    context = naming(at_left) if naming else major_unit.label(major_unit.floor(at_left))
    return Axis(major_unit.name, major, minor, context, minor_unit.name if minor_unit else "")


def period_name(unit: str, days: float) -> str:
    """The period of ``unit`` that starts at ``days``, as a lawyer would say it.

    "March 2011" for a month, "Q2 2011", "2011", "the 2010s", "week of 7 March 2011",
    "7 March 2011", "7 March 2011, 09:00–10:00".
    """
    moment = from_days(days)
    day = f"{moment.day} {MONTH_NAMES[moment.month - 1]} {moment.year}"
    if unit in ("hour", "6 hours"):
        hours = 1 if unit == "hour" else 6
        end = (moment.hour + hours) % 24
        return f"{day}, {moment.hour:02d}:00–{end:02d}:00"
    if unit == "day":
        return day
    if unit == "week":
        return f"week of {day}"
    if unit == "month":
        return f"{MONTH_NAMES[moment.month - 1]} {moment.year}"
    if unit == "quarter":
        return f"Q{(moment.month - 1) // 3 + 1} {moment.year}"
    if unit == "year":
        return str(moment.year)
    if unit == "5 years":
        return f"{moment.year}–{moment.year + 4}"
    if unit == "decade":
        return f"the {moment.year}s"
    if unit == "50 years":
        return f"{moment.year}–{moment.year + 49}"
    return f"the {moment.year}s"


def _walk(unit: _Unit, start: float, end: float) -> Iterator[dt.datetime]:
    """The unit's boundaries from the one at or before ``start`` to ``end``."""
    moment = unit.floor(from_days(start))
    while to_days(moment) <= end:
        yield moment
        following = unit.step(moment)
        if following <= moment:
            return
        moment = following
