"""Two chronologies side by side: which events agree, which differ, which only one side has.

``main.py compare OURS THEIRS`` and Case ▸ Compare with… both call :func:`compare_files` (or
:func:`compare` on chronologies already read). Each side is a case file or a chronology kept as
a Word table. Events are matched one to one, by date window, references and wording, never by
their numbers, so a renumbered chronology is not a changed one. :func:`agree` then writes the
agreed chronology the user decided into a new case file.
"""

from __future__ import annotations

__all__ = [
    "FIELDS",
    "OPEN_CATEGORY",
    "Agreed",
    "Chronology",
    "Comparison",
    "Decision",
    "Entry",
    "Item",
    "Kind",
    "agree",
    "compare",
    "compare_files",
    "differences",
    "read_chronology",
]

import dataclasses
import datetime as dt
import enum
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from timeline_app.core import importing
from timeline_app.core.comparison import FIELDS, Chronology, Comparison, Entry, Item, Kind
from timeline_app.core.errors import UserError
from timeline_app.core.importing.plan import FREE_REFERENCE
from timeline_app.core.importing.tabular import guess_mapping
from timeline_app.core.model import (
    Batch,
    CaseInfo,
    Category,
    Event,
    Party,
    Source,
    SourceLink,
    Status,
    day_of,
)
from timeline_app.core.progress import Progress, check_progress
from timeline_app.core.services.chronology import row_maker
from timeline_app.core.store import CaseStore

_WINDOW_DAYS = 31  # two versions of an event dated further apart match on their words alone
_LEAST_SCORE = 0.45
_LEAST_WORDING = 0.4
_COMMON = 60  # a word in more titles than this is no evidence that two events are one
_WORD = re.compile(r"[a-z0-9£$€]+(?:[.,'][a-z0-9]+)*")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "is",
        "was",
        "were",
        "be",
        "been",
        "are",
        "as",
        "it",
        "its",
        "that",
        "this",
        "which",
        "who",
        "has",
        "had",
        "have",
        "not",
        "or",
    ]
)


# ----------------------------------------------------------------------- reading a side


def read_chronology(path: str | Path, progress: Progress | None = None) -> Chronology:
    """A case file (or server address), or a chronology kept as a Word table, as one side.

    :raises UserError: the file cannot be read, or a Word document holds no chronology table.
    """
    name = Path(str(path)).name
    if str(path).lower().endswith(".docx"):
        file = importing.open_file(path)
        if file.kind != importing.WORD_TABLE:
            raise UserError(
                f"{name} holds no chronology table (a table headed Date and Event, or the like); "
                "compare a case file or a chronology kept as a Word table."
            )
        with (
            tempfile.TemporaryDirectory() as folder,
            CaseStore.create(Path(folder) / "side.case") as store,
        ):
            from timeline_app.core.services.imports import ImportSession  # noqa: PLC0415

            session = ImportSession(store, file)
            plan = session.plan(progress=progress)
            if plan.case_info is not None:
                store.add_batch(Batch(case_info=plan.case_info))
            store.add_batch(plan.batch(plan.importable))
            assert session.table is not None
            mapped = set(guess_mapping(session.table.headings))
            holds = {"title", "description"} | (mapped & {"date", "parties"})
            if mapped & {"reference", "source"}:
                holds.add("references")
            return _chronology(store, name, frozenset(holds))
    with CaseStore.open(path, read_only=True) as store:
        return _chronology(store, name)


def _chronology(
    store: CaseStore, name: str, holds: frozenset[str] = frozenset(FIELDS)
) -> Chronology:
    maker = row_maker(store)
    entries = []
    for number, event in enumerate(store.events(), start=1):
        row = maker.row(event, number)
        entries.append(
            Entry(
                number,
                event,
                row.when,
                row.parties,
                row.references,
                _words(f"{event.title} {event.description}"),
                tuple(_WORD.findall(event.title.casefold())),
            )
        )
    documents = {s.id: s for s in store.sources() if s.id is not None}
    return Chronology(name, entries, store.case_info(), holds, documents)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.casefold()) if w not in _STOP)


# ----------------------------------------------------------------------- matching


def compare_files(
    ours: str | Path, theirs: str | Path, progress: Progress | None = None
) -> Comparison:
    """Read both sides and compare them.

    :raises UserError: a side cannot be read.
    """
    return compare(read_chronology(ours), read_chronology(theirs), progress)


def compare(ours: Chronology, theirs: Chronology, progress: Progress | None = None) -> Comparison:
    """Match the two sides' events one to one and sort each into agreed, differ or only one side.

    Two events are candidates when they share their date window (or fall within a month of
    each other), a reference, or an uncommon word of their titles; each pair is scored by its
    wording (most), its dates and its references, and the best pairs are taken first, each
    event once. A pair scoring under a threshold, or whose wording has too little in common,
    is not a match. Before that, an event whose title is the same on both sides, and only
    once on each, is taken as one event (however its date or the rest differ).
    """
    matched_ours = _same_titles(ours.entries, theirs.entries)
    taken = set(matched_ours.values())
    rest_ours = [i for i in range(len(ours.entries)) if i not in matched_ours]
    rest_theirs = [i for i in range(len(theirs.entries)) if i not in taken]
    pairs = _candidates(
        [ours.entries[i] for i in rest_ours], [theirs.entries[i] for i in rest_theirs]
    )
    scored = []
    for done, (near_a, near_b) in enumerate(pairs):
        if done % 5000 == 0:
            check_progress(progress, done, len(pairs), "compare")
        a, b = rest_ours[near_a], rest_theirs[near_b]
        score = _score(ours.entries[a], theirs.entries[b])
        if score >= _LEAST_SCORE:
            scored.append((score, -a, -b))
    scored.sort(reverse=True)
    for _, a, b in scored:
        if -a not in matched_ours and -b not in taken:
            matched_ours[-a] = -b
            taken.add(-b)
    items: list[tuple[tuple, Item]] = []
    for index, entry in enumerate(ours.entries):
        other = matched_ours.get(index)
        if other is None:
            items.append(((index, -1), Item(Kind.ONLY_OURS, entry, None)))
            continue
        theirs_entry = theirs.entries[other]
        fields = tuple(
            f for f in differences(entry, theirs_entry) if f in ours.holds and f in theirs.holds
        )
        kind = Kind.DIFFER if fields else Kind.AGREED
        items.append(((index, -1), Item(kind, entry, theirs_entry, fields)))
    # An event only in theirs goes after the last of ours that comes before it in their order.
    place = {b: a for a, b in matched_ours.items()}
    last = -1
    for index, entry in enumerate(theirs.entries):
        if index in place:
            last = place[index]
        else:
            items.append(((last, index), Item(Kind.ONLY_THEIRS, None, entry)))
    items.sort(key=lambda pair: pair[0])
    return Comparison(ours, theirs, [item for _, item in items])


def _same_titles(ours: Sequence[Entry], theirs: Sequence[Entry]) -> dict[int, int]:
    """Events whose title is the same on both sides, and on each side only once: one event."""

    def once(entries: Sequence[Entry]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries):
            key = _text(entry.event.title)
            seen[key] = -1 if key in seen else index
        return {key: index for key, index in seen.items() if index >= 0}

    theirs_once = once(theirs)
    return {index: theirs_once[key] for key, index in once(ours).items() if key in theirs_once}


def differences(ours: Entry, theirs: Entry) -> tuple[str, ...]:
    """Which of date, title, description, parties and references two versions differ in."""
    a, b = ours.event, theirs.event
    found = []
    if _window(a) != _window(b):
        found.append("date")
    if _text(a.title) != _text(b.title):
        found.append("title")
    if _text(a.description) != _text(b.description):
        found.append("description")
    if {p.casefold() for p in ours.parties} != {p.casefold() for p in theirs.parties}:
        found.append("parties")
    if {_text(r) for r in ours.references} != {_text(r) for r in theirs.references}:
        found.append("references")
    return tuple(found)


def _text(text: str) -> str:
    return " ".join(text.replace("\u200d", "").split()).casefold()


def _window(event: Event) -> tuple:
    end = event.end if event.end is not None and not event.end.is_undated else None
    return (
        event.date.earliest,
        event.date.latest,
        event.date.qualifier,
        end.earliest if end else None,
        end.latest if end else None,
    )


def _day(value: dt.date | dt.datetime | None) -> int | None:
    return day_of(value).toordinal() if value is not None else None


def _days(entry: Entry) -> tuple[int, int] | None:
    first = _day(entry.event.date.earliest)
    last = _day(entry.event.date.latest)
    if first is None and last is None:
        return None
    return (first if first is not None else last, last if last is not None else first)  # type: ignore[return-value]


def _candidates(ours: Sequence[Entry], theirs: Sequence[Entry]) -> list[tuple[int, int]]:
    """Pairs worth scoring: near in date, sharing a reference, or an uncommon title word."""
    keys: dict[object, list[int]] = defaultdict(list)
    for index, entry in enumerate(theirs):
        for key in _keys(entry, near=False):
            keys[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for index, entry in enumerate(ours):
        for key in _keys(entry, near=True):
            found = keys.get(key, ())
            if len(found) <= _COMMON:
                pairs.update((index, other) for other in found)
    return sorted(pairs)


def _keys(entry: Entry, *, near: bool) -> Iterable[object]:
    """What an entry is found by: its stretch of days, its references, its title's words.

    With ``near``, the stretches either side of its own as well.
    """
    days = _days(entry)
    if days is None:
        yield ("undated",)
    else:
        bucket = days[0] // _WINDOW_DAYS
        for step in (-1, 0, 1) if near else (0,):
            yield ("days", bucket + step)
    for reference in entry.references:
        yield ("ref", _text(reference))
    for word in _words(entry.event.title):
        yield ("word", word)


def _score(a: Entry, b: Entry) -> float:
    """How likely two entries are one event: wording 55%, date 30%, references 15%."""
    union = a.words | b.words
    words = len(a.words & b.words) / len(union) if union else 1.0
    titles = SequenceMatcher(None, a.title_words, b.title_words)  # by words: 50 times faster
    wording = max(words, titles.ratio()) if titles.real_quick_ratio() > words else words
    if wording < _LEAST_WORDING:  # the same day and document are not enough for one event
        return 0.0
    first, second = _days(a), _days(b)
    if first is None or second is None:
        date = 1.0 if first == second else 0.0
    elif first == second:
        date = 1.0
    else:
        gap = max(0, max(first[0], second[0]) - min(first[1], second[1]))
        date = 0.8 if gap == 0 else max(0.0, 0.7 * (1 - gap / (_WINDOW_DAYS * 12)))
    refs_a, refs_b = {_text(r) for r in a.references}, {_text(r) for r in b.references}
    refs = len(refs_a & refs_b) / len(refs_a | refs_b) if refs_a or refs_b else 0.5
    return 0.55 * wording + 0.30 * date + 0.15 * refs


# ----------------------------------------------------------------------- agreeing


class Decision(enum.StrEnum):
    """What the user decided for an item of the comparison."""

    OURS = "ours"
    """Agree our version (an event only in theirs: leave it out)."""
    THEIRS = "theirs"
    """Take theirs (an event only in ours: leave it out)."""
    DISPUTED = "disputed"
    """Keep the event, marked Disputed, with each side's version in its own words."""


OPEN_CATEGORY = "Still open"
"""The category of the events no decision was made on: what is still to agree."""


@dataclass(frozen=True)
class Agreed:
    """What :func:`agree` wrote: how many events, how many disputed, what is still open."""

    events: int
    disputed: int
    still_open: list[str]


def agree(
    comparison: Comparison,
    decisions: Mapping[int, Decision],
    out: str | Path,
    *,
    sides: tuple[str, str] = ("Claimant", "Defendant"),
) -> Agreed:
    """Write the agreed chronology to a new case file ``out``.

    Agreed events go in plain. For each other item, its decision (by its index in
    ``comparison.items``) says which version goes in, or none, or both as a dispute
    (status Disputed, each side's version in its own words under ``sides``' names). An item
    with no decision goes in as disputed too, in the category "Still open", and is listed.
    Every event cites the chronology it came from (both, when both tell it) as its source,
    besides its own references.

    :raises UserError: ``out`` exists already or cannot be written.
    """
    out = Path(out)
    if out.exists():
        raise UserError(f"{out.name} exists already; the agreed chronology goes in a new case.")
    made = _AgreedRecords(comparison, sides)
    batch, record, event_of, origin = made.batch, made.record, made.event_of, made.origin
    still_open: list[str] = []
    disputed = 0
    for index, item in enumerate(comparison.items):
        given = decisions.get(index)
        decision = Decision(given) if given is not None else None
        if item.kind is Kind.AGREED:
            assert item.ours is not None and item.theirs is not None
            event = event_of(item.ours, "ours")
            event.sources = (*event.sources, SourceLink(origin["theirs"], str(item.theirs.number)))
            batch.events.append(event)
            continue
        if decision is Decision.OURS and item.ours is not None:
            batch.events.append(event_of(item.ours, "ours"))
        elif decision is Decision.THEIRS and item.theirs is not None:
            batch.events.append(event_of(item.theirs, "theirs"))
        elif decision in (Decision.OURS, Decision.THEIRS):
            continue  # the side chosen does not have the event: it is left out
        else:
            base = item.ours or item.theirs
            assert base is not None
            event = event_of(base, "ours" if item.ours else "theirs")
            if item.ours is not None and item.theirs is not None:
                event.sources = (
                    *event.sources,
                    SourceLink(origin["theirs"], str(item.theirs.number)),
                )
            event.status = Status.DISPUTED
            event.versions = {
                sides[0]: item.ours.in_words() if item.ours else "Not in its chronology.",
                sides[1]: item.theirs.in_words() if item.theirs else "Not in its chronology.",
            }
            if decision is None:
                event.category_id = record("category", OPEN_CATEGORY, Category)
                still_open.append(f"{base.date}: {base.title} ({_open_reason(item)})")
            disputed += 1
            batch.events.append(event)
    with CaseStore.create(out) as store:
        info = comparison.ours.info
        batch.case_info = CaseInfo(
            title=f"Agreed chronology: {info.title}",
            court_lines=list(info.court_lines),
            claim_number=info.claim_number or comparison.theirs.info.claim_number,
            parties=list(info.parties or comparison.theirs.info.parties),
            date_order=info.date_order,
            time_zone=info.time_zone,
        )
        store.add_batch(batch)
    return Agreed(len(batch.events), disputed, still_open)


class _AgreedRecords:
    """The agreed case's batch: its events and the people, documents and categories they use.

    Each record is made once, by kind and name (a document by its bundle reference, else its
    title), with a negative id the store replaces.
    """

    def __init__(self, comparison: Comparison, sides: tuple[str, str]) -> None:
        self.comparison = comparison
        self.batch = Batch()
        self._ids: dict[tuple[str, str], int] = {}
        self._lists: dict[str, list[Any]] = {
            "party": self.batch.parties,
            "source": self.batch.sources,
            "category": self.batch.categories,
        }
        self.origin = {
            "ours": self.record(
                "source", f"{sides[0]}'s chronology ({comparison.ours.name})", _chronology_source
            ),
            "theirs": self.record(
                "source",
                f"{sides[1]}'s chronology ({comparison.theirs.name})",
                _chronology_source,
            ),
        }

    def record(self, kind: str, name: str, make: Any) -> int:
        """The (negative) id of the record of ``kind`` called ``name``, made the first time."""
        key = (kind, name.casefold())
        if key not in self._ids:
            self._ids[key] = -(len(self._ids) + 1)
            made = make(name)
            made.id = self._ids[key]
            self._lists[kind].append(made)
        return self._ids[key]

    def cited(self, entry: Entry, side: str) -> tuple[SourceLink, ...]:
        """The entry's citations, of the same documents at the same pinpoints."""
        chronology = self.comparison.ours if side == "ours" else self.comparison.theirs
        links = []
        for link in entry.event.sources:
            document = chronology.documents.get(link.source_id)
            if document is not None:
                made = self.record(
                    "source",
                    document.bundle_ref or document.title,
                    lambda _, d=document: dataclasses.replace(d, id=None),
                )
                links.append(SourceLink(made, link.pinpoint))
        if not links:  # a side read without its documents: its references as written
            links = [
                SourceLink(self.record("source", r, _free_reference)) for r in entry.references
            ]
        return tuple(links)

    def event_of(self, entry: Entry, side: str) -> Event:
        """The entry as an event of the agreed case, citing the chronology it came from."""
        event = entry.event
        return Event(
            event.title,
            event.date,
            event.end,
            event.description,
            key=event.key,
            party_ids=tuple(self.record("party", name, Party) for name in entry.parties),
            sources=(SourceLink(self.origin[side], str(entry.number)), *self.cited(entry, side)),
        )


def _chronology_source(title: str) -> Source:
    return Source(title, doc_type="Chronology")


def _free_reference(reference: str) -> Source:
    return Source(reference, doc_type=FREE_REFERENCE)


def _open_reason(item: Item) -> str:
    if item.kind is Kind.DIFFER:
        return "the sides differ in " + ", ".join(item.fields)
    return "only in ours" if item.kind is Kind.ONLY_OURS else "only in theirs"
