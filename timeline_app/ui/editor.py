"""The event editor: a panel beside the table where one event is written and checked."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core import dates
from timeline_app.core.model import (
    CaseInfo,
    Category,
    Event,
    FuzzyDate,
    Party,
    Source,
    SourceLink,
    Status,
    saved_id,
)
from timeline_app.core.services import conflicts
from timeline_app.core.wording import check_wording

_SIDES = ("Claimant", "Defendant")
_NO_TITLE = "Give the event a short title."
_NOTICE_STYLE = (
    "QLabel { background: #fff3e0; color: #000000; border: 1px solid #e65100; padding: 6px; }"
)
_MARK_STYLE = "border: 2px solid #e65100;"


class EventEditor(QWidget):
    """Edits one event; nothing reaches the case until Save, and only when all of it is valid.

    Signals:
        save_requested(object): the edited :class:`Event`, valid, to be saved as one command.
        add_person_requested(): the user wants a new member of the cast.
    """

    save_requested = Signal(object)
    add_person_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._event: Event | None = None
        self._info = CaseInfo()
        self._sources: list[Source] = []
        self._loading = False
        self._modified = False
        self._number: int | None = None
        self._shown: Event | None = None  # the fields read back as loaded (see merge_with)
        self._names = conflicts.Names()
        self._marked: dict[QWidget, str] = {}  # a field both sides changed: its own tooltip

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.conflict_notice = QLabel()
        self.conflict_notice.setWordWrap(True)
        self.conflict_notice.setTextFormat(Qt.TextFormat.PlainText)  # titles come from the case
        self.conflict_notice.setStyleSheet(_NOTICE_STYLE)
        self.conflict_notice.hide()

        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("e.g. 8 November 2018, c. March 2016, undated")
        self.date_edit.setToolTip(
            "Type the date as you would write it; the line below shows how it is read."
        )
        self.date_preview = QLabel()
        self.date_preview.setWordWrap(True)
        # Room for the reading and a warning, so the fields below do not jump while typing.
        self.date_preview.setMinimumHeight(3 * self.date_preview.fontMetrics().lineSpacing())
        self.date_preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.end_edit = QLineEdit()
        self.end_edit.setPlaceholderText("only for an event that lasts: its end")
        self.end_preview = QLabel()
        self.end_preview.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("a short, neutral title")
        self.title_error = QLabel()
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(120)
        self.wording_hint = QLabel()
        self.wording_hint.setWordWrap(True)
        self.wording_hint.setStyleSheet("color: #a05a00;")
        self.category_combo = self._narrow(QComboBox())
        self.status_combo = self._narrow(QComboBox())
        for status in Status:
            self.status_combo.addItem(status.label, status)
        self.key_check = QCheckBox("Key event")
        self.version_edits = {side: self._short_text() for side in _SIDES}
        self.parties_list = QListWidget()
        self.parties_list.setMaximumHeight(120)
        self.add_person_button = QPushButton("New person or organisation…")
        self.sources_table = QTableWidget(0, 2)
        self.sources_table.setHorizontalHeaderLabels(["Document", "Pinpoint"])
        self.sources_table.horizontalHeaderItem(1).setToolTip(
            "A page of the document (6), or a paragraph (para 14)"
        )
        self.sources_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.sources_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.sources_table.verticalHeader().hide()
        self.sources_table.setMaximumHeight(120)
        self.sources_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sources_table.setTabKeyNavigation(False)  # Tab moves on, out of the table
        self.add_source_button = QPushButton("Cite a document")
        self.remove_source_button = QPushButton("Remove citation")
        self.sources_hint = QLabel()
        self.sources_hint.setWordWrap(True)
        self.privileged_label = QLabel(
            "PRIVILEGED — the team's own note; never exported unless asked for"
        )
        self.privileged_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.privileged_label.setWordWrap(True)
        self.privileged_edit = self._short_text()
        tint = self.privileged_edit.palette()
        tint.setColor(QPalette.ColorRole.Base, QColor("#fff3e0"))
        tint.setColor(QPalette.ColorRole.Text, QColor("#000000"))
        self.privileged_edit.setPalette(tint)
        self.save_button = QPushButton("Save event")
        self.save_button.setToolTip("Save the event (Ctrl+S)")
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Throw away the changes to this event")

        form = QFormLayout()
        form.addRow(self.heading)
        form.addRow(self.conflict_notice)
        form.addRow("&Date", self.date_edit)
        form.addRow("", self.date_preview)
        form.addRow("&End date", self.end_edit)
        form.addRow("", self.end_preview)
        form.addRow("&Title", self.title_edit)
        form.addRow("", self.title_error)
        form.addRow("Descri&ption", self.description_edit)
        form.addRow("", self.wording_hint)
        form.addRow("Cate&gory", self.category_combo)
        form.addRow("&Status", self.status_combo)
        form.addRow("", self.key_check)
        for side, edit in self.version_edits.items():
            form.addRow(f"{side}'s version", edit)
        form.addRow("People", self.parties_list)
        form.addRow("", self.add_person_button)
        form.addRow("Sources", self.sources_table)
        source_buttons = QHBoxLayout()
        source_buttons.addWidget(self.add_source_button)
        source_buttons.addWidget(self.remove_source_button)
        form.addRow("", source_buttons)
        form.addRow("", self.sources_hint)
        form.addRow(self.privileged_label)
        form.addRow(self.privileged_edit)
        inner = QWidget()
        inner.setLayout(form)
        scroll = self._scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMinimumWidth(420)
        scroll.setWidget(inner)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll)
        layout.addLayout(buttons)

        self.date_edit.textChanged.connect(self._on_date_edit_text_changed)
        self.end_edit.textChanged.connect(self._on_date_edit_text_changed)
        for widget in (self.title_edit, self.date_edit, self.end_edit):
            widget.textChanged.connect(self._on_changed)
        self.title_edit.textChanged.connect(self._refresh_wording)
        self.description_edit.textChanged.connect(self._refresh_wording)
        for edit in (self.description_edit, self.privileged_edit, *self.version_edits.values()):
            edit.textChanged.connect(self._on_changed)
        self.category_combo.currentIndexChanged.connect(self._on_changed)
        self.status_combo.currentIndexChanged.connect(self._on_changed)
        self.key_check.toggled.connect(self._on_changed)
        self.parties_list.itemChanged.connect(self._on_changed)
        self.sources_table.itemChanged.connect(self._on_changed)
        self.add_source_button.clicked.connect(self._on_add_source_button_clicked)
        self.remove_source_button.clicked.connect(self._on_remove_source_button_clicked)
        self.add_person_button.clicked.connect(self.add_person_requested)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        self._undo_passer = _UndoToWindow(self, self.is_modified)
        for edit in (
            self.title_edit,
            self.date_edit,
            self.end_edit,
            self.description_edit,
            self.privileged_edit,
            *self.version_edits.values(),
        ):
            edit.installEventFilter(self._undo_passer)
        self.load(None)

    @staticmethod
    def _narrow(combo: QComboBox) -> QComboBox:
        """A combo box that does not widen the panel to its longest entry."""
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        return combo

    @staticmethod
    def _short_text() -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(70)
        return edit

    # ------------------------------------------------------------------ loading

    def set_case(
        self, info: CaseInfo, cast: list[Party], sources: list[Source], categories: list[Category]
    ) -> None:
        """The choices the editor offers; the event on show keeps its edits."""
        self._info = info
        self._sources = sources
        self._names = conflicts.Names(
            {saved_id(c): c.name for c in categories},
            {saved_id(p): p.name for p in cast},
            {saved_id(s): s for s in sources},
        )
        self.sources_hint.clear()
        was_loading, self._loading = self._loading, True
        chosen = self.category_combo.currentData()
        self.category_combo.clear()
        self.category_combo.addItem("(none)", None)
        for category in categories:
            self.category_combo.addItem(category.name, category.id)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(chosen)))
        ticked = self._ticked_parties()
        self.parties_list.clear()
        for party in cast:
            item = QListWidgetItem(party.name + (f" ({party.role})" if party.role else ""))
            item.setData(Qt.ItemDataRole.UserRole, party.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if party.id in ticked else Qt.CheckState.Unchecked
            )
            self.parties_list.addItem(item)
        for row in range(self.sources_table.rowCount()):
            combo = self.sources_table.cellWidget(row, 0)
            chosen_source = combo.currentData()
            self._fill_source_combo(combo, chosen_source)
        self._loading = was_loading
        self._refresh_previews()
        self._refresh_wording()

    def load(self, event: Event | None, *, number: int | None = None) -> None:
        """Show ``event`` (None: a new event) with nothing modified.

        :param number: the event's number in the chronology, for the heading.
        """
        self._event = event
        self._number = number
        self._set_heading()
        self._scroll.verticalScrollBar().setValue(0)
        self._clear_conflict()
        self._fill(event or Event(""))
        self._shown = None
        if event is not None and event.id is not None:
            # A stored date that this case now reads otherwise (a DateError) leaves it None.
            with contextlib.suppress(ValueError):
                self._shown = self._described()
        self._modified = False

    def _fill(self, shown: Event) -> None:
        """Put an event's values in the fields; not a change of the user's."""
        self._loading = True
        self.date_edit.setText(self._written(shown.date))
        self.end_edit.setText("" if shown.end is None else self._written(shown.end))
        self.title_edit.setText(shown.title)
        for edit in (self.date_edit, self.end_edit, self.title_edit):
            edit.setCursorPosition(0)  # a long title shows its beginning, not its end
        self.title_error.clear()
        self.sources_hint.clear()
        self.description_edit.setPlainText(shown.description)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(shown.category_id)))
        self.status_combo.setCurrentIndex(self.status_combo.findData(shown.status))
        self.key_check.setChecked(shown.key)
        for side, edit in self.version_edits.items():
            edit.setPlainText(shown.versions.get(side, ""))
        for row in range(self.parties_list.count()):
            item = self.parties_list.item(row)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in shown.party_ids
                else Qt.CheckState.Unchecked
            )
        self.sources_table.setRowCount(0)
        for link in shown.sources:
            self._add_source_row(link)
        self.privileged_edit.setPlainText(shown.privileged_note)
        self._loading = False
        self._refresh_previews()

    def _set_heading(self) -> None:
        event = self._event
        if event is None or event.id is None:
            self.heading.setText("New event")
        else:
            where = f"No. {self._number}" if self._number else "an event hidden by the filters"
            self.heading.setText(f"Editing {where}")

    def merge_with(self, typed: Event, theirs: Event) -> conflicts.Merge:
        """Someone saved a newer version (``theirs``) before ``typed`` was: keep both.

        The fields then hold their version with the user's changes on top, so that Save writes
        only those over theirs and Revert shows theirs. The notice lists their changes, and the
        fields both changed differently are marked (the user's value is the one kept there).
        """
        base = self._event
        assert base is not None, "a refused save is of an event that was loaded"
        mine = conflicts.typed_changes(base, self._shown or base, typed)
        merged = conflicts.merge(base, mine, theirs, self._names)
        assert merged.event is not None, "theirs is an event, not a deletion"
        self.load(theirs, number=self._number)
        self._fill(merged.event)
        self._modified = merged.event != theirs
        self._show_conflict(merged)
        return merged

    @property
    def event(self) -> Event | None:
        """The event being edited (None for a new one)."""
        return self._event

    def is_modified(self) -> bool:
        """True when the fields differ from the event as loaded."""
        return self._modified

    # ------------------------------------------------------------------ checking and saving

    def _written(self, date: FuzzyDate) -> str:
        """A stored date as the field shows it: its words, if they still read as that date.

        Words that count from another day ("May last year" from a dated letter) or were read
        another way (a case switched to month first) would move the date when saved with
        anything else: the field then shows the date in court style, which always reads back.
        """
        if date.is_undated:
            return date.text if date.text.strip() else ""
        if date.text.strip():
            try:
                again = self._read_date(date.text)
            except dates.DateError:
                again = None
            if again is not None and _window(again) == _window(date):
                return date.text
        return dates.format(date)

    def _read_date(self, text: str) -> FuzzyDate:
        return dates.parse(
            text, ref_date=self._info.reference_date, order=str(self._info.date_order)
        )

    def build(self) -> Event:
        """The event the fields describe.

        :raises DateError, ValueError: a field is invalid; its message is shown beside it.
        """
        try:
            event = self._described()
        except _TitleMissingError:
            self.title_error.setText(_NO_TITLE)
            raise
        self.title_error.clear()
        return event

    def _described(self) -> Event:
        """The event the fields describe, with nothing shown about what is wrong."""
        date = self._read_date(self.date_edit.text())
        end = self._read_date(self.end_edit.text()) if self.end_edit.text().strip() else None
        if end is not None and dates.ends_before(end, date):
            raise ValueError(_END_BEFORE_START)
        title = " ".join(self.title_edit.text().split())
        if not title:
            raise _TitleMissingError(_NO_TITLE)
        base = self._event or Event("")
        versions = {
            side: edit.toPlainText().strip()
            for side, edit in self.version_edits.items()
            if edit.toPlainText().strip()
        }
        return dataclasses.replace(
            base,
            title=title,
            date=date,
            end=end,
            description=self.description_edit.toPlainText(),
            category_id=self.category_combo.currentData(),
            status=self.status_combo.currentData(),
            key=self.key_check.isChecked(),
            versions={**{k: v for k, v in base.versions.items() if k not in _SIDES}, **versions},
            party_ids=self._party_order(base.party_ids),
            sources=tuple(self._source_links()),
            privileged_note=self.privileged_edit.toPlainText(),
        )

    def save(self) -> bool:
        """Emit ``save_requested`` if everything is valid; return whether it was."""
        try:
            event = self.build()
        except (dates.DateError, ValueError):
            self._refresh_previews()
            return False
        self.save_requested.emit(event)
        return True

    def mark_saved(self, event: Event) -> None:
        """The store has the edit: show the event as saved (new id, new revision)."""
        self.load(event, number=self._number)

    def revert(self) -> None:
        """Throw away the edits."""
        self.load(self._event, number=self._number)

    # ------------------------------------------------------------------ a conflict on show

    def marked_fields(self) -> list[str]:
        """The fields marked as changed by both sides (names as in :mod:`conflicts`)."""
        widgets = self._field_widgets()
        return [name for name, widget in widgets.items() if widget in self._marked]

    def _show_conflict(self, merged: conflicts.Merge) -> None:
        """Say what they changed in the notice, and mark the fields both changed."""
        who = merged.changed_by or "Someone in another window or a colleague"
        lines = [f"Not saved yet: {who} changed this event after you opened it."]
        if merged.their_changes:
            lines.append("Their changes, now in the fields below with yours on top:")
            lines += [f"• {line}" for line in merged.their_changes]
        if merged.conflicts:
            lines.append("You both changed the fields marked in orange: yours is kept there.")
        if self._modified:
            lines.append("Save to put your changes on top of theirs; Revert to show their version.")
        else:
            lines.append("Their version already has your changes: there is nothing more to save.")
        self.conflict_notice.setText("\n".join(lines))
        self.conflict_notice.show()
        widgets = self._field_widgets()
        for field in merged.fields:
            widget = widgets.get(field.name)
            if field.outcome is conflicts.Outcome.BOTH and widget is not None:
                self._marked[widget] = widget.toolTip()
                widget.setStyleSheet(f"{widget.metaObject().className()} {{ {_MARK_STYLE} }}")
                widget.setToolTip(field.their_change)

    def _clear_conflict(self) -> None:
        """Take the notice and the marks away."""
        self.conflict_notice.clear()
        self.conflict_notice.hide()
        for widget, tooltip in self._marked.items():
            widget.setStyleSheet("")
            widget.setToolTip(tooltip)
        self._marked.clear()

    def _field_widgets(self) -> dict[str, QWidget]:
        """Where each field of an event is edited."""
        return {
            "date": self.date_edit,
            "end": self.end_edit,
            "title": self.title_edit,
            "description": self.description_edit,
            "category_id": self.category_combo,
            "status": self.status_combo,
            "key": self.key_check,
            **{conflicts.version_field(side): e for side, e in self.version_edits.items()},
            "party_ids": self.parties_list,
            "sources": self.sources_table,
            "privileged_note": self.privileged_edit,
        }

    # ------------------------------------------------------------------ helpers

    def _party_order(self, before: tuple[int, ...]) -> tuple[int, ...]:
        """The ticked people: those already linked keep their order, new ones follow."""
        ticked = self._ticked_parties()
        return tuple([p for p in before if p in ticked] + [p for p in ticked if p not in before])

    def _ticked_parties(self) -> list[int]:
        return [
            self.parties_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.parties_list.count())
            if self.parties_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _source_links(self) -> list[SourceLink]:
        links = []
        for row in range(self.sources_table.rowCount()):
            source_id = self.sources_table.cellWidget(row, 0).currentData()
            pinpoint = self.sources_table.item(row, 1)
            if source_id is not None:
                links.append(SourceLink(source_id, pinpoint.text().strip() if pinpoint else ""))
        return links

    def _fill_source_combo(self, combo: QComboBox, chosen: int | None) -> None:
        combo.clear()
        for source in self._sources:
            label = f"{source.bundle_ref}  {source.title}" if source.bundle_ref else source.title
            combo.addItem(label, source.id)
        if chosen is not None and combo.findData(chosen) < 0:
            # The document was deleted: say so, and cite nothing rather than another one.
            combo.addItem("(document deleted)", None)
            combo.setCurrentIndex(combo.count() - 1)
        else:
            combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def _add_source_row(self, link: SourceLink | None = None) -> None:
        row = self.sources_table.rowCount()
        self.sources_table.insertRow(row)
        combo = self._narrow(QComboBox())
        self._fill_source_combo(combo, link.source_id if link else None)
        combo.currentIndexChanged.connect(self._on_changed)
        self.sources_table.setCellWidget(row, 0, combo)
        self.sources_table.setItem(row, 1, QTableWidgetItem(link.pinpoint if link else ""))

    def _on_add_source_button_clicked(self) -> None:
        if not self._sources:
            self.sources_hint.setText(
                "This case has no documents yet: add them under "
                "Case ▸ Documents…, then cite them here."
            )
            return
        self._add_source_row()
        self._on_changed()

    def _on_remove_source_button_clicked(self) -> None:
        rows = sorted({i.row() for i in self.sources_table.selectedIndexes()}, reverse=True)
        for row in rows or [self.sources_table.rowCount() - 1]:
            if row >= 0:
                self.sources_table.removeRow(row)
        self._on_changed()

    def _on_changed(self, *_: object) -> None:
        if not self._loading:
            self._modified = True

    def _on_date_edit_text_changed(self, _text: str) -> None:
        self._refresh_previews()

    def _refresh_previews(self) -> None:
        start = None
        for edit, label, optional in (
            (self.date_edit, self.date_preview, False),
            (self.end_edit, self.end_preview, True),
        ):
            text = edit.text()
            if optional and not text.strip():
                label.clear()
                continue
            try:
                found = dates.interpret(
                    text, ref_date=self._info.reference_date, order=str(self._info.date_order)
                )
            except dates.DateError as error:
                label.setText(f"⚠ {error}")
                label.setStyleSheet("color: #c62828;")
                continue
            if optional and start is not None and dates.ends_before(found.date, start):
                label.setText(f"⚠ {_END_BEFORE_START}")
                label.setStyleSheet("color: #c62828;")
                continue
            start = found.date
            label.setText(found.explanation + (f"\n⚠ {found.warning}" if found.warning else ""))
            label.setStyleSheet("color: #e65100;" if found.warning else "")

    def _refresh_wording(self, *_: object) -> None:
        """Say which words of the title and description may read as argument (a hint)."""
        flags = (
            check_wording(f"{self.title_edit.text()}\n{self.description_edit.toPlainText()}")
            if self._info.wording_check
            else []
        )
        messages = list(dict.fromkeys(flag.message for flag in flags))
        self.wording_hint.setText("\n".join(f"⚠ {m}" for m in messages[:4]))
        self.wording_hint.setToolTip(
            "Neutral wording: a hint, not a rule (Case ▸ Properties switches it off)"
        )
        self.wording_hint.setVisible(bool(messages))
        # A wrapped label in a form asks for the height its lines need at its width.
        width = max(self.wording_hint.width(), self.description_edit.width(), 200)
        self.wording_hint.setMinimumHeight(max(0, self.wording_hint.heightForWidth(width)))


_END_BEFORE_START = "The end is before the date; check both."


def _window(date: FuzzyDate) -> tuple:
    """What a date means, whatever words it was written in."""
    return (date.earliest, date.latest, date.precision, date.qualifier, date.approximate)


class _TitleMissingError(ValueError):
    """The event has no title."""


class _UndoToWindow(QObject):
    """Passes Ctrl+Z and Ctrl+Shift+Z to the window's Undo and Redo from a field with none.

    A text field takes them even with no typing of its own to undo (just after a save, say).
    While the event has unsaved changes they stay with the field: the window's Undo would
    change the saved event under them.
    """

    def __init__(self, parent: QObject, modified: Callable[[], bool]) -> None:
        super().__init__(parent)
        self._modified = modified

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and not self._modified():
            document = watched.document() if isinstance(watched, QPlainTextEdit) else watched
            for key, available in (
                (QKeySequence.StandardKey.Undo, document.isUndoAvailable),
                (QKeySequence.StandardKey.Redo, document.isRedoAvailable),
            ):
                if event.matches(key) and not available():
                    event.ignore()
                    return True
        return False
