"""A comparison of two chronologies, written to Word (``compare --docx``) and JSON (``--json``).

The Word document lists what differs first (each side's words, one under the other), then
what only one side has, then how many events agree: what counsel reads before a call to agree
the chronology.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from timeline_app.core.comparison import Kind
from timeline_app.core.exporting import write_atomically
from timeline_app.core.exporting.docx import clean

if TYPE_CHECKING:
    from timeline_app.core.comparison import Comparison, Entry

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
        rows: list[tuple[str, ...]]
        if kind is Kind.AGREED:  # the same on both sides: the numbers and the event, once
            rows = [
                (str(i.ours.number), str(i.theirs.number), f"{i.ours.date}: {i.ours.title}")
                for i in items
                if i.ours is not None and i.theirs is not None
            ]
            _table(document, ("Ours", "Theirs", "Event"), rows, (1.9, 1.9, 12.2))
        elif kind is Kind.DIFFER:
            rows = [
                (
                    _side(i.ours),
                    _side(i.theirs),
                    ", ".join(_FIELD_NAMES[f] for f in i.fields),
                )
                for i in items
            ]
            _table(document, (ours, theirs, "Differs in"), rows, (6.8, 6.8, 2.4))
        else:
            rows = [(_side(i.ours or i.theirs),) for i in items]
            _table(document, (ours if kind is Kind.ONLY_OURS else theirs,), rows, (16.0,))

    def write(temporary: Path) -> None:
        document.save(str(temporary))

    write_atomically(path, write, "The comparison")


def _table(
    document: Any,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
) -> None:
    """A ruled table: its heading row, then the rows, each column as wide as given (cm).

    The rows are written as XML and parsed once: python-docx's own cells take minutes for
    thousands of rows (DESIGN.md §6).
    """
    from docx.oxml import parse_xml  # noqa: PLC0415
    from docx.oxml.ns import nsdecls, qn  # noqa: PLC0415
    from docx.shared import Cm  # noqa: PLC0415

    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for cell, text, width in zip(table.rows[0].cells, headings, widths, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(clean(text)).bold = True
    twips = [round(width / 2.54 * 1440) for width in widths]
    body = "".join(
        "<w:tr>"
        + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
            + "".join(
                f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
                for line in (clean(text).split("\n") or [""])
            )
            + "</w:tc>"
            for text, w in zip(row, twips, strict=True)
        )
        + "</w:tr>"
        for row in rows
    )
    table._tbl.extend(parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>").findall(qn("w:tr")))


def _side(entry: Entry | None) -> str:
    if entry is None:
        return "—"
    return clean(f"{entry.number}. {entry.in_words()}")
