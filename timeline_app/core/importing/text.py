"""Events proposed from prose: pasted text, a .txt file or a Word document.

The document is split into paragraphs, each with its number where it has one (witness
statements and pleadings number theirs); the extraction engine finds the dates in each, and
every date becomes a proposed event citing the document at that paragraph. Its title is its
sentence when that is short, else a short phrase of the sentence's own words; the
description keeps what the title leaves out. The user reviews the proposals before anything
is saved.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from timeline_app.core import dates, extract
from timeline_app.core.errors import UserError
from timeline_app.core.importing import limits
from timeline_app.core.importing.plan import (
    Duplicates,
    ImportPlan,
    ImportRow,
    Progress,
    Records,
    check_progress,
)
from timeline_app.core.model import Event, FuzzyDate, Source, SourceLink, day_of
from timeline_app.core.store import CaseStore
from timeline_app.core.textfile import decode

HEADINGS = ["Paragraph", "Date as written", "Sentence"]
# "12." or "12)" or "12<tab>": not "12 March 2019" or "2019 was", which start with a date, nor
# "14.05.2019" or "1.2m". Such a line starts a paragraph of its own in hand-wrapped text.
_NUMBERED = re.compile(r"^\s*(\d{1,3})(?:[.)](?=\s)|\t)\s*")
# A paragraph's own number may also be a judgment's "[12]" or a sub-paragraph's "1.1." (not
# "(2)", which numbers the items inside a paragraph, nor "10.30", a time).
_OWN_NUMBER = re.compile(
    r"^\s*(?:\[(\d{1,3})\]|(\d{1,3}\.\d{1,3})\.(?=\s)|(\d{1,3})(?:[.)](?=\s)|\t))"
)
_SHORT_TITLE = 90  # characters: a sentence this short is its own title, a phrase is cut to it


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


def read_docx(data: bytes, name: str) -> list[Paragraph]:
    """The paragraphs of a Word document, in order, tables' rows included.

    A paragraph numbered by Word's own numbering gets its number by counting, per list, the
    paragraphs at the top level; any other that starts with a typed number keeps that.
    """
    import docx  # noqa: PLC0415  (only this import needs it)
    from docx.oxml.ns import qn  # noqa: PLC0415

    limits.check_package(data, name, "Word document")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # whatever a damaged file makes python-docx or lxml raise
        raise UserError(
            f"{name} cannot be read as a Word document: it is damaged or not really .docx."
        ) from error
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
            row.event = Event(
                title, hit.date, description=description, sources=(SourceLink(source_id, pinpoint),)
            )
            duplicates.mark(row, f"proposal {row.number}")
    check_progress(progress, len(paragraphs), len(paragraphs), "import")
    if not rows:
        notes.append(f"No dates were found in {name}.")
    return ImportPlan(name, kind, list(HEADINGS), rows, records, notes)


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
    """The event's title and description, from the sentence that holds its date.

    A short sentence is the title, and the description is empty. A longer one gives a short
    phrase (see :func:`_phrase`); the description then holds the words as written: the rest of
    the sentence when the title is its opening words, else the whole sentence. Nothing is
    said twice. A paragraph's own number is not part of the sentence, nor, in a table's row,
    a cell that is only the date.
    """
    if number := _OWN_NUMBER.match(sentence):
        sentence = sentence[number.end() :].strip()
    if " | " in sentence:
        sentence = " | ".join(c for c in sentence.split(" | ") if c != date_words) or sentence
    if len(sentence) <= _SHORT_TITLE:
        return sentence, ""
    title = _phrase(sentence, date_words)
    opening = title.removesuffix("…")
    if not sentence.startswith(opening):
        return title, sentence
    rest = sentence[len(opening) :].lstrip(" ,;:")
    return title, "…" + rest if rest.strip(" .") else ""


def _phrase(sentence: str, date_words: str) -> str:
    """A short neutral phrase for a long sentence: the words of its event, less its date.

    The phrase is the clause that holds the date (clauses end at "; ", a spaced dash, or a
    comma before "and", "when", "with" and the like; a clause of its date alone takes in the
    next) less what frames it: asides (", which …," and brackets), linking words ("Yet",
    "and when"), a leading phrase with a comma that is only framing ("On 8 November 2018,",
    "By a letter dated …,"), and the date itself with the word that introduces it. Words are
    never changed or added; quotations are not split.
    """
    text = _without_asides(sentence, date_words)
    guarded, _ = _nesting(text)
    found = text.find(date_words) if date_words else -1
    date = (found, found + len(date_words)) if found >= 0 else (0, 0)
    breaks = list(_CLAUSE_BREAK.finditer(guarded))
    before = [b.end() for b in breaks if b.end() <= date[0]]
    after = [b.start() for b in breaks if b.start() >= date[1]]
    lo, hi = (before or [0])[-1], (after or [len(text)])[0]
    while _words_besides(text, lo, hi, date) < 3 and (before or after):
        if after:
            after.pop(0)
            hi = (after or [len(text)])[0]
        else:
            before.pop()
            lo = (before or [0])[-1]
    if (aside := _ASIDE_TO_END.search(guarded, lo, hi)) and aside.start() > date[0]:
        hi = aside.start()  # ", which …" to the end of the clause, when the date is before it
    while True:
        if link := _LINK.match(text, lo, hi) or (_WHEN.match(text, lo, hi) if lo else None):
            lo = link.end()
        comma = guarded.find(", ", lo, hi)
        if not _FRAMING.match(text, lo, hi) or comma < 0:
            break
        if len(text[comma:hi].split()) <= 3:
            break  # what follows the comma is too short to stand alone
        if lo <= date[0] < comma:
            framing = (text[lo : date[0]] + text[date[1] : comma]).split()
            if framing and framing[0].lower() != "by" and len(framing) > 4:
                hi = comma  # the phrase with the date is the event: "After a meeting in Leeds …"
                break
        lo = comma + 2
    if lo <= date[0] and date[1] <= hi:
        lead = _DATE_LEAD.search(text, lo, date[0])
        tail = _DATE_TAIL.match(text, date[1], hi)  # "from c. March 2018 onwards"
        phrase = (
            text[lo : lead.start() if lead else date[0]]
            + text[tail.end() if tail else date[1] : hi]
        )
    else:
        phrase = text[lo:hi]
    phrase = re.sub(r"\s+(?=[,;:.])", "", " ".join(phrase.split())).strip(" ,;:.–—-")
    if len(phrase.split()) < 2:
        phrase = sentence  # the clause was only its date
    phrase = _capped(phrase)
    return phrase[:1].upper() + phrase[1:]


def _without_asides(sentence: str, date_words: str) -> str:
    """The sentence less its asides (", which …," and brackets), except one holding the date."""
    guarded, _ = _nesting(sentence)
    found = sentence.find(date_words) if date_words else -1
    kept, at = [], 0
    for aside in _ASIDE.finditer(guarded):
        if not aside.start() <= found < aside.end():
            ends_clause = _CLAUSE_BREAK.match(guarded, aside.end() - 1)  # ", which …, and"
            kept += [sentence[at : aside.start()], "," if ends_clause else ""]
            at = aside.end()
    return "".join(kept) + sentence[at:]


def _words_besides(sentence: str, lo: int, hi: int, date: tuple[int, int]) -> int:
    """How many words ``sentence[lo:hi]`` has besides the date's."""
    if lo <= date[0] and date[1] <= hi:
        return len(sentence[lo : date[0]].split()) + len(sentence[date[1] : hi].split())
    return len(sentence[lo:hi].split())


def _capped(phrase: str) -> str:
    """The phrase cut at a word to fit a title, with "…" when cut; quotations never half-open."""
    if len(phrase) > _SHORT_TITLE:
        head = phrase[:_SHORT_TITLE]
        cut = head.rsplit(" ", 1)[0]
        _, still_open = _nesting(cut)
        if still_open and len(cut[: still_open[0]].split()) >= 3:
            cut = cut[: still_open[0]]  # stop before a quotation that would not close
        cut = _TRAILING.sub("", cut).rstrip(" ,;:–—-")
        if len(cut.split()) < 2:
            cut = head  # too little is left at a word: cut inside one
        phrase = cut + "…"
    _, still_open = _nesting(phrase)
    if still_open and still_open[0] == 0:
        phrase = phrase[1:].lstrip()  # a quotation whose end was left out
    return phrase


def _nesting(text: str) -> tuple[str, list[int]]:
    """``text`` with the insides of quotations and brackets blanked, and the marks left open.

    The blanked text keeps every offset; the marks left open at its end are given by offset.
    """
    blanked: list[str] = []
    opened: list[tuple[int, str]] = []  # (offset, the mark that closes it), innermost last
    for at, char in enumerate(text):
        if opened and char == opened[-1][1]:
            opened.pop()
        elif char in _CLOSING:
            opened.append((at, _CLOSING[char]))
            blanked.append(char)
            continue
        blanked.append("x" if opened else char)
    return "".join(blanked), [at for at, _ in opened]


_CLOSING = {'"': '"', "“": "”", "(": ")", "[": "]"}
# Where a clause ends: "; ", a dash between spaces, a comma before a conjunction.
_CLAUSE_BREAK = re.compile(
    r";\s+|\s+[–—-]\s+"
    r"|,\s+(?=(?:and|but|while|whereas|although|though|yet|so|as|when|with|whereupon|because|until)\s)"
)
# Words that link a clause to what came before: "Yet", "However,", "and".
_LINK = re.compile(
    r"(?i:and|but|yet|then|however|meanwhile|moreover|furthermore|subsequently|thereafter"
    r"|accordingly|also|nevertheless)\b,?\s+"
)
_WHEN = re.compile(r"(?:when|whereupon|until)\s+")  # a clause's own, after a comma
# Words that open a framing phrase: "On 8 November 2018, …", "Following the tender, …".
_FRAMING = re.compile(
    r"(?i:on|in|at|by|after|before|following|during|upon|under|pursuant|from|since|until"
    r"|throughout|having|with|despite|notwithstanding|around|about|circa|c\.)\s"
)
_DATE_LEAD = re.compile(r"(?i:\b(?:on|in|at|during|dated|of|from|the)\s+)+$")
_DATE_TAIL = re.compile(r"\s+onwards?\b")
_ASIDE = re.compile(r",\s+(?:which|who|whom|whose)\b[^,;]*,|\s*\([^()]*\)")
_ASIDE_TO_END = re.compile(r",\s+(?:which|who|whom|whose)\b[^,;]*$")
# What a cut title should not end on: a little word, or a day or count without its noun.
_TRAILING = re.compile(
    r"(?i:\s+(?:a|an|the|of|to|and|or|in|on|at|by|for|with|from|that|its|their|his|her|as"
    r"|was|were|is|be|been|had|has|have|\d{1,3}))+$"
)
