"""Summaries: counts, numbers and the light rows the timeline and duplicate check read."""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterator, Sequence

from timeline_app.core.model import CaseSummary, Precision, Qualifier, Status
from timeline_app.core.store.base import chunks
from timeline_app.core.store.records import RecordsMixin
from timeline_app.core.store.rows import LARGEST_ID

log = logging.getLogger(__name__)

ROWS_AT_ONCE = 10_000
"""Rows a long read holds at once."""


class SummariesMixin(RecordsMixin):
    """Reads a case in summary: counts, numbers, the timeline's rows."""

    def summary(self) -> CaseSummary:
        """Title, schema version, counts and the date range, for ``info``."""

        def count(sql: str) -> int:
            return int(self._conn.execute(sql).fetchone()[0])

        with self._reading():
            # Both bounds from indexes: the earliest among the events of the first day in
            # court order (a day's own date sorts before its times), the latest from its own.
            earliest = self._conn.execute(
                "SELECT min(coalesce(date_earliest, date_latest)) FROM events WHERE sort_key <"
                " (SELECT substr(min(sort_key), 1, 10) || 'U' FROM events) AND sort_key <> '~'"
            ).fetchone()[0]
            latest = self._conn.execute(
                "SELECT max(coalesce(end_latest, end_earliest, date_latest, date_earliest))"
                " FROM events"
            ).fetchone()[0]
            return CaseSummary(
                title=self.case_info().title,
                schema_version=self.schema_version,
                events=count("SELECT count(*) FROM events"),
                undated_events=count("SELECT count(*) FROM events WHERE sort_key = '~'"),
                parties=count("SELECT count(*) FROM parties"),
                sources=count("SELECT count(*) FROM sources"),
                categories=count("SELECT count(*) FROM categories"),
                earliest=earliest,
                latest=latest,
            )

    def number_of(self, event_id: int) -> int | None:
        """The event's number in the whole chronology (1 for the first), or None if gone."""
        row = self._conn.execute(
            "SELECT count(*) + 1 FROM events e, (SELECT sort_key, sequence, id FROM events"
            " WHERE id = ?) t WHERE (e.sort_key, e.sequence, e.id) < (t.sort_key, t.sequence,"
            " t.id)",
            [event_id],
        ).fetchone()
        exists = self._conn.execute("SELECT 1 FROM events WHERE id = ?", [event_id]).fetchone()
        return int(row[0]) if exists else None

    def event_numbers(self, event_ids: Sequence[int]) -> dict[int, int]:
        """The numbers of these events in the whole chronology (1 for the first); gone: left out.

        For each group of ids: the events before the first of them are counted, then the court
        order is walked from the first to the last (the chronology index's range, not the
        whole case), so a page of a filtered table costs what the page spans.
        """
        order = "ORDER BY sort_key, sequence, id"
        numbers: dict[int, int] = {}
        with self._reading():
            for chunk, marks in chunks(event_ids):
                chosen = f"SELECT sort_key, sequence, id FROM events WHERE id IN ({marks})"
                first = self._conn.execute(f"{chosen} {order} LIMIT 1", chunk).fetchone()
                if first is None:
                    continue
                last = self._conn.execute(
                    f"{chosen} ORDER BY sort_key DESC, sequence DESC, id DESC LIMIT 1", chunk
                ).fetchone()
                below = self._conn.execute(
                    "SELECT count(*) FROM events WHERE (sort_key, sequence, id) < (?, ?, ?)",
                    list(first),
                ).fetchone()[0]
                wanted = set(chunk)
                spanned = self._conn.execute(
                    "SELECT id FROM events WHERE (sort_key, sequence, id) >= (?, ?, ?)"
                    f" AND (sort_key, sequence, id) <= (?, ?, ?) {order}",
                    [*first, *last],
                )
                for number, (event_id,) in enumerate(spanned, start=int(below) + 1):
                    if event_id in wanted:
                        numbers[event_id] = number
        return numbers

    def timeline_rows(self) -> Iterator[tuple]:
        """What the timeline draws, for every dated event, earliest first.

        Tuples of (id, earliest, latest, end_latest, precision, qualifier, category_id,
        status, key, title), dates as ISO text; far cheaper than whole events for big cases.
        Given a slice at a time, in one read: a big case's rows are never all held at once.
        """
        with self._reading():
            cursor = self._conn.execute(
                "SELECT id, coalesce(date_earliest, date_latest), coalesce(date_latest,"
                " date_earliest), end_latest, date_precision, date_qualifier, category_id,"
                " status, key, title FROM events WHERE sort_key <> '~'"
                " ORDER BY sort_key, sequence, id"
            )
            while rows := cursor.fetchmany(ROWS_AT_ONCE):
                yield from rows

    def undated_rows(self) -> list[tuple[int, int | None, str, int, str]]:
        """(id, category_id, status, key, title) of every undated event, in court order.

        For the timeline's strip of undated events, which would otherwise be silently absent.
        """
        with self._reading():
            return self._conn.execute(
                "SELECT id, category_id, status, key, title FROM events WHERE sort_key = '~'"
                " ORDER BY sort_key, sequence, id"
            ).fetchall()

    def event_texts(self) -> list[tuple[int, str | None, str | None, str, str]]:
        """(No., earliest, latest, title, description) of every event, in court order.

        For spotting likely duplicates; No. is the event's number in the chronology.
        """
        with self._reading():
            rows = self._conn.execute(
                "SELECT date_earliest, date_latest, title, description FROM events"
                " ORDER BY sort_key, sequence, id"
            ).fetchall()
        return [(number, *row) for number, row in enumerate(rows, start=1)]

    def party_links(self) -> list[tuple[int, int]]:
        """Every (event id, party id) link, for lanes by person."""
        with self._reading():
            return self._conn.execute(
                "SELECT event_id, party_id FROM event_parties ORDER BY event_id, position"
            ).fetchall()

    def check_values(self) -> None:
        """Refuse, in words, a case with a value we never write (a crafted or damaged file).

        One pass over the events in SQL, for callers about to read all of them (the window,
        the timeline): every read checks its own rows too, but they should hear of it first.

        :raises CaseFileError: the first such value, by event.
        """
        self.case_info()
        with self._reading():
            row = self._conn.execute(self._first_bad_event_sql()).fetchone()
        if row is not None:
            if not 1 <= row[0] <= LARGEST_ID:
                raise self._unreadable(
                    f"event {row[0]} has an id out of range, which leaves no room for more"
                )
            self.get_event(row[0])  # says what is wrong with it
            raise self._unreadable(f"event {row[0]} has a value Evidence Timeline never writes")

    def _moment_ok(self, column: str) -> str:
        """SQL true when ``column`` is NULL or a day or a time exactly as we write them."""
        raise NotImplementedError

    def _versions_ok(self, column: str) -> str:
        """SQL true when ``column`` is a JSON object of text, as we write each side's version."""
        raise NotImplementedError

    def _first_bad_event_sql(self) -> str:
        """The first event with a value we never write (this backend's SQL)."""
        return f"""
            SELECT id FROM events WHERE NOT (
                id BETWEEN 1 AND {LARGEST_ID}
                AND {_one_of("status", Status)}
                AND {_one_of("date_precision", Precision)}
                AND {_one_of("date_qualifier", Qualifier)}
                AND (end_precision IS NULL OR ({_one_of("end_precision", Precision)}
                                               AND {_one_of("end_qualifier", Qualifier)}))
                AND {self._moment_ok("date_earliest")} AND {self._moment_ok("date_latest")}
                AND {self._moment_ok("end_earliest")} AND {self._moment_ok("end_latest")}
                AND coalesce(date_earliest <= date_latest, TRUE)
                AND coalesce(end_earliest <= end_latest, TRUE)
                AND (versions = '{{}}' OR {self._versions_ok("versions")})
            ) LIMIT 1"""


def _one_of(column: str, kind: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(str(member)) for member in kind)})"
