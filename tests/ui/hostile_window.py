"""The window, offscreen, given a hostile file: ``open CASE`` or ``import CASE FILE``.

Run by tests/ui/test_hostile_files_in_the_window.py in a child process with its address space
capped. What the window told the user is printed as ``SAID: …`` lines, then ``RESULT: …``.
"""

from __future__ import annotations

import os
import sys
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from PySide6.QtWidgets import QApplication, QDialog

from timeline_app.ui.application import settings_for
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.main_window import MainWindow


def settle(app: QApplication) -> None:
    """Let the window do what it queued (reading rows, timers due now)."""
    for _ in range(20):
        app.processEvents()


def main(action: str, case: str, file: str = "") -> None:
    said: list[str] = []
    Messages.user_error = classmethod(lambda cls, parent, error: said.append(str(error)))  # type: ignore[method-assign]
    QDialog.exec = lambda dialog: said.append(f"a dialog: {dialog.windowTitle()}") or 0  # type: ignore[method-assign]
    app = QApplication(sys.argv[:1])
    home = tempfile.mkdtemp()
    window = MainWindow(settings_for(home), home)
    window.show()
    opened = window.open_case(case)
    settle(app)  # a damaged row is found when the table reads it, and then said
    if action == "import" and opened and window.store is not None:
        before = window.store.count_events()
        window.import_events(file)
        settle(app)
        result = "imported" if window.store.count_events() != before else "not imported"
    else:
        result = "opened" if window.store is not None else "refused"
    for text in said:
        print("SAID:", " ".join(text.split()))
    print("RESULT:", result)
    window.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
