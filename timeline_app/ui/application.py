"""Starting the window: the QApplication, settings, the error hook, and which case to show.

One app runs per user and data folder (:mod:`timeline_app.ui.instance`); a case opened from
outside it (a double-click, a second start, macOS's "open" event) gets a window of its own.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer, qVersion
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from timeline_app import __version__
from timeline_app.core.demo import write_demo
from timeline_app.core.errors import UserError
from timeline_app.core.store import is_server_address
from timeline_app.paths import demo_case_file, log_file, settings_file
from timeline_app.resources import resource_path
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.instance import SingleInstance, server_name
from timeline_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def settings_for(basedir: str | None) -> QSettings:
    """The app's settings, kept in the data folder (so --basedir keeps them apart)."""
    return QSettings(str(settings_file(basedir)), QSettings.Format.IniFormat)


def case_to_open(path: str | None, settings: QSettings, basedir: str | None) -> str | Path:
    """The case asked for; else the last one opened; else the demo case (written once)."""
    if path is not None:
        return path if is_server_address(path) else Path(path)
    last = settings.value("files/last")
    if isinstance(last, str) and (is_server_address(last) or Path(last).is_file()):
        return last if is_server_address(last) else Path(last)
    demo = demo_case_file(basedir)
    if not demo.exists():
        try:
            demo.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UserError(
                f"The folder for Evidence Timeline's own files, {demo.parent}, "
                f"cannot be created ({error.strerror})."
            ) from error
        write_demo(demo)
    return demo


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The application's icon, every size drawn for it (resources/icons)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"evidence-timeline-{size}.png")))
    return icon


class _BugReporter:
    """sys.excepthook for the GUI: log the traceback, tell the user once, keep running."""

    def __init__(self, basedir: str | None) -> None:
        self._basedir = basedir
        self._told = False

    def __call__(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        parent = QApplication.activeWindow()
        if isinstance(error, UserError):
            Messages.user_error(parent, error)
            return
        log.error("Unexpected error", exc_info=(kind, error, trace))
        if not self._told:
            self._told = True
            Messages.bug(parent, str(log_file(self._basedir)))


class Windows(QObject):
    """The app's main windows, which share one settings file: one per case opened from outside."""

    CASCADE = QPoint(32, 32)

    def __init__(self, settings: QSettings, basedir: str | None) -> None:
        super().__init__()
        self._settings = settings
        self._basedir = basedir
        self.windows: list[MainWindow] = []

    def show(self, path: str | None) -> MainWindow:
        """Show ``path`` (None: the last case) in the window that has it, or in a new one."""
        for window in self.windows:
            if path is not None and window.store is not None and _same(window.store.location, path):
                return _raised(window)
        blank = [w for w in self.windows if w.store is None]
        window = blank[0] if blank else self._new_window()
        try:
            opened = window.open_case(case_to_open(path, self._settings, self._basedir))
        except UserError as error:
            Messages.user_error(window, error)
            opened = False
        others = [w for w in self.windows if w is not window]
        if not opened and others:  # refused: no empty window is left behind
            window.close()
            return others[-1]
        return _raised(window)

    def on_open_requested(self, path: str | None) -> None:
        """A later start's request: its case in a window, or (None) the last window raised."""
        log.info("A later start asked for %s", path or "the app to be shown")
        if path is None and self.windows:
            _raised(self.windows[-1])
        else:
            self.show(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.type() == QEvent.Type.FileOpen:
            self.show(event.file())  # macOS: a case double-clicked in the Finder
            return True
        return super().eventFilter(watched, event)

    def _new_window(self) -> MainWindow:
        window = MainWindow(self._settings, self._basedir)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _=None, w=window: self.windows.remove(w))
        if self.windows:
            window.move(self.windows[-1].pos() + self.CASCADE)
        self.windows.append(window)
        window.show()
        return window


def _same(location: str, path: str) -> bool:
    if is_server_address(location) or is_server_address(path):
        return location == path
    return Path(location).resolve() == Path(path).resolve()


def _raised(window: MainWindow) -> MainWindow:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    if QApplication.platformName() != "offscreen":  # nothing to raise there (Qt warns)
        window.raise_()
    window.activateWindow()
    return window


def run(path: str | None = None, basedir: str | None = None) -> int:
    """Show the window on a case and run until the last window is closed; the exit status.

    If the app is already running for this data folder, the case is handed to it instead.
    """
    if path is not None and not is_server_address(path):
        path = str(Path(path).absolute())  # the running app has another working folder
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Evidence Timeline")
    app.setOrganizationName("Evidence Timeline")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("evidence-timeline")  # Wayland and the taskbar find our icon by it
    app.setWindowIcon(app_icon())
    instance = SingleInstance.claim(server_name(basedir), path)
    if instance is None:
        log.info("Handed %s to the running app", path or "the request to be shown")
        return 0
    windows = Windows(settings_for(basedir), basedir)
    instance.open_requested.connect(windows.on_open_requested)
    app.installEventFilter(windows)
    sys.excepthook = _BugReporter(basedir)
    windows.show(path)
    QTimer.singleShot(0, lambda: log.info("Window shown (Qt %s)", qVersion()))
    return app.exec()
