"""The court chronology as a Word document (python-docx writes here; the import only reads).

Layout as English court documents have it: the court heading, the claim number, "BETWEEN:"
with each party and its role, the title "CHRONOLOGY" and who prepared it; then the table
No. | Date | Event | Parties | Reference, its header row repeated on every page and no row
split across pages (unless longer than half a page, which Word would cut off); undated events
in a final section; "Page X of Y" in the footer as fields.
Every element has a named style, so a firm can restyle the document in Word.

The table's rows are written as XML text into the saved file (see ``_Rows``), not with
``table.add_row().cells`` (13 s for 20,000 rows on our machine) or ``table.cell(r, c)``
(quadratic).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image as DocxImage
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import ParagraphStyle, StyleFactory
from lxml import etree

from timeline_app.core.chronology import VERSION_SUFFIX, ChronologyRow
from timeline_app.core.errors import CancelledError, UserError
from timeline_app.core.exporting import (
    PAPER_CM,
    ExportOptions,
    Progress,
    write_atomically,
)
from timeline_app.core.model import CaseInfo, Party, Status

_HEADINGS = {
    "number": "No.",
    "date": "Date",
    "event": "Event",
    "parties": "Parties",
    "reference": "Reference",
}
_WIDTHS_CM = {"number": 1.2, "date": 4.0, "event": 0.0, "parties": 4.5, "reference": 3.2}
_CM_PER_PT = 2.54 / 72
# Characters XML 1.0 does not allow (and python-docx refuses), and control characters it does
# but Word shows as junk: removed, never a crash. Line breaks are made breaks first.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""A line break however written: CR LF, CR, LF, vertical tab, form feed, the separators
Python's splitlines() counts (FS, GS, RS, NEL, U+2028, U+2029)."""


def clean(text: str) -> str:
    """Text Word can hold: every kind of line break as a newline, control characters out."""
    return _NOT_XML.sub("", _BREAKS.sub("\n", text))


def write_docx(
    path: str | os.PathLike[str],
    info: CaseInfo,
    cast: Sequence[Party],
    rows: Sequence[ChronologyRow],
    options: ExportOptions,
    *,
    timeline_png: str | None = None,
    progress: Progress | None = None,
) -> None:
    """Write the chronology's ``rows`` to ``path`` as a court document.

    The document is written to a temporary file beside ``path`` and renamed into place, so
    ``path`` holds either the previous file or the whole new one, never half of one.

    :param timeline_png: a picture of the timeline for a landscape page of its own.
    :raises CancelledError: ``progress`` returned False.
    :raises UserError: the folder cannot be written, or the picture cannot be added.
    """
    builder = _Builder(info, cast, options)
    builder.build(rows, timeline_png, progress)
    write_atomically(
        path, lambda temporary: _save(builder.document, builder.tables, temporary), "The chronology"
    )


class _Builder:
    """Builds one document; kept apart from saving so that the file is written once."""

    def __init__(self, info: CaseInfo, cast: Sequence[Party], options: ExportOptions) -> None:
        self.info, self.cast, self.options = info, cast, options
        self.document = docx.Document()
        self.styles: dict[str, str] = {}
        self.tables: list[_Rows] = []

    # ------------------------------------------------------------------ the document

    def build(
        self, rows: Sequence[ChronologyRow], timeline_png: str | None, progress: Progress | None
    ) -> None:
        self._page()
        self._make_styles()
        self._properties()
        self._heading()
        if self.options.cast == "before":
            self._cast_table()
            # A paragraph between the tables, or Word and LibreOffice join them into one.
            self._paragraph("EVENTS", "Chronology Section")
        self._chronology(rows, progress)
        if self.options.cast == "after":
            self._cast_table()
        if timeline_png:
            self._timeline_page(timeline_png)
        self._header_and_footer()

    def _timeline_page(self, png: str) -> None:
        """The timeline picture on a landscape page of its own, whatever the rest is."""
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        width, height = PAPER_CM[self.options.paper]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(max(width, height)), Cm(min(width, height))
        self._paragraph("TIMELINE", "Chronology Section")
        usable = section.page_width - section.left_margin - section.right_margin
        # Whole on the page under its heading and above its caption (about 3 cm between
        # them), whatever its shape: an exhibit is A4-shaped, the lanes wider.
        tall = section.page_height - section.top_margin - section.bottom_margin - Cm(3)
        try:
            shape = DocxImage.from_file(png)
            width = min(usable, int(tall * shape.px_width / max(1, shape.px_height)))
            self.document.add_picture(png, width=Length(width))
        except (OSError, ValueError) as error:
            raise UserError(f"The timeline picture could not be added ({error}).") from error
        self._paragraph(
            "The events drawn to scale in time; any without a date are listed beneath.",
            "Chronology Caption",
        )

    def _page(self) -> None:
        section = self.document.sections[0]
        width, height = PAPER_CM[self.options.paper]
        if self.options.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        section.page_width, section.page_height = Cm(width), Cm(height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.0))

    def _make_styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = self.options.font
        normal.font.size = Pt(self.options.font_size)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), self.options.font)
        normal.paragraph_format.space_after = Pt(0)

        def style(
            name: str,
            *,
            bold: bool = False,
            italic: bool = False,
            size: float = 0,
            align: WD_ALIGN_PARAGRAPH | None = None,
            before: float = 0,
            after: float = 0,
            caps: bool = False,
            colour: str = "",
        ) -> None:
            # As styles.add_style, less its check that the name is new (these are), which
            # reads every style of the template each time: 9 ms of a 5,000-event export.
            made = cast(
                ParagraphStyle,
                StyleFactory(
                    styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False)
                ),
            )
            made.base_style = normal
            made.font.bold = bold or None
            made.font.italic = italic or None
            made.font.all_caps = caps or None
            if size:
                made.font.size = Pt(size)
            if colour:
                made.font.color.rgb = RGBColor.from_string(colour)
            made.paragraph_format.alignment = align
            made.paragraph_format.space_before = Pt(before)
            made.paragraph_format.space_after = Pt(after)
            self.styles[name] = made.style_id

        centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
        size = self.options.font_size
        # Black, not red: the mark must survive a photocopier.
        style("Chronology Privilege", bold=True, align=centre, after=6)
        style("Chronology Claim Number", bold=True, align=right, after=6)
        style("Chronology Court", bold=True, align=centre, caps=True)
        style("Chronology Between", bold=True, before=12, after=6)
        style("Chronology Party", bold=True, align=centre, before=6, caps=True)
        style("Chronology Party Role", align=right, after=6)
        style("Chronology And", align=centre, before=6, after=6)
        style("Chronology Title", bold=True, align=centre, size=size + 3, before=18, after=6)
        style("Chronology Subtitle", align=centre, after=6)
        style("Chronology Prepared By", italic=True, align=centre, after=18)
        style("Chronology Section", bold=True, before=12, after=6)
        self.document.styles["Chronology Section"].paragraph_format.keep_with_next = True
        # The table at the document's own size (11 or 12 pt): it is what the judge reads.
        style("Chronology Table Heading", bold=True)
        style("Chronology Table Text")
        style("Chronology Event Title")
        style("Chronology Description", before=2)
        style("Chronology Dispute", italic=True, before=3)
        style("Chronology Privileged Note", bold=True, before=3, colour="B71C1C")
        style("Chronology Caption", italic=True, align=centre, size=size - 1, before=6)
        style("Chronology Header", align=right, size=size - 1)
        style("Chronology Footer", align=centre, size=size - 1)

    def _properties(self) -> None:
        properties = self.document.core_properties
        # Word's document properties hold 255 characters at most.
        properties.title = clean(f"Chronology — {self.info.title}")[:255]
        properties.author = clean(self.info.prepared_by or "Evidence Timeline")[:255]
        properties.subject = clean(self.info.claim_number)[:255]
        properties.comments = "Privileged" if self.options.privileged else ""

    def _paragraph(self, text: str, style: str) -> None:
        self.document.add_paragraph(clean(text), style=style)

    def _heading(self) -> None:
        info = self.info
        if self.options.privileged:
            self._paragraph(
                "PRIVILEGED AND CONFIDENTIAL — PREPARED FOR THE PURPOSE OF LITIGATION",
                "Chronology Privilege",
            )
        if info.claim_number:
            self._paragraph(f"Claim No. {info.claim_number}", "Chronology Claim Number")
        for line in info.court_lines:
            self._paragraph(line, "Chronology Court")
        if info.parties:
            self._paragraph("BETWEEN:", "Chronology Between")
            for index, party in enumerate(info.parties):
                if index:
                    self._paragraph("– and –", "Chronology And")
                self._paragraph(party.name, "Chronology Party")
                self._paragraph(party.role, "Chronology Party Role")
        self._paragraph("CHRONOLOGY", "Chronology Title")
        if self.options.subtitle:
            self._paragraph(self.options.subtitle, "Chronology Subtitle")
        if info.prepared_by:
            self._paragraph(f"Prepared by {info.prepared_by}", "Chronology Prepared By")

    def _header_and_footer(self) -> None:
        """Page X of Y at the foot of every page; the claim number at the head of the rest.

        From the second page on, the privilege mark (when privileged) and the claim number head
        each page, so that a page that strays from the bundle is still known.
        """
        section = self.document.sections[0]
        section.different_first_page_header_footer = True  # page 1 has the full heading
        for footer in (section.footer, section.first_page_footer):
            paragraph = footer.paragraphs[0]
            paragraph.style = self.document.styles["Chronology Footer"]
            paragraph.add_run("Page ")
            _field(paragraph, "PAGE")
            paragraph.add_run(" of ")
            _field(paragraph, "NUMPAGES")
        lines = [
            (text, style)
            for text, style in (
                (
                    "PRIVILEGED AND CONFIDENTIAL" if self.options.privileged else "",
                    "Chronology Privilege",
                ),
                (
                    f"Claim No. {self.info.claim_number}" if self.info.claim_number else "",
                    "Chronology Header",
                ),
            )
            if text
        ]
        header = section.header
        for index, (text, style) in enumerate(lines):
            paragraph = header.paragraphs[0] if index == 0 else header.add_paragraph()
            paragraph.text = clean(text)
            paragraph.style = self.document.styles[style]

    # ------------------------------------------------------------------ the tables

    def _table(self, headings: Sequence[str], widths: Sequence[float]):
        table = self.document.add_table(rows=1, cols=len(headings))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for index, (heading, width) in enumerate(zip(headings, widths, strict=True)):
            cell = table.rows[0].cells[index]
            cell.width = Cm(width)
            table.columns[index].width = Cm(width)
            cell.paragraphs[0].text = heading
            cell.paragraphs[0].style = self.document.styles["Chronology Table Heading"]
        _row_flags(table.rows[0]._tr, header=True)
        # Room above and below each cell's text (2 pt), so that it never touches a border;
        # Word's usual 0.19 cm at the sides. The schema wants it before <w:tblLook>.
        margins = parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:top w:w="40" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
            '<w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        )
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is not None:
            look.addprevious(margins)
        else:
            table._tbl.tblPr.append(margins)
        return table

    def _rows(self, table, widths: Sequence[float]) -> _Rows:
        section = self.document.sections[0]
        height = _cm(section.page_height) - _cm(section.top_margin) - _cm(section.bottom_margin)
        self.tables.append(_Rows(table, widths, len(self.tables), self.options.font_size, height))
        return self.tables[-1]

    def _usable_width(self) -> float:
        """The text block's width in cm, less a little for the borders drawn outside it."""
        section = self.document.sections[0]
        return _cm(section.page_width) - _cm(section.left_margin) - _cm(section.right_margin) - 0.2

    def _widths(self, columns: Sequence[str]) -> list[float]:
        """Column widths in cm that fill the text block and never run past its margins.

        The Event column takes what the others leave, but at least two fifths of the width;
        on a narrow page the Date, Parties and Reference columns shrink in proportion to make
        room for it (No. keeps its width, or the numbers would wrap).
        """
        usable = self._usable_width()
        number = _WIDTHS_CM["number"] if "number" in columns else 0.0
        others = sum(_WIDTHS_CM[c] for c in columns if c not in ("event", "number"))
        event = max(usable - number - others, usable * 0.4)
        shrink = min(1.0, (usable - number - event) / others) if others else 1.0
        return [
            event if c == "event" else _WIDTHS_CM[c] if c == "number" else _WIDTHS_CM[c] * shrink
            for c in columns
        ]

    def _cast_table(self) -> None:
        self._paragraph("DRAMATIS PERSONAE", "Chronology Section")
        usable = self._usable_width()
        widths = [usable * 0.3, usable * 0.4, usable * 0.3]
        table = self._table(("Name", "Role", "Organisation"), widths)
        rows = self._rows(table, widths)
        style = self.styles["Chronology Table Text"]
        for party in self.cast:
            rows.add(
                [[(text, style, False)] for text in (party.name, party.role, party.organisation)]
            )

    def _chronology(self, rows: Sequence[ChronologyRow], progress: Progress | None) -> None:
        columns = self.options.columns
        widths = self._widths(columns)
        table = self._table([_HEADINGS[c] for c in columns], widths)
        body = self._rows(table, widths)
        cells = [getattr(self, f"_{column}_cell") for column in columns]
        undated_started = False
        for done, row in enumerate(rows):
            if progress is not None and done % 500 == 0 and not progress(done, len(rows)):
                raise CancelledError("The export was cancelled; no file was written.")
            if row.undated and not undated_started:
                undated_started = True
                body.add_heading("Undated events", self.styles["Chronology Section"])
            body.add([cell(row) for cell in cells])
        if progress is not None:
            progress(len(rows), len(rows))

    # One method per column: the paragraphs of its cell, as (text, style id, bold).

    def _text_cell(self, text: str) -> list[tuple[str, str, bool]]:
        return [(text, self.styles["Chronology Table Text"], False)]

    def _number_cell(self, row: ChronologyRow) -> list[tuple[str, str, bool]]:
        return self._text_cell(str(row.number))

    def _date_cell(self, row: ChronologyRow) -> list[tuple[str, str, bool]]:
        # Under the "Undated events" heading there is nothing to repeat.
        return self._text_cell("" if row.undated else row.when)

    def _parties_cell(self, row: ChronologyRow) -> list[tuple[str, str, bool]]:
        return self._text_cell(row.parties_text)

    def _reference_cell(self, row: ChronologyRow) -> list[tuple[str, str, bool]]:
        return self._text_cell(row.references_text)

    def _event_cell(self, row: ChronologyRow) -> list[tuple[str, str, bool]]:
        bold = self.options.key_bold and row.key
        paragraphs = [(row.title, self.styles["Chronology Event Title"], bold)]
        paragraphs += [
            (line, self.styles["Chronology Description"], False)
            for line in _BREAKS.split(row.description)
            if line.strip()
        ]
        paragraphs += self._dispute(row)
        if self.options.privileged and row.privileged_note.strip():
            paragraphs.append(
                (
                    f"PRIVILEGED: {row.privileged_note.strip()}",
                    self.styles["Chronology Privileged Note"],
                    True,
                )
            )
        return paragraphs

    def _dispute(self, row: ChronologyRow) -> list[tuple[str, str, bool]]:
        style = self.styles["Chronology Dispute"]
        if row.status is Status.DISPUTED:
            lines = ["Disputed."]
        elif row.status is Status.CONTESTED_BY_CLAIMANT:
            lines = ["Disputed by the Claimant."]
        elif row.status is Status.CONTESTED_BY_DEFENDANT:
            lines = ["Disputed by the Defendant."]
        elif row.status is Status.AGREED:
            return [("Agreed.", style, False)]
        else:
            return []
        lines += [f"{side}{VERSION_SUFFIX}: {version}" for side, version in row.versions.items()]
        return [(line, style, False) for line in lines]


# --------------------------------------------------------------------- XML helpers


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word keeps up to date, showing "1" until it does."""

    def mark(kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(char)

    mark("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    mark("separate")
    paragraph.add_run().text = "1"
    mark("end")


def _row_flags(tr, *, header: bool) -> None:
    """The row is kept on one page; the header row repeats on every page."""
    properties = tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)


class _Rows:
    """The body rows of one table, written as WordprocessingML text.

    The rows never become python-docx objects or lxml elements: the table holds a marker where
    they go, and ``_save`` writes them there as the file is written. Parsing the text with lxml
    and having python-docx serialise it again took longer than making it.
    """

    def __init__(
        self, table, widths: Sequence[float], number: int, text_size: float, page_height: float
    ) -> None:
        template = table.add_row()
        for cell, width in zip(template.cells, widths, strict=True):
            cell.width = Cm(width)
        table._tbl.remove(template._tr)
        table._tbl.append(etree.ProcessingInstruction(_MARKER, str(number)))
        self._loose_row_start = "<w:tr>" + _xml(template._tr.find(qn("w:trPr")))
        _row_flags(template._tr, header=False)
        self._row_start = "<w:tr>" + _xml(template._tr.find(qn("w:trPr")))
        self._cell_starts = [
            "<w:tc>" + _xml(tc.find(qn("w:tcPr"))) for tc in template._tr.iter(qn("w:tc"))
        ]
        # A row kept on one page that is taller than the page is cut off at its foot by Word.
        # So a row longer than half a page may split. Lengths are guessed: a character is
        # about half the type size wide, a line 1.2 times its size high, in Arial or Times.
        self._per_line = [
            max(1, int((width - 0.4) / (0.5 * text_size * _CM_PER_PT))) for width in widths
        ]
        self._most_lines = int(page_height / (1.2 * text_size * _CM_PER_PT) / 2)
        self.text: list[str] = []

    def add(self, cells: Sequence[Sequence[tuple[str, str, bool]]]) -> None:
        """One row: for each cell, its paragraphs as (text, style id, bold)."""
        parts = [self._row_start]
        tallest = 0
        for start, per_line, paragraphs in zip(
            self._cell_starts, self._per_line, cells, strict=True
        ):
            parts.append(start)
            lines = 0
            for text, style, bold in paragraphs or [("", "", False)]:
                parts.append(_paragraph_xml(text, style, bold))
                lines += len(text) // per_line + 1
            tallest = max(tallest, lines)
            parts.append("</w:tc>")
        parts.append("</w:tr>")
        row = "".join(parts)
        if tallest + row.count("<w:br/>") > self._most_lines:  # breaks as if all in one cell
            row = self._loose_row_start + row[len(self._row_start) :]
        self.text.append(row)

    def add_heading(self, text: str, style_id: str) -> None:
        """A row of one cell across the table: a section's heading ("Undated events")."""
        self.text.append(
            f'{self._row_start}<w:tc><w:tcPr><w:gridSpan w:val="{len(self._cell_starts)}"/>'
            f"</w:tcPr>{_paragraph_xml(text, style_id, False)}</w:tc></w:tr>"
        )


_MARKER = "evidence-timeline-rows"
"""The processing instruction that stands for a table's body rows until the file is written."""
_SPLIT = re.compile(rb"<\?" + _MARKER.encode() + rb" (\d+)\?>")


def _cm(length: Length | None) -> float:
    """A page measure in cm (python-docx calls one it was never given None; ours are all set)."""
    if length is None:
        raise ValueError("the page's size and margins are set before anything is measured")
    return length.cm


def _save(document: DocxDocument, tables: Sequence[_Rows], target: Path) -> None:
    """Write ``document`` to ``target`` with each table's rows where its marker stands.

    python-docx writes the frame (styles, heading, footer, properties); the frame's body is then
    copied in pieces, and the rows' text goes between them, never held as one string.
    """
    frame = io.BytesIO()
    document.save(frame)
    body_name = document.part.partname.lstrip("/")  # word/document.xml
    with zipfile.ZipFile(frame) as source:
        pieces = _SPLIT.split(source.read(body_name))
        markers = [int(number) for number in pieces[1::2]]
        if markers != list(range(len(tables))):  # python-docx wrote them otherwise: a bug
            raise RuntimeError(f"table markers {markers} in the frame, not 0 to {len(tables)}")
        # UTF-8 takes four bytes a character at most; past 2 GiB zip needs ZIP64.
        size = (
            len(pieces[0])
            + sum(len(p) for p in pieces[2::2])
            + 4 * sum(len(row) for rows in tables for row in rows.text)
        )
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=_COMPRESSION) as out:
            for item in source.infolist():
                if item.filename != body_name:
                    out.writestr(item, source.read(item))
                    continue
                with out.open(body_name, "w", force_zip64=size > zipfile.ZIP64_LIMIT) as body:
                    body.write(pieces[0])
                    for rows, following in zip(tables, pieces[2::2], strict=True):
                        for start in range(0, len(rows.text), _WRITE_ROWS):
                            body.write("".join(rows.text[start : start + _WRITE_ROWS]).encode())
                        body.write(following)


_COMPRESSION = 1
"""zlib's fastest level: it compresses in less than half the default's time, for a file about
a third larger (570 KB, not 435 KB, for 5,000 events)."""
_WRITE_ROWS = 1000
"""Rows encoded and written at a time: no one string of the whole table is ever made."""


def _xml(element) -> str:
    """An element as text, without repeating the namespace declaration on every row."""
    return (
        ""
        if element is None
        else etree.tostring(element, encoding="unicode").replace(f' xmlns:w="{nsmap["w"]}"', "")
    )


def _paragraph_xml(text: str, style_id: str, bold: bool) -> str:
    """One paragraph of one run; line breaks become Word's, characters XML forbids go."""
    style = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    run_start = "<w:r><w:rPr><w:b/></w:rPr>" if bold else "<w:r>"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not text.isprintable():  # a quick test in C; most texts have no breaks or controls
        text = _NOT_XML.sub("", _BREAKS.sub('</w:t><w:br/><w:t xml:space="preserve">', text))
    return f'<w:p>{style}{run_start}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
