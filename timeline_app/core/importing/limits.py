"""The most any file to import may hold, checked before (or while) it is read.

A small file must not be able to take the machine: a workbook or Word document is a zip, and
its parts are measured before anything unpacks them; a sheet's merged areas and cells are
counted from its own XML, not from what it claims; rows, columns and paragraphs are counted as
they are read. Each limit stands well above what a real bundle needs (100,000 rows, a
10,000-page document) and is refused with a sentence that names it and what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO

from timeline_app.core.errors import UserError

LARGEST_FILE = 256 * 1024 * 1024
"""Bytes in a file to import (a 100,000-row CSV is about 30 MB)."""
LARGEST_UNPACKED = 256 * 1024 * 1024
"""Bytes in all the parts of a workbook or Word document, unpacked (100,000 rows of 12
columns are about 70 MB)."""
MOST_PACKED = 100
"""How many times its packed size a part may unpack to (XML packs about 10 to 20 times)."""
MOST_ROWS = 1_000_000
MOST_COLUMNS = 1_000
MOST_CELLS = 5_000_000
"""Cells with something in them, in one sheet."""
MOST_MERGED = 1_000_000
"""Cells covered by a sheet's merged areas, all together."""
MOST_PARAGRAPHS = 1_000_000

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def check_package(data: bytes, name: str, what: str) -> None:
    """Refuse a zip whose parts would unpack to too much, before anything unpacks them.

    :param what: what the file is, for the sentence ("Excel workbook", "Word document").
    :raises UserError: not a zip, or a part too large or packed too tightly to be real.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise UserError(
            f"{name} cannot be read as an {what}: it is damaged or not really one."
        ) from error
    total = sum(part.file_size for part in parts)
    if total > LARGEST_UNPACKED:
        raise UserError(
            f"{name} would unpack to {total / 2**20:,.0f} MB, more than the "
            f"{LARGEST_UNPACKED // 2**20} MB an {what} to import may hold. Split it, or save "
            "the part you need as a file of its own."
        )
    for part in parts:
        times = part.file_size // max(part.compress_size, 1)
        if part.file_size > 1024 * 1024 and times > MOST_PACKED:
            raise UserError(
                f"{name} holds a part ({part.filename}) packed {times:,} times over, which no "
                f"real {what} is (a 'zip bomb'); it was not opened."
            )


def merged_cells(sheet_xml: IO[bytes]) -> int:
    """How many cells a sheet's merged areas cover, counted from its XML as it streams."""
    covered, tail = 0, b""
    while chunk := sheet_xml.read(1 << 16):
        text = tail + chunk
        end = 0
        for found in _MERGE.finditer(text):
            first, first_row, last, last_row = found.groups()
            covered += (int(last_row) - int(first_row) + 1) * (_column(last) - _column(first) + 1)
            end = found.end()
        tail = text[max(end, len(text) - 256) :]  # a tag cut in two is found whole next time
    return covered


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_merged(data: bytes, name: str) -> None:
    """Refuse a workbook whose merged areas cover more cells than a real sheet's would.

    openpyxl makes an object for every cell of a merged area as it loads, so a 1.5 KB file
    merging A1:XFD1048576 would take gigabytes before a row is read.

    :raises UserError: the areas of one sheet cover more than :data:`MOST_MERGED` cells.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for part in package.infolist():
            if not part.filename.startswith("xl/worksheets/") or not part.filename.endswith(".xml"):
                continue
            with package.open(part) as sheet:
                covered = merged_cells(sheet)
            if covered > MOST_MERGED:
                raise UserError(
                    f"{name} has merged cells covering {covered:,} cells in one sheet, more than "
                    f"the {MOST_MERGED:,} a real chronology could have. Unmerge them in Excel "
                    "(Home ▸ Merge & Center) and import it again."
                )
