"""Reads of a case file beside the window, which changes made in the same process stop.

A case file keeps its journal beside it (no write-ahead log), so a change is saved only once
every read under way has ended. A read of a big case beside the window (its timeline, a
search, the full check) takes seconds, and a change made meanwhile would wait for it, then
fail as if another program held the file. So a change made in this process first stops its
own reads of the same file: each ends at once with
:class:`~timeline_app.core.errors.ReadInterruptedError`, and its owner reads again after the
change, as it does after any change. Reads on the window's own thread are never stopped.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

_lock = threading.Lock()
_reading: dict[Path, list[sqlite3.Connection]] = {}  # connections reading beside, by file
_stopped: list[sqlite3.Connection] = []  # stopped for a change: they read no more
_changing: dict[Path, int] = {}  # files this process is changing now


def begin(path: Path, conn: sqlite3.Connection) -> None:
    """``conn`` reads ``path`` beside the window: a change made here will stop it."""
    with _lock:
        _reading.setdefault(path.resolve(), []).append(conn)


def end(conn: sqlite3.Connection) -> None:
    """``conn`` reads no more (it is being closed)."""
    with _lock:
        for connections in _reading.values():
            if conn in connections:
                connections.remove(conn)
        if conn in _stopped:
            _stopped.remove(conn)


def stop(path: Path) -> None:
    """Stop every read of ``path`` beside the window, before a change to it is made.

    Until :func:`written`, the file's journal is this process's change, not one left over.
    """
    with _lock:
        path = path.resolve()
        _changing[path] = _changing.get(path, 0) + 1
        for conn in _reading.get(path, []):
            if conn not in _stopped:
                _stopped.append(conn)
                conn.interrupt()  # safe from any thread: the statement running ends at once


def written(path: Path) -> None:
    """The change begun by :func:`stop` was saved or undone."""
    with _lock:
        path = path.resolve()
        _changing[path] -= 1
        if not _changing[path]:
            del _changing[path]


def writing(path: Path) -> bool:
    """Whether this process is changing ``path`` now (its journal is a change under way)."""
    with _lock:
        return path.resolve() in _changing


def stopped(conn: sqlite3.Connection) -> bool:
    """Whether ``conn``'s reading was stopped for a change made in this process."""
    with _lock:
        return conn in _stopped
