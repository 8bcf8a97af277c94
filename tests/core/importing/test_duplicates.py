"""Likely duplicates: nearly the same title, or the same salient words on the same dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline_app.core import dates
from timeline_app.core.demo import write_demo
from timeline_app.core.importing.plan import Duplicates, ImportRow
from timeline_app.core.importing.salient import AMOUNT, NAME, NUMBER, TERM, SalientReader
from timeline_app.core.model import Event, FuzzyDate, Party, Precision
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore

ARTICLE = Path("/work/shared/seed/000_7965d0f8020a5c78.txt")
CAST = ["Sopra Steria", "Interserve", "Ministry of Justice", "MoJ accreditor"]


def day(text: str) -> FuzzyDate:
    return dates.parse(text)


def check(finder: Duplicates, date: FuzzyDate, title: str, label: str, description: str = ""):
    """What the row is marked a likely duplicate of ("" if nothing), and why."""
    row = ImportRow(1, [title], Event(title, date, description=description))
    finder.mark(row, label)
    return row.duplicate_of, row.duplicate_reason


def kinds(text: str, cast: list[str] = CAST) -> dict[str, str]:
    return {word.shown: word.kind for word in SalientReader(cast).read(text).values()}


# ---------------------------------------------------------------------- salient words


def test_amounts_and_numbers_are_read_by_value_and_dates_are_left_out() -> None:
    reader = SalientReader()
    one = reader.read("On 8 November 2018 (08/11/2018, at 10:30) £1.2m and £12,500 were paid")
    other = reader.read("£1,200,000 and £12500 were paid in 2019")
    assert one.keys() == other.keys() == {"£1200000", "£12500"}
    assert kinds("25 critical and 55 high risk breaches; 98 per cent uptime") == {
        "25": NUMBER,
        "55": NUMBER,
        "98": NUMBER,
    }
    assert kinds("Invoices of GBP 3.5 million") == {"GBP 3.5 million": AMOUNT}


def test_names_terms_and_the_first_word_of_a_sentence() -> None:
    assert kinds("Root Cause Analysis report: 25 critical vulnerabilities") == {
        "25": NUMBER,
        "Root Cause Analysis": TERM,
    }
    assert kinds(
        "On 8 November 2018 Sopra Steria delivered a Root Cause Analysis report to Interserve"
    ) == {"Sopra Steria": NAME, "Root Cause Analysis": TERM, "Interserve": NAME}
    # A sentence's capitalised first word is no name, unless the cast says so.
    assert kinds("Yesterday the outage began. Interserve complained.") == {"Interserve": NAME}
    assert kinds("Meeting at the High Court", cast=[]) == {"High Court": NAME}
    # Quoted words are a defined term; a possessive ends a name; "of" joins one.
    assert kinds(
        'Sopra Steria\'s work failed an "IT Health Check" for the Ministry of Justice'
    ) == {
        "IT Health Check": TERM,
        "Sopra Steria": NAME,
        "Ministry of Justice": NAME,
    }
    # The cast's names are cut out of a longer run of capitals.
    assert kinds("Interserve partners with Sopra Steria IT Services") == {
        "Interserve": NAME,
        "Sopra Steria": NAME,
        "IT Services": NAME,
    }
    assert kinds("Contract with Café Holdings Group Ltd", cast=[]) == {
        "Café Holdings Group Ltd": NAME
    }


# ---------------------------------------------------------------------- the rule


def test_a_typed_event_and_an_articles_sentence_on_the_same_day_are_alike() -> None:
    finder = Duplicates(None)
    typed = "Root Cause Analysis report: 25 critical vulnerabilities"
    assert check(finder, day("8 November 2018"), typed, "No. 6", "From Sopra Steria.") == ("", "")
    sentence = (
        "On 8 November 2018 Sopra Steria delivered a Root Cause Analysis report identifying "
        "25 critical issues"
    )
    assert check(finder, day("8 November 2018"), sentence, "proposal 1") == (
        "No. 6",
        "same day (8 November 2018); both mention 25, Root Cause Analysis, Sopra Steria",
    )
    assert check(finder, day("9 November 2018"), sentence, "proposal 2") == ("", "")


def test_a_day_and_a_month_match_within_that_month() -> None:
    finder = Duplicates(None)
    check(finder, day("October 2019"), "Sopra Steria's claim form for £3.5m issued", "No. 7")
    later = "On 14 October 2019 Sopra Steria issued its claim for £3.5m"
    assert check(finder, day("14 October 2019"), later, "row 2") == (
        "No. 7",
        "same month (October 2019); both mention £3.5m, Sopra Steria",
    )
    assert check(finder, day("14 November 2019"), later, "row 3") == ("", "")
    # And the other way round: a month's event after a day's.
    assert check(finder, day("November 2019"), later.replace("October", "November"), "4") == (
        "row 3",
        "same month (November 2019); both mention £3.5m, Sopra Steria",
    )


def test_the_best_scored_match_is_named() -> None:
    finder = Duplicates(None)
    when = day("2 May 2019")
    check(finder, when, "Invoice 25 sent to Interserve", "first")
    check(finder, when, "Invoice 25 for £12,500 sent to Interserve", "second")
    assert check(finder, when, "On 2 May 2019 Interserve paid invoice 25: £12,500", "3") == (
        "second",
        "same day (2 May 2019); both mention £12,500, 25, Interserve",
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Two letters of one day that share only their people.
        (
            "Letter from Sopra Steria to Interserve chasing payment",
            "Letter from Sopra Steria to Interserve about the SharePoint outage",
        ),
        (
            "Letter from John Smith to Jane Doe about invoices",
            "Letter from John Smith to Jane Doe about staffing",
        ),
        # One strong word is not enough: a number alone, or a term alone.
        ("25 staff signed off sick", "Invoice 25 paid"),
        ("IT Health Check booked", "IT Health Check failed"),
        # A term and a name: one day's board calls, with the same firm.
        (
            "Service Review Board teleconference with Sopra Steria on staffing",
            "Service Review Board meeting: Sopra Steria presents the outage report",
        ),
        # Other sums, with the same people.
        ("Sopra Steria invoices Interserve for £3.5m", "Sopra Steria invoices Interserve for £4m"),
    ],
)
def test_events_of_one_day_that_share_too_little_are_not_alike(first: str, second: str) -> None:
    finder = Duplicates(None)
    check(finder, day("8 November 2018"), first, "first")
    assert check(finder, day("8 November 2018"), second, "second") == ("", "")


def test_undated_events_are_alike_by_title_only() -> None:
    finder = Duplicates(None)
    check(finder, FuzzyDate(), "IT Health Check failed: 25 critical issues", "first")
    assert check(finder, FuzzyDate(), "25 issues in the IT Health Check", "second") == ("", "")
    assert check(finder, FuzzyDate(), "IT Health Check faild: 25 critical issues", "third") == (
        "first",
        "both undated; nearly the same title",
    )


def test_the_title_rule_says_so() -> None:
    finder = Duplicates(None)
    check(finder, day("2016"), "Interserve partners with Sopra Steria", "No. 1")
    assert check(finder, day("2016"), "Interserve partners with Sopra-Steria.", "row 2") == (
        "No. 1",
        "same date (2016); nearly the same title",
    )


def test_likely_duplicates_are_found_in_big_groups_too() -> None:
    undated = FuzzyDate()
    finder = Duplicates(None)
    words = [
        "meeting",
        "outage",
        "server",
        "contract",
        "supplier",
        "board",
        "failure",
        "report",
        "email",
        "letter",
        "claim",
        "invoice",
    ]
    for i in range(100):  # a big group of look-alikes, checked through the index
        assert check(
            finder, undated, " ".join(words[(i + k) % 12] for k in range(5)) + " x", f"row {i}"
        )[0] in ("", *[f"row {j}" for j in range(i)])
    assert check(finder, undated, "Adjournment of the hearing requested", "first")[0] == ""
    for i in range(120):
        check(finder, undated, f"Filler {words[i % 12]} {words[(i * 5) % 12]} note", "filler")
    assert check(finder, undated, "Adjournmnet of the hearing requested", "typo")[0] == "first"
    assert check(finder, undated, "Adjournment", "one word")[0] == ""
    for i in range(60):
        check(finder, undated, f"Other {words[i % 12]} thing", "filler")
    assert check(finder, undated, "Adjournmnet", "one word misspelt")[0] == "one word"


def test_salient_words_are_found_among_many_events_of_one_day() -> None:
    finder = Duplicates(None)
    when = day("8 November 2018")
    check(finder, when, "Root Cause Analysis report: 25 critical vulnerabilities", "the one")
    for i in range(2000):  # the day's other events, each with numbers and a term of its own
        check(finder, when, f"Ticket {i + 100} raised on the Service Desk Portal {i}", "other")
    assert check(finder, when, "The Root Cause Analysis found 25 critical flaws", "again") == (
        "the one",
        "same day (8 November 2018); both mention 25, Root Cause Analysis",
    )


# ---------------------------------------------------------------------- through an import


@pytest.fixture
def demo(tmp_path: Path) -> CaseStore:
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as opened:
        yield opened


def test_a_pasted_article_over_the_demo_case_flags_the_events_it_repeats(
    demo: CaseStore,
) -> None:
    session = ImportSession(demo, None)
    plan = session.plan(
        pasted=ARTICLE.read_text(encoding="utf-8"), document_date=dates.parse("1 June 2020")
    )
    flagged = {
        dates.format(row.event.date): (row.duplicate_of, row.duplicate_reason)
        for row in plan.rows
        if row.event is not None
    }
    assert flagged == {
        "October 2019": (
            "No. 7 'Sopra Steria issues High Court claim for £3.5m un…'",
            "same month (October 2019); both mention £3.5m, High Court, Sopra Steria, Interserve",
        ),
        "2016": ("", ""),  # the press release: the same people, nothing more in common
        "By October 2018": (
            "No. 5 'Sopra Steria unable to deliver the promised £5m p…'",
            "same date (By October 2018); both mention £5m, Interserve, IT",
        ),
        "8 November 2018": (
            "No. 6 'Root Cause Analysis report: 25 critical and 55 hi…'",
            "same day (8 November 2018); both mention 25, 55, Root Cause Analysis, Interserve",
        ),
        "Between January and June 2018": (
            "No. 3 'Rehabilitation plans not delivered on time; MoJ c…'",
            "same date (Between January and June 2018); both mention £124,000, Interserve, MoJ",
        ),
        "Between January 2018 and May 2019": ("", ""),  # the demo's is "From 2018"
    }
    assert len(plan.default_choice()) == 2


def test_a_pasted_article_over_hand_typed_events(store: CaseStore) -> None:
    sopra = store.add_party(Party("Sopra Steria"))
    store.add_party(Party("Interserve"))
    nov8 = FuzzyDate(dt.date(2018, 11, 8), dt.date(2018, 11, 8), Precision.DAY)
    store.add_events(
        [
            Event(
                "Root Cause Analysis report: 25 critical vulnerabilities",
                nov8,
                description="Prepared by Sopra Steria.",
                party_ids=(sopra.id,),
            ),
            Event("Letter from Sopra Steria to Interserve", nov8),
        ]
    )
    plan = ImportSession(store, None).plan(
        pasted=(
            "On 8 November 2018 Sopra Steria delivered a Root Cause Analysis report "
            "identifying 25 critical issues. On 8 November 2018 Interserve wrote to Sopra "
            "Steria about the invoices."
        )
    )
    assert [(row.duplicate_of, row.duplicate_reason) for row in plan.rows] == [
        (
            "No. 1 'Root Cause Analysis report: 25 critical vulnerabi…'",
            "same day (8 November 2018); both mention 25, Root Cause Analysis, Sopra Steria",
        ),
        ("", ""),  # the letter shares only its people
    ]
    assert plan.default_choice() == [plan.rows[1]]
