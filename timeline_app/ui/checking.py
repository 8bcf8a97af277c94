"""SQLite's full check of a big case file, run on a thread of its own once the window has it.

Opening a big file that was closed cleanly checks its schema but not every page (that takes
seconds); the window has the pages checked here, beside the user's work, and says if any is
damaged.

Signals:
    damaged(str, list): the case's location, and what the check found wrong (a sound file
        says nothing).
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, Signal

from timeline_app.core.errors import ReadInterruptedError, UserError
from timeline_app.core.store import CaseStore

log = logging.getLogger(__name__)

RETRIES = 30
RETRY_AFTER = 2.0
"""Seconds after a change stopped the check before it begins again."""


class DamageCheck(QObject):
    """Runs :meth:`CaseStore.damage` beside the window, and says what it found."""

    damaged = Signal(str, list)

    def start(self, store: CaseStore) -> None:
        """Check ``store``'s file on a thread of its own (its own connection)."""
        threading.Thread(target=self._check, args=(store,), name="full check", daemon=True).start()

    def _check(self, store: CaseStore) -> None:
        try:
            problems = self._checked(store)
        except UserError as error:  # locked by a writer: checked at the next opening instead
            log.info("the background check of %s did not run: %s", store.location, error)
            return
        if problems:
            self.damaged.emit(store.location, problems)

    @staticmethod
    def _checked(store: CaseStore) -> list[str]:
        """The check's findings, begun again while changes made in the window stop it."""
        for _ in range(RETRIES):
            try:
                return store.damage()
            except ReadInterruptedError:
                time.sleep(RETRY_AFTER)
        raise UserError("the case kept changing")
