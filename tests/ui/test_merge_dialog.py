"""The Merge events dialog: both events side by side, the proposed choices, the user's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from timeline_app.core.demo import write_demo
from timeline_app.core.model import Event, SourceLink
from timeline_app.core.services.merging import MergePlan
from timeline_app.core.store import CaseStore
from timeline_app.ui.dialogs.merging import MergeDialog


def test_the_dialog_proposes_the_older_events_values_unless_empty(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        rca = store.events()[5]
        pasted = store.add_event(
            Event(
                "On 8 November 2018 Sopra Steria delivered a Root Cause Analysis report",
                dataclasses.replace(rca.date, text="on 8 November 2018"),
                description=rca.description,
                status=rca.status,
                category_id=rca.category_id,
                privileged_note="Found in The Register's article",
                party_ids=(*rca.party_ids, store.parties()[1].id),
                sources=(SourceLink(store.sources()[0].id, "2"),),
            )
        )
        plan = MergePlan.of(pasted, rca)
        dialog = MergeDialog(store, plan, (6, 7))
        qtbot.addWidget(dialog)
    assert list(dialog.groups) == ["title", "date", "key", "privileged_note"]
    texts = {
        field: [group.button(side).text() for side in (0, 1)]
        for field, group in dialog.groups.items()
    }
    assert texts["key"] == ["Key event", "Not a key event"]
    assert texts["privileged_note"] == ["(none)", "Found in The Register's article"]
    assert dialog.taken() == {"privileged_note"}  # empty in the older: the other's
    dialog.groups["title"].button(1).click()
    dialog.groups["privileged_note"].button(0).click()
    assert dialog.taken() == {"title"}


def test_both_descriptions_can_be_kept(qtbot, tmp_path: Path) -> None:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        rca = store.events()[5]
        typed = store.add_event(
            Event("RCA report delivered", rca.date, description="Typed from the bundle.")
        )
        dialog = MergeDialog(store, MergePlan.of(rca, typed), (6, 18))
        qtbot.addWidget(dialog)
    assert dialog.groups["title"].button(2) is None  # titles: one or the other
    dialog.groups["description"].button(2).click()
    assert (dialog.taken(), dialog.joined()) == (set(), {"description"})
