"""The table's search and filters of a big case, read on a thread of their own.

Typing in the search box of a case of a million events must not stop the window while the
events that match are found and put in order. The thread opens the case file again (for
reading only: a connection of its own) and reads the matching ids; the window's thread only
takes them. A newer search, or :meth:`TableSearch.cancel`, makes an older one go unheard.

Signals:
    found(int, object): a search's number, and its :class:`Found` or the
        :class:`~timeline_app.core.errors.UserError` that stopped it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from timeline_app.core.errors import ReadInterruptedError, UserError
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.core.timeline import (
    Arrangement,
    Refading,
    TimelineFilter,
    refading,
    timeline_filter,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Found:
    """What a search read: the ids, the case's event count, the timeline's filter to match.

    ``shown`` is what the timeline shows if it follows the table; ``refading`` where its
    hits are in the timeline's lanes as they stood when the search began (None: no lanes).
    """

    event_filter: EventFilter
    ordering: tuple[str, bool]
    ids: list[int]
    total: int
    shown: TimelineFilter
    refading: Refading | None


def _picked(hits: set[int], order: Sequence[int]) -> list[int]:
    """The ids in ``hits``, in ``order``: a stretch at a time, not to hold the window long."""
    picked: list[int] = []
    step = 50_000
    for low in range(0, len(order), step):
        picked.extend(filter(hits.__contains__, order[low : low + step]))
    return picked


class TableSearch(QObject):
    """Starts searches, and says the newest one's result."""

    found = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._newest = 0
        self._heard = 0

    @property
    def pending(self) -> bool:
        """Whether a search was started and neither heard nor cancelled."""
        return self._heard != self._newest

    def start(
        self,
        path: Path,
        event_filter: EventFilter,
        ordering: tuple[str, bool],
        arranged: Arrangement | None = None,
        court_order: Sequence[int] | None = None,
    ) -> int:
        """Begin finding ``event_filter``'s events in ``path``; the search's number.

        :param ordering: a store order's name, and whether it is reversed.
        :param arranged: the timeline's lanes, to work out where the hits are in them.
        :param court_order: every event's id in court order, as the case is now (never
            changed afterwards): the hits are picked from it, not put in order again.
        """
        self._newest += 1
        threading.Thread(
            target=self._read,
            args=(self._newest, path, event_filter, ordering),
            kwargs={"arranged": arranged, "court_order": court_order},
            name=f"table search {self._newest}",
            daemon=True,  # a closing window does not wait for it
        ).start()
        return self._newest

    def cancel(self) -> None:
        """Let no search begun so far be heard."""
        self._newest += 1
        self._heard = self._newest

    def hear(self, number: int) -> bool:
        """Whether search ``number``'s result is the one to show (the newest, not cancelled)."""
        if number != self._newest or not self.pending:
            return False
        self._heard = number
        return True

    def _read(
        self,
        number: int,
        path: Path,
        event_filter: EventFilter,
        ordering: tuple[str, bool],
        *,
        arranged: Arrangement | None,
        court_order: Sequence[int] | None,
    ) -> None:
        result: Found | UserError
        try:
            with CaseStore.open(path, read_only=True, beside=True) as store:
                order, reversed_ = ordering
                if court_order is not None and order == "chronology":
                    ids = _picked(store.event_id_set(event_filter), court_order)
                else:
                    ids = store.event_ids(event_filter, order_by=order)
                if number != self._newest:
                    return  # overtaken or cancelled: no need to read more
                if reversed_:
                    ids.reverse()
                shown = timeline_filter(store, event_filter, ids)
                total = store.count_events()
            lanes = None if arranged is None else refading(arranged, shown.hits)
            result = Found(event_filter, ordering, ids, total, shown, lanes)
        except ReadInterruptedError:  # a change made meanwhile: the window searches again
            return
        except UserError as error:
            result = error
        except Exception as error:  # a bug: logged, and said, never a search heard of no more
            log.exception("the search in %s failed", path)
            result = UserError(f"The search could not be finished ({error}); the log has more.")
        if number == self._newest:
            self.found.emit(number, result)
