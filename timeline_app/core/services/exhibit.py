"""A courtroom exhibit: the chosen events on one axis, each in a callout, for a hearing.

The use case once, for File ▸ Export exhibit, ``render --style exhibit`` and the Word
chronology's picture: which events go on it, their dates in court style, the heading, and the
refusals in words (an unknown paper, no events, more events than a page holds). Drawing needs
Qt (``ui/timeline/exhibit.py``): it measures the text and places the callouts with
:func:`timeline_app.core.layout.place_callouts`, and says so in the same words when they do
not all fit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from timeline_app.core.errors import UserError
from timeline_app.core.model import Event, Qualifier, Status, date_to_iso
from timeline_app.core.services.chronology import row_maker
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.core.timeline import days_of, end_of

PAPERS_MM = {"a4": (297.0, 210.0), "a3": (420.0, 297.0)}
"""The exhibit's paper, landscape (width, height in millimetres)."""
MOST_EVENTS = {"a4": 36, "a3": 64}
"""More events than this are refused before any drawing: no page of that size holds them."""
TITLE_LIMIT = 160
"""A title longer than this (in characters) is shortened, with an ellipsis: it is a heading."""
CLI_ADVICE = {
    "key": "key events only (--key-only)",
    "window": "a shorter date window (--from and --to)",
    "paper": "A3 paper (--paper a3)",
}
"""What to suggest on the command line when a page is too full (what is not already so)."""
WINDOW_ADVICE = {
    "key": "key events only",
    "window": "fewer events or a shorter date window in the table's filters",
    "paper": "A3 paper",
}
"""What to suggest in the window."""
_SETTLED = {Status.UNDISPUTED, Status.AGREED}


class ExhibitTooFullError(UserError):
    """More events are chosen than the exhibit's page holds; the message says what to do.

    Attributes:
        chosen: how many events were chosen.
        room: about how many the page holds (or how many were placed).

    """

    def __init__(self, chosen: int, room: int, paper: str, advice: str, *, placed: bool) -> None:
        size = paper.upper()
        if placed:
            head = (
                f"Only {room:,} of the {chosen:,} events chosen fit on one {size} exhibit "
                "without their callouts overlapping (events close together in time take "
                "the most room)."
            )
        else:
            head = (
                f"An {size} exhibit has room for about {room:,} events, and {chosen:,} are chosen."
            )
        super().__init__(f"{head} {advice}")
        self.chosen, self.room = chosen, room


@dataclass(frozen=True, slots=True)
class ExhibitEvent:
    """One event on the exhibit.

    Attributes:
        id: the event's id.
        number: its number in the whole chronology (so the exhibit and the table agree).
        title: its whole title (never elided on an exhibit), cleaned of control characters.
        when: its date in court style ("8 November 2018", "January – June 2018").
        first: where it starts on the axis (days); ``last``: where it ends.
        span: it lasts from its date to an end (a bar under the axis), rather than happening
            once within an uncertain window.
        category: its category's name ("" for none); ``colour``: the category's colour.
        key: a key event; ``status``: how far it is accepted ("" when settled).

    """

    id: int
    number: int
    title: str
    when: str
    first: float
    last: float
    span: bool
    category: str
    colour: str
    key: bool
    status: str


@dataclass(frozen=True, slots=True)
class Exhibit:
    """What an exhibit shows: its heading, its dated events, its undated ones, its legend."""

    title: str
    case_title: str
    claim_number: str
    court: str
    prepared_by: str
    paper: str
    events: list[ExhibitEvent]
    """The dated events, earliest first."""
    undated: list[ExhibitEvent] = field(default_factory=list)
    categories: list[tuple[str, str]] = field(default_factory=list)
    """(name, colour) of the categories the events are in, in the case's order."""
    window: tuple[float, float] | None = None
    """The date window asked for (days, end exclusive), or None: the events' own extent."""
    advice: str = ""

    def too_full(self, placed: int) -> ExhibitTooFullError:
        """The refusal when only ``placed`` of the events fit on the page."""
        return ExhibitTooFullError(
            len(self.events) + len(self.undated), placed, self.paper, self.advice, placed=True
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e]")


def clean_text(text: str, limit: int = 0) -> str:
    """``text`` fit to print: control and layout characters gone, white space made single.

    Form feeds, NULs, vertical tabs and direction marks pasted from a PDF are dropped;
    tabs and line breaks become spaces. With ``limit``, a longer text is shortened at a word
    and ends with an ellipsis.
    """
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\t\r\n\f\v]+", " ", text)
    text = _CONTROL.sub("", text)
    text = " ".join(text.split())
    if limit and len(text) > limit:
        cut = text[: limit - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return text


def advice_for(where: EventFilter, paper: str, ways: dict[str, str]) -> str:
    """The advice to choose fewer events, naming the ways not already taken."""
    open_ways = [
        words
        for way, words in ways.items()
        if not (way == "key" and where.key_only) and not (way == "paper" and paper == "a3")
    ]
    if len(open_ways) > 1:
        return f"Choose {', '.join(open_ways[:-1])} or {open_ways[-1]}."
    return f"Choose {open_ways[0]}."


def exhibit(
    store: CaseStore,
    where: EventFilter | None = None,
    *,
    title: str = "",
    paper: str = "a4",
    ways: dict[str, str] | None = None,
) -> Exhibit:
    """The exhibit of the events ``where`` lets through (all of them by default).

    :param title: the exhibit's heading; by default "Chronology of key events" when only key
        events are chosen, else "Chronology".
    :param ways: how the user can choose fewer events, to suggest when too many are chosen
        (:data:`CLI_ADVICE`, the default, names the command line's options;
        :data:`WINDOW_ADVICE` the window's controls).
    :raises UserError: an unknown paper, no events to show, or more than a page holds
        (:class:`ExhibitTooFullError`).
    """
    where = where or EventFilter()
    paper = paper.lower()
    if paper not in PAPERS_MM:
        raise UserError(f"An exhibit is printed on A4 or A3 paper, not “{paper}”.")
    chosen = store.count_events(where)
    if chosen == 0:
        raise UserError(
            "The exhibit would have no events: "
            + (
                "the case has none yet. Add some first."
                if store.count_events() == 0
                else "none matches what was chosen (the filters, key events only, or the "
                "date window)."
            )
        )
    advice = advice_for(where, paper, ways or CLI_ADVICE)
    if chosen > MOST_EVENTS[paper]:
        raise ExhibitTooFullError(chosen, MOST_EVENTS[paper], paper, advice, placed=False)
    events = store.events(where)
    numbers = store.event_numbers([e.id for e in events if e.id is not None])
    maker = row_maker(store)
    colours = {c.id: (c.name, c.colour) for c in store.categories()}
    dated: list[ExhibitEvent] = []
    undated: list[ExhibitEvent] = []
    for event in events:
        shown = _exhibit_event(event, numbers, maker.row(event, 0).when, colours)
        (undated if event.date.is_undated else dated).append(shown)
    dated.sort(key=lambda e: (e.first, e.number))
    used = {e.category for e in [*dated, *undated]}
    info = store.case_info()
    window = None
    if where.date_from is not None or where.date_to is not None:
        first = days_of(where.date_from.isoformat()) if where.date_from else None
        last = end_of(where.date_to.isoformat()) if where.date_to else None
        starts = [e.first for e in dated] or [first or 0.0]
        ends = [e.last for e in dated] or [last or 1.0]
        window = (
            first if first is not None else min(starts),
            last if last is not None else max(ends),
        )
    heading = clean_text(title, TITLE_LIMIT) or (
        "Chronology of key events" if where.key_only else "Chronology"
    )
    return Exhibit(
        title=heading,
        case_title=clean_text(info.title, TITLE_LIMIT),
        claim_number=clean_text(info.claim_number, 60),
        court=clean_text(info.court_lines[0], 120) if info.court_lines else "",
        prepared_by=clean_text(info.prepared_by, 200),
        paper=paper,
        events=dated,
        undated=undated,
        categories=[(name, colour) for name, colour in colours.values() if name in used],
        window=window,
        advice=advice,
    )


def _exhibit_event(
    event: Event,
    numbers: dict[int, int],
    when: str,
    colours: dict[int | None, tuple[str, str]],
) -> ExhibitEvent:
    assert event.id is not None
    first = last = 0.0
    if not event.date.is_undated:
        start = date_to_iso(event.date.earliest or event.date.latest) or ""
        end = event.end if event.end is not None and not event.end.is_undated else None
        finish = date_to_iso(
            (end.latest or end.earliest) if end else (event.date.latest or event.date.earliest)
        )
        first, last = days_of(start), end_of(finish or start)
    category, colour = colours.get(event.category_id, ("", ""))
    span = (event.end is not None and not event.end.is_undated) or (
        event.date.qualifier == Qualifier.FROM_TO
    )
    return ExhibitEvent(
        id=event.id,
        number=numbers.get(event.id, 0),
        title=clean_text(event.title) or "(untitled)",
        when=clean_text(when),
        first=first,
        last=last,
        span=span,
        category=category,
        colour=colour,
        key=event.key,
        status="" if event.status in _SETTLED else event.status.label.lower(),
    )
