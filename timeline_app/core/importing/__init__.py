"""Getting events in: spreadsheets, documents, pasted text, and other cases (JSON or .case).

:func:`open_file` reads a file and works out what it is; :func:`plan_file` interprets it
into an :class:`~timeline_app.core.importing.plan.ImportPlan` without touching the case. The
caller (the import dialog, or ``main.py import``) lets the user choose rows and hands
``plan.batch(rows)`` to :meth:`CaseStore.add_batch`: one transaction, all or nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline_app.core import casejson, dates
from timeline_app.core.errors import UserError
from timeline_app.core.importing import tabular, text
from timeline_app.core.importing.detect import detect
from timeline_app.core.importing.plan import ImportPlan, Progress
from timeline_app.core.importing.tabular import NoEventColumnError
from timeline_app.core.store import CaseStore

__all__ = ["ImportFile", "ImportPlan", "NoEventColumnError", "open_file", "plan_file"]

_LARGEST = 1024 * 1024 * 1024  # bytes; a bigger file is surely not a chronology


@dataclass(frozen=True)
class ImportFile:
    """A file to import: its bytes and what they are."""

    path: Path
    kind: str
    data: bytes
    note: str | None = None

    @property
    def name(self) -> str:
        """The file's name, for messages."""
        return self.path.name


def open_file(path: str | os.PathLike[str], asked: str | None = None) -> ImportFile:
    """Read ``path`` and decide its format (``asked``, or its content and extension).

    :raises UserError: missing, a folder, unreadable, too big, or not importable.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(
            f"There is no file at {path}."
            if not path.exists()
            else f"{path} is a folder, not a file to import."
        )
    try:
        if path.stat().st_size > _LARGEST:
            raise UserError(f"{path.name} is larger than 1 GB, too large to import.")
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"{path.name} cannot be read ({error.strerror}).") from error
    if not data.strip():
        raise UserError(f"{path.name} is empty: there is nothing to import.")
    kind, note = detect(path.name, data, asked)
    return ImportFile(path, kind, data, note)


def plan_file(
    file: ImportFile,
    store: CaseStore,
    *,
    ref_date: dt.date | None = None,
    mapping: Sequence[str] = (),
    sheet: str | None = None,
    source_title: str = "",
    progress: Progress | None = None,
) -> ImportPlan:
    """The file interpreted for ``store``: rows with their events or problems.

    :param ref_date: for spreadsheets, the date relative dates are read against (default: the
        case's reference date); for documents, the document's own date (default: today).
    :param mapping: ``COLUMN=FIELD`` changes to the recognised columns of a spreadsheet.
    :param source_title: a document's title as a source (default: its file name).
    :raises UserError: the file cannot be read as its format.
    :raises CancelledError: ``progress`` returned False.
    """
    notes = [file.note] if file.note else []
    if file.kind in ("csv", "xlsx"):
        table = (
            tabular.read_csv(file.data, file.name)
            if file.kind == "csv"
            else tabular.read_xlsx(file.data, file.name, sheet)
        )
        plan = tabular.plan_table(
            table,
            tabular.mapping_from_args(table.headings, mapping),
            store,
            ref_date=ref_date,
            progress=progress,
        )
    elif file.kind in ("text", "docx"):
        paragraphs = (
            text.read_text(file.data, file.name)
            if file.kind == "text"
            else text.read_docx(file.data, file.name)
        )
        dated = dates.parse(ref_date.isoformat()) if ref_date else None
        plan = text.plan_text(
            paragraphs,
            file.name,
            store,
            dated=dated,
            source_title=source_title or file.path.stem,
            kind=file.kind,
            progress=progress,
        )
    elif file.kind == "json":
        snapshot, refused, places = casejson.read_json(file.data, file.name)
        plan = casejson.plan_case(
            snapshot, file.name, "json", store, refused=refused, places=places
        )
    else:
        with CaseStore.open(file.path, read_only=True) as other:
            snapshot = casejson.CaseSnapshot.of(other)
        plan = casejson.plan_case(snapshot, file.name, "case", store)
    plan.notes[:0] = notes
    return plan
