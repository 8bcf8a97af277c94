"""Links from a chronology's references into the electronic bundle.

The e-bundle guidance (2021) makes each bundle one PDF whose page numbers are the printed
bundle pages, so "B/12/345" is page 345 of B.pdf. Given the folder that holds A.pdf, B.pdf …,
each reference to a bundle page becomes a link to that page (``B.pdf#page=345``), written
relative to the chronology so that the two can be moved together. A page past the end of its
PDF, or a bundle with no PDF, is said, and not linked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from timeline_app.core.errors import UserError


@dataclass
class EBundle:
    """The electronic bundle in a folder: one PDF a bundle, named by its letter."""

    folder: Path
    relative_to: Path
    """The folder the chronology is written to: links are relative to it."""
    pdfs: dict[str, Path] = field(default_factory=dict)
    """Each bundle's PDF, by its name folded ("b" → B.pdf)."""
    _pages: dict[str, int | None] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: str | os.PathLike[str], relative_to: str | os.PathLike[str]) -> EBundle:
        """The bundle's PDFs in ``folder``.

        :raises UserError: the folder cannot be read, or holds no PDF.
        """
        where = Path(folder)
        try:
            pdfs = {p.stem.casefold(): p for p in where.iterdir() if p.suffix.lower() == ".pdf"}
        except OSError as error:
            raise UserError(
                f"The e-bundle folder {where} cannot be read ({error.strerror})."
            ) from error
        if not pdfs:
            raise UserError(
                f"The e-bundle folder {where} holds no PDF; it should hold one a bundle, "
                "named by its letter (A.pdf, B.pdf …)."
            )
        return cls(where, Path(relative_to), pdfs)

    def pages(self, bundle: str) -> int | None:
        """How many pages a bundle's PDF has; None if there is no PDF or it cannot be read."""
        key = bundle.casefold()
        if key not in self._pages:
            self._pages[key] = _count_pages(self.pdfs[key]) if key in self.pdfs else None
        return self._pages[key]

    def link(self, cited: tuple[str, int] | None) -> str | None:
        """The link for a bundle page (("B", 345) → "bundle/B.pdf#page=345"), or None."""
        if cited is None:
            return None
        bundle, page = cited
        pages = self.pages(bundle)
        if pages is None or not 1 <= page <= pages:
            return None
        target = os.path.relpath(self.pdfs[bundle.casefold()], self.relative_to)
        return f"{quote(Path(target).as_posix())}#page={page}"

    def problem(self, reference: str, cited: tuple[str, int] | None) -> str | None:
        """Why a reference is not linked; None when it is, or cites no bundle page."""
        if cited is None:
            return None
        bundle, page = cited
        if bundle.casefold() not in self.pdfs:
            return f"{reference} is not linked: the e-bundle has no {bundle}.pdf"
        pdf = self.pdfs[bundle.casefold()].name
        pages = self.pages(bundle)
        if pages is None:
            return f"{reference} is not linked: {pdf} cannot be read"
        if not 1 <= page <= pages:
            return f"{reference} is not linked: it cites page {page}, and {pdf} has {pages}"
        return None


def _count_pages(pdf: Path) -> int | None:
    """A PDF's page count, or None if it cannot be read."""
    from pypdf import PdfReader  # noqa: PLC0415  (only when an e-bundle is linked)
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    try:
        return len(PdfReader(pdf).pages)
    except (OSError, PyPdfError, ValueError, KeyError):
        return None
