"""Opening what users actually have on disk: foreign, damaged, newer, read-only, locked files.

Each refusal is a CaseFileError with a sentence a lawyer can act on, and the file is untouched.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline_app.core.errors import CaseFileError, ReadOnlyError, UserError
from timeline_app.core.migrations import APPLICATION_ID, SCHEMA_VERSION
from timeline_app.core.model import Batch, Event
from timeline_app.core.store import CaseStore


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refuse(path: Path, match: str, **kwargs: float) -> None:
    """Opening ``path`` fails with ``match`` in the message and leaves the file as it was."""
    before = digest(path) if path.is_file() else None
    with pytest.raises(CaseFileError, match=match):
        CaseStore.open(path, **kwargs)
    if before is not None:
        assert digest(path) == before


def make_case(path: Path, events: int = 0) -> Path:
    with CaseStore.create(path, title="Case") as store:
        store.add_events([Event(f"event {i}", description="x" * 200) for i in range(events)])
    return path


def test_a_missing_file(tmp_path: Path) -> None:
    refuse(tmp_path / "nowhere.case", "There is no case file at")


def test_a_folder(tmp_path: Path) -> None:
    refuse(tmp_path, "is a folder, not a case file")


@pytest.mark.parametrize(
    "content", [b"Date,Event\n8/11/2018,Report\n", b"\x00" * 4096, b"PK\x03\x04 a Word document"]
)
def test_a_file_that_is_not_sqlite(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "chronology.case"
    path.write_bytes(content)
    refuse(path, r"not an Evidence Timeline case file \(it is some other kind of file\)")


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.case"
    path.touch()
    refuse(path, "is empty, so it is not an Evidence Timeline case file")


def test_a_sqlite_file_that_is_not_a_case(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    refuse(path, "is a database, but not an Evidence Timeline case file")


def test_a_crafted_file_with_our_id_but_not_our_schema(tmp_path: Path) -> None:
    # It claims to be ours in the header and at the current schema, but has none of our tables.
    path = tmp_path / "crafted.case"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("CREATE TABLE decoy (x)")
    conn.commit()
    conn.close()
    refuse(path, r"contains a table \(decoy\) that Evidence Timeline did not create")


def test_a_case_from_a_newer_version(tmp_path: Path) -> None:
    path = make_case(tmp_path / "newer.case")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.commit()
    conn.close()
    refuse(
        path,
        rf"newer version of Evidence Timeline \(schema {SCHEMA_VERSION + 3}\); "
        rf"this version reads up to schema {SCHEMA_VERSION}",
    )


def test_a_damaged_file_fails_quick_check(tmp_path: Path) -> None:
    path = make_case(tmp_path / "damaged.case", events=400)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > 8 * page_size
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + page_size] = b"\xff" * page_size  # a page of garbage; header intact
    path.write_bytes(bytes(data))
    refuse(path, "is damaged")


def test_a_truncated_file(tmp_path: Path) -> None:
    path = make_case(tmp_path / "truncated.case", events=400)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    refuse(path, "is damaged")


def test_a_read_only_file_opens_for_reading_only(
    tmp_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    path = make_case(tmp_path / "locked-down.case", events=3)
    make_read_only(path)
    before = digest(path)
    with CaseStore.open(path) as store:
        assert store.read_only
        assert "is read-only, so it is open for reading only" in store.read_only_reason
        assert store.count_events() == 3
        with pytest.raises(ReadOnlyError, match="The change was not saved"):
            store.add_event(Event("not saved"))
    assert digest(path) == before


def test_a_read_only_folder_opens_for_reading_only(
    tmp_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    path = make_case(folder / "case.case", events=2)
    make_read_only(folder)
    with CaseStore.open(path) as store:
        assert store.read_only
        assert "folder" in store.read_only_reason
        assert store.count_events() == 2
        with pytest.raises(ReadOnlyError):
            store.add_event(Event("not saved"))


def test_creating_a_case_in_a_read_only_folder_is_refused(
    tmp_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    make_read_only(folder)
    with pytest.raises(CaseFileError, match="cannot be created"):
        CaseStore.create(folder / "new.case")
    assert not (folder / "new.case").exists()


def test_create_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "precious.docx"
    path.write_bytes(b"a solicitor's only copy")
    with pytest.raises(CaseFileError, match="already exists"):
        CaseStore.create(path)
    assert path.read_bytes() == b"a solicitor's only copy"


def test_a_file_locked_by_another_writer_is_refused_until_released(tmp_path: Path) -> None:
    path = make_case(tmp_path / "busy.case", events=1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        refuse(path, "locked by another program", timeout=0.1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with CaseStore.open(path) as store:
        assert store.count_events() == 1


def test_a_write_while_another_program_writes_waits_then_reports(tmp_path: Path) -> None:
    path = make_case(tmp_path / "shared.case")
    with CaseStore.open(path, timeout=0.1) as store:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(CaseFileError, match="locked by another program"):
                store.add_event(Event("first try"))
        finally:
            other.execute("ROLLBACK")
            other.close()
        store.add_event(Event("second try"))
        assert [e.title for e in store.events()] == ["second try"]


def test_a_file_name_with_spaces_unicode_and_url_characters(tmp_path: Path) -> None:
    path = tmp_path / "Smith v Jones #2 ?final% — décision.case"
    make_case(path, events=1)
    with CaseStore.open(path) as store:
        assert store.count_events() == 1


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (chattr, mount)")


@needs_root
def test_a_file_made_read_only_while_open_refuses_the_write_in_words(tmp_path: Path) -> None:
    path = make_case(tmp_path / "open.case", events=1)
    with CaseStore.open(path) as store:
        if subprocess.run(["chattr", "+i", str(path)], check=False).returncode != 0:
            pytest.skip("chattr is not available here")
        try:
            with pytest.raises(UserError, match="could not be written"):
                store.add_event(Event("lost?"))
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        assert store.count_events() == 1
        store.add_event(Event("after the drive came back"))
        assert store.count_events() == 2


@needs_root
def test_a_full_disk_refuses_the_write_in_words_and_keeps_what_was_saved(tmp_path: Path) -> None:
    disk = tmp_path / "tiny-disk"
    disk.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)],
            check=False,
            capture_output=True,
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a small disk here")
    try:
        with CaseStore.create(disk / "full.case") as store:
            saved = 0
            with pytest.raises(UserError, match="is full"):
                for _ in range(1000):
                    store.add_event(Event("x" * 2000, description="y" * 5000))
                    saved += 1
            assert 0 < saved < 1000
            assert store.count_events() == saved
        with CaseStore.open(disk / "full.case") as reopened:
            assert reopened.count_events() == saved
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@needs_root
def test_a_big_change_refused_on_a_full_disk_leaves_the_file_its_size_and_no_journal(
    tmp_path: Path,
) -> None:
    disk = tmp_path / "small-disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)],
        check=False,
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small disk here")
    try:
        path = disk / "case.case"
        with CaseStore.create(path) as store:
            store.add_events([Event(f"Event {i}", description="d" * 200) for i in range(100)])
            size = path.stat().st_size
            big = Batch([Event(f"Imported {i}", description="y" * 3000) for i in range(2000)])
            with pytest.raises(UserError, match="is full"):
                store.add_batch(big)
            # Still open, as in the window: the file is as it was, and nothing is left beside it.
            assert path.stat().st_size == size
            assert sorted(p.name for p in disk.iterdir()) == ["case.case"]
            assert store.count_events() == 100
            store.add_event(Event("Room for this one"))
    finally:
        subprocess.run(["umount", str(disk)], check=True)


_STOP_HALF_WAY = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("PRAGMA cache_size = 1")  # the change spills into the file before it is done
for _ in range(100):
    conn.execute("UPDATE events SET title = title || ' half done'")
os._exit(0)  # the program stops, leaving the change in its journal
"""


def stopped_half_way(path: Path) -> Path:
    """``path`` as a program leaves it when it stops in the middle of a change."""
    subprocess.run([sys.executable, "-c", _STOP_HALF_WAY, str(path)], check=True)
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    return journal


def test_a_change_left_half_done_is_undone_even_when_opening_to_read(tmp_path: Path) -> None:
    path = tmp_path / "stopped.case"
    with CaseStore.create(path) as store:
        for n in range(50):
            store.add_event(Event(f"Event {n}", description="words " * 50))
    journal = stopped_half_way(path)
    link = tmp_path / "link to the case.case"
    link.symlink_to(path)  # the journal is beside the file, not the link
    with CaseStore.open(link, read_only=True) as store:
        assert all("half done" not in e.title for e in store.events())
    assert not journal.exists()


def test_a_half_done_change_in_a_file_that_cannot_be_written_is_explained(
    tmp_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    path = tmp_path / "stopped.case"
    with CaseStore.create(path) as store:
        for n in range(50):
            store.add_event(Event(f"Event {n}", description="words " * 50))
    stopped_half_way(path)
    make_read_only(tmp_path)
    with pytest.raises(CaseFileError, match="was being changed when a program stopped"):
        CaseStore.open(path, read_only=True)


def _garbage_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))


def test_a_big_case_closed_cleanly_opens_without_the_full_check_and_check_finds_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core.store.sqlite import files

    monkeypatch.setattr(files, "FULL_CHECK_ALWAYS", 0)  # as if the file were big
    sound = make_case(tmp_path / "sound.case", events=400)
    with CaseStore.open(sound) as store:
        assert store.damage() == []
    damaged = make_case(tmp_path / "damaged.case", events=400)
    _garbage_page(damaged)
    before = digest(damaged)
    with CaseStore.open(damaged, read_only=True) as store:  # cheap: the schema only
        problems = store.damage()
    assert problems and all(isinstance(problem, str) for problem in problems)
    assert digest(damaged) == before


def test_a_big_case_not_closed_cleanly_is_fully_checked_at_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core.store.sqlite import files

    monkeypatch.setattr(files, "FULL_CHECK_ALWAYS", 0)
    truncated = make_case(tmp_path / "truncated.case", events=400)
    data = truncated.read_bytes()
    truncated.write_bytes(data[: len(data) - 4096])  # shorter than its header says
    refuse(truncated, "is damaged")
    left_open = make_case(tmp_path / "left.case", events=400)
    _garbage_page(left_open)
    (tmp_path / "left.case-wal").write_bytes(b"\x00" * 32)  # a log left by a stopped program
    with pytest.raises(CaseFileError, match="is damaged"):
        CaseStore.open(left_open)
