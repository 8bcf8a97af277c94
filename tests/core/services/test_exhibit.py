"""The exhibit's use case: which events, their dates in court style, and refusals in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.demo import write_demo
from timeline_app.core.errors import UserError
from timeline_app.core.layout import wrap
from timeline_app.core.model import CaseInfo, Event, FuzzyDate
from timeline_app.core.services.exhibit import (
    CLI_ADVICE,
    WINDOW_ADVICE,
    ExhibitTooFullError,
    clean_text,
    exhibit,
)
from timeline_app.core.store import CaseStore, EventFilter


@pytest.fixture
def demo(tmp_path: Path):
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        yield store


def test_the_demos_key_events_in_court_style_with_their_numbers(demo: CaseStore) -> None:
    chosen = exhibit(demo, EventFilter(key_only=True))
    assert chosen.title == "Chronology of key events"
    assert chosen.case_title == "Sopra Steria v Interserve"
    assert [e.when for e in chosen.events] == [
        "2016",
        "January – June 2018",
        "8 November 2018",
        "October 2019",
    ]
    assert [e.number for e in chosen.events] == [1, 3, 6, 7]
    assert [e.title for e in chosen.undated] == [
        "IT Health Check failed",
        "Key security accreditation for the main MoJ contract downgraded",
        "Interserve's Defence and Counterclaim for £4.68m",
    ]
    rehabilitation = chosen.events[1]
    assert rehabilitation.span and rehabilitation.status == "disputed"
    assert not chosen.events[0].span  # a year: an uncertain window, not a span
    assert {name for name, _ in chosen.categories} == {
        "Contract",
        "Service failures",
        "Security",
        "Proceedings",
    }


def test_a_date_window_is_kept_for_the_axis(demo: CaseStore) -> None:
    chosen = exhibit(
        demo, EventFilter(date_from=dt.date(2018, 1, 1), date_to=dt.date(2018, 12, 31))
    )
    assert chosen.window is not None
    assert chosen.window[1] - chosen.window[0] == 365
    assert chosen.undated == []  # undated events fall outside any window


def test_refusals_say_what_to_do(demo: CaseStore, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="A4 or A3"):
        exhibit(demo, paper="letter")
    with CaseStore.create(tmp_path / "empty.case") as empty:
        with pytest.raises(UserError, match="has none yet"):
            exhibit(empty)
        empty.add_event(
            Event("one", date=FuzzyDate(dt.date(2018, 1, 1), dt.date(2018, 1, 1), "day"))
        )
        with pytest.raises(UserError, match="none matches"):
            exhibit(empty, EventFilter(key_only=True))
        empty.add_events(
            [
                Event(f"e{i}", date=FuzzyDate(dt.date(2018, 1, 1), dt.date(2018, 1, 1), "day"))
                for i in range(70)
            ]
        )
        with pytest.raises(ExhibitTooFullError) as full:
            exhibit(empty)
        assert "71 are chosen" in str(full.value) and "--key-only" in str(full.value)
        assert full.value.chosen == 71
        with pytest.raises(ExhibitTooFullError) as window:
            exhibit(empty, paper="a3", ways=WINDOW_ADVICE)
        assert "--" not in str(window.value) and "A3" not in str(window.value).split(".", 1)[1]


def test_the_heading_is_cleaned_of_what_a_paste_brings(demo: CaseStore) -> None:
    demo.update_case_info(
        CaseInfo(
            title="Smith\x0b v\tJones",
            claim_number="HT-2019-\x00000123",
            court_lines=["IN THE HIGH COURT"],
        )
    )
    chosen = exhibit(demo, EventFilter(key_only=True), title="  For the\x0cCMC\u202e  ")
    assert (chosen.title, chosen.case_title, chosen.claim_number) == (
        "For the CMC",
        "Smith v Jones",
        "HT-2019-000123",
    )
    assert chosen.court == "IN THE HIGH COURT"
    assert clean_text("x" * 300, 160).endswith("…") and len(clean_text("x" * 300, 160)) == 160


@given(st.text(max_size=200))
def test_clean_text_leaves_no_control_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert cleaned == cleaned.strip() and "  " not in cleaned


@given(st.text(alphabet="ab cdefgh", max_size=120), st.integers(3, 40))
def test_wrapping_loses_nothing_and_keeps_to_the_width(text: str, width: int) -> None:
    lines = wrap(text, width, len)
    assert "".join("".join(lines).split()) == "".join(text.split())
    assert all(len(line) <= width for line in lines)


def test_the_advice_names_only_what_is_not_done_yet() -> None:
    from timeline_app.core.services.exhibit import advice_for

    assert advice_for(EventFilter(), "a4", CLI_ADVICE) == (
        "Choose key events only (--key-only), a shorter date window (--from and --to) or A3 "
        "paper (--paper a3)."
    )
    assert advice_for(EventFilter(key_only=True), "a3", CLI_ADVICE) == (
        "Choose a shorter date window (--from and --to)."
    )
