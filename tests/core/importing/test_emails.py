"""Emails as proposed events: exact times in the case's time zone, threads, people, documents,
and every kind of bad email said in a sentence with nothing half-imported."""

from __future__ import annotations

import datetime as dt
import email
import re
import tracemalloc
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.core.importing.mail import (
    LONDON_SUMMER,
    NEW_YORK_SUMMER,
    forward,
    message,
    thread,
    write_eml,
    write_mbox,
)
from timeline_app.core import importing
from timeline_app.core.errors import UserError
from timeline_app.core.importing.email_body import html_to_text, own_words
from timeline_app.core.importing.email_plan import EmailChoice, Threads
from timeline_app.core.importing.emails import PART_KEPT, read_emails
from timeline_app.core.model import Party, Precision, Qualifier
from timeline_app.core.services.imports import ImportSession
from timeline_app.core.store import CaseStore

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "emails"


@pytest.fixture
def store(tmp_path: Path):
    with CaseStore.create(tmp_path / "case.case") as store:
        yield store


def plan_of(store: CaseStore, path: Path, **options):
    return ImportSession(store, importing.open_file(path)).plan(**options)


def one(store: CaseStore, tmp_path: Path, mail: EmailMessage, name: str = "one.eml"):
    [row] = plan_of(store, write_eml(tmp_path, name, mail)).rows
    return row


# ------------------------------------------------------------------------- times


def test_the_sent_time_is_shown_in_the_case_time_zone_with_the_senders_offset(
    store: CaseStore, tmp_path: Path
) -> None:
    mail = message(sent=dt.datetime(2019, 5, 4, 18, 40, tzinfo=NEW_YORK_SUMMER))
    row = one(store, tmp_path, mail)
    assert row.event.date.earliest == row.event.date.latest == dt.datetime(2019, 5, 4, 23, 40)
    assert row.event.date.precision is Precision.MINUTE
    assert row.event.date.text == "23:40 on 4 May 2019"
    assert row.date_note == "sent 18:40 -04:00"
    [document] = store.sources() or plan_of(store, tmp_path / "one.eml").records.new_sources
    assert document.date_text == "23:40 on 4 May 2019 (Europe/London)"
    assert "Date: Sat, 04 May 2019 18:40:00 -0400" in document.notes


def test_a_daylight_saving_change_moves_the_clock_not_the_moment(
    store: CaseStore, tmp_path: Path
) -> None:
    before = message(sent=dt.datetime(2019, 3, 31, 0, 30, tzinfo=dt.UTC), subject="Before")
    after = message(sent=dt.datetime(2019, 3, 31, 1, 30, tzinfo=dt.UTC), subject="After")
    autumn = message(sent=dt.datetime(2019, 10, 27, 1, 30, tzinfo=dt.UTC), subject="Autumn")
    plan = plan_of(store, write_mbox(tmp_path / "dst.mbox", [before, after, autumn]))
    assert [(r.event.date.text, r.date_note) for r in plan.rows] == [
        ("00:30 on 31 March 2019", "+00:00"),  # GMT until 01:00 UTC
        ("02:30 on 31 March 2019", "sent 01:30 +00:00"),  # then BST: the clock jumps
        ("01:30 on 27 October 2019", "+00:00"),  # back to GMT at 01:00 UTC
    ]


def test_the_case_time_zone_is_the_one_in_case_properties(store: CaseStore, tmp_path: Path) -> None:
    store.update_case_info(
        __import__("dataclasses").replace(store.case_info(), time_zone="America/New_York")
    )
    row = one(store, tmp_path, message(sent=dt.datetime(2019, 5, 5, 23, 58, tzinfo=LONDON_SUMMER)))
    assert row.event.date.text == "18:58 on 5 May 2019"
    assert row.date_note == "sent 23:58 +01:00"


# ------------------------------------------------------------------------- titles, people


def test_each_email_is_a_neutral_event_citing_its_own_document(
    store: CaseStore, tmp_path: Path
) -> None:
    mails = thread()
    plan = plan_of(store, write_mbox(tmp_path / "directors.mbox", mails))
    first, reply, third, _last = plan.rows
    assert first.event.title == (
        "Email from John Smith to Jane Doe: Service failures under the contract"
    )
    assert reply.event.title.startswith("Email from Jane Doe to John Smith: RE: Service")
    assert first.event.description == (
        "Jane,\nThe third outage this month is unacceptable. We reserve our rights.\nJohn"
    )
    assert reply.event.description == "John,\nWe dispute that the outages were ours; see the RCA."
    assert third.event.description == "Jane,\nWe will serve notice under clause 14."
    documents = plan.records.new_sources
    assert len(documents) == 4 and {d.doc_type for d in documents} == {"Email"}
    notice = next(d for d in documents if d.id == third.event.sources[0].source_id)
    assert notice.title == "Re: Service failures under the contract"
    assert notice.location == f"mid:{mails[2]['Message-ID'].strip('<>')}"
    assert "Attachments: Notice under clause 14.pdf" in notice.notes
    assert f"Message-ID: {mails[2]['Message-ID']}" in notice.notes
    assert [(p.name, p.notes) for p in plan.records.new_parties] == [
        ("John Smith", "Email: john.smith@soprasteria.com"),
        ("Jane Doe", "Email: jane.doe@interserve.com"),
    ]


def test_people_are_found_by_address_first_then_by_name(store: CaseStore, tmp_path: Path) -> None:
    md = store.add_party(Party("J. Smith (MD)", notes="Work: John.Smith@soprasteria.com"))
    doe = store.add_party(Party("Jane Doe", role="Managing Director"))
    mail = message(
        "Johnny <john.smith@soprasteria.com>",
        "Jane Doe <j.doe@other.example>",
        cc="Ann Lee <ann.lee@soprasteria.com>, someone@unknown.example",
    )
    row = one(store, tmp_path, mail)
    assert row.event.party_ids[:2] == (md.id, doe.id)
    assert row.event.title == "Email from J. Smith (MD) to Jane Doe and 2 others: IT Health Check"
    plan = plan_of(store, tmp_path / "one.eml")
    assert [(p.name, p.notes) for p in plan.records.new_parties] == [
        ("Ann Lee", "Email: ann.lee@soprasteria.com"),
        ("someone@unknown.example", "Email: someone@unknown.example"),
    ]


@pytest.mark.parametrize(
    ("shown", "name"),
    [
        ('"Smith, John"', "John Smith"),  # a company directory's order
        ('"van der Berg, Anna Maria"', "Anna Maria van der Berg"),
        ('"Acme Ltd, Legal Dept"', "Acme Ltd, Legal Dept"),  # not a person's name
        ('"Sales, 2nd floor"', "Sales, 2nd floor"),
    ],
)
def test_a_name_written_surname_first_is_the_persons_name(
    store: CaseStore, tmp_path: Path, shown: str, name: str
) -> None:
    one(store, tmp_path, message(f"{shown} <x@acme.example>"))
    plan = plan_of(store, tmp_path / "one.eml")
    assert plan.records.new_parties[0].name == name


# ------------------------------------------------------------------------- threads


def test_a_thread_folds_into_one_span_citing_every_email(store: CaseStore, tmp_path: Path) -> None:
    box = write_mbox(tmp_path / "directors.mbox", thread())
    [row] = plan_of(store, box, threads=Threads.FOLD).rows
    event = row.event
    assert event.title == (
        "Exchange of emails between John Smith and Jane Doe: Service failures under the contract"
    )
    assert (event.date.earliest, event.date.latest) == (dt.date(2019, 5, 3), dt.date(2019, 5, 6))
    assert event.date.qualifier is Qualifier.FROM_TO
    assert event.date.text == "3 – 6 May 2019"
    assert len(event.sources) == 4 and len(set(event.sources)) == 4
    assert event.description.splitlines() == [
        "09:15 on 3 May 2019, John Smith: The third outage this month is unacceptable. We "
        "reserve our rights.",
        "23:40 on 4 May 2019, Jane Doe: We dispute that the outages were ours; see the RCA.",
        "23:58 on 5 May 2019, John Smith: We will serve notice under clause 14.",
        "08:02 on 6 May 2019, Jane Doe: Received. Our solicitors will respond.",
    ]
    assert row.cells[0] == "a thread of 4 emails"


def test_replies_without_thread_headers_join_by_subject(store: CaseStore, tmp_path: Path) -> None:
    first = message(subject="Penalty notice", sent=dt.datetime(2019, 6, 1, 9, 0, tzinfo=dt.UTC))
    reply = message(
        subject="AW: RE: Penalty notice", sent=dt.datetime(2019, 6, 2, 9, 0, tzinfo=dt.UTC)
    )
    other = message(subject="Penalty notice", sent=dt.datetime(2019, 9, 1, 9, 0, tzinfo=dt.UTC))
    box = write_mbox(tmp_path / "m.mbox", [first, reply, other])
    rows = plan_of(store, box, threads=Threads.FOLD).rows
    assert [r.event.date.text for r in rows] == ["1 – 2 June 2019", "10:00 on 1 September 2019"]
    assert rows[0].event.title == "Emails from John Smith to Jane Doe: Penalty notice"


def test_a_forward_carries_its_email_and_the_same_message_id_is_the_same_email(
    store: CaseStore, tmp_path: Path
) -> None:
    original, *_ = thread()
    fwd = forward(
        original,
        "Ann Lee <ann.lee@soprasteria.com>",
        "Counsel <counsel@chambers.example>",
        "Counsel, see below.",
        dt.datetime(2019, 5, 7, 12, 0, tzinfo=dt.UTC),
    )
    folder = tmp_path / "bundle"
    folder.mkdir()
    write_eml(folder, "a original.eml", original)
    write_eml(folder, "b forward.eml", fwd)
    (folder / "notes.docx").write_bytes(b"not an email")
    plan = plan_of(store, folder)
    assert plan.notes == ["1 other file in the folder is not an email and was left alone."]
    first, forwarded, carried = plan.rows
    assert forwarded.event.title == (
        "Email from Ann Lee to Counsel: Fwd: Service failures under the contract"
    )
    carrier_doc = next(
        d for d in plan.records.new_sources if d.id == forwarded.event.sources[0].source_id
    )
    assert "Attachments: Service failures under the contract.eml" in carrier_doc.notes
    assert carried.notes == [
        "It was attached to “Fwd: Service failures under the contract” (b forward.eml)."
    ]
    assert carried.duplicate_of == "“Service failures under the contract” (a original.eml)"
    assert carried.duplicate_reason.startswith("the same Message-ID <")
    assert carried.event.sources == first.event.sources  # one document, cited again if ticked
    assert plan.default_choice() == [first, forwarded]
    assert len(plan.records.new_sources) == 2

    ImportSession(store, importing.open_file(folder)).commit(plan, plan.default_choice())
    again = plan_of(store, folder / "a original.eml")
    [row] = again.rows
    assert row.duplicate_of == (
        "the email already in the case as the document “Service failures under the contract”"
    )
    assert again.default_choice() == [] and again.records.new_sources == []


# ------------------------------------------------------------------------- bodies


def test_html_is_made_text_without_scripts_styles_or_images() -> None:
    text = html_to_text(
        "<html><head><style>p{color:red}</style><script>steal()</script></head><body>"
        "<p>Dear John,</p><p>The <b>RCA</b> found 25 critical issues.</p>"
        "<img src='https://tracker.example/open.gif' alt='Firm logo'>"
        "<blockquote>old text</blockquote></body></html>"
    )
    assert "steal" not in text and "color" not in text and "tracker" not in text
    assert own_words(text) == "Dear John,\nThe RCA found 25 critical issues.\n[Firm logo]"


def test_an_html_only_email_gives_its_text(store: CaseStore, tmp_path: Path) -> None:
    mail = message(body="", html="<p>Outage <i>again</i>.</p><script>x()</script>")
    assert one(store, tmp_path, mail).event.description == "Outage again."  # no space added


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("Agreed.\n\nOn Fri, 3 May 2019 at 09:15, John Smith wrote:\n> Proposal", "Agreed."),
        ("Agreed.\n-----Original Message-----\nFrom: J\nSent: 3 May", "Agreed."),
        ("Agreed.\n\nFrom: John Smith\nSent: 03 May 2019 09:15\nTo: Jane\nSubject: X", "Agreed."),
        (
            "From: the board's view, it failed.\nWe disagree.",
            "From: the board's view, it failed.\nWe disagree.",
        ),
        ("Agreed.\n-- \nJane Doe | Managing Director", "Agreed."),
        ("> quoted first\nreply below", ""),
        (
            "Agreed.\n\nKind regards,\nJohn Smith\nDirector, Acme Ltd\nTel 0207 000 0000",
            "Agreed.",
        ),
        ("Thanks", "Thanks"),  # the whole of a short reply, not a sign-off
        (
            "Please confirm by Friday that the crane will be on site before the pour on\n"
            "Monday, as the programme requires.\n\nShort line\nanother line",
            "Please confirm by Friday that the crane will be on site before the pour on "
            "Monday, as the programme requires.\nShort line\nanother line",
        ),
    ],
)
def test_the_quoted_history_and_signature_are_left_out(body: str, kept: str) -> None:
    assert own_words(body) == kept


def test_character_sets_declared_wrongly_or_not_at_all_are_read_and_said(
    store: CaseStore, tmp_path: Path
) -> None:
    latin = message(subject="Café", body="Résumé attached – £500")
    latin.set_content("Résumé attached £500", charset="iso-8859-1", cte="8bit")
    assert one(store, tmp_path, latin).event.description == "Résumé attached £500"

    raw = (
        b"From: A <a@x.example>\nTo: B <b@y.example>\nSubject: =?utf-8?q?Caf=C3=A9?= "
        b"=?utf-8?b?!!!notbase64?=\nDate: Fri, 3 May 2019 10:00:00 +0100\n"
        b"Content-Type: text/plain\n\nR\xe9sum\xe9 attached\n"
    )
    (tmp_path / "raw.eml").write_bytes(raw)
    [row] = plan_of(store, tmp_path / "raw.eml").rows
    assert row.event.description == "Résumé attached"
    assert row.event.title.endswith(": =?utf-8?q?Caf=C3=A9?= =?utf-8?b?!!!notbase64?=")
    assert row.notes == [
        "Its Subject: an encoded part cannot be read, so it is shown as written.",
        "Its text: it declares no character set; it was read as Windows-1252.",
    ]
    for subject, shown, note in [
        (b"Invoice \x80 dispute", "Invoice \u20ac dispute", "it was read as Windows-1252"),
        (b"=?utf-8?B?garbled!!?= notes", "=?utf-8?B?garbled!!?= notes", "shown as written"),
        (b"=?utf-8?B?w6k=?= notes", "\u00e9 notes", None),
    ]:
        (tmp_path / "raw.eml").write_bytes(raw.replace(raw.split(b"\n")[2], b"Subject: " + subject))
        [row] = plan_of(store, tmp_path / "raw.eml").rows
        assert row.event.title.endswith(f": {shown}"), row.event.title  # never "\ufffd"
        assert (note is None) == (not any(n.startswith("Its Subject") for n in row.notes))
        assert note is None or any(note in n for n in row.notes if n.startswith("Its Subject"))
    wrong = raw.replace(b"Content-Type: text/plain", b"Content-Type: text/plain; charset=utf-8")
    (tmp_path / "raw.eml").write_bytes(wrong)
    [row] = plan_of(store, tmp_path / "raw.eml").rows
    assert "Its text: it is not in its declared character set “utf-8”; read as Windows-1252." in (
        row.notes
    )


# ------------------------------------------------------------------------- bad input


def test_an_email_with_no_date_is_offered_dated_by_when_it_was_received(
    store: CaseStore, tmp_path: Path
) -> None:
    mail = message(sent=None)
    mail["Received"] = "from relay by mx.example; Mon, 6 May 2019 08:05:00 +0100"
    mail["Received"] = "from laptop by relay.example; Mon, 6 May 2019 08:04:10 +0100"
    unreadable = email.message_from_bytes(
        re.sub(rb"Date: [^\n]*", b"Date: sometime next week", message(subject="Bad").as_bytes())
    )
    none_at_all = message(sent=None, subject="Nothing")
    box = write_mbox(tmp_path / "m.mbox", [mail, unreadable, none_at_all])
    plan = plan_of(store, box)
    offered, bad, refused = plan.rows
    assert offered.importable and offered.event.date.text == "08:04 on 6 May 2019"
    assert offered.second_best.startswith("It has no Date header: it is dated by when it was")
    assert offered.date_note == "received 08:04 +01:00"
    assert bad.problems == [
        "It has no Date that can be read (“sometime next week”) and no Received header to "
        "date it by, so it cannot be placed in the chronology."
    ]
    assert refused.problems and not refused.importable
    assert plan.default_choice() == []
    assert plan.default_choice(second_best=True) == [offered]


def test_broken_mime_loses_nothing_that_can_be_read(store: CaseStore, tmp_path: Path) -> None:
    raw = (
        b"From: A <a@x.example>\nTo: B <b@y.example>\nSubject: Broken\n"
        b"Date: Fri, 3 May 2019 10:00:00 +0100\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="never-closed"\n\n'
        b"--never-closed\nContent-Type: text/plain\n\nThe body survives.\n"
        b"--never-closed\nContent-Type: application/pdf; name=cut.pdf\n"
        b"Content-Transfer-Encoding: base64\n\nJVBERi0x"
    )
    (tmp_path / "broken.eml").write_bytes(raw)
    [row] = plan_of(store, tmp_path / "broken.eml").rows
    assert row.importable and row.event.description == "The body survives."


@pytest.mark.slow
def test_a_big_attachment_is_not_read_into_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.eml"
    line = b"QUJD" * 19 + b"\n"  # base64, 77 bytes a line
    with path.open("wb") as out:
        out.write(
            b"From: A <a@x.example>\nTo: B <b@y.example>\nSubject: Big\n"
            b"Date: Fri, 3 May 2019 10:00:00 +0100\nMIME-Version: 1.0\n"
            b'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\n'
            b"See the disk image.\n--b1\nContent-Type: application/octet-stream\n"
            b'Content-Disposition: attachment; filename="disk image.bin"\n'
            b"Content-Transfer-Encoding: base64\n\n"
        )
        chunk = line * 13_000  # 1 MB
        for _ in range(200):
            out.write(chunk)
        out.write(b'--b1\nContent-Type: text/plain; name="after.txt"\n\nlast\n--b1--\n')
    tracemalloc.start()
    [mail] = read_emails([path])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert path.stat().st_size > 200_000_000
    assert mail.attachments == ("disk image.bin", "after.txt")
    assert mail.words == "See the disk image."
    assert peak < 8 * PART_KEPT + 8 * 2**20  # a few parts' worth, not 200 MB


def test_a_mailbox_splits_only_at_from_lines_and_unescapes_them(tmp_path: Path) -> None:
    body = "From the start we objected.\n\nFrom my side: no."
    box = write_mbox(tmp_path / "m.mbox", [message(body=body), message(subject="Second")])
    first, second = read_emails([box])
    assert first.words == "From the start we objected.\nFrom my side: no."
    assert (first.origin, second.origin) == ("m.mbox, message 1", "m.mbox, message 2")


def test_files_that_are_not_emails_are_refused_each_in_a_sentence(
    store: CaseStore, tmp_path: Path
) -> None:
    pdf = tmp_path / "letter.msg"
    pdf.write_bytes(b"%PDF-1.4\n%binary")
    with pytest.raises(UserError, match=r"^letter.msg is not an Outlook message \(.msg\)"):
        plan_of(store, pdf)
    eml = tmp_path / "really an eml.msg"
    eml.write_bytes(message().as_bytes())
    [row] = plan_of(store, eml).rows
    assert row.notes == ["really an eml.msg is named .msg but holds a plain email; read as one."]
    with pytest.raises(UserError, match=r"msgClassContact\.msg is an Outlook contact, not an"):
        plan_of(store, SAMPLES / "msgClassContact.msg")
    empty = tmp_path / "empty folder"
    empty.mkdir()
    with pytest.raises(UserError, match="empty folder is a folder, not a file to import, and"):
        importing.open_file(empty)


# ------------------------------------------------------------------------- real .msg files


def test_real_outlook_messages_are_read(store: CaseStore) -> None:
    plan = plan_of(store, SAMPLES)
    by_origin = {row.cells[0]: row for row in plan.rows}
    quick = by_origin["quick.msg"]
    assert (
        quick.event.title == "Email from Kevin Roast to Kevin Roast: Test the content transformer"
    )
    assert quick.event.date.text == "10:42 on 14 June 2007"  # 09:42 UTC, British Summer Time
    assert quick.event.description == "The quick brown fox jumps over the lazy dog"
    carrier = by_origin["58214_with_attachment.msg"]
    carried = by_origin["58214_with_attachment.msg, attachment 1"]
    assert carrier.event.date.text == "13:02 on 5 August 2015"
    assert carrier.date_note == "sent 14:02 +02:00"
    assert carried.event.title.endswith(": Test mail attachment")
    assert carried.notes == ["It was attached to “Master mail” (58214_with_attachment.msg)."]
    attached = by_origin["attachment_test_msg.msg"]
    document = next(
        d for d in plan.records.new_sources if d.id == attached.event.sources[0].source_id
    )
    assert "Attachments: test-unicode.doc, pj1.txt" in document.notes
    cyrillic = by_origin["cyrillic_message.msg"]
    assert cyrillic.event.title.startswith(
        "Email from no-reply@niips.ru to sviridov@niips.ru: Автомат"
    )
    assert by_origin["HTMLBodyBinary_UTF-8.msg"].problems == [
        "It has no Date header and no Received header to date it by, so it cannot be placed "
        "in the chronology."
    ]
    assert by_origin["msgClassContact.msg"].problems == [
        "msgClassContact.msg is an Outlook contact, not an email; it was left out."
    ]


def test_the_same_email_as_msg_and_eml_is_one_email(store: CaseStore, tmp_path: Path) -> None:
    [quick] = read_emails([SAMPLES / "quick.msg"])
    copy = message(
        "Kevin Roast <kevin.roast@alfresco.org>",
        "Kevin Roast <kevin.roast@alfresco.org>",
        "Test the content transformer",
        "The quick brown fox jumps over the lazy dog",
        dt.datetime(2007, 6, 14, 9, 42, 53, tzinfo=dt.UTC),
        message_id=f"<{quick.message_id}>",
    )
    folder = tmp_path / "both"
    folder.mkdir()
    write_eml(folder, "quick.eml", copy)
    (folder / "quick.msg").write_bytes((SAMPLES / "quick.msg").read_bytes())
    plan = plan_of(store, folder)
    assert plan.rows[1].duplicate_of == "“Test the content transformer” (quick.eml)"
    assert len(plan.records.new_sources) == 1


# ------------------------------------------------------------------------- choosing


def test_filters_choose_by_sender_recipient_dates_and_subject(
    store: CaseStore, tmp_path: Path
) -> None:
    box = write_mbox(tmp_path / "directors.mbox", thread())

    def titles(**choice) -> list[str]:
        plan = plan_of(store, box, emails_chosen=EmailChoice(**choice))
        return [row.event.date.text for row in plan.rows]

    assert titles(sender="JANE") == ["23:40 on 4 May 2019", "08:02 on 6 May 2019"]
    assert titles(recipient="interserve.com") == ["09:15 on 3 May 2019", "23:58 on 5 May 2019"]
    assert titles(date_from=dt.date(2019, 5, 5), date_to=dt.date(2019, 5, 5)) == [
        "23:58 on 5 May 2019"
    ]
    evening = dt.datetime(2019, 5, 4, 23, 0)  # a bound with a time counts to the minute
    assert titles(date_from=evening, date_to=dt.datetime(2019, 5, 4, 23, 59)) == [
        "23:40 on 4 May 2019"
    ]
    assert titles(date_to=dt.datetime(2019, 5, 4, 23, 40)) == titles(date_to=dt.date(2019, 5, 4))
    assert titles(subject="failures RE") == titles()
    assert titles(subject="penalty") == []
    plan = plan_of(store, box, emails_chosen=EmailChoice(sender="jane"))
    assert plan.notes == ["2 emails outside the filters are not shown."]


def test_an_email_saved_as_text_is_read_as_an_email_and_said(tmp_path: Path) -> None:
    saved = tmp_path / "from outlook.txt"
    saved.write_bytes(message().as_bytes())
    file = importing.open_file(saved)
    assert (file.kind, file.note) == (
        "email",
        "from outlook.txt holds an email; it was read as one.",
    )
    statement = tmp_path / "statement.txt"
    statement.write_text("From: the witness statement of John Smith\n\n1. I joined in 2015.\n")
    assert importing.open_file(statement).kind == "text"


def test_a_big_message_in_a_mailbox_streams_and_the_next_is_still_read(tmp_path: Path) -> None:
    big = message(subject="Disk image", attachments={"image.bin": bytes(6 * 2**20)})
    box = write_mbox(tmp_path / "m.mbox", [big, message(subject="After it")])
    first, second = read_emails([box])
    assert (first.subject, first.attachments) == ("Disk image", ("image.bin",))
    assert second.subject == "After it" and second.origin == "m.mbox, message 2"
