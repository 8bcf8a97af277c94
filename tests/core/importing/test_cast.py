"""The case's people and organisations found in prose."""

from __future__ import annotations

from timeline_app.core.importing.cast import Cast
from timeline_app.core.model import Party, PartyKind

SOPRA = Party("Sopra Steria", PartyKind.ORGANISATION, id=1)
INTERSERVE = Party("Interserve", PartyKind.ORGANISATION, id=2)
MD = Party("Managing director of Sopra Steria", id=3)
SS = Party("SS", PartyKind.ORGANISATION, id=4)


def named(cast: Cast, sentence: str) -> list[tuple[str, str]]:
    return [(n.party.name, n.as_written) for n in cast.named_in(sentence)]


def test_names_are_found_as_whole_words_in_any_case_and_each_once() -> None:
    cast = Cast([SOPRA, INTERSERVE])
    assert named(cast, "INTERSERVE's lawyers wrote to sopra  steria and to Interserve.") == [
        ("Interserve", "INTERSERVE"),
        ("Sopra Steria", "sopra  steria"),
    ]
    assert named(cast, "Interserved and Sopra Sterias are not names of the cast.") == []


def test_a_short_name_matches_only_its_own_case_and_whole() -> None:
    cast = Cast([SS])
    assert named(cast, "SS's IT failed.") == [("SS", "SS")]
    assert named(cast, "The class of ss and the SSD and ASS failed.") == []


def test_a_short_name_the_document_gives_stands_for_its_party() -> None:
    document = (
        'A claim filed by Sopra Steria (SS) in 2019. Interserve Justice Limited ("Interserve") '
        "counterclaimed."
    )
    cast = Cast([SOPRA, INTERSERVE], document)
    assert named(cast, "SS was unable to deliver the savings.") == [("Sopra Steria", "SS")]
    assert named(Cast([SOPRA]), "SS was unable to deliver the savings.") == []
    pearson = Party("Michael Pearson", id=5)
    cast = Cast([pearson], "a witness statement of Mr Michael Pearson (“Mr Pearson”) dated")
    assert named(cast, "Mr Pearson has been employed since 2007.") == [
        ("Michael Pearson", "Mr Pearson")
    ]


def test_the_longest_name_wins_where_names_overlap() -> None:
    cast = Cast([SOPRA, MD])
    assert named(cast, "The managing director of Sopra Steria resigned.") == [
        ("Managing director of Sopra Steria", "managing director of Sopra Steria")
    ]
