"""A chronology ready to file (issue 18): each court preset's rules, read back from the .docx.

Each preset's document is checked against what the preset promises (paper, orientation,
margins, type, title, the cast's place) and against what every filed document needs (British
English, Word 2013+ compatibility, properties from the case, no template leftovers, outline
levels). A firm's template, the e-bundle links and the warnings before export follow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree
from pypdf import PdfWriter

from timeline_app.core import dates
from timeline_app.core.demo import write_demo
from timeline_app.core.exporting import ExportOptions, with_preset
from timeline_app.core.exporting.bundle import EBundle
from timeline_app.core.exporting.cast import cast_groups, surname
from timeline_app.core.exporting.docx import NO_BREAK_AFTER, open_template, unbreakable
from timeline_app.core.exporting.presets import PRESETS, preset, title_text
from timeline_app.core.model import (
    CaseParty,
    Event,
    Party,
    PartyKind,
    Source,
    SourceLink,
    Status,
    saved_id,
)
from timeline_app.core.services.chronology import (
    check_chronology,
    chronology_rows,
    export_chronology,
)
from timeline_app.core.services.served import serve
from timeline_app.core.store import CaseStore, EventFilter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def demo(tmp_path: Path):
    with CaseStore.open(write_demo(tmp_path / "demo.case")) as store:
        store.update_case_info(
            dataclasses.replace(
                store.case_info(),
                claim_number="HT-2019-000123",
                court_lines=["IN THE HIGH COURT OF JUSTICE", "BUSINESS AND PROPERTY COURTS"],
                parties=[
                    CaseParty("SOPRA STERIA LIMITED", "Claimant"),
                    CaseParty("INTERSERVE LIMITED", "Defendant"),
                ],
                prepared_by="Smith & Partners LLP",
            )
        )
        yield store


def export(store: CaseStore, path: Path, options: ExportOptions) -> docx.Document:
    export_chronology(store, path, "docx", options)
    return docx.Document(str(path))


def body_order(document: docx.Document) -> list[str]:
    """The body's tables and section headings, in order ("table", "EVENTS" …)."""
    order = []
    for child in document.element.body:
        if child.tag == qn("w:tbl"):
            order.append("table")
        elif child.tag == qn("w:p"):
            text = Paragraph(child, document).text
            if text in ("DRAMATIS PERSONAE", "EVENTS"):
                order.append(text)
    return order


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_keeps_its_own_rules(demo: CaseStore, tmp_path: Path, name: str) -> None:
    chosen = preset(name)
    path = tmp_path / f"{name}.docx"
    document = export(demo, path, with_preset(ExportOptions(version="Draft 3"), name))
    section = document.sections[0]
    # Paper and orientation.
    long, short = (
        max(section.page_width, section.page_height),
        min(section.page_width, section.page_height),
    )
    assert abs(long.cm - 29.7) < 0.01 and abs(short.cm - 21.0) < 0.01
    assert (section.page_width > section.page_height) is chosen.landscape
    # PD 5A para 2.2(1): a margin of not less than 3.5 cm, on every side.
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        assert abs(getattr(section, side).cm - chosen.margin_cm) < 0.01
    assert chosen.margin_cm >= 3.5
    # Type: font, size, line spacing; the title and footer follow the size.
    normal = document.styles["Normal"]
    assert normal.font.name == chosen.font and normal.font.size == Pt(chosen.font_size)
    assert chosen.font_size >= 12
    assert (normal.paragraph_format.line_spacing or 1.0) == chosen.line_spacing
    assert document.styles["Chronology Title"].font.size == Pt(chosen.font_size * 1.25)
    assert document.styles["Chronology Footer"].font.size == Pt(
        round(chosen.font_size * 0.9 * 2) / 2
    )
    # Title between rules, with its version line and date.
    texts = [p.text for p in document.paragraphs]
    assert chosen.title in texts
    title = document.paragraphs[texts.index(chosen.title)]
    assert title._p.pPr.find(qn("w:pBdr")).find(qn("w:top")) is not None
    version = next(t for t in texts if t.startswith("Draft 3, "))
    assert dt.date.today().strftime("%B") in version
    ruled = [
        p
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert ruled[-1].text == "Prepared by Smith & Partners LLP"
    # The cast's place.
    expected = {
        "before": ["DRAMATIS PERSONAE", "table", "EVENTS", "table"],
        "after": ["table", "DRAMATIS PERSONAE", "table"],
        "none": ["table"],
    }[chosen.cast]
    assert body_order(document) == expected
    # The file itself.
    check_file(path, document, author="Smith & Partners LLP")


def check_file(path: Path, document: docx.Document, *, author: str) -> None:
    """British English, Word 2013+, properties from the case, nothing left of the template."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        styles = etree.fromstring(package.read("word/styles.xml"))
        settings = etree.fromstring(package.read("word/settings.xml"))
        app = package.read("docProps/app.xml").decode()
    default_lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default_lang.get(f"{W}val") == "en-GB"
    assert not [e for e in styles.iter(f"{W}lang") if e.get(f"{W}val") == "en-US"]
    modes = [
        e.get(f"{W}val")
        for e in settings.iter(f"{W}compatSetting")
        if e.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]
    assert settings.find(f"{W}zoom").get(f"{W}percent") == "100"
    assert settings.find(f"{W}rsids") is None and settings.find(f"{W}attachedTemplate") is None
    assert "Microsoft Macintosh Word" not in app and "Evidence Timeline" in app
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in names)
    assert not any(n.startswith("customXml/") for n in names)
    core = document.core_properties
    assert core.author == author and core.language == "en-GB"
    assert "python-docx" not in (core.comments or "") + (core.author or "")
    now = dt.datetime.now(dt.UTC)
    for stamp in (core.created, core.modified):
        assert abs((stamp.replace(tzinfo=dt.UTC) - now).total_seconds()) < 3600  # now, not 2013
    assert core.title == "Chronology — Sopra Steria v Interserve"
    assert core.subject == "HT-2019-000123"
    # Headings with outline levels: Word's navigation pane, and a PDF's bookmarks.
    for name, level in (("Chronology Title", 0), ("Chronology Section", 1)):
        outline = document.styles[name].element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level)


def test_the_title_the_version_and_its_date(demo: CaseStore, tmp_path: Path) -> None:
    assert title_text("agreed") == "AGREED CHRONOLOGY"
    assert title_text("Claimant") == "CLAIMANT'S CHRONOLOGY"
    assert title_text("Chronology of the works") == "Chronology of the works"
    document = export(
        demo,
        tmp_path / "c.docx",
        ExportOptions(title="claimant", version="Draft 3, 12 May 2025"),
    )
    texts = [p.text for p in document.paragraphs]
    assert "CLAIMANT'S CHRONOLOGY" in texts and "Draft 3, 12 May 2025" in texts  # dated already
    assert document.core_properties.content_status == "Draft 3, 12 May 2025"


def test_references_are_written_in_one_style_and_never_broken(
    demo: CaseStore, tmp_path: Path
) -> None:
    report = demo.add_source(Source("Report", bundle_ref="B/12", first_page=340))
    demo.add_event(
        Event(
            "Pages cited",
            sources=(SourceLink(report.id, "pp. 6–8"), SourceLink(report.id, "6, 9-10")),
        )
    )
    path = tmp_path / "c.docx"
    document = export(demo, path, ExportOptions(brackets=True))
    row = next(r for r in document.tables[0].rows if r.cells[2].text == "Pages cited")
    shown = row.cells[-1].text
    assert shown == "; ".join(
        unbreakable(f"[{ref}]") for ref in ("B/12/345-347", "B/12/345, 348-349")
    )
    assert f"B/{NO_BREAK_AFTER}12/{NO_BREAK_AFTER}345\u2011347" in shown
    assert "\u00a0" in shown and " " not in shown.replace("; ", "")
    assert unbreakable("B/12, p. 6", marks=False) == "B/12,\u00a0p.\u00a06"


def test_an_extract_keeps_the_master_numbers_and_says_so(demo: CaseStore, tmp_path: Path) -> None:
    document = export(demo, tmp_path / "c.docx", ExportOptions(where=EventFilter(key_only=True)))
    keys = [n for n, e in enumerate(demo.events(), start=1) if e.key]
    numbers = [r.cells[0].text for r in document.tables[0].rows[1:] if r.cells[0].text.isdigit()]
    assert numbers == [str(n) for n in keys] and numbers != [
        str(n) for n in range(1, len(keys) + 1)
    ]
    note = f"This is an extract: {len(keys)} of the 17 events of the chronology."
    assert any(p.text.startswith(note) for p in document.paragraphs)
    full = export(demo, tmp_path / "full.docx", ExportOptions())
    assert not any(p.text.startswith("This is an extract") for p in full.paragraphs)


def test_the_number_column_fits_five_digits(demo: CaseStore, tmp_path: Path) -> None:
    document = export(demo, tmp_path / "c.docx", ExportOptions(font_size=12))
    width = document.tables[0].columns[0].width
    # "12345" at 12 pt: five digits of about 0.56 em, and the cell's 0.19 cm each side.
    assert width >= Cm(5 * 0.56 * 12 * 2.54 / 72 + 0.38)


def test_the_cast_by_side_then_surname(demo: CaseStore) -> None:
    for name, organisation in (
        ("Zoe Adams", "Sopra Steria"),
        ("Brian Young KC", "Interserve"),
        ("Alan Zed", "Interserve Limited"),
        ("Carol Moss", ""),
    ):
        demo.add_party(Party(name, organisation=organisation))
    groups = cast_groups(demo.case_info(), demo.parties())
    assert [g.heading for g in groups] == [
        "Claimant: SOPRA STERIA LIMITED",
        "Defendant: INTERSERVE LIMITED",
        "Others",
    ]
    claimant, defendant, others = ([p.name for p in g.members] for g in groups)
    assert claimant[0] == "Sopra Steria"  # the side's organisation first
    assert claimant.index("Zoe Adams") < claimant.index("Managing director of Sopra Steria")
    assert defendant[:1] == ["Interserve"]
    assert defendant.index("Brian Young KC") < defendant.index("Alan Zed")  # Young, Zed
    assert "Carol Moss" in others and "Ministry of Justice" in others
    assert surname(Party("Brian Young KC")) == "young"
    assert surname(Party("Acme", kind=PartyKind.ORGANISATION)) == "acme"


def test_the_cast_list_keeps_its_last_rows_together(demo: CaseStore, tmp_path: Path) -> None:
    document = export(demo, tmp_path / "c.docx", ExportOptions(cast="after"))
    cast = document.tables[1]
    kept = [
        all(
            p._p.pPr is not None and p._p.pPr.find(qn("w:keepNext")) is not None
            for p in row.cells[0].paragraphs
        )
        for row in cast.rows[1:]
    ]
    texts = [row.cells[0].text for row in cast.rows[1:]]
    # Each side's heading stays with its first row; each side's last row with the one before.
    for heading in ("Claimant: SOPRA STERIA LIMITED", "Defendant: INTERSERVE LIMITED", "Others"):
        assert kept[texts.index(heading)]
    assert kept[texts.index("Ministry of Justice")] and not kept[-1]


def test_an_extracts_cast_lists_its_own_people_without_contact_lines(
    demo: CaseStore, tmp_path: Path
) -> None:
    demo.add_party(Party("Bob Court", notes="Email: bob@beta.example\nSolicitor for the bank"))
    demo.add_party(Party("Carol Moss", notes="Email: carol@beta.example"))
    full = export(demo, tmp_path / "c.docx", ExportOptions(cast="after"))
    shown = {row.cells[0].text: row.cells[2].text for row in full.tables[1].rows[1:]}
    assert shown["Bob Court"] == "Solicitor for the bank" and shown["Carol Moss"] == ""
    key_only = ExportOptions(where=EventFilter(key_only=True), cast="before")
    key = export(demo, tmp_path / "k.docx", key_only)
    listed = {row.cells[0].text.split("\n")[0] for row in key.tables[0].rows[1:]}
    named = {
        name for row in chronology_rows(demo, EventFilter(key_only=True)) for name in row.parties
    }
    assert named and named <= listed and "Bob Court" not in listed


def test_a_house_template_is_honoured(demo: CaseStore, tmp_path: Path) -> None:
    template = firm_template(tmp_path / "Smith & Partners.dotx")
    path = tmp_path / "house.docx"
    options = with_preset(ExportOptions(template=str(template)), "court")
    document = export(demo, path, options)
    section = document.sections[0]
    assert abs(section.left_margin.cm - 4.0) < 0.01 and abs(section.top_margin.cm - 2.0) < 0.01
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.styles["Normal"].font.size == Pt(11)
    # The firm's header and footer, with what PD 5A para 2.2 asks and they do not say: the
    # claim number on every page after the first (whose heading has it), the pages numbered.
    assert [p.text for p in section.header.paragraphs] == [
        "SMITH & PARTNERS LLP",
        "Claim No. HT-2019-000123",
    ]
    assert [p.text for p in section.first_page_header.paragraphs] == ["SMITH & PARTNERS LLP"]
    for footer in (section.footer, section.first_page_footer):
        assert [p.text for p in footer.paragraphs] == [
            "Smith & Partners, 1 Chancery Lane",
            "Page 1 of 1",
        ]
    assert " PAGE " in section.footer._element.xml
    # The firm's own title style is used as it is; what it lacks is ours.
    title = document.styles["Chronology Title"]
    assert title.font.color.rgb is not None and str(title.font.color.rgb) == "7B1F1F"
    assert document.styles["Chronology Table Text"].base_style.name == "Normal"
    # None of the template's own text, and it is named in the properties.
    texts = [p.text for p in document.paragraphs]
    assert "Template guidance: delete this line." not in texts
    with zipfile.ZipFile(path) as package:
        assert (
            "<Template>Smith &amp; Partners.dotx</Template>"
            in package.read("docProps/app.xml").decode()
        )
        assert b"template.main+xml" not in package.read("[Content_Types].xml")
    check_file(path, document, author="Smith & Partners LLP")
    # The court preset says where the template falls short of PD 5A.
    said = check_chronology(demo, options)
    assert any("as narrow as 2.0 cm" in s and "3.5 cm" in s for s in said)
    assert any("11 point" in s for s in said)


def firm_template(path: Path) -> Path:
    """A test firm's Word template: Georgia 11 pt, its own margins, header, footer, title."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Georgia", Pt(11)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(4.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.header.paragraphs[0].text = "SMITH & PARTNERS LLP"
    section.footer.paragraphs[0].text = "Smith & Partners, 1 Chancery Lane"
    title = document.styles.add_style("Chronology Title", 1)
    title.base_style = normal
    title.font.size, title.font.bold = Pt(16), True
    title.font.color.rgb = docx.shared.RGBColor.from_string("7B1F1F")
    document.add_paragraph("Template guidance: delete this line.")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
                )
            out.writestr(item, data)
    return path


def test_a_template_that_cannot_be_used_is_refused_in_words(tmp_path: Path) -> None:
    from timeline_app.core.errors import UserError

    bad = tmp_path / "notes.dotx"
    bad.write_text("not a template")
    with pytest.raises(UserError, match="not a Word template"):
        open_template(bad)
    with pytest.raises(UserError, match="cannot be read"):
        open_template(tmp_path / "missing.dotx")


def make_bundle(folder: Path, pages: dict[str, int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, count in pages.items():
        writer = PdfWriter()
        for _ in range(count):
            writer.add_blank_page(595, 842)
        writer.write(folder / f"{name}.pdf")
    return folder


def test_references_link_into_the_e_bundle(demo: CaseStore, tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path / "e-bundle", {"A": 60, "B": 4})
    out = tmp_path / "out"
    out.mkdir()
    path = out / "chronology.docx"
    options = ExportOptions(bundle=str(bundle))
    document = export(demo, path, options)
    targets = {
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    }
    # A/2 starts at page 5 and B/2 at page 3 of their bundles; B/1 at page 1.
    assert {
        "../e-bundle/A.pdf#page=5",
        "../e-bundle/B.pdf#page=3",
        "../e-bundle/B.pdf#page=1",
    } <= targets
    assert all(not t.startswith("/") and "#page=" in t for t in targets)
    said = check_chronology(demo, options)
    assert "C/1 is not linked: the e-bundle has no C.pdf." in said
    # A page past the end of its PDF is said, and not linked.
    bundle_b = EBundle.open(bundle, out)
    assert bundle_b.link(("B", 5)) is None
    assert bundle_b.problem("B/2/5", ("B", 5)) == (
        "B/2/5 is not linked: it cites page 5, and B.pdf has 4"
    )


def test_a_reference_past_its_documents_last_page_is_warned(demo: CaseStore) -> None:
    first = demo.add_source(Source("Letter", bundle_ref="D/1", first_page=10))
    demo.add_source(Source("Reply", bundle_ref="D/2", first_page=14))
    demo.add_event(Event("Letter", sources=(SourceLink(first.id, "3-6"),)))
    said = check_chronology(demo, ExportOptions())
    assert any("cites D/1/12-15, past the last page of D/1 (13" in s for s in said), said


def test_each_preset_says_what_the_case_lacks(demo: CaseStore, tmp_path: Path) -> None:
    demo.update_case_info(dataclasses.replace(demo.case_info(), claim_number="", court_lines=[]))
    demo.add_event(Event("No reference"))
    demo.add_event(Event("One side only", status=Status.DISPUTED, versions={"Claimant": "Yes."}))
    said = " ".join(check_chronology(demo, with_preset(ExportOptions(), "commercial")))
    assert "no claim number" in said and "no court heading" in said
    assert "have no bundle reference" in said and "Commercial Court Guide" in said
    assert "do not give each side's version" in said
    court = " ".join(check_chronology(demo, with_preset(ExportOptions(), "court")))
    assert "no claim number" in court and "each side's version" not in court


def test_the_family_preset_counts_its_pages(demo: CaseStore) -> None:
    options = with_preset(ExportOptions(), "family")
    assert not any("pages" in s for s in check_chronology(demo, options))
    for n in range(60):
        demo.add_event(Event(f"Contact visit {n}", description="A long account. " * 20))
    said = check_chronology(demo, options)
    assert any("PD 27A para 5.2A.1 allows 10" in s for s in said), said


# --------------------------------------------------------------------- PDF, through LibreOffice


def test_without_libreoffice_a_pdf_is_refused_in_one_sentence(
    demo: CaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.core.errors import UserError
    from timeline_app.core.exporting import pdf

    monkeypatch.setattr(pdf, "libreoffice", lambda: None)
    with pytest.raises(UserError) as refused:
        export_chronology(demo, tmp_path / "c.pdf", "pdf")
    message = str(refused.value)
    assert message.startswith("A PDF needs LibreOffice") and message.count(". ") == 0
    assert not (tmp_path / "c.pdf").exists()


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is installed by .ci/run",
)
def test_the_pdf_keeps_its_bookmarks_and_links(demo: CaseStore, tmp_path: Path) -> None:
    from pypdf import PdfReader

    report = demo.add_source(Source("Expert report", bundle_ref="B/12", first_page=340))
    demo.add_event(Event("Expert reports", sources=(SourceLink(report.id, "6-8"),)))
    bundle = make_bundle(tmp_path / "bundle", {"A": 60, "B": 400})
    path = tmp_path / "out" / "chronology.pdf"
    path.parent.mkdir()
    done = export_chronology(
        demo, path, "pdf", with_preset(ExportOptions(bundle=str(bundle)), "commercial")
    )
    reader = PdfReader(path)
    assert done.notes[0] == f"The PDF has {len(reader.pages)} pages."
    outline = [item.title for item in flatten(reader.outline)]
    assert outline[:4] == ["CHRONOLOGY", "DRAMATIS PERSONAE", "EVENTS", "Undated events"]
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    assert "../bundle/B.pdf#page=345" in links and "../bundle/A.pdf#page=5" in links
    text = "".join(page.extract_text() for page in reader.pages)
    assert "B/12/345-347" in text  # searchable as typed: no invisible marks in the PDF
    assert "Page 1 of" in text


def flatten(outline) -> list:
    found = []
    for item in outline:
        found.extend(flatten(item) if isinstance(item, list) else [item])
    return found


# --------------------------------------------------------------------- ISO/IEC 29500 schemas

SCHEMAS = os.environ.get("EVIDENCE_TIMELINE_OOXML_XSD") or str(
    Path(__file__).parents[2] / "data" / "ooxml-xsd"
)
"""The ISO/IEC 29500 transitional schemas (wml.xsd and what it imports): see
tests/data/ooxml-xsd/README.md for where they come from."""


@pytest.mark.parametrize("name", ["plain", *PRESETS, "house", "since"])
def test_the_parts_validate_against_the_transitional_schemas(
    demo: CaseStore, tmp_path: Path, name: str
) -> None:
    options = ExportOptions(
        privileged=True,
        cast="before",
        columns=("number", "date", "event", "parties", "reference"),
        bundle=str(make_bundle(tmp_path / "bundle", {"A": 60, "B": 4})),
        brackets=True,
        version="Draft 1",
    )
    if name == "house":
        options = dataclasses.replace(options, template=str(firm_template(tmp_path / "firm.dotx")))
    elif name == "since":  # tracked changes against a served version
        options = dataclasses.replace(options, privileged=False, since="First")
        serve(demo, "First", options)
        events = demo.events()
        demo.update_event(dataclasses.replace(events[0], title=events[0].title + " (revised)"))
        demo.delete_event(saved_id(events[1]))
        demo.add_event(Event("Letter before claim", dates.parse("1 January 2016")))
    elif name != "plain":
        options = with_preset(options, name)
    path = tmp_path / "c.docx"
    export_chronology(demo, path, "docx", options)
    schema = wordprocessingml_schema(Path(SCHEMAS))
    with zipfile.ZipFile(path) as package:
        parts = [
            n
            for n in package.namelist()
            if re.fullmatch(r"word/(document|styles|settings|header\d+|footer\d+)\.xml", n)
        ]
        assert {"word/document.xml", "word/styles.xml", "word/settings.xml"} <= set(parts)
        assert any("header" in n for n in parts) and any("footer" in n for n in parts)
        for part in parts:
            root = markup_compatibility(etree.fromstring(package.read(part)))
            assert schema.validate(root), f"{part}: {schema.error_log}"


def test_the_schema_check_would_catch_pythons_docx_default(tmp_path: Path) -> None:
    """python-docx's own settings part fails (a zoom with no percent); ours is mended."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        root = markup_compatibility(etree.fromstring(package.read("word/settings.xml")))
    schema = wordprocessingml_schema(Path(SCHEMAS))
    assert not schema.validate(root)
    assert "percent" in str(schema.error_log)


_XML_NAMESPACE_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:language"/>
  <xs:attribute name="space">
    <xs:simpleType>
      <xs:restriction base="xs:NCName">
        <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
</xs:schema>
"""
"""The attributes of the xml: namespace, which wml.xsd imports without naming a file."""


def wordprocessingml_schema(folder: Path) -> etree.XMLSchema:
    xml_xsd = folder / "xml-namespace.xsd"
    if not xml_xsd.exists():
        xml_xsd = Path(tempfile.mkdtemp()) / "xml-namespace.xsd"
        xml_xsd.write_text(_XML_NAMESPACE_XSD)
    main = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="http://www.w3.org/XML/1998/namespace" '
        f'schemaLocation="{xml_xsd.as_uri()}"/>'
        '<xs:import namespace="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'schemaLocation="{(folder / "wml.xsd").as_uri()}"/></xs:schema>'
    )
    return etree.XMLSchema(etree.fromstring(main.encode(), base_url=folder.as_uri() + "/"))


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def markup_compatibility(root):
    """The part as a reader that knows only ISO/IEC 29500 sees it (Part 3): what its
    mc:Ignorable namespaces add (Word 2010's w14 …) is ignored, and so are the mc: marks."""
    ignorable = {MC}
    for element in root.iter():
        for prefix in (element.get(f"{{{MC}}}Ignorable") or "").split():
            if prefix in element.nsmap:
                ignorable.add(element.nsmap[prefix])
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable and element.getparent() is not None:
            element.getparent().remove(element)
            continue
        for attribute in list(element.attrib):
            if attribute.startswith("{") and attribute[1:].partition("}")[0] in ignorable:
                del element.attrib[attribute]
    return root


def test_a_parties_column_on_a_portrait_page_is_warned_about(demo: CaseStore) -> None:
    five = ("number", "date", "event", "parties", "reference")
    said = check_chronology(demo, ExportOptions(landscape=False, columns=five))
    assert any(s.startswith("On a portrait page the Parties column is narrow") for s in said)
    for roomy in (ExportOptions(columns=five), ExportOptions(landscape=False)):
        assert not any("Parties column" in s for s in check_chronology(demo, roomy))
