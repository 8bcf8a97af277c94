"""An installed wheel finds its resources as a checkout does."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT
from timeline_app.resources import resource_path


def test_a_checkout_finds_the_demo_case() -> None:
    assert resource_path("demo", "demo_case.json").is_file()


@pytest.mark.slow
def test_an_installed_wheel_carries_and_finds_the_resources(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("evidence_timeline-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "timeline_app/_resources/demo/demo_case.json" in names
        assert "timeline_app/core/store/sqlite/case.py" in names
        assert not any(n.startswith(("tests/", "resources/")) for n in names)
        archive.extractall(tmp_path / "site")
    # Run from an empty folder with only the unpacked wheel on the path: no checkout to lean on.
    script = (
        "import timeline_app, timeline_app.resources as r\n"
        "print(timeline_app.__file__)\n"
        "print(r.resource_path('demo', 'demo_case.json'))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
    )
    package_file, demo = shown.stdout.split("\n")[:2]
    assert package_file.startswith(str(tmp_path / "site"))
    assert (
        Path(demo) == tmp_path / "site" / "timeline_app" / "_resources" / "demo" / "demo_case.json"
    )
    assert Path(demo).is_file()


def test_no_python_3_11_user_can_get_pyside6_6_12_0() -> None:
    import tomllib

    from packaging.requirements import Requirement

    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pyside = [Requirement(d) for d in dependencies if d.lower().startswith("pyside6")]
    assert pyside
    for python, crashing_ok in [("3.11", False), ("3.12", True), ("3.13", True)]:
        env = {"python_version": python, "python_full_version": f"{python}.0"}
        applicable = [r for r in pyside if r.marker is None or r.marker.evaluate(env)]
        assert len(applicable) == 1, python
        assert applicable[0].specifier.contains("6.12.0") is crashing_ok, python
        assert applicable[0].specifier.contains("6.11.3"), python
