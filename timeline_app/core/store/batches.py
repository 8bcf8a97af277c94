"""Batches: an import's records and events saved in one transaction, and taken out again."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Sequence
from typing import Any

from timeline_app.core.errors import ConflictError
from timeline_app.core.model import (
    Batch,
    Category,
    Party,
    Source,
)
from timeline_app.core.progress import Progress, bulk_work
from timeline_app.core.store.base import chunks
from timeline_app.core.store.events import NewIds
from timeline_app.core.store.records import RecordsMixin
from timeline_app.core.store.rows import (
    LARGEST_ID,
    LINKED,
    NOUNS,
    TABLES,
    event_content,
    integrity_error,
    record_name,
    record_row,
)
from timeline_app.core.store.served import ServedMixin

log = logging.getLogger(__name__)


class BatchesMixin(RecordsMixin, ServedMixin):
    """Saves and removes imports and merges."""

    def add_batch(self, batch: Batch, progress: Progress | None = None) -> Batch:
        """Save an import in one transaction: its new records first, then its events.

        Returns the batch as stored (every id real, and in ``case_info`` the case information
        it replaced, if it carried any), which :meth:`remove_batch` takes back.

        :param progress: told ``(events saved, events in all)`` as they are saved; returning
            False cancels.
        :raises ConflictError: an id in the batch is taken, or an event links to a record
            that no longer exists. Nothing is saved.
        :raises CancelledError: ``progress`` returned False. Nothing is saved.
        """
        with bulk_work(), self._transaction() as audit:
            ids: NewIds = {}
            records: dict[str, list[Any]] = {}
            for entity, items in (
                ("category", batch.categories),
                ("party", batch.parties),
                ("source", batch.sources),
            ):
                ids[entity], records[entity] = self._insert_records(entity, items, audit)

            # A merge: whoever brings events in is their author here.
            authors = [] if batch.keep_stamps else [event.created_by for event in batch.events]
            saved = self._insert_events(
                batch.events, audit, keep_stamps=batch.keep_stamps, progress=progress, new_ids=ids
            )
            if not batch.keep_stamps:  # the other file's author, kept as what it is
                audit.extend(
                    ("provenance", "event", event.id, "created_by", None, author)
                    for event, author in zip(saved, authors, strict=True)
                    if author and author != self.user
                )
            served = self._insert_served(batch.served, audit)
            previous_info = None
            if batch.case_info is not None:
                previous_info = self.case_info()
                self._write_case_info(batch.case_info, audit)
                if batch.keep_stamps and batch.case_info.created:  # the whole case, as it was
                    self._update(
                        "case_info",
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
            served,
        )

    def _insert_records(
        self, entity: str, items: Sequence[Party | Source | Category], audit: list[tuple]
    ) -> tuple[dict[int, int], list[Any]]:
        """Insert new records of one kind with one prepared INSERT, and their audit rows.

        A record keeps its id when it brings one that can be kept; else it is given a new one.
        Returns the real id of each record that had one (a batch's events use those), and the
        records as saved.
        """
        if not items:
            return {}, []
        rows = [record_row(record) for record in items]
        ids = self._ids_for(
            TABLES[entity],
            [
                record.id if record.id is not None and 0 < record.id <= LARGEST_ID else None
                for record in items
            ],
        )
        columns = list(rows[0])
        try:
            self._conn.executemany(
                f"INSERT INTO {TABLES[entity]} (id, {', '.join(columns)})"
                f" VALUES ({', '.join('?' * (len(columns) + 1))})",
                [(new_id, *row.values()) for new_id, row in zip(ids, rows, strict=True)],
            )
        except self.errors.IntegrityError as error:
            raise integrity_error(entity, error) from error
        audit.extend(
            ("create", entity, new_id, None, None, json.dumps(row, ensure_ascii=False))
            for new_id, row in zip(ids, rows, strict=True)
        )
        return (
            {r.id: new_id for r, new_id in zip(items, ids, strict=True) if r.id is not None},
            [dataclasses.replace(r, id=new_id) for r, new_id in zip(items, ids, strict=True)],
        )

    def remove_batch(self, batch: Batch) -> None:
        """Undo :meth:`add_batch`: its events and the records it created, in one transaction.

        :raises ConflictError: one of its events was changed or deleted since, or another
            event now uses a record it created. Nothing is removed.
        """
        with self._transaction() as audit:
            event_ids = [e.id for e in batch.events if e.id is not None]
            # Compared by content: an edit made and undone since leaves the event as imported.
            current = {e.id: event_content(e) for e in self.events_by_id(event_ids)}
            for event in batch.events:
                if current.get(event.id) != event_content(event):
                    raise ConflictError(
                        f"The imported event '{event.title}' was changed or deleted since the "
                        "import, so the import cannot be undone. Nothing was removed."
                    )
            self._delete_served(batch.served, audit)
            self._search_index(event_ids, remove=True)
            for chunk, marks in chunks(event_ids):
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
                    self._update(
                        "case_info",
                        1,
                        {"created": batch.case_info.created, "modified": batch.case_info.modified},
                    )

    def _remove_unused(
        self, entity: str, record: Party | Source | Category, audit: list[tuple]
    ) -> None:
        """Delete a record an import created, unless an event has come to use it since."""
        column = "category_id" if entity == "category" else f"{entity}_id"
        table = "events" if entity == "category" else LINKED[entity][1]
        if self._conn.execute(
            f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", [record.id]
        ).fetchone():
            raise ConflictError(
                f"The {NOUNS[entity]} '{record_name(record)}' that the import added is now "
                "used by other events, so the import cannot be undone. Nothing was removed."
            )
        self._conn.execute(f"DELETE FROM {TABLES[entity]} WHERE id = ?", [record.id])
        audit.append(
            (
                "delete",
                entity,
                record.id,
                None,
                json.dumps(record_row(record), ensure_ascii=False),
                None,
            )
        )
