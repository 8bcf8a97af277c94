"""The timeline in the window: a first view that shows the case, the table's filters followed,
the view remembered per case, lanes reordered, and File ▸ Export exhibit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from timeline_app.core.model import Event, FuzzyDate
from timeline_app.core.store import CaseStore
from timeline_app.core.timescale import to_days
from timeline_app.ui import main_window as main_window_module
from timeline_app.ui.application import settings_for
from timeline_app.ui.commands import AddEventCommand
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.timeline import exhibit_dialog
from timeline_app.ui.timeline.exhibit_dialog import ExhibitChoice


def settle(qtbot, window: MainWindow) -> None:
    """Let the deferred timeline reload run."""
    qtbot.waitUntil(lambda: not window._timeline_timer.isActive(), timeout=2000)
    QApplication.processEvents()


def in_view(window: MainWindow) -> list[str]:
    scale = window.timeline.scale
    return [
        i.title for i in window.timeline.items if i.last >= scale.start and i.first <= scale.end
    ]


def test_a_new_case_shows_this_year_then_the_events_as_they_are_added(
    qtbot, tmp_path: Path, shown_errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(settings_for(str(tmp_path / "home")), str(tmp_path / "home"))
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(
        main_window_module.FileDialogs,
        "new_case",
        classmethod(lambda cls, parent, title="", folder="": str(tmp_path / "new.case")),
    )
    window.new_action.trigger()
    settle(qtbot, window)
    today = to_days(dt.date.today())
    assert window.timeline.scale.start < today < window.timeline.scale.end
    for number, year in enumerate(range(2008, 2019)):  # eleven events, far from this year
        day = dt.date(year, 3, 1 + number)
        window.push(
            AddEventCommand(
                window.store,
                Event(f"event {number}", date=FuzzyDate(day, day, "day")),
                window.report,
            )
        )
        settle(qtbot, window)
    assert len(in_view(window)) == 11  # all of them, without pressing Fit all
    window.timeline.zoom(1.5)  # the user's view now: an add no longer moves it
    scale = window.timeline.scale
    day = dt.date(2030, 1, 1)
    window.push(
        AddEventCommand(
            window.store, Event("later", date=FuzzyDate(day, day, "day")), window.report
        )
    )
    settle(qtbot, window)
    assert window.timeline.scale == scale


def test_the_timeline_follows_the_filters_and_marks_the_searchs_hits(
    window: MainWindow, qtbot
) -> None:
    settle(qtbot, window)
    everything = {i.id for i in window.timeline.items}
    window.key_filter.setChecked(True)
    window._on_filter_timer_timeout()
    key = {e.id for e in window.store.events() if e.key and not e.date.is_undated}
    assert {i.id for i in window.timeline.items} == key
    assert all(
        u.id in {e.id for e in window.store.events() if e.key} for u in window.timeline.undated
    )
    window.follow_check.setChecked(False)  # switched off: everything again
    assert {i.id for i in window.timeline.items} == everything
    window.follow_check.setChecked(True)
    window.key_filter.setChecked(False)
    window.search_edit.setText("Root Cause")
    window._on_filter_timer_timeout()
    faded = {i.title: window.timeline.fades(i.id) for i in window.timeline.items}
    assert not faded["Root Cause Analysis report: 25 critical and 55 high risk security breaches"]
    assert faded["Sopra Steria issues High Court claim for £3.5m unpaid invoices"]
    window.timeline.grab()
    hits = {event_id for _, event_id in window.timeline._hits}
    assert any(i.id in hits for i in window.timeline.items if not window.timeline.fades(i.id))


def test_the_view_lanes_and_their_order_are_remembered_per_case(
    qtbot, tmp_path: Path, demo_path: Path, shown_errors: list[str]
) -> None:
    home = str(tmp_path / "home")
    window = MainWindow(settings_for(home), home)
    qtbot.addWidget(window)
    window.show()
    assert window.open_case(demo_path)
    settle(qtbot, window)
    first_order = window.timeline.lane_labels
    window.timeline.move_lane(len(first_order) - 1, 0)  # the last lane to the top
    moved = window.timeline.lane_labels
    assert moved[0] == first_order[-1]
    assert window.undo_stack.count() == 0  # a view setting, not a change to the case
    window.empty_lanes_check.setChecked(True)
    window.timeline.zoom(3)
    scale = window.timeline.scale
    window.close()

    again = MainWindow(settings_for(home), home)
    qtbot.addWidget(again)
    again.show()
    assert again.open_case(demo_path)
    settle(qtbot, again)
    assert again.timeline.lane_labels[0] == first_order[-1]
    assert again.empty_lanes_check.isChecked() and again.timeline.empty_lanes
    assert again.timeline.scale.start == pytest.approx(scale.start)
    assert again.timeline.scale.days_per_pixel == pytest.approx(scale.days_per_pixel)
    again.close()


def test_lanes_move_with_the_keyboard(window: MainWindow, qtbot) -> None:
    settle(qtbot, window)
    view = window.timeline
    labels = view.lane_labels
    root = next(i for i in view.items if i.title.startswith("Root Cause"))
    view.select(root.id)
    lane = next(n for n, label in enumerate(labels) if label == "Security")
    view.setFocus()
    qtbot.keyClick(
        view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert view.lane_labels.index("Security") == lane - 1
    qtbot.keyClick(view, Qt.Key.Key_U)  # the undated strip folds away, and back
    assert not view.undated_open
    qtbot.keyClick(view, Qt.Key.Key_U)
    assert view.undated_open


def test_export_exhibit_from_the_file_menu(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_errors: list[str]
) -> None:
    from timeline_app.core.store import EventFilter

    out = tmp_path / "exhibit.pdf"
    monkeypatch.setattr(
        exhibit_dialog.ExhibitDialog,
        "ask",
        classmethod(
            lambda cls, parent, shown, default: ExhibitChoice(
                EventFilter(key_only=True), "a4", "For the CMC", out
            )
        ),
    )
    assert window.exhibit_action.shortcut().toString() == "Ctrl+Shift+E"
    window.exhibit_action.trigger()
    assert out.read_bytes().startswith(b"%PDF")
    assert not shown_errors
    # Too many for one page: said in words, naming the window's ways, and nothing written.
    with CaseStore.open(window.store.path) as store:
        store.add_events(
            [
                Event(
                    f"e{i}",
                    date=FuzzyDate(dt.date(2018, 1, 1), dt.date(2018, 1, 1), "day"),
                    key=True,
                )
                for i in range(40)
            ]
        )
    out.unlink()
    window.exhibit_action.trigger()
    assert "are chosen" in shown_errors[-1] and "--" not in shown_errors[-1]
    assert not out.exists()


def test_the_exhibit_dialog_chooses_key_events_by_default(qtbot) -> None:
    from timeline_app.core.store import EventFilter

    dialog = exhibit_dialog.ExhibitDialog(EventFilter(text="claim"))
    qtbot.addWidget(dialog)
    assert dialog.where() == EventFilter(key_only=True)
    dialog.shown_radio.setChecked(True)
    assert dialog.where() == EventFilter(text="claim")
    dialog.all_radio.setChecked(True)
    assert dialog.where() == EventFilter()
    dialog.paper_combo.setCurrentIndex(1)
    assert dialog.choice(Path("x.pdf")).paper == "a3"


def test_the_word_export_can_take_the_exhibit_as_its_picture(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_errors: list[str]
) -> None:
    import docx

    from timeline_app.core.store import EventFilter
    from timeline_app.ui.dialogs import export

    dialog = export.ExportDialog(EventFilter(), tmp_path / "x")
    assert not dialog.timeline_style_combo.isEnabled()  # only with a picture, only in Word
    dialog.timeline_check.setChecked(True)
    assert dialog.timeline_style_combo.isEnabled()
    dialog.timeline_style_combo.setCurrentIndex(1)
    dialog.key_only_check.setChecked(True)
    choice = dialog.choice(tmp_path / "exhibit.docx")
    assert choice.timeline_style == "exhibit" and choice.options.timeline
    monkeypatch.setattr(
        export.ExportDialog, "ask", classmethod(lambda cls, *args, **kwargs: choice)
    )
    window.export_action.trigger()
    assert not shown_errors
    document = docx.Document(str(tmp_path / "exhibit.docx"))
    shape = document.inline_shapes[0]
    assert 1.38 < shape.width / shape.height < 1.45  # the exhibit's A4 page, not the lanes
