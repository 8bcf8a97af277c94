"""Case ▸ Compare with…: walk through two chronologies' differences and decide each one.

The comparison is made by ``core.services.compare``; this dialog only shows its items and
gathers a decision for each that is not agreed already: agree ours (O), take theirs (T), or
mark it disputed (D), each side's version then kept in its own words. "Make the agreed
chronology…" writes the result to a new case file; what is left undecided goes in as
disputed, in the category "Still open", and is listed.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.errors import UserError
from timeline_app.core.services.compare import (
    Agreed,
    Comparison,
    Decision,
    Entry,
    Item,
    Kind,
    agree,
)
from timeline_app.ui.dialogs.messages import Messages

_COLOURS = {
    Kind.AGREED: QColor("#e8f5e9"),
    Kind.DIFFER: QColor("#fff3e0"),
    Kind.ONLY_OURS: QColor("#e3f2fd"),
    Kind.ONLY_THEIRS: QColor("#fce4ec"),
}
_KIND_LABELS = {
    Kind.AGREED: "Agreed",
    Kind.DIFFER: "Differ",
    Kind.ONLY_OURS: "Only ours",
    Kind.ONLY_THEIRS: "Only theirs",
}
_OPEN = "— open —"
_CHOICES = {
    Kind.DIFFER: [
        (_OPEN, None),
        ("Agree ours", Decision.OURS),
        ("Take theirs", Decision.THEIRS),
        ("Disputed", Decision.DISPUTED),
    ],
    Kind.ONLY_OURS: [
        (_OPEN, None),
        ("Keep ours", Decision.OURS),
        ("Leave out", Decision.THEIRS),
        ("Disputed", Decision.DISPUTED),
    ],
    Kind.ONLY_THEIRS: [
        (_OPEN, None),
        ("Leave out", Decision.OURS),
        ("Take theirs", Decision.THEIRS),
        ("Disputed", Decision.DISPUTED),
    ],
}
_KEYS = {
    Qt.Key.Key_O: Decision.OURS,
    Qt.Key.Key_T: Decision.THEIRS,
    Qt.Key.Key_D: Decision.DISPUTED,
    Qt.Key.Key_Delete: None,
}
_COLUMNS = ("", "Ours", "Theirs", "Differs in", "Decision")
_DECISION = 4


class CompareDialog(QDialog):
    """The items of a comparison, one a row, each with its decision."""

    def __init__(
        self, comparison: Comparison, sides: tuple[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self.agreed: Agreed | None = None
        self.written: Path | None = None
        ours, theirs = comparison.ours.name, comparison.theirs.name
        self.setWindowTitle(f"Compare {ours} with {theirs}")
        self.resize(1280, 760)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.our_side_edit = QLineEdit(sides[0])
        self.their_side_edit = QLineEdit(sides[1])
        self.hide_agreed_check = QCheckBox("&Hide the events that agree")
        self.table = QTableWidget(len(comparison.items), len(_COLUMNS))
        self.table.setHorizontalHeaderLabels(
            ["", f"Ours ({ours})", f"Theirs ({theirs})", "Differs in", "Decision"]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self._combos: dict[int, QComboBox] = {}
        self._fill()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.make_button = self.buttons.addButton(
            "&Make the agreed chronology…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.rejected.connect(self.reject)
        self.make_button.clicked.connect(self._on_make_button_clicked)
        self.hide_agreed_check.toggled.connect(self._on_hide_agreed_check_toggled)
        self.table.installEventFilter(self)  # O, T, D and Delete decide the selected item

        sides_form = QFormLayout()
        sides_form.addRow("Our side's name in a dispute", self.our_side_edit)
        sides_form.addRow("Their side's name in a dispute", self.their_side_edit)
        top = QHBoxLayout()
        top.addLayout(sides_form)
        top.addStretch()
        top.addWidget(self.hide_agreed_check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(top)
        layout.addWidget(
            QLabel(
                "Decide each event that is not agreed: O agrees ours, T takes theirs, D marks "
                "it disputed (each side's version kept in its own words), Delete leaves it "
                "open. What is left open goes into the agreed case as disputed, in the "
                "category “Still open”."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._update_summary()

    # ---------------------------------------------------------------- filling

    def _fill(self) -> None:
        for row, item in enumerate(self.comparison.items):
            colour = _COLOURS[item.kind]
            cells = [
                _KIND_LABELS[item.kind],
                _side(item.ours, item.fields),
                _side(item.theirs, item.fields),
                ", ".join(item.fields),
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setBackground(colour)
                cell.setForeground(QColor("#000000"))
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
            if item.kind is Kind.AGREED:
                done = QTableWidgetItem("Agreed")
                done.setBackground(colour)
                done.setForeground(QColor("#000000"))
                self.table.setItem(row, _DECISION, done)
                continue
            combo = QComboBox()
            for label, decision in _CHOICES[item.kind]:
                combo.addItem(label, decision)
            combo.currentIndexChanged.connect(self._update_summary)
            self.table.setCellWidget(row, _DECISION, combo)
            self._combos[row] = combo
        self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the rows to their text once the columns have their widths."""
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def _update_summary(self, *_: object) -> None:
        counts = {kind: len(self.comparison.of(kind)) for kind in Kind}
        open_count = sum(1 for combo in self._combos.values() if combo.currentData() is None)
        self.summary_label.setText(
            f"<b>{escape(self.comparison.ours.name)}</b> and "
            f"<b>{escape(self.comparison.theirs.name)}</b>: {counts[Kind.AGREED]:,} agree, "
            f"{counts[Kind.DIFFER]:,} differ, {counts[Kind.ONLY_OURS]:,} only in ours, "
            f"{counts[Kind.ONLY_THEIRS]:,} only in theirs. "
            f"<b>{open_count:,} still to decide.</b>"
        )

    # ---------------------------------------------------------------- deciding

    def decisions(self) -> dict[int, Decision]:
        """The decision made for each item (by its index), leaving out the open ones."""
        return {
            row: Decision(combo.currentData())  # Qt hands the enum back as its text
            for row, combo in self._combos.items()
            if combo.currentData() is not None
        }

    def decide(self, row: int, decision: Decision | None) -> None:
        """Set the decision of one item (agreed items have none to make)."""
        combo = self._combos.get(row)
        if combo is not None:
            combo.setCurrentIndex(max(0, combo.findData(decision)))

    def decide_selected(self, decision: Decision | None) -> None:
        """Decide the selected item, then move to the next one still open."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].row()
        self.decide(row, decision)
        following = [
            r for r in sorted(self._combos) if r > row and self._combos[r].currentData() is None
        ]
        if following:
            self.table.selectRow(following[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """O, T, D and Delete in the table decide the selected item."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.decide_selected(_KEYS[event.key()])
                return True
        return super().eventFilter(watched, event)

    def item(self, row: int) -> Item:
        """The comparison's item on a row."""
        return self.comparison.items[row]

    def _on_hide_agreed_check_toggled(self, hidden: bool) -> None:
        for row, item in enumerate(self.comparison.items):
            self.table.setRowHidden(row, hidden and item.kind is Kind.AGREED)

    def reject(self) -> None:
        """Close (Esc, Close, the window's ×), asking first when decisions would be lost."""
        made = len(self.decisions())
        if (
            self.written is None
            and made
            and not Messages.confirm(
                self,
                f"Close the comparison and lose the {made:,} "
                f"{'decision' if made == 1 else 'decisions'} made? Nothing has been written "
                "yet: Make the agreed chronology… keeps them in a new case.",
            )
        ):
            return
        super().reject()

    # ---------------------------------------------------------------- the result

    def make_agreed(self, path: str | Path) -> Agreed | None:
        """Write the agreed chronology to a new case ``path``; None (and said) if refused."""
        sides = (
            self.our_side_edit.text().strip() or "Claimant",
            self.their_side_edit.text().strip() or "Defendant",
        )
        try:
            self.agreed = agree(self.comparison, self.decisions(), path, sides=sides)
        except UserError as error:
            Messages.user_error(self, error)
            return None
        self.written = Path(path)
        return self.agreed

    @classmethod
    def show_modal(cls, dialog: CompareDialog) -> bool:
        """Run the walk-through; True when an agreed chronology was written."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def ask_path(cls, parent: QWidget, default: str) -> str | None:
        """Where to write the agreed chronology (a new case file), or None."""
        path, _ = QFileDialog.getSaveFileName(
            parent, "The agreed chronology (a new case)", default, "Cases (*.case)"
        )
        if path and Path(path).suffix.lower() != ".case" and not Path(path).exists():
            path += ".case"
        return path or None

    def _on_make_button_clicked(self) -> None:
        default = str(Path.home() / f"Agreed {Path(self.comparison.ours.name).stem}.case")
        path = self.ask_path(self, default)
        if path is None:
            return
        agreed = self.make_agreed(path)
        if agreed is None:
            return
        still = "\n".join(f"• {line}" for line in agreed.still_open[:15])
        more = len(agreed.still_open) - 15
        Messages.notice(
            self,
            f"Wrote the agreed chronology to {path}: {agreed.events:,} events, "
            f"{agreed.disputed:,} of them disputed. "
            + (
                f"Still open ({len(agreed.still_open):,}, in the category “Still open”):\n{still}"
                + (f"\n… and {more:,} more" if more > 0 else "")
                if agreed.still_open
                else "Nothing is left open."
            ),
        )
        self.accept()


def _side(entry: Entry | None, fields: tuple[str, ...]) -> str:
    """One side's event in its words, with its people and references where those differ."""
    if entry is None:
        return "—"
    lines = [f"{entry.number}. {entry.in_words()}"]
    if "parties" in fields:
        lines.append("People: " + ("; ".join(entry.parties) or "none"))
    if "references" in fields:
        lines.append("References: " + ("; ".join(entry.references) or "none"))
    return "\n".join(lines)


def sides_of(parties: list[tuple[str, str]]) -> tuple[str, str]:
    """The two sides' names for disputes, from the case's first two parties' roles.

    A role's first word of a side ("Claimant / Defendant to Counterclaim" is the Claimant);
    Claimant and Defendant when the case does not say.
    """
    found = [
        word.capitalize()
        for _, role in parties
        for word in re.findall(r"[a-z]+", role.casefold())[:1]
        if word in _SIDE_WORDS
    ]
    if len(found) >= 2 and found[0] != found[1]:
        return found[0], found[1]
    return "Claimant", "Defendant"


_SIDE_WORDS = {"claimant", "defendant", "applicant", "respondent", "appellant", "petitioner"}
