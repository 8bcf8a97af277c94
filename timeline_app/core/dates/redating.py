"""Moving a date by a drag on the timeline: whole units of its own precision."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from timeline_app.core.dates.errors import DateError
from timeline_app.core.dates.formatting import format, shown_precision
from timeline_app.core.dates.periods import (
    DECADE_PARTS,
    YEARS,
    add_months,
    decade_part,
    last_day,
    period,
)
from timeline_app.core.model import DateValue, FuzzyDate, Precision, day_of

_BY_MONTHS = {
    Precision.MONTH: 1,
    Precision.PART_OF_MONTH: 1,
    Precision.QUARTER: 3,
    Precision.SEASON: 3,
    Precision.HALF: 6,
    Precision.PART_OF_YEAR: 4,
}
_BY_YEARS = {Precision.YEAR: 1, Precision.DECADE: 10}


def shifted(date: FuzzyDate, days: float) -> FuzzyDate:
    """The date moved by about ``days``, snapped to whole units of its precision.

    A day-precise date moves by whole days, a month by whole months, a quarter by quarters,
    a year by years; its shape (qualifier, precision, open ends) stays, and its text becomes
    the court-style words for the new date. Undated stays undated.
    """
    if date.is_undated:
        return date
    precision = shown_precision(date)
    beyond = f"That would move the date beyond the years {YEARS[0]} to {YEARS[-1]}."

    def move(value: DateValue | None) -> DateValue | None:
        if value is None:
            return None
        if precision is Precision.MINUTE:
            return value + dt.timedelta(minutes=round(days * 24 * 60))
        if precision in (Precision.DAY, Precision.WEEK):
            step = 7 if precision is Precision.WEEK else 1
            return value + dt.timedelta(days=round(days / step) * step)
        day = day_of(value)
        if precision is Precision.PART_OF_DECADE:  # by thirds of a decade, of unequal length
            steps = round(days / 365.25 * 3 / 10)
            if steps == 0:
                return value
            part = day.year // 10 * 3 + decade_part(day.year) + steps
            year, month = part // 3 * 10 + DECADE_PARTS[part % 3][0], day.month
        elif precision in _BY_MONTHS:
            unit = _BY_MONTHS[precision]
            year, month = add_months(day.year, day.month, round(days / 30.44 / unit) * unit)
        else:
            unit = _BY_YEARS.get(precision, 1)
            year, month = day.year + round(days / 365.25 / unit) * unit, day.month
        if year not in YEARS:
            raise DateError(beyond)
        return dt.date(year, month, min(day.day, last_day(year, month)))

    earliest, latest = move(date.earliest), move(date.latest)
    if (earliest, latest) == (date.earliest, date.latest):
        return date  # less than a unit: the words the user typed stay
    if any(day_of(v).year not in YEARS for v in (earliest, latest) if v is not None):
        raise DateError(beyond)
    earliest_was, latest_was = date.earliest or date.latest, date.latest or date.earliest
    assert earliest_was is not None and latest_was is not None  # a dated date has a bound
    if precision not in (Precision.MINUTE, Precision.DAY, Precision.WEEK):
        # Whole periods again: the first day of the first, the last day of the last. A bound
        # of a named part (a tax year's 6 April, a season's month) moved by whole units stays.
        if earliest is not None and date.earliest == period(earliest_was, precision)[0]:
            earliest = period(earliest, precision)[0]
        if latest is not None and date.latest == period(latest_was, precision)[1]:
            latest = period(latest, precision)[1]
    moved = FuzzyDate(earliest, latest, date.precision, date.qualifier, date.approximate)
    return replace(moved, text=format(moved))
