"""Progress of long work (reading or saving an import), and the user's Cancel."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator

from timeline_app.core.errors import CancelledError

Progress = Callable[[int, int], bool]
"""Called with (done, in all); return False to cancel."""


def check_progress(progress: Progress | None, done: int, total: int, what: str) -> None:
    """Report progress every so often; the user's Cancel becomes a CancelledError."""
    if progress is not None and not progress(done, total):
        raise CancelledError(f"The {what} was cancelled; the case is unchanged.")


_depth = 0  # bulk work under way, on any thread
_was_enabled = True  # whether the collector ran before the first of them began
_set_aside = False  # whether gc.freeze() set objects aside since they were last handed back
_pausing = threading.Lock()


@contextlib.contextmanager
def bulk_work() -> Iterator[None]:
    """Work that makes hundreds of thousands of objects that stay (an import, a timeline).

    Python's cycle collector is paused meanwhile: it would walk every object alive again and
    again as they are made (a third of a big import's time), and they hold no cycles that
    reference counting leaves. When the last such work ends, what is alive is set aside from
    the collector (``gc.freeze``): its next passes would walk a million new objects, twice,
    holding every thread (the window's too) for most of a second. Set-aside objects are still
    freed when no longer referenced; a cycle among them is collected once they are handed back
    (:func:`collect_set_aside`, when a case closes).
    """
    global _depth, _was_enabled, _set_aside  # noqa: PLW0603  (one for the process, as the collector)
    with _pausing:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _pausing:
            _depth -= 1
            if _depth == 0:
                gc.freeze()
                _set_aside = True
                if _was_enabled:
                    gc.enable()


def collect_set_aside() -> None:
    """Hand back to the collector what bulk work set aside, and collect what is garbage.

    For a moment when a pause goes unnoticed (a case closing): it walks every object.
    """
    global _set_aside  # noqa: PLW0603  (one for the process, as the collector)
    with _pausing:
        if not _set_aside or _depth:  # nothing set aside, or bulk work under way
            return
        _set_aside = False
        gc.unfreeze()
    gc.collect()
