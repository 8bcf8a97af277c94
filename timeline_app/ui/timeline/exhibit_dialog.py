"""The Export exhibit dialog: which events, the paper, the heading, then where to save."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.store import EventFilter
from timeline_app.ui.dialogs.save_as import with_suffix

FILE_TYPES = "PDF document (*.pdf);;SVG drawing (*.svg);;PNG picture (*.png)"


@dataclass(frozen=True)
class ExhibitChoice:
    """What the user chose: the events, the paper, the heading and the file."""

    where: EventFilter
    paper: str
    title: str
    path: Path


class ExhibitDialog(QDialog):
    """Gathers the exhibit's options; the window draws it and says what went wrong, if anything."""

    def __init__(self, shown_filter: EventFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export exhibit")
        self._shown = shown_filter
        self.key_radio = QRadioButton("&Key events only")
        self.shown_radio = QRadioButton("The events &shown in the window (its search and filters)")
        self.all_radio = QRadioButton("&All events")
        group = QButtonGroup(self)
        for radio in (self.key_radio, self.shown_radio, self.all_radio):
            group.addButton(radio)
        self.shown_radio.setEnabled(shown_filter != EventFilter())
        self.key_radio.setChecked(True)  # a hearing's exhibit shows what matters most
        self.paper_combo = QComboBox()
        self.paper_combo.addItem("A4 landscape", "a4")
        self.paper_combo.addItem("A3 landscape", "a3")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Chronology of key events")
        self.key_radio.toggled.connect(self._on_key_radio_toggled)
        note = QLabel(
            "One axis, each event in a callout with its whole title and its date as the "
            "chronology gives it; the undated events are listed under it."
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Events", self.key_radio)
        form.addRow("", self.shown_radio)
        form.addRow("", self.all_radio)
        form.addRow("&Paper", self.paper_combo)
        form.addRow("&Heading", self.title_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _on_key_radio_toggled(self, on: bool) -> None:
        self.title_edit.setPlaceholderText("Chronology of key events" if on else "Chronology")

    def where(self) -> EventFilter:
        """The events chosen."""
        if self.key_radio.isChecked():
            return EventFilter(key_only=True)
        if self.shown_radio.isChecked():
            return self._shown
        return EventFilter()

    def choice(self, path: Path) -> ExhibitChoice:
        """The options as chosen, for ``path``."""
        return ExhibitChoice(
            self.where(), self.paper_combo.currentData(), self.title_edit.text(), path
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, shown_filter: EventFilter, default_path: Path
    ) -> ExhibitChoice | None:
        """Show the dialog, then ask where to save; None if cancelled at either step."""
        dialog = cls(shown_filter, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        path, chosen = QFileDialog.getSaveFileName(
            parent, "Export exhibit", str(default_path.with_suffix(".pdf")), FILE_TYPES
        )
        if not path:
            return None
        if Path(path).suffix.lower() in (".pdf", ".svg", ".png"):
            return dialog.choice(Path(path))
        kind = chosen.lower()
        suffix = ".svg" if "svg" in kind else ".png" if "png" in kind else ".pdf"
        named = with_suffix(parent, path, suffix)
        return None if named is None else dialog.choice(named)
