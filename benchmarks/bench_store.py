"""Case-file speed: insert, open and read in order, full-text search, file size.

Each figure is printed next to the plain way measured in the same run on the same machine
(one INSERT per row in autocommit; ORDER BY with no index; LIKE instead of the FTS index),
so the ratios hold even when the machine is busy.

    python benchmarks/bench_store.py            # 100,000 events
    python benchmarks/bench_store.py --events 20000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from timeline_app.core.model import Event, FuzzyDate, Party, Source, SourceLink, Status
from timeline_app.core.store import CaseStore, EventFilter

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
    "counterclaim",
    "witness",
    "statement",
    "email",
    "director",
    "sharepoint",
    "skype",
    "laptop",
    "network",
    "firmware",
    "security",
    "downtime",
    "plan",
    "rehabilitation",
    "ministry",
    "savings",
    "staff",
    "stress",
    "audit",
    "notice",
    "termination",
    "variation",
]
SEARCHES = ["firmware", "sharepoint outage", "accreditation", "B/17", "director email"]


def make_events(count: int, parties: list[int], sources: list[int]) -> list[Event]:
    """Deterministic events in mixed precisions, 5% undated, with links."""
    rng = random.Random(1108)
    start = dt.date(2000, 1, 1)
    events = []
    for i in range(count):
        day = start + dt.timedelta(days=rng.randrange(9000))
        kind = rng.random()
        if kind < 0.05:
            date = FuzzyDate(text="Undated")
        elif kind < 0.70:
            date = FuzzyDate(
                day,
                day,
                "day",
                rng.choice(["on", "about", "before", "after"]),
                text=day.isoformat(),
            )
        elif kind < 0.90:
            first = day.replace(day=1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            date = FuzzyDate(first, last, "month", text=first.strftime("%B %Y"))
        else:
            date = FuzzyDate(
                dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year", text=str(day.year)
            )
        words = " ".join(rng.choice(WORDS) for _ in range(30))
        events.append(
            Event(
                title=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {i}",
                date=date,
                description=words,
                status=rng.choice(list(Status)),
                key=rng.random() < 0.1,
                party_ids=tuple(rng.sample(parties, rng.randint(0, 3))),
                sources=(SourceLink(rng.choice(sources), str(rng.randint(1, 40))),),
            )
        )
    return events


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    """Median seconds of ``repeat`` runs of ``fn``, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def plain_inserts(path: Path, events: list[Event]) -> float:
    """The plain way: one INSERT per row, each committed on its own (autocommit)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT, description TEXT,"
        " date_earliest TEXT, date_latest TEXT, status TEXT)"
    )
    started = time.perf_counter()
    for e in events:
        conn.execute(
            "INSERT INTO events (title, description, date_earliest, date_latest, status)"
            " VALUES (?, ?, ?, ?, ?)",
            (e.title, e.description, str(e.date.earliest), str(e.date.latest), str(e.status)),
        )
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--plain-rows",
        type=int,
        default=1_000,
        help="rows for the one-commit-per-row baseline (it is slow)",
    )
    args = parser.parse_args()
    n = args.events
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    path = folder / "big.case"
    print(
        f"Case-file benchmark: {n:,} events; Python {sys.version.split()[0]}, "
        f"SQLite {sqlite3.sqlite_version}; files in {folder}"
    )

    with CaseStore.create(path, title="Benchmark") as store:
        parties = [store.add_party(Party(f"Person {i}")).id for i in range(50)]
        sources = [
            store.add_source(Source(f"Document {i}", bundle_ref=f"B/{i}")).id for i in range(200)
        ]
        events = make_events(n, parties, sources)
        insert_s, _ = timed(lambda: store.add_events(events))
    plain_s = plain_inserts(folder / "plain.db", events[: args.plain_rows])
    ours_per = insert_s / n
    plain_per = plain_s / args.plain_rows

    def open_and_read() -> int:
        with CaseStore.open(path) as opened:
            return len(opened.events())

    def open_and_list() -> int:
        # What a lazily filled table does: the ordered ids, then the first screenful in full.
        with CaseStore.open(path) as opened:
            ids = opened.event_ids()
            opened.events_by_id(ids[:100])
            return len(ids)

    read_s, read_count = timed(open_and_read, repeat=3)
    list_s, list_count = timed(open_and_list, repeat=3)
    assert read_count == list_count == n
    conn = sqlite3.connect(path)
    plain_read_s, _ = timed(
        lambda: conn.execute("SELECT * FROM events ORDER BY +sort_key, +sequence, +id").fetchall(),
        repeat=3,
    )
    indexed_raw_s, _ = timed(
        lambda: conn.execute("SELECT * FROM events ORDER BY sort_key, sequence, id").fetchall(),
        repeat=3,
    )

    with CaseStore.open(path) as store:
        open_s, _ = timed(lambda: CaseStore.open(path).close(), repeat=3)
        fts = [timed(lambda q=q: store.event_ids(EventFilter(text=q)), repeat=5) for q in SEARCHES]
        fts_events = [
            timed(lambda q=q: store.events(EventFilter(text=q)), repeat=3)[0] for q in SEARCHES
        ]
    like = [
        timed(
            lambda q=q: conn.execute(
                "SELECT id FROM events WHERE "
                + " AND ".join("(title LIKE ? OR description LIKE ?)" for _ in q.split())
                + " ORDER BY sort_key, sequence, id",
                [f"%{w}%" for w in q.split() for _ in range(2)],
            ).fetchall(),
            repeat=3,
        )[0]
        for q in SEARCHES
    ]
    conn.close()
    search_s = statistics.median(t for t, _ in fts)
    hits = statistics.median(len(ids) for _, ids in fts)
    like_s = statistics.median(like)
    size_mb = path.stat().st_size / 1e6

    def row(name: str, ours: str, plain: str, ratio: float, target: str) -> None:
        print(f"{name:<26}{ours:<30}{plain:<44}{ratio:>8.1f}x   {target}")

    print(f"{'measure':<26}{'ours':<30}{'plain way (same run)':<44}{'speed-up':>9}   target")
    row(
        "insert, per event",
        f"{ours_per * 1e6:.0f} us ({insert_s:.1f} s for all)",
        f"{plain_per * 1e6:.0f} us (1 commit/row, {args.plain_rows:,} rows)",
        plain_per / ours_per,
        "",
    )
    row(
        "open + read all in order",
        f"{read_s:.3f} s (events with links)",
        f"{plain_read_s:.3f} s (raw rows, ORDER BY, no index)",
        plain_read_s / read_s,
        f"< 0.7 s: {'met' if read_s < 0.7 else 'MISSED'}",
    )
    print(f"{'':<26}{'':<30}{indexed_raw_s:.3f} s (raw rows, our index)")
    row(
        "open + ordered list",
        f"{list_s:.3f} s (ids + first 100)",
        f"{plain_read_s:.3f} s (raw rows, ORDER BY, no index)",
        plain_read_s / list_s,
        f"< 0.7 s: {'met' if list_s < 0.7 else 'MISSED'}",
    )
    print(f"{'':<26}open alone (checks, quick_check): {open_s:.3f} s")
    row(
        "full-text search",
        f"{search_s * 1e3:.1f} ms (median {hits:.0f} hits)",
        f"{like_s * 1e3:.1f} ms (LIKE over title+description)",
        like_s / search_s,
        f"< 50 ms: {'met' if search_s < 0.05 else 'MISSED'}",
    )
    print(f"{'':<26}search returning full events: {statistics.median(fts_events) * 1e3:.1f} ms")
    print(
        f"{'file size':<26}{size_mb:.1f} MB{'':<24}{'':<44}{'':>9}   "
        f"< 100 MB: {'met' if size_mb < 100 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
