"""Progress with Cancel for long work (an export, reading and saving an import), after a moment."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


@contextlib.contextmanager
def progress(parent: QWidget, text: str, title: str) -> Iterator[Callable[[int, int], bool]]:
    """A window-modal progress dialog, shown if the work lasts a third of a second.

    Yields the ``(done, total) -> go on?`` callback that the core's long tasks take.
    """
    dialog = QProgressDialog(text, "Cancel", 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def step(done: int, total: int) -> bool:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        yield step
    finally:
        dialog.close()


@contextlib.contextmanager
def waiting() -> Iterator[None]:
    """The wait cursor over work that cannot show its progress (one library call)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
