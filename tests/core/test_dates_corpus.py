"""The labelled corpus (tests/data/dates_corpus.tsv): one independent reading per expression.

The labels were written from the engine's conventions without looking at its code; every row
must be read exactly so. ``benchmarks/bench_dates.py`` reports the same corpus's accuracy for
dateparser alone.
"""

import csv
import datetime as dt
from pathlib import Path

import pytest

from timeline_app.core import dates
from timeline_app.core.model import date_to_iso

CORPUS = Path(__file__).resolve().parent.parent / "data" / "dates_corpus.tsv"


def load_corpus() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = load_corpus()


def test_the_corpus_is_large_and_covers_every_family() -> None:
    assert len(ROWS) >= 250
    families = {row["note"].split("-")[0] for row in ROWS}
    assert {
        "exact",
        "numeric",
        "iso",
        "time",
        "partial",
        "decade",
        "quarter",
        "half",
        "season",
        "part",
        "approximate",
        "qualifier",
        "range",
        "relative",
        "undated",
        "not",
        "impossible",
    } <= families


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}:{r['text'][:40]}" for i, r in enumerate(ROWS)])
def test_corpus_row(row: dict[str, str]) -> None:
    ref = dt.date.fromisoformat(row["ref_date"])
    if row["earliest"] == "ERROR":
        with pytest.raises(dates.DateError):
            dates.parse(row["text"], ref_date=ref, order=row["order"])
        return
    date = dates.parse(row["text"], ref_date=ref, order=row["order"])
    assert (
        date_to_iso(date.earliest) or "",
        date_to_iso(date.latest) or "",
        str(date.precision),
        str(date.qualifier),
        str(date.approximate).lower(),
    ) == (row["earliest"], row["latest"], row["precision"], row["qualifier"], row["approximate"])
