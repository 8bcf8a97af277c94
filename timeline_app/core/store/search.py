"""Search and filters: which events a query returns, and the full-text index kept in step.

Plain SQL: the filter becomes a WHERE clause over ``events e``; the FTS5 index stores no text
of its own (see ``migrations._schema_2``) and is kept in step from the ``event_search`` view.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from timeline_app.core.model import (
    Status,
)
from timeline_app.core.store.base import StoreBase, chunks

log = logging.getLogger(__name__)


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


def filter_sql(where: EventFilter) -> tuple[str, list[Any]]:
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


class SearchMixin(StoreBase):
    """Keeps the full-text index in step with the events."""

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
        for chunk, marks in chunks(event_ids):
            self._conn.execute(
                f"INSERT INTO events_fts ({into}, {columns})"
                f" SELECT {select}, {columns} FROM event_search WHERE id IN ({marks})",
                chunk,
            )
