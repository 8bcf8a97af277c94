"""Dates found in free text: the labelled passages, and each trap on its own."""

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import extract
from timeline_app.core.extract import find_dates, narrative_after
from timeline_app.core.model import date_to_iso

DATA = Path(__file__).resolve().parent.parent / "data" / "extraction"
LABELS = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))["passages"]
REF = dt.date(2020, 2, 14)


def found(text: str, ref: dt.date = REF) -> list[tuple]:
    return [
        (h.date_text, date_to_iso(h.date.earliest), date_to_iso(h.date.latest))
        for h in find_dates(text, ref_date=ref)
    ]


@pytest.mark.parametrize("passage", LABELS, ids=[p["file"] for p in LABELS])
def test_labelled_passages_are_read_exactly(passage: dict) -> None:
    text = (DATA / passage["file"]).read_text(encoding="utf-8")
    hits = find_dates(text, ref_date=dt.date.fromisoformat(passage["ref_date"]))
    assert [
        (h.date_text, date_to_iso(h.date.earliest), date_to_iso(h.date.latest)) for h in hits
    ] == [tuple(hit) for hit in passage["hits"]]
    for hit in hits:
        assert text[hit.start : hit.end] == hit.date_text
        assert " ".join(hit.date_text.split()) in hit.sentence


def test_there_are_at_least_six_passages() -> None:
    assert len(LABELS) >= 6


def test_two_dates_in_one_sentence_share_it() -> None:
    hits = find_dates(
        "The Ministry wrote on 5 July 2018 and again on 12 July 2018. Then nothing.", ref_date=REF
    )
    assert [h.date_text for h in hits] == ["5 July 2018", "12 July 2018"]
    assert {h.sentence for h in hits} == {
        "The Ministry wrote on 5 July 2018 and again on 12 July 2018."
    }


@pytest.mark.parametrize(
    "text",
    [
        "The contract ends in 30 days unless renewed.",
        "Laptops were unserviceable for up to 12 months.",
        "We may have to escalate now.",
        "We will March on with the plan.",
        "The 1990s band played at the launch.",
        "Windows 2000 servers were still in use.",
        "See [2011] 1 WLR 2218 and [2019] EWHC 1234 (TCC).",
        "Under Schedule 3.1.17 and clause 14.3.2 of the Agreement.",
        "Claim No. HT-2019-000123 was issued.",
        "They claimed £2,018.50 and 1,999 staff; uptime was 98 per cent.",
        "The Companies Act 2006 applies.",
        "The day after the meeting we spoke again.",
    ],
)
def test_things_that_only_look_like_dates(text: str) -> None:
    assert found(text) == []


def test_relative_dates_are_read_against_the_documents_date() -> None:
    assert found(
        "Two weeks ago I met the auditor; last year was worse.", ref=dt.date(2020, 6, 15)
    ) == [
        ("Two weeks ago", "2020-06-01", "2020-06-01"),
        ("last year", "2019-01-01", "2019-12-31"),
    ]


def test_sentences_end_at_full_stops_but_not_at_abbreviations() -> None:
    text = "Report dated 8th Nov. 2018 was sent by Mr. Jones. It arrived c. 10 November 2018."
    hits = find_dates(text, ref_date=REF)
    assert [h.sentence for h in hits] == [
        "Report dated 8th Nov. 2018 was sent by Mr. Jones.",
        "It arrived c. 10 November 2018.",
    ]


def test_an_empty_or_dateless_text_gives_nothing() -> None:
    assert find_dates("", ref_date=REF) == []
    assert find_dates("No dates here at all, just words.", ref_date=REF) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "On",
                "8 November 2018",
                "between",
                "and",
                "May",
                "may",
                "2016",
                "1990s",
                "c.",
                "by",
                "last year",
                "30 days",
                "ago",
                "two weeks",
                "clause 4.2",
                "[2011] 1 WLR 2218",
                "£2,018",
                ".",
                ",",
                "\n\n",
                "Q3",
                "early",
                "mid-",
                "to",
                "–",
                "14:32",
                "on",
                "Mr.",
                "the",
                "week",
                "\x00",
                "\u202e",
                "👩‍⚖️",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_any_text_gives_hits_whose_offsets_point_at_their_words(text: str) -> None:
    for hit in find_dates(text, ref_date=REF):
        assert text[hit.start : hit.end] == hit.date_text
        assert hit.sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Start not before 1 June 2018; finish not after 1 June 2019.",
            [
                ("not before 1 June 2018", "2018-06-01", None),
                ("not after 1 June 2019", None, "2019-06-01"),
            ],
        ),
        ("Up to 1 June 2018 nothing happened.", [("Up to 1 June 2018", None, "2018-06-01")]),
        (
            "Called at 9:15 PM on 10 December 2018.",
            [("9:15 PM on 10 December 2018", "2018-12-10T21:15", "2018-12-10T21:15")],
        ),
        (
            "Seen on 3 May 2019 at 11pm. Then home.",
            [("3 May 2019 at 11pm", "2019-05-03T23:00", "2019-05-03T23:00")],
        ),
        ("Meetings w/c 4 June 2018.", [("w/c 4 June 2018", "2018-06-04", "2018-06-10")]),
        ("Booked in the 1st quarter 2019.", [("the 1st quarter 2019", "2019-01-01", "2019-03-31")]),
        ("It began in the late 1990s.", [("the late 1990s", "1997-01-01", "1999-12-31")]),
        ("About 2000 staff; Invoice 2018-11; Version 2.1.2019.", []),
        (
            "We met on 3rd and 4th June 2019.",
            [("3rd", "2019-06-03", "2019-06-03"), ("4th June 2019", "2019-06-04", "2019-06-04")],
        ),
    ],
)
def test_phrases_are_found_whole_with_their_bounds_and_numbers_are_not_dates(
    text: str, expected: list[tuple]
) -> None:
    assert found(text, ref=dt.date(2020, 3, 15)) == expected


def test_initials_do_not_end_a_sentence() -> None:
    [hit] = find_dates("Mr J. R. Smith met her on 3 May 2019. Then she left.", ref_date=REF)
    assert hit.sentence == "Mr J. R. Smith met her on 3 May 2019."


def test_a_schedule_without_full_stops_gives_each_line_as_the_sentence() -> None:
    schedule = "Payment schedule\n" + "\n".join(
        f"Instalment {i} due {i % 28 + 1} May 2019 amount 100" for i in range(200)
    )
    hits = find_dates(schedule, ref_date=REF)
    assert len(hits) == 200
    assert hits[5].sentence == "Instalment 5 due 6 May 2019 amount 100"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("We met on the 3rd and 4th June 2018.", ["3rd", "4th June 2018"]),
        ("We met on 3 and 4 June 2018.", ["3", "4 June 2018"]),
        ("Hearings on 3, 4 and 5 June 2018.", ["3", "4", "5 June 2018"]),
        ("We met on the 3rd and 4th of June 2018.", ["3rd", "4th of June 2018"]),
    ],
)
def test_days_listed_with_one_month_are_each_a_date_of_their_own(
    text: str, days: list[str]
) -> None:
    hits = find_dates(text, ref_date=REF)
    assert [h.date_text for h in hits] == days
    assert [h.date.earliest for h in hits] == [
        dt.date(2018, 6, day) for day in range(3, 3 + len(days))
    ]
    assert all(h.date.earliest == h.date.latest for h in hits)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.date_text
        assert hit.sentence == text
    assert hits[0].date.text.startswith(days[0]) and hits[0].date.text.endswith("June 2018")


def test_an_impossible_day_in_a_list_is_reported_and_the_others_kept() -> None:
    first, impossible = find_dates("Sittings on 30 and 31 June 2018.", ref_date=REF)
    assert first.date.earliest == dt.date(2018, 6, 30) and first.problem == ""
    assert impossible.date.is_undated and impossible.problem == "There is no 31 June 2018."


def test_between_two_days_of_a_month_stays_one_date() -> None:
    assert found("Penalties were imposed between 1 and 3 May 2019.") == [
        ("between 1 and 3 May 2019", "2019-05-01", "2019-05-03")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It began in the late 1990s.", ("the late 1990s", "1997-01-01", "1999-12-31")),
        ("Built in the mid-1980s, it failed.", ("the mid-1980s", "1984-01-01", "1986-12-31")),
        ("Used since early 2000s, it failed.", ("since early 2000s", "2000-01-01", None)),
        ("Fixed by the end of the 1990s.", ("by the end of the 1990s", None, "1999-12-31")),
    ],
)
def test_part_of_a_decade_is_read_as_that_part(text: str, expected: tuple) -> None:
    assert found(text) == [expected]


def test_a_part_of_a_decade_used_as_an_adjective_is_not_a_date() -> None:
    assert found("The late 1990s hardware was replaced.") == []


# --------------------------------------------------------------------- the narrative (issue 14)


def hits_of(text: str, ref: dt.date = REF) -> list[tuple]:
    return [
        (h.date_text, date_to_iso(h.date.earliest), date_to_iso(h.date.latest), h.kind)
        for h in find_dates(text, ref_date=ref)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a day without a year: the year nearest the date before it, not the document's
            "On 2 October 2017 FB was moved. On 22 November they set removal for 24 December.",
            [
                ("2 October 2017", "2017-10-02", "2017-10-02", "event"),
                ("On 22 November", "2017-11-22", "2017-11-22", "event"),
                ("for 24 December", "2017-12-24", "2017-12-24", "event"),
            ],
        ),
        (  # a month alone, and days listed without a year, after a dated sentence
            "In July 2018 M came to England. In August, the mother left. "
            "After the letters of 12 and 13 November, nothing happened.",
            [
                ("July 2018", "2018-07-01", "2018-07-31", "event"),
                ("In August", "2018-08-01", "2018-08-31", "event"),
                ("12", "2018-11-12", "2018-11-12", "event"),
                ("13 November", "2018-11-13", "2018-11-13", "event"),
            ],
        ),
        (  # "17 or 18 April": one of the two days
            "M went home on 7 April 2019 and was due back on 17 or 18 April.",
            [
                ("7 April 2019", "2019-04-07", "2019-04-07", "event"),
                ("on 17 or 18 April", "2019-04-17", "2019-04-18", "event"),
            ],
        ),
    ],
)
def test_a_day_or_month_without_a_year_takes_the_year_of_the_narrative(
    text: str, expected: list[tuple]
) -> None:
    assert hits_of(text, dt.date(2020, 10, 21)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 5 September 2022 she was elected. On the following day, she flew north.",
            [
                ("5 September 2022", "2022-09-05", "2022-09-05", "event"),
                ("On the following day", "2022-09-06", "2022-09-06", "event"),
            ],
        ),
        (
            "The report came on 19 October 2017. That day, the firm went on the record. "
            "At 6pm that day it wrote again, and on the same day it called.",
            [
                ("19 October 2017", "2017-10-19", "2017-10-19", "event"),
                ("That day", "2017-10-19", "2017-10-19", "event"),
                ("6pm that day", "2017-10-19T18:00", "2017-10-19T18:00", "event"),
                ("on the same day", "2017-10-19", "2017-10-19", "event"),
            ],
        ),
        (  # the date given after a back reference is the date
            "They met on 1 May 2019. Two days later, on 3 May, they wrote.",
            [
                ("1 May 2019", "2019-05-01", "2019-05-01", "event"),
                ("on 3 May", "2019-05-03", "2019-05-03", "event"),
            ],
        ),
        (  # nothing before it to refer to: left out
            "The following day he was interviewed. That day he was served.",
            [],
        ),
    ],
)
def test_a_date_that_only_refers_back_is_the_date_before_it_moved(
    text: str, expected: list[tuple]
) -> None:
    assert hits_of(text) == expected


def test_the_link_of_a_back_reference_is_kept_in_its_note() -> None:
    _, following = find_dates(
        "On 2 October 2017 he moved. The following day he asked.", ref_date=REF
    )
    assert (
        following.note == "refers back: moved from 2 October 2017, the date before it in the text"
    )


def test_a_heading_date_carries_to_the_timed_lines_under_it() -> None:
    log = "Monday 3 June 2019\n09:15 Call with the auditor\nAt 10.05am the server failed.\n"
    assert hits_of(log) == [
        ("Monday 3 June 2019", "2019-06-03", "2019-06-03", "event"),
        ("09:15", "2019-06-03T09:15", "2019-06-03T09:15", "event"),
        ("At 10.05am", "2019-06-03T10:05", "2019-06-03T10:05", "event"),
    ]


def test_a_time_with_no_day_before_it_is_not_a_date() -> None:
    assert hits_of("The meeting is at 10am and lasts an hour.") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Date: 24/06/2022\n\nJudgment follows.", "document"),
        ("# date: 2025-05-23\n", "document"),
        ("He relied on Smith v Jones (12 March 2010, unreported).", "citation"),
        ("[^1]: See the letter of 4 May 2019.", "footnote"),
        ("She said “I saw him on 3 May 2019” and left.", "quoted"),
        ('He wrote "the goods came on 3 May 2019" in reply.', "quoted"),
        ("The goods came on 3 May 2019.", "event"),
    ],
)
def test_dates_that_are_not_the_texts_own_events_are_kept_apart(text: str, kind: str) -> None:
    [hit] = find_dates(text, ref_date=REF)
    assert hit.kind == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In his tax return for the year 2010-11 he declared £734.",
            [("the year 2010-11", "2010-04-06", "2011-04-05", "event")],
        ),
        (
            "His declared income for tax for the period 2008-9 to 2016-7 was wrong.",
            [("2008-9 to 2016-7", "2008-04-06", "2017-04-05", "event")],
        ),
        ("Sales rose in 2010-11 and fell.", [("2010-11", "2010-01-01", "2011-12-31", "event")]),
        ("They applied to vary the 2015 contact order.", []),
        ("It is a pension scheme under the FA 2004, section 150.", []),
    ],
)
def test_pairs_of_years_tax_years_and_years_that_name_a_thing(
    text: str, expected: list[tuple]
) -> None:
    assert hits_of(text) == expected


def test_the_import_carries_the_narrative_from_paragraph_to_paragraph() -> None:
    first = find_dates("On 2 October 2017 he was moved.", ref_date=REF)
    narrative = narrative_after(first)
    [second] = find_dates("On 5 October his notice expired.", ref_date=REF, narrative=narrative)
    assert second.date.earliest == dt.date(2017, 10, 5)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["\n", "\n\n", "“", "”", "‘", "’", '"', "a", " 3 May 2019"])).map(
        "".join
    ),
    st.integers(min_value=0, max_value=60),
)
def test_the_layout_answers_as_searching_the_text_would(text: str, at: int) -> None:
    """The index of lines, paragraphs and quotation marks agrees with searching the text."""
    at = min(at, len(text))
    layout = extract._Layout(text)
    assert layout.line_start(at) == text.rfind("\n", 0, at) + 1
    assert layout.line_end(at) == (text.find("\n", at) if "\n" in text[at:] else len(text))
    start, end = text.rfind("\n\n", 0, at), text.find("\n\n", at)
    assert layout.paragraph(at) == (
        start + 1 if start != -1 else 0,
        end if end != -1 else len(text),
    )
    for mark in ("“", "”", "‘", "’", '"'):
        assert layout.count(mark, start + 1, at) == text[start + 1 : at].count(mark)
