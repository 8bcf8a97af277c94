"""The Import dialog on a team's spreadsheet, over the demo case, as a PNG for the README.

Run it under a real X server without a screen (``xvfb-run -a -s "-screen 0 1600x1000x24"``):
``.venv/bin/python scripts/screenshot_import.py docs/import-spreadsheet.png``.
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

SHEET = """No.,When,What happened,Who,Bundle ref,Type,Agreed/Disputed,Important
1,1 April 2016,Contract for IT support starts,Sopra Steria Ltd; Interserve,B/1,Contract,Agreed,yes
2,early March 2019,IT Health Check failed,Sopra Steria Ltd,"B/12, p. 4",Security,Disputed,yes
3,08/11/2018,Meeting between managing directors,John Smith,C/3,Correspondence,,
4,sometime,Rumours of outages,,,,,
5,June 2019,Outage at HMP Pentonville,,,Outages,maybe,
6,c. 2016,Interserve partners with Sopra Steria for IT support,,,,,
"""


def main() -> None:
    """Open the demo case, import the sheet, and save the dialog as it shows the rows."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/import-spreadsheet.png")
    home = Path(tempfile.mkdtemp(prefix="evidence-timeline-shot-"))
    sheet = home / "team chronology.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    app = QApplication(sys.argv[:1])
    window = MainWindow(settings_for(str(home)), str(home))
    window.resize(1500, 900)
    window.show()
    window.open_case(write_demo(home / "Sopra Steria v Interserve.case"))

    def shoot() -> None:
        dialog = app.activeModalWidget()
        dialog.grab().save(str(out))
        print(f"wrote {out}")
        dialog.reject()
        app.quit()

    QTimer.singleShot(1500, shoot)
    QTimer.singleShot(100, lambda: window.import_events(str(sheet)))
    app.exec()


if __name__ == "__main__":
    main()
