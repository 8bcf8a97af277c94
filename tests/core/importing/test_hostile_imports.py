"""No small file can take the machine: bombs, far-flung cells and huge merges are refused in words.

Each hostile file is made by the test, then imported by ``main.py import`` in a child process
with its address space capped and a time limit: it must answer (exit 0 or 2, no traceback)
within both, and leave the case as it was.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import run_capped
from timeline_app.core.importing import limits

MAIN = Path(__file__).resolve().parents[3] / "main.py"
MOST_MEMORY = 500 * 2**20
MOST_SECONDS = 10


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(package: bytes, name: str, write: Callable[[zipfile.ZipFile], None]) -> bytes:
    """A copy of a zip with one part replaced (written by ``write``)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item))
        write(target)
    return out.getvalue()


def stream(target: zipfile.ZipFile, name: str, head: bytes, filler: bytes, size: int, tail: bytes):
    with target.open(name, "w", force_zip64=True) as part:
        part.write(head)
        chunk = filler * (1 << 20 // len(filler))
        for _ in range(size // len(chunk)):
            part.write(chunk)
        part.write(tail)


GOOD = [["Date", "Event"], ["1 May 2019", "Contract signed"]]
SHEET = "xl/worksheets/sheet1.xml"


def far_cell(path: Path) -> str:
    book = openpyxl.Workbook()
    for row in GOOD:
        book.active.append(row)
    book.active["XFD1048576"] = "x"
    book.save(path)
    return "has a value in XFD1048576, beyond column ALL"


def merged_everywhere(path: Path) -> str:
    package = workbook(GOOD)
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        sheet = source.read(SHEET).replace(
            b"</sheetData>",
            b'</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>',
        )
    path.write_bytes(with_part(package, SHEET, lambda z: z.writestr(SHEET, sheet)))
    return "has merged cells covering 17,179,836,416 cells in one sheet"


def sheet_bomb(path: Path) -> str:
    package = workbook(GOOD)
    path.write_bytes(
        with_part(
            package,
            SHEET,
            lambda z: stream(
                z, SHEET, b"<worksheet><sheetData>", b" ", 64 << 20, b"</sheetData></worksheet>"
            ),
        )
    )
    return "packed"


def too_big_unpacked(path: Path) -> str:
    package = workbook(GOOD)

    def write(target: zipfile.ZipFile) -> None:
        for part in range(3):  # three parts, each under the ratio, together over the limit
            with target.open(f"xl/media/image{part}.bin", "w", force_zip64=True) as out:
                for block in range(100):
                    out.write(hashlib.sha512(f"{part}-{block}".encode()).digest() * 16384)
        with zipfile.ZipFile(io.BytesIO(package)) as source:
            target.writestr(SHEET, source.read(SHEET))

    path.write_bytes(with_part(package, SHEET, write))
    return "would unpack to"


def word_bomb(path: Path) -> str:
    import docx

    document = docx.Document()
    document.add_paragraph("On 1 May 2019 the contract was signed.")
    out = io.BytesIO()
    document.save(out)
    body = "word/document.xml"
    path.write_bytes(
        with_part(
            out.getvalue(),
            body,
            lambda z: stream(z, body, b"<w:document>", b"\t", 64 << 20, b"</w:document>"),
        )
    )
    return "packed"


def huge_csv_cell(path: Path) -> str:
    path.write_bytes(b"Date,Event\n1 May 2019," + b"x" * (20 << 20) + b"\n")
    return "cannot be read as CSV at line 2"


HOSTILE: dict[str, tuple[str, Callable[[Path], str]]] = {
    "cell at XFD1048576": ("far.xlsx", far_cell),
    "merged across the sheet": ("merged.xlsx", merged_everywhere),
    "sheet bomb": ("bomb.xlsx", sheet_bomb),
    "too much unpacked": ("big.xlsx", too_big_unpacked),
    "word bomb": ("bomb.docx", word_bomb),
    "20 MB cell": ("huge.csv", huge_csv_cell),
}


@pytest.mark.slow
@pytest.mark.parametrize("hostile", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_file_is_refused_in_words_within_bounds(hostile: str, tmp_path: Path) -> None:
    name, make = HOSTILE[hostile]
    file = tmp_path / name
    words = make(file)
    case = tmp_path / "case.case"
    subprocess.run([sys.executable, str(MAIN), "demo", str(case)], check=True, capture_output=True)
    before = hashlib.sha256(case.read_bytes()).hexdigest()
    result, seconds, peak = run_capped("import", str(case), str(file))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert words in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert seconds < MOST_SECONDS and peak < MOST_MEMORY, (seconds, peak)
    assert hashlib.sha256(case.read_bytes()).hexdigest() == before


def test_a_styled_empty_cell_far_away_is_not_a_row_of_a_billion_cells(tmp_path: Path) -> None:
    from timeline_app.core.importing import tabular

    book = openpyxl.Workbook()
    for row in GOOD:
        book.active.append(row)
    book.active["XFD1048576"].number_format = "0.00"  # formatted, nothing in it
    out = io.BytesIO()
    book.save(out)
    table = tabular.read_xlsx(out.getvalue(), "styled.xlsx")
    assert table.headings == ["Date", "Event"] and len(table.rows) == 1


def test_the_merged_cells_of_a_sheet_are_counted_from_its_xml() -> None:
    xml = b'<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="C10:C12"/></mergeCells>'
    assert limits.merged_cells(io.BytesIO(xml)) == 4 + 3
    split = io.BytesIO(b" " * ((1 << 16) - 10) + xml)  # a tag cut by the reading
    assert limits.merged_cells(split) == 7
