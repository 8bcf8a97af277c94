"""The record kinds: the case's own details, the cast, the documents and the categories.

sqlite-utils inserts and updates these small tables; plain SQL moves their links.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from timeline_app.core.errors import ConflictError
from timeline_app.core.model import (
    CaseInfo,
    Category,
    Party,
    Source,
)
from timeline_app.core.store.base import chunks, utc_now
from timeline_app.core.store.events import EventsMixin
from timeline_app.core.store.rows import (
    CLASSES,
    LINKED,
    NOUNS,
    BadValueError,
    as_text,
    case_info_from_row,
    category_row,
    integrity_error,
    party_row,
    record_name,
    record_row,
    source_row,
)

log = logging.getLogger(__name__)


class RecordsMixin(EventsMixin):
    """The case details, people, documents and categories, each change undoable."""

    def case_info(self) -> CaseInfo:
        """The case's heading, parties and date settings."""
        try:
            return case_info_from_row(self._rows("SELECT * FROM case_info WHERE id = 1")[0])
        except BadValueError as error:
            raise self._unreadable(error) from error

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
            "time_zone": info.time_zone,
            "house_template": info.house_template,
            "reference_brackets": int(info.reference_brackets),
            "wording_check": int(info.wording_check),
        }
        old = self._rows("SELECT * FROM case_info WHERE id = 1")[0]
        changed = {k: v for k, v in new.items() if old[k] != v}
        if not changed:
            return
        self._update("case_info", 1, {**changed, "modified": utc_now()})
        audit.extend(
            ("update", "case", 1, k, as_text(old[k]), as_text(v)) for k, v in changed.items()
        )

    def parties(self) -> list[Party]:
        """The cast list, by name."""
        return [
            Party(**row) for row in self._rows("SELECT * FROM parties ORDER BY lower(name), id")
        ]

    def add_party(self, party: Party) -> Party:
        """Add a person or organisation to the cast."""
        return self._add_record("parties", "party", party_row(party), Party)

    def update_party(self, party: Party) -> None:
        """Change a member of the cast; events that name them are re-indexed for search."""
        self._update_record("parties", "party", party.id, party_row(party))

    def delete_party(self, party_id: int) -> tuple[Party, list[tuple[int, int]]]:
        """Remove a member of the cast and their links; return both for :meth:`restore_party`."""
        return self._delete_record("party", party_id)

    def restore_party(self, party: Party, links: Sequence[tuple[int, int]]) -> None:
        """Undo :meth:`delete_party`: the same id, linked again to the same events."""
        self._restore_record("party", party, links)

    def sources(self) -> list[Source]:
        """The documents, in bundle order (by bundle reference, then title)."""
        return [
            Source(**row)
            for row in self._rows(
                "SELECT * FROM sources ORDER BY bundle_ref = '', bundle_ref, lower(title), id"
            )
        ]

    def add_source(self, source: Source) -> Source:
        """Add a document."""
        return self._add_record("sources", "source", source_row(source), Source)

    def update_source(self, source: Source) -> None:
        """Change a document; events that cite it are re-indexed for search."""
        self._update_record("sources", "source", source.id, source_row(source))

    def update_sources(self, sources: Sequence[Source]) -> None:
        """Change several documents in one transaction (a bundle re-paginated, or put back)."""
        with self._transaction() as audit:
            for source in sources:
                self._change_record("sources", "source", source.id, source_row(source), audit)

    def delete_source(self, source_id: int) -> tuple[Source, list[tuple[int, str, int]]]:
        """Remove a document and the citations of it; return both for :meth:`restore_source`."""
        return self._delete_record("source", source_id)

    def restore_source(self, source: Source, links: Sequence[tuple[int, str, int]]) -> None:
        """Undo :meth:`delete_source`: the same id, cited again by the same events."""
        self._restore_record("source", source, links)

    def categories(self) -> list[Category]:
        """The categories, by name."""
        return [
            Category(**row)
            for row in self._rows("SELECT * FROM categories ORDER BY lower(name), id")
        ]

    def add_category(self, category: Category) -> Category:
        """Add a category; names are unique regardless of case."""
        return self._add_record("categories", "category", category_row(category), Category)

    def update_category(self, category: Category) -> None:
        """Rename or recolour a category."""
        self._update_record("categories", "category", category.id, category_row(category))

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
                    json.dumps(record_row(category), ensure_ascii=False),
                    None,
                )
            )
        return category, event_ids

    def restore_category(self, category: Category, event_ids: Sequence[int]) -> None:
        """Undo :meth:`delete_category`; events deleted since are skipped."""
        with self._transaction() as audit:
            self._insert_with_id("categories", "category", category, category_row(category), audit)
            present = []
            for chunk, marks in chunks(event_ids):
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

    def _fetch(self, table: str, entity: str, record_id: int | None, kind: type) -> Any:
        rows = self._rows(f"SELECT * FROM {table} WHERE id = ?", [record_id])
        if not rows:
            raise ConflictError(
                f"That {NOUNS[entity]} was deleted in another window or by a colleague; "
                "nothing was changed."
            )
        return kind(**rows[0])

    def _add_record(self, table: str, entity: str, row: dict[str, Any], kind: type) -> Any:
        with self._transaction() as audit:
            try:
                record_id = self._insert(table, row)
            except self.errors.IntegrityError as error:
                raise integrity_error(entity, error) from error
            audit.append(
                ("create", entity, record_id, None, None, json.dumps(row, ensure_ascii=False))
            )
        return kind(**row, id=record_id)

    def _update_record(
        self, table: str, entity: str, record_id: int | None, row: dict[str, Any]
    ) -> None:
        with self._transaction() as audit:
            self._change_record(table, entity, record_id, row, audit)

    def _change_record(
        self,
        table: str,
        entity: str,
        record_id: int | None,
        row: dict[str, Any],
        audit: list[tuple],
    ) -> None:
        if record_id is None:
            raise ValueError(f"update needs a saved {entity}")
        old = record_row(self._fetch(table, entity, record_id, CLASSES[entity]))
        changed = {k: v for k, v in row.items() if old[k] != v}
        if not changed:
            return
        try:
            with self._reindexing(self._linked_events(entity, record_id)):
                self._update(table, record_id, changed)
        except self.errors.IntegrityError as error:
            raise integrity_error(entity, error) from error
        audit.extend(
            ("update", entity, record_id, k, as_text(old[k]), as_text(v))
            for k, v in changed.items()
        )

    def _linked_events(self, entity: str, record_id: int) -> list[int]:
        if entity not in LINKED:
            return []
        return [
            r[0]
            for r in self._conn.execute(
                f"SELECT DISTINCT event_id FROM {LINKED[entity][1]} WHERE {entity}_id = ?",
                [record_id],
            ).fetchall()
        ]

    def _delete_record(self, entity: str, record_id: int) -> tuple[Any, list[tuple]]:
        table, link_table, link_columns = LINKED[entity]
        with self._transaction() as audit:
            record = self._fetch(table, entity, record_id, CLASSES[entity])
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
            self._touch_events(event_ids, entity, record_name(record), None, audit)
            audit.append(
                (
                    "delete",
                    entity,
                    record_id,
                    None,
                    json.dumps(record_row(record), ensure_ascii=False),
                    None,
                )
            )
        return record, links

    def _restore_record(self, entity: str, record: Any, links: Sequence[tuple]) -> None:
        table, link_table, link_columns = LINKED[entity]
        marks = ", ".join("?" * (len(link_columns.split(",")) + 2))
        with self._transaction() as audit:
            self._insert_with_id(table, entity, record, record_row(record), audit)
            present: set[int] = set()
            for chunk, id_marks in chunks(sorted({link[0] for link in links})):
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
            self._touch_events(sorted(present), entity, None, record_name(record), audit)

    def _insert_with_id(
        self, table: str, entity: str, record: Any, row: dict[str, Any], audit: list[tuple]
    ) -> None:
        try:
            self._insert(table, {**row, "id": record.id})
        except self.errors.IntegrityError as error:
            raise integrity_error(entity, error) from error
        audit.append(("create", entity, record.id, None, None, json.dumps(row, ensure_ascii=False)))
