"""CaseStore on both its homes, a real file and a real PostgreSQL server: writing, ordering,
filters, search, audit, conflicts, two copies. Every test here runs on each."""

import dataclasses
import datetime as dt
import json
import time
from pathlib import Path

import pytest

from tests.helpers import read_until_stopped
from timeline_app.core.errors import CancelledError, ConflictError, UserError
from timeline_app.core.migrations import SCHEMA_VERSION
from timeline_app.core.model import (
    Batch,
    CaseInfo,
    CaseParty,
    Category,
    Event,
    FuzzyDate,
    Party,
    Source,
    SourceLink,
    Status,
)
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.core.store.postgres import case as postgres_case
from timeline_app.core.store.postgres import schema as server_schema
from timeline_app.core.store.search import search_words
from timeline_app.core.store.sqlite.case import fts_query


@pytest.fixture
def store_address(any_address: str | Path) -> str | Path:
    """Every test here runs on a case file and on a case on a server."""
    return any_address


@pytest.fixture
def store(any_store: CaseStore) -> CaseStore:
    return any_store


def heard(store: CaseStore, seconds: float = 2.0) -> bool:
    """Whether the store hears of another copy's change within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if store.changed_elsewhere():
            return True
        time.sleep(0.01)
    return False


def on(y: int, m: int, d: int, qualifier: str = "on") -> FuzzyDate:
    return FuzzyDate(dt.date(y, m, d), dt.date(y, m, d), "day", qualifier, text=f"{d}/{m}/{y}")


def month(y: int, m: int) -> FuzzyDate:
    last = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    return FuzzyDate(dt.date(y, m, 1), last, "month", text=f"{m}/{y}")


def titles(events: list[Event]) -> list[str]:
    return [e.title for e in events]


@pytest.fixture
def cast(store: CaseStore) -> dict[str, int]:
    """Two parties, two sources and two categories in the store; their ids by short name."""
    return {
        "alice": store.add_party(Party("Alice Smith", role="Managing director")).id,
        "bob": store.add_party(Party("Bob Jones", kind="person")).id,
        "rca": store.add_source(
            Source("Root Cause Analysis report", bundle_ref="B/12", first_page=340)
        ).id,
        "letter": store.add_source(Source("Letter of claim", bundle_ref="A/3")).id,
        "security": store.add_category(Category("Security", "#c62828")).id,
        "contract": store.add_category(Category("Contract", "#1f6fb2")).id,
    }


def test_a_new_case_is_empty_and_knows_its_title(store: CaseStore) -> None:
    assert store.case_info().title == "Test case"
    assert store.events() == []
    assert store.count_events() == 0
    assert store.schema_version == (
        SCHEMA_VERSION if store.path is not None else server_schema.CASE_VERSION
    )


def test_add_event_saves_every_field_and_the_links(store: CaseStore, cast: dict[str, int]) -> None:
    event = Event(
        "IT Health Check failed",
        date=on(2018, 3, 4, "about"),
        end=on(2018, 3, 9),
        description="Accreditation downgraded.",
        category_id=cast["security"],
        status=Status.DISPUTED,
        key=True,
        privileged_note="Check with counsel.",
        versions={"Claimant": "Passed on re-test.", "Defendant": "Failed outright."},
        sequence=3,
        party_ids=(cast["bob"], cast["alice"]),
        sources=(SourceLink(cast["rca"], "6"), SourceLink(cast["letter"])),
    )
    saved = store.add_event(event)
    assert saved.id is not None and saved.revision == 1
    assert saved.created_by == store.user and saved.created
    reread = store.get_event(saved.id)
    assert reread == saved
    assert reread is not None and reread.party_ids == (cast["bob"], cast["alice"])
    assert reread.sources == (SourceLink(cast["rca"], "6"), SourceLink(cast["letter"], ""))
    assert reread.end == on(2018, 3, 9)


def test_chronological_order_follows_the_court_rules(store: CaseStore) -> None:
    store.add_events(
        [
            Event("undated B", sequence=2),
            Event("undated A", sequence=1),
            Event("after 8 Nov", date=on(2018, 11, 8, "after")),
            Event("on 8 Nov, second", date=on(2018, 11, 8), sequence=2),
            Event("on 8 Nov, first", date=on(2018, 11, 8), sequence=1),
            Event("before 8 Nov", date=on(2018, 11, 8, "before")),
            Event("November 2018", date=month(2018, 11)),
            Event("2016", date=FuzzyDate(dt.date(2016, 1, 1), dt.date(2016, 12, 31), "year")),
            Event(
                "14:32 on 8 Nov",
                date=FuzzyDate(
                    dt.datetime(2018, 11, 8, 14, 32), dt.datetime(2018, 11, 8, 14, 32), "minute"
                ),
            ),
        ]
    )
    assert titles(store.events()) == [
        "2016",
        "November 2018",
        "before 8 Nov",
        "on 8 Nov, first",
        "on 8 Nov, second",
        "after 8 Nov",
        "14:32 on 8 Nov",
        "undated A",
        "undated B",
    ]
    assert store.event_ids() == [e.id for e in store.events()]


def test_set_sequences_reorders_events_that_share_a_date(store: CaseStore) -> None:
    first, second = store.add_events(
        [
            Event("first", date=on(2018, 1, 1), sequence=1),
            Event("second", date=on(2018, 1, 1), sequence=2),
        ]
    )
    store.set_sequences({first.id: 2, second.id: 1})
    assert titles(store.events()) == ["second", "first"]
    assert store.get_event(first.id).revision == 2
    assert store.changes(entity_id=first.id, limit=1)[0].field == "sequence"


def test_filters(store: CaseStore, cast: dict[str, int]) -> None:
    store.add_events(
        [
            Event(
                "Contract signed",
                date=on(2016, 5, 1),
                category_id=cast["contract"],
                party_ids=(cast["alice"],),
                key=True,
            ),
            Event(
                "Health check failed",
                date=on(2018, 3, 4),
                category_id=cast["security"],
                status=Status.DISPUTED,
                party_ids=(cast["bob"],),
            ),
            Event("Outage", date=on(2018, 7, 1), end=on(2018, 9, 30), status=Status.AGREED),
            Event("Undated exchange", party_ids=(cast["alice"], cast["bob"])),
        ]
    )

    def where(**kwargs: object) -> list[str]:
        return titles(store.events(EventFilter(**kwargs)))

    assert where(category_ids=frozenset({cast["security"]})) == ["Health check failed"]
    assert where(category_ids=frozenset({None})) == ["Outage", "Undated exchange"]
    assert where(party_ids=frozenset({cast["alice"]})) == ["Contract signed", "Undated exchange"]
    assert where(statuses=frozenset({Status.DISPUTED, Status.AGREED})) == [
        "Health check failed",
        "Outage",
    ]
    assert where(key_only=True) == ["Contract signed"]
    # The outage lasts into September, so a window in August still overlaps it.
    assert where(date_from=dt.date(2018, 8, 1)) == ["Outage"]
    assert where(date_to=dt.date(2018, 3, 4)) == ["Contract signed", "Health check failed"]
    assert where(date_from=dt.date(2018, 3, 4), date_to=dt.date(2018, 3, 4)) == [
        "Health check failed"
    ]
    assert where(text="check", party_ids=frozenset({cast["bob"]})) == ["Health check failed"]
    assert store.count_events(EventFilter(key_only=True)) == 1


def test_search_covers_titles_descriptions_party_names_and_source_references(
    store: CaseStore, cast: dict[str, int]
) -> None:
    store.add_events(
        [
            Event("Board meeting", description="Minutes record the outage."),
            Event("Letter sent", party_ids=(cast["alice"],)),
            Event("Report issued", sources=(SourceLink(cast["rca"], "6"),)),
            Event("Café opened"),
        ]
    )

    def search(text: str) -> list[str]:
        return titles(store.events(EventFilter(text=text)))

    assert search("outage") == ["Board meeting"]
    assert search("smith") == ["Letter sent"]
    assert search("B/12") == ["Report issued"]
    assert search("root cause") == ["Report issued"]
    assert search("cafe") == ["Café opened"]  # diacritics folded
    assert search("repo") == ["Report issued"]  # the last word is a prefix
    assert search('"unbalanced ( AND OR *') == []  # query syntax is never parsed
    assert search("  ") == titles(store.events())


def test_search_index_follows_renames_and_deletes(store: CaseStore, cast: dict[str, int]) -> None:
    event = store.add_event(
        Event("Letter sent", party_ids=(cast["alice"],), sources=(SourceLink(cast["letter"]),))
    )
    alice = next(p for p in store.parties() if p.id == cast["alice"])
    alice.name = "Alice Brown"
    store.update_party(alice)
    assert store.count_events(EventFilter(text="smith")) == 0
    assert store.count_events(EventFilter(text="brown")) == 1

    letter = next(s for s in store.sources() if s.id == cast["letter"])
    letter.bundle_ref = "C/9"
    store.update_source(letter)
    assert store.count_events(EventFilter(text="C/9")) == 1
    assert store.count_events(EventFilter(text="A/3")) == 0

    party, links = store.delete_party(cast["alice"])
    assert store.count_events(EventFilter(text="brown")) == 0
    store.restore_party(party, links)
    assert store.count_events(EventFilter(text="brown")) == 1
    assert store.get_event(event.id).party_ids == (cast["alice"],)

    store.delete_event(event.id)
    assert store.count_events(EventFilter(text="letter")) == 0


def test_fts_query_quotes_every_word() -> None:
    assert fts_query(search_words("B/12/345 O'Brien")) == '"B/12/345" "O\'Brien"*'
    assert fts_query(search_words('say "hi"')) == '"say" """hi"""*'
    assert search_words(" - ") == []


def test_update_writes_one_audit_row_per_changed_field(
    store: CaseStore, cast: dict[str, int]
) -> None:
    event = store.add_event(Event("Draft", date=on(2018, 1, 1)))
    event.title = "Final"
    event.key = True
    event.party_ids = (cast["alice"],)
    updated = store.update_event(event)
    assert updated.revision == 2 and updated.modified_by == store.user
    rows = {
        c.field: c
        for c in store.changes(entity="event", entity_id=event.id)
        if c.action == "update"
    }
    assert set(rows) == {"title", "key", "parties"}
    assert (rows["title"].old, rows["title"].new) == ("Draft", "Final")
    assert (rows["key"].old, rows["key"].new) == ("0", "1")
    assert json.loads(rows["parties"].new) == [cast["alice"]]
    assert rows["title"].user == store.user and rows["title"].at
    created = store.changes(entity="event", entity_id=event.id)[-1]
    assert (created.action, created.new) == ("create", "Draft")


def test_an_unchanged_update_writes_nothing(store: CaseStore) -> None:
    event = store.add_event(Event("Same"))
    before = len(store.changes())
    assert store.update_event(event).revision == 1
    assert len(store.changes()) == before


def test_an_update_based_on_an_old_revision_is_refused(store: CaseStore) -> None:
    event = store.add_event(Event("Original"))
    mine, theirs = store.get_event(event.id), store.get_event(event.id)
    theirs.title = "Their edit"
    store.update_event(theirs)
    mine.title = "My edit"
    with pytest.raises(ConflictError, match="changed in another window or by a colleague"):
        store.update_event(mine)
    assert store.get_event(event.id).title == "Their edit"


def test_delete_returns_the_event_and_restoring_it_brings_everything_back(
    store: CaseStore, cast: dict[str, int]
) -> None:
    event = store.add_event(
        Event(
            "Gone",
            date=on(2018, 1, 1),
            party_ids=(cast["bob"],),
            sources=(SourceLink(cast["rca"], "2"),),
        )
    )
    deleted = store.delete_event(event.id)
    assert store.get_event(event.id) is None
    assert store.changes(limit=1)[0].action == "delete"
    with pytest.raises(ConflictError, match="already been deleted"):
        store.delete_event(event.id)
    restored = store.add_event(deleted)
    assert restored.id == event.id
    again = store.get_event(event.id)
    assert (again.title, again.party_ids, again.sources) == (
        "Gone",
        (cast["bob"],),
        (SourceLink(cast["rca"], "2"),),
    )
    assert store.count_events(EventFilter(text="B/12")) == 1


def test_deleting_a_source_or_category_can_be_undone(
    store: CaseStore, cast: dict[str, int]
) -> None:
    event = store.add_event(
        Event(
            "Cited",
            category_id=cast["security"],
            sources=(SourceLink(cast["letter"], "p 4"), SourceLink(cast["rca"], "6")),
        )
    )
    source, links = store.delete_source(cast["rca"])
    assert store.get_event(event.id).sources == (SourceLink(cast["letter"], "p 4"),)
    store.restore_source(source, links)
    assert store.get_event(event.id).sources == (
        SourceLink(cast["letter"], "p 4"),
        SourceLink(cast["rca"], "6"),
    )

    category, event_ids = store.delete_category(cast["security"])
    assert store.get_event(event.id).category_id is None
    store.restore_category(category, event_ids)
    assert store.get_event(event.id).category_id == cast["security"]


def test_a_failed_change_leaves_nothing_behind(store: CaseStore) -> None:
    before = len(store.changes())
    with pytest.raises(ConflictError, match="refers to was deleted"):
        store.add_events([Event("fine"), Event("bad link", party_ids=(999,))])
    assert store.events() == []
    assert len(store.changes()) == before
    assert store.count_events(EventFilter(text="fine")) == 0


def test_category_names_are_unique_whatever_the_case(store: CaseStore) -> None:
    store.add_category(Category("Security"))
    with pytest.raises(UserError, match="already a category with that name"):
        store.add_category(Category("SECURITY"))


def test_case_info_round_trips_and_is_audited(store: CaseStore) -> None:
    info = CaseInfo(
        title="Sopra Steria v Interserve",
        court_lines=["IN THE HIGH COURT OF JUSTICE", "BUSINESS AND PROPERTY COURTS"],
        claim_number="HT-2019-000123",
        parties=[
            CaseParty("SOPRA STERIA LIMITED", "Claimant"),
            CaseParty("INTERSERVE LIMITED", "Defendant"),
        ],
        prepared_by="Solicitors for the Defendant",
        reference_date=dt.date(2020, 2, 14),
        date_order="mdy",
        time_zone="America/New_York",
        house_template="/firm/house.dotx",
        reference_brackets=True,
        wording_check=False,
    )
    store.update_case_info(info)
    stored = store.case_info()
    assert (stored.house_template, stored.reference_brackets) == ("/firm/house.dotx", True)
    assert stored.wording_check is False
    assert (
        stored.title,
        stored.court_lines,
        stored.claim_number,
        stored.parties,
        stored.prepared_by,
        stored.reference_date,
        stored.date_order,
        stored.time_zone,
    ) == (
        info.title,
        info.court_lines,
        info.claim_number,
        info.parties,
        info.prepared_by,
        info.reference_date,
        info.date_order,
        info.time_zone,
    )
    fields = {c.field for c in store.changes(entity="case")}
    assert fields == {
        "title",
        "court_lines",
        "claim_number",
        "parties",
        "prepared_by",
        "reference_date",
        "date_order",
        "time_zone",
        "house_template",
        "reference_brackets",
        "wording_check",
    }


def test_each_change_is_committed_when_the_call_returns(
    store_address: str | Path, store: CaseStore
) -> None:
    store.add_event(Event("Committed"))
    with CaseStore.open(store_address, read_only=True) as other:
        assert [e.title for e in other.events()] == ["Committed"]


def test_the_change_mark_differs_after_a_change_here_or_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "case.case"
    with CaseStore.create(path) as store, CaseStore.open(path) as other:
        mark = store.change_mark
        store.events()
        assert store.change_mark == mark  # reading changes nothing
        store.add_event(Event("Here"))
        assert store.change_mark != mark
        mark = store.change_mark
        other.add_event(Event("Elsewhere"))
        assert store.change_mark != mark
        assert store.changed_elsewhere()  # still said once: the mark does not use it up


def test_a_second_copy_sees_the_change_and_its_edit_is_checked(
    store_address: str | Path, store: CaseStore
) -> None:
    event = store.add_event(Event("Shared"))
    with CaseStore.open(store_address) as second:
        assert not second.changed_elsewhere()
        stale = second.get_event(event.id)
        event.title = "Edited in the first copy"
        store.update_event(event)
        assert heard(second)  # a server's word of it takes a moment to arrive
        assert not second.changed_elsewhere()  # reported once
        assert not store.changed_elsewhere()  # our own change is not "elsewhere"
        stale.title = "Edited in the second copy"
        with pytest.raises(ConflictError):
            second.update_event(stale)
        assert second.get_event(event.id).title == "Edited in the first copy"


def test_events_by_id_keeps_the_order_asked_for_and_skips_missing(store: CaseStore) -> None:
    a, b, c = store.add_events([Event("a"), Event("b"), Event("c")])
    store.delete_event(b.id)
    assert titles(store.events_by_id([c.id, b.id, a.id])) == ["c", "a"]


def test_undo_puts_a_record_back_under_its_own_id_after_newer_ones(
    store: CaseStore, cast: dict[str, int]
) -> None:
    # Ids are never reused, so a record added after a delete cannot take the deleted one's id.
    newest = store.add_party(Party("Carol White"))
    party, links = store.delete_party(newest.id)
    later = store.add_party(Party("Dan Black"))
    assert later.id != newest.id
    store.restore_party(party, links)
    assert {p.name for p in store.parties()} >= {"Carol White", "Dan Black"}

    event = store.add_event(Event("Newest event"))
    deleted = store.delete_event(event.id)
    other = store.add_event(Event("Added after the delete"))
    assert other.id != event.id
    assert store.add_event(deleted).id == event.id


def test_restoring_twice_is_a_conflict_in_words(store: CaseStore) -> None:
    event = store.add_event(Event("Once"))
    deleted = store.delete_event(event.id)
    store.add_event(deleted)
    with pytest.raises(ConflictError, match="cannot be put back"):
        store.add_event(deleted)


def test_links_to_records_that_are_gone_are_conflicts_not_crashes(
    store: CaseStore, cast: dict[str, int]
) -> None:
    with pytest.raises(ConflictError, match="refers to was deleted"):
        store.add_event(Event("Bad category", category_id=9999))
    with pytest.raises(ConflictError, match="refers to was deleted"):
        store.add_event(Event("Bad source", sources=(SourceLink(9999),)))
    assert store.events() == []


def test_the_same_person_linked_twice_is_linked_once(
    store: CaseStore, cast: dict[str, int]
) -> None:
    event = store.add_event(
        Event(
            "Twice",
            party_ids=(cast["alice"], cast["alice"]),
            sources=(SourceLink(cast["rca"], "6"), SourceLink(cast["rca"], "6")),
        )
    )
    assert store.get_event(event.id).party_ids == (cast["alice"],)
    assert store.get_event(event.id).sources == (SourceLink(cast["rca"], "6"),)


def test_deleting_a_category_counts_as_a_change_to_its_events(
    store_address: str | Path, store: CaseStore, cast: dict[str, int]
) -> None:
    event = store.add_event(Event("Filed under security", category_id=cast["security"]))
    with CaseStore.open(store_address) as other:
        other.delete_category(cast["security"])
    event.title = "Edited from a stale copy"
    with pytest.raises(ConflictError, match="changed in another window"):
        store.update_event(event)
    audit = store.changes(entity="event", entity_id=event.id, limit=1)[0]
    assert (audit.field, audit.old, audit.new) == ("category_id", str(cast["security"]), None)


def test_restoring_a_person_skips_events_deleted_meanwhile(
    store: CaseStore, cast: dict[str, int]
) -> None:
    kept = store.add_event(Event("Kept", party_ids=(cast["alice"],)))
    gone = store.add_event(Event("Gone", party_ids=(cast["alice"],)))
    party, links = store.delete_party(cast["alice"])
    store.delete_event(gone.id)
    store.restore_party(party, links)
    assert store.get_event(kept.id).party_ids == (cast["alice"],)
    assert store.count_events(EventFilter(text="smith")) == 1


def test_the_date_window_keeps_everything_that_could_have_happened_in_it(store: CaseStore) -> None:
    store.add_events(
        [
            Event(
                "before October 2018", date=FuzzyDate(None, dt.date(2018, 9, 30), "month", "before")
            ),
            Event("since 2015", date=FuzzyDate(dt.date(2015, 1, 1), None, "year", "since")),
            Event("after 2019", date=FuzzyDate(dt.date(2020, 1, 1), None, "year", "after")),
            Event(
                "23:59 on 31 Jan",
                date=FuzzyDate(
                    dt.datetime(2018, 1, 31, 23, 59), dt.datetime(2018, 1, 31, 23, 59), "minute"
                ),
            ),
            Event(
                "00:00 on 1 Jan",
                date=FuzzyDate(
                    dt.datetime(2018, 1, 1, 0, 0), dt.datetime(2018, 1, 1, 0, 0), "minute"
                ),
            ),
            Event("December 2017", date=month(2017, 12)),
            Event("undated"),
        ]
    )
    january = EventFilter(date_from=dt.date(2018, 1, 1), date_to=dt.date(2018, 1, 31))
    assert sorted(titles(store.events(january))) == sorted(
        ["before October 2018", "since 2015", "23:59 on 31 Jan", "00:00 on 1 Jan"]
    )


def test_deleting_several_events_is_one_change_and_all_or_nothing(store: CaseStore) -> None:
    a, b, c = store.add_events([Event("a"), Event("b"), Event("c")])
    store.delete_event(c.id)
    with pytest.raises(ConflictError):
        store.delete_events([a.id, c.id])
    assert titles(store.events()) == ["a", "b"]
    deleted = store.delete_events([a.id, b.id])
    assert store.events() == []
    store.add_events(deleted)
    assert titles(store.events()) == ["a", "b"]


def test_sorting_the_list_by_a_column(store: CaseStore, cast: dict[str, int]) -> None:
    store.add_events(
        [
            Event("b", date=on(2018, 1, 1), category_id=cast["security"], key=True),
            Event("a", date=on(2019, 1, 1), status=Status.DISPUTED),
            Event("c", date=on(2017, 1, 1), category_id=cast["contract"]),
        ]
    )

    def by(order: str) -> list[str]:
        return titles(store.events_by_id(store.event_ids(order_by=order)))

    assert by("chronology") == ["c", "b", "a"]
    assert by("title") == ["a", "b", "c"]
    assert by("category") == ["c", "b", "a"]  # Contract, Security, then none
    assert by("status") == ["a", "c", "b"]  # disputed < undisputed, then chronology
    assert by("key") == ["b", "c", "a"]


def test_save_a_copy_is_a_whole_case_and_never_replaces_a_file(
    tmp_path: Path, store: CaseStore
) -> None:
    store.add_event(Event("In the copy"))
    copy = tmp_path / "copy for counsel.case"
    store.save_copy(copy)
    with CaseStore.open(copy) as opened:
        assert titles(opened.events()) == ["In the copy"]
    with pytest.raises(UserError, match="already exists"):
        store.save_copy(copy)


def test_number_of_is_the_place_in_the_whole_chronology(store: CaseStore) -> None:
    events = store.add_events(
        [Event("undated"), Event("2018", date=on(2018, 1, 1)), Event("2016", date=on(2016, 1, 1))]
    )
    assert [store.number_of(e.id) for e in events] == [3, 2, 1]
    assert store.number_of(999) is None


def test_merging_is_one_change_audited_and_unmerging_restores_both(
    store: CaseStore, cast: dict[str, int]
) -> None:
    typed = store.add_event(
        Event(
            "RCA report: 25 critical",
            on(2018, 11, 8),
            party_ids=(cast["alice"],),
            sources=(SourceLink(cast["rca"], "4"),),
        )
    )
    pasted = store.add_event(
        Event(
            "Sopra Steria delivered the Root Cause Analysis report",
            on(2018, 11, 8),
            description="25 critical and 55 high risk breaches",
            key=True,
            party_ids=(cast["bob"], cast["alice"]),
            sources=(SourceLink(cast["letter"], ""),),
        )
    )
    before = len(store.changes())
    merged = dataclasses.replace(
        typed,
        description=pasted.description,
        key=True,
        party_ids=(cast["alice"], cast["bob"]),
        sources=(*typed.sources, *pasted.sources),
    )
    stored, kept, other = store.merge_events(merged, pasted)
    assert (kept, other) == (typed, pasted)
    assert store.get_event(pasted.id) is None
    assert store.get_event(typed.id) == stored and stored.revision == typed.revision + 1
    assert (stored.key, stored.party_ids) == (True, (cast["alice"], cast["bob"]))
    changes = store.changes()[: len(store.changes()) - before]
    assert len({c.at for c in changes}) == 1  # one transaction
    assert {(c.action, c.entity_id, c.field) for c in changes} == {
        ("update", typed.id, "description"),
        ("update", typed.id, "key"),
        ("update", typed.id, "parties"),
        ("update", typed.id, "sources"),
        ("delete", pasted.id, None),
        ("merge", typed.id, "merged from"),
    }
    assert store.count_events(EventFilter(text="breaches")) == 1  # the index follows

    restored_kept, restored_other = store.unmerge_events(stored, kept, other)
    strip = {"revision": 0, "modified": ""}
    assert dataclasses.replace(restored_kept, **strip) == dataclasses.replace(typed, **strip)
    assert dataclasses.replace(restored_other, **strip) == dataclasses.replace(pasted, **strip)
    assert store.changes(limit=1)[0].action == "unmerge"


def test_a_merge_of_events_changed_or_deleted_elsewhere_is_refused_whole(
    store_address: str | Path, store: CaseStore
) -> None:
    a, b = store.add_events([Event("Report", on(2018, 11, 8)), Event("RCA", on(2018, 11, 8))])
    with CaseStore.open(store_address) as other_window:
        theirs = other_window.get_event(b.id)
        other_window.update_event(dataclasses.replace(theirs, title="RCA (theirs)"))
    before = len(store.changes())
    with pytest.raises(ConflictError) as refused:
        store.merge_events(dataclasses.replace(a, description="merged"), b)
    assert str(refused.value) == (
        "The event 'RCA (theirs)' was changed in another window or by a colleague after you "
        "chose to merge it, so the events were not merged."
    )
    assert titles(store.events()) == ["Report", "RCA (theirs)"]
    assert store.get_event(a.id).description == "" and len(store.changes()) == before
    store.delete_event(b.id)
    with pytest.raises(ConflictError, match="One of the events to merge was deleted"):
        store.merge_events(a, dataclasses.replace(b, revision=2))
    with pytest.raises(ValueError, match="two different saved events"):
        store.merge_events(a, a)


def test_a_batch_is_one_change_and_taken_out_whole(store: CaseStore) -> None:
    batch = Batch(
        [
            Event("Imported", on(2019, 5, 1), party_ids=(-1,), category_id=-2),
            Event("Also imported", sources=(SourceLink(-3, "4"),)),
        ],
        [Category("From the sheet", "#123456", -2)],
        [Party("Ann Smith", id=-1)],
        [Source("Board minutes", bundle_ref="D/1", first_page=10, id=-3)],
    )
    saved = store.add_batch(batch)
    assert [e.title for e in store.events()] == ["Imported", "Also imported"]
    (imported,) = [e for e in store.events() if e.title == "Imported"]
    assert [p.name for p in store.parties() if p.id in imported.party_ids] == ["Ann Smith"]
    assert store.sources()[0].cite("4") == "D/1/13"
    store.remove_batch(saved)
    assert (store.events(), store.parties(), store.sources(), store.categories()) == (
        [],
        [],
        [],
        [],
    )


def test_cancelling_an_import_leaves_the_case_as_it_was(
    store: CaseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgres_case, "COPY_SLICE", 1000)  # the server's progress, as the file's
    before = store.add_event(Event("Already there"))
    history = store.changes()
    batch = Batch(
        [Event(f"Imported {i}", on(2019, 5, 1), party_ids=(-1,)) for i in range(2500)],
        parties=[Party("Ann Smith", id=-1)],
    )
    heard: list[tuple[int, int]] = []

    def cancel_halfway(done: int, total: int) -> bool:
        heard.append((done, total))
        return done < 1000

    with pytest.raises(CancelledError, match="import was cancelled; the case is unchanged"):
        store.add_batch(batch, progress=cancel_halfway)
    assert heard == [(0, 2500), (1000, 2500)]
    assert (store.events(), store.parties(), store.changes()) == ([before], [], history)
    assert store.event_ids(EventFilter(text="Imported")) == []
    saved = store.add_batch(batch, progress=lambda done, total: True)
    assert store.count_events(EventFilter(text="Imported")) == 2500
    assert [e.id for e in saved.events] == sorted(e.id for e in saved.events)


def test_summaries_count_number_and_check(store: CaseStore) -> None:
    first, _, later = store.add_events(
        [
            Event("First", on(2016, 1, 1), versions={"Claimant": "Yes.", "Defendant": "No."}),
            Event("Undated"),
            Event("Later", month(2018, 11)),
        ]
    )
    summary = store.summary()
    assert (summary.events, summary.undated_events) == (3, 1)
    assert (summary.earliest, summary.latest) == ("2016-01-01", "2018-11-30")
    assert store.event_numbers([later.id, first.id]) == {first.id: 1, later.id: 2}
    assert [row[0] for row in store.timeline_rows()] == [first.id, later.id]
    store.check_values()  # nothing we never write


def test_numbers_of_scattered_events_are_their_places_in_the_court_order(
    any_store: CaseStore,
) -> None:
    """Ties on a day, undated events last, and more ids than one query's list holds."""
    events = [
        Event(f"Event {i}", on(2015 + i % 7, 1 + i % 12, 1 + i % 3) if i % 11 else FuzzyDate())
        for i in range(1_200)
    ]
    any_store.add_events(events)
    court_order = any_store.event_ids()
    chosen = court_order[::-7] + court_order[5:9] + [10**9]  # any order; one id never saved
    assert any_store.event_numbers(chosen) == {
        event_id: court_order.index(event_id) + 1 for event_id in chosen if event_id != 10**9
    }
    assert any_store.event_numbers([]) == {}
    assert any_store.event_ids(limit=25) == court_order[:25]  # a big table's first rows


def test_a_history_is_put_back_as_it_was(store: CaseStore) -> None:
    from timeline_app.core.model import Change

    history = [
        Change("2019-01-01T00:00:00+00:00", store.user, "create", "event", 7, None, None, "Old"),
        Change("2019-01-02T00:00:00+00:00", store.user, "update", "event", 7, "title", "a", "b"),
    ]
    store.restore_changes(history)
    assert store.changes()[:2] == list(reversed(history))


def test_a_change_stops_this_processs_reads_beside_the_window_and_is_saved_at_once(
    tmp_path: Path,
) -> None:
    import threading
    import time

    from timeline_app.core.errors import ReadInterruptedError

    path = tmp_path / "case.case"
    CaseStore.create(path).close()
    ended: list[BaseException] = []
    reading = threading.Event()

    def read_for_ever() -> None:  # as a big case's timeline is read beside the window
        with CaseStore.open(path, read_only=True, beside=True) as beside:
            try:
                read_until_stopped(beside, reading)
            except ReadInterruptedError as error:
                ended.append(error)
                try:
                    beside.events()
                except ReadInterruptedError as again:  # a stopped reader reads no more
                    ended.append(again)
            except BaseException as error:
                ended.append(error)

    reader = threading.Thread(target=read_for_ever, daemon=True)
    with CaseStore.open(path, timeout=30) as store, CaseStore.open(path, read_only=True) as idle:
        reader.start()
        assert reading.wait(10)
        time.sleep(0.05)
        begun = time.perf_counter()
        store.add_event(Event("Saved while the timeline was being read"))
        assert time.perf_counter() - begun < 5  # not the lock's timeout (30 s here) waited out
        reader.join(10)
        assert len(ended) == 2 and all(isinstance(e, ReadInterruptedError) for e in ended)
        assert [e.title for e in idle.events()] == ["Saved while the timeline was being read"]


def test_a_reading_opened_during_a_change_made_here_does_not_take_its_journal_for_left_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core.store.sqlite import case as sqlite_case
    from timeline_app.core.store.sqlite import files

    monkeypatch.setattr(files, "FULL_CHECK_ALWAYS", 0)  # as a big file: checked if not clean
    checked: list[object] = []
    real = sqlite_case.quick_check
    monkeypatch.setattr(sqlite_case, "quick_check", lambda conn: checked.append(conn) or real(conn))
    path = tmp_path / "case.case"
    with CaseStore.create(path) as store:
        store.add_event(Event("Before"))
    with CaseStore.open(path) as store, store._transaction():
        store._conn.execute("UPDATE events SET title = 'Being changed'")
        assert path.with_name(path.name + "-journal").exists()  # the change's, under way
        with CaseStore.open(path, read_only=True, beside=True) as beside:
            assert [e.title for e in beside.events()] == ["Before"]
    assert checked == []  # not a change left half done: no full check of every page
