"""The demo case: the seed article's dispute, only what the article says."""

import datetime as dt
from pathlib import Path

import pytest

from timeline_app.core.demo import load_demo_data, write_demo
from timeline_app.core.errors import CaseFileError
from timeline_app.core.model import Precision, Qualifier, Status
from timeline_app.core.store import CaseStore, EventFilter


@pytest.fixture
def demo(tmp_path: Path):
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        yield store


def test_the_demo_case_is_complete(demo: CaseStore) -> None:
    events = demo.events()
    assert 15 <= len(events) <= 25
    assert {c.name for c in demo.categories()} >= {"Contract", "Security", "Proceedings"}
    assert {"Sopra Steria", "Interserve", "Ministry of Justice"} <= {p.name for p in demo.parties()}
    assert all(s.bundle_ref for s in demo.sources())
    info = demo.case_info()
    assert [p.role.split(" ")[0] for p in info.parties] == ["Claimant", "Defendant"]
    assert all(e.party_ids and e.sources and e.category_id for e in events)


def test_dates_are_as_precise_as_the_article_allows(demo: CaseStore) -> None:
    by_text = {e.date.text: e.date for e in demo.events()}
    assert by_text["2016"].precision is Precision.YEAR
    assert by_text["January to June 2018"].qualifier is Qualifier.FROM_TO
    assert (by_text["January to June 2018"].earliest, by_text["January to June 2018"].latest) == (
        dt.date(2018, 1, 1),
        dt.date(2018, 6, 30),
    )
    assert by_text["8 November 2018"].earliest == dt.date(2018, 11, 8)
    assert by_text["October 2019"].precision is Precision.MONTH
    undated = [e for e in demo.events() if e.date.is_undated]
    assert any(e.title == "IT Health Check failed" for e in undated)
    assert demo.events()[-1].date.is_undated


def test_disputed_events_give_both_versions_where_the_article_does(demo: CaseStore) -> None:
    disputed = demo.events(EventFilter(statuses=frozenset({Status.DISPUTED})))
    assert disputed
    for event in disputed:
        assert set(event.versions) == {"Claimant", "Defendant"}
    sharepoint = demo.events(EventFilter(text="SharePoint"))[0]
    assert "98 per cent" in sharepoint.versions["Claimant"]


def test_only_what_the_article_says(demo: CaseStore) -> None:
    article = next(Path(__file__).resolve().parents[3].glob("shared/seed/*.txt"), None)
    if article is None:
        pytest.skip("the seed article is not beside this checkout")
    text = article.read_text(encoding="utf-8")
    for figure in [
        "£3.5m",
        "£4.68m",
        "£124,000",
        "£5m per annum",
        "25 critical",
        "55 high",
        "98 per cent",
        "absolutely atrocious",
        "12 months",
    ]:
        assert figure in text
        assert demo.count_events(EventFilter(text=figure.strip("£"))) >= 1


def test_the_demo_is_never_written_over_a_file(tmp_path: Path) -> None:
    path = tmp_path / "taken.case"
    path.write_text("mine")
    with pytest.raises(CaseFileError, match="already exists"):
        write_demo(path)
    assert path.read_text() == "mine"
    assert load_demo_data()["case"]["title"] == "Sopra Steria v Interserve"
