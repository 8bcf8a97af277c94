"""Salvage: what can be read of a case file that cannot be opened as it is, with nothing of it run.

A file with a trigger, view or index of someone else's, a changed table, or values we never
write is refused on opening. Its data can still be read: only our own columns of our own tables
are selected (a SELECT fires no trigger, and no view is touched), each row is checked as it is
read, and what cannot be read is fixed where the fix is plain, or left out, and said either way.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline_app.core.errors import CaseFileError, UserError
from timeline_app.core.migrations import APPLICATION_ID
from timeline_app.core.model import (
    DEFAULT_TIME_ZONE,
    CaseInfo,
    Category,
    Change,
    Event,
    Party,
    PartyKind,
    Source,
    SourceLink,
    Status,
)
from timeline_app.core.served import ServedVersion, check_label, rows_from_json
from timeline_app.core.store.rows import (
    DATE_PARTS,
    LARGEST_ID,
    BadValueError,
    EventReader,
    case_info_from_row,
    versions_from_json,
)
from timeline_app.core.store.sqlite.files import check_header, connect, read_header

_COLUMNS = {
    "case_info": (
        "title",
        "court_lines",
        "claim_number",
        "parties",
        "prepared_by",
        "reference_date",
        "date_order",
        "time_zone",
        "created",
        "modified",
        "house_template",
        "reference_brackets",
        "wording_check",
    ),
    "categories": ("id", "name", "colour"),
    "parties": ("id", "name", "kind", "role", "organisation", "notes"),
    "sources": (
        "id",
        "title",
        "date_text",
        "doc_type",
        "bundle_ref",
        "first_page",
        "location",
        "notes",
    ),
    "events": (
        "id",
        "title",
        "description",
        *(f"{side}_{part}" for side in ("date", "end") for part in DATE_PARTS),
        "category_id",
        "status",
        "key",
        "privileged_note",
        "versions",
        "sequence",
        "revision",
        "created",
        "modified",
        "created_by",
        "modified_by",
    ),
    "event_parties": ("event_id", "party_id", "position"),
    "event_sources": ("event_id", "source_id", "pinpoint", "position"),
    "changes": ("at", "user", "action", "entity", "entity_id", "field", "old", "new"),
}
_TEXT_DEFAULTS = {
    "time_zone": DEFAULT_TIME_ZONE,
    "kind": "person",
    "colour": "#607d8b",
    "status": "undisputed",
    "versions": "{}",
    "reference_brackets": 0,
    "wording_check": 1,
}


@dataclass
class Salvaged:
    """Everything read from a file, ready for a clean case, and what had to change."""

    info: CaseInfo
    categories: list[Category] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    served: list[ServedVersion] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """What was fixed or left out, one sentence each ("event 12 had an unknown status …")."""


def salvage(path: str | Path) -> Salvaged:
    """Read what can be read of the case file at ``path``; nothing in it runs.

    :raises CaseFileError: the file is not an Evidence Timeline case file at all, or SQLite
        cannot read it.
    """
    path = Path(path)
    check_header(path, read_header(path))
    try:
        conn = connect(path, read_only=True, timeout=5.0)
    except sqlite3.Error as error:
        raise CaseFileError(f"{path.name} cannot be read ({error}).") from error
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise CaseFileError(f"{path.name} is not an Evidence Timeline case file.")
        return _Reader(conn, path).read()
    except sqlite3.DatabaseError as error:
        raise CaseFileError(
            f"{path.name} is too damaged to read ({error}); open a backup copy."
        ) from error
    finally:
        conn.close()


class _Reader:
    """Reads one file's tables, a row at a time, keeping what holds."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn, self._path = conn, path
        self.result = Salvaged(CaseInfo(title=path.stem))

    def read(self) -> Salvaged:
        """Every table we know, in the order links need them."""
        self._case_info()
        categories = self._records("categories", "category", self._category)
        parties = self._records("parties", "person", self._party)
        sources = self._records("sources", "document", self._source)
        self._events(categories, parties, sources)
        self.result.changes = [_change(row) for row in self._rows("changes")]
        self._served()
        return self.result

    def _served(self) -> None:
        """The served versions whose rows can be read (a file older than schema 4 has none)."""
        if not self._conn.execute("PRAGMA table_info(served_versions)").fetchall():
            return
        for label, served_at, served_by, snapshot in self._conn.execute(
            "SELECT label, served_at, served_by, snapshot FROM main.served_versions ORDER BY id"
        ):
            try:
                rows = rows_from_json(_text(snapshot, "served version"))
                version = ServedVersion(
                    check_label(_text(label, "label")),
                    _text(served_at, "date served"),
                    served_by if isinstance(served_by, str) else "",
                    len(rows),
                    rows,
                )
            except (ValueError, UserError) as error:
                self.result.problems.append(
                    f"the served version “{label}” could not be read ({error}); it was left out"
                )
                continue
            if any(v.label.casefold() == version.label.casefold() for v in self.result.served):
                self.result.problems.append(
                    f"a second served version labelled “{label}” was left out"
                )
                continue
            self.result.served.append(version)

    def _rows(self, table: str) -> Iterator[dict[str, Any]]:
        """The table's rows as our columns; a column the file lacks gets its default."""
        present = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table})")}
        if not present:
            self.result.problems.append(f"the file has no {table} table; nothing came from it")
            return
        wanted = [c for c in _COLUMNS[table] if c in present]
        cursor = self._conn.execute(f"SELECT {', '.join(wanted)} FROM main.{table}")
        for values in cursor:
            row = {c: _TEXT_DEFAULTS.get(c, "") for c in _COLUMNS[table]}
            row.update(zip(wanted, values, strict=True))
            yield row

    def _case_info(self) -> None:
        rows = list(self._rows("case_info"))
        if not rows:
            self.result.problems.append("the case details were missing; the title is the file's")
            return
        try:
            self.result.info = case_info_from_row(rows[0])
        except BadValueError as error:
            self.result.info = CaseInfo(title=str(rows[0]["title"] or self._path.stem))
            self.result.problems.append(f"{error}; only the title was kept")

    def _records(self, table: str, noun: str, make: Any) -> dict[int, int]:
        """Read one kind of record; their ids in the file, to the ids they will have."""
        ids: dict[int, int] = {}
        kept: list[Any] = []
        names: dict[str, int] = {}  # a category's name is unique, whatever its case
        for row in self._rows(table):
            old = row["id"]
            try:
                record = make(row)
            except (ValueError, TypeError) as error:
                self.result.problems.append(f"{noun} {old} cannot be read ({error}); left out")
                continue
            if table == "categories" and record.name.casefold() in names:
                ids[old] = names[record.name.casefold()]
                self.result.problems.append(
                    f"category {old} repeats the name {record.name!r}; its events joined the first"
                )
                continue
            new = old if isinstance(old, int) and 1 <= old <= LARGEST_ID else -(len(ids) + 1)
            if new != old:
                self.result.problems.append(f"{noun} {old} has an id out of range; given a new one")
            ids[old] = new
            if table == "categories":
                names[record.name.casefold()] = new
            kept.append(dataclasses.replace(record, id=new))
        getattr(self.result, table).extend(kept)
        return ids

    @staticmethod
    def _category(row: dict[str, Any]) -> Category:
        return Category(_text(row["name"], "name"), str(row["colour"]))

    @staticmethod
    def _party(row: dict[str, Any]) -> Party:
        kind = row["kind"] if row["kind"] in PartyKind._value2member_map_ else "person"
        return Party(
            _text(row["name"], "name"),
            PartyKind(kind),
            str(row["role"] or ""),
            str(row["organisation"] or ""),
            str(row["notes"] or ""),
        )

    @staticmethod
    def _source(row: dict[str, Any]) -> Source:
        first = row["first_page"]
        return Source(
            _text(row["title"], "title"),
            str(row["date_text"] or ""),
            str(row["doc_type"] or ""),
            str(row["bundle_ref"] or ""),
            first if isinstance(first, int) and 0 < first <= LARGEST_ID else None,
            str(row["location"] or ""),
            str(row["notes"] or ""),
        )

    def _events(
        self, categories: dict[int, int], parties: dict[int, int], sources: dict[int, int]
    ) -> None:
        people: dict[int, list[int]] = {}
        cited: dict[int, list[SourceLink]] = {}
        dangling = 0
        for link in sorted(self._rows("event_parties"), key=_position):
            if link["party_id"] in parties:
                people.setdefault(link["event_id"], []).append(parties[link["party_id"]])
            else:
                dangling += 1
        for link in sorted(self._rows("event_sources"), key=_position):
            if link["source_id"] in sources:
                cited.setdefault(link["event_id"], []).append(
                    SourceLink(sources[link["source_id"]], str(link["pinpoint"] or ""))
                )
            else:
                dangling += 1
        if dangling:
            self.result.problems.append(
                f"{dangling} link{'s' * (dangling != 1)} to people or documents that are not in "
                "the file were left out"
            )
        columns = [(name, None, None, None, None, None, None) for name in _COLUMNS["events"]]
        reader = EventReader(columns)
        for row in self._rows("events"):
            old = row["id"]
            values = [row[name] for name in _COLUMNS["events"]]
            links = people.get(old, ()), cited.get(old, ())
            try:
                found: Event | None = reader.event(values, *links)
            except BadValueError as error:
                found = self._mended(reader, row, links, str(error))
            if found is None:
                continue
            event = found
            new = old if isinstance(old, int) and 1 <= old <= LARGEST_ID else None
            if new is None:
                self.result.problems.append(f"event {old} has an id out of range; given a new one")
            category = categories.get(event.category_id) if event.category_id else None
            self.result.events.append(dataclasses.replace(event, id=new, category_id=category))

    def _mended(
        self, reader: EventReader, row: dict[str, Any], links: tuple, fault: str
    ) -> Event | None:
        """The event with what can be plainly fixed, fixed; None (and said) if it cannot be.

        An unknown status becomes Disputed, so that someone looks at it; versions that cannot
        be read are left out.
        """
        mended = dict(row)
        if mended["status"] not in Status._value2member_map_:
            mended["status"] = str(Status.DISPUTED)
        try:
            versions_from_json(mended["versions"])
        except (TypeError, ValueError):
            mended["versions"] = "{}"
        try:
            event = reader.event([mended[name] for name in _COLUMNS["events"]], *links)
        except BadValueError:
            self.result.problems.append(f"{fault}; it was left out")
            return None
        self.result.problems.append(f"{fault}; fixed ({_fix(row, mended)})")
        return event


def _position(link: dict[str, Any]) -> int:
    return link["position"] if isinstance(link["position"], int) else 0


def _change(row: dict[str, Any]) -> Change:
    """An audit row as text, whatever the file held (it is kept as the case's history)."""

    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    entity_id = row["entity_id"] if isinstance(row["entity_id"], int) else None
    return Change(
        str(row["at"]),
        str(row["user"]),
        str(row["action"]),
        str(row["entity"]),
        entity_id,
        text(row["field"]),
        text(row["old"]),
        text(row["new"]),
    )


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"it has no {what}")
    return value


def _fix(before: dict[str, Any], after: dict[str, Any]) -> str:
    if before["status"] != after["status"]:
        return "its status is now Disputed"
    return "its parties' versions were left out"
