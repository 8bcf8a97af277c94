"""The Windows and macOS installers' workflow, which only GitHub's runners can run: linted here.

The workflow must parse as YAML, pass the GitHub workflow schema (check-jsonschema carries it,
so no network is needed), build on both systems from the same PyInstaller spec, and name only
files that exist; the Inno Setup script must associate .case files with the program.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytest.importorskip("check_jsonschema", reason="the test extra: pip install -e '.[test]'")
YAML = pytest.importorskip("ruamel.yaml", reason="the test extra").YAML

WORKFLOW = ROOT / ".github" / "workflows" / "bundle.yml"
INNO = ROOT / "bundling" / "windows" / "evidence-timeline.iss"


SCHEMA = ["--builtin-schema", "vendor.github-workflows"]


def _schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *SCHEMA, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_workflow_passes_githubs_schema(tmp_path: Path) -> None:
    checked = _schema_check(WORKFLOW)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    broken = tmp_path / "broken.yml"  # the check does find mistakes
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "run-on:"))
    assert _schema_check(broken).returncode != 0


def test_the_workflow_builds_both_installers_from_files_that_exist() -> None:
    workflow = YAML(typ="safe").load(WORKFLOW)
    [job] = workflow["jobs"].values()
    assert job["strategy"]["matrix"]["os"] == ["windows-latest", "macos-latest"]
    script = "\n".join(step.get("run", "") for step in job["steps"])
    named = re.findall(r"(?:bundling|scripts)[/\\][\w./\\-]+", script)
    assert named
    assert all((ROOT / n.replace("\\", "/")).is_file() for n in named), named
    assert "bundling/evidence-timeline.spec" in script and "ISCC.exe" in script
    assert "hdiutil create" in script
    assert '".[bundle]"' in script  # the same extra as scripts/build_bundle.sh


def test_the_windows_installer_opens_case_files_with_the_program() -> None:
    text = INNO.read_text(encoding="utf-8")
    assert "ChangesAssociations=yes" in text
    assert 'Subkey: "Software\\Classes\\.case"' in text
    assert '""{app}\\evidence-timeline.exe"" open --desktop ""%1""' in text
    source = re.search(r'Source: "\.\.\\\.\.\\(dist\\evidence-timeline)\\\*"', text)
    assert source and source[1] == "dist\\evidence-timeline"  # what the spec builds
