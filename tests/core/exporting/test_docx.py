"""The Word chronology, reopened with python-docx and checked as a clerk would."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from timeline_app.core.demo import write_demo
from timeline_app.core.errors import CancelledError, UserError
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.exporting import docx as docx_export
from timeline_app.core.exporting.docx import clean
from timeline_app.core.model import CaseParty, Event, Party, Status
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.store import CaseStore, EventFilter


@pytest.fixture
def demo(tmp_path: Path):
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        info = store.case_info()
        store.update_case_info(
            dataclasses.replace(
                info,
                claim_number="HT-2019-000123",
                court_lines=["IN THE HIGH COURT OF JUSTICE", "BUSINESS AND PROPERTY COURTS"],
                parties=[
                    CaseParty("SOPRA STERIA LIMITED", "Claimant"),
                    CaseParty("INTERSERVE LIMITED", "Defendant"),
                ],
            )
        )
        yield store


def export(store: CaseStore, tmp_path: Path, **options) -> docx.Document:
    path = tmp_path / "chronology.docx"
    export_chronology(store, path, "docx", ExportOptions(**options))
    return docx.Document(str(path))


def text_of(document: docx.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def chronology_rows(document: docx.Document) -> list[list[str]]:
    table = document.tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_court_heading(demo: CaseStore, tmp_path: Path) -> None:
    document = export(demo, tmp_path, subtitle="prepared by the Defendant for the CMC")
    heading = [p.text for p in document.paragraphs]
    assert heading[:9] == [
        "Claim No. HT-2019-000123",
        "IN THE HIGH COURT OF JUSTICE",
        "BUSINESS AND PROPERTY COURTS",
        "BETWEEN:",
        "SOPRA STERIA LIMITED",
        "Claimant",
        "– and –",
        "INTERSERVE LIMITED",
        "Defendant",
    ]
    assert heading[9:11] == ["CHRONOLOGY", "prepared by the Defendant for the CMC"]
    assert document.core_properties.title == "Chronology — Sopra Steria v Interserve"
    assert document.core_properties.author.startswith("Evidence Timeline (a demo case")


def test_one_row_per_event_in_court_order_undated_last(demo: CaseStore, tmp_path: Path) -> None:
    rows = chronology_rows(export(demo, tmp_path))
    assert rows[0] == ["No.", "Date", "Event", "Reference"]
    events = demo.events()
    body = [r for r in rows[1:] if r[0] != r[-1]]  # the merged "Undated events" row aside
    assert len(body) == len(events) == 17
    assert [r[0] for r in body] == [str(n) for n in range(1, 18)]
    assert [r[2].split("\n")[0] for r in body] == [e.title for e in events]
    assert body[0][1] == "2016" and body[2][1] == "January – June 2018"
    assert body[5][1] == "8 November 2018" and body[5][3] == "B/\u200d2; A/\u200d2"
    section = rows.index(next(r for r in rows if r[0] == r[-1]))
    assert rows[section][0] == "Undated events"
    assert all(r[1] == "" for r in rows[section + 1 :])  # the heading says it once


def test_filters_and_columns(demo: CaseStore, tmp_path: Path) -> None:
    document = export(
        demo,
        tmp_path,
        columns=("date", "event", "parties"),
        where=EventFilter(statuses=frozenset({Status.DISPUTED})),
    )
    rows = chronology_rows(document)
    assert rows[0] == ["Date", "Event", "Parties"]
    assert len(rows) == 1 + 3 + 1  # header, the three disputed events, the undated heading
    sharepoint = next(r for r in rows if r[1].startswith("SharePoint"))
    assert "Disputed." in sharepoint[1]
    assert "Claimant's case: There was some downtime, but uptime was 98 per cent." in sharepoint[1]
    assert sharepoint[2] == "Sopra Steria; Interserve"


def test_word_conventions(demo: CaseStore, tmp_path: Path) -> None:
    document = export(demo, tmp_path)
    table = document.tables[0]
    rows = table._tbl.findall(qn("w:tr"))
    header = rows[0].find(qn("w:trPr"))
    assert header.find(qn("w:tblHeader")) is not None
    assert all(kept_together(r) for r in rows)
    section = document.sections[0]
    assert section.orientation == 1  # landscape
    assert abs(section.page_width.cm - 29.7) < 0.01 and abs(section.page_height.cm - 21) < 0.01
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert {
        "Chronology Title",
        "Chronology Court",
        "Chronology Table Text",
        "Chronology Event Title",
    } <= {s.name for s in document.styles}
    assert document.styles["Normal"].font.name == "Arial"


def kept_together(tr) -> bool:
    properties = tr.find(qn("w:trPr"))
    return properties is not None and properties.find(qn("w:cantSplit")) is not None


def test_a_row_longer_than_half_a_page_may_split(demo: CaseStore, tmp_path: Path) -> None:
    # Word cuts off, at the page's foot, a row that is kept together but taller than the page.
    demo.add_event(Event("Long", description="word " * 3000))
    demo.add_event(
        Event(
            "Many parties",
            party_ids=tuple(demo.add_party(Party(f"Person {n}")).id for n in range(60)),
        )
    )
    demo.add_event(Event("Short", description="word " * 100))
    demo.add_event(Event("Broken", status=Status.DISPUTED, versions={"Claimant": "A line.\n" * 80}))
    document = export(demo, tmp_path, columns=("date", "event", "parties"))
    kept = {
        row.cells[1].text.split("\n")[0]: kept_together(row._tr)
        for row in document.tables[0].rows[1:]
    }
    assert kept.pop("Long") is False and kept.pop("Many parties") is False
    assert kept.pop("Broken") is False
    assert all(kept.values())


def test_letter_portrait(demo: CaseStore, tmp_path: Path) -> None:
    section = export(demo, tmp_path, paper="letter", landscape=False).sections[0]
    assert section.orientation == 0
    assert abs(section.page_width.cm - 21.59) < 0.01


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("landscape", [True, False])
def test_every_table_fits_between_the_margins(
    demo: CaseStore, tmp_path: Path, paper: str, landscape: bool
) -> None:
    document = export(
        demo,
        tmp_path,
        paper=paper,
        landscape=landscape,
        cast="after",
        columns=("number", "date", "event", "parties", "reference"),
    )
    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    for table in document.tables:
        widths = [column.width for column in table.columns]
        assert sum(widths) <= usable
    number, date, event, parties, reference = (c.width.cm for c in document.tables[0].columns)
    total = number + date + event + parties + reference
    # On a portrait page five columns are tight: the Event column gives way down to 35%
    # before the others go below their least (3, 2 and 2.9 cm), and then they go alike.
    assert event >= (0.45 if landscape else 0.35) * total - 0.01
    assert abs(number - 1.72) < 0.01  # "No." and "12345" do not wrap
    assert date >= (3.0 if landscape else 2.7)
    if not landscape:
        squeezed = pytest.approx(parties / 2.0, rel=1e-3)  # each the same share of its least
        assert reference / 2.9 == squeezed and date / 3.0 == squeezed


def test_privileged_notes_only_when_asked(demo: CaseStore, tmp_path: Path) -> None:
    note = "find out whether the accreditor's words are recorded in writing"
    plain = text_of(export(demo, tmp_path))
    assert note not in plain and "PRIVILEGED" not in plain
    asked = text_of(export(demo, tmp_path, privileged=True))
    assert f"PRIVILEGED: Demo of a privileged note: {note}" in asked
    assert asked.startswith("PRIVILEGED AND CONFIDENTIAL")


def test_every_page_after_the_first_is_headed_with_the_claim_and_any_privilege(
    demo: CaseStore, tmp_path: Path
) -> None:
    def headers(document: docx.Document) -> tuple[list[str], list[str]]:
        section = document.sections[0]
        assert section.different_first_page_header_footer
        return (
            [p.text for p in section.first_page_header.paragraphs if p.text],
            [p.text for p in section.header.paragraphs],
        )

    assert headers(export(demo, tmp_path)) == ([], ["Claim No. HT-2019-000123"])
    assert headers(export(demo, tmp_path, privileged=True)) == (
        [],
        ["PRIVILEGED AND CONFIDENTIAL", "Claim No. HT-2019-000123"],
    )
    document = export(demo, tmp_path)
    for footer in (document.sections[0].footer, document.sections[0].first_page_footer):
        assert " PAGE " in footer._element.xml and " NUMPAGES " in footer._element.xml
    assert document.styles["Chronology Table Text"].font.size is None  # the body's 12 pt
    assert document.styles["Normal"].font.size.pt == 12


def test_key_events_in_bold_unless_not_wanted(demo: CaseStore, tmp_path: Path) -> None:
    def bold_titles(document: docx.Document) -> set[str]:
        found = set()
        for row in document.tables[0].rows[1:]:
            first = row.cells[2].paragraphs[0]
            if first.runs and first.runs[0].bold:
                found.add(first.text)
        return found

    keys = {e.title for e in demo.events() if e.key}
    assert bold_titles(export(demo, tmp_path)) == keys
    assert bold_titles(export(demo, tmp_path, key_bold=False)) == set()


def test_the_cast_list(demo: CaseStore, tmp_path: Path) -> None:
    document = export(demo, tmp_path, cast="after")
    cast = document.tables[1]
    assert [c.text for c in cast.rows[0].cells] == ["Name", "Role", "Description"]
    # A heading for each side and for the others, then a row for each of the cast.
    assert len(cast.rows) == 1 + 3 + len(demo.parties())
    assert "DRAMATIS PERSONAE" in [p.text for p in document.paragraphs]


def test_control_characters_are_cleaned_and_long_text_kept(demo: CaseStore, tmp_path: Path) -> None:
    demo.add_event(
        Event(
            "Pasted\x00 from a PDF\x0b", description="Line one\x0cLine two " + "very long " * 2000
        )
    )
    rows = chronology_rows(export(demo, tmp_path))
    pasted = next(r for r in rows if r[2].startswith("Pasted"))
    assert "\x00" not in pasted[2] and "Line one\nLine two" in pasted[2]
    assert pasted[2].count("very long") == 2000
    assert clean("a\x00b\x0bc\x1fd\ufffe") == "ab\ncd"


def test_text_that_looks_like_markup_stays_text(demo: CaseStore, tmp_path: Path) -> None:
    title = 'A & B <w:tr> <?evidence-timeline-rows 0?> "quoted" \U0001f4c4\u2028next\x9b'
    demo.add_event(Event(title, description="Windows\r\nlines\rand\ttabs\x85NEL\x1eend"))
    path = tmp_path / "chronology.docx"
    export_chronology(demo, path, "docx", ExportOptions(subtitle="for the\r\nCMC"))
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        body = package.read("word/document.xml")
    etree.fromstring(body)  # well-formed, or this raises
    assert b"<?evidence-timeline" not in body
    rows = chronology_rows(docx.Document(str(path)))
    assert len(rows) == 2 + len(demo.events())  # the header, and "Undated events"
    row = next(r for r in rows if r[2].startswith("A & B"))
    assert row[2] == (
        'A & B <w:tr> <?evidence-timeline-rows 0?> "quoted" \U0001f4c4\nnext\n'
        "Windows\nlines\nand\ttabs\nNEL\nend"
    )
    assert "for the\nCMC" in [p.text for p in docx.Document(str(path)).paragraphs]


def test_an_empty_case_has_the_header_row_alone(tmp_path: Path) -> None:
    with CaseStore.create(tmp_path / "empty.case") as store:
        document = export(store, tmp_path)
    assert chronology_rows(document) == [["No.", "Date", "Event", "Reference"]]


def test_an_export_never_leaves_half_a_file(demo: CaseStore, tmp_path: Path) -> None:
    target = tmp_path / "chronology.docx"
    target.write_bytes(b"yesterday's export")
    with pytest.raises(CancelledError):
        export_chronology(demo, target, "docx", progress=lambda done, total: False)
    assert target.read_bytes() == b"yesterday's export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_a_read_only_folder_is_a_user_error(
    demo: CaseStore, tmp_path: Path, make_read_only
) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    make_read_only(folder)
    with pytest.raises(UserError, match="Choose a folder you can write to"):
        export_chronology(demo, folder / "chronology.docx", "docx")


def test_bad_options_are_refused_in_words() -> None:
    with pytest.raises(UserError, match="A4 or Letter"):
        ExportOptions(paper="a3")
    with pytest.raises(UserError, match="must include event"):
        ExportOptions(columns=("date",))
    with pytest.raises(UserError, match="each once"):
        ExportOptions(columns=("event", "date", "event"))


def test_the_quick_printable_test_never_skips_text_that_needs_cleaning() -> None:
    # _paragraph_xml cleans only text that str.isprintable() rejects; that is safe only while
    # no character it accepts is one XML forbids, one Word shows as junk, or a line break.
    printable = "".join(c for c in map(chr, range(0x110000)) if c.isprintable())
    assert not docx_export._NOT_XML.search(printable)
    assert not docx_export._BREAKS.search(printable)


def test_rows_are_never_lost_if_the_frame_hides_their_marker(
    demo: CaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docx_export, "_SPLIT", re.compile(rb"<\?elsewhere (\d+)\?>"))
    target = tmp_path / "chronology.docx"
    target.write_bytes(b"yesterday's export")
    with pytest.raises(RuntimeError, match="table markers"):
        export_chronology(demo, target, "docx")
    assert target.read_bytes() == b"yesterday's export"


@pytest.mark.skipif(
    shutil.which("libreoffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler are installed by .ci/run",
)
def test_libreoffice_renders_the_demo_chronology(demo: CaseStore, tmp_path: Path) -> None:
    path = tmp_path / "demo chronology.docx"
    export_chronology(
        demo,
        path,
        "docx",
        ExportOptions(columns=("number", "date", "event", "parties", "reference"), cast="after"),
    )
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "demo chronology.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 3 <= pages <= 8
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    events = demo.events()
    assert events[0].title in text and events[-1].title in text
    assert f"Page 1 of {pages}" in text


def test_a_very_long_title_is_kept_in_the_heading_and_cut_in_the_properties(
    demo: CaseStore, tmp_path: Path
) -> None:
    demo.update_case_info(
        dataclasses.replace(demo.case_info(), title="T" * 400, prepared_by="P" * 400)
    )
    document = export(demo, tmp_path)
    assert len(document.core_properties.title) == 255
    assert "Prepared by " + "P" * 400 in [p.text for p in document.paragraphs]


def test_the_cast_before_the_chronology_stays_a_separate_table(
    demo: CaseStore, tmp_path: Path
) -> None:
    document = export(demo, tmp_path, cast="before")
    body = [child.tag.split("}")[1] for child in document.element.body]
    first, second = [i for i, tag in enumerate(body) if tag == "tbl"]
    assert "p" in body[first + 1 : second]  # a paragraph keeps Word from joining them
    assert document.tables[1].rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
