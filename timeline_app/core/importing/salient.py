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
import unicodedata
from collections.abc import Iterable
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
_DATES = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}\b\.?(?:,?\s+\d{{4}}\b)?"
    rf"|\b{_MONTH}\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|\b(?:1[6-9]|20)\d\d(?:'?s)?\b"  # years and decades
    r"|\b\d{1,2}:\d\d\b(?:\s*(?i:[ap]\.?m\b\.?))?|\b\d{1,2}\.\d\d\s*(?i:[ap]\.?m\b\.?)"  # times
)
_AMOUNTS = re.compile(
    r"(?P<currency>[£$€]|\b(?:GBP|USD|EUR)\s?)"
    r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?"
    r"(?:\s?(?P<scale>bn|billion|m|million|k|thousand)\b)?"
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
_NUMBERS = re.compile(r"\b\d+(?:,\d{3})*(?:\.\d+)?(?:st|nd|rd|th)?\b")
_QUOTED = re.compile(r"\"([^\"\n]{2,80})\"|“([^”\n]{2,80})”|(?<!\w)['‘]([^'‘’\n]{2,80})['’](?!\w)")
_LONGEST_QUOTED_TERM = 5  # words; a longer quotation is a quotation, not a term
_WORDS = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\n|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_ENDS = {".", "!", "?", "\n"}
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
    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).split())


class SalientReader:
    """Finds the salient words of texts, knowing the case's cast by name."""

    def __init__(self, cast: Iterable[str] = ()) -> None:
        self._cast = {fold(name) for name in cast} - {""}
        self._longest = max((len(name.split()) for name in self._cast), default=0)

    def read(self, text: str) -> Salients:
        """The salient words of ``text`` (its first :data:`SCANNED` characters)."""
        text = text[:SCANNED]
        found: Salients = {}
        masked = _AMOUNTS.sub(lambda m: _amount(m, found), text)  # first: "£2000" is no year
        masked = _DATES.sub(" # ", masked)
        masked = _NUMBERS.sub(lambda m: _number(m, found), masked)
        for match in _QUOTED.finditer(masked):
            quoted = " ".join(next(g for g in match.groups() if g).strip(" ,.;:").split())
            if 1 <= len(quoted.split()) <= _LONGEST_QUOTED_TERM and len(quoted) >= 4:
                found[fold(quoted)] = Salient(quoted, TERM)  # a term, even if a name too
        self._runs(masked, found)
        return found

    def _runs(self, text: str, found: Salients) -> None:
        """Capitalised words running together, as names or defined terms."""
        run: list[str] = []
        opening = starts = True  # whether the next word (the run) opens a sentence

        def close() -> None:
            if run:
                self._name_or_term(_trimmed(run), starts, found)
            run.clear()

        for match in _WORDS.finditer(text):
            word = match.group()
            if not word[0].isalpha():  # punctuation, a line break, or something masked
                close()
                opening = opening or word in _SENTENCE_ENDS
                continue
            possessive = _POSSESSIVE.search(word)
            if possessive:
                word = word[: possessive.start()]
            capitalised = word[0].isupper() and not _not_a_name(word)
            if capitalised:
                if not run:
                    starts = opening
                run.append(word)
            elif run and word in _CONNECTORS:
                run.append(word)
            else:
                close()
            if possessive:
                close()
            opening = False
        close()

    def _name_or_term(self, words: list[str], opening: bool, found: Salients) -> None:
        """Note a run: the cast's names in it, and what is left as a name or a term."""
        for start, part, cast in self._cast_parts(words):
            shown = " ".join(part)
            key = fold(shown)
            capitalised = sum(1 for w in part if w not in _CONNECTORS)
            if cast:
                kind = NAME
            elif opening and start == 0 and capitalised == 1:
                continue  # a sentence's first word: capitalised because it is first
            elif capitalised >= _TERM_WORDS and not _ORGANISATION.search(shown):
                kind = TERM
            else:
                kind = NAME
            if key not in found or (kind == TERM and found[key].kind == NAME):
                found[key] = Salient(shown, kind)

    def _cast_parts(self, words: list[str]) -> list[tuple[int, list[str], bool]]:
        """A run cut around the cast's names in it ("Sopra Steria IT"): (start, words, cast)."""
        parts: list[tuple[int, list[str], bool]] = []
        rest = 0  # where the words that are no one's name began
        at = 0
        while at < len(words):
            size = next(
                (
                    n
                    for n in range(min(self._longest, len(words) - at), 0, -1)
                    if fold(" ".join(words[at : at + n])) in self._cast
                ),
                0,
            )
            if size:
                if rest < at:
                    parts.append((rest, _trimmed(words[rest:at]), False))
                parts.append((at, words[at : at + size], True))
                at = rest = at + size
            else:
                at += 1
        if rest < len(words):
            parts.append((rest, _trimmed(words[rest:]), False))
        return [part for part in parts if part[1]]


def _amount(match: re.Match[str], found: Salients) -> str:
    """Note an amount by its value ("£1.2m" is "£1,200,000"); mask it."""
    currency = match["currency"].strip()
    number = Decimal(f"{match['whole'].replace(',', '')}.{match['fraction'] or 0}")
    value = (number * _SCALES[match["scale"]]).normalize()
    key = f"{_CURRENCIES.get(currency, currency)}{value:f}"
    found.setdefault(key, Salient(match.group().strip(), AMOUNT))
    return " # "


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


def _number(match: re.Match[str], found: Salients) -> str:
    """Note a number ("12,500" is "12500", "25th" is "25"); mask it."""
    shown = match.group()
    key = re.sub(r"(?:st|nd|rd|th)$", "", shown).replace(",", "")
    found.setdefault(key, Salient(shown, NUMBER))
    return " # "


def shared(mine: Salients, theirs: Salients) -> list[Salient]:
    """The salient words two texts share (as written in ``mine``), strongest kind first.

    A word strong in either text is strong: "IT Health Check" quoted in one is a term in both.
    """
    common = [
        Salient(word.shown, word.kind if word.strong else theirs[key].kind)
        for key, word in mine.items()
        if key in theirs
    ]
    return sorted(common, key=lambda word: KINDS.index(word.kind))
