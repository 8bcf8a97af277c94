"""The Word chronology as a PDF, through LibreOffice when it is installed.

LibreOffice turns the document's outline (the title and section headings) into bookmarks, and
its links into PDF links, relative to the PDF as they are to the Word file. It lays out one
table of thousands of rows slowly: 434 s for 5,000 events (1,922 pages) here. So the document
it is given has the rows split into tables of a hundred (``SPLIT_ROWS``): 16 to 17 s for the
same events (``benchmarks/bench_pdf.py``). Each table repeats the header row, so every hundred
rows a header row stands where the tables meet, often mid-page; the Word file itself stays one
table.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timeline_app.core.errors import UserError
from timeline_app.core.exporting import write_atomically

SPLIT_ROWS = 100
"""Rows in each table of the document LibreOffice converts. Measured at 5,000 events
(``benchmarks/bench_pdf.py``, one run each): 21 s in tables of 25 rows, 17 to 28 s of 50,
16 to 17 s of 100, 35 s of 200."""
TIMEOUT_S = 900
"""How long a conversion may take before it is given up (a 20,000-event chronology takes
about two minutes)."""

_FILTER = {
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "ExportLinksRelativeFsys": {"type": "boolean", "value": "true"},
    "ExportNotes": {"type": "boolean", "value": "false"},
}

_WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_MAC_PLACE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


def libreoffice() -> str | None:
    """The LibreOffice program, if it is installed; None if not."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    places = _WINDOWS_PLACES if sys.platform == "win32" else (_MAC_PLACE,)
    return next((place for place in places if Path(place).is_file()), None)


def need_libreoffice() -> str:
    """The LibreOffice program.

    :raises UserError: it is not installed (in one sentence).
    """
    program = libreoffice()
    if program is None:
        raise UserError(
            "A PDF needs LibreOffice, which is not installed here: install it (it is free), "
            "or export to Word and save as PDF from Word."
        )
    return program


def docx_to_pdf(
    docx_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str], last_text: str = ""
) -> None:
    """Convert a Word file to ``pdf_path`` with LibreOffice, written safely into place.

    :param last_text: text that ends the document. LibreOffice 7.4 has been seen to leave out
        everything after the first page of a table (with rows kept whole, when a page is
        nearly full); the PDF is refused unless its last pages hold this text.
    :raises UserError: LibreOffice is not installed, or the conversion failed.
    """
    program = need_libreoffice()
    with tempfile.TemporaryDirectory(prefix="evidence-timeline-pdf-") as folder:
        work = Path(folder)
        source = work / "chronology.docx"
        shutil.copyfile(docx_path, source)
        command = [
            program,
            # A profile of its own: no clash with a LibreOffice the user has open.
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            f"pdf:writer_pdf_Export:{json.dumps(_FILTER)}",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise UserError(
                f"LibreOffice took more than {TIMEOUT_S // 60} minutes to make the PDF and was "
                "stopped; export fewer events, or save the Word file as PDF from Word."
            ) from error
        except OSError as error:
            raise UserError(f"LibreOffice could not be started ({error.strerror}).") from error
        made = work / "chronology.pdf"
        if not made.is_file():
            said = " ".join((done.stderr or done.stdout).split())[-300:]
            raise UserError(f"LibreOffice did not make the PDF ({said or 'it said nothing'}).")
        if last_text and not ends_with(made, last_text):
            raise UserError(
                "LibreOffice left part of the chronology out of the PDF (a fault of "
                "LibreOffice), so none was written; export to Word and save it as PDF from "
                "Word, or try portrait or fewer columns."
            )
        write_atomically(pdf_path, lambda temporary: _copy(made, temporary), "The PDF")


def _copy(made: Path, temporary: Path) -> None:
    shutil.copyfile(made, temporary)


def ends_with(pdf: Path, text: str, pages: int = 3) -> bool:
    """Whether ``text`` is on one of the last ``pages`` pages (spaces and line breaks aside)."""
    from pypdf import PdfReader  # noqa: PLC0415

    reader = PdfReader(pdf)
    found = "".join(page.extract_text() or "" for page in reader.pages[-pages:])
    return _squeezed(text) in _squeezed(found)


def _squeezed(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in "\u200d\u2011-")


def page_count(pdf_path: str | os.PathLike[str]) -> int:
    """The pages of a PDF we made."""
    from pypdf import PdfReader  # noqa: PLC0415  (only when a PDF is made)

    return len(PdfReader(Path(pdf_path)).pages)
