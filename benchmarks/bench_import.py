"""Import speed and memory: 100,000 CSV rows in mixed date styles, with a progress bar.

Three runs, each in a fresh child process whose own peak memory (VmHWM) is reported:

- ``floor``: the least any import can do — csv.reader, then sqlite-utils ``insert_all`` of
  the raw text, no date read, nothing checked. Ours is reported as a multiple of it.
- ``core``: ``main.py import``'s path (read, recognise columns, read every date, flag
  duplicates, save in one transaction), drawing a text progress bar on stderr.
- ``window``: the same file through the window's Import (offscreen): the dialog's progress
  dialog, its preview of every row, and the undoable command that saves them.
- ``undated``: the core path on as many undated rows whose titles carry no numbers (words
  drawn from a small vocabulary): the worst case for spotting likely duplicates, which all
  fall in one group.

    python -m benchmarks.bench_import [--rows 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

STYLES = [
    "{d} March 2019",
    "{d:02d}/04/2019",
    "2019-05-{d:02d}",
    "c. {d} June 2019",
    "early July 2019",
    "Q3 2019",
    "{d} Aug 2019",
    "August {d}, 2019",
    "by {d} Sept 2019",
    "between {d} and 28 October 2019",
    "late 2019",
    "{d}.11.2019",
]

CHILD = """
import json, sys, time
way, case, sheet = sys.argv[1], sys.argv[2], sys.argv[3]
started = time.perf_counter()
if way == "floor":
    import csv
    import sqlite_utils
    with open(sheet, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    db = sqlite_utils.Database(case)
    db["events"].insert_all(dict(zip(rows[0], row)) for row in rows[1:])
    count = db["events"].count
elif way == "core":
    from timeline_app.core import importing
    from timeline_app.core.services.imports import ImportSession
    from timeline_app.core.store import CaseStore

    def bar(done, total):
        filled = int(30 * done / max(total, 1))
        sys.stderr.write(f"\\r[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,}")
        return True

    with CaseStore.open(case) as store:
        plan = ImportSession(store, importing.open_file(sheet)).plan(progress=bar)
        store.add_batch(plan.batch(plan.default_choice()))
        count = store.count_events()
    sys.stderr.write("\\n")
else:
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import tempfile
    from PySide6.QtWidgets import QApplication, QDialog
    from timeline_app.ui.application import settings_for
    from timeline_app.ui.dialogs.importing import ImportDialog
    from timeline_app.ui.main_window import MainWindow

    app = QApplication([])
    home = tempfile.mkdtemp()
    window = MainWindow(settings_for(home), home)
    window.open_case(case)
    ImportDialog.exec = lambda dialog: QDialog.DialogCode.Accepted
    started = time.perf_counter()
    window.import_events(sheet)
    count = window.model.rowCount()
elapsed = time.perf_counter() - started
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": elapsed, "peak_mb": int(peak.split()[1]) / 1024,
                  "events": count}))
"""


def write_sheet(path: Path, rows: int) -> None:
    """A team's chronology: mixed date styles, people, references, categories."""
    people = ["John Smith", "Jane Doe", "Sopra Steria Ltd", "Interserve plc"]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Date,Event,Parties,Reference,Category\n")
        for i in range(rows):
            date = STYLES[i % len(STYLES)].format(d=i % 27 + 1)
            out.write(
                f'"{date}",Event number {i} about the IT system,'
                f"{people[i % 4]}; {people[(i + 1) % 4]},B/{i % 40}/{i % 300},"
                f"Category {i % 8}\n"
            )


def write_undated(path: Path, rows: int) -> None:
    """Undated rows of a few dozen words in random order: one big group of look-alikes."""
    words = [
        "meeting",
        "outage",
        "server",
        "contract",
        "supplier",
        "board",
        "failure",
        "report",
        "email",
        "letter",
        "claim",
        "invoice",
        "payment",
        "audit",
        "security",
        "health",
        "check",
        "network",
        "firewall",
        "patch",
        "director",
        "manager",
        "prison",
        "rehabilitation",
        "services",
        "video",
        "system",
        "staff",
        "stress",
        "counterclaim",
        "defence",
        "accreditation",
        "devices",
        "sharepoint",
        "savings",
    ]
    chooser = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Date,Event\n")
        for _ in range(rows):
            out.write(f",{' '.join(chooser.sample(words, 6))}\n")


def run(way: str, case: str | Path, sheet: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, way, str(case), str(sheet)],
        check=True,
        stdout=subprocess.PIPE,
        stderr=None,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    from timeline_app.core.store import CaseStore

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    sheet = folder / "chronology.csv"
    write_sheet(sheet, args.rows)
    undated = folder / "undated.csv"
    write_undated(undated, args.rows)
    results = {}
    for way in ("floor", "core", "window", "undated"):
        case = folder / f"{way}.case"
        if way != "floor":
            CaseStore.create(case).close()
        results[way] = run(
            "core" if way == "undated" else way, case, undated if way == "undated" else sheet
        )
    floor = results["floor"]["seconds"]
    print(f"{args.rows:,} CSV rows, {len(STYLES)} date styles")
    print(f"{'run':<8}{'seconds':>9}{'peak':>9}{'events':>10}{'x floor':>9}")
    for way, result in results.items():
        print(
            f"{way:<8}{result['seconds']:>8.2f}s{result['peak_mb']:>7.0f}MB"
            f"{result['events']:>10,}{result['seconds'] / floor:>8.1f}x"
        )
    print(
        "targets: under 20 s and under 400 MB (core and window); 'events' for undated "
        "counts what is not a likely duplicate"
    )


if __name__ == "__main__":
    main()
