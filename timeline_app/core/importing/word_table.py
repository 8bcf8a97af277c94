"""A chronology kept as a Word table: the table (or tables) read as a spreadsheet's cells.

:func:`read_word_chronology` finds the chronology in a .docx: the first table whose heading
row names an event column (Event, Description …) beside a date column, and every later
table that carries it on (the same heading row repeated, or as many columns with no heading
row of its own), as a table continued across pages or split into several is. A cell merged
across columns counts once, in its first column; a cell merged down a column gives each row
its value (a date shared by several events). A row of one cell across the table is a section
heading, left out and said to be ("Undated events" makes the rows after it undated).

When the event column holds several paragraphs and the table has no Description column, the
first paragraph is the title and the rest the description; our own export's status lines
("Disputed.", "Claimant's case: …"), its privileged note and a key event's bold title are
read back into their fields, so our Word chronology imports back row for row.

The heading above the table gives the claim number ("Claim No. HC-2019-000123") and the
parties ("BETWEEN: … Claimant – and – … Defendant", or a title "Smith v Jones").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline_app.core.chronology import LIST_SEPARATOR, SPAN_DASH, VERSION_SUFFIX
from timeline_app.core.errors import UserError
from timeline_app.core.importing.tabular import Table, guess_mapping
from timeline_app.core.importing.text import open_docx
from timeline_app.core.model import CaseParty

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_CLAIM = re.compile(r"^\s*(?:claim|case)\s+no(?:\.|s\.?|umber)?\s*:?\s*(?P<number>\S.*?)\s*$", re.I)
_VERSUS = re.compile(
    r"^\s*(?P<first>[^:–—(]+?)\s+(?:v|v\.|vs\.?|versus|-v-)\s+(?P<second>[^:–—(]+?)\s*(?:[:–—(].*)?$"
)
_ROLES = re.compile(
    r"^\s*(?:(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+)?"
    r"(?:claimant|defendant|applicant|respondent|appellant|petitioner|part 20 \w+|"
    r"third party|interested party)s?\s*$",
    re.I,
)
_DISPUTE_LINES = {
    "disputed.": "Disputed",
    "disputed by the claimant.": "Contested by claimant",
    "disputed by the defendant.": "Contested by defendant",
    "agreed.": "Agreed",
}
_VERSION_LINE = re.compile(
    rf"^(?P<side>[^:\n]{{1,60}}?){re.escape(VERSION_SUFFIX)}: (?P<text>.*)$", re.S
)
_PRIVILEGED = "PRIVILEGED: "
_OUR_STYLES = {
    "Chronology Event Title": "title",
    "Chronology Description": "description",
    "Chronology Dispute": "dispute",
    "Chronology Privileged Note": "note",
}
_UNDATED_HEADING = "undated events"
WORD_TABLE = "wordtable"
"""The import kind of a Word document holding a chronology table."""


@dataclass
class WordChronology:
    """The chronology table of a Word document, and what its heading says of the case."""

    table: Table
    claim_number: str = ""
    parties: list[CaseParty] = field(default_factory=list)


@dataclass
class _Paragraph:
    text: str
    kind: str  # our own style's part of an event ("title", "dispute" …), or ""
    bold: bool


def read_word_chronology(data: bytes, name: str) -> WordChronology | None:
    """The chronology table(s) of a .docx, or None when it holds none (read it as text then).

    :raises UserError: the file is damaged or not really a Word document, or unpacks to
        more than an import may hold.
    """
    document = open_docx(data, name)
    styles = {style.style_id: style.name for style in document.styles}
    heading: list[str] = []
    tables: list[_Rows] = []
    chronology_found = between = False  # between: text after the last table of it
    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            text = " ".join(_paragraph_text(block).split())
            if text and not chronology_found:
                heading.append(text)
            between = between or bool(text)
        elif block.tag == f"{_W}tbl":
            rows = _rows(block, styles)
            if not chronology_found and _is_chronology(rows):
                chronology_found = True
                tables.append(rows)
            elif chronology_found and _carries_on(tables[0], rows, between):
                tables.append(rows)
            elif chronology_found:
                break
            between = False
    if not tables:
        return None
    claim, parties = _heading(heading)
    return WordChronology(_table(tables, name), claim, parties)


def _paragraph_text(paragraph) -> str:  # lxml elements are untyped
    parts = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        else:
            parts.append(" " if node.tag == f"{_W}tab" else "\n")
    return _CONTROL.sub("", "".join(parts))


def _is_bold(paragraph) -> bool:
    for run in paragraph.iter(f"{_W}r"):
        bold = run.find(f"{_W}rPr/{_W}b")
        if bold is not None and bold.get(f"{_W}val", "true") not in ("0", "false", "off"):
            return True
    return False


class _Rows(list):
    """A table's rows, each its grid's cells, each cell its paragraphs (merges resolved).

    Attributes:
        banners: the rows that are one cell across the table (section headings).

    """

    def __init__(self) -> None:
        super().__init__()
        self.banners: set[int] = set()


def _rows(table, styles: dict[str, str]) -> _Rows:
    """The rows of a table, a merged cell counted once."""
    rows = _Rows()
    for tr in table.iterchildren(f"{_W}tr"):
        cells: list[list[_Paragraph]] = []
        if len(tr.findall(f"{_W}tc")) == 1 and tr.find(f"{_W}tc/{_W}tcPr/{_W}gridSpan") is not None:
            rows.banners.add(len(rows))
        for tc in tr.iterchildren(f"{_W}tc"):
            span = tc.find(f"{_W}tcPr/{_W}gridSpan")
            width = int(span.get(f"{_W}val", "1")) if span is not None else 1
            merged = tc.find(f"{_W}tcPr/{_W}vMerge")
            column = len(cells)
            if merged is not None and merged.get(f"{_W}val", "continue") == "continue":
                above = rows[-1][column] if rows and column < len(rows[-1]) else []
                paragraphs = list(above)
            else:
                paragraphs = []
                for p in tc.iter(f"{_W}p"):  # a table inside the cell gives its paragraphs
                    style = p.find(f"{_W}pPr/{_W}pStyle")
                    kind = (
                        _OUR_STYLES.get(styles.get(style.get(f"{_W}val"), ""), "")
                        if (style is not None)
                        else ""
                    )
                    text = _paragraph_text(p)
                    if text.strip():
                        paragraphs.append(_Paragraph(text.strip(), kind, _is_bold(p)))
            cells.append(paragraphs)
            cells += [[] for _ in range(max(0, min(width, 64) - 1))]  # counted once: first column
        rows.append(cells)
    return rows


def _texts(row: list[list[_Paragraph]]) -> list[str]:
    return [" ".join(" ".join(p.text for p in cell).split()) for cell in row]


def _is_chronology(rows: list[list[list[_Paragraph]]]) -> bool:
    """A table whose first row names an event column and a date column."""
    if not rows:
        return False
    fields = set(guess_mapping(_texts(rows[0])))
    return bool(fields & {"title", "description"}) and "date" in fields


def _carries_on(first: _Rows, rows: _Rows, between: bool) -> bool:
    """Whether a later table continues the chronology.

    It does when it repeats the heading row, or when it follows straight on (no text between)
    with as many columns and no heading row of its own.
    """
    if not rows:
        return False
    headings = _texts(first[0])
    if _texts(rows[0]) == headings:
        return True
    own_headings = len({f for f in guess_mapping(_texts(rows[0])) if f}) >= 2
    return not between and len(rows[0]) == len(headings) and not own_headings


def _table(tables: list[_Rows], name: str) -> Table:
    headings = _texts(tables[0][0])
    width = len(headings)
    mapping = guess_mapping(headings)
    event = mapping.index("title") if "title" in mapping else None
    split_event = event is not None and "description" not in mapping
    date = mapping.index("date") if "date" in mapping else None
    reference = mapping.index("reference") if "reference" in mapping else None
    read: list[tuple[int, list[list[_Paragraph]]]] = []
    left_out: list[str] = []
    undated = False
    number = 0
    for index, rows in enumerate(tables):
        for position, row in enumerate(rows):
            number += 1
            if position == 0 and (index == 0 or _texts(row) == headings):
                continue  # the heading row, or its repeat at the head of a continuation
            if position in rows.banners:
                text = " ".join(p.text for p in row[0])
                undated = undated or text.casefold().strip(" :.") == _UNDATED_HEADING
                left_out.append(
                    f"Row {number} ({text!r}) is a heading across the table; it was left out."
                )
                continue
            if undated and date is not None and date < len(row) and not row[date]:
                row[date] = [_Paragraph("Undated", "", False)]
            read.append((number, row))
    sides: list[str] = []
    extra = ["End date"] if date is not None else []
    if split_event:
        extra += ["Description", "Status", "Key", "Privileged note"]
    table = Table(name, WORD_TABLE, [*headings, *extra], [], [])
    table.left_out = left_out
    cut_rows: list[tuple[int, list[str], dict[str, str]]] = []
    for number, row in read:
        texts = [("\n".join(p.text for p in cell)) for cell in row[:width]]
        texts += [""] * (width - len(texts))
        extras: dict[str, str] = {}
        if date is not None:
            texts[date], extras["End date"] = _span(texts[date])
        if reference is not None:
            texts[reference] = _references(texts[reference])
        if split_event and event is not None:
            texts[event], parts = _event_parts(row[event] if event < len(row) else [])
            extras.update(parts)
            sides += [k for k in parts if k.endswith(VERSION_SUFFIX) and k not in sides]
        cut_rows.append((number, texts, extras))
    table.headings += sides
    for number, texts, extras in cut_rows:
        table.add(number, [*texts, *(extras.get(h, "") for h in table.headings[width:])])
    if not table.rows:
        raise UserError(f"{name} has a chronology table with headings but no rows below them.")
    return table


def _span(cell: str) -> tuple[str, str]:
    """A Date cell as (date, end): our export writes a span "1 July 2018 – 30 September 2018".

    The end is after the last dash that has a year on both sides ("January – February 1990 –
    1 March 1990" is a date from January to February 1990 that ends on 1 March 1990).
    """
    parts = cell.split(SPAN_DASH)
    for cut in range(len(parts) - 1, 0, -1):
        start, end = SPAN_DASH.join(parts[:cut]), SPAN_DASH.join(parts[cut:])
        if _YEAR.search(start) and _YEAR.search(end):
            return start.strip(), end.strip()
    return cell, ""


def _references(cell: str) -> str:
    """References one to a line or separated by semicolons, without our square brackets."""
    # our export keeps "para 14" and "345-346" on one line with non-breaking spaces and hyphens
    cell = cell.replace("\xa0", " ").replace("\u2011", "-")
    parts = [p.strip() for line in cell.splitlines() for p in line.split(LIST_SEPARATOR.strip())]
    parts = [p for p in parts if p]
    if parts and all(p.startswith("[") and p.endswith("]") for p in parts):
        parts = [p[1:-1].strip() for p in parts]
    return LIST_SEPARATOR.join(parts)


def _event_parts(paragraphs: list[_Paragraph]) -> tuple[str, dict[str, str]]:
    """The title, and the description, status, key, note and sides' cases of an Event cell."""
    if not paragraphs:
        return "", {}
    ours = any(p.kind for p in paragraphs)
    title, rest = paragraphs[0], paragraphs[1:]
    description: list[str] = []
    parts: dict[str, str] = {}
    if ours and title.kind == "title" and title.bold:
        parts["Key"] = "yes"
    for paragraph in rest:
        kind = paragraph.kind if ours else _kind_of(paragraph.text)
        text = paragraph.text
        if kind == "dispute":
            if text.casefold() in _DISPUTE_LINES:
                parts["Status"] = _DISPUTE_LINES[text.casefold()]
                continue
            version = _VERSION_LINE.match(text)
            if version:
                parts[version.group("side").strip() + VERSION_SUFFIX] = version.group("text")
                continue
        if kind == "note" and text.startswith(_PRIVILEGED):
            parts["Privileged note"] = text[len(_PRIVILEGED) :]
            continue
        description.append(text)
    if any(k.endswith(VERSION_SUFFIX) for k in parts) and "Status" not in parts:
        parts["Status"] = "Disputed"
    parts["Description"] = "\n".join(description)
    return title.text, parts


def _kind_of(text: str) -> str:
    """What a paragraph of someone else's Event cell is, from its words alone."""
    if text.casefold() in _DISPUTE_LINES or _VERSION_LINE.match(text):
        return "dispute"
    return "note" if text.startswith(_PRIVILEGED) else "description"


def _heading(lines: list[str]) -> tuple[str, list[CaseParty]]:
    """The claim number and the parties the lines above the table give."""
    claim = next((m.group("number") for m in map(_CLAIM.match, lines) if m), "")
    parties: list[CaseParty] = []
    for index, line in enumerate(lines[:-1]):
        role = lines[index + 1]
        if _ROLES.match(role) and not _ROLES.match(line) and line.upper() != "BETWEEN:":
            parties.append(CaseParty(line.rstrip(" ,"), role.strip(" ()")))
    if not parties:
        for line in lines:
            found = _VERSUS.match(line)
            if found and len(line) < 200:
                parties = [
                    CaseParty(found.group("first"), "Claimant"),
                    CaseParty(found.group("second"), "Defendant"),
                ]
                break
    return claim, parties
