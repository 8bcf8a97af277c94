"""CaseStore: one case in one SQLite file, read and written through sqlite-utils.

This module is the only place that speaks SQL (schema steps live in ``migrations``). Every public
method that changes the case runs in one ``BEGIN IMMEDIATE`` transaction that has committed when
the method returns, and writes one audit row per changed field to ``changes``. There is never
unsaved work. Reads that take several statements run in one read transaction, so they never
mix two states of a file that another copy of the app is writing.

Files from elsewhere are checked before anything in them runs: the header is read as bytes
(SQLite magic, application id, schema version), the connection is opened with
``trusted_schema=OFF``, and ``quick_check`` must pass. What is not ours is refused with a
:class:`CaseFileError` that says why in words.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import getpass
import json
import logging
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

from timeline_app.core import migrations
from timeline_app.core.errors import CaseFileError, ConflictError, ReadOnlyError, UserError
from timeline_app.core.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from timeline_app.core.model import (
    Batch,
    CaseInfo,
    CaseParty,
    CaseSummary,
    Category,
    Change,
    DateOrder,
    Event,
    FuzzyDate,
    Party,
    Source,
    SourceLink,
    Status,
    date_from_iso,
    date_to_iso,
)

log = logging.getLogger(__name__)

_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit
_REQUIRED_TABLES = {
    "case_info",
    "categories",
    "parties",
    "sources",
    "events",
    "event_parties",
    "event_sources",
    "changes",
}
# What the user calls each kind of record, for messages.
_NOUNS = {
    "event": "event",
    "party": "person or organisation",
    "source": "document",
    "category": "category",
}


@dataclass(frozen=True)
class EventFilter:
    """Which events a query returns; the empty filter returns them all.

    Sets are "any of"; an empty set means "no restriction". ``None`` in ``category_ids`` stands
    for "no category". The date window (whole days, both ends included) keeps every event that
    could have happened in it: its possible extent, from the earliest bound to the latest (or
    to the end date's latest), overlaps the window, and a missing bound ("before 2015",
    "since 2015") is open. Undated events fall outside any window.
    """

    text: str = ""
    category_ids: frozenset[int | None] = field(default_factory=frozenset)
    party_ids: frozenset[int] = field(default_factory=frozenset)
    statuses: frozenset[Status] = field(default_factory=frozenset)
    key_only: bool = False
    date_from: dt.date | None = None
    date_to: dt.date | None = None


EVENT_ORDERS = {
    "chronology": "",
    "title": "e.title COLLATE NOCASE, ",
    "category": "(SELECT name FROM categories c WHERE c.id = e.category_id) IS NULL,"
    " (SELECT name FROM categories c WHERE c.id = e.category_id) COLLATE NOCASE, ",
    "status": "e.status, ",
    "key": "e.key DESC, ",
}
"""The orders :meth:`CaseStore.event_ids` can give (SQL prefixes of the ORDER BY)."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container or service account
        return "unknown"


def _chunks(ids: Sequence[int]) -> Iterator[tuple[list[int], str]]:
    """Ids in groups small enough for one ``IN (...)``, each with its ``?, ?, …`` marks."""
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        yield chunk, ", ".join("?" * len(chunk))


def fts_query(text: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query: every word must match, the last as a prefix.

    Each whitespace-separated chunk becomes a quoted phrase, so punctuation such as
    ``B/12/345`` or ``O'Brien`` is searched for, never parsed as query syntax.
    """
    chunks = [c for c in text.split() if re.search(r"\w", c)]
    if not chunks:
        return None
    phrases = ['"' + c.replace('"', '""') + '"' for c in chunks]
    phrases[-1] += "*"
    return " ".join(phrases)


def is_case_file(path: Path) -> bool:
    """Whether ``path`` is an Evidence Timeline case file (by its first bytes, not its name).

    Only a regular file is read: a pipe or a terminal would never answer.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return (
        header.startswith(_SQLITE_MAGIC)
        and len(header) == 100
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def _read_header(path: Path) -> bytes:
    """The first 100 bytes of the file, or a CaseFileError saying why it cannot be read."""
    if not path.exists():
        raise CaseFileError(f"There is no case file at {path}. Check the folder and the name.")
    if path.is_dir():
        raise CaseFileError(f"{path} is a folder, not a case file.")
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except PermissionError as error:
        raise CaseFileError(
            f"{path.name} cannot be read: this user account is not allowed to open it."
        ) from error
    except OSError as error:
        raise CaseFileError(f"{path.name} cannot be read ({error.strerror}).") from error


def _check_header(path: Path, header: bytes) -> None:
    """Refuse a file that is not a SQLite database, not ours, or from a newer version."""
    if not header:
        raise CaseFileError(f"{path.name} is empty, so it is not an Evidence Timeline case file.")
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise CaseFileError(
            f"{path.name} is not an Evidence Timeline case file (it is some other kind of "
            "file). Choose a case file."
        )
    application_id = int.from_bytes(header[68:72], "big")
    version = int.from_bytes(header[60:64], "big")
    if application_id != APPLICATION_ID:
        raise CaseFileError(
            f"{path.name} is a database, but not an Evidence Timeline case file, "
            "so it was not opened."
        )
    if version > SCHEMA_VERSION:
        raise CaseFileError(
            f"{path.name} was made by a newer version of Evidence Timeline (schema {version}); "
            f"this version reads up to schema {SCHEMA_VERSION}. Install the newer version to "
            "open it; the file has not been changed."
        )


def _read_only_reason(path: Path) -> str | None:
    if not os.access(path, os.W_OK):
        return f"{path.name} is read-only, so it is open for reading only."
    if not os.access(path.parent, os.W_OK):
        return f"The folder holding {path.name} is read-only, so the case is open for reading only."
    return None


def _is_locked(error: sqlite3.Error) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _locked_error(path: Path) -> CaseFileError:
    return CaseFileError(
        f"{path.name} is locked by another program that is writing to it. "
        "Wait a moment and try again, or close the case in the other program."
    )


def _damaged_error(path: Path, detail: str) -> CaseFileError:
    log.warning("%s failed the database check: %s", path, detail)
    return CaseFileError(
        f"{path.name} is damaged and cannot be opened. Open a backup copy; this file has not "
        "been changed."
    )


def _finish_interrupted_change(path: Path, timeout: float) -> None:
    """Undo a change that a stopped program left half done, as SQLite does on the next read.

    SQLite can only do it with the right to write, so a read-only open of such a file failed
    as if the file were damaged. The file's own journal says what to undo; nothing is lost.
    """
    real = path.resolve()  # the journal is beside the file itself, not beside a link to it
    journal = real.with_name(real.name + "-journal")
    if not journal.exists() or journal.stat().st_size == 0:
        return
    try:
        conn = _connect(real, read_only=False, timeout=timeout)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        if _is_locked(error):  # another program is at it now: its change, not a stopped one
            raise _locked_error(path) from error
        log.warning("could not finish the interrupted change to %s: %s", path, error)


def _connect(path: Path, *, read_only: bool, timeout: float) -> sqlite3.Connection:
    mode = "ro" if read_only else "rw"
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}",
        uri=True,
        timeout=timeout,
        isolation_level=None,  # we issue BEGIN ourselves; sqlite-utils nests savepoints in it
    )
    # Before anything from the file runs: no SQL functions from its schema with side effects.
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _sqlite_utils(conn: sqlite3.Connection) -> Database:
    from sqlite_utils import Database  # noqa: PLC0415  (slow to import: only when writing)

    return Database(conn, execute_plugins=False)


def place_new_file(built: Path, path: Path) -> None:
    """Move a finished file to ``path``, never replacing a file that appeared there meanwhile.

    A hard link fails if ``path`` exists; where the file system has no hard links, the check
    and the rename are as close together as they can be.
    """
    try:
        os.link(built, path)
    except FileExistsError:
        raise CaseFileError(f"{path} already exists; choose another name.") from None
    except OSError:
        if path.exists():
            raise CaseFileError(f"{path} already exists; choose another name.") from None
        os.replace(built, path)
    else:
        built.unlink()


class CaseStore:
    """An open case file. Use :meth:`open` or :meth:`create`; close it (or use ``with``).

    Attributes:
        path: the case file.
        read_only: True when the file or its folder cannot be written (or reading only was
            asked for); writes raise :class:`ReadOnlyError`.
        read_only_reason: a sentence for the user when ``read_only`` is set.
        user: the OS user written to the audit trail and the events' created_by/modified_by.

    """

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only_reason: str | None) -> None:
        self._conn = conn
        self._database: Database | None = None
        self.path = path
        self.read_only_reason = read_only_reason
        self.read_only = read_only_reason is not None
        self.user = _os_user()
        self._data_version = self._read_data_version()

    @property
    def _db(self) -> Database:
        """sqlite-utils over our connection, made on the first write (its import is slow)."""
        if self._database is None:
            self._database = _sqlite_utils(self._conn)
        return self._database

    # ----------------------------------------------------------------- opening and closing

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
        _check_header(path, _read_header(path))
        reason = _read_only_reason(path)
        if read_only and reason is None:
            _finish_interrupted_change(path, timeout)
            reason = f"{path.name} was opened for reading only."
        try:
            conn = _connect(path, read_only=reason is not None, timeout=timeout)
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
        """quick_check, re-read the identity through SQLite, then upgrade an older schema."""
        try:
            verdict = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
            application_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = migrations.schema_version(db)
            tables = {
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                ).fetchall()
            }
        except sqlite3.DatabaseError as error:
            if _is_locked(error):
                raise _locked_error(path) from error
            if reason is not None and "readonly" in str(error):  # a change left half done
                raise CaseFileError(
                    f"{path.name} was being changed when a program stopped, and that change "
                    "must be undone before it can be read, which needs the file and its "
                    "folder to be writable."
                ) from error
            raise _damaged_error(path, str(error)) from error
        if verdict != ["ok"]:
            raise _damaged_error(path, "; ".join(verdict))
        if application_id != APPLICATION_ID or not 1 <= version <= SCHEMA_VERSION:
            raise CaseFileError(f"{path.name} is not an Evidence Timeline case file.")
        if (
            not tables >= _REQUIRED_TABLES
            or db.execute("SELECT count(*) FROM case_info WHERE id = 1").fetchone()[0] != 1
        ):
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
            migrate(_sqlite_utils(db))
        except sqlite3.OperationalError as error:
            if _is_locked(error):
                raise _locked_error(path) from error
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
                migrate(store._db)
                now = _now()
                store._db["case_info"].insert(
                    {"id": 1, "title": title, "created": now, "modified": now}
                )
                if fill is not None:
                    fill(store)
            finally:
                store.close()
            place_new_file(building, path)
        except (sqlite3.Error, OSError) as error:
            log.warning("cannot create %s: %s", path, error)
            raise CaseFileError(
                f"A case file cannot be created at {path}: the folder cannot be written. "
                "Choose a folder you can write to."
            ) from error
        finally:
            with contextlib.suppress(OSError):
                building.unlink()
        return cls.open(path, timeout=timeout)

    def close(self) -> None:
        """Close the file. Everything was already committed."""
        self._conn.close()

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (always the current one once open)."""
        return migrations.schema_version(self._conn)

    # ----------------------------------------------------------------- transactions and audit

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
                at, user = _now(), self.user
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
        # A failed rollback (the disk went away) must not hide the error that caused it.
        with contextlib.suppress(sqlite3.Error):
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Several SELECTs that must see one state of the file (another copy may be writing)."""
        conn = self._conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("COMMIT")

    def _write_error(self, error: sqlite3.OperationalError) -> Exception:
        """The sentence for a write that SQLite refused; anything unforeseen stays a bug."""
        message = str(error)
        if _is_locked(error):
            return _locked_error(self.path)
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

    def changes(
        self, *, entity: str | None = None, entity_id: int | None = None, limit: int | None = None
    ) -> list[Change]:
        """The audit trail, newest first, optionally for one entity or record."""
        where, params = [], []
        if entity is not None:
            where.append("entity = ?")
            params.append(entity)
        if entity_id is not None:
            where.append("entity_id = ?")
            params.append(entity_id)
        sql = "SELECT at, user, action, entity, entity_id, field, old, new FROM changes"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [Change(*row) for row in self._conn.execute(sql, params).fetchall()]

    # ----------------------------------------------------------------- case information

    def case_info(self) -> CaseInfo:
        """The case's heading, parties and date settings."""
        row = self._rows("SELECT * FROM case_info WHERE id = 1")[0]
        return CaseInfo(
            title=row["title"],
            court_lines=json.loads(row["court_lines"]),
            claim_number=row["claim_number"],
            parties=[CaseParty(**p) for p in json.loads(row["parties"])],
            prepared_by=row["prepared_by"],
            reference_date=(
                dt.date.fromisoformat(row["reference_date"]) if row["reference_date"] else None
            ),
            date_order=DateOrder(row["date_order"]),
            created=row["created"],
            modified=row["modified"],
        )

    def update_case_info(self, info: CaseInfo) -> None:
        """Replace the case information (one transaction, one audit row per changed field)."""
        with self._transaction() as audit:
            self._write_case_info(info, audit)

    def _write_case_info(self, info: CaseInfo, audit: list[tuple]) -> None:
        new = {
            "title": info.title,
            "court_lines": json.dumps(list(info.court_lines), ensure_ascii=False),
            "claim_number": info.claim_number,
            "parties": json.dumps(
                [{"name": p.name, "role": p.role} for p in info.parties], ensure_ascii=False
            ),
            "prepared_by": info.prepared_by,
            "reference_date": info.reference_date.isoformat() if info.reference_date else None,
            "date_order": str(info.date_order),
        }
        old = self._rows("SELECT * FROM case_info WHERE id = 1")[0]
        changed = {k: v for k, v in new.items() if old[k] != v}
        if not changed:
            return
        self._db["case_info"].update(1, {**changed, "modified": _now()})
        audit.extend(("update", "case", 1, k, _text(old[k]), _text(v)) for k, v in changed.items())

    # ----------------------------------------------------------------- events: writing

    def add_event(self, event: Event) -> Event:
        """Save a new event with its links; return it with its id, revision and timestamps."""
        return self.add_events([event])[0]

    def add_events(self, events: Sequence[Event]) -> list[Event]:
        """Save many new events in one transaction (the demo case, benchmarks).

        An event that carries an id keeps it: undoing a delete restores the same record.

        :raises ConflictError: a record with that id exists again, or a linked person,
            document or category no longer exists. Nothing is saved.
        """
        with self._transaction() as audit:
            return self._insert_events(events, audit, keep_stamps=False)

    def _insert_events(
        self, events: Sequence[Event], audit: list[tuple], *, keep_stamps: bool
    ) -> list[Event]:
        now, user = _now(), self.user
        saved = []
        for event in events:
            row = _event_row(event)
            row.update(
                revision=1,
                created=event.created or now,
                modified=now,
                created_by=event.created_by or user,
                modified_by=user,
            )
            if keep_stamps:
                row.update(modified=event.modified or now, modified_by=event.modified_by or user)
            if event.id is not None:
                row["id"] = event.id
            columns = ", ".join(row)
            marks = ", ".join("?" * len(row))
            try:
                cursor = self._conn.execute(
                    f"INSERT INTO events ({columns}) VALUES ({marks})", list(row.values())
                )
            except sqlite3.IntegrityError as error:
                raise _integrity_error("event", error) from error
            event_id = int(cursor.lastrowid)  # type: ignore[arg-type]
            self._write_links(event_id, event.party_ids, event.sources)
            audit.append(("create", "event", event_id, None, None, event.title))
            saved.append(
                dataclasses.replace(  # as stored: a link given twice is kept once
                    event,
                    id=event_id,
                    revision=1,
                    created=row["created"],
                    modified=row["modified"],
                    created_by=row["created_by"],
                    modified_by=row["modified_by"],
                    party_ids=tuple(dict.fromkeys(event.party_ids)),
                    sources=tuple(dict.fromkeys(event.sources)),
                )
            )
        self._search_index([e.id for e in saved if e.id is not None], remove=False)
        return saved

    def add_batch(self, batch: Batch) -> Batch:
        """Save an import in one transaction: its new records first, then its events.

        Returns the batch as stored (every id real, and in ``case_info`` the case information
        it replaced, if it carried any), which :meth:`remove_batch` takes back.

        :raises ConflictError: an id in the batch is taken, or an event links to a record
            that no longer exists. Nothing is saved.
        """
        with self._transaction() as audit:
            ids: dict[str, dict[int, int]] = {}
            records: dict[str, list[Any]] = {}
            for entity, items, row in (
                ("category", batch.categories, _category_row),
                ("party", batch.parties, _party_row),
                ("source", batch.sources, _source_row),
            ):
                ids[entity], records[entity] = {}, []
                for record in items:
                    kept = record.id is not None and record.id > 0
                    values = {**row(record), **({"id": record.id} if kept else {})}
                    try:
                        new_id = self._db[_TABLES[entity]].insert(values).last_pk
                    except sqlite3.IntegrityError as error:
                        raise _integrity_error(entity, error) from error
                    if record.id is not None:
                        ids[entity][record.id] = new_id
                    audit.append(
                        (
                            "create",
                            entity,
                            new_id,
                            None,
                            None,
                            json.dumps(row(record), ensure_ascii=False),
                        )
                    )
                    records[entity].append(dataclasses.replace(record, id=new_id))

            def real(entity: str, record_id: int) -> int:
                return ids[entity].get(record_id, record_id)

            def remapped(event: Event) -> Event:
                if not (event.party_ids or event.sources or event.category_id is not None):
                    return event
                return dataclasses.replace(
                    event,
                    category_id=None
                    if event.category_id is None
                    else real("category", event.category_id),
                    party_ids=tuple(real("party", p) for p in event.party_ids),
                    sources=tuple(
                        SourceLink(real("source", s.source_id), s.pinpoint) for s in event.sources
                    ),
                )

            events = [remapped(event) for event in batch.events]
            saved = self._insert_events(events, audit, keep_stamps=batch.keep_stamps)
            previous_info = None
            if batch.case_info is not None:
                previous_info = self.case_info()
                self._write_case_info(batch.case_info, audit)
                if batch.keep_stamps and batch.case_info.created:  # the whole case, as it was
                    self._db["case_info"].update(
                        1,
                        {"created": batch.case_info.created, "modified": batch.case_info.modified},
                    )
        return Batch(
            saved,
            records["category"],
            records["party"],
            records["source"],
            batch.keep_stamps,
            previous_info,
        )

    def remove_batch(self, batch: Batch) -> None:
        """Undo :meth:`add_batch`: its events and the records it created, in one transaction.

        :raises ConflictError: one of its events was changed or deleted since, or another
            event now uses a record it created. Nothing is removed.
        """
        with self._transaction() as audit:
            event_ids = [e.id for e in batch.events if e.id is not None]
            # Compared by content: an edit made and undone since leaves the event as imported.
            current = {e.id: _content(e) for e in self.events_by_id(event_ids)}
            for event in batch.events:
                if current.get(event.id) != _content(event):
                    raise ConflictError(
                        f"The imported event '{event.title}' was changed or deleted since the "
                        "import, so the import cannot be undone. Nothing was removed."
                    )
            self._search_index(event_ids, remove=True)
            for chunk, marks in _chunks(event_ids):
                self._conn.execute(f"DELETE FROM events WHERE id IN ({marks})", chunk)
            audit.extend(("delete", "event", event_id, None, None, None) for event_id in event_ids)
            for entity, items in (
                ("source", batch.sources),
                ("party", batch.parties),
                ("category", batch.categories),
            ):
                for record in items:
                    self._remove_unused(entity, record, audit)
            if batch.case_info is not None:
                self._write_case_info(batch.case_info, audit)
                if batch.keep_stamps:
                    self._db["case_info"].update(
                        1,
                        {"created": batch.case_info.created, "modified": batch.case_info.modified},
                    )

    def _remove_unused(
        self, entity: str, record: Party | Source | Category, audit: list[tuple]
    ) -> None:
        """Delete a record an import created, unless an event has come to use it since."""
        column = "category_id" if entity == "category" else f"{entity}_id"
        table = "events" if entity == "category" else _LINKED[entity][1]
        if self._conn.execute(
            f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", [record.id]
        ).fetchone():
            raise ConflictError(
                f"The {_NOUNS[entity]} '{_record_name(record)}' that the import added is now "
                "used by other events, so the import cannot be undone. Nothing was removed."
            )
        self._conn.execute(f"DELETE FROM {_TABLES[entity]} WHERE id = ?", [record.id])
        audit.append(
            (
                "delete",
                entity,
                record.id,
                None,
                json.dumps(_record_row(record), ensure_ascii=False),
                None,
            )
        )

    def update_event(self, event: Event) -> Event:
        """Write an edited event; return it as stored (revision bumped).

        :raises ConflictError: the event was changed or deleted elsewhere since ``event`` was
            read (its revision is not the stored one), or it links to something deleted
            meanwhile. Nothing is written.
        """
        return self.update_events([event])[0]

    def update_events(self, events: Sequence[Event]) -> list[Event]:
        """Write several edited events in one transaction (all of them, or none)."""
        with self._transaction() as audit:
            for event in events:
                self._update_one(event, audit)
            return self.events_by_id([e.id for e in events])  # type: ignore[misc]

    def _update_one(self, event: Event, audit: list[tuple]) -> None:
        if event.id is None:
            raise ValueError("update_event needs an event that has been saved")
        stored = self._event_or_conflict(event.id, event.revision, "saved")
        old_row, new_row = _event_row(stored), _event_row(event)
        changed = {k: v for k, v in new_row.items() if old_row[k] != v}
        parties_changed = stored.party_ids != event.party_ids
        sources_changed = stored.sources != event.sources
        if not (changed or parties_changed or sources_changed):
            return
        with self._reindexing([event.id]):
            try:
                self._db["events"].update(
                    event.id,
                    {
                        **changed,
                        "revision": stored.revision + 1,
                        "modified": _now(),
                        "modified_by": self.user,
                    },
                )
            except sqlite3.IntegrityError as error:
                raise _integrity_error("event", error) from error
            if parties_changed or sources_changed:
                self._conn.execute("DELETE FROM event_parties WHERE event_id = ?", [event.id])
                self._conn.execute("DELETE FROM event_sources WHERE event_id = ?", [event.id])
                self._write_links(event.id, event.party_ids, event.sources)
        audit.extend(
            ("update", "event", event.id, k, _text(old_row[k]), _text(v))
            for k, v in changed.items()
            if k != "sort_key"
        )
        if parties_changed:
            audit.append(
                (
                    "update",
                    "event",
                    event.id,
                    "parties",
                    json.dumps(stored.party_ids),
                    json.dumps(event.party_ids),
                )
            )
        if sources_changed:
            audit.append(
                (
                    "update",
                    "event",
                    event.id,
                    "sources",
                    _links_json(stored.sources),
                    _links_json(event.sources),
                )
            )

    def number_of(self, event_id: int) -> int | None:
        """The event's number in the whole chronology (1 for the first), or None if gone."""
        row = self._conn.execute(
            "SELECT count(*) + 1 FROM events e, (SELECT sort_key, sequence, id FROM events"
            " WHERE id = ?) t WHERE (e.sort_key, e.sequence, e.id) < (t.sort_key, t.sequence,"
            " t.id)",
            [event_id],
        ).fetchone()
        exists = self._conn.execute("SELECT 1 FROM events WHERE id = ?", [event_id]).fetchone()
        return int(row[0]) if exists else None

    def event_numbers(self, event_ids: Sequence[int]) -> dict[int, int]:
        """The numbers of these events in the whole chronology (1 for the first); gone: left out.

        One pass over the court order, however many ids: for a page of a filtered table.
        """
        numbers: dict[int, int] = {}
        with self._reading():
            for chunk, marks in _chunks(event_ids):
                numbers.update(
                    self._conn.execute(
                        "SELECT id, n FROM (SELECT id, row_number() OVER (ORDER BY sort_key,"
                        f" sequence, id) AS n FROM events) WHERE id IN ({marks})",
                        chunk,
                    ).fetchall()
                )
        return numbers

    def timeline_rows(self) -> list[tuple]:
        """What the timeline draws, for every dated event, earliest first.

        Tuples of (id, earliest, latest, end_latest, precision, qualifier, category_id,
        status, key, title), dates as ISO text; far cheaper than whole events for big cases.
        """
        return self._conn.execute(
            "SELECT id, coalesce(date_earliest, date_latest), coalesce(date_latest,"
            " date_earliest), end_latest, date_precision, date_qualifier, category_id, status,"
            " key, title FROM events WHERE sort_key <> '~' ORDER BY sort_key, sequence, id"
        ).fetchall()

    def event_titles(self) -> list[tuple[int, str | None, str | None, str]]:
        """(No., earliest, latest, title) of every event, in court order.

        For spotting likely duplicates; No. is the event's number in the chronology.
        """
        rows = self._conn.execute(
            "SELECT date_earliest, date_latest, title FROM events ORDER BY sort_key, sequence, id"
        ).fetchall()
        return [(number, *row) for number, row in enumerate(rows, start=1)]

    def party_links(self) -> list[tuple[int, int]]:
        """Every (event id, party id) link, for lanes by person."""
        return self._conn.execute(
            "SELECT event_id, party_id FROM event_parties ORDER BY event_id, position"
        ).fetchall()

    def events_sharing_date(self, event_id: int) -> list[Event]:
        """The events whose date sorts with this one's (for reordering), in order."""
        return self._events_where(
            "e.sort_key = (SELECT sort_key FROM events WHERE id = ?)", [event_id]
        )

    def delete_event(self, event_id: int, *, revision: int | None = None) -> Event:
        """Delete an event and its links; return it as it was, so that undo can restore it.

        :raises ConflictError: already deleted, or changed elsewhere since ``revision``.
        """
        return self.delete_events(
            [event_id], revisions=None if revision is None else {event_id: revision}
        )[0]

    def delete_events(
        self, event_ids: Sequence[int], *, revisions: dict[int, int] | None = None
    ) -> list[Event]:
        """Delete events and their links in one transaction; return them for undo.

        :raises ConflictError: one was already deleted, or changed elsewhere since the
            revision given for it. Nothing is deleted.
        """
        with self._transaction() as audit:
            deleted = [
                self._event_or_conflict(event_id, (revisions or {}).get(event_id), "deleted")
                for event_id in event_ids
            ]
            self._search_index(list(event_ids), remove=True)
            for chunk, marks in _chunks(list(event_ids)):
                self._conn.execute(f"DELETE FROM events WHERE id IN ({marks})", chunk)
            audit.extend(
                (
                    "delete",
                    "event",
                    stored.id,
                    None,
                    json.dumps(
                        {
                            **_event_row(stored),
                            "parties": stored.party_ids,
                            "sources": json.loads(_links_json(stored.sources)),
                        },
                        ensure_ascii=False,
                    ),
                    None,
                )
                for stored in deleted
            )
        return deleted

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
                f"A copy cannot be saved at {path}: the folder cannot be "
                "written. Choose another folder."
            ) from error
        finally:
            with contextlib.suppress(OSError):
                building.unlink()

    def set_sequences(self, sequences: dict[int, int]) -> None:
        """Set the manual order of events that share a date, in one transaction."""
        with self._transaction() as audit:
            for event_id, sequence in sequences.items():
                row = self._conn.execute(
                    "SELECT sequence FROM events WHERE id = ?", [event_id]
                ).fetchone()
                if row is None:
                    raise ConflictError(
                        "An event being reordered was deleted in another "
                        "window or by a colleague; the order was not changed."
                    )
                if row[0] != sequence:
                    self._conn.execute(
                        "UPDATE events SET sequence = ? WHERE id = ?", [sequence, event_id]
                    )
                    self._touch_events([event_id], "sequence", str(row[0]), str(sequence), audit)

    def _touch_events(
        self,
        event_ids: Sequence[int],
        field_name: str,
        old: str | None,
        new: str | None,
        audit: list[tuple],
    ) -> None:
        """Bump revision and modified on events changed as a side effect, and audit it."""
        for chunk, marks in _chunks(event_ids):
            self._conn.execute(
                "UPDATE events SET revision = revision + 1, modified = ?, modified_by = ?"
                f" WHERE id IN ({marks})",
                [_now(), self.user, *chunk],
            )
        audit.extend(("update", "event", event_id, field_name, old, new) for event_id in event_ids)

    def _event_or_conflict(self, event_id: int, revision: int | None, verb: str) -> Event:
        found = self._events_where("e.id = ?", [event_id])
        if not found:
            raise ConflictError(
                "This event had already been deleted in another window or by a colleague."
                if verb == "deleted"
                else "This event was deleted in another window or by a "
                f"colleague, so your change was not {verb}."
            )
        if revision is not None and found[0].revision != revision:
            raise ConflictError(
                f"The event '{found[0].title}' was changed in another window or by a colleague "
                f"after you opened it, so your change was not {verb}."
            )
        return found[0]

    def _write_links(
        self, event_id: int, party_ids: Iterable[int], sources: Iterable[SourceLink]
    ) -> None:
        # The same person or citation twice is the same link once.
        try:
            self._conn.executemany(
                "INSERT INTO event_parties (event_id, party_id, position) VALUES (?, ?, ?)",
                [(event_id, pid, pos) for pos, pid in enumerate(dict.fromkeys(party_ids))],
            )
            self._conn.executemany(
                "INSERT INTO event_sources (event_id, source_id, pinpoint, position)"
                " VALUES (?, ?, ?, ?)",
                [
                    (event_id, s.source_id, s.pinpoint, pos)
                    for pos, s in enumerate(dict.fromkeys(sources))
                ],
            )
        except sqlite3.IntegrityError as error:
            raise _integrity_error("event", error) from error

    @contextlib.contextmanager
    def _reindexing(self, event_ids: Iterable[int]) -> Iterator[None]:
        """Keep the search index in step while the body changes what these events show.

        The index stores no text (see ``migrations._schema_2``): an entry is removed with the
        values the ``event_search`` view gives *before* the change, and added from the view
        after it. Deleted events simply stay out.
        """
        ids = sorted(set(event_ids))
        self._search_index(ids, remove=True)
        yield
        self._search_index(ids, remove=False)

    def _search_index(self, event_ids: Sequence[int], *, remove: bool) -> None:
        """Add these events' entries to the search index from the view, or remove them."""
        columns = "title, description, versions, parties, sources"
        into, select = ("events_fts, rowid", "'delete', id") if remove else ("rowid", "id")
        for chunk, marks in _chunks(event_ids):
            self._conn.execute(
                f"INSERT INTO events_fts ({into}, {columns})"
                f" SELECT {select}, {columns} FROM event_search WHERE id IN ({marks})",
                chunk,
            )

    # ----------------------------------------------------------------- events: reading

    def get_event(self, event_id: int) -> Event | None:
        """One event with its links, or None if there is no such event."""
        found = self._events_where("e.id = ?", [event_id])
        return found[0] if found else None

    def events(self, where: EventFilter | None = None) -> list[Event]:
        """Events in chronological order (DESIGN §2), undated last, with their links."""
        sql, params = _filter_sql(where or EventFilter())
        return self._events_where(sql, params)

    def event_ids(
        self, where: EventFilter | None = None, *, order_by: str = "chronology"
    ) -> list[int]:
        """Ids of the matching events in order (for lazily filled views).

        :param order_by: one of :data:`EVENT_ORDERS` ("chronology", the court order, by
            default); ties always fall back to the chronology.
        """
        sql, params = _filter_sql(where or EventFilter())
        rows = self._conn.execute(
            f"SELECT e.id FROM events e WHERE {sql} ORDER BY {EVENT_ORDERS[order_by]}"
            "e.sort_key, e.sequence, e.id",
            params,
        ).fetchall()
        return [row[0] for row in rows]

    def events_by_id(self, event_ids: Sequence[int]) -> list[Event]:
        """The events with these ids, in the order given; ids that no longer exist are skipped."""
        found: dict[int, Event] = {}
        with self._reading():
            for chunk, marks in _chunks(event_ids):
                for event in self._events_where(f"e.id IN ({marks})", chunk):
                    found[event.id] = event  # type: ignore[index]
        return [found[i] for i in event_ids if i in found]

    def count_events(self, where: EventFilter | None = None) -> int:
        """How many events match."""
        sql, params = _filter_sql(where or EventFilter())
        return int(
            self._conn.execute(f"SELECT count(*) FROM events e WHERE {sql}", params).fetchone()[0]
        )

    def _events_where(self, sql: str, params: Sequence[Any]) -> list[Event]:
        conn = self._conn
        # Links for just the matching events; for all of them, no subquery is needed.
        scope = "" if sql == "1" else f" WHERE event_id IN (SELECT e.id FROM events e WHERE {sql})"
        with self._reading():
            parties: dict[int, list[int]] = {}
            for event_id, party_id in conn.execute(
                f"SELECT event_id, party_id FROM event_parties{scope} ORDER BY event_id, position",
                params,
            ):
                parties.setdefault(event_id, []).append(party_id)
            sources: dict[int, list[SourceLink]] = {}
            for event_id, source_id, pinpoint in conn.execute(
                f"SELECT event_id, source_id, pinpoint FROM event_sources{scope}"
                " ORDER BY event_id, position",
                params,
            ):
                sources.setdefault(event_id, []).append(SourceLink(source_id, pinpoint))
            rows = conn.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events e WHERE {sql}"
                " ORDER BY e.sort_key, e.sequence, e.id",
                params,
            ).fetchall()
        dates: dict[tuple, FuzzyDate] = {}  # events that share a date share one FuzzyDate
        return [
            _event_from_row(row, parties.get(row[0], ()), sources.get(row[0], ()), dates)
            for row in rows
        ]

    # ----------------------------------------------------------------- the cast

    def parties(self) -> list[Party]:
        """The cast list, by name."""
        return [
            Party(**row)
            for row in self._rows("SELECT * FROM parties ORDER BY name COLLATE NOCASE, id")
        ]

    def add_party(self, party: Party) -> Party:
        """Add a person or organisation to the cast."""
        return self._add_record("parties", "party", _party_row(party), Party)

    def update_party(self, party: Party) -> None:
        """Change a member of the cast; events that name them are re-indexed for search."""
        self._update_record("parties", "party", party.id, _party_row(party))

    def delete_party(self, party_id: int) -> tuple[Party, list[tuple[int, int]]]:
        """Remove a member of the cast and their links; return both for :meth:`restore_party`."""
        return self._delete_record("party", party_id)

    def restore_party(self, party: Party, links: Sequence[tuple[int, int]]) -> None:
        """Undo :meth:`delete_party`: the same id, linked again to the same events."""
        self._restore_record("party", party, links)

    # ----------------------------------------------------------------- sources

    def sources(self) -> list[Source]:
        """The documents, in bundle order (by bundle reference, then title)."""
        return [
            Source(**row)
            for row in self._rows(
                "SELECT * FROM sources"
                " ORDER BY bundle_ref = '', bundle_ref, title COLLATE NOCASE, id"
            )
        ]

    def add_source(self, source: Source) -> Source:
        """Add a document."""
        return self._add_record("sources", "source", _source_row(source), Source)

    def update_source(self, source: Source) -> None:
        """Change a document; events that cite it are re-indexed for search."""
        self._update_record("sources", "source", source.id, _source_row(source))

    def delete_source(self, source_id: int) -> tuple[Source, list[tuple[int, str, int]]]:
        """Remove a document and the citations of it; return both for :meth:`restore_source`."""
        return self._delete_record("source", source_id)

    def restore_source(self, source: Source, links: Sequence[tuple[int, str, int]]) -> None:
        """Undo :meth:`delete_source`: the same id, cited again by the same events."""
        self._restore_record("source", source, links)

    # ----------------------------------------------------------------- categories

    def categories(self) -> list[Category]:
        """The categories, by name."""
        return [
            Category(**row)
            for row in self._rows("SELECT * FROM categories ORDER BY name COLLATE NOCASE")
        ]

    def add_category(self, category: Category) -> Category:
        """Add a category; names are unique regardless of case."""
        return self._add_record("categories", "category", _category_row(category), Category)

    def update_category(self, category: Category) -> None:
        """Rename or recolour a category."""
        self._update_record("categories", "category", category.id, _category_row(category))

    def delete_category(self, category_id: int) -> tuple[Category, list[int]]:
        """Remove a category; its events become uncategorised. Return both for undo."""
        with self._transaction() as audit:
            category = self._fetch("categories", "category", category_id, Category)
            event_ids = [
                r[0]
                for r in self._conn.execute(
                    "SELECT id FROM events WHERE category_id = ?", [category_id]
                ).fetchall()
            ]
            self._conn.execute("DELETE FROM categories WHERE id = ?", [category_id])
            self._touch_events(event_ids, "category_id", str(category_id), None, audit)
            audit.append(
                (
                    "delete",
                    "category",
                    category_id,
                    None,
                    json.dumps(_record_row(category), ensure_ascii=False),
                    None,
                )
            )
        return category, event_ids

    def restore_category(self, category: Category, event_ids: Sequence[int]) -> None:
        """Undo :meth:`delete_category`; events deleted since are skipped."""
        with self._transaction() as audit:
            self._insert_with_id("categories", "category", category, _category_row(category), audit)
            present = []
            for chunk, marks in _chunks(event_ids):
                present += [
                    r[0]
                    for r in self._conn.execute(
                        f"SELECT id FROM events WHERE id IN ({marks})", chunk
                    ).fetchall()
                ]
                self._conn.execute(
                    f"UPDATE events SET category_id = ? WHERE id IN ({marks})",
                    [category.id, *chunk],
                )
            self._touch_events(present, "category_id", None, str(category.id), audit)

    # ----------------------------------------------------------------- shared record plumbing

    def _fetch(self, table: str, entity: str, record_id: int | None, kind: type) -> Any:
        rows = self._rows(f"SELECT * FROM {table} WHERE id = ?", [record_id])
        if not rows:
            raise ConflictError(
                f"That {_NOUNS[entity]} was deleted in another window or by a colleague; "
                "nothing was changed."
            )
        return kind(**rows[0])

    def _add_record(self, table: str, entity: str, row: dict[str, Any], kind: type) -> Any:
        with self._transaction() as audit:
            try:
                record_id = self._db[table].insert(row).last_pk
            except sqlite3.IntegrityError as error:
                raise _integrity_error(entity, error) from error
            audit.append(
                ("create", entity, record_id, None, None, json.dumps(row, ensure_ascii=False))
            )
        return kind(**row, id=record_id)

    def _update_record(
        self, table: str, entity: str, record_id: int | None, row: dict[str, Any]
    ) -> None:
        if record_id is None:
            raise ValueError(f"update needs a saved {entity}")
        with self._transaction() as audit:
            old = _record_row(self._fetch(table, entity, record_id, _CLASSES[entity]))
            changed = {k: v for k, v in row.items() if old[k] != v}
            if not changed:
                return
            try:
                with self._reindexing(self._linked_events(entity, record_id)):
                    self._db[table].update(record_id, changed)
            except sqlite3.IntegrityError as error:
                raise _integrity_error(entity, error) from error
            audit.extend(
                ("update", entity, record_id, k, _text(old[k]), _text(v))
                for k, v in changed.items()
            )

    def _linked_events(self, entity: str, record_id: int) -> list[int]:
        if entity not in _LINKED:
            return []
        return [
            r[0]
            for r in self._conn.execute(
                f"SELECT DISTINCT event_id FROM {_LINKED[entity][1]} WHERE {entity}_id = ?",
                [record_id],
            ).fetchall()
        ]

    def _delete_record(self, entity: str, record_id: int) -> tuple[Any, list[tuple]]:
        table, link_table, link_columns = _LINKED[entity]
        with self._transaction() as audit:
            record = self._fetch(table, entity, record_id, _CLASSES[entity])
            links = [
                tuple(r)
                for r in self._conn.execute(
                    f"SELECT event_id, {link_columns} FROM {link_table}"
                    f" WHERE {entity}_id = ? ORDER BY event_id",
                    [record_id],
                ).fetchall()
            ]
            event_ids = sorted({link[0] for link in links})
            with self._reindexing(event_ids):
                self._conn.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
            self._touch_events(event_ids, entity, _record_name(record), None, audit)
            audit.append(
                (
                    "delete",
                    entity,
                    record_id,
                    None,
                    json.dumps(_record_row(record), ensure_ascii=False),
                    None,
                )
            )
        return record, links

    def _restore_record(self, entity: str, record: Any, links: Sequence[tuple]) -> None:
        table, link_table, link_columns = _LINKED[entity]
        marks = ", ".join("?" * (len(link_columns.split(",")) + 2))
        with self._transaction() as audit:
            self._insert_with_id(table, entity, record, _record_row(record), audit)
            present = set()
            for chunk, id_marks in _chunks(sorted({link[0] for link in links})):
                present.update(
                    r[0]
                    for r in self._conn.execute(
                        f"SELECT id FROM events WHERE id IN ({id_marks})", chunk
                    ).fetchall()
                )
            kept = [link for link in links if link[0] in present]  # skip events deleted since
            with self._reindexing(present):
                self._conn.executemany(
                    f"INSERT INTO {link_table} (event_id, {entity}_id, {link_columns})"
                    f" VALUES ({marks})",
                    [(link[0], record.id, *link[1:]) for link in kept],
                )
            self._touch_events(sorted(present), entity, None, _record_name(record), audit)

    def _insert_with_id(
        self, table: str, entity: str, record: Any, row: dict[str, Any], audit: list[tuple]
    ) -> None:
        try:
            self._db[table].insert({**row, "id": record.id})
        except sqlite3.IntegrityError as error:
            raise _integrity_error(entity, error) from error
        audit.append(("create", entity, record.id, None, None, json.dumps(row, ensure_ascii=False)))

    # ----------------------------------------------------------------- summary

    def summary(self) -> CaseSummary:
        """Title, schema version, counts and the date range, for ``info``."""

        def count(sql: str) -> int:
            return int(self._conn.execute(sql).fetchone()[0])

        with self._reading():
            earliest, latest = self._conn.execute(
                "SELECT min(coalesce(date_earliest, date_latest)),"
                " max(coalesce(end_latest, end_earliest, date_latest, date_earliest))"
                " FROM events"
            ).fetchone()
            return CaseSummary(
                title=self.case_info().title,
                schema_version=self.schema_version,
                events=count("SELECT count(*) FROM events"),
                undated_events=count(
                    "SELECT count(*) FROM events"
                    " WHERE date_earliest IS NULL AND date_latest IS NULL"
                ),
                parties=count("SELECT count(*) FROM parties"),
                sources=count("SELECT count(*) FROM sources"),
                categories=count("SELECT count(*) FROM categories"),
                earliest=earliest,
                latest=latest,
            )


# --------------------------------------------------------------------- rows <-> records

_EVENT_FIELDS = (
    "id",
    "title",
    "description",
    "date_text",
    "date_earliest",
    "date_latest",
    "date_precision",
    "date_qualifier",
    "date_approximate",
    "end_text",
    "end_earliest",
    "end_latest",
    "end_precision",
    "end_qualifier",
    "end_approximate",
    "category_id",
    "status",
    "key",
    "privileged_note",
    "versions",
    "sequence",
    "revision",
    "created",
    "modified",
    "created_by",
    "modified_by",
)
_EVENT_COLUMNS = ", ".join(f"e.{name}" for name in _EVENT_FIELDS)


def _date_columns(prefix: str, date: FuzzyDate | None) -> dict[str, Any]:
    if date is None:
        return {
            f"{prefix}_{name}": None
            for name in ("text", "earliest", "latest", "precision", "qualifier", "approximate")
        }
    return {
        f"{prefix}_text": date.text,
        f"{prefix}_earliest": date_to_iso(date.earliest),
        f"{prefix}_latest": date_to_iso(date.latest),
        f"{prefix}_precision": str(date.precision),
        f"{prefix}_qualifier": str(date.qualifier),
        f"{prefix}_approximate": int(date.approximate),
    }


def _date_from_columns(values: tuple, cache: dict[tuple, FuzzyDate]) -> FuzzyDate:
    date = cache.get(values)
    if date is None:
        text, earliest, latest, precision, qualifier, approximate = values
        date = cache[values] = FuzzyDate(
            earliest=date_from_iso(earliest),
            latest=date_from_iso(latest),
            precision=precision,
            qualifier=qualifier,
            approximate=bool(approximate),
            text=text,
        )
    return date


def _event_row(event: Event) -> dict[str, Any]:
    """The columns an event's own fields map to (not id, revision or timestamps)."""
    return {
        "title": event.title,
        "description": event.description,
        **_date_columns("date", event.date),
        **_date_columns("end", event.end),
        "sort_key": event.date.sort_key,
        "category_id": event.category_id,
        "status": str(event.status),
        "key": int(event.key),
        "privileged_note": event.privileged_note,
        "versions": json.dumps(event.versions, ensure_ascii=False, sort_keys=True),
        "sequence": event.sequence,
    }


def _event_from_row(
    row: tuple,
    party_ids: Sequence[int],
    sources: Sequence[SourceLink],
    dates: dict[tuple, FuzzyDate],
) -> Event:
    # Positional, in Event's field order: this runs 100,000 times when a big case is read.
    return Event(
        row[1],  # title
        _date_from_columns(row[3:9], dates),
        None if row[13] is None else _date_from_columns(row[9:15], dates),
        row[2],  # description
        row[15],  # category_id
        row[16],  # status
        row[17] == 1,  # key
        row[18],  # privileged_note
        {} if row[19] == "{}" else json.loads(row[19]),  # versions
        row[20],  # sequence
        tuple(party_ids),
        tuple(sources),
        row[0],  # id
        *row[21:26],  # revision, created, modified, created_by, modified_by
    )


def _content(event: Event) -> Event:
    """The event as its fields and links say, whatever its revision and time of change."""
    return dataclasses.replace(event, revision=0, modified="", modified_by="")


def _party_row(party: Party) -> dict[str, Any]:
    return {
        "name": party.name,
        "kind": str(party.kind),
        "role": party.role,
        "organisation": party.organisation,
        "notes": party.notes,
    }


def _source_row(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "date_text": source.date_text,
        "doc_type": source.doc_type,
        "bundle_ref": source.bundle_ref,
        "first_page": source.first_page,
        "location": source.location,
        "notes": source.notes,
    }


def _category_row(category: Category) -> dict[str, Any]:
    return {"name": category.name, "colour": category.colour}


def _record_row(record: Party | Source | Category) -> dict[str, Any]:
    if isinstance(record, Party):
        return _party_row(record)
    if isinstance(record, Source):
        return _source_row(record)
    return _category_row(record)


def _record_name(record: Party | Source | Category) -> str:
    return record.title if isinstance(record, Source) else record.name


_TABLES = {"party": "parties", "source": "sources", "category": "categories"}
_CLASSES: dict[str, type] = {"party": Party, "source": Source, "category": Category}
_LINKED: dict[str, tuple[str, str, str]] = {
    # entity: (table, link table, link columns besides event_id and <entity>_id)
    "party": ("parties", "event_parties", "position"),
    "source": ("sources", "event_sources", "pinpoint, position"),
}


def _links_json(links: Iterable[SourceLink]) -> str:
    return json.dumps([[s.source_id, s.pinpoint] for s in links], ensure_ascii=False)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _integrity_error(entity: str, error: sqlite3.IntegrityError) -> UserError:
    """A constraint SQLite enforced, in the user's words."""
    message = str(error)
    noun = _NOUNS[entity]
    if "UNIQUE" in message and message.rstrip().endswith(".id"):
        return ConflictError(
            f"That {noun} cannot be put back: it was re-created in another window or by a "
            "colleague. Reload the case."
        )
    if "UNIQUE" in message:
        return UserError(f"There is already a {noun} with that name; choose another name.")
    return ConflictError(
        f"The {noun} could not be saved: a person, document or category it refers to was "
        "deleted in another window or by a colleague. Reload the case and try again."
    )


def _filter_sql(where: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``events e``) and parameters for a filter."""
    clauses: list[str] = []
    params: list[Any] = []
    query = fts_query(where.text)
    if query is not None:
        clauses.append("e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
        params.append(query)
    if where.category_ids:
        named = [c for c in where.category_ids if c is not None]
        parts = []
        if named:
            parts.append(f"e.category_id IN ({', '.join('?' * len(named))})")
            params.extend(named)
        if None in where.category_ids:
            parts.append("e.category_id IS NULL")
        clauses.append("(" + " OR ".join(parts) + ")")
    if where.party_ids:
        marks = ", ".join("?" * len(where.party_ids))
        clauses.append(f"e.id IN (SELECT event_id FROM event_parties WHERE party_id IN ({marks}))")
        params.extend(where.party_ids)
    if where.statuses:
        clauses.append(f"e.status IN ({', '.join('?' * len(where.statuses))})")
        params.extend(str(s) for s in where.statuses)
    if where.key_only:
        clauses.append("e.key = 1")
    if where.date_from is not None or where.date_to is not None:
        clauses.append("(e.date_earliest IS NOT NULL OR e.date_latest IS NOT NULL)")
    if where.date_from is not None:
        # The latest the event may run to: its end date's, else its own; NULL is open-ended.
        clauses.append(
            "coalesce(CASE WHEN e.end_precision IS NULL THEN e.date_latest"
            " ELSE e.end_latest END, '9999-12-31T23:59') >= ?"
        )
        params.append(where.date_from.isoformat())
    if where.date_to is not None:
        clauses.append("coalesce(e.date_earliest, '0000-01-01') < ?")
        params.append((where.date_to + dt.timedelta(days=1)).isoformat())
    return (" AND ".join(clauses) or "1"), params
