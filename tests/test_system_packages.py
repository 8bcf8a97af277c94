"""One list of Debian packages, read by the README's command and by CI, and complete for Qt.

Qt's X11 plugin aborts at start when a library it links to is missing, with a message that
names the wrong one (``libxcb-cursor0`` for a missing ``libxcb-icccm4``). So every library
that ``ldd`` finds behind the plugins Qt loads on X11 must be either

- inside the PySide6 wheel (Qt's own libraries and ICU, which pip installs), or
- installed by a Debian package on the list, or by one they depend on, at any depth (apt
  installs those with them: libc6, libxcb1, libx11-6 …, the base of every system).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "bundling"))
from licences import debian_packages

LIST = ROOT / "scripts" / "system-packages.txt"


def listed() -> list[str]:
    return [line.strip() for line in LIST.read_text().splitlines() if line.strip()[:1] not in "#"]


def test_the_readme_command_and_ci_install_the_one_list() -> None:
    assert "libxcb-icccm4" in listed() and "fonts-dejavu-core" in listed()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [run] = [line for line in readme.splitlines() if line.startswith("sudo apt-get update")]
    assert "$(grep -v '^#' scripts/system-packages.txt)" in run
    assert run.endswith(".venv/bin/python main.py")
    ci = (ROOT / ".ci" / "run").read_text()
    assert "scripts/system-packages.txt" in ci
    assert not set(listed()) & set(re.findall(r"[\w.+-]+", ci)), "CI names a listed package again"


def _plugins() -> list[Path]:
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return [plugins / "platforms" / "libqxcb.so", *sorted(plugins.glob("xcbglintegrations/*.so"))]


def _installed_with(packages: list[str]) -> set[str]:
    """The packages and everything they depend on, at any depth, as installed here."""
    shown = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package}|${Status}|${Depends}, ${Pre-Depends}\n"],
        capture_output=True,
        text=True,
        check=True,
    )
    depends = {}
    for line in shown.stdout.splitlines():
        package, status, needs = line.split("|", 2)
        if status.endswith(" installed"):  # an alternative not chosen is not installed
            depends[package] = [re.split(r"[\s:(]", n.strip())[0] for n in re.split(r"[,|]", needs)]
    seen: set[str] = set()
    todo = [p for p in packages if p in depends]
    while todo:
        package = todo.pop()
        if package not in seen:
            seen.add(package)
            todo += [n for n in depends[package] if n in depends]
    return seen


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="a Debian or Ubuntu system")
def test_every_library_qt_needs_on_x11_comes_from_a_listed_package() -> None:
    missing = [p for p in listed() if p not in _installed_with([p])]
    assert not missing, f"not installed; run the README's apt-get command: {missing}"
    allowed = _installed_with(listed())
    import PySide6

    wheel = Path(PySide6.__file__).resolve().parent
    system = set()
    for plugin in _plugins():
        shown = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True)
        assert "not found" not in shown.stdout, shown.stdout
        found = re.findall(r"=> (/\S+)", shown.stdout)
        system |= {lib for lib in found if not Path(lib).resolve().is_relative_to(wheel)}
    checked = debian_packages(system)
    assert set(checked) == system, f"not from a package: {system - set(checked)}"
    outside = {lib: package for lib, package in checked.items() if package not in allowed}
    assert not outside, f"libraries from packages the list does not bring: {outside}"
    # The three whose absence gave the misleading message, and the cursor one it named.
    for name in ("icccm", "keysyms", "shape", "cursor"):
        [package] = {p for lib, p in checked.items() if f"libxcb-{name}." in lib}
        assert package in listed()
