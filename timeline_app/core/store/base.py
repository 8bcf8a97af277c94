"""The connection under every part of the store: transactions, reads and write errors.

Every change is one ``BEGIN IMMEDIATE`` … ``COMMIT`` with its audit rows written inside it;
reads of several statements share one read transaction. sqlite-utils is made on the first
write, over the same connection (its import is slow).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, cast

if TYPE_CHECKING:
    from sqlite_utils import Database

from timeline_app.core import migrations
from timeline_app.core.errors import CaseFileError, ReadOnlyError, UserError
from timeline_app.core.store.files import is_locked, locked_error, sqlite_utils_over

log = logging.getLogger(__name__)


CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit


def utc_now() -> str:
    """Now, in UTC, to the second (ISO), for stamps and the audit trail."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def os_user() -> str:
    """The login name written to the audit trail ("unknown" where there is none)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container or service account
        return "unknown"


def chunks(ids: Sequence[int]) -> Iterator[tuple[list[int], str]]:
    """Ids in groups small enough for one ``IN (...)``, each with its ``?, ?, …`` marks."""
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        yield chunk, ", ".join("?" * len(chunk))


class StoreBase:
    """An open SQLite connection to a case file, and the transactions every change runs in."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only_reason: str | None) -> None:
        self._conn = conn
        self._database: Database | None = None
        self.path = path
        self.read_only_reason = read_only_reason
        self.read_only = read_only_reason is not None
        self.user = os_user()
        self._data_version = self._read_data_version()

    @property
    def _db(self) -> Database:
        """sqlite-utils over our connection, made on the first write (its import is slow)."""
        if self._database is None:
            self._database = sqlite_utils_over(self._conn)
        return self._database

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert one row into one of our tables (through sqlite-utils); its id."""
        return cast(int, self._db.table(table).insert(values).last_pk)  # our keys are integers

    def _unreadable(self, error: Exception | str) -> CaseFileError:
        """The sentence for a file that cannot be read as ours: ``error`` says what is wrong."""
        return CaseFileError(
            f'{self.path.name} cannot be read: {error}. Run "evidence-timeline repair" to '
            "copy what can be read into a clean case file."
        )

    def close(self) -> None:
        """Close the file. Everything was already committed."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (always the current one once open)."""
        return migrations.schema_version(self._conn)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[list[tuple]]:
        """One user-level change: BEGIN IMMEDIATE … COMMIT, audit rows written inside it.

        Yields a list to which the change appends audit tuples
        ``(action, entity, entity_id, field, old, new)``.
        """
        if self.read_only:
            raise ReadOnlyError(f"{self.read_only_reason} The change was not saved.")
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise self._write_error(error) from error
        audit: list[tuple] = []
        try:
            yield audit
            if audit:
                at, user = utc_now(), self.user
                conn.executemany(
                    "INSERT INTO changes (at, user, action, entity, entity_id, field, old, new)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(at, user, *row) for row in audit],
                )
            conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self._rollback()
            raise self._write_error(error) from error
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Undo the change in hand, and leave the file as it was before it.

        After a full disk SQLite rolls back by itself but leaves the file grown and its journal
        beside it until the file is next read; a read does that now. A failed rollback (the
        disk went away) must not hide the error that caused it.
        """
        with contextlib.suppress(sqlite3.Error):
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Several SELECTs that must see one state of the file (another copy may be writing).

        A file damaged since it was opened (a page, or text that is not UTF-8) is said to be,
        in words, as it is found.
        """
        conn = self._conn
        began = not conn.in_transaction
        try:
            if began:
                conn.execute("BEGIN")
            yield
        except sqlite3.DatabaseError as error:
            if is_locked(error):
                raise locked_error(self.path) from error
            raise self._unreadable(f"part of it is damaged ({error})") from error
        finally:
            if began:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("COMMIT")

    def _write_error(self, error: sqlite3.OperationalError) -> Exception:
        """The sentence for a write that SQLite refused; anything unforeseen stays a bug."""
        message = str(error)
        if is_locked(error):
            return locked_error(self.path)
        if "readonly" in message or "read-only" in message:
            return ReadOnlyError(
                f"{self.path.name} can no longer be written (its permissions or the disk "
                "changed). The change was not saved; save a copy elsewhere to keep working."
            )
        if "disk I/O error" in message:
            return UserError(
                f"{self.path.name} could not be written: the disk reported an error (the file "
                "may have been made read-only or moved, or the drive disconnected). The change "
                "was not saved."
            )
        if "full" in message:
            return UserError(
                f"The disk holding {self.path.name} is full. The change was not saved; free "
                "some space and try again."
            )
        return RuntimeError(f"SQLite refused a change: {message}")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows a SELECT gives, each a dict by column name."""
        with self._reading():
            cursor = self._conn.execute(sql, params)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def changed_elsewhere(self) -> bool:
        """True once after another connection (another copy of the app) committed a change."""
        current = self._read_data_version()
        changed = current != self._data_version
        self._data_version = current
        return changed

    def _read_data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
