"""Every export replaces its target whole, and respects the file that was there."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from timeline_app.core.errors import UserError
from timeline_app.core.exporting import write_atomically


def write_text(text: str):
    return lambda temporary: temporary.write_text(text)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    write_atomically(target, write_text("new"), "The CSV file")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_text() == "new"
    assert mode_of(target) == 0o666 & ~umask  # as any new file, not mkstemp's 0600


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "private.csv"
    target.write_text("old")
    target.chmod(0o600)
    write_atomically(target, write_text("new"), "The CSV file")
    assert (target.read_text(), mode_of(target)) == ("new", 0o600)


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "filed.docx"
    target.write_text("as filed")
    target.chmod(0o444)
    with pytest.raises(UserError, match="read-only, so it was not replaced"):
        write_atomically(target, write_text("new"), "The chronology")
    assert target.read_text() == "as filed"
    assert [p.name for p in tmp_path.iterdir()] == ["filed.docx"]


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "bundle").mkdir()
    real = tmp_path / "bundle" / "chronology.docx"
    real.write_text("old")
    link = tmp_path / "latest.docx"
    link.symlink_to(real)
    write_atomically(link, write_text("new"), "The chronology")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle", "latest.docx"]


def test_a_link_to_a_new_file_a_loop_of_links_and_a_folder(tmp_path: Path) -> None:
    dangling = tmp_path / "latest.docx"
    dangling.symlink_to(tmp_path / "v2.docx")
    write_atomically(dangling, write_text("new"), "The chronology")
    assert dangling.is_symlink() and (tmp_path / "v2.docx").read_text() == "new"
    loop = tmp_path / "loop.docx"
    loop.symlink_to(tmp_path / "back.docx")
    (tmp_path / "back.docx").symlink_to(loop)
    with pytest.raises(UserError, match="Too many levels of symbolic links"):
        write_atomically(loop, write_text("new"), "The chronology")
    assert loop.is_symlink()
    with pytest.raises(UserError, match="is a folder; choose a file name in it"):
        write_atomically(tmp_path, write_text("new"), "The chronology")
    with pytest.raises(UserError, match=f"cannot be saved in {tmp_path / 'missing'}"):
        write_atomically(tmp_path / "missing" / "x.docx", write_text("new"), "The chronology")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "chronology.docx"
    target.write_text("old")

    def fail(temporary: Path) -> None:
        temporary.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(UserError, match="No space left on device"):
        write_atomically(target, fail, "The chronology")
    assert [p.name for p in tmp_path.iterdir()] == ["chronology.docx"]
    assert target.read_text() == "old"


def test_a_case_file_is_never_replaced_by_an_export(tmp_path: Path) -> None:
    from timeline_app.core.store import CaseStore

    case = tmp_path / "Smith v Jones.case"
    CaseStore.create(case).close()
    before = case.read_bytes()
    link = tmp_path / "chronology.docx"
    link.symlink_to(case)
    for target in (case, link):
        with pytest.raises(
            UserError, match="is an Evidence Timeline case file, and an export never replaces one"
        ):
            write_atomically(target, write_text("a chronology"), "The chronology")
    assert case.read_bytes() == before


def test_a_pipe_or_a_device_at_the_target_is_refused_and_never_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    with pytest.raises(UserError, match=r"is a named pipe \(FIFO\), not a file"):
        write_atomically(pipe, write_text("new"), "The CSV file")  # reading it would never end
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    with pytest.raises(UserError, match="is a device, not a file"):
        write_atomically(Path("/dev/null"), write_text("new"), "The CSV file")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.csv"]
