"""The icon, the desktop entry, the .case file type and scripts/install-desktop.sh.

The installer is run on a stand-in bundle (a script and the resources, laid out as
PyInstaller lays them out); tests/test_bundle.py installs the real one.
"""

from __future__ import annotations

import configparser
import os
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.helpers import ROOT
from timeline_app.core.demo import write_demo
from timeline_app.core.migrations import APPLICATION_ID

LINUX = ROOT / "resources" / "linux"
OURS = "application/x-evidence-timeline-case"


def test_every_icon_size_is_a_png_of_that_size() -> None:
    from timeline_app.ui.application import ICON_SIZES

    for size in ICON_SIZES:
        data = (ROOT / "resources" / "icons" / f"evidence-timeline-{size}.png").read_bytes()
        assert data.startswith(b"\x89PNG")
        assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (
            size,
            size,
        )


def test_the_desktop_entry_opens_case_files_with_our_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / "evidence-timeline.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    # (install-desktop.sh writes the program's full path in.)
    assert desktop["Exec"] == "evidence-timeline open --desktop %f"
    assert desktop["Icon"] == "evidence-timeline"
    assert desktop["MimeType"] == f"{OURS};"


def test_the_mime_type_knows_a_case_by_its_name_and_by_our_application_id() -> None:
    space = "{http://www.freedesktop.org/standards/shared-mime-info}"
    [kind] = ET.parse(LINUX / "evidence-timeline.xml").getroot()
    assert kind.get("type") == OURS
    assert kind.find(f"{space}glob").get("pattern") == "*.case"
    sqlite = kind.find(f"{space}magic/{space}match")
    assert (sqlite.get("offset"), sqlite.get("value")) == ("0", "SQLite format 3")
    [ours] = sqlite
    assert (ours.get("type"), ours.get("offset")) == ("big32", "68")
    assert int(ours.get("value"), 16) == APPLICATION_ID


def _stand_in_bundle(folder: Path) -> Path:
    program = folder / "evidence-timeline"
    folder.mkdir()
    program.write_text("#!/bin/sh\necho stand-in\n")
    program.chmod(0o755)
    shutil.copytree(ROOT / "resources", folder / "_internal" / "timeline_app" / "_resources")
    return folder


def _kinds(share: Path, *files: Path) -> list[str]:
    """What Qt (as every desktop, through shared-mime-info) takes each file to be."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QMimeDatabase\n"
        "print(*(QMimeDatabase().mimeTypeForFile(f).name() for f in sys.argv[1:]))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script, *map(str, files)],
        env={**os.environ, "XDG_DATA_HOME": str(share), "XDG_DATA_DIRS": "/usr/share"},
        capture_output=True,
        text=True,
        check=True,
    )
    return shown.stdout.split()


def test_install_desktop_installs_the_program_entry_type_and_icon_and_uninstalls(
    tmp_path: Path,
) -> None:
    bundle = _stand_in_bundle(tmp_path / "bundle")
    prefix = tmp_path / "local"
    script = ROOT / "scripts" / "install-desktop.sh"
    done = subprocess.run(
        ["bash", str(script), "--prefix", str(prefix), str(bundle)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    program = prefix / "lib" / "evidence-timeline" / "evidence-timeline"
    linked = subprocess.run([prefix / "bin" / "evidence-timeline"], capture_output=True, check=True)
    assert linked.stdout == b"stand-in\n"
    share = prefix / "share"
    entry = (share / "applications" / "evidence-timeline.desktop").read_text()
    assert f'Exec="{program}" open --desktop %f' in entry.splitlines()
    for place in (
        "icons/hicolor/48x48/apps/evidence-timeline.png",
        "icons/hicolor/scalable/apps/evidence-timeline.svg",
        "icons/hicolor/256x256/mimetypes/application-x-evidence-timeline-case.png",
        "mime/packages/evidence-timeline.xml",
    ):
        assert (share / place).is_file(), place
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", str(share / "applications" / "evidence-timeline.desktop")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0 and not checked.stdout, checked.stdout
    case = write_demo(tmp_path / "Smith v Jones.case")
    renamed = tmp_path / "sent by email.sqlite"
    shutil.copy(case, renamed)
    empty = tmp_path / "empty.case"
    empty.touch()
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    if shutil.which("update-mime-database"):
        assert _kinds(share, case, renamed, empty, other) == [
            OURS,
            OURS,  # by its application id, whatever its name
            OURS,  # by its name
            "application/vnd.sqlite3",  # someone else's SQLite file
        ]
    again = subprocess.run(
        ["bash", str(script), "--prefix", str(prefix), "--uninstall"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert not program.parent.exists() and not (prefix / "bin" / "evidence-timeline").exists()
    assert not list(share.rglob("evidence-timeline*")) and not list(share.rglob("*-case.png"))
    if shutil.which("update-mime-database"):
        assert _kinds(share, renamed) == ["application/vnd.sqlite3"]


def test_install_desktop_refuses_without_a_bundle(tmp_path: Path) -> None:
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "install-desktop.sh"), "--prefix", str(tmp_path), "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "build it first" in done.stderr
    assert not list(tmp_path.iterdir())
