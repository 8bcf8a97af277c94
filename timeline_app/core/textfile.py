"""Plain text from whatever a user saves: UTF-8 (with or without a BOM), UTF-16, Windows-1252."""

from __future__ import annotations

import codecs

from timeline_app.core.errors import UserError


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes; a UserError names ``name`` if it is not a text file.

    Byte-order marks decide first (UTF-16 without one is told by its zero bytes); then UTF-8,
    even with a few bytes that are not (they become :data:`UNREADABLE`, to be reported); then
    Windows-1252, the usual encoding of text saved by older Windows programs (every byte
    decodes, so it is tried last).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if sample.count(0) > len(sample) // 4:  # UTF-16 saved without a byte-order mark?
        for encoding, text_bytes in (("utf-16-le", sample[0::2]), ("utf-16-be", sample[1::2])):
            if text_bytes.count(0) == 0 and len(data) % 2 == 0:
                return data.decode(encoding, errors="replace")
    if sample.count(0) > len(sample) // 100 or data.startswith(
        (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")
    ):
        raise UserError(
            f"{name} is not a plain text file (it may be a Word document, a PDF or "
            "a spreadsheet). Save it as .txt and try again."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return text if _mostly_utf8(text) else data.decode("cp1252", errors="replace")


UNREADABLE = "\ufffd"
"""What a byte that is not UTF-8 becomes in a file that otherwise is: "�"."""


def _mostly_utf8(text: str) -> bool:
    """Whether more characters read as UTF-8 than failed to: the failures are then slips.

    Text saved as Windows-1252 fails at every accented letter and reads none; UTF-8 with one
    stray byte reads its "€" and "é" and fails once.
    """
    failed = text.count(UNREADABLE)
    read = len(text) - len(text.encode("ascii", errors="ignore")) - failed
    return read > failed
