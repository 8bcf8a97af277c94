"""What the timeline shows: one item per dated event, in lanes, as plain data (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline_app.core import dates
from timeline_app.core.model import FuzzyDate, Status, date_from_iso
from timeline_app.core.store import CaseStore
from timeline_app.core.timescale import MINUTE

_EXACT = {"day", "minute", "hour"}
_SURE = {"on", "from-to"}
_SETTLED = {str(Status.UNDISPUTED), str(Status.AGREED)}


@dataclass(frozen=True, slots=True)
class Lane:
    """A horizontal band: its label and colour ("#RRGGBB", empty for the palette's)."""

    label: str
    colour: str


@dataclass(slots=True)  # not frozen: a big case makes 100,000 of these at once
class TimelineItem:
    """One dated event as the timeline draws it; ``first``..``last`` in days, end exclusive."""

    id: int
    first: float
    last: float
    lane: int
    uncertain: bool
    disputed: bool
    key: bool
    title: str
    when: tuple[str, str, str, str]
    """(earliest, latest, precision, qualifier) as stored: the tooltip writes them out."""

    @property
    def display(self) -> str:
        """The date in court style (made when asked: a big case has many items)."""
        earliest, latest, precision, qualifier = self.when
        return dates.format(FuzzyDate(date_from_iso(earliest), date_from_iso(latest),
                                      precision, qualifier))


def _days(iso: str) -> float:
    """Days of a stored ISO date (or date and time), without building a datetime."""
    day = dt.date.fromisoformat(iso[:10]).toordinal()
    if len(iso) > 10:
        return day + (int(iso[11:13]) * 60 + int(iso[14:16])) * MINUTE
    return float(day)


def _end(iso: str) -> float:
    """Where the last moment ends: the end of the day, or a minute after a time."""
    return _days(iso) + (MINUTE if len(iso) > 10 else 1)


def timeline_items(store: CaseStore) -> tuple[list[TimelineItem], list[Lane]]:
    """The dated events as items in category lanes (uncategorised last), earliest first."""
    categories = store.categories()
    lane_of = {c.id: i for i, c in enumerate(categories)}
    lanes = [Lane(c.name, c.colour) for c in categories] + [Lane("(no category)", "")]
    items = []
    for (event_id, earliest, latest, end_latest, precision, qualifier, category_id, status,
         key, title) in store.timeline_rows():
        items.append(TimelineItem(
            event_id, _days(earliest), _end(end_latest or latest),
            lane_of.get(category_id, len(categories)),
            precision not in _EXACT or qualifier not in _SURE, status not in _SETTLED,
            bool(key), title, (earliest, latest, precision, qualifier)))
    items.sort(key=lambda item: item.first)
    return items, lanes
