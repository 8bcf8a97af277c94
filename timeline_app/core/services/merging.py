"""Merging two events that are the same: which one is kept, which fields win, links united.

The window's Merge events asks the user which value to keep for each field that differs;
:class:`MergePlan` says which fields those are and what to propose, and makes the merged event.
The store then writes it over the kept event and deletes the other, in one transaction
(:meth:`~timeline_app.core.store.CaseStore.merge_events`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from timeline_app.core.model import Event, FuzzyDate

CHOSEN = (
    "title",
    "date",
    "end",
    "description",
    "category_id",
    "status",
    "key",
    "versions",
    "privileged_note",
)
"""The fields of which one event's value is kept, in the order they are offered."""

JOINABLE = ("description", "privileged_note")
"""The fields whose two texts may both be kept, the kept event's first."""

UNITED = ("party_ids", "sources")
"""The links the merged event takes from both: the people involved and the references."""


@dataclass(frozen=True)
class MergePlan:
    """Two events to merge: the one kept (the older), the other, and what differs."""

    kept: Event
    """Its id (and number) stays; it is the older of the two."""
    other: Event
    """Deleted by the merge, its fields and links taken as chosen."""

    @classmethod
    def of(cls, first: Event, second: Event) -> MergePlan:
        """The plan for merging two saved events: the older one (created first) is kept.

        :raises ValueError: they are one event, or one is not saved.
        """
        if first.id is None or second.id is None or first.id == second.id:
            raise ValueError("merging needs two different saved events")
        kept, other = sorted((first, second), key=lambda e: (e.created, e.id))
        return cls(kept, other)

    @property
    def differing(self) -> list[str]:
        """The fields of :data:`CHOSEN` whose values differ, and so must be chosen."""
        return [f for f in CHOSEN if getattr(self.kept, f) != getattr(self.other, f)]

    def proposed(self) -> set[str]:
        """The fields proposed from the other event: those the kept one leaves empty."""
        return {f for f in self.differing if _empty(getattr(self.kept, f))}

    def merged(self, taken: Collection[str] | None = None, joined: Collection[str] = ()) -> Event:
        """The kept event with the ``taken`` fields (default: :meth:`proposed`) from the other.

        A ``joined`` field keeps both texts, the kept event's first, a blank line between.
        The people and references of both are kept, the kept event's first, each once. The
        merged event keeps the kept event's id, revision and stamps: the store checks that
        neither event changed since they were read.

        :raises ValueError: a field taken is not one of :data:`CHOSEN`, or a field joined not
            one of :data:`JOINABLE`.
        """
        taken = self.proposed() if taken is None else set(taken)
        unknown = (taken - set(CHOSEN)) | (set(joined) - set(JOINABLE))
        if unknown:
            raise ValueError(f"not a field to choose: {', '.join(sorted(unknown))}")
        kept, other = self.kept, self.other
        values: dict[str, Any] = {f: getattr(other, f) for f in taken}
        values.update(
            (f, "\n\n".join(t for t in (getattr(kept, f), getattr(other, f)) if t.strip()))
            for f in joined
        )
        return dataclasses.replace(
            kept,
            **values,
            party_ids=tuple(dict.fromkeys(kept.party_ids + other.party_ids)),
            sources=tuple(dict.fromkeys(kept.sources + other.sources)),
        )


def _empty(value: object) -> bool:
    """No value worth keeping: no text, no date, no category, not key, no versions."""
    if isinstance(value, FuzzyDate):
        return value.is_undated
    if isinstance(value, str):
        return not value.strip()
    return not value
