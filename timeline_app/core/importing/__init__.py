"""Getting events in: spreadsheets, documents, pasted text, and other cases (JSON or .case).

:func:`open_file` reads a file and works out what it is; the readers (``tabular``, ``text``,
``casejson``) read it, and their planners interpret it into an
:class:`~timeline_app.core.importing.plan.ImportPlan` without touching the case.
``core.services.imports.ImportSession`` runs them for the Import dialog and ``main.py import``;
``plan.batch(rows)`` goes to :meth:`CaseStore.add_batch`: one transaction, all or nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from timeline_app.core.errors import UserError
from timeline_app.core.filekinds import read_regular
from timeline_app.core.importing.detect import detect
from timeline_app.core.importing.limits import LARGEST_FILE
from timeline_app.core.importing.plan import ImportPlan
from timeline_app.core.importing.tabular import NoEventColumnError
from timeline_app.core.store import is_server_address

__all__ = ["ImportFile", "ImportPlan", "NoEventColumnError", "open_file"]


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

    :raises UserError: missing, a folder, unreadable, too big, or not importable; a case on a
        server (not supported: it is checked out to a file first).
    """
    if is_server_address(path):
        from timeline_app.core.store.postgres.address import without_password  # noqa: PLC0415

        raise UserError(
            f"{without_password(str(path))} is a case on a server, and importing from one is "
            "not supported: check it out to a file first (main.py checkout URL?case=NAME "
            "OUT.case) and import that file."
        )
    path = Path(path)
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
    return ImportFile(path, kind, data, note)
