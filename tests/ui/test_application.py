"""Which case the window opens: the one asked for, the last one, or the demo case once."""

from pathlib import Path

import pytest

from timeline_app.core.errors import UserError
from timeline_app.core.store import CaseStore
from timeline_app.ui.application import case_to_open, settings_for


def test_the_first_start_writes_and_opens_the_demo_case(tmp_path: Path) -> None:
    settings = settings_for(str(tmp_path))
    first = case_to_open(None, settings, str(tmp_path))
    assert first.parent == tmp_path and first.is_file()
    with CaseStore.open(first) as store:
        assert store.case_info().title == "Sopra Steria v Interserve"
    before = first.stat().st_mtime_ns
    assert case_to_open(None, settings, str(tmp_path)) == first
    assert first.stat().st_mtime_ns == before  # written once, never again


def test_later_starts_open_the_last_case(tmp_path: Path) -> None:
    settings = settings_for(str(tmp_path))
    last = tmp_path / "last.case"
    CaseStore.create(last).close()
    settings.setValue("files/last", str(last))
    assert case_to_open(None, settings, str(tmp_path)) == last
    last.unlink()  # moved or deleted since: fall back to the demo case
    assert case_to_open(None, settings, str(tmp_path)).name.startswith("Demo")


def test_a_case_asked_for_wins(tmp_path: Path) -> None:
    assert case_to_open("x.case", settings_for(str(tmp_path)), str(tmp_path)) == Path("x.case")


def test_a_data_folder_that_cannot_be_made_is_a_user_error(tmp_path: Path) -> None:
    occupied = tmp_path / "notes.txt"
    occupied.write_text("a file, not a folder")
    with pytest.raises(UserError, match="cannot be created"):
        case_to_open(None, settings_for(str(tmp_path)), str(occupied / "inner"))
