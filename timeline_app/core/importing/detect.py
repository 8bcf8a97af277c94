"""What a file really is, from its first bytes, whatever its name says."""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from pathlib import PurePath

from timeline_app.core.errors import UserError
from timeline_app.core.textfile import decode

_BY_EXTENSION = {
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".docx": "docx",
    ".case": "case",
    ".sqlite": "case",
    ".db": "case",
}
_NAMES = {
    "csv": "a CSV file",
    "xlsx": "an Excel workbook",
    "json": "a JSON file",
    "text": "a text file",
    "docx": "a Word document",
    "case": "a case file",
}
_FOREIGN = [
    (b"%PDF", "a PDF"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file (.doc or .xls)"),
    (b"\x89PNG", "a picture"),
    (b"\xff\xd8\xff", "a picture"),
    (b"GIF8", "a picture"),
    (b"{\\rtf", "an RTF document"),
]


def _content(data: bytes) -> str | None:
    """The format the bytes themselves show, or None for plain text of either kind."""
    if data.startswith(b"SQLite format 3\x00"):
        return "case"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "zip"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        return "zip"
    for magic, _what in _FOREIGN:
        if data.startswith(magic):
            return "foreign"
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") or (
        stripped.startswith(b"[") and stripped[1:].lstrip().startswith((b"{", b"["))
    ):
        return "json"
    return None


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MBOX = re.compile(rb"From \S+ +\S.*\d\d:\d\d")
_HEADER = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{1,40}):[ \t]?[^\r\n]*\r?\n", re.M)
_MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"received", b"cc"}
_MAIL_HEADERS |= {b"return-path", b"mime-version", b"reply-to", b"in-reply-to", b"sender"}


def holds_emails(name: str, head: bytes) -> bool:
    """Whether a file is emails: an .eml, .mbox or .msg, or content that starts as one.

    An Outlook message is an OLE file named .msg (an old Word file is one too, not named so);
    a mailbox starts with a "From sender date" line; an email with its headers (From:,
    Subject:, Date: …), two at least, before the first blank line.
    """
    suffix = PurePath(name).suffix.lower()
    if head.startswith(_OLE):
        return suffix == ".msg"
    if suffix in (".eml", ".mbox", ".mbx", ".msg"):
        return True
    if _MBOX.match(head):
        return True
    block = head.lstrip(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").split(b"\n\n", 1)[0] + b"\n"
    if _HEADER.match(block) is None:
        return False
    names = {found.group(1).lower() for found in _HEADER.finditer(block)}
    return len(names & _MAIL_HEADERS) >= 2


def detect(name: str, data: bytes, asked: str | None = None) -> tuple[str, str | None]:
    """The format to read ``data`` as, and a note when the name says something else.

    :param asked: the format the user asked for (``--format``); content that plainly is
        something else is refused rather than misread.
    :raises UserError: the file cannot be imported at all (a PDF, a picture, an old .doc).
    """
    content = _content(data)
    extension = _BY_EXTENSION.get(PurePath(name).suffix.lower())
    if content == "foreign":
        what = next(w for magic, w in _FOREIGN if data.startswith(magic))
        raise UserError(
            f"{name} is {what}, which cannot be imported. Save it as CSV, Excel "
            "(.xlsx), Word (.docx) or plain text and try again."
        )
    if content == "zip" and extension in ("xlsx", "docx"):
        raise UserError(
            f"{name} is damaged: it cannot be opened as {_NAMES[extension]}. Nothing was imported."
        )
    if content == "zip":
        raise UserError(
            f"{name} is a ZIP archive that is neither an Excel workbook nor a Word "
            "document, so it cannot be imported."
        )
    if asked == "text" and content in ("docx", "json"):
        # A Word document is text to import, read with its paragraphs; so is text that
        # merely starts with a brace, when the user says it is text.
        return "docx" if content == "docx" else "text", None
    if asked is not None:
        if content is not None and content != asked:
            raise UserError(
                f"{name} is {_NAMES[content]}, not {_NAMES[asked]}. Leave out "
                "--format to import it as what it is."
            )
        if content is None and asked not in ("csv", "text"):
            raise UserError(
                f"{name} is plain text, not {_NAMES[asked]}. Use --format csv "
                "or --format text, or leave --format out."
            )
        return asked, None
    if content is None:
        if extension == "csv":
            found = "csv"
        elif extension == "text":  # Excel's "Text (Tab delimited)" is a table, not prose
            found = "csv" if _looks_tabular(data, "\t", headed=True) else "text"
        else:
            found = "csv" if _looks_tabular(data) else "text"
    else:
        found = content
    note = None
    if extension is not None and extension != found:
        note = (
            f"{name} is named as {_NAMES[extension]} but holds {_NAMES[found]}; it was "
            "read as what it holds."
        )
    return found, note


def _looks_tabular(data: bytes, marks: str = ",;\t|", *, headed: bool = False) -> bool:
    """Whether the first records split alike on one of ``marks``, two fields or more each.

    Read as CSV, so quoted cells may hold delimiters and line breaks.

    :param headed: also require the first record to name a date or an event column (a
        witness statement saved by Word as text has a tab after each paragraph number).
    """
    from timeline_app.core.importing.tabular import guess_mapping  # noqa: PLC0415  (a cycle)

    try:
        head = decode(data[:16384], "the file")
    except UserError:
        return False
    for mark in marks:
        records = [
            r
            for r in itertools.islice(csv.reader(io.StringIO(head), delimiter=mark), 8)
            if any(cell.strip() for cell in r)
        ]
        if len(data) > 16384 and len(records) > 1:
            records = records[:-1]  # the last may be cut short
        if (
            len(records) >= 2
            and len({len(r) for r in records}) == 1
            and len(records[0]) > 1
            and (not headed or {"date", "title", "description"} & set(guess_mapping(records[0])))
        ):
            return True
    return False
