"""Word export speed and memory: 1k, 5k and 20k events, next to the python-docx tutorial way.

The tutorial way builds the same table with ``table.add_row().cells`` and sets each cell's
text; it runs in the same process tree, so the ratio holds on a busy machine. Each export runs
in a fresh child process, whose peak memory (max RSS) is reported; each is run three times and
the median time shown.

A floor run does what both ways must do before building anything: import python-docx and read
the events, people and documents. The last column compares the two ways above that floor.

    python -m benchmarks.bench_docx [--sizes 1000 5000 20000] [--tutorial-max 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, sys, time
from pathlib import Path
from timeline_app.core.store import CaseStore
way, case, out = sys.argv[1], sys.argv[2], sys.argv[3]
store = CaseStore.open(case, read_only=True)
started = time.perf_counter()
if way == "floor":
    import docx
    events, parties, sources = store.events(), store.parties(), store.sources()
elif way == "ours":
    from timeline_app.core.exporting import ExportOptions
    from timeline_app.core.services.chronology import export_chronology
    export_chronology(store, out, "docx", ExportOptions(columns=("number", "date", "event",
                                                                  "parties", "reference")))
else:
    import docx
    from timeline_app.core import dates
    events = store.events()
    names = {p.id: p.name for p in store.parties()}
    sources = {s.id: s for s in store.sources()}
    document = docx.Document()
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["No.", "Date", "Event", "Parties", "Reference"]):
        cell.text = text
    for number, event in enumerate(events, start=1):
        cells = table.add_row().cells
        cells[0].text = str(number)
        cells[1].text = dates.format(event.date)
        cells[2].text = event.title + "\\n" + event.description
        cells[3].text = "; ".join(names[p] for p in event.party_ids)
        cells[4].text = "; ".join(sources[s.source_id].cite(s.pinpoint) for s in event.sources)
    document.save(out)
elapsed = time.perf_counter() - started
# VmHWM is this process's own peak; ru_maxrss would carry over the parent's across fork.
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": elapsed, "peak_mb": int(peak.split()[1]) / 1024}))
"""


def run(way: str, case: Path, out: Path, repeat: int) -> dict[str, float]:
    """The median time and the highest peak of ``repeat`` runs, each in a fresh process."""
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", CHILD, way, str(case), str(out)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(repeat)
    ]
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
    }


def main() -> None:
    from benchmarks.bench_window import build_case

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument(
        "--tutorial-max",
        type=int,
        default=5000,
        help="largest size to time the slow tutorial way on",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, for the median")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-docx-"))
    print(
        f"{'events':>8}{'floor':>9}{'ours':>9}{'peak':>8}{'tutorial way':>14}{'peak':>8}"
        f"{'speed-up':>10}{'above floor':>13}"
    )
    for size in args.sizes:
        case = folder / f"{size}.case"
        build_case(case, size)
        floor = run("floor", case, folder / "unused.docx", args.repeat)
        ours = run("ours", case, folder / f"ours-{size}.docx", args.repeat)
        line = (
            f"{size:>8,}{floor['seconds']:>8.2f}s{ours['seconds']:>8.2f}s{ours['peak_mb']:>6.0f}MB"
        )
        if size <= args.tutorial_max:
            theirs = run("tutorial", case, folder / f"tutorial-{size}.docx", args.repeat)
            above = (theirs["seconds"] - floor["seconds"]) / (ours["seconds"] - floor["seconds"])
            line += (
                f"{theirs['seconds']:>13.2f}s{theirs['peak_mb']:>6.0f}MB"
                f"{theirs['seconds'] / ours['seconds']:>9.1f}x{above:>12.1f}x"
            )
        else:
            line += f"{'(not run)':>14}"
        print(line)
    print(
        "targets: 20,000 events under 3 s; at least 20x the tutorial way at 5,000; "
        "peak under 400 MB"
    )


if __name__ == "__main__":
    main()
