"""The salient words of an event's text: amounts, numbers, defined terms and names.

Two accounts of one event rarely share their wording — a title typed by hand ("Root Cause
Analysis report: 25 critical vulnerabilities") and a sentence from a pasted article ("On 8
November 2018 Sopra Steria delivered a Root Cause Analysis report identifying 25 critical
issues") — but they share these. Amounts ("£1.2m" is "£1,200,000"), numbers and defined terms
(quoted words, or three or more capitalised words running together) are *strong*: two texts
rarely share one by chance. Names (one or two capitalised words not opening a sentence, and the
case's cast wherever they stand) are *weak*: two letters of one day share their writer's name.
Dates are left out, since two events of one day share their date anyway.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

AMOUNT, NUMBER, TERM, NAME = "amount", "number", "term", "name"
KINDS = (AMOUNT, NUMBER, TERM, NAME)
"""The kinds of salient word, strongest first (the order a reason lists them in)."""

SCANNED = 2000
"""Characters of an event's text read for salient words: a title and the start of its
description say what it is, and a longer text would only slow a big import."""

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORDINAL_END = r"(?:st|nd|rd|th)?"
# Amounts, dates and other numbers, in one pass (amounts first: "£2000" is no year). It opens
# with a look ahead at the characters they can start with: the regex engine then skips quickly
# over the rest of a text, which is most of it.
_FIGURES = re.compile(
    r"(?=[\d£$€GUEJFMASOND])(?:"
    r"(?P<currency>[£$€]|\b(?:GBP|USD|EUR)\s?)"
    r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?"
    r"(?:\s?(?P<scale>bn|billion|m|million|k|thousand)\b)?"
    r"|(?P<date>"
    rf"\b\d{{1,2}}{_ORDINAL_END}(?:\s+of)?\s+{_MONTH}\b\.?(?:,?\s+\d{{4}}\b)?"
    rf"|\b{_MONTH}\b\.?\s+\d{{1,2}}{_ORDINAL_END}\b(?:,?\s+\d{{4}}\b)?"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|\b(?:1[6-9]|20)\d\d(?:'?s)?\b"  # years and decades
    r"|\b\d{1,2}:\d\d\b(?:\s*(?i:[ap]\.?m\b\.?))?|\b\d{1,2}\.\d\d\s*(?i:[ap]\.?m\b\.?))"  # times
    rf"|(?P<number>\b\d+(?:,\d{{3}})*(?:\.\d+)?){_ORDINAL_END}\b"
    r")"
)
_SCALES = {
    None: 1,
    "k": 1000,
    "thousand": 1000,
    "m": 10**6,
    "million": 10**6,
    "bn": 10**9,
    "billion": 10**9,
}
_CURRENCIES = {"GBP": "£", "USD": "$", "EUR": "€"}
_QUOTED = re.compile(r"\"([^\"\n]{2,80})\"|“([^”\n]{2,80})”|(?<!\w)['‘]([^'‘’\n]{2,80})['’](?!\w)")
_LONGEST_QUOTED_TERM = 5  # words; a longer quotation is a quotation, not a term
_CAPITAL = r"[^\W\d_a-zß-öø-ÿ]"  # a capital, or a letter of a script ours cannot tell apart
_RUNS = re.compile(
    rf"(?={_CAPITAL})(?<![\w'’-]){_CAPITAL}[\w'’-]*(?:[ \t]+(?:of[ \t]+)?{_CAPITAL}[\w'’-]*)*"
)
_SENTENCE_ENDS = ".!?\n"
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile("[\"“'‘]")
_BEFORE_A_WORD = " \t\"'“‘(["
_CONNECTORS = {"of"}  # "Ministry of Justice", "Secretary of State"
_TERM_WORDS = 3  # capitalised words that make a run a defined term, not a name
_ORGANISATION = re.compile(
    r"\b(?:ltd|limited|plc|llp|llc|inc|corp|corporation|company|co|group)\.?$", re.IGNORECASE
)
_NOT_NAMES_TEXT = """
    A An The On In At By To From With And Or Of For But Not No Nor As If When While Where
    After Before Between During Since Until Upon Under Over Into Per Re Via Yet So Then Also
    However Meanwhile Later Both Each Every All Any Some Other Such This That These Those It Its
    His Her Their Our Your My We I He She They You There Here What Which Who Whose Why How
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Undated"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
"""Capitalised words that name nothing: articles, pronouns, openers, months and days."""


@dataclass(frozen=True, slots=True)
class Salient:
    """One salient word or phrase of a text, as written there, and its kind."""

    shown: str
    kind: str
    """One of :data:`KINDS`."""

    @property
    def strong(self) -> bool:
        """An amount, a number or a defined term: rarely shared by chance."""
        return self.kind != NAME


Salients = dict[str, Salient]
"""A text's salient words by their key: folded, so that "£12,500" is "£12500"."""


def fold(text: str) -> str:
    """Text for comparing: case folded, accents and repeated spaces dropped."""
    if text.isascii():
        return " ".join(text.lower().split())
    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).split())


class SalientReader:
    """Finds the salient words of texts, knowing the case's cast by name."""

    def __init__(self, cast: Iterable[str] = ()) -> None:
        self._cast: dict[str, list[list[str]]] = {}
        """Each name of the cast as folded words, by its first word, longest first."""
        for name in sorted({fold(name) for name in cast} - {""}, key=len, reverse=True):
            words = name.split()
            self._cast.setdefault(words[0], []).append(words)

    def read(self, text: str) -> Salients:
        """The salient words of ``text`` (its first :data:`SCANNED` characters)."""
        text = text[:SCANNED]
        found: Salients = {}
        if _DIGIT.search(text):
            text = _FIGURES.sub(lambda figure: _figure(figure, found), text)
        if _QUOTE.search(text):
            for match in _QUOTED.finditer(text):
                quoted = " ".join(next(g for g in match.groups() if g).strip(" ,.;:").split())
                if 1 <= len(quoted.split()) <= _LONGEST_QUOTED_TERM and len(quoted) >= 4:
                    found[fold(quoted)] = Salient(quoted, TERM)  # a term, even if a name too
        for match in _RUNS.finditer(text):
            self._run(match.group().split(), _opens_sentence(text, match.start()), found)
        return found

    def _run(self, written: list[str], opening: bool, found: Salients) -> None:
        """Note a run of capitalised words, cut at words naming nothing and after possessives."""
        if len(written) == 1:  # most runs: one word, so no name of several words in it
            word = written[0][:-2] if written[0].endswith(("'s", "’s")) else written[0]
            if word[0].isupper() and not _not_a_name(word):
                key = fold(word)
                if not opening or [key] in self._cast.get(key, ()):
                    found.setdefault(key, Salient(word, NAME))
            return
        part: list[str] = []
        for each in written:
            possessive = each.endswith(("'s", "’s"))
            word = each[:-2] if possessive else each
            if word in _CONNECTORS or (word[0].isupper() and not _not_a_name(word)):
                part.append(word)
                if not possessive:
                    continue
            if part:
                self._part(part, opening, found)
            part, opening = [], False
        if part:
            self._part(part, opening, found)

    def _part(self, words: list[str], opening: bool, found: Salients) -> None:
        """Note the cast's names among ``words``, and the words between as names or terms."""
        words = _trimmed(words)
        keys = [fold(word) for word in words]
        rest = at = 0  # where the words that are no one's name began; where we are
        while at < len(words):
            size = next(
                (len(n) for n in self._cast.get(keys[at], ()) if keys[at : at + len(n)] == n), 0
            )
            if size:
                _note(words[rest:at], opening and rest == 0, found)
                shown = " ".join(words[at : at + size])
                found.setdefault(" ".join(keys[at : at + size]), Salient(shown, NAME))
                at = rest = at + size
            else:
                at += 1
        _note(words[rest:], opening and rest == 0, found)


def _note(words: list[str], opening: bool, found: Salients) -> None:
    """Note capitalised words that are no name of the cast: a name, or a defined term.

    A sentence's first word alone is left out: it is capitalised because it is first.
    """
    words = _trimmed(words)
    capitalised = sum(1 for word in words if word not in _CONNECTORS)
    if not capitalised or (opening and capitalised == 1):
        return
    shown = " ".join(words)
    term = capitalised >= _TERM_WORDS and not _ORGANISATION.search(shown)
    key = fold(shown)
    if term or key not in found:
        found[key] = Salient(shown, TERM if term else NAME)


def _figure(match: re.Match[str], found: Salients) -> str:
    """Note an amount or a number, leave a date out; mask it, whichever it is.

    An amount is noted by its value ("£1.2m" is "£1,200,000"), a number by its digits
    ("12,500" is "12500", "25th" is "25").
    """
    shown = match.group().strip()
    if match["currency"]:
        currency = match["currency"].strip()
        number = Decimal(f"{match['whole'].replace(',', '')}.{match['fraction'] or 0}")
        value = (number * _SCALES[match["scale"]]).normalize()
        found.setdefault(f"{_CURRENCIES.get(currency, currency)}{value:f}", Salient(shown, AMOUNT))
    elif match["number"]:
        found.setdefault(match["number"].replace(",", ""), Salient(shown, NUMBER))
    return " # "


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` is the first of a sentence (quotes and brackets aside)."""
    at -= 1
    while at >= 0 and text[at] in _BEFORE_A_WORD:
        at -= 1
    return at < 0 or text[at] in _SENTENCE_ENDS


def _trimmed(words: list[str]) -> list[str]:
    """Words without connectors at either end ("of" in "Ministry of" before a name)."""
    start, end = 0, len(words)
    while start < end and words[start] in _CONNECTORS:
        start += 1
    while end > start and words[end - 1] in _CONNECTORS:
        end -= 1
    return words[start:end]


def _not_a_name(word: str) -> bool:
    """A capitalised word that names nothing: an article, a pronoun, a month ("The", "THE").

    "IT" in capitals is information technology, not the pronoun.
    """
    return word in _NOT_NAMES or (
        word.isupper() and word != "IT" and word.capitalize() in _NOT_NAMES
    )


def remembered(words: Salients) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A text's salient words as their keys, strong and weak, to remember in little memory.

    The keys of names and terms are interned: one "sopra steria" for a thousand events.
    """
    strong = tuple(
        key if word.kind in (AMOUNT, NUMBER) else sys.intern(key)
        for key, word in words.items()
        if word.strong
    )
    weak = tuple(sys.intern(key) for key, word in words.items() if not word.strong)
    return strong, weak


def shared(mine: Salients, strong: Sequence[str], weak: Sequence[str]) -> list[Salient]:
    """The salient words of a text that another, remembered by its keys, shares.

    They are as written in ``mine``, strongest kind first. A word strong in either text is
    strong: "IT Health Check" quoted in one is a term in both.
    """
    common = [
        word if word.strong or key not in strong else Salient(word.shown, TERM)
        for key, word in mine.items()
        if key in strong or key in weak
    ]
    return sorted(common, key=lambda word: KINDS.index(word.kind))
