"""The registry of item kinds: a new kind is one class and one entry here."""

from quiz.bank.kinds.base import Item
from quiz.bank.kinds.choice import Multiple, Ordering, Poll, Single
from quiz.bank.kinds.interactive import RedFlags, Scenario
from quiz.bank.kinds.pairing import Categorise, Matching
from quiz.bank.kinds.plain import Info, PasswordLab, ShortText, TrueFalse

KINDS: dict[str, type[Item]] = {
    cls.kind: cls
    for cls in (
        Single,
        Multiple,
        TrueFalse,
        ShortText,
        Ordering,
        Matching,
        Categorise,
        RedFlags,
        Scenario,
        Poll,
        Info,
        PasswordLab,
    )
}

__all__ = ["KINDS", "Item"]
