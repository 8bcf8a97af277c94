"""Rebuild the published chronologies of sources.json as Word tables (run from the repository root).

Each becomes what arrives from the other side: a title, then a table with a heading row whose
event cells keep the publisher's paragraphs, split into two tables halfway (the second repeats
the heading row when the chronology has three columns, and carries straight on when it has two).
"""

from __future__ import annotations

import json
from pathlib import Path

import docx

HERE = Path(__file__).parent


def build(chronology: dict, out: Path) -> None:
    """One chronology as a .docx of two tables."""
    document = docx.Document()
    document.add_heading(chronology["title"], level=1)
    headings = chronology["headings"]
    rows = chronology["rows"]
    half = len(rows) // 2
    for part, chunk in enumerate((rows[:half], rows[half:])):
        repeat = part == 0 or len(headings) == 3
        table = document.add_table(rows=0, cols=len(headings))
        table.style = "Table Grid"
        if repeat:
            for cell, heading in zip(table.add_row().cells, headings, strict=True):
                cell.text = heading
        for row in chunk:
            cells = table.add_row().cells
            for cell, text in zip(cells, row[: len(headings)], strict=False):
                paragraphs = text.split("\n")
                cell.text = paragraphs[0]
                for more in paragraphs[1:]:
                    cell.add_paragraph(more)
        if part == 0 and len(headings) == 3:
            document.add_paragraph("")  # a page's end, as a table continued overleaf
    document.save(out)


if __name__ == "__main__":
    for item in json.loads((HERE / "sources.json").read_text(encoding="utf-8"))["chronologies"]:
        build(item, HERE / item["file"])
        print("wrote", item["file"])
