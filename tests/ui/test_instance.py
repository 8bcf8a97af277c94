"""One app per user and data folder: a second start hands its case over; cases from outside
get windows of their own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from tests.helpers import ROOT
from timeline_app.core.demo import write_demo
from timeline_app.ui.application import Windows, settings_for
from timeline_app.ui.instance import server_name


@pytest.fixture
def windows(qtbot, tmp_path: Path, shown_errors: list[str]) -> Iterator[Windows]:
    home = str(tmp_path / "home")
    made = Windows(settings_for(home), home)
    yield made
    for window in list(made.windows):
        window.close()
    qtbot.waitUntil(lambda: not made.windows)


def test_a_case_from_outside_gets_its_own_window_and_the_same_case_the_same_one(
    windows: Windows, tmp_path: Path
) -> None:
    first, second = (write_demo(tmp_path / f"{n}.case") for n in ("first", "second"))
    a = windows.show(str(first))
    b = windows.show(str(second))
    assert windows.windows == [a, b] and b.store.location == str(second)
    assert b.pos() - a.pos() == Windows.CASCADE
    assert windows.show(str(tmp_path / "." / "first.case")) is a
    assert len(windows.windows) == 2


def test_a_refused_case_leaves_no_empty_window(
    windows: Windows, tmp_path: Path, shown_errors: list[str], qtbot
) -> None:
    first = windows.show(str(write_demo(tmp_path / "first.case")))
    (tmp_path / "notes.case").write_text("not a case")
    assert windows.show(str(tmp_path / "notes.case")) is first
    assert shown_errors and "notes.case" in shown_errors[0]
    qtbot.waitUntil(lambda: windows.windows == [first])


def test_a_request_without_a_case_shows_the_app_and_macos_open_events_open_cases(
    windows: Windows, tmp_path: Path
) -> None:
    first = write_demo(tmp_path / "first.case")
    window = windows.show(str(first))
    windows.on_open_requested(None)
    assert windows.windows == [window]
    second = write_demo(tmp_path / "second.case")
    QApplication.instance().installEventFilter(windows)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(second)))
    finally:
        QApplication.instance().removeEventFilter(windows)
    assert [w.store.location for w in windows.windows] == [str(first), str(second)]


def test_the_socket_is_named_for_the_user_and_the_data_folder(tmp_path: Path) -> None:
    assert server_name(str(tmp_path / "a")) == server_name(str(tmp_path / "a"))
    assert server_name(str(tmp_path / "a")) != server_name(str(tmp_path / "b"))
    assert len(server_name(None)) < 40  # a Unix socket's whole path must stay short


# ---------------------------------------------------------------- two real processes


def _wait_for(condition, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds} s for {what}")
        time.sleep(0.05)


def _log(home: Path) -> str:
    log = home / "evidence-timeline.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def _last_case(home: Path) -> object:
    return QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat).value("files/last")


@pytest.mark.slow
def test_a_second_start_hands_its_case_to_the_running_app(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first, second = (write_demo(tmp_path / f"{n}.case") for n in ("first", "second"))
    sockets = tempfile.mkdtemp(prefix="et-")  # short: a socket's path has a length limit
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": sockets}
    main = [sys.executable, str(ROOT / "main.py"), "--basedir", str(home)]

    def start(*args: str) -> subprocess.Popen:
        return subprocess.Popen([*main, *args], env=env, cwd=tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*main, *args], env=env, cwd=tmp_path, timeout=60, check=False)

    running = start("open", str(first))
    try:
        _wait_for(lambda: "Window shown" in _log(home), "the first window")
        assert run("open", "second.case").returncode == 0  # a relative path, from its folder
        _wait_for(lambda: _last_case(home) == str(second), "the running app to open it")
        assert "Handed " + str(second) in _log(home)
        assert run().returncode == 0  # started again from the menu: the running app shows
        _wait_for(lambda: "asked for the app to be shown" in _log(home), "the request")
        assert running.poll() is None
        assert _log(home).count("Window shown") == 1  # never a second app
        other = tmp_path / "other-home"  # another data folder is another app
        alone = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--basedir", str(other)], env=env
        )
        _wait_for(lambda: "Window shown" in _log(other), "the other data folder's window")
        alone.kill()
        alone.wait()
        running.kill()  # killed, it leaves its socket behind; the next start takes it over
        running.wait()
        running = start()
        _wait_for(lambda: _log(home).count("Window shown") == 2, "a new app after a kill")
        assert run("open", str(first)).returncode == 0
        _wait_for(lambda: _last_case(home) == str(first), "the new app to open it")
    finally:
        running.kill()
        running.wait()
        shutil.rmtree(sockets, ignore_errors=True)
