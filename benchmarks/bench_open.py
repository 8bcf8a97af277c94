"""Opening a case: the cost of checking its whole schema, as a ratio to opening without it.

Both are measured in the same run, alternately, on the same 100,000-event file, in a fresh
state each time (the expected schema is rebuilt, as in a new process). The window's extra pass
over every value (``check_values``) is measured the same way.

    python -m benchmarks.bench_open            # 100,000 events
    python -m benchmarks.bench_open --events 20000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_store import make_events
from timeline_app.core import migrations
from timeline_app.core.model import Party, Source
from timeline_app.core.store import CaseStore
from timeline_app.core.store.sqlite import case as store_case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.case"
        with CaseStore.create(path) as store:
            parties = [store.add_party(Party(f"Person {i}")).id for i in range(50)]
            sources = [
                store.add_source(Source(f"Doc {i}", bundle_ref=f"B/{i}")).id for i in range(50)
            ]
            store.add_events(make_events(args.events, parties, sources))
        checked, unchecked, values = [], [], []
        real_check = store_case.check_schema
        for _ in range(args.repeat):
            migrations.expected_schema.cache_clear()
            started = time.perf_counter()
            CaseStore.open(path, read_only=True).close()
            checked.append(time.perf_counter() - started)

            store_case.check_schema = lambda *_: None  # as before the check existed
            started = time.perf_counter()
            CaseStore.open(path, read_only=True).close()
            unchecked.append(time.perf_counter() - started)
            store_case.check_schema = real_check

            with CaseStore.open(path, read_only=True) as store:
                started = time.perf_counter()
                store.check_values()
                values.append(time.perf_counter() - started)
    with_check, without = statistics.median(checked), statistics.median(unchecked)
    print(f"Opening a {args.events:,}-event case (median of {args.repeat}, same run):")
    print(f"  with the whole-schema check   {with_check * 1000:7.1f} ms")
    print(f"  without it (as before)        {without * 1000:7.1f} ms")
    print(f"  ratio                         {with_check / without:7.2f}x   (target: at most 1.10x)")
    print(
        f"  the window's value check      {statistics.median(values) * 1000:7.1f} ms "
        f"({statistics.median(values) / without:.2f}x an open)"
    )


if __name__ == "__main__":
    main()
