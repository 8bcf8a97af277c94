"""Where Evidence Timeline keeps its own files (log, demo case, settings) for this user.

``--basedir`` or ``EVIDENCE_TIMELINE_HOME`` send everything to one folder (tests, portable use).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Evidence Timeline"
ENV_BASEDIR = "EVIDENCE_TIMELINE_HOME"


def data_dir(basedir: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder for the app (not created here)."""
    if basedir is None:
        basedir = os.environ.get(ENV_BASEDIR) or None
    if basedir is not None:
        return Path(basedir)
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return root / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    root = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return root / "evidence-timeline"


def log_file(basedir: str | os.PathLike[str] | None = None) -> Path:
    """The log that unexpected errors are written to, with their tracebacks."""
    return data_dir(basedir) / "evidence-timeline.log"


def settings_file(basedir: str | os.PathLike[str] | None = None) -> Path:
    """The settings (window layout, recent cases), an INI file in the data folder."""
    return data_dir(basedir) / "settings.ini"


def demo_case_file(basedir: str | os.PathLike[str] | None = None) -> Path:
    """Where the demo case is written the first time the app starts."""
    return data_dir(basedir) / "Demo - Sopra Steria v Interserve.case"
