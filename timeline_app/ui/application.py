"""Starting the window: the QApplication, settings, the error hook, and which case to show."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from timeline_app import __version__
from timeline_app.core.demo import write_demo
from timeline_app.core.errors import UserError
from timeline_app.core.store import is_server_address
from timeline_app.paths import data_dir, demo_case_file, log_file
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def settings_for(basedir: str | None) -> QSettings:
    """The app's settings, kept in the data folder (so --basedir keeps them apart)."""
    return QSettings(str(data_dir(basedir) / "settings.ini"), QSettings.Format.IniFormat)


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


class _BugReporter:
    """sys.excepthook for the GUI: log the traceback, tell the user once, keep running."""

    def __init__(self, window: MainWindow, basedir: str | None) -> None:
        self._window = window
        self._basedir = basedir
        self._told = False

    def __call__(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if isinstance(error, UserError):
            Messages.user_error(self._window, error)
            return
        log.error("Unexpected error", exc_info=(kind, error, trace))
        if not self._told:
            self._told = True
            Messages.bug(self._window, str(log_file(self._basedir)))


def run(path: str | None = None, basedir: str | None = None) -> int:
    """Show the window on a case and run until it is closed; the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Evidence Timeline")
    app.setOrganizationName("Evidence Timeline")
    app.setApplicationVersion(__version__)
    settings = settings_for(basedir)
    window = MainWindow(settings, basedir)
    sys.excepthook = _BugReporter(window, basedir)
    window.show()
    try:
        window.open_case(case_to_open(path, settings, basedir))
    except UserError as error:
        Messages.user_error(window, error)
    return app.exec()
