"""Help ▸ About and ``--version``: the versions; where the program, case, log, licences are."""

from __future__ import annotations

import html
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QSettings, Qt, QUrl, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

import timeline_app
from timeline_app import __version__
from timeline_app.paths import log_file, settings_file


def licences_folder() -> Path | None:
    """The bundle's folder of the licences of what it carries; None when run from Python."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    return Path(bundle) / "licences" if bundle else None


def facts(basedir: str | None, case: str | None = None) -> list[tuple[str, str]]:
    """(label, value) rows: the versions, and where things are; ``case`` is the open one.

    Without a case, the last one opened is named, as the window would open it.
    """
    if case is None:
        last = QSettings(str(settings_file(basedir)), QSettings.Format.IniFormat).value(
            "files/last"
        )
        case = f"{last} (the last one opened)" if isinstance(last, str) else "none opened yet"
    licences = licences_folder()
    if getattr(sys, "frozen", False):
        program, python = str(Path(sys.executable).parent), sys.version.split()[0]
    else:
        program = str(Path(timeline_app.__file__).parent)
        python = f"{sys.version.split()[0]} ({sys.executable})"
    return [
        ("Version", __version__),
        ("Python", python),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("Case", case),
        ("Log", str(log_file(basedir))),
        ("Program", program),
        (
            "Licences",
            str(licences) if licences else "in each library's own package (this is not a bundle)",
        ),
    ]


def version_text(basedir: str | None) -> str:
    """What ``--version`` prints."""
    rows = facts(basedir)[1:]
    return f"Evidence Timeline {__version__}\n" + "".join(f"{k + ':':<10}{v}\n" for k, v in rows)


class AboutDialog(QDialog):
    """The icon, the version, and the facts of :func:`facts`, with a link to the licences."""

    def __init__(self, rows: list[tuple[str, str]], icon: QIcon, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Evidence Timeline")
        picture = QLabel()
        picture.setPixmap(icon.pixmap(96, 96))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(
            f"<h2>Evidence Timeline {html.escape(__version__)}</h2>"
            "<p>Court chronologies: dated events in a case file, a timeline, a Word export.</p>"
        )
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in rows[1:]:
            shown = QLabel(html.escape(value))
            if label == "Licences" and licences_folder() is not None:
                url = QUrl.fromLocalFile(value).toString()
                shown.setText(f'<a href="{url}">{html.escape(value)}</a>')
                shown.setOpenExternalLinks(True)
            shown.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextBrowserInteraction
                | Qt.TextInteractionFlag.TextSelectableByMouse
            )
            shown.setWordWrap(True)
            form.addRow(f"{label}:", shown)
            self.values[label] = shown
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(picture)
        row.addLayout(text, 1)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(buttons)
        self.setMinimumWidth(560)
