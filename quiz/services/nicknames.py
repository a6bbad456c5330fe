"""Pupils' nicknames: the rules a typed nickname must follow, and friendly generated ones."""

import re
import secrets
import unicodedata

from quiz.errors import NicknameRejected

MIN_LENGTH, MAX_LENGTH = 2, 24

# A word mixing Latin and Cyrillic letters is a disguise ("Aйгерим" with a Latin A
# pretends to be someone else, or hides an insult from the filter).
_WORD = re.compile(r"\w+")

# Kazakh-aware folding for the uniqueness key, after case-folding: ё as е, and the Latin
# schwa (ə, often typed for ә on phones without a Kazakh keyboard) as the Cyrillic one.
_KEY_FOLD = str.maketrans({"ё": "е", "\u0259": "ә"})

# For the insult filter only: fold the Kazakh letters a Russian keyboard lacks, Latin
# look-alikes typed to dodge the filter, and digits used as letters.
_FILTER_FOLD = str.maketrans(
    "әғқңөұүһіёaceopxyk03@",
    "агкноуухиеасеорхукзоа",
)

# A deliberately small list of insult stems in Russian and Kazakh: enough to stop the
# obvious ones in a class of children; the teacher can still remove a participant.
INSULT_STEMS = (
    # Russian
    "дурак",
    "дура",
    "идиот",
    "дебил",
    "тупиц",
    "тупой",
    "урод",
    "лох",
    "чмо",
    "козел",
    "сука",
    "жирдяй",
    "жиртрест",
    "придур",
    "даун",
    "шлюх",
    "говн",
    # Kazakh (folded: қ→к, ң→н, ұ→у, ө→о ...)
    "акымак",
    "есек",
    "донгыз",
    "шошка",
    "онбаган",
    "малгун",
    "сасык",
    "котак",
    "бок",
    "иттин баласы",
    "ит баласы",
)

# Ordinary words that begin like a short stem.
ALLOWED = frozenset({"бокс", "боке", "дураг"})

# Short stems match whole words only ("бок" must not stop "Бокс"); long stems match
# anywhere in the collapsed nickname ("СупердУРАК").
_SHORT = 4

KK_ADJECTIVES = (
    "Ақылды",
    "Батыл",
    "Жылдам",
    "Көңілді",
    "Мейірімді",
    "Зерек",
    "Алғыр",
    "Ержүрек",
    "Шапшаң",
    "Сергек",
)
KK_ANIMALS = (
    "Түлкі",
    "Барыс",
    "Бүркіт",
    "Арыстан",
    "Тиін",
    "Жолбарыс",
    "Аққу",
    "Құлан",
    "Дельфин",
    "Кірпі",
)
RU_ADJECTIVES = (
    "Смелый",
    "Мудрый",
    "Быстрый",
    "Добрый",
    "Весёлый",
    "Умный",
    "Ловкий",
    "Зоркий",
    "Храбрый",
    "Яркий",
)
RU_ANIMALS = (
    "Барс",
    "Сокол",
    "Енот",
    "Дельфин",
    "Тигр",
    "Пингвин",
    "Орёл",
    "Ёжик",
    "Лис",
    "Кит",
)


def tidy(text: str) -> str:
    """Return the nickname as shown: NFC, trimmed, inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def nickname_key(text: str) -> str:
    """Return the key unique within a class: tidy, case-folded, Kazakh-aware."""
    return tidy(text).casefold().translate(_KEY_FOLD)


def clean_nickname(text: str) -> tuple[str, str]:
    """Return (nickname, key) of a typed nickname, or raise NicknameRejected with a reason."""
    raw = unicodedata.normalize("NFC", text or "")
    if any(_invisible(ch) for ch in raw):
        raise NicknameRejected("invisible characters", reason="control")
    nickname = tidy(raw)
    if not MIN_LENGTH <= len(nickname) <= MAX_LENGTH:
        raise NicknameRejected("length", reason="length")
    if not any(ch.isalpha() for ch in nickname):
        raise NicknameRejected("no letters", reason="letters")
    if any(_mixes_scripts(word) for word in _WORD.findall(nickname)):
        raise NicknameRejected("mixed scripts", reason="lookalike")
    if is_insult(nickname):
        raise NicknameRejected("insult", reason="insult")
    return nickname, nickname_key(nickname)


def is_insult(nickname: str) -> bool:
    """Return whether the nickname contains a word of the insult list (kk or ru)."""
    folded = tidy(nickname).casefold().translate(_FILTER_FOLD)
    words = re.findall(r"[^\W\d_]+", folded)
    collapsed, joined = "".join(words), " ".join(words)
    return any(_has_stem(stem, words, collapsed, joined) for stem in INSULT_STEMS)


def _has_stem(stem: str, words: list[str], collapsed: str, joined: str) -> bool:
    if " " in stem:
        return stem in joined
    if len(stem) > _SHORT:
        return stem in collapsed
    # a short stem, with at most a two-letter ending, as a whole word ("лохи", not "лохматый")
    return any(
        word.startswith(stem) and len(word) <= len(stem) + 2 and word not in ALLOWED
        for word in words
    )


def generate_nickname(lang: str, rng=None) -> str:
    """Return a friendly nickname: two kk or ru words and a number, e.g. «Ақылды Түлкі 27»."""
    rng = rng or secrets.SystemRandom()
    words = {"kk": (KK_ADJECTIVES, KK_ANIMALS), "ru": (RU_ADJECTIVES, RU_ANIMALS)}
    adjectives, animals = words.get(lang, words["ru"])
    return f"{rng.choice(adjectives)} {rng.choice(animals)} {rng.randint(10, 99)}"


def _invisible(ch: str) -> bool:
    # Cc: control characters; Cf: format characters (bidi overrides, zero-width joiners...);
    # Zl/Zp: line and paragraph separators. A plain space is allowed.
    # Co/Cn: private-use and unassigned code points. No-break spaces become plain spaces.
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn")


def _mixes_scripts(word: str) -> bool:
    scripts = {_script(ch) for ch in word if ch.isalpha()}
    return {"latin", "cyrillic"} <= scripts


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    return "other"
