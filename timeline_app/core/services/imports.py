"""An import session: a file read once, planned again as the choices change, then committed.

The Import dialog and ``main.py import`` both use it. Reading (the slow part for a workbook) is
done once (emails are read at the first plan, with its progress: a mailbox takes a while);
:meth:`ImportSession.plan` interprets what was read with the choices of the moment (the
columns' fields, the sheet, the document's date and title, what becomes of references that
match no document, the emails' threads and filters) without touching the case;
:meth:`ImportSession.commit` saves the rows the user kept in one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from timeline_app.core import casejson, dates
from timeline_app.core.errors import UserError
from timeline_app.core.importing import (
    ImportFile,
    ImportPlan,
    email_plan,
    emails,
    tabular,
    text,
    word_table,
)
from timeline_app.core.importing.email_plan import EmailChoice, Threads
from timeline_app.core.importing.plan import ImportRow, ReferencePolicy
from timeline_app.core.model import Batch, CaseInfo, FuzzyDate
from timeline_app.core.progress import Progress, bulk_work, check_progress
from timeline_app.core.store import CaseStore

PASTED = "Pasted text"


class ImportSession:
    """One file (or pasted text, ``file=None``) being imported into ``store``.

    Attributes:
        table: a spreadsheet's cells, as read (None for other kinds).

    """

    def __init__(self, store: CaseStore, file: ImportFile | None) -> None:
        """Read ``file`` as its kind.

        :raises UserError: the file cannot be read as its format.
        """
        self._store = store
        self.file = file
        self.table: tabular.Table | None = None
        self._word: word_table.WordChronology | None = None
        self._paragraphs: list[text.Paragraph] = []
        self._emails: list[emails.Email] | None = None
        self._email_notes: list[str] = []
        self._snapshot: tuple[casejson.CaseSnapshot, list[ImportRow], list[int] | None] | None = (
            None
        )
        if file is not None:
            with bulk_work():
                self._read(file)

    def _read(self, file: ImportFile) -> None:
        """Read the file as its kind (emails are read at the first plan)."""
        if file.kind == "csv":
            self.table = tabular.read_csv(file.data, file.name)
        elif file.kind == "xlsx":
            self.table = tabular.read_xlsx(file.data, file.name)
        elif file.kind == "text":
            self._paragraphs = text.read_text(file.data, file.name)
        elif file.kind == "docx":
            self._paragraphs = text.read_docx(file.data, file.name)
        elif file.kind == word_table.WORD_TABLE:
            self._word = word_table.read_word_chronology(file.data, file.name)
            if self._word is None:
                raise UserError(f"{file.name} holds no chronology table.")
            self.table = self._word.table
        elif file.kind == "json":
            self._snapshot = casejson.read_json(file.data, file.name)
        elif file.kind == "email":
            pass  # read at the first plan, with its progress
        else:
            with CaseStore.open(file.path, read_only=True) as other:
                self._snapshot = (casejson.CaseSnapshot.of(other), [], None)

    @property
    def kind(self) -> str:
        """csv, xlsx, wordtable, text, docx, json, case or email (pasted text is text)."""
        return self.file.kind if self.file is not None else "text"

    @property
    def name(self) -> str:
        """The file's name, or "Pasted text"."""
        return self.file.name if self.file is not None else PASTED

    def choose_sheet(self, sheet: str) -> None:
        """Read another sheet of the workbook.

        :raises UserError: there is no such sheet, or it is not a sheet of cells.
        """
        if self.file is None or self.file.kind != "xlsx":
            raise ValueError("only a workbook has sheets")
        if self.table is None or self.table.sheet != sheet:
            self.table = tabular.read_xlsx(self.file.data, self.file.name, sheet)

    def document_date(self, typed: str) -> FuzzyDate | None:
        """A document's own date as typed, read the case's way (None when empty).

        :raises UserError: it is not a date.
        """
        if not typed.strip():
            return None
        info = self._store.case_info()
        try:
            return dates.parse(typed, ref_date=info.reference_date, order=str(info.date_order))
        except dates.DateError as error:
            raise UserError(f"The document's date: {error}") from error

    def plan(
        self,
        *,
        mapping: Sequence[str] | None = None,
        map_pairs: Sequence[str] = (),
        sheet: str | None = None,
        ref_date: dt.date | None = None,
        document_date: FuzzyDate | None = None,
        source_title: str = "",
        pasted: str = "",
        references: ReferencePolicy | None = None,
        threads: Threads = Threads.EACH,
        emails_chosen: EmailChoice | None = None,
        progress: Progress | None = None,
    ) -> ImportPlan:
        """What was read, interpreted for the case with these choices; the case is unchanged.

        :param mapping: a spreadsheet's field for each column (default: recognised from the
            headings), changed by ``map_pairs`` (``COLUMN=FIELD``, as ``--map`` gives them).
        :param sheet: a workbook's sheet (default: the one read).
        :param ref_date: the date a spreadsheet's relative dates are read against (default:
            the case's); for a document, its own date when ``document_date`` is not given.
        :param document_date: a document's own date, for "last year" and the like.
        :param source_title: a document's title as a source (default: its file name).
        :param pasted: the text pasted, when there is no file.
        :param references: what to do with a spreadsheet's references that match no document
            of the case (default: make each a new document, said on its row).
        :param threads: emails: each its own event, or each thread folded into one.
        :param emails_chosen: emails: which to take (by sender, recipient, date, subject).
        :raises UserError: the choices cannot be used (a column named twice, no event column,
            no such sheet).
        :raises CancelledError: ``progress`` returned False.
        """
        with bulk_work():
            return self._plan(
                mapping=mapping,
                map_pairs=map_pairs,
                sheet=sheet,
                ref_date=ref_date,
                document_date=document_date,
                source_title=source_title,
                pasted=pasted,
                references=references,
                threads=threads,
                emails_chosen=emails_chosen,
                progress=progress,
            )

    def _plan(
        self,
        *,
        mapping: Sequence[str] | None,
        map_pairs: Sequence[str],
        sheet: str | None,
        ref_date: dt.date | None,
        document_date: FuzzyDate | None,
        source_title: str,
        pasted: str,
        references: ReferencePolicy | None,
        threads: Threads,
        emails_chosen: EmailChoice | None,
        progress: Progress | None,
    ) -> ImportPlan:
        if sheet is not None:
            self.choose_sheet(sheet)
        if self.kind == "email":
            plan = email_plan.plan_emails(
                self.read_emails(progress),
                self.name,
                self._store,
                threads=threads,
                choice=emails_chosen,
                notes=self._email_notes,
                progress=progress,
            )
        elif self.table is not None:
            plan = tabular.plan_table(
                self.table,
                tabular.mapping_from_args(self.table.headings, map_pairs, mapping),
                self._store,
                ref_date=ref_date,
                references=references,
                progress=progress,
            )
            if self._word is not None:
                plan.case_info = self._heading_info()
        elif self._snapshot is not None:
            assert self.file is not None
            snapshot, refused, places = self._snapshot
            plan = casejson.plan_case(
                snapshot, self.file.name, self.kind, self._store, refused=refused, places=places
            )
        else:
            if document_date is None and ref_date is not None:
                document_date = dates.parse(ref_date.isoformat())
            plan = text.plan_text(
                self._paragraphs if self.file is not None else text.split_paragraphs(pasted),
                self.name,
                self._store,
                dated=document_date,
                source_title=source_title
                or (self.file.path.stem if self.file is not None else PASTED),
                kind=self.kind,
                progress=progress,
            )
        if self.file is not None and self.file.note:
            plan.notes.insert(0, self.file.note)
        return plan

    def _heading_info(self) -> CaseInfo | None:
        """The case's details with a Word chronology's claim number and parties, if it has none."""
        assert self._word is not None
        info = self._store.case_info()
        claim = not info.claim_number and self._word.claim_number
        parties = not info.parties and self._word.parties
        if not claim and not parties:
            return None
        return dataclasses.replace(
            info,
            claim_number=self._word.claim_number if claim else info.claim_number,
            parties=list(self._word.parties) if parties else info.parties,
        )

    def read_emails(self, progress: Progress | None = None) -> list[emails.Email]:
        """The emails of the file, folder or files (read the first time only).

        :raises UserError: a single file that is not an email that can be read, or more
            emails than an import may hold.
        :raises CancelledError: ``progress`` returned False; nothing is kept of the reading.
        """
        if self._emails is not None:
            return self._emails
        assert self.file is not None
        folder = self.file.path.is_dir()
        files, self._email_notes = emails.email_files(list(self.file.members) or [self.file.path])
        total = sum(path.stat().st_size for path in files if path.exists())
        read = emails.read_emails(
            files,
            self.file.path if folder else None,
            lambda done: check_progress(progress, done, total, "import"),
        )
        if len(files) == 1 and not folder and len(read) == 1 and read[0].problem:
            raise UserError(read[0].problem)
        self._emails = read
        return read

    def commit(
        self, plan: ImportPlan, rows: Sequence[ImportRow], progress: Progress | None = None
    ) -> Batch:
        """Save the chosen rows (and the records they need) in one transaction; return it.

        :raises CancelledError: ``progress`` returned False; nothing is saved.
        """
        return self._store.add_batch(plan.batch(rows), progress)
