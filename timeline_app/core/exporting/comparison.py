"""A comparison of two chronologies, written to Word (``compare --docx``) and JSON (``--json``).

The Word document lists what differs first (each side's words, one under the other), then
what only one side has, then how many events agree: what counsel reads before a call to agree
the chronology.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.core.exporting import write_atomically
from timeline_app.core.exporting.docx import clean

if TYPE_CHECKING:
    from timeline_app.core.services.compare import Comparison, Entry

_FIELD_NAMES = {
    "date": "date",
    "title": "event",
    "description": "description",
    "parties": "parties",
    "references": "references",
}


def write_json(comparison: Comparison, path: str | os.PathLike[str]) -> None:
    """The four lists of the comparison as one JSON object, written beside ``path`` and renamed."""
    data = comparison.to_json()

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)

    write_atomically(path, write, "The comparison")


def write_docx(comparison: Comparison, path: str | os.PathLike[str]) -> None:
    """The comparison as a Word document: a table per list, each side's words in its own column."""
    import docx  # noqa: PLC0415  (only this export needs it)

    from timeline_app.core.services.compare import Kind  # noqa: PLC0415

    document = docx.Document()
    ours, theirs = comparison.ours.name, comparison.theirs.name
    document.add_heading(clean(f"Comparison of {ours} and {theirs}"), level=1)
    document.add_paragraph(clean(comparison.summary()))
    sections = (
        (Kind.DIFFER, "Events in both whose dates or wording differ"),
        (Kind.ONLY_OURS, f"Events only in {ours}"),
        (Kind.ONLY_THEIRS, f"Events only in {theirs}"),
        (Kind.AGREED, "Events in both that agree"),
    )
    for kind, heading in sections:
        items = comparison.of(kind)
        document.add_heading(f"{heading} ({len(items):,})", level=2)
        if not items:
            continue
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, (f"{ours}", f"{theirs}", "Differs in"), strict=True
        ):
            cell.text = clean(text)
        for item in items:
            cells = table.add_row().cells
            cells[0].text = _side(item.ours)
            cells[1].text = _side(item.theirs)
            cells[2].text = ", ".join(_FIELD_NAMES[f] for f in item.fields)

    def write(temporary: Path) -> None:
        document.save(str(temporary))

    write_atomically(path, write, "The comparison")


def _side(entry: Entry | None) -> str:
    if entry is None:
        return "—"
    return clean(f"{entry.number}. {entry.in_words()}")
