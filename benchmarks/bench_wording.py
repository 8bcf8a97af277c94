"""The neutral-wording check on published chronologies: entries flagged, and how many rightly.

Run from the repository root: ``python -m benchmarks.bench_wording``. It reads the entries
of tests/data/chronologies/sources.json (title and description, as the Word tables hold
them) and the words a lawyer would change in each (wording_labels.json), and prints what the
check flags, whether each flag is one of the lawyer's, and the totals.
"""

from __future__ import annotations

import json
from pathlib import Path

from timeline_app.core.wording import check_wording

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "chronologies"


def measure() -> dict[str, int]:
    """Counts: entries, entries flagged, flagged entries a lawyer agrees with, and the words."""
    sources = json.loads((DATA / "sources.json").read_text(encoding="utf-8"))["chronologies"]
    labels = json.loads((DATA / "wording_labels.json").read_text(encoding="utf-8"))["labels"]
    counts = dict.fromkeys(
        ("entries", "labelled", "flagged", "agreed", "flags", "flags_agreed", "labelled_found"), 0
    )
    for chronology in sources:
        width = len(chronology["headings"])
        for row, wanted in zip(chronology["rows"], labels[chronology["file"]], strict=True):
            text = "\n".join(row[1:width])
            flags = check_wording(text)
            words = [" ".join(flag.words.casefold().split()) for flag in flags]
            right = [w for w in words if any(label in w or w in label for label in wanted)]
            counts["entries"] += 1
            counts["labelled"] += bool(wanted)
            counts["flagged"] += bool(flags)
            counts["agreed"] += bool(flags) and bool(right)
            counts["flags"] += len(flags)
            counts["flags_agreed"] += len(right)
            counts["labelled_found"] += bool(wanted) and bool(right)
            if flags or wanted:
                print(
                    f"{chronology['file']} {row[0]}: flagged {words or '-'}; "
                    f"a lawyer would change {wanted or '-'}"
                )
    return counts


if __name__ == "__main__":
    c = measure()
    print(
        f"\n{c['entries']} entries; the check flags {c['flagged']}, and a lawyer agrees with "
        f"{c['agreed']} of them ({c['flags_agreed']} of {c['flags']} flags). Of the "
        f"{c['labelled']} entries a lawyer would change, the check finds {c['labelled_found']}."
    )
