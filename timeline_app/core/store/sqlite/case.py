"""A case in one SQLite file: opened, checked, created and copied, and SQLite's own ways."""

from __future__ import annotations

import contextlib
import errno
import itertools
import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sqlite_utils import Database

from timeline_app.core import migrations
from timeline_app.core.errors import (
    CaseFileError,
    ReadInterruptedError,
    ReadOnlyError,
    UserError,
)
from timeline_app.core.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from timeline_app.core.store.base import chunks, utc_now
from timeline_app.core.store.case import CaseStore
from timeline_app.core.store.sqlite import readers
from timeline_app.core.store.sqlite.files import (
    check_header,
    check_schema,
    connect,
    damaged_error,
    finish_interrupted_change,
    is_locked,
    locked_error,
    needs_full_check,
    place_new_file,
    quick_check,
    read_header,
    sqlite_utils_over,
    why_read_only,
)

log = logging.getLogger(__name__)


class FileCaseStore(CaseStore):
    """A case in one SQLite file. Use :meth:`open` or :meth:`create`; close it (or use ``with``).

    sqlite-utils inserts and updates single rows (made on the first write: its import is
    slow); everything else is plain SQL over the same connection.

    Attributes:
        path: the case file.

    """

    errors = sqlite3

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only_reason: str | None) -> None:
        self._database: Database | None = None
        self._sqlite = conn  # the same connection, as sqlite3's own
        self._file = path
        self.path = path
        super().__init__(conn, path.name, read_only_reason)

    @property
    def location(self) -> str:
        """The case file's full path."""
        return str(self._file.resolve())

    # ----------------------------------------------------------------- the hooks

    @property
    def _db(self) -> Database:
        """sqlite-utils over our connection, made on the first write."""
        if self._database is None:
            self._database = sqlite_utils_over(self._sqlite)
        return self._database

    def _begin_write(self) -> None:
        readers.stop(self._file)  # this process's reads beside the window would hold it up
        self._conn.execute("BEGIN IMMEDIATE")  # the write lock, until COMMIT or ROLLBACK

    def _end_write(self) -> None:
        readers.written(self._file)

    def _begin_read(self) -> None:
        if readers.stopped(self._sqlite):
            raise ReadInterruptedError
        super()._begin_read()

    def _read_error(self, error: Exception) -> Exception:
        if readers.stopped(self._sqlite):  # "interrupted": by a change made here, on purpose
            return ReadInterruptedError()
        return super()._read_error(error)

    def close(self) -> None:
        """Close the case. Everything was already committed."""
        readers.end(self._sqlite)
        super().close()

    def _is_locked(self, error: Exception) -> bool:
        return isinstance(error, sqlite3.Error) and is_locked(error)

    def _locked_error(self) -> UserError:
        return locked_error(self._file)

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        return cast(int, self._db.table(table).insert(values).last_pk)  # our keys are integers

    def _update(self, table: str, record_id: int, values: dict[str, Any]) -> None:
        self._db.table(table).update(record_id, values)

    def _after_rollback(self) -> None:
        # After a full disk SQLite rolls back by itself but leaves the file grown, and its
        # journal beside it, until the file is next read: a read does that now.
        self._conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()

    def _read_data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (always the current one once open)."""
        return migrations.schema_version(self._sqlite)

    def _write_error(self, error: Exception) -> Exception:
        message = str(error)
        if self._is_locked(error):
            return locked_error(self._file)
        if "readonly" in message or "read-only" in message:
            return ReadOnlyError(
                f"{self.name} can no longer be written (its permissions or the disk "
                "changed). The change was not saved; save a copy elsewhere to keep working."
            )
        if "disk I/O error" in message:
            return UserError(
                f"{self.name} could not be written: the disk reported an error (the file "
                "may have been made read-only or moved, or the drive disconnected). The change "
                "was not saved."
            )
        if "full" in message:
            return UserError(
                f"The disk holding {self.name} is full. The change was not saved; free "
                "some space and try again."
            )
        return RuntimeError(f"SQLite refused a change: {message}")

    def _match(self, words: list[str]) -> tuple[str, list[Any]]:
        return "e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", [fts_query(words)]

    def _matching_ids_sql(self, words: list[str]) -> tuple[str, list[Any]]:
        # The index alone: each of its entries is an event's (see _search_index).
        return "SELECT rowid FROM events_fts WHERE events_fts MATCH ?", [fts_query(words)]

    def _search_index(self, event_ids: Sequence[int], *, remove: bool) -> None:
        # The index stores no text (see migrations._schema_2): an entry is removed with the
        # values the view gives now, so the caller does it before changing what it shows.
        columns = "title, description, versions, parties, sources"
        into, select = ("events_fts, rowid", "'delete', id") if remove else ("rowid", "id")
        if len(event_ids) > 1 and list(event_ids) == list(
            range(event_ids[0], event_ids[0] + len(event_ids))
        ):  # an import's ids follow on: one range, not lists of them
            self._conn.execute(
                f"INSERT INTO events_fts ({into}, {columns})"
                f" SELECT {select}, {columns} FROM event_search WHERE id BETWEEN ? AND ?",
                [event_ids[0], event_ids[-1]],
            )
            return
        for chunk, marks in chunks(event_ids):
            self._conn.execute(
                f"INSERT INTO events_fts ({into}, {columns})"
                f" SELECT {select}, {columns} FROM event_search WHERE id IN ({marks})",
                chunk,
            )

    def _ids_for(self, table: str, given: Sequence[int | None]) -> list[int]:
        # As AUTOINCREMENT would give them: past the highest id ever used (an id a row brings
        # is kept, and SQLite moves the table's sequence past it). The write lock is held, so
        # no one else can take them meanwhile.
        highest = self._conn.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),"
            f" coalesce((SELECT max(id) FROM {table}), 0))"
        ).fetchone()[0]
        fresh = itertools.count(max([highest, *filter(None, given)]) + 1)
        return [next(fresh) if record_id is None else record_id for record_id in given]

    def _moment_ok(self, column: str) -> str:
        # A modifier makes SQLite carry an impossible day over ("2018-02-31" becomes 3 March),
        # so only a real one reads back unchanged.
        return (
            f"({column} IS NULL OR (length({column}) = 10 AND date({column}, '+0 days') = {column})"
            f" OR (length({column}) = 16 AND substr({column}, 11, 1) = 'T'"
            f" AND strftime('%Y-%m-%dT%H:%M', {column}, '+0 days') = {column}))"
        )

    def _versions_ok(self, column: str) -> str:
        return (
            f"(json_valid({column}) AND json_type({column}) = 'object'"
            f" AND NOT EXISTS (SELECT 1 FROM json_each({column}) WHERE type <> 'text'))"
        )

    def damage(self) -> list[str]:
        """What SQLite's full check (quick_check) finds wrong in the file: nothing, if sound.

        Read on a connection of its own, so that it can run beside the window's reads.
        """
        conn = connect(self._file, read_only=True, timeout=5.0)
        readers.begin(self._file, conn)  # beside the window: a change here stops it
        try:
            return quick_check(conn)
        except sqlite3.DatabaseError as error:
            if readers.stopped(conn):
                raise ReadInterruptedError from error
            if is_locked(error):
                raise locked_error(self._file) from error
            return [str(error)]
        finally:
            readers.end(conn)
            conn.close()

    # ----------------------------------------------------------------- opening and copying

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        timeout: float = 5.0,
        beside: bool = False,
    ) -> CaseStore:
        """Open an existing case, upgrading an older schema; refuse anything else in words.

        :param read_only: open for reading only even when the file could be written (an older
            file is then refused rather than upgraded).
        :param timeout: seconds to wait for another program's write lock.
        :param beside: it reads beside the window: a change this process makes to the file
            stops its reading (:class:`ReadInterruptedError`; see :mod:`.readers`).
        :raises CaseFileError: missing, foreign, damaged, newer or locked file.
        """
        path = Path(path)
        header = read_header(path)
        check_header(path, header)
        # Before a left-over journal is undone; the journal of a change this process is making
        # is not left over.
        full_check = needs_full_check(path, header) and not readers.writing(path)
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
            cls._check_opened(conn, path, reason, requested=read_only, full_check=full_check)
        except BaseException:
            conn.close()
            raise
        if beside:
            readers.begin(path, conn)
        return cls(conn, path, reason)

    @staticmethod
    def _check_opened(
        db: sqlite3.Connection,
        path: Path,
        reason: str | None,
        *,
        requested: bool,
        full_check: bool,
    ) -> None:
        """The identity, the whole schema, quick_check if asked, then upgrade an older schema.

        The schema is compared before anything reads a table, so that nothing a file brings
        (a trigger, a view, a check, a generated column) runs, even inside quick_check.
        """
        try:
            application_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = migrations.schema_version(db)
            if application_id != APPLICATION_ID or not 1 <= version <= SCHEMA_VERSION:
                raise CaseFileError(f"{path.name} is not an Evidence Timeline case file.")
            check_schema(db, path, version)
            problems = quick_check(db) if full_check else []
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
        if problems:
            raise damaged_error(path, "; ".join(problems))
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
                self._sqlite.backup(target)
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


def fts_query(words: list[str]) -> str:
    """Words as a safe FTS5 query: each a quoted phrase that must match, the last a prefix.

    Quoting means punctuation such as ``B/12/345`` or ``O'Brien`` is searched for, never parsed
    as query syntax.
    """
    phrases = ['"' + word.replace('"', '""') + '"' for word in words]
    phrases[-1] += "*"
    return " ".join(phrases)
