"""An import session reads its file once, plans it again as the choices change, and commits."""

import datetime as dt
from pathlib import Path

import pytest

from timeline_app.core import importing
from timeline_app.core.errors import UserError
from timeline_app.core.importing import tabular
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore


def test_the_file_is_read_once_however_often_it_is_planned(
    store: CaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real = tabular.read_csv
    monkeypatch.setattr(
        tabular, "read_csv", lambda data, name: reads.append(name) or real(data, name)
    )
    path = tmp_path / "log.csv"
    path.write_text("When,What,Notes\n1 May 2019,Kick-off,Board room\n", encoding="utf-8")
    session = ImportSession(store, importing.open_file(path))
    first = session.plan()
    assert first.rows[0].event.title == "Kick-off"
    again = session.plan(mapping=["date", "description", "title"])
    assert (again.rows[0].event.title, again.rows[0].event.description) == (
        "Board room",
        "Kick-off",
    )
    assert reads == ["log.csv"]
    assert store.count_events() == 0  # planning never touches the case
    session.commit(again, again.importable)
    assert [e.title for e in store.events()] == ["Board room"]


def test_a_documents_date_is_typed_and_read_the_cases_way(store: CaseStore) -> None:
    session = ImportSession(store, None)
    assert session.name == "Pasted text" and session.kind == "text"
    dated = session.document_date("1/6/2020")
    assert dated is not None and dated.earliest == dt.date(2020, 6, 1)
    plan = session.plan(pasted="The contract was signed last year.", document_date=dated)
    assert plan.rows[0].event.date.earliest == dt.date(2019, 1, 1)
    with pytest.raises(UserError, match="The document's date:"):
        session.document_date("31 February 2020")
    assert session.document_date("  ") is None


def test_choices_that_cannot_be_used_are_refused_and_the_session_goes_on(
    store: CaseStore, tmp_path: Path
) -> None:
    path = tmp_path / "log.csv"
    path.write_text("When,What\n1 May 2019,Kick-off\n", encoding="utf-8")
    session = ImportSession(store, importing.open_file(path))
    with pytest.raises(UserError, match="both set the column"):
        session.plan(map_pairs=["When=date", "When=title"])
    rows = session.plan(map_pairs=["What=title"]).rows  # the refused choice left no trace
    assert [(r.importable, r.event.title, r.event.date.earliest) for r in rows] == [
        (True, "Kick-off", dt.date(2019, 5, 1))
    ]
