"""A crafted case file runs nothing of its own, says what is wrong in words, and can be repaired.

Every file here is made by the test from a genuine case, changed with plain SQLite the way an
attacker (or a damaged copy) would change it.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import run_capped
from timeline_app.core.demo import write_demo
from timeline_app.core.errors import CaseFileError
from timeline_app.core.model import Event
from timeline_app.core.services.chronology import export_chronology
from timeline_app.core.services.repair import repair_case
from timeline_app.core.store import CaseStore

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def crafted(tmp_path: Path, *statements: str, writable_schema: bool = False) -> Path:
    """The demo case with ``statements`` run on it directly."""
    path = write_demo(tmp_path / "crafted.case")
    conn = sqlite3.connect(path, isolation_level=None)
    if writable_schema:
        conn.execute("PRAGMA writable_schema = ON")
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MAIN), *args], capture_output=True, text=True, timeout=60, check=False
    )


EVIL_TRIGGER = (
    "CREATE TRIGGER evil_ev AFTER INSERT ON events BEGIN "
    "UPDATE events SET title = 'pwned'; DELETE FROM changes; END"
)
SCHEMA_CRAFTS = {
    "trigger": ([EVIL_TRIGGER], r"contains a trigger \(evil_ev\) that Evidence Timeline did not"),
    "view": (
        [
            "CREATE VIEW forever AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1"
            " FROM n) SELECT x FROM n"
        ],
        r"contains a view \(forever\)",
    ),
    "index": (["CREATE INDEX snoop ON events (privileged_note)"], r"contains an index \(snoop\)"),
    "load_extension": (
        [
            "CREATE TRIGGER loader AFTER INSERT ON events BEGIN"
            " SELECT load_extension('/tmp/evil.so'); END"
        ],
        r"contains a trigger \(loader\)",
    ),
    "expression index": (
        ["CREATE INDEX slow ON events (length(description) * 1000)"],
        r"contains an index \(slow\)",
    ),
    "generated column": (
        ["ALTER TABLE events ADD COLUMN shout TEXT GENERATED ALWAYS AS (upper(title)) VIRTUAL"],
        r"a table \(events\) is not as Evidence Timeline made it",
    ),
    "missing table": (["DROP TABLE changes"], r"missing parts of one \(a table, changes\)"),
}


@pytest.mark.parametrize("craft", SCHEMA_CRAFTS, ids=list(SCHEMA_CRAFTS))
def test_a_schema_we_did_not_make_is_refused_before_anything_runs(
    craft: str, tmp_path: Path
) -> None:
    statements, words = SCHEMA_CRAFTS[craft]
    path = crafted(tmp_path, *statements)
    before = digest(path)
    with pytest.raises(CaseFileError, match=words):
        CaseStore.open(path)
    with pytest.raises(CaseFileError, match=words):
        CaseStore.open(path, read_only=True)
    assert digest(path) == before


def test_a_changed_check_constraint_is_refused(tmp_path: Path) -> None:
    path = crafted(
        tmp_path,
        "UPDATE sqlite_schema SET sql = replace(sql, '''person'', ''organisation''',"
        " '''person'', ''organisation'', ''robot''') WHERE name = 'parties'",
        writable_schema=True,
    )
    with pytest.raises(CaseFileError, match=r"a table \(parties\) is not as Evidence Timeline"):
        CaseStore.open(path)


def test_a_trigger_cannot_rewrite_an_import_or_empty_the_audit_trail(tmp_path: Path) -> None:
    path = crafted(tmp_path, EVIL_TRIGGER)
    sheet = tmp_path / "in.csv"
    sheet.write_text("Date,Event\n1 May 2019,Contract signed\n", encoding="utf-8")
    before = digest(path)
    result = run("import", str(path), str(sheet))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "contains a trigger (evil_ev)" in result.stderr
    assert 'Run "evidence-timeline repair"' in result.stderr
    assert digest(path) == before

    clean = tmp_path / "clean.case"
    repaired = run("repair", str(path), str(clean))
    assert repaired.returncode == 0, repaired.stderr
    assert "Copied 17 events" in repaired.stdout
    assert digest(path) == before  # the crafted file is only read
    assert run("import", str(clean), str(sheet)).returncode == 0
    with CaseStore.open(clean) as store:
        assert "Contract signed" in [e.title for e in store.events()]
        assert "pwned" not in [e.title for e in store.events()]
        assert store.changes(entity="event")  # the history is there, and grew


BAD_VALUES: dict[str, tuple[str, str]] = {
    "status": (
        "UPDATE events SET status = 'bogus' WHERE id = 12",
        "event 12 has an unknown status 'bogus'",
    ),
    "date": (
        "UPDATE events SET date_earliest = '2018-02-31' WHERE id = 3",
        "event 3 has a date that is not one ('2018-02-31')",
    ),
    "date order": (
        "UPDATE events SET date_earliest = '2019-01-01', date_latest = '2018-01-01' WHERE id = 3",
        "event 3 has a date that ends (2018-01-01) before it starts (2019-01-01)",
    ),
    "precision": (
        "UPDATE events SET date_precision = 'fortnight' WHERE id = 3",
        "event 3 has a date of an unknown precision 'fortnight'",
    ),
    "versions": (
        "UPDATE events SET versions = '[1, 2]' WHERE id = 3",
        "event 3 has each side's version in an unknown form (not sides with their texts)",
    ),
}


@pytest.mark.parametrize("fault", BAD_VALUES, ids=list(BAD_VALUES))
def test_a_value_we_never_write_is_named_by_table_and_row(fault: str, tmp_path: Path) -> None:
    statement, words = BAD_VALUES[fault]
    path = crafted(tmp_path, statement)
    with CaseStore.open(path, read_only=True) as store:  # opening is cheap: no value is read
        with pytest.raises(CaseFileError, match=words.replace("(", r"\(").replace(")", r"\)")):
            store.check_values()
        with pytest.raises(CaseFileError, match="cannot be read"):
            export_chronology(store, tmp_path / "out.csv", "csv")
    result = run("export", str(path), "--docx", str(tmp_path / "out.docx"))
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_bad_case_details_are_said_in_words(tmp_path: Path) -> None:
    path = crafted(tmp_path, "UPDATE case_info SET court_lines = '{not json'")
    result = run("info", str(path))
    assert result.returncode == 2 and "the case details" in result.stderr
    assert "Traceback" not in result.stderr


def test_repair_fixes_what_is_plain_and_leaves_out_what_is_not(tmp_path: Path) -> None:
    path = crafted(
        tmp_path,
        "UPDATE events SET status = 'bogus' WHERE id = 12",
        "UPDATE events SET date_earliest = '2018-02-31' WHERE id = 3",
        "UPDATE events SET id = 9223372036854775807 WHERE id = 5",
        "UPDATE case_info SET parties = 'nonsense'",
        "INSERT INTO event_parties (event_id, party_id) VALUES (1, 999)",
    )
    done = repair_case(path, tmp_path / "clean.case")
    assert done.events == 16
    problems = " | ".join(done.problems)
    never = ", which Evidence Timeline never writes"
    assert f"event 12 has an unknown status 'bogus'{never}; fixed (its status is now" in problems
    assert f"event 3 has a date that is not one ('2018-02-31'){never}; it was left out" in problems
    assert "event 9223372036854775807 has an id out of range; given a new one" in problems
    assert "the case details" in problems and "only the title was kept" in problems
    assert "1 link to people or documents that are not in the file was left out" not in problems
    assert "link" in problems
    with CaseStore.open(tmp_path / "clean.case") as store:
        store.check_values()
        assert len(store.events()) == 16
        assert max(e.id for e in store.events()) < 2**31
        store.add_event(Event("One more"))  # the ids left room for more


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_bytes(b"not a database at all"),
        lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(),
    ],
    ids=["not sqlite", "someone else's database"],
)
def test_repair_refuses_what_is_not_a_case_file(
    make: Callable[[Path], object], tmp_path: Path
) -> None:
    path = tmp_path / "other.case"
    make(path)
    with pytest.raises(CaseFileError, match="not an Evidence Timeline case file"):
        repair_case(path, tmp_path / "clean.case")
    assert not (tmp_path / "clean.case").exists()


def test_text_that_is_not_utf8_is_said_in_words(tmp_path: Path) -> None:
    path = crafted(tmp_path, "UPDATE events SET title = CAST(X'41FF42' AS TEXT) WHERE id = 3")
    result = run("export", str(path), "--csv", str(tmp_path / "out.csv"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "part of it is damaged (Could not decode to UTF-8" in result.stderr
    assert "repair" in result.stderr


HOSTILE_CASES: dict[str, list[str]] = {
    **{name: statements for name, (statements, _) in SCHEMA_CRAFTS.items()},
    **{f"bad {name}": [statement] for name, (statement, _) in BAD_VALUES.items()},
    "text not UTF-8": ["UPDATE events SET title = CAST(X'41FF42' AS TEXT) WHERE id = 3"],
    "huge id": ["UPDATE events SET id = 9223372036854775807 WHERE id = 5"],
}


@pytest.mark.slow
@pytest.mark.parametrize("hostile", HOSTILE_CASES, ids=list(HOSTILE_CASES))
def test_every_command_answers_a_hostile_case_in_words_within_bounds(
    hostile: str, tmp_path: Path
) -> None:
    """info, export, merge from it and import into it: exit 0 or 2, nothing tampered with.

    An import into it may be refused (the case cannot be read as it is) or go ahead; if it
    goes ahead, what it added is as imported, with its audit rows.
    """
    path = crafted(tmp_path, *HOSTILE_CASES[hostile])
    before = digest(path)
    sheet = tmp_path / "in.csv"
    sheet.write_text("Date,Event\n1 May 2019,Contract signed\n", encoding="utf-8")
    clean = write_demo(tmp_path / "clean.case")
    with CaseStore.open(clean) as store:
        history = len(store.changes())
    for args in (
        ["info", str(path)],
        ["export", str(path), "--docx", str(tmp_path / "out.docx")],
        ["import", str(clean), str(path)],
        ["import", str(path), str(sheet)],
    ):
        if args[1] == str(path) and args[0] == "import":
            assert digest(path) == before  # nothing so far has changed it
        result, seconds, peak = run_capped(*args)
        assert result.returncode in (0, 2) and "Traceback" not in result.stderr, (args, result)
        assert seconds < 10 and peak < 500 * 2**20, (args, seconds, peak)
    if digest(path) != before:  # the import went ahead: what it added is as imported
        conn = sqlite3.connect(path)
        assert conn.execute(
            "SELECT count(*) FROM events WHERE title = 'Contract signed'"
        ).fetchone()
        assert conn.execute("SELECT count(*) FROM changes WHERE action = 'create'").fetchone()[0]
        conn.close()
    with CaseStore.open(clean) as store:
        assert len(store.changes()) >= history  # the audit trail is whole
        assert "pwned" not in [e.title for e in store.events()]
