"""Date engine speed and accuracy over the labelled corpus, next to dateparser in the same run.

    python benchmarks/bench_dates.py

Prints the per-call cost of ``dates.parse`` and of ``dateparser.parse`` with equivalent
settings (English, the row's day/month order, first day of month, the row's reference date),
their ratio, each one's accuracy on tests/data/dates_corpus.tsv, and (when extraction is
available) the time to extract dates from a 150,000-character statement.
"""

from __future__ import annotations

import csv
import datetime as dt
import statistics
import time
from pathlib import Path

import dateparser

from timeline_app.core import dates
from timeline_app.core.model import date_to_iso

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "dates_corpus.tsv"


def load() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def ours(row: dict[str, str]) -> tuple | None:
    try:
        d = dates.parse(row["text"], ref_date=dt.date.fromisoformat(row["ref_date"]),
                        order=row["order"])
    except dates.DateError:
        return None
    return (date_to_iso(d.earliest) or "", date_to_iso(d.latest) or "", str(d.precision),
            str(d.qualifier), str(d.approximate).lower())


def theirs(row: dict[str, str]) -> dt.datetime | None:
    ref = dt.date.fromisoformat(row["ref_date"])
    return dateparser.parse(row["text"], languages=["en"], settings={
        "DATE_ORDER": row["order"].upper(),
        "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": dt.datetime(ref.year, ref.month, ref.day),
    })


def our_answer_right(row: dict[str, str]) -> bool:
    got = ours(row)
    if row["earliest"] == "ERROR":
        return got is None
    return got == (row["earliest"], row["latest"], row["precision"], row["qualifier"],
                   row["approximate"])


def their_answer_right(row: dict[str, str]) -> bool:
    """Lenient: a non-date gives None; a date gives a moment inside the labelled window."""
    got = theirs(row)
    if row["earliest"] == "ERROR":
        return got is None
    if not row["earliest"] and not row["latest"]:  # undated
        return got is None
    if got is None:
        return False
    moment = got.isoformat(timespec="minutes")
    low = row["earliest"] or "0000"
    high = (row["latest"] or "9999") + ("" if "T" in row["latest"] else "T23:59")
    return low <= moment <= high


def per_call(fn, rows: list[dict[str, str]], repeat: int = 3) -> float:
    """Median over ``repeat`` passes of the mean seconds per call."""
    passes = []
    for _ in range(repeat):
        started = time.perf_counter()
        for row in rows:
            fn(row)
        passes.append((time.perf_counter() - started) / len(rows))
    return statistics.median(passes)


def main() -> None:
    rows = load()
    theirs(rows[0])  # dateparser loads its language data on the first call
    ours(rows[0])
    our_cost = per_call(ours, rows)
    their_cost = per_call(theirs, rows)
    our_right = sum(our_answer_right(r) for r in rows)
    their_right = sum(their_answer_right(r) for r in rows)
    print(f"Corpus: {len(rows)} expressions ({CORPUS.relative_to(ROOT)})")
    print(f"{'':<34}{'per call':>12}{'accuracy':>22}")
    print(f"{'dates.parse (ours)':<34}{our_cost * 1e6:>9.0f} us"
          f"{our_right:>10}/{len(rows)} = {our_right / len(rows):.1%}")
    print(f"{'dateparser.parse, same settings':<34}{their_cost * 1e6:>9.0f} us"
          f"{their_right:>10}/{len(rows)} = {their_right / len(rows):.1%} (lenient)")
    print(f"speed-up: {their_cost / our_cost:.1f}x (target: at least 20x)")
    try:
        from timeline_app.core import extract
    except ImportError:
        return
    statement = extract.sample_statement(150_000)
    started = time.perf_counter()
    hits = extract.find_dates(statement, ref_date=dt.date(2020, 2, 14))
    elapsed = time.perf_counter() - started
    print(f"extraction: {len(statement):,} characters, {len(hits)} dates in {elapsed:.2f} s "
          "(target: under 2 s)")


if __name__ == "__main__":
    main()
