"""Team cases on a server: set one up, list its cases, move a case up and back, grant rights.

Each use case is one call for the command line (``main.py server …``, ``cases``, ``publish``,
``checkout``) and the window (File ▸ Open from server…). psycopg is imported only here and in
the server store, so the window starts without it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from timeline_app.core.errors import UserError
from timeline_app.core.store import CaseStore


@dataclass(frozen=True)
class ServerCase:
    """A case on a server, as listed: its name, title and events (None: no rights to read)."""

    name: str
    title: str
    events: int | None


def shown(address: str | os.PathLike[str]) -> str:
    """An address as it may be printed or remembered: never with a password in it."""
    from timeline_app.core.store import is_server_address  # noqa: PLC0415

    if not is_server_address(address):
        return str(address)
    from timeline_app.core.store.postgres.address import without_password  # noqa: PLC0415

    return without_password(str(address))


def set_up(address: str) -> str:
    """Make (or bring up to date) what a server needs to hold cases; what was done, in words."""
    from timeline_app.core.store.postgres import case as server  # noqa: PLC0415
    from timeline_app.core.store.postgres.address import parse  # noqa: PLC0415

    where = parse(address, case_required=False)
    return f"{where.shown} {server.init_server(where.conninfo, where.shown)}."


def cases(address: str) -> list[ServerCase]:
    """The cases on a server, by name."""
    from timeline_app.core.store.postgres import case as server  # noqa: PLC0415
    from timeline_app.core.store.postgres.address import parse  # noqa: PLC0415

    where = parse(address, case_required=False)
    return [ServerCase(*found) for found in server.list_cases(where.conninfo, where.shown)]


def publish(path: str | os.PathLike[str], address: str) -> int:
    """Upload a case file whole to a new case on a server; how many events went up.

    :raises UserError: the file cannot be opened, the name is taken on the server, or the
        server refuses.
    """
    from timeline_app.core.store.postgres import case as server  # noqa: PLC0415

    with server.publish(path, address) as published:
        return published.count_events()


def checkout(address: str, path: str | os.PathLike[str]) -> int:
    """A complete local case file of a server case (every record, stamp and audit row).

    :raises UserError: the case cannot be opened, or the file cannot be written.
    """
    with CaseStore.open(address, read_only=True) as case:
        case.save_copy(path)
        return case.count_events()


ACCESS = ("reader", "editor", "owner")


def grant(address: str, role: str, access: str, *, privileged: bool = False) -> None:
    """Let a database role read, edit or own a server case (and read privileged notes)."""
    if access not in ACCESS:
        raise UserError(f"Access is one of {', '.join(ACCESS)}, not {access!r}.")
    from timeline_app.core.store.postgres import case as server  # noqa: PLC0415

    server.grant(address, role, access, privileged=privileged)


def revoke(address: str, role: str) -> None:
    """Take every right to a server case away from a database role."""
    from timeline_app.core.store.postgres import case as server  # noqa: PLC0415

    server.revoke(address, role)
