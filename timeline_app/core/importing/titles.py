"""The title and description of an event proposed from a sentence of prose.

A title is what a court chronology would print: a short neutral phrase naming the event the
date belongs to, or the sentence itself when that is short and neutral. Its words are the
sentence's own, in their order; only the first letter may be made a capital, and a colon may
join a document to what it records. What is left out:

- the date, with the words that introduce it ("on", "dated", "in the early hours of");
- framing: linking words ("Yet", "However"), a leading phrase that only sets the scene ("On 8
  November 2018,", "In order to …,"), a source's "As noted in"/"According to", and asides
  (", which …," and brackets);
- a small list of loaded words a court would not adopt (:data:`LOADED`), outside quotations.

Where the date belongs to a document or proceeding named inside the framing ("a 2016 press
release published by …", "the report dated 8 November 2018", "a case filed by … in October
2019"), that is the event: "Press release published by SS when …". A document that is a
source ("As noted in the report dated …, there were …") is joined to what it records:
"Claimant's Root Cause Analysis report: 25 critical and 55 high risk security breaches".
Where the date's own phrase is inside brackets as "the date …", that phrase is the title.

A chronology must not state an allegation as fact, so a claim keeps whose it is. When the
sentence reports what someone alleged, claimed, said or admitted with the speaker inside or
after the claim ("X's IT, Interserve alleged, meant …"; '"…," said Interserve'), the title
puts the speaker and verb first: "Interserve alleged: X's IT meant …" (a loaded verb such
as "stormed" is left out: "Interserve's legal team: …"). A claim said in the ordinary order
("Interserve claimed that …") keeps it as written.

A title longer than :data:`SHORT_TITLE` is cut where a phrase ends (before ", ", " – ",
"which", "because", an "-ing" phrase, then a preposition), never inside a quotation; only a
title with no such place to cut ends in "…".

The description keeps what the title does not say, and never the title again as a block:
empty when the title is the sentence; the sentence with the title's words replaced by "…"
when the title is a run of the sentence as written (empty when only the date is left); else
the sentence as written, the words the title sums up.
"""

from __future__ import annotations

import re

SHORT_TITLE = 90
"""Characters: a neutral sentence this short is its own title; a phrase is cut to fit it."""

LOADED = (
    "shonky",
    "stinging",
    "scathing",
    "blistering",
    "damning",
    "shambolic",
    "disastrous",
    "hapless",
    "notorious",
    "squarely",
    "precisely",
)
"""Evaluative words of a writer (a journalist's, usually) left out of a title."""

_LOADED = re.compile(rf"\s*\b(?:{'|'.join(LOADED)})\b", re.IGNORECASE)
_LOADED_VERBS = {"stormed", "slammed", "blasted", "raged", "fumed"}
_REPORTING_VERB = (
    r"(?:alleged|alleges|claimed|claims|said|says|contended|contends|argued|argues"
    r"|maintained|maintains|asserted|asserts|admitted|admits|denied|denies|stated|states"
    r"|added|insisted|insists|wrote|stormed|slammed|blasted|raged|fumed)"
)
# '"…," stormed Interserve's legal team.' : a quotation, then who said it
_QUOTED_CLAIM = re.compile(
    rf'^[“"](?P<claim>.+?)[,.]?[”"],?\s+(?P<verb>{_REPORTING_VERB})\s+(?P<who>[^,;]+?)\.?$'
)
# "…, Interserve alleged, meant …": the speaker between commas inside the claim
_INNER_SPEAKER = re.compile(
    rf",\s+(?P<who>the\s+[\w'’]+(?:\s+[\w'’]+)?"
    rf"|[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){{0,3}}(?:'s?\s+\w+)?)"
    rf"\s+(?P<verb>{_REPORTING_VERB}),\s+"
)
# "…, said Interserve in its defence …" to the end: who said it, after the claim
_TRAILING_SPEAKER = re.compile(
    rf",\s+(?P<verb>{_REPORTING_VERB})\s+(?P<who>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)\b.*$"
)
# A source that frames what follows: "As noted in", "According to".
_SOURCE_FRAME = re.compile(
    r"(?i:as\s+(?:explained|noted|set\s+out|stated|described|shown|recorded|reported)\s+in"
    r"|according\s+to)\s+"
)
# Words that open a framing phrase: "On 8 November 2018, …", "Following the tender, …".
_FRAMING = re.compile(
    r"(?i:on|in|at|by|after|before|following|during|upon|under|pursuant|from|since|until"
    r"|throughout|having|with|despite|notwithstanding|although|though|while|around|about"
    r"|circa|c\.)\s"
)
# Words that link a clause to what came before: "Yet", "However,", "and".
_LINK = re.compile(
    r"(?i:and|but|yet|then|however|meanwhile|moreover|furthermore|subsequently|thereafter"
    r"|accordingly|also|nevertheless|even|in\s+any\s+event|(?:in|by|under|of|to)\s+which)\b,?\s+"
)
_WHEN = re.compile(r"(?:when|whereupon|until)\s+")  # a clause's own, after a comma
_WITH_DOING = re.compile(r"with\s+(?=(?:\S+\s+){1,3}?\w+ing\b)")  # "with SS admitting that"
# Where a clause ends: "; ", a dash between spaces, a comma before a conjunction.
_CLAUSE_BREAK = re.compile(
    r";\s+|\s+[–—-]\s+"
    r"|,\s+(?=(?:and|but|while|whereas|although|though|yet|so|as|when|with|whereupon|because|until)\s)"
    r"|,\s+(?=(?:in|by|under|of|to)\s+which\s)|\s+(?=but\s)"
    r"|\.\s+(?=(?:In|On|At|By|After|Before|During|From|Since|The|He|She|It|They|We|I|This)\s)"
)
_DATE_LEAD = re.compile(
    r"(?i:\b(?:on|in|at|during|dated|of|from|the|by|since|over"
    r"|(?:in|at|during)\s+the\s+(?:early\s+|late\s+)?(?:hours|morning|afternoon|evening|night"
    r"|end|beginning|start|middle|course|summer|winter|spring|autumn)\s+of)\s+)+$"
)
_DATE_TAIL = re.compile(r"\s+onwards?\b|[-–/]\d{1,2}\b")  # "from March onwards", "2010-11"
_ASIDE = re.compile(r",\s+(?:which|who|whom|whose|having)\b[^,;]*,|\s*\([^()]*\)")
_ASIDE_TO_END = re.compile(r",\s+(?:which|who|whom|whose)\b[^,;]*$")
_AUXILIARY = re.compile(r"(?:was|were|is|are|has|had|have|will|would)\s")
_THE_DATE = re.compile(r"\s*\((the\s+(?:date|day|deadline)\b[^()]*)\)")
_EXISTENTIAL = re.compile(r"(?i:there\s+(?:was|were|is|are|had\s+been|have\s+been)\s+)")
_DETERMINER = {"a", "an", "the", "its", "his", "her", "their", "our", "your", "this", "these"}
# Prepositions that carry a noun phrase on ("letters from the Minister of Finance")
_OF_PHRASE = {"of", "from", "by", "for"}
_NOT_IN_A_NOUN_PHRASE = {
    "to", "in", "on", "at", "that", "and", "or", "was", "were", "is", "are", "be", "been",
    "has", "have", "had", "he", "she", "it", "they", "we", "i", "which", "who", "whom",
    "there", "with", "as", "not", "before", "after", "under", "over", "into", "against",
    "between", "during", "within", "upon", "about", "than",
}  # fmt: skip
_PARTICIPLES = {"given", "taken", "made", "sent", "told", "seen", "paid", "held", "found", "put"}
# Past participles that tie a date to the document or proceeding before them.
_TIED_BY = re.compile(
    r"\b(?:dated|filed|published|issued|signed|served|sent|lodged|handed\s+down"
    r"|made|written|delivered|received|released|beginning|starting|ending|expiring)\b"
    r"(?:\s+by\s+[^,;]+?)?\s+(?:on|in|of)?(?:\s*[^,;]{1,30}?\s+and)?\s*$"
)
# What a cut title should not end on: a little word, or a day or count without its noun.
_TRAILING = re.compile(
    r"(?i:\s+(?:a|an|the|of|to|and|or|in|on|at|by|for|with|from|that|its|their|his|her|as"
    r"|but|who|which|was|were|is|be|been|had|has|have|\d{1,3}))+$"
)
# Where a long title may be cut: the end of a phrase, then (if none fits) a preposition.
_PHRASE_END = re.compile(
    r",\s|\s[–—-]\s|;\s|\s(?=(?:which|who|because|as\s+a\s+result\s+of|so\s+that|such\s+that"
    r"|namely|including|following|whereby|but|and|save|except|costing|putting)\s)"
    r"|(?<!\bbeen)(?<!\bwas)(?<!\bwere)(?<!\bis)(?<!\bare)(?<!\bbe)\s(?=[a-z]+ing\s)"
    r"|\s(?=[“\"])"
)
_PREPOSITION = re.compile(
    r"\s(?=(?:on|in|at|for|with|over|under|to|from|by|of|about|between|until|after|before"
    r"|pursuant|against|during|within|without|into|onto|upon|through)\s)"
)
_LITTLE_WORDS = re.compile(r"(?i:\b(?:on|in|at|by|of|from|dated|the|yet|and|but)\b)|[\W_]")
_CLOSING = {'"': '"', "“": "”", "(": ")", "[": "]"}


def title_and_description(sentence: str, date_words: str) -> tuple[str, str]:
    """The event's title and description, from the sentence that holds its date."""
    neutral = not _LOADED.search(_nesting(sentence)[0]) and not _SOURCE_FRAME.match(sentence)
    if len(sentence) <= SHORT_TITLE and neutral:
        return sentence, ""
    title = _phrase(sentence, date_words)
    return title, _description(sentence, title, date_words)


def _description(sentence: str, title: str, date_words: str) -> str:
    """What the title does not say: the sentence less the title's run, or all of it."""
    at = sentence.find(title[1:]) - 1 if len(title) > 1 else -1
    if at < 0 or sentence[at].casefold() != title[0].casefold():
        return sentence  # the title sums the sentence up in fewer words
    before, after = sentence[:at], sentence[at + len(title) :]
    rest = (before + after).replace(date_words, "", 1) if date_words else before + after
    if not _LITTLE_WORDS.sub("", rest):
        return ""  # only the date (which has its own column) is left
    left, right = before.strip(" ,;:"), after.strip(" ,;:")
    if right in {"", "."}:
        return f"{left} …"
    return f"{left} … {right}" if left else f"…{right}"


def _phrase(sentence: str, date_words: str) -> str:
    """A short neutral phrase naming the event ``date_words`` belongs to (see the module)."""
    found = sentence.find(date_words) if date_words else -1
    if found >= 0 and (the_date := _THE_DATE.match(sentence, found + len(date_words))):
        return _finished(the_date.group(1))  # "on 3 June 2022 (the date for eligibility …)"
    speaker, claim = _speaker(sentence, date_words)
    text = _without_asides(claim, date_words)
    guarded, _ = _nesting(text)
    found = text.find(date_words) if date_words else -1
    date = (found, found + len(date_words)) if found >= 0 else (0, 0)
    if dated := re.match(r"(?i:dated)\s+", date_words):
        date = (date[0] + dated.end(), date[1])  # "dated" ties the date, it is not part of it
    lo, hi = _clause(text, guarded, date)
    if said_of := _said_of(text, guarded, lo, hi, date):
        return said_of
    for _ in range(3):  # a clause may open with more than one framing phrase
        lo = _past_links(text, guarded, lo, hi)
        frame = _SOURCE_FRAME.match(text, lo, hi) or _FRAMING.match(text, lo, hi)
        if frame is None:
            if set_off := _set_off_document(text, lo, hi, date):
                return set_off
            break
        main = _main_clause_start(text, guarded, frame.end(), hi, date)
        if main is None and frame.start() <= date[0]:
            main = hi  # the framing phrase is all the clause holds
        if main is None:
            break
        if not frame.start() <= date[0] < main:
            lo = main
            continue
        event = _document(text, frame.end(), main, date)
        if event is not None:
            start, end = event
            named = _finished(_without_date(text, start, end, date))
            if text[frame.end() : start].strip().lower() not in _DETERMINER | {""}:
                return named  # named inside the framing: the event is the document's
            if _SOURCE_FRAME.match(text, lo, hi):
                found_in = _EXISTENTIAL.match(text, main, hi)
                what = _words(text[found_in.end() if found_in else main : hi])
                joined = f"{named}: {what}"
                return _finished(joined) if len(_cut(joined)) > len(named) + 12 else named
            if main == hi or frame.group(0).strip().lower() not in {"in", "by"}:
                return named
            lo = main  # "In its judgment handed down on …, the court …": what it did
        elif len(_words(text[frame.end() : main]).split()) > 4 + len(date_words.split()):
            hi = main  # the phrase with the date is the event: "After a meeting in Leeds …"
            break
        else:
            lo = main
    title = _finished(_subject_before(text, guarded, lo) + _without_date(text, lo, hi, date))
    if len(title.split()) < 2:
        title = _finished(claim)  # the clause was only its date
    if speaker:
        title = _finished(
            f"{speaker}: {title[:1].lower() + title[1:] if _lower_ok(title) else title}"
        )
    return title


def _subject_before(text: str, guarded: str, lo: int) -> str:
    """The subject of the clause before, when the clause at ``lo`` has none of its own.

    "The application was granted; and was later extended to 11 May 2016" gives "The
    application " for "was later extended".
    """
    if not lo or not _AUXILIARY.match(text, lo):
        return ""
    starts = [0] + [b.end() for b in _CLAUSE_BREAK.finditer(guarded, 0, lo) if b.end() < lo]
    before = starts[-2] if len(starts) > 1 else 0
    start = _past_links(text, guarded, before, lo)
    verb = re.compile(r"\s(?=(?:was|were|is|are|has|had|have)\s)").search(guarded, start, lo)
    return text[start : verb.start()] + " " if verb else ""


def _past_links(text: str, guarded: str, lo: int, hi: int) -> int:
    """Where the clause starts past its linking words ("Yet", "and when", "with X doing")."""
    while True:
        if link := _LINK.match(text, lo, hi) or (_WHEN.match(text, lo, hi) if lo else None):
            lo = link.end()
        elif (doing := _WITH_DOING.match(text, lo, hi)) and "," not in guarded[lo:hi]:
            lo = doing.end()
        else:
            return lo


def _lower_ok(title: str) -> bool:
    """Whether the title's capital is only the one it was given (its first word is common)."""
    first = title.split(" ", 1)[0]
    return first.lower() in _DETERMINER | {"there", "it", "he", "she", "they", "we"}


def _speaker(sentence: str, date_words: str) -> tuple[str, str]:
    """Who the sentence reports as saying its claim ("Interserve alleged"), and the claim.

    Only a speaker put inside or after the claim is taken out; a loaded verb is dropped.
    """
    found = _QUOTED_CLAIM.match(sentence)
    if found and date_words in found.group("claim"):
        return _said(found.group("who"), found.group("verb")), found.group("claim")
    guarded, _ = _nesting(sentence)
    for pattern in (_INNER_SPEAKER, _TRAILING_SPEAKER):
        found = pattern.search(guarded)
        if found and not found.start() <= sentence.find(date_words) < found.end():
            who = sentence[found.start("who") : found.end("who")]
            rest = sentence[: found.start()] + (" " if pattern is _INNER_SPEAKER else "")
            return _said(who, found.group("verb")), rest + sentence[found.end() :]
    return "", sentence


def _said(who: str, verb: str) -> str:
    """Who said it and how ("Interserve alleged"); only who, when the verb is loaded."""
    return who if verb.lower() in _LOADED_VERBS else f"{who} {verb}"


def _clause(text: str, guarded: str, date: tuple[int, int]) -> tuple[int, int]:
    """The clause that holds the date, taking in the next when it is only the date."""
    breaks = list(_CLAUSE_BREAK.finditer(guarded))
    before = [b.end() for b in breaks if b.end() <= date[0]]
    after = [b.start() for b in breaks if b.start() >= date[1]]
    lo, hi = (before or [0])[-1], (after or [len(text)])[0]
    while _words_besides(text, lo, hi, date) < 3 and (before or after):
        if after:
            after.pop(0)
            hi = (after or [len(text)])[0]
        else:
            before.pop()
            lo = (before or [0])[-1]
    if (aside := _ASIDE_TO_END.search(guarded, lo, hi)) and aside.start() > date[0]:
        hi = aside.start()  # ", which …" to the end of the clause, when the date is before it
    return lo, hi


def _set_off_document(text: str, lo: int, hi: int, date: tuple[int, int]) -> str:
    """The title of a dated document set off by a comma (", a witness statement … dated …")."""
    event = _document(text, lo, hi, date)
    if event is None:
        return ""
    before = text[lo : event[0]].split()
    if before and before[-1].lower() in _DETERMINER:
        before.pop()
    if not before or not before[-1].endswith(","):
        return ""
    if not re.search(r"\bdated\s+\S*\s*$", text[lo : date[0]]):
        return ""
    return _finished(_without_date(text, event[0], event[1], date))


def _said_of(text: str, guarded: str, lo: int, hi: int, date: tuple[int, int]) -> str:
    """The title of a date in a closing ", which …" or ", who …": what it says of whom.

    "… by a letter of 8 November 2018, which was received by Sopra Steria on 9 November
    2018" gives "Letter of 8 November 2018 was received by Sopra Steria".
    """
    aside = _ASIDE_TO_END.search(guarded, lo, hi)
    if aside is None or not aside.start() < date[0]:
        return ""
    start = _antecedent(text, lo, aside.start())
    pronoun = re.compile(r",\s+\w+\s+").match(text, aside.start())
    if start is None or pronoun is None:
        return ""
    head, tail = text[start : aside.start()], text[pronoun.end() : hi]
    said = f"{head} {tail}"
    shift = len(head) + 1 - pronoun.end()
    return _finished(_without_date(said, 0, len(said), (date[0] + shift, date[1] + shift)))


def _antecedent(text: str, lo: int, end: int) -> int | None:
    """Where the phrase ("a letter of …", after "a") or name ending at ``end`` starts, or None."""
    words = list(re.finditer(r"\S+", text[lo:end]))[-8:]
    start = None
    for word in reversed(words):
        lower = word.group(0).lower()
        if lower in _DETERMINER:
            return start
        if word.group(0).endswith(",") or lower in _NOT_IN_A_NOUN_PHRASE:
            break
        start = lo + word.start()
    start = None
    for word in reversed(words):
        if not word.group(0)[0].isupper():
            break
        start = lo + word.start()
    return start


def _main_clause_start(
    text: str, guarded: str, lo: int, hi: int, date: tuple[int, int]
) -> int | None:
    """Where the clause's main part starts after its framing phrase, or None.

    The framing ends at its comma ("On 8 November 2018, the …") or, with no comma, where a
    new subject follows the date ("In its judgment handed down on 7 May 2021 the court …",
    "As noted in the report dated 8 November 2018 there were …").
    """
    comma = guarded.find(", ", lo, hi)
    if comma >= 0 and len(text[comma:hi].split()) > 3:
        return comma + 2
    if lo <= date[0] and date[1] < hi:
        after = re.compile(r"\s+(?=(?:the|there|a|an|[A-Z])\b)").match(text, date[1], hi)
        if after and len(text[after.end() : hi].split()) > 3:
            return after.end()
    return None


def _document(text: str, lo: int, hi: int, date: tuple[int, int]) -> tuple[int, int] | None:
    """The span of the document or proceeding the date belongs to, within ``text[lo:hi]``.

    The date is a document's when it comes between a determiner and a noun ("a 2016 press
    release …": the release and what follows it), or after a participle that ties it to the
    noun phrase before ("the report dated …", "a case filed by X in …"): that phrase, with
    what follows the date unless the date was "dated" (which ends it).
    """
    before = text[lo : date[0]]
    words = before.split()
    if words and words[-1].lower() in _DETERMINER and re.match(r"\s+[A-Za-z]", text[date[1] :]):
        return date[1], hi
    tied = _TIED_BY.search(before)
    if tied is None:
        return None
    start = _noun_phrase_start(text, lo, lo + tied.start())
    if start is None:
        return None
    return start, lo + tied.start() if tied.group(0).lstrip().startswith("dated") else hi


def _noun_phrase_start(text: str, lo: int, end: int) -> int | None:
    """Where the noun phrase that ends at ``end`` starts (after its determiner), or None.

    It reaches back over "of", "from", "by" and "for" ("letters from the Minister of
    Finance"), and stops at a word ending in "-ed" that no determiner precedes (a verb:
    "received letters").
    """
    words = list(re.finditer(r"\S+", text[lo:end]))
    start = None
    for index in range(len(words) - 1, -1, -1):
        word = words[index].group(0)
        lower = word.lower().strip(",")
        previous = words[index - 1].group(0).lower() if index else ""
        if word.endswith(",") or lower in _NOT_IN_A_NOUN_PHRASE:
            break
        if lower in _DETERMINER:
            if previous not in _OF_PHRASE:
                break
            continue
        if lower in _OF_PHRASE:
            continue
        verb = lower.endswith("ed") or lower in _PARTICIPLES
        if verb and not word[0].isupper() and previous not in _DETERMINER:
            break
        start = lo + words[index].start()
    return start


def _without_date(text: str, lo: int, hi: int, date: tuple[int, int]) -> str:
    """``text[lo:hi]`` less the date and the words that introduce it."""
    if not (lo <= date[0] and date[1] <= hi):
        return text[lo:hi]
    lead = _DATE_LEAD.search(text, lo, date[0])
    tail = _DATE_TAIL.match(text, date[1], hi)
    head = text[lo : lead.start() if lead else date[0]]
    rest = text[tail.end() if tail else date[1] : hi]
    if head.rstrip().endswith(",") and rest.lstrip().startswith(","):
        rest = rest.lstrip()[1:]  # "To produce, by 14 October 2015, all documents"
    return head + rest


def _words(text: str) -> str:
    """``text`` with its spaces made single and none before punctuation."""
    return re.sub(r"\s+(?=[,;:.])", "", " ".join(text.split())).strip(" ,;:.–—-")


def _finished(text: str) -> str:
    """A title from its words: loaded words out, cut to fit, its first letter a capital."""
    guarded, _ = _nesting(text)
    kept, at = [], 0
    for loaded in _LOADED.finditer(guarded):
        kept.append(text[at : loaded.start()])
        at = loaded.end()
    title = _cut(_TRAILING.sub("", _words("".join(kept) + text[at:])))
    return title[:1].upper() + title[1:]


def _cut(title: str) -> str:
    """The title cut where a phrase ends to fit; "…" only when no such place fits."""
    if len(title) <= SHORT_TITLE:
        return _whole_quotation(title)
    guarded, _ = _nesting(title)
    for places in (_PHRASE_END, _PREPOSITION):
        cuts = (
            _TRAILING.sub("", title[: place.start()]).rstrip(" ,;:–—-")
            for place in places.finditer(guarded)
            if place.start() <= SHORT_TITLE
        )
        fits = [cut for cut in cuts if len(cut.split()) >= 4]
        if fits and len(fits[-1]) >= 30:
            return fits[-1]
    return _capped(title)


def _whole_quotation(title: str) -> str:
    """The title less a quotation mark whose other half was left out."""
    _, still_open = _nesting(title)
    if still_open and still_open[0] == 0:
        return title[1:].lstrip()
    return title


def _capped(phrase: str) -> str:
    """The phrase cut at a word to fit a title, with "…"; quotations never half-open."""
    head = phrase[:SHORT_TITLE]
    cut = head.rsplit(" ", 1)[0]
    _, still_open = _nesting(cut)
    if still_open and len(cut[: still_open[0]].split()) >= 3:
        cut = cut[: still_open[0]]  # stop before a quotation that would not close
    cut = _TRAILING.sub("", cut).rstrip(" ,;:–—-")
    if len(cut.split()) < 2:
        cut = head  # too little is left at a word: cut inside one
    return _whole_quotation(cut + "…")


def _without_asides(sentence: str, date_words: str) -> str:
    """The sentence less its asides (", which …," and brackets), except one holding the date."""
    guarded, _ = _nesting(sentence)
    found = sentence.find(date_words) if date_words else -1
    kept, at = [], 0
    for aside in _ASIDE.finditer(guarded):
        if not aside.start() <= found < aside.end():
            ends_clause = _CLAUSE_BREAK.match(guarded, aside.end() - 1)  # ", which …, and"
            kept += [sentence[at : aside.start()], "," if ends_clause else ""]
            at = aside.end()
    return "".join(kept) + sentence[at:]


def _words_besides(sentence: str, lo: int, hi: int, date: tuple[int, int]) -> int:
    """How many words ``sentence[lo:hi]`` has besides the date's."""
    if lo <= date[0] and date[1] <= hi:
        return len(sentence[lo : date[0]].split()) + len(sentence[date[1] : hi].split())
    return len(sentence[lo:hi].split())


def _nesting(text: str) -> tuple[str, list[int]]:
    """``text`` with the insides of quotations and brackets blanked, and the marks left open.

    The blanked text keeps every offset; the marks left open at its end are given by offset.
    """
    blanked: list[str] = []
    opened: list[tuple[int, str]] = []  # (offset, the mark that closes it), innermost last
    for at, char in enumerate(text):
        if opened and char == opened[-1][1]:
            opened.pop()
        elif char in _CLOSING:
            opened.append((at, _CLOSING[char]))
            blanked.append(char)
            continue
        blanked.append("x" if opened else char)
    return "".join(blanked), [at for at, _ in opened]
