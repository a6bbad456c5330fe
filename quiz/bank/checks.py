"""Content quality checks on a loaded bank: writing rules and coverage of the challenge.

``content_problems`` is what ``python -m quiz.bank check`` adds to the loader's problems:
Latin look-alike letters mixed into Cyrillic words, Kazakh text written without Kazakh
letters, the README's counts (10–25 items, 2–4 takeaways) and misconception names (short,
kk with Kazakh letters, ru without). ``coverage_problems`` is the challenge's coverage
(every theme and band, enough items and kinds, kits).

Kazakh letters: a kk text of at least ``KAZAKH_MIN_WORDS`` (4) Cyrillic words must contain
one of ә ғ қ ң ө ұ ү һ і. Shorter texts (labels like «Иә», «Жоқ», «Ата-анама айтамын»)
are not checked: a short Kazakh phrase can lack them, while four Kazakh words without any
of the nine letters are very rare and usually mean Russian letters were typed instead.
"""

import re
import unicodedata
from collections.abc import Iterator

from quiz.bank.errors import Problem
from quiz.bank.misconceptions import MISCONCEPTIONS_FILE
from quiz.bank.model import BANDS, Bank
from quiz.i18n import LOCALES

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_MIN_WORDS = 4
NAME_WORDS = (2, 12)
INTERACTIVE_KINDS = {"red_flags", "scenario", "categorise", "password_lab"}
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ")[0]


def mixed_script_words(text: str) -> list[str]:
    """Words (runs of letters) that mix Latin and Cyrillic letters, e.g. 'пaроль' with Latin a."""
    runs = _LETTER_RUN.findall(unicodedata.normalize("NFC", text))
    return [w for w in runs if {"LATIN", "CYRILLIC"} <= {_script(c) for c in w}]


def cyrillic_words(text: str) -> list[str]:
    """Words written in Cyrillic letters only."""
    runs = _LETTER_RUN.findall(unicodedata.normalize("NFC", text))
    return [w for w in runs if {_script(c) for c in w} == {"CYRILLIC"}]


def lacks_kazakh_letters(text: str) -> bool:
    """Whether a kk text long enough to need Kazakh letters has none."""
    if len(cyrillic_words(text)) < KAZAKH_MIN_WORDS:
        return False
    return not KAZAKH_LETTERS & set(text)


def iter_texts(node, path: str = "") -> Iterator[tuple[str, str, str]]:
    """Yield (path, lang, text) for every text in exported data (tables of kk/ru)."""
    if isinstance(node, dict):
        if node and set(node) <= set(LOCALES):
            for lang, value in node.items():
                values = value if isinstance(value, list) else [value]
                for text in values:
                    yield path, lang, text
            return
        for key, value in node.items():
            yield from iter_texts(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_texts(value, f"{path}[{index + 1}]")


def _located_texts(bank: Bank) -> Iterator[tuple[str, str, str, str, str]]:
    """(file, item, path, lang, text) for every text of the bank."""
    for theme in bank.themes:
        for path, lang, text in iter_texts({"title": theme.title, "summary": theme.summary}):
            yield "themes.toml", theme.slug, path, lang, text
        if theme.kit:
            for path, lang, text in iter_texts(theme.kit.export()):
                yield theme.kit.file, "", path, lang, text
        yield from _name_texts(theme)
        for quiz in theme.quizzes:
            for path, lang, text in iter_texts({"title": quiz.title, "takeaways": quiz.takeaways}):
                yield quiz.file, "", path, lang, text
            for item in quiz.items:
                for path, lang, text in iter_texts(item.export()):
                    yield quiz.file, item.id, path, lang, text


def _name_texts(theme) -> Iterator[tuple[str, str, str, str, str]]:
    """(file, tag, path, lang, text) for every misconception name of a theme."""
    for tag, name in theme.misconceptions.items():
        for path, lang, text in iter_texts({"misconceptions": {tag: name}}):
            yield f"{theme.slug}/{MISCONCEPTIONS_FILE}", tag, path, lang, text


def text_problems(bank: Bank) -> list[Problem]:
    """Look-alike Latin letters in Cyrillic words, and kk texts without Kazakh letters."""
    problems = []
    for file, item, path, lang, text in _located_texts(bank):
        for word in mixed_script_words(text):
            problems.append(
                Problem(file, item, f"{path}.{lang}: Latin and Cyrillic mixed in '{word}'")
            )
        if lang == "kk" and lacks_kazakh_letters(text):
            problems.append(Problem(file, item, f"{path}.kk: no Kazakh letters in '{text[:60]}'"))
    return problems


def count_problems(bank: Bank) -> list[Problem]:
    """The README's counts: 10–25 items per quiz, 2–4 takeaways."""
    problems = []
    for quiz in bank.quizzes():
        if not 10 <= len(quiz.items) <= 25:
            problems.append(Problem(quiz.file, "", f"{len(quiz.items)} items, needs 10–25"))
        if not 2 <= len(quiz.takeaways.get("kk", [])) <= 4:
            problems.append(Problem(quiz.file, "", "needs 2–4 takeaways"))
    return problems


def name_problems(bank: Bank) -> list[Problem]:
    """Misconception names: 2–12 words, kk with Kazakh letters, ru without them."""
    problems = []
    low, high = NAME_WORDS
    for theme in bank.themes:
        file = f"{theme.slug}/{MISCONCEPTIONS_FILE}"
        for tag, name in theme.misconceptions.items():
            for lang in LOCALES:
                if not low <= len(name[lang].split()) <= high:
                    reason = f"{lang}: a name is a short phrase of {low}–{high} words"
                    problems.append(Problem(file, tag, reason))
            # text_problems already judges names of KAZAKH_MIN_WORDS words or more
            if not KAZAKH_LETTERS & set(name["kk"]) and not lacks_kazakh_letters(name["kk"]):
                problems.append(Problem(file, tag, f"kk: no Kazakh letters in '{name['kk']}'"))
            if KAZAKH_LETTERS & set(name["ru"]):
                problems.append(Problem(file, tag, f"ru: Kazakh letters in '{name['ru']}'"))
    return problems


def content_problems(bank: Bank) -> list[Problem]:
    """All writing-rule problems of a loaded bank."""
    return text_problems(bank) + count_problems(bank) + name_problems(bank)


def band_problems(bank: Bank, min_items: int = 12) -> list[Problem]:
    """Every theme needs, for every band, a quiz with at least ``min_items`` items."""
    return [
        Problem(f"{theme.slug}/", "", f"band {band}: no quiz with {min_items}+ items")
        for theme in bank.themes
        for band in BANDS
        if not any(len(q.items) >= min_items for q in bank.quizzes(theme.slug, band))
    ]


def kind_problems(bank: Bank, min_kinds: int = 5) -> list[Problem]:
    """Every theme uses ``min_kinds`` kinds or more, one of them interactive."""
    problems = []
    for theme in bank.themes:
        kinds = {item.kind for quiz in theme.quizzes for item in quiz.items}
        if len(kinds) < min_kinds:
            problems.append(
                Problem(f"{theme.slug}/", "", f"uses {len(kinds)} kinds, needs {min_kinds}")
            )
        if not kinds & INTERACTIVE_KINDS:
            names = ", ".join(sorted(INTERACTIVE_KINDS))
            problems.append(Problem(f"{theme.slug}/", "", f"needs one interactive kind of {names}"))
    return problems


def kit_problems(bank: Bank) -> list[Problem]:
    """Every theme has a kit naming a live quiz for every band."""
    problems = []
    for theme in bank.themes:
        if theme.kit is None:
            problems.append(Problem(f"{theme.slug}/kit.toml", "", "the theme has no kit"))
            continue
        for band in BANDS:
            if band not in theme.kit.live_quizzes:
                problems.append(Problem(theme.kit.file, "", f"no live quiz for band {band}"))
    return problems


def explanation_problems(bank: Bank, min_chars: int = 40) -> list[Problem]:
    """Every scored item explains itself in at least ``min_chars`` characters per language."""
    return [
        Problem(quiz.file, item.id, f"explanation.{lang} is shorter than {min_chars} characters")
        for quiz in bank.quizzes()
        for item in quiz.items
        if item.scored
        for lang in LOCALES
        if len(item.explanation[lang]) < min_chars
    ]


def coverage_problems(bank: Bank, min_total: int = 288) -> list[Problem]:
    """The challenge's coverage: bands, kinds, kits, explanations and the total item count."""
    problems = band_problems(bank) + kind_problems(bank) + kit_problems(bank)
    total = sum(len(quiz.items) for quiz in bank.quizzes())
    if total < min_total:
        problems.append(Problem(".", "", f"{total} items in all, needs {min_total}"))
    return problems + explanation_problems(bank)
