"""The command line: the GUI by default, sub-commands for work without a window.

Each command opens the case, calls one core function and prints the result. A
:class:`~timeline_app.core.errors.UserError` is printed to stderr as one sentence and the
process exits 2; the file is left as it was.

Example::

    python main.py demo "Sopra v Interserve.case"
    python main.py info "Sopra v Interserve.case" --json
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# What only some commands use (the readers, the writers, the demo) is imported in them, so
# that a command like `info` starts quickly.
from timeline_app.core import dates, importing, textfile
from timeline_app.core.errors import UserError
from timeline_app.core.exporting import FORMATS, ExportOptions, with_preset
from timeline_app.core.exporting.presets import PRESETS
from timeline_app.core.filekinds import read_regular
from timeline_app.core.importing.email_plan import EmailChoice, Threads
from timeline_app.core.importing.plan import (
    ImportPlan,
    ImportRow,
    ReferenceChoice,
    ReferencePolicy,
    new_records,
)
from timeline_app.core.model import Status, date_to_iso
from timeline_app.core.progress import Progress
from timeline_app.core.services import filters, served, server
from timeline_app.core.store import CaseStore, EventFilter, is_server_address

if TYPE_CHECKING:
    from timeline_app.core.importing.tabular import Table

log = logging.getLogger(__name__)

PROGRESS_EVERY = 0.2
"""Seconds between two rewrites of a progress line on a terminal."""
EXIT_OK = 0
EXIT_USER_ERROR = 2


def _need_a_screen() -> None:
    """Refuse in words to open the window where there is no screen (Qt would abort)."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        raise UserError(
            "The window needs a screen, and this session has none (no DISPLAY). "
            "Run it on a desktop; export, import, render and the other commands "
            "work without one."
        )


def _cmd_gui(args: argparse.Namespace) -> int:
    """No sub-command: the window on the last case, or on the demo case the first time."""
    _need_a_screen()
    from timeline_app.ui import application  # noqa: PLC0415  (Qt only for the window)

    return application.run(None, args.basedir)


def _cmd_open(args: argparse.Namespace) -> int:
    """Open a case in the window (a file that cannot be opened is refused here, in words).

    Started by the desktop (``--desktop``, a double-click), the window says what is wrong
    with the case: nobody reads the terminal there.
    """
    if args.path is None or args.desktop:
        _need_a_screen()
        from timeline_app.ui import application  # noqa: PLC0415  (Qt only for the window)

        return application.run(args.path, args.basedir)
    _need_a_screen()  # first: the open below may upgrade an older case
    with CaseStore.open(args.path) as store:
        store.check_values()
    from timeline_app.ui import application  # noqa: PLC0415  (Qt only for the window)

    return application.run(args.path, args.basedir)


def _cmd_version(args: argparse.Namespace) -> int:
    """The versions of the app, Python and Qt, and where the case, the log and the licences are."""
    from timeline_app.ui.about import version_text  # noqa: PLC0415  (Qt's version)

    print(version_text(args.basedir), end="")
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    """Create an empty case file."""
    with CaseStore.create(args.path, title=args.title):
        pass
    print(f"Created the case file {args.path}")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    """Write the demo case to a new file."""
    from timeline_app.core.demo import write_demo  # noqa: PLC0415

    path = write_demo(args.path)
    with CaseStore.open(path, read_only=True) as store:
        events = store.count_events()
    print(f"Wrote the demo case ({events} events) to {path}")
    return EXIT_OK


def _cmd_repair(args: argparse.Namespace) -> int:
    """Copy what can be read of a case file into a new, clean one; say what was left out."""
    from timeline_app.core.services.repair import repair_case  # noqa: PLC0415

    done = repair_case(args.path, args.out)
    records = _counted(done.records, "person, document or category", "other records")
    print(
        f"Copied {_counted(done.events, 'event', 'events')} and {records} to {args.out}; "
        f"{args.path} is unchanged."
    )
    for problem in done.problems:
        print(f"  {_one_line(problem[:1].upper() + problem[1:])}.")
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    """Print a case's title, schema version, counts and date range."""
    with CaseStore.open(args.path, read_only=True) as store:
        summary = store.summary()
    where = server.shown(args.path)
    if args.json:
        print(json.dumps({"path": where, **dataclasses.asdict(summary)}, ensure_ascii=False))
        return EXIT_OK
    dated = summary.events - summary.undated_events
    span = f"{summary.earliest} to {summary.latest}" if summary.earliest else "no dated events"
    print(f"Title:          {_one_line(summary.title)}")
    print(f"{'Server case:' if is_server_address(args.path) else 'File:':<16}{where}")
    print(f"Schema version: {summary.schema_version}")
    print(f"Events:         {summary.events} ({dated} dated, {summary.undated_events} undated)")
    print(f"Parties:        {summary.parties}")
    print(f"Sources:        {summary.sources}")
    print(f"Categories:     {summary.categories}")
    print(f"Date range:     {span}")
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    """Compare two chronologies; write the comparison to Word and/or JSON, or print it."""
    from timeline_app.core.exporting import comparison as written  # noqa: PLC0415
    from timeline_app.core.services.compare import Kind, compare_files  # noqa: PLC0415

    comparison = compare_files(args.ours, args.theirs)
    if args.docx:
        written.write_docx(comparison, args.docx)
    if args.json:
        written.write_json(comparison, args.json)
    print(f"Compared {_one_line(comparison.summary())}")
    if args.docx or args.json:
        for out in filter(None, (args.docx, args.json)):
            print(f"Wrote {out}")
        return EXIT_OK
    headings = {
        Kind.DIFFER: "Differ",
        Kind.ONLY_OURS: f"Only in {comparison.ours.name}",
        Kind.ONLY_THEIRS: f"Only in {comparison.theirs.name}",
    }
    for kind, heading in headings.items():
        items = comparison.of(kind)
        if items:
            print(f"{heading}:")
        for item in items:
            numbers = " / ".join(
                f"{side} {entry.number}"
                for side, entry in (("ours", item.ours), ("theirs", item.theirs))
                if entry is not None
            )
            fields = f" [{', '.join(item.fields)}]" if item.fields else ""
            title = (item.ours or item.theirs).title  # type: ignore[union-attr]
            print(f"  {numbers}: {_one_line(item.date)}: {_one_line(title)}{fields}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    """Run SQLite's full check over a case; say that it is sound, or refuse it as damaged."""
    if is_server_address(args.path):
        print(
            f"{server.shown(args.path)} is a case on a server, which keeps its own data whole; "
            "there is no file to check."
        )
        return EXIT_OK
    with CaseStore.open(args.path, read_only=True) as store:
        problems = store.damage()
        name = store.name
    if problems:
        found = _counted(len(problems), "problem", "problems")
        first = _one_line(problems[0])
        raise UserError(
            f"{name} is damaged: SQLite's full check found {found} ({first}). Open a backup "
            'copy, or run "evidence-timeline repair" to copy what can be read into a new case.'
        )
    print(f"{name} passed SQLite's full check: no damage found.")
    return EXIT_OK


def _cmd_server_init(args: argparse.Namespace) -> int:
    """Set a PostgreSQL database up to hold cases (or bring it up to date)."""
    print(server.set_up(args.url))
    return EXIT_OK


def _cmd_cases(args: argparse.Namespace) -> int:
    """List the cases on a server: name, title, events (tab-separated, one per line)."""
    for case in server.cases(args.url):
        events = "no access" if case.events is None else str(case.events)
        print(f"{_one_line(case.name)}\t{_one_line(case.title)}\t{events}")
    return EXIT_OK


def _cmd_publish(args: argparse.Namespace) -> int:
    """Upload a case file whole to a new case on a server."""
    count = server.publish(args.path, args.url)
    print(
        f"Published {args.path} ({_counted(count, 'event', 'events')}) to {server.shown(args.url)}"
    )
    return EXIT_OK


def _cmd_checkout(args: argparse.Namespace) -> int:
    """Copy a server case whole into a new local case file."""
    count = server.checkout(args.url, args.out)
    print(
        f"Checked out {server.shown(args.url)} ({_counted(count, 'event', 'events')}) to {args.out}"
    )
    return EXIT_OK


def _cmd_server_grant(args: argparse.Namespace) -> int:
    """Let a database role read, edit or own a case."""
    access = getattr(args, "as")  # "as" is a keyword
    server.grant(args.url, args.role, access, privileged=args.privileged)
    verb = {"reader": "read", "editor": "edit", "owner": "own"}[access]
    notes = " and its privileged notes" if args.privileged else ""
    print(f"{args.role} may now {verb} {server.shown(args.url)}{notes}.")
    return EXIT_OK


def _cmd_server_revoke(args: argparse.Namespace) -> int:
    """Take every right to a case away from a database role."""
    server.revoke(args.url, args.role)
    print(f"{args.role} no longer has any right to {server.shown(args.url)}.")
    return EXIT_OK


def _cmd_dates_parse(args: argparse.Namespace) -> int:
    """Print one JSON object per input: the date read from it, or why it is not a date."""
    texts = args.text if args.text else (line.rstrip("\r\n") for line in sys.stdin)
    for text in texts:
        print(
            json.dumps(_date_record(text, args.ref_date, args.order), ensure_ascii=False),
            flush=True,
        )
    return EXIT_OK


def _date_record(text: str, ref_date: dt.date | None, order: str) -> dict[str, object]:
    try:
        found = dates.interpret(text, ref_date=ref_date, order=order)
    except dates.DateError as error:
        return _date_error(text, str(error))
    except Exception:  # our bug: logged, and the other inputs still get their lines
        log.exception("reading %r as a date", text)
        return _date_error(
            text,
            "This could not be read because of a fault in Evidence "
            "Timeline; the details are in its log.",
        )
    date = found.date
    explanation = found.explanation + (f" (Note: {found.warning})" if found.warning else "")
    return {
        "text": text,
        "earliest": date_to_iso(date.earliest),
        "latest": date_to_iso(date.latest),
        "precision": str(date.precision),
        "qualifier": str(date.qualifier),
        "approximate": date.approximate,
        "display": found.display,
        "explanation": explanation,
        "error": None,
    }


def _cmd_extract(args: argparse.Namespace) -> int:
    """Print one JSON object per date found in a text file (or standard input)."""
    from timeline_app.core import extract  # noqa: PLC0415

    if args.file == "-":
        name, data = "Standard input", sys.stdin.buffer.read()
    else:
        path = Path(args.file)
        name, data = path.name, read_regular(path, "text file")
    text = textfile.decode(data, name)
    for hit in extract.find_dates(
        text, ref_date=args.ref_date or dt.date.today(), order=args.order
    ):
        if hit.problem:  # not a date: the import lists these; extract gives dates only
            continue
        print(
            json.dumps(
                {
                    "date_text": hit.date_text,
                    "earliest": date_to_iso(hit.date.earliest),
                    "latest": date_to_iso(hit.date.latest),
                    "precision": str(hit.date.precision),
                    "qualifier": str(hit.date.qualifier),
                    "kind": hit.kind,
                    "sentence": hit.sentence,
                    "start": hit.start,
                    "end": hit.end,
                },
                ensure_ascii=False,
            )
        )
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    """Write the chronology to Word, PDF, CSV and/or Excel, and the whole case to JSON.

    Before a Word or PDF chronology is written, what its court preset asks and the case lacks
    is printed as warnings; they do not stop it.
    """
    from timeline_app.core import casejson  # noqa: PLC0415
    from timeline_app.core.services import chronology  # noqa: PLC0415

    targets = [(kind, path) for kind in (*FORMATS, "json") if (path := getattr(args, kind))]
    if not targets:
        raise UserError(
            "Say where to write the chronology: --docx FILE.docx, --pdf FILE.pdf, --csv "
            "FILE.csv, --xlsx FILE.xlsx and/or --json FILE.json."
        )
    if len({Path(path).resolve() for _, path in targets}) < len(targets):
        raise UserError(
            f"{', '.join('--' + kind for kind, _ in targets)} name the same file; give each its "
            "own, or the last would replace the first."
        )
    with CaseStore.open(args.path, read_only=args.served is None) as store:
        template, unavailable = (
            (args.template, None)
            if args.template is not None  # "" is the app's own styles, whatever the case says
            else chronology.house_template(store.case_info())
        )
        options = _export_options(args, store, template)
        if args.served is not None:
            served.check_serving(store, args.served, options)
        if options.since:
            if any(kind not in ("docx", "json") for kind, _ in targets):
                raise UserError(
                    "--since shows the changes as Word's tracked changes: it goes with --docx "
                    "only. Nothing was written."
                )
            served.served_version(store, options.since)  # an unknown label, said first
        if any(kind in ("docx", "pdf") for kind, _ in targets):
            if unavailable:
                print(f"Warning: {unavailable}")
            for warning in chronology.check_chronology(store, options):
                print(f"Warning: {warning}")
        for kind, path in targets:
            if kind == "json":
                count = casejson.export_json(store, path)
                print(f"Wrote the whole case ({_counted(count, 'event', 'events')}) to {path}")
                continue
            done = chronology.export_chronology(
                store,
                path,
                kind,
                options,
                painter=_picture_painter(store, args.timeline_style, options),
            )
            print(f"Wrote {_counted(done.count, 'event', 'events')} to {path}")
            for note in done.notes:
                print(f"Note: {note}")
        if args.served is not None:
            version = served.serve(store, args.served, options)
            print(
                f"Kept the chronology as served: “{version.label}” "
                f"({_counted(version.events, 'event', 'events')})."
            )
    return EXIT_OK


def _export_options(args: argparse.Namespace, store: CaseStore, template: str) -> ExportOptions:
    """The export's options: the preset's, then whatever the command line says itself."""
    options = ExportOptions(
        where=filters.event_filter(
            store,
            text=args.search or "",
            categories=args.category,
            parties=args.party,
            statuses=args.status,
            key_only=args.key_only,
            date_from=args.date_from or "",
            date_to=args.date_to or "",
        ),
        privileged=args.privileged,
        columns=tuple(c.strip() for c in args.columns.split(",") if c.strip()),
        key_bold=not args.no_bold_key,
        subtitle=args.subtitle,
        timeline=args.timeline,
        version=args.version,
        bundle=args.bundle or "",
        template=template,
        brackets=store.case_info().reference_brackets,
        since=args.since or "",
    )
    if args.preset:
        options = with_preset(options, args.preset)
    given = {
        "paper": args.paper,
        "landscape": False if args.portrait else None,
        "cast": args.cast,
        "font": args.font,
        "title": args.title,
    }
    return dataclasses.replace(options, **{k: v for k, v in given.items() if v is not None})


def _repaginate(args: argparse.Namespace, store: CaseStore, table: Table | None) -> int:
    """Move each document of the case to its place in a re-paginated bundle's index."""
    from timeline_app.core.services import bundles  # noqa: PLC0415

    index = bundles.index_of(table, Path(args.file).name)
    print(
        f"Read {index.name} as a bundle index: "
        f"{_counted(len(index.entries), 'document', 'documents')}."
    )
    for problem in index.problems:
        print(f"Warning: {problem}")
    plan = bundles.plan_repagination(store, index)
    if not args.dry_run:
        bundles.repaginate(store, plan)
    verb = "Would move" if args.dry_run else "Moved"
    print(
        f"{verb} {_counted(len(plan.moves), 'document', 'documents')} to the new places"
        f"{f'; {plan.unchanged} already at theirs' if plan.unchanged else ''}"
        f"{' (dry run: the case is unchanged)' if args.dry_run else ''}."
    )
    for before, after in plan.moves:
        was = before.bundle_ref or "no place"
        print(f"  {after.title}: {was} → {after.bundle_ref}, from page {after.first_page}")
    for entry in plan.unknown:
        print(
            f"Not in the case: {entry.tab} {entry.document} (row {entry.row}); no document "
            "was added for it."
        )
    if plan.outside:
        print(f"References outside their document's pages: {len(plan.outside)}")
        for line in plan.outside[: bundles.SHOWN]:
            print(f"  {line}")
        if len(plan.outside) > bundles.SHOWN:
            print(f"  … and {len(plan.outside) - bundles.SHOWN} more.")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    """Add a file's events to a case; print what was added and what was refused, and why."""
    from timeline_app.core.importing.bundle_index import index_columns  # noqa: PLC0415
    from timeline_app.core.services.imports import ImportSession  # noqa: PLC0415

    with CaseStore.open(args.path, read_only=args.dry_run) as store:
        store.check_values()  # adding to a case that cannot be read would make it worse
        asked = None if args.format == "bundle-index" else args.format
        file = importing.open_file(args.file, asked)
        session = ImportSession(store, file)
        if args.sheet and file.kind == "xlsx":
            session.choose_sheet(args.sheet)
        table = session.table if file.kind in ("csv", "xlsx") else None
        if args.format == "bundle-index" or (table and index_columns(table.headings)):
            return _repaginate(args, store, table)
        references = ReferenceChoice(args.unknown_references or ReferenceChoice.CREATE)
        date_from, date_to = filters.moment_window(
            store.case_info(), args.date_from or "", args.date_to or ""
        )
        try:
            plan = session.plan(
                map_pairs=args.map,
                sheet=args.sheet if file.kind == "xlsx" else None,
                ref_date=args.ref_date,
                source_title=args.source_title,
                references=ReferencePolicy(references),
                threads=Threads(args.threads or Threads.EACH),
                emails_chosen=EmailChoice(date_from=date_from, date_to=date_to),
                progress=_terminal_progress(f"Reading {file.name}"),
            )
        except importing.NoEventColumnError as error:
            raise UserError(f'{error} Name it with --map "COLUMN=title".') from error
        chosen = plan.default_choice(
            duplicates=args.include_duplicates, second_best=args.received_dates
        )
        for note in [*_unused_options(args, plan.kind), *plan.notes]:
            print(f"Note: {note}")
        if plan.kind == "email":
            read = len(session.read_emails())
            folded = f", {_counted(len(plan.rows), 'row', 'rows')} with threads folded"
            print(
                f"Read {file.name}: {_counted(read, 'email', 'emails')}"
                f"{folded if args.threads == Threads.FOLD else ''}."
            )
        else:
            print(
                f"Read {file.name} as {_KIND_NAMES[plan.kind]}: "
                f"{_counted(len(plan.rows), _row_name(plan.kind), _row_name(plan.kind) + 's')}."
            )
        batch = plan.batch(chosen)
        new = new_records(batch)
        verb = "Would add" if args.dry_run else "Added"
        if not args.dry_run and (
            batch.events or batch.parties or batch.sources or batch.categories or batch.case_info
        ):
            session.commit(plan, chosen, _terminal_progress(f"Saving to {store.name}"))
        print(
            f"{verb} {_counted(len(chosen), 'event', 'events')}{f' ({new})' if new else ''}"
            f"{' (dry run: the case is unchanged)' if args.dry_run else ''}."
        )
        for line in _unmatched_references(plan, chosen, references):
            print(line)
        remarked = [row for row in chosen if row.notes or row.duplicate_of]
        if remarked:
            print(f"With remarks: {len(remarked)}")
        for row in remarked[:_REMARKS]:
            repeats = (
                [f"Likely duplicate of {row.duplicate_of}: {row.duplicate_reason}; imported."]
                if row.duplicate_of
                else []
            )
            print(f"  {_row_label(plan.kind, row)}: {_one_line(' '.join(repeats + row.notes))}")
        if len(remarked) > _REMARKS:
            print(f"  … and {len(remarked) - _REMARKS} more (the Import dialog shows them all)")
        kept = {id(row) for row in chosen}
        left = [row for row in plan.rows if id(row) not in kept]
        if left:
            print(f"Not added: {len(left)}")
        for row in left:
            reasons = row.problems or (
                [f"likely duplicate of {row.duplicate_of} (--include-duplicates imports it)"]
                if row.duplicate_of
                else [f"{row.second_best} (--received-dates imports it)"]
            )
            print(f"  {_row_label(plan.kind, row)}: {_one_line(' '.join(reasons))}")
            if row.duplicate_reason and not row.problems:
                print(f"    Reason: {_one_line(row.duplicate_reason)}")
    return EXIT_OK


_REMARKS = 20  # rows with remarks listed; their reasons matter less than a refusal's
_REFERENCES_BECOME = {
    ReferenceChoice.CREATE: "each made a new document",
    ReferenceChoice.CITE: "each cited as written, as a free reference",
    ReferenceChoice.SKIP: "their rows left out, to correct",
}


_ROWS_LISTED = 20
"""Rows named for a reference that matches no document; the rest are counted."""


def _unmatched_references(
    plan: ImportPlan, chosen: list[ImportRow], choice: ReferenceChoice
) -> list[str]:
    """The references that match no document, each with its rows, and what became of them.

    A reference's rows are those added, or those left out for it (``skip``).
    """
    added = {row.number for row in chosen}
    listed = []
    for reference in plan.unmatched_references:
        rows = [n for n in reference.rows if n in added or choice is ReferenceChoice.SKIP]
        if rows:
            numbers = ", ".join(str(number) for number in rows[:_ROWS_LISTED])
            if len(rows) > _ROWS_LISTED:
                numbers += f" and {len(rows) - _ROWS_LISTED:,} more"
            listed.append(
                f"  {reference.text} ({_row_name(plan.kind)}{'s' * (len(rows) > 1)} "
                f"{numbers}): {reference.why}"
            )
    if not listed:
        return []
    return [
        f"References that match no document: {len(listed)} ({_REFERENCES_BECOME[choice]}; "
        "see --unknown-references)",
        *listed,
    ]


_KIND_NAMES = {
    "csv": "CSV",
    "xlsx": "an Excel workbook",
    "text": "text",
    "docx": "a Word document",
    "wordtable": "a Word chronology table",
    "json": "a JSON case",
    "case": "a case file",
    "email": "emails",
}


def _terminal_progress(doing: str) -> Progress | None:
    """A line on stderr that counts the work, when stderr is a terminal (else the summary)."""
    if not sys.stderr.isatty():
        return None
    shown = [0.0]

    def show(done: int, total: int) -> bool:
        now = time.monotonic()
        if done < total and now - shown[0] < PROGRESS_EVERY:
            return True
        shown[0] = now
        line = f"{doing}: {done:,} of {total:,}" if done < total else ""
        sys.stderr.write(f"\r\x1b[K{line}")  # the line is rewritten; cleared when done
        sys.stderr.flush()
        return True

    return show


def _unused_options(args: argparse.Namespace, kind: str) -> list[str]:
    """Notes for options given that do not apply to what the file turned out to be."""
    spreadsheet = kind in ("csv", "xlsx", "wordtable")
    document = kind in ("text", "docx")
    return [
        f"{option} applies to {what}, so it was not used."
        for option, given, applies, what in (
            ("--map", args.map, spreadsheet, "spreadsheets"),
            ("--sheet", args.sheet, kind == "xlsx", "Excel workbooks"),
            ("--source-title", args.source_title, document, "text and Word documents"),
            ("--ref-date", args.ref_date, spreadsheet or document, "spreadsheets and documents"),
            ("--unknown-references", args.unknown_references, spreadsheet, "spreadsheets"),
            ("--threads", args.threads, kind == "email", "emails"),
            ("--from", args.date_from, kind == "email", "emails"),
            ("--to", args.date_to, kind == "email", "emails"),
            ("--received-dates", args.received_dates, kind == "email", "emails"),
        )
        if given and not applies
    ]


def _counted(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _row_label(kind: str, row: ImportRow) -> str:
    """A row as the user finds it: "row 3", or "email 3 (mails/03.eml)" with where it was read."""
    where = f" ({row.cells[0]})" if kind == "email" and row.cells and row.cells[0] else ""
    return f"{_row_name(kind)} {row.number}{where}"


def _row_name(kind: str) -> str:
    return {
        "csv": "row",
        "xlsx": "row",
        "wordtable": "row",
        "text": "proposed event",
        "docx": "proposed event",
        "email": "email",
    }.get(kind, "event")


def _draw_timeline(store: CaseStore, out: str, **options: object) -> None:
    """The timeline to a picture file, with Qt headless when there is no screen."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from timeline_app.ui.timeline.render import render_case  # noqa: PLC0415  (Qt: only here)

    render_case(store, out, **options)  # type: ignore[arg-type]


def _picture_painter(store: CaseStore, style: str, options: ExportOptions) -> Callable[..., None]:
    """The Word export's picture: the lanes, or an exhibit of the chronology's events."""
    if not options.timeline:
        return lambda out, **size: _draw_timeline(store, out, **size)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from timeline_app.ui.timeline.render import timeline_painter  # noqa: PLC0415  (Qt: only here)

    return timeline_painter(store, style, where=options.where, ways=EXPORT_EXHIBIT_ADVICE)


EXPORT_EXHIBIT_ADVICE = {
    "key": "key events only (--key-only)",
    "window": "a shorter date window (--from and --to)",
    "paper": "the picture of the lanes (--timeline-style lanes)",
}
"""What to suggest when the chronology's events are too many for an exhibit in Word."""


def _draw_exhibit(store: CaseStore, out: str, **options: object) -> int:
    """A courtroom exhibit to a file (Qt headless when there is no screen); its events."""
    from timeline_app.core.services import exhibit as exhibit_service  # noqa: PLC0415

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from timeline_app.ui.timeline.exhibit import render_exhibit  # noqa: PLC0415  (Qt: only here)

    width = options.pop("width", None)
    chosen = exhibit_service.exhibit(store, **options)  # type: ignore[arg-type]
    render_exhibit(chosen, out, width=width)  # type: ignore[arg-type]
    return len(chosen.events) + len(chosen.undated)


def _cmd_render(args: argparse.Namespace) -> int:
    """Draw the timeline, or a courtroom exhibit, to a PNG, SVG or PDF file, without a window."""
    with CaseStore.open(args.path, read_only=True) as store:
        store.check_values()
        date_from, date_to = filters.date_window(
            store.case_info(), args.date_from or "", args.date_to or ""
        )
        if args.style == "exhibit":
            count = _draw_exhibit(
                store,
                args.out,
                where=EventFilter(key_only=args.key_only, date_from=date_from, date_to=date_to),
                title=args.title or "",
                paper=args.paper,
                width=args.width,
            )
            print(f"Drew the exhibit ({_counted(count, 'event', 'events')}) to {args.out}")
            return EXIT_OK
        for option, given in (("--paper", args.paper != "a4"), ("--title", args.title)):
            if given:
                print(f"Note: {option} applies to --style exhibit, so it was not used.")
        _draw_timeline(
            store,
            args.out,
            width=args.width or 1600,
            height=args.height,
            lanes=args.lanes,
            date_from=date_from,
            date_to=date_to,
            key_only=args.key_only,
        )
    print(f"Drew the timeline to {args.out}")
    return EXIT_OK


def _date_error(text: str, sentence: str) -> dict[str, object]:
    return {
        "text": text,
        "earliest": None,
        "latest": None,
        "precision": None,
        "qualifier": None,
        "approximate": None,
        "display": None,
        "explanation": None,
        "error": sentence,
    }


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _one_line(text: str) -> str:
    """Text for one line of a terminal: line breaks and other control characters as spaces."""
    return "".join(" " if ch.isspace() or not ch.isprintable() else ch for ch in text)


def build_parser() -> argparse.ArgumentParser:
    """The parser for every command; later features add theirs here."""
    parser = argparse.ArgumentParser(
        prog="evidence-timeline",
        description="Court chronologies: dated events in a case file, a timeline, a Word export.",
    )
    parser.add_argument(
        "--version",
        dest="show_version",
        action="store_true",
        help="show the version, Python's and Qt's, and where the case and the log are",
    )
    parser.add_argument(
        "--basedir",
        metavar="DIR",
        help="keep the app's own files (log, demo case, settings) in DIR",
    )
    parser.set_defaults(handler=_cmd_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    opener = command("open", _cmd_open, "open a case in the window")
    opener.add_argument("path", metavar="PATH", nargs="?", help="the case file (or the last one)")
    opener.add_argument(
        "--desktop",
        action="store_true",
        help="started by the desktop (a double-click): say in the window what is wrong",
    )
    new = command("new", _cmd_new, "create an empty case file")
    new.add_argument("path", metavar="PATH", help="the new case file (must not exist)")
    new.add_argument("--title", default="Untitled case", help="the case title")
    command("demo", _cmd_demo, "write the demo case to a new file").add_argument(
        "path", metavar="PATH", help="the new case file (must not exist)"
    )
    repair = command(
        "repair",
        _cmd_repair,
        "copy what can be read of a case file that cannot be opened into a new, clean one",
    )
    repair.add_argument("path", metavar="CASE", help="the case file (only read)")
    repair.add_argument("out", metavar="OUT", help="the new case file (must not exist)")
    info = command("info", _cmd_info, "print a case's title, schema version, counts and dates")
    info.add_argument("path", metavar="PATH", help="the case file")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    command(
        "check",
        _cmd_check,
        "run SQLite's full check over a case file (opening runs it only after an unclean close)",
    ).add_argument("path", metavar="CASE", help="the case file (only read)")

    compared = command(
        "compare",
        _cmd_compare,
        "compare two chronologies (case files or chronologies kept as Word tables)",
    )
    compared.add_argument("ours", metavar="OURS", help="our case file or chronology (.docx)")
    compared.add_argument("theirs", metavar="THEIRS", help="their case file or chronology (.docx)")
    compared.add_argument("--docx", metavar="OUT", help="write the comparison as a Word document")
    compared.add_argument(
        "--json",
        metavar="OUT",
        help="write the comparison as JSON: agreed, differ, only_ours and only_theirs",
    )

    _add_server(commands, command)
    date_commands = commands.add_parser(
        "dates",
        help="read dates the way lawyers write them",
        description="Read dates the way lawyers write them.",
    ).add_subparsers(title="commands", metavar="COMMAND", required=True)
    parse = date_commands.add_parser(
        "parse",
        help="print one JSON object per date: its window, precision and meaning",
        description="Print one JSON object per input (one input per line of standard input "
        "when no TEXT is given): text, earliest, latest, precision, qualifier, "
        "approximate, display, explanation, error.",
    )
    parse.set_defaults(handler=_cmd_dates_parse)
    parse.add_argument("text", metavar="TEXT", nargs="*", help="a date as written")
    parse.add_argument(
        "--ref-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the date relative phrases are read against (default: today)",
    )
    parse.add_argument(
        "--order",
        choices=("dmy", "mdy"),
        default="dmy",
        help="numeric dates day first (UK, default) or month first",
    )

    _add_export(
        command(
            "export",
            _cmd_export,
            "write the chronology to Word (.docx), PDF, CSV and/or Excel (.xlsx)",
        )
    )
    _add_render(
        command(
            "render", _cmd_render, "draw the timeline to a PNG, SVG or PDF file, without a window"
        )
    )

    _add_import(
        command(
            "import",
            _cmd_import,
            "add the events of a CSV, Excel, text, Word or JSON file, of emails (.eml, "
            ".mbox, .msg, or a folder of them), or of another case, to a case",
        )
    )
    found = command(
        "extract",
        _cmd_extract,
        "print one JSON object per date found in a text file: date_text, "
        "earliest, latest, precision, qualifier, sentence, start, end",
    )
    found.add_argument("file", metavar="FILE", help="a .txt file, or - for standard input")
    found.add_argument(
        "--ref-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the document's own date, for relative dates (default: today)",
    )
    found.add_argument(
        "--order",
        choices=("dmy", "mdy"),
        default="dmy",
        help="numeric dates day first (UK, default) or month first",
    )
    return parser


def _add_server(commands: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """The team-server commands: server init/grant/revoke, cases, publish, checkout."""
    url_help = (
        "postgresql://USER@HOST:PORT/DBNAME?case=NAME (the password from PGPASSWORD, ~/.pgpass)"
    )
    server_commands = commands.add_parser(
        "server",
        help="set up a PostgreSQL server for team cases, and say who may do what",
        description="Set up a PostgreSQL server for team cases, and say who may do what.",
    ).add_subparsers(title="commands", metavar="COMMAND", required=True)
    init = server_commands.add_parser(
        "init", help="create or upgrade Evidence Timeline's schema in that database"
    )
    init.set_defaults(handler=_cmd_server_init)
    init.add_argument("url", metavar="URL", help="postgresql://USER@HOST:PORT/DBNAME")
    given = server_commands.add_parser("grant", help="let a database role read, edit or own a case")
    given.set_defaults(handler=_cmd_server_grant)
    given.add_argument("url", metavar="URL", help=url_help)
    given.add_argument("role", metavar="ROLE", help="the database role (a person's login)")
    given.add_argument("--as", required=True, choices=("reader", "editor", "owner"))
    given.add_argument(
        "--privileged", action="store_true", help="and let it read the team's privileged notes"
    )
    taken = server_commands.add_parser("revoke", help="take every right to a case away from a role")
    taken.set_defaults(handler=_cmd_server_revoke)
    taken.add_argument("url", metavar="URL", help=url_help)
    taken.add_argument("role", metavar="ROLE", help="the database role")
    listed = command("cases", _cmd_cases, "list the cases on a server: name, title, events")
    listed.add_argument("url", metavar="URL", help="postgresql://USER@HOST:PORT/DBNAME")
    up = command("publish", _cmd_publish, "upload a case file whole to a new case on a server")
    up.add_argument("path", metavar="CASE.case", help="the case file")
    up.add_argument("url", metavar="URL", help=url_help + "; the name must be new there")
    down = command("checkout", _cmd_checkout, "copy a server case whole into a new case file")
    down.add_argument("url", metavar="URL", help=url_help)
    down.add_argument("out", metavar="OUT.case", help="the new case file (must not exist)")


def _add_export(export: argparse.ArgumentParser) -> None:
    """The options of ``export``."""
    export.add_argument("path", metavar="CASE", help="the case file")
    export.add_argument("--docx", metavar="OUT.docx", help="the Word document to write")
    export.add_argument("--csv", metavar="OUT.csv", help="the CSV file to write")
    export.add_argument("--xlsx", metavar="OUT.xlsx", help="the Excel workbook to write")
    export.add_argument(
        "--json",
        metavar="OUT.json",
        help="the whole case as JSON (every field; privileged notes included)",
    )
    export.add_argument(
        "--pdf",
        metavar="OUT.pdf",
        help="the chronology as a PDF, made from the Word document by LibreOffice",
    )
    export.add_argument(
        "--preset",
        choices=tuple(PRESETS),
        help="lay the Word chronology out for a court: paper, margins, type, title and cast "
        "list; warns of what the court's guide asks and the case lacks",
    )
    export.add_argument(
        "--template",
        metavar="FILE",
        help="a firm's Word template (.dotx or .docx) for styles, margins, headers and footers "
        "(default: the case's, from Case properties; '' for the app's own styles)",
    )
    export.add_argument(
        "--title",
        metavar="TEXT",
        help="the title: chronology, agreed, claimant, defendant, or any text "
        "(default: CHRONOLOGY)",
    )
    export.add_argument(
        "--version",
        default="",
        metavar="TEXT",
        help="a version line under the title, e.g. 'Draft 3'; today's date is added unless it "
        "has one",
    )
    export.add_argument(
        "--bundle",
        metavar="FOLDER",
        help="the electronic bundle's folder, one PDF a bundle (A.pdf, B.pdf …): each bundle "
        "page cited links to its page",
    )
    export.add_argument("--paper", choices=("a4", "letter"), help="A4 (default) or Letter")
    export.add_argument("--portrait", action="store_true", help="portrait (default: landscape)")
    export.add_argument(
        "--columns",
        default="number,date,event,reference",
        help="comma-separated, from number,date,event,parties,reference",
    )
    export.add_argument(
        "--cast",
        choices=("before", "after", "none"),
        help="the dramatis personae before or after the chronology (default: none)",
    )
    export.add_argument(
        "--privileged",
        action="store_true",
        help="include privileged notes (in Word marked, and the document headed so; in CSV "
        "and Excel a column of their own)",
    )
    export.add_argument(
        "--served",
        metavar="LABEL",
        help="mark this export as served: the chronology as exported is kept in the case under "
        "LABEL (a label once used is refused)",
    )
    export.add_argument(
        "--since",
        metavar="LABEL",
        help="Word only: show what changed since the version served as LABEL, as tracked "
        "changes, after a table that counts them",
    )
    export.add_argument("--no-bold-key", action="store_true", help="key events not in bold")
    export.add_argument(
        "--subtitle",
        default="",
        help="e.g. 'prepared by the Defendant for the Case Management Conference'",
    )
    export.add_argument("--font", choices=("Arial", "Times New Roman"), help="default: Arial")
    export.add_argument(
        "--timeline",
        action="store_true",
        help="add a picture of the timeline on a landscape page of its own",
    )
    export.add_argument(
        "--timeline-style",
        choices=("lanes", "exhibit"),
        default="lanes",
        help="with --timeline: the lanes (default), or a courtroom exhibit of the events "
        "exported (one axis, a callout each; too many for a page are refused)",
    )
    export.add_argument("--key-only", action="store_true", help="only key events")
    export.add_argument(
        "--search",
        metavar="WORDS",
        help="only events with all these words, as the window's search box finds them",
    )
    export.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="NAME",
        help="only this category (repeat for more)",
    )
    export.add_argument(
        "--party",
        action="append",
        default=[],
        metavar="NAME",
        help="only events involving this person (repeat for more)",
    )
    export.add_argument(
        "--status",
        action="append",
        default=[],
        choices=[str(s) for s in Status],
        help="only this status (repeat)",
    )
    export.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="only events that could fall on or after this date",
    )
    export.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        help="only events that could fall on or before this date",
    )


def _add_import(found: argparse.ArgumentParser) -> None:
    """The options of ``import``."""
    found.add_argument("path", metavar="CASE", help="the case file to add to")
    found.add_argument(
        "file",
        metavar="FILE_OR_FOLDER",
        help="a .csv, .xlsx, .txt, .docx or .json file, another .case file, or emails: an "
        ".eml, .mbox or .msg file or a folder of them",
    )
    found.add_argument(
        "--format",
        choices=("csv", "xlsx", "json", "text", "bundle-index"),
        help="what FILE is (default: from its content and extension); bundle-index: a "
        "re-paginated bundle's index (tab, document, first page, last page), found by its "
        "headings too, moves each document to its new place",
    )
    found.add_argument(
        "--ref-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the date relative dates are read against: a document's own "
        "date (default: today), a spreadsheet's (default: the case's)",
    )
    found.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="take a spreadsheet column as a field (repeat); the fields are "
        "date, end, title, description, parties, source, reference, "
        "category, status, key, note, or none",
    )
    found.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be added and refused; change nothing",
    )
    found.add_argument(
        "--sheet", metavar="NAME", help="the Excel sheet (default: the active one, if visible)"
    )
    found.add_argument(
        "--source-title",
        default="",
        metavar="TITLE",
        help="the document's title as a source (text; default: file name)",
    )
    found.add_argument(
        "--include-duplicates",
        action="store_true",
        help="import likely duplicates too (by default those of the case's events, and a "
        "document's repeats of itself, are left out; a spreadsheet's rows that look alike "
        "are imported and listed)",
    )
    found.add_argument(
        "--unknown-references",
        choices=[choice.value for choice in ReferenceChoice],
        metavar="create|cite|skip",
        help="a spreadsheet's references that match no document of the case: make each a "
        "new document (default), cite it as written (a free reference), or leave its rows "
        "out to correct; each is listed with its rows",
    )
    found.add_argument(
        "--threads",
        choices=[threads.value for threads in Threads],
        help="emails: each email its own event (default), or each thread folded into one "
        "event lasting from its first email to its last, citing each",
    )
    found.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="emails: only those sent on or after this date (in the case's time zone)",
    )
    found.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        help="emails: only those sent on or before this date",
    )
    found.add_argument(
        "--received-dates",
        action="store_true",
        help="emails: import those with no Date too, dated by when they were received (a "
        "second-best, marked so; by default they are listed and left out)",
    )


def _add_render(render: argparse.ArgumentParser) -> None:
    """The options of ``render``."""
    render.add_argument("path", metavar="CASE", help="the case file")
    render.add_argument(
        "--out", required=True, metavar="FILE", help="FILE.png, FILE.svg or FILE.pdf"
    )
    render.add_argument("--from", dest="date_from", metavar="DATE", help="the view's start")
    render.add_argument("--to", dest="date_to", metavar="DATE", help="the view's end")
    render.add_argument(
        "--width",
        type=int,
        default=None,
        metavar="PX",
        help="the picture's width (default 1600; an exhibit's PNG: two pixels a point)",
    )
    render.add_argument("--height", type=int, default=900, metavar="PX")
    render.add_argument("--lanes", choices=("category", "party", "status"), default="category")
    render.add_argument(
        "--style",
        choices=("lanes", "exhibit"),
        default="lanes",
        help="lanes: the timeline as the window shows it (default); exhibit: a demonstrative "
        "for a hearing, one axis with each event in a callout, on a page of --paper",
    )
    render.add_argument("--key-only", action="store_true", help="only key events")
    render.add_argument(
        "--paper",
        type=str.lower,
        choices=("a4", "a3"),
        default="a4",
        help="the exhibit's paper, landscape (default a4)",
    )
    render.add_argument(
        "--title",
        metavar="TEXT",
        help="the exhibit's heading (default: 'Chronology', or 'Chronology of key events')",
    )


def run(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit status.

    A UserError is printed to stderr and gives exit status 2. Other exceptions propagate to
    :func:`timeline_app.app.main`, which logs them.
    """
    args = build_parser().parse_args(argv)
    try:
        return _cmd_version(args) if args.show_version else args.handler(args)
    except UserError as error:
        print(f"evidence-timeline: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except ImportError as error:
        if "cannot open shared object file" not in str(error):
            raise
        print(  # Qt's libraries need some of the system's (README: On a fresh machine)
            f"evidence-timeline: a system library that Qt needs is missing ({error}). On "
            "Debian or Ubuntu, install the packages listed in scripts/system-packages.txt "
            "(the README's set-up command does).",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader went away ("| head"): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
