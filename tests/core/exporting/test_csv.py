"""The CSV export: every row, safe in Excel, never the privileged notes."""

import csv
from pathlib import Path

from timeline_app.core.demo import write_demo
from timeline_app.core.exporting.csv import HEADER, export_csv, safe_cell
from timeline_app.core.model import Event
from timeline_app.core.store import CaseStore, EventFilter


def test_csv_rows_formula_safety_and_no_privileged_text(tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        store.add_event(Event('=HYPERLINK("http://x")', description="+1 -2 @SUM"))
        path = tmp_path / "out.csv"
        assert export_csv(store, path) == 18
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert tuple(rows[0]) == HEADER and len(rows) == 19
        injected = next(r for r in rows if r[4].startswith("'="))
        assert injected[4:6] == ['\'=HYPERLINK("http://x")', "'+1 -2 @SUM"]
        assert b"accreditor's words" not in raw  # the demo's privileged note
        assert export_csv(store, path, EventFilter(key_only=True)) == 7


def test_safe_cell() -> None:
    assert [safe_cell(t) for t in ["=1", "+1", "-1", "@x", "\tx", "\rx", "\n=2+2", "1", "a=b"]] == [
        "'=1",
        "'+1",
        "'-1",
        "'@x",
        "'\tx",
        "'\rx",
        "'\n=2+2",
        "1",
        "a=b",
    ]
