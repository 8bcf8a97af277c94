"""The Excel export: the chronology's table, every cell text, reopened by Excel's own library."""

from pathlib import Path

import openpyxl

from timeline_app.core.chronology import TABLE_HEADINGS
from timeline_app.core.demo import write_demo
from timeline_app.core.exporting.xlsx import EXCEL_CELL_LIMIT
from timeline_app.core.model import Event
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.store import CaseStore


def test_the_workbook_holds_the_chronology_as_text_under_a_frozen_bold_heading(
    tmp_path: Path,
) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        store.add_event(Event('=HYPERLINK("http://x")', description="007\nsecond line"))
        path = tmp_path / "chronology.xlsx"
        done = export_chronology(store, path, "xlsx")
        titles = [e.title for e in store.events()]
    assert (done.count, done.notes) == (18, [])
    book = openpyxl.load_workbook(path)
    sheet = book["Chronology"]
    rows = list(sheet.iter_rows())
    assert tuple(c.value for c in rows[0][: len(TABLE_HEADINGS)]) == TABLE_HEADINGS
    assert all(c.font.bold for c in rows[0])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    event = [c.value for c in rows[0]].index("Event")
    assert [r[event].value for r in rows[1:]] == titles
    injected = next(r for r in rows if r[event].value == '=HYPERLINK("http://x")')
    assert injected[event].data_type == "s"  # shown as text, never run as a formula
    assert injected[event + 1].value == "007\nsecond line"
    assert all(c.data_type == "s" for r in rows for c in r if c.value is not None)
    assert "accreditor's words" not in str([c.value for r in rows for c in r])
    assert book.properties.title == "Chronology — Sopra Steria v Interserve"


def test_a_cell_longer_than_excel_holds_is_cut_and_said(store: CaseStore, tmp_path: Path) -> None:
    store.add_event(Event("Long", description="x" * (EXCEL_CELL_LIMIT + 10)))
    path = tmp_path / "long.xlsx"
    done = export_chronology(store, path, "xlsx")
    assert done.notes == [
        "1 cell held more than Excel's 32,767 characters and was cut short (No. 1, "
        "Description); the Word and CSV exports keep them whole."
    ]
    cell = openpyxl.load_workbook(path)["Chronology"]["G2"]
    assert len(cell.value) == EXCEL_CELL_LIMIT and cell.value.endswith("…")
