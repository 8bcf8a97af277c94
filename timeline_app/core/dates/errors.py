"""The one error the date engine raises: the text is not a date it can read, and why."""

from __future__ import annotations

from timeline_app.core.errors import UserError


class DateError(UserError):
    """The text is not a date this engine can read; the message says why."""


class UnrecognisedError(Exception):
    """No rule of the grammar reads this text (another rule, or dateparser, still may)."""
