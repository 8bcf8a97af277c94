"""The last resort for relative phrases the grammar does not know: dateparser.

"A fortnight last Tuesday" and the like go to dateparser, configured explicitly. This is the
only module that imports it.

Only text made of date words, with no long numbers and at least one relative word, is sent;
any other text our grammar cannot read is refused with the words that are not a date's.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from timeline_app.core.dates.atoms import Context, Point, span
from timeline_app.core.dates.errors import DateError
from timeline_app.core.dates.words import DATE_WORDS
from timeline_app.core.model import Precision

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
_WITHIN_A_DAY = re.compile(r"\b(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)\b")


def read(s: str, ctx: Context, text: str) -> Point:
    """``s`` (normalised) read by dateparser, or a DateError that says why it is not a date."""
    words = re.findall(r"[a-z]+", s)
    strangers = [w for w in words if w not in DATE_WORDS]
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
    return dateparser_point(s, ctx, text)


@functools.lru_cache(maxsize=64)
def _dateparser(ref: dt.date, order: str) -> Any:  # dateparser has no type hints
    from dateparser.date import DateDataParser  # noqa: PLC0415  (slow: only when needed)

    return DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": order.upper(),
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_DATES_FROM": "past",
            # Noon: the reference has no time of day, so an offset of a few hours must not
            # cross midnight; what is read within a day is given as the day, never a minute.
            "RELATIVE_BASE": dt.datetime(ref.year, ref.month, ref.day, 12),
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


def dateparser_point(s: str, ctx: Context, text: str) -> Point:
    """What dateparser reads ``s`` as, in our terms (hours are the day, approximately)."""
    data = _dateparser(ctx.ref, ctx.order).get_date_data(s)
    if data is None or data.date_obj is None:
        raise DateError(
            f"“{text.strip()}” is not a date that can be read. Try a form such as "
            "“8 November 2018”, “October 2018” or “c. 2016”."
        )
    precision = _DATEPARSER_PERIODS.get(data.period or "day", Precision.DAY)
    if precision is Precision.MINUTE and not _WITHIN_A_DAY.search(s):
        moment = data.date_obj.replace(second=0, microsecond=0, tzinfo=None)
        return Point(moment, moment, precision)
    day = data.date_obj.date()
    if precision is Precision.MINUTE:  # counted in hours from a day: the day, approximately
        return Point(day, day, Precision.DAY, approximate=True)
    if precision is Precision.WEEK:
        day -= dt.timedelta(days=day.weekday())
    return span(day, precision)
