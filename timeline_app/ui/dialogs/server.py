"""File ▸ Open from server…: choose a team server, see its cases, open one.

The server is given as a ``postgresql://USER@HOST:PORT/DBNAME`` address; recent servers are
offered (never with a password: libpq finds that in PGPASSWORD, ~/.pgpass or a service file).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.errors import UserError
from timeline_app.core.services import server
from timeline_app.ui.progress import waiting


class ServerDialog(QDialog):
    """A server's address, the cases on it, and the one to open."""

    def __init__(self, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open a case from a server")
        self.resize(720, 420)
        self.server_combo = QComboBox(editable=True)
        self.server_combo.addItems(recent)
        self.server_combo.lineEdit().setPlaceholderText("postgresql://you@db.firm.local:5432/cases")
        self.list_button = QPushButton("&Show cases")
        self.cases_table = QTableWidget(0, 3)
        self.cases_table.setHorizontalHeaderLabels(["Case", "Title", "Events"])
        self.cases_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cases_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cases_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cases_table.verticalHeader().hide()
        self.cases_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.message_label = QLabel(
            "Give the server's address and press Show cases. The password comes from "
            "PGPASSWORD or ~/.pgpass, never from here."
        )
        self.message_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.server_combo, 1)
        row.addWidget(self.list_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.cases_table, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.list_button.clicked.connect(self.show_cases)
        self.server_combo.lineEdit().returnPressed.connect(self.show_cases)
        self.cases_table.itemSelectionChanged.connect(self._on_cases_table_selection_changed)
        self.cases_table.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def server_address(self) -> str:
        """The server's address as typed."""
        return self.server_combo.currentText().strip()

    def show_cases(self) -> None:
        """List the cases on the server (or say in words why they cannot be listed)."""
        self.cases_table.setRowCount(0)
        self.open_button.setEnabled(False)
        try:
            with waiting():
                found = server.cases(self.server_address())
        except UserError as error:
            self.message_label.setText(str(error))
            return
        for row, case in enumerate(found):
            self.cases_table.insertRow(row)
            events = "no access" if case.events is None else f"{case.events:,}"
            for column, text in enumerate((case.name, case.title, events)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, case.name)
                self.cases_table.setItem(row, column, item)
        self.message_label.setText(
            f"{len(found)} case{'s' * (len(found) != 1)} on this server."
            if found
            else "There are no cases on this server yet (main.py publish puts one there)."
        )
        if found:
            self.cases_table.selectRow(0)

    def chosen(self) -> str | None:
        """The address of the case chosen, or None."""
        items = self.cases_table.selectedItems()
        if not items:
            return None
        from timeline_app.core.store.postgres.address import parse, with_case  # noqa: PLC0415

        where = parse(self.server_address(), case_required=False)
        return with_case(where.conninfo, items[0].data(Qt.ItemDataRole.UserRole))

    def _on_cases_table_selection_changed(self) -> None:
        self.open_button.setEnabled(bool(self.cases_table.selectedItems()))

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, recent: list[str]) -> str | None:
        """The address of a server case to open, or None if cancelled."""
        dialog = cls(recent, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
