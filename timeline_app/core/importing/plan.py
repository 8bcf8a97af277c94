"""What every import produces before anything is saved: rows, each with its event or problems.

An importer reads a file into an :class:`ImportPlan`. Nothing touches the case until the
caller turns the rows the user kept into a :class:`~timeline_app.core.model.Batch` and the
store saves it in one transaction. People, documents and categories the rows name are found
in the case (by name, regardless of case) or planned as new records with negative ids.
"""

from __future__ import annotations

import csv
import difflib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from timeline_app.core.errors import CancelledError
from timeline_app.core.exporting import write_atomically
from timeline_app.core.exporting.csv import safe_cell
from timeline_app.core.model import (
    Batch,
    CaseInfo,
    Category,
    Event,
    FuzzyDate,
    Party,
    PartyKind,
    Source,
    date_to_iso,
)
from timeline_app.core.store import CaseStore

Progress = Callable[[int, int], bool]
"""Called with (done, in all); return False to cancel."""

PALETTE = ("#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#4e342e",
           "#ad1457", "#558b2f", "#283593")
_ORGANISATION = re.compile(r"\b(?:ltd|limited|plc|llp|llc|inc|corp|corporation|company|co"
                           r"|group|council|trust|bank|gmbh|sa|ag|authority|department)\.?$",
                           re.IGNORECASE)


@dataclass(slots=True)
class ImportRow:
    """One row of a spreadsheet, or one event proposed from a document."""

    number: int
    """Where it came from: the spreadsheet row (as Excel numbers it) or the proposal's number."""
    cells: list[str]
    """The original values, for the preview and for the file of refused rows."""
    event: Event | None = None
    problems: list[str] = field(default_factory=list)
    """Why the row cannot be imported; a row with a problem is never imported."""
    notes: list[str] = field(default_factory=list)
    """Remarks that do not stop the row ("read day first", "date from a merged cell")."""
    duplicate_of: str = ""
    """The existing event (or earlier row) this one very probably repeats."""

    @property
    def importable(self) -> bool:
        """It has an event and no problem."""
        return self.event is not None and not self.problems


@dataclass
class ImportPlan:
    """A file read and interpreted, ready for review; the case is not touched yet."""

    name: str
    """The file's name (or "Pasted text"), for messages."""
    kind: str
    """csv, xlsx, text, docx, json or case."""
    headings: list[str]
    rows: list[ImportRow]
    records: Records
    notes: list[str] = field(default_factory=list)
    """Remarks about the whole file ("named .csv but holds an Excel workbook")."""
    case_info: CaseInfo | None = None
    keep_stamps: bool = False
    keep_unused_records: bool = False
    """Bring every record even if no event uses it (a whole case into an empty case)."""

    @property
    def importable(self) -> list[ImportRow]:
        """The rows that can be imported."""
        return [row for row in self.rows if row.importable]

    @property
    def refused(self) -> list[ImportRow]:
        """The rows that cannot, each with its problems."""
        return [row for row in self.rows if not row.importable]

    def default_choice(self) -> list[ImportRow]:
        """The rows imported unless the user says otherwise: the good ones, less duplicates."""
        return [row for row in self.rows if row.importable and not row.duplicate_of]

    def batch(self, rows: Iterable[ImportRow]) -> Batch:
        """The chosen rows' events and just the new records they use, for the store."""
        events = [row.event for row in rows if row.importable]
        used = ({"party": set(), "source": set(), "category": set()} if not
                self.keep_unused_records else None)
        if used is not None:
            for event in events:
                used["party"].update(event.party_ids)
                used["source"].update(s.source_id for s in event.sources)
                if event.category_id is not None:
                    used["category"].add(event.category_id)

        def keep(entity: str, items: list) -> list:
            return items if used is None else [r for r in items if r.id in used[entity]]

        return Batch(events, keep("category", self.records.new_categories),
                     keep("party", self.records.new_parties),
                     keep("source", self.records.new_sources), self.keep_stamps,
                     self.case_info)


class Records:
    """Finds the people, documents and categories rows name, and plans those that are new."""

    def __init__(self, store: CaseStore | None) -> None:
        self.new_parties: list[Party] = []
        self.new_sources: list[Source] = []
        self.new_categories: list[Category] = []
        self._parties: dict[str, int] = {}
        self._sources: dict[str, int] = {}
        self._categories: dict[str, int] = {}
        self._next_id = -1
        if store is not None:
            for party in store.parties():
                self._parties.setdefault(party.name.casefold(), party.id)  # type: ignore[arg-type]
            for source in store.sources():
                for name in (source.title, source.bundle_ref):
                    if name:
                        self._sources.setdefault(name.casefold(), source.id)  # type: ignore[arg-type]
            for category in store.categories():
                self._categories[category.name.casefold()] = category.id  # type: ignore[assignment]

    def _new_id(self) -> int:
        self._next_id -= 1
        return self._next_id + 1

    def party(self, name: str, like: Party | None = None) -> int:
        """The id of the person or organisation called ``name``, planned if new."""
        key = name.casefold()
        if key not in self._parties:
            kind = PartyKind.ORGANISATION if _ORGANISATION.search(name) else PartyKind.PERSON
            party = Party(name, kind) if like is None else Party(
                name, like.kind, like.role, like.organisation, like.notes)
            party.id = self._parties[key] = self._new_id()
            self.new_parties.append(party)
        return self._parties[key]

    def source(self, name: str, like: Source | None = None) -> int:
        """The id of the document with this title or bundle reference, planned if new."""
        key = name.casefold()
        if key not in self._sources:
            source = Source(name) if like is None else Source(
                like.title, like.date_text, like.doc_type, like.bundle_ref, like.first_page,
                like.location, like.notes)
            source.id = self._sources[key] = self._new_id()
            self.new_sources.append(source)
            if like is not None and like.bundle_ref:
                self._sources.setdefault(like.bundle_ref.casefold(), source.id)
        return self._sources[key]

    def category(self, name: str, colour: str = "") -> int:
        """The id of the category called ``name`` (names are unique regardless of case)."""
        key = name.casefold()
        if key not in self._categories:
            colour = colour or PALETTE[(len(self._categories)) % len(PALETTE)]
            category = Category(name, colour, self._new_id())
            self._categories[key] = category.id  # type: ignore[assignment]
            self.new_categories.append(category)
        return self._categories[key]


_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\w*\d\w*")


class Duplicates:
    """Spots likely duplicates: the same date window and very similar words.

    Very similar means the same numbers, and most words in common (three in four) or nearly
    the same letters (a typo apart). Events are compared only with those on the same date
    that carry the same numbers; each is kept as its folded words alone (a 100,000-row import
    must not hold a set of words per row).
    """

    def __init__(self, store: CaseStore | None) -> None:
        self._seen: dict[tuple[str | None, str | None, str], list[tuple[str, str]]] = {}
        if store is not None:
            for event_id, earliest, latest, title in store.event_titles():
                self._remember(earliest, latest, title, f"event {event_id} '{_short(title)}'")

    def _remember(self, earliest: str | None, latest: str | None, title: str,
                  label: str) -> list[tuple[str, str]]:
        folded = title.casefold()
        key = (earliest, latest, " ".join(sorted(set(_NUMBER.findall(folded)))))
        same = self._seen.setdefault(key, [])
        same.append((" ".join(_WORD.findall(folded)), label))
        return same

    def check(self, date: FuzzyDate, title: str, label: str) -> str:
        """What ``title`` on ``date`` very probably repeats ("" if nothing).

        The title is then remembered under ``label``: later rows repeating it are caught too.
        """
        *others, (text, _label) = self._remember(date_to_iso(date.earliest),
                                                 date_to_iso(date.latest), title, label)
        words = set(text.split())
        for other_text, other_label in others:
            other_words = set(other_text.split())
            union = len(words | other_words)
            if (text == other_text or (union and len(words & other_words) / union >= 0.75)
                    or _close(text, other_text)):
                return other_label
        return ""


def _close(a: str, b: str) -> bool:
    matcher = difflib.SequenceMatcher(None, a, b)
    return (matcher.real_quick_ratio() >= 0.9 and matcher.quick_ratio() >= 0.9
            and matcher.ratio() >= 0.9)


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= 50 else title[:49] + "…"


def check_progress(progress: Progress | None, done: int, total: int, what: str) -> None:
    """Report progress every so often; the user's Cancel becomes a CancelledError."""
    if progress is not None and not progress(done, total):
        raise CancelledError(f"The {what} was cancelled; the case is unchanged.")


def write_refused(plan: ImportPlan, path: str | os.PathLike[str]) -> int:
    """Save the refused rows, with a Problem column, as CSV to fix and import again."""
    refused = plan.refused

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([*plan.headings, "Problem"])
            for row in refused:
                writer.writerow([safe_cell(cell) for cell in
                                 [*row.cells, " ".join(row.problems)]])

    write_atomically(path, write, "The file of refused rows")
    return len(refused)
