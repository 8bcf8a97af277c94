"""The main window driven through its widgets, offscreen, on a real case file."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from timeline_app.core.model import Category, Event, FuzzyDate, Status
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.ui import main_window as main_window_module
from timeline_app.ui.application import settings_for
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.models import EventTableModel


def titles(win: MainWindow) -> list[str]:
    assert win.model is not None
    return [win.model.event_at(row).title for row in range(win.model.rowCount())]


def select_title(win: MainWindow, title: str) -> Event:
    """Select an event's row as a click does (not selectRow(): it obeys held keys, and a
    key test's Ctrl can stay reported as held)."""
    event = win.model.event_at(titles(win).index(title))  # type: ignore[union-attr]
    win.select_event(event.id)
    return event


def test_the_window_shows_the_case_in_court_order(window: MainWindow) -> None:
    assert window.windowTitle().startswith("Sopra Steria v Interserve")
    date_width = window.table.horizontalHeader().sectionSize(EventTableModel.COL_DATE)
    assert date_width > window.table.fontMetrics().horizontalAdvance(
        "On or about 12 September 2018"
    )
    assert window.count_label.text() == "showing 17 of 17 events"
    model = window.model
    assert model is not None
    assert model.data(model.index(0, EventTableModel.COL_DATE)) == "2016"
    assert model.data(model.index(5, EventTableModel.COL_DATE)) == "8 November 2018"
    assert model.data(model.index(16, EventTableModel.COL_DATE)) == "Undated"
    assert model.data(model.index(5, EventTableModel.COL_REFERENCES)) == "B/2; A/2"


def test_add_an_event_through_the_editor(window: MainWindow, qtbot) -> None:
    window.add_action.trigger()
    editor = window.editor
    assert editor.event is None
    qtbot.keyClicks(editor.date_edit, "on or about 4 June 2018")
    assert "approximately" in editor.date_preview.text()
    qtbot.keyClicks(editor.title_edit, "Managing directors meet")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData(Status.DISPUTED))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert window.count_label.text() == "showing 18 of 18 events"
    assert window.selected_events()[0].title == "Managing directors meet"
    assert window.store.events()[4].date.text == "on or about 4 June 2018"
    assert window.undo_action.text() == "&Undo Add event 'Managing directors meet'"


def test_edit_then_undo_and_redo_in_a_chain(window: MainWindow, qtbot) -> None:
    event = select_title(window, "SharePoint server problems")
    editor = window.editor
    assert editor.event.id == event.id
    editor.title_edit.setText("SharePoint server outages")
    editor.save()
    assert window.statusBar().currentMessage() == "Saved “SharePoint server outages”"
    select_title(window, "IT Health Check failed")
    window.key_action.trigger()  # unmark: it was a key event
    assert not window.store.get_event(window.selected_events()[0].id).key
    assert window.undo_action.text() == "&Undo Unmark key event"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert "SharePoint server problems" in titles(window)
    assert window.store.get_event(event.id).title == "SharePoint server problems"
    window.redo_action.trigger()
    assert window.store.get_event(event.id).title == "SharePoint server outages"
    assert window.undo_action.text() == "&Undo Edit event 'SharePoint server problems'"


def test_delete_and_undo_keep_the_same_record(window: MainWindow) -> None:
    event = select_title(window, "IT Health Check failed")
    window.delete_action.trigger()
    assert "IT Health Check failed" not in titles(window)
    assert window.statusBar().currentMessage() == "Deleted 1 event; Ctrl+Z brings it back."
    window.undo_action.trigger()
    restored = window.store.get_event(event.id)
    assert restored is not None and restored.party_ids == event.party_ids
    assert window.statusBar().currentMessage() == "Undone: Delete event 'IT Health Check failed'"
    window.redo_action.trigger()
    assert window.statusBar().currentMessage() == "Redone: Delete event 'IT Health Check failed'"


def test_filters_and_the_count(window: MainWindow, qtbot) -> None:
    window.search_edit.setText("sharepoint")
    qtbot.waitUntil(lambda: window.count_label.text() == "showing 1 of 17 events")
    window.search_edit.clear()
    window.key_filter.setChecked(True)
    qtbot.waitUntil(lambda: window.count_label.text() == "showing 7 of 17 events")
    window.key_filter.setChecked(False)
    window.status_filter.setCurrentIndex(window.status_filter.findData(Status.DISPUTED))
    qtbot.waitUntil(lambda: window.count_label.text() == "showing 3 of 17 events")
    window.status_filter.setCurrentIndex(0)
    window.from_edit.setText("2018")
    window.to_edit.setText("October 2018")
    window.to_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: window.count_label.text() == "showing 3 of 17 events")
    assert titles(window)[0].startswith("Rehabilitation plans")
    window.to_edit.setText("rubbish")
    window.to_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: "rubbish" in window.to_edit.toolTip())
    assert "#c62828" in window.to_edit.styleSheet()
    assert "The list still shows the last window" in window.statusBar().currentMessage()
    assert window.count_label.text() == "showing 3 of 17 events"
    window.to_edit.clear()
    window.to_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: window.count_label.text() == "showing 5 of 17 events")
    assert (window.to_edit.styleSheet(), window.statusBar().currentMessage()) == ("", "")


def test_a_date_window_the_command_line_refuses_is_marked_not_ignored(
    window: MainWindow, qtbot
) -> None:
    window.from_edit.setText("before 2015")  # no start of its own: not "from the beginning"
    window.from_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: "#c62828" in window.from_edit.styleSheet())
    assert "has no start" in window.from_edit.toolTip()
    assert window.count_label.text() == "showing 17 of 17 events"
    window.from_edit.setText("2019")
    window.to_edit.setText("2017")
    window.to_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: "#c62828" in window.to_edit.styleSheet())
    assert window.from_edit.styleSheet() == ""
    assert "before it starts" in window.statusBar().currentMessage()
    assert window.count_label.text() == "showing 17 of 17 events"


def test_reorder_events_that_share_a_date(window: MainWindow) -> None:
    select_title(window, "Sopra Steria press release describes the scope of the IT support")
    window.up_action.trigger()
    assert titles(window)[:2] == [
        "Sopra Steria press release describes the scope of the IT support",
        "Interserve partners with Sopra Steria for IT support",
    ]
    window.undo_action.trigger()
    assert titles(window)[0] == "Interserve partners with Sopra Steria for IT support"


def test_a_bad_date_keeps_the_editor_open_and_saves_nothing(
    window: MainWindow, shown_errors: list[str]
) -> None:
    event = select_title(window, "SharePoint server problems")
    editor = window.editor
    editor.date_edit.setText("31 February 2018")
    editor.title_edit.setText("Changed title that must not be saved")
    assert not editor.save()
    assert "There is no 31 February 2018" in editor.date_preview.text()
    assert window.store.get_event(event.id).title == "SharePoint server problems"
    assert editor.is_modified()
    assert window.undo_stack.count() == 0


def test_an_end_before_the_date_is_refused_beside_the_end(window: MainWindow) -> None:
    event = select_title(window, "SharePoint server problems")
    editor = window.editor
    editor.date_edit.setText("1 May 2019")
    editor.end_edit.setText("1 January 2019")
    assert not editor.save()
    assert editor.end_preview.text() == "⚠ The end is before the date; check both."
    assert window.store.get_event(event.id).end is None
    editor.end_edit.setText("May 2019")  # the same month: it may end that day or later
    assert editor.save()
    assert window.store.get_event(event.id).end.text == "May 2019"
    for start, end in (
        ("14:30 on 1 May 2019", "1 May 2019"),  # the same day
        ("before May 2019", "1 January 2019"),
    ):  # an open start
        editor.date_edit.setText(start)
        editor.end_edit.setText(end)
        assert editor.save(), (start, end)


def test_moving_away_saves_the_edit_so_no_typing_is_lost(window: MainWindow) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.description_edit.setPlainText("Typed, then the user clicked elsewhere.")
    select_title(window, "IT Health Check failed")
    assert window.store.get_event(event.id).description == "Typed, then the user clicked elsewhere."


def test_a_long_title_shows_its_beginning_in_the_editor(window: MainWindow) -> None:
    event = select_title(
        window, "Root Cause Analysis report: 25 critical and 55 high risk security breaches"
    )
    assert window.editor.title_edit.text() == event.title
    assert window.editor.title_edit.cursorPosition() == 0
    assert not window.editor.is_modified()


def test_another_copy_changes_the_file_and_the_window_reloads(
    window: MainWindow, demo_path: Path, qtbot
) -> None:
    select_title(window, "SharePoint server problems")
    with CaseStore.open(demo_path) as other:
        other.add_event(Event("Added in the other copy"))
    qtbot.waitUntil(lambda: "Added in the other copy" in titles(window), timeout=2500)
    assert window.selected_events()[0].title == "SharePoint server problems"


def colleague_edits(demo_path: Path, event_id: int, **changes: object) -> Event:
    """A colleague ("alice", through a second connection to the file) saves changes to an event."""
    with CaseStore.open(demo_path) as other:
        other.user = "alice"
        return other.update_event(dataclasses.replace(other.get_event(event_id), **changes))


def test_a_refused_save_keeps_the_colleagues_changes_and_saves_mine_on_top(
    window: MainWindow, demo_path: Path, shown_errors: list[str]
) -> None:
    event = select_title(window, "SharePoint server problems")  # Service failures
    window.editor.title_edit.setText("SharePoint server outages")
    security = next(c for c in window.store.categories() if c.name == "Security")
    colleague_edits(
        demo_path, event.id, description="The server failed twice.", category_id=security.id
    )
    window.editor.save()
    # Refused: nothing of mine is written, and the window says so, shortly.
    stored = window.store.get_event(event.id)
    assert (stored.title, stored.description) == (event.title, "The server failed twice.")
    assert shown_errors == [
        "alice changed this event after you opened it, so your change was not saved yet. "
        "Nothing you typed is lost: the editor shows their changes with yours on top. Check "
        "them, then save again."
    ]
    # The panel lists their changes, and the fields hold theirs with mine on top.
    editor = window.editor
    assert editor.conflict_notice.isVisibleTo(editor)
    assert editor.conflict_notice.text() == (
        "Not saved yet: alice changed this event after you opened it.\n"
        "Their changes, now in the fields below with yours on top:\n"
        "• Description: “Problems with a SharePoint server.” → “The server failed twice.” "
        "(by alice)\n"
        "• Category: Service failures → Security (by alice)\n"
        "Save to put your changes on top of theirs; Revert to show their version."
    )
    assert editor.marked_fields() == []
    assert editor.title_edit.text() == "SharePoint server outages"
    assert editor.description_edit.toPlainText() == "The server failed twice."
    assert editor.category_combo.currentText() == "Security"
    assert editor.is_modified()
    # Save again: their description and category, and my title.
    assert editor.save()
    stored = window.store.get_event(event.id)
    assert (stored.title, stored.description, stored.category_id) == (
        "SharePoint server outages",
        "The server failed twice.",
        security.id,
    )
    assert stored.versions == event.versions and stored.sources == event.sources
    assert not editor.conflict_notice.isVisibleTo(editor) and not editor.is_modified()
    # Undo takes back my change only: their version comes back, not the one I had opened.
    window.undo_action.trigger()
    stored = window.store.get_event(event.id)
    assert (stored.title, stored.description) == (event.title, "The server failed twice.")


def test_both_changed_the_title_the_notice_says_so_and_save_writes_mine(
    window: MainWindow, demo_path: Path
) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.title_edit.setText("My edit")
    colleague_edits(demo_path, event.id, title="Their edit")
    window.editor.save()
    editor = window.editor
    assert (
        "• Title: “SharePoint server problems” → “Their edit” (by alice) — you changed it too, "
        "to “My edit”: yours is kept\n"
        "You both changed the fields marked in orange: yours is kept there.\n"
    ) in editor.conflict_notice.text()
    assert editor.marked_fields() == ["title"]
    assert "→ “Their edit”" in editor.title_edit.toolTip()
    assert "Their edit" in titles(window)  # the table shows what is stored
    assert editor.title_edit.text() == "My edit" and editor.is_modified()
    assert editor.save()
    assert window.store.get_event(event.id).title == "My edit"
    assert editor.marked_fields() == [] and editor.title_edit.toolTip() == ""


def test_revert_after_a_refused_save_shows_their_version(
    window: MainWindow, demo_path: Path
) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.title_edit.setText("My edit")
    colleague_edits(demo_path, event.id, key=True, title="Their edit")
    window.editor.save()
    window.editor.revert()
    editor = window.editor
    assert (editor.title_edit.text(), editor.key_check.isChecked()) == ("Their edit", True)
    assert not editor.is_modified() and not editor.conflict_notice.isVisibleTo(editor)
    assert editor.marked_fields() == []


def test_a_second_change_by_the_colleague_is_merged_the_same_way(
    window: MainWindow, demo_path: Path
) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.title_edit.setText("My edit")
    colleague_edits(demo_path, event.id, description="Their first change.")
    window.editor.save()
    colleague_edits(demo_path, event.id, key=True)
    window.editor.save()  # refused again: their second change is kept too
    assert "• Key event: no → yes (by alice)" in window.editor.conflict_notice.text()
    assert window.editor.save()
    stored = window.store.get_event(event.id)
    assert (stored.title, stored.description, stored.key) == (
        "My edit",
        "Their first change.",
        True,
    )


def test_a_colleague_who_made_the_same_change_leaves_nothing_to_save(
    window: MainWindow, demo_path: Path
) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.key_check.setChecked(True)
    colleague_edits(demo_path, event.id, key=True)
    window.editor.save()
    text = window.editor.conflict_notice.text()
    assert "• Key event: no → yes (by alice) — the same as your change" in text
    assert text.endswith("Their version already has your changes: there is nothing more to save.")
    assert not window.editor.is_modified()


def test_moving_away_after_a_colleagues_change_keeps_the_typing_and_the_row(
    window: MainWindow, demo_path: Path
) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.description_edit.setPlainText("Typed, then the user clicked elsewhere.")
    colleague_edits(demo_path, event.id, status=Status.AGREED)
    select_title(window, "IT Health Check failed")  # saving first is refused: stay put
    assert [e.id for e in window.selected_events()] == [event.id]
    assert window.editor.event.id == event.id
    assert "• Status: Disputed → Agreed (by alice)" in window.editor.conflict_notice.text()
    select_title(window, "IT Health Check failed")  # now it saves, and moves
    stored = window.store.get_event(event.id)
    assert (stored.description, stored.status) == (
        "Typed, then the user clicked elsewhere.",
        Status.AGREED,
    )
    assert window.editor.event.title == "IT Health Check failed"


def test_managers_are_undoable(window: MainWindow) -> None:
    from timeline_app.ui.commands import AddRecordCommand, DeleteRecordCommand

    store = window.store
    window.push(AddRecordCommand(store, Category("Witnesses", "#00838f"), window.report))
    assert "Witnesses" in {c.name for c in store.categories()}
    security = next(c for c in store.categories() if c.name == "Security")
    window.push(DeleteRecordCommand(store, security, window.report))
    assert window.undo_action.text() == "&Undo Delete category 'Security'"
    window.undo_action.trigger()
    health = next(e for e in store.events() if e.title == "IT Health Check failed")
    assert health.category_id == security.id


def test_the_models_pass_qtmodeltester(window: MainWindow, qtmodeltester) -> None:
    qtmodeltester.check(window.model, force_py=True)


def test_a_second_window_on_a_read_only_copy_cannot_change_it(
    qtbot, tmp_path: Path, demo_path: Path, make_read_only, shown_errors: list[str]
) -> None:
    make_read_only(demo_path)
    win = MainWindow(settings_for(str(tmp_path / "other-home")), str(tmp_path / "other-home"))
    qtbot.addWidget(win)
    assert win.open_case(demo_path)
    assert "[read-only]" in win.windowTitle()
    assert not win.add_action.isEnabled() and not win.editor.isEnabled()
    win.close()


def test_open_reports_a_foreign_file_and_keeps_the_case(
    window: MainWindow, tmp_path: Path, shown_errors: list[str]
) -> None:
    foreign = tmp_path / "notes.case"
    foreign.write_text("not a case")
    assert not window.open_case(foreign)
    assert "not an Evidence Timeline case file" in shown_errors[-1]
    assert window.count_label.text() == "showing 17 of 17 events"


def test_new_case_and_save_a_copy(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy.case"
    monkeypatch.setattr(
        main_window_module.FileDialogs,
        "new_case",
        classmethod(lambda cls, parent, title="", folder="": str(copy)),
    )
    window.save_copy_action.trigger()
    with CaseStore.open(copy) as opened:
        assert opened.count_events() == 17
    fresh = tmp_path / "fresh"
    monkeypatch.setattr(
        main_window_module.FileDialogs,
        "new_case",
        classmethod(lambda cls, parent, title="", folder="": str(fresh) + ".case"),
    )
    window.new_action.trigger()
    assert window.windowTitle().startswith("fresh")
    assert window.count_label.text() == "showing 0 of 0 events"


def test_deleting_an_event_already_deleted_elsewhere_is_told_not_raised(
    window: MainWindow, demo_path: Path, shown_errors: list[str]
) -> None:
    event = select_title(window, "IT Health Check failed")
    with CaseStore.open(demo_path) as other:  # another copy deletes it first
        other.delete_event(event.id)
    window.delete_action.trigger()  # the store refuses: a UserError inside the command
    assert len(shown_errors) == 1 and "already been deleted" in shown_errors[0]
    assert window.undo_stack.count() == 0  # nothing half-done to undo
    assert not window.undo_action.isEnabled()
    assert "IT Health Check failed" not in titles(window)  # the window reloaded
    assert window.count_label.text() == "showing 16 of 16 events"


def test_the_column_layout_and_recent_cases_are_remembered(
    qtbot, tmp_path: Path, demo_path: Path, shown_errors: list[str]
) -> None:
    home = str(tmp_path / "layout-home")
    first = MainWindow(settings_for(home), home)
    qtbot.addWidget(first)
    assert first.open_case(demo_path)
    first.table.horizontalHeader().setSectionHidden(EventTableModel.COL_PARTIES, True)
    first.table.horizontalHeader().resizeSection(EventTableModel.COL_EVENT, 420)
    first.close()
    second = MainWindow(settings_for(home), home)
    qtbot.addWidget(second)
    assert second.open_case(demo_path)
    header = second.table.horizontalHeader()
    assert header.isSectionHidden(EventTableModel.COL_PARTIES)
    assert header.sectionSize(EventTableModel.COL_EVENT) == 420
    assert [a.statusTip() for a in second.recent_menu.actions()] == [str(demo_path.resolve())]
    second.close()


def test_an_unexpected_error_is_logged_and_told_once(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    from timeline_app.ui.application import _BugReporter

    told: list[str] = []
    monkeypatch.setattr(Messages, "bug", classmethod(lambda cls, parent, path: told.append(path)))
    reporter = _BugReporter(None)
    for _ in range(2):
        try:
            raise RuntimeError("a bug of ours")
        except RuntimeError as error:
            reporter(type(error), error, error.__traceback__)
    assert len(told) == 1
    assert "a bug of ours" in caplog.text
    assert window.store.count_events() == 17


# ---------------------------------------------------------------- found by a user's trial


def test_two_edits_then_two_undos(window: MainWindow) -> None:
    event = select_title(window, "SharePoint server problems")
    for title in ("SharePoint A", "SharePoint B"):
        window.editor.title_edit.setText(title)
        assert window.editor.save()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.store.get_event(event.id).title == "SharePoint server problems"
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert window.store.get_event(event.id).title == "SharePoint B"


def test_undo_refuses_to_revert_another_windows_change(
    window: MainWindow, demo_path: Path, shown_errors: list[str]
) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.title_edit.setText("Mine")
    window.editor.save()
    with CaseStore.open(demo_path) as other:
        theirs = other.get_event(event.id)
        theirs.description = "Their change"
        other.update_event(theirs)
    window.undo_action.trigger()
    assert "cannot be undone" in shown_errors[-1]
    assert window.store.get_event(event.id).description == "Their change"


def test_ctrl_s_keeps_the_event_selected(window: MainWindow, qtbot) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.title_edit.setFocus()
    window.editor.title_edit.setText("Saved with the keyboard")
    qtbot.keyClick(window.editor.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.store.get_event(event.id).title == "Saved with the keyboard"
    assert [e.id for e in window.selected_events()] == [event.id]
    assert window.editor.event.id == event.id


def test_ctrl_z_after_ctrl_s_undoes_the_save_not_nothing(window: MainWindow, qtbot) -> None:
    event = select_title(window, "SharePoint server problems")
    title = window.editor.title_edit
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " (typed)")
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == "SharePoint server problems"  # the field's own typing first
    title.end(False)
    qtbot.keyClicks(title, " (saved)")
    qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.store.get_event(event.id).title == "SharePoint server problems (saved)"
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.get_event(event.id).title == "SharePoint server problems"
    qtbot.keyClick(
        title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.store.get_event(event.id).title == "SharePoint server problems (saved)"
    # With unsaved typing elsewhere, a field with nothing to undo keeps Ctrl+Z to itself:
    # the window's Undo would change the saved event under the typing.
    window.editor.description_edit.setPlainText("Typed, not saved")
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.get_event(event.id).title == "SharePoint server problems (saved)"
    assert window.editor.description_edit.toPlainText() == "Typed, not saved"


def test_tab_leaves_the_table_and_the_timeline(window: MainWindow, qtbot) -> None:
    window.activateWindow()
    select_title(window, "SharePoint server problems")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.table
    timeline = window.timeline
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_End)
    qtbot.keyClick(timeline, Qt.Key.Key_Tab)  # past the last event: on to the next control
    assert QApplication.focusWidget() is not timeline


def test_a_new_event_saved_by_moving_away_leaves_the_chosen_row_in_the_editor(
    window: MainWindow,
) -> None:
    window.add_action.trigger()
    window.editor.date_edit.setText("8 November 2018")
    window.editor.title_edit.setText("Typed, then clicked away")
    chosen = window.model.event_at(titles(window).index("IT Health Check failed"))
    select_title(window, "IT Health Check failed")
    assert "Typed, then clicked away" in titles(window)
    assert [e.id for e in window.selected_events()] == [chosen.id]
    assert window.editor.event.id == chosen.id


def test_saving_keeps_the_order_of_the_people(window: MainWindow) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.description_edit.setPlainText("Only the description changes.")
    window.editor.save()
    saved = window.store.get_event(event.id)
    assert saved.party_ids == event.party_ids
    assert "parties" not in {
        c.field for c in window.store.changes(entity_id=event.id) if c.action == "update"
    }


def test_numbers_do_not_change_when_the_table_is_filtered(window: MainWindow, qtbot) -> None:
    model = window.model
    assert model.data(model.index(2, EventTableModel.COL_NO)) == "3"
    window.key_filter.setChecked(True)
    qtbot.waitUntil(lambda: model.rowCount() == 7)
    assert model.data(model.index(1, EventTableModel.COL_NO)) == "3"
    select_title(window, titles(window)[1])
    assert window.editor.heading.text() == "Editing No. 3"


def test_a_refused_record_reopens_its_form_as_typed(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, shown_errors: list[str]
) -> None:
    from timeline_app.ui.dialogs import records

    asked: list = []

    def ask(cls, parent, record):
        asked.append(record)
        return Category("security", "#000000") if len(asked) == 1 else None

    monkeypatch.setattr(records.RecordForm, "ask", classmethod(ask))
    manager = records.RecordManager(Category, window.store, window.push, window.report, window)
    manager.add()
    assert "already a category with that name" in shown_errors[-1]
    assert asked[1] == Category("security", "#000000")  # offered again, as typed
    manager.close()


def test_a_document_date_is_checked(qtbot) -> None:
    from timeline_app.core.model import Source
    from timeline_app.ui.dialogs.records import RecordForm

    form = RecordForm(Source("Report"))
    qtbot.addWidget(form)
    form.edits["date_text"].setText("31 February 2018")
    with pytest.raises(ValueError, match="There is no 31 February 2018"):
        form.record()
    form.edits["date_text"].setText("8 November 2018")
    assert form.record().date_text == "8 November 2018"


def test_export_from_the_window_with_progress_and_cancel(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    import docx

    from timeline_app.core.exporting import ExportOptions
    from timeline_app.ui.dialogs import export

    target = tmp_path / "for the CMC.docx"
    monkeypatch.setattr(
        export.ExportDialog,
        "ask",
        classmethod(
            lambda cls, parent, shown, default, count, **case: export.ExportChoice(
                ExportOptions(where=shown), target
            )
        ),
    )
    window.search_edit.setText("sharepoint")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.export_action.trigger()
    rows = docx.Document(str(target)).tables[0].rows
    assert rows[-1].cells[2].text.startswith("SharePoint server problems")
    assert "Exported 1 event to" in window.statusBar().currentMessage()


def test_excel_export_from_the_window_keeps_the_shown_numbers(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    import openpyxl

    from timeline_app.core.exporting import ExportOptions
    from timeline_app.ui.dialogs import export

    target = tmp_path / "chronology.xlsx"
    monkeypatch.setattr(
        export.ExportDialog,
        "ask",
        classmethod(
            lambda cls, parent, shown, default, count, **case: export.ExportChoice(
                ExportOptions(where=shown), target, "xlsx"
            )
        ),
    )
    window.key_filter.setChecked(True)
    qtbot.waitUntil(lambda: window.model.rowCount() == 7)
    shown = [(window.model.data(window.model.index(r, 0)), titles(window)[r]) for r in range(7)]
    window.export_action.trigger()
    rows = list(openpyxl.load_workbook(target)["Chronology"].iter_rows(values_only=True))
    assert [(row[0], row[5]) for row in rows[1:]] == shown


def test_the_export_dialog_offers_word_only_options_for_word_alone(qtbot, tmp_path: Path) -> None:
    from timeline_app.core.store import EventFilter
    from timeline_app.ui.dialogs.export import ExportDialog

    dialog = ExportDialog(EventFilter(), tmp_path / "chronology")
    qtbot.addWidget(dialog)
    assert dialog.paper_combo.isEnabled() and dialog.kind() == "docx"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xlsx"))
    assert not dialog.paper_combo.isEnabled() and not dialog.timeline_check.isEnabled()
    assert dialog.privileged_check.isEnabled() and dialog.key_only_check.isEnabled()
    dialog.timeline_check.setChecked(True)
    choice = dialog.choice(tmp_path / "c.xlsx")
    assert (choice.kind, choice.options.timeline) == ("xlsx", False)


def test_an_empty_chronology_is_asked_about_before_the_file(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog

    from timeline_app.ui.dialogs import export

    asked: list[str] = []
    monkeypatch.setattr(
        Messages,
        "confirm",
        classmethod(lambda cls, parent, question: asked.append(question) or False),
    )
    monkeypatch.setattr(export.ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args: pytest.fail("the file was asked for first")),
    )
    window.search_edit.setText("no event says this")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    window.export_action.trigger()
    assert asked == [
        "No event matches the filters chosen, so the chronology would have no "
        "events. Export it anyway?"
    ]


def test_the_export_dialog_gathers_the_options(qtbot) -> None:
    from timeline_app.ui.dialogs.export import ExportDialog

    shown = EventFilter(text="outage")
    dialog = ExportDialog(shown, Path("/tmp/x"))
    qtbot.addWidget(dialog)
    dialog.paper_combo.setCurrentIndex(1)
    dialog.orientation_combo.setCurrentIndex(1)
    dialog.column_checks["parties"].setChecked(True)
    dialog.key_only_check.setChecked(True)
    width = dialog.sizeHint().width()
    dialog.privileged_check.setChecked(True)
    assert "Do not send it to the other side" in dialog.privileged_warning.text()
    assert dialog.sizeHint().width() < width * 1.2  # the warning wraps; the dialog stays
    choice = dialog.choice(Path("/tmp/x.docx"))
    options = choice.options
    assert (options.paper, options.landscape, options.privileged) == ("letter", False, True)
    assert options.columns == ("number", "date", "event", "parties", "reference")
    assert options.where == EventFilter(text="outage", key_only=True)


def test_citing_in_a_case_without_documents_says_where_to_add_them(qtbot, tmp_path: Path) -> None:
    win = MainWindow(settings_for(str(tmp_path / "home")), str(tmp_path / "home"))
    qtbot.addWidget(win)
    path = tmp_path / "new.case"
    CaseStore.create(path).close()
    assert win.open_case(path)
    win.add_action.trigger()
    win.editor.add_source_button.click()
    assert win.editor.sources_hint.text() == (
        "This case has no documents yet: add them under Case ▸ Documents…, then cite them here."
    )
    assert "document" not in win.editor.date_preview.text()
    win.close()


def test_the_cast_and_documents_show_their_headings_whole(window: MainWindow) -> None:
    from timeline_app.core.model import Party, Source
    from timeline_app.ui.dialogs import records

    for kind in (Party, Source):
        manager = records.RecordManager(kind, window.store, window.push, window.report, window)
        header, table = manager.table.horizontalHeader(), manager.table
        for column in range(table.columnCount()):
            heading = table.horizontalHeaderItem(column).text()
            assert header.sectionSize(column) >= min(
                280, header.fontMetrics().horizontalAdvance(heading)
            ), heading
        manager.close()


# ---------------------------------------------------------------- found by a code review


def test_keyboard_actions_save_the_editor_first(
    window: MainWindow, shown_errors: list[str]
) -> None:
    event = select_title(window, "SharePoint server problems")
    window.editor.title_edit.setText("Typed before Ctrl+K")
    window.key_action.trigger()
    stored = window.store.get_event(event.id)
    assert (stored.title, stored.key) == ("Typed before Ctrl+K", True)
    assert not [e for e in shown_errors if "changed in another window" in e]


def test_marking_several_events_is_one_step_all_or_nothing(window: MainWindow) -> None:
    window.table.selectAll()
    window.key_action.trigger()
    assert all(e.key for e in window.store.events())
    assert window.undo_action.text() == "&Undo Mark as key event"
    window.undo_action.trigger()
    assert sum(e.key for e in window.store.events()) == 7


def test_undoing_an_add_never_deletes_a_later_change(
    window: MainWindow, demo_path: Path, shown_errors: list[str]
) -> None:
    window.add_action.trigger()
    window.editor.title_edit.setText("Mine")
    window.editor.save()
    added = window.editor.event
    with CaseStore.open(demo_path) as other:
        theirs = other.get_event(added.id)
        theirs.description = "Their addition"
        other.update_event(theirs)
    window.undo_action.trigger()
    assert window.store.get_event(added.id).description == "Their addition"
    assert "changed in another window" in shown_errors[-1]


def test_undoing_case_properties_never_overwrites_a_later_change(
    window: MainWindow, demo_path: Path, shown_errors: list[str]
) -> None:
    from timeline_app.ui.commands import EditCaseInfoCommand

    before = window.store.case_info()
    window.push(
        EditCaseInfoCommand(
            window.store, before, dataclasses.replace(before, claim_number="HT-1"), window.report
        )
    )
    with CaseStore.open(demo_path) as other:
        other.update_case_info(dataclasses.replace(other.case_info(), claim_number="HT-2"))
    window.undo_action.trigger()
    assert window.store.case_info().claim_number == "HT-2"
    assert "case properties were changed" in shown_errors[-1]


def test_a_deleted_document_is_not_replaced_by_another_in_the_editor(window: MainWindow) -> None:
    select_title(window, "SharePoint server problems")  # cites A/2 and A/3
    window.editor.description_edit.setPlainText("being edited")
    a3 = next(s for s in window.store.sources() if s.bundle_ref == "A/3")
    window.store.delete_source(a3.id)
    window.reload()
    combo = window.editor.sources_table.cellWidget(1, 0)
    assert combo.currentText() == "(document deleted)"
    assert [link.source_id for link in window.editor.build().sources] != [
        window.editor.sources_table.cellWidget(0, 0).currentData()
    ] * 2


def test_the_timeline_and_the_table_share_the_selection(window: MainWindow) -> None:
    event = select_title(
        window, "Root Cause Analysis report: 25 critical and 55 high risk security breaches"
    )
    assert window.timeline.selected == event.id
    other = next(e for e in window.store.events() if e.title.startswith("Sopra Steria issues"))
    window.search_edit.setText("SharePoint")
    window._on_filter_timer_timeout()
    window.timeline.event_selected.emit(other.id)  # clicked in the timeline
    assert [e.id for e in window.selected_events()] == [other.id]
    assert window.search_edit.text() == ""  # the filter was cleared to show it


def test_the_timeline_lanes_can_be_switched(window: MainWindow) -> None:
    window.lanes_combo.setCurrentIndex(window.lanes_combo.findData("status"))
    assert window.timeline.lanes == "status"
    assert [lane.label for lane in window.timeline._lanes][:2] == ["Undisputed", "Disputed"]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen tooltip
def test_dragging_an_event_in_the_timeline_re_dates_it_undoably(window: MainWindow, qtbot) -> None:
    view = window.timeline
    view.resize(1200, 400)
    view.grab()
    report = next(e for e in window.store.events() if e.date.text == "8 November 2018")
    view.zoom_to_selection()  # nothing selected yet: the view stays
    view.select(report.id)
    view.zoom_to_selection()
    view.grab()
    box = next(b for b, event_id in view._hits if event_id == report.id)
    start = box.center().toPoint()
    three_days = round(3 / view.scale.days_per_pixel)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(three_days // 2, 0))
    qtbot.mouseMove(view, start + QPoint(three_days, 0))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(three_days, 0))
    assert window.store.get_event(report.id).date.text == "11 November 2018"
    assert window.undo_action.text().startswith("&Undo Re-date event")
    window.undo_action.trigger()
    assert window.store.get_event(report.id).date.text == "8 November 2018"


def test_printing_the_timeline(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "timeline.pdf"))
    window.print_timeline(printer)
    assert (tmp_path / "timeline.pdf").read_bytes().startswith(b"%PDF")
    assert (
        window._references_of(
            next(e.id for e in window.store.events() if e.title.startswith("Root Cause"))
        )
        == "B/2; A/2"
    )


def test_a_dense_stretch_zooms_in_when_clicked(qtbot, tmp_path: Path) -> None:
    from timeline_app.core.timescale import to_days
    from timeline_app.ui.timeline.view import TimelineView

    with CaseStore.create(tmp_path / "crowded.case") as store:
        days = [dt.date(2018, 1, 1) + dt.timedelta(days=i) for i in range(30)]
        store.add_events(
            [
                Event(f"e{i}", date=FuzzyDate(day, day, "day"))
                for i, day in enumerate([*days, dt.date(2028, 1, 1)])
            ]
        )
        view = TimelineView()
        qtbot.addWidget(view)
        view.resize(900, 200)
        view.show()
        view.set_store(store)
        view.grab()
        assert view._bins  # thirty days in a few pixels: a density strip
        span = view.scale.end - view.scale.start
        crowded = max(view._bins, key=lambda b: b[3])
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=crowded[0].center().toPoint())
        assert view.scale.end - view.scale.start < span / 20
        assert view.scale.start <= to_days(days[0]) and to_days(days[-1]) <= view.scale.end


def test_a_case_with_a_value_we_never_write_is_refused_in_words_not_shown_half(
    window: MainWindow, tmp_path: Path, shown_errors: list[str]
) -> None:
    import sqlite3

    from timeline_app.core.demo import write_demo

    path = write_demo(tmp_path / "crafted.case")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET status = 'bogus' WHERE id = 12")
    conn.close()
    assert not window.open_case(path)
    assert "event 12 has an unknown status 'bogus'" in shown_errors[-1]
    assert window.store is not None and window.store.path.name == "demo.case"  # still open


def test_a_case_damaged_while_open_is_closed_with_a_message_not_a_crash(
    window: MainWindow, demo_path: Path, shown_errors: list[str], qtbot
) -> None:
    import sqlite3

    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE events SET title = CAST(X'41FF42' AS TEXT) WHERE id = 3")
    conn.close()
    window.reload()
    window.table.viewport().repaint()  # the rows are read as they are shown
    qtbot.waitUntil(lambda: window.store is None)
    assert "part of it is damaged" in shown_errors[-1] and "repair" in shown_errors[-1]


def test_merge_two_selected_events_through_the_dialog_and_undo_it(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core.model import SourceLink
    from timeline_app.ui.dialogs.merging import MergeDialog

    store = window.store
    interserve = next(p for p in store.parties() if p.name == "Interserve")
    article = next(s for s in store.sources() if s.bundle_ref == "A/2")
    typed = store.add_event(
        Event(
            "RCA report delivered: 25 critical vulnerabilities",
            store.events()[5].date,
            privileged_note="Typed from the article",
            party_ids=(interserve.id,),
            sources=(SourceLink(article.id, "3"),),
        )
    )
    window.reload()
    rca = select_title(
        window, "Root Cause Analysis report: 25 critical and 55 high risk security breaches"
    )
    before = {e.id: e for e in store.events_by_id([rca.id, typed.id])}
    selection = window.table.selectionModel()
    selection.select(
        window.model.index(window.model.row_of(typed.id), 0),
        selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
    )
    asked = []

    def ask(cls, parent, store, plan, numbers):
        asked.append((plan.kept.id, plan.other.id, numbers, plan.proposed()))
        return plan.proposed() | {"title"}, set()

    monkeypatch.setattr(MergeDialog, "ask", classmethod(ask))
    window.merge_action.trigger()
    assert asked == [(rca.id, typed.id, (6, 7), {"privileged_note"})]
    merged = store.get_event(rca.id)
    assert store.get_event(typed.id) is None and window.model.rowCount() == 17
    assert (merged.title, merged.privileged_note, merged.description) == (
        "RCA report delivered: 25 critical vulnerabilities",
        "Typed from the article",
        rca.description,
    )
    assert merged.party_ids == (*rca.party_ids, interserve.id)
    assert merged.sources == (*rca.sources, SourceLink(article.id, "3"))
    assert window.selected_events()[0].id == rca.id
    assert window.editor.title_edit.text() == merged.title  # the merged event, ready to edit
    assert (
        window.undo_action.text()
        == "&Undo Merge events into 'RCA report delivered: 25 critical vulne…'"
    )

    window.undo_action.trigger()  # both back, ids and all
    assert window.model.rowCount() == 18

    def content(event: Event) -> Event:
        return dataclasses.replace(event, revision=0, modified="")

    back = store.events_by_id([rca.id, typed.id])
    assert [content(e) for e in back] == [content(before[rca.id]), content(before[typed.id])]
    window.redo_action.trigger()
    assert store.get_event(typed.id) is None
    assert store.get_event(rca.id).title == merged.title


def test_merge_asks_for_two_events(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.ui.dialogs.merging import MergeDialog

    monkeypatch.setattr(MergeDialog, "ask", classmethod(lambda *args: pytest.fail("asked")))
    select_title(window, "IT Health Check failed")
    window.merge_action.trigger()
    assert "Select the two events to merge" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0


def test_editing_a_title_never_moves_a_date_written_relative_to_its_document(
    window: MainWindow, qtbot
) -> None:
    import datetime as dt

    from timeline_app.core.model import FuzzyDate

    # From a letter dated 1 June 2020: "May last year" is May 2019, whatever today is.
    may_2019 = FuzzyDate(dt.date(2019, 5, 1), dt.date(2019, 5, 31), "month", text="May last year")
    event = window.store.add_event(Event("Letter received", may_2019))
    window.reload()
    select_title(window, "Letter received")
    assert window.editor.date_edit.text() == "May 2019"  # what it means, not words that move
    window.editor.title_edit.setText("Letter of claim received")
    assert window.editor.save()
    saved = window.store.get_event(event.id)
    assert saved.title == "Letter of claim received"
    assert (saved.date.earliest, saved.date.latest) == (dt.date(2019, 5, 1), dt.date(2019, 5, 31))


def test_a_court_preset_in_the_export_dialog(qtbot, tmp_path: Path) -> None:
    from timeline_app.ui.dialogs.export import ExportDialog

    dialog = ExportDialog(EventFilter(), tmp_path / "c", template="/firm/house.dotx")
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("pdf"))
    assert dialog.preset_combo.isEnabled() and dialog.paper_combo.isEnabled()
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData("family"))
    assert dialog.orientation_combo.currentData() is False  # shown as the preset sets it
    assert dialog.cast_combo.currentData() == "none"
    dialog.title_combo.setCurrentText("AGREED CHRONOLOGY")
    dialog.version_edit.setText("Draft 2")
    dialog.bundle_edit.setText(str(tmp_path))
    options = dialog.choice(tmp_path / "c.pdf").options
    assert (options.preset, options.margin_cm, options.font_size) == ("family", 3.5, 12)
    assert (options.line_spacing, options.title, options.version) == (
        1.5,
        "AGREED CHRONOLOGY",
        "Draft 2",
    )
    assert (options.template, options.bundle) == ("/firm/house.dotx", str(tmp_path))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    assert not dialog.preset_combo.isEnabled()
    assert dialog.choice(tmp_path / "c.csv").options.template == ""


def test_the_window_says_what_the_preset_finds_before_exporting(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core.exporting import ExportOptions, with_preset
    from timeline_app.ui.dialogs import export

    target = tmp_path / "filed.docx"
    monkeypatch.setattr(
        export.ExportDialog,
        "ask",
        classmethod(
            lambda cls, parent, shown, default, count, **case: export.ExportChoice(
                with_preset(ExportOptions(), "court"), target
            )
        ),
    )
    asked: list[str] = []
    monkeypatch.setattr(
        Messages, "confirm", classmethod(lambda cls, parent, question: asked.append(question))
    )
    window.export_action.trigger()
    assert "no claim number" in asked[0] and asked[0].endswith("Export it anyway?")
    assert not target.exists()  # the user said no


def test_case_properties_keep_how_the_chronology_is_written(qtbot) -> None:
    from timeline_app.core.model import CaseInfo
    from timeline_app.ui.dialogs.case_properties import CasePropertiesDialog

    dialog = CasePropertiesDialog(CaseInfo(title="A v B", house_template="/firm/old.dotx"))
    qtbot.addWidget(dialog)
    assert dialog.template_edit.text() == "/firm/old.dotx"
    [label] = [x for x in dialog.findChildren(QLabel) if x.buddy() is dialog.template_edit]
    assert label.text() == "House &template"  # Alt+T, not a literal "&"
    assert not dialog.brackets_check.isChecked()
    dialog.template_edit.setText(" /firm/house.dotx ")
    dialog.brackets_check.setChecked(True)
    info = dialog.case_info()
    assert (info.house_template, info.reference_brackets) == ("/firm/house.dotx", True)


def test_the_export_dialog_is_given_the_cases_template_and_brackets(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from tests.core.exporting.test_filing import firm_template
    from timeline_app.ui.dialogs import export

    house = str(firm_template(tmp_path / "house.dotx"))
    window.store.update_case_info(
        dataclasses.replace(window.store.case_info(), house_template=house, reference_brackets=True)
    )
    given: list[dict] = []
    monkeypatch.setattr(
        export.ExportDialog,
        "ask",
        classmethod(lambda cls, parent, shown, default, count, memory, **case: given.append(case)),
    )
    window.export_action.trigger()
    Path(house).unlink()  # the case sent to someone who lacks the firm's template
    window.export_action.trigger()
    assert given == [
        {"template": house, "brackets": True, "served": []},
        {"template": "", "brackets": True, "served": []},
    ]


def test_a_house_template_that_is_not_a_word_file_is_refused_in_case_properties(
    qtbot, tmp_path: Path
) -> None:
    from timeline_app.core.model import CaseInfo
    from timeline_app.ui.dialogs.case_properties import CasePropertiesDialog

    text = tmp_path / "notes.docx"
    text.write_text("not a template")
    dialog = CasePropertiesDialog(CaseInfo(title="A v B"))
    qtbot.addWidget(dialog)
    dialog.template_edit.setText(str(text))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "is not a Word template" in dialog.reference_error.text()


def test_changing_the_time_zone_says_that_times_already_read_stay(qtbot) -> None:
    from timeline_app.core.model import CaseInfo
    from timeline_app.ui.dialogs.case_properties import CasePropertiesDialog

    dialog = CasePropertiesDialog(CaseInfo(title="A v B"))
    qtbot.addWidget(dialog)
    assert not dialog.time_zone_note.isVisibleTo(dialog)
    dialog.time_zone_combo.setCurrentText("America/New_York")
    assert dialog.time_zone_note.isVisibleTo(dialog)
    assert dialog.time_zone_note.text() == (
        "Times already in the case stay as they were read, in Europe/London; emails imported "
        "from now on are read in America/New_York."
    )
    dialog.time_zone_combo.setCurrentText("Europe/London")
    assert not dialog.time_zone_note.isVisibleTo(dialog)


def test_the_export_dialog_offers_the_last_exports_layout_but_never_privileged_notes(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    from timeline_app.ui.dialogs.export import ExportDialog

    memory = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = ExportDialog(EventFilter(), tmp_path / "c")
    qtbot.addWidget(first)
    first.preset_combo.setCurrentIndex(first.preset_combo.findData("tcc"))
    first.version_edit.setText("Draft 3")
    first.column_checks["parties"].setChecked(True)
    first.privileged_check.setChecked(True)
    shown: list[ExportDialog] = []

    def accept(dialog: ExportDialog) -> int:
        shown.append(dialog)
        if len(shown) == 1:  # the first export: the choices above
            dialog.recall(first.remembered())
            dialog.privileged_check.setChecked(True)
        return ExportDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", accept)
    monkeypatch.setattr(
        "timeline_app.ui.dialogs.export.QFileDialog.getSaveFileName",
        lambda *args: (str(tmp_path / "c.docx"), ""),
    )
    for _ in range(2):
        ExportDialog.ask(None, EventFilter(), tmp_path / "c", lambda where: 1, memory=memory)
    again = shown[1]
    assert again.preset_combo.currentData() == "tcc"
    assert again.version_edit.text() == "Draft 3"
    assert again.column_checks["parties"].isChecked()
    assert not again.privileged_check.isChecked()  # never carried over
    memory.setValue("export/last", "{not json")
    broken = []
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: broken.append(dialog) or 0)
    ExportDialog.ask(None, EventFilter(), tmp_path / "c", lambda where: 1, memory=memory)
    assert broken[0].preset_combo.currentData() == ""  # unreadable memory: the defaults


def test_the_rows_picked_stay_picked_when_the_table_is_sorted(window: MainWindow) -> None:
    model = window.model
    window.table.selectRow(3)
    picked = model.id_at(3)
    window.table.horizontalHeader().setSortIndicator(
        EventTableModel.COL_EVENT, Qt.SortOrder.DescendingOrder
    )
    assert model.ordering == ("title", True) and model.row_of(picked) != 3
    [row] = window.table.selectionModel().selectedRows()
    assert model.id_at(row.row()) == picked and window.editor.event.id == picked
