"""Big cases stay instant: what the fast paths answer is what the slow ones did."""

import datetime as dt
import random
from pathlib import Path

from benchmarks.bench_import import write_sheet
from timeline_app.core import importing
from timeline_app.core.model import Event, FuzzyDate, Precision, Qualifier, Source
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore, EventFilter


def _naive_bounds(store: CaseStore) -> tuple[str | None, str | None, int]:
    """The date range and the undated count the way ``summary`` first read them: every row."""
    events = store.events()
    starts = [e.date.earliest or e.date.latest for e in events if not e.date.is_undated]
    ends = [
        (e.end and (e.end.latest or e.end.earliest)) or e.date.latest or e.date.earliest
        for e in events
        if not e.date.is_undated
    ]

    def iso(value: object) -> str:
        return value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else str(value)

    return (
        min(map(iso, starts), default=None),
        max(map(iso, ends), default=None),
        sum(e.date.is_undated for e in events),
    )


def test_the_summary_reads_the_date_range_from_indexes_and_gives_what_a_scan_gives(
    any_store: CaseStore,
) -> None:
    assert (any_store.summary().earliest, any_store.summary().latest) == (None, None)
    any_store.add_events([Event("undated", date=FuzzyDate(text="Undated"))])
    assert (any_store.summary().earliest, any_store.summary().undated_events) == (None, 1)
    rng = random.Random(16)
    events = []
    for i in range(300):
        day = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(60))
        kind = rng.randrange(4)
        if kind == 0:  # a time on the first day sorts before that day's own date
            moment = dt.datetime.combine(day, dt.time(rng.randrange(24), 0))
            date = FuzzyDate(moment, moment, Precision.MINUTE, Qualifier.BEFORE)
        elif kind == 1:
            date = FuzzyDate(day, day, Precision.DAY)
        elif kind == 2:
            date = FuzzyDate(None, day, Precision.DAY, Qualifier.BEFORE)
        else:
            date = FuzzyDate(text="Undated")
        end = None
        if kind == 1 and rng.random() < 0.3:
            last = day + dt.timedelta(days=rng.randrange(400))
            end = FuzzyDate(last, last, Precision.DAY)
        events.append(Event(f"event {i}", date=date, end=end))
    any_store.add_events(events)
    summary = any_store.summary()
    assert (summary.earliest, summary.latest, summary.undated_events) == _naive_bounds(any_store)


def test_a_bulk_import_is_audited_whole_searchable_and_never_reuses_an_id(
    any_store: CaseStore, tmp_path: Path
) -> None:
    last = any_store.add_event(Event("deleted later"))
    any_store.delete_event(last.id)
    sheet = tmp_path / "chronology.csv"
    write_sheet(sheet, 2500)
    session = ImportSession(any_store, importing.open_file(sheet))
    plan = session.plan()
    batch = session.commit(plan, plan.default_choice())
    ids = [event.id for event in batch.events]
    assert len(ids) == 2500 and min(ids) > last.id and ids == sorted(set(ids))
    created = {(c.entity, c.entity_id) for c in any_store.changes() if c.action == "create"}
    assert {("event", i) for i in ids} <= created
    assert {("party", p.id) for p in batch.parties} <= created
    assert {("source", s.id) for s in batch.sources} <= created
    assert [e.party_ids for e in any_store.events_by_id(ids)] == [e.party_ids for e in batch.events]
    assert any_store.count_events(EventFilter(text="Event number 2499")) == 1
    assert any_store.add_event(Event("after")).id == max(ids) + 1


def test_bulk_work_pauses_the_cycle_collector_and_leaves_it_as_it_found_it() -> None:
    import gc

    from timeline_app.core.progress import bulk_work

    assert gc.isenabled()
    with bulk_work():
        assert not gc.isenabled()
        with bulk_work():  # nested, as a timeline's load beside an import
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()  # someone else's choice is theirs
    try:
        with bulk_work():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with bulk_work():
            raise ValueError("a failed import")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_new_search_refades_the_timeline_in_place_as_a_new_arrangement_would(
    tmp_path: Path,
) -> None:
    from benchmarks.bench_store import make_events
    from timeline_app.core.model import Party
    from timeline_app.core.timeline import (
        Arrangement,
        TimelineFilter,
        arrangement,
        refaded,
        refading,
        timeline_items,
        undated_items,
    )

    with CaseStore.create(tmp_path / "case.case") as store:
        parties = [store.add_party(Party(f"Person {i}")).id for i in range(5)]
        source = store.add_source(Source("Doc", bundle_ref="B/1")).id
        store.add_events(make_events(3000, parties, [source]))
        first = TimelineFilter(None, frozenset(store.event_ids(EventFilter(text="firmware"))))
        second = TimelineFilter(None, frozenset(store.event_ids(EventFilter(text="audit"))))
        # Each arrangement its own items (an event in several lanes: an item in each).
        arranged = arrangement(*timeline_items(store, "party"), undated_items(store), shown=first)
        fresh = arrangement(*timeline_items(store, "party"), undated_items(store), shown=second)

    def faded(arranged: Arrangement) -> list[bool]:
        return [arranged.fades(i.id) for i in arranged.items]

    assert any(faded(arranged)) and any(faded(fresh))
    assert faded(arranged) != faded(fresh)
    prepared = refading(arranged, second.hits)  # as the search's thread works it out
    assert faded(arranged) != faded(fresh)  # nothing changed by working it out
    refaded(arranged, second, prepared)
    assert faded(arranged) == faded(fresh)
    assert [u.faded for u in arranged.undated] == [u.faded for u in fresh.undated]
    for kept, made in zip(arranged.indexes, fresh.indexes, strict=True):
        assert [kept.fades(i) for i in kept.items] == [made.fades(i) for i in made.items]
        assert [i.id for i in kept.top(0, 10**6, 50)] == [i.id for i in made.top(0, 10**6, 50)]
        edges = [float(d) for d in range(730000, 740000, 500)]
        assert kept.starts(edges, hits=True) == made.starts(edges, hits=True)
