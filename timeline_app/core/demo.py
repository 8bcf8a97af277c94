"""The demo case (the dispute in the seed article), written from ``resources/demo``."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from timeline_app.core.errors import CaseFileError
from timeline_app.core.model import (
    CaseInfo,
    Category,
    Event,
    FuzzyDate,
    Party,
    Source,
    SourceLink,
    date_from_iso,
    saved_id,
)
from timeline_app.core.store import CaseStore
from timeline_app.resources import resource_path

DEMO_FILE = ("demo", "demo_case.json")


def load_demo_data() -> dict[str, Any]:
    """The demo case as data (see ``resources/demo/demo_case.json``)."""
    return json.loads(resource_path(*DEMO_FILE).read_text(encoding="utf-8"))


def _fuzzy(spec: dict[str, Any]) -> FuzzyDate:
    return FuzzyDate(
        earliest=date_from_iso(spec.get("earliest")),
        latest=date_from_iso(spec.get("latest")),
        precision=spec.get("precision", "unknown"),
        qualifier=spec.get("qualifier", "on"),
        approximate=spec.get("approximate", False),
        text=spec.get("text", ""),
    )


def write_demo(path: str | os.PathLike[str]) -> Path:
    """Write the demo case to a new file at ``path`` and return it.

    Like every new case it is built under a temporary name and put in place whole.

    :raises CaseFileError: ``path`` exists already, or its folder cannot be written.
    """
    path = Path(path)
    if path.exists():
        raise CaseFileError(f"{path} already exists; choose another name for the demo case.")
    data = load_demo_data()
    with CaseStore.create(path, title=data["case"]["title"], fill=lambda store: _fill(store, data)):
        pass
    return path


def _fill(store: CaseStore, data: dict[str, Any]) -> None:
    case = dict(data["case"])
    if case.get("reference_date"):
        case["reference_date"] = dt.date.fromisoformat(case["reference_date"])
    store.update_case_info(CaseInfo(**case))
    categories = {
        c["name"]: saved_id(store.add_category(Category(**c))) for c in data["categories"]
    }
    parties = {p["name"]: saved_id(store.add_party(Party(**p))) for p in data["parties"]}
    sources = {s["bundle_ref"]: saved_id(store.add_source(Source(**s))) for s in data["sources"]}
    events = []
    for spec in data["events"]:
        events.append(
            Event(
                title=spec["title"],
                date=_fuzzy(spec["date"]),
                end=_fuzzy(spec["end"]) if spec.get("end") else None,
                description=spec.get("description", ""),
                category_id=categories[spec["category"]] if spec.get("category") else None,
                status=spec.get("status", "undisputed"),
                key=spec.get("key", False),
                privileged_note=spec.get("privileged_note", ""),
                versions=spec.get("versions", {}),
                sequence=spec.get("sequence", 0),
                party_ids=tuple(parties[name] for name in spec.get("parties", [])),
                sources=tuple(
                    SourceLink(sources[s["ref"]], s.get("pinpoint", ""))
                    for s in spec.get("sources", [])
                ),
            )
        )
    store.add_events(events)
