"""Plain text from whatever a user saves: UTF-8 (with or without a BOM), UTF-16, Windows-1252."""

from __future__ import annotations

import codecs

from timeline_app.core.errors import UserError


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes; a UserError names ``name`` if it is not a text file.

    Byte-order marks decide first; then UTF-8; then Windows-1252, the usual encoding of text
    saved by older Windows programs (every byte decodes, so it is tried last).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096] or data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise UserError(f"{name} is not a plain text file (it may be a Word document, a PDF or "
                        "a spreadsheet). Save it as .txt and try again.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
