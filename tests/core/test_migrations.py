"""Schema upgrades: a file of the first schema opens as the current one, with nothing lost."""

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from timeline_app.core import migrations
from timeline_app.core.errors import CaseFileError
from timeline_app.core.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate, schema_version
from timeline_app.core.store import CaseStore, EventFilter


def first_schema_case(path: Path) -> None:
    """A case as the first release wrote it: schema 1, one event linked to a party."""
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, target=1) == [1]
    db.execute(
        "INSERT INTO case_info (id, title, created, modified)"
        " VALUES (1, 'Old case', '2019-01-01T00:00:00+00:00', '2019-01-01T00:00:00+00:00')"
    )
    db.execute("INSERT INTO parties (id, name, kind) VALUES (1, 'Alice Smith', 'person')")
    db.execute(
        "INSERT INTO events (id, title, description, date_text, date_earliest, date_latest,"
        " date_precision, date_qualifier, sort_key, status, created, modified, created_by,"
        " modified_by) VALUES (1, 'Contract signed', 'Signed at the offices', '1 May 2016',"
        " '2016-05-01', '2016-05-01', 'day', 'on', '2016-05-01T00:00 2', 'undisputed', 'x',"
        " 'x', 'alice', 'alice')"
    )
    db.execute("INSERT INTO event_parties (event_id, party_id) VALUES (1, 1)")
    db.close()


def test_a_first_schema_file_is_upgraded_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.case"
    first_schema_case(path)
    with CaseStore.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        [event] = store.events()
        assert (event.title, event.date.text, event.party_ids) == (
            "Contract signed",
            "1 May 2016",
            (1,),
        )
        # Schema 2 built the search index over what schema 1 held.
        assert store.count_events(EventFilter(text="smith")) == 1
        assert store.count_events(EventFilter(text="offices")) == 1
        # Schema 3 gave the case a time zone: London, where the app began.
        assert store.case_info().time_zone == "Europe/London"
        # And the chronology in Evidence Timeline's own style, references bare.
        info = store.case_info()
        assert (info.house_template, info.reference_brackets) == ("", False)
        # Schema 4: the wording check is on until the case says otherwise.
        assert info.wording_check is True
        store.update_case_info(
            dataclasses.replace(info, house_template="/firm/house.dotx", reference_brackets=True)
        )
    with CaseStore.open(path) as store:
        info = store.case_info()
        assert (info.house_template, info.reference_brackets) == ("/firm/house.dotx", True)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_an_older_file_is_not_upgraded_when_opened_read_only(tmp_path: Path) -> None:
    path = tmp_path / "old.case"
    first_schema_case(path)
    before = path.read_bytes()
    with pytest.raises(CaseFileError, match="open it once in the app to upgrade it"):
        CaseStore.open(path, read_only=True)
    assert path.read_bytes() == before


def test_a_failing_step_leaves_the_file_at_the_last_complete_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.case"
    first_schema_case(path)

    def broken_step(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken_step])
    db = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(RuntimeError, match="power cut"):
        migrate(db, target=SCHEMA_VERSION + 1)
    assert schema_version(db) == SCHEMA_VERSION
    assert db.execute("SELECT 1 FROM sqlite_schema WHERE name = 'half_done'").fetchone() is None
    db.close()
