"""A whole case as JSON, and back: events, people, documents, links, categories, case details.

The format (``"format": "evidence-timeline-case"``, ``"version": 1``) keeps every field and
every id, so case → JSON → empty case gives the same case. Bringing a case into one that
already has records is a merge: people, documents and categories are matched by name, events
get new ids, and likely duplicates are flagged as in any import.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline_app.core.errors import UserError
from timeline_app.core.exporting import write_atomically
from timeline_app.core.importing.plan import Duplicates, ImportPlan, ImportRow, Records
from timeline_app.core.model import (
    CaseInfo,
    CaseParty,
    Category,
    Event,
    FuzzyDate,
    Party,
    Source,
    SourceLink,
    date_from_iso,
    date_to_iso,
)
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

    @classmethod
    def of(cls, store: CaseStore) -> CaseSnapshot:
        """The case in ``store`` as it is now."""
        return cls(store.case_info(), store.categories(), store.parties(), store.sources(),
                   store.events())


# ----------------------------------------------------------------------- writing

def _date(date: FuzzyDate | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return {"text": date.text, "earliest": date_to_iso(date.earliest),
            "latest": date_to_iso(date.latest), "precision": str(date.precision),
            "qualifier": str(date.qualifier), "approximate": date.approximate}


def to_json(snapshot: CaseSnapshot) -> dict[str, Any]:
    """The case as JSON-ready data."""
    info = snapshot.info
    return {
        "format": FORMAT, "version": VERSION,
        "case": {"title": info.title, "court_lines": list(info.court_lines),
                 "claim_number": info.claim_number,
                 "parties": [{"name": p.name, "role": p.role} for p in info.parties],
                 "prepared_by": info.prepared_by,
                 "reference_date": info.reference_date.isoformat() if info.reference_date
                 else None,
                 "date_order": str(info.date_order), "created": info.created,
                 "modified": info.modified},
        "categories": [{"id": c.id, "name": c.name, "colour": c.colour}
                       for c in snapshot.categories],
        "parties": [{"id": p.id, "name": p.name, "kind": str(p.kind), "role": p.role,
                     "organisation": p.organisation, "notes": p.notes}
                    for p in snapshot.parties],
        "sources": [{"id": s.id, "title": s.title, "date_text": s.date_text,
                     "doc_type": s.doc_type, "bundle_ref": s.bundle_ref,
                     "first_page": s.first_page, "location": s.location, "notes": s.notes}
                    for s in snapshot.sources],
        "events": [{"id": e.id, "title": e.title, "description": e.description,
                    "date": _date(e.date), "end": _date(e.end), "category_id": e.category_id,
                    "status": str(e.status), "key": e.key,
                    "privileged_note": e.privileged_note, "versions": e.versions,
                    "sequence": e.sequence, "party_ids": list(e.party_ids),
                    "sources": [{"source_id": s.source_id, "pinpoint": s.pinpoint}
                                for s in e.sources],
                    "created": e.created, "modified": e.modified, "created_by": e.created_by,
                    "modified_by": e.modified_by}
                   for e in snapshot.events],
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

def read_json(data: bytes, name: str) -> tuple[CaseSnapshot, list[ImportRow]]:
    """A case from our JSON; events that cannot be read come back as refused rows.

    :raises UserError: not JSON, not a case in our format, or from a newer version.
    """
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"{name} is not valid JSON ({error}). Nothing was imported.") from error
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise UserError(f"{name} is JSON, but not a case exported by Evidence Timeline. "
                        "Nothing was imported.")
    if not isinstance(raw.get("version"), int) or raw["version"] > VERSION:
        raise UserError(f"{name} was written by a newer version of Evidence Timeline (format "
                        f"version {raw.get('version')}); this version reads version {VERSION}.")
    try:
        info = _info(raw.get("case") or {})
        categories = [Category(c["name"], c.get("colour", "#607d8b"), int(c["id"]))
                      for c in raw.get("categories", [])]
        parties = [Party(p["name"], p.get("kind", "person"), p.get("role", ""),
                         p.get("organisation", ""), p.get("notes", ""), int(p["id"]))
                   for p in raw.get("parties", [])]
        sources = [Source(s["title"], s.get("date_text", ""), s.get("doc_type", ""),
                          s.get("bundle_ref", ""), s.get("first_page"), s.get("location", ""),
                          s.get("notes", ""), int(s["id"])) for s in raw.get("sources", [])]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise UserError(f"{name} is damaged: its case details, people, documents or "
                        f"categories cannot be read ({error!r}). Nothing was imported.") \
            from error
    events, refused = [], []
    for number, item in enumerate(raw.get("events", []), start=1):
        try:
            events.append(_event(item))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            title = item.get("title", "") if isinstance(item, dict) else ""
            refused.append(ImportRow(number, [str(number), "", str(title)],
                                     problems=[f"This event cannot be read ({error!r})."]))
    return CaseSnapshot(info, categories, parties, sources, events), refused


def _info(case: dict[str, Any]) -> CaseInfo:
    reference = case.get("reference_date")
    return CaseInfo(case.get("title", "Untitled case"), list(case.get("court_lines", [])),
                    case.get("claim_number", ""),
                    [CaseParty(p["name"], p["role"]) for p in case.get("parties", [])],
                    case.get("prepared_by", ""),
                    dt.date.fromisoformat(reference) if reference else None,
                    case.get("date_order", "dmy"), case.get("created", ""),
                    case.get("modified", ""))


def _fuzzy(spec: dict[str, Any] | None) -> FuzzyDate | None:
    if spec is None:
        return None
    return FuzzyDate(date_from_iso(spec.get("earliest")), date_from_iso(spec.get("latest")),
                     spec.get("precision", "unknown"), spec.get("qualifier", "on"),
                     bool(spec.get("approximate", False)), spec.get("text", ""))


def _event(item: dict[str, Any]) -> Event:
    if not isinstance(item.get("title"), str) or not item["title"].strip():
        raise ValueError("it has no title")
    return Event(
        item["title"], _fuzzy(item.get("date")) or FuzzyDate(), _fuzzy(item.get("end")),
        item.get("description", ""), item.get("category_id"), item.get("status", "undisputed"),
        bool(item.get("key", False)), item.get("privileged_note", ""),
        dict(item.get("versions", {})), int(item.get("sequence", 0)),
        tuple(int(p) for p in item.get("party_ids", [])),
        tuple(SourceLink(int(s["source_id"]), s.get("pinpoint", ""))
              for s in item.get("sources", [])),
        int(item["id"]) if item.get("id") is not None else None, 0,
        item.get("created", ""), item.get("modified", ""), item.get("created_by", ""),
        item.get("modified_by", ""))


def plan_case(snapshot: CaseSnapshot, name: str, kind: str, store: CaseStore,
              refused: list[ImportRow] | None = None) -> ImportPlan:
    """Bring ``snapshot`` into ``store``: the whole case into an empty case, else a merge.

    Into an empty case every id, stamp and the case details are kept. Otherwise people,
    documents and categories are matched by name (or added), and duplicates are flagged.
    """
    summary = store.summary()
    empty = not (summary.events or summary.parties or summary.sources or summary.categories)
    records, duplicates = Records(None if empty else store), Duplicates(None if empty else store)
    ids: dict[str, dict[int, int]] = {"category": {}, "party": {}, "source": {}}
    for category in snapshot.categories:
        ids["category"][category.id] = (category.id if empty else  # type: ignore[index]
                                        records.category(category.name, category.colour))
    for party in snapshot.parties:
        ids["party"][party.id] = party.id if empty else records.party(party.name, party)  # type: ignore[index]
    for source in snapshot.sources:
        ids["source"][source.id] = source.id if empty else records.source(source.title, source)  # type: ignore[index]
    if empty:
        records.new_categories, records.new_parties = snapshot.categories, snapshot.parties
        records.new_sources = snapshot.sources
    rows = list(refused or [])
    for number, event in enumerate(snapshot.events, start=len(rows) + 1):
        row = ImportRow(number, [str(number), event.date.text, event.title])
        missing = ([f"person {p}" for p in event.party_ids if p not in ids["party"]]
                   + [f"document {s.source_id}" for s in event.sources
                      if s.source_id not in ids["source"]]
                   + ([f"category {event.category_id}"] if event.category_id is not None
                      and event.category_id not in ids["category"] else []))
        if missing:
            row.problems.append(f"It refers to {', '.join(missing)}, which the file does not "
                                "have.")
        else:
            row.event = Event(
                event.title, event.date, event.end, event.description,
                None if event.category_id is None else ids["category"][event.category_id],
                event.status, event.key, event.privileged_note, dict(event.versions),
                event.sequence, tuple(ids["party"][p] for p in event.party_ids),
                tuple(SourceLink(ids["source"][s.source_id], s.pinpoint)
                      for s in event.sources),
                event.id if empty else None, 0, event.created,
                event.modified if empty else "", event.created_by,
                event.modified_by if empty else "")
            row.duplicate_of = duplicates.check(event.date, event.title, f"event {number} of "
                                                "the file")
        rows.append(row)
    return ImportPlan(name, kind, list(HEADINGS), rows, records,
                      case_info=snapshot.info if empty else None, keep_stamps=empty,
                      keep_unused_records=empty)
