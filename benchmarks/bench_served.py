"""Tracked-changes export speed: 5,000 events against a served version, next to a plain export.

A case of 5,000 events is served; then 5% of its events are re-dated, 5% reworded, 2% removed
and 2% added, as a round of correspondence might. The Word chronology is exported plain and
against the served version, alternately in one process, and the median of each is shown with
their ratio (the machine is shared: the ratio holds where the seconds do not).

    python -m benchmarks.bench_served [--events 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_window import build_case
from timeline_app.core import dates
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.model import Event
from timeline_app.core.services import served
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.store import CaseStore


def change_a_round(store: CaseStore) -> dict[str, int]:
    """Re-date 5%, reword 5%, remove 2% and add 2% of the events; how many of each."""
    events = store.events()
    count = len(events)
    redated = [dataclasses.replace(e, date=dates.parse("1 January 2030")) for e in events[0::20]]
    reworded = [dataclasses.replace(e, title=e.title + " (as amended)") for e in events[10::20]]
    store.update_events(redated + reworded)
    removed = [e.id for e in events[5::50] if e.id is not None]
    store.delete_events(removed)
    added = [Event(f"New event {n}", dates.parse("2 March 2019")) for n in range(count // 50)]
    store.add_events(added)
    return {
        "re-dated": len(redated),
        "reworded": len(reworded),
        "removed": len(removed),
        "added": len(added),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, for the median")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-served-"))
    case = folder / "case.case"
    build_case(case, args.events)
    with CaseStore.open(case) as store:
        started = time.perf_counter()
        served.serve(store, "First round", ExportOptions())
        serving = time.perf_counter() - started
        changed = change_a_round(store)
        times: dict[str, list[float]] = {"plain": [], "since": []}
        for _ in range(args.repeat):
            for way, options in (
                ("plain", ExportOptions()),
                ("since", ExportOptions(since="First round")),
            ):
                started = time.perf_counter()
                export_chronology(store, folder / f"{way}.docx", "docx", options)
                times[way].append(time.perf_counter() - started)
    plain, since = (statistics.median(times[way]) for way in ("plain", "since"))
    print(
        f"{args.events:,} events served, then {', '.join(f'{v} {k}' for k, v in changed.items())}"
    )
    print(f"marking it served (kept):    {serving:6.2f} s")
    print(f"plain Word export:           {plain:6.2f} s")
    print(f"against the served version:  {since:6.2f} s  ({since / plain:.2f}x the plain export)")
    print("target: the export against a served version under 5 s for 5,000 events")


if __name__ == "__main__":
    main()
