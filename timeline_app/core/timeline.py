"""What the timeline shows: one item per dated event, in lanes, as plain data (no Qt).

Besides reading the case (:func:`timeline_items`, :func:`undated_items`) this holds what the
view needs to draw a frame in time that does not grow with the case: which events the table's
filters let through (:func:`timeline_filter`), the lanes in the user's order with the empty
ones left out (:func:`arrange`), and each lane's :class:`LaneIndex`, which finds the events a
view holds, counts them per stretch of time and picks the most important of them.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as dt
import heapq
import itertools
import math
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from timeline_app.core import dates
from timeline_app.core.model import FuzzyDate, Precision, Qualifier, Status, date_from_iso
from timeline_app.core.store import CaseStore, EventFilter
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
    span: bool = False
    """It lasts from its date to an end (a bar), rather than happening once in a window."""

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


def days_of(iso: str) -> float:
    """Days of a stored ISO date (or date and time), without building a datetime."""
    day = dt.date.fromisoformat(iso[:10]).toordinal()
    if len(iso) > 10:
        return day + (int(iso[11:13]) * 60 + int(iso[14:16])) * MINUTE
    return float(day)


def end_of(iso: str) -> float:
    """Where the last moment ends: the end of the day, or a minute after a time."""
    return days_of(iso) + (MINUTE if len(iso) > 10 else 1)


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
    whens: dict[tuple[str, str, str, str], tuple[str, str, str, str]] = {}
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
                    days_of(earliest),
                    end_of(end_latest or latest),
                    lane,
                    precision not in _EXACT or qualifier not in _SURE,
                    status not in _SETTLED,
                    bool(key),
                    title,
                    # One copy of each date as stored: a big case has far fewer than events.
                    whens.setdefault(
                        (earliest, latest, precision, qualifier),
                        (earliest, latest, precision, qualifier),
                    ),
                    colours.get(category_id, ""),
                    end_latest is not None or qualifier == "from-to",
                )
            )
    used = sorted({item.lane for item in items}) if not empty_lanes else range(len(lane_list))
    if len(used) < len(lane_list):
        renumbered = {old: new for new, old in enumerate(used)}
        for item in items:
            item.lane = renumbered[item.lane]
    items.sort(key=lambda item: item.first)
    return items, [lane_list[old] for old in used]


# ---------------------------------------------------------------------------- undated events


@dataclass(slots=True)  # not frozen: a new search fades them in place
class UndatedItem:
    """An undated event, for the strip after the lanes (so that none is silently absent)."""

    id: int
    title: str
    key: bool
    colour: str
    """Its category's colour ("#RRGGBB"), or empty."""
    faded: bool = False
    """A search is on and this event is not one of its hits."""


def undated_items(store: CaseStore) -> list[UndatedItem]:
    """The undated events, key events first, then in court order."""
    colours = {c.id: c.colour for c in store.categories()}
    found = [
        UndatedItem(event_id, title, bool(key), colours.get(category_id, ""))
        for event_id, category_id, _status, key, title in store.undated_rows()
    ]
    return sorted(found, key=lambda item: not item.key)


# ---------------------------------------------------------------------------- the table's filters


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """Which events the timeline shows, and which a search picked out.

    Attributes:
        members: the events the filters let through; None when there are no filters.
        hits: the events the search found; None when there is no search. Events shown that
            are not hits are drawn faintly and never labelled.

    """

    members: frozenset[int] | None = None
    hits: frozenset[int] | None = None

    def shows(self, event_id: int) -> bool:
        """Whether the event is on the timeline at all."""
        return self.members is None or event_id in self.members

    def fades(self, event_id: int) -> bool:
        """Whether the event is shown faintly (a search is on and did not find it)."""
        return self.hits is not None and event_id not in self.hits


EVERYTHING = TimelineFilter()


def timeline_filter(
    store: CaseStore, where: EventFilter | None, found: Iterable[int] | None = None
) -> TimelineFilter:
    """What the timeline shows for the table's filter ``where`` (None: everything).

    The categories, people, statuses, key events and the date window choose the events shown,
    as they choose the table's rows; the search text picks out its hits among them.

    :param found: the events ``where`` gives, when they were just read (the table's rows):
        not read again.
    """
    if where is None or where == EventFilter():
        return EVERYTHING
    rest = dataclasses.replace(where, text="")
    members = None if rest == EventFilter() else frozenset(store.event_ids(rest, order_by=None))
    hits = None
    if where.text.strip():
        hits = frozenset(store.event_ids(where, order_by=None) if found is None else found)
    return TimelineFilter(members, hits)


def arrange(
    items: Iterable[TimelineItem],
    lanes: Sequence[Lane],
    *,
    shown: TimelineFilter = EVERYTHING,
    empty_lanes: bool = False,
    order: Sequence[str] = (),
) -> tuple[list[Lane], list[list[TimelineItem]]]:
    """The lanes to draw, in order, each with its items (earliest first).

    :param items: every dated item, earliest first; ``item.lane`` indexes ``lanes``.
    :param shown: the filter (only its members matter here).
    :param empty_lanes: keep the lanes that no item shown is in (off by default: an empty
        lane says nothing, on screen or on paper).
    :param order: lane labels in the order the user dragged them into; the lanes it names
        come first, in that order, the others after them in their own order.
    """
    per_lane: list[list[TimelineItem]] = [[] for _ in lanes]
    for item in items:
        if shown.shows(item.id):
            per_lane[item.lane].append(item)
    place = {label: position for position, label in enumerate(order)}
    chosen = sorted(
        (i for i in range(len(lanes)) if empty_lanes or per_lane[i]),
        key=lambda i: (place.get(lanes[i].label, len(place)), i),
    )
    return [lanes[i] for i in chosen], [per_lane[i] for i in chosen]


@dataclass(slots=True)
class Arrangement:
    """What the timeline draws for one filter, lane order and choice of empty lanes.

    Made from the items read (:func:`arrangement`) on any thread: a big case's is made beside
    the reading, off the window's thread.
    """

    lanes: list[Lane]
    indexes: list[LaneIndex]
    """Each lane's index, in the order of ``lanes``."""
    items: list[TimelineItem]
    """The items shown, earliest first, an event in several lanes once."""
    in_time: list[int]
    """The ids of ``items`` by start (ties in court order), for stepping through them with keys."""
    by_id: dict[int, TimelineItem]
    undated: list[UndatedItem]
    """The undated events shown, faded as the filter says."""
    extent: tuple[float, float] | None
    """From the first start to the last end of the items shown (None: none shown)."""
    hits: frozenset[int] | None
    """The search's hits (None: no search); the other items are drawn faintly, unlabelled."""

    def fades(self, item_id: int) -> bool:
        """Whether the item is drawn faintly (a search is on and did not find it)."""
        return self.hits is not None and item_id not in self.hits


def arrangement(
    items: Sequence[TimelineItem],
    lanes: Sequence[Lane],
    undated: Sequence[UndatedItem],
    *,
    shown: TimelineFilter = EVERYTHING,
    empty_lanes: bool = False,
    order: Sequence[str] = (),
) -> Arrangement:
    """The lanes, their indexes and the undated strip for these items, filter and order."""
    chosen, grouped = arrange(items, lanes, shown=shown, empty_lanes=empty_lanes, order=order)
    seen: set[int] = set()
    kept = []
    for item in items:  # earliest first; an event in several lanes once
        if shown.shows(item.id) and item.id not in seen:
            seen.add(item.id)
            kept.append(item)
    return Arrangement(
        chosen,
        [LaneIndex(lane_items, shown.hits) for lane_items in grouped],
        kept,
        [i.id for i in kept],
        {item.id: item for item in kept},
        [
            UndatedItem(u.id, u.title, u.key, u.colour, shown.fades(u.id))
            for u in undated
            if shown.shows(u.id)
        ],
        (kept[0].first, max(i.last for i in kept)) if kept else None,
        shown.hits,
    )


@dataclass(frozen=True, slots=True)
class Refading:
    """Where a search's hits start in each lane of an arrangement, worked out beforehand."""

    arranged: Arrangement
    hits: frozenset[int] | None
    places: list[HitPlaces | None]


def refading(arranged: Arrangement, hits: frozenset[int] | None) -> Refading:
    """The work of :func:`refaded` for ``hits``, done on any thread (it changes nothing)."""
    return Refading(
        arranged, hits, [index.hit_places(hits, arranged.by_id) for index in arranged.indexes]
    )


def refaded(arranged: Arrangement, shown: TimelineFilter, prepared: Refading | None = None) -> None:
    """A new search over the same events shown: only which are faded changes, in place.

    Far cheaper than a new :func:`arrangement` for a big case: the lanes and their indexes
    (the order of importance) stay as they are, and no item changes.

    :param prepared: this search's :func:`refading` of this arrangement, if worked out
        beside the window (otherwise it is worked out now).
    """
    hits = arranged.hits = shown.hits
    if prepared is None or prepared.arranged is not arranged or prepared.hits != hits:
        prepared = refading(arranged, hits)
    for index, places in zip(arranged.indexes, prepared.places, strict=True):
        index.fade_with(hits, places)
    for undated in arranged.undated:
        undated.faded = hits is not None and undated.id not in hits


# ---------------------------------------------------------------------------- a lane's index


class HitPlaces(NamedTuple):
    """Where a search's hits are in a lane: their indexes in its items, and their starts."""

    places: array[int]
    firsts: array[float]


def span_length(item: TimelineItem) -> float:
    """How long the event lasts, in days: 0 for one that happens once (however uncertain)."""
    return item.last - item.first if item.span else 0.0


class LaneIndex:
    """One lane's items, indexed so that a frame's look-ups hardly grow with the lane.

    Items are grouped by how long they last (in doubling classes), so that the items that
    overlap a window are found by bisection on their starts in each group without scanning
    the long ones that started far before. Within a group, blocks of items in time order
    keep their ranks sorted, so the most important items of any window are merged from a few
    short lists.

    Attributes:
        items: the lane's items, earliest first.
        ranks: each item's place in order of importance (0 is the most important): key events,
            then the longest spans (:func:`span_length`), then the earliest.
        key_count: how many of the lane's items are key events (they rank first).
        hits: the search's hits (None: no search); the other items are faded.

    """

    BLOCK = 512
    FEW = 20_000
    """At most this many hits in a window are ranked one by one (more: merged by blocks)."""

    def __init__(self, items: Sequence[TimelineItem], hits: frozenset[int] | None = None) -> None:
        self.items = list(items)
        count = len(self.items)
        self._stride = max(1, count)
        # The most important first: key events, then the longest spans, then the earliest
        # (the lane's order). Stable sorts on one plain number each: a sort on tuples would
        # hold the interpreter for a second at a million items, and with it the window.
        items = self.items
        order = sorted(range(count), key=lambda i: -span_length(items[i]))
        order.sort(key=lambda i: 0 if items[i].key else 1)
        # Numbers in arrays, not lists: a list of a million numbers is a million objects.
        self.ranks = array("q", bytes(8 * count))
        for rank, index in enumerate(order):
            self.ranks[index] = rank
        self.key_count = sum(1 for item in self.items if item.key)
        grouped: dict[int, array[int]] = {}
        for index, item in enumerate(self.items):
            length = max(item.last - item.first, MINUTE)
            grouped.setdefault(int(math.log2(length / MINUTE)), array("q")).append(index)
        self._groups = [_Group(self, members) for _, members in sorted(grouped.items())]
        self._longest = max((group.longest for group in self._groups), default=0.0)
        self.firsts = [item.first for item in self.items]
        self._ids = [item.id for item in self.items]
        self.fade(hits)

    def fade(self, hits: frozenset[int] | None) -> None:
        """Fade the items a search did not find (``hits`` None: no search, nothing faded).

        No item is touched: a million of them would hold the window for a second.
        """
        self.fade_with(hits, self.hit_places(hits))

    def fade_with(self, hits: frozenset[int] | None, places: HitPlaces | None) -> None:
        """:meth:`fade`, with :meth:`hit_places` of ``hits`` already worked out."""
        self.hits = hits
        self._hit_places = places

    def hit_places(
        self, hits: frozenset[int] | None, shown: Mapping[int, TimelineItem] | None = None
    ) -> HitPlaces | None:
        """Where the items in ``hits`` are in the lane; None if none is faded.

        Arrays, not lists: the window lets go of the last search's at once, not of a million
        numbers one by one. Worked out a stretch at a time, each short: on a thread beside the
        window, one long step would hold the window as long.

        :param shown: the items shown by id (:attr:`Arrangement.by_id`): a few hits are then
            found by their starts, not by reading the whole lane.
        """
        if hits is None:
            return None
        if shown is not None and len(hits) * 64 < len(self.items):
            found = sorted(self._found_by_start(hits, shown))
            return HitPlaces(array("l", found), array("d", (self.firsts[i] for i in found)))
        places, firsts = array("l"), array("d")
        step = self.BLOCK * 100
        for low in range(0, len(self._ids), step):
            chosen = list(map(hits.__contains__, self._ids[low : low + step]))
            places.extend(itertools.compress(range(low, low + step), chosen))
            firsts.extend(itertools.compress(self.firsts[low : low + step], chosen))
        return HitPlaces(places, firsts) if len(places) < len(self.items) else None

    def _found_by_start(
        self, hits: frozenset[int], shown: Mapping[int, TimelineItem]
    ) -> Iterator[int]:
        """The places of ``hits`` in the lane, by bisection on each one's start."""
        firsts, ids = self.firsts, self._ids
        for hit in hits:
            item = shown.get(hit)
            if item is None:
                continue
            place = bisect.bisect_left(firsts, item.first)
            high = bisect.bisect_right(firsts, item.first, place)
            with contextlib.suppress(ValueError):  # not in this lane
                yield ids.index(hit, place, high)

    def fades(self, item: TimelineItem) -> bool:
        """Whether ``item`` is drawn faintly (a search is on and did not find it)."""
        return self.hits is not None and item.id not in self.hits

    def __len__(self) -> int:
        return len(self.items)

    def most(self, start: float, end: float) -> int:
        """At most how many items overlap [start, end]: a cheap bound, about twice at worst."""
        total = 0
        for group in self._groups:
            low, high = group.bounds(start, end)
            total += high - low
        return total

    def any_overlapping(self, start: float, end: float) -> bool:
        """Whether any item overlaps [start, end]."""
        for group in self._groups:
            low, high = group.bounds(start, end)
            for place in range(high - 1, low - 1, -1):  # the latest starts reach it first
                if self.items[group.members[place]].last >= start:
                    return True
        return False

    def find(self, item_id: int, first: float) -> TimelineItem | None:
        """The lane's item with this id, which starts at ``first`` (None: not in this lane)."""
        low = bisect.bisect_left(self.firsts, first)
        high = bisect.bisect_right(self.firsts, first, low)
        return next((item for item in self.items[low:high] if item.id == item_id), None)

    def edges_between(self, start: float, end: float) -> int:
        """How many items start or end in [start, end] (one doing both counts twice)."""
        total = 0
        for group in self._groups:
            total += bisect.bisect_right(group.firsts, end) - bisect.bisect_left(
                group.firsts, start
            )
            total += bisect.bisect_right(group.lasts, end) - bisect.bisect_left(group.lasts, start)
        return total

    def with_edge_in(self, start: float, end: float) -> list[TimelineItem]:
        """The items that start or end in [start, end], earliest first."""
        found: dict[int, TimelineItem] = {}
        for group in self._groups:
            low, high = (
                bisect.bisect_left(group.firsts, start),
                bisect.bisect_right(group.firsts, end),
            )
            for index in group.members[low:high]:
                found[index] = self.items[index]
            low, high = (
                bisect.bisect_left(group.lasts, start),
                bisect.bisect_right(group.lasts, end),
            )
            for index in group.by_last[low:high]:
                found[index] = self.items[index]
        return sorted(found.values(), key=lambda item: (item.first, item.id))

    def across(self, start: float, end: float, count: int) -> tuple[list[TimelineItem], int]:
        """The ``count`` shortest items lasting across all of [start, end], and how many in all.

        Among items as long as each other, key events come first.
        """
        found: list[TimelineItem] = []
        for group in self._groups:  # the shortest group first
            low = bisect.bisect_left(group.firsts, start - group.longest)
            high = bisect.bisect_left(group.firsts, start)
            found.extend(
                item for item in (self.items[i] for i in group.members[low:high]) if item.last > end
            )
        shortest = heapq.nsmallest(
            count, found, key=lambda item: (item.last - item.first, not item.key, item.id)
        )
        return shortest, len(found)

    def overlapping(self, start: float, end: float) -> list[TimelineItem]:
        """The items that overlap [start, end], earliest first."""
        found: list[TimelineItem] = []
        for group in self._groups:
            low, high = group.bounds(start, end)
            found.extend(
                item
                for item in (self.items[i] for i in group.members[low:high])
                if item.last >= start
            )
        found.sort(key=lambda item: (item.first, item.id))
        return found

    def top(
        self, start: float, end: float, count: int, *, starting: bool = False
    ) -> list[TimelineItem]:
        """The ``count`` most important unfaded items that overlap [start, end], in order.

        :param starting: only those that start in it (not those that began before).
        """
        ranks, items, hits = self.ranks, self.items, self.hits
        if self._hit_places is not None:  # few hits here: ranked one by one, the rest unread
            places, firsts = self._hit_places
            low = bisect.bisect_left(firsts, start if starting else start - self._longest)
            high = bisect.bisect_right(firsts, end)
            if high - low <= self.FEW:
                chosen = (i for i in places[low:high] if items[i].last >= start)
                return [items[i] for i in heapq.nsmallest(count, chosen, key=ranks.__getitem__)]
        lists: list[Iterable[int]] = []
        for group in self._groups:
            low, high = group.bounds(start, end)
            if starting:
                low = bisect.bisect_left(group.firsts, start, low, high)
            lists.extend(group.ranked(low, high))
        found: list[TimelineItem] = []
        for code in heapq.merge(*lists):
            item = items[code % self._stride]
            if item.last >= start and (hits is None or item.id in hits):
                found.append(item)
                if len(found) >= count:
                    break
        return found

    def starts(self, edges: Sequence[float], *, hits: bool = False) -> list[int]:
        """How many items start in each stretch between consecutive ``edges`` (sorted days).

        :param hits: count only the search's hits (all items when there is no search).
        """
        places = self._hit_places
        firsts = places.firsts if hits and places is not None else self.firsts
        cuts = [bisect.bisect_left(firsts, edge) for edge in edges]
        return [b - a for a, b in itertools.pairwise(cuts)]

    def rank_of(self, item_index: int) -> int:
        """The rank of ``self.items[item_index]``."""
        return self.ranks[item_index]


class _Group:
    """The items of a lane that last about as long as each other (within a factor of two)."""

    __slots__ = (
        "_blocks",
        "_codes",
        "_stride",
        "by_last",
        "firsts",
        "lasts",
        "longest",
        "members",
    )

    def __init__(self, lane: LaneIndex, members: array[int]) -> None:
        self.members = members  # indexes into lane.items, earliest first
        self.firsts = [lane.items[i].first for i in members]
        self.by_last = array("q", sorted(members, key=lambda i: lane.items[i].last))
        self.lasts = [lane.items[i].last for i in self.by_last]
        self.longest = max(lane.items[i].last - lane.items[i].first for i in members)
        self._stride = lane._stride
        # Each member's code (its rank, then its index: sorting codes sorts by rank), in time
        # order; and each block of them sorted, for the blocks a window holds whole.
        self._codes = array("q", [lane.ranks[i] * self._stride + i for i in members])
        block = LaneIndex.BLOCK
        self._blocks = [
            array("q", sorted(self._codes[start : start + block]))
            for start in range(0, len(members), block)
        ]

    def bounds(self, start: float, end: float) -> tuple[int, int]:
        """The members that may overlap [start, end]: a slice of ``members``."""
        return (
            bisect.bisect_left(self.firsts, start - self.longest),
            bisect.bisect_right(self.firsts, end),
        )

    def ranked(self, low: int, high: int) -> Iterator[Sequence[int]]:
        """Sorted runs of the codes (rank * stride + index) of members[low:high]."""
        if high <= low:
            return
        block = LaneIndex.BLOCK
        first, last = low // block, (high - 1) // block
        for number in range(first, last + 1):
            if number * block >= low and (number + 1) * block <= high:
                yield self._blocks[number]
            else:  # a block the window cuts: its part, sorted now (a few hundred at most)
                yield sorted(
                    self._codes[max(low, number * block) : min(high, (number + 1) * block)]
                )
