"""Served versions: kept in the case (file and server), carried by JSON, repair and copies."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import run_cli
from timeline_app.core import dates
from timeline_app.core.casejson import CaseSnapshot, plan_case
from timeline_app.core.demo import write_demo
from timeline_app.core.errors import CaseFileError, UserError
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.model import Event
from timeline_app.core.served import LABEL_LIMIT, changes_since
from timeline_app.core.services import served
from timeline_app.core.services.chronology import chronology_rows
from timeline_app.core.services.repair import repair_case
from timeline_app.core.store import CaseStore


def fill(store: CaseStore, count: int = 5) -> list[Event]:
    return store.add_events(
        [Event(f"Event {n}", dates.parse(f"{n + 1} March 2019")) for n in range(count)]
    )


def test_a_served_version_keeps_the_chronology_as_served(any_store: CaseStore) -> None:
    events = fill(any_store)
    version = served.serve(any_store, "  Served 3 March 2025 ", ExportOptions())
    assert version.label == "Served 3 March 2025" and version.events == 5
    any_store.update_event(dataclasses.replace(events[0], title="Event zero, reworded"))
    any_store.delete_event(events[1].id)
    kept = served.served_version(any_store, "served 3 march 2025")
    assert [row.title for row in kept.rows] == [f"Event {n}" for n in range(5)]
    assert [row.number for row in kept.rows] == [1, 2, 3, 4, 5]
    assert kept.served_by == any_store.user and kept.served_at[:4] >= "2025"
    listed = any_store.served_versions()
    assert [(v.label, v.events, v.rows) for v in listed] == [("Served 3 March 2025", 5, ())]
    changes = changes_since(kept, chronology_rows(any_store))
    assert [changes.count(k) for k in ("added", "removed", "redated", "reworded", "same")] == [
        0,
        1,
        0,
        1,
        3,
    ]


@pytest.mark.parametrize(
    ("label", "privileged", "words"),
    [
        ("", False, "Give the served version a label"),
        ("x" * (LABEL_LIMIT + 1), False, f"at most {LABEL_LIMIT} characters"),
        ("First\nSecond", False, "one line of text"),
        ("FIRST", False, "already served as “FIRST”.*served so far: “First”"),
        ("Second", True, "privileged notes cannot be marked as served"),
    ],
)
def test_a_label_that_cannot_be_kept_is_refused_in_words(
    store: CaseStore, label: str, privileged: bool, words: str
) -> None:
    fill(store)
    served.serve(store, "First", ExportOptions())
    with pytest.raises(UserError, match=words):
        served.serve(store, label, ExportOptions(privileged=privileged))
    assert [v.label for v in store.served_versions()] == ["First"]


def test_an_unknown_label_is_said_with_the_labels_there_are(store: CaseStore) -> None:
    with pytest.raises(UserError, match="None has been served yet"):
        served.served_version(store, "First")
    served.serve(store, "First", ExportOptions())
    served.serve(store, "Second", ExportOptions())
    with pytest.raises(UserError, match=r"served as “Third”\. Served versions: “First”, “Second”"):
        served.served_version(store, "Third")


def test_whole_case_json_carries_served_versions_and_a_rebuilt_case_exports_against_them(
    tmp_path: Path,
) -> None:
    demo = write_demo(tmp_path / "demo.case")
    first = run_cli("export", str(demo), "--docx", str(tmp_path / "a.docx"), "--served", "First")
    assert first.returncode == 0, first.stderr
    assert "Kept the chronology as served: “First” (17 events)." in first.stdout
    whole = tmp_path / "whole.json"
    assert run_cli("export", str(demo), "--json", str(whole)).returncode == 0
    rebuilt = tmp_path / "rebuilt.case"
    CaseStore.create(rebuilt).close()
    result = run_cli("import", str(rebuilt), str(whole), "--format", "json")
    assert result.returncode == 0, result.stderr
    with CaseStore.open(rebuilt) as store, CaseStore.open(demo) as original:
        assert store.whole_served_versions() == original.whole_served_versions()
    since = run_cli("export", str(rebuilt), "--docx", str(tmp_path / "b.docx"), "--since", "first")
    assert since.returncode == 0, since.stderr
    # Into a case that has events already, a merge: the versions stay behind, and it says so.
    merged = run_cli("import", str(demo), str(whole), "--format", "json")
    assert "The 1 served versions of whole.json are not brought in" in merged.stdout


def test_a_damaged_served_version_is_said_in_words_and_repair_leaves_it_out(
    tmp_path: Path,
) -> None:
    demo = write_demo(tmp_path / "demo.case")
    with CaseStore.open(demo) as store:
        served.serve(store, "Good", ExportOptions())
        served.serve(store, "Bad", ExportOptions())
    conn = sqlite3.connect(demo, isolation_level=None)
    conn.execute('UPDATE served_versions SET snapshot = \'[{"number": "one"}]\' WHERE id = 2')
    conn.close()
    with CaseStore.open(demo) as store:
        with pytest.raises(CaseFileError, match="served version “Bad” is damaged: row 1 has no"):
            store.served_version("Bad")
        assert store.served_version("Good") is not None
    result = run_cli("export", str(demo), "--docx", str(tmp_path / "x.docx"), "--since", "Bad")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "served version “Bad” is damaged" in result.stderr
    repaired = repair_case(demo, tmp_path / "repaired.case")
    assert any("served version “Bad” could not be read" in p for p in repaired.problems)
    with CaseStore.open(tmp_path / "repaired.case") as store:
        assert [v.label for v in store.served_versions()] == ["Good"]
        assert len(store.served_version("Good").rows) == 17


def test_a_case_without_served_versions_repairs_without_a_word_about_them(
    tmp_path: Path,
) -> None:
    demo = write_demo(tmp_path / "demo.case")
    conn = sqlite3.connect(demo, isolation_level=None)
    conn.execute("DROP TABLE served_versions")  # as a file of schema 3 was
    conn.close()
    repaired = repair_case(demo, tmp_path / "repaired.case")
    assert not [p for p in repaired.problems if "served" in p]


def test_a_served_versions_table_of_another_shape_is_refused(tmp_path: Path) -> None:
    demo = write_demo(tmp_path / "demo.case")
    conn = sqlite3.connect(demo, isolation_level=None)
    conn.execute(
        "CREATE TRIGGER served_evil AFTER INSERT ON served_versions BEGIN DELETE FROM events; END"
    )
    conn.close()
    with pytest.raises(CaseFileError, match=r"a trigger \(served_evil\) that Evidence Timeline"):
        CaseStore.open(demo)


def test_an_import_undone_takes_its_served_versions_with_it(tmp_path: Path) -> None:
    demo = write_demo(tmp_path / "demo.case")
    with CaseStore.open(demo) as store:
        served.serve(store, "First", ExportOptions())
        snapshot = CaseSnapshot.of(store)
    with CaseStore.create(tmp_path / "empty.case") as empty:
        plan = plan_case(snapshot, "demo.json", "json", empty)
        batch = empty.add_batch(plan.batch(plan.default_choice()))
        assert [v.label for v in empty.served_versions()] == ["First"]
        empty.remove_batch(batch)
        assert empty.served_versions() == []


def test_an_export_that_fails_keeps_no_served_version(tmp_path: Path) -> None:
    demo = write_demo(tmp_path / "demo.case")
    result = run_cli(
        "export", str(demo), "--docx", str(tmp_path / "missing" / "x.docx"), "--served", "First"
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot be saved" in result.stderr
    with CaseStore.open(demo) as store:
        assert store.served_versions() == []


def test_served_versions_go_up_to_a_server_and_come_back(
    postgres_ready: str, tmp_path: Path
) -> None:
    from timeline_app.core.services import server
    from timeline_app.core.store.postgres.address import with_case

    demo = write_demo(tmp_path / "demo.case")
    with CaseStore.open(demo) as store:
        served.serve(store, "First", ExportOptions())
        kept = store.whole_served_versions()
    address = with_case(postgres_ready, "Served demo")
    server.publish(demo, address)
    back = tmp_path / "back.case"
    server.checkout(address, back)
    with CaseStore.open(address) as online, CaseStore.open(back) as returned:
        assert online.whole_served_versions() == kept == returned.whole_served_versions()
        # The server's identity column moved past the id kept: a second version gets a new one.
        second = served.serve(online, "Second", ExportOptions())
        assert second.id is not None and second.id > kept[0].id


@pytest.mark.parametrize(
    ("served_versions", "words"),
    [
        ('"not a list"', "its “served versions” is not a list"),
        ('[{"label": "", "served_at": "2025-03-03", "rows": []}]', "served version 1 cannot"),
        ('[{"label": "A", "served_at": "x", "rows": [{"number": 1}]}]', "row 1 has no proper"),
        (
            '[{"label": "A", "served_at": "x", "rows": []}, '
            '{"label": "a", "served_at": "x", "rows": []}]',
            "two served versions are labelled “a”",
        ),
    ],
)
def test_a_whole_case_json_with_damaged_served_versions_is_refused_in_words(
    tmp_path: Path, served_versions: str, words: str
) -> None:
    damaged = tmp_path / "damaged.json"
    damaged.write_text(
        '{"format": "evidence-timeline-case", "version": 1, "case": {"title": "T"}, '
        f'"served_versions": {served_versions}}}'
    )
    case = tmp_path / "case.case"
    CaseStore.create(case).close()
    result = run_cli("import", str(case), str(damaged), "--format", "json")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "damaged.json is damaged" in result.stderr and words in result.stderr
    assert "Nothing was imported" in result.stderr
