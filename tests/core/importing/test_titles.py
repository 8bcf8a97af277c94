"""Titles and descriptions of events proposed from prose."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from timeline_app.core.importing.titles import LOADED, SHORT_TITLE, title_and_description

# Sentences of the seed article (The Register on Sopra Steria v Interserve), as written, with
# the date each proposal is for and the title it gets.
SEED = [
    (
        "In a stinging counterclaim to a High Court case filed by Sopra Steria (SS) in October "
        "2019 over alleged non-payment of £3.5m in contract invoices, Interserve's lawyers set "
        "out precisely why the firm's IT services allegedly caused the near-collapse of the "
        "whole contract – putting the blame squarely on the French HQ'd IT "
        "integrator-cum-consultancy.",
        "October 2019",
        "High Court case filed by Sopra Steria over alleged non-payment of £3.5m",
    ),
    (
        "IT support covered everything from provision of secure IT networks and servers, phones, "
        "app delivery and management right through to end-user laptops, as explained in a 2016 "
        "press release published by SS when Interserve partnered with it.",
        "2016",
        "Press release published by SS when Interserve partnered with it",
    ),
    (
        "Yet by October 2018 Interserve claimed that SS was unable to deliver promised £5m per "
        'annum savings on the IT contract "as a result of employee illness, caused by stress '
        "arising from the inability to manage their caseloads\" because SS hadn't employed "
        "enough staff to meet obligations.",
        "by October 2018",
        "Interserve claimed that SS was unable to deliver promised £5m per annum savings",
    ),
    (
        "\"As noted in the Claimant's Root Cause Analysis report dated 8 November 2018 there "
        "were 25 critical and 55 high risk security breaches, which largely stemmed from the "
        "Claimant's failure to appropriately undertake security and firmware patching,\" "
        "stormed Interserve's legal team.",
        "8 November 2018",
        "Claimant's Root Cause Analysis report: 25 critical and 55 high risk security breaches",
    ),
    (
        "Sopra Steria's shonky IT, Interserve alleged, meant it couldn't deliver those plans on "
        "time between January and June 2018, costing it nearly £124,000 in MoJ contract "
        "penalties – which Interserv now wants to claim back from SS.",
        "between January and June 2018",
        "Interserve alleged: Sopra Steria's IT meant it couldn't deliver those plans on time",
    ),
    (
        'A Skype-based video conferencing system also failed, with SS admitting that "there '
        'were intermittent problems with call quality" between 2018 and May last year – but '
        "denying any outright outages.",
        "between 2018 and May last year",
        'SS admitting that "there were intermittent problems with call quality"',
    ),
]


@pytest.mark.parametrize(("sentence", "date_words", "expected"), SEED)
def test_an_article_gives_neutral_phrases_naming_the_event_of_the_date(
    sentence: str, date_words: str, expected: str
) -> None:
    title, description = title_and_description(sentence, date_words)
    assert title == expected
    assert "…" not in title and len(title) <= SHORT_TITLE
    assert date_words not in title  # the date has a column of its own
    assert description and title not in description


def test_a_short_neutral_sentence_is_its_own_title_and_says_it_once() -> None:
    sentence = "On 8 November 2018 I met the managing director of Sopra Steria."
    assert title_and_description(sentence, "8 November 2018") == (sentence, "")


def test_a_short_sentence_with_a_loaded_word_or_a_source_frame_gets_a_phrase() -> None:
    title, description = title_and_description(
        "On 3 May 2019 the shonky servers failed again.", "3 May 2019"
    )
    assert title == "The servers failed again"
    assert description == "On 3 May 2019 the shonky servers failed again."
    title, _ = title_and_description(
        "According to the audit dated 3 May 2019, the servers failed.", "3 May 2019"
    )
    assert title == "Audit: the servers failed"


def test_framing_and_asides_are_left_out_and_the_main_clause_kept() -> None:
    cases = {
        "8 November 2018": (
            "On 8 November 2018 Interserve, which had by then lost confidence in Sopra "
            "Steria's ability to remedy the breaches, served notice of termination under "
            "clause 14.3 of the Agreement.",
            "Interserve served notice of termination under clause 14.3 of the Agreement",
        ),
        "12 March 2019": (
            "By a letter dated 12 March 2019, the Claimant's solicitors wrote to the "
            "Defendant alleging that the IT Health Check had been failed and reserving all of "
            "their client's rights.",
            "The Claimant's solicitors wrote to the Defendant",
        ),
        "In or around March 2016": (
            "In or around March 2016, following a competitive tender process in which four "
            "bidders took part, the Defendant appointed the Claimant as its IT partner for the "
            "CRC contracts.",
            "The Defendant appointed the Claimant as its IT partner for the CRC contracts",
        ),
        "July 2018": (
            "In July 2018, with the father’s agreement, the mother travelled with M (together "
            "with the mother’s older daughter, then aged 18) to England for the purposes of a "
            "holiday.",
            "The mother travelled with M to England for the purposes of a holiday",
        ),
        "13 September 2016": (
            "In the early hours of 13 September 2016, Mr Hall was found collapsed at home by "
            "Ms Dyer, his partner and the first respondent.",
            "Mr Hall was found collapsed at home by Ms Dyer, his partner and the first respondent",
        ),
        "7 September 2021": (
            "In its judgment handed down on 7 September 2021 (the “Connecticut Judgment”) the "
            "Connecticut court dismissed DBAG’s claim.",
            "The Connecticut court dismissed DBAG’s claim",
        ),
    }
    for date_words, (sentence, expected) in cases.items():
        assert title_and_description(sentence, date_words)[0] == expected


def test_a_framing_phrase_that_holds_the_date_is_the_event() -> None:
    title, _ = title_and_description(
        "After a meeting with the Defendant's managing director at its offices in Leeds on "
        "3 May 2019, the Claimant's project manager wrote an email setting out the defects.",
        "3 May 2019",
    )
    assert title == "After a meeting with the Defendant's managing director at its offices in Leeds"


def test_a_dated_document_named_in_the_sentence_is_the_event() -> None:
    witness, _ = title_and_description(
        "They are in part taken from a draft statement of facts that the parties were unable "
        "to agree and in part from the evidence before me, most pertinently, a witness "
        "statement of Mr Michael Pearson (“Mr Pearson”) dated 18 November 2021.",
        "18 November 2021",
    )
    assert witness == "Witness statement of Mr Michael Pearson"
    letters, _ = title_and_description(
        "Although it received letters (or copies of letters) from the Minister of Finance "
        "dated 25 November and 2 December 2019, and from the Minister of Justice dated 29 "
        "November 2019, there was no evidence that FAAN itself was doing anything.",
        "dated 25 November and 2 December 2019",
    )
    assert letters == "Letters from the Minister of Finance"
    opinion, _ = title_and_description(
        "According to an Opinion of Ms Felicity Cullen KC (at the time QC) dated 18 March 2010 "
        "(Ms Cullen’s Opinion) (and I find), Mr Howell’s contract of employment with the "
        "claimant (subject to the letter referred to below): “contains the following terms "
        "covering retirement and pension provision:",
        "18 March 2010",
    )
    assert opinion == (
        "Opinion of Ms Felicity Cullen KC: Mr Howell’s contract of employment with the claimant"
    )


def test_the_date_named_in_brackets_after_it_is_the_title() -> None:
    title, _ = title_and_description(
        "Despite not being members on 3 June 2022 (the date for eligibility to vote in the "
        "election), each of the individuals was invited to the leadership contest hustings.",
        "3 June 2022",
    )
    assert title == "The date for eligibility to vote in the election"


def test_a_date_in_a_closing_which_or_who_clause_titles_what_it_says_of_whom() -> None:
    sentence = (
        "The preliminary issue was heard on the 3rd and 4th June 2019 before Mr Justice "
        "Fraser, who reserved judgment and handed it down on 12 July 2019 with reasons."
    )
    assert title_and_description(sentence, "12 July 2019")[0] == (
        "Mr Justice Fraser reserved judgment and handed it down with reasons"
    )
    assert title_and_description(sentence, "3rd and 4th June 2019")[0] == (
        "The preliminary issue was heard before Mr Justice Fraser"
    )
    received, _ = title_and_description(
        "Interserve gave notice of termination of the Agreement by a letter of 8 November "
        "2018, which was received by Sopra Steria on 9 November 2018 and acknowledged the "
        "same day.",
        "9 November 2018",
    )
    assert received == (
        "Letter of 8 November 2018 was received by Sopra Steria and acknowledged the same day"
    )


def test_an_allegation_keeps_whose_it_is_and_a_loaded_verb_is_left_out() -> None:
    alleged, _ = title_and_description(
        "The servers, the claimant alleges, failed on 3 May 2019 because the defendant had "
        "not patched them for over a year and had ignored every warning it was given.",
        "3 May 2019",
    )
    assert alleged == "The claimant alleges: the servers failed"
    said, _ = title_and_description(
        '"The servers failed on 3 May 2019 because nobody had patched them for over a year '
        "and every warning was ignored,\" stormed the claimant's director.",
        "3 May 2019",
    )
    assert said == "The claimant's director: the servers failed"


def test_loaded_words_are_left_out_but_never_from_a_quotation() -> None:
    title, _ = title_and_description(
        "In a damning report published on 3 May 2019 the auditor called the system "
        '"shonky and unsafe" and recommended that the contract be terminated at once.',
        "3 May 2019",
    )
    assert title == 'The auditor called the system "shonky and unsafe"'
    assert all(word in LOADED for word in ("shonky", "stinging", "damning"))


def test_a_long_title_is_cut_where_a_phrase_ends_not_with_an_ellipsis() -> None:
    title, description = title_and_description(
        "Mr Pearson has been employed by the Fire Authority since 2007 and is currently its "
        "Director of Governance and Digital Services.",
        "since 2007",
    )
    assert title == "Mr Pearson has been employed by the Fire Authority"
    assert description == (
        "…since 2007 and is currently its Director of Governance and Digital Services."
    )


def test_only_a_title_with_nowhere_to_cut_ends_in_an_ellipsis() -> None:
    sentence = "On 1 May 2019 " + "alpha beta gamma delta " * 10
    title, description = title_and_description(" ".join(sentence.split()), "1 May 2019")
    assert title.endswith("…") and len(title) <= SHORT_TITLE + 1
    assert description == " ".join(sentence.split())


def test_the_description_never_repeats_the_title_as_a_block() -> None:
    # A run of the sentence: the rest, with "…" where the title's words were.
    _, rest = title_and_description(SEED[1][0], "2016")
    assert rest == (
        "IT support covered everything from provision of secure IT networks and servers, "
        "phones, app delivery and management right through to end-user laptops, as explained "
        "in a 2016 …"
    )
    _, middle = title_and_description(
        "In July 2019, the defendant's managing director wrote to the claimant to terminate "
        "the agreement, citing repeated failures, but the letter was never received.",
        "July 2019",
    )
    assert middle == ("In July 2019 … citing repeated failures, but the letter was never received.")
    # Only the date left besides the title: nothing more to say.
    _, nothing = title_and_description(
        "He secured the rank of Chief Fire Officer with Suffolk Fire & Rescue Service on "
        "1 December 2004.",
        "1 December 2004",
    )
    assert nothing == ""
    # A title that sums up with fewer words: the sentence as written.
    sentence, date_words, _ = SEED[3]
    assert title_and_description(sentence, date_words)[1] == sentence


LABELLED = json.loads(
    (Path(__file__).parents[2] / "data" / "titles_real.json").read_text(encoding="utf-8")
)
_FRAMING = re.compile(r"(?i:as explained|as noted|according to|in a |with \w+ admitting|despite)")


def acceptable(item: dict, title: str) -> bool:
    """Names the event as the label does, with no "…", framing or loaded word, and fits."""
    names = all(any(w.lower() in title.lower() for w in group) for group in item["names"])
    framing = _FRAMING.match(title) and title != item["sentence"]
    loaded = any(re.search(rf"\b{word}\b", title, re.IGNORECASE) for word in LOADED)
    return names and not framing and not loaded and "…" not in title and len(title) <= 91


def test_most_titles_of_real_sentences_are_acceptable() -> None:
    """68 real sentences labelled by hand before these rules ran (the seed and 8 judgments)."""
    failed = [
        (item["date"], title)
        for item in LABELLED["items"]
        if not acceptable(item, title := title_and_description(item["sentence"], item["date"])[0])
    ]
    share = 1 - len(failed) / len(LABELLED["items"])
    assert share >= 0.95, failed


def test_a_clause_with_no_subject_takes_the_subject_of_the_clause_before() -> None:
    title, _ = title_and_description(
        "The contract was signed by both parties in London on 1 May 2016, and was terminated "
        "by the defendant without notice on 3 June 2019 after the second outage.",
        "3 June 2019",
    )
    assert (
        title
        == "The contract was terminated by the defendant without notice after the second outage"
    )
