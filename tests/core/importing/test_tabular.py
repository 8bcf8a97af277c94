"""CSV and Excel import: encodings, delimiters, headings, every row's date, bad files."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.core.importing.files import xlsx_bytes
from timeline_app.core import importing
from timeline_app.core.errors import CancelledError, UserError
from timeline_app.core.importing import tabular
from timeline_app.core.importing.plan import (
    FREE_REFERENCE,
    ReferenceChoice,
    ReferencePolicy,
    write_refused,
)
from timeline_app.core.model import Event, FuzzyDate, Precision, SourceLink, Status
from timeline_app.core.services.chronology import chronology_rows, export_chronology
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore

ROWS = [
    ["Date", "Event", "Parties", "Source", "Reference", "Category", "Status", "Key"],
    [
        "8 November 2018",
        "Contract signed with Café Ltd for £5m",
        "Sopra Steria Ltd; John Smith",
        "Contract",
        "p. 4",
        "Contract",
        "Agreed",
        "yes",
    ],
    ["c. March 2019", "IT Health Check failed", "John Smith", "", "", "Security", "Disputed", ""],
]


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


CHRONOLOGY = csv_text(ROWS)


def plan_of(store: CaseStore, path: Path, *mapping: str) -> importing.ImportPlan:
    return ImportSession(store, importing.open_file(path)).plan(map_pairs=mapping)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_every_usual_encoding_reads_the_same_text(
    store: CaseStore, tmp_path: Path, encoding: str
) -> None:
    plan = plan_of(store, write(tmp_path, "chronology.csv", CHRONOLOGY.encode(encoding)))
    assert [row.problems for row in plan.rows] == [[], []]
    first = plan.rows[0].event
    assert first.title == "Contract signed with Café Ltd for £5m"
    assert first.date.earliest == dt.date(2018, 11, 8)
    assert first.status is Status.AGREED and first.key


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_semicolon_tab_and_bar_delimiters_are_recognised(
    store: CaseStore, tmp_path: Path, delimiter: str
) -> None:
    text = csv_text(ROWS, delimiter)
    plan = plan_of(store, write(tmp_path, "chronology.csv", text.encode()))
    assert plan.headings[:3] == ["Date", "Event", "Parties"]
    assert [row.event.title for row in plan.rows][1] == "IT Health Check failed"


def test_headings_are_recognised_and_can_be_changed() -> None:
    headings = [
        "No.",
        "When",
        "What happened",
        "Details",
        "Who",
        "Bundle ref",
        "Type",
        "Agreed/Disputed",
        "Important",
        "Our comments",
        "Date of meeting",
    ]
    assert tabular.guess_mapping(headings) == [
        "",
        "date",
        "title",
        "description",
        "parties",
        "reference",
        "category",
        "status",
        "key",
        "note",
        "",
    ]
    assert tabular.guess_mapping(["Date of meeting", "Event"]) == ["date", "title"]
    changed = tabular.mapping_from_args(headings, ["Date of meeting=date", "details=Event"])
    assert changed[1] == "" and changed[10] == "date" and changed[3] == "title"
    assert changed[2] == ""  # a field is filled from one column only
    assert tabular.mapping_from_args(headings, ["2=none"])[1] == ""  # by number, from 1
    with pytest.raises(UserError, match="no column 'Nope'"):
        tabular.mapping_from_args(headings, ["Nope=date"])
    with pytest.raises(UserError, match="'colour' is not a field"):
        tabular.mapping_from_args(headings, ["When=colour"])
    with pytest.raises(UserError, match="COLUMN=FIELD"):
        tabular.mapping_from_args(headings, ["When"])


def test_each_row_gets_its_event_or_its_problems(store: CaseStore, tmp_path: Path) -> None:
    text = (
        "Date,Event,Status,Key,End\n"
        "08/11/2018,Ambiguous but read,,,\n"
        "wibble,Bad date,,,\n"
        ",Undated event,,,\n"
        "1 May 2019,,,,\n"
        "1 May 2019,Bad status,maybe,,\n"
        "1 May 2019,Bad key,,perhaps,\n"
        "1 May 2019,Ends before it starts,,,1 April 2019\n"
        "1 May 2019,Too many cells,,,,surplus\n"
    )
    plan = plan_of(store, write(tmp_path, "rows.csv", text.encode()))
    by_title = {row.cells[1]: row for row in plan.rows}
    assert [row.number for row in plan.rows] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert by_title["Ambiguous but read"].importable
    assert "read day first" in by_title["Ambiguous but read"].notes[0]
    assert "not a date" in by_title["Bad date"].problems[0]
    assert by_title["Undated event"].event.date.is_undated
    assert "no event" in by_title[""].problems[0]
    assert "Status 'maybe'" in by_title["Bad status"].problems[0]
    assert "'perhaps' is not yes or no" in by_title["Bad key"].problems[0]
    assert "before the date" in by_title["Ends before it starts"].problems[0]
    assert "unquoted delimiter" in by_title["Too many cells"].problems[0]
    assert len(plan.importable) == 2


def test_people_documents_and_categories_are_matched_or_planned(
    store: CaseStore, tmp_path: Path
) -> None:
    from timeline_app.core.model import Category, Party, Source

    existing = store.add_party(Party("John Smith"))
    store.add_source(Source("Witness statement of J Smith", bundle_ref="C/3"))
    store.add_category(Category("Security"))
    text = CHRONOLOGY + (
        '1 June 2019,Outage,,,,,,\n2 June 2019,Second outage,,,"C/3, para 14; D/1",,,\n'
    )
    plan = plan_of(store, write(tmp_path, "c.csv", text.encode()))
    batch = plan.batch(plan.default_choice())
    assert [p.name for p in batch.parties] == ["Sopra Steria Ltd"]
    assert str(batch.parties[0].kind) == "organisation"
    assert [c.name for c in batch.categories] == ["Contract"]
    assert sorted(s.title for s in batch.sources) == ["Contract", "D/1"]
    saved = store.add_batch(batch)
    events = {e.title: e for e in store.events()}
    contract = next(s for s in store.sources() if s.title == "Contract")
    assert events["Contract signed with Café Ltd for £5m"].sources[0].source_id == contract.id
    assert events["Contract signed with Café Ltd for £5m"].sources[0].pinpoint == "4"
    assert existing.id in events["IT Health Check failed"].party_ids
    second = events["Second outage"].sources
    assert [(s.pinpoint) for s in second] == ["para 14", ""]
    assert len(saved.events) == 4


def test_an_import_is_one_transaction_and_undone_whole(store: CaseStore, tmp_path: Path) -> None:
    plan = plan_of(store, write(tmp_path, "c.csv", CHRONOLOGY.encode()))
    saved = store.add_batch(plan.batch(plan.default_choice()))
    assert store.count_events() == 2 and len(store.parties()) == 2
    store.remove_batch(saved)
    assert store.count_events() == 0 and store.parties() == [] and store.sources() == []
    again = store.add_batch(saved)  # redo: the same records under the same ids
    assert [e.id for e in again.events] == [e.id for e in saved.events]
    assert {p.id for p in store.parties()} == {p.id for p in saved.parties}


def test_undo_is_refused_when_an_imported_event_was_edited_since(
    store: CaseStore, tmp_path: Path
) -> None:
    plan = plan_of(store, write(tmp_path, "c.csv", CHRONOLOGY.encode()))
    saved = store.add_batch(plan.batch(plan.default_choice()))
    edited = store.events()[0]
    edited.title = "Changed in another window"
    store.update_event(edited)
    with pytest.raises(UserError, match="changed or deleted since the import"):
        store.remove_batch(saved)
    assert store.count_events() == 2


def test_a_failure_while_saving_leaves_nothing_behind(
    store: CaseStore, tmp_path: Path, case_path: Path
) -> None:
    plan = plan_of(store, write(tmp_path, "c.csv", CHRONOLOGY.encode()))
    batch = plan.batch(plan.default_choice())
    batch.events.append(
        Event(
            "Links a deleted document",
            FuzzyDate(dt.date(2019, 1, 1), dt.date(2019, 1, 1), Precision.DAY),
            category_id=999,
        )
    )
    with pytest.raises(UserError):
        store.add_batch(batch)
    assert store.count_events() == 0 and store.parties() == [] and store.categories() == []


def test_a_case_locked_by_another_copy_refuses_the_import_whole(
    tmp_path: Path, case_path: Path
) -> None:
    CaseStore.create(case_path).close()
    store = CaseStore.open(case_path, timeout=0.1)
    plan = plan_of(store, write(tmp_path, "c.csv", CHRONOLOGY.encode()))
    other = sqlite3.connect(case_path)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError, match="locked"):
            store.add_batch(plan.batch(plan.default_choice()))
    finally:
        other.rollback()
        other.close()
    assert store.count_events() == 0
    store.close()


def test_likely_duplicates_are_flagged_against_the_case_and_each_other(
    store: CaseStore, tmp_path: Path
) -> None:
    day = FuzzyDate(dt.date(2018, 11, 8), dt.date(2018, 11, 8), Precision.DAY)
    store.add_event(Event("Contract signed with Café Ltd for £5m", day))
    text = (
        "Date,Event\n"
        "8 November 2018,contract signed with Cafe Ltd for £5m\n"  # a typo apart
        "8 November 2018,Contract signed with Café Ltd for £6m\n"  # another sum
        "9 November 2018,Contract signed with Café Ltd for £5m\n"  # another day
        "1 May 2019,Outage at HMP Pentonville\n"
        "01/05/2019,Outage at HMP Pentonville.\n"  # the same row twice
        '2 May 2019,"Invoice for £12,500"\n'
        "2 May 2019,Invoice for £12500\n"  # the same sum
        '2 May 2019,"Invoice for £125,00"\n'
    )  # not a thousands comma
    plan = plan_of(store, write(tmp_path, "d.csv", text.encode()))
    flags = [row.duplicate_of for row in plan.rows]
    assert flags[0].startswith("No. 1 ")
    assert flags[1:4] == ["", "", ""]
    assert flags[4:] == ["row 5", "", "row 7", ""]
    assert [row.number for row in plan.default_choice()] == [3, 4, 5, 7, 9]


def test_rows_of_one_sheet_that_only_share_salient_words_are_both_kept(
    store: CaseStore, tmp_path: Path
) -> None:
    text = (
        "Date,Event\n"
        "8 November 2018,Root Cause Analysis report: 25 critical vulnerabilities\n"
        "8 November 2018,Interserve rejects the Root Cause Analysis and its 25 findings\n"
    )
    plan = plan_of(store, write(tmp_path, "ours.csv", text.encode()))
    second = plan.rows[1]
    assert (second.duplicate_of, second.resembles_earlier_row) == ("row 2", True)
    assert plan.default_choice() == plan.rows  # two entries someone made: flagged, both kept
    pasted = ImportSession(store, None).plan(
        pasted="On 8 November 2018 the Root Cause Analysis found 25 critical issues. "
        "On 8 November 2018 the Root Cause Analysis listed 25 critical issues."
    )
    assert pasted.default_choice() == pasted.rows[:1]  # an article telling it twice


def test_empty_files_and_headings_alone_are_refused_in_words(
    store: CaseStore, tmp_path: Path
) -> None:
    for name, data, message in [
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"\r\n\r\n  \n", "is empty"),
        ("bom.csv", codecs.BOM_UTF8, "is empty"),
        ("header.csv", b"Date,Event\n", "headings but no rows"),
        ("header.xlsx", xlsx_bytes([["Date", "Event"]]), "headings but no rows"),
        ("blank.xlsx", xlsx_bytes([]), "is empty"),
    ]:
        with pytest.raises(UserError, match=message):
            plan_of(store, write(tmp_path, name, data))
    assert store.count_events() == 0


def test_excel_dates_merged_cells_and_formulas(store: CaseStore, tmp_path: Path) -> None:
    data = xlsx_bytes(
        [
            ["Date", "Event", "Notes"],
            [dt.datetime(2018, 11, 8), "Contract signed", '="made "&"by formula"'],
            [None, "Same day, merged date cell", None],
            [dt.datetime(2019, 3, 1, 14, 30), "Outage began", "=1+1"],
            ["early March 2019", "Text date", None],
        ],
        merge=["A2:A3"],
        cached={"C2": "made by formula"},
    )
    plan = plan_of(store, write(tmp_path, "book.xlsx", data), "Notes=description")
    first, merged, timed, text = plan.rows
    assert first.event.date.earliest == dt.date(2018, 11, 8)
    assert first.event.description == "made by formula"
    assert merged.event.date.earliest == dt.date(2018, 11, 8)
    assert "merged cells A2:A3" in merged.notes[0]
    assert "C4 holds a formula (=1+1) with no saved result" in timed.problems[0]
    assert timed.event is None
    assert text.event.date.precision is Precision.PART_OF_MONTH


def test_a_workbook_sheet_can_be_chosen(store: CaseStore, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"  # the active sheet, read unless another is chosen
    for row in (["Date", "Event"], ["2017", "From the notes"]):
        book.active.append(row)
    chronology = book.create_sheet("Chronology")
    for row in (["Date", "Event"], ["2019", "From the chronology"]):
        chronology.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    file = importing.open_file(write(tmp_path, "book.xlsx", buffer.getvalue()))

    def read(**sheet: str) -> list[tuple[str, dt.date]]:
        rows = ImportSession(store, file).plan(**sheet).rows
        return [(r.event.title, r.event.date.earliest) for r in rows if r.importable]

    assert read() == [("From the notes", dt.date(2017, 1, 1))]
    assert read(sheet="Chronology") == [("From the chronology", dt.date(2019, 1, 1))]
    with pytest.raises(UserError, match="no sheet called 'Other'; it has Notes, Chronology"):
        ImportSession(store, file).plan(sheet="Other")


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "damaged.xlsx",
            b"PK\x03\x04" + b"\x00" * 200,
            "is damaged: it cannot be opened as an Excel",
        ),
        ("statement.csv", b"%PDF-1.4 ...", "is a PDF, which cannot be imported"),
        ("old.csv", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, r"old Word or Excel file"),
    ],
)
def test_files_that_are_not_what_they_say_are_refused_in_words(
    store: CaseStore, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        plan_of(store, write(tmp_path, name, data))


def test_the_content_decides_when_the_extension_is_wrong(store: CaseStore, tmp_path: Path) -> None:
    book = write(tmp_path, "really-a-workbook.csv", xlsx_bytes([["Date", "Event"], ["2019", "x"]]))
    plan = plan_of(store, book)
    assert (
        plan.kind == "xlsx" and "named as a CSV file but holds an Excel workbook" in plan.notes[0]
    )
    text = write(tmp_path, "really-text.xlsx", CHRONOLOGY.encode())
    assert plan_of(store, text).kind == "csv"
    with pytest.raises(UserError, match="is an Excel workbook, not a CSV file"):
        importing.open_file(book, "csv")
    with pytest.raises(UserError, match="is plain text, not an Excel workbook"):
        importing.open_file(text, "xlsx")


def test_control_characters_and_a_huge_cell_are_taken_in(store: CaseStore, tmp_path: Path) -> None:
    long_text = "word " * 300_000  # 1.5 MB in one cell, past the csv module's limit
    text = f'Date,Event,Description\n2019,"Bell\x07 and\x00 null","{long_text}"\n'
    plan = plan_of(store, write(tmp_path, "odd.csv", text.encode()))
    event = plan.rows[0].event
    assert event.title == "Bell and null"
    assert len(event.description) == len(long_text.strip())
    store.add_batch(plan.batch(plan.rows))
    assert store.events()[0].title == "Bell and null"


def test_refused_rows_are_saved_to_fix_and_import_again(store: CaseStore, tmp_path: Path) -> None:
    text = (
        "Date,Event,Who\nwibble,Bad date\n2019,Good,\n31/02/2019,=cmd|' /C calc'!A0,\n"
        "2019,Too,many,cells\n"
    )
    plan = plan_of(store, write(tmp_path, "r.csv", text.encode()))
    out = tmp_path / "refused.csv"
    assert write_refused(plan, out) == 3
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Problem", "Date", "Event", "Who"]
    assert rows[1][1:] == ["wibble", "Bad date"] and "not a date" in rows[1][0]
    assert rows[2][2] == "'=cmd|' /C calc'!A0"  # never a live formula
    assert rows[3][1:] == ["2019", "Too", "many", "cells"]
    fixed = (
        out.read_text(encoding="utf-8-sig")
        .replace("wibble", "2018")
        .replace("31/02/2019", "28/02/2019")
        .replace(",many,cells", ",many")
    )
    again = plan_of(store, write(tmp_path, "fixed.csv", fixed.encode()))
    assert again.rows[0].event.title == "Bad date"
    assert again.rows[1].event.title == "=cmd|' /C calc'!A0"
    assert [p.name for p in again.records.new_parties] == ["many"]
    assert all(row.importable for row in again.rows)


def test_cancel_stops_before_anything_is_saved(store: CaseStore, tmp_path: Path) -> None:
    rows = "".join(f"{day % 28 + 1} May 2019,Event {day}\n" for day in range(5000))
    file = importing.open_file(write(tmp_path, "big.csv", f"Date,Event\n{rows}".encode()))
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < 2000

    with pytest.raises(CancelledError, match="cancelled; the case is unchanged"):
        ImportSession(store, file).plan(progress=progress)
    assert calls == [0, 2000] and store.count_events() == 0


def test_a_hundred_thousand_rows_import_whole(store: CaseStore, tmp_path: Path) -> None:
    styles = [
        "{d} March 2019",
        "{d:02d}/04/2019",
        "2019-05-{d:02d}",
        "c. {d} June 2019",
        "early July 2019",
        "Q3 2019",
    ]
    rows = "".join(
        f"{styles[i % 6].format(d=i % 28 + 1)},Event number {i}\n" for i in range(100_000)
    )
    path = write(tmp_path, "big.csv", f"Date,Event\n{rows}".encode())
    plan = plan_of(store, path)
    assert len(plan.importable) == 100_000
    store.add_batch(plan.batch(plan.default_choice()))
    assert store.count_events() == 100_000


def test_our_own_csv_export_imports_back(tmp_path: Path) -> None:
    from timeline_app.core.demo import write_demo

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as demo:
        export_chronology(demo, tmp_path / "demo.csv", "csv")
        expected = [
            (e.title, e.date.earliest, e.date.latest, e.status, e.key) for e in demo.events()
        ]
        names = {p.id: p.name for p in demo.parties()}
        people = [sorted(names[p] for p in e.party_ids) for e in demo.events()]
    with CaseStore.create(tmp_path / "new.case") as store:
        plan = plan_of(store, tmp_path / "demo.csv")
        assert plan.refused == []
        store.add_batch(plan.batch(plan.default_choice()))
        names = {p.id: p.name for p in store.parties()}
        assert [
            (e.title, e.date.earliest, e.date.latest, e.status, e.key) for e in store.events()
        ] == expected
        assert [sorted(names[p] for p in e.party_ids) for e in store.events()] == people


def test_a_name_or_citation_given_twice_counts_once_and_undo_still_works(
    store: CaseStore, tmp_path: Path
) -> None:
    text = 'Date,Event,Who,Reference\n2019,Meeting,"Alice; ALICE;  alice ; Bob","B/1; B/1"\n'
    plan = plan_of(store, write(tmp_path, "twice.csv", text.encode()))
    saved = store.add_batch(plan.batch(plan.rows))
    [event] = store.events()
    assert [p.name for p in store.parties()] == ["Alice", "Bob"]
    assert len(event.party_ids) == 2 and len(event.sources) == 1
    store.remove_batch(saved)
    assert store.count_events() == 0 and store.parties() == []


def test_a_title_above_the_headings_and_banners_across_the_sheet_are_left_out(
    store: CaseStore, tmp_path: Path
) -> None:
    data = xlsx_bytes(
        [
            ["Chronology of events — Smith v Jones", None, None],
            [None, None, None],
            ["Date", "Event", "Who"],
            ["2019", None, None],
            ["1 May 2019", "Contract signed", "Ann"],
            [dt.datetime(2019, 5, 2), "Meeting", None],
            [None, "Same day", None],
        ],
        merge=["A1:C1", "A4:C4", "A6:A7"],
    )
    plan = plan_of(store, write(tmp_path, "titled.xlsx", data))
    assert plan.headings == ["Date", "Event", "Who"]
    assert [row.number for row in plan.rows] == [5, 6, 7]
    assert plan.rows[2].event.date.earliest == dt.date(2019, 5, 2)  # filled down its column
    assert plan.rows[2].event.party_ids == ()  # a merge fills its first column only
    assert any(
        "Row 1 ('Chronology of events — Smith v Jones') is above the headings" in n
        for n in plan.notes
    )
    assert any("Row 4 ('2019') is a heading merged across the sheet" in n for n in plan.notes)
    csv_file = write(tmp_path, "titled.csv", b"My chronology\n\nDate,Event\n2019,x\n")
    assert plan_of(store, csv_file).rows[0].event.title == "x"
    one_column = write(tmp_path, "one.csv", b"Event\nFirst\nSecond\n")
    assert [row.event.title for row in plan_of(store, one_column).rows] == ["First", "Second"]


def test_the_visible_active_sheet_is_read_and_a_hidden_one_is_said_to_be(
    store: CaseStore, tmp_path: Path
) -> None:
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "Secret"
    hidden.append(["Date", "Event"])
    hidden.append(["2019", "hidden"])
    hidden.sheet_state = "hidden"
    shown = book.create_sheet("Chronology")
    shown.append(["Date", "Event"])
    shown.append(["2019", "shown"])
    chart = BarChart()
    chart.add_data(Reference(shown, min_col=1, min_row=1, max_row=2))
    book.create_chartsheet("Chart").add_chart(chart)
    book.active = 1
    buffer = io.BytesIO()
    book.save(buffer)
    path = write(tmp_path, "sheets.xlsx", buffer.getvalue())
    plan = plan_of(store, path)
    assert plan.rows[0].event.title == "shown"
    table = tabular.read_xlsx(path.read_bytes(), path.name)
    assert table.sheets == ["Chronology", "Secret"]  # the chart is not a sheet of rows
    file = importing.open_file(path)
    secret = ImportSession(store, file).plan(sheet="secret")
    assert secret.rows[0].event.title == "hidden"
    assert "The sheet 'Secret' is hidden in Excel." in secret.notes
    with pytest.raises(UserError, match="no sheet called 'Chart'"):
        ImportSession(store, file).plan(sheet="Chart")


def test_a_formula_without_a_result_matters_only_in_an_imported_column(
    store: CaseStore, tmp_path: Path
) -> None:
    data = xlsx_bytes([["Date", "Event", "Total"], ["2019", "Paid", "=1+1"]])
    path = write(tmp_path, "sums.xlsx", data)
    assert plan_of(store, path).rows[0].importable
    assert not plan_of(store, path, "Total=description").rows[0].importable


def test_excel_day_numbers_and_error_values_in_a_date_column(
    store: CaseStore, tmp_path: Path
) -> None:
    text = "Date,Event\n43466,Day number\n43466.75,With a time\n#REF!,Broken\n"
    plan = plan_of(store, write(tmp_path, "serial.csv", text.encode()))
    first, timed, broken = plan.rows
    assert first.event.date.earliest == dt.date(2019, 1, 1)
    assert first.notes == ["Date: 43466 is Excel's day number for 1 January 2019."]
    assert timed.event.date.earliest == dt.datetime(2019, 1, 1, 18, 0)
    assert broken.problems == ["Date: the cell holds the Excel error #REF!, not a date."]


def test_an_email_log_s_from_and_to_are_not_dates(store: CaseStore, tmp_path: Path) -> None:
    assert tabular.guess_mapping(["Sent", "From", "To", "Subject"]) == ["date", "", "", "title"]
    assert tabular.guess_mapping(["Date", "From", "To", "Subject"]) == ["date", "", "", "title"]


def test_damaged_workbooks_and_an_unclosed_quote_are_refused_in_words(
    store: CaseStore, tmp_path: Path
) -> None:
    import zipfile

    good = xlsx_bytes([["Date", "Event"], ["2019", "x"]])
    source = zipfile.ZipFile(io.BytesIO(good))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData><row><c r=")
            target.writestr(item, data)
    with pytest.raises(UserError, match=r"damaged, password-protected or not really \.xlsx"):
        plan_of(store, write(tmp_path, "broken.xlsx", broken.getvalue()))
    quote = write(tmp_path, "quote.csv", b'Date,Event\n2019,x\n2019,"never closed\n2020,x\n')
    with pytest.raises(UserError, match="a quotation mark on line 3 that is never closed"):
        plan_of(store, quote)
    stray = write(
        tmp_path,
        "stray.csv",
        b'Date,Event\n1 May 2020,"Contract" signed by both\n2 May 2020,Bought a 5" floppy disk\n',
    )
    assert [r.event.title for r in plan_of(store, stray).rows] == [
        "Contract signed by both",
        'Bought a 5" floppy disk',
    ]


def test_our_own_csv_export_cites_the_case_s_documents_again(
    store: CaseStore, tmp_path: Path
) -> None:
    from timeline_app.core.model import Source, SourceLink

    paged = store.add_source(Source("Witness statement", bundle_ref="B/12", first_page=340))
    plain = store.add_source(Source("Letter", bundle_ref="C/3"))
    day = FuzzyDate(dt.date(2019, 5, 1), dt.date(2019, 5, 1), Precision.DAY)
    store.add_event(
        Event("Cited", day, sources=(SourceLink(paged.id, "6"), SourceLink(plain.id, "para 2")))
    )
    export_chronology(store, tmp_path / "out.csv", "csv")
    assert "B/12/345; C/3, para 2" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    plan = plan_of(store, tmp_path / "out.csv")
    assert plan.records.new_sources == []
    assert plan.rows[0].event.sources == (SourceLink(paged.id, "6"), SourceLink(plain.id, "para 2"))


def test_the_heading_row_is_the_one_that_names_the_events(store: CaseStore, tmp_path: Path) -> None:
    text = (
        "Case:,Smith v Jones\nClaim No.,HC-2019-000123\n\nDate,Event,Who\n"
        "1 May 2019,Contract signed,Ann\n"
    )
    plan = plan_of(store, write(tmp_path, "titled.csv", text.encode()))
    assert plan.headings == ["Date", "Event", "Who"]
    assert plan.rows[0].event.title == "Contract signed"
    assert "Row 1 ('Case:, Smith v Jones') is above the headings; it was left out." in plan.notes
    german = write(tmp_path, "german.csv", b"Datum,Ereignis\n1 May 2019,x\n")
    with pytest.raises(UserError, match="The columns are 'Datum', 'Ereignis': say which"):
        plan_of(store, german)
    assert plan_of(store, german, "Ereignis=title").rows[0].importable


def test_a_file_that_proves_month_first_is_read_month_first(
    store: CaseStore, tmp_path: Path
) -> None:
    text = "Date,Event\n01/15/2019,Kick-off\n01/02/2019,Design review\n"
    plan = plan_of(store, write(tmp_path, "us.csv", text.encode()))
    assert [r.event.date.earliest for r in plan.rows] == [dt.date(2019, 1, 15), dt.date(2019, 1, 2)]
    assert any("month first (01/15/2019 in row 2)" in n for n in plan.notes)
    mixed = "Date,Event\n01/15/2019,US\n15/01/2019,UK\n"
    plan = plan_of(store, write(tmp_path, "mixed.csv", mixed.encode()))
    assert any(
        "both day first (15/01/2019, row 3) and month first (01/15/2019, row 2)" in n
        for n in plan.notes
    )
    ranged = "Date,Event\n01/02/2019 - 01/15/2019,A span proves it\n"
    event = plan_of(store, write(tmp_path, "ranged.csv", ranged.encode())).rows[0].event
    assert event.date.earliest == dt.date(2019, 1, 2)


def test_a_date_missing_its_year_or_day_is_a_problem_not_a_guess(
    store: CaseStore, tmp_path: Path
) -> None:
    data = xlsx_bytes(
        [
            ["Date", "Event"],
            [dt.time(14, 30), "Time alone"],
            ["4 Feb", "No year"],
            ["May last year", "Relative"],
        ]
    )
    plan = plan_of(store, write(tmp_path, "partial.xlsx", data))
    alone, no_year, relative = plan.rows
    assert alone.problems == ["Date: “14:30” has no day; give the whole date in the file."]
    assert no_year.problems == ["Date: “4 Feb” has no year; give the whole date in the file."]
    assert relative.importable  # relative to the case's reference date, by design


def test_a_time_column_joins_the_date_and_headings_that_are_not_fields(
    store: CaseStore, tmp_path: Path
) -> None:
    assert tabular.guess_mapping(["Ref No.", "Date", "Time", "Doc Date", "Event", "Agreed?"]) == [
        "",
        "date",
        "time",
        "",
        "title",
        "status",
    ]
    data = xlsx_bytes(
        [
            ["Date", "Time", "Event", "Agreed?"],
            [dt.datetime(2019, 5, 3), dt.time(14, 30), "Call", "No"],
            ["4 May 2019", "09:15", "Email", "Yes"],
            [dt.datetime(2019, 5, 5, 9), "16.45", "Two times", "No"],
            [dt.datetime(2019, 5, 6, 9), "09:00", "The same time", "No"],
        ]
    )
    plan = plan_of(store, write(tmp_path, "timed.xlsx", data))
    call, email, two, same = (row.event for row in plan.rows)
    assert call.date.earliest == dt.datetime(2019, 5, 3, 14, 30)
    assert email.date.earliest == dt.datetime(2019, 5, 4, 9, 15)
    assert (two.date.earliest, same.date.earliest) == (
        dt.datetime(2019, 5, 5, 16, 45),
        dt.datetime(2019, 5, 6, 9),
    )
    assert (call.status, email.status) == (Status.DISPUTED, Status.AGREED)
    assert [row.notes for row in plan.rows] == [
        [],
        [],
        ["Time: 16:45 from the Time column, not the 09:00 in the Date cell."],
        [],
    ]


def test_a_very_long_event_cell_is_cut_for_the_title_and_kept_whole(
    store: CaseStore, tmp_path: Path
) -> None:
    long_text = "The board met and discussed " + "the failing system " * 40
    text = f'Date,Event,Description\n2019,"{long_text}",Notes\n'
    event = plan_of(store, write(tmp_path, "long.csv", text.encode())).rows[0].event
    assert len(event.title) <= 201 and event.title.endswith("…")
    assert event.description == f"{long_text.strip()}\nNotes"


def test_a_title_line_with_a_comma_does_not_choose_the_delimiter(
    store: CaseStore, tmp_path: Path
) -> None:
    text = "Smith v Jones, chronology\nDate;Event;Source\n1 May 2019;Signed, sealed;B/1\n"
    plan = plan_of(store, write(tmp_path, "semi.csv", text.encode()))
    assert plan.headings == ["Date", "Event", "Source"]
    assert plan.rows[0].event.title == "Signed, sealed"


def test_a_title_merged_across_two_columns_is_not_a_banner(
    store: CaseStore, tmp_path: Path
) -> None:
    data = xlsx_bytes(
        [
            ["Date", "Event", "", "Who"],
            [None, "Undated but merged", None, None],
            ["2019", "Dated", None, "Ann"],
        ],
        merge=["B2:C2"],
    )
    plan = plan_of(store, write(tmp_path, "merged.xlsx", data))
    assert [row.event.title for row in plan.rows] == ["Undated but merged", "Dated"]


def test_an_exact_document_before_a_bundle_page_and_no_undated_end(
    store: CaseStore, tmp_path: Path
) -> None:
    from timeline_app.core.model import Source

    store.add_source(Source("Bundle B", bundle_ref="B", first_page=1))
    exact = store.add_source(Source("Tab 12", bundle_ref="B/12"))
    text = "Date,Event,Reference,End\n2019,x,B/12,-\n"
    event = plan_of(store, write(tmp_path, "ref.csv", text.encode())).rows[0].event
    assert [link.source_id for link in event.sources] == [exact.id]
    assert event.end is None


def test_excel_day_numbers_are_read_to_the_nearest_minute(store: CaseStore, tmp_path: Path) -> None:
    text = "Date,Event\n43466.333333,Morning\n"
    event = plan_of(store, write(tmp_path, "serial.csv", text.encode())).rows[0].event
    assert event.date.earliest == dt.datetime(2019, 1, 1, 8, 0)


def test_a_one_cell_title_is_never_the_heading_row(store: CaseStore, tmp_path: Path) -> None:
    data = xlsx_bytes(
        [
            ["Summary of events – Smith v Jones", None, None],
            ["Date", "Description", "Who"],
            ["3 May 2019", "Met", "Ann"],
        ],
        merge=["A1:C1"],
    )
    plan = plan_of(store, write(tmp_path, "summary.xlsx", data))
    assert plan.headings == ["Date", "Description", "Who"]
    assert plan.rows[0].event.title == "Met"
    text = "Summary of key dates\nDate,Event,Who\n3 May 2019,Met,Ann\n"
    assert plan_of(store, write(tmp_path, "summary.csv", text.encode())).rows[0].importable


def test_a_time_column_s_blanks_and_dotted_times(store: CaseStore, tmp_path: Path) -> None:
    text = "Date,Time,Event\n4 May 2019,-,Dash\n4 May 2019,N/A,Not known\n4 May 2019,14.30,Dotted\n"
    dash, unknown, dotted = (
        row.event for row in plan_of(store, write(tmp_path, "times.csv", text.encode())).rows
    )
    assert dash.date.earliest == unknown.date.earliest == dt.date(2019, 5, 4)
    assert dotted.date.earliest == dt.datetime(2019, 5, 4, 14, 30)


def test_a_weekday_does_not_excuse_a_missing_year(store: CaseStore, tmp_path: Path) -> None:
    text = "Date,Event\nWed 4 Feb,Wrong weekday\nMon 3 May,Right weekday\n"
    rows = plan_of(store, write(tmp_path, "weekday.csv", text.encode())).rows
    assert [row.problems for row in rows] == [
        [f"Date: “{day}” has no year; give the whole date in the file."]
        for day in ("Wed 4 Feb", "Mon 3 May")
    ]


def test_relative_dates_are_read_against_the_reference_date_with_a_remark(
    store: CaseStore, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "relative.csv",
        b"Date,Event\nyesterday,Chased\n3 days ago,Called\n1 March 2020,Met\n",
    )
    plan = ImportSession(store, importing.open_file(path)).plan(ref_date=dt.date(2020, 3, 1))
    assert [row.event.date.earliest for row in plan.rows] == [
        dt.date(2020, 2, 29),
        dt.date(2020, 2, 27),
        dt.date(2020, 3, 1),
    ]
    assert [row.notes for row in plan.rows] == [
        ["Date: “yesterday” is read as 29 February 2020, counting from 1 March 2020; check it."],
        ["Date: “3 days ago” is read as 27 February 2020, counting from 1 March 2020; check it."],
        [],
    ]


def test_a_section_heading_in_the_event_column_is_not_an_event(
    store: CaseStore, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "phases.csv",
        "Date,Event,Ref\n,PHASE 2 – PERFORMANCE,\n"
        "1 May 2019,OUTAGE AT HMP PENTONVILLE,\n,MEETING NOTES FOUND,B/4\n"
        ",Undated but a sentence,\n".encode(),
    )
    plan = ImportSession(store, importing.open_file(path)).plan()
    assert [row.importable for row in plan.rows] == [False, True, True, True]
    assert plan.rows[0].problems == [
        "This row looks like a section heading (capitals, and nothing else on the row), not "
        "an event; give it a date to import it."
    ]


def test_the_column_that_names_a_field_most_exactly_fills_it() -> None:
    assert tabular.guess_mapping(["Ref", "Date", "Event", "Bundle ref"]) == [
        "",
        "date",
        "title",
        "reference",
    ]
    assert tabular.guess_mapping(["Date of meeting", "Date", "Event"]) == ["", "date", "title"]
    assert tabular.guess_mapping(["Notes", "Comments", "Event"]) == [
        "description",
        "",
        "title",
    ]  # "notes" comes first in the list
    assert tabular.guess_mapping(["Date sent", "Date", "Event date"]) == ["", "date", ""]
    assert tabular.guess_mapping(["Event", "Short description", "Description"]) == [
        "title",
        "",
        "description",
    ]
    assert tabular.guess_mapping(["Key", "Key event", "Event"]) == ["key", "", "title"]


def test_map_pairs_that_disagree_are_refused_in_words() -> None:
    headings = ["A", "B", "C"]
    assert tabular.mapping_from_args(headings, ["A=date", "B=title"]) == ["date", "title", ""]
    with pytest.raises(UserError, match="'B=title' and --map 'C=title' both fill title"):
        tabular.mapping_from_args(headings, ["A=date", "B=title", "C=title"])
    with pytest.raises(UserError, match="both set the column 'A'; give each column once"):
        tabular.mapping_from_args(headings, ["A=date", "a=title"])


# ---------------------------------------------------------------- parties in one cell


def parties_of(store: CaseStore, tmp_path: Path, *cells: str) -> list[tuple[list[str], list[str]]]:
    """Each row's parties (by name) and notes, for a sheet with these Parties cells."""
    rows = [["Date", "Event", "Parties"]] + [
        ["8 November 2018", f"Meeting {number}", cell] for number, cell in enumerate(cells)
    ]
    plan = plan_of(store, write(tmp_path, "parties.csv", csv_text(rows).encode()))
    names = {p.id: p.name for p in [*store.parties(), *plan.records.new_parties]}
    return [([names[i] for i in row.event.party_ids], row.notes) for row in plan.rows]


def test_a_parties_cell_is_split_on_commas_and_and_where_the_cast_says_so(
    store: CaseStore, tmp_path: Path
) -> None:
    from timeline_app.core.model import Party

    for name in ("Sopra Steria", "Interserve", "Ministry of Justice", "John Smith"):
        store.add_party(Party(name))
    found = parties_of(
        store,
        tmp_path,
        "Sopra Steria, Interserve",
        "Interserve and the Ministry of Justice",
        "Sopra Steria and Interserve; John Smith",
        "John Smith, Jane Doe",
    )
    assert found == [
        (
            ["Sopra Steria", "Interserve"],
            [
                "Parties: read 'Sopra Steria, Interserve' as two: Sopra Steria; "
                "Interserve (both in the cast)."
            ],
        ),
        (
            ["Interserve", "Ministry of Justice"],
            [
                "Parties: read 'Interserve and the Ministry of Justice' as two: Interserve; "
                "Ministry of Justice (both in the cast)."
            ],
        ),
        (
            ["Sopra Steria", "Interserve", "John Smith"],
            [
                "Parties: read 'Sopra Steria and Interserve' as two: Sopra Steria; "
                "Interserve (both in the cast)."
            ],
        ),
        (
            ["John Smith", "Jane Doe"],
            [
                "Parties: read 'John Smith, Jane Doe' as two: John Smith; Jane Doe "
                "(John Smith in the cast; Jane Doe new)."
            ],
        ),
    ]


def test_a_name_with_a_comma_or_and_is_kept_whole_where_it_is_one(
    store: CaseStore, tmp_path: Path
) -> None:
    from timeline_app.core.model import Party

    store.add_party(Party("John Smith"))
    store.add_party(Party("Sopra Steria Ltd, UK"))
    store.add_party(Party("Marks and Spencer"))
    found = parties_of(
        store,
        tmp_path,
        "Smith, John",
        "Sopra Steria Ltd, UK",
        "Marks and Spencer, Ernst & Young",
        "Smith and Jones LLP",
        "Ernst & Young LLP and Deloitte LLP",
        "Smith, J.",
        "Jane Doe",
        "Doe, Jane",
    )
    assert found == [
        (["John Smith"], ["Parties: read 'Smith, John' as one name: 'Smith, John' is John Smith."]),
        (["Sopra Steria Ltd, UK"], []),  # the cast has it whole: nothing to say
        (
            ["Marks and Spencer", "Ernst & Young"],
            [
                "Parties: read 'Marks and Spencer, Ernst & Young' as two: Marks and Spencer; "
                "Ernst & Young (Marks and Spencer in the cast; Ernst & Young new)."
            ],
        ),
        (
            ["Smith and Jones LLP"],
            [
                "Parties: read 'Smith and Jones LLP' as one name; put ';' between names if "
                "it is several."
            ],
        ),
        (
            ["Ernst & Young LLP", "Deloitte LLP"],
            [
                "Parties: read 'Ernst & Young LLP and Deloitte LLP' as two: Ernst & Young "
                "LLP; Deloitte LLP (neither in the cast)."
            ],
        ),
        (
            ["Smith, J."],
            ["Parties: read 'Smith, J.' as one name; put ';' between names if it is several."],
        ),
        (["Jane Doe"], []),
        (["Jane Doe"], ["Parties: read 'Doe, Jane' as one name: 'Doe, Jane' is Jane Doe."]),
    ]


def test_two_surnames_joined_by_and_are_read_as_a_firm_without_the_cast(
    store: CaseStore, tmp_path: Path
) -> None:
    [(names, notes)] = parties_of(store, tmp_path, "Slaughter and May")
    assert names == ["Slaughter and May"]
    assert notes == [
        "Parties: read 'Slaughter and May' as one name; put ';' between names if it is several."
    ]


# ---------------------------------------------------------------- references to no document

REFERENCES = (
    "Date,Event,Reference\n"
    "8 November 2018,Root cause analysis delivered,A/3/41\n"
    "9 November 2018,Reply to the root cause analysis,A/3/22\n"
    "12 November 2018,Letter before claim,C/2/14\n"
    '13 November 2018,Chaser,"C/2/15; A/1"\n'
    "14 November 2018,Defence served,A/2/45\n"
)
"""A sheet citing the demo case's bundle: A/3 starts at page 40 (so 22 is not in it), A/2 runs
from page 5 to 39 (A/3 follows it), and there is no C/2."""


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[CaseStore]:
    from timeline_app.core.demo import write_demo

    with CaseStore.open(write_demo(tmp_path / "demo.case")) as opened:
        yield opened


def references_plan(
    store: CaseStore, tmp_path: Path, references: ReferencePolicy | None = None
) -> importing.ImportPlan:
    path = write(tmp_path, "references.csv", REFERENCES.encode())
    return ImportSession(store, importing.open_file(path)).plan(references=references)


def test_references_that_match_no_document_are_reported_by_row(
    demo_store: CaseStore, tmp_path: Path
) -> None:
    plan = references_plan(demo_store, tmp_path)
    a3 = next(s for s in demo_store.sources() if s.bundle_ref == "A/3")
    assert plan.rows[0].event.sources == (SourceLink(a3.id, "2"),)  # A/3/41: its page 2
    assert plan.rows[0].notes == []
    assert [(r.text, r.why, r.rows) for r in plan.unmatched_references] == [
        ("A/3/22", "cites page 22, but A/3 starts at page 40", [3]),
        ("C/2", "matches no document in the case", [4, 5]),  # one tab, cited at two pages
        ("A/2/45", "cites page 45, but A/2 runs from page 5 to 39", [6]),
    ]
    assert plan.rows[1].notes == [
        "Reference 'A/3/22' cites page 22, but A/3 starts at page 40; it becomes a new document."
    ]
    assert plan.rows[3].notes == [
        "Reference 'C/2/15' cites C/2, which matches no document in the case; C/2 becomes a new "
        "document, taken to start at page 1."
    ]


def test_unmatched_references_become_documents_by_default(
    demo_store: CaseStore, tmp_path: Path
) -> None:
    plan = references_plan(demo_store, tmp_path)
    assert len(plan.default_choice()) == 5
    store_batch = demo_store.add_batch(plan.batch(plan.default_choice()))
    made = [(s.title, s.bundle_ref, s.doc_type) for s in store_batch.sources]
    assert made == [("A/3/22", "A/3/22", ""), ("C/2", "C/2", ""), ("A/2/45", "A/2/45", "")]
    shown = {row.title: row.references_text for row in chronology_rows(demo_store)}
    assert shown["Letter before claim"] == "C/2/14"  # cited back as written
    assert shown["Chaser"] == "C/2/15; A/1"


def test_bundle_page_ranges_and_bracketed_references_cite_their_document(
    demo_store: CaseStore, tmp_path: Path
) -> None:
    """Pages of A/3 (from page 40) in every way we write them: "A/3/41-43", "[A/3/44]"."""
    path = write(
        tmp_path,
        "ranges.csv",
        (
            b"Date,Event,Reference\n"
            b"8 November 2018,Range,A/3/41-43\n"
            b"9 November 2018,Bracketed,[A/3/44]\n"
            b'10 November 2018,Short range and a page,"A/3/41-3, 45"\n'
            b"11 November 2018,A range on a new tab,C/2/14-16\n"
        ),
    )
    plan = ImportSession(demo_store, importing.open_file(path)).plan()
    a3 = next(s for s in demo_store.sources() if s.bundle_ref == "A/3")
    assert [row.event.sources[0] for row in plan.rows[:3]] == [
        SourceLink(a3.id, "2-4"),
        SourceLink(a3.id, "5"),
        SourceLink(a3.id, "2-4, 6"),
    ]
    assert [r.text for r in plan.unmatched_references] == ["C/2"]  # page 1 on: 14-16 as written
    demo_store.add_batch(plan.batch(plan.default_choice()))
    shown = {row.title: row.references_text for row in chronology_rows(demo_store)}
    assert shown["Range"] == "A/3/41-43" and shown["Bracketed"] == "A/3/44"
    assert shown["A range on a new tab"] == "C/2/14-16"


def test_unmatched_references_can_be_cited_as_written(
    demo_store: CaseStore, tmp_path: Path
) -> None:
    plan = references_plan(demo_store, tmp_path, ReferencePolicy(ReferenceChoice.CITE))
    assert plan.rows[2].notes == [
        "Reference 'C/2/14' cites C/2, which matches no document in the case; it is cited as "
        "written, as a free reference."
    ]
    demo_store.add_batch(plan.batch(plan.default_choice()))
    free = [s for s in demo_store.sources() if s.doc_type == FREE_REFERENCE]
    assert sorted((s.title, s.bundle_ref) for s in free) == [
        ("A/2/45", ""),
        ("A/3/22", ""),
        ("C/2/14", ""),
        ("C/2/15", ""),
    ]
    shown = {row.title: row.references_text for row in chronology_rows(demo_store)}
    assert shown["Reply to the root cause analysis"] == "A/3/22"  # as written
    assert shown["Chaser"] == "C/2/15; A/1"


def test_rows_with_unmatched_references_can_be_left_out_to_correct(
    demo_store: CaseStore, tmp_path: Path
) -> None:
    choice = ReferencePolicy(ReferenceChoice.SKIP, {"a/3/22": ReferenceChoice.CITE})
    plan = references_plan(demo_store, tmp_path, choice)
    assert [r.choice for r in plan.unmatched_references] == [
        ReferenceChoice.CITE,
        ReferenceChoice.SKIP,
        ReferenceChoice.SKIP,
    ]
    assert [row.number for row in plan.importable] == [2, 3]
    assert plan.rows[3].problems == [
        "Reference 'C/2/15' cites C/2, which matches no document in the case; correct it, or "
        "choose to create the document or to cite it as written."
    ]
    assert write_refused(plan, tmp_path / "refused.csv") == 3
    refused = list(csv.reader(io.StringIO((tmp_path / "refused.csv").read_text("utf-8-sig"))))
    assert [row[1:] for row in refused[1:]] == [
        ["12 November 2018", "Letter before claim", "C/2/14"],
        ["13 November 2018", "Chaser", "C/2/15; A/1"],
        ["14 November 2018", "Defence served", "A/2/45"],
    ]
    batch = plan.batch(plan.default_choice())
    assert [s.title for s in batch.sources] == ["A/3/22"]


def test_a_document_named_in_the_source_column_that_the_case_lacks_is_reported(
    demo_store: CaseStore, tmp_path: Path
) -> None:
    text = (
        "Date,Event,Source,Reference\n"
        "1 May 2019,Outage,Root Cause Analysis report (Sopra Steria),p. 3\n"
        "2 May 2019,Outage again,Outage log,p. 4\n"
    )
    path = write(tmp_path, "sources.csv", text.encode())
    plan = ImportSession(demo_store, importing.open_file(path)).plan()
    assert plan.rows[0].notes == []
    assert plan.rows[1].notes == [
        "Source 'Outage log' matches no document in the case; it becomes a new document."
    ]
    [new] = plan.batch(plan.default_choice()).sources
    assert (new.title, new.bundle_ref) == ("Outage log", "")


def test_a_name_an_earlier_row_gave_is_in_the_cast_from_then_on(
    store: CaseStore, tmp_path: Path
) -> None:
    found = parties_of(store, tmp_path, "Smith; Jones", "John Smith", "Smith, John", "Jones")
    assert [names for names, _notes in found] == [
        ["Smith", "Jones"],
        ["John Smith"],
        ["John Smith"],  # the row above named him
        ["Jones"],
    ]


def test_utf8_with_one_bad_byte_stays_utf8_and_the_row_says_so(
    store: CaseStore, tmp_path: Path
) -> None:
    text = "Date,Event,Description\n1 May 2019,Invoice for €500,Paid\n2 May 2019,Reply,Café \n"
    data = text.encode("utf-8").replace(b"Paid", b"Pa\xffd")  # one byte no encoding saved
    path = tmp_path / "mostly.csv"
    path.write_bytes(data)
    plan = plan_of(store, path)
    assert plan.rows[0].event.title == "Invoice for €500"  # not "â‚¬"
    assert plan.rows[0].event.description == "Pa\ufffdd"
    assert any("could not be read: the file is UTF-8" in note for note in plan.rows[0].notes)
    assert plan.rows[1].notes == [] and plan.rows[1].event.description == "Café"


def test_windows_1252_text_is_still_read_as_windows_1252(store: CaseStore, tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_bytes("Date,Event\n1 May 2019,Café opened for €5\n".encode("cp1252"))
    assert plan_of(store, path).rows[0].event.title == "Café opened for €5"


def test_a_reference_repeated_on_many_rows_is_reported_on_each(
    demo_store: CaseStore, tmp_path: Path
) -> None:
    """What a reference cites is worked out once per import; each row still hears of it."""
    path = write(
        tmp_path,
        "repeated.csv",
        (
            b"Date,Event,Reference\n"
            b"8 November 2018,First,A/3/41; Z/9\n"
            b"9 November 2018,Second,Z/9\n"
            b"10 November 2018,Third,A/3/41\n"
            b"11 November 2018,Fourth,Z/9\n"
        ),
    )
    plan = ImportSession(demo_store, importing.open_file(path)).plan(
        references=ReferencePolicy(ReferenceChoice.SKIP)
    )
    a3 = next(s for s in demo_store.sources() if s.bundle_ref == "A/3")
    assert [(r.text, r.rows) for r in plan.unmatched_references] == [("Z/9", [2, 3, 5])]
    assert [len(row.problems) for row in plan.rows] == [1, 1, 0, 1]
    assert all(
        row.problems[0].startswith("Reference 'Z/9' matches no document in the case")
        for row in (plan.rows[0], plan.rows[1], plan.rows[3])
    )
    assert plan.rows[2].event.sources == (SourceLink(a3.id, "2"),)
