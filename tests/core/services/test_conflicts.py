"""Two edits of one event made apart: what each side changed, and the event that keeps both."""

import dataclasses

from timeline_app.core import dates
from timeline_app.core.model import Category, Event, Party, Source, SourceLink, Status
from timeline_app.core.services.conflicts import (
    DELETED,
    Merge,
    Names,
    Outcome,
    merge,
    typed_changes,
)
from timeline_app.core.store import CaseStore

BASE = Event(
    "Root cause report",
    date=dates.parse("8 November 2018"),
    description="The report finds 25 critical breaches.",
    versions={"Claimant": "Sent late."},
    party_ids=(1, 2),
    sources=(SourceLink(10, "5"),),
    id=7,
    revision=3,
    modified_by="me",
)


def theirs(**changes: object) -> Event:
    """BASE as a colleague saved it: their changes, the next revision, their name."""
    return dataclasses.replace(BASE, **changes, revision=4, modified_by="alice")


def mine(**changes: object) -> Event:
    """BASE with my changes (still at the revision I loaded)."""
    return dataclasses.replace(BASE, **changes)


def outcomes(result: Merge) -> dict[str, Outcome]:
    return {f.name: f.outcome for f in result.fields}


def test_their_change_is_kept_where_i_did_not_touch_the_field_and_mine_is_applied() -> None:
    result = merge(BASE, mine(title="Root cause analysis"), theirs(date=dates.parse("9/11/2018")))
    assert result.event is not None
    assert result.event.title == "Root cause analysis"  # mine
    assert result.event.date == dates.parse("9/11/2018")  # theirs
    assert result.event.description == BASE.description  # nobody's
    assert (result.event.revision, result.event.modified_by) == (4, "alice")
    assert outcomes(result) == {"date": Outcome.THEIRS, "title": Outcome.MINE}
    assert result.their_changes == ["Date: 8 November 2018 → 9 November 2018 (by alice)"]
    assert result.conflicts == [] and not result.deleted
    assert result.changed_by == "alice"


def test_a_field_both_changed_the_same_way_is_said_and_kept() -> None:
    result = merge(BASE, mine(key=True), theirs(key=True))
    assert result.event is not None and result.event.key
    assert outcomes(result) == {"key": Outcome.SAME}
    assert result.their_changes == ["Key event: no → yes (by alice) — the same as your change"]
    assert result.conflicts == []


def test_a_field_both_changed_differently_is_a_conflict_and_mine_is_applied() -> None:
    result = merge(
        BASE,
        mine(title="My title", status=Status.DISPUTED),
        theirs(title="Their title", description="Rewritten by them."),
    )
    assert result.event is not None
    assert (result.event.title, result.event.description, result.event.status) == (
        "My title",
        "Rewritten by them.",
        Status.DISPUTED,
    )
    assert result.conflicts == ["title"]
    assert outcomes(result) == {
        "title": Outcome.BOTH,
        "description": Outcome.THEIRS,
        "status": Outcome.MINE,
    }
    assert result.their_changes == [
        "Title: “Root cause report” → “Their title” (by alice) — you changed it too, to "
        "“My title”: yours is kept",
        "Description: “The report finds 25 critical breaches.” → “Rewritten by them.” (by alice)",
    ]


def test_people_and_citations_keep_both_sides_additions_and_removals() -> None:
    names = Names(
        parties={1: "Ann Smith", 2: "Bob Jones", 3: "Cara Lee", 4: "Dev Patel"},
        sources={10: Source("Root cause report", bundle_ref="B/12", first_page=340, id=10)},
    )
    result = merge(
        BASE,
        mine(party_ids=(1, 3)),  # took Bob out, put Cara in
        theirs(party_ids=(1, 2, 4), sources=(SourceLink(10, "6"),)),  # put Dev in; a new page
        names,
    )
    assert result.event is not None
    assert result.event.party_ids == (1, 4, 3)
    assert result.event.sources == (SourceLink(10, "6"),)
    assert result.conflicts == ["party_ids"]
    assert result.their_changes == [
        "People: added Dev Patel (by alice) — you changed it too: both sets of changes are kept",
        "Sources: added B/12/345 (Root cause report); removed B/12/344 (Root cause report) "
        "(by alice)",
    ]


def test_a_list_only_reordered_says_so() -> None:
    result = merge(BASE, BASE, theirs(party_ids=(2, 1)))
    assert result.their_changes == ["People: order changed (by alice)"]


def test_each_partys_version_is_a_field_of_its_own() -> None:
    result = merge(
        BASE,
        mine(versions={"Claimant": "Sent a week late."}),
        theirs(versions={"Claimant": "Sent late.", "Defendant": "Sent on time."}),
    )
    assert result.event is not None
    assert result.event.versions == {"Claimant": "Sent a week late.", "Defendant": "Sent on time."}
    assert outcomes(result) == {
        "versions/Claimant": Outcome.MINE,
        "versions/Defendant": Outcome.THEIRS,
    }
    assert result.their_changes == ["Defendant's version: (none) → “Sent on time.” (by alice)"]
    # A version I cleared is taken out, not kept blank.
    cleared = merge(BASE, mine(versions={}), theirs(title="Theirs"))
    assert cleared.event is not None and cleared.event.versions == {}


def test_an_event_they_deleted_is_not_merged_and_that_is_said() -> None:
    result = merge(BASE, mine(title="Mine"), None)
    assert result.deleted and result.event is None
    assert result.their_changes == [DELETED]
    assert "nothing to merge" in DELETED


def test_categories_ends_and_a_reworded_date_are_described_in_words() -> None:
    names = Names(categories={5: "Security"})
    result = merge(
        BASE,
        BASE,
        theirs(
            category_id=5,
            end=dates.parse("December 2018"),
            date=dates.parse("08/11/2018"),  # the same day, written another way
            sequence=2,
        ),
        names,
    )
    assert result.their_changes == [
        "Date: “8 November 2018” → “08/11/2018” (by alice)",
        "End date: (none) → December 2018 (by alice)",
        "Category: (none) → Security (by alice)",
        "Order among events on the same date: changed (by alice)",
    ]
    gone = merge(BASE, BASE, theirs(category_id=6), names)
    assert gone.their_changes == ["Category: (none) → a deleted category (by alice)"]


def test_a_long_text_is_cut_short_on_one_line() -> None:
    long = "A very long description\nwith lines " + "word " * 40
    (line,) = merge(BASE, BASE, theirs(description=long)).their_changes
    assert "\n" not in line and "…" in line and len(line) < 200


def test_only_what_the_user_typed_differently_from_what_was_shown_is_theirs_to_apply() -> None:
    stored = dataclasses.replace(BASE, title="Root  cause report ")  # spaces the editor tidies
    shown = dataclasses.replace(stored, title="Root cause report")
    typed = dataclasses.replace(shown, description="Mine.")
    assert typed_changes(stored, shown, typed) == dataclasses.replace(stored, description="Mine.")
    # So a title they changed is not "changed back" by the tidying.
    result = merge(stored, typed_changes(stored, shown, typed), theirs(title="Their title"))
    assert result.event is not None
    assert (result.event.title, result.event.description) == ("Their title", "Mine.")
    assert result.conflicts == []


def test_the_merged_event_saves_over_theirs_in_a_real_case(store: CaseStore) -> None:
    security = store.add_category(Category("Security"))
    ann = store.add_party(Party("Ann Smith"))
    loaded = store.add_event(Event("Health check failed", date=dates.parse("June 2018")))
    store.user = "alice"
    stored = store.update_event(
        dataclasses.replace(loaded, description="Theirs.", category_id=security.id)
    )
    store.user = "me"
    result = merge(
        loaded,
        dataclasses.replace(loaded, title="IT Health Check failed", party_ids=(ann.id,)),
        store.get_event(stored.id),
        Names.of(store),
    )
    assert result.their_changes == [
        "Description: (none) → “Theirs.” (by alice)",
        "Category: (none) → Security (by alice)",
    ]
    assert result.event is not None
    saved = store.update_event(result.event)  # not refused: it is based on their revision
    assert (saved.title, saved.description, saved.category_id, saved.party_ids) == (
        "IT Health Check failed",
        "Theirs.",
        security.id,
        (ann.id,),
    )
