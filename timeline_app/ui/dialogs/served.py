"""Case ▸ Served versions: each version of the chronology served, when, by whom, how many events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.served import ServedVersion

HEADINGS = ("Label", "Served", "By", "Events")


def _when(served_at: str) -> str:
    """A stamp in UTC as a lawyer reads it, in local time ("3 March 2025, 14:05")."""
    try:
        moment = dt.datetime.fromisoformat(served_at).astimezone()
    except ValueError:
        return served_at
    return f"{moment.day} {moment:%B %Y, %H:%M}"


class ServedVersionsDialog(QDialog):
    """Lists the versions served, oldest first; exports against one are made in Export."""

    def __init__(self, versions: Sequence[ServedVersion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Served versions")
        self.table = QTableWidget(len(versions), len(HEADINGS))
        self.table.setHorizontalHeaderLabels(HEADINGS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for row, version in enumerate(versions):
            for column, text in enumerate(
                (version.label, _when(version.served_at), version.served_by, f"{version.events:,}")
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(len(HEADINGS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # who: what room is left
        self.note = QLabel(
            "To see what changed since one of them, export the chronology to Word and choose it "
            "under “Show changes since”."
            if versions
            else "No version has been served yet. To mark one, tick “Mark as served” when "
            "exporting the chronology."
        )
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(640, 320)

    @classmethod
    def show_versions(cls, parent: QWidget | None, versions: Sequence[ServedVersion]) -> None:
        """Show the list until closed."""
        cls(versions, parent).exec()
