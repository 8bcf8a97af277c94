"""Team cases on a local PostgreSQL server, with the case file beside it in the same run.

For each home, file and server:
- a 100,000-event case opened in the window (offscreen) to the first painted table;
- an edit's round trip (update_event until it returns: committed);
- the time until another store sees the change (``changed_elsewhere``: NOTIFY on a server,
  ``PRAGMA data_version`` for a file), and until another window shows it;
- 100,000 CSV rows imported as ``main.py import`` does (read, plan, save in one transaction),
  in a child process (see bench_import);
- twenty writer processes making 500 edits each to a hundred shared events, read then saved,
  again on a conflict or a lock: throughput, 95th-percentile latency of an edit (retries
  included), and lost updates (each edit adds one to a counter in its event: the counters must
  sum to all).

The server is a throwaway cluster started as the tests start theirs (``tests/postgres.py``), but
with ``fsync`` on, as on a firm's server. Ratios are server / file.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_server
    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_server --quick   # a smoke run
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from benchmarks import bench_import
from benchmarks.bench_window import build_case
from tests.postgres import throwaway_cluster
from timeline_app.core.model import Event
from timeline_app.core.services import server
from timeline_app.core.store import CaseStore
from timeline_app.core.store.postgres.address import with_case
from timeline_app.core.store.postgres.case import create_case
from timeline_app.ui.application import settings_for
from timeline_app.ui.main_window import MainWindow

HOMES = ("file", "server")

WRITER = """
import dataclasses, json, os, random, sys, time
from timeline_app.core.errors import UserError
from timeline_app.core.store import CaseStore
address, start_file, edits, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
chooser = random.Random(seed)
with CaseStore.open(address) as store:
    ids = store.event_ids()
    while not os.path.exists(start_file):
        time.sleep(0.01)
    began, latencies, retries = time.time(), [], 0
    for _ in range(edits):
        event_id = chooser.choice(ids)
        started = time.perf_counter()
        while True:
            try:
                event = store.get_event(event_id)
                store.update_event(dataclasses.replace(
                    event, description=str(int(event.description) + 1)))
                break
            except UserError:  # a colleague saved it first, or held the case: again
                retries += 1
        latencies.append(time.perf_counter() - started)
print(json.dumps({"began": began, "ended": time.time(), "latencies": latencies,
                  "retries": retries}))
"""


@dataclasses.dataclass
class Sizes:
    """How big each measure is."""

    events: int
    rows: int
    writers: int
    edits: int
    hot: int = 100


FULL = Sizes(events=100_000, rows=100_000, writers=20, edits=500)
QUICK = Sizes(events=2_000, rows=2_000, writers=4, edits=50)


def new_case(home: str, folder: Path, server_address: str, name: str) -> str:
    """The address of a new, empty case in that home."""
    if home == "file":
        path = folder / f"{name}.case"
        CaseStore.create(path, title=name).close()
        return str(path)
    address = with_case(server_address, name)
    create_case(address, title=name).close()
    return address


def first_paint(app: QApplication, address: str, home_folder: Path, runs: int = 3) -> float:
    """Median seconds from opening the case in a new window to its table painted."""
    times = []
    for run in range(runs):
        window = MainWindow(settings_for(str(home_folder / str(run))), str(home_folder))
        window.resize(1280, 780)
        window.show()
        started = time.perf_counter()
        window.open_case(address)
        window.table.viewport().repaint()
        times.append(time.perf_counter() - started)
        app.processEvents()
        window.close()
        window.deleteLater()
        app.processEvents()
    return statistics.median(times)


def round_trips(address: str, edits: int = 50) -> list[float]:
    """Seconds each of ``edits`` saved edits took, one after another."""
    with CaseStore.open(address) as store:
        event = store.events_by_id(store.event_ids()[:1])[0]
        times = []
        for number in range(edits):
            started = time.perf_counter()
            event = store.update_event(dataclasses.replace(event, description=f"Edit {number}"))
            times.append(time.perf_counter() - started)
    return times


def store_sees(address: str, changes: int = 20) -> list[float]:
    """Seconds until a second store hears of each of ``changes`` edits made by a first."""
    with CaseStore.open(address) as writer, CaseStore.open(address) as reader:
        event = writer.events_by_id(writer.event_ids()[:1])[0]
        times = []
        for number in range(changes):
            reader.changed_elsewhere()  # nothing pending
            event = writer.update_event(dataclasses.replace(event, title=f"Seen {number}"))
            started = time.perf_counter()
            while not reader.changed_elsewhere():
                time.sleep(0.001)
            times.append(time.perf_counter() - started)
    return times


def window_sees(app: QApplication, address: str, home_folder: Path, changes: int = 3) -> float:
    """Median seconds until a window on the case shows a title another store changed."""
    window = MainWindow(settings_for(str(home_folder / "watching")), str(home_folder))
    window.resize(1280, 780)
    window.show()
    window.open_case(address)
    times = []
    with CaseStore.open(address) as colleague:
        for number in range(changes):
            app.processEvents()
            first = window.model.event_at(0)
            title = f"Changed by a colleague {number}"
            colleague.update_event(dataclasses.replace(colleague.get_event(first.id), title=title))
            started = time.perf_counter()
            while window.model.event_at(0).title != title:
                app.processEvents()
                time.sleep(0.002)
                if time.perf_counter() - started > 30:
                    raise RuntimeError("the window did not show the change within 30 s")
            times.append(time.perf_counter() - started)
    window.close()
    return statistics.median(times)


def many_writers(address: str, folder: Path, sizes: Sizes) -> dict[str, float]:
    """``sizes.writers`` processes making ``sizes.edits`` edits each to shared events."""
    with CaseStore.open(address) as store:
        store.add_events([Event(f"Counter {i}", description="0") for i in range(sizes.hot)])
    start_file = folder / f"go {time.monotonic_ns()}"
    running = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                textwrap.dedent(WRITER),
                address,
                str(start_file),
                str(sizes.edits),
                str(seed),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in range(sizes.writers)
    ]
    time.sleep(2 + 0.2 * sizes.writers)  # every writer open and waiting
    start_file.touch()
    results = [json.loads(process.communicate()[0]) for process in running]
    if any(process.returncode for process in running):
        raise RuntimeError("a writer failed")
    latencies = [seconds for result in results for seconds in result["latencies"]]
    elapsed = max(r["ended"] for r in results) - min(r["began"] for r in results)
    with CaseStore.open(address) as store:
        counted = sum(int(e.description) for e in store.events())
        revisions = sum(e.revision - 1 for e in store.events())
    expected = sizes.writers * sizes.edits
    return {
        "throughput": expected / elapsed,
        "p95": statistics.quantiles(latencies, n=20)[18],
        "median": statistics.median(latencies),
        "retries": sum(r["retries"] for r in results),
        "lost": expected - counted,
        "unaccounted revisions": expected - revisions,
    }


def line(what: str, figures: dict[str, float], unit: str, target: str, scale: float = 1) -> None:
    """One measure for both homes, their ratio and the target."""
    file, on_server = figures["file"] * scale, figures["server"] * scale
    ratio = f"{on_server / file:>7.2f}x" if file else f"{'-':>8}"
    print(f"{what:<38}{file:>10.3f} {unit:<5}{on_server:>10.3f} {unit:<5}{ratio}   {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    folder = Path(tempfile.mkdtemp(prefix="bench-server-"))
    load_before = os.getloadavg()[0]  # other work on the machine slows both homes
    app = QApplication.instance() or QApplication([])
    with throwaway_cluster(durable=True) as cluster:
        server.set_up(cluster.address)
        big_file = folder / "big.case"
        build_case(big_file, sizes.events)
        started = time.perf_counter()
        server.publish(big_file, with_case(cluster.address, "Big"))
        published = time.perf_counter() - started
        big = {"file": str(big_file), "server": with_case(cluster.address, "Big")}

        paint = {h: first_paint(app, big[h], folder / f"{h}-home") for h in HOMES}
        trips = {h: round_trips(big[h]) for h in HOMES}
        seen = {h: store_sees(big[h]) for h in HOMES}
        shown = {h: window_sees(app, big[h], folder / f"{h}-home") for h in HOMES}

        sheet = folder / "chronology.csv"
        bench_import.write_sheet(sheet, sizes.rows)
        imported = {
            h: bench_import.run("core", new_case(h, folder, cluster.address, "Import"), sheet)
            for h in HOMES
        }
        writers = {
            h: many_writers(new_case(h, folder, cluster.address, "Writers"), folder, sizes)
            for h in HOMES
        }

    def each(measure: Callable[[str], float]) -> dict[str, float]:
        return {h: measure(h) for h in HOMES}

    print(
        f"{sizes.events:,}-event case, {sizes.rows:,} rows imported, {sizes.writers} writers x "
        f"{sizes.edits} edits on {sizes.hot} shared events; PostgreSQL at {cluster.binaries}; "
        f"{os.cpu_count()} CPUs, load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after"
    )
    print(f"{'':<38}{'file':>16}{'server':>16}{'ratio':>8}   target (server)")
    line("first painted table", paint, "s", "under 1 s")
    line("an edit's round trip, median", each(lambda h: statistics.median(trips[h])), "ms", "", 1e3)
    line(
        "an edit's round trip, 95th percentile",
        each(lambda h: statistics.quantiles(trips[h], n=20)[18]),
        "ms",
        "",
        1e3,
    )
    line("another store sees it, median", each(lambda h: statistics.median(seen[h])), "ms", "", 1e3)
    line("another store sees it, slowest", each(lambda h: max(seen[h])), "ms", "under 1 s", 1e3)
    line("another window shows it, median", shown, "s", "under 1 s")
    line(
        f"import {sizes.rows:,} CSV rows",
        each(lambda h: imported[h]["seconds"]),
        "s",
        "under 20 s",
    )
    line("  its peak memory", each(lambda h: imported[h]["peak_mb"]), "MB", "")
    line("writers: edits per second", each(lambda h: writers[h]["throughput"]), "/s", "")
    line("writers: 95th-percentile edit", each(lambda h: writers[h]["p95"]), "ms", "", 1e3)
    line("writers: median edit", each(lambda h: writers[h]["median"]), "ms", "", 1e3)
    line(
        "writers: refused (conflict, lock), retried", each(lambda h: writers[h]["retries"]), "", ""
    )
    line("writers: lost updates", each(lambda h: writers[h]["lost"]), "", "0, ever")
    print(
        f"publishing the {sizes.events:,}-event file to the server (COPY): {published:.2f} s; "
        f"imported events: file {imported['file']['events']:,}, "
        f"server {imported['server']['events']:,}"
    )
    if any(writers[h]["lost"] or writers[h]["unaccounted revisions"] for h in HOMES):
        print("LOST UPDATES: the counters or the revisions do not add up")


if __name__ == "__main__":
    main()
