"""Telling the user: a sentence for what they can act on, one notice for our bugs."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from timeline_app.core.errors import UserError


class Messages:
    """Every message box the app shows goes through here, so tests can patch one place."""

    @classmethod
    def user_error(cls, parent: QWidget | None, error: UserError) -> None:
        """A problem the user can act on, in its own words."""
        QMessageBox.warning(parent, "Evidence Timeline", str(error))

    @classmethod
    def notice(cls, parent: QWidget | None, text: str) -> None:
        """Something done that the user should know about (a cell cut short)."""
        QMessageBox.information(parent, "Evidence Timeline", text)

    @classmethod
    def bug(cls, parent: QWidget | None, log_path: str) -> None:
        """Our fault: said once, with where the details are."""
        QMessageBox.critical(
            parent,
            "Evidence Timeline",
            "Something went wrong inside Evidence Timeline (our fault, not yours). Your case "
            f"has not been changed. The details are in {log_path}.",
        )

    @classmethod
    def confirm(cls, parent: QWidget | None, question: str) -> bool:
        """Yes or no."""
        answer = QMessageBox.question(parent, "Evidence Timeline", question)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def replace_file(cls, parent: QWidget | None, name: str, folder: str) -> bool:
        """Whether to replace an existing file; No unless the user says Yes."""
        answer = QMessageBox.question(
            parent,
            "Evidence Timeline",
            f"{name} already exists in {folder}. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def discard_or_keep(cls, parent: QWidget | None, question: str) -> bool:
        """True to throw the changes away, False to keep editing."""
        box = QMessageBox(QMessageBox.Icon.Question, "Evidence Timeline", question, parent=parent)
        discard = box.addButton("Throw away my changes", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is discard
