"""Big cases: each row of issue 16's table at 10,000, 100,000 and 1,000,000 events.

Every figure is printed beside its floor, measured in the same run on the same machine (the
machine is shared and noisy: the ratios hold better than the seconds):

- window: open a case to a painted window (the table, then the timeline filled in), the
  longest the window's thread was blocked meanwhile, and the peak memory, in a child process
  of its own; floor: a bare QMainWindow shown.
- open: ``CaseStore.open`` after a clean close; floor: a plain ``sqlite3.connect`` and one read.
- info: the summary ``info`` prints (open included), and ``main.py info`` as a process; floor:
  the same figures by plain SQL (counts, min and max over every event).
- search: a word typed in the window's search box, until the table and timeline show its hits
  (a big case's are read on a thread of their own), and the longest the window's thread was
  blocked meanwhile; floor: the FTS5 query for the ids alone. Also a word in ten events.
- edit: the first row's event renamed in the editor, then undone: until every row is read
  again, and the longest the window was blocked (no floor: the window's own work).
- import: ``main.py import`` of as many CSV rows, and from .xlsx (read, plan and save in
  process); floors: ``csv`` (or openpyxl read-only) and ``executemany`` of the raw text.
- read: open and read every event in court order (``store.events()``); floor: the raw rows.

Imports and the whole read stop at 100,000 (the issue's sizes for them) unless ``--all``.

    python -m benchmarks.bench_big                       # 10k, 100k, 1M
    python -m benchmarks.bench_big --sizes 10000 100000
    python -m benchmarks.bench_big --cases /tmp/cases    # keep the big cases for next time
    python -m benchmarks.bench_big --sizes 100000 --only import   # the imports' rows alone
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` runs of ``fn``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def make_case(path: Path, events: int) -> Path:
    """A case of ``events`` events like a team's (benchmarks.bench_store's), made once."""
    from benchmarks.bench_store import make_events
    from timeline_app.core.model import Party, Source
    from timeline_app.core.store import CaseStore

    if path.exists():
        CaseStore.open(path).close()  # brought up to this version's schema
        return path
    with CaseStore.create(path, title=f"{events:,} events") as store:
        parties = [store.add_party(Party(f"Person {i}")).id for i in range(50)]
        sources = [store.add_source(Source(f"Doc {i}", bundle_ref=f"B/{i}")).id for i in range(50)]
        for start in range(0, events, 100_000):  # in slices: the events' objects are big
            store.add_events(make_events(min(100_000, events - start), parties, sources))
    return path


# ---------------------------------------------------------------------------- the window


def window_child(case: str) -> None:
    """In a fresh process: a bare window, then the case to a painted window, then a search."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from timeline_app.ui.application import settings_for
    from timeline_app.ui.main_window import MainWindow

    app = QApplication([])
    started = time.perf_counter()
    bare = QMainWindow()
    bare.resize(1280, 780)
    bare.show()
    app.processEvents()
    bare.repaint()
    bare_s = time.perf_counter() - started
    bare.close()

    home = tempfile.mkdtemp(prefix="bench-big-home-")
    gaps = [0.0]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer(interval=5)
    ticker.timeout.connect(tick)
    started = time.perf_counter()
    window = MainWindow(settings_for(home), home)
    window.resize(1280, 780)
    window.show()
    ticker.start()
    last[0] = time.perf_counter()
    window.open_case(case)
    window.table.viewport().repaint()
    table_s = time.perf_counter() - started
    app.processEvents()  # the timeline's reading begins once the table is shown
    while window.timeline.loading:
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()
    window.timeline.repaint()
    painted_s = time.perf_counter() - started
    ticker.stop()
    blocked = max(gaps)

    searched = search_times(window, case)
    peak = peak_mb()
    edited = edit_times(window)
    print(
        json.dumps(
            {
                "bare": bare_s,
                "table": table_s,
                "painted": painted_s,
                "blocked": blocked,
                "peak_mb": peak,
                **searched,
                **edited,
            }
        )
    )


def search_times(window: MainWindow, case: str) -> dict[str, float]:
    """A word typed in the search box, until the table and timeline show it; the FTS query.

    "search" is until the hits are shown (a big case's are read on a thread of their own),
    for words in more than half the events ("firmware", "sharepoint"); "search_rare" for
    the last word of the middle event's title (a number the case's ten events of that title
    share); "search_blocked" the longest the window's thread was held meanwhile.
    """
    from PySide6.QtWidgets import QApplication

    words = '"firmware"*'
    conn = sqlite3.connect(f"file:{case}?mode=ro", uri=True)
    fts_s = median_time(
        lambda: conn.execute(
            "SELECT rowid FROM events_fts WHERE events_fts MATCH ?", [words]
        ).fetchall(),
        3,
    )
    rare = (
        conn.execute(
            "SELECT title FROM events WHERE id >= (SELECT max(id) / 2 FROM events) LIMIT 1"
        )
        .fetchone()[0]
        .split()[-1]
    )
    conn.close()
    searches, rare_s, held = [], [], HeldWatch()
    for text in ("firmware", "", "sharepoint", "", rare, "", rare, ""):
        window.search_edit.setText(text)
        QApplication.processEvents()
        begun = held.start()
        window._filter_timer.stop()
        window._on_filter_timer_timeout()  # what the typing pause starts
        rows_read(window)
        window.timeline.repaint()
        held.stop()
        if text:
            (rare_s if text == rare else searches).append(time.perf_counter() - begun)
    return {
        "search": statistics.median(searches),
        "search_rare": statistics.median(rare_s),
        "search_blocked": held.longest,
        "fts": fts_s,
    }


def edit_times(window: MainWindow) -> dict[str, float]:
    """The first row's event renamed in the editor and saved, then undone (the case is left
    as it was): until the table shows every row again, and the longest the window was held.
    """
    import dataclasses

    from PySide6.QtWidgets import QApplication

    took, held = [], HeldWatch()
    window.table.selectRow(0)
    QApplication.processEvents()
    event = window.model.event_at(0)
    for change in (
        lambda: window.editor.save_requested.emit(
            dataclasses.replace(event, title=f"{event.title} (renamed)")
        ),
        window.undo_stack.undo,
    ):
        begun = held.start()
        change()
        rows_read(window)
        held.stop()
        took.append(time.perf_counter() - begun)
    return {
        "edit": statistics.median(took),
        "edit_blocked": held.longest,
        "edit_peak_mb": peak_mb(),
    }


class HeldWatch:
    """The longest the window's thread went without running a timer due every 5 ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._tick)

    def start(self) -> float:
        """Begin watching; the moment it began."""
        self._last = time.perf_counter()
        self._timer.start()
        return self._last

    def stop(self) -> None:
        self._tick()
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


def rows_read(window: MainWindow) -> None:
    """Run the window's loop until the rows being read beside it are shown, then paint them."""
    from PySide6.QtCore import QEventLoop

    if window._search.pending:
        waiting = QEventLoop()
        window._search.found.connect(waiting.quit)
        waiting.exec()
        window._search.found.disconnect(waiting.quit)
    window.table.viewport().repaint()


def peak_mb() -> float:
    """The most memory this process has held (VmHWM), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line for line in status if line.startswith("VmHWM:"))
    return int(peak.split()[1]) / 1024


def window_figures(case: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_big", "--window-child", str(case)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- the store


def store_figures(case: Path, *, read: bool) -> dict[str, float]:
    from timeline_app.core.store import CaseStore

    def plain_connect() -> None:
        conn = sqlite3.connect(case)
        conn.execute("PRAGMA user_version").fetchone()
        conn.close()

    def plain_summary() -> None:
        conn = sqlite3.connect(case)
        for sql in (
            "SELECT count(*) FROM events",
            "SELECT count(*) FROM events WHERE date_earliest IS NULL AND date_latest IS NULL",
            "SELECT min(coalesce(date_earliest, date_latest)),"
            " max(coalesce(end_latest, end_earliest, date_latest, date_earliest)) FROM events",
            "SELECT count(*) FROM parties",
            "SELECT count(*) FROM sources",
            "SELECT count(*) FROM categories",
        ):
            conn.execute(sql).fetchall()
        conn.close()

    def info() -> None:
        with CaseStore.open(case, read_only=True) as store:
            store.summary()

    def read_all() -> None:
        with CaseStore.open(case, read_only=True) as store:
            store.events()

    def raw_rows() -> None:
        conn = sqlite3.connect(case)
        conn.execute("SELECT * FROM events ORDER BY sort_key, sequence, id").fetchall()
        conn.close()

    def info_process() -> None:
        subprocess.run(
            [sys.executable, "main.py", "info", str(case)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )

    def python_process() -> None:
        subprocess.run([sys.executable, "-c", "pass"], check=True)

    whole = {"read": median_time(read_all, 1), "raw": median_time(raw_rows, 1)} if read else {}
    return {
        **whole,
        "open": median_time(lambda: CaseStore.open(case, read_only=True).close(), 5),
        "connect": median_time(plain_connect, 5),
        "info": median_time(info, 3),
        "plain_summary": median_time(plain_summary, 3),
        "info_process": median_time(info_process, 3),
        "python": median_time(python_process, 3),
    }


# ---------------------------------------------------------------------------- imports


def write_sheets(folder: Path, rows: int) -> tuple[Path, Path]:
    """The same chronology as CSV (benchmarks.bench_import's) and as .xlsx."""
    import openpyxl

    from benchmarks.bench_import import write_sheet

    sheet = folder / f"chronology-{rows}.csv"
    write_sheet(sheet, rows)
    book = openpyxl.Workbook(write_only=True)
    cells = book.create_sheet()
    with sheet.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            cells.append(row)
    workbook = folder / f"chronology-{rows}.xlsx"
    book.save(workbook)
    return sheet, workbook


def floor_import(sheet: Path, case: Path) -> float:
    """The least an import can do: read the cells, insert them as text, nothing checked."""
    started = time.perf_counter()
    if sheet.suffix == ".csv":
        with sheet.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    else:
        import openpyxl

        book = openpyxl.load_workbook(sheet, read_only=True)
        rows = [list(row) for row in book.active.iter_rows(values_only=True)]
        book.close()
    conn = sqlite3.connect(case)
    conn.execute("CREATE TABLE events (date, event, parties, reference, category)")
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", rows[1:])
    conn.commit()
    conn.close()
    return time.perf_counter() - started


def import_phases(sheet: Path, case: Path) -> dict[str, float]:
    """Read, plan and save, timed in this process (the same path as ``main.py import``)."""
    from timeline_app.core import importing
    from timeline_app.core.services.imports import ImportSession
    from timeline_app.core.store import CaseStore

    CaseStore.create(case).close()
    with CaseStore.open(case) as store:
        started = time.perf_counter()
        session = ImportSession(store, importing.open_file(sheet))
        read = time.perf_counter()
        plan = session.plan()
        planned = time.perf_counter()
        session.commit(plan, plan.default_choice())
        saved = time.perf_counter()
    return {"read": read - started, "plan": planned - read, "save": saved - planned}


def import_process(sheet: Path, case: Path) -> dict[str, float]:
    """``main.py import`` in a process of its own: seconds and peak memory."""
    from timeline_app.core.store import CaseStore

    CaseStore.create(case).close()
    measured = (
        "import resource, runpy, sys, time\n"
        "sys.argv = sys.argv[1:]\n"
        "started = time.perf_counter()\n"
        "try:\n"
        "    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('MEASURED', time.perf_counter() - started,"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", measured, "main.py", "import", str(case), str(sheet)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("MEASURED"))
    _, seconds, peak_kb = line.split()
    return {"seconds": float(seconds), "peak_mb": int(peak_kb) / 1024}


# ---------------------------------------------------------------------------- the table


def row(what: str, ours: float, floor: float, unit: str = "s") -> str:
    return f"  {what:<44}{ours:>9.3f} {unit}   floor {floor:>8.3f} {unit}   {ours / floor:>7.1f}x"


def case_figures(case: Path, *, read: bool) -> dict[str, float]:
    """The window's and the store's rows for one big case, printed; their figures."""
    found = {**window_figures(case), **store_figures(case, read=read)}
    print(row("open to a painted window", found["painted"], found["bare"]))
    print(row("  the table shown", found["table"], found["bare"]))
    print(f"  {'  the window blocked at most':<44}{found['blocked']:>9.3f} s")
    print(f"  {'  peak memory':<44}{found['peak_mb']:>9.0f} MB")
    print(row("CaseStore.open (after a clean close)", found["open"], found["connect"]))
    print(row("info (open and summary)", found["info"], found["plain_summary"]))
    print(row("  main.py info, a process", found["info_process"], found["python"]))
    print(row("search typed in the window", found["search"], found["fts"]))
    print(f"  {'  a word in ten events':<44}{found['search_rare']:>9.3f} s")
    print(f"  {'  the window blocked at most':<44}{found['search_blocked']:>9.3f} s")
    print(f"  {'an edit saved, until every row is read again':<44}{found['edit']:>9.3f} s")
    print(f"  {'  the window blocked at most':<44}{found['edit_blocked']:>9.3f} s")
    print(f"  {'  peak memory, the timeline read again':<44}{found['edit_peak_mb']:>9.0f} MB")
    if read:
        print(row("store: open and read all in order", found["read"], found["raw"]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--cases", type=Path, help="keep (and reuse) the big cases here")
    parser.add_argument("--all", action="store_true", help="imports and reads at every size")
    parser.add_argument(
        "--only", choices=["import"], help="print only these rows (no big case is made)"
    )
    parser.add_argument("--window-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.window_child:
        window_child(args.window_child)
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-big-"))
    cases = args.cases or folder
    cases.mkdir(parents=True, exist_ok=True)
    figures: dict[int, dict[str, float]] = {}
    for size in args.sizes:
        print(f"{size:,} events", flush=True)
        everything = size <= 100_000 or args.all
        found: dict[str, float] = {}
        if args.only is None:
            found = case_figures(make_case(cases / f"big-{size}.case", size), read=everything)
        if everything:
            sheet, workbook = write_sheets(folder, size)
            for kind, path in (("CSV", sheet), ("xlsx", workbook)):
                phases = import_phases(path, folder / f"phases-{kind}-{size}.case")
                process = import_process(path, folder / f"cli-{kind}-{size}.case")
                floor = floor_import(path, folder / f"floor-{kind}-{size}.db")
                found[f"import_{kind}"] = process["seconds"]
                split = ", ".join(f"{k} {v:.2f}" for k, v in phases.items())
                print(row(f"import {size:,} {kind} rows (main.py)", process["seconds"], floor))
                print(f"    in process: {split} s; peak {process['peak_mb']:.0f} MB")
        figures[size] = found
    if 100_000 in figures and 1_000_000 in figures:
        small, big = figures[100_000], figures[1_000_000]
        print("growth from 100,000 to 1,000,000 events (10x the events):")
        for key, what in (
            ("painted", "open to a painted window"),
            ("blocked", "window blocked at most"),
            ("peak_mb", "peak memory"),
            ("open", "CaseStore.open"),
            ("info", "info"),
            ("search", "typed search"),
            ("search_rare", "typed search, a word in ten events"),
            ("search_blocked", "typed search: window blocked at most"),
            ("edit", "an edit saved, until every row is read again"),
            ("edit_blocked", "an edit: window blocked at most"),
            ("read", "read all in order"),
        ):
            if key in big:
                print(f"  {what:<44}{big[key] / small[key]:>7.1f}x")


if __name__ == "__main__":
    main()
