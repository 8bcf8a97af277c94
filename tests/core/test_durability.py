"""Killing the app mid-write loses nothing that was saved and never damages the file."""

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline_app.core.store import CaseStore, EventFilter

WRITER = """
import sys
from timeline_app.core.model import Event, Party, SourceLink, Source
from timeline_app.core.store import CaseStore, EventFilter

store = CaseStore.open(sys.argv[1])
party = store.add_party(Party(f"Writer r{sys.argv[2]}x"))
source = store.add_source(Source("Doc " + sys.argv[2], bundle_ref="B/" + sys.argv[2]))
n = 0
while True:
    event = store.add_event(Event(f"round {sys.argv[2]} event {n}", description="x" * (n % 5000),
                                  party_ids=(party.id,), sources=(SourceLink(source.id, str(n)),)))
    print(event.id, event.title, flush=True)
    n += 1
"""

ROUNDS = 25


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_saved_event(tmp_path: Path) -> None:
    path = tmp_path / "durable.case"
    CaseStore.create(path).close()
    chance = random.Random(20181108)  # reproducible "random" moments
    saved: dict[int, str] = {}
    for round_no in range(ROUNDS):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(round_no)],
            stdout=subprocess.PIPE,
            text=True,
        ) as child:
            assert child.stdout is not None
            first = child.stdout.readline()  # the writer is up and has saved an event
            assert first, "the writer died before saving anything"
            time.sleep(chance.uniform(0.0, 0.25))
            child.send_signal(signal.SIGKILL)
            rest = child.stdout.read()
        assert child.returncode == -signal.SIGKILL
        for line in (first + rest).splitlines():
            if line.endswith(tuple("0123456789")) and " " in line:
                event_id, title = line.split(" ", 1)
                saved[int(event_id)] = title

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with CaseStore.open(path) as store:
        stored = {e.id: e for e in store.events()}
        assert len(saved) > ROUNDS
        for event_id, title in saved.items():
            assert stored[event_id].title == title
            assert stored[event_id].party_ids and stored[event_id].sources
        # The search index is in step: each round's events, found by their writer's name.
        for round_no in range(ROUNDS):
            found = set(store.event_ids(EventFilter(text=f"writer r{round_no}x")))
            assert found == {
                e.id for e in stored.values() if e.title.startswith(f"round {round_no} ")
            }
