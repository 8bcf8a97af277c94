"""Served versions in the window: mark an export as served, list them, export against one."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from timeline_app.ui.dialogs import export
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.dialogs.served import ServedVersionsDialog
from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def exporting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, object]:
    """The Export dialog as a user fills it: what ``chosen`` says, then the file ``target``."""
    chosen: dict[str, object] = {"served": "", "since": "", "target": tmp_path / "c.docx"}

    def run(dialog: export.ExportDialog) -> QDialog.DialogCode:
        if chosen["served"]:
            dialog.served_check.setChecked(True)
            dialog.served_edit.setText(str(chosen["served"]))
        if chosen["since"]:
            dialog.since_combo.setCurrentIndex(dialog.since_combo.findData(chosen["since"]))
        chosen["labels"] = [
            dialog.since_combo.itemData(i) for i in range(1, dialog.since_combo.count())
        ]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export.ExportDialog, "exec", run)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(chosen["target"]), ""))
    )
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, parent, question: True))
    return chosen


def test_mark_as_served_list_undo_and_export_against_it(
    window: MainWindow, exporting: dict[str, object], tmp_path: Path, shown_errors: list[str]
) -> None:
    exporting["served"] = "Served to the Defendant"
    window.export_action.trigger()
    assert "kept it as served: “Served to the Defendant”" in window.statusBar().currentMessage()
    assert [v.label for v in window.store.served_versions()] == ["Served to the Defendant"]
    assert window.undo_action.text() == "&Undo Mark as served 'Served to the Defendant'"
    # The same label again is refused before any file is written.
    exporting["target"] = tmp_path / "again.docx"
    window.export_action.trigger()
    assert "already served as “Served to the Defendant”" in shown_errors[-1]
    assert not (tmp_path / "again.docx").exists()
    # Undone, the version goes; redone, it comes back under its own id.
    window.undo_stack.undo()
    assert window.store.served_versions() == []
    window.undo_stack.redo()
    assert [v.id for v in window.store.served_versions()] == [1]
    # Changes since it: offered in the dialog, written as tracked changes.
    event = window.store.events()[0]
    window.store.delete_event(event.id)
    exporting.update(served="", since="Served to the Defendant", target=tmp_path / "since.docx")
    window.export_action.trigger()
    assert exporting["labels"] == ["Served to the Defendant"]
    with zipfile.ZipFile(tmp_path / "since.docx") as docx:
        body = docx.read("word/document.xml").decode()
    assert body.count("<w:trPr><w:cantSplit/><w:del ") == 1 and event.title in body


def test_the_served_versions_dialog_lists_label_date_who_and_events(
    window: MainWindow,
    exporting: dict[str, object],
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exporting["served"] = "First exchange"
    window.export_action.trigger()
    shown: list[ServedVersionsDialog] = []

    def show(cls: type, parent: object, versions: list) -> None:
        dialog = ServedVersionsDialog(versions, window)
        qtbot.addWidget(dialog)
        shown.append(dialog)

    monkeypatch.setattr(ServedVersionsDialog, "show_versions", classmethod(show))
    window.served_action.trigger()
    table = shown[0].table
    cells = [table.item(0, c).text() for c in range(4)]
    assert cells[0] == "First exchange" and cells[3] == "17"
    assert cells[2] == window.store.case_info().prepared_by
    shown[0].grab().save(str(tmp_path / "served.png"))
    assert (tmp_path / "served.png").stat().st_size > 1000


def test_with_no_version_served_the_dialog_says_how_to_mark_one(qtbot) -> None:
    dialog = ServedVersionsDialog([])
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and "tick “Mark as served”" in dialog.note.text()
