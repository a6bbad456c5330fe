"""Kinds built on a list of options: single, multiple, poll and ordering."""

from typing import Any

from quiz.bank.errors import InvalidResponse
from quiz.bank.kinds.base import (
    Item,
    expect_id,
    expect_id_list,
    read_options,
    shuffled,
)
from quiz.bank.schema import Context


class ChoiceItem(Item):
    """Shared behaviour of items whose response picks options."""

    fields = {"options"}
    counts = (2, 6)

    def read(self, data: dict, ctx: Context) -> None:
        """Read the options and check the key."""
        extra = {"correct"} if self.kind != "ordering" else set()
        self.options = read_options(ctx, data, self.counts, extra=extra)
        self.check_key(ctx)

    def check_key(self, ctx: Context) -> None:
        """Report an impossible answer key."""

    @property
    def ids(self) -> list[str]:
        """Option ids in file order."""
        return [o.id for o in self.options]

    def option(self, option_id: str):
        """The option with this id."""
        return next(o for o in self.options if o.id == option_id)

    def picked(self, response: Any) -> list[str]:
        """The option ids a (checked) response chose."""
        return [response] if isinstance(response, str) else list(response)

    def shown(self, lang: str) -> dict:
        """Options with ids and texts, shuffled so the file order is not leaked."""
        options = [{"id": o.id, "text": o.text[lang]} for o in self.options]
        return {"options": shuffled(options, self.id)}

    def misconceptions(self, response: Any) -> list[str]:
        """Tags of the chosen options that are wrong."""
        chosen = [self.option(i) for i in self.picked(self.check(response))]
        return [o.misconception for o in chosen if not o.correct and o.misconception]

    def teach(self, lang: str, response: Any) -> dict:
        """Feedback of the chosen options."""
        if response is None:
            return {"feedback": {}}
        chosen = [self.option(i) for i in self.picked(self.check(response))]
        return {"feedback": {o.id: o.feedback[lang] for o in chosen if o.feedback}}

    def exported(self) -> dict:
        """Options with their keys."""
        return {"options": [o.export() for o in self.options]}


class Single(ChoiceItem):
    """One correct option among 2–6."""

    kind = "single"

    def check_key(self, ctx: Context) -> None:
        """Exactly one option must be correct."""
        correct = sum(o.correct for o in self.options)
        if correct != 1:
            ctx.add(f"a single-choice item needs exactly one correct option, has {correct}")

    @property
    def max_score(self) -> int:
        """One point."""
        return 1

    def check(self, response: Any) -> str:
        """An option id."""
        return expect_id(response, self.ids)

    def points(self, response: str) -> int:
        """1 for the correct option."""
        return int(self.option(response).correct)

    def correct_response(self, lang: str) -> str:
        """The correct option id."""
        return next((o.id for o in self.options if o.correct), "")


class Multiple(ChoiceItem):
    """Several correct options among 3–8; wrong picks cost a point, never below 0."""

    kind = "multiple"
    counts = (3, 8)

    def check_key(self, ctx: Context) -> None:
        """At least one correct option and at least one wrong one."""
        correct = sum(o.correct for o in self.options)
        if correct == 0:
            ctx.add("a multiple-choice item needs at least one correct option")
        elif correct == len(self.options):
            ctx.add("a multiple-choice item needs at least one option that is not correct")

    @property
    def max_score(self) -> int:
        """The number of correct options."""
        return sum(o.correct for o in self.options)

    def check(self, response: Any) -> list[str]:
        """A list of distinct option ids."""
        return expect_id_list(response, self.ids)

    def points(self, response: list[str]) -> int:
        """Correct picks minus wrong picks, not below 0."""
        right = sum(self.option(i).correct for i in response)
        return max(0, right - (len(response) - right))

    def correct_response(self, lang: str) -> list[str]:
        """The correct option ids in file order."""
        return [o.id for o in self.options if o.correct]


class Poll(ChoiceItem):
    """An opinion question: 2–6 options, none correct, no score."""

    kind = "poll"
    explained = False

    def check_key(self, ctx: Context) -> None:
        """No option may be correct."""
        if any(o.correct for o in self.options):
            ctx.add("a poll has no correct option; remove 'correct'")

    def check(self, response: Any) -> str:
        """An option id."""
        return expect_id(response, self.ids)

    def misconceptions(self, response: Any) -> list[str]:
        """A poll has no wrong answers."""
        self.check(response)
        return []


class Ordering(ChoiceItem):
    """3–7 options written in the correct order, shown shuffled."""

    kind = "ordering"
    counts = (3, 7)

    @property
    def max_score(self) -> int:
        """One point for the whole order."""
        return 1

    def check(self, response: Any) -> list[str]:
        """Every option id exactly once."""
        ids = expect_id_list(response, self.ids)
        if len(ids) != len(self.ids):
            raise InvalidResponse("an ordering response must list every option once")
        return ids

    def points(self, response: list[str]) -> int:
        """1 if the whole order is right."""
        return int(response == self.ids)

    def misconceptions(self, response: Any) -> list[str]:
        """Tags of the options put in a wrong place."""
        order = self.check(response)
        placed = zip(order, self.ids, strict=True)
        return [
            self.option(got).misconception
            for got, want in placed
            if got != want and self.option(got).misconception
        ]

    def correct_response(self, lang: str) -> list[str]:
        """The option ids in the right order."""
        return list(self.ids)
