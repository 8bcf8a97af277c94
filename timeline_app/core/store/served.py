"""Served versions kept in the case: added, listed, read back, and taken out with a batch."""

from __future__ import annotations

from collections.abc import Sequence

from timeline_app.core.errors import UserError
from timeline_app.core.served import ServedVersion, check_label, rows_from_json, rows_to_json
from timeline_app.core.store.base import StoreBase


class ServedMixin(StoreBase):
    """The chronology as served, each version under its own label."""

    def served_versions(self) -> list[ServedVersion]:
        """Every served version, oldest first, without its rows."""
        return [
            ServedVersion(r["label"], r["served_at"], r["served_by"], int(r["events"]), (), r["id"])
            for r in self._rows(
                "SELECT id, label, served_at, served_by, events FROM served_versions ORDER BY id"
            )
        ]

    def whole_served_versions(self) -> list[ServedVersion]:
        """Every served version, oldest first, each with its rows (a whole case's copy)."""
        found = [self.served_version(version.label) for version in self.served_versions()]
        return [version for version in found if version is not None]

    def served_version(self, label: str) -> ServedVersion | None:
        """The version served under ``label`` (any case), with its rows; None if there is none.

        :raises CaseFileError: its rows are damaged.
        """
        found = self._rows(
            "SELECT id, label, served_at, served_by, events, snapshot FROM served_versions"
            " WHERE lower(label) = lower(?)",
            [label],
        )
        if not found:
            return None
        row = found[0]
        try:
            rows = rows_from_json(row["snapshot"])
        except ValueError as error:
            raise self._unreadable(
                f"its served version “{row['label']}” is damaged: {error}"
            ) from error
        return ServedVersion(
            row["label"], row["served_at"], row["served_by"], len(rows), rows, row["id"]
        )

    def add_served_version(self, version: ServedVersion) -> ServedVersion:
        """Keep ``version`` in the case (one transaction, one audit row); it as stored.

        :raises UserError: its label is empty, too long, or already used.
        """
        with self._transaction() as audit:
            stored = self._insert_served([version], audit)
        return stored[0]

    def delete_served_version(self, version: ServedVersion) -> None:
        """Take a served version out of the case (an undone "mark as served")."""
        with self._transaction() as audit:
            self._delete_served([version], audit)

    def _insert_served(
        self, versions: Sequence[ServedVersion], audit: list[tuple]
    ) -> list[ServedVersion]:
        stored = []
        for version in versions:
            check_label(version.label)
            if self._rows(
                "SELECT 1 FROM served_versions WHERE lower(label) = lower(?)", [version.label]
            ):
                raise UserError(
                    f"A version was already served as “{version.label}”; give this one "
                    "another label."
                )
            values = {
                "label": version.label,
                "served_at": version.served_at,
                "served_by": version.served_by,
                "events": len(version.rows),
                "snapshot": rows_to_json(version.rows),
            }
            if version.id is not None:
                values["id"] = version.id
            new_id = self._insert("served_versions", values)
            audit.append(("create", "served version", new_id, None, None, version.label))
            stored.append(
                ServedVersion(
                    version.label,
                    version.served_at,
                    version.served_by,
                    len(version.rows),
                    version.rows,
                    new_id,
                )
            )
        return stored

    def _delete_served(self, versions: Sequence[ServedVersion], audit: list[tuple]) -> None:
        for version in versions:
            self._conn.execute("DELETE FROM served_versions WHERE id = ?", [version.id])
            audit.append(("delete", "served version", version.id, None, version.label, None))
