"""Dated events out of free text: a witness statement, a pleading, a judgment, an article.

:func:`find_dates` scans the text for the shapes dates take in legal writing, widens each to
its qualifier ("on or about", "by", "between … and …"), and keeps what :mod:`dates` reads as a
date. Citations, clause and schedule numbers, claim numbers, Acts' years and sums of money are
masked first; durations ("30 days"), the verb "may", "march on", an adjectival decade ("the
1990s band"), a year naming a thing already known ("the 2015 contact order") and numbers such
as "Windows 2000" are not dates.

The text is read in order, and what it has said so far is its narrative: a day or month
without a year takes the year that puts it nearest the date before it ("On 22 November … set
for 24 December"), a time without a day takes the day before it (a dated heading carries to
the timed lines under it), and a date that only refers back ("that day", "the following
day", "two days later") is that day moved, with the link kept in the hit's note. With nothing
before them, relative dates are read against the caller's reference date (the document's
own date), and back references are left out.

A date that is not an event the text narrates is kept apart by its ``kind``: the document's
own date line ("Date: 24/06/2022"), a date inside a quotation, in a citation's brackets or in
a footnote.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from timeline_app.core import dates
from timeline_app.core.dates.words import NUMBERS
from timeline_app.core.model import FuzzyDate, Precision, Qualifier, day_of

KINDS = {
    "event": "an event the text narrates",
    "document": "the document's own date",
    "quoted": "a date inside a quotation",
    "citation": "a date in a citation",
    "footnote": "a date in a footnote",
}
"""What a hit is, by its ``kind``; only events are the text's own events."""


@dataclass(frozen=True, slots=True)
class DateHit:
    """One date found in a text: the words, what they mean, and the sentence around them.

    Words that look like a date but cannot be one ("31 February 2018") are found too, with
    ``problem`` saying why and an undated ``date``. Days listed with one month and year ("3rd
    and 4th June 2018") are a hit each: ``date_text`` is the day's own words ("3rd", then "4th
    June 2018"), and ``date.text`` the words it was read from ("3rd June 2018"). ``kind`` says
    whether the date is an event the text narrates (see :data:`KINDS`), and ``note`` how it
    was read when that was not from its words alone (the date a back reference moved from,
    the narrative a year came from).
    """

    date_text: str
    date: FuzzyDate
    sentence: str
    start: int
    end: int
    problem: str = ""
    kind: str = "event"
    note: str = ""
    borrowed: str = ""
    """What the reference date gave that the words and the text around them did not:
    "year" ("On 12 March" with no date before it), "day" (a time alone), or ""."""


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
# "by 5 May"): without the word, "Top 10 May Day songs" and "He ate 3 March bars" would be
# dates too. Its year comes from the narrative.
_MONTH_WORD = _MONTH.removesuffix(r"\.?")
_CUE = r"(?i:\b(?:on|by|from|since|until|till|dated|before|after|of|between|for|in|during))\s+"
_NO_YEAR_AFTER = r"(?![\w'’])(?!,?\s*(?:'|’)?\d)"
_YEARLESS = (
    rf"{_CUE}(?:{_WEEKDAY}?(?:the\s+)?{_DAY}\s+(?:(?i:of)\s+)?{_MONTH_WORD}"
    rf"|{_WEEKDAY}?{_MONTH_WORD}\s+{_DAY}|{_DAY}\s+or\s+{_DAY}\s+{_MONTH_WORD}){_NO_YEAR_AFTER}"
)
_YEARLESS_MONTH = (
    rf"(?i:\b(?:in|during|by|since|until|till|from|throughout|before|after)\s+"
    rf"(?:(?:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[\s-]+)?)"
    rf"{_MONTH_WORD}{_NO_YEAR_AFTER}"
)
_WHOLE_DAY = re.compile(rf"(?:{_WRITTEN_DAY})")
_DAY_AND_MONTH = re.compile(rf"{_DAY}\s+(?:(?i:of)\s+)?{_MONTH_WORD}\b")
# Days or months that share a month and year: "3rd and 4th June 2018", "3, 4 and 5 June",
# "April, June and September 2014".
_LISTED_DAYS = (
    rf"(?P<listed>{_DAY}(?:,\s*(?:the\s+)?{_DAY})*,?\s+and\s+(?:the\s+)?)"
    rf"{_DAY}(?P<shared>(?:\s+(?i:of))?\s+{_MONTH}(?:,?\s+{_YEAR})?)"
)
_LISTED_MONTHS = (
    rf"(?P<months>{_MONTH_WORD}(?:,\s*{_MONTH_WORD})*,?\s+and\s+){_MONTH_WORD}"
    rf"(?P<year>,?\s+{_YEAR})"
)
_LISTED_DAY = re.compile(_DAY)
_LISTED_MONTH = re.compile(_MONTH_WORD)
_DECADE_WORDS = r"(?:1[89]|20)\d0s\b"
_NUMBER_WORD = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few"
    r"|several|a\s+couple\s+of)"
)
_PART_OF_DAY = r"(?:day|morning|afternoon|evening|night)"
# Dates that only refer back to the one before them.
_BACK_REFERENCE = (
    rf"(?i:(?:(?:on|by|later|earlier)\s+)?(?:that|the\s+same)\s+{_PART_OF_DAY}"
    rf"|(?:on\s+)?the\s+(?:following|next|previous|preceding)\s+(?:{_PART_OF_DAY}|week)"
    r"|the\s+day\s+(?:after|before)(?!\s+(?:the|a|an|his|her|their|its|my|our|your)\b)"
    rf"|{_NUMBER_WORD}\s+(?:days?|weeks?|months?)\s+(?:later|afterwards|after\s+that"
    r"|earlier|before\s+that))"
)
# A time whose day follows it is read with that day ("at 14:32 on 9 November 2018").
_NO_DAY_AFTER = (
    r"(?!\s*(?i:[ap]\.?\s?m\b)|[:.]?\d|,?\s+(?:on\s+)?(?:the\s+)?\d|,?\s+(?:on\s+)?(?i:that|the\s+same|the\s+following"
    rf"|the\s+next)\b|,?\s+(?:on\s+)?{_WEEKDAY}|,?\s+(?:on\s+)?{_MONTH})"
)
_YEAR_PAIR = r"(?:1[89]|20)\d{2}(?:[-/](?:\d{4}|\d{1,2}))\b"
_FISCAL_WORDS = re.compile(r"(?i:\b(?:tax|HMRC|fiscal|financial\s+years?)\b)")

# Longest shapes first: the scanner takes the first alternative that matches at a position.
_SHAPES = [
    rf"{_TIME}[ \t]+(?:on[ \t]+)?{_DAY_DATE}",
    rf"{_DAY_DATE}(?:,?[ \t]+(?:at[ \t]+)?{_TIME})?",  # a heading's date leaves the next line
    rf"{_TIME}\s+(?:on\s+)?(?P<timed_back>{_BACK_REFERENCE})",
    rf"(?:(?i:between)\s+{_DAY}\s+and|{_DAY}\s*(?:–|-|to))\s*{_DAY}\s+{_MONTH},?\s+{_YEAR}",
    _LISTED_DAYS,
    _LISTED_MONTHS,
    rf"{_DAY}\s+or\s+{_DAY}\s+{_MONTH},?\s+{_YEAR}",
    rf"(?:(?i:between)\s+{_MONTH}\s+and|{_MONTH}\s*(?:–|-|to|until))\s*{_MONTH},?\s+{_YEAR}",
    rf"{_MONTH_WORD}\s*(?:/|\s+or\s+)\s*{_MONTH},?\s+{_YEAR}",
    rf"(?i:w/c|w/b|week\s+(?:beginning|commencing|starting|of))\s+{_DAY_DATE}",
    rf"(?:(?i:the\s+)?(?i:years?)\s+)?{_YEAR_PAIR}(?:\s*(?:to|–|-)\s*{_YEAR_PAIR})?",
    rf"{_YEAR}\s*(?:–|-|to)\s*{_YEAR}\b",
    rf"(?:(?i:the)\s+)?(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
    rf"[\s-]+(?:the\s+)?{_DECADE_WORDS}",
    rf"(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    rf"|the\s+middle\s+of|end\s+of|beginning\s+of|start\s+of)[\s-]+(?:{_MONTH}\s+)?{_YEAR}"
    rf"\b",
    rf"(?:the\s+)?(?i:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?i:quarter|half)"
    rf"\s+(?i:of\s+)?{_YEAR}",
    rf"\b[QH][1-4]\s+{_YEAR}",
    rf"(?:(?i:the)\s+)?(?i:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}",
    rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}",
    rf"{_MONTH}\s+(?:last|this|next)\s+year",
    r"\b\d{1,2}/(?:\d{4})\b",
    rf"(?:the\s+)?{_DECADE_WORDS}",
    r"(?i:yesterday|today|tomorrow)",
    r"(?i:last|next|this)\s+(?:week|month|year)",
    rf"(?i:{_NUMBER_WORD})\s+(?i:days?|weeks?|fortnights?|months?|years?)\s+(?i:ago)",
    r"(?i:earlier|later)\s+this\s+(?i:week|month|year)",
    r"(?i:last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    rf"(?P<back>{_BACK_REFERENCE})",
    rf"\b{_YEAR}\b",
    _YEARLESS,
    _YEARLESS_MONTH,
    rf"(?P<time>(?i:\b(?:at|by|from|until|till|before|after|around|about|approximately"
    rf"|c\.)\s+){_TIME}|(?m:^[ \t]*){_TIME}){_NO_DAY_AFTER}",
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
    r"|\b[A-Z]{2,6}\s+\d{4}\b(?!\s*[-–/]\s*\d)"  # an Act cited by its initials: "FA 2004"
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
# "the 2015 contact order": a thing named by its year, not a date of its own.
_THE_YEAR_NOUN = re.compile(r"(?i:\bthe\s+)$")
_NOUN_AFTER = re.compile(r"^\s+[a-z]")
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
    lead = masked[max(0, start - 20) : start]
    if _THE_YEAR_NOUN.search(lead) and _NOUN_AFTER.match(masked[end : end + 3]):
        return False
    return bool(_YEAR_LEAD.search(lead) or _YEAR_TAIL.match(masked[end : end + 12]))


@dataclass(frozen=True, slots=True)
class _Span:
    """Words that look like a date, and how to read them."""

    start: int
    end: int
    shared: str = ""
    """Words the span shares with a later span and is read with (" June 2018")."""
    back: bool = False
    """The words only refer back to the date before them ("that day")."""
    timed: bool = False
    """A time with no day of its own: read only on the day the text is about."""
    fiscal_pair: bool = False
    """Two years written as one ("2010-11"): a tax year where the words are about tax."""


def _candidates(masked: str) -> list[_Span]:
    """Spans that look like dates, widened to their qualifiers and joined into ranges."""
    spans: list[_Span] = []
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
            spans += _listed(match, _LISTED_DAY, "listed", "shared")
        elif match["months"]:  # "April, June and September 2014": each month its own span
            spans += _listed(match, _LISTED_MONTH, "months", "year")
        elif match["time"]:
            spans.append(_Span(match.start("time"), end, timed=True))
        else:
            back = bool(match["back"] or match["timed_back"])
            pair = re.search(_YEAR_PAIR, word) is not None and not back
            spans.append(_Span(start, end, back=back, fiscal_pair=pair))
    return _join_ranges(masked, spans)


def _listed(match: re.Match[str], member: re.Pattern[str], listed: str, shared: str) -> list[_Span]:
    """Each member of "3rd and 4th June 2018" or "June and July 2015" as a span of its own.

    Each has its own words and is read with the month and year after the last member; the
    last member's span runs to the end.
    """
    words = match[shared]
    members = [
        _Span(found.start(), found.end(), words)
        for found in member.finditer(match.string, match.start(), match.end(listed))
    ]
    return [*members, _Span(match.end(listed), match.end())]


def _join_ranges(masked: str, spans: list[_Span]) -> list[_Span]:
    """Join "X to Y", "X – Y" and "between X and Y"; widen each span over its qualifiers."""
    joined: list[_Span] = []
    for span in spans:
        if joined and not span.back and not joined[-1].back:
            previous = joined[-1]
            link = masked[previous.end : span.start]
            opener = _BETWEEN_BEFORE.search(masked[max(0, previous.start - 12) : previous.start])
            if _RANGE_JOIN.match(link) and ("and" not in link or opener):
                start = previous.start - (len(opener.group()) if opener else 0)
                joined[-1] = _Span(start, span.end, span.shared)
                continue
        joined.append(span)
    widened = []
    for span in joined:
        start = span.start
        while not span.back and (
            lead := _QUALIFIER_BEFORE.search(masked[max(0, start - 30) : start])
        ):
            start -= len(lead.group())  # "from c. March 2018": every qualifier, nearest first
        widened.append(_Span(start, span.end, span.shared, span.back, span.timed, span.fiscal_pair))
    return widened


_BETWEEN_BEFORE = re.compile(r"(?i:between)\s+$")
_GIVEN_AFTER = re.compile(r"\s*[,(]?\s*")


def find_dates(
    text: str, *, ref_date: dt.date, order: str = "dmy", narrative: dt.date | None = None
) -> list[DateHit]:
    """Every date in ``text`` with its meaning and sentence, in the order they appear.

    :param ref_date: the document's own date, for "last year", "two weeks ago" and the like.
    :param order: how numeric dates are read ("dmy", the UK default, or "mdy").
    :param narrative: the day the text before ``text`` was about (the previous paragraph's
        last date), for days without a year, times without a day and back references.
    """
    masked = _mask(text)
    reader = _Reader(text, ref_date, order, narrative)
    spans = _candidates(masked)
    hits = []
    for index, span in enumerate(spans):
        following = spans[index + 1] if index + 1 < len(spans) else None
        if span.back and following and _GIVEN_AFTER.fullmatch(masked, span.end, following.start):
            continue  # "two days later, on 3 May": the date given is the date
        if (hit := reader.read(span)) is not None:
            hits.append(hit)
    return hits


def narrative_after(hits: list[DateHit], narrative: dt.date | None = None) -> dt.date | None:
    """The day the text is about after these hits: the last event's (or ``narrative``)."""
    for hit in reversed(hits):
        day = _narrative_day(hit)
        if day is not None:
            return day
    return narrative


_NARRATED = (Precision.MINUTE, Precision.DAY, Precision.WEEK, Precision.PART_OF_MONTH)


def _narrative_day(hit: DateHit) -> dt.date | None:
    """The day an event moves the narrative to: its first day, or the last of "until 19 October".

    A year, or a deadline ("before 2 December"), leaves the narrative where it was.
    """
    date = hit.date
    if hit.kind != "event" or hit.problem or date.is_undated:
        return None
    if date.precision not in (*_NARRATED, Precision.MONTH):
        return None
    if date.qualifier in (Qualifier.BY, Qualifier.UNTIL) and date.latest is not None:
        return day_of(date.latest)
    if date.qualifier in (Qualifier.BEFORE, Qualifier.AFTER) or date.earliest is None:
        return None
    return day_of(date.earliest)


class _Reader:
    """Reads the spans of one text in order, keeping the narrative so far."""

    def __init__(self, text: str, ref_date: dt.date, order: str, narrative: dt.date | None) -> None:
        self.text, self.ref_date, self.order = text, ref_date, order
        self.narrative = narrative
        self.exact_day: dt.date | None = narrative  # the last day read to the day
        self.bounds = _sentence_bounds(text)
        self.layout = _Layout(text)
        self.sentences: dict[tuple[int, int], str] = {}

    def read(self, span: _Span) -> DateHit | None:
        words = self.text[span.start : span.end]
        kind = self.layout.kind(span.start, span.end)
        if span.back:
            moved = self._moved(words)
            if moved is None:
                return None
            return self._hit(words, moved[0], span, kind, note=moved[1])
        if span.timed and self.exact_day is None:
            return None  # "at 10am" with no day before it: not a date of its own
        reading = words + span.shared  # a day of a list is read with its month and year
        if span.fiscal_pair and _consecutive_years(reading):  # "2010-11", not "2019-05"
            pair = re.sub(r"(?i)^(?:the\s+)?years?\s+", "", reading)
            fiscal = _FISCAL_WORDS.search(self._paragraph(span.start))
            reading = f"tax year {pair}" if fiscal else f"the years {pair}"
        narrative = self.exact_day if span.timed else self.narrative
        try:
            date, warning = dates.parse_with_warning(
                reading, ref_date=self.ref_date, order=self.order, narrative=narrative
            )
        except dates.DateError as error:
            if _WHOLE_DAY.search(reading) or _DAY_AND_MONTH.search(reading):  # "31 February"
                return self._hit(words, FuzzyDate(), span, kind, problem=str(error))
            return None  # "45/2019" and the like: never a date
        if date.is_undated:
            return None
        borrowed = dates.missing_from(warning)
        return self._hit(words, date, span, kind, note=warning or "", borrowed=borrowed)

    def _moved(self, words: str) -> tuple[FuzzyDate, str] | None:
        """A back reference ("the following day", "at 6pm that day") as the day it means."""
        day = self.exact_day
        if day is None:
            return None
        lowered = " ".join(words.lower().split())
        step = _step(lowered)
        if step is None:
            return None
        count, unit = step
        moved = _move(day, count, unit)
        if moved is None:
            return None
        precision = Precision.WEEK if unit == "week" else Precision.DAY
        first = moved - dt.timedelta(days=moved.weekday()) if unit == "week" else moved
        last = first + dt.timedelta(days=6) if unit == "week" else moved
        clock = re.match(
            r"(.+?)\s+(?:on\s+)?(?:that|the\s+same|the\s+following|the\s+next)\b", words
        )
        if clock and unit == "day":
            try:
                timed = dates.parse(
                    f"{clock[1]} on {moved.day} {dates.MONTH_NAMES[moved.month - 1]} {moved.year}",
                    ref_date=self.ref_date,
                )
            except dates.DateError:
                return None
            date = FuzzyDate(
                timed.earliest,
                timed.latest,
                timed.precision,
                timed.qualifier,
                timed.approximate,
                words,
            )
        else:
            date = FuzzyDate(first, last, precision, Qualifier.ON, False, words)
        name = f"{day.day} {dates.MONTH_NAMES[day.month - 1]} {day.year}"
        return date, f"refers back: {_LINKS[unit]} {name}, the date before it in the text"

    def _hit(
        self,
        words: str,
        date: FuzzyDate,
        span: _Span,
        kind: str,
        *,
        problem: str = "",
        note: str = "",
        borrowed: str = "",
    ) -> DateHit:
        sentence = self._sentence(span)
        hit = DateHit(words, date, sentence, span.start, span.end, problem, kind, note, borrowed)
        day = _narrative_day(hit)
        if day is not None:
            self.narrative = day
            if date.precision in _NARRATED:
                self.exact_day = day
        return hit

    def _sentence(self, span: _Span) -> str:
        text, bounds = self.text, self.bounds
        first = bounds[bisect.bisect_right(bounds, span.start) - 1]
        after = bisect.bisect_right(bounds, span.end - 1)
        last = bounds[after] if after < len(bounds) else len(text)
        if last - first > _LONGEST_SENTENCE:  # a schedule or list with no full stops
            first = max(first, self.layout.line_start(span.start))
            last = min(last, self.layout.line_end(span.end))
        if (first, last) not in self.sentences:
            self.sentences[first, last] = " ".join(text[first:last].split())
        return self.sentences[first, last]

    def _paragraph(self, at: int) -> str:
        start, end = self.layout.paragraph(at)
        return self.text[start:end]


_LONGEST_SENTENCE = 600  # characters; past this, a hit's sentence is its own line
_PAIR = re.compile(r"(\d{4})[-/](\d{1,2})\b(?!-)")


def _consecutive_years(words: str) -> bool:
    """Whether the words' first pair of years is a year and the next ("2010-11", "2008-9")."""
    pair = _PAIR.search(words)
    if pair is None:
        return False
    first, written = int(pair[1]), pair[2]
    return (first + 1) % 10 ** len(written) == int(written)


_COUNTS = {word: n for word, n in NUMBERS.items() if word != "several"}
"""Counted steps ("two days later"); "several days later" says no number."""
_LINKS = {"day": "moved from", "week": "the week after", "month": "moved from"}


def _step(words: str) -> tuple[int, str] | None:
    """How far a back reference moves, and in what: (1, "day") for "the following day"."""
    if re.search(r"\b(?:that|the same)\s+" + _PART_OF_DAY, words):
        return 0, "day"
    if re.search(r"\bthe (?:following|next) week\b", words):
        return 1, "week"
    if re.search(r"\bthe (?:previous|preceding) week\b", words):
        return -1, "week"
    if re.search(r"\b(?:the (?:following|next) " + _PART_OF_DAY + r"|the day after)\b", words):
        return 1, "day"
    if re.search(r"\b(?:the (?:previous|preceding) " + _PART_OF_DAY + r"|the day before)\b", words):
        return -1, "day"
    counted = re.search(
        r"\b(\d+|[a-z]+)\s+(day|week|month)s?\s+(later|afterwards|after that|earlier|before that)",
        words,
    )
    if counted is None:
        return None
    count = int(counted[1]) if counted[1].isdigit() else _COUNTS.get(counted[1])
    if count is None:
        return None
    sign = -1 if counted[3] in ("earlier", "before that") else 1
    return sign * count * (7 if counted[2] == "week" else 1), "month" if counted[
        2
    ] == "month" else "day"


def _move(day: dt.date, count: int, unit: str) -> dt.date | None:
    try:
        if unit == "month":
            index = day.year * 12 + day.month - 1 + count
            year, month = index // 12, index % 12 + 1
            return day.replace(year=year, month=month, day=min(day.day, _days_in(year, month)))
        return day + dt.timedelta(days=count * (7 if unit == "week" else 1))
    except (ValueError, OverflowError):
        return None


def _days_in(year: int, month: int) -> int:
    return ((dt.date(year + month // 12, month % 12 + 1, 1)) - dt.date(year, month, 1)).days


# ------------------------------------------------------------------------------ kinds

_DOCUMENT_LINE = re.compile(
    r"(?im)^[ \t#>*_-]*(?:date|dated|date of (?:judgment|hearing|hand-?down|issue)"
    r"|judgment date|hand-?down date)\s*:\s*"
)
_CITATION = re.compile(r"\b[A-Z][\w'’&.-]*\s+v\.?\s+[A-Z][\w'’&.-]*[^()]{0,80}\($")
# A footnote's own line: "[^3]: …", "^3 …", "3 See …" (not a judgment's "[12]").
_FOOTNOTE_LINE = re.compile(r"^[ \t]*(?:\[\^\d{1,3}\]:?|\^\d{1,3}\b|\d{1,3}\s+(?:See|Ibid|Cf)\b)")
_QUOTES = (("“", "”"), ("‘", "’"))
_MARKS = ("“", "”", "‘", "’", '"')


class _Layout:
    """Where a text's lines, paragraphs and quotation marks are, found once.

    Every question about a date's place is a bisection, so a long text without line breaks
    costs no more per date than a short one.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [found.start() for found in re.finditer("\n", text)]
        self.blank_lines = [found.start() for found in re.finditer("(?=\n\n)", text)]
        self.marks = {mark: [found.start() for found in re.finditer(mark, text)] for mark in _MARKS}

    def line_start(self, at: int) -> int:
        index = bisect.bisect_left(self.newlines, at) - 1
        return self.newlines[index] + 1 if index >= 0 else 0

    def line_end(self, at: int) -> int:
        index = bisect.bisect_left(self.newlines, at)
        return self.newlines[index] if index < len(self.newlines) else len(self.text)

    def paragraph(self, at: int) -> tuple[int, int]:
        """The paragraph around ``at``, from just after the blank line before it."""
        index = bisect.bisect_right(self.blank_lines, at - 2) - 1
        start = self.blank_lines[index] + 1 if index >= 0 else 0
        after = bisect.bisect_left(self.blank_lines, at)
        end = self.blank_lines[after] if after < len(self.blank_lines) else len(self.text)
        return start, end

    def count(self, mark: str, start: int, end: int) -> int:
        positions = self.marks[mark]
        return bisect.bisect_left(positions, end) - bisect.bisect_left(positions, start)

    def kind(self, start: int, end: int) -> str:
        """Whether the date at [start, end) is an event the text narrates, or kept apart."""
        text = self.text
        line_start, line_end = self.line_start(start), self.line_end(end)
        label = _DOCUMENT_LINE.match(text, line_start, start)
        if label and label.end() == start and not text[end:line_end].strip(" .,;"):
            return "document"  # "Date: 24/06/2022", "# date: 2025-05-23", a line of its own
        if _FOOTNOTE_LINE.match(text, line_start):
            return "footnote"
        if _CITATION.search(text[max(line_start, start - 120) : start]):
            return "citation"
        paragraph_start = self.paragraph(start)[0]
        for opening, closing in _QUOTES:
            if self.count(opening, paragraph_start, start) > self.count(
                closing, paragraph_start, start
            ):
                return "quoted"
        if self.count('"', paragraph_start, start) % 2 == 1:
            return "quoted"
        return "event"
