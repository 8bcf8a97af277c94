"""The Export dialog: what goes into the chronology (Word, CSV or Excel), and where."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.exporting import FORMATS, ExportOptions
from timeline_app.core.store import EventFilter
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.dialogs.save_as import with_suffix


@dataclass
class ExportChoice:
    """What the user chose: the options, the file, and its format ("docx", "csv", "xlsx")."""

    options: ExportOptions
    path: Path
    kind: str = "docx"
    timeline_style: str = "lanes"
    """The picture page: "lanes" (the timeline as shown) or "exhibit" (a courtroom exhibit)."""


class ExportDialog(QDialog):
    """Gathers the export options; the window does the export with a progress bar."""

    def __init__(
        self, shown_filter: EventFilter, default_path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export chronology")
        self._shown_filter = shown_filter
        self._default_path = default_path
        self.format_combo = QComboBox()
        for kind, name in FORMATS.items():
            self.format_combo.addItem(f"{name} (.{kind})", kind)
        self.paper_combo = QComboBox()
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem("US Letter", "letter")
        self.orientation_combo = QComboBox()
        self.orientation_combo.addItem("Landscape", True)
        self.orientation_combo.addItem("Portrait", False)
        self.column_checks = {
            "number": QCheckBox("No."),
            "date": QCheckBox("Date"),
            "event": QCheckBox("Event"),
            "parties": QCheckBox("Parties"),
            "reference": QCheckBox("Reference"),
        }
        for name, check in self.column_checks.items():
            check.setChecked(name != "parties")
        self.column_checks["event"].setEnabled(False)
        self.filtered_check = QCheckBox(
            "Only the events shown in the window (its search and filters)"
        )
        self.filtered_check.setChecked(shown_filter != EventFilter())
        self.filtered_check.setEnabled(shown_filter != EventFilter())
        self.key_only_check = QCheckBox("Only key events")
        self.cast_combo = QComboBox()
        for label, value in (
            ("No cast list", "none"),
            ("Before the chronology", "before"),
            ("After the chronology", "after"),
        ):
            self.cast_combo.addItem(label, value)
        self.bold_check = QCheckBox("Key events in bold")
        self.bold_check.setChecked(True)
        self.privileged_check = QCheckBox("Include privileged notes")
        self.privileged_warning = QLabel()
        self.privileged_warning.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.privileged_warning.setWordWrap(True)  # or the dialog doubles in width
        self.privileged_check.toggled.connect(self._on_privileged_check_toggled)
        self.subtitle_edit = QLineEdit()
        self.subtitle_edit.setPlaceholderText(
            "e.g. prepared by the Defendant for the Case Management Conference"
        )
        self.font_combo = QComboBox()
        self.font_combo.addItems(["Arial", "Times New Roman"])
        self.timeline_check = QCheckBox("A picture of the timeline on a landscape page")
        self.timeline_style_combo = QComboBox()
        self.timeline_style_combo.addItem("as the timeline's lanes", "lanes")
        self.timeline_style_combo.addItem(
            "as a courtroom exhibit (one axis, a callout each)", "exhibit"
        )
        self.timeline_style_combo.setEnabled(False)
        self.timeline_check.toggled.connect(self.timeline_style_combo.setEnabled)
        columns = QHBoxLayout()
        for check in self.column_checks.values():
            columns.addWidget(check)
        form = QFormLayout()
        form.addRow("Format", self.format_combo)
        form.addRow("Paper", self.paper_combo)
        form.addRow("Orientation", self.orientation_combo)
        form.addRow("Columns", columns)
        form.addRow("", self.filtered_check)
        form.addRow("", self.key_only_check)
        form.addRow("Dramatis personae", self.cast_combo)
        form.addRow("", self.bold_check)
        form.addRow("", self.privileged_check)
        form.addRow("", self.privileged_warning)
        form.addRow("Subtitle", self.subtitle_edit)
        form.addRow("Font", self.font_combo)
        form.addRow("", self.timeline_check)
        form.addRow("", self.timeline_style_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._word_only = [
            self.paper_combo,
            self.orientation_combo,
            *self.column_checks.values(),
            self.cast_combo,
            self.bold_check,
            self.subtitle_edit,
            self.font_combo,
            self.timeline_check,
        ]
        self.format_combo.currentIndexChanged.connect(self._on_format_combo_changed)

    def _on_privileged_check_toggled(self, on: bool) -> None:
        self.privileged_warning.setText(
            "The chronology will carry the team's privileged notes (in Word marked PRIVILEGED, "
            "and headed as privileged). Do not send it to the other side."
            if on
            else ""
        )

    def choice(self, path: Path) -> ExportChoice:
        """The options as chosen, for ``path``."""
        where = self._shown_filter if self.filtered_check.isChecked() else EventFilter()
        if self.key_only_check.isChecked():
            where = EventFilter(**{**where.__dict__, "key_only": True})
        options = ExportOptions(
            paper=self.paper_combo.currentData(),
            landscape=self.orientation_combo.currentData(),
            columns=tuple(name for name, check in self.column_checks.items() if check.isChecked()),
            where=where,
            cast=self.cast_combo.currentData(),
            privileged=self.privileged_check.isChecked(),
            key_bold=self.bold_check.isChecked(),
            subtitle=self.subtitle_edit.text().strip(),
            font=self.font_combo.currentText(),
            timeline=self.timeline_check.isChecked() and self.kind() == "docx",
        )
        return ExportChoice(options, path, self.kind(), self.timeline_style_combo.currentData())

    def kind(self) -> str:
        """The format chosen: "docx", "csv" or "xlsx"."""
        return str(self.format_combo.currentData())

    def _on_format_combo_changed(self, _index: int) -> None:
        """Paper, columns, cast list, fonts and the picture belong to Word alone."""
        word = self.kind() == "docx"
        for widget in self._word_only:
            widget.setEnabled(word)
        self.timeline_style_combo.setEnabled(word and self.timeline_check.isChecked())
        self.column_checks["event"].setEnabled(False)  # the event is never left out

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        shown_filter: EventFilter,
        default_path: Path,
        count: Callable[[EventFilter], int],
    ) -> ExportChoice | None:
        """Show the dialog, then ask where to save; None if cancelled at either step.

        :param count: how many events a filter lets through; with none, the user is asked
            before choosing a file whether an empty chronology is wanted.
        """
        dialog = cls(shown_filter, default_path, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        where = dialog.choice(default_path).options.where
        if count(where) == 0 and not Messages.confirm(
            parent,
            (
                "This case has no events yet"
                if count(EventFilter()) == 0
                else "No event matches the filters chosen"
            )
            + ", so the chronology would have no "
            "events. Export it anyway?",
        ):
            return None
        kind = dialog.kind()
        suffix = f".{kind}"
        path, _ = QFileDialog.getSaveFileName(
            parent,
            "Export chronology",
            str(default_path) + suffix,
            f"{FORMATS[kind]}s (*{suffix})",
        )
        chosen = with_suffix(parent, path, suffix) if path else None
        return dialog.choice(chosen) if chosen is not None else None
