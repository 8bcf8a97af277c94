"""A whole case as JSON and back, and merging one case into another."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from timeline_app.core import casejson, importing
from timeline_app.core.demo import write_demo
from timeline_app.core.errors import UserError
from timeline_app.core.importing.plan import write_refused
from timeline_app.core.model import (
    CaseInfo,
    CaseParty,
    Category,
    DateOrder,
    Event,
    FuzzyDate,
    Party,
    Precision,
    Qualifier,
    Source,
    SourceLink,
    Status,
)
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore


def rich_case(path: Path) -> CaseStore:
    """The demo case, plus an event that uses every field and a person no event names."""
    write_demo(path)
    store = CaseStore.open(path)
    store.update_case_info(
        dataclasses.replace(
            store.case_info(),
            court_lines=["IN THE HIGH COURT OF JUSTICE", "TCC"],
            parties=[CaseParty("Sopra Steria Limited", "Claimant")],
            prepared_by="Counsel",
            reference_date=dt.date(2020, 3, 1),
            date_order=DateOrder.MDY,
            time_zone="Asia/Singapore",
            house_template="C:\\Templates\\Smith & Partners.dotx",
            reference_brackets=True,
        )
    )
    unnamed = store.add_party(Party("Nobody Named", "person", "Witness", "Org", "notes"))
    source = store.add_source(Source("Letter", "1 May 2019", "Letter", "B/7", 120, "/x.pdf", "n"))
    category = store.add_category(Category("Zeta", "#123456"))
    store.add_event(
        Event(
            "Every field\x07 — ünïcode ✓",
            FuzzyDate(
                dt.datetime(2019, 5, 1, 14, 30),
                dt.datetime(2019, 5, 1, 14, 30),
                Precision.MINUTE,
                text="14:30 on 1 May 2019",
            ),
            FuzzyDate(
                dt.date(2019, 6, 1),
                dt.date(2019, 6, 30),
                Precision.MONTH,
                Qualifier.BY,
                text="by June 2019",
            ),
            "Line one\nLine two",
            category.id,
            Status.CONTESTED_BY_DEFENDANT,
            True,
            "Counsel's note",
            {"Claimant": "It happened", "Defendant": "It did not"},
            3,
            (unnamed.id,),
            (SourceLink(source.id, "4"), SourceLink(source.id, "para 2")),
        )
    )
    return store


def snapshot_without_revisions(store: CaseStore) -> casejson.CaseSnapshot:
    snapshot = casejson.CaseSnapshot.of(store)
    snapshot.events = [dataclasses.replace(e, revision=0) for e in snapshot.events]
    return snapshot


def test_case_to_json_to_a_new_case_keeps_every_field(tmp_path: Path) -> None:
    with rich_case(tmp_path / "a.case") as original:
        casejson.export_json(original, tmp_path / "a.json")
        before = snapshot_without_revisions(original)
    with CaseStore.create(tmp_path / "b.case") as copy:
        plan = ImportSession(copy, importing.open_file(tmp_path / "a.json")).plan()
        assert plan.refused == [] and not any(row.duplicate_of for row in plan.rows)
        copy.add_batch(plan.batch(plan.default_choice()))
        after = snapshot_without_revisions(copy)
    # Every record with every field and id; events with their stamps; the case details and
    # the case's own stamps.
    assert after == before
    assert len(after.events) == 18 and any(p.name == "Nobody Named" for p in after.parties)


def test_merging_another_case_matches_records_by_name_and_flags_duplicates(tmp_path: Path) -> None:
    rich_case(tmp_path / "other.case").close()
    write_demo(tmp_path / "mine.case")
    with CaseStore.open(tmp_path / "mine.case") as mine:
        info = mine.case_info()
        parties_before = {p.name: p.id for p in mine.parties()}
        plan = ImportSession(mine, importing.open_file(tmp_path / "other.case")).plan()
        assert plan.kind == "case" and plan.case_info is None
        assert sum(bool(row.duplicate_of) for row in plan.rows) == 17
        [new] = plan.default_choice()
        assert new.event.title.startswith("Every field")
        batch = plan.batch([new])
        assert [p.name for p in batch.parties] == ["Nobody Named"]
        assert [s.title for s in batch.sources] == ["Letter"]
        mine.add_batch(batch)
        assert mine.count_events() == 18 and mine.case_info() == info
        assert {p.name: p.id for p in mine.parties()}.items() >= parties_before.items()


def test_foreign_damaged_and_newer_json_is_refused_in_words(
    store: CaseStore, tmp_path: Path
) -> None:
    cases = [
        ("broken.json", b'{"format": "evidence-timeline-case", ', "not valid JSON"),
        ("other.json", b'{"name": "a package.json"}', "not a case exported by Evidence"),
        ("list.json", b'[{"date": "2019"}]', "not a case exported"),
        (
            "newer.json",
            json.dumps({"format": casejson.FORMAT, "version": 99}).encode(),
            "newer version",
        ),
        (
            "bad-parties.json",
            json.dumps(
                {"format": casejson.FORMAT, "version": 1, "parties": [{"nom": "x"}]}
            ).encode(),
            "damaged",
        ),
    ]
    for name, data, message in cases:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(UserError, match=message):
            ImportSession(store, importing.open_file(tmp_path / name)).plan()
    assert store.count_events() == 0


def test_events_that_cannot_be_read_are_refused_one_by_one(
    store: CaseStore, tmp_path: Path
) -> None:
    data = {
        "format": casejson.FORMAT,
        "version": 1,
        "events": [
            {
                "id": 1,
                "title": "Good",
                "date": {
                    "earliest": "2019-05-01",
                    "latest": "2019-05-01",
                    "precision": "day",
                    "text": "1 May 2019",
                },
            },
            {"id": 2, "title": "", "date": None},
            {"id": 3, "title": "Bad date", "date": {"earliest": "2019-13-45"}},
            {"id": 4, "title": "Unknown person", "party_ids": [42]},
            "not an event",
            {"id": 1, "title": "Same id again"},
            {"id": 7, "title": "Wrong types", "key": "false"},
            {
                "id": 8,
                "title": "Seconds",
                "date": {
                    "earliest": "2019-05-01T10:00:59",
                    "latest": "2019-05-01T10:00:59",
                    "precision": "minute",
                },
            },
            {"id": 9, "title": "Words only", "date": {"text": "3 May 2019"}},
        ],
    }
    (tmp_path / "c.json").write_text(json.dumps(data))
    plan = ImportSession(store, importing.open_file(tmp_path / "c.json")).plan()
    assert [row.number for row in plan.rows] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert [row.importable for row in plan.rows] == [
        True,
        False,
        False,
        False,
        False,
        False,
        False,
        True,
        True,
    ]
    assert plan.rows[8].event.date.earliest == dt.date(2019, 5, 3)
    problems = [" ".join(row.problems) for row in plan.rows]
    assert problems[1] == "This event cannot be read: it has no title."
    assert problems[2].startswith("This event cannot be read: its date cannot be read (")
    assert "person 42" in problems[3]
    assert problems[4] == "This event cannot be read: it is not a set of named values."
    assert problems[5] == "This event cannot be read: it has the same id as event 1 of the file."
    assert problems[6] == "This event cannot be read: its “key” is not true or false."
    assert "Error(" not in " ".join(problems)
    saved = store.add_batch(plan.batch(plan.default_choice()))
    assert [e.title for e in store.events()] == ["Good", "Seconds", "Words only"]
    store.remove_batch(saved)  # times kept to the minute: undo finds them as imported
    assert store.count_events() == 0


def test_half_a_surrogate_pair_is_dropped_not_a_crash(store: CaseStore, tmp_path: Path) -> None:
    # JSON can escape half a pair ("\\ud800"); UTF-8, and so the case file, cannot hold it.
    (tmp_path / "c.json").write_text(
        '{"format": "evidence-timeline-case", "version": 1, "case": {"title": "T \\udfff"},'
        ' "events": [{"title": "Bad \\ud800 half", "description": "\\ud83d\\udcc4 whole",'
        ' "versions": {"Claimant \\udc00": "No \\udc00"}},'
        ' {"title": "Refused \\ud800", "status": "nonsense"}]}'
    )
    plan = ImportSession(store, importing.open_file(tmp_path / "c.json")).plan()
    assert write_refused(plan, tmp_path / "refused.csv") == 1
    assert "Refused " in (tmp_path / "refused.csv").read_text(encoding="utf-8-sig")
    store.add_batch(plan.batch(plan.default_choice()))
    [event] = store.events()
    assert (event.title, event.description) == ("Bad  half", "\U0001f4c4 whole")
    assert event.versions == {"Claimant ": "No "}


def test_same_day_repeats_survive_a_round_trip(tmp_path: Path) -> None:
    day = FuzzyDate(dt.date(2020, 1, 1), dt.date(2020, 1, 1), Precision.DAY)
    with CaseStore.create(tmp_path / "a.case") as store:
        store.add_events([Event("Meeting with client", day)] * 3)
        casejson.export_json(store, tmp_path / "a.json")
    with CaseStore.create(tmp_path / "b.case") as store:
        plan = ImportSession(store, importing.open_file(tmp_path / "a.json")).plan()
        store.add_batch(plan.batch(plan.default_choice()))
        assert store.count_events() == 3


def test_a_merge_keeps_documents_with_one_title_apart(tmp_path: Path) -> None:
    day = FuzzyDate(dt.date(2020, 1, 1), dt.date(2020, 1, 1), Precision.DAY)
    with CaseStore.create(tmp_path / "other.case") as other:
        first = other.add_source(Source("Email", bundle_ref="B/1"))
        second = other.add_source(Source("Email", bundle_ref="B/2"))
        other.add_party(Party("John Smith"))
        other.add_party(Party("John Smith", role="the other one"))
        other.add_event(Event("Second email", day, sources=(SourceLink(second.id, "2"),)))
        other.add_event(
            Event("Both emails", day, sources=(SourceLink(first.id), SourceLink(second.id)))
        )
    with CaseStore.create(tmp_path / "mine.case") as mine:
        mine.add_source(Source("Email", bundle_ref="B/1"))
        mine.add_party(Party("John Smith"))
        plan = ImportSession(mine, importing.open_file(tmp_path / "other.case")).plan()
        mine.add_batch(plan.batch(plan.default_choice()))
        cites = {
            e.title: [
                mine_source.cite(s.pinpoint)
                for s in e.sources
                for mine_source in mine.sources()
                if mine_source.id == s.source_id
            ]
            for e in mine.events()
        }
        assert cites == {"Second email": ["B/2, p. 2"], "Both emails": ["B/1", "B/2"]}
        assert sorted(p.role for p in mine.parties()) == ["", "the other one"]


def test_wrongly_typed_records_are_refused_in_words(store: CaseStore, tmp_path: Path) -> None:
    base = {"format": casejson.FORMAT, "version": 1}
    for raw, message in [
        (
            b'{"format": "evidence-timeline-case", "version": 1, "id": ' + b"9" * 5000 + b"}",
            "not valid JSON",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ]:
        (tmp_path / "c.json").write_bytes(raw)
        with pytest.raises(UserError, match=message):
            ImportSession(store, importing.open_file(tmp_path / "c.json")).plan()
    for extra, message in [
        ({"events": None, "parties": 5}, "its “parties” is not a list"),
        ({"parties": [{"id": 1, "name": None}]}, "person 1 cannot be read: it has no name"),
        (
            {"sources": [{"id": 1, "title": "x", "first_page": "x"}]},
            "its “first page” is not a whole number",
        ),
        (
            {"parties": [{"id": 1, "name": "A"}, {"id": 1, "name": "B"}]},
            "two parties have the id 1",
        ),
        ({"case": {"court_lines": "HIGH COURT"}}, "its “court lines” is not a list"),
        ({"sources": [{"id": 10**30, "title": "x"}]}, "its “id” is too large a number"),
        (
            {"categories": [{"id": 1, "name": "Cat"}, {"id": 2, "name": "cat"}]},
            "two categories are called 'Cat'",
        ),
        ({"parties": [{"id": 1, "name": "  "}]}, "person 1 cannot be read: it has no name"),
        ({"case": {"date_order": "ydm"}}, "its date order 'ydm' is not one of dmy, mdy"),
        ({"case": {"time_zone": "Mars/Olympus"}}, "its time zone .Mars/Olympus. is not one"),
        ({"version": "1"}, "its format version '1' is not a whole number"),
    ]:
        (tmp_path / "c.json").write_text(json.dumps({**base, **extra}))
        with pytest.raises(UserError, match=message):
            ImportSession(store, importing.open_file(tmp_path / "c.json")).plan()


def test_a_read_only_case_refuses_the_import_and_is_unchanged(
    tmp_path: Path, make_read_only
) -> None:
    rich_case(tmp_path / "a.case").close()
    with CaseStore.open(tmp_path / "a.case") as store:
        casejson.export_json(store, tmp_path / "a.json")
    CaseStore.create(tmp_path / "b.case").close()
    target = tmp_path / "b.case"
    before = target.read_bytes()
    make_read_only(target)
    with CaseStore.open(target) as store:
        plan = ImportSession(store, importing.open_file(tmp_path / "a.json")).plan()
        with pytest.raises(UserError, match="read"):
            store.add_batch(plan.batch(plan.default_choice()))
    assert target.read_bytes() == before


def test_json_export_is_written_whole_or_not_at_all(
    store: CaseStore, tmp_path: Path, make_read_only
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(folder)
    with pytest.raises(UserError, match="cannot be saved"):
        casejson.export_json(store, folder / "case.json")
    assert list(folder.iterdir()) == []


def test_an_empty_case_takes_the_case_details_too(tmp_path: Path) -> None:
    with rich_case(tmp_path / "a.case") as store:
        casejson.export_json(store, tmp_path / "a.json")
    with CaseStore.create(tmp_path / "b.case") as store:
        plan = ImportSession(store, importing.open_file(tmp_path / "a.json")).plan()
        empty = store.case_info()
        saved = store.add_batch(plan.batch(plan.default_choice()))
        assert store.case_info().prepared_by == "Counsel"
        store.remove_batch(saved)  # undo: the empty case again, details and stamps and all
        assert store.case_info() == empty and store.count_events() == 0
        assert empty.title == CaseInfo().title
        assert store.parties() == [] and store.categories() == []


def test_a_case_merged_into_itself_adds_nothing(tmp_path: Path) -> None:
    with rich_case(tmp_path / "a.case") as store:
        store.add_party(Party("Nobody Named"))  # two people of one name
        casejson.export_json(store, tmp_path / "a.json")
        plan = ImportSession(store, importing.open_file(tmp_path / "a.json")).plan()
        assert plan.default_choice() == []
        batch = plan.batch(plan.default_choice())
        assert (batch.events, batch.parties, batch.sources, batch.categories) == ([], [], [], [])


def test_ids_from_elsewhere_out_of_range_are_given_new_ones(
    store: CaseStore, tmp_path: Path
) -> None:
    huge = 2**63 - 1
    data = {
        "format": casejson.FORMAT,
        "version": 1,
        "parties": [{"id": huge, "name": "Ann Smith"}],
        "events": [{"id": huge, "title": "Met", "party_ids": [huge]}],
    }
    (tmp_path / "c.json").write_text(json.dumps(data))
    plan = ImportSession(store, importing.open_file(tmp_path / "c.json")).plan()
    store.add_batch(plan.batch(plan.importable))
    (event,) = store.events()
    assert event.id < 2**31 and store.parties()[0].id < 2**31
    assert [p.name for p in store.parties() if p.id in event.party_ids] == ["Ann Smith"]
    store.add_event(Event("And the next one"))  # room for more: no false "disk is full"
    assert store.count_events() == 2


def test_a_merged_case_s_authors_are_kept_as_provenance_never_as_authors(
    store: CaseStore, tmp_path: Path
) -> None:
    with CaseStore.create(tmp_path / "other.case") as other:
        other.user = "forger"
        other.add_event(Event("Their event"))
    store.add_event(Event("Ours"))  # into a case with events of its own: a merge, not a restore
    plan = ImportSession(store, importing.open_file(tmp_path / "other.case")).plan()
    store.add_batch(plan.batch(plan.importable))
    (event,) = [e for e in store.events() if e.title == "Their event"]
    assert event.created_by == store.user != "forger"
    provenance = [c for c in store.changes(entity="event") if c.action == "provenance"]
    assert [(c.entity_id, c.field, c.new) for c in provenance] == [
        (event.id, "created_by", "forger")
    ]
