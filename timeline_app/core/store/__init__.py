"""The case store: one case in one SQLite file, the only place that speaks SQL.

Schema steps live in ``migrations``. Every public method that changes the case runs in one
``BEGIN IMMEDIATE`` transaction that has committed when the method returns, and writes one
audit row per changed field to ``changes``: there is never unsaved work. Reads that take several
statements run in one read transaction, so they never mix two states of a file that another copy
of the app is writing. Files from elsewhere are checked before anything in them runs.

The parts, one concern each (``CaseStore`` is made of them):

- ``files``: what a case file must look like before it is opened (plain ``sqlite3``);
- ``base``: the connection, transactions and write errors;
- ``rows``: records to columns and back, decoded by column name;
- ``search``: filters and the full-text index (plain SQL);
- ``events``: events and their links (plain SQL; sqlite-utils to update one event's columns);
- ``records``: the case details, the cast, documents and categories (sqlite-utils inserts and
  updates these small tables);
- ``batches``: imports and merges in one transaction;
- ``audit``: the audit trail; ``summaries``: counts, numbers and the timeline's rows;
- ``case``: :class:`CaseStore` itself, opened, created and copied.
"""

from timeline_app.core.store.case import CaseStore
from timeline_app.core.store.files import is_case_file, place_new_file
from timeline_app.core.store.search import EVENT_ORDERS, EventFilter, fts_query

__all__ = [
    "EVENT_ORDERS",
    "CaseStore",
    "EventFilter",
    "fts_query",
    "is_case_file",
    "place_new_file",
]
