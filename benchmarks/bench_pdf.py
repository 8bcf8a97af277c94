"""PDF of a big chronology through LibreOffice: ours (tables split) against one single table.

Both go through the same LibreOffice, in the same run, on the same case: ours is
``export_chronology(..., "pdf")`` (the rows as tables of ``SPLIT_ROWS``); the single table is
the Word document as written for Word, converted as it is. Each conversion runs once (they take
long); the single table is stopped after ``--limit`` seconds, and then said so.

    python -m benchmarks.bench_pdf [--events 5000] [--limit 900] [--split 50 200]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys, time
from timeline_app.core.exporting import ExportOptions, pdf
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.store import CaseStore
case, out, split = sys.argv[1], sys.argv[2], int(sys.argv[3])
pdf.SPLIT_ROWS = split
started = time.perf_counter()
with CaseStore.open(case, read_only=True) as store:
    done = export_chronology(store, out, "pdf", ExportOptions(
        columns=("number", "date", "event", "parties", "reference")))
print(time.perf_counter() - started, done.notes[0])
"""


def single_table(case: Path, folder: Path, limit: float) -> tuple[float, str]:
    """The Word file as written for Word (one table), converted by LibreOffice as it is."""
    from timeline_app.core.exporting import ExportOptions
    from timeline_app.core.exporting.pdf import need_libreoffice, page_count
    from timeline_app.core.services.chronology import export_chronology
    from timeline_app.core.store import CaseStore

    word = folder / "single.docx"
    started = time.perf_counter()
    with CaseStore.open(case, read_only=True) as store:
        export_chronology(
            store,
            word,
            "docx",
            ExportOptions(columns=("number", "date", "event", "parties", "reference")),
        )
    command = [
        need_libreoffice(),
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(word),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - started, f"stopped after {limit:.0f} s, unfinished"
    return time.perf_counter() - started, f"{page_count(folder / 'single.pdf')} pages"


def main() -> None:
    from benchmarks.bench_window import build_case

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--limit", type=float, default=900, help="seconds for the single table")
    parser.add_argument(
        "--split", type=int, nargs="+", default=[0], help="rows a table (0: SPLIT_ROWS)"
    )
    args = parser.parse_args()
    from timeline_app.core.exporting.pdf import SPLIT_ROWS

    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    case = folder / f"{args.events}.case"
    build_case(case, args.events)
    print(f"{args.events:,} events; LibreOffice makes the PDF")
    for split in args.split:
        rows = split or SPLIT_ROWS
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(case), str(folder / f"ours-{rows}.pdf"), str(rows)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split(maxsplit=1)
        print(f"  ours, tables of {rows} rows: {float(done[0]):7.1f} s  ({done[1].strip()})")
    seconds, said = single_table(case, folder, args.limit)
    print(f"  one single table:        {seconds:7.1f} s  ({said})")
    print("target: ours under 30 s at 5,000 events, where the single table takes minutes")


if __name__ == "__main__":
    main()
