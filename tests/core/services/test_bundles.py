"""A re-paginated bundle's index: documents move, references follow, strays are listed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import run_cli
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.importing.bundle_index import index_columns, read_index
from timeline_app.core.importing.tabular import read_csv
from timeline_app.core.model import Event, Source, SourceLink
from timeline_app.core.services import bundles, served
from timeline_app.core.services.chronology import chronology_rows
from timeline_app.core.store import CaseStore

INDEX = """Tab,Document,First page,Last page
C/1,Witness statement of J Smith,1,12
C/2,Letter of claim,13,15
D/1,Expert report,1,40
"""


@pytest.fixture
def case(store: CaseStore) -> CaseStore:
    smith = store.add_source(
        Source("Witness statement of J Smith", bundle_ref="B/4", first_page=20)
    )
    letter = store.add_source(Source("Letter of Claim", bundle_ref="B/5", first_page=40))
    store.add_source(Source("Board minutes", bundle_ref="B/6", first_page=50))
    store.add_events(
        [
            Event("Meeting", sources=(SourceLink(saved(smith), "3"),)),
            Event("Letter sent", sources=(SourceLink(saved(letter), "2-4"),)),
            Event("Call", sources=(SourceLink(saved(smith), "12"),)),
        ]
    )
    return store


def saved(source: Source) -> int:
    assert source.id is not None
    return source.id


def references(store: CaseStore) -> dict[str, tuple[str, ...]]:
    return {row.title: row.references for row in chronology_rows(store)}


def test_documents_move_and_every_reference_follows(case: CaseStore) -> None:
    assert references(case) == {
        "Meeting": ("B/4/22",),
        "Letter sent": ("B/5/41-43",),
        "Call": ("B/4/31",),
    }
    served.serve(case, "Before", ExportOptions())
    index = read_index(read_csv(INDEX.encode(), "index.csv"))
    plan = bundles.plan_repagination(case, index)
    assert [after.bundle_ref for after in plan.moved] == ["C/1", "C/2"]
    assert [entry.document for entry in plan.unknown] == ["Expert report"]
    # The letter has 3 pages in the new index; page 4 of it is cited.
    assert plan.outside == [
        "No. 2 “Letter sent” cites page 4 of Letter of claim, which has 3 pages at C/2 (13-15)."
    ]
    bundles.repaginate(case, plan)
    assert references(case) == {
        "Meeting": ("C/1/3",),
        "Letter sent": ("C/2/14-16",),
        "Call": ("C/1/12",),
    }
    # A served version keeps its references as served.
    kept = served.served_version(case, "Before")
    assert [row.references for row in kept.rows] == [("B/4/22",), ("B/5/41-43",), ("B/4/31",)]
    # Undone by putting the documents back, in one transaction.
    case.update_sources(plan.previous)
    assert references(case)["Meeting"] == ("B/4/22",)


def test_an_index_is_known_by_its_headings_under_their_usual_names() -> None:
    assert index_columns(["Tab", "Document", "First page", "Last page"]) == {
        "tab": 0,
        "document": 1,
        "first": 2,
        "last": 3,
    }
    assert index_columns(["Bundle tab", "Description", "From", "To", "Date"]) is not None
    assert index_columns(["Date", "Event", "Reference"]) is None  # a chronology


def test_rows_that_cannot_be_read_are_said_and_left_out() -> None:
    text = (
        "Tab,Document,First page,Last page\n"
        "A/1,Claim form,1,4\n"
        "A/2,,5,9\n"
        "A/3,Defence,ten,20\n"
        "A/4,Reply,30,25\n"
        "A/5,Claim form,40,41\n"
        "A/6,Schedule,3,6\n"
    )
    index = read_index(read_csv(text.encode(), "index.csv"))
    assert [e.document for e in index.entries] == ["Claim form", "Schedule"]
    assert index.problems == [
        "Row 3 of index.csv has no document.",
        "Row 4 of index.csv (Defence): its first and last pages must be page numbers (it says "
        "ten and 20).",
        "Row 5 of index.csv (Reply) ends on page 25, before it starts (30).",
        "Row 6 of index.csv names Claim form again (as row 2 does): the row is left out.",
        "In index.csv, A/6 (Schedule) starts on page 3, within A/1 (Claim form, pages 1-4): "
        "check the index.",
    ]


def test_the_command_line_reads_an_excel_index_and_a_dry_run_changes_nothing(
    case: CaseStore, case_path: Path, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in INDEX.splitlines():
        cells = line.split(",")
        sheet.append([int(c) if c.isdigit() else c for c in cells])
    book.save(tmp_path / "index.xlsx")
    case.close()
    dry = run_cli("import", str(case_path), str(tmp_path / "index.xlsx"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Would move 2 documents to the new places (dry run: the case is unchanged)." in (
        dry.stdout
    )
    with CaseStore.open(case_path) as again:
        assert references(again)["Meeting"] == ("B/4/22",)
    done = run_cli("import", str(case_path), str(tmp_path / "index.xlsx"))
    assert "Read index.xlsx as a bundle index: 3 documents." in done.stdout
    assert "  Witness statement of J Smith: B/4 → C/1, from page 1" in done.stdout
    assert "References outside their document's pages: 1" in done.stdout
    with CaseStore.open(case_path) as again:
        assert references(again)["Meeting"] == ("C/1/3",)


def test_a_file_that_is_not_an_index_is_refused_in_one_sentence(
    store: CaseStore, case_path: Path, tmp_path: Path
) -> None:
    store.close()
    sheet = tmp_path / "events.csv"
    sheet.write_text("Date,Event\n1 May 2019,Meeting\n")
    result = run_cli("import", str(case_path), str(sheet), "--format", "bundle-index")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith(
        "events.csv is not a bundle index: it needs the columns Tab, Document, First page and "
        "Last page (a CSV file or an Excel workbook)."
    )
    assert dataclasses.asdict(read_index(read_csv(INDEX.encode(), "i.csv")))["problems"] == []
