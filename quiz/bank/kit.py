"""The class-hour kit of a theme (``<theme>/kit.toml``), for teachers."""

import zlib
from dataclasses import asdict, dataclass

from quiz.bank.schema import Context, check_keys, read_text, read_text_list

LIVE_KEYS = {"live_quiz_1_4": "1-4", "live_quiz_5_9": "5-9", "live_quiz_10_11": "10-11"}
TEXTS = ("goal", "activity")
LISTS = ("plan10", "plan45", "questions", "posts")


@dataclass
class Kit:
    """Goal, plans, questions, activity, post prompts and the live quiz of each band."""

    theme: str
    goal: dict[str, str]
    plan10: dict[str, list[str]]
    plan45: dict[str, list[str]]
    questions: dict[str, list[str]]
    activity: dict[str, str]
    posts: dict[str, list[str]]
    live_quizzes: dict[str, str]
    file: str = ""

    def question_for(self, item_id: str) -> dict[str, str] | None:
        """One of the kit's questions for an item, {lang: text}: the same item, the same one.

        CRC-32 rather than hash(): Python salts string hashes per process, and two app
        servers must show the class the same prompt.
        """
        count = min((len(texts) for texts in self.questions.values()), default=0)
        if not count:
            return None
        index = zlib.crc32(item_id.encode()) % count
        return {lang: texts[index] for lang, texts in self.questions.items()}

    def export(self) -> dict:
        """The kit as JSON-able data."""
        data = asdict(self)
        del data["file"]
        return data


def read_kit(ctx: Context, data: dict, theme: str) -> Kit:
    """Read and check a kit of the theme ``theme`` (live quiz ids are checked by the loader)."""
    check_keys(ctx, data, {"theme", "live_quiz", *TEXTS, *LISTS, *LIVE_KEYS})
    if "live_quiz" in data:
        ctx.add("name the live quiz of each band: live_quiz_1_4, live_quiz_5_9, live_quiz_10_11")
    if data.get("theme") != theme:
        ctx.add(f"'theme' must be '{theme}', the folder the kit is in")
    live = {}
    for key, band in LIVE_KEYS.items():
        if key in data:
            if isinstance(data[key], str):
                live[band] = data[key]
            else:
                ctx.add(f"'{key}' must be a quiz id")
    texts = {key: read_text(ctx, data, key) for key in TEXTS}
    lists = {key: read_text_list(ctx, data, key) for key in LISTS}
    return Kit(theme=theme, live_quizzes=live, file=ctx.file, **texts, **lists)
