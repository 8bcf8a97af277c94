"""The Export dialog: what goes into the chronology (Word, PDF, CSV or Excel), and where."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.exporting import FORMATS, ExportOptions, with_preset
from timeline_app.core.exporting.presets import PRESETS, TITLES
from timeline_app.core.store import EventFilter
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.dialogs.save_as import with_suffix


def _today() -> str:
    today = dt.date.today()
    return f"{today.day} {today:%B %Y}"


@dataclass
class ExportChoice:
    """What the user chose: the options, the file, and its format ("docx", "csv", "xlsx")."""

    options: ExportOptions
    path: Path
    kind: str = "docx"
    """ "docx", "pdf", "csv" or "xlsx"."""
    timeline_style: str = "lanes"
    """The picture page: "lanes" (the timeline as shown) or "exhibit" (a courtroom exhibit)."""
    served: str = ""
    """Keep the chronology exported as served under this label; "" not to."""


class ExportDialog(QDialog):
    """Gathers the export options; the window does the export with a progress bar."""

    def __init__(
        self,
        shown_filter: EventFilter,
        default_path: Path,
        parent: QWidget | None = None,
        *,
        template: str = "",
        brackets: bool = False,
        served: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export chronology")
        self._shown_filter = shown_filter
        self._default_path = default_path
        self._brackets = brackets
        self.format_combo = QComboBox()
        for kind, name in FORMATS.items():
            self.format_combo.addItem(f"{name} (.{kind})", kind)
        self.preset_combo = QComboBox()
        self.preset_combo.addItem("None: choose below", "")
        for name, preset in PRESETS.items():
            self.preset_combo.addItem(preset.label, name)
        self.preset_combo.setToolTip(
            "Lays the chronology out as the court's rules and guide ask (paper, 3.5 cm margins, "
            "12 point, title, cast list), and says before export what the case lacks."
        )
        self.title_combo = QComboBox()
        self.title_combo.setEditable(True)  # any title the firm wants
        self.title_combo.addItems(list(TITLES.values()))
        self.version_edit = QLineEdit()
        self.version_edit.setPlaceholderText("e.g. Draft 3 (today's date is added)")
        self.template_edit = QLineEdit(template)
        self.template_edit.setPlaceholderText("none: Evidence Timeline's own styles")
        self.template_button = QPushButton("Choose…")
        self.template_button.clicked.connect(self._on_template_button_clicked)
        self.bundle_edit = QLineEdit()
        self.bundle_edit.setPlaceholderText(
            "the folder of A.pdf, B.pdf …: references link to pages"
        )
        self.bundle_button = QPushButton("Choose…")
        self.bundle_button.clicked.connect(self._on_bundle_button_clicked)
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
        self.since_combo = QComboBox()
        self.since_combo.addItem("Nothing: a plain chronology", "")
        for label in reversed(served):  # the latest first
            self.since_combo.addItem(label, label)
        self.since_combo.setToolTip(
            "Word only: what was added, removed, re-dated and reworded since the version served "
            "is shown as tracked changes, after a table that counts them."
        )
        self.served_check = QCheckBox("Mark as served, as")
        self.served_edit = QLineEdit()
        self.served_edit.setPlaceholderText(f"e.g. Served {_today()}")
        self.served_edit.setEnabled(False)
        self.served_check.setToolTip(
            "Keeps this chronology in the case as served, so that a later export can show "
            "what changed since (Case ▸ Served versions lists them)."
        )
        self.served_check.toggled.connect(self._on_served_check_toggled)
        served_row = QHBoxLayout()
        served_row.addWidget(self.served_check)
        served_row.addWidget(self.served_edit)
        columns = QHBoxLayout()
        for check in self.column_checks.values():
            columns.addWidget(check)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit)
        template_row.addWidget(self.template_button)
        bundle_row = QHBoxLayout()
        bundle_row.addWidget(self.bundle_edit)
        bundle_row.addWidget(self.bundle_button)
        form = QFormLayout()
        form.addRow("Format", self.format_combo)
        form.addRow("Court preset", self.preset_combo)
        form.addRow("Title", self.title_combo)
        form.addRow("Version", self.version_edit)
        form.addRow("House template", template_row)
        form.addRow("E-bundle folder", bundle_row)
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
        form.addRow("Show changes since", self.since_combo)
        form.addRow("Served", served_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._word_only = [
            self.preset_combo,
            self.title_combo,
            self.version_edit,
            self.template_edit,
            self.template_button,
            self.bundle_edit,
            self.bundle_button,
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
        self.preset_combo.currentIndexChanged.connect(self._on_preset_combo_changed)

    def _on_preset_combo_changed(self, _index: int) -> None:
        """Show what the preset sets; each can still be changed before export."""
        name = self.preset_combo.currentData()
        if not name:
            return
        preset = PRESETS[name]
        self.paper_combo.setCurrentIndex(self.paper_combo.findData(preset.paper))
        self.orientation_combo.setCurrentIndex(self.orientation_combo.findData(preset.landscape))
        self.font_combo.setCurrentText(preset.font)
        self.cast_combo.setCurrentIndex(self.cast_combo.findData(preset.cast))
        self.title_combo.setCurrentText(preset.title)

    def _on_template_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "House template", self.template_edit.text(), "Word templates (*.dotx *.docx)"
        )
        if path:
            self.template_edit.setText(path)

    def _on_bundle_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "E-bundle folder", self.bundle_edit.text())
        if folder:
            self.bundle_edit.setText(folder)

    def _on_served_check_toggled(self, on: bool) -> None:
        self.served_edit.setEnabled(on)
        if on and not self.served_edit.text().strip():
            self.served_edit.setText(f"Served {_today()}")
        if on:
            self.served_edit.setFocus()
            self.served_edit.selectAll()

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
        word = self.kind() in ("docx", "pdf")
        options = ExportOptions(where=where, privileged=self.privileged_check.isChecked())
        if word and self.preset_combo.currentData():
            options = with_preset(options, self.preset_combo.currentData())
        options = dataclasses.replace(
            options,
            paper=self.paper_combo.currentData(),
            landscape=self.orientation_combo.currentData(),
            columns=tuple(name for name, check in self.column_checks.items() if check.isChecked()),
            cast=self.cast_combo.currentData(),
            key_bold=self.bold_check.isChecked(),
            subtitle=self.subtitle_edit.text().strip(),
            font=self.font_combo.currentText(),
            timeline=self.timeline_check.isChecked() and word,
            title=self.title_combo.currentText().strip() or "CHRONOLOGY",
            version=self.version_edit.text().strip(),
            template=self.template_edit.text().strip() if word else "",
            bundle=self.bundle_edit.text().strip() if word else "",
            brackets=self._brackets,
            since=self.since_combo.currentData() if self.kind() == "docx" else "",
        )
        return ExportChoice(
            options,
            path,
            self.kind(),
            self.timeline_style_combo.currentData(),
            self.served_edit.text().strip() if self.served_check.isChecked() else "",
        )

    def remembered(self) -> dict[str, object]:
        """The choices worth offering again next time: the layout, never what is sensitive.

        Privileged notes, a served mark, the filters and "since" start afresh every time.
        """
        return {
            "format": self.kind(),
            "preset": self.preset_combo.currentData(),
            "title": self.title_combo.currentText(),
            "version": self.version_edit.text(),
            "paper": self.paper_combo.currentData(),
            "landscape": self.orientation_combo.currentData(),
            "columns": [name for name, check in self.column_checks.items() if check.isChecked()],
            "cast": self.cast_combo.currentData(),
            "bold": self.bold_check.isChecked(),
            "font": self.font_combo.currentText(),
            "timeline": self.timeline_check.isChecked(),
            "timeline_style": self.timeline_style_combo.currentData(),
            "bundle": self.bundle_edit.text(),
        }

    def recall(self, choices: dict[str, object]) -> None:
        """Offer the choices of the last export again (any that are not valid now are skipped)."""

        def pick(combo: QComboBox, value: object) -> None:
            if (index := combo.findData(value)) >= 0:
                combo.setCurrentIndex(index)

        pick(self.format_combo, choices.get("format"))
        pick(self.preset_combo, choices.get("preset"))  # first: it sets the layout below
        pick(self.paper_combo, choices.get("paper"))
        pick(self.orientation_combo, choices.get("landscape"))
        pick(self.cast_combo, choices.get("cast"))
        pick(self.timeline_style_combo, choices.get("timeline_style"))
        for combo, key in ((self.title_combo, "title"), (self.font_combo, "font")):
            if isinstance(value := choices.get(key), str) and value:
                combo.setCurrentText(value)
        for edit, key in ((self.version_edit, "version"), (self.bundle_edit, "bundle")):
            if isinstance(value := choices.get(key), str):
                edit.setText(value)
        if isinstance(columns := choices.get("columns"), list):
            for name, check in self.column_checks.items():
                check.setChecked(name == "event" or name in columns)
        for check, key in ((self.bold_check, "bold"), (self.timeline_check, "timeline")):
            if isinstance(value := choices.get(key), bool):
                check.setChecked(value)

    def kind(self) -> str:
        """The format chosen: "docx", "pdf", "csv" or "xlsx"."""
        return str(self.format_combo.currentData())

    def _on_format_combo_changed(self, _index: int) -> None:
        """Presets, paper, columns, cast list, fonts and the picture belong to Word and PDF."""
        word = self.kind() in ("docx", "pdf")
        for widget in self._word_only:
            widget.setEnabled(word)
        self.timeline_style_combo.setEnabled(word and self.timeline_check.isChecked())
        self.column_checks["event"].setEnabled(False)  # the event is never left out
        self.since_combo.setEnabled(self.kind() == "docx")  # tracked changes are Word's

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        shown_filter: EventFilter,
        default_path: Path,
        count: Callable[[EventFilter], int],
        *,
        template: str = "",
        brackets: bool = False,
        served: Sequence[str] = (),
        memory: QSettings | None = None,
    ) -> ExportChoice | None:
        """Show the dialog, then ask where to save; None if cancelled at either step.

        :param count: how many events a filter lets through; with none, the user is asked
            before choosing a file whether an empty chronology is wanted.
        :param served: the labels of the versions served, oldest first.
        :param memory: where the last export's choices are kept, to be offered again.
        """
        dialog = cls(
            shown_filter,
            default_path,
            parent,
            template=template,
            brackets=brackets,
            served=served,
        )
        if memory is not None:
            dialog.recall(_loaded(memory.value(_REMEMBERED, "")))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if memory is not None:
            memory.setValue(_REMEMBERED, json.dumps(dialog.remembered()))
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


_REMEMBERED = "export/last"


def _loaded(saved: object) -> dict[str, object]:
    """The last export's choices as kept in the settings; none if they cannot be read."""
    try:
        choices = json.loads(str(saved or "{}"))
    except ValueError:
        return {}
    return choices if isinstance(choices, dict) else {}
