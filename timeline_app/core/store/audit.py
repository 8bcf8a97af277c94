"""The audit trail: one row per changed field, written by every change, read here."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence

from timeline_app.core.model import Change
from timeline_app.core.store.base import StoreBase

log = logging.getLogger(__name__)


class AuditMixin(StoreBase):
    """Reads the audit trail (every change writes its own rows)."""

    def changes(
        self, *, entity: str | None = None, entity_id: int | None = None, limit: int | None = None
    ) -> list[Change]:
        """The audit trail, newest first, optionally for one entity or record."""
        where: list[str] = []
        params: list[str | int] = []
        if entity is not None:
            where.append("entity = ?")
            params.append(entity)
        if entity_id is not None:
            where.append("entity_id = ?")
            params.append(entity_id)
        sql = 'SELECT at, "user", action, entity, entity_id, field, old, new FROM changes'
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._reading():
            return [Change(*row) for row in self._conn.execute(sql, params).fetchall()]

    def restore_changes(self, changes: Sequence[Change]) -> None:
        """Add another file's audit trail, given oldest first, to this one (a repair's history)."""
        with self._transaction():
            self._write_audit([dataclasses.astuple(change) for change in changes])
