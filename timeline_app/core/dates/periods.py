"""Whole periods: the first and last moment of a day, a month, a season, a decade and so on.

Also the UK's fiscal years: the tax year (6 April to 5 April) and the financial year (1 April
to 31 March), which have a year's precision but do not start in January.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from timeline_app.core.model import DateValue, Precision, day_of

YEARS = range(1000, 3000)
"""The years a chronology holds (typed as four digits)."""

PRECISION_ORDER = [
    Precision.MINUTE,
    Precision.HOUR,
    Precision.DAY,
    Precision.WEEK,
    Precision.PART_OF_MONTH,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.SEASON,
    Precision.PART_OF_YEAR,
    Precision.HALF,
    Precision.YEAR,
    Precision.PART_OF_DECADE,
    Precision.DECADE,
    Precision.UNKNOWN,
]
"""Finest first."""

DECADE_PARTS = ((0, 3), (4, 6), (7, 9))  # years of a decade: early 1990-93, mid 94-96, late
FISCAL_STARTS = {"tax": 6, "financial": 1}  # the day of April each kind of year starts on


_DAYS_IN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def last_day(year: int, month: int) -> int:
    """The number of days in the month."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS_IN[month - 1]


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` after (or before) the one given."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def decade_part(year: int) -> int:
    """0, 1 or 2: whether ``year`` is early, mid or late in its decade."""
    return next(part for part, (_, last) in enumerate(DECADE_PARTS) if year % 10 <= last)


def _whole_day(day: dt.date) -> tuple[dt.date, dt.date]:
    return day, day


def _week(day: dt.date) -> tuple[dt.date, dt.date]:
    return day, day + dt.timedelta(days=6)


def _month(day: dt.date) -> tuple[dt.date, dt.date]:
    y, m = day.year, day.month
    return dt.date(y, m, 1), dt.date(y, m, last_day(y, m))


def _part_of_month(day: dt.date) -> tuple[dt.date, dt.date]:
    y, m = day.year, day.month
    third = min(2, (day.day - 1) // 10)  # early 1-10, mid 11-20, late 21 to the end
    first, last = ((1, 10), (11, 20), (21, last_day(y, m)))[third]
    return dt.date(y, m, first), dt.date(y, m, last)


def _months(day: dt.date, length: int) -> tuple[dt.date, dt.date]:
    """The ``length`` months from January that hold ``day`` (a quarter, a half, a third)."""
    y, start = day.year, (day.month - 1) // length * length + 1
    end = start + length - 1
    return dt.date(y, start, 1), dt.date(y, end, last_day(y, end))


def _season(day: dt.date) -> tuple[dt.date, dt.date]:
    y, m = day.year, day.month
    start_y, start_m = (y, m // 3 * 3) if m >= 3 else (y - 1, 12)
    end_y, end_m = add_months(start_y, start_m, 2)
    return dt.date(start_y, start_m, 1), dt.date(end_y, end_m, last_day(end_y, end_m))


def _year(day: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _part_of_decade(day: dt.date) -> tuple[dt.date, dt.date]:
    y = day.year
    first, last = DECADE_PARTS[decade_part(y)]
    return dt.date(y // 10 * 10 + first, 1, 1), dt.date(y // 10 * 10 + last, 12, 31)


def _decade(day: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(day.year // 10 * 10, 1, 1), dt.date(day.year // 10 * 10 + 9, 12, 31)


_PERIODS: dict[Precision, Callable[[dt.date], tuple[dt.date, dt.date]]] = {
    Precision.DAY: _whole_day,
    Precision.WEEK: _week,
    Precision.MONTH: _month,
    Precision.PART_OF_MONTH: _part_of_month,
    Precision.QUARTER: lambda day: _months(day, 3),
    Precision.HALF: lambda day: _months(day, 6),
    Precision.PART_OF_YEAR: lambda day: _months(day, 4),
    Precision.SEASON: _season,
    Precision.YEAR: _year,
    Precision.PART_OF_DECADE: _part_of_decade,
    Precision.DECADE: _decade,
}
"""The first and last day of the period of each precision that holds a day (one lookup:
the parser asks for periods often)."""


def period(value: DateValue, precision: Precision) -> tuple[DateValue, DateValue]:
    """The whole period of ``precision`` that contains ``value`` (first and last moment)."""
    whole = _PERIODS.get(precision)
    if whole is not None:
        return whole(day_of(value))
    if precision is Precision.MINUTE:
        return value, value
    raise ValueError(f"no period for precision {precision}")


def period_ending(value: DateValue, precision: Precision) -> DateValue:
    """The start of the period of ``precision`` whose last day is ``value``."""
    if precision is Precision.WEEK:  # a week starts on the day it is said to begin
        return day_of(value) - dt.timedelta(days=6)
    if precision is Precision.MINUTE:
        return value
    kind = fiscal_kind_ending(day_of(value)) if precision is Precision.YEAR else None
    if kind:
        return fiscal_year(day_of(value).year - 1, kind)[0]
    if precision is Precision.SEASON and day_of(value).month % 3 != 2:
        return day_of(value).replace(day=1)  # "by early summer 2017": a season's month ends there
    return period(value, precision)[0]


def before(value: DateValue) -> DateValue:
    """The day (or minute) before."""
    if isinstance(value, dt.datetime):
        return value - dt.timedelta(minutes=1)
    return value - dt.timedelta(days=1)


def after(value: DateValue) -> DateValue:
    """The day (or minute) after."""
    if isinstance(value, dt.datetime):
        return value + dt.timedelta(minutes=1)
    return value + dt.timedelta(days=1)


def fiscal_year(first_year: int, kind: str) -> tuple[dt.date, dt.date]:
    """The tax or financial year that starts in April of ``first_year``."""
    start = FISCAL_STARTS[kind]
    return dt.date(first_year, 4, start), dt.date(first_year + 1, 4, start) - dt.timedelta(days=1)


def fiscal_kind_starting(day: dt.date) -> str | None:
    """The kind of fiscal year that starts on ``day`` (tax: 6 April, financial: 1 April)."""
    if day.month == 4:
        return next((kind for kind, start in FISCAL_STARTS.items() if start == day.day), None)
    return None


def fiscal_kind_ending(day: dt.date) -> str | None:
    """The kind of fiscal year that ends on ``day`` (tax: 5 April, financial: 31 March)."""
    return fiscal_kind_starting(day + dt.timedelta(days=1))


def starts_period(first: DateValue, precision: Precision) -> bool:
    """Whether a period of ``precision`` (or a tax or financial year) starts at ``first``."""
    if period(first, precision)[0] == first:
        return True
    return precision is Precision.YEAR and fiscal_kind_starting(day_of(first)) is not None


def ends_period(last: DateValue, precision: Precision) -> bool:
    """Whether a period of ``precision`` (or a tax or financial year) ends at ``last``."""
    if period(last, precision)[1] == last:
        return True
    return precision is Precision.YEAR and fiscal_kind_ending(day_of(last)) is not None


def is_period(first: DateValue, last: DateValue, precision: Precision) -> bool:
    """Whether [first, last] is one whole period of ``precision`` (or one of its named parts).

    Named parts keep the precision of what they are part of: a season's early, mid or late
    month, and a tax or financial year (a year's precision, from April).
    """
    if precision is Precision.MINUTE:
        return first == last and isinstance(first, dt.datetime)
    if isinstance(first, dt.datetime) or isinstance(last, dt.datetime):
        return False
    if precision is Precision.DAY:  # the commonest: a day's period is the day itself
        return first == last
    if period(first, precision) == (first, last):
        return True
    if precision is Precision.SEASON:
        return period(first, Precision.MONTH) == (first, last)
    if precision is Precision.YEAR:
        kind = fiscal_kind_starting(first)
        return kind is not None and fiscal_year(first.year, kind) == (first, last)
    return False
