"""single, multiple, poll and ordering: keys, scoring and malformed responses."""

import pytest
from bank_factories import build, opt, t, valid

from quiz.bank import KINDS, InvalidResponse
from quiz.bank.schema import Context


def single(*correct_flags):
    return build("single", options=[opt(f"o{n}", correct=c) for n, c in enumerate(correct_flags)])


def test_single_needs_exactly_one_correct_option():
    assert single(True, False)[1] == []
    assert "exactly one correct option, has 0" in single(False, False)[1][0]
    assert "exactly one correct option, has 2" in single(True, True, False)[1][0]


def test_single_scores_one_for_the_correct_option_only():
    item, _ = single(False, True, False)
    assert (item.score("o1"), item.score("o0"), item.max_score) == (1, 0, 1)
    assert item.is_correct("o1") is True and item.is_correct("o2") is False


@pytest.mark.parametrize("response", ["nope", ["o1"], 1, None, {"o1": True}])
def test_single_rejects_unknown_ids_and_wrong_types(response):
    item, _ = single(False, True)
    with pytest.raises(InvalidResponse):
        item.score(response)


def test_single_option_count_is_checked():
    _, problems = build("single", options=[opt("a", correct=True)])
    assert any("needs 2–6" in p for p in problems)


def test_option_ids_must_be_unique_and_well_formed():
    _, problems = build("single", options=[opt("a", correct=True), opt("a"), opt("B c")])
    assert "duplicate option id 'a'" in problems
    assert any("'B c'" in p and "characters" in p for p in problems)


def test_unknown_option_key_is_reported():
    _, problems = build("single", options=[opt("a", correct=True), opt("b", corect=True)])
    assert "unknown key 'options[2].corect'" in problems


def multiple(*flags):
    return build("multiple", options=[opt(f"o{n}", correct=c) for n, c in enumerate(flags)])


def test_multiple_needs_a_correct_and_a_wrong_option():
    assert "at least one correct option" in multiple(False, False, False)[1][0]
    assert "not correct" in multiple(True, True, True)[1][0]


def test_multiple_scores_correct_minus_wrong_picks():
    item, _ = multiple(True, True, True, False, False)
    assert item.max_score == 3
    assert item.score(["o0", "o1", "o2"]) == 3
    assert item.score(["o0", "o1", "o3"]) == 1
    assert item.score([]) == 0


def test_multiple_choice_never_scores_below_zero():
    item, _ = multiple(True, False, False, False)
    assert item.score(["o1", "o2", "o3"]) == 0
    assert item.score(["o0", "o1", "o2", "o3"]) == 0


@pytest.mark.parametrize("response", ["o0", ["o0", "o0"], ["o0", "zz"], [1], None])
def test_multiple_rejects_duplicates_unknown_ids_and_wrong_types(response):
    item, _ = multiple(True, False, False)
    with pytest.raises(InvalidResponse):
        item.score(response)


def test_misconceptions_are_the_tags_of_chosen_wrong_options():
    options = [
        opt("a", correct=True, misconception="never-shown"),
        opt("b", misconception="shares-password"),
        opt("c", misconception="trusts-strangers"),
    ]
    item = valid("multiple", options=options)
    assert item.misconceptions(["a", "b"]) == ["shares-password"]
    assert item.misconceptions(["a"]) == []


def test_misconception_tag_must_be_kebab_case():
    _, problems = build(
        "single", options=[opt("a", correct=True), opt("b", misconception="Bad Tag")]
    )
    assert any("kebab-case" in p for p in problems)


def test_poll_has_no_correct_option_and_no_score():
    _, problems = build("poll", options=[opt("a", correct=True), opt("b")])
    assert "a poll has no correct option; remove 'correct'" in problems
    item = valid("poll", options=[opt("a"), opt("b")])
    assert (item.score("a"), item.max_score, item.scored, item.is_correct("a")) == (
        0,
        0,
        False,
        None,
    )
    with pytest.raises(InvalidResponse):
        item.score("zz")


def test_ordering_scores_only_the_whole_right_order():
    item = valid("ordering", options=[opt("a"), opt("b"), opt("c")])
    assert item.score(["a", "b", "c"]) == 1
    assert item.score(["b", "a", "c"]) == 0


@pytest.mark.parametrize("response", [["a", "b"], ["a", "b", "c", "c"], ["a", "b", "x"], "abc"])
def test_ordering_needs_every_option_exactly_once(response):
    item = valid("ordering", options=[opt("a"), opt("b"), opt("c")])
    with pytest.raises(InvalidResponse):
        item.score(response)


def test_ordering_never_shows_the_key_order():
    for n in range(3, 8):
        ids = [f"o{i}" for i in range(n)]
        item = valid("ordering", options=[opt(i) for i in ids])
        shown = [o["id"] for o in item.public("kk")["options"]]
        assert sorted(shown) == sorted(ids) and shown != ids


def test_ordering_options_cannot_be_marked_correct():
    _, problems = build("ordering", options=[opt("a", correct=True), opt("b"), opt("c")])
    assert "unknown key 'options[1].correct'" in problems


def test_only_unscored_kinds_may_leave_out_the_explanation():
    for kind, needs in (("poll", False), ("info", False), ("single", True)):
        ctx = Context("quiz.toml", "q")
        data = {"id": "q", "kind": kind, "text": t()}
        if kind != "info":
            data["options"] = [opt("a", correct=kind == "single"), opt("b")]
        item = KINDS[kind](data, ctx)
        assert bool(ctx.problems) is needs, kind
        if not needs:
            assert item.reveal("kk")["explanation"] is None
