"""The Import dialog: choose the columns (or the document's date), review every row, import.

For emails it chooses how threads are shown (each email, or each thread folded) and which
emails to take: by sender, recipient, date range and words of the subject.

Nothing is written while the dialog is open: it shows the core's
:class:`~timeline_app.core.importing.plan.ImportPlan`, re-made whenever the mapping, the
document's date or the choice for references that match no document changes, and returns
the rows the user kept. The window saves them as one
undoable command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core import dates
from timeline_app.core.chronology import SPAN_DASH
from timeline_app.core.errors import CancelledError, UserError
from timeline_app.core.importing import ImportFile, tabular
from timeline_app.core.importing.email_plan import EmailChoice, Threads
from timeline_app.core.importing.plan import (
    ImportPlan,
    ImportRow,
    ReferenceChoice,
    ReferencePolicy,
    UnmatchedReference,
    new_records,
    write_refused,
)
from timeline_app.core.services import filters
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.dialogs.save_as import with_suffix
from timeline_app.ui.progress import progress, waiting

_PROBLEM, _DUPLICATE, _NOTE = QColor("#c62828"), QColor("#a05a00"), QColor("#607d8b")
_KINDS = {
    "csv": "CSV file",
    "xlsx": "Excel workbook",
    "text": "text",
    "docx": "Word document",
    "wordtable": "Word chronology table",
    "json": "JSON case",
    "case": "case file",
    "email": "emails",
}


def _flagged(row: ImportRow) -> bool:
    """Whether a row needs a look: a problem, a likely duplicate, a second-best or a note."""
    return bool(row.problems or row.duplicate_of or row.second_best or row.notes)


def _counted(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'s' * (number != 1)}"


class PreviewModel(QAbstractTableModel):
    """Every row of a plan: ticked to import, its date as read, its event, its problems."""

    HEADINGS = ("Import", "Row", "Date", "Event", "Problems and notes")
    FLAGGED = Qt.ItemDataRole.UserRole
    """"flagged" for a row with a problem, a likely duplicate or a note, for filtering."""

    def __init__(self, plan: ImportPlan, *, titles_editable: bool) -> None:
        super().__init__()
        self.plan = plan
        self.titles_editable = titles_editable
        self._by_cells = titles_editable or plan.kind == "email"  # rows come and go
        chosen = {id(row) for row in plan.default_choice()}
        self._ticked = [id(row) in chosen for row in plan.rows]
        self._user_ticks: dict[object, bool] = {}  # what the user changed, by row
        self._user_titles: dict[object, str] = {}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADINGS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADINGS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        row = self.plan.rows[index.row()]
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and row.importable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == 3 and row.importable and self._titles_editable(row):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        row = self.plan.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if self._ticked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and row.event is not None:
            return "\n\n".join(filter(None, [row.event.title, row.event.description]))
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self._text(row, column) if column else None
        if role == self.FLAGGED:
            return "flagged" if _flagged(row) else "plain"
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return _PROBLEM if row.problems else _DUPLICATE if row.duplicate_of else _NOTE
        return None

    def _text(self, row: ImportRow, column: int) -> str:
        if column == 1:
            if self.titles_editable:  # a proposal from a document: its paragraph, if any
                return f"para {row.cells[0]}" if row.cells[0] else "–"
            return str(row.number)
        if column == 2:
            if row.event is None:
                return ""
            end = row.event.end
            shown = dates.format(row.event.date)
            if end and not end.is_undated:
                shown = f"{shown}{SPAN_DASH}{dates.format(end)}"
            return f"{shown} ({row.date_note})" if row.date_note else shown
        if column == 3:
            if row.event is not None:
                return row.event.title
            if self.titles_editable:  # a document's words that gave no date: its sentence
                return row.cells[-1]
            return " | ".join(c for c in row.cells if c)
        remarks = list(row.problems)
        if row.second_best:
            remarks.append(row.second_best)
        if row.duplicate_of:
            remarks.append(f"Likely duplicate of {row.duplicate_of}: {row.duplicate_reason}.")
        return " ".join(remarks + row.notes)

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: object,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        row = self.plan.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and row.importable:
            ticked = Qt.CheckState(value) == Qt.CheckState.Checked
            self._ticked[index.row()] = self._user_ticks[self._key(row)] = ticked
        elif (
            role == Qt.ItemDataRole.EditRole
            and index.column() == 3
            and row.event
            and str(value).strip()
        ):
            row.event.title = self._user_titles[self._key(row)] = " ".join(str(value).split())
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def _titles_editable(self, row: ImportRow) -> bool:
        """Whether the user may reword a row's title (a proposal's, an email's)."""
        return self.titles_editable or (self.plan.kind == "email" and row.event is not None)

    def tick_all(self, ticked: bool, *, flagged_only: bool = False) -> None:
        """Tick (or untick) every row that can be imported, or only the flagged ones."""
        for index, row in enumerate(self.plan.rows):
            if row.importable and (not flagged_only or _flagged(row)):
                self._ticked[index] = self._user_ticks[self._key(row)] = ticked
        self.dataChanged.emit(self.index(0, 0), self.index(max(0, self.rowCount() - 1), 0))

    def chosen(self) -> list[ImportRow]:
        """The ticked rows."""
        return [row for row, ticked in zip(self.plan.rows, self._ticked, strict=True) if ticked]

    def _key(self, row: ImportRow) -> object:
        """What identifies a row across re-readings: its row, a proposal's sentence, an email."""
        return tuple(row.cells) if self._by_cells else row.number

    def choices(self) -> tuple[dict[object, bool], dict[object, str]]:
        """The ticks and titles the user changed, to carry over to the next reading."""
        return dict(self._user_ticks), dict(self._user_titles)

    def keep(self, choices: tuple[dict[object, bool], dict[object, str]]) -> None:
        """Tick and title the rows as the user had changed them in an earlier reading."""
        ticks, titles = choices
        for index, row in enumerate(self.plan.rows):
            if not row.importable:
                continue
            key = self._key(row)
            if key in ticks:
                self._ticked[index] = self._user_ticks[key] = ticks[key]
            if key in titles and self._titles_editable(row):
                row.event.title = self._user_titles[key] = titles[key]  # type: ignore[union-attr]


class UnmatchedReferencesBox(QGroupBox):
    """The references that match no document of the case, and what becomes of each.

    One choice for all of them, or one per reference; hidden when every reference matches.

    Signals:
        choice_changed: the user chose otherwise for all references or for one.
    """

    choice_changed = Signal()

    CHOICES = (
        (ReferenceChoice.CREATE, "Create the document"),
        (ReferenceChoice.CITE, "Cite as written"),
        (ReferenceChoice.SKIP, "Leave the row out"),
    )
    HEADINGS = ("Reference", "Rows", "Why", "What to do")
    ROWS_SHOWN = 8
    """Row numbers listed for a reference; the rest are counted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("References that match no document", parent)
        self._by_reference: dict[str, ReferenceChoice] = {}
        self._combos: dict[str, QComboBox] = {}  # by reference, folded
        self.all_combo = self._combo()
        self.table = QTableWidget(0, len(self.HEADINGS))
        self.table.setHorizontalHeaderLabels(self.HEADINGS)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(140)
        for_all = QHBoxLayout()
        for_all.addWidget(QLabel("For all of them:"))
        for_all.addWidget(self.all_combo)
        for_all.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(for_all)
        layout.addWidget(self.table)
        self.all_combo.activated.connect(self._on_all_combo_activated)  # the same again too
        self.hide()

    def _combo(self) -> QComboBox:
        combo = QComboBox()
        for choice, label in self.CHOICES:
            combo.addItem(label, choice)
        return combo

    def policy(self) -> ReferencePolicy:
        """The choices made: the one for all, and those made for single references."""
        return ReferencePolicy(
            ReferenceChoice(self.all_combo.currentData()), dict(self._by_reference)
        )

    def show_references(self, references: list[UnmatchedReference]) -> None:
        """List ``references`` with the choice each was planned with (hidden if none)."""
        self.table.setRowCount(0)  # hides the old combo boxes now (a replaced one lingers)
        self.table.setRowCount(len(references))
        self._combos = {}
        for index, reference in enumerate(references):
            shown = ", ".join(str(number) for number in reference.rows[: self.ROWS_SHOWN])
            more = len(reference.rows) - self.ROWS_SHOWN
            rows = f"{shown} and {more:,} more" if more > 0 else shown
            for column, text in enumerate((reference.text, rows, reference.why)):
                self.table.setItem(index, column, QTableWidgetItem(text))
            combo = self._combo()
            combo.setCurrentIndex(combo.findData(reference.choice))
            combo.currentIndexChanged.connect(
                lambda _i, text=reference.text, combo=combo: self._on_reference_combo_changed(
                    text, combo.currentData()
                )
            )
            self.table.setCellWidget(index, 3, combo)
            self._combos[reference.text.casefold()] = combo
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(3)
        self.setVisible(bool(references))

    def choose(self, text: str, choice: ReferenceChoice) -> None:
        """Choose for the reference ``text`` (what its combo box does)."""
        combo = self._combos[text.casefold()]
        combo.setCurrentIndex(combo.findData(choice))

    def choose_for_all(self, choice: ReferenceChoice) -> None:
        """Choose for every reference alike (what the combo box for all does)."""
        self.all_combo.setCurrentIndex(self.all_combo.findData(choice))
        self._on_all_combo_activated()

    def _on_all_combo_activated(self) -> None:
        self._by_reference.clear()  # all alike, as the user just said
        self.choice_changed.emit()

    def _on_reference_combo_changed(self, text: str, choice: str) -> None:
        self._by_reference[text] = ReferenceChoice(choice)  # Qt gives the data back as str
        self.choice_changed.emit()


class ImportDialog(QDialog):
    """Review a file (or pasted text) before its events join the case."""

    def __init__(
        self, store: CaseStore, file: ImportFile | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store, self._file = store, file
        self._kind = file.kind if file is not None else "text"
        self._session: ImportSession | None = (
            None if file is not None else ImportSession(store, None)
        )
        self.model: PreviewModel | None = None
        self._kept: tuple[dict[object, bool], dict[object, str]] = ({}, {})
        self.setWindowTitle(f"Import {file.name}" if file else "Import pasted text")
        self.resize(1280, 720)
        self.about_label = QLabel()
        self.about_label.setWordWrap(True)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #a05a00;")
        self.sheet_combo = QComboBox()
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(["Column", "First value", "Imported as"])
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.paste_edit = QPlainTextEdit()
        self.paste_edit.setPlaceholderText(
            "Paste a witness statement, a pleading or an article here."
        )
        now = dt.datetime.now()  # each paste its own document, unless the user names one
        pasted = f"Pasted text, {dates.format(dates.parse(now.date().isoformat()))} {now:%H:%M}"
        self.title_edit = QLineEdit(file.path.stem if file else pasted)
        self.title_edit.setPlaceholderText("e.g. Witness statement of John Smith")
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText(
            'e.g. 1 June 2020: "last year" in the document is read against it (empty: today)'
        )
        self.threads_combo = QComboBox()
        self.threads_combo.addItem("Each email its own event", Threads.EACH)
        self.threads_combo.addItem(
            "Each thread one event (from its first email to its last), citing every email",
            Threads.FOLD,
        )
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText("name or address, or part of one")
        self.recipient_edit = QLineEdit()
        self.recipient_edit.setPlaceholderText("name or address (To or Cc)")
        self.from_edit = QLineEdit()
        self.from_edit.setPlaceholderText("e.g. 1 May 2019, or 2019")
        self.to_edit = QLineEdit()
        self.to_edit.setPlaceholderText("e.g. 31 May 2019")
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText("words of the subject")
        self.preview = QTableView()
        self.preview.setAlternatingRowColors(True)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)
        self.references_box = UnmatchedReferencesBox()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)  # a refusal may list many columns
        self.flagged_check = QCheckBox(
            "Show only rows with a &problem, a likely duplicate or a note"
        )
        self.flagged = QSortFilterProxyModel()  # every row, or only those to look at
        self.flagged.setFilterRole(PreviewModel.FLAGGED)
        self.preview.setModel(self.flagged)
        self.tick_all_button = QPushButton("Tick &all")
        self.untick_all_button = QPushButton("&Untick all")
        self.refused_button = QPushButton("&Save refused rows…")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._replan_timer = QTimer(self, singleShot=True, interval=400)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.about_label)
        layout.addWidget(self.notes_label)
        form = QFormLayout()
        if self._kind == "xlsx":
            form.addRow("Sheet", self.sheet_combo)
        if self._kind in ("text", "docx"):
            form.addRow("Document title", self.title_edit)
            form.addRow("Document's date", self.date_edit)
        if self._kind == "email":
            form.addRow("&Threads", self.threads_combo)
            for title, fields in (
                ("Only emails", (("&From", self.sender_edit), ("T&o or Cc", self.recipient_edit))),
                (
                    "",
                    (
                        ("Sent from", self.from_edit),
                        ("to", self.to_edit),
                        ("Subject &has", self.subject_edit),
                    ),
                ),
            ):
                line = QHBoxLayout()
                for text, edit in fields:
                    label = QLabel(text)
                    label.setBuddy(edit)
                    line.addWidget(label)
                    line.addWidget(edit, 1)
                form.addRow(title, line)
        layout.addLayout(form)
        if self._file is None:
            layout.addWidget(self.paste_edit, 1)
        if self._kind in ("csv", "xlsx", "wordtable"):
            layout.addWidget(
                QLabel(
                    "Which field each column fills (recognised from the "
                    "headings; change any that are wrong):"
                )
            )
            split = QSplitter(Qt.Orientation.Vertical)  # drag to see more columns or rows
            split.addWidget(self.mapping_table)
            split.addWidget(self.preview)
            split.setSizes([220, 400])
            layout.addWidget(split, 2)
        else:
            layout.addWidget(self.preview, 2)
        layout.addWidget(self.references_box)
        row = QHBoxLayout()
        layout.addWidget(self.flagged_check)
        row.addWidget(self.summary_label, 1)
        for button in (self.tick_all_button, self.untick_all_button, self.refused_button):
            row.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tick_all_button.clicked.connect(lambda: self._tick_all(True))
        self.untick_all_button.clicked.connect(lambda: self._tick_all(False))
        self.refused_button.clicked.connect(self.save_refused)
        self.flagged_check.toggled.connect(
            lambda only: self.flagged.setFilterFixedString("flagged" if only else "")
        )
        self._replan_timer.timeout.connect(self.replan)
        self.paste_edit.textChanged.connect(self._replan_timer.start)
        self.title_edit.textEdited.connect(self._replan_timer.start)
        self.date_edit.textEdited.connect(self._replan_timer.start)
        self.sheet_combo.currentTextChanged.connect(self._on_sheet_combo_changed)
        self.threads_combo.currentIndexChanged.connect(self._replan_timer.start)
        for edit in (
            self.sender_edit,
            self.recipient_edit,
            self.from_edit,
            self.to_edit,
            self.subject_edit,
        ):
            edit.textEdited.connect(self._replan_timer.start)
        # later, not now: the plan shown anew replaces the combo box that was just changed
        self.references_box.choice_changed.connect(self._replan_timer.start)

    # ------------------------------------------------------------------ reading and planning

    def load(self) -> bool:
        """Read the file and show its rows; False (with a message) if it cannot be read.

        A file that reads but whose columns need choosing still opens, saying so.
        """
        assert self._file is not None
        try:
            with waiting():  # a big workbook takes a while
                self._session = ImportSession(self._store, self._file)
        except UserError as error:
            Messages.user_error(self, error)
            return False
        if self._kind == "email":
            try:
                with progress(self, "Reading the emails…", self.windowTitle()) as step:
                    self._session.read_emails(step)
            except CancelledError:
                return False
            except UserError as error:
                Messages.user_error(self, error)
                return False
        table = self._session.table
        if table is not None:
            if self._kind == "xlsx":
                self.sheet_combo.blockSignals(True)
                self.sheet_combo.addItems(table.sheets)
                self.sheet_combo.setCurrentText(table.sheet)
                self.sheet_combo.blockSignals(False)
            self._fill_mapping(tabular.guess_mapping(table.headings))
            self.about_label.setText(
                f"<b>{escape(self._file.name)}</b> — "
                f"{_KINDS[self._kind]}, "
                f"{_counted(len(table.rows), 'row')} read."
            )
        return self.replan()

    def _fill_mapping(self, mapping: list[str]) -> None:
        assert self._session is not None and self._session.table is not None
        table = self._session.table
        first = table.rows[0]
        self.mapping_table.setRowCount(len(table.headings))
        for index, heading in enumerate(table.headings):
            self.mapping_table.setCellWidget(index, 0, QLabel(f" {heading} "))
            sample = tabular.display(first[index]) if index < len(first) else ""
            self.mapping_table.setCellWidget(index, 1, QLabel(f" {sample[:80]} "))
            combo = QComboBox()
            for field in tabular.field_choices(table.headings):
                combo.addItem(tabular.field_label(field), field)
            combo.setCurrentIndex(combo.findData(mapping[index]))
            combo.currentIndexChanged.connect(
                lambda _i, column=index: self._on_mapping_changed(column)
            )
            self.mapping_table.setCellWidget(index, 2, combo)
        self.mapping_table.resizeColumnToContents(0)
        self.mapping_table.resizeColumnToContents(2)

    def mapping(self) -> list[str]:
        """The field each column fills, as the combo boxes say."""
        return [
            self.mapping_table.cellWidget(i, 2).currentData()  # type: ignore[union-attr]
            for i in range(self.mapping_table.rowCount())
        ]

    def set_field(self, column: int, field: str) -> None:
        """Take a column as a field (what choosing it in its combo box does)."""
        combo = self.mapping_table.cellWidget(column, 2)
        combo.setCurrentIndex(combo.findData(field))  # type: ignore[union-attr]

    def _on_mapping_changed(self, column: int) -> None:
        chosen = self.mapping()[column]
        if chosen:  # one column per field: the column that had it gives it up
            for other in range(self.mapping_table.rowCount()):
                combo = self.mapping_table.cellWidget(other, 2)
                if other != column and combo.currentData() == chosen:  # type: ignore[union-attr]
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)  # type: ignore[union-attr]
                    combo.blockSignals(False)
        self._replan_timer.start()

    def _on_sheet_combo_changed(self, sheet: str) -> None:
        assert self._session is not None and self._session.table is not None
        try:
            with waiting():
                self._session.choose_sheet(sheet)
        except UserError as error:
            Messages.user_error(self, error)
            return
        self.model, self._kept = None, ({}, {})  # another sheet: its own rows and ticks
        self._fill_mapping(tabular.guess_mapping(self._session.table.headings))
        self.replan()

    def replan(self) -> bool:
        """Interpret the rows again with the current choices (with progress on big files)."""
        self._replan_timer.stop()
        reading = "Reading the emails…" if self._kind == "email" else "Reading the rows…"
        try:
            with progress(self, reading, self.windowTitle()) as step:
                plan = self._plan(step)
        except CancelledError:
            self._clear("The rows were not read: reading was cancelled.")
            return False
        except UserError as error:  # the choices cannot be used: say so, show nothing
            self._clear(str(error))
            return True
        self._show(plan)
        return True

    def _clear(self, why: str) -> None:
        """No plan to show (the choices are wrong, or reading was cancelled): nothing to import."""
        if self.model is not None:
            self._kept = self.model.choices()  # for when the choices are put right
        self.model = None
        self.flagged.setSourceModel(None)
        self.references_box.show_references([])
        self.summary_label.setText(why)
        self.import_button.setText("&Import")
        self.import_button.setEnabled(False)
        self.refused_button.setEnabled(False)

    def _plan(self, step: Callable[[int, int], bool]) -> ImportPlan:
        assert self._session is not None
        return self._session.plan(
            mapping=self.mapping() if self._session.table is not None else None,
            document_date=self._session.document_date(self.date_edit.text()),
            source_title=self.title_edit.text(),
            pasted=self.paste_edit.toPlainText(),
            references=self.references_box.policy(),
            threads=Threads(self.threads_combo.currentData()),
            emails_chosen=self.email_choice() if self._kind == "email" else None,
            progress=step,
        )

    def email_choice(self) -> EmailChoice:
        """The emails the filters take.

        :raises UserError: a date of the range cannot be read, or it ends before it starts.
        """
        assert self._session is not None
        first, last = filters.moment_window(
            self._store.case_info(), self.from_edit.text(), self.to_edit.text()
        )
        return EmailChoice(
            self.sender_edit.text().strip(),
            self.recipient_edit.text().strip(),
            first,
            last,
            self.subject_edit.text().strip(),
        )

    def _show(self, plan: ImportPlan) -> None:
        before = self.model.choices() if self.model is not None else self._kept
        self.model = PreviewModel(plan, titles_editable=plan.kind in ("text", "docx"))
        self.model.keep(before)
        self.flagged.setSourceModel(self.model)
        self.preview.horizontalHeader().setStretchLastSection(True)
        event_width = 720 if self.model.titles_editable else 360  # proposals' sentences
        date_width = 210
        if plan.kind == "email":  # "Email from A to B: SUBJECT"; the time and its offset
            event_width, date_width = 500, 290
        for column, width in ((0, 60), (1, 60), (2, date_width), (3, event_width)):
            self.preview.setColumnWidth(column, width)
        self.model.dataChanged.connect(self._update_summary)
        kind = _KINDS.get(plan.kind, plan.kind)
        if self._file is not None:
            if plan.kind in ("text", "docx"):
                found = _counted(len(plan.rows), "date") + " found"
            elif plan.kind == "email":
                assert self._session is not None
                found = _counted(len(self._session.read_emails()), "email") + " read"
            else:
                found = _counted(len(plan.rows), "row") + " read"
            self.about_label.setText(f"<b>{escape(self._file.name)}</b> — {kind}, {found}.")
        else:
            self.about_label.setText(f"Pasted text — {_counted(len(plan.rows), 'date')} found.")
        notes = plan.notes
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setVisible(bool(notes))
        self.references_box.show_references(plan.unmatched_references)
        self._update_summary()

    def _update_summary(self) -> None:
        if self.model is None:
            return
        plan = self.model.plan
        rows = self.model.chosen()
        chosen = len(rows)
        duplicates = sum(1 for row in plan.rows if row.duplicate_of and row.importable)
        refused = len(plan.refused)
        ticked = sum(1 for row in rows if row.duplicate_of)
        unmatched = len(plan.unmatched_references)
        batch = plan.batch(rows)
        new = new_records(batch)
        self.summary_label.setText(
            f"{chosen:,} to import{f' ({new})' if new else ''} · {refused:,} cannot be "
            f"imported · {_counted(duplicates, 'likely duplicate')}"
            f"{f' ({ticked:,} ticked)' if duplicates else ''}"
            + (f" · {_counted(unmatched, 'reference')} matching no document" if unmatched else "")
        )
        self.import_button.setText(f"&Import {_counted(chosen, 'event')}")
        self.import_button.setEnabled(  # a cast or case details alone count
            bool(chosen)
            or bool(batch.parties or batch.sources or batch.categories or batch.case_info)
        )
        self.refused_button.setEnabled(refused > 0)

    def accept(self) -> None:
        """Import what the dialog shows.

        A choice still being typed is read and shown first (so Enter in the document's date
        reads it); Import then imports.
        """
        if self._replan_timer.isActive():
            self.replan()
            return
        if self.model is not None and self.import_button.isEnabled():
            super().accept()

    def _tick_all(self, ticked: bool) -> None:
        if self.model is not None:  # what is shown: every row, or only those to look at
            self.model.tick_all(ticked, flagged_only=self.flagged_check.isChecked())

    def save_refused(self) -> None:
        """Save the rows that cannot be imported, with their problems, as CSV to fix."""
        if self.model is None:
            return
        stem = self._file.path.stem if self._file else "pasted text"
        folder = self._file.path.parent if self._file else Path.home()
        path = self.choose_refused_path(self, folder / f"{stem} - refused rows.csv")
        if path is None:
            return
        try:
            count = write_refused(self.model.plan, path)
        except UserError as error:
            Messages.user_error(self, error)
            return
        self.summary_label.setText(f"Saved {count:,} refused rows to {path}")

    @classmethod
    def choose_refused_path(cls, parent: QWidget, default: Path) -> Path | None:
        """Where to save the refused rows (".csv" added when missing), or None."""
        path, _ = QFileDialog.getSaveFileName(
            parent, "Save refused rows", str(default), "CSV files (*.csv)"
        )
        return with_suffix(parent, path, ".csv") if path else None

    @classmethod
    def review(
        cls, parent: QWidget | None, store: CaseStore, file: ImportFile | None
    ) -> tuple[ImportPlan, list[ImportRow]] | None:
        """Show the dialog; the plan and the rows the user kept, or None if cancelled."""
        dialog = cls(store, file, parent)
        if file is not None and not dialog.load():
            return None
        if file is None:
            dialog.replan()
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.model is None:
            return None
        return dialog.model.plan, dialog.model.chosen()
