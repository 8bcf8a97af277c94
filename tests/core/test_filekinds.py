"""Only regular files are read: a pipe, a device, a socket or a looping link is refused in words."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline_app.core.errors import CaseFileError, UserError
from timeline_app.core.filekinds import read_regular
from timeline_app.core.importing import open_file
from timeline_app.core.store import CaseStore

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def unix_socket(path: Path) -> Path:
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.close()  # the socket file stays
    return path


def loop(path: Path) -> Path:
    path.symlink_to(path.with_name("other"))
    path.with_name("other").symlink_to(path)
    return path


def dangling(path: Path) -> Path:
    path.symlink_to(path.with_name("gone.case"))
    return path


KINDS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (fifo, r"is a named pipe \(FIFO\), not a"),
    "socket": (unix_socket, r"is a socket, not a"),
    "link in a loop": (loop, r"is a link that leads round in a circle"),
    "dangling link": (dangling, r"is a link to .*gone.case, which is not there"),
    "folder": (lambda p: (p.mkdir(), p)[1], r"is a folder, not a"),
}


@pytest.mark.parametrize("kind", KINDS, ids=list(KINDS))
def test_what_is_not_a_regular_file_is_refused_in_its_own_words(kind: str, tmp_path: Path) -> None:
    make, words = KINDS[kind]
    path = make(tmp_path / "thing.case")
    with pytest.raises(CaseFileError, match=words):
        CaseStore.open(path)
    with pytest.raises(UserError, match=words):
        open_file(path)


def test_a_device_is_refused_not_read() -> None:
    with pytest.raises(UserError, match="is a device, not a file to import"):
        open_file(Path("/dev/zero"))  # reading it would never end
    assert read_regular(Path(__file__), "test", most=3) == b'"""'


@pytest.mark.parametrize("command", ["info", "export", "import", "open"])
def test_no_command_waits_on_a_pipe(command: str, tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "pipe.case")
    args = {
        "export": ["export", str(pipe), "--csv", str(tmp_path / "out.csv")],
        "import": ["import", str(tmp_path / "nothing.case"), str(pipe)],
        "info": ["info", str(pipe)],
        "open": ["open", str(pipe)],
    }[command]
    if command == "import":
        subprocess.run([sys.executable, str(MAIN), "new", args[1]], check=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(MAIN), *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env=env,
    )
    assert result.returncode == 2 and "named pipe (FIFO)" in result.stderr, result.stderr
