"""Dates the way lawyers write them: parse, explain, format in court style, sort.

``parse("8 November 2018", ref_date=…)`` gives a :class:`FuzzyDate`; :func:`interpret` also
gives the court-style display, the explanation (with how the words were read: a list's
members, a fiscal year's convention, the prose left out) and any warning ("05/06/2018 read
day first; month first it would be 6 May 2018"). Text that is not a date raises
:class:`DateError` with a sentence, never a guess.

The engine is a small grammar (:mod:`.grammar` over :mod:`.atoms`): atoms (a day, a month, a
season, a quarter, a half, a decade, a fiscal year, a time, a date relative to the reference
date), modifiers (early, mid and late; the start and end of; the second half of; pre- and
post-; c.; on or about; by and after) and combinators (ranges, lists and alternatives). Each
atom and modifier gives a window and each combinator joins windows. Only a relative phrase
it does not recognise, made of date words alone, goes to dateparser (:mod:`.fallback`).

A FuzzyDate's window is the event's possible extent: "before 2015" ends on 31 December 2014
with no start, "after May 2019" starts on 1 June 2019 with no end, "by 31 October 2018" ends on
that day. ``format`` rebuilds the words from the window, the precision and the qualifier, so
``parse(format(d))`` gives ``d`` back (with ``format(d)`` as its text).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline_app.core.dates import grammar
from timeline_app.core.dates.errors import DateError
from timeline_app.core.dates.formatting import explain, format
from timeline_app.core.dates.periods import YEARS
from timeline_app.core.dates.redating import shifted
from timeline_app.core.dates.words import MONTH_NAMES, QUALIFIER_PATTERN
from timeline_app.core.model import FuzzyDate, day_of

__all__ = [
    "MONTH_NAMES",
    "QUALIFIER_PATTERN",
    "YEARS",
    "DateError",
    "Interpretation",
    "ends_before",
    "explain",
    "format",
    "interpret",
    "missing_from",
    "parse",
    "parse_with_warning",
    "shifted",
    "sort_key",
]

MAX_LENGTH = 200
"""Longer text is refused before any reading: a date is a phrase, not a paragraph."""


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
        return missing_from(self.warning)


def missing_from(warning: str | None) -> str:
    """What a reading's warning says the reference date gave: "year", "day" or ""."""
    if warning is None or "reference date" not in warning:
        return ""
    return "day" if warning.startswith("No day") else "year"


def interpret(
    text: str,
    *,
    ref_date: dt.date | None = None,
    order: str = "dmy",
    narrative: dt.date | None = None,
) -> Interpretation:
    """Read ``text`` as a date; return it with its display, explanation and any warning.

    :param ref_date: the document's date, for relative phrases ("last year") and for days
        and months written without a year; today if None. A datetime (an e-mail's sent time,
        UK time) gives the time of day too: a time written without a day is then the most
        recent one at or before it (the next one when the words look forward), and "in 2
        hours" is a minute.
    :param order: "dmy" (UK, the default) or "mdy", for numeric dates such as 08/11/2018.
    :param narrative: the day the text around the words is about (the date before them in
        a document): a day or month without a year is then the one nearest it, and a time
        without a day is on it.
    :raises DateError: the text is not a date; the message says why.
    """
    date, warning, notes = _checked_read(text, ref_date, order, narrative)
    explanation = "; ".join([explain(date), *notes])
    return Interpretation(date, format(date), explanation, warning)


def parse(text: str, *, ref_date: dt.date | None = None, order: str = "dmy") -> FuzzyDate:
    """Read ``text`` as a date (see :func:`interpret`), without display or explanation."""
    return _checked_read(text, ref_date, order, explain=False)[0]


def parse_with_warning(
    text: str, *, ref_date: dt.date, order: str = "dmy", narrative: dt.date | None = None
) -> tuple[FuzzyDate, str | None]:
    """Read ``text`` as :func:`interpret` does, giving the date and its warning only.

    For reading many dates quickly, as extraction does.
    """
    date, warning, _ = _checked_read(text, ref_date, order, narrative, explain=False)
    return date, warning


def _checked_read(
    text: str,
    ref_date: dt.date | None,
    order: str,
    narrative: dt.date | None = None,
    *,
    explain: bool = True,
) -> tuple[FuzzyDate, str | None, tuple[str, ...]]:
    if order not in ("dmy", "mdy"):
        raise ValueError(f"order must be 'dmy' or 'mdy', not {order!r}")
    if len(text) > MAX_LENGTH:
        raise DateError(f"That is too long to be a date (more than {MAX_LENGTH} characters).")
    try:
        return grammar.read(text, ref_date or dt.date.today(), order, narrative, explain=explain)
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
