"""An email's own words: its body decoded, HTML made plain text, the quoted history cut off.

HTML is read with the standard library's parser and only its text is kept: scripts, styles
and images are dropped unread (an image's alternative text stays), and nothing is fetched.
"""

from __future__ import annotations

import codecs
import html.parser
import re

FIRST_LINES = 8
"""Lines of an email's own text kept for its event's description."""
MOST_CHARACTERS = 600


def decode_text(data: bytes, declared: str | None) -> tuple[str, str | None]:
    """The text of a body part, and a note when its character set had to be guessed.

    The declared character set first; one this computer does not know, or bytes that are
    not in it, fall back to UTF-8 and then Windows-1252 (which reads every byte).
    """
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            text, used = _guessed(data)
            return text, f"its character set “{declared}” is unknown; it was read as {used}"
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            text, used = _guessed(data)
            if used == declared:
                return text, None
            return text, f"it is not in its declared character set “{declared}”; read as {used}"
    if data.isascii():
        return data.decode("ascii"), None
    text, used = _guessed(data)
    return text, f"it declares no character set; it was read as {used}"


def _guessed(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


class _TextOfHtml(html.parser.HTMLParser):
    """The words of an HTML body, in lines; what is never shown (scripts, styles) left out."""

    _UNSEEN = frozenset({"script", "style", "head", "title", "template", "noscript", "object"})
    _BREAKS = frozenset(
        {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr"}
        | {"table", "ul", "ol", "pre", "section", "article", "header", "footer"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._unseen = 0
        self._quoted = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._UNSEEN:
            self._unseen += 1
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and not self._unseen:
                self.parts.append(f"[{alt}]")
        elif tag in self._BREAKS:
            self.parts.append("\n")
        if tag == "blockquote":
            self._quoted += 1
            self.parts.append("\n> ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._UNSEEN:
            self._unseen = max(0, self._unseen - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")
        if tag == "blockquote":
            self._quoted = max(0, self._quoted - 1)

    def handle_data(self, data: str) -> None:
        if self._unseen or not data:
            return
        text = " ".join(data.split())
        if not text:  # the space between two words in tags of their own
            self.parts.append(" ")
            return
        # A space only where the markup has one: "See <b>below</b>." is "See below.".
        text = " " * data[0].isspace() + text + " " * data[-1].isspace()
        self.parts.append(("\n> " + text) if self._quoted else text)


def html_to_text(markup: str) -> str:
    """The text a reader sees in an HTML body, as lines (quoted blocks marked with "> ")."""
    reader = _TextOfHtml()
    try:
        reader.feed(markup)
        reader.close()
    except AssertionError:  # the standard parser's reaction to some broken markup
        pass
    joined = "".join(reader.parts)
    lines = [" ".join(line.split()) for line in joined.split("\n")]
    return "\n".join(lines)


# Where the history of a reply or a forward begins, as mail programs write it.
_HISTORY = re.compile(
    r"^(?:"
    r"-{2,}\s*(?:original message|forwarded message)\s*-{2,}"
    r"|_{10,}"
    r"|begin forwarded message:"
    r"|on .{4,200}\bwrote:"
    r"|le .{4,200}\ba écrit\s?:"
    r"|am .{4,200}\bschrieb .{0,100}:"
    r"|from:\s.+"
    r")\s*$",
    re.IGNORECASE,
)
_SIGNATURE = "--"  # "-- " as sent; some programs drop the space


def own_words(text: str) -> str:
    """The first lines of what the writer wrote: no quoted history, signature or blank runs.

    The history starts at a quoted line ("> …") or at a line such as "On … wrote:",
    "-----Original Message-----" or an Outlook "From: …" header block; the signature at
    "-- " or at a sign-off ("Kind regards") after the message. Lines a mail program wrapped
    at about 72 characters are joined again.
    """
    kept: list[str] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    wrapped = False  # the line before was cut by the sender's mail program, not by them
    for index, line in enumerate(lines):
        stripped = line.strip()
        if line.rstrip() == _SIGNATURE or stripped.startswith(">"):
            break
        if _HISTORY.match(stripped) and (
            not stripped.lower().startswith("from:") or _outlook_header(lines[index : index + 6])
        ):
            break
        if kept and _SIGN_OFF.match(stripped):
            break
        words = " ".join(stripped.split())
        if words and wrapped:
            kept[-1] += " " + words
        elif words:
            if len(kept) >= FIRST_LINES:
                break
            kept.append(words)
        wrapped = len(stripped) >= _WRAPPED and not stripped.endswith((".", ":", "!", "?"))
    words = "\n".join(kept)
    if len(words) > MOST_CHARACTERS:
        words = words[: MOST_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"
    return words


_WRAPPED = 60  # characters: a line this long that ends mid-sentence was wrapped at about 72
_SIGN_OFF = re.compile(
    r"^(?:(?:kind|best|warm|warmest|many|with)\s+)?(?:regards|thanks|thank you|cheers|"
    r"best wishes|wishes|yours sincerely|yours faithfully|yours truly|sincerely)\s*[,.!]?$",
    re.IGNORECASE,
)


def _outlook_header(lines: list[str]) -> bool:
    """Whether lines starting with "From:" are a quoted message's header (Sent:, To:, Subject:)."""
    labels = {line.strip().split(":", 1)[0].lower() for line in lines if ":" in line}
    return bool(labels & {"sent", "date"}) and bool(labels & {"to", "subject"})
