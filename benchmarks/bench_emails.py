"""Email import speed and memory: .eml files and one .mbox, against a bare email.parser loop.

The messages are generated: threads of replies (In-Reply-To, References, quoted history),
plain and HTML bodies, a small PDF attachment on one in five. In one run, over the same files:

- ``bare``: the least any reader can do: ``email.parser.BytesParser().parse`` of each .eml
  file, and ``mailbox.mbox`` (which parses each message the same way) over the mailbox.
- ``read``: ours, reading every email (headers decoded, body to its first lines, attachments'
  names, attached emails), as the Import dialog's progress bar shows it.
- ``import``: ``main.py import``'s whole path: read, plan (people, documents, threads,
  duplicates), and save in one transaction into an empty case.

Ratios are against ``bare`` of the same files. Memory: tracemalloc's peak while reading
mailboxes of growing size, per message; the big parts of messages are never held, so it grows
with the emails kept for review (a few hundred bytes each), not with the mailbox.

    python -m benchmarks.bench_emails [--messages 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.parser
import mailbox
import tempfile
import time
import tracemalloc
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

PEOPLE = [
    ("John Smith", "john.smith@soprasteria.example"),
    ("Jane Doe", "jane.doe@interserve.example"),
    ("Ann Lee", "ann.lee@soprasteria.example"),
    ("Raj Patel", "raj.patel@interserve.example"),
    ("Counsel", "clerk@chambers.example"),
]
TOPICS = ["Outage", "IT Health Check", "Penalty notice", "RCA report", "SharePoint", "Invoice"]


def generate(count: int) -> list[bytes]:
    """``count`` messages, in threads of up to six, as bytes."""
    messages: list[bytes] = []
    start = dt.datetime(2018, 1, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    previous: EmailMessage | None = None
    for number in range(count):
        sender = PEOPLE[number % len(PEOPLE)]
        to = PEOPLE[(number + 1) % len(PEOPLE)]
        mail = EmailMessage()
        mail["From"] = f"{sender[0]} <{sender[1]}>"
        mail["To"] = f"{to[0]} <{to[1]}>"
        topic = TOPICS[(number // 6) % len(TOPICS)]
        mail["Subject"] = f"{'Re: ' if number % 6 else ''}{topic} {number // 6}"
        mail["Date"] = format_datetime(start + dt.timedelta(minutes=37 * number))
        mail["Message-ID"] = f"<m{number}@bench.example>"
        if number % 6 and previous is not None:
            mail["In-Reply-To"] = previous["Message-ID"]
            mail["References"] = previous["Message-ID"]
        body = (
            f"Dear {to[0].split()[0]},\n\nFollowing our call about item {number}, the service "
            f"credits for {topic.lower()} come to £{number * 7 % 10000:,}.\n\nRegards,\n"
            f"{sender[0]}\n\nOn an earlier day, {to[0]} wrote:\n" + "> quoted line\n" * 20
        )
        mail.set_content(body)
        if number % 3 == 0:
            mail.add_alternative(f"<html><body><p>{body}</p></body></html>", subtype="html")
        if number % 5 == 0:
            mail.add_attachment(
                b"%PDF-1.4 " + bytes(2000),
                maintype="application",
                subtype="pdf",
                filename=f"schedule {number}.pdf",
            )
        messages.append(mail.as_bytes())
        previous = mail
    return messages


def write(folder: Path, messages: list[bytes]) -> tuple[list[Path], Path]:
    """The messages as .eml files in ``folder``, and as one mailbox beside them."""
    files = []
    for number, data in enumerate(messages):
        path = folder / f"{number:06d}.eml"
        path.write_bytes(data)
        files.append(path)
    box = folder.parent / "all.mbox"
    with box.open("wb") as out:
        for data in messages:
            out.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2018\n")
            out.write(data.replace(b"\nFrom ", b"\n>From "))
            out.write(b"\n")
    return files, box


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def bare_eml(files: list[Path]) -> None:
    parser = email.parser.BytesParser()
    for path in files:
        with path.open("rb") as f:
            parser.parse(f)


def bare_mbox(box: Path) -> None:
    for _message in mailbox.mbox(box):
        pass


def ours_read(paths: list[Path], root: Path | None = None) -> int:
    from timeline_app.core.importing.emails import email_files, read_emails

    return len(read_emails(email_files(paths)[0], root))


def ours_import(path: Path, case: Path) -> int:
    from timeline_app.core import importing
    from timeline_app.core.services.imports import ImportSession
    from timeline_app.core.store import CaseStore

    with CaseStore.create(case) as store:
        session = ImportSession(store, importing.open_file(path))
        plan = session.plan()
        session.commit(plan, plan.default_choice())
        return len(plan.rows)


def peak_per_message(folder: Path, sizes: list[int]) -> list[tuple[int, float, float]]:
    """Each mailbox size, tracemalloc's peak while reading it, and what is kept after (MB)."""
    from timeline_app.core.importing.emails import read_emails

    found = []
    for size in sizes:
        _files, box = write(_fresh(folder / f"m{size}"), generate(size))
        tracemalloc.start()
        emails = read_emails([box])
        kept, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(emails) == size
        del emails
        found.append((size, peak / 2**20, kept / 2**20))
    return found


def _fresh(folder: Path) -> Path:
    (folder / "eml").mkdir(parents=True)
    return folder / "eml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    count = parser.parse_args().messages
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        messages = generate(count)
        files, box = write(_fresh(folder / "run"), messages)
        size = sum(len(m) for m in messages) / 2**20
        print(f"{count:,} messages, {size:,.1f} MB; ratios are ours / bare over the same files")
        bare = timed(lambda: bare_eml(files))
        read = timed(lambda: ours_read([files[0].parent], files[0].parent))
        whole = timed(lambda: ours_import(files[0].parent, folder / "eml.case"))
        print(
            f".eml  bare {count / bare:8,.0f}/s | read {count / read:8,.0f}/s "
            f"({read / bare:.2f}x) | import {count / whole:8,.0f}/s ({whole / bare:.2f}x, "
            f"{whole:.1f} s)"
        )
        bare = timed(lambda: bare_mbox(box))
        read = timed(lambda: ours_read([box]))
        whole = timed(lambda: ours_import(box, folder / "mbox.case"))
        print(
            f".mbox bare {count / bare:8,.0f}/s | read {count / read:8,.0f}/s "
            f"({read / bare:.2f}x) | import {count / whole:8,.0f}/s ({whole / bare:.2f}x, "
            f"{whole:.1f} s)"
        )
        sizes = [count // 4, count // 2, count, count * 2]
        for messages_in, peak, kept in peak_per_message(folder, sizes):
            print(
                f"memory reading {messages_in:7,} in one .mbox: peak {peak:6.1f} MB "
                f"({peak * 2**20 / messages_in:5.0f} B/message), kept {kept:6.1f} MB "
                f"({kept * 2**20 / messages_in:5.0f} B/message)"
            )


if __name__ == "__main__":
    main()
