"""Date engine speed and accuracy over the labelled corpus, next to dateparser in the same run.

    python benchmarks/bench_dates.py

Prints the per-call cost of ``dates.parse`` and of ``dateparser.parse`` with equivalent
settings (English, the row's day/month order, first day of month, the row's reference date),
their ratio, each one's accuracy on tests/data/dates_corpus.tsv; then extraction's precision
and recall on the labelled passages in tests/data/extraction next to dateparser's
search_dates, and the time to extract the dates of a 150,000-character statement.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import statistics
import time
from pathlib import Path

import dateparser
from dateparser.search import search_dates

from timeline_app.core import dates, extract
from timeline_app.core.model import date_to_iso

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "dates_corpus.tsv"
EXTRACTION = ROOT / "tests" / "data" / "extraction"


def load() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def ours(row: dict[str, str]) -> tuple | None:
    try:
        d = dates.parse(
            row["text"], ref_date=dt.date.fromisoformat(row["ref_date"]), order=row["order"]
        )
    except dates.DateError:
        return None
    return (
        date_to_iso(d.earliest) or "",
        date_to_iso(d.latest) or "",
        str(d.precision),
        str(d.qualifier),
        str(d.approximate).lower(),
    )


def theirs(row: dict[str, str]) -> dt.datetime | None:
    ref = dt.date.fromisoformat(row["ref_date"])
    return dateparser.parse(
        row["text"],
        languages=["en"],
        settings={
            "DATE_ORDER": row["order"].upper(),
            "PREFER_DAY_OF_MONTH": "first",
            "RELATIVE_BASE": dt.datetime(ref.year, ref.month, ref.day),
        },
    )


def our_answer_right(row: dict[str, str]) -> bool:
    got = ours(row)
    if row["earliest"] == "ERROR":
        return got is None
    return got == (
        row["earliest"],
        row["latest"],
        row["precision"],
        row["qualifier"],
        row["approximate"],
    )


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
    print(
        f"{'dates.parse (ours)':<34}{our_cost * 1e6:>9.0f} us"
        f"{our_right:>10}/{len(rows)} = {our_right / len(rows):.1%}"
    )
    print(
        f"{'dateparser.parse, same settings':<34}{their_cost * 1e6:>9.0f} us"
        f"{their_right:>10}/{len(rows)} = {their_right / len(rows):.1%} (lenient)"
    )
    print(f"speed-up: {their_cost / our_cost:.1f}x (target: at least 20x)")
    extraction()


def passages() -> list[tuple[str, dt.date, list[tuple[str, str | None, str | None]]]]:
    labels = json.loads((EXTRACTION / "labels.json").read_text(encoding="utf-8"))
    return [
        (
            (EXTRACTION / p["file"]).read_text(encoding="utf-8"),
            dt.date.fromisoformat(p["ref_date"]),
            [tuple(h) for h in p["hits"]],
        )
        for p in labels["passages"]
    ]


def score(
    found: list[tuple[int, int, str, str]],
    text: str,
    wanted: list[tuple[str, str | None, str | None]],
) -> tuple[int, int, int]:
    """(right finds, wrong finds, wanted dates found). A find is right when it overlaps a
    wanted date's words and its moment (or window) lies inside the wanted window."""
    spans = []
    for words, low, high in wanted:
        at = text.find(words)
        spans.append(
            (
                at,
                at + len(words),
                low or "0000",
                (high or "9999") + ("" if high and "T" in high else "T23:59"),
            )
        )

    def matches(find: tuple[int, int, str, str], span: tuple[int, int, str, str]) -> bool:
        return find[0] < span[1] and span[0] < find[1] and span[2] <= find[2] and find[3] <= span[3]

    right = sum(any(matches(f, s) for s in spans) for f in found)
    recalled = sum(any(matches(f, s) for f in found) for s in spans)
    return right, len(found) - right, recalled


def extraction() -> None:
    totals = {"find_dates (ours)": [0, 0, 0], "dateparser search_dates": [0, 0, 0]}
    wanted_total = 0
    for text, ref, wanted in passages():
        wanted_total += len(wanted)
        hits = extract.find_dates(text, ref_date=ref)
        ours = score(
            [
                (
                    h.start,
                    h.end,
                    date_to_iso(h.date.earliest) or "0000",
                    date_to_iso(h.date.latest) or "9999",
                )
                for h in hits
            ],
            text,
            wanted,
        )
        found = (
            search_dates(
                text,
                languages=["en"],
                settings={
                    "DATE_ORDER": "DMY",
                    "PREFER_DAY_OF_MONTH": "first",
                    "RELATIVE_BASE": dt.datetime(ref.year, ref.month, ref.day),
                },
            )
            or []
        )
        theirs_found, cursor = [], 0
        for words, moment in found:
            at = text.find(words, cursor)
            cursor = max(cursor, at)
            stamp = moment.isoformat(timespec="minutes")
            theirs_found.append((at, at + len(words), stamp, stamp))
        theirs = score(theirs_found, text, wanted)
        for name, figures in zip(totals, (ours, theirs), strict=True):
            totals[name] = [a + b for a, b in zip(totals[name], figures, strict=True)]
    print(f"extraction over {len(passages())} labelled passages ({wanted_total} dates):")
    for name, (right, wrong, recalled) in totals.items():
        found = right + wrong
        print(
            f"  {name:<26} precision {right}/{found} = {right / max(found, 1):.0%}"
            f"   recall {recalled}/{wanted_total} = {recalled / wanted_total:.0%}"
        )
    statement = ""
    while len(statement) < 150_000:
        statement += "\n\n".join(text for text, _, _ in passages()) + "\n\n"
    statement = statement[:150_000]
    started = time.perf_counter()
    hits = extract.find_dates(statement, ref_date=dt.date(2020, 2, 14))
    elapsed = time.perf_counter() - started
    print(
        f"extraction speed: {len(statement):,} characters, {len(hits)} dates in "
        f"{elapsed:.2f} s (target: under 2 s)"
    )


if __name__ == "__main__":
    main()
