"""Every undo command on a real QUndoStack over a real case file, without a window or widget.

Each command is pushed (the case changes as the action says), undone (the case is back as it
was, field for field, links and search index included), redone (as after the push) and undone
again. The error path: a command the store refuses reports through its callback, changes
nothing, and leaves no step on the stack that could half-undo something.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoCommand, QUndoStack

from timeline_app.core.dates import parse
from timeline_app.core.errors import ConflictError, UserError
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.model import (
    Batch,
    CaseParty,
    Category,
    Event,
    Party,
    Source,
    SourceLink,
    Status,
)
from timeline_app.core.services.merging import MergePlan
from timeline_app.core.services.served import served_now
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.ui import commands
from timeline_app.ui.commands import (
    AddEventCommand,
    AddRecordCommand,
    DeleteEventsCommand,
    DeleteRecordCommand,
    EditCaseInfoCommand,
    EditEventCommand,
    EditRecordCommand,
    ImportCommand,
    MarkServedCommand,
    MergeEventsCommand,
    MoveDocumentsCommand,
    ReorderEventsCommand,
)

REF = dt.date(2020, 2, 14)
SEARCHED = ("outage", "sopra", "interserve", "report", "b/12", "witness", "imported")
"""Words whose search results must also come back: the index follows every undo."""


def day(text: str):
    return parse(text, ref_date=REF)


@pytest.fixture
def case(store: CaseStore) -> CaseStore:
    """A small case: two categories, two people, two documents, four linked events (two of
    them sharing a date, in a manual order)."""
    outage = store.add_category(Category("Outage", "#c62828"))
    store.add_category(Category("Report", "#1565c0"))
    sopra = store.add_party(Party("Sopra Steria", role="Defendant"))
    interserve = store.add_party(Party("Interserve", role="Claimant"))
    rca = store.add_source(Source("Root cause report", bundle_ref="B/12", first_page=340))
    store.add_source(Source("Witness statement of Ann Smith", bundle_ref="C/1", first_page=1))
    store.add_events(
        [
            Event(
                "SharePoint outage",
                date=day("12 September 2018"),
                category_id=outage.id,
                party_ids=(interserve.id, sopra.id),
                sources=(SourceLink(rca.id, "6"),),
                status=Status.DISPUTED,
                versions={"claimant": "A week long", "defendant": "Two days"},
            ),
            Event("Report sent", date=day("8 November 2018"), party_ids=(sopra.id,), sequence=0),
            Event("Report read", date=day("8 November 2018"), key=True, sequence=1),
            Event("Undated note", description="No date in the file", privileged_note="ours"),
        ]
    )
    store.update_case_info(
        dataclasses.replace(
            store.case_info(),
            claim_number="HT-2019-000123",
            parties=[CaseParty("Interserve", "Claimant"), CaseParty("Sopra Steria", "Defendant")],
        )
    )
    return store


def content(event: Event) -> Event:
    """An event as the user sees it: every field and link, not its revision or edit stamps."""
    return dataclasses.replace(event, revision=0, modified="", modified_by="")


def snapshot(store: CaseStore) -> dict[str, object]:
    """Everything a command could change, in the form undo must restore exactly."""
    return {
        "events": [content(e) for e in store.events()],
        "parties": store.parties(),
        "sources": store.sources(),
        "categories": store.categories(),
        "case": dataclasses.replace(store.case_info(), modified=""),
        "served": store.whole_served_versions(),
        "found": {w: sorted(store.event_ids(EventFilter(text=w))) for w in SEARCHED},
    }


def event_titled(store: CaseStore, title: str) -> Event:
    return next(e for e in store.events() if e.title == title)


def record_named(records: list, name: str):
    return next(r for r in records if (r.title if isinstance(r, Source) else r.name) == name)


@pytest.fixture
def stack(qapp) -> Iterator[QUndoStack]:
    undo_stack = QUndoStack()
    yield undo_stack
    undo_stack.clear()


@pytest.fixture
def errors() -> list[UserError]:
    return []


# Each case: a command made over the case, and what must hold once it is done.
Made = tuple[QUndoCommand, Callable[[CaseStore], None]]


def add_event(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    outage = record_named(store.categories(), "Outage")
    command = AddEventCommand(
        store,
        Event("Second outage", date=day("c. March 2019"), category_id=outage.id),
        report,
    )

    def check(after: CaseStore) -> None:
        added = after.get_event(command.event_id)
        assert (added.title, added.date.text, added.category_id) == (
            "Second outage",
            "c. March 2019",
            outage.id,
        )
        assert command.text() == "Add event 'Second outage'"

    return command, check


def duplicate_event(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    original = event_titled(store, "SharePoint outage")
    copy = dataclasses.replace(original, id=None, title="SharePoint outage (copy)")
    command = AddEventCommand(store, copy, report, verb="Duplicate")

    def check(after: CaseStore) -> None:
        added = after.get_event(command.event_id)
        assert content(added) == content(
            dataclasses.replace(
                original, id=added.id, title=added.title, created=added.created, sequence=0
            )
        )
        assert command.text() == "Duplicate event 'SharePoint outage (copy)'"

    return command, check


def edit_event(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    before = event_titled(store, "SharePoint outage")
    witness = record_named(store.sources(), "Witness statement of Ann Smith")
    after = dataclasses.replace(
        before,
        title="SharePoint outage of a week",
        date=day("between 10 and 17 September 2018"),
        party_ids=before.party_ids[::-1],
        sources=(*before.sources, SourceLink(witness.id, "12")),
        status=Status.AGREED,
        versions={},
    )
    command = EditEventCommand(store, before, after, report)

    def check(done: CaseStore) -> None:
        assert content(done.get_event(before.id)) == content(
            dataclasses.replace(after, created=before.created)
        )
        assert command.text() == "Edit event 'SharePoint outage'"

    return command, check


def mark_events_key(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    changing = [e for e in store.events() if not e.key]
    command = EditEventCommand(
        store,
        changing,
        [dataclasses.replace(e, key=True) for e in changing],
        report,
        text="Mark as key event",
    )

    def check(done: CaseStore) -> None:
        assert all(e.key for e in done.events())
        assert command.text() == "Mark as key event"

    return command, check


def delete_events(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    going = [event_titled(store, "SharePoint outage"), event_titled(store, "Undated note")]
    command = DeleteEventsCommand(store, going, report)

    def check(done: CaseStore) -> None:
        assert [done.get_event(e.id) for e in going] == [None, None]
        assert done.count_events() == 2
        assert command.text() == "Delete 2 events"

    return command, check


def reorder_events(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    sent, read = event_titled(store, "Report sent"), event_titled(store, "Report read")
    command = ReorderEventsCommand(
        store, {sent.id: 0, read.id: 1}, {read.id: 0, sent.id: 1}, report
    )

    def check(done: CaseStore) -> None:
        titles = [e.title for e in done.events_sharing_date(sent.id)]
        assert titles == ["Report read", "Report sent"]

    return command, check


def merge_events(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    sent, read = event_titled(store, "Report sent"), event_titled(store, "Report read")
    plan = MergePlan.of(read, sent)
    command = MergeEventsCommand(store, plan.merged(), plan.other, report)

    def check(done: CaseStore) -> None:
        assert done.get_event(read.id) is None
        merged = done.get_event(sent.id)
        assert (merged.title, merged.key, merged.party_ids) == ("Report sent", True, sent.party_ids)
        assert command.text() == "Merge events into 'Report sent'"

    return command, check


def import_batch(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    sopra = record_named(store.parties(), "Sopra Steria")
    batch = Batch(
        events=[
            Event(
                "Imported penalty notice",
                date=day("October 2018"),
                category_id=-1,
                party_ids=(-1, sopra.id),
                sources=(SourceLink(-1, "3"),),
            ),
            Event("Imported claim filed", date=day("October 2019"), category_id=-1),
        ],
        categories=[Category("Penalty", "#6a1b9a", id=-1)],
        parties=[Party("Capita", id=-1)],
        sources=[Source("Penalty notice", bundle_ref="D/1", first_page=1, id=-1)],
        case_info=dataclasses.replace(store.case_info(), title="Imported title"),
    )
    command = ImportCommand(store, batch, "team.xlsx", report)

    def check(done: CaseStore) -> None:
        penalty = event_titled(done, "Imported penalty notice")
        category = record_named(done.categories(), "Penalty")
        capita = record_named(done.parties(), "Capita")
        notice = record_named(done.sources(), "Penalty notice")
        assert penalty.category_id == category.id
        assert penalty.party_ids == (capita.id, sopra.id)
        assert penalty.sources == (SourceLink(notice.id, "3"),)
        assert done.case_info().title == "Imported title"
        assert command.text() == "Import 2 events from team.xlsx"

    return command, check


def edit_case_info(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    before = store.case_info()
    after = dataclasses.replace(
        before,
        title="Interserve v Sopra Steria",
        court_lines=["IN THE HIGH COURT OF JUSTICE", "TECHNOLOGY AND CONSTRUCTION COURT"],
        reference_date=dt.date(2019, 10, 1),
    )
    command = EditCaseInfoCommand(store, before, after, report)

    def check(done: CaseStore) -> None:
        assert dataclasses.replace(done.case_info(), modified="") == dataclasses.replace(
            after, modified=""
        )

    return command, check


RECORDS = {
    Party: (Party("Ann Smith", role="Witness", organisation="Interserve"), "Sopra Steria"),
    Source: (Source("Penalty notice", bundle_ref="D/1", first_page=1), "Root cause report"),
    Category: (Category("Witness evidence", "#2e7d32"), "Outage"),
}
"""Per kind of record: one to add, and the name of the one in the case that events use."""


def records_of(store: CaseStore, kind: type) -> list:
    return {Party: store.parties, Source: store.sources, Category: store.categories}[kind]()


def add_record(kind: type) -> Callable[[CaseStore, Callable[[UserError], None]], Made]:
    def make(store: CaseStore, report: Callable[[UserError], None]) -> Made:
        new = RECORDS[kind][0]
        command = AddRecordCommand(store, new, report)

        def check(done: CaseStore) -> None:
            added = next(r for r in records_of(done, kind) if r.id == command.record_id)
            assert added == dataclasses.replace(new, id=command.record_id)

        return command, check

    return make


def edit_record(kind: type) -> Callable[[CaseStore, Callable[[UserError], None]], Made]:
    def make(store: CaseStore, report: Callable[[UserError], None]) -> Made:
        before = record_named(records_of(store, kind), RECORDS[kind][1])
        field = "title" if kind is Source else "name"
        after = dataclasses.replace(before, **{field: "Renamed " + getattr(before, field)})
        command = EditRecordCommand(store, before, after, report)

        def check(done: CaseStore) -> None:
            assert next(r for r in records_of(done, kind) if r.id == before.id) == after

        return command, check

    return make


def delete_record(kind: type) -> Callable[[CaseStore, Callable[[UserError], None]], Made]:
    def make(store: CaseStore, report: Callable[[UserError], None]) -> Made:
        going = record_named(records_of(store, kind), RECORDS[kind][1])
        command = DeleteRecordCommand(store, going, report)

        def check(done: CaseStore) -> None:
            assert going.id not in {r.id for r in records_of(done, kind)}
            outage = event_titled(done, "SharePoint outage")  # it used all three
            used = {
                Party: outage.party_ids,
                Source: [s.source_id for s in outage.sources],
                Category: [outage.category_id],
            }[kind]
            assert going.id not in used

        return command, check

    return make


def mark_served(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    version = served_now(store, "Served 3 March 2025", ExportOptions())
    command = MarkServedCommand(store, version, report)

    def check(done: CaseStore) -> None:
        kept = done.served_version("served 3 march 2025")
        assert kept is not None and kept.rows == version.rows and len(kept.rows) == 4

    return command, check


def move_documents(store: CaseStore, report: Callable[[UserError], None]) -> Made:
    before = store.sources()
    after = [
        dataclasses.replace(s, bundle_ref=f"Z/{n}", first_page=n * 10)
        for n, s in enumerate(before, start=1)
    ]
    command = MoveDocumentsCommand(store, before, after, report)

    def check(done: CaseStore) -> None:
        assert done.sources() == after

    return command, check


MAKERS = {
    "add event": add_event,
    "duplicate event": duplicate_event,
    "edit event": edit_event,
    "mark several events key": mark_events_key,
    "delete events": delete_events,
    "reorder events": reorder_events,
    "merge events": merge_events,
    "import": import_batch,
    "edit case properties": edit_case_info,
    "mark as served": mark_served,
    "move documents": move_documents,
    **{f"add {kind.__name__}": add_record(kind) for kind in RECORDS},
    **{f"edit {kind.__name__}": edit_record(kind) for kind in RECORDS},
    **{f"delete {kind.__name__}": delete_record(kind) for kind in RECORDS},
}


def test_every_command_class_has_a_case_here(case: CaseStore, qapp) -> None:
    classes = {
        value
        for value in vars(commands).values()
        if isinstance(value, type)
        and issubclass(value, commands.StoreCommand)
        and value is not commands.StoreCommand
    }
    made = {type(make(case, pytest.fail)[0]) for make in MAKERS.values()}
    assert len(classes) == 12 and made == classes  # a new command needs its case in MAKERS


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
def test_a_command_changes_the_case_undo_restores_it_exactly_and_redo_repeats_it(
    make, case: CaseStore, stack: QUndoStack, errors: list[UserError]
) -> None:
    before = snapshot(case)
    command, check = make(case, errors.append)
    stack.push(command)
    check(case)
    done = snapshot(case)
    assert done != before
    assert (stack.count(), stack.canUndo(), stack.undoText()) == (1, True, command.text())

    stack.undo()
    assert snapshot(case) == before
    assert (stack.canUndo(), stack.canRedo()) == (False, True)

    stack.redo()
    check(case)
    assert snapshot(case) == done  # the same records under the same ids

    stack.undo()
    assert snapshot(case) == before
    assert errors == [] and not command.failed


# ---------------------------------------------------------------- refusals


def other_copy(store: CaseStore) -> CaseStore:
    """The same file opened again, as another window or a colleague would."""
    return CaseStore.open(store.path)


def test_editing_an_event_deleted_meanwhile_is_reported_and_leaves_no_step(
    case: CaseStore, stack: QUndoStack, errors: list[UserError]
) -> None:
    before = event_titled(case, "SharePoint outage")
    with other_copy(case) as other:
        other.delete_event(before.id)
    unchanged = snapshot(case)
    first_errors: list[UserError] = []
    command = EditEventCommand(
        case,
        before,
        dataclasses.replace(before, title="Too late"),
        errors.append,
        on_first_error=first_errors.append,
    )
    stack.push(command)  # refused: the stack deletes the obsolete command at once
    assert command.failed
    assert [type(e) for e in first_errors] == [ConflictError] and errors == []
    assert "deleted in another window" in str(first_errors[0])
    assert snapshot(case) == unchanged
    assert (stack.count(), stack.canUndo(), stack.canRedo()) == (0, False, False)


def test_an_undo_refused_because_of_a_later_change_drops_the_step_and_keeps_the_change(
    case: CaseStore, stack: QUndoStack, errors: list[UserError]
) -> None:
    command, _ = add_event(case, errors.append)
    stack.push(command)
    stack.push(AddEventCommand(case, Event("A later step"), errors.append))
    with other_copy(case) as other:  # a colleague edits the event just added
        theirs = other.get_event(command.event_id)
        other.update_event(dataclasses.replace(theirs, description="Their addition"))
    stack.undo()  # the later step: fine
    stack.undo()  # would delete their change: refused
    assert command.failed
    assert [type(e) for e in errors] == [ConflictError]
    assert "changed in another window" in str(errors[0])
    assert case.get_event(command.event_id).description == "Their addition"
    # Only the later step is left, to redo; nothing points at the refused one.
    assert (stack.count(), stack.index(), stack.canUndo(), stack.canRedo()) == (1, 0, False, True)
    stack.redo()
    assert "A later step" in [e.title for e in case.events()]


def test_a_redo_refused_because_the_record_came_back_elsewhere_is_reported(
    case: CaseStore, stack: QUndoStack, errors: list[UserError]
) -> None:
    going = event_titled(case, "Undated note")
    stack.push(DeleteEventsCommand(case, [going], errors.append))
    stack.undo()  # the note is back
    with other_copy(case) as other:
        other.delete_event(going.id)  # and deleted by a colleague
    unchanged = snapshot(case)
    stack.redo()
    assert [type(e) for e in errors] == [ConflictError]
    assert "already been deleted" in str(errors[0])
    assert snapshot(case) == unchanged
    assert (stack.count(), stack.canUndo(), stack.canRedo()) == (0, False, False)


def test_undoing_an_edit_never_reverts_a_colleagues_later_edit(
    case: CaseStore, stack: QUndoStack, errors: list[UserError]
) -> None:
    command, _ = edit_event(case, errors.append)
    stack.push(command)
    event_id = event_titled(case, "SharePoint outage of a week").id
    with other_copy(case) as other:
        theirs = other.get_event(event_id)
        other.update_event(dataclasses.replace(theirs, description="Their note"))
    stack.undo()
    assert "cannot be undone or redone" in str(errors[-1])
    stored = case.get_event(event_id)
    assert (stored.title, stored.description) == ("SharePoint outage of a week", "Their note")
    assert stack.count() == 0


def test_merging_an_event_changed_meanwhile_is_refused_and_leaves_no_step(
    case: CaseStore, stack: QUndoStack, errors: list[UserError]
) -> None:
    command, _ = merge_events(case, errors.append)
    with other_copy(case) as other:
        theirs = event_titled(other, "Report read")
        other.update_event(dataclasses.replace(theirs, description="Their note"))
    unchanged = snapshot(case)
    stack.push(command)
    assert command.failed and [type(e) for e in errors] == [ConflictError]
    assert str(errors[0]) == (
        "The event 'Report read' was changed in another window or by a colleague after you "
        "chose to merge it, so the events were not merged."
    )
    assert snapshot(case) == unchanged and stack.count() == 0


def test_undoing_a_merge_after_the_merged_event_was_edited_is_refused(
    case: CaseStore, stack: QUndoStack, errors: list[UserError]
) -> None:
    command, _ = merge_events(case, errors.append)
    stack.push(command)
    merged = event_titled(case, "Report sent")
    case.update_event(dataclasses.replace(merged, description="Edited since"))
    edited = snapshot(case)
    stack.undo()
    assert "so the merge cannot be undone" in str(errors[-1]) and command.failed
    assert snapshot(case) == edited and stack.count() == 0


def test_undoing_an_import_after_its_event_was_edited_is_refused_whole(
    case: CaseStore, stack: QUndoStack, errors: list[UserError]
) -> None:
    command, _ = import_batch(case, errors.append)
    stack.push(command)
    penalty = event_titled(case, "Imported penalty notice")
    case.update_event(dataclasses.replace(penalty, key=True))  # edited outside the stack
    edited = snapshot(case)
    stack.undo()
    assert "cannot be undone" in str(errors[-1]) and command.failed
    assert snapshot(case) == edited  # nothing was removed, not even the new records
    assert stack.count() == 0


def test_a_refused_command_in_a_read_only_case_is_reported_in_words(
    case: CaseStore, case_path: Path, stack: QUndoStack, errors: list[UserError], make_read_only
) -> None:
    case.close()
    make_read_only(case_path)
    with CaseStore.open(case_path) as read_only:
        unchanged = snapshot(read_only)
        command = AddEventCommand(read_only, Event("Not written"), errors.append)
        stack.push(command)
        assert command.failed and len(errors) == 1 and isinstance(errors[0], UserError)
        assert snapshot(read_only) == unchanged
        assert stack.count() == 0
