"""The case store: the one interface to a case, and the only place that speaks SQL.

A case lives in a file (``sqlite``, the default) or on a team's PostgreSQL server
(``postgres``). Every public method that changes the case runs in one write transaction that
has committed when the method returns, and writes one audit row per changed field to
``changes``: there is never unsaved work. Reads that take several statements run in one read
transaction, so they never mix two states of a case that someone else is writing. A case from
elsewhere is checked before anything in it runs.

The parts, one concern each (``CaseStore`` is made of them; the backends add their own ways):

- ``base``: the connection, transactions and what a backend must provide;
- ``rows``: records to columns and back, decoded by column name;
- ``search``: filters, and the search index kept in step;
- ``events``: events and their links; ``records``: the case details, the cast, documents and
  categories; ``batches``: imports and merges in one transaction;
- ``audit``: the audit trail; ``summaries``: counts, numbers, the timeline's rows, checks;
- ``case``: :class:`CaseStore`, which opens a file or a server case by its address;
- ``sqlite``: the case file (sqlite-utils for single rows, plain SQL for the rest, FTS5);
- ``postgres``: a case on a server (psycopg 3; PostgreSQL's own text search, grants and
  row-level security).
"""

from timeline_app.core.store.case import CaseStore, is_server_address
from timeline_app.core.store.search import EVENT_ORDERS, EventFilter
from timeline_app.core.store.sqlite.files import is_case_file, place_new_file

__all__ = [
    "EVENT_ORDERS",
    "CaseStore",
    "EventFilter",
    "is_case_file",
    "is_server_address",
    "place_new_file",
]
