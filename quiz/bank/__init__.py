"""The content bank: load, check, score and export the quiz content (no Flask here)."""

from quiz.bank.errors import BankError, InvalidResponse, Problem
from quiz.bank.kinds import KINDS, Item
from quiz.bank.kit import Kit
from quiz.bank.loader import load_bank
from quiz.bank.model import BANDS, Bank, Quiz, Theme
from quiz.bank.text import normalise_text

__all__ = [
    "BANDS",
    "KINDS",
    "Bank",
    "BankError",
    "InvalidResponse",
    "Item",
    "Kit",
    "Problem",
    "Quiz",
    "Theme",
    "load_bank",
    "normalise_text",
]
