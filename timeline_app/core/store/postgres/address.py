"""A server case's address: a libpq URI with a ``case`` parameter, taken apart.

``postgresql://USER@HOST:PORT/DBNAME?case=NAME`` (other libpq parameters, such as
``host=/run/postgresql`` for a socket or ``sslmode``, are kept). The case name is taken out
before connecting; a password is never kept by the app: libpq finds it where it always looks
(``PGPASSWORD``, ``~/.pgpass``, a service file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, quote, unquote, urlencode, urlsplit

from timeline_app.core.errors import UserError

_NAME = re.compile(r"[^\W_][\w .,'&()-]{0,79}", re.UNICODE)
"""A case name: letters, digits, spaces and the punctuation of case titles; 80 at most."""


@dataclass(frozen=True)
class ServerAddress:
    """Where a case lives on a server, and how to reach the server."""

    conninfo: str
    """The address without the case: what libpq connects to."""
    case: str
    """The case's name on that server ("" when the address names only the server)."""

    @property
    def shown(self) -> str:
        """The address as it may be shown and remembered: never with a password in it."""
        return without_password(with_case(self.conninfo, self.case) if self.case else self.conninfo)

    @property
    def server(self) -> str:
        """Which server, for a sentence ("db.firm.local", or "this computer" for a socket)."""
        parts = urlsplit(self.conninfo)
        hosts = dict(parse_qsl(parts.query)).get("host") or parts.hostname
        return "this computer" if not hosts or hosts.startswith("/") else hosts


def parse(address: str, *, case_required: bool = True) -> ServerAddress:
    """Take a ``postgresql://…?case=NAME`` address apart.

    :raises UserError: not such an address, or no (or a bad) case name where one is needed.
    """
    parts = urlsplit(address)
    if parts.scheme not in ("postgresql", "postgres"):
        raise UserError(f"{address!r} is not a server address (postgresql://…?case=NAME).")
    query = parse_qsl(parts.query, keep_blank_values=True)
    cases = [value for key, value in query if key == "case"]
    rest = [(key, value) for key, value in query if key != "case"]
    case = cases[-1].strip() if cases else ""
    if case_required and not case:
        raise UserError(
            f"{without_password(address)} names a server but not a case on it: add "
            '"?case=NAME" (main.py cases URL lists them).'
        )
    if case and not _NAME.fullmatch(case):
        raise UserError(
            f"{case!r} is not a case name: use letters, digits, spaces and . , ' & ( ) -, "
            "at most 80 characters."
        )
    return ServerAddress(_join(parts, rest), case)


def with_case(conninfo: str, case: str) -> str:
    """A server's address with a case named on it."""
    parts = urlsplit(conninfo)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "case"]
    return _join(parts, [*query, ("case", case)])


def without_password(address: str) -> str:
    """The address with any password taken out, for messages, titles and recent lists."""
    parts = urlsplit(address)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    if parts.password is None:
        return unquote(_join(parts, query))
    user = parts.username or ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    netloc = f"{user}@{host}{port}" if user else f"{host}{port}"
    return unquote(_join(parts._replace(netloc=netloc), query))


def _join(parts: SplitResult, query: list[tuple[str, str]]) -> str:
    """An address put back together; ``postgresql:///db`` keeps its empty host (a socket)."""
    text = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return f"{text}?{urlencode(query, quote_via=quote)}" if query else text
