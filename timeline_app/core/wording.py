"""The neutral-wording check: words that usually make a chronology's entry argumentative.

The court guides ask for chronologies that are not tendentious: where there is a dispute it
is stated neutrally, with each side's version shortly stated. :func:`check_wording` flags
three kinds of words, each with a neutral alternative:

- blame: adverbs and adjectives that blame ("deliberately", "wrongly", "astonishingly"), and
  "failed to" as an accusation;
- characterisation: verbs that characterise what someone said or did ("admitted",
  "conceded", "refused");
- conclusion: the author's own conclusions ("clearly", "it is plain that", "proved to be
  false").

Words inside quotation marks are someone's own words, quoted, and are not flagged; nor are
words a sentence attributes to someone ("Sopra Steria claims that Interserve failed to pay"),
and a pleading's "admits" is its term of art, so only the narrative past ("admitted") is
flagged. It is a hint, never a block, and a case can switch it off (Case ▸ Properties).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

BLAME = "blame"
CHARACTERISATION = "characterisation"
CONCLUSION = "conclusion"

_OMIT = "leave the word out and state what was done"

_WORDS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    BLAME: (
        "blames",
        (
            ("deliberately", _OMIT),
            ("intentionally", _OMIT),
            ("wilfully", _OMIT),
            ("knowingly", _OMIT),
            ("wrongly", "leave it out, or say what the act was contrary to"),
            ("wrongfully", "leave it out, or say what the act was contrary to"),
            ("improperly", "leave it out, or say what the act was contrary to"),
            ("unreasonably", _OMIT),
            ("negligently", _OMIT),
            ("recklessly", _OMIT),
            ("dishonestly", _OMIT),
            ("falsely", "leave it out; give each side's version if it is disputed"),
            ("astonishingly", _OMIT),
            ("shockingly", _OMIT),
            ("inexplicably", _OMIT),
            ("egregiously", _OMIT),
            ("blatantly", _OMIT),
            ("flagrantly", _OMIT),
            ("grossly", _OMIT),
            ("woefully", _OMIT),
            ("belatedly", "give the date, and the date it was due"),
            ("notorious", _OMIT),
            ("notoriously", _OMIT),
            ("infamous", _OMIT),
            ("disgraceful", _OMIT),
            ("outrageous", _OMIT),
            ("strenuously", _OMIT),
            ("so-called", "leave it out, or put the name in quotation marks"),
            ("purported", "“described as”, or leave it out"),
            ("failed to", "“did not”"),
            ("neglected to", "“did not”"),
        ),
    ),
    CHARACTERISATION: (
        "characterises what was said or done",
        (
            ("admitted", "“said”, “stated” or “accepted”"),
            ("conceded", "“accepted” or “said”"),
            ("confessed", "“said”"),
            ("refused to", "“did not”, or “declined to”"),
            ("refused", "“declined” or “did not agree”"),
            ("ignored", "“did not reply to” or “did not act on”"),
            ("lied", "“said”; give each side's version if it is disputed"),
            ("misled", "“told”; give each side's version if it is disputed"),
            ("threatened", "“said it would” or “wrote that it would”"),
            ("demanded", "“asked for” or “required”"),
            ("insisted", "“said”"),
            ("boasted", "“said”"),
            ("complained", "“wrote” or “raised”"),
            ("heckled", "“interrupted”, or say what was said"),
            ("sexed up", "say what was changed"),
            ("despite", "state each fact in an entry of its own"),
        ),
    ),
    CONCLUSION: (
        "states the author's conclusion",
        (
            ("clearly", _OMIT),
            ("obviously", _OMIT),
            ("plainly", _OMIT),
            ("evidently", _OMIT),
            ("self-evidently", _OMIT),
            ("undoubtedly", _OMIT),
            ("unsurprisingly", _OMIT),
            ("surprisingly", _OMIT),
            ("remarkably", _OMIT),
            ("tellingly", _OMIT),
            ("significantly", _OMIT),
            ("crucially", _OMIT),
            ("conveniently", _OMIT),
            ("ironically", _OMIT),
            ("needless to say", _OMIT),
            ("of course", _OMIT),
            ("in fact", "say whose evidence it is"),
            ("it is plain that", "leave it out and state the fact"),
            ("it is clear that", "leave it out and state the fact"),
            ("it is obvious that", "leave it out and state the fact"),
            ("it is apparent that", "leave it out and state the fact"),
            ("proved to be false", "say who says so, or leave it to the evidence"),
            ("proved false", "say who says so, or leave it to the evidence"),
            ("proved to be untrue", "say who says so, or leave it to the evidence"),
            ("in breach of", "“contrary to” the term, or leave the finding to the court"),
        ),
    ),
}

_ATTRIBUTED = re.compile(
    r"\b(?:claims?|claimed|alleges?|alleged|says?|said|contends?|contended|pleads?|pleaded|"
    r"avers?|averred|asserts?|asserted|argues?|argued|states?|stated|denies|denied|"
    r"case is|complains?)\b(?:\s+that)?",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’(?!\w)|(?<!\w)'[^'\n]*'(?!\w)")


@dataclass(frozen=True)
class Flag:
    """A word or phrase that may make an entry argumentative, and what to write instead."""

    start: int
    end: int
    words: str
    """The words as written."""
    kind: str
    """blame, characterisation or conclusion."""
    alternative: str

    @property
    def message(self) -> str:
        """One sentence for a tooltip, a warning or a report."""
        return f"“{self.words}” {_WORDS[self.kind][0]}: {self.alternative}."


def _pattern() -> re.Pattern[str]:
    phrases = sorted(
        (phrase for _, listed in _WORDS.values() for phrase, _ in listed), key=len, reverse=True
    )
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_PATTERN = _pattern()
_FOUND = {
    phrase: (kind, alternative)
    for kind, (_, listed) in _WORDS.items()
    for phrase, alternative in listed
}


def check_wording(text: str) -> list[Flag]:
    """The words of ``text`` that usually make a chronology entry argumentative, in order."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    sentences = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
    attributions = [m.start() for m in _ATTRIBUTED.finditer(text)]
    flags = []
    for found in _PATTERN.finditer(text):
        if any(start < found.start() and found.end() <= end for start, end in quoted):
            continue
        begins = sentences[bisect.bisect_right(sentences, found.start()) - 1]
        said = bisect.bisect_left(attributions, begins)
        if said < len(attributions) and attributions[said] < found.start():
            continue  # someone's case, reported as theirs
        kind, alternative = _FOUND[" ".join(found.group().casefold().split())]
        flags.append(Flag(found.start(), found.end(), found.group(), kind, alternative))
    return flags


def check_entries(entries: Iterable[tuple[int, str]]) -> list[tuple[int, Flag]]:
    """Each flag of numbered entries ((number, text)), with the entry's number."""
    return [(number, flag) for number, text in entries for flag in check_wording(text)]
