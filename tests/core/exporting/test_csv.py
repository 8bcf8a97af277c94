"""The CSV export: every row, safe in Excel, never the privileged notes unless asked."""

import csv
import datetime as dt
from pathlib import Path

from timeline_app.core import importing
from timeline_app.core.chronology import TABLE_HEADINGS
from timeline_app.core.demo import write_demo
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.exporting.csv import safe_cell
from timeline_app.core.model import Event, FuzzyDate
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore, EventFilter


def read(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_csv_rows_formula_safety_and_no_privileged_text(tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        store.add_event(Event('=HYPERLINK("http://x")', description="+1 -2 @SUM"))
        path = tmp_path / "out.csv"
        assert export_chronology(store, path, "csv").count == 18
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
        rows = read(path)
        assert tuple(rows[0][: len(TABLE_HEADINGS)]) == TABLE_HEADINGS and len(rows) == 19
        event = rows[0].index("Event")
        injected = next(r for r in rows if r[event].startswith("'="))
        assert injected[event : event + 2] == ['\'=HYPERLINK("http://x")', "'+1 -2 @SUM"]
        assert b"accreditor's words" not in raw  # the demo's privileged note
        assert "Privileged note" not in rows[0]
        key_only = ExportOptions(where=EventFilter(key_only=True))
        assert export_chronology(store, path, "csv", key_only).count == 7


def test_privileged_notes_are_a_column_only_when_asked_for(tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        path = tmp_path / "out.csv"
        export_chronology(store, path, "csv", ExportOptions(privileged=True))
    rows = read(path)
    assert rows[0][-1] == "Privileged note"
    assert any("accreditor's words" in row[-1] for row in rows[1:])


def test_a_filtered_export_keeps_each_events_number_in_the_whole_chronology(
    tmp_path: Path,
) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        path = tmp_path / "key.csv"
        export_chronology(store, path, "csv", ExportOptions(where=EventFilter(key_only=True)))
        whole = {e.title: n for n, e in enumerate(store.events(), start=1)}
    numbers = [(int(row[0]), row[5]) for row in read(path)[1:]]
    assert numbers == [(whole[title], title) for _, title in numbers]
    assert [n for n, _ in numbers] != list(range(1, len(numbers) + 1))


def test_a_span_keeps_its_end_date_through_csv_and_back(store: CaseStore, tmp_path: Path) -> None:
    span = Event(
        "Remediation period",
        FuzzyDate(dt.date(2018, 7, 1), dt.date(2018, 7, 1), "day", text="1 July 2018"),
        FuzzyDate(dt.date(2018, 9, 30), dt.date(2018, 9, 30), "day", text="30 September 2018"),
    )
    store.add_event(span)
    path = tmp_path / "out.csv"
    export_chronology(store, path, "csv")
    with CaseStore.create(tmp_path / "other.case") as other:
        plan = ImportSession(other, importing.open_file(path)).plan()
        other.add_batch(plan.batch(plan.default_choice()))
        (back,) = other.events()
    assert back.end is not None
    assert (back.end.earliest, back.end.latest) == (dt.date(2018, 9, 30), dt.date(2018, 9, 30))
    assert (back.date.earliest, back.date.latest) == (dt.date(2018, 7, 1), dt.date(2018, 7, 1))


def test_an_apostrophe_before_a_formula_survives_the_one_the_import_takes_off() -> None:
    from timeline_app.core.importing.tabular import _unescape

    assert safe_cell("'=x") == "''=x"
    assert safe_cell("'Tis") == "'Tis"
    for text in ["'=x", "''\n0", "'''+1", "=x", "'Tis", "''", "'", "a'"]:
        assert _unescape(safe_cell(text)) == text


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
