"""The neutral-wording check: what it flags, what it leaves, and the export's warnings."""

from __future__ import annotations

import dataclasses

import pytest

from benchmarks.bench_wording import measure
from timeline_app.core import dates
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.model import Event
from timeline_app.core.services.chronology import check_chronology
from timeline_app.core.store import CaseStore
from timeline_app.core.wording import BLAME, CHARACTERISATION, CONCLUSION, check_wording


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "The Defendant deliberately failed to pay.",
            [("deliberately", BLAME), ("failed to", BLAME)],
        ),
        ("Mr Smith admitted the invoice was late.", [("admitted", CHARACTERISATION)]),
        ("It is plain that the works were defective.", [("It is plain that", CONCLUSION)]),
        ("Clearly  the notice was served.", [("Clearly", CONCLUSION)]),
        ('The panel "will not shy away" and refused comment.', [("refused", CHARACTERISATION)]),
        ("He said it was “clearly wrong”.", []),
        ("Board meeting; the contract is signed.", []),
        ("Sopra Steria claims that Interserve failed to pay.", []),
        ("Sopra Steria admits that there were issues.", []),
        ("The claimant says so. The defendant deliberately hid it.", [("deliberately", BLAME)]),
        (
            "Unsurprisingly, the so-called experts disagreed.",
            [("Unsurprisingly", CONCLUSION), ("so-called", BLAME)],
        ),
    ],
)
def test_what_is_flagged(text: str, flagged: list[tuple[str, str]]) -> None:
    assert [(flag.words, flag.kind) for flag in check_wording(text)] == flagged


def test_every_flag_offers_a_neutral_alternative() -> None:
    flag = check_wording("The claimant deliberately wrongly conceded it.")
    assert all(f.alternative and f.message.endswith(".") for f in flag)
    assert "“conceded”" in flag[-1].message and "accepted" in flag[-1].message


def test_odd_input_is_never_a_crash() -> None:
    for text in ("", "\x00\x0b\u202e", "clearly " * 20000, '"unclosed clearly', "‘clearly’"):
        check_wording(text)
    assert len(check_wording("clearly " * 20000)) == 20000


def test_the_export_warns_unless_the_case_switches_it_off(store: CaseStore) -> None:
    store.add_event(Event("Defendant deliberately ignored the letter", dates.parse("1 May 2020")))
    store.add_event(Event("Board meeting", dates.parse("2 May 2020"), description="Minutes B/1/2."))
    said = check_chronology(store, ExportOptions())
    assert said[0].startswith("No. 1 may not read as neutral: “deliberately” blames")
    assert "“ignored” characterises" in said[0]
    assert "Case ▸ Properties" in said[-1]
    store.update_case_info(dataclasses.replace(store.case_info(), wording_check=False))
    assert check_chronology(store, ExportOptions()) == []


def test_the_measure_on_published_chronologies_holds() -> None:
    counts = measure()
    assert counts["entries"] == 30
    assert counts["agreed"] >= 5 and counts["flagged"] <= 7
