"""The one rendering of an event as a chronology row, for the table, the clipboard and exports.

Every place that shows or writes the chronology (the window's table, Copy as text, Word, CSV,
Excel) takes its cells from :class:`ChronologyRow`, so that a date, a list of people or a
bundle reference reads the same everywhere. The table form (:data:`TABLE_HEADINGS`,
:func:`table_cells`) is what CSV and Excel write, and what the spreadsheet import reads back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from timeline_app.core import dates
from timeline_app.core.model import (
    Category,
    Event,
    Party,
    Source,
    Status,
    date_to_iso,
    page_spans,
)

LIST_SEPARATOR = "; "
"""Between the people, or the references, of one event, wherever they are written in a line.

A semicolon, not a comma: a name may hold a comma ("Smith, John"; "Sopra Steria Ltd, UK")."""

SPAN_DASH = " – "
"""Between a span's date and its end date ("1 July 2018 – 30 September 2018")."""

VERSION_SUFFIX = "'s case"
"""A side's version of a disputed fact is headed "Claimant's case" in tables and exports."""

TABLE_HEADINGS = (
    "No.",
    "Date",
    "End date",
    "Earliest",
    "Latest",
    "Event",
    "Description",
    "Parties",
    "References",
    "Category",
    "Status",
    "Key",
)
"""The columns CSV and Excel always carry; each side's version and the privileged note follow."""

PRIVILEGED_HEADING = "Privileged note"


@dataclass(frozen=True, slots=True)
class ChronologyRow:
    """One event as the chronology shows it: every cell as text, in court style."""

    number: int
    """The event's number in the whole chronology (filters never renumber it)."""
    event_id: int | None
    date: str
    """The date in court style ("On or about 4 June 2018"; "Undated")."""
    end: str
    """A span's end date in court style, or ""."""
    title: str
    description: str
    parties: tuple[str, ...]
    references: tuple[str, ...]
    category: str
    status: Status
    key: bool
    versions: dict[str, str]
    """Each side's short version of a disputed fact, by side ("Claimant")."""
    privileged_note: str
    earliest: str
    """The first possible day (ISO), or "" when open."""
    latest: str
    """The last possible day (ISO), or "" when open."""
    undated: bool
    bundle_pages: tuple[tuple[str, int] | None, ...] = ()
    """For each reference, the bundle and the bundle page it starts at (("B", 345) for
    "B/12/345-347", the document's first page when no page is cited), where known."""

    @property
    def when(self) -> str:
        """The Date cell of a table: the date, and a span's end after a dash."""
        return f"{self.date}{SPAN_DASH}{self.end}" if self.end else self.date

    @property
    def parties_text(self) -> str:
        """The people, in one line."""
        return LIST_SEPARATOR.join(self.parties)

    @property
    def references_text(self) -> str:
        """The bundle references, in one line."""
        return LIST_SEPARATOR.join(self.references)


class RowMaker:
    """Renders events as rows, with the case's people, documents and categories at hand."""

    def __init__(
        self, parties: Iterable[Party], sources: Iterable[Source], categories: Iterable[Category]
    ) -> None:
        self._parties = {p.id: p.name for p in parties}
        self._sources = {s.id: s for s in sources}
        self._categories = {c.id: c.name for c in categories}

    def row(self, event: Event, number: int) -> ChronologyRow:
        """``event`` as row ``number`` of the chronology."""
        end = event.end if event.end is not None and not event.end.is_undated else None
        cited = [
            (self._sources[s.source_id], s.pinpoint)
            for s in event.sources
            if s.source_id in self._sources
        ]
        return ChronologyRow(
            number=number,
            event_id=event.id,
            date=dates.format(event.date),
            end=dates.format(end) if end is not None else "",
            title=event.title,
            description=event.description,
            parties=tuple(self._parties.get(p, "?") for p in event.party_ids),
            references=tuple(source.cite(pinpoint) for source, pinpoint in cited),
            category=self._categories.get(event.category_id, ""),
            status=event.status,
            key=event.key,
            versions={side: text for side, text in event.versions.items() if text.strip()},
            privileged_note=event.privileged_note,
            earliest=date_to_iso(event.date.earliest) or "",
            latest=date_to_iso(event.date.latest) or "",
            undated=event.date.is_undated,
            bundle_pages=tuple(_bundle_page(source, pinpoint) for source, pinpoint in cited),
        )


def _bundle_page(source: Source, pinpoint: str) -> tuple[str, int] | None:
    """The bundle and bundle page a citation starts at, when the document's place is known."""
    if not source.bundle_ref or source.first_page is None:
        return None
    spans = page_spans(pinpoint) if pinpoint.strip() else None
    page = source.first_page + (spans[0][0] - 1 if spans else 0)
    return source.bundle_ref.split("/")[0].strip(), page


def version_sides(rows: Iterable[ChronologyRow]) -> list[str]:
    """The sides whose versions the rows state: Claimant, then Defendant, then the rest."""
    found = {side for row in rows for side in row.versions}
    usual = [side for side in ("Claimant", "Defendant") if side in found]
    return usual + sorted(found - set(usual), key=str.casefold)


def table_headings(sides: Sequence[str], *, privileged: bool) -> list[str]:
    """The headings of the table form: the fixed columns, each side's case, a privileged note."""
    return [
        *TABLE_HEADINGS,
        *(f"{side}{VERSION_SUFFIX}" for side in sides),
        *([PRIVILEGED_HEADING] if privileged else []),
    ]


def table_cells(row: ChronologyRow, sides: Sequence[str], *, privileged: bool) -> list[str]:
    """The row's cells under :func:`table_headings` (No. as text, like every other cell)."""
    return [
        str(row.number),
        row.date,
        row.end,
        row.earliest,
        row.latest,
        row.title,
        row.description,
        row.parties_text,
        row.references_text,
        row.category,
        row.status.label,
        "yes" if row.key else "",
        *(row.versions.get(side, "") for side in sides),
        *([row.privileged_note] if privileged else []),
    ]


def clipboard_text(rows: Iterable[ChronologyRow]) -> str:
    """Rows as tab-separated lines for pasting into Word or Excel (line breaks as spaces)."""

    def one_line(text: str) -> str:
        return " ".join(text.split())

    return "\n".join(
        "\t".join(
            one_line(cell)
            for cell in (
                row.when,
                row.title,
                row.parties_text,
                row.references_text,
                row.category,
                row.status.label,
                "★" if row.key else "",
            )
        )
        for row in rows
    )
