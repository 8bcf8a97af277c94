"""``main.py import`` as a script or a user runs it: what it adds, what it refuses and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli


def new_case(tmp_path: Path, name: str = "case.case") -> Path:
    path = tmp_path / name
    assert run_cli("new", str(path)).returncode == 0
    return path


def count(case: Path) -> int:
    result = run_cli("info", str(case), "--json")
    return json.loads(result.stdout)["events"]


def test_a_spreadsheet_is_added_with_each_refusal_explained(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    sheet = tmp_path / "team chronology (v2).csv"
    sheet.write_text(
        "When;What happened;Who\n8 November 2018;Contract signed;J Smith\n"
        "wibble;Bad date;\n8/11/2018;Contract signed.;\n",
        encoding="cp1252",
    )
    result = run_cli("import", str(case), str(sheet))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Read team chronology (v2).csv as CSV: 3 rows.",
        "Added 1 event (1 new person).",
        "Not added: 2",
        "  row 3: Date: “wibble” is not a date: “wibble” is not part of a date.",
        "  row 4: likely duplicate of row 2 (--include-duplicates imports it)",
        "    Reason: same day (8 November 2018); nearly the same title",
    ]
    assert count(case) == 1


def test_dry_run_changes_nothing_and_map_chooses_columns(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    before = case.read_bytes()
    sheet = tmp_path / "s.csv"
    sheet.write_text("Day,Summary,Comments\n2019,First,Long text\n")
    result = run_cli(
        "import", str(case), str(sheet), "--dry-run", "--map", "Day=date", "--map", "3=description"
    )
    assert "Would add 1 event (dry run: the case is unchanged)." in result.stdout
    assert case.read_bytes() == before
    bad = run_cli("import", str(case), str(sheet), "--map", "Colour=date")
    assert bad.returncode == 2 and "There is no column 'Colour'" in bad.stderr


def test_a_text_document_with_its_own_date(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    statement = tmp_path / "statement.txt"
    statement.write_text("1. Last year the outages began.\n\n2. On 3 May 2019 it failed.\n")
    result = run_cli(
        "import",
        str(case),
        str(statement),
        "--ref-date",
        "2020-06-01",
        "--source-title",
        "Statement of J Smith",
    )
    assert result.returncode == 0, result.stderr
    assert "Read statement.txt as text: 2 proposed events." in result.stdout
    assert "Added 2 events (1 new document)." in result.stdout


def test_json_export_and_import_between_cases(tmp_path: Path) -> None:
    demo = tmp_path / "demo.case"
    run_cli("demo", str(demo))
    out = tmp_path / "whole case.json"
    assert run_cli("export", str(demo), "--json", str(out)).returncode == 0
    case = new_case(tmp_path)
    result = run_cli("import", str(case), str(out), "--format", "json")
    assert "Added 17 events (6 new people, 6 new documents, 6 new categories)." in result.stdout
    again = run_cli("import", str(case), str(demo))
    assert "Added 0 events." in again.stdout and again.stdout.count("likely duplicate") == 17


def test_bad_requests_exit_2_with_one_sentence_and_leave_the_case(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    before = case.read_bytes()
    sheet = tmp_path / "s.csv"
    sheet.write_text("Date,Event\n2019,x\n")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    unnamed = tmp_path / "unnamed.csv"
    unnamed.write_text("Col1,Col2\n1 May 2019,Thing\n")
    for args, message in [
        (
            (str(unnamed),),
            "'Col1', 'Col2': say which holds the events (as Event, or at least "
            'Description). Name it with --map "COLUMN=title".',
        ),
        ((str(tmp_path / "missing.csv"),), "There is no file to import at"),
        (
            ("postgresql://ann:secret@db.firm.local/cases?case=Other",),
            "postgresql://ann@db.firm.local/cases?case=Other is a case on a server, and importing "
            "from one is not supported: check it out to a file first",
        ),
        ((str(empty),), "is empty"),
        ((str(sheet), "--format", "xlsx"), "is plain text, not an Excel workbook"),
        ((str(sheet), "--ref-date", "yesterday"), "YYYY-MM-DD"),
    ]:
        result = run_cli("import", str(case), *args)
        assert result.returncode == 2, (args, result.stdout)
        assert message in result.stderr and "Traceback" not in result.stderr
    assert case.read_bytes() == before


def test_options_that_do_not_apply_are_said_and_a_cast_alone_is_added(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    cast = tmp_path / "cast.json"
    cast.write_text(
        json.dumps(
            {
                "format": "evidence-timeline-case",
                "version": 1,
                "parties": [{"id": 1, "name": "Ann"}, {"id": 2, "name": "Bob"}],
            }
        )
    )
    result = run_cli(
        "import",
        str(case),
        str(cast),
        "--map",
        "A=date",
        "--sheet",
        "x",
        "--unknown-references",
        "skip",
    )
    assert "Note: --map applies to spreadsheets, so it was not used." in result.stdout
    assert (
        "Note: --unknown-references applies to spreadsheets, so it was not used." in result.stdout
    )
    assert "Note: --sheet applies to Excel workbooks, so it was not used." in result.stdout
    assert "Added 0 events (2 new people)." in result.stdout
    info = json.loads(run_cli("info", str(case), "--json").stdout)
    assert info["parties"] == 2


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.helpers import ROOT

    case = new_case(tmp_path)
    sheet = tmp_path / "s.csv"
    sheet.write_text("Date,Event\n" + "".join(f"wibble{i},x{i}\n" for i in range(3000)))
    command = f"{sys.executable} {ROOT / 'main.py'} import {case} {sheet} --dry-run | head -1"
    result = subprocess.run(
        command, shell=True, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.startswith("Read s.csv as CSV")
    assert "went wrong" not in result.stderr and "Traceback" not in result.stderr


def test_rows_added_with_remarks_are_listed(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    sheet = tmp_path / "ambiguous.csv"
    sheet.write_text(
        "Date,Event\n05/06/2018,First\n"
        + "".join(f"{d}/{m}/2019,Day {d} of {m}\n" for d in range(1, 13) for m in (1, 2) if d != m)
    )
    lines = run_cli("import", str(case), str(sheet)).stdout.splitlines()
    assert lines[1] == "Added 23 events."
    assert lines[2] == "With remarks: 23"
    assert lines[3].startswith("  row 2: Date: 05/06/2018 was read day first as 5 June 2018")
    assert lines[23] == "  … and 3 more (the Import dialog shows them all)"


REFERENCES = (
    "Date,Event,Parties,Reference\n"
    '8 November 2018,Root cause analysis delivered,"Sopra Steria, Interserve",A/3/41\n'
    "9 November 2018,Reply to the root cause analysis,,A/3/22\n"
    "12 November 2018,Letter before claim,,C/2/14\n"
    '13 November 2018,Chaser,,"C/2/14; A/1"\n'
)
"""Cites the demo bundle: A/3 starts at page 40, and there is no C/2."""


def import_references(tmp_path: Path, *options: str) -> tuple[list[str], dict]:
    """Import REFERENCES into the demo case: the lines printed, and the case's counts after."""
    demo = tmp_path / "demo.case"
    assert run_cli("demo", str(demo)).returncode == 0
    sheet = tmp_path / "references.csv"
    sheet.write_text(REFERENCES, encoding="utf-8")
    result = run_cli("import", str(demo), str(sheet), *options)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines(), json.loads(run_cli("info", str(demo), "--json").stdout)


def test_references_that_match_no_document_become_documents_and_are_listed(
    tmp_path: Path,
) -> None:
    lines, info = import_references(tmp_path)
    assert lines == [
        "Read references.csv as CSV: 4 rows.",
        "Added 4 events (2 new documents).",
        "References that match no document: 2 (each made a new document; see --unknown-references)",
        "  A/3/22 (row 3): cites page 22, but A/3 starts at page 40",
        "  C/2 (rows 4, 5): matches no document in the case",
        "With remarks: 4",
        "  row 2: Parties: read 'Sopra Steria, Interserve' as two: Sopra Steria; Interserve "
        "(both in the cast).",
        "  row 3: Reference 'A/3/22' cites page 22, but A/3 starts at page 40; it becomes a "
        "new document.",
        "  row 4: Reference 'C/2/14' cites C/2, which matches no document in the case; C/2 "
        "becomes a new document, taken to start at page 1.",
        "  row 5: Reference 'C/2/14' cites C/2, which matches no document in the case; C/2 "
        "becomes a new document, taken to start at page 1.",
    ]
    assert (info["events"], info["sources"]) == (21, 8)


def test_a_reference_on_many_rows_names_twenty_and_counts_the_rest(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    sheet = tmp_path / "many.csv"
    rows = [f"{day} May 2019,Meeting {day},Z/9/{day}" for day in range(1, 31)]
    sheet.write_text("Date,Event,Reference\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("import", str(case), str(sheet))
    assert result.returncode == 0, result.stderr
    listed = ", ".join(str(row) for row in range(2, 22))
    assert f"  Z/9 (rows {listed} and 10 more): matches no document in the case" in (
        result.stdout.splitlines()
    )


def test_references_that_match_no_document_can_be_cited_as_written(tmp_path: Path) -> None:
    lines, info = import_references(tmp_path, "--unknown-references", "cite")
    assert lines[1:5] == [
        "Added 4 events (2 new free references).",
        "References that match no document: 2 (each cited as written, as a free reference; "
        "see --unknown-references)",
        "  A/3/22 (row 3): cites page 22, but A/3 starts at page 40",
        "  C/2 (rows 4, 5): matches no document in the case",
    ]
    assert (info["events"], info["sources"]) == (21, 8)


def test_rows_citing_no_document_can_be_left_out_to_correct(tmp_path: Path) -> None:
    lines, info = import_references(tmp_path, "--unknown-references", "skip")
    assert lines[1:] == [
        "Added 1 event.",
        "References that match no document: 2 (their rows left out, to correct; see "
        "--unknown-references)",
        "  A/3/22 (row 3): cites page 22, but A/3 starts at page 40",
        "  C/2 (rows 4, 5): matches no document in the case",
        "With remarks: 1",
        "  row 2: Parties: read 'Sopra Steria, Interserve' as two: Sopra Steria; Interserve "
        "(both in the cast).",
        "Not added: 3",
        "  row 3: Reference 'A/3/22' cites page 22, but A/3 starts at page 40; correct it, or "
        "choose to create the document or to cite it as written.",
        "  row 4: Reference 'C/2/14' cites C/2, which matches no document in the case; correct "
        "it, or choose to create the document or to cite it as written.",
        "  row 5: Reference 'C/2/14' cites C/2, which matches no document in the case; correct "
        "it, or choose to create the document or to cite it as written.",
    ]
    assert (info["events"], info["sources"]) == (18, 6)


def test_emails_each_or_folded_with_a_date_range(tmp_path: Path) -> None:
    from tests.core.importing.mail import message, thread, write_eml, write_mbox

    case = new_case(tmp_path)
    box = write_mbox(tmp_path / "directors.mbox", thread())
    result = run_cli(
        "import", str(case), str(box), "--threads", "fold", "--from", "4 May 2019", "--dry-run"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Note: 1 email outside the filters is not shown.",
        "Read directors.mbox: 4 emails, 1 row with threads folded.",
        "Would add 1 event (2 new people, 3 new documents) (dry run: the case is unchanged).",
    ]
    assert run_cli("import", str(case), str(box)).stdout.splitlines()[1] == (
        "Added 4 events (2 new people, 4 new documents)."
    )
    again = run_cli("import", str(case), str(box))
    assert again.stdout.splitlines()[1:4] == [
        "Added 0 events.",
        "Not added: 4",
        "  email 1 (directors.mbox, message 1): likely duplicate of the email already in the "
        "case as the document "
        "“Service failures under the contract” (--include-duplicates imports it)",
    ]
    undated = message(sent=None, subject="Outage again")
    undated["Received"] = "from relay by mx.example; Mon, 20 May 2019 08:05:00 +0100"
    eml = write_eml(tmp_path, "undated.eml", undated)
    left = run_cli("import", str(case), str(eml))
    assert left.stdout.splitlines()[-1] == (
        "  email 1 (undated.eml): It has no Date header: it is dated by when it was received "
        "(08:05 on 20 "
        "May 2019), a second-best that may be later than when it was sent. (--received-dates "
        "imports it)"
    )
    assert "Added 1 event" in run_cli("import", str(case), str(eml), "--received-dates").stdout
    assert count(case) == 5


def test_a_msg_that_is_not_one_is_one_sentence(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    fake = tmp_path / "letter.msg"
    fake.write_bytes(b"%PDF-1.4 a letter")
    result = run_cli("import", str(case), str(fake))
    assert result.returncode == 2
    assert result.stderr == (
        "evidence-timeline: letter.msg is not an Outlook message (.msg): it does not start "
        "as one; nothing was read.\n"
    )
    options = run_cli("import", str(case), str(tmp_path / "letter.msg"), "--threads", "fold")
    assert options.returncode == 2


@pytest.mark.slow
def test_a_mailbox_of_10000_messages_in_one_step(tmp_path: Path) -> None:
    import datetime as dt
    from email.utils import format_datetime

    case = new_case(tmp_path)
    box = tmp_path / "reports.mbox"
    start = dt.datetime(2018, 1, 1, 9, 0, tzinfo=dt.UTC)
    with box.open("w", encoding="ascii") as out:
        for n in range(10_000):
            out.write(
                f"From reports@supplier.example Mon Jan  1 09:00:00 2018\n"
                f"From: Service desk <reports@supplier.example>\n"
                f"To: John Smith <john.smith@soprasteria.com>\n"
                f"Subject: Daily service report {n}\n"
                f"Date: {format_datetime(start + dt.timedelta(hours=n))}\n"
                f"Message-ID: <report{n}@supplier.example>\n\nAvailability {n % 100}%.\n\n"
            )
    result = run_cli("import", str(case), str(box))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Read reports.mbox: 10000 emails.",
        "Added 10000 events (2 new people, 10,000 new documents).",
    ]
    assert count(case) == 10_000


def test_a_long_import_counts_its_rows_on_a_terminal_and_only_sums_up_elsewhere(
    tmp_path: Path,
) -> None:
    import os
    import pty
    import subprocess
    import sys

    from benchmarks.bench_import import write_sheet
    from tests.helpers import ROOT

    sheet = tmp_path / "chronology.csv"
    write_sheet(sheet, 5000)
    case = new_case(tmp_path)
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", str(case), str(sheet)],
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
        timeout=300,
        check=False,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once all is read
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert done.returncode == 0
    said = shown.decode("utf-8")
    assert "\r\x1b[KReading chronology.csv: 0 of 5,000" in said
    assert "\r\x1b[KSaving to case.case: 0 of 5,000" in said
    assert said.endswith("\r\x1b[K")  # the line is cleared at the end, for the summary
    assert "Added 5000 events" in done.stdout
    piped = run_cli("import", str(new_case(tmp_path, "again.case")), str(sheet))
    assert piped.returncode == 0 and "Added 5000 events" in piped.stdout
    assert "Reading" not in piped.stderr and "\r" not in piped.stderr
