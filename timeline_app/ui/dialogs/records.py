"""Managers for the cast, the documents and the categories, and the form for one record."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from PySide6.QtGui import QColor, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core import dates
from timeline_app.core.errors import UserError
from timeline_app.core.model import Category, Party, PartyKind, Source
from timeline_app.core.store import CaseStore
from timeline_app.ui.commands import AddRecordCommand, DeleteRecordCommand, EditRecordCommand

Record = Party | Source | Category

# kind: (window title, [(field, label)])
_FIELDS: dict[type, tuple[str, list[tuple[str, str]]]] = {
    Party: (
        "Cast (dramatis personae)",
        [
            ("name", "Name"),
            ("kind", "Person or organisation"),
            ("role", "Role"),
            ("organisation", "Organisation"),
            ("notes", "Notes"),
        ],
    ),
    Source: (
        "Documents",
        [
            ("bundle_ref", "Bundle reference"),
            ("title", "Title"),
            ("date_text", "Date"),
            ("doc_type", "Type"),
            ("first_page", "First page in the bundle"),
            ("location", "File or web address"),
            ("notes", "Notes"),
        ],
    ),
    Category: ("Categories", [("name", "Name"), ("colour", "Colour")]),
}
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class RecordForm(QDialog):
    """The fields of one person, document or category; OK only when they are valid."""

    def __init__(self, record: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record = record
        title, fields = _FIELDS[type(record)]
        self.setWindowTitle(title)
        self.edits: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout()
        for name, label in fields:
            value = getattr(record, name)
            if name == "kind":
                combo = QComboBox()
                for kind in PartyKind:
                    combo.addItem(kind.value.capitalize(), kind)
                combo.setCurrentIndex(combo.findData(value))
                self.edits[name] = combo
                form.addRow(label, combo)
                continue
            edit = QLineEdit("" if value is None else str(value))
            self.edits[name] = edit
            if name == "colour":
                choose = QPushButton("Choose…")
                choose.clicked.connect(self._on_choose_clicked)
                row = QHBoxLayout()
                row.addWidget(edit)
                row.addWidget(choose)
                form.addRow(label, row)
            else:
                form.addRow(label, edit)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_choose_clicked(self) -> None:
        edit = self.edits["colour"]
        assert isinstance(edit, QLineEdit)
        colour = QColorDialog.getColor(QColor(edit.text()), self, "Category colour")
        if colour.isValid():
            edit.setText(colour.name())

    def record(self) -> Record:
        """The record as edited.

        :raises ValueError: a field is invalid (the message says which).
        """
        values: dict[str, object] = {}
        for name, edit in self.edits.items():
            values[name] = (
                edit.currentData() if isinstance(edit, QComboBox) else edit.text().strip()
            )
        first_field = next(iter(values)) if not isinstance(self._record, Source) else "title"
        if not values[first_field]:
            raise ValueError(
                f"The {_FIELDS[type(self._record)][1][0][1].lower()} cannot be empty."
                if first_field != "title"
                else "The document needs a title."
            )
        if "first_page" in values:
            page = str(values["first_page"])
            if page and not page.isdigit():
                raise ValueError("The first page must be a number, or left empty.")
            values["first_page"] = int(page) if page else None
        if "colour" in values and not _COLOUR.fullmatch(str(values["colour"])):
            raise ValueError("The colour must look like #1f6fb2; use Choose… to pick one.")
        if values.get("date_text"):
            try:
                dates.parse(str(values["date_text"]))
            except dates.DateError as error:
                raise ValueError(f"Date: {error}") from error
        return dataclasses.replace(self._record, **values)

    def accept(self) -> None:
        try:
            self.record()
        except ValueError as error:
            self.error.setText(str(error))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, record: Record) -> Record | None:
        """The record as edited, or None if cancelled."""
        form = cls(record, parent)
        return form.record() if form.exec() == QDialog.DialogCode.Accepted else None


class RecordManager(QDialog):
    """Lists one kind of record with Add, Edit and Delete; every change is undoable."""

    def __init__(
        self,
        kind: type,
        store: CaseStore,
        push: Callable[[QUndoCommand], bool],
        on_error: Callable[[UserError], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._kind, self._store, self._push, self._on_error = kind, store, push, on_error
        title, fields = _FIELDS[kind]
        self.setWindowTitle(title)
        self._fields = [name for name, _ in fields]
        self.table = QTableWidget(0, len(fields))
        self.table.setHorizontalHeaderLabels([label for _, label in fields])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(self.edit_selected)
        self.add_button = QPushButton("&Add…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete")
        close = QPushButton("Close")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()
        self._fit_columns()  # once: later reloads keep the widths the user set
        columns = sum(
            self.table.horizontalHeader().sectionSize(c) for c in range(self.table.columnCount())
        )
        self.resize(min(max(760, columns + 80), 1150), 420)  # every column, on most screens

    def records(self) -> list[Record]:
        """The records of this kind, as the store has them."""
        return {
            Party: self._store.parties,
            Source: self._store.sources,
            Category: self._store.categories,
        }[self._kind]()

    def reload(self) -> None:
        """Show the store's records again."""
        self._records = self.records()
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            for column, name in enumerate(self._fields):
                value = getattr(record, name)
                item = QTableWidgetItem("" if value is None else str(value))
                if name == "colour":
                    item.setBackground(QColor(str(value)))
                item.setToolTip(item.text())  # the whole of a name the column cuts
                self.table.setItem(row, column, item)

    def _fit_columns(self) -> None:
        """Headings and names shown whole where they fit; a long one 280 pixels at most."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.table.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 280))

    def _selected(self) -> Record | None:
        rows = self.table.selectionModel().selectedRows()
        return self._records[rows[0].row()] if rows else None

    def add(self) -> None:
        """Ask for a new record and add it; if the case refuses it, ask again, as typed."""
        record: Record | None = self._kind("")
        while (record := RecordForm.ask(self, record)) is not None:  # type: ignore[arg-type]
            pushed = self._push(AddRecordCommand(self._store, record, self._on_error))
            self.reload()
            if pushed:
                return

    def edit_selected(self) -> None:
        """Edit the selected record; if the case refuses the change, ask again, as typed."""
        before = self._selected()
        if before is None:
            return
        after: Record | None = before
        while (after := RecordForm.ask(self, after)) is not None:  # type: ignore[arg-type]
            if after == before or self._push(
                EditRecordCommand(self._store, before, after, self._on_error)
            ):
                self.reload()
                return

    def delete_selected(self) -> None:
        """Delete the selected record (its links go with it; Undo brings both back)."""
        record = self._selected()
        if record is None:
            return
        self._push(DeleteRecordCommand(self._store, record, self._on_error))
        self.reload()

    @classmethod
    def manage(
        cls,
        parent: QWidget | None,
        kind: type,
        store: CaseStore,
        push: Callable[[QUndoCommand], bool],
        on_error: Callable[[UserError], None],
    ) -> None:
        """Show the manager until the user closes it."""
        cls(kind, store, push, on_error, parent).exec()
