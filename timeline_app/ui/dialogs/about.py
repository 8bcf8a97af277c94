"""Help ▸ About: the icon, the versions, where things are, and a link to the licences."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
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

from timeline_app import __version__
from timeline_app.ui.about import licences_folder


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
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)  # a path may hold "<" or "'"
            if label == "Licences" and licences_folder() is not None:
                url = QUrl.fromLocalFile(value).toString()
                shown.setTextFormat(Qt.TextFormat.RichText)
                shown.setText(f'<a href="{html.escape(url)}">{html.escape(value)}</a>')
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
        self.setMinimumWidth(680)
