"""Helpers for tests that run the app as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(
    *args: str, cwd: Path | None = None, module: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` (or ``python -m MODULE ARGS``) in a new process."""
    command = [sys.executable, "-m", module] if module else [sys.executable, str(ROOT / "main.py")]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )
