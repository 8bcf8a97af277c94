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
_pausing = threading.Lock()


@contextlib.contextmanager
def bulk_work() -> Iterator[None]:
    """Work that makes hundreds of thousands of objects that stay (an import, a timeline).

    Python's cycle collector is paused meanwhile: it would walk every object alive again and
    again as they are made (a third of a big import's time), and they hold no cycles that
    reference counting leaves. When the last such work ends, what is alive is set aside from
    the collector (``gc.freeze``): its next passes would walk a million new objects, twice,
    holding every thread (the window's too) for most of a second. Set-aside objects are still
    freed when no longer referenced; the next bulk work hands them back to the collector first,
    so a cycle left over then is collected in time.
    """
    global _depth, _was_enabled  # noqa: PLW0603  (one count for the process, as the collector)
    with _pausing:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
            gc.unfreeze()
        _depth += 1
    try:
        yield
    finally:
        with _pausing:
            _depth -= 1
            if _depth == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()
