"""Problems found in the content and the exceptions the bank raises."""

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with the content: which file, which item ("" for none), and why."""

    file: str
    item: str
    reason: str

    def __str__(self) -> str:
        """Render as ``file: item: reason`` (``file: reason`` when there is no item)."""
        if self.item:
            return f"{self.file}: {self.item}: {self.reason}"
        return f"{self.file}: {self.reason}"


class BankError(Exception):
    """The content bank cannot be loaded; ``problems`` lists everything found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InvalidResponse(ValueError):
    """A pupil's response does not have the shape the item kind expects."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)
