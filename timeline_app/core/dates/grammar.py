"""The grammar's combinators: qualifiers, ranges, lists, alternatives, and prose around.

An expression is qualifiers ("by", "on or about", "pre-") around a body; a body is a list
("3, 4 and 5 June 2012"), a range ("from May 2014 to date"), an alternative ("June/July
2013") or one point, and each part of a list or range may itself be a range or an
alternative. Parts borrow what they leave out from the part after them ("late May or early
June 2010"). A list or alternative reads as its whole extent, one unknown point inside it; a
range lasts across. :func:`read` gives the FuzzyDate, the warning, and notes on how the
words were read (a list's members, a fiscal year's convention, the prose left out).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from timeline_app.core.dates import fallback
from timeline_app.core.dates.atoms import (
    ZONE_OFFSETS,
    Context,
    Point,
    fiscal_span,
    moment,
    point,
    rule_words,
    second_year,
    span,
    try_point,
    year_of,
)
from timeline_app.core.dates.errors import DateError, UnrecognisedError
from timeline_app.core.dates.periods import (
    PRECISION_ORDER,
    YEARS,
    after,
    before,
    ends_period,
    is_period,
    starts_period,
)
from timeline_app.core.dates.words import (
    DATE_WORDS,
    MONTHS,
    PHRASES_PATTERN,
    SEASONS,
    UNDATED,
    WEEKDAYS,
    normalise,
    not_a_date,
    without_about,
    without_prefix,
    without_suffix,
)
from timeline_app.core.model import UNDATED as NO_DATE
from timeline_app.core.model import DateValue, FuzzyDate, Precision, Qualifier, day_of


class Reading(NamedTuple):
    """What a phrase says: a window, how the event relates to it, and how it was read."""

    point: Point
    qualifier: Qualifier = Qualifier.ON
    notes: tuple[str | _Members, ...] = ()


class _Members(NamedTuple):
    """A list's or alternative's members, put in words only when the notes are asked for."""

    joiner: str
    points: tuple[Point, ...]


def _note_text(note: str | _Members) -> str:
    if isinstance(note, str):
        return note
    names = [_name(p) for p in note.points]
    if note.joiner == "or":
        return "one of " + " or ".join(names)
    return f"the list {', '.join(names[:-1])} and {names[-1]}, read as its whole extent"


_RELATIVE_WITH_DATE = re.compile(
    r"^(?:the (?:next|following|previous|same) day|that day|the day (?:after|before)"
    r"|(?:\w+ )?(?:days?|weeks?|months?|years?) (?:later|earlier|afterwards)),? "
    r"(?:on |in )?(?P<rest>(?:\d|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? \d).*)$"
)
_FOUR_DIGITS = re.compile(r"\d{4}")
_DIGITS = re.compile(r"\d{1,4}")
_ONE_OR_TWO_DIGITS = re.compile(r"\d{1,2}")
_QUALIFIED_MEMBER = re.compile(r"(?:on or |not |no |before |after |by )")
_ENDS_WITH_A_DAY = re.compile(r"[a-z]\.? \d{1,2}$")
_HOUR = re.compile(r"\d\s*([ap])\.?m\b")
_TIMED = re.compile(r"\d\s*(?:[ap]\.?m|:)")
_NOT_SPACE = re.compile(r"\S+")
_PROSE_WORD = re.compile(r"[a-z][a-z'.]*")
_BOUNDS = re.compile(
    r"^(?P<a>(?:on or after|on or before|not before|not after|no earlier than|no later than"
    r"|after|before|by|since|from) .+?),? (?:and|but) (?P<b>(?:on or after|on or before"
    r"|not before|not after|no earlier than|no later than|after|before|by|until) .+)$"
)
_LASTING = re.compile(
    r"^(?:during |over (?:(?:\w+ ){0,2}(?:days?|weeks?|months?|years?) )?"
    r"|(?:an? |the )?(?:\w+[- ](?:day|week|month|year) )?period (?:of )?)"
)
_OPEN = (Qualifier.BEFORE, Qualifier.BY, Qualifier.AFTER, Qualifier.SINCE, Qualifier.UNTIL)
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|due|is to|are to|to be|listed|scheduled|expected|can|by)\b"
)
_FUTURE_PARTS = re.compile(r"will|shall|due|is to|are to|to be|listed|scheduled|expected|can|by")
"""The words of ``_FUTURE`` without their bounds: a search for them can skip ahead."""


def _forward_word(s: str) -> str:
    """The word that makes ``s`` look forward ("will", "is due", "by"), or "" for a past one.

    Most text has none of the words, so they are looked for before the bounded pattern, which
    is tried at every position.
    """
    if not _FUTURE_PARTS.search(s):
        return ""
    found = _FUTURE.search(s)
    return found[0] if found else ""


_FISCAL_WORDS = re.compile(r"\b(?:tax|financial|fiscal)\b")
_FISCAL_BEFORE = re.compile(
    r"^(?:the )?(?:uk )?(?P<kind>tax|financial|fiscal) (?:years?|returns?)(?: of| for)?"
    r"(?: the)?(?: years?)? "
)
_FISCAL_AFTER = re.compile(r" (?P<kind>tax|financial|fiscal) (?:years?|returns?)$")
_FISCAL_KIND = {"tax": "tax", "financial": "financial", "fiscal": "financial"}


def _names_fiscal_years(s: str) -> bool:
    """Whether the words name tax or financial years (substrings first: they are cheap)."""
    return ("tax" in s or "fiscal" in s or "financial" in s) and bool(_FISCAL_WORDS.search(s))


_FAST_LASTING_WORDS = ("during", "over", "the period", "in the period", "during the period")
_FAST_QUALIFIERS = {
    **dict.fromkeys(("", "on", "in", "dated", "as at", "as of", "at"), Qualifier.ON),
    **dict.fromkeys(("as late as", "as early as"), Qualifier.ON),
    **dict.fromkeys(_FAST_LASTING_WORDS, Qualifier.ON),
    **dict.fromkeys(
        ("on or about", "on or around", "in or about", "in or around", "at or about"),
        Qualifier.ABOUT,
    ),
    **dict.fromkeys(
        ("c.", "circa", "about", "around", "in around", "at around", "approximately"),
        Qualifier.ABOUT,
    ),
    **dict.fromkeys(("by", "no later than", "not later than", "on or before"), Qualifier.BY),
    **dict.fromkeys(("before", "prior to"), Qualifier.BEFORE),
    "after": Qualifier.AFTER,
    **dict.fromkeys(("since", "from", "as from", "with effect from"), Qualifier.SINCE),
    **dict.fromkeys(("on or after", "not before", "no earlier than"), Qualifier.SINCE),
    **dict.fromkeys(("until", "till"), Qualifier.UNTIL),
}
_FAST_LASTING = set(_FAST_LASTING_WORDS)
"""Words before a compound that make it last across ("during March and April 2015")."""
_FAST_PARTS = {
    **dict.fromkeys(("early", "start of", "beginning of"), 0),
    **dict.fromkeys(("mid", "middle of"), 1),
    **dict.fromkeys(("late", "end of"), 2),
}
_MONTH_NAMES = "|".join(MONTHS)
_FAST = re.compile(
    r"(?:(?P<q>"
    + "|".join(sorted(filter(None, _FAST_QUALIFIERS), key=len, reverse=True))
    + r") )?(?:the )?(?:(?P<d>\d{1,2})(?:st|nd|rd|th)? (?P<m>"
    + _MONTH_NAMES
    + r")\.?,? (?P<y>\d{4})"
    r"|(?P<m2>" + _MONTH_NAMES + r")\.? (?P<y2>\d{4})|(?P<y3>\d{4})"
    r"|(?P<part>" + "|".join(_FAST_PARTS) + r")[- ](?:(?P<m3>" + _MONTH_NAMES + r") )?(?P<y4>\d{4})"
    r"|(?P<season>" + "|".join(SEASONS) + r")(?: of)? (?P<y5>\d{4}))"
)


def _fast(lowered: str, text: str) -> FuzzyDate | None:
    """The commonest shapes, read directly from ``lowered`` (``text`` stripped, lower case).

    "8 November 2018", "by May 2019", "in 2016", "the end of May 2009", "in the summer of 2022".
    """
    match = _FAST.fullmatch(lowered)
    if match is None:
        return None
    found = _fast_window(match)
    if found is None:
        return None
    return _fuzzy(Reading(found, _FAST_QUALIFIERS[match["q"] or ""]), text)


def _fast_window(match: re.Match[str]) -> Point | None:
    """The window of a match of ``_FAST``; None where the grammar must say why it is no date."""
    year = int(match["y"] or match["y2"] or match["y3"] or match["y4"] or match["y5"])
    if year not in YEARS:
        return None
    if match["y"]:
        try:
            return span(dt.date(year, MONTHS[match["m"]], int(match["d"])), Precision.DAY)
        except ValueError:
            return None
    if match["y2"]:
        return span(dt.date(year, MONTHS[match["m2"]], 1), Precision.MONTH)
    if match["y3"]:
        return span(dt.date(year, 1, 1), Precision.YEAR)
    if match["y4"]:
        part = _FAST_PARTS[match["part"]]
        if match["m3"]:
            day = dt.date(year, MONTHS[match["m3"]], (1, 11, 21)[part])
            return span(day, Precision.PART_OF_MONTH)
        return span(dt.date(year, (1, 5, 9)[part], 1), Precision.PART_OF_YEAR)
    return span(dt.date(year, SEASONS[match["season"]], 1), Precision.SEASON)


_FAST_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)? (?P<m>" + _MONTH_NAMES + r")\.?,? (?P<y>\d{4})"
_FAST_CLOCK = r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?(?: ?(?P<ap>[ap])\.?m\.?)?"
_FAST_TIMED = re.compile(
    r"(?:(?P<q>"
    + "|".join(sorted(filter(None, _FAST_QUALIFIERS), key=len, reverse=True))
    + r") )?(?:"
    + _FAST_CLOCK
    + r" on (?:the )?"
    + _FAST_DAY
    + r"|"
    + _FAST_DAY.replace("P<d>", "P<d2>").replace("P<m>", "P<m2>").replace("P<y>", "P<y2>")
    + r",? at "
    + _FAST_CLOCK.replace("P<h>", "P<h2>").replace("P<mi>", "P<mi2>").replace("P<ap>", "P<ap2>")
    + r")"
)
_FAST_NUMERIC = re.compile(
    r"(?:(?P<q>"
    + "|".join(sorted(filter(None, _FAST_QUALIFIERS), key=len, reverse=True))
    + r") )?(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})"
)


def _fast_timed(lowered: str, text: str) -> FuzzyDate | None:
    """A time and a written day, read directly as the grammar reads it, or None.

    "14:32 on 8 November 2018", "8 November 2018 at 2.32pm".
    """
    if " on " not in lowered and " at " not in lowered:
        return None  # neither shape (a cheap test before the pattern)
    m = _FAST_TIMED.fullmatch(lowered)
    if m is None:
        return None
    day, month, year = m["d"] or m["d2"], m["m"] or m["m2"], int(m["y"] or m["y2"])
    hour, minute, half = m["h"] or m["h2"], m["mi"] or m["mi2"], m["ap"] or m["ap2"]
    if minute is None and half is None:
        return None  # "3 on 8 November": not a time
    hours, minutes = int(hour), int(minute or 0)
    if half:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half == "p" else 0)
    if year not in YEARS or hours > 23 or minutes > 59:
        return None
    try:
        moment = dt.datetime(year, MONTHS[month], int(day), hours, minutes)
    except ValueError:
        return None
    found = Point(moment, moment, Precision.MINUTE)
    return _fuzzy(Reading(found, _FAST_QUALIFIERS[m["q"] or ""]), text)


def _fast_numeric(lowered: str, text: str, order: str) -> FuzzyDate | None:
    """A numeric day with its year that only one order reads ("25/12/2018"), read directly.

    None when the other order could read it too: the grammar warns of that.
    """
    if "/" not in lowered:
        return None
    m = _FAST_NUMERIC.fullmatch(lowered)
    if m is None:
        return None
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    day, month = (a, b) if order == "dmy" else (b, a)
    if not (month <= 12 < day or day == month) or year not in YEARS:
        return None
    try:
        found = span(dt.date(year, month, day), Precision.DAY)
    except ValueError:
        return None
    return _fuzzy(Reading(found, _FAST_QUALIFIERS[m["q"] or ""]), text)


def _atom(name: str) -> str:
    """One side of a compound the direct path reads, its groups' names prefixed with ``name``.

    A day, a month or a year, with a part of a month or year before it, or a season.
    """
    months, parts = _MONTH_NAMES, "|".join(_FAST_PARTS)
    return (
        rf"(?:(?P<{name}day>\d{{1,2}})(?:st|nd|rd|th)?(?: (?P<{name}month>{months})\.?)?"
        rf"|(?:(?P<{name}part>{parts})[- ])?(?:(?P<{name}pmonth>{months})\.?)?"
        rf"|(?P<{name}season>{'|'.join(SEASONS)})(?: of)?)"
        rf"(?:(?:(?<=[a-z.]),? |(?<=\d) |(?<![\w.,]))(?P<{name}year>\d{{4}}))?"
    )


_FAST_COMPOUND = re.compile(
    r"(?:(?P<q>"
    + "|".join(sorted(filter(None, _FAST_QUALIFIERS), key=len, reverse=True))
    + r") )?(?:the )?(?P<opener>between |from )?(?:the )?"
    + _atom("a")
    + r"(?P<join> and | or | ?/ ?| ?- ?| to | until )(?:the )?"
    + _atom("b")
)
_FAST_SPANS = (" - ", "-", " to ", " until ")


_ATOM_GROUPS = {
    name: tuple(name + group for group in ("year", "day", "part", "month", "pmonth", "season"))
    for name in ("a", "b")
}


def _fast_atom(m: re.Match[str], name: str, later: Point | None) -> Point | None:
    """One side's window, borrowing the year and month it lacks from the side after it."""
    year, day, part, month, pmonth, season = m.group(*_ATOM_GROUPS[name])
    if year is None and later is None:
        return None
    number = int(year) if year else day_of(later.start).year if later else 0
    if number not in YEARS:
        return None
    month = month or pmonth
    try:
        if day:
            if not month and (later is None or later.precision is not Precision.DAY):
                return None
            month_number = MONTHS[month] if month else day_of(later.start).month  # type: ignore[union-attr]
            return span(dt.date(number, month_number, int(day)), Precision.DAY)
        if season:
            return span(dt.date(number, SEASONS[season], 1), Precision.SEASON)
        if month:
            if part:
                start = dt.date(number, MONTHS[month], (1, 11, 21)[_FAST_PARTS[part]])
                return span(start, Precision.PART_OF_MONTH)
            return span(dt.date(number, MONTHS[month], 1), Precision.MONTH)
        if year and part:
            return span(dt.date(number, (1, 5, 9)[_FAST_PARTS[part]], 1), Precision.PART_OF_YEAR)
        if year:
            return span(dt.date(number, 1, 1), Precision.YEAR)
    except ValueError:
        return None  # no such day: the grammar says why
    return None


def _plain(lowered: str) -> str:
    """Lowered text with the dashes and ampersands a compound is joined by made plain."""
    if not lowered.isascii():
        lowered = lowered.replace("–", "-").replace("—", "-")
    return lowered.replace(" & ", " and ")


def _fast_compound(plain: str, text: str) -> FuzzyDate | None:
    """Two plain dates joined, read directly as the grammar reads them; None for anything else.

    "between June 2009 and September 2011", "May or June 2019", "21-23 January 2020".
    ``plain`` is ``text`` lowered and made plain (:func:`_plain`).
    """
    if not (
        " and " in plain
        or " or " in plain
        or "/" in plain
        or "-" in plain
        or " to " in plain
        or " until " in plain
    ):
        return None  # no join (a cheap test: the pattern is slow to fail)
    m = _FAST_COMPOUND.fullmatch(plain)
    if m is None or not m["byear"]:
        return None
    only_a_year = not (m["bday"] or m["bpart"] or m["bpmonth"] or m["bseason"])
    if m["join"] == "-" and (m["amonth"] or m["apmonth"]) and not m["ayear"] and only_a_year:
        return None  # "December-2016", "1-Feb-2019": Excel's shapes, one date
    end = _fast_atom(m, "b", None)
    start = _fast_atom(m, "a", end)
    if start is None or end is None:
        return None
    if not m["ayear"] and day_of(start.start) > day_of(end.start):
        earlier = _fast_atom(m, "a", end._replace(start=end.start.replace(year=end.start.year - 1)))
        if earlier is None or (day_of(end.start) - day_of(earlier.start)).days > _ACROSS_NEW_YEAR:
            return None
        start = earlier
    if day_of(end.end) < day_of(start.start):
        return None  # the grammar says it ends before it starts
    join, opener, qualifier_word = m["join"], m["opener"], m["q"] or ""
    if opener == "between ":
        if join not in (" and ", " to ", " - ", "-"):
            return None
        qualifier = Qualifier.BETWEEN
    elif join.strip() in ("and", "or", "/"):
        if opener:
            return None
        during = qualifier_word in _FAST_LASTING
        qualifier = Qualifier.FROM_TO if during else Qualifier.BETWEEN
        qualifier_word = "" if during else qualifier_word
    else:
        qualifier = Qualifier.FROM_TO
        if opener == "from " and qualifier_word:
            return None
    body = Reading(_hull([start, end], text), qualifier)
    outer = _FAST_QUALIFIERS[qualifier_word]
    return _fuzzy(_qualified_body(body, outer, outer is Qualifier.ABOUT), text)


_FAST_LIST_HEAD = re.compile(
    r"(?:(?P<q>"
    + "|".join(sorted(filter(None, _FAST_QUALIFIERS), key=len, reverse=True))
    + r") )?(?:the )?(?P<rest>.+)"
)
_FAST_MEMBER = re.compile(r"(?:the )?" + _atom("a"))
_LIST_SEPARATORS = (", ", " and ", ", and ")


def _fast_list(plain: str, text: str) -> FuzzyDate | None:
    """Three or more plain dates listed, read directly as the grammar reads them, or None.

    "22, 23, 24 and 29 June 2020", "April, June and September 2014". ``plain`` is ``text``
    lowered and made plain (:func:`_plain`).
    """
    if plain.count(", ") + plain.count(" and ") + plain.count("; ") < 2:
        return None  # fewer than three members
    head = _FAST_LIST_HEAD.fullmatch(plain)
    if head is None:
        return None
    split = _LIST_SPLIT_KEEPING.split(head["rest"])
    if len(split) < 5 or any(sep not in _LIST_SEPARATORS for sep in split[1::2]):
        return None
    members = [_FAST_MEMBER.fullmatch(part) for part in split[::2]]
    if not members[-1] or not members[-1]["ayear"]:
        return None
    points: list[Point] = []
    later: Point | None = None
    for member in reversed(members):
        if member is None:
            return None
        found = _fast_atom(member, "a", later)
        if found is None:
            return None
        if later is not None and not member["ayear"] and day_of(found.start) > day_of(later.start):
            back = later._replace(start=later.start.replace(year=later.start.year - 1))
            earlier = _fast_atom(member, "a", back)
            if earlier is not None and (
                (day_of(later.start) - day_of(earlier.start)).days <= _ACROSS_NEW_YEAR
            ):
                found = earlier
        points.append(found)
        later = found
    points.reverse()
    word = head["q"] or ""
    during = word in _FAST_LASTING
    body = Reading(_hull(points, text), Qualifier.FROM_TO if during else Qualifier.BETWEEN)
    outer = _FAST_QUALIFIERS["" if during else word]
    return _fuzzy(_qualified_body(body, outer, outer is Qualifier.ABOUT), text)


_LEADING_WORD = re.compile(r"[a-z]+|\d")
_DIRECT_FIRST_WORDS = frozenset(
    words.split()[0].rstrip(".")
    for group in (_FAST_QUALIFIERS, ("the", "between", "from"), MONTHS, SEASONS, _FAST_PARTS)
    for words in group
    if words
)


def _direct(text: str, order: str, explain: bool) -> FuzzyDate | None:
    """The common exact shapes, read directly; None for anything else.

    Each shape starts with a digit or one of its own words, and all but a time on a day end
    with a four-digit year, so other words skip the direct readers without trying them.
    """
    lowered = text.strip().lower()
    first = _LEADING_WORD.match(lowered)
    if first is None or not (first[0].isdigit() or first[0] in _DIRECT_FIRST_WORDS):
        return None
    if not lowered[-4:].isdigit():
        return _fast_timed(lowered, text)
    found = (
        _fast(lowered, text) or _fast_timed(lowered, text) or _fast_numeric(lowered, text, order)
    )
    if found is not None or explain:
        return found
    plain = _plain(lowered)
    return _fast_compound(plain, text) or _fast_list(plain, text)


def read(
    text: str,
    ref: dt.date,
    order: str,
    narrative: dt.date | None = None,
    *,
    explain: bool = True,
) -> tuple[FuzzyDate, str | None, tuple[str, ...]]:
    """The date ``text`` names, any warning, and (when ``explain``) notes on how it was read.

    ``ref`` may be a moment (a datetime, UK time): its time of day then places a time
    written without a day, and offsets in hours and minutes.
    """
    fast = _direct(text, order, explain)
    if fast is not None:  # (a compound's notes, for interpret, come from the grammar)
        return fast, None, ()
    s = normalise(text, ref.year)
    if s in UNDATED:
        return dataclasses.replace(NO_DATE, text=text), None, ()
    ctx = Context(
        ref=day_of(ref),
        order=order,
        future=_forward_word(s),
        narrative=narrative,
        ref_time=ref.time() if isinstance(ref, dt.datetime) else None,
    )
    found = try_point(s, ctx)  # the common case: a plain date, read in one pass
    if found is not None:
        return _fuzzy(Reading(found), text), found.warning, (found.note,) if found.note else ()
    reason = not_a_date(s)
    if reason:
        raise DateError(f"“{text.strip()}” {reason}.")
    reading, problem = _reading(s, ctx)
    if reading is None:
        if problem is not None:
            raise problem
        reading = _fallback_reading(s, ctx, text)
    notes = tuple(_note_text(note) for note in reading.notes) if explain else ()
    return _fuzzy(reading, text), reading.point.warning, notes


def _reading(s: str, ctx: Context) -> tuple[Reading | None, DateError | None]:
    """The grammar's reading of all of ``s``, else of a date inside its prose.

    Or the problem with the date the words plainly are ("31 February 2018").
    """
    problem = None
    # A word the grammar does not know means prose around a date (a zone's place aside).
    if " time" in s or _known_words() >= set(_WORD.findall(s)):
        try:
            return expression(s, ctx), None
        except UnrecognisedError:
            pass
        except DateError as error:
            problem = error
    return _in_prose(s, ctx), problem


def _fallback_reading(s: str, ctx: Context, text: str) -> Reading:
    """What no rule reads: dateparser for a relative phrase of date words, else refused."""
    qualifier, approximate = Qualifier.ON, False
    stripped = True
    while stripped:
        s, word, stripped = without_prefix(s)
        qualifier, approximate = _qualify(qualifier, approximate, word)
    found = moment(s, ctx, lambda part, inner: fallback.read(part, inner, text))
    return _qualified_body(Reading(found), qualifier, approximate)


def _notes_of(found: Point) -> tuple[str | _Members, ...]:
    return (found.note,) if found.note else ()


# ------------------------------------------------------------------------------ expressions


def expression(s: str, ctx: Context) -> Reading:
    """Qualifiers around a body; ``UnrecognisedError`` when the words are not a date."""
    qualifier, approximate, lasting = Qualifier.ON, False, False
    s, found = without_suffix(s)
    if found is not None:
        qualifier, approximate = _qualify(qualifier, approximate, found)
    bounds = _BOUNDS.match(s)
    if bounds:  # "on or after 1 May 2012 and before 1 May 2013": the days both allow
        readings = [expression(bounds["a"], ctx), expression(bounds["b"], ctx)]
        return _qualified_body(_intersection(readings, s), qualifier, approximate)
    fiscal_words = _names_fiscal_years(s)
    changed, tried, problem = False, False, None
    while True:
        # Before another word is taken off, the words as they stand: "the following day"
        # (not "following" + "day"), "the tax year ending April 2011".
        unprefixed = without_prefix(s)  # taken off below unless another rule changes s
        tried = changed and unprefixed[2]
        if tried:
            try:
                whole = _single(s, ctx)
            except DateError as error:
                whole, problem = None, error
            if whole is not None:
                return _qualified_body(whole, qualifier, approximate)
        fiscal = fiscal_words and (_FISCAL_BEFORE.match(s) or _FISCAL_AFTER.search(s))
        if fiscal:
            s = s[: fiscal.start()] + s[fiscal.end() :] if fiscal.start() else s[fiscal.end() :]
            ctx, changed = ctx._replace(fiscal=_FISCAL_KIND[fiscal["kind"]]), True
            continue
        if s.startswith(("between ", "throughout ")):
            return _qualified_body(_opened(s, ctx, lasting), qualifier, approximate)
        if s.startswith("from "):
            spanned = _try_range(s[len("from ") :], ctx, Qualifier.FROM_TO)
            if spanned is not None:
                return _qualified_body(spanned, qualifier, approximate)
            s, qualifier, changed = s[len("from ") :], Qualifier.SINCE, True
            continue
        # (Substrings first: these patterns are slow to fail, and most words have neither.)
        lasting_words = s.startswith(("during ", "over ")) or "period " in s
        period = _LASTING.match(s) if lasting_words else None
        if period:  # "during", "over", "the period 2009-2011", "the 18 month period between"
            s, lasting, changed = s[period.end() :], True, True
            continue
        relative_words = "day" in s or " later" in s or " earlier" in s or " afterwards" in s
        relative = _RELATIVE_WITH_DATE.match(s) if relative_words else None
        if relative:  # "The next day, 17 August": the date given is the date
            s, changed = relative["rest"], True
            continue
        s, word, changed = unprefixed
        if not changed:
            break
        qualifier, approximate = _qualify(qualifier, approximate, word)
    body = _body(s, ctx, tried=tried, problem=problem)
    if ctx.fiscal and body.point.precision is Precision.YEAR:
        _check_fiscal(body.point, ctx.fiscal, s)
    if lasting and body.qualifier is Qualifier.BETWEEN:
        body = body._replace(qualifier=Qualifier.FROM_TO)  # "during March and April 2015"
    return _qualified_body(body, qualifier, approximate)


def _opened(s: str, ctx: Context, lasting: bool) -> Reading:
    """A body opened by "between" or "throughout".

    "Between" gives one point inside, or a span lasting across after "over four days" or
    "the period"; "throughout 2015" lasts across the year.
    """
    if s.startswith("throughout "):
        body = _body(s[len("throughout ") :], ctx)
        return body._replace(point=body.point._replace(lasting=True))
    body = _range(s[len("between ") :], ctx, Qualifier.BETWEEN, joins=_BETWEEN_JOINS)
    return body._replace(qualifier=Qualifier.FROM_TO) if lasting else body


def _check_fiscal(found: Point, kind: str, s: str) -> None:
    """A tax or financial year written as one calendar year ("tax year 2010") is refused.

    It could be the year that starts in it or the one that ends in it.
    """
    first = day_of(found.start)
    if first.month == 1 and day_of(found.end) == dt.date(first.year, 12, 31):
        year = first.year
        raise DateError(
            f"A {kind} year runs from April, so “{s}” could be {year - 1}/"
            f"{str(year)[2:]} or {year}/{str(year + 1)[2:]}; write it in that form."
        )


def _qualify(
    qualifier: Qualifier, approximate: bool, found: Qualifier | None
) -> tuple[Qualifier, bool]:
    if found is Qualifier.ABOUT:
        return qualifier, True
    if found is not None:
        return found, approximate
    return qualifier, approximate


def _qualified_body(body: Reading, qualifier: Qualifier, approximate: bool) -> Reading:
    """The outer qualifier over the body's: "by (the end of May or early June 2009)"."""
    if approximate:
        body = Reading(body.point._replace(approximate=True), body.qualifier, body.notes)
    if qualifier is Qualifier.ON:
        return body
    if body.qualifier in (Qualifier.BETWEEN, Qualifier.FROM_TO) and qualifier not in _OPEN:
        return body
    if body.qualifier is Qualifier.FROM_TO and qualifier is Qualifier.SINCE:
        return body  # "starting on 4 March 2013, until 9 May 2014"
    return Reading(body.point, qualifier, body.notes)


def _try_range(s: str, ctx: Context, qualifier: Qualifier) -> Reading | None:
    try:
        return _range(s, ctx, qualifier)
    except UnrecognisedError:
        return None


def _try(read: Callable[[], Reading]) -> Reading | None:
    try:
        return read()
    except UnrecognisedError:
        return None


# ------------------------------------------------------------------------------ bodies

# Every branch of the joins starts with a plain character (" ?-" is written " -|-"), so
# a search jumps from one such character to the next instead of trying every position.
_LIST_SPLIT = re.compile(r", and |, | and |; ")
_LIST_SPLIT_KEEPING = re.compile(r"(, and |, | and |; )")
_ALTERNATIVE_SPLIT = re.compile(r" or | / ?|/ ?")
_SPAN_JOINS = re.compile(
    r" (?:to|until|till|through|into|thru) | - ?|- ?"
    r"|, (?:and )?(?:until|ending (?:on|with)|and ending) "
    r"| (?:and )?(?:until|ending (?:on|with)|and ending) "
)
_BETWEEN_JOINS = re.compile(r" and | to | - ?|- ?")


def _body(
    s: str, ctx: Context, *, tried: bool = False, problem: DateError | None = None
) -> Reading:
    """One point, a list, a range or an alternative (tried in that order).

    ``tried``: the point has been tried already, and failed with ``problem`` if any.
    """
    if not tried:
        try:
            single = _single(s, ctx)
        except DateError as error:
            single, problem = None, error
        if single is not None:
            return single
    if _LIST_SPLIT.search(s):
        listed = _try(lambda: _list(s, ctx))
        if listed is not None:
            return listed
    spanned = _try(lambda: _range(s, ctx, Qualifier.FROM_TO))
    if spanned is not None:
        return spanned
    try:
        return _alternatives(s, ctx)
    except (UnrecognisedError, DateError):
        if problem is not None:  # "13/13/2018": the whole date's problem, not a part's
            raise problem from None
        raise


def _single(s: str, ctx: Context) -> Reading | None:
    """One point, with its time of day if it has one; None if the rules do not read it.

    The commonest shapes ("1 August 1984", "May 2019", "the end of 2015") are read as
    :func:`_fast` reads them, without trying the rules: they need nothing from ``ctx``.
    """
    shape = _FAST.fullmatch(s)
    found = _fast_window(shape) if shape is not None and shape["q"] is None else None
    if found is None:
        try:
            found = moment(s, ctx, point)
        except UnrecognisedError:
            return None
    return Reading(found, notes=_notes_of(found))


def _part_reading(s: str, ctx: Context) -> Reading:
    """A part of a list or range: an alternative, a range or a point, with its own "c."."""
    s, approximate = without_about(s)  # "from around 3 May 2011": "about" on one end
    s = s.removeprefix("the ")
    reading = _single(s, ctx) or _alternatives(s, ctx)
    return (
        reading._replace(point=reading.point._replace(approximate=approximate))
        if approximate
        else reading
    )


def _alternatives(s: str, ctx: Context) -> Reading:
    """Alternatives ("June/July 2013", "2012/13"): one of them, so their whole extent."""
    parts = _ALTERNATIVE_SPLIT.split(s)
    if len(parts) < 2:
        raise UnrecognisedError(s)
    pair = _year_pair(parts)
    if pair is not None:
        if ctx.fiscal:
            return Reading(fiscal_span(*pair, ctx.fiscal, s))
        parts = [str(pair[0]), str(pair[1])]
    points = [_window(p) for p in _sequence(parts, ctx, _single_or_fail)]
    hull = _hull(points, s)
    return Reading(hull, Qualifier.BETWEEN, (_Members("or", tuple(points)),))


def _single_or_fail(s: str, ctx: Context) -> Point:
    found = _single(s.removeprefix("the "), ctx)
    if found is None:
        raise UnrecognisedError(s)
    return found.point


def _year_pair(parts: list[str]) -> tuple[int, int] | None:
    """Two years written "2012/13", "2015/2016", "2018-19": the later one completed."""
    if len(parts) == 2 and _FOUR_DIGITS.fullmatch(parts[0]) and _DIGITS.fullmatch(parts[1]):
        first = year_of(parts[0])
        if len(parts[1]) == 4:
            return first, year_of(parts[1])
        return first, second_year(first, parts[1])
    return None


def _list(s: str, ctx: Context) -> Reading:
    """A list, read as its whole extent, its members kept in the notes.

    "3, 4 and 5 June 2012", "April, June and September 2014"; with qualifiers ("on or after
    1 May 2012 and before 1 May 2013"), the days every member allows.
    """
    parts = _mend_commas(_LIST_SPLIT_KEEPING.split(s))
    if len(parts) < 2:
        raise UnrecognisedError(s)
    readings = [r for r in _sequence(parts, ctx, _list_member) if isinstance(r, Reading)]
    if any(r.qualifier in _OPEN for r in readings):
        return _intersection(readings, s)
    points = [r.point for r in readings]
    hull = _hull(points, s)
    return Reading(hull, Qualifier.BETWEEN, (_Members("and", tuple(points)),))


def _list_member(part: str, ctx: Context) -> Reading:
    reading = expression(part, ctx) if _QUALIFIED_MEMBER.match(part) else None
    if reading is not None:
        return reading
    found = _try(lambda: _range(part, ctx, Qualifier.FROM_TO)) if _SPAN_JOINS.search(part) else None
    return found or _part_reading(part, ctx)


def _mend_commas(split: list[str]) -> list[str]:
    """The parts of a list, with what a comma split inside one date joined back.

    "November 8, 2018", "Monday, 3 June". ``split`` alternates parts and their separators.
    """
    mended = [split[0]]
    for separator, part in zip(split[1::2], split[2::2], strict=True):
        if separator == ", " and (
            (_FOUR_DIGITS.fullmatch(part) and _ENDS_WITH_A_DAY.search(mended[-1]))
            or mended[-1] in WEEKDAYS
        ):
            mended[-1] += ", " + part
        else:
            mended.append(part)
    return mended


def _intersection(readings: list[Reading], s: str) -> Reading:
    """The days every qualified member of a list allows."""
    firsts, lasts = [], []
    for reading in readings:
        date = _fuzzy(reading, s)
        if date.earliest is not None:
            firsts.append(date.earliest)
        if date.latest is not None:
            lasts.append(date.latest)
    if not firsts or not lasts:
        raise UnrecognisedError(s)
    first, last = max(firsts), min(lasts)
    if day_of(last) < day_of(first):
        raise DateError(f"“{s}”: no day is in every part.")
    precision = min((r.point.precision for r in readings), key=_RANK.__getitem__)
    return Reading(Point(first, last, _fitting(first, last, precision)), Qualifier.BETWEEN)


def _window(found: Point | Reading) -> Point:
    return found.point if isinstance(found, Reading) else found


def _range(
    s: str, ctx: Context, qualifier: Qualifier, joins: re.Pattern[str] = _SPAN_JOINS
) -> Reading:
    """Both ends of "X to Y", "X–Y", "X and Y" (after "between").

    The first end borrows the year, month and day the second gives ("3 to 5 June 2019",
    "2 and 4pm on 3 May").
    """
    for join in joins.finditer(s):
        left, right = s[: join.start()], s[join.end() :]
        if not left or not right:
            continue
        pair = _year_pair([left, right])
        if pair is not None and ctx.fiscal:
            return Reading(fiscal_span(*pair, ctx.fiscal, s), Qualifier.ON)
        if pair is not None:
            left, right = str(pair[0]), str(pair[1])
        if right in ("date", "the present", "now", "present", "today"):
            right = "today"  # "from May 2014 to date": up to the reference date
        try:
            start, end = (_window(e) for e in _sequence([left, right], ctx, _end_reader(right)))
        except UnrecognisedError:
            continue
        if day_of(end.end) < day_of(start.start):
            raise DateError(f"“{s.strip()}” ends before it starts.")
        hull = _hull([start, end], s)
        notes = ("up to the reference date",) if right == "today" else ()
        if pair is not None and ctx.fiscal:
            return Reading(hull, Qualifier.ON, notes)
        return Reading(hull, qualifier, notes)
    raise UnrecognisedError(s)


_Reader = Callable[[str, Context], Point | Reading]


def _end_reader(right: str) -> _Reader:
    """The reader of a range's ends: "between 2 and 4pm" reads its 2 as an hour."""
    hour = _HOUR.search(right)

    def read_end(part: str, ctx: Context) -> Point:
        if ctx.day is not None and _ONE_OR_TWO_DIGITS.fullmatch(part) and _TIMED.search(right):
            part += f"{hour[1]}m" if hour else ":00"
        return _part_reading(part, ctx).point

    return read_end


_ACROSS_NEW_YEAR = 92  # days: "December and January 2020"; not "June to January 2018"


def _sequence(parts: list[str], ctx: Context, read: _Reader) -> list[Point | Reading]:
    """Each part read, last first, each borrowing the year, month and day of the part after it.

    A borrowed year that would put a part after the one that lent it is a year too late when
    the year before is close: "December and January 2020" are December 2019 and January 2020.
    """
    results: list[Point | Reading] = []
    inner = ctx
    for part in reversed(parts):
        found = read(part, inner)
        if results and inner.year is not None and not _FOUR_DIGITS.search(part):
            lent = day_of(_window(results[-1]).start)
            if day_of(_window(found).start) > lent:
                earlier = read(part, inner._replace(year=inner.year - 1))
                if (lent - day_of(_window(earlier).start)).days <= _ACROSS_NEW_YEAR:
                    found = earlier
        results.append(found)
        window = _window(found)
        first = day_of(window.start)
        fine = window.precision in (Precision.DAY, Precision.MINUTE, Precision.PART_OF_MONTH)
        inner = ctx._replace(
            year=first.year,
            month=first.month if fine else None,
            day=first if window.precision in (Precision.DAY, Precision.MINUTE) else None,
        )
    return results[::-1]


_RANK = {precision: rank for rank, precision in enumerate(PRECISION_ORDER)}
"""Each precision's place in PRECISION_ORDER (finest first)."""


def _hull(points: list[Point], text: str) -> Point:
    """The window from the earliest start to the latest end of the points.

    As precise as its finest point when both ends fit that precision's periods, else to the
    day.
    """
    first, last = points[0].start, points[-1].end
    first_day, final_day = day_of(first), day_of(last)
    precisions = set()
    warnings, notes, approximate = [], [], False
    for found in points:
        if day_of(found.start) < first_day:
            first, first_day = found.start, day_of(found.start)
        if day_of(found.end) > final_day:
            last, final_day = found.end, day_of(found.end)
        precisions.add(found.precision)
        if found.warning:
            warnings.append(found.warning)
        if found.note:
            notes.append(found.note)
        approximate = approximate or found.approximate
    precision = min(precisions, key=_RANK.__getitem__)
    if precision is Precision.MINUTE:
        if not isinstance(first, dt.datetime):
            first = dt.datetime.combine(first, dt.time())
        if not isinstance(last, dt.datetime):
            last = dt.datetime.combine(last, dt.time(23, 59))
    elif len(precisions) > 1:
        precision = _fitting(first, last, precision)
    return Point(
        first, last, precision, " ".join(warnings) or None, " ".join(notes) or None, approximate
    )


def _fitting(first: DateValue, last: DateValue, precision: Precision) -> Precision:
    """``precision`` if [first, last] starts and ends on its periods' bounds, else day."""
    if isinstance(first, dt.datetime) or isinstance(last, dt.datetime):
        return Precision.MINUTE
    if starts_period(first, precision) and ends_period(last, precision):
        return precision
    return Precision.DAY


def _name(found: Point) -> str:
    """A list member's words for the notes ("3 June 2012", "April 2014")."""
    from timeline_app.core.dates.formatting import format_window  # noqa: PLC0415  (a cycle)

    return format_window(found.start, found.end, found.precision)


# ------------------------------------------------------------------------------ prose

_CUES = {
    *("on", "in", "at", "by", "from", "since", "until", "till", "during", "between", "before"),
    *("after", "dated", "as", "around", "about", "circa", "c.", "over", "throughout", "for"),
    *("to", "into", "starting", "beginning", "commencing", "approximately", "some", "either"),
    *("both", "early", "mid", "late", "within", "pre", "post"),
}
_COMPLETE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + "|".join(MONTHS) + r")\b"
    r"|\b(?:" + "|".join(MONTHS) + r")\.? \d{1,2}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\bfy ?\d"
)
_DATE_START = re.compile(
    r"\d|(?:" + "|".join([*MONTHS, *SEASONS, *WEEKDAYS, "fy", "q[1-4]", "h[12]"]) + r")\b"
)
_DATE_END = re.compile(
    r"(?:\d|\d0'?s|" + "|".join([*MONTHS, *SEASONS, *WEEKDAYS]) + r"|[ap]\.?m\.?|noon|midnight"
    r"|midday|today|yesterday|tomorrow|date|year|week|month|ago|later|earlier)[,.]?$"
)
_PERIOD_BEFORE = re.compile(r"\b(?:period|over(?: [\w-]+){0,3})$")
_MOST_TRIES = 60


def _in_prose(s: str, ctx: Context) -> Reading | None:
    """A date quoted with the words around it ("born on 1 August 1984").

    The words left out must be prose (not all date words); the date must be a whole day, or
    be introduced by a word such as "on", "by" or "between": its own first word, or one of
    the last three words left out before it ("in the period 2008-2012").
    """
    words = [(m.start(), m.end(), m[0]) for m in _NOT_SPACE.finditer(s)]
    count = len(words)
    # Both looked for only as far as needed: the first date tried is most often the one.
    starts = (i for i, (_, _, w) in enumerate(words) if w in _CUES or _DATE_START.match(w))
    ends: dict[int, bool] = {count: True}  # whether a date can end with word j - 1

    def can_end(j: int) -> bool:
        if j not in ends:
            ends[j] = bool(_DATE_END.search(words[j - 1][2]))
        return ends[j]

    tries = 0
    for i in starts:
        for j in range(count, i, -1):
            if (i == 0 and j == count) or not can_end(j):
                continue
            lead, tail = s[: words[i][0]].strip(), s[words[j - 1][1] :].strip(" ,")
            date = s[words[i][0] : words[j - 1][1]].rstrip(",")
            if tail and not _is_prose(tail):
                continue
            lead_is_prose = not lead or _is_prose(lead)
            introduced = words[i][2] in _CUES or any(w in _CUES for w in lead.split()[-3:])
            if not (lead_is_prose and introduced):  # then whether the day is whole decides
                complete = bool(_COMPLETE.search(date))
                if not lead_is_prose and not (complete and lead.endswith(",")):
                    continue
                if not (introduced or complete):
                    continue
            if not _known_words() >= set(_WORD.findall(date)):
                continue
            tries += 1
            if tries > _MOST_TRIES:
                return None
            reading = _prose_reading(date, lead, tail, ctx)
            if reading is not None:
                return reading
    return None


_WORD = re.compile(r"[a-z]{2,}")


@functools.cache
def _known_words() -> frozenset[str]:
    """Every word a date may be written with: the vocabulary and the grammar's own words."""
    patterns = [PHRASES_PATTERN, _FISCAL_BEFORE.pattern, _FISCAL_AFTER.pattern, _LASTING.pattern]
    patterns += [_RELATIVE_WITH_DATE.pattern, _BOUNDS.pattern, " ".join(ZONE_OFFSETS)]
    words = DATE_WORDS | rule_words() | {w for p in patterns for w in _WORD.findall(p)}
    words |= {word[:-1] for word in words if word.endswith("s")}  # "returns?": "return" too
    return frozenset(words | {"local", "time", "date", "throughout"})


def _is_prose(words: str) -> bool:
    """Whether some word is neither a date's word nor a number."""
    return any(w.strip(".'") not in DATE_WORDS for w in _PROSE_WORD.findall(words))


def _prose_reading(date: str, lead: str, tail: str, ctx: Context) -> Reading | None:
    prose = f"{lead} {tail}"
    future = ctx.future or _forward_word(prose)
    fiscal = _FISCAL_WORDS.search(prose) if _names_fiscal_years(prose) else None
    inner = ctx
    if future != ctx.future or fiscal:
        inner = ctx._replace(
            future=future,
            fiscal=_FISCAL_KIND[fiscal[0]] if fiscal else ctx.fiscal,
        )
    try:
        reading = expression(date, inner)
    except (UnrecognisedError, DateError):
        return None
    if reading.qualifier is Qualifier.BETWEEN and _PERIOD_BEFORE.search(lead):
        reading = reading._replace(qualifier=Qualifier.FROM_TO)  # "the 18 month period between"
    left_out = " … ".join(f"“{w}”" for w in (lead, tail) if w)
    return reading._replace(notes=(*reading.notes, f"read from “{date}”; {left_out} left out"))


# ------------------------------------------------------------------------------ results


def _fuzzy(reading: Reading, text: str) -> FuzzyDate:
    """The event's possible extent, given the qualifier's relation to the window."""
    found, qualifier = reading.point, reading.qualifier
    precision = found.precision
    if qualifier is Qualifier.ON:
        if found.lasting:
            qualifier = Qualifier.FROM_TO
        elif not is_period(found.start, found.end, precision):
            qualifier = Qualifier.BETWEEN  # "the first half of the 1990s": a point inside
        elif found.approximate:
            qualifier = Qualifier.ABOUT
    earliest: DateValue | None = found.start
    latest: DateValue | None = found.end
    if qualifier in _OPEN:  # one test for the common case (each Qualifier.X is a lookup)
        if qualifier is Qualifier.BEFORE:
            earliest, latest = None, before(found.start)
        elif qualifier is Qualifier.AFTER:
            earliest, latest = after(found.end), None
        elif qualifier is Qualifier.SINCE:
            latest = None
        else:  # by, until
            earliest = None
    return FuzzyDate(earliest, latest, precision, qualifier, found.approximate, text)
