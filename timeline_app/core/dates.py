"""Dates the way lawyers write them: parse, explain, format in court style, sort.

``parse("8 November 2018", ref_date=…)`` gives a :class:`FuzzyDate`; :func:`interpret` also
gives the one-line explanation for the editor's preview and any ambiguity ("05/06/2018 read day
first; month first it would be 6 May 2018"). Text that is not a date raises :class:`DateError`
with a sentence, never a guess.

Our own grammar reads the shapes of legal writing (qualifiers, ranges, quarters, seasons, parts
of a period, times, the common relative phrases) quickly and exactly. Only a relative phrase
it does not recognise ("a fortnight last Tuesday" and the like), made of date words alone and
without long numbers, goes to dateparser, configured explicitly; any other text it cannot read
is refused. This is the only module that imports dateparser.

A FuzzyDate's window is the event's possible extent: "before 2015" ends on 31 December 2014
with no start, "after May 2019" starts on 1 June 2019 with no end, "by 31 October 2018" ends on
that day. ``format`` rebuilds the words from the window, the precision and the qualifier, so
``parse(format(d))`` gives ``d`` back (with ``format(d)`` as its text).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from timeline_app.core.errors import UserError
from timeline_app.core.model import (
    UNDATED,
    DateValue,
    FuzzyDate,
    Precision,
    Qualifier,
    day_of,
)

__all__ = [
    "DateError",
    "Interpretation",
    "ends_before",
    "explain",
    "format",
    "interpret",
    "parse",
    "sort_key",
]


class DateError(UserError):
    """The text is not a date this engine can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Interpretation:
    """A parsed date with its court-style display, its explanation and any ambiguity."""

    date: FuzzyDate
    display: str
    explanation: str
    warning: str | None = None

    @property
    def borrows_reference(self) -> bool:
        """Whether the year, or the day of a time, came from the reference date.

        A relative phrase ("last May") does not count: it means the reference date.
        """
        return self.warning is not None and "reference date" in self.warning

    @property
    def missing(self) -> str:
        """What the text left out and the reference date gave: "year", "day" or ""."""
        if not self.borrows_reference:
            return ""
        return "day" if (self.warning or "").startswith("No day") else "year"


# ------------------------------------------------------------------------------ vocabulary

_MAX_LENGTH = 200

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9
_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
    "final": -1,
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "a few": 3,
    "a couple of": 2,
}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
_SEASON_NAMES = {3: "Spring", 6: "Summer", 9: "Autumn", 12: "Winter"}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?,? )?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

_CONNECTING_WORDS = """
    on or about in around at approximately approx circa ca c roughly some time sometime
    no later not than by before prior to earlier after later following until till up since from
    as of with effect between and the day days week weeks month months year years fortnight
    fortnights quarter quarters half halves early mid late end beginning start middle
    yesterday today tomorrow last this next previous ago hence morning afternoon evening
    night midnight noon midday am pm a m p hours hrs hr h st nd rd th s w b commencing
    during dated undated unknown tbc tba q"""
_DATE_WORDS = (
    set(_MONTHS)
    | set(_WEEKDAYS)
    | set(_ORDINALS)
    | set(_SEASONS)
    | {w for phrase in _NUMBERS for w in phrase.split()}
    | set(_CONNECTING_WORDS.split())
)
"""Every word a date may contain; anything else makes the text "not a date"."""

_UNDATED = {
    "",
    "undated",
    "unknown",
    "tbc",
    "tba",
    "n/a",
    "not known",
    "date unknown",
    "unknown date",
    "no date",
    "not dated",
    "?",
    "-",
    "--",
}  # blanks in a spreadsheet

# (phrase pattern, qualifier or None for filler words). Longest phrases first.
_QUALIFIER_PHRASES: list[tuple[str, Qualifier | None]] = [
    (r"(?:on|in|at) or (?:about|around)", Qualifier.ABOUT),
    (
        r"(?:at |in )?(?:approximately|approx\.?|about|around|circa|ca\.|c\.|c|roughly)",
        Qualifier.ABOUT,
    ),
    (r"some ?time (?:in|around|about)", Qualifier.ABOUT),
    (r"no later than|not later than|on or before|not after|by", Qualifier.BY),
    (r"before|prior to|earlier than", Qualifier.BEFORE),
    (
        r"no earlier than|not earlier than|on or after|not before|as from|as of"
        r"|with effect from|since|starting(?! of)|beginning(?! of)",
        Qualifier.SINCE,
    ),
    (r"after|later than|following", Qualifier.AFTER),
    (r"until|till|up until|up to", Qualifier.UNTIL),
    (r"on|in|at|during|dated|the", None),
]
_PREFIXES = [
    (re.compile(rf"^(?:{phrase})(?:\s+|(?<=\.))"), qualifier)  # "c.2016": no space
    for phrase, qualifier in _QUALIFIER_PHRASES
]
QUALIFIER_PATTERN = "|".join(phrase for phrase, q in _QUALIFIER_PHRASES if q is not None)
"""Every qualifying phrase ("on or about", "not before", "by" …) as one regex alternation,
for finding dates in running text (lower case; match it case-insensitively)."""

_NOT_DATES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^\[\d{4}\]|\b\d+ (?:wlr|ac|qb|ch|all er|ewca|ewhc|uksc|lloyd'?s rep|bclc)\b"),
        "looks like a law report citation, not a date",
    ),
    (
        re.compile(
            r"\b(?:clause|section|paragraph|para|paras|schedule|sch|article|art|rule|"
            r"regulation|reg|part|annex|appendix|cl|s|r|pp?)\.? ?\d"
        ),
        "looks like a reference to a clause, paragraph or page, not a date",
    ),
    (re.compile(r"\b[a-z]{2}-\d{4}-\d{3,}\b"), "looks like a claim number, not a date"),
    (re.compile(r"^\d+(?:\.\d+){3,}$|^\d+\.\d+\.\d$"), "looks like a paragraph number, not a date"),
    (re.compile(r"[£$€%@#=+*<>\[\]{}|\\]"), "has characters that are not part of a date"),
    (
        re.compile(r"^\d{4}/\d{2}(?:\d{2})?$"),
        "looks like a financial or academic year; give its first and last days, such as "
        "“6 April 2018 – 5 April 2019”",
    ),
    (
        re.compile(r"\bq(?:0|[5-9])\b|\bh[03-9]\b"),
        "names a quarter or half-year that does not exist",
    ),
]


# ------------------------------------------------------------------------------ periods


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _period(value: DateValue, precision: Precision) -> tuple[DateValue, DateValue]:
    """The whole period of ``precision`` that contains ``value`` (first and last moment)."""
    if precision is Precision.MINUTE:
        return value, value
    day = day_of(value)
    y, m = day.year, day.month
    if precision is Precision.DAY:
        return day, day
    if precision is Precision.WEEK:
        return day, day + dt.timedelta(days=6)
    if precision is Precision.MONTH:
        return day.replace(day=1), day.replace(day=_last_day(y, m))
    if precision is Precision.PART_OF_MONTH:
        third = min(2, (day.day - 1) // 10)  # early 1-10, mid 11-20, late 21 to the end
        first, last = ((1, 10), (11, 20), (21, _last_day(y, m)))[third]
        return day.replace(day=first), day.replace(day=last)
    if precision is Precision.QUARTER:
        start = (m - 1) // 3 * 3 + 1
        return dt.date(y, start, 1), dt.date(y, start + 2, _last_day(y, start + 2))
    if precision is Precision.HALF:
        start = 1 if m <= 6 else 7
        return dt.date(y, start, 1), dt.date(y, start + 5, _last_day(y, start + 5))
    if precision is Precision.PART_OF_YEAR:
        start = (m - 1) // 4 * 4 + 1
        return dt.date(y, start, 1), dt.date(y, start + 3, _last_day(y, start + 3))
    if precision is Precision.SEASON:
        start_y, start_m = (y, m // 3 * 3) if m >= 3 else (y - 1, 12)
        end_y, end_m = _add_months(start_y, start_m, 2)
        return dt.date(start_y, start_m, 1), dt.date(end_y, end_m, _last_day(end_y, end_m))
    if precision is Precision.YEAR:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if precision is Precision.PART_OF_DECADE:
        first, last = _DECADE_PARTS[_decade_part(y)]
        return dt.date(y // 10 * 10 + first, 1, 1), dt.date(y // 10 * 10 + last, 12, 31)
    if precision is Precision.DECADE:
        return dt.date(y // 10 * 10, 1, 1), dt.date(y // 10 * 10 + 9, 12, 31)
    raise ValueError(f"no period for precision {precision}")


_DECADE_PARTS = ((0, 3), (4, 6), (7, 9))  # years of a decade: early 1990-93, mid 94-96, late


def _decade_part(year: int) -> int:
    """0, 1 or 2: whether ``year`` is early, mid or late in its decade."""
    return next(part for part, (_, last) in enumerate(_DECADE_PARTS) if year % 10 <= last)


def _period_ending(value: DateValue, precision: Precision) -> DateValue:
    """The start of the period of ``precision`` whose last day is ``value``."""
    if precision is Precision.WEEK:  # a week starts on the day it is said to begin
        return day_of(value) - dt.timedelta(days=6)
    if precision is Precision.MINUTE:
        return value
    return _period(value, precision)[0]


def _before(value: DateValue) -> DateValue:
    if isinstance(value, dt.datetime):
        return value - dt.timedelta(minutes=1)
    return value - dt.timedelta(days=1)


def _after(value: DateValue) -> DateValue:
    if isinstance(value, dt.datetime):
        return value + dt.timedelta(minutes=1)
    return value + dt.timedelta(days=1)


# ------------------------------------------------------------------------------ points


@dataclass(frozen=True, slots=True)
class _Point:
    """A parsed point: its whole period and how precise it is."""

    start: DateValue
    end: DateValue
    precision: Precision
    warning: str | None = None


def _span(start: DateValue, precision: Precision, warning: str | None = None) -> _Point:
    first, last = _period(start, precision)
    return _Point(first, last, precision, warning)


def _make_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        if 1 <= month <= 12:
            raise DateError(f"There is no {day} {MONTH_NAMES[month - 1]} {year}.") from None
        raise DateError(f"“{text}” has no valid month.") from None


YEARS = range(1000, 3000)
"""The years a chronology holds (typed as four digits)."""


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 70 else 1900 + year
    if len(text) != 4 or year not in YEARS:
        raise DateError(f"{text} is not a year this chronology can hold.")
    return year


@dataclass(frozen=True, slots=True)
class _Context:
    """What a point may borrow: the reference date, the numeric order, a range's other end."""

    ref: dt.date
    order: str
    year: int | None = None
    month: int | None = None
    day: dt.date | None = None


def _short_year_note(written: str, year: int) -> str | None:
    if len(written) != 2:
        return None
    other = year - 100 if year >= 2000 else year + 100
    return (
        f"The two-digit year {written} was read as {year}; write {other} in full if that was meant."
    )


def _numeric(a: int, b: int, year: int, ctx: _Context, text: str) -> _Point:
    """d/m/y or m/d/y by the case's order; the other reading is reported, never hidden."""
    day, month = (a, b) if ctx.order == "dmy" else (b, a)
    warning = None
    if not 1 <= month <= 12 and 1 <= day <= 12:
        day, month = month, day
        first = "month" if ctx.order == "dmy" else "day"
        warning = (
            f"{text} cannot be read {'day' if ctx.order == 'dmy' else 'month'} first, so "
            f"it was read {first} first as {day} {MONTH_NAMES[month - 1]} {year}."
        )
    elif a != b and a <= 12 and b <= 12:
        other = dt.date(year, day, month) if _valid(year, day, month) else None
        if other is not None:
            way = "day" if ctx.order == "dmy" else "month"
            other_way = "month" if ctx.order == "dmy" else "day"
            warning = (
                f"{text} was read {way} first as {day} {MONTH_NAMES[month - 1]} {year}; "
                f"{other_way} first it would be {other.day} "
                f"{MONTH_NAMES[other.month - 1]} {year}."
            )
    return _span(_make_date(year, month, day, text), Precision.DAY, warning)


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _last_day(year, month)


def _weekday_warning(weekday: str | None, date: dt.date) -> str | None:
    if weekday and _WEEKDAYS[weekday] != date.weekday():
        actual = calendar.day_name[date.weekday()]
        said = calendar.day_name[_WEEKDAYS[weekday]]
        return f"{_format_day(date)} was a {actual}, not a {said}."
    return None


def _context_year(ctx: _Context, what: str) -> tuple[int, str | None]:
    if ctx.year is not None:
        return ctx.year, None
    return (
        ctx.ref.year,
        f"No year was given for {what}, so {ctx.ref.year} was taken from the reference date.",
    )


_Rule = Callable[[re.Match[str], _Context, str], _Point]
_POINT_RULES: list[tuple[str, _Rule]] = []


@functools.cache
def _point_patterns() -> list[tuple[re.Pattern[str], _Rule]]:
    """The rules' patterns, compiled on first use (it takes a while; the window starts first)."""
    return [(re.compile(f"^(?:{pattern})$"), rule) for pattern, rule in _POINT_RULES]


def _point_rule(pattern: str) -> Callable[[_Rule], _Rule]:
    def register(rule: _Rule) -> _Rule:
        _POINT_RULES.append((pattern, rule))
        return rule

    return register


@_point_rule(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
def _iso_day(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    return _span(_make_date(_year(m["y"]), int(m["m"]), int(m["d"]), text), Precision.DAY)


@_point_rule(r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])")
def _iso_month(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    return _span(dt.date(_year(m["y"]), int(m["m"]), 1), Precision.MONTH)


@_point_rule(r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
def _numeric_day(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    year = _year(m["y"])
    point = _numeric(int(m["a"]), int(m["b"]), year, ctx, text)
    notes = [n for n in (point.warning, _short_year_note(m["y"], year)) if n]
    return replace(point, warning=" ".join(notes) or None)


@_point_rule(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})")
def _numeric_day_no_year(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    year, note = _context_year(ctx, text)
    point = _numeric(int(m["a"]), int(m["b"]), year, ctx, text)
    return replace(point, warning=" ".join(w for w in (point.warning, note) if w) or None)


@_point_rule(r"(?P<m>0?[1-9]|1[0-2])[/.](?P<y>\d{4})")
def _numeric_month(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    return _span(dt.date(_year(m["y"]), int(m["m"]), 1), Precision.MONTH)


@_point_rule(rf"{_WEEKDAY}(?:the |this )?{_DAY}(?: day)?(?: of)? {_MONTH},?(?: {_YEAR})?")
def _written_day(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    year, note = (_year(m["year"]), None) if m["year"] else _context_year(ctx, text)
    date = _make_date(year, _MONTHS[m["month"]], int(m["day"]), text)
    return _span(
        date,
        Precision.DAY,
        " ".join(filter(None, (note, _weekday_warning(m["weekday"], date)))) or None,
    )


@_point_rule(rf"{_WEEKDAY}{_MONTH} {_DAY},?(?: {_YEAR})?")
def _written_month_day(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    return _written_day(m, ctx, text)


@_point_rule(rf"{_DAY}")
def _bare_day(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    if ctx.month is None:
        raise DateError(f"“{text}” is a number, not a date.")
    year, _ = _context_year(ctx, text)
    return _span(_make_date(year, ctx.month, int(m["day"]), text), Precision.DAY)


@_point_rule(rf"{_MONTH},?(?: of)?(?: {_YEAR})?")
def _month(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    year, note = (_year(m["year"]), None) if m["year"] else _context_year(ctx, text)
    return _span(dt.date(year, _MONTHS[m["month"]], 1), Precision.MONTH, note)


@_point_rule(rf"(?:the )?(?:year )?{_YEAR}")
def _year_only(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    return _span(dt.date(_year(m["year"]), 1, 1), Precision.YEAR)


@_point_rule(r"(?P<dec>\d{3})0'?s")
def _decade(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    return _span(dt.date(_year(m["dec"] + "0"), 1, 1), Precision.DECADE)


def _given_or_context_year(m: re.Match[str], ctx: _Context, text: str) -> int:
    """The year written, or the other end's year inside a range ("Q1 to Q3 2019")."""
    if m["year"]:
        return _year(m["year"])
    if ctx.year is None:
        raise _UnrecognisedError(text)
    return ctx.year


@_point_rule(
    rf"(?:q(?P<q>[1-4])|(?P<q2>[1-4])q|(?P<ord>{'|'.join(_ORDINALS)}) quarter)"
    rf"(?:(?:,?(?: of)? |-){_YEAR})?|(?P<y2>\d{{4}}) q(?P<q3>[1-4])"
)
def _quarter(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    quarter = int(m["q"] or m["q2"] or m["q3"] or 0) or _ORDINALS[m["ord"]]
    quarter = 4 if quarter == -1 else quarter
    year = _year(m["y2"]) if m["y2"] else _given_or_context_year(m, ctx, text)
    return _span(dt.date(year, quarter * 3 - 2, 1), Precision.QUARTER)


@_point_rule(
    rf"(?:h(?P<h>[12])|(?P<h2>[12])h|(?P<ord>first|second|1st|2nd) half)"
    rf"(?:,?(?: of)? {_YEAR})?"
)
def _half(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    half = int(m["h"] or m["h2"] or 0) or _ORDINALS[m["ord"]]
    year = _given_or_context_year(m, ctx, text)
    return _span(dt.date(year, 1 if half == 1 else 7, 1), Precision.HALF)


@_point_rule(rf"(?P<season>{'|'.join(_SEASONS)})(?:(?: of)? {_YEAR})?")
def _season(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    year = _given_or_context_year(m, ctx, text)
    return _span(dt.date(year, _SEASONS[m["season"]], 1), Precision.SEASON)


_PARTS = {
    "early": 0,
    "beginning of": 0,
    "start of": 0,
    "mid": 1,
    "middle of": 1,
    "late": 2,
    "end of": 2,
}


@_point_rule(
    rf"(?P<part>early|beginning of|start of|mid|middle of|late|end of)[- ]"
    rf"(?:{_MONTH},? )?(?:of )?{_YEAR}"
)
def _part(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    part, year = _PARTS[m["part"]], _year(m["year"])
    if m["month"]:
        month = _MONTHS[m["month"]]
        return _span(dt.date(year, month, (1, 11, 21)[part]), Precision.PART_OF_MONTH)
    return _span(dt.date(year, (1, 5, 9)[part], 1), Precision.PART_OF_YEAR)


@_point_rule(
    r"(?P<part>early|beginning of|start of|mid|middle of|late|end of)[- ]"
    r"(?:the )?(?P<dec>\d{3})0'?s"
)
def _part_of_decade(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    year = _year(m["dec"] + "0") + _DECADE_PARTS[_PARTS[m["part"]]][0]
    return _span(dt.date(year, 1, 1), Precision.PART_OF_DECADE)


@_point_rule(r"(?:week (?:beginning|commencing|starting|of)|w/c|w/b|wc|wb) (?P<rest>.+)")
def _week(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    start = _point(m["rest"], ctx)
    if start.precision is not Precision.DAY:
        raise DateError(f"“{text}”: a week begins on a particular day; give the day.")
    return _span(start.start, Precision.WEEK, start.warning)


_UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "fortnight": "fortnight",
    "fortnights": "fortnight",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}


def _shift(ref: dt.date, unit: str, count: int) -> _Point:
    """The period ``count`` units away from the one containing ``ref`` (negative: earlier)."""
    if unit == "day":
        return _span(ref + dt.timedelta(days=count), Precision.DAY)
    if unit in ("week", "fortnight"):
        monday = ref - dt.timedelta(days=ref.weekday())
        days = 7 * count * (2 if unit == "fortnight" else 1)
        return _span(monday + dt.timedelta(days=days), Precision.WEEK)
    if unit == "month":
        year, month = _add_months(ref.year, ref.month, count)
        return _span(dt.date(year, month, 1), Precision.MONTH)
    return _span(dt.date(ref.year + count, 1, 1), Precision.YEAR)


_RELATIVE_STEP = {"last": -1, "previous": -1, "this": 0, "next": 1, "following": 1}
_NUMBER = r"(?P<n>\d+|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"


@_point_rule(r"(?P<word>yesterday|today|tomorrow)")
def _nearby_day(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    return _shift(ctx.ref, "day", {"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"]])


@_point_rule(r"(?:the )?(?P<step>last|previous|this|next|following) (?P<unit>day|week|month|year)")
def _nearby_period(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    return _shift(ctx.ref, m["unit"], _RELATIVE_STEP[m["step"]])


@_point_rule(r"(?:the )?(?P<unit>day|week|month|year) (?P<side>before|after)")
def _period_before_after(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    return _shift(ctx.ref, m["unit"], -1 if m["side"] == "before" else 1)


@_point_rule(rf"{_MONTH} (?P<step>last|this|next) year")
def _month_relative_year(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    year = ctx.ref.year + _RELATIVE_STEP[m["step"]]
    return _span(dt.date(year, _MONTHS[m["month"]], 1), Precision.MONTH)


@_point_rule(
    rf"{_NUMBER} (?P<unit>days?|weeks?|fortnights?|months?|years?) "
    r"(?P<side>ago|earlier|before|later|after|hence)"
)
def _units_away(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    count = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
    sign = -1 if m["side"] in ("ago", "earlier", "before") else 1
    unit = _UNITS[m["unit"]]
    if unit in ("week", "fortnight"):
        days = count * 7 * (2 if unit == "fortnight" else 1)
        return _within_years(_span(ctx.ref + dt.timedelta(days=sign * days), Precision.DAY), text)
    return _within_years(_shift(ctx.ref, unit, sign * count), text)


@_point_rule(rf"in {_NUMBER} (?P<unit>days?|weeks?|fortnights?|months?|years?)(?: time)?")
def _in_units(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    count = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
    unit = _UNITS[m["unit"]]
    if unit in ("week", "fortnight"):
        days = count * 7 * (2 if unit == "fortnight" else 1)
        return _within_years(_span(ctx.ref + dt.timedelta(days=days), Precision.DAY), text)
    return _within_years(_shift(ctx.ref, unit, count), text)


def _within_years(point: _Point, text: str) -> _Point:
    """A date counted from the reference must land in ``YEARS``, as a typed year must."""
    if day_of(point.start).year not in YEARS or day_of(point.end).year not in YEARS:
        raise DateError(f"“{text.strip()}” is outside the dates a chronology can hold.")
    return point


@_point_rule(rf"{_NUMBER} (?P<unit>days?|weeks?|fortnights?|months?|years?)")
def _duration(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    raise DateError(f"“{text}” is a length of time, not a date.")


@_point_rule(
    r"(?:the )?(?P<step>last|next|this|following|coming) "
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
def _relative_weekday(m: re.Match[str], ctx: _Context, text: str) -> _Point:
    target = _WEEKDAYS[m["weekday"]]
    delta = target - ctx.ref.weekday()
    if m["step"] == "last":
        delta = delta - 7 if delta >= 0 else delta
    elif m["step"] in ("next", "following", "coming"):
        delta = delta + 7 if delta <= 0 else delta
    return _span(ctx.ref + dt.timedelta(days=delta), Precision.DAY)


def _point(text: str, ctx: _Context) -> _Point:
    """One point or period by our grammar; ``_UnrecognisedError`` when no rule reads it."""
    text = text.removeprefix("the ")
    for pattern, rule in _point_patterns():
        match = pattern.match(text)
        if match:
            return rule(match, ctx, text)
    raise _UnrecognisedError(text)


class _UnrecognisedError(Exception):
    """Our grammar has no rule for this text (dateparser may still read it)."""


# ------------------------------------------------------------------------------ times

_TIME = re.compile(
    r"(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*(?:hours|hrs|h))?"
    r"|(?P<hhmm>\d{4})\s*(?:hours|hrs|h)"
    r"|(?P<word>midnight|noon|midday))"
)


def _split_time(text: str) -> tuple[str, dt.time | None]:
    """Take a time out of the text; return the rest (the date part) and the time."""
    match = _TIME.search(text)
    if not match:
        return text, None
    if match["word"]:
        clock = dt.time(23, 59) if match["word"] == "midnight" else dt.time(12, 0)
    elif match["hhmm"]:
        hours, minutes = int(match["hhmm"][:2]), int(match["hhmm"][2:])
        clock = _clock(hours, minutes, match[0])
    elif match["h24"]:
        clock = _clock(int(match["h24"]), int(match["m24"]), match[0])
    else:
        hours = int(match["h"]) % 12 + (12 if match["ampm"].startswith("p") else 0)
        if int(match["h"]) > 12:
            raise DateError(f"“{match[0]}” is not a time.")
        clock = _clock(hours, int(match["m"] or 0), match[0])
    rest = (text[: match.start()] + " " + text[match.end() :]).strip(" ,")
    rest = re.sub(r"^(?:on|at|of)\s+|\s+(?:on|at)$", "", rest).strip(" ,")
    rest = re.sub(r"^(?:on|at)\s+", "", rest)
    return rest, clock


def _clock(hours: int, minutes: int, text: str) -> dt.time:
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise DateError(f"“{text}” is not a time of day.")
    return dt.time(hours, minutes)


# ------------------------------------------------------------------------------ parsing

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")  # dashes of every width
_PART_OF_DAY = re.compile(
    r"(?:^|(?<=\s))(?:(?:in )?the )?(?:morning|afternoon|evening|night)"
    r"(?: of)?(?=\s|$)"
)  # "the afternoon of 3 May": the day is known
_APOSTROPHE_YEAR = re.compile(r"'(\d{2})\b")
_SPACES = re.compile(r"\s+")
# Seconds (and an ISO time zone) are dropped: a chronology's times are to the minute.
_ISO_WITH_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})t(\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:z|[+-]\d{2}:?\d{2})?"
)


# Spreadsheet shapes: Excel's "01-Feb-19" and "Feb-19", and "2019/02/01".
_DAY_MON_YEAR = re.compile(r"\b(\d{1,2})-([a-z]{3,9})\.?-(\d{4}|\d{2})\b")
_MON_YEAR = re.compile(r"^([a-z]{3,9})\.?-(\d{4}|\d{2})$")
_YEAR_FIRST = re.compile(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")


def _spreadsheet_shapes(text: str) -> str:
    """Excel's dashed and year-first shapes in the words the rules read."""

    def day_month_year(m: re.Match[str]) -> str:
        return f"{m[1]} {m[2]} {_year(m[3])}" if m[2] in _MONTHS else m[0]

    def month_year(m: re.Match[str]) -> str:
        return f"{m[1]} {_year(m[2])}" if m[1] in _MONTHS else m[0]

    text = _DAY_MON_YEAR.sub(day_month_year, text)
    text = _MON_YEAR.sub(month_year, text)
    return _YEAR_FIRST.sub(r"\1-\2-\3", text)


def _normalise(text: str) -> str:
    text = _SPACES.sub(" ", _DASHES.sub("-", text.lower())).replace("’", "'")
    if "-" in text or "/" in text or "." in text:
        text = _spreadsheet_shapes(text)
    if ":" in text:
        text = _ISO_WITH_TIME.sub(r"\2 on \1", text)
    if "'" in text:
        text = _APOSTROPHE_YEAR.sub(lambda m: str(_year(m[1])), text)  # "Nov '18"
    if any(part in text for part in ("morning", "noon", "evening", "night")):
        text = _SPACES.sub(" ", _PART_OF_DAY.sub(" ", text))
    return text.strip(" ,;:").removesuffix(".").strip()


_RANGE_SEPARATORS = [
    re.compile(r"^(?P<a>.+?)\s+(?P<join>to|until|till|through|-|and)\s+(?P<b>.+)$"),
    re.compile(r"^(?P<a>\d{1,2}(?:st|nd|rd|th)?)-(?P<b>\d{1,2}(?:st|nd|rd|th)? .+)$"),
    re.compile(r"^(?P<a>[a-z]+\.?)-(?P<b>[a-z]+\.? \d{4})$"),
    re.compile(r"^(?P<a>\d{4})-(?P<b>\d{2}|\d{4})$"),
    re.compile(
        r"^(?P<a>\d{1,2}/\d{1,2}(?:/\d{2,4})?)-"
        r"(?P<b>\d{1,2}/\d{1,2}(?:/\d{2,4})?)$"
    ),
    re.compile(r"^(?P<a>q[1-4]|h[12])-(?P<b>(?:q[1-4]|h[12]) \d{4})$"),
]


def _range(text: str, ctx: _Context, *, between: bool) -> tuple[_Point, _Point] | None:
    """Both ends of "X to Y", "X–Y", "X and Y"; the first borrows year and month from the end."""
    for separator in _RANGE_SEPARATORS:
        match = separator.match(text)
        if not match or (match.groupdict().get("join") == "and" and not between):
            continue  # "X and Y" is a range only after "between"
        later = match["b"]
        if re.fullmatch(r"\d{4}", match["a"]) and re.fullmatch(r"\d{2}", later):
            later = match["a"][:2] + later  # "2018-19": the years 2018 to 2019
        try:
            end = _moment(later, ctx, text)
        except _UnrecognisedError:
            continue
        end_day = day_of(end.start)
        start_ctx = replace(ctx, year=end_day.year, month=end_day.month, day=end_day)
        earlier = match["a"]
        if end.precision is Precision.MINUTE and re.fullmatch(r"\d{1,2}", earlier):
            # "between 2 and 4pm": the first number is an hour, as the second is
            half = re.search(r"\d\s*([ap])\.?m\b", later)
            earlier += f"{half[1]}m" if half else ":00"
        try:
            start = _moment(earlier, start_ctx, text)
        except _UnrecognisedError:
            continue
        return start, end
    return None


def _parse(text: str, ref: dt.date, order: str) -> tuple[FuzzyDate, str | None]:
    s = _normalise(text)
    if s in _UNDATED:
        return replace(UNDATED, text=text), None
    ctx = _Context(ref=ref, order=order)
    point = _try_point(s, ctx)  # the common case: a plain date, read in one pass
    if point is None:
        for pattern, message in _NOT_DATES:
            if pattern.search(s):
                raise DateError(f"“{text.strip()}” {message}.")

    qualifier, approximate = Qualifier.ON, False
    while point is None:
        if s.startswith("between "):
            return _between_or_span(text, s[len("between ") :], ctx, Qualifier.BETWEEN, approximate)
        if s.startswith("from "):
            if _SPAN_WORD.search(s):
                return _between_or_span(
                    text, s[len("from ") :], ctx, Qualifier.FROM_TO, approximate
                )
            s, qualifier = s[len("from ") :], Qualifier.SINCE
            point = _try_point(s, ctx)
            continue
        for pattern, found in _PREFIXES:
            match = pattern.match(s)
            if match:
                s = s[match.end() :]
                if found is Qualifier.ABOUT:
                    approximate = True
                elif found is not None:
                    qualifier = found
                point = _try_point(s, ctx)  # "the following week": words of the date itself
                break
        else:
            break
    if point is None:
        if qualifier is Qualifier.ON and approximate:
            qualifier = Qualifier.ABOUT
        if qualifier in (Qualifier.ON, Qualifier.ABOUT):
            relative = _relative_window(s, ctx, text)
            if relative is not None:
                return relative, None
            spanned = _range(s, ctx, between=False)
            if spanned is not None:
                return _from_range(text, spanned, Qualifier.FROM_TO, approximate)
        point = _moment(s, ctx, text, fallback=True)
    return _qualified(text, point, qualifier, approximate), point.warning


_SPAN_WORD = re.compile(r"\s(?:to|until|till|-)\s")


def _moment(s: str, ctx: _Context, text: str, *, fallback: bool = False) -> _Point:
    """A point, with a time of day when one is given ("14:32 on 8 November 2018").

    Without ``fallback`` an unrecognised date raises ``_UnrecognisedError``; with it,
    dateparser is asked (for text made of date words only).
    """
    rest, clock = _split_time(s)
    if clock is None:
        return _point_or_fallback(s, ctx, text) if fallback else _point(s, ctx)
    if rest:
        point = _point_or_fallback(rest, ctx, text) if fallback else _point(rest, ctx)
        if point.precision is not Precision.DAY:
            raise DateError(f"“{text.strip()}”: a time needs a particular day.")
        day, note = day_of(point.start), point.warning
    elif ctx.day is not None:
        day, note = ctx.day, None
    else:
        day = ctx.ref
        note = (
            f"No day was given for the time, so the reference date ({_format_day(day)}) was used."
        )
    moment = dt.datetime.combine(day, clock)
    return _Point(moment, moment, Precision.MINUTE, note)


def _try_point(s: str, ctx: _Context) -> _Point | None:
    """The point our grammar reads from all of ``s``, or None (errors are raised later)."""
    try:
        return _point(s, ctx)
    except (_UnrecognisedError, DateError):
        return None


def _between_or_span(
    text: str, rest: str, ctx: _Context, qualifier: Qualifier, approximate: bool
) -> tuple[FuzzyDate, str | None]:
    ends = _range(rest, ctx, between=True)
    if ends is None:
        raise DateError(
            f"“{text.strip()}” needs two dates, such as “between January and June 2018”."
        )
    return _from_range(text, ends, qualifier, approximate)


def _from_range(
    text: str, ends: tuple[_Point, _Point], qualifier: Qualifier, approximate: bool
) -> tuple[FuzzyDate, str | None]:
    start, end = ends
    if day_of(end.end) < day_of(start.start):
        raise DateError(f"“{text.strip()}” ends before it starts.")
    precision = min(start.precision, end.precision, key=_PRECISION_ORDER.index)
    first, last = start.start, end.end
    if precision is Precision.MINUTE:
        first = first if isinstance(first, dt.datetime) else dt.datetime.combine(first, dt.time())
        last = last if isinstance(last, dt.datetime) else dt.datetime.combine(last, dt.time(23, 59))
    elif start.precision is not end.precision and not (
        _period(first, precision)[0] == first
        and _period_ending(last, precision) == _period(last, precision)[0]
        and _period(last, precision)[1] == last
    ):
        precision = Precision.DAY  # ends that no common period fits are given as days
    warning = " ".join(w for w in (start.warning, end.warning) if w) or None
    return FuzzyDate(first, last, precision, qualifier, approximate, text), warning


_PRECISION_ORDER = [
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


def _relative_window(s: str, ctx: _Context, text: str) -> FuzzyDate | None:
    """Relative windows ("earlier this month" and the like): an unknown day between two days."""
    match = re.match(r"^(?P<side>earlier|later) (?:this|in the) (?P<unit>week|month|year)$", s)
    if not match:
        return None
    unit = match["unit"]
    whole = _shift(ctx.ref, unit if unit != "week" else "week", 0)
    if match["side"] == "earlier":
        first, last = whole.start, ctx.ref - dt.timedelta(days=1)
    else:
        first, last = ctx.ref + dt.timedelta(days=1), whole.end
    if last < first:
        raise DateError(
            f"“{text.strip()}”: no day of this {unit} is {match['side']} than the "
            f"reference date, {_format_day(ctx.ref)}."
        )
    return FuzzyDate(first, last, Precision.DAY, Qualifier.BETWEEN, False, text)


def _qualified(text: str, point: _Point, qualifier: Qualifier, approximate: bool) -> FuzzyDate:
    """The event's possible extent, given the qualifier's relation to the point."""
    earliest: DateValue | None = point.start
    latest: DateValue | None = point.end
    if qualifier is Qualifier.BEFORE:
        earliest, latest = None, _before(point.start)
    elif qualifier in (Qualifier.BY, Qualifier.UNTIL):
        earliest = None
    elif qualifier is Qualifier.AFTER:
        earliest, latest = _after(point.end), None
    elif qualifier is Qualifier.SINCE:
        latest = None
    return FuzzyDate(earliest, latest, point.precision, qualifier, approximate, text)


def _point_or_fallback(s: str, ctx: _Context, text: str) -> _Point:
    try:
        return _point(s, ctx)
    except _UnrecognisedError:
        pass
    words = re.findall(r"[a-z]+", s)
    strangers = [w for w in words if w not in _DATE_WORDS]
    if strangers:
        listed = " and ".join(f"“{w}”" for w in dict.fromkeys(strangers))
        raise DateError(
            f"“{text.strip()}” is not a date: {listed} "
            f"{'is' if len(strangers) == 1 else 'are'} not part of a date."
        )
    if not _RELATIVE_WORDS & set(words) or re.search(r"\d{3,}", s):
        # Absolute dates are ours to read; dateparser would guess at the rest.
        raise DateError(
            f"“{text.strip()}” is not a date that can be read. Try a form such as "
            "“8 November 2018”, “October 2018” or “c. 2016”."
        )
    return _dateparser_point(s, ctx, text)


_RELATIVE_WORDS = {
    "ago",
    "last",
    "next",
    "previous",
    "following",
    "coming",
    "this",
    "hence",
    "yesterday",
    "today",
    "tomorrow",
    "fortnight",
    "fortnights",
}
"""Phrases with one of these words may go to dateparser; other unread text is refused."""


@functools.lru_cache(maxsize=64)
def _dateparser(ref: dt.date, order: str) -> Any:  # dateparser has no type hints
    from dateparser.date import DateDataParser  # noqa: PLC0415  (slow: only when needed)

    return DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": order.upper(),
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": dt.datetime(ref.year, ref.month, ref.day),
            "RETURN_TIME_AS_PERIOD": True,
            "STRICT_PARSING": False,
        },
    )


_DATEPARSER_PERIODS = {
    "day": Precision.DAY,
    "week": Precision.WEEK,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
    "time": Precision.MINUTE,
}


def _dateparser_point(s: str, ctx: _Context, text: str) -> _Point:
    data = _dateparser(ctx.ref, ctx.order).get_date_data(s)
    if data is None or data.date_obj is None:
        raise DateError(
            f"“{text.strip()}” is not a date that can be read. Try a form such as "
            "“8 November 2018”, “October 2018” or “c. 2016”."
        )
    precision = _DATEPARSER_PERIODS.get(data.period or "day", Precision.DAY)
    if precision is Precision.MINUTE:
        moment = data.date_obj.replace(second=0, microsecond=0, tzinfo=None)
        return _Point(moment, moment, precision)
    day = data.date_obj.date()
    if precision is Precision.WEEK:
        day -= dt.timedelta(days=day.weekday())
    return _span(day, precision)


def interpret(text: str, *, ref_date: dt.date | None = None, order: str = "dmy") -> Interpretation:
    """Read ``text`` as a date; return it with its display, explanation and any warning.

    :param ref_date: the date relative phrases are read against ("last year"); today if None.
    :param order: "dmy" (UK, the default) or "mdy", for numeric dates such as 08/11/2018.
    :raises DateError: the text is not a date; the message says why.
    """
    date, warning = _checked_parse(text, ref_date, order)
    return Interpretation(date, format(date), explain(date), warning)


def parse(text: str, *, ref_date: dt.date | None = None, order: str = "dmy") -> FuzzyDate:
    """Read ``text`` as a date (see :func:`interpret`), without display or explanation."""
    return _checked_parse(text, ref_date, order)[0]


def _checked_parse(text: str, ref_date: dt.date | None, order: str) -> tuple[FuzzyDate, str | None]:
    if order not in ("dmy", "mdy"):
        raise ValueError(f"order must be 'dmy' or 'mdy', not {order!r}")
    if len(text) > _MAX_LENGTH:
        raise DateError(f"That is too long to be a date (more than {_MAX_LENGTH} characters).")
    try:
        return _parse(text, ref_date or dt.date.today(), order)
    except (ValueError, OverflowError) as error:  # beyond year 1 or 9999, and the like
        raise DateError(f"“{text.strip()}” is outside the dates a chronology can hold.") from error


def sort_key(date: FuzzyDate) -> str:
    """The chronology's order: earliest possible moment, then qualifier; undated last."""
    return date.sort_key


def ends_before(end: FuzzyDate, start: FuzzyDate) -> bool:
    """Whether ``end`` is over, to the day, before ``start`` begins; open bounds never are.

    "1 January 2019" ends before "1 May 2019"; "1 May 2019" does not end before "14:30 on
    1 May 2019", nor anything before "before May 2019" (its start is open).
    """
    return (
        end.latest is not None
        and start.earliest is not None
        and day_of(end.latest) < day_of(start.earliest)
    )


# ------------------------------------------------------------------------------ formatting


def _format_day(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _format_period(start: DateValue, precision: Precision) -> str:
    """Court style for the period of ``precision`` that begins at ``start``."""
    day = day_of(start)
    month, year = MONTH_NAMES[day.month - 1], day.year
    if precision is Precision.MINUTE:
        clock = f"{start:%H:%M} on " if isinstance(start, dt.datetime) else ""
        return f"{clock}{_format_day(day)}"
    if precision is Precision.DAY:
        return _format_day(day)
    if precision is Precision.MONTH:
        return f"{month} {year}"
    if precision is Precision.YEAR:
        return str(year)
    if precision is Precision.WEEK:
        return f"Week beginning {_format_day(day)}"
    if precision is Precision.PART_OF_MONTH:
        return ("Early ", "Mid-", "Late ")[min(2, (day.day - 1) // 10)] + f"{month} {year}"
    if precision is Precision.QUARTER:
        return f"Q{(day.month - 1) // 3 + 1} {year}"
    if precision is Precision.SEASON:
        return f"{_SEASON_NAMES[day.month]} {year}"
    if precision is Precision.HALF:
        return f"{'First' if day.month <= 6 else 'Second'} half of {year}"
    if precision is Precision.PART_OF_YEAR:
        return f"{('Early ', 'Mid-', 'Late ')[(day.month - 1) // 4]}{year}"
    if precision is Precision.PART_OF_DECADE:
        return f"{('Early ', 'Mid-', 'Late ')[_decade_part(year)]}{year // 10 * 10}s"
    if precision is Precision.DECADE:
        return f"The {year // 10 * 10}s"
    raise ValueError(f"no period is written for {precision}")


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
)


def _lower_first(text: str) -> str:
    """A word's capital dropped inside a phrase ("before early 2017"); month names keep theirs."""
    return text[0].lower() + text[1:] if text.startswith(_LOWER_AFTER_A_WORD) else text


def _format_range(first: DateValue, last: DateValue, precision: Precision, between: bool) -> str:
    a, b = day_of(first), day_of(last)
    joiner = " and " if between else " – "
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
        left = _format_period(first, precision)
    right = _format_period(
        last if precision is Precision.MINUTE else _period_ending(last, precision), precision
    )
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
    q, precision = date.qualifier, _shown_precision(date)
    timed = precision is Precision.MINUTE
    first, last = _bounds(date)
    if q in (Qualifier.BETWEEN, Qualifier.FROM_TO):
        text = _format_range(first, last, precision, q is Qualifier.BETWEEN)
        return f"c. {_lower_first(text)}" if date.approximate else text
    # The period the words name: it starts at the window's start, ends at its end ("by"),
    # or lies just outside it ("before", "after").
    anchor: DateValue
    if q is Qualifier.BEFORE:
        anchor = _after(last)
    elif q is Qualifier.AFTER:
        anchor = _period_ending(_before(first), precision)
    elif q in (Qualifier.BY, Qualifier.UNTIL):
        anchor = _period_ending(last, precision)
    else:
        anchor = first
    if not timed:
        anchor = _period(anchor, precision)[0]
    point = _format_period(anchor, precision)
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


def _shown_precision(date: FuzzyDate) -> Precision:
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


def _format_window(first: DateValue, last: DateValue) -> str:
    """Whole days (or minutes) from ``first`` to ``last``."""
    if isinstance(first, dt.datetime) or isinstance(last, dt.datetime):
        start = _format_period(
            first, Precision.MINUTE if isinstance(first, dt.datetime) else Precision.DAY
        )
        if first == last:
            return start
        return f"{start} – {_format_period(last, Precision.MINUTE)}"
    if first == last:
        return _format_day(day_of(first))
    return _format_range(first, last, Precision.DAY, between=False)


def explain(date: FuzzyDate) -> str:
    """One line for the editor's preview: the window in days and what it means."""
    if date.is_undated:
        return "Undated — sorted after every dated event"
    first, last = _bounds(date)
    if date.earliest is None:
        window = f"On or before {_format_window(last, last)}"
    elif date.latest is None:
        window = f"On or after {_format_window(first, first)}"
    else:
        window = _format_window(first, last)
    meaning = {
        Qualifier.BETWEEN: "at some point between",
        Qualifier.FROM_TO: "lasting across",
        Qualifier.BEFORE: "no earlier limit",
        Qualifier.BY: "no earlier limit",
        Qualifier.AFTER: "no later limit",
        Qualifier.SINCE: "continuing, no end given",
        Qualifier.UNTIL: "continuing until then, no start given",
    }.get(date.qualifier) or _MEANINGS[_shown_precision(date)]
    if date.approximate:
        meaning = f"approximately; {meaning}"
    return f"{window[0].upper()}{window[1:]} — {meaning}"


# ------------------------------------------------------------------------------ re-dating

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
    precision = _shown_precision(date)
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
            part = day.year // 10 * 3 + _decade_part(day.year) + steps
            year, month = part // 3 * 10 + _DECADE_PARTS[part % 3][0], day.month
        elif precision in _BY_MONTHS:
            unit = _BY_MONTHS[precision]
            year, month = _add_months(day.year, day.month, round(days / 30.44 / unit) * unit)
        else:
            unit = _BY_YEARS.get(precision, 1)
            year, month = day.year + round(days / 365.25 / unit) * unit, day.month
        if year not in YEARS:
            raise DateError(beyond)
        return dt.date(year, month, min(day.day, _last_day(year, month)))

    earliest, latest = move(date.earliest), move(date.latest)
    if (earliest, latest) == (date.earliest, date.latest):
        return date  # less than a unit: the words the user typed stay
    if any(day_of(v).year not in YEARS for v in (earliest, latest) if v is not None):
        raise DateError(beyond)
    if precision not in (Precision.MINUTE, Precision.DAY, Precision.WEEK):
        # Whole periods again: the first day of the first, the last day of the last.
        if earliest is not None:
            earliest = _period(earliest, precision)[0]
        if latest is not None:
            latest = _period(latest, precision)[1]
    moved = FuzzyDate(earliest, latest, date.precision, date.qualifier, date.approximate)
    return replace(moved, text=format(moved))
