"""Repair: a case file that cannot be opened as it is, copied into a clean one.

The file's data is salvaged without running anything in it (``store.sqlite.salvage``); a new
case file is made the usual way and filled with it in one transaction, its history included.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from timeline_app.core.model import Batch
from timeline_app.core.store import CaseStore
from timeline_app.core.store.sqlite.salvage import salvage


@dataclass(frozen=True)
class Repaired:
    """What a repair copied, and what it had to fix or leave out."""

    events: int
    records: int
    problems: list[str]


def repair_case(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> Repaired:
    """Copy what can be read of ``source`` into a new case file at ``target``.

    ``source`` is only read; ``target`` must not exist.

    :raises CaseFileError: ``source`` is not a case file at all, or ``target`` cannot be made.
    """
    found = salvage(Path(source))

    def fill(store: CaseStore) -> None:
        store.restore_changes(found.changes)
        store.add_batch(
            Batch(
                found.events,
                found.categories,
                found.parties,
                found.sources,
                keep_stamps=True,
                case_info=found.info,
                served=found.served,
            )
        )

    CaseStore.create(target, title=found.info.title, fill=fill).close()
    return Repaired(
        len(found.events),
        len(found.categories) + len(found.parties) + len(found.sources),
        found.problems,
    )
