"""Exports of a case: the chronology to Word, CSV and Excel, written safely into place.

Each writer takes the chronology's rows (:mod:`timeline_app.core.chronology`) and what the
user chose (:class:`ExportOptions`); ``core.services.chronology`` reads the case and calls them.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from timeline_app.core.errors import UserError
from timeline_app.core.exporting.presets import preset
from timeline_app.core.filekinds import kind_of
from timeline_app.core.store import EventFilter, is_case_file

FORMATS = {
    "docx": "Word document",
    "pdf": "PDF document",
    "csv": "CSV file",
    "xlsx": "Excel workbook",
}
"""The chronology's formats, by file extension."""
COLUMNS = ("number", "date", "event", "parties", "reference")
"""The Word table's columns, in their order."""
PAPER_CM = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}
FONTS = ("Arial", "Times New Roman")
TIMELINE_PICTURE = {"width": 1100, "height": 620, "pixel_ratio": 3, "empty_lanes": False}
"""How the timeline is drawn for the Word export's picture page: few enough pixels that its text
prints at a readable size across the page, each drawn three times over so it prints sharp, and
no lane left empty."""

Progress = Callable[[int, int], bool]
"""Called with (rows done, rows in all); return False to cancel."""


@dataclass
class ExportOptions:
    """What goes into the chronology, and (in Word) how it looks."""

    where: EventFilter = field(default_factory=EventFilter)
    privileged: bool = False
    """Include privileged notes (marked PRIVILEGED in Word, a column of their own elsewhere)."""
    paper: str = "a4"
    landscape: bool = True
    columns: tuple[str, ...] = ("number", "date", "event", "reference")
    cast: str = "none"
    """Where the dramatis personae go in Word: "before", "after" or "none"."""
    key_bold: bool = True
    subtitle: str = ""
    font: str = "Arial"
    font_size: float = 12
    timeline: bool = False
    """A picture of the timeline on a landscape page of its own (Word)."""
    margin_cm: float = 3.5
    """Every margin: PD 5A para 2.2(1) asks for 3.5 cm on documents filed at court."""
    line_spacing: float = 1.0
    title: str = "CHRONOLOGY"
    version: str = ""
    """The version line under the title ("Draft 3"); today's date is added unless it has one."""
    preset: str = ""
    """The court preset chosen (:mod:`timeline_app.core.exporting.presets`), for its checks."""
    template: str = ""
    """A firm's Word template (.dotx or .docx) whose styles, margins, headers and footers the
    chronology takes; "" for ours."""
    bundle: str = ""
    """The folder holding the electronic bundle, one PDF per bundle (A.pdf, B.pdf …): each
    bundle page cited becomes a link to its page. "" for no links."""
    brackets: bool = False
    """References in square brackets ("[B/12/345]"), as some firms write them."""
    since: str = ""
    """The label of a served version: the Word document shows what changed since, as tracked
    changes. "" for a plain chronology."""

    def __post_init__(self) -> None:
        if self.paper not in PAPER_CM:
            raise UserError(f"Paper must be A4 or Letter, not {self.paper!r}.")
        unknown = [c for c in self.columns if c not in COLUMNS]
        if unknown or "event" not in self.columns or len(set(self.columns)) < len(self.columns):
            raise UserError(
                "The columns are chosen from number, date, event, parties and "
                "reference, each once, and must include event."
            )
        if self.cast not in ("before", "after", "none"):
            raise UserError("The cast list goes before or after the chronology, or nowhere.")
        if self.font not in FONTS:
            raise UserError("The font is Arial or Times New Roman.")
        if not 1.0 <= self.margin_cm <= 6.0:
            raise UserError("The margins are between 1 and 6 cm.")
        if not self.title.strip():
            raise UserError("The chronology needs a title (CHRONOLOGY, AGREED CHRONOLOGY …).")


def with_preset(options: ExportOptions, name: str) -> ExportOptions:
    """``options`` laid out as the court preset ``name`` asks (paper, margins, type, title, cast).

    :raises UserError: there is no such preset.
    """
    chosen = preset(name)
    return replace(
        options,
        preset=chosen.name,
        paper=chosen.paper,
        landscape=chosen.landscape,
        margin_cm=chosen.margin_cm,
        font=chosen.font,
        font_size=chosen.font_size,
        line_spacing=chosen.line_spacing,
        title=chosen.title,
        cast=chosen.cast,
    )


def write_atomically(
    path: str | os.PathLike[str], write: Callable[[Path], None], what: str
) -> None:
    """Have ``write`` fill a temporary file beside ``path``, then rename it into place.

    ``path`` holds either its previous content or the whole new file, never half of one. A file
    replaced keeps its permissions; a link is followed, so the file it names is replaced.

    :param what: the file's kind in messages ("The chronology", "The CSV file").
    :raises UserError: the folder cannot be written; the file there is read-only, a case
        file, or held open elsewhere.
    """
    path = Path(path)
    try:
        target = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        target = Path(os.path.realpath(path))  # a new file, perhaps named by a link
    except OSError as error:  # links in a loop; a folder that may not be looked into
        raise UserError(f"{what} cannot be saved as {path} ({error.strerror}).") from error
    if target.is_dir():
        raise UserError(f"{path} is a folder; choose a file name in it.")
    if is_case_file(target):  # however it is named: "chronology.docx", or the case's own
        raise UserError(
            f"{path} is an Evidence Timeline case file, and an export never "
            "replaces one. Choose another name."
        )
    mode = None  # a new file: set from the umask below
    if target.exists() and not target.is_file():  # a pipe or a device is never replaced
        raise UserError(
            f"{path} is {kind_of(target.stat().st_mode)}, not a file, and an export never "
            "replaces one. Choose another name."
        )
    if target.exists():
        if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
            raise UserError(
                f"{path} is read-only, so it was not replaced. Choose another "
                "name, or make the file writable first."
            )
        mode = stat.S_IMODE(target.stat().st_mode) & 0o777
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as error:
        raise UserError(
            f"{what} cannot be saved in {target.parent} ({error.strerror}). Choose "
            "a folder you can write to."
        ) from error
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        if mode is None:  # as any new file, not mkstemp's owner-only
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        temporary.chmod(mode)
        os.replace(temporary, target)
    except OSError as error:
        raise UserError(
            f"{what} cannot be saved as {path} ({error.strerror}). If the file is "
            "open in another program, close it there and try again."
        ) from error
    finally:
        temporary.unlink(missing_ok=True)
