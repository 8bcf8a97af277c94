"""Team cases on a real PostgreSQL server: addresses, access the database enforces, many writers,
and faults said in one sentence with nothing acknowledged lost.

Access is checked by connecting as each role with plain psycopg, as someone with psql would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psycopg
import pytest

from tests.postgres import Cluster, replica_of
from timeline_app.core.errors import CaseFileError, ReadOnlyError, UserError
from timeline_app.core.model import Batch, Category, Event, FuzzyDate, Party, Source, SourceLink
from timeline_app.core.services import server
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.core.store.base import StoreBase
from timeline_app.core.store.events import EventsMixin
from timeline_app.core.store.postgres import case as postgres_case
from timeline_app.core.store.postgres.address import parse, with_case, without_password
from timeline_app.core.store.postgres.case import ServerCaseStore

ROOT = Path(__file__).resolve().parents[2]


def raw(address: str, role: str | None = None) -> psycopg.Connection:
    """A plain connection to the server, as a role would make with psql."""
    where = parse(address, case_required=False)
    conninfo = (
        where.conninfo if role is None else where.conninfo.replace("user=postgres", f"user={role}")
    )
    return psycopg.connect(conninfo, autocommit=True)


def make_role(address: str, name: str) -> None:
    with raw(address) as admin:
        admin.execute(
            f"DO $$ BEGIN CREATE ROLE {name} LOGIN;"
            " EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )


def schema_of(address: str) -> str:
    with raw(address) as admin:
        return admin.execute(
            "SELECT schema_name FROM evidence_timeline.cases WHERE name = %s",
            [parse(address).case],
        ).fetchone()[0]


# ------------------------------------------------------------------------------- addresses


def test_an_address_names_a_case_and_never_keeps_a_password() -> None:
    where = parse(
        "postgresql://ann:s3cret@db.firm.local:5432/cases?case=Smith v Jones&sslmode=require"
    )
    assert where.case == "Smith v Jones"
    assert "case=" not in where.conninfo and "sslmode=require" in where.conninfo
    assert "s3cret" not in where.shown and where.server == "db.firm.local"
    assert without_password("postgresql:///db?host=/run/x&password=pw&case=A") == (
        "postgresql:///db?host=/run/x&case=A"
    )
    with pytest.raises(UserError, match='add "\\?case=NAME"'):
        parse("postgresql://db.firm.local/cases")
    with pytest.raises(UserError, match="is not a case name"):
        parse("postgresql://db/cases?case=" + "x" * 81)


# ------------------------------------------------------------------------------- moving cases


def test_a_file_case_goes_up_whole_and_comes_back_whole(
    postgres_ready: str, tmp_path: Path
) -> None:
    from timeline_app.core.demo import write_demo

    demo = write_demo(tmp_path / "demo.case")
    address = with_case(postgres_ready, "Published demo")
    assert server.publish(demo, address) == 17
    with pytest.raises(CaseFileError, match="already a case called 'Published demo'"):
        server.publish(demo, address)
    assert ("Published demo", "Sopra Steria v Interserve", 17) in [
        (c.name, c.title, c.events) for c in server.cases(postgres_ready)
    ]
    back = tmp_path / "back.case"
    assert server.checkout(address, back) == 17
    with (
        CaseStore.open(demo) as original,
        CaseStore.open(back) as returned,
        CaseStore.open(address) as online,
    ):
        for case in (returned, online):
            assert case.events() == original.events()  # every field, id and stamp
            assert case.parties() == original.parties() and case.sources() == original.sources()
            assert case.case_info() == original.case_info()
        history = [(c.at, c.action, c.entity_id, c.field) for c in original.changes()]
        assert [(c.at, c.action, c.entity_id, c.field) for c in returned.changes()][
            -len(history) :
        ] == history


# ------------------------------------------------------------------------------- access


def test_the_database_itself_keeps_readers_from_notes_and_changes(server_case: str) -> None:
    with CaseStore.open(server_case) as store:
        store.add_event(Event("Meeting", privileged_note="Counsel thinks this is weak."))
    for role in ("ann_reader", "bob_editor", "cat_privileged"):
        make_role(server_case, role)
    server.grant(server_case, "ann_reader", "reader")
    server.grant(server_case, "bob_editor", "editor")
    server.grant(server_case, "cat_privileged", "editor", privileged=True)
    schema = schema_of(server_case)

    with raw(server_case, "ann_reader") as ann:
        ann.execute(f"SET search_path TO {schema}")
        assert ann.execute("SELECT title FROM events").fetchall() == [("Meeting",)]
        for forbidden in (
            "SELECT * FROM events",
            "SELECT privileged_note FROM events",
            "UPDATE events SET title = 'x'",
            "DELETE FROM events",
            "DELETE FROM changes",
            "INSERT INTO parties (name, kind) VALUES ('x', 'person')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                ann.execute(forbidden)
        assert not ann.execute(
            "SELECT 1 FROM changes WHERE field = 'privileged_note' OR action = 'delete'"
        ).fetchall()
    with raw(server_case, "bob_editor") as bob:
        bob.execute(f"SET search_path TO {schema}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute("SELECT privileged_note FROM events")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute("UPDATE changes SET \"user\" = 'someone else'")
        bob.execute(
            "INSERT INTO changes (at, \"user\", action, entity) VALUES ('now', 'forged', 'x', 'y')"
        )
        assert bob.execute("SELECT \"user\" FROM changes WHERE action = 'x'").fetchone() == (
            "bob_editor",
        )  # the audit row names the role that wrote it, whatever it claimed
    with raw(server_case, "cat_privileged") as cat:
        cat.execute(f"SET search_path TO {schema}")
        assert cat.execute("SELECT privileged_note FROM events").fetchall() == [
            ("Counsel thinks this is weak.",)
        ]


def test_the_app_asks_first_and_says_so(server_case: str) -> None:
    for role in ("dan_reader", "eve_nobody"):
        make_role(server_case, role)
    server.grant(server_case, "dan_reader", "reader")
    as_dan = server_case.replace("user=postgres", "user=dan_reader")
    with CaseStore.open(as_dan) as store:
        assert store.read_only and "may read" in (store.read_only_reason or "")
        with pytest.raises(ReadOnlyError, match="not saved"):
            store.add_event(Event("Not allowed"))
    with pytest.raises(CaseFileError, match=r"Your role \(eve_nobody\) has no rights to any case"):
        CaseStore.open(server_case.replace("user=postgres", "user=eve_nobody"))
    with pytest.raises(CaseFileError, match=r"Your role \(eve_nobody\) has no rights to any case"):
        server.cases(server_case.replace("user=postgres", "user=eve_nobody"))
    server.revoke(server_case, "dan_reader")
    with pytest.raises(CaseFileError, match="has no rights"):
        CaseStore.open(as_dan)


def test_rights_to_one_case_open_no_other(postgres_ready: str) -> None:
    mine, theirs = (with_case(postgres_ready, f"Rights {n}") for n in ("mine", "theirs"))
    for address in (mine, theirs):
        postgres_case.create_case(address, title="Rights").close()
    make_role(mine, "ivy_reader")
    server.grant(mine, "ivy_reader", "reader")
    with pytest.raises(CaseFileError, match=r"Your role \(ivy_reader\) has no rights to the case"):
        CaseStore.open(theirs.replace("user=postgres", "user=ivy_reader"))
    as_ivy = postgres_ready.replace("user=postgres", "user=ivy_reader")
    assert [(c.name, c.events) for c in server.cases(as_ivy) if "Rights" in c.name] == [
        ("Rights mine", 0),
        ("Rights theirs", None),  # listed, as "no access"
    ]


def test_a_non_privileged_editor_sees_no_note_and_leaves_it_alone(server_case: str) -> None:
    with CaseStore.open(server_case) as store:
        event = store.add_event(Event("Meeting", privileged_note="Weak point."))
    make_role(server_case, "fay_editor")
    server.grant(server_case, "fay_editor", "editor")
    with CaseStore.open(server_case.replace("user=postgres", "user=fay_editor")) as fay:
        (seen,) = fay.events()
        assert seen.privileged_note == ""
        seen.title = "Meeting of directors"
        fay.update_event(seen)
    with CaseStore.open(server_case) as store:
        kept = store.get_event(event.id)
        assert (kept.title, kept.privileged_note) == ("Meeting of directors", "Weak point.")
        assert [c.user for c in store.changes(entity="event", entity_id=event.id, limit=1)] == [
            "fay_editor"
        ]


def test_an_editor_puts_back_what_they_took_out(server_case: str) -> None:
    make_role(server_case, "hal_editor")
    server.grant(server_case, "hal_editor", "editor")
    with CaseStore.open(server_case.replace("user=postgres", "user=hal_editor")) as hal:
        event = hal.add_event(Event("Mine"))
        assert hal.add_event(hal.delete_event(event.id)).id == event.id  # undo a delete
        saved = hal.add_batch(Batch([Event("Imported")], parties=[Party("Ann", id=-1)]))
        hal.remove_batch(saved)
        again = hal.add_batch(saved)  # redo an import: the same ids
        assert [e.id for e in again.events] == [e.id for e in saved.events]
        assert hal.add_event(Event("New")).id > again.events[0].id


# ------------------------------------------------------------------------------- imports


def rich_batch(count: int) -> Batch:
    """An import with every kind of field and link, and text that COPY must escape."""
    day = dt.date(2018, 11, 8)
    return Batch(
        [
            Event(
                f"Café meeting {i}\tabout the \\server\\ and\nits outage",
                FuzzyDate(day, day, "day", text="8 November 2018") if i % 3 else FuzzyDate(),
                end=FuzzyDate(day, day + dt.timedelta(days=i % 5), "day") if i % 7 == 0 else None,
                description="Root Cause Analysis \\N, not null" if i % 2 else "",
                category_id=-10 if i % 4 == 0 else None,
                status="disputed" if i % 5 == 0 else "undisputed",
                key=i % 9 == 0,
                privileged_note=f"Counsel's note {i}" if i % 6 == 0 else "",
                versions={"Claimant": f"It was {i}.", "Defendant": "It was not."} if i % 8 else {},
                sequence=i % 3,
                party_ids=(-1, -2, -1) if i % 2 else (-2,),
                sources=(SourceLink(-3, str(i % 40)), SourceLink(-3, str(i % 40))) if i % 3 else (),
            )
            for i in range(count)
        ],
        [Category("Outages", "#c62828", -10)],
        [Party("Ann Smith", id=-1), Party("Sopra Steria Ltd", kind="organisation", id=-2)],
        [Source("Board minutes", bundle_ref="D/1", first_page=10, id=-3)],
    )


def as_imported(case: CaseStore) -> tuple:
    """Everything an import leaves in a case, but the second each event was stamped at."""
    return (
        [dataclasses.replace(e, created="", modified="") for e in case.events()],
        case.parties(),
        case.sources(),
        case.categories(),
        [(c.user, c.action, c.entity, c.entity_id, c.field, c.old, c.new) for c in case.changes()],
        {
            words: case.event_ids(EventFilter(text=words))
            for words in (
                "cafe",
                "outage",
                "Ann Smith",
                "Sopra",
                "D/1",
                "null",
                "It was 1",
                "minutes",
            )
        },
    )


@pytest.mark.parametrize("count", [3, 1200])
def test_an_import_loaded_with_copy_equals_one_loaded_row_by_row(
    postgres_ready: str, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    monkeypatch.setattr(postgres_case, "COPY_SLICE", 500)
    results = []
    for way in ("copy", "row by row"):
        if way == "row by row":  # as before COPY: one INSERT per event, link and audit row
            monkeypatch.setattr(
                ServerCaseStore, "_insert_event_rows", EventsMixin._insert_event_rows
            )
            monkeypatch.setattr(ServerCaseStore, "_write_audit", StoreBase._write_audit)
        address = with_case(postgres_ready, f"Imported {way} {count}")
        with postgres_case.create_case(address, title="Import") as case:
            saved = case.add_batch(rich_batch(count))
            case.remove_batch(saved)
            case.add_batch(saved)  # and again, as a redo does, under the same ids
            results.append(as_imported(case))
    assert results[0] == results[1]
    events, *_, audit, found = results[0]
    assert len(events) == count and len(audit) == 3 * (count + 4)  # in, out, in again
    assert events[-1].title.endswith("\\server\\ and\nits outage")
    assert all(found.values())


def test_a_connection_cut_mid_import_loses_only_the_import_and_says_so(
    server_case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgres_case, "COPY_SLICE", 500)
    with CaseStore.open(server_case) as store, raw(server_case) as admin:
        before = store.add_event(Event("Saved before the import"))
        pid = store._server.raw.info.backend_pid

        def cut_halfway(done: int, total: int) -> bool:
            if done == 1000:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
            return True

        with pytest.raises(UserError) as lost:
            store.add_batch(rich_batch(2000), progress=cut_halfway)
        sentence = str(lost.value)
        assert "was lost, so the change was not saved" in sentence
        assert sentence.count(". ") == 0 and sentence.endswith(".")  # one sentence
        assert store.events() == [before]  # connected again by itself
        assert (store.parties(), store.reconnections) == ([], 1)
    with CaseStore.open(server_case) as again:
        assert again.events() == [before]
        assert [c.entity_id for c in again.changes()] == [before.id]


# ------------------------------------------------------------------------------- values


MOMENTS = [  # not year 0: SQLite reads it, PostgreSQL has none, and the app never writes it
    *(
        f"{y}-{m}-{d}"
        for y in ("0001", "1900", "2016", "2018", "9999")
        for m in ("01", "02", "04", "12")
        for d in ("28", "29", "30", "31")
    ),
    *(
        "2018-00-10",
        "2018-13-01",
        "2018-01-00",
        "2018-01-32",
        "2018-1-01",
        "20a8-01-01",
        "218-01-01",
    ),
    *("2018-01-01T00:00", "2018-01-01T23:59", "2018-01-01T24:00", "2018-01-01T12:60"),
    *("2018-01-01T9:00", "2018-01-01T", "2018-01-01 10:00", "2018-01-01T10:00:00"),
    *(" 2018-01-01", "2018-01-01 ", "2018-01-01\n", "２０１８-01-01", "2018/01/01", "", None),
]


def test_the_server_and_the_file_agree_on_what_a_date_is(
    server_case: str, store: CaseStore
) -> None:
    file_check = f"SELECT {store._moment_ok('v')} FROM (SELECT ? AS v)"
    on_file = [bool(store._conn.execute(file_check, [m]).fetchone()[0]) for m in MOMENTS]
    with raw(server_case) as db:
        server_check = "SELECT evidence_timeline.is_moment(%s)"
        on_server = [db.execute(server_check, [m]).fetchone()[0] for m in MOMENTS]
    assert on_file == on_server
    assert on_server.count(True) == 61 + 2 + 1  # real days, real minutes, and no date at all


def test_a_value_written_with_psql_that_the_app_never_writes_is_refused_in_words(
    server_case: str,
) -> None:
    with CaseStore.open(server_case) as store:
        event = store.add_event(Event("Meeting"))
    with raw(server_case) as db:
        db.execute(
            f"UPDATE {schema_of(server_case)}.events SET date_earliest = '2018-02-31',"
            " date_latest = '2018-02-31', date_precision = 'day' WHERE id = %s",
            [event.id],
        )
    with (
        CaseStore.open(server_case) as store,
        pytest.raises(CaseFileError, match=f"event {event.id} has a date that is not one"),
    ):
        store.check_values()


# ------------------------------------------------------------------------------- many writers

WRITER = """
import sys, dataclasses
from timeline_app.core.errors import ConflictError, UserError
from timeline_app.core.store import CaseStore
address, event_id, edits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with CaseStore.open(address) as store:
    done = 0
    while done < edits:
        event = store.get_event(event_id)
        try:
            store.update_event(dataclasses.replace(
                event, description=str(int(event.description or "0") + 1)))
            done += 1
        except (ConflictError, UserError):
            pass  # someone saved first, or held the lock: read again and try again
"""


@pytest.mark.slow
@pytest.mark.parametrize("writers", [2, 20])
def test_concurrent_writers_lose_no_update(server_case: str, writers: int) -> None:
    with CaseStore.open(server_case) as store:
        counter = store.add_event(Event("Counter", description="0"))
    edits = 10
    running = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                textwrap.dedent(WRITER),
                server_case,
                str(counter.id),
                str(edits),
            ],
            cwd=ROOT,
        )
        for _ in range(writers)
    ]
    assert [p.wait(timeout=240) for p in running] == [0] * writers
    with CaseStore.open(server_case) as store:
        final = store.get_event(counter.id)
        assert final.description == str(writers * edits)
        assert final.revision == 1 + writers * edits


# ------------------------------------------------------------------------------- faults


def test_an_unreachable_server_is_one_sentence(tmp_path: Path) -> None:
    address = f"postgresql:///postgres?host={tmp_path}&port=1&user=postgres&case=X"
    with pytest.raises(UserError, match="cannot be reached"):
        CaseStore.open(address)


def test_a_wrong_password_is_one_sentence(postgres_ready: str) -> None:
    with raw(postgres_ready) as admin:
        admin.execute(
            "DO $$ BEGIN CREATE ROLE gil LOGIN PASSWORD 'right';"
            " EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        hba = Path(admin.execute("SHOW hba_file").fetchone()[0])
        rules = hba.read_text()
        hba.write_text("local all gil scram-sha-256\n" + rules)
        admin.execute("SELECT pg_reload_conf()")
        try:
            as_gil = with_case(postgres_ready, "X").replace(
                "user=postgres", "user=gil&password=wrong"
            )
            with pytest.raises(UserError, match="refused the password") as refused:
                CaseStore.open(as_gil)
            assert "wrong" not in str(refused.value)
        finally:
            hba.write_text(rules)
            admin.execute("SELECT pg_reload_conf()")


def test_a_connection_dropped_mid_change_keeps_nothing_of_it_and_comes_back(
    server_case: str,
) -> None:
    with CaseStore.open(server_case) as store:
        assert isinstance(store, ServerCaseStore)
        store.add_event(Event("Before"))
        pid = store._server.raw.info.backend_pid
        with (
            raw(server_case) as admin,
            pytest.raises(UserError, match=r"connection .* was lost"),
            store._transaction(),
        ):
            store._conn.execute(
                "INSERT INTO events (title, date_text, date_precision, date_qualifier,"
                " sort_key, status, created, modified, created_by, modified_by)"
                " VALUES ('Half done', '', 'unknown', 'on', '~', 'undisputed', '', '', '', '')"
            )
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
            store._conn.execute("SELECT 1")
        assert [e.title for e in store.events()] == ["Before"]  # connected again by itself
        store.add_event(Event("After"))
        assert store._server.reconnected == 1
    with CaseStore.open(server_case) as again:
        assert [e.title for e in again.events()] == ["Before", "After"]


def test_an_idle_connection_cut_by_the_server_is_made_again_unseen(server_case: str) -> None:
    with CaseStore.open(server_case) as store, raw(server_case) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [store._server.raw.info.backend_pid])
        store.add_event(Event("Saved after the cut"))
        assert store.count_events() == 1
        assert store.changed_elsewhere()  # what happened while away is read again


def test_a_server_restart_is_one_sentence_at_most_and_loses_nothing_saved(
    server_case: str, postgres_cluster: Cluster
) -> None:
    with CaseStore.open(server_case) as store:
        store.add_event(Event("Before the restart"))
        postgres_cluster.pg_ctl("restart")
        store.add_event(Event("After the restart"))  # between changes: connected again unseen
        assert store.reconnections == 1
        with pytest.raises(UserError) as refused, store._transaction():
            store._conn.execute(
                "INSERT INTO events (title, date_text, date_precision, date_qualifier,"
                " sort_key, status, created, modified, created_by, modified_by)"
                " VALUES ('Half done', '', 'unknown', 'on', '~', 'undisputed', '', '', '', '')"
            )
            postgres_cluster.pg_ctl("restart")
            store._conn.execute("SELECT 1")
        assert "was lost, so the change was not saved" in str(refused.value)
        assert [e.title for e in store.events()] == ["Before the restart", "After the restart"]
        assert store.reconnections == 2
    with CaseStore.open(server_case) as again:
        assert [e.title for e in again.events()] == ["Before the restart", "After the restart"]


# ------------------------------------------------------------------------------- a replica


@pytest.mark.slow
def test_a_replica_serves_readers_and_says_changes_are_made_on_the_main_server(
    server_case: str, postgres_cluster: Cluster
) -> None:
    with CaseStore.open(server_case) as main:
        main.add_event(Event("Contract signed", privileged_note="Weak."))
    with replica_of(postgres_cluster) as replica:
        on_replica = with_case(replica.address, parse(server_case).case)
        with CaseStore.open(on_replica) as copy:
            assert copy.read_only and "a read-only copy of the server" in copy.read_only_reason
            assert [e.title for e in copy.events()] == ["Contract signed"]
            assert copy.event_ids(EventFilter(text="contract")) and copy.summary().events == 1
            with pytest.raises(ReadOnlyError, match="made on the main server"):
                copy.add_event(Event("Not here"))
            with CaseStore.open(server_case) as main:
                main.add_event(Event("Outage"))
            deadline = time.monotonic() + 10
            while copy.count_events() < 2 and time.monotonic() < deadline:
                time.sleep(0.05)  # replayed, but no NOTIFY crosses to a replica
            assert copy.count_events() == 2 and not copy.changed_elsewhere()


def test_a_case_of_the_first_server_schema_is_upgraded_when_its_maker_opens_it(
    server_case: str,
) -> None:
    schema_name = schema_of(server_case)
    with raw(server_case) as admin:  # as the first server schema left it
        for column in ("time_zone", "house_template", "reference_brackets", "wording_check"):
            admin.execute(f"ALTER TABLE {schema_name}.case_info DROP COLUMN {column}")
        admin.execute(f"DROP TABLE {schema_name}.served_versions")
        admin.execute(
            "UPDATE evidence_timeline.cases SET schema_version = 1 WHERE schema_name = %s",
            [schema_name],
        )
    with CaseStore.open(server_case) as store:
        info = store.case_info()
        assert (info.time_zone, info.house_template, info.reference_brackets) == (
            "Europe/London",
            "",
            False,
        )
        assert store.case_info().wording_check is True
        assert store.schema_version == 3
        assert store.served_versions() == []
