"""A case on a team's PostgreSQL server: opened by its address, with PostgreSQL's own ways.

Writers take the case's lock (an advisory lock, for the length of their transaction), as
SQLite's ``BEGIN IMMEDIATE`` does, so an edit based on an out-of-date revision is refused
rather than written over a newer one. Other windows hear of a change through ``LISTEN`` /
``NOTIFY``. Search is PostgreSQL's text search over the same ``event_search`` view. What a
role may do is the database's to enforce (see ``schema``); the store asks first, to say so in
words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from psycopg import sql

from timeline_app.core.errors import CaseFileError, ReadOnlyError, UserError
from timeline_app.core.model import SourceLink
from timeline_app.core.progress import Progress, check_progress
from timeline_app.core.store.base import utc_now
from timeline_app.core.store.case import CaseStore
from timeline_app.core.store.postgres import schema
from timeline_app.core.store.postgres.address import ServerAddress, parse, with_case
from timeline_app.core.store.postgres.connection import ServerConnection, connect
from timeline_app.core.store.rows import EVENT_COLUMNS, INSERTED_COLUMNS

log = logging.getLogger(__name__)

LOCK_SECONDS = 5
BULK_ROWS = 500
"""A change with this many audit rows (an import) loads them with COPY."""
COPY_SLICE = 5000
"""Events an import loads (rows, links, search entries) between two calls of its progress."""
_UNACCENT = f"{schema.SHARED}.unaccent"


class ServerCaseStore(CaseStore):
    """A case on a PostgreSQL server. Use :meth:`open`, or :func:`create_case` for a new one.

    Attributes:
        address: where the case is (its password, if it had one, never kept).
        privileged: whether this role may read the team's privileged notes.

    """

    errors = psycopg

    def __init__(
        self,
        conn: ServerConnection,
        address: ServerAddress,
        case_id: int,
        read_only_reason: str | None,
        *,
        privileged: bool,
    ) -> None:
        self._server = conn
        self.address = address
        self._case_id = case_id
        self.privileged = privileged
        self._heard = 0
        super().__init__(conn, f"{address.case} (on {address.server})", read_only_reason)

    @property
    def location(self) -> str:
        """The case's address, with no password in it."""
        return self.address.shown

    @property
    def reconnections(self) -> int:
        """How many times the connection was lost and made again (the window says so)."""
        return self._server.reconnected

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(  # type: ignore[override]  # a server case takes no timeout: lock_timeout is ours
        cls, address: str, *, read_only: bool = False
    ) -> ServerCaseStore:
        """Open the case a ``postgresql://…?case=NAME`` address names.

        :raises UserError: the server cannot be reached, has no such case, or this role has no
            rights to it; the case is from a newer version.
        """
        where = parse(address)
        found: dict[str, Any] = {}

        def prepare(raw: psycopg.Connection[Any]) -> None:
            found.update(_find_case(raw, where))
            raw.execute(
                sql.SQL("SET search_path TO {}, pg_catalog").format(sql.Identifier(found["schema"]))
            )
            found["replica"] = _value(raw, "SELECT pg_is_in_recovery()")
            if not found["replica"]:  # a replica takes no LISTEN: no NOTIFY reaches it
                raw.execute(sql.SQL("LISTEN {}").format(sql.Identifier(found["schema"])))
            # Compiling a plan (JIT) costs more than any of our statements saves: on a big
            # case each of an import's search-index statements took ten times as long.
            raw.execute("SET jit = off")

        conn = ServerConnection(where.conninfo, where.shown, prepare)
        try:
            rights = _rights(conn.raw, found["schema"])
            if not rights["read"]:
                raise CaseFileError(
                    f"Your role ({rights['role']}) has no rights to the case {where.case!r}; "
                    "ask its owner to grant you access (main.py server grant)."
                )
            if found["version"] < schema.CASE_VERSION:
                _upgrade(conn.raw, found, where)
            reason = None
            if read_only:
                reason = f"{where.case} was opened for reading only."
            elif found["replica"]:
                reason = (
                    f"{where.case} was opened from a read-only copy of the server (a replica): "
                    "changes are made on the main server, and others' show here only when the "
                    "case is read again."
                )
            elif not rights["edit"]:
                reason = (
                    f"You ({rights['role']}) may read the case {where.case!r} but not change "
                    "it; ask its owner for editor rights."
                )
            return cls(conn, where, found["id"], reason, privileged=rights["privileged"])
        except BaseException:
            conn.close()
            raise

    # ----------------------------------------------------------------- the hooks

    def _who(self) -> str:
        return str(_value(self._server.raw, "SELECT current_user"))

    def _begin_write(self) -> None:
        conn = self._conn
        conn.execute("BEGIN")
        conn.execute(f"SET LOCAL lock_timeout = '{LOCK_SECONDS}s'")
        conn.execute("SELECT pg_advisory_xact_lock(?)", [self._case_id])

    def _is_locked(self, error: Exception) -> bool:
        return isinstance(error, psycopg.errors.LockNotAvailable)

    def _locked_error(self) -> UserError:
        return CaseFileError(
            f"{self.name} is being changed by a colleague right now. Wait a moment and try again."
        )

    def _write_error(self, error: Exception) -> Exception:
        if self._is_locked(error):
            return self._locked_error()
        if isinstance(error, psycopg.errors.InsufficientPrivilege):
            return ReadOnlyError(
                f"You ({self.user}) may not make this change to {self.name}; ask its owner for "
                "editor rights. Nothing was saved."
            )
        if self._server.raw.closed or self._server.raw.broken:
            return UserError(
                f"The connection to the server holding {self.name} was lost, so the change was "
                "not saved (it connects again by itself: try again in a moment)."
            )
        return RuntimeError(f"The server refused a change: {error}")

    def _read_error(self, error: Exception) -> Exception:
        if isinstance(error, psycopg.errors.InsufficientPrivilege):
            return CaseFileError(
                f"You ({self.user}) may no longer read {self.name}; ask its owner for access."
            )
        if self._server.raw.closed or self._server.raw.broken:
            return CaseFileError(
                f"The connection to the server holding {self.name} was lost while reading (it "
                "connects again by itself: try again in a moment)."
            )
        return super()._read_error(error)

    @property
    def _write_failures(self) -> tuple[type[Exception], ...]:
        return (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege)

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        cursor = self._conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING id", list(values.values())
        )
        new_id = int(cursor.fetchone()[0])
        if "id" in values:
            self._ids_given(table)
        return new_id

    def _write_audit(self, rows: Sequence[tuple]) -> None:
        if len(rows) < BULK_ROWS:
            super()._write_audit(rows)
            return
        # COPY cannot load a table under row-level security (the audit trail is): it loads a
        # temporary table, and one INSERT takes its rows, through the policies and the trigger.
        # Taken in order, they are numbered in order, as one INSERT each would number them.
        columns = 'at, "user", action, entity, entity_id, field, old, new'
        self._conn.execute(
            'CREATE TEMPORARY TABLE audit_load (position bigint, at text, "user" text,'
            " action text, entity text, entity_id bigint, field text, old text, new text)"
            " ON COMMIT DROP"
        )
        with self._server.copy(f"COPY audit_load (position, {columns}) FROM STDIN") as copy:
            for position, row in enumerate(rows):
                copy.write_row((position, *row))
        self._conn.execute(
            f"INSERT INTO changes ({columns}) SELECT {columns} FROM audit_load ORDER BY position"
        )

    def _update(self, table: str, record_id: int, values: dict[str, Any]) -> None:
        assignments = ", ".join(f"{column} = ?" for column in values)
        self._conn.execute(
            f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), record_id]
        )

    def _ids_given(self, table: str) -> None:
        # An identity column does not move past ids given to it: move it, or the next new
        # record would be given one that is taken. Only when it must: moving it needs more
        # than an editor's rights, and an id put back (an undo) lies behind it anyway.
        sequence = f"pg_get_serial_sequence('{table}', 'id')::regclass"
        self._conn.execute(
            f"SELECT setval({sequence}, top) FROM (SELECT max(id) AS top FROM {table}) AS given"
            f" WHERE top > coalesce(pg_sequence_last_value({sequence}), 0)"
        )

    def _ids_for(self, table: str, given: Sequence[int | None]) -> list[int]:
        """An id for each new row: its own where it brings one, else the next of the table's."""
        sequence = f"pg_get_serial_sequence('{table}', 'id')::regclass"
        kept = [i for i in given if i is not None]
        if kept:
            self._conn.execute(
                f"SELECT setval({sequence}, ?)"
                f" WHERE ? > coalesce(pg_sequence_last_value({sequence}), 0)",
                [max(kept), max(kept)],
            )
        fresh = iter(
            sorted(
                row[0]
                for row in self._conn.execute(
                    f"SELECT nextval({sequence}) FROM generate_series(1, ?)",
                    [len(given) - len(kept)],
                )
            )
        )
        return [next(fresh) if i is None else i for i in given]

    def _insert_event_rows(
        self,
        rows: Sequence[tuple[Any, ...]],
        given: Sequence[int | None],
        links: Sequence[tuple[tuple[int, ...], tuple[SourceLink, ...]]],
        progress: Progress | None,
    ) -> list[int]:
        # COPY, in the change's transaction. Ids are taken from the sequence first (an id a
        # row brings is kept, and the sequence moved past it), so the links can name them.
        # Slices keep the progress bar (and Cancel) moving through the search index too.
        ids = self._ids_for("events", given)
        for start in range(0, len(rows), COPY_SLICE):
            check_progress(progress, start, len(rows), "import")
            end = start + COPY_SLICE
            self._copy_events(ids[start:end], rows[start:end], links[start:end])
            self._search_index(ids[start:end], remove=False)
        return ids

    def _copy_events(
        self,
        ids: Sequence[int],
        rows: Sequence[tuple[Any, ...]],
        links: Sequence[tuple[tuple[int, ...], tuple[SourceLink, ...]]],
    ) -> None:
        """Load events' rows under these ids, and their links, with COPY."""
        with self._server.copy(
            f"COPY events (id, {', '.join(INSERTED_COLUMNS)}) FROM STDIN"
        ) as copy:
            for event_id, row in zip(ids, rows, strict=True):
                copy.write_row((event_id, *row))
        with self._server.copy(
            "COPY event_parties (event_id, party_id, position) FROM STDIN"
        ) as copy:
            for event_id, (party_ids, _) in zip(ids, links, strict=True):
                for position, party_id in enumerate(party_ids):
                    copy.write_row((event_id, party_id, position))
        with self._server.copy(
            "COPY event_sources (event_id, source_id, pinpoint, position) FROM STDIN"
        ) as copy:
            for event_id, (_, sources) in zip(ids, links, strict=True):
                for position, link in enumerate(sources):
                    copy.write_row((event_id, link.source_id, link.pinpoint, position))

    def _read_data_version(self) -> int:
        # Word of another connection's change comes by NOTIFY; what happened while this one was
        # cut off never came, so a new connection counts as news too.
        self._conn.execute("SELECT 1")  # reads waiting notices, and connects again if cut
        own = self._server.raw.info.backend_pid
        for notice in self._server.raw.notifies(timeout=0):
            if notice.pid != own:
                self._heard += 1
        return self._heard + self._server.reconnected

    @property
    def schema_version(self) -> int:
        """The schema version of the case on the server."""
        return int(
            _value(
                self._server.raw,
                f"SELECT schema_version FROM {schema.SHARED}.cases WHERE id = %s",
                [self._case_id],
            )
        )

    def _begin_read(self) -> None:
        self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _event_columns(self) -> str:
        if self.privileged:
            return EVENT_COLUMNS
        return EVENT_COLUMNS.replace("e.privileged_note", "'' AS privileged_note")

    def _match(self, words: list[str]) -> tuple[str, list[Any]]:
        whole = [f"phraseto_tsquery('simple', {_UNACCENT}(?))"] * (len(words) - 1)
        prefix = (
            "(SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*', ' & '))"
            f" FROM unnest(tsvector_to_array(to_tsvector('simple', {_UNACCENT}(?)))) AS lexeme)"
        )
        query = " && ".join([*whole, prefix])
        return f"e.id IN (SELECT event_id FROM event_text WHERE words @@ ({query}))", words

    def _search_index(self, event_ids: Sequence[int], *, remove: bool) -> None:
        if remove:
            self._conn.execute("DELETE FROM event_text WHERE event_id = ANY(?)", [list(event_ids)])
            return
        self._conn.execute(
            "INSERT INTO event_text (event_id, words) SELECT id, to_tsvector('simple',"
            f" {_UNACCENT}(concat_ws(' ', title, description, versions, parties, sources)))"
            " FROM event_search WHERE id = ANY(?)"
            " ON CONFLICT (event_id) DO UPDATE SET words = excluded.words",
            [list(event_ids)],
        )

    def _moment_ok(self, column: str) -> str:
        return f"{schema.SHARED}.is_moment({column})"

    def _versions_ok(self, column: str) -> str:
        return f"{schema.SHARED}.is_versions({column})"

    def save_copy(self, path: Any) -> None:
        """Write the whole case to a new case file at ``path`` (a checkout), never replacing one.

        :raises CaseFileError: the file exists or the folder cannot be written.
        """
        copy_into_file(self, path)


# --------------------------------------------------------------------- the server's cases


def _value(raw: psycopg.Connection[Any], query: Any, params: Sequence[Any] = ()) -> Any:
    """The one value a query that always gives a row gives."""
    row = raw.execute(query, params).fetchone()
    if row is None:
        raise RuntimeError(f"no row from {query}")
    return row[0]


def _set_up(raw: psycopg.Connection[Any]) -> bool:
    """Whether ``server init`` has set this database up for cases."""
    return bool(_value(raw, "SELECT to_regclass(%s) IS NOT NULL", [f"{schema.SHARED}.cases"]))


def _find_case(raw: psycopg.Connection[Any], where: ServerAddress) -> dict[str, Any]:
    """The case's id, schema and version, or a sentence saying why it cannot be opened."""
    try:
        return _find_listed_case(raw, where)
    except psycopg.errors.InsufficientPrivilege as error:
        raise _no_rights(raw, where) from error


def _no_rights(raw: psycopg.Connection[Any], where: ServerAddress) -> CaseFileError:
    """The sentence for a role that may not even read the list of cases (it has none)."""
    role = _value(raw, "SELECT current_user")
    return CaseFileError(
        f"Your role ({role}) has no rights to any case on {where.server}; ask a case's owner "
        "to grant you access (main.py server grant)."
    )


def _find_listed_case(raw: psycopg.Connection[Any], where: ServerAddress) -> dict[str, Any]:
    """The case's row in the list of cases (the list is readable by those with a case)."""
    if not _set_up(raw):
        raise CaseFileError(
            f"The server at {where.shown.split('?')[0]} holds no Evidence Timeline cases yet "
            "(run main.py server init on it first)."
        )
    row = raw.execute(
        f"SELECT id, schema_name, schema_version FROM {schema.SHARED}.cases WHERE name = %s",
        [where.case],
    ).fetchone()
    if row is None:
        names = [n for (n,) in raw.execute(f"SELECT name FROM {schema.SHARED}.cases ORDER BY name")]
        raise CaseFileError(
            f"There is no case called {where.case!r} on that server; the cases there are: "
            f"{', '.join(names) or 'none'}."
        )
    case_id, schema_name, version = row
    if version > schema.CASE_VERSION:
        raise CaseFileError(
            f"The case {where.case!r} was made by a newer version of Evidence Timeline (server "
            f"schema {version}); this version reads up to {schema.CASE_VERSION}. Install the "
            "newer version to open it."
        )
    return {"id": case_id, "schema": schema_name, "version": version}


def _upgrade(raw: psycopg.Connection[Any], found: dict[str, Any], where: ServerAddress) -> None:
    """Bring a case made by an older version up to this one's schema, in one transaction.

    :raises CaseFileError: this role may not change the case's tables (only the role that
        made the case may).
    """
    try:
        with raw.transaction(), raw.cursor() as cursor:
            for step in schema.case_steps(found["schema"])[found["version"] :]:
                step(cursor)
            cursor.execute(
                f"UPDATE {schema.SHARED}.cases SET schema_version = %s WHERE id = %s",
                [schema.CASE_VERSION, found["id"]],
            )
    except psycopg.errors.InsufficientPrivilege as error:
        raise CaseFileError(
            f"The case {where.case!r} was made by an older version of Evidence Timeline (server "
            f"schema {found['version']}) and must be upgraded to schema {schema.CASE_VERSION}: "
            "the role that made it must open it once with this version. Nothing was changed."
        ) from error
    found["version"] = schema.CASE_VERSION


def _rights(raw: psycopg.Connection[Any], schema_name: str) -> dict[str, Any]:
    """What the connected role may do with the case."""
    role, usage = raw.execute(
        "SELECT current_user, has_schema_privilege(%s, 'USAGE')", [schema_name]
    ).fetchone() or ("", False)
    if not usage:  # its tables cannot even be named (a role with rights to other cases)
        return {"role": role, "read": False, "edit": False, "privileged": False}
    read, edit, privileged = raw.execute(
        "SELECT has_table_privilege(%s, 'SELECT'), has_table_privilege(%s, 'INSERT'),"
        " has_column_privilege(%s, 'privileged_note', 'SELECT')",
        [f"{schema_name}.case_info", f"{schema_name}.events", f"{schema_name}.events"],
    ).fetchone() or (False, False, False)
    return {"role": role, "read": read, "edit": edit, "privileged": privileged}


def init_server(conninfo: str, shown: str) -> str:
    """Make the shared schema on a server (or bring it up to date); what was done, in words.

    :raises UserError: the server cannot be reached, or this role may not create schemas.
    """
    raw = connect(conninfo, shown)
    try:
        existed = _set_up(raw)
        with raw.transaction():
            for step in schema.shared_steps():
                raw.execute(step)
    except psycopg.errors.InsufficientPrivilege as error:
        raise UserError(
            f"Your role may not set up {shown}: it needs the right to create schemas and "
            "roles (CREATEDB, CREATEROLE, or a superuser). Nothing was changed."
        ) from error
    finally:
        raw.close()
    return "was already set up; it is up to date" if existed else "is set up for cases"


def list_cases(where: ServerAddress) -> list[tuple[str, str, int | None]]:
    """The cases on a server: name, title, and how many events.

    The count is None where this role may not read the case.

    :raises UserError: the server cannot be reached, or this role has no case there.
    """
    raw = connect(where.conninfo, where.shown)
    try:
        return _listed(raw)
    except psycopg.errors.InsufficientPrivilege as error:
        raise _no_rights(raw, where) from error
    finally:
        raw.close()


def _listed(raw: psycopg.Connection[Any]) -> list[tuple[str, str, int | None]]:
    """The cases :func:`list_cases` lists."""
    if not _set_up(raw):
        return []
    found: list[tuple[str, str, int | None]] = []
    for name, schema_name in raw.execute(
        f"SELECT name, schema_name FROM {schema.SHARED}.cases ORDER BY name"
    ).fetchall():
        rights = _rights(raw, schema_name)
        if not rights["read"]:
            found.append((name, "", None))
            continue
        title = _value(
            raw, sql.SQL("SELECT title FROM {}.case_info").format(sql.Identifier(schema_name))
        )
        count = _value(
            raw, sql.SQL("SELECT count(*) FROM {}.events").format(sql.Identifier(schema_name))
        )
        found.append((name, str(title), int(count)))
    return found


def create_case(
    address: str, *, title: str, fill: Callable[[CaseStore], None] | None = None
) -> ServerCaseStore:
    """Make a new case on the server, filled by ``fill``, all in one transaction.

    The role that makes it owns it, privileged notes included.

    :raises UserError: no such server set up, the name is taken, or no right to make cases.
    """
    where = parse(address)
    raw = connect(where.conninfo, where.shown)
    try:
        if not _set_up(raw):
            raise CaseFileError(
                f"The server at {where.shown.split('?')[0]} is not set up for cases yet; run "
                "main.py server init on it first."
            )
        with raw.transaction():
            taken = raw.execute(
                f"SELECT 1 FROM {schema.SHARED}.cases WHERE name = %s", [where.case]
            ).fetchone()
            if taken:
                raise CaseFileError(
                    f"There is already a case called {where.case!r} on that server; choose "
                    "another name."
                )
            case_id = _value(
                raw,
                f"INSERT INTO {schema.SHARED}.cases (name, schema_name, schema_version, created)"
                " VALUES (%s, %s, %s, %s) RETURNING id",
                [where.case, f"pending {where.case}", schema.CASE_VERSION, utc_now()],
            )
            schema_name = f"case_{case_id}"
            raw.execute(
                f"UPDATE {schema.SHARED}.cases SET schema_name = %s WHERE id = %s",
                [schema_name, case_id],
            )
            raw.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema_name)))
            raw.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(schema_name)))
            with raw.cursor() as cursor:
                for step in schema.case_steps(schema_name):
                    step(cursor)
            roles = schema.roles(schema_name)
            raw.execute(
                sql.SQL("GRANT {}, {} TO CURRENT_USER").format(
                    sql.Identifier(roles["own"]), sql.Identifier(roles["privileged"])
                )
            )
            now = utc_now()
            raw.execute(
                "INSERT INTO case_info (id, title, created, modified) VALUES (1, %s, %s, %s)",
                [title, now, now],
            )
    except psycopg.errors.InsufficientPrivilege as error:
        raise UserError(
            f"Your role may not make cases on {where.shown.split('?')[0]} (it needs the right to "
            "create schemas and roles). Nothing was changed."
        ) from error
    finally:
        raw.close()
    store = ServerCaseStore.open(address)
    if fill is not None:
        try:
            fill(store)
        except BaseException:
            store.close()
            drop_case(address)
            raise
    return store


def drop_case(address: str) -> None:
    """Remove a case from the server, with its roles (used when making one fails)."""
    where = parse(address)
    raw = connect(where.conninfo, where.shown)
    try:
        with raw.transaction():
            row = raw.execute(
                f"DELETE FROM {schema.SHARED}.cases WHERE name = %s RETURNING schema_name",
                [where.case],
            ).fetchone()
            if row is None:
                return
            raw.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(row[0])))
            for role in schema.roles(row[0]).values():
                raw.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
    finally:
        raw.close()


GRANTS = {"reader": "read", "editor": "edit", "owner": "own"}


def grant(address: str, role: str, kind: str, *, privileged: bool) -> None:
    """Let ``role`` read, edit or own the case (and read its privileged notes, if asked).

    :raises UserError: no such role, or this role may not grant rights on the case.
    """
    where = parse(address)
    raw = connect(where.conninfo, where.shown)
    try:
        found = _find_case(raw, where)
        roles = schema.roles(found["schema"])
        with raw.transaction():
            for name in [roles[GRANTS[kind]], *([roles["privileged"]] if privileged else [])]:
                raw.execute(
                    sql.SQL("GRANT {} TO {}").format(sql.Identifier(name), sql.Identifier(role))
                )
    except psycopg.errors.UndefinedObject as error:
        raise UserError(f"There is no role called {role!r} on that server.") from error
    except psycopg.errors.InsufficientPrivilege as error:
        raise UserError(
            f"Your role may not grant rights on {where.case!r}: only its owners can."
        ) from error
    finally:
        raw.close()


def revoke(address: str, role: str) -> None:
    """Take every right to the case away from ``role``.

    :raises UserError: no such role, or this role may not change rights on the case.
    """
    where = parse(address)
    raw = connect(where.conninfo, where.shown)
    try:
        found = _find_case(raw, where)
        with raw.transaction():
            for name in schema.roles(found["schema"]).values():
                raw.execute(
                    sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(name), sql.Identifier(role))
                )
    except psycopg.errors.UndefinedObject as error:
        raise UserError(f"There is no role called {role!r} on that server.") from error
    except psycopg.errors.InsufficientPrivilege as error:
        raise UserError(
            f"Your role may not change rights on {where.case!r}: only its owners can."
        ) from error
    finally:
        raw.close()


# --------------------------------------------------------------------- whole cases up and down


def copy_case(source: CaseStore, target: CaseStore) -> None:
    """Put the whole of ``source`` into the empty ``target``: every record, stamp and audit row."""
    from timeline_app.core.model import Batch  # noqa: PLC0415

    target.restore_changes(list(reversed(source.changes())))
    target.add_batch(
        Batch(
            source.events(),
            source.categories(),
            source.parties(),
            source.sources(),
            keep_stamps=True,
            case_info=source.case_info(),
            served=source.whole_served_versions(),
        )
    )


def copy_into_file(source: CaseStore, path: Any) -> None:
    """A complete case file of ``source`` at ``path`` (which must not exist)."""
    CaseStore.create(
        path, title=source.case_info().title, fill=lambda target: copy_case(source, target)
    ).close()


def publish(path: Any, address: str) -> ServerCaseStore:
    """Upload a case file whole to a new case on the server.

    :raises UserError: the file cannot be opened, or the server refuses (a name taken …).
    """
    with CaseStore.open(path, read_only=True) as source:
        source.check_values()
        published = create_case(
            with_case(parse(address).conninfo, parse(address).case),
            title=source.case_info().title,
            fill=lambda target: copy_case(source, target),
        )
    # Counted and its pages marked as visible now rather than when autovacuum comes by, so
    # that its first opening reads the chronology from the index as later ones do.
    published._conn.execute(f"VACUUM (ANALYZE) {', '.join(schema.TABLES)}")
    return published
