"""Which events to show or export: one set of rules for the window's filters and the command line.

A date window is typed as any date, read the case's way: "2018" as its start is 1 January 2018,
as its end 31 December 2018. A bound with no start or end of its own ("before 2015" as a start),
a date that cannot be read, and an end before the start are refused in words, naming the bound.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from timeline_app.core import dates
from timeline_app.core.errors import UserError
from timeline_app.core.model import CaseInfo, DateValue, Status, day_of
from timeline_app.core.store import CaseStore, EventFilter


class DateWindowError(UserError):
    """One bound of a date window cannot be used.

    Attributes:
        bound: "from" or "to", the field to mark.

    """

    def __init__(self, message: str, bound: str) -> None:
        super().__init__(message)
        self.bound = bound


def date_window(info: CaseInfo, start: str, end: str) -> tuple[dt.date | None, dt.date | None]:
    """The days a window typed as ``start`` and ``end`` runs from and to (None: open).

    :raises DateWindowError: a bound cannot be read or has no day to use, or the window ends
        before it starts.
    """
    first, last = moment_window(info, start, end)
    return (
        day_of(first) if first is not None else None,
        day_of(last) if last is not None else None,
    )


def moment_window(
    info: CaseInfo, start: str, end: str
) -> tuple[DateValue | None, DateValue | None]:
    """As :func:`date_window`, to the minute where a bound gives a time ("23:00 on 4 March 2019").

    Emails are chosen so; events, whose dates are mostly days, by :func:`date_window`.
    """
    first = _bound(info, start, "from")
    last = _bound(info, end, "to")
    if first is not None and last is not None and _as_moment(last) < _as_moment(first):
        raise DateWindowError(
            f"The date window ends ({end.strip()}) before it starts ({start.strip()}), so it "
            "would hold no event.",
            "to",
        )
    return first, last


def _as_moment(value: DateValue) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def _bound(info: CaseInfo, text: str, bound: str) -> DateValue | None:
    if not text.strip():
        return None
    try:
        date = dates.parse(text, ref_date=info.reference_date, order=str(info.date_order))
    except dates.DateError as error:
        raise DateWindowError(f"The date window's {bound!r} date: {error}", bound) from error
    value = date.earliest if bound == "from" else date.latest
    if value is None:
        raise DateWindowError(
            f"“{text.strip()}” has no {'start' if bound == 'from' else 'end'} to use as the "
            f"date window's {bound!r} date.",
            bound,
        )
    return value


def event_filter(
    store: CaseStore,
    *,
    text: str = "",
    categories: Iterable[str | int | None] = (),
    parties: Iterable[str | int] = (),
    statuses: Iterable[Status | str] = (),
    key_only: bool = False,
    date_from: str = "",
    date_to: str = "",
) -> EventFilter:
    """The filter for what the user chose; names and ids are both accepted.

    :param categories: category names (any case) or ids; None is "no category".
    :param parties: names of people or organisations (any case) or ids.
    :param statuses: statuses, by value ("contested-by-claimant") or label.
    :raises UserError: a name that is not in the case, an unknown status, or a date window
        that cannot be used (:class:`DateWindowError`).
    """
    first, last = date_window(store.case_info(), date_from, date_to)
    category_ids = _ids(categories, [(c.name, c.id) for c in store.categories()], "category")
    party_ids = _ids(parties, [(p.name, p.id) for p in store.parties()], "person")
    return EventFilter(
        text=text,
        category_ids=frozenset(category_ids),
        party_ids=frozenset(i for i in party_ids if i is not None),
        statuses=frozenset(_status(s) for s in statuses),
        key_only=key_only,
        date_from=first,
        date_to=last,
    )


def _ids(
    chosen: Iterable[str | int | None], records: list[tuple[str, int | None]], what: str
) -> set[int | None]:
    """Ids as given, and the ids of the records named (any case)."""
    known = {name.casefold(): record_id for name, record_id in records}
    missing = [c for c in chosen if isinstance(c, str) and c.casefold() not in known]
    if missing:
        raise UserError(
            f"There is no {what} called {', '.join(missing)} in this case. Those in it are: "
            f"{', '.join(name for name, _ in records) or 'none'}."
        )
    return {known[c.casefold()] if isinstance(c, str) else c for c in chosen}


def _status(value: Status | str) -> Status:
    if isinstance(value, Status):
        return value
    for status in Status:
        if value.casefold() in (status.value, status.label.casefold()):
            return status
    raise UserError(
        f"{value!r} is not a status; the statuses are {', '.join(s.value for s in Status)}."
    )
