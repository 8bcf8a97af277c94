"""Shared fixtures: a real case file per test, headless Qt, and read-only files that bind root."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Qt must be headless before any QApplication exists, and the app's own files must not touch
# the developer's home folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.postgres import BINARIES, Cluster, throwaway_cluster
from timeline_app.core.progress import collect_set_aside
from timeline_app.core.store import CaseStore

GUI_FIXTURES = {"qapp", "qtbot", "qtmodeltester"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that need a QApplication as ``gui``, so ``-m "not gui"`` is the pure run."""
    for item in items:
        if GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _set_aside_collected() -> Iterator[None]:
    """What a test's bulk work set aside from the collector is collected after it.

    As when a case closes in the window: a test process runs a thousand cases, and cycles
    among what was set aside would otherwise stay for the rest of the run.
    """
    yield
    collect_set_aside()


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


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster for the session, on a socket in a temporary folder.

    Where PostgreSQL is not installed the server tests are skipped, except when
    ``EVIDENCE_TIMELINE_REQUIRE_POSTGRES`` is set (CI sets it), when they fail instead.
    """
    if not BINARIES:
        if os.environ.get("EVIDENCE_TIMELINE_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is not installed (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed here")
    with throwaway_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def postgres_server(postgres_cluster: Cluster) -> str:
    """The session's server address (no case in it)."""
    return postgres_cluster.address


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
