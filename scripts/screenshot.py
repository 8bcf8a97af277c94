"""Screenshot of the window on the demo case, for the README and for looking at.

Run it under a real X server without a screen:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot.py docs/window.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from timeline_app.core.demo import write_demo
from timeline_app.ui.application import settings_for
from timeline_app.ui.main_window import MainWindow


def main() -> None:
    """Open the demo case in a real window, select an event, and save the window as a PNG."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/window.png")
    home = Path(tempfile.mkdtemp(prefix="evidence-timeline-shot-"))
    app = QApplication(sys.argv[:1])
    window = MainWindow(settings_for(str(home)), str(home))
    window.resize(1560, 900)
    window.show()
    window.open_case(write_demo(home / "Sopra Steria v Interserve.case"))
    rows = [window.model.event_at(r).title for r in range(window.model.rowCount())]
    window.table.selectRow(rows.index("SharePoint server problems"))

    def shoot() -> None:
        window.grab().save(str(out))
        print(f"wrote {out}")
        app.quit()

    QTimer.singleShot(800, shoot)
    app.exec()


if __name__ == "__main__":
    main()
