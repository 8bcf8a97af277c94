"""A name the file type's suffix completes is not replaced unasked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.dialogs.save_as import with_suffix
from timeline_app.ui.main_window import FileDialogs


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions asked: the first is answered No, the second Yes."""
    asked: list[str] = []
    replies = iter([False, True])
    monkeypatch.setattr(
        Messages,
        "replace_file",
        classmethod(
            lambda cls, parent, name, folder: asked.append(f"{name} in {folder}") or next(replies)
        ),
    )
    return asked


def test_the_suffix_is_added_and_an_existing_file_so_named_is_asked_about(
    tmp_path: Path, answers: list[str]
) -> None:
    assert (
        with_suffix(None, str(tmp_path / "Smith v. Jones"), ".docx")
        == tmp_path / "Smith v. Jones.docx"
    )
    assert with_suffix(None, str(tmp_path / "typed.DOCX"), ".docx") == tmp_path / "typed.DOCX"
    assert answers == []  # nothing there: nothing to ask
    (tmp_path / "filed.docx").write_text("as filed")
    assert with_suffix(None, str(tmp_path / "filed"), ".docx") is None  # "No"
    assert with_suffix(None, str(tmp_path / "filed"), ".docx") == tmp_path / "filed.docx"
    assert answers == [f"filed.docx in {tmp_path}"] * 2
    assert (tmp_path / "filed.docx").read_text() == "as filed"


def test_the_json_export_asks_before_completing_a_name_to_an_existing_file(
    tmp_path: Path, answers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "whole.json").write_text("{}")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(tmp_path / "whole"), ""))
    )
    assert FileDialogs.export_json(None, str(tmp_path)) is None
    assert FileDialogs.export_json(None, str(tmp_path)) == str(tmp_path / "whole.json")
    assert len(answers) == 2


def test_a_folder_of_the_completed_name_is_refused_in_words(
    tmp_path: Path, answers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        Messages, "user_error", classmethod(lambda cls, parent, error: shown.append(str(error)))
    )
    (tmp_path / "bundle.docx").mkdir()
    assert with_suffix(None, str(tmp_path / "bundle"), ".docx") is None
    assert shown == [f"{tmp_path / 'bundle.docx'} is a folder; choose another name."]
    assert answers == []
