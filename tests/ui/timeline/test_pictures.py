"""Pictures read back as a reader would: no two words overlap, and an exhibit's titles are whole.

Each picture is drawn to PDF by ``render`` (the command line, in a new process) and read back
with poppler's ``pdftotext``: ``-bbox`` gives every word's box, ``-raw`` the text in the order
it was drawn.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.ui.timeline.cases import crowded
from timeline_app.core.demo import write_demo
from timeline_app.core.store import CaseStore, EventFilter

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (Debian package poppler-utils)"
)

TOUCH = 0.3
"""Points two words' boxes may share (anti-aliasing, rounding) before they overlap."""


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def words(pdf: Path) -> list[Word]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [Word(*map(float, m.groups()[:4]), m.group(5)) for m in _WORD.finditer(out)]


def overlapping(found: list[Word]) -> list[tuple[Word, Word]]:
    """Pairs of words whose boxes overlap by more than :data:`TOUCH` each way."""
    pairs = []
    ordered = sorted(found, key=lambda w: w.x0)
    for i, a in enumerate(ordered):
        for b in itertools.islice(ordered, i + 1, None):
            if b.x0 >= a.x1 - TOUCH:
                break
            if min(a.x1, b.x1) - max(a.x0, b.x0) > TOUCH and (
                min(a.y1, b.y1) - max(a.y0, b.y0) > TOUCH
            ):
                pairs.append((a, b))
    return pairs


def plain(text: str) -> str:
    """Text as compared: ligatures undone, white space single."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def raw_text(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return plain(out)


def render(case: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("render", str(case), "--out", str(out), *args)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo") / "demo.case")


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crowded(tmp_path_factory.mktemp("busy") / "busy.case", 400)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--lanes", "party"],
        ["--style", "exhibit"],
        ["--style", "exhibit", "--key-only"],
        ["--style", "exhibit", "--paper", "a3"],
    ],
    ids=["lanes", "people", "exhibit", "key-exhibit", "a3-exhibit"],
)
def test_no_two_words_overlap_on_the_demo_case(demo: Path, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "demo.pdf"
    result = render(demo, out, *args)
    assert result.returncode == 0, result.stderr
    found = words(out)
    assert len(found) > 30
    assert not overlapping(found)


def test_every_title_of_the_demo_exhibit_is_there_whole(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "exhibit.pdf"
    assert render(demo, out, "--style", "exhibit").returncode == 0
    text = raw_text(out)
    with CaseStore.open(demo) as store:
        titles = [e.title for e in store.events()]
    assert len(titles) == 17  # the dated on the axis, the undated listed under it
    for title in titles:
        assert plain(title) in text
    assert "Sopra Steria v Interserve" in text


@pytest.mark.parametrize("args", [[], ["--style", "exhibit", "--key-only"]])
def test_no_two_words_overlap_on_a_busy_case(busy: Path, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "busy.pdf"
    result = render(busy, out, *args)
    assert result.returncode == 0, result.stderr
    assert not overlapping(words(out))
    if args:
        with CaseStore.open(busy) as store:
            titles = [e.title for e in store.events(EventFilter(key_only=True))]
        text = raw_text(out)
        assert all(plain(title) in text for title in titles)


@pytest.mark.slow
@pytest.mark.parametrize("args", [[], ["--style", "exhibit", "--key-only"]])
def test_no_two_words_overlap_on_a_ten_thousand_event_case(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, args: list[str]
) -> None:
    case = tmp_path_factory.getbasetemp() / "ten-thousand.case"
    if not case.exists():
        crowded(case, 10_000)
    out = tmp_path / "big.pdf"
    result = render(case, out, *args)
    assert result.returncode == 0, result.stderr
    found = words(out)
    assert len(found) > 40
    assert not overlapping(found)
    if args:
        with CaseStore.open(case) as store:
            titles = [e.title for e in store.events(EventFilter(key_only=True))]
        text = raw_text(out)
        assert len(titles) == 12 and all(plain(title) in text for title in titles)


def test_too_many_events_for_an_exhibit_are_refused_with_what_to_do(
    busy: Path, tmp_path: Path
) -> None:
    result = render(busy, tmp_path / "x.pdf", "--style", "exhibit")
    assert result.returncode == 2
    assert "400 are chosen" in result.stderr and "--key-only" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_crowded_page_says_how_many_fit_and_does_not_suggest_what_is_done(
    tmp_path: Path,
) -> None:
    case = crowded(tmp_path / "keys.case", 300, key_events=30)
    result = render(case, tmp_path / "x.pdf", "--style", "exhibit", "--key-only")
    if result.returncode == 0:
        pytest.skip("thirty key events happened to fit")  # the page's size decides
    assert result.returncode == 2
    assert "of the 30 events chosen fit" in result.stderr
    assert "--key-only" not in result.stderr and "--paper a3" in result.stderr


def test_an_unknown_paper_is_refused(demo: Path, tmp_path: Path) -> None:
    result = render(demo, tmp_path / "x.pdf", "--style", "exhibit", "--paper", "a5")
    assert result.returncode == 2 and "invalid choice: 'a5'" in result.stderr


def test_a_title_with_control_characters_is_cleaned(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = render(
        demo,
        out,
        "--style",
        "exhibit",
        "--key-only",
        "--title",
        "Key\x0cevents\x1f for\tthe\x0bCMC\u200e",
    )
    assert result.returncode == 0, result.stderr
    assert "Key events for the CMC" in raw_text(out)


def test_an_empty_case_says_so(tmp_path: Path) -> None:
    CaseStore.create(tmp_path / "empty.case").close()
    out = tmp_path / "empty.pdf"
    assert render(tmp_path / "empty.case", out).returncode == 0
    assert "This case has no events yet." in raw_text(out)
    refused = render(tmp_path / "empty.case", tmp_path / "x.pdf", "--style", "exhibit")
    assert refused.returncode == 2 and "has none yet" in refused.stderr


def test_the_exhibit_as_png_and_svg(demo: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    for name in ("x.png", "x.svg"):
        result = render(demo, tmp_path / name, "--style", "exhibit", "--key-only")
        assert result.returncode == 0, result.stderr
        assert "Drew the exhibit (7 events)" in result.stdout
    image = QImage(str(tmp_path / "x.png"))
    assert image.width() > 1600 and 1.38 < image.width() / image.height() < 1.45  # A4
    assert "Root Cause Analysis" in (tmp_path / "x.svg").read_text(encoding="utf-8")


def test_the_overlap_check_finds_words_drawn_on_each_other() -> None:
    apart = [Word(0, 0, 10, 5, "a"), Word(10, 0, 20, 5, "b"), Word(0, 5, 10, 10, "c")]
    assert not overlapping(apart)  # side by side, one above the other: touching is fine
    on_top = [*apart, Word(15, 2, 30, 7, "d")]
    assert [(a.text, b.text) for a, b in overlapping(on_top)] == [("b", "d")]


def test_the_exhibits_heading_carries_the_claim_number(tmp_path: Path) -> None:
    from timeline_app.core.model import CaseInfo

    case = write_demo(tmp_path / "claim.case")
    with CaseStore.open(case) as store:
        info = store.case_info()
        store.update_case_info(
            CaseInfo(
                title=info.title,
                court_lines=["IN THE HIGH COURT OF JUSTICE", "BUSINESS AND PROPERTY COURTS"],
                claim_number="HT-2019-000123",
                parties=info.parties,
            )
        )
    out = tmp_path / "claim.pdf"
    assert render(case, out, "--style", "exhibit", "--key-only").returncode == 0
    text = raw_text(out)
    assert "Claim No. HT-2019-000123" in text and "IN THE HIGH COURT OF JUSTICE" in text
    assert not overlapping(words(out))
