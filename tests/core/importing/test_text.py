"""Events proposed from prose: pasted text, .txt files and Word documents."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from timeline_app.core import importing
from timeline_app.core.errors import UserError
from timeline_app.core.importing import text
from timeline_app.core.model import Event, FuzzyDate, Precision
from timeline_app.core.store import CaseStore

STATEMENT = """WITNESS STATEMENT OF JOHN SMITH

1. I am the managing director of Interserve Justice.

2. On 8 November 2018 I met the managing director of Sopra Steria. We exchanged words \
about the IT system.

3. The IT Health Check failed in early March 2019. Last year the outages began.

4. I have nothing more to add.
"""


def test_numbered_paragraphs_keep_their_numbers() -> None:
    paragraphs = text.split_paragraphs(STATEMENT)
    assert [p.number for p in paragraphs] == ["", "1", "2", "3", "4"]
    assert paragraphs[2].text.startswith("2. On 8 November 2018")


def test_each_date_becomes_a_proposal_citing_the_document_at_its_paragraph(
        store: CaseStore) -> None:
    plan = text.plan_text(text.split_paragraphs(STATEMENT), "Pasted text", store,
                          ref_date=dt.date(2020, 6, 1), source_title="Witness statement of "
                          "John Smith")
    assert [row.cells[:2] for row in plan.rows] == [
        ["2", "8 November 2018"], ["3", "early March 2019"], ["3", "Last year"]]
    met, failed, last_year = (row.event for row in plan.rows)
    assert met.title == "On 8 November 2018 I met the managing director of Sopra Steria."
    assert failed.date.precision is Precision.PART_OF_MONTH
    assert last_year.date.earliest == dt.date(2019, 1, 1)  # read against the document's date
    assert [s.pinpoint for s in met.sources] == ["para 2"]
    [source] = plan.records.new_sources
    assert source.title == "Witness statement of John Smith" and source.date_text == \
        "1 June 2020"
    # The user edits a title and leaves one out; only the rest is saved, with the document.
    plan.rows[0].event.title = "John Smith meets Sopra Steria's managing director"
    store.add_batch(plan.batch(plan.rows[:2]))
    assert [e.title for e in store.events()] == [
        "John Smith meets Sopra Steria's managing director", failed.title]
    assert [s.title for s in store.sources()] == ["Witness statement of John Smith"]
    assert store.events()[1].sources[0].pinpoint == "para 3"


def test_a_long_sentence_is_cut_for_the_title_and_kept_whole() -> None:
    sentence = "On 1 May 2019 " + "the system failed again and again " * 20
    plan = text.plan_text(text.split_paragraphs(sentence), "x.txt", None,
                          ref_date=dt.date(2020, 1, 1), source_title="x")
    event = plan.rows[0].event
    assert len(event.title) <= 201 and event.title.endswith("…")
    assert event.description == " ".join(sentence.split())


def test_duplicates_of_the_case_are_flagged(store: CaseStore) -> None:
    day = FuzzyDate(dt.date(2018, 11, 8), dt.date(2018, 11, 8), Precision.DAY)
    store.add_event(Event("On 8 November 2018, I met the managing director of Sopra "
                          "Steria", day))
    plan = text.plan_text(text.split_paragraphs(STATEMENT), "s", store,
                          ref_date=dt.date(2020, 6, 1), source_title="s")
    assert plan.rows[0].duplicate_of.startswith("No. 1 ")
    assert plan.rows[0] not in plan.default_choice()


def word_document(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Particulars of claim")
    for line in ["The contract started on 1 April 2016.",
                 "The IT Health Check failed in March 2019."]:
        document.add_paragraph(line, style="List Number")
    document.add_paragraph("12. Typed numbering: on 5 May 2019 the servers failed.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "14 June 2019"
    table.rows[0].cells[1].text = "Outage at HMP Pentonville"
    path = tmp_path / "particulars.docx"
    document.save(path)
    return path


def test_a_word_document_gives_paragraphs_with_their_numbers(store: CaseStore,
                                                              tmp_path: Path) -> None:
    file = importing.open_file(word_document(tmp_path))
    assert file.kind == "docx" == importing.open_file(file.path, "text").kind
    plan = importing.plan_file(file, store, ref_date=dt.date(2020, 1, 1))
    assert [(row.cells[0], row.cells[1]) for row in plan.rows] == [
        ("1", "1 April 2016"), ("2", "March 2019"), ("12", "5 May 2019"), ("", "14 June 2019")]
    assert plan.rows[3].cells[2] == "14 June 2019 | Outage at HMP Pentonville"
    assert plan.records.new_sources[0].title == "particulars"


def test_text_files_in_any_encoding_and_bad_documents(store: CaseStore,
                                                      tmp_path: Path) -> None:
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        path = tmp_path / f"s-{encoding}.txt"
        path.write_bytes(("Café meeting on 8 November 2018 about £5m.").encode(encoding))
        plan = importing.plan_file(importing.open_file(path), store, ref_date=dt.date(2020, 1, 1))
        assert plan.rows[0].event.title == "Café meeting on 8 November 2018 about £5m."
    without_dates = tmp_path / "none.txt"
    without_dates.write_text("Nothing dated here at all.")
    plan = importing.plan_file(importing.open_file(without_dates), store)
    assert plan.rows == [] and "No dates were found in none.txt." in plan.notes
    assert "read against today" in plan.notes[0]
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(word_document(tmp_path).read_bytes()[:3000])
    with pytest.raises(UserError, match=r"cannot be read|ZIP archive"):
        importing.plan_file(importing.open_file(damaged), store)


def test_a_pasted_witness_statement_from_a_pdf_keeps_working() -> None:
    pasted = "3.\tOn 8 November 2018\x0c the meeting\r\ntook place.\x00"
    paragraphs = text.split_paragraphs(pasted)
    assert paragraphs[0].number == "3"
    plan = text.plan_text(paragraphs, "Pasted text", None, ref_date=dt.date(2020, 1, 1),
                          source_title="")
    assert plan.rows[0].event.date.earliest == dt.date(2018, 11, 8)
    assert plan.records.new_sources[0].title == "Pasted text"
    assert io.StringIO(plan.rows[0].event.title).read()
