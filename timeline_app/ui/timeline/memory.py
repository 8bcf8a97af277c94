"""The timeline's view of each case, remembered in the settings: a view setting, not the case's.

Where the view was (its start and zoom), what the lanes are and the order the user dragged
them into (for each kind of lane), whether empty lanes and the undated events show, and
whether the timeline follows the table's filters. None of it changes the case, so none of it
is undone: it is the user's, on this computer, like the window's size.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from timeline_app.core.timeline import LANE_KINDS
from timeline_app.core.timescale import TimeScale


@dataclass
class TimelineMemory:
    """What is remembered of one case's timeline (the defaults are a first visit's)."""

    start: float | None = None
    per_pixel: float | None = None
    lanes: str = "category"
    orders: dict[str, list[str]] = field(default_factory=dict)
    empty_lanes: bool = False
    undated_open: bool = True
    follow_filters: bool = True

    def scale(self, width: int) -> TimeScale | None:
        """The remembered view over ``width`` pixels (None: none remembered)."""
        if self.start is None or self.per_pixel is None or self.per_pixel <= 0:
            return None
        return TimeScale(self.start, self.per_pixel, max(1, width))


def _group(case: str) -> str:
    return "timeline/" + hashlib.sha256(case.encode("utf-8")).hexdigest()[:20]


def recall(settings: QSettings, case: str) -> TimelineMemory:
    """What was remembered of ``case`` (a file's full path, or a server case's name)."""
    group = _group(case)

    def value(name: str, default: object) -> object:
        return settings.value(f"{group}/{name}", default)

    def number(name: str) -> float | None:
        try:
            found = value(name, None)
            return None if found is None else float(found)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None

    def flag(name: str, default: bool) -> bool:
        found = value(name, default)
        return found in (True, "true", "1", 1) if not isinstance(found, bool) else found

    lanes = str(value("lanes", "category"))
    orders = {}
    for kind in LANE_KINDS:
        found = value(f"order/{kind}", [])
        orders[kind] = [found] if isinstance(found, str) else [str(o) for o in found or []]
    return TimelineMemory(
        start=number("start"),
        per_pixel=number("per_pixel"),
        lanes=lanes if lanes in LANE_KINDS else "category",
        orders=orders,
        empty_lanes=flag("empty_lanes", False),
        undated_open=flag("undated_open", True),
        follow_filters=flag("follow_filters", True),
    )


def remember(settings: QSettings, case: str, memory: TimelineMemory) -> None:
    """Keep ``memory`` for ``case``."""
    group = _group(case)
    settings.setValue(f"{group}/start", memory.start)
    settings.setValue(f"{group}/per_pixel", memory.per_pixel)
    settings.setValue(f"{group}/lanes", memory.lanes)
    for kind, order in memory.orders.items():
        settings.setValue(f"{group}/order/{kind}", list(order))
    settings.setValue(f"{group}/empty_lanes", memory.empty_lanes)
    settings.setValue(f"{group}/undated_open", memory.undated_open)
    settings.setValue(f"{group}/follow_filters", memory.follow_filters)
