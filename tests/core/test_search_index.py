"""The search index stores no text of its own, so it must follow every change exactly.

Random sequences of edits are applied, and after each one every word of a small vocabulary is
searched for and compared with a brute-force search over what the events show.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core.model import Category, Event, Party, Source, SourceLink
from timeline_app.core.store import CaseStore, EventFilter


@pytest.fixture
def store(any_store: CaseStore) -> CaseStore:
    """On a case file and on a case on a server: each keeps its own index."""
    return any_store


WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
text = st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join)

operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            text,
            text,
            st.lists(st.integers(0, 2), max_size=2, unique=True),
            st.lists(st.integers(0, 1), max_size=2, unique=True),
        ),
        st.tuples(st.just("edit"), st.integers(0, 50), text, text),
        st.tuples(
            st.just("relink"),
            st.integers(0, 50),
            st.lists(st.integers(0, 2), max_size=3, unique=True),
        ),
        st.tuples(st.just("versions"), st.integers(0, 50), text),
        st.tuples(st.just("rename_party"), st.integers(0, 2), text),
        st.tuples(st.just("retitle_source"), st.integers(0, 1), text),
        st.tuples(st.just("delete_and_restore_party"), st.integers(0, 2)),
        st.tuples(st.just("delete_and_restore_source"), st.integers(0, 1)),
        st.tuples(st.just("delete_event"), st.integers(0, 50)),
        st.tuples(st.just("delete_and_undo_event"), st.integers(0, 50)),
        st.tuples(
            st.just("recite"),
            st.integers(0, 50),
            st.lists(st.integers(0, 1), max_size=2, unique=True),
            text,
        ),
        st.tuples(st.just("rebundle_source"), st.integers(0, 1), text),
        st.tuples(
            st.just("delete_and_restore_category"),
        ),
    ),
    max_size=25,
)


def brute_force(store: CaseStore, word: str) -> set[int]:
    parties = {p.id: p.name for p in store.parties()}
    sources = {s.id: f"{s.bundle_ref} {s.title}" for s in store.sources()}
    found = set()
    for event in store.events():
        shown = " ".join(
            [
                event.title,
                event.description,
                *event.versions.values(),
                *(parties[p] for p in event.party_ids),
                *(f"{sources[s.source_id]} {s.pinpoint}" for s in event.sources),
            ]
        )
        if word in re.findall(r"\w+", shown.lower()):
            found.add(event.id)
    return found


def apply(store: CaseStore, op: tuple, parties: list[int], sources: list[int]) -> None:
    events = store.events()
    kind = op[0]
    if kind == "add":
        store.add_event(
            Event(
                op[1],
                description=op[2],
                category_id=store.categories()[0].id,
                party_ids=tuple(parties[i] for i in op[3]),
                sources=tuple(SourceLink(sources[i], "p1") for i in op[4]),
            )
        )
    elif kind == "rename_party":
        party = next(p for p in store.parties() if p.id == parties[op[1]])
        party.name = op[2]
        store.update_party(party)
    elif kind == "retitle_source":
        source = next(s for s in store.sources() if s.id == sources[op[1]])
        source.title = op[2]
        store.update_source(source)
    elif kind == "delete_and_restore_party":
        party, links = store.delete_party(parties[op[1]])
        store.restore_party(party, links)
    elif kind == "delete_and_restore_source":
        source, links = store.delete_source(sources[op[1]])
        store.restore_source(source, links)
    elif kind == "rebundle_source":
        source = next(s for s in store.sources() if s.id == sources[op[1]])
        source.bundle_ref = op[2]
        store.update_source(source)
    elif kind == "delete_and_restore_category":
        category, event_ids = store.delete_category(store.categories()[0].id)
        store.restore_category(category, event_ids)
    elif events:
        event = events[op[1] % len(events)]
        if kind == "edit":
            event.title, event.description = op[2], op[3]
            store.update_event(event)
        elif kind == "relink":
            event.party_ids = tuple(parties[i] for i in op[2])
            store.update_event(event)
        elif kind == "versions":
            event.versions = {"Claimant": op[2], "Defendant": "echo"}
            store.update_event(event)
        elif kind == "delete_event":
            store.delete_event(event.id)
        elif kind == "delete_and_undo_event":
            store.add_event(store.delete_event(event.id))
        elif kind == "recite":
            event.sources = tuple(SourceLink(sources[i], op[3]) for i in op[2])
            store.update_event(event)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations)
def test_search_matches_brute_force_after_any_edits(tmp_path_factory, ops: list[tuple]) -> None:
    path = tmp_path_factory.mktemp("search") / "case.case"
    with CaseStore.create(path) as store:
        parties = [store.add_party(Party(name)).id for name in ("alpha", "bravo", "charlie")]
        sources = [
            store.add_source(Source(title, bundle_ref="B/1")).id for title in ("delta", "echo")
        ]
        store.add_category(Category("foxtrot"))
        for op in ops:
            apply(store, op, parties, sources)
            for word in WORDS:
                assert set(store.event_ids(EventFilter(text=word))) == brute_force(store, word), (
                    op,
                    word,
                )
                # The index read alone (no event looked up) gives the same set.
                assert store.event_id_set(EventFilter(text=word)) == brute_force(store, word)


def test_the_set_of_matching_ids_is_the_searchs_on_either_backend(store: CaseStore) -> None:
    for n, title in enumerate(["alpha bravo", "alpha", "charlie", "alphabet soup"]):
        store.add_event(Event(title, key=n % 2 == 0))
    for where in (
        EventFilter(text="alpha"),
        EventFilter(text="alpha bravo"),
        EventFilter(text="alpha", key_only=True),
        EventFilter(key_only=True),
        EventFilter(text="zulu"),
    ):
        assert store.event_id_set(where) == set(store.event_ids(where)), where
    assert len(store.event_id_set(EventFilter(text="alpha"))) == 3  # the last word a prefix
