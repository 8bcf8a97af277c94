"""The date engine: every family the issue names, ambiguity, refusals, round trips, limits."""

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core import dates
from timeline_app.core.dates import DateError, fallback, grammar, interpret, parse, periods
from timeline_app.core.model import FuzzyDate, Precision, Qualifier

REF = dt.date(2020, 2, 14)  # a Friday
D = dt.date
T = dt.datetime


def read(text: str, order: str = "dmy") -> tuple:
    date = parse(text, ref_date=REF, order=order)
    return (date.earliest, date.latest, str(date.precision), str(date.qualifier), date.approximate)


FAMILIES = {
    # exact dates, day first
    "8 November 2018": (D(2018, 11, 8), D(2018, 11, 8), "day", "on", False),
    "8th Nov. 2018": (D(2018, 11, 8), D(2018, 11, 8), "day", "on", False),
    "November 8, 2018": (D(2018, 11, 8), D(2018, 11, 8), "day", "on", False),
    "08/11/2018": (D(2018, 11, 8), D(2018, 11, 8), "day", "on", False),
    "8.11.18": (D(2018, 11, 8), D(2018, 11, 8), "day", "on", False),
    "2018-11-08": (D(2018, 11, 8), D(2018, 11, 8), "day", "on", False),
    "Thursday 8 November 2018": (D(2018, 11, 8), D(2018, 11, 8), "day", "on", False),
    "the 3rd day of March 2017": (D(2017, 3, 3), D(2017, 3, 3), "day", "on", False),
    # times
    "14:32 on 8 November 2018": (
        T(2018, 11, 8, 14, 32),
        T(2018, 11, 8, 14, 32),
        "minute",
        "on",
        False,
    ),
    "by 5pm on 12th September 2019": (None, T(2019, 9, 12, 17, 0), "minute", "by", False),
    "at approximately 1915 hours": (
        T(2020, 2, 14, 19, 15),
        T(2020, 2, 14, 19, 15),
        "minute",
        "about",
        True,
    ),
    # partial
    "November 2018": (D(2018, 11, 1), D(2018, 11, 30), "month", "on", False),
    "Nov 2018": (D(2018, 11, 1), D(2018, 11, 30), "month", "on", False),
    "11/2018": (D(2018, 11, 1), D(2018, 11, 30), "month", "on", False),
    "2018": (D(2018, 1, 1), D(2018, 12, 31), "year", "on", False),
    "the 1980s": (D(1980, 1, 1), D(1989, 12, 31), "decade", "on", False),
    # quarters, halves, seasons, parts
    "Q3 2018": (D(2018, 7, 1), D(2018, 9, 30), "quarter", "on", False),
    "the second quarter of 2016": (D(2016, 4, 1), D(2016, 6, 30), "quarter", "on", False),
    "H1 2019": (D(2019, 1, 1), D(2019, 6, 30), "half", "on", False),
    "summer 2016": (D(2016, 6, 1), D(2016, 8, 31), "season", "on", False),
    "autumn of 2020": (D(2020, 9, 1), D(2020, 11, 30), "season", "on", False),
    "winter 2018": (D(2018, 12, 1), D(2019, 2, 28), "season", "on", False),
    "early 2017": (D(2017, 1, 1), D(2017, 4, 30), "part-of-year", "on", False),
    "mid-2019": (D(2019, 5, 1), D(2019, 8, 31), "part-of-year", "on", False),
    "late October 2018": (D(2018, 10, 21), D(2018, 10, 31), "part-of-month", "on", False),
    "the end of March 2019": (D(2019, 3, 21), D(2019, 3, 31), "part-of-month", "on", False),
    # qualifiers
    "c. 2016": (D(2016, 1, 1), D(2016, 12, 31), "year", "about", True),
    "circa March 2016": (D(2016, 3, 1), D(2016, 3, 31), "month", "about", True),
    "approx. May 2017": (D(2017, 5, 1), D(2017, 5, 31), "month", "about", True),
    "on or about 4 June 2018": (D(2018, 6, 4), D(2018, 6, 4), "day", "about", True),
    "in or around March 2016": (D(2016, 3, 1), D(2016, 3, 31), "month", "about", True),
    "before 2015": (None, D(2014, 12, 31), "year", "before", False),
    "after May 2019": (D(2019, 6, 1), None, "month", "after", False),
    "by 31 October 2018": (None, D(2018, 10, 31), "day", "by", False),
    "no later than 1 June 2018": (None, D(2018, 6, 1), "day", "by", False),
    "since 2015": (D(2015, 1, 1), None, "year", "since", False),
    "until midnight on 30 April 2021": (None, T(2021, 4, 30, 23, 59), "minute", "until", False),
    # ranges: one unknown point inside, against lasting across
    "between January and June 2018": (D(2018, 1, 1), D(2018, 6, 30), "month", "between", False),
    "January to June 2018": (D(2018, 1, 1), D(2018, 6, 30), "month", "from-to", False),
    "January–June 2018": (D(2018, 1, 1), D(2018, 6, 30), "month", "from-to", False),
    "2018–2019": (D(2018, 1, 1), D(2019, 12, 31), "year", "from-to", False),
    "1–3 May 2019": (D(2019, 5, 1), D(2019, 5, 3), "day", "from-to", False),
    # no year: the most recent such days on or before the reference date (a past narrative)
    "3/04 – 11/07": (D(2019, 4, 3), D(2019, 7, 11), "day", "from-to", False),
    # relative to the reference date
    "last year": (D(2019, 1, 1), D(2019, 12, 31), "year", "on", False),
    "May last year": (D(2019, 5, 1), D(2019, 5, 31), "month", "on", False),
    "yesterday": (D(2020, 2, 13), D(2020, 2, 13), "day", "on", False),
    "the week after": (D(2020, 2, 17), D(2020, 2, 23), "week", "on", False),
    "earlier this month": (D(2020, 2, 1), D(2020, 2, 13), "day", "between", False),
    "two weeks ago": (D(2020, 1, 31), D(2020, 1, 31), "day", "on", False),
    "next Tuesday": (D(2020, 2, 18), D(2020, 2, 18), "day", "on", False),
    # undated
    "undated": (None, None, "unknown", "on", False),
    "unknown": (None, None, "unknown", "on", False),
    "TBC": (None, None, "unknown", "on", False),
    "": (None, None, "unknown", "on", False),
}


@pytest.mark.parametrize(("text", "expected"), FAMILIES.items(), ids=list(FAMILIES))
def test_every_family(text: str, expected: tuple) -> None:
    assert read(text) == expected


def test_the_text_as_typed_is_kept() -> None:
    assert parse("  8th Nov. 2018 ", ref_date=REF).text == "  8th Nov. 2018 "


def test_month_first_cases() -> None:
    assert read("08/11/2018", "mdy")[:2] == (D(2018, 8, 11), D(2018, 8, 11))
    assert read("11/25/2018", "mdy")[0] == D(2018, 11, 25)


def test_ambiguity_is_reported_not_hidden() -> None:
    found = interpret("05/06/2018", ref_date=REF)
    assert found.date.earliest == D(2018, 6, 5)
    assert found.warning == (
        "05/06/2018 was read day first as 5 June 2018; month first it would be 6 May 2018."
    )
    assert interpret("25/06/2018", ref_date=REF).warning is None
    swapped = interpret("11/25/2018", ref_date=REF)  # no 25th month: month first is the reading
    assert swapped.date.earliest == D(2018, 11, 25)
    assert "cannot be read day first" in swapped.warning


def test_a_wrong_weekday_is_reported() -> None:
    found = interpret("Monday 8 November 2018", ref_date=REF)
    assert found.date.earliest == D(2018, 11, 8)
    assert found.warning == "8 November 2018 was a Thursday, not a Monday."


@pytest.mark.parametrize(
    ("text", "explanation"),
    [
        ("8 November 2018", "8 November 2018 — exact day"),
        ("between January and June 2018", "1 January – 30 June 2018 — at some point between"),
        ("January to June 2018", "1 January – 30 June 2018 — lasting across"),
        ("October 2018", "1 – 31 October 2018 — month known, day not"),
        ("c. 2016", "1 January – 31 December 2016 — approximately; year known, month not"),
        ("before 2015", "On or before 31 December 2014 — no earlier limit"),
        ("undated", "Undated — sorted after every dated event"),
    ],
)
def test_every_result_explains_itself(text: str, explanation: str) -> None:
    assert interpret(text, ref_date=REF).explanation == explanation


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[2011] 1 WLR 2218", "law report citation"),
        ("clause 14.3.2", "clause, paragraph or page"),
        ("Schedule 3.1.17", "clause, paragraph or page"),
        ("HT-2019-000123", "claim number"),
        ("Q4 of the questionnaire", "“questionnaire” is not part of a date"),
        ("Windows 2000 servers", "“windows” and “servers” are not part of a date"),
        ("31 February 2018", "There is no 31 February 2018"),
        ("13/13/2018", "no valid month"),
        ("25:00 on 1 May 2019", "not a time of day"),
        ("between June and January 2018", "ends before it starts"),
        ("after 9999", "not a year this chronology can hold"),
        ("x" * 201, "too long to be a date"),
    ],
)
def test_text_that_is_not_a_date_is_an_error_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse(text, ref_date=REF)


def test_dates_past_the_calendar_are_errors() -> None:
    with pytest.raises(DateError, match="outside the dates"):
        parse("tomorrow", ref_date=D(9999, 12, 31))


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("8th Nov. 2018", "8 November 2018"),
        ("c. March 2016", "c. March 2016"),
        ("in or around 2016", "c. 2016"),
        ("on or about 4 June 2018", "On or about 4 June 2018"),
        ("between January and June 2018", "Between January and June 2018"),
        ("January-June 2018", "January – June 2018"),
        ("by 31 October 2018", "By 31 October 2018"),
        ("after 8 November 2018", "After 8 November 2018"),
        ("early 2017", "Early 2017"),
        ("before early 2017", "Before early 2017"),
        ("End of 1997", "End of 1997"),  # the lawyer's word where court style has one
        ("the beginning of March 2019", "Beginning of March 2019"),
        ("before the end of 1997", "Before the end of 1997"),
        ("the middle of the 1990s", "Middle of the 1990s"),
        ("1-3 May 2019", "1 – 3 May 2019"),
        ("30 Dec 2019 to 2 Jan 2020", "30 December 2019 – 2 January 2020"),
        ("2.32 pm on 8/11/2018", "14:32 on 8 November 2018"),
        ("TBC", "Undated"),
    ],
)
def test_court_style(text: str, display: str) -> None:
    assert dates.format(parse(text, ref_date=REF)) == display


# --------------------------------------------------------------------- properties


def read_or_refused(text: str) -> None:
    """Any text is either read, keeping the words as typed and a court style that reads back
    to the same window, or refused with a DateError that says why in a sentence."""
    try:
        date = parse(text, ref_date=REF)
    except DateError as error:
        assert str(error).strip(), repr(text)
        return
    assert date.text == text
    written = dates.format(date)
    again = parse(written, ref_date=REF)
    assert (again.earliest, again.latest, again.precision, again.qualifier) == (
        date.earliest,
        date.latest,
        date.precision,
        date.qualifier,
    ), (text, written)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parse_raises_nothing_but_its_documented_error(text: str) -> None:
    read_or_refused(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "8",
                "November",
                "2018",
                "c.",
                "before",
                "between",
                "and",
                "to",
                "-",
                "/",
                "Q3",
                "of",
                "the",
                "early",
                "late",
                "on",
                "14:32",
                "5pm",
                "last",
                "year",
                "week",
                "1915",
                "hours",
                "Windows",
                "clause",
                "3.1",
                "mid-",
                "summer",
                ",",
                "ago",
                "two",
                "H1",
                "1980s",
            ]
        ),
        max_size=8,
    ).map(" ".join)
)
def test_date_shaped_nonsense_is_read_or_refused_never_crashes(text: str) -> None:
    read_or_refused(text)


@pytest.mark.parametrize(
    "text",
    [
        "2018 years ago",
        "2018 year before",
        "1500 years later",
        "400000 days ago",
        "13000 months ago",
    ],
)
def test_a_relative_date_beyond_the_years_a_chronology_holds_is_refused(text: str) -> None:
    # Counted from the reference date (14 February 2020), these land before 1000 or after
    # 2999: their court style ("2", "3520") could never be read back, so they are refused.
    with pytest.raises(DateError, match="outside the dates a chronology can hold"):
        parse(text, ref_date=REF)


def test_a_relative_date_in_the_first_or_last_year_a_chronology_holds_is_read() -> None:
    assert read("1020 years ago") == (D(1000, 1, 1), D(1000, 12, 31), "year", "on", False)
    assert read("in 979 years") == (D(2999, 1, 1), D(2999, 12, 31), "year", "on", False)


def test_a_huge_input_is_refused_before_any_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    # "Refused at once" rests on the length check coming before the grammar and dateparser
    # ever see the text: count the calls that reach them, through the real functions.
    reads: list[str] = []
    real_parse, real_dateparser = grammar.read, fallback.dateparser_point

    def counted_parse(text: str, *args: object, **kwargs: bool) -> object:
        reads.append(text)
        return real_parse(text, *args, **kwargs)

    def counted_dateparser(s: str, *args: object) -> object:
        reads.append(s)
        return real_dateparser(s, *args)

    monkeypatch.setattr(grammar, "read", counted_parse)
    monkeypatch.setattr(fallback, "dateparser_point", counted_dateparser)
    for text in ["8 November 2018 " * 6250, "x" * 100_000, "\x00" * 100_000, "x" * 201]:
        with pytest.raises(DateError, match="too long"):
            parse(text, ref_date=REF)
    assert reads == []
    longest = "8 November 2018" + " " * 185  # 200 characters: still read
    assert parse(longest, ref_date=REF).earliest == D(2018, 11, 8)
    assert reads == [longest]


POINT_PRECISIONS = [p for p in Precision if p not in (Precision.HOUR, Precision.UNKNOWN)]
RANGE_PRECISIONS = [
    Precision.DAY,
    Precision.MONTH,
    Precision.YEAR,
    Precision.QUARTER,
    Precision.MINUTE,
]


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> FuzzyDate:
    """Any date the engine can produce, built from a period, a qualifier and a flag."""
    qualifier = draw(st.sampled_from(Qualifier))
    approximate = qualifier is Qualifier.ABOUT or draw(st.booleans())
    day = draw(st.dates(min_value=D(1100, 1, 1), max_value=D(2900, 12, 31)))
    if qualifier in (Qualifier.BETWEEN, Qualifier.FROM_TO):
        precision = draw(st.sampled_from(RANGE_PRECISIONS))
        other = day + dt.timedelta(days=draw(st.integers(0, 4000)))
        if precision is Precision.MINUTE:
            first = T(day.year, day.month, day.day, draw(st.integers(0, 23)), 5)
            last = T(other.year, other.month, other.day, draw(st.integers(0, 23)), 40)
            if last <= first:
                last = first + dt.timedelta(minutes=1)
        else:
            first = periods.period(day, precision)[0]
            last = periods.period(other, precision)[1]
            if periods.period(other, precision)[0] == first:
                return FuzzyDate(
                    first, periods.period(day, precision)[1], precision, Qualifier.ON, approximate
                )
        return FuzzyDate(first, last, precision, qualifier, approximate)
    precision = draw(st.sampled_from(POINT_PRECISIONS))
    if precision is Precision.MINUTE:
        start = end = T(
            day.year, day.month, day.day, draw(st.integers(0, 23)), draw(st.integers(0, 59))
        )
    else:
        start, end = periods.period(day, precision)
    earliest, latest = start, end
    if qualifier is Qualifier.BEFORE:
        earliest, latest = None, periods.before(start)
    elif qualifier in (Qualifier.BY, Qualifier.UNTIL):
        earliest = None
    elif qualifier is Qualifier.AFTER:
        earliest, latest = periods.after(end), None
    elif qualifier is Qualifier.SINCE:
        latest = None
    return FuzzyDate(earliest, latest, precision, qualifier, approximate)


@settings(max_examples=600, deadline=None)
@given(fuzzy_dates())
def test_format_then_parse_gives_the_date_back(date: FuzzyDate) -> None:
    written = dates.format(date)
    assert parse(written, ref_date=REF) == dataclasses.replace(date, text=written), written


def test_round_trip_reaches_every_precision_and_qualifier() -> None:
    for precision in POINT_PRECISIONS:
        for qualifier in Qualifier:
            if qualifier in (Qualifier.BETWEEN, Qualifier.FROM_TO):
                continue
            start, end = (
                (T(2018, 11, 8, 14, 32),) * 2
                if precision is Precision.MINUTE
                else periods.period(D(2018, 11, 8), precision)
            )
            date = FuzzyDate(start, end, precision, qualifier, qualifier is Qualifier.ABOUT)
            if qualifier is Qualifier.BEFORE:
                date = dataclasses.replace(date, earliest=None, latest=periods.before(start))
            elif qualifier in (Qualifier.BY, Qualifier.UNTIL):
                date = dataclasses.replace(date, earliest=None)
            elif qualifier is Qualifier.AFTER:
                date = dataclasses.replace(date, earliest=periods.after(end), latest=None)
            elif qualifier is Qualifier.SINCE:
                date = dataclasses.replace(date, latest=None)
            written = dates.format(date)
            assert parse(written, ref_date=REF) == dataclasses.replace(date, text=written), (
                precision,
                qualifier,
                written,
            )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov '18", (D(2018, 11, 1), D(2018, 11, 30), "month", "on", False)),
        ("Q3-2018", (D(2018, 7, 1), D(2018, 9, 30), "quarter", "on", False)),
        ("2018 Q3", (D(2018, 7, 1), D(2018, 9, 30), "quarter", "on", False)),
        ("the afternoon of 3 May 2019", (D(2019, 5, 3), D(2019, 5, 3), "day", "on", False)),
        ("yesterday afternoon", (D(2020, 2, 13), D(2020, 2, 13), "day", "on", False)),
        ("in 3 days", (D(2020, 2, 17), D(2020, 2, 17), "day", "on", False)),
        ("the following Monday", (D(2020, 2, 17), D(2020, 2, 17), "day", "on", False)),
        ("not after 1 June 2018", (None, D(2018, 6, 1), "day", "by", False)),
        ("2018-19", (D(2018, 1, 1), D(2019, 12, 31), "year", "from-to", False)),
        (
            "between 2 and 4pm on 3 May 2019",
            (T(2019, 5, 3, 14), T(2019, 5, 3, 16), "minute", "between", False),
        ),
        (
            "3 May 2019 to 10:00 on 4 May 2019",
            (T(2019, 5, 3, 0), T(2019, 5, 4, 10), "minute", "from-to", False),
        ),
        ("between 2018 and winter 2019", (D(2018, 1, 1), D(2020, 2, 29), "day", "between", False)),
    ],
)
def test_less_common_shapes_are_read_to_the_right_window(text: str, expected: tuple) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "'80s",
        "14.3",
        "12.5",
        "3 4",
        "10 20",
        "13 2018",
        "30 days",
        "a year",
        "Thursday 8",
        "2018 about year",
        "0001-01-01",
    ],
)
def test_guesses_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse(text, ref_date=REF)


def test_a_two_digit_year_is_read_near_the_reference_date_and_reported() -> None:
    # At most ten years after the document's date: 2030 in a 2020 document, but 1969.
    assert "read as 1969; write 2069 in full" in interpret("8/11/69", ref_date=REF).warning
    assert parse("8/11/30", ref_date=REF).earliest == D(2030, 11, 8)
    assert parse("8/11/31", ref_date=REF).earliest == D(1931, 11, 8)


def test_nothing_left_of_the_week_is_an_error() -> None:
    with pytest.raises(DateError, match="no day of this week is later"):
        parse("later this week", ref_date=D(2020, 2, 16))  # a Sunday


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("c. early 2017", "c. early 2017"),
        ("mid-October 2018", "Mid-October 2018"),
        ("before the 1980s", "Before the 1980s"),
        ("Q1 to Q3 2019", "Q1 – Q3 2019"),
        ("between 10:00 and 11:00 on 3 May 2019", "Between 10:00 and 11:00 on 3 May 2019"),
        (
            "w/c 3 June 2019 to w/c 17 June 2019",
            "Week beginning 3 June 2019 – week beginning 17 June 2019",
        ),
    ],
)
def test_court_style_details(text: str, display: str) -> None:
    assert dates.format(parse(text, ref_date=REF)) == display


def test_stored_dates_of_unknown_precision_still_display() -> None:
    date = FuzzyDate(D(2018, 1, 1), D(2018, 1, 1), "unknown")
    assert dates.format(date) == "1 January 2018"
    assert dates.explain(date) == "1 January 2018 — exact day"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 /.-:apmhqQHcb", max_size=40))
def test_numbers_and_letters_never_crash_and_always_display(text: str) -> None:
    try:
        date = parse(text, ref_date=REF)
    except DateError:
        return
    assert parse(dates.format(date), ref_date=REF).earliest == date.earliest


@pytest.mark.parametrize(
    ("text", "days", "moved"),
    [
        ("8 November 2018", 3.4, "11 November 2018"),
        ("8 November 2018", -9.6, "29 October 2018"),
        ("14:32 on 8 November 2018", 1 / 24, "15:32 on 8 November 2018"),
        ("October 2018", 40, "November 2018"),
        ("Q3 2018", 100, "Q4 2018"),
        ("2016", 400, "2017"),
        ("January to June 2018", 31, "February – July 2018"),
        ("before 2015", 370, "Before 2016"),
        ("c. March 2016", -29, "c. February 2016"),
        ("undated", 100, "Undated"),
    ],
)
def test_re_dating_snaps_to_the_dates_precision(text: str, days: float, moved: str) -> None:
    date = dates.shifted(parse(text, ref_date=REF), days)
    assert dates.format(date) == moved and (date.is_undated or date.text == moved)
    if not date.is_undated:
        assert parse(moved, ref_date=REF) == date


def test_re_dating_past_the_calendar_is_refused_in_words() -> None:
    for text, days in (
        ("2999", 400),
        ("March 2999", 400),
        ("31 December 2999", 1),
        ("1 January 1000", -1),
    ):
        with pytest.raises(DateError, match="beyond the years 1000 to 2999"):
            dates.shifted(parse(text, ref_date=REF), days)


def test_a_move_of_less_than_a_unit_keeps_the_typed_words() -> None:
    for text, days in (("3rd January 2020", 0.4), ("the 1990s", 400), ("Spring 2019", 20)):
        date = parse(text, ref_date=REF)
        assert dates.shifted(date, days) == date


@pytest.mark.parametrize(
    "text",
    ["2019-05-03 10:00:00", "03/05/2019 10:00:27", "2019-05-03T10:00:00", "2019-05-03T09:00:59.5Z"],
)
def test_seconds_from_spreadsheets_and_email_exports_are_dropped(text: str) -> None:
    # "Z" is UTC, shown as UK time (British Summer Time in May).
    found = dates.parse(text)
    assert found.earliest == found.latest == dt.datetime(2019, 5, 3, 10, 0)
    assert found.precision is Precision.MINUTE


@pytest.mark.parametrize("text", ["1/0001", "1/0100", "12.3000"])
def test_a_month_and_year_outside_the_chronology_s_years_is_refused(text: str) -> None:
    with pytest.raises(DateError, match="is not a year this chronology can hold"):
        parse(text)


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("1-Feb-19", "1 February 2019"),
        ("01-Feb-2019", "1 February 2019"),
        ("Feb-19", "February 2019"),
        ("2019/02/01", "1 February 2019"),
        ("2019.02.01", "1 February 2019"),
        ("by 1-Feb-19", "By 1 February 2019"),
        ("mid-2019", "Mid-2019"),
        ("Jan-Mar 2019", "January – March 2019"),
    ],
)
def test_the_shapes_excel_writes_dates_in(text: str, display: str) -> None:
    assert interpret(text).display == display


def test_an_end_before_its_start_is_told_to_the_day_and_open_bounds_never_are() -> None:
    def read(text: str):
        return dates.parse(text, ref_date=dt.date(2020, 1, 1))

    assert dates.ends_before(read("1 January 2019"), read("1 May 2019"))
    assert dates.ends_before(read("April 2019"), read("1 May 2019"))
    assert not dates.ends_before(read("1 May 2019"), read("14:30 on 1 May 2019"))
    assert not dates.ends_before(read("1 May 2019"), read("May 2019"))
    assert not dates.ends_before(read("1 January 2019"), read("before May 2019"))
    assert not dates.ends_before(read("undated"), read("1 May 2019"))
