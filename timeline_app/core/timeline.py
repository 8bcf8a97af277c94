"""What the timeline shows: one item per dated event, in lanes, as plain data (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline_app.core import dates
from timeline_app.core.model import FuzzyDate, Status, date_from_iso
from timeline_app.core.store import CaseStore
from timeline_app.core.timescale import MINUTE, to_days

_EXACT = {"day", "minute", "hour"}
_SURE = {"on", "from-to"}
_SETTLED = {str(Status.UNDISPUTED), str(Status.AGREED)}


@dataclass(frozen=True, slots=True)
class Lane:
    """A horizontal band: its label and colour ("#RRGGBB", empty for the palette's)."""

    label: str
    colour: str


@dataclass(frozen=True, slots=True)
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
    display: str
    """The date in court style, for the tooltip."""


def _end(iso: str) -> float:
    value = date_from_iso(iso)
    assert value is not None
    return to_days(value) + (MINUTE if isinstance(value, dt.datetime) else 1)


def timeline_items(store: CaseStore) -> tuple[list[TimelineItem], list[Lane]]:
    """The dated events as items in category lanes (uncategorised last), earliest first."""
    categories = store.categories()
    lane_of = {c.id: i for i, c in enumerate(categories)}
    lanes = [Lane(c.name, c.colour) for c in categories] + [Lane("(no category)", "")]
    items = []
    for (event_id, earliest, latest, end_latest, precision, qualifier, category_id, status,
         key, title) in store.timeline_rows():
        first_value = date_from_iso(earliest)
        assert first_value is not None
        shown = dates.format(FuzzyDate(first_value, date_from_iso(latest), precision,
                                       qualifier))
        items.append(TimelineItem(
            event_id, to_days(first_value), _end(end_latest or latest),
            lane_of.get(category_id, len(categories)),
            precision not in _EXACT or qualifier not in _SURE, status not in _SETTLED,
            bool(key), title, shown))
    items.sort(key=lambda item: item.first)
    return items, lanes
