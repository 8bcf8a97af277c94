"""Helpers for tests that run the app as a user would."""

from __future__ import annotations

import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from timeline_app.core.store import CaseStore

ROOT = Path(__file__).resolve().parent.parent


def run_cli(
    *args: str, cwd: Path | None = None, module: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` (or ``python -m MODULE ARGS``) in a new process."""
    command = [sys.executable, "-m", module] if module else [sys.executable, str(ROOT / "main.py")]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


ADDRESS_SPACE = 1536 * 2**20
"""A capped child's address space: Python with Qt's and openpyxl's libraries mapped needs room
even when it uses little; the memory it really held is measured as well."""

_MEASURED = """
import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    print("PEAK", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""
"""Runs main.py, then says the most memory it held (kB), whatever way it ended."""


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_capped(
    *args: str, script: Path = ROOT / "main.py"
) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """``main.py ARGS`` (or another script) with its address space capped: the result, its
    seconds, its peak bytes."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(script), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_cap,
    )
    seconds = time.perf_counter() - started
    said, _, peak = result.stderr.rstrip().rpartition("PEAK ")
    finished = subprocess.CompletedProcess(result.args, result.returncode, result.stdout, said)
    return finished, seconds, int(peak) * 1024


def read_until_stopped(store: CaseStore, reading: threading.Event) -> None:
    """Hold ``store``'s read lock on the file in an endless read (set ``reading`` once held).

    As a big case's long read beside the window does; only an interrupt ends it.
    """
    with store._reading():
        store.count_events()  # the file's read lock, held to the end of the read
        reading.set()
        store._conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        ).fetchone()
