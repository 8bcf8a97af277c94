"""Dated events out of free text: a witness statement, a pleading, an article.

:func:`find_dates` scans the text for the shapes dates take in legal writing, widens each to
its qualifier ("on or about", "by", "between … and …"), and keeps what :mod:`dates` reads as a
date. Citations, clause and schedule numbers, claim numbers, Acts' years and sums of money are
masked first; durations ("30 days"), the verb "may", "march on", an adjectival decade ("the
1990s band") and numbers such as "Windows 2000" are not dates. Relative dates are read against
the caller's reference date (the document's own date); phrases relative to another event ("the
day after") are left out, since the document's date would give them the wrong day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from timeline_app.core import dates
from timeline_app.core.model import FuzzyDate


@dataclass(frozen=True, slots=True)
class DateHit:
    """One date found in a text: the words, what they mean, and the sentence around them.

    Words that look like a date but cannot be one ("31 February 2018", "12 March" with no
    year) are found too, with ``problem`` saying why and an undated ``date``. Days listed
    with one month and year ("3rd and 4th June 2018") are a hit each: ``date_text`` is the
    day's own words ("3rd", then "4th June 2018"), and ``date.text`` the words it was read
    from ("3rd June 2018").
    """

    date_text: str
    date: FuzzyDate
    sentence: str
    start: int
    end: int
    problem: str = ""


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d{2}"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)"
_TIME = (
    r"(?i:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]m\b|[ap]\.m\.)"
    r"|\d{1,2}:\d{2}(?:\s*(?:hours|hrs)\b)?|\d{4}\s*(?:hours|hrs)\b|midnight|noon|midday)"
)
_WRITTEN_DAY = (
    rf"{_WEEKDAY}?(?:(?i:the|this)\s+)?{_DAY}(?:\s+(?i:day))?(?:\s+(?i:of))?\s+"
    rf"{_MONTH},?\s+{_YEAR}|{_WEEKDAY}?{_MONTH}\s+{_DAY},?\s+{_YEAR}"
)
_NUMERIC_DAY = (
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"
    r"|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\b"
)
_DAY_DATE = rf"(?:{_WRITTEN_DAY}|{_NUMERIC_DAY})"
# A day and month with no year, after a word that makes it a date ("On 12 March I wrote",
# "by 5 May"): found so that the import can say it has no year. Without the word, "Top 10 May
# Day songs" and "He ate 3 March bars" would be dates too.
_MONTH_WORD = _MONTH.removesuffix(r"\.?")
_CUE = r"(?i:\b(?:on|by|from|since|until|till|dated|before|after|of|between))\s+"
_YEARLESS = (
    rf"{_CUE}(?:{_WEEKDAY}?(?:the\s+)?{_DAY}\s+(?:(?i:of)\s+)?{_MONTH_WORD}"
    rf"|{_WEEKDAY}?{_MONTH_WORD}\s+{_DAY})(?![\w'’])(?!,?\s*(?:'|’)?\d)"
)
_WHOLE_DAY = re.compile(rf"(?:{_WRITTEN_DAY})")
# Days that share a month and year: "3rd and 4th June 2018", "3, 4 and 5 June 2018".
_LISTED_DAYS = (
    rf"(?P<listed>{_DAY}(?:,\s*(?:the\s+)?{_DAY})*,?\s+and\s+(?:the\s+)?)"
    rf"{_DAY}(?P<shared>(?:\s+(?i:of))?\s+{_MONTH},?\s+{_YEAR})"
)
_LISTED_DAY = re.compile(_DAY)
_DECADE_WORDS = r"(?:1[89]|20)\d0s\b"
_NUMBER_WORD = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# Longest shapes first: the scanner takes the first alternative that matches at a position.
_SHAPES = [
    rf"{_TIME}\s+(?:on\s+)?{_DAY_DATE}",
    rf"{_DAY_DATE}(?:,?\s+(?:at\s+)?{_TIME})?",
    rf"(?:(?i:between)\s+{_DAY}\s+and|{_DAY}\s*(?:–|-|to))\s*{_DAY}\s+{_MONTH},?\s+{_YEAR}",
    _LISTED_DAYS,
    rf"(?:(?i:between)\s+{_MONTH}\s+and|{_MONTH}\s*(?:–|-|to|until))\s*{_MONTH},?\s+{_YEAR}",
    rf"(?i:w/c|w/b|week\s+(?:beginning|commencing|starting|of))\s+{_DAY_DATE}",
    rf"{_YEAR}\s*(?:–|-|to)\s*{_YEAR}\b",
    rf"(?:(?i:the)\s+)?(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
    rf"[\s-]+(?:the\s+)?{_DECADE_WORDS}",
    rf"(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    rf"|the\s+middle\s+of|end\s+of|beginning\s+of|start\s+of)[\s-]+(?:{_MONTH}\s+)?{_YEAR}"
    rf"\b",
    rf"(?:the\s+)?(?i:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?i:quarter|half)"
    rf"\s+(?i:of\s+)?{_YEAR}",
    rf"\b[QH][1-4]\s+{_YEAR}",
    rf"(?i:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}",
    rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}",
    rf"{_MONTH}\s+(?:last|this|next)\s+year",
    r"\b\d{1,2}/(?:\d{4})\b",
    rf"(?:the\s+)?{_DECADE_WORDS}",
    r"(?i:yesterday|today|tomorrow)",
    r"(?i:last|next|this)\s+(?:week|month|year)",
    rf"(?i:{_NUMBER_WORD})\s+(?i:days?|weeks?|fortnights?|months?|years?)\s+(?i:ago)",
    r"(?i:earlier|later)\s+this\s+(?i:week|month|year)",
    r"(?i:last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    rf"\b{_YEAR}\b",
    _YEARLESS,
]
_SCANNER = re.compile("|".join(f"(?:{shape})" for shape in _SHAPES))
_BARE_YEAR = re.compile(rf"{_YEAR}")
_DECADE = re.compile(r"\d0s$")  # a decade, or a part of one ("the late 1990s")

# The date engine's own qualifying phrases, so that both read "not before" alike.
_QUALIFIERS = dates.QUALIFIER_PATTERN.replace(" ", r"\s+")
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w.])(?i:{_QUALIFIERS}|from)\s*$")
_RANGE_JOIN = re.compile(r"^\s*(?:to|until|till|and|–|-)\s*$")

# Masked before scanning: their numbers are not dates.
_NOT_DATES = re.compile(
    r"\[\d{4}\]\s+(?:\d+\s+)?[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*\s+\d+(?:\s*\([A-Za-z]+\))?"
    r"|\(\d{4}\)\s+\d+\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*\s+\d+"
    r"|\b[A-Z]{1,3}\d?-\d{4}-\d{3,}\b"
    r"|\b(?:Schedule|Sch|Clause|clause|cl|Section|section|s|Paragraph|paragraph|Para|para|paras"
    r"|Part|Article|Art|Annex|Appendix|Rule|rule|Regulation|regulation|reg|CPR|PD|No|page|p|pp)"
    r"\.?\s*\d+(?:\.\d+)*[A-Za-z]?\b"
    r"|\b(?:Act|Regulations|Order|Rules)\s+\d{4}\b"
    r"|\b(?i:version|ver|v|release|build|invoice|inv|ref|order|account|acct)\.?\s*[\w./-]*\d"
    r"|[£$€]\s?[\d,]+(?:\.\d+)?(?:m|bn|k)?"
    r"|\b\d+(?:\.\d+)?\s?%"
    r"|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b"
)

# A bare year counts when a date word or an article stands before it ("in 2016", "a 2016
# press release") or it ends a clause; "Windows 2000 servers" and "2000 staff" do not.
_YEAR_LEAD = re.compile(
    r"(?i:\b(?:in|since|by|before|after|until|till|during|from|of|early|late|mid|c\.|circa"
    r"|a|the|and|to|year|between|throughout|dated)\s+)$"
)
_YEAR_TAIL = re.compile(r"^\s*(?:[,.;:)\]]|$|and\b|to\b|onwards\b|when\b|-|–)")
_DECADE_TAIL = re.compile(
    r"^\s*(?:[,.;:)\]]|$|and\b|or\b|to\b|onwards\b|when\b|the\b|was\b"
    r"|were\b)"
)

_ABBREVIATIONS = {
    "c",
    "ca",
    "approx",
    "no",
    "nos",
    "mr",
    "mrs",
    "ms",
    "dr",
    "ltd",
    "v",
    "vs",
    "eg",
    "ie",
    "para",
    "paras",
    "cl",
    "co",
    "inc",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "pp",
    "p",
}
_SENTENCE_END = re.compile(
    r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9(])"  # a full stop before a capital
    r"|\n\s*\n"  # a blank line
    r"|\n(?=\s*\(?[a-z0-9]{1,3}[.)]\s)"  # a new item of a numbered list
)


def _sentence_bounds(text: str) -> list[int]:
    """Offsets where sentences start (0 first), not counting full stops of abbreviations."""
    bounds = [0]
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == ".":
            word = re.search(
                r"(?<![A-Za-z])([A-Za-z.]+)$", text[max(0, match.start() - 12) : match.start()]
            )
            if word and (
                word.group(1).replace(".", "").lower() in _ABBREVIATIONS or len(word.group(1)) == 1
            ):  # an initial: "J. R. Smith"
                continue
        bounds.append(match.end())
    return bounds


def _mask(text: str) -> str:
    """The text with citations, numbering, money and the like blanked out (same offsets)."""
    return _NOT_DATES.sub(lambda m: " " * len(m.group()), text)


def _keeps_bare_year(masked: str, start: int, end: int) -> bool:
    return bool(
        _YEAR_LEAD.search(masked[max(0, start - 20) : start])
        or _YEAR_TAIL.match(masked[end : end + 12])
    )


def _candidates(masked: str) -> list[tuple[int, int, str]]:
    """Spans that look like dates, widened to their qualifiers and joined into ranges.

    Each comes with the words it shares with a later span and is read with ("" for most).
    """
    spans: list[tuple[int, int, str]] = []
    for match in _SCANNER.finditer(masked):
        start, end = match.span()
        word = match.group()
        if _BARE_YEAR.fullmatch(word) and not _keeps_bare_year(masked, start, end):
            continue
        if _DECADE.search(word) and not _DECADE_TAIL.match(masked[end : end + 12]):
            continue  # "the 1990s band", "the late 1990s band"
        if start > 0 and (masked[start - 1].isalnum() or masked[start - 1] in "/.-£$"):
            continue  # the tail of a longer number or word
        if match["listed"]:  # "3rd and 4th June 2018": each day its own span
            spans += _listed_days(match)
        else:
            spans.append((start, end, ""))
    return _join_ranges(masked, spans)


def _listed_days(match: re.Match[str]) -> list[tuple[int, int, str]]:
    """Each day of "3rd and 4th June 2018": the day's own words, and the month and year after.

    The last day's span runs to the year; each earlier one is the day alone ("3rd"), with the
    words it shares with the last (" June 2018") to be read after it.
    """
    shared = match["shared"]
    days = [
        (day.start(), day.end(), shared)
        for day in _LISTED_DAY.finditer(match.string, match.start(), match.end("listed"))
    ]
    return [*days, (match.end("listed"), match.end(), "")]


def _join_ranges(masked: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join "X to Y", "X – Y" and "between X and Y"; widen each span over its qualifiers."""
    joined: list[tuple[int, int, str]] = []
    for start, end, shared in spans:
        if joined:
            previous_start, previous_end, _ = joined[-1]
            link = masked[previous_end:start]
            opener = _BETWEEN_BEFORE.search(masked[max(0, previous_start - 12) : previous_start])
            if _RANGE_JOIN.match(link) and ("and" not in link or opener):
                joined[-1] = (previous_start - (len(opener.group()) if opener else 0), end, shared)
                continue
        joined.append((start, end, shared))
    widened = []
    for first, end, shared in joined:
        start = first
        while lead := _QUALIFIER_BEFORE.search(masked[max(0, start - 30) : start]):
            start -= len(lead.group())  # "from c. March 2018": every qualifier, nearest first
        widened.append((start, end, shared))
    return widened


_BETWEEN_BEFORE = re.compile(r"(?i:between)\s+$")


def find_dates(text: str, *, ref_date: dt.date, order: str = "dmy") -> list[DateHit]:
    """Every date in ``text`` with its meaning and sentence, in the order they appear.

    :param ref_date: the document's own date, for "last year", "two weeks ago" and the like.
    :param order: how numeric dates are read ("dmy", the UK default, or "mdy").
    """
    masked = _mask(text)
    bounds = _sentence_bounds(text)
    sentences: dict[tuple[int, int], str] = {}
    hits = []
    for start, end, shared in _candidates(masked):
        words = text[start:end]
        reading = words + shared  # a day of a list is read with its month and year
        problem = ""
        try:
            found = dates.interpret(reading, ref_date=ref_date, order=order)
            date = found.date
            if found.missing == "year":  # "On 12 March I wrote": which March, the text says not
                date, problem = FuzzyDate(), _no_year(words)
        except dates.DateError as error:
            if _YEAR_IN.search(reading) is None and _YEARLESS_SHAPE.search(reading):
                date, problem = FuzzyDate(), _no_year(words)  # "on 31 April": still no year
            elif _WHOLE_DAY.search(reading):  # "31 February 2018": a date, but impossible
                date, problem = FuzzyDate(), str(error)
            else:
                continue  # "45/2019" and the like: never a date
        if date.is_undated and not problem:
            continue
        first = bounds[bisect.bisect_right(bounds, start) - 1]
        after = bisect.bisect_right(bounds, end - 1)
        last = bounds[after] if after < len(bounds) else len(text)
        if last - first > _LONGEST_SENTENCE:  # a schedule or list with no full stops
            first = max(first, text.rfind("\n", 0, start) + 1)
            line_end = text.find("\n", end)
            last = min(last, line_end if line_end != -1 else len(text))
        if (first, last) not in sentences:
            sentences[first, last] = " ".join(text[first:last].split())
        hits.append(DateHit(words, date, sentences[first, last], start, end, problem))
    return hits


_LONGEST_SENTENCE = 600  # characters; past this, a hit's sentence is its own line
_YEARLESS_SHAPE = re.compile(_YEARLESS)
_YEAR_IN = re.compile(rf"\b{_YEAR}\b")


def _no_year(words: str) -> str:
    words = re.sub(rf"^{_CUE}", "", " ".join(words.split()))  # "12 March", not "On 12 March"
    return f"“{words}” has no year; add the event yourself, with its year."
