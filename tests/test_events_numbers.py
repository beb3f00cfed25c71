"""Casualty counts: digits, words, vague quantities, sums and sub-counts."""

from __future__ import annotations

import pytest

from kharita import nlp
from kharita.events.numbers import casualties, parse_quantity, words_to_int
from kharita.model import Document


def _counts(text: str) -> dict[str, tuple[int, int, int]]:
    sdoc = nlp.load()(text)
    doc = Document(id="t", text=text)
    found = casualties(doc, next(iter(sdoc.sents)), None)
    for q in found.values():
        assert q.text == text[q.start:q.end]
        assert q.low <= q.best <= q.high
    return {k: (q.low, q.best, q.high) for k, q in found.items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 12 people were killed in the attack.", {"fatalities": (12, 12, 18)}),
        ("Twelve soldiers died and two hundred were wounded.",
         {"fatalities": (12, 12, 12), "injured": (200, 200, 200)}),
        ("A soldier was killed by a sniper.", {"fatalities": (1, 1, 1)}),
        ("Dozens of people were injured.", {"injured": (12, 12, 99)}),
        ("Between 5 and 7 people were killed.", {"fatalities": (5, 5, 7)}),
        ("The death toll rose to 34.", {"fatalities": (34, 34, 34)}),
        ("Shelling killed 1 child and injured 1 civilian.",
         {"fatalities": (1, 1, 1), "injured": (1, 1, 1)}),
        ("The airstrike killed 12 militants and 3 soldiers died in the clashes.",
         {"fatalities": (15, 15, 15)}),
        ("No one was killed in the attack.", {"fatalities": (0, 0, 0)}),
        ("No casualties were reported.", {"fatalities": (0, 0, 0), "injured": (0, 0, 0)}),
        ("Police arrested 15 protesters.", {"arrested": (15, 15, 15)}),
        ("Gunmen shot dead a teacher in Kabul.", {"fatalities": (1, 1, 1)}),
        ("The blast left 12 dead and dozens wounded.",
         {"fatalities": (12, 12, 12), "injured": (12, 12, 99)}),
    ],
)
def test_patterns(text: str, expected: dict[str, tuple[int, int, int]]) -> None:
    assert _counts(text) == expected


def test_including_is_not_double_counted() -> None:
    text = ("12 Taliban militants including 2 commanders were killed and 5 including a "
            "commander were wounded when Afghan forces repulsed their attack.")
    assert _counts(text) == {"fatalities": (12, 12, 12), "injured": (5, 5, 5)}


def test_unknown_split_gives_no_figure() -> None:
    assert _counts("Militants attacked a post, killing and injuring 7 policemen.") == {}
    assert _counts("Several soldiers were killed and wounded in the blast.") == {}


def test_running_totals_are_not_the_event() -> None:
    assert _counts("The war has killed more than 500,000 people since 2011.") == {}


def test_no_mention_is_empty() -> None:
    assert _counts("Rebels attacked the town.") == {}


def test_number_words() -> None:
    assert words_to_int("two hundred") == 200
    assert words_to_int("thirty-five") == 35
    assert words_to_int("a dozen") == 12
    assert words_to_int("1,200") == 1200
    assert parse_quantity("an unknown number of soldiers") is None


def test_vague_words() -> None:
    assert parse_quantity("several soldiers") == (2, 10, 20)
    assert parse_quantity("hundreds of people") == (100, 100, 999)
    assert parse_quantity("up to 30 people") == (1, 30, 30)
    assert parse_quantity("about 10 people") == (8, 10, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 policeman and 2 civilians were shot and killed by gunmen.", {"fatalities": (3, 3, 3)}),
        ("Gunmen shot and killed 1 council member in addition to 3 of his guards.", {"fatalities": (4, 4, 4)}),
        ("1 commander and his guard were killed by a roadside bomb.", {"fatalities": (2, 2, 2)}),
        ("1 religious scholar and teacher was killed by gunmen.", {"fatalities": (1, 1, 1)}),
        ("Residents protested against insecurity following the death of a civilian.", {}),
        ("2 policemen were killed in an ambush. Officials said 6 militants were also killed.",
         {"fatalities": (8, 8, 8)}),
        ("2 policemen were killed in an ambush. In another attack, 6 militants were also killed.",
         {"fatalities": (2, 2, 2)}),
    ],
)
def test_conjuncts_causes_and_follow_ups(text: str, expected: dict[str, tuple[int, int, int]]) -> None:
    assert _counts(text) == expected


def test_lists_of_victims_are_summed() -> None:
    text = "2 militants, 3 policemen, 1 soldier, and 1 civilian were killed in the clash."
    assert _counts(text)["fatalities"][1] == 7
    assert _counts("A suicide bomber killed himself and 4 others.") == {"fatalities": (5, 5, 5)}
    assert _counts("Five people, three of them children, were killed.") == {"fatalities": (5, 5, 5)}


def test_custody_and_found_bodies() -> None:
    assert _counts("Police took 5 suspects into custody.") == {"arrested": (5, 5, 5)}
    assert _counts("His body was found in a ditch.") == {"fatalities": (1, 1, 1)}
    assert _counts("The governing body met on Monday.") == {}


def _fatalities_of(text: str):
    from kharita.events.numbers import casualties
    from kharita.model import Document
    from kharita.nlp import load

    sdoc = load()(text)
    sent = next(iter(sdoc.sents))
    return casualties(Document(id="t", text=text), sent).get("fatalities")


def test_a_stated_coded_count_overrides_the_quoted_toll():
    q = _fatalities_of(
        "On 3 May 2023, 4 policemen were killed when gunmen attacked a post in Zamfara. "
        "Fatalities coded as 0 (a local outlet reported 4 fatalities)."
    )
    assert (q.low, q.best, q.high) == (0, 0, 0)
    assert q.text.startswith("Fatalities coded as 0")


def test_a_revised_death_toll_is_the_count():
    q = _fatalities_of("Two soldiers died in the ambush near Gao. The death toll was revised to five.")
    assert q.best == 5


def test_a_toll_in_the_next_paragraph_does_not_count():
    q = _fatalities_of("Two soldiers died in the ambush near Gao.\n\nFatalities coded as 9 in another incident.")
    assert q.best == 2


@pytest.mark.parametrize("text,best", [
    ("An estimated 400,000 people", 400000),
    ("a further three soldiers", 3),
    ("a total of 25 people", 25),
    ("a 12-year-old boy", 1),
    ("a soldier", 1),
])
def test_an_article_before_a_count_is_no_count_of_one(text, best):
    from kharita.events.numbers import parse_quantity

    assert parse_quantity(text)[1] == best
