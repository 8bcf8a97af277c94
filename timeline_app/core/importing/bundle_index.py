"""A bundle's index (tab, document, first page, last page), read from a CSV file or a workbook.

A bundle re-paginated for trial comes with a new index; ``services.bundles`` moves each
document of the case to its new place from it. An index is known by its headings: a tab, a
document, a first page and a last page, under any of the usual names.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline_app.core.importing.tabular import Table, display

_HEADINGS = {
    "tab": {"tab", "bundle tab", "place", "bundle reference", "bundle ref", "ref"},
    "document": {"document", "title", "description", "document title", "name"},
    "first": {"first page", "from", "start page", "page from", "from page", "first", "start"},
    "last": {"last page", "to", "end page", "page to", "to page", "last", "end"},
}
"""What each column of an index may be headed, folded to lower case and single spaces."""


@dataclass(frozen=True)
class IndexEntry:
    """One document of the index: where it is and which bundle pages it takes."""

    row: int
    """Its row in the file, as a spreadsheet program numbers it."""
    tab: str
    document: str
    first: int
    last: int

    @property
    def pages(self) -> int:
        """How many pages the document has."""
        return self.last - self.first + 1


@dataclass
class BundleIndex:
    """An index as read: its documents, and the rows that cannot be read, each in a sentence."""

    name: str
    entries: list[IndexEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _folded(heading: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", heading.casefold()))


def index_columns(headings: Sequence[str]) -> dict[str, int] | None:
    """Where the tab, document, first page and last page are; None if they are not all there."""
    found: dict[str, int] = {}
    for number, heading in enumerate(headings):
        for column, names in _HEADINGS.items():
            if column not in found and _folded(heading) in names:
                found[column] = number
                break
    return found if len(found) == len(_HEADINGS) else None


def _page(text: str) -> int | None:
    text = text.strip()
    if re.fullmatch(r"\d{1,6}(\.0+)?", text):  # a spreadsheet's 12 may read as 12.0
        return int(float(text))
    return None


def read_index(table: Table) -> BundleIndex:
    """The documents of an index whose headings :func:`index_columns` knows.

    A row whose pages are not whole numbers, run backwards, or whose tab or document is
    missing, is a problem; so is a document named twice, and pages two documents of one
    bundle share.

    :raises ValueError: the table's headings are not an index's (a bug: check first).
    """
    columns = index_columns(table.headings)
    if columns is None:
        raise ValueError(f"{table.name} has no tab, document, first page and last page")
    index = BundleIndex(table.name)
    named: dict[str, int] = {}
    for number, cells in zip(table.numbers, table.rows, strict=True):

        def cell(column: str, cells: list = cells) -> str:
            at = columns[column]
            return " ".join(display(cells[at]).split()) if at < len(cells) else ""

        tab, document = cell("tab"), cell("document")
        first, last = _page(cell("first")), _page(cell("last"))
        said = f"Row {number} of {table.name}"
        if not tab or not document:
            index.problems.append(f"{said} has no {'tab' if not tab else 'document'}.")
        elif first is None or last is None or first < 1:
            index.problems.append(
                f"{said} ({document}): its first and last pages must be page numbers "
                f"(it says {cell('first') or 'nothing'} and {cell('last') or 'nothing'})."
            )
        elif last < first:
            index.problems.append(
                f"{said} ({document}) ends on page {last}, before it starts ({first})."
            )
        elif document.casefold() in named:
            index.problems.append(
                f"{said} names {document} again (as row {named[document.casefold()]} does): "
                "the row is left out."
            )
        else:
            named[document.casefold()] = number
            index.entries.append(IndexEntry(number, tab, document, first, last))
    index.problems += _overlaps(index.entries, table.name)
    return index


def _overlaps(entries: Sequence[IndexEntry], name: str) -> list[str]:
    """Documents of one bundle whose pages overlap, each pair in a sentence."""
    said = []
    by_bundle: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        by_bundle.setdefault(entry.tab.rpartition("/")[0].casefold(), []).append(entry)
    for bundle in by_bundle.values():
        ordered = sorted(bundle, key=lambda e: e.first)
        for before, after in itertools.pairwise(ordered):
            if after.first <= before.last:
                said.append(
                    f"In {name}, {after.tab} ({after.document}) starts on page {after.first}, "
                    f"within {before.tab} ({before.document}, pages {before.first}-"
                    f"{before.last}): check the index."
                )
    return said
