"""The case's records as plain dataclasses: events, fuzzy dates, the cast, sources and categories.

Nothing here touches the database or Qt. ``id`` is ``None`` until the store has saved a record.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from timeline_app.core.served import ServedVersion

DateValue = dt.date | dt.datetime
"""A point in time: a whole day, or a day with a time (minutes, no time zone)."""


class Precision(enum.StrEnum):
    """How finely a date is known; the court-style display never shows more than this."""

    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    PART_OF_MONTH = "part-of-month"  # early, mid or late in a month
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    HALF = "half"
    PART_OF_YEAR = "part-of-year"  # early, mid or late in a year
    YEAR = "year"
    PART_OF_DECADE = "part-of-decade"  # early (0-3), mid (4-6) or late (7-9) in a decade
    DECADE = "decade"
    UNKNOWN = "unknown"


class Qualifier(enum.StrEnum):
    """How the event relates to its dates ("on or about", "before", "between", "from … to" …)."""

    ON = "on"
    ABOUT = "about"
    BEFORE = "before"
    BY = "by"
    AFTER = "after"
    SINCE = "since"
    UNTIL = "until"
    BETWEEN = "between"  # one unknown point inside [earliest, latest]
    FROM_TO = "from-to"  # lasting across [earliest, latest]


QUALIFIER_RANK: dict[Qualifier, int] = {
    Qualifier.BEFORE: 0,
    Qualifier.BY: 1,
    Qualifier.UNTIL: 1,
    Qualifier.ON: 2,
    Qualifier.ABOUT: 2,
    Qualifier.BETWEEN: 2,
    Qualifier.FROM_TO: 2,
    Qualifier.SINCE: 3,
    Qualifier.AFTER: 3,
}
"""Order among events with the same earliest date (DESIGN §2): before < on/about < after."""


class Status(enum.StrEnum):
    """Whether the parties accept an event as stated."""

    UNDISPUTED = "undisputed"
    DISPUTED = "disputed"
    AGREED = "agreed"
    CONTESTED_BY_CLAIMANT = "contested-by-claimant"
    CONTESTED_BY_DEFENDANT = "contested-by-defendant"

    @property
    def label(self) -> str:
        """The wording for tables and exports ("Contested by claimant")."""
        return self.value.replace("-", " ").capitalize()


class DateOrder(enum.StrEnum):
    """How a case reads numeric dates: 08/11/2018 is 8 November (dmy) or 11 August (mdy)."""

    DMY = "dmy"
    MDY = "mdy"


_E = TypeVar("_E", bound=enum.StrEnum)


def _enum(kind: type[_E], value: str) -> _E:
    """``kind(value)``, through a dict when it can: a big case builds 100,000 of these."""
    try:
        return kind._value2member_map_[value]  # type: ignore[return-value]  # a member of kind
    except KeyError:
        return kind(value)  # raises the usual ValueError


def _iso(value: DateValue) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")  # zero-padded years, unlike strftime
    return value.isoformat()


def day_of(value: DateValue) -> dt.date:
    """The day of a date or of a date with a time."""
    return value.date() if isinstance(value, dt.datetime) else value


def date_to_iso(value: DateValue | None) -> str | None:
    """``2018-11-08`` for a day, ``2018-11-08T14:32`` for a day with a time, None for None."""
    return None if value is None else _iso(value)


def date_from_iso(text: str | None) -> DateValue | None:
    """Inverse of :func:`date_to_iso`: exactly its two forms, or a ValueError."""
    if text is None:
        return None
    if len(text) == 16 and text[10] == "T":
        return dt.datetime.fromisoformat(text)
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    raise ValueError(f"{text!r} is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM)")


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as lawyers know it: a window [earliest, latest], how precise, and how qualified.

    ``text`` is what the user typed; it is kept verbatim. An undated event has neither bound.
    """

    earliest: DateValue | None = None
    latest: DateValue | None = None
    precision: Precision = Precision.UNKNOWN
    qualifier: Qualifier = Qualifier.ON
    approximate: bool = False
    text: str = ""

    def __post_init__(self) -> None:
        # Coerce plain strings (from the store or JSON) into the enums, so comparisons hold;
        # the date engine's are members already (it makes these by the hundred thousand).
        if type(self.precision) is not Precision:
            object.__setattr__(self, "precision", _enum(Precision, self.precision))
        if type(self.qualifier) is not Qualifier:
            object.__setattr__(self, "qualifier", _enum(Qualifier, self.qualifier))
        # "About" is "on", approximately: one meaning, one representation.
        if self.qualifier is Qualifier.ABOUT:
            object.__setattr__(self, "approximate", True)
        elif self.qualifier is Qualifier.ON and self.approximate:
            object.__setattr__(self, "qualifier", Qualifier.ABOUT)
        earliest, latest = self.earliest, self.latest
        if earliest is not None and latest is not None:
            if type(earliest) is not type(latest):
                earliest, latest = _as_datetime(earliest), _as_datetime(latest)
            if latest < earliest:
                raise ValueError(f"latest {self.latest} is before earliest {self.earliest}")

    @property
    def is_undated(self) -> bool:
        """True when neither bound is known."""
        return self.earliest is None and self.latest is None

    @property
    def sort_key(self) -> str:
        """A string whose order is the chronology's order (DESIGN §2).

        Earliest possible moment first (the latest bound when only that is known), then the
        qualifier rank (before < on/about < after); undated events sort after every date.
        """
        anchor = self.earliest if self.earliest is not None else self.latest
        if anchor is None:
            return "~"
        moment = _as_datetime(anchor).isoformat(timespec="minutes")
        return f"{moment} {QUALIFIER_RANK[self.qualifier]}"


UNDATED = FuzzyDate()


def _as_datetime(value: DateValue) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


@dataclass(frozen=True, slots=True)
class SourceLink:
    """An event's citation of a source document, with a pinpoint inside that document.

    ``pinpoint`` is a page of the document ("6", "6-7") or any other locator ("para 14").
    """

    source_id: int
    pinpoint: str = ""


@dataclass(slots=True)
class Event:
    """One row of the chronology, with its links to the cast and to the sources."""

    title: str
    date: FuzzyDate = UNDATED
    end: FuzzyDate | None = None
    description: str = ""
    category_id: int | None = None
    status: Status = Status.UNDISPUTED
    key: bool = False
    privileged_note: str = ""
    versions: dict[str, str] = field(default_factory=dict)
    """Each party's short version of a disputed fact, keyed by the party's role ("Claimant")."""
    sequence: int = 0
    """Manual order among events that share a date; lower comes first."""
    party_ids: tuple[int, ...] = ()
    sources: tuple[SourceLink, ...] = ()
    id: int | None = None
    revision: int = 0
    """Bumped by the store on every write; an update based on an older revision is refused."""
    created: str = ""
    modified: str = ""
    created_by: str = ""
    modified_by: str = ""

    def __post_init__(self) -> None:
        self.status = _enum(Status, self.status)
        if type(self.party_ids) is not tuple:
            self.party_ids = tuple(self.party_ids)
        if type(self.sources) is not tuple:
            self.sources = tuple(self.sources)


class PartyKind(enum.StrEnum):
    """Whether a member of the cast is a person or an organisation."""

    PERSON = "person"
    ORGANISATION = "organisation"


@dataclass(slots=True)
class Party:
    """A member of the cast (dramatis personae): a person or an organisation."""

    name: str
    kind: PartyKind = PartyKind.PERSON
    role: str = ""
    organisation: str = ""
    notes: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        self.kind = PartyKind(self.kind)


@dataclass(slots=True)
class Source:
    """A document in the case, and where it sits in the court bundle.

    ``bundle_ref`` names the document's place ("B/12": bundle B, tab 12); ``first_page`` is the
    bundle page its first page carries. Citations derive the bundle page from both, so events
    keep the right reference when the bundle is re-paginated.
    """

    title: str
    date_text: str = ""
    doc_type: str = ""
    bundle_ref: str = ""
    first_page: int | None = None
    location: str = ""
    """A file path or URL for the document itself."""
    notes: str = ""
    id: int | None = None

    def cite(self, pinpoint: str = "") -> str:
        """The bundle reference for a pinpoint inside this document.

        ``cite("6")`` on a document at B/12 starting at bundle page 340 gives ``B/12/345``;
        pages and ranges are written in the same style (``cite("6-8, 10")`` gives
        ``B/12/345-347, 349``, and "pp. 6–8" or "6-8" read alike). Without a first page it
        gives ``B/12, p. 6`` (``B/12, pp. 6-8``); a locator that is not a page number is
        appended (``B/12, para 14``). With no bundle reference the document's title stands in.
        """
        base = self.bundle_ref or self.title
        pinpoint = pinpoint.strip()
        if not pinpoint:
            return base
        spans = page_spans(pinpoint)
        if spans is None:
            return f"{base}, {pinpoint}"
        if self.first_page is not None and self.bundle_ref:
            shift = self.first_page - 1
            return f"{self.bundle_ref}/{spans_text([(a + shift, b + shift) for a, b in spans])}"
        single = len(spans) == 1 and spans[0][0] == spans[0][1]
        return f"{base}, {'p.' if single else 'pp.'} {spans_text(spans)}"


_PAGES = re.compile(r"(?:pp?\.?\s*)?(\d+(?:\s*[-–]\s*\d+)?(?:\s*[,;&]\s*\d+(?:\s*[-–]\s*\d+)?)*)")
_SPAN = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


def page_spans(pinpoint: str) -> list[tuple[int, int]] | None:
    """The pages a pinpoint names, as (first, last) spans; None if it is not pages.

    "6" is [(6, 6)]; "pp. 6–8, 10" is [(6, 8), (10, 10)]; "345-7" is [(345, 347)], as lawyers
    shorten a range. A span that runs backwards ("8-6") is not pages.
    """
    found = _PAGES.fullmatch(pinpoint.strip())
    if found is None:
        return None
    spans = []
    for match in _SPAN.finditer(found.group(1)):
        first, last = match.group(1), match.group(2) or match.group(1)
        if len(last) < len(first) and int(last) < int(first):  # "345-7": 345 to 347
            last = first[: len(first) - len(last)] + last
        if int(last) < int(first):
            return None
        spans.append((int(first), int(last)))
    return spans


def spans_text(spans: list[tuple[int, int]]) -> str:
    """Spans of pages as a chronology writes them: "6-8, 10"."""
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def document_ends(sources: Iterable[Source]) -> dict[str, tuple[int, int | None]]:
    """Each paged document's first bundle page and, when known, its last, by place (folded).

    A document ends where the next one of its bundle starts (B/12 starting at page 340 ends
    at 399 when B/13 starts at 400); the last of a bundle, or one with no tab ("A"), has no
    known end.
    """
    paged = [
        (source.bundle_ref, source.first_page)
        for source in sources
        if source.bundle_ref and source.first_page is not None
    ]
    starts: dict[str, list[int]] = {}
    for place, first in paged:
        starts.setdefault(bundle_of(place), []).append(first)
    ends: dict[str, tuple[int, int | None]] = {}
    for place, first in paged:
        bundle = bundle_of(place)
        following = [start for start in starts[bundle] if start > first] if bundle else []
        ends[place.casefold()] = (first, min(following) - 1 if following else None)
    return ends


def bundle_of(place: str) -> str:
    """The bundle a document's place is in ("b" for "B/12"); "" for a place with no tab."""
    return place.rpartition("/")[0].casefold()


@dataclass(slots=True)
class Category:
    """A kind of event, drawn in its own colour ("#RRGGBB")."""

    name: str
    colour: str = "#607d8b"
    id: int | None = None


@dataclass(slots=True)
class Batch:
    """Records added together in one transaction (an import or a merge), and removed together.

    New categories, people and documents carry no id or a negative one; events refer to them by
    that negative id, and the store replaces it with the real id. A positive id is kept, so a
    redo (or a lossless JSON import into an empty case) gives back the same records.
    """

    events: list[Event] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    keep_stamps: bool = False
    """Keep each event's created/modified stamps (a whole case brought back from JSON)."""
    case_info: CaseInfo | None = None
    """Case information to write with the records (a whole case into an empty one)."""
    served: list[ServedVersion] = field(default_factory=list)
    """Served versions that come with a whole case (from JSON, a repair or a server)."""


def saved_id(record: Event | Party | Source | Category) -> int:
    """The id of a record read from a case (asking it of one never saved is a bug)."""
    if record.id is None:
        raise ValueError(f"{type(record).__name__} {record!r} has not been saved")
    return record.id


DEFAULT_TIME_ZONE = "Europe/London"


def is_time_zone(name: str) -> bool:
    """Whether ``name`` is a time zone this computer knows ("Europe/London", "UTC")."""
    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


@dataclass(frozen=True, slots=True)
class CaseParty:
    """A party to the proceedings as the heading names it ("Sopra Steria Limited", "Claimant")."""

    name: str
    role: str


@dataclass(slots=True)
class CaseInfo:
    """The case's own details: the court heading, the parties, and how dates are read."""

    title: str = "Untitled case"
    court_lines: list[str] = field(default_factory=list)
    """The heading lines, e.g. ["IN THE HIGH COURT OF JUSTICE", "BUSINESS AND PROPERTY …"]."""
    claim_number: str = ""
    parties: list[CaseParty] = field(default_factory=list)
    prepared_by: str = ""
    reference_date: dt.date | None = None
    """The date relative expressions ("last year") are read against; None means today."""
    date_order: DateOrder = DateOrder.DMY
    time_zone: str = DEFAULT_TIME_ZONE
    """Where the case's clock is (an IANA name): an email's sent time is shown in it."""
    created: str = ""
    modified: str = ""
    house_template: str = ""
    """The firm's Word template (.dotx or .docx) the chronology takes its styles from; "" for
    Evidence Timeline's own."""
    reference_brackets: bool = False
    """Bundle references are written in square brackets ("[B/12/345]")."""
    wording_check: bool = True
    """Entries are checked for words that make them argumentative (a hint, never a block)."""

    def __post_init__(self) -> None:
        self.date_order = DateOrder(self.date_order)
        self.parties = [p if isinstance(p, CaseParty) else CaseParty(**p) for p in self.parties]


@dataclass(frozen=True, slots=True)
class Change:
    """One line of the audit trail: who changed which field of which record, from what to what."""

    at: str
    user: str
    action: str
    entity: str
    entity_id: int | None
    field: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """What ``info`` reports about a case file."""

    title: str
    schema_version: int
    events: int
    undated_events: int
    parties: int
    sources: int
    categories: int
    earliest: str | None
    latest: str | None
