"""Team cases on a PostgreSQL server (psycopg 3): one database, many cases, each in its schema.

Imported only when a server case is opened, so the window starts as fast without it.
"""

from timeline_app.core.store.postgres.case import ServerCaseStore

__all__ = ["ServerCaseStore"]
