"""Dates in court style, and the one-line explanation of a date's window.

Court style is "8 November 2018", "c. March 2016", "Between January and June 2018".

``format`` rebuilds the words from the window, the precision and the qualifier, so that
``parse(format(d))`` gives ``d`` back.
"""

from __future__ import annotations

import datetime as dt
import re

from timeline_app.core.dates.periods import (
    after,
    before,
    decade_part,
    fiscal_kind_ending,
    fiscal_kind_starting,
    fiscal_year,
    is_period,
    period,
    period_ending,
)
from timeline_app.core.dates.words import MONTH_NAMES, SEASON_NAMES
from timeline_app.core.model import DateValue, FuzzyDate, Precision, Qualifier, day_of


def format_day(day: dt.date) -> str:
    """8 November 2018."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _period_from(first: DateValue, precision: Precision) -> DateValue:
    """The last moment of the period of ``precision`` that starts at ``first``.

    A whole period where one starts there, else a season's month or a tax or financial year.
    """
    whole = period(first, precision)
    if whole[0] == first or precision is Precision.MINUTE:
        return whole[1]
    day = day_of(first)
    if precision is Precision.SEASON:
        return period(day, Precision.MONTH)[1]
    kind = fiscal_kind_starting(day) if precision is Precision.YEAR else None
    if kind:
        return fiscal_year(day.year, kind)[1]
    return whole[1]


def _season_part(day: dt.date) -> str:
    """A season's month as a part of it ("Early summer 2017"); winter's year is December's."""
    start_month = day.month // 3 * 3 if day.month >= 3 else 12
    year = day.year if day.month >= start_month else day.year - 1
    part = (day.month - start_month) % 12
    name = SEASON_NAMES[start_month].lower()
    return f"{('Early ', 'Mid-', 'Late ')[part]}{name} {year}"


def _fiscal_name(first: dt.date, last: dt.date) -> tuple[str, str]:
    """("tax", "2009/10") for a tax year's window, and so on for financial years."""
    kind = fiscal_kind_starting(first) or fiscal_kind_ending(last) or "tax"
    return kind, f"{first.year}/{str(first.year + 1)[2:]}"


def format_period(  # noqa: PLR0911  (one return per precision)
    first: DateValue, last: DateValue, precision: Precision
) -> str:
    """Court style for the period [first, last] of ``precision`` (or a named part of one)."""
    day = day_of(first)
    month, year = MONTH_NAMES[day.month - 1], day.year
    if precision is Precision.MINUTE:
        clock = f"{first:%H:%M} on " if isinstance(first, dt.datetime) else ""
        return f"{clock}{format_day(day)}"
    if precision is Precision.DAY:
        return format_day(day)
    if precision is Precision.MONTH:
        return f"{month} {year}"
    if precision is Precision.YEAR:
        if day.month != 1:
            kind, name = _fiscal_name(day, day_of(last))
            return f"{kind.capitalize()} year {name}"
        return str(year)
    if precision is Precision.WEEK:
        return f"Week beginning {format_day(day)}"
    if precision is Precision.PART_OF_MONTH:
        return ("Early ", "Mid-", "Late ")[min(2, (day.day - 1) // 10)] + f"{month} {year}"
    if precision is Precision.QUARTER:
        return f"Q{(day.month - 1) // 3 + 1} {year}"
    if precision is Precision.SEASON:
        if period(day, Precision.SEASON) != (day, day_of(last)):
            return _season_part(day)
        return f"{SEASON_NAMES[day.month]} {year}"
    if precision is Precision.HALF:
        return f"{'First' if day.month <= 6 else 'Second'} half of {year}"
    if precision is Precision.PART_OF_YEAR:
        return f"{('Early ', 'Mid-', 'Late ')[(day.month - 1) // 4]}{year}"
    if precision is Precision.PART_OF_DECADE:
        return f"{('Early ', 'Mid-', 'Late ')[decade_part(year)]}{year // 10 * 10}s"
    if precision is Precision.DECADE:
        return f"The {year // 10 * 10}s"
    raise ValueError(f"no period is written for {precision}")


_LAWYERS_PART = re.compile(
    r"^\W*(?:(?:on|at|in|around|by|before|after|about|c\.?|circa)\s+)?(?:the\s+)?"
    r"(beginning|start|middle|end)\s+of\b",
    re.IGNORECASE,
)
_PART_OF = {"beginning": "Early ", "start": "Early ", "middle": "Mid-", "end": "Late "}


def _in_lawyers_words(point: str, text: str) -> str:
    """Write "End of 1997" where the user did and it names the same part as "Late 1997".

    Court style has both; the lawyer's own word is kept, any other shape is rewritten.
    """
    said = _LAWYERS_PART.match(text)
    if said is None or not point.startswith(part := _PART_OF[said.group(1).lower()]):
        return point
    rest = point[len(part) :]
    return f"{said.group(1).capitalize()} of {'the ' if rest.endswith('0s') else ''}{rest}"


_LOWER_AFTER_A_WORD = (
    "Early",
    "Mid-",
    "Late",
    "Week",
    "First",
    "Second",
    "Spring",
    "Summer",
    "Autumn",
    "Winter",
    "The",
    "Between",
    "Tax",
    "Financial",
    "Throughout",
)


def _lower_first(text: str) -> str:
    """A word's capital dropped inside a phrase ("before early 2017"); month names keep theirs."""
    if _LAWYERS_PART.match(text):
        return f"the {text[0].lower()}{text[1:]}"  # "before the end of 1997"
    return text[0].lower() + text[1:] if text.startswith(_LOWER_AFTER_A_WORD) else text


def _format_range(first: DateValue, last: DateValue, precision: Precision, between: bool) -> str:
    a, b = day_of(first), day_of(last)
    joiner = " and " if between else " – "
    start_of_last = last if precision is Precision.MINUTE else period_ending(last, precision)
    if precision is Precision.YEAR and (a.month != 1 or b.month != 12):
        kind = _fiscal_name(a, b)[0]
        left, right = _fiscal_name(a, a)[1], _fiscal_name(day_of(start_of_last), b)[1]
        text = f"{left}{joiner}{right} ({kind} years)"
        return f"Between {text}" if between else text
    if precision is Precision.DAY and (a.year, a.month) == (b.year, b.month):
        left = str(a.day)
    elif precision is Precision.DAY and a.year == b.year:
        left = f"{a.day} {MONTH_NAMES[a.month - 1]}"
    elif precision is Precision.MONTH and a.year == b.year:
        left = MONTH_NAMES[a.month - 1]
    elif precision is Precision.QUARTER and a.year == b.year:
        left = f"Q{(a.month - 1) // 3 + 1}"
    elif precision is Precision.MINUTE and a == b:
        left = f"{first:%H:%M}"  # "10:00 – 11:00 on 3 May 2019"
    else:
        left = format_period(first, _period_from(first, precision), precision)
    right = format_period(start_of_last, last, precision)
    if between:
        return f"Between {_lower_first(left)}{joiner}{_lower_first(right)}"
    return f"{left}{joiner}{_lower_first(right)}"


def _bounds(date: FuzzyDate) -> tuple[DateValue, DateValue]:
    """A dated window's first and last moments; an open end takes the other's."""
    known = [bound for bound in (date.earliest, date.latest) if bound is not None]
    if not known:
        raise ValueError("an undated date has no bounds")
    return known[0], known[-1]


def format(date: FuzzyDate, style: str = "court") -> str:  # the name for it
    """The date as a court chronology writes it ("8 November 2018", "c. March 2016" …)."""
    if style != "court":
        raise ValueError(f"unknown date style {style!r}")
    if date.is_undated:
        return "Undated"
    q, precision = date.qualifier, shown_precision(date)
    timed = precision is Precision.MINUTE
    first, last = _bounds(date)
    if q in (Qualifier.ON, Qualifier.ABOUT) and not is_period(first, last, precision):
        q = Qualifier.BETWEEN  # stored windows that are not one period: say what they are
    if q is Qualifier.FROM_TO and not timed and is_period(first, last, precision):
        text = f"Throughout {_lower_first(format_period(first, last, precision))}"
        return f"c. {_lower_first(text)}" if date.approximate else text
    if q in (Qualifier.BETWEEN, Qualifier.FROM_TO):
        text = _format_range(first, last, precision, q is Qualifier.BETWEEN)
        return f"c. {_lower_first(text)}" if date.approximate else text
    # The period the words name: it starts at the window's start, ends at its end ("by"),
    # or lies just outside it ("before", "after").
    if q is Qualifier.BEFORE:
        start = after(last)
        end = _period_from(start, precision)
    elif q is Qualifier.AFTER:
        end = before(first)
        start = period_ending(end, precision)
    elif q in (Qualifier.BY, Qualifier.UNTIL):
        start, end = period_ending(last, precision), last
    elif q is Qualifier.SINCE:
        start, end = first, _period_from(first, precision)
    else:
        start, end = first, last
    if not timed:
        start = day_of(start)
    point = _in_lawyers_words(format_period(start, end, precision), date.text)
    if q is Qualifier.ABOUT or (q is Qualifier.ON and date.approximate):
        if timed:
            return f"At about {point}"
        return f"On or about {point}" if precision is Precision.DAY else f"c. {_lower_first(point)}"
    if q is Qualifier.ON:
        return point[0].upper() + point[1:]
    word = {
        Qualifier.BEFORE: "Before",
        Qualifier.AFTER: "After",
        Qualifier.BY: "By",
        Qualifier.UNTIL: "Until",
        Qualifier.SINCE: "Since",
    }[q]
    approx = "c. " if date.approximate else ""
    return f"{word} {approx}{_lower_first(point) if not timed else point}"


def shown_precision(date: FuzzyDate) -> Precision:
    """The precision to write: stored data may say "unknown" with bounds, or "hour"."""
    if date.precision in (Precision.UNKNOWN, Precision.HOUR):
        bounds = [b for b in (date.earliest, date.latest) if b is not None]
        return (
            Precision.MINUTE if any(isinstance(b, dt.datetime) for b in bounds) else Precision.DAY
        )
    return date.precision


_MEANINGS = {
    Precision.MINUTE: "exact time",
    Precision.HOUR: "exact hour",
    Precision.DAY: "exact day",
    Precision.WEEK: "some day in that week",
    Precision.PART_OF_MONTH: "some day in that part of the month",
    Precision.MONTH: "month known, day not",
    Precision.QUARTER: "quarter known, month not",
    Precision.SEASON: "season known",
    Precision.HALF: "half-year known",
    Precision.PART_OF_YEAR: "part of the year known",
    Precision.YEAR: "year known, month not",
    Precision.PART_OF_DECADE: "part of the decade known",
    Precision.DECADE: "decade known",
}


def format_window(first: DateValue, last: DateValue, precision: Precision = Precision.DAY) -> str:
    """The window's words: its period's name when it is one ("April 2014"), else its days."""
    if precision is not Precision.DAY and is_period(first, last, precision):
        return format_period(first, last, precision)
    if isinstance(first, dt.datetime) or isinstance(last, dt.datetime):
        start = format_period(
            first, first, Precision.MINUTE if isinstance(first, dt.datetime) else Precision.DAY
        )
        if first == last:
            return start
        return f"{start} – {format_period(last, last, Precision.MINUTE)}"
    if first == last:
        return format_day(day_of(first))
    return _format_range(first, last, Precision.DAY, between=False)


def explain(date: FuzzyDate) -> str:
    """One line for the editor's preview: the window in days and what it means."""
    if date.is_undated:
        return "Undated — sorted after every dated event"
    first, last = _bounds(date)
    if date.earliest is None:
        window = f"On or before {format_window(last, last)}"
    elif date.latest is None:
        window = f"On or after {format_window(first, first)}"
    else:
        window = format_window(first, last)
    meaning = {
        Qualifier.BETWEEN: "at some point between",
        Qualifier.FROM_TO: "lasting across",
        Qualifier.BEFORE: "no earlier limit",
        Qualifier.BY: "no earlier limit",
        Qualifier.AFTER: "no later limit",
        Qualifier.SINCE: "continuing, no end given",
        Qualifier.UNTIL: "continuing until then, no start given",
    }.get(date.qualifier) or _MEANINGS[shown_precision(date)]
    if date.approximate:
        meaning = f"approximately; {meaning}"
    return f"{window[0].upper()}{window[1:]} — {meaning}"
