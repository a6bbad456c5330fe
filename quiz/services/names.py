"""Keys for comparing names: NFC, trimmed, inner spaces collapsed, case-folded."""

import unicodedata


def name_key(text: str) -> str:
    """Return the comparison key of a name (SQLite folds ASCII only, so fold in Python)."""
    text = unicodedata.normalize("NFC", text or "")
    return " ".join(text.split()).casefold()
