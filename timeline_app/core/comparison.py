"""Two chronologies compared: each event of either side in one item, and what differs.

The matching is done by ``core.services.compare``; these are the records it fills, which the
exports of a comparison (``core.exporting.comparison``) and the window read.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from timeline_app.core.model import CaseInfo, Event, Source

FIELDS = ("date", "title", "description", "parties", "references")
"""What can differ between two versions of one event, in the order the JSON lists them."""


@dataclass(frozen=True)
class Entry:
    """One event of one side, as compared: its number there and what it says."""

    number: int
    event: Event
    date: str
    """The date (and a span's end) in court style."""
    parties: tuple[str, ...]
    references: tuple[str, ...]
    words: frozenset[str]
    """The words of its title and description, for matching."""
    title_words: tuple[str, ...] = ()
    """Its title's words in order, for matching."""

    @property
    def title(self) -> str:
        """The event's title."""
        return self.event.title

    def brief(self) -> dict[str, Any]:
        """Number and title, as the JSON gives each side of an item."""
        return {"number": self.number, "title": self.event.title}

    def in_words(self) -> str:
        """The event as this side tells it: date, title, description."""
        text = f"{self.date}: {self.event.title}"
        description = self.event.description.strip()
        return f"{text}. {description}" if description else text


@dataclass
class Chronology:
    """One side: its name (the file's) and its events in court order."""

    name: str
    entries: list[Entry]
    info: CaseInfo = field(default_factory=CaseInfo)
    holds: frozenset[str] = frozenset(FIELDS)
    documents: dict[int, Source] = field(default_factory=dict)
    """The side's documents by id, which its events cite."""
    """What it can say: a Word table with no Parties column says nothing of the parties."""


class Kind(enum.StrEnum):
    """Where an item of the comparison belongs."""

    AGREED = "agreed"
    DIFFER = "differ"
    ONLY_OURS = "only_ours"
    ONLY_THEIRS = "only_theirs"


@dataclass(frozen=True)
class Item:
    """One event of either side, or one matched on both, and what differs between them."""

    kind: Kind
    ours: Entry | None
    theirs: Entry | None
    fields: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The item as the JSON contract has it."""
        item: dict[str, Any] = {
            "ours": self.ours.brief() if self.ours else None,
            "theirs": self.theirs.brief() if self.theirs else None,
        }
        if self.kind is Kind.DIFFER:
            item["fields"] = list(self.fields)
        return item

    @property
    def date(self) -> str:
        """The date to list the item under (ours when both have it)."""
        return (self.ours or self.theirs).date  # type: ignore[union-attr]


@dataclass
class Comparison:
    """Every event of both sides, each in one item, in the order of the chronology."""

    ours: Chronology
    theirs: Chronology
    items: list[Item]

    def of(self, kind: Kind) -> list[Item]:
        """The items of one kind, in order."""
        return [item for item in self.items if item.kind is kind]

    def to_json(self) -> dict[str, list[dict[str, Any]]]:
        """``agreed``, ``differ``, ``only_ours`` and ``only_theirs``, each a list of items."""
        return {kind.value: [item.to_json() for item in self.of(kind)] for kind in Kind}

    def summary(self) -> str:
        """One line: how many of each."""
        counts = {kind: len(self.of(kind)) for kind in Kind}
        return (
            f"{self.ours.name} ({len(self.ours.entries):,} events) and {self.theirs.name} "
            f"({len(self.theirs.entries):,} events): {counts[Kind.AGREED]:,} agree, "
            f"{counts[Kind.DIFFER]:,} differ, {counts[Kind.ONLY_OURS]:,} only in ours, "
            f"{counts[Kind.ONLY_THEIRS]:,} only in theirs."
        )
