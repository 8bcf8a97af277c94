"""Early, mid and late in a decade: read, written back the same way, and moved by thirds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from timeline_app.core import dates
from timeline_app.core.model import FuzzyDate, Precision, Qualifier

D = dt.date
REF = D(2020, 2, 14)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "written"),
    [
        ("the late 1990s", D(1997, 1, 1), D(1999, 12, 31), "Late 1990s"),
        ("late 1990s", D(1997, 1, 1), D(1999, 12, 31), "Late 1990s"),
        ("the end of the 1990s", D(1997, 1, 1), D(1999, 12, 31), "End of the 1990s"),
        ("mid-1980s", D(1984, 1, 1), D(1986, 12, 31), "Mid-1980s"),
        ("the mid 1980's", D(1984, 1, 1), D(1986, 12, 31), "Mid-1980s"),
        ("early 2000s", D(2000, 1, 1), D(2003, 12, 31), "Early 2000s"),
        ("the beginning of the 2010s", D(2010, 1, 1), D(2013, 12, 31), "Beginning of the 2010s"),
    ],
)
def test_a_part_of_a_decade_is_read_as_that_part_and_written_back(
    text: str, earliest: dt.date, latest: dt.date, written: str
) -> None:
    date = dates.parse(text, ref_date=REF)
    assert (date.earliest, date.latest) == (earliest, latest)
    assert date.precision is Precision.PART_OF_DECADE and date.qualifier is Qualifier.ON
    assert dates.format(date) == written
    assert dates.parse(written, ref_date=REF) == dataclasses.replace(date, text=written)


@pytest.mark.parametrize(
    "text",
    [
        "c. the late 1990s",
        "before the early 2010s",
        "by the late 1990s",
        "after the mid-1980s",
        "since the mid-1990s",
        "until the early 2000s",
        "between the late 1980s and the early 1990s",
        "from the mid-1980s to the late 1990s",
    ],
)
def test_qualified_parts_of_a_decade_read_back_the_same_window(text: str) -> None:
    date = dates.parse(text, ref_date=REF)
    written = dates.format(date)
    assert dates.parse(written, ref_date=REF) == dataclasses.replace(date, text=written)


def test_the_written_words_for_qualified_parts_of_a_decade() -> None:
    assert [
        dates.format(dates.parse(text, ref_date=REF))
        for text in (
            "c. the late 1990s",
            "before the early 2010s",
            "between the late 1980s and 1993",
        )
    ] == ["c. late 1990s", "Before early 2010s", "Between 1987 and 1993"]


def test_the_parts_cover_the_decade_without_gaps_or_overlaps() -> None:
    parts = [dates.parse(f"{part} 1990s", ref_date=REF) for part in ("early", "mid", "late")]
    assert parts[0].earliest == D(1990, 1, 1) and parts[-1].latest == D(1999, 12, 31)
    for before, after in itertools.pairwise(parts):
        assert after.earliest == before.latest + dt.timedelta(days=1)


def test_the_preview_says_what_is_known() -> None:
    assert dates.explain(dates.parse("the late 1990s", ref_date=REF)) == (
        "1 January 1997 – 31 December 1999 — part of the decade known"
    )


def test_less_than_a_third_of_a_decade_does_not_move_it() -> None:
    late = dates.parse("the late 1990s", ref_date=REF)
    assert dates.shifted(late, 400) == late


@pytest.mark.parametrize(
    ("days", "written", "first", "last"),
    [
        (1200, "Early 2000s", 2000, 2003),
        (-1200, "Mid-1990s", 1994, 1996),
        (2 * 1200, "Mid-2000s", 2004, 2006),
    ],
)
def test_a_part_of_a_decade_moves_by_whole_parts(
    days: float, written: str, first: int, last: int
) -> None:
    moved = dates.shifted(dates.parse("the late 1990s", ref_date=REF), days)
    assert (moved.earliest, moved.latest) == (D(first, 1, 1), D(last, 12, 31))
    assert moved.text == written and moved.precision is Precision.PART_OF_DECADE


def test_moving_a_part_of_a_decade_beyond_the_years_is_refused() -> None:
    late = FuzzyDate(D(2997, 1, 1), D(2999, 12, 31), Precision.PART_OF_DECADE)
    with pytest.raises(dates.DateError, match="beyond the years 1000 to 2999"):
        dates.shifted(late, 1200)
