"""Events proposed from prose: pasted text, .txt files and Word documents."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from timeline_app.core import dates, importing
from timeline_app.core.errors import UserError
from timeline_app.core.importing import text
from timeline_app.core.model import Event, FuzzyDate, Party, PartyKind, Precision
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.services.imports import ImportSession
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
    store: CaseStore,
) -> None:
    plan = text.plan_text(
        text.split_paragraphs(STATEMENT),
        "Pasted text",
        store,
        dated=dates.parse("1 June 2020"),
        source_title="Witness statement of John Smith",
    )
    assert [row.cells[:2] for row in plan.rows] == [
        ["2", "8 November 2018"],
        ["3", "early March 2019"],
        ["3", "Last year"],
    ]
    met, failed, last_year = (row.event for row in plan.rows)
    assert met.title == "On 8 November 2018 I met the managing director of Sopra Steria."
    assert met.description == ""  # a short sentence is the title, and is not said twice
    assert failed.date.precision is Precision.PART_OF_MONTH
    assert last_year.date.earliest == dt.date(2019, 1, 1)  # read against the document's date
    assert [s.pinpoint for s in met.sources] == ["para 2"]
    [source] = plan.records.new_sources
    assert source.title == "Witness statement of John Smith" and source.date_text == "1 June 2020"
    # The user edits a title and leaves one out; only the rest is saved, with the document.
    plan.rows[0].event.title = "John Smith meets Sopra Steria's managing director"
    store.add_batch(plan.batch(plan.rows[:2]))
    assert [e.title for e in store.events()] == [
        "John Smith meets Sopra Steria's managing director",
        failed.title,
    ]
    assert [s.title for s in store.sources()] == ["Witness statement of John Smith"]
    assert store.events()[1].sources[0].pinpoint == "para 3"


def proposals(document: str) -> list[tuple[str, str, str]]:
    """Each proposal's date as written, title and description."""
    plan = text.plan_text(
        text.split_paragraphs(document),
        "x",
        None,
        dated=dates.parse("14 February 2020"),
        source_title="x",
    )
    return [(row.cells[1], row.event.title, row.event.description) for row in plan.rows]


# Sentences in the style of a judgment's narrative of the facts.
JUDGMENT = """[12] On 8 November 2018 Interserve, which had by then lost confidence in Sopra \
Steria's ability to remedy the breaches, served notice of termination under clause 14.3 of the \
Agreement.

[13] By a letter dated 12 March 2019, the Claimant's solicitors wrote to the Defendant \
alleging that the IT Health Check had been failed and reserving all of their client's rights.

[14] In or around March 2016, following a competitive tender process in which four bidders \
took part, the Defendant appointed the Claimant as its IT partner for the CRC contracts.

[15] After a meeting with the Defendant's managing director at its offices in Leeds on \
3 May 2019, the Claimant's project manager wrote an email setting out the outstanding defects.

[16] The Agreement was varied on 3 April 2017 to extend the term, and the variation was \
signed by both managing directors on 5 April 2017 at the Defendant's offices in Leeds.

[17] The preliminary issue was heard on the 3rd and 4th June 2019 before Mr Justice Fraser, \
who reserved judgment and handed it down on 12 July 2019 with reasons.

[18] Interserve gave notice of termination of the Agreement by a letter of 8 November \
2018, which was received by Sopra Steria on 9 November 2018 and acknowledged the same day.
"""


def test_each_date_of_a_paragraph_gets_its_own_title_and_the_date_is_left_out() -> None:
    assert [(date, title) for date, title, _ in proposals(JUDGMENT)] == [
        (
            "8 November 2018",
            "Interserve served notice of termination under clause 14.3 of the Agreement",
        ),
        ("12 March 2019", "The Claimant's solicitors wrote to the Defendant"),
        (
            "In or around March 2016",
            "The Defendant appointed the Claimant as its IT partner for the CRC contracts",
        ),
        (
            "3 May 2019",
            "After a meeting with the Defendant's managing director at its offices in Leeds",
        ),
        ("3 April 2017", "The Agreement was varied to extend the term"),
        (
            "5 April 2017",
            "The variation was signed by both managing directors at the Defendant's offices in "
            "Leeds",
        ),
        ("3rd", "The preliminary issue was heard before Mr Justice Fraser"),
        ("4th June 2019", "The preliminary issue was heard before Mr Justice Fraser"),
        ("12 July 2019", "Mr Justice Fraser reserved judgment and handed it down with reasons"),
        ("8 November 2018", "Interserve gave notice of termination of the Agreement by a letter"),
        (
            "9 November 2018",
            "Letter of 8 November 2018 was received by Sopra Steria and acknowledged the same day",
        ),
        (
            "the same day",  # 9 November 2018, the date before it
            "Letter of 8 November 2018 was received by Sopra Steria on 9 November 2018 and "
            "acknowledged",
        ),
    ]


def test_a_paragraph_number_is_not_part_of_the_description() -> None:
    assert proposals(JUDGMENT)[0][2] == (
        "On 8 November 2018 Interserve, which had by then lost confidence in Sopra Steria's "
        "ability to remedy the breaches, served notice of termination under clause 14.3 of "
        "the Agreement."
    )


def test_the_word_export_says_a_short_sentence_once_and_keeps_a_long_one_whole(
    store: CaseStore, tmp_path: Path
) -> None:
    short = "On 8 November 2018 I met the managing director of Sopra Steria."
    plan = text.plan_text(
        text.split_paragraphs(f"1. {short}\n\n{JUDGMENT}"),
        "statement.txt",
        store,
        dated=dates.parse("14 February 2020"),
        source_title="Statement",
    )
    store.add_batch(plan.batch(plan.rows))
    path = tmp_path / "chronology.docx"
    export_chronology(store, path, "docx")
    table = docx.Document(str(path)).tables[0]
    cells = [row.cells[2].text for row in table.rows]
    whole = "\n".join(cells)
    assert cells.count(short) == 1 and whole.count("managing director of Sopra Steria") == 1
    served = next(c for c in cells if c.startswith("Interserve served notice"))
    assert served.split("\n") == [
        "Interserve served notice of termination under clause 14.3 of the Agreement",
        "On 8 November 2018 Interserve, which had by then lost confidence in Sopra Steria's "
        "ability to remedy the breaches, served notice of termination under clause 14.3 of "
        "the Agreement.",
    ]
    gave_notice = [c for c in cells if "gave notice" in c]
    # the letter, its receipt and its acknowledgement the same day: each says it once
    assert len(gave_notice) == 3
    assert all(c.count("gave notice") == c.count("which was received") == 1 for c in gave_notice)


def test_duplicates_of_the_case_are_flagged(store: CaseStore) -> None:
    day = FuzzyDate(dt.date(2018, 11, 8), dt.date(2018, 11, 8), Precision.DAY)
    store.add_event(Event("On 8 November 2018, I met the managing director of Sopra Steria", day))
    plan = text.plan_text(
        text.split_paragraphs(STATEMENT),
        "s",
        store,
        dated=dates.parse("1 June 2020"),
        source_title="s",
    )
    assert plan.rows[0].duplicate_of.startswith("No. 1 ")
    assert plan.rows[0] not in plan.default_choice()


def word_document(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Particulars of claim")
    for line in [
        "The contract started on 1 April 2016.",
        "The IT Health Check failed in March 2019.",
    ]:
        document.add_paragraph(line, style="List Number")
    document.add_paragraph("12. Typed numbering: on 5 May 2019 the servers failed.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "14 June 2019"
    table.rows[0].cells[1].text = "Outage at HMP Pentonville"
    path = tmp_path / "particulars.docx"
    document.save(path)
    return path


def test_a_word_document_gives_paragraphs_with_their_numbers(
    store: CaseStore, tmp_path: Path
) -> None:
    file = importing.open_file(word_document(tmp_path))
    assert file.kind == "docx" == importing.open_file(file.path, "text").kind
    plan = ImportSession(store, file).plan(ref_date=dt.date(2020, 1, 1))
    assert [(row.cells[0], row.cells[1]) for row in plan.rows] == [
        ("1", "1 April 2016"),
        ("2", "March 2019"),
        ("12", "5 May 2019"),
        ("", "14 June 2019"),
    ]
    assert plan.rows[3].cells[2] == "14 June 2019 | Outage at HMP Pentonville"
    # A row of a table is titled by its cells but the one that is only the date.
    assert (plan.rows[3].event.title, plan.rows[3].event.description) == (
        "Outage at HMP Pentonville",
        "",
    )
    assert plan.records.new_sources[0].title == "particulars"


def test_text_files_in_any_encoding_and_bad_documents(store: CaseStore, tmp_path: Path) -> None:
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        path = tmp_path / f"s-{encoding}.txt"
        path.write_bytes(("Café meeting on 8 November 2018 about £5m.").encode(encoding))
        plan = ImportSession(store, importing.open_file(path)).plan(ref_date=dt.date(2020, 1, 1))
        assert plan.rows[0].event.title == "Café meeting on 8 November 2018 about £5m."
    without_dates = tmp_path / "none.txt"
    without_dates.write_text("Nothing dated here at all.")
    plan = ImportSession(store, importing.open_file(without_dates)).plan()
    assert plan.rows == [] and "No dates were found in none.txt." in plan.notes
    assert "read against today" in plan.notes[0]
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(word_document(tmp_path).read_bytes()[:3000])
    with pytest.raises(UserError, match="is damaged: it cannot be opened as a Word document"):
        ImportSession(store, importing.open_file(damaged)).plan()


def test_a_pasted_witness_statement_from_a_pdf_keeps_working() -> None:
    pasted = "3.\tOn 8 November 2018\x0c the meeting\r\ntook place.\x00"
    paragraphs = text.split_paragraphs(pasted)
    assert paragraphs[0].number == "3"
    plan = text.plan_text(paragraphs, "Pasted text", None, dated=None, source_title="")
    assert plan.rows[0].event.date.earliest == dt.date(2018, 11, 8)
    assert plan.records.new_sources[0].title == "Pasted text"
    assert io.StringIO(plan.rows[0].event.title).read()


def test_a_paragraph_that_starts_with_a_date_is_not_numbered_by_it() -> None:
    paragraphs = text.split_paragraphs(
        "14 May 2019 the meeting took place.\n\n2019 was a hard "
        "year.\n\n12) On 1 May it failed.\n\n13\tIt failed."
    )
    assert [p.number for p in paragraphs] == ["", "", "12", "13"]


def test_judgment_and_sub_paragraph_numbers() -> None:
    paragraphs = text.split_paragraphs(
        "[12] On 1 May it failed.\n\n(13) It failed again.\n\n1.1. The claimant says.\n\n"
        "2.3\tThe defendant says.\n\n10.30 Call with the claimant.\n\n01.05.19 was the day."
        "\n\n(a) A bullet."
    )
    assert [p.number for p in paragraphs] == ["12", "", "1.1", "", "", "", ""]
    # A wrapped line that begins "(2)" or "[12]" carries on its sentence.
    wrapped = text.split_paragraphs(
        "5. The judge said, at paragraph\n[12] of his judgment, "
        "that the items listed at\n(2) of the schedule were late."
    )
    assert [p.number for p in wrapped] == ["5"]
    assert "paragraph [12] of his judgment" in wrapped[0].text
    assert "listed at (2) of the schedule" in wrapped[0].text


def test_text_wrapped_by_hand_is_joined_into_its_paragraphs() -> None:
    wrapped = (
        "1. I am the managing director of Acme Ltd and I make this statement\n"
        "from my own knowledge.\n"
        "2. On 8 November 2018 I met Ms Bronte at the cafe and we discussed the\n"
        "lease, which had been signed on\n"
        "3 April 2016 by both parties.\n"
        "3. In early March 2019 the health check failed.\n"
    )
    paragraphs = text.split_paragraphs(wrapped)
    assert [p.number for p in paragraphs] == ["1", "2", "3"]
    assert paragraphs[1].text.endswith("signed on 3 April 2016 by both parties.")
    listed = text.split_paragraphs("3 May 2019 Meeting\n4 May 2019 Outage\n")
    assert [p.text for p in listed] == ["3 May 2019 Meeting", "4 May 2019 Outage"]


def test_word_tabs_and_line_breaks_are_spaces(tmp_path: Path) -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("Date:")
    run.add_tab()
    run.add_text("3 May 2019 the servers failed.")
    run.add_break()
    run.add_text("Next day we left.")
    path = tmp_path / "tabs.docx"
    document.save(path)
    [paragraph] = text.read_docx(path.read_bytes(), path.name)
    assert paragraph.text == "Date: 3 May 2019 the servers failed. Next day we left."


def test_a_document_without_a_date_is_given_none(store: CaseStore, tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("On 3 May 2019 it failed.")
    plan = ImportSession(store, importing.open_file(path)).plan()
    assert plan.records.new_sources[0].date_text == ""
    assert "read against today" in plan.notes[0]
    assert plan.kind == "text"


def test_tables_saved_as_text_and_text_starting_with_a_brace(
    store: CaseStore, tmp_path: Path
) -> None:
    tabbed = tmp_path / "Excel tab export.txt"
    tabbed.write_text("Date\tEvent\n1 May 2019\tContract signed\n2 May 2019\tOutage\n")
    plan = ImportSession(store, importing.open_file(tabbed)).plan()
    assert plan.kind == "csv" and [r.event.title for r in plan.rows] == [
        "Contract signed",
        "Outage",
    ]
    braced = tmp_path / "notes.txt"
    braced.write_text("{draft} On 3 May 2019 it failed.")
    assert importing.open_file(braced, "text").kind == "text"
    quoted = tmp_path / "really csv.xlsx"
    quoted.write_text('Date,Event\n1 May 2019,"Signed, sealed,\ndelivered"\n2 May 2019,x\n')
    assert importing.open_file(quoted).kind == "csv"


def test_a_table_inside_a_table_is_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "1 July 2019"
    outer.cell(0, 1).text = "Outer row"
    inner = outer.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "2 July 2019"
    inner.cell(0, 1).text = "Nested inner"
    path = tmp_path / "tables.docx"
    document.save(path)
    texts = [p.text for p in text.read_docx(path.read_bytes(), path.name)]
    assert texts == ["1 July 2019 | Outer row", "2 July 2019 | Nested inner"]


def test_long_dated_lines_and_email_headers_stay_apart() -> None:
    listed = text.split_paragraphs(
        "3 May 2019 - Contract signed between the claimant and the defendant company\n"
        "4 May 2019 - Kick-off meeting between the project teams at the defendant's office\n"
        "From: Ann Smith\nSent: 5 May 2019 10:14\nTo: Bob Jones\n"
    )
    assert [p.text[:10] for p in listed] == [
        "3 May 2019",
        "4 May 2019",
        "From: Ann ",
        "Sent: 5 Ma",
        "To: Bob Jo",
    ]


def test_dotted_dates_are_not_paragraph_numbers_and_word_numbers_win(tmp_path: Path) -> None:
    assert [
        p.number
        for p in text.split_paragraphs(
            "14.05.2019 the meeting.\n\n1.2 million was paid.\n\n7. Done."
        )
    ] == ["", "", "7"]
    document = docx.Document()
    document.add_paragraph("I am the claimant.", style="List Number")
    document.add_paragraph("14. The meeting on 14.05.2019 failed.", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(path)
    assert [p.number for p in text.read_docx(path.read_bytes(), path.name)] == ["1", "2"]


def test_a_numbered_statement_saved_as_text_with_tabs_is_prose(
    store: CaseStore, tmp_path: Path
) -> None:
    statement = tmp_path / "statement.txt"
    statement.write_text(
        "1.\tI am the claimant.\n2.\tOn 3 May 2019 it failed.\n3.\tNothing more.\n"
    )
    assert importing.open_file(statement).kind == "text"
    unicode_text = tmp_path / "unicode.txt"
    unicode_text.write_bytes("Date\tEvent\n1 May 2019\tx\n".encode("utf-16"))
    assert importing.open_file(unicode_text).kind == "csv"


def test_a_damaged_word_document_is_one_sentence(store: CaseStore, tmp_path: Path) -> None:
    import zipfile

    good = word_document(tmp_path).read_bytes()
    source = zipfile.ZipFile(io.BytesIO(good))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    path = tmp_path / "broken.docx"
    path.write_bytes(broken.getvalue())
    with pytest.raises(UserError, match="cannot be read as a Word document"):
        ImportSession(store, importing.open_file(path)).plan()


def test_a_statement_wrapped_at_72_characters_keeps_its_dates_and_numbers() -> None:
    wrapped = (
        "1. I am the claimant's operations director and I make this statement. The\n"
        "contract was signed on 3 May\n"
        "2019 by both parties at the offices of the defendant in Leeds.\n"
        "2. The first invoice was sent on 14\n"
        "June 2019 and was not paid. Mr\n"
        "Smith telephoned me on 20 June 2019.\n"
        "WITNESS STATEMENT\n"
        "3. On 1 July 2019 I chased the payment again.\n"
    )
    paragraphs = text.split_paragraphs(wrapped)
    assert [p.number for p in paragraphs] == ["1", "2", "", "3"]
    assert "signed on 3 May 2019 by both parties" in paragraphs[0].text
    assert "sent on 14 June 2019 and was not paid. Mr Smith telephoned" in paragraphs[1].text
    plan = text.plan_text(paragraphs, "s", None, dated=None, source_title="s")
    assert [(row.cells[0], row.cells[1]) for row in plan.rows] == [
        ("1", "3 May 2019"),
        ("2", "14 June 2019"),
        ("2", "20 June 2019"),
        ("3", "1 July 2019"),
    ]


def test_dates_that_cannot_be_read_are_listed_not_dropped(store: CaseStore) -> None:
    plan = text.plan_text(
        text.split_paragraphs(
            "1. On 12 March I wrote to the MoJ.\n\n2. The letter dated 31 February 2018 was not "
            "answered.\n\n3. On 4 May 2019 we met, and the rule 12 May apply; it may be 12 may be "
            "not; Unit 12 March Industrial Estate; he said 5 May be enough; claim 45/2019.\n\n"
            "4. From 12 March to 14 March 2019 the system was down."
        ),
        "statement.txt",
        store,
        dated=None,
        source_title="Statement",
    )
    assert [(row.cells[1], row.importable) for row in plan.rows] == [
        ("On 12 March", False),
        ("31 February 2018", False),
        ("4 May 2019", True),
        ("From 12 March to 14 March 2019", True),
    ]
    assert plan.rows[0].problems == [
        "“12 March” has no year; add the event yourself, with its year."
    ]
    assert plan.rows[1].problems == ["There is no 31 February 2018."]


def test_the_cast_named_in_a_sentence_become_its_parties_and_the_row_says_so(
    store: CaseStore,
) -> None:
    sopra = store.add_party(Party("Sopra Steria", PartyKind.ORGANISATION))
    interserve = store.add_party(Party("Interserve", PartyKind.ORGANISATION))
    plan = text.plan_text(
        text.split_paragraphs(
            "A High Court case was filed by Sopra Steria (SS) in October 2019.\n\n"
            "Yet by October 2018 Interserve claimed that SS was unable to deliver the savings."
            "\n\nThe servers failed on 3 May 2019."
        ),
        "article.txt",
        store,
        dated=dates.parse("1 June 2020"),
        source_title="Article",
    )
    filed, claimed, failed = plan.rows
    assert filed.event.party_ids == (sopra.id,)
    assert claimed.event.party_ids == (interserve.id, sopra.id)
    assert claimed.notes == ["Named in the sentence: Interserve, Sopra Steria (as “SS”)."]
    assert failed.event.party_ids == () and failed.notes == []
    store.add_batch(plan.batch(plan.rows))
    assert [len(e.party_ids) for e in store.events()] == [2, 0, 1]  # by date
    assert len(store.parties()) == 2  # found in the cast, never made anew
