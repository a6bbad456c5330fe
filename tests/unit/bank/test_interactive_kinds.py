"""red_flags and scenario: keys, the story graph, path scoring and step-by-step play."""

import pytest
from bank_factories import build, choice, step, t, valid

from quiz.bank import InvalidResponse


def part(ident, suspicious):
    return {"id": ident, "text": t(), "suspicious": suspicious, "why": t(f"Себеп {ident}", "П")}


def red_flags(*flags, **fields):
    parts = [part(f"p{n}", s) for n, s in enumerate(flags)]
    fields = {"format": "sms", "sender": t("Банк", "Банк"), "parts": parts} | fields
    return build("red_flags", **fields)


def test_red_flags_needs_a_suspicious_and_an_innocent_part():
    assert (
        "a red_flags item needs at least one suspicious part" in red_flags(False, False, False)[1]
    )
    assert any("not suspicious" in p for p in red_flags(True, True, True)[1])


def test_red_flags_format_must_be_known():
    _, problems = red_flags(True, False, False, format="letter")
    assert any("'format' must be one of" in p for p in problems)


def test_red_flags_scores_marked_suspicious_minus_innocent_never_below_zero():
    item, _ = red_flags(True, True, False, False)
    assert item.max_score == 2
    assert item.score(["p0", "p1"]) == 2
    assert item.score(["p0", "p2"]) == 0
    assert item.score(["p2", "p3"]) == 0
    with pytest.raises(InvalidResponse):
        item.score(["p0", "p0"])


def test_red_flags_reveal_explains_every_part():
    item, _ = red_flags(True, False, False)
    parts = item.reveal("kk", ["p1"])["parts"]
    assert [(p["id"], p["marked"], p["why"]) for p in parts][:2] == [
        ("p0", False, "Себеп p0"),
        ("p1", True, "Себеп p1"),
    ]


STORY = [
    step("a", choice("a-good", True, "b"), choice("a-bad", False, "b", misconception="trusts-all")),
    step("b", choice("b-good", True, "c"), choice("b-end", True)),
    step("c", choice("c-good", True), choice("c-bad", False)),
]


def test_scenario_max_is_the_longest_all_good_path():
    item = valid("scenario", start="a", steps=STORY)
    assert item.max_score == 3
    assert item.correct_response("kk") == ["a-good", "b-good", "c-good"]


def test_scenario_scores_good_choices_along_the_path():
    item = valid("scenario", start="a", steps=STORY)
    assert item.score(["a-good", "b-good", "c-good"]) == 3
    assert item.score(["a-bad", "b-good", "c-bad"]) == 1
    assert item.score(["a-good", "b-end"]) == 2
    assert item.is_correct(["a-good", "b-end"]) is False
    assert item.misconceptions(["a-bad", "b-end"]) == ["trusts-all"]


@pytest.mark.parametrize(
    "path", [["b-good"], ["a-good", "c-good"], ["a-good", "b-end", "c-good"], ["a-good", "a-good"]]
)
def test_scenario_rejects_paths_that_do_not_follow_the_story(path):
    item = valid("scenario", start="a", steps=STORY)
    with pytest.raises(InvalidResponse):
        item.score(path)


def test_scenario_reports_unreachable_steps_unknown_next_and_missing_start():
    steps = [
        step("a", choice("x", True), choice("y", False, "ghost")),
        step("b", choice("z", True), choice("w", False)),
    ]
    _, problems = build("scenario", start="a", steps=steps)
    assert "option 'y' leads to unknown step 'ghost'" in problems
    assert "step 'b' cannot be reached from the start" in problems
    _, problems = build("scenario", start="nowhere", steps=steps)
    assert "'start' names unknown step 'nowhere'" in problems


def test_scenario_reports_loops():
    steps = [
        step("a", choice("x", True, "b"), choice("y", False)),
        step("b", choice("z", True, "a"), choice("w", False)),
    ]
    _, problems = build("scenario", start="a", steps=steps)
    assert "the steps form a loop: every path must end" in problems


def test_scenario_each_step_needs_a_good_option_and_unique_option_ids():
    steps = [
        step("a", choice("x", False, "b"), choice("y", False)),
        step("b", choice("x", True), choice("w", False)),
    ]
    _, problems = build("scenario", start="a", steps=steps)
    assert "step 'a' has no good option" in problems
    assert "duplicate option id 'x'" in problems


def test_scenario_can_be_played_step_by_step():
    item = valid("scenario", start="a", steps=STORY)
    first = item.scenario_step("ru", [])
    assert first["step"]["id"] == "a" and first["consequence"] is None
    after = item.scenario_step("ru", ["a-bad"])
    assert after["consequence"] == "Последствие a-bad" and after["step"]["id"] == "b"
    assert item.scenario_step("ru", ["a-good", "b-end"]) == {
        "consequence": "Последствие b-end",
        "end": True,
    }
    assert item.public("kk")["step"]["id"] == "a" and "steps" not in item.public("kk")


def test_scenario_reveal_follows_the_pupils_path_with_consequences():
    item = valid("scenario", start="a", steps=STORY)
    path = item.reveal("kk", ["a-bad", "b-end"])["path"]
    assert [(s["step"], s["option"], s["good"]) for s in path] == [
        ("a", "a-bad", False),
        ("b", "b-end", True),
    ]
    assert path[0]["consequence"] == "Салдар a-bad"
