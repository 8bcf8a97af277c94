"""The real date corpora's format only: header, ISO dates, enum values, earliest <= latest, size,
number of source documents, and no document in both files. Accuracy is measured by
benchmarks/bench_dates.py, never asserted here."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
DEV = DATA / "dates_real_dev.tsv"
BLIND = DATA / "dates_real_blind.tsv"
HEADER = "\t".join(
    [
        "text",
        "ref_date",
        "order",
        "earliest",
        "latest",
        "precision",
        "qualifier",
        "approximate",
        "family",
        "source",
        "note",
    ]
)
PRECISIONS = {
    *("minute", "hour", "day", "week", "part-of-month", "month", "quarter", "season", "half"),
    *("part-of-year", "year", "decade", "part-of-decade", "unknown"),
}
QUALIFIERS = {"on", "about", "before", "by", "after", "since", "until", "between", "from-to"}
FAMILIES = {
    *("fiscal", "part", "season", "alternative", "list", "range", "time", "relative"),
    *("correspondence", "no-year", "ocr", "exact", "not-a-date"),
}
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text if "T" in text else text + "T00:00")


@pytest.mark.parametrize("path", [DEV, BLIND], ids=["dev", "blind"])
def test_header_and_every_row_well_formed(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == HEADER
    assert lines[-1] == "", "file ends with one newline"
    for number, line in enumerate(lines[1:-1], start=2):
        assert line.count("\t") == 10, f"line {number}: 11 tab-separated fields"
    for row in rows(path):
        where = f"{path.name}: {row['text']!r}"
        assert row["text"] and row["text"] == row["text"].strip(), where
        dt.date.fromisoformat(row["ref_date"])
        assert row["order"] in {"dmy", "mdy"}, where
        assert row["family"] in FAMILIES, where
        assert row["source"], where
        assert row["approximate"] in {"true", "false"}, where
        if row["note"].startswith("refuse"):
            assert not (row["earliest"] or row["latest"] or row["precision"] or row["qualifier"])
            assert row["approximate"] == "false", where
            continue
        assert row["precision"] in PRECISIONS, where
        assert row["qualifier"] in QUALIFIERS, where
        assert row["earliest"] or row["latest"], where
        for end in (row["earliest"], row["latest"]):
            if end:
                assert MOMENT.match(end), where
                moment(end)
        if row["earliest"] and row["latest"]:
            assert moment(row["earliest"]) <= moment(row["latest"]), where


def test_sizes_sources_and_split_by_document() -> None:
    dev, blind = rows(DEV), rows(BLIND)
    assert len(dev) >= 210
    assert len(blind) >= 110
    dev_sources = {row["source"] for row in dev}
    blind_sources = {row["source"] for row in blind}
    assert len(dev_sources | blind_sources) >= 25
    assert not dev_sources & blind_sources, "a document in both files"
    assert sum(row["note"].startswith("refuse") for row in dev + blind) >= 15
