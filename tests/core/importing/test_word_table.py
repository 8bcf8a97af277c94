"""A chronology kept as a Word table: found, its columns mapped, read back row for row."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings

from tests.core.test_format_round_trips import build, cases, contents, without_events
from timeline_app.core import dates, importing
from timeline_app.core.errors import UserError
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.exporting.presets import PRESETS
from timeline_app.core.model import CaseParty, Status
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore

COLUMN_CHOICES = [
    ("number", "date", "event", "parties", "reference"),
    ("date", "event", "reference"),
    ("number", "date", "event"),
]


def _without_category(rows: list[tuple]) -> list[tuple]:
    """What a Word table carries: everything but the category (no column holds it), and each
    side's version only where the event is in dispute (as the chronology states disputes)."""
    shown = (Status.DISPUTED, Status.CONTESTED_BY_CLAIMANT, Status.CONTESTED_BY_DEFENDANT)
    return [(*row[:5], *row[6:9], row[9] if row[7] in shown else {}, row[10]) for row in rows]


def _options(name: str, columns: tuple[str, ...]) -> ExportOptions:
    """The export a court preset makes, with privileged notes and these columns."""
    court = PRESETS[name]
    return ExportOptions(
        preset=name,
        privileged=True,
        columns=columns,
        landscape=court.landscape,
        cast=court.cast,
        font=court.font,
        line_spacing=court.line_spacing,
        title=court.title,
    )


@pytest.mark.parametrize("preset", sorted(PRESETS))
@settings(  # a Word export takes a while: fewer cases than the other formats, each preset
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=cases())
def test_our_word_export_imports_back_row_for_row(
    preset: str, case: dict, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp(preset)
    for choice, columns in enumerate(COLUMN_CHOICES):
        with CaseStore.create(folder / f"case{choice}.case") as store:
            build(store, case)
            exported = folder / f"out{choice}.docx"
            export_chronology(
                store,
                exported,
                "docx",
                _options(preset, columns),
            )
            expected = _without_category(contents(store))
            if "parties" not in columns:
                expected = [(*row[:4], [], *row[5:]) for row in expected]
            if "reference" not in columns:
                expected = [(*row[:5], [], *row[6:]) for row in expected]
            with without_events(store, folder / f"target{choice}.case") as target:
                file = importing.open_file(exported)
                assert file.kind == importing.WORD_TABLE
                plan = ImportSession(target, file).plan()
                assert plan.refused == [], [(r.number, r.problems) for r in plan.refused]
                target.add_batch(plan.batch(plan.importable))
                assert _without_category(contents(target)) == expected


CHRONOLOGIES = Path(__file__).parents[2] / "data" / "chronologies"


def _published() -> list[dict]:
    return json.loads((CHRONOLOGIES / "sources.json").read_text(encoding="utf-8"))["chronologies"]


def _whole_text(title: str, description: str) -> str:
    """An event's words as the table had them: a long title is cut and kept in the description."""
    text = description if title.endswith("…") else f"{title}\n{description}"
    return " ".join(text.split())


@pytest.mark.parametrize("chronology", _published(), ids=lambda c: c["file"])
def test_published_chronologies_import_row_for_row(chronology: dict, store: CaseStore) -> None:
    file = importing.open_file(CHRONOLOGIES / chronology["file"])
    assert file.kind == importing.WORD_TABLE
    plan = ImportSession(store, file).plan()
    assert plan.refused == []
    store.add_batch(plan.batch(plan.rows))
    events = store.events()
    labels, width = chronology["rows"], len(chronology["headings"])
    assert len(events) == len(labels)
    expected = sorted(
        (dates.parse(row[0]).earliest, " ".join(" ".join(row[1:width]).split())) for row in labels
    )
    got = sorted((e.date.earliest, _whole_text(e.title, e.description)) for e in events)
    assert got == expected


def _cell_merge(cell, attribute: str, value: str | None) -> None:
    properties = cell._tc.get_or_add_tcPr()
    element = OxmlElement(attribute)
    if value is not None:
        element.set(qn("w:val"), value)
    properties.append(element)


def test_merged_cells_paragraphs_split_tables_and_the_heading(
    tmp_path: Path, store: CaseStore
) -> None:
    document = docx.Document()
    for line in (
        "Claim No. HC-2024-000123",
        "BETWEEN:",
        "ACME LIMITED",
        "Claimant",
        "– and –",
        "BETA LLP",
        "Defendant",
        "DEFENDANT'S CHRONOLOGY",
    ):
        document.add_paragraph(line)
    table = document.add_table(rows=5, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date", "Event", "Bundle ref"), strict=True):
        cell.text = text
    table.cell(1, 0).text = "3 March 2020"
    table.cell(1, 1).text = "Board meeting"
    table.cell(1, 1).add_paragraph("The board discusses the contract.")
    table.cell(1, 2).text = "B/1/2"
    _cell_merge(table.cell(1, 0), "w:vMerge", "restart")
    _cell_merge(table.cell(2, 0), "w:vMerge", None)  # the same date for the next event
    table.cell(2, 1).text = "Letter to Beta"
    merged = table.cell(3, 0).merge(table.cell(3, 2))  # a heading across the table
    merged.text = "PHASE 2"
    table.cell(4, 0).text = "April 2020"
    table.cell(4, 1).text = "Works begin"
    document.add_paragraph("")
    continued = document.add_table(rows=1, cols=3)  # carried on overleaf, no heading row
    for cell, text in zip(continued.rows[0].cells, ("5 May 2020", "Works end", ""), strict=True):
        cell.text = text
    path = tmp_path / "theirs.docx"
    document.save(path)

    file = importing.open_file(path)
    assert file.kind == importing.WORD_TABLE
    plan = ImportSession(store, file).plan()
    assert plan.refused == []
    assert any("PHASE 2" in note for note in plan.notes)
    store.add_batch(plan.batch(plan.rows))
    events = store.events()
    assert [(e.title, e.date.text, e.description) for e in events] == [
        ("Board meeting", "3 March 2020", "The board discusses the contract."),
        ("Letter to Beta", "3 March 2020", ""),
        ("Works begin", "April 2020", ""),
        ("Works end", "5 May 2020", ""),
    ]
    info = store.case_info()
    assert info.claim_number == "HC-2024-000123"
    assert info.parties == [
        CaseParty("ACME LIMITED", "Claimant"),
        CaseParty("BETA LLP", "Defendant"),
    ]


def test_a_heading_x_v_y_names_the_parties_only_when_the_case_has_none(
    tmp_path: Path, store: CaseStore
) -> None:
    document = docx.Document()
    document.add_paragraph("Smith v Jones: chronology")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Date", "Event"
    table.cell(1, 0).text, table.cell(1, 1).text = "1 May 2019", "Contract signed"
    document.save(tmp_path / "c.docx")
    plan = ImportSession(store, importing.open_file(tmp_path / "c.docx")).plan()
    assert plan.case_info is not None
    assert [p.name for p in plan.case_info.parties] == ["Smith", "Jones"]


def test_a_document_without_a_chronology_table_is_read_as_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("On 4 May 2019 the contract was signed.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Name", "Role"
    document.save(tmp_path / "statement.docx")
    assert importing.open_file(tmp_path / "statement.docx").kind == "docx"


def test_a_damaged_word_file_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(UserError, match=r"broken\.docx"):
        importing.open_file(path)
