"""What every import produces before anything is saved: rows, each with its event or problems.

An importer reads a file into an :class:`ImportPlan`. Nothing touches the case until the
caller turns the rows the user kept into a :class:`~timeline_app.core.model.Batch` and the
store saves it in one transaction. People, documents and categories the rows name are found
in the case (by name, regardless of case) or planned as new records with negative ids; a
reference that matches no document of the case is made a document, cited as written or left
for the user to fix, as the user chooses (:class:`ReferencePolicy`), and reported by row.
"""

from __future__ import annotations

import bisect
import calendar
import csv
import datetime as dt
import difflib
import enum
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.core import dates
from timeline_app.core.exporting import write_atomically
from timeline_app.core.exporting.csv import safe_cell
from timeline_app.core.importing.salient import (
    AMOUNT,
    NAME,
    NUMBER,
    TERM,
    Salient,
    SalientReader,
    Salients,
    remembered,
    shared,
)
from timeline_app.core.model import (
    Batch,
    CaseInfo,
    Category,
    Event,
    FuzzyDate,
    Party,
    PartyKind,
    Precision,
    Source,
    SourceLink,
    date_to_iso,
    document_ends,
    page_spans,
    saved_id,
    spans_text,
)
from timeline_app.core.store import CaseStore

if TYPE_CHECKING:
    from timeline_app.core.served import ServedVersion

PALETTE = (
    "#1565c0",
    "#2e7d32",
    "#c62828",
    "#6a1b9a",
    "#ef6c00",
    "#00838f",
    "#4e342e",
    "#ad1457",
    "#558b2f",
    "#283593",
)
ORGANISATION = re.compile(
    r"\b(?:ltd|limited|plc|llp|llc|inc|corp|corporation|company|co"
    r"|group|council|trust|bank|gmbh|sa|ag|authority|department)\.?$",
    re.IGNORECASE,
)
"""A name ending in a word only organisations end in ("Ltd", "LLP", "plc", "Council" …)."""
_FIRM = re.compile(r"\s(?:&|and)\s", re.IGNORECASE)


def looks_like_organisation(name: str) -> bool:
    """Whether a new name is an organisation's: an organisation word, or a firm's "&" or "and".

    "Ernst & Young" and "Marks and Spencer" are firms; two people are listed apart.
    """
    return ORGANISATION.search(name) is not None or _FIRM.search(name) is not None


FREE_REFERENCE = "Free reference"
"""The type of a document that stands for a reference cited as written (no bundle place)."""


class ReferenceChoice(enum.StrEnum):
    """What to do with a reference that matches no document of the case."""

    CREATE = "create"
    """Make it a new document, named as written (what imports always did)."""
    CITE = "cite"
    """Cite it as written: a free reference, marked as such, with no place in the bundle."""
    SKIP = "skip"
    """Leave the row out, refused with the reason, to fix and import again."""


@dataclass(frozen=True)
class ReferencePolicy:
    """The user's choice for references that match no document: one for all, or each its own."""

    for_all: ReferenceChoice = ReferenceChoice.CREATE
    by_reference: Mapping[str, ReferenceChoice] = field(default_factory=dict)
    """Choices for single references, by their text as written (any case)."""

    def choice(self, text: str) -> ReferenceChoice:
        """What to do with the reference ``text``."""
        folded = text.casefold()
        return next(
            (
                chosen
                for written, chosen in self.by_reference.items()
                if written.casefold() == folded
            ),
            self.for_all,
        )


@dataclass
class UnmatchedReference:
    """A reference that matches no document of the case, why, and the rows that make it."""

    text: str
    """As written in the file (a Source cell, or one reference of a Reference cell)."""
    why: str
    """"matches no document in the case", or the page that lies outside its document."""
    choice: ReferenceChoice
    rows: list[int] = field(default_factory=list)


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
    duplicate_reason: str = ""
    """Why, in words: "same day (8 November 2018); both mention 25, Root Cause Analysis"."""
    resembles_earlier_row: bool = False
    """It is flagged only for the salient words it shares with an earlier row of the same
    file: not for an event of the case, nor for nearly the same title."""
    second_best: str = ""
    """Why the row's reading is only a second-best (an email dated by when it was received,
    having no Date): it is offered, but not ticked unless the user ticks it."""
    date_note: str = ""
    """How the date was read, shown beside it: an email's own offset ("sent 18:58 -04:00")."""

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
    """csv, xlsx, text, docx, json, case or email."""
    headings: list[str]
    rows: list[ImportRow]
    records: Records
    notes: list[str] = field(default_factory=list)
    """Remarks about the whole file ("named .csv but holds an Excel workbook")."""
    case_info: CaseInfo | None = None
    keep_stamps: bool = False
    served: list[ServedVersion] = field(default_factory=list)
    """A whole case's served versions, brought with it into an empty case."""
    unlinked: set[int] = field(default_factory=set)
    """New records to bring even if no chosen event uses them: a whole case's, or the people
    and documents of a merged case that none of its events name."""

    @property
    def importable(self) -> list[ImportRow]:
        """The rows that can be imported."""
        return [row for row in self.rows if row.importable]

    @property
    def refused(self) -> list[ImportRow]:
        """The rows that cannot, each with its problems."""
        return [row for row in self.rows if not row.importable]

    @property
    def unmatched_references(self) -> list[UnmatchedReference]:
        """The references that match no document of the case, in the order first met."""
        return list(self.records.unmatched.values())

    def default_choice(
        self, *, duplicates: bool = False, second_best: bool = False
    ) -> list[ImportRow]:
        """The rows imported unless the user says otherwise: the good ones, less duplicates.

        A duplicate is left out, except a spreadsheet's or a case's row that only shares
        salient words with an earlier row: someone entered both, as two events (it is still
        flagged). A document's proposals are left out either way: an article tells one event
        twice. A second-best reading is left out too.

        :param duplicates: take the likely duplicates as well.
        :param second_best: take the second-best readings as well.
        """
        document = self.kind in ("text", "docx")
        return [
            row
            for row in self.rows
            if row.importable
            and (second_best or not row.second_best)
            and (
                duplicates or not (row.duplicate_of and (document or not row.resembles_earlier_row))
            )
        ]

    def batch(self, rows: Iterable[ImportRow]) -> Batch:
        """The chosen rows' events and just the new records they use, for the store."""
        events = [row.event for row in rows if row.event is not None and row.importable]
        used = {entity: set(self.unlinked) for entity in ("party", "source", "category")}
        for event in events:
            used["party"].update(event.party_ids)
            used["source"].update(s.source_id for s in event.sources)
            if event.category_id is not None:
                used["category"].add(event.category_id)

        def keep(entity: str, items: list) -> list:
            return [r for r in items if r.id in used[entity]]

        return Batch(
            events,
            keep("category", self.records.new_categories),
            keep("party", self.records.new_parties),
            keep("source", self.records.new_sources),
            self.keep_stamps,
            self.case_info,
            list(self.served),
        )


def new_records(batch: Batch) -> str:
    """What an import adds besides events, in words: "2 new people, 1 new document"."""

    def counted(number: int, one: str, many: str) -> str:
        return f"{number:,} new {one if number == 1 else many}"

    documents = [s for s in batch.sources if s.doc_type != FREE_REFERENCE]
    free = [s for s in batch.sources if s.doc_type == FREE_REFERENCE]
    return ", ".join(
        counted(len(items), one, many)
        for items, one, many in (
            (batch.parties, "person", "people"),
            (documents, "document", "documents"),
            (free, "free reference", "free references"),
            (batch.categories, "category", "categories"),
        )
        if items
    )


class Records:
    """Finds the people, documents and categories rows name, and plans those that are new.

    A name may belong to several records (two John Smiths); each is found in turn. A reference
    that matches no document of the case is dealt with as ``references`` says, and listed in
    :attr:`unmatched`.
    """

    def __init__(self, store: CaseStore | None, references: ReferencePolicy | None = None) -> None:
        self.new_parties: list[Party] = []
        self.new_sources: list[Source] = []
        self.new_categories: list[Category] = []
        self.unmatched: dict[str, UnmatchedReference] = {}
        """The references that match no document of the case, by their text (folded)."""
        self._references = references or ReferencePolicy()
        self._parties: dict[str, list[int]] = {}
        self._cast: dict[str, str] = {}  # a name folded: as the cast spells it
        self._sources: dict[str, list[int]] = {}
        self._categories: dict[str, int] = {}
        self._paged: dict[str, tuple[int, int, int | None]] = {}
        self._located: dict[str, tuple[int, str]] = {}  # a document's location: id, title
        self._next_id = -1
        if store is not None:
            for party in store.parties():
                self._parties.setdefault(party.name.casefold(), []).append(party.id)  # type: ignore[arg-type]
                self._cast.setdefault(party.name.casefold(), party.name)
            sources = store.sources()
            for source in sources:
                for name in {source.title.casefold(), source.bundle_ref.casefold()} - {""}:
                    self._sources.setdefault(name, []).append(source.id)  # type: ignore[arg-type]
                if source.location:
                    self._located.setdefault(source.location, (source.id, source.title))  # type: ignore[arg-type]
            self._paged = _pages(sources)
            for category in store.categories():
                self._categories[category.name.casefold()] = category.id  # type: ignore[assignment]

    def _new_id(self) -> int:
        self._next_id -= 1
        return self._next_id + 1

    @staticmethod
    def _pick(ids: list[int], claimed: set[int] | None) -> int | None:
        """The first of ``ids`` not ``claimed`` by another record of the same file."""
        return next((i for i in ids if claimed is None or i not in claimed), None)

    def party(self, name: str, like: Party | None = None, claimed: set[int] | None = None) -> int:
        """The id of the person or organisation called ``name``, planned if new.

        :param claimed: ids already given to other records of the same file, and so not
            given again (a file's two John Smiths stay two people); the id is added to it.
        """
        key = name.casefold()
        found = self._pick(self._parties.get(key, []), claimed)
        if found is None:
            kind = PartyKind.ORGANISATION if looks_like_organisation(name) else PartyKind.PERSON
            party = (
                Party(name, kind)
                if like is None
                else Party(name, like.kind, like.role, like.organisation, like.notes)
            )
            party.id = found = self._new_id()
            self._parties.setdefault(key, []).append(found)
            self._cast.setdefault(key, name)
            self.new_parties.append(party)
        if claimed is not None:
            claimed.add(found)
        return found

    def cast_name(self, text: str) -> str | None:
        """The cast's own spelling of ``text``, if the case or an earlier row has that name.

        Any case; "Smith, John" is John Smith when the cast has him so (and not "Smith, John"),
        and "the Ministry of Justice" is Ministry of Justice.
        """
        found = self._cast.get(text.casefold())
        if found is None and text.count(",") == 1:
            surname, forenames = (part.strip() for part in text.split(","))
            if surname and forenames:
                found = self._cast.get(f"{forenames} {surname}".casefold())
        if found is None and text[:4].casefold() == "the ":
            found = self._cast.get(text[4:].casefold())
        return found

    def source(self, name: str, like: Source | None = None, claimed: set[int] | None = None) -> int:
        """The id of the document with this title or bundle reference, planned if new.

        :param claimed: as for :meth:`party`.
        """
        key = name.casefold()
        found = self._pick(self._sources.get(key, []), claimed)
        if found is None:
            source = (
                Source(name)
                if like is None
                else Source(
                    like.title,
                    like.date_text,
                    like.doc_type,
                    like.bundle_ref,
                    like.first_page,
                    like.location,
                    like.notes,
                )
            )
            source.id = found = self._new_id()
            for other in {key, source.bundle_ref.casefold()} - {""}:
                self._sources.setdefault(other, []).append(found)
            self.new_sources.append(source)
        if claimed is not None:
            claimed.add(found)
        return found

    def new_source(self, source: Source) -> int:
        """Plan ``source`` as a new document, even if one has its title (two "Re: Outage")."""
        source.id = found = self._new_id()
        for name in {source.title.casefold(), source.bundle_ref.casefold()} - {""}:
            self._sources.setdefault(name, []).append(found)
        if source.location:
            self._located.setdefault(source.location, (found, source.title))
        self.new_sources.append(source)
        return found

    def located(self, location: str) -> tuple[int, str] | None:
        """The id and title of the document (of the case, or planned) kept at ``location``."""
        return self._located.get(location)

    def known_source(self, name: str) -> int | None:
        """The case's own document with this title or bundle reference, if it has one.

        A document planned for an earlier row is not one: citing it again is reported again.
        """
        return next((i for i in self._sources.get(name.casefold(), ()) if i > 0), None)

    def bundle_page(self, citation: str) -> tuple[int, str] | None:
        """A bundle page ("B/12/345") as the document at B/12 and its own page ("6").

        Ranges and lists of bundle pages read alike: "B/12/345-347, 349" is pages "6-8, 10".

        None unless the case has that document, knows its first page, and the page lies
        between it and the first page of the bundle's next document.
        """
        base, _, pages = citation.rpartition("/")
        found = self._paged.get(base.casefold())
        spans = page_spans(pages) if found is not None and pages[:1].isdigit() else None
        if found is None or spans is None:
            return None
        source_id, first, last = found
        if not all(first <= a and b <= (last or b) for a, b in spans):
            return None
        return source_id, spans_text([(a - first + 1, b - first + 1) for a, b in spans])

    def unmatched_source(
        self,
        text: str,
        what: str,
        row: ImportRow,
        pinpoint: str = "",
        *,
        in_bundle: bool,
        written: str = "",
    ) -> SourceLink | None:
        """A reference to no document of the case, dealt with as the user chose.

        It is listed in :attr:`unmatched` with the row, and said on the row: as a note when
        it becomes a new document or a free reference, as a problem when the row is left
        out (then None).

        :param what: the column it is in ("Reference", "Source"), for the row's remark.
        :param in_bundle: it is a bundle reference, so a new document takes it as its place.
        :param written: a bundle page as cited ("C/2/14") when ``text`` is its tab ("C/2") and
            ``pinpoint`` its page: a new document for the tab starts at page 1, so that it
            cites the page as written; cited as written, it is the whole citation.
        """
        entry = self.unmatched.get(text.casefold())
        if entry is None:
            why = "matches no document in the case" if written else self._why(text)
            entry = UnmatchedReference(text, why, self._references.choice(text))
            self.unmatched[text.casefold()] = entry
        if not entry.rows or entry.rows[-1] != row.number:  # rows come in order
            entry.rows.append(row.number)
        said = (
            f"{what} {written!r} cites {text}, which {entry.why}"
            if written
            else f"{what} {text!r} {entry.why}"
        )
        if entry.choice is ReferenceChoice.SKIP:
            row.problems.append(
                f"{said}; correct it, or choose to create the document or to cite it as written."
            )
            return None
        if entry.choice is ReferenceChoice.CITE:
            row.notes.append(f"{said}; it is cited as written, as a free reference.")
            like = Source(
                written or text,
                doc_type=FREE_REFERENCE,
                notes="Cited as written on import: no document of the case matched it.",
            )
            return SourceLink(self.source(written or text, like), "" if written else pinpoint)
        if written:
            row.notes.append(f"{said}; {text} becomes a new document, taken to start at page 1.")
        else:
            row.notes.append(f"{said}; it becomes a new document.")
        like = Source(text, bundle_ref=text if in_bundle else "", first_page=1 if written else None)
        return SourceLink(self.source(text, like), pinpoint)

    def _why(self, citation: str) -> str:
        """Why ``citation`` cites no document: none is called so, or its page lies outside."""
        base, _, page = citation.rpartition("/")
        found = self._paged.get(base.casefold()) if page.isdigit() else None
        if found is None:
            return "matches no document in the case"
        _, first, last = found
        if last is None:
            return f"cites page {int(page)}, but {base} starts at page {first}"
        return f"cites page {int(page)}, but {base} runs from page {first} to {last}"

    def category(self, name: str, colour: str = "") -> int:
        """The id of the category called ``name`` (names are unique regardless of case)."""
        key = name.casefold()
        if key not in self._categories:
            colour = colour or PALETTE[(len(self._categories)) % len(PALETTE)]
            category = Category(name, colour, self._new_id())
            self._categories[key] = category.id  # type: ignore[assignment]
            self.new_categories.append(category)
        return self._categories[key]


def _pages(sources: Iterable[Source]) -> dict[str, tuple[int, int, int | None]]:
    """Each paged document's place (folded): its id, first page and last page if known.

    The last page is where the next document of its bundle starts, as
    :func:`~timeline_app.core.model.document_ends` has it.
    """
    saved = [source for source in sources if source.id is not None]
    ends = document_ends(saved)
    ids = {source.bundle_ref.casefold(): saved_id(source) for source in saved}
    return {place: (ids[place], first, last) for place, (first, last) in ends.items()}


_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\w*\d\w*")
_WEIGHTS = {AMOUNT: 3, NUMBER: 2, TERM: 2, NAME: 1}
"""How much a salient word shared counts towards a likeness (the best-scored match is named)."""

_TitleKey = tuple[str | None, str | None, str]
_Window = tuple[str, str]
"""A date as the salient-word rule matches it: ("day", "2018-11-08"), ("month", "2018-11"),
or ("dates", "EARLIEST/LATEST") for any other window."""


class Duplicates:
    """Spots likely duplicates of the case's events and of earlier rows, and says why.

    A row is a likely duplicate by either of two rules:

    - **Nearly the same title** on the same date window: the same words in the same order,
      whatever their case, accents, punctuation and articles, bar one or two misspelt words
      ("signd" for "signed"); so "Letter from Jones to Smith" is not "Letter from Smith to
      Jones", nor "re contract reply" "re contract query". Only events with the same numbers
      are compared.
    - **The same salient words** (:mod:`~timeline_app.core.importing.salient`) on the same
      day, in the same month when either is known only to the month, or on the same window
      ("2016", "January to June 2018"): the title and description share at least two salient
      words, at least one of them an amount, a number or a defined term. So a typed "Root
      Cause Analysis report: 25 critical vulnerabilities" and a pasted "On 8 November 2018
      Sopra Steria delivered a Root Cause Analysis report identifying 25 critical issues"
      match, but two letters of one day that share only their writer's name do not. Undated
      events are compared by title only: an unknown date is no evidence of the same event.

    Checking stays linear: a big group of titles (thousands of undated rows) is searched
    through an index of each title's longest words, and salient words through an index of
    the strong ones; at most :attr:`_LOOKS` earlier events per word are compared.
    """

    _SMALL, _LOOKS = 24, 32

    def __init__(self, store: CaseStore | None) -> None:
        self._seen: dict[_TitleKey, list[tuple[str, str]]] = {}
        self._indexes: dict[_TitleKey, _Index] = {}
        self._by_date: dict[_Window, _WordsIndex] = {}
        self._days_of: dict[str, list[_Window]] = {}  # the days seen, by month ("2018-11")
        self._weak_sets: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._dates: dict[str | None, str | None] = {}  # one copy of each date's ISO text
        self._keys_of_dates: dict[
            int, tuple[FuzzyDate, tuple[str | None, str | None, _Window | None]]
        ] = {}
        self._reader = SalientReader(p.name for p in store.parties()) if store else SalientReader()
        self._row_labels: set[str] = set()
        if store is not None:
            for number, earliest, latest, title, description in store.event_texts():
                self._remember(
                    earliest, latest, title, description, f"No. {number} '{_short(title)}'"
                )

    def mark(self, row: ImportRow, label: str) -> None:
        """Flag ``row`` if its event very probably repeats an event seen, saying why.

        The event is then remembered under ``label``: later rows repeating it are caught too.
        """
        event = row.event
        assert event is not None
        earliest, latest, window = self._date_keys(event.date)
        key, text = self._title_key(earliest, latest, event.title)
        words = self._reader.read(f"{event.title}\n{event.description}") if window else {}
        same_title = self._same_title(key, text)
        if same_title:
            row.duplicate_of = same_title
            row.duplicate_reason = f"{_when(window, window, event.date)}; nearly the same title"
        elif window is not None:
            row.duplicate_of, row.duplicate_reason = self._same_words(window, words, event.date)
            row.resembles_earlier_row = row.duplicate_of in self._row_labels
        self._row_labels.add(label)
        self._remember_title(key, text, label)
        if window is not None:
            self._remember_words(window, words, label)

    def _date_keys(self, date: FuzzyDate) -> tuple[str | None, str | None, _Window | None]:
        """A date's bounds as ISO text (one copy each) and its window, worked out once.

        Rows that share a date share its object (the date reader reads each text once).
        """
        known = self._keys_of_dates.get(id(date))
        if known is None:  # the date is kept with its keys, so its id stays its own
            earliest = self._one_copy(date_to_iso(date.earliest))
            latest = self._one_copy(date_to_iso(date.latest))
            known = (date, (earliest, latest, _window(earliest, latest)))
            self._keys_of_dates[id(date)] = known
        return known[1]

    def _one_copy(self, text: str | None) -> str | None:
        """One copy of a date's ISO text for all the events that share it (they are many)."""
        return self._dates.setdefault(text, text)

    def _remember(
        self, earliest: str | None, latest: str | None, title: str, description: str, label: str
    ) -> None:
        """Remember an event of the case by its title and its salient words."""
        earliest, latest = self._one_copy(earliest), self._one_copy(latest)
        self._remember_title(*self._title_key(earliest, latest, title), label)
        window = _window(earliest, latest)
        if window is not None:
            self._remember_words(window, self._reader.read(f"{title}\n{description}"), label)

    # ------------------------------------------------------------------ nearly the same title

    def _same_title(self, key: _TitleKey, text: str) -> str:
        """The label of an event seen with nearly this title ("" if none)."""
        same = self._seen.get(key, [])
        index = self._indexes.get(key)
        candidates = range(len(same)) if index is None else index.candidates(text, self._LOOKS)
        similar = _Similar(text)
        return next((same[i][1] for i in candidates if similar.to(same[i][0])), "")

    @staticmethod
    def _title_key(earliest: str | None, latest: str | None, title: str) -> tuple[_TitleKey, str]:
        """The group a title is compared in (its dates and numbers), and its words."""
        text = _normal(title)
        return (earliest, latest, " ".join(sorted(set(_NUMBER.findall(text))))), text

    def _remember_title(self, key: _TitleKey, text: str, label: str) -> None:
        """Remember a title in its group, indexed once the group is big."""
        same = self._seen.setdefault(key, [])
        index = self._indexes.get(key)
        if index is None and len(same) >= self._SMALL:
            index = self._indexes[key] = _Index(same)
        if index is not None:
            index.add(text, len(same))
        same.append((text, label))

    # ------------------------------------------------------------------ the same salient words

    def _same_words(self, window: _Window, words: Salients, date: FuzzyDate) -> tuple[str, str]:
        """The best-scored event seen that shares enough salient words, and why ("", "")."""
        # The best (score, label, reason); of equals the first found: the same day's before
        # the month's, the earlier before the later.
        best: tuple[int, str, str] | None = None
        for looked in self._looked_up(window):
            for strong, weak, label in self._by_date[looked].candidates(words, self._LOOKS):
                common = shared(words, strong, weak)
                if not _enough(common):
                    continue
                score = sum(_WEIGHTS[word.kind] for word in common)
                if best is None or score > best[0]:
                    reason = f"{_when(window, looked, date)}; both mention " + ", ".join(
                        word.shown for word in common
                    )
                    best = (score, label, reason)
        return (best[1], best[2]) if best else ("", "")

    def _looked_up(self, window: _Window) -> list[_Window]:
        """The dates seen that match: a day's month too; a month's days too."""
        kind, value = window
        if kind == "day":
            looked = [window, ("month", value[:7])]
        elif kind == "month":
            looked = [window, *self._days_of.get(value, ())]
        else:
            looked = [window]
        return [w for w in looked if w in self._by_date]

    def _remember_words(self, window: _Window, words: Salients, label: str) -> None:
        """Remember an event's salient words under its date."""
        strong, weak = remembered(words)
        if not strong:  # then no shared word can be strong in both, nor found by the index
            return
        if window not in self._by_date:
            self._by_date[window] = _WordsIndex()
            if window[0] == "day":
                self._days_of.setdefault(window[1][:7], []).append(window)
        weak = self._weak_sets.setdefault(weak, weak)  # thousands of rows name the same few
        self._by_date[window].add(strong, weak, label)


def _enough(common: list[Salient]) -> bool:
    """Whether the salient words two events of one date share make them alike.

    Two strong words (amounts, numbers, defined terms) do, or an amount and any other word. A
    term and a name do not: one day's board meetings often share both.
    """
    strong = [word for word in common if word.strong]
    return len(common) >= 2 and (len(strong) >= 2 or any(w.kind == AMOUNT for w in strong))


def _window(earliest: str | None, latest: str | None) -> _Window | None:
    """How the salient-word rule matches a date (None: undated, matched by title only)."""
    if earliest is None and latest is None:
        return None
    if earliest is not None and latest is not None:
        if earliest[:10] == latest[:10]:
            return "day", earliest[:10]
        if earliest[:7] == latest[:7]:
            return "month", earliest[:7]
    return "dates", f"{earliest}/{latest}"


def _when(window: _Window | None, matched: _Window | None, date: FuzzyDate) -> str:
    """The dates two events share, in words: "same day (8 November 2018)", "both undated"."""
    if window is None or matched is None:
        return "both undated"
    if window[0] == matched[0] == "day":
        day = dt.date.fromisoformat(window[1][:10])
        return f"same day ({dates.format(FuzzyDate(day, day, Precision.DAY))})"
    if "month" in (window[0], matched[0]):
        first = dt.date.fromisoformat(f"{window[1][:7]}-01")
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return f"same month ({dates.format(FuzzyDate(first, last, Precision.MONTH))})"
    return f"same date ({dates.format(date)})"


class _WordsIndex:
    """The salient words of the events of one date, by their strong words, in little memory.

    An event's strong words are kept only as keys of the index; most (a row's own number)
    belong to one event, whose number then stands alone, not in a list.
    """

    def __init__(self) -> None:
        self._weak: list[tuple[str, ...]] = []
        self._labels: list[str] = []
        self._by_word: dict[str, int | list[int]] = {}

    def add(self, strong: tuple[str, ...], weak: tuple[str, ...], label: str) -> None:
        """Remember an event's words (their keys) under ``label``."""
        number = len(self._labels)
        for key in strong:
            found = self._by_word.setdefault(key, number)
            if isinstance(found, list):
                found.append(number)
            elif found != number:
                self._by_word[key] = [found, number]
        self._weak.append(weak)
        self._labels.append(label)

    def candidates(
        self, words: Salients, most: int
    ) -> list[tuple[list[str], tuple[str, ...], str]]:
        """Events that share a strong word with ``words`` (the latest ``most`` per word).

        Each as (the words of ``words`` strong in it, its weak words, its label).
        """
        found: set[int] = set()
        for key in words:
            numbers = self._by_word.get(key)
            if isinstance(numbers, int):
                found.add(numbers)
            elif numbers is not None:
                found.update(numbers[-most:])
        return [
            ([key for key in words if self._has(key, i)], self._weak[i], self._labels[i])
            for i in sorted(found)
        ]

    def _has(self, key: str, number: int) -> bool:
        """Whether event ``number`` has the strong word ``key`` (its list is in order)."""
        numbers = self._by_word.get(key)
        if numbers is None or isinstance(numbers, int):
            return numbers == number
        at = bisect.bisect_left(numbers, number)
        return at < len(numbers) and numbers[at] == number


class _Index:
    """The titles of one big group by their longest words, for :class:`Duplicates`."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        self._texts: dict[str, int] = {}
        self._by_word: dict[str, list[int]] = {}
        for number, (text, _label) in enumerate(entries):
            self.add(text, number)

    @staticmethod
    def _longest(text: str) -> list[str]:
        """The three longest words, and the first letters of the longest.

        A misspelt one-word title shares no word with the right one, but its beginning.
        """
        words = sorted(set(text.split()), key=lambda w: (-len(w), w))[:3]
        return [*words, "~" + words[0][:4]] if words else []

    def add(self, text: str, number: int) -> None:
        """Remember entry ``number``."""
        self._texts.setdefault(text, number)
        for word in self._longest(text):
            self._by_word.setdefault(word, []).append(number)

    def candidates(self, text: str, most: int) -> list[int]:
        """Entries that could be like ``text``, the same text first.

        Besides that, the latest ``most`` that share one of its longest words.
        """
        found: set[int] = set()
        for word in self._longest(text):  # the latest of each word's, so a rare one counts
            found.update(self._by_word.get(word, ())[-most:])
        chosen = sorted(found)
        return [self._texts[text], *chosen] if text in self._texts else chosen


class _Similar:
    """Compares one title with many: the same words in the same order, bar two typos."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words = text.split()

    def to(self, other: str) -> bool:
        """Whether ``other`` is nearly the same as the title."""
        if other == self.text:
            return True
        if abs(len(other) - len(self.text)) > 8:  # two misspelt words differ by eight at most
            return False
        words = other.split()
        if len(words) != len(self._words):
            return False
        differing = [(a, b) for a, b in zip(words, self._words, strict=True) if a != b]
        return len(differing) <= 2 and all(_typo(a, b) for a, b in differing)


def _typo(a: str, b: str) -> bool:
    """A misspelling of one word (not another word): long enough, four letters in five alike."""
    if min(len(a), len(b)) < 4:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= 0.8
        and matcher.quick_ratio() >= 0.8
        and matcher.ratio() >= 0.8
    )


def _normal(title: str) -> str:
    """A title's words for comparing: folded, without accents, articles or thousands commas."""
    folded = title.casefold()
    plain = (
        folded  # most titles: nothing to take apart (ASCII has no accents)
        if folded.isascii()
        else "".join(
            ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
        )
    )
    plain = _THOUSANDS.sub("", plain)  # "£12,500" is "£12500"
    return " ".join(w for w in _WORD.findall(plain) if w not in _ARTICLES)


_ARTICLES = {"a", "an", "the"}
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= 50 else title[:49] + "…"


def write_refused(plan: ImportPlan, path: str | os.PathLike[str]) -> int:
    """Save the refused rows as CSV to fix and import again, each with its Problem first."""
    refused = plan.refused

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["Problem", *plan.headings])  # first: rows can be short or long
            for row in refused:
                writer.writerow([safe_cell(cell) for cell in [" ".join(row.problems), *row.cells]])

    write_atomically(path, write, "The file of refused rows")
    return len(refused)
