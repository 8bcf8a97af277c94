"""Served versions: the chronology as it was served, and what changed in it since.

A served version keeps the rows exactly as the other side received them (numbers, dates,
wording, references), so that a later export can show what was added, removed, re-dated and
changed since. Rows are matched by event id: a row that only moved, or was renumbered because
others came before it, has not changed.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from timeline_app.core.chronology import ChronologyRow
from timeline_app.core.errors import UserError
from timeline_app.core.model import Status

LABEL_LIMIT = 200
"""The longest label a served version may carry, in characters."""


def check_label(label: str) -> str:
    """``label`` as a served version's label, trimmed.

    :raises UserError: it is empty, longer than :data:`LABEL_LIMIT`, or holds control
        characters (a line break pasted in).
    """
    label = label.strip()
    if not label:
        raise UserError('Give the served version a label, such as "Served 3 March 2025".')
    if len(label) > LABEL_LIMIT:
        raise UserError(
            f"A served version's label is at most {LABEL_LIMIT} characters; this one has "
            f"{len(label):,}."
        )
    if not label.isprintable():
        raise UserError(
            "A served version's label must be one line of text, without tabs, line breaks or "
            "other control characters."
        )
    return label


@dataclass(frozen=True)
class ServedVersion:
    """The chronology as served once: its label, when, by whom, and its rows."""

    label: str
    served_at: str
    """When it was served, in UTC (ISO, to the second)."""
    served_by: str
    events: int
    rows: tuple[ChronologyRow, ...] = ()
    """Its rows; empty in a list of versions, which reads only their labels."""
    id: int | None = None

    @property
    def day(self) -> str:
        """The day it was served (ISO)."""
        return self.served_at[:10]


_TEXT_FIELDS = ("date", "end", "title", "description", "category", "earliest", "latest")


def as_served(row: ChronologyRow) -> ChronologyRow:
    """``row`` as a served version keeps it: no privileged note, references linked nowhere."""
    return dataclasses.replace(row, privileged_note="", bundle_pages=(None,) * len(row.references))


def rows_to_json(rows: Sequence[ChronologyRow]) -> str:
    """Rows as the text a served version keeps (privileged notes never: they are not served)."""
    return json.dumps(
        [
            {
                "number": row.number,
                "event_id": row.event_id,
                **{name: getattr(row, name) for name in _TEXT_FIELDS},
                "parties": list(row.parties),
                "references": list(row.references),
                "status": str(row.status),
                "key": row.key,
                "versions": row.versions,
                "undated": row.undated,
            }
            for row in rows
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def rows_from_json(text: str) -> tuple[ChronologyRow, ...]:
    """The rows a served version keeps; every value checked.

    :raises ValueError: the text is not rows as :func:`rows_to_json` writes them; its message
        says what is wrong, in words.
    """
    try:
        items = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValueError(f"its rows are not readable JSON ({error})") from error
    if not isinstance(items, list):
        raise ValueError("its rows are not a list")
    return tuple(_row(item, place) for place, item in enumerate(items, start=1))


def _row(item: Any, place: int) -> ChronologyRow:
    def want(name: str, kind: type | tuple[type, ...]) -> Any:
        value = item.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"row {place} has no proper {name.replace('_', ' ')}")
        return value

    if not isinstance(item, dict):
        raise ValueError(f"row {place} is not a row")
    parties, references = want("parties", list), want("references", list)
    versions = want("versions", dict)
    if not all(isinstance(v, str) for v in [*parties, *references, *versions.values()]):
        raise ValueError(f"row {place} has people, references or versions that are not text")
    try:
        status = Status(want("status", str))
    except ValueError as error:
        raise ValueError(f"row {place} has an unknown status") from error
    event_id = item.get("event_id")
    if event_id is not None and (not isinstance(event_id, int) or isinstance(event_id, bool)):
        raise ValueError(f"row {place} has no proper event id")
    return ChronologyRow(
        number=want("number", int),
        event_id=event_id,
        **{name: want(name, str) for name in _TEXT_FIELDS},
        parties=tuple(parties),
        references=tuple(references),
        status=status,
        key=want("key", bool),
        versions=dict(versions),
        privileged_note="",
        undated=want("undated", bool),
        bundle_pages=(None,) * len(references),  # a served reference links nowhere
    )


# ----------------------------------------------------------------------- what changed


@dataclass(frozen=True)
class RowChange:
    """One row of a chronology against a served version.

    ``kind`` is "same", "added", "removed" or "changed"; ``row`` is the row as it is now (as
    served, for a removed row) and ``before`` the row as served, for a changed one.
    """

    kind: str
    row: ChronologyRow
    before: ChronologyRow | None = None
    redated: bool = False
    reworded: bool = False
    """Its wording, people, references or status changed (its date aside)."""


@dataclass(frozen=True)
class Changes:
    """A chronology against a served version: every row, in order, and the counts."""

    version: ServedVersion
    rows: list[RowChange]

    def count(self, what: str) -> int:
        """How many events were "added", "removed", "redated", "reworded" or are "same"."""
        if what == "redated":
            return sum(change.redated for change in self.rows)
        if what == "reworded":
            return sum(change.reworded for change in self.rows)
        return sum(change.kind == what for change in self.rows)


def _wording(row: ChronologyRow) -> tuple:
    return (
        row.title,
        row.description,
        row.parties,
        row.references,
        row.status,
        tuple(sorted(row.versions.items())),
    )


def changes_since(version: ServedVersion, current: Sequence[ChronologyRow]) -> Changes:
    """``current`` against ``version``, matched by event id; renumbering is no change.

    A removed row stands after the row that came before it when it was served (or first).
    """
    served = {row.event_id: row for row in version.rows if row.event_id is not None}
    present = {row.event_id for row in current}
    removed_after: dict[int | None, list[ChronologyRow]] = defaultdict(list)
    anchor: int | None = None
    for row in version.rows:
        if row.event_id in present:
            anchor = row.event_id
        else:
            removed_after[anchor].append(row)
    result = [RowChange("removed", row) for row in removed_after[None]]
    for row in current:
        before = None if row.event_id is None else served.get(row.event_id)
        if before is None:
            result.append(RowChange("added", row))
        else:
            redated = before.when != row.when
            reworded = _wording(before) != _wording(row)
            kind = "changed" if redated or reworded else "same"
            result.append(RowChange(kind, row, before, redated, reworded))
        if row.event_id is not None:
            result.extend(RowChange("removed", gone) for gone in removed_after[row.event_id])
    return Changes(version, result)
