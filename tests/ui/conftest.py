"""Fixtures for the window tests: a real window on a real demo case, messages collected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline_app.core.demo import write_demo
from timeline_app.ui.application import settings_for
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the window would show, collected instead of shown."""
    errors: list[str] = []
    monkeypatch.setattr(
        Messages, "user_error", classmethod(lambda cls, parent, error: errors.append(str(error)))
    )

    monkeypatch.setattr(
        Messages, "notice", classmethod(lambda cls, parent, text: errors.append(text))
    )

    def discard(cls: type, parent: object, question: str) -> bool:
        errors.append(question)
        return True

    monkeypatch.setattr(Messages, "discard_or_keep", classmethod(discard))
    return errors


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.case")


@pytest.fixture
def window(qtbot, tmp_path: Path, demo_path: Path, shown_errors: list[str]) -> Iterator[MainWindow]:
    win = MainWindow(settings_for(str(tmp_path / "home")), str(tmp_path / "home"))
    qtbot.addWidget(win)
    win.show()
    assert win.open_case(demo_path)
    yield win
    win.close()
