"""Importing emails through the window: review a thread, fold it, filter, import, undo, cancel;
a folder, several files dropped at once, and a mailbox of 10,000 messages in one step."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.core.importing.mail import thread, write_eml, write_mbox
from tests.ui.test_import_dialog import drive, titles
from timeline_app.core.model import Qualifier
from timeline_app.ui import main_window as main_window_module
from timeline_app.ui.dialogs.importing import ImportDialog
from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def mailbox(tmp_path: Path) -> Path:
    return write_mbox(tmp_path / "Managing directors.mbox", thread())


def test_a_thread_is_reviewed_folded_imported_and_undone_in_one_step(
    window: MainWindow, mailbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = titles(window)
    people = len(window.store.parties())

    def act(dialog: ImportDialog) -> bool:
        model = dialog.model
        assert model.rowCount() == 4
        assert model.index(1, 2).data() == "23:40 on 4 May 2019 (sent 18:40 -04:00)"
        assert model.index(0, 3).data() == (
            "Email from John Smith to Jane Doe: Service failures under the contract"
        )
        assert "We reserve our rights." in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
        assert dialog.import_button.text() == "&Import 4 events"
        dialog.threads_combo.setCurrentIndex(1)  # fold the thread
        dialog.replan()
        assert dialog.model.rowCount() == 1
        assert dialog.model.index(0, 2).data() == "3 – 6 May 2019"
        assert "4 new documents" in dialog.summary_label.text()
        return True

    drive(monkeypatch, act)
    window.import_events(str(mailbox))
    assert len(titles(window)) == len(before) + 1
    [event] = [e for e in window.store.events() if e.title.startswith("Exchange of emails")]
    assert event.date.qualifier is Qualifier.FROM_TO and len(event.sources) == 4
    assert window.undo_stack.undoText() == "Import 1 event from Managing directors.mbox"
    window.undo_stack.undo()
    assert titles(window) == before and len(window.store.parties()) == people
    assert not [s for s in window.store.sources() if s.doc_type == "Email"]


def test_filters_take_only_the_emails_chosen(
    window: MainWindow, mailbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def act(dialog: ImportDialog) -> bool:
        dialog.sender_edit.setText("jane")
        dialog.from_edit.setText("5 May 2019")
        dialog.replan()
        assert [dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())] == [
            "08:02 on 6 May 2019 (+01:00)"
        ]
        assert dialog.notes_label.text() == "3 emails outside the filters are not shown."
        dialog.to_edit.setText("1 May 2019")  # before it starts: said, nothing to import
        dialog.replan()
        assert "ends (1 May 2019) before it starts" in dialog.summary_label.text()
        assert not dialog.import_button.isEnabled()
        dialog.to_edit.setText("")
        dialog.subject_edit.setText("failures")
        dialog.replan()
        return True

    drive(monkeypatch, act)
    count = window.model.rowCount()
    window.import_events(str(mailbox))
    assert window.model.rowCount() == count + 1


def test_cancel_leaves_the_case_as_it_was(
    window: MainWindow, mailbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changes = len(window.store.changes())
    drive(monkeypatch, lambda dialog: False)
    window.import_events(str(mailbox))
    assert len(window.store.changes()) == changes and window.undo_stack.count() == 0


def test_a_folder_and_several_dropped_emails_import_at_once(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "emails"
    folder.mkdir()
    paths = [write_eml(folder, f"{number}.eml", mail) for number, mail in enumerate(thread())]
    seen = drive(monkeypatch, lambda dialog: dialog.model.rowCount() == 4)
    monkeypatch.setattr(
        main_window_module.FileDialogs,
        "import_folder",
        classmethod(lambda cls, parent, start: str(folder)),
    )
    count = window.model.rowCount()
    window.import_folder_action.trigger()
    assert window.model.rowCount() == count + 4
    window.undo_stack.undo()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths[:2]])
    window.dropEvent(
        QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            data,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert len(seen) == 2 and seen[1].model.rowCount() == 2


@pytest.mark.slow
def test_a_mailbox_of_10000_messages_imports_in_one_step(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = tmp_path / "reports.mbox"
    start = dt.datetime(2018, 1, 1, 9, 0, tzinfo=dt.UTC)
    with box.open("w", encoding="ascii") as out:
        for n in range(10_000):
            out.write(
                f"From reports@supplier.example Mon Jan  1 09:00:00 2018\n"
                f"From: Service desk <reports@supplier.example>\n"
                f"To: John Smith <john.smith@soprasteria.com>\n"
                f"Subject: Daily service report {n}\n"
                f"Date: {format_datetime(start + dt.timedelta(hours=n))}\n"
                f"Message-ID: <report{n}@supplier.example>\n\n"
                f"Availability {n % 100}%.\n\n"
            )
    drive(monkeypatch, lambda dialog: dialog.model.rowCount() == 10_000)
    count = window.model.rowCount()
    window.import_events(str(box))
    assert window.model.rowCount() == count + 10_000
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.model.rowCount() == count


def test_cancelling_the_reading_of_a_mailbox_opens_nothing(
    window: MainWindow, mailbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    from timeline_app.ui.dialogs import importing as dialog_module

    @contextlib.contextmanager
    def cancelled(*_args):
        yield lambda done, total: False  # the user presses Cancel at once

    monkeypatch.setattr(dialog_module, "progress", cancelled)
    seen = drive(monkeypatch, lambda dialog: True)
    changes = len(window.store.changes())
    window.import_events(str(mailbox))
    assert seen == [] and len(window.store.changes()) == changes
