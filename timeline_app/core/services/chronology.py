"""The chronology read from a case, and written to Word, CSV or Excel: once, for every caller.

``chronology_rows`` is what the window's table, Copy as text and every export show;
``export_chronology`` is File ▸ Export chronology and ``main.py export``. The timeline picture
needs Qt, so the caller hands in the routine that draws it (a :data:`TimelinePainter`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from timeline_app.core.chronology import ChronologyRow, RowMaker
from timeline_app.core.errors import UserError
from timeline_app.core.exporting import FORMATS, TIMELINE_PICTURE, ExportOptions, Progress
from timeline_app.core.store import CaseStore, EventFilter

TimelinePainter = Callable[..., None]
"""Draws the case's timeline to a PNG: called with the path and :data:`TIMELINE_PICTURE`."""


@dataclass(frozen=True)
class Exported:
    """What an export wrote: how many events, and anything the user should know."""

    count: int
    notes: list[str] = field(default_factory=list)


def row_maker(store: CaseStore) -> RowMaker:
    """A :class:`RowMaker` with the case's people, documents and categories."""
    return RowMaker(store.parties(), store.sources(), store.categories())


def chronology_rows(store: CaseStore, where: EventFilter | None = None) -> list[ChronologyRow]:
    """The events that ``where`` lets through, as rows in court order.

    Each keeps its number in the whole chronology: a filter never renumbers an event.
    """
    where = where or EventFilter()
    events = store.events(where)
    maker = row_maker(store)
    if where == EventFilter():
        return [maker.row(event, number) for number, event in enumerate(events, start=1)]
    numbers = {event_id: number for number, event_id in enumerate(store.event_ids(), start=1)}
    return [maker.row(event, numbers[event.id]) for event in events if event.id in numbers]


def export_format(path: str | os.PathLike[str]) -> str:
    """The chronology format a file name asks for ("docx", "csv" or "xlsx").

    :raises UserError: the extension is none of them.
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise UserError(
            f"{Path(path).name} is not a Word document (.docx), a CSV file (.csv) or an Excel "
            "workbook (.xlsx); give the chronology one of those names."
        )
    return suffix


def export_chronology(
    store: CaseStore,
    path: str | os.PathLike[str],
    kind: str,
    options: ExportOptions | None = None,
    *,
    painter: TimelinePainter | None = None,
    progress: Progress | None = None,
) -> Exported:
    """Write the chronology to ``path`` as ``kind`` ("docx", "csv" or "xlsx").

    :param painter: draws the timeline picture when ``options.timeline`` asks for one (Word).
    :raises UserError: the file cannot be written.
    :raises CancelledError: ``progress`` returned False; no file was written.
    """
    options = options or ExportOptions()
    rows = chronology_rows(store, options.where)
    if kind == "csv":
        from timeline_app.core.exporting.csv import write_csv  # noqa: PLC0415

        write_csv(path, rows, privileged=options.privileged, progress=progress)
        return Exported(len(rows))
    if kind == "xlsx":
        from timeline_app.core.exporting.xlsx import write_xlsx  # noqa: PLC0415

        info = store.case_info()
        notes = write_xlsx(
            path,
            rows,
            title=f"Chronology — {info.title}",
            privileged=options.privileged,
            progress=progress,
        )
        return Exported(len(rows), notes)
    if kind != "docx":
        raise ValueError(f"unknown chronology format {kind!r}")
    # python-docx is slow to import: only when exporting to Word.
    from timeline_app.core.exporting.docx import write_docx  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        picture = None
        if options.timeline:
            if painter is None:
                raise ValueError("options.timeline needs a painter to draw the picture")
            picture = str(Path(folder) / "timeline.png")
            painter(picture, **TIMELINE_PICTURE)
        write_docx(
            path,
            store.case_info(),
            store.parties(),
            rows,
            options,
            timeline_png=picture,
            progress=progress,
        )
    return Exported(len(rows))
