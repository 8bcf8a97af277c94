"""The chronology read from a case, and written to Word, CSV or Excel: once, for every caller.

``chronology_rows`` is what the window's table, Copy as text and every export show;
``export_chronology`` is File ▸ Export chronology and ``main.py export``. The timeline picture
needs Qt, so the caller hands in the routine that draws it (a :data:`TimelinePainter`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.core.chronology import ChronologyRow, RowMaker
from timeline_app.core.errors import UserError
from timeline_app.core.exporting import FORMATS, TIMELINE_PICTURE, ExportOptions, Progress
from timeline_app.core.exporting.bundle import EBundle
from timeline_app.core.exporting.presets import Preset, preset
from timeline_app.core.model import CaseInfo, Status, document_ends, page_spans
from timeline_app.core.store import CaseStore, EventFilter
from timeline_app.core.wording import check_wording

if TYPE_CHECKING:
    from timeline_app.core.served import Changes

TimelinePainter = Callable[..., None]
"""Draws the case's timeline to a PNG: called with the path and :data:`TIMELINE_PICTURE`."""


@dataclass(frozen=True)
class Exported:
    """What an export wrote: how many events, and anything the user should know."""

    count: int
    notes: list[str] = field(default_factory=list)


def row_maker(store: CaseStore) -> RowMaker:
    """A :class:`RowMaker` with the case's people, documents and categories."""
    return RowMaker(store.parties(), store.sources(), store.categories())


def chronology_rows(store: CaseStore, where: EventFilter | None = None) -> list[ChronologyRow]:
    """The events that ``where`` lets through, as rows in court order.

    Each keeps its number in the whole chronology: a filter never renumbers an event.
    """
    where = where or EventFilter()
    events = store.events(where)
    maker = row_maker(store)
    if where == EventFilter():
        return [maker.row(event, number) for number, event in enumerate(events, start=1)]
    numbers = {event_id: number for number, event_id in enumerate(store.event_ids(), start=1)}
    return [maker.row(event, numbers[event.id]) for event in events if event.id in numbers]


def export_format(path: str | os.PathLike[str]) -> str:
    """The chronology format a file name asks for ("docx", "pdf", "csv" or "xlsx").

    :raises UserError: the extension is none of them.
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise UserError(
            f"{Path(path).name} is not a Word document (.docx), a PDF (.pdf), a CSV file (.csv) "
            "or an Excel workbook (.xlsx); give the chronology one of those names."
        )
    return suffix


def check_template(path: str) -> None:
    """Refuse, in words, a file chosen as a house template that Word export could not use.

    :raises UserError: it cannot be read, holds macros, or is not a Word template or document.
    """
    from timeline_app.core.exporting.docx import open_template  # noqa: PLC0415  (python-docx)

    open_template(path)


def house_template(info: CaseInfo) -> tuple[str, str | None]:
    """The case's house template, or none and why, when it is not on this computer.

    A case sent to someone else keeps its template's path, which their machine lacks: the
    chronology then takes the app's own styles rather than failing.
    """
    chosen = info.house_template
    if not chosen or Path(chosen).is_file():
        return chosen, None
    return "", (
        f"The case's house template {chosen} is not on this computer; the chronology uses the "
        "app's own styles (choose the template again in Case properties)."
    )


def check_chronology(
    store: CaseStore, options: ExportOptions, rows: Sequence[ChronologyRow] | None = None
) -> list[str]:
    """What to say before the chronology is exported, each in a sentence; none stops it.

    What its court preset asks and the case lacks, a Parties column too narrow for its names,
    references past the end of their document, references the e-bundle cannot link, and words
    that may make an entry argumentative (unless the case has switched that check off).
    """
    rows = chronology_rows(store, options.where) if rows is None else rows
    said = _preset_warnings(store, options, rows) if options.preset else []
    if not options.landscape and {"parties", "date", "reference"} <= set(options.columns):
        said.append(
            "On a portrait page the Parties column is narrow, so longer names break inside "
            "a word; choose landscape, or leave Parties out (the event's text names them)."
        )
    said += _past_the_end(store, options.where)
    if store.case_info().wording_check:
        said += wording_warnings(rows)
    if options.bundle:
        bundle = EBundle.open(options.bundle, Path.cwd())
        problems = [
            problem
            for problem in dict.fromkeys(
                bundle.problem(reference, cited)
                for row in rows
                for reference, cited in zip(row.references, row.bundle_pages, strict=True)
            )
            if problem
        ]
        said += [f"{problem}." for problem in problems[:_SHOWN]]
        if len(problems) > _SHOWN:
            said.append(f"{len(problems) - _SHOWN} more references are not linked.")
    return said


_SHOWN = 10
"""Problems of one kind listed one by one; past that, counted."""


def wording_warnings(rows: Sequence[ChronologyRow]) -> list[str]:
    """A sentence for each entry whose title or description has words that may read as argument.

    Each side's version of a disputed fact is that side's own words, and is not checked.
    """
    flagged = [
        (row, flags) for row in rows if (flags := check_wording(f"{row.title}\n{row.description}"))
    ]
    said = [
        f"No. {row.number} may not read as neutral: "
        + "; ".join(dict.fromkeys(flag.message.rstrip(".") for flag in flags))
        + "."
        for row, flags in flagged[:_SHOWN]
    ]
    if len(flagged) > _SHOWN:
        said.append(f"{len(flagged) - _SHOWN} more events have words that may read as argument.")
    if flagged:
        said.append("The wording check is a hint, not a rule; switch it off in Case ▸ Properties.")
    return said


def _numbers(rows: Sequence[ChronologyRow]) -> str:
    numbers = [str(row.number) for row in rows[:_SHOWN]]
    more = f" and {len(rows) - _SHOWN} more" if len(rows) > _SHOWN else ""
    return f"{'no.' if len(rows) == 1 else 'nos.'} {', '.join(numbers)}{more}"


def _preset_warnings(
    store: CaseStore, options: ExportOptions, rows: Sequence[ChronologyRow]
) -> list[str]:
    """What the preset's guide asks of the chronology and the case lacks."""
    chosen = preset(options.preset)
    info = store.case_info()
    said = []
    if not info.claim_number:
        said.append(
            "The case has no claim number (Case ▸ Properties): a document filed at court "
            "carries it on every page."
        )
    if not info.court_lines or not info.parties:
        said.append(
            "The case has no court heading (Case ▸ Properties): the court, and the parties "
            "with their roles, head a document filed at court."
        )
    if chosen.needs_references:
        bare = [row for row in rows if not row.references]
        if bare:
            said.append(
                f"{len(bare)} of the events have no bundle reference ({_numbers(bare)}); "
                f"{chosen.guide} expects every event to cite its document."
            )
    if chosen.needs_versions:
        missing = [
            row
            for row in rows
            if row.status in _DISPUTED and not {"Claimant", "Defendant"} <= set(row.versions)
        ]
        if missing:
            said.append(
                f"{len(missing)} disputed events do not give each side's version "
                f"({_numbers(missing)}); {chosen.guide} asks for the competing versions, "
                "shortly stated."
            )
    if options.template:
        said += _template_warnings(options, chosen)
    if chosen.page_limit is not None:
        from timeline_app.core.exporting.docx import estimate_pages  # noqa: PLC0415

        pages = estimate_pages(info, store.parties(), rows, options)
        if pages > chosen.page_limit:
            said.append(
                f"The chronology runs to about {pages} pages; {chosen.guide} allows "
                f"{chosen.page_limit}. Export the key events only, or ask the court's leave."
            )
    return said


_DISPUTED = {Status.DISPUTED, Status.CONTESTED_BY_CLAIMANT, Status.CONTESTED_BY_DEFENDANT}


def _template_warnings(options: ExportOptions, chosen: Preset) -> list[str]:
    """Where the house template falls short of the preset: margins, type size."""
    from timeline_app.core.exporting.docx import open_template  # noqa: PLC0415

    document = open_template(options.template)
    section = document.sections[0]
    margins = [
        side.cm
        for side in (
            section.left_margin,
            section.right_margin,
            section.top_margin,
            section.bottom_margin,
        )
        if side is not None
    ]
    said = []
    if margins and min(margins) < chosen.margin_cm - 0.05:
        said.append(
            f"The house template's margins are as narrow as {min(margins):.1f} cm; "
            f"PD 5A para 2.2(1) asks for {chosen.margin_cm:g} cm."
        )
    size = document.styles["Normal"].font.size
    if size is not None and size.pt < chosen.font_size:
        said.append(
            f"The house template sets its text in {size.pt:g} point; the {chosen.label} preset "
            f"uses {chosen.font_size:g}, as the court guides ask."
        )
    return said


def _past_the_end(store: CaseStore, where: EventFilter) -> list[str]:
    """References to a page past the last page of their document, where that is known."""
    sources = {source.id: source for source in store.sources()}
    ends = document_ends(sources.values())
    said = []
    for event in store.events(where):
        for link in event.sources:
            source = sources.get(link.source_id)
            spans = page_spans(link.pinpoint) if source is not None else None
            if source is None or spans is None:
                continue
            first, last = ends.get(source.bundle_ref.casefold(), (None, None))
            if first is None or last is None:
                continue
            cited = first + max(end for _, end in spans) - 1
            if cited > last:
                said.append(
                    f"“{event.title}” cites {source.cite(link.pinpoint)}, past the last page of "
                    f"{source.bundle_ref} ({last}, where the next document of the bundle starts)."
                )
    return said


def export_chronology(
    store: CaseStore,
    path: str | os.PathLike[str],
    kind: str,
    options: ExportOptions | None = None,
    *,
    painter: TimelinePainter | None = None,
    progress: Progress | None = None,
) -> Exported:
    """Write the chronology to ``path`` as ``kind`` ("docx", "pdf", "csv" or "xlsx").

    A PDF is the Word document converted by LibreOffice; its notes give its page count.

    With ``options.since``, the Word document shows what changed since that served version as
    tracked changes (see :mod:`timeline_app.core.served`).

    :param painter: draws the timeline picture when ``options.timeline`` asks for one (Word).
    :raises UserError: the file cannot be written; LibreOffice is missing or fails (PDF); no
        version was served under ``options.since``, or it is asked of a format other than Word.
    :raises CancelledError: ``progress`` returned False; no file was written.
    """
    options = options or ExportOptions()
    rows = chronology_rows(store, options.where)
    changes, author = _changes(store, kind, options, rows) if options.since else (None, "")
    if kind == "csv":
        from timeline_app.core.exporting.csv import write_csv  # noqa: PLC0415

        write_csv(path, rows, privileged=options.privileged, progress=progress)
        return Exported(len(rows))
    if kind == "xlsx":
        from timeline_app.core.exporting.xlsx import write_xlsx  # noqa: PLC0415

        info = store.case_info()
        notes = write_xlsx(
            path,
            rows,
            title=f"Chronology — {info.title}",
            privileged=options.privileged,
            progress=progress,
        )
        return Exported(len(rows), notes)
    if kind not in ("docx", "pdf"):
        raise ValueError(f"unknown chronology format {kind!r}")
    if kind == "pdf":
        from timeline_app.core.exporting.pdf import need_libreoffice  # noqa: PLC0415

        need_libreoffice()  # said before the Word file is made
    # python-docx is slow to import: only when exporting to Word.
    from timeline_app.core.exporting.docx import last_text, write_docx  # noqa: PLC0415

    links = None
    if options.bundle:
        links = EBundle.open(options.bundle, Path(os.path.abspath(path)).parent).link
    with tempfile.TemporaryDirectory() as folder:
        picture = None
        if options.timeline:
            if painter is None:
                raise ValueError("options.timeline needs a painter to draw the picture")
            picture = str(Path(folder) / "timeline.png")
            painter(picture, **TIMELINE_PICTURE)
        if kind == "pdf":
            from timeline_app.core.exporting.pdf import (  # noqa: PLC0415
                SPLIT_ROWS,
                docx_to_pdf,
                page_count,
            )

            word = Path(folder) / "chronology.docx"
        else:
            word = Path(path)
        info, cast = store.case_info(), store.parties()
        if options.where != EventFilter():  # an extract lists the people in its own events
            named = {name for row in rows for name in row.parties}
            cast = [party for party in cast if party.name in named]
        write_docx(
            word,
            info,
            cast,
            rows,
            options,
            timeline_png=picture,
            progress=progress,
            total=store.count_events(),
            links=links,
            split_rows=SPLIT_ROWS if kind == "pdf" else 0,
            changes=changes,
            author=author,
        )
        if kind == "pdf":
            docx_to_pdf(word, path, last_text(info, cast, rows, options))
            pages = page_count(path)
            notes = [f"The PDF has {pages} {'page' if pages == 1 else 'pages'}."]
            limit = preset(options.preset).page_limit if options.preset else None
            if limit is not None and pages > limit:
                guide = preset(options.preset).guide
                notes.append(f"That is more than the {limit} pages {guide} allows.")
            return Exported(len(rows), notes)
    return Exported(len(rows))


def _changes(
    store: CaseStore, kind: str, options: ExportOptions, rows: Sequence[ChronologyRow]
) -> tuple[Changes, str]:
    """The rows against the version served as ``options.since``, and whose changes they are.

    :raises UserError: no version was served so, or the export is not to Word.
    """
    # Served versions build on this module's rows: imported here, not at its top.
    from timeline_app.core.served import changes_since  # noqa: PLC0415
    from timeline_app.core.services.served import served_version, server_name  # noqa: PLC0415

    if kind != "docx":
        raise UserError(
            "Changes since a served version are shown as Word's tracked changes: export "
            "the chronology as a Word document (.docx)."
        )
    return changes_since(served_version(store, options.since), rows), server_name(store)
