"""Case ▸ Compare with…: the walk-through in a real window, decided by keys, to an agreed case."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.core.services.test_compare import make_two_versions
from timeline_app.core import dates
from timeline_app.core.model import Event, Status
from timeline_app.core.services.compare import OPEN_CATEGORY, Decision, Kind
from timeline_app.core.store import CaseStore
from timeline_app.ui.dialogs.comparing import CompareDialog
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.main_window import MainWindow

SCREENSHOT = os.environ.get("EVIDENCE_TIMELINE_SCREENSHOT")  # a path: save the walk-through


@pytest.fixture
def two_versions(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    (tmp_path / "sides").mkdir()
    return make_two_versions(tmp_path / "sides")


@pytest.mark.qt_log_ignore("propagateSizeHints")  # a dialog shown on the offscreen platform
def test_walking_through_a_comparison_makes_an_agreed_case(
    window: MainWindow, qtbot, two_versions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs, changed = two_versions
    assert window.open_case(ours)
    out = tmp_path / "agreed.case"
    seen: dict[str, object] = {}

    def walk_through(cls: type, dialog: CompareDialog) -> bool:
        dialog.show()
        qtbot.waitExposed(dialog)
        rows = {
            (item.ours or item.theirs).title: row  # type: ignore[union-attr]
            for row, item in enumerate(dialog.comparison.items)
        }
        dialog.table.setFocus()
        dialog.table.selectRow(rows[changed["re-dated"]])
        qtbot.keyClick(dialog.table, Qt.Key.Key_T)  # take theirs
        dialog.table.selectRow(rows[changed["reworded"]])
        qtbot.keyClick(dialog.table, Qt.Key.Key_D)  # disputed
        dialog.table.selectRow(rows[changed["removed"]])
        qtbot.keyClick(dialog.table, Qt.Key.Key_O)  # keep ours
        seen["decisions"] = dialog.decisions()
        seen["summary"] = dialog.summary_label.text()
        if SCREENSHOT:
            dialog.hide_agreed_check.setChecked(True)
            dialog.table.selectRow(rows[changed["reworded"]])
            qtbot.wait(100)
            dialog.grab().save(SCREENSHOT)
        monkeypatch.setattr(CompareDialog, "ask_path", classmethod(lambda c, p, d: str(out)))
        dialog.make_button.click()
        return dialog.result() == CompareDialog.DialogCode.Accepted

    monkeypatch.setattr(CompareDialog, "show_modal", classmethod(walk_through))
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, parent, question: False))
    dialog = window.compare_chronology(theirs)
    assert dialog is not None and dialog.written == out
    assert sorted(seen["decisions"].values()) == sorted(  # type: ignore[union-attr]
        [Decision.THEIRS, Decision.DISPUTED, Decision.OURS]
    )
    assert "4 still to decide" in str(seen["summary"])
    assert "Wrote the agreed chronology" in window.statusBar().currentMessage()
    assert dialog.agreed is not None and len(dialog.agreed.still_open) == 4
    with CaseStore.open(out, read_only=True) as store:
        events = {e.title: e for e in store.events()}
        assert events[changed["reworded"]].status is Status.DISPUTED
        assert set(events[changed["reworded"]].versions) == {"Claimant", "Defendant"}
        assert changed["removed"] in events
        open_id = next(c.id for c in store.categories() if c.name == OPEN_CATEGORY)
        assert sum(e.category_id == open_id for e in events.values()) == 4
    kinds = [item.kind for item in dialog.comparison.items]
    assert kinds.count(Kind.AGREED) == 11


def test_their_file_that_cannot_be_read_is_said(
    window: MainWindow, tmp_path: Path, shown_errors
) -> None:
    bad = tmp_path / "theirs.docx"
    bad.write_bytes(b"not a word file")
    assert window.compare_chronology(bad) is None
    assert shown_errors and "theirs.docx" in shown_errors[-1]


def test_the_editor_hints_at_argumentative_words_unless_switched_off(
    window: MainWindow, qtbot
) -> None:
    assert window.store is not None
    window.store.add_event(
        Event("Defendant deliberately ignored the letter", dates.parse("1 May 2020"))
    )
    window.reload()
    event = next(e for e in window.store.events() if e.title.startswith("Defendant deliberately"))
    window.select_event(event.id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.title_edit.text() == event.title, timeout=2000)
    assert editor.wording_hint.isVisibleTo(window)
    assert "“deliberately” blames" in editor.wording_hint.text()
    editor.title_edit.setText("Defendant did not reply to the letter")
    assert not editor.wording_hint.isVisibleTo(window)
    editor.title_edit.setText(event.title)
    info = dataclasses.replace(window.store.case_info(), wording_check=False)
    window.store.update_case_info(info)
    window.reload()
    window.select_event(event.id)
    qtbot.waitUntil(lambda: editor.title_edit.text() == event.title, timeout=2000)
    assert not editor.wording_hint.isVisibleTo(window)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # a dialog shown on the offscreen platform
def test_closing_the_walk_through_asks_before_decisions_are_lost(
    qtbot, two_versions, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core.services.compare import compare_files

    ours, theirs, _ = two_versions
    dialog = CompareDialog(compare_files(ours, theirs), ("Claimant", "Defendant"))
    qtbot.addWidget(dialog)
    asked: list[str] = []
    answer = [False]

    def confirm(cls, parent, question: str) -> bool:
        asked.append(question)
        return answer[0]

    monkeypatch.setattr(Messages, "confirm", classmethod(confirm))
    dialog.show()
    dialog.reject()  # nothing decided: closes without asking
    assert not asked and not dialog.isVisible()
    dialog.show()
    row = next(r for r, item in enumerate(dialog.comparison.items) if item.kind is Kind.DIFFER)
    dialog.decide(row, Decision.DISPUTED)
    dialog.reject()
    assert asked[-1].startswith("Close the comparison and lose the 1 decision made?")
    assert dialog.isVisible()  # the user said no: still there, the decision kept
    assert dialog.decisions() == {row: Decision.DISPUTED}
    answer[0] = True
    dialog.reject()
    assert not dialog.isVisible()
