"""Kinds without options: true_false, short_text, info and password_lab."""

from typing import Any

from quiz.bank.errors import InvalidResponse
from quiz.bank.kinds.base import Item
from quiz.bank.schema import Context, read_text_list
from quiz.bank.text import normalise_text


class TrueFalse(Item):
    """A statement that is true or false."""

    kind = "true_false"
    fields = {"answer"}

    def read(self, data: dict, ctx: Context) -> None:
        """Read the boolean answer."""
        self.answer = data.get("answer")
        if not isinstance(self.answer, bool):
            ctx.add("a true_false item needs 'answer = true' or 'answer = false'")
            self.answer = True

    @property
    def max_score(self) -> int:
        """One point."""
        return 1

    def check(self, response: Any) -> bool:
        """true or false."""
        if not isinstance(response, bool):
            raise InvalidResponse(f"expected true or false, got {type(response).__name__}")
        return response

    def points(self, response: bool) -> int:
        """1 if equal to the answer."""
        return int(response == self.answer)

    def correct_response(self, lang: str) -> bool:
        """The answer."""
        return self.answer

    def exported(self) -> dict:
        """The answer."""
        return {"answer": self.answer}


class ShortText(Item):
    """A typed answer matched after normalisation against accepted answers of both languages."""

    kind = "short_text"
    fields = {"accept"}

    def read(self, data: dict, ctx: Context) -> None:
        """Read the accepted answers."""
        if "accept" not in data:
            ctx.add("a short_text item needs accepted answers: accept.kk and accept.ru")
            self.accept = {}
        else:
            self.accept = read_text_list(ctx, data, "accept", equal_length=False)
        self.accepted = {normalise_text(a) for answers in self.accept.values() for a in answers}

    @property
    def max_score(self) -> int:
        """One point."""
        return 1

    def check(self, response: Any) -> str:
        """A string."""
        if not isinstance(response, str):
            raise InvalidResponse(f"expected a text, got {type(response).__name__}")
        return response

    def points(self, response: str) -> int:
        """1 if the normalised response is an accepted answer."""
        return int(normalise_text(response) in self.accepted)

    def correct_response(self, lang: str) -> str:
        """The first accepted answer in that language."""
        return next(iter(self.accept.get(lang, [])), "")

    def teach(self, lang: str, response: Any) -> dict:
        """All accepted answers in that language."""
        return {"accepted": list(self.accept.get(lang, []))}

    def exported(self) -> dict:
        """The accepted answers."""
        return {"accept": self.accept}


class Info(Item):
    """A short lesson with no question; the response is null."""

    kind = "info"
    explained = False

    def check(self, response: Any) -> None:
        """null."""
        if response is not None:
            raise InvalidResponse("an info item takes no response (null)")


class PasswordLab(Item):
    """The in-browser password checker; only whether "strong" was reached is sent."""

    kind = "password_lab"

    @property
    def max_score(self) -> int:
        """One point."""
        return 1

    def check(self, response: Any) -> bool:
        """An object {"strong": true/false}."""
        if not isinstance(response, dict) or set(response) != {"strong"}:
            raise InvalidResponse('expected {"strong": true} or {"strong": false}')
        if not isinstance(response["strong"], bool):
            raise InvalidResponse('"strong" must be true or false')
        return response["strong"]

    def score(self, response: Any) -> int:
        """1 if a strong password was reached."""
        return int(self.check(response))

    def correct_response(self, lang: str) -> dict:
        """A strong password."""
        return {"strong": True}
