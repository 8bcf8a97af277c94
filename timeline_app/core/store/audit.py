"""The audit trail: one row per changed field, written by every change, read here."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

from timeline_app.core.model import (
    Change,
)
from timeline_app.core.store.base import StoreBase

log = logging.getLogger(__name__)


class AuditMixin(StoreBase):
    """Reads the audit trail."""

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
        sql = "SELECT at, user, action, entity, entity_id, field, old, new FROM changes"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [Change(*row) for row in self._conn.execute(sql, params).fetchall()]
