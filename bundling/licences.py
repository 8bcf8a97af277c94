"""The licences of everything a bundle carries, gathered into one folder for the About box.

Each Python distribution's own licence files come from its metadata; Qt (PySide6), which
ships none, gets the LGPL-3.0 text (licence-texts/); Python gets its LICENSE.txt; and on
Debian, each system library PyInstaller copied in gets its package's copyright file.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

TEXTS = Path(__file__).resolve().parent / "licence-texts"
WITHOUT_FILES = {"pyside6-essentials": "LGPL-3.0", "pyside6": "LGPL-3.0", "shiboken6": "LGPL-3.0"}
"""Distributions whose metadata names a licence but carries no text of it."""
QT_NOTICE = (
    "Qt {qt} (in PySide6) is used under the LGPL-3.0; the third-party code inside Qt is listed "
    "at https://doc.qt.io/qt-6/licenses-used-in-qt.html. You may replace the Qt libraries "
    "in this folder with your own build of the same version."
)


def debian_packages(libraries: Iterable[str]) -> dict[str, str]:
    """The Debian package that installed each library file (none where dpkg is not found)."""
    spellings: dict[str, str] = {}
    for library in libraries:
        for known in {library, str(Path(library).resolve())}:
            spellings[known] = library
            # merged /usr: dpkg may know either spelling
            other = known.removeprefix("/usr") if known.startswith("/usr/") else "/usr" + known
            spellings[other] = library
    if shutil.which("dpkg") is None or not spellings:
        return {}
    found = subprocess.run(["dpkg", "-S", *spellings], capture_output=True, text=True, check=False)
    owners: dict[str, str] = {}
    for line in found.stdout.splitlines():
        package, _, path = line.partition(": ")
        if path in spellings:
            owners.setdefault(spellings[path], package.split(",")[0].split(":")[0].strip())
    return owners


def _distributions(top_names: Iterable[str]) -> list[importlib.metadata.Distribution]:
    owners = importlib.metadata.packages_distributions()
    names = {d for top in top_names for d in owners.get(top, [])} - {"evidence-timeline"}
    names = sorted(names, key=str.lower)
    return [importlib.metadata.distribution(name) for name in names]


def _licence_files(dist: importlib.metadata.Distribution) -> list[Path]:
    pattern = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)
    return [
        Path(str(dist.locate_file(f)))
        for f in dist.files or []
        if ".dist-info" in str(f) and pattern.search(Path(str(f)).name)
    ]


def _python_licence() -> Path | None:
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for place in (base / "lib" / version / "LICENSE.txt", base / "LICENSE.txt"):
        if place.is_file():
            return place
    return None


def collect(top_names: Iterable[str], libraries: Iterable[str], out: Path) -> list[str]:
    """Copy the licences into ``out`` (made afresh) and write its index; the index's lines."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    index: list[str] = []
    for dist in _distributions(top_names):
        name, version = dist.metadata["Name"], dist.version
        licence = dist.metadata.get("License-Expression") or dist.metadata.get("License") or ""
        folder = out / f"{name}-{version}"
        folder.mkdir()
        files = _licence_files(dist)
        text = WITHOUT_FILES.get(re.sub(r"[-_.]+", "-", name).lower())
        if text:
            files.append(TEXTS / f"{text}.txt")
            files.append(TEXTS / "GPL-3.0.txt")  # the LGPL-3.0 is written as additions to it
        for file in files:
            shutil.copyfile(file, folder / file.name)
        index.append(f"{name} {version}: {licence.splitlines()[0] if licence else 'see files'}")
    python = _python_licence()
    if python is not None:
        folder = out / f"Python-{sys.version.split()[0]}"
        folder.mkdir()
        shutil.copyfile(python, folder / "LICENSE.txt")
        index.append(f"Python {sys.version.split()[0]}: PSF-2.0")
    packages = sorted(set(debian_packages(libraries).values()))
    for package in packages:
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if copyright_file.is_file():
            (out / "debian").mkdir(exist_ok=True)
            shutil.copyfile(copyright_file, out / "debian" / f"{package}.copyright")
            index.append(f"{package} (Debian system library): see debian/{package}.copyright")
    try:
        from PySide6.QtCore import qVersion  # noqa: PLC0415  (only where Qt is bundled)
    except ImportError:
        pass
    else:
        index.append("")
        index.append(QT_NOTICE.format(qt=qVersion()))
    (out / "README.txt").write_text(
        "Licences of the software inside Evidence Timeline\n\n" + "\n".join(index) + "\n",
        encoding="utf-8",
    )
    return index


def collect_licences(analysis: Any, out: Path) -> list[tuple[str, str, str]]:
    """For the spec: collect what a PyInstaller Analysis bundles; its data entries."""
    tops = {name.split(".")[0] for name, _, _ in analysis.pure}
    tops |= {Path(name).parts[0].split(".")[0] for name, _, _ in analysis.binaries}
    tops |= {Path(name).parts[0] for name, _, _ in analysis.datas}  # packages kept as .py files
    system = [src for _, src, _ in analysis.binaries if src.startswith(("/lib/", "/usr/lib/"))]
    collect(tops, system, out)
    return [
        (str(Path("licences") / f.relative_to(out)), str(f), "DATA")
        for f in sorted(out.rglob("*"))
        if f.is_file()
    ]
