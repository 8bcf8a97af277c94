"""The grammar's atoms and modifiers: each rule reads one shape of words as one window.

An atom is a day, a month, a season, a quarter, a half, a year, a decade, a fiscal year, a
week, a time, or a date relative to the reference date. A modifier reads the words around
another rule's window ("early", "the end of", "the second half of", "… last year") and
narrows or moves it. :func:`point` tries every rule on the whole text; the combinators of
:mod:`grammar` join the windows of several points into ranges, lists and alternatives.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
import zoneinfo
from collections.abc import Callable, Iterable
from typing import NamedTuple

from timeline_app.core.dates.errors import DateError, UnrecognisedError
from timeline_app.core.dates.periods import (
    DECADE_PARTS,
    YEARS,
    add_months,
    fiscal_kind_ending,
    fiscal_year,
    is_period,
    last_day,
    period,
)
from timeline_app.core.dates.words import (
    DAY,
    MONTH,
    MONTH_NAMES,
    MONTH_WORD,
    MONTHS,
    NUMBERS,
    ORDINALS,
    SEASON_NAMES,
    SEASONS,
    WEEKDAY,
    WEEKDAY_WORD,
    WEEKDAYS,
    YEAR,
    two_digit_year,
)
from timeline_app.core.model import DateValue, Precision, day_of


class Point(NamedTuple):
    """A window read from words: its first and last moment and how precise it is.

    ``warning`` is something to check ("no year was given …"); ``note`` says how the words
    were read, for the explanation ("FY2009 is the financial year ending 31 March 2009").
    """

    start: DateValue
    end: DateValue
    precision: Precision
    warning: str | None = None
    note: str | None = None
    approximate: bool = False
    lasting: bool = False
    """The words say the event lasts across the window ("the year to December 2015")."""


def span(
    start: DateValue, precision: Precision, warning: str | None = None, note: str | None = None
) -> Point:
    """The whole period of ``precision`` that contains ``start``."""
    first, last = period(start, precision)
    return Point(first, last, precision, warning, note)


def joined(*texts: str | None) -> str | None:
    """Warnings or notes in one sentence run; None when there are none."""
    return " ".join(t for t in texts if t) or None


class Context(NamedTuple):
    """What a point may borrow from around it.

    The reference date, the numeric order, a later item's year, month and day ("3 and 4 June
    2019"), whether the words look forward, and whether they name tax or financial years.
    """

    ref: dt.date
    order: str
    year: int | None = None
    month: int | None = None
    day: dt.date | None = None
    future: str = ""
    """The word that looks forward ("will", "is due", "by"), or "" for a past narrative."""
    fiscal: str = ""
    """"tax" or "financial" when the words name such years; "" otherwise."""
    narrative: dt.date | None = None
    """The day the text around the words is about (the date before them in a document)."""
    ref_time: dt.time | None = None
    """The reference's time of day (UK time) when it is a moment, such as an e-mail's."""


def make_date(year: int, month: int, day: int, text: str) -> dt.date:
    """The day, or a DateError that names the impossible date ("There is no 31 February")."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        if 1 <= month <= 12:
            raise DateError(f"There is no {day} {MONTH_NAMES[month - 1]} {year}.") from None
        raise DateError(f"“{text}” has no valid month.") from None


def year_of(text: str, ref_year: int | None = None) -> int:
    """A year written with four digits (within ``YEARS``), or two (near ``ref_year``)."""
    if len(text) == 2 and ref_year is not None:
        return two_digit_year(text, ref_year)
    year = int(text)
    if len(text) != 4 or year not in YEARS:
        raise DateError(f"{text} is not a year this chronology can hold.")
    return year


def format_day(day: dt.date) -> str:
    """8 November 2018."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _short_year_note(written: str, year: int) -> str | None:
    if len(written) != 2:
        return None
    other = year - 100 if year >= 2000 else year + 100
    return (
        f"The two-digit year {written} was read as {year}; write {other} in full if that was meant."
    )


def yearless(ctx: Context, text: str, window: Callable[[int], Point]) -> Point:
    """A day, month or season written without a year, in the year the context gives.

    Inside a range or list the year of the item after it; otherwise the reference date's
    narrative: the most recent such day on or before it, or the next one on or after it when
    the words look forward ("will", "is due", "by"). The warning says which, and why.
    """
    if ctx.year is not None:
        return window(ctx.year)
    if ctx.narrative is not None:
        return _nearest(ctx.narrative, text, window)
    ref, future = ctx.ref, bool(ctx.future)
    year, found = _next_to(ref, future, window) or _among_candidates(ref, future, text, window)
    if future:
        how = f"the next {text} on or after the reference date, as “{ctx.future}” looks forward"
    else:
        how = f"the most recent {text} on or before the reference date, in a past narrative"
    return found._replace(
        warning=joined(
            found.warning,
            f"No year was given for {text}, so {year} was taken ({format_day(ref)} is the "
            f"reference date): {how}.",
        ),
    )


def _next_to(
    ref: dt.date, future: bool, window: Callable[[int], Point]
) -> tuple[int, Point] | None:
    """The year :func:`_among_candidates` chooses, found by reading as few years as it can.

    A window in a year starts and ends in it (a winter ends in the next), so the most recent
    one is this year's or last year's, and the next one last year's (a winter), this year's or
    next year's. None when one of those years has no such day or cannot be held: the
    candidates are weighed then.
    """
    years = (ref.year - 1, ref.year, ref.year + 1) if future else (ref.year, ref.year - 1)
    for year in years:
        if year not in YEARS:
            return None
        try:
            found = window(year)
        except DateError:
            return None
        if day_of(found.end) >= ref if future else day_of(found.start) <= ref:
            return year, found
    return None


def _among_candidates(
    ref: dt.date, future: bool, text: str, window: Callable[[int], Point]
) -> tuple[int, Point]:
    """The occurrence in the years around the reference date that the narrative's way takes.

    The most recent one on or before it, or the next one on or after it when looking forward.
    """
    candidates: list[tuple[int, Point]] = []
    problem = DateError(f"There is no {text} in the years near the reference date.")
    for reach in (1, 8):  # the years around the reference's; 29 February can be eight away
        for year in range(ref.year - reach, ref.year + reach + 1):
            if year in YEARS and (reach == 1 or abs(year - ref.year) > 1):
                try:
                    candidates.append((year, window(year)))
                except DateError as error:  # 29 February in a year without one, 31 April
                    problem = error
        candidates.sort(key=lambda candidate: candidate[0])
        before = [c for c in candidates if day_of(c[1].start) <= ref]
        after = [c for c in candidates if day_of(c[1].end) >= ref]
        if before and after:
            break
    if not candidates:
        raise problem
    if future:
        chosen = [(y, p) for y, p in candidates if day_of(p.end) >= ref]
        return chosen[0] if chosen else candidates[-1]
    chosen = [(y, p) for y, p in candidates if day_of(p.start) <= ref]
    return chosen[-1] if chosen else candidates[0]


def _nearest(narrative: dt.date, text: str, window: Callable[[int], Point]) -> Point:
    """The year of a day or month without one, from the text around it.

    The occurrence nearest the day the text is about.
    """
    candidates = []
    for year in range(narrative.year - 1, narrative.year + 2):
        try:
            found = window(year)
        except DateError:
            continue
        distance = max(day_of(found.start) - narrative, narrative - day_of(found.end))
        candidates.append((max(distance.days, 0), year, found))
    if not candidates:
        raise DateError(f"There is no {text} near {format_day(narrative)}.")
    _, year, found = min(candidates)
    return found._replace(
        warning=joined(
            found.warning,
            f"No year was given for {text}, so {year} was taken from the text around it: the "
            f"{text} nearest {format_day(narrative)}.",
        ),
    )


def _numeric(  # noqa: PLR0917  (the two numbers, the year, and what they are read with)
    a: int, b: int, year: int, ctx: Context, text: str, weekday: str | None
) -> Point:
    """d/m/y or m/d/y by the case's order; the other reading is reported, never hidden.

    A weekday that fits only the other reading decides it ("Mon 2.1.17" is 2 January 2017
    day first, a Monday).
    """
    day, month = (a, b) if ctx.order == "dmy" else (b, a)
    warning = None
    if not 1 <= month <= 12 and 1 <= day <= 12:
        day, month = month, day
        first = "month" if ctx.order == "dmy" else "day"
        warning = (
            f"{text} cannot be read {'day' if ctx.order == 'dmy' else 'month'} first, so "
            f"it was read {first} first as {day} {MONTH_NAMES[month - 1]} {year}."
        )
    elif a != b and a <= 12 and b <= 12 and _valid(year, day, month):
        other = dt.date(year, day, month)
        way, other_way = ("day", "month") if ctx.order == "dmy" else ("month", "day")
        chosen = make_date(year, month, day, text)
        if weekday and WEEKDAYS[weekday] == other.weekday() != chosen.weekday():
            return span(
                other,
                Precision.DAY,
                f"{text} was read {other_way} first as {format_day(other)}, the day that is a "
                f"{calendar.day_name[other.weekday()]}.",
            )
        if not weekday or WEEKDAYS[weekday] != chosen.weekday():
            warning = (
                f"{text} was read {way} first as {day} {MONTH_NAMES[month - 1]} {year}; "
                f"{other_way} first it would be {format_day(other)}."
            )
    date = make_date(year, month, day, text)
    return span(date, Precision.DAY, joined(warning, _weekday_warning(weekday, date)))


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= last_day(year, month)


def _weekday_warning(weekday: str | None, date: dt.date) -> str | None:
    if weekday and WEEKDAYS[weekday] != date.weekday():
        actual = calendar.day_name[date.weekday()]
        said = calendar.day_name[WEEKDAYS[weekday]]
        return f"{format_day(date)} was a {actual}, not a {said}."
    return None


# ------------------------------------------------------------------------------ rules

Rule = Callable[[re.Match[str], Context, str], Point]
_RULES: list[tuple[str, Rule, frozenset[str] | None]] = []
DIGIT = frozenset({"0"})
"""The key of text that starts with a digit."""
_WEEKDAY_KEYS = frozenset(WEEKDAYS)
_MONTH_KEYS = frozenset(MONTHS)
_NUMBER_KEYS = frozenset(phrase.split()[0] for phrase in NUMBERS)
_FIRST_WORD = re.compile(r"\d|[a-z]+")


def _rule(pattern: str, starts: Iterable[str] | None) -> Callable[[Rule], Rule]:
    """Register a rule for text that all of ``pattern`` matches.

    ``starts`` are the first words such text can have ("0" for a digit; None: any word).
    """

    def register(rule: Rule) -> Rule:
        _RULES.append((pattern, rule, None if starts is None else frozenset(starts)))
        return rule

    return register


class _Rules(NamedTuple):
    """The rules a first word may begin, in order, and one pattern that finds the first match.

    Its alternatives are the rules' patterns, named by their place in the list.
    """

    first: re.Pattern[str]
    rules: list[tuple[re.Pattern[str], Rule]]


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _anonymous(pattern: str) -> str:
    """A rule's pattern without its group names, to be one alternative among the others."""
    return _NAMED_GROUP.sub("(?:", pattern).replace("(?P=sep)", "[/.\\-]")


def _first_of(rules: list[tuple[str, Rule]]) -> _Rules:
    first = "|".join(f"(?P<r{n}>{_anonymous(pattern)})" for n, (pattern, _) in enumerate(rules))
    return _Rules(
        re.compile(f"^(?:{first})$"), [(re.compile(f"^(?:{p})$"), rule) for p, rule in rules]
    )


@functools.cache
def _first_words() -> frozenset[str]:
    """The first words that some rule must begin with ("0" for a digit)."""
    return frozenset(key for _, _, starts in _RULES if starts for key in starts)


@functools.cache
def _rules_for(key: str) -> _Rules:
    """The rules a text may match whose first word is ``key``, in the order they were written.

    Compiled on first use, a first word at a time: all of them at once took a third of a
    second, which the first date read (an event's, as a case opens) waited for. Text whose
    first word no rule starts with (``key`` "") is tried against the rules that may start
    anywhere.
    """
    return _first_of(
        [(p, rule) for p, rule, starts in _RULES if starts is None or key in (starts or ())]
    )


def rule_words() -> set[str]:
    """The words the rules' patterns name ("quarter", "ending", "gone" …)."""
    return {word for pattern, _, _ in _RULES for word in re.findall(r"[a-z]{2,}", pattern)}


def point(text: str, ctx: Context) -> Point:
    """One window by the rules; ``UnrecognisedError`` when no rule reads all of ``text``.

    The first rule that reads the text wins; a rule whose words match but whose parts do not
    read ("end of" in "the end of this year" as a month) passes it on to the next.
    """
    found = _by_rules(text, ctx)
    if found is None:
        raise UnrecognisedError(text)
    return found


def try_point(text: str, ctx: Context) -> Point | None:
    """The window the rules read from all of ``text``, or None (errors are raised later)."""
    try:
        return _by_rules(text, ctx)
    except (UnrecognisedError, DateError):
        return None


def _by_rules(text: str, ctx: Context) -> Point | None:
    """:func:`point`, with None where no rule reads the text (most texts tried: no raise)."""
    text = text.removeprefix("the ")
    first = _FIRST_WORD.match(text)
    key = "" if first is None else "0" if first[0].isdigit() else first[0]
    rules = _rules_for(key if key in _first_words() else "")
    found = rules.first.match(text)
    if found is None:
        return None
    start = int((found.lastgroup or "r0")[1:])
    for pattern, rule in rules.rules[start:]:
        match = pattern.match(text)
        if match:
            try:
                return rule(match, ctx, text)
            except UnrecognisedError:
                continue
    return None


# Exact shapes first: they are the common case, and the first rule that matches wins.


@_rule(
    r"(?:the )?(?P<years>years? )?(?P<a>\d{4}) ?(?P<join>/|-|to|and) ?(?P<b>\d{4}|\d{1,2})",
    starts={"year", "years"} | DIGIT,
)
def _fiscal_pair(m: re.Match[str], ctx: Context, text: str) -> Point:
    """A pair of years ("2009/10") in words that name tax or financial years, or after "year".

    "The year 2010-11" is 2010 to 2011, not November 2010. Any other pair of years is a
    range or an alternative, for the grammar's combinators.
    """
    first = year_of(m["a"])
    if ctx.fiscal:
        return fiscal_span(first, second_year(first, m["b"]), ctx.fiscal, text)
    last = second_year(first, m["b"])
    if not m["years"] or m["join"] not in ("-", "to") or not 0 < last - first <= 10:
        raise UnrecognisedError(text)
    return Point(dt.date(first, 1, 1), dt.date(last, 12, 31), Precision.YEAR, lasting=True)


@_rule(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})", starts=DIGIT)
def _iso_day(m: re.Match[str], ctx: Context, text: str) -> Point:
    return span(make_date(year_of(m["y"]), int(m["m"]), int(m["d"]), text), Precision.DAY)


@_rule(
    rf"{WEEKDAY}(?:the |this )?{DAY}(?: day)?(?: of)? {MONTH},?(?: (?P<year>\d{{4}}|\d{{2}}))?",
    starts=_WEEKDAY_KEYS | {"this"} | DIGIT,
)
def _written_day(m: re.Match[str], ctx: Context, text: str) -> Point:
    month, day = MONTHS[m["month"]], int(m["day"])
    if not m["year"]:
        what = f"{day} {MONTH_NAMES[month - 1]}"
        found = yearless(
            ctx, what, lambda year: span(make_date(year, month, day, text), Precision.DAY)
        )
        wrong = _weekday_warning(m["weekday"], day_of(found.start))
        return found._replace(warning=joined(found.warning, wrong)) if wrong else found
    year = year_of(m["year"], ctx.ref.year)
    date = make_date(year, month, day, text)
    return span(
        date,
        Precision.DAY,
        joined(_short_year_note(m["year"], year), _weekday_warning(m["weekday"], date)),
    )


@_rule(rf"{WEEKDAY}{MONTH} {DAY},?(?: {YEAR})?", starts=_WEEKDAY_KEYS | _MONTH_KEYS)
def _written_month_day(m: re.Match[str], ctx: Context, text: str) -> Point:
    return _written_day(m, ctx, text)


@_rule(r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])", starts=DIGIT)
def _iso_month(m: re.Match[str], ctx: Context, text: str) -> Point:
    return span(dt.date(year_of(m["y"]), int(m["m"]), 1), Precision.MONTH)


@_rule(
    rf"{WEEKDAY}(?P<a>\d{{1,2}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})",
    starts=_WEEKDAY_KEYS | DIGIT,
)
def _numeric_day(m: re.Match[str], ctx: Context, text: str) -> Point:
    year = year_of(m["y"], ctx.ref.year)
    found = _numeric(int(m["a"]), int(m["b"]), year, ctx, text, m["weekday"])
    short = _short_year_note(m["y"], year)
    return found._replace(warning=joined(found.warning, short)) if short else found


@_rule(r"(?P<m>0?[1-9]|1[0-2])[/.](?P<y>\d{4})", starts=DIGIT)
def _numeric_month(m: re.Match[str], ctx: Context, text: str) -> Point:
    return span(dt.date(year_of(m["y"]), int(m["m"]), 1), Precision.MONTH)


@_rule(r"(?P<m>0?[1-9]|1[0-2])/(?P<y>3[2-9]|[4-9]\d)", starts=DIGIT)
def _numeric_month_short_year(m: re.Match[str], ctx: Context, text: str) -> Point:
    """Month and two-digit year, "6/73": the second number is neither a month nor a day."""
    year = year_of(m["y"], ctx.ref.year)
    return span(dt.date(year, int(m["m"]), 1), Precision.MONTH, _short_year_note(m["y"], year))


@_rule(rf"{WEEKDAY}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})", starts=_WEEKDAY_KEYS | DIGIT)
def _numeric_day_no_year(m: re.Match[str], ctx: Context, text: str) -> Point:
    a, b = int(m["a"]), int(m["b"])
    return yearless(ctx, text, lambda year: _numeric(a, b, year, ctx, text, m["weekday"]))


@_rule(rf"{DAY}", starts=DIGIT)
def _bare_day(m: re.Match[str], ctx: Context, text: str) -> Point:
    if ctx.month is None:
        raise DateError(f"“{text}” is a number, not a date.")
    month, day = ctx.month, int(m["day"])
    what = f"{day} {MONTH_NAMES[month - 1]}"
    return yearless(ctx, what, lambda year: span(make_date(year, month, day, text), Precision.DAY))


@_rule(rf"{MONTH},?(?: of)?(?: {YEAR})?", starts=_MONTH_KEYS)
def _month(m: re.Match[str], ctx: Context, text: str) -> Point:
    month = MONTHS[m["month"]]
    if m["year"]:
        return span(dt.date(year_of(m["year"]), month, 1), Precision.MONTH)
    return yearless(
        ctx, MONTH_NAMES[month - 1], lambda year: span(dt.date(year, month, 1), Precision.MONTH)
    )


@_rule(rf"(?:year )?{YEAR}", starts={"year"} | DIGIT)
def _year_only(m: re.Match[str], ctx: Context, text: str) -> Point:
    return span(dt.date(year_of(m["year"]), 1, 1), Precision.YEAR)


@_rule(r"(?P<dec>\d{3})0'?s", starts=DIGIT)
def _decade(m: re.Match[str], ctx: Context, text: str) -> Point:
    return span(dt.date(year_of(m["dec"] + "0"), 1, 1), Precision.DECADE)


def _in_year(m: re.Match[str], ctx: Context, what: str, window: Callable[[int], Point]) -> Point:
    """A quarter, half or season in the year written, or the context's year."""
    if m["year"]:
        return window(year_of(m["year"]))
    return yearless(ctx, what, window)


@_rule(
    rf"(?:q(?P<q>[1-4])|(?P<q2>[1-4])q|(?P<ord>{'|'.join(ORDINALS)}) quarter)"
    rf"(?:(?:,?(?: of)? |-){YEAR})?|(?P<y2>\d{{4}}) q(?P<q3>[1-4])",
    starts={"q"} | set(ORDINALS) | DIGIT,
)
def _quarter(m: re.Match[str], ctx: Context, text: str) -> Point:
    quarter = int(m["q"] or m["q2"] or m["q3"] or 0) or ORDINALS[m["ord"]]
    quarter = 4 if quarter == -1 else quarter

    def window(year: int) -> Point:
        return span(dt.date(year, quarter * 3 - 2, 1), Precision.QUARTER)

    if m["y2"]:
        return window(year_of(m["y2"]))
    return _in_year(m, ctx, f"Q{quarter}", window)


@_rule(
    rf"(?:h(?P<h>[12])|(?P<h2>[12])h|(?P<ord>first|second|1st|2nd) half)(?:,?(?: of)? {YEAR})?",
    starts={"h", "first", "second"} | DIGIT,
)
def _half(m: re.Match[str], ctx: Context, text: str) -> Point:
    half = int(m["h"] or m["h2"] or 0) or ORDINALS[m["ord"]]
    what = f"the {'first' if half == 1 else 'second'} half"
    return _in_year(
        m, ctx, what, lambda year: span(dt.date(year, 1 if half == 1 else 7, 1), Precision.HALF)
    )


@_rule(rf"(?P<season>{'|'.join(SEASONS)})(?:(?: of)? {YEAR})?", starts=set(SEASONS))
def _season(m: re.Match[str], ctx: Context, text: str) -> Point:
    month = SEASONS[m["season"]]
    what = SEASON_NAMES[month].lower()
    return _in_year(m, ctx, what, lambda year: span(dt.date(year, month, 1), Precision.SEASON))


# ---------------------------------------------------------------- fiscal years

FISCAL_KINDS = {"tax": "tax", "financial": "financial", "fiscal": "financial", "accounting": ""}


def second_year(first: int, written: str) -> int:
    """The later year of a pair: "2009/10", "1996/7", "2010-2011"."""
    if len(written) == 4:
        return int(written)
    century = first - first % 10 ** len(written)
    year = century + int(written)
    return year if year > first else year + 10 ** len(written)


def fiscal_span(first_year: int, last_year: int, kind: str, text: str) -> Point:
    """Tax or financial years, from the one starting in ``first_year`` to one ending later.

    The last one ends in ``last_year``: "2009/10" is one year, "2016-18" two.
    """
    if last_year <= first_year:
        raise DateError(f"“{text}”: a {kind} year runs from April of one year into the next.")
    start = fiscal_year(first_year, kind)[0]
    end = fiscal_year(last_year - 1, kind)[1]
    count = last_year - first_year
    names = f"{first_year}/{str(first_year + 1)[2:]}"
    if count > 1:
        names += f" to {last_year - 1}/{str(last_year)[2:]}"
    first_day = "6 April" if kind == "tax" else "1 April"
    note = f"the UK {kind} year{'s' if count > 1 else ''} {names}, each from {first_day}"
    return Point(start, end, Precision.YEAR, note=note)


@_rule(r"fy ?(?P<a>\d{4}|\d{2})(?: ?[/-] ?(?P<b>\d{4}|\d{1,2}))?", starts={"fy"})
def _fy(m: re.Match[str], ctx: Context, text: str) -> Point:
    """FY2009, the financial year ending in 2009 (1 April 2008 to 31 March 2009)."""
    first = year_of(m["a"], ctx.ref.year)
    if m["b"]:
        return fiscal_span(first, second_year(first, m["b"]), "financial", text)
    found = fiscal_span(first - 1, first, "financial", text)
    return found._replace(
        note=f"{m[0].upper()} read as the financial year ending in {first}, {found.note}"
    )


@_rule(
    r"(?:the )?(?:(?P<kind>tax|financial|fiscal|accounting) )?(?:year|12 months|twelve months) "
    r"(?:to|ended|ending|end) (?P<rest>.+)",
    starts={"tax", "financial", "fiscal", "accounting", "year", "twelve"} | DIGIT,
)
def _year_to(m: re.Match[str], ctx: Context, text: str) -> Point:
    """Twelve months ending with a day or month; a tax or financial year when they are one."""
    end = point(m["rest"], ctx)
    last = day_of(end.end)
    kind = FISCAL_KINDS.get(m["kind"] or "", ctx.fiscal)
    if kind and end.precision is Precision.MONTH and last.month in (3, 4):
        last = fiscal_year(last.year - 1, kind)[1]  # "the tax year ending April 2011"
    kind = kind or fiscal_kind_ending(last) or ""  # 5 April ends a tax year, 31 March another
    first = dt.date(last.year - 1, last.month, last.day) + dt.timedelta(days=1)
    if last.month == 2 and last.day == 29:
        first = dt.date(last.year - 1, 3, 1)
    note = "the twelve months ending " + format_day(last)
    if kind and fiscal_kind_ending(last) == kind:
        return fiscal_span(last.year - 1, last.year, kind, text)
    precision = next(
        p
        for p in (Precision.YEAR, Precision.MONTH, Precision.DAY)
        if period(first, p)[0] == first and period(last, p)[1] == last
    )
    return Point(first, last, precision, end.warning, note, lasting=True)


# ---------------------------------------------------------------- weeks


@_rule(
    r"(?:week (?:beginning|commencing|starting|of)|w/c|w/b|wc|wb) (?P<rest>.+)",
    starts={"week", "w", "wc", "wb"},
)
def _week(m: re.Match[str], ctx: Context, text: str) -> Point:
    start = point(m["rest"], ctx)
    if start.precision is not Precision.DAY:
        raise DateError(f"“{text}”: a week begins on a particular day; give the day.")
    return span(start.start, Precision.WEEK, start.warning)


# ---------------------------------------------------------------- relative to the reference

_UNITS = {
    **dict.fromkeys(("second", "seconds", "sec", "secs", "s"), "second"),
    **dict.fromkeys(("minute", "minutes", "min", "mins", "m"), "minute"),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), "hour"),
    **dict.fromkeys(("day", "days", "d"), "day"),
    **dict.fromkeys(("week", "weeks", "wk", "wks", "w"), "week"),
    **dict.fromkeys(("fortnight", "fortnights"), "fortnight"),
    **dict.fromkeys(("month", "months", "mo", "mos", "mon", "mons"), "month"),
    **dict.fromkeys(("year", "years", "yr", "yrs", "y"), "year"),
    **dict.fromkeys(("decade", "decades"), "decade"),
}
_UNIT = "(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")"
_NUMBER_WORDS = "|".join(sorted(NUMBERS, key=len, reverse=True))
_AMOUNT = rf"[+-]?(?:\d+(?:[.,]\d+)? ?|(?:{_NUMBER_WORDS}) ){_UNIT}"
_DURATION = rf"(?P<duration>{_AMOUNT}(?:(?:, ?| and |, and |,? ){_AMOUNT})*)"
_AMOUNT_PARTS = re.compile(
    rf"(?P<sign>[+-])?\b(?:(?P<n>\d+(?:[.,]\d+)?) ?|(?P<word>{_NUMBER_WORDS}) )"
    rf"(?P<unit>{_UNIT})\b"
)
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
_SECONDS["fortnight"] = 2 * _SECONDS["week"]
_MONTHS_IN = {"month": 1, "year": 12, "decade": 120}


def shift(ref: dt.date, unit: str, count: int) -> Point:
    """The period ``count`` units away from the one containing ``ref`` (negative: earlier)."""
    if unit == "day":
        return span(ref + dt.timedelta(days=count), Precision.DAY)
    if unit in ("week", "fortnight"):
        monday = ref - dt.timedelta(days=ref.weekday())
        days = 7 * count * (2 if unit == "fortnight" else 1)
        return span(monday + dt.timedelta(days=days), Precision.WEEK)
    if unit == "month":
        year, month = add_months(ref.year, ref.month, count)
        return span(dt.date(year, month, 1), Precision.MONTH)
    return span(dt.date(ref.year + count, 1, 1), Precision.YEAR)


def _within_years(found: Point, text: str) -> Point:
    """A date counted from the reference must land in ``YEARS``, as a typed year must."""
    if day_of(found.start).year not in YEARS or day_of(found.end).year not in YEARS:
        raise DateError(f"“{text.strip()}” is outside the dates a chronology can hold.")
    return found


def _offset(duration: str, sign: int, ctx: Context, text: str) -> Point:
    """The day, month or year a duration away from the reference date.

    Years and months move by the calendar, the rest by days. A part with its own sign ("-1
    decade +2 years") moves its way, and the parts after it follow it. Hours, minutes and
    seconds move from the reference moment to a minute when the reference has a time of day;
    from one that has none, the result is every day the moment can fall on: never a minute
    the text did not give.
    """
    months, seconds, by_month = 0, 0.0, False
    for part in _AMOUNT_PARTS.finditer(duration):
        if part["sign"]:
            sign = -1 if part["sign"] == "-" else 1
        count = float(part["n"].replace(",", ".")) if part["n"] else NUMBERS[part["word"]]
        unit = _UNITS[part["unit"]]
        if unit in _SECONDS:
            seconds += sign * count * _SECONDS[unit]
        elif count != int(count):
            raise DateError(f"“{text.strip()}”: give whole months or years.")
        else:
            months += sign * int(count) * _MONTHS_IN[unit]
            by_month = by_month or unit == "month"
    if abs(months) > 60000 or abs(seconds) > 1e11:
        raise DateError(f"“{text.strip()}” is outside the dates a chronology can hold.")
    if not seconds:
        if by_month:
            return _within_years(shift(ctx.ref, "month", months), text)
        return _within_years(shift(ctx.ref, "year", months // 12), text)
    year, month = add_months(ctx.ref.year, ctx.ref.month, months)
    if not 1 <= year <= 9999:
        raise DateError(f"“{text.strip()}” is outside the dates a chronology can hold.")
    moved = dt.date(year, month, min(ctx.ref.day, last_day(year, month)))
    if ctx.ref_time is not None and seconds % 86400:  # hours from a moment: a minute
        reached = dt.datetime.combine(moved, ctx.ref_time) + dt.timedelta(seconds=seconds)
        reached = reached.replace(second=0, microsecond=0)
        return _within_years(Point(reached, reached, Precision.MINUTE), text)
    # From some unknown time of the reference day: the first and last day it can reach.
    first = math.floor(seconds / 86400)
    last = first if seconds % 86400 == 0 else math.floor((seconds + 86399) / 86400)
    if abs(first) > 2_000_000:
        raise DateError(f"“{text.strip()}” is outside the dates a chronology can hold.")
    found = Point(moved + dt.timedelta(days=first), moved + dt.timedelta(days=last), Precision.DAY)
    if first != last:
        found = found._replace(
            note="counted in hours from a reference date with no time of day, so either day",
        )
    return _within_years(found, text)


@_rule(
    r"(?P<word>yesterday|today|tomorrow|now|just now|right now|to date|till date)",
    starts={"yesterday", "today", "tomorrow", "now", "just", "right", "to", "till"},
)
def _nearby_day(m: re.Match[str], ctx: Context, text: str) -> Point:
    step = {"yesterday": -1, "tomorrow": 1}.get(m["word"], 0)
    return _within_years(shift(ctx.ref, "day", step), text)


@_rule(r"(?:the )?day (?P<side>before yesterday|after tomorrow)", starts={"day"})
def _two_days_away(m: re.Match[str], ctx: Context, text: str) -> Point:
    return _within_years(shift(ctx.ref, "day", -2 if "yesterday" in m["side"] else 2), text)


@_rule(
    r"(?P<word>yesterday|today|tomorrow),? (?:on |at |the )?(?P<rest>.*\d.*)",
    starts={"yesterday", "today", "tomorrow"},
)
def _relative_day_with_its_date(m: re.Match[str], ctx: Context, text: str) -> Point:
    """A relative day with its date ("yesterday, 4 May 2019"): the date wins, and is checked."""
    given = point(m["rest"], ctx)
    meant = shift(ctx.ref, "day", {"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"]])
    if given.precision is not Precision.DAY:
        raise DateError(f"“{text}”: {m['word']} is one day; “{m['rest']}” is not.")
    if given.start != meant.start:
        return given._replace(
            warning=joined(
                given.warning,
                f"“{m['word'].capitalize()}” from the reference date would be "
                f"{format_day(day_of(meant.start))}; the date given, "
                f"{format_day(day_of(given.start))}, was taken.",
            ),
        )
    return given


_RELATIVE_STEP = {
    "last": -1,
    "previous": -1,
    "past": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "following": 1,
    "coming": 1,
}


@_rule(
    r"(?:the )?(?P<step>last|previous|past|this|current|next|following|coming) "
    r"(?P<unit>day|week|month|year|fortnight|decade)",
    starts=set(_RELATIVE_STEP),
)
def _nearby_period(m: re.Match[str], ctx: Context, text: str) -> Point:
    if m["unit"] == "decade":
        return _within_years(shift(ctx.ref, "year", 10 * _RELATIVE_STEP[m["step"]]), text)
    return _within_years(shift(ctx.ref, m["unit"], _RELATIVE_STEP[m["step"]]), text)


@_rule(
    r"(?:the )?(?P<unit>day|week|month|year) (?P<side>before|after)",
    starts={"day", "week", "month", "year"},
)
def _period_before_after(m: re.Match[str], ctx: Context, text: str) -> Point:
    return _within_years(shift(ctx.ref, m["unit"], -1 if m["side"] == "before" else 1), text)


@_rule(r"(?P<rest>.+?),? (?P<step>last|this|next) (?P<unit>year|week)", starts=None)
def _in_a_relative_year(m: re.Match[str], ctx: Context, text: str) -> Point:
    """A period in a year or week named from the reference date ("March last year")."""
    step = _RELATIVE_STEP[m["step"]]
    if m["unit"] == "week":
        if not re.fullmatch(rf"(?:on )?{WEEKDAY_WORD}", m["rest"]):
            raise UnrecognisedError(text)
        week = shift(ctx.ref, "week", step)
        return _weekday_in_week(m["rest"].removeprefix("on "), day_of(week.start))
    return point(m["rest"], ctx._replace(year=ctx.ref.year + step))


def _weekday_in_week(weekday: str, monday: dt.date) -> Point:
    return span(monday + dt.timedelta(days=WEEKDAYS[weekday]), Precision.DAY)


@_rule(
    rf"(?:last|this past|past) (?P<a>{'|'.join(SEASONS)}|{MONTH})"
    rf"|(?P<b>{'|'.join(SEASONS)}|{MONTH.replace('month', 'month2')}) (?:just )?gone",
    starts={"last", "this", "past"} | _MONTH_KEYS | set(SEASONS),
)
def _latest_gone(m: re.Match[str], ctx: Context, text: str) -> Point:
    """Last March, March gone: the most recent March before this month began."""
    name = m["a"] or m["b"]
    month_start = ctx.ref.replace(day=1)
    for year in (ctx.ref.year, ctx.ref.year - 1, ctx.ref.year - 2):
        found = point(name, ctx._replace(year=year))
        if day_of(found.end) < month_start:
            return found
    raise UnrecognisedError(text)


@_rule(rf"(?:next|this coming) (?P<a>{'|'.join(SEASONS)}|{MONTH})", starts={"next", "this"})
def _next_named(m: re.Match[str], ctx: Context, text: str) -> Point:
    """Next March: the first March after this month."""
    month_end = ctx.ref.replace(day=last_day(ctx.ref.year, ctx.ref.month))
    for year in (ctx.ref.year, ctx.ref.year + 1, ctx.ref.year + 2):
        found = point(m["a"], ctx._replace(year=year))
        if day_of(found.start) > month_end:
            return found
    raise UnrecognisedError(text)


@_rule(
    rf"{_DURATION} (?P<side>ago|earlier|before|later|after|hence|from now|from today"
    r"|in the past|in the future|back)",
    starts=_NUMBER_KEYS | DIGIT,
)
def _units_away(m: re.Match[str], ctx: Context, text: str) -> Point:
    backwards = m["side"] in ("ago", "earlier", "before", "in the past", "back")
    return _offset(m["duration"], -1 if backwards else 1, ctx, text)


@_rule(
    rf"in (?P<about>about |around |approximately )?{_DURATION}(?:'s?| ?time)*"
    rf"|(?:now|today) ?(?P<sign>[+-]) ?{_DURATION.replace('duration', 'd2')}"
    rf"|after {_DURATION.replace('duration', 'd3')}",
    starts={"in", "now", "today", "after"},
)
def _in_units(m: re.Match[str], ctx: Context, text: str) -> Point:
    """In 2 hours, now - 1 hour, after 4 days: counted from the reference date."""
    if m["sign"]:
        return _offset(m["d2"], -1 if m["sign"] == "-" else 1, ctx, text)
    found = _offset(m["duration"] or m["d3"], 1, ctx, text)
    return found._replace(approximate=True) if m["about"] else found


@_rule(rf"(?=[+-]){_DURATION}", starts=None)
def _signed_duration(m: re.Match[str], ctx: Context, text: str) -> Point:
    """A duration with a sign ("+2 years", "-1 decade +2 years"): a move from the reference."""
    return _offset(m["duration"], 1, ctx, text)


@_rule(rf"{_DURATION}", starts=_NUMBER_KEYS | DIGIT)
def _duration(m: re.Match[str], ctx: Context, text: str) -> Point:
    raise DateError(f"“{text}” is a length of time, not a date.")


@_rule(
    r"(?:the )?(?P<step>last|next|this|following|coming|previous|past) "
    rf"(?P<weekday>{WEEKDAY_WORD})",
    starts=set(_RELATIVE_STEP),
)
def _relative_weekday(m: re.Match[str], ctx: Context, text: str) -> Point:
    target = WEEKDAYS[m["weekday"]]
    delta = target - ctx.ref.weekday()
    if m["step"] in ("last", "previous", "past"):
        delta = delta - 7 if delta >= 0 else delta
    elif m["step"] in ("next", "following", "coming"):
        delta = delta + 7 if delta <= 0 else delta
    return _within_years(span(ctx.ref + dt.timedelta(days=delta), Precision.DAY), text)


@_rule(rf"(?:on )?(?P<weekday>{WEEKDAY_WORD})\.?", starts={"on"} | _WEEKDAY_KEYS)
def _weekday(m: re.Match[str], ctx: Context, text: str) -> Point:
    """A weekday alone, in the week of the day after it, or near the reference date.

    "Thursday and Friday next week": Friday's week. Otherwise the most recent one on or
    before the reference date, or the next one on or after it when the words look forward.
    """
    target = WEEKDAYS[m["weekday"]]
    if ctx.day is not None:
        return _weekday_in_week(m["weekday"], ctx.day - dt.timedelta(days=ctx.day.weekday()))
    delta = target - ctx.ref.weekday()
    if ctx.future:  # a day that is the reference date's own would be "today"
        delta += 7 if delta <= 0 else 0
        how = f"the next {calendar.day_name[target]} after the reference date"
    else:
        delta -= 7 if delta >= 0 else 0
        how = f"the most recent {calendar.day_name[target]} before the reference date"
    day = _within_years(span(ctx.ref + dt.timedelta(days=delta), Precision.DAY), text)
    return day._replace(note=how)


@_rule(
    r"(?P<side>earlier|later) (?:this|in the) (?P<unit>week|month|year)",
    starts={"earlier", "later"},
)
def _rest_of_period(m: re.Match[str], ctx: Context, text: str) -> Point:
    """Earlier this month: the days of this month before the reference date."""
    whole = shift(ctx.ref, m["unit"], 0)
    if m["side"] == "earlier":
        first, last = whole.start, ctx.ref - dt.timedelta(days=1)
    else:
        first, last = ctx.ref + dt.timedelta(days=1), whole.end
    if day_of(last) < day_of(first):
        raise DateError(
            f"“{text.strip()}”: no day of this {m['unit']} is {m['side']} than the "
            f"reference date, {format_day(ctx.ref)}."
        )
    return Point(first, last, Precision.DAY)


# ---------------------------------------------------------------- modifiers

_PART_WORDS = {
    "early": 0,
    "beginning of": 0,
    "start of": 0,
    "outset of": 0,
    "first part of": 0,
    "earlier part of": 0,
    "early part of": 0,
    "mid": 1,
    "middle of": 1,
    "midst of": 1,
    "middle part of": 1,
    "late": 2,
    "end of": 2,
    "close of": 2,
    "tail end of": 2,
    "latter part of": 2,
    "later part of": 2,
    "last part of": 2,
    "late part of": 2,
    # Hyphened as "mid-2011" is: "end-1997", "start-2019".
    "start-": 0,
    "beginning-": 0,
    "middle-": 1,
    "end-": 2,
}
_PART_NAMES = ("early", "mid", "late")


@_rule(
    rf"(?:the )?(?:very )?(?P<part>{'|'.join(sorted(_PART_WORDS, key=len, reverse=True))})"
    r"(?:-| |(?<=mid)(?=\d)|(?<=-))(?:in |of )?(?:the )?(?P<rest>.+)",
    starts={"very"} | {words.split()[0].rstrip("-") for words in _PART_WORDS},
)
def _part(m: re.Match[str], ctx: Context, text: str) -> Point:
    """Early, mid or late in a month, a season, a quarter, a year or a decade."""
    whole = point(m["rest"], ctx)
    which, precision = _PART_WORDS[m["part"]], whole.precision
    start = day_of(whole.start)
    name = _PART_NAMES[which]
    if precision is Precision.MONTH:
        first = start.replace(day=(1, 11, 21)[which])
        return span(first, Precision.PART_OF_MONTH, whole.warning)
    if precision is Precision.YEAR and is_period(whole.start, whole.end, Precision.YEAR):
        if start.month != 1:
            raise DateError(f"“{text}”: {name} in a tax or financial year; give the months.")
        return span(start.replace(month=(1, 5, 9)[which]), Precision.PART_OF_YEAR, whole.warning)
    if precision is Precision.DECADE:
        year = start.year + DECADE_PARTS[which][0]
        return span(dt.date(year, 1, 1), Precision.PART_OF_DECADE)
    if precision is Precision.SEASON and is_period(whole.start, whole.end, Precision.SEASON):
        year, month = add_months(start.year, start.month, which)
        first = dt.date(year, month, 1)
        return Point(first, period(first, Precision.MONTH)[1], Precision.SEASON, whole.warning)
    if precision is Precision.QUARTER:
        year, month = add_months(start.year, start.month, which)
        found = span(dt.date(year, month, 1), Precision.MONTH, whole.warning)
        return found._replace(
            note=f"{name} in the quarter read as its {('first', 'middle', 'last')[which]} month",
        )
    if precision in (Precision.DAY, Precision.MINUTE):
        return whole  # "early on 3 May": the day is still the day
    raise DateError(f"“{text}”: “{m['part']}” cannot narrow “{m['rest']}”; give the months.")


@_rule(
    r"(?:the )?(?P<ord>first|second|1st|2nd|latter) half (?:of )?(?:the )?(?P<rest>.+)",
    starts={"first", "second", "latter"} | DIGIT,
)
def _half_of(m: re.Match[str], ctx: Context, text: str) -> Point:
    whole = point(m["rest"], ctx)
    second = m["ord"] in ("second", "2nd", "latter")
    start = day_of(whole.start)
    if whole.precision is Precision.YEAR and start.month == 1:
        return span(start.replace(month=7 if second else 1), Precision.HALF)
    if whole.precision is Precision.DECADE:
        first = start.replace(year=start.year + (5 if second else 0))
        return Point(first, dt.date(first.year + 4, 12, 31), Precision.YEAR)
    raise DateError(f"“{text}”: a half of “{m['rest']}” cannot be read; give the months.")


@_rule(
    rf"(?:the )?(?P<ord>{'|'.join(ORDINALS)}) quarter (?:of )?(?:the )?(?P<rest>.+)",
    starts=set(ORDINALS) | DIGIT,
)
def _quarter_of(m: re.Match[str], ctx: Context, text: str) -> Point:
    whole = point(m["rest"], ctx)
    start = day_of(whole.start)
    if whole.precision is not Precision.YEAR or start.month != 1:
        raise DateError(f"“{text}”: a quarter of “{m['rest']}” cannot be read.")
    quarter = ORDINALS[m["ord"]]
    quarter = 4 if quarter == -1 else quarter
    return span(start.replace(month=quarter * 3 - 2), Precision.QUARTER)


@_rule(
    r"(?P<a>\d{1,2})(?:st|nd|rd|th) (?:of )?(?P<stray>\d{1,2}) (?P<rest>[a-z].+)"
    r"|(?P<a2>\d{1,2})(?:st|nd|rd|th)? of (?P<stray2>\d{1,2}) (?P<rest2>[a-z].+)"
    rf"|(?P<a3>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<month3>{MONTH_WORD})\.? "
    r"(?P<stray3>\d{1,2}),? (?P<year3>\d{4})",
    starts=DIGIT,
)
def _transcript_line_number(m: re.Match[str], ctx: Context, text: str) -> Point:
    """A transcript's line number caught inside a date: read without it, and said."""
    stray = m["stray"] or m["stray2"] or m["stray3"]
    if m["year3"]:
        found = point(f"{m['a3']} {m['month3']} {m['year3']}", ctx)
    else:
        found = point(f"{m['a'] or m['a2']} {m['rest'] or m['rest2']}", ctx)
    return found._replace(
        warning=joined(
            found.warning,
            f"The number {stray} inside the date looks like a transcript's line number and was "
            "left out; check the date against the transcript.",
        ),
    )


# ------------------------------------------------------------------------------ times

ZONE_OFFSETS = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "eet": 120,
    "eest": 180,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "mst": -420,
    "mdt": -360,
    "pst": -480,
    "pdt": -420,
    "aest": 600,
    "aedt": 660,
    "acst": 570,
    "acdt": 630,
    "awst": 480,
    "nzst": 720,
    "nzdt": 780,
    "jst": 540,
    "hkt": 480,
    "sgt": 480,
    "msk": 180,
}
_TIME = re.compile(
    r"(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*"
    r"(?P<ampm>a\.? ?m\b\.?|p\.? ?m\b\.?)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*(?:hours|hrs|h)\b)?"
    r"|(?P<hh>\d{1,2})h(?P<mm>\d{2})\b"
    r"|(?<=\d\d )(?P<hd>\d{1,2})\.(?P<md>\d{2})$"  # "29.02.2020 13.12": after a date
    r"|(?P<hhmm>\d{4})\s*(?:hours|hrs|h)\b"
    r"|(?P<word>midnight|noon|midday))"
    r"(?:\s*(?P<zone>[+-]\d{2}:?\d{2}|(?:utc|gmt)\s?[+-]\d{1,2}(?::?\d{2})?|"
    + "|".join(ZONE_OFFSETS)
    + r")\b|\s+(?:local )?(?P<place>(?!on\b|at\b|the\b)[a-z]+(?: [a-z]+)?) time\b|\s+local time\b)?"
)
UK_ZONE = "Europe/London"
"""The chronology's zone: England & Wales practice, so every time is shown as UK time."""


class Clock(NamedTuple):
    """A time of day as written, and the zone it was written in (None: UK time)."""

    time: dt.time
    zone: dt.tzinfo | None = None
    zone_name: str = ""


_LINK_WORDS = re.compile(r"^(?:on|at|of)\s+|\s+(?:on|at)$")
_LEADING_ON_AT = re.compile(r"^(?:on|at)\s+")
_TIME_START = re.compile(r"\d|noon|mid(?:night|day)")
"""Where a match of ``_TIME`` can start: each of its branches begins so."""
_MAYBE_TIME = re.compile(r":|\d(?: ?[ap]\.? ?m\b|h| ?h(?:ou)?rs?\b|\.\d\d$)|noon|mid(?:night|day)")


def _find_time(text: str) -> re.Match[str] | None:
    """``_TIME.search(text)``, tried only where a time can start (a digit, "noon", "mid…")."""
    if not _MAYBE_TIME.search(text):
        return None
    for start in _TIME_START.finditer(text):
        match = _TIME.match(text, start.start())
        if match:
            return match
    return None


def split_time(text: str) -> tuple[str, Clock | None]:
    """Take a time out of the text; return the rest (the date part) and the time."""
    match = _find_time(text)
    if not match:
        return text, None
    if match["word"]:
        clock = dt.time(23, 59) if match["word"] == "midnight" else dt.time(12, 0)
    elif match["hhmm"]:
        clock = _clock(int(match["hhmm"][:2]), int(match["hhmm"][2:]), match[0])
    elif match["h24"]:
        clock = _clock(int(match["h24"]), int(match["m24"]), match[0])
    elif match["hh"]:
        clock = _clock(int(match["hh"]), int(match["mm"]), match[0])
    elif match["hd"]:
        clock = _clock(int(match["hd"]), int(match["md"]), match[0])
    else:
        hours = int(match["h"]) % 12 + (12 if match["ampm"].startswith("p") else 0)
        if not 1 <= int(match["h"]) <= 12:
            raise DateError(f"“{match[0]}” is not a time.")
        clock = _clock(hours, int(match["m"] or 0), match[0])
    rest = " ".join((text[: match.start()] + " " + text[match.end() :]).split()).strip(" ,")
    rest = _LINK_WORDS.sub("", rest).strip(" ,")
    rest = _LEADING_ON_AT.sub("", rest)
    zone, name = _zone(match["zone"], match["place"])
    return rest, Clock(clock, zone, name)


def _clock(hours: int, minutes: int, text: str) -> dt.time:
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise DateError(f"“{text}” is not a time of day.")
    return dt.time(hours, minutes)


def _zone(written: str | None, place: str | None) -> tuple[dt.tzinfo | None, str]:
    """The zone a time was written in: "EST", "-0500", "Oslo time".

    None for UK time, and for a place no zone is known for.
    """
    if written:
        offset = ZONE_OFFSETS.get(written)
        if offset is None:
            sign = -1 if "-" in written else 1
            digits = re.sub(r"\D", "", written)
            if len(digits) <= 2:
                digits = digits.zfill(2) + "00"
            elif len(digits) == 3:
                digits = "0" + digits
            offset = sign * (int(digits[:2]) * 60 + int(digits[2:]))
        if offset == 0 and written in ("gmt", "utc", "z"):
            return dt.UTC, written.upper()
        return dt.timezone(dt.timedelta(minutes=offset)), written.upper()
    if place and place not in ("uk", "london", "british", "english", "england"):
        name = _zone_of_place(place)
        return (zoneinfo.ZoneInfo(name), f"{place.title()} time") if name else (None, "")
    return None, ""


@functools.cache
def _places() -> dict[str, str]:
    """Zone names by their city, lower case ("oslo": "Europe/Oslo")."""
    try:
        names = zoneinfo.available_timezones()
    except (OSError, ValueError):  # no time zone data on this machine
        return {}
    return {name.rsplit("/", 1)[-1].replace("_", " ").lower(): name for name in sorted(names)}


def _zone_of_place(place: str) -> str | None:
    words = place.split()
    return _places().get(place) or (_places().get(words[-1]) if len(words) > 1 else None)


def to_uk_time(moment: dt.datetime, clock: Clock) -> tuple[dt.datetime, str | None]:
    """A moment written in another zone as UK time, and the sentence that says so."""
    if clock.zone is None:
        return moment, None
    try:
        uk = zoneinfo.ZoneInfo(UK_ZONE)
    except zoneinfo.ZoneInfoNotFoundError:
        return moment, f"{moment:%H:%M} is {clock.zone_name}; no zone data to show it as UK time."
    shown = moment.replace(tzinfo=clock.zone).astimezone(uk).replace(tzinfo=None)
    if shown == moment:
        return moment, None
    day = f" on {format_day(shown.date())}" if shown.date() != moment.date() else ""
    return shown, f"{moment:%H:%M} {clock.zone_name} was read as {shown:%H:%M} UK time{day}."


def moment(s: str, ctx: Context, read: Callable[[str, Context], Point]) -> Point:
    """A point, with a time of day when one is given ("14:32 on 8 November 2018").

    ``read`` reads the date part; a time without one takes the context's day (a list's or a
    range's other item), else the reference date: the day whose time is nearest a reference
    moment in the narrative's direction, or a reference day itself.
    """
    rest, clock = split_time(s)
    if clock is None:
        return read(s, ctx)
    if rest:
        found = read(rest, ctx)
        if found.precision is not Precision.DAY:
            raise DateError(f"“{s.strip()}”: a time needs a particular day.")
        day, note = day_of(found.start), found.warning
    elif ctx.day is not None:
        day, note = ctx.day, None
    elif ctx.narrative is not None:
        day = ctx.narrative
        note = (
            f"No day was given for the time, so {format_day(day)}, the day of the text around "
            "it, was used."
        )
    elif ctx.ref_time is not None:
        return _nearest_moment(clock, dt.datetime.combine(ctx.ref, ctx.ref_time), ctx.future)
    else:
        day = ctx.ref
        note = f"No day was given for the time, so the reference date ({format_day(day)}) was used."
    shown, zone_note = to_uk_time(dt.datetime.combine(day, clock.time), clock)
    return Point(shown, shown, Precision.MINUTE, joined(note, zone_note))


def _nearest_moment(clock: Clock, reference: dt.datetime, future: str) -> Point:
    """A time without a day, read against a reference moment (as :func:`yearless` reads a day).

    The most recent such time at or before it, or the next one at or after it when the words
    look forward.
    """
    day = reference.date()
    shown, zone_note = to_uk_time(dt.datetime.combine(day, clock.time), clock)
    step = dt.timedelta(days=1 if future else -1)
    while (shown < reference) if future else (shown > reference):  # twice at most: a zone
        day += step
        shown, zone_note = to_uk_time(dt.datetime.combine(day, clock.time), clock)
    if future:
        how = f"the next {clock.time:%H:%M} at or after it, as “{future}” looks forward"
    else:
        how = f"the most recent {clock.time:%H:%M} at or before it, in a past narrative"
    note = (
        f"No day was given for the time, so {format_day(day)} was taken (the reference date "
        f"is {format_day(reference.date())} at {reference:%H:%M}): {how}."
    )
    return Point(shown, shown, Precision.MINUTE, joined(note, zone_note))
