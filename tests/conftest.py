"""Shared fixtures: a real case file per test, headless Qt, and read-only files that bind root."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Qt must be headless before any QApplication exists, and the app's own files must not touch
# the developer's home folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timeline_app.core.store import CaseStore

GUI_FIXTURES = {"qapp", "qtbot", "qtmodeltester"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that need a QApplication as ``gui``, so ``-m "not gui"`` is the pure run."""
    for item in items:
        if GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "app-home"
    monkeypatch.setenv("EVIDENCE_TIMELINE_HOME", str(home))
    return home


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    """Where a test's case file goes (not created)."""
    return tmp_path / "case.case"


@pytest.fixture
def store(case_path: Path) -> Iterator[CaseStore]:
    """A new, empty case in a real file, closed after the test."""
    with CaseStore.create(case_path, title="Test case") as opened:
        yield opened


def _chattr(flag: str, path: Path) -> bool:
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    return (
        subprocess.run([chattr, flag, str(path)], capture_output=True, check=False).returncode == 0
    )


@pytest.fixture
def make_read_only() -> Iterator[Callable[[Path], None]]:
    """Make a file or folder truly read-only, for root too (chattr +i), and undo it after."""
    done: list[tuple[Path, int]] = []

    def protect(path: Path) -> None:
        mode = path.stat().st_mode
        path.chmod(stat.S_IMODE(mode) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        done.append((path, mode))
        if os.access(path, os.W_OK) and not _chattr("+i", path):
            pytest.skip("cannot make a file read-only for this user (root without chattr)")

    yield protect
    for path, mode in reversed(done):
        with contextlib.suppress(OSError):
            _chattr("-i", path)
            path.chmod(stat.S_IMODE(mode))


# ------------------------------------------------------------------------- a real PostgreSQL

_PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def _as_cluster_owner(command: list[str]) -> list[str]:
    """``initdb`` refuses to run as root: run the cluster as the ``postgres`` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster for the session, on a socket in a temporary folder.

    Yields the server's address (no case in it). Where PostgreSQL is not installed the server
    tests are skipped, except when ``EVIDENCE_TIMELINE_REQUIRE_POSTGRES`` is set (CI sets it),
    when they fail instead.
    """
    if not _PG_BIN:
        if os.environ.get("EVIDENCE_TIMELINE_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is not installed (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed here")
    binaries = Path(_PG_BIN[-1])
    folder = Path(tempfile.mkdtemp(prefix="et-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subprocess.run(
        _as_cluster_owner(
            [str(binaries / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres"]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-k {folder} -c listen_addresses='' -p {port} -c fsync=off"
    subprocess.run(
        _as_cluster_owner(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(folder / "data"),
                "-o",
                options,
                "-w",
                "-l",
                str(folder / "log"),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql:///postgres?host={folder}&port={port}&user=postgres"
    finally:
        subprocess.run(
            _as_cluster_owner(
                [str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "stop"]
            ),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


_CASE_NUMBERS = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_ready(postgres_server: str) -> str:
    """The session's server, set up for cases (``server init``)."""
    from timeline_app.core.store.postgres.address import parse
    from timeline_app.core.store.postgres.case import init_server

    where = parse(postgres_server, case_required=False)
    init_server(where.conninfo, where.shown)
    return postgres_server


@pytest.fixture
def server_case(postgres_ready: str) -> str:
    """The address of a new, empty case on the session's server, named for this test."""
    from timeline_app.core.store.postgres.address import with_case
    from timeline_app.core.store.postgres.case import create_case

    address = with_case(postgres_ready, f"Test case {next(_CASE_NUMBERS)}")
    create_case(address, title="Test case").close()
    return address
