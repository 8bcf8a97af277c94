"""The words dates are written in, and text made ready for the grammar (lower case, one space).

Normalising turns "@" into "at", "&" into "and", "this evening" into "today", dashes of every
width into "-", and undoes what transcripts and OCR do to dates: "21 st May" (an ordinal split
by a space), "theDecember 2003" (a lost space), "mid2011".
"""

from __future__ import annotations

import re
import unicodedata

from timeline_app.core.model import Qualifier

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    MONTHS[_name.lower()] = _number
    MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
    "final": -1,
}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "a few": 3,
    "a couple of": 2,
}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
SEASON_NAMES = {3: "Spring", 6: "Summer", 9: "Autumn", 12: "Winter"}

MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
MONTH_WORD = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,? )?"
WEEKDAY_WORD = "(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>\d{4})"
NUMBER = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"

_CONNECTING_WORDS = """
    on or about in around at approximately approx circa ca c roughly some time sometime
    no later not than by before prior to earlier after later following until till up since from
    as of with effect between and the day days week weeks month months year years fortnight
    fortnights quarter quarters half halves early mid late end beginning start middle
    yesterday today tomorrow last this next previous ago hence morning afternoon evening
    night midnight noon midday am pm a m p hours hrs hr h st nd rd th s w b commencing
    during dated undated unknown tbc tba q decade decades hour minute minutes min mins
    second seconds sec secs now just gone past coming into from"""
DATE_WORDS = (
    set(MONTHS)
    | set(WEEKDAYS)
    | set(ORDINALS)
    | set(SEASONS)
    | {w for phrase in NUMBERS for w in phrase.split()}
    | set(_CONNECTING_WORDS.split())
)
"""Every word a date may contain; anything else makes the text "not a date"."""

UNDATED = {
    "",
    "undated",
    "unknown",
    "tbc",
    "tba",
    "n/a",
    "not known",
    "date unknown",
    "unknown date",
    "no date",
    "not dated",
    "?",
    "-",
    "--",
}  # blanks in a spreadsheet

# (phrase pattern, qualifier or None for filler words). Longest phrases first.
_QUALIFIER_PHRASES: list[tuple[str, Qualifier | None]] = [
    (r"(?:on|in|at) or (?:about|around)|in/about|on/about", Qualifier.ABOUT),
    (
        r"(?:at |in )?(?:approximately|approx\.?|about|around|circa|ca\.|c\.|c|roughly"
        r"|more like|something like)",
        Qualifier.ABOUT,
    ),
    (r"some ?time (?:in|around|about)", Qualifier.ABOUT),
    (
        r"no later than|not later than|on or before|not after|by|at the latest,?"
        r"|up to and including",
        Qualifier.BY,
    ),
    (r"before|prior to|earlier than", Qualifier.BEFORE),
    (
        r"no earlier than|not earlier than|on or after|not before|as from"
        r"|with effect from|since|starting(?! of| on| with| from)|beginning(?! of| on| with| from)"
        r"|at the earliest,?",
        Qualifier.SINCE,
    ),
    (r"after|later than|following", Qualifier.AFTER),
    (r"until|till|up until|up to", Qualifier.UNTIL),
    (
        r"as at|as of|as late as|as early as|at least|at some (?:stage|point|time)|sometime"
        r"|some ?time|on|in|at|of|dated|the|even|only|for|both|either",
        None,
    ),
]
QUALIFIER_PATTERN = "|".join(phrase for phrase, qualifier in _QUALIFIER_PHRASES if qualifier)
"""Every qualifying phrase ("on or about", "not before", "by" …) as one regex alternation,
for finding dates in running text (lower case; match it case-insensitively)."""

# Only where the words are known to be a date: "pre-2004", "to the end of May", "into 2030";
# in running text "a window beginning on 5 October" names the day itself.
_LEADING_PHRASES = [
    (r"(?:starting|beginning|commencing) (?:on|with|from)", Qualifier.SINCE),
    (r"pre-?", Qualifier.BEFORE),
    (r"post-?", Qualifier.AFTER),
    (r"to|into", Qualifier.UNTIL),
]
_PHRASES = _QUALIFIER_PHRASES[:-1] + _LEADING_PHRASES + _QUALIFIER_PHRASES[-1:]
_PREFIX = re.compile(
    "^(?:"
    + "|".join(f"(?P<q{number}>{phrase})" for number, (phrase, _) in enumerate(_PHRASES))
    + r")(?:\s+|(?<=[.-]))"  # "c.2016", "pre-2004"
)
_APPROXIMATE = re.compile(rf"^(?:{_QUALIFIER_PHRASES[0][0]}|{_QUALIFIER_PHRASES[1][0]})\s+")


def without_prefix(text: str) -> tuple[str, Qualifier | None, bool]:
    """The text without its first qualifying word ("by", "c.", "on or about", "the").

    Also that word's qualifier (None for a filler word), and whether there was one at all.
    """
    match = None if text[:1].isdigit() else _PREFIX.match(text)  # no phrase starts with one
    if match is None:
        return text, None, False
    return text[match.end() :], _PHRASES[int((match.lastgroup or "q0")[1:])][1], True


def without_about(text: str) -> tuple[str, bool]:
    """The text without a leading "about", "c." or "on or about", and whether it had one."""
    match = _APPROXIMATE.match(text)
    return (text[match.end() :], True) if match else (text, False)


_SUFFIXES = re.compile(
    r",? (?:(?P<by>at the latest|or earlier|or before)"
    r"|(?P<since>at the earliest|onwards?|or later|and after|and later)"
    r"|(?P<about>or thereabouts|or so))$"
)
PHRASES_PATTERN = _PREFIX.pattern + "|" + _SUFFIXES.pattern
"""Every qualifying and filler phrase, as pattern text (for the words dates are written with)."""
_SUFFIX_QUALIFIERS = {"by": Qualifier.BY, "since": Qualifier.SINCE, "about": Qualifier.ABOUT}
_SUFFIX_LAST_WORDS = (
    *("latest", "earlier", "before", "earliest", "onward", "onwards", "later", "after"),
    *("thereabouts", "so"),
)
"""The words a qualifying tail ends with."""


def without_suffix(text: str) -> tuple[str, Qualifier | None]:
    """The text without a qualifying tail ("… at the latest", "… onwards"), and its qualifier."""
    if not text.endswith(_SUFFIX_LAST_WORDS):
        return text, None  # (a cheap test: the pattern is searched for at every position)
    match = _SUFFIXES.search(text)
    if match is None:
        return text, None
    return text[: match.start()], _SUFFIX_QUALIFIERS[match.lastgroup or "by"]


_CITATION = re.compile(
    r"^\[\d{4}\]|\b\d+ (?:wlr|ac|qb|ch|all er|ewca|ewhc|uksc|lloyd'?s rep|bclc)\b"
)
_MAYBE_CITATION = re.compile(r"\[| (?:wlr|ac|qb|ch|all er|ewca|ewhc|uksc|lloyd|bclc)")
_REFERENCES = {
    *("clause", "section", "paragraph", "para", "paras", "schedule", "sch", "article", "art"),
    *("rule", "regulation", "reg", "part", "annex", "appendix", "cl", "s", "r", "p", "pp"),
}
_WORD_AND_NUMBER = re.compile(
    r"\b(" + "|".join(sorted(_REFERENCES | {"q", "h"}, key=lambda w: (-len(w), w))) + r")\.? ?(\d)"
)
"""A reference's word, "q" or "h", with the number after it (the only words the test asks about)."""
_CLAIM = re.compile(r"\b[a-z]{2}-\d{4}-\d{3,}\b")
_NUMBERING = re.compile(r"^\d+(?:\.\d+){3,}$|^\d+\.\d+\.\d$")
_STRANGE = re.compile(r"[£$€%#=*<>\[\]{}|\\]")


def not_a_date(text: str) -> str | None:
    """Why the (normalised) text cannot be a date, when it plainly cannot; else None."""
    if _MAYBE_CITATION.search(text) and _CITATION.search(text):
        return "looks like a law report citation, not a date"
    for word, digit in _WORD_AND_NUMBER.findall(text):
        if word in _REFERENCES:
            return "looks like a reference to a clause, paragraph or page, not a date"
        if (word == "q" and digit in "056789") or (word == "h" and digit not in "12"):
            return "names a quarter or half-year that does not exist"
    if "-" in text and _CLAIM.search(text):
        return "looks like a claim number, not a date"
    if "." in text and _NUMBERING.search(text):
        return "looks like a paragraph number, not a date"
    if _STRANGE.search(text):
        return "has characters that are not part of a date"
    return None


_DASHES = re.compile(r"[\u2010-\u2015\u2212]")  # dashes of every width
_SPACES = re.compile(r"\s+")
_SPLIT_ORDINAL = re.compile(r"\b(\d{1,2}) (st|nd|rd|th)\b")  # "21 st May 2014" (OCR)
_GLUED_WORD = re.compile(rf"\b(?=[tiobm])(the|on|in|of|by|mid)({MONTH_WORD}|\d{{4}})\b")
_RELATIVE_DAY_PARTS = [
    (re.compile(r"\b(?:tonight|this (?:morning|afternoon|evening))\b"), "today"),
    (re.compile(r"\blast night\b"), "yesterday"),
]
_PART_OF_DAY = re.compile(
    r"(?:^|(?<=\s))(?:(?:in )?the )?(?:early |late )?(?:morning|afternoon|evening|night)"
    r"(?: of)?(?=\s|$)"
)  # "the afternoon of 3 May": the day is known
_APOSTROPHE_YEAR = re.compile(r"'(\d{2})\b")
# Seconds are dropped: a chronology's times are to the minute. A zone is kept for the grammar.
_ISO_WITH_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[t ](\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?: ?(z|[+-]\d{2}:?\d{2}))?\b"
)
# Spreadsheet shapes: Excel's "01-Feb-19" and "Feb-19", and "2019/02/01".
_DAY_MON_YEAR = re.compile(r"\b(\d{1,2})[- ]([a-z]{3,9})\.?-(\d{4}|\d{2})\b(?! ?[a-z])")
_MON_YEAR = re.compile(r"^([a-z]{3,9})\.?-(\d{4}|\d{2})$")
_YEAR_FIRST = re.compile(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_SPACED_DOTS = re.compile(r"\b(\d{1,2}) ?\. ?(\d{1,2}) ?\. ?(\d{2,4})\b")  # "26 . 10.21"


def two_digit_year(text: str, ref_year: int) -> int:
    """A year written with two digits: at most ten years after the reference date's year.

    "69" in a 2020 document is 1969, "25" is 2025.
    """
    year = ref_year // 100 * 100 + int(text)
    return year - 100 if year > ref_year + 10 else year


def _dashed_shapes(text: str, ref_year: int) -> str:
    """Excel's dashed shapes ("01-Feb-19", "Feb-19") in the words the rules read."""

    def day_month_year(m: re.Match[str]) -> str:
        if m[2] not in MONTHS:
            return m[0]
        return f"{m[1]} {m[2]} {m[3] if len(m[3]) == 4 else two_digit_year(m[3], ref_year)}"

    def month_year(m: re.Match[str]) -> str:
        if m[1] not in MONTHS:
            return m[0]
        return f"{m[1]} {m[2] if len(m[2]) == 4 else two_digit_year(m[2], ref_year)}"

    text = _DAY_MON_YEAR.sub(day_month_year, text)
    return _MON_YEAR.sub(month_year, text)


_BRACKETED_MONTH = re.compile(rf"\[({MONTH_WORD})\]")


# Replacements as functions, not templates: a template is prepared again on every call,
# even when nothing matches; a function is called only on a match.
def _dashed(m: re.Match[str]) -> str:
    return f"{m[1]}-{m[2]}-{m[3]}"


def _dotted(m: re.Match[str]) -> str:
    return f"{m[1]}.{m[2]}.{m[3]}"


def _spaced(m: re.Match[str]) -> str:
    return f"{m[1]} {m[2]}"


def _joined(m: re.Match[str]) -> str:
    return m[1] + m[2]


def _first_group(m: re.Match[str]) -> str:
    return m[1]


def normalise(text: str, ref_year: int) -> str:
    """Lower case, one space, plain dashes and quotes, and the OCR and layout slips mended.

    Two-digit years in spreadsheet shapes ("Feb-19", "Nov '18") are written out near
    ``ref_year``.
    """
    text = text.lower()
    if not text.isascii():  # superscript digits, long dashes, curly quotes, odd spaces
        text = unicodedata.normalize("NFKC", text)
        text = _DASHES.sub("-", text).replace("’", "'").replace("‘", "'")
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\xa0" in text:
        text = _SPACES.sub(" ", text)
    if "|" in text:  # "Sep 03 2014 | 4:32 pm": a column rule between date and time
        text = text.replace("|", " ")
    if "[" in text:
        text = _BRACKETED_MONTH.sub(_first_group, text)
    if "(" in text or ")" in text:
        text = _SPACES.sub(" ", text.replace("(", " ").replace(")", " "))
    if "@" in text:
        text = text.replace("@", " at ")
    if "&" in text:
        text = text.replace("&", " and ")
    if "-" in text:
        text = _dashed_shapes(text, ref_year)
    if "/" in text or "." in text:
        text = _YEAR_FIRST.sub(_dashed, text)  # "2019/02/01"
    if "." in text:
        text = _SPACED_DOTS.sub(_dotted, text)
    if ":" in text:
        text = _ISO_WITH_TIME.sub(lambda m: f"{m[2]}{' ' + m[3] if m[3] else ''} on {m[1]}", text)
    if "'" in text:
        text = _APOSTROPHE_YEAR.sub(
            lambda m: str(two_digit_year(m[1], ref_year)), text
        )  # "Nov '18"
    if " st" in text or " nd" in text or " rd" in text or " th" in text:  # "21 st May"
        text = _SPLIT_ORDINAL.sub(_joined, text)
    text = _GLUED_WORD.sub(_spaced, text)  # "theDecember", "mid2011"
    if "morning" in text or "noon" in text or "evening" in text or "night" in text:
        for pattern, word in _RELATIVE_DAY_PARTS:
            text = pattern.sub(word, text)
        text = _PART_OF_DAY.sub(" ", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip(" ,;:").removesuffix(".").strip()
