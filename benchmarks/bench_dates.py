"""Date engine speed and accuracy over the labelled corpus, next to dateparser in the same run.

    python -m benchmarks.bench_dates

(as a module from the checkout, so that it measures this tree's code). Prints the per-call
cost of ``dates.parse`` and of ``dateparser.parse`` with equivalent settings (English, the
row's day/month order, first day of month, the row's reference date), their ratio, and each
one's accuracy, on tests/data/dates_corpus.tsv and on tests/data/dates_real_dev.tsv; then
extraction's precision
and recall on the labelled passages in tests/data/extraction next to dateparser's
search_dates, and the time to extract the dates of a 150,000-character statement.

Then the real corpora (tests/data/dates_real_dev.tsv, tests/data/dates_real_blind.tsv: expressions
quoted from published judgments, labelled before the engine saw them) next to the old one: full
accuracy (window, precision, qualifier, approximate; a ``refuse`` row is right when refused), the
window alone, dateparser's lenient accuracy, accuracy per family. Tune on dev only; the blind
file is for the figure.

Extraction on real judgment extracts is measured when a folder of them is given
(``--real-passages DIR``, holding ``labels.json`` and the texts it names): the extracts are
Crown copyright texts taken from a fetched repository, which this repository does not keep.
"""

from __future__ import annotations

import argparse
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
REAL = {
    "dev": ROOT / "tests" / "data" / "dates_real_dev.tsv",
    "blind": ROOT / "tests" / "data" / "dates_real_blind.tsv",
}


def load(path: Path = CORPUS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
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


def refused(row: dict[str, str]) -> bool:
    """A non-date: earliest ERROR in the old corpus, a note starting "refuse" in the real ones."""
    return row["earliest"] == "ERROR" or row.get("note", "").startswith("refuse")


def our_answer_right(row: dict[str, str]) -> bool:
    got = ours(row)
    if refused(row):
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
    if refused(row):
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--real-passages",
        type=Path,
        metavar="DIR",
        help="real judgment extracts with their labels.json",
    )
    args = parser.parse_args()
    rows = load()
    theirs(rows[0])  # dateparser loads its language data on the first call
    ours(rows[0])
    for path in (CORPUS, REAL["dev"]):
        speed(path)
    extraction()
    real(args.real_passages)


def speed(path: Path) -> None:
    """Per-call cost and accuracy of ours and dateparser's on one file, in the same run."""
    rows = load(path)
    our_cost = per_call(ours, rows)
    their_cost = per_call(theirs, rows)
    our_right = sum(our_answer_right(r) for r in rows)
    their_right = sum(their_answer_right(r) for r in rows)
    print(f"Corpus: {len(rows)} expressions ({path.relative_to(ROOT)})")
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


def our_window_right(row: dict[str, str]) -> bool:
    """The window alone (earliest, latest); a refuse row still has to be refused."""
    got = ours(row)
    if refused(row):
        return got is None
    return got is not None and got[:2] == (row["earliest"], row["latest"])


def ratio(right: int, total: int) -> str:
    return f"{right}/{total} = {right / max(total, 1):.1%}"


def real(real_passages: Path | None) -> None:
    """Accuracy on the real, blind-labelled corpora next to the hand-written one."""
    corpora = {"old (dates_corpus.tsv)": load()}
    corpora.update({f"real {name} ({path.name})": load(path) for name, path in REAL.items()})
    print()
    print("Real corpora (quoted from published judgments, labelled before the engine saw them)")
    print(f"{'':<36}{'ours, full':>22}{'ours, window':>22}{'dateparser (lenient)':>24}")
    for name, rows in corpora.items():
        full = sum(our_answer_right(r) for r in rows)
        window = sum(our_window_right(r) for r in rows)
        theirs_right = sum(their_answer_right(r) for r in rows)
        print(
            f"{name:<36}{ratio(full, len(rows)):>22}{ratio(window, len(rows)):>22}"
            f"{ratio(theirs_right, len(rows)):>24}"
        )
    for name, path in REAL.items():
        rows = load(path)
        print(f"per family, real {name} ({len({r['source'] for r in rows})} documents):")
        heads = ("ours, full", "ours, window", "dateparser")
        print(f"  {'family':<16}{'rows':>6}" + "".join(f"{h:>20}" for h in heads))
        for family in sorted({r["family"] for r in rows}):
            group = [r for r in rows if r["family"] == family]
            print(
                f"  {family:<16}{len(group):>6}"
                f"{ratio(sum(our_answer_right(r) for r in group), len(group)):>20}"
                f"{ratio(sum(our_window_right(r) for r in group), len(group)):>20}"
                f"{ratio(sum(their_answer_right(r) for r in group), len(group)):>20}"
            )
    if real_passages is not None:
        print()
        extraction(real_passages, speed=False)


def passages(folder: Path = EXTRACTION) -> list[tuple[str, dt.date, list[tuple]]]:
    """(text, reference date, wanted hits); a hit is (words, earliest, latest[, offset])."""
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return [
        (
            (folder / p["file"]).read_text(encoding="utf-8"),
            dt.date.fromisoformat(p["ref_date"]),
            [tuple(h) for h in p["hits"]],
        )
        for p in labels["passages"]
    ]


def score(
    found: list[tuple[int, int, str, str]],
    text: str,
    wanted: list[tuple],
) -> tuple[int, int, int]:
    """(right finds, wrong finds, wanted dates found). A find is right when it overlaps a
    wanted date's words and its moment (or window) lies inside the wanted window. A wanted
    date may carry the offset of its words (the real passages do); otherwise the first
    occurrence is taken."""
    spans = []
    for words, low, high, *offset in wanted:
        at = offset[0] if offset else text.find(words)
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


def _windows(hits: list[extract.DateHit]) -> list[tuple[int, int, str, str]]:
    return [
        (
            h.start,
            h.end,
            date_to_iso(h.date.earliest) or "0000",
            date_to_iso(h.date.latest) or "9999",
        )
        for h in hits
    ]


def extraction(folder: Path = EXTRACTION, speed: bool = True) -> None:
    """Precision and recall of find_dates next to search_dates on labelled passages.

    Ours is scored three ways: the events it proposes (the dates the text narrates, and
    quoted ones; a document's own date line, a citation's and a footnote's are kept apart);
    every hit, kept-apart ones too; and the events without the ones that only refer back to
    the date before them ("that day"), which the passages' labels leave out by definition.
    """
    totals = {
        "find_dates (ours), events": [0, 0, 0],
        "find_dates, every hit": [0, 0, 0],
        "find_dates, events less back refs": [0, 0, 0],
        "dateparser search_dates": [0, 0, 0],
    }
    wanted_total = back_references = 0
    for text, ref, wanted in passages(folder):
        wanted_total += len(wanted)
        hits = extract.find_dates(text, ref_date=ref)
        events = [h for h in hits if h.kind in ("event", "quoted")]
        direct = [h for h in events if not h.note.startswith("refers back")]
        back_references += len(events) - len(direct)
        ours = [score(_windows(chosen), text, wanted) for chosen in (events, hits, direct)]
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
        for name, figures in zip(totals, (*ours, theirs), strict=True):
            totals[name] = [a + b for a, b in zip(totals[name], figures, strict=True)]
    print(
        f"extraction over {len(passages(folder))} labelled passages in "
        f"{folder} ({wanted_total} dates; {back_references} back references proposed):"
    )
    for name, (right, wrong, recalled) in totals.items():
        found = right + wrong
        print(
            f"  {name:<36} precision {right}/{found} = {right / max(found, 1):.0%}"
            f"   recall {recalled}/{wanted_total} = {recalled / wanted_total:.0%}"
        )
    if not speed:
        return
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
