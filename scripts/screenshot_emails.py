"""The Import dialog on the managing directors' exchange of emails, as PNGs for the README.

Run it under a real X server without a screen (``xvfb-run -a -s "-screen 0 1600x1000x24"``):
``.venv/bin/python scripts/screenshot_emails.py docs/import-emails.png``; the thread folded
into one event goes beside it, as ``…-folded.png``.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from timeline_app.core.demo import write_demo
from timeline_app.ui.application import settings_for
from timeline_app.ui.dialogs.importing import ImportDialog
from timeline_app.ui.main_window import MainWindow

JOHN = "John Smith <john.smith@soprasteria.com>"
JANE = "Jane Doe <jane.doe@interserve.com>"
BST, NEW_YORK = dt.timezone(dt.timedelta(hours=1)), dt.timezone(dt.timedelta(hours=-4))


def mail(sender: str, to: str, subject: str, body: str, sent: dt.datetime | None, **more) -> bytes:
    """An email as a mail program sends it; ``more`` adds headers, ``html`` an HTML body only."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    if sent is not None:
        message["Date"] = format_datetime(sent)
    message["Message-ID"] = more.pop(
        "Message_ID", f"<{len(subject)}.{subject[:3]}@mail.example.com>"
    )
    html = more.pop("html", None)
    for name, value in more.items():
        message[name.replace("_", "-")] = value
    if html:
        message.set_content(html, subtype="html")
    else:
        message.set_content(body)
    return message.as_bytes()


def mailbox(path: Path) -> None:
    """The exchange over the failing contract, a report sent as HTML, and one with no Date."""
    first = "<outage-1@soprasteria.com>"
    reply = "<outage-2@interserve.com>"
    notice = "<outage-3@soprasteria.com>"
    messages = [
        mail(
            JOHN,
            JANE,
            "Service failures under the contract",
            "Jane,\n\nThe third outage this month is unacceptable. We reserve our rights.",
            dt.datetime(2019, 5, 3, 9, 15, tzinfo=BST),
            Message_ID=first,
        ),
        mail(
            JANE,
            JOHN,
            "RE: Service failures under the contract",
            "John,\n\nWe dispute that the outages were ours; see the RCA.\n\n"
            "-----Original Message-----\nFrom: John Smith\nSent: 03 May 2019 09:15",
            dt.datetime(2019, 5, 4, 18, 40, tzinfo=NEW_YORK),
            Message_ID=reply,
            In_Reply_To=first,
            References=first,
        ),
        mail(
            JOHN,
            JANE,
            "Re: Service failures under the contract",
            "Jane,\nWe will serve notice under clause 14 tomorrow.\n\nOn 4 May 2019, Jane Doe "
            "wrote:\n> John,",
            dt.datetime(2019, 5, 5, 23, 58, tzinfo=BST),
            Message_ID=notice,
            In_Reply_To=reply,
            References=f"{first} {reply}",
        ),
        mail(
            JANE,
            f"{JOHN}, Ann Lee <ann.lee@soprasteria.com>",
            "Re: Service failures under the contract",
            "Received. Our solicitors will respond.",
            dt.datetime(2019, 5, 6, 8, 2, tzinfo=BST),
            In_Reply_To=notice,
            References=f"{first} {reply} {notice}",
        ),
        mail(
            JANE,
            JOHN,
            "Root Cause Analysis report",
            "",
            dt.datetime(2018, 11, 8, 16, 20, tzinfo=dt.UTC),
            html="<p>John,</p><p>The <b>Root Cause Analysis</b> report is attached: 25 "
            "critical issues.</p><script>track()</script>",
        ),
        mail(
            JOHN,
            JANE,
            "Outage again",
            "The SharePoint site is down again.",
            None,
            Received="from mx by mail.interserve.com; Mon, 20 May 2019 08:05:00 +0100",
        ),
    ]
    with path.open("wb") as out:
        for data in messages:
            out.write(b"From MAILER-DAEMON Mon May 20 08:05:00 2019\n" + data + b"\n")


def main() -> None:
    """Open the demo case, import the mailbox, and save the dialog each way."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/import-emails.png")
    home = Path(tempfile.mkdtemp(prefix="evidence-timeline-shot-"))
    box = home / "Managing directors.mbox"
    mailbox(box)
    app = QApplication(sys.argv[:1])
    window = MainWindow(settings_for(str(home)), str(home))
    window.resize(1500, 900)
    window.show()
    window.open_case(write_demo(home / "Sopra Steria v Interserve.case"))

    shown: list[ImportDialog] = []
    exec_ = ImportDialog.exec
    ImportDialog.exec = lambda dialog: shown.append(dialog) or exec_(dialog)  # type: ignore[method-assign]

    def shoot() -> None:
        if not shown:
            print(f"no Import dialog to shoot, but {app.activeModalWidget()!r}")
            app.quit()
            return
        dialog = shown[0]
        dialog.grab().save(str(out))
        dialog.threads_combo.setCurrentIndex(1)
        dialog.replan()
        folded = out.with_name(f"{out.stem}-folded{out.suffix}")
        dialog.grab().save(str(folded))
        print(f"wrote {out} and {folded}")
        dialog.reject()
        app.quit()

    QTimer.singleShot(1500, shoot)
    QTimer.singleShot(100, lambda: window.import_events(str(box)))
    app.exec()


if __name__ == "__main__":
    main()
