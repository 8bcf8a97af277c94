"""Emails read from .eml files, mailboxes (.mbox), Outlook .msg files, and folders of them.

Each message becomes an :class:`Email`: who sent it to whom, when (with its own offset), its
subject, its Message-ID and thread headers, its attachments' names and the first lines of its
own words. An email attached to another (a ``message/rfc822`` part, a .msg inside a .msg) is
read as an email of its own, marked as carried by the other.

A mailbox is read as a stream, a message at a time; no part of a message is held beyond
:data:`PART_KEPT` bytes (an attachment's name is all an import needs of it), so a 200 MB
attachment or a mailbox of 100,000 messages takes no more memory than a small one. What cannot
be read is kept as an email with a :attr:`Email.problem`, never dropped unsaid.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import email.errors
import email.header
import email.message
import email.parser
import email.utils
import os
import quopri
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from email.policy import compat32
from pathlib import Path
from typing import IO, Any

from timeline_app.core.errors import UserError
from timeline_app.core.importing.email_body import decode_text, html_to_text, own_words

SUFFIXES = (".eml", ".mbox", ".mbx", ".msg")
"""The names of files a folder's emails are found by."""
WHOLE_MESSAGE = 4 * 1024 * 1024
"""Bytes of a message parsed as they are; a larger one is read leaving its big parts out."""
PART_KEPT = 256 * 1024
"""Bytes of one part of a large message that are read (the start of its text is enough)."""
MOST_HEADER_BYTES = 1024 * 1024
"""Bytes in one block of headers: no real email has more."""
MOST_EMAILS = 500_000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LINE = 1 << 16  # a line longer than this is read in pieces
_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]{1,76}:")
_ESCAPED_FROM = re.compile(rb"^>+From ")
_CONTENT_TYPE = re.compile(rb"^content-type:[ \t]*([^;\s]+)((?:[^\n]|\n[ \t])*)", re.I | re.M)
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;]+))', re.I)
_ID = re.compile(r"<([^<>\s]+)>")
_ONE_ADDRESS = re.compile(r"\s*(?:([A-Za-z][\w .'-]*?)\s*)?<([\w.+'-]+@[\w.-]+)>\s*$")
"""One plain name and address, as most headers are (anything else goes to getaddresses)."""

Reading = Callable[[int], None]
"""Told how many bytes of the files have been read so far."""


@dataclass(frozen=True, slots=True)
class Person:
    """A sender or recipient: the name shown and the address (lower case; either may be "")."""

    name: str
    address: str

    @property
    def shown(self) -> str:
        """The name, or the address when there is none."""
        return self.name or self.address


@dataclass(slots=True)
class Email:
    """One message as read; ``problem`` says why it could not be read at all."""

    origin: str
    """Where it came from: "inbox.mbox, message 12", "letter.msg, attached to it"."""
    subject: str = ""
    sender: Person | None = None
    to: tuple[Person, ...] = ()
    cc: tuple[Person, ...] = ()
    sent: dt.datetime | None = None
    """From its Date header, with the sender's own offset."""
    date_written: str = ""
    """The Date header as written ("Fri, 3 May 2019 23:58:00 +0100")."""
    received: dt.datetime | None = None
    """When the first server on its way received it (its earliest Received header)."""
    message_id: str = ""
    """Without the angle brackets."""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    words: str = ""
    """The first lines of its own words (no quoted history)."""
    attachments: tuple[str, ...] = ()
    carried_by: int | None = None
    """The number (in the list read) of the email this one was attached to."""
    problem: str = ""
    notes: list[str] = field(default_factory=list)


def email_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The email files named or inside the folders named, and notes on what was left out.

    A folder is searched through, its files taken in name order, by their extension.
    """
    found: list[Path] = []
    others = 0
    for path in paths:
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders.sort()
                for name in sorted(names):
                    if name.lower().endswith(SUFFIXES):
                        found.append(Path(folder) / name)
                    elif not name.startswith("."):
                        others += 1
        else:
            found.append(path)
    notes = [_left_alone(others)] * bool(others)
    return found, notes


def is_email_name(name: str) -> bool:
    """Whether a file's name says it holds emails (.eml, .mbox, .msg)."""
    return name.lower().endswith(SUFFIXES)


def read_emails(
    files: Sequence[Path], root: Path | None = None, reading: Reading | None = None
) -> list[Email]:
    """Every email in ``files``, in order, attached emails after the one that carried them.

    :param root: the folder the files were found in, to name them from.
    :param reading: told the bytes read so far (of all the files), to show progress.
    :raises UserError: more than :data:`MOST_EMAILS` emails.
    :raises CancelledError: ``reading`` raised it.
    """
    emails: list[Email] = []
    done = 0

    def at(offset: int) -> None:
        if reading is not None:
            reading(done + offset)

    for path in files:
        name = str(path.relative_to(root)) if root is not None else path.name
        try:
            size = path.stat().st_size
            with path.open("rb") as stream:
                _read_file(stream, path, name, emails, at)
        except OSError as error:
            emails.append(Email(name, problem=f"{name} cannot be read ({error.strerror})."))
            size = 0
        done += size
        at(0)
        if len(emails) > MOST_EMAILS:
            raise UserError(
                f"There are more than {MOST_EMAILS:,} emails here, more than one import may "
                "hold. Import the mailboxes or folders a few at a time."
            )
    return emails


def _read_file(
    stream: IO[bytes], path: Path, name: str, emails: list[Email], at: Callable[[int], Any]
) -> None:
    """The emails of one file, by what its first bytes say it is, whatever its name."""
    head = stream.read(8)
    stream.seek(0)
    suffix = path.suffix.lower()
    before = len(emails)
    if head.startswith(_OLE):
        _read_msg(path, name, emails, None)
        if suffix != ".msg" and len(emails) > before and not emails[before].problem:
            emails[before].notes.append(f"{name} is an Outlook message (.msg); read as one.")
        return
    if not head.strip():
        emails.append(Email(name, problem=f"{name} is empty: it holds no email."))
        return
    if head.startswith(b"From "):
        _read_mbox(stream, name, emails, at)
        return
    if not _HEADER_LINE.match(stream.readline(_LINE).lstrip(b"\xef\xbb\xbf")):
        what = "an Outlook message (.msg)" if suffix == ".msg" else "an email or a mailbox"
        emails.append(
            Email(
                name, problem=f"{name} is not {what}: it does not start as one; nothing was read."
            )
        )
        return
    stream.seek(0)
    if path.stat().st_size <= WHOLE_MESSAGE:  # the usual: parsed as it is, at once
        _add(email.parser.BytesParser(policy=compat32).parse(stream), name, emails, None)
    else:
        _read_message(_lines(stream), name, emails)
    if suffix == ".msg" and not emails[before].problem:
        emails[before].notes.append(f"{name} is named .msg but holds a plain email; read as one.")


def _lines(stream: IO[bytes]) -> Iterator[tuple[bytes, bool]]:
    """Each line (in pieces of at most 64 KB), and whether it starts a line."""
    starts = True
    while line := stream.readline(_LINE):
        yield line, starts
        starts = line.endswith(b"\n")


class _Ahead:
    """Lines with one to look at before taking it."""

    def __init__(self, lines: Iterator[tuple[bytes, bool]]) -> None:
        self._lines = lines
        self.next = next(lines, None)

    def take(self) -> None:
        self.next = next(self._lines, None)


def _read_mbox(stream: IO[bytes], name: str, emails: list[Email], at: Callable[[int], Any]) -> None:
    """A mailbox's messages, one at a time: each starts at a "From " line after a blank one."""
    lines = _Ahead(_lines(stream))
    number = 0
    while lines.next is not None:
        lines.take()  # its "From " line
        number += 1
        _read_message(_one_message(lines), f"{name}, message {number:,}", emails)
        if number % 64 == 0:
            at(stream.tell())
    at(stream.tell())


def _one_message(lines: _Ahead) -> Iterator[tuple[bytes, bool]]:
    """The lines of a mailbox's message, up to the next "From " line; ">From " unescaped."""
    blank_before = False
    while lines.next is not None:
        line, starts = lines.next
        if starts and blank_before and line.startswith(b"From "):
            return
        lines.take()
        blank_before = starts and line in (b"\n", b"\r\n")
        if starts and line.startswith(b">") and _ESCAPED_FROM.match(line):
            line = line[1:]
        yield line, starts


def _read_message(lines: Iterator[tuple[bytes, bool]], origin: str, emails: list[Email]) -> None:
    """One message (all its lines are taken): parsed whole when small, else streamed."""
    kept: list[tuple[bytes, bool]] = []
    size = 0
    for line, starts in lines:
        kept.append((line, starts))
        size += len(line)
        if size > WHOLE_MESSAGE:
            feeder = _Feeder()
            for piece, piece_starts in kept:
                feeder.feed(piece, piece_starts)
            for piece, piece_starts in lines:
                feeder.feed(piece, piece_starts)
            message = feeder.close()
            if feeder.problem:
                emails.append(Email(origin, problem=f"{origin}: {feeder.problem}"))
                return
            break
    else:
        message = email.parser.BytesParser(policy=compat32).parsebytes(
            b"".join(line for line, _starts in kept)
        )
    _add(message, origin, emails, None)


class _Feeder:
    """Parses a large message as it streams, reading no more than :data:`PART_KEPT` of a part.

    Its multipart boundaries are followed, so each part's headers (its name) are read whole
    and only what lies inside a big part is passed over.
    """

    def __init__(self) -> None:
        self._parser = email.parser.BytesFeedParser(policy=compat32)
        self._boundaries: list[bytes] = []
        self._in_headers = True
        self._headers: list[bytes] = []
        self._header_bytes = 0
        self._part_bytes = 0
        self.problem = ""

    def feed(self, line: bytes, starts: bool) -> None:
        """Feed one line (or piece of a long one) of the message."""
        if self._in_headers:
            self._header_bytes += len(line)
            if self._header_bytes > MOST_HEADER_BYTES:
                self.problem = (
                    f"its headers run to more than {MOST_HEADER_BYTES // 2**20} MB, which no real "
                    "email's do; it was not read."
                )
                return
            self._parser.feed(line)
            if starts and line in (b"\n", b"\r\n"):
                self._end_of_headers()
            else:
                self._headers.append(line)
            return
        if starts and self._boundaries and line.startswith(b"--"):
            mark = line.rstrip()
            for depth in range(len(self._boundaries) - 1, -1, -1):
                boundary = b"--" + self._boundaries[depth]
                if mark in (boundary, boundary + b"--"):
                    del self._boundaries[depth + (mark == boundary) :]
                    self._parser.feed(line)
                    self._in_headers = mark == boundary
                    self._headers, self._header_bytes, self._part_bytes = [], 0, 0
                    return
        self._part_bytes += len(line)
        if self._part_bytes <= PART_KEPT:
            self._parser.feed(line)

    def _end_of_headers(self) -> None:
        """A block of headers ended: a multipart's boundary is followed from now on."""
        found = _CONTENT_TYPE.search(b"".join(self._headers))
        self._headers, self._header_bytes, self._part_bytes = [], 0, 0
        kind = found.group(1).lower() if found else b"text/plain"
        if kind.startswith(b"multipart/") and found:
            boundary = _BOUNDARY.search(found.group(2))
            if boundary:
                self._boundaries.append((boundary.group(1) or boundary.group(2)).strip())
        # An attached email's own headers follow its part's.
        self._in_headers = kind == b"message/rfc822"

    def close(self) -> email.message.Message:
        """The message as parsed."""
        return self._parser.close()


# --------------------------------------------------------------------- what a message says


def _add(
    message: email.message.Message, origin: str, emails: list[Email], carrier: int | None
) -> None:
    """The email a parsed message is, then each email attached to it."""
    record = Email(origin, carried_by=carrier)
    emails.append(record)
    index = len(emails) - 1
    if not any(message.get(h) for h in ("From", "Date", "Subject", "Message-ID", "To")):
        record.problem = (
            f"{origin} does not look like an email: it has no From, To, Date or Subject."
        )
        return
    notes = record.notes
    record.subject = _header(message, "Subject", notes)
    senders = _people(message, "From", notes)
    record.sender = senders[0] if senders else None
    record.to = tuple(_people(message, "To", notes))
    record.cc = tuple(_people(message, "Cc", notes))
    record.message_id = _first_id(message.get("Message-ID"))
    record.in_reply_to = _first_id(message.get("In-Reply-To"))
    record.references = tuple(_ID.findall(str(message.get("References") or "")))
    record.date_written = " ".join(str(message.get("Date") or "").split())
    record.sent = _moment(record.date_written, notes, "Date")
    record.received = _earliest_received(message.get_all("Received") or [])
    attached: list[email.message.Message] = []
    names: list[str] = []
    text = html = None
    for part in _parts(message):
        kind = part.get_content_type()
        if kind == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], email.message.Message):
                attached.append(inner[0])
                names.append(_filename(part, notes) or _header(inner[0], "Subject", []) + ".eml")
            continue
        filename = _filename(part, notes)
        if filename or part.get_content_disposition() == "attachment":
            names.append(filename or f"unnamed {kind}")
        elif kind == "text/plain" and text is None:
            text = part
        elif kind == "text/html" and html is None:
            html = part
    record.attachments = tuple(names)
    chosen = text if text is not None else html
    if chosen is not None:
        body = _body(chosen, notes)
        record.words = own_words(html_to_text(body) if chosen is html else body)
    for number, inner in enumerate(attached, 1):
        _add(inner, f"{origin}, attachment {number}", emails, index)


def _parts(message: email.message.Message) -> Iterator[email.message.Message]:
    """The leaves of a message and its attached emails, not looking inside those."""
    payload = message.get_payload()
    if message.is_multipart() and message.get_content_type() != "message/rfc822":
        for part in payload if isinstance(payload, list) else ():
            if not isinstance(part, email.message.Message):
                continue
            if part.get_content_type() == "message/rfc822":
                yield part
            else:
                yield from _parts(part)
    else:
        yield message


def _body(part: email.message.Message, notes: list[str]) -> str:
    """A text part's words, decoded from its transfer encoding and its character set."""
    try:
        data = part.get_payload(decode=True)
    except (ValueError, TypeError):  # a transfer encoding that cannot be undone
        data = None
    if not isinstance(data, bytes):
        raw = part.get_payload()
        data = raw.encode("ascii", "surrogateescape") if isinstance(raw, str) else b""
    declared = part.get_content_charset()
    text, note = decode_text(data, declared)
    if note:
        notes.append(f"Its text: {note}.")
    return text


def _header(message: email.message.Message, name: str, notes: list[str]) -> str:
    """A header's text, its encoded words decoded; a garbled one is kept as written."""
    raw = message.get(name)
    if raw is None:
        return ""
    text, note = header_text(raw)
    if note:
        notes.append(f"Its {name}: {note}.")
    return text


def header_text(raw: str | email.header.Header) -> tuple[str, str | None]:
    """A header value as text, and a note when part of it had to be guessed or kept as is.

    8-bit bytes with no character set (which the parser hands over as a Header) are read as
    a body part's would be; an encoded word that is not what it says is kept as written.
    """
    if isinstance(raw, email.header.Header):
        pieces = email.header.decode_header(raw)
    else:
        if not raw.isascii():
            text, note = decode_text(raw.encode("utf-8", "surrogateescape"), None)
            return " ".join(text.split()), note
        if any(not _readable(word) for word in _ENCODED_WORD.finditer(raw)):
            return " ".join(raw.split()), _UNREADABLE_WORD
        try:
            pieces = email.header.decode_header(raw)
        except (email.errors.HeaderParseError, ValueError):
            return " ".join(raw.split()), _UNREADABLE_WORD
    words: list[str] = []
    notes: list[str] = []
    for piece, charset in pieces:
        if isinstance(piece, str):
            words.append(piece)
            continue
        text, note = decode_text(piece, None if charset in (None, "unknown-8bit") else charset)
        words.append(text)
        if note:
            notes.append(note)
    return " ".join("".join(words).split()), "; ".join(notes) or None


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_UNREADABLE_WORD = "an encoded part cannot be read, so it is shown as written"


def _readable(word: re.Match[str]) -> bool:
    """Whether an encoded word ("=?utf-8?B?…?=") decodes, in its own character set."""
    charset, encoding, payload = word.groups()
    try:
        if encoding in "bB":
            data = base64.b64decode(payload + "=" * (-len(payload) % 4), validate=True)
        else:
            data = quopri.decodestring(payload.replace("_", " ").encode("ascii"), header=True)
        data.decode(charset.partition("*")[0])  # RFC 2231 adds "*language"
    except (ValueError, LookupError, UnicodeDecodeError, binascii.Error):
        return False
    return True


def _people(message: email.message.Message, name: str, notes: list[str]) -> list[Person]:
    """The people an address header names (an Outlook list separated by ";" too)."""
    values = [str(v) for v in message.get_all(name) or []]
    if len(values) == 1 and (simple := _ONE_ADDRESS.match(values[0])):  # "Name <address>"
        return [_person(simple.group(1) or "", simple.group(2))]
    found: list[Person] = []
    for shown, address in email.utils.getaddresses([v.replace(";", ",") for v in values]):
        if not shown and not address:
            continue
        text, note = header_text(shown) if shown else ("", None)
        if note:
            notes.append(f"Its {name}: {note}.")
        found.append(_person(text, address))
    return found


_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’.-])*"
_SURNAME_FIRST = re.compile(
    rf"({_NAME_WORD}(?: {_NAME_WORD}){{0,2}}), ({_NAME_WORD}(?: {_NAME_WORD}){{0,2}})"
)
"""A directory's "Surname, Forenames": a few words, a comma, a few more (no digits)."""
_NOT_A_PERSON = frozenset(
    [
        "ltd",
        "limited",
        "llp",
        "plc",
        "inc",
        "llc",
        "gmbh",
        "sa",
        "co",
        "company",
        "dept",
        "department",
        "team",
        "group",
        "office",
        "services",
        "support",
        "sales",
        "legal",
        "finance",
        "accounts",
        "admin",
    ]
)


def _person(name: str, address: str) -> Person:
    """A person, their name without quotes, their address in lower case.

    Outlook's "Smith, John" is John Smith.
    """
    name = " ".join(name.strip(" '\"").split())
    turned = _SURNAME_FIRST.fullmatch(name)
    if turned and not _NOT_A_PERSON & set(name.casefold().replace(",", " ").split()):
        name = f"{turned.group(2)} {turned.group(1)}"
    address = address.strip().lower()
    if "@" not in address:  # Outlook's "Nicolas1 23456" with no address: a name
        name, address = name or address, ""
    if name.lower() == address:
        name = ""
    return Person(name, address)


def _first_id(raw: object) -> str:
    """The first Message-ID in a header, without its angle brackets."""
    if raw is None:
        return ""
    text = str(raw)
    found = _ID.search(text)
    return found.group(1) if found else "".join(text.split())


def _moment(written: str, notes: list[str], header: str) -> dt.datetime | None:
    """The moment a date header gives, with its offset; None if there is none to read."""
    if not written:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(written)
    except (ValueError, TypeError, IndexError):
        return None
    if moment.tzinfo is None:  # "-0000": the sender's offset is not known
        notes.append(f"Its {header} gives no time zone (-0000); it was read as UTC.")
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def _earliest_received(values: list[Any]) -> dt.datetime | None:
    """When the first server received it: the last Received header that has a date."""
    for value in reversed(values):
        text = " ".join(str(value).split())
        if ";" in text:
            moment = _moment(text.rsplit(";", 1)[1].strip(), [], "Received")
            if moment is not None:
                return moment
    return None


def _filename(part: email.message.Message, notes: list[str]) -> str:
    """An attachment's name, its encoded words decoded."""
    try:
        raw = part.get_filename()
    except (ValueError, LookupError, TypeError):
        return "unreadable name"
    if not raw:
        return ""
    text, note = header_text(raw)
    if note:
        notes.append(f"An attachment's name: {note}.")
    return text


# --------------------------------------------------------------------- Outlook .msg


_NOT_EMAILS = {
    "IPM.Contact": "contact",
    "IPM.DistList": "contact group",
    "IPM.Task": "task",
    "IPM.StickyNote": "note",
    "IPM.Appointment": "appointment",
    "IPM.Activity": "journal entry",
}
"""Outlook items that are not emails, by the start of their message class."""


def _read_msg(path: Path, origin: str, emails: list[Email], carrier: int | None) -> None:
    """An Outlook message, and the messages attached to it, through extract-msg."""
    import extract_msg  # noqa: PLC0415  (only .msg files need it)
    from extract_msg.exceptions import ExMsgBaseException  # noqa: PLC0415
    from extract_msg.msg_classes import MessageBase  # noqa: PLC0415

    try:
        message = extract_msg.openMsg(path, delayAttachments=True, strict=False)
    except (ExMsgBaseException, OSError, ValueError, KeyError, IndexError) as error:
        emails.append(
            Email(
                origin,
                problem=f"{origin} is not an Outlook message that can be read ({error}); "
                "nothing was read from it.",
            )
        )
        return
    try:
        kind = str(message.classType or "")
        other = next((w for c, w in _NOT_EMAILS.items() if kind.startswith(c)), None)
        if other or not isinstance(message, MessageBase):
            emails.append(
                Email(
                    origin,
                    problem=f"{origin} is an Outlook {other or 'item'}, not an email; it was "
                    "left out.",
                )
            )
            return
        _add_msg(message, origin, emails, carrier)
    finally:
        message.close()


def _add_msg(message: Any, origin: str, emails: list[Email], carrier: int | None) -> None:
    """What an Outlook message says, then each message attached to it."""
    import extract_msg  # noqa: PLC0415

    record = Email(origin, carried_by=carrier)
    emails.append(record)
    index = len(emails) - 1
    notes = record.notes
    header = message.header
    record.subject = " ".join((message.subject or "").replace("\x00", "").split())
    senders = _msg_people(message.sender)
    record.sender = senders[0] if senders else None
    record.to = tuple(_msg_people(message.to))
    record.cc = tuple(_msg_people(message.cc))
    record.message_id = _first_id(message.messageId or header.get("Message-ID"))
    record.in_reply_to = _first_id(header.get("In-Reply-To"))
    record.references = tuple(_ID.findall(str(header.get("References") or "")))
    record.date_written = " ".join(str(header.get("Date") or "").split())
    record.sent = _moment(record.date_written, notes, "Date")
    if record.sent is None and isinstance(message.date, dt.datetime):
        # Outlook keeps the time it was sent in UTC: the sender's own offset is lost.
        record.sent = message.date.astimezone(dt.UTC).replace(microsecond=0)
        record.date_written = ""
        notes.append("The .msg keeps when it was sent in UTC only; the sender's offset is unknown.")
    record.received = _earliest_received(header.get_all("Received") or [])
    body = (message.body or "").replace("\x00", "")
    if not body.strip() and message.htmlBody:
        body = html_to_text(decode_text(message.htmlBody, None)[0])
    record.words = own_words(body)
    names: list[str] = []
    attached: list[tuple[str, ...]] = []
    for folder in sorted(
        {d[0] for d in message.listDir(True, False, False) if d[0].startswith("__attach")}
    ):
        name = ""
        for tag in ("3707", "3704", "3001"):  # long file name, short file name, display name
            name = (message.getStringStream([folder, f"__substg1.0_{tag}"]) or "").strip("\x00 ")
            if name:
                break
        if message.exists([folder, "__substg1.0_3701000D"]):
            attached.append((folder, "__substg1.0_3701000D"))
        names.append(name or "unnamed attachment")
    record.attachments = tuple(names)
    for number, prefix in enumerate(attached, 1):
        inner_origin = f"{origin}, attachment {number}"
        try:
            inner = extract_msg.openMsg(
                message.path,
                prefix=[*message.prefixList, *prefix],
                parentMsg=message,
                delayAttachments=True,
                strict=False,
            )
        except Exception as error:  # whatever a damaged inner message makes extract-msg raise
            emails.append(
                Email(
                    inner_origin,
                    carried_by=index,
                    problem=f"{inner_origin} cannot be read ({error}).",
                )
            )
            continue
        _add_msg(inner, inner_origin, emails, index)


def _msg_people(text: str | None) -> list[Person]:
    """The people Outlook lists as "'Name' <address>; …" (a name alone when it has no address)."""
    found = []
    for written in (text or "").replace("\x00", "").split(";"):
        entry = written.strip()
        bracketed = re.search(r"<([^<>]*)>\s*$", entry)
        if bracketed:
            found.append(_person(entry[: bracketed.start()], bracketed.group(1)))
        elif "@" in entry:
            found.append(_person("", entry.strip("'\"")))
        elif entry:
            found.append(Person(" ".join(entry.strip("'\"").split()), ""))
    return found


def _left_alone(others: int) -> str:
    if others == 1:
        return "1 other file in the folder is not an email and was left alone."
    return f"{others:,} other files in the folder are not emails and were left alone."
