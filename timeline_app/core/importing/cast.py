"""The case's people and organisations named in prose: by name, or by a short name the text gives.

A name is found as whole words. A short one (four characters or fewer, or all capitals: "SS",
"MoJ") must match its case exactly, so that "SS" is not found in "ss" or "Ass"; a longer one
("Sopra Steria") is found in any case. The document may give a member of the cast a short
name of its own, in brackets after the full one: "Sopra Steria (SS)", 'Interserve Justice
Limited ("Interserve")', "Mr Michael Pearson (“Mr Pearson”)"; that short name then stands for
them anywhere in the document. Where names overlap, the longest wins ("Managing director of
Sopra Steria" is not also Sopra Steria).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from timeline_app.core.model import Party

_DEFINED = re.compile(
    r"\(\s*[\"“‘']?([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})[\"”’']?\s*\)"
)  # "(SS)", '("Interserve")', "(“Mr Pearson”)"


@dataclass(frozen=True, slots=True)
class Named:
    """A member of the cast named in a sentence, and the words that name them there."""

    party: Party
    as_written: str


class Cast:
    """Finds the case's people and organisations in sentences of one document."""

    def __init__(self, parties: Iterable[Party], document: str = "") -> None:
        """Know ``parties`` by their names, and by the short names ``document`` gives them."""
        self._by_name: dict[str, Party] = {}  # a name as matched (folded unless exact): who
        for party in parties:
            self._add(party.name, party)
        self._compile()
        for defined in _DEFINED.finditer(document):
            before = document[max(0, defined.start() - 120) : defined.start()].rstrip()
            named = [m for m in self._matches(before) if m[1] == len(before)]
            if named and self._key(defined.group(1)) not in self._by_name:
                self._add(defined.group(1), named[-1][2].party)
        self._compile()

    @staticmethod
    def _exact(name: str) -> bool:
        """Whether a name must match its case: a short name or one in capitals."""
        return len(name) <= 4 or name.isupper()

    def _key(self, name: str) -> str:
        name = " ".join(name.split())
        return name if self._exact(name) else name.casefold()

    def _add(self, name: str, party: Party) -> None:
        if name.strip():
            self._by_name.setdefault(self._key(name), party)

    def _compile(self) -> None:
        """One pattern for the names that match their case, one for the rest; longest first."""
        exact = sorted((n for n in self._by_name if self._exact(n)), key=len, reverse=True)
        folded = sorted((n for n in self._by_name if not self._exact(n)), key=len, reverse=True)
        self._patterns = [
            (re.compile(rf"(?<!\w)(?:{'|'.join(map(_spaced, names))})(?!\w)", flags), fold)
            for names, flags, fold in ((exact, re.NOFLAG, False), (folded, re.IGNORECASE, True))
            if names
        ]

    def _matches(self, text: str) -> list[tuple[int, int, Named]]:
        """Every name found in ``text``, as (start, end, found), overlaps resolved."""
        found = []
        for pattern, fold in self._patterns:
            for match in pattern.finditer(text):
                key = " ".join(match.group(0).split())
                party = self._by_name[key.casefold() if fold else key]
                found.append((match.start(), match.end(), Named(party, match.group(0))))
        kept: list[tuple[int, int, Named]] = []
        for start, end, named in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
            if all(end <= s or start >= e for s, e, _ in kept):
                kept.append((start, end, named))
        return sorted(kept, key=lambda f: f[0])

    def named_in(self, sentence: str) -> list[Named]:
        """The members of the cast the sentence names, each once, in the order named."""
        seen: set[int] = set()
        named = []
        for _, _, found in self._matches(sentence):
            if id(found.party) not in seen:
                seen.add(id(found.party))
                named.append(found)
        return named


def _spaced(name: str) -> str:
    """A name as a pattern that takes any spacing between its words."""
    return r"\s+".join(map(re.escape, name.split()))
