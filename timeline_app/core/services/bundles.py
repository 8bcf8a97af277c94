"""A bundle re-paginated: each document of the case moved to its place in the new index.

An event cites a document and a page within it (its pinpoint); the bundle page is the
document's first page plus that page. So when each document takes its new tab and first page,
every reference follows it. References to a page the document no longer has are listed; served
versions keep their references as they were served.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field

from timeline_app.core.errors import UserError
from timeline_app.core.importing.bundle_index import (
    BundleIndex,
    IndexEntry,
    index_columns,
    read_index,
)
from timeline_app.core.importing.tabular import Table
from timeline_app.core.model import Source, page_spans
from timeline_app.core.store import CaseStore

SHOWN = 20
"""References outside their document listed one by one; past that, counted."""


@dataclass
class Repagination:
    """What a new index does to the case's documents, worked out before anything changes."""

    index: BundleIndex
    moves: list[tuple[Source, Source]] = field(default_factory=list)
    """Each document that moves: as it is, and as it will be."""
    unchanged: int = 0
    """Documents of the index already at their place."""
    unknown: list[IndexEntry] = field(default_factory=list)
    """Documents of the index the case does not have (left as they are: none is added)."""
    outside: list[str] = field(default_factory=list)
    """References that cite a page past the end of their document once moved, in sentences."""

    @property
    def moved(self) -> list[Source]:
        """The documents as they will be."""
        return [after for _, after in self.moves]

    @property
    def previous(self) -> list[Source]:
        """The documents as they were, to put back."""
        return [before for before, _ in self.moves]


def index_of(table: Table | None, name: str) -> BundleIndex:
    """The bundle index ``table`` holds (None: the file is not a table at all).

    :raises UserError: it is not an index, or none of its rows can be read.
    """
    if table is None or index_columns(table.headings) is None:
        raise UserError(
            f"{name} is not a bundle index: it needs the columns Tab, Document, First page and "
            "Last page (a CSV file or an Excel workbook)."
        )
    index = read_index(table)
    if not index.entries:
        raise UserError(
            f"No document of {name} can be read: "
            + " ".join(index.problems[:3] or ["it has no rows."])
        )
    return index


def open_index(path: str | os.PathLike[str]) -> BundleIndex:
    """The bundle index in the file at ``path`` (CSV, or an Excel workbook's first sheet).

    :raises UserError: the file cannot be read, or is not an index.
    """
    from timeline_app.core import importing  # noqa: PLC0415  (only when a bundle is read)
    from timeline_app.core.importing import tabular  # noqa: PLC0415

    file = importing.open_file(path)
    table = None
    if file.kind == "csv":
        table = tabular.read_csv(file.data, file.name)
    elif file.kind == "xlsx":
        table = tabular.read_xlsx(file.data, file.name)
    return index_of(table, file.name)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def plan_repagination(store: CaseStore, index: BundleIndex) -> Repagination:
    """Match the index's documents with the case's, by title, else by their tab as it is.

    Nothing in the case changes.
    """
    plan = Repagination(index)
    sources = store.sources()
    by_title: dict[str, list[Source]] = {}
    for source in sources:
        by_title.setdefault(_key(source.title), []).append(source)
    by_place = {_key(source.bundle_ref): source for source in sources if source.bundle_ref}
    taken: set[int | None] = set()
    pages: dict[int | None, IndexEntry] = {}
    for entry in index.entries:
        named = [s for s in by_title.get(_key(entry.document), []) if s.id not in taken]
        if len(named) > 1:  # two documents of one title: the one at the same tab, if any
            named = [s for s in named if _key(s.bundle_ref) == _key(entry.tab)] or named[:1]
        found = named[0] if named else by_place.get(_key(entry.tab))
        if found is None or found.id in taken:
            plan.unknown.append(entry)
            continue
        taken.add(found.id)
        pages[found.id] = entry
        moved = dataclasses.replace(found, bundle_ref=entry.tab, first_page=entry.first)
        if moved == found:
            plan.unchanged += 1
        else:
            plan.moves.append((found, moved))
    plan.outside = _outside(store, pages)
    return plan


def _outside(store: CaseStore, pages: dict[int | None, IndexEntry]) -> list[str]:
    """Each reference citing a page past its document's last page in the new index."""
    said = []
    numbers: dict[int | None, int] = {
        event_id: number for number, event_id in enumerate(store.event_ids(), start=1)
    }
    for event in store.events():
        for link in event.sources:
            entry = pages.get(link.source_id)
            spans = page_spans(link.pinpoint) if entry is not None else None
            if entry is None or spans is None:
                continue
            furthest = max(end for _, end in spans)
            if furthest > entry.pages:
                said.append(
                    f"No. {numbers.get(event.id, '?')} “{event.title}” cites page {furthest} of "
                    f"{entry.document}, which has {entry.pages} "
                    f"{'page' if entry.pages == 1 else 'pages'} at {entry.tab} "
                    f"({entry.first}-{entry.last})."
                )
    return said


def repaginate(store: CaseStore, plan: Repagination) -> None:
    """Move the documents as ``plan`` says, in one transaction.

    Undone by putting ``plan.previous`` back with :meth:`CaseStore.update_sources`.
    """
    if plan.moves:
        store.update_sources(plan.moved)
