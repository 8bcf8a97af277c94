"""Fixtures for the core's tests: a case in each of its homes, for the shared store suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline_app.core.store import CaseStore


@pytest.fixture(params=["file", "server"])
def any_address(request: pytest.FixtureRequest, case_path: Path) -> str | Path:
    """A new, empty case in a file, then on the session's PostgreSQL server: its address.

    A test that uses it (or :func:`any_store`) runs once in each home.
    """
    if request.param == "file":
        CaseStore.create(case_path, title="Test case").close()
        return case_path
    return request.getfixturevalue("server_case")


@pytest.fixture
def any_store(any_address: str | Path) -> Iterator[CaseStore]:
    """The case at :func:`any_address`, open."""
    with CaseStore.open(any_address) as opened:
        yield opened
