"""Short-text answer normalisation (see the content README)."""

import re
import unicodedata

# The Kazakh letters a Russian keyboard lacks, folded to their look-alikes; ё to е.
_FOLD = str.maketrans("әғқңөұүһіё", "агкноуухие")
_SPACES = re.compile(r"\s+")


def normalise_text(value: str) -> str:
    """Normalise a typed answer: NFC, trim, collapse spaces, casefold, fold letters, drop . or !."""
    text = unicodedata.normalize("NFC", value)
    text = _SPACES.sub(" ", text).strip().casefold()
    text = text.translate(_FOLD)
    if text.endswith((".", "!")):
        text = text[:-1].rstrip()
    return text
