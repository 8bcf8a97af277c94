"""A whole case as JSON, and back: events, people, documents, links, categories, case details.

The format (``"format": "evidence-timeline-case"``, ``"version": 1``) keeps every field and
every id, so case → JSON → empty case gives the same case. Bringing a case into one that
already has records is a merge: people, documents and categories are matched by name, events
get new ids, and likely duplicates are flagged as in any import.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline_app.core import dates
from timeline_app.core.errors import UserError
from timeline_app.core.exporting import write_atomically
from timeline_app.core.importing.plan import Duplicates, ImportPlan, ImportRow, Records
from timeline_app.core.model import (
    DEFAULT_TIME_ZONE,
    CaseInfo,
    CaseParty,
    Category,
    DateOrder,
    DateValue,
    Event,
    FuzzyDate,
    Party,
    PartyKind,
    Precision,
    Qualifier,
    Source,
    SourceLink,
    Status,
    date_to_iso,
    is_time_zone,
    saved_id,
)
from timeline_app.core.served import ServedVersion, check_label, rows_from_json, rows_to_json
from timeline_app.core.store import CaseStore

FORMAT, VERSION = "evidence-timeline-case", 1
HEADINGS = ["No.", "Date", "Event"]


@dataclass
class CaseSnapshot:
    """Everything in a case, read at one moment."""

    info: CaseInfo
    categories: list[Category]
    parties: list[Party]
    sources: list[Source]
    events: list[Event]
    served: list[ServedVersion] = field(default_factory=list)

    @classmethod
    def of(cls, store: CaseStore) -> CaseSnapshot:
        """The case in ``store`` as it is now."""
        return cls(
            store.case_info(),
            store.categories(),
            store.parties(),
            store.sources(),
            store.events(),
            store.whole_served_versions(),
        )


# ----------------------------------------------------------------------- writing


def _date(date: FuzzyDate | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return {
        "text": date.text,
        "earliest": date_to_iso(date.earliest),
        "latest": date_to_iso(date.latest),
        "precision": str(date.precision),
        "qualifier": str(date.qualifier),
        "approximate": date.approximate,
    }


def to_json(snapshot: CaseSnapshot) -> dict[str, Any]:
    """The case as JSON-ready data."""
    info = snapshot.info
    return {
        "format": FORMAT,
        "version": VERSION,
        "case": {
            "title": info.title,
            "court_lines": list(info.court_lines),
            "claim_number": info.claim_number,
            "parties": [{"name": p.name, "role": p.role} for p in info.parties],
            "prepared_by": info.prepared_by,
            "reference_date": info.reference_date.isoformat() if info.reference_date else None,
            "date_order": str(info.date_order),
            "time_zone": info.time_zone,
            "created": info.created,
            "modified": info.modified,
            "house_template": info.house_template,
            "reference_brackets": info.reference_brackets,
            "wording_check": info.wording_check,
        },
        "categories": [
            {"id": c.id, "name": c.name, "colour": c.colour} for c in snapshot.categories
        ],
        "parties": [
            {
                "id": p.id,
                "name": p.name,
                "kind": str(p.kind),
                "role": p.role,
                "organisation": p.organisation,
                "notes": p.notes,
            }
            for p in snapshot.parties
        ],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "date_text": s.date_text,
                "doc_type": s.doc_type,
                "bundle_ref": s.bundle_ref,
                "first_page": s.first_page,
                "location": s.location,
                "notes": s.notes,
            }
            for s in snapshot.sources
        ],
        "events": [
            {
                "id": e.id,
                "title": e.title,
                "description": e.description,
                "date": _date(e.date),
                "end": _date(e.end),
                "category_id": e.category_id,
                "status": str(e.status),
                "key": e.key,
                "privileged_note": e.privileged_note,
                "versions": e.versions,
                "sequence": e.sequence,
                "party_ids": list(e.party_ids),
                "sources": [{"source_id": s.source_id, "pinpoint": s.pinpoint} for s in e.sources],
                "created": e.created,
                "modified": e.modified,
                "created_by": e.created_by,
                "modified_by": e.modified_by,
            }
            for e in snapshot.events
        ],
        "served_versions": [
            {
                "id": v.id,
                "label": v.label,
                "served_at": v.served_at,
                "served_by": v.served_by,
                "rows": json.loads(rows_to_json(v.rows)),
            }
            for v in snapshot.served
        ],
    }


def export_json(store: CaseStore, path: str | os.PathLike[str]) -> int:
    """Write the whole case (privileged notes included: it is the case) as JSON.

    Returns the number of events. The file is written beside ``path`` and renamed.
    """
    snapshot = CaseSnapshot.of(store)
    data = to_json(snapshot)

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)

    write_atomically(path, write, "The JSON file")
    return len(snapshot.events)


# ----------------------------------------------------------------------- reading


class _DamagedError(ValueError):
    """A value in the file is not what the format says; the message says which, in words."""


def _get(
    item: object, key: str, kind: type | tuple[type, ...], default: Any = None, what: str = ""
) -> Any:
    """``item[key]`` checked to be of ``kind`` (``default`` when missing or null)."""
    if not isinstance(item, dict):
        raise _DamagedError("it is not a record")
    value = item.get(key)
    if value is None:
        if default is None and what:
            raise _DamagedError(f"it has no {what}")
        return default
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, (int,))):
        raise _DamagedError(f"its “{key.replace('_', ' ')}” is not {_KINDS.get(kind, 'valid')}")
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        raise _DamagedError(f"its “{key.replace('_', ' ')}” is too large a number")
    if isinstance(value, str) and what and not value.strip():
        raise _DamagedError(f"it has no {what}")
    return value


_KINDS: dict[Any, str] = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a set of named values",
}


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _whole_characters(value: Any) -> Any:
    """``value`` with any half of a surrogate pair dropped from its texts, names included.

    JSON can escape half a pair; UTF-8, and so the case file, cannot hold one.
    """
    if isinstance(value, str):
        return value.encode("utf-8", "ignore").decode("utf-8")
    if isinstance(value, list):
        return [_whole_characters(item) for item in value]
    if isinstance(value, dict):
        return {_whole_characters(k): _whole_characters(v) for k, v in value.items()}
    return value


def read_json(data: bytes, name: str) -> tuple[CaseSnapshot, list[ImportRow], list[int]]:
    """A case from our JSON, with the events that cannot be read as refused rows.

    Also each readable event's place in the file (1 for the first), for numbering the rows.

    :raises UserError: not JSON, not a case in our format, from a newer version, or its case
        details, people, documents or categories cannot be read.
    """
    try:
        text = data.decode("utf-8-sig")
        raw = json.loads(text)
        if _ESCAPED_SURROGATE.search(text):
            raw = _whole_characters(raw)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # a 5,000-digit number,
        raise UserError(
            f"{name} is not valid JSON ({error}). Nothing was imported."
        ) from error  # brackets nested thousands deep
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise UserError(
            f"{name} is JSON, but not a case exported by Evidence Timeline. Nothing was imported."
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise UserError(
            f"{name} is damaged: its format version {version!r} is not a whole "
            "number. Nothing was imported."
        )
    if version > VERSION:
        raise UserError(
            f"{name} was written by a newer version of Evidence Timeline (format "
            f"version {version}); this version reads version {VERSION}."
        )
    try:
        info = _info(_get(raw, "case", dict, {}))
        records = [
            _records(raw, key, build)
            for key, build in (("categories", _category), ("parties", _party), ("sources", _source))
        ]
        items = _get(raw, "events", list, [])
        served = _served_versions(_get(raw, "served_versions", list, []))
    except _DamagedError as error:
        raise UserError(f"{name} is damaged: {error}. Nothing was imported.") from error
    events, refused, places = [], [], []
    seen: dict[int, int] = {}
    for number, item in enumerate(items, start=1):
        try:
            event = _event(item)
            if event.id is not None and event.id in seen:
                raise _DamagedError(f"it has the same id as event {seen[event.id]} of the file")
        except _DamagedError as error:
            title = item.get("title") if isinstance(item, dict) else None
            refused.append(
                ImportRow(
                    number,
                    [str(number), "", str(title or "")],
                    problems=[f"This event cannot be read: {error}."],
                )
            )
            continue
        if event.id is not None:
            seen[event.id] = number
        events.append(event)
        places.append(number)
    categories, parties, sources = records
    return CaseSnapshot(info, categories, parties, sources, events, served), refused, places


def _served_versions(items: list[Any]) -> list[ServedVersion]:
    """The file's served versions; one that cannot be read makes the file damaged."""
    versions, labels = [], set()
    for number, item in enumerate(items, start=1):
        try:
            label = check_label(_get(item, "label", str, what="label"))
            version = ServedVersion(
                label,
                _get(item, "served_at", str, what="date served"),
                _get(item, "served_by", str, ""),
                0,
                rows_from_json(json.dumps(_get(item, "rows", list, []))),
                _get(item, "id", int),
            )
        except (UserError, ValueError) as error:
            raise _DamagedError(f"served version {number} cannot be read: {error}") from error
        if label.casefold() in labels:
            raise _DamagedError(f"two served versions are labelled “{label}”")
        labels.add(label.casefold())
        versions.append(version)
    return versions


def _records(raw: dict[str, Any], key: str, build: Any) -> list[Any]:
    """The file's people, documents or categories; two with one id make the file damaged."""
    records, ids = [], set()
    for number, item in enumerate(_get(raw, key, list, []), start=1):
        try:
            record = build(item)
        except _DamagedError as error:
            raise _DamagedError(f"{_NOUNS[key]} {number} cannot be read: {error}") from error
        if record.id in ids:
            raise _DamagedError(f"two {key} have the id {record.id}")
        ids.add(record.id)
        records.append(record)
    if key == "categories":  # names are unique regardless of case, as in the case file
        names = [c.name.casefold() for c in records]
        twice = next((c.name for c in records if names.count(c.name.casefold()) > 1), None)
        if twice is not None:
            raise _DamagedError(f"two categories are called {twice!r}")
    return records


_NOUNS = {"categories": "category", "parties": "person", "sources": "document"}


def _category(item: Any) -> Category:
    colour = _get(item, "colour", str, "#607d8b")
    return Category(
        _get(item, "name", str, what="name"),
        colour if _COLOUR.fullmatch(colour) else "#607d8b",  # a colour, or grey
        _get(item, "id", int, what="id"),
    )


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _party(item: Any) -> Party:
    kind = _member(PartyKind, _get(item, "kind", str, "person"), "its kind")
    return Party(
        _get(item, "name", str, what="name"),
        kind,
        _get(item, "role", str, ""),
        _get(item, "organisation", str, ""),
        _get(item, "notes", str, ""),
        _get(item, "id", int, what="id"),
    )


def _source(item: Any) -> Source:
    return Source(
        _get(item, "title", str, what="title"),
        _get(item, "date_text", str, ""),
        _get(item, "doc_type", str, ""),
        _get(item, "bundle_ref", str, ""),
        _get(item, "first_page", int),
        _get(item, "location", str, ""),
        _get(item, "notes", str, ""),
        _get(item, "id", int, what="id"),
    )


def _info(case: dict[str, Any]) -> CaseInfo:
    reference = _get(case, "reference_date", str)
    try:
        reference_date = dt.date.fromisoformat(reference) if reference else None
    except ValueError as error:
        raise _DamagedError(f"its reference date {reference!r} is not a date") from error
    return CaseInfo(
        _get(case, "title", str, "Untitled case"),
        [_text(line) for line in _get(case, "court_lines", list, [])],
        _get(case, "claim_number", str, ""),
        [
            CaseParty(_get(p, "name", str, what="name"), _get(p, "role", str, ""))
            for p in _get(case, "parties", list, [])
        ],
        _get(case, "prepared_by", str, ""),
        reference_date,
        _member(DateOrder, _get(case, "date_order", str, "dmy"), "its date order"),
        _time_zone(_get(case, "time_zone", str, DEFAULT_TIME_ZONE)),
        _get(case, "created", str, ""),
        _get(case, "modified", str, ""),
        house_template=_get(case, "house_template", str, ""),
        reference_brackets=_get(case, "reference_brackets", bool, False),
        wording_check=_get(case, "wording_check", bool, True),
    )


def _time_zone(name: str) -> str:
    """A time zone's name, or a damaged file that says so."""
    if not is_time_zone(name):
        raise _DamagedError(f"its time zone {name!r} is not one this computer knows")
    return name


def _member(kind: type[enum.StrEnum], value: str, what: str) -> Any:
    """``kind(value)``, or a damaged file that says which values there may be."""
    if value not in {str(member) for member in kind}:
        raise _DamagedError(
            f"{what} {value!r} is not one of {', '.join(str(member) for member in kind)}"
        )
    return kind(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _DamagedError("a court line is not text")
    return value


def _fuzzy(spec: Any) -> FuzzyDate | None:
    if spec is None:
        return None
    if not isinstance(spec, dict):
        raise _DamagedError("its date is not a set of named values")
    try:
        earliest, latest = (_moment(_get(spec, key, str)) for key in ("earliest", "latest"))
        written = _get(spec, "text", str, "")
        if earliest is None and latest is None and written.strip():
            return dates.parse(written)  # a date made by hand: its words are all there is
        precision = _member(
            Precision, _get(spec, "precision", str, "unknown"), "its date's precision"
        )
        qualifier = _member(Qualifier, _get(spec, "qualifier", str, "on"), "its date's qualifier")
        return FuzzyDate(
            earliest,
            latest,
            precision,
            qualifier,
            _get(spec, "approximate", bool, False),
            _get(spec, "text", str, ""),
        )
    except _DamagedError:
        raise
    except dates.DateError as error:
        raise _DamagedError(f"its date {spec.get('text')!r} cannot be read: {error}") from error
    except ValueError as error:  # not an ISO date, or the latest before the earliest
        raise _DamagedError(f"its date cannot be read ({error})") from error


def _moment(text: str | None) -> DateValue | None:
    """An ISO day or time; a time is kept to the minute, as the case file keeps it."""
    if text is None:
        return None
    if "T" in text:
        return dt.datetime.fromisoformat(text).replace(second=0, microsecond=0, tzinfo=None)
    return dt.date.fromisoformat(text)


def _event(item: Any) -> Event:
    if not isinstance(item, dict):
        raise _DamagedError("it is not a set of named values")
    title = _get(item, "title", str, "")
    if not title.strip():
        raise _DamagedError("it has no title")
    versions = _get(item, "versions", dict, {})
    if not all(isinstance(v, str) for v in versions.values()):
        raise _DamagedError("a party's version is not text")
    status = _member(Status, _get(item, "status", str, "undisputed"), "its status")
    party_ids = _get(item, "party_ids", list, [])
    links = _get(item, "sources", list, [])
    if not all(isinstance(p, int) and not isinstance(p, bool) for p in party_ids):
        raise _DamagedError("a person it names is not a whole number")
    return Event(
        title,
        _fuzzy(item.get("date")) or FuzzyDate(),
        _fuzzy(item.get("end")),
        _get(item, "description", str, ""),
        _get(item, "category_id", int),
        status,
        _get(item, "key", bool, False),
        _get(item, "privileged_note", str, ""),
        dict(versions),
        _get(item, "sequence", int, 0),
        tuple(dict.fromkeys(party_ids)),
        tuple(
            dict.fromkeys(
                SourceLink(
                    _get(link, "source_id", int, what="document"), _get(link, "pinpoint", str, "")
                )
                for link in links
            )
        ),
        _get(item, "id", int),
        0,
        _get(item, "created", str, ""),
        _get(item, "modified", str, ""),
        _get(item, "created_by", str, ""),
        _get(item, "modified_by", str, ""),
    )


def plan_case(
    snapshot: CaseSnapshot,
    name: str,
    kind: str,
    store: CaseStore,
    *,
    refused: list[ImportRow] | None = None,
    places: list[int] | None = None,
) -> ImportPlan:
    """Bring ``snapshot`` into ``store``: the whole case into an empty case, else a merge.

    Into an empty case everything comes as it was: every id, stamp and the case details, and
    no row is taken for a duplicate (a case may hold two alike). A merge matches people by name,
    documents by bundle reference (or title when they have none) and categories by name, adds
    the rest (two records of the file never become one), and flags likely duplicates.

    :param places: each event's place in the file, for the rows' numbers.
    """
    summary = store.summary()
    empty = not (summary.events or summary.parties or summary.sources or summary.categories)
    records = Records(None if empty else store)
    duplicates = None if empty else Duplicates(store)
    ids: dict[str, dict[int, int]] = {"category": {}, "party": {}, "source": {}}
    if empty:
        records.new_categories, records.new_parties = snapshot.categories, snapshot.parties
        records.new_sources = snapshot.sources
        for entity, items in (
            ("category", snapshot.categories),
            ("party", snapshot.parties),
            ("source", snapshot.sources),
        ):
            ids[entity] = {saved_id(r): saved_id(r) for r in items}
    else:
        for category in snapshot.categories:
            ids["category"][saved_id(category)] = records.category(category.name, category.colour)
        people: set[int] = set()
        for party in snapshot.parties:
            ids["party"][saved_id(party)] = records.party(party.name, party, people)
        documents: set[int] = set()
        for source in snapshot.sources:
            ids["source"][saved_id(source)] = records.source(
                source.bundle_ref or source.title, source, documents
            )
    rows = list(refused or [])
    for place, event in zip(
        places or range(1, len(snapshot.events) + 1), snapshot.events, strict=True
    ):
        row = ImportRow(place, [str(place), event.date.text, event.title])
        missing = (
            [f"person {p}" for p in event.party_ids if p not in ids["party"]]
            + [f"document {s.source_id}" for s in event.sources if s.source_id not in ids["source"]]
            + (
                [f"category {event.category_id}"]
                if event.category_id is not None and event.category_id not in ids["category"]
                else []
            )
        )
        if missing:
            row.problems.append(f"It refers to {', '.join(missing)}, which the file does not have.")
        else:
            row.event = Event(
                event.title,
                event.date,
                event.end,
                event.description,
                None if event.category_id is None else ids["category"][event.category_id],
                event.status,
                event.key,
                event.privileged_note,
                dict(event.versions),
                event.sequence,
                tuple(dict.fromkeys(ids["party"][p] for p in event.party_ids)),
                tuple(
                    dict.fromkeys(
                        SourceLink(ids["source"][s.source_id], s.pinpoint) for s in event.sources
                    )
                ),
                event.id if empty else None,
                0,
                event.created,
                event.modified if empty else "",
                event.created_by,
                event.modified_by if empty else "",
            )
            if duplicates is not None:
                duplicates.mark(row, f"event {place} of the file")
        rows.append(row)
    rows.sort(key=lambda r: r.number)
    notes = (
        [
            f"This case is empty, so it takes the case details of {name} too (title, "
            "court, claim number, parties)."
        ]
        if empty
        else []
    )
    if snapshot.served and not empty:
        notes.append(
            f"The {len(snapshot.served)} served versions of {name} are not brought in: they "
            "record that case's chronology, whose events get new numbers here."
        )
    return ImportPlan(
        name,
        kind,
        list(HEADINGS),
        rows,
        records,
        notes,
        case_info=snapshot.info if empty else None,
        keep_stamps=empty,
        served=snapshot.served if empty else [],
        unlinked=_unlinked(snapshot, ids, everything=empty),
    )


def _unlinked(
    snapshot: CaseSnapshot, ids: dict[str, dict[int, int]], *, everything: bool
) -> set[int]:
    """The planned ids of the file's records that come whatever events are chosen.

    All of them into an empty case; in a merge, the people and documents no event of the file
    names (a cast list), not those its events name (they come with their events).
    """
    if everything:
        return {i for entity in ids.values() for i in entity.values()}
    named = {p for e in snapshot.events for p in e.party_ids}
    cited = {s.source_id for e in snapshot.events for s in e.sources}
    return {ids["party"][saved_id(p)] for p in snapshot.parties if p.id not in named} | {
        ids["source"][saved_id(s)] for s in snapshot.sources if s.id not in cited
    }
