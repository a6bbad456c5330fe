"""Join codes: short, unambiguous, unguessable."""

import secrets
import unicodedata

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: letters a child can copy from a projector without doubt.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
LENGTH = 8

# A pupil whose keyboard is set to Kazakh or Russian types the code's letters with their
# Cyrillic look-alikes (and З for 3); Greek capitals look the same too. Folded after upper().
LOOK_ALIKES = str.maketrans(
    {
        "А": "A", "В": "B", "С": "C", "Е": "E", "Ё": "E", "Н": "H", "К": "K", "Қ": "K",
        "М": "M", "О": "O", "Р": "P", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "Ұ": "Y",
        "З": "3", "Ԛ": "Q", "Ԝ": "W", "І": "I",
        "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
        "Ρ": "P", "Τ": "T", "Χ": "X", "Υ": "Y",
    }
)  # fmt: skip


def new_join_code() -> str:
    """Return a random join code (25^8 ≈ 1.5·10^11 possibilities)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(code: str) -> str:
    """Return a typed code as stored: upper case, look-alikes folded, spaces and dashes gone."""
    # NFKC turns full-width letters and digits (Ｋ, ３) and odd dashes into plain ones
    folded = unicodedata.normalize("NFKC", code or "").upper().translate(LOOK_ALIKES)
    return "".join(ch for ch in folded if ch.isalnum())
