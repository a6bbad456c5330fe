"""The item base class and what the kinds share: options, response checks, shuffling."""

import random
from dataclasses import dataclass
from typing import Any, ClassVar

from quiz.bank.errors import InvalidResponse
from quiz.bank.schema import (
    Context,
    check_keys,
    check_unique,
    read_bool,
    read_id,
    read_optional_text,
    read_tables,
    read_tag,
    read_text,
)

COMMON_FIELDS = {"id", "kind", "text", "explanation", "discussion"}
OPTION_FIELDS = {"id", "text", "misconception", "feedback"}


@dataclass
class Option:
    """A choice of a single, multiple, poll, ordering or scenario item."""

    id: str
    text: dict[str, str]
    correct: bool = False
    misconception: str | None = None
    feedback: dict[str, str] | None = None

    def export(self) -> dict:
        """The full option with its key and teaching extras."""
        return {
            "id": self.id,
            "text": self.text,
            "correct": self.correct,
            "misconception": self.misconception,
            "feedback": self.feedback,
        }


def read_options(
    ctx: Context, data: dict, counts: tuple[int, int], where="", extra=frozenset()
) -> list[Option]:
    """Read ``[[items.options]]`` (at ``where``); ``extra`` names more allowed keys."""
    options = []
    correct = "correct" in extra
    for index, raw in enumerate(read_tables(ctx, data, "options", counts, where)):
        at = f"{where}.options[{index + 1}]" if where else f"options[{index + 1}]"
        check_keys(ctx, raw, OPTION_FIELDS | set(extra), at)
        options.append(
            Option(
                id=read_id(ctx, raw, at),
                text=read_text(ctx, raw, "text", at),
                correct=read_bool(ctx, raw, "correct", at, default=False) if correct else False,
                misconception=read_tag(ctx, raw, "misconception", at),
                feedback=read_optional_text(ctx, raw, "feedback", at),
            )
        )
    check_unique(ctx, [o.id for o in options], "option")
    return options


def shuffled(values: list, seed: str) -> list:
    """A deterministic shuffle that never returns the original order (when it can)."""
    result = list(values)
    random.Random(seed).shuffle(result)
    if len(result) > 1 and result == list(values):
        result = result[1:] + result[:1]
    return result


def expect_id(response: Any, ids: list[str], what="option") -> str:
    """Check a response that names one id."""
    if not isinstance(response, str):
        raise InvalidResponse(f"expected an {what} id, got {type(response).__name__}")
    if response not in ids:
        raise InvalidResponse(f"unknown {what} id '{response}'")
    return response


def expect_id_list(response: Any, ids: list[str], what="option") -> list[str]:
    """Check a response that is a list of distinct known ids."""
    if not isinstance(response, list | tuple):
        raise InvalidResponse(f"expected a list of {what} ids, got {type(response).__name__}")
    for value in response:
        expect_id(value, ids, what)
    if len(set(response)) != len(response):
        raise InvalidResponse(f"an {what} id is repeated")
    return list(response)


def expect_mapping(response: Any, keys: list[str], values: list[str], what: str) -> dict:
    """Check a response that maps known ids to known ids (missing keys are unanswered)."""
    if not isinstance(response, dict):
        raise InvalidResponse(f"expected an object of {what}, got {type(response).__name__}")
    for key, value in response.items():
        expect_id(key, keys, what.split(" ")[0])
        expect_id(value, values, what.split(" ")[-1])
    return dict(response)


class Item:
    """One quiz item. Subclasses read their own fields, score and render themselves."""

    kind: ClassVar[str] = ""
    fields: ClassVar[set[str]] = set()
    # Unscored kinds (poll, info) have nothing to explain: their explanation is optional.
    explained: ClassVar[bool] = True

    def __init__(self, data: dict, ctx: Context):
        self.id = read_id(ctx, data)
        self.text = read_text(ctx, data, "text")
        read = read_text if self.explained else read_optional_text
        self.explanation = read(ctx, data, "explanation")
        self.discussion = read_optional_text(ctx, data, "discussion")
        check_keys(ctx, data, COMMON_FIELDS | self.fields)
        self.read(data, ctx)

    def read(self, data: dict, ctx: Context) -> None:
        """Read and check the kind-specific fields, reporting problems to ``ctx``."""

    @property
    def max_score(self) -> int:
        """The highest score a response can get."""
        return 0

    @property
    def scored(self) -> bool:
        """Whether the item counts towards the result."""
        return self.max_score > 0

    def check(self, response: Any) -> Any:
        """Return the response if it has the right shape, else raise InvalidResponse."""
        raise NotImplementedError

    def points(self, response: Any) -> int:
        """Score a response already checked."""
        return 0

    def score(self, response: Any) -> int:
        """Score a pupil's response; InvalidResponse when it has the wrong shape."""
        return self.points(self.check(response))

    def is_correct(self, response: Any) -> bool | None:
        """Whether the response gets full marks; None for unscored items."""
        if not self.scored:
            self.check(response)
            return None
        return self.score(response) == self.max_score

    def misconceptions(self, response: Any) -> list[str]:
        """Tags of the wrong choices in a response."""
        self.check(response)
        return []

    def correct_response(self, lang: str) -> Any:
        """A response that gets full marks, in the kind's response shape."""
        return None

    def public(self, lang: str) -> dict:
        """What the browser may see before the pupil answers: never the key."""
        return {"id": self.id, "kind": self.kind, "text": self.text[lang], **self.shown(lang)}

    def shown(self, lang: str) -> dict:
        """Kind-specific public fields."""
        return {}

    def reveal(self, lang: str, response: Any = None) -> dict:
        """What to show after answering: the key, the explanation, teaching extras."""
        result = {
            "correct_response": self.correct_response(lang),
            "explanation": self.explanation[lang] if self.explanation else None,
            "discussion": self.discussion[lang] if self.discussion else None,
        }
        if response is not None:
            result |= {
                "score": self.score(response),
                "max_score": self.max_score,
                "correct": self.is_correct(response),
                "misconceptions": self.misconceptions(response),
            }
        return result | self.teach(lang, response)

    def teach(self, lang: str, response: Any) -> dict:
        """Kind-specific extras for reveal()."""
        return {}

    def export(self) -> dict:
        """The full item in both languages, with its key."""
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "explanation": self.explanation,
            "discussion": self.discussion,
            "max_score": self.max_score,
            **self.exported(),
        }

    def exported(self) -> dict:
        """Kind-specific exported fields."""
        return {}
