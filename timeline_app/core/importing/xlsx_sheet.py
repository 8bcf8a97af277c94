"""An Excel worksheet's cells, streamed from its XML in openpyxl's read-only mode.

Only the cells the sheet holds are kept (not an object per cell of its used range, as
openpyxl's full mode makes), merged areas are read from the sheet's own list of them, and
the results Excel saved with formulas are read in a second pass only when there are any.
:func:`~timeline_app.core.importing.tabular.read_xlsx` turns them into a table.
"""

from __future__ import annotations

import io
import itertools
import logging
import warnings
from collections.abc import Iterator
from typing import Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

from timeline_app.core.errors import UserError
from timeline_app.core.importing import limits

log = logging.getLogger(__name__)

_NOTHING = (None, "n")
"""A cell the sheet does not hold (or one a merge covers): no value, not a formula."""


class SheetCells:
    """The cells a worksheet holds, streamed from its XML by openpyxl's read-only parser.

    Read from the cells the sheet holds, never from the used range it claims: a sheet whose
    one cell sits at XFD1048576 is one row, not a billion cells. A merge's cells other than
    its first are empty, as Excel shows them.

    Attributes:
        filled_down: (row, column) of each cell below a merge's first, with the merge's
            value and its area ("A2:A4").
        banners: (row, first column) of each merge across one row: its last column.
        results: each formula's saved result, by (row, column).

    """

    def __init__(self, book: Workbook, worksheet: ReadOnlyWorksheet, name: str) -> None:
        """Read the sheet.

        :raises UserError: it is damaged, or holds more rows, columns or cells than a
            chronology could have.
        """
        self._book, self._worksheet, self._name = book, worksheet, name
        self._by_row: dict[int, dict[int, tuple[object, str]]] = {}
        self.filled_down: dict[tuple[int, int], tuple[object, str]] = {}
        self.banners: dict[tuple[int, int], int] = {}
        self.results: dict[tuple[int, int], object] = {}
        self.widest = 0
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a date cell out of range reads as an error
                self._read_all()
        except UserError:
            raise
        except Exception as error:  # whatever a damaged sheet makes openpyxl raise
            raise _damaged(name, error) from error

    def _read_all(self) -> None:
        """The cells, the formulas' results if there are formulas, and the merged areas."""
        merged = self._read()
        formulas = {
            (row, column)
            for row, cells in self._by_row.items()
            for column, (_, data_type) in cells.items()
            if data_type == "f"
        }
        if formulas:
            self.results = self._results(formulas)
        for area in merged:
            first = self._by_row.get(area.min_row, {}).get(area.min_col, _NOTHING)
            value = self.results.get((area.min_row, area.min_col)) if first[1] == "f" else first[0]
            for row in range(area.min_row + 1, area.max_row + 1):
                self.filled_down[row, area.min_col] = (value, area.coord)
            if area.min_row == area.max_row and area.max_col > area.min_col:
                self.banners[area.min_row, area.min_col] = area.max_col

    def _parser(self, *, data_only: bool, source: Any) -> WorkSheetParser:
        return WorkSheetParser(
            source,
            self._worksheet._shared_strings,
            data_only=data_only,
            epoch=self._book.epoch,
            date_formats=self._book._date_formats,
            timedelta_formats=self._book._timedelta_formats,
        )

    def _read(self) -> list[Any]:
        """Keep the cells the sheet holds; its merged areas."""
        name, filled = self._name, 0
        with self._worksheet._get_source() as source:
            parser = self._parser(data_only=False, source=source)
            for row, cells in parser.parse():
                kept = self._by_row.setdefault(row, {})
                for cell in cells:
                    column, value = cell["column"], cell["value"]
                    kept[column] = (value, cell["data_type"])
                    if value is None:
                        continue
                    filled += 1
                    if column > limits.MOST_COLUMNS:
                        raise UserError(
                            f"{name} has a value in {get_column_letter(column)}{row}, beyond "
                            f"column {get_column_letter(limits.MOST_COLUMNS)}: a chronology has "
                            "far fewer columns. Delete the far columns in Excel and import it "
                            "again."
                        )
                    self.widest = max(self.widest, column)
                if filled > limits.MOST_CELLS or len(self._by_row) > limits.MOST_ROWS:
                    raise UserError(
                        f"{name} holds over {filled:,} cells in {len(self._by_row):,} rows, "
                        f"more than the {limits.MOST_ROWS:,} rows or {limits.MOST_CELLS:,} "
                        "cells an import may hold. Split it into several files."
                    )
        merges = parser.merged_cells.mergeCell if parser.merged_cells is not None else []
        areas = [CellRange(merge.ref) for merge in merges]
        for area in areas:  # as Excel shows it: the merge's other cells are empty
            for row, column in itertools.islice(area.cells, 1, None):
                self._by_row.setdefault(row, {})[column] = _NOTHING
        if areas:  # a value the merge hid may have been the furthest
            self.widest = max(
                (
                    c
                    for cells in self._by_row.values()
                    for c, (v, _) in cells.items()
                    if v is not None
                ),
                default=0,
            )
        return areas

    def _results(self, formulas: set[tuple[int, int]]) -> dict[tuple[int, int], object]:
        """The results Excel saved with these formulas (None where it saved none)."""
        found: dict[tuple[int, int], object] = {}
        with self._worksheet._get_source() as source:
            for row, cells in self._parser(data_only=True, source=source).parse():
                for cell in cells:
                    if (row, cell["column"]) in formulas:
                        found[row, cell["column"]] = cell["value"]
        return found

    def rows(self) -> Iterator[tuple[int, list[tuple[object, str]]]]:
        """Each row that holds cells, in order, from column A to the last with a value."""
        for row, cells in sorted(self._by_row.items()):
            yield row, [cells.get(column, _NOTHING) for column in range(1, self.widest + 1)]


def open_workbook(data: bytes, name: str) -> Workbook:
    """The workbook in read-only mode, its sheets not yet read (close it when done).

    :raises UserError: it cannot be read as a workbook.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            reader = _Reader(io.BytesIO(data), read_only=True)
            reader.read()
    except Exception as error:  # whatever a damaged file makes openpyxl raise
        raise _damaged(name, error) from error
    return reader.wb


class _Sheet(ReadOnlyWorksheet):
    """A read-only sheet that is not parsed on opening to learn its size."""

    def _get_size(self) -> None:
        """Nothing: openpyxl would read the whole of a sheet that does not state its size."""


class _Reader(ExcelReader):
    """openpyxl's reader in read-only mode, its sheets :class:`_Sheet`."""

    def read_worksheets(self) -> None:
        """Each sheet, as openpyxl's read-only mode lists them (chart sheets too)."""
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            worksheet = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)


def _damaged(name: str, error: Exception) -> UserError:
    log.info("cannot read %s as a workbook: %r", name, error)
    return UserError(
        f"{name} cannot be read as an Excel workbook: it is damaged, "
        "password-protected or not really .xlsx. Nothing was imported."
    )
