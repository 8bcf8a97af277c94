"""The case properties: court heading, claim number, parties, who prepared it, date settings.

Also how the chronology is written: the firm's Word template, references in brackets.
"""

from __future__ import annotations

import dataclasses
import zoneinfo

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
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core import dates
from timeline_app.core.errors import UserError
from timeline_app.core.model import CaseInfo, CaseParty, DateOrder, Precision, is_time_zone
from timeline_app.core.services import chronology


class CasePropertiesDialog(QDialog):
    """Edits a :class:`CaseInfo`; OK only when the reference date reads as one day."""

    def __init__(self, info: CaseInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Case properties")
        self._info = info
        self.title_edit = QLineEdit(info.title)
        self.court_edit = QPlainTextEdit("\n".join(info.court_lines))
        self.court_edit.setPlaceholderText(
            "IN THE HIGH COURT OF JUSTICE\nBUSINESS AND PROPERTY COURTS OF ENGLAND AND WALES"
        )
        self.claim_edit = QLineEdit(info.claim_number)
        self.parties_edit = QPlainTextEdit("\n".join(f"{p.name} | {p.role}" for p in info.parties))
        self.parties_edit.setPlaceholderText(
            "SOPRA STERIA LIMITED | Claimant\nINTERSERVE LIMITED | Defendant"
        )
        self.prepared_edit = QLineEdit(info.prepared_by)
        self.reference_edit = QLineEdit(
            dates.format(dates.parse(info.reference_date.isoformat()))
            if info.reference_date
            else ""
        )
        self.reference_edit.setPlaceholderText("blank: today")
        self.reference_error = QLabel()
        self.reference_error.setStyleSheet("color: #c62828;")
        self.day_first = QRadioButton("Day first: 08/11/2018 is 8 November 2018 (UK)")
        self.month_first = QRadioButton("Month first: 08/11/2018 is 11 August 2018 (US)")
        (self.day_first if info.date_order is DateOrder.DMY else self.month_first).setChecked(True)
        self.time_zone_combo = QComboBox()
        self.time_zone_combo.setEditable(True)  # type to find one among hundreds
        self.time_zone_combo.addItems(sorted(zoneinfo.available_timezones() | {info.time_zone}))
        self.time_zone_combo.setCurrentText(info.time_zone)
        self.time_zone_combo.setToolTip(
            "Exact times (an email's sent time) are read into this time zone when imported, "
            "whatever the sender's; the sender's own offset is kept with each email."
        )
        self.time_zone_note = QLabel()
        self.time_zone_note.setWordWrap(True)
        self.time_zone_note.setVisible(False)
        self.time_zone_combo.currentTextChanged.connect(self._on_time_zone_changed)
        self.template_edit = QLineEdit(info.house_template)
        self.template_edit.setPlaceholderText("none: Evidence Timeline's own styles")
        self.template_edit.setToolTip(
            "The firm's Word template (.dotx or .docx): the chronology takes its styles, "
            "margins, headers and footers."
        )
        self.template_button = QPushButton("Choose…")
        self.template_button.clicked.connect(self._on_template_button_clicked)
        self.brackets_check = QCheckBox("Bundle references in square brackets: [B/12/345]")
        self.brackets_check.setChecked(info.reference_brackets)
        self.wording_check = QCheckBox("Point out words that may make an entry argumentative")
        self.wording_check.setChecked(info.wording_check)
        self.wording_check.setToolTip(
            "A hint in the editor and before export (“deliberately”, “admitted”, “clearly” …), "
            "each with a neutral alternative; never a block."
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Court heading", self.court_edit)
        form.addRow("C&laim number", self.claim_edit)
        form.addRow("&Parties (name | role)", self.parties_edit)
        form.addRow("Prepared &by", self.prepared_edit)
        form.addRow("&Reference date", self.reference_edit)
        form.addRow("Numeric dates", self.day_first)
        form.addRow("", self.month_first)
        form.addRow("Time &zone", self.time_zone_combo)
        form.addRow("", self.time_zone_note)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit)
        template_row.addWidget(self.template_button)
        template_label = QLabel("House &template")
        template_label.setBuddy(self.template_edit)  # a row of two has no buddy of its own
        form.addRow(template_label, template_row)
        form.addRow("References", self.brackets_check)
        form.addRow("Neutral &wording", self.wording_check)
        form.addRow("", self.reference_error)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def case_info(self) -> CaseInfo:
        """The properties as edited.

        :raises dates.DateError: the reference date is not one particular day, or the time
            zone is not one this computer knows.
        """
        time_zone = self.time_zone_combo.currentText().strip()
        if not is_time_zone(time_zone):
            raise dates.DateError(
                f"“{time_zone}” is not a time zone this computer knows; choose one from the "
                "list, such as Europe/London."
            )
        reference = None
        if self.reference_edit.text().strip():
            date = dates.parse(self.reference_edit.text())
            if date.precision is not Precision.DAY or date.earliest is None:
                raise dates.DateError("The reference date must be one particular day.")
            reference = date.earliest
        parties = []
        for line in self.parties_edit.toPlainText().splitlines():
            name, _, role = line.partition("|")
            if name.strip():
                parties.append(CaseParty(name.strip(), role.strip()))
        return dataclasses.replace(
            self._info,
            title=self.title_edit.text().strip() or "Untitled case",
            court_lines=[
                line.strip() for line in self.court_edit.toPlainText().splitlines() if line.strip()
            ],
            claim_number=self.claim_edit.text().strip(),
            parties=parties,
            prepared_by=self.prepared_edit.text().strip(),
            reference_date=reference,
            date_order=DateOrder.DMY if self.day_first.isChecked() else DateOrder.MDY,
            time_zone=time_zone,
            house_template=self.template_edit.text().strip(),
            reference_brackets=self.brackets_check.isChecked(),
            wording_check=self.wording_check.isChecked(),
        )

    def _on_time_zone_changed(self, text: str) -> None:
        """Say that a new time zone is for what is imported next, not what is there."""
        changed = text.strip() != self._info.time_zone
        self.time_zone_note.setText(
            f"Times already in the case stay as they were read, in {self._info.time_zone}; "
            f"emails imported from now on are read in {text.strip()}."
            if changed
            else ""
        )
        self.time_zone_note.setVisible(changed)

    def _on_template_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "House template", self.template_edit.text(), "Word templates (*.dotx *.docx)"
        )
        if path:
            self.template_edit.setText(path)

    def accept(self) -> None:
        try:
            info = self.case_info()
            if info.house_template and info.house_template != self._info.house_template:
                chronology.check_template(info.house_template)  # now, not at the next export
        except (dates.DateError, UserError) as error:
            self.reference_error.setText(str(error))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, info: CaseInfo) -> CaseInfo | None:
        """Show the dialog; the edited properties, or None if cancelled."""
        dialog = cls(info, parent)
        return dialog.case_info() if dialog.exec() == QDialog.DialogCode.Accepted else None
