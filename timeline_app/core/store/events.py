"""Events: adding, editing, reordering and deleting them with their links, and reading them.

Plain SQL for the bulk of it (100,000 events are read in one pass); sqlite-utils for updating
one event's changed columns.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from timeline_app.core.errors import ConflictError
from timeline_app.core.model import (
    Event,
    SourceLink,
    saved_id,
)
from timeline_app.core.progress import Progress, check_progress
from timeline_app.core.store.base import chunks, utc_now
from timeline_app.core.store.rows import (
    EVENT_ROW_COLUMNS,
    INSERTED_COLUMNS,
    LARGEST_ID,
    BadValueError,
    EventReader,
    EventRows,
    as_text,
    event_row,
    integrity_error,
    links_json,
)
from timeline_app.core.store.search import (
    EVENT_ORDERS,
    EVERY_EVENT,
    EventFilter,
    SearchMixin,
    search_words,
)

log = logging.getLogger(__name__)

PROGRESS_STEP = 1000
"""Rows saved between two calls of an import's progress callback."""
_CATEGORY = EVENT_ROW_COLUMNS.index("category_id")
NewIds = dict[str, dict[int, int]]
"""Records' real ids, by entity ("party", "source", "category") and the id events use."""


class EventsMixin(SearchMixin):
    """Writes and reads events."""

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
        self,
        events: Sequence[Event],
        audit: list[tuple],
        *,
        keep_stamps: bool,
        progress: Progress | None = None,
        new_ids: NewIds | None = None,
    ) -> list[Event]:
        """Insert new events with their links and audit rows, inside the change in hand.

        :param new_ids: the real ids of records saved with the events (a batch's), by entity
            and the id the events use for them; an event's author is then whoever saves it.
        :raises CancelledError: ``progress`` returned False (the caller rolls back).
        """
        now, user = utc_now(), self.user
        categories, parties, sources = (
            (new_ids or {}).get(entity, {}) for entity in ("category", "party", "source")
        )
        columns = EventRows()
        values, given, links = [], [], []
        for event in events:
            category_id = event.category_id
            if category_id is not None:
                category_id = categories.get(category_id, category_id)
            # As stored: the same person or citation twice is the same link once.
            links.append(
                (
                    tuple(dict.fromkeys(parties.get(p, p) for p in event.party_ids)),
                    tuple(
                        dict.fromkeys(
                            SourceLink(sources[s.source_id], s.pinpoint)
                            if s.source_id in sources
                            else s
                            for s in event.sources
                        )
                    ),
                )
            )
            author = "" if new_ids is not None and not keep_stamps else event.created_by
            values.append(
                (
                    *columns.values(event, category_id),
                    1,
                    event.created or now,
                    (event.modified or now) if keep_stamps else now,
                    author or user,
                    (event.modified_by or user) if keep_stamps else user,
                )
            )
            kept = event.id is not None and 0 < event.id <= LARGEST_ID  # else given a new one
            given.append(event.id if kept else None)
        try:
            ids = self._insert_event_rows(values, given, links, progress)
        except self.errors.IntegrityError as error:
            raise integrity_error("event", error) from error
        check_progress(progress, len(values), len(values), "import")
        audit.extend(
            ("create", "event", event_id, None, None, event.title)
            for event_id, event in zip(ids, events, strict=True)
        )
        return [
            dataclasses.replace(
                event,
                id=event_id,
                revision=1,
                created=row[-4],
                modified=row[-3],
                created_by=row[-2],
                modified_by=row[-1],
                category_id=row[_CATEGORY],
                party_ids=party_ids,
                sources=cited,
            )
            for event, event_id, row, (party_ids, cited) in zip(
                events, ids, values, links, strict=True
            )
        ]

    def _insert_event_rows(
        self,
        rows: Sequence[tuple[Any, ...]],
        given: Sequence[int | None],
        links: Sequence[tuple[tuple[int, ...], tuple[SourceLink, ...]]],
        progress: Progress | None,
    ) -> list[int]:
        """Insert events' rows (values of :data:`INSERTED_COLUMNS`), links and search entries.

        Returns their ids: the one ``given`` for a row, else a new one. The ids are taken
        first, so that each table takes one prepared INSERT for a slice of rows; ``progress``
        hears of every slice (and may cancel). A backend with a faster bulk load (PostgreSQL's
        COPY) does it its way.
        """
        ids = self._ids_for("events", given)
        insert = (
            f"INSERT INTO events (id, {', '.join(INSERTED_COLUMNS)})"
            f" VALUES ({', '.join('?' * (len(INSERTED_COLUMNS) + 1))})"
        )
        for start in range(0, len(rows), PROGRESS_STEP):
            check_progress(progress, start, len(rows), "import")
            end = start + PROGRESS_STEP
            part = list(zip(ids[start:end], rows[start:end], links[start:end], strict=True))
            self._conn.executemany(insert, [(event_id, *row) for event_id, row, _ in part])
            self._conn.executemany(
                "INSERT INTO event_parties (event_id, party_id, position) VALUES (?, ?, ?)",
                [
                    (event_id, party_id, position)
                    for event_id, _, (party_ids, _) in part
                    for position, party_id in enumerate(party_ids)
                ],
            )
            self._conn.executemany(
                "INSERT INTO event_sources (event_id, source_id, pinpoint, position)"
                " VALUES (?, ?, ?, ?)",
                [
                    (event_id, link.source_id, link.pinpoint, position)
                    for event_id, _, (_, sources) in part
                    for position, link in enumerate(sources)
                ],
            )
            self._search_index(ids[start:end], remove=False)
        return ids

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
            return self.events_by_id([saved_id(e) for e in events])

    def _update_one(self, event: Event, audit: list[tuple]) -> None:
        if event.id is None:
            raise ValueError("update_event needs an event that has been saved")
        stored = self._event_or_conflict(event.id, event.revision, "saved")
        old_row, new_row = event_row(stored), event_row(event)
        changed = {k: v for k, v in new_row.items() if old_row[k] != v}
        parties_changed = stored.party_ids != event.party_ids
        sources_changed = stored.sources != event.sources
        if not (changed or parties_changed or sources_changed):
            return
        with self._reindexing([event.id]):
            try:
                self._update(
                    "events",
                    event.id,
                    {
                        **changed,
                        "revision": stored.revision + 1,
                        "modified": utc_now(),
                        "modified_by": self.user,
                    },
                )
            except self.errors.IntegrityError as error:
                raise integrity_error("event", error) from error
            if parties_changed or sources_changed:
                self._conn.execute("DELETE FROM event_parties WHERE event_id = ?", [event.id])
                self._conn.execute("DELETE FROM event_sources WHERE event_id = ?", [event.id])
                self._write_links(event.id, event.party_ids, event.sources)
        audit.extend(
            ("update", "event", event.id, k, as_text(old_row[k]), as_text(v))
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
                    links_json(stored.sources),
                    links_json(event.sources),
                )
            )

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
            self._delete(deleted, audit)
        return deleted

    def _delete(self, stored: Sequence[Event], audit: list[tuple]) -> None:
        """Delete events as stored, each audited with all it held (so it can be restored)."""
        event_ids = [event.id for event in stored if event.id is not None]
        self._search_index(event_ids, remove=True)
        for chunk, marks in chunks(event_ids):
            self._conn.execute(f"DELETE FROM events WHERE id IN ({marks})", chunk)
        audit.extend(
            (
                "delete",
                "event",
                event.id,
                None,
                json.dumps(
                    {
                        **event_row(event),
                        "parties": event.party_ids,
                        "sources": json.loads(links_json(event.sources)),
                    },
                    ensure_ascii=False,
                ),
                None,
            )
            for event in stored
        )

    def merge_events(self, merged: Event, other: Event) -> tuple[Event, Event, Event]:
        """Write ``merged`` over the event it keeps and delete ``other``: one transaction.

        ``merged`` carries the kept event's id and the revision it was read at; ``other``
        the other event's. Returns the merged event as stored, and the kept event and the
        other as they were, for :meth:`unmerge_events`.

        :raises ConflictError: either was changed or deleted elsewhere since it was read.
            Nothing is written.
        """
        if merged.id is None or other.id is None or merged.id == other.id:
            raise ValueError("merge_events needs two different saved events")
        with self._transaction() as audit:
            kept_before = self._merging(merged)
            other_before = self._merging(other)
            self._update_one(merged, audit)
            self._delete([other_before], audit)
            audit.append(("merge", "event", merged.id, "merged from", None, str(other.id)))
        return self.events_by_id([merged.id])[0], kept_before, other_before

    def unmerge_events(self, merged: Event, kept: Event, other: Event) -> tuple[Event, Event]:
        """Undo :meth:`merge_events`: the kept event as it was, the other back under its id.

        ``merged`` is the merged event as stored by the merge (its revision is checked).
        Returns the kept event and the other as stored again, in one transaction.

        :raises ConflictError: the merged event was changed or deleted since, or the other's
            id is taken. Nothing is written.
        """
        with self._transaction() as audit:
            stored = self._events_where("e.id = ?", [merged.id])
            if not stored or stored[0].revision != merged.revision:
                raise ConflictError(
                    f"The merged event '{merged.title}' was changed or deleted in another "
                    "window or by a colleague since the merge, so the merge cannot be undone."
                )
            self._update_one(dataclasses.replace(kept, revision=merged.revision), audit)
            (restored,) = self._insert_events([other], audit, keep_stamps=False)
            audit.append(("unmerge", "event", kept.id, "merged from", str(other.id), None))
        return self.events_by_id([kept.id])[0], restored  # type: ignore[list-item]

    def _merging(self, event: Event) -> Event:
        """An event to merge as stored, if it is still as it was read."""
        found = self._events_where("e.id = ?", [event.id])
        if not found:
            raise ConflictError(
                "One of the events to merge was deleted in another window or by a colleague, "
                "so the events were not merged."
            )
        if found[0].revision != event.revision:
            raise ConflictError(
                f"The event '{found[0].title}' was changed in another window or by a colleague "
                "after you chose to merge it, so the events were not merged."
            )
        return found[0]

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
        for chunk, marks in chunks(event_ids):
            self._conn.execute(
                "UPDATE events SET revision = revision + 1, modified = ?, modified_by = ?"
                f" WHERE id IN ({marks})",
                [utc_now(), self.user, *chunk],
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
        except self.errors.IntegrityError as error:
            raise integrity_error("event", error) from error

    def get_event(self, event_id: int) -> Event | None:
        """One event with its links, or None if there is no such event."""
        found = self._events_where("e.id = ?", [event_id])
        return found[0] if found else None

    def events(self, where: EventFilter | None = None) -> list[Event]:
        """Events in chronological order (DESIGN §2), undated last, with their links."""
        sql, params = self._filter_sql(where or EventFilter())
        return self._events_where(sql, params)

    def event_ids(
        self,
        where: EventFilter | None = None,
        *,
        order_by: str | None = "chronology",
        limit: int | None = None,
    ) -> list[int]:
        """Ids of the matching events in order (for lazily filled views).

        :param order_by: one of :data:`EVENT_ORDERS` ("chronology", the court order, by
            default); ties always fall back to the chronology. None: in no order (a set of
            them, read fastest).
        :param limit: at most this many (the first).
        """
        sql, params = self._filter_sql(where or EventFilter())
        order = (
            ""
            if order_by is None
            else f" ORDER BY {EVENT_ORDERS[order_by]}e.sort_key, e.sequence, e.id"
        )
        with self._reading():  # a damaged or locked file said in words, as elsewhere
            rows = self._conn.execute(
                f"SELECT e.id FROM events e WHERE {sql}{order}"
                + (" LIMIT ?" if limit is not None else ""),
                [*params, limit] if limit is not None else params,
            )
            return [row[0] for row in rows]  # no million rows held at once for the collector

    def event_id_set(self, where: EventFilter) -> set[int]:
        """The ids of the matching events, in no order; a search alone is read from its index."""
        words = search_words(where.text)
        if words and dataclasses.replace(where, text="") == EventFilter():
            sql, params = self._matching_ids_sql(words)
        else:
            condition, params = self._filter_sql(where)
            sql = f"SELECT e.id FROM events e WHERE {condition}"
        with self._reading():
            return {row[0] for row in self._conn.execute(sql, params)}

    def events_by_id(self, event_ids: Sequence[int]) -> list[Event]:
        """The events with these ids, in the order given; ids that no longer exist are skipped."""
        found: dict[int, Event] = {}
        with self._reading():
            for chunk, marks in chunks(event_ids):
                for event in self._events_where(f"e.id IN ({marks})", chunk):
                    found[saved_id(event)] = event
        return [found[i] for i in event_ids if i in found]

    def count_events(self, where: EventFilter | None = None) -> int:
        """How many events match."""
        sql, params = self._filter_sql(where or EventFilter())
        with self._reading():
            row = self._conn.execute(f"SELECT count(*) FROM events e WHERE {sql}", params)
            return int(row.fetchone()[0])

    def _events_where(self, sql: str, params: Sequence[Any]) -> list[Event]:
        conn = self._conn
        # Links for just the matching events; for all of them, no subquery is needed.
        scope = (
            ""
            if sql == EVERY_EVENT
            else f" WHERE event_id IN (SELECT e.id FROM events e WHERE {sql})"
        )
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
            cursor = conn.execute(
                f"SELECT {self._event_columns()} FROM events e WHERE {sql}"
                " ORDER BY e.sort_key, e.sequence, e.id",
                params,
            )
            rows = cursor.fetchall()
        reader = EventReader(cursor.description)
        try:
            return [
                reader.event(row, parties.get(event_id, ()), sources.get(event_id, ()))
                for row in rows
                for event_id in (row[0],)  # EVENT_COLUMNS names the id first
            ]
        except BadValueError as error:
            raise self._unreadable(error) from error
