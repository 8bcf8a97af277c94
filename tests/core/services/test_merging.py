"""Merging two events: the older is kept, empty fields take the other's, links are united."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from timeline_app.core import dates
from timeline_app.core.model import Event, FuzzyDate, SourceLink, Status
from timeline_app.core.services.merging import CHOSEN, MergePlan

NOV8 = dates.parse("8 November 2018")


def typed() -> Event:
    """An event typed by hand, from the team's chronology."""
    return Event(
        "Root Cause Analysis report: 25 critical vulnerabilities",
        NOV8,
        category_id=3,
        status=Status.UNDISPUTED,
        party_ids=(1,),
        sources=(SourceLink(10, "4"),),
        id=6,
        revision=2,
        created="2024-01-10T09:00:00+00:00",
    )


def proposed() -> Event:
    """The same event, imported later from a pasted article."""
    return Event(
        "On 8 November 2018 Sopra Steria delivered a Root Cause Analysis report",
        dates.parse("on or about 8 November 2018"),
        description="The report identified 25 critical and 55 high risk breaches.",
        status=Status.DISPUTED,
        key=True,
        versions={"Claimant": "Delivered on time"},
        party_ids=(2, 1),
        sources=(SourceLink(11, "para 6"), SourceLink(10, "4")),
        id=30,
        revision=1,
        created="2024-03-02T16:30:00+00:00",
    )


def test_the_older_event_is_kept_whichever_is_chosen_first() -> None:
    plan = MergePlan.of(proposed(), typed())
    assert (plan.kept.id, plan.other.id) == (6, 30)
    assert MergePlan.of(typed(), proposed()) == plan
    with pytest.raises(ValueError, match="two different saved events"):
        MergePlan.of(typed(), typed())
    with pytest.raises(ValueError, match="two different saved events"):
        MergePlan.of(typed(), dataclasses.replace(proposed(), id=None))


def test_what_differs_and_what_is_proposed() -> None:
    plan = MergePlan.of(typed(), proposed())
    assert plan.differing == [
        "title",
        "date",
        "description",
        "category_id",
        "status",
        "key",
        "versions",
    ]
    # The kept event's values, except where it has none: description, key, versions.
    assert plan.proposed() == {"description", "key", "versions"}


def test_the_merged_event_keeps_the_older_ones_id_and_unites_the_links() -> None:
    merged = MergePlan.of(typed(), proposed()).merged()
    assert (merged.id, merged.revision, merged.created) == (6, 2, "2024-01-10T09:00:00+00:00")
    assert merged.title == "Root Cause Analysis report: 25 critical vulnerabilities"
    assert (merged.date, merged.status, merged.category_id) == (NOV8, Status.UNDISPUTED, 3)
    assert merged.description.startswith("The report identified 25 critical")
    assert merged.key and merged.versions == {"Claimant": "Delivered on time"}
    assert merged.party_ids == (1, 2)  # each once, the kept event's first
    assert merged.sources == (SourceLink(10, "4"), SourceLink(11, "para 6"))


def test_the_users_choices_win() -> None:
    plan = MergePlan.of(typed(), proposed())
    merged = plan.merged({"title", "date", "status"})
    assert merged.title.startswith("On 8 November 2018 Sopra Steria")
    assert merged.date.approximate and merged.status is Status.DISPUTED
    assert (merged.description, merged.key, merged.versions) == ("", False, {})
    with pytest.raises(ValueError, match="not a field to choose: id"):
        plan.merged({"id"})


def test_two_descriptions_can_both_be_kept() -> None:
    kept = dataclasses.replace(typed(), description="Typed from the bundle.")
    merged = MergePlan.of(kept, proposed()).merged(set(), {"description"})
    assert merged.description == (
        "Typed from the bundle.\n\nThe report identified 25 critical and 55 high risk breaches."
    )
    with pytest.raises(ValueError, match="not a field to choose: title"):
        MergePlan.of(kept, proposed()).merged(set(), {"title"})


def test_empty_fields_take_the_others_whichever_they_are() -> None:
    bare = Event("Report", FuzzyDate(), id=1, created="2020-01-01T00:00:00+00:00")
    full = Event(
        "RCA report",
        NOV8,
        end=dates.parse("9 November 2018"),
        description="Delivered",
        category_id=2,
        key=True,
        privileged_note="Check the annex",
        versions={"Defendant": "Late"},
        id=2,
        created="2021-01-01T00:00:00+00:00",
    )
    plan = MergePlan.of(full, bare)
    assert set(plan.differing) == set(CHOSEN) - {"status"}
    assert plan.proposed() == set(CHOSEN) - {"title", "status"}
    merged = plan.merged()
    assert (merged.title, merged.date, merged.end.earliest) == (
        "Report",
        NOV8,
        dt.date(2018, 11, 9),
    )
