"""Rows and records: how each record is written to its columns and read back, by column name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from timeline_app.core.errors import ConflictError, UserError
from timeline_app.core.model import (
    CaseInfo,
    CaseParty,
    Category,
    DateOrder,
    Event,
    FuzzyDate,
    Party,
    Precision,
    Qualifier,
    Source,
    SourceLink,
    Status,
    date_from_iso,
    date_to_iso,
    is_time_zone,
)

log = logging.getLogger(__name__)


LARGEST_ID = 2**31 - 1
"""Ids from elsewhere above this (or below 1) are not kept but given new ones: SQLite counts on
from the highest, so an id near 2**63 would leave no room for the next record."""
DATE_PARTS = ("text", "earliest", "latest", "precision", "qualifier", "approximate")
"""The columns of a fuzzy date, each prefixed "date_" (the event's) or "end_" (a span's end)."""
_EVENT_OWN = (
    "id",
    "title",
    "description",
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
)
EVENT_COLUMNS = ", ".join(
    f"e.{name}"
    for name in (
        *_EVENT_OWN,
        *(f"{side}_{part}" for side in ("date", "end") for part in DATE_PARTS),
    )
)
"""What a query selects to read whole events (over ``events e``)."""


def _date_values(date: FuzzyDate | None) -> tuple[Any, ...]:
    """A fuzzy date's columns, in the order of :data:`DATE_PARTS`; all NULL for no date."""
    if date is None:
        return (None,) * len(DATE_PARTS)
    return (
        date.text,
        date_to_iso(date.earliest),
        date_to_iso(date.latest),
        str(date.precision),
        str(date.qualifier),
        int(date.approximate),
    )


EVENT_ROW_COLUMNS = (
    "title",
    "description",
    *(f"date_{part}" for part in DATE_PARTS),
    *(f"end_{part}" for part in DATE_PARTS),
    "sort_key",
    "category_id",
    "status",
    "key",
    "privileged_note",
    "versions",
    "sequence",
)
"""The columns an event's own fields map to (not id, revision or timestamps), in order."""
INSERTED_COLUMNS = (
    *EVENT_ROW_COLUMNS,
    "revision",
    "created",
    "modified",
    "created_by",
    "modified_by",
)
"""The columns a new event's row gives values for, besides its id."""


class EventRows:
    """An event's own columns as values in the order of :data:`EVENT_ROW_COLUMNS`.

    Each date's columns are worked out once for all the events that share it: an import's
    events share far fewer dates than there are events.
    """

    def __init__(self) -> None:
        self._dates: dict[int, tuple[FuzzyDate | None, tuple[Any, ...]]] = {}

    def _date(self, date: FuzzyDate | None) -> tuple[Any, ...]:
        """The date's columns, then its sort key (the date is kept, so its id stays its own)."""
        known = self._dates.get(id(date))
        if known is None:
            sort_key = date.sort_key if date is not None else None
            known = self._dates[id(date)] = (date, (*_date_values(date), sort_key))
        return known[1]

    def values(self, event: Event, category_id: int | None) -> tuple[Any, ...]:
        """The event's own columns, with ``category_id`` for its category."""
        *start, sort_key = self._date(event.date)
        return (
            event.title,
            event.description,
            *start,
            *self._date(event.end)[:-1],
            sort_key,
            category_id,
            str(event.status),
            int(event.key),
            event.privileged_note,
            versions_json(event.versions),
            event.sequence,
        )


def versions_json(versions: dict[str, str]) -> str:
    """Each side's version as stored: a JSON object of text, keys sorted."""
    return json.dumps(versions, ensure_ascii=False, sort_keys=True) if versions else "{}"


def event_row(event: Event) -> dict[str, Any]:
    """The columns an event's own fields map to (not id, revision or timestamps)."""
    return dict(zip(EVENT_ROW_COLUMNS, EventRows().values(event, event.category_id), strict=True))


class EventReader:
    """Reads the rows of one query as events, finding each column by its name once.

    Events that share a date share one :class:`FuzzyDate`: a big case has far fewer dates
    than events.
    """

    def __init__(self, description: Sequence[Sequence[Any]]) -> None:
        index = {column[0]: position for position, column in enumerate(description)}
        self._own = itemgetter(*(index[name] for name in _EVENT_OWN))
        self._date = itemgetter(*(index[f"date_{part}"] for part in DATE_PARTS))
        self._end = itemgetter(*(index[f"end_{part}"] for part in DATE_PARTS))
        self._dates: dict[tuple, FuzzyDate] = {}

    def event(
        self, row: Sequence[Any], party_ids: Sequence[int], sources: Sequence[SourceLink]
    ) -> Event:
        """The event a row holds, with its links.

        :raises BadValueError: the row holds a value Evidence Timeline never writes.
        """
        try:
            return self._event(row, party_ids, sources)
        except (ValueError, TypeError) as error:
            raise BadValueError(
                f"event {self._own(row)[0]} {self._fault(row)}, which Evidence Timeline never "
                "writes"
            ) from error

    def _fault(self, row: Sequence[Any]) -> str:
        """What is wrong with an event's row, in words (only asked once reading it failed)."""
        status = self._own(row)[4]
        if status not in Status._value2member_map_:
            return f"has an unknown status {status!r}"
        for parts in (self._date(row), self._end(row)):
            _, earliest, latest, precision, qualifier, _ = parts
            if precision is None and parts is not self._date(row):
                continue
            if precision not in Precision._value2member_map_:
                return f"has a date of an unknown precision {precision!r}"
            if qualifier not in Qualifier._value2member_map_:
                return f"has a date with an unknown qualifier {qualifier!r}"
            for bound in (earliest, latest):
                try:
                    date_from_iso(bound)
                except ValueError:
                    return f"has a date that is not one ({bound!r})"
            try:
                self._fuzzy(parts)
            except ValueError:
                return f"has a date that ends ({latest}) before it starts ({earliest})"
        return "has each side's version in an unknown form (not sides with their texts)"

    def _event(
        self, row: Sequence[Any], party_ids: Sequence[int], sources: Sequence[SourceLink]
    ) -> Event:
        (
            event_id,
            title,
            description,
            category_id,
            status,
            key,
            privileged_note,
            versions,
            sequence,
            revision,
            created,
            modified,
            created_by,
            modified_by,
        ) = self._own(row)
        end = self._end(row)
        return Event(
            title=title,
            date=self._fuzzy(self._date(row)),
            end=None if end[3] is None else self._fuzzy(end),  # no precision: no end date
            description=description,
            category_id=category_id,
            status=status,
            key=key == 1,
            privileged_note=privileged_note,
            versions={} if versions == "{}" else versions_from_json(versions),
            sequence=sequence,
            party_ids=tuple(party_ids),
            sources=tuple(sources),
            id=event_id,
            revision=revision,
            created=created,
            modified=modified,
            created_by=created_by,
            modified_by=modified_by,
        )

    def _fuzzy(self, parts: tuple) -> FuzzyDate:
        date = self._dates.get(parts)
        if date is None:
            text, earliest, latest, precision, qualifier, approximate = parts
            date = self._dates[parts] = FuzzyDate(
                earliest=date_from_iso(earliest),
                latest=date_from_iso(latest),
                precision=precision,
                qualifier=qualifier,
                approximate=bool(approximate),
                text=text,
            )
        return date


class BadValueError(ValueError):
    """A value in a case file that Evidence Timeline never writes; ``str()`` says which, where."""


def versions_from_json(text: str) -> dict[str, str]:
    """Each side's version, as stored: a JSON object of text."""
    versions = json.loads(text)
    if not isinstance(versions, dict) or not all(
        isinstance(side, str) and isinstance(version, str) for side, version in versions.items()
    ):
        raise ValueError("versions are not an object of text")
    return versions


def _time_zone(name: str) -> str:
    if not is_time_zone(name):
        raise ValueError("time zone")
    return name


def _text_value(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("house template")
    return value


def _flag(value: Any) -> bool:
    if value not in (0, 1) or isinstance(value, float):
        raise ValueError("reference brackets")
    return bool(value)


def case_info_from_row(row: dict[str, Any]) -> CaseInfo:
    """The case details from their row.

    :raises BadValueError: a value Evidence Timeline never writes.
    """
    try:
        court_lines = json.loads(row["court_lines"])
        parties = json.loads(row["parties"])
        if not isinstance(court_lines, list) or not all(isinstance(x, str) for x in court_lines):
            raise ValueError("court lines")
        if not isinstance(parties, list) or not all(
            isinstance(p, dict) and set(p) == {"name", "role"} for p in parties
        ):
            raise ValueError("parties")
        return CaseInfo(
            title=row["title"],
            court_lines=court_lines,
            claim_number=row["claim_number"],
            parties=[CaseParty(str(p["name"]), str(p["role"])) for p in parties],
            prepared_by=row["prepared_by"],
            reference_date=(
                dt.date.fromisoformat(row["reference_date"]) if row["reference_date"] else None
            ),
            date_order=DateOrder(row["date_order"]),
            time_zone=_time_zone(row["time_zone"]),
            created=row["created"],
            modified=row["modified"],
            house_template=_text_value(row.get("house_template", "")),
            reference_brackets=_flag(row.get("reference_brackets", 0)),
            wording_check=_flag(row.get("wording_check", 1)),
        )
    except (ValueError, TypeError) as error:
        raise BadValueError(
            "the case details (court heading, parties, reference date or time zone) are not in "
            "a form "
            "Evidence Timeline writes"
        ) from error


def event_content(event: Event) -> Event:
    """The event as its fields and links say, whatever its revision and time of change."""
    return dataclasses.replace(event, revision=0, modified="", modified_by="")


def party_row(party: Party) -> dict[str, Any]:
    """A member of the cast's columns."""
    return {
        "name": party.name,
        "kind": str(party.kind),
        "role": party.role,
        "organisation": party.organisation,
        "notes": party.notes,
    }


def source_row(source: Source) -> dict[str, Any]:
    """A document's columns."""
    return {
        "title": source.title,
        "date_text": source.date_text,
        "doc_type": source.doc_type,
        "bundle_ref": source.bundle_ref,
        "first_page": source.first_page,
        "location": source.location,
        "notes": source.notes,
    }


def category_row(category: Category) -> dict[str, Any]:
    """A category's columns."""
    return {"name": category.name, "colour": category.colour}


def record_row(record: Party | Source | Category) -> dict[str, Any]:
    """The columns of a person, document or category."""
    if isinstance(record, Party):
        return party_row(record)
    if isinstance(record, Source):
        return source_row(record)
    return category_row(record)


def record_name(record: Party | Source | Category) -> str:
    """What a record is called in messages: a document's title, anyone else's name."""
    return record.title if isinstance(record, Source) else record.name


TABLES = {"party": "parties", "source": "sources", "category": "categories"}


CLASSES: dict[str, type] = {"party": Party, "source": Source, "category": Category}


LINKED: dict[str, tuple[str, str, str]] = {
    # entity: (table, link table, link columns besides event_id and <entity>_id)
    "party": ("parties", "event_parties", "position"),
    "source": ("sources", "event_sources", "pinpoint, position"),
}


def links_json(links: Iterable[SourceLink]) -> str:
    """Citations as the audit trail records them: [[document id, pinpoint], …]."""
    return json.dumps([[s.source_id, s.pinpoint] for s in links], ensure_ascii=False)


def as_text(value: Any) -> str | None:
    """A value as the audit trail records it: text, or None."""
    return None if value is None else str(value)


def integrity_error(entity: str, error: Exception) -> UserError:
    """A constraint the database enforced, in the user's words (SQLite's or PostgreSQL's)."""
    message = str(error).lower()
    noun = NOUNS[entity]
    taken = "unique" in message or "duplicate key" in message
    if taken and (message.rstrip().endswith(".id") or "_pkey" in message):
        return ConflictError(
            f"That {noun} cannot be put back: it was re-created in another window or by a "
            "colleague. Reload the case."
        )
    if taken:
        return UserError(f"There is already a {noun} with that name; choose another name.")
    return ConflictError(
        f"The {noun} could not be saved: a person, document or category it refers to was "
        "deleted in another window or by a colleague. Reload the case and try again."
    )


NOUNS = {
    "event": "event",
    "party": "person or organisation",
    "source": "document",
    "category": "category",
}
