"""Case ▸ Re-paginate from a bundle index: asked first, one undo step, references follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.core.services.chronology import chronology_rows
from timeline_app.ui.dialogs.messages import Messages
from timeline_app.ui.main_window import FileDialogs, MainWindow

INDEX = """Tab,Document,First page,Last page
D/1,Claim Form (Sopra Steria),1,4
D/2,Defence and Counterclaim (Interserve),5,9
E/1,Expert report,1,40
"""


def test_repaginate_asks_moves_and_undoes(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "new index.csv"
    index.write_text(INDEX)
    asked: list[str] = []
    monkeypatch.setattr(
        Messages, "confirm", classmethod(lambda cls, parent, q: asked.append(q) or True)
    )
    monkeypatch.setattr(FileDialogs, "bundle_index", classmethod(lambda cls, *a: str(index)))
    before = {row.title: row.references for row in chronology_rows(window.store)}
    assert any("A/2" in ref for refs in before.values() for ref in refs)
    window.repaginate_action.trigger()
    assert asked[0].startswith("Move 2 documents to their places in new index.csv?")
    assert "Expert report" in asked[0]
    after = {row.title: row.references for row in chronology_rows(window.store)}
    assert not any("A/2" in ref for refs in after.values() for ref in refs)
    assert any("D/2" in ref for refs in after.values() for ref in refs)
    assert "Moved 2 documents to their places" in window.statusBar().currentMessage()
    assert window.undo_action.text() == "&Undo Re-paginate 2 documents"
    window.undo_stack.undo()
    assert {row.title: row.references for row in chronology_rows(window.store)} == before


def test_a_file_that_is_not_an_index_is_said_in_words(
    window: MainWindow, tmp_path: Path, shown_errors: list[str]
) -> None:
    sheet = tmp_path / "events.csv"
    sheet.write_text("Date,Event\n1 May 2019,Meeting\n")
    window.repaginate(str(sheet))
    assert shown_errors == [
        "events.csv is not a bundle index: it needs the columns Tab, Document, First page and "
        "Last page (a CSV file or an Excel workbook)."
    ]
    assert window.undo_stack.count() == 0
