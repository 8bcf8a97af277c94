"""Whatever text a user pastes comes back exactly: control characters, emoji, RTL, 1 MB."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core.model import (
    Event,
    FuzzyDate,
    Party,
    Precision,
    Qualifier,
    Source,
    SourceLink,
    Status,
)
from timeline_app.core.store import CaseStore, EventFilter

# Every code point a Python str can carry into SQLite: NUL, form feeds, vertical tabs, bidi
# marks, emoji, combining characters (not lone surrogates, which no text file can hold).
any_text = st.text(st.characters(codec="utf-8"), max_size=200)

dates = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
)


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> FuzzyDate:
    bounds = sorted(
        draw(st.lists(dates, min_size=2, max_size=2)),
        key=lambda d: dt.datetime(d.year, d.month, d.day) if not isinstance(d, dt.datetime) else d,
    )
    earliest = draw(st.one_of(st.none(), st.just(bounds[0])))
    latest = draw(st.one_of(st.none(), st.just(bounds[1])))
    return FuzzyDate(
        earliest,
        latest,
        draw(st.sampled_from(Precision)),
        draw(st.sampled_from(Qualifier)),
        draw(st.booleans()),
        draw(any_text),
    )


SLOW = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SLOW
@given(
    title=any_text,
    description=any_text,
    note=any_text,
    date=fuzzy_dates(),
    end=st.one_of(st.none(), fuzzy_dates()),
    versions=st.dictionaries(any_text, any_text, max_size=3),
    status=st.sampled_from(Status),
    key=st.booleans(),
    sequence=st.integers(-(2**62), 2**62),
)
def test_events_round_trip_exactly(
    store: CaseStore,
    title: str,
    description: str,
    note: str,
    date: FuzzyDate,
    end: FuzzyDate | None,
    versions: dict[str, str],
    status: Status,
    key: bool,
    sequence: int,
) -> None:
    saved = store.add_event(
        Event(
            title,
            date=date,
            end=end,
            description=description,
            privileged_note=note,
            versions=versions,
            status=status,
            key=key,
            sequence=sequence,
        )
    )
    reread = store.get_event(saved.id)
    assert reread == saved
    assert (
        reread.title,
        reread.description,
        reread.privileged_note,
        reread.date,
        reread.end,
        reread.versions,
    ) == (title, description, note, date, end, versions)


@SLOW
@given(name=any_text, organisation=any_text, title=any_text, pinpoint=any_text)
def test_cast_and_sources_round_trip_exactly(
    store: CaseStore, name: str, organisation: str, title: str, pinpoint: str
) -> None:
    party = store.add_party(Party(name, organisation=organisation))
    source = store.add_source(Source(title, bundle_ref=title))
    event = store.add_event(
        Event("linked", party_ids=(party.id,), sources=(SourceLink(source.id, pinpoint),))
    )
    assert next(p for p in store.parties() if p.id == party.id) == party
    assert next(s for s in store.sources() if s.id == source.id) == source
    assert store.get_event(event.id).sources == (SourceLink(source.id, pinpoint),)


def test_a_one_megabyte_description_with_everything_in_it(store: CaseStore) -> None:
    chunk = "Witness: «Он сказал» — قال الشاهد 👩‍⚖️ \x00\x0b\x0c\u200f\u202e e\u0301 "
    description = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    saved = store.add_event(Event("Long statement", description=description))
    assert store.get_event(saved.id).description == description
    assert store.count_events(EventFilter(text="الشاهد")) == 1
