"""Events proposed from prose: pasted text, a .txt file or a Word document.

The document is split into paragraphs, each with its number where it has one (witness
statements and pleadings number theirs); the extraction engine finds the dates in each, and
every date becomes a proposed event citing the document at that paragraph. Its title and
description are made by :mod:`.titles`; the case's people and organisations the sentence
names (:mod:`.cast`) are its parties, said on its row. The user reviews the proposals before
anything is saved.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline_app.core import dates, extract
from timeline_app.core.errors import UserError
from timeline_app.core.importing import limits, titles
from timeline_app.core.importing.cast import Cast, Named
from timeline_app.core.importing.plan import (
    Duplicates,
    ImportPlan,
    ImportRow,
    Records,
)
from timeline_app.core.model import Event, FuzzyDate, Source, SourceLink, day_of
from timeline_app.core.progress import Progress, check_progress
from timeline_app.core.store import CaseStore
from timeline_app.core.textfile import decode

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

HEADINGS = ["Paragraph", "Date as written", "Sentence"]
# "12." or "12)" or "12<tab>": not "12 March 2019" or "2019 was", which start with a date, nor
# "14.05.2019" or "1.2m". Such a line starts a paragraph of its own in hand-wrapped text.
_NUMBERED = re.compile(r"^\s*(\d{1,3})(?:[.)](?=\s)|\t)\s*")
# A paragraph's own number may also be a judgment's "[12]" or a sub-paragraph's "1.1." (not
# "(2)", which numbers the items inside a paragraph, nor "10.30", a time).
_OWN_NUMBER = re.compile(
    r"^\s*(?:\[(\d{1,3})\]|(\d{1,3}\.\d{1,3})\.(?=\s)|(\d{1,3})(?:[.)](?=\s)|\t))"
)


def _number_of(text: str) -> str:
    """The paragraph's own number ("12", "1.1"), or ""."""
    numbered = _OWN_NUMBER.match(text)
    return next(filter(None, numbered.groups()), "") if numbered else ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a document, and its number ("" when it has none)."""

    number: str
    text: str


def read_text(data: bytes, name: str) -> list[Paragraph]:
    """The paragraphs of a plain text file: separated by blank lines, or lines if none are."""
    return split_paragraphs(decode(data, name))


def split_paragraphs(text: str) -> list[Paragraph]:
    """Pasted or read text as paragraphs, numbered from their own leading numbers.

    Paragraphs are separated by blank lines; in text without any, a line starts a paragraph
    unless it carries on a long line that did not end a sentence (text wrapped by hand).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = (
        re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else _unwrapped(text.split("\n"))
    )
    paragraphs: list[Paragraph] = []
    for block in blocks:
        _count(paragraphs, "The text")
        if block.strip():
            paragraphs.append(Paragraph(_number_of(block), " ".join(block.split())))
    return paragraphs


def _count(paragraphs: list[Paragraph], name: str) -> None:
    """Stop reading a document with more paragraphs than an import may hold."""
    if len(paragraphs) >= limits.MOST_PARAGRAPHS:
        raise UserError(
            f"{name} has more than {limits.MOST_PARAGRAPHS:,} paragraphs, more than an import "
            "may hold (a 10,000-page statement has about 400,000). Split it into several files."
        )


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines joined where a paragraph was only wrapped (by hand, or at 72 characters).

    A line carries on the one before unless that one ended a sentence or was a heading in
    capitals, or the line starts a paragraph of its own: a number ("2."), a bullet, a header
    ("From:"), or a date after a line that also began with one (a list of dated lines).
    """
    blocks: list[str] = []
    for line in lines:
        previous = blocks[-1].rsplit("\n", 1)[-1].rstrip() if blocks else ""
        if previous and line.strip() and _carries_on(previous, line):
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return blocks


def _carries_on(previous: str, line: str) -> bool:
    if _NUMBERED.match(line) or _BULLET.match(line) or _HEADER.match(line):
        return False
    if line.lstrip()[:1].islower() or previous.endswith(","):
        return True
    if previous[-1] in '.!?:;"”)' or previous.isupper() or _HEADER.match(previous):
        return False
    return not (_DATE_START.match(previous) and _DATE_START.match(line))


_BULLET = re.compile(r"^\s*(?:[-*•–]|\(?[a-z]\))\s")
_HEADER = re.compile(r"^\s*[A-Z][A-Za-z -]{0,20}:\s")  # "From: ", "Subject: "
_MONTHS = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_DATE_START = re.compile(
    rf"^\s*(?:\d{{1,2}}(?:st|nd|rd|th)?[\s.-]+{_MONTHS}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\d{{4}}\b|{_MONTHS}[a-z]*\.?\s+\d)"
)


def open_docx(data: bytes, name: str) -> DocxDocument:
    """A Word document's package opened by python-docx, within the import's limits.

    :raises UserError: the file is damaged or not really a Word document, or unpacks to
        more than an import may hold.
    """
    import docx  # noqa: PLC0415  (only the Word readers need it)

    limits.check_package(data, name, "Word document")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # whatever a damaged file makes python-docx or lxml raise
        raise UserError(
            f"{name} cannot be read as a Word document: it is damaged or not really .docx."
        ) from error


def read_docx(data: bytes, name: str) -> list[Paragraph]:
    """The paragraphs of a Word document, in order, tables' rows included.

    A paragraph numbered by Word's own numbering gets its number by counting, per list, the
    paragraphs at the top level; any other that starts with a typed number keeps that.
    """
    from docx.oxml.ns import qn  # noqa: PLC0415  (only this import needs it)

    document = open_docx(data, name)
    counters: dict[str, int] = {}
    numbered_styles = {  # "List Number" and the like number their paragraphs themselves
        style.style_id: style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        for style in document.styles
        if style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    }
    paragraphs: list[Paragraph] = []
    for block in document.element.body.iterchildren():
        _count(paragraphs, name)
        if block.tag == qn("w:p"):
            text = _runs_text(block, qn)
            if not text.strip():
                continue
            number = ""
            style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            num = block.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num is None and style is not None:
                num = numbered_styles.get(style.get(qn("w:val")))
            if num is not None:
                level = num.find(qn("w:ilvl"))
                list_id = num.find(qn("w:numId"))
                key = list_id.get(qn("w:val")) if list_id is not None else ""
                if level is None or level.get(qn("w:val")) == "0":
                    counters[key] = counters.get(key, 0) + 1
                number = str(counters.get(key, ""))
            # Word's own number first, else a typed one
            paragraphs.append(Paragraph(number or _number_of(text), " ".join(text.split())))
        elif block.tag == qn("w:tbl"):
            paragraphs += [Paragraph("", row) for row in _table_rows(block, qn)]
    return paragraphs


def _table_rows(table, qn) -> Iterator[str]:  # python-docx's XML elements are untyped
    """Each row of a Word table as "cell | cell"; a table inside a cell gives its own rows."""
    for row in table.iterchildren(qn("w:tr")):
        cells, inner = [], []
        for cell in row.iterchildren(qn("w:tc")):
            parts = []
            for child in cell.iterchildren():
                if child.tag == qn("w:p"):
                    parts.append(_runs_text(child, qn))
                elif child.tag == qn("w:tbl"):
                    inner.append(child)
            cells.append(" ".join(" ".join(parts).split()))
        if any(cells):
            yield " | ".join(c for c in cells if c)
        for nested in inner:
            yield from _table_rows(nested, qn)


def _runs_text(element, qn) -> str:  # python-docx's XML elements are untyped
    """The text of a paragraph or cell, its tabs and line breaks as spaces."""
    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        parts.append(node.text or "" if node.tag == qn("w:t") else " ")
    return "".join(parts)


def plan_text(
    paragraphs: list[Paragraph],
    name: str,
    store: CaseStore | None,
    *,
    dated: FuzzyDate | None,
    source_title: str,
    kind: str = "text",
    progress: Progress | None = None,
) -> ImportPlan:
    """One proposed event per date found, citing the source document at its paragraph.

    :param dated: the document's own date (its first day is what "last year" and the like
        are read against); None when it is not known (they are then read against today, and
        the document is given no date).
    :param source_title: the document's title; it is found in the case or created.
    :param kind: "text" or "docx", for what the plan says it read.
    """
    info = store.case_info() if store is not None else None
    order = str(info.date_order) if info else "dmy"
    records, duplicates = Records(store), Duplicates(store)
    cast = Cast(store.parties(), "\n".join(p.text for p in paragraphs)) if store else None
    source_title = " ".join(source_title.split()) or name
    source_id = records.source(
        source_title,
        Source(source_title, doc_type="Document", date_text=dates.format(dated) if dated else ""),
    )
    notes = (
        []
        if dated
        else [
            "No date was given for the document, so relative dates "
            '("last year") were read against today.'
        ]
    )
    anchor = (dated.earliest or dated.latest) if dated is not None else None
    ref_date = day_of(anchor) if anchor is not None else dt.date.today()
    rows: list[ImportRow] = []
    narrative: dt.date | None = None  # the day the document has got to, paragraph by paragraph
    for index, paragraph in enumerate(paragraphs):
        if index % 200 == 0:
            check_progress(progress, index, len(paragraphs), "import")
        hits = extract.find_dates(
            paragraph.text, ref_date=ref_date, order=order, narrative=narrative
        )
        narrative = extract.narrative_after(hits, narrative)
        for hit, date_words in zip(hits, _date_words(paragraph.text, hits), strict=True):
            title, description = _title(hit.sentence, date_words)
            pinpoint = f"para {paragraph.number}" if paragraph.number else ""
            row = ImportRow(len(rows) + 1, [paragraph.number, hit.date_text, hit.sentence])
            rows.append(row)
            problem = _problem(hit, dated is not None)
            if problem:  # words like a date that are not one, or not an event: said, not imported
                row.problems.append(problem)
                continue
            if hit.kind == "quoted":  # often the event's only date, so proposed, but marked
                row.notes.append("The date is inside a quotation: check that it is this event's.")
            if hit.note:  # how the date was read: a year from the text, a day moved …
                row.notes.append(hit.note)
            named = cast.named_in(hit.sentence) if cast is not None else []
            row.event = Event(
                title,
                hit.date,
                description=description,
                party_ids=tuple(n.party.id for n in named if n.party.id is not None),
                sources=(SourceLink(source_id, pinpoint),),
            )
            if named:
                row.notes.append(f"Named in the sentence: {_as_written(named)}.")
            duplicates.mark(row, f"proposal {row.number}")
    check_progress(progress, len(paragraphs), len(paragraphs), "import")
    if not rows:
        notes.append(f"No dates were found in {name}.")
    return ImportPlan(name, kind, list(HEADINGS), rows, records, notes)


def _as_written(named: list[Named]) -> str:
    """Who is named, and how when not by their name: "Sopra Steria (as “SS”), Interserve"."""
    return ", ".join(
        n.party.name
        if n.as_written.casefold() == n.party.name.casefold()
        else f"{n.party.name} (as “{n.as_written}”)"
        for n in named
    )


def _problem(hit: extract.DateHit, dated: bool) -> str:
    """Why a hit is listed but not proposed as an event, or ""."""
    if hit.problem:
        return hit.problem
    words = " ".join(hit.date_text.split())
    if hit.kind not in ("event", "quoted"):
        return f"“{words}” is {extract.KINDS[hit.kind]}; add it yourself if it is an event."
    if hit.borrowed == "year" and not dated:  # no document date to take the year from
        words = re.sub(
            r"(?i)^(?:on|by|from|since|until|till|dated|before|after|of|in)\s+", "", words
        )
        return f"“{words}” has no year; add the event yourself, with its year."
    return ""


def _date_words(text: str, hits: list[extract.DateHit]) -> list[str]:
    """Each hit's words of its date, with the days listed beside it ("3rd and 4th June 2018")."""
    groups: list[list[extract.DateHit]] = []
    for hit in hits:
        if groups and _LISTED.fullmatch(text, groups[-1][-1].end, hit.start):
            groups[-1].append(hit)
        else:
            groups.append([hit])
    return [" ".join(text[g[0].start : g[-1].end].split()) for g in groups for _ in g]


_LISTED = re.compile(r",?\s+and\s+(?:the\s+)?|,\s*(?:the\s+)?")


def _title(sentence: str, date_words: str) -> tuple[str, str]:
    """The event's title and description (see :mod:`.titles`) from the sentence of its date.

    A paragraph's own number is not part of the sentence, nor, in a table's row, a cell that
    is only the date.
    """
    if number := _OWN_NUMBER.match(sentence):
        sentence = sentence[number.end() :].strip()
    if " | " in sentence:
        sentence = " | ".join(c for c in sentence.split(" | ") if c != date_words) or sentence
    return titles.title_and_description(sentence, date_words)
