"""The records: fuzzy-date ordering, citations derived from the bundle, enum coercion."""

import datetime as dt

import pytest

from timeline_app.core.model import (
    UNDATED,
    CaseInfo,
    CaseParty,
    DateOrder,
    Event,
    FuzzyDate,
    Precision,
    Qualifier,
    Source,
    Status,
    date_from_iso,
    date_to_iso,
)


def day(y: int, m: int, d: int, qualifier: str = "on") -> FuzzyDate:
    return FuzzyDate(dt.date(y, m, d), dt.date(y, m, d), Precision.DAY, Qualifier(qualifier))


def test_sort_key_orders_by_earliest_then_qualifier_and_puts_undated_last() -> None:
    month = FuzzyDate(dt.date(2018, 11, 1), dt.date(2018, 11, 30), "month", "on")
    dates = [
        UNDATED,
        day(2018, 11, 8, "after"),
        day(2018, 11, 8, "about"),
        day(2018, 11, 8, "before"),
        month,
        FuzzyDate(dt.datetime(2018, 11, 8, 14, 32), dt.datetime(2018, 11, 8, 14, 32), "minute"),
        FuzzyDate(None, dt.date(2018, 10, 31), "month", "by"),
    ]
    ordered = sorted(dates, key=lambda d: d.sort_key)
    assert ordered == [
        FuzzyDate(None, dt.date(2018, 10, 31), "month", "by"),
        month,
        day(2018, 11, 8, "before"),
        day(2018, 11, 8, "about"),
        day(2018, 11, 8, "after"),
        FuzzyDate(dt.datetime(2018, 11, 8, 14, 32), dt.datetime(2018, 11, 8, 14, 32), "minute"),
        UNDATED,
    ]


def test_fuzzy_date_refuses_a_window_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before earliest"):
        FuzzyDate(dt.date(2019, 1, 2), dt.date(2019, 1, 1), "day")


def test_strings_from_storage_become_enums() -> None:
    date = FuzzyDate(None, None, "unknown", "from-to")
    assert date.precision is Precision.UNKNOWN
    assert date.qualifier is Qualifier.FROM_TO
    event = Event("x", status="contested-by-claimant")
    assert event.status is Status.CONTESTED_BY_CLAIMANT
    assert event.status.label == "Contested by claimant"
    info = CaseInfo(parties=[{"name": "A Ltd", "role": "Claimant"}], date_order="mdy")
    assert info.parties == [CaseParty("A Ltd", "Claimant")]
    assert info.date_order is DateOrder.MDY


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.date(2018, 11, 8), "2018-11-08"),
        (dt.datetime(2018, 11, 8, 14, 32), "2018-11-08T14:32"),
        (None, None),
    ],
)
def test_iso_round_trip(value: dt.date | None, text: str | None) -> None:
    assert date_to_iso(value) == text
    assert date_from_iso(text) == value


@pytest.mark.parametrize(
    ("source", "pinpoint", "cited"),
    [
        (Source("Report", bundle_ref="B/12", first_page=340), "6", "B/12/345"),
        (Source("Report", bundle_ref="B/12", first_page=340), "", "B/12"),
        (Source("Report", bundle_ref="B/12"), "6", "B/12, p. 6"),
        (Source("Report", bundle_ref="B/12", first_page=340), "para 14", "B/12, para 14"),
        (Source("Report"), "6", "Report, p. 6"),
    ],
)
def test_citation_is_derived_from_where_the_document_sits(
    source: Source, pinpoint: str, cited: str
) -> None:
    assert source.cite(pinpoint) == cited


def test_re_paginating_the_bundle_moves_every_citation() -> None:
    source = Source("Report", bundle_ref="B/12", first_page=340)
    assert source.cite("6") == "B/12/345"
    source.first_page = 400
    assert source.cite("6") == "B/12/405"
