"""The window on a team case on a real PostgreSQL server: it opens, shows where and who, hears
others' changes within a second, and finds its way back after the connection is cut."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from timeline_app.core.model import Event
from timeline_app.core.store import CaseStore
from timeline_app.core.store.postgres.address import parse
from timeline_app.ui.application import settings_for
from timeline_app.ui.dialogs import server as server_dialog
from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def server_window(qtbot, tmp_path: Path, server_case: str, shown_errors: list[str]) -> MainWindow:
    with CaseStore.open(server_case) as store:
        store.add_events([Event("Contract signed"), Event("Outage")])
    win = MainWindow(settings_for(str(tmp_path / "home")), str(tmp_path / "home"))
    qtbot.addWidget(win)
    win.show()
    assert win.open_case(server_case)
    return win


def test_a_server_case_says_where_it_is_and_who_you_are(
    server_window: MainWindow, server_case: str
) -> None:
    case = parse(server_case).case
    assert f"{case} (on this computer) as postgres" in server_window.windowTitle()
    assert server_window.where_label.text().endswith("· as postgres · connected")
    assert server_window.model.rowCount() == 2
    [recent] = [a.text() for a in server_window.recent_menu.actions()]
    assert recent == f"{case} (on this computer)"


def test_another_window_s_change_shows_within_a_second(
    server_window: MainWindow, server_case: str, qtbot
) -> None:
    with CaseStore.open(server_case) as colleague:
        colleague.add_event(Event("Added by a colleague"))
    qtbot.waitUntil(lambda: server_window.model.rowCount() == 3, timeout=1000)


def test_a_cut_connection_is_made_again_and_said(
    server_window: MainWindow, server_case: str, qtbot
) -> None:
    server_window.table.selectRow(0)
    server_window.editor.title_edit.setText("Still being typed")  # not saved yet
    pid = server_window.store._server.raw.info.backend_pid
    where = parse(server_case)
    with psycopg.connect(where.conninfo, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    qtbot.waitUntil(
        lambda: "made again" in server_window.statusBar().currentMessage(), timeout=2000
    )
    assert server_window.where_label.text().endswith("connected")
    assert server_window.editor.title_edit.text() == "Still being typed"  # nothing typed is lost
    assert server_window.store.count_events() == 2


def test_open_from_server_lists_the_cases_and_opens_one(
    qtbot, postgres_ready: str, server_case: str, tmp_path: Path
) -> None:
    dialog = server_dialog.ServerDialog([])
    qtbot.addWidget(dialog)
    dialog.server_combo.setEditText(postgres_ready)
    dialog.show_cases()
    names = [dialog.cases_table.item(r, 0).text() for r in range(dialog.cases_table.rowCount())]
    case = parse(server_case).case
    assert case in names
    dialog.cases_table.selectRow(names.index(case))
    assert parse(dialog.chosen()).case == case
    dialog.server_combo.setEditText(f"postgresql:///postgres?host={tmp_path}&port=1")
    dialog.show_cases()
    assert "cannot be reached" in dialog.message_label.text()
    assert dialog.cases_table.rowCount() == 0
