"""The window meets hostile files as the command line does: in words, within bounds.

Each file is made by the tests that attack the command line; here the real window (offscreen,
in a child process with its address space capped) opens it, or imports it into the demo case.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.core.importing.test_hostile_imports import HOSTILE
from tests.core.test_hostile_case_files import HOSTILE_CASES, crafted
from tests.helpers import run_capped
from timeline_app.core.demo import write_demo

WINDOW = Path(__file__).with_name("hostile_window.py")
MOST_SECONDS, MOST_MEMORY = 10, 500 * 2**20


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def in_the_window(*args: str) -> tuple[list[str], str]:
    result, seconds, peak = run_capped(*args, script=WINDOW)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert seconds < MOST_SECONDS and peak < MOST_MEMORY, (seconds, peak)
    lines = result.stdout.splitlines()
    said = [line.removeprefix("SAID: ") for line in lines if line.startswith("SAID: ")]
    return said, lines[-1].removeprefix("RESULT: ")


@pytest.mark.slow
@pytest.mark.parametrize("hostile", HOSTILE_CASES, ids=list(HOSTILE_CASES))
def test_a_hostile_case_is_refused_in_one_message_naming_repair(
    hostile: str, tmp_path: Path
) -> None:
    path = crafted(tmp_path, *HOSTILE_CASES[hostile])
    before = digest(path)
    said, result = in_the_window("open", str(path))
    assert result == "refused" and len(said) == 1, said
    assert "repair" in said[0] and "Traceback" not in said[0], said
    assert digest(path) == before


@pytest.mark.slow
@pytest.mark.parametrize("hostile", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_import_is_refused_in_words(hostile: str, tmp_path: Path) -> None:
    name, make = HOSTILE[hostile]
    file = tmp_path / name
    words = make(file)
    case = write_demo(tmp_path / "demo.case")
    before = digest(case)
    said, result = in_the_window("import", str(case), str(file))
    assert result == "not imported" and any(words in text for text in said), said
    assert digest(case) == before
