"""What every case store shares, file or server: transactions with their audit rows, and reads.

Every change is one write transaction (``_begin_write`` … ``COMMIT``) with its audit rows
written inside it; reads of several statements share one read transaction. What a database does
its own way — how a write begins, what its errors mean, how a row is inserted, how the search
index is kept — is a hook that each backend (``sqlite``, ``postgres``) provides. The SQL here and
in the mixins is written once for both: ``?`` placeholders, nothing but what both understand.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import logging
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import Any, Protocol, Self

from timeline_app.core.errors import CaseFileError, ReadOnlyError, UserError
from timeline_app.core.store.rows import EVENT_COLUMNS

log = logging.getLogger(__name__)


CHUNK = 500  # ids per IN (...) list, well under either database's parameter limit


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


class Connection(Protocol):
    """What the store asks of a database connection (sqlite3's, or the server's adapter)."""

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any:
        """Run one statement with ``?`` placeholders; a cursor."""

    def executemany(self, sql: str, parameters: Any, /) -> Any:
        """Run one statement for each set of parameters."""

    def close(self) -> None:
        """Close the connection."""


class StoreBase:
    """An open case and the transactions every change runs in; a backend supplies the rest.

    Attributes:
        name: what the user calls the case in a sentence ("Smith v Jones.case").
        read_only: True when the case cannot be written (or reading only was asked for);
            writes raise :class:`ReadOnlyError`.
        read_only_reason: a sentence for the user when ``read_only`` is set.
        user: who the audit trail and the events' created_by/modified_by name.

    """

    errors: ModuleType
    """The DB-API module whose errors the connection raises (its IntegrityError …)."""

    def __init__(self, conn: Connection, name: str, read_only_reason: str | None) -> None:
        self._conn = conn
        self.name = name
        self.read_only_reason = read_only_reason
        self.read_only = read_only_reason is not None
        self.user = self._who()
        self._data_version = self._read_data_version()
        self._commits = 0  # changes made through this store

    # ----------------------------------------------------------------- what a backend provides

    def _who(self) -> str:
        """Who is making changes, for the audit trail."""
        return os_user()

    def _begin_write(self) -> None:
        """Begin a transaction that holds the case's write lock until it ends."""
        raise NotImplementedError

    def _write_error(self, error: Exception) -> Exception:
        """The sentence for a write the database refused; anything unforeseen stays a bug."""
        raise NotImplementedError

    def _is_locked(self, error: Exception) -> bool:
        """Whether the database refused because someone else holds the case."""
        raise NotImplementedError

    def _locked_error(self) -> UserError:
        """The sentence for a case someone else holds."""
        raise NotImplementedError

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert one row into one of our tables; its id."""
        raise NotImplementedError

    def _update(self, table: str, record_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one row of one of our tables."""
        raise NotImplementedError

    def _write_audit(self, rows: Sequence[tuple]) -> None:
        """Insert a change's audit rows into ``changes``.

        Each is ``(at, user, action, entity, entity_id, field, old, new)``.
        """
        self._conn.executemany(
            'INSERT INTO changes (at, "user", action, entity, entity_id, field, old, new)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _after_rollback(self) -> None:
        """Anything the database needs once a change was rolled back."""

    def _end_write(self) -> None:
        """A write transaction ended (committed, rolled back, or never begun)."""

    def _begin_read(self) -> None:
        """Begin a transaction in which several reads see one state of the case."""
        self._conn.execute("BEGIN")

    @property
    def _write_failures(self) -> tuple[type[Exception], ...]:
        """The errors a write can meet that are the user's situation, not our bug."""
        return (self.errors.OperationalError,)

    def _ids_given(self, table: str) -> None:
        """Rows were inserted into ``table`` with ids of their own (an undo, a whole case)."""

    def _ids_for(self, table: str, given: Sequence[int | None]) -> list[int]:
        """An id for each new row of ``table``: its own where it brings one, else a new one."""
        raise NotImplementedError

    def _event_columns(self) -> str:
        """What a query selects to read whole events (over ``events e``)."""
        return EVENT_COLUMNS

    def _read_data_version(self) -> int:
        """A number that changes when another connection commits a change to the case."""
        raise NotImplementedError

    @property
    def schema_version(self) -> int:
        """The schema version of the case (always the current one once open)."""
        raise NotImplementedError

    def _read_error(self, error: Exception) -> Exception:
        """What a failed read means: someone holds the case, or it is damaged; else our bug."""
        if self._is_locked(error):
            return self._locked_error()
        if isinstance(error, self.errors.ProgrammingError):  # our SQL, not the user's case
            return error
        return self._unreadable(f"part of it is damaged ({error})")

    def _unreadable(self, error: Exception | str) -> CaseFileError:
        """The sentence for a case that cannot be read as ours: ``error`` says what is wrong."""
        return CaseFileError(
            f'{self.name} cannot be read: {error}. Run "evidence-timeline repair" to '
            "copy what can be read into a clean case file."
        )

    # ----------------------------------------------------------------- shared

    def close(self) -> None:
        """Close the case. Everything was already committed."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[list[tuple]]:
        """One user-level change: a write transaction, audit rows written inside it.

        Yields a list to which the change appends audit tuples
        ``(action, entity, entity_id, field, old, new)``.
        """
        if self.read_only:
            raise ReadOnlyError(f"{self.read_only_reason} The change was not saved.")
        try:
            try:
                self._begin_write()
            except self._write_failures as error:
                self._rollback()
                raise self._write_error(error) from error
            audit: list[tuple] = []
            try:
                yield audit
                if audit:
                    at, user = utc_now(), self.user
                    self._write_audit([(at, user, *row) for row in audit])
                self._conn.execute("COMMIT")
                self._commits += 1
            except self._write_failures as error:
                self._rollback()
                raise self._write_error(error) from error
            except BaseException:
                self._rollback()
                raise
        finally:
            self._end_write()

    def _rollback(self) -> None:
        """Undo the change in hand, and leave the case as it was before it.

        A failed rollback (the disk or the connection went away) must not hide the error that
        caused it.
        """
        with contextlib.suppress(self.errors.Error):
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        with contextlib.suppress(self.errors.Error):
            self._after_rollback()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Several SELECTs that must see one state of the case (someone else may be writing).

        A case damaged since it was opened (a page, or text that is not UTF-8) is said to be,
        in words, as it is found.
        """
        conn = self._conn
        began = not conn.in_transaction
        try:
            if began:
                self._begin_read()
            yield
        except self.errors.DatabaseError as error:
            raise self._read_error(error) from error
        finally:
            if began:
                with contextlib.suppress(self.errors.Error):
                    conn.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows a SELECT gives, each a dict by column name."""
        with self._reading():
            cursor = self._conn.execute(sql, params)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    @property
    def change_mark(self) -> tuple[int, int]:
        """A value that differs after any change to the case, made here or elsewhere.

        For keeping what was read while the case stays as it was.
        """
        return self._commits, self._read_data_version()

    def changed_elsewhere(self) -> bool:
        """True once after another connection (another copy of the app) committed a change."""
        current = self._read_data_version()
        changed = current != self._data_version
        self._data_version = current
        return changed
