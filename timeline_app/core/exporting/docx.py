"""The court chronology as a Word document (python-docx writes here; the import only reads).

Layout as English court documents have it: the court heading, the claim number, "BETWEEN:"
with each party and its role, the title ("CHRONOLOGY", "AGREED CHRONOLOGY" …) between rules,
with its version and date and who prepared it; then the table
No. | Date | Event | Parties | Reference, its header row repeated on every page and no row
split across pages (unless longer than half a page, which Word would cut off); undated events
in a final section; "Page X of Y" in the footer as fields.
Every element has a named style, so a firm can restyle the document in Word; a firm's own
template (.dotx or .docx) supplies its styles, margins, headers and footers, and any of our
styles it defines is used as it is. The title and the section headings carry outline levels,
so that Word's navigation pane and a PDF's bookmarks list them.

The file says what it is: British English, Word 2013+ compatibility (mode 15), properties
from the case, and none of python-docx's template left in it (its 2013 dates, "Microsoft
Macintosh Word", the blank thumbnail, the unused Word 2010 styles part).

The table's rows are written as XML text into the saved file (see ``_Rows``), not with
``table.add_row().cells`` (13 s for 20,000 rows on our machine) or ``table.cell(r, c)``
(quadratic). For LibreOffice, which lays a table of thousands of rows out in minutes, the
rows can be written as a run of tables of a hundred rows each (``split_rows``).
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import getpass
import io
import math
import os
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.section import Section
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import CharacterStyle, ParagraphStyle, StyleFactory
from lxml import etree

from timeline_app import __version__
from timeline_app.core.chronology import LIST_SEPARATOR, VERSION_SUFFIX, ChronologyRow
from timeline_app.core.errors import CancelledError, UserError
from timeline_app.core.exporting import (
    PAPER_CM,
    ExportOptions,
    Progress,
    write_atomically,
)
from timeline_app.core.exporting.cast import CastGroup, cast_groups, description, same_name
from timeline_app.core.exporting.presets import title_text
from timeline_app.core.model import CaseInfo, Party, PartyKind, Status
from timeline_app.core.served import Changes, RowChange

_HEADINGS = {
    "number": "No.",
    "date": "Date",
    "event": "Event",
    "parties": "Parties",
    "reference": "Reference",
}
_WIDTHS_CM = {"date": 4.0, "event": 0.0, "parties": 4.5, "reference": 3.4}
_LEAST_CM = {"date": 3.0, "parties": 2.0, "reference": 2.9}
_EVENT_SHARE = 0.45
_EVENT_LEAST_SHARE = 0.35  # on a page too narrow for the other columns' least
_CM_PER_PT = 2.54 / 72
# Characters XML 1.0 does not allow (and python-docx refuses), and control characters it does
# but Word shows as junk: removed, never a crash. Line breaks are made breaks first.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""A line break however written: CR LF, CR, LF, vertical tab, form feed, the separators
Python's splitlines() counts (FS, GS, RS, NEL, U+2028, U+2029)."""
LANGUAGE = "en-GB"
COMPATIBILITY_MODE = "15"
"""Word 2013 and later: Word 365 opens the file without "Compatibility Mode"."""
NO_BREAK_AFTER = "\u200d"
"""After each "/" of a reference, so that "B/12/345" never breaks across lines: Word's own
"no-width non break" character, which LibreOffice's line breaking honours too."""
LinkTarget = Callable[[tuple[str, int] | None], str | None]
"""The link for a bundle page (("B", 345) → "bundle/B.pdf#page=345"), or None."""

Paragraph = tuple[str, str, bool]
"""One paragraph of a cell: its text, style id, and whether it is bold."""


def clean(text: str) -> str:
    """Text Word can hold: every kind of line break as a newline, control characters out."""
    return _NOT_XML.sub("", _BREAKS.sub("\n", text))


def unbreakable(reference: str, *, marks: bool = True) -> str:
    """A reference that does not break across lines.

    Its spaces are no-break spaces. With ``marks``, its hyphens are non-breaking hyphens and
    no break follows a "/", as Word needs; LibreOffice follows Unicode's line breaking, which
    never breaks "B/12/345-347", so a PDF made by it keeps the plain characters, and a search
    of the PDF for "B/12/345" finds it.
    """
    reference = reference.replace(" ", "\u00a0")
    if marks:
        reference = reference.replace("-", "\u2011").replace("/", "/" + NO_BREAK_AFTER)
    return reference


def write_docx(
    path: str | os.PathLike[str],
    info: CaseInfo,
    cast: Sequence[Party],
    rows: Sequence[ChronologyRow],
    options: ExportOptions,
    *,
    timeline_png: str | None = None,
    progress: Progress | None = None,
    total: int | None = None,
    links: LinkTarget | None = None,
    split_rows: int = 0,
    now: dt.datetime | None = None,
    changes: Changes | None = None,
    author: str = "",
) -> None:
    """Write the chronology's ``rows`` to ``path`` as a court document.

    The document is written to a temporary file beside ``path`` and renamed into place, so
    ``path`` holds either the previous file or the whole new one, never half of one.

    :param timeline_png: a picture of the timeline for a landscape page of its own.
    :param total: the events in the whole chronology; when the rows are fewer, the document
        says that it is an extract whose numbers are the full chronology's.
    :param links: the e-bundle link for a reference, if it has one.
    :param split_rows: for LibreOffice: write the chronology as tables of this many rows, and
        references without Word's no-break marks (see :func:`unbreakable`).
    :param now: the time the document's properties give (default: now).
    :param changes: the rows against a served version: written as Word's tracked changes
        (by ``author``, dated ``now``), after a table that counts them; ``rows`` are then
        only counted.
    :raises CancelledError: ``progress`` returned False.
    :raises UserError: the folder cannot be written, the template cannot be read, or the
        picture cannot be added.
    """
    builder = _Builder(info, cast, options, links, now or dt.datetime.now(dt.UTC))
    builder.word_marks = not split_rows
    builder.changes, builder.author = changes, author or _user()
    builder.build(rows, timeline_png, progress, total)
    write_atomically(
        path,
        lambda temporary: _save(builder.document, builder.tables, temporary, split_rows),
        "The chronology",
    )


def estimate_pages(
    info: CaseInfo, cast: Sequence[Party], rows: Sequence[ChronologyRow], options: ExportOptions
) -> int:
    """About how many pages the chronology fills, from the lines its rows are guessed to take.

    The document is built but not saved. The guess errs long for rows of short lines.
    """
    builder = _Builder(info, cast, options, None, dt.datetime.now(dt.UTC))
    builder.build(rows, None, None, None)
    section = builder.document.sections[0]
    height = _cm(section.page_height) - _cm(section.top_margin) - _cm(section.bottom_margin)
    lines = sum(table.lines + len(table.text) * 0.5 for table in builder.tables)  # borders
    heading = 12 + len(info.court_lines) + 4 * len(info.parties)
    per_page = height / builder.tables[0].line_cm if builder.tables else 1
    return max(1, math.ceil((lines + heading) / per_page))


def last_text(
    info: CaseInfo, cast: Sequence[Party], rows: Sequence[ChronologyRow], options: ExportOptions
) -> str:
    """Text that the document ends with, to check that a conversion kept all of it."""
    if options.timeline:
        return _TIMELINE_CAPTION
    if options.cast == "after":
        groups = cast_groups(info, cast)
        if groups:
            return groups[-1].members[-1].name
    return rows[-1].title if rows else ""


_TIMELINE_CAPTION = "The events drawn to scale in time; any without a date are listed beneath."


def open_template(path: str | os.PathLike[str]) -> DocxDocument:
    """A firm's Word template (.dotx) or document (.docx), emptied of its text.

    Its styles, page margins, headers and footers stay; the body's paragraphs and tables go.

    :raises UserError: the file cannot be read, or is not a Word document or template.
    """
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UserError(f"The template {name} cannot be read ({error.strerror}).") from error
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = package.read("[Content_Types].xml")
            if b"macroEnabled" in types:
                raise UserError(
                    f"The template {name} holds macros (.dotm or .docm); save it as a "
                    "Word template (.dotx) without them, and choose that."
                )
            # A template's main part has its own content type, which python-docx refuses.
            types = types.replace(
                b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml"
            )
            copy = io.BytesIO()
            with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
                for item in package.infolist():
                    if item.filename == "[Content_Types].xml":
                        out.writestr(item, types)
                    else:
                        out.writestr(item, package.read(item))
        document = docx.Document(copy)
    except UserError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise UserError(
            f"The template {name} is not a Word template (.dotx) or document (.docx) that "
            "can be read."
        ) from error
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


class _Builder:
    """Builds one document; kept apart from saving so that the file is written once."""

    def __init__(
        self,
        info: CaseInfo,
        cast: Sequence[Party],
        options: ExportOptions,
        links: LinkTarget | None,
        now: dt.datetime,
    ) -> None:
        self.info, self.cast, self.options, self.now = info, cast, options, now
        self.house = bool(options.template)
        self.document = open_template(options.template) if self.house else docx.Document()
        self.styles: dict[str, str] = {}
        self.tables: list[_Rows] = []
        self._links = links
        self._link_ids: dict[str, str] = {}
        self.word_marks = True
        """References carry Word's no-break marks (see :func:`unbreakable`)."""
        self.changes: Changes | None = None
        """What changed since a served version, to write as tracked changes."""
        self.author = ""
        """Whose tracked changes they are."""

    # ------------------------------------------------------------------ the document

    def build(
        self,
        rows: Sequence[ChronologyRow],
        timeline_png: str | None,
        progress: Progress | None,
        total: int | None,
    ) -> None:
        self._page()
        self._make_styles()
        self._properties()
        self._tidy()
        self._heading()
        if total is not None and len(rows) < total:
            self._paragraph(
                f"This is an extract: {len(rows):,} of the {total:,} events of the chronology. "
                "Each keeps its number in the full chronology.",
                "Chronology Note",
            )
        if self.changes is not None:
            self._changes_table(self.changes)
        if self.options.cast == "before":
            self._cast_table()
        if self.options.cast == "before" or self.changes is not None:
            # A paragraph between the tables, or Word and LibreOffice join them into one.
            self._paragraph("EVENTS", "Chronology Section")
        if self.changes is not None:
            self._tracked_chronology(self.changes, progress)
        else:
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
        self._paragraph(_TIMELINE_CAPTION, "Chronology Caption")

    def _page(self) -> None:
        """Paper and orientation as chosen; margins as chosen, or as the house template has."""
        section = self.document.sections[0]
        width, height = PAPER_CM[self.options.paper]
        if self.options.landscape:
            width, height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE if self.options.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(width), Cm(height)
        if self.house and all(
            getattr(section, side) is not None
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin")
        ):
            return
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(self.options.margin_cm))
        section.header_distance = section.footer_distance = Cm(self.options.margin_cm / 2)

    def _body_size(self) -> float:
        """The body text's size in points: ours, or the house template's Normal."""
        if not self.house:
            return self.options.font_size
        size = self.document.styles["Normal"].font.size
        if size is not None:
            return size.pt
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        found = None if defaults is None else defaults.find(".//" + qn("w:sz"))
        return int(found.get(qn("w:val"))) / 2 if found is not None else 10

    def _make_styles(self) -> None:  # noqa: PLR0915  (one line per style)
        styles = self.document.styles
        normal = styles["Normal"]
        _language(styles.element)
        if not self.house:
            normal.font.name = self.options.font
            normal.font.size = Pt(self.options.font_size)
            normal.element.get_or_add_rPr().rFonts.set(qn("w:eastAsia"), self.options.font)
            normal.paragraph_format.space_after = Pt(0)
            normal.paragraph_format.line_spacing = self.options.line_spacing
        size = self._body_size()
        existing = {s.name for s in styles} if self.house else set()

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
            outline: int | None = None,
            keep_with_next: bool = False,
        ) -> None:
            if name in existing:  # the firm's own, used as it is
                own = styles[name]
                self.styles[name] = own.style_id
                p_pr = own.element.get_or_add_pPr()
                if outline is not None and p_pr.outlineLvl is None:  # bookmarks all the same
                    p_pr.get_or_add_outlineLvl().val = outline
                return
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
            fmt = made.paragraph_format
            fmt.alignment = align
            fmt.space_before = Pt(before)
            fmt.space_after = Pt(after)
            if keep_with_next:
                fmt.keep_with_next = True
            if outline is not None:  # Word's navigation pane and the PDF's bookmarks
                made.element.get_or_add_pPr().get_or_add_outlineLvl().val = outline
            self.styles[name] = made.style_id

        centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
        small = round(size * 0.9 * 2) / 2  # headers, footers and captions: a tenth smaller
        # Black, not red: the mark must survive a photocopier.
        style("Chronology Privilege", bold=True, align=centre, after=6)
        style("Chronology Claim Number", bold=True, align=right, after=6)
        style("Chronology Court", bold=True, align=centre, caps=True)
        style("Chronology Between", bold=True, before=12, after=6)
        style("Chronology Party", bold=True, align=centre, before=6, caps=True)
        style("Chronology Party Role", align=right, after=6)
        style("Chronology And", align=centre, before=6, after=6)
        style(
            "Chronology Title",
            bold=True,
            align=centre,
            size=round(size * 1.25 * 2) / 2,
            before=18,
            after=6,
            outline=0,
            keep_with_next=True,
        )
        style("Chronology Subtitle", align=centre, after=6)
        style("Chronology Version", align=centre, after=6)
        style("Chronology Prepared By", italic=True, align=centre, after=6)
        style("Chronology Note", italic=True, before=12, after=6)
        style("Chronology Section", bold=True, before=12, after=6, outline=1, keep_with_next=True)
        # The table at the document's own size (12 pt): it is what the judge reads.
        style("Chronology Table Heading", bold=True)
        style("Chronology Table Text")
        style("Chronology Cast Group", bold=True, before=3)
        style("Chronology Event Title")
        style("Chronology Description", before=2)
        style("Chronology Dispute", italic=True, before=3)
        style("Chronology Privileged Note", bold=True, before=3, colour="B71C1C")
        style("Chronology Caption", italic=True, align=centre, size=small, before=6)
        style("Chronology Header", align=right, size=small)
        style("Chronology Footer", align=centre, size=small)
        self._link_style(existing)

    def _link_style(self, existing: set[str]) -> None:
        """A character style for e-bundle links: dark blue and underlined, legible in print."""
        name = "Chronology Reference Link"
        styles = self.document.styles
        if name in existing:
            self.styles[name] = styles[name].style_id
            return
        made = cast(
            CharacterStyle,
            StyleFactory(styles.element.add_style_of_type(name, WD_STYLE_TYPE.CHARACTER, False)),
        )
        made.font.color.rgb = RGBColor.from_string("1F3F7F")
        made.font.underline = True
        self.styles[name] = made.style_id

    def _properties(self) -> None:
        """The file's properties from the case: title, claim, author, version, now."""
        properties = self.document.core_properties
        author = self.info.prepared_by or _user()
        # Word's document properties hold 255 characters at most.
        properties.title = clean(f"{self._title().capitalize()} — {self.info.title}")[:255]
        properties.author = clean(author)[:255]
        properties.last_modified_by = clean(_user() or author)[:255]
        properties.subject = clean(self.info.claim_number)[:255]
        properties.comments = "Privileged" if self.options.privileged else ""
        properties.keywords = ""
        properties.category = "Chronology"
        properties.content_status = clean(self.options.version)[:255]
        properties.language = LANGUAGE
        properties.revision = 1
        now = self.now.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
        properties.created = properties.modified = now

    def _tidy(self) -> None:
        """Leave nothing of the template the document was made from that would mislead."""
        package = self.document.part.package
        for rels, kinds in (
            (package.rels, {RT.THUMBNAIL}),
            (
                self.document.part.rels,
                {RT.CUSTOM_XML, RT.GLOSSARY_DOCUMENT, _STYLES_WITH_EFFECTS},
            ),
            (self.document.part._settings_part.rels, {_ATTACHED_TEMPLATE}),
        ):
            for rid in [rid for rid, rel in rels.items() if rel.reltype in kinds]:
                del rels[rid]
        for rel in package.rels.values():
            if rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = _app_xml(
                    Path(self.options.template).name if self.house else ""
                )
        _settings(self.document.settings.element)

    def _paragraph(self, text: str, style: str):
        return self.document.add_paragraph(clean(text), style=style)

    def _title(self) -> str:
        return title_text(self.options.title)

    def _version(self) -> str:
        """The version line: as given, with today's date unless it names a year already."""
        version = self.options.version.strip()
        if not version:
            return ""
        if re.search(r"\b(1[89]|2\d)\d\d\b", version):
            return version
        today = self.now.date()
        return f"{version}, {today.day} {today:%B} {today.year}"

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
        block = [self._paragraph(self._title(), "Chronology Title")]
        if self.options.subtitle:
            block.append(self._paragraph(self.options.subtitle, "Chronology Subtitle"))
        if version := self._version():
            block.append(self._paragraph(version, "Chronology Version"))
        if info.prepared_by:
            block.append(
                self._paragraph(f"Prepared by {info.prepared_by}", "Chronology Prepared By")
            )
        # Rules above the title and under the block, as the guides' examples have them.
        _rule(block[0]._p, "top")
        _rule(block[-1]._p, "bottom")
        for paragraph in block[:-1]:
            paragraph.paragraph_format.keep_with_next = True

    def _header_and_footer(self) -> None:
        """Page X of Y at the foot of every page; the claim number at the head of the rest.

        From the second page on, the privilege mark (when privileged) and the claim number head
        each page, so that a page that strays from the bundle is still known. A house template
        that has a header or footer of its own keeps it.
        """
        section = self.document.sections[0]
        own_header = self.house and not section.header.is_linked_to_previous
        own_footer = self.house and not section.footer.is_linked_to_previous
        if not own_header and not own_footer:
            section.different_first_page_header_footer = True  # page 1 has the full heading
        elif own_header and (self.options.privileged or self.info.claim_number):
            _firms_own_first_page(section)  # what we add from page 2 on is not said twice
        footers = [section.footer]
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        for footer in footers:
            if " PAGE " in footer._element.xml:  # the firm's own numbering
                continue
            # PD 5A para 2.2(4): the pages numbered, under the firm's footer if it has one.
            paragraph = footer.paragraphs[0] if not own_footer else footer.add_paragraph()
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
        if own_header:  # the firm's header, then what it does not say already
            said = "\n".join(p.text for p in header.paragraphs)
            lines = [(text, style) for text, style in lines if clean(text) not in said]
        for index, (text, style) in enumerate(lines):
            first = index == 0 and not own_header
            paragraph = header.paragraphs[0] if first else header.add_paragraph()
            paragraph.text = clean(text)
            paragraph.style = self.document.styles[style]

    # ------------------------------------------------------------------ the tables

    def _table(self, headings: Sequence[str], widths: Sequence[float]):
        # A point-high paragraph before each table: LibreOffice 7.4 has been seen to leave out
        # the rest of a table (of rows kept whole) that follows a ruled heading straight on.
        spacer = self.document.add_paragraph().paragraph_format
        spacer.space_before = spacer.space_after = Pt(0)
        spacer.line_spacing = Pt(1)
        spacer.keep_with_next = True  # a heading before it stays with the table
        table = self.document.add_table(rows=1, cols=len(headings))
        try:
            table.style = self.document.styles["Table Grid"]
        except KeyError:  # a house template without Word's usual table style
            _borders(table._tbl)
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
        size = self._body_size() * max(1.0, self.options.line_spacing if not self.house else 1.0)
        self.tables.append(_Rows(table, widths, len(self.tables), size, height))
        return self.tables[-1]

    def _usable_width(self) -> float:
        """The text block's width in cm, less a little for the borders drawn outside it."""
        section = self.document.sections[0]
        return _cm(section.page_width) - _cm(section.left_margin) - _cm(section.right_margin) - 0.2

    def _number_width(self) -> float:
        """The No. column: five digits ("12345") at the body's size, and the cell's margins."""
        return 5 * 0.6 * self._body_size() * _CM_PER_PT + 0.45

    def _widths(self, columns: Sequence[str]) -> list[float]:
        """Column widths in cm that fill the text block and never run past its margins.

        The Event column takes what the others leave, 45% of the width or more. On a narrow
        page the Date, Parties and Reference columns give up room in proportion to what they
        have above their least (3, 2 and 2.9 cm: a long date on two lines, a word such as
        "Parties" whole, a reference "B/12/345-347" on one); then the Event column gives up
        room down to 35%, and only then do they go below their least, alike. No. keeps five
        digits' width.
        """
        usable = self._usable_width()
        number = self._number_width() if "number" in columns else 0.0
        others = [c for c in columns if c not in ("event", "number")]
        wanted = sum(_WIDTHS_CM[c] for c in others)
        least = sum(_LEAST_CM[c] for c in others)
        room = usable - number - usable * _EVENT_SHARE
        widths = {c: _WIDTHS_CM[c] for c in others}
        if wanted > room and least <= room:
            give = (wanted - room) / (wanted - least)
            widths = {c: w - (w - _LEAST_CM[c]) * give for c, w in widths.items()}
        elif wanted > room:
            squeezed = min(1.0, (usable - number - usable * _EVENT_LEAST_SHARE) / least)
            widths = {c: _LEAST_CM[c] * squeezed for c in others}
        event = usable - number - sum(widths.values())
        return [event if c == "event" else number if c == "number" else widths[c] for c in columns]

    def _cast_table(self) -> None:
        """The dramatis personae: by side, each side's organisation first, people by surname.

        The last two rows of a side are kept on one page, and the side's heading with its first
        row, so that no row is left alone at the head of a page.
        """
        self._paragraph("DRAMATIS PERSONAE", "Chronology Section")
        usable = self._usable_width()
        widths = [usable * 0.3, usable * 0.3, usable * 0.4]
        table = self._table(("Name", "Role", "Description"), widths)
        rows = self._rows(table, widths)
        text, group_style = (
            self.styles["Chronology Table Text"],
            self.styles["Chronology Cast Group"],
        )
        groups: list[CastGroup] = cast_groups(self.info, self.cast)
        for group in groups:
            if len(groups) > 1:
                rows.add_heading(group.heading, group_style, keep_with_next=True)
            for index, party in enumerate(group.members):
                name = [(party.name, text, party.kind is PartyKind.ORGANISATION)]
                if party.organisation and not same_name(party.organisation, group.organisation):
                    name.append((party.organisation, text, False))
                rows.add(
                    [name, [(party.role, text, False)], [(description(party), text, False)]],
                    keep_with_next=index == len(group.members) - 2,
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

    def _changes_table(self, changes: Changes) -> None:
        """The cover table: how many events were added, removed, re-dated and changed."""
        version = changes.version
        served = dt.date.fromisoformat(version.day)
        self._paragraph(f"CHANGES SINCE “{version.label}”", "Chronology Section")
        self._paragraph(
            f"Served on {served.day} {served:%B} {served.year}"
            + (f" by {version.served_by}" if version.served_by else "")
            + f", with {version.events} events. The changes are marked in the chronology "
            "below as tracked changes. Events are matched as the same event whatever their "
            "number: an event renumbered only is not counted as changed.",
            "Chronology Note",
        )
        usable = self._usable_width()
        widths = [usable * 0.75, usable * 0.25]
        rows = self._rows(self._table(("Since the served version", "Events"), widths), widths)
        text = self.styles["Chronology Table Text"]
        for label, what in (
            ("Added", "added"),
            ("Removed", "removed"),
            ("Re-dated", "redated"),
            ("Changed (wording, people, references or status)", "reworded"),
            ("Unchanged", "same"),
        ):
            rows.add([[(label, text, False)], [(f"{changes.count(what):,}", text, False)]])

    def _tracked_chronology(self, changes: Changes, progress: Progress | None) -> None:
        """The chronology with what changed since the served version as tracked changes."""
        columns = self.options.columns
        widths = self._widths(columns)
        table = self._table([_HEADINGS[c] for c in columns], widths)
        body = self._rows(table, widths)
        cells = [getattr(self, f"_{column}_cell") for column in columns]
        marks = _Marks(self.author, self.now)
        undated_started = False
        for done, change in enumerate(changes.rows):
            if progress is not None and done % 500 == 0 and not progress(done, len(changes.rows)):
                raise CancelledError("The export was cancelled; no file was written.")
            if change.row.undated and not undated_started and change.kind != "removed":
                undated_started = True
                body.add_heading("Undated events", self.styles["Chronology Section"])
            body.add(*_tracked_row(change, cells, marks))
        if progress is not None:
            progress(len(changes.rows), len(changes.rows))

    # One method per column: the paragraphs of its cell, as (text, style id, bold).

    def _text_cell(self, text: str) -> list[Paragraph]:
        return [(text, self.styles["Chronology Table Text"], False)]

    def _number_cell(self, row: ChronologyRow) -> list[Paragraph]:
        return self._text_cell(str(row.number))

    def _date_cell(self, row: ChronologyRow) -> list[Paragraph]:
        # Under the "Undated events" heading there is nothing to repeat.
        return self._text_cell("" if row.undated else row.when)

    def _parties_cell(self, row: ChronologyRow) -> list[Paragraph]:
        return self._text_cell(row.parties_text)

    def _reference_cell(self, row: ChronologyRow) -> list[_Runs]:
        """Each reference unbroken, in brackets if the case writes them so; linked if it can be."""
        runs: list[tuple[str, str]] = []
        for index, (reference, cited) in enumerate(
            zip(row.references, row.bundle_pages, strict=True)
        ):
            if index:
                runs.append((LIST_SEPARATOR, ""))
            shown = unbreakable(
                f"[{reference}]" if self.options.brackets else reference, marks=self.word_marks
            )
            target = self._links(cited) if self._links is not None else None
            runs.append((shown, self._link_id(target) if target else ""))
        return [
            _Runs(
                runs, self.styles["Chronology Table Text"], self.styles["Chronology Reference Link"]
            )
        ]

    def _link_id(self, target: str) -> str:
        """The relationship id of an external link, one for each target."""
        if target not in self._link_ids:
            rid = f"rIdLink{len(self._link_ids) + 1}"
            self.document.part.rels.add_relationship(RT.HYPERLINK, target, rid, is_external=True)
            self._link_ids[target] = rid
        return self._link_ids[target]

    def _event_cell(self, row: ChronologyRow) -> list[Paragraph]:
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

    def _dispute(self, row: ChronologyRow) -> list[Paragraph]:
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


class _Runs:
    """A paragraph of several runs, some of them links: (text, relationship id or "")."""

    __slots__ = ("link_style", "runs", "style")

    def __init__(self, runs: list[tuple[str, str]], style: str, link_style: str) -> None:
        self.runs, self.style, self.link_style = runs, style, link_style

    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


# --------------------------------------------------------------------- XML helpers

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)


def _user() -> str:
    """The name of the person exporting, as the computer knows them; "" if it does not."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no such user in the password file; no login name
        return ""


def _language(styles) -> None:
    """British English for the whole document: the defaults, and any style that says en-US."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_default)
    r_pr = r_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        _insert(r_pr, lang, _RPR_ORDER)
    lang.set(qn("w:val"), LANGUAGE)
    for found in styles.iter(qn("w:lang")):
        if found.get(qn("w:val")) == "en-US":
            found.set(qn("w:val"), LANGUAGE)


_RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
_SETTINGS_ORDER = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _insert(parent, element, order: Sequence[str]) -> None:
    """Put ``element`` (a w: element) where the schema's sequence ``order`` wants it."""
    name = element.tag.rpartition("}")[2]
    later = {f"{{{nsmap['w']}}}{tag}" for tag in order[order.index(name) + 1 :]}
    for index, child in enumerate(parent):
        if child.tag in later:
            parent.insert(index, element)
            return
    parent.append(element)


def _settings(settings) -> None:
    """Word 2013+ compatibility, British English, and none of the template's own history."""
    for tag in ("w:rsids", "w:proofState", "w:attachedTemplate", "w:savePreviewPicture"):
        for found in settings.findall(qn(tag)):
            settings.remove(found)
    zoom = settings.find(qn("w:zoom"))
    if zoom is None:
        zoom = OxmlElement("w:zoom")
        _insert(settings, zoom, _SETTINGS_ORDER)
    if zoom.get(qn("w:percent")) is None:  # required by the schema; python-docx leaves it out
        zoom.set(qn("w:percent"), "100")
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        _insert(settings, compat, _SETTINGS_ORDER)
    for found in compat.findall(qn("w:compatSetting")):
        if found.get(qn("w:name")) == "compatibilityMode":
            compat.remove(found)
    mode = OxmlElement("w:compatSetting")
    mode.set(qn("w:name"), "compatibilityMode")
    mode.set(qn("w:uri"), "http://schemas.microsoft.com/office/word")
    mode.set(qn("w:val"), COMPATIBILITY_MODE)
    compat.append(mode)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _app_xml(template: str) -> bytes:
    """The extended properties: this application, and the house template if there is one."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes">'
        + (f"<Template>{escape(clean(template))}</Template>" if template else "")
        + f"<Application>Evidence Timeline {escape(__version__)}</Application>"
        "<DocSecurity>0</DocSecurity></Properties>"
    ).encode()


def _rule(p, side: str) -> None:
    """A rule (a single line, ¾ pt) above or below a paragraph."""
    p_pr = p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        p_pr.insert_element_before(borders, *_PPR_AFTER_BORDERS)
    line = OxmlElement(f"w:{side}")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "4"), ("color", "auto")):
        line.set(qn(f"w:{name}"), value)
    if side == "top":
        borders.insert(0, line)
    else:
        borders.append(line)


_PPR_AFTER_BORDERS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _borders(tbl) -> None:
    """Single lines around and between every cell (Word's "Table Grid", where it is missing)."""
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>")
    properties = tbl.tblPr
    following = [
        properties.find(qn(f"w:{tag}"))
        for tag in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
    ]
    later = next((found for found in following if found is not None), None)
    if later is not None:
        later.addprevious(borders)
    else:
        properties.append(borders)


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
        # What starts the table again, where the rows are split into tables (for LibreOffice).
        self.restart = (
            "<w:tbl>"
            + "".join(_xml(table._tbl.find(qn(tag))) for tag in ("w:tblPr", "w:tblGrid"))
            + _xml(table._tbl.find(qn("w:tr")))
        )
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
        self.line_cm = 1.2 * text_size * _CM_PER_PT
        self._most_lines = int(page_height / self.line_cm / 2)
        self.lines = 0
        """The rows' height in lines, as guessed: a measure of the pages they fill."""
        self.text: list[str] = []

    def add(
        self,
        cells: Sequence[Sequence[Paragraph | _Runs | _Xml]],
        mark: str = "",
        *,
        keep_with_next: bool = False,
    ) -> None:
        """One row: for each cell, its paragraphs as (text, style id, bold), runs, or XML.

        :param mark: a ``<w:ins …/>`` or ``<w:del …/>``: the whole row was added or removed.
        :param keep_with_next: keep the row on the page of the row after it.
        """
        row_start, loose_start = self._row_start, self._loose_row_start
        if mark:
            row_start, loose_start = (
                _row_marked(start, mark) for start in (row_start, loose_start)
            )
        parts = [row_start]
        tallest = 0
        for start, per_line, paragraphs in zip(
            self._cell_starts, self._per_line, cells, strict=True
        ):
            parts.append(start)
            lines = 0
            for paragraph in paragraphs or [("", "", False)]:
                if isinstance(paragraph, _Runs):
                    parts.append(_runs_xml(paragraph, keep_with_next))
                    text = paragraph.text()
                elif isinstance(paragraph, _Xml):
                    parts.append(paragraph.xml)
                    text = paragraph.text
                else:
                    text, style, bold = paragraph
                    parts.append(_paragraph_xml(text, style, bold, keep_with_next))
                lines += len(text) // per_line + 1
            tallest = max(tallest, lines)
            parts.append("</w:tc>")
        parts.append("</w:tr>")
        row = "".join(parts)
        breaks = row.count("<w:br/>")
        if tallest + breaks > self._most_lines:  # breaks as if all in one cell
            row = loose_start + row[len(row_start) :]
        self.lines += tallest + breaks
        self.text.append(row)

    def add_heading(self, text: str, style_id: str, *, keep_with_next: bool = False) -> None:
        """A row of one cell across the table: a section's heading ("Undated events")."""
        self.lines += 1
        self.text.append(
            f'{self._row_start}<w:tc><w:tcPr><w:gridSpan w:val="{len(self._cell_starts)}"/>'
            f"</w:tcPr>{_paragraph_xml(text, style_id, False, keep_with_next)}</w:tc></w:tr>"
        )


_MARKER = "evidence-timeline-rows"
"""The processing instruction that stands for a table's body rows until the file is written."""
_SPLIT = re.compile(rb"<\?" + _MARKER.encode() + rb" (\d+)\?>")
_BETWEEN_TABLES = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
)
"""A paragraph a point high between two tables, or Word and LibreOffice would join them."""


def _cm(length: Length | None) -> float:
    """A page measure in cm (python-docx calls one it was never given None; ours are all set)."""
    if length is None:
        raise ValueError("the page's size and margins are set before anything is measured")
    return length.cm


def _save(
    document: DocxDocument, tables: Sequence[_Rows], target: Path, split_rows: int = 0
) -> None:
    """Write ``document`` to ``target`` with each table's rows where its marker stands.

    python-docx writes the frame (styles, heading, footer, properties); the frame's body is then
    copied in pieces, and the rows' text goes between them, never held as one string. With
    ``split_rows``, a table longer than that is written as several, each with the header row.
    """
    frame = io.BytesIO()
    document.save(frame)
    body_name = document.part.partname.lstrip("/")  # word/document.xml
    with zipfile.ZipFile(frame) as source:
        pieces = _SPLIT.split(source.read(body_name))
        markers = [int(number) for number in pieces[1::2]]
        if markers != list(range(len(tables))):  # python-docx wrote them otherwise: a bug
            raise RuntimeError(f"table markers {markers} in the frame, not 0 to {len(tables)}")
        # The links name their relationship with r:, which a house template's body may not
        # have declared: then the body's root declares it.
        if b'xmlns:r="' not in pieces[0][:4096]:
            pieces[0] = pieces[0].replace(
                b"<w:document ", f'<w:document xmlns:r="{nsmap["r"]}" '.encode(), 1
            )
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
                        step = split_rows or _WRITE_ROWS
                        for start in range(0, len(rows.text), step):
                            if split_rows and start:
                                body.write(f"</w:tbl>{_BETWEEN_TABLES}{rows.restart}".encode())
                            body.write("".join(rows.text[start : start + step]).encode())
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


def _text_xml(text: str) -> str:
    """Text for a <w:t>: escaped; line breaks become Word's, characters XML forbids go."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not text.isprintable():  # a quick test in C; most texts have no breaks or controls
        text = _NOT_XML.sub("", _BREAKS.sub('</w:t><w:br/><w:t xml:space="preserve">', text))
    return text


def _paragraph_start(style_id: str, keep_with_next: bool) -> str:
    if not style_id and not keep_with_next:
        return "<w:p>"
    style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    keep = "<w:keepNext/>" if keep_with_next else ""
    return f"<w:p><w:pPr>{style}{keep}</w:pPr>"


def _paragraph_xml(text: str, style_id: str, bold: bool, keep_with_next: bool = False) -> str:
    """One paragraph of one run; line breaks become Word's, characters XML forbids go."""
    run_start = "<w:r><w:rPr><w:b/></w:rPr>" if bold else "<w:r>"
    return (
        f"{_paragraph_start(style_id, keep_with_next)}{run_start}"
        f'<w:t xml:space="preserve">{_text_xml(text)}</w:t></w:r></w:p>'
    )


def _runs_xml(paragraph: _Runs, keep_with_next: bool = False) -> str:
    """A paragraph of runs, each a link to its relationship when it has one."""
    parts = [_paragraph_start(paragraph.style, keep_with_next)]
    for text, rid in paragraph.runs:
        body = f'<w:t xml:space="preserve">{_text_xml(text)}</w:t>'
        if rid:
            parts.append(
                f'<w:hyperlink r:id="{rid}" w:history="1"><w:r><w:rPr>'
                f'<w:rStyle w:val="{paragraph.link_style}"/></w:rPr>{body}</w:r></w:hyperlink>'
            )
        else:
            parts.append(f"<w:r>{body}</w:r>")
    parts.append("</w:p>")
    return "".join(parts)


def _firms_own_first_page(section: Section) -> None:
    """Page 1 gets copies of the firm's header and footer as they are, before ours are added.

    Left as it is when either holds a picture (a logo belongs to its own part, and a copy
    would lose it): the claim number then shows in the header of page 1 as well.
    """
    pairs = [
        (section.header, section.first_page_header),
        (section.footer, section.first_page_footer),
    ]
    own = [(source, target) for source, target in pairs if not source.is_linked_to_previous]
    if any(source.part.rels for source, _ in own):
        return
    section.different_first_page_header_footer = True
    for source, target in own:
        target.is_linked_to_previous = False
        element = target._element
        for child in list(element):
            element.remove(child)
        for child in source._element:
            element.append(copy.deepcopy(child))


# --------------------------------------------------------------------- tracked changes


class _Xml:
    """A paragraph written as XML already (with tracked changes), and its text, to measure."""

    __slots__ = ("text", "xml")

    def __init__(self, xml: str, text: str) -> None:
        self.xml, self.text = xml, text


class _Marks:
    """The attributes of Word's revision marks: a new id for each, one author, one date."""

    def __init__(self, author: str, now: dt.datetime) -> None:
        self._next = 0
        when = now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._rest = f'w:author="{escape(clean(author), {chr(34): "&quot;"})}" w:date="{when}"'

    def mark(self, kind: str) -> str:
        """An empty ``<w:ins …/>`` or ``<w:del …/>`` (a row's or a paragraph mark's)."""
        return f"<w:{kind} {self.attributes()}/>"

    def attributes(self) -> str:
        """``w:id``, ``w:author`` and ``w:date`` for the next mark."""
        self._next += 1
        return f'w:id="{self._next}" {self._rest}'


def _row_marked(start: str, mark: str) -> str:
    """A row's start (``<w:tr>`` and its properties) with the row marked added or removed."""
    if "</w:trPr>" in start:
        return start.replace("</w:trPr>", f"{mark}</w:trPr>", 1)
    return f"<w:tr><w:trPr>{mark}</w:trPr>{start[len('<w:tr>') :]}"


_WORDS = re.compile(r"\w+|\s+|[^\w\s]")
_REWRITTEN = 0.5
"""Below this likeness, a paragraph is shown deleted whole and written anew, not word by word."""


def _plain(paragraph: Paragraph | _Runs) -> Paragraph:
    """A cell's paragraph as (text, style id, bold); runs lose their links."""
    if isinstance(paragraph, _Runs):
        return (paragraph.text(), paragraph.style, False)
    return paragraph


def _run(text: str, bold: bool, kind: str, marks: _Marks) -> str:
    """One run of text: plain, or inside ``<w:ins>``, or deleted (``<w:delText>``)."""
    if not text:
        return ""
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    body = _text_xml(text)
    if kind == "del":
        body = body.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
        run = f'<w:r>{properties}<w:delText xml:space="preserve">{body}</w:delText></w:r>'
        return f"<w:del {marks.attributes()}>{run}</w:del>"
    run = f'<w:r>{properties}<w:t xml:space="preserve">{body}</w:t></w:r>'
    return f"<w:ins {marks.attributes()}>{run}</w:ins>" if kind == "ins" else run


def _start(style_id: str, mark: str) -> str:
    """A paragraph's start; ``mark`` marks its paragraph mark as added or removed."""
    inside = (f'<w:pStyle w:val="{style_id}"/>' if style_id else "") + (
        f"<w:rPr>{mark}</w:rPr>" if mark else ""
    )
    return f"<w:p><w:pPr>{inside}</w:pPr>" if inside else "<w:p>"


def _whole(paragraph: Paragraph, kind: str, marks: _Marks, mark_end: bool, end: str) -> _Xml:
    """A paragraph added or removed whole; its mark too when ``mark_end``, and ``end``."""
    text, style, bold = paragraph
    mark = (marks.mark(kind) if mark_end else "") + end
    return _Xml(f"{_start(style, mark)}{_run(text, bold, kind, marks)}</w:p>", text)


def _reworded(before: Paragraph, after: Paragraph, marks: _Marks, end: str) -> list[_Xml]:
    """A paragraph changed: word by word, or deleted and written anew if little is kept."""
    old, (new, style, bold) = before[0], after
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < _REWRITTEN:
        runs = _run(old, bold, "del", marks) + _run(new, bold, "ins", marks)
        return [_Xml(f"{_start(style, end)}{runs}</w:p>", new)]
    parts = [_start(style, end)]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(_run("".join(b[j1:j2]), bold, "", marks))
            continue
        if tag in ("delete", "replace"):
            parts.append(_run("".join(a[i1:i2]), bold, "del", marks))
        if tag in ("insert", "replace"):
            parts.append(_run("".join(b[j1:j2]), bold, "ins", marks))
    parts.append("</w:p>")
    return [_Xml("".join(parts), new)]


def _tracked_cell(
    before: Sequence[Paragraph], after: Sequence[Paragraph], marks: _Marks
) -> list[_Xml]:
    """A cell as served and as it is now, the difference marked; paragraphs matched by text."""
    steps: list[tuple[str, Paragraph, Paragraph | None]] = []
    matcher = difflib.SequenceMatcher(
        None, [p[0] for p in before], [p[0] for p in after], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = list(before[i1:i2]), list(after[j1:j2])
        if tag == "equal":
            steps += [("same", p, None) for p in new]
            continue
        paired = min(len(old), len(new)) if tag == "replace" else 0
        steps += [("changed", o, n) for o, n in zip(old[:paired], new[:paired], strict=True)]
        steps += [("del", p, None) for p in old[paired:]]
        steps += [("ins", p, None) for p in new[paired:]]
    # A cell's last paragraph mark cannot be deleted: when its last paragraphs were removed,
    # the mark of the last one kept is, as Word does, so that accepting leaves no empty line.
    kept = [i for i, (kind, _, _) in enumerate(steps) if kind != "del"]
    joined = kept[-1] if kept and steps[-1][0] == "del" else None
    xml: list[_Xml] = []
    for index, (kind, paragraph, new_paragraph) in enumerate(steps):
        last = index == len(steps) - 1
        end = marks.mark("del") if index == joined else ""
        if kind == "same":
            text, style, bold = paragraph
            xml.append(_Xml(f"{_start(style, end)}{_run(text, bold, '', marks)}</w:p>", text))
        elif kind == "changed" and new_paragraph is not None:
            xml += _reworded(paragraph, new_paragraph, marks, end)
        else:
            xml.append(_whole(paragraph, kind, marks, mark_end=not last, end=end))
    return xml


def _tracked_row(
    change: RowChange,
    cells: Sequence[Callable[[ChronologyRow], Sequence[Paragraph | _Runs]]],
    marks: _Marks,
) -> tuple[list[Sequence[Paragraph | _Runs | _Xml]], str]:
    """A row's cells, and its row mark, for a row against the served version."""
    if change.kind in ("added", "removed"):
        kind = "ins" if change.kind == "added" else "del"
        return [
            [_whole(_plain(p), kind, marks, mark_end=False, end="") for p in cell(change.row)]
            for cell in cells
        ], marks.mark(kind)
    if change.before is None:
        return [cell(change.row) for cell in cells], ""
    out: list[Sequence[Paragraph | _Runs | _Xml]] = []
    for cell in cells:
        now, then = cell(change.row), cell(change.before)
        if cell.__name__ == "_number_cell":  # renumbering is not a change
            out.append(now)
            continue
        before, after = [_plain(p) for p in then], [_plain(p) for p in now]
        if [p[0] for p in before] == [p[0] for p in after]:
            out.append(now)
        else:
            out.append(_tracked_cell(before, after, marks))
    return out, ""
