"""Schema versions of a case file, applied in order when a case is opened or created.

The version lives in ``PRAGMA user_version`` and the file is marked as ours with
``PRAGMA application_id``. Each step runs in one transaction together with the version bump,
so a file is always at exactly one version. Steps are frozen once released: a later change of
shape is a new step, never an edit of an old one.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x45564454  # "EVDT"

# AUTOINCREMENT: an id is never reused, so undoing a delete can put the record back under
# its own id even after newer records were added.
_SCHEMA_1 = """
CREATE TABLE case_info (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    court_lines TEXT NOT NULL DEFAULT '[]',
    claim_number TEXT NOT NULL DEFAULT '',
    parties TEXT NOT NULL DEFAULT '[]',
    prepared_by TEXT NOT NULL DEFAULT '',
    reference_date TEXT,
    date_order TEXT NOT NULL DEFAULT 'dmy' CHECK (date_order IN ('dmy', 'mdy')),
    created TEXT NOT NULL,
    modified TEXT NOT NULL
) STRICT;

CREATE TABLE categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    colour TEXT NOT NULL
) STRICT;

CREATE TABLE parties (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
    role TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    date_text TEXT NOT NULL DEFAULT '',
    doc_type TEXT NOT NULL DEFAULT '',
    bundle_ref TEXT NOT NULL DEFAULT '',
    first_page INTEGER,
    location TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    date_text TEXT NOT NULL DEFAULT '',
    date_earliest TEXT,
    date_latest TEXT,
    date_precision TEXT NOT NULL,
    date_qualifier TEXT NOT NULL,
    date_approximate INTEGER NOT NULL DEFAULT 0,
    end_text TEXT,
    end_earliest TEXT,
    end_latest TEXT,
    end_precision TEXT,
    end_qualifier TEXT,
    end_approximate INTEGER,
    sort_key TEXT NOT NULL,
    category_id INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    key INTEGER NOT NULL DEFAULT 0,
    privileged_note TEXT NOT NULL DEFAULT '',
    versions TEXT NOT NULL DEFAULT '{}',
    sequence INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 1,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    created_by TEXT NOT NULL,
    modified_by TEXT NOT NULL
) STRICT;
CREATE INDEX events_chronology ON events (sort_key, sequence, id);
CREATE INDEX events_category ON events (category_id);

CREATE TABLE event_parties (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    party_id INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, party_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_parties_party ON event_parties (party_id);

CREATE TABLE event_sources (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    pinpoint TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, source_id, pinpoint)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_sources_source ON event_sources (source_id);

CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    field TEXT,
    old TEXT,
    new TEXT
) STRICT;
"""

_SCHEMA_2 = """
CREATE VIEW event_search AS
SELECT e.id AS id, e.title AS title, e.description AS description,
    (SELECT group_concat(value, ' ') FROM json_each(e.versions)) AS versions,
    (SELECT group_concat(name, ' ') FROM (
        SELECT p.name AS name FROM event_parties ep JOIN parties p ON p.id = ep.party_id
        WHERE ep.event_id = e.id ORDER BY ep.position, ep.party_id)) AS parties,
    (SELECT group_concat(ref, ' ') FROM (
        SELECT s.bundle_ref || ' ' || s.title || ' ' || es.pinpoint AS ref
        FROM event_sources es JOIN sources s ON s.id = es.source_id
        WHERE es.event_id = e.id ORDER BY es.position, es.source_id, es.pinpoint)) AS sources
FROM events e;
CREATE VIRTUAL TABLE events_fts USING fts5(
    title, description, versions, parties, sources,
    content = 'event_search', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO events_fts (rowid, title, description, versions, parties, sources)
SELECT id, title, description, versions, parties, sources FROM event_search;
"""


_SCHEMA_3 = """
ALTER TABLE case_info ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/London';
ALTER TABLE case_info ADD COLUMN house_template TEXT NOT NULL DEFAULT '';
ALTER TABLE case_info ADD COLUMN reference_brackets INTEGER NOT NULL DEFAULT 0
    CHECK (reference_brackets IN (0, 1))
"""


# Served versions; the wording check's switch; and the latest moment of each event, indexed, so
# that a case's date range is read from two indexes (this one, and the court order's for the
# earliest) instead of a pass over every event.
_SCHEMA_4 = """
CREATE TABLE served_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    label TEXT NOT NULL UNIQUE COLLATE NOCASE,
    served_at TEXT NOT NULL,
    served_by TEXT NOT NULL,
    events INTEGER NOT NULL,
    snapshot TEXT NOT NULL
) STRICT;
ALTER TABLE case_info ADD COLUMN wording_check INTEGER NOT NULL DEFAULT 1
    CHECK (wording_check IN (0, 1));
CREATE INDEX events_span_end
    ON events (coalesce(end_latest, end_earliest, date_latest, date_earliest))
"""


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]


def _schema_1(db: sqlite3.Connection) -> None:
    """Tables for the case, the cast, sources, categories, events, their links and the audit."""
    for statement in _statements(_SCHEMA_1):
        db.execute(statement)


def _schema_2(db: sqlite3.Connection) -> None:
    """Full-text search over titles, descriptions, versions, party names, source references.

    The index keeps no copy of the text: its content is the ``event_search`` view, so the
    store must remove an event's entry (with the view's current values) before changing what
    the view shows for it, and add it again after.
    """
    for statement in _statements(_SCHEMA_2):
        db.execute(statement)


def _schema_3(db: sqlite3.Connection) -> None:
    """The case's time zone and how its chronology is written.

    The time zone places exact times such as an email's (London unless changed); the firm's
    Word template and references in brackets shape the chronology.
    """
    for statement in _statements(_SCHEMA_3):
        db.execute(statement)


def _schema_4(db: sqlite3.Connection) -> None:
    """Served versions, the wording check's switch, and an index on each event's latest moment."""
    for statement in _statements(_SCHEMA_4):
        db.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _schema_1,
    _schema_2,
    _schema_3,
    _schema_4,
]
"""Step ``n`` (1-based) takes a file from schema ``n - 1`` to ``n``."""

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new, empty file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Bring ``db`` up to schema ``target``; return the versions applied.

    Each step and its ``user_version`` bump commit together under a write lock
    (``BEGIN IMMEDIATE``), and the version is re-read inside it, so two copies of the app
    opening an old file at once apply each step once. An interrupted upgrade leaves the file at
    the last complete version. The caller has already refused files newer than ours.
    """
    applied: list[int] = []
    conn = db
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(db) + 1
            if version > target:
                conn.execute("COMMIT")
                return applied
            if version == 1:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(version)


SchemaEntry = tuple[str, str, str, str | None]
"""A row of ``sqlite_schema``: type, name, table name, SQL."""


@functools.cache
def expected_schema(version: int) -> frozenset[SchemaEntry]:
    """Every table, index, view and trigger a case file of ``version`` holds, as we made them.

    Made by running the steps in memory, so that it can never drift from what they create.
    """
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, target=version)
        return frozenset(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema"))
    finally:
        conn.close()
