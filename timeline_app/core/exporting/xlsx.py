"""The chronology as an Excel workbook (openpyxl writes here; the import reads with it too).

One sheet, the chronology's table form (:func:`timeline_app.core.chronology.table_headings`):
the heading row bold and frozen, with a filter; every cell text, so that nothing is read as a
formula or a number, and the spreadsheet import reads it back field for field. Written in
openpyxl's write-only mode, a row at a time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from timeline_app.core.chronology import ChronologyRow, table_cells, table_headings, version_sides
from timeline_app.core.errors import CancelledError
from timeline_app.core.exporting import Progress, write_atomically

EXCEL_CELL_LIMIT = 32767
"""The most characters an Excel cell holds; Excel calls a file with more damaged."""
_WIDTHS = {"Date": 28, "End date": 20, "Event": 50, "Description": 60, "Parties": 30}


def write_xlsx(
    path: str | os.PathLike[str],
    rows: Sequence[ChronologyRow],
    *,
    title: str = "Chronology",
    privileged: bool = False,
    progress: Progress | None = None,
) -> list[str]:
    """Write the rows to ``path`` as a workbook; return notes for the user (cells cut short).

    :param title: the workbook's title (its document properties).
    :param privileged: add the privileged notes as a column (never written otherwise).
    :raises CancelledError: ``progress`` returned False.
    """
    from openpyxl import Workbook  # noqa: PLC0415  (slow to import: only when exporting)
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    sides = version_sides(rows)
    headings = table_headings(sides, privileged=privileged)
    cut: list[str] = []

    def cells(values: Sequence[str], sheet: object, *, heading: bool, number: int) -> list:
        made = []
        for column, value in enumerate(values):
            text = ILLEGAL_CHARACTERS_RE.sub("", value)
            if len(text) > EXCEL_CELL_LIMIT:
                cut.append(f"No. {number}, {headings[column]}")
                text = text[: EXCEL_CELL_LIMIT - 1] + "…"
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # text, even "=1+1" or "007"
            if heading:
                cell.font = Font(bold=True)
            elif "\n" in text:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            made.append(cell)
        return made

    def write(temporary: Path) -> None:
        book = Workbook(write_only=True)
        book.properties.title = ILLEGAL_CHARACTERS_RE.sub("", title)[:255]
        book.properties.creator = "Evidence Timeline"
        sheet = book.create_sheet("Chronology")
        sheet.freeze_panes = "A2"
        for column, heading in enumerate(headings, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(heading, 14)
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{len(rows) + 1}"
        sheet.append(cells(headings, sheet, heading=True, number=0))
        for done, row in enumerate(rows):
            if progress is not None and done % 2000 == 0 and not progress(done, len(rows)):
                raise CancelledError("The export was cancelled; no file was written.")
            values = table_cells(row, sides, privileged=privileged)
            sheet.append(cells(values, sheet, heading=False, number=row.number))
        book.save(temporary)

    write_atomically(path, write, "The Excel workbook")
    if not cut:
        return []
    shown = ", ".join(cut[:5]) + (f" and {len(cut) - 5} more" if len(cut) > 5 else "")
    return [
        f"{len(cut)} cell{'s' * (len(cut) != 1)} held more than Excel's {EXCEL_CELL_LIMIT:,} "
        f"characters and {'were' if len(cut) != 1 else 'was'} cut short ({shown}); the Word "
        "and CSV exports keep them whole."
    ]
