"""The case file: one case in one SQLite file on the user's disk (the default home of a case)."""

from timeline_app.core.store.sqlite.case import FileCaseStore

__all__ = ["FileCaseStore"]
