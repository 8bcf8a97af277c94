"""A connection to the server that speaks the store's SQL, and finds its way back if it drops.

The store writes ``?`` placeholders (as SQLite does); psycopg wants ``%s``. Transactions are the
store's own (``BEGIN`` … ``COMMIT`` in autocommit mode), as with the file. A connection that was
lost (the server restarted, the network went) is made again before the next statement, never in
the middle of a transaction: a change that was in flight is refused in words and nothing of it
is kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import psycopg
from psycopg import pq

from timeline_app.core.errors import UserError

log = logging.getLogger(__name__)

CONNECT_SECONDS = 10


def connect(conninfo: str, shown: str) -> psycopg.Connection[Any]:
    """A connection to the server, or a sentence saying why there is none.

    :param shown: the address as it may be shown (no password), for messages.
    """
    try:
        return psycopg.connect(conninfo, autocommit=True, connect_timeout=CONNECT_SECONDS)
    except psycopg.OperationalError as error:
        raise UserError(unreachable(shown, error)) from error


def unreachable(shown: str, error: Exception) -> str:
    """Why a server cannot be reached, in words: the password, the server, the database."""
    detail = str(error).strip().splitlines()[-1] if str(error).strip() else ""
    text = str(error).lower()
    if "password" in text or "authentication" in text:
        return (
            f"The server at {shown} refused the password. Set it where PostgreSQL looks for it "
            "(PGPASSWORD, ~/.pgpass or a service file), or ask the firm's IT."
        )
    if "does not exist" in text and "database" in text:
        return f"There is no database at {shown}: check its name. ({detail})"
    return (
        f"The server at {shown} cannot be reached: it may be down, or the address wrong. ({detail})"
    )


class ServerConnection:
    """The store's connection to its case on the server (``?`` placeholders, reconnecting).

    ``prepare`` is called on every new connection (the first and each one made again): it sets
    the search path to the case's schema and listens for the case's changes.
    """

    def __init__(
        self,
        conninfo: str,
        shown: str,
        prepare: Callable[[psycopg.Connection[Any]], None],
    ) -> None:
        self._conninfo, self._shown, self._prepare = conninfo, shown, prepare
        self.raw = self._connected()
        self.reconnected = 0
        """How many times the connection was made again (the window says so)."""

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on the server."""
        return not self.raw.closed and self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        """Run one statement written with ``?`` placeholders; its cursor.

        A statement that begins a transaction, or stands alone, is tried once more on a new
        connection if the old one turns out to have been cut while idle: nothing of it had been
        done. Inside a transaction a cut is an error: what was in flight is lost whole.
        """
        self._alive()
        idle = not self.in_transaction
        try:
            return self.raw.execute(_placeholders(sql), list(parameters))
        except psycopg.OperationalError:
            if not (idle and (self.raw.closed or self.raw.broken)):
                raise
        self._alive()
        return self.raw.execute(_placeholders(sql), list(parameters))

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> psycopg.Cursor[Any]:
        """Run one statement for each set of parameters."""
        self._alive()
        cursor = self.raw.cursor()
        cursor.executemany(_placeholders(sql), [list(p) for p in parameters])
        return cursor

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()

    def _alive(self) -> None:
        """Make the connection again if it was lost between transactions."""
        if not (self.raw.closed or self.raw.broken):
            return
        log.info("the connection to %s was lost; connecting again", self._shown)
        self.raw = self._connected()
        self.reconnected += 1

    def _connected(self) -> psycopg.Connection[Any]:
        """A new connection, prepared for the case (closed again if that fails)."""
        raw = connect(self._conninfo, self._shown)
        try:
            self._prepare(raw)
        except BaseException:
            raw.close()
            raise
        return raw


def _placeholders(sql: str) -> str:
    """The store's SQL with psycopg's placeholders: ``?`` becomes ``%s``, ``%`` is doubled."""
    return sql.replace("%", "%%").replace("?", "%s")
