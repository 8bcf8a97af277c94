"""The timeline drawn to files without a window: PNG, SVG and PDF, and bad requests."""

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.helpers import run_cli
from timeline_app.core.demo import write_demo
from timeline_app.core.store import CaseStore
from timeline_app.core.timeline import timeline_items


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.case")


def test_render_png_svg_pdf_from_the_command_line(demo: Path, tmp_path: Path) -> None:
    for name in ("t.png", "t.svg", "t.pdf"):
        result = run_cli(
            "render",
            str(demo),
            "--out",
            str(tmp_path / name),
            "--width",
            "1200",
            "--height",
            "500",
            "--lanes",
            "status",
        )
        assert result.returncode == 0, result.stderr
    image = QImage(str(tmp_path / "t.png"))
    assert (image.width(), image.height()) == (1200, 500)
    assert "<svg" in (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF")


def test_a_date_window_and_lanes_by_party(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "window.png"
    result = run_cli(
        "render",
        str(demo),
        "--out",
        str(out),
        "--from",
        "2018",
        "--to",
        "October 2019",
        "--lanes",
        "party",
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 1600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "x.gif"], "PNG, SVG or PDF"),
        (["--out", "x.png", "--width", "5"], "200 to 20,000 pixels"),
        (["--out", "x.png", "--from", "2019", "--to", "2016"], "before it starts"),
        (["--out", "x.png", "--from", "Windows 2000"], "not part of a date"),
    ],
)
def test_bad_requests_are_refused_in_words(
    demo: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_cli("render", str(demo), *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_lanes_by_category_party_and_status(demo: Path) -> None:
    with CaseStore.open(demo) as store:
        by_category, categories = timeline_items(store, "category")
        by_party, people = timeline_items(store, "party")
        by_status, statuses = timeline_items(store, "status")
    assert len(by_category) == len(by_status) == 7  # the dated events
    assert len(by_party) > 7  # an event shows in the lane of each person linked to it
    assert [lane.label for lane in statuses][:2] == ["Undisputed", "Disputed"]
    assert people[-1].label == "(no one)" and categories[-1].label == "(no category)"
    with pytest.raises(ValueError, match="lanes must be one of"):
        timeline_items(store, "colour")


def test_a_printed_picture_leaves_out_empty_lanes(demo: Path) -> None:
    with CaseStore.open(demo) as store:
        shown, lanes = timeline_items(store, "party")
        printed, used = timeline_items(store, "party", empty_lanes=False)
    assert len(used) < len(lanes)
    assert {lane.label for lane in used} == {lanes[item.lane].label for item in shown}
    assert [used[item.lane].label for item in printed] == [lanes[item.lane].label for item in shown]
