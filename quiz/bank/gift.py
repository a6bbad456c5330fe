"""Export the bank to Moodle's GIFT format, one language at a time.

GIFT can express single, multiple (with percentage weights), true_false, short_text and
matching; other kinds are written as ``// skipped: <kind> <quiz-id>/<item-id>`` comments.
Each question is titled ``::<quiz-id>/<item-id>::`` and the explanation is its general
feedback (``####``). Multiple choice: each correct option weighs 100/n %, each wrong one
−100/n % (n = the number of correct options), so Moodle's score, floored at 0, is ours.
"""

from quiz.bank.kinds import Item
from quiz.bank.model import Bank, Quiz
from quiz.bank.text import normalise_text

SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """Escape GIFT's special characters (and backslashes and newlines)."""
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def weight(value: float) -> str:
    """A GIFT percentage with at most five decimals: 50, 33.33333, -100."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _option_line(mark: str, text: str, feedback: dict | None, lang: str) -> str:
    line = f"{mark}{escape(text)}"
    return line + (f"#{escape(feedback[lang])}" if feedback else "")


def _single(item: Item, lang: str) -> list[str]:
    return [
        _option_line("=" if o.correct else "~", o.text[lang], o.feedback, lang)
        for o in item.options
    ]


def _multiple(item: Item, lang: str) -> list[str]:
    share = 100 / item.max_score
    return [
        _option_line(f"~%{weight(share if o.correct else -share)}%", o.text[lang], o.feedback, lang)
        for o in item.options
    ]


def _true_false(item: Item, lang: str) -> list[str]:
    return ["TRUE" if item.answer else "FALSE"]


def _short_text(item: Item, lang: str) -> list[str]:
    others = [a for other, answers in item.accept.items() if other != lang for a in answers]
    answers = item.accept[lang] + others
    answers += [normalise_text(a) for a in answers]
    return [f"={escape(a)}" for a in dict.fromkeys(answers)]


def _matching(item: Item, lang: str) -> list[str]:
    rights = {r["id"]: r["text"][lang] for r in item.rights}
    lines = [f"={escape(e['text'][lang])} -> {escape(rights[e['match']])}" for e in item.lefts]
    used = {e["match"] for e in item.lefts}
    # A pair with no left is Moodle's way to offer a distractor.
    return lines + [f"= -> {escape(text)}" for rid, text in rights.items() if rid not in used]


ANSWERS = {
    "single": _single,
    "multiple": _multiple,
    "true_false": _true_false,
    "short_text": _short_text,
    "matching": _matching,
}


def question(quiz: Quiz, item: Item, lang: str) -> str:
    """One item as a GIFT question, or a skip comment for kinds GIFT cannot express."""
    title = f"{quiz.id}/{item.id}"
    if item.kind not in ANSWERS:
        return f"// skipped: {item.kind} {title}"
    answers = "\n".join(ANSWERS[item.kind](item, lang))
    feedback = escape(item.explanation[lang])
    return f"::{title}::{escape(item.text[lang])} {{\n{answers}\n####{feedback}\n}}"


def export_gift(bank: Bank, lang: str) -> str:
    """The whole bank in one language as GIFT, one category per quiz."""
    blocks = [f"// Content bank export, language {lang}"]
    for quiz in bank.quizzes():
        blocks.append(f"$CATEGORY: $course$/{quiz.theme}/{quiz.id}")
        blocks.extend(question(quiz, item, lang) for item in quiz.items)
    return "\n\n".join(blocks) + "\n"
