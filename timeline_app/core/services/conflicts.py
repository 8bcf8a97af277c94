"""Two edits of one event made apart: what each side changed, and the event that keeps both.

A save is refused when someone else saved the event after the user loaded it (its revision
moved on). Three versions are then at hand: ``base`` (the event as the user loaded it),
``mine`` (base with the user's changes) and ``theirs`` (the event as stored now). :func:`merge`
compares them field by field: a field only they changed keeps theirs, a field only I changed
takes mine, and a field both changed differently is a conflict in which mine is applied (for
the people and the citations, both sides' additions and removals are kept). The merged event is
``theirs`` with my changes on top, under its revision, so that saving it is not refused again.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from timeline_app.core import dates
from timeline_app.core.model import Event, FuzzyDate, Source, SourceLink, Status, saved_id
from timeline_app.core.store import CaseStore

_T = TypeVar("_T")

_VERSION = "versions/"
"""Each party's version is a field of its own: ``versions/Claimant``."""

_LABELS = {
    "date": "Date",
    "end": "End date",
    "title": "Title",
    "description": "Description",
    "category_id": "Category",
    "status": "Status",
    "key": "Key event",
    "party_ids": "People",
    "sources": "Sources",
    "privileged_note": "Privileged note",
    "sequence": "Order among events on the same date",
}
"""The fields compared, in the editor's order (the parties' versions go after ``key``)."""

_LISTS = {"party_ids", "sources"}
"""Fields holding lists, where both sides' additions and removals can be kept together."""

DELETED = (
    "Deleted in another window or by a colleague: there is nothing to merge your changes into."
)
"""What is said when the event was deleted meanwhile."""


def version_field(role: str) -> str:
    """The name of one party's version as a field of its own ("versions/Claimant")."""
    return _VERSION + role


class Outcome(enum.StrEnum):
    """Who changed a field since the user loaded the event, and so which value is kept."""

    THEIRS = "theirs"
    """Only they changed it: theirs is kept."""
    MINE = "mine"
    """Only I changed it: mine is applied."""
    SAME = "same"
    """Both changed it, to the same value."""
    BOTH = "both"
    """Both changed it, differently (a conflict): mine is applied; for lists, both are."""


@dataclass(frozen=True, slots=True)
class Names:
    """How the case names what an event refers to by id: categories, people and documents."""

    categories: Mapping[int, str] = field(default_factory=dict)
    parties: Mapping[int, str] = field(default_factory=dict)
    sources: Mapping[int, Source] = field(default_factory=dict)

    @classmethod
    def of(cls, store: CaseStore) -> Names:
        """The names in ``store`` as it is now."""
        return cls(
            {saved_id(c): c.name for c in store.categories()},
            {saved_id(p): p.name for p in store.parties()},
            {saved_id(s): s for s in store.sources()},
        )


@dataclass(frozen=True, slots=True)
class FieldMerge:
    """One field that someone changed: who did, and their change in words ("" if not theirs)."""

    name: str
    """The field: an attribute of :class:`Event`, or ``versions/<role>``."""
    label: str
    """The field as the editor labels it ("Date", "Claimant's version")."""
    outcome: Outcome
    their_change: str = ""
    """"Date: 8 November 2018 → 9 November 2018 (by alice)", with a note when I changed it too."""


@dataclass(frozen=True, slots=True)
class Merge:
    """Both sides' changes to one event, field by field, and the event that keeps them."""

    event: Event | None
    """``theirs`` with my changes on top, under their revision; None when they deleted it."""
    fields: tuple[FieldMerge, ...] = ()
    """Every field someone changed, in the editor's order."""
    changed_by: str = ""
    """Who saved their version (its ``modified_by``), "" when unknown."""

    @property
    def deleted(self) -> bool:
        """True when they deleted the event: nothing was merged."""
        return self.event is None

    def named(self, outcome: Outcome) -> list[str]:
        """The names of the fields with this outcome."""
        return [f.name for f in self.fields if f.outcome is outcome]

    @property
    def conflicts(self) -> list[str]:
        """The fields both sides changed differently."""
        return self.named(Outcome.BOTH)

    @property
    def their_changes(self) -> list[str]:
        """Their changes in words, one line a field; a deletion says so."""
        if self.event is None:
            return [DELETED]
        return [f.their_change for f in self.fields if f.their_change]


def merge(base: Event, mine: Event, theirs: Event | None, names: Names | None = None) -> Merge:
    """Merge my changes (``base`` → ``mine``) with theirs (``base`` → ``theirs``), field by field.

    :param names: the case's names, to describe categories, people and citations in words.
    :returns: the merged event (None when ``theirs`` is None: they deleted it) and each field
        someone changed, with their change described.
    """
    if theirs is None:
        return Merge(None)
    names = names or Names()
    who = theirs.modified_by
    merged: dict[str, object] = {}
    fields = []
    for name in _field_names(base, mine, theirs):
        old, my_value, their_value = _get(base, name), _get(mine, name), _get(theirs, name)
        outcome = _outcome(old, my_value, their_value)
        if outcome is None:
            continue
        if outcome is Outcome.BOTH and name in _LISTS:
            assert isinstance(old, tuple) and isinstance(my_value, tuple)
            assert isinstance(their_value, tuple)
            merged[name] = _combine(old, my_value, their_value)
        elif outcome is not Outcome.THEIRS:
            merged[name] = my_value
        line = ""
        if outcome is not Outcome.MINE:
            line = _describe(name, old, their_value, names) + (f" (by {who})" if who else "")
            line += _note(name, outcome, my_value, names)
        fields.append(FieldMerge(name, _label(name), outcome, line))
    return Merge(_with(theirs, merged), tuple(fields), who)


def _outcome(old: object, mine: object, theirs: object) -> Outcome | None:
    """Who changed a field from ``old``; None when nobody did."""
    if mine == old:
        return None if theirs == old else Outcome.THEIRS
    if theirs == old:
        return Outcome.MINE
    return Outcome.SAME if mine == theirs else Outcome.BOTH


def _note(name: str, outcome: Outcome, mine: object, names: Names) -> str:
    """What the line about their change adds when I changed the field too."""
    if outcome is Outcome.SAME:
        return " — the same as your change"
    if outcome is Outcome.BOTH and name in _LISTS:
        return " — you changed it too: both sets of changes are kept"
    if outcome is Outcome.BOTH:
        return f" — you changed it too, to {_words(name, mine, names)}: yours is kept"
    return ""


def typed_changes(base: Event, shown: Event, typed: Event) -> Event:
    """``base`` with each field the user changed: where ``typed`` differs from ``shown``.

    The editor tidies what it shows (a title's spaces, a date read again from its words), so a
    field is the user's change only when what they typed differs from what they were shown
    (``shown``: the editor's fields read back as loaded).
    """
    return _with(
        base,
        {
            name: _get(typed, name)
            for name in _field_names(base, shown, typed)
            if _get(typed, name) != _get(shown, name)
        },
    )


# ---------------------------------------------------------------------- fields


def _field_names(*events: Event) -> list[str]:
    """The fields to compare, each party's version included, in the editor's order."""
    roles = dict.fromkeys(role for event in events for role in event.versions)
    names = list(_LABELS)
    at = names.index("key") + 1
    names[at:at] = [version_field(role) for role in roles]
    return names


def _label(name: str) -> str:
    """The field as the editor labels it."""
    if name.startswith(_VERSION):
        return f"{name.removeprefix(_VERSION)}'s version"
    return _LABELS[name]


def _get(event: Event, name: str) -> object:
    """The value of one field ("" for a party's version that is not given)."""
    if name.startswith(_VERSION):
        return event.versions.get(name.removeprefix(_VERSION), "")
    return getattr(event, name)


def _with(event: Event, values: Mapping[str, object]) -> Event:
    """A copy of ``event`` with these fields set (a blank party's version is dropped)."""
    plain: dict[str, Any] = {k: v for k, v in values.items() if not k.startswith(_VERSION)}
    versions = dict(event.versions)
    for name, text in values.items():
        if name.startswith(_VERSION):
            role = name.removeprefix(_VERSION)
            if text:
                versions[role] = str(text)
            else:
                versions.pop(role, None)
    return dataclasses.replace(event, **plain, versions=versions)


def _combine(base: tuple[_T, ...], mine: tuple[_T, ...], theirs: tuple[_T, ...]) -> tuple[_T, ...]:
    """Their list with my removals taken out and my additions put at the end."""
    removed = set(base) - set(mine)
    kept = [item for item in theirs if item not in removed]
    return tuple(kept + [item for item in mine if item not in base and item not in kept])


# ---------------------------------------------------------------------- words


def _describe(name: str, before: object, after: object, names: Names) -> str:
    """A change to one field in words: "Date: 8 November 2018 → 9 November 2018"."""
    label = _label(name)
    if name in _LISTS:
        assert isinstance(before, tuple) and isinstance(after, tuple)
        parts = []
        if added := [_item(x, names) for x in after if x not in before]:
            parts.append(f"added {', '.join(added)}")
        if removed := [_item(x, names) for x in before if x not in after]:
            parts.append(f"removed {', '.join(removed)}")
        return f"{label}: {'; '.join(parts) or 'order changed'}"
    if name == "sequence":
        return f"{label}: changed"
    old, new = _words(name, before, names), _words(name, after, names)
    if old == new and isinstance(before, FuzzyDate) and isinstance(after, FuzzyDate):
        old, new = _quoted(before.text), _quoted(after.text)  # the same date, worded anew
    return f"{label}: {old} → {new}"


def _words(name: str, value: object, names: Names) -> str:
    """One field's value as the notice shows it."""
    if isinstance(value, FuzzyDate):
        return dates.format(value)
    if name == "end":
        return "(none)"  # a FuzzyDate otherwise
    if name == "category_id":
        if value is None:
            return "(none)"
        assert isinstance(value, int)
        return names.categories.get(value, "a deleted category")
    if isinstance(value, Status):
        return value.label
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _quoted(str(value))


def _item(item: object, names: Names) -> str:
    """A person or a citation in words."""
    if isinstance(item, SourceLink):
        source = names.sources.get(item.source_id)
        if source is None:
            return "a deleted document"
        cited = source.cite(item.pinpoint)
        return f"{cited} ({source.title})" if source.bundle_ref else cited
    assert isinstance(item, int)
    return names.parties.get(item, "a deleted person")


def _quoted(text: str, limit: int = 60) -> str:
    """A text in quotes on one line, cut short with "…" past ``limit`` characters."""
    flat = " ".join(text.split())
    if not flat:
        return "(none)"
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"
