"""Errors split by who is at fault: the user's situation (tell them) or our bug (log it)."""


class UserError(Exception):
    """A problem the user can act on; ``str(error)`` is a sentence for a lawyer, not a developer."""


class CaseFileError(UserError):
    """The file cannot be used as a case: missing, foreign, damaged, newer, locked."""


class ReadOnlyError(UserError):
    """A change was asked of a case that is open read-only."""


class ConflictError(UserError):
    """Someone else changed or deleted the record since it was read; nothing was written."""


class CancelledError(UserError):
    """The user cancelled a long task (an export, an import); nothing was written."""


class ReadInterruptedError(UserError):
    """A read beside the window was stopped for a change made in this process: read again."""

    def __init__(self) -> None:
        super().__init__("The reading was stopped for a change; it is read again after it.")
