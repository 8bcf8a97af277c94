"""CaseStore: the one interface to a case, wherever it lives; every part of it is a mixin.

A case is a file on the user's disk (the default: ``store.sqlite``) or a case on a team's
PostgreSQL server (``store.postgres``), named by a ``postgresql://…?case=NAME`` address
wherever a case path is accepted. Everything above the store speaks to this class alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from timeline_app.core.store.audit import AuditMixin
from timeline_app.core.store.batches import BatchesMixin
from timeline_app.core.store.summaries import SummariesMixin

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_address(address: str | os.PathLike[str]) -> bool:
    """Whether ``address`` names a case on a server rather than a file."""
    return isinstance(address, str) and address.startswith(SERVER_SCHEMES)


class CaseStore(BatchesMixin, SummariesMixin, AuditMixin):
    """An open case. Use :meth:`open` or :meth:`create`; close it (or use ``with``).

    Attributes:
        path: the case file, for a case in a file; None for a case on a server.

    """

    path: Path | None = None

    @classmethod
    def open(
        cls,
        address: str | os.PathLike[str],
        *,
        read_only: bool = False,
        timeout: float = 5.0,
        beside: bool = False,
    ) -> CaseStore:
        """Open an existing case, a file or on a server; refuse anything else in words.

        :param read_only: open for reading only even when it could be written.
        :param timeout: seconds to wait for another program's write lock.
        :param beside: a file read beside the window, which a change this process makes to it
            stops (:class:`~timeline_app.core.errors.ReadInterruptedError`). A server's
            readers never hold up its writers.
        :raises CaseFileError: missing, foreign, damaged, newer or locked.
        """
        if is_server_address(address):
            from timeline_app.core.store.postgres import ServerCaseStore  # noqa: PLC0415

            return ServerCaseStore.open(str(address), read_only=read_only)
        from timeline_app.core.store.sqlite import FileCaseStore  # noqa: PLC0415

        return FileCaseStore.open(address, read_only=read_only, timeout=timeout, beside=beside)

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        title: str = "Untitled case",
        fill: Callable[[CaseStore], None] | None = None,
        timeout: float = 5.0,
    ) -> CaseStore:
        """Create a new case file at ``path``; an existing file there is never replaced.

        :param fill: adds the new case's contents before it is put in place.
        :raises CaseFileError: no name, the file exists, or the folder cannot be written.
        """
        from timeline_app.core.store.sqlite import FileCaseStore  # noqa: PLC0415

        return FileCaseStore.create(path, title=title, fill=fill, timeout=timeout)

    @property
    def location(self) -> str:
        """Where the case is, to show and remember: a path, or an address with no password."""
        raise NotImplementedError

    def damage(self) -> list[str]:
        """What a full check of the case finds damaged: nothing (a server keeps its own whole).

        :raises CaseFileError: the case cannot be read for the check (locked).
        """
        return []

    def save_copy(self, path: str | os.PathLike[str]) -> None:
        """Write a snapshot of the case to a new case file at ``path``, never replacing one.

        :raises CaseFileError: the file exists or the folder cannot be written.
        """
        raise NotImplementedError
