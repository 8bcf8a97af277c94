"""CaseStore: one case in one file, opened, created and copied; every other part is a mixin."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from timeline_app.core import migrations
from timeline_app.core.errors import CaseFileError
from timeline_app.core.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from timeline_app.core.store.audit import AuditMixin
from timeline_app.core.store.base import utc_now
from timeline_app.core.store.batches import BatchesMixin
from timeline_app.core.store.files import (
    check_header,
    check_schema,
    connect,
    damaged_error,
    finish_interrupted_change,
    is_locked,
    locked_error,
    place_new_file,
    read_header,
    why_read_only,
)
from timeline_app.core.store.summaries import SummariesMixin

log = logging.getLogger(__name__)


class CaseStore(BatchesMixin, SummariesMixin, AuditMixin):
    """An open case file. Use :meth:`open` or :meth:`create`; close it (or use ``with``).

    Attributes:
        path: the case file.
        read_only: True when the file or its folder cannot be written (or reading only was
            asked for); writes raise :class:`ReadOnlyError`.
        read_only_reason: a sentence for the user when ``read_only`` is set.
        user: the OS user written to the audit trail and the events' created_by/modified_by.

    """

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, read_only: bool = False, timeout: float = 5.0
    ) -> CaseStore:
        """Open an existing case, upgrading an older schema; refuse anything else in words.

        :param read_only: open for reading only even when the file could be written (an older
            file is then refused rather than upgraded).
        :param timeout: seconds to wait for another program's write lock.
        :raises CaseFileError: missing, foreign, damaged, newer or locked file.
        """
        path = Path(path)
        check_header(path, read_header(path))
        reason = why_read_only(path)
        if read_only and reason is None:
            finish_interrupted_change(path, timeout)
            reason = f"{path.name} was opened for reading only."
        try:
            conn = connect(path, read_only=reason is not None, timeout=timeout)
        except sqlite3.Error as error:
            log.warning("cannot open %s: %s", path, error)
            raise CaseFileError(
                f"{path.name} cannot be opened; check that the file and its folder are there "
                "and can be read."
            ) from error
        try:
            cls._check_opened(conn, path, reason, requested=read_only)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, reason)

    @staticmethod
    def _check_opened(
        db: sqlite3.Connection, path: Path, reason: str | None, *, requested: bool
    ) -> None:
        """The identity, the whole schema, quick_check, then upgrade an older schema.

        The schema is compared before anything reads a table, so that nothing a file brings
        (a trigger, a view, a check, a generated column) runs, even inside quick_check.
        """
        try:
            application_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = migrations.schema_version(db)
            if application_id != APPLICATION_ID or not 1 <= version <= SCHEMA_VERSION:
                raise CaseFileError(f"{path.name} is not an Evidence Timeline case file.")
            check_schema(db, path, version)
            verdict = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.DatabaseError as error:
            if is_locked(error):
                raise locked_error(path) from error
            if reason is not None and "readonly" in str(error):  # a change left half done
                raise CaseFileError(
                    f"{path.name} was being changed when a program stopped, and that change "
                    "must be undone before it can be read, which needs the file and its "
                    "folder to be writable."
                ) from error
            raise damaged_error(path, str(error)) from error
        if verdict != ["ok"]:
            raise damaged_error(path, "; ".join(verdict))
        if db.execute("SELECT count(*) FROM case_info WHERE id = 1").fetchone()[0] != 1:
            raise CaseFileError(
                f"{path.name} claims to be an Evidence Timeline case file but is missing parts "
                "of one, so it was not opened."
            )
        if version == SCHEMA_VERSION:
            return
        if requested:
            raise CaseFileError(
                f"{path.name} was made by an older version of Evidence Timeline (schema "
                f"{version}); open it once in the app to upgrade it to schema {SCHEMA_VERSION}. "
                "Opening it for reading only left it unchanged."
            )
        if reason is not None:
            raise CaseFileError(
                f"{path.name} was made by an older version of Evidence Timeline and must be "
                f"upgraded before it can be opened, which needs it to be writable: {reason}"
            )
        try:
            migrate(db)
        except sqlite3.OperationalError as error:
            if is_locked(error):
                raise locked_error(path) from error
            raise

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        title: str = "Untitled case",
        fill: Callable[[CaseStore], None] | None = None,
        timeout: float = 5.0,
    ) -> CaseStore:
        """Create a new case file at ``path``; an existing file there is never replaced.

        The case is built under a temporary name beside ``path`` (``fill``, if given, adds its
        contents there) and then put in place, so ``path`` never holds half a case.

        :raises CaseFileError: no name, the file exists, or the folder is missing or read-only.
        """
        if not os.fspath(path).strip():
            raise CaseFileError('Give the new case file a name, such as "Smith v Jones.case".')
        path = Path(path)
        if path.exists():
            raise CaseFileError(f"{path} already exists; choose another name for the new case.")
        if not path.parent.is_dir():
            raise CaseFileError(f"The folder {path.parent} does not exist.")
        building = path.with_name(f".{path.name}.partial")
        try:
            with contextlib.suppress(FileNotFoundError):
                building.unlink()  # left by a crash during an earlier attempt
            conn = sqlite3.connect(building, isolation_level=None, timeout=timeout)
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, building, None)
            try:
                migrate(conn)
                now = utc_now()
                store._insert(
                    "case_info", {"id": 1, "title": title, "created": now, "modified": now}
                )
                if fill is not None:
                    fill(store)
            finally:
                store.close()
            place_new_file(building, path)
        except (sqlite3.Error, OSError) as error:
            log.warning("cannot create %s: %s", path, error)
            raise CaseFileError(
                f"A case file cannot be created at {path}: {_why_not_written(error)}"
            ) from error
        finally:
            with contextlib.suppress(OSError):
                building.unlink()
        return cls.open(path, timeout=timeout)

    def save_copy(self, path: str | os.PathLike[str]) -> None:
        """Write a snapshot of the case to ``path`` (for sending), never replacing a file.

        :raises CaseFileError: the file exists or the folder cannot be written.
        """
        path = Path(path)
        if path.exists():
            raise CaseFileError(f"{path} already exists; choose another name for the copy.")
        building = path.with_name(f".{path.name}.partial")
        try:
            with contextlib.closing(sqlite3.connect(building)) as target:
                self._conn.backup(target)
            place_new_file(building, path)
        except (sqlite3.Error, OSError) as error:
            log.warning("cannot save a copy to %s: %s", path, error)
            raise CaseFileError(
                f"A copy cannot be saved at {path}: {_why_not_written(error)}"
            ) from error
        finally:
            with contextlib.suppress(OSError):
                building.unlink()


def _why_not_written(error: sqlite3.Error | OSError) -> str:
    """Why a new file could not be written, and what to do, in words."""
    full = getattr(error, "errno", None) == errno.ENOSPC or "full" in str(error)
    if full:
        return "the disk is full. Free some space, or choose another disk."
    return "the folder cannot be written. Choose a folder you can write to."
