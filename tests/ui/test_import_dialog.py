"""Importing through the window: review, choose columns, import, undo, cancel, paste."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QProgressDialog

from timeline_app.core.importing.plan import ReferenceChoice
from timeline_app.core.store import CaseStore
from timeline_app.ui import main_window as main_window_module
from timeline_app.ui.dialogs.importing import ImportDialog
from timeline_app.ui.main_window import MainWindow

SHEET = (
    "When,What happened,Who,Notes\n"
    "1 April 2016,Contract starts,Sopra Steria Ltd,First note\n"
    "wibble,Bad date,,\n"
    "early March 2019,IT Health Check failed again,,\n"
)


def drive(monkeypatch: pytest.MonkeyPatch, act: Callable[[ImportDialog], bool]) -> list:
    """Run the real dialog, with ``act`` as the user (True: Import, False: Cancel)."""
    seen: list[ImportDialog] = []

    def exec_(dialog: ImportDialog) -> int:
        seen.append(dialog)
        accepted = act(dialog)
        return QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    return seen


def titles(window: MainWindow) -> list[str]:
    return [window.model.event_at(r).title for r in range(window.model.rowCount())]


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "team sheet.csv"
    path.write_text(SHEET, encoding="utf-8-sig")
    return path


def test_a_spreadsheet_is_reviewed_imported_and_undone_in_one_step(
    window: MainWindow, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = titles(window)

    def act(dialog: ImportDialog) -> bool:
        assert dialog.mapping() == ["date", "title", "parties", "description"]
        model = dialog.model
        assert [model.index(r, 1).data() for r in range(3)] == ["2", "3", "4"]
        assert model.index(1, 4).data().startswith("Date: “wibble” is not a date")
        assert (
            model.index(1, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable == Qt.ItemFlag.NoItemFlags
        )
        assert dialog.import_button.text() == "&Import 2 events"
        dialog.flagged_check.setChecked(True)  # only the rows that need a look
        assert dialog.preview.model().rowCount() == 1
        dialog.untick_all_button.click()  # only the rows shown: the refused one cannot be
        assert dialog.import_button.text() == "&Import 2 events"
        dialog.flagged_check.setChecked(False)
        assert dialog.preview.model().rowCount() == 3
        dialog.set_field(3, "")  # the user leaves the Notes column out
        dialog.replan()
        assert dialog.model.plan.rows[0].event.description == ""
        return True

    drive(monkeypatch, act)
    monkeypatch.setattr(
        main_window_module.FileDialogs,
        "import_file",
        classmethod(lambda cls, parent, folder: str(sheet)),
    )
    window.import_action.trigger()
    assert len(titles(window)) == len(before) + 2
    assert "Contract starts" in titles(window)
    assert window.undo_stack.undoText() == "Import 2 events from team sheet.csv"
    assert "Imported 2 events from team sheet.csv" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert titles(window) == before
    assert "Sopra Steria Ltd" not in [p.name for p in window.store.parties()]
    window.undo_stack.redo()
    assert len(titles(window)) == len(before) + 2


def test_cancel_leaves_the_case_untouched(
    window: MainWindow, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changes = len(window.store.changes())
    drive(monkeypatch, lambda dialog: False)
    window.import_events(str(sheet))
    assert len(window.store.changes()) == changes
    assert window.undo_stack.count() == 0


def test_cancel_while_saving_leaves_the_case_untouched_and_says_so(
    window: MainWindow, sheet: Path, monkeypatch: pytest.MonkeyPatch, shown_errors: list[str]
) -> None:
    changes = len(window.store.changes())
    before = titles(window)

    def import_then_cancel(dialog: ImportDialog) -> bool:
        monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda progress: True)
        return True

    drive(monkeypatch, import_then_cancel)
    window.import_events(str(sheet))
    assert (titles(window), len(window.store.changes())) == (before, changes)
    assert window.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == (
        "The import was cancelled; the case is unchanged."
    )
    assert shown_errors == []  # the user's own choice, not a problem


def test_duplicates_are_unticked_until_the_user_ticks_them(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = tmp_path / "again.csv"
    again.write_text(
        "Date,Event\n8 November 2018,Root cause analysis report - 25 critical "
        "and 55 high risk security breachs\n2020,New\n"
    )
    ticked = []

    def act(dialog: ImportDialog) -> bool:
        model = dialog.model
        assert model.index(0, 4).data().startswith("Likely duplicate of No. ")
        ticked.append(model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole))
        dialog.tick_all_button.click()
        return True

    drive(monkeypatch, act)
    count = window.model.rowCount()
    window.import_events(str(again))
    assert ticked == [Qt.CheckState.Unchecked]
    assert window.model.rowCount() == count + 2


def test_a_pasted_sentence_repeating_an_event_says_why_it_is_a_likely_duplicate(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    remarks = []

    def act(dialog: ImportDialog) -> bool:
        dialog.paste_edit.setPlainText(
            "On 8 November 2018 Sopra Steria delivered its Root Cause Analysis report: 25 "
            "critical breaches.\n\nOn 9 November 2018 the board met."
        )
        dialog.replan()
        model = dialog.model
        remarks.extend(model.index(r, 4).data() for r in range(model.rowCount()))
        return False

    drive(monkeypatch, act)
    window.paste_import_action.trigger()
    assert remarks == [
        "Likely duplicate of No. 6 'Root Cause Analysis report: 25 critical and 55 hi…': "
        "same day (8 November 2018); both mention 25, Root Cause Analysis, Sopra Steria. "
        "Named in the sentence: Sopra Steria.",  # the demo case's cast is found too
        "",
    ]


def test_pasted_text_becomes_reviewed_events_citing_the_document(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def act(dialog: ImportDialog) -> bool:
        dialog.paste_edit.setPlainText(
            "1. I joined in 2015.\n\n2. Last year, on 3 May 2019, "
            "the servers failed.\n\n3. On 12 March I wrote.\n"
        )
        dialog.title_edit.setText("Witness statement of John Smith")
        dialog.date_edit.setText("1 June 2020")
        dialog.replan()
        model = dialog.model
        assert [model.index(r, 1).data() for r in range(model.rowCount())] == [
            "para 1",
            "para 2",
            "para 2",
            "para 3",
        ]
        assert model.index(3, 3).data() == "On 12 March I wrote."
        # no year written: the one nearest the date before it (3 May 2019), and it says so
        assert "so 2019 was taken from the text around it" in model.index(3, 4).data()
        assert model.setData(model.index(2, 3), "Servers fail", Qt.ItemDataRole.EditRole)
        model.setData(
            model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
        )  # "last year" is not wanted
        return True

    drive(monkeypatch, act)
    window.paste_import_action.trigger()
    store = window.store
    added = [e for e in store.events() if e.title in ("Servers fail", "I joined in 2015.")]
    assert len(added) == 2
    source = next(s for s in store.sources() if s.title == "Witness statement of John Smith")
    assert source.date_text == "1 June 2020"
    assert {link.pinpoint for e in added for link in e.sources} == {"para 1", "para 2"}


def test_refused_rows_can_be_saved_to_fix(
    window: MainWindow, sheet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "to fix.csv"
    monkeypatch.setattr(
        ImportDialog, "choose_refused_path", classmethod(lambda cls, parent, default: out)
    )

    def act(dialog: ImportDialog) -> bool:
        assert dialog.refused_button.isEnabled()
        dialog.refused_button.click()
        return False

    drive(monkeypatch, act)
    window.import_events(str(sheet))
    assert ",wibble,Bad date" in out.read_text(encoding="utf-8-sig").splitlines()[1]


def test_a_file_that_cannot_be_imported_is_told_in_words(
    window: MainWindow, tmp_path: Path, shown_errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = drive(monkeypatch, lambda dialog: True)
    pdf = tmp_path / "statement.txt"
    pdf.write_bytes(b"%PDF-1.7 binary")
    header_only = tmp_path / "header.csv"
    header_only.write_text("Date,Event\n")
    window.import_events(str(pdf))
    window.import_events(str(header_only))
    assert "is a PDF, which cannot be imported" in shown_errors[0]
    assert "headings but no rows" in shown_errors[1]
    assert seen == [] and window.undo_stack.count() == 0


def test_a_read_only_case_offers_no_import_and_refuses_a_drop(
    qtbot,
    tmp_path: Path,
    demo_path: Path,
    sheet: Path,
    make_read_only,
    shown_errors: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from timeline_app.ui.application import settings_for

    make_read_only(demo_path)
    before = demo_path.read_bytes()
    window = MainWindow(settings_for(str(tmp_path / "home2")), str(tmp_path / "home2"))
    qtbot.addWidget(window)
    assert window.open_case(demo_path)
    assert not window.import_action.isEnabled() and not window.paste_import_action.isEnabled()
    seen = drive(monkeypatch, lambda dialog: True)
    window.import_events(str(sheet))  # as a drop does
    assert "Nothing can be imported into it." in shown_errors[-1]
    assert seen == [] and demo_path.read_bytes() == before
    window.close()


def test_dropping_a_spreadsheet_on_an_open_case_imports_it(
    window: MainWindow, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = drive(monkeypatch, lambda dialog: False)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sheet))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert len(seen) == 1 and seen[0].windowTitle() == "Import team sheet.csv"
    assert window.store.path.name == "demo.case"


def test_the_whole_case_goes_out_as_json_and_comes_back(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "whole case"
    monkeypatch.setattr(
        main_window_module.FileDialogs,
        "export_json",
        classmethod(lambda cls, parent, default: str(out) + ".json"),
    )
    window.export_json_action.trigger()
    assert (tmp_path / "whole case.json").exists()
    fresh = tmp_path / "fresh.case"
    CaseStore.create(fresh).close()
    assert window.open_case(fresh)
    drive(monkeypatch, lambda dialog: True)
    window.import_events(str(tmp_path / "whole case.json"))
    assert window.model.rowCount() == 17
    assert window.windowTitle().startswith("Sopra Steria")
    window.undo_stack.undo()
    assert window.model.rowCount() == 0 and window.windowTitle().startswith("Untitled case")


def test_an_edit_undone_since_does_not_block_undoing_the_import(
    window: MainWindow, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from timeline_app.ui.commands import EditEventCommand

    before = titles(window)
    drive(monkeypatch, lambda dialog: True)
    window.import_events(str(sheet))
    imported = next(e for e in window.store.events() if e.title == "Contract starts")
    window.push(
        EditEventCommand(
            window.store,
            imported,
            dataclasses.replace(imported, title="Contract begins"),
            window.report,
        )
    )
    assert "Contract begins" in titles(window)
    window.undo_stack.undo()  # the edit
    window.undo_stack.undo()  # the import
    assert titles(window) == before


def test_a_mapping_with_no_event_shows_nothing_and_imports_nothing(
    window: MainWindow, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def act(dialog: ImportDialog) -> bool:
        dialog.set_field(1, "")  # What happened is no longer the event
        dialog.set_field(3, "")  # nor Notes
        dialog.replan()
        assert dialog.model is None and dialog.flagged.sourceModel() is None
        assert dialog.summary_label.text().startswith("No column is taken as the event")
        assert not dialog.import_button.isEnabled()
        dialog.accept()  # Enter in the dialog: refused, nothing to import
        assert dialog.result() != QDialog.DialogCode.Accepted
        return False

    drive(monkeypatch, act)
    window.import_events(str(sheet))
    assert window.undo_stack.count() == 0


def test_titles_and_ticks_survive_a_new_document_date_and_typing_is_read_on_import(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    statement = tmp_path / "statement.txt"
    statement.write_text(
        "1. On 3 May 2019 the servers failed.\n\n2. Last year the outages "
        "began.\n\n3. In 2017 we signed.\n"
    )

    def act(dialog: ImportDialog) -> bool:
        model = dialog.model
        model.setData(model.index(0, 3), "Servers fail", Qt.ItemDataRole.EditRole)
        model.setData(
            model.index(2, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
        )
        dialog.date_edit.setText("wibble")
        dialog.replan()
        assert dialog.summary_label.text().startswith("The document's date: “wibble”")
        assert not dialog.import_button.isEnabled()
        dialog.date_edit.setText("1 June 2020")
        dialog.replan()
        model = dialog.model
        assert model.index(0, 3).data() == "Servers fail"
        assert model.index(2, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
        assert model.index(1, 2).data() == "2019"  # "last year", read against 1 June 2020
        dialog.title_edit.setText("Statement of Y")
        dialog._replan_timer.start()  # typing just finished; Enter is pressed at once
        dialog.accept()  # reads the title and shows the rows again, but does not import yet
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    drive(monkeypatch, act)
    window.import_events(str(statement))
    source = next(s for s in window.store.sources() if s.title == "Statement of Y")
    assert source.date_text == "1 June 2020"
    cited = [
        e.title
        for e in window.store.events()
        if any(link.source_id == source.id for link in e.sources)
    ]
    assert sorted(cited) == ["Last year the outages began.", "Servers fail"]


def test_columns_with_unknown_headings_are_chosen_in_the_dialog(
    window: MainWindow, tmp_path: Path, shown_errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    german = tmp_path / "german.csv"
    german.write_text("Datum,Ereignis,Person\n1 May 2019,Vertrag,Ann\n")

    def act(dialog: ImportDialog) -> bool:
        assert dialog.model is None and not dialog.import_button.isEnabled()
        assert "The columns are 'Datum', 'Ereignis', 'Person'" in dialog.summary_label.text()
        dialog.set_field(1, "title")
        dialog.replan()
        assert dialog.import_button.text() == "&Import 1 event"
        return True

    seen = drive(monkeypatch, act)
    window.import_events(str(german))
    assert len(seen) == 1 and shown_errors == []
    assert "Vertrag" in titles(window)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # a dialog shown on the offscreen platform
def test_enter_in_the_document_s_date_shows_the_rows_again_before_importing(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statement = tmp_path / "statement.txt"
    statement.write_text("1. Last year the outages began.\n")

    def act(dialog: ImportDialog) -> bool:
        dialog.show()
        dialog.date_edit.setFocus()
        qtbot.keyClicks(dialog.date_edit, "1 June 2015")
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.model.index(0, 2).data() == "2014"  # read against 1 June 2015, shown
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
        return dialog.result() == QDialog.DialogCode.Accepted

    drive(monkeypatch, act)
    window.import_events(str(statement))
    assert "Last year the outages began." in titles(window)


def test_only_the_user_s_own_ticks_are_kept_when_the_columns_change(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "ticks.csv"
    sheet.write_text(
        "When,What happened\n1 May 2020,Contract signed\nwibble,Bad date row\n"
        "2 May 2020,Contract signd\n3 May 2020,Kept\n"
    )

    def ticks(dialog: ImportDialog) -> list[bool]:
        model = dialog.model
        return [
            model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            for r in range(model.rowCount())
        ]

    def act(dialog: ImportDialog) -> bool:
        assert ticks(dialog) == [True, False, True, True]
        dialog.model.setData(
            dialog.model.index(3, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
        )  # the user's own choice
        dialog.set_field(0, "")  # no dates: the bad row can come, "signd" repeats "signed"
        dialog.replan()
        assert ticks(dialog) == [True, True, False, False]
        return False

    drive(monkeypatch, act)
    window.import_events(str(sheet))


def test_a_refusal_listing_many_columns_wraps_and_the_file_is_still_named(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wide = tmp_path / "breit & <wide>.csv"
    wide.write_text(
        ",".join(f"Spalte Nummer {n}" for n in range(12))
        + "\n"
        + ",".join("x" for _ in range(12))
        + "\n"
    )

    def act(dialog: ImportDialog) -> bool:
        assert dialog.summary_label.wordWrap()
        assert dialog.minimumSizeHint().width() < 1280
        assert (
            "breit &amp; &lt;wide&gt;.csv</b> — CSV file, 1 row read." in dialog.about_label.text()
        )
        return False

    drive(monkeypatch, act)
    window.import_events(str(wide))


def test_references_that_match_no_document_are_chosen_for_and_the_rows_read_again(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "references.csv"
    sheet.write_text(
        "Date,Event,Reference\n"
        "8 November 2018,Root cause analysis delivered,A/3/41\n"
        "9 November 2018,Reply to the root cause analysis,A/3/22\n"
        "12 November 2018,Letter before claim,C/2/14\n",
        encoding="utf-8",
    )

    def act(dialog: ImportDialog) -> bool:
        box = dialog.references_box
        assert box.isVisibleTo(dialog)
        listed = [[box.table.item(r, c).text() for c in range(3)] for r in range(2)]
        assert listed == [
            ["A/3/22", "3", "cites page 22, but A/3 starts at page 40"],
            ["C/2", "4", "matches no document in the case"],  # the tab C/2/14 cites
        ]
        assert dialog.model.index(1, 4).data() == (
            "Reference 'A/3/22' cites page 22, but A/3 starts at page 40; it becomes a new "
            "document."
        )
        assert dialog.import_button.text() == "&Import 3 events"
        assert dialog.summary_label.text().startswith("3 to import (2 new documents) · ")
        assert dialog.summary_label.text().endswith("· 2 references matching no document")

        box.choose_for_all(ReferenceChoice.SKIP)  # the rows are read again, left out
        qtbot.waitUntil(lambda: dialog.import_button.text() == "&Import 1 event")
        assert [row.number for row in dialog.model.plan.refused] == [3, 4]
        assert box.table.cellWidget(1, 3).currentData() == ReferenceChoice.SKIP

        box.choose("C/2", ReferenceChoice.CITE)  # this one only: cited as written
        qtbot.waitUntil(lambda: dialog.import_button.text() == "&Import 2 events")
        assert [row.number for row in dialog.model.plan.refused] == [3]
        assert [box.table.cellWidget(r, 3).currentData() for r in range(2)] == [
            ReferenceChoice.SKIP,
            ReferenceChoice.CITE,
        ]
        return True

    drive(monkeypatch, act)
    window.import_events(str(sheet))
    added = {e.title for e in window.store.events()}
    assert {"Root cause analysis delivered", "Letter before claim"} <= added
    assert "Reply to the root cause analysis" not in added
    free = [
        (s.title, s.doc_type) for s in window.store.sources() if s.title in ("A/3/22", "C/2/14")
    ]
    assert free == [("C/2/14", "Free reference")]


def test_the_reference_choice_is_hidden_when_every_reference_matches(
    window: MainWindow, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def act(dialog: ImportDialog) -> bool:
        assert not dialog.references_box.isVisibleTo(dialog)
        return False

    drive(monkeypatch, act)
    window.import_events(str(sheet))


def test_a_span_shows_its_end_in_the_preview(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "spans.csv"
    sheet.write_text("Date,End date,Event\n1 July 2018,30 September 2018,Outages\n")

    def act(dialog: ImportDialog) -> bool:
        assert dialog.model.index(0, 2).data() == "1 July 2018 – 30 September 2018"
        return False

    seen = drive(monkeypatch, act)
    window.import_events(str(sheet))
    assert len(seen) == 1  # the dialog was shown, and looked at


def test_a_chronology_kept_as_a_word_table_is_reviewed_as_a_spreadsheet(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chronology = Path(__file__).parents[1] / "data" / "chronologies" / "hutton_background.docx"
    before = titles(window)

    def act(dialog: ImportDialog) -> bool:
        assert dialog.mapping()[:3] == ["date", "title", "description"]
        assert "Word chronology table" in dialog.about_label.text()
        assert dialog.import_button.text() == "&Import 5 events"
        return True

    drive(monkeypatch, act)
    window.import_events(str(chronology))
    assert len(titles(window)) == len(before) + 5
    assert "Dr Kelly found dead" in titles(window)
