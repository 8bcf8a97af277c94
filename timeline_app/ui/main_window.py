"""The main window: the chronology table, its filters, the editor, menus and the undo stack."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QModelIndex,
    QRectF,
    QSettings,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QPageLayout,
    QPainter,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core import dates
from timeline_app.core.chronology import clipboard_text
from timeline_app.core.errors import CancelledError, ConflictError, UserError
from timeline_app.core.model import Category, Event, Party, Source, Status
from timeline_app.core.progress import collect_set_aside
from timeline_app.core.services import bundles, chronology, filters, served
from timeline_app.core.services.compare import compare_files
from timeline_app.core.services.merging import MergePlan
from timeline_app.core.store import CaseStore, EventFilter, is_server_address
from timeline_app.core.store.sqlite.files import FULL_CHECK_ALWAYS
from timeline_app.core.timeline import EVERYTHING, TimelineFilter, timeline_filter
from timeline_app.core.timescale import from_days
from timeline_app.paths import log_file
from timeline_app.ui.checking import DamageCheck
from timeline_app.ui.commands import (
    AddEventCommand,
    AddRecordCommand,
    DeleteEventsCommand,
    EditCaseInfoCommand,
    EditEventCommand,
    ImportCommand,
    MarkServedCommand,
    MergeEventsCommand,
    MoveDocumentsCommand,
    ReorderEventsCommand,
    short_title,
)
from timeline_app.ui.dialogs.case_properties import CasePropertiesDialog
from timeline_app.ui.dialogs.comparing import CompareDialog, sides_of
from timeline_app.ui.dialogs.merging import MergeDialog
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.dialogs.records import RecordForm, RecordManager
from timeline_app.ui.dialogs.save_as import with_suffix
from timeline_app.ui.editor import EventEditor
from timeline_app.ui.models import EventTableModel
from timeline_app.ui.progress import progress, waiting
from timeline_app.ui.searching import Found, TableSearch
from timeline_app.ui.timeline.memory import TimelineMemory, recall, remember
from timeline_app.ui.timeline.overview import OverviewStrip
from timeline_app.ui.timeline.scrollbar import TimelineScrollBar
from timeline_app.ui.timeline.view import TimelineView

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)

CASE_FILTER = "Evidence Timeline cases (*.case);;All files (*)"
IMPORT_FILTER = (
    "Files to import (*.csv *.tsv *.xlsx *.txt *.docx *.json *.case *.eml *.mbox *.msg);;"
    "Spreadsheets (*.csv *.tsv *.xlsx);;Documents (*.txt *.docx);;"
    "Emails (*.eml *.mbox *.msg);;Whole cases (*.json *.case);;All files (*)"
)
_IMPORTED = {".csv", ".tsv", ".xlsx", ".xlsm", ".txt", ".docx", ".json"}
_IMPORTED |= {".eml", ".mbox", ".mbx", ".msg"}
SERVER_WATCH_INTERVAL_MS = 250  # a server's NOTIFY is read at once; a change shows within 1 s
_WINDOW_TIP = "A date window, typed as any date: '2018', 'March 2018', '8/11/2018'"
MAX_RECENT = 8
WATCH_INTERVAL_MS = 1000  # another copy's change shows within two seconds
BACKGROUND_TIMELINE_FROM = 20_000
"""A case file with this many events has its timeline read on a thread of its own."""
BACKGROUND_SEARCH_FROM = 20_000
"""A case file with this many events has the table's search and filters read on a thread,
and opens with only its first rows read (:data:`FIRST_ROWS`); the rest follow."""
FIRST_ROWS = 1_000


class FileDialogs:
    """The file choosers, in one place so tests can patch them."""

    @classmethod
    def open_case(cls, parent: QWidget, folder: str = "") -> str | None:
        """The case file to open, or None."""
        path, _ = QFileDialog.getOpenFileName(parent, "Open case", folder, CASE_FILTER)
        return path or None

    @classmethod
    def new_case(cls, parent: QWidget, title: str = "New case", folder: str = "") -> str | None:
        """A new file's name (".case" added when it has none), or None."""
        path, _ = QFileDialog.getSaveFileName(parent, title, folder, CASE_FILTER)
        if path and Path(path).suffix.lower() != ".case" and not Path(path).exists():
            path += ".case"  # "Smith v. Jones" is a name, not a file type
        return path or None

    @classmethod
    def import_file(cls, parent: QWidget, folder: str = "") -> str | None:
        """A file to import events from, or None."""
        path, _ = QFileDialog.getOpenFileName(parent, "Import events", folder, IMPORT_FILTER)
        return path or None

    @classmethod
    def bundle_index(cls, parent: QWidget, folder: str = "") -> str | None:
        """A re-paginated bundle's index (CSV or Excel), or None."""
        path, _ = QFileDialog.getOpenFileName(
            parent,
            "Re-paginate from a bundle index",
            folder,
            "Bundle indexes (*.csv *.xlsx);;All files (*)",
        )
        return path or None

    @classmethod
    def compare_with(cls, parent: QWidget, folder: str = "") -> str | None:
        """Their chronology: a case file or a chronology kept as a Word table, or None."""
        path, _ = QFileDialog.getOpenFileName(
            parent,
            "Compare with their chronology",
            folder,
            "Cases and Word chronologies (*.case *.docx);;All files (*)",
        )
        return path or None

    @classmethod
    def import_folder(cls, parent: QWidget, folder: str = "") -> str | None:
        """A folder of emails (.eml, .mbox, .msg, in it or below) to import, or None."""
        return (
            QFileDialog.getExistingDirectory(parent, "Import the emails in a folder", folder)
            or None
        )

    @classmethod
    def export_json(cls, parent: QWidget, default: str) -> str | None:
        """Where to write the whole case as JSON (".json" added when missing), or None."""
        path, _ = QFileDialog.getSaveFileName(
            parent, "Export the whole case as JSON", default, "JSON files (*.json)"
        )
        chosen = with_suffix(parent, path, ".json") if path else None
        return str(chosen) if chosen is not None else None


class MainWindow(QMainWindow):
    """One case at a time: table, filters, editor; every change goes through the undo stack."""

    def __init__(self, settings: QSettings, basedir: str | None = None) -> None:
        super().__init__()
        self._settings = settings
        self._basedir = basedir
        self.store: CaseStore | None = None
        self.model: EventTableModel | None = None
        self._reloading = False
        self._navigating = False
        self.undo_stack = QUndoStack(self)
        self.setAcceptDrops(True)
        self.setMinimumSize(900, 560)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search titles, descriptions, people, references…")
        self.search_edit.setClearButtonEnabled(True)
        self.category_filter = QComboBox()
        self.party_filter = QComboBox()
        self.status_filter = QComboBox()
        self.key_filter = QCheckBox("Key only")
        self.from_edit = QLineEdit()
        self.from_edit.setPlaceholderText("from (any date)")
        self.to_edit = QLineEdit()
        self.to_edit.setPlaceholderText("to (any date)")
        for edit in (self.from_edit, self.to_edit):
            edit.setMaximumWidth(130)
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("from (any date)") + 14)
            edit.setToolTip(_WINDOW_TIP)
        self.count_label = QLabel()
        self.search_edit.setMinimumWidth(160)
        for combo in (self.category_filter, self.party_filter, self.status_filter):
            combo.setMaximumWidth(170)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        for widget in (
            self.category_filter,
            self.party_filter,
            self.status_filter,
            self.key_filter,
            self.from_edit,
            self.to_edit,
        ):
            filters.addWidget(widget)
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the editor; arrows move rows
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(6, 6, 6, 0)
        column.addLayout(filters)
        column.addWidget(self.table)
        column.addWidget(self.count_label)
        self.setCentralWidget(central)

        self.timeline = TimelineView()
        self.lanes_combo = QComboBox()
        for label, kind in (
            ("Lanes by category", "category"),
            ("Lanes by person", "party"),
            ("Lanes by status", "status"),
        ):
            self.lanes_combo.addItem(label, kind)
        self.fit_button = QPushButton("Fit all")
        self.fit_button.setToolTip("Show the whole case (0)")
        self.zoom_selection_button = QPushButton("Zoom to selection")
        self.zoom_selection_button.setToolTip("Fit the timeline to the selected event (Z)")
        self.picture_button = QPushButton("Save picture…")
        self.picture_button.setToolTip("Save the timeline as shown to PNG, SVG or PDF")
        self.follow_check = QCheckBox("Follo&w filters")
        self.follow_check.setChecked(True)
        self.follow_check.setToolTip(
            "The timeline shows the events the table's filters and date window show, and "
            "marks the search's hits"
        )
        self.empty_lanes_check = QCheckBox("Empty &lanes")
        self.empty_lanes_check.setToolTip("Also show the lanes no event shown is in")
        self._lane_orders: dict[str, list[str]] = {}
        timeline_bar = QHBoxLayout()
        for widget in (
            self.lanes_combo,
            self.fit_button,
            self.zoom_selection_button,
            self.picture_button,
            self.follow_check,
            self.empty_lanes_check,
        ):
            timeline_bar.addWidget(widget)
        timeline_bar.addStretch()
        timeline_panel = QWidget()
        timeline_column = QVBoxLayout(timeline_panel)
        timeline_column.setContentsMargins(2, 2, 2, 2)
        timeline_column.addLayout(timeline_bar)
        # Many lanes (people, say) scroll up and down; the time axis has its own scrollbar.
        lanes_area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        lanes_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lanes_area.setWidget(self.timeline)
        # Scrolling moves the lanes but not the axis: the whole view is drawn again.
        lanes_area.verticalScrollBar().valueChanged.connect(self.timeline.update)
        timeline_column.addWidget(lanes_area)
        self.timeline_scrollbar = TimelineScrollBar(self.timeline)
        timeline_column.addWidget(self.timeline_scrollbar)
        self.overview = OverviewStrip(self.timeline)
        timeline_column.addWidget(self.overview)
        self.timeline_dock = QDockWidget("Timeline", self)
        self.timeline_dock.setObjectName("timeline")
        self.timeline_dock.setWidget(timeline_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.timeline_dock)

        self.editor = EventEditor()
        self.editor_dock = QDockWidget("Event", self)
        self.editor_dock.setObjectName("editor")
        self.editor_dock.setWidget(self.editor)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.editor_dock)

        self._window_error_shown = False
        self._reconnections = 0
        self.where_label = QLabel()
        self.where_label.hide()
        self.statusBar().addPermanentWidget(self.where_label)
        self.timeline_busy = QProgressBar()  # moving while a big case's timeline is read
        self.timeline_busy.setRange(0, 0)
        self.timeline_busy.setMaximumWidth(120)
        self.timeline_busy.setToolTip("Reading the timeline; the table can be used meanwhile.")
        self.timeline_busy.hide()
        self.statusBar().addPermanentWidget(self.timeline_busy)
        self.search_busy = QLabel()  # shown while a big case's search is read
        self.search_busy.hide()
        self.statusBar().addPermanentWidget(self.search_busy)
        self._after_search: tuple[int, bool] | None = None  # an event to select (and edit?)
        self._select_after: int | None = None  # an event to select once its row is read
        self._searching: EventFilter | None = None  # the filter a search is being read for
        self._search_mark: tuple[int, int] | None = None  # the case's as the newest search began
        self._court_rows: tuple[tuple[int, int], list[int]] | None = None
        """Every event's id in court order, and the case's change mark when they were read."""
        self._closing_unreadable = False
        self._remembered_timeline: TimelineMemory | None = None
        self._damage_check = DamageCheck(self)
        self._damage_check.damaged.connect(self._on_damage_check_damaged)
        self._search = TableSearch(self)
        self._search.found.connect(self._on_search_found)
        self._filter_timer = QTimer(self, singleShot=True, interval=150)
        self._watch_timer = QTimer(self, interval=WATCH_INTERVAL_MS)
        self._timeline_timer = QTimer(self, singleShot=True, interval=0)
        self._timeline_timer.timeout.connect(self._load_timeline)
        self._make_actions()
        self._make_menus()
        self._connect()
        self._set_case_enabled(False)
        self._update_title()
        self.statusBar().showMessage("Open a case, or create one with File ▸ New case.")
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:  # the first time: on a laptop's screen too, the timeline under half of it
            screen = self.screen().availableGeometry()
            self.resize(min(1280, screen.width() * 9 // 10), min(780, screen.height() * 9 // 10))
            self.resizeDocks(
                [self.timeline_dock], [min(380, self.height() * 2 // 5)], Qt.Orientation.Vertical
            )
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    # ------------------------------------------------------------------ actions and menus

    def _action(self, text: str, slot: object, shortcut: object = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        action.setToolTip(action.statusTip())
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New case…", self.new_case, keys.New)
        self.open_action = self._action("&Open…", self.choose_case, keys.Open)
        self.open_server_action = self._action(
            "Open from &server…",
            self.open_from_server,
            "Ctrl+Shift+O",
            "Open a team case on the firm's PostgreSQL server",
        )
        self.save_copy_action = self._action(
            "Save a &copy as…",
            self.save_copy,
            keys.SaveAs,
            "Save a snapshot of the case to send to someone",
        )
        self.export_action = self._action(
            "&Export chronology…", self.export, "Ctrl+E", "Write the chronology to Word or CSV"
        )
        self.exhibit_action = self._action(
            "Export e&xhibit…",
            self.export_exhibit,
            "Ctrl+Shift+E",
            "Draw the chosen events as a courtroom exhibit: one axis, a callout each",
        )
        self.import_action = self._action(
            "&Import events…",
            self.import_events,
            "Ctrl+I",
            "Add events from a spreadsheet, a document, a JSON file or another case",
        )
        self.import_folder_action = self._action(
            "Import emails from a &folder…",
            lambda: self.import_events(FileDialogs.import_folder(self, self._folder()) or []),
            tip="Add the .eml, .mbox and .msg emails in a folder (and its folders) as events",
        )
        self.paste_import_action = self._action(
            "Import from &pasted text…",
            lambda: self.import_events(pasted=True),
            "Ctrl+Shift+V",
            "Find the dated events in a statement or article you paste",
        )
        self.export_json_action = self._action(
            "Export whole case as &JSON…",
            self.export_json,
            tip="Every event, person, "
            "document and category, to bring into another case without loss",
        )
        self.print_action = self._action(
            "&Print timeline…", self.choose_printer, keys.Print, "Print the timeline as shown"
        )
        self.close_action = self._action("&Close", self.close_case, keys.Close)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(keys.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action.triggered.connect(lambda: self._say_undone("Undone", 0))
        self.redo_action.triggered.connect(lambda: self._say_undone("Redone", 1))
        self.add_action = self._action(
            "&Add event", self.add_event, [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        )
        self.edit_action = self._action(
            "&Edit event", self.edit_selected, [QKeySequence("Return"), QKeySequence("Enter")]
        )
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.edit_action)
        self.duplicate_action = self._action("D&uplicate", self.duplicate_selected, "Ctrl+D")
        self.delete_action = self._action("&Delete", self.delete_selected, keys.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)
        self.key_action = self._action("Mark as &key event", self.toggle_key, "Ctrl+K")
        self.merge_action = self._action(
            "&Merge events…",
            self.merge_selected,
            "Ctrl+M",
            "Make the two selected events one, choosing which values to keep",
        )
        self.copy_action = self._action("&Copy as text", self.copy_selected, keys.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.copy_action)
        self.up_action = self._action(
            "Move &up (same date)", lambda: self.move_selected(-1), "Alt+Up"
        )
        self.down_action = self._action(
            "Move dow&n (same date)", lambda: self.move_selected(1), "Alt+Down"
        )
        self.find_action = self._action("&Find", self.focus_search, keys.Find)
        self.reload_action = self._action(
            "&Reload the case", self.reload, keys.Refresh, "Read the case file again"
        )
        self.properties_action = self._action("Case &properties…", self.edit_case_properties)
        self.served_action = self._action("Ser&ved versions…", self.show_served_versions)
        self.repaginate_action = self._action(
            "Re-paginate from a &bundle index…",
            self.repaginate,
            tip="Move each document to its tab and first page in a new bundle index (CSV or "
            "Excel: tab, document, first page, last page); every reference follows",
        )
        self.compare_action = self._action(
            "Co&mpare with…",
            self.compare_with,
            tip="Compare the chronology with theirs (a case or a Word chronology) and agree it",
        )
        self.cast_action = self._action("Ca&st…", lambda: self.manage(Party))
        self.sources_action = self._action("&Documents…", lambda: self.manage(Source))
        self.categories_action = self._action("Ca&tegories…", lambda: self.manage(Category))
        self.about_action = self._action(
            "&About Evidence Timeline",
            self.about,
            tip="The version, and where the case, the log and the licences are",
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.case_actions = [
            self.save_copy_action,
            self.export_action,
            self.exhibit_action,
            self.import_action,
            self.import_folder_action,
            self.paste_import_action,
            self.export_json_action,
            self.print_action,
            self.close_action,
            self.add_action,
            self.edit_action,
            self.duplicate_action,
            self.delete_action,
            self.key_action,
            self.merge_action,
            self.copy_action,
            self.up_action,
            self.down_action,
            self.find_action,
            self.reload_action,
            self.properties_action,
            self.served_action,
            self.repaginate_action,
            self.cast_action,
            self.sources_action,
            self.categories_action,
        ]

    def _make_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        menu.addActions([self.new_action, self.open_action, self.open_server_action])
        self.recent_menu = menu.addMenu("Open &Recent")
        menu.addSeparator()
        menu.addActions([self.import_action, self.import_folder_action, self.paste_import_action])
        menu.addSeparator()
        menu.addActions(
            [
                self.save_copy_action,
                self.export_action,
                self.exhibit_action,
                self.export_json_action,
                self.print_action,
                self.close_action,
            ]
        )
        menu.addSeparator()
        menu.addAction(self.quit_action)
        menu = self.menuBar().addMenu("&Edit")
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        menu.addActions(
            [
                self.add_action,
                self.edit_action,
                self.duplicate_action,
                self.delete_action,
                self.key_action,
                self.merge_action,
                self.copy_action,
            ]
        )
        menu.addSeparator()
        menu.addActions([self.up_action, self.down_action])
        menu.addSeparator()
        menu.addAction(self.find_action)
        menu = self.menuBar().addMenu("&Case")
        menu.addActions(
            [self.properties_action, self.cast_action, self.sources_action, self.categories_action]
        )
        menu.addSeparator()
        menu.addActions([self.served_action, self.repaginate_action])
        menu.addAction(self.compare_action)
        menu = self.menuBar().addMenu("&View")
        menu.addAction(self.reload_action)
        menu.addAction(self.editor_dock.toggleViewAction())
        menu.addAction(self.timeline_dock.toggleViewAction())
        menu.addAction("Reset the timeline's lane &order", self.timeline.reset_lane_order)
        self.menuBar().addMenu("&Help").addAction(self.about_action)
        self._update_recent_menu()

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._filter_timer.start)
        for combo in (self.category_filter, self.party_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._filter_timer.start)
        self.key_filter.toggled.connect(self._filter_timer.start)
        self.from_edit.editingFinished.connect(self._filter_timer.start)
        self.to_edit.editingFinished.connect(self._filter_timer.start)
        self._filter_timer.timeout.connect(self._on_filter_timer_timeout)
        self._watch_timer.timeout.connect(self._on_watch_timer_timeout)
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_changed)
        self.table.horizontalHeader().customContextMenuRequested.connect(
            self._on_header_context_menu
        )
        self.editor.save_requested.connect(self._on_editor_save_requested)
        self.timeline.event_selected.connect(self._on_timeline_event_selected)
        self.lanes_combo.currentIndexChanged.connect(self._on_lanes_combo_changed)
        self.fit_button.clicked.connect(self.timeline.fit_all)
        self.zoom_selection_button.clicked.connect(self.timeline.zoom_to_selection)
        self.picture_button.clicked.connect(self.save_timeline_picture)
        self.timeline.edit_requested.connect(self._on_timeline_edit_requested)
        self.timeline.redate_requested.connect(self._on_timeline_redate_requested)
        self.timeline.describe = self._references_of
        self.follow_check.toggled.connect(self._on_follow_check_toggled)
        self.empty_lanes_check.toggled.connect(self.timeline.set_empty_lanes)
        self.timeline.lane_order_changed.connect(self._on_timeline_lane_order_changed)
        self.timeline.loaded.connect(self._on_timeline_loaded)
        self.timeline.load_failed.connect(self._on_timeline_load_failed)
        self.editor.add_person_requested.connect(self._on_editor_add_person_requested)

    # ------------------------------------------------------------------ opening and closing

    def open_case(self, path: str | Path) -> bool:
        """Close the current case (keeping its edits) and open ``path``; False if refused."""
        if not self._settle_editor():
            return False
        try:
            store = CaseStore.open(path)
        except UserError as error:
            self.report(error)
            return False
        try:
            events = store.count_events()
            if store.path is None or events < BACKGROUND_TIMELINE_FROM:
                store.check_values()  # the table and the timeline are about to read every event
            # else the timeline's load checks them first, beside the window
        except UserError as error:
            store.close()
            self.report(error)
            return False
        self._close_store()
        self._clear_filter_fields()  # a case opens unfiltered, as its table shows it
        self.store = store
        big = store.path is not None and events >= BACKGROUND_SEARCH_FROM
        self.model = EventTableModel(store, self, first_rows=FIRST_ROWS if big else None)
        if big and store.path is not None:  # the rest of the rows are read beside the window
            self._search_mark = store.change_mark
            self._search.start(store.path, self.model.event_filter, self.model.ordering)
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.counts_changed.connect(self._on_model_counts_changed)
        self.model.unreadable.connect(self._on_model_unreadable)
        self._restore_columns()
        # Every case opens in the court's order, whatever the table was last sorted by.
        self.table.horizontalHeader().setSortIndicator(
            EventTableModel.COL_DATE, Qt.SortOrder.AscendingOrder
        )
        self._fill_filters()
        self._on_model_counts_changed(self.model.rowCount(), self.model.total)
        self._load_editor_choices()
        self._load_editor(None)
        self._set_case_enabled(True)
        if store.path is not None and store.path.stat().st_size > FULL_CHECK_ALWAYS:
            self._damage_check.start(store)  # opening checked its schema, not every page
        # The table shows first; the timeline, which reads every dated event, right after.
        QTimer.singleShot(0, lambda: self.store is store and self._load_timeline(first=True))
        # A server tells of others' changes at once; a file is asked whether it changed.
        self._watch_timer.setInterval(
            SERVER_WATCH_INTERVAL_MS if store.path is None else WATCH_INTERVAL_MS
        )
        self._watch_timer.start()
        self._reconnections = getattr(store, "reconnections", 0)
        self._remember(store.location)
        self._update_title()
        self._update_where()
        self.statusBar().showMessage(store.read_only_reason or f"Opened {store.location}", 8000)
        if self.model.rowCount():
            self.table.selectRow(0)
        return True

    def close_case(self) -> bool:
        """Close the case (after saving or discarding the editor's edits)."""
        if not self._settle_editor():
            return False
        self._close_store()
        self._update_title()
        return True

    def _close_store(self) -> None:
        self._watch_timer.stop()
        self._search.cancel()
        self._searched()
        self._court_rows = self._select_after = None
        self._save_columns()
        self.undo_stack.clear()
        self.table.setModel(None)
        self.model = None
        if self.store is not None:
            self._remember_timeline(self.store)
            self.store.close()
            self.store = None
        self.editor.load(None)
        self.timeline.set_store(None)
        self.timeline_busy.hide()
        self._set_case_enabled(False)
        self.count_label.clear()
        collect_set_aside()  # the closed case's objects, and any cycle among them

    def new_case(self) -> None:
        """Ask for a file name and create an empty case there."""
        path = FileDialogs.new_case(self, folder=self._folder())
        if path is None:
            return
        try:
            CaseStore.create(path, title=Path(path).stem).close()
        except UserError as error:
            self.report(error)
            return
        self.open_case(path)

    def choose_case(self) -> None:
        """Ask for a case file and open it."""
        path = FileDialogs.open_case(self, folder=self._folder())
        if path is not None:
            self.open_case(path)

    def save_copy(self) -> None:
        """Save a snapshot of the case under another name."""
        if self.store is None:
            return
        path = FileDialogs.new_case(self, "Save a copy as", folder=self._folder())
        if path is None:
            return
        try:
            self.store.save_copy(path)
        except UserError as error:
            self.report(error)
            return
        self.statusBar().showMessage(f"Saved a copy to {path}", 8000)

    def export(self) -> None:
        """Ask for the export options and a file, then export with a progress bar."""
        if self.store is None or self.model is None or not self._settle_editor():
            return
        from timeline_app.core.services.exhibit import WINDOW_ADVICE  # noqa: PLC0415
        from timeline_app.ui.dialogs.export import ExportDialog  # noqa: PLC0415
        from timeline_app.ui.timeline.render import timeline_painter  # noqa: PLC0415

        store = self.store
        default = Path(self._folder()) / f"{store.case_info().title} chronology"
        info = store.case_info()
        template, unavailable = chronology.house_template(info)
        choice = ExportDialog.ask(
            self,
            self._table_filter(),
            default,
            store.count_events,
            template=template,
            brackets=info.reference_brackets,
            served=[version.label for version in store.served_versions()],
            memory=self._settings,
        )
        if choice is None:
            return
        version = None
        if choice.served:
            try:  # a label taken, or privileged notes, is said before the file is written
                version = served.served_now(store, choice.served, choice.options)
            except UserError as error:
                Messages.user_error(self, error)
                return
        if choice.kind in ("docx", "pdf"):
            try:
                warnings = chronology.check_chronology(store, choice.options)
            except UserError as error:
                Messages.user_error(self, error)
                return
            if unavailable and not choice.options.template:
                warnings.insert(0, unavailable)
            if warnings and not Messages.confirm(
                self,
                "Before the chronology is exported:\n\n"
                + "\n".join(f"• {warning}" for warning in warnings)
                + "\n\nExport it anyway?",
            ):
                return
        try:
            with progress(self, "Writing the chronology…", "Export chronology") as step:
                done = chronology.export_chronology(
                    store,
                    choice.path,
                    choice.kind,
                    choice.options,
                    painter=timeline_painter(
                        store,
                        choice.timeline_style if choice.options.timeline else "lanes",
                        where=choice.options.where,
                        lanes=self.timeline.lanes,
                        ways=WINDOW_ADVICE,
                    ),
                    progress=step,
                )
        except UserError as error:
            Messages.user_error(self, error)
            return
        if done.notes:
            Messages.notice(self, "\n\n".join(done.notes))
        kept = ""
        if version is not None and self.push(MarkServedCommand(store, version, self.report)):
            kept = f", and kept it as served: “{version.label}”"
        self.statusBar().showMessage(
            f"Exported {done.count:,} {'event' if done.count == 1 else 'events'} to {choice.path}"
            + kept,
            10000,
        )

    def repaginate(self, path: str | None = None) -> None:
        """Move the documents to their places in a re-paginated bundle's index: one undo step."""
        if self.store is None or not self._settle_editor():
            return
        path = path or FileDialogs.bundle_index(self, self._folder())
        if path is None:
            return
        try:
            index = bundles.open_index(path)
            plan = bundles.plan_repagination(self.store, index)
        except UserError as error:
            Messages.user_error(self, error)
            return
        if not plan.moves:
            Messages.notice(
                self,
                f"Every document of {index.name} that the case has is at its place already; "
                "nothing was moved.",
            )
            return
        said = [
            f"Move {len(plan.moves)} {'document' if len(plan.moves) == 1 else 'documents'} "
            f"to their places in {index.name}? Every reference follows its document; served "
            "versions keep their references as served."
        ]
        if plan.unknown:
            said.append(
                f"{len(plan.unknown)} documents of the index are not in the case and are left "
                f"out: {', '.join(e.document for e in plan.unknown[:5])}"
                f"{' …' if len(plan.unknown) > 5 else ''}."
            )
        said += index.problems[:5]
        if plan.outside:
            said.append(
                f"{len(plan.outside)} references will fall outside their document's pages:\n"
                + "\n".join(f"• {line}" for line in plan.outside[:10])
                + ("\n…" if len(plan.outside) > 10 else "")
            )
        if not Messages.confirm(self, "\n\n".join(said)):
            return
        command = MoveDocumentsCommand(self.store, plan.previous, plan.moved, self.report)
        if self.push(command):  # the window reloads as the undo stack moves
            self.statusBar().showMessage(
                f"Moved {len(plan.moves)} documents to their places in {index.name}"
                + (f"; {len(plan.outside)} references fall outside" if plan.outside else ""),
                10000,
            )

    def show_served_versions(self) -> None:
        """Case ▸ Served versions: the versions of the chronology served so far."""
        if self.store is None:
            return
        from timeline_app.ui.dialogs.served import ServedVersionsDialog  # noqa: PLC0415

        try:
            versions = self.store.served_versions()
        except UserError as error:
            Messages.user_error(self, error)
            return
        ServedVersionsDialog.show_versions(self, versions)

    def import_events(self, path: str | list[str] | None = None, *, pasted: bool = False) -> None:
        """Review a file's (or pasted text's) events, then add the chosen ones: one undo step.

        ``path`` may be a folder of emails, or several email files dropped together; an empty
        list is a choice cancelled.
        """
        if path == []:
            return
        if self.store is None or not self._settle_editor():
            return
        if self.store.read_only:
            Messages.user_error(
                self, UserError(f"{self.store.read_only_reason} Nothing can be imported into it.")
            )
            return
        from timeline_app.core import importing  # noqa: PLC0415  (only when importing)
        from timeline_app.ui.dialogs.importing import ImportDialog  # noqa: PLC0415

        file = None
        if not pasted:
            path = path or FileDialogs.import_file(self, self._folder())
            if path is None:
                return
            try:
                file = (
                    importing.open_emails([Path(p) for p in path])
                    if isinstance(path, list)
                    else importing.open_file(path)
                )
            except UserError as error:
                Messages.user_error(self, error)
                return
        reviewed = ImportDialog.review(self, self.store, file)
        if reviewed is None:
            return
        plan, rows = reviewed
        batch = plan.batch(rows)
        self._watch_timer.stop()  # nothing is reloaded while the import's change is open
        try:
            with progress(self, "Saving the events…", "Import events") as step:
                done = self.push(
                    ImportCommand(
                        self.store,
                        batch,
                        plan.name,
                        self.report,
                        on_first_error=self._on_import_refused,
                        progress=step,
                    )
                )
        finally:
            self._watch_timer.start()
        if done:
            count = len(batch.events)
            self.statusBar().showMessage(
                f"Imported {count:,} event{'s' * (count != 1)} from {plan.name}. Undo "
                f"({self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}) "
                "takes them all out again.",
                15000,
            )

    def _on_import_refused(self, error: UserError) -> None:
        """Cancel while saving an import is the user's own choice: said, not shown as a problem."""
        if isinstance(error, CancelledError):
            self.statusBar().showMessage(str(error), 10000)
        else:
            self.report(error)

    def export_json(self) -> None:
        """Write the whole case as JSON, to bring into another case without loss."""
        if self.store is None:
            return
        from timeline_app.core import casejson  # noqa: PLC0415

        default = str(Path(self._folder()) / f"{self.store.case_info().title}.json")
        path = FileDialogs.export_json(self, default)
        if path is None:
            return
        try:
            count = casejson.export_json(self.store, path)
        except UserError as error:
            Messages.user_error(self, error)
            return
        self.statusBar().showMessage(f"Exported the whole case ({count:,} events) to {path}", 10000)

    def about(self) -> None:
        """Help ▸ About: the versions, and where the case, the log and the licences are."""
        from timeline_app.ui.about import facts  # noqa: PLC0415
        from timeline_app.ui.dialogs.about import AboutDialog  # noqa: PLC0415

        case = self.store.location if self.store is not None else "none open"
        AboutDialog(facts(self._basedir, case), self.windowIcon(), self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._settle_editor():
            event.ignore()
            return
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._close_store()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            paths = [u.toLocalFile() for u in urls]
            path = paths[0]
            # A spreadsheet, a document, emails or a folder of them dropped on an open case
            # are imported into it; several emails at once.
            if self.store is not None and len(paths) > 1:
                self.import_events(paths)
            elif self.store is not None and (
                Path(path).suffix.lower() in _IMPORTED or Path(path).is_dir()
            ):
                self.import_events(path)
            else:
                self.open_case(path)

    # ------------------------------------------------------------------ events

    def push(self, command: QUndoCommand) -> bool:
        """Do a command through the undo stack; False if the store refused it."""
        self.undo_stack.push(command)
        return not getattr(command, "failed", False)

    def report(self, error: UserError) -> None:
        """Show a problem the user can act on; reload if it came from another copy's change."""
        Messages.user_error(self, error)
        if self.store is not None:
            self.reload()

    def selected_events(self) -> list[Event]:
        """The selected events, in table order."""
        if self.model is None:
            return []
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.event_at(row) for row in rows]

    def add_event(self) -> None:
        """Start a new event in the editor."""
        if self.store is None or not self._settle_editor():
            return
        self.table.clearSelection()
        self._load_editor(None)
        self.editor_dock.show()
        self.editor.date_edit.setFocus()

    def edit_selected(self) -> None:
        """Put the cursor in the editor for the selected event."""
        if self.selected_events():
            self.editor_dock.show()
            self.editor.date_edit.setFocus()

    def duplicate_selected(self) -> None:
        """Add a copy of each selected event (one undo step)."""
        if self.store is None or not self._settle_editor():
            return
        events = self.selected_events()
        self.undo_stack.beginMacro("Duplicate events" if len(events) > 1 else "Duplicate event")
        for event in events:
            copy = dataclasses.replace(event, id=None, title=f"{event.title} (copy)")
            self.push(AddEventCommand(self.store, copy, self.report, verb="Duplicate"))
        self.undo_stack.endMacro()

    def delete_selected(self) -> None:
        """Delete the selected events (Undo brings them back)."""
        if self.store is None or not self._settle_editor():
            return
        events = self.selected_events()
        if not events:
            return
        if self.push(DeleteEventsCommand(self.store, events, self.report)):
            self.statusBar().showMessage(
                f"Deleted {len(events):,} event{'s' * (len(events) != 1)}; Ctrl+Z brings "
                f"{'it' if len(events) == 1 else 'them'} back.",
                8000,
            )

    def toggle_key(self) -> None:
        """Mark the selected events as key events, or unmark them."""
        if self.store is None or not self._settle_editor():
            return
        events = self.selected_events()
        if not events:
            return
        make_key = not all(e.key for e in events)
        changing = [e for e in events if e.key != make_key]
        self.push(
            EditEventCommand(
                self.store,
                changing,
                [dataclasses.replace(e, key=make_key) for e in changing],
                self.report,
                text="Mark as key event" if make_key else "Unmark key event",
            )
        )

    def merge_selected(self) -> None:
        """Make the two selected events one: the older kept, values as the user chooses."""
        if self.store is None or self.model is None or not self._settle_editor():
            return
        events = self.selected_events()
        if len(events) != 2:
            self.statusBar().showMessage(
                "Select the two events to merge (Ctrl+click the second), then Merge.", 8000
            )
            return
        plan = MergePlan.of(*events)
        numbers = (self.model.number_of(plan.kept.id), self.model.number_of(plan.other.id))  # type: ignore[arg-type]
        chosen = MergeDialog.ask(self, self.store, plan, numbers)
        if chosen is None:
            return
        merged = plan.merged(*chosen)
        if self.push(MergeEventsCommand(self.store, merged, plan.other, self.report)):
            self.select_event(plan.kept.id)
            self.statusBar().showMessage(
                f"Merged No. {numbers[1]} into No. {numbers[0]}; Ctrl+Z separates them again.",
                8000,
            )

    def copy_selected(self) -> None:
        """Copy the selected rows as tab-separated text (Date, Event, Parties, References …)."""
        if self.model is None:
            return
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        if rows:
            QGuiApplication.clipboard().setText(
                clipboard_text(self.model.chronology_row(row) for row in rows)
            )

    def move_selected(self, step: int) -> None:
        """Move the selected event up or down among the events that share its date."""
        if self.store is None or self.model is None or not self._settle_editor():
            return
        events = self.selected_events()
        if len(events) != 1:
            return
        event = events[0]
        siblings = self.store.events_sharing_date(event.id)  # type: ignore[arg-type]
        position = next(i for i, e in enumerate(siblings) if e.id == event.id)
        target = position + step
        if not 0 <= target < len(siblings):
            self.statusBar().showMessage("No other event shares this date on that side.", 5000)
            return
        siblings[position], siblings[target] = siblings[target], siblings[position]
        before = {e.id: e.sequence for e in siblings}
        after = {e.id: index for index, e in enumerate(siblings)}
        self.push(ReorderEventsCommand(self.store, before, after, self.report))  # type: ignore[arg-type]
        self.select_event(event.id)

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def edit_case_properties(self) -> None:
        """Edit the court heading, parties and date settings."""
        if self.store is None:
            return
        before = self.store.case_info()
        after = CasePropertiesDialog.ask(self, before)
        if after is not None and after != before:
            self.push(EditCaseInfoCommand(self.store, before, after, self.report))
            self._update_title()
            self._load_editor_choices()

    def compare_with(self) -> None:
        """Case ▸ Compare with…: choose their chronology, then walk through the comparison."""
        if self.store is not None and self.store.path is not None:
            theirs = FileDialogs.compare_with(self, str(self.store.path.parent))
            if theirs is not None:
                self.compare_chronology(theirs)

    def compare_chronology(self, theirs: str | Path) -> CompareDialog | None:
        """Compare the case with ``theirs`` and walk through it to an agreed case."""
        if self.store is None or not self._settle_editor():
            return None
        if self.store.path is None:
            self.report(
                UserError(
                    "Check a server case out to a file first (File ▸ Save a copy as…), "
                    "then compare the file."
                )
            )
            return None
        try:
            with waiting():
                comparison = compare_files(self.store.path, theirs)
        except UserError as error:
            self.report(error)
            return None
        info = self.store.case_info()
        dialog = CompareDialog(comparison, sides_of([(p.name, p.role) for p in info.parties]), self)
        self.statusBar().showMessage(f"Compared {comparison.summary()}", 8000)
        if CompareDialog.show_modal(dialog) and dialog.written is not None:
            self.statusBar().showMessage(f"Wrote the agreed chronology to {dialog.written}", 8000)
            if Messages.confirm(self, f"Open the agreed chronology {dialog.written.name} now?"):
                self.open_case(dialog.written)
        return dialog

    def manage(self, kind: type) -> None:
        """The manager for the cast, the documents or the categories."""
        if self.store is None:
            return
        RecordManager.manage(self, kind, self.store, self.push, self.report)
        self._fill_filters()
        self._load_editor_choices()

    def select_event(self, event_id: int | None) -> None:
        """Select the row of ``event_id`` and scroll to it (if it is shown)."""
        if self.model is None or event_id is None:
            return
        row = self.model.row_of(event_id)
        if row is None and self._search.pending:  # its row may be among those being read
            self._select_after = event_id
            return
        if row is not None:
            # Not selectRow(): it obeys held keys, and Ctrl (of Ctrl+S) would deselect the row.
            index = self.model.index(row, 0)
            selection = self.table.selectionModel()
            selection.setCurrentIndex(
                index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
            )
            self.table.scrollTo(index)

    def reload(self) -> None:
        """Read the case again, keeping the selection."""
        if self.model is None or self.store is None:
            return
        searching = self._search.pending
        if searching:
            self._search.cancel()
            self._searched()
        model = self.model
        big = self.store.path is not None and model.total >= BACKGROUND_SEARCH_FROM
        with self._keeping_selection():
            if big:  # the rows shown read again at once; all the ids beside the window
                model.reread_rows()
            else:
                model.refresh()
            self._fill_filters()
            self._load_editor_choices()
        if searching:  # it may have read the case before this change: again, from the fields
            self._on_filter_timer_timeout()
        elif big:
            self._search_beside(model.event_filter)
        self._timeline_timer.start()  # coalesced: a burst of changes reloads it once
        if not self.editor.is_modified():  # the one row left selected (after a merge), or as was
            rows = self.table.selectionModel().selectedRows()
            current = model.event_at(rows[0].row()) if len(rows) == 1 else self.editor.event
            self._load_editor(self.store.get_event(current.id) if current and current.id else None)

    @contextlib.contextmanager
    def _keeping_selection(self) -> Iterator[None]:
        """The selected events (and the current one) stay so while the table is read again."""
        assert self.model is not None
        model, selection = self.model, self.table.selectionModel()
        shown = model.rowCount()
        selected = [model.id_at(i.row()) for i in selection.selectedRows() if i.row() < shown]
        everything = model.partial and 0 < shown == len(selected)  # all, once all are read
        current = selection.currentIndex()
        current_id = model.id_at(current.row()) if 0 <= current.row() < shown else None
        self._reloading = True  # the selection comes back as it was: not a user's choice
        try:
            yield
            if everything:
                self.table.selectAll()
                return
            chosen = QItemSelection()
            last = model.columnCount() - 1
            for first, end in _runs(model.rows_of(selected)):  # a range a run: not one a row
                chosen.select(model.index(first, 0), model.index(end, last))
            selection.select(chosen, selection.SelectionFlag.Select)
            current_row = model.row_of(current_id) if current_id is not None else None
            if current_row is not None:
                selection.setCurrentIndex(
                    model.index(current_row, 0), selection.SelectionFlag.NoUpdate
                )
        finally:
            self._reloading = False

    # ------------------------------------------------------------------ slots

    @Slot()
    def _on_filter_timer_timeout(self) -> None:
        if self.model is None or self.store is None:
            return
        category = self.category_filter.currentData()
        party = self.party_filter.currentData()
        status = self.status_filter.currentData()
        try:
            chosen = filters.event_filter(
                self.store,
                text=self.search_edit.text(),
                categories=() if category == "all" else (category,),
                parties=() if party == "all" else (party,),
                statuses=() if status == "all" else (status,),
                key_only=self.key_filter.isChecked(),
                date_from=self.from_edit.text(),
                date_to=self.to_edit.text(),
            )
        except filters.DateWindowError as error:  # marked, and the window left as it was
            self._mark_window(error)
            self.statusBar().showMessage(
                f"{error} The list still shows the last window that could be used."
            )
            return
        self._mark_window(None)
        # A new search: what was to be selected after one is moot.
        self._after_search = self._select_after = None
        store_path = self.store.path
        if store_path is not None and self.model.total >= BACKGROUND_SEARCH_FROM:
            court_order = self._court_order()
            order, reversed_ = self.model.ordering
            if chosen == EventFilter() and court_order is not None and order == "chronology":
                self._search.cancel()  # every row, as read before: nothing to search
                self._searched()
                rows = court_order[::-1] if reversed_ else court_order
                self._show_rows(chosen, rows, len(rows))
                self.timeline.set_filter(self._timeline_shown(read=EVERYTHING))
                return
            self._search_beside(chosen, court_order)
            return
        self.model.set_filter(chosen)
        self.timeline.set_filter(self._timeline_shown(table_rows=True))

    @Slot(int, object)
    def _on_search_found(self, number: int, result: Found | UserError) -> None:
        if self.model is None or not self._search.hear(number):
            return
        self._searched()
        after, self._after_search = self._after_search, None
        picked, self._select_after = self._select_after, None
        if isinstance(result, UserError):  # the table stays as it was (a lock passes)
            Messages.user_error(self, result)
            return
        if result.ordering != self.model.ordering:  # sorted meanwhile
            if result.event_filter != self.model.event_filter or self.model.partial:
                self._on_filter_timer_timeout()  # search again, in the new order
                self._after_search, self._select_after = after, picked
            elif after is not None:  # the sort read it all
                self._show_event(*after)
            elif picked is not None:
                self.select_event(picked)
            return
        self._show_rows(result.event_filter, result.ids, result.total)
        if result.event_filter == EventFilter() and result.ordering == ("chronology", False):
            assert self._search_mark is not None
            self._court_rows = (self._search_mark, result.ids)  # no list changes once shown
        self.timeline.set_filter(self._timeline_shown(read=result.shown), result.refading)
        if after is not None:
            self._show_event(*after)
        elif picked is not None:
            self.select_event(picked)

    def _show_rows(self, event_filter: EventFilter, ids: list[int], total: int) -> None:
        """Show rows read beside the window; the same filter's keep the rows picked."""
        assert self.model is not None
        if event_filter == self.model.event_filter:  # read again, or the rest of them
            with self._keeping_selection():
                self.model.show_found(event_filter, ids, total)
        else:
            self.model.show_found(event_filter, ids, total)

    def _search_beside(self, chosen: EventFilter, court_order: list[int] | None = None) -> None:
        """Read ``chosen``'s rows on a thread of their own (a big case file's)."""
        assert self.store is not None and self.store.path is not None and self.model is not None
        self._search_mark = self.store.change_mark
        self._search.start(
            self.store.path, chosen, self.model.ordering, self.timeline.arrangement, court_order
        )
        self._searching = chosen
        self.search_busy.setText(f"Searching {self.model.total:,} events…")
        self.search_busy.show()

    def _court_order(self) -> list[int] | None:
        """Every event's id in court order, if read since the case last changed."""
        if self._court_rows is None or self.store is None:
            return None
        mark, ids = self._court_rows
        return ids if mark == self.store.change_mark else None

    def _searched(self) -> None:
        """No search is being read any longer (heard, failed or cancelled)."""
        self._searching = None
        self.search_busy.hide()

    def _table_filter(self) -> EventFilter:
        """The filter of the events the table shows, or is about to (a search being read)."""
        assert self.model is not None
        return self._searching or self.model.event_filter

    def _mark_window(self, error: filters.DateWindowError | None) -> None:
        """Mark the date window's field that cannot be used, or clear the marks."""
        for bound, edit in (("from", self.from_edit), ("to", self.to_edit)):
            wrong = error is not None and error.bound == bound
            edit.setStyleSheet("border: 1px solid #c62828; color: #c62828;" if wrong else "")
            edit.setToolTip(str(error) if wrong else _WINDOW_TIP)
        if error is None and self._window_error_shown:  # put right: its message goes too
            self.statusBar().clearMessage()
        self._window_error_shown = error is not None

    @Slot()
    def _on_watch_timer_timeout(self) -> None:
        if self.store is None:
            return
        try:
            changed = self.store.changed_elsewhere()
        except Exception:  # the file or server went away; the next write says so in words
            log.warning("cannot check %s for changes", self.store.location, exc_info=True)
            if self.store.path is None:
                self.where_label.setText(f"Team server · {self.store.name} · not connected")
            return
        self._update_where()
        reconnections = getattr(self.store, "reconnections", 0)
        if reconnections != self._reconnections:
            self._reconnections = reconnections
            self.statusBar().showMessage(
                "The connection to the server was lost and has been made again; the case was "
                "read again. Nothing you saved was lost.",
                10000,
            )
        elif changed:
            self.statusBar().showMessage("The case was changed in another window; reloaded.", 8000)
        if changed:
            self.reload()

    @Slot(int)
    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self.reload()
        self._update_title()  # case properties, or a whole case imported, change the title

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_selected()

    def _on_selection_changed(self, *_: object) -> None:
        if self._reloading:
            return
        self._select_after = None  # the user's own pick wins over one waiting for its row
        rows = self.table.selectionModel().selectedRows()
        events = [self.model.event_at(rows[0].row())] if len(rows) == 1 and self.model else []
        shown = self.editor.event
        if len(events) == 1 and shown is not None and events[0].id == shown.id:
            return
        if self.editor.is_modified():
            self._navigating = True  # saving must not move the selection the user just made
            try:
                settled = self._settle_editor()
            finally:
                self._navigating = False
            if not settled:
                self._reloading = True
                self.select_event(shown.id if shown else None)
                self._reloading = False
                return
            rows = self.table.selectionModel().selectedRows()  # the reload kept them
            events = [self.model.event_at(rows[0].row())] if len(rows) == 1 and self.model else []
        self._load_editor(events[0] if events else None)
        self.timeline.select(events[0].id if events else None)

    @Slot(object)
    def _on_editor_save_requested(self, event: Event) -> None:
        if self.store is None:
            return
        if event.id is None:
            command = AddEventCommand(self.store, event, self.report)
            if self.push(command):
                self._after_save(command.event_id)  # type: ignore[arg-type]
            return
        before = self.store.get_event(event.id)
        if before is None:
            self.report(
                UserError(
                    "This event was deleted in another window or by a "
                    "colleague, so your change was not saved."
                )
            )
            return
        # The edit is based on the revision the editor loaded: a newer one is a conflict.
        before = dataclasses.replace(before, revision=self.editor.event.revision)  # type: ignore[union-attr]
        if self.push(
            EditEventCommand(
                self.store,
                before,
                event,
                self.report,
                on_first_error=lambda error: self._on_edit_refused(error, event),
            )
        ):
            self._after_save(event.id)

    def _say_undone(self, what: str, back: int) -> None:
        """Say in the status bar which change was undone or redone (after the stack did it)."""
        text = self.undo_stack.text(self.undo_stack.index() - back)
        if text:
            self.statusBar().showMessage(f"{what}: {text}", 8000)

    def _after_save(self, event_id: int) -> None:
        saved = self.store.get_event(event_id)  # type: ignore[union-attr]
        if saved is not None:
            self.statusBar().showMessage(f"Saved “{short_title(saved.title)}”", 5000)
        if self._navigating:
            self.editor.mark_saved(saved)  # type: ignore[arg-type]
            return  # the selection is where the user moved it
        self._load_editor(saved)  # first, so that selecting its row changes nothing else
        self.select_event(event_id)

    def _on_edit_refused(self, error: UserError, event: Event) -> None:
        """The editor's save of ``event`` was refused: keep what was typed.

        When someone saved the event meanwhile, the editor keeps their changes with the typed
        ones on top and lists theirs, so that saving again writes only the user's changes.
        """
        shown = self.editor.event
        current = self.store.get_event(event.id) if self.store and event.id else None
        if not (
            isinstance(error, ConflictError)
            and current is not None
            and shown is not None
            and shown.id == event.id
            and current.revision != shown.revision
        ):
            Messages.user_error(self, error)
            self.reload()
            return
        self.reload()  # first: the editor needs their new people, documents and categories
        merged = self.editor.merge_with(event, current)
        self.editor_dock.show()
        Messages.user_error(
            self,
            UserError(
                f"{merged.changed_by or 'Someone'} changed this event after you opened it, so "
                "your change was not saved yet. Nothing you typed is lost: the editor shows their "
                "changes with yours on top. Check them, then save again."
            ),
        )

    @Slot()
    def _on_editor_add_person_requested(self) -> None:
        if self.store is None:
            return
        party = RecordForm.ask(self, Party(""))
        if party is not None:
            self.push(AddRecordCommand(self.store, party, self.report))
            self._load_editor_choices()

    @Slot(int)
    def _on_timeline_event_selected(self, event_id: int) -> None:
        self._show_event(event_id, edit=False)

    def _show_event(self, event_id: int, edit: bool) -> None:
        """Select the event (clearing the filters that hide it), and edit it if asked.

        In a big case the cleared filters are read on a thread: it is selected once they are.
        """
        if self.model is not None and self.model.row_of(event_id) is None:
            self._clear_filters()  # the event is filtered out of the table: show it
            if self._search.pending:
                self._after_search = (event_id, edit)
                return
        self.select_event(event_id)
        if edit:
            self.edit_selected()

    @Slot(int)
    def _on_lanes_combo_changed(self, _index: int) -> None:
        self.timeline.lanes = self.lanes_combo.currentData()
        self.timeline.lane_order = list(self._lane_orders.get(self.timeline.lanes, []))
        self._load_timeline()

    @Slot(bool)
    def _on_follow_check_toggled(self, _on: bool) -> None:
        self.timeline.set_filter(self._timeline_shown())

    @Slot(list)
    def _on_timeline_lane_order_changed(self, order: list[str]) -> None:
        self._lane_orders[self.timeline.lanes] = list(order)

    def _timeline_shown(
        self, *, table_rows: bool = False, read: TimelineFilter | None = None
    ) -> TimelineFilter:
        """What the timeline shows: the table's filters and search, if it follows them.

        :param table_rows: the table was just filtered: its rows are the search's hits.
        :param read: what a search on a thread of its own read for the table's filter.
        """
        if self.store is None or self.model is None or not self.follow_check.isChecked():
            return EVERYTHING
        if read is not None:
            return read
        found = self.model.event_ids() if table_rows else None
        return timeline_filter(self.store, self.model.event_filter, found)

    def _case_key(self, store: CaseStore) -> str:
        return str(store.path.resolve()) if store.path is not None else store.name

    def _recall_timeline(self, store: CaseStore) -> TimelineMemory:
        """Put the timeline's controls as they were for this case (a first visit: defaults)."""
        memory = recall(self._settings, self._case_key(store))
        self._lane_orders = {kind: list(order) for kind, order in memory.orders.items()}
        for widget, setting in (
            (self.follow_check, memory.follow_filters),
            (self.empty_lanes_check, memory.empty_lanes),
        ):
            widget.blockSignals(True)
            widget.setChecked(setting)
            widget.blockSignals(False)
        self.lanes_combo.blockSignals(True)
        self.lanes_combo.setCurrentIndex(max(0, self.lanes_combo.findData(memory.lanes)))
        self.lanes_combo.blockSignals(False)
        view = self.timeline
        view.lanes = self.lanes_combo.currentData()
        view.empty_lanes, view.undated_open = memory.empty_lanes, memory.undated_open
        view.lane_order = list(self._lane_orders.get(view.lanes, []))
        return memory

    def _remember_timeline(self, store: CaseStore) -> None:
        """Keep how the timeline shows this case, for the next time it is opened."""
        view = self.timeline
        self._lane_orders[view.lanes] = list(view.lane_order)
        remember(
            self._settings,
            self._case_key(store),
            TimelineMemory(
                start=view.scale.start,
                per_pixel=view.scale.days_per_pixel,
                lanes=view.lanes,
                orders=self._lane_orders,
                empty_lanes=view.empty_lanes,
                undated_open=view.undated_open,
                follow_filters=self.follow_check.isChecked(),
            ),
        )

    def export_exhibit(self) -> None:
        """Ask which events and where, then draw them as a courtroom exhibit."""
        if self.store is None or self.model is None or not self._settle_editor():
            return
        from timeline_app.core.services import exhibit as exhibits  # noqa: PLC0415
        from timeline_app.ui.timeline.exhibit import render_exhibit  # noqa: PLC0415
        from timeline_app.ui.timeline.exhibit_dialog import ExhibitDialog  # noqa: PLC0415

        store = self.store
        default = Path(self._folder()) / f"{store.case_info().title} exhibit"
        choice = ExhibitDialog.ask(self, self._table_filter(), default)
        if choice is None:
            return
        try:
            with waiting():
                chosen = exhibits.exhibit(
                    store,
                    choice.where,
                    title=choice.title,
                    paper=choice.paper,
                    ways=exhibits.WINDOW_ADVICE,
                )
                render_exhibit(chosen, choice.path)
        except UserError as error:
            Messages.user_error(self, error)
            return
        count = len(chosen.events) + len(chosen.undated)
        self.statusBar().showMessage(
            f"Drew {count:,} event{'s' * (count != 1)} as an exhibit in {choice.path}", 10000
        )

    def save_timeline_picture(self) -> None:
        """Save the timeline as it is shown, to PNG, SVG or PDF."""
        if self.store is None:
            return
        from timeline_app.ui.timeline.render import render_case  # noqa: PLC0415

        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save the timeline",
            str(Path(self._folder()) / f"{self.store.case_info().title} timeline.png"),
            "PNG picture (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)",
        )
        if not path:
            return
        scale = self.timeline.scale
        try:
            render_case(
                self.store,
                path,
                width=max(200, self.timeline.width()),
                height=max(100, self.timeline.height()),
                lanes=self.timeline.lanes,
                date_from=from_days(scale.start).date(),
                date_to=from_days(scale.end).date(),
                empty_lanes=self.timeline.empty_lanes,
                shown=self.timeline.shown_filter,
                lane_order=self.timeline.lane_order,
            )
        except UserError as error:
            Messages.user_error(self, error)
            return
        self.statusBar().showMessage(f"Saved the timeline to {path}", 8000)

    def _references_of(self, event_id: int) -> str:
        """An event's bundle references, for the timeline's tooltip."""
        event = self.store.get_event(event_id) if self.store else None
        if event is None or not event.sources:
            return ""
        sources = {s.id: s for s in self.store.sources()}  # type: ignore[union-attr]
        return "; ".join(
            sources[s.source_id].cite(s.pinpoint) for s in event.sources if s.source_id in sources
        )

    @Slot()
    def choose_printer(self) -> None:
        """Ask for a printer, then print the timeline on it."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: PLC0415

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        if QPrintDialog(printer, self).exec() == QPrintDialog.DialogCode.Accepted:
            self.print_timeline(printer)

    def print_timeline(self, printer: QPrinter) -> None:
        """Print the timeline as shown, scaled to fit the printer's page."""
        painter = QPainter(printer)
        page = printer.pageRect(printer.Unit.DevicePixel)
        # Draw at screen size, scaled to the page, so text keeps its proportions.
        width, height = max(200, self.timeline.width()), max(100, self.timeline.height())
        factor = min(page.width() / width, page.height() / height)
        painter.scale(factor, factor)
        self.timeline.render_into(painter, QRectF(0, 0, width, height), picture=True)
        painter.end()

    @Slot(int, float)
    def _on_timeline_redate_requested(self, event_id: int, days: float) -> None:
        """An event dragged in the timeline: re-date it, snapped to its precision, undoably."""
        if self.store is None or not self._settle_editor():
            return
        event = self.store.get_event(event_id)
        if event is None:
            return
        try:
            moved = dataclasses.replace(
                event,
                date=dates.shifted(event.date, days),
                end=dates.shifted(event.end, days) if event.end is not None else None,
            )
        except dates.DateError as error:
            Messages.user_error(self, error)
            return
        if moved != event:
            self.push(
                EditEventCommand(
                    self.store,
                    event,
                    moved,
                    self.report,
                    text=f"Re-date event '{event.title[:40]}'",
                )
            )
            self.statusBar().showMessage(f"Re-dated to {moved.date.text}", 6000)

    @Slot(int)
    def _on_timeline_edit_requested(self, event_id: int) -> None:
        self._show_event(event_id, edit=True)

    def _clear_filters(self) -> None:
        self._clear_filter_fields()
        self._on_filter_timer_timeout()

    def _clear_filter_fields(self) -> None:
        """Empty the search and the date window; every category, person and status chosen.

        Nothing is searched: the caller searches, or opens a case unfiltered.
        """
        combos = (self.category_filter, self.party_filter, self.status_filter)
        fields = (self.search_edit, self.from_edit, self.to_edit, *combos, self.key_filter)
        for field in fields:
            field.blockSignals(True)
        try:
            for edit in (self.search_edit, self.from_edit, self.to_edit):
                edit.clear()
            for combo in combos:
                combo.setCurrentIndex(0)
            self.key_filter.setChecked(False)
        finally:
            for field in fields:
                field.blockSignals(False)
        self._filter_timer.stop()
        self._mark_window(None)

    def _load_timeline(self, *, first: bool = False) -> None:
        """Read the case's dated events into the timeline (the first time: a new case).

        A big case file's are read on a thread of their own (the table is usable meanwhile,
        and a bar in the status bar moves); a small case's, or a server case's, at once.
        """
        store = self.store
        if store is None:
            return
        try:
            memory = self._recall_timeline(store) if first else None
            events = store.count_events() if store.path is not None else 0
            if store.path is not None and events >= BACKGROUND_TIMELINE_FROM:
                self._remembered_timeline = memory
                self.timeline.load_in_background(
                    store.path, events, self._timeline_shown(), fit=first
                )
                self.timeline_busy.show()
            elif memory is not None:
                self.timeline.set_store(store, self._timeline_shown())
                self._show_remembered_scale(memory)
            else:
                self.timeline.reload(store, self._timeline_shown())
        except UserError as error:  # damaged since it was opened
            self._on_model_unreadable(error)

    def _show_remembered_scale(self, memory: TimelineMemory) -> None:
        """Show the case's timeline as it was left, if that still shows any of it."""
        remembered = memory.scale(self.timeline.scale.width)
        if remembered is not None and self.timeline.holds_any(remembered):
            self.timeline.scale = remembered  # as it was left; else fitted

    @Slot(str, list)
    def _on_damage_check_damaged(self, location: str, problems: list[str]) -> None:
        if self.store is None or self.store.location != location:
            return
        log.warning("%s failed the full check: %s", location, "; ".join(problems[:20]))
        Messages.user_error(
            self,
            UserError(
                f"{self.store.name} is damaged: SQLite's full check, run after opening it, found "
                f"{len(problems):,} problem{'s' * (len(problems) != 1)}. Save nothing more to "
                'it: open a backup copy, or run "evidence-timeline repair" to copy what can be '
                "read into a new case file."
            ),
        )

    @Slot()
    def _on_timeline_loaded(self) -> None:
        self.timeline_busy.hide()
        memory, self._remembered_timeline = self._remembered_timeline, None
        if memory is not None:
            self._show_remembered_scale(memory)

    @Slot(object)
    def _on_timeline_load_failed(self, error: UserError) -> None:
        self.timeline_busy.hide()
        self._on_model_unreadable(error)

    @Slot(object)
    def _on_model_unreadable(self, error: UserError) -> None:
        """The file was damaged while open: say so once, and close it (not inside Qt's paint)."""
        if self.store is not None and not self._closing_unreadable:
            self._closing_unreadable = True
            QTimer.singleShot(0, lambda: self._close_unreadable(error))

    def _close_unreadable(self, error: UserError) -> None:
        self._closing_unreadable = False
        if self.store is None:
            return
        self._close_store()
        self._update_title()
        Messages.user_error(self, error)

    @Slot(int, int)
    def _on_model_counts_changed(self, shown: int, total: int) -> None:
        header = self.table.horizontalHeader()  # the No. column fits the case's last number
        widest = self.table.fontMetrics().horizontalAdvance(str(total)) + 16
        if header.sectionSize(EventTableModel.COL_NO) < widest:
            header.resizeSection(EventTableModel.COL_NO, widest)
        if self.model is not None and self.model.partial:
            self.count_label.setText(f"showing the first {shown:,} of {total:,} events…")
        else:
            self.count_label.setText(f"showing {shown:,} of {total:,} events")

    def _on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if self.model is not None:
            with self._keeping_selection():  # the rows picked stay picked in the new order
                self.model.sort(column, order)

    def _on_table_context_menu(self, position: object) -> None:
        menu = QMenu(self)
        menu.addActions(
            [
                self.edit_action,
                self.duplicate_action,
                self.delete_action,
                self.key_action,
                self.copy_action,
            ]
        )
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _on_header_context_menu(self, position: object) -> None:
        if self.model is None:
            return
        menu = QMenu(self)
        header = self.table.horizontalHeader()
        for column, name in enumerate(EventTableModel.COLUMNS):
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        menu.exec(header.mapToGlobal(position))

    # ------------------------------------------------------------------ helpers

    def _settle_editor(self) -> bool:
        """Never lose typing: save the editor's edits (or ask); False means stay put."""
        if not self.editor.is_modified() or self.store is None:
            return True
        if self.editor.save():
            return not self.editor.is_modified()  # still modified: the store refused it
        if Messages.discard_or_keep(
            self,
            "The event you are editing cannot be saved as it is: see the message "
            "beside the field. Throw away your changes to it, or keep editing?",
        ):
            self.editor.revert()
            return True
        return False

    def _load_editor(self, event: Event | None) -> None:
        number = self.model.number_of(event.id) if self.model and event and event.id else None
        self.editor.load(event, number=number)

    def _fill_filters(self) -> None:
        if self.store is None:
            return
        for combo, items, everything in (
            (
                self.category_filter,
                [("(no category)", None)] + [(c.name, c.id) for c in self.store.categories()],
                ("All categories", "all"),
            ),
            (
                self.party_filter,
                [(p.name, p.id) for p in self.store.parties()],
                ("All people", "all"),
            ),
            (self.status_filter, [(s.label, s) for s in Status], ("All statuses", "all")),
        ):
            chosen = combo.currentIndex() > 0, combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(*everything)
            for label, data in items:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(0, combo.findData(chosen[1])) if chosen[0] else 0)
            combo.blockSignals(False)

    def _load_editor_choices(self) -> None:
        if self.store is not None:
            self.editor.set_case(
                self.store.case_info(),
                self.store.parties(),
                self.store.sources(),
                self.store.categories(),
            )

    def _set_case_enabled(self, enabled: bool) -> None:
        for action in self.case_actions:
            action.setEnabled(enabled)
        for widget in (
            self.search_edit,
            self.category_filter,
            self.party_filter,
            self.status_filter,
            self.key_filter,
            self.from_edit,
            self.to_edit,
            self.editor,
        ):
            widget.setEnabled(enabled)
        if enabled and self.store is not None and self.store.read_only:
            for action in (
                self.add_action,
                self.duplicate_action,
                self.delete_action,
                self.key_action,
                self.merge_action,
                self.up_action,
                self.down_action,
                self.import_action,
                self.import_folder_action,
                self.paste_import_action,
            ):
                action.setEnabled(False)
            self.editor.setEnabled(False)

    def _folder(self) -> str:
        """Where file dialogs start: the open case's folder, else the last case file's."""
        if self.store is not None and self.store.path is not None:
            return str(self.store.path.resolve().parent)
        files = [p for p in self._recent() if not is_server_address(p)]
        return str(Path(files[0]).parent) if files else str(Path.home())

    def _update_title(self) -> None:
        if self.store is None:
            self.setWindowTitle("Evidence Timeline")
            return
        flag = " [read-only]" if self.store.read_only else ""
        where = (
            self.store.path.name
            if self.store.path is not None
            else f"{self.store.name} as {self.store.user}"
        )
        self.setWindowTitle(f"{self.store.case_info().title}{flag} — {where} — Evidence Timeline")

    def _update_where(self) -> None:
        """The status bar's own corner: for a server case, which server, who, and connected."""
        store = self.store
        if store is None or store.path is not None:
            self.where_label.clear()
            self.where_label.hide()
            return
        self.where_label.setText(f"Team server · {store.name} · as {store.user} · connected")
        self.where_label.show()

    def _remember(self, location: str) -> None:
        recent = [p for p in self._recent() if p != location]
        recent.insert(0, location)
        self._settings.setValue("files/recent", recent[:MAX_RECENT])
        self._settings.setValue("files/last", location)
        self._update_recent_menu()

    def _recent(self) -> list[str]:
        value = self._settings.value("files/recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        for location in self._recent():
            label = (
                server_case_label(location) if is_server_address(location) else Path(location).name
            )
            action = self.recent_menu.addAction(label)
            action.setStatusTip(location)
            action.triggered.connect(lambda _=False, p=location: self.open_case(p))
        self.recent_menu.setEnabled(bool(self._recent()))

    def open_from_server(self) -> None:
        """Ask for a server, show its cases, open the one chosen."""
        from timeline_app.ui.dialogs.server import ServerDialog  # noqa: PLC0415

        servers = list(dict.fromkeys(server_of(p) for p in self._recent() if is_server_address(p)))
        address = ServerDialog.ask(self, servers)
        if address is not None:
            self.open_case(address)

    def _save_columns(self) -> None:
        if self.model is not None:
            self._settings.setValue("table/header", self.table.horizontalHeader().saveState())

    def _restore_columns(self) -> None:
        header = self.table.horizontalHeader()
        state = self._settings.value("table/header")
        if isinstance(state, QByteArray) and header.restoreState(state):
            return
        # Dates as lawyers write them fit whole: "On or about 12 September 2018".
        date = self.table.fontMetrics().horizontalAdvance("On or about 12 September 2018") + 16
        widths = {
            EventTableModel.COL_NO: 40,
            EventTableModel.COL_DATE: max(140, date),
            EventTableModel.COL_EVENT: 260,
            EventTableModel.COL_PARTIES: 150,
            EventTableModel.COL_REFERENCES: 80,
            EventTableModel.COL_CATEGORY: 110,
            EventTableModel.COL_STATUS: 130,
            EventTableModel.COL_KEY: 36,
        }
        # The event's title takes whatever width the other columns leave.
        spare = self.table.viewport().width() - sum(widths.values()) - 4
        widths[EventTableModel.COL_EVENT] += max(0, spare)
        for column, width in widths.items():
            header.resizeSection(column, width)


def _runs(rows: list[int]) -> Iterator[tuple[int, int]]:
    """Ascending rows as runs of consecutive ones, each (first, last)."""
    start = previous = None
    for row in rows:
        if previous is None or row != previous + 1:
            if start is not None and previous is not None:
                yield start, previous
            start = row
        previous = row
    if start is not None and previous is not None:
        yield start, previous


def server_case_label(address: str) -> str:
    """A server case as the Open Recent menu names it ("Smith v Jones (on db.firm.local)")."""
    from timeline_app.core.store.postgres.address import parse  # noqa: PLC0415

    where = parse(address)
    return f"{where.case} (on {where.server})"


def server_of(address: str) -> str:
    """The server a case address names, without the case (for the recent servers)."""
    from timeline_app.core.store.postgres.address import parse, without_password  # noqa: PLC0415

    return without_password(parse(address, case_required=False).conninfo)


def log_path(basedir: str | None) -> str:
    """Where unexpected errors are logged, for the message that mentions it."""
    return str(log_file(basedir))
