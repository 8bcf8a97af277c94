"""One set of rules for what to show or export, for the window and the command line alike."""

import datetime as dt

import pytest

from timeline_app.core.errors import UserError
from timeline_app.core.model import CaseInfo, Category, DateOrder, Party, Status
from timeline_app.core.services.filters import DateWindowError, date_window, event_filter
from timeline_app.core.store import CaseStore


def test_a_window_runs_from_the_start_of_its_first_date_to_the_end_of_its_last() -> None:
    assert date_window(CaseInfo(), "2018", "October 2018") == (
        dt.date(2018, 1, 1),
        dt.date(2018, 10, 31),
    )
    assert date_window(CaseInfo(), "", "") == (None, None)
    assert date_window(CaseInfo(), "  ", "before 2015") == (None, dt.date(2014, 12, 31))


def test_numeric_bounds_are_read_the_cases_way() -> None:
    assert date_window(CaseInfo(), "08/11/2018", "")[0] == dt.date(2018, 11, 8)
    month_first = CaseInfo(date_order=DateOrder.MDY)
    assert date_window(month_first, "08/11/2018", "")[0] == dt.date(2018, 8, 11)


@pytest.mark.parametrize(
    ("start", "end", "bound", "words"),
    [
        ("before 2015", "", "from", "has no start"),
        ("", "after 2015", "to", "has no end"),
        ("2019", "2017", "to", r"ends \(2017\) before it starts \(2019\)"),
        ("rubbish", "", "from", "'from' date"),
        ("", "31 February 2018", "to", "'to' date"),
    ],
)
def test_a_window_that_cannot_be_used_is_refused_naming_its_bound(
    start: str, end: str, bound: str, words: str
) -> None:
    with pytest.raises(DateWindowError, match=words) as refused:
        date_window(CaseInfo(), start, end)
    assert refused.value.bound == bound


def test_names_and_ids_choose_the_same_records(store: CaseStore) -> None:
    emails = store.add_category(Category("Emails"))
    ann = store.add_party(Party("Ann Smith"))
    by_name = event_filter(
        store, categories=["emails"], parties=["ANN SMITH"], statuses=["Contested by claimant"]
    )
    by_id = event_filter(
        store, categories=[emails.id], parties=[ann.id], statuses=[Status.CONTESTED_BY_CLAIMANT]
    )
    assert by_name == by_id
    assert by_name.category_ids == {emails.id} and by_name.party_ids == {ann.id}
    assert event_filter(store, categories=[None]).category_ids == {None}


def test_an_unknown_name_or_status_is_refused_with_what_there_is(store: CaseStore) -> None:
    store.add_category(Category("Emails"))
    with pytest.raises(UserError, match=r"no category called Letters.*Those in it are: Emails"):
        event_filter(store, categories=["Letters"])
    with pytest.raises(UserError, match=r"no person called Bob.*Those in it are: none"):
        event_filter(store, parties=["Bob"])
    with pytest.raises(UserError, match="'bogus' is not a status"):
        event_filter(store, statuses=["bogus"])
