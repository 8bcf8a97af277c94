"""A chronology against a served version: Word's tracked changes, read back and in LibreOffice."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from timeline_app.core import dates
from timeline_app.core.errors import UserError
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.model import Event
from timeline_app.core.services import served
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.store import CaseStore

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@pytest.fixture
def since(store: CaseStore, tmp_path: Path) -> Path:
    """30 events served; then one re-dated, one reworded, one removed, one added before all."""
    events = store.add_events(
        [Event(f"Meeting number {n} held", dates.parse(f"{n + 1} March 2019")) for n in range(30)]
    )
    served.serve(store, "First round", ExportOptions())
    store.update_event(dataclasses.replace(events[4], date=dates.parse("5 April 2019")))
    store.update_event(dataclasses.replace(events[9], title="Meeting number 9 held by video call"))
    store.delete_event(events[14].id)
    store.add_event(Event("Letter before claim sent", dates.parse("1 January 2019")))
    path = tmp_path / "since.docx"
    export_chronology(store, path, "docx", ExportOptions(since="first round"))
    return path


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as docx:
        return etree.fromstring(docx.read("word/document.xml"))


def texts(elements) -> list[str]:
    return ["".join(e.itertext()) for e in elements]


def test_each_change_is_a_real_tracked_change_once(since: Path) -> None:
    root = body(since)
    inserted = texts(root.iterfind(".//w:ins", NS))
    deleted = texts(root.iterfind(".//w:del", NS))
    # The added row: marked added as a row, its cells' text inserted.
    assert len(root.findall(".//w:trPr/w:ins", NS)) == 1
    assert len(root.findall(".//w:trPr/w:del", NS)) == 1
    assert inserted.count("Letter before claim sent") == 1
    assert inserted.count("1 January 2019") == 1
    # The removed row is kept, its text deleted (w:delText), its old number with it.
    assert deleted.count("Meeting number 14 held") == 1
    assert deleted.count("15") == 1  # its number when served
    assert root.findall(".//w:del//w:t", NS) == []
    # Re-dated, 5 March to 5 April: the old month deleted and the new one inserted.
    assert deleted.count("March") == 1 and inserted.count("April") == 1
    # Reworded: only what was added is marked.
    assert inserted.count(" by video call") == 1
    every = root.findall(".//w:ins", NS) + root.findall(".//w:del", NS)
    assert all(e.get(f"{W}author") and e.get(f"{W}date", "").endswith("Z") for e in every)
    ids = [e.get(f"{W}id") for e in every]
    assert len(ids) == len(set(ids))
    # Renumbering is no change: every other cell of the 30 served events is plain text.
    marked_titles = [t for t in inserted + deleted if t.startswith("Meeting")]
    assert marked_titles == ["Meeting number 14 held"]


def test_the_cover_table_counts_each_kind(since: Path) -> None:
    root = body(since)
    first_table = root.find(".//w:tbl", NS)
    rows = [texts(tr.iterfind("w:tc", NS)) for tr in first_table.iterfind("w:tr", NS)]
    assert rows == [
        ["Since the served version", "Events"],
        ["Added", "1"],
        ["Removed", "1"],
        ["Re-dated", "1"],
        ["Changed (wording, people, references or status)", "1"],
        ["Unchanged", "27"],
    ]
    paragraphs = texts(root.iterfind(".//w:body/w:p", NS))
    assert "CHANGES SINCE “First round”" in paragraphs


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_each_change_once(since: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(since)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "since.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    assert flat.count("Letter before claim sent") == 1
    assert flat.count("Meeting number 14 held") == 1  # shown, struck through
    assert flat.count("by video call") == 1
    assert flat.count("April") == 1 and flat.count("Added 1") == 1
    for n in (0, 1, 2, 29):
        assert flat.count(f"Meeting number {n} held ") == 1


def test_tracked_changes_are_word_only_and_the_label_must_exist(
    store: CaseStore, tmp_path: Path
) -> None:
    store.add_event(Event("Contract signed", dates.parse("1 May 2019")))
    with pytest.raises(UserError, match="None has been served yet"):
        export_chronology(store, tmp_path / "a.docx", "docx", ExportOptions(since="x"))
    served.serve(store, "First", ExportOptions())
    with pytest.raises(UserError, match=r"export the chronology as a Word document \(\.docx\)"):
        export_chronology(store, tmp_path / "a.csv", "csv", ExportOptions(since="First"))
    assert not (tmp_path / "a.docx").exists() and not (tmp_path / "a.csv").exists()


def test_control_characters_and_markup_in_changed_text_stay_valid_xml(
    store: CaseStore, tmp_path: Path
) -> None:
    event = store.add_event(Event("Email <b> & “quote”", dates.parse("1 May 2019")))
    served.serve(store, "First", ExportOptions())
    store.update_event(dataclasses.replace(event, title="Email <i>\x0c & \x00new\nline"))
    path = tmp_path / "a.docx"
    export_chronology(store, path, "docx", ExportOptions(since="First"))
    root = body(path)  # parses: the XML is well formed
    assert texts(root.iterfind(".//w:del", NS)) == ["b", " ", "“quote”"]  # word by word
    assert "".join(texts(root.iterfind(".//w:ins", NS))) == "i newline"  # NUL dropped
    assert len(root.findall(".//w:ins//w:br", NS)) == 2  # the form feed and the line break


def test_a_cells_removed_last_paragraph_takes_the_mark_before_it_with_it() -> None:
    """Word cannot delete a cell's last paragraph mark: the one before it goes instead."""
    import datetime as dt

    from timeline_app.core.exporting.docx import _Marks, _tracked_cell

    marks = _Marks("Clerk", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    kept, gone = ("Meeting held", "", False), ("A description since removed", "", False)
    xml = "".join(x.xml for x in _tracked_cell([kept, gone], [kept], marks))
    cell = etree.fromstring(f'<w:tc xmlns:w="{NS["w"]}">{xml}</w:tc>')
    first, last = cell.findall("w:p", NS)
    assert first.find("w:pPr/w:rPr/w:del", NS) is not None  # accepted: one paragraph left
    assert last.find("w:pPr/w:rPr/w:del", NS) is None
    assert texts(last.iterfind(".//w:del", NS)) == ["A description since removed"]
