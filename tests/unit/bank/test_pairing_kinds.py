"""matching and categorise."""

import pytest
from bank_factories import build, t, valid

from quiz.bank import InvalidResponse


def entry(ident, **fields):
    return {"id": ident, "text": t(f"Мәтін {ident}", f"Текст {ident}"), **fields}


LEFTS = [entry("l1", match="r1"), entry("l2", match="r2"), entry("l3", match="r3")]
RIGHTS = [entry("r1"), entry("r2"), entry("r3"), entry("extra")]


def test_matching_match_must_name_a_known_right_used_once():
    lefts = [entry("l1", match="r1"), entry("l2", match="r1"), entry("l3", match="zz")]
    _, problems = build("matching", lefts=lefts, rights=RIGHTS)
    assert "right 'r1' is matched by more than one left" in problems
    assert "left 'l3' matches unknown right 'zz'" in problems


def test_matching_allows_only_one_distractor():
    _, problems = build("matching", lefts=LEFTS[:2], rights=RIGHTS)
    assert "a matching item may have at most one distractor right" in problems


def test_matching_scores_each_correct_pair():
    item = valid("matching", lefts=LEFTS, rights=RIGHTS)
    assert item.max_score == 3
    assert item.score({"l1": "r1", "l2": "r3", "l3": "r2"}) == 1
    assert item.score({"l1": "r1", "l2": "r2"}) == 2
    assert item.score({"l1": "extra"}) == 0


@pytest.mark.parametrize(
    "response", [{"l1": "r1", "l2": "r1"}, {"zz": "r1"}, {"l1": "zz"}, [["l1", "r1"]], "l1"]
)
def test_matching_rejects_reused_rights_unknown_ids_and_wrong_types(response):
    item = valid("matching", lefts=LEFTS, rights=RIGHTS)
    with pytest.raises(InvalidResponse):
        item.score(response)


GROUPS = [entry("safe"), entry("secret")]
CARDS = [
    entry("colour", group="safe"),
    entry("address", group="secret"),
    entry("pin", group="secret"),
]


def test_categorise_every_group_needs_a_card_and_cards_known_groups():
    cards = [entry("a", group="safe"), entry("b", group="safe"), entry("c", group="nowhere")]
    _, problems = build("categorise", groups=GROUPS, cards=cards)
    assert "group 'secret' has no card" in problems
    assert "card 'c' is in unknown group 'nowhere'" in problems


def test_categorise_scores_cards_in_the_right_group():
    item = valid("categorise", groups=GROUPS, cards=CARDS)
    assert item.max_score == 3
    assert item.score({"colour": "safe", "address": "safe", "pin": "secret"}) == 2
    assert item.is_correct({"colour": "safe", "address": "secret", "pin": "secret"})
    with pytest.raises(InvalidResponse):
        item.score({"colour": "nowhere"})


def test_categorise_card_ids_must_be_unique():
    _, problems = build("categorise", groups=GROUPS, cards=CARDS + [entry("pin", group="safe")])
    assert "duplicate card id 'pin'" in problems
