"""Pictures of the timeline: the demo case at three zooms, and a 10,000-event case.

    xvfb-run -a .venv/bin/python scripts/screenshot_timeline.py docs/

writes timeline-demo-all.png, timeline-demo-2018.png, timeline-demo-nov-2018.png and
timeline-10000.png into the folder given, through the same painting code as the window.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_window import build_case
from timeline_app.core.demo import write_demo
from timeline_app.core.store import CaseStore
from timeline_app.ui.timeline.render import render_case


def main() -> None:
    """Write the four pictures."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    work = Path(tempfile.mkdtemp(prefix="timeline-shots-"))
    with CaseStore.open(write_demo(work / "demo.case")) as demo:
        render_case(demo, out / "timeline-demo-all.png", width=1400, height=420)
        render_case(
            demo,
            out / "timeline-demo-2018.png",
            width=1400,
            height=420,
            date_from=dt.date(2018, 1, 1),
            date_to=dt.date(2018, 12, 31),
        )
        render_case(
            demo,
            out / "timeline-demo-nov-2018.png",
            width=1400,
            height=420,
            date_from=dt.date(2018, 10, 25),
            date_to=dt.date(2018, 11, 20),
            lanes="party",
        )
    build_case(work / "big.case", 10_000)
    with CaseStore.open(work / "big.case") as big:
        render_case(
            big,
            out / "timeline-10000.png",
            width=1400,
            height=420,
            date_from=dt.date(2010, 1, 1),
            date_to=dt.date(2012, 12, 31),
        )
    print(f"wrote four pictures to {out}")


if __name__ == "__main__":
    main()
