"""Emails as proposed events: who wrote to whom, when (in the case's time zone), and about what.

Each email is a proposed event titled neutrally ("Email from A to B: SUBJECT"), dated to the
minute it was sent, converted from the sender's offset to the case's time zone, and a
document of its own (its subject, Message-ID, date and attachments' names) that the event
cites. The people are found in the cast by address (an address written in a person's notes),
then by name; the others are proposed as new people with their address. Replies and forwards
are grouped into threads by their In-Reply-To and References headers, or by their subject when
they have neither; a thread can be folded into one event lasting from its first email to its
last, citing each.

An email whose Message-ID is already a document of the case (or an earlier email's) is the
same email, and flagged so. One with no Date is refused as it is, and offered dated by when
it was received, marked as a second-best.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from timeline_app.core import dates
from timeline_app.core.importing.plan import Duplicates, ImportPlan, ImportRow, Records
from timeline_app.core.model import (
    DEFAULT_TIME_ZONE,
    DateValue,
    Event,
    FuzzyDate,
    Party,
    Precision,
    Qualifier,
    Source,
    SourceLink,
)
from timeline_app.core.progress import Progress, check_progress
from timeline_app.core.store import CaseStore

if TYPE_CHECKING:  # the email parser is imported by the commands that read emails
    from timeline_app.core.importing.emails import Email, Person

HEADINGS = ["Where", "Sent", "From", "To", "Subject"]
DOCUMENT_TYPE = "Email"
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_REPLY = re.compile(r"^(?:\s*(?:re|fw|fwd|aw|wg|tr|sv|vs|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_FOLDED_LINES = 20


class Threads(enum.StrEnum):
    """What becomes of a thread: each email its own event, or the thread one event."""

    EACH = "each"
    FOLD = "fold"


@dataclass(frozen=True)
class EmailChoice:
    """Which emails to take: by sender, recipient, the day sent and words of the subject.

    Empty means any. Names and addresses match in part and in any case ("smith" finds
    "John Smith" and "j.smith@firm.com"); each word searched for must be in the subject.
    """

    sender: str = ""
    recipient: str = ""
    date_from: DateValue | None = None
    date_to: DateValue | None = None
    subject: str = ""

    def takes(self, email: Email, sent: dt.datetime | None) -> bool:
        """Whether ``email``, sent at ``sent`` in the case's time zone, is chosen.

        A bound that is a day takes the whole day; one with a time, from or to that minute.
        """
        if self.sender and not _names(self.sender, [email.sender] if email.sender else []):
            return False
        if self.recipient and not _names(self.recipient, [*email.to, *email.cc]):
            return False
        if self.date_from is not None or self.date_to is not None:
            if sent is None:
                return False
            if self.date_from is not None and _at(sent, self.date_from) < self.date_from:
                return False
            if self.date_to is not None and _at(sent, self.date_to) > self.date_to:
                return False
        subject = email.subject.casefold()
        return all(word in subject for word in self.subject.casefold().split())


def _at(sent: dt.datetime, bound: DateValue) -> DateValue:
    """``sent`` as comparable with ``bound``: its day, or itself when the bound has a time."""
    return sent if isinstance(bound, dt.datetime) else sent.date()


def _names(wanted: str, people: Iterable[Person]) -> bool:
    folded = wanted.strip().casefold()
    return any(folded in p.name.casefold() or folded in p.address for p in people)


def subject_of_thread(subject: str) -> str:
    """A subject without its "Re:", "Fwd:" and the like ("" stays "")."""
    return _REPLY.sub("", subject).strip()


def threads_of(emails: Sequence[Email]) -> list[int]:
    """Each email's thread, as the number of the thread's first email.

    Emails are joined by the Message-IDs their In-Reply-To and References name (a reply to a
    message that is not here still joins the other replies to it); an email with neither
    whose subject says it is a reply or forward joins the first thread with that subject.
    """
    parent = list(range(len(emails)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        a, b = root(a), root(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_id: dict[str, int] = {}
    for index, email in enumerate(emails):
        for message_id in (email.message_id, email.in_reply_to, *email.references):
            if message_id:
                join(index, by_id.setdefault(message_id, index))
    first_with_subject: dict[str, int] = {}
    for index, email in enumerate(emails):
        subject = subject_of_thread(email.subject).casefold()
        if not subject:
            continue
        first = first_with_subject.setdefault(subject, index)
        replying = bool(_REPLY.match(email.subject))
        if first != index and replying and not (email.in_reply_to or email.references):
            join(index, first)
    return [root(i) for i in range(len(emails))]


@dataclass
class _Read:
    """An email as planned: its row, and what a folded thread needs of it."""

    email: Email
    row: ImportRow
    thread: int
    local: dt.datetime | None = None
    carrier: Email | None = None
    source_id: int | None = None
    party_ids: tuple[int, ...] = ()
    sender: str = ""
    recipients: tuple[str, ...] = ()


class _Cast:
    """Finds the people of the emails in the cast: by address first, then by name."""

    def __init__(self, store: CaseStore | None, records: Records) -> None:
        self._records = records
        self._by_address: dict[str, int] = {}
        self.names: dict[int, str] = {}
        for party in store.parties() if store is not None else ():
            assert party.id is not None
            self.names[party.id] = party.name
            for address in _ADDRESS.findall(party.notes):
                self._by_address.setdefault(address.lower(), party.id)

    def party(self, person: Person) -> int:
        """The id of the person (planned with their address if new)."""
        if person.address and person.address in self._by_address:
            return self._by_address[person.address]
        name = self._records.cast_name(person.name) if person.name else None
        if name is None:
            name = person.shown
            like = Party(name, notes=f"Email: {person.address}" if person.address else "")
            found = self._records.party(name, like)
        else:
            found = self._records.party(name)
        self.names.setdefault(found, name)
        if person.address:
            self._by_address.setdefault(person.address, found)
        return found


def plan_emails(
    emails: Sequence[Email],
    name: str,
    store: CaseStore | None,
    *,
    threads: Threads = Threads.EACH,
    choice: EmailChoice | None = None,
    notes: Sequence[str] = (),
    progress: Progress | None = None,
) -> ImportPlan:
    """One proposed event per email chosen (or per thread, folded), each citing its email.

    :param notes: remarks about the files read (other files in a folder left alone).
    """
    info = store.case_info() if store is not None else None
    zone = zoneinfo.ZoneInfo(info.time_zone if info is not None else DEFAULT_TIME_ZONE)
    choice = choice or EmailChoice()
    records = Records(store)
    cast = _Cast(store, records)
    thread_of = threads_of(emails)
    planned: list[_Read] = []
    first_citing: dict[int, str] = {}  # a planned document: the email that first cites it
    left_out = 0
    for index, email in enumerate(emails):
        if index % 500 == 0:
            check_progress(progress, index, len(emails), "import")
        moment = email.sent or email.received
        local = _local(moment, zone) if moment is not None else None
        if not choice.takes(email, local):
            left_out += 1
            continue
        row = ImportRow(len(planned) + 1, _cells(email, local))
        carrier = emails[email.carried_by] if email.carried_by is not None else None
        read = _Read(email, row, thread_of[index], local, carrier)
        planned.append(read)
        if email.problem:
            row.problems.append(email.problem)
            continue
        row.notes.extend(email.notes)
        if email.carried_by is not None:
            row.notes.append(f"It was attached to {_called(emails[email.carried_by])}.")
        if moment is None or local is None:
            row.problems.append(_undated(email))
            continue
        if email.sent is None:
            row.second_best = (
                f"It has no Date{_written(email)}: it is dated by when it was received "
                f"({dates.format(_minute(local))}), a second-best that may be later than "
                "when it was sent."
            )
        row.date_note = _offset_note(email, moment, local)
        _plan_email(read, records, cast, zone, first_citing)
    check_progress(progress, len(emails), len(emails), "import")
    rows = _folded(planned) if threads == Threads.FOLD else [read.row for read in planned]
    duplicates = Duplicates(store)
    for row in rows:
        if row.importable and not row.duplicate_of:
            duplicates.mark(row, f"email {row.number}")
    plan_notes = list(notes)
    if left_out:
        plan_notes.append(
            "1 email outside the filters is not shown."
            if left_out == 1
            else f"{left_out:,} emails outside the filters are not shown."
        )
    if not emails:
        plan_notes.append(f"No emails were found in {name}.")
    return ImportPlan(name, "email", list(HEADINGS), rows, records, plan_notes)


def _local(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The moment as the case's clock showed it, to the minute."""
    return moment.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)


def _minute(local: dt.datetime) -> FuzzyDate:
    date = FuzzyDate(local, local, Precision.MINUTE)
    return FuzzyDate(local, local, Precision.MINUTE, text=dates.format(date))


def _offset(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _offset_note(email: Email, moment: dt.datetime, local: dt.datetime) -> str:
    """The sender's own time and offset, beside the time shown: "sent 18:58 -04:00"."""
    if email.sent is None:
        return f"received {moment:%H:%M} {_offset(moment)}"
    if moment.replace(tzinfo=None, second=0, microsecond=0) == local:
        return _offset(moment)
    day = "" if moment.date() == local.date() else f"{moment.day} {moment:%b} "
    return f"sent {day}{moment:%H:%M} {_offset(moment)}"


def _called(email: Email) -> str:
    """An email as the user knows it: “SUBJECT” (where it was read)."""
    return f"“{email.subject or '(no subject)'}” ({email.origin})"


def _written(email: Email) -> str:
    return f" that can be read (“{email.date_written}”)" if email.date_written else " header"


def _undated(email: Email) -> str:
    return (
        f"It has no Date{_written(email)} and no Received header to date it by, so it "
        "cannot be placed in the chronology."
    )


def _cells(email: Email, local: dt.datetime | None) -> list[str]:
    recipients = ", ".join(_shown(p) for p in (*email.to, *email.cc))
    return [
        email.origin,
        email.date_written or (f"{local:%Y-%m-%d %H:%M} (received)" if local else ""),
        _shown(email.sender) if email.sender else "",
        recipients,
        email.subject,
    ]


def _shown(person: Person) -> str:
    if person.name and person.address:
        return f"{person.name} <{person.address}>"
    return person.shown


def _plan_email(
    read: _Read,
    records: Records,
    cast: _Cast,
    zone: zoneinfo.ZoneInfo,
    first_citing: dict[int, str],
) -> None:
    """The email's event, its document, and its people; or the same email seen before."""
    email, row = read.email, read.row
    assert read.local is not None
    sender = cast.party(email.sender) if email.sender else None
    recipients = list(dict.fromkeys(cast.party(p) for p in (*email.to, *email.cc)))
    read.party_ids = tuple(dict.fromkeys([*([sender] if sender else []), *recipients]))
    read.sender = cast.names[sender] if sender else "an unknown sender"
    read.recipients = tuple(cast.names[i] for i in recipients)
    location = _location(email)
    seen = records.located(location) if location else None
    if seen is not None:
        read.source_id, title = seen
        if read.source_id > 0:
            row.duplicate_of = f"the email already in the case as the document “{title}”"
            row.duplicate_reason = f"the same Message-ID <{email.message_id}>"
        else:
            row.duplicate_of = first_citing[read.source_id]
            row.duplicate_reason = (
                f"the same Message-ID <{email.message_id}>: the same email read twice"
            )
    else:
        read.source_id = records.new_source(
            _document(email, read.local, zone, location, read.carrier)
        )
        first_citing[read.source_id] = _called(email)
    row.event = Event(
        _title(read.sender, read.recipients, email.subject),
        _minute(read.local),
        description=email.words,
        party_ids=read.party_ids,
        sources=(SourceLink(read.source_id),),
    )


def _location(email: Email) -> str:
    """Where the email is found again: its Message-ID as a ``mid:`` address (RFC 2392)."""
    if not email.message_id:
        return ""
    return f"mid:{quote(email.message_id, safe='@!$&()*+,;=:~-._')}"


def _title(sender: str, recipients: Sequence[str], subject: str) -> str:
    """The neutral title: "Email from A to B: SUBJECT", "… to B and 2 others: …"."""
    to = ""
    if recipients:
        others = len(recipients) - 1
        to = f" to {recipients[0]}" + (
            f" and {others} other{'s' * (others != 1)}" if others else ""
        )
    return f"Email from {sender}{to}: {subject or '(no subject)'}"


def _document(
    email: Email,
    local: dt.datetime,
    zone: zoneinfo.ZoneInfo,
    location: str,
    carrier: Email | None,
) -> Source:
    """The email as a document of the case: what someone holding it would know it by."""
    lines = []
    if email.message_id:
        lines.append(f"Message-ID: <{email.message_id}>")
    if email.date_written:
        lines.append(f"Date: {email.date_written}")
    elif email.sent is None:
        lines.append("Date: none; dated by when it was received")
    if email.sender:
        lines.append(f"From: {_shown(email.sender)}")
    for label, people in (("To", email.to), ("Cc", email.cc)):
        if people:
            lines.append(f"{label}: " + ", ".join(_shown(p) for p in people))
    if email.attachments:
        lines.append("Attachments: " + ", ".join(email.attachments))
    lines.append(f"Read from: {email.origin}")
    if carrier is not None:
        mid = f" <{carrier.message_id}>" if carrier.message_id else ""
        lines.append(f"Attached to: {_called(carrier)}{mid}")
    return Source(
        email.subject or "(no subject)",
        date_text=f"{dates.format(_minute(local))} ({zone.key})",
        doc_type=DOCUMENT_TYPE,
        location=location,
        notes="\n".join(lines),
    )


def _folded(planned: list[_Read]) -> list[ImportRow]:
    """Each thread of two emails or more as one event; the rest as they are, renumbered.

    An email refused, already in the case, read twice or dated only by when it was received
    stays a row of its own.
    """
    threads: dict[int, list[_Read]] = {}
    for read in planned:
        row = read.row
        if row.importable and not row.duplicate_of and not row.second_best:
            threads.setdefault(read.thread, []).append(read)
    rows: list[ImportRow] = []
    folded: set[int] = set()
    for read in planned:
        thread = threads.get(read.thread, [])
        if len(thread) < 2 or read not in thread:
            rows.append(read.row)
        elif read.thread not in folded:
            folded.add(read.thread)
            rows.append(_fold(thread))
    for number, row in enumerate(rows, 1):
        row.number = number
    return rows


def _fold(thread: list[_Read]) -> ImportRow:
    """A thread as one event lasting from its first email to its last, citing each."""
    thread = sorted(thread, key=lambda read: read.local or dt.datetime.min)
    first, last = thread[0].local, thread[-1].local
    assert first is not None and last is not None
    if first.date() == last.date():
        date = FuzzyDate(first, last, Precision.MINUTE, Qualifier.FROM_TO)
    else:
        date = FuzzyDate(first.date(), last.date(), Precision.DAY, Qualifier.FROM_TO)
    date = FuzzyDate(
        date.earliest, date.latest, date.precision, date.qualifier, text=dates.format(date)
    )
    senders = list(dict.fromkeys(read.sender for read in thread))
    people = list(dict.fromkeys(i for read in thread for i in read.party_ids))
    recipients = list(dict.fromkeys(r for read in thread for r in read.recipients))
    subject = subject_of_thread(thread[0].email.subject) or "(no subject)"
    if len(senders) > 1:
        title = f"Exchange of emails between {_listed(senders)}: {subject}"
    else:
        others = [r for r in recipients if r != senders[0]]
        title = f"Emails from {senders[0]}{' to ' + _listed(others) if others else ''}: {subject}"
    lines = [
        f"{dates.format(_minute(read.local))}, {read.sender}: "  # type: ignore[arg-type]
        + _opening(read.email.words)
        for read in thread[:_FOLDED_LINES]
    ]
    if len(thread) > _FOLDED_LINES:
        lines.append(f"… and {len(thread) - _FOLDED_LINES} more emails.")
    row = ImportRow(
        0,
        [
            f"a thread of {len(thread)} emails",
            thread[0].row.cells[1],
            ", ".join(senders),
            ", ".join(recipients),
            subject,
        ],
    )
    row.notes = [f"{read.email.origin}: {note}" for read in thread for note in read.row.notes]
    row.event = Event(
        title,
        date,
        description="\n".join(lines),
        party_ids=tuple(people),
        sources=tuple(SourceLink(read.source_id) for read in thread if read.source_id),
    )
    return row


_GREETING = re.compile(r"^(?:(?:dear|hi|hello)\b[^,]{0,40}|[\w .'-]{1,30}),$", re.I)


def _opening(words: str) -> str:
    """An email's first line that says something (not "Dear Jane," or "John,")."""
    lines = [line for line in words.split("\n") if not _GREETING.match(line)]
    return lines[0] if lines else "(no text)"


def _listed(names: Sequence[str]) -> str:
    """Names as a list in words: "A and B", "A, B and C", "A, B and 3 others"."""
    if len(names) > 3:
        return f"{names[0]}, {names[1]} and {len(names) - 2} others"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
