"""Help ▸ About and --version: the versions, and where the case, the log and the licences are."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest
from PySide6.QtCore import qVersion

from tests.helpers import run_cli
from timeline_app import __version__
from timeline_app.ui.application import app_icon
from timeline_app.ui.dialogs.about import AboutDialog
from timeline_app.ui.main_window import MainWindow


def test_help_about_names_the_versions_and_where_the_case_and_the_log_are(
    window: MainWindow, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    [help_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    assert window.about_action in help_menu.actions()
    window.about_action.trigger()
    [about] = shown
    values = {label: widget.text() for label, widget in about.values.items()}
    assert values["Python"].startswith(platform.python_version())
    assert values["Qt"].startswith(qVersion())
    assert values["Case"] == str(demo_path.resolve())
    assert values["Log"] == str(tmp_path / "home" / "evidence-timeline.log")
    # shown as written, not as HTML ("library&#x27;s"); the bundle's own is tested with the bundle
    assert values["Licences"] == "in each library's own package (this is not a bundle)"
    assert f"Evidence Timeline {__version__}" in about.heading.text()


def test_the_icon_has_every_size() -> None:
    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert sizes == {(n, n) for n in (16, 24, 32, 48, 64, 128, 256, 512)}


def test_version_names_python_qt_the_last_case_and_the_log(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run_cli("--basedir", str(home), "--version")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Evidence Timeline {__version__}"
    assert f"Qt:       {qVersion()}" in result.stdout
    assert f"Log:      {home / 'evidence-timeline.log'}" in lines
    assert "Case:     none opened yet" in lines
    (home / "settings.ini").write_text("[files]\nlast=/cases/Smith v Jones.case\n")
    again = run_cli("--basedir", str(home), "--version").stdout
    assert "Case:     /cases/Smith v Jones.case (the last one opened)" in again
