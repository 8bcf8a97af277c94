"""Progress of long work (reading or saving an import), and the user's Cancel."""

from __future__ import annotations

from collections.abc import Callable

from timeline_app.core.errors import CancelledError

Progress = Callable[[int, int], bool]
"""Called with (done, in all); return False to cancel."""


def check_progress(progress: Progress | None, done: int, total: int, what: str) -> None:
    """Report progress every so often; the user's Cancel becomes a CancelledError."""
    if progress is not None and not progress(done, total):
        raise CancelledError(f"The {what} was cancelled; the case is unchanged.")
