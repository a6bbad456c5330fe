"""Interactive kinds: red_flags (spot the suspicious parts) and scenario (a branching story)."""

from dataclasses import dataclass
from typing import Any

from quiz.bank.errors import InvalidResponse
from quiz.bank.kinds.base import Item, Option, expect_id_list, read_options, shuffled
from quiz.bank.schema import (
    Context,
    check_keys,
    check_unique,
    read_bool,
    read_id,
    read_tables,
    read_text,
)

FORMATS = ("sms", "chat", "post", "email", "page")


class RedFlags(Item):
    """A message in parts; the pupil marks the suspicious ones."""

    kind = "red_flags"
    fields = {"format", "sender", "parts"}

    def read(self, data: dict, ctx: Context) -> None:
        """Read format, sender and parts; at least one suspicious and one innocent part."""
        self.format = data.get("format")
        if self.format not in FORMATS:
            ctx.add(f"'format' must be one of {', '.join(FORMATS)}")
        self.sender = read_text(ctx, data, "sender")
        self.parts = []
        for index, raw in enumerate(read_tables(ctx, data, "parts", (3, 8))):
            at = f"parts[{index + 1}]"
            check_keys(ctx, raw, {"id", "text", "suspicious", "why"}, at)
            part = {"id": read_id(ctx, raw, at), "text": read_text(ctx, raw, "text", at)}
            part["suspicious"] = read_bool(ctx, raw, "suspicious", at)
            part["why"] = read_text(ctx, raw, "why", at)
            self.parts.append(part)
        check_unique(ctx, [p["id"] for p in self.parts], "part")
        if not any(p["suspicious"] for p in self.parts):
            ctx.add("a red_flags item needs at least one suspicious part")
        if all(p["suspicious"] for p in self.parts):
            ctx.add("a red_flags item needs at least one part that is not suspicious")

    @property
    def max_score(self) -> int:
        """The number of suspicious parts."""
        return sum(p["suspicious"] for p in self.parts)

    def check(self, response: Any) -> list[str]:
        """A list of distinct part ids."""
        return expect_id_list(response, [p["id"] for p in self.parts], "part")

    def points(self, response: list[str]) -> int:
        """Suspicious parts marked minus innocent parts marked, not below 0."""
        marked = [p for p in self.parts if p["id"] in response]
        right = sum(p["suspicious"] for p in marked)
        return max(0, right - (len(marked) - right))

    def correct_response(self, lang: str) -> list[str]:
        """The suspicious part ids."""
        return [p["id"] for p in self.parts if p["suspicious"]]

    def shown(self, lang: str) -> dict:
        """The message as it looks: format, sender and parts in order."""
        parts = [{"id": p["id"], "text": p["text"][lang]} for p in self.parts]
        return {"format": self.format, "sender": self.sender[lang], "parts": parts}

    def teach(self, lang: str, response: Any) -> dict:
        """Why each part is or is not suspicious, and whether the pupil marked it."""
        marked = self.check(response) if response is not None else []
        parts = [
            {"id": p["id"], "suspicious": p["suspicious"], "why": p["why"][lang]}
            | {"marked": p["id"] in marked}
            for p in self.parts
        ]
        return {"parts": parts}

    def exported(self) -> dict:
        """Format, sender and the parts with their keys."""
        return {"format": self.format, "sender": self.sender, "parts": self.parts}


@dataclass
class Step:
    """A scenario step: a situation and the choices it offers."""

    id: str
    text: dict[str, str]
    options: list[Option]


class Scenario(Item):
    """A short branching story; a point per good choice along the path."""

    kind = "scenario"
    fields = {"start", "steps"}

    def read(self, data: dict, ctx: Context) -> None:
        """Read the steps and check the story graph."""
        self.start = read_id(ctx, data, key="start")
        self.steps: dict[str, Step] = {}
        self.good: dict[str, bool] = {}
        self.next: dict[str, str | None] = {}
        self.consequence: dict[str, dict] = {}
        self.step_of: dict[str, str] = {}
        raws = read_tables(ctx, data, "steps", (2, 4))
        for index, raw in enumerate(raws):
            self._read_step(ctx, raw, f"steps[{index + 1}]")
        check_unique(ctx, [r.get("id", "") for r in raws], "step")
        check_unique(ctx, [o.id for s in self.steps.values() for o in s.options], "option")
        self._check_graph(ctx)

    def _read_step(self, ctx: Context, raw: dict, at: str) -> None:
        check_keys(ctx, raw, {"id", "text", "options"}, at)
        step = Step(read_id(ctx, raw, at), read_text(ctx, raw, "text", at), [])
        extra = {"consequence", "good", "next"}
        step.options = read_options(ctx, raw, (2, 3), where=at, extra=extra)
        for index, (option, table) in enumerate(
            zip(step.options, raw.get("options", []), strict=False)
        ):
            where = f"{at}.options[{index + 1}]"
            self.good[option.id] = read_bool(ctx, table, "good", where)
            self.consequence[option.id] = read_text(ctx, table, "consequence", where)
            self.next[option.id] = read_id(ctx, table, where, "next") if "next" in table else None
            self.step_of[option.id] = step.id
        if step.options and not any(self.good.get(o.id) for o in step.options):
            ctx.add(f"step '{step.id}' has no good option")
        self.steps.setdefault(step.id, step)

    def _check_graph(self, ctx: Context) -> None:
        if self.start not in self.steps:
            ctx.add(f"'start' names unknown step '{self.start}'")
            return
        for option_id, target in self.next.items():
            if target is not None and target not in self.steps:
                ctx.add(f"option '{option_id}' leads to unknown step '{target}'")
        seen: set[str] = set()
        if self._has_loop(self.start, [], seen):
            ctx.add("the steps form a loop: every path must end")
        for step_id in self.steps:
            if step_id not in seen:
                ctx.add(f"step '{step_id}' cannot be reached from the start")

    def _has_loop(self, step_id: str, trail: list[str], seen: set[str]) -> bool:
        if step_id in trail:
            return True
        if step_id in seen or step_id not in self.steps:
            return False
        seen.add(step_id)
        targets = {self.next[o.id] for o in self.steps[step_id].options} - {None}
        return any(self._has_loop(t, trail + [step_id], seen) for t in sorted(targets))

    def _best_path(self, step_id: str | None, trail: tuple = ()) -> list[str]:
        """The longest all-good path of option ids from a step (loops are cut)."""
        if step_id not in self.steps or step_id in trail:
            return []
        paths = [
            [o.id] + self._best_path(self.next[o.id], trail + (step_id,))
            for o in self.steps[step_id].options
            if self.good[o.id]
        ]
        return max(paths, key=len, default=[])

    @property
    def max_score(self) -> int:
        """The number of steps on the longest all-good path."""
        return len(self._best_path(self.start))

    def check(self, response: Any) -> list[str]:
        """Option ids that follow the story from the start (a finished or partial path)."""
        path = expect_id_list(response, list(self.step_of))
        step: str | None = self.start
        for option_id in path:
            if step is None:
                raise InvalidResponse(f"the story has ended before option '{option_id}'")
            if self.step_of[option_id] != step:
                raise InvalidResponse(f"option '{option_id}' is not a choice of step '{step}'")
            step = self.next[option_id]
        return path

    def points(self, response: list[str]) -> int:
        """The number of good choices on the path."""
        return sum(self.good[o] for o in response)

    def misconceptions(self, response: Any) -> list[str]:
        """Tags of the bad choices on the path."""
        chosen = [self._option(o) for o in self.check(response)]
        return [o.misconception for o in chosen if not self.good[o.id] and o.misconception]

    def _option(self, option_id: str) -> Option:
        return next(o for o in self.steps[self.step_of[option_id]].options if o.id == option_id)

    def correct_response(self, lang: str) -> list[str]:
        """The longest all-good path."""
        return self._best_path(self.start)

    def _public_step(self, step_id: str, lang: str) -> dict:
        step = self.steps[step_id]
        options = [{"id": o.id, "text": o.text[lang]} for o in step.options]
        return {"id": step.id, "text": step.text[lang], "options": shuffled(options, self.id)}

    def shown(self, lang: str) -> dict:
        """The start step only."""
        return {"step": self._public_step(self.start, lang)}

    def scenario_step(self, lang: str, path: list[str]) -> dict:
        """After a partial path: the last choice's consequence and the next step, or the end."""
        path = self.check(path)
        if not path:
            return {"consequence": None, "step": self._public_step(self.start, lang)}
        last = path[-1]
        result = {"consequence": self.consequence[last][lang]}
        if self.next[last] is None:
            return result | {"end": True}
        return result | {"step": self._public_step(self.next[last], lang)}

    def teach(self, lang: str, response: Any) -> dict:
        """The consequences along the pupil's path (or the best path), and feedback."""
        path = self.check(response) if response is not None else self._best_path(self.start)
        steps = [
            {"step": self.step_of[o], "option": o, "good": self.good[o]}
            | {"consequence": self.consequence[o][lang]}
            | {"feedback": f[lang] if (f := self._option(o).feedback) else None}
            for o in path
        ]
        return {"path": steps}

    def exported(self) -> dict:
        """The start and the steps with every option's consequence, goodness and next."""
        steps = [
            {"id": s.id, "text": s.text, "options": [self._export_option(o) for o in s.options]}
            for s in self.steps.values()
        ]
        return {"start": self.start, "steps": steps}

    def _export_option(self, option: Option) -> dict:
        fields = {k: v for k, v in option.export().items() if k != "correct"}
        return fields | {
            "good": self.good[option.id],
            "consequence": self.consequence[option.id],
            "next": self.next[option.id],
        }
