"""One undoable command per user action; redo and undo only call the store.

Each command is one transaction in the store. When the store refuses (another copy of the app
changed the same record, the file became read-only…), the command reports the error through
``on_error`` and marks itself obsolete, so the undo stack drops it and nothing half-done stays.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from timeline_app.core.errors import ConflictError, UserError
from timeline_app.core.model import Batch, CaseInfo, Category, Event, Party, Source
from timeline_app.core.progress import Progress
from timeline_app.core.served import ServedVersion
from timeline_app.core.store import CaseStore

ErrorHandler = Callable[[UserError], None]


def short_title(title: str) -> str:
    """A title on one line, cut to 40 characters for menus and the status bar."""
    title = " ".join(title.split())
    return title if len(title) <= 40 else title[:39] + "…"


class StoreCommand(QUndoCommand):
    """Base: runs ``_redo``/``_undo`` and turns a refusal into an obsolete command."""

    def __init__(
        self,
        store: CaseStore,
        text: str,
        on_error: ErrorHandler,
        on_first_error: ErrorHandler | None = None,
    ) -> None:
        super().__init__(text)
        self._store = store
        self._on_error = on_error
        self._on_first_error = on_first_error or on_error
        self._first = True
        self.failed = False

    def redo(self) -> None:
        handler = self._on_first_error if self._first else self._on_error
        self._first = False
        self._run(self._redo, handler)

    def undo(self) -> None:
        self._run(self._undo, self._on_error)

    def _run(self, step: Callable[[], None], on_error: ErrorHandler) -> None:
        try:
            step()
        except UserError as error:
            self.failed = True
            self.setObsolete(True)
            on_error(error)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class AddEventCommand(StoreCommand):
    """Add an event (also used to duplicate one)."""

    def __init__(
        self, store: CaseStore, event: Event, on_error: ErrorHandler, verb: str = "Add"
    ) -> None:
        super().__init__(store, f"{verb} event '{short_title(event.title)}'", on_error)
        self._event = event
        self.event_id: int | None = None

    def _redo(self) -> None:
        # The first time a new id; after an undo, the same id again.
        saved = self._store.add_event(dataclasses.replace(self._event, id=self.event_id))
        self.event_id = saved.id
        self._event = saved

    def _undo(self) -> None:
        assert self.event_id is not None
        # Refused if the event was changed since (in another window): never lose that change.
        self._event = self._store.delete_event(self.event_id, revision=self._event.revision)


def _same(a: Event, b: Event) -> bool:
    """The same content, whatever the revision and timestamps."""

    def content(event: Event) -> Event:
        return dataclasses.replace(
            event, revision=0, created="", modified="", created_by="", modified_by=""
        )

    return content(a) == content(b)


class EditEventCommand(StoreCommand):
    """Change one or more events' fields and links (Save, mark key, re-date …), all or none.

    The first time, each edit must be based on the revision the user saw. Undo and redo then
    check that each event still reads as this command left it, so a change made in another
    window in between is never silently reverted.
    """

    def __init__(
        self,
        store: CaseStore,
        before: Event | Sequence[Event],
        after: Event | Sequence[Event],
        on_error: ErrorHandler,
        *,
        text: str | None = None,
        on_first_error: ErrorHandler | None = None,
    ) -> None:
        befores = [before] if isinstance(before, Event) else list(before)
        afters = [after] if isinstance(after, Event) else list(after)
        super().__init__(
            store, text or f"Edit event '{short_title(befores[0].title)}'", on_error, on_first_error
        )
        self._befores, self._afters = befores, afters
        self._done_before = False

    def _redo(self) -> None:
        revisions = (
            self._current_revisions(self._befores)
            if self._done_before
            else [b.revision for b in self._befores]
        )
        self._store.update_events(
            [
                dataclasses.replace(a, revision=r)
                for a, r in zip(self._afters, revisions, strict=True)
            ]
        )
        self._done_before = True

    def _undo(self) -> None:
        revisions = self._current_revisions(self._afters)
        self._store.update_events(
            [
                dataclasses.replace(b, revision=r)
                for b, r in zip(self._befores, revisions, strict=True)
            ]
        )

    def _current_revisions(self, expected: Sequence[Event]) -> list[int]:
        current = {e.id: e for e in self._store.events_by_id([e.id for e in expected])}  # type: ignore[misc]
        revisions = []
        for event in expected:
            now = current.get(event.id)
            if now is None:
                raise ConflictError(
                    "An event was deleted in another window or by a colleague, "
                    "so that step cannot be undone or redone."
                )
            if not _same(now, event):
                raise ConflictError(
                    f"The event '{now.title}' was changed in another window or "
                    "by a colleague, so that step cannot be undone or redone."
                )
            revisions.append(now.revision)
        return revisions


class DeleteEventsCommand(StoreCommand):
    """Delete one or more events; undo puts them back under their own ids."""

    def __init__(self, store: CaseStore, events: Sequence[Event], on_error: ErrorHandler) -> None:
        text = (
            f"Delete event '{short_title(events[0].title)}'"
            if len(events) == 1
            else f"Delete {len(events)} events"
        )
        super().__init__(store, text, on_error)
        self._events = list(events)

    def _redo(self) -> None:
        self._events = self._store.delete_events(
            [e.id for e in self._events if e.id is not None],
            revisions={e.id: e.revision for e in self._events if e.id is not None},
        )

    def _undo(self) -> None:
        self._events = self._store.add_events(self._events)


class MergeEventsCommand(StoreCommand):
    """Merge two events into the one kept; undo brings both back as they were, ids and all.

    ``merged`` is the kept event with the fields chosen (and both events' links), at the
    revision the user saw; ``other`` is the event merged into it, deleted by the merge.
    """

    def __init__(
        self, store: CaseStore, merged: Event, other: Event, on_error: ErrorHandler
    ) -> None:
        super().__init__(store, f"Merge events into '{short_title(merged.title)}'", on_error)
        self._merged, self._other = merged, other
        self._stored: Event | None = None
        self._kept: Event | None = None

    def _redo(self) -> None:
        self._stored, self._kept, self._other = self._store.merge_events(self._merged, self._other)

    def _undo(self) -> None:
        assert self._stored is not None and self._kept is not None
        kept, self._other = self._store.unmerge_events(self._stored, self._kept, self._other)
        self._merged = dataclasses.replace(self._merged, revision=kept.revision)


class ReorderEventsCommand(StoreCommand):
    """Change the manual order of events that share a date."""

    def __init__(
        self,
        store: CaseStore,
        before: dict[int, int],
        after: dict[int, int],
        on_error: ErrorHandler,
    ) -> None:
        super().__init__(store, "Reorder events", on_error)
        self._before, self._after = before, after

    def _redo(self) -> None:
        self._store.set_sequences(self._after)

    def _undo(self) -> None:
        self._store.set_sequences(self._before)


class ImportCommand(StoreCommand):
    """Add an import's events and new records; undo takes all of them out again.

    ``progress`` is told how the first saving goes, and may cancel it (a CancelledError, to
    ``on_first_error``); a redo after an undo goes without it.
    """

    def __init__(
        self,
        store: CaseStore,
        batch: Batch,
        name: str,
        on_error: ErrorHandler,
        *,
        on_first_error: ErrorHandler | None = None,
        progress: Progress | None = None,
    ) -> None:
        count = len(batch.events)
        super().__init__(
            store,
            f"Import {count:,} event{'s' * (count != 1)} from {name}",
            on_error,
            on_first_error,
        )
        self._batch = batch
        self._saved: Batch | None = None
        self._progress = progress

    def _redo(self) -> None:
        progress, self._progress = self._progress, None
        saved = self._store.add_batch(self._batch, progress)
        # Again after an undo: the same ids, and the case details it brought, if any.
        self._batch = dataclasses.replace(saved, case_info=self._batch.case_info)
        self._saved = saved

    def _undo(self) -> None:
        assert self._saved is not None
        self._store.remove_batch(self._saved)


class EditCaseInfoCommand(StoreCommand):
    """Change the case properties."""

    def __init__(
        self, store: CaseStore, before: CaseInfo, after: CaseInfo, on_error: ErrorHandler
    ) -> None:
        super().__init__(store, "Edit case properties", on_error)
        self._before, self._after = before, after

    def _redo(self) -> None:
        self._check(self._before)
        self._store.update_case_info(self._after)

    def _undo(self) -> None:
        self._check(self._after)
        self._store.update_case_info(self._before)

    def _check(self, expected: CaseInfo) -> None:
        """Refuse to write over a change made elsewhere since (times of change aside)."""
        current = dataclasses.replace(self._store.case_info(), created="", modified="")
        if current != dataclasses.replace(expected, created="", modified=""):
            raise ConflictError(
                "The case properties were changed in another window or by a "
                "colleague, so that step cannot be undone or redone."
            )


Record = Party | Source | Category
_NOUN = {Party: "person", Source: "document", Category: "category"}


def _name(record: Record) -> str:
    return short_title(record.title if isinstance(record, Source) else record.name)


class AddRecordCommand(StoreCommand):
    """Add a member of the cast, a document or a category."""

    def __init__(self, store: CaseStore, record: Record, on_error: ErrorHandler) -> None:
        super().__init__(store, f"Add {_NOUN[type(record)]} '{_name(record)}'", on_error)
        self._record = record
        self.record_id: int | None = None

    def _redo(self) -> None:
        if self.record_id is None:
            adder = {
                Party: self._store.add_party,
                Source: self._store.add_source,
                Category: self._store.add_category,
            }[type(self._record)]
            self._record = adder(self._record)
            self.record_id = self._record.id
        else:
            _RESTORERS[type(self._record)](self._store, self._record, [])

    def _undo(self) -> None:
        assert self.record_id is not None
        _DELETERS[type(self._record)](self._store, self.record_id)


class EditRecordCommand(StoreCommand):
    """Change a member of the cast, a document or a category."""

    def __init__(
        self, store: CaseStore, before: Record, after: Record, on_error: ErrorHandler
    ) -> None:
        super().__init__(store, f"Edit {_NOUN[type(before)]} '{_name(before)}'", on_error)
        self._before, self._after = before, after

    def _redo(self) -> None:
        _UPDATERS[type(self._after)](self._store, self._after)

    def _undo(self) -> None:
        _UPDATERS[type(self._before)](self._store, self._before)


class DeleteRecordCommand(StoreCommand):
    """Delete a member of the cast, a document or a category; undo relinks it."""

    def __init__(self, store: CaseStore, record: Record, on_error: ErrorHandler) -> None:
        super().__init__(store, f"Delete {_NOUN[type(record)]} '{_name(record)}'", on_error)
        self._record = record
        self._links: list = []

    def _redo(self) -> None:
        assert self._record.id is not None
        self._record, self._links = _DELETERS[type(self._record)](self._store, self._record.id)

    def _undo(self) -> None:
        _RESTORERS[type(self._record)](self._store, self._record, self._links)


_UPDATERS = {
    Party: CaseStore.update_party,
    Source: CaseStore.update_source,
    Category: CaseStore.update_category,
}
_DELETERS = {
    Party: CaseStore.delete_party,
    Source: CaseStore.delete_source,
    Category: CaseStore.delete_category,
}
_RESTORERS = {
    Party: CaseStore.restore_party,
    Source: CaseStore.restore_source,
    Category: CaseStore.restore_category,
}


class MarkServedCommand(StoreCommand):
    """Keep the chronology just exported as a served version."""

    def __init__(self, store: CaseStore, version: ServedVersion, on_error: ErrorHandler) -> None:
        super().__init__(store, f"Mark as served '{short_title(version.label)}'", on_error)
        self.version = version

    def _redo(self) -> None:
        # The first time a new id; after an undo, the same id again.
        self.version = self._store.add_served_version(self.version)

    def _undo(self) -> None:
        self._store.delete_served_version(self.version)


class MoveDocumentsCommand(StoreCommand):
    """Move documents to their places in a re-paginated bundle; undone, they move back."""

    def __init__(
        self,
        store: CaseStore,
        before: Sequence[Source],
        after: Sequence[Source],
        on_error: ErrorHandler,
    ) -> None:
        count = len(after)
        super().__init__(
            store, f"Re-paginate {count} {'document' if count == 1 else 'documents'}", on_error
        )
        self._before, self._after = list(before), list(after)

    def _redo(self) -> None:
        self._store.update_sources(self._after)

    def _undo(self) -> None:
        self._store.update_sources(self._before)
