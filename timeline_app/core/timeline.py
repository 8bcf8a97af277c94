"""What the timeline shows: one item per dated event, in lanes, as plain data (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline_app.core import dates
from timeline_app.core.model import FuzzyDate, Precision, Qualifier, Status, date_from_iso
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
    colour: str = ""
    """The event's category colour ("#RRGGBB"), or empty for the lane's."""

    @property
    def date(self) -> FuzzyDate:
        """The event's date (made when asked: a big case has many items)."""
        earliest, latest, precision, qualifier = self.when
        return FuzzyDate(
            date_from_iso(earliest),
            date_from_iso(latest),
            Precision(precision),
            Qualifier(qualifier),
        )

    @property
    def display(self) -> str:
        """The date in court style."""
        return dates.format(self.date)

    def moved_by(self, days: float) -> str:
        """The date in court style if the event were moved by ``days`` (snapped)."""
        return dates.format(dates.shifted(self.date, days))


def _days(iso: str) -> float:
    """Days of a stored ISO date (or date and time), without building a datetime."""
    day = dt.date.fromisoformat(iso[:10]).toordinal()
    if len(iso) > 10:
        return day + (int(iso[11:13]) * 60 + int(iso[14:16])) * MINUTE
    return float(day)


def _end(iso: str) -> float:
    """Where the last moment ends: the end of the day, or a minute after a time."""
    return _days(iso) + (MINUTE if len(iso) > 10 else 1)


LANE_KINDS = ("category", "party", "status")


def timeline_items(
    store: CaseStore, lanes: str = "category", *, empty_lanes: bool = True
) -> tuple[list[TimelineItem], list[Lane]]:
    """The dated events as items in lanes, earliest first.

    :param lanes: "category" (uncategorised last), "party" (an event shows in the lane of
        each person or organisation linked to it; events with none in a last lane) or
        "status".
    :param empty_lanes: also the lanes no dated event is in (False for a printed picture).
    """
    if lanes not in LANE_KINDS:
        raise ValueError(f"lanes must be one of {LANE_KINDS}, not {lanes!r}")
    colours = {c.id: c.colour for c in store.categories()}
    index: dict[int | str | None, int]  # a lane's key (category or person id, status): its place
    if lanes == "category":
        categories = store.categories()
        lane_list = [Lane(c.name, c.colour) for c in categories] + [Lane("(no category)", "")]
        index = {c.id: i for i, c in enumerate(categories)}
    elif lanes == "status":
        lane_list = [Lane(s.label, "") for s in Status]
        index = {str(s): i for i, s in enumerate(Status)}
    else:
        cast = store.parties()
        lane_list = [Lane(p.name, "") for p in cast] + [Lane("(no one)", "")]
        index = {p.id: i for i, p in enumerate(cast)}
        people: dict[int, list[int]] = {}
        for event_id, party_id in store.party_links():
            people.setdefault(event_id, []).append(index[party_id])
    items = []
    for (
        event_id,
        earliest,
        latest,
        end_latest,
        precision,
        qualifier,
        category_id,
        status,
        key,
        title,
    ) in store.timeline_rows():
        if lanes == "category":
            rows = [index.get(category_id, len(lane_list) - 1)]
        elif lanes == "status":
            rows = [index[status]]
        else:
            rows = people.get(event_id) or [len(lane_list) - 1]
        for lane in rows:
            items.append(
                TimelineItem(
                    event_id,
                    _days(earliest),
                    _end(end_latest or latest),
                    lane,
                    precision not in _EXACT or qualifier not in _SURE,
                    status not in _SETTLED,
                    bool(key),
                    title,
                    (earliest, latest, precision, qualifier),
                    colours.get(category_id, ""),
                )
            )
    used = sorted({item.lane for item in items}) if not empty_lanes else range(len(lane_list))
    if len(used) < len(lane_list):
        renumbered = {old: new for new, old in enumerate(used)}
        for item in items:
            item.lane = renumbered[item.lane]
    items.sort(key=lambda item: item.first)
    return items, [lane_list[old] for old in used]
