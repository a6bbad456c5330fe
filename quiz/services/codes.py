"""Join codes: short, unambiguous, unguessable."""

import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: letters a child can copy from a projector without doubt.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
LENGTH = 8


def new_join_code() -> str:
    """Return a random join code (25^8 ≈ 1.5·10^11 possibilities)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(code: str) -> str:
    """Return a typed code as stored: upper case, spaces and dashes removed."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())
