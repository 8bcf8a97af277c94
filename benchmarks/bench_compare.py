"""Comparing two 5,000-event chronologies (target: under 5 s), against reading both sides.

Ours is a generated case; theirs is a copy with 5% of events reworded, 3% re-dated, 2%
removed and 2% added, so every event is renumbered. The baseline, measured in the same run,
is reading both sides (opening each case and rendering its rows), which any comparison must
do; the comparison's own work is printed beside it as a ratio, and every difference made is
checked to be found.

    python -m benchmarks.bench_compare            # 5,000 events a side
    python -m benchmarks.bench_compare --events 1000
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from timeline_app.core import dates
from timeline_app.core.exporting.comparison import write_docx
from timeline_app.core.model import Event, Party, Source, SourceLink
from timeline_app.core.services.compare import Kind, compare, read_chronology
from timeline_app.core.store import CaseStore

WORDS = [
    "contract",
    "outage",
    "report",
    "breach",
    "invoice",
    "meeting",
    "letter",
    "server",
    "patch",
    "health",
    "check",
    "accreditation",
    "penalty",
    "claim",
    "defence",
    "witness",
    "statement",
    "email",
    "director",
    "sharepoint",
    "laptop",
    "network",
    "firmware",
    "security",
    "downtime",
    "plan",
    "ministry",
    "savings",
    "staff",
    "audit",
    "notice",
    "variation",
    "payment",
    "certificate",
    "completion",
    "delay",
    "extension",
    "instruction",
    "valuation",
]


def make_cases(folder: Path, count: int, seed: int = 19) -> tuple[Path, Path, dict[str, int]]:
    """Ours and theirs, and how many of each change theirs has."""
    rng = random.Random(seed)
    ours = folder / "ours.case"
    with CaseStore.create(ours) as store:
        people = [store.add_party(Party(f"Person {n}")).id for n in range(40)]
        documents = [
            store.add_source(Source(f"Document {n}", bundle_ref=f"B/{n}", first_page=n * 20 + 1)).id
            for n in range(300)
        ]
        start = dt.date(2015, 1, 1)
        events = []
        for n in range(count):
            day = start + dt.timedelta(days=rng.randrange(3000))
            title = f"{' '.join(rng.sample(WORDS, 4)).capitalize()} {n}"
            events.append(
                Event(
                    title,
                    dates.parse(day.isoformat()),
                    description=" ".join(rng.choices(WORDS, k=12)),
                    party_ids=tuple(rng.sample(people, 2)),
                    sources=(SourceLink(rng.choice(documents), str(rng.randrange(1, 20))),),
                )
            )
        store.add_events(events)
    theirs = folder / "theirs.case"
    with CaseStore.open(ours) as store:
        store.save_copy(theirs)
    made = {"reworded": 0, "re-dated": 0, "removed": 0, "added": 0}
    with CaseStore.open(theirs) as store:
        events = store.events()
        rng.shuffle(events)
        cut = [int(count * share) for share in (0.05, 0.03, 0.02)]
        reworded = events[: cut[0]]
        redated = events[cut[0] : cut[0] + cut[1]]
        removed = events[cut[0] + cut[1] : sum(cut)]
        store.update_events(
            [dataclasses.replace(e, title=e.title + " (their words)") for e in reworded]
            + [
                dataclasses.replace(
                    e,
                    date=dates.parse(
                        (e.date.earliest + dt.timedelta(days=rng.randrange(1, 9))).isoformat()  # type: ignore[operator]
                    ),
                )
                for e in redated
            ]
        )
        store.delete_events([e.id for e in removed if e.id is not None])
        added = [
            Event(f"Their own event {n}", dates.parse(f"{rng.randrange(1, 28)} March 2016"))
            for n in range(int(count * 0.02))
        ]
        store.add_events(added)
        made = {
            "reworded": len(reworded),
            "re-dated": len(redated),
            "removed": len(removed),
            "added": len(added),
        }
    return ours, theirs, made


def main() -> None:
    """Print the timings, the ratio, and whether every change was found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs, made = make_cases(Path(folder), args.events)
        began = time.perf_counter()
        sides = read_chronology(ours), read_chronology(theirs)
        read = time.perf_counter() - began
        began = time.perf_counter()
        comparison = compare(*sides)
        matched = time.perf_counter() - began
        began = time.perf_counter()
        write_docx(comparison, Path(folder) / "comparison.docx")
        written = time.perf_counter() - began
    found = {
        "differ": len(comparison.of(Kind.DIFFER)),
        "only ours": len(comparison.of(Kind.ONLY_OURS)),
        "only theirs": len(comparison.of(Kind.ONLY_THEIRS)),
    }
    print(f"{args.events:,} events a side; changes made: {made}")
    print(f"found: {found}; {comparison.summary()}")
    print(f"reading both sides (baseline):  {read:6.2f} s")
    print(f"matching and comparing:         {matched:6.2f} s  ({matched / read:.2f}x the baseline)")
    print(f"compare, all told:              {read + matched:6.2f} s  (target < 5 s)")
    print(f"the comparison written to Word: {written:6.2f} s")
    expected = (made["reworded"] + made["re-dated"], made["removed"], made["added"])
    print("every change found, nothing else:", tuple(found.values()) == expected)


if __name__ == "__main__":
    main()
