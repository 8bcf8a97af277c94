"""Search and filters: which events a query returns, and the full-text index kept in step.

The filter becomes a WHERE clause over ``events e``, in SQL both backends read. The search
index is each backend's own (SQLite's FTS5, PostgreSQL's text search): it is kept in step from
the ``event_search`` view, and a backend says how it is matched and how an entry is written.
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
from timeline_app.core.store.base import StoreBase

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
    "title": "lower(e.title), ",
    "category": "(SELECT name FROM categories c WHERE c.id = e.category_id) IS NULL,"
    " lower((SELECT name FROM categories c WHERE c.id = e.category_id)), ",
    "status": "e.status, ",
    "key": "e.key DESC, ",
}
"""The orders :meth:`CaseStore.event_ids` can give (SQL prefixes of the ORDER BY)."""
EVERY_EVENT = "TRUE"
"""The WHERE clause of the empty filter."""


def search_words(text: str) -> list[str]:
    """What a user typed, as the words every match must have (the last one as a prefix).

    Whitespace separates them; a chunk with no letter or digit ("-") is no word. Punctuation
    inside one ("B/12/345", "O'Brien") is kept: each backend quotes it as text, never syntax.
    """
    return [c for c in text.split() if re.search(r"\w", c)]


class SearchMixin(StoreBase):
    """Filters events, and keeps the full-text index in step with them."""

    def _match(self, words: list[str]) -> tuple[str, list[Any]]:
        """A condition on ``e.id`` that its search entry has these words, with its parameters.

        Each backend matches with its own index; the last word is a prefix.
        """
        raise NotImplementedError

    def _matching_ids_sql(self, words: list[str]) -> tuple[str, list[Any]]:
        """A SELECT of the ids of the events whose search entry has these words."""
        clause, values = self._match(words)
        return f"SELECT e.id FROM events e WHERE {clause}", values

    def _filter_sql(self, where: EventFilter) -> tuple[str, list[Any]]:
        """The WHERE clause (over ``events e``) and parameters for a filter."""
        clauses: list[str] = []
        params: list[Any] = []
        words = search_words(where.text)
        if words:
            clause, values = self._match(words)
            clauses.append(clause)
            params.extend(values)
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
            clauses.append(
                f"e.id IN (SELECT event_id FROM event_parties WHERE party_id IN ({marks}))"
            )
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
        return (" AND ".join(clauses) or EVERY_EVENT), params

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
        raise NotImplementedError
