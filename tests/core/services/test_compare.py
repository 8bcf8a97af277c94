"""Comparing two chronologies: every difference found, and nothing else; then agreeing them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from tests.helpers import run_cli
from timeline_app.core import dates
from timeline_app.core.demo import write_demo
from timeline_app.core.errors import UserError
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.model import Event, SourceLink, Status, day_of
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.services.compare import (
    OPEN_CATEGORY,
    Decision,
    Kind,
    agree,
    compare_files,
)
from timeline_app.core.store import CaseStore


def make_two_versions(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Our demo case and theirs: one re-dated, one reworded, one with a new description,
    one with other parties, one citing another page, one removed, one added first (so every
    number shifts)."""
    ours = write_demo(tmp_path / "ours.case")
    theirs = tmp_path / "theirs.case"
    with CaseStore.open(ours) as store:
        store.save_copy(theirs)
    with CaseStore.open(theirs) as store:
        events = store.events()
        changed = {
            "re-dated": events[3].title,
            "reworded": events[7].title,
            "described": events[9].title,
            "parties": events[11].title,
            "removed": events[5].title,
            "references": events[13].title,
        }
        later = day_of(events[3].date.earliest) + dt.timedelta(days=10)
        store.update_event(dataclasses.replace(events[3], date=dates.parse(later.isoformat())))
        store.update_event(dataclasses.replace(events[7], title=events[7].title + " (as they say)"))
        store.update_event(dataclasses.replace(events[9], description="Their account of it."))
        store.update_event(
            dataclasses.replace(
                events[11], party_ids=events[11].party_ids[:-1] or (store.parties()[0].id,)
            )
        )
        cited = events[13].sources[0] if events[13].sources else SourceLink(store.sources()[0].id)
        store.update_event(
            dataclasses.replace(events[13], sources=(dataclasses.replace(cited, pinpoint="99"),))
        )
        store.delete_events([events[5].id])
        store.add_event(Event("Interserve incorporated", dates.parse("1 January 1990")))
    return ours, theirs, changed


@pytest.fixture
def two_versions(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    return make_two_versions(tmp_path)


def test_every_difference_is_found_and_nothing_else(two_versions) -> None:
    ours, theirs, changed = two_versions
    comparison = compare_files(ours, theirs)
    differ = {item.ours.title: item.fields for item in comparison.of(Kind.DIFFER)}
    assert differ == {
        changed["re-dated"]: ("date",),
        changed["reworded"]: ("title",),
        changed["described"]: ("description",),
        changed["parties"]: ("parties",),
        changed["references"]: ("references",),
    }
    assert [i.ours.title for i in comparison.of(Kind.ONLY_OURS)] == [changed["removed"]]
    assert [i.theirs.title for i in comparison.of(Kind.ONLY_THEIRS)] == ["Interserve incorporated"]
    assert len(comparison.of(Kind.AGREED)) == 17 - 6
    renumbered = [i for i in comparison.of(Kind.AGREED) if i.ours.number != i.theirs.number]
    assert renumbered  # numbers shifted, and that is no difference


def test_a_chronology_in_word_compares_as_its_case(two_versions, tmp_path: Path) -> None:
    ours, theirs, _ = two_versions
    with CaseStore.open(theirs) as store:
        export_chronology(
            store,
            tmp_path / "theirs.docx",
            "docx",
            ExportOptions(columns=("number", "date", "event", "parties", "reference")),
        )
    from_case = compare_files(ours, theirs).to_json()
    from_word = compare_files(ours, tmp_path / "theirs.docx").to_json()
    assert from_word == from_case


def test_the_json_contract_on_the_command_line(two_versions, tmp_path: Path) -> None:
    ours, theirs, changed = two_versions
    out = tmp_path / "c.json"
    done = run_cli(
        "compare", str(ours), str(theirs), "--json", str(out), "--docx", str(tmp_path / "c.docx")
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["agreed", "differ", "only_ours", "only_theirs"]
    assert all(
        set(i) == {"ours", "theirs"}
        for i in data["agreed"] + data["only_ours"] + data["only_theirs"]
    )
    assert all(set(i) == {"ours", "theirs", "fields"} for i in data["differ"])
    assert data["only_ours"] == [
        {"ours": {"number": 6, "title": changed["removed"]}, "theirs": None}
    ]
    assert data["only_theirs"] == [
        {"ours": None, "theirs": {"number": 1, "title": "Interserve incorporated"}}
    ]
    assert (tmp_path / "c.docx").stat().st_size > 0
    printed = run_cli("compare", str(ours), str(theirs))
    assert "11 agree, 5 differ, 1 only in ours, 1 only in theirs" in printed.stdout
    assert "[title]" in printed.stdout


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.write_text("not a case"), "not"),
        (lambda p: None, "There is no case file"),
    ],
)
def test_a_side_that_cannot_be_read_is_said_in_one_line(tmp_path: Path, make, said: str) -> None:
    bad = tmp_path / "bad.case"
    make(bad)
    ours = write_demo(tmp_path / "ours.case")
    done = run_cli("compare", str(ours), str(bad))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert said in done.stderr


def test_a_word_document_without_a_chronology_is_refused(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("A witness statement, no table.")
    document.save(tmp_path / "statement.docx")
    with pytest.raises(UserError, match="no chronology table"):
        compare_files(write_demo(tmp_path / "ours.case"), tmp_path / "statement.docx")


def test_agreeing_writes_a_new_case_with_disputes_and_what_is_open(
    two_versions, tmp_path: Path
) -> None:
    ours, theirs, changed = two_versions
    comparison = compare_files(ours, theirs)
    index = {(i.ours or i.theirs).title: n for n, i in enumerate(comparison.items)}
    decisions = {
        index[changed["re-dated"]]: Decision.THEIRS,
        index[changed["reworded"]]: Decision.DISPUTED,
        index[changed["described"]]: Decision.OURS,
        index[changed["removed"]]: Decision.OURS,  # we keep ours
        # the parties' difference and their added event are left open
    }
    out = tmp_path / "agreed.case"
    agreed = agree(comparison, decisions, out)
    assert (agreed.events, agreed.disputed) == (18, 4)
    assert len(agreed.still_open) == 3
    with CaseStore.open(out, read_only=True) as store:
        events = {e.title: e for e in store.events()}
        sources = {s.id: s.title for s in store.sources()}
        open_category = next(c.id for c in store.categories() if c.name == OPEN_CATEGORY)
        disputed = events[changed["reworded"]]
        assert disputed.status is Status.DISPUTED
        assert (
            disputed.versions["Defendant"].endswith(changed["reworded"] + " (as they say)")
            or "(as they say)" in disputed.versions["Defendant"]
        )
        assert "(as they say)" not in disputed.versions["Claimant"]
        assert events["Interserve incorporated"].category_id == open_category
        assert events["Interserve incorporated"].status is Status.DISPUTED
        plain = [e for e in store.events() if e.status is Status.UNDISPUTED]
        assert len(plain) == 18 - 4
        origins = {
            sources[s.source_id].split(" (")[0]
            for e in plain
            for s in e.sources
            if "chronology" in sources[s.source_id]
        }
        assert origins == {"Claimant's chronology", "Defendant's chronology"}
    agreed_cites, our_cites = _citations(out), _citations(ours)
    del agreed_cites["Interserve incorporated"]  # theirs alone, citing nothing
    # each event cites the same documents at the same pages as it did
    assert agreed_cites == {t: c for t, c in our_cites.items() if t in agreed_cites}
    assert sum(bool(c) for c in agreed_cites.values()) >= 10
    with pytest.raises(UserError, match="exists already"):
        agree(comparison, decisions, out)


def _citations(path: Path) -> dict[str, list[str]]:
    """Each event's bundle references, leaving out the chronologies the agreed case cites."""
    with CaseStore.open(path, read_only=True) as store:
        documents = {s.id: s for s in store.sources()}
        return {
            e.title: [
                documents[s.source_id].cite(s.pinpoint)
                for s in e.sources
                if documents[s.source_id].doc_type != "Chronology"
            ]
            for e in store.events()
        }


def test_hundreds_of_changes_in_a_generated_pair_are_each_found(tmp_path: Path) -> None:
    from benchmarks.bench_compare import make_cases

    ours, theirs, made = make_cases(tmp_path, 600)
    comparison = compare_files(ours, theirs)
    assert len(comparison.of(Kind.DIFFER)) == made["reworded"] + made["re-dated"]
    assert len(comparison.of(Kind.ONLY_OURS)) == made["removed"]
    assert len(comparison.of(Kind.ONLY_THEIRS)) == made["added"]


def test_the_comparison_in_word_reopens_with_a_table_for_each_list(
    two_versions, tmp_path: Path
) -> None:
    import docx

    from timeline_app.core.exporting.comparison import write_docx

    ours, theirs, _ = two_versions
    with CaseStore.open(theirs) as store:  # a control character pasted from a PDF
        first = store.events()[1]
        store.update_event(dataclasses.replace(first, title=first.title + "\x0c & <b>"))
    write_docx(compare_files(ours, theirs), tmp_path / "c.docx")
    tables = docx.Document(str(tmp_path / "c.docx")).tables
    assert [len(t.rows) - 1 for t in tables] == [6, 1, 1, 10]
    assert any("& <b>" in cell.text for cell in tables[0].columns[1].cells)
