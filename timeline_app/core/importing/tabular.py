"""Spreadsheets in: CSV (any usual encoding and delimiter) and Excel workbooks (openpyxl).

:func:`read_csv` and :func:`read_xlsx` give a :class:`Table` of text cells (Excel dates stay
dates); :func:`guess_mapping` recognises the headings; :func:`plan_table` turns each row into
an event or a list of problems, every date read by the date engine.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline_app.core import dates
from timeline_app.core.errors import UserError
from timeline_app.core.exporting.csv import FORMULA_START
from timeline_app.core.importing import limits
from timeline_app.core.importing.plan import (
    ORGANISATION,
    Duplicates,
    ImportPlan,
    ImportRow,
    Records,
    ReferencePolicy,
)
from timeline_app.core.model import UNDATED, Event, FuzzyDate, SourceLink, Status, page_spans
from timeline_app.core.progress import Progress, check_progress
from timeline_app.core.store import CaseStore
from timeline_app.core.textfile import UNREADABLE, decode

Cell = str | dt.datetime | dt.date

log = logging.getLogger(__name__)

FIELDS = {
    "": "(not imported)",
    "date": "Date",
    "time": "Time",
    "end": "End date",
    "title": "Event",
    "description": "Description",
    "parties": "Parties",
    "source": "Source document",
    "reference": "Reference",
    "category": "Category",
    "status": "Status",
    "key": "Key event",
    "note": "Privileged note",
}
"""The fields a column can fill, with the names the mapping step shows; besides these, each
side's version of a disputed fact (:func:`version_field`)."""
VERSION = "version:"
"""A side's version is the field ``version:SIDE`` ("version:Claimant")."""
_VERSION_HEADING = re.compile(r"^\s*(?P<side>\S.*?)\s*(?:'s|’s|s')\s+(?:case|version)\s*$", re.I)

_PHRASES = {
    # Not "from" and "to": in an email log they are people.
    "date": [
        "date",
        "dates",
        "when",
        "day",
        "event date",
        "date of event",
        "start",
        "start date",
        "date from",
        "dated",
        "occurred",
        "sent",
        "date sent",
    ],
    "time": ["time", "times", "time of day", "at"],
    "end": ["end", "end date", "date to", "until", "finish", "finished", "end of period"],
    "title": [
        "event",
        "events",
        "title",
        "summary",
        "what",
        "what happened",
        "event title",
        "heading",
        "subject",
        "short description",
        "fact",
        "facts",
        "incident",
    ],
    "description": [
        "description",
        "details",
        "detail",
        "notes",
        "comments",
        "comment",
        "narrative",
        "text",
        "full description",
        "particulars",
    ],
    "parties": [
        "parties",
        "party",
        "people",
        "persons",
        "person",
        "who",
        "individuals",
        "participants",
        "names",
        "witnesses",
        "witness",
        "involved",
    ],
    "source": [
        "source",
        "sources",
        "document",
        "documents",
        "doc",
        "docs",
        "evidence",
        "exhibit",
        "exhibits",
        "source document",
    ],
    "reference": [
        "bundle ref",
        "bundle reference",
        "bundle refs",
        "reference",
        "references",
        "ref",
        "refs",
        "bundle",
        "page",
        "pages",
        "pinpoint",
        "citation",
    ],
    "category": [
        "category",
        "categories",
        "type",
        "issue",
        "issues",
        "topic",
        "tag",
        "tags",
        "kind",
    ],
    "status": ["status", "agreed", "disputed", "agreed disputed", "agreed or disputed"],
    "key": ["key", "key event", "important", "significance", "significant"],
    "note": [
        "privileged",
        "privileged note",
        "privileged notes",
        "internal note",
        "team note",
        "our notes",
        "our comments",
    ],
    "": [
        "no",
        "number",
        "id",
        "earliest",
        "latest",
        "row",
        "item",
        "ref no",
        "item no",
        "entry",
        "entry no",
        "row no",
        "doc date",
        "document date",
        "date of document",
    ],
}
_STATUSES = {
    "": Status.UNDISPUTED,
    "undisputed": Status.UNDISPUTED,
    "not disputed": Status.UNDISPUTED,
    "agreed": Status.AGREED,
    "disputed": Status.DISPUTED,
    "not agreed": Status.DISPUTED,
    "yes": Status.AGREED,
    "no": Status.DISPUTED,  # an "Agreed?" column
    "contested": Status.DISPUTED,
    "contested by claimant": Status.CONTESTED_BY_CLAIMANT,
    "disputed by claimant": Status.CONTESTED_BY_CLAIMANT,
    "disputed by the claimant": Status.CONTESTED_BY_CLAIMANT,
    "contested by defendant": Status.CONTESTED_BY_DEFENDANT,
    "disputed by defendant": Status.CONTESTED_BY_DEFENDANT,
    "disputed by the defendant": Status.CONTESTED_BY_DEFENDANT,
}
_YES = {"yes", "y", "true", "1", "x", "✓", "✔", "key", "*", "important"}
_NO = {"", "no", "n", "false", "0", "-"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PAGE_PINPOINT = re.compile(r"^(?P<base>.+?),\s*(?:p|pp|page)\.?\s*(?P<page>\d+)$", re.I)
_BRACKETED = re.compile(r"^\[\s*([^\[\]]*?)\s*\]$")
_PAGE_ALONE = re.compile(r"^(?:p|pp|page)\.?\s*(\d+)$", re.I)
_OTHER_PINPOINT = re.compile(
    r"^(?P<base>.+?),\s*(?P<pin>(?:para|paras|section|clause|tab)"
    r"\.?\s*\S.*)$",
    re.I,
)
_LONGEST_TITLE = 200  # characters, as for events proposed from documents
_NO_TIME = {"", "-", "--", "?", "n/a", "na", "tbc", "unknown", "not known"}
_DOTTED_TIME = re.compile(r"^(\d{1,2})\.(\d{2})$")
_MAX_FIELD = 16 * 1024 * 1024  # characters in one CSV cell (the csv module's default is 128 KB)


class NoEventColumnError(UserError):
    """No column of the table is taken as the event (title or description)."""


@dataclass
class Table:
    """A sheet of cells with its headings, as read; nothing interpreted yet."""

    name: str
    kind: str
    headings: list[str]
    rows: list[list[Cell]]
    numbers: list[int]
    """Each row's number as a spreadsheet program shows it (the heading row is 1 in a CSV)."""
    notes: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    """Remarks on cells, by row index: (column, remark); they count for imported columns."""
    problems: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    """Cells that cannot be read, by row index: (column, why)."""
    left_out: list[str] = field(default_factory=list)
    """Rows not taken as data: a title above the headings, a heading across the sheet."""
    sheets: list[str] = field(default_factory=list)
    sheet: str = ""

    def add(
        self,
        number: int,
        cells: list[Cell],
        notes: list[tuple[int, str]] | None = None,
        problems: list[tuple[int, str]] | None = None,
    ) -> None:
        """Take a row read below the headings (a blank one is passed over)."""
        if not any(_filled(c) for c in cells) and not problems:
            return
        if notes:
            self.notes[len(self.rows)] = notes
        if problems:
            self.problems[len(self.rows)] = problems
        self.rows.append(cells)
        self.numbers.append(number)


def _filled(cell: Cell) -> bool:
    return isinstance(cell, dt.date) or bool(cell.strip())


class _Builder:
    """Builds a :class:`Table` from rows as read, finding the heading row first.

    The heading row is, among the first dozen rows, the first that names an event column
    (Event, Description …), else the first that names a date column, else the first with two
    cells or more, else the first; rows above it (a title, "Claim No., HC-2019-000123") are
    left out, and said to be. A heading merged across the sheet below it is left out too.
    """

    _LOOK = 12  # rows searched for the headings

    def __init__(self, table: Table) -> None:
        self.table = table
        self._first: list[tuple[int, list[Cell], list, list, int]] = []

    def add(
        self,
        number: int,
        cells: list[Cell],
        notes: list[tuple[int, str]] | None = None,
        problems: list[tuple[int, str]] | None = None,
        banner: int = 0,
    ) -> None:
        """Take the next row of the sheet.

        :param banner: the last column of a merge that starts the row, if its only cell is
            merged so; the row is a heading when that reaches across the headings.
        """
        if self.table.headings:
            if banner >= max(2, len(self.table.headings) - 1):
                self.table.left_out.append(
                    f"Row {number} ({display(next(c for c in cells if _filled(c)))!r}) is a "
                    "heading merged across the sheet; it was left out."
                )
            else:
                self.table.add(number, cells, notes, problems)
        elif any(_filled(c) for c in cells):
            self._first.append((number, cells, notes or [], problems or [], banner))
            if len(self._first) == self._LOOK:
                self._decide()

    def _decide(self) -> None:
        rows, self._first = self._first, []
        filled = [sum(_filled(c) for c in cells) for _, cells, *_ in rows]
        wide = max(filled) >= 2  # then a row of one cell is a title, whatever it says
        fields = [
            set(guess_mapping([display(c) for c in cells])) if n >= 2 or not wide else set()
            for (_, cells, *_), n in zip(rows, filled, strict=True)
        ]
        chosen = next(
            (i for i, f in enumerate(fields) if f & {"title", "description"}),
            next(
                (i for i, f in enumerate(fields) if "date" in f),
                next((i for i, n in enumerate(filled) if n >= 2), 0),
            ),
        )
        _, cells, *_ = rows[chosen]
        self.table.headings = _headings([display(c) for c in cells])
        self.table.left_out += [
            f"Row {n} ({', '.join(display(c) for c in above if _filled(c))!r}) is above the "
            "headings; it was left out."
            for n, above, *_ in rows[:chosen]
        ]
        for row in rows[chosen + 1 :]:
            self.add(*row)

    def finish(self) -> Table:
        """The table, once every row is in."""
        if not self.table.headings and self._first:
            self._decide()
        if not self.table.headings:
            raise UserError(f"{self.table.name} is empty: there is nothing to import.")
        if not self.table.rows:
            raise UserError(
                f"{self.table.name} has headings but no rows below them: there "
                "is nothing to import."
            )
        return self.table


def _unreadable_notes(cells: list[str]) -> list[tuple[int, str]]:
    """Notes on the cells of a UTF-8 file that held bytes that are not UTF-8 ("€" mis-saved)."""
    return [
        (
            index,
            f"{cell.count(UNREADABLE)} character(s) here could not be read: the file is UTF-8 "
            f"but has bytes that are not, shown as {UNREADABLE}. Check the cell against the file.",
        )
        for index, cell in enumerate(cells)
        if UNREADABLE in cell
    ]


def _unescape(text: str) -> str:
    """Undo the apostrophe our CSV export puts before a formula-like cell; drop controls.

    The exact inverse of :func:`~timeline_app.core.exporting.csv.safe_cell`: one apostrophe
    comes off a cell that starts with apostrophes before a formula's first character.
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        text = text[1:]
    return _CONTROL.sub("", text)


def _delimiter(text: str) -> str:
    """The delimiter that splits the first lines most alike: comma, semicolon, tab or bar.

    Each is scored by how many of the first twenty records share its commonest number of
    cells (two or more), then by that number, so a title line above the table ("Smith v
    Jones, chronology") does not decide.
    """
    head = text[:65536]
    best, best_score = ",", (0, 0)
    for mark in (",", ";", "\t", "|"):
        reader = csv.reader(io.StringIO(head, newline=""), delimiter=mark)
        widths = [len(r) for r in itertools.islice(reader, 20) if any(c.strip() for c in r)]
        common = max(set(widths), key=widths.count, default=0)
        score = (widths.count(common), common) if common > 1 else (0, 0)
        if score > best_score:  # as many alike records: the one making more cells
            best, best_score = mark, score
    return best


def _headings(cells: Sequence[str]) -> list[str]:
    """Headings with blanks named after their column ("Column C")."""
    return [text.strip() or f"Column {_letter(index)}" for index, text in enumerate(cells)]


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_csv(data: bytes, name: str) -> Table:
    """A CSV file's cells: UTF-8 (BOM or not), UTF-16, Windows-1252; comma, semicolon or tab.

    :raises UserError: the file is empty, has only headings, is not text, or has a quote
        that is never closed.
    """
    text = decode(data, name)
    if not text.strip():
        raise UserError(f"{name} is empty: there is nothing to import.")
    csv.field_size_limit(max(csv.field_size_limit(), _MAX_FIELD))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    builder = _Builder(Table(name, "csv", [], [], []))
    started = last_started = 1  # the line the record being read (the last one read) began on
    try:
        for number, row in enumerate(reader, start=1):
            if number > limits.MOST_ROWS or len(row) > limits.MOST_COLUMNS:
                raise UserError(
                    f"{name} has more than {limits.MOST_ROWS:,} rows or a row of more than "
                    f"{limits.MOST_COLUMNS:,} cells (line {reader.line_num}), more than an "
                    "import may hold. Split it into several files."
                )
            texts = [_unescape(cell) for cell in row]
            cells: list[Cell] = list(texts)
            builder.add(number, cells, _unreadable_notes(texts))
            last_started, started = started, reader.line_num + 1
    except csv.Error as error:
        raise UserError(
            f"{name} cannot be read as CSV at line {reader.line_num} ({error}). "
            "Nothing was imported."
        ) from error
    # A quotation mark never closed makes the rest of the file one last record of several
    # lines, with an odd number of quotation marks in it (a doubled one, "", counts two).
    if (
        started - 1 > last_started
        and "\n".join(text.split("\n")[last_started - 1 :]).count('"') % 2
    ):
        raise UserError(
            f"{name} has a quotation mark on line {last_started} that is never "
            "closed, so the rest of the file would be one cell. Close it and "
            "import again; nothing was imported."
        )
    return builder.finish()


def read_xlsx(data: bytes, name: str, sheet: str | None = None) -> Table:
    """A worksheet's cells (the active sheet, or the first visible one, unless named).

    A merged cell's value fills its area down its first column (a date merged over several
    rows); a row that is only a heading merged across the sheet is left out. A formula gives
    the result Excel saved with it; one saved without a result is a problem on its cell.

    The workbook is read in openpyxl's read-only mode, the sheet's XML streamed: only the
    cells it holds are made, and the results of formulas are read in a second pass only
    when it has any.

    :raises UserError: the workbook is damaged or protected, has no such sheet, or the sheet
        has no rows.
    """
    limits.check_package(data, name, "Excel workbook")
    limits.check_merged(data, name)
    from timeline_app.core.importing import xlsx_sheet  # noqa: PLC0415  (loads openpyxl)

    book = xlsx_sheet.open_workbook(data, name)
    try:
        visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
        worksheets = visible + [ws for ws in book.worksheets if ws not in visible]
        if not worksheets:
            raise UserError(f"{name} has no worksheet (only charts): there is nothing to import.")
        if sheet is not None:
            worksheet = next(
                (ws for ws in worksheets if ws.title.casefold() == sheet.casefold()), None
            )
            if worksheet is None:
                raise UserError(
                    f"{name} has no sheet called {sheet!r}; it has "
                    f"{', '.join(ws.title for ws in worksheets)}."
                )
        else:
            worksheet = book.active if book.active in visible else worksheets[0]
        table = Table(
            name, "xlsx", [], [], [], sheets=[ws.title for ws in worksheets], sheet=worksheet.title
        )
        if worksheet.sheet_state != "visible":
            table.left_out.append(f"The sheet {worksheet.title!r} is hidden in Excel.")
        cells = xlsx_sheet.SheetCells(book, worksheet, name)
    finally:
        book.close()
    builder = _Builder(table)
    for number, row in cells.rows():
        values: list[Cell] = []
        notes: list[tuple[int, str]] = []
        problems: list[tuple[int, str]] = []
        for index, (held, data_type) in enumerate(row):
            column, value = index + 1, held
            if (number, column) in cells.filled_down:
                value, area = cells.filled_down[number, column]
                notes.append(
                    (
                        index,
                        f"{_letter(index)}{number} is part of the merged cells {area}; "
                        "it takes their value.",
                    )
                )
            elif data_type == "f":
                value = cells.results.get((number, column))
                if value is None:
                    problems.append(
                        (
                            index,
                            f"{_letter(index)}{number} holds a formula ({held}) "
                            "with no saved result. Open the file in Excel, save "
                            "it, and import it again.",
                        )
                    )
            values.append(_xlsx_value(value))
        filled = [i for i, c in enumerate(values) if _filled(c)]
        builder.add(
            number,
            values,
            notes,
            problems,
            banner=len(filled) == 1 and filled[0] == 0 and cells.banners.get((number, 1), 0),
        )
    return builder.finish()


def _xlsx_value(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dt.time):  # a time cell: to the minute, as the case keeps times
        return f"{value:%H:%M}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _CONTROL.sub("", str(value))


def display(cell: Cell) -> str:
    """A cell as text, for the preview and the file of refused rows."""
    if isinstance(cell, str):  # most cells
        return cell
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ", timespec="minutes")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return cell


# ----------------------------------------------------------------------- the mapping


def _key(heading: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", heading.casefold()))


def version_field(heading: str) -> str | None:
    """The field of a heading that names a side's version ("Claimant's case"), if it does."""
    found = _VERSION_HEADING.match(heading)
    return f"{VERSION}{found.group('side')}" if found else None


def field_label(field: str) -> str:
    """What the mapping step calls a field ("Event", "Claimant's case")."""
    return f"{field.removeprefix(VERSION)}'s case" if field.startswith(VERSION) else FIELDS[field]


def field_choices(headings: Sequence[str]) -> list[str]:
    """Every field a column of this table can fill: the usual ones, and its sides' versions."""
    sides = [f for f in map(version_field, headings) if f is not None]
    return [*FIELDS, *dict.fromkeys(sides)]


def guess_mapping(headings: Sequence[str]) -> list[str]:
    """The field each column fills, recognised from its heading ("" for none).

    A field is filled from one column only: the one whose heading names it best. A heading
    that is one of the field's names beats one that only begins with one ("Date" beats "Date
    of meeting"); between names, the one earlier in the field's list (``_PHRASES``: "Date"
    beats "Date sent", "Event" beats "Short description", "Bundle ref" beats "Ref", which is
    often a row number); between equals, the first column.
    """
    keys = [_key(h) for h in headings]
    named = [
        version_field(heading) or next((f for f, names in _PHRASES.items() if key in names), None)
        for heading, key in zip(headings, keys, strict=True)
    ]
    exact = [found is not None for found in named]
    mapping = [
        found
        if found is not None
        else next(
            (
                f
                for f, names in _PHRASES.items()
                if f and any(key.startswith(n + " ") for n in names)
            ),
            "",
        )
        for found, key in zip(named, keys, strict=True)
    ]

    def rank(index: int) -> tuple[bool, int]:  # named exactly, then earlier in the list
        names = _PHRASES.get(mapping[index], [keys[index]])
        return exact[index], -names.index(keys[index]) if exact[index] else 0

    best: dict[str, int] = {}
    for index, found in enumerate(mapping):
        if found and (found not in best or rank(index) > rank(best[found])):
            best[found] = index
    return [found if found and best[found] == index else "" for index, found in enumerate(mapping)]


def mapping_from_args(
    headings: Sequence[str], pairs: Sequence[str], mapping: Sequence[str] | None = None
) -> list[str]:
    """A mapping (by default the recognised one) changed by ``COLUMN=FIELD`` pairs (``--map``).

    COLUMN is a heading (any case) or a column number from 1; FIELD is one of the field
    names, a side's version ("version:Claimant" or "Claimant's case"), or ``none`` to leave a
    column out.

    :raises UserError: a pair names no column or no field, or two pairs disagree.
    """
    mapping = list(mapping) if mapping is not None else guess_mapping(headings)
    given: dict[int, str] = {}  # column: the pair that set it
    for pair in pairs:
        column, sep, wanted = pair.partition("=")
        if not sep:
            raise UserError(f'--map {pair!r} is not COLUMN=FIELD (for example --map "When=date").')
        index = _column(headings, column.strip())
        chosen = _field_named(wanted.strip())
        if chosen is None:
            raise UserError(
                f"--map {pair!r}: {wanted.strip()!r} is not a field. The fields "
                f"are {', '.join(f for f in FIELDS if f)}, a side's version such as "
                "version:Claimant, or none."
            )
        if index in given:
            raise UserError(
                f"--map {given[index]!r} and --map {pair!r} both set the column "
                f"{headings[index]!r}; give each column once."
            )
        twice = next((p for i, p in given.items() if chosen and mapping[i] == chosen), None)
        if twice is not None:
            raise UserError(
                f"--map {twice!r} and --map {pair!r} both fill {chosen}; a field takes one column."
            )
        given[index] = pair
        if chosen:
            mapping = ["" if f == chosen else f for f in mapping]
        mapping[index] = chosen
    return mapping


def _field_named(name: str) -> str | None:
    """The field ``--map`` names: by its name or label (any case), or a side's version."""
    if name.casefold() in ("none", "ignore", "skip"):
        return ""
    if name.casefold().startswith(VERSION) and name[len(VERSION) :].strip():
        return VERSION + name[len(VERSION) :].strip()
    found = next(
        (f for f, label in FIELDS.items() if name.casefold() in (f, label.casefold())), None
    )
    return found if found is not None else version_field(name)


def _column(headings: Sequence[str], column: str) -> int:
    for index, heading in enumerate(headings):
        if heading.casefold() == column.casefold():
            return index
    if column.isdigit() and 1 <= int(column) <= len(headings):
        return int(column) - 1
    raise UserError(
        f"There is no column {column!r}; the columns are {', '.join(repr(h) for h in headings)}."
    )


# ----------------------------------------------------------------------- rows to events


class _DateReader:
    """Reads date cells through the date engine, each distinct text once."""

    def __init__(self, ref_date: dt.date, order: str) -> None:
        self.ref_date, self.order = ref_date, order
        self._cache: dict[Cell, tuple[FuzzyDate | None, str]] = {}

    def read(self, cell: Cell) -> tuple[FuzzyDate | None, str]:
        """(the date, a warning) or (None, why it is not a date)."""
        found = self._cache.get(cell)
        if found is None:
            found = self._cache[cell] = self._read(cell)
        return found

    def _read(self, cell: Cell) -> tuple[FuzzyDate | None, str]:
        remark = ""
        if isinstance(cell, str) and cell in _EXCEL_ERRORS:
            return None, f"the cell holds the Excel error {cell}, not a date."
        serial = isinstance(cell, str) and _EXCEL_SERIAL.fullmatch(cell)
        if serial:  # a date Excel stored as its day number (a cell not formatted as a date)
            moment = _EXCEL_EPOCH + dt.timedelta(minutes=round(float(serial.group()) * 1440))
            cell = moment.date() if moment.time() == dt.time() else moment
        if isinstance(cell, dt.date):  # an Excel date cell: said in words, read as any other
            words = f"{cell.day} {dates.MONTH_NAMES[cell.month - 1]} {cell.year}"
            if isinstance(cell, dt.datetime):
                words = f"{cell:%H:%M} on {words}"
            if serial:
                remark = f"{serial.group()} is Excel's day number for {words}."
            cell = words
        try:
            found = dates.interpret(cell, ref_date=self.ref_date, order=self.order)
        except dates.DateError as error:
            return None, str(error)
        if found.missing:  # "4 Feb", "14:30": a spreadsheet's date is written whole
            return None, (
                f"“{cell.strip()}” has no {found.missing}; give the whole date in the file."
            )
        if self._relative(cell, found.date):  # when was "yesterday" written?
            remark = (
                f"“{cell.strip()}” is read as {found.display}, counting from "
                f"{self.ref_date.day} {dates.MONTH_NAMES[self.ref_date.month - 1]} "
                f"{self.ref_date.year}; check it."
            )
        return found.date, " ".join(filter(None, (remark, found.warning)))

    def _relative(self, text: str, date: FuzzyDate) -> bool:
        """Whether ``text`` counts from the reference date: read from another, it moves.

        A text with a year of four digits is anchored by it, and is not read twice.
        """
        if _FULL_YEAR.search(text):
            return False
        other = self.ref_date - dt.timedelta(days=1000)
        try:
            moved = dates.interpret(text, ref_date=other, order=self.order).date
        except dates.DateError:
            return True
        return (moved.earliest, moved.latest) != (date.earliest, date.latest)


_FULL_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_EXCEL_ERRORS = {
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
}
_EXCEL_SERIAL = re.compile(r"[1-6]\d{4}(?:\.\d+)?")  # 10000 to 69999: 1927 to 2091
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def plan_table(
    table: Table,
    mapping: Sequence[str],
    store: CaseStore | None,
    *,
    ref_date: dt.date | None = None,
    references: ReferencePolicy | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Each row as an event, or the reasons it cannot be one; the case is not changed.

    :param ref_date: the date relative dates ("last May") are read against; by default the
        case's reference date, or today.
    :param references: what to do with references that match no document of the case
        (by default each becomes a new document, said on its row).
    :raises NoEventColumnError: no column is taken as the event.
    :raises CancelledError: ``progress`` returned False.
    """
    if "title" not in mapping and "description" not in mapping:
        raise NoEventColumnError(
            f"No column is taken as the event. The columns are "
            f"{', '.join(repr(h) for h in table.headings)}: say which holds the events (as "
            "Event, or at least Description)."
        )
    info = store.case_info() if store is not None else None
    order, order_note = _file_order(table, mapping, str(info.date_order) if info else "dmy")
    reader = _DateReader(
        ref_date or (info.reference_date if info else None) or dt.date.today(), order
    )
    records, duplicates = Records(store, references), Duplicates(store)
    citations = _Citations(records)
    names_read: _NamesRead = {}
    notes = [order_note] if order_note else []
    if "date" not in mapping:
        notes.append("No column holds dates, so every event will be undated.")
    columns = {f: index for index, f in enumerate(mapping) if f}
    used = set(columns.values())
    notes += table.left_out
    rows = []
    total = len(table.rows)
    for index, cells in enumerate(table.rows):
        if index % 2000 == 0:
            check_progress(progress, index, total, "import")
        row = ImportRow(
            table.numbers[index],
            [display(c) for c in cells],
            problems=[text for column, text in table.problems.get(index, ()) if column in used],
            notes=[text for column, text in table.notes.get(index, ()) if column in used],
        )
        if any(display(c).strip() for c in cells[len(table.headings) :]):
            row.problems.append(
                f"This row has {len(cells)} cells but there are only "
                f"{len(table.headings)} headings: a cell may hold an unquoted "
                "delimiter."
            )
        values = {f: cells[c] if c < len(cells) else "" for f, c in columns.items()}
        event = _event(values, row, reader, records, citations=citations, names_read=names_read)
        if event is not None and not row.problems:
            row.event = event
            duplicates.mark(row, f"row {row.number}")
        rows.append(row)
    check_progress(progress, total, total, "import")
    return ImportPlan(table.name, table.kind, list(table.headings), rows, records, notes)


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")


def _file_order(table: Table, mapping: Sequence[str], order: str) -> tuple[str, str]:
    """How the file writes numeric dates, as its own dates prove, with a note if not as the case.

    "01/15/2019" can only be month first, "15/01/2019" only day first; the note names the row
    that proves it, so that a typo can be found.
    """
    columns = [i for i, f in enumerate(mapping) if f in ("date", "end")]
    proof: dict[str, tuple[int, str]] = {}  # "dmy" or "mdy": the first row proving it
    for number, cells in zip(table.numbers, table.rows, strict=True):
        for column in columns:
            cell = cells[column] if column < len(cells) else ""
            for found in _NUMERIC_DATE.finditer(cell) if isinstance(cell, str) else ():
                first, second = int(found.group(1)), int(found.group(2))
                way = "dmy" if first > 12 >= second else "mdy" if second > 12 >= first else ""
                if way:
                    proof.setdefault(way, (number, found.group()))
        if len(proof) == 2:
            (day_row, day), (month_row, month) = proof["dmy"], proof["mdy"]
            return order, (
                f"This file writes numeric dates both day first ({day}, row "
                f"{day_row}) and month first ({month}, row {month_row}); each was "
                "read the case's way, so check them."
            )
    if not proof or order in proof:
        return order, ""
    ((way, (number, example)),) = proof.items()
    return way, (
        f"This file writes numeric dates {'month' if way == 'mdy' else 'day'} first "
        f"({example} in row {number}), so all of them were read so."
    )


def _text(value: Cell) -> str:
    return display(value).strip()


def _event(
    values: dict[str, Cell],
    row: ImportRow,
    reader: _DateReader,
    records: Records,
    *,
    citations: _Citations,
    names_read: _NamesRead,
) -> Event | None:
    """The row's event; problems and notes go on ``row``."""
    texts = {f: _text(cell) for f, cell in values.items()}  # each cell's text, read once
    # A title is one line (a line break in a cell would stack labels on the timeline), and
    # short: a long one is cut at a word, and kept whole at the head of the description.
    title = " ".join(texts.get("title", "").split())
    description = texts.get("description", "")
    if len(title) > _LONGEST_TITLE:
        description = "\n".join(filter(None, (title, description)))
        title = title[:_LONGEST_TITLE].rsplit(" ", 1)[0] + "…"
    borrowed = not title and bool(description)  # the title is the description's first line
    if borrowed:
        title = description.splitlines()[0][:150]
        row.notes.append("The Event cell is empty; the title is taken from the description.")
    if not title:
        row.problems.append("There is no event: the Event cell is empty.")
    elif title.isupper() and not any(text for f, text in texts.items() if f != "title"):
        row.problems.append(
            "This row looks like a section heading (capitals, and nothing "
            "else on the row), not an event; give it a date to import it."
        )
    when = values.get("date", "")
    time = _DOTTED_TIME.sub(r"\1:\2", texts.get("time", ""))  # "14.30" is 14:30
    replaced = None  # the time of an Excel date cell that the Time column replaces
    if time.casefold() not in _NO_TIME:  # a Time column: the time on the row's day
        if isinstance(when, dt.datetime):
            replaced = when.time() if when.time() != dt.time() else None
            when = when.date()
        day = (
            f"{when.day} {dates.MONTH_NAMES[when.month - 1]} {when.year}"
            if isinstance(when, dt.date)
            else _text(when)
        )
        when = f"{time} on {day}" if day else time
    date, end = _date(when, "Date", reader, row), None
    if (
        replaced is not None
        and date is not None
        and isinstance(date.earliest, dt.datetime)
        and date.earliest.time() != replaced
    ):
        row.notes.append(
            f"Time: {date.earliest:%H:%M} from the Time column, not the "
            f"{replaced:%H:%M} in the Date cell."
        )
    if texts.get("end", ""):
        end = _date(values["end"], "End date", reader, row)
        if end is not None and end.is_undated:  # "-" or "?": no end, not an undated one
            end = None
        if end is not None and date is not None and dates.ends_before(end, date):
            row.problems.append("The end date is before the date.")
    status = _STATUSES.get(_key(texts.get("status", "")))
    if status is None:
        row.problems.append(
            f"Status {texts['status']!r} is not one of Agreed, "
            "Disputed, Undisputed, Contested by claimant or Contested by "
            "defendant."
        )
    key_text = texts.get("key", "").casefold()
    if key_text not in _YES and key_text not in _NO:
        row.problems.append(f"Key event {texts['key']!r} is not yes or no.")
    if row.problems or date is None:
        return None
    category = texts.get("category", "")
    return Event(
        title,
        date,
        end,
        "" if borrowed and description == title else description,
        category_id=records.category(category) if category else None,
        status=status or Status.UNDISPUTED,
        key=key_text in _YES,
        privileged_note=texts.get("note", ""),
        versions={
            f.removeprefix(VERSION): text
            for f, text in texts.items()
            if f.startswith(VERSION) and text
        },
        party_ids=tuple(
            records.party(name)
            for name in _names(values.get("parties", ""), records, row, names_read)
        ),
        sources=_links(
            texts.get("source", ""),
            texts.get("reference", ""),
            records,
            citations,
            row,
        ),
    )


def _date(cell: Cell, what: str, reader: _DateReader, row: ImportRow) -> FuzzyDate | None:
    if isinstance(cell, str) and not cell.strip():
        return UNDATED
    date, remark = reader.read(cell if not isinstance(cell, str) else cell.strip())
    if date is None:
        row.problems.append(f"{what}: {remark}")
    elif remark:
        row.notes.append(f"{what}: {remark}")
    return date


_NamesRead = dict[str, tuple[int, list[tuple[str, bool]], str]]
"""Parties cells' pieces already read: the cast's size then, the names, and the note."""


def _names(cell: Cell, records: Records, row: ImportRow, read: _NamesRead) -> list[str]:
    """The people and organisations in a Parties cell, read as a lawyer would list them.

    Semicolons and line breaks always separate names. Within what they separate, a comma or
    the word "and" may separate names too, or belong to one ("Smith, John", "Marks and
    Spencer"); the cast (the case's people and organisations, and those of earlier rows)
    decides first, and then the look of the words:

    - A name the cast has is one name, the longest first: "Sopra Steria Ltd, UK" when the
      cast has it whole, "Smith, John" when the cast has John Smith (who it then is), and
      "the Ministry of Justice" when the cast has Ministry of Justice.
    - Otherwise a comma separates names when the words after it could be a name on their
      own: "Sopra Steria, Interserve" is two, but not "Smith, J." (initials), "Acme, Inc."
      (an organisation word), "Smith, et al", or one word on each side ("Smith, John" is a
      name listed surname first: one person, as written, never two people called Smith and
      John).
    - "and" separates names unless the name after it ends in an organisation word and the
      one before does not ("Smith and Jones LLP" is one firm, "Ernst & Young LLP and Deloitte
      LLP" two), or both sides are one word each ("Marks and Spencer", "Slaughter and May":
      read as a firm's name, since two people are rarely named by surname alone). "&" never
      separates ("Ernst & Young").

    A cell read other than as written (split, kept whole in spite of a comma or "and", or
    matched to the cast in another order) gets a note on ``row`` saying how, so the user can
    check it; a name the cast has exactly needs none. A name given twice, in any case,
    counts once. A piece is read once while the cast stays the same (``read``).
    """
    found: dict[str, str] = {}
    for written in re.split(r"[;\n]", _text(cell)):
        piece = " ".join(written.split())
        if records.cast_name(piece) is None:  # the cast's own name stays, commas and all
            piece = piece.strip(" ,")
        if not piece:
            continue
        cast = len(records.new_parties)  # the case's own cast does not change meanwhile
        found_before = read.get(piece)
        if found_before is None or found_before[0] != cast:
            names = _names_in(piece, records)
            read[piece] = found_before = (cast, names, _names_note(piece, names))
        _, names, note = found_before
        if note:
            row.notes.append(note)
        for name, _in_cast in names:
            found.setdefault(name.casefold(), name)
    return list(found.values())


_NAME_SEPARATOR = re.compile(r"\s*(?:,\s*)+|\s+and\s+", re.IGNORECASE)
_INITIALS = re.compile(r"[A-Z]\.?|(?:[A-Z]\.\s?){2,4}")
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "hon"}
_NOT_NAMES = {"others", "et al", "et al.", "etc", "etc."}
_LONGEST_CAST_RUN = 4  # parts of a name the cast has: "Smith, John, QC, Chambers of …"


def _names_in(piece: str, records: Records) -> list[tuple[str, bool]]:
    """The names in ``piece`` (no semicolons), each with whether the cast has it."""
    if (whole := records.cast_name(piece)) is not None:  # however many commas it has
        return [(whole, True)]
    parts, separators = [], []
    position = 0
    for found in _NAME_SEPARATOR.finditer(piece):
        parts.append(piece[position : found.start()])
        separators.append(", " if "," in found.group() else f" {found.group().strip()} ")
        position = found.end()
    parts.append(piece[position:])

    def joined(start: int, end: int) -> str:
        return parts[start] + "".join(separators[i] + parts[i + 1] for i in range(start, end - 1))

    def in_cast(start: int) -> tuple[str, int] | None:
        """The longest run of parts from ``start`` that the cast has, and where it ends."""
        for end in range(min(len(parts), start + _LONGEST_CAST_RUN), start, -1):
            if (known := records.cast_name(joined(start, end))) is not None:
                return known, end
        return None

    names = []
    start = 0
    while start < len(parts):
        if (known := in_cast(start)) is not None:
            names.append((known[0], True))
            start = known[1]
            continue
        end = start + 1
        while (
            end < len(parts)
            and _one_name(parts[end - 1], separators[end - 1], parts[end])
            and in_cast(end) is None
        ):
            end += 1
        names.append((joined(start, end), False))
        start = end
    return names


def _one_name(before: str, separator: str, after: str) -> bool:
    """Whether ``separator`` joins ``before`` and ``after`` into one name (see :func:`_names`)."""
    if not _stands_alone(after):
        return True
    if len(before.split()) == len(after.split()) == 1:
        return True  # "Smith, John" and "Marks and Spencer": one person or firm, as written
    if separator == ", ":
        return False
    return ORGANISATION.search(after) is not None and ORGANISATION.search(before) is None


def _stands_alone(part: str) -> bool:
    """Whether ``part`` could be a name by itself: not initials, a title or "Ltd" alone."""
    if not part or part.casefold() in _NOT_NAMES:
        return False
    return any(
        not (
            _INITIALS.fullmatch(word)
            or word.casefold().rstrip(".") in _TITLES
            or ORGANISATION.fullmatch(word)
        )
        for word in part.split()
    )


_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _names_note(piece: str, names: list[tuple[str, bool]]) -> str:
    """How ``piece`` was read, when that is not plainly as written ("" when it is)."""
    if len(names) == 1:
        name, in_cast = names[0]
        if name.casefold() == piece.casefold():
            if in_cast or not _NAME_SEPARATOR.search(piece):
                return ""
            return f"Parties: read {piece!r} as one name; put ';' between names if it is several."
        return f"Parties: read {piece!r} as one name: {piece!r} is {name}."
    known = [name for name, in_cast in names if in_cast]
    new = [name for name, in_cast in names if not in_cast]
    if not new:
        whose = "both in the cast" if len(names) == 2 else "all in the cast"
    elif not known:
        whose = "neither in the cast" if len(names) == 2 else "none in the cast"
    else:
        whose = f"{' and '.join(known)} in the cast; {' and '.join(new)} new"
    listed = "; ".join(name for name, _ in names)
    return (
        f"Parties: read {piece!r} as {_COUNTS.get(len(names), str(len(names)))}: "
        f"{listed} ({whose})."
    )


def _links(
    source: str, reference: str, records: Records, citations: _Citations, row: ImportRow
) -> tuple[SourceLink, ...]:
    """A document named in Source, cited at Reference; or documents by bundle reference alone.

    A Reference on its own may cite several places: "B/12, p. 4; C/3". A document the case
    does not have is dealt with as the user chose (:meth:`Records.unmatched_source`): made,
    cited as written, or the row left out; a note or a problem on ``row`` says which.
    """
    if source:
        document = records.known_source(source)
        if document is not None:
            return (SourceLink(document, _pinpoint(reference)),)
        link = records.unmatched_source(
            source, "Source", row, _pinpoint(reference), in_bundle=False
        )
        return (link,) if link is not None else ()
    links = []
    parts: dict[str, str] = {}  # each once, whatever its case
    for piece in reference.split(";"):
        written = _BRACKETED.sub(r"\1", piece.strip())  # "[B/12/345]", the case's own style
        if written:
            parts.setdefault(written.casefold(), written)
    for part in parts.values():
        cited = citations.read(part)
        if isinstance(cited, SourceLink):
            links.append(cited)
            continue
        text, pinpoint, whole = cited
        link = records.unmatched_source(
            text, "Reference", row, pinpoint, in_bundle=True, written=whole
        )
        if link is not None:
            links.append(link)
    return tuple(dict.fromkeys(links))


class _Citations:
    """What each reference of a Reference cell cites, worked out once per import.

    Whether a reference cites a document of the case, and if not what it names, depends only
    on its text and on the case's own documents, which do not change while an import is
    planned; only what becomes of a reference to no document is the row's own.
    """

    def __init__(self, records: Records) -> None:
        self._records = records
        self._read: dict[str, SourceLink | tuple[str, str, str]] = {}

    def read(self, part: str) -> SourceLink | tuple[str, str, str]:
        """The citation of a document of the case, or what a reference to none names.

        That is, for :meth:`Records.unmatched_source`: what it names, its pinpoint, and the
        whole bundle page when it names a tab the case does not have.
        """
        found = self._read.get(part)
        if found is None:
            found = self._read[part] = self._reading(part)
        return found

    def _reading(self, part: str) -> SourceLink | tuple[str, str, str]:
        if (known := _cited(part, self._records)) is not None:
            return known
        page = _PAGE_PINPOINT.match(part) or _OTHER_PINPOINT.match(part)
        tab, _, tab_page = part.rpartition("/")
        if page is None and _new_tab(tab, tab_page, self._records):  # "C/2/14": p. 14 of C/2
            return tab, tab_page, part
        base, pinpoint = (
            (page.group("base"), page.groupdict().get("page") or page.group("pin"))
            if page
            else (part, "")
        )
        return base.strip(), pinpoint.strip(), ""


def _new_tab(tab: str, page: str, records: Records) -> bool:
    """Whether ``tab``/``page`` cites a page of a tab the case does not have ("C/2" of "C/2/14").

    Only a place with a tab in it ("C/2", not "C") counts, and only when no document of the
    case holds it: a page outside a known document is reported as such instead.
    """
    return (
        "/" in tab
        and page[:1].isdigit()
        and page_spans(page) is not None  # "14", "345-347" or "345-7, 349"
        and records.known_source(tab) is None
        and records.bundle_page(tab) is None
    )


def _cited(citation: str, records: Records) -> SourceLink | None:
    """A citation of one of the case's documents, read as :meth:`Source.cite` writes it.

    "B/12", "B/12/345" (a bundle page), "B/12, p. 6", "B/12, para 14" or "B/12, 6-7"; the
    document is named by its bundle reference, or its title when it has none.
    """
    if (known := records.known_source(citation)) is not None:
        return SourceLink(known)
    if paged := records.bundle_page(citation):  # our own export's "B/12/345"
        return SourceLink(*paged)
    cut = citation.rfind(", ")
    while cut > 0:  # a title may hold ", " itself: try each split, the last first
        if (known := records.known_source(citation[:cut])) is not None:
            return SourceLink(known, _pinpoint(citation[cut + 2 :].strip()))
        cut = citation.rfind(", ", 0, cut)
    return None


def _pinpoint(text: str) -> str:
    """A page as the store keeps it ("p. 4" is page "4"); any other locator as written."""
    page = _PAGE_ALONE.match(text)
    return page.group(1) if page else text
