"""The chronology as CSV, safe to open in Excel (no cell is read as a formula).

The columns are the chronology's table form (:func:`timeline_app.core.chronology.table_headings`),
which the spreadsheet import reads back field for field.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

from timeline_app.core.chronology import ChronologyRow, table_cells, table_headings, version_sides
from timeline_app.core.errors import CancelledError
from timeline_app.core.exporting import Progress, write_atomically

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What a spreadsheet may take as the start of a formula (a line break may hide one); such a
cell gets a leading apostrophe."""


def safe_cell(text: str) -> str:
    """A cell Excel shows as text: one that would start a formula gets a leading apostrophe.

    So does one that starts with apostrophes before such a character, or the import, which
    takes one apostrophe off, would change it.
    """
    return f"'{text}" if text.lstrip("'").startswith(FORMULA_START) else text


def write_csv(
    path: str | os.PathLike[str],
    rows: Sequence[ChronologyRow],
    *,
    privileged: bool = False,
    progress: Progress | None = None,
) -> None:
    """Write the rows to ``path`` (UTF-8 with a BOM, for Excel), beside it and renamed.

    :param privileged: add the privileged notes as a column (never written otherwise).
    :raises CancelledError: ``progress`` returned False.
    """
    sides = version_sides(rows)

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(table_headings(sides, privileged=privileged))
            for done, row in enumerate(rows):
                if progress is not None and done % 5000 == 0 and not progress(done, len(rows)):
                    raise CancelledError("The export was cancelled; no file was written.")
                writer.writerow(
                    [safe_cell(cell) for cell in table_cells(row, sides, privileged=privileged)]
                )

    write_atomically(path, write, "The CSV file")
