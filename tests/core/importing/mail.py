"""Emails as users receive them, built with Python's ``email`` package: threads, forwards with
attachments, HTML only, other character sets, a mailbox."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage, Message
from email.utils import format_datetime, make_msgid
from pathlib import Path

LONDON_SUMMER = dt.timezone(dt.timedelta(hours=1))
NEW_YORK_SUMMER = dt.timezone(dt.timedelta(hours=-4))


def message(
    sender: str = "John Smith <john.smith@soprasteria.com>",
    to: str = "Jane Doe <jane.doe@interserve.com>",
    subject: str = "IT Health Check",
    body: str = "Please find the report attached.",
    sent: dt.datetime | None = dt.datetime(2019, 5, 3, 23, 58, tzinfo=LONDON_SUMMER),
    *,
    message_id: str | None = None,
    replying_to: EmailMessage | None = None,
    cc: str = "",
    html: str | None = None,
    attachments: dict[str, bytes] | None = None,
) -> EmailMessage:
    """An email as a mail program sends it."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    if cc:
        mail["Cc"] = cc
    mail["Subject"] = subject
    if sent is not None:
        mail["Date"] = format_datetime(sent)
    mail["Message-ID"] = message_id or make_msgid(domain="mail.example.com")
    if replying_to is not None:
        mail["In-Reply-To"] = replying_to["Message-ID"]
        mail["References"] = " ".join(
            filter(None, [replying_to.get("References"), replying_to["Message-ID"]])
        )
    if html is not None and not body:
        mail.set_content(html, subtype="html")
    else:
        mail.set_content(body)
        if html is not None:
            mail.add_alternative(html, subtype="html")
    for name, data in (attachments or {}).items():
        mail.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return mail


def forward(original: Message, sender: str, to: str, note: str, sent: dt.datetime) -> EmailMessage:
    """``original`` forwarded as an attachment (message/rfc822) with a note."""
    mail = message(sender, to, f"Fwd: {original['Subject']}", note, sent)
    mail.add_attachment(original)
    return mail


def thread() -> list[EmailMessage]:
    """The managing directors' exchange over the failing contract: four emails, three days."""
    first = message(
        subject="Service failures under the contract",
        body="Jane,\n\nThe third outage this month is unacceptable. We reserve our rights.\n\nJohn",
        sent=dt.datetime(2019, 5, 3, 9, 15, tzinfo=LONDON_SUMMER),
    )
    reply = message(
        "Jane Doe <jane.doe@interserve.com>",
        "John Smith <john.smith@soprasteria.com>",
        "RE: Service failures under the contract",
        "John,\n\nWe dispute that the outages were ours; see the RCA.\n\n"
        "-----Original Message-----\nFrom: John Smith\nSent: 03 May 2019 09:15\n"
        "To: Jane Doe\nSubject: Service failures under the contract\n\nThe third outage…",
        dt.datetime(2019, 5, 4, 18, 40, tzinfo=NEW_YORK_SUMMER),
        replying_to=first,
    )
    again = message(
        subject="Re: Service failures under the contract",
        body="Jane,\nWe will serve notice under clause 14.\n\nOn 4 May 2019, Jane Doe wrote:\n"
        "> John,\n> We dispute that",
        sent=dt.datetime(2019, 5, 5, 23, 58, tzinfo=LONDON_SUMMER),
        replying_to=reply,
        attachments={"Notice under clause 14.pdf": b"%PDF-1.4 notice"},
    )
    last = message(
        "Jane Doe <jane.doe@interserve.com>",
        "John Smith <john.smith@soprasteria.com>",
        "Re: Service failures under the contract",
        "Received. Our solicitors will respond.",
        dt.datetime(2019, 5, 6, 8, 2, tzinfo=LONDON_SUMMER),
        replying_to=again,
    )
    return [first, reply, again, last]


def write_eml(folder: Path, name: str, mail: Message) -> Path:
    path = folder / name
    path.write_bytes(mail.as_bytes())
    return path


def write_mbox(path: Path, mails: list[Message]) -> Path:
    """A mailbox as Thunderbird keeps one: each message after a "From " line."""
    with path.open("wb") as out:
        for mail in mails:
            out.write(b"From MAILER-DAEMON Fri May  3 23:58:00 2019\n")
            data = mail.as_bytes().replace(b"\r\n", b"\n")
            out.write(
                b"\n".join(
                    b">" + line if line.startswith(b"From ") else line for line in data.split(b"\n")
                )
            )
            out.write(b"\n\n")
    return path
