"""The versions, and where the program, the case, the log and the licences are.

For ``--version`` and Help ▸ About; only QtCore, so that ``--version`` answers where Qt's
window libraries are missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QSettings, qVersion

import timeline_app
from timeline_app import __version__
from timeline_app.paths import log_file, settings_file


def licences_folder() -> Path | None:
    """The bundle's folder of the licences of what it carries; None when run from Python."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    return Path(bundle) / "licences" if bundle else None


def facts(basedir: str | None, case: str | None = None) -> list[tuple[str, str]]:
    """(label, value) rows: the versions, and where things are; ``case`` is the open one.

    Without a case, the last one opened is named, as the window would open it.
    """
    if case is None:
        last = QSettings(str(settings_file(basedir)), QSettings.Format.IniFormat).value(
            "files/last"
        )
        case = f"{last} (the last one opened)" if isinstance(last, str) else "none opened yet"
    licences = licences_folder()
    if getattr(sys, "frozen", False):
        program, python = str(Path(sys.executable).parent), sys.version.split()[0]
    else:
        program = str(Path(timeline_app.__file__).parent)
        python = f"{sys.version.split()[0]} ({sys.executable})"
    return [
        ("Version", __version__),
        ("Python", python),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("Case", case),
        ("Log", str(log_file(basedir))),
        ("Program", program),
        (
            "Licences",
            str(licences) if licences else "in each library's own package (this is not a bundle)",
        ),
    ]


def version_text(basedir: str | None) -> str:
    """What ``--version`` prints."""
    rows = facts(basedir)[1:]
    return f"Evidence Timeline {__version__}\n" + "".join(f"{k + ':':<10}{v}\n" for k, v in rows)
