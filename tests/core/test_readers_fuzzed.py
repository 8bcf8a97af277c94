"""The CSV, JSON and case-file readers, fed junk: each answers in words or reads it, never a bug.

"In words" is a :class:`UserError` (exit 2 on the command line); anything else would be exit 1.
Each example must also finish within its deadline. The examples are derived, not random, so
a failure here fails the same way every run.
"""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core import casejson
from timeline_app.core.demo import write_demo
from timeline_app.core.errors import UserError
from timeline_app.core.importing import tabular
from timeline_app.core.store import CaseStore

FUZZ = settings(
    max_examples=150,
    deadline=2000,  # milliseconds an example may take
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

csv_like = st.lists(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(["1 May 2019", "Event", "Date", '"', '""', "=1+1", "\r\n", ";"]),
        ),
        max_size=6,
    ),
    max_size=8,
).map(lambda rows: "\n".join(",".join(row) for row in rows))
raw_bytes = st.one_of(
    st.binary(max_size=400),
    csv_like.map(lambda text: text.encode("utf-8", errors="surrogatepass")),
    csv_like.map(lambda text: text.encode("utf-16", errors="surrogatepass")),
)


@FUZZ
@given(data=raw_bytes)
def test_the_csv_reader_reads_or_refuses_in_words(store: CaseStore, data: bytes) -> None:
    try:
        table = tabular.read_csv(data, "fuzz.csv")
        tabular.plan_table(table, tabular.guess_mapping(table.headings), store)
    except UserError as refusal:
        assert str(refusal)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)
case_like = st.fixed_dictionaries(
    {"format": st.just(casejson.FORMAT), "version": st.sampled_from([1, 2, "1", None])},
    optional={
        "case": json_values,
        "categories": json_values,
        "parties": json_values,
        "sources": json_values,
        "events": st.lists(
            st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "title",
                        "date",
                        "end",
                        "party_ids",
                        "sources",
                        "key",
                        "status",
                        "versions",
                        "category_id",
                        "sequence",
                    ]
                ),
                json_values,
            ),
            max_size=4,
        ),
    },
)


@FUZZ
@given(document=st.one_of(case_like, json_values))
def test_the_json_reader_reads_or_refuses_in_words(store: CaseStore, document: object) -> None:
    try:
        snapshot, refused, places = casejson.read_json(json.dumps(document).encode(), "fuzz.json")
        plan = casejson.plan_case(
            snapshot, "fuzz.json", "json", store, refused=refused, places=places
        )
        store.add_batch(plan.batch(plan.importable))
    except UserError as refusal:
        assert str(refusal)


class Genuine(bytes):
    """The demo case's bytes, shown short when hypothesis reports an example."""

    def __repr__(self) -> str:
        return f"<the demo case, {len(self):,} bytes>"


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return Genuine(write_demo(tmp_path_factory.mktemp("genuine") / "demo.case").read_bytes())


@FUZZ
@given(
    changes=st.lists(
        st.tuples(st.integers(0, 200_000), st.binary(min_size=1, max_size=8)), max_size=6
    )
)
def test_a_case_file_with_bytes_changed_opens_or_is_refused_in_words(
    genuine: bytes, tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[int, bytes]]
) -> None:
    data = bytearray(genuine)
    for offset, new in changes:
        place = offset % len(data)
        data[place : place + len(new)] = new
    path = tmp_path_factory.mktemp("fuzzed") / "fuzzed.case"
    path.write_bytes(bytes(data))
    try:
        with CaseStore.open(path, read_only=True) as store:
            store.check_values()
            store.events()
            store.summary()
    except UserError as refusal:
        assert str(refusal)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
