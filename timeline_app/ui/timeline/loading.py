"""Reading a big case's timeline on a thread of its own, so that the window never waits.

The thread opens the case file again (for reading only: a connection of its own), reads the
dated and undated events while a second thread checks every event's values
(:meth:`~timeline_app.core.store.CaseStore.check_values`, all in SQLite: the two run at once),
and arranges them as the view stands when it starts; the window's thread only takes the
result. A newer load, or :meth:`TimelineLoader.cancel`, makes an older
one's result go unheard.

Signals:
    loaded(int, object): a load's number, and its :class:`LoadedTimeline` or the
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
from timeline_app.core.progress import bulk_work
from timeline_app.core.store import CaseStore
from timeline_app.core.timeline import (
    Arrangement,
    Lane,
    TimelineFilter,
    TimelineItem,
    UndatedItem,
    arrangement,
    timeline_items,
    undated_items,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LoadedTimeline:
    """What a load read, and how it was arranged (for ``arranged_for``'s settings)."""

    items: list[TimelineItem]
    lanes: list[Lane]
    undated: list[UndatedItem]
    arranged: Arrangement
    arranged_for: tuple[TimelineFilter, bool, tuple[str, ...]]
    """The filter, the choice of empty lanes and the lane order it was arranged with."""


class _ValueCheck:
    """Every event's values checked on a thread of its own, while the timeline is read.

    A value we never write is said before anything is drawn: leaving the ``with`` waits for
    the check, and its error (if any) is the one raised, before any the reading met.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._error: UserError | None = None
        self._thread = threading.Thread(target=self._check, name="value check", daemon=True)

    def __enter__(self) -> _ValueCheck:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._thread.join()
        error, self._error = self._error, None
        if error is not None:
            raise error

    def _check(self) -> None:
        try:
            with CaseStore.open(self._path, read_only=True, beside=True) as store:
                store.check_values()
        except UserError as error:  # kept without its frames: they would hold this check
            self._error = error.with_traceback(None)
        except Exception as error:  # a bug: logged, and said, never a load heard of no more
            log.exception("checking the values of %s failed", self._path)
            message = f"The case could not be checked ({error}); the log has more."
            self._error = UserError(message)


class TimelineLoader(QObject):
    """Starts loads, and says the newest one's result."""

    loaded = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._newest = 0

    def start(
        self,
        path: Path,
        lanes: str,
        shown: TimelineFilter,
        empty_lanes: bool,
        order: Sequence[str],
    ) -> int:
        """Begin reading ``path``'s timeline; its number (results of older loads go unheard)."""
        self._newest += 1
        number = self._newest
        settings = (shown, empty_lanes, tuple(order))
        threading.Thread(
            target=self._read,
            args=(number, path, lanes, settings),
            name=f"timeline load {number}",
            daemon=True,  # a closing window does not wait for it
        ).start()
        return number

    def cancel(self) -> None:
        """Let no load begun so far be heard."""
        self._newest += 1

    def _read(
        self,
        number: int,
        path: Path,
        lanes: str,
        settings: tuple[TimelineFilter, bool, tuple[str, ...]],
    ) -> None:
        result: LoadedTimeline | UserError | None
        try:
            result = self._load(number, path, lanes, settings)
        except ReadInterruptedError:  # a change made in the window, which loads it again
            return
        except UserError as error:
            result = error
        if result is not None and number == self._newest:
            self.loaded.emit(number, result)

    def _load(
        self,
        number: int,
        path: Path,
        lanes: str,
        settings: tuple[TimelineFilter, bool, tuple[str, ...]],
    ) -> LoadedTimeline | None:
        """The timeline read and arranged; None if cancelled or overtaken meanwhile."""
        with bulk_work():
            with _ValueCheck(path), CaseStore.open(path, read_only=True, beside=True) as store:
                items, lane_list = timeline_items(store, lanes, empty_lanes=True)
                undated = undated_items(store)
            if number != self._newest:
                return None  # no need to arrange it
            shown, empty_lanes, order = settings
            arranged = arrangement(
                items, lane_list, undated, shown=shown, empty_lanes=empty_lanes, order=order
            )
        return LoadedTimeline(items, lane_list, undated, arranged, settings)
