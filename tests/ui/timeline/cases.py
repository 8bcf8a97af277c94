"""Cases for the timeline's tests: many events in ten lanes, a few of them key, some undated."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from timeline_app.core.model import Category, Event, FuzzyDate, Status
from timeline_app.core.store import CaseStore

CATEGORIES = [
    ("Contract", "#1f6fb2"),
    ("Correspondence", "#00838f"),
    ("Proceedings", "#546e7a"),
    ("Security", "#c62828"),
    ("Service failures", "#ef6c00"),
    ("Staffing", "#6a1b9a"),
    ("Finance", "#2e7d32"),
    ("Meetings", "#8d6e63"),
    ("Audit", "#ad1457"),
    ("Regulator", "#283593"),
]
WORDS = [
    "invoice",
    "outage",
    "audit",
    "report",
    "meeting",
    "letter",
    "notice",
    "claim",
    "board",
    "firmware",
    "server",
    "contract",
    "variation",
    "penalty",
    "review",
    "security",
    "breach",
    "helpdesk",
    "downtime",
    "payment",
    "escalation",
    "minutes",
    "statement",
    "witness",
    "schedule",
    "accreditation",
    "supplier",
    "migration",
    "rollout",
    "licence",
    "warranty",
]


def crowded(path: Path, count: int, *, key_events: int = 12, seed: int = 17) -> Path:
    """A case of ``count`` events over ten years in ten categories: most on a day, some to
    the month or the year, one in ten a span, one in twenty undated; ``key_events`` key."""
    rng = random.Random(seed)
    start = dt.date(2010, 1, 1)
    with CaseStore.create(path, title="Crowded v Busy") as store:
        ids = [store.add_category(Category(name, colour)).id for name, colour in CATEGORIES]
        key = set(rng.sample(range(count), min(key_events, count)))
        events = []
        for i in range(count):
            day = start + dt.timedelta(days=rng.randrange(3650))
            kind = rng.random()
            end = None
            if kind < 0.05 and i not in key:
                date = FuzzyDate(text="Undated")
            elif kind < 0.6:
                date = FuzzyDate(day, day, "day")
            elif kind < 0.8:
                first = day.replace(day=1)
                last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                date = FuzzyDate(first, last, "month")
            elif kind < 0.9:
                date = FuzzyDate(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year")
            else:
                date = FuzzyDate(day, day, "day")
                finish = day + dt.timedelta(days=rng.randrange(5, 400))
                end = FuzzyDate(finish, finish, "day")
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 9)))
            events.append(
                Event(
                    f"{words.capitalize()} {i}",
                    date=date,
                    end=end,
                    category_id=ids[i % len(ids)],
                    status=rng.choice([Status.UNDISPUTED, Status.UNDISPUTED, Status.DISPUTED]),
                    key=i in key,
                )
            )
        store.add_events(events)
    return path
