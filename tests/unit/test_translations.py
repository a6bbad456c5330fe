"""Every interface message is translated in both languages, and nothing is fuzzy."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from quiz.i18n import LOCALES

ROOT = Path(__file__).resolve().parents[2]


def _catalog(lang):
    with open(ROOT / "quiz/translations" / lang / "LC_MESSAGES/messages.po", "rb") as fh:
        return read_po(fh, locale=lang)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The messages the code and templates use today (fresh extraction)."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--ignore-dirs",
            ".* __pycache__",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}


@pytest.mark.parametrize("lang", LOCALES)
def test_every_message_is_translated_and_not_fuzzy(lang, extracted):
    catalog = _catalog(lang)
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert "fuzzy" not in message.flags, f"{lang}: fuzzy translation of {key!r}"
        translated[key] = all(strings)
    missing = sorted(m for m in extracted if not translated.get(m))
    assert missing == [], f"{lang}: untranslated messages: {missing}"


def test_platform_speaks_exactly_kazakh_and_russian():
    folders = sorted(p.name for p in (ROOT / "quiz/translations").iterdir() if p.is_dir())
    assert tuple(folders) == tuple(sorted(LOCALES)) == ("kk", "ru")
