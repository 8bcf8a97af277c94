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
    def bug(cls, parent: QWidget | None, log_path: str) -> None:
        """Our fault: said once, with where the details are."""
        QMessageBox.critical(
            parent, "Evidence Timeline",
            "Something went wrong inside Evidence Timeline (our fault, not yours). Your case "
            f"has not been changed. The details are in {log_path}.")

    @classmethod
    def confirm(cls, parent: QWidget | None, question: str) -> bool:
        """Yes or no."""
        answer = QMessageBox.question(parent, "Evidence Timeline", question)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def save_discard_cancel(cls, parent: QWidget | None, question: str) -> str:
        """'save', 'discard' or 'cancel'."""
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.question(parent, "Evidence Timeline", question, buttons)
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")
