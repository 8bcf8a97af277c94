"""The Merge events dialog: two events side by side, a choice for each field that differs.

It only gathers the choices; :class:`~timeline_app.core.services.merging.MergePlan` makes the
merged event and the window's undoable command saves it.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core import dates
from timeline_app.core.model import Event
from timeline_app.core.services.merging import JOINABLE, MergePlan
from timeline_app.core.store import CaseStore

LABELS = {
    "title": "Title",
    "date": "Date",
    "end": "End",
    "description": "Description",
    "category_id": "Category",
    "status": "Status",
    "key": "Key event",
    "versions": "Each side's case",
    "privileged_note": "Privileged note",
    "party_ids": "People",
    "sources": "References",
}
_WIDTH, _LINES = 48, 6  # a value on its button: wrapped, cut short; the tooltip has it all


class MergeDialog(QDialog):
    """Shows two events to merge; for each field that differs, which value to keep."""

    def __init__(
        self,
        store: CaseStore,
        plan: MergePlan,
        numbers: tuple[int | None, int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge events")
        self._plan = plan
        self._describe = _Describer(store)
        self.groups: dict[str, QButtonGroup] = {}
        """For each field that differs, its buttons: id 0 keeps the kept event's value, 1 the
        other's, 2 (for a text both events have) both."""
        kept, other = (f"No. {n}" if n else "the event" for n in numbers)
        intro = QLabel(
            f"The two events become one: {kept} (the older) stays, with the values chosen "
            f"below; {other} is deleted. The people and references of both are kept. Undo "
            "brings both back."
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, heading in ((1, f"{kept} (older: kept)"), (2, f"{other} (deleted)")):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        row = 1
        proposed = plan.proposed()
        for field in plan.differing:
            group = self.groups[field] = QButtonGroup(self)
            grid.addWidget(QLabel(LABELS[field]), row, 0, Qt.AlignmentFlag.AlignTop)
            for side, event in enumerate((plan.kept, plan.other)):
                button = _choice(self._describe.value(event, field))
                group.addButton(button, side)
                grid.addWidget(button, row, side + 1, Qt.AlignmentFlag.AlignTop)
            group.button(int(field in proposed)).setChecked(True)
            row += 1
            if field in JOINABLE and getattr(plan.kept, field) and getattr(plan.other, field):
                both = QRadioButton(f"Keep both, {kept}'s first")
                group.addButton(both, 2)
                grid.addWidget(both, row, 1, 1, 2)
                row += 1
        for field in ("party_ids", "sources"):
            grid.addWidget(QLabel(LABELS[field]), row, 0, Qt.AlignmentFlag.AlignTop)
            for side, event in enumerate((plan.kept, plan.other)):
                value = QLabel(self._describe.value(event, field))
                value.setWordWrap(True)
                grid.addWidget(value, row, side + 1)
            row += 1
        united = QLabel(
            "Both kept: "
            + " · ".join(
                f"{LABELS[f].lower()} {self._describe.value(plan.merged(()), f)}"
                for f in ("party_ids", "sources")
            )
        )
        united.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(united)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def taken(self) -> set[str]:
        """The fields whose value is to come from the other event."""
        return {field for field, group in self.groups.items() if group.checkedId() == 1}

    def joined(self) -> set[str]:
        """The texts of which both events' are to be kept."""
        return {field for field, group in self.groups.items() if group.checkedId() == 2}

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        store: CaseStore,
        plan: MergePlan,
        numbers: tuple[int | None, int | None],
    ) -> tuple[set[str], set[str]] | None:
        """Show the dialog: the fields to take from the other event, and those to join.

        None if cancelled.
        """
        dialog = cls(store, plan, numbers, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.taken(), dialog.joined()


def _choice(text: str) -> QRadioButton:
    """A button for one value, wrapped: up to six lines of it, all of it in the tooltip."""
    lines = textwrap.wrap(text, _WIDTH) or [""]
    if len(lines) > _LINES:
        lines = [*lines[: _LINES - 1], lines[_LINES - 1] + " …"]
    button = QRadioButton("\n".join(lines))
    button.setToolTip(text)
    return button


class _Describer:
    """A field's value in words: dates as the court writes them, names for ids."""

    def __init__(self, store: CaseStore) -> None:
        self._categories = {c.id: c.name for c in store.categories()}
        self._parties = {p.id: p.name for p in store.parties()}
        self._sources = {s.id: s for s in store.sources()}

    def value(self, event: Event, field: str) -> str:
        """What ``event`` holds in ``field`` ("(none)" when empty)."""
        value = getattr(event, field)
        if field in ("date", "end"):
            text = "" if value is None else dates.format(value)
        elif field == "category_id":
            text = self._categories.get(value, "")
        elif field == "status":
            text = value.label
        elif field == "key":
            text = "Key event" if value else "Not a key event"
        elif field == "versions":
            text = "\n".join(f"{side}: {case}" for side, case in value.items())
        elif field == "party_ids":
            text = "; ".join(self._parties.get(p, "?") for p in value)
        elif field == "sources":
            text = "; ".join(
                self._sources[link.source_id].cite(link.pinpoint)
                for link in value
                if link.source_id in self._sources
            )
        else:
            text = value
        return text or "(none)"
