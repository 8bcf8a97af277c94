"""The chronology as CSV, safe to open in Excel (no cell is read as a formula)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from timeline_app.core import dates
from timeline_app.core.exporting import write_atomically
from timeline_app.core.model import date_to_iso
from timeline_app.core.store import CaseStore, EventFilter

HEADER = (
    "No.",
    "Date",
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
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What a spreadsheet may take as the start of a formula (a line break may hide one); such a
cell gets a leading apostrophe."""


def safe_cell(text: str) -> str:
    """A cell Excel shows as text: one that would start a formula gets a leading apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def export_csv(
    store: CaseStore, path: str | os.PathLike[str], where: EventFilter | None = None
) -> int:
    """Write the chronology to ``path`` (UTF-8 with a BOM, for Excel); return the row count.

    Privileged notes are never written. The file is written beside ``path`` and renamed.
    """
    parties = {p.id: p.name for p in store.parties()}
    sources = {s.id: s for s in store.sources()}
    categories = {c.id: c.name for c in store.categories()}
    events = store.events(where)

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(HEADER)
            for number, event in enumerate(events, start=1):
                writer.writerow(
                    [
                        safe_cell(text)
                        for text in (
                            str(number),
                            dates.format(event.date),
                            date_to_iso(event.date.earliest) or "",
                            date_to_iso(event.date.latest) or "",
                            event.title,
                            event.description,
                            "; ".join(parties.get(p, "") for p in event.party_ids),
                            "; ".join(
                                sources[s.source_id].cite(s.pinpoint)
                                for s in event.sources
                                if s.source_id in sources
                            ),
                            categories.get(event.category_id, ""),
                            event.status.label,
                            "yes" if event.key else "",
                        )
                    ]
                )

    write_atomically(path, write, "The CSV file")
    return len(events)
