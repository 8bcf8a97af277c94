"""Files and opening: what a case file must look like before anything in it runs.

Plain ``sqlite3`` here: the header is read as bytes (SQLite magic, application id, schema
version), connections are opened with ``trusted_schema=OFF``, and a new file is put in place
without ever replacing one.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from timeline_app.core.errors import CaseFileError
from timeline_app.core.filekinds import read_regular
from timeline_app.core.migrations import APPLICATION_ID, SCHEMA_VERSION, expected_schema

log = logging.getLogger(__name__)


SQLITE_MAGIC = b"SQLite format 3\x00"


_KINDS = {"table": "a table", "index": "an index", "view": "a view", "trigger": "a trigger"}


def check_schema(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse a file whose schema is not exactly the one we make for its version.

    Every entry of ``sqlite_schema`` is compared, SQL and all: a trigger, view or index that we
    did not create, or a table with other columns, checks or generated columns, would run
    inside our transactions. Reading ``sqlite_schema`` runs nothing from the file.

    :raises CaseFileError: what is not ours, named, with what to do.
    """
    try:
        found = {
            (kind, name, table, sql)
            for kind, name, table, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_schema"
            )
        }
    except UnicodeDecodeError as error:  # its schema is not even text
        raise damaged_error(path, str(error)) from error
    expected = expected_schema(version)
    if found == expected:
        return
    ours = {(kind, name): sql for kind, name, _, sql in expected}
    foreign = sorted((kind, name) for kind, name, _, _ in found if (kind, name) not in ours)
    changed = sorted(
        (kind, name)
        for kind, name, table, sql in found
        if (kind, name) in ours and (kind, name, table, sql) not in expected
    )
    missing = sorted(ours.keys() - {(kind, name) for kind, name, _, _ in found})
    repair = ' Run "evidence-timeline repair" to copy its data into a clean case file.'
    if foreign:
        kind, name = foreign[0]
        others = (
            f" (and {len(foreign) - 1} more thing{'s' * (len(foreign) > 2)})"
            if len(foreign) > 1
            else ""
        )
        raise CaseFileError(
            f"{path.name} contains {_KINDS.get(kind, kind)} ({name}){others} that Evidence "
            f"Timeline did not create, so it was not opened.{repair}"
        )
    if changed:
        kind, name = changed[0]
        raise CaseFileError(
            f"In {path.name}, {_KINDS.get(kind, kind)} ({name}) is not as Evidence Timeline "
            f"made it (its columns, checks or definition differ), so it was not opened.{repair}"
        )
    kind, name = missing[0]
    raise CaseFileError(
        f"{path.name} claims to be an Evidence Timeline case file but is missing parts of one "
        f"({_KINDS.get(kind, kind)}, {name}), so it was not opened.{repair}"
    )


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
        header.startswith(SQLITE_MAGIC)
        and len(header) == 100
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def read_header(path: Path) -> bytes:
    """The first 100 bytes of the file, or a CaseFileError saying why it cannot be read.

    Only a regular file: a named pipe, a device or a socket is refused, never waited on.
    """
    return read_regular(path, "case file", most=100, error=CaseFileError)


def check_header(path: Path, header: bytes) -> None:
    """Refuse a file that is not a SQLite database, not ours, or from a newer version."""
    if not header:
        raise CaseFileError(f"{path.name} is empty, so it is not an Evidence Timeline case file.")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
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


FULL_CHECK_ALWAYS = 16 * 1024 * 1024
"""Files up to this size (about 20,000 events) are fully checked at every open: it is cheap."""


def needs_full_check(path: Path, header: bytes) -> bool:
    """Whether opening must run SQLite's full check: the file may not have been closed cleanly.

    A clean close leaves no journal or write-ahead log beside the file, and the file exactly as
    long as its header says; a program stopped mid-change, a truncated or grown copy, does not.
    A small file is always checked: it costs milliseconds. Otherwise the check is left to the
    window's background pass and to ``check``.
    """
    try:
        size = path.stat().st_size
        real = path.resolve()
        leftovers = [real.with_name(real.name + tail) for tail in ("-journal", "-wal")]
        left_behind = any(f.exists() and f.stat().st_size > 0 for f in leftovers)
    except OSError:
        return True
    if size <= FULL_CHECK_ALWAYS or left_behind:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size_is_valid = header[24:28] == header[92:96] and pages > 0
    return not size_is_valid or size != pages * page_size


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """SQLite's check of every page and row of the file: what is wrong, or nothing."""
    verdict = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    return [] if verdict == ["ok"] else verdict


def why_read_only(path: Path) -> str | None:
    """Why the file can only be read (a sentence), or None if it can be written."""
    if not os.access(path, os.W_OK):
        return f"{path.name} is read-only, so it is open for reading only."
    if not os.access(path.parent, os.W_OK):
        return f"The folder holding {path.name} is read-only, so the case is open for reading only."
    return None


def is_locked(error: sqlite3.Error) -> bool:
    """Whether SQLite refused because another program holds the file."""
    return "locked" in str(error) or "busy" in str(error)


def locked_error(path: Path) -> CaseFileError:
    """The sentence for a file another program is writing."""
    return CaseFileError(
        f"{path.name} is locked by another program that is writing to it. "
        "Wait a moment and try again, or close the case in the other program."
    )


def damaged_error(path: Path, detail: str) -> CaseFileError:
    """The sentence for a file that fails SQLite's check (the detail is logged)."""
    log.warning("%s failed the database check: %s", path, detail)
    return CaseFileError(
        f"{path.name} is damaged and cannot be opened. Open a backup copy; this file has not "
        "been changed."
    )


def finish_interrupted_change(path: Path, timeout: float) -> None:
    """Undo a change that a stopped program left half done, as SQLite does on the next read.

    SQLite can only do it with the right to write, so a read-only open of such a file failed
    as if the file were damaged. The file's own journal says what to undo; nothing is lost.
    """
    real = path.resolve()  # the journal is beside the file itself, not beside a link to it
    journal = real.with_name(real.name + "-journal")
    if not journal.exists() or journal.stat().st_size == 0:
        return
    try:
        conn = connect(real, read_only=False, timeout=timeout)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        if is_locked(error):  # another program is at it now: its change, not a stopped one
            raise locked_error(path) from error
        log.warning("could not finish the interrupted change to %s: %s", path, error)


def connect(path: Path, *, read_only: bool, timeout: float) -> sqlite3.Connection:
    """A connection to ``path`` on which nothing from the file can run functions.

    ``trusted_schema`` is off, extensions are never loaded (Python leaves them off), and on
    Python 3.12 and later SQLite's defensive mode is on too (3.11 cannot set it).
    """
    mode = "ro" if read_only else "rw"
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}",
        uri=True,
        timeout=timeout,
        isolation_level=None,  # we issue BEGIN ourselves; sqlite-utils nests savepoints in it
    )
    # Before anything from the file runs: no SQL functions from its schema with side effects.
    conn.execute("PRAGMA trusted_schema = OFF")
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if defensive is not None:
        conn.setconfig(defensive, True)  # type: ignore[attr-defined]  # new in Python 3.12
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def sqlite_utils_over(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over an open connection (imported here: it is slow to import)."""
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
