"""Getting events in: spreadsheets, documents, pasted text, emails, and other cases.

:func:`open_file` reads a file and works out what it is (emails are only looked at: a mailbox
is read as it streams, later); the readers (``tabular``, ``text``, ``casejson``, ``emails``)
read it, and their planners interpret it into an
:class:`~timeline_app.core.importing.plan.ImportPlan` without touching the case.
``core.services.imports.ImportSession`` runs them for the Import dialog and ``main.py import``;
``plan.batch(rows)`` goes to :meth:`CaseStore.add_batch`: one transaction, all or nothing.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.core.errors import UserError
from timeline_app.core.filekinds import read_regular
from timeline_app.core.store import is_server_address

if TYPE_CHECKING:
    from timeline_app.core.importing.plan import ImportPlan
    from timeline_app.core.importing.tabular import NoEventColumnError
    from timeline_app.core.importing.word_table import WORD_TABLE

# The readers are imported when first used: a command that reads no file (``main.py info``)
# starts without openpyxl, python-docx and the email parser.
_LATER = {
    "ImportPlan": "plan",
    "NoEventColumnError": "tabular",
    "WORD_TABLE": "word_table",
}


def __getattr__(name: str) -> object:
    if name in _LATER:
        return getattr(importlib.import_module(f"{__name__}.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "WORD_TABLE",
    "ImportFile",
    "ImportPlan",
    "NoEventColumnError",
    "open_emails",
    "open_file",
]


@dataclass(frozen=True)
class ImportFile:
    """A file to import: its bytes and what they are.

    Emails (kind "email") are not read here: ``path`` is an email file or a folder of them,
    or ``members`` the files dropped together, and ``data`` is empty.
    """

    path: Path
    kind: str
    data: bytes
    note: str | None = None
    members: tuple[Path, ...] = ()

    @property
    def name(self) -> str:
        """The file's name, for messages."""
        return self.path.name


def open_file(path: str | os.PathLike[str], asked: str | None = None) -> ImportFile:
    """Read ``path`` and decide its format (``asked``, or its content and extension).

    A folder is a folder of emails; an email file is only looked at.

    :raises UserError: missing, a folder with no emails, unreadable, too big, or not
        importable; a case on a server (not supported: it is checked out to a file first).
    """
    if is_server_address(path):
        from timeline_app.core.store.postgres.address import without_password  # noqa: PLC0415

        raise UserError(
            f"{without_password(str(path))} is a case on a server, and importing from one is "
            "not supported: check it out to a file first (main.py checkout URL?case=NAME "
            "OUT.case) and import that file."
        )
    from timeline_app.core.importing.detect import detect, holds_emails  # noqa: PLC0415
    from timeline_app.core.importing.emails import is_email_name  # noqa: PLC0415
    from timeline_app.core.importing.limits import LARGEST_FILE  # noqa: PLC0415
    from timeline_app.core.importing.word_table import (  # noqa: PLC0415
        WORD_TABLE,
        read_word_chronology,
    )

    path = Path(path)
    if path.is_dir():
        return open_emails([path])
    head = read_regular(path, "file to import", most=_LOOKED_AT)
    if asked is None and holds_emails(path.name, head):
        named = is_email_name(path.name) or not path.suffix
        note = None if named else f"{path.name} holds an email; it was read as one."
        return ImportFile(path, "email", b"", note)
    data = read_regular(
        path,
        "file to import",
        too_large=(
            LARGEST_FILE,
            f"{path.name} is larger than {LARGEST_FILE // 2**20} MB, more than a file to import "
            "may be. Split it into several files.",
        ),
    )
    if not data.strip():
        raise UserError(f"{path.name} is empty: there is nothing to import.")
    kind, note = detect(path.name, data, asked)
    if kind == "docx" and asked is None and read_word_chronology(data, path.name) is not None:
        kind = WORD_TABLE  # a chronology kept as a Word table: read as a spreadsheet is
    return ImportFile(path, kind, data, note)


_LOOKED_AT = 64 * 1024


def open_emails(paths: list[Path]) -> ImportFile:
    """Emails to import from files and folders, all at once (a drop of many, a folder).

    :raises UserError: none of them is or holds an email.
    """
    from timeline_app.core.importing.emails import email_files  # noqa: PLC0415

    files, _notes = email_files(paths)
    if not files:
        if len(paths) == 1:
            raise UserError(
                f"{paths[0].name} is a folder, not a file to import, and holds no emails (.eml, "
                ".mbox or .msg files) to import either."
            )
        raise UserError(f"None of the {len(paths)} files and folders is or holds an email.")
    if len(paths) == 1:
        return ImportFile(paths[0], "email", b"")
    return ImportFile(paths[0].parent, "email", b"", members=tuple(paths))
