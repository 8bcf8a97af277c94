"""Every field of a case survives each of our own formats and back: CSV, Excel, JSON, a case file.

Hypothesis makes the cases: spans with their ends, times, descriptions with line breaks, commas
and quotes, several people, several citations with pages, categories, statuses, key events and
each side's version. Each case is exported, imported into a copy of it that has its people,
documents and categories but no events, and read back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core import casejson, dates, importing
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.model import (
    Category,
    Event,
    FuzzyDate,
    Party,
    Source,
    SourceLink,
    Status,
    day_of,
)
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore

MONTHS = dates.MONTH_NAMES
_WORDS = st.text(
    st.characters(
        codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters=";\u2028\u2029"
    ),
    min_size=1,
    max_size=30,
)
one_line = _WORDS.map(lambda text: " ".join(text.split())).filter(bool)
paragraphs = st.lists(one_line, min_size=1, max_size=3).map("\n".join)


@st.composite
def written_dates(draw: st.DrawFn) -> str:
    """A date as a lawyer writes it, of every kind the chronology shows."""
    year = draw(st.integers(1990, 2030))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    later = draw(st.integers(month, 12))
    return draw(
        st.sampled_from(
            [
                f"{day} {MONTHS[month - 1]} {year}",
                f"{MONTHS[month - 1]} {year}",
                f"{year}",
                f"c. {year}",
                f"on or about {day} {MONTHS[month - 1]} {year}",
                f"{draw(st.integers(0, 23)):02}:{draw(st.integers(0, 59)):02} on {day} "
                f"{MONTHS[month - 1]} {year}",
                f"between {MONTHS[month - 1]} and {MONTHS[later - 1]} {year}",
                f"{MONTHS[month - 1]} to {MONTHS[later - 1]} {year}",
                f"before {day} {MONTHS[month - 1]} {year}",
                f"after {MONTHS[month - 1]} {year}",
                f"by {day} {MONTHS[month - 1]} {year}",
                f"early {year}",
                f"End of {year}",
                f"the beginning of {MONTHS[month - 1]} {year}",
                "undated",
            ]
        )
    )


@st.composite
def cases(draw: st.DrawFn) -> dict:
    """People, documents, categories and events that use them."""
    people = draw(st.lists(one_line, min_size=1, max_size=4, unique_by=str.casefold))
    categories = draw(st.lists(one_line, max_size=3, unique_by=str.casefold))
    documents = [
        Source("Witness statement of A", bundle_ref="B/12", first_page=340),
        Source("Letter of claim", bundle_ref="C/3"),
        Source("Board minutes, 8 November 2018"),
    ]
    titles = draw(st.lists(one_line, min_size=1, max_size=6, unique_by=str.casefold))
    events = []
    for title in titles:
        start = dates.parse(draw(written_dates()))
        end = None
        if not start.is_undated and start.latest is not None and draw(st.booleans()):
            after = day_of(start.latest) + dt.timedelta(days=draw(st.integers(1, 400)))
            end = dates.parse(after.isoformat())
        events.append(
            {
                "title": title,
                "date": start,
                "end": end,
                "description": draw(st.one_of(st.just(""), paragraphs)),
                "people": draw(st.lists(st.sampled_from(people), max_size=3, unique=True)),
                "category": draw(st.one_of(st.none(), st.sampled_from(categories)))
                if categories
                else None,
                "citations": draw(
                    st.lists(
                        st.tuples(
                            st.integers(0, 2), st.sampled_from(["", "6", "12", "para 14", "6-7"])
                        ),
                        max_size=3,
                        unique=True,
                    )
                ),
                "status": draw(st.sampled_from(Status)),
                "key": draw(st.booleans()),
                "versions": draw(
                    st.dictionaries(
                        st.sampled_from(["Claimant", "Defendant", "Third Party"]), paragraphs
                    )
                ),
                "note": draw(st.one_of(st.just(""), paragraphs)),
            }
        )
    return {"people": people, "categories": categories, "documents": documents, "events": events}


def build(store: CaseStore, case: dict) -> None:
    people = {name: store.add_party(Party(name)).id for name in case["people"]}
    categories = {name: store.add_category(Category(name)).id for name in case["categories"]}
    documents = [store.add_source(source).id for source in case["documents"]]
    store.add_events(
        [
            Event(
                e["title"],
                e["date"],
                e["end"],
                e["description"],
                categories.get(e["category"]),
                e["status"],
                e["key"],
                e["note"],
                e["versions"],
                party_ids=tuple(people[name] for name in e["people"]),
                sources=tuple(SourceLink(documents[i], pin) for i, pin in e["citations"]),
            )
            for e in case["events"]
        ]
    )


def contents(store: CaseStore) -> list[tuple]:
    """Every event's fields, with names and citations for ids, in court order."""
    people = {p.id: p.name for p in store.parties()}
    categories = {c.id: c.name for c in store.categories()}
    documents = {s.id: s for s in store.sources()}

    def window(date: FuzzyDate | None) -> tuple | None:
        if date is None:
            return None
        return (date.earliest, date.latest, date.precision, date.qualifier, date.approximate)

    return [
        (
            e.title,
            window(e.date),
            window(e.end),
            e.description,
            [people[p] for p in e.party_ids],
            categories.get(e.category_id),
            [documents[s.source_id].cite(s.pinpoint) for s in e.sources],
            e.status,
            e.key,
            e.versions,
            e.privileged_note,
        )
        for e in store.events()
    ]


def without_events(store: CaseStore, path: Path) -> CaseStore:
    """A copy of the case with its records but none of its events."""
    store.save_copy(path)
    copy = CaseStore.open(path)
    copy.delete_events([e.id for e in copy.events()])
    return copy


ROUND_TRIPS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json", "case"])
@ROUND_TRIPS
@given(case=cases())
def test_every_field_survives_our_own_formats(
    kind: str, case: dict, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp(kind)
    with CaseStore.create(folder / "case.case") as store:
        build(store, case)
        expected = contents(store)
        exported = folder / f"out.{kind}"
        if kind in ("csv", "xlsx"):
            export_chronology(store, exported, kind, ExportOptions(privileged=True))
        elif kind == "json":
            casejson.export_json(store, exported)
        else:
            store.save_copy(exported)
        with without_events(store, folder / "target.case") as target:
            plan = ImportSession(target, importing.open_file(exported)).plan()
            assert plan.refused == [], [(row.number, row.problems) for row in plan.refused]
            target.add_batch(plan.batch(plan.importable))
            assert contents(target) == expected
