"""The dramatis personae as a chronology lists them: by side, then by surname."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline_app.core.model import CaseInfo, Party, PartyKind

_COMPANY_WORDS = re.compile(r"\b(limited|ltd|plc|llp|lp|inc|incorporated|llc|sa|gmbh|ag|bv)\b\.?")
_NOT_WORD = re.compile(r"[^\w\s]")
_POST_NOMINALS = {"kc", "qc", "jr", "sr", "ii", "iii", "obe", "mbe", "cbe"}


@dataclass
class CastGroup:
    """The people and organisations of one side, under a heading ("Claimant: ACME LIMITED")."""

    heading: str
    organisation: str = ""
    """The side's own name as the case gives it, so that members need not repeat it."""
    members: list[Party] = field(default_factory=list)


def _plain(name: str) -> str:
    """A name for matching: lower case, no punctuation, no "Limited" or "plc"."""
    return " ".join(_COMPANY_WORDS.sub(" ", _NOT_WORD.sub(" ", name.casefold())).split())


_CONTACT_LINE = re.compile(
    r"^\s*(?:e-?mail|work|home|tel|telephone|phone|mobile|fax)\s*:\s*\S+\s*$", re.I
)


def description(party: Party) -> str:
    """What the cast list says of a person: their notes less contact lines ("Email: …").

    An email import notes each sender's address; a filed chronology does not print it.
    """
    return "\n".join(
        line for line in party.notes.splitlines() if not _CONTACT_LINE.match(line)
    ).strip()


def same_name(one: str, other: str) -> bool:
    """Whether two names are one, give or take capitals, punctuation and "Limited"."""
    return _plain(one) == _plain(other)


def surname(party: Party) -> str:
    """What a person is sorted by: the last word of the name, less post-nominals ("KC")."""
    words = [
        w for w in _NOT_WORD.sub(" ", party.name).split() if w.casefold() not in _POST_NOMINALS
    ]
    return (words[-1] if words else party.name).casefold()


def side_of(party: Party, info: CaseInfo) -> int | None:
    """Which party to the proceedings (by its place in the heading) a member of the cast is on.

    A member is on a side when its name or organisation is that party's name (give or take
    "Limited" and capitals), or its role begins with that party's role ("Claimant; …").
    """
    names = [_plain(p.name) for p in info.parties]
    for own in (party.name, party.organisation):
        plain = _plain(own)
        if not plain:
            continue
        for index, name in enumerate(names):
            if name and (
                plain == name or plain.startswith(name + " ") or name.startswith(plain + " ")
            ):
                return index
    role = party.role.casefold()
    for index, case_party in enumerate(info.parties):
        first = case_party.role.casefold().split("/")[0].strip()
        if first and role.startswith(first):
            return index
    return None


def cast_groups(info: CaseInfo, cast: Sequence[Party]) -> list[CastGroup]:
    """The cast by side, in the heading's order, then everyone else ("Others").

    Within a side its organisations come first, by name, then its people by surname.
    """
    groups = [CastGroup(f"{p.role}: {p.name}" if p.role else p.name, p.name) for p in info.parties]
    others = CastGroup("Others")
    for party in cast:
        side = side_of(party, info)
        (others if side is None else groups[side]).members.append(party)
    for group in (*groups, others):
        group.members.sort(
            key=lambda p: (
                p.kind is not PartyKind.ORGANISATION,
                p.name.casefold() if p.kind is PartyKind.ORGANISATION else surname(p),
                p.name.casefold(),
            )
        )
    return [group for group in (*groups, others) if group.members]
