"""The desktop bundle: built by scripts/build_bundle.sh, run where no Python is on the PATH.

Every run has an empty environment but for HOME and a PATH of /usr/bin:/bin (``env -i``), so
the bundle leans on nothing of the virtual environment that built it. Building takes about a
minute; where PyInstaller is not installed the tests are skipped, except when
``EVIDENCE_TIMELINE_REQUIRE_BUNDLE`` is set (CI sets it), when they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT
from timeline_app import __version__

pytestmark = pytest.mark.slow

LIMIT = 250 * 2**20


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle's folder, built from this checkout into a temporary dist folder."""
    if importlib.util.find_spec("PyInstaller") is None:
        if os.environ.get("EVIDENCE_TIMELINE_REQUIRE_BUNDLE"):
            pytest.fail("PyInstaller is not installed (pip install -e '.[bundle]')")
        pytest.skip("PyInstaller is not installed (the bundle extra)")
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build_bundle.sh"), str(dist)],
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return dist / "evidence-timeline"


@pytest.fixture(scope="module")
def sockets() -> Iterator[str]:
    """A short TMPDIR for the app's single-instance socket, which a killed app leaves behind."""
    folder = tempfile.mkdtemp(prefix="et-")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _bare(home: Path, **more: str) -> dict[str, str]:
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", **more}


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in folder.rglob("*")
    }


@pytest.fixture
def untouched(bundle: Path) -> Iterator[None]:
    """Fails the test if the bundle wrote, changed or removed anything inside itself."""
    before = _files(bundle)
    yield
    assert _files(bundle) == before


def _run(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / "evidence-timeline"), *args],
        env=_bare(home),
        cwd=home,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_bundle_is_small_and_carries_only_the_qt_we_use(bundle: Path) -> None:
    size = sum(p.lstat().st_size for p in bundle.rglob("*") if not p.is_symlink())
    assert size < LIMIT, f"{size / 2**20:.0f} MB"
    names = {p.name for p in bundle.rglob("*")}
    # (libQt6OpenGL stays: Wayland's EGL plugin links to it.)
    unused = re.compile(r"Qt6(Qml|Quick|WebEngine|3D|Multimedia|Pdf|Sql|Test)|qgtk3|qvnc|\.qm$")
    assert not [n for n in names if unused.search(n)]
    assert {"libqxcb.so", "libqwayland.so", "libqoffscreen.so", "libQt6Svg.so.6"} <= names


def test_the_bundle_runs_its_commands_without_python(
    bundle: Path, tmp_path: Path, untouched: None
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    version = _run(bundle, home, "--version")
    assert version.returncode == 0, version.stderr
    shown = dict(re.findall(r"^(\w+): +(.*)$", version.stdout, re.MULTILINE))
    assert version.stdout.startswith(f"Evidence Timeline {__version__}\n")
    assert shown["Python"] == ".".join(map(str, sys.version_info[:3]))  # its own, no path
    assert shown["Program"] == str(bundle)
    assert shown["Log"] == str(home / ".local/share/evidence-timeline/evidence-timeline.log")
    assert _run(bundle, home, "demo", "demo.case").returncode == 0
    exported = _run(bundle, home, "export", "demo.case", "--docx", "demo.docx")
    assert exported.returncode == 0, exported.stderr
    with zipfile.ZipFile(home / "demo.docx") as word:
        assert "CHRONOLOGY" in word.read("word/document.xml").decode("utf-8")
    drawn = _run(bundle, home, "render", "demo.case", "--out", "timeline.png")
    assert drawn.returncode == 0, drawn.stderr
    assert (home / "timeline.png").read_bytes().startswith(b"\x89PNG")
    licences = Path(shown["Licences"])
    assert licences == bundle / "_internal" / "licences"
    index = (licences / "README.txt").read_text(encoding="utf-8")
    for name in ("PySide6_Essentials", "python-docx", "lxml", "dateparser", "Python 3"):
        assert name in index
    assert all(any(f.iterdir()) for f in licences.iterdir() if f.is_dir())


def _window_log(home: Path) -> str:
    log = home / ".local/share/evidence-timeline/evidence-timeline.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def test_the_bundle_window_stays_up_offscreen(
    bundle: Path, tmp_path: Path, sockets: str, untouched: None
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    said = tmp_path / "stderr.txt"
    with said.open("w") as stderr:
        window = subprocess.Popen(
            [str(bundle / "evidence-timeline")],
            env=_bare(home, QT_QPA_PLATFORM="offscreen", TMPDIR=sockets),
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 60
        while "Window shown" not in _window_log(home) and window.poll() is None:
            assert time.monotonic() < deadline, "no window after 60 s"
            time.sleep(0.1)
        time.sleep(3)
        assert window.poll() is None, said.read_text()
    finally:
        window.kill()
        window.wait()
    assert "ERROR" not in _window_log(home)


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="Xvfb (apt-get install xvfb)")
def test_the_bundle_window_stays_up_on_x11(
    bundle: Path, tmp_path: Path, sockets: str, untouched: None
) -> None:
    """Qt's xcb plugin, from the bundle, on a real (virtual) X server, for eight seconds."""
    home = tmp_path / "home"
    home.mkdir()
    shown = subprocess.run(
        ["xvfb-run", "-a", "timeout", "8", str(bundle / "evidence-timeline")],
        env=_bare(home, TMPDIR=sockets),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert shown.returncode == 124, shown.stderr  # still running when timeout stopped it
    assert "Window shown" in _window_log(home) and "ERROR" not in _window_log(home)


def test_the_installed_bundle_runs_from_its_link(bundle: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "local"
    installed = subprocess.run(
        ["bash", str(bundle / "install-desktop.sh"), "--prefix", str(prefix)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    version = _run(prefix / "bin", tmp_path, "--version")
    assert version.returncode == 0, version.stderr
    assert f"Program:  {prefix / 'lib' / 'evidence-timeline'}" in version.stdout
