"""Builders for the files users import: CSV in any encoding, Excel workbooks, Word documents."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

import openpyxl


def xlsx_bytes(
    rows: Sequence[Sequence[object]],
    *,
    merge: Sequence[str] = (),
    cached: dict[str, str] | None = None,
) -> bytes:
    """A workbook with ``rows`` on its first sheet; ``merge`` areas merged.

    openpyxl saves formulas without a result; ``cached`` gives some cells (by coordinate) the
    result Excel would have saved with them.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Chronology"
    for row in rows:
        sheet.append(list(row))
    for area in merge:
        sheet.merge_cells(area)
    buffer = io.BytesIO()
    book.save(buffer)
    if not cached:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for coordinate, value in cached.items():
                    text = re.sub(
                        rf'<c r="{coordinate}"[^>]*>(<f>.*?</f>)(?:<v\s*/>|<v></v>)?',
                        rf'<c r="{coordinate}" t="str">\1<v>{value}</v>',
                        text,
                    )
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()
