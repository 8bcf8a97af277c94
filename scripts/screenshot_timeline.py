"""Pictures of the timeline and of the exhibit, for the README and for looking at.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_timeline.py docs/

writes into the folder given:

- timeline-demo-all.png, timeline-demo-2018.png, timeline-demo-nov-2018.png: the demo case
  drawn as ``render`` draws it, at three zooms (the last in lanes by person);
- timeline-10000.png: a 10,000-event case in ten categories, all of it, as ``render`` does;
- window-timeline-demo.png: the window on the demo case, as it first opens;
- window-timeline-new-case.png: a new case after eleven events were added, as it then shows;
- window-timeline-10000.png: the window on the 10,000-event case;
- window-timeline-search.png: the demo case with a search, its hits marked;
- exhibit-demo-key.png and exhibit-demo-key.pdf: the exhibit of the demo's key events.

Through the same painting code as the window and ``render``.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from timeline_app.core import dates
from timeline_app.core.demo import write_demo
from timeline_app.core.model import Event
from timeline_app.core.services.exhibit import exhibit
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.ui.application import settings_for
from timeline_app.ui.commands import AddEventCommand
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.timeline.exhibit import render_exhibit
from timeline_app.ui.timeline.render import render_case

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.ui.timeline.cases import crowded  # the tests' busy case

NEW_CASE = [
    ("2016", "Contract signed for IT support of rehabilitation services"),
    ("March 2017", "First IT Health Check"),
    ("12 October 2017", "IT Health Check failed"),
    ("January 2018", "Service credits deducted"),
    ("4 June 2018", "Managing directors meet"),
    ("8 November 2018", "Root Cause Analysis report"),
    ("15 November 2018", "SharePoint outage"),
    ("December 2018", "Accreditation downgraded"),
    ("4 February 2019", "Letter before claim"),
    ("October 2019", "Claim form issued"),
    ("December 2019", "Defence and Counterclaim served"),
]


def wait(app: QApplication, seconds: float) -> None:
    """Let the window settle: deferred loads, layouts, paints."""
    deadline = dt.datetime.now() + dt.timedelta(seconds=seconds)
    while dt.datetime.now() < deadline:
        app.processEvents()


def window_on(app: QApplication, home: Path, case: Path) -> MainWindow:
    """The window on ``case``, its timeline given room, settled."""
    window = MainWindow(settings_for(str(home)), str(home))
    window.resize(1560, 960)
    window.show()
    window.open_case(case)
    window.resizeDocks([window.timeline_dock], [560], Qt.Orientation.Vertical)
    wait(app, 0.8)
    return window


def main() -> None:
    """Write the pictures."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="timeline-shots-"))
    app = QApplication(sys.argv[:1])
    demo = write_demo(work / "Sopra Steria v Interserve.case")
    with CaseStore.open(demo) as store:
        render_case(store, out / "timeline-demo-all.png", width=1400, height=420)
        render_case(
            store,
            out / "timeline-demo-2018.png",
            width=1400,
            height=420,
            date_from=dt.date(2018, 1, 1),
            date_to=dt.date(2018, 12, 31),
        )
        render_case(
            store,
            out / "timeline-demo-nov-2018.png",
            width=1400,
            height=420,
            date_from=dt.date(2018, 10, 25),
            date_to=dt.date(2018, 11, 20),
            lanes="party",
        )
        key = exhibit(store, EventFilter(key_only=True))
        render_exhibit(key, out / "exhibit-demo-key.png")
        render_exhibit(key, out / "exhibit-demo-key.pdf")
    big = crowded(work / "Ten thousand events.case", 10_000)
    with CaseStore.open(big) as store:
        render_case(store, out / "timeline-10000.png", width=1400, height=900)

    home = work / "home"
    window = window_on(app, home, demo)
    window.timeline_dock.grab().save(str(out / "window-timeline-demo.png"))
    window.search_edit.setText("IT")
    wait(app, 0.6)
    window.timeline_dock.grab().save(str(out / "window-timeline-search.png"))
    window.close()

    window = window_on(app, home, big)
    window.timeline_dock.grab().save(str(out / "window-timeline-10000.png"))
    window.close()

    fresh = work / "New case.case"
    CaseStore.create(fresh, title="New case").close()
    window = window_on(app, home, fresh)
    for when, title in NEW_CASE:
        event = Event(title, date=dates.parse(when))
        window.push(AddEventCommand(window.store, event, window.report))
        wait(app, 0.15)
    window.push(AddEventCommand(window.store, Event("Witness statements exchanged"), window.report))
    wait(app, 0.8)
    window.timeline_dock.grab().save(str(out / "window-timeline-new-case.png"))
    window.close()
    print(f"wrote the pictures to {out}")


if __name__ == "__main__":
    main()
